// GET /api/search?q=...&lang=es: the search results page for readers without JavaScript.
// Search boxes submit here until a script takes them over (then they go to the static
// /search/ page, which answers in the browser). The answer is the site's own search page for
// that language with the results written in, ranked by the browser's engine (search/engine.js)
// on the same index files, fetched from the site itself: one ranking, whoever asks.

import lunr from "../lib/lunr.mjs";

import { FULL_TEXT, SearchEngine } from "../../overrides/assets/helpcenter/search/engine.js";
import { matchedParts, resultLink, snippet } from "../../overrides/assets/helpcenter/search/render.js";
import { bestMatch } from "../../common/language.js";
import { SEARCH_PAGES, DEFAULT_LANGUAGE } from "../lib/site-pages.mjs";
import { escapeHTML, fillSlots, html, plainPage, sitePage } from "../lib/pages.mjs";
import { problem } from "../lib/http.mjs";
import { scriptText } from "../lib/forms.mjs";

const LIMIT = 50;
const MAX_QUERY = 500;
// One engine per index (per language): its downloads are kept while the function stays warm.
// A new deploy (or a preview rebuild) names a new manifest, which gets a new engine.
const engines = new Map();
const MAX_ENGINES = 16;

export default async function search(request) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return problem(405, "method_not_allowed", "Use GET.");
  }
  const params = new URL(request.url).searchParams;
  const lang = bestMatch(params.get("lang") || DEFAULT_LANGUAGE, SEARCH_PAGES) || DEFAULT_LANGUAGE;
  const query = (params.get("q") || "").slice(0, MAX_QUERY);
  const text = scriptText(lang);
  const page = await sitePage(request, SEARCH_PAGES[lang]);
  if (!page) {
    // The site itself is unreachable: say so, and keep the way to a person open.
    const contact = new URL("../contact/", new URL(SEARCH_PAGES[lang], request.url)).pathname;
    return html(503, plainPage({ lang, title: text("error"), body: `<p><a href="${escapeHTML(contact)}">${escapeHTML(text("contact_link"))}</a></p>` }));
  }
  let answer;
  try {
    // Where the index is, and the language's home and contact page: what the page tells its script.
    const meta = searchMeta(page.html, new URL(SEARCH_PAGES[lang], request.url));
    answer = query.trim() ? await results(meta, query, text) : "";
  } catch (error) {
    console.error("search:", error);
    answer = `<p class="hc-search-page__summary">${escapeHTML(text("error"))}</p>`;
  }
  const body = fillSlots(page.html, { results: answer })
    .replace(/(<section id="hc-search-page"[^>]*?) hidden>/, (_, start) => `${start}>`)
    // The query stays in the box, as the browser's own results page keeps it (a function:
    // "$&" in a query is text).
    .replace('id="hc-q" ', () => `id="hc-q" value="${escapeHTML(query)}" `);
  return html(200, body, { csp: page.csp });
}

async function results({ manifestUrl, root, contact }, query, text) {
  let engine = engines.get(manifestUrl.href);
  if (!engine) {
    engine = new SearchEngine({ manifestUrl, lunr });
    engines.set(manifestUrl.href, engine);
    // One per language is plenty: the oldest goes first.
    if (engines.size > MAX_ENGINES) engines.delete(engines.keys().next().value);
  }
  const found = await engine.search(query, { limit: LIMIT, tiers: FULL_TEXT });
  const docs = await engine.documents(found.results.map((result) => result.ref));
  const mark = (value) => matchedParts(engine, value, found.words)
    .map(([part, matched]) => (matched ? `<mark>${escapeHTML(part)}</mark>` : escapeHTML(part))).join("");
  const items = docs.map((doc) => {
    const { href, section } = resultLink(engine, doc, found.words, root);
    const sectionPart = section
      ? `<span class="hc-result__section" aria-label="${escapeHTML(`${text("section")}: ${section.text}`)}"> › ${mark(section.text)}</span>` : "";
    return `<li class="hc-search-page__result"><a href="${escapeHTML(href)}">`
      + `<span class="hc-result__title">${mark(doc.title)}</span>`
      + `<span class="hc-result__meta">${escapeHTML(doc.category)}${sectionPart}</span>`
      + `<span class="hc-result__snippet">${mark(snippet(engine, doc.summary, found.words))}</span></a></li>`;
  });
  const summary = docs.length
    ? escapeHTML(text("results", { count: found.total }) + (found.fuzzy ? ` ${text("typo")}` : ""))
    : noResults(text, query, contact);
  return `<p class="hc-search-page__summary" role="status" aria-live="polite">${summary}</p>`
    + `<ol class="hc-search-page__results">${items.join("")}</ol>`;
}

/** The search meta tag's URLs (see overrides/main.html), resolved against the page's. */
function searchMeta(page, pageUrl) {
  const tag = /<meta name="helpcenter:search"[^>]*>/.exec(page);
  if (!tag) throw new Error("the search page names no index");
  const attribute = (name) => {
    const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag[0])?.[1];
    return value === undefined ? null : value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  };
  const resolve = (value, fallback) => new URL(value ?? fallback, pageUrl).href;
  return { manifestUrl: new URL(resolve(attribute("content"))), root: resolve(attribute("data-root"), "../"),
    contact: resolve(attribute("data-contact"), "../contact/") };
}

export const config = {
  path: "/api/search",
  // A person searches a few times a minute; a script crawling every word is cut off.
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};

/** "No articles match “x”. Try other words, or <a>contact us</a>." */
function noResults(text, query, contact) {
  const [before, after] = text.around("no_results_help", "contact");
  return `${escapeHTML(`${text("no_results", { query })} ${before}`)}`
    + `<a href="${escapeHTML(contact)}">${escapeHTML(text("contact_link"))}</a>${escapeHTML(after)}`;
}
