"""The help center's own scripts and styles as customers download them: without the comments
written for the people who maintain them (a third of their size after gzip), so a phone on a
slow network gets the same code in fewer bytes. Plain Python, no MkDocs.

Scripts lose whole-line comments only (``// ...`` lines and ``/* ... */`` blocks that start a
line): no code is touched, which tests/build/test_slim.py proves by minifying each file before
and after with esbuild and comparing. Stylesheets go through rcssmin (a well-kept CSS
minifier, also used by webassets and django-compressor)."""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin

_LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*\n", re.M)
_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*(?:[^*]|\*(?!/))*\*/[ \t]*\n", re.M)


def slim_script(text: str) -> str:
    """A script without its whole-line comments (a legal notice, /*! ... */, stays)."""
    kept = _BLOCK_COMMENT.sub(lambda match: match.group(0) if match.group(0).lstrip().startswith("/*!") else "", text)
    return _LINE_COMMENT.sub("", kept)


def slim_stylesheet(text: str) -> str:
    return str(rcssmin.cssmin(text))


def slim_folder(folder: Path, *, skip: tuple[str, ...] = ("vendor",)) -> int:
    """Slim every .js and .css file under ``folder`` (not under ``skip``), in place; the
    number of bytes saved."""
    saved = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".js", ".css") or any(part in skip for part in path.relative_to(folder).parts):
            continue
        text = path.read_text(encoding="utf-8")
        slim = slim_script(text) if path.suffix == ".js" else slim_stylesheet(text)
        if slim != text:
            path.write_text(slim, encoding="utf-8")
            saved += len(text.encode()) - len(slim.encode())
    return saved
