"""Files a build writes besides the pages: the functions' inputs (contact form schema, the
site's articles), and at the published folder's root the CSP (``_headers``), each language's
404 (``_redirects``), the sitemap and robots.txt. Plain Python, no MkDocs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..contact.schema import merge_schema_file
from ..site import Site
from ..support.chat import content_security_policy
from . import redirects, seo, sitemap
from .write import write_file


def write_function_files(site: Site, *, schema_file: Path | None, pages_file: Path | None,
                         article_urls: Iterable[str], text_file: Path | None = None) -> None:
    """What the functions import: the contact form's schema (its rules, labels and pages per
    language), the site's own articles per language (votes and search misses count only
    those) and their interface text per language. Each language's build merges its part in;
    two previews may write at once."""
    languages = site.languages
    if text_file is not None:
        merge_json(text_file, lambda existing: _merged_languages(existing, languages.codes, languages.default,
                                                                 languages.current, site.text.function_text()))
    if schema_file is not None:
        merge_json(schema_file, lambda existing: merge_schema_file(existing, site.form_schema, languages.codes))
    if pages_file is not None:
        prefix = site.urls.home(languages, languages.current)
        articles = sorted(prefix + url for url in article_urls)

        def merged(existing: Any) -> dict[str, Any]:
            known = (existing or {}).get("languages", {}) if isinstance(existing, dict) else {}
            pages = {code: known.get(code, []) for code in languages.codes}
            pages[languages.current] = articles
            searches = (existing or {}).get("search_pages", {}) if isinstance(existing, dict) else {}
            search_pages = {code: searches[code] for code in languages.codes if code in searches}
            search_pages[languages.current] = f"{site.urls.build_path}/search/"
            return {"default": languages.default, "languages": pages, "search_pages": search_pages}

        merge_json(pages_file, merged)


def _merged_languages(existing: Any, codes: Iterable[str], default: str, current: str, part: Any) -> dict[str, Any]:
    """``{"default": ..., "languages": {code: ...}}`` with this language's part in, the other
    site languages' parts kept, and languages no longer in the site dropped."""
    known = existing.get("languages", {}) if isinstance(existing, dict) else {}
    merged = {code: known[code] for code in codes if code in known and code != current}
    merged[current] = part
    return {"default": default, "languages": merged}


def write_root_files(site: Site, site_dir: Path, *, docs_dir: Path, generated_pages: set[str],
                     commit_dates: dict[Path, dt.datetime]) -> None:
    """The files at the published folder's root, which the default language's build writes."""
    languages = site.languages
    if languages.current != languages.default:
        # The root sitemap lists this language's pages with their translations.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
        return
    # Netlify applies _headers after netlify.toml's rules: the pages' CSP allows exactly the
    # chosen chat vendor's hosts.
    (site_dir / "_headers").write_text(
        "# Written by the helpcenter plugin from mkdocs.yml (chat) on every build.\n"
        f"/*\n  Content-Security-Policy: {content_security_policy(site.chat)}\n", encoding="utf-8")
    sitemap.write_sitemap(site_dir, sitemap.sitemap_entries(
        languages, site.urls.origin + site.urls.root, generated_pages, commit_dates, docs_dir=docs_dir))
    robots = site_dir / "robots.txt"
    if site.urls.origin and site.urls.root == "/":
        robots.write_text(seo.robots_txt(f"{site.urls.origin}/sitemap.xml"), encoding="utf-8")
    else:
        robots.unlink(missing_ok=True)  # crawlers read robots.txt at a host's root only
    # Paths in _redirects are the published folder's own (Netlify serves it at "/"). Moved
    # pages first: Netlify takes the first rule that matches.
    moved = [line for code in languages.codes for line in redirects.page_redirects(
        languages.docs_dir(code) if languages.multilingual else docs_dir, "/" + languages.prefix(code))]
    (site_dir / "_redirects").write_text(
        "# Written by the helpcenter plugin: pages that moved (their old URLs), then each\n"
        "# language's own 404 page.\n" + "".join(f"{line}\n" for line in moved) + "".join(
            f"/{code}/* /{code}/404.html 404\n" for code in languages.codes[1:]), encoding="utf-8")


def write_files(site_dir: Path, files: Mapping[str, bytes]) -> None:
    for path, content in files.items():
        write_file(site_dir, path, content)


def merge_json(path: Path, merge: Callable[[Any], Any]) -> None:
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


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
