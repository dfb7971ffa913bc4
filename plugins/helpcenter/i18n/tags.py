"""Language tags, normalized in one place: what a site, a browser or a form says (``es-MX``,
``pt_BR``, ``EN``) and the language whose catalog, stemmer and messages serve it (``es``)."""

from __future__ import annotations

import re


def canonical_tag(tag: str) -> str:
    """A tag as BCP 47 writes it: ``pt_br`` -> ``pt-BR``, ``ZH-hans`` -> ``zh-Hans``,
    ``es-419`` stays (language lower case, script in title case, region upper case)."""
    parts = [part for part in str(tag).strip().replace("_", "-").split("-") if part]
    if not parts:
        return ""
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def base_language(tag: str) -> str:
    """The primary language subtag, lower case: ``es-MX`` -> ``es``, ``pt_BR`` -> ``pt``."""
    return str(tag).strip().replace("_", "-").split("-")[0].lower()


def best_match(tag: str, available: set[str] | frozenset[str] | list[str]) -> str | None:
    """The tag itself where ``available`` has it (as written, or canonical), else its base
    language, else None."""
    if tag in available:
        return tag
    if canonical_tag(tag) in available:
        return canonical_tag(tag)
    base = base_language(tag)
    return base if base in available else None


_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def with_page_language(html: str, tag: str) -> str:
    """The page's ``<html lang>`` set to the site's own tag. Material writes its translation's
    code there, which for a regional tag may be the bare language (``pt`` for ``pt-BR``):
    screen readers and translators should hear the region the site chose."""
    return _HTML_LANG.sub(f'<html lang="{tag}"', html, count=1)


# Tags whose script or region picks another of the theme's translations than the base language.
_THEME_ALIASES = {"zh-Hans": "zh", "zh-CN": "zh", "zh-SG": "zh", "zh-HK": "zh-Hant", "zh-MO": "zh-Hant",
                  "no": "nb"}


def theme_translation(tag: str, available: set[str] | frozenset[str]) -> str:
    """Which of the theme's translations (Material's ``partials/languages/<code>.html``)
    serves ``tag``: its own (``pt-BR``), its script's or region's (``zh-Hans-CN`` -> ``zh``),
    its base language's (``es-419`` -> ``es``), else English. The page still says the site's
    own tag (``with_page_language``)."""
    canonical = canonical_tag(tag)
    parts = canonical.split("-")
    for length in range(len(parts), 0, -1):
        prefix = "-".join(parts[:length])
        if prefix in available:
            return prefix
        if _THEME_ALIASES.get(prefix) in available:
            return _THEME_ALIASES[prefix]
    return "en"


def is_right_to_left(tag: str) -> bool:
    """Whether a language is written right to left (CLDR's character order, from Babel)."""
    from babel import Locale, UnknownLocaleError

    try:
        return bool(Locale.parse(canonical_tag(tag).replace("-", "_")).character_order == "right-to-left")
    except (ValueError, UnknownLocaleError):
        try:
            return bool(Locale.parse(base_language(tag)).character_order == "right-to-left")
        except (ValueError, UnknownLocaleError):
            return False
