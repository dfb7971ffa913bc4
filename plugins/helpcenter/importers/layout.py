"""Where a help desk's groups and articles go, and what each file says. Top-level groups
(Zendesk's categories, Intercom's and Help Scout's collections, Freshdesk's categories) become
category folders with a ``_category.yml`` (title, description, order, old addresses); a group
inside one (a section, a folder) becomes a folder inside it when there are several, and its
articles stay in order, section by section. When the whole help center is one group (a Help
Scout site with one collection), its groups are the categories. Each language has its own
folder with the same relative paths. Plain Python: no MkDocs."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import yaml
from bs4 import BeautifulSoup
from slugify import slugify

from ..content.reading import CATEGORY_FILE
from .html_markdown import html_to_markdown
from .model import Article, Group, HelpCenter, Text

ASSETS = "assets"  # downloaded images and attachments, in each language's folder
_RESERVED = {"index", "readme", "_index", ASSETS}
_DESCRIPTION_LENGTH = 160
_NAME_LENGTH = 80  # characters of a file or folder name taken from a title


def safe_name(title: str, fallback: str) -> str:
    """A title as a file or folder name: ASCII, lower case, hyphens, never empty, never a path
    (a title of "../.." or "?" gets the item's id)."""
    return slugify(title, lowercase=True, max_length=_NAME_LENGTH, word_boundary=True) or slugify(fallback) or "item"


@dataclass
class Placement:
    article_files: dict[str, str] = field(default_factory=dict)  # article id -> "billing/refunds.md"
    article_order: dict[str, int] = field(default_factory=dict)
    # Category folder -> the groups shown as it (its own first), with its order.
    categories: dict[str, tuple[list[Group], int]] = field(default_factory=dict)
    # Section folder ("billing/invoices") -> the groups shown as it, with its order.
    sections: dict[str, tuple[list[Group], int]] = field(default_factory=dict)
    group_folders: dict[str, str] = field(default_factory=dict)  # group id -> its category folder


@dataclass
class Problem:
    file: str  # relative to the import folder
    message: str


@dataclass
class Plan:
    files: dict[str, bytes] = field(default_factory=dict)  # relative to the import folder
    problems: list[Problem] = field(default_factory=list)
    categories: int = 0


def title_of(texts: dict[str, Text], default: str) -> str:
    text = texts.get(default) or next(iter(texts.values()))
    return text.title


def place(center: HelpCenter) -> Placement:
    groups = {group.id: group for group in center.groups}
    index = {group.id: number for number, group in enumerate(center.groups)}
    children: dict[str | None, list[Group]] = {}
    for group in center.groups:
        parent = group.parent_id if group.parent_id in groups else None
        children.setdefault(parent, []).append(group)
    for siblings in children.values():
        siblings.sort(key=lambda g: (g.position, index[g.id]))
    tops = children.get(None, [])
    if len(tops) == 1 and children.get(tops[0].id):
        tops = children[tops[0].id]  # one group holding everything: its groups are the categories
    placement = Placement()
    sections: dict[str, tuple[str, int]] = {}  # group id -> (folder, section rank)
    taken: set[str] = set()
    for rank, top in enumerate(tops, start=1):
        folder = _unique(safe_name(title_of(top.texts, center.default_language), top.id), taken)
        below = _descendants(top.id, children)
        subfolders: set[str] = set()
        direct = children.get(top.id, [])
        sections[top.id] = (folder, 0)
        # One section is the category itself; several are folders inside it, each with its title.
        placement.categories[folder] = ([top, *below] if len(direct) < 2 else [top], rank)
        for number, child in enumerate(direct, start=1):
            child_name = safe_name(title_of(child.texts, center.default_language), child.id)
            sub = folder if len(direct) < 2 else f"{folder}/{_unique(child_name, subfolders)}"
            members = [child, *_descendants(child.id, children)]
            if sub != folder:
                placement.sections[sub] = (members, number)
            for group in members:
                sections[group.id] = (sub, number)
        for group in [top, *below]:
            placement.group_folders[group.id] = folder
    names: dict[str, set[str]] = {"": set(taken)}  # an article outside every category: not a category's name
    in_order = sorted(center.articles, key=lambda a: (
        sections.get(a.group_id or "", ("", 0))[1], a.position))
    counters: dict[str, int] = {}
    for article in in_order:
        folder = sections.get(article.group_id or "", ("", 0))[0]
        counters[folder] = counters.get(folder, 0) + 1  # order within its category or section
        name = _unique(safe_name(title_of(article.texts, center.default_language), article.id),
                       names.setdefault(folder, set()))
        placement.article_files[article.id] = f"{folder}/{name}.md" if folder else f"{name}.md"
        placement.article_order[article.id] = counters[folder]
    return placement


def _descendants(group_id: str, children: dict[str | None, list[Group]]) -> list[Group]:
    found = []
    for child in children.get(group_id, []):
        found += [child, *_descendants(child.id, children)]
    return found


def _unique(name: str, taken: set[str]) -> str:
    name = name if name not in _RESERVED else f"{name}-page"
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}-{number}", number + 1
    taken.add(candidate)
    return candidate


class Assets:
    """Files the articles show or attach, downloaded once and named for their content."""

    def __init__(self, fetch: Callable[[str], bytes]) -> None:
        self.fetch = fetch
        self.names: dict[str, str | None] = {}  # URL -> file name in assets/ (None: failed)
        self.contents: dict[str, bytes] = {}  # file name -> bytes

    def name(self, url: str, file_name: str = "") -> str | None:
        if url not in self.names:
            try:
                content = _inline(url) if url.startswith("data:") else self.fetch(url)
            except Exception:  # any failure: the article keeps the old address, and it is reported
                self.names[url] = None
                return None
            path_name = file_name or ("image" if url.startswith("data:") else
                                      posixpath.basename(unquote(urlsplit(url).path))) or "file"
            stem, suffix = posixpath.splitext(path_name)
            suffix = suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix.lower()) else _sniff(content)
            digest = hashlib.sha256(content).hexdigest()[:10]
            name = f"{safe_name(stem, 'file')[:60]}-{digest}{suffix}"
            self.names[url], self.contents[name] = name, content
        return self.names[url]


def _inline(url: str) -> bytes:
    """A ``data:`` URL's bytes (an image pasted into the help desk's editor), read by urllib."""
    from urllib.request import urlopen

    with urlopen(url) as data:  # a data: URL: nothing goes over the network
        return bytes(data.read())


def _sniff(content: bytes) -> str:
    for magic, suffix in ((b"\x89PNG", ".png"), (b"\xff\xd8", ".jpg"), (b"GIF8", ".gif"), (b"%PDF", ".pdf"),
                          (b"<svg", ".svg"), (b"<?xml", ".svg")):
        if content.startswith(magic):
            return suffix
    return ".webp" if content[8:12] == b"WEBP" else ".bin"


def plan(center: HelpCenter, *, link_key: Callable[[str], str | None], base_url: str,
         fetch: Callable[[str], bytes], progress: Callable[[], object] = lambda: None) -> Plan:
    """Every file of the import, by path under the import folder (``en/billing/refunds.md``)."""
    placement = place(center)
    result = Plan(categories=len(placement.categories))
    assets = Assets(fetch)
    default = center.default_language
    origin = urlunsplit((*urlsplit(base_url)[:2], "/", "", ""))
    for language in center.languages:
        targets = _targets(center, placement, language)
        used_assets: set[str] = set()
        for folder, (members, order) in (placement.categories | placement.sections).items():
            result.files[f"{language}/{folder}/{CATEGORY_FILE}"] = _category_yaml(members, order, language, default)
        for article in center.articles:
            text = article.texts.get(language)
            if text is None:
                continue
            path = placement.article_files[article.id]
            display = f"{language}/{path}"
            page_url = text.url or (urljoin(origin, text.old_paths[0]) if text.old_paths else origin)
            markdown = _article_markdown(
                article, text, order=placement.article_order[article.id],
                rewrite=_Rewriter(center, link_key, targets, assets, path, page_url, display, result.problems,
                                  used_assets))
            result.files[display] = markdown.encode()
            progress()
        for name in sorted(used_assets):
            result.files[f"{language}/{ASSETS}/{name}"] = assets.contents[name]
    return result


def _targets(center: HelpCenter, placement: Placement, language: str) -> dict[str, str]:
    """What a link of the old help center can point to in ``language``'s folder."""
    targets: dict[str, str] = {}
    for article in center.articles:
        if language not in article.texts:
            continue
        target = placement.article_files[article.id]
        targets[f"article:{article.id}"] = target
        for text in article.texts.values():
            for old in text.old_paths:
                targets.setdefault(f"path:{old}", target)
    for group in center.groups:
        folder = placement.group_folders.get(group.id)
        if folder is None:
            continue
        # The category's page (written by the build when the folder has no index.md of its own).
        targets[f"group:{group.id}"] = f"{folder}/index.md"
        for text in group.texts.values():
            for old in text.old_paths:
                targets.setdefault(f"path:{old}", f"{folder}/index.md")
    return targets


class _Rewriter:
    """Links and images of one article: into the new help center, or downloaded."""

    def __init__(self, center: HelpCenter, link_key: Callable[[str], str | None], targets: dict[str, str],
                 assets: Assets, path: str, page_url: str, display: str, problems: list[Problem],
                 used: set[str]) -> None:
        self.center, self.link_key, self.targets, self.assets = center, link_key, targets, assets
        self.folder, self.page_url, self.display, self.problems, self.used = (
            posixpath.dirname(path), page_url, display, problems, used)

    def relative(self, target: str) -> str:
        return posixpath.relpath(target, self.folder or ".")

    def _absolute(self, url: str) -> str | None:
        """``url`` as the old page meant it (relative ones from the old page's address); None
        for what is no web address (mailto:, tel:, data:)."""
        url = url.strip()
        scheme = urlsplit(url).scheme
        if scheme:
            return url if scheme in ("http", "https") else None
        return urljoin(self.page_url, url)

    def link(self, href: str) -> str:
        if href.startswith("#"):
            return ""  # the old page's anchors: its headings' ids do not come along
        absolute = self._absolute(href)
        if absolute is None or urlsplit(absolute).hostname not in self.center.hosts:
            return href if absolute is None else absolute
        path = unquote(urlsplit(absolute).path)
        key = self.link_key(path)
        target = (self.targets.get(key) if key else None) or self.targets.get(f"path:{path}")
        if target is not None:
            return self.relative(target)
        if key is None and re.search(r"\.\w{1,5}$", path):  # a file of the old help center: bring it
            name = self.assets.name(absolute)
            if name is not None:
                self.used.add(name)
                return self.relative(f"{ASSETS}/{name}")
        self.problems.append(Problem(self.display, f"link into the old help center not found here: {absolute}"))
        return absolute

    def image(self, src: str) -> str:
        # A pasted image (data:) becomes a file too: a page of megabytes of base64 helps nobody.
        absolute = src.strip() if src.strip().startswith("data:image/") else self._absolute(src)
        if absolute is None:
            return src
        name = self.assets.name(absolute)
        if name is None:
            shown = absolute if len(absolute) < 200 else absolute[:60] + "..."
            self.problems.append(Problem(self.display, f"image could not be downloaded: {shown}"))
            return absolute
        self.used.add(name)
        return self.relative(f"{ASSETS}/{name}")

    def attachment(self, url: str, file_name: str) -> str | None:
        name = self.assets.name(url, file_name)
        if name is None:
            self.problems.append(Problem(self.display, f"attachment could not be downloaded: {url}"))
            return None
        self.used.add(name)
        return self.relative(f"{ASSETS}/{name}")


def _article_markdown(article: Article, text: Text, *, order: int, rewrite: _Rewriter) -> str:
    converted = html_to_markdown(text.body_html, rewrite_link=rewrite.link, rewrite_image=rewrite.image)
    for what in converted.dropped:
        rewrite.problems.append(Problem(rewrite.display, f"left out {what}"))
    body = converted.markdown.strip()
    files = [(attachment.file_name, rewrite.attachment(attachment.url, attachment.file_name))
             for attachment in article.attachments]
    listed = [f"- [📎 {_escape(name or posixpath.basename(path))}]({path})" for name, path in files if path]
    if listed:
        body += "\n\n" + "\n".join(listed)
    front: dict[str, Any] = {"title": text.title.strip() or article.id}
    description = text.description.strip() or _first_sentence(text.body_html)
    if description:
        front["description"] = description
    if text.keywords:
        front["keywords"] = text.keywords
    front["order"] = order
    if text.updated:
        front["updated"] = text.updated
    if text.old_paths:
        front["redirect_from"] = text.old_paths
    return f"---\n{_yaml(front)}---\n\n{body}\n"


def _category_yaml(members: list[Group], order: int, language: str, default: str) -> bytes:
    own = members[0].texts.get(language) or members[0].texts.get(default) or next(iter(members[0].texts.values()))
    data: dict[str, Any] = {"title": own.title.strip() or members[0].id}
    if own.description.strip():
        data["description"] = " ".join(own.description.split())
    data["order"] = order
    old = [path for group in members for path in (group.texts[language].old_paths if language in group.texts else [])]
    if old:
        data["redirect_from"] = list(dict.fromkeys(old))
    return _yaml(data).encode()


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100000, default_flow_style=False)


def _first_sentence(html: str) -> str:
    """An article's first sentence (up to 160 characters) as its description in lists."""
    soup = BeautifulSoup(html or "", "html.parser")
    # The paragraph's text as written: "<strong>Team</strong>." is "Team.", not "Team ."
    first = next((p.get_text() for p in soup.find_all("p") if p.get_text(strip=True)), "")
    text = " ".join(first.split())
    sentence = re.match(r"(.+?[.!?。！？])(\s|$)", text)
    text = sentence[1] if sentence else text
    if len(text) > _DESCRIPTION_LENGTH:
        text = text[:_DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _escape(text: str) -> str:
    """A file name as link text: nothing in it is Markdown or HTML."""
    return re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", text).replace("<", "&lt;")
