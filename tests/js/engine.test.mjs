// Unit tests of the search engine's pure parts (node --test).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

import { SearchEngine, lookup, shardOf, shardsInRange } from "../../overrides/assets/helpcenter/search/engine.js";
import { createLanguage } from "../../overrides/assets/helpcenter/search/languages.js";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support.js")(lunr);
require("lunr-languages/lunr.es.js")(lunr);

const SHARDS = [["", "a"], ["cal", "b"], ["calm", "c"], ["d", "d"], ["dog", "e"]];

test("shardOf finds the shard whose term range holds a term", () => {
  assert.equal(shardOf(SHARDS, "abc"), 0);
  assert.equal(shardOf(SHARDS, "cal"), 1);
  assert.equal(shardOf(SHARDS, "calendar"), 1);
  assert.equal(shardOf(SHARDS, "calm"), 2);
  assert.equal(shardOf(SHARDS, "zebra"), 4);
  assert.equal(shardOf([["", "only"]], "x"), 0);
});

test("shardsInRange covers every shard a prefix can reach", () => {
  assert.deepEqual(shardsInRange(SHARDS, "ca"), [0, 1, 2]);
  assert.deepEqual(shardsInRange(SHARDS, "calm"), [2]);
  assert.deepEqual(shardsInRange(SHARDS, "do"), [3, 4]);
});

test("English words are folded, stemmed and question words dropped", () => {
  const english = createLanguage("en", lunr);
  assert.deepEqual(english.tokenize("How do I upload Café-files?"), ["how", "do", "i", "upload", "cafe", "files"]);
  assert.deepEqual(english.terms("uploading"), ["upload"]);
  assert.ok(english.ignorable("how") && english.ignorable("the") && !english.ignorable("upload"));
});

test("Spanish words keep accents for the stemmer and also match without them", () => {
  const spanish = createLanguage("es-ES", lunr);
  assert.equal(spanish.code, "es");
  assert.deepEqual(spanish.tokenize("¿Cómo sincronizo mi calendario?"), ["cómo", "sincronizo", "mi", "calendario"]);
  // Typed without its accent, a word still reaches the folded twin indexed beside it.
  const [unaccented] = spanish.terms("sincronizacion");
  assert.ok(spanish.terms("sincronización").includes(unaccented));
  assert.deepEqual(spanish.terms("reservas"), spanish.terms("reserva"));
  assert.ok(spanish.ignorable("cómo") && spanish.ignorable("de"));
});

function engineWith(manifest) {
  const engine = new SearchEngine({ manifestUrl: "http://test/search/m.json", lunr,
    fetchJSON: async () => manifest });
  return engine;
}

test("parse keeps the last word as a prefix while it is being typed", async () => {
  const engine = engineWith({ lang: "en", tiers: {}, display: {} });
  await engine.ready();
  const typing = engine.parse("how do I uplo");
  assert.deepEqual(typing.map((w) => [w.word, w.prefix]), [["uplo", "uplo"]]);
  const done = engine.parse("how do I upload ");
  assert.deepEqual(done.map((w) => [w.word, w.terms, w.prefix]), [["upload", ["upload"], null]]);
  assert.deepEqual(engine.parse(""), []);
  assert.deepEqual(engine.parse("how do I"), []);
  assert.equal(engine.parse("word ".repeat(100)).length, 12);
});

test("the direct one-term lookup scores exactly as lunr.js' own query", () => {
  const index = lunr(function () {
    this.ref("id");
    this.field("title", { boost: 10 });
    this.field("body");
    const words = ["calendar", "sync", "airbnb", "guest", "refund", "cleaning", "owner", "deposit"];
    for (let i = 0; i < 60; i++) {
      this.add({ id: String(i), title: `${words[i % 8]} ${words[(i * 3) % 8]} guide`,
        body: Array.from({ length: 20 + (i % 7) }, (_, k) => words[(i + k * k) % 8]).join(" ") });
    }
  });
  const loaded = lunr.Index.load(JSON.parse(JSON.stringify(index)));
  for (const term of Object.keys(loaded.invertedIndex)) {
    const fast = new Map(lookup(loaded, term).map((r) => [r.ref, r.score]));
    const slow = loaded.query((q) => q.term(term, { usePipeline: false }));
    assert.equal(fast.size, slow.length, term);
    for (const { ref, score } of slow) assert.ok(Math.abs(fast.get(ref) - score) < 1e-9, `${term} ${ref}`);
  }
});
