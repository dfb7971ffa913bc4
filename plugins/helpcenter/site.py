"""What one build knows before it reads a page: the site's languages, its settings in this
build's language, its URLs, the contact form's schema, support hours, plans and chat.

Plain Python, no MkDocs: the MkDocs plugin hands in what mkdocs.yml says and gets a ``Site``
back; another site generator would do the same. Every bad setting raises a ``ConfigError``
whose message starts with the key it is about.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .contact import schema as contact_schema
from .i18n.interface_text import InterfaceText
from .i18n.languages import SiteLanguages, parse_languages, translated_settings
from .options import BuildOptions
from .support.chat import ChatSettings, parse_chat
from .support.hours import Support, SupportHours, parse_hours, parse_support

ENDPOINTS = ("contact", "feedback", "insights", "search")


@dataclass(frozen=True)
class SiteUrls:
    """Where the site lives: ``origin`` (``https://help.example``, or "" when site_url has no
    host), ``root`` (the default language's path, ``/`` or ``/help/``) and this build's own
    path without its trailing slash (``/help/es``)."""

    origin: str = ""
    root: str = "/"
    build_path: str = ""
    endpoints: Mapping[str, str] = field(default_factory=dict)

    def home(self, languages: SiteLanguages, code: str) -> str:
        """A language's home as a path: ``/`` or ``/es/``."""
        return f"{self.root}{languages.prefix(code)}"


@dataclass
class Site:
    options: BuildOptions
    languages: SiteLanguages
    text: InterfaceText
    # What mkdocs.yml says (site name, reply promise, synonyms, channels, plans, form wording),
    # in this build's language.
    settings: dict[str, Any]
    urls: SiteUrls
    search_language: str
    form_schema: dict[str, Any]
    hours: SupportHours | None
    support: Support
    chat: ChatSettings | None

    @property
    def language(self) -> str:
        return self.languages.current


def load_site(options: BuildOptions, *, language_codes: list[str], theme_language: str, docs_dir: Path, site_url: str,
              settings: dict[str, Any], translations: dict[str, Any], search_language: str | None,
              endpoints: Mapping[str, str], support_hours: Any, chat: Any,
              site_locales: Path | None = None) -> Site:
    """The build's ``Site``. ``settings`` are the default language's: site_name,
    site_description, reply_promise, root_category_title, synonyms, channels, plans and
    contact_form, as mkdocs.yml writes them. A site without ``languages`` is in its theme's."""
    code = options.language or (language_codes[0] if language_codes else theme_language)
    # Any language searches: one without a stemmer of its own gets the generic analyzer.
    search_code = search_language or code
    languages = parse_languages(language_codes or [code], code, docs_dir, multilingual=options.multilingual)
    translated = translated_settings(settings, translations, languages)
    text = InterfaceText(code, site_locales)
    urls = site_urls(site_url, languages, endpoints)
    form_schema = contact_schema.build_form_schema(
        translated["contact_form"], reply_promise=translated["reply_promise"],
        endpoint=urls.endpoints.get("contact", "/api/contact"), text=text)
    support = parse_support(translated["channels"], translated["plans"])
    contact_schema.offer_plans(form_schema, support.plans, translated["contact_form"], text)
    form_schema["thanks_page"] = f"{urls.build_path}/contact-thanks/"
    form_schema["error_page"] = f"{urls.build_path}/contact-error/"
    return Site(options=options, languages=languages, text=text, settings=translated, urls=urls,
                search_language=search_code, form_schema=form_schema, hours=parse_hours(support_hours),
                support=support, chat=parse_chat(chat))


def site_urls(site_url: str, languages: SiteLanguages, endpoints: Mapping[str, str]) -> SiteUrls:
    """``site_url`` is this build's (``https://help.example/es/`` for Spanish): the site's root
    is the default language's. Endpoints that are paths are the site's own: under a site served
    at /help/, /help/api/..."""
    parts = urlsplit(site_url or "/")
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    build_path = parts.path.rstrip("/")
    prefix = languages.prefix(languages.current).rstrip("/")
    if prefix and not parts.netloc and not build_path.endswith(f"/{prefix}"):
        build_path = f"{build_path}/{prefix}"  # no site_url: the language's folder under the root
    root = (build_path[: -len(prefix) - 1] if prefix and build_path.endswith(f"/{prefix}") else build_path) + "/"
    own = {name: (f"{root.rstrip('/')}{value}" if value.startswith("/") else value)
           for name, value in endpoints.items() if value}
    return SiteUrls(origin=origin, root=root, build_path=build_path, endpoints=own)
