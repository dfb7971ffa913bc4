"""Support hours, channels and plans, and the chat settings: parsing, errors that name the key,
the schedule the browser computes "open now" from, and the CSP each chat vendor gets."""

from __future__ import annotations

import json

import pytest
from helpcenter.support import chat
from helpcenter.support import hours as support
from helpcenter.support.hours import parse_hours, parse_support

from ..conftest import ROOT

NEW_YORK = {
    "timezone": "America/New_York",
    "weekly": {day: "00:00-24:00" for day in ("monday", "tuesday", "wednesday", "thursday", "friday")}
    | {"saturday": "09:00-17:00", "sunday": "09:00-17:00"},
    "closures": ["2026-12-25"],
}


def test_the_build_writes_the_schedule_hours_js_is_tested_on() -> None:
    fixture = json.loads((ROOT / "tests/js/fixtures/support-hours.json").read_text(encoding="utf-8"))
    assert fixture["settings"] == NEW_YORK
    assert parse_hours(NEW_YORK).to_json() == fixture["schedule"]


def test_static_summary_groups_days() -> None:
    assert parse_hours(NEW_YORK).summary_lines() == [
        "Monday to Friday: 24 hours", "Saturday and Sunday: 9:00 to 17:00 (New York time)"]


@pytest.mark.parametrize(("change", "message"), [
    ({"timezone": "America/Gotham"}, "support_hours.timezone: unknown time zone"),
    ({"timezone": ""}, "support_hours.timezone"),
    ({"weekly": {"saturday": "25:00-26:00"}}, "support_hours.weekly.saturday: '25:00-26:00' is not a possible"),
    ({"weekly": {"sunday": "17:00-09:00"}}, "support_hours.weekly.sunday: '17:00-09:00' is not a possible"),
    ({"weekly": {"monday": "9-5"}}, "support_hours.weekly.monday: '9-5' is not HH:MM-HH:MM"),
    ({"weekly": {"monday": ["09:00-12:00", "11:00-13:00"]}}, "support_hours.weekly.monday: the ranges overlap"),
    ({"weekly": {"monday": "09:05-09:12"}}, "support_hours.weekly.monday: .09:05-09:12. is shorter than 15 minutes"),
    ({"closures": ["2026-02-30"]}, "support_hours.closures[0]"),
])
def test_impossible_hours_name_the_key(change: dict, message: str) -> None:
    with pytest.raises(support.SupportConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_hours({**NEW_YORK, **change})


def test_plans_and_channels() -> None:
    channels = [{"id": "help_center", "name": "Help center"}, {"id": "phone", "name": "Phone"}]
    parsed = parse_support(channels, [{"id": "starter", "name": "Starter", "channels": ["help_center"]},
                                      {"id": "premium", "name": "Premium", "channels": ["help_center", "phone"]}])
    assert [(c.id, row) for c, row in parsed.table()] == [("help_center", [True, True]), ("phone", [False, True])]
    with pytest.raises(support.SupportConfigError, match=r"plans\[0\].channels: unknown channel 'fax'"):
        parse_support(channels, [{"id": "starter", "name": "Starter", "channels": ["fax"]}])
    with pytest.raises(support.SupportConfigError, match=r"channels\[2\].id: 'phone' is listed twice"):
        parse_support([*channels, {"id": "phone", "name": "Phone again"}], [])


@pytest.mark.parametrize(("config", "message"), [
    ({"provider": "crisp"}, "chat.website_id: missing; crisp needs website_id"),
    ({"provider": "crisp", "website_id": "not-a-uuid"}, "chat.website_id: 'not-a-uuid' does not look like a crisp id"),
    ({"provider": "tawk", "property_id": "abc"}, "chat.widget_id: missing"),
    ({"provider": "chatwoot", "base_url": "http://chat.example", "website_token": "t"},
     "chat.base_url: an https:// URL"),
    ({"provider": "hubspot", "hub_id": "12ab"}, "chat.hub_id"),
    ({"provider": "intercom", "app_id": "abc", "website_id": "x"}, "chat.website_id: not an id of intercom"),
    ({"provider": "custom", "script": "https://x.example/w.js", "hosts": {"default-src": ["https://y"]}},
     "chat.hosts: 'default-src'"),
])
def test_bad_chat_config_names_the_key(config: dict, message: str) -> None:
    with pytest.raises(chat.ChatConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        chat.parse_chat(config)


def test_csp_allows_exactly_the_chosen_vendor() -> None:
    assert "crisp" not in chat.content_security_policy(None)
    crisp = chat.parse_chat({"provider": "crisp", "website_id": "1c2f3e4d-0000-4000-8000-123456789abc"})
    policy = dict(part.split(" ", 1) for part in chat.content_security_policy(crisp).split("; ") if " " in part)
    assert "https://client.crisp.chat" in policy["script-src"].split()
    assert "wss://client.relay.crisp.chat" in policy["connect-src"].split()
    assert "intercom" not in chat.content_security_policy(crisp)
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    woot = chat.parse_chat({"provider": "chatwoot", "base_url": "https://chat.villadesk.example/",
                            "website_token": "abc"})
    assert woot.script == "https://chat.villadesk.example/packs/js/sdk.js"
    assert "wss://chat.villadesk.example" in chat.content_security_policy(woot)
    assert chat.parse_chat({"provider": "none"}) is None and chat.parse_chat({}) is None




def test_the_vendors_side_follows_the_pages_direction() -> None:
    """position: left is the start side: the right on a right-to-left page, where our launcher
    sits (CSS inset-inline-start), so the vendor's widget, placed by physical side, is told the
    same side."""
    crisp = chat.parse_chat({"provider": "crisp", "website_id": "1c2f3e4d-0000-4000-8000-123456789abc"})
    assert crisp is not None and crisp.position == "left"
    sides = {code: crisp.for_page(code)["position"] for code in ("en", "fr", "ja", "ar", "he", "fa", "ur", "yi")}
    assert sides == {"en": "left", "fr": "left", "ja": "left", "ar": "right", "he": "right", "fa": "right",
                     "ur": "right", "yi": "right"}
    right = chat.parse_chat({"provider": "crisp", "position": "right",
                             "website_id": "1c2f3e4d-0000-4000-8000-123456789abc"})
    assert right is not None and right.for_page("ar")["position"] == "left"
