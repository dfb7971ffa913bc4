// The page sends only the searches the search-miss function counts: one rule, common/insights.js,
// used by both (overrides/assets/helpcenter/insights/trail.js and netlify/functions/search-miss.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { isCountableQuery, MAX_QUERY_CHARS } from "../../common/insights.js";

test("a search is counted when a person could have meant it", () => {
  for (const query of ["wifi", "¿qué pasa con airbnb?", "ダブルブッキング", "2fa", "a".repeat(MAX_QUERY_CHARS)]) {
    assert.equal(isCountableQuery(query), true, query.slice(0, 20));
  }
  for (const query of ["", "   ", "-", "'?!", "😀🙏", "a".repeat(MAX_QUERY_CHARS + 1), "x".repeat(10_000), 12, null]) {
    assert.equal(isCountableQuery(query), false, String(query).slice(0, 20));
  }
});

test("the page and the function apply the same rule", () => {
  const trail = readFileSync(new URL("../../overrides/assets/helpcenter/insights/trail.js", import.meta.url), "utf8");
  const miss = readFileSync(new URL("../../netlify/functions/search-miss.mjs", import.meta.url), "utf8");
  assert.match(trail, /import \{ isCountableQuery \} from "\.\.\/common\/insights\.js"/);
  assert.match(trail, /!isCountableQuery\(query\)/);
  assert.match(miss, /isCountableQuery\(query\) \? normalizeQuery\(query\)/);
});
