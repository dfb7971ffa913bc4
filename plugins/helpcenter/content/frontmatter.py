"""Parse and validate the YAML front matter of an article, with line numbers for every error."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..problems import Problem, Severity

# libyaml's parser where PyYAML has it (its wheels do): the same YAML, ten times faster.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# What a preview remembers, by text: each YAML's tree and each page's front matter (the
# catalog, readable URLs, redirects and every reload read the same front matter). A one-time
# build parses each a few times and keeps nothing: at 10,000 pages the trees are about 50 MB.
_TREES: dict[str, yaml.Node | None] | None = None
_FRONT_MATTER: dict[str, dict[str, Any]] | None = None
_REMEMBERED = 32768


def remember_parses() -> None:
    """From now on (a preview), YAML trees and front matter are remembered by their text."""
    global _TREES, _FRONT_MATTER
    if _TREES is None or _FRONT_MATTER is None:
        _TREES, _FRONT_MATTER = {}, {}


def compose_yaml(yaml_text: str) -> yaml.Node | None:
    """The YAML's node tree. Raises YAMLError."""
    if _TREES is None:
        return yaml.compose(yaml_text, Loader=_LOADER)
    if yaml_text not in _TREES:
        if len(_TREES) >= _REMEMBERED:
            _TREES.clear()
        _TREES[yaml_text] = yaml.compose(yaml_text, Loader=_LOADER)
    return _TREES[yaml_text]


def construct_yaml(node: yaml.Node | None) -> Any:
    """A tree's value, as ``yaml.safe_load`` gives it."""
    return None if node is None else yaml.constructor.SafeConstructor().construct_document(node)


def load_yaml(yaml_text: str) -> Any:
    return construct_yaml(compose_yaml(yaml_text))


def front_matter_data(text: str) -> dict[str, Any]:
    """A page's front matter as a mapping ({} when it has none, or it cannot be read: the
    catalog reports those), for readers that need a key or two before the pages are read.
    Shared by every reader of one text: read it, never change it."""
    if _FRONT_MATTER is not None and text in _FRONT_MATTER:
        return _FRONT_MATTER[text]
    try:
        front, _, _ = split_front_matter(text)
        data = load_yaml(front) if front else None
    except yaml.YAMLError:
        data = None
    found = data if isinstance(data, dict) else {}
    if _FRONT_MATTER is not None:
        if len(_FRONT_MATTER) >= _REMEMBERED:
            _FRONT_MATTER.clear()
        _FRONT_MATTER[text] = found
    return found


@dataclass(frozen=True)
class KeyType:
    """What a front matter key accepts: ``problem`` says what is wrong with a value (None when
    nothing is), ``value`` gives the value the templates get."""

    problem: Callable[[Any], str | None]
    value: Callable[[Any], Any] = lambda value: value


def _words(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    return [str(item).strip() for item in items if str(item).strip()]


TEXT = KeyType(lambda v: None if isinstance(v, str) and v.strip() else "must be non-empty text", str.strip)
WHOLE_NUMBER = KeyType(lambda v: None if isinstance(v, int) and not isinstance(v, bool) else "must be a whole number")
WORDS = KeyType(lambda v: None if isinstance(v, str) or (
    isinstance(v, list) and all(isinstance(w, str | int) for w in v)) else "must be a list of words or phrases", _words)
LIST = KeyType(lambda v: None if isinstance(v, list) else "must be a list")
DATE = KeyType(lambda v: None if isinstance(v, dt.date) else "must be a date written as YYYY-MM-DD")
ANY = KeyType(lambda v: None)


def _paths_problem(value: Any) -> str | None:
    paths = [value] if isinstance(value, str) else value
    if isinstance(paths, list) and all(isinstance(p, str) and p.startswith("/") for p in paths):
        return None
    return "must be a list of paths starting with /"


PATHS = KeyType(_paths_problem, lambda v: [v.strip()] if isinstance(v, str) else [p.strip() for p in v])

# Keys our templates understand. ``hide``/``template`` are Material's own page options.
KNOWN_KEYS: dict[str, KeyType] = {
    "title": TEXT,
    "description": TEXT,
    "keywords": WORDS,
    "order": WHOLE_NUMBER,
    "icon": TEXT,
    "hide": LIST,
    "template": TEXT,
    "review_by": DATE,
    # Obsidian's and others' words for a page's other names and topics: search keywords.
    "aliases": WORDS,
    "tags": WORDS,
    # The page's own URL (a slug for its last part, or a whole path): see content/urls.py.
    "slug": TEXT,
    "permalink": TEXT,
    # Addresses this page (or category) had elsewhere, e.g. in the help desk it was imported
    # from: each answers with a 301 to the page (publish/redirects.py).
    "redirect_from": PATHS,
    # The date readers see as "last updated" instead of git's: an imported article keeps its
    # help desk's date. Change it, or remove it, when you edit the article.
    "updated": DATE,
}
# Keys whose words join the page's search keywords.
KEYWORD_KEYS = ("keywords", "aliases", "tags")

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")


@dataclass
class FrontMatter:
    meta: dict[str, Any] = field(default_factory=dict)
    # 1-based line of the first body line, so body line numbers map back to the file.
    body_line: int = 1
    body: str = ""
    problems: list[Problem] = field(default_factory=list)
    valid: bool = True  # False when the YAML itself could not be read


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (yaml_text or None, body, body_line). ``yaml_text`` is None without front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return "", text, 1  # opened but never closed: reported by parse_front_matter


def parse_front_matter(
    text: str,
    path: str,
    *,
    extra_keys: frozenset[str] = frozenset(),
    unknown_key_severity: Severity = "error",
) -> FrontMatter:
    """Parse the front matter of ``text``; every problem names ``path`` and a 1-based line."""
    yaml_text, body, body_line = split_front_matter(text)
    result = FrontMatter(body=body, body_line=body_line)
    if yaml_text is None:
        return result
    if body_line == 1:
        result.problems.append(
            Problem(path, 1, "front matter starts with '---' but has no closing '---' line")
        )
        return result
    parsed = parse_yaml_mapping(yaml_text, path, first_line=2, extra_keys=extra_keys,
                                unknown_key_severity=unknown_key_severity)
    result.meta, result.problems, result.valid = parsed.meta, parsed.problems, parsed.valid
    return result


def parse_yaml_mapping(
    yaml_text: str,
    path: str,
    *,
    first_line: int,
    extra_keys: frozenset[str] = frozenset(),
    unknown_key_severity: Severity = "error",
) -> FrontMatter:
    """Validate a YAML mapping of our keys; ``first_line`` is where ``yaml_text`` starts."""
    result = FrontMatter()
    try:
        node = compose_yaml(yaml_text)
        data = construct_yaml(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        result.problems.append(Problem(path, line, f"invalid YAML: {problem}"))
        result.valid = False
        return result
    if data is None:
        return result
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        result.problems.append(
            Problem(path, first_line, "expected a mapping of 'key: value' lines")
        )
        result.valid = False
        return result

    key_lines = {
        key_node.value: first_line + key_node.start_mark.line
        for key_node, _ in node.value
        if isinstance(key_node, yaml.ScalarNode)
    }
    allowed = set(KNOWN_KEYS) | set(extra_keys)
    for key, value in data.items():
        line = key_lines.get(str(key), first_line)
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            result.problems.append(
                Problem(path, line, f"unknown front matter key '{key}' (known: {known})",
                        unknown_key_severity)
            )
            continue
        if value is None or value == [] or (isinstance(value, str) and not value.strip()):
            # Written and left empty (a template's "description:"): the key is unset.
            if unknown_key_severity == "error":
                result.problems.append(Problem(path, line, f"'{key}' is empty: left unset", "warning"))
            continue
        kind = KNOWN_KEYS.get(str(key), ANY)
        message = kind.problem(value)
        if message:
            result.problems.append(Problem(path, line, f"'{key}' {message}"))
            continue
        result.meta[str(key)] = kind.value(value)
    return result


_UNKNOWN_KEY = re.compile(r"^unknown front matter key '(.+?)' \(known: ")


def summarize_unknown_keys(problems: list[Problem]) -> list[Problem]:
    """Unknown keys reported once per key with how many files use it (a vault's ``publish:``
    or ``cssclasses:`` would otherwise warn once per file), at its first file and line."""
    first: dict[str, Problem] = {}
    counts: dict[str, int] = {}
    others = []
    for problem in problems:
        match = _UNKNOWN_KEY.match(problem.message)
        if not match:
            others.append(problem)
            continue
        key = match.group(1)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, problem)
    summary = [
        Problem(p.path, p.line, (p.message if counts[key] == 1 else p.message.replace(
            f"unknown front matter key '{key}'", f"unknown front matter key '{key}' in {counts[key]} files"
            " (ignored; first here)", 1)), p.severity)
        for key, p in first.items()]
    return others + summary
