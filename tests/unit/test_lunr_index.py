"""Our lean index builder writes exactly what lunr.py's Builder serializes, on real text in
several languages (the FastAPI corpus slice in tests/fixtures), field boosts included."""

from __future__ import annotations

import json
import re

import pytest
from helpcenter.search.languages import language
from helpcenter.search.lunr_index import build_index
from lunr.builder import Builder

from ..conftest import ROOT

FIELDS = {"title": 10, "headings": 5, "body": 1}


def documents(code: str) -> list[tuple[str, dict[str, list[str]]]]:
    found = []
    analyzer = language(code)
    for number, path in enumerate(sorted((ROOT / "tests/fixtures/fastapi" / code).rglob("*.md"))[:25]):
        text = path.read_text(encoding="utf-8")
        headings = " ".join(re.findall(r"^#+ (.+)$", text, re.M))
        fields = {"title": path.stem.replace("-", " "), "headings": headings, "body": text}
        found.append((str(number), {name: analyzer.tokenize(value) for name, value in fields.items()}))
    return found


def lunr_builder(code: str, docs: list[tuple[str, dict[str, list[str]]]]) -> dict:
    analyzer = language(code)
    builder = Builder()
    builder.pipeline.add(*analyzer.pipeline)
    builder.search_pipeline.add(*analyzer.search_pipeline)
    builder.ref("id")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    for ref, fields in docs:
        builder.add({"id": ref, **fields})
    return builder.build().serialize()


@pytest.mark.parametrize("code", ["en", "es", "de", "ja", "ru"])
def test_the_same_index_as_lunr_builder(code: str) -> None:
    docs = documents(code)
    assert len(docs) >= 5
    analyzer = language(code)
    ours = build_index(analyzer.pipeline, analyzer.search_pipeline, FIELDS, docs).serialize()
    assert json.dumps(ours, ensure_ascii=False) == json.dumps(lunr_builder(code, docs), ensure_ascii=False)


def test_an_empty_field_and_no_documents() -> None:
    analyzer = language("en")
    docs = [("0", {"title": ["alone"], "headings": [], "body": []})]
    ours = build_index(analyzer.pipeline, analyzer.search_pipeline, FIELDS, docs).serialize()
    assert ours == lunr_builder("en", docs)
    assert build_index(analyzer.pipeline, analyzer.search_pipeline, FIELDS, []).serialize()["invertedIndex"] == []
