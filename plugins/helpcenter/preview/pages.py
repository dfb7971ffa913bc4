"""What a preview answers for one URL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Served:
    body: bytes
    media_type: str
    status: int = 200
    location: str | None = None
