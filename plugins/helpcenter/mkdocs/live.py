"""The writer's preview, page by page (build.py serve): MkDocs' build, cut where a preview
needs it cut.

``mkdocs serve`` rebuilds the whole site on every save: every page's Markdown, every
template, the search index. Here the site's *structure* is kept in memory (files, navigation,
the plugin's catalog: front matter only, parsed once per text) and a page is rendered when a
browser asks for it. A save reloads the structure (cheap: unchanged files are not parsed
again), forgets the rendered pages and bumps ``version``, which the open page waits on and
reloads. The search index and the check of every link need every page rendered: a
background process (``SearchWorker``) does that, reusing what it rendered before for texts
that did not change, and hands back the search files and the problems it found.

MkDocs is only used through its build steps (load_config, get_files, get_navigation, the
plugin events, Page.render, get_context); the HTTP serving and the watching are plain
(``helpcenter.preview``).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..content.reading import remember_readings
from ..options import BuildOptions
from ..preview.pages import Served
from ..problems import Problem, sort_problems
from ..search.index import BodyTier, SearchFiles, body_tier
from ..search.site_search import search_files, site_documents
from . import files as preview_files
from .context import search_context
from .markdown_reuse import PageConverter, populate_page
from .plugin import HelpCenterPlugin

log = logging.getLogger("mkdocs.plugins.helpcenter")

INCLUSION = InclusionLevel.is_in_serve


@dataclass
class Structure:
    """One load of the site: config, files, navigation, the Jinja environment, the plugin."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any
    plugin: HelpCenterPlugin
    by_dest: dict[str, File] = field(default_factory=dict)
    _by_path: dict[str, File] | None = None

    def file_at(self, path: Path) -> File | None:
        """The file at ``path`` (as the watcher names it, or resolved), if the site has one."""
        if self._by_path is None:  # once per load; normalizing, not resolving, 10,000 paths
            self._by_path = {os.path.normpath(file.abs_src_path): file for file in self.files if file.abs_src_path}
        found = self._by_path.get(os.path.normpath(path))
        return found if found is not None else self._by_path.get(str(path.resolve()))


def load_structure(config_file: str, overrides: dict[str, str], *, env: Any = None,
                   before_env: Callable[[Structure], None] | None = None, post_build: bool = True) -> Structure:
    """Everything MkDocs knows before it renders a page; no Markdown is converted. Page titles
    come from the plugin's catalog (front matter, first heading) until a page is rendered."""
    config = load_config(config_file=config_file, **overrides)
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    fresh_env = config.theme.get_env()
    if env is None:
        env = fresh_env
        # The theme's files, listed once, without the hidden ones MkDocs excludes anyway
        # (Material's 14,000 icons under .icons/, which its Markdown extension reads itself).
        templates = [name for name in env.list_templates() if not any(part.startswith(".") for part in name.split("/"))]
        env.list_templates = lambda *args, **kwargs: templates
    else:  # the same compiled templates and list of theme files, this load's globals and filters
        env.loader, env.globals, env.filters = fresh_env.loader, fresh_env.globals, fresh_env.filters
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    plugin = config.plugins["helpcenter"]
    assert isinstance(plugin, HelpCenterPlugin)
    titles = _catalog_titles(plugin)
    for file in files.documentation_pages(inclusion=INCLUSION):
        page = file.page if file.page is not None else Page(None, file, config)
        title = titles.get(file.src_uri)
        if title is None:
            page.read_source(config)  # a page the catalog does not list (few): MkDocs finds its title
        else:
            page.markdown, page.meta = "", {"title": title}
    structure = Structure(config, files, nav, env, plugin,
                          by_dest={file.dest_uri: file for file in files if file.inclusion.is_in_serve()})
    if before_env is not None:
        before_env(structure)
    structure.env = config.plugins.on_env(env, config=config, files=files)
    if post_build:
        config.plugins.on_post_build(config=config)  # on demand: only the files the functions read
    return structure


def _catalog_titles(plugin: HelpCenterPlugin) -> dict[str, str]:
    catalog = plugin.content.catalog
    titles = {src: article.title for src, article in catalog.articles.items()}
    titles.update({category.src_uri: category.title for category in catalog.categories if category.src_uri})
    return titles


def render_page(structure: Structure, file: File) -> str:
    """One page, as ``mkdocs build`` writes it."""
    config, files, nav, env = structure.config, structure.files, structure.nav, structure.env
    page = file.page
    assert page is not None
    mkdocs_build._populate_page(page, config, files)
    config._current_page = page
    page.active = True
    try:
        doc_files = files.documentation_pages(inclusion=INCLUSION)
        context = mkdocs_build.get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        return str(config.plugins.on_post_page(output, page=page, config=config))
    finally:
        page.active = False
        config._current_page = None


def render_theme_template(structure: Structure, name: str) -> str:
    """A theme's page of its own (404.html, sitemap.xml), as ``mkdocs build`` writes it."""
    config = structure.config
    template = structure.env.get_template(name)
    context: TemplateContext = mkdocs_build.get_context(structure.nav, structure.files, config)
    context = config.plugins.on_template_context(context, template_name=name, config=config)
    output = template.render(context)
    return str(config.plugins.on_post_template(output, template_name=name, config=config))


class LiveSite:
    """The site of one language, served page by page and kept current with its files."""

    def __init__(self, config_file: str, overrides: dict[str, str], options: BuildOptions) -> None:
        self.config_file, self.overrides, self.options = config_file, overrides, options
        self._lock = threading.RLock()
        self._rendered: dict[str, Served] = {}
        self._search_files: dict[str, bytes] = {}
        self._search_values: dict[str, Any] = {}
        self._worker_problems: list[Problem] = []
        self.version = 1
        self.changed = threading.Condition(self._lock)
        self.structure = self._load()
        self.mount = urlsplit(self.structure.config.site_url or "/").path.rstrip("/") + "/"
        self.worker = SearchWorker(config_file, overrides, options, on_result=self._search_ready)
        self.worker.request()

    # -- what the server asks -----------------------------------------------------------------
    def serve(self, path: str) -> Served | None:
        """The answer for a URL path under this site's mount point, or None (not found)."""
        with self._lock:
            if not path.startswith(self.mount) and path + "/" != self.mount:
                return None
            relative = path[len(self.mount):]
            if relative in self._search_files:
                return Served(self._search_files[relative], _media_type(relative))
            cached = self._rendered.get(relative)
            if cached is not None:
                return cached
            answer = self._answer(relative)
            if answer is not None and answer.media_type.startswith("text/html"):
                self._rendered[relative] = answer
            return answer

    def not_found(self) -> Served:
        with self._lock:
            try:
                page = render_theme_template(self.structure, "404.html").encode()
                return Served(page, "text/html; charset=utf-8", 404)
            except Exception:  # a theme without one
                return Served(b"Not found", "text/plain; charset=utf-8", 404)

    def _answer(self, relative: str) -> Served | None:
        dest = relative + "index.html" if relative == "" or relative.endswith("/") else relative
        file = self.structure.by_dest.get(dest)
        if file is None and f"{relative}/index.html" in self.structure.by_dest:
            return Served(b"", "text/plain", 301, location=f"{self.mount}{relative}/")
        if file is None:
            if relative in self.structure.config.theme.static_templates:
                return Served(render_theme_template(self.structure, relative).encode(), _media_type(relative))
            return None
        if file.is_documentation_page():
            page = render_page(self.structure, file).encode("utf-8", "xmlcharrefreplace")
            return Served(page, "text/html; charset=utf-8")
        return Served(file.content_bytes, _media_type(dest))

    # -- what the watcher says ---------------------------------------------------------------------
    def files_changed(self, paths: list[Path]) -> None:
        """A save: the edited pages read again (or, for a new, deleted or moved file, a
        setting, the whole structure loaded again), the rendered pages forgotten, open pages
        reloaded, and the search index and the links redone in the background."""
        with self._lock:
            if not self._pages_edited(paths):
                theme = [Path(folder).resolve() for folder in self.structure.config.theme.dirs]
                # A template added or removed: list the theme's files again (a new environment).
                same_theme = not any(folder in path.resolve().parents for path in paths for folder in theme)
                try:
                    self.structure = self._load(env=self.structure.env if same_theme else None)
                except Exception as error:  # mkdocs.yml mid-edit: keep the last good site, say why
                    log.error(f"preview: {error}")
                    return
            self._rendered.clear()
            self.version += 1
            self.changed.notify_all()
        self.worker.request()

    def _pages_edited(self, paths: list[Path]) -> bool:
        """Read again in place the pages these paths are, when each is an existing page whose
        edit moves nothing (its URL stays); False when the structure must be loaded again."""
        structure = self.structure
        changed: list[File] = []
        for path in paths:
            file = structure.file_at(path)
            if file is None:
                if path.is_file() or path.suffix in (".yml", ".yaml"):
                    return False  # a new file, or a setting: the structure changes
                continue  # an editor's temporary file, renamed or deleted; a new folder
            if not path.is_file():
                return False  # deleted, or renamed away
            if file.is_documentation_page():
                changed.append(file)
            # (an image or a stylesheet is read from disk when asked for: nothing to redo)
        for file in changed:
            assert file.page is not None
            if not structure.plugin.page_changed(file, structure.files):
                return False
            titles = _catalog_titles(structure.plugin)
            file.page.markdown, file.page.meta = "", {"title": titles.get(file.src_uri, file.page.title)}
        # What every page shows of the others (titles, order, problems) comes from the catalog.
        structure.env.globals["helpcenter"].update(
            categories=structure.plugin.content.catalog.categories)
        self._apply_search(structure)
        return True

    def _load(self, env: Any = None) -> Structure:
        HelpCenterPlugin.build_options = self.options
        if preview_files.TEXTS is None:
            preview_files.TEXTS = {}
        remember_readings()
        structure = load_structure(self.config_file, self.overrides, env=env)
        self._apply_search(structure)
        return structure

    def _apply_search(self, structure: Structure) -> None:
        site_context = structure.env.globals.get("helpcenter")
        if site_context is not None:
            site_context.update(self._search_values)
            plugin_problems = [p.format() for p in sort_problems(structure.plugin.content.problems)]
            site_context["problems"] = plugin_problems + [p.format() for p in self._worker_problems
                                                           if p.format() not in plugin_problems]

    def _search_ready(self, result: WorkerResult) -> None:
        with self._lock:
            problems_before = self.structure.env.globals.get("helpcenter", {}).get("problems")
            # Files named for their content: those the server has are not sent again.
            self._search_files = {path: result.files[path] if path in result.files else self._search_files[path]
                                  for path in result.paths}
            self._search_values = result.search_values
            self._worker_problems = result.problems
            self._apply_search(self.structure)
            self._rendered.clear()
            # Open pages reload only when what they show changed (the problems listed on top).
            if self.structure.env.globals.get("helpcenter", {}).get("problems") != problems_before:
                self.version += 1
                self.changed.notify_all()

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self._lock:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version

    def watched(self) -> list[Path]:
        """The folders and files whose changes the preview follows."""
        config = self.structure.config
        paths = [Path(config.docs_dir), Path(self.config_file).resolve()]
        paths += [Path(folder) for folder in config.theme.dirs if "site-packages" not in Path(folder).parts]
        plugin = self.structure.plugin
        if plugin.site.languages.root:
            paths.append(plugin.site.languages.root)
        locales = plugin._site_locales(config)
        if locales:
            paths.append(locales)
        return paths

    def stop(self) -> None:
        self.worker.stop()


def _media_type(path: str) -> str:
    import mimetypes

    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or guessed in (
        "application/javascript", "application/json", "image/svg+xml") else guessed


# -- the background worker: every page rendered, links checked, the search index built ---------

@dataclass
class WorkerResult:
    generation: int
    files: dict[str, bytes]  # the search files the server does not have yet
    paths: list[str]  # every search file of this index (names carry their content's hash)
    search_values: dict[str, Any]
    problems: list[Problem]


class SearchWorker:
    """A process of its own (the second core): told "again" after each change, it answers with
    the search files and the problems of every page's links. Requests that arrive while it
    works are folded into one."""

    def __init__(self, config_file: str, overrides: dict[str, str], options: BuildOptions,
                 on_result: Callable[[WorkerResult], None]) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_worker_main, args=(child, config_file, overrides, options),
                                        daemon=True, name="helpcenter-search")
        self._process.start()
        self._on_result = on_result
        self._generation = 0
        self._send_lock = threading.Lock()
        threading.Thread(target=self._receive, daemon=True, name="helpcenter-search-results").start()

    def request(self) -> None:
        with self._send_lock:
            self._generation += 1
            with contextlib.suppress(OSError):  # stopping
                self._connection.send(self._generation)

    def _receive(self) -> None:
        while True:
            try:
                result = self._connection.recv()
            except (EOFError, OSError):
                return
            if isinstance(result, WorkerResult):
                self._on_result(result)

    def stop(self) -> None:
        self._connection.close()
        self._process.terminate()


def _worker_main(connection: Connection, config_file: str, overrides: dict[str, str], options: BuildOptions) -> None:
    logging.basicConfig(level=logging.ERROR)
    worker_options = BuildOptions(**{**options.__dict__, "on_demand": False, "preview": True})
    preview_files.TEXTS = {}  # this process reads the site again after each change, too
    # What a build would write (root files, search files) goes to a folder of its own, never
    # into the site's.
    overrides = {**overrides, "site_dir": tempfile.mkdtemp(prefix="helpcenter-preview-")}
    rendered: dict[str, tuple[str, Any, set[str]]] = {}  # src_uri -> (source hash, text, anchors)
    last = LastIndex()
    sent: set[str] = set()  # the search files the server has

    def send(result: WorkerResult) -> None:
        connection.send(result)
        sent.clear()
        sent.update(result.paths)

    while True:
        try:
            generation = connection.recv()
            while connection.poll():  # changes that came meanwhile: one run for all of them
                generation = connection.recv()
        except (EOFError, OSError):
            return
        try:
            _search_run(generation, config_file, overrides, worker_options, rendered, last, sent, send)
        except Exception as error:  # a broken page must not end the worker; the next save retries
            log.error(f"preview search: {error}")


@dataclass
class LastIndex:
    """The worker's last full search index: its articles (URLs, in order) and full-text tier."""

    urls: list[str] = field(default_factory=list)
    body: BodyTier | None = None
    texts: list[str] = field(default_factory=list)  # each article's full text, as indexed


def _search_run(generation: int, config_file: str, overrides: dict[str, str], options: BuildOptions,
                rendered: dict[str, tuple[str, Any, set[str]]], last: LastIndex, sent: set[str],
                send: Callable[[WorkerResult], None]) -> None:
    """Every page rendered (again only where its text changed), links checked, then the
    search index in two steps: first the first tier alone (its best postings: at 10,000
    articles a few seconds, the full text being most of the work), with the last full-text
    tier when the articles are the same ones in the same order, then whole."""
    HelpCenterPlugin.build_options = options
    remember_readings()

    def render_all(structure: Structure) -> None:
        plugin, config, files = structure.plugin, structure.config, structure.files
        converter = PageConverter(config)
        for file in files.documentation_pages(inclusion=INCLUSION):
            source = hashlib.sha256(file.content_bytes).hexdigest() if file.abs_src_path else None
            cached = rendered.get(file.src_uri)
            if source is not None and cached is not None and cached[0] == source:
                if cached[1] is not None:
                    plugin.outputs.texts[file.src_uri] = cached[1]
                plugin.outputs.anchors[file.src_uri] = cached[2]
                continue
            assert file.page is not None
            populate_page(file.page, config, files, converter)
            if source is not None:
                rendered[file.src_uri] = (source, plugin.outputs.texts.get(file.src_uri),
                                          plugin.outputs.anchors.get(file.src_uri, set()))
        plugin.search_deferred = True  # on_env checks the links; the index is built below

    # (Nothing a build writes at the end, the sitemap and such: the preview serves its own.)
    structure = load_structure(config_file, overrides, before_env=render_all, post_build=False)
    plugin = structure.plugin
    catalog = plugin.content.catalog
    documents = site_documents(catalog, plugin.outputs.texts)
    urls = [document.url for document in documents]

    def result(body: BodyTier | Literal["build", "omit"], rest: bool = True,
               edited: Sequence[int] = ()) -> tuple[WorkerResult, SearchFiles]:
        search = search_files(documents, [category.title for category in catalog.categories],
                              plugin.site.search_language, plugin.site.settings["synonyms"], body=body, rest=rest,
                              edited=edited)
        new = {path: content for path, content in search.files.items() if path not in sent}
        return WorkerResult(generation, new, list(search.files), search_context(search),
                            list(plugin.content.problems)), search

    if last.body is not None and last.urls == urls:
        edited = [number for number, document in enumerate(documents) if document.body != last.texts[number]]
        send(result(last.body, rest=False, edited=edited)[0])
    else:
        send(result("omit", rest=False)[0])
    whole, search = result("build")
    send(whole)
    last.urls, last.body, last.texts = urls, body_tier(search), [document.body for document in documents]
