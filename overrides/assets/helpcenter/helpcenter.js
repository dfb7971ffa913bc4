// The help center's page script: small on purpose. Features load when a reader needs them;
// search, for one, fetches nothing until a search box gets focus.

const searchInputs = () => [...document.querySelectorAll("input.hc-search-input")];

// Every search module is requested at once: waiting for each import to reveal the next
// would cost a network round trip per level, which a phone on a slow network feels.
const SEARCH_MODULES = ["./search/combobox.js", "./search/load.js", "./search/render.js",
  "./search/engine.js", "./search/languages.js", "./strings.js"];

// The search data and lunr.js start downloading on focus, alongside the modules (which
// would otherwise only ask for them once they have all arrived): search/load.js takes over.
// A small first tier comes whole, so the first keystroke waits for no shard.
function prefetchSearchData() {
  const meta = document.querySelector('meta[name="helpcenter:search"]');
  if (!meta || window.__hcSearchPrefetch) return;
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
  const json = (url) => fetch(url).then((r) => {
    if (!r.ok) throw new Error(`search data ${url.pathname}: HTTP ${r.status}`);
    return r.json();
  });
  const files = new Map(); // URL -> promise of JSON, for search/load.js
  const manifest = json(manifestUrl).then((data) => {
    const primary = data.tiers.primary;
    if (primary.prefetch) {
      for (const [, file] of primary.shards) {
        const url = new URL(file, manifestUrl);
        files.set(url.href, json(url));
      }
    }
    return data;
  });
  manifest.catch(() => {});
  window.__hcSearchPrefetch = { manifest, files,
    scripts: Object.fromEntries(names.map((name) => [name, script(name)])) };
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
