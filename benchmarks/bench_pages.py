#!/usr/bin/env python3
"""Page weight and load speed on a throttled phone: this work tree vs a baseline commit.

    .venv/bin/python benchmarks/bench_pages.py [--runs 5] [--baseline bda7660] [--only-current]

Builds the sample help center twice in this run: from the work tree as it is, and from
`--baseline` (a commit, checked out once with `git worktree add --detach` under
/tmp/bench-pages-<ref> and reused). Each site is served from loopback as Netlify serves it:
gzip for text (html, css, js, json, svg, xml, txt), the headers of netlify.toml and the
site's _headers, Netlify's default `Cache-Control: public, max-age=0, must-revalidate`
where no rule sets one, and an ETag that a revalidation is answered 304 for. (Netlify also
speaks HTTP/2 and sends brotli over HTTPS: this server is HTTP/1.1 with gzip, so absolute
bytes are a little pessimistic; both sites are served the same way.)

Every page is loaded in headless Chromium as Lighthouse's mobile preset loads it: a phone
(390x844 viewport, device scale factor 3, mobile, touch) on slow 4G (150 ms latency,
1.6 Mbit/s down, 750 kbit/s up: CDP Network.emulateNetworkConditions) with a 4x slower CPU
(CDP Emulation.setCPUThrottlingRate), in a new browser context (cold cache). For each load
it records:

* largest contentful paint (the last `largest-contentful-paint` entry, observed buffered from
  before the page's first script) and first contentful paint, once the network has been idle
  for 500 ms after the load event;
* bytes transferred (the sum of encodedDataLength of CDP Network.loadingFinished: headers and
  compressed bodies) and the number of requests that went to the network.

Pages: the English and Spanish home and an article of each, the search page with a query,
and "switch language": / then /es/ in the same context (warm cache), measured on the
second load (requests answered from the browser's cache are counted apart).

Each page is loaded --runs times, baseline and current alternating (the order flips every
run), after one unthrottled warm-up load of each. Printed: the median and (min–max) of each
metric, side by side, and the change of the medians.
"""

from __future__ import annotations

import argparse
import fnmatch
import functools
import gzip
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.localserver import NetlifyLikeHandler, headers_file, netlify_headers, not_found_rules  # noqa: E402

DEFAULT_BASELINE = "bda7660"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",  # as tests/conftest.py
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Lighthouse's mobile preset ("slow 4G", Moto G Power). Lighthouse itself simulates these;
# in its devtools-throttling mode it would send 562.5 ms / 1474.56 kbit/s per request to
# stand for packet-level RTTs. We send the nominal figures, as asked of the benchmark.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}
CPU_SLOWDOWN = 4
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3,
                         "is_mobile": True, "has_touch": True}
PHONE_UA = ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
            "(KHTML, like Gecko) Chrome/{major}.0.0.0 Mobile Safari/537.36")
TIMEOUT_MS = 120_000
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")
NETLIFY_CACHE_CONTROL = "public, max-age=0, must-revalidate"

# (label, paths loaded in one browser context; the last one is measured)
PAGES: list[tuple[str, list[str]]] = [
    ("home", ["/"]),
    ("article", ["/calendar-sync/import-ical-feed/"]),
    ("home (es)", ["/es/"]),
    ("article (es)", ["/es/calendar-sync/import-ical-feed/"]),
    ("search ?q=refund", ["/search/?q=refund"]),
    ("switch language / → /es/", ["/", "/es/"]),
]
METRICS = ["LCP", "FCP", "bytes", "requests", "from cache"]

# Runs before the page's own scripts: keeps the latest LCP candidate and the FCP.
VITALS = """
window.__vitals = {lcp: null, lcpElement: null, fcp: null};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__vitals.lcp = entry.startTime;
    const el = entry.element;
    window.__vitals.lcpElement = el ? el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/)[0] : "")
      : null;
  }
}).observe({type: "largest-contentful-paint", buffered: true});
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.name === "first-contentful-paint") window.__vitals.fcp = entry.startTime;
  }
}).observe({type: "paint", buffered: true});
"""


@dataclass
class Entry:
    raw: bytes
    gzipped: bytes | None
    content_type: str
    etag: str


class CompressingHandler(NetlifyLikeHandler):
    """tests/localserver.py's handler (Netlify's headers and 404 pages) plus what Netlify's
    CDN adds: gzip for text, its default Cache-Control, ETags and 304s, keep-alive. Files are
    read and compressed once, so the server is not what the browser waits for."""

    protocol_version = "HTTP/1.1"
    cache: ClassVar[dict[Path, Entry]] = {}
    lock: ClassVar[threading.Lock] = threading.Lock()

    def do_GET(self) -> None:
        self.serve(send_body=True)

    def do_HEAD(self) -> None:
        self.serve(send_body=False)

    def entry(self, path: Path) -> Entry:
        with self.lock:
            if path not in self.cache:
                raw = path.read_bytes()
                gzipped = gzip.compress(raw, 6) if path.name.endswith(COMPRESSIBLE) else None
                etag = '"' + hashlib.sha1(raw).hexdigest()[:16] + '"'
                self.cache[path] = Entry(raw, gzipped, self.guess_type(str(path)), etag)
            return self.cache[path]

    def rules_set_cache_control(self, url_path: str) -> bool:
        return any((fnmatch.fnmatchcase(url_path, pattern) or pattern == url_path)
                   and any(name.lower() == "cache-control" for name in values)
                   for pattern, values in self.header_rules)

    def serve(self, send_body: bool) -> None:
        url_path = unquote(urlsplit(self.path).path)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        entry = self.entry(path)
        use_gzip = entry.gzipped is not None and "gzip" in self.headers.get("Accept-Encoding", "")
        etag = entry.etag[:-1] + '-gz"' if use_gzip else entry.etag
        fresh = self.headers.get("If-None-Match") == etag
        self.send_response(304 if fresh else 200)
        self.send_header("ETag", etag)
        if not self.rules_set_cache_control(url_path):
            self.send_header("Cache-Control", NETLIFY_CACHE_CONTROL)
        if entry.gzipped is not None:
            self.send_header("Vary", "Accept-Encoding")
        if fresh:
            self.end_headers()
            return
        body = entry.gzipped if use_gzip and entry.gzipped is not None else entry.raw
        self.send_header("Content-Type", entry.content_type)
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser dropping a keep-alive connection when a context closes is not news


def serve(site: Path) -> tuple[QuietServer, str]:
    rules = netlify_headers(ROOT / "netlify.toml") + headers_file(site / "_headers")
    handler = type("Handler", (CompressingHandler,), {
        "header_rules": tuple(rules), "not_found_pages": tuple(not_found_rules(site / "_redirects")),
        "cache": {}, "lock": threading.Lock()})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def baseline_tree(ref: str) -> Path:
    """The baseline commit checked out under /tmp (reused between runs)."""
    commit = git("rev-parse", "--verify", f"{ref}^{{commit}}")
    tree = Path(tempfile.gettempdir()) / f"bench-pages-{re.sub(r'[^A-Za-z0-9._-]', '-', ref)}"
    if not (tree / ".git").exists():
        git("worktree", "add", "--detach", str(tree), commit)
    elif git("rev-parse", "HEAD", cwd=tree) != commit:  # a branch name that has moved on
        git("checkout", "--detach", "--quiet", commit, cwd=tree)
    return tree


def build(tree: Path, site: Path) -> float:
    """build.py of `tree` into `site`, with its own plugins (the venv's editable install of
    helpcenter points at /work/main/plugins: PYTHONPATH goes first)."""
    env = {**os.environ, "PYTHONPATH": str(tree / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(tree / "build.py"), "build", "--site-dir", str(site)],
                          cwd=tree, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"building {tree} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


@dataclass
class Traffic:
    """What CDP's Network domain reported for one page: per request id."""

    urls: dict[str, str] = field(default_factory=dict)
    cached: set[str] = field(default_factory=set)
    encoded: dict[str, float] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)

    def listen(self, cdp: CDPSession) -> None:
        cdp.on("Network.requestWillBeSent", self.sent)
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self.received)
        cdp.on("Network.loadingFinished", lambda e: self.encoded.__setitem__(e["requestId"], e["encodedDataLength"]))
        cdp.on("Network.loadingFailed", lambda e: self.failed.add(e["requestId"]))

    def sent(self, event: dict[str, Any]) -> None:
        if event["request"]["url"].startswith("http"):
            self.urls[event["requestId"]] = event["request"]["url"]

    def received(self, event: dict[str, Any]) -> None:
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache") or response.get("fromServiceWorker"):
            self.cached.add(event["requestId"])

    def reset(self) -> None:
        self.urls.clear()
        self.cached.clear()
        self.encoded.clear()
        self.failed.clear()

    def summary(self) -> dict[str, float]:
        network = [rid for rid in self.urls if rid not in self.cached]
        return {"bytes": sum(self.encoded.get(rid, 0) for rid in self.urls),
                "requests": len(network), "from cache": len(self.urls) - len(network),
                "failed": len(self.failed & set(self.urls))}


class Loader:
    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.user_agent = PHONE_UA.format(major=browser.version.split(".")[0])

    def open(self, throttled: bool) -> tuple[BrowserContext, Page, CDPSession, Traffic]:
        context = self.browser.new_context(**PHONE, user_agent=self.user_agent)
        context.add_init_script(VITALS)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        cdp = context.new_cdp_session(page)
        traffic = Traffic()
        traffic.listen(cdp)
        cdp.send("Network.enable")
        if throttled:
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        return context, page, cdp, traffic

    def load(self, base: str, paths: list[str], throttled: bool = True) -> dict[str, Any]:
        """Load `paths` one after another in a new context; the metrics of the last one."""
        context, page, _cdp, traffic = self.open(throttled)
        try:
            for n, path in enumerate(paths):
                if n == len(paths) - 1:
                    traffic.reset()
                page.goto(base + path, wait_until="load")
                page.wait_for_load_state("networkidle")
            vitals: dict[str, Any] = page.evaluate("() => window.__vitals")
            result: dict[str, Any] = {**traffic.summary(), "LCP": vitals["lcp"], "FCP": vitals["fcp"],
                                      "lcp element": vitals["lcpElement"]}
            if result["failed"]:
                raise RuntimeError(f"{base}{paths[-1]}: {result['failed']} request(s) failed")
            return result
        finally:
            context.close()


def fmt(metric: str, value: float) -> str:
    if metric in ("LCP", "FCP"):
        return f"{value:.0f} ms"
    if metric == "bytes":
        return f"{value / 1024:.1f} KB"
    return f"{value:g}"


def cell(metric: str, values: list[float]) -> str:
    if not values:
        return "-"
    median = statistics.median(values)
    low, high = min(values), max(values)
    if fmt(metric, low) == fmt(metric, high):
        return fmt(metric, median)
    unit = {"LCP": " ms", "FCP": " ms", "bytes": " KB"}.get(metric, "")
    return f"{fmt(metric, median)} ({fmt(metric, low).removesuffix(unit)}–{fmt(metric, high)})"


def change(before: list[float], after: list[float]) -> str:
    if not before or not after:
        return "-"
    old, new = statistics.median(before), statistics.median(after)
    if old == new:
        return "="
    if old == 0:
        return f"+{new:g}"
    return f"{(new - old) / old * 100:+.1f}%"


def print_table(table: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for n, row in enumerate(table):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="throttled loads per page and site (default 5)")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE,
                        help="commit to compare with (default %(default)s)")
    parser.add_argument("--only-current", action="store_true", help="measure the work tree alone")
    args = parser.parse_args()
    started = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as scratch:
        trees = {"current": ROOT}
        if not args.only_current:
            trees = {"baseline": baseline_tree(args.baseline), "current": ROOT}
        urls: dict[str, str] = {}
        servers = []
        for name, tree in trees.items():
            site = Path(scratch) / name
            print(f"building {name} ({tree}) ...", file=sys.stderr, flush=True)
            seconds = build(tree, site)
            print(f"  built in {seconds:.1f} s", file=sys.stderr, flush=True)
            server, urls[name] = serve(site)
            servers.append(server)

        samples: dict[tuple[str, str], list[dict[str, Any]]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            loader = Loader(browser)
            for name in trees:  # warm-up: the server's caches, Chromium's code
                for _label, paths in PAGES:
                    loader.load(urls[name], paths, throttled=False)
            for run in range(args.runs):
                order = list(trees) if run % 2 == 0 else list(reversed(trees))
                for label, paths in PAGES:
                    for name in order:
                        result = loader.load(urls[name], paths)
                        samples.setdefault((label, name), []).append(result)
                        print(json.dumps({"run": run + 1, "page": label, "site": name,
                                          **{k: v for k, v in result.items() if k != "failed"}}),
                              file=sys.stderr, flush=True)
            browser.close()
        for server in servers:
            server.shutdown()

    names = list(trees)
    header = ["page", "metric", *(f"{n} ({args.baseline})" if n == "baseline" else n for n in names)]
    if len(names) == 2:
        header.append("change")
    table = [header]
    for label, paths in PAGES:
        for metric in METRICS:
            if metric == "from cache" and len(paths) == 1:
                continue  # a cold load has nothing in its cache
            values = {n: [s[metric] for s in samples[(label, n)] if s[metric] is not None] for n in names}
            row = [label, metric, *(cell(metric, values[n]) for n in names)]
            if len(names) == 2:
                row.append(change(values["baseline"], values["current"]))
            table.append(row)
    print(f"Phone on slow 4G ({SLOW_4G['latency']} ms, 1.6 Mbit/s down), {CPU_SLOWDOWN}x CPU, cold cache; "
          f"median (min–max) of {args.runs} loads; bytes = headers + gzip bodies")
    print_table(table)
    print(f"\ntook {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
