"""Writing an import into the docs folder so that it can be run again. A manifest beside the
language folders keeps a hash of every file as it was imported. The next run writes only
what changed upstream. A file edited here since (its hash differs from the manifest's), or
deleted or moved here, is left as it is without ``force``. An article gone upstream is
removed unless it was edited here; an image or attachment, unless a page here still uses it."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = ".helpcenter-import.json"


@dataclass
class Synced:
    written: list[str] = field(default_factory=list)  # new or updated
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # edited here: left as they are
    not_restored: list[str] = field(default_factory=list)  # deleted (or moved) here: not brought back
    in_use: list[str] = field(default_factory=list)  # gone upstream, still shown by a page here
    removed: list[str] = field(default_factory=list)  # gone upstream


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def read_manifest(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def sync_files(root: Path, files: dict[str, bytes], *, source: dict[str, str], force: bool = False) -> Synced:
    manifest = read_manifest(root)
    imported: dict[str, str] = dict(manifest.get("files") or {})
    result = Synced()
    for path, content in sorted(files.items()):
        target, new = _inside(root, path), _digest(content)
        current = _digest(target.read_bytes()) if target.is_file() else None
        if current == new:
            result.unchanged += 1
            imported[path] = new
            continue
        if current is None and path in imported and not force:
            result.not_restored.append(path)  # imported before, then deleted or moved here
            continue
        if current is not None and current != imported.get(path) and not force:
            result.kept.append(path)  # edited here (or never imported): the manifest keeps the old hash
            continue
        _write(target, content)
        imported[path] = new
        result.written.append(path)
    gone = sorted(set(imported) - set(files))
    still_used = _names_used(root) if any(not path.endswith(".md") for path in gone) else ""
    for path in gone:
        target = _inside(root, path)
        edited = target.is_file() and _digest(target.read_bytes()) != imported[path]
        if edited and not force:
            result.kept.append(path)
            continue
        if not path.endswith(".md") and Path(path).name in still_used:
            result.in_use.append(path)  # an image of a page edited here, say: the page needs it
            continue
        target.unlink(missing_ok=True)
        _remove_empty_folders(target.parent, root)
        del imported[path]
        result.removed.append(path)
    updated = {"source": source, "files": dict(sorted(imported.items()))}
    if updated != manifest:
        _write(root / MANIFEST, (json.dumps(updated, indent=1, ensure_ascii=False) + "\n").encode())
    return result


def _inside(root: Path, path: str) -> Path:
    """``root / path``, refusing anything that would land outside the import folder."""
    target = (root / path).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"{path!r} is outside {root}")
    return target


def _names_used(root: Path) -> str:
    """Every page's text under the import folder, to find the files they still show."""
    return "\n".join(page.read_text(encoding="utf-8", errors="replace") for page in root.rglob("*.md"))


def _write(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.{os.getpid()}")
    scratch.write_bytes(content)
    scratch.replace(target)


def _remove_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
