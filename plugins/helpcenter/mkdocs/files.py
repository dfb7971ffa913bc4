"""A language's MkDocs files, completed: pages this language lacks (shown from the default
language), home and category pages for folders without one, the site pages (search,
contact...), the JavaScript shared with the functions; category files taken out as data."""

from __future__ import annotations

import functools
import json
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..content.catalog import HOME, category_slug, title_from_slug
from ..content.frontmatter import front_matter_data
from ..content.reading import CATEGORY_FILE, PageFile, is_category_file, read_category_file
from ..content.urls import PageAddress, assign_paths
from ..i18n.interface_text import InterfaceText
from ..problems import Problem
from ..site import Site

# Pages the plugin adds when the docs folder has none of its own: their title (interface
# text) and template. The contact function answers a form posted without JavaScript with the
# error page, or the thanks page, filled in (netlify/lib/pages.mjs).
SITE_PAGES = {
    "search.md": ("pages.search", "search.html"),
    "contact.md": ("pages.contact", "contact.html"),
    "contact-thanks.md": ("pages.contact_thanks", "contact-thanks.html"),
    "contact-error.md": ("pages.contact_error", "contact-error.html"),
    "get-help.md": ("pages.get_help", "get-help.html"),
}
# JavaScript that the browser and the functions both run: one home (common/), linked into the
# theme as assets/helpcenter/common (MkDocs does not follow the link: we publish its files).
COMMON_JS_URL = "assets/helpcenter/common"
# The search modules are published as one bundle (npm run bundle); their sources stay home.
SEARCH_MODULES = "assets/helpcenter/search/"
SEARCH_BUNDLE = "assets/helpcenter/search/bundle.js"
# What the pages' scripts say, from the language's catalog (strings.js imports it).
BROWSER_TEXT_URL = "assets/helpcenter/text/{code}.js"


@dataclass
class AddedPages:
    """What the plugin added to a language's files, and the category files it took out."""

    untranslated: set[str] = field(default_factory=set)  # the default language's, shown here
    generated: set[str] = field(default_factory=set)  # home, categories, site pages
    site_pages: set[str] = field(default_factory=set)  # search, contact...: no catalog entry
    category_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    shared_theme_files: set[str] = field(default_factory=set)  # the default language's copy serves


def complete_files(files: Files, config: MkDocsConfig, site: Site) -> AddedPages:
    added = AddedPages()
    added.untranslated = _add_untranslated(files, config, site)
    _take_category_files(files, added)
    _add_missing_pages(files, config, site, added)
    _add_common_js(files, config)
    added.problems += _readable_urls(files, config, site)
    shared_text = _add_browser_text(files, config, site)
    _drop_bundled_sources(files)
    added.shared_theme_files = _drop_shared_theme_files(files, config, site) | shared_text
    return added


# The preview keeps each file's text by its size and time of change, so that loading its site
# again (a new or deleted file) reads only what changed; a build reads each file once anyway.
TEXTS: dict[str, tuple[int, int, str]] | None = None


def text_of(file: File) -> str:
    """A file's text (from the preview's memory when the file did not change)."""
    if TEXTS is None or not file.abs_src_path:
        return file.content_string
    stat = os.stat(file.abs_src_path)
    kept = TEXTS.get(file.abs_src_path)
    if kept is not None and kept[0] == stat.st_mtime_ns and kept[1] == stat.st_size:
        return kept[2]
    text = file.content_string
    TEXTS[file.abs_src_path] = (stat.st_mtime_ns, stat.st_size, text)
    return text


def page_files(files: Files, added: AddedPages) -> list[PageFile]:
    return [PageFile(src_uri=file.src_uri, url=file.url, text=text_of(file), display=display_path(file),
                     abs_path=_path(file.abs_src_path) if file.abs_src_path else None,
                     site_page=file.src_uri in added.site_pages, untranslated=file.src_uri in added.untranslated)
            for file in files.documentation_pages()]


def display_path(file: File) -> str:
    """What problems print: a path the writer can open from where they ran the build."""
    if not file.abs_src_path:
        return file.src_uri
    return _display_path(file.abs_src_path)


# One Path per file for as long as it is there: a preview reads its 10,000 pages again after
# each new or deleted file, and making their Paths was a tenth of that.
_path = functools.lru_cache(maxsize=65536)(Path)


@functools.lru_cache(maxsize=65536)
def _display_path(abs_src_path: str) -> str:
    path = os.path.relpath(abs_src_path)
    return path if not path.startswith("../../") else abs_src_path


def _add_untranslated(files: Files, config: MkDocsConfig, site: Site) -> set[str]:
    """Pages and files of the default language this language lacks: shown as they are, with
    a notice in the reader's language, so no link and no category is missing."""
    languages = site.languages
    if not languages.multilingual or languages.current == languages.default:
        return set()
    untranslated = set()
    source = languages.docs_dir(languages.default)
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if (not path.is_file() or files.get_file_from_path(relative.as_posix()) is not None
                or any(part.startswith(".") for part in relative.parts)
                or (path.name.startswith("_") and path.name != CATEGORY_FILE)):
            continue
        files.append(File(relative.as_posix(), src_dir=str(source), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
        if relative.suffix == ".md":
            untranslated.add(relative.as_posix())
    return untranslated


def _take_category_files(files: Files, added: AddedPages) -> None:
    for file in list(files):
        if is_category_file(file.src_uri):
            files.remove(file)  # data, not a page: never published
            slug, meta, problems = read_category_file(file.src_uri, file.content_string, display_path(file))
            added.category_meta[slug] = meta
            added.problems += problems


def _add_missing_pages(files: Files, config: MkDocsConfig, site: Site, added: AddedPages) -> None:
    """Home, category pages and the site pages, for folders that do not have their own."""
    existing = {file.src_uri for file in files.documentation_pages()}
    needed: dict[str, str] = {}
    if HOME not in existing:
        needed[HOME] = f"---\ntitle: {_yaml_text(config.site_name)}\n---\n"
    folders = {category_slug(uri) for uri in existing} | {key for key in added.category_meta if "/" not in key}
    for folder in sorted(folders - {""}):
        if f"{folder}/index.md" not in existing:
            title = added.category_meta.get(folder, {}).get("title") or title_from_slug(folder)
            needed[f"{folder}/index.md"] = f"---\ntitle: {_yaml_text(title)}\n---\n"
    for src_uri, (title_key, template) in SITE_PAGES.items():
        if src_uri not in existing:
            title = _yaml_text(str(site.text(title_key)))
            needed[src_uri] = f"---\ntitle: {title}\ntemplate: {template}\n---\n"
            added.site_pages.add(src_uri)
    added.generated = set(needed)
    for src_uri, content in needed.items():
        files.append(File.generated(config, src_uri, content=content))


def _add_common_js(files: Files, config: MkDocsConfig) -> None:
    folders = [Path(theme_dir, COMMON_JS_URL) for theme_dir in config.theme.dirs]
    # Where a checkout has no symbolic links (git on Windows without them): common/ itself.
    folders.append(Path(config.config_file_path or ".").parent / "common")
    folder = next((f.resolve() for f in folders if f.is_dir()), None)
    if folder is None:
        return
    for path in sorted(folder.rglob("*.js")):
        uri = f"{COMMON_JS_URL}/{path.relative_to(folder).as_posix()}"
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))


def _readable_urls(files: Files, config: MkDocsConfig, site: Site) -> list[Problem]:
    """Every page at its readable URL (content/urls.py), set before anything reads one."""
    addresses = []
    for file in files.documentation_pages():
        meta = _light_front_matter(file)
        addresses.append(PageAddress(file.src_uri, display_path(file), slug=_text(meta.get("slug")),
                                     permalink=_text(meta.get("permalink"))))
    paths, problems = assign_paths(addresses, "error" if site.options.strict else "warning")
    for file in files.documentation_pages():
        file.dest_uri = dest_uri(paths[file.src_uri], config.use_directory_urls)
        for cached in ("url", "abs_dest_path"):  # derived from dest_uri, recomputed on next use
            file.__dict__.pop(cached, None)
    return problems


def _light_front_matter(file: File) -> dict[str, Any]:
    """The front matter's slug and permalink, before the pages are read (errors are theirs)."""
    try:
        return front_matter_data(text_of(file))
    except (OSError, UnicodeDecodeError):
        return {}


def dest_uri(path: str, directory_urls: bool) -> str:
    """Where a page at readable ``path`` is written."""
    return f"{path}index.html" if directory_urls or not path else f"{path.rstrip('/')}.html"


def readable_keys(meta: dict[str, Any]) -> tuple[str | None, str | None]:
    """The front matter keys a page's URL depends on."""
    return _text(meta.get("slug")), _text(meta.get("permalink"))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _add_browser_text(files: Files, config: MkDocsConfig, site: Site) -> set[str]:
    """Each language's scripts' text. Like the theme's files, a site in several languages
    publishes them once, with the default language (it writes every language's); another
    language's build points at that copy (the URIs returned). A preview keeps its own."""
    languages = site.languages
    shared = languages.multilingual and not site.options.preview
    if shared and languages.current != languages.default:
        return {BROWSER_TEXT_URL.format(code=languages.current)}
    for code in languages.codes if shared else [languages.current]:
        text = site.text if code == languages.current else InterfaceText(code, site.text.site_locales)
        entries = json.dumps(text.browser_text(), ensure_ascii=False, sort_keys=True, indent=1)
        content = ("// Written by the build from plugins/helpcenter/i18n/locales (section scripts).\n"
                   f"export default {entries};\n")
        files.append(File.generated(config, BROWSER_TEXT_URL.format(code=code), content=content))
    return set()


def _drop_bundled_sources(files: Files) -> None:
    for file in list(files):
        if file.src_uri.startswith(SEARCH_MODULES) and file.src_uri.endswith(".js") and file.src_uri != SEARCH_BUNDLE:
            files.remove(file)


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _drop_shared_theme_files(files: Files, config: MkDocsConfig, site: Site) -> set[str]:
    """In a site built in several languages, a language other than the default uses the
    default's copy of the theme's files (Material's and ours, the same bytes): a reader who
    switches language downloads nothing again, and the site is published once, not per
    language. Writers' own files (from any language's docs folder) stay with their pages.
    A preview serves each language on its own, so it keeps its copy."""
    languages = site.languages
    if site.options.preview or not languages.multilingual or languages.current == languages.default:
        return set()
    docs = [languages.docs_dir(code).resolve() for code in languages.codes]

    def from_docs(file: File) -> bool:
        path = Path(file.abs_src_path).resolve() if file.abs_src_path else None
        return path is not None and any(path.is_relative_to(folder) for folder in docs)

    # A folder where a writer replaced one of the theme's files keeps all of its files here:
    # theirs may import its neighbours by relative path (./header.js).
    overridden = {posixpath.dirname(file.src_uri) for file in files
                  if not file.is_documentation_page() and from_docs(file)}
    shared = set()
    for file in list(files):
        if file.is_documentation_page() or not file.abs_src_path or from_docs(file):
            continue
        if any(file.src_uri.startswith(f"{folder}/") for folder in overridden if folder):
            continue
        files.remove(file)
        shared.add(file.src_uri)
    return shared


def shared_files_url(url_filter: Callable[..., str], shared: set[str], levels: int) -> Callable[..., str]:
    """MkDocs' ``url`` filter, with the shared theme files (see _drop_shared_theme_files)
    pointing ``levels`` folders up, to the default language's copy."""

    @pass_context
    def url(context: Any, value: Any) -> str:
        path = str(value)
        if path not in shared:
            return url_filter(context, path)
        found = url_filter(context, "../" * levels + path)
        # An absolute URL (the 404 page's) comes as /es/../assets/...: say /assets/...
        return posixpath.normpath(found) if found.startswith("/") else found

    return url
