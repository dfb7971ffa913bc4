"""Language tags, normalized in one place: what a site, a browser or a form says (``es-MX``,
``pt_BR``, ``EN``) and the language whose catalog, stemmer and messages serve it (``es``)."""

from __future__ import annotations

import re


def base_language(tag: str) -> str:
    """The primary language subtag, lower case: ``es-MX`` -> ``es``, ``pt_BR`` -> ``pt``."""
    return str(tag).strip().replace("_", "-").split("-")[0].lower()


def best_match(tag: str, available: set[str] | frozenset[str] | list[str]) -> str | None:
    """The tag itself where ``available`` has it, else its base language, else None."""
    if tag in available:
        return tag
    base = base_language(tag)
    return base if base in available else None


_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def with_page_language(html: str, tag: str) -> str:
    """The page's ``<html lang>`` set to the site's own tag. Material writes its translation's
    code there, which for a regional tag may be the bare language (``pt`` for ``pt-BR``):
    screen readers and translators should hear the region the site chose."""
    return _HTML_LANG.sub(f'<html lang="{tag}"', html, count=1)
