// The help center's page script: small on purpose. Features load when a reader needs them;
// search, for one, fetches nothing until a search box gets focus.

const searchInputs = () => [...document.querySelectorAll("input.hc-search-input")];

// Every search module is requested at once: waiting for each import to reveal the next
// would cost a network round trip per level, which a phone on a slow network feels.
const SEARCH_MODULES = ["./search/combobox.js", "./search/load.js", "./search/render.js",
  "./search/engine.js", "./search/languages.js", "./strings.js"];

// The search data and lunr.js start downloading on focus, alongside the modules (which
// would otherwise only ask for them once they have all arrived); search/load.js uses the
// same downloads. A small first tier comes whole, so the first keystroke waits for no shard.
let downloads = null;

export function fetchJSON(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`search data ${url.pathname}: HTTP ${response.status}`);
    return response.json();
  });
}

/** Start (once) the downloads search needs: {manifest, files: URL -> JSON, scripts}. */
export function prefetchSearchData() {
  const meta = document.querySelector('meta[name="helpcenter:search"]');
  if (!meta) return null;
  if (downloads) return downloads;
  const vendor = new URL("vendor/", import.meta.url);
  const script = (name) => new Promise((resolve, reject) => {
    const element = Object.assign(document.createElement("script"), { src: new URL(name, vendor).href, async: false });
    element.onload = resolve;
    element.onerror = () => reject(new Error(`could not load ${name}`));
    document.head.append(element);
  });
  const names = ["lunr.min.js"];
  if ((meta.dataset.lang || "").startsWith("es")) names.push("lunr.stemmer.support.min.js", "lunr.es.min.js");
  const manifestUrl = new URL(meta.content, location.href);
  const files = new Map();
  // The page names a small site's first tier, so it downloads beside the manifest.
  for (const path of (meta.dataset.prefetch || "").split(" ").filter(Boolean)) {
    const url = new URL(path, location.href);
    files.set(url.href, fetchJSON(url));
  }
  const manifest = fetchJSON(manifestUrl).then((data) => {
    if (data.tiers.primary.prefetch) {
      for (const [, file] of data.tiers.primary.shards) {
        const url = new URL(file, manifestUrl);
        if (!files.has(url.href)) files.set(url.href, fetchJSON(url));
      }
    }
    return data;
  });
  const scripts = Promise.all(names.map(script));
  downloads = { manifest, files, scripts };
  Promise.all([manifest, scripts]).catch(() => { downloads = null; }); // a later focus retries
  return downloads;
}

let searchModule = null;
function startSearch() {
  if (!searchModule) {
    prefetchSearchData();
    const modules = SEARCH_MODULES.map((path) => import(path));
    modules[1].then((load) => load.getEngine()).then((e) => e.ready()).catch(() => {});
    searchModule = modules[0].then((module) => {
      searchInputs().forEach(module.enhance);
      return module;
    });
  }
  return searchModule;
}

document.addEventListener("focusin", (event) => {
  if (event.target.matches?.("input.hc-search-input")) startSearch();
});

if (document.getElementById("hc-search-page")) {
  import("./search/results-page.js").then((page) => page.start());
}
