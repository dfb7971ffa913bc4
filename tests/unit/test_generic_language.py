"""A language without a stemmer of its own: the same words in Python and in the browser."""

from __future__ import annotations

import json
import subprocess

from helpcenter.search.languages import generic_warning, language, tokenize_generic

from ..conftest import ROOT

TEXTS = [
    "Où est la facture ? Ça coûte 12 € — ÉCOLE naïve, l'échéance du 3ᵉ trimestre.",
    "Größe der Straße: Übersicht über Änderungen (Version 2.1).",
    "Не удаётся войти в учётную запись: ЁЛКА и ёлка.",
    "東京タワーの予約をキャンセルする方法",
    "مرحبا بالعالم، كيف أستطيع استرداد المبلغ؟",
    "Ελληνικά: ΟΔΟΣ και οδός, ΣΊΣΥΦΟΣ.",
    "İstanbul'da IŞIK ve ışık; hindi दिल्ली में स्वागत है।",
]


def browser_tokens(code: str, texts: list[str]) -> list[list[str]]:
    """search/languages.js' tokenizer for `code`, in Node."""
    module = (ROOT / "overrides/assets/helpcenter/search/languages.js").as_uri()
    script = (f"import({json.dumps(module)}).then(({{ createLanguage }}) => {{"
              f"const language = createLanguage({json.dumps(code)}, {{ Pipeline: class {{ add() {{}} }} }}, 'generic');"
              f"console.log(JSON.stringify({json.dumps(texts)}.map((t) => language.tokenize(t))));}})")
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(done.stdout)


def test_any_language_has_words_and_the_browser_finds_the_same() -> None:
    for code in ("fr", "de", "ru", "ja", "ar", "el", "tr", "hi"):
        assert [tokenize_generic(text) for text in TEXTS] == browser_tokens(code, TEXTS), code
    assert tokenize_generic(TEXTS[0])[:4] == ["où", "est", "la", "facture"]
    assert "échéance" in tokenize_generic(TEXTS[0]) and "ёлка" in tokenize_generic(TEXTS[2])


def test_a_language_without_a_stemmer_is_searched_with_one_warning() -> None:
    greek = language("el-GR")  # lunr-languages has no Snowball stemmer for it
    assert greek.code == "el" and not greek.analyzed and greek.scripts == ()
    assert greek.terms("Οι ΚΡΑΤΉΣΕΙΣ ακυρώθηκαν") == ["οι", "κρατήσεις", "ακυρώθηκαν"]
    warning = generic_warning("el")
    assert warning and "'el'" in warning and "as written" in warning
    assert generic_warning("es-419") is None and generic_warning("en") is None and generic_warning("fr") is None
