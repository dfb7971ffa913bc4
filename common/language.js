// Language tags, normalized in one place for the browser and the functions: what a page, a
// browser or a form says ("es-MX", "pt_BR", "EN") and the language whose text serves it ("es").
// The build's side is plugins/helpcenter/i18n/tags.py; tests/unit/test_language_tags.py holds
// the two to the same answers.

/** A tag as BCP 47 writes it: "pt_br" -> "pt-BR", "ZH-hans" -> "zh-Hans" (tags.py: canonical_tag). */
export function canonicalTag(tag) {
  const parts = String(tag ?? "").trim().replace(/_/g, "-").split("-").filter(Boolean);
  if (!parts.length) return "";
  return [parts[0].toLowerCase(), ...parts.slice(1).map((part) => {
    if (/^[a-z]{4}$/i.test(part)) return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
    if (/^([a-z]{2}|[0-9]{3})$/i.test(part)) return part.toUpperCase();
    return part.toLowerCase();
  })].join("-");
}

/** The primary language subtag, lower case: "es-MX" -> "es", "pt_BR" -> "pt". */
export function baseLanguage(tag) {
  return String(tag ?? "").trim().replace(/_/g, "-").split("-")[0].toLowerCase();
}

/** The tag itself where `available` has it, else its base language, else null. */
export function bestMatch(tag, available) {
  const has = (code) => (available instanceof Set ? available.has(code) : Object.hasOwn(available, code));
  const own = String(tag ?? "").trim();
  if (own && has(own)) return own;
  if (own && has(canonicalTag(own))) return canonicalTag(own);
  const base = baseLanguage(own);
  return base && has(base) ? base : null;
}
