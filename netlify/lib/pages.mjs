// Pages the functions answer without JavaScript on the reader's side (search results, the
// contact form's outcome): the site's own built page for that language, fetched from the
// site itself, with the answer written into the places its template marks `<!--hc:NAME-->`.
// The page keeps the site's look, language and navigation; nothing of it is copied here.

import { SECURITY_HEADERS } from "./http.mjs";

// The site answers in well under a second; a page that hangs gets the plain page instead.
const PAGE_TIMEOUT_MS = 5000;
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML content and attribute values. */
export function escapeHTML(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The built page at `path` (on the request's own site), or null when it cannot be had. The
 * response's URL differs from the page's, so a <base> keeps its relative links (styles,
 * scripts, navigation) pointing where the page's own do.
 */
export async function sitePage(request, path) {
  const url = new URL(path, request.url);
  try {
    const response = await fetch(url, { headers: { accept: "text/html" }, redirect: "follow",
      signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
    if (!response.ok) return null;
    const html = await response.text();
    const csp = response.headers.get("content-security-policy");
    // Under the <base>, a link to "#part" would leave this answer for the static page: it
    // names this answer's own URL instead, so it stays in the page (a skip link, a footnote).
    const here = new URL(request.url);
    // Replacements are functions: a "$" in a URL is text, not a replacement pattern.
    const base = `<head><base href="${escapeHTML(response.url || url.href)}">`;
    const self = escapeHTML(here.pathname + here.search);
    const withBase = html.replace(/<head>/i, () => base)
      .replace(/(<a\s[^>]*?\bhref=")#/gi, (_, start) => `${start}${self}#`);
    return { html: withBase, csp };
  } catch {
    return null;
  }
}

/**
 * The page with each `<!--hc:NAME-->` marker, or each `<!--hc:NAME-->...<!--/hc:NAME-->`
 * range, replaced by `slots[NAME]` (HTML, escaped by the caller). Others stay as they are.
 * A `<template data-hc-if="NAME">...</template>` is a part only the function's answer shows
 * (inert in the static page): with a slot NAME, its content takes its place, slots filled.
 */
export function fillSlots(html, slots) {
  return html.replace(/<template data-hc-if="([a-z-]+)">([\s\S]*?)<\/template>|<!--hc:([a-z-]+)-->(?:([\s\S]*?)<!--\/hc:\3-->)?/g,
    (marker, shownIf, part, name) => {
      if (shownIf) return Object.hasOwn(slots, shownIf) ? fillSlots(part, slots) : marker;
      return Object.hasOwn(slots, name) ? slots[name] : marker;
    });
}

/**
 * An HTML answer. Its policy is the static page's (the site's CSP, which allows its scripts
 * and styles), or the functions' strict one when the page came without it.
 */
export function html(status, body, { csp = null } = {}) {
  const headers = { ...SECURITY_HEADERS, "Content-Type": "text/html; charset=utf-8" };
  headers["Content-Security-Policy"] = csp || "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
  return new Response(body, { status, headers });
}

/** The last resort when the site's page cannot be fetched: a plain page that still helps. */
export function plainPage({ lang, title, body }) {
  return `<!doctype html><html lang="${escapeHTML(lang)}"><head><meta charset="utf-8">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHTML(title)}</title></head>`
    + `<body><main><h1>${escapeHTML(title)}</h1>${body}</main></body></html>`;
}
