"""Old URLs that keep working: a page renamed in git, or whose ``slug:`` changed, or that was
published at its raw file path before URLs were made readable, answers its old URL with a 301
to its new one (Netlify's ``_redirects``). Customers' bookmarks and links in old e-mails never
break. Plain Python, no MkDocs: git is asked directly."""

from __future__ import annotations

import posixpath
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..content.frontmatter import front_matter_data, parse_yaml_mapping
from ..content.reading import CATEGORY_FILE
from ..content.urls import readable_path

_ADDRESS_KEY = re.compile(r"^-(slug|permalink):\s*(.+?)\s*$")


def page_redirects(docs_dir: Path, prefix: str = "/") -> list[str]:
    """``_redirects`` lines (``/old/ /new/ 301``) for the pages of one language's folder,
    ``prefix`` its home path (``/`` or ``/es/``)."""
    pages = {path.relative_to(docs_dir).as_posix(): path for path in sorted(docs_dir.rglob("*.md"))
             if not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)}
    metas = {src: _front_matter(path) for src, path in pages.items()}
    current = {src: _current_path(src, metas[src]) for src, path in pages.items()}
    published = set(current.values())
    moves: dict[str, str] = {}  # old URL path -> new URL path
    for src, path in current.items():
        raw = _raw_path(src)
        if raw != path and raw not in published:
            moves[raw] = path
    renames, addresses = _git_history(docs_dir)
    for old, new in renames.items():
        if old in pages or new not in current:
            continue
        before = readable_path(old)
        for path in (before, _raw_path(old)):
            if path != current[new] and path not in published:
                moves[path] = current[new]
    for src, keys in addresses.items():
        if src not in current:
            continue
        for key, value in keys:
            before = readable_path(src, **{key: value})
            if before != current[src] and before not in published:
                moves[before] = current[src]
    lines = [f"{prefix}{quote(old)} {prefix}{quote(new)} 301" for old, new in sorted(moves.items()) if old]
    stated = _stated_moves(docs_dir, current, metas)
    return lines + [f"{quote(old)} {prefix}{quote(new)} 301" for old, new in sorted(stated.items())]


def _stated_moves(docs_dir: Path, current: dict[str, str], metas: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Old addresses written in ``redirect_from:`` (site-absolute paths, e.g. a help desk's
    ``/hc/en-us/articles/123-Refunds``): in pages' front matter, and in categories' and
    sections' _category.yml."""
    stated: dict[str, str] = {}
    for src, meta in metas.items():
        for old in _paths(meta.get("redirect_from")):
            stated.setdefault(old, current[src])
    # A section has no page of its own: its old addresses lead to its category's.
    for path in sorted([*docs_dir.glob(f"*/{CATEGORY_FILE}"), *docs_dir.glob(f"*/*/{CATEGORY_FILE}")]):
        try:
            meta = parse_yaml_mapping(path.read_text(encoding="utf-8"), path.name, first_line=1).meta
        except (OSError, UnicodeDecodeError):
            continue
        page = f"{path.relative_to(docs_dir).parts[0]}/index.md"
        for old in _paths(meta.get("redirect_from")):
            # The category's page: its index.md's own address (slug:...), else the folder's.
            stated.setdefault(old, current.get(page) or readable_path(page))
    return stated


def _paths(value: Any) -> list[str]:
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [v.strip() for v in values if isinstance(v, str) and v.strip().startswith("/")]


def _front_matter(path: Path) -> dict[str, Any]:
    try:
        return front_matter_data(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def _current_path(src: str, meta: dict[str, Any]) -> str:
    text = {key: value for key in ("slug", "permalink") if isinstance(value := meta.get(key), str) and value.strip()}
    return readable_path(src, **text)


def _raw_path(src: str) -> str:
    """Where MkDocs itself would publish a file: its path, spaces and all."""
    stem = posixpath.splitext(src)[0]
    if posixpath.basename(stem).lower() in ("index", "readme"):
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def _git_history(docs_dir: Path) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """(renames: old docs path -> the path it has today, following chains; former ``slug:`` /
    ``permalink:`` values by today's path). Empty outside a git work tree."""
    root = _git(docs_dir, "rev-parse", "--show-toplevel")
    if root is None:
        return {}, {}
    folder = docs_dir.resolve().relative_to(Path(root.strip()).resolve()).as_posix()
    inside = (lambda p: p.startswith(folder + "/")) if folder != "." else (lambda p: True)
    local = (lambda p: p[len(folder) + 1:]) if folder != "." else (lambda p: p)
    log = _git(docs_dir, "-C", root.strip(), "log", "--format=", "--name-status", "-M", "--diff-filter=R",
               "--", folder) or ""
    renamed: dict[str, str] = {}
    for line in log.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].startswith("R") and inside(parts[1]) and parts[1].endswith(".md"):
            renamed.setdefault(local(parts[1]), local(parts[2]) if inside(parts[2]) else "")
    final = {}
    for old in renamed:
        new, seen = renamed[old], {old}
        while new in renamed and new not in seen:
            seen.add(new)
            new = renamed[new]
        if new:
            final[old] = new
    diff = _git(docs_dir, "-C", root.strip(), "log", "-p", "--format=", "-G^(slug|permalink):", "--", folder) or ""
    addresses: dict[str, list[tuple[str, str]]] = {}
    path = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
        elif path and inside(path) and (match := _ADDRESS_KEY.match(line)):
            addresses.setdefault(local(path), []).append((match.group(1), match.group(2).strip("'\"")))
    return final, addresses


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
