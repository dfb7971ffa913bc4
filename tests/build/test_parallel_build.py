"""build.py build on several processes writes exactly what one process writes, and still
stops on a writer's error found in any process's pages."""

from __future__ import annotations

import filecmp
import sys
from pathlib import Path

from ..conftest import ROOT, run_build_py

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate_corpus import generate


def differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name}" for name in compared.left_only + compared.right_only + compared.diff_files)
        found.extend(f"{prefix}{name} (unreadable)" for name in compared.funny_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return found


def test_several_processes_write_the_same_site_as_one(tmp_path: Path) -> None:
    """Two: the pages shared, the search index built in between; three: the search index
    built beside the pages (which are written with placeholders, filled in after)."""
    docs = generate(tmp_path / "docs", 200, natural=True)
    one = run_build_py("build", "--docs-dir", str(docs), "--site-dir", str(tmp_path / "1"), "--jobs", "1")
    assert one.returncode == 0, one.stderr[-2000:]
    for jobs in ("2", "3"):
        several = run_build_py("build", "--docs-dir", str(docs), "--site-dir", str(tmp_path / jobs), "--jobs", jobs)
        assert several.returncode == 0, several.stderr[-2000:]
        assert len(list((tmp_path / jobs).rglob("index.html"))) > 200
        assert differences(tmp_path / "1", tmp_path / jobs) == [], jobs
    assert "__hc_search" not in (tmp_path / "3" / "index.html").read_text(encoding="utf-8")


def test_an_error_in_any_process_stops_the_build(tmp_path: Path) -> None:
    docs = generate(tmp_path / "docs", 200)
    pages = sorted(docs.rglob("article-*.md"))
    broken = pages[1]  # dealt to the second process
    broken.write_text(broken.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    result = run_build_py("build", "--docs-dir", str(docs), "--site-dir", str(tmp_path / "site"), "--jobs", "2",
                          "--strict")
    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr and broken.name in result.stderr
