"""The interface text of the pages, per language: ``locales/<code>.yml``.

English is the reference catalog; another language's catalog has the same keys, and where it
lacks one (a language still being translated) the English text shows and the build warns.
Plain Python, no MkDocs: templates call an ``InterfaceText`` as ``t("article.next")``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_day_names, get_timezone_location
from markupsafe import Markup, escape

from .tags import base_language

LOCALES = Path(__file__).with_name("locales")
REFERENCE = "en"
PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})


class MissingText(LookupError):
    """A key no catalog has: a template asks for text nobody wrote."""


def catalog_languages() -> list[str]:
    """The languages that have an interface catalog."""
    return sorted(path.stem for path in LOCALES.glob("*.yml"))


@lru_cache
def flat_catalog(code: str) -> dict[str, Any]:
    """``{"article.next": "Next", "cards.count": {"one": ..., "other": ...}, ...}``."""
    path = LOCALES / f"{code}.yml"
    if not path.is_file():
        return {}
    return _flatten(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not (set(value) <= PLURAL_FORMS and "other" in value):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def catalog_code(code: str) -> str:
    """The catalog that serves a language tag: its own (``pt-BR``) or its base language's."""
    return code if flat_catalog(code) else base_language(code)


def catalog_warning(code: str) -> str | None:
    """What a build in ``code`` should tell the writer about its interface text, if anything."""
    if not flat_catalog(catalog_code(code)):
        return (f"no interface text for '{code}' (helpcenter/i18n/locales/{code}.yml): "
                "the pages' own text shows in English")
    missing = missing_keys(catalog_code(code))
    if missing:
        return (f"helpcenter/i18n/locales/{catalog_code(code)}.yml lacks {len(missing)} keys, shown in English: "
                + ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else ""))
    return None


def missing_keys(code: str) -> list[str]:
    """Keys of the English catalog that ``code``'s catalog lacks."""
    own = flat_catalog(code)
    return [key for key in flat_catalog(REFERENCE) if key not in own]


def language_name(code: str) -> str:
    """A language's name in itself ("Español"), for the language switcher."""
    name = flat_catalog(code).get("language_name")
    if name:
        return str(name)
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    return name.capitalize() if name else code


class InterfaceText:
    """The text of one language, with English behind missing keys."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.locale = code.replace("-", "_")
        self._own = flat_catalog(catalog_code(code))
        self._reference = flat_catalog(REFERENCE)

    def raw(self, key: str) -> Any:
        if key in self._own:
            return self._own[key]
        if key in self._reference:
            return self._reference[key]
        raise MissingText(f"no interface text '{key}' in helpcenter/i18n/locales/{REFERENCE}.yml")

    def __call__(self, key: str, count: int | None = None, **params: Any) -> Markup:
        value = self.raw(key)
        if isinstance(value, dict):  # plural forms; English and Spanish need one and other
            value = value.get("one") if count == 1 and "one" in value else value["other"]
        if count is not None:
            params["count"] = count
        # Catalog text is ours and may hold HTML; what it is filled with is escaped.
        return Markup(str(value).format(**{name: escape(v) for name, v in params.items()}))

    def section(self, key: str) -> dict[str, Any]:
        """Every key under ``key.`` (e.g. the form's defaults), English behind missing ones."""
        prefix = f"{key}."
        merged = {k[len(prefix):]: v for k, v in self._reference.items() if k.startswith(prefix)}
        merged.update({k[len(prefix):]: v for k, v in self._own.items() if k.startswith(prefix)})
        return merged

    def date(self, moment: dt.date) -> str:
        """A date the way the language writes it: "November 25, 2026", "25 de noviembre de 2026"."""
        return format_date(moment, "long", locale=self._babel_locale())

    def day_names(self) -> list[str]:
        names = get_day_names("wide", locale=self._babel_locale())
        return [names[day] for day in range(7)]  # Monday first

    def language_in_text(self, code: str) -> str:
        """Another language's name as this language writes it in a sentence: "inglés", "Spanish"."""
        try:
            return Locale.parse(code.replace("-", "_")).get_display_name(self._babel_locale()) or code
        except (ValueError, UnknownLocaleError):
            return language_name(code)

    def city(self, timezone: str) -> str:
        return get_timezone_location(timezone, locale=self._babel_locale(), return_city=True)

    def _babel_locale(self) -> str:
        try:
            Locale.parse(self.locale)
            return self.locale
        except (ValueError, UnknownLocaleError):
            return REFERENCE
