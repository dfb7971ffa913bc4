"""The languages of a help center: which one a build is, where each language's articles live,
and which translations are missing or older than their source. Plain Python, no MkDocs.

Articles live in one folder per language with the same relative paths (``docs/en/...``,
``docs/es/...``). The first language is the default: it is the source of translations, its
pages sit at the site's root and the others under ``/<code>/``. Each language is a build of
its own (``build.py`` runs them one after another), so every page, search index and form
schema is made for one language, and nothing here depends on the site generator.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import ConfigError

CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class LanguagesConfigError(ConfigError):
    """A ``languages`` setting that cannot work; the message names the key."""


@dataclass(frozen=True)
class SiteLanguages:
    codes: tuple[str, ...]
    current: str
    # The folder holding one folder per language; None for a one-language build.
    root: Path | None = None

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def multilingual(self) -> bool:
        return self.root is not None

    def docs_dir(self, code: str) -> Path:
        assert self.root is not None
        return self.root / code

    def prefix(self, code: str) -> str:
        """Where a language's pages sit under the site root: "" or "es/"."""
        return "" if code == self.default else f"{code}/"

    def pages(self, code: str) -> set[str]:
        """The Markdown pages of a language, as paths relative to its folder."""
        return markdown_pages(self.docs_dir(code)) if self.multilingual else set()


def markdown_pages(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")
            if not any(part.startswith(("_", ".")) for part in path.relative_to(folder).parts)}


def translatable_files(folder: Path) -> set[str]:
    """What a translation covers: the pages, and the categories' and sections' _category.yml files."""
    categories = {path.relative_to(folder).as_posix()
                  for pattern in ("*/_category.yml", "*/*/_category.yml") for path in folder.glob(pattern)}
    return markdown_pages(folder) | categories


def parse_languages(codes: list[str], current: str, docs_dir: Path, *, multilingual: bool) -> SiteLanguages:
    """Check the configured languages against the docs folder being built.

    A multilingual build's docs folder is ``<root>/<current>``; any other folder (a corpus of
    Markdown written elsewhere, say) builds as a one-language site in ``current``.
    """
    for number, code in enumerate(codes):
        if not isinstance(code, str) or not CODE.match(code):
            raise LanguagesConfigError(f"languages[{number}]: {code!r} is not a language code such as 'en' or 'pt-BR'")
    if len(set(codes)) != len(codes):
        raise LanguagesConfigError("languages: a language is listed twice")
    if not multilingual or len(codes) < 2:
        return SiteLanguages((current,), current)
    if current not in codes:
        raise LanguagesConfigError(f"language: {current!r} is not one of languages ({', '.join(codes)})")
    if docs_dir.name != current:
        raise LanguagesConfigError(
            f"docs_dir: a multilingual site keeps each language in its own folder (docs/{codes[0]}, "
            f"docs/{codes[1]}, ...); the {current!r} build was given {docs_dir}. "
            "'python build.py build' builds every language.")
    root = docs_dir.parent
    if not (root / codes[0]).is_dir():
        raise LanguagesConfigError(f"languages: no folder {root / codes[0]} for the default language")
    return SiteLanguages(tuple(codes), current, root)


@dataclass(frozen=True)
class TranslationGap:
    language: str
    path: str  # relative to the language folder
    state: str  # "missing", "outdated" or "orphaned" (a translation whose source is gone)
    source_date: dt.datetime | None = None
    translation_date: dt.datetime | None = None

    def format(self, languages: SiteLanguages, relative_to: Path | None = None) -> str:
        target = _shown(languages.docs_dir(self.language) / self.path, relative_to)
        source = _shown(languages.docs_dir(languages.default) / self.path, relative_to)
        if self.state == "missing":
            return f"{target}: missing translation of {source}"
        if self.state == "orphaned":
            return f"{target}: no source {source} (renamed or deleted?); {languages.default} readers never see it"
        return (f"{target}: translation last changed {_moment(self.translation_date)}, "
                f"its source {source} changed {_moment(self.source_date)}")


def _shown(path: Path, relative_to: Path | None) -> str:
    if relative_to is not None:
        try:
            return path.resolve().relative_to(relative_to.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _moment(moment: dt.datetime | None) -> str:
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC" if moment else "?"


def translation_gaps(languages: SiteLanguages,
                     last_changed: Callable[[Path], dt.datetime | None]) -> list[TranslationGap]:
    """Pages (and category files) of the default language that another language lacks, or has
    in an older version (by the time of the last change of each file, from git), and
    translations whose source no longer exists."""
    if not languages.multilingual:
        return []
    sources = translatable_files(languages.docs_dir(languages.default))
    gaps = []
    for code in languages.codes[1:]:
        translated = translatable_files(languages.docs_dir(code))
        gaps += [TranslationGap(code, path, "orphaned") for path in sorted(translated - sources)]
        for path in sorted(sources):
            if path not in translated:
                gaps.append(TranslationGap(code, path, "missing"))
                continue
            source_date = last_changed(languages.docs_dir(languages.default) / path)
            translation_date = last_changed(languages.docs_dir(code) / path)
            if source_date and translation_date and translation_date < source_date:
                gaps.append(TranslationGap(code, path, "outdated", source_date, translation_date))
    return gaps


def translated_settings(settings: dict[str, Any], translations: dict[str, Any], languages: SiteLanguages
                        ) -> dict[str, Any]:
    """``settings`` (the default language's) with the current language's translations applied.

    ``translations: {es: {reply_promise: ..., channels: {phone: {name: Teléfono}}, ...}}``:
    channels and plans by id, the contact form merged field by field, the rest replaced.
    What may be translated is mkdocs.yml's typed options' business; checked here: languages
    and ids that exist. A language the site does not build (yet, or for now) keeps its
    translations for when it comes back; a code that is no language tag at all is an error.
    """
    for code in translations:
        if not isinstance(code, str) or not CODE.match(code):
            raise LanguagesConfigError(f"translations.{code}: {code!r} is not a language code such as 'es' or 'pt-BR'")
    overrides = translations.get(languages.current) if languages.current != languages.default else None
    if not overrides:
        return settings
    where = f"translations.{languages.current}"
    result = dict(settings)
    for key, value in overrides.items():
        if key in ("channels", "plans"):
            result[key] = _translated_items(settings.get(key) or [], value, f"{where}.{key}")
        elif key == "contact_form":
            result[key] = _merged_form(settings.get(key) or {}, value, f"{where}.{key}")
        else:
            result[key] = value
    return result


def _translated_items(items: list[dict[str, Any]], value: dict[str, dict[str, str]], where: str
                      ) -> list[dict[str, Any]]:
    ids = {item["id"] for item in items}
    for item_id in value:
        if item_id not in ids:
            raise LanguagesConfigError(f"{where}.{item_id}: no such id in the default language's list")
    return [{**item, **value.get(item["id"], {})} for item in items]


def _merged_form(form: dict[str, Any], value: dict[str, Any], where: str) -> dict[str, Any]:
    """The contact form with a language's wording: topic and option labels, field labels,
    hints and placeholders. Rules (required, limits, which topics show a field) are the same
    in every language, so the function validates one way whatever the customer's language
    (mkdocs.yml's typed options accept nothing else here)."""
    merged = dict(form)
    if "topics" in value:
        topics = value["topics"]
        known = form.get("topics")
        if known is not None:
            values = {t.get("value") for t in known if isinstance(t, dict)}
            missing = [v for v in topics if v not in values]
            if missing:
                raise LanguagesConfigError(f"{where}.topics.{missing[0]}: no such topic in contact_form.topics")
            merged["topics"] = [{**t, "label": topics.get(t.get("value"), t.get("label"))} for t in known]
        else:
            merged["topic_labels"] = topics  # the built-in topics, relabelled
    if "fields" in value:
        fields = dict(form.get("fields") or {})
        for name, settings in value["fields"].items():
            fields[name] = {**(fields.get(name) or {}), **settings}
        merged["fields"] = fields
    return merged
