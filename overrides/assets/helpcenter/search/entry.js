// What pages use of the search modules, as one file: search/bundle.js is built from this
// entry by `npm run bundle` (esbuild), so a search box's focus costs one request for the code
// instead of five. On two cores each request costs the first answer several milliseconds
// (about 30 ms for the five, measured with benchmarks/bench_search.py's cold wait).
// A test fails when the bundle is older than its sources.
export { enhance } from "./combobox.js";
export { FULL_TEXT } from "./engine.js";
export { getEngine } from "./load.js";
export { start as startResultsPage } from "./results-page.js";
