"""When each article last changed: one ``git log`` pass for the whole folder, file time otherwise."""

from __future__ import annotations

import datetime as dt
import functools
import os
import subprocess
from pathlib import Path


def last_commit_dates(folder: Path) -> dict[Path, dt.datetime]:
    """Map each file under ``folder`` to the date of the last commit that touched it.

    One ``git log`` for the whole tree instead of one per file: on 1,000 articles the
    difference is minutes. Outside a git work tree (or without git) this returns {}.
    """
    folder = folder.resolve()
    try:
        top, head = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.split()
        committed = _committed_dates(folder, top, head)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return {}
    changed = _uncommitted_changes(folder, top)
    return {path: date for path, date in committed.items() if path not in changed}


# The last history read, by folder and commit: a preview loads its site again after each new
# or deleted file, and a long history takes seconds to read; it changes only with a commit.
_LAST_READ: dict[tuple[Path, str], dict[Path, dt.datetime]] = {}


def _committed_dates(folder: Path, top: str, head: str) -> dict[Path, dt.datetime]:
    key = (folder, head)
    if key not in _LAST_READ:
        log = subprocess.run(
            ["git", "-C", str(folder), "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "."],
            capture_output=True, text=True, check=True,
        ).stdout
        dates: dict[Path, dt.datetime] = {}
        current: dt.datetime | None = None
        for line in log.splitlines():
            if line.startswith("\x00"):
                current = dt.datetime.fromisoformat(line[1:])
            elif line and current is not None:
                dates.setdefault(Path(top, line), current)  # newest commit comes first
        _LAST_READ.clear()
        _LAST_READ[key] = dates
    return _LAST_READ[key]


def _uncommitted_changes(folder: Path, top: str) -> set[Path]:
    """Files edited since their last commit: a writer previewing them sees today's date."""
    status = subprocess.run(
        ["git", "-C", str(folder), "status", "--porcelain", "-z", "--no-renames", "--", "."],
        capture_output=True, text=True, check=False,
    ).stdout
    return {Path(top, entry[3:]) for entry in status.split("\x00") if len(entry) > 3}


def last_updated(path: Path, commit_dates: dict[Path, dt.datetime]) -> dt.datetime:
    """Git date of the last commit; the file's own time for files git does not know yet."""
    resolved = _resolved(path)
    if resolved in commit_dates:
        return commit_dates[resolved]
    return dt.datetime.fromtimestamp(os.stat(resolved).st_mtime, tz=dt.UTC)


@functools.lru_cache(maxsize=65536)
def _resolved(path: Path) -> Path:
    return path.resolve()
