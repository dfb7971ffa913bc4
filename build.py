#!/usr/bin/env python3
"""The help center's single entry point: build, serve, check and scaffold articles.

    python build.py build                 strict build of docs/ into site/
    python build.py serve                 live preview at http://127.0.0.1:8000
    python build.py check                 every validation, without building
    python build.py new CATEGORY "Title"  scaffold an article with front matter

Run ``python build.py COMMAND --help`` for the options of each command.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

# Material prints a multi-line end-of-life banner on import; our users are writers, not us.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOT = Path(__file__).resolve().parent
DEFAULT_CONFIG = ROOT / "mkdocs.yml"


class _ProblemFormatter(logging.Formatter):
    """Problems print as ``file:line: message``; everything else as mkdocs prints it."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == "mkdocs.plugins.helpcenter":
            return record.getMessage()
        return f"{record.levelname:<8}-  {record.getMessage()}"


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_ProblemFormatter())
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def _config_overrides(args: argparse.Namespace) -> dict[str, str]:
    overrides = {}
    if getattr(args, "docs_dir", None):
        overrides["docs_dir"] = str(Path(args.docs_dir).resolve())
    if getattr(args, "site_dir", None):
        overrides["site_dir"] = str(Path(args.site_dir).resolve())
    return overrides


def _language(args: argparse.Namespace) -> None:
    if getattr(args, "lang", None):
        os.environ["HELPCENTER_LANG"] = args.lang


def _strictness(args: argparse.Namespace) -> None:
    """A folder written for another site is checked leniently unless --strict says otherwise."""
    if args.strict is None:
        args.strict = not getattr(args, "docs_dir", None)
    os.environ["HELPCENTER_STRICT"] = "true" if args.strict else "false"
    _language(args)


def _load(args: argparse.Namespace, command: str):
    from mkdocs.config import load_config

    config = load_config(config_file=str(args.config_file), **_config_overrides(args))
    config.plugins.on_startup(command=command, dirty=False)
    return config


def cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError

    _strictness(args)
    try:
        config = _load(args, "build")
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    print(f"built {config.site_dir}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from helpcenter.plugin import ChecksPassed
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError

    _strictness(args)
    with tempfile.TemporaryDirectory(prefix="helpcenter-check-") as scratch:
        args.site_dir = scratch  # validation renders Markdown but writes no site
        try:
            config = _load(args, "build")
            config.plugins["helpcenter"].check_only = True
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except ChecksPassed:
            pages = len(config.plugins["helpcenter"].catalog.articles)
            print(f"check passed: {pages} articles, no problems", file=sys.stderr)
            return 0
        except (Abort, ConfigurationError) as error:
            print(f"check failed: {error}", file=sys.stderr)
            return 1
    return 1  # unreachable unless the plugin is disabled


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    _strictness(args)
    # While previewing, problems are listed in the terminal and on the pages, and the
    # preview keeps running so the writer can fix them and watch the page reload.
    os.environ["HELPCENTER_PREVIEW"] = "true"
    dev_addr = args.dev_addr
    functions = None
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so the function server stops too
    if not args.no_functions:
        # The contact form's functions answer on the public address, in front of the preview.
        host, _, port = args.dev_addr.rpartition(":")
        dev_addr = f"{host}:{_free_port(host)}"
        functions = _start_functions(host, int(port), f"http://{dev_addr}")
    try:
        serve(config_file=str(args.config_file), dev_addr=dev_addr, livereload=True,
              **_config_overrides(args))
    finally:
        if functions and functions.poll() is None:
            functions.terminate()
    return 0


def _free_port(host: str) -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _start_functions(host: str, port: int, preview_url: str):
    """netlify/dev/server.mjs (functions + Blobs' local server) on `port`, proxying pages to
    the preview. It starts once the first build has written the form schema it imports."""
    import shutil
    import subprocess
    import threading
    import time

    server = ROOT / "netlify" / "dev" / "server.mjs"
    if not shutil.which("node") or not (ROOT / "node_modules" / "@netlify" / "blobs").is_dir():
        print("warning: Node or its packages are missing (run scripts/setup.sh): serving pages only, "
              "the contact form will not send", file=sys.stderr)
        return None
    schema = ROOT / "netlify" / "lib" / "form-schema.json"
    holder: dict[str, subprocess.Popen] = {}

    def start() -> None:
        deadline = time.monotonic() + 300
        while not schema.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        holder["process"] = subprocess.Popen(
            ["node", str(server), "--host", host, "--port", str(port), "--proxy", preview_url,
             "--blobs", str(ROOT / ".netlify" / "blobs-local"), "--exit-with", str(os.getpid())], cwd=ROOT)

    threading.Thread(target=start, daemon=True).start()
    print(f"help center with its contact function: http://{host}:{port}/", file=sys.stderr)

    class Handle:
        def poll(self) -> int | None:
            process = holder.get("process")
            return process.poll() if process else None

        def terminate(self) -> None:
            if "process" in holder:
                holder["process"].terminate()

    return Handle()


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "article"


def cmd_new(args: argparse.Namespace) -> int:
    import yaml

    docs = Path(args.docs_dir or ROOT / "docs")
    category = docs / args.category
    if not category.is_dir():
        if not args.create_category:
            known = ", ".join(sorted(p.name for p in docs.iterdir() if p.is_dir()))
            print(f"error: no category folder '{args.category}' in {docs} (known: {known}); "
                  "use --create-category to start a new one", file=sys.stderr)
            return 2
        category.mkdir(parents=True)
        (category / "index.md").write_text(
            "---\n" + yaml.safe_dump({"title": args.category.replace("-", " ").capitalize(),
                                      "description": "TODO: one sentence about this category."},
                                     sort_keys=False, allow_unicode=True) + "---\n")
    target = category / f"{args.slug or slugify(args.title)}.md"
    if target.exists():
        print(f"error: {target} already exists", file=sys.stderr)
        return 2
    orders = [_front_matter_order(path) for path in category.glob("*.md") if path.name != "index.md"]
    front = {
        "title": args.title,
        "description": args.description or f"TODO: one sentence on what '{args.title}' helps with.",
        "keywords": [k.strip() for k in (args.keywords or "").split(",") if k.strip()],
        "order": max((o for o in orders if o is not None), default=0) + 1,
    }
    body = (
        "Say in one or two sentences what the reader will achieve.\n\n"
        "## Before you start\n\nWhat they need first.\n\n"
        "## Steps\n\n1. Open **Settings › …**.\n2. …\n\n"
        "## What happens next\n\nWhat they should see, and what to do if they don't.\n"
    )
    target.write_text("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
                      + "---\n\n" + body, encoding="utf-8")
    print(target)
    return 0


def _front_matter_order(path: Path) -> int | None:
    from helpcenter.frontmatter import parse_front_matter

    order = parse_front_matter(path.read_text(encoding="utf-8"), str(path)).meta.get("order")
    return order if isinstance(order, int) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def site_options(sub: argparse.ArgumentParser, site_dir: bool = True) -> None:
        sub.add_argument("-f", "--config-file", type=Path, default=DEFAULT_CONFIG,
                         help="mkdocs.yml to use (default: %(default)s)")
        sub.add_argument("--docs-dir", help="folder of Markdown to build instead of docs/ "
                         "(checked leniently unless --strict)")
        if site_dir:
            sub.add_argument("--site-dir", help="where to write the site (default: site/)")
        sub.add_argument("--lang", help="language of the articles, for search and the theme "
                         "(default: mkdocs.yml's, en); e.g. --lang es")
        strictness = sub.add_mutually_exclusive_group()
        strictness.add_argument("--strict", dest="strict", action="store_true", default=None,
                                help="unknown front matter keys and broken links are errors")
        strictness.add_argument("--lenient", dest="strict", action="store_false",
                                help="report unknown keys and broken links as warnings")
        sub.add_argument("-v", "--verbose", action="store_true", help="show debug output")

    build_parser = commands.add_parser(
        "build", help="build the site (strict: stops on any problem, printed as file:line)",
        description="Build the help center. Fails with 'file:line: message' on invalid front "
        "matter, unknown keys, missing titles, broken internal links or anchors.")
    site_options(build_parser)
    build_parser.set_defaults(handler=cmd_build)

    check_parser = commands.add_parser(
        "check", help="run every validation without writing the site",
        description="Validate front matter, titles, links and anchors without writing a site.")
    site_options(check_parser, site_dir=False)
    check_parser.set_defaults(handler=cmd_check)

    serve_parser = commands.add_parser(
        "serve", help="live preview that reloads as you edit",
        description="Serve a live preview; pages reload when a file changes. Problems are "
        "listed in the terminal and at the top of every page instead of stopping the preview.")
    site_options(serve_parser, site_dir=False)
    serve_parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000",
                              help="address to serve on (default: %(default)s)")
    serve_parser.add_argument("--no-functions", action="store_true",
                              help="preview the pages only, without the contact form's function")
    serve_parser.set_defaults(handler=cmd_serve)

    new_parser = commands.add_parser(
        "new", help="scaffold an article with front matter in a category",
        description="Create docs/CATEGORY/<slug>.md with title, description, keywords and the "
        "next free order number.")
    new_parser.add_argument("category", help="category folder, e.g. calendar-sync")
    new_parser.add_argument("title", help="the article's title")
    new_parser.add_argument("--description", help="one sentence shown under the title in lists")
    new_parser.add_argument("--keywords", help="comma-separated words readers might search for")
    new_parser.add_argument("--slug", help="file name without .md (default: from the title)")
    new_parser.add_argument("--docs-dir", help="docs folder (default: docs/)")
    new_parser.add_argument("--create-category", action="store_true",
                            help="create the category folder if it does not exist")
    new_parser.set_defaults(handler=cmd_new)

    args = parser.parse_args(argv)
    _setup_logging(getattr(args, "verbose", False))
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
