"""`build.py report` prints what readers typed: never a control character or a bidirectional
override that the terminal would act on (issue 17, item 14)."""

from __future__ import annotations

import importlib.util

import pytest

from ..conftest import ROOT


@pytest.fixture(scope="module")
def build_py():
    spec = importlib.util.spec_from_file_location("build_py", ROOT / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_report_shows_controls_and_overrides_as_escapes(build_py, capsys) -> None:
    typed = ["clear\x1b[2J", "invoice\u202egnp.exe", "nel\x85here", "csi\x9b31m", "isolate\u2066x\u2069", "plain café"]
    build_py._print_table("Searches", ["search", "readers"], [[query, 1] for query in typed])
    printed = capsys.readouterr().out
    overrides = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert not [c for c in printed if c != "\n" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in overrides)]
    for shown in ("clear\\u001b[2J", "invoice\\u202egnp.exe", "nel\\u0085here", "csi\\u009b31m",
                  "isolate\\u2066x\\u2069", "plain café"):
        assert shown in printed
