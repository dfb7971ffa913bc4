"""The contact function's pages for a form posted without JavaScript (netlify/dev/server.mjs in
front of the built sample site): a refusal is the site's error page, with the status the JSON
answer has, naming every field to correct; a stored request redirects to the thank-you page,
which the function serves with the reference written in; without the site's page, a plain
one still says all of it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from ..conftest import ROOT
from ..contact_support import ARTICLE, DevServer, Receiver, send, send_page, wait_for
from .test_contact_function import BAD_INPUTS, multipart, valid

UNAVAILABLE = "We could not store your request just now. Nothing was lost: please try again in a minute."
# What the JSON answer and the page both say, once per request: no rate limit here.
_client = iter(range(1, 1_000_000))


def client() -> dict[str, str]:
    number = next(_client)
    return {"X-Nf-Client-Connection-Ip": f"10.1.{number // 250}.{number % 250}"}


def escape(text: str) -> str:
    """As netlify/lib/pages.mjs escapeHTML writes it."""
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;")):
        text = text.replace(char, entity)
    return text


def label(name: str | None, lang: str = "en") -> str | None:
    """The field's label in the form (None for names that are not the form's fields), from the
    schema the sample site's build wrote."""
    schema = json.loads((ROOT / "netlify/generated/form-schema.json").read_text(encoding="utf-8"))
    return next((f["label"] for f in schema["languages"][lang]["fields"] if f["name"] == name), None)


def field_items(page: str) -> list[tuple[str, str]]:
    """The error list's items that name a field: (label, message)."""
    listed = re.search(r'<ul class="hc-form-errors">(.*?)</ul>', page, re.S)
    found = re.findall(r'<li><strong>([^<]*)</strong>: ([^<]*)</li>', listed.group(1)) if listed else []
    return [(unescape(name), unescape(message)) for name, message in found]


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    receiver.url = receiver.start()
    yield receiver
    receiver.stop()


def start(site_url: str, blobs: Path, receiver: Receiver) -> DevServer:
    return DevServer(site_url, blobs, {"HELPCENTER_DELIVERY": "webhook", "WEBHOOK_URL": f"{receiver.url}/hook",
                                       "WEBHOOK_SECRET": "s"})


@pytest.fixture(scope="module")
def server(site_url: str, tmp_path_factory: pytest.TempPathFactory, receiver: Receiver) -> Iterator[DevServer]:
    dev = start(site_url, tmp_path_factory.mktemp("pages-blobs"), receiver)
    yield dev
    dev.stop()


def post(server: DevServer, fields: Any, files: list[tuple[str, str, bytes]] = (), query: str = "",
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    body, content_type = multipart(fields, files)
    return send_page(server.url, body, content_type, path=f"api/contact{query}",
                     headers={**client(), **(headers or {})})


def test_every_refusal_is_the_error_page_with_the_json_status_naming_what_to_correct(server: DevServer) -> None:
    failures = []
    cases = [case for case in BAD_INPUTS if case[1].get("method") not in ("GET", "PUT")]
    assert {status for _, _, status, _ in cases} == {400, 403, 413, 415, 422}
    for case, spec, status, field in cases:
        fields = spec.get("fields", valid())
        if isinstance(fields, dict) and fields.get("started") in ("NOW", "FUTURE"):
            now_ms = int(time.time() * 1000)
            fields = {**fields, "started": str(now_ms - 200 if fields["started"] == "NOW" else now_ms + 3_600_000)}
        if "raw" in spec:
            body, content_type = spec["raw"]
        else:
            body, content_type = multipart(fields, spec.get("files", []))
        headers = spec.get("headers", {})
        _, _, answer = send(server.url, body, content_type, headers={**client(), **headers})
        code, answer_headers, page = send_page(server.url, body, content_type, headers={**client(), **headers})
        problems = []
        if code != status:
            problems.append(f"status {code}")
        is_html = answer_headers.get("content-type", "").startswith("text/html")
        if not is_html or "<h1>Your request was not sent</h1>" not in page:
            problems.append("not the error page")
        for error in answer.get("errors", [answer["error"]]):  # every message, its label (in bold) taken off
            message, name = error["message"], label(error.get("field"))
            if name and message.startswith(f"{name}: "):
                message = message[len(name) + 2:]
            if escape(message) not in page:
                problems.append(f"missing {message!r}")
        named = {name for name, _ in field_items(page)}
        if field and label(field) and label(field) not in named:
            problems.append(f"{field} not named")
        if problems:
            failures.append((case, problems))
    assert failures == []
    assert server.tickets() == []


def test_two_bad_fields_are_both_named_in_the_forms_language(server: DevServer) -> None:
    status, headers, page = post(server, valid(name="", email="ana@", lang="es"), query="?lang=es")
    assert status == 422
    assert '<html lang="es"' in page and "<h1>No hemos enviado tu solicitud</h1>" in page
    assert field_items(page) == [
        (label("name", "es"), "rellena este campo."),
        (label("email", "es"), "no parece una dirección de correo (nombre@ejemplo.com)."),
    ]
    assert "Hay algo en el formulario que necesita tu atención" in page  # the page's own lead
    assert "el formulario conserva lo que escribiste" in page  # going back keeps what they typed
    assert "script-src 'self'" in headers["content-security-policy"]  # the site's policy
    # The page's links still lead where the static page's do; its skip link stays in this page.
    assert re.search(r'<head><base href="http://[^"]+/es/contact-error/">', page)
    assert 'href="#' not in page and 'href="/api/contact?lang=es#hc-main"' in page


def test_a_refusal_of_the_whole_request_says_why_in_the_lead(server: DevServer) -> None:
    body, content_type = multipart(valid())
    status, _, page = send_page(server.url, body, content_type, path="api/contact?lang=es",
                                headers={**client(), "Origin": "https://evil.example"})
    assert status == 403
    lead = re.search(r'<p class="hc-notice hc-notice--error">(.*?)</p>', page, re.S).group(1)
    assert lead == "Este formulario solo acepta solicitudes de su propio sitio."
    assert "hc-form-errors" not in page


def test_a_field_name_with_markup_is_shown_as_text(server: DevServer) -> None:
    status, _, page = post(server, {**valid(), "<img src=x onerror=alert(1)>": "1"})
    assert status == 422
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_sent_form_redirects_to_the_thanks_page_with_the_stored_reference(server: DevServer) -> None:
    status, headers, _ = post(server, valid(subject="Thanks page reference", lang="es"), query="?lang=es")
    assert status == 303
    location = headers["location"]
    assert re.fullmatch(r"/api/contact/thanks\?ref=HC-[0-9A-Z]{4}-[0-9A-Z]{4}&lang=es", location)
    ref = location.split("ref=")[1].split("&")[0]
    [ticket] = wait_for(lambda: [t for t in server.tickets() if t["fields"].get("subject") == "Thanks page reference"])
    assert ticket["ref"] == ref
    status, headers, page = send_page(server.url, None, None, method="GET", path=location.lstrip("/"))
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<html lang="es"' in page and "<h1>Gracias</h1>" in page
    assert f'Tu número de referencia es <strong class="hc-ticket-ref">{ref}</strong>' in page
    assert "<template" not in page


NOT_REFERENCES = ["", "HC-1234", "HC-OOOO-IIII", "hc-7k4m-2qx9", "HC-7K4M-2QX9x", '"><script>alert(1)</script>']


@pytest.mark.parametrize("ref", NOT_REFERENCES)
def test_the_thanks_page_shows_no_reference_that_is_not_one(server: DevServer, ref: str) -> None:
    status, _, page = send_page(server.url, None, None, method="GET", path=f"api/contact/thanks?ref={quote(ref)}")
    assert status == 200 and "<h1>Thank you</h1>" in page
    shown = re.sub(r'<template data-hc-if="ref">.*?</template>', "", page, flags=re.S)  # inert: not shown
    assert shown != page and "Your reference is" not in shown and "hc-ticket-ref" not in shown
    assert "<script>alert" not in page


def test_the_thanks_page_is_read_only_and_the_form_endpoint_still_wants_a_post(server: DevServer) -> None:
    status, headers, _ = send_page(server.url, b"ref=HC-7K4M-2QX9", "application/x-www-form-urlencoded",
                                   path="api/contact/thanks", headers=client())
    assert status == 405 and headers["allow"] == "GET, HEAD"
    status, headers, _ = send_page(server.url, None, None, method="GET", path="api/contact", headers=client())
    assert status == 405 and headers["allow"] == "POST"


def test_storage_down_is_a_503_error_page_that_says_nothing_was_stored(
        site_url: str, tmp_path: Path, receiver: Receiver) -> None:
    blobs = tmp_path / "blobs"
    dev = start(site_url, blobs, receiver)
    try:
        shutil.rmtree(blobs)
        blobs.write_text("not a folder: every write fails")
        status, _, page = post(dev, valid())
        assert status == 503
        lead = re.search(r'<p class="hc-notice hc-notice--error">(.*?)</p>', page, re.S).group(1)
        assert lead == escape(UNAVAILABLE)
        assert "Error:" not in page and "ENOTDIR" not in page
    finally:
        dev.stop()


def test_without_the_site_page_a_plain_page_still_names_the_fields_and_shows_the_reference(
        sample_site: Path, tmp_path: Path, receiver: Receiver) -> None:
    dev = start("http://127.0.0.1:9/", tmp_path / "blobs", receiver)  # a site that does not answer
    try:
        status, headers, page = post(dev, valid(name="", email="ana@"))
        assert status == 422
        assert headers["content-security-policy"].startswith("default-src 'self'")  # the functions' own
        assert page.startswith('<!doctype html><html lang="en">') and "<h1>Your request was not sent</h1>" in page
        assert [name for name, _ in field_items(page)] == [label("name"), label("email")]
        assert "the form still holds what you wrote" in page

        status, headers, page = post(dev, valid(name="", email="ana@", lang="es"), query="?lang=es")
        assert status == 422 and '<html lang="es">' in page and "Tu nombre</strong>: rellena este campo." in page

        status, headers, _ = post(dev, valid(subject="Plain thanks page"))
        assert status == 303
        ref = headers["location"].split("ref=")[1].split("&")[0]
        status, _, page = send_page(dev.url, None, None, method="GET", path=headers["location"].lstrip("/"))
        assert status == 200 and "<h1>Thank you</h1>" in page
        assert f'Your reference is <strong class="hc-ticket-ref">{ref}</strong>' in page
        assert [t["ref"] for t in dev.tickets() if t["fields"].get("subject") == "Plain thanks page"] == [ref]
    finally:
        dev.stop()


# -- netlify/lib/pages.mjs -----------------------------------------------------------------------

PAGES_CHECK = """
import { fillSlots, sitePage } from "./netlify/lib/pages.mjs";
const [site, article] = process.argv.slice(1);
const page = "<p><!--hc:lead-->default<!--/hc:lead--></p><!--hc:list--><template data-hc-if=\\"ref\\">"
  + "<p>Ref <b><!--hc:ref--></b></p></template><!--hc:other-->";
const answer = {
  filled: fillSlots(page, { lead: "said", list: "<ul></ul>", ref: "HC-1" }),
  empty: fillSlots(page, {}),
  fetched: await sitePage(new Request(new URL("api/x?q=1", site)), article),
  missing: await sitePage(new Request(new URL("api/x", site)), "/no/such/page/"),
};
console.log(JSON.stringify(answer));
"""


def test_pages_fill_slots_and_keep_in_page_links_in_the_answer(site_url: str) -> None:
    done = subprocess.run(["node", "--input-type=module", "-e", PAGES_CHECK, site_url, ARTICLE], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["filled"] == "<p>said</p><ul></ul><p>Ref <b>HC-1</b></p><!--hc:other-->"
    assert answer["empty"] == ("<p><!--hc:lead-->default<!--/hc:lead--></p><!--hc:list--><template data-hc-if=\"ref\">"
                               "<p>Ref <b><!--hc:ref--></b></p></template><!--hc:other-->")
    fetched = answer["fetched"]["html"]
    assert f'<head><base href="{site_url.rstrip("/")}{ARTICLE}">' in fetched
    assert 'href="#' not in fetched and 'class="md-skip hc-skip" href="/api/x?q=1#hc-main"' in fetched
    assert "script-src 'self'" in answer["fetched"]["csp"]
    assert answer["missing"] is None

