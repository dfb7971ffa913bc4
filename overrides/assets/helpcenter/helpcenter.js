// The help center's page script: small on purpose. Features load when a reader needs them;
// search, for one, fetches nothing until a search box gets focus.

import { foldingSearch, keyboardMenu, searchInTheBrowser } from "./header.js";

searchInTheBrowser();
foldingSearch();
keyboardMenu();

const searchInputs = () => [...document.querySelectorAll("input.hc-search-input")];

// The search modules come as one file (search/entry.js says which, `npm run bundle` builds
// it): one request, where separate modules would each cost one, or a round trip per level
// of imports, which a phone on a slow network feels.
const SEARCH_BUNDLE = "./search/bundle.js";

// The search data and lunr.js start downloading on focus, alongside the code (which would
// otherwise only ask for them once it has arrived); search/load.js uses the same
// downloads. A small first tier comes whole, so the first keystroke waits for no shard.
let downloads = null;

export function fetchJSON(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`search data ${url.pathname}: HTTP ${response.status}`);
    return response.json();
  });
}

// A download that failed is forgotten after a second, so that a later search asks again: a
// phone that lost its signal for a moment must not need a reload to search, and a file that
// is gone is not asked for on every keystroke. (The same delay as search/engine.js'
// RETRY_AFTER_MS: this page script stays small and does not import the engine.)
const RETRY_AFTER_MS = 1000;
function startDownload(files, href) {
  const download = fetchJSON(new URL(href));
  files.set(href, download);
  download.catch(() => setTimeout(() => { if (files.get(href) === download) files.delete(href); }, RETRY_AFTER_MS));
  return download;
}

/** Start (once) the downloads search needs: {manifest, files: URL -> JSON, scripts}. */
export function prefetchSearchData() {
  const meta = document.querySelector('meta[name="helpcenter:search"]');
  if (!meta) return null;
  if (downloads) return downloads;
  const vendor = new URL("vendor/", import.meta.url);
  const script = (name) => new Promise((resolve, reject) => {
    // A script added by a script is fetched at low priority; the reader is waiting for this one.
    const element = Object.assign(document.createElement("script"),
      { src: new URL(name, vendor).href, async: false, fetchPriority: "high" });
    element.onload = resolve;
    element.onerror = () => reject(new Error(`could not load ${name}`));
    document.head.append(element);
  });
  // lunr.js, and the lunr-languages scripts the build names for the site's language.
  const names = ["lunr.min.js", ...(meta.dataset.scripts || "").split(" ").filter(Boolean)];
  const manifestUrl = new URL(meta.content, document.baseURI);
  const files = new Map();
  // The page names a small site's first tier, so it downloads beside the manifest.
  for (const path of (meta.dataset.prefetch || "").split(" ").filter(Boolean)) {
    const url = new URL(path, document.baseURI);
    startDownload(files, url.href);
  }
  const manifest = fetchJSON(manifestUrl).then((data) => {
    if (data.tiers.primary.prefetch) {
      for (const [, file] of data.tiers.primary.shards) {
        const url = new URL(file, manifestUrl);
        if (!files.has(url.href)) startDownload(files, url.href);
      }
    }
    return data;
  });
  const scripts = Promise.all(names.map(script));
  downloads = { manifest, files, scripts };
  Promise.all([manifest, scripts]).catch(() => { downloads = null; }); // a later focus retries
  return downloads;
}

// On large sites the first tier is cut into term-range shards, fetched per query word. The
// words are known as soon as they are typed, before the search modules have even arrived:
// start the shard each word falls in now (a word and its stem nearly always share one; the
// engine fetches any other it needs), so both downloads overlap. The page lists the shards
// ("term file term file ...") when the list is short; otherwise they wait for the manifest.
const PREFIX = 3;
function prefetchShardsFor(text) {
  if (!downloads) return;
  const words = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > PREFIX);
  if (!words.length) return;
  const meta = document.querySelector('meta[name="helpcenter:search"]');
  const fetchShards = (shards) => {
    const base = new URL(meta.content, document.baseURI);
    for (const word of words.slice(0, 12)) {
      // Shard i holds the terms from its first term up to the next shard's.
      let i = 0;
      while (i + 1 < shards.length && shards[i + 1][0] <= word) i++;
      const url = new URL(shards[i][1], base).href;
      if (!downloads.files.has(url)) startDownload(downloads.files, url);
    }
  };
  // "term hash term hash ...": shard i's first term, and the hash in its file's name, which
  // data-shard-name spells ("primary-{n}.{hash}.json": the build's rule, written once there).
  const listed = (meta.dataset.shards || "").split(" ").filter(Boolean);
  if (listed.length && meta.dataset.shardName) {
    const name = (i) => meta.dataset.shardName.replace("{n}", i).replace("{hash}", listed[2 * i + 1]);
    fetchShards(Array.from({ length: listed.length >> 1 }, (_, i) => [listed[2 * i], name(i)]));
    return;
  }
  downloads.manifest.then((manifest) => {
    if (!manifest.tiers.primary.prefetch) fetchShards(manifest.tiers.primary.shards);
  }).catch(() => {});
}

let searchModule = null;
function startSearch() {
  if (!searchModule) {
    prefetchSearchData();
    searchModule = import(SEARCH_BUNDLE).then((search) => {
      search.getEngine().then((engine) => engine.ready()).catch(() => {});
      searchInputs().forEach(search.enhance);
      return search;
    });
    searchModule.catch(() => { searchModule = null; }); // a later focus may retry
  }
  return searchModule;
}

document.addEventListener("focusin", (event) => {
  if (event.target.matches?.("input.hc-search-input")) startSearch();
});
document.addEventListener("input", (event) => {
  if (event.target.matches?.("input.hc-search-input")) prefetchShardsFor(event.target.value);
});

if (document.getElementById("hc-search-page")) {
  import(SEARCH_BUNDLE).then((search) => search.startResultsPage());
}

if (document.getElementById("hc-contact-form")) {
  import("./contact/form.js").then((form) => form.start());
}

// Insights, without cookies: the articles this tab read and what it searched (see
// insights/trail.js), the vote box on articles, and what came before the contact form.
const insights = document.querySelector('meta[name="helpcenter:insights"]');
if (insights?.dataset.article) import("./insights/trail.js").then((trail) => trail.readArticle(insights.dataset.article));
if (document.getElementById("hc-feedback")) import("./insights/feedback.js").then((feedback) => feedback.start());
if (insights && document.getElementById("hc-contact-form")) import("./insights/trail.js").then((trail) => trail.reachedContact());

// Support hours ("Open now" / when we reopen) and the chat launcher, where the page has them.
if (document.querySelector(".hc-hours-status[data-hours]")) {
  Promise.all([import("./support/hours.js"), import("./strings.js")]).then(([hours, text]) => hours.start(text.strings()));
}
if (document.getElementById("hc-chat-launcher")) {
  import("./support/chat.js").then((chat) => chat.start());
}
