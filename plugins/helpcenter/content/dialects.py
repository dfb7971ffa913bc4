"""The Markdown dialects writers bring, rewritten into the Markdown our configuration renders
(Material's admonitions and tabs, plain links and images), before anything reads a page:

- GitHub alerts ``> [!NOTE]`` and Obsidian callouts ``> [!tip]- Title`` (folding with ``+``/``-``);
- Docusaurus / VitePress admonitions ``:::note Title`` ... ``:::``;
- pymdownx blocks ``/// tip | Title`` ... ``///`` (``details``, ``tab``, ``admonition``);
- Obsidian wiki links ``[[Page]]``, ``[[Page|label]]``, ``[[Page#Heading]]``, ``[[#Heading]]``,
  ``[[Page#^block]]`` (the page), and embeds ``![[image.png|300]]``, ``![[Page#Heading]]``,
  resolved by name across folders as Obsidian does (``WikiIndex``).

Each line becomes one line (a page's embeds aside, which ``expand_embeds`` adds only for
rendering), so the link checker's and the writer's line numbers stay the file's own. Fenced
code is left alone. Plain Python, no MkDocs.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .markdown_text import ATX_HEADING, HEADING_ATTRS, content_lines

# Material's admonition types, and what other dialects call them.
MATERIAL_TYPES = frozenset({"note", "abstract", "info", "tip", "success", "question", "warning", "failure",
                            "danger", "bug", "example", "quote"})
TYPE_ALIASES = {
    "summary": "abstract", "tldr": "abstract", "todo": "info", "important": "info", "hint": "tip",
    "check": "success", "done": "success", "help": "question", "faq": "question", "caution": "danger",
    "attention": "warning", "fail": "failure", "missing": "failure", "error": "danger", "cite": "quote",
    "details": "note", "seealso": "info", "danger": "danger", "secondary": "note", "admonition": "note",
}
# The types whose default title the interface catalogs translate (section "callouts").
TITLED_TYPES = ("note", "abstract", "info", "todo", "tip", "important", "success", "question", "warning",
                "caution", "failure", "danger", "bug", "example", "quote")
IMAGE_EXTENSIONS = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp"})

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_CALLOUT = re.compile(r"^(\s*)>\s?\[!([\w-]+)\]([+-]?)\s*(.*)$")
_QUOTED = re.compile(r"^(\s*)>\s?(.*)$")
# Microsoft Learn's one-line image (:::image type="content" source="..." alt-text="...":::).
_LEARN_IMAGE = re.compile(r"^(\s*):::image\s+(.*?):::\s*$")
# MDX (Docusaurus): module lines, and static files named through useBaseUrl('img/x.png').
_MDX_MODULE_LINE = re.compile(r"^(?:import\s+[\w{}\s,*]+\s+from\s+|import\s+)['\"][^'\"]+['\"];?\s*$"
                              r"|^export\s+(?:const|default|function)\b")
_USE_BASE_URL = re.compile(r"""\{\s*useBaseUrl\(\s*(['"])(.*?)\1\s*\)\s*\}""")
_HTML_OPENER = re.compile(r"^(\s*<(?:details|div|section|aside|figure|blockquote)\b[^>]*?)\s*>\s*$")
_COMMENT = re.compile(r"%%.*?%%")
_NO_LOC = re.compile(r':::no-loc\s+text="([^"]*)":::')
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_COLON_OPEN = re.compile(r"^(\s*)(:{3,})\s*([\w-]+)\s*(?:\[(.*)\]|(.*))$")
_COLON_CLOSE = re.compile(r"^(\s*)(:{3,})\s*$")
_SLASH_OPEN = re.compile(r"^(\s*)(/{3,})\s*([\w-]+)\s*(?:\|\s*(.*))?$")
_SLASH_CLOSE = re.compile(r"^(\s*)(/{3,})\s*$")
_SLASH_OPTION = re.compile(r"^\s+(type|open|attrs|select)\s*:\s*(.*)$")
# [[target#heading|label]]; in a table the bar is written \| (Obsidian's own escape there).
_WIKI = re.compile(r"(!?)\[\[([^\[\]|#^\\]*)((?:#\^?[^\[\]|\\]*)?)(?:\\?\|([^\[\]]*))?\]\]")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")


@dataclass
class WikiIndex:
    """Every file of a language's docs, for resolving wiki links by name, as Obsidian does:
    ``[[Refund policy]]`` is ``Licenses and payment/Refund policy.md`` wherever it sits;
    ``[[payment/Refund policy]]`` narrows it by folder; case does not matter. Between two
    files of one name, the one beside the linking page wins, then the shortest path."""

    files: list[str]
    _by_name: dict[str, list[str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for uri in self.files:
            stem = uri[:-3] if uri.endswith(".md") else uri
            self._by_name.setdefault(posixpath.basename(stem).casefold(), []).append(uri)

    @functools.cached_property
    def fingerprint(self) -> int:
        """Tells one list of files from another (a page's wiki links depend on it)."""
        return hash(tuple(self.files))

    def resolve(self, target: str, from_uri: str) -> str | None:
        target = target.strip().replace("\\", "/").lstrip("/")
        if not target:
            return from_uri
        wanted = target[:-3] if target.lower().endswith(".md") else target
        candidates = [uri for uri in self._by_name.get(posixpath.basename(wanted).casefold(), [])
                      if _path_ends_with(uri, wanted)]
        if not candidates:
            return None
        here = posixpath.dirname(from_uri)
        return min(candidates, key=lambda uri: (posixpath.dirname(uri) != here, uri.count("/"), len(uri), uri))


def _path_ends_with(uri: str, wanted: str) -> bool:
    stem = (uri[:-3] if uri.endswith(".md") else uri).casefold()
    wanted = wanted.casefold()
    return stem == wanted or stem.endswith("/" + wanted) or uri.casefold() == wanted


def heading_anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading (its default slugify): lower case ASCII
    words joined by hyphens; empty for a heading with no ASCII letters."""
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@dataclass
class Dialects:
    """Rewrites one language's pages. ``title_of`` gives a callout type's default title in the
    page's language (the interface catalog's ``callouts`` section)."""

    index: WikiIndex
    title_of: Callable[[str], str]

    def rewrite(self, body: str, src_uri: str) -> str:
        lines = body.split("\n")
        out: list[str] = []
        fence: str | None = None
        i = 0
        while i < len(lines):
            line = lines[i]
            if fence is not None:
                out.append(line)
                if line.strip().startswith(fence):
                    fence = None
                i += 1
                continue
            fenced = _FENCE.match(line)
            if fenced:
                fence = fenced.group(2)
                out.append(line)
                i += 1
                continue
            if line.lstrip().startswith("%%") and line.count("%%") == 1:
                # An Obsidian comment block (%% alone, or opening a line): seen while editing,
                # never published.
                end = next((j for j in range(i + 1, len(lines)) if lines[j].rstrip().endswith("%%")), None)
                if end is not None:
                    out.extend("" for _ in range(i, end + 1))
                    i = end + 1
                    continue
            opener = _HTML_OPENER.match(line)
            if opener and "markdown" not in line and (i + 1 == len(lines) or not lines[i + 1].strip()):
                # GitHub and Docusaurus (CommonMark) render Markdown after a blank line inside
                # <details> or <div>; Python-Markdown does where the tag says markdown.
                out.append(f"{opener.group(1)} markdown>")
                i += 1
                continue
            consumed = (self._callout(lines, i, src_uri, out) or self._colon_block(lines, i, src_uri, out)
                        or self._slash_block(lines, i, src_uri, out))
            if consumed:
                i += consumed
                continue
            out.append(self.links(line, src_uri))
            i += 1
        return "\n".join(out)

    # -- blocks -------------------------------------------------------------------------------
    def _callout(self, lines: list[str], i: int, src_uri: str, out: list[str]) -> int:
        match = _CALLOUT.match(lines[i])
        if not match:
            return 0
        indent, kind, fold, title = match.groups()
        body: list[str] = []
        end = i + 1
        while end < len(lines):
            quoted = _QUOTED.match(lines[end])
            if not quoted or quoted.group(1) != indent:
                break
            # "> [!TIP]" after an empty "> " line starts the next alert (as Microsoft Learn has it).
            if body and not body[-1].strip() and re.match(r"\[![\w-]+\]", quoted.group(2)):
                break
            content = quoted.group(2)
            # ">  ```md": a fence set one space further in than its lines would leave them apart.
            body.append(content.lstrip() if _FENCE.match(content) and len(content) - len(content.lstrip()) < 4
                        else content)
            end += 1
        indent = _block_indent(indent)
        marker = {"": "!!!", "-": "???", "+": "???+"}[fold]
        out.append(f"{indent}{marker} {self._type(kind)} {self._title(kind, self.links(title, src_uri))}")
        out.extend(self._indented(self.rewrite("\n".join(body), src_uri).split("\n"), indent) if body else [])
        return end - i

    def _colon_block(self, lines: list[str], i: int, src_uri: str, out: list[str]) -> int:
        image = _LEARN_IMAGE.match(lines[i])
        if image:
            attributes = dict(_ATTRIBUTE.findall(image.group(2)))
            if attributes.get("source"):
                alt = _escaped(attributes.get("alt-text", ""))
                out.append(f"{image.group(1)}![{alt}]({_url_path(attributes['source'])})")
                return 1
        match = _COLON_OPEN.match(lines[i])
        if not match:
            return 0
        indent, colons, kind, bracketed, spaced = match.groups()
        indent = _block_indent(indent)
        end = self._closing(lines, i, _COLON_CLOSE, colons)
        if end is None:
            return 0
        title = self.links((bracketed if bracketed is not None else spaced or "").strip(), src_uri)
        return self._block(lines, i, end, indent, "!!!", kind, title, src_uri, out)

    def _slash_block(self, lines: list[str], i: int, src_uri: str, out: list[str]) -> int:
        match = _SLASH_OPEN.match(lines[i])
        if not match:
            return 0
        indent, slashes, kind, title = match.groups()
        indent = _block_indent(indent)
        end = self._closing(lines, i, _SLASH_CLOSE, slashes)
        if end is None:
            return 0
        options: dict[str, str] = {}
        start = i + 1
        while start < end and (option := _SLASH_OPTION.match(lines[start])):
            options[option.group(1)] = option.group(2).strip()
            start += 1
        kind = kind.lower()
        if kind == "tab":
            out.append(f'{indent}=== "{_quoted(title or "")}"')
            out.extend("" for _ in range(i + 1, start))
            body = self.rewrite("\n".join(lines[start:end]), src_uri).split("\n")
            out.extend(self._indented(body, indent))
            out.append("")
            return end - i + 1
        marker = "!!!"
        if kind == "details":
            marker = "???+" if options.get("open", "").lower() in ("true", "yes") else "???"
            kind = options.get("type", "note")
        elif kind == "admonition":
            kind = options.get("type", "note")
        out.append(f"{indent}{marker} {self._type(kind)} {self._title(kind, title or '')}")
        out.extend("" for _ in range(i + 1, start))
        out.extend(self._indented(self.rewrite("\n".join(lines[start:end]), src_uri).split("\n"), indent))
        out.append("")
        return end - i + 1

    def _block(self, lines: list[str], i: int, end: int, indent: str, marker: str, kind: str, title: str,
               src_uri: str, out: list[str]) -> int:
        out.append(f"{indent}{marker} {self._type(kind)} {self._title(kind, title)}")
        out.extend(self._indented(self.rewrite("\n".join(lines[i + 1:end]), src_uri).split("\n"), indent))
        out.append("")  # the closing line
        return end - i + 1

    @staticmethod
    def _closing(lines: list[str], i: int, closer: re.Pattern[str], marker: str) -> int | None:
        """The line that closes the block opened at ``i``: ``marker`` (as many colons or
        slashes) alone on a line, outside fenced code."""
        fence: str | None = None
        for end in range(i + 1, len(lines)):
            line = lines[end]
            fenced = _FENCE.match(line)
            if fence is not None:
                if line.strip().startswith(fence):
                    fence = None
            elif fenced:
                fence = fenced.group(2)
            elif (closing := closer.match(line)) is not None and closing.group(2) == marker:
                return end
        return None

    @staticmethod
    def _indented(body: list[str], indent: str) -> list[str]:
        return [f"{indent}    {line}" if line.strip() else "" for line in body]

    @staticmethod
    def _type(kind: str) -> str:
        kind = kind.lower()
        return kind if kind in MATERIAL_TYPES else TYPE_ALIASES.get(kind, "note")

    def _title(self, kind: str, title: str) -> str:
        title = title.strip()
        if not title:
            kind = kind.lower()
            title = self.title_of(kind) if kind in TITLED_TYPES else kind.replace("-", " ").capitalize()
        return f'"{_quoted(title)}"'

    # -- embedded pages --------------------------------------------------------------------------
    def expand_embeds(self, body: str, src_uri: str, read: Callable[[str], str | None], depth: int = 0) -> str:
        """``body`` with each ``![[Page]]`` / ``![[Page#Heading]]`` standing on its own line
        replaced by that page's text (or section), its own links made relative to this page.
        For rendering only: it adds lines. Three levels deep at most (pages may embed each other)."""
        if "![[" not in body or depth >= 3:
            return body
        out = []
        fence: str | None = None
        for line in body.split("\n"):
            fenced = _FENCE.match(line)
            if fence is not None or fenced:
                if fence is not None and line.strip().startswith(fence):
                    fence = None
                elif fence is None and fenced:
                    fence = fenced.group(2)
                out.append(line)
                continue
            match = _WIKI.fullmatch(line.strip())
            target = match.group(2).strip() if match and match.group(1) else ""
            resolved = self.index.resolve(target, src_uri) if target else None
            text = read(resolved) if resolved and resolved.endswith(".md") and resolved != src_uri else None
            fragment = match.group(3) if match else ""
            if text is not None and fragment.startswith("#") and not fragment.startswith("#^"):
                text = section_of(text, fragment[1:])
            if text is None or resolved is None:
                out.append(line)
                continue
            text = self.expand_embeds(_rebased(text, resolved, src_uri), src_uri, read, depth + 1)
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f'{indent}<div class="hc-embed" markdown>')
            out.extend(["", *text.split("\n"), "", f"{indent}</div>"])
        return "\n".join(out)

    # -- links ---------------------------------------------------------------------------------
    @staticmethod
    def plain(text: str) -> str:
        """Text with each wiki link as the words it shows (for titles and descriptions)."""
        def words(match: re.Match[str]) -> str:
            target, fragment, label = match.group(2).strip(), match.group(3), match.group(4)
            heading = fragment[1:] if fragment.startswith("#") and not fragment.startswith("#^") else ""
            return label or heading or posixpath.splitext(posixpath.basename(target))[0]

        return _WIKI.sub(words, text) if "[[" in text else text

    def links(self, line: str, src_uri: str) -> str:
        if _MDX_MODULE_LINE.match(line):
            return ""  # an MDX import has nothing to show
        if "useBaseUrl" in line:
            line = _USE_BASE_URL.sub(lambda match: '"/' + match.group(2).lstrip("/") + '"', line)
        if "%%" in line:  # Obsidian's inline comments (not inside code spans)
            spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)]
            line = _COMMENT.sub(lambda m: m.group(0) if any(a <= m.start() < b for a, b in spans) else "", line)
        if ":::no-loc" in line:  # Microsoft Learn's "do not translate" marker: its text
            line = _NO_LOC.sub(lambda match: match.group(1), line)
        if "[[" not in line:
            return line
        spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)]

        def replace(match: re.Match[str]) -> str:
            if any(start <= match.start() < end for start, end in spans):
                return match.group(0)
            return self._wiki(match, src_uri)

        return _WIKI.sub(replace, line)

    def _wiki(self, match: re.Match[str], src_uri: str) -> str:
        embed, target, fragment, label = match.group(1), match.group(2).strip(), match.group(3), match.group(4)
        resolved = self.index.resolve(target, src_uri) if target else src_uri
        # An unresolved link stays a link to the name written, which the link check reports.
        path = _relative(resolved, src_uri) if resolved else (
            target if "." in posixpath.basename(target) else f"{target}.md")
        heading = fragment[1:] if fragment.startswith("#") and not fragment.startswith("#^") else ""
        anchor = heading_anchor(heading) if heading else ""
        extension = posixpath.splitext((resolved or target).lower())[1].lstrip(".")
        if embed and extension in IMAGE_EXTENSIONS:
            size = (label or "").strip()
            alt = posixpath.splitext(posixpath.basename(target))[0]
            sizes = re.fullmatch(r"(\d+)(?:x(\d+))?", size)
            if sizes:
                attributes = f'width="{sizes.group(1)}"' + (f' height="{sizes.group(2)}"' if sizes.group(2) else "")
                return f"![{_escaped(alt)}]({_url_path(path)}){{ {attributes} }}"
            return f"![{_escaped(size or alt)}]({_url_path(path)})"
        if embed and resolved and resolved.endswith(".md"):
            # A page (or a section of one) shown in place: expand_embeds fills it in when the
            # page is rendered; for the link check (and inside a line), a link to it.
            text = label or (heading or posixpath.splitext(posixpath.basename(target))[0])
            return f"[{_escaped(text)}]({_url_path(path, anchor)})"
        text = label or (heading if not target else posixpath.splitext(posixpath.basename(target))[0]
                         + (f" › {heading}" if heading else ""))
        if not target:
            return f"[{_escaped(text)}](#{anchor})" if anchor else _escaped(text)
        return f"[{_escaped(text.strip())}]({_url_path(path, anchor)})"


_RELATIVE_LINK = re.compile(r"(\]\(\s*<?)(?![a-z][\w+.-]*:|/|#)([^)>\s]+)")


def _rebased(text: str, from_uri: str, to_uri: str) -> str:
    """Relative Markdown links of ``from_uri``'s text, made relative to ``to_uri``."""
    def rebase(match: re.Match[str]) -> str:
        path, _, anchor = match.group(2).partition("#")
        if not path:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path))
        moved = posixpath.relpath(target, posixpath.dirname(to_uri) or ".")
        return match.group(1) + moved + (f"#{anchor}" if anchor else "")

    return _RELATIVE_LINK.sub(rebase, text)


def _block_indent(indent: str) -> str:
    """A block's indentation as Python-Markdown nests it: in a list item ("1. " puts text at
    three spaces, where GitHub reads it) blocks need four."""
    width = len(indent.expandtabs(4))
    return " " * (-(-width // 4) * 4)


def _relative(target_uri: str, from_uri: str) -> str:
    return posixpath.relpath(target_uri, posixpath.dirname(from_uri) or ".")


def _url_path(path: str, anchor: str = "") -> str:
    # Markdown link targets end at a space: angle brackets keep names with spaces whole.
    whole = path + (f"#{anchor}" if anchor else "")
    return f"<{whole}>" if re.search(r"[\s()<>]", whole) else whole


def _quoted(title: str) -> str:
    return title.replace("\\", "\\\\").replace('"', '\\"')


def _escaped(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def sections(body: str) -> Iterator[tuple[int, str, int]]:
    """(line index, heading text, level) of each ATX heading outside fenced code."""
    for number, line in content_lines(body, first_line=0):
        heading = ATX_HEADING.match(line)
        if heading:
            yield number, HEADING_ATTRS.sub("", heading.group(2)), len(heading.group(1))


def section_of(body: str, heading: str) -> str | None:
    """The part of ``body`` under ``heading`` (to the next heading of its level or above)."""
    lines = body.split("\n")
    found = list(sections(body))
    wanted = heading_anchor(heading) or heading.strip().casefold()
    for position, (start, text, level) in enumerate(found):
        if (heading_anchor(text) or text.strip().casefold()) == wanted:
            end = next((index for index, _, other in found[position + 1:] if other <= level), len(lines))
            return "\n".join(lines[start + 1:end])
    return None
