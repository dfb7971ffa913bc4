"""The JavaScript tests' committed fixtures match what the build writes, so `npm test` (which
runs without a Python build) tests the functions against the sample site's real form schema."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests/js/fixtures/form-schema.json"
# Where the build writes the functions' schema (netlify/generated is its planned new home).
BUILT = (ROOT / "netlify/generated/form-schema.json", ROOT / "netlify/lib/form-schema.json")


def test_form_schema_fixture_is_what_the_build_writes(sample_site: Path) -> None:
    written = [path for path in BUILT if path.is_file()]
    assert written, f"the build wrote no form schema at {' or '.join(str(p.relative_to(ROOT)) for p in BUILT)}"
    built = max(written, key=lambda path: path.stat().st_mtime)
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    schema = json.loads(built.read_text(encoding="utf-8"))
    assert fixture == schema, (
        f"{FIXTURE.relative_to(ROOT)} differs from the schema the build wrote: copy it "
        f"(cp {built.relative_to(ROOT)} {FIXTURE.relative_to(ROOT)}) and run npm test")
