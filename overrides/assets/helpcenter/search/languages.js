// Query-side twin of plugins/helpcenter/search/languages.py: the same tokenizers and pipeline
// functions (registered by lunr.js and lunr-languages under the labels the index names), so
// a query word becomes exactly the term the Python build indexed.

const COMBINING_MARKS = /[\u0300-\u036f]/g;

// Words a question starts with: never what the reader is looking for.
const QUESTION_WORDS = {
  en: "how what why when where which who whom whose can could should would do does did is are was were i me my mine you your we our there way please help didn don doesn isn aren wasn weren won t s ll ve re m d",
  es: "cómo como qué que por porqué cuál cuáles cuándo cuando dónde donde quién quiénes puedo puede podemos debo hago hacer se mi mis me yo tengo necesito quiero favor ayuda",
};

function englishTokens(text) {
  return text.normalize("NFKD").replace(COMBINING_MARKS, "").toLowerCase()
    .split(/[^a-z0-9]+/).filter(Boolean);
}

export function createLanguage(code, lunr) {
  const base = String(code || "en").toLowerCase().split(/[-_]/)[0];
  if (base === "es") {
    if (!lunr.es) throw new Error("lunr-languages Spanish support is not loaded");
    const notSpanish = new RegExp("[^" + lunr.es.wordCharacters + "]+");
    return makeLanguage("es", lunr,
      (text) => text.normalize("NFC").toLowerCase().split(notSpanish).filter(Boolean),
      [lunr.es.trimmer, lunr.es.accentFold, lunr.es.stemmer], lunr.es.stopWordFilter);
  }
  return makeLanguage("en", lunr, englishTokens, [lunr.stemmer], lunr.stopWordFilter);
}

function makeLanguage(code, lunr, tokenize, searchFunctions, stopWordFilter) {
  const questionWords = new Set(QUESTION_WORDS[code].split(" ").flatMap((w) => tokenize(w)));
  const pipeline = new lunr.Pipeline();
  pipeline.add(...searchFunctions);
  const cache = new Map();
  return {
    code,
    tokenize,
    /** The index terms a query word can stand for (several in Spanish: accents folded). */
    terms(word) {
      if (!cache.has(word)) {
        const out = pipeline.run([new lunr.Token(word)]).map(String).filter(Boolean);
        cache.set(word, [...new Set(out)]);
      }
      return cache.get(word);
    },
    /** True for words a search should ignore: stop words and question words. */
    ignorable(word) {
      return questionWords.has(word) || !stopWordFilter(new lunr.Token(word));
    },
    /** Accent-free form for prefix matching (as accentFold-es folds: vowels only). */
    fold(word) {
      return word.replace(/[áàäâ]/g, "a").replace(/[éèëê]/g, "e").replace(/[íìïî]/g, "i")
        .replace(/[óòöô]/g, "o").replace(/[úùüû]/g, "u");
    },
  };
}
