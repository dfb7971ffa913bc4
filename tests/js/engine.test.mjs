// Unit tests of the search engine's pure parts (node --test).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

import { SearchEngine, lookup, nearShards, shardOf, shardsInRange } from "../../overrides/assets/helpcenter/search/engine.js";
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

// -- typos, on real articles ------------------------------------------------------------------
// The sample site's articles (docs/en, docs/es), indexed by lunr.js with the pipelines the
// Python build uses (tests/build/test_search_engine.py holds the two indexes equal), served to
// our engine whole or cut into shards of consecutive terms as the build cuts them.
// tests/build/test_search_typos.py runs the full matrix on the built sample site.
const PIPELINES = {
  en: ["trimmer", "stopWordFilter", "stemmer"],
  es: ["trimmer-es", "stopWordFilter-es", "accentFold-es", "stemmer-es"],
};
const DOCS = new URL("../../docs/", import.meta.url);

function articles(lang) {
  const folder = new URL(`${lang}/`, DOCS);
  return readdirSync(folder, { recursive: true }).filter((f) => f.endsWith(".md") && !f.endsWith("index.md")).sort()
    .map((file) => {
      const [, front, body] = readFileSync(new URL(file, folder), "utf8").split(/^---$/m);
      const field = (name) => (front.match(new RegExp(`^${name}: (.*)$`, "m")) || [, ""])[1];
      return { url: file.replace(/\.md$/, "/"), title: field("title"), body: `${field("keywords")} ${body}` };
    });
}

const built = new Map();

/** The articles' index, its terms in `shardCount` shards: [docs, files (the manifest's too)]. */
function typoIndex(lang, shardCount) {
  const key = `${lang} ${shardCount}`;
  if (built.has(key)) return built.get(key);
  const language = createLanguage(lang, lunr);
  const docs = articles(lang);
  const builder = new lunr.Builder();
  builder.pipeline.add(...PIPELINES[lang].map((label) => lunr.Pipeline.registeredFunctions[label]));
  builder.ref("id");
  builder.field("title", { boost: 10 });
  builder.field("body");
  docs.forEach((doc, id) => builder.add({ id: String(id), title: language.tokenize(doc.title), body: language.tokenize(doc.body) }));
  const whole = JSON.parse(JSON.stringify(builder.build()));
  const size = Math.ceil(whole.invertedIndex.length / shardCount);
  const files = new Map();
  const shards = [];
  for (let start = 0; start < whole.invertedIndex.length; start += size) {
    const inverted = whole.invertedIndex.slice(start, start + size);
    const held = new Set(inverted.map(([, posting]) => posting._index));
    const fieldVectors = whole.fieldVectors.map(([ref, elements]) =>
      [ref, elements.filter((_, i) => held.has(elements[i - (i % 2)]))]).filter(([, elements]) => elements.length);
    const file = `primary-${shards.length}.json`;
    files.set(file, { ...whole, invertedIndex: inverted, fieldVectors });
    shards.push([start ? inverted[0][0] : "", file]);
  }
  files.set("m.json", { lang, tiers: { primary: { shards } }, display: {} });
  built.set(key, [docs, files]);
  return built.get(key);
}

/** A fresh engine on the articles' index: its search (the top 5 articles' urls) and the files it fetched. */
function typoSite(lang, shardCount) {
  const [docs, files] = typoIndex(lang, shardCount);
  const fetched = new Set();
  const engine = new SearchEngine({ manifestUrl: "http://test/search/m.json", lunr, fetchJSON: async (url) => {
    const name = url.pathname.split("/").pop();
    fetched.add(name);
    return JSON.parse(JSON.stringify(files.get(name)));
  } });
  const search = async (query) => (await engine.search(query, { limit: 5 })).results.map((r) => docs[Number(r.ref)].url);
  return { shards: files.get("m.json").tiers.primary.shards, fetched, search };
}

// As lunr.js names the edit that turns what was typed into the word: an insertion puts back a
// letter left out ("refnd"), a deletion takes out one too many, a substitution changes one, a
// transposition swaps two. Typos at (start, middle, end).
const TYPOS = {
  en: {
    "payments-billing/refunds/": {
      insertion: ["efund", "refnd", "refun"], deletion: ["grefund", "refuund", "refundd"],
      substitution: ["tefund", "refubd", "refunf"], transposition: ["erfund", "reufnd", "refudn"] },
    "team-tasks/cleaning-schedule/": {
      insertion: ["leaning", "clening", "cleanin"], deletion: ["xcleaning", "cleanning", "cleaningg"],
      substitution: ["vleaning", "cleaming", "cleanimg"], transposition: ["lceaning", "claening", "cleanign"] },
  },
  es: {
    "payments-billing/refunds/": {
      insertion: ["eembolso", "reemboso", "reembols"], deletion: ["areembolso", "reembollso", "reembolsoo"],
      substitution: ["teembolso", "reembolzo", "reembolsp"], transposition: ["erembolso", "reemoblso", "reembolos"] },
    "payments-billing/invoices-and-receipts/": {
      insertion: ["actura", "factra", "factur"], deletion: ["efactura", "facttura", "facturaa"],
      substitution: ["gactura", "facrura", "facturs"], transposition: ["afctura", "fatcura", "factuar"] },
  },
};
const typoCases = (lang) => Object.entries(TYPOS[lang]).flatMap(([url, kinds]) =>
  Object.entries(kinds).flatMap(([kind, typos]) => typos.map((typo, at) => ({ url, kind, at: ["start", "middle", "end"][at], typo }))));

async function missedTypos(site, cases) {
  const missed = [];
  // A finished word (trailing space): a typo, not a prefix, must find the article.
  for (const { url, kind, at, typo } of cases) {
    const found = await site.search(`${typo} `);
    if (!found.includes(url)) missed.push(`${kind} at ${at}: ${typo} found ${found.join(" ") || "nothing"}`);
  }
  return missed;
}

for (const lang of ["en", "es"]) {
  test(`every kind of typo, at a word's start, middle and end, finds its article (${lang}, one shard)`, async () => {
    assert.deepEqual(await missedTypos(typoSite(lang, 1), typoCases(lang)), []);
  });

  test(`on a sharded index a typo costs a few shards, and only a first letter typed wrong may be missed (${lang})`, async () => {
    const cases = typoCases(lang);
    const site = typoSite(lang, 60);
    assert.ok(site.shards.length >= 55);
    // A first letter left out or changed is looked for only in the shards loaded for the rest.
    const firstLetter = (c) => c.at === "start" && (c.kind === "insertion" || c.kind === "substitution");
    assert.deepEqual(await missedTypos(site, cases.filter((c) => !firstLetter(c))), []);
    for (const { typo } of cases) {
      const fresh = typoSite(lang, 60);
      await fresh.search(`${typo} `);
      assert.ok(fresh.fetched.size <= 12, `${typo}: ${[...fresh.fetched].join(" ")}`);
    }
  });
}

test("a misspelt word's near spellings: its stems, the word itself, and its mended ending", async () => {
  const engine = engineWith({ lang: "en", tiers: {}, display: {} });
  await engine.ready();
  // "calender" stems to "calend", two edits from "calendar": the word itself is one.
  const [calender] = engine.parse("calender ");
  assert.deepEqual(calender.spellings, ["calend", "calender"]);
  // A typo in "-ing" hides it from the stemmer: mending the ending gives back "clean".
  assert.ok(engine.language.mendedEndings("cleanign").includes("clean"));
  const spanish = createLanguage("es", lunr);
  assert.ok(spanish.mendedEndings("limpieaz").includes(spanish.terms("limpieza")[0]));
});

test("nearShards: the first two letters' range, and each spelling an edit in them makes", () => {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const shards = ["", ...letters.slice(1)].flatMap((l) => [[l, `${l || "a"}0`], [`${l || "a"}m`, `${l || "a"}1`]]);
  const shardsOf = (...terms) => terms.map((t) => shardOf(shards, t));
  const near = (spelling) => nearShards(shards, spelling, letters);
  const includes = (set, terms) => shardsOf(...terms).every((i) => set.has(i));
  // Swapped, one too many or (second letter) left out or changed: "refund" is looked for.
  for (const typo of ["erfund", "grefund", "rgefund", "rfund", "rwfund", "rfeund"]) assert.ok(includes(near(typo), ["refund"]), typo);
  // A first letter left out or changed costs no shard of its own: "efund" loads shards of
  // "e" and "f" only, not one per letter of the alphabet.
  assert.ok(!near("efund").has(shardOf(shards, "refund")) && near("efund").size <= 4);
  assert.ok(!near("tefund").has(shardOf(shards, "refund")));
});
