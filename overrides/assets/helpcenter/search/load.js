// Creates the page's search engine on demand: loads lunr.js (and lunr-languages for the
// site language) as classic scripts, then the engine module. Nothing runs before a reader
// focuses a search box.
import { SearchEngine } from "./engine.js";

const vendor = new URL("../vendor/", import.meta.url);
let enginePromise = null;

function loadScript(name) {
  // helpcenter.js may have started this download already, the moment a box got focus.
  const started = window.__hcSearchPrefetch?.scripts?.[name];
  if (started) return started;
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(name, vendor).href;
    script.async = false;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${name}`));
    document.head.append(script);
  });
}

function fetchJSON(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`search data ${url.pathname}: HTTP ${response.status}`);
    return response.json();
  });
}

export function searchConfig() {
  const meta = document.querySelector('meta[name="helpcenter:search"]');
  if (!meta) return null;
  return { manifestUrl: new URL(meta.content, location.href), lang: meta.dataset.lang || "en",
    root: new URL(meta.dataset.root || "/", location.href).href,
    contactUrl: new URL(meta.dataset.contact || "/contact/", location.href).href,
    searchUrl: new URL(meta.dataset.searchPage || "/search/", location.href).href };
}

export function getEngine() {
  if (!enginePromise) {
    const config = searchConfig();
    if (!config) return Promise.reject(new Error("this page has no search index"));
    const scripts = [loadScript("lunr.min.js")];
    if (config.lang.startsWith("es")) {
      scripts.push(loadScript("lunr.stemmer.support.min.js"), loadScript("lunr.es.min.js"));
    }
    // Manifest and scripts download in parallel; the engine needs both.
    const prefetched = window.__hcSearchPrefetch;
    const manifest = prefetched?.manifest || fetchJSON(config.manifestUrl);
    enginePromise = Promise.all(scripts).then(() => {
      const engine = new SearchEngine({
        manifestUrl: config.manifestUrl,
        lunr: window.lunr,
        fetchJSON: (url) => prefetched?.files.get(url.href) || fetchJSON(url),
      });
      engine.manifest = manifest.then((data) => engine.prepare(data));
      // Parse a prefetched first tier while the reader types.
      engine.manifest.then((data) => {
        if (data.tiers.primary.prefetch) setTimeout(() => data.tiers.primary.shards.forEach(([, file]) => engine.shard("primary", file)));
      }).catch(() => {});
      return engine;
    });
    enginePromise.catch(() => {
      enginePromise = null; // a later focus may retry
      window.__hcSearchPrefetch = null;
    });
  }
  return enginePromise;
}
