// Writes plugins/helpcenter/search/lunr_languages.json from lunr-languages itself: for each
// Snowball language the build supports, its word characters, stop words and pipelines (the
// labels lunr.js serialises). The Python build reads that file, so both sides stem, trim and
// filter from one source; tests/unit/test_snowball_languages.py fails when it is stale.
//   node scripts/lunr_languages.mjs [OUTPUT]   (npm run languages)
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support.js")(lunr);

// lunr-languages code -> snowballstemmer's algorithm name (the same Snowball algorithms).
export const SNOWBALL = {
  da: "danish", de: "german", fi: "finnish", fr: "french", hu: "hungarian", it: "italian",
  nl: "dutch", no: "norwegian", pt: "portuguese", ro: "romanian", ru: "russian", sv: "swedish",
  tr: "turkish",
};

const languages = {};
const version = require("lunr-languages/package.json").version;
for (const [code, algorithm] of Object.entries(SNOWBALL)) {
  let stopWords = null;
  const generate = lunr.generateStopWordFilter;
  lunr.generateStopWordFilter = (words) => {
    stopWords = [...words].filter(Boolean).sort();
    return generate(words);
  };
  require(`lunr-languages/lunr.${code}.js`)(lunr);
  lunr.generateStopWordFilter = generate;
  const builder = new lunr.Builder();
  lunr[code].call(builder);
  languages[code] = {
    algorithm,
    word_characters: lunr[code].wordCharacters,
    stop_words: stopWords,
    pipeline: builder.pipeline._stack.map((fn) => fn.label),
    search_pipeline: builder.searchPipeline._stack.map((fn) => fn.label),
  };
}
// Arabic's stemmer is lunr-languages' own (not Snowball): its prefixes, suffixes, patterns and
// stop words, which search/arabic.py follows step by step. The stemmer keeps them on the
// global object (its `self` is `this` of a plain function call).
{
  let stopWords = null;
  const generate = lunr.generateStopWordFilter;
  lunr.generateStopWordFilter = (words) => {
    stopWords = [...words].filter(Boolean).sort();
    return generate(words);
  };
  require("lunr-languages/lunr.ar.js")(lunr);
  lunr.generateStopWordFilter = generate;
  const builder = new lunr.Builder();
  lunr.ar.call(builder);
  const stemStopWords = /var stopWords = '([^']*)'/.exec(globalThis.removeStopWords.toString())[1].split(" ");
  languages.ar = {
    algorithm: "lunr-languages arabic",
    word_characters: lunr.ar.wordCharacters,
    stop_words: stopWords,
    pipeline: builder.pipeline._stack.map((fn) => fn.label),
    search_pipeline: builder.searchPipeline._stack.map((fn) => fn.label),
    stemmer: { prefixes: globalThis.pre, suffixes: globalThis.suf, patterns: globalThis.patterns,
      stop_words: stemStopWords },
  };
}
const file = process.argv[2] || new URL("../plugins/helpcenter/search/lunr_languages.json", import.meta.url);
writeFileSync(file, JSON.stringify({ source: `lunr-languages ${version}`, languages }, null, 1) + "\n");
