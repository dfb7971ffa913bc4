"""Language tags are normalized by one rule, written in Python for the build and in JavaScript
for the browser and the functions: both give the same answers."""

from __future__ import annotations

import json
import subprocess

from helpcenter.i18n.tags import base_language, best_match, canonical_tag, theme_translation

from ..conftest import ROOT

TAGS = ["es", "es-MX", "ES", "es_419", "pt-BR", "pt_br", "zh-Hans-CN", " en ", "en-GB", "fr", "", "x-klingon",
        "ZH-hant-tw", "sr-latn", "de-CH-1996"]
AVAILABLE = ["en", "es", "pt-BR"]


def test_python_and_javascript_normalize_tags_alike() -> None:
    script = """
      const { baseLanguage, bestMatch, canonicalTag } = await import("./common/language.js");
      const { tags, available } = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
      console.log(JSON.stringify(tags.map((t) => [baseLanguage(t), bestMatch(t, new Set(available)),
                                                  bestMatch(t, Object.fromEntries(available.map((a) => [a, 1]))),
                                                  canonicalTag(t)])));
    """
    done = subprocess.run(["node", "--input-type=module", "-e", script.replace("require(\"node:fs\")",
                                                                               "(await import('node:fs'))")],
                          input=json.dumps({"tags": TAGS, "available": AVAILABLE}), capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    javascript = json.loads(done.stdout)
    python = [[base_language(t), best_match(t, set(AVAILABLE)), best_match(t, set(AVAILABLE)), canonical_tag(t)]
              for t in TAGS]
    assert javascript == python
    assert python[1][:2] == ["es", "es"] and python[4][:2] == ["pt", "pt-BR"] and python[9][1] is None
    assert python[5][1] == "pt-BR" and python[3][3] == "es-419" and python[12][3] == "zh-Hant-TW"
    assert python[13][3] == "sr-Latn" and python[14][3] == "de-CH-1996"


def test_each_tag_gets_the_closest_of_the_themes_translations() -> None:
    available = {"en", "es", "pt", "pt-BR", "zh", "zh-Hant", "zh-TW", "nb", "he", "ur"}
    expected = {"pt-BR": "pt-BR", "pt_br": "pt-BR", "pt-PT": "pt", "es-419": "es", "zh-Hans": "zh", "zh-CN": "zh",
                "zh-Hant-HK": "zh-Hant", "zh-HK": "zh-Hant", "zh-TW": "zh-TW", "no": "nb", "he-IL": "he", "ur": "ur",
                "tlh": "en", "": "en"}
    assert {tag: theme_translation(tag, available) for tag in expected} == expected
