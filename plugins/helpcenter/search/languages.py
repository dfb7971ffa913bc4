"""Search languages: tokenizers and lunr pipeline functions, identical at build and query time.

The browser runs lunr.js with lunr-languages; here lunr.py runs the same pipeline functions,
registered under the same labels (``stemmer-es``, ``stopWordFilter-es``, ...), so a term
indexed in Python is the term the browser looks up. Spanish stems come from snowballstemmer,
the same Snowball algorithm lunr-languages ships; English uses lunr's own Porter stemmer.
``tests/test_search_languages.py`` checks the word lists and stems against lunr-languages.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import stop_word_filter as english_stop_word_filter
from lunr.token import Token
from lunr.trimmer import trimmer as english_trimmer

from ..i18n.tags import base_language
from .arabic import ArabicStemmer

# lunr-languages 1.22.0, lunr.es.js: the letters of a Spanish word.
SPANISH_WORD_CHARACTERS = (
    "A-Za-z\xaa\xba\xc0-\xd6\xd8-\xf6\xf8-\u02b8\u02e0-\u02e4\u1d00-\u1d25"
    "\u1d2c-\u1d5c\u1d62-\u1d65\u1d6b-\u1d77\u1d79-\u1dbe\u1e00-\u1eff\u2071\u207f"
    "\u2090-\u209c\u212a\u212b\u2132\u214e\u2160-\u2188\u2c60-\u2c7f\ua722-\ua787"
    "\ua78b-\ua7ad\ua7b0-\ua7b7\ua7f7-\ua7ff\uab30-\uab5a\uab5c-\uab64\ufb00-\ufb06"
    "\uff21-\uff3a\uff41-\uff5a"
)
SPANISH_STOP_WORDS = frozenset(
    """
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante
e el ella ellas ellos en entre era erais eran eras eres es esa esas ese eso esos esta estaba
estabais estaban estabas estad estada estadas estado estados estamos estando estar estaremos
estará estarán estarás estaré estaréis estaría estaríais estaríamos estarían estarías estas
este estemos esto estos estoy estuve estuviera estuvierais estuvieran estuvieras estuvieron
estuviese estuvieseis estuviesen estuvieses estuvimos estuviste estuvisteis estuviéramos
estuviésemos estuvo está estábamos estáis están estás esté estéis estén estés fue fuera
fuerais fueran fueras fueron fuese fueseis fuesen fueses fui fuimos fuiste fuisteis fuéramos
fuésemos ha habida habidas habido habidos habiendo habremos habrá habrán habrás habré
habréis habría habríais habríamos habrían habrías habéis había habíais habíamos habían
habías han has hasta hay haya hayamos hayan hayas hayáis he hemos hube hubiera hubierais
hubieran hubieras hubieron hubiese hubieseis hubiesen hubieses hubimos hubiste hubisteis
hubiéramos hubiésemos hubo la las le les lo los me mi mis mucho muchos muy más mí mía mías
mío míos nada ni no nos nosotras nosotros nuestra nuestras nuestro nuestros o os otra otras
otro otros para pero poco por porque que quien quienes qué se sea seamos sean seas seremos
será serán serás seré seréis sería seríais seríamos serían serías seáis sido siendo sin
sobre sois somos son soy su sus suya suyas suyo suyos sí también tanto te tendremos tendrá
tendrán tendrás tendré tendréis tendría tendríais tendríamos tendrían tendrías tened tenemos
tenga tengamos tengan tengas tengo tengáis tenida tenidas tenido tenidos teniendo tenéis
tenía teníais teníamos tenían tenías ti tiene tienen tienes todo todos tu tus tuve tuviera
tuvierais tuvieran tuvieras tuvieron tuviese tuvieseis tuviesen tuvieses tuvimos tuviste
tuvisteis tuviéramos tuviésemos tuvo tuya tuyas tuyo tuyos tú un una uno unos vosotras
vosotros vuestra vuestras vuestro vuestros y ya yo él éramos
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

class _LunrJsPorterStemmer(PorterStemmer):
    """lunr.py's Porter stemmer with lunr.js' step 1c: 'y' becomes 'i' only after a consonant
    that is not the first letter (cry -> cri, say -> say, deploy -> deploy). lunr.py turns
    every 'y' after a vowel into 'i' (deploi), so its terms would miss lunr.js' queries."""

    b: str
    k: int

    def step1c(self) -> None:
        if self.b[self.k] == "y" and self.k >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_porter = _LunrJsPorterStemmer()


@lru_cache(maxsize=65536)
def _stem_english(word: str) -> str:
    return _porter.stem(word)


def english_stemmer(token: Token, i: int | None = None, tokens: list | None = None) -> Token:
    return token.update(lambda s, m: _stem_english(s))


# Our stemmer takes lunr.js' label "stemmer", which lunr.py registered for its own.
english_stemmer.label = "stemmer"  # type: ignore[attr-defined]
Pipeline.registered_functions["stemmer"] = english_stemmer

_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
_NOT_ENGLISH = re.compile("[^a-z0-9]+")
_NOT_SPANISH = re.compile(f"[^{SPANISH_WORD_CHARACTERS}]+")
_ACCENTS = str.maketrans("áàäâéèëêíìïîóòöôúùüû", "aaaaeeeeiiiioooouuuu")


def tokenize_english(text: str) -> list[str]:
    """Lower-case ASCII words: accents folded first, so 'café' and 'cafe' are one word."""
    folded = _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()
    return [word for word in _NOT_ENGLISH.split(folded) if word]


def tokenize_spanish(text: str) -> list[str]:
    """Words of Spanish letters (accents kept: the stemmer needs them)."""
    lowered = unicodedata.normalize("NFC", text).lower()
    return [word for word in _NOT_SPANISH.split(lowered) if word]


_spanish_trim = re.compile(f"^[^{SPANISH_WORD_CHARACTERS}]+|[^{SPANISH_WORD_CHARACTERS}]+$")


def spanish_trimmer(token: Token, i: int | None = None, tokens: list | None = None) -> Token:
    return token.update(lambda s, m: _spanish_trim.sub("", s))


def spanish_stop_word_filter(token: Token, i: int | None = None, tokens: list | None = None):
    return None if str(token) in SPANISH_STOP_WORDS else token


def spanish_accent_fold(token: Token, i: int | None = None, tokens: list | None = None):
    """lunr-languages' accentFold-es: keep the word and add its unaccented twin."""
    folded = str(token).translate(_ACCENTS)
    if folded == str(token):
        return token
    return [token, token.clone(lambda s, m: folded)]


@lru_cache(maxsize=65536)
def _stem_spanish(word: str) -> str:
    return _spanish_stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _spanish_stemmer():
    return snowballstemmer.stemmer("spanish")


def spanish_stemmer(token: Token, i: int | None = None, tokens: list | None = None) -> Token:
    return token.update(lambda s, m: _stem_spanish(s))


for _function, _label in (
    (spanish_trimmer, "trimmer-es"),
    (spanish_stop_word_filter, "stopWordFilter-es"),
    (spanish_accent_fold, "accentFold-es"),
    (spanish_stemmer, "stemmer-es"),
):
    if _label not in Pipeline.registered_functions:
        Pipeline.register_function(_function, _label)


def _word_character_class() -> str:
    """Letters, marks and digits of every script (Unicode categories L, M and N): the
    characters of JavaScript's /[\\p{L}\\p{M}\\p{N}]/u, as a regular-expression class."""
    ranges: list[tuple[int, int]] = []
    for point in range(sys.maxunicode + 1):
        if unicodedata.category(chr(point))[0] in "LMN":
            if ranges and ranges[-1][1] == point - 1:
                ranges[-1] = (ranges[-1][0], point)
            else:
                ranges.append((point, point))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


@lru_cache(maxsize=1)
def _not_a_word() -> re.Pattern[str]:
    return re.compile(f"[^{_word_character_class()}]+")


def tokenize_generic(text: str) -> list[str]:
    """Any language's words: runs of letters, marks and digits, lower case. No stemming, no
    stop words: what a language without its own analyzer gets (search/languages.js does the
    same: /[\\p{L}\\p{M}\\p{N}]+/gu)."""
    lowered = unicodedata.normalize("NFC", text).lower()
    return [word for word in _not_a_word().split(lowered) if word]


# Chinese, Japanese and Korean write words without spaces between them: their text is indexed
# as overlapping pairs of characters (Lucene's CJKAnalyzer), so a word is found inside a longer
# one and no dictionary is needed (a segmenter's dictionary would have to be the same in Python
# and the browser, and would miss product names). Han, Hiragana, Katakana and Hangul, after
# NFKC (full-width Latin and half-width Katakana folded). search/languages.js has the same
# ranges; tests/unit/test_cjk_language.py holds the two to the same tokens.
CJK_RANGES = ((0x1100, 0x11FF), (0x3040, 0x309F), (0x30A0, 0x30FF), (0x3130, 0x318F), (0x31F0, 0x31FF),
              (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
_CJK_RUN = re.compile("([" + "".join(f"{chr(a)}-{chr(b)}" for a, b in CJK_RANGES) + "]+)")


def tokenize_cjk(text: str) -> list[str]:
    """Words as tokenize_generic finds them, each run of CJK characters in them cut into
    overlapping pairs ("予約する" -> "予約", "約す", "する"); a lone character stays itself."""
    words: list[str] = []
    for word in tokenize_generic(unicodedata.normalize("NFKC", text)):
        for part in _CJK_RUN.split(word):
            if not part:
                continue
            if _CJK_RUN.fullmatch(part):
                words.extend([part] if len(part) == 1 else [part[i:i + 2] for i in range(len(part) - 1)])
            else:
                words.append(part)
    return words


CJK_LANGUAGES = frozenset({"ja", "zh", "ko"})


@dataclass(frozen=True)
class Language:
    code: str
    tokenize: Callable[[str], list[str]]
    # Applied to indexed words, and (search pipeline) to the words of a query.
    pipeline: tuple[Callable, ...]
    search_pipeline: tuple[Callable, ...]
    # The lunr-languages scripts the browser loads for it (overrides/assets/helpcenter/vendor/).
    scripts: tuple[str, ...] = ()
    # How the browser reads it: "lunr" (lunr.js, lunr-languages), "cjk" or "generic".
    analyzer: str = "lunr"

    @property
    def analyzed(self) -> bool:
        """False for a language searched without a stemmer of its own."""
        return self.analyzer == "lunr"

    def terms(self, text: str) -> list[str]:
        """The index terms of ``text``: what the browser computes for the same text."""
        tokens = [Token(word) for word in self.tokenize(text)]
        return [str(token) for token in _run_pipeline(self.pipeline, tokens)]


def _run_pipeline(functions: tuple[Callable, ...], tokens: list[Token]) -> list[Token]:
    pipeline = Pipeline()
    pipeline.add(*functions)
    return [token for token in pipeline.run(tokens) if str(token)]


LANGUAGES: dict[str, Language] = {
    "en": Language(
        "en", tokenize_english,
        pipeline=(english_trimmer, english_stop_word_filter, english_stemmer),
        search_pipeline=(english_stemmer,),
    ),
    "es": Language(
        "es", tokenize_spanish,
        pipeline=(spanish_trimmer, spanish_stop_word_filter, spanish_accent_fold, spanish_stemmer),
        search_pipeline=(spanish_trimmer, spanish_accent_fold, spanish_stemmer),
        scripts=("lunr.stemmer.support.min.js", "lunr.es.min.js"),
    ),
}


# -- the Snowball languages of lunr-languages ------------------------------------------------------
# Their word characters, stop words and pipelines come from lunr-languages itself
# (lunr_languages.json, written by scripts/lunr_languages.mjs); their stems from
# snowballstemmer, the same Snowball algorithms. tests/unit/test_snowball_languages.py holds
# each language's terms to lunr.js' own.
_SNOWBALL = json.loads((Path(__file__).parent / "lunr_languages.json").read_text(encoding="utf-8"))["languages"]

# lunr-languages' accentFold-fr (lunr.fr.accentFoldTerm): accents off before the stemmer.
_FRENCH_FOLD = str.maketrans({**dict.fromkeys("àáâäÀÁÂÄ", "a"), **dict.fromkeys("çÇ", "c"),
                              **dict.fromkeys("éèêëÉÈÊË", "e"), **dict.fromkeys("îïÎÏ", "i"),
                              **dict.fromkeys("ôöÔÖ", "o"), **dict.fromkeys("ùûüÙÛÜ", "u"),
                              **dict.fromkeys("Ÿÿ", "y"), "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"})


# Where snowballstemmer 2.x has moved on from the Snowball release lunr-languages ported, the
# browser's stem wins (the index must hold what a query becomes). Checked on every word of the
# FastAPI corpus in Portuguese (6,195) and Russian (9,315): no difference left.
_NOT_A_RUSSIAN_VOWEL = "\ua66e"  # a letter no Russian rule knows


def _russian_as_lunr(stemmer: Any, word: str) -> str:
    """lunr-languages' Russian takes "ё" for a letter like any other; Snowball 2.x reads it as
    "е", a vowel (всё -> все, ёлка -> елк where lunr.js keeps ёлка)."""
    if "ё" not in word:
        return str(stemmer.stemWord(word))
    return str(stemmer.stemWord(word.replace("ё", _NOT_A_RUSSIAN_VOWEL))).replace(_NOT_A_RUSSIAN_VOWEL, "ё")


def _portuguese_as_lunr(stemmer: Any, word: str) -> str:
    """Snowball 2.x turns "-ução"/"-uções" in R2 into "-u" (execução -> execu); lunr-languages'
    Portuguese keeps "-uçã"/"-uçõ" (execuçã)."""
    stem = str(stemmer.stemWord(word))
    for suffix, kept in (("ução", 3), ("uções", 3)):
        if word.endswith(suffix) and stem == word[: -len(suffix)] + "u":
            return word[: -len(suffix)] + suffix[:kept]
    return stem


_AS_LUNR: dict[str, Callable[[Any, str], str]] = {"ru": _russian_as_lunr, "pt": _portuguese_as_lunr}


def _snowball_functions(code: str, data: dict) -> dict[str, Callable]:
    """lunr-languages' pipeline functions for ``code``, by their labels."""
    not_a_letter = re.compile(f"^[^{data['word_characters']}]+|[^{data['word_characters']}]+$")
    stop_words = frozenset(data["stop_words"])
    stem: Callable[[str], str]
    if "stemmer" in data:  # Arabic: lunr-languages' own stemmer, not a Snowball one
        stem = lru_cache(maxsize=65536)(ArabicStemmer(data["stemmer"]).stem)
    else:
        stemmer = snowballstemmer.stemmer(data["algorithm"])
        as_lunr = _AS_LUNR.get(code)
        stem = lru_cache(maxsize=65536)((lambda word: as_lunr(stemmer, word)) if as_lunr else stemmer.stemWord)

    def trimmer(token: Token, i: int | None = None, tokens: list | None = None) -> Token:
        return token.update(lambda s, m: not_a_letter.sub("", s))

    def stop_word_filter(token: Token, i: int | None = None, tokens: list | None = None) -> Token | None:
        return None if str(token) in stop_words else token

    def accent_fold(token: Token, i: int | None = None, tokens: list | None = None) -> Token:
        return token.update(lambda s, m: s.translate(_FRENCH_FOLD))

    def stemmer_function(token: Token, i: int | None = None, tokens: list | None = None) -> Token:
        return token.update(lambda s, m: stem(s))

    return {f"trimmer-{code}": trimmer, f"stopWordFilter-{code}": stop_word_filter,
            f"accentFold-{code}": accent_fold, f"stemmer-{code}": stemmer_function}


def _snowball_language(code: str, data: dict) -> Language:
    functions = _snowball_functions(code, data)
    for label, function in functions.items():
        if label not in Pipeline.registered_functions:
            Pipeline.register_function(function, label)
    not_a_word = re.compile(f"[^{data['word_characters']}]+")

    def tokenize(text: str) -> list[str]:
        lowered = unicodedata.normalize("NFC", text).lower()
        return [word for word in not_a_word.split(lowered) if word]

    return Language(code, tokenize, pipeline=tuple(functions[label] for label in data["pipeline"]),
                    search_pipeline=tuple(functions[label] for label in data["search_pipeline"]),
                    scripts=("lunr.stemmer.support.min.js", f"lunr.{code}.min.js"))


for _code, _data in _SNOWBALL.items():
    LANGUAGES.setdefault(_code, _snowball_language(_code, _data))


def language(code: str) -> Language:
    """The language's analyzer; a language without one of its own gets the generic analyzer
    (its words as written, lower case): a help center is never refused for its language."""
    base = base_language(code)
    if base in LANGUAGES:
        return LANGUAGES[base]
    if base in CJK_LANGUAGES:
        return Language(base, tokenize_cjk, pipeline=(), search_pipeline=(), analyzer="cjk")
    return Language(base or "und", tokenize_generic, pipeline=(), search_pipeline=(), analyzer="generic")


def generic_warning(code: str) -> str | None:
    """What the build says, once, when a language is searched without a stemmer."""
    if language(code).analyzer != "generic":
        return None
    known = ", ".join(sorted(LANGUAGES))
    return (f"no stemmer for '{code}' (stemmed: {known}): its words are matched as written, "
            "lower case, with prefixes and near spellings")
