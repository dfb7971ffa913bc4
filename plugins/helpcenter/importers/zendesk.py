"""Zendesk Guide, through its Help Center API (``/api/v2/help_center``): locales, categories,
sections, articles with their translations, and each article's attachments. Public articles
need no credentials; with ``ZENDESK_EMAIL`` and ``ZENDESK_API_TOKEN`` (or an OAuth token),
articles visible to signed-in users are read too."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .http import Answer, ApiClient
from .model import Article, Attachment, Group, HelpCenter, Text, date_of, language_codes
from .vendor import Credentials, Vendor, each_page, host_of, link_keys, path_of, required

API = "/api/v2/help_center"
PAGE_SIZE = 100


def credentials(token: str | None, env: Mapping[str, str]) -> Credentials:
    token = token or env.get("ZENDESK_API_TOKEN")
    email = env.get("ZENDESK_EMAIL")
    if token and email:
        return Credentials(auth=(f"{email}/token", token))
    if token or env.get("ZENDESK_OAUTH_TOKEN"):
        return Credentials(bearer=token or env.get("ZENDESK_OAUTH_TOKEN"))
    return Credentials()  # public articles only


def _next(answer: Answer) -> tuple[str, Mapping[str, Any]] | None:
    """Offset pages (``next_page``) or cursor pages (``meta.has_more`` and ``links.next``)."""
    data = answer.data
    if data.get("next_page"):
        return data["next_page"], {}
    if (data.get("meta") or {}).get("has_more") and (data.get("links") or {}).get("next"):
        return data["links"]["next"], {}
    return None


def _listing(client: ApiClient, base: str, locale: str, kind: str) -> list[dict[str, Any]]:
    items = each_page(client, f"{base}{API}/{locale}/{kind}.json", {"per_page": PAGE_SIZE},
                      lambda data: data.get(kind) or [], _next)
    # A locale's list may fall back to another locale's copy of what is not translated.
    return [item for item in items if str(item.get("locale", locale)).lower() == locale.lower()]


def read(client: ApiClient, url: str, language: str) -> HelpCenter:
    base = url.rstrip("/")
    locales_answer = client.get_json(f"{base}{API}/locales.json")
    locales = [str(locale) for locale in required(locales_answer, "locales")]
    default = str(required(locales_answer, "default_locale"))
    locales = [default] + [locale for locale in locales if locale != default]
    codes = language_codes(locales)
    groups: dict[str, Group] = {}
    articles: dict[str, Article] = {}
    hosts = {host for host in [host_of(base)] if host}
    left_out: dict[str, str] = {}
    for locale in locales:
        code = codes[locale]
        for kind in ("categories", "sections"):
            for item in _listing(client, base, locale, kind):
                parent = item.get("category_id") if kind == "sections" else None
                parent = item.get("parent_section_id") or parent
                group = groups.setdefault(str(item["id"]), Group(
                    id=str(item["id"]), parent_id=str(parent) if parent else None,
                    position=float(item.get("position") or 0), texts={}))
                group.texts[code] = Text(
                    title=str(item.get("name") or ""), description=str(item.get("description") or ""),
                    old_paths=_old_paths(item.get("html_url"), f"/hc/{locale}/{kind}/{item['id']}",
                                         f"/hc/{kind}/{item['id']}" if locale == default else None))
                hosts.update(host for host in [host_of(item.get("html_url"))] if host)
        for item in _listing(client, base, locale, "articles"):
            # A public help center must not publish what Zendesk shows only to some signed-in users.
            why = "a draft" if item.get("draft") else (
                "visible only to some signed-in users" if item.get("user_segment_id") is not None
                or item.get("user_segment_ids") else None)
            if why:
                left_out.setdefault(str(item["id"]), f"article {item['id']} “{item.get('title')}”: {why}")
                continue
            article = articles.setdefault(str(item["id"]), Article(
                id=str(item["id"]), group_id=str(item["section_id"]) if item.get("section_id") else None,
                position=float(item.get("position") or 0), texts={}))
            article.texts[code] = Text(
                title=str(item.get("title") or ""), body_html=str(item.get("body") or ""),
                keywords=[str(label) for label in item.get("label_names") or []],
                updated=date_of(item.get("edited_at") or item.get("updated_at")), url=item.get("html_url"),
                old_paths=_old_paths(item.get("html_url"), f"/hc/{locale}/articles/{item['id']}",
                                     f"/hc/articles/{item['id']}" if locale == default else None))
    for article in articles.values():
        answer = client.get_json(f"{base}{API}/articles/{article.id}/attachments.json", missing_ok=True)
        for attachment in (answer.data.get("article_attachments") or []) if answer else []:
            if not attachment.get("inline") and attachment.get("content_url"):
                article.attachments.append(Attachment(str(attachment["content_url"]),
                                                      str(attachment.get("file_name") or "")))
    return HelpCenter(vendor="zendesk", default_language=codes[default], languages=[codes[x] for x in locales],
                      groups=list(groups.values()), articles=list(articles.values()), hosts=hosts,
                      left_out=[why for number, why in left_out.items() if number not in articles])


def _old_paths(*urls: str | None) -> list[str]:
    paths = [path_of(urls[0]), *urls[1:]]
    return list(dict.fromkeys(path for path in paths if path))


VENDOR = Vendor(
    name="Zendesk",
    default_url=None,
    credentials_hint="Public articles need none; for others set ZENDESK_EMAIL and ZENDESK_API_TOKEN "
                     "(Admin Center > Apps and integrations > Zendesk API), or pass an OAuth token with --token.",
    credentials=credentials,
    headers={},
    read=read,
    link_key=link_keys((
        ("article:{}", re.compile(r"/hc/(?:[\w-]+/)?articles/(\d+)")),
        ("group:{}", re.compile(r"/hc/(?:[\w-]+/)?(?:categories|sections)/(\d+)")),
    )),
)
