"""The language switcher: a page in every language of the site. Plain Python, no MkDocs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .interface_text import language_name
from .languages import SiteLanguages


@dataclass(frozen=True)
class LanguagePages:
    """Each language's Markdown pages (read once per build: every page's switcher asks), and
    the site pages the plugin adds in every language (search, contact...)."""

    languages: SiteLanguages
    pages: dict[str, set[str]]
    site_pages: frozenset[str]

    @classmethod
    def read(cls, languages: SiteLanguages, site_pages: set[str]) -> LanguagePages:
        return cls(languages, {code: languages.pages(code) for code in languages.codes}, frozenset(site_pages))

    def switcher(self, src_uri: str, page_url: str, *, generated: bool, root: str) -> list[dict[str, Any]]:
        """The same article where a language has it (natively, or in the default language with
        a notice), or that language's home."""
        languages = self.languages
        if not languages.multilingual:
            return []
        default_pages = self.pages[languages.default]
        result = []
        for code in languages.codes:
            translated = src_uri in self.pages[code] or src_uri in self.site_pages
            exists = translated or (code != languages.default and src_uri in default_pages) or (
                generated and self._folder_exists(code, src_uri))
            home = f"{root}{languages.prefix(code)}"
            result.append({"code": code, "name": language_name(code), "url": home + (page_url if exists else ""),
                           "current": code == languages.current, "translated": translated or (exists and generated)})
        return result

    def homes(self, root: str) -> list[dict[str, Any]]:
        """The languages' homes, for pages outside the catalog (the 404 page)."""
        languages = self.languages
        if not languages.multilingual:
            return []
        return [{"code": code, "name": language_name(code), "current": code == languages.current,
                 "url": f"{root}{languages.prefix(code)}"} for code in languages.codes]

    def _folder_exists(self, code: str, src_uri: str) -> bool:
        """Whether a generated page (home, a category without index.md) exists in a language."""
        folder = src_uri.rpartition("/")[0]
        return any((self.languages.docs_dir(c) / folder).is_dir() for c in {code, self.languages.default})
