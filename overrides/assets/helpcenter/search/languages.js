// Query-side twin of plugins/helpcenter/search/languages.py: the same tokenizers and pipeline
// functions (registered by lunr.js and lunr-languages under the labels the index names), so
// a query word becomes exactly the term the Python build indexed.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// The letters of a word's ending: English "-ing", "-ed", "-s", Spanish "-ción", "-os", and one
// before them, where a typo joins the word to its ending.
const ENDING = 4;

// The letters a typo may change, per alphabet (search/engine.js' ending repairs).
const LETTERS = { latin: "abcdefghijklmnopqrstuvwxyz", ru: "абвгдежзийклмнопрстуфхцчшщъыьэюя",
  ar: "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" };

// Words a question starts with: never what the reader is looking for.
const QUESTION_WORDS = {
  en: "how what why when where which who whom whose can could should would do does did is are was were i me my mine you your we our there way please help didn don doesn isn aren wasn weren won t s ll ve re m d",
  es: "cómo como qué que por porqué cuál cuáles cuándo cuando dónde donde quién quiénes puedo puede podemos debo hago hacer se mi mis me yo tengo necesito quiero favor ayuda",
};

function englishTokens(text) {
  return text.normalize("NFKD").replace(COMBINING_MARKS, "").toLowerCase()
    .split(/[^a-z0-9]+/).filter(Boolean);
}

// Any language's words (search/languages.py's tokenize_generic): runs of letters, marks and
// digits, lower case, no stemmer and no stop words.
const GENERIC_WORD = /[\p{L}\p{M}\p{N}]+/gu;

function genericTokens(text) {
  return text.normalize("NFC").toLowerCase().match(GENERIC_WORD) || [];
}

// Chinese, Japanese and Korean: runs of Han, Hiragana, Katakana and Hangul cut into overlapping
// pairs of characters (search/languages.py's CJK_RANGES and tokenize_cjk, held equal by
// tests/unit/test_cjk_language.py).
const CJK_RUN = /([\u1100-\u11ff\u3040-\u309f\u30a0-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2fa1f}]+)/u;
const CJK_ONLY = new RegExp(`^${CJK_RUN.source}$`, "u");

function cjkTokens(text) {
  const words = [];
  for (const word of genericTokens(text.normalize("NFKC"))) {
    for (const part of word.split(CJK_RUN)) {
      if (!part) continue;
      const chars = [...part];
      if (!CJK_ONLY.test(part)) words.push(part);
      else if (chars.length === 1) words.push(part);
      else for (let i = 0; i + 1 < chars.length; i++) words.push(chars[i] + chars[i + 1]);
    }
  }
  return words;
}

/** The query side of the index's language; `analyzer` is the manifest's ("generic": no stemmer,
 * "cjk": pairs of characters). */
export function createLanguage(code, lunr, analyzer = "lunr") {
  const base = String(code || "en").toLowerCase().split(/[-_]/)[0];
  if (analyzer === "cjk") return { ...makeLanguage(base, lunr, "", cjkTokens, [], () => true), fold: (word) => word };
  if (analyzer === "generic") {
    // No stemmer: a typo is a near spelling of the word itself, and words are as written.
    return { ...makeLanguage(base, lunr, "", genericTokens, [], () => true), fold: (word) => word };
  }
  if (base !== "en" && base !== "es") {
    if (!lunr[base]?.stemmer) throw new Error(`lunr-languages support for '${base}' is not loaded`);
    // A Snowball language of lunr-languages (its script loaded for the page): its own
    // tokenizer's letters, trimmer, stop words and stemmer, as the build's lunr_languages.json
    // has them; its search pipeline read from the language itself.
    const builder = new lunr.Builder();
    lunr[base].call(builder);
    const notALetter = new RegExp("[^" + lunr[base].wordCharacters + "]+");
    const language = makeLanguage(base, lunr, LETTERS[base] || LETTERS.latin,
      (text) => text.normalize("NFC").toLowerCase().split(notALetter).filter(Boolean),
      builder.searchPipeline._stack, lunr[base].stopWordFilter);
    // Prefixes are matched on the index's terms, which French folds (accentFold-fr).
    const foldTerm = lunr[base].accentFoldTerm;
    return { ...language, fold: foldTerm ? (word) => foldTerm(word) : (word) => word };
  }
  if (base === "es") {
    if (!lunr.es) throw new Error("lunr-languages Spanish support is not loaded");
    const notSpanish = new RegExp("[^" + lunr.es.wordCharacters + "]+");
    return makeLanguage("es", lunr, "abcdefghijklmnopqrstuvwxyzñ",
      (text) => text.normalize("NFC").toLowerCase().split(notSpanish).filter(Boolean),
      [lunr.es.trimmer, lunr.es.accentFold, lunr.es.stemmer], lunr.es.stopWordFilter);
  }
  return makeLanguage("en", lunr, "abcdefghijklmnopqrstuvwxyz", englishTokens, [lunr.stemmer], lunr.stopWordFilter);
}

function makeLanguage(code, lunr, letters, tokenize, searchFunctions, stopWordFilter) {
  const questionWords = new Set((QUESTION_WORDS[code] || "").split(" ").flatMap((w) => tokenize(w)));
  const pipeline = new lunr.Pipeline();
  pipeline.add(...searchFunctions);
  const cache = new Map();
  const mended = new Map();
  return {
    code,
    /** The letters a typo may have left out or changed (index terms are accent-folded too). */
    letters,
    tokenize,
    /** The index terms a query word can stand for (several in Spanish: accents folded). */
    terms(word) {
      if (!cache.has(word)) {
        const out = pipeline.run([new lunr.Token(word)]).map(String).filter(Boolean);
        cache.set(word, [...new Set(out)]);
      }
      return cache.get(word);
    },
    /**
     * The stems (each unlike its word) of the words one edit from `word` in its ending: a
     * typo there hides the ending from the stemmer ("cleanign" stays "cleanign", "cleaning" is
     * "clean"). Some 250 stemmings (1 to 10 ms), once per word, on a typo retry only.
     */
    mendedEndings(word) {
      if (!mended.has(word)) {
        const stems = new Set();
        for (const edit of endingEdits(word, letters)) {
          for (const term of pipeline.run([new lunr.Token(edit)]).map(String)) {
            // A stem the same as its word is one edit from the word: a near spelling already.
            if (term && term !== edit && term !== fold(edit)) stems.add(term);
          }
        }
        mended.set(word, [...stems]);
      }
      return mended.get(word);
    },
    /** True for words a search should ignore: stop words and question words. */
    ignorable(word) {
      return questionWords.has(word) || !stopWordFilter(new lunr.Token(word));
    },
    fold,
  };
}

/** Accent-free form for prefix matching (as accentFold-es folds: vowels only). */
function fold(word) {
  return word.replace(/[áàäâ]/g, "a").replace(/[éèëê]/g, "e").replace(/[íìïî]/g, "i")
    .replace(/[óòöô]/g, "o").replace(/[úùüû]/g, "u");
}

/** The words one edit (a letter dropped, swapped, added or changed) from `word` in its ending. */
function endingEdits(word, letters) {
  const edits = new Set();
  for (let at = Math.max(1, word.length - ENDING); at <= word.length; at++) {
    const [head, tail] = [word.slice(0, at), word.slice(at)];
    if (tail) edits.add(head + tail.slice(1));
    if (tail.length > 1) edits.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of letters) {
      edits.add(head + letter + tail);
      if (tail) edits.add(head + letter + tail.slice(1));
    }
  }
  return edits;
}
