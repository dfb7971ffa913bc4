#!/usr/bin/env python3
"""The help center's single entry point: build, serve, check and scaffold articles.

    python build.py build                 strict build of every language (docs/<lang>/) into site/
    python build.py serve                 live preview at http://127.0.0.1:8000
    python build.py check                 every validation and the translations' state, without building
    python build.py new CATEGORY "Title"  scaffold an article with front matter
    python build.py report                what readers miss: votes, failed searches, paths to support

Run ``python build.py COMMAND --help`` for the options of each command.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

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


def _strictness(args: argparse.Namespace) -> None:
    """A folder written for another site is checked leniently unless --strict says otherwise."""
    if args.strict is None:
        args.strict = not getattr(args, "docs_dir", None)


def _use_options(args: argparse.Namespace, language: str | None, *, preview: bool = False,
                 check_only: bool = False, on_demand: bool = False) -> None:
    """The options of the next MkDocs build in this process: which language, how strict."""
    from helpcenter.mkdocs.plugin import HelpCenterPlugin
    from helpcenter.options import BuildOptions

    outside_folder = bool(getattr(args, "docs_dir", None))
    HelpCenterPlugin.build_options = BuildOptions(
        language=language or getattr(args, "lang", None), strict=bool(args.strict), preview=preview,
        multilingual=not outside_folder, check_only=check_only, on_demand=on_demand,
        # Someone else's folder with our sample's settings: its own name, none of our support.
        own_identity=outside_folder and Path(args.config_file).resolve() == DEFAULT_CONFIG.resolve())


def _load(args: argparse.Namespace, overrides: dict[str, str] | None = None) -> MkDocsConfig:
    from mkdocs.config import load_config

    config = load_config(config_file=str(args.config_file), **(overrides or _config_overrides(args)))
    config.plugins.on_startup(command="build", dirty=False)
    return config


class LanguageBuild:
    """One language of a multilingual site: its docs folder, where its pages go, its URL."""

    def __init__(self, code: str, docs_dir: Path, site_dir: Path, site_url: str) -> None:
        self.code, self.docs_dir, self.site_dir, self.site_url = code, docs_dir, site_dir, site_url

    def overrides(self, with_site_dir: bool = True, preview: bool = False) -> dict[str, str]:
        # A site without site_url (yet) builds each language without one: the plugin knows
        # where a language's pages sit from its languages. Its preview still serves them
        # under /<code>/ (mkdocs serve takes the path of site_url, whatever its host).
        values = {"docs_dir": str(self.docs_dir)}
        if urlsplit(self.site_url).scheme:
            values["site_url"] = self.site_url
        elif preview:
            values["site_url"] = "http://localhost" + self.site_url
        if with_site_dir:
            values["site_dir"] = str(self.site_dir)
        return values


def _language_builds(args: argparse.Namespace) -> list[LanguageBuild] | None:
    """The languages to build, default first; None for a one-language build (--docs-dir, or a
    site with one language). ``--lang`` picks one language of a multilingual site."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if getattr(args, "docs_dir", None):
        return None  # a folder of Markdown, as it is
    base = load_config(config_file=str(args.config_file))
    codes = base.plugins["helpcenter"].config.languages if "helpcenter" in base.plugins else []
    if len(codes) < 2:
        return None
    root = Path(base.docs_dir).parent
    site = Path(getattr(args, "site_dir", None) or base.site_dir).resolve()
    site_url = (base.site_url or "/").rstrip("/") + "/"
    builds = [LanguageBuild(code, root / code, site / prefix, site_url + prefix)
              for code in codes for prefix in ["" if code == codes[0] else f"{code}/"]]
    if getattr(args, "lang", None):
        builds = [b for b in builds if b.code == args.lang]
        if not builds:
            raise ConfigurationError(f"--lang {args.lang}: the site's languages are {', '.join(codes)}")
    return builds


def _each_language(languages: list[LanguageBuild] | None) -> list[LanguageBuild | None]:
    """Each language's build, or one build (None) for a one-language site."""
    return list(languages) if languages else [None]


def cmd_build(args: argparse.Namespace) -> int:
    """Every language's build: each on all cores when it is large (helpcenter/mkdocs/parallel.py),
    several languages at once when there are cores to spare."""
    from helpcenter.mkdocs import parallel
    from mkdocs.exceptions import Abort, ConfigurationError

    _strictness(args)
    jobs = args.jobs or parallel.default_jobs()
    try:
        languages = _language_builds(args)
    except (Abort, ConfigurationError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    builds = _each_language(languages)
    at_once = min(jobs, len(builds))
    if at_once < 2:
        return max(_build_language(args, language, jobs) for language in builds)
    import multiprocessing

    from mkdocs import utils

    # The default language's folder holds the others' (site/, site/es/): emptied once, here,
    # never by one build while another writes.
    site_root = next(language.site_dir for language in builds if language is not None)
    if getattr(args, "lang", None) is None:
        utils.clean_directory(str(site_root))
    context = multiprocessing.get_context("fork")
    running: list[Any] = []
    failed = 0

    def build_in_child(language: LanguageBuild | None) -> None:
        sys.stdout.flush()
        os._exit(_build_language(args, language, max(1, jobs // at_once), clean=False))

    for language in builds:
        while len(running) >= at_once:
            running[0].join()
            failed |= running.pop(0).exitcode != 0
        process = context.Process(target=build_in_child, args=(language,))
        process.start()
        running.append(process)
    for process in running:
        process.join()
        failed |= process.exitcode != 0
    return 1 if failed else 0


def _build_language(args: argparse.Namespace, language: LanguageBuild | None, jobs: int, *, clean: bool = True) -> int:
    """One language's build (or the one build of a one-language site); 0 when it was built."""
    from helpcenter.mkdocs import parallel
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        _use_options(args, language.code if language else None)
        config = _load(args, language.overrides() if language else None)
        try:
            parallel.build(config, jobs, clean=clean)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        print(f"build failed{f' ({language.code})' if language else ''}: {error}", file=sys.stderr)
        return 1
    print(f"built {language.code}: {config.site_dir}" if language else f"built {config.site_dir}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from helpcenter.mkdocs.plugin import ChecksDone
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError

    _strictness(args)
    counts = []
    warnings = 0
    with tempfile.TemporaryDirectory(prefix="helpcenter-check-") as scratch:
        try:
            languages = _language_builds(args)
            for language in _each_language(languages):
                _use_options(args, language.code if language else None, check_only=True)
                if language:
                    overrides = {**language.overrides(), "site_dir": str(Path(scratch, language.code))}
                else:
                    overrides = {**_config_overrides(args), "site_dir": scratch}
                config = _load(args, overrides)  # renders Markdown, writes no site
                try:
                    build(config)
                except ChecksDone as done:
                    warnings += sum(problem.severity == "warning" for problem in done.problems)
                    counts.append((language.code if language else "", done.articles))
                    continue
                finally:
                    config.plugins.on_shutdown()
                print("check failed: the helpcenter plugin is disabled in mkdocs.yml (enabled: false): "
                      "nothing of ours was checked", file=sys.stderr)
                return 1
        except (Abort, ConfigurationError) as error:
            print(f"check failed: {error}", file=sys.stderr)
            return 1
    articles = ", ".join(f"{count} articles{f' ({code})' if code else ''}" for code, count in counts)
    gaps = _translation_gaps(config) if languages else []
    for gap in gaps:
        print(f"translation: {gap}", file=sys.stderr)
    missing = sum(" missing translation " in gap for gap in gaps)
    orphaned = sum(" no source " in gap for gap in gaps)
    outdated = len(gaps) - missing - orphaned
    summary = (f"; translations: {missing} missing, {outdated} outdated"
               + (f", {orphaned} without a source" if orphaned else "")) if languages else ""
    found = f"{warnings} warning{'s' if warnings != 1 else ''} (listed above)" if warnings else "no problems"
    print(f"check passed: {articles}, {found}{summary}", file=sys.stderr)
    return 0


def _translation_gaps(config) -> list[str]:
    """Articles missing in a language, or changed in the default language since their
    translation last changed (git dates), as ``docs/es/x.md: ...`` lines."""
    from helpcenter.content import gitdates
    from helpcenter.i18n import languages as translations

    languages = config.plugins["helpcenter"].site.languages
    everywhere = translations.SiteLanguages(languages.codes, languages.default, languages.root)
    dates = gitdates.last_commit_dates(languages.root)
    gaps = translations.translation_gaps(everywhere, lambda path: gitdates.last_updated(path, dates))
    return [gap.format(everywhere, relative_to=Path.cwd()) for gap in gaps]


def cmd_serve(args: argparse.Namespace) -> int:
    """One MkDocs preview per language (the default here, the others in child processes), and
    in front of them the functions' server, which sends each language's pages to its preview."""
    import signal

    from helpcenter.mkdocs.live import LiveSite
    from helpcenter.mkdocs.plugin import HelpCenterPlugin
    from helpcenter.preview.server import serve

    _strictness(args)
    languages = _language_builds(args)
    host, _, port = args.dev_addr.rpartition(":")
    dev_addr = args.dev_addr
    children: list[subprocess.Popen[bytes]] = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so the children stop too
    if not args.no_functions and _functions_available():
        dev_addr = f"{host}:{_free_port(host)}"
        upstreams = [f"http://{dev_addr}"]
        for other in (languages or [])[1:] if not args.lang else []:
            address = f"{host}:{_free_port(host)}"
            children.append(subprocess.Popen([
                sys.executable, str(Path(__file__).resolve()), "serve", "-f", str(args.config_file),
                "--lang", other.code, "--no-functions", "--dev-addr", address,
                *(["--strict"] if args.strict else [])]))
            upstreams.append(f"/{other.code}/=http://{address}")
        children.append(_start_functions(host, int(port), upstreams))
        print(f"help center with its contact function: http://{host}:{port}/", file=sys.stderr)
    language = languages[0] if languages else None
    # While previewing, problems are listed in the terminal and on the pages, and the
    # preview keeps running so the writer can fix them and watch the page reload. Pages are
    # rendered when asked for (helpcenter/mkdocs/live.py), the search index in the background.
    _use_options(args, language.code if language else None, preview=True, on_demand=True)
    overrides = language.overrides(with_site_dir=False, preview=True) if language else _config_overrides(args)
    options = HelpCenterPlugin.build_options
    assert options is not None
    site = None
    try:
        site = LiveSite(str(args.config_file), overrides, options)
        serve_host, _, serve_port = dev_addr.rpartition(":")
        serve(site, serve_host, int(serve_port))
    finally:
        if site is not None:
            site.stop()
        for child in children:
            child.terminate()
    return 0


def _free_port(host: str) -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _functions_available() -> bool:
    import shutil

    if shutil.which("node") and (ROOT / "node_modules" / "@netlify" / "blobs").is_dir():
        return True
    print("warning: Node or its packages are missing (run scripts/setup.sh): serving pages only, "
          "the contact form will not send", file=sys.stderr)
    return False


def _start_functions(host: str, port: int, upstreams: list[str]) -> subprocess.Popen[bytes]:
    """netlify/dev/server.mjs (functions + Blobs' local server) on `port`, proxying pages to
    the previews. It starts once the first build has written the files the functions import,
    and `node --watch` starts it again whenever a rebuild changes them."""


    generated = ROOT / "netlify" / "generated"
    return subprocess.Popen(
        ["node", "--watch", "--no-warnings", str(ROOT / "netlify" / "dev" / "server.mjs"), "--host", host,
         "--port", str(port), *[arg for upstream in upstreams for arg in ("--proxy", upstream)],
         "--blobs", str(ROOT / ".netlify" / "blobs-local"), "--exit-with", str(os.getpid()),
         "--wait-for", str(generated / "form-schema.json"), "--wait-for", str(generated / "site-pages.json")],
        cwd=ROOT)


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "article"


def cmd_new(args: argparse.Namespace) -> int:
    import yaml

    docs = Path(args.docs_dir or _default_docs_dir())
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


def _default_docs_dir() -> Path:
    """mkdocs.yml's docs_dir: the default language's folder (docs/en)."""
    import yaml

    class Loader(yaml.SafeLoader):  # mkdocs.yml has tags (!ENV) that plain YAML does not know
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load(DEFAULT_CONFIG.read_text(encoding="utf-8"), Loader=Loader) or {}
    return DEFAULT_CONFIG.parent / (config.get("docs_dir") or "docs")


def _front_matter_order(path: Path) -> int | None:
    from helpcenter.content.frontmatter import parse_front_matter

    order = parse_front_matter(path.read_text(encoding="utf-8"), str(path)).meta.get("order")
    return order if isinstance(order, int) else None


def cmd_report(args: argparse.Namespace) -> int:
    """The insights report: from the site's Blobs store (NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN)
    or from the local preview's store (.netlify/blobs-local, or --blobs)."""
    import json
    import shutil


    if not shutil.which("node") or not (ROOT / "node_modules" / "@netlify" / "blobs").is_dir():
        print("error: the report needs Node and the npm packages: run scripts/setup.sh", file=sys.stderr)
        return 2
    site_id, token = os.environ.get("NETLIFY_SITE_ID"), os.environ.get("NETLIFY_AUTH_TOKEN")
    if args.blobs or not (site_id and token):
        source = ["--blobs", str(Path(args.blobs or ROOT / ".netlify" / "blobs-local"))]
    else:
        source = ["--site"]  # the id and token travel in the environment, not on a command line
    done = subprocess.run(
        ["node", str(ROOT / "netlify" / "dev" / "report.mjs"), *source, "--context", args.context,
         "--days", str(args.days), "--min-votes", str(args.min_votes), "--limit", str(args.limit)],
        capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        print(f"error: {done.stderr.strip()}", file=sys.stderr)
        return done.returncode
    if args.json:
        print(done.stdout, end="")
        return 0
    report = json.loads(done.stdout)
    print(f"What readers missed, {report['since']} to today ({report['days']} days)\n")
    _print_table(f"Least helpful articles (at least {args.min_votes} votes)",
                 ["article", "helpful", "yes", "no", "what was missing (latest)"],
                 [[r["article"], f"{r['helpful']:.0%}", r["yes"], r["no"], " | ".join(r["missing"])[:80]]
                  for r in report["least_helpful"]])
    _print_table("Searches that found nothing", ["search", "language", "readers"],
                 [[r["query"], r["lang"], r["count"]] for r in report["zero_result_searches"]])
    _print_table("Searches before contacting support", ["search", "language", "readers"],
                 [[r["query"], r["lang"], r["count"]] for r in report["searches_before_contact"]])
    _print_table("Articles read before contacting support", ["article", "readers"],
                 [[r["article"], r["count"]] for r in report["articles_before_contact"]])
    _print_table("Tickets not delivered (retries given up: send them on by hand)", ["ticket", "since", "last error"],
                 [[r["ref"], time.strftime("%Y-%m-%d %H:%M", time.gmtime(r["at"] / 1000)), r["error"][:80]]
                  for r in report.get("undelivered_tickets", [])])
    return 0


# What readers typed reaches the terminal: controls (C0, C1) and bidirectional overrides would
# move the cursor, recolour the screen or reorder the line. They are shown as \\uXXXX.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)


def _print_table(title: str, header: list[str], rows: list[list[object]]) -> None:
    print(title)
    if not rows:
        print("  (none yet)\n")
        return
    cells = [[_printable(str(cell)) for cell in row] for row in [list[object](header), *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [all(str(row[i]).rstrip("%").isdigit() for row in rows) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  " + "  ".join(cell.rjust(w) if num else cell.ljust(w)
                                for cell, w, num in zip(row, widths, numeric, strict=True)).rstrip()

    print(line(cells[0]))
    print("  " + "  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))
    print()


def cmd_init(args: argparse.Namespace) -> int:
    from helpcenter.starter import (
        NewHelpCenter,
        StarterError,
        create_help_center,
        default_generator_source,
        parse_languages,
    )

    plan = NewHelpCenter(folder=args.folder.resolve(), name=args.name, languages=parse_languages(args.languages),
                         generator_source=args.generator or default_generator_source(ROOT))
    try:
        written = create_help_center(plan, ROOT)
    except StarterError as error:
        print(f"init failed: {error}", file=sys.stderr)
        return 1
    print(f"made {plan.folder}: {len(written)} files, the generator in generator/ (from {plan.generator_source})",
          file=sys.stderr)
    print(f"next: cd {plan.folder} && bash scripts/serve.sh", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from helpcenter.importers.http import ImportFailed
    from helpcenter.importers.run import ImportOptions, run_import

    options = ImportOptions(vendor=args.vendor, docs_dir=args.docs_dir, url=args.url, token=args.token,
                            language=args.lang, force=args.force)
    try:
        report = run_import(options)
    except ImportFailed as error:
        print(f"import failed: {error}", file=sys.stderr)
        return 1
    synced = report.synced
    if report.resumed_from is not None:
        started = time.strftime("%Y-%m-%d %H:%M", time.localtime(report.resumed_from))
        print(f"went on with the import stopped since {started}: what it had read was not read again",
              file=sys.stderr)
    print(f"imported {report.articles} articles in {report.categories} categories, languages "
          f"{', '.join(report.languages)} ({report.requests} requests): {len(synced.written)} files written, "
          f"{synced.unchanged} unchanged, {len(synced.removed)} removed", file=sys.stderr)
    for path in synced.kept:
        print(f"{args.docs_dir / path}: edited here since the import: kept as it is (--force replaces it)",
              file=sys.stderr)
    for path in synced.not_restored:
        print(f"{args.docs_dir / path}: deleted or moved here since the import: not brought back "
              "(--force brings it back)", file=sys.stderr)
    for path in synced.in_use:
        print(f"{args.docs_dir / path}: gone from the help desk, still shown by a page here: kept", file=sys.stderr)
    for problem in report.problems:
        print(f"{args.docs_dir / problem.file}: {problem.message}", file=sys.stderr)
    for why in report.left_out:
        print(f"left out: {why}", file=sys.stderr)
    if (args.docs_dir.resolve().parent / "mkdocs.yml").is_file():  # a help center's own docs/
        print("next: python build.py serve", file=sys.stderr)
    else:
        first = args.docs_dir / report.languages[0]
        print(f"next: python build.py serve --docs-dir {first} --lang {report.languages[0]}", file=sys.stderr)
    return 0


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
        sub.add_argument("--lang", help="with --docs-dir: the language of the articles (default: en); "
                         "otherwise one of the site's languages, alone (default: all)")
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
    build_parser.add_argument("-j", "--jobs", type=int, default=0,
                              help="processes to build with (default: one per core)")
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
    new_parser.add_argument("--docs-dir", help="docs folder (default: mkdocs.yml's, docs/en; "
                            "a translation goes in docs/<lang> at the same path)")
    new_parser.add_argument("--create-category", action="store_true",
                            help="create the category folder if it does not exist")
    new_parser.set_defaults(handler=cmd_new)

    init_parser = commands.add_parser(
        "init", help="make a new help center of your own in a folder",
        description="Make DIR a help center of its own: its mkdocs.yml, a starter category and "
        "article per language, netlify.toml, the publishing workflow, its README and tests, and "
        "this generator as the git submodule generator/ (later versions: git submodule update "
        "--remote generator).")
    init_parser.add_argument("folder", metavar="DIR", type=Path, help="a new or empty folder")
    init_parser.add_argument("--name", required=True, help='the help center\'s name, e.g. "Acme Help"')
    init_parser.add_argument("--languages", default="en", help="its languages, the default first (default: en)")
    init_parser.add_argument("--generator", help="where the generator/ submodule comes from (default: this "
                             "generator's git remote, else this folder)")
    init_parser.set_defaults(handler=cmd_init)

    report_parser = commands.add_parser(
        "report", help="what readers miss: least helpful articles, failed searches, paths to support",
        description="Print the insights counted by the feedback and search-miss functions: from the "
        "site's Netlify Blobs when NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN are set, otherwise from the "
        "local preview's store.")
    report_parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    report_parser.add_argument("--days", type=int, default=30, help="how many days back (default: 30)")
    report_parser.add_argument("--min-votes", type=int, default=3,
                               help="leave out articles with fewer votes (default: 3)")
    report_parser.add_argument("--limit", type=int, default=10, help="rows per table (default: 10)")
    report_parser.add_argument("--blobs", help="a local Blobs folder (default: .netlify/blobs-local)")
    report_parser.add_argument("--context", default="production",
                               help="the deploy context's store (default: production)")
    report_parser.set_defaults(handler=cmd_report)

    import_parser = commands.add_parser(
        "import", help="import the articles of a hosted help desk (Zendesk, Intercom, Help Scout, Freshdesk)",
        description="Read every published article, category and translation from the help desk's API and "
        "write them as Markdown in DIR/<language>/, with images, attachments, links between articles and "
        "redirects from the old addresses. Run it again to bring in what changed: files edited here are kept.")
    import_parser.add_argument("vendor", choices=["zendesk", "intercom", "helpscout", "freshdesk"])
    import_parser.add_argument("--url", help="the help desk's address (Zendesk: https://yourcompany.zendesk.com, "
                               "Freshdesk: https://yourcompany.freshdesk.com; Intercom and Help Scout: their API, "
                               "by default)")
    import_parser.add_argument("--docs-dir", type=Path, required=True, metavar="DIR",
                               help="where to write: one folder per language inside it")
    import_parser.add_argument("--token", help="API token or key (default: from the environment, see README)")
    import_parser.add_argument("--lang", default="en",
                               help="the language of a one-language help desk (Help Scout; default: en)")
    import_parser.add_argument("--force", action="store_true",
                               help="replace files edited here since the last import")
    import_parser.set_defaults(handler=cmd_import)

    args = parser.parse_args(argv)
    _setup_logging(getattr(args, "verbose", False))
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
