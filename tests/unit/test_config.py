"""mkdocs.yml's typed plugin options: MkDocs checks their shape before any hook runs, and the
first bad setting is named by its key path."""

from __future__ import annotations

from typing import Any

import pytest
from helpcenter.mkdocs.config import HelpCenterConfig, plain

NEW_YORK = {"timezone": "America/New_York", "weekly": {"monday": "09:00-17:00"}}


def first_error(options: dict[str, Any]) -> str:
    config = HelpCenterConfig()
    config.load_dict(options)
    failed, _warnings = config.validate()
    return f"{failed[0][0]}: {failed[0][1]}" if failed else ""


@pytest.mark.parametrize(("options", "message"), [
    ({"support_hours": {**NEW_YORK, "lunch": "12:00"}}, "support_hours: lunch: unknown key (known: closures,"),
    ({"support_hours": {**NEW_YORK, "weekly": {"funday": "09:00-17:00"}}}, "support_hours: weekly.funday: unknown key"),
    ({"support_hours": {"timezone": 5}}, "support_hours: timezone: Expected type"),
    ({"chat": {"provider": "skype"}}, "chat: provider: Expected one of"),
    ({"chat": {"provider": "intercom", "app_id": "abc", "show_on": "footer"}}, "chat: show_on: Expected one of"),
    ({"chat": {"provider": "intercom", "app_id": "abc", "colour": "red"}}, "chat: colour: unknown key"),
    ({"channels": [{"id": "a", "name": "A"}, {"id": "b", "nom": "B"}]}, "channels: [1].nom: unknown key"),
    ({"plans": [{"id": "a", "name": "A", "channels": "phone"}]}, "plans: [0].channels: a list, not str"),
    ({"contact_form": {"fields": {"phone": {"label": 7}}}}, "contact_form: fields.phone.label: Expected type"),
    ({"contact_form": {"fields": {"phone": {"autofill": "gps"}}}},
     "contact_form: fields.phone.autofill: Expected one of"),
    ({"contact_form": {"attachments": {"max_files": "three"}}},
     "contact_form: attachments.max_files: a whole number, not 'three'"),
    ({"contact_form": {"colour": "red"}}, "contact_form: colour: unknown key"),
    ({"translations": {"es": {"colour": "rojo"}}}, "translations: es.colour: unknown key"),
    ({"translations": {"es": {"channels": {"phone": {"link": "tel:1"}}}}},
     "translations: es.channels.phone.link: unknown key (known: description, name)"),
    ({"translations": {"es": {"contact_form": {"fields": {"phone": {"required": True}}}}}},
     "translations: es.contact_form.fields.phone.required: unknown key"),
    ({"translations": {"es": {"contact_form": {"fields": {"phone": "Teléfono"}}}}},
     "translations: es.contact_form.fields.phone: a mapping of settings, not str"),
    # A blank item is an error, not a default; names cannot be empty; true is not a number.
    ({"synonyms": [["iCal", None]]}, "synonyms: [0][1]: Expected type"),
    ({"languages": ["en", None]}, "languages: [1]: Expected type"),
    ({"channels": [{"id": "phone", "name": ""}]}, "channels: [0].name: cannot be empty"),
    ({"contact_form": {"fields": {"subject": {"min_length": True}}}},
     "contact_form: fields.subject.min_length: a whole number, not True"),
    ({"contact_form": {"attachments": {"max_files": 0}}}, "contact_form: attachments.max_files: at least 1"),
    # What build.py decides is not a setting any more, and says so.
    ({"strict": False}, "strict: no longer an option: build.py build is strict"),
    ({"language": "es"}, "language: no longer an option"),
])
def test_a_bad_setting_is_named_by_its_key_path(options: dict[str, Any], message: str) -> None:
    assert first_error(options).startswith(message), first_error(options)


def test_good_settings_reach_the_plain_modules_as_plain_data() -> None:
    config = HelpCenterConfig()
    config.load_dict({"support_hours": NEW_YORK, "channels": [{"id": "phone", "name": "Phone"}],
                      "chat": {"provider": "crisp", "website_id": "x"}})
    assert config.validate() == ([], [])
    assert plain(config.support_hours) == {**NEW_YORK, "weekly": {"monday": "09:00-17:00"}, "closures": []}
    assert plain(config.channels) == [{"id": "phone", "name": "Phone", "description": "", "link": ""}]
    chat = plain(config.chat)
    assert chat["provider"] == "crisp" and chat["website_id"] == "x" and "app_id" not in chat
    # A section written with nothing under it has its defaults.
    bare = HelpCenterConfig()
    bare.load_dict({"contact_form": None})
    assert bare.validate()[0] == [] and plain(bare.contact_form) == {"fields": {}}
    # Sections left out are None: no hours, no chat.
    empty = HelpCenterConfig()
    empty.load_dict({})
    assert empty.validate()[0] == [] and empty.support_hours is None and empty.chat is None
