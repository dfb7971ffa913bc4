"""The contact function for real: Node runs netlify/functions through netlify/dev/server.mjs
with Blobs' local server; tickets go to a real SMTP server or HTTP receiver on loopback."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import run_build_py
from ..contact_support import DevServer, Receiver, SmtpSink, send, wait_for

PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + b"\x00\x00\x00\x0dIHDR" + bytes(range(200))
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Villadesk//EN\r\nEND:VCALENDAR\r\n"
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


def valid(**changes: str) -> dict[str, str]:
    fields = {"topic": "technical", "subject": "Calendar stopped syncing", "name": "Ana Pérez",
              "email": "ana@example.com", "description": "Since Monday my Airbnb calendar does not update.",
              "expected": "New bookings show up", "actual": "Nothing changes", "steps": "1. Open Calendar"}
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def multipart(fields: dict[str, str] | list[tuple[str, str]],
              files: list[tuple[str, str, bytes]] = ()) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = bytearray()
    for name, value in (fields.items() if isinstance(fields, dict) else fields):
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        out += head.encode() + value.encode() + b"\r\n"
    for field, filename, content in files:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def submit(url: str, fields: dict[str, str], files: list[tuple[str, str, bytes]] = (), **kwargs: Any):
    body, content_type = multipart(fields, files)
    return send(url, body, content_type, **kwargs)


def retry(server: DevServer) -> None:
    status, _, _ = send(server.url, b"", None, path=".netlify/functions/retry-tickets")
    assert status == 204


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    receiver.url = receiver.start()
    yield receiver
    receiver.stop()


@pytest.fixture
def smtp() -> Iterator[tuple[SmtpSink, int]]:
    sink = SmtpSink()
    port = sink.start()
    yield sink, port
    sink.stop()


@pytest.fixture
def dev(site_url: str, tmp_path: Path) -> Iterator[Any]:
    """Start the function server with the given environment: dev(**env) -> DevServer."""
    servers: list[DevServer] = []

    def start(**env: str) -> DevServer:
        server = DevServer(site_url, tmp_path / f"blobs{len(servers)}", env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def webhook_env(receiver: Receiver) -> dict[str, str]:
    return {"HELPCENTER_DELIVERY": "webhook", "WEBHOOK_URL": f"{receiver.url}/hook", "WEBHOOK_SECRET": "s3cret"}


# -- delivery ------------------------------------------------------------------------------------

def test_full_submission_with_attachments_arrives_intact_by_smtp(dev, smtp) -> None:
    sink, port = smtp
    server = dev(HELPCENTER_DELIVERY="smtp", SMTP_HOST="127.0.0.1", SMTP_PORT=str(port),
                 SUPPORT_EMAIL_TO="support@villadesk.example", SUPPORT_EMAIL_FROM="helpcenter@villadesk.example")
    fields = valid(subject="<script>alert(1)</script> sync", os="Linux", browser="Chrome 131",
                   listings="Casa Azul, Villa Sol", plan="professional", phone="+1 212 555 0100")
    files = [("attachments", "screen.png", PNG), ("attachments", "feed.ics", ICS)]
    status, headers, answer = submit(server.url, fields, files)
    assert status == 201, answer
    ref = answer["ref"]
    assert headers["x-content-type-options"] == "nosniff" and "default-src 'none'" in headers["content-security-policy"]
    message = wait_for(lambda: sink.messages and sink.messages[0])
    assert message["Subject"] == f"[{ref}] <script>alert(1)</script> sync"
    assert message["To"] == "support@villadesk.example"
    assert message["Reply-To"].addresses[0].addr_spec == "ana@example.com"
    html = message.get_body(("html",)).get_content()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = message.get_body(("plain",)).get_content()
    assert "Casa Azul, Villa Sol" in text and "Professional" in text and "Ana Pérez" in text
    attachments = {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}
    assert attachments == {"screen.png": PNG, "feed.ics": ICS}
    assert len(sink.messages) == 1
    ticket = wait_for(lambda: [t for t in server.tickets() if t["ref"] == ref and t["status"] == "delivered"])[0]
    assert ticket["attempts"] == 1


def test_destination_down_keeps_the_ticket_pending_and_the_retry_delivers_it_once(dev, receiver) -> None:
    server = dev(**webhook_env(receiver))
    receiver.down = True
    status, _, answer = submit(server.url, valid())
    assert status == 201
    ref = answer["ref"]
    ticket = wait_for(lambda: [t for t in server.tickets() if t["ref"] == ref and t["attempts"] == 1])[0]
    assert ticket["status"] == "pending" and "503" in ticket["lastError"]
    assert receiver.requests == []
    receiver.down = False
    retry(server)
    assert len(receiver.requests) == 1
    delivered = receiver.requests[0]
    body = delivered.json()
    assert body["ref"] == ref and body["fields"]["subject"] == "Calendar stopped syncing"
    expected = hashlib.sha256(delivered.body).digest()
    import hmac

    signature = hmac.new(b"s3cret", delivered.body, "sha256").hexdigest()
    assert delivered.headers["x-helpcenter-signature"] == "sha256=" + signature
    assert delivered.headers["idempotency-key"] == ref and expected
    retry(server)
    retry(server)
    assert len(receiver.requests) == 1, "delivered exactly once"
    assert next(t for t in server.tickets() if t["ref"] == ref)["status"] == "delivered"


def test_a_permanent_refusal_stops_the_retries_and_the_report_lists_the_ticket(dev, receiver) -> None:
    """Issue 17, item 4: a 410 is not retried forever; the ticket is kept, marked failed, and
    `build.py report` names it for a person to send on."""
    server = dev(**webhook_env(receiver))
    receiver.gone = True
    status, _, answer = submit(server.url, valid())
    assert status == 201
    ref = answer["ref"]
    ticket = wait_for(lambda: [t for t in server.tickets() if t["ref"] == ref and t["attempts"] == 1])[0]
    assert ticket["status"] == "failed" and "410" in ticket["lastError"]
    retry(server)
    retry(server)
    assert next(t for t in server.tickets() if t["ref"] == ref)["attempts"] == 1, "not retried"
    server.stop()  # the report opens the store itself
    tables = run_build_py("report", "--blobs", str(server.blobs))
    assert tables.returncode == 0, tables.stderr
    assert "Tickets not delivered" in tables.stdout and ref in tables.stdout and "410" in tables.stdout


def test_the_same_idempotency_key_twice_makes_one_ticket(dev, receiver) -> None:
    server = dev(**webhook_env(receiver))
    key = str(uuid.uuid4())
    first = submit(server.url, valid(), headers={"Idempotency-Key": key})
    second = submit(server.url, valid(), headers={"Idempotency-Key": key})
    assert (first[0], second[0]) == (201, 200)
    assert first[2]["ref"] == second[2]["ref"] and second[2]["replayed"] is True
    wait_for(lambda: receiver.requests)
    assert len([t for t in server.tickets() if t["ref"] == first[2]["ref"]]) == 1
    assert len(server.tickets()) == 1
    assert len(receiver.requests) == 1


def test_a_40_mb_recording_goes_through_the_upload_step(dev, receiver) -> None:
    server = dev(**webhook_env(receiver))
    video = MP4_HEAD + hashlib.sha256(b"x").digest() * (40 * 1024 * 1024 // 32)
    status, _, upload = send(server.url, json.dumps({"name": "recording.mp4", "size": len(video)}).encode(),
                             "application/json", path="api/contact/upload")
    assert status == 201, upload
    assert upload["parts"] == -(-len(video) // upload["partBytes"]) and upload["partBytes"] <= 4_500_000
    for part in range(upload["parts"]):
        chunk = video[part * upload["partBytes"]:(part + 1) * upload["partBytes"]]
        status, _, answer = send(server.url, chunk, "application/octet-stream", method="PUT",
                                 path=f"api/contact/upload/{upload['id']}/{part}")
        assert status == 200, answer
    status, _, answer = submit(server.url, {**valid(), "upload_ids": upload["id"]})
    assert status == 201, answer
    body = wait_for(lambda: receiver.requests)[0].json()
    [attachment] = body["attachments"]
    assert attachment["name"] == "recording.mp4" and attachment["size"] == len(video)
    assert hashlib.sha256(base64.b64decode(attachment["content_base64"])).digest() == hashlib.sha256(video).digest()


def test_an_unfinished_or_disguised_upload_is_refused(dev, receiver) -> None:
    server = dev(**webhook_env(receiver))
    status, _, upload = send(server.url, json.dumps({"name": "clip.mp4", "size": 5_000_000}).encode(),
                             "application/json", path="api/contact/upload")
    assert status == 201
    status, _, answer = submit(server.url, {**valid(), "upload_ids": upload["id"]})
    assert status == 422 and answer["error"]["field"] == "attachments"
    fake = b"MZ" + bytes(upload["partBytes"] - 2)
    status, _, answer = send(server.url, fake, "application/octet-stream", method="PUT",
                             path=f"api/contact/upload/{upload['id']}/0")
    assert status == 422 and "not the kind of file" in answer["error"]["message"]
    status, _, answer = send(server.url, json.dumps({"name": "huge.mov", "size": 60 * 1024 * 1024}).encode(),
                             "application/json", path="api/contact/upload")
    assert status == 413 and answer["error"]["field"] == "attachments"
    assert server.tickets() == [] and receiver.requests == []


@pytest.mark.parametrize("kind", ["zendesk", "freshdesk", "helpscout", "postmark", "resend"])
def test_helpdesk_and_email_apis_get_their_own_request_shape(dev, receiver, kind: str) -> None:
    env = {
        "zendesk": {"ZENDESK_URL": receiver.url, "ZENDESK_EMAIL": "agent@villadesk.example",
                    "ZENDESK_API_TOKEN": "zd"},
        "freshdesk": {"FRESHDESK_URL": receiver.url, "FRESHDESK_API_KEY": "fd"},
        "helpscout": {"HELPSCOUT_API_URL": receiver.url, "HELPSCOUT_APP_ID": "id", "HELPSCOUT_APP_SECRET": "secret",
                      "HELPSCOUT_MAILBOX_ID": "12"},
        "postmark": {"POSTMARK_API_URL": receiver.url, "POSTMARK_SERVER_TOKEN": "pm"},
        "resend": {"RESEND_API_URL": receiver.url, "RESEND_API_KEY": "re"},
    }[kind]
    server = dev(HELPCENTER_DELIVERY=kind, SUPPORT_EMAIL_TO="support@villadesk.example",
                 SUPPORT_EMAIL_FROM="helpcenter@villadesk.example", **env)
    status, _, answer = submit(server.url, valid(), [("attachments", "screen.png", PNG)])
    assert status == 201
    ref = answer["ref"]
    wait_for(lambda: [t for t in server.tickets() if t["status"] == "delivered"])
    requests = {r.path.split("?")[0]: r for r in receiver.requests}
    if kind == "zendesk":
        upload = requests["/api/v2/uploads.json"]
        assert upload.body == PNG and "filename=screen.png" in upload.path
        ticket = requests["/api/v2/requests.json"]
        assert ticket.headers["idempotency-key"] == ref
        credentials = base64.b64encode(b"agent@villadesk.example/token:zd").decode()
        assert ticket.headers["authorization"] == f"Basic {credentials}"
        request = ticket.json()["request"]
        assert request["requester"] == {"name": "Ana Pérez", "email": "ana@example.com"}
        assert request["comment"]["uploads"] == ["tok1"] and ref in request["subject"]
    elif kind == "freshdesk":
        ticket = requests["/api/v2/tickets"]
        assert ticket.headers["authorization"] == "Basic " + base64.b64encode(b"fd:X").decode()
        assert ticket.headers["content-type"].startswith("multipart/form-data")
        assert b'name="attachments[]"; filename="screen.png"' in ticket.body and PNG in ticket.body
        assert b"ana@example.com" in ticket.body
    elif kind == "helpscout":
        assert requests["/v2/oauth2/token"].body.decode().startswith("grant_type=client_credentials")
        conversation = requests["/v2/conversations"]
        assert conversation.headers["authorization"] == "Bearer hs-token"
        body = conversation.json()
        assert body["mailboxId"] == 12 and body["customer"]["email"] == "ana@example.com"
        assert base64.b64decode(body["threads"][0]["attachments"][0]["data"]) == PNG
    elif kind == "postmark":
        email = requests["/email"]
        assert email.headers["x-postmark-server-token"] == "pm"
        body = email.json()
        assert body["To"] == "support@villadesk.example" and body["ReplyTo"] == "ana@example.com"
        assert base64.b64decode(body["Attachments"][0]["Content"]) == PNG
    else:
        email = requests["/emails"]
        assert email.headers["idempotency-key"] == ref and email.headers["authorization"] == "Bearer re"
        assert base64.b64decode(email.json()["attachments"][0]["content"]) == PNG


# -- refusals ------------------------------------------------------------------------------------

FAKE_PNG = b"MZ\x90\x00this is an executable" + bytes(50)
BAD_INPUTS: list[tuple[str, Any, int, str]] = [
    # (case, what to send, status, field named in the error ("" when the error is the request's))
    ("GET", {"method": "GET"}, 405, ""),
    ("PUT", {"method": "PUT", "fields": valid()}, 405, ""),
    ("JSON body", {"raw": (json.dumps(valid()).encode(), "application/json")}, 415, ""),
    ("text body", {"raw": (b"hello", "text/plain")}, 415, ""),
    ("empty content type", {"raw": (b"topic=technical", "")}, 415, ""),
    ("oversized body", {"files": [("attachments", "big.png", PNG + bytes(5_200_000))]}, 413, "attachments"),
    ("broken multipart", {"raw": (b"--x\r\nnonsense", "multipart/form-data; boundary=x")}, 400, ""),
    ("missing topic", {"fields": valid(topic=None)}, 422, "topic"),
    ("unknown topic", {"fields": valid(topic="refund-now")}, 422, "topic"),
    ("missing subject", {"fields": valid(subject=None)}, 422, "subject"),
    ("blank subject", {"fields": valid(subject="   ")}, 422, "subject"),
    ("subject too long", {"fields": valid(subject="s" * 151)}, 422, "subject"),
    ("missing description", {"fields": valid(description=None)}, 422, "description"),
    ("description too short", {"fields": valid(description="help")}, 422, "description"),
    ("description too long", {"fields": valid(description="d" * 5001)}, 422, "description"),
    ("missing name", {"fields": valid(name=None)}, 422, "name"),
    ("neither e-mail nor phone", {"fields": valid(email=None)}, 422, "email"),
    ("bad e-mail", {"fields": valid(email="ana at example.com")}, 422, "email"),
    ("bad phone", {"fields": valid(email=None, phone="call me")}, 422, "phone"),
    ("bad account e-mail", {"fields": valid(account_email="nobody@")}, 422, "account_email"),
    ("bad plan", {"fields": valid(plan="platinum")}, 422, "plan"),
    ("bad platform", {"fields": valid(platform="fridge")}, 422, "platform"),
    ("CRLF in name", {"fields": valid(name="Ana\r\nBcc: all@example.com")}, 422, "name"),
    ("LF in subject", {"fields": valid(subject="Hi\nBcc: all@example.com")}, 422, "subject"),
    ("NUL in e-mail", {"fields": valid(email="ana@example.com\x00")}, 422, "email"),
    ("control char in description", {"fields": valid(description="Since Monday \x1b[31m nothing updates")},
     422, "description"),
    ("unknown field", {"fields": {**valid(), "is_admin": "yes"}}, 422, "is_admin"),
    ("field twice", {"fields": [*valid().items(), ("subject", "again")]}, 422, "subject"),
    ("honeypot filled", {"fields": {**valid(), "website": "http://cheap.example"}}, 422, "website"),
    ("sent too fast", {"fields": {**valid(), "started": "NOW"}}, 422, "started"),
    ("start time in the future", {"fields": {**valid(), "started": "FUTURE"}}, 422, "started"),
    ("exe named png", {"files": [("attachments", "screen.png", FAKE_PNG)]}, 422, "attachments"),
    ("not an accepted type", {"files": [("attachments", "notes.docx", b"PK\x03\x04" + bytes(40))]}, 422, "attachments"),
    ("empty file", {"files": [("attachments", "empty.png", b"")]}, 422, "attachments"),
    ("too many files", {"files": [("attachments", f"s{i}.png", PNG) for i in range(6)]}, 422, "attachments"),
    ("file in another field", {"files": [("subject", "s.png", PNG)]}, 422, "subject"),
    ("unknown upload id", {"fields": {**valid(), "upload_ids": str(uuid.uuid4())}}, 422, "attachments"),
    ("bad idempotency key", {"headers": {"Idempotency-Key": "bad key!"}}, 422, "idempotency_key"),
    ("other origin", {"headers": {"Origin": "https://evil.example"}}, 403, ""),
    ("sandboxed frame (Origin: null)", {"headers": {"Origin": "null"}}, 403, ""),
    ("cross-site fetch", {"headers": {"Sec-Fetch-Site": "cross-site"}}, 403, ""),
    ("CRLF in a file name", {"files": [("attachments", "a%0D%0ABcc: x.png", PNG)]}, 422, "attachments"),
    ("a 300-character file name", {"files": [("attachments", "s" * 300 + ".png", PNG)]}, 422, "attachments"),
]


def test_bad_inputs_get_the_right_status_and_field_and_nothing_is_stored(dev, receiver) -> None:
    import time

    server = dev(**webhook_env(receiver))
    assert len(BAD_INPUTS) >= 30
    failures = []
    for number, (case, spec, expected_status, field) in enumerate(BAD_INPUTS):
        headers = {"X-Nf-Client-Connection-Ip": f"10.0.0.{number}", **spec.get("headers", {})}  # no rate limit here
        fields = spec.get("fields", valid())
        if isinstance(fields, dict) and fields.get("started") in ("NOW", "FUTURE"):
            now_ms = int(time.time() * 1000)
            fields = {**fields, "started": str(now_ms - 200 if fields["started"] == "NOW" else now_ms + 3_600_000)}
        if "raw" in spec:
            body, content_type = spec["raw"]
            status, _, answer = send(server.url, body, content_type, headers=headers)
        elif spec.get("method") == "GET":
            status, _, answer = send(server.url, b"", None, method="GET", headers=headers)
        else:
            body, content_type = multipart(fields, spec.get("files", []))
            status, _, answer = send(server.url, body, content_type, method=spec.get("method", "POST"), headers=headers)
        error = (answer or {}).get("error", {}) if isinstance(answer, dict) else {}
        named = error.get("field", "")
        leaked = "Error:" in json.dumps(answer)  # a stack trace or exception text
        if status != expected_status or (field and named != field) or not error.get("message") or leaked:
            failures.append((case, status, answer))
    assert failures == []
    assert server.tickets() == [] and receiver.requests == []


def test_a_client_over_the_rate_limit_gets_429(dev, receiver) -> None:
    server = dev(**webhook_env(receiver))
    statuses = [submit(server.url, valid(description=None))[0] for _ in range(22)]
    assert statuses[:20] == [422] * 20 and statuses[20:] == [429, 429]
