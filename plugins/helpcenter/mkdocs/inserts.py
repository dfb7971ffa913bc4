"""Markers a writer puts in an article to show what mkdocs.yml says, rendered from partials:
``<!-- helpcenter:channels -->``, ``<!-- helpcenter:hours -->``, ``<!-- helpcenter:plans -->``."""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment

INSERTS = {"channels": "partials/support-channels.html", "hours": "partials/support-hours.html",
           "plans": "partials/plans-table.html"}
MARKER = re.compile(r"<!--\s*helpcenter:(channels|hours|plans)\s*-->")
PLACEHOLDER = re.compile(r'<div data-helpcenter-insert="(\w+)"></div>')


def mark(markdown: str) -> str:
    """Markers become placeholders that survive Markdown (templates are not available yet)."""
    return MARKER.sub(lambda m: f'\n<div data-helpcenter-insert="{m.group(1)}"></div>\n', markdown)


def has_placeholders(html: str) -> bool:
    """Cheap test first: most pages have none, and every page passes through here."""
    return "data-helpcenter-insert" in html


def fill(html: str, env: Environment, context: dict[str, Any]) -> str:
    """Each placeholder of a rendered page becomes its partial."""
    return PLACEHOLDER.sub(lambda m: env.get_template(INSERTS[m.group(1)]).render(context), html)
