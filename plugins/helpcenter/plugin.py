"""MkDocs hooks of the help center. Thin on purpose: the logic lives in plain modules."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import chat, contact_form, editorial, gitdates, links, search_index, seo, sitemap, support, translations
from .catalog import HOME, Catalog, Source, build_catalog, category_slug, page_kind, title_from_slug
from .config import HelpCenterConfig
from .frontmatter import parse_front_matter, parse_yaml_mapping
from .icons import icon_exists
from .interface_text import InterfaceText, flat_catalog, language_name, missing_keys
from .languages import language
from .markdown_text import first_heading, first_paragraph, unsupported_syntax
from .page_text import PageText, page_text
from .problems import Problem, sort_problems

log = logging.getLogger("mkdocs.plugins.helpcenter")

CATEGORY_FILE = "_category.yml"
TEMPLATES = {"home": "home.html", "category": "category.html", "article": "article.html"}
# Pages the plugin adds when the docs folder has none of its own: their title (interface
# text) and template. The contact function sends a form posted without JavaScript to the
# thank-you or error page (303).
GENERATED_PAGES = {
    "search.md": ("pages.search", "search.html"),
    "contact.md": ("pages.contact", "contact.html"),
    "contact-thanks.md": ("pages.contact_thanks", "contact-thanks.html"),
    "contact-error.md": ("pages.contact_error", "contact-error.html"),
    "get-help.md": ("pages.get_help", "get-help.html"),
}
# Markers a writer puts in an article to show what mkdocs.yml says (rendered from partials).
INSERTS = {"channels": "partials/support-channels.html", "hours": "partials/support-hours.html",
           "plans": "partials/plans-table.html"}
INSERT_MARKER = re.compile(r"<!--\s*helpcenter:(channels|hours|plans)\s*-->")


class ChecksPassed(Exception):
    """Raised after validation when the build was started only to check (``build.py check``)."""


class HelpCenterPlugin(BasePlugin[HelpCenterConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.check_only = False  # set by build.py check
        self.problems: list[Problem] = []
        self.catalog = Catalog([])
        self._links: dict[str, list[links.Link]] = {}
        self._anchors: dict[str, set[str]] = {}
        self._display_paths: dict[str, str] = {}
        self._special_pages: set[str] = set()
        self._texts: dict[str, PageText] = {}
        self.search: search_index.SearchFiles | None = None
        self.form_schema: dict[str, Any] = {}
        self.hours: support.SupportHours | None = None
        self.support = support.Support()
        self.chat: chat.ChatSettings | None = None
        self.text = InterfaceText("en")
        self.languages = translations.SiteLanguages(("en",), "en")
        self.settings: dict[str, Any] = {}  # what mkdocs.yml says, in this build's language
        self._untranslated: set[str] = set()  # pages shown in the default language
        self._generated: set[str] = set()  # pages the plugin added (home, categories, contact...)
        self._language_pages: dict[str, set[str]] = {}
        self._commit_dates: dict[Path, dt.datetime] = {}
        self._site_root = "/"
        self._site_url_origin = ""
        self.endpoints: dict[str, str] = {}
        self._env: Any = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        code = self.config.language
        self.search_language = self.config.search_language or code
        try:
            language(self.search_language)
        except ValueError as error:
            raise PluginError(f"helpcenter: search_language: {error}") from None
        try:
            self.languages = translations.parse_languages(
                self.config.languages or [code], code, Path(config.docs_dir), multilingual=self.config.multilingual)
            self.settings = translations.translated_settings({
                "site_name": config.site_name, "site_description": config.site_description,
                "reply_promise": self.config.reply_promise, "root_category_title": self.config.root_category_title,
                "synonyms": self.config.synonyms, "channels": self.config.channels, "plans": self.config.plans,
                "contact_form": self.config.contact_form,
            }, self.config.translations, self.languages)
        except translations.LanguagesConfigError as error:
            raise PluginError(f"helpcenter: {error}") from None
        self.text = InterfaceText(code)
        if not flat_catalog(code) and not flat_catalog(code.split("-")[0]):
            log.warning(f"helpcenter: no interface text for '{code}' (helpcenter/locales/{code}.yml): "
                        "the pages' own text shows in English")
        elif missing := missing_keys(code.split("-")[0] if not flat_catalog(code) else code):
            log.warning(f"helpcenter: helpcenter/locales/{code}.yml lacks {len(missing)} keys, shown in English: "
                        + ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else ""))
        config.site_name = self.settings["site_name"]
        config.site_description = self.settings["site_description"]
        parts = urlsplit(config.site_url or "/")
        self._site_url_origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
        site_path = parts.path.rstrip("/")
        prefix = self.languages.prefix(code).rstrip("/")
        # The site's root, where the default language lives: other languages sit under it.
        self._site_root = (site_path[: -len(prefix) - 1] if prefix and site_path.endswith(f"/{prefix}")
                           else site_path) + "/"
        # Endpoints are the site's own paths: under a site served at /help/, /help/api/...
        self.endpoints = {name: (f"{self._site_root.rstrip('/')}{value}" if value.startswith("/") else value)
                          for name, value in (("contact", self.config.contact_endpoint),
                                              ("feedback", self.config.feedback_endpoint),
                                              ("insights", self.config.insights_endpoint)) if value}
        try:
            self.form_schema = contact_form.build_form_schema(
                self.settings["contact_form"], reply_promise=self.settings["reply_promise"],
                endpoint=self.endpoints.get("contact", "/api/contact"), text=self.text)
        except contact_form.FormConfigError as error:
            raise PluginError(f"helpcenter: {error}") from None
        try:
            self.hours = support.parse_hours(self.config.support_hours)
            self.support = support.parse_support(self.settings["channels"], self.settings["plans"])
            self.chat = chat.parse_chat(self.config.chat)
        except (support.SupportConfigError, chat.ChatConfigError) as error:
            raise PluginError(f"helpcenter: {error}") from None
        plan_field = next((f for f in self.form_schema["fields"] if f["name"] == "plan"), None)
        plan_settings = (self.settings["contact_form"].get("fields") or {}).get("plan", {})
        if plan_field and self.support.plans and "options" not in plan_settings:
            # The form's plan field lists the same plans as the plans table.
            plan_field["options"] = [{"value": plan.id, "label": plan.name} for plan in self.support.plans]
            plan_field["options"].append({"value": "unknown", "label": str(self.text("form.plan_unknown"))})
        self.form_schema["thanks_page"] = f"{site_path}/contact-thanks/"
        self.form_schema["error_page"] = f"{site_path}/contact-error/"
        return config

    # -- files: read every page once, validate front matter, build the catalog -------------
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.problems, self._links, self._anchors, self._texts = [], {}, {}, {}
        strict = self.config.strict
        self._add_untranslated_files(files, config)
        category_meta = self._read_category_files(files)
        self._add_missing_pages(files, config, category_meta)

        languages = self.languages
        # Each language's pages, read once per build (every page's switcher asks).
        self._language_pages = {code: languages.pages(code) for code in languages.codes}
        commit_dates = gitdates.last_commit_dates(languages.root if languages.multilingual else Path(config.docs_dir))
        self._commit_dates = commit_dates  # the sitemap's lastmod too
        has_categories = any("/" in f.src_uri for f in files.documentation_pages())
        today = dt.date.today()
        sources = []
        for file in files.documentation_pages():
            display = self._display_path(file)
            text = file.content_string
            front = parse_front_matter(
                text, display,
                extra_keys=frozenset(self.config.extra_front_matter_keys),
                unknown_key_severity="error" if strict else "warning",
            )
            self.problems += front.problems
            self.problems += unsupported_syntax(front.body, display, front.body_line)
            self._links[file.src_uri] = links.extract_links(front.body, front.body_line)
            title = front.meta.get("title") or first_heading(front.body)
            if not title and front.valid and file.src_uri not in self._special_pages:
                self.problems.append(Problem(
                    display, 1,
                    "missing title: add 'title:' to the front matter or a '# Heading' line",
                    "error" if strict else "warning",
                ))
            icon = front.meta.get("icon")
            if icon and not icon_exists(icon, config.theme.dirs):
                self.problems.append(Problem(
                    display, _line_of(text, "icon:"),
                    f"unknown icon '{icon}' (use a name such as 'material/broom')",
                ))
                front.meta.pop("icon")
            if file.src_uri in self._special_pages:
                continue
            own_article = page_kind(file.src_uri) == "article" and file.src_uri not in self._untranslated
            if strict and front.valid and own_article:
                self.problems += editorial.editorial_problems(
                    display, file.src_uri, front.meta, front.body, front.body_line, today=today,
                    line_of={"review_by": _line_of(text, "review_by:")}, has_categories=has_categories)
            sources.append(Source(
                src_uri=file.src_uri, url=file.url, meta=front.meta,
                title=title or title_from_slug(file.src_uri),
                summary=first_paragraph(front.body),
            ))
        self.catalog = build_catalog(
            sources, root_category_title=self.settings["root_category_title"],
            category_files=category_meta,
        )
        for article in self.catalog.articles.values():
            file = files.get_file_from_path(article.src_uri)
            if file is not None and file.abs_src_path:
                article.updated = gitdates.last_updated(Path(file.abs_src_path), commit_dates)
        return files

    def _display_path(self, file: File) -> str:
        """What problems print: a path the writer can open from where they ran the build."""
        if file.abs_src_path:
            path = os.path.relpath(file.abs_src_path)
            display = path if not path.startswith("../../") else file.abs_src_path
        else:
            display = file.src_uri
        self._display_paths[file.src_uri] = display
        return display

    def _add_untranslated_files(self, files: Files, config: MkDocsConfig) -> None:
        """Pages and files of the default language this language lacks: shown as they are, with
        a notice in the reader's language, so no link and no category is missing."""
        self._untranslated = set()
        languages = self.languages
        if not languages.multilingual or languages.current == languages.default:
            return
        source = languages.docs_dir(languages.default)
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source).as_posix()
            if (not path.is_file() or files.get_file_from_path(relative) is not None
                    or any(part.startswith(".") for part in path.relative_to(source).parts)
                    or (path.name.startswith("_") and path.name != CATEGORY_FILE)):
                continue
            files.append(File(relative, src_dir=str(source), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
            if relative.endswith(".md"):
                self._untranslated.add(relative)

    def _read_category_files(self, files: Files) -> dict[str, dict[str, Any]]:
        """``<folder>/_category.yml``: a category's title, description, icon and order."""
        meta: dict[str, dict[str, Any]] = {}
        for file in list(files):
            if file.src_uri.count("/") != 1 or not file.src_uri.endswith("/" + CATEGORY_FILE):
                continue
            files.remove(file)  # data, not a page: never published
            display = self._display_path(file)
            parsed = parse_yaml_mapping(file.content_string, display, first_line=1)
            self.problems += parsed.problems
            meta[category_slug(file.src_uri)] = parsed.meta
        return meta

    def _add_missing_pages(
        self, files: Files, config: MkDocsConfig, category_meta: dict[str, dict[str, Any]]
    ) -> None:
        """Home, category pages and the site pages, for folders that do not have their own."""
        self._special_pages = set()
        existing = {file.src_uri for file in files.documentation_pages()}
        needed: dict[str, str] = {}
        if HOME not in existing:
            needed[HOME] = f"---\ntitle: {_yaml_text(config.site_name)}\n---\n"
        folders = {category_slug(uri) for uri in existing} | set(category_meta)
        for folder in sorted(folders - {""}):
            if f"{folder}/index.md" not in existing:
                title = category_meta.get(folder, {}).get("title") or title_from_slug(folder)
                needed[f"{folder}/index.md"] = f"---\ntitle: {_yaml_text(title)}\n---\n"
        for src_uri, (title_key, template) in GENERATED_PAGES.items():
            if src_uri not in existing:
                title = _yaml_text(str(self.text(title_key)))
                needed[src_uri] = f"---\ntitle: {title}\ntemplate: {template}\n---\n"
                self._special_pages.add(src_uri)
        self._generated = set(needed)
        for src_uri, content in needed.items():
            files.append(File.generated(config, src_uri, content=content))

    # -- pages ------------------------------------------------------------------------------
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.src_uri not in self._special_pages and "template" not in page.meta:
            page.meta["template"] = TEMPLATES[page_kind(page.file.src_uri)]
        # Filled in once the page is rendered (templates are not available this early).
        return INSERT_MARKER.sub(lambda m: f'\n<div data-helpcenter-insert="{m.group(1)}"></div>\n', markdown)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if "data-helpcenter-insert" not in output or self._env is None:
            return output
        context = {"helpcenter": self._env.globals["helpcenter"], "base_url": get_relative_url(".", page.url),
                   "page": page, "config": config}
        return re.sub(r'<div data-helpcenter-insert="(\w+)"></div>',
                      lambda m: self._env.get_template(INSERTS[m.group(1)]).render(context), output)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self._anchors[page.file.src_uri] = links.anchors_in_html(html)
        if page.file.src_uri in self.catalog.articles:
            self._texts[page.file.src_uri] = page_text(html)
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        other_files = {file.src_uri for file in files if not file.is_documentation_page()}
        severity = "error" if self.config.strict else "warning"
        for src_uri, page_links in self._links.items():
            self.problems += links.check_links(
                self._display_paths.get(src_uri, src_uri), src_uri, page_links,
                self._anchors, other_files, severity,
            )
        self._report()
        if self.check_only:
            raise ChecksPassed()
        self.search = self._build_search()
        for warning in self.search.warnings:
            log.warning(f"search: {warning}")
        env.globals["helpcenter"] = self._site_context(files)
        env.globals["t"] = self.text  # interface text: {{ t("article.next") }}
        self._env = env
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        languages = self.languages
        # The site's own docs (not a folder built with --docs-dir) feed the functions: each
        # language's build merges its part into files they import. Two languages' previews
        # may write at once, hence the lock.
        own_site = self.config.multilingual
        if self.config.form_schema_file and own_site:
            # The contact function's schema: the page's rules, labels and pages per language.
            target = Path(config.config_file_path or ".").parent / self.config.form_schema_file
            _merge_json(target, lambda existing: contact_form.merge_schema_file(
                existing, self.form_schema, languages.codes))
        if self.config.site_pages_file and own_site:
            # The feedback and search-miss functions count only the site's own articles.
            target = Path(config.config_file_path or ".").parent / self.config.site_pages_file
            prefix = self._site_root + languages.prefix(languages.current)
            articles = sorted(prefix + article.url for article in self.catalog.articles.values())

            def merged(existing: Any) -> dict[str, Any]:
                known = (existing or {}).get("languages", {}) if isinstance(existing, dict) else {}
                pages = {code: known.get(code, []) for code in languages.codes}
                pages[languages.current] = articles
                return {"default": languages.default, "languages": pages}

            _merge_json(target, merged)
        if languages.current != languages.default:
            # The root sitemap lists this language's pages with their translations.
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                Path(config.site_dir, name).unlink(missing_ok=True)
        if languages.current == languages.default:
            # Netlify applies a _headers file in the published folder after netlify.toml's
            # rules: the pages' CSP is written here, from the chat config, so it allows exactly
            # the chosen chat vendor's hosts. _redirects gives each language its own 404 page.
            Path(config.site_dir, "_headers").write_text(
                "# Written by the helpcenter plugin from mkdocs.yml (chat) on every build.\n"
                f"/*\n  Content-Security-Policy: {chat.content_security_policy(self.chat)}\n", encoding="utf-8")
            # One sitemap for every language, each page with its translations (hreflang) and
            # its last change in git; without the pages readers reach only through the site.
            sitemap.write_sitemap(Path(config.site_dir), sitemap.sitemap_entries(
                languages, self._site_url_origin + self._site_root, self._generated,
                self._commit_dates, docs_dir=Path(config.docs_dir)))
            robots = Path(config.site_dir, "robots.txt")
            if self._site_url_origin and self._site_root == "/":
                robots.write_text(seo.robots_txt(f"{self._site_url_origin}/sitemap.xml"), encoding="utf-8")
            else:
                robots.unlink(missing_ok=True)  # crawlers read robots.txt at a host's root only
            # Paths in _redirects are the published folder's own (Netlify serves it at "/").
            Path(config.site_dir, "_redirects").write_text(
                "# Written by the helpcenter plugin: each language's own 404 page.\n" + "".join(
                    f"/{code}/* /{code}/404.html 404\n" for code in languages.codes[1:]), encoding="utf-8")
        if self.search is None:
            return
        for path, content in self.search.files.items():
            target = Path(config.site_dir, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)

    def _build_search(self) -> search_index.SearchFiles:
        categories = self.catalog.categories
        documents = []
        for number, category in enumerate(categories):
            for article in category.articles:
                text = self._texts.get(article.src_uri, PageText())
                documents.append(search_index.SearchDocument(
                    title=article.title, url=article.url, category=number,
                    summary=article.description, keywords=article.keywords,
                    headings=text.headings, body=text.body,
                ))
        return search_index.build_search_files(
            documents, [category.title for category in categories],
            language(self.search_language), synonyms=self.settings["synonyms"],
        )

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        src_uri = page.file.src_uri
        kind = "page" if src_uri in self._special_pages else page_kind(src_uri)
        if src_uri in self._untranslated and self.languages.multilingual:
            # The same text as the default language's page: that page is the one to index.
            page.canonical_url = self._site_url_origin + self._site_root + page.url
        hc: dict[str, Any] = {"kind": kind, "category": None, "article": None,
                              "untranslated": src_uri in self._untranslated,
                              "languages": self._page_languages(page)}
        article = self.catalog.articles.get(src_uri)
        if article is not None:
            previous, following = self.catalog.neighbours(article)
            hc.update(
                article=article,
                category=self.catalog.category(article.category),
                previous=previous,
                next=following,
                related=self.catalog.related(article, self.config.related_articles),
                updated=article.updated,
                updated_text=self.text.date(article.updated) if article.updated else "",
                article_path=self._site_root + self.languages.prefix(self.languages.current) + page.url,
            )
        elif kind == "category":
            hc["category"] = self.catalog.category_page(src_uri)
        hc.update(self._page_seo(page, hc, config))
        context["hc"] = hc
        return context

    def _page_seo(self, page: Page, hc: dict[str, Any], config: MkDocsConfig) -> dict[str, Any]:
        """Link-preview meta, JSON-LD, and the links to edit (or translate) the page's source."""
        site_url = self._site_url_origin + self._site_root
        home = site_url + self.languages.prefix(self.languages.current)
        url = page.canonical_url or home + page.url
        article, category = hc["article"], hc["category"]
        own_description = article.description if article else (
            category.description if category and hc["kind"] == "category" else "")
        description = own_description or config.site_description or ""
        alternates = [item["code"] for item in hc["languages"] if not item["current"] and item["translated"]]
        result: dict[str, Any] = {"seo": {
            "meta": seo.page_meta(title=page.title or config.site_name, description=description, url=url,
                                  site_name=config.site_name, language=self.languages.current,
                                  alternates=alternates, is_article=article is not None),
            "json_ld": [],
        }}
        crumbs = [seo.Crumb(str(self.text("breadcrumbs.home")), home)]
        if category and category.url:
            crumbs.append(seo.Crumb(category.title, home + category.url))
        if article:
            crumbs.append(seo.Crumb(article.title, url))
            language = self.languages.default if hc["untranslated"] else self.languages.current
            result["seo"]["json_ld"].append(seo.json_ld_script(seo.article_json_ld(
                headline=article.title, description=description, url=url, language=language,
                site_name=config.site_name, site_url=site_url, modified=article.updated)))
        if len(crumbs) > 1:
            result["seo"]["json_ld"].append(seo.json_ld_script(seo.breadcrumb_json_ld(crumbs)))
        repository = seo.repository(config.repo_url, self.config.repo_branch)
        source = page.file.abs_src_path
        if repository and source and page.file.generated_by is None and hc["kind"] != "page":
            root = Path(config.config_file_path or ".").parent.resolve()
            try:
                path = Path(source).resolve().relative_to(root).as_posix()
            except ValueError:
                path = None
            if path and hc["untranslated"]:
                target = (self.languages.docs_dir(self.languages.current) / page.file.src_uri).resolve()
                result["translate_url"] = repository.new_url(target.relative_to(root).as_posix())
            elif path:
                result["edit_url"] = repository.edit_url(path)
        return result

    # -- languages --------------------------------------------------------------------------
    def _page_languages(self, page: Page) -> list[dict[str, Any]]:
        """This page in every language of the site, for the switcher and hreflang links: the
        same article where that language has it (natively, or in the default language with a
        notice), or that language's home."""
        languages = self.languages
        if not languages.multilingual:
            return []
        src_uri = page.file.src_uri
        generated = page.file.generated_by is not None
        default_pages = self._language_pages[languages.default]
        result = []
        for code in languages.codes:
            own = self._language_pages[code]
            translated = src_uri in own or src_uri in self._special_pages
            exists = translated or (code != languages.default and src_uri in default_pages) or (
                generated and self._folder_exists(code, src_uri))
            home = f"{self._site_root}{languages.prefix(code)}"
            url = home + (page.url if exists else "")
            result.append({"code": code, "name": language_name(code), "url": url,
                           "current": code == languages.current,
                           "translated": translated or (exists and generated)})
        return result

    def _folder_exists(self, code: str, src_uri: str) -> bool:
        """Whether a generated page (home, a category without index.md) exists in a language."""
        folder = src_uri.rpartition("/")[0]
        languages = self.languages
        return any((languages.docs_dir(c) / folder).is_dir() for c in {code, languages.default})

    # -- helpers ----------------------------------------------------------------------------
    def _site_context(self, files: Files) -> dict[str, Any]:
        help_file = files.get_file_from_path(self.config.help_article or "")
        return {
            "categories": self.catalog.categories,
            "top_articles": self.config.top_articles,
            "contact_email": self.config.contact_email,
            "reply_promise": self.settings["reply_promise"],
            "hours": self.hours,
            "hours_json": json.dumps(self.hours.to_json()) if self.hours else "",
            "hours_lines": self.hours.summary_lines(self.text) if self.hours else [],
            "support": self.support,
            "chat": self.chat,
            # Per plan, the names of its channels and its reply time (the contact form shows them).
            "plans_json": json.dumps({plan.id: {"name": plan.name, "reply_time": plan.reply_time, "channels": [
                c.name for c in self.support.channels if c.id in plan.channels]} for plan in self.support.plans}),
            "chat_json": json.dumps(self.chat.for_page(self.languages.current)) if self.chat else "",
            "chat_everywhere": bool(self.chat and self.chat.show_on == "all"),
            "get_help_url": "get-help/",
            "help_article_url": help_file.url if help_file else None,
            "search_manifest": self.search.manifest_path if self.search else None,
            "search_prefetch": self.search.prefetch_paths if self.search else [],
            "search_shards": search_index.shard_list(self.search.shard_table) if self.search else "",
            "search_language": self.search_language,
            "language": self.languages.current,
            "language_name": self.text.language_in_text(self.languages.current),
            "default_language": self.languages.default,
            "default_language_name": self.text.language_in_text(self.languages.default),
            # The languages' homes, for pages outside the catalog (the 404 page).
            "languages": [{"code": code, "name": language_name(code), "current": code == self.languages.current,
                           "url": f"{self._site_root}{self.languages.prefix(code)}"}
                          for code in self.languages.codes] if self.languages.multilingual else [],
            "form": self.form_schema,
            "feedback_endpoint": self.endpoints.get("feedback"),
            "insights_endpoint": self.endpoints.get("insights"),
            "form_json": json.dumps(self.form_schema, ensure_ascii=False).replace("<", "\\u003c"),
            # Shown at the top of every page during live preview, so writers see them.
            "problems": [p.format() for p in sort_problems(self.problems)]
            if self.config.preview else [],
        }

    def _report(self) -> None:
        problems = sort_problems(self.problems)
        for problem in problems:
            (log.error if problem.severity == "error" else log.warning)(problem.format())
        errors = sum(problem.severity == "error" for problem in problems)
        if errors and not self.config.preview:
            raise Abort(f"{errors} problem{'s' if errors != 1 else ''} in the docs (listed above)")


def _line_of(text: str, prefix: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(prefix):
            return number
    return 1


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _merge_json(path: Path, merge: Any) -> None:
    """Read, merge and write a JSON file under a lock, replacing it in one step (a reader
    never sees half a file, and two builds writing at once both keep their part)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir(), f"helpcenter-{lock_name}.lock"), "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # Windows: one build at a time is the norm there
            pass
        content = json.dumps(merge(_read_json(path)), indent=1, ensure_ascii=False) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            scratch = path.with_name(f".{path.name}.{os.getpid()}")
            scratch.write_text(content, encoding="utf-8")
            os.replace(scratch, path)
