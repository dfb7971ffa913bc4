"""One sitemap.xml for every language of the site, with each page's translations as hreflang
alternates (Google's sitemap method). Plain Python, no MkDocs.

The alternates live here rather than in each page's <head>: Material's page script fetches a
``sitemap.xml`` next to every ``<link rel=alternate>`` it finds, which would cost each page
view a request per language (to URLs that do not exist).
"""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..i18n.languages import SiteLanguages, markdown_pages

# Pages a reader arrives at only through the site itself: not for search engines.
UNLISTED = frozenset({"search.md", "contact-thanks.md", "contact-error.md"})


def page_url(src_uri: str) -> str:
    """The URL path of a Markdown page (directory URLs): a/b.md -> a/b/, a/index.md -> a/."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, url), x-default included
    modified: dt.datetime | None = None


def sitemap_entries(languages: SiteLanguages, site_root: str, extra_pages: set[str],
                    last_changed: dict[Path, dt.datetime] | None = None, *,
                    docs_dir: Path | None = None) -> list[SitemapEntry]:
    """Every language's own pages; ``extra_pages`` are the pages the build adds in every language
    (home, category pages, contact, ...). Pages shown untranslated are left out: they are the
    default language's pages, whose canonical URL is the original. ``last_changed`` (git dates
    by absolute path) gives each page's lastmod. A one-language site reads ``docs_dir``."""
    last_changed = last_changed or {}

    def folder(code: str) -> Path:
        return languages.docs_dir(code) if languages.multilingual else Path(docs_dir or ".")

    pages = {code: (markdown_pages(folder(code)) | extra_pages) - UNLISTED for code in languages.codes}
    entries = []
    for code in languages.codes:
        for src_uri in sorted(pages[code]):
            translations = [(other, f"{site_root}{languages.prefix(other)}{page_url(src_uri)}")
                            for other in languages.codes if src_uri in pages[other]]
            alternates = (*translations, ("x-default", translations[0][1])) if len(translations) > 1 else ()
            modified = last_changed.get((folder(code) / src_uri).resolve())
            url = f"{site_root}{languages.prefix(code)}{page_url(src_uri)}"
            entries.append(SitemapEntry(url, alternates, modified))
    return entries


def sitemap_xml(entries: list[SitemapEntry]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for entry in entries:
        lastmod = f"<lastmod>{entry.modified.date().isoformat()}</lastmod>" if entry.modified else ""
        lines.append(f"  <url><loc>{escape(entry.url)}</loc>{lastmod}")
        lines += [f'    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(url)}/>'
                  for lang, url in entry.alternates]
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, entries: list[SitemapEntry]) -> None:
    content = sitemap_xml(entries).encode()
    Path(site_dir, "sitemap.xml").write_bytes(content)
    Path(site_dir, "sitemap.xml.gz").write_bytes(gzip.compress(content, mtime=0))
