// Creates the page's search engine on demand, from the downloads helpcenter.js starts when
// a search box gets focus: lunr.js (and lunr-languages for the site language) as classic
// scripts, the manifest and, on small sites, the whole first tier.
import { SearchEngine } from "./engine.js";
import { fetchJSON, prefetchSearchData } from "../helpcenter.js";

let enginePromise = null;

export function searchConfig() {
  const meta = document.querySelector('meta[name="helpcenter:search"]');
  if (!meta) return null;
  // The page's base, not its address: the no-JavaScript search answers with this page from another URL (with a <base>).
  return { manifestUrl: new URL(meta.content, document.baseURI), lang: meta.dataset.lang || "en",
    root: new URL(meta.dataset.root || "/", document.baseURI).href,
    contactUrl: new URL(meta.dataset.contact || "/contact/", document.baseURI).href,
    searchUrl: new URL(meta.dataset.searchPage || "/search/", document.baseURI).href };
}

export function getEngine() {
  if (!enginePromise) {
    const config = searchConfig();
    if (!config) return Promise.reject(new Error("this page has no search index"));
    // Manifest, first tier and scripts download in parallel (started on focus).
    const downloads = prefetchSearchData();
    enginePromise = downloads.scripts.then(() => {
      const engine = new SearchEngine({
        manifestUrl: config.manifestUrl,
        lunr: window.lunr,
        fetchJSON: (url) => downloads.files.get(url.href) || fetchJSON(url),
      });
      // Parse a prefetched first tier while the reader types.
      engine.useManifest(downloads.manifest).then((data) => {
        if (data.tiers.primary.prefetch) setTimeout(() => data.tiers.primary.shards.forEach(([, file]) => engine.shard("primary", file)));
      }).catch(() => {});
      return engine;
    });
    enginePromise.catch(() => { enginePromise = null; }); // a later focus may retry
  }
  return enginePromise;
}
