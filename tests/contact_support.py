"""Real parts for the contact tests: the Node stand-in for Netlify running our functions
(netlify/dev/server.mjs, with Blobs' local server), an SMTP server (aiosmtpd) and an HTTP
receiver that speaks like a webhook endpoint or a helpdesk API, all on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .conftest import run_build_py

# The insights functions' test inputs, shared by the function and the browser tests.
ARTICLE = "/calendar-sync/import-ical-feed/"
SPANISH_ARTICLE = "/es/calendar-sync/import-ical-feed/"
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0"}

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP server that records requests; `down` makes it answer 503, like an outage.
    It answers as the helpdesk APIs do (Zendesk uploads/requests, Help Scout's token, ...)."""

    requests: list[Received] = field(default_factory=list)
    down: bool = False
    gone: bool = False  # answer 410: a refusal that retrying cannot cure
    server: ThreadingHTTPServer | None = None

    def start(self) -> str:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if receiver.down:
                    self._answer(503, {"error": "down for maintenance"})
                    return
                if receiver.gone:
                    self._answer(410, {"error": "this endpoint is gone"})
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver.requests.append(Received("POST", self.path, headers, body))
                path = self.path.split("?")[0]
                answers = {
                    "/api/v2/uploads.json": (201, {"upload": {"token": f"tok{len(receiver.requests)}"}}),
                    "/api/v2/requests.json": (201, {"request": {"id": 4242}}),
                    "/api/v2/tickets": (201, {"id": 77}),
                    "/v2/oauth2/token": (200, {"access_token": "hs-token", "expires_in": 7200}),
                    "/v2/conversations": (201, {}),
                    "/email": (200, {"MessageID": "pm-1"}),
                    "/emails": (200, {"id": "re-1"}),
                }
                status, answer = answers.get(path, (200, {"ok": True}))
                self._answer(status, answer)

            def _answer(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if self.path == "/v2/conversations":
                    self.send_header("Resource-ID", "9001")
                self.end_headers()
                self.wfile.write(data)

        class QuietServer(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client closing its keep-alive connection is not news

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()


class SmtpSink:
    """A real SMTP server (aiosmtpd) keeping every message it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[EmailMessage] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                sink.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        with socket.socket() as probe:  # aiosmtpd checks readiness on its port: pick a free one
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def start(self) -> int:
        self.controller.start()
        return self.port

    def stop(self) -> None:
        self.controller.stop()


class DevServer:
    """netlify/dev/server.mjs in front of a static site server, with its own Blobs folder."""

    def __init__(self, site_url: str, blobs: Path, env: dict[str, str]) -> None:
        self.blobs = blobs
        self.process = subprocess.Popen(
            ["node", str(ROOT / "netlify/dev/server.mjs"), "--port", "0", "--proxy", site_url,
             "--blobs", str(blobs), "--schedule-seconds", "0"],
            # The tests play many clients from one address (X-Nf-Client-Connection-Ip); the
            # preview itself never trusts that header.
            cwd=ROOT, env={**os.environ, "HELPCENTER_RETRY_BACKOFF_SECONDS": "0",
                           "HELPCENTER_TRUST_CLIENT_IP_HEADER": "1", **env},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        line = self.process.stdout.readline()
        if not line.startswith("ready "):
            raise RuntimeError(f"dev server did not start: {line}{self.process.stderr.read()}")
        self.url = line.split()[1]

    def tickets(self) -> list[dict[str, Any]]:
        """Every stored ticket, read from the Blobs server's folder (skipping the hidden
        temporary files it writes a blob to before renaming it into place)."""
        found = []
        for path in self.blobs.rglob("*"):
            if path.name.startswith(".") or "ticket" not in path.parent.name + path.name:
                continue
            data = _ticket(path)
            if data is not None:
                found.append(data)
        return found

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _ticket(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError):  # a directory, or renamed away meanwhile
        return None
    return data if isinstance(data, dict) and "ref" in data and "fields" in data else None


def wait_for(predicate: Any, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is returned to the test, not followed."""

    def redirect_request(self, *args: Any) -> None:
        return None


def _exchange(url: str, data: bytes | None, content_type: str | None, accept: str, *, method: str,
              headers: dict[str, str] | None) -> tuple[int, dict[str, str], bytes]:
    """One request to the function server: status, headers (lower-case names) and body."""
    request = urllib.request.Request(url, data=data, method=method)
    if content_type is not None:
        request.add_header("Content-Type", content_type)
    request.add_header("Accept", accept)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as response:
            status, answer_headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, answer_headers, body = error.code, dict(error.headers), error.read()
    return status, {k.lower(): v for k, v in answer_headers.items()}, body


def send(url: str, body: bytes, content_type: str | None, *, method: str = "POST",
         headers: dict[str, str] | None = None, path: str = "api/contact") -> tuple[int, dict[str, str], Any]:
    status, answer_headers, data = _exchange(url + path, body if method != "GET" else None, content_type,
                                             "application/json", method=method, headers=headers)
    try:
        parsed = json.loads(data) if data else None
    except ValueError:
        parsed = data.decode(errors="replace")
    return status, answer_headers, parsed


def send_page(url: str, body: bytes | None, content_type: str | None, *, method: str = "POST",
              headers: dict[str, str] | None = None, path: str = "api/contact") -> tuple[int, dict[str, str], str]:
    """A request as a browser without JavaScript makes it (Accept: text/html): status, headers
    (lower-case names) and the page's text; a redirect is returned, not followed."""
    accept = "text/html,application/xhtml+xml,*/*;q=0.8"
    status, answer_headers, data = _exchange(url + path, body, content_type, accept, method=method, headers=headers)
    return status, answer_headers, data.decode(errors="replace")


def stored_keys(server: DevServer, prefix: str = "") -> list[list[str]]:
    """Every key in the insights store (read from the Blobs server's folder), split into its
    decoded parts: ["vote", day, "yes", article, reader]."""
    root = next((p for p in server.blobs.rglob("*helpcenter-insights") if p.is_dir() and "entries" in p.parts), None)
    if root is None:
        return []
    keys = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    return sorted([urllib.parse.unquote(part) for part in key.split("/")] for key in keys if key.startswith(prefix))


def report(server: DevServer, *extra: str) -> dict:
    result = run_build_py("report", "--json", "--blobs", str(server.blobs), "--min-votes", "1", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
