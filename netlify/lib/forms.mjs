// The contact form's schema in each language of the site (the build writes
// form-schema.json: {default, languages: {en: {...}, es: {...}}}), and the functions' own
// messages in those languages. Fields and rules are the same in every language; labels,
// messages and the thank-you and error pages are the customer's.

import schemas from "../generated/form-schema.json" with { type: "json" };
import texts from "../generated/text.json" with { type: "json" };
import { bestMatch } from "../../common/language.js";
import { textIn } from "../../common/text.js";

export const defaultSchema = schemas.languages[schemas.default];

const known = (code) => bestMatch(code, schemas.languages);

/**
 * The language to answer in: the form's own (`lang` in the query or the form data), then the
 * language of the page that posted (its path, /es/...), then the browser's preference.
 */
export function languageOf(request, formLang = null) {
  const url = new URL(request.url);
  const chosen = known(url.searchParams.get("lang")) || known(formLang);
  if (chosen) return chosen;
  try {
    // /es/contact/, or /help/es/contact/ on a site served under a path.
    const parts = new URL(request.headers.get("referer") || "").pathname.split("/").slice(1, 3);
    const page = parts.find((part) => known(part) && part !== schemas.default);
    if (page) return known(page);
  } catch { /* no referer */ }
  for (const part of (request.headers.get("accept-language") || "").split(",")) {
    const code = known(part.split(";")[0]);
    if (code) return code;
  }
  return schemas.default;
}

export function schemaFor(lang) {
  return schemas.languages[known(lang) || schemas.default];
}

// The functions' own answers, per language: the "functions" section of each language's
// catalog (plugins/helpcenter/i18n/locales/<lang>.yml), which the build writes to
// generated/text.json with English behind missing keys.
const sections = (lang, name) => (texts.languages[known(lang) || bestMatch(lang, texts.languages) || texts.default] || {})[name];

/** What the functions say in `lang`: `say("too_large", {size})`. */
export function functionMessages(lang) {
  const code = known(lang) || bestMatch(lang, texts.languages) || texts.default;
  return textIn(sections(code, "functions"), code);
}

/** What the search page's scripts say in `lang` (the no-JavaScript search answers with it). */
export function scriptText(lang) {
  const code = known(lang) || bestMatch(lang, texts.languages) || texts.default;
  return textIn(sections(code, "scripts"), code);
}
