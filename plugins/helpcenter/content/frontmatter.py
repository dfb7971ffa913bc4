"""Parse and validate the YAML front matter of an article, with line numbers for every error."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..problems import Problem, Severity

# Keys our templates understand. ``hide``/``template`` are Material's own page options.
KNOWN_KEYS: dict[str, str] = {
    "title": "str",
    "description": "str",
    "keywords": "keywords",
    "order": "int",
    "icon": "str",
    "hide": "list",
    "template": "str",
    "review_by": "date",
}

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
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(yaml_text)
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
        message = _type_error(KNOWN_KEYS.get(str(key), "any"), value)
        if message:
            result.problems.append(Problem(path, line, f"'{key}' {message}"))
            continue
        result.meta[str(key)] = _normalise(KNOWN_KEYS.get(str(key), "any"), value)
    return result


def _type_error(kind: str, value: Any) -> str | None:
    if kind == "str":
        if not isinstance(value, str) or not value.strip():
            return "must be non-empty text"
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
    elif kind == "keywords":
        if isinstance(value, str):
            return None
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            return "must be a list of words or phrases"
    elif kind == "list":
        if not isinstance(value, list):
            return "must be a list"
    elif kind == "date" and not isinstance(value, dt.date):
        return "must be a date written as YYYY-MM-DD"
    return None


def _normalise(kind: str, value: Any) -> Any:
    if kind == "keywords":
        items = value.split(",") if isinstance(value, str) else value
        return [str(item).strip() for item in items if str(item).strip()]
    if kind == "str":
        return value.strip()
    return value
