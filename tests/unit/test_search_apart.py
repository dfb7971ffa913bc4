"""A large site's search index, built by a Python process of its own, is the index built in
the build's own process: the same files, written into the site folder; a failure is told."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpcenter.search.apart import start_search
from helpcenter.search.index import SearchDocument
from helpcenter.search.site_search import search_files


def _documents(count: int) -> list[SearchDocument]:
    words = ["calendar", "booking", "guest", "payment", "refund", "cleaning", "owner", "channel"]
    return [SearchDocument(title=f"{words[i % 8]} guide {i}", url=f"a/{i}/", category=i % 2,
                           summary=f"About {words[(i * 3) % 8]}", keywords=[words[(i + 1) % 8]],
                           headings=[(f"Step {i}", f"step-{i}")],
                           body=" ".join(words[(i + k) % 8] for k in range(30)) + f" réservation{i}")
            for i in range(count)]


def test_built_apart_is_built_here(tmp_path: Path) -> None:
    documents = _documents(120)
    synonyms = [["calendar", "iCal"]]
    here = search_files(documents, ["A", "B"], "fr", synonyms)
    apart = start_search(documents, ["A", "B"], "fr", synonyms, tmp_path).result()
    assert apart.files == {}  # written, not handed back
    written = {str(path.relative_to(tmp_path)): path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert written == here.files and len(written) > 3
    assert (apart.manifest_path, apart.warnings, apart.stats, apart.prefetch_paths, apart.shard_table) == (
        here.manifest_path, here.warnings, here.stats, here.prefetch_paths, here.shard_table)


def test_a_failure_apart_is_told(tmp_path: Path) -> None:
    blocked = tmp_path / "site"
    blocked.write_text("a file where the site folder should be", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"the search index failed: .*Error"):
        start_search(_documents(3), ["A"], "en", [], blocked).result()
