"""Freshdesk's knowledge base, through the Solutions API (v2): categories, their folders (and
the folders inside them), their articles, and the translations of each in the help desk's
portal languages. Needs an
API key (``FRESHDESK_API_KEY`` or ``--token``). Only published articles (status 2) and folders
visible to everyone are imported."""

from __future__ import annotations

import re
from typing import Any

from slugify import slugify

from .http import ApiClient
from .model import Article, Group, HelpCenter, Text, date_of, language_codes
from .vendor import Vendor, each_page, host_of, key_as_user_name, link_header_next, link_keys

API = "/api/v2"
PAGE_SIZE = 100
PUBLISHED = 2
VISIBLE_TO_ALL = 1


def _list(client: ApiClient, url: str) -> list[dict[str, Any]]:
    return list(each_page(client, url, {"per_page": PAGE_SIZE},
                          lambda data: data if isinstance(data, list) else [], link_header_next))


class _Reader:
    """One Freshdesk knowledge base, language by language: categories, their folders (and
    subfolders, any depth), their articles."""

    def __init__(self, client: ApiClient, base: str) -> None:
        self.client, self.base = client, base
        self.groups: dict[str, Group] = {}
        self.articles: dict[str, Article] = {}
        self.left_out: dict[str, str] = {}

    def language(self, locale: str, code: str, primary: bool) -> None:
        # Translations: the same lists with the language at the end of the path, and the
        # portal's pages under /<language>/.
        suffix = prefix = "" if primary else f"/{locale}"
        for index, category in enumerate(_list(self.client, f"{self.base}{API}/solutions/categories{suffix}")):
            group = self.groups.setdefault(f"c{category['id']}", Group(
                id=f"c{category['id']}", parent_id=None, position=float(category.get("position") or index), texts={}))
            group.texts[code] = Text(title=str(category.get("name") or ""),
                                     description=str(category.get("description") or ""),
                                     old_paths=[f"{prefix}/support/solutions/{category['id']}"])
            folders = _list(self.client, f"{self.base}{API}/solutions/categories/{category['id']}/folders{suffix}")
            self.folders(folders, f"c{category['id']}", code, suffix, prefix)

    def folders(self, folders: list[dict[str, Any]], parent: str, code: str, suffix: str, prefix: str) -> None:
        for position, folder in enumerate(folders):
            if int(folder.get("visibility") or VISIBLE_TO_ALL) != VISIBLE_TO_ALL:
                self.left_out.setdefault(f"f{folder['id']}", f"folder “{folder.get('name')}”: not visible to everyone")
                continue
            entry = self.groups.setdefault(str(folder["id"]), Group(
                id=str(folder["id"]), parent_id=parent, position=float(folder.get("position") or position), texts={}))
            entry.texts[code] = Text(title=str(folder.get("name") or ""),
                                     description=str(folder.get("description") or ""),
                                     old_paths=[f"{prefix}/support/solutions/folders/{folder['id']}"])
            items = _list(self.client, f"{self.base}{API}/solutions/folders/{folder['id']}/articles{suffix}")
            for order, item in enumerate(items):
                self.article(item, str(folder["id"]), order, code, prefix)
            # Folders inside folders (accounts that have them); others answer 404.
            inside = self.client.get_json(f"{self.base}{API}/solutions/folders/{folder['id']}/subfolders{suffix}",
                                          missing_ok=True)
            if inside is not None and isinstance(inside.data, list) and inside.data:
                self.folders(inside.data, str(folder["id"]), code, suffix, prefix)

    def article(self, item: dict[str, Any], folder: str, order: int, code: str, prefix: str) -> None:
        if int(item.get("status") or 0) != PUBLISHED:
            self.left_out.setdefault(str(item["id"]), f"article {item['id']} “{item.get('title')}”: a draft")
            return
        article = self.articles.setdefault(str(item["id"]), Article(
            id=str(item["id"]), group_id=folder, position=float(item.get("position") or order), texts={}))
        seo = item.get("seo_data") or {}
        keywords = [str(tag) for tag in item.get("tags") or []] + [
            word.strip() for word in str(seo.get("meta_keywords") or "").split(",") if word.strip()]
        title = str(item.get("title") or "")
        path = f"{prefix}/support/solutions/articles/{item['id']}"
        article.texts[code] = Text(
            title=title, body_html=str(item.get("description") or ""),
            description=str(seo.get("meta_description") or ""),
            keywords=list(dict.fromkeys(keywords)), updated=date_of(item.get("updated_at")), url=f"{self.base}{path}",
            # The portal's address: the id, then the title as Freshdesk spells it.
            old_paths=[f"{path}-{slugify(title)}" if slugify(title) else path, path])


def read(client: ApiClient, url: str, language: str) -> HelpCenter:
    base = url.rstrip("/")
    settings = client.get_json(f"{base}{API}/settings/helpdesk", missing_ok=True)
    data = settings.data if settings and isinstance(settings.data, dict) else {}
    primary = str(data.get("primary_language") or language)
    # The portal's languages are the ones readers see; the help desk may support more.
    shown = data["portal_languages"] if "portal_languages" in data else data.get("supported_languages")
    locales = [primary, *(str(x) for x in shown or [] if x != primary)]
    codes = language_codes(locales)
    reader = _Reader(client, base)
    for locale in locales:
        reader.language(locale, codes[locale], locale == primary)
    return HelpCenter(vendor="freshdesk", default_language=codes[primary], languages=[codes[x] for x in locales],
                      groups=list(reader.groups.values()), articles=list(reader.articles.values()),
                      hosts={h for h in [host_of(base)] if h},
                      left_out=[why for number, why in reader.left_out.items() if number not in reader.articles])


VENDOR = Vendor(
    name="Freshdesk",
    default_url=None,
    credentials_hint="Use your API key (profile picture > Profile settings > View API key) in FRESHDESK_API_KEY "
                     "or --token.",
    credentials=key_as_user_name("Freshdesk", "FRESHDESK_API_KEY"),
    headers={},
    read=read,
    link_key=link_keys((
        ("article:{}", re.compile(r"/support/solutions/articles/(\d+)")),
        ("group:{}", re.compile(r"/support/solutions/folders/(\d+)")),
        ("group:c{}", re.compile(r"/support/solutions/(\d+)")),
    )),
)
