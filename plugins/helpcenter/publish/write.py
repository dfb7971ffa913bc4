"""Writing one file of the site (light: the search process imports it too)."""

from __future__ import annotations

from pathlib import Path


def write_file(site_dir: Path, path: str, content: bytes) -> None:
    target = site_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
