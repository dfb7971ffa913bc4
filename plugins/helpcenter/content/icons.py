"""Category icons are names from the theme's bundled icon sets, e.g. ``material/broom``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def icon_exists(name: str, theme_dirs: Iterable[str | Path]) -> bool:
    if ".." in name or name.startswith("/"):
        return False
    return any((Path(folder) / ".icons" / f"{name}.svg").is_file() for folder in theme_dirs)
