"""The JavaScript tests' committed fixtures match what the build writes, so `npm test` (which
runs without a Python build) tests the functions against the sample site's real form schema."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import ROOT

FIXTURE = ROOT / "tests/js/fixtures/form-schema.json"
BUILT = ROOT / "netlify/generated/form-schema.json"  # the build writes it, beside the functions


def test_form_schema_fixture_is_what_the_build_writes(sample_site: Path) -> None:
    built = BUILT
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    schema = json.loads(built.read_text(encoding="utf-8"))
    assert fixture == schema, (
        f"{FIXTURE.relative_to(ROOT)} differs from the schema the build wrote: copy it "
        f"(cp {built.relative_to(ROOT)} {FIXTURE.relative_to(ROOT)}) and run npm test")
