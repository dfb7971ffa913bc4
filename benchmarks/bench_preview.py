#!/usr/bin/env python3
"""Writer's preview benchmark: our `build.py serve` against `mkdocs serve` with Material and
`zensical serve`, on the same generated articles, in one run.

    .venv/bin/python benchmarks/bench_preview.py --articles 1000 [--articles 10000]
        [--edits 3] [--tools ours,material,zensical] [--zensical PATH] [--build | --build-only]

The articles are generated with words drawn Zipf-like from a real vocabulary
(generate_corpus.py --natural). For each size and tool: the time from starting the server to
the first article page (HTTP 200), then, for each kind of edit (a body, a title, front matter, a new article, a deleted
article, a renamed category), the time from the save to the page showing it (polled every
20 ms; `--edits` times each, on different articles: median and range). `--build` adds a full
build of each (time and peak memory, measured on a fresh process). Material is configured as
a 10,000-page site needs it (`navigation.prune`, its default search); Zensical reads the same
mkdocs.yml (`pip install zensical` in a venv of its own, then `--zensical PATH/zensical`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_corpus import generate  # noqa: E402

# Relative folders: Zensical (0.0.73) panics on absolute ones.
PLAIN_MATERIAL = """site_name: Plain Material
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
  features: [navigation.prune]
plugins:
  - search
markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]
"""

MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"seconds": time.perf_counter() - start, "returncode": done.returncode,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "stderr": done.stderr[-800:]}))
"""

EDITS = ["body", "title", "front matter", "new article", "deleted article", "renamed category"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (OSError, ValueError):
        return 0, ""


def until(condition: Callable[[], bool], timeout: float) -> float | None:
    """Seconds until ``condition`` holds (polled every 20 ms), None if it never did."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if condition():
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


class Tool:
    def __init__(self, name: str, command: Callable[[Path, Path, int], list[str]]) -> None:
        self.name, self.command = name, command


def tools(zensical: str | None) -> dict[str, Tool]:
    python = sys.executable
    found = {
        "ours": Tool("ours: build.py serve", lambda work, docs, port: [
            python, str(ROOT / "build.py"), "serve", "--docs-dir", str(docs), "--no-functions",
            "--dev-addr", f"127.0.0.1:{port}"]),
        "material": Tool("Material: mkdocs serve", lambda work, docs, port: [
            python, "-m", "mkdocs", "serve", "-f", str(work / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]),
    }
    if zensical:
        found["zensical"] = Tool("Zensical: zensical serve", lambda work, docs, port: [
            zensical, "serve", "-f", str(work / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"])
    return found


def articles_of(docs: Path) -> list[Path]:
    return sorted(p for p in docs.rglob("*.md") if p.name != "index.md" and p.parent != docs)


def url_of(docs: Path, path: Path) -> str:
    return path.relative_to(docs).with_suffix("").as_posix() + "/"


def run_edits(base: str, docs: Path, count: int, timeout: float) -> dict[str, list[float | None]]:
    """Each kind of edit `count` times, each on an article no other edit touched."""
    pool = articles_of(docs)
    folders = sorted({p.parent for p in pool})
    times: dict[str, list[float | None]] = {kind: [] for kind in EDITS}
    used = 0

    def take() -> Path:
        nonlocal used
        used += 7
        return pool[(used * 13) % len(pool)]

    for n in range(count):
        token = f"zqx{n}edit"
        article = take()
        article.write_text(article.read_text(encoding="utf-8") + f"\n{token}body paragraph.\n", encoding="utf-8")
        times["body"].append(until(lambda a=article, t=token: t + "body" in fetch(base + url_of(docs, a))[1], timeout))

        article = take()
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("title: ", f"title: {token}title ", 1), encoding="utf-8")
        times["title"].append(
            until(lambda a=article, t=token: t + "title" in fetch(base + url_of(docs, a))[1], timeout))

        article = take()
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("description: ", f"description: {token}meta ", 1), encoding="utf-8")
        times["front matter"].append(
            until(lambda a=article, t=token: t + "meta" in fetch(base + url_of(docs, a))[1], timeout))

        new = folders[n % len(folders)] / f"new-article-{n}.md"
        new.write_text(f"---\ntitle: {token}new article\ndescription: A new one.\n---\n\nIts text.\n", encoding="utf-8")
        times["new article"].append(
            until(lambda a=new, t=token: t + "new" in fetch(base + url_of(docs, a))[1], timeout))

        article = take()
        article.unlink()
        times["deleted article"].append(
            until(lambda a=article: fetch(base + url_of(docs, a))[0] == 404, timeout))

        folder = folders[(n * 3 + 1) % len(folders)]
        moved = folder.with_name(f"{folder.name}-renamed{n}")
        folder.rename(moved)
        folders[(n * 3 + 1) % len(folders)] = moved
        some = next(p for p in sorted(moved.glob("*.md")) if p.name != "index.md")
        pool = articles_of(docs)
        times["renamed category"].append(
            until(lambda a=some: fetch(base + url_of(docs, a))[0] == 200, timeout))
    return times


def measure_serve(tool: Tool, articles: int, edits: int, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as folder:
        work = Path(folder)
        docs = generate(work / "docs", articles, natural=True)
        (work / "mkdocs.yml").write_text(PLAIN_MATERIAL, encoding="utf-8")
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        first = url_of(docs, articles_of(docs)[0])
        started = time.perf_counter()
        server = subprocess.Popen(tool.command(work, docs, port), cwd=work, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            first_page = until(lambda: fetch(base + first)[0] == 200, timeout)
            if first_page is None:
                return {"first_page": None, "edits": {}}
            first_page = time.perf_counter() - started
            time.sleep(1.0)  # let a server settle (a first rebuild some trigger on start)
            return {"first_page": first_page, "edits": run_edits(base, docs, edits, timeout)}
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def measure_build(name: str, articles: int, zensical: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-build-") as folder:
        work = Path(folder)
        docs = generate(work / "docs", articles, natural=True)
        (work / "mkdocs.yml").write_text(PLAIN_MATERIAL, encoding="utf-8")
        command = {
            "ours": [sys.executable, str(ROOT / "build.py"), "build", "--docs-dir", str(docs), "--site-dir",
                     str(work / "site")],
            "material": [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml")],
            "zensical": [zensical or "zensical", "build", "-f", str(work / "mkdocs.yml")],
        }[name]
        done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, cwd=work)
        result = json.loads(done.stdout)
        site = work / "site"
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) if site.exists() else 0
        return {**result, "site_mb": size / 1e6}


def spread(values: list[float | None]) -> str:
    seen = [v for v in values if v is not None]
    if not seen:
        return "never"
    missed = f", {len(values) - len(seen)} never" if len(seen) < len(values) else ""
    return f"{statistics.median(seen):.2f} s ({min(seen):.2f}-{max(seen):.2f}{missed})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, action="append", help="default: 1000")
    parser.add_argument("--edits", type=int, default=3, help="edits of each kind (default 3)")
    parser.add_argument("--tools", default="ours,material,zensical")
    parser.add_argument("--zensical", default=shutil.which("zensical"), help="the zensical command")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds to wait for one page")
    parser.add_argument("--build", action="store_true", help="also a full build of each")
    parser.add_argument("--build-only", action="store_true", help="the full builds alone (no preview)")
    args = parser.parse_args()
    args.build = args.build or args.build_only
    available = tools(args.zensical)
    chosen = [name for name in args.tools.split(",") if name in available]
    if "zensical" in args.tools and "zensical" not in available:
        print("zensical: not found (pip install zensical in a venv, then --zensical PATH)", file=sys.stderr)
    for articles in args.articles or [1000]:
        print(f"\n### {articles:,} articles\n")
        header = ["", *[available[name].name for name in chosen]]
        rows: list[list[str]] = [["first page"], *[[f"save to page: {kind}"] for kind in EDITS]]
        builds: list[list[str]] = [["full build"], ["peak memory"], ["site size"]]
        for name in chosen:
            print(f"... {available[name].name}", file=sys.stderr)
            if not args.build_only:
                result = measure_serve(available[name], articles, args.edits, args.timeout)
                rows[0].append(f"{result['first_page']:.1f} s" if result["first_page"] is not None else "never")
                for number, kind in enumerate(EDITS, start=1):
                    rows[number].append(spread(result["edits"].get(kind, [])))
            if args.build:
                built = measure_build(name, articles, args.zensical)
                ok = built["returncode"] == 0
                builds[0].append(f"{built['seconds']:.1f} s" if ok else f"failed: {built['stderr'][-200:]}")
                builds[1].append(f"{built['peak_kb'] / 1024:.0f} MB")
                builds[2].append(f"{built['site_mb']:.0f} MB")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in ([] if args.build_only else rows) + (builds if args.build else []):
            print("| " + " | ".join(row) + " |")
    print("\nSave to page: median (range) over the edits; 'never': not shown within --timeout.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
