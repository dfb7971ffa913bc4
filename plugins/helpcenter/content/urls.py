"""Readable, stable URLs from folder and file names: ASCII, lower case, hyphens
(``Licencias y pago/Política de reembolso.md`` -> ``licencias-y-pago/politica-de-reembolso/``),
with a page's own ``slug:`` (its last part) or ``permalink:`` (its whole path) winning.
python-slugify (text-unidecode's tables) spells any script in ASCII. Plain Python, no MkDocs."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from slugify import slugify

from ..problems import Problem, Severity

INDEX_NAMES = frozenset({"index", "readme", "_index"})


@functools.lru_cache(maxsize=65536)
def readable_slug(name: str) -> str:
    """One folder's or file's name as a URL part; a name with nothing to spell keeps itself."""
    return slugify(name, lowercase=True) or name


def readable_path(src_uri: str, *, slug: str | None = None, permalink: str | None = None) -> str:
    """The folder a page is published in, ending in "/" ("" for the home page)."""
    if permalink and permalink.strip("/ "):
        parts = [readable_slug(part) for part in permalink.strip("/ ").split("/") if part.strip()]
        return "/".join(parts) + "/"
    folder, name = posixpath.split(posixpath.splitext(src_uri)[0])
    parts = [readable_slug(part) for part in folder.split("/") if part]
    if slug and slug.strip("/ "):
        parts.append(readable_slug(slug.strip("/ ").split("/")[-1]))
    elif name.lower() not in INDEX_NAMES:
        parts.append(readable_slug(name))
    return "/".join(parts) + "/" if parts else ""


@dataclass(frozen=True)
class PageAddress:
    src_uri: str
    display: str
    slug: str | None = None
    permalink: str | None = None


def assign_paths(pages: Iterable[PageAddress], severity: Severity) -> tuple[dict[str, str], list[Problem]]:
    """Each page's folder; two pages that would share one are both named in a problem, and
    the second gets a number (``refund-policy-2/``) so neither hides the other."""
    taken: dict[str, PageAddress] = {}
    paths: dict[str, str] = {}
    problems = []
    for page in sorted(pages, key=lambda p: p.src_uri):
        path = readable_path(page.src_uri, slug=page.slug, permalink=page.permalink)
        if path in taken:
            first = taken[path]
            number = 2
            while f"{path.rstrip('/')}-{number}/" in taken:
                number += 1
            renamed = f"{path.rstrip('/')}-{number}/"
            problems.append(Problem(page.display, 1, f"its URL /{path} is also {first.display}'s: "
                                    f"published at /{renamed} instead (rename one, or give it a 'slug:')", severity))
            path = renamed
        taken[path] = page
        paths[page.src_uri] = path
    return paths, problems


def old_paths(moves: Mapping[str, str], paths: Mapping[str, str]) -> dict[str, str]:
    """``{old folder: new folder}`` for pages that moved (``moves``: old src_uri -> current
    src_uri, from git), where the old one is not a page of its own today."""
    current = set(paths.values())
    redirects = {}
    for old, new in moves.items():
        if new in paths:
            before = readable_path(old)
            if before != paths[new] and before not in current:
                redirects[before] = paths[new]
    return redirects
