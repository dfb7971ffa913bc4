"""Support hours, channels and plans, and the chat settings: parsing, errors that name the key,
open/closed and next opening across DST changes, and the CSP each chat vendor gets."""

from __future__ import annotations

import datetime as dt

import pytest
from helpcenter.support import chat
from helpcenter.support import hours as support
from helpcenter.support.hours import parse_hours, parse_support

NEW_YORK = {
    "timezone": "America/New_York",
    "weekly": {day: "00:00-24:00" for day in ("monday", "tuesday", "wednesday", "thursday", "friday")}
    | {"saturday": "09:00-17:00", "sunday": "09:00-17:00"},
    "closures": ["2026-12-25"],
}


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


# (instant, open?, next opening) — chosen at the edges: the weekend's start and hours, both
# 2026 DST changes in New York (8 March, 1 November) and a closure (Christmas, a Friday).
INSTANTS = [
    ("2026-11-28T04:59:00", True, "2026-11-28T04:59:00"),    # Friday 23:59 New York: still open
    ("2026-11-28T05:00:00", False, "2026-11-28T14:00:00"),   # Saturday 00:00: closed until 9:00 EST
    ("2026-11-28T14:00:00", True, "2026-11-28T14:00:00"),    # Saturday 9:00
    ("2026-11-28T21:59:00", True, "2026-11-28T21:59:00"),    # Saturday 16:59
    ("2026-11-28T22:00:00", False, "2026-11-29T14:00:00"),   # Saturday 17:00: closed until Sunday 9:00
    ("2026-03-08T06:30:00", False, "2026-03-08T13:00:00"),   # Sunday 1:30 EST; 9:00 is EDT that day
    ("2026-03-07T22:30:00", False, "2026-03-08T13:00:00"),   # Saturday 17:30 EST, over the change
    ("2026-11-01T05:30:00", False, "2026-11-01T14:00:00"),   # Sunday 1:30 EDT; 9:00 is EST that day
    ("2026-10-31T21:30:00", False, "2026-11-01T14:00:00"),   # Saturday 17:30 EDT, over the change
    ("2026-12-25T15:00:00", False, "2026-12-26T14:00:00"),   # Christmas (closed) -> Saturday 9:00
    ("2026-12-24T23:00:00", True, "2026-12-24T23:00:00"),    # Christmas Eve 18:00
]


@pytest.mark.parametrize(("instant", "is_open", "opening"), INSTANTS)
def test_open_and_next_opening_at_the_edges(instant: str, is_open: bool, opening: str) -> None:
    hours = parse_hours(NEW_YORK)
    assert hours.is_open(utc(instant)) is is_open
    assert hours.next_opening(utc(instant)) == utc(opening)


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


