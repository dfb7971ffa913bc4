// What this tab's reader searched and read, kept in sessionStorage (this tab only, gone when
// it closes; never a cookie, never sent with requests) to count, without personal data:
// searches that found nothing, and the searches and articles that came before the contact
// form (POST /api/search-miss; see netlify/lib/insights.mjs).

import { isCountableQuery } from "../common/insights.js";

const KEY = "hc-trail";
const ARTICLES_KEPT = 5;
const QUERY_FRESH_MS = 30 * 60 * 1000; // a search older than this did not lead to the contact form
const MISS_DELAY_MS = 2000; // a search counts as missed once the reader stops typing

const meta = () => document.querySelector('meta[name="helpcenter:insights"]');

function read() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || "{}") || {};
  } catch {
    return {};
  }
}

function write(trail) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(trail));
  } catch { /* storage off or full: nothing is counted */ }
}

function send(body) {
  const element = meta();
  if (!element) return;
  fetch(element.content, {
    method: "POST", keepalive: true, credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ ...body, lang: element.dataset.lang }),
  }).catch(() => {});
}

let pendingMiss = null;
function flushMiss() {
  if (pendingMiss) {
    clearTimeout(pendingMiss.timer);
    send({ kind: "no_results", query: pendingMiss.query });
    pendingMiss = null;
  }
}
addEventListener("pagehide", flushMiss);

/** The reader's search found something (or is still being typed): no miss to count. */
export function searched(query) {
  if (pendingMiss && pendingMiss.query !== query) {
    clearTimeout(pendingMiss.timer);
    pendingMiss = null;
  }
  write({ ...read(), query, at: Date.now() });
}

/** Nothing found for `query`: counted once the reader stops typing (or leaves the page). */
export function missed(query) {
  searched(query);
  // Only what the function counts (no 10,000-character paste, no emoji-only search).
  if (pendingMiss?.query === query || !isCountableQuery(query)) return;
  pendingMiss = { query, timer: setTimeout(flushMiss, MISS_DELAY_MS) };
}

/** An article this reader opened. */
export function readArticle(path) {
  const trail = read();
  const articles = (trail.articles || []).filter((p) => p !== path);
  write({ ...trail, articles: [...articles, path].slice(-ARTICLES_KEPT) });
}

/** The contact form opened: count what came before it, once. */
export function reachedContact() {
  const trail = read();
  const fresh = trail.query && Date.now() - (trail.at || 0) < QUERY_FRESH_MS && isCountableQuery(trail.query);
  const query = fresh ? trail.query : undefined;
  const articles = trail.articles || [];
  if (!query && !articles.length) return;
  send({ kind: "contacted", ...(query ? { query } : {}), articles });
  write({});
}
