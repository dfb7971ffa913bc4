"""Rules the build (Python) and the browser and functions (JavaScript) must both apply, each
written once per side where both sides need it: held to the same answers here."""

from __future__ import annotations

import json
import subprocess

from helpcenter.contact.schema import KNOWN_FILE_TYPES, megabytes

from ..conftest import ROOT


def node(script: str, data: object) -> object:
    done = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps(data), capture_output=True,
                          text=True, cwd=ROOT, timeout=60, check=True)
    return json.loads(done.stdout)


STDIN = "JSON.parse((await import('node:fs')).readFileSync(0, 'utf8'))"


def test_file_sizes_read_the_same_in_the_form_hint_and_in_its_messages() -> None:
    sizes = [1, 500_000, 1024 * 1024, 4_000_000, 5 * 1024 * 1024 + 1, 50 * 1024 * 1024, 100 * 1024 * 1024, 10**9]
    javascript = node(f"""const {{ megabytes }} = await import("./common/contact/validate.js");
        console.log(JSON.stringify({STDIN}.map(megabytes)));""", sizes)
    assert javascript == [megabytes(size) for size in sizes]


def test_the_attachment_types_the_build_accepts_are_those_the_function_can_check() -> None:
    javascript = node("""const { MEDIA_TYPES } = await import("./common/contact/filetypes.js");
        console.log(JSON.stringify(Object.keys(MEDIA_TYPES)));""", None)
    assert set(javascript) == KNOWN_FILE_TYPES
