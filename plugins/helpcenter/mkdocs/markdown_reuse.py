"""Pages' Markdown converted by one ``markdown.Markdown`` per process, reset between pages.

MkDocs makes a new converter for every page (``Page.render``): it loads each extension and
deep-copies its settings again, about 2.5 ms a page, a tenth of a short article's whole build
(25 s of CPU at 10,000 articles). Python-Markdown's ``reset()`` is made for reuse, and the
extensions that keep state between documents reset it there. Only extensions known to do so
(Python-Markdown's own and PyMdown Extensions', which a help center's mkdocs.yml lists) are
reused; with any other, each page gets a new converter, as in MkDocs. A test holds what
``render`` gives equal to ``Page.render``, page after page.
"""

from __future__ import annotations

import logging

import markdown  # type: ignore[import-untyped]  # no stubs; typed through MkDocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs")

# Extensions that keep nothing from one document to the next, or reset it in ``reset()``.
REUSABLE = frozenset({
    *(f"{prefix}{name}" for prefix in ("", "markdown.extensions.") for name in (
        "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables",
        "toc", "codehilite", "meta", "nl2br", "sane_lists", "smarty", "wikilinks", "legacy_attrs",
        "legacy_em", "extra")),
    *(f"pymdownx.{name}" for name in (
        "details", "superfences", "highlight", "inlinehilite", "tabbed", "tasklist", "keys", "mark",
        "caret", "tilde", "betterem", "smartsymbols", "critic", "emoji", "escapeall", "magiclink",
        "saneheaders", "blocks.admonition", "blocks.details", "blocks.tab", "blocks.html")),
})


class PageConverter:
    """Renders pages as ``Page.render`` does, with one converter while the config allows."""

    def __init__(self, config: MkDocsConfig) -> None:
        extensions = config["markdown_extensions"]
        self.reusable = all(isinstance(name, str) and name in REUSABLE for name in extensions)
        self._converter: markdown.Markdown | None = None

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        if not self.reusable:
            page.render(config, files)
            return
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        if self._converter is None:
            self._converter = markdown.Markdown(extensions=config["markdown_extensions"],
                                                extension_configs=config["mdx_configs"] or {})
        md = self._converter.reset()
        # MkDocs' own processors, new for each page (they hold the page and what it found).
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        extract_anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
        extract_anchors._register(md)
        relative_path = _RelativePathTreeprocessor(page.file, files, config)
        relative_path._register(md)
        extract_title = _ExtractTitleTreeprocessor()
        extract_title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = extract_title.title
        page.present_anchor_ids = extract_anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_path.links_to_anchors


def populate_page(page: Page, config: MkDocsConfig, files: Files, converter: PageConverter) -> None:
    """``mkdocs.commands.build._populate_page``, rendering with ``converter``."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        converter.render(page, config, files)
        assert page.content is not None
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    except Exception as error:
        message = f"Error reading page '{page.file.src_uri}':"
        if not isinstance(error, BuildError):
            message += f" {error}"
        log.error(message)
        raise
    finally:
        config._current_page = None

