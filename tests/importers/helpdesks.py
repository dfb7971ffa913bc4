"""Local servers speaking each help desk's documented API shapes, for the importer tests: Zendesk
Guide's Help Center API, Intercom's Articles API, Help Scout's Docs API v1 and Freshdesk's
Solutions API v2. They serve one small help center (two languages, odd HTML, an image, an
attachment, a draft) in each vendor's words, with its pagination (several pages each), its
sign-in, 429 with Retry-After on demand, and a log of what was asked."""

from __future__ import annotations

import base64
import copy
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from slugify import slugify

# 1x1 PNG and a tiny PDF: the image and the attachment the articles carry.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
                       "AAAABJRU5ErkJggg==")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The help center, in neutral words: categories hold sections, sections hold articles.
CATEGORIES = [
    {"id": 101, "position": 1, "en": ("Getting started", "First steps with Acme."),
     "fr": ("Premiers pas", "Vos débuts avec Acme.")},
    {"id": 102, "position": 2, "en": ("Billing", "Invoices, cards and refunds."),
     "fr": ("Facturation", "Factures, cartes et remboursements.")},
]
SECTIONS = [
    {"id": 201, "category": 101, "position": 1, "en": "Your account", "fr": "Votre compte"},
    {"id": 202, "category": 101, "position": 2, "en": "Your team", "fr": "Votre équipe"},
    {"id": 203, "category": 102, "position": 1, "en": "Invoices", "fr": "Factures"},
]
# Bodies are templates: {a302} is the old address of article 302, {c102} of category 102,
# {missing} of an article that is not published, {img} of an image on the help desk.
ARTICLES: list[dict[str, Any]] = [
    {"id": 301, "section": 201, "position": 1, "labels": ["login", "password"], "updated": "2024-03-05T10:00:00Z",
     "en": ("Sign in to Acme", """<p>Sign in with your e-mail address. If you forgot it, see
<a href="{a302}">Reset your password</a> or browse <a href="{c102}">Billing</a>.</p>
<div class="callout callout--warning"><p>Never share your password.</p></div>
<ol><li>Open the app.<ul><li>On a phone, tap <strong>Menu</strong>.</li></ul></li><li>Enter your e-mail.</li></ol>
<p><img src="{img}" alt="The sign-in screen"></p>
<p><img src="{elsewhere}" alt="The app on a phone"></p>
<p>Jump to <a href="#h_01ABC">the end</a>. Old notes: <a href="{missing}">a retired article</a>.</p>"""),
     "fr": ("Se connecter à Acme", """<p>Connectez-vous avec votre adresse e-mail. Voir
<a href="{a302}">Réinitialiser votre mot de passe</a>.</p><p><img src="{img}" alt="L'écran de connexion"></p>""")},
    {"id": 302, "section": 201, "position": 2, "labels": ["password"], "updated": "2024-04-01T08:30:00Z",
     "en": ("Reset your password", """<h2>Steps</h2><table><thead><tr><th>Step</th><th>What to do</th></tr></thead>
<tbody><tr><td>1</td><td>Choose <em>Forgot password</em>.</td></tr><tr><td>2</td><td>Open the e-mail.</td></tr>
</tbody></table><pre><code class="language-bash">acme reset --email you@example.com</code></pre>
<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Resetting a password"></iframe>"""),
     "fr": ("Réinitialiser votre mot de passe", "<p>Choisissez <em>Mot de passe oublié</em>.</p>")},
    {"id": 303, "section": 202, "position": 1, "labels": [], "updated": "2023-11-20T12:00:00Z",
     "en": ("Invite your team", """<p>Invite people from <strong>Settings › Team</strong>.</p>
<iframe src="https://widgets.example.net/poll/9"></iframe>""")},
    {"id": 304, "section": 203, "position": 1, "labels": ["invoice"], "updated": "2024-01-15T09:00:00Z",
     "en": ("Download an invoice", "<p>Every invoice is a PDF. <a href=\"{a301}\">Sign in</a> first, then see "
            "<a href=\"{r302}\">the reset steps</a> or <a href=\"www.example.com/help\">our old site</a>.</p>"),
     "fr": ("Télécharger une facture", "<p>Chaque facture est un PDF.</p>"), "attachment": "invoice-sample.pdf"},
    {"id": 305, "section": 203, "position": 2, "labels": [], "updated": "2024-02-01T09:00:00Z", "draft": True,
     "en": ("Draft about refunds", "<p>Not ready.</p>")},
    # Shown by Zendesk only to one group of signed-in users: never on a public site.
    {"id": 306, "section": 203, "position": 3, "labels": [], "updated": "2024-02-02T09:00:00Z", "segment": 77,
     "en": ("Partner pricing", "<p>For partners only.</p>")},
]
LOCALES = {"en": "en-us", "fr": "fr"}


@dataclass
class Served:
    """A server's settings and what it saw."""

    vendor: str
    page_size: int = 1  # small, so that every list has several pages
    token: str | None = None  # what the client must sign in with (None: anyone)
    throttled: set[str] = field(default_factory=set)  # paths answered once with 429
    flaky: set[str] = field(default_factory=set)  # paths answered once with 503 (no Retry-After)
    broken: set[str] = field(default_factory=set)  # paths answered with 400 (an interrupted import)
    log: list[tuple[float, str]] = field(default_factory=list)
    signed: dict[str, str | None] = field(default_factory=dict)  # path -> the Authorization it came with
    categories: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(CATEGORIES))
    sections: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(SECTIONS))
    articles: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(ARTICLES))
    base: str = ""
    # The old addresses bodies link to, worked out once per request and language.
    addresses: dict[str, dict[str, str]] = field(default_factory=dict)

    def article(self, number: int) -> dict[str, Any]:
        return next(a for a in self.articles if a["id"] == number)


class HelpDesk:
    """``with HelpDesk("zendesk") as desk:`` serves on loopback; ``desk.url`` is its address."""

    def __init__(self, vendor: str, **settings: Any) -> None:
        self.served = Served(vendor, **settings)
        served = self.served

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                served.log.append((time.monotonic(), self.path))
                served.signed[parts.path] = self.headers.get("Authorization")
                if parts.path in served.throttled:
                    served.throttled.discard(parts.path)
                    self._send(429, {"error": "RateLimitExceeded"}, {"Retry-After": "1"})
                    return
                if parts.path in served.flaky:
                    served.flaky.discard(parts.path)
                    self._send(503, {"error": "Service Unavailable"})
                    return
                if parts.path in served.broken:
                    self._send(400, {"error": "broken on purpose"})
                    return
                if parts.path.startswith("/files/"):
                    name = parts.path.rsplit("/", 1)[1]
                    self._send_bytes(PDF if name.endswith(".pdf") else PNG,
                                     "application/pdf" if name.endswith(".pdf") else "image/png")
                    return
                if not _signed_in(served, self.headers.get("Authorization")):
                    self._send(401, {"error": "Couldn't authenticate you"})
                    return
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                served.addresses = {}
                try:
                    answer = ROUTES[served.vendor](served, parts.path, query)
                except Exception as error:  # a mistake in this fake: say so instead of hanging up
                    self._send(500, {"error": repr(error)})
                    raise
                if answer is None:
                    self._send(404, {"error": "RecordNotFound"})
                else:
                    body, headers = answer if isinstance(answer, tuple) else (answer, {})
                    self._send(200, body, headers)

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                self._send_bytes(json.dumps(body).encode(), "application/json", status, headers)

            def _send_bytes(self, content: bytes, kind: str, status: int = 200,
                            headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(content)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(content)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        served.base = self.url

    def __enter__(self) -> HelpDesk:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def _signed_in(served: Served, header: str | None) -> bool:
    if served.token is None:
        return True
    if served.vendor == "intercom":
        return header == f"Bearer {served.token}"
    if served.vendor == "zendesk":
        expected = base64.b64encode(f"agent@example.com/token:{served.token}".encode()).decode()
        return header in (f"Basic {expected}", f"Bearer {served.token}")
    expected = base64.b64encode(f"{served.token}:X".encode()).decode()  # Help Scout, Freshdesk
    return header == f"Basic {expected}"


def _page(items: list[Any], query: dict[str, str], size: int) -> tuple[list[Any], int, int]:
    page = int(query.get("page", "1"))
    pages = max(1, -(-len(items) // size))
    return items[(page - 1) * size:page * size], page, pages


def _body(served: Served, article: dict[str, Any], language: str, links: Any) -> str:
    html = article[language][1]
    if language not in served.addresses:
        fields = {f"a{a['id']}": links("article", a, language if language in a else "en") for a in served.articles}
        # The same address as the old page wrote it, relative to an article beside it.
        fields.update({f"r{a['id']}": fields[f"a{a['id']}"].rsplit("/", 1)[1] for a in served.articles})
        fields.update({f"c{c['id']}": links("category", c, language) for c in served.categories})
        fields["missing"] = links("article", {"id": 399, "en": ("Retired", ""), "fr": ("Retiré", "")}, language)
        fields["img"] = f"{served.base}/files/sign-in-screen.png"
        # The same server under another name: a host of the help desk's CDN, not its API.
        fields["elsewhere"] = served.base.replace("127.0.0.1", "localhost") + "/files/phone.png"
        served.addresses[language] = fields
    return html.format(**served.addresses[language])


def _published(served: Served, language: str) -> list[dict[str, Any]]:
    return [a for a in served.articles if language in a]


def _public(served: Served) -> list[dict[str, Any]]:
    """What help desks without Zendesk's user segments have: the articles for everyone."""
    return [a for a in served.articles if "segment" not in a]


# Zendesk Guide: /api/v2/help_center/... Categories and sections page by offset (next_page),
# articles by cursor (meta.has_more, links.next), as the API does for each.
def _zendesk_url(served: Served, kind: str, item: dict[str, Any], language: str) -> str:
    title = item[language][0] if isinstance(item[language], tuple) else item[language]
    plural = {"article": "articles", "category": "categories", "section": "sections"}[kind]
    return f"{served.base}/hc/{LOCALES[language]}/{plural}/{item['id']}-{slugify(title)}"


def zendesk(served: Served, path: str, query: dict[str, str]) -> Any:
    if path == "/api/v2/help_center/locales.json":
        return {"locales": ["en-us", "fr"], "default_locale": "en-us"}
    found = re.fullmatch(r"/api/v2/help_center/articles/(\d+)/attachments\.json", path)
    if found:
        article = served.article(int(found[1]))
        name = article.get("attachment")
        return {"article_attachments": [
            {"id": 9001, "file_name": "sign-in-screen.png", "inline": True,
             "content_url": f"{served.base}/files/sign-in-screen.png"},
            *([{"id": 9002, "file_name": name, "inline": False, "content_url": f"{served.base}/files/{name}"}]
              if name else [])]}
    found = re.fullmatch(r"/api/v2/help_center/([\w-]+)/(categories|sections|articles)\.json", path)
    if not found:
        return None
    locale, kind = found[1], found[2]
    language = next(code for code, name in LOCALES.items() if name == locale)
    links = lambda kind_, item, lang: _zendesk_url(served, kind_, item, lang)  # noqa: E731
    if kind == "categories":
        items = [{"id": c["id"], "name": c[language][0], "description": c[language][1], "position": c["position"],
                  "locale": locale, "html_url": _zendesk_url(served, "category", c, language)}
                 for c in served.categories]
    elif kind == "sections":
        items = [{"id": s["id"], "category_id": s["category"], "name": s[language], "description": "",
                  "position": s["position"], "locale": locale, "html_url": _zendesk_url(served, "section", s, language)}
                 for s in served.sections]
    else:
        items = [{"id": a["id"], "section_id": a["section"], "title": a[language][0],
                  "body": _body(served, a, language, links), "position": a["position"], "label_names": a["labels"],
                  "draft": bool(a.get("draft")), "user_segment_id": None,  # restricted by the list alone
                  "user_segment_ids": [a["segment"]] if a.get("segment") else [], "locale": locale,
                  "updated_at": a["updated"],
                  "edited_at": a["updated"], "html_url": _zendesk_url(served, "article", a, language)}
                 for a in _published(served, language)]
        after = int(query.get("page[after]", "0"))
        chunk = items[after:after + served.page_size]
        more = after + served.page_size < len(items)
        return {"articles": chunk, "meta": {"has_more": more, "after_cursor": str(after + served.page_size)},
                "links": {"next": f"{served.base}{path}?page[after]={after + served.page_size}" if more else None}}
    chunk, page, pages = _page(items, query, served.page_size)
    return {kind: chunk, "page": page, "page_count": pages, "count": len(items),
            "next_page": f"{served.base}{path}?page={page + 1}&per_page={served.page_size}" if page < pages else None}


# Intercom: collections (a section is a collection with a parent) and articles, each with its
# translations in translated_content; pages by number (pages.total_pages); times in seconds.
def _intercom_url(served: Served, kind: str, item: dict[str, Any], language: str) -> str:
    title = item[language][0] if isinstance(item[language], tuple) else item[language]
    plural = "articles" if kind == "article" else "collections"
    return f"{served.base}/acme/{language}/{plural}/{item['id']}-{slugify(title)}"


def intercom(served: Served, path: str, query: dict[str, str]) -> Any:
    links = lambda kind_, item, lang: _intercom_url(served, kind_, item, lang)  # noqa: E731
    if path == "/help_center/collections":
        items = []
        for group in served.categories + served.sections:
            name = lambda lang, g=group: g[lang][0] if isinstance(g[lang], tuple) else g[lang]  # noqa: E731
            items.append({
                "id": str(group["id"]), "type": "collection", "name": name("en"),
                "description": group["en"][1] if isinstance(group["en"], tuple) else "",
                "order": group["position"], "parent_id": str(group["category"]) if "category" in group else None,
                "url": links("collection", group, "en"), "default_locale": "en",
                "translated_content": {"type": "group_translated_content", "fr": {
                    "type": "group_content", "name": name("fr"),
                    "description": group["fr"][1] if isinstance(group["fr"], tuple) else ""}}})
    elif path == "/articles":
        items = []
        for order, article in enumerate(_public(served)):
            def content(lang: str, a: dict[str, Any] = article) -> dict[str, Any]:
                return {"type": "article_content", "title": a[lang][0], "description": "",
                        "body": _body(served, a, lang, links), "state": "draft" if a.get("draft") else "published",
                        "updated_at": _seconds(a["updated"]), "url": links("article", a, lang)}
            items.append({"type": "article", "id": str(article["id"]), **content("en"), "parent_type": "collection",
                          "parent_id": str(article["section"]), "default_locale": "en",
                          "created_at": 1_600_000_000 + order * 60,
                          "translated_content": {"type": "article_translated_content",
                                                 **({"fr": content("fr")} if "fr" in article else {})}})
        items.reverse()  # newest first, as Intercom lists them
    else:
        return None
    chunk, page, pages = _page(items, query, served.page_size)
    return {"type": "list", "data": chunk, "total_count": len(items),
            "pages": {"type": "pages", "page": page, "per_page": served.page_size, "total_pages": pages}}


def _seconds(iso: str) -> int:
    import datetime as dt

    return int(dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())


# Help Scout Docs v1: {kind: {page, pages, count, items}}; article bodies from /articles/{id};
# pages named by number (/article/31-slug). One collection, whose categories are ours; one language.
def _helpscout_url(served: Served, kind: str, item: dict[str, Any], language: str) -> str:
    title = item["en"][0] if isinstance(item["en"], tuple) else item["en"]
    number = item["id"] - (270 if kind == "article" else 100)
    return f"{served.base}/{kind}/{number}-{slugify(title)}"


def helpscout(served: Served, path: str, query: dict[str, str]) -> Any:
    links = lambda kind_, item, lang: _helpscout_url(served, kind_, item, "en")  # noqa: E731
    if path == "/collections":
        items = [{"id": "col1", "siteId": "site1", "number": 1, "slug": "docs", "visibility": "public", "order": 1,
                  "name": "Documentation", "publicUrl": f"{served.base}/collection/1-documentation"},
                 {"id": "col2", "siteId": "site1", "number": 2, "slug": "internal", "visibility": "private",
                  "order": 2, "name": "Internal", "publicUrl": f"{served.base}/collection/2-internal"}]
        kind = "collections"
    elif path == "/collections/col1/categories":
        items = [{"id": f"cat{c['id']}", "number": c["id"] - 100, "slug": slugify(c["en"][0]), "visibility": "public",
                  "order": c["position"], "name": c["en"][0], "description": c["en"][1],
                  "publicUrl": links("category", c, "en")} for c in served.categories]
        kind = "categories"
    elif path == "/collections/col1/articles":
        items = [{"id": f"art{a['id']}", "number": a["id"] - 270, "collectionId": "col1",
                  "status": "notpublished" if a.get("draft") else "published", "name": a["en"][0],
                  "publicUrl": links("article", a, "en")}
                 for a in _public(served) if query.get("status") != "published" or not a.get("draft")]
        kind = "articles"
    else:
        found = re.fullmatch(r"/articles/art(\d+)", path)
        if not found:
            return None
        a = served.article(int(found[1]))
        section = next(s for s in served.sections if s["id"] == a["section"])
        return {"article": {"id": f"art{a['id']}", "number": a["id"] - 270, "collectionId": "col1",
                            "status": "notpublished" if a.get("draft") else "published", "name": a["en"][0],
                            "text": _body(served, a, "en", links), "categories": [f"cat{section['category']}"],
                            "keywords": a["labels"], "publicUrl": links("article", a, "en"),
                            "updatedAt": a["updated"], "lastPublishedAt": a["updated"]}}
    chunk, page, pages = _page(items, query, served.page_size)
    return {kind: {"page": page, "pages": pages, "count": len(items), "items": chunk}}


# Freshdesk Solutions v2: plain arrays, the next page in a Link header; translations under
# /<language> at the end of each list's path; status 2 is published.
def _freshdesk_url(served: Served, kind: str, item: dict[str, Any], language: str) -> str:
    prefix = "" if language == "en" else f"/{language}"
    if kind == "category":
        return f"{served.base}{prefix}/support/solutions/{item['id']}"
    return f"{served.base}{prefix}/support/solutions/articles/{item['id']}-{slugify(item[language][0])}"


def freshdesk(served: Served, path: str, query: dict[str, str]) -> Any:
    links = lambda kind_, item, lang: _freshdesk_url(served, kind_, item, lang)  # noqa: E731
    if path == "/api/v2/settings/helpdesk":
        return {"primary_language": "en", "supported_languages": ["fr"], "portal_languages": ["fr"]}
    found = re.fullmatch(r"/api/v2/solutions/categories(?:/(fr))?", path)
    if found:
        language = found[1] or "en"
        return [{"id": c["id"], "name": c[language][0], "description": c[language][1],
                 "visible_in_portals": [1]} for c in served.categories]
    found = re.fullmatch(r"/api/v2/solutions/categories/(\d+)/folders(?:/(fr))?", path)
    if found:
        language = found[2] or "en"
        return [{"id": s["id"], "name": s[language], "description": "", "visibility": 1, "category_id": s["category"]}
                for s in served.sections if s["category"] == int(found[1])]
    found = re.fullmatch(r"/api/v2/solutions/folders/(\d+)/subfolders(?:/(fr))?", path)
    if found:  # a folder inside "Invoices", with one article
        return [{"id": 204, "name": "Older invoices", "description": "", "visibility": 1,
                 "parent_folder_id": 203}] if found[1] == "203" else []
    if path == "/api/v2/solutions/folders/204/articles":
        return [{"id": 307, "type": 1, "folder_id": 204, "title": "Invoices before 2020",
                 "description": "<p>Ask us for them.</p>", "status": 2, "tags": [],
                 "updated_at": "2024-02-03T09:00:00Z"}]
    if path == "/api/v2/solutions/folders/204/articles/fr":
        return []
    found = re.fullmatch(r"/api/v2/solutions/folders/(\d+)/articles(?:/(fr))?", path)
    if not found:
        return None
    language = found[2] or "en"
    items = [{"id": a["id"], "type": 1, "folder_id": a["section"], "title": a[language][0],
              "description": _body(served, a, language, links), "status": 1 if a.get("draft") else 2,
              "tags": a["labels"], "seo_data": {"meta_keywords": "", "meta_description": ""},
              "updated_at": a["updated"]}
             for a in _public(served) if a["section"] == int(found[1]) and language in a]
    chunk, page, pages = _page(items, query, served.page_size)
    headers = {"Link": f'<{served.base}{path}?page={page + 1}&per_page={served.page_size}>; rel="next"'} \
        if page < pages else {}
    return chunk, headers


ROUTES = {"zendesk": zendesk, "intercom": intercom, "helpscout": helpscout, "freshdesk": freshdesk}
