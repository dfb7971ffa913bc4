"""The preview's HTTP server and watcher. A site (``PreviewSite``: the MkDocs adapter is
``helpcenter.mkdocs.live.LiveSite``) answers each URL; HTML pages get a small script that
waits on ``/livereload/<version>`` (a long poll: it answers as soon as the site's version
changes, or after a while with the same one) and reloads the page when it changes. The
functions' server in front (netlify/dev/server.mjs) sends ``/livereload/`` to the language
whose page asks."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .pages import Served

log = logging.getLogger("mkdocs.plugins.helpcenter")

LONG_POLL_SECONDS = 25.0
# Saves come in bursts (an editor writes a temporary file, renames it, touches a backup):
# one reload for what changed within this long.
SETTLE_SECONDS = 0.05

RELOAD_SCRIPT = """<script>
(() => {
  // The preview reloads this page when the site changes (build.py serve; not in a build).
  let version = %d;
  const wait = () => fetch(`%slivereload/${version}`, { cache: "no-store" })
    .then((answer) => answer.text()).then((text) => {
      const now = Number(text);
      if (now && now !== version) location.reload();
      else wait();
    }).catch(() => setTimeout(wait, 1000));
  wait();
})();
</script>"""


class PreviewSite(Protocol):
    version: int
    mount: str

    def serve(self, path: str) -> Served | None: ...
    def not_found(self) -> Served: ...
    def files_changed(self, paths: list[Path]) -> None: ...
    def wait_for_change(self, seen: int, timeout: float) -> int: ...
    def watched(self) -> list[Path]: ...


def with_reload_script(html: bytes, version: int, mount: str) -> bytes:
    script = (RELOAD_SCRIPT % (version, mount)).encode()
    at = html.rfind(b"</body>")
    return html[:at] + script + html[at:] if at != -1 else html + script


def make_handler(site: PreviewSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def do_GET(self) -> None:
            self._answer(head=False)

        def _answer(self, head: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            reload_at = path.find("/livereload/")
            if reload_at != -1:
                seen = int(path.rsplit("/", 1)[-1] or 0) if path.rsplit("/", 1)[-1].isdigit() else 0
                self._send(Served(str(site.wait_for_change(seen, LONG_POLL_SECONDS)).encode(), "text/plain"), head)
                return
            try:
                served = site.serve(path)
            except Exception as error:  # a page that cannot be rendered says why, the preview goes on
                log.error(f"preview: {path}: {error}")
                served = Served(f"This page could not be rendered: {error}".encode(), "text/plain; charset=utf-8", 500)
            if served is None:
                served = site.not_found()
            if served.media_type.startswith("text/html"):
                served = Served(with_reload_script(served.body, site.version, site.mount), served.media_type,
                                served.status, served.location)
            self._send(served, head)

        def _send(self, served: Served, head: bool) -> None:
            self.send_response(served.status)
            self.send_header("Content-Type", served.media_type)
            self.send_header("Content-Length", str(len(served.body)))
            self.send_header("Cache-Control", "no-store")
            if served.location:
                self.send_header("Location", served.location)
            self.end_headers()
            if not head:
                self.wfile.write(served.body)

    return Handler


class _Changes(FileSystemEventHandler):
    """Collects changed paths; a thread hands them to the site once saves settle."""

    def __init__(self, on_change: Callable[[list[Path]], None]) -> None:
        self._paths: set[Path] = set()
        self._lock = threading.Condition()
        self._on_change = on_change
        threading.Thread(target=self._deliver, daemon=True, name="preview-changes").start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return
        with self._lock:
            for raw in (event.src_path, getattr(event, "dest_path", "")):
                if raw:
                    self._paths.add(Path(raw if isinstance(raw, str) else raw.decode()))
            self._lock.notify()

    def _deliver(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: bool(self._paths))
            time.sleep(SETTLE_SECONDS)
            with self._lock:
                paths, self._paths = sorted(self._paths), set()
            try:
                self._on_change(paths)
            except Exception as error:  # keep watching whatever one reload did
                log.error(f"preview: {error}")


def serve(site: PreviewSite, host: str, port: int, on_ready: Callable[[str], None] | None = None) -> None:
    """Serve ``site`` until interrupted, following the changes of what it watches."""
    observer = Observer()
    handler = _Changes(site.files_changed)
    watched: set[Path] = set()
    for path in site.watched():
        folder = path if path.is_dir() else path.parent
        if folder.exists() and folder not in watched:
            observer.schedule(handler, str(folder), recursive=path.is_dir())
            watched.add(folder)
    observer.start()
    server = ThreadingHTTPServer((host, port), make_handler(site))
    server.daemon_threads = True
    url = f"http://{host}:{server.server_address[1]}{site.mount}"
    log.info(f"Serving on {url}")
    if on_ready:
        on_ready(url)
    try:
        server.serve_forever()
    finally:
        observer.stop()
        server.server_close()
