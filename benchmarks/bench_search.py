#!/usr/bin/env python3
"""Search benchmark: our tiered, sharded lunr search vs Material for MkDocs' search vs Pagefind.

    .venv/bin/pip install -e '.[bench]'        # Pagefind (extended: CJK) and jieba, from PyPI
    .venv/bin/python benchmarks/bench_search.py [--sizes 1000,10000] [--skip-slow]
    .venv/bin/python benchmarks/bench_search.py --relevance-only   # the 8 languages' relevance

For each corpus (the FastAPI docs in en, es, fr, de, pt, ja, zh and ru; generated 1,000 and
10,000 articles) it builds the site three ways in this run: with build.py, with plain Material
for MkDocs (its search plugin, set up for the corpus' language: see material_config), and
Pagefind run on the Material site (it reads the language from <html lang>; its extended
binary, which the bench extra installs, segments Chinese and Japanese). Then it drives each
site in headless Chromium on loopback, unthrottled and with 4x CPU throttling plus a slow-3G
network (400 ms latency, 400 kbit/s), typing the corpus' first question as soon as
DOMContentLoaded fires. The sites are served as Netlify serves them: HTTP/2 over TLS, gzip
(benchmarks/h2server.mjs, with a throwaway certificate from openssl); --http1 serves them
with Python's HTTP/1.1 server instead, where a page's requests queue for six connections.
It prints:

* bytes the server sent (gzip, as Netlify serves) before the first results appear, from the
  server's own log (worker requests do not show up in the page), and how many of them were
  search data or code;
* the cold wait from the first keystroke to the first results, clocked inside the page with
  performance.now(): the median of --cold-runs fresh page loads (one is too noisy on two
  cores), with their range; p50/p95 of later queries the same way;
* build time and peak memory (the whole build; Pagefind's on top of Material's);
* hit@5 / MRR@5 on tests/search_relevance.yml where the corpus has queries, one row per
  corpus (--relevance-only: this table alone, without the timed runs or generated corpora).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))
from bench_build import PLAIN_MATERIAL, folder_size, measure  # noqa: E402
from generate_corpus import generate  # noqa: E402

from tests.localserver import NetlifyLikeHandler  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
TIMEOUT_MS = 120_000
FASTAPI_LANGUAGES = ("en", "es", "fr", "de", "pt", "ja", "zh", "ru")
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".pf_meta", ".txt", ".xml")

# In-page clock: the first input event after arming starts it, the first result stops it (or,
# given Material's "no matching documents" text, that text on its count line: an answer too).
# The driver then awaits `__clock.done`, a promise: Playwright's wait_for_function would
# inject its selector engine into the page and poll on every frame, and on two cores that
# work lands inside the window being clocked (about 40 ms on our first result, measured).
CLOCK = """
window.__clock = {selector: null, t0: null, t1: null};
window.__armClock = (selector, none = null) => {
  window.__clock = {selector, none, t0: null, t1: null};
  window.__clock.done = new Promise((resolve) => { window.__clock.resolve = resolve; });
};
document.addEventListener("input", () => {
  const c = window.__clock; if (c.selector && c.t0 === null) c.t0 = performance.now();
}, true);
new MutationObserver(() => {
  const c = window.__clock;
  const answered = () => document.querySelector(c.selector) || (c.none !== null &&
    document.querySelector(".md-search-result__meta")?.textContent.trim() === c.none);
  if (c.selector && c.t0 !== null && c.t1 === null && answered()) {
    c.t1 = performance.now();
    c.t1wall = Date.now(); // the server's log uses the same wall clock (timeOrigin may drift from it)
    c.resolve();
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""
AWAIT_RESULT = """ms => Promise.race([
  window.__clock.done.then(() => [__clock.t0, __clock.t1, __clock.t1wall]),
  new Promise((_, reject) => setTimeout(() => reject(new Error(`Timeout ${ms} ms: no result`)), ms)),
])"""
# Resolves once the results list has not changed, and no download has ended, for `ms`.
QUIET = """ms => new Promise((resolve) => {
  let timer;
  const observers = [];
  const again = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { observers.forEach((o) => o.disconnect()); resolve(); }, ms);
  };
  const list = new MutationObserver(again);
  list.observe(document.querySelector(".hc-results"), {subtree: true, childList: true, attributes: true,
                                                        characterData: true});
  const downloads = new PerformanceObserver(again);
  downloads.observe({type: "resource"});
  observers.push(list, downloads);
  again();
})"""
# The text of Material's count line ("Type to start searching", "3 matching documents", ...).
MATERIAL_META = "() => document.querySelector('.md-search-result__meta').textContent.trim()"
# Material's texts in the page's language: {"search.result.placeholder": ..., "search.result.none": ...}.
MATERIAL_TEXTS = '() => JSON.parse(document.getElementById("__config").textContent).translations'
PAGEFIND_QUERY = """async (q) => {
  const t0 = performance.now();
  window.__pagefind = window.__pagefind || await import("/pagefind/pagefind.js");
  const found = await window.__pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
  return {ms: performance.now() - t0, end: Date.now(),
          urls: data.map((d) => d.url)};
}"""


class LoggingHandler(NetlifyLikeHandler):
    """Serves gzip like Netlify (compressed once, kept in memory, over keep-alive
    connections, so the server is not what the browser waits for) and logs (time, path,
    bytes on the wire) per response."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once, no delayed-ACK stall
    log: ClassVar[list[tuple[float, str, int]]] = []
    cache: ClassVar[dict[str, tuple[bytes, str, bool]]] = {}

    def do_GET(self) -> None:
        started = time.time()
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if not Path(path).is_file():
            self.send_error(404)
            self.log.append((started, self.path, 0))
            return
        if path not in self.cache:
            raw = Path(path).read_bytes()
            compress = path.endswith(COMPRESSIBLE)
            self.cache[path] = (gzip.compress(raw, 6) if compress else raw, self.guess_type(path), compress)
        body, content_type, compressed = self.cache[path]
        headers = {"Content-Type": content_type}
        if compressed and "gzip" in self.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
        elif compressed:
            body = gzip.decompress(body)
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.log.append((started, self.path, len(body)))


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the browser dropping a connection when a page closes is not news


def serve(site: Path) -> tuple[ThreadingHTTPServer, list, str]:
    log: list[tuple[float, str, int]] = []
    handler = type("Handler", (LoggingHandler,), {"log": log, "cache": {}})
    server = QuietServer(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, log, f"http://127.0.0.1:{server.server_address[1]}/"


class H2Server:
    """benchmarks/h2server.mjs on a site: HTTP/2 + TLS + gzip, its log read line by line."""

    def __init__(self, site: Path, certificate: tuple[Path, Path]) -> None:
        import subprocess

        self.log: list[tuple[float, str, int]] = []
        self.process = subprocess.Popen(
            ["node", str(ROOT / "benchmarks" / "h2server.mjs"), str(site), *map(str, certificate)],
            stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().split()[1]
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            started, path, size = json.loads(line)
            self.log.append((started, path, size))

    def shutdown(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def certificate(folder: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate for 127.0.0.1 (Chromium speaks HTTP/2 only over TLS)."""
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    return cert, key


def is_search_request(path: str) -> bool:
    return any(part in path for part in ("/search/", "lunr", "/vendor/", "/pagefind/", "workers/search",
                                          "/helpcenter/search", "/helpcenter/helpcenter.js",
                                          "/helpcenter/strings.js", "/helpcenter/text/", "/common/text.js"))


class Runner:
    def __init__(self, browser, focus_lead_ms: int = 0):
        self.browser = browser
        self.focus_lead_ms = focus_lead_ms

    def page(self, throttled: bool):
        context = self.browser.new_context(viewport={"width": 1280, "height": 900}, ignore_https_errors=True)
        context.add_init_script(CLOCK)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        if throttled:
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        return context, page

    def typed(self, page, box: str, result: str, query: str, none: str | None = None) -> tuple[float, float]:
        """Enter `query` into `box`; (ms from its input event to the first `result`, or to the
        `none` text on Material's count line, epoch ms then)."""
        page.evaluate("([s, n]) => window.__armClock(s, n)", [result, none])
        page.focus(box)
        if self.focus_lead_ms:
            page.wait_for_timeout(self.focus_lead_ms)  # a reader who clicks, then types
        # The whole question lands as one input event (a fast typist, or a paste), then a key
        # press for search boxes that listen to key events.
        page.keyboard.insert_text(query)
        page.keyboard.press("End")
        t0, t1, wall = page.evaluate(AWAIT_RESULT, TIMEOUT_MS)
        return t1 - t0, wall

    def clear(self, page, box: str, result: str, placeholder: str | None = None) -> None:
        page.fill(box, "")
        page.wait_for_function("s => !document.querySelector(s)", arg=result)
        if placeholder is not None:  # Material: its count line back to the placeholder
            page.wait_for_function(f"t => ({MATERIAL_META})() === t", arg=placeholder)
        page.wait_for_timeout(100)  # a reader's pause before the next question

    def engine(self, kind: str, url: str, query: str, later: list[str], throttled: bool, log: list) -> dict:
        context, page = self.page(throttled)
        try:
            started = time.time()
            page.goto(url, wait_until="domcontentloaded")
            if kind == "pagefind":
                first = page.evaluate(PAGEFIND_QUERY, query)
                cold, end = first["ms"], first["end"]
                times = [page.evaluate(PAGEFIND_QUERY, q)["ms"] for q in later]
            else:
                box, result = (("#hc-q", ".hc-results [role=option]") if kind == "ours" else
                               ("input.md-search__input", ".md-search-result__item"))
                # Material finds nothing for some questions (unsegmented Japanese): its "no
                # matching documents" is its answer then.
                texts = page.evaluate(MATERIAL_TEXTS) if kind == "material" else {}
                none, placeholder = texts.get("search.result.none"), texts.get("search.result.placeholder")
                cold, end = self.typed(page, box, result, query, none)
                times = []
                for q in later:
                    self.clear(page, box, result, placeholder)
                    times.append(self.typed(page, box, result, q, none)[0])
            before = [(path, size) for t, path, size in log if started <= t <= end / 1000]
            if kind == "pagefind":
                # Pagefind runs on the Material site, which fetches Material's own index as it
                # loads: a site using Pagefind would not, so those requests do not count.
                before = [(p, s) for p, s in before if "search_index.json" not in p and "workers/search" not in p]
            return {"cold": cold, "bytes": sum(s for _, s in before),
                    "search_bytes": sum(s for p, s in before if is_search_request(p)),
                    "p50": statistics.median(times) if times else None,
                    "p95": sorted(times)[max(0, int(len(times) * 0.95) - 1)] if times else None}
        except Exception as error:  # a timeout under throttling is a result, not a crash
            return {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:80]}"}
        finally:
            context.close()

    def top5(self, kind: str, url: str, queries: list[str]) -> list[list[str]]:
        context, page = self.page(False)
        answers = []
        try:
            page.goto(url, wait_until="domcontentloaded")
            placeholder = self.material_ready(page) if kind == "material" else ""
            for q in queries:
                if kind == "pagefind":
                    answers.append(page.evaluate(PAGEFIND_QUERY, q)["urls"])
                    continue
                if kind == "material":
                    answers.append(self.material_answer(page, q, placeholder))
                    continue
                box, result, link = "#hc-q", ".hc-results [role=option]", ".hc-results a[role=option]"
                self.clear(page, box, result)
                self.typed(page, box, result, q)
                # The full-text pass that follows the first answer may reorder it: its answer
                # is the one to score. (wait_for_load_state("networkidle") returns at once
                # once the page has been idle, so it is no sign of that pass being done.)
                page.evaluate(QUIET, 800)
                hrefs = page.eval_on_selector_all(link, "els => els.map(e => e.href)")
                answers.append(hrefs)
        finally:
            context.close()
        return answers

    def material_answer(self, page, query: str, placeholder: str) -> list[str]:
        """Material's links for `query`, or none: a question it finds nothing for shows no
        result item (waiting for one would time out), only its count line saying so. That line
        shows `placeholder` while the box is empty, and changes once the answer (any number of
        results) is on screen."""
        box = "input.md-search__input"
        page.fill(box, "")
        page.wait_for_function(f"t => ({MATERIAL_META})() === t", arg=placeholder)
        page.wait_for_timeout(100)
        page.focus(box)
        page.keyboard.insert_text(query)
        page.keyboard.press("End")
        page.wait_for_function(f"t => ({MATERIAL_META})() !== t", arg=placeholder)
        page.wait_for_timeout(150)
        return page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                         "els => els.map(e => e.href)")

    @staticmethod
    def material_ready(page) -> str:
        """Wait for Material's index: its count line says "Initializing search" until then, and
        then its placeholder (in the page's language, from the page's own translations)."""
        placeholder = page.evaluate(MATERIAL_TEXTS)["search.result.placeholder"]
        page.focus("input.md-search__input")
        page.wait_for_function(f"t => ({MATERIAL_META})() === t", arg=placeholder)
        return placeholder


def relative(url: str, base: str) -> str:
    path = url.split("#")[0].replace(base, "/")
    return path.removeprefix("/").removesuffix("index.html")


def relevance(runner: Runner, kind: str, url: str, entries: list[dict], show: bool = False) -> tuple[float, float]:
    answers = runner.top5(kind, url, [e["q"] for e in entries])
    hits = rr = 0.0
    for entry, hrefs in zip(entries, answers, strict=True):
        urls = []
        for href in hrefs:
            page = relative(href, url)
            if page not in urls and "search/?q=" not in page and page != "contact/":
                urls.append(page)
        expected = {p.removesuffix(".md").removesuffix("index").rstrip("/") + "/" for p in entry["expect"]}
        ranks = [i for i, u in enumerate(urls[:5], 1) if u in expected]
        hits += bool(ranks)
        rr += 1 / ranks[0] if ranks else 0
        if show:
            print(json.dumps({"engine": kind, "q": entry["q"], "rank": ranks[0] if ranks else None,
                              "top5": urls[:5]}, ensure_ascii=False), file=sys.stderr)
    return hits / len(entries), rr / len(entries)


def material_config(docs: Path, site: Path, lang: str) -> str:
    """Plain Material set up for `lang` as its documentation says: theme.language (its search
    separator and pipeline for the language, and <html lang>, which Pagefind reads) and the
    search plugin's `lang` (its lunr-languages stemmer; Japanese: lunr.ja with TinySegmenter).
    Chinese has no `lang` of its own in Material (its zh language file names none, so the
    search keeps its default): it segments Chinese at build time with jieba, when installed."""
    search = "  - search\n" if lang == "zh" else f"  - search:\n      lang: {lang}\n"
    return (PLAIN_MATERIAL.format(docs=docs, site=site).replace("  - search\n", search)
            .replace("  font: false\n", f"  font: false\n  language: {lang}\n"))


def build_all(name: str, docs: Path, lang: str, out: Path) -> dict:
    ours, material = out / f"{name}-ours", out / f"{name}-material"
    built = {"ours": measure([sys.executable, str(ROOT / "build.py"), "build", "--docs-dir", str(docs),
                              "--site-dir", str(ours), "--lang", lang])}
    config = out / f"{name}-material.yml"
    plain = material_config(docs, material, lang)
    if sum(1 for _ in docs.rglob("*.md")) > 2000:
        # Plain Material repeats the whole navigation on every page: 10,000 articles would
        # make a site of tens of GB in hours. Its own navigation.prune feature keeps that
        # in bounds and changes nothing in its search.
        plain = plain.replace("  font: false\n", "  font: false\n  features: [navigation.prune]\n")
    config.write_text(plain)
    built["material"] = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)])
    built["pagefind"] = measure([sys.executable, "-m", "pagefind", "--site", str(material)])
    built["sizes"] = {"ours": folder_size(ours / "search"),
                      "material": (material / "search/search_index.json").stat().st_size,
                      "pagefind": folder_size(material / "pagefind")}
    built["sites"] = {"ours": ours, "material": material, "pagefind": material}
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="generated corpus sizes")
    parser.add_argument("--skip-slow", action="store_true", help="no throttled runs")
    parser.add_argument("--later", type=int, default=15, help="later queries per run")
    parser.add_argument("--cold-runs", type=int, default=5,
                        help="cold loads per engine and network (median shown; runs over 5 s are not repeated)")
    parser.add_argument("--focus-lead", type=int, default=0,
                        help="ms between focusing the box and the question (default 0: at once)")
    parser.add_argument("--no-fastapi", action="store_true", help="only the generated corpora")
    parser.add_argument("--languages", default=",".join(FASTAPI_LANGUAGES),
                        help="FastAPI corpora to run, by language (default: %(default)s)")
    parser.add_argument("--answers", action="store_true",
                        help="print each question's top 5 per engine (stderr), with the expected page's rank")
    parser.add_argument("--relevance-only", action="store_true",
                        help="only build the FastAPI corpora and score relevance (no timed runs, "
                             "no generated corpora)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "fastapi",
                        help="the FastAPI corpus, a folder per language (default: %(default)s)")
    parser.add_argument("--http1", action="store_true",
                        help="serve with Python's HTTP/1.1 server instead of HTTP/2 (as Netlify serves)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    relevance_set = yaml.safe_load((ROOT / "tests/search_relevance.yml").read_text(encoding="utf-8"))
    corpus = args.corpus
    languages = [code for code in args.languages.split(",") if code]
    corpora = [] if args.no_fastapi else [(f"fastapi-{code}", corpus / code, code) for code in languages]
    if any(code == "zh" for _, _, code in corpora) and importlib.util.find_spec("jieba") is None:
        print("jieba is not installed: Material will not segment Chinese (pip install -e '.[bench]')",
              file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as scratch:
        out = Path(scratch)
        for size in [] if args.relevance_only else [int(s) for s in args.sizes.split(",") if s]:
            corpora.append((f"generated-{size}", generate(out / f"docs-{size}", size), "en"))
        rows, relevance_rows = [], []
        tls = None if args.http1 else certificate(out)
        if not args.http1 and tls is None:
            print("openssl not found: serving over HTTP/1.1", file=sys.stderr)
        print(f"serving over {'HTTP/2 + TLS' if tls else 'HTTP/1.1'}", file=sys.stderr)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=[*CHROMIUM_ARGS, "--ignore-certificate-errors"])
            runner = Runner(browser, args.focus_lead)
            for name, docs, lang in corpora:
                print(f"building {name} ...", file=sys.stderr)
                built = build_all(name, docs, lang, out)
                entries = [e for group in relevance_set.values() for e in group if e["corpus"] == name]
                queries = [e["q"] for e in entries] or [
                    "how do I import the calendar feed", "refund a deposit", "cleaning checklist",
                    "connect airbnb listing", "owner statement", "guest message template"]
                first, later = queries[0], queries[1:1 + args.later]
                for kind in ("ours", "material", "pagefind"):
                    if tls:
                        server = H2Server(built["sites"][kind], tls)
                        log, url = server.log, server.url
                    else:
                        server, log, url = serve(built["sites"][kind])
                    profiles = [] if args.relevance_only else ["fast"] if args.skip_slow else ["fast", "slow"]
                    for profile in profiles:
                        print(f"  {kind} {profile}", file=sys.stderr)
                        result = runner.engine(kind, url, first, later if profile == "fast" else later[:3],
                                               profile == "slow", log)
                        # One cold load is one sample of a noisy two-core machine: repeat it
                        # (fresh browser context each time) and keep the median and range.
                        colds = [result.get("cold")]
                        while "error" not in result and len(colds) < args.cold_runs and colds[0] < 5000:
                            again = runner.engine(kind, url, first, [], profile == "slow", log)
                            if "error" in again:
                                break
                            colds.append(again["cold"])
                        if "error" not in result:
                            result["cold_runs"] = colds
                            result["cold"] = statistics.median(colds)
                        rows.append((name, kind, profile, result, built[kind], built["sizes"][kind]))
                        print(json.dumps([name, kind, profile, result]), file=sys.stderr, flush=True)
                    if entries:
                        score = relevance(runner, kind, url, entries, args.answers)
                        relevance_rows.append((name, kind, len(entries), score))
                        print(json.dumps(relevance_rows[-1]), file=sys.stderr, flush=True)
                    server.shutdown()
            browser.close()
    print_tables(rows, relevance_rows)


def print_tables(rows: list, relevance_rows: list) -> None:
    if rows:
        print_speed_table(rows)
        print()
    engines = ("ours", "material", "pagefind")
    scores: dict[str, dict[str, tuple[float, float]]] = {}
    counts: dict[str, int] = {}
    for name, kind, count, score in relevance_rows:
        scores.setdefault(name, {})[kind] = score
        counts[name] = count
    table = [["corpus", "questions", *(f"{kind} hit@5 / MRR@5" for kind in engines)]]
    for name, by_kind in scores.items():
        table.append([name, str(counts[name]), *(f"{by_kind[k][0]:.2f} / {by_kind[k][1]:.2f}" if k in by_kind
                                                   else "-" for k in engines)])
    print_table(table)


def print_speed_table(rows: list) -> None:
    def kb(n: float) -> str:
        return f"{n / 1024:.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"

    header = ["corpus", "search", "network", "bytes before 1st result (search part)", "cold wait: median (range)",
              "later p50 / p95", "build", "peak mem", "search files"]
    table = [header]
    for name, kind, profile, r, build, size in rows:
        if "error" in r:
            cells = [r["error"], "-", "-"]
        else:
            later = f"{r['p50']:.0f} / {r['p95']:.0f} ms" if r["p50"] is not None else "-"
            runs = r.get("cold_runs") or [r["cold"]]
            spread = f" ({min(runs):.0f}–{max(runs):.0f})" if len(runs) > 1 else ""
            cells = [f"{kb(r['bytes'])} ({kb(r['search_bytes'])})", f"{r['cold']:.0f} ms{spread}", later]
        table.append([name, kind, "unthrottled" if profile == "fast" else "4x CPU + slow 3G", *cells,
                      f"{build['seconds']:.1f} s", f"{build['peak_kb'] / 1024:.0f} MB", kb(size)])
    print_table(table)


def print_table(table: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in table) for i in range(len(table[0]))]
    for n, row in enumerate(table):
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    main()
