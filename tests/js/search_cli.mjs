// Runs lunr.js and our search engine in Node for the Python tests. Reads one JSON request
// on stdin, writes one JSON answer on stdout.
//   {"op": "oracle", ...}  lunr.js builds an index from the same tokens as the Python build,
//                          and both answer the same queries through lunr's own search.
//   {"op": "search", ...}  our engine (shards, tiers) answers queries on a built site.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { SearchEngine } from "../../overrides/assets/helpcenter/search/engine.js";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support.js")(lunr);
require("lunr-languages/lunr.es.js")(lunr);

const PIPELINES = {
  en: { index: ["trimmer", "stopWordFilter", "stemmer"], search: ["stemmer"] },
  es: {
    index: ["trimmer-es", "stopWordFilter-es", "accentFold-es", "stemmer-es"],
    search: ["trimmer-es", "accentFold-es", "stemmer-es"],
  },
};

// The pipelines lunr.js builds with for a language: English and Spanish as above; the other
// Snowball languages as lunr-languages sets them up itself (lunr[code].call(builder)), not
// from the labels the Python build wrote; Chinese, Japanese and Korean ("cjk") and languages
// without a stemmer ("generic") none: their words arrive cut already (pairs of characters).
function setUp(builder, lang, analyzer) {
  const fn = (label) => lunr.Pipeline.registeredFunctions[label];
  if (PIPELINES[lang]) {
    builder.pipeline.add(...PIPELINES[lang].index.map(fn));
    builder.searchPipeline.add(...PIPELINES[lang].search.map(fn));
  } else if (analyzer === "lunr") {
    if (!lunr[lang]) require(`lunr-languages/lunr.${lang}.js`)(lunr);
    lunr[lang].call(builder);
  } else if (analyzer !== "cjk" && analyzer !== "generic") {
    throw new Error(`unknown analyzer ${analyzer} for ${lang}`);
  }
}

function oracle({ lang, analyzer = "lunr", fields, docs, pyIndexFile, queries }) {
  const builder = new lunr.Builder();
  setUp(builder, lang, analyzer);
  builder.ref("id");
  for (const [name, boost] of Object.entries(fields)) builder.field(name, { boost });
  for (const doc of docs) builder.add(doc); // fields are the Python tokenizer's word lists
  const jsIndex = builder.build();
  return readFile(pyIndexFile, "utf8").then((text) => {
    const pyIndex = lunr.Index.load(JSON.parse(text));
    const results = queries.map((q) => {
      const run = (index) => {
        try {
          return index.search(q).map((r) => [r.ref, Math.round(r.score * 1000) / 1000]);
        } catch (error) {
          return `error: ${error.message}`;
        }
      };
      return { q, js: run(jsIndex), py: run(pyIndex) };
    });
    return { results, terms: { js: Object.keys(jsIndex.invertedIndex).length,
      py: Object.keys(pyIndex.invertedIndex).length } };
  });
}

async function search({ site, manifest, queries, tiers, limit }) {
  // The lunr-languages module of the site's language, as the page loads it (English needs none).
  const { lang } = JSON.parse(await readFile(path.join(site, manifest), "utf8"));
  const base = String(lang).split(/[-_]/)[0];
  if (!lunr[base] && base !== "en") {
    try { require(`lunr-languages/lunr.${base}.js`)(lunr); } catch { /* a generic language */ }
  }
  const engine = new SearchEngine({
    manifestUrl: pathToFileURL(path.join(site, manifest)),
    lunr,
    fetchJSON: async (url) => JSON.parse(await readFile(url, "utf8")),
  });
  const answers = [];
  for (const q of queries) {
    try {
      const found = await engine.search(q, { tiers, limit });
      const docs = await engine.documents(found.results.map((r) => r.ref));
      answers.push({ q, mode: found.mode, fuzzy: found.fuzzy, total: found.total ?? 0,
        words: found.words.map((w) => w.word), urls: docs.map((d) => d.url),
        scores: found.results.map((r) => Math.round(r.score * 1000) / 1000) });
    } catch (error) {
      answers.push({ q, error: `${error.name}: ${error.message}` });
    }
  }
  return { answers, filesFetched: engine.files.size };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const answer = request.op === "oracle" ? await oracle(request) : await search(request);
process.stdout.write(JSON.stringify(answer));
