"""A lunr index from pre-tokenized documents, kept packed: what ``lunr.Builder`` followed by
``Index.serialize()`` gives, byte for byte (a test holds the two equal), in a fraction of the
time and memory. lunr.py's builder copies metadata for every token, keeps a posting
dictionary per term, field and document, and builds a token set that serialization drops;
at 10,000 articles that was most of the build's memory. Here each term's postings are an
array of document numbers and each field vector two arrays (term numbers, scores): the
serialized form is made a piece at a time (``index.py`` writes one shard at a time). The
scoring is lunr's own: BM25 with k1 = 1.2 and b = 0.75, lunr's idf, scores rounded to three
decimals."""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import lunr
from lunr.pipeline import Pipeline
from lunr.token import Token

K1 = 1.2
B = 0.75
# Every posting's metadata is empty (no metadata is whitelisted): one shared, never changed.
_NO_METADATA: dict[str, Any] = {}


@dataclass
class FieldVector:
    field: int  # position in PackedIndex.fields
    document: int  # position in PackedIndex.refs
    terms: array[int]  # term numbers, ascending
    scores: array[float]

    def elements(self) -> list[Any]:
        """As lunr serializes it: term number, score, term number, score..."""
        return [value for pair in zip(self.terms, self.scores, strict=True) for value in pair]


@dataclass
class PackedIndex:
    fields: list[str]
    refs: list[str]  # document number -> its ref
    terms: list[str]  # term number (lunr's "_index": the order terms were first met) -> term
    postings: list[list[array[int]]]  # term number -> per field, its documents (ascending)
    vectors: list[FieldVector]  # in lunr's order: document by document, field by field
    pipeline: list[str]
    # Where a serialized posting names its term number: after the fields, as lunr writes it,
    # or before them, as a split index (index.split_postings) always has.
    index_first: bool = False

    def term_order(self) -> list[int]:
        """Numbers of the terms that have postings, sorted by term (as lunr.js loads them)."""
        return sorted((number for number, per_field in enumerate(self.postings) if any(per_field)),
                      key=self.terms.__getitem__)

    def posting(self, number: int) -> dict[str, Any]:
        """One term's serialized posting: {field: {ref: {}}, "_index": number}."""
        by_field = {name: {self.refs[document]: _NO_METADATA for document in documents}
                    for name, documents in zip(self.fields, self.postings[number], strict=True)}
        return {"_index": number, **by_field} if self.index_first else {**by_field, "_index": number}

    def field_ref(self, vector: FieldVector) -> str:
        return f"{self.fields[vector.field]}/{self.refs[vector.document]}"

    def serialize(self) -> dict[str, Any]:
        """The whole index as ``lunr.Index.serialize()`` gives it (for small indexes and tests)."""
        return {
            "version": lunr.__TARGET_JS_VERSION__,
            "fields": self.fields,
            "fieldVectors": [[self.field_ref(vector), vector.elements()] for vector in self.vectors],
            "invertedIndex": [[self.terms[number], self.posting(number)] for number in self.term_order()],
            "pipeline": self.pipeline,
        }


def build_index(pipeline: Sequence[Any], search_pipeline: Sequence[Any], fields: Mapping[str, int],
                documents: Iterable[tuple[str, Mapping[str, Sequence[str]]]]) -> PackedIndex:
    """``documents``: (ref, {field: tokens}); ``fields``: field name -> boost."""
    indexing = Pipeline()
    indexing.add(*pipeline)
    names = list(fields)
    numbers: dict[str, int] = {}  # term -> term number
    terms: list[str] = []
    postings: list[list[array[int]]] = []
    refs: list[str] = []
    # Per field of each document: its terms' numbers and counts, and its length.
    frequencies: list[tuple[int, int, array[int], array[int], int]] = []
    totals = dict.fromkeys(names, 0)
    # A word's terms (trimmed, stop words dropped, stemmed) once per field: prose repeats its
    # words, and the pipeline (a Snowball stemmer in Python) is most of the work. Its
    # functions look at one token at a time, as lunr's and lunr-languages' do.
    terms_of: dict[tuple[str, str], list[str]] = {}
    for ref, texts in documents:
        document = len(refs)
        refs.append(ref)
        for field, name in enumerate(names):
            counted: dict[int, int] = {}
            length = 0
            # Each distinct word once, with how often it comes (in the order words first come,
            # so terms are numbered as lunr numbers them, one token after another).
            for word, times in Counter(texts.get(name) or ()).items():
                lowered = str(word).lower()
                found = terms_of.get((name, lowered))
                if found is None:
                    found = terms_of[(name, lowered)] = [str(t) for t in indexing.run([Token(lowered, {})], name)]
                length += times * len(found)
                for term in found:
                    number = numbers.get(term)
                    if number is None:
                        number = numbers[term] = len(terms)
                        terms.append(term)
                        postings.append([array("I") for _ in names])
                    if number in counted:
                        counted[number] += times
                    else:
                        postings[number][field].append(document)
                        counted[number] = times
            frequencies.append((field, document, array("I", counted), array("I", counted.values()), length))
            totals[name] += length
    count = len(refs)
    average = {name: totals[name] / count if count else 0 for name in names}
    idf: dict[int, float] = {}
    vectors = []
    for field, document, term_numbers, counts, length in frequencies:
        name = names[field]
        boost = fields[name]
        elements: list[tuple[int, float]] = []
        for number, tf in zip(term_numbers, counts, strict=True):
            if number not in idf:
                having = sum(len(documents_of) for documents_of in postings[number])
                idf[number] = math.log(1 + abs((count - having + 0.5) / (having + 0.5)))
            score = idf[number] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[name])) + tf)
            elements.append((number, round(round(score * boost, 3), 3)))
        elements.sort()
        vectors.append(FieldVector(field, document, array("I", (n for n, _ in elements)),
                                   array("d", (s for _, s in elements))))
    del frequencies
    searching = Pipeline()
    searching.add(*search_pipeline)
    return PackedIndex(fields=names, refs=refs, terms=terms, postings=postings, vectors=vectors,
                       pipeline=searching.serialize())
