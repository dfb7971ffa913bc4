"""The site's search files, from its catalog and each article's rendered text."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from ..content.catalog import Catalog
from ..content.page_text import PageText
from .index import BodyTier, SearchDocument, SearchFiles, build_search_files
from .languages import generic_warning, language


def site_documents(catalog: Catalog, texts: Mapping[str, PageText]) -> list[SearchDocument]:
    """Every article, in catalog order: title, category, summary, keywords, headings and body."""
    return [
        SearchDocument(title=article.title, url=article.url, category=number, summary=article.description,
                       keywords=article.keywords, headings=texts.get(article.src_uri, PageText()).headings,
                       body=texts.get(article.src_uri, PageText()).body)
        for number, category in enumerate(catalog.categories) for article in category.articles
    ]


def build_site_search(catalog: Catalog, texts: Mapping[str, PageText], language_code: str,
                      synonyms: Sequence[Sequence[str]],
                      write: Callable[[str, bytes], None] | None = None) -> SearchFiles:
    return search_files(site_documents(catalog, texts), [category.title for category in catalog.categories],
                        language_code, synonyms, write)


def search_files(documents: Sequence[SearchDocument], categories: Sequence[str], language_code: str,
                 synonyms: Sequence[Sequence[str]], write: Callable[[str, bytes], None] | None = None,
                 body: BodyTier | Literal["build", "omit"] = "build", rest: bool = True,
                 edited: Sequence[int] = ()) -> SearchFiles:
    files = build_search_files(documents, categories, language(language_code), synonyms=synonyms, write=write,
                               body=body, rest=rest, edited=edited)
    warning = generic_warning(language_code)
    if warning:
        files.warnings.insert(0, warning)
    return files
