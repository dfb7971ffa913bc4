"""Interface text: every key in every language's catalog, and what a missing one does."""

from __future__ import annotations

import re
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


