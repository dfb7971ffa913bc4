"""Chinese, Japanese and Korean: pairs of characters, the same in Python and in the browser."""

from __future__ import annotations

import json
import subprocess
import unicodedata

from helpcenter.search.languages import CJK_RANGES, language, tokenize_cjk

from ..conftest import ROOT

TEXTS = [
    "東京タワーの予約をキャンセルする方法",
    "依存関係を注入する FastAPIで ＡＰＩ ｶﾀｶﾅ",
    "使用 Python 类型提示来声明请求体；数据验证和序列化。",
    "한국어 검색은 어떻게 하나요?",
    "𠀋𠂉 and 丈 alone, ー長音",
]


def browser_tokens(texts: list[str]) -> list[list[str]]:
    module = (ROOT / "overrides/assets/helpcenter/search/languages.js").as_uri()
    script = (f"import({json.dumps(module)}).then(({{ createLanguage }}) => {{"
              "const language = createLanguage('ja', { Pipeline: class { add() {} } }, 'cjk');"
              f"console.log(JSON.stringify({json.dumps(texts)}.map((t) => language.tokenize(t))));}})")
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(done.stdout)


def test_pairs_of_characters_the_same_in_python_and_the_browser() -> None:
    # Every 97th character of the ranges that Python's Unicode (14.0 in 3.11) knows: Node's is
    # newer, and reads characters assigned since (CJK extension I, 2023) as letters.
    every_cjk = "".join(chr(point) for start, end in CJK_RANGES for point in range(start, end + 1, 97)
                        if unicodedata.category(chr(point)) != "Cn")
    texts = [*TEXTS, every_cjk]
    assert [tokenize_cjk(text) for text in texts] == browser_tokens(texts)


def test_a_word_inside_a_longer_one_is_found() -> None:
    japanese = language("ja-JP")
    assert japanese.analyzer == "cjk" and language("zh-Hans").analyzer == "cjk"
    indexed = set(japanese.terms(TEXTS[0]))
    # "予約" (a booking) sits inside "予約を": its pair is a term of the text.
    assert set(japanese.terms("予約")) <= indexed and set(japanese.terms("キャンセル")) <= indexed
    assert tokenize_cjk("ＡＰＩ ｶﾀｶﾅ") == ["api", "カタ", "タカ", "カナ"]
