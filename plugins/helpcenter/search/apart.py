"""The search index built by a Python process of its own.

A large site's index is built apart from the build: the process starts small (this package
and the articles' text, handed over pickled) instead of with everything the build holds, so
the two never add up (at 10,000 articles the build holds about 250 MB when the index is
due), and the pages can be written while it works. It writes the search files into the site
folder and answers where they are (a ``SearchFiles`` with no file left to write).

    python -m helpcenter.search.apart TASK   (TASK: a pickled SearchTask; the answer on stdout)
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from ..publish.write import write_file
from .index import SearchDocument, SearchFiles
from .site_search import search_files

# From this many articles a one-time build makes its index apart (below, starting a process
# costs more than it saves).
APART_ARTICLES = 2_000


@dataclass
class SearchTask:
    documents: list[SearchDocument]
    categories: list[str]
    language_code: str
    synonyms: list[list[str]]
    site_dir: str


class SearchApart:
    """A search index being built apart; ``result()`` waits for it."""

    def __init__(self, task: SearchTask) -> None:
        package_root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        # Handed over in a file: the process reads it at once, whenever we ask for the result.
        with tempfile.NamedTemporaryFile("wb", prefix="helpcenter-search-", suffix=".pickle", delete=False) as file:
            pickle.dump(task, file, protocol=pickle.HIGHEST_PROTOCOL)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "helpcenter.search.apart", file.name], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": path})

    def result(self) -> SearchFiles:
        answer, errors = self._process.communicate()
        if self._process.returncode != 0:
            last = errors.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {self._process.returncode}"]
            raise RuntimeError(f"the search index failed: {last[0]}")
        found = pickle.loads(answer)
        assert isinstance(found, SearchFiles)
        return found


def start_search(documents: list[SearchDocument], categories: list[str], language_code: str,
                 synonyms: Sequence[Sequence[str]], site_dir: Path) -> SearchApart:
    return SearchApart(SearchTask(documents, categories, language_code, [list(group) for group in synonyms],
                                  str(site_dir)))


def _run(task: SearchTask) -> SearchFiles:
    built = search_files(task.documents, task.categories, task.language_code, task.synonyms,
                         partial(write_file, Path(task.site_dir)))
    return replace(built, files={})


def _read_task(path: str) -> SearchTask:
    try:
        with open(path, "rb") as file:
            task = pickle.load(file)
    finally:
        os.unlink(path)
    assert isinstance(task, SearchTask)
    return task


if __name__ == "__main__":
    # This module's names as the parent pickled them (not __main__'s copies).
    from helpcenter.search import apart

    result = apart._run(apart._read_task(sys.argv[1]))
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
