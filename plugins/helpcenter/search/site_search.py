"""The site's search files, from its catalog and each article's rendered text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..content.catalog import Catalog
from ..content.page_text import PageText
from .index import SearchDocument, SearchFiles, build_search_files
from .languages import generic_warning, language


def build_site_search(catalog: Catalog, texts: Mapping[str, PageText], language_code: str,
                      synonyms: Sequence[Sequence[str]]) -> SearchFiles:
    """Every article, in catalog order: title, category, summary, keywords, headings and body."""
    documents = [
        SearchDocument(title=article.title, url=article.url, category=number, summary=article.description,
                       keywords=article.keywords, headings=texts.get(article.src_uri, PageText()).headings,
                       body=texts.get(article.src_uri, PageText()).body)
        for number, category in enumerate(catalog.categories) for article in category.articles
    ]
    files = build_search_files(documents, [category.title for category in catalog.categories],
                               language(language_code), synonyms=synonyms)
    warning = generic_warning(language_code)
    if warning:
        files.warnings.insert(0, warning)
    return files
