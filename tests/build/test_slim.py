"""The published scripts and styles lose their comments, never their code."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpcenter.publish.slim import slim_script, slim_stylesheet

from ..conftest import ROOT

ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
SOURCES = ROOT / "overrides" / "assets" / "helpcenter"


def minified(text: str) -> str:
    """What esbuild makes of a module with every comment and space taken out."""
    done = subprocess.run([str(ESBUILD), "--loader=js", "--format=esm", "--minify", "--legal-comments=none"],
                          input=text, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def test_every_published_script_is_its_source_less_comments(sample_site: Path) -> None:
    # (text/<lang>.js is written from the catalogs: tests/build/test_languages.py checks it.)
    published = sorted(p for p in (sample_site / "assets/helpcenter").rglob("*.js")
                       if "vendor" not in p.parts and p.parent.name != "text")
    assert len(published) >= 10
    for path in published:
        relative = path.relative_to(sample_site / "assets/helpcenter")
        in_common = relative.parts[0] == "common"
        source = ROOT / "common" / relative.relative_to("common") if in_common else SOURCES / relative
        original, slim = source.read_text(encoding="utf-8"), path.read_text(encoding="utf-8")
        assert minified(slim) == minified(original), relative
        if "//" in original.split("\n", 1)[0]:
            assert len(slim) < len(original), relative  # its comments are gone


def test_published_stylesheet_is_smaller_and_keeps_every_rule(sample_site: Path) -> None:
    source = (SOURCES / "helpcenter.css").read_text(encoding="utf-8")
    published = (sample_site / "assets/helpcenter/helpcenter.css").read_text(encoding="utf-8")
    assert len(published) < 0.8 * len(source) and "/*" not in published
    assert published.count("{") == source.count("{")


def test_only_whole_line_comments_go() -> None:
    script = (
        "// a comment line\n"
        "/** a block\n * over lines */\n"
        "/*! legal notice */\n"
        'const url = "https://example.com"; // a trailing comment stays\n'
        "  // an indented comment\n"
        "export { url };\n"
    )
    slim = slim_script(script)
    assert "a comment line" not in slim and "a block" not in slim and "indented comment" not in slim
    assert "/*! legal notice */" in slim and 'const url = "https://example.com"; // a trailing' in slim
    assert slim.endswith("export { url };\n")
    assert slim_stylesheet("a { color: red; } /* why */\n") == "a{color:red}"
