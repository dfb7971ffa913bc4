"""lunr-languages' Arabic stemmer, step by step, so the build indexes the stems the browser's
lunr.ar.js makes of a query. It is not a Snowball algorithm (snowballstemmer's Arabic stems
differently). Its data (prefixes, suffixes, word patterns, stop words) comes from lunr.ar.js
itself, through lunr_languages.json; tests/unit/test_snowball_languages.py holds the two
stemmers to the same stems. Plain Python, no MkDocs.

Where lunr.ar.js replaces only a character's first occurrence (``replace`` with a string or
a regular expression without ``g``), this does the same: the stems must be equal, not better.
"""

from __future__ import annotations

import re
from typing import Any

_ELONGATION = "\u0640"
_DIACRITICS = re.compile("[\u064b-\u065b]")
_ALEF_VARIANTS = re.compile("[\u0622\u0623\u0625\u0671\u0649]")
_ALEF_RUNS = re.compile("(\u0627)\\1+")


class ArabicStemmer:
    def __init__(self, data: dict[str, Any]) -> None:
        self.stop_words = frozenset(data["stop_words"])
        prefixes, suffixes = data["prefixes"], data["suffixes"]

        def alternatives(words: str, at_start: bool) -> re.Pattern[str]:
            joined = "|".join(words.split(" "))
            return re.compile(f"^({joined})" if at_start else f"({joined})$")

        self.pre = {size: alternatives(prefixes[f"pre{size}"], True) for size in (1, 2, 3, 4)}
        self.suf = {size: alternatives(suffixes[f"suf{size}"], False) for size in (1, 2, 3, 4)}
        self.patterns = data["patterns"]

    def stem(self, word: str) -> str:
        return _Stemming(self, word).run()


class _Stemming:
    """One word through lunr.ar.js' steps (its execArray), with its flags."""

    def __init__(self, stemmer: ArabicStemmer, word: str) -> None:
        self.stemmer = stemmer
        self.word = word
        self.result = False
        self.pre_removed = False
        self.suf_removed = False

    def run(self) -> str:
        steps = (self.clean_word, self.remove_diacritics, self.clean_alef, self.remove_stop_words,
                 self.normalize_hamza_and_alef, self.remove_start_waw, self.remove_pre432,
                 self.remove_end_taa, self.word_check)
        for step in steps:
            self.result = step()
            if self.result:
                break
        return self.word

    def clean_word(self) -> bool:
        self.word = self.word.replace(_ELONGATION, "")
        return False  # lunr.ar.js tests an empty string for other characters: never true

    def remove_diacritics(self) -> bool:
        self.word = _DIACRITICS.sub("", self.word)
        return False

    def clean_alef(self) -> bool:
        self.word = _ALEF_VARIANTS.sub("\u0627", self.word, count=1)
        return False

    def remove_stop_words(self) -> bool:
        return self.word in self.stemmer.stop_words

    def normalize_hamza_and_alef(self) -> bool:
        self.word = self.word.replace("\u0624", "\u0621", 1).replace("\u0626", "\u0621", 1)
        self.word = _ALEF_RUNS.sub("\u0627", self.word)
        return False

    def remove_end_taa(self) -> bool:
        if len(self.word) > 2:
            self.word = re.sub("\u0627$", "", self.word, count=1).replace("\u0629", "", 1)
            return False
        return True

    def remove_start_waw(self) -> bool:
        if len(self.word) > 3 and self.word.startswith("\u0648\u0648"):
            self.word = self.word[1:]
        return False

    def _strip(self, affixes: dict[int, re.Pattern[str]], sizes: tuple[tuple[int, int], ...]) -> bool:
        """The first affix of ``(size, shortest word)`` that comes off, longest first; whether one did."""
        word = self.word
        for size, shortest in sizes:
            if self.word == word and len(self.word) >= shortest:
                self.word = affixes[size].sub("", self.word, count=1)
        return self.word != word

    def remove_pre432(self) -> bool:
        if self._strip(self.stemmer.pre, ((4, 7), (3, 6), (2, 5))):
            self.pre_removed = True
        return False

    def pattern_check(self, name: str) -> None:
        for pattern in self.stemmer.patterns[name]:
            if all(any(self._at(check["l"]) == char for char in check["c"].split(",")) for check in pattern["pt"]):
                if "mPt" in pattern:
                    letters: dict[int, str] = {}
                    for mapping in pattern["mPt"]:
                        letters[mapping["l"]] = self._at(mapping["m"]) if mapping.get("m") is not None else mapping["c"]
                    # A JavaScript array joined: holes and missing letters are empty.
                    self.word = "".join(letters.get(i, "") for i in range(max(letters) + 1))
                self.result = True
                return

    def _at(self, index: int) -> str:
        return self.word[index] if 0 <= index < len(self.word) else ""

    def remove_pre1(self) -> None:
        if not self.pre_removed and self._strip(self.stemmer.pre, ((1, 4),)):
            self.pre_removed = True

    def remove_suf1(self) -> None:
        if not self.suf_removed and self._strip(self.stemmer.suf, ((1, 4),)):
            self.suf_removed = True

    def remove_suf432(self) -> None:
        if self._strip(self.stemmer.suf, ((4, 6), (3, 5), (2, 4))):
            self.suf_removed = True

    def word_check(self) -> bool:
        seven = (self.remove_suf432, self.remove_suf1, self.remove_pre1)
        counter, pattern_checked = 0, False
        while len(self.word) >= 7 and not self.result and counter < len(seven):
            if len(self.word) == 7 and not pattern_checked:
                self.pattern_check("pt73")
                pattern_checked = True
            else:
                seven[counter]()
                counter += 1
                pattern_checked = False
        for size, steps in (
            (6, (lambda: self.pattern_check("pt63"), self.remove_suf432, self.remove_suf1, self.remove_pre1,
                 lambda: self.pattern_check("pt64"))),
            (5, (lambda: self.pattern_check("pt53"), self.remove_suf432, self.remove_suf1, self.remove_pre1,
                 lambda: self.pattern_check("pt54"))),
            (4, (lambda: self.pattern_check("pt43"), self.remove_suf1, self.remove_pre1, self.remove_suf432)),
        ):
            counter = 0
            while len(self.word) == size and not self.result and counter < len(steps):
                steps[counter]()
                counter += 1
        return True
