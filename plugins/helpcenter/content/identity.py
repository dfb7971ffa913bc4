"""Who a folder of Markdown says it is, for a folder built with the generator's own settings
(``build.py build --docs-dir PATH``): its name and description come from its home page (or
the folder's name), never from the sample help center's. Plain Python, no MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

from .frontmatter import parse_front_matter
from .markdown_text import first_heading, first_paragraph

HOME_PAGES = ("index.md", "README.md", "readme.md", "_index.md", "intro.md")
# A language folder (docs/en) is named for its language: the site is named for its parent.
_LANGUAGE_FOLDER = re.compile(r"^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")
_GENERIC_FOLDERS = frozenset({"docs", "doc", "documentation", "content", "src", "pages", "help", "wiki", "vault"})


def folder_identity(docs_dir: Path) -> tuple[str, str]:
    """(site name, description): the home page's title and description (or first
    paragraph), else a name made from the folder's (``acme-help`` -> "Acme help")."""
    for name in HOME_PAGES:
        home = docs_dir / name
        if home.is_file():
            front = parse_front_matter(home.read_text(encoding="utf-8", errors="replace"), str(home),
                                       unknown_key_severity="warning")
            title = front.meta.get("title") or first_heading(front.body)
            if title:
                description = front.meta.get("description") or first_paragraph(front.body) or ""
                return str(title), str(description)
    return folder_name(docs_dir), ""


def folder_name(docs_dir: Path) -> str:
    folder = docs_dir.resolve()
    while folder.parent != folder and (_LANGUAGE_FOLDER.match(folder.name) or folder.name.lower() in _GENERIC_FOLDERS):
        folder = folder.parent
    words = re.sub(r"[-_.]+", " ", folder.name).strip() or "Help center"
    return words[:1].upper() + words[1:]
