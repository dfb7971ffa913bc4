"""Problems found in a writer's files, reported as ``file:line: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


class ConfigError(ValueError):
    """A setting in mkdocs.yml that cannot work; the message starts with the key's path."""


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """The compiler-style line editors and CI annotators understand."""
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.message))
