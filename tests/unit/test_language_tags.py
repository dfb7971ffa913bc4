"""Language tags are normalized by one rule, written in Python for the build and in JavaScript
for the browser and the functions: both give the same answers."""

from __future__ import annotations

import json
import subprocess

from helpcenter.i18n.tags import base_language, best_match

from ..conftest import ROOT

TAGS = ["es", "es-MX", "ES", "es_419", "pt-BR", "pt_br", "zh-Hans-CN", " en ", "en-GB", "fr", "", "x-klingon"]
AVAILABLE = ["en", "es", "pt-BR"]


def test_python_and_javascript_normalize_tags_alike() -> None:
    script = """
      const { baseLanguage, bestMatch } = await import("./common/language.js");
      const { tags, available } = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
      console.log(JSON.stringify(tags.map((t) => [baseLanguage(t), bestMatch(t, new Set(available)),
                                                  bestMatch(t, Object.fromEntries(available.map((a) => [a, 1])))])));
    """
    done = subprocess.run(["node", "--input-type=module", "-e", script.replace("require(\"node:fs\")",
                                                                               "(await import('node:fs'))")],
                          input=json.dumps({"tags": TAGS, "available": AVAILABLE}), capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    javascript = json.loads(done.stdout)
    python = [[base_language(t), best_match(t, set(AVAILABLE)), best_match(t, set(AVAILABLE))] for t in TAGS]
    assert javascript == python
    assert python[1][:2] == ["es", "es"] and python[4][:2] == ["pt", "pt-BR"] and python[9][1] is None
