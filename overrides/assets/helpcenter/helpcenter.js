// The help center's page script: small on purpose. Features load when a reader needs them;
// search, for one, fetches nothing until a search box gets focus.

const searchInputs = () => [...document.querySelectorAll("input.hc-search-input")];

let searchModule = null;
function startSearch() {
  if (!searchModule) {
    searchModule = import("./search/combobox.js").then((module) => {
      searchInputs().forEach(module.enhance);
      return module;
    });
    import("./search/load.js").then((load) => load.getEngine()).then((e) => e.ready()).catch(() => {});
  }
  return searchModule;
}

document.addEventListener("focusin", (event) => {
  if (event.target.matches?.("input.hc-search-input")) startSearch();
});

if (document.getElementById("hc-search-page")) {
  import("./search/results-page.js").then((page) => page.start());
}
