"""Writing an import into the docs folder so that it can be run again. A manifest beside the
language folders keeps a hash of every file as it was imported. The next run writes only
what changed upstream. A file edited here since (its hash differs from the manifest's) is
never overwritten or removed without ``force``. An article gone upstream is removed unless
it was edited here."""

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
        target, new = root / path, _digest(content)
        current = _digest(target.read_bytes()) if target.is_file() else None
        if current == new:
            result.unchanged += 1
            imported[path] = new
            continue
        if current is not None and current != imported.get(path) and not force:
            result.kept.append(path)  # edited here (or never imported): the manifest keeps the old hash
            continue
        _write(target, content)
        imported[path] = new
        result.written.append(path)
    for path in sorted(set(imported) - set(files)):
        target = root / path
        if target.is_file() and _digest(target.read_bytes()) != imported[path] and not force:
            result.kept.append(path)
            continue
        target.unlink(missing_ok=True)
        _remove_empty_folders(target.parent, root)
        del imported[path]
        result.removed.append(path)
    updated = {"source": source, "files": dict(sorted(imported.items()))}
    if updated != manifest:
        _write(root / MANIFEST, (json.dumps(updated, indent=1, ensure_ascii=False) + "\n").encode())
    return result


def _write(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.{os.getpid()}")
    scratch.write_bytes(content)
    scratch.replace(target)


def _remove_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
