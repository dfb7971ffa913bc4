#!/usr/bin/env python3
"""Build benchmark: our help center vs plain Material for MkDocs on the same articles.

    .venv/bin/python benchmarks/bench_build.py [--articles 1000]

For the sample help center and a generated site of N articles, builds each with build.py and
with a plain Material for MkDocs configuration (its default search plugin, whole-site
navigation), in this run, and prints build time, peak memory, site size and the size of one
article page.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_corpus import generate  # noqa: E402

# Runs a command in a fresh process so that RUSAGE_CHILDREN is that one command's peak.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"seconds": time.perf_counter() - start, "returncode": done.returncode,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "stderr": done.stderr[-2000:]}))
"""

PLAIN_MATERIAL = """site_name: Plain Material
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions: [admonition, attr_list, md_in_html, tables, toc, pymdownx.details,
  pymdownx.superfences]
"""


def measure(command: list[str]) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                            text=True, check=True, cwd=ROOT,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    data = json.loads(result.stdout)
    if data["returncode"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{data['stderr']}")
    return data


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def row(name: str, tool: str, data: dict, site: Path, article: str) -> list[str]:
    pages = sum(1 for _ in site.rglob("*.html"))
    return [name, tool, f"{data['seconds']:.1f} s", f"{data['peak_kb'] / 1024:.0f} MB",
            f"{folder_size(site) / 1e6:.1f} MB", str(pages),
            f"{(site / article / 'index.html').stat().st_size / 1024:.0f} KB"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        tmp = Path(scratch)
        generated = generate(tmp / f"generated-{args.articles}", args.articles)
        corpora = [
            ("sample (39 articles)", ROOT / "docs" / "en", "calendar-sync/import-ical-feed", []),
            (f"generated ({args.articles})", generated, "channels-1/article-3",
             ["--docs-dir", str(generated)]),
        ]
        for name, docs, article, docs_args in corpora:
            ours = tmp / f"ours-{docs.name}"
            data = measure([sys.executable, str(ROOT / "build.py"), "build", *docs_args,
                            "--site-dir", str(ours)])
            rows.append(row(name, "help center", data, ours, article))
            plain = tmp / f"plain-{docs.name}"
            config = tmp / f"plain-{docs.name}.yml"
            config.write_text(PLAIN_MATERIAL.format(docs=docs, site=plain))
            data = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)])
            rows.append(row(name, "plain Material", data, plain, article))
    header = ["corpus", "built with", "build time", "peak memory", "site size", "HTML pages",
              "one article page"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for line in [header, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |")


if __name__ == "__main__":
    main()
