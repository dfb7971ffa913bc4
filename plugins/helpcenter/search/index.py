"""Build the help center's search files: lunr indexes in tiers, split into term shards.

What the browser fetches, and when:

* ``manifest``: the list of files below, and the first term of each shard. Fetched when
  the reader focuses a search box (never on page load).
* ``primary`` tier: one lunr document per article with its title, keywords (plus the
  site's synonyms), section headings and summary. Answers the drop-down.
* ``rest`` tier: the first tier's other postings. The ``primary`` tier keeps, for each term,
  only its HEAD_POSTINGS best-scoring articles: a word that most articles share ("calendar"
  in 4,000 of 10,000) would otherwise cost the first answer thousands of postings to fetch,
  parse and score, for the few articles that a drop-down shows. The rest loads with the full
  text, and the two together give exactly the scores of one index.
* ``body`` tier: the full text, one document per article. Fetched after the first results
  are on screen, to find articles whose words are only in the text. (One document per
  section, tried too, ranked worse on our relevance set: see the notes in the README.)
* ``display`` chunks: title, category, URL, summary and headings of 16 articles each: what
  a result shows, without fetching the page. On small sites (up to DISPLAY_INLINE_BYTES)
  they ride inside the manifest instead. Otherwise, while they are small (TITLES_GZIP_BYTES),
  the manifest carries the titles (title, category, URL), so the first answer shows at once
  and its snippets follow with their chunk.

Each tier is one lunr.py index (so BM25 statistics cover the whole site), serialized in the
lunr.js 2.3.9 format and cut into shards of consecutive terms (sorted, as lunr.js loads them):
each shard holds its terms' postings and the parts of the field vectors that point at them,
and loads on its own with ``lunr.Index.load``. The browser fetches only the shards holding a
query's terms, so the bytes before the first result stay small however large the site.
File names carry a hash of their content, so browsers may cache them for good.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import lunr

from .languages import Language
from .lunr_index import FieldVector, PackedIndex, build_index

FORMAT_VERSION = 1
PRIMARY_FIELDS = {"title": 10, "keywords": 6, "headings": 3, "summary": 1}
BODY_FIELDS = {"body": 1}
DISPLAY_CHUNK = 16
DISPLAY_INLINE_BYTES = 24_000  # up to this, display data goes inside the manifest
TITLES_GZIP_BYTES = 16_000  # up to this, the titles alone do (1,600 generated articles: 15 KB)
# Each term's best postings in the first tier (the rest: "rest" tier). A drop-down shows six;
# 20 to 100 gave the same first answers on our relevance set (hit@5 0.78 English, 0.68 Spanish).
HEAD_POSTINGS = 40
SHARD_BYTES = 16_000  # raw JSON per shard: 3-5 KB gzipped; small shards parse fast
SHARD_TABLE_BYTES = 3_000  # the page names the first tier's shards up to this size (~160 shards)
FIRST_TIER_WARNING_BYTES = 300_000
# A first tier up to this size (gzip) is fetched whole when a search box gets focus, so the
# first keystroke waits for no shard; larger ones are fetched shard by shard as words come.
PREFETCH_GZIP_BYTES = 48_000


@dataclass
class SearchDocument:
    title: str
    url: str
    category: int  # index into the site's category titles
    summary: str
    keywords: list[str] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)  # (text, anchor)
    body: str = ""


@dataclass
class SearchFiles:
    files: dict[str, bytes]  # path under the site folder -> content (those not written yet)
    manifest_path: str
    warnings: list[str]
    stats: dict[str, Any]
    # Files a search box fetches on focus, beside the manifest (a small site's whole first
    # tier): the page names them so that they need not wait for the manifest.
    prefetch_paths: list[str] = field(default_factory=list)
    # The first tier's shards ([first term, file name], as in the manifest) when the list is
    # small: the page carries it, so a query's shards need not wait for the manifest.
    shard_table: list[list[str]] = field(default_factory=list)


@dataclass
class BodyTier:
    """A built full-text tier: its manifest entry and its files."""

    entry: dict[str, Any]
    files: dict[str, bytes]


def body_tier(search: SearchFiles, folder: str = "search") -> BodyTier | None:
    """The full-text tier of search files kept in memory (None when they have none)."""
    manifest = json.loads(search.files.get(search.manifest_path, b"{}"))
    entry = manifest.get("tiers", {}).get("body")
    if entry is None:
        return None
    paths = [f"{folder}/{file}" for _, file in entry["shards"]]
    if not all(path in search.files for path in paths):
        return None
    return BodyTier(entry, {path: search.files[path] for path in paths})


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# Every search file is named for its content: the page script rebuilds the first tier's names
# from FIRST_TIER_NAME (pages carry it), so the rule is written here only.
FILE_NAME = "{stem}.{hash}.json"
FIRST_TIER_NAME = FILE_NAME.format(stem="primary-{n}", hash="{hash}")


def _hashed(folder: str, stem: str, content: bytes) -> str:
    return f"{folder}/" + FILE_NAME.format(stem=stem, hash=hashlib.sha256(content).hexdigest()[:10])


def expand_synonyms(
    language: Language, text: str, groups: Sequence[Sequence[str]]
) -> list[str]:
    """The synonyms to add to a document: every other phrase of a group one of whose phrases
    the text contains (compared as words, so 'iCal' matches 'ical' but not 'musical')."""
    if not groups:
        return []
    words = f" {' '.join(language.tokenize(text))} "
    added: list[str] = []
    for group in groups:
        phrases = [" ".join(language.tokenize(phrase)) for phrase in group]
        if any(phrase and f" {phrase} " in words for phrase in phrases):
            added += [original for original, phrase in zip(group, phrases, strict=True)
                      if phrase and f" {phrase} " not in words]
    return added


def _titles_of(index: dict[str, Any], documents: Sequence[SearchDocument]) -> dict[str, list[Any]]:
    """Title, category and URL of the articles an index shard has postings for."""
    refs = sorted({field_ref.split("/", 1)[1] for field_ref, _ in index["fieldVectors"]}, key=int)
    return {ref: title_entry(documents[int(ref)]) for ref in refs}


def title_entry(document: SearchDocument) -> list[Any]:
    """What the first answer shows of an article before its display chunk: title, category, URL."""
    return [document.title, document.category, document.url]


def _build_index(
    language: Language, fields: dict[str, int], documents: Iterable[tuple[str, dict[str, str]]]
) -> PackedIndex:
    # Pre-tokenized: lunr.py and lunr.js then split words identically (see languages.py).
    return build_index(language.pipeline, language.search_pipeline, fields,
                       ((ref, {name: language.tokenize(texts.get(name, "")) for name in fields})
                        for ref, texts in documents))


def split_postings(index: PackedIndex, keep: int) -> tuple[PackedIndex, PackedIndex | None]:
    """Split an index in two: each term's ``keep`` best-scoring documents (its score in a
    document: the sum of its field vector values, what a one-term query gives; ties to the
    lower ref, as the browser ranks) and the rest, or None when no term has more."""
    crowded = {number for number, per_field in enumerate(index.postings)
               if sum(map(len, per_field)) > keep and len(set().union(*per_field)) > keep}
    if not crowded:
        return index, None
    scores: dict[int, dict[int, float]] = {number: {} for number in crowded}
    for vector in index.vectors:
        for number, value in zip(vector.terms, vector.scores, strict=True):
            if number in crowded:
                per_doc = scores[number]
                per_doc[vector.document] = per_doc.get(vector.document, 0.0) + value
    head_docs = {number: set(sorted(per_doc, key=lambda doc: (-per_doc[doc], int(index.refs[doc])))[:keep])
                 for number, per_doc in scores.items()}
    del scores

    def part(head: bool) -> PackedIndex:
        postings = [
            [array("I", (doc for doc in documents if (doc in head_docs[number]) == head)) for documents in per_field]
            if number in crowded else per_field if head else [array("I") for _ in per_field]
            for number, per_field in enumerate(index.postings)]
        vectors = []
        for vector in index.vectors:
            kept = [position for position, number in enumerate(vector.terms)
                    if (number not in crowded or vector.document in head_docs[number]) == head]
            if kept:
                vectors.append(FieldVector(vector.field, vector.document, array("I", (vector.terms[p] for p in kept)),
                                           array("d", (vector.scores[p] for p in kept))))
        return replace(index, postings=postings, vectors=vectors, index_first=True)

    return part(True), part(False)


def shard_list(shards: Sequence[Sequence[str]]) -> str:
    """The first tier's shards as pages list them (``data-shards``): "term hash term hash ...",
    each shard's first term and the content hash of its file, named by ``FIRST_TIER_NAME``
    with n its position (the page need not repeat what the browser can rebuild)."""
    listed = []
    for position, (first_term, file) in enumerate(shards):
        pattern = re.escape(FIRST_TIER_NAME).replace(r"\{n\}", str(position)).replace(r"\{hash\}", "([0-9a-f]+)")
        named = re.fullmatch(pattern, file)
        if not named or not first_term or " " in first_term:
            raise ValueError(f"not a first-tier shard list: {first_term!r} {file!r} at {position}")
        listed.append(f"{first_term} {named[1]}")
    return " ".join(listed)


def shard_index(index: PackedIndex, max_bytes: int = SHARD_BYTES,
                ref_bytes: Sequence[int] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Cut an index into shards of consecutive terms, serialized one at a time: (first term,
    index). ``ref_bytes``: what each article adds to a shard that has postings for it (its
    title, where shards carry titles), counted once per shard."""
    order = index.term_order()
    if not order:
        yield "", {**index.serialize(), "fieldVectors": [], "invertedIndex": []}
        return
    bounds: list[int] = []  # position in ``order`` where each shard starts
    size = 0
    refs_in_shard: set[int] = set()

    def articles_cost(documents: set[int]) -> int:
        return sum(ref_bytes[document] for document in documents) if ref_bytes is not None else 0

    for position, number in enumerate(order):
        per_field = index.postings[number]
        # Each posting is one vector element (a term number and a score: about 24 bytes).
        postings = (len(index.terms[number]) + len(_dump(index.posting(number)))
                    + 24 * sum(map(len, per_field)))
        documents = set().union(*per_field)
        cost = postings + articles_cost(documents - refs_in_shard)
        if not bounds or (size + cost > max_bytes and size > 0):
            bounds.append(position)
            size = 0
            refs_in_shard = set()
            cost = postings + articles_cost(documents)  # a new shard pays for all its articles
        refs_in_shard |= documents
        size += cost
    ranges = list(zip(bounds, [*bounds[1:], len(order)], strict=True))
    # lunr numbers terms as it first meets them, not in sorted order: map each to its shard,
    # then deal every vector's elements to their shards in one pass (packed: at 10,000
    # articles the body tier has millions).
    shard_of_term = array("I", bytes(4 * len(index.terms)))
    for shard, (lo, hi) in enumerate(ranges):
        for number in order[lo:hi]:
            shard_of_term[number] = shard
    vector_ids = [array("I") for _ in ranges]  # per shard: the vectors with elements in it
    cuts = [array("I") for _ in ranges]  # per shard: where each of those vectors' elements end
    terms = [array("I") for _ in ranges]
    scores = [array("d") for _ in ranges]
    for vector_id, vector in enumerate(index.vectors):
        for number, value in zip(vector.terms, vector.scores, strict=True):
            shard = shard_of_term[number]
            if not vector_ids[shard] or vector_ids[shard][-1] != vector_id:
                if vector_ids[shard]:
                    cuts[shard].append(len(terms[shard]))
                vector_ids[shard].append(vector_id)
            terms[shard].append(number)
            scores[shard].append(value)
    field_refs = [index.field_ref(vector) for vector in index.vectors]
    for shard, (lo, hi) in enumerate(ranges):
        ends = [2 * end for end in (*cuts[shard], len(terms[shard]))]
        starts = [0, *ends[:-1]]
        elements: list[Any] = [0] * (2 * len(terms[shard]))  # term number, score, term number...
        elements[::2] = terms[shard].tolist()
        elements[1::2] = scores[shard].tolist()
        vectors = [[field_refs[vector_id], elements[start:end]]
                   for vector_id, start, end in zip(vector_ids[shard], starts, ends, strict=True)]
        vector_ids[shard] = cuts[shard] = terms[shard] = array("I")  # dealt: let go
        scores[shard] = array("d")
        yield index.terms[order[lo]], {
            "version": lunr.__TARGET_JS_VERSION__,
            "fields": index.fields,
            "fieldVectors": vectors,
            "invertedIndex": [[index.terms[number], index.posting(number)] for number in order[lo:hi]],
            "pipeline": index.pipeline,
        }


def build_search_files(
    documents: Sequence[SearchDocument],
    categories: Sequence[str],
    language: Language,
    *,
    synonyms: Sequence[Sequence[str]] = (),
    folder: str = "search",
    shard_bytes: int = SHARD_BYTES,
    head_postings: int = HEAD_POSTINGS,
    prefetch_bytes: int = PREFETCH_GZIP_BYTES,
    inline_bytes: int = DISPLAY_INLINE_BYTES,
    titles_gzip_bytes: int = TITLES_GZIP_BYTES,
    write: Callable[[str, bytes], None] | None = None,
    body: BodyTier | Literal["build", "omit"] = "build",
    rest: bool = True,
    edited: Sequence[int] = (),
) -> SearchFiles:
    """``write``: where each file goes as soon as it is made (at 10,000 articles they are
    tens of MB); without it, they are kept in ``SearchFiles.files``. ``body``: the full-text
    tier built, left out (the browser searches the others), or taken as it is from an
    earlier build of the same articles in the same order (``body_tier``): a preview shows an
    edit's title, keywords and headings in search before the full text is indexed again.
    ``rest=False``: the first tier's other postings left out too (its best ones answer).
    ``edited``: with an earlier full-text tier, the articles whose text changed since: their
    text alone makes an "edits" tier, scored as part of the full text (``of: body``), so
    their new words are found before the full text is indexed again."""
    files: dict[str, bytes] = {}

    def keep(path: str, content: bytes) -> None:
        if write is None:
            files[path] = content
        else:
            write(path, content)

    warnings: list[str] = []
    primary_docs, body_docs = [], []
    for ref, doc in enumerate(documents):
        heading_text = " ".join(text for text, _ in doc.headings)
        keywords = [*doc.keywords, *expand_synonyms(
            language, " ".join([doc.title, *doc.keywords, heading_text, doc.summary, doc.body]),
            synonyms)]
        primary_docs.append((str(ref), {"title": doc.title, "keywords": " ".join(keywords),
                                        "headings": heading_text, "summary": doc.summary}))
        body_docs.append((str(ref), {"body": doc.body}))

    manifest: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "lang": language.code,
        # "generic": words as written (no stemmer), "cjk": pairs of characters; the browser
        # reads queries the same way.
        "analyzer": language.analyzer,
        "docs": len(documents),
        "categories": list(categories),
        "tiers": {},
        "display": {"chunk": DISPLAY_CHUNK, "files": []},
    }
    stats: dict[str, Any] = {}
    prefetch_paths: list[str] = []
    shard_table: list[list[str]] = []
    display = [[doc.title, doc.category, doc.url, doc.summary, [list(h) for h in doc.headings]]
               for doc in documents]
    if len(_dump(display)) <= inline_bytes:
        # A small site's display data rides in the manifest: one round trip fewer.
        manifest["display"] = {"chunk": max(1, len(display)), "inline": display}
    for start in range(0, len(display), DISPLAY_CHUNK) if "inline" not in manifest["display"] else ():
        content = _dump(display[start:start + DISPLAY_CHUNK])
        path = _hashed(folder, f"display-{start // DISPLAY_CHUNK}", content)
        keep(path, content)
        manifest["display"]["files"].append(path.rsplit("/", 1)[1])
    if "inline" not in manifest["display"]:
        # Titles ride in the manifest while they are small (about 1,600 generated articles): the
        # drop-down shows its first answer without waiting for a display chunk, and the
        # snippets follow with their chunk.
        titles = [title_entry(doc) for doc in documents]
        if len(gzip.compress(_dump(titles), 6)) <= titles_gzip_bytes:
            manifest["display"]["titles"] = titles

    # Where the manifest carries no titles (a large site), each first-tier shard carries those
    # of its articles: the drop-down's first answer then waits for no display chunk.
    titles_in_shards = not ({"inline", "titles"} & manifest["display"].keys())
    def tiers() -> Iterator[tuple[str, dict[str, int], PackedIndex | None]]:
        # One tier's index in memory at a time.
        head, others = split_postings(_build_index(language, PRIMARY_FIELDS, primary_docs), head_postings)
        yield "primary", PRIMARY_FIELDS, head
        del head
        yield "rest", PRIMARY_FIELDS, others if rest else None
        del others
        if body == "build":
            yield "body", BODY_FIELDS, _build_index(language, BODY_FIELDS, body_docs)

    for tier, fields, packed in tiers():
        if packed is None:
            continue
        with_titles = tier == "primary" and titles_in_shards
        # A first tier small enough to fetch whole on focus is one file: one request. (Each
        # posting costs well over a byte gzipped, so a larger one is never tried whole.)
        prefetch, whole = False, {}
        if tier == "primary" and sum(len(vector.terms) for vector in packed.vectors) <= 4 * prefetch_bytes:
            whole = packed.serialize()
            prefetch = len(gzip.compress(_dump(
                {**whole, "titles": _titles_of(whole, documents)} if with_titles else whole), 6)) <= prefetch_bytes
        shards = []
        tier_bytes = tier_gzip = terms = 0
        title_bytes = [len(_dump(title_entry(doc))) + len(str(ref)) + 4
                       for ref, doc in enumerate(documents)] if with_titles else None
        pieces = [("", whole)] if prefetch else shard_index(packed, shard_bytes, title_bytes)
        for number, (first_term, index) in enumerate(pieces):
            if with_titles:
                index = {**index, "titles": _titles_of(index, documents)}
            content = _dump(index)
            path = _hashed(folder, f"{tier}-{number}", content)
            keep(path, content)
            shards.append([first_term, path.rsplit("/", 1)[1]])
            tier_bytes += len(content)
            terms += len(index["invertedIndex"])
            if tier == "primary":
                tier_gzip += len(gzip.compress(content, 6))
        manifest["tiers"][tier] = {"fields": list(fields), "shards": shards, "prefetch": prefetch}
        if tier == "rest":
            manifest["tiers"][tier]["of"] = "primary"  # same index: a term's score is in one of the two
        if prefetch:
            prefetch_paths = [f"{folder}/{file}" for _, file in shards]
        elif tier == "primary" and all(term for term, _ in shards) and len(shard_list(shards)) <= SHARD_TABLE_BYTES:
            shard_table = shards
        stats[tier] = {"shards": len(shards), "bytes": tier_bytes, "terms": terms}
        if tier == "primary":
            stats[tier]["gzip"] = tier_gzip
        del packed, pieces, whole

    if isinstance(body, BodyTier):
        manifest["tiers"]["body"] = body.entry
        for path, content in body.files.items():
            keep(path, content)
        if edited:
            edits = _build_index(language, BODY_FIELDS, (body_docs[number] for number in sorted(set(edited))))
            content = _dump(edits.serialize())
            path = _hashed(folder, "edits-0", content)
            keep(path, content)
            manifest["tiers"]["edits"] = {"fields": list(BODY_FIELDS), "shards": [["", path.rsplit("/", 1)[1]]],
                                          "prefetch": False, "of": "body"}
    if stats["primary"]["gzip"] > FIRST_TIER_WARNING_BYTES:
        warnings.append(
            f"the first search tier is {stats['primary']['gzip'] / 1000:.0f} KB gzipped "
            f"(over {FIRST_TIER_WARNING_BYTES // 1000} KB); readers still fetch only the "
            f"shards of their query's terms ({stats['primary']['shards']} shards), but "
            "consider shorter summaries or fewer keywords")
    content = _dump(manifest)
    manifest_path = _hashed(folder, "manifest", content)
    keep(manifest_path, content)
    return SearchFiles(files=files, manifest_path=manifest_path, warnings=warnings, stats=stats,
                       prefetch_paths=prefetch_paths, shard_table=shard_table)
