"""Help Scout Docs, through the Docs API (v1): collections, their categories and their
articles. Needs a Docs API key (``HELPSCOUT_DOCS_API_KEY`` or ``--token``). A Docs site has one
language (``--lang``, default en). Only public collections and published articles are imported;
an article in several categories goes into its first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from .http import Answer, ApiClient
from .model import Article, Group, HelpCenter, Text, date_of
from .vendor import Vendor, each_page, host_of, key_as_user_name, link_keys, path_of, required

PAGE_SIZE = 100


def _pages(kind: str) -> tuple[Any, Any]:
    """Help Scout's lists: ``{kind: {page, pages, count, items}}``, the next page by number."""
    def items(data: Any) -> list[Any]:
        return list((data.get(kind) or {}).get("items") or [])

    def next_page(answer: Answer) -> tuple[str, Mapping[str, Any]] | None:
        listing = answer.data.get(kind) or {}
        page, pages = int(listing.get("page") or 1), int(listing.get("pages") or 1)
        if page >= pages:
            return None
        base, _, query = answer.url.partition("?")
        return base, {**dict(parse_qsl(query)), "page": page + 1}
    return items, next_page


def _all(client: ApiClient, url: str, kind: str, **params: Any) -> list[dict[str, Any]]:
    items, next_page = _pages(kind)
    return list(each_page(client, url, {**params, "page": 1, "pageSize": PAGE_SIZE}, items, next_page))


def read(client: ApiClient, url: str, language: str) -> HelpCenter:
    base = url.rstrip("/")
    groups: list[Group] = []
    articles: list[Article] = []
    hosts: set[str] = set()
    left_out = []
    for collection in _all(client, f"{base}/collections", "collections"):
        if collection.get("visibility", "public") != "public":
            left_out.append(f"collection “{collection.get('name')}”: private")
            continue
        groups.append(Group(id=f"c{collection['id']}", parent_id=None, position=float(collection.get("order") or 0),
                            texts={language: Text(title=str(collection.get("name") or ""),
                                                  description=str(collection.get("description") or ""),
                                                  old_paths=_paths(collection.get("publicUrl")))}))
        hosts.update(h for h in [host_of(collection.get("publicUrl"))] if h)
        imported = set()  # the collection's categories that come along
        for category in _all(client, f"{base}/collections/{collection['id']}/categories", "categories"):
            if category.get("visibility", "public") != "public":
                left_out.append(f"category “{category.get('name')}”: private")
                continue
            imported.add(str(category["id"]))
            groups.append(Group(id=str(category["id"]), parent_id=f"c{collection['id']}",
                                position=float(category.get("order") or 0),
                                texts={language: Text(title=str(category.get("name") or ""),
                                                      description=str(category.get("description") or ""),
                                                      old_paths=_paths(category.get("publicUrl")))}))
        # Every article, so that those left out can be named (status "notpublished").
        refs = _all(client, f"{base}/collections/{collection['id']}/articles", "articles")
        for ref in refs:
            if ref.get("status", "published") != "published":
                left_out.append(f"article {ref['id']} “{ref.get('name')}”: not published")
                continue
            answer = client.get_json(f"{base}/articles/{ref['id']}")
            article = required(answer, "article")
            if article.get("status", "published") != "published":
                left_out.append(f"article {article['id']} “{article.get('name')}”: not published")
                continue
            categories = [str(c) for c in article.get("categories") or [] if str(c) in imported]
            articles.append(Article(
                id=str(article["id"]), group_id=categories[0] if categories else f"c{collection['id']}",
                position=float(len(articles)),
                texts={language: Text(title=str(article.get("name") or ""), body_html=str(article.get("text") or ""),
                                      keywords=[str(k) for k in article.get("keywords") or []],
                                      updated=date_of(article.get("lastPublishedAt") or article.get("updatedAt")),
                                      url=article.get("publicUrl"),
                                      old_paths=_paths(article.get("publicUrl")))}))
            hosts.update(h for h in [host_of(article.get("publicUrl"))] if h)
    return HelpCenter(vendor="helpscout", default_language=language, languages=[language], groups=groups,
                      articles=articles, hosts=hosts, left_out=left_out)


def _paths(url: str | None) -> list[str]:
    """``/article/12-refunds`` and the number alone (``/article/12``), which Help Scout also answers."""
    path = path_of(url)
    if not path:
        return []
    short = re.sub(r"^(/(?:article|category|collection)/\d+)-.*$", r"\1", path)
    return list(dict.fromkeys([path, short]))


VENDOR = Vendor(
    name="Help Scout",
    default_url="https://docsapi.helpscout.net/v1",
    credentials_hint="Use a Docs API key (your profile > Authentication > API Keys) in HELPSCOUT_DOCS_API_KEY "
                     "or --token.",
    credentials=key_as_user_name("Help Scout Docs", "HELPSCOUT_DOCS_API_KEY"),
    headers={},
    read=read,
    # Help Scout's pages are named by number, not id: the layout matches numbers through old paths.
    link_key=link_keys((
        ("path:{}", re.compile(r"^(/(?:article|category|collection)/\d+)")),
    )),
)
