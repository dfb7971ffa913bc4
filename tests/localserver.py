"""Serve a built site the way Netlify does: its headers from netlify.toml and _headers, and its
404 pages (404.html, or the one a ``_redirects`` rule with status 404 names, per language).

Used by the tests and the benchmarks so that what they check (the Content-Security-Policy
included) is what Netlify will send. Standard library only.
"""

from __future__ import annotations

import fnmatch
import functools
import tomllib
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from urllib.parse import unquote, urlsplit


def netlify_headers(netlify_toml: Path) -> list[tuple[str, dict[str, str]]]:
    """The ``[[headers]]`` rules of netlify.toml as (path pattern, headers) pairs."""
    config = tomllib.loads(netlify_toml.read_text(encoding="utf-8"))
    return [(rule["for"], dict(rule.get("values", {}))) for rule in config.get("headers", [])]


def headers_file(path: Path) -> list[tuple[str, dict[str, str]]]:
    """The rules of a Netlify ``_headers`` file: a path line, then indented ``Name: value`` lines."""
    rules: list[tuple[str, dict[str, str]]] = []
    if not path.is_file():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


def not_found_rules(path: Path) -> list[tuple[str, str]]:
    """The ``_redirects`` rules with status 404: (path pattern, page), e.g. ("/es/*", "/es/404.html")."""
    rules = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 3 and not parts[0].startswith("#") and parts[2] == "404":
                rules.append((parts[0], parts[1]))
    return rules


def _matches(pattern: str, path: str) -> bool:
    # Netlify's "/*" matches every path, including nested ones.
    return fnmatch.fnmatchcase(path, pattern) or pattern == path


class NetlifyLikeHandler(SimpleHTTPRequestHandler):
    disable_nagle_algorithm = True  # no 40 ms delayed-ACK stall between headers and body
    header_rules: tuple[tuple[str, dict[str, str]], ...] = ()
    not_found_pages: tuple[tuple[str, str], ...] = ()
    log_requests = False

    def end_headers(self) -> None:
        path = unquote(urlsplit(self.path).path)
        for pattern, values in self.header_rules:
            if _matches(pattern, path):
                for name, value in values.items():
                    self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        path = unquote(urlsplit(self.path).path)
        page_path = next((page for pattern, page in self.not_found_pages if _matches(pattern, path)), "/404.html")
        page = Path(self.directory, page_path.lstrip("/"))
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        if self.log_requests:
            super().log_message(format, *args)


def start(site_dir: Path, netlify_toml: Path | None, host: str = "127.0.0.1", port: int = 0
          ) -> ThreadingHTTPServer:
    """Start serving in a daemon thread; ``server.server_address`` tells the port."""
    # Netlify applies both: netlify.toml's [[headers]] and the published folder's _headers.
    rules = (netlify_headers(netlify_toml) if netlify_toml else []) + headers_file(Path(site_dir, "_headers"))
    handler = type("Handler", (NetlifyLikeHandler,), {
        "header_rules": tuple(rules), "not_found_pages": tuple(not_found_rules(Path(site_dir, "_redirects")))})
    server = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(site_dir)))
    Thread(target=server.serve_forever, daemon=True).start()
    return server
