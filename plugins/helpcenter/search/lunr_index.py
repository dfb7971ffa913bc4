"""A lunr index, serialized, from pre-tokenized documents: what ``lunr.Builder`` followed by
``Index.serialize()`` gives, byte for byte (a test holds the two equal), in a fraction of the
time and memory. lunr.py's builder copies metadata for every token, keeps a posting
dictionary per term, field and document, and builds a token set that serialization drops;
at 10,000 articles that was most of the build's memory. The scoring is lunr's own: BM25 with
k1 = 1.2 and b = 0.75, lunr's idf, scores rounded to three decimals."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import lunr
from lunr.pipeline import Pipeline
from lunr.token import Token

K1 = 1.2
B = 0.75
# Every posting's metadata is empty (no metadata is whitelisted): one shared, never changed.
_NO_METADATA: dict[str, Any] = {}


def build_index(pipeline: Sequence[Any], search_pipeline: Sequence[Any], fields: Mapping[str, int],
                documents: Iterable[tuple[str, Mapping[str, Sequence[str]]]]) -> dict[str, Any]:
    """``documents``: (ref, {field: tokens}); ``fields``: field name -> boost."""
    indexing = Pipeline()
    indexing.add(*pipeline)
    names = list(fields)
    postings: dict[str, dict[str, Any]] = {}  # term -> {field: {ref: {}}, "_index": n}
    in_order: list[dict[str, Any]] = []  # the postings by term index
    # Per field of each document: its terms' indexes and counts, packed (at 10,000 articles a
    # dictionary per field and document held hundreds of MB until the vectors were made).
    frequencies: list[tuple[str, str, array[int], array[int], int]] = []
    totals = dict.fromkeys(names, 0)
    count = 0
    # A word's terms (trimmed, stop words dropped, stemmed) once per field: prose repeats its
    # words, and the pipeline (a Snowball stemmer in Python) is most of the work. Its
    # functions look at one token at a time, as lunr's and lunr-languages' do.
    terms_of: dict[tuple[str, str], list[str]] = {}
    for ref, texts in documents:
        count += 1
        for name in names:
            terms: list[str] = []
            for word in texts.get(name) or ():
                lowered = str(word).lower()
                found = terms_of.get((name, lowered))
                if found is None:
                    found = terms_of[(name, lowered)] = [str(t) for t in indexing.run([Token(lowered, {})], name)]
                terms += found
            counted: dict[int, int] = {}
            for key in terms:
                posting = postings.get(key)
                if posting is None:
                    posting = postings[key] = {field: {} for field in names}
                    posting["_index"] = len(in_order)
                    in_order.append(posting)
                posting[name][ref] = _NO_METADATA
                number = posting["_index"]
                counted[number] = counted.get(number, 0) + 1
            frequencies.append((name, ref, array("I", counted), array("I", counted.values()), len(terms)))
            totals[name] += len(terms)
    average = {name: totals[name] / count if count else 0 for name in names}
    idf: dict[int, float] = {}
    vectors = []
    for name, ref, numbers, counts, length in frequencies:
        boost = fields[name]
        elements: list[tuple[int, float]] = []
        for number, tf in zip(numbers, counts, strict=True):
            if number not in idf:
                having = sum(len(in_order[number][field]) for field in names)
                idf[number] = math.log(1 + abs((count - having + 0.5) / (having + 0.5)))
            score = idf[number] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[name])) + tf)
            elements.append((number, round(round(score * boost, 3), 3)))
        elements.sort()
        vectors.append([f"{name}/{ref}", [value for pair in elements for value in pair]])
    del frequencies, in_order
    searching = Pipeline()
    searching.add(*search_pipeline)
    return {
        "version": lunr.__TARGET_JS_VERSION__,
        "fields": names,
        "fieldVectors": vectors,
        "invertedIndex": [[term, postings[term]] for term in sorted(postings)],
        "pipeline": searching.serialize(),
    }
