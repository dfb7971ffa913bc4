// The search engine: fetches the manifest, then only the index shards a query needs, and
// ranks articles with lunr.js. Runs in the browser and, for the tests, in Node.
//
// A query is a list of words. Each word becomes clauses on its shards: its stemmed terms
// (exact), a trailing wildcard on the last word while it is still being typed (3+ letters),
// and, when a query finds too little, edit distance 1 on longer words (from their stems, from
// the word itself, and the stems of the word with its ending mended). Articles holding every
// word (AND) keep their full score; when fewer than MIN_RESULTS do, a retry with near
// spellings of longer words comes first (typos). Articles holding only some words follow,
// their score scaled by the square of the share of words they hold: natural questions carry
// words no article uses, and on our relevance set this beat a strict "AND, else OR"
// (hit@5 0.87 vs 0.82 English, 0.82 vs 0.79 Spanish). Scores add up per word across shards
// and tiers.

import { createLanguage } from "./languages.js";

export const MIN_RESULTS = 3;
// The tiers of a first answer, and of a complete one. "rest" holds the first tier's other
// postings (each term keeps only its best articles in "primary"); "body" is the full text;
// "edits", in a preview only, the text of articles edited since "body" was made (part of it).
export const FIRST_ANSWER = ["primary"];
export const FULL_TEXT = ["primary", "rest", "body", "edits"];
const MAX_WORDS = 12;
const MAX_QUERY_CHARS = 200;
const PREFIX_MIN = 3;
const FUZZY_MIN = 5;
const BODY_WEIGHT = 1;
const BOOST = { exact: 1, prefix: 0.6, fuzzy: 0.4 };
const MAX_EXPANSIONS = 40;
// A failed download is asked for again by a search at least this long after it failed: soon
// enough for a phone whose signal came back, not on every keystroke for a file that is gone.
const RETRY_AFTER_MS = 1000;
const later = (forget) => setTimeout(forget, RETRY_AFTER_MS);

export class SearchEngine {
  /**
   * @param {object} options
   * @param {string|URL} options.manifestUrl absolute URL of the search manifest
   * @param {object} options.lunr lunr.js (with lunr-languages loaded for the site language)
   * @param {(url: URL) => Promise<any>} [options.fetchJSON]
   */
  constructor({ manifestUrl, lunr, fetchJSON }) {
    this.manifestUrl = new URL(manifestUrl);
    this.lunr = lunr;
    this.fetchJSON = fetchJSON || defaultFetchJSON;
    this.files = new Map(); // URL -> Promise of parsed file
    this.loadedChunks = new Map(); // display file name -> its parsed data, once arrived
    this.shardTitles = new Map(); // ref -> [title, category, url], from first-tier shards
    this.manifest = null;
  }

  /** Fetch the manifest (on focus, before the first keystroke lands). */
  ready() {
    return this.manifest || this.useManifest(this.fetchJSON(this.manifestUrl));
  }

  /** Take the manifest from a download (one already under way, or ready's): forgotten if it fails. */
  useManifest(download) {
    const manifest = download.then((data) => this.prepare(data));
    this.manifest = manifest;
    manifest.catch(() => later(() => { if (this.manifest === manifest) this.manifest = null; }));
    return manifest;
  }

  prepare(manifest) {
    this.language = createLanguage(manifest.lang, this.lunr, manifest.analyzer);
    return manifest;
  }

  /** Split a query into the words that matter; the last one may still be being typed. */
  parse(query) {
    const text = String(query ?? "").slice(0, MAX_QUERY_CHARS);
    const language = this.language;
    const words = language.tokenize(text);
    const typing = text.length > 0 && !/[\s\p{P}]$/u.test(text);
    const parsed = [];
    words.forEach((word, position) => {
      const last = position === words.length - 1 && typing;
      if (language.ignorable(word) && !(last && word.length >= PREFIX_MIN)) return;
      const terms = language.terms(word);
      const prefix = last && word.length >= PREFIX_MIN ? language.fold(word) : null;
      // Near spellings are looked for around the stems and around the word itself: a typo can
      // change the stem more than the word ("calender" stems to "calend", "calendar" to itself).
      const spellings = [...new Set([...terms, language.fold(word)])];
      if (terms.length || prefix) parsed.push({ word, terms, prefix, spellings });
    });
    return parsed.slice(0, MAX_WORDS);
  }

  /**
   * Search. Returns {words, results: [{ref, score, matched}], mode: "and"|"or"|"none", fuzzy}.
   * tiers: FIRST_ANSWER for the drop-down's first answer, FULL_TEXT for a complete one.
   * typos: "if-few" retries near spellings when fewer than MIN_RESULTS hold every word;
   * "if-none" only when no article holds any of the words (a first answer that must come
   * fast; the full-text pass that follows it uses "if-few").
   */
  async search(query, { tiers = FIRST_ANSWER, limit = 8, typos = "if-few" } = {}) {
    const manifest = await this.ready();
    const words = this.parse(query);
    if (!words.length) return { words, results: [], mode: "none", fuzzy: false };
    let scored = await this.scoreWords(manifest, words, tiers, false);
    let fuzzy = false;
    // Too few articles hold every word: perhaps a typo. Retry with near spellings of the
    // longer words before settling for articles that hold only some of the words.
    const tooFew = typos === "if-none" ? scored.every((scores) => scores.size === 0)
      : combine(scored, false, limit).total < MIN_RESULTS;
    if (tooFew && words.some((w) => w.word.length >= FUZZY_MIN)) {
      const near = await this.scoreWords(manifest, words, tiers, true);
      if (combine(near, false, limit).total > combine(scored, false, limit).total) [scored, fuzzy] = [near, true];
    }
    // Natural questions carry words no article uses: every article holding all of them ranks
    // first (it keeps its score), and articles holding most of them follow.
    const ranked = combine(scored, words.length > 1, limit);
    return { words, results: ranked.results, total: ranked.total, mode: ranked.mode, fuzzy };
  }

  /**
   * For each word, a Map of article ref -> score: the best over the parts of one index
   * ("primary" and its "rest"), summed over indexes (first tier and full text). Tiers the
   * site does not have (a small site has no "rest") are skipped.
   */
  async scoreWords(manifest, words, tiers, fuzzy) {
    const present = tiers.filter((tier) => manifest.tiers[tier]);
    // Start every shard the words may need now, in every tier: choosing a word's terms waits
    // for its lead tier's shards, and the other tiers' downloads need not wait for that.
    for (const tier of present) words.forEach((word) => this.prefetchShards(manifest, tier, word, fuzzy));
    // Each word's terms are chosen once per index, from its lead tier, so that every part of
    // an index scores the same terms (a part choosing its own 40 prefix matches would pick
    // others than the whole index does).
    const chosen = new Map(); // index name -> Promise of each word's [term, boost] list
    const termsIn = (index) => {
      if (!chosen.has(index)) {
        chosen.set(index, Promise.all(words.map((word) => this.wordTerms(manifest, index, word, fuzzy))));
      }
      return chosen.get(index);
    };
    const perTier = await Promise.all(present.map(async (tier) => {
      const terms = await termsIn(manifest.tiers[tier].of || tier);
      return Promise.all(terms.map((wordTerms) => this.scoreTerms(manifest, tier, wordTerms)));
    }));
    return words.map((_, w) => {
      const perIndex = new Map(); // index name -> Map(ref -> best score)
      perTier.forEach((tierScores, t) => {
        const index = manifest.tiers[present[t]].of || present[t];
        if (!perIndex.has(index)) perIndex.set(index, new Map());
        const best = perIndex.get(index);
        for (const [ref, score] of tierScores[w]) if (score > (best.get(ref) || 0)) best.set(ref, score);
      });
      const merged = new Map();
      for (const [index, scores] of perIndex) {
        const weight = index === "body" ? BODY_WEIGHT : 1;
        for (const [ref, score] of scores) merged.set(ref, (merged.get(ref) || 0) + score * weight);
      }
      return merged;
    });
  }

  /** Start downloading the shards of a tier that can hold a word's terms. */
  prefetchShards(manifest, tier, word, fuzzy) {
    const shards = manifest.tiers[tier].shards;
    for (const i of shardsForWord(shards, word, fuzzy, { language: this.language })) this.shard(tier, shards[i][1]);
  }

  /**
   * The index terms a word stands for, each with its boost: its exact terms, its prefix
   * expansions (while typed) and its edit-distance-1 neighbours (on retry). Expansions come
   * from the index's lead tier, which holds every term of the index (its "rest" holds only
   * postings of some), the closest MAX_EXPANSIONS over all its shards.
   */
  async wordTerms(manifest, index, word, fuzzy) {
    const terms = word.terms.map((term) => [term, BOOST.exact]);
    const useFuzzy = fuzzy && word.word.length >= FUZZY_MIN;
    if (!word.prefix && !useFuzzy) return terms;
    const shards = manifest.tiers[index].shards;
    const wanted = [...shardsForWord(shards, word, fuzzy, { exact: false, language: this.language })];
    const loaded = await Promise.all(wanted.map((i) => this.shard(index, shards[i][1])));
    if (word.prefix) {
      const starting = loaded.flatMap((shard) => Object.keys(shard.invertedIndex).filter((t) => t.startsWith(word.prefix)));
      for (const term of closest(starting)) terms.push([term, BOOST.prefix]);
    }
    if (useFuzzy) {
      for (const spelling of word.spellings) {
        // The index's terms first, as lunr's Index.query does: the fuzzy set's "*" edges (a
        // letter inserted or changed) match any letter only on that side.
        const near = this.lunr.TokenSet.fromFuzzyString(spelling, 1);
        const found = loaded.flatMap((shard) => shard.tokenSet.intersect(near).toArray());
        for (const other of closest(found)) terms.push([other, BOOST.fuzzy]);
      }
      // A typo in the ending: the stems of the word mended there that the index holds (their
      // shards are among those wanted).
      const held = (term) => term in loaded[wanted.indexOf(shardOf(shards, term))].invertedIndex;
      for (const term of closest(this.language.mendedEndings(word.word).filter(held))) terms.push([term, BOOST.fuzzy]);
    }
    return terms;
  }

  /**
   * Scores per article of a word's terms in one tier: the best over its terms, each looked
   * up in lunr.js as a single term in the shard that holds it. Taking the best rather than
   * lunr's normalised sum makes the score the same however the terms are spread over shards.
   */
  async scoreTerms(manifest, tier, terms) {
    const shards = manifest.tiers[tier].shards;
    const scores = new Map();
    await Promise.all(terms.map(async ([term, boost]) => {
      const index = await this.shard(tier, shards[shardOf(shards, term)][1]);
      if (!(term in index.invertedIndex)) return;
      for (const hit of lookup(index, term)) {
        const score = hit.score * boost;
        if (score > (scores.get(hit.ref) || 0)) scores.set(hit.ref, score);
      }
    }));
    return scores;
  }

  shard(tier, file) {
    return this.load(new URL(file, this.manifestUrl).href, (data) => {
      // A large site's first-tier shards carry their articles' titles (see documentsAtHand).
      for (const ref in data.titles || {}) this.shardTitles.set(ref, data.titles[ref]);
      return this.lunr.Index.load(data);
    });
  }

  /** A file, fetched once; a failed fetch is forgotten after a while, so a later search retries. */
  load(url, parse = (data) => data) {
    if (!this.files.has(url)) {
      const loading = this.fetchJSON(new URL(url)).then(parse);
      this.files.set(url, loading);
      loading.catch(() => later(() => { if (this.files.get(url) === loading) this.files.delete(url); }));
    }
    return this.files.get(url);
  }

  /**
   * Display data of the given refs if it is at hand without a download: the full data, or
   * titles only (summary "" and no headings, `partial: true`) from the manifest (mid-sized
   * sites) or from the first-tier shards (large sites). Null when neither has them all.
   */
  documentsAtHand(manifest, refs) {
    const { chunk, files, inline, titles } = manifest.display;
    if (inline) return refs.map((ref) => this.displayDoc(manifest, ref, inline[Number(ref)]));
    const loaded = (ref) => this.loadedChunks.get(files[Math.floor(Number(ref) / chunk)]);
    if (refs.every(loaded)) return refs.map((ref) => this.displayDoc(manifest, ref, loaded(ref)[Number(ref) % chunk]));
    const title = (ref) => (titles ? titles[Number(ref)] : this.shardTitles.get(String(ref)));
    if (!refs.every(title)) return null;
    return refs.map((ref) => ({ ...this.displayDoc(manifest, ref, [...title(ref), "", []]), partial: true }));
  }

  displayDoc(manifest, ref, [title, category, url, summary, headings]) {
    return { ref: String(ref), title, category: manifest.categories[category], url, summary, headings };
  }

  /** Display data (title, category, url, summary, headings) of the given article refs. */
  async documents(refs) {
    const manifest = await this.ready();
    const { chunk, files, inline } = manifest.display;
    const needed = [...new Set(refs.map((ref) => Math.floor(Number(ref) / chunk)))];
    const chunks = new Map(await Promise.all(needed.map(async (n) => {
      if (inline) return [n, inline];
      const data = await this.load(new URL(files[n], this.manifestUrl).href);
      this.loadedChunks.set(files[n], data);
      return [n, data];
    })));
    return refs.map((ref) => this.displayDoc(manifest, ref, chunks.get(Math.floor(Number(ref) / chunk))[Number(ref) % chunk]));
  }

  /** True if an index term of `word` (or its prefix) matches one of the query's words. */
  matches(word, words) {
    const terms = this.language.terms(word);
    const folded = this.language.fold(word);
    return words.some((w) => w.terms.some((t) => terms.includes(t)) ||
      (w.prefix && folded.startsWith(w.prefix)));
  }
}

/**
 * Articles holding one index term, with lunr.js' score for a one-term query: for each field
 * holding the term, the document's field vector at that term (BM25 with the field's boost,
 * as lunr.py wrote it), summed over fields. This is what `index.query` computes for a single
 * term (its query vector has one element, so the cosine reduces to that value), read
 * straight from the index: lunr's general query costs ~20 µs per matching article, which
 * made a common word take 80 ms at 10,000 articles. A test holds the two to equal scores.
 */
export function lookup(index, term) {
  // A term's scores are asked for again by the next keystroke's search: keep them.
  const cache = index.hcScores || (index.hcScores = new Map());
  if (!cache.has(term)) cache.set(term, scoreTerm(index, term));
  return cache.get(term);
}

function scoreTerm(index, term) {
  const posting = index.invertedIndex[term];
  if (!posting) return [];
  const termIndex = posting._index;
  const scores = new Map();
  for (const field of index.fields) {
    const documents = posting[field];
    if (!documents) continue;
    for (const ref in documents) {
      const vector = index.fieldVectors[`${field}/${ref}`];
      if (!vector) continue;
      const position = vector.positionForIndex(termIndex);
      const value = vector.elements[position] === termIndex ? vector.elements[position + 1] : 0;
      scores.set(ref, (scores.get(ref) || 0) + value);
    }
  }
  return [...scores].map(([ref, score]) => ({ ref, score }));
}

/** The MAX_EXPANSIONS closest of some terms: shortest first (closest to what was typed). */
function closest(terms) {
  return [...new Set(terms)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, MAX_EXPANSIONS);
}

/**
 * AND over words; with `any`, articles holding some words, ranked by the share they hold.
 * Returns the best `limit` results in order and how many there are in all (a full sort of
 * every matching article would cost more than the search itself on large sites).
 */
function combine(wordScores, any, limit) {
  const sums = new Map();
  const matched = new Map();
  for (const scores of wordScores) {
    for (const [ref, score] of scores) {
      sums.set(ref, (sums.get(ref) || 0) + score);
      matched.set(ref, (matched.get(ref) || 0) + 1);
    }
  }
  const words = wordScores.length;
  const best = []; // the top `limit`, kept sorted
  let total = 0;
  for (const [ref, sum] of sums) {
    const held = matched.get(ref);
    if (!any && held !== words) continue;
    total++;
    const result = { ref, score: any ? sum * (held / words) ** 2 : sum, matched: held };
    if (best.length === limit && byScore(result, best[limit - 1]) >= 0) continue;
    let at = best.length;
    while (at > 0 && byScore(result, best[at - 1]) < 0) at--;
    best.splice(at, 0, result);
    if (best.length > limit) best.pop();
  }
  return { mode: any ? "or" : "and", results: best, total };
}

function byScore(a, b) {
  return b.score - a.score || Number(a.ref) - Number(b.ref);
}

/** Index of the shard whose term range holds `term` (shards: [[firstTerm, file], ...]). */
export function shardOf(shards, term) {
  let low = 0;
  let high = shards.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (shards[middle][0] <= term) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Indexes of the shards that can hold a word's terms: its exact terms (unless `exact` is
 * false), its prefix expansions and, with `fuzzy`, its near spellings (see nearShards).
 */
function shardsForWord(shards, word, fuzzy, { exact = true, language } = {}) {
  const wanted = new Set(exact ? word.terms.map((term) => shardOf(shards, term)) : []);
  if (word.prefix) shardsInRange(shards, word.prefix).forEach((i) => wanted.add(i));
  if (fuzzy && word.word.length >= FUZZY_MIN) {
    for (const spelling of word.spellings) nearShards(shards, spelling, language.letters).forEach((i) => wanted.add(i));
    for (const term of language.mendedEndings(word.word)) wanted.add(shardOf(shards, term));
  }
  return wanted;
}

/**
 * Indexes of the shards that can hold the terms one edit from `spelling`. An edit after its
 * first two letters keeps them: their range. An edit in them makes one term each: the first
 * two (or second and third) letters swapped, the first or second left out, or a letter put
 * in or changed second (a term per letter of `letters`, all in the first letter's range: a
 * few shards). A letter put in or changed first would cost a shard per letter, 20 to 30 of a
 * large index's: it is found only in the shards loaded for the rest, which on a one-shard
 * index (a small site's first tier) is all of it.
 */
export function nearShards(shards, spelling, letters) {
  const wanted = new Set(shardsInRange(shards, spelling.slice(0, 2)));
  const [first, second, rest] = [spelling[0], spelling[1] || "", spelling.slice(2)];
  const near = [second + first + rest, spelling.slice(1), first + rest, first + rest.slice(0, 1) + second + rest.slice(1)];
  for (const letter of letters) near.push(first + letter + rest, first + letter + second + rest);
  for (const term of near) wanted.add(shardOf(shards, term));
  return wanted;
}

/** Indexes of the shards that can hold terms starting with `prefix`. */
export function shardsInRange(shards, prefix) {
  const first = shardOf(shards, prefix);
  const found = [first];
  for (let i = first + 1; i < shards.length && shards[i][0].startsWith(prefix); i++) found.push(i);
  return found;
}

async function defaultFetchJSON(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`search data ${url.pathname}: HTTP ${response.status}`);
  return response.json();
}
