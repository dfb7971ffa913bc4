// What the help center's scripts say, in the page's language: the "scripts" section of the
// language's catalog (plugins/helpcenter/i18n/locales/<lang>.yml), which the build writes to
// the module named by <meta name="helpcenter:text"> (English behind missing keys). Importers
// wait for it, so they can say things at once: strings()("results", {count: 3}).

import { textIn } from "./common/text.js";

const meta = typeof document === "undefined" ? null : document.querySelector('meta[name="helpcenter:text"]');
const entries = meta ? (await import(new URL(meta.content, document.baseURI).href)).default : {};
const say = textIn(entries, (typeof document === "undefined" ? "" : document.documentElement.lang) || "en");

/** The page's text: `say(key, params)`, and `say.around(key, name, params)` for an element. */
export function strings() {
  return say;
}
