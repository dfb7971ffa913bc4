// Language tags, normalized in one place for the browser and the functions: what a page, a
// browser or a form says ("es-MX", "pt_BR", "EN") and the language whose text serves it ("es").
// The build's side is plugins/helpcenter/i18n/tags.py; tests/unit/test_language_tags.py holds
// the two to the same answers.

/** The primary language subtag, lower case: "es-MX" -> "es", "pt_BR" -> "pt". */
export function baseLanguage(tag) {
  return String(tag ?? "").trim().replace(/_/g, "-").split("-")[0].toLowerCase();
}

/** The tag itself where `available` has it, else its base language, else null. */
export function bestMatch(tag, available) {
  const has = (code) => (available instanceof Set ? available.has(code) : Object.hasOwn(available, code));
  const own = String(tag ?? "").trim();
  if (own && has(own)) return own;
  const base = baseLanguage(own);
  return base && has(base) ? base : null;
}
