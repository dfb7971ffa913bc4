"""MkDocs hooks of the help center, in the order MkDocs calls them. Each hands its work to the
module that owns it; the state of a build lives in a few typed objects: the ``Site`` (what
mkdocs.yml says, in this build's language), the pages the plugin added, the ``SiteContent``
read from the pages (catalog, links, problems) and the build's outputs (anchors, page text,
search files)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import ClassVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from ..content import gitdates, links
from ..content.catalog import page_kind
from ..content.dialects import Dialects, WikiIndex
from ..content.frontmatter import front_matter_data
from ..content.icons import icon_exists
from ..content.identity import folder_identity
from ..content.page_text import PageText, page_text_and_anchors
from ..content.reading import SiteContent, read_pages
from ..content.urls import readable_path
from ..i18n.interface_text import catalog_warning
from ..i18n.switcher import LanguagePages
from ..i18n.tags import is_right_to_left, theme_translation, with_page_language
from ..options import BuildOptions
from ..problems import ConfigError, Problem, sort_problems
from ..publish import site_files, slim
from ..search.apart import APART_ARTICLES, SearchApart, start_search
from ..search.index import SearchFiles
from ..search.site_search import build_site_search, site_documents
from ..site import ENDPOINTS, Site, load_site
from . import context, inserts
from .config import HelpCenterConfig, plain
from .files import AddedPages, complete_files, dest_uri, page_files, readable_keys, shared_files_url

log = logging.getLogger("mkdocs.plugins.helpcenter")

TEMPLATES = {"home": "home.html", "category": "category.html", "article": "article.html"}


class ChecksDone(Exception):
    """Stops a build started only to validate (``build.py check``) once every page is read
    and every link checked, carrying what it found."""

    def __init__(self, problems: list[Problem], articles: int) -> None:
        super().__init__(f"{len(problems)} problems, {articles} articles")
        self.problems, self.articles = problems, articles


@dataclass
class BuildOutputs:
    """What rendering the pages produced: anchors (for link checks), article text (for search)."""

    anchors: dict[str, set[str]] = field(default_factory=dict)
    texts: dict[str, PageText] = field(default_factory=dict)
    search: SearchFiles | None = None
    commit_dates: dict[Path, dt.datetime] = field(default_factory=dict)


class HelpCenterPlugin(BasePlugin[HelpCenterConfig]):
    supports_multiple_instances = False
    # Set by build.py, which runs one MkDocs build per language; None under plain `mkdocs`.
    build_options: ClassVar[BuildOptions | None] = None
    site: Site
    added: AddedPages
    language_pages: LanguagePages
    content: SiteContent
    outputs: BuildOutputs
    _env: Environment
    checks_done = False
    search_deferred = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            _check_disabled(config)
            return None
        options = self.build_options or _plain_mkdocs_options(self.config.languages)
        if options.own_identity:
            _wear_own_identity(config, self.config)
        settings = plain({key: self.config[key] for key in (
            "reply_promise", "root_category_title", "synonyms", "channels", "plans", "contact_form")})
        try:
            self.site = load_site(
                options, language_codes=list(self.config.languages), theme_language=config.theme["language"] or "en",
                docs_dir=Path(config.docs_dir), site_url=config.site_url or "/",
                translations=plain(self.config.translations),
                search_language=self.config.search_language, support_hours=plain(self.config.support_hours),
                chat=plain(self.config.chat), endpoints={name: self.config[f"{name}_endpoint"] for name in ENDPOINTS},
                site_locales=self._site_locales(config),
                settings={"site_name": config.site_name, "site_description": config.site_description, **settings})
        except ConfigError as error:
            raise PluginError(f"helpcenter: {error}") from None
        if warning := catalog_warning(self.site.language, self.site.text.site_locales):
            log.warning(f"helpcenter: {warning}")
        config.site_name = self.site.settings["site_name"]
        config.site_description = self.site.settings["site_description"]
        # Material's translation closest to the site's tag (zh-Hans: zh); pages say the tag.
        config.theme["language"] = theme_translation(self.site.language, _theme_translations(config))
        # Right to left for every such language, with or without a translation of Material's
        # (a direction set in mkdocs.yml stays).
        if not config.theme.get("direction"):
            config.theme["direction"] = "rtl" if is_right_to_left(self.site.language) else "ltr"
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        site = self.site
        self.added = complete_files(files, config, site)
        self.outputs = BuildOutputs(commit_dates=gitdates.last_commit_dates(
            site.languages.root or Path(config.docs_dir)))
        self.language_pages = LanguagePages.read(site.languages, self.added.site_pages)
        self.dialects = Dialects(WikiIndex([file.src_uri for file in files]),
                                 lambda kind: site.text.plain(f"callouts.{kind}"))
        self.content, self.reading = read_pages(
            page_files(files, self.added), strict=site.options.strict,
            extra_keys=frozenset(self.config.extra_front_matter_keys),
            root_category_title=site.settings["root_category_title"], category_meta=self.added.category_meta,
            icon_exists=lambda icon: icon_exists(icon, config.theme.dirs), commit_dates=self.outputs.commit_dates,
            dialects=self.dialects)
        self.content.problems += self.added.problems
        self._directory_urls = config.use_directory_urls
        return files

    def page_changed(self, file: File, files: Files) -> bool:
        """An edited page read again, the catalog made again (the preview, mkdocs/live.py).
        False when the edit moves the page (its slug or permalink): the site must be loaded
        again for that."""
        if file.src_uri not in self.content.bodies:
            return False
        (page,) = page_files(Files([file]), self.added)
        slug, permalink = readable_keys(front_matter_data(page.text))
        if dest_uri(readable_path(file.src_uri, slug=slug, permalink=permalink), self._directory_urls) != file.dest_uri:
            return False
        self.content.update_page(page, self.reading)
        return True

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if page.file.src_uri not in self.added.site_pages and "template" not in page.meta:
            page.meta["template"] = TEMPLATES[page_kind(page.file.src_uri)]
        src_uri = page.file.src_uri
        markdown = self.dialects.expand_embeds(markdown, src_uri, self.content.bodies.get)
        return inserts.mark(self.dialects.rewrite(markdown, src_uri))

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if page.file.src_uri in self.content.catalog.articles:
            self.outputs.texts[page.file.src_uri], self.outputs.anchors[page.file.src_uri] = page_text_and_anchors(html)
        else:
            self.outputs.anchors[page.file.src_uri] = links.anchors_in_html(html)
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return None
        # The theme files a language shares with the default are still there for its links.
        # On demand no page is rendered yet (mkdocs/live.py); a build process of mkdocs/parallel.py
        # is told what its parent checked, and builds the search index beside the pages.
        if not self.site.options.preview:
            self.content.bodies.clear()  # every page's Markdown is converted: embeds are done
        if not self.site.options.on_demand and not self.checks_done:
            self.check_links(files)
            if not self.search_deferred:
                # A preview keeps them in memory (its worker hands them to the server).
                self.build_search(None if self.site.options.preview else Path(config.site_dir))
        env.globals["helpcenter"] = context.site_context(self.site, self.content, self.outputs.search,
                                                         self.language_pages, self.config, files)
        env.globals["t"] = self.site.text  # interface text: {{ t("article.next") }}
        if self.added.shared_theme_files:
            levels = self.site.languages.prefix(self.site.language).count("/")
            env.filters["url"] = shared_files_url(env.filters["url"], self.added.shared_theme_files, levels)
        self._env = env
        return env

    def check_links(self, files: Files) -> None:
        """Every link and anchor of every page (all rendered by now), then the problems listed."""
        other_files = {file.src_uri for file in files if not file.is_documentation_page()}
        other_files |= self.added.shared_theme_files
        self.content.check_links(self.outputs.anchors, other_files, self.site.options.strict)
        self._report()

    def build_search(self, site_dir: Path | None) -> SearchFiles:
        """The search files, written into ``site_dir`` as they are made (a large site's by a
        process of its own: search/apart.py), or kept in ``outputs.search.files``."""
        if site_dir and len(self.content.catalog.articles) >= APART_ARTICLES:
            try:
                self.outputs.search = self.start_search(site_dir).result()
            except RuntimeError as error:
                raise PluginError(f"helpcenter: {error}") from None
        else:
            write = partial(site_files.write_file, site_dir) if site_dir else None
            self.outputs.search = build_site_search(self.content.catalog, self.outputs.texts,
                                                    self.site.search_language, self.site.settings["synonyms"], write)
        for warning in self.outputs.search.warnings:
            log.warning(f"search: {warning}")
        return self.outputs.search

    def start_search(self, site_dir: Path) -> SearchApart:
        """The search files built by a process of its own, written into ``site_dir``."""
        catalog = self.content.catalog
        return start_search(site_documents(catalog, self.outputs.texts), [c.title for c in catalog.categories],
                            self.site.search_language, self.site.settings["synonyms"], site_dir)

    def on_page_context(self, page_context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        if not self.config.enabled:
            return None
        page_context["hc"] = context.page_context(  # type: ignore[typeddict-unknown-key]
            page, config, self.site, self.content, self.added, self.language_pages, self.config)
        return page_context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        output = with_page_language(output, self.site.language)
        if not inserts.has_placeholders(output):
            return output
        return inserts.fill(output, self._env, {"helpcenter": self._env.globals["helpcenter"], "page": page,
                                                "base_url": get_relative_url(".", page.url), "config": config})

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site, root = self.site, Path(config.config_file_path or ".").parent
        schema_file = root / self.config.form_schema_file if self.config.form_schema_file else None
        pages_file = root / self.config.site_pages_file if self.config.site_pages_file else None
        text_file = root / self.config.function_text_file if self.config.function_text_file else None
        # The site's own docs feed the functions. A folder built with --docs-dir never replaces
        # them; its preview writes them only where there are none yet, so its functions start.
        if site.options.multilingual or (site.options.preview and schema_file and not schema_file.exists()):
            site_files.write_function_files(
                site, schema_file=schema_file, pages_file=pages_file, text_file=text_file,
                article_urls=[article.url for article in self.content.catalog.articles.values()])
        if site.options.on_demand:  # the preview serves pages and search files from memory
            return
        site_files.write_root_files(site, Path(config.site_dir), docs_dir=Path(config.docs_dir),
                                    generated_pages=self.added.generated, commit_dates=self.outputs.commit_dates)
        if self.outputs.search is not None:
            site_files.write_files(Path(config.site_dir), self.outputs.search.files)
        if not site.options.preview:  # the preview keeps the comments, for whoever debugs
            slim.slim_folder(Path(config.site_dir) / "assets" / "helpcenter")

    def _site_locales(self, config: MkDocsConfig) -> Path | None:
        folder = Path(config.config_file_path or ".").parent / self.config.locales_dir
        return folder.resolve() if self.config.locales_dir and folder.is_dir() else None

    def _report(self) -> None:
        """Problems go to the log; errors stop a build (not a preview), a check stops here."""
        problems = sort_problems(self.content.problems)
        for problem in problems:
            (log.error if problem.severity == "error" else log.warning)(problem.format())
        errors = sum(problem.severity == "error" for problem in problems)
        if errors and not self.site.options.preview:
            raise Abort(f"{errors} problem{'s' if errors != 1 else ''} in the docs (listed above)")
        if self.site.options.check_only:
            raise ChecksDone(problems, len(self.content.catalog.articles))


def _wear_own_identity(config: MkDocsConfig, options: HelpCenterConfig) -> None:
    """A folder of someone else's Markdown, built with our sample's mkdocs.yml: its own name
    and description, and nothing of the sample's support (see BuildOptions.own_identity)."""
    config.site_name, config.site_description = folder_identity(Path(config.docs_dir))
    config.repo_url = config.edit_uri = None
    config.site_url = "/"
    for key, empty in (("contact_email", ""), ("reply_promise", ""), ("synonyms", []), ("channels", []),
                       ("plans", []), ("chat", None), ("support_hours", None), ("help_article", None),
                       ("translations", {}), ("contact_form", {}), ("locales_dir", "")):
        options[key] = empty


def _theme_translations(config: MkDocsConfig) -> frozenset[str]:
    return frozenset(path.stem for folder in config.theme.dirs
                     for path in Path(folder, "partials", "languages").glob("*.html"))


def _check_disabled(config: MkDocsConfig) -> None:
    """Disabled, the plugin adds nothing; the theme's overrides would then fail on a missing
    ``t`` or ``helpcenter``: say so instead of a template traceback."""
    if any(Path(folder, "assets/helpcenter").is_dir() for folder in config.theme.dirs):
        raise PluginError("helpcenter: enabled: false, but the theme's custom_dir (overrides/) needs the plugin: "
                          "remove custom_dir too for a plain Material site")


def _plain_mkdocs_options(languages: list[str]) -> BuildOptions:
    """Plain ``mkdocs build`` or ``mkdocs serve``: a one-language site builds whole; a
    multilingual one is several builds, which build.py runs."""
    if len(languages) > 1:
        raise PluginError(
            f"helpcenter: this help center has {len(languages)} languages ({', '.join(languages)}), each a "
            "build of its own: use 'python build.py build' (or 'python build.py serve') instead of mkdocs")
    return BuildOptions(language=languages[0] if languages else None)
