// Creates the page's search engine on demand: loads lunr.js (and lunr-languages for the
// site language) as classic scripts, then the engine module. Nothing runs before a reader
// focuses a search box.
import { SearchEngine } from "./engine.js";

const vendor = new URL("../vendor/", import.meta.url);
let enginePromise = null;

function loadScript(name) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(name, vendor).href;
    script.async = false;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${name}`));
    document.head.append(script);
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
    const manifest = fetch(config.manifestUrl).then((r) => {
      if (!r.ok) throw new Error(`search manifest: HTTP ${r.status}`);
      return r.json();
    });
    enginePromise = Promise.all(scripts).then(() => {
      const engine = new SearchEngine({ manifestUrl: config.manifestUrl, lunr: window.lunr });
      engine.manifest = manifest.then((data) => engine.prepare(data));
      return engine;
    });
    enginePromise.catch(() => { enginePromise = null; }); // a later focus may retry
  }
  return enginePromise;
}
