"""Knowing what readers miss: the feedback and search-miss functions for real (Node, Blobs'
local server, through netlify/dev/server.mjs), the privacy of what they store, the vote box
and search counting in Chromium, and `build.py report` on the store the browser filled."""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import run_build_py
from ..contact_support import ARTICLE, BROWSER, SPANISH_ARTICLE, DevServer, send, stored_keys


@pytest.fixture(scope="module")
def server(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    dev = DevServer(site_url, tmp_path_factory.mktemp("insights-blobs"), {})
    yield dev
    dev.stop()


def post_json(server: DevServer, path: str, body: Any, headers: dict[str, str] | None = None):
    return send(server.url, json.dumps(body).encode(), "application/json", path=path,
                headers={**BROWSER, **(headers or {})})


# -- the feedback function ---------------------------------------------------------------------
FEEDBACK_BAD = [
    ("GET", None, None, 405, None),
    ("POST", b"vote=yes", "text/plain", 415, None),
    ("POST", b"x" * 5000, "application/json", 413, None),
    ("POST", b"{not json", "application/json", 400, None),
    ("POST", b"[1, 2]", "application/json", 400, None),
    ("POST", b"vote=yes&vote=no&article=" + ARTICLE.encode(), "application/x-www-form-urlencoded", 422, "vote"),
    ("POST", {"article": ARTICLE, "vote": "yes", "rating": 5}, None, 422, "rating"),
    ("POST", {"vote": "yes"}, None, 422, "article"),
    ("POST", {"article": "/no/such/article/", "vote": "yes"}, None, 422, "article"),
    ("POST", {"article": "https://evil.example/", "vote": "yes"}, None, 422, "article"),
    ("POST", {"article": ARTICLE + "../../", "vote": "yes"}, None, 422, "article"),
    ("POST", {"article": ["/calendar-sync/"], "vote": "yes"}, None, 422, "article"),
    ("POST", {"article": ARTICLE}, None, 422, "vote"),
    ("POST", {"article": ARTICLE, "vote": "maybe"}, None, 422, "vote"),
    ("POST", {"article": ARTICLE, "vote": True}, None, 422, "vote"),
    ("POST", {"article": ARTICLE, "vote": "no", "comment": "x" * 1001}, None, 422, "comment"),
    ("POST", {"article": ARTICLE, "vote": "no", "comment": "bad\u0000byte"}, None, 422, "comment"),
    ("POST", {"article": ARTICLE, "vote": "no", "comment": 42}, None, 422, "comment"),
    ("POST", {"article": ARTICLE, "vote": "no", "lang": "x" * 11}, None, 422, "lang"),
]


@pytest.mark.parametrize(("method", "body", "content_type", "status", "field"), FEEDBACK_BAD)
def test_feedback_refuses_bad_input_naming_the_field_and_stores_nothing(
        server: DevServer, method: str, body: Any, content_type: str | None, status: int, field: str | None) -> None:
    before = stored_keys(server, "vote/")
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    code, headers, answer = send(server.url, data or b"", content_type or "application/json", method=method,
                                 path="api/feedback", headers=BROWSER)
    assert code == status, answer
    assert answer["error"]["message"]
    if field:
        assert answer["error"]["field"] == field
    if status == 405:
        assert headers["allow"] == "POST"
    assert stored_keys(server, "vote/") == before


def test_feedback_from_another_site_is_refused(server: DevServer) -> None:
    code, _, answer = post_json(server, "api/feedback", {"article": ARTICLE, "vote": "no"},
                                {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
    assert code == 403 and answer["error"]["code"] == "cross_origin"


def test_feedback_errors_come_in_the_readers_language(server: DevServer) -> None:
    code, _, answer = post_json(server, "api/feedback", {"article": SPANISH_ARTICLE, "vote": "quizás"},
                                {"Accept-Language": "es"})
    assert code == 422 and answer["error"] == {"status": 422, "code": "invalid", "field": "vote",
                                               "message": "Elige sí o no."}


def test_one_vote_per_reader_per_article_per_day_and_a_change_of_mind_replaces_it(server: DevServer) -> None:
    article = "/calendar-sync/block-dates/"
    reader = {"User-Agent": "Reader A"}
    assert post_json(server, "api/feedback", {"article": article, "vote": "yes"}, reader)[0] == 201
    assert post_json(server, "api/feedback", {"article": article, "vote": "yes"}, reader)[0] == 201
    assert [k[2] for k in stored_keys(server, "vote/") if k[3] == article] == ["yes"]
    post_json(server, "api/feedback", {"article": article, "vote": "no", "comment": "No screenshots"}, reader)
    assert [k[2] for k in stored_keys(server, "vote/") if k[3] == article] == ["no"]



def test_rotating_browser_names_from_one_address_are_one_reader(site_url: str, tmp_path: Path) -> None:
    """The reader is the hashed address: 25 "No" votes sent with 25 User-Agents are one vote."""
    dev = DevServer(site_url, tmp_path / "blobs", {})
    try:
        for number in range(25):
            assert post_json(dev, "api/feedback", {"article": ARTICLE, "vote": "no"},
                             {"User-Agent": f"Browser {number}"})[0] == 201
        assert [k[2] for k in stored_keys(dev, "vote/") if k[3] == ARTICLE] == ["no"]
    finally:
        dev.stop()


def test_a_vote_without_javascript_returns_to_the_article(server: DevServer) -> None:
    form = urllib.parse.urlencode({"article": ARTICLE, "vote": "no", "lang": "en"}).encode()
    code, headers, _ = send(server.url, form, "application/x-www-form-urlencoded", path="api/feedback",
                            headers={**BROWSER, "Accept": "text/html"})
    assert code == 303 and headers["location"] == ARTICLE + "#hc-feedback-more"
    form = urllib.parse.urlencode({"article": ARTICLE, "vote": "no", "comment": "Steps for Vrbo", "lang": "en"})
    code, headers, _ = send(server.url, form.encode(), "application/x-www-form-urlencoded", path="api/feedback",
                            headers={**BROWSER, "Accept": "text/html"})
    assert code == 303 and headers["location"] == ARTICLE + "#hc-feedback-thanks"


def test_a_client_over_the_rate_limit_gets_429(site_url: str, tmp_path: Path) -> None:
    dev = DevServer(site_url, tmp_path / "blobs", {})
    try:
        statuses = [post_json(dev, "api/feedback", {"article": ARTICLE, "vote": "maybe"})[0] for _ in range(32)]
        assert statuses[:30] == [422] * 30 and statuses[30:] == [429, 429]
    finally:
        dev.stop()


def test_forms_posted_without_javascript_never_end_on_json(server: DevServer) -> None:
    def post_form(fields: dict[str, str]) -> tuple[int, str]:
        code, headers, _ = send(server.url, urllib.parse.urlencode(fields).encode(),
                                "application/x-www-form-urlencoded", path="api/feedback",
                                headers={**BROWSER, "Accept": "text/html"})
        return code, headers.get("location", "")

    # "What was missing?" sent empty still ends with thanks.
    assert post_form({"article": ARTICLE, "vote": "no", "step": "more", "lang": "en"}) == (
        303, ARTICLE + "#hc-feedback-thanks")
    # A comment that cannot be counted says so on the article.
    assert post_form({"article": ARTICLE, "vote": "no", "comment": "x" * 1001, "lang": "en"}) == (
        303, ARTICLE + "#hc-feedback-failed")


def test_comments_lose_what_identifies_a_person(server: DevServer) -> None:
    comment = "Call me on +1 212 555 0199 or write to ana@example.com"
    assert post_json(server, "api/feedback", {"article": ARTICLE, "vote": "no", "comment": comment})[0] == 201
    stored = [p.read_text() for p in server.blobs.rglob("*")
              if p.is_file() and "comment" in p.parts and "entries" in p.parts]
    assert any("Call me on [number] or write to [email]" in text for text in stored), stored
    assert not any("555" in text or "ana@" in text or '"at"' in text for text in stored)


def test_past_days_hash_keys_are_deleted(server: DevServer) -> None:
    post_json(server, "api/search-miss", {"kind": "no_results", "query": "anything", "lang": "en"})
    [today] = [p for p in server.blobs.rglob("*") if p.is_file() and p.parent.name == "salt" and "entries" in p.parts]
    old = today.with_name("2020-01-01")
    old.write_bytes(b"an old day's secret")
    assert sorted(k[1] for k in stored_keys(server, "salt/")) == ["2020-01-01", today.name]
    assert send(server.url, b"", None, path=".netlify/functions/insights-cleanup")[0] == 204
    assert [k[1] for k in stored_keys(server, "salt/")] == [today.name]


# -- the search-miss function ------------------------------------------------------------------
SEARCH_BAD = [
    ({"query": "wifi password", "lang": "en"}, "kind"),
    ({"kind": "typo", "query": "wifi", "lang": "en"}, "kind"),
    ({"kind": "no_results", "lang": "en"}, "query"),
    ({"kind": "no_results", "query": "   ", "lang": "en"}, "query"),
    ({"kind": "no_results", "query": 12, "lang": "en"}, "query"),
    ({"kind": "no_results", "query": "x" * 501, "lang": "en"}, "query"),
    # Punctuation or emoji only: nothing a person asked (it used to be counted as "-").
    ({"kind": "no_results", "query": "- - -", "lang": "en"}, "query"),
    ({"kind": "no_results", "query": "'?!", "lang": "en"}, "query"),
    ({"kind": "no_results", "query": "😀🙏", "lang": "en"}, "query"),
    ({"kind": "no_results", "query": "wifi"}, "lang"),
    ({"kind": "no_results", "query": "wifi", "lang": "sv"}, "lang"),
    ({"kind": "contacted", "lang": "en"}, "query"),
    ({"kind": "contacted", "lang": "en", "articles": "/calendar-sync/"}, "articles"),
    ({"kind": "contacted", "lang": "en", "articles": ["/nowhere/"]}, "articles"),
    ({"kind": "contacted", "lang": "en", "articles": [ARTICLE] * 11}, "articles"),
    ({"kind": "no_results", "query": "wifi", "lang": "en", "ip": "1.2.3.4"}, "ip"),
]


@pytest.mark.parametrize(("body", "field"), SEARCH_BAD)
def test_search_miss_refuses_bad_input_naming_the_field(server: DevServer, body: dict, field: str) -> None:
    before = stored_keys(server, "search/")
    code, _, answer = post_json(server, "api/search-miss", body)
    assert code == 422 and answer["error"]["field"] == field, answer
    assert stored_keys(server, "search/") == before


def test_search_miss_refuses_wrong_method_type_and_size(server: DevServer) -> None:
    assert send(server.url, b"", None, method="GET", path="api/search-miss")[0] == 405
    assert send(server.url, b"q", "text/plain", path="api/search-miss")[0] == 415
    assert send(server.url, b"{" * 5000, "application/json", path="api/search-miss")[0] == 413
    assert send(server.url, b"{", "application/json", path="api/search-miss")[0] == 400


def test_searches_are_counted_normalized_and_without_personal_data(server: DevServer) -> None:
    code, _, answer = post_json(server, "api/search-miss", {
        "kind": "no_results", "lang": "en",
        "query": "  Refund for ana.perez@example.com booking 4415 2236 7781, see https://x.example/a?b=1 "})
    assert code == 201
    assert answer["query"] == "refund for [email] booking [number] see [link]"
    stored = "\n".join("/".join(k) for k in stored_keys(server))
    counted = [k[2:5] for k in stored_keys(server)]
    assert ["no_results", "refund for [email] booking [number] see [link]", "en"] in counted
    assert "ana.perez" not in stored and "4415" not in stored and "x.example" not in stored
    # Nothing anywhere in the store holds the reader's address or browser.
    everything = b"".join(p.read_bytes() for p in server.blobs.rglob("*") if p.is_file())
    everything += "\n".join(str(p) for p in server.blobs.rglob("*")).encode()
    assert b"127.0.0.1" not in everything and b"TestBrowser" not in everything


# -- in Chromium, then the report ---------------------------------------------------------------
def test_report_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = run_build_py("report", "--blobs", str(tmp_path / "none"))
    assert result.returncode == 2 and "no local store" in result.stderr


def test_the_preview_trusts_no_client_address_header_and_drops_stalled_bodies(site_url: str, tmp_path: Path) -> None:
    """Issue 17, item 13: rotating X-Nf-Client-Connection-Ip does not escape the rate limit, and
    a body shorter than its Content-Length is answered (408) instead of hanging."""
    import socket

    dev = DevServer(site_url, tmp_path / "blobs", {"HELPCENTER_REQUEST_TIMEOUT_MS": "1500",
                                                    "HELPCENTER_TRUST_CLIENT_IP_HEADER": ""})
    try:
        statuses = [post_json(dev, "api/feedback", {"article": ARTICLE, "vote": "maybe"},
                              {"X-Nf-Client-Connection-Ip": f"203.0.113.{n}"})[0] for n in range(32)]
        assert statuses[:30] == [422] * 30 and statuses[30:] == [429, 429]
        host, port = urllib.parse.urlsplit(dev.url).netloc.split(":")
        with socket.create_connection((host, int(port)), timeout=10) as stalled:
            stalled.sendall(b"POST /api/contact HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                            b"\r\nContent-Length: 500\r\n\r\nname=Ana")
            started = time.monotonic()
            answer = stalled.recv(1024)
            assert answer.startswith(b"HTTP/1.1 408") or answer == b"", answer
            assert time.monotonic() - started < 8
    finally:
        dev.stop()


def test_a_form_field_sent_twice_or_as_a_file_is_named(server: DevServer) -> None:
    """Issue 17, item 12: these were a bare "malformed"; the reader is told which field."""
    client = {**BROWSER, "X-Nf-Client-Connection-Ip": "10.9.9.9"}  # a client of its own: no rate limit here
    twice = urllib.parse.urlencode([("article", ARTICLE), ("vote", "yes"), ("vote", "no")]).encode()
    code, _, body = send(server.url, twice, "application/x-www-form-urlencoded", path="api/feedback", headers=client)
    answer = body
    assert code == 422 and answer["error"]["field"] == "vote" and "vote" in answer["error"]["message"]
    boundary = "----hc-test-boundary"
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"article\"\r\n\r\n{ARTICLE}\r\n"
                 f"--{boundary}\r\nContent-Disposition: form-data; name=\"comment\"; filename=\"a.txt\"\r\n"
                 f"Content-Type: text/plain\r\n\r\nhello\r\n--{boundary}--\r\n").encode()
    code, _, body = send(server.url, multipart, f"multipart/form-data; boundary={boundary}", path="api/feedback",
                         headers=client)
    answer = body
    assert code == 422 and answer["error"]["field"] == "comment" and "file" in answer["error"]["message"]
