// Interface text from the catalogs (plugins/helpcenter/i18n/locales/<lang>.yml), for the
// browser and the functions. The build hands each a section of a language's catalog, English
// behind its missing keys; this module fills it in the way the build's own templates do
// (plugins/helpcenter/i18n/interface_text.py: `fill` and `plural_category`; a test holds the
// two to the same text): {name} is replaced by a value, and a value with plural forms
// ({one, other, ...}) is chosen by CLDR's rules for the language (Intl.PluralRules here,
// Babel's data there).

const PLACEHOLDER = /\{(\w+)\}/g;

/** `template` with each {name} that `params` has replaced by its value. */
export function fill(template, params = {}) {
  return String(template).replace(PLACEHOLDER, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The CLDR plural category of `count` in `lang`: "one", "few", "other"... */
export function pluralCategory(lang, count) {
  try {
    return new Intl.PluralRules(lang).select(count);
  } catch {
    return new Intl.PluralRules("en").select(count);
  }
}

/**
 * A function that says one key of `entries` (a catalog section, keys without its prefix) in
 * `lang`: `say("results", {count: 3})` -> "3 articles found". A key the section lacks says
 * itself, so a missing text shows up on the page instead of breaking it.
 */
export function textIn(entries, lang) {
  const say = (key, params = {}) => {
    let value = entries?.[key];
    if (value === undefined || value === null) return key;
    if (typeof value === "object") {
      const forms = value;
      value = forms[pluralCategory(lang, Number(params.count))] ?? forms.other;
    }
    return fill(value, params);
  };
  /** The text around one placeholder, for a value that is an element (a link, <strong>). */
  say.around = (key, name, params = {}) => {
    const marker = `\u0000${name}\u0000`;
    const [before, after = ""] = say(key, { ...params, [name]: marker }).split(marker);
    return [before, after];
  };
  say.lang = lang;
  say.entries = entries;
  return say;
}
