"""What every help desk's API is read into, whatever its words: groups (Zendesk's categories and
sections, Intercom's collections, Help Scout's collections and categories, Freshdesk's
categories and folders) holding articles, each in one or more languages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .http import ImportFailed

_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


@dataclass
class Text:
    """A group's or an article's words in one language, and where that language's copy lived."""

    title: str
    body_html: str = ""
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    updated: dt.date | None = None
    # Paths the old help center answered at (``/hc/en-us/articles/123-Refunds``): redirected here.
    old_paths: list[str] = field(default_factory=list)
    url: str | None = None  # the old page's whole address: its relative links start from it


@dataclass
class Group:
    id: str
    parent_id: str | None
    position: float  # the help desk's own order; ties keep the API's order
    texts: dict[str, Text]  # by our language code


@dataclass
class Attachment:
    url: str
    file_name: str


@dataclass
class Article:
    id: str
    group_id: str | None
    position: float
    texts: dict[str, Text]  # by our language code
    # Files attached to the article (not shown inline): downloaded and listed under it.
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class HelpCenter:
    vendor: str
    default_language: str
    languages: list[str]  # default first
    groups: list[Group]
    articles: list[Article]
    # Hosts the old help center was served from: links to them are links into it.
    hosts: set[str] = field(default_factory=set)
    # What was not imported and why ("article 305 “Refunds”: a draft"), for the report.
    left_out: list[str] = field(default_factory=list)


def language_codes(locales: list[str]) -> dict[str, str]:
    """Each help desk locale as our language folder: the language alone (``en-us`` -> ``en``),
    unless two locales share it (``pt-br`` and ``pt-pt`` stay ``pt-BR`` and ``pt-PT``)."""
    def parts(locale: str) -> tuple[str, str]:
        if not _LOCALE.fullmatch(locale.strip()):  # it names a folder: nothing else gets through
            raise ImportFailed(f"the help desk names a language {locale!r}, which is not a language tag")
        base, _, region = locale.strip().replace("_", "-").partition("-")
        return base.lower(), region
    bases = [parts(locale)[0] for locale in locales]
    codes = {}
    for locale in locales:
        base, region = parts(locale)
        shared = bases.count(base) > 1 and region
        codes[locale] = f"{base}-{region.upper() if len(region) == 2 else region.title()}" if shared else base
    return codes


def date_of(value: object) -> dt.date | None:
    """An API's timestamp (ISO 8601 text or Unix seconds) as a date."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, tz=dt.UTC).date()
    if isinstance(value, str) and value:
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None
