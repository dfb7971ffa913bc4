"""``build.py build`` on every core: MkDocs' build, with its pages shared among processes.

MkDocs renders one page after another. Here, once the site's structure is known (files,
navigation, the plugin's catalog), the pages are dealt among ``jobs`` processes (forked: each
starts with the structure in memory, nothing is pickled but results):

1. each converts its pages' Markdown (one converter per process: markdown_reuse.py) and
   sends back what the others need of them: titles, anchors, links to anchors, the article
   text for search;
2. the first process checks every link (``on_env``), and starts a Python process of its own
   to build the search index while the pages' templates are rendered (search/apart.py: it
   starts small, so memory does not add up);
3. each renders its pages' templates and writes them (the search files' names left as
   placeholders, filled in once the index is built), and drops their HTML (memory).

The output is byte for byte what one process writes (a test holds the two equal).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import posixpath
import re
import resource
import time
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import markupsafe
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ..search.apart import APART_ARTICLES
from ..search.index import FIRST_TIER_NAME, SearchFiles
from .context import search_context
from .markdown_reuse import PageConverter, populate_page
from .plugin import HelpCenterPlugin

log = logging.getLogger("mkdocs")

# Below this many pages, one process is as fast (forking costs about as much as it saves).
MIN_PAGES = 64


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass
class PageResult:
    """What the other processes need of a page one process rendered."""

    title: str | None
    meta: MutableMapping[str, Any]
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    anchors: set[str] | None
    text: Any


@dataclass
class Share:
    """One process's pages, and what it found."""

    files: list[File]
    results: dict[str, PageResult] = field(default_factory=dict)
    warnings: int = 0


def build(config: MkDocsConfig, jobs: int, *, clean: bool = True) -> None:
    """Build the site as ``mkdocs.commands.build.build`` does, on ``jobs`` processes.
    ``clean=False``: the site folder was emptied before (languages built at once share it)."""
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        log.addHandler(counter)
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        if clean:
            log.info("Cleaning site directory")
            utils.clean_directory(config.site_dir)
        log.info(f"Building documentation to directory: {config.site_dir}")
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        _phase("structure", start)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in doc_files:
            if file.page is None:
                Page(None, file, config)
        # A process of its own builds the search index beside those rendering the pages: with
        # a core to spare, or for a large site, whose index is built apart anyway (it starts
        # small: search/apart.py). Otherwise it is built in between.
        plugin = config.plugins["helpcenter"]
        articles = len(plugin.content.catalog.articles) if isinstance(plugin, HelpCenterPlugin) else 0
        beside = jobs >= 3 or articles >= APART_ARTICLES
        workers = max(1, min(jobs - 1 if jobs >= 3 else jobs, len(doc_files) // MIN_PAGES))
        worker_counts: dict[str, int] = {}
        if workers == 1:
            _render_alone(config, files, nav, env, doc_files)
        else:
            _render_shared(config, files, nav, env, doc_files, workers, worker_counts, search_beside=beside)
        config.plugins.on_post_build(config=config)
        counts = dict(counter.get_counts())
        for level, count in worker_counts.items():
            counts[level] = counts.get(level, 0) + count
        if counts and config.strict:
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts.items())} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            log.error(str(error))
            raise Abort("Aborted with a BuildError!") from error
        raise
    finally:
        log.removeHandler(counter)


def _render_alone(config: MkDocsConfig, files: Files, nav: Navigation, env: Any, doc_files: Sequence[File]) -> None:
    converter = PageConverter(config)
    for file in doc_files:
        assert file.page is not None
        populate_page(file.page, config, files, converter)
    env = config.plugins.on_env(env, config=config, files=files)
    _write_static(config, files, nav, env)
    for file in doc_files:
        assert file.page is not None
        mkdocs_build._build_page(file.page, config, doc_files, nav, env)
    _validate_anchors(config, files, doc_files)


def _phase(name: str, since: float) -> float:
    """What a phase took, and this process's memory so far (build.py build -v)."""
    log.debug(f"parallel build: {name} in {time.monotonic() - since:.1f} s (peak so far: {_peak_mb()} MB)")
    return time.monotonic()


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _render_shared(config: MkDocsConfig, files: Files, nav: Navigation, env: Any, doc_files: Sequence[File],
                   workers: int, worker_counts: dict[str, int], search_beside: bool) -> None:
    plugin = config.plugins["helpcenter"]
    assert isinstance(plugin, HelpCenterPlugin)
    shares = [Share(list(doc_files[number::workers])) for number in range(workers)]
    context = multiprocessing.get_context("fork")
    connections: list[Connection] = []
    processes = []
    for share in shares[1:]:
        ours, theirs = context.Pipe()
        process = context.Process(target=_worker, args=(theirs, share, config, files, nav, env, doc_files),
                                  daemon=True)
        process.start()
        theirs.close()
        connections.append(ours)
        processes.append(process)
    clock = time.monotonic()
    try:
        # 1. Markdown, here and there; then what every page needs to know of the others.
        _populate(shares[0], config, files, plugin)
        clock = _phase("Markdown (this process's share)", clock)
        for share, connection in zip(shares[1:], connections, strict=True):
            share.results = _receive_results(connection)
        for share in shares:
            _take_results(share, plugin, files)
        clock = _phase("Markdown (every share)", clock)
        # 2. Links checked (here, once); the search index built here, or beside the templates
        # by a process of its own (pages then carry placeholders for where its files are).
        plugin.search_deferred = search_beside
        env = config.plugins.on_env(env, config=config, files=files)
        if search_beside:
            env.globals["helpcenter"].update(search_placeholders())
            search_apart = plugin.start_search(Path(config.site_dir))
        clock = _phase("links" + ("" if search_beside else " and search"), clock)
        titles = {src_uri: (result.title, result.meta) for share in shares for src_uri, result in share.results.items()}
        built = plugin.outputs.search
        where = built and SearchFiles({}, built.manifest_path, [], {}, built.prefetch_paths, built.shard_table)
        for connection in connections:
            connection.send((titles, where))
        # 3. Templates, here and there; then each fills in the search files' names.
        _write_static(config, files, nav, env)
        _write_pages(shares[0], config, doc_files, nav, env)
        clock = _phase("templates (this process's share)", clock)
        if search_beside:
            try:
                search = search_apart.result()
            except RuntimeError as error:
                raise Abort(str(error)) from None
            for warning in search.warnings:
                logging.getLogger("mkdocs.plugins.helpcenter").warning(f"search: {warning}")
            plugin.outputs.search = search  # its files are written: none left to write
            clock = _phase("search (beside the templates)", clock)
        for connection in connections:
            connection.send(search_beside and search)
        if search_beside:
            theme_pages = [Path(config.site_dir, name)
                           for name in [*config.theme.static_templates, *config.extra_templates]]
            _fill_search(shares[0], search, theme_pages)
        for connection in connections:
            for level, count in _answer(connection):  # their warnings count in strict mode too
                worker_counts[level] = worker_counts.get(level, 0) + count
        clock = _phase("templates (every share)", clock)
        _validate_anchors(config, files, doc_files)
    finally:
        for connection in connections:
            connection.close()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()


def _worker(connection: Connection, share: Share, config: MkDocsConfig, files: Files, nav: Navigation, env: Any,
            doc_files: Sequence[File]) -> None:
    """A forked process: its share's Markdown, then (told where the search files are) its
    share's templates. Failures go back as text; the parent raises them."""
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    log.addHandler(counter)
    try:
        plugin = config.plugins["helpcenter"]
        assert isinstance(plugin, HelpCenterPlugin)
        _populate(share, config, files, plugin)
        _send_results(connection, share.results)
        titles, search = connection.recv()
        for other in doc_files:  # the others' pages, by their titles, for the navigation
            if other.page is not None and other.page.markdown is None:
                _take_title(other.page, *titles[other.src_uri])
        plugin.checks_done = True  # the parent checked the links and reported
        if search:  # built already: where its files are
            plugin.outputs.search = search
        env = config.plugins.on_env(env, config=config, files=files)
        if not search:
            env.globals["helpcenter"].update(search_placeholders())
        _write_pages(share, config, doc_files, nav, env)
        built = connection.recv()
        if built:
            _fill_search(share, built)
        log.debug(f"parallel build: a rendering process's peak: {_peak_mb()} MB")
        connection.send(counter.get_counts())
    except BaseException as error:  # everything, so the parent never waits for nothing
        connection.send(_Failed(f"{type(error).__name__}: {error}"))
    finally:
        connection.close()
        os._exit(0)


# Results go in batches: one pickle of 5,000 pages' text and anchors would be held twice
# (as bytes and as objects) by the process receiving it, at its busiest.
RESULTS_BATCH = 500


def _send_results(connection: Connection, results: dict[str, PageResult]) -> None:
    batch: dict[str, PageResult] = {}
    for src_uri, result in results.items():
        batch[src_uri] = result
        if len(batch) == RESULTS_BATCH:
            connection.send(batch)
            batch = {}
    connection.send(batch)
    connection.send(None)


def _receive_results(connection: Connection) -> dict[str, PageResult]:
    results: dict[str, PageResult] = {}
    while (batch := _answer(connection)) is not None:
        results.update(batch)
    return results


@dataclass
class _Failed:
    message: str


def _answer(connection: Connection) -> Any:
    try:
        answer = connection.recv()
    except EOFError:
        raise Abort("a build process stopped without a word (out of memory?)") from None
    if isinstance(answer, _Failed):
        raise Abort(f"a build process failed: {answer.message}")
    return answer


# Where the search files are is known once the index is built; pages are written before, with
# these in their place (inside the search folder, so that each page's relative URL to them
# is its relative URL to the real files), then filled in.
MANIFEST_TOKEN = "__hc_search_manifest__"
PREFETCH_TOKEN = "__hc_search_prefetch__"
SHARDS_TOKEN = "__hc_search_shards__"


def search_placeholders(folder: str = "search") -> dict[str, Any]:
    return {"search_manifest": f"{folder}/{MANIFEST_TOKEN}", "search_prefetch": [f"{folder}/{PREFETCH_TOKEN}"],
            "search_shards": SHARDS_TOKEN}


def fill_search(html: str, search: SearchFiles) -> str:
    """A page written with search_placeholders, as it would have been written with ``search``."""
    values = search_context(search)
    html = html.replace(MANIFEST_TOKEN, posixpath.basename(values["search_manifest"]))
    names = [posixpath.basename(path) for path in values["search_prefetch"]]
    html = re.sub(rf'(?<=")([^"\s]*?){PREFETCH_TOKEN}(?=")', lambda m: " ".join(m.group(1) + n for n in names), html)
    if values["search_shards"]:
        return html.replace(SHARDS_TOKEN, str(markupsafe.escape(values["search_shards"])))
    return html.replace(f' data-shards="{SHARDS_TOKEN}" data-shard-name="{FIRST_TIER_NAME}"', "")


def _fill_search(share: Share, search: SearchFiles, others: Sequence[Path] = ()) -> None:
    for path in [*(Path(file.abs_dest_path) for file in share.files), *others]:
        if path.is_file():
            html = path.read_text(encoding="utf-8")
            filled = fill_search(html, search)
            if filled != html:
                path.write_text(filled, encoding="utf-8")


def _populate(share: Share, config: MkDocsConfig, files: Files, plugin: HelpCenterPlugin) -> None:
    converter = PageConverter(config)
    for file in share.files:
        page = file.page
        assert page is not None
        populate_page(page, config, files, converter)
        share.results[file.src_uri] = PageResult(
            title=page.title, meta=page.meta, present_anchor_ids=page.present_anchor_ids,
            links_to_anchors=None if page.links_to_anchors is None else {
                linked.src_uri: links for linked, links in page.links_to_anchors.items()},
            anchors=plugin.outputs.anchors.get(file.src_uri),
            text=plugin.outputs.texts.get(file.src_uri))


def _take_results(share: Share, plugin: HelpCenterPlugin, files: Files) -> None:
    """Another process's pages as this one needs them: titles, anchors, search text."""
    for file in share.files:
        result = share.results[file.src_uri]
        page = file.page
        assert page is not None
        if page.markdown is None:  # rendered elsewhere
            _take_title(page, result.title, result.meta)
            page.present_anchor_ids = result.present_anchor_ids
            page.links_to_anchors = None if result.links_to_anchors is None else {
                linked: links for src_uri, links in result.links_to_anchors.items()
                if (linked := files.get_file_from_path(src_uri)) is not None}
        if result.anchors is not None:
            plugin.outputs.anchors[file.src_uri] = result.anchors
        if result.text is not None:
            plugin.outputs.texts[file.src_uri] = result.text


def _take_title(page: Page, title: str | None, meta: MutableMapping[str, Any]) -> None:
    page.markdown, page.meta = "", meta
    page._title_from_render = title


def _write_pages(share: Share, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Any) -> None:
    for file in share.files:
        page = file.page
        assert page is not None
        mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
        page.content = None  # written: its HTML need not stay in memory
        page.toc = []  # type: ignore[assignment]


def _write_static(config: MkDocsConfig, files: Files, nav: Navigation, env: Any) -> None:
    files.copy_static_files(inclusion=InclusionLevel.is_included)
    for template in config.theme.static_templates:
        mkdocs_build._build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        mkdocs_build._build_extra_template(template, files, config, nav)


def _validate_anchors(config: MkDocsConfig, files: Files, doc_files: Sequence[File]) -> None:
    level = config.validation.links.anchors
    for file in doc_files:
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=level)

