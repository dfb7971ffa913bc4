"""Interface text: every key in every language's catalog, and what a missing one does."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from ..conftest import ROOT

LANGUAGES = ["en", "es"]


# -- interface text: a missing key in any language fails here --------------------------------
def test_every_page_text_key_exists_in_every_language() -> None:
    from helpcenter.i18n.interface_text import catalog_languages, flat_catalog, missing_keys

    assert set(LANGUAGES) <= set(catalog_languages())
    reference = flat_catalog("en")
    for code in catalog_languages():
        catalog = flat_catalog(code)
        assert missing_keys(code) == [], f"locales/{code}.yml lacks these keys"
        assert set(catalog) <= set(reference), f"locales/{code}.yml has keys English does not"
        for key, value in catalog.items():
            assert type(value) is type(reference[key]), f"{code}: {key} is not shaped like English's"
            if isinstance(value, str):
                # The same {placeholders}, or a template would fill in nothing (or fail).
                assert set(re.findall(r"{(\w+)}", value)) == set(re.findall(r"{(\w+)}", reference[key])), (code, key)


def test_missing_keys_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpcenter.i18n import interface_text

    (tmp_path / "en.yml").write_text("a: A\nb: {c: C, d: D}\n")
    (tmp_path / "fr.yml").write_text("a: A\nb: {c: C}\n")
    monkeypatch.setattr(interface_text, "LOCALES", tmp_path)
    interface_text.flat_catalog.cache_clear()
    try:
        assert interface_text.missing_keys("fr") == ["b.d"]
        assert str(interface_text.InterfaceText("fr")("b.d")) == "D"  # English shows meanwhile
        with pytest.raises(interface_text.MissingText, match=r"no interface text 'b\.e'"):
            interface_text.InterfaceText("fr")("b.e")
    finally:
        interface_text.flat_catalog.cache_clear()


def test_templates_ask_only_for_keys_that_exist() -> None:
    from helpcenter.i18n.interface_text import flat_catalog

    used = set()
    for template in (ROOT / "overrides").rglob("*.html"):
        used |= set(re.findall(r"""(?<![\w.])t(?:\.raw)?\(\s*["']([\w.]+)["']""", template.read_text(encoding="utf-8")))
    assert len(used) > 60
    assert sorted(used - set(flat_catalog("en"))) == []




# -- the scripts' and the functions' sections --------------------------------------------------
SCRIPT_CALL = re.compile(r'\b(?:text|words|strings|say)(?:\.around)?\(\s*"(\w+)"')


def _calls(paths: list[Path], pattern: re.Pattern[str]) -> set[str]:
    return {key for path in paths for key in pattern.findall(path.read_text(encoding="utf-8"))}


def test_scripts_and_functions_say_exactly_the_keys_their_sections_have() -> None:
    """Every key a script or a function says is in its catalog section, and every key there is
    said somewhere (a dead key would be translated for nothing)."""
    from helpcenter.i18n.interface_text import InterfaceText

    text = InterfaceText("en")
    assets = ROOT / "overrides/assets/helpcenter"
    scripts = [p for p in assets.rglob("*.js") if "vendor" not in p.parts and p.name not in {"bundle.js"}
               and not p.is_symlink() and "common" not in p.relative_to(assets).parts]
    functions = sorted((ROOT / "netlify").glob("*/*.mjs"))
    search_function = ROOT / "netlify/functions/search.mjs"
    said_by_scripts = _calls([*scripts, search_function], SCRIPT_CALL)
    function_call = re.compile(r'(?:\bsay|functionMessages\((?:[^()]|\([^()]*\))*\))\(\s*"(\w+)"')
    said_by_functions = _calls([p for p in functions if p != search_function], function_call)
    assert len(said_by_scripts) > 25 and len(said_by_functions) > 30
    assert said_by_scripts == set(text.section("scripts"))
    assert said_by_functions == set(text.section("functions"))
    # The form's checks, said by the validator (and by the contact function, for a refusal
    # only the store can tell: an upload another ticket has taken).
    validate = "".join(p.read_text(encoding="utf-8") for p in [ROOT / "common/contact/validate.js", *functions])
    codes = {code for pair in re.findall(r'error\([^;]*?, "(\w+)"|messagesFor\(schema\)\("(\w+)"', validate)
             for code in pair if code}
    assert codes == set(text.section("validation")) - {"label_case"}


def test_scripts_fill_and_pluralize_as_the_templates_do() -> None:
    """common/text.js (browser, functions) and interface_text.py (templates) give the same text:
    the same placeholders filled, the same CLDR plural forms (Intl's data there, Babel's here)."""
    from helpcenter.i18n.interface_text import fill, plural_category

    counts = [*range(0, 112), 1000, 1_000_000]
    languages = ["en", "es", "fr", "de", "pt", "pt-BR", "it", "nl", "ja", "zh", "ar", "ru", "pl", "he", "cy"]
    templates = ["{count} articles", "{a} and {b}", "no {placeholder} here", "{name, size} stays", "{ {x} }"]
    params = {"count": 3, "a": "A", "b": "<b>", "x": "1"}
    script = """
      const { fill, pluralCategory } = await import("./common/text.js");
      const [languages, counts, templates, params] = JSON.parse(process.argv[1]);
      console.log(JSON.stringify({
        plural: languages.map((lang) => counts.map((n) => pluralCategory(lang, n))),
        fill: templates.map((t) => fill(t, params)),
      }));
    """
    cases = json.dumps([languages, counts, templates, params])
    done = subprocess.run(["node", "--input-type=module", "-e", script, cases], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=True)
    answer = json.loads(done.stdout)
    assert answer["fill"] == [fill(t, params) for t in templates]
    assert answer["fill"][0] == "3 articles" and answer["fill"][3] == "{name, size} stays"
    for lang, categories in zip(languages, answer["plural"], strict=True):
        assert categories == [plural_category(lang, n) for n in counts], lang
    assert {"zero", "one", "two", "few", "many", "other"} <= set(answer["plural"][languages.index("ar")])


def test_a_site_adds_a_language_or_rewords_ours_in_its_own_folder(tmp_path: Path) -> None:
    from helpcenter.i18n.interface_text import InterfaceText, catalog_warning, flat_catalog, missing_keys

    (tmp_path / "pl.yml").write_text("pages:\n  search: Szukaj\nscripts:\n  results: {one: '1 artykuł', few: "
                                     "'{count} artykuły', many: '{count} artykułów', other: '{count} artykułu'}\n",
                                     encoding="utf-8")
    (tmp_path / "en.yml").write_text("header:\n  contact: Talk to us\n", encoding="utf-8")
    flat_catalog.cache_clear()
    polish = InterfaceText("pl", tmp_path)
    assert polish("pages.search") == "Szukaj" and polish("pages.contact") == "Contact us"
    assert [polish.plain("scripts.results", count=n) for n in (1, 3, 5, 22)] == [
        "1 artykuł", "3 artykuły", "5 artykułów", "22 artykuły"]
    assert InterfaceText("en", tmp_path)("header.contact") == "Talk to us"
    warning = catalog_warning("pl", tmp_path)
    assert warning is not None and "pages.contact" in warning and "pages.search," not in warning
    assert warning.startswith(f"the 'pl' interface catalog lacks {len(missing_keys('pl', tmp_path))} keys")
    assert catalog_warning("es") is None
