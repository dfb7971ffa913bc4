"""The interface text of the help center, per language: one catalog, ``locales/<code>.yml``.

One catalog holds every string a customer reads in that language: the pages' templates, the
pages' scripts (section ``scripts``), the contact form's checks (``validation``) and the
functions' answers (``functions``). The build hands the scripts and the functions their
sections (``browser_text``, ``function_text``, the form schema's ``messages``); nobody copies
them by hand. English is the reference catalog; another language's has the same keys, and where
it lacks some (or has no catalog at all) the English text shows and the build warns once,
naming them. A site may add or reword catalogs in its own folder (the plugin's
``locales_dir``): its keys win over ours.

Values are text with ``{name}`` placeholders, or plural forms ``{one: ..., other: ...}`` chosen
by CLDR's rules (Babel's data; the scripts' common/text.js uses the browser's, the same CLDR).
Plain Python, no MkDocs: templates call an ``InterfaceText`` as ``t("article.next")``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
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
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# The sections that scripts and functions read (plain text: they never hold HTML).
SCRIPT_SECTIONS = ("scripts", "validation", "functions")


class MissingText(LookupError):
    """A key no catalog has: a template asks for text nobody wrote."""


def catalog_languages(site_locales: Path | None = None) -> list[str]:
    """The languages that have an interface catalog (ours, and the site's own)."""
    folders = [LOCALES, *([site_locales] if site_locales else [])]
    return sorted({path.stem for folder in folders for path in folder.glob("*.yml")})


@lru_cache
def flat_catalog(code: str, site_locales: Path | None = None) -> dict[str, Any]:
    """``{"article.next": "Next", "cards.count": {"one": ..., "other": ...}, ...}``: our
    catalog for ``code``, with the site's own keys (``site_locales/<code>.yml``) over it."""
    flat: dict[str, Any] = {}
    for folder in (LOCALES, site_locales):
        path = folder / f"{code}.yml" if folder else None
        if path and path.is_file():
            flat.update(_flatten(_read_catalog(path)))
    return flat


def _read_catalog(path: Path) -> dict[str, Any]:
    try:
        tree = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise CatalogError(f"{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(tree, dict):
        raise CatalogError(f"{path}: a catalog is a mapping of keys to text")
    return tree


class CatalogError(ValueError):
    """A catalog file that cannot be read: its path and line say where."""


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not (set(value) <= PLURAL_FORMS and "other" in value):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def catalog_code(code: str, site_locales: Path | None = None) -> str:
    """The catalog that serves a language tag: its own (``pt-BR``) or its base language's."""
    return code if flat_catalog(code, site_locales) else base_language(code)


def missing_keys(code: str, site_locales: Path | None = None) -> list[str]:
    """Keys of the English catalog that the catalog serving ``code`` lacks."""
    own = flat_catalog(catalog_code(code, site_locales), site_locales)
    return [key for key in flat_catalog(REFERENCE, site_locales) if key not in own]


def catalog_warning(code: str, site_locales: Path | None = None) -> str | None:
    """One warning for a build in ``code`` whose catalog lacks keys (or is missing): it names
    every key that shows in English, so a translator knows exactly what to write."""
    missing = missing_keys(code, site_locales)
    if not missing:
        return None
    where = f"locales/{code}.yml (ours in plugins/helpcenter/i18n/, or the site's locales_dir)"
    if not flat_catalog(catalog_code(code, site_locales), site_locales):
        lead = f"no interface catalog for '{code}': add {where}; its {len(missing)} keys show in English"
    else:
        lead = f"the '{catalog_code(code, site_locales)}' interface catalog lacks {len(missing)} keys, shown in English"
    return f"{lead}: {', '.join(missing)}"


def language_name(code: str) -> str:
    """A language's name in itself ("Español"), for the language switcher."""
    name = flat_catalog(code).get("language_name") or flat_catalog(base_language(code)).get("language_name")
    if name and base_language(code) == code:
        return str(name)
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return str(name or code)
    return name[:1].upper() + name[1:] if name else code


def fill(template: str, params: Mapping[str, Any]) -> str:
    """``template`` with each ``{name}`` that ``params`` has replaced (common/text.js' ``fill``)."""
    return PLACEHOLDER.sub(lambda match: str(params[match[1]]) if match[1] in params else match[0], template)


def plural_category(locale: str, count: float) -> str:
    """CLDR's plural category of ``count`` in ``locale`` (common/text.js' ``pluralCategory``)."""
    try:
        return str(Locale.parse(locale.replace("-", "_")).plural_form(count))
    except (ValueError, UnknownLocaleError):
        return str(Locale.parse(REFERENCE).plural_form(count))


class InterfaceText:
    """The text of one language, with English behind missing keys."""

    def __init__(self, code: str, site_locales: Path | None = None) -> None:
        self.code = code
        self.locale = code.replace("-", "_")
        self.site_locales = site_locales
        self._own = flat_catalog(catalog_code(code, site_locales), site_locales)
        self._reference = flat_catalog(REFERENCE, site_locales)

    def raw(self, key: str) -> Any:
        if key in self._own:
            return self._own[key]
        if key in self._reference:
            return self._reference[key]
        raise MissingText(f"no interface text '{key}' in helpcenter/i18n/locales/{REFERENCE}.yml")

    def plain(self, key: str, count: int | None = None, **params: Any) -> str:
        """The text of ``key`` filled in, as plain text (for scripts' and functions' sections)."""
        return fill(self._template(key, count, params), params)

    def __call__(self, key: str, count: int | None = None, **params: Any) -> Markup:
        # Catalog text is ours and may hold HTML; what it is filled with is escaped.
        template = self._template(key, count, params)
        return Markup(fill(template, {name: escape(v) for name, v in params.items()}))

    def _template(self, key: str, count: int | None, params: dict[str, Any]) -> str:
        """``key``'s text, its plural form for ``count`` chosen (and ``count`` put in ``params``)."""
        value = self.raw(key)
        if isinstance(value, dict):
            value = value.get(plural_category(self.locale, count or 0), value["other"])
        if count is not None:
            params["count"] = count
        return str(value)

    def section(self, key: str) -> dict[str, Any]:
        """Every key under ``key.`` (e.g. the form's defaults), English behind missing ones."""
        prefix = f"{key}."
        merged = {k[len(prefix):]: v for k, v in self._reference.items() if k.startswith(prefix)}
        merged.update({k[len(prefix):]: v for k, v in self._own.items() if k.startswith(prefix)})
        return merged

    def browser_text(self) -> dict[str, Any]:
        """What the pages' scripts say (assets/helpcenter/text/<code>.js)."""
        return self.section("scripts")

    def function_text(self) -> dict[str, Any]:
        """What the functions say: their own answers, and the search page's scripts' text."""
        return {"functions": self.section("functions"), "scripts": self.section("scripts")}

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
