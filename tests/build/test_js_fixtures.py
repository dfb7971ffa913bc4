"""The JavaScript tests' committed fixtures match what the build writes, so `npm test` (which
runs without a Python build) tests the functions against the sample site's real form schema
and interface text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import ROOT


@pytest.mark.parametrize("name", ["form-schema.json", "text.json", "site-pages.json"])
def test_fixture_is_what_the_build_writes(sample_site: Path, name: str) -> None:
    fixture = ROOT / "tests/js/fixtures" / name
    built = ROOT / "netlify/generated" / name  # the build writes it, beside the functions
    assert json.loads(fixture.read_text(encoding="utf-8")) == json.loads(built.read_text(encoding="utf-8")), (
        f"{fixture.relative_to(ROOT)} differs from what the build wrote: copy it "
        f"(cp {built.relative_to(ROOT)} {fixture.relative_to(ROOT)}) and run npm test")
