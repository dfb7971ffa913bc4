// Material for MkDocs' inline bootstrap (partials/javascripts/base.html), as a file so that the
// Content-Security-Policy can forbid inline scripts. The site root comes from data-base.
var __md_base = document.currentScript.dataset.base;
var __md_scope = new URL(__md_base, location);
var __md_hash = (e) => [...e].reduce((h, c) => (h << 5) - h + c.charCodeAt(0), 0);
var __md_get = (e, s = localStorage, t = __md_scope) => JSON.parse(s.getItem(t.pathname + "." + e));
var __md_set = (e, v, s = localStorage, t = __md_scope) => {
  try { s.setItem(t.pathname + "." + e, JSON.stringify(v)); } catch (_) { /* storage full or off */ }
};
