"""The parts of an import that need no server: language folders from locales, dates."""

import datetime as dt

import pytest
from helpcenter.importers.http import ImportFailed
from helpcenter.importers.model import date_of, language_codes


def test_locales_become_language_folders_keeping_a_region_only_when_two_share_a_language():
    assert language_codes(["en-us", "fr", "es-419", "pt-br", "pt-pt", "zh_CN", "zh-tw"]) == {
        "en-us": "en", "fr": "fr", "es-419": "es", "pt-br": "pt-BR", "pt-pt": "pt-PT", "zh_CN": "zh-CN",
        "zh-tw": "zh-TW"}


@pytest.mark.parametrize("locale", ["../../etc", "en/us", "", "e"])
def test_a_locale_that_is_no_language_tag_stops_the_import(locale: str):
    with pytest.raises(ImportFailed, match="not a language tag"):
        language_codes(["en", locale])


def test_dates_from_iso_text_and_unix_seconds():
    assert date_of("2024-03-05T10:00:00Z") == dt.date(2024, 3, 5)
    assert date_of(1709632800) == dt.date(2024, 3, 5)
    assert date_of("soon") is None and date_of(None) is None
