"""Support channels, hours and plans: read from the plugin's config, checked with messages
that name the key, and computed (is support open now? when does it reopen?) the same way
the browser does in assets/helpcenter/support/hours.js. Plain Python, no MkDocs.

    support_hours:
      timezone: America/New_York
      weekly: {monday: "00:00-24:00", ..., saturday: "09:00-17:00", sunday: "09:00-17:00"}
      closures: ["2026-12-25"]
    channels: [{id: help_center, name: Help center, description: ...}, ...]
    plans: [{id: starter, name: Starter, channels: [help_center, contact_form], reply_time: 48 hours}]
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..i18n.interface_text import InterfaceText
from ..problems import ConfigError

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# hours.js looks for the next opening in steps of this many minutes, then minute by minute
# inside the step that opened: a shorter opening could be missed, so none is allowed.
STEP_MINUTES = 15
HORIZON_DAYS = 15


class SupportConfigError(ConfigError):
    """A support setting that cannot work; the message names the key."""


@dataclass(frozen=True)
class SupportHours:
    timezone: str
    # Per weekday (0 = Monday), open intervals in minutes since local midnight, end exclusive.
    weekly: tuple[tuple[tuple[int, int], ...], ...]
    closures: frozenset[str] = frozenset()

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def to_json(self) -> dict[str, Any]:
        """The schedule as the browser's hours.js takes it; whether support is open now, and
        when it reopens, is computed there only (in the reader's time zone, at read time)."""
        return {"timezone": self.timezone, "weekly": [[list(r) for r in day] for day in self.weekly],
                "closures": sorted(self.closures), "step_minutes": STEP_MINUTES, "horizon_days": HORIZON_DAYS}

    def summary_lines(self, text: InterfaceText | None = None) -> list[str]:
        """Static text, for readers without JavaScript: days with the same hours grouped."""
        text = text or InterfaceText("en")
        day_names = text.day_names()
        zone = str(text("hours.zone", city=text.city(self.timezone)))
        groups: list[tuple[list[int], tuple[tuple[int, int], ...]]] = []
        for day, ranges in enumerate(self.weekly):
            if groups and groups[-1][1] == ranges and groups[-1][0][-1] == day - 1:
                groups[-1][0].append(day)
            else:
                groups.append(([day], ranges))
        lines = []
        for days, ranges in groups:
            first, last = day_names[days[0]], day_names[days[-1]]
            name = first if len(days) == 1 else str(
                text("hours.day_range" if len(days) > 2 else "hours.day_pair", first=first, last=last))
            if not ranges:
                hours = str(text("hours.closed"))
            elif ranges == ((0, 1440),):
                hours = str(text("hours.all_day"))
            else:
                hours = str(text("hours.with_zone", zone=zone, hours=", ".join(
                    str(text("hours.time_range", start=_clock(a), end=_clock(b))) for a, b in ranges)))
            lines.append(str(text("hours.line", days=f"{name[:1].upper()}{name[1:]}", hours=hours)))
        return lines


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def parse_hours(config: dict[str, Any] | None) -> SupportHours | None:
    """``{timezone, weekly: {monday: "09:00-17:00" | [ranges] | "closed"}, closures: [dates]}``,
    shaped as mkdocs.yml's typed options guarantee; checked here for what it means."""
    if not config:
        return None
    timezone = config.get("timezone")
    try:
        if not isinstance(timezone, str) or not timezone:
            raise ZoneInfoNotFoundError
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SupportConfigError(f"support_hours.timezone: unknown time zone {timezone!r} "
                                 "(an IANA name such as America/New_York)") from None
    weekly_config = config.get("weekly") or {}
    weekly = []
    for day in DAYS:
        value = weekly_config.get(day, "closed")
        items = value if isinstance(value, list) else [value]
        ranges = []
        for item in items:
            if item in ("closed", None, ""):
                continue
            match = RANGE.match(str(item))
            if not match:
                raise SupportConfigError(f"support_hours.weekly.{day}: {item!r} is not HH:MM-HH:MM or 'closed'")
            start_h, start_m, end_h, end_m = (int(g) for g in match.groups())
            start, end = start_h * 60 + start_m, end_h * 60 + end_m
            if start_h > 23 or start_m > 59 or end_m > 59 or end > 1440 or end <= start:
                raise SupportConfigError(f"support_hours.weekly.{day}: {item!r} is not a possible time range")
            if end - start < STEP_MINUTES:
                # The next-opening search looks every STEP_MINUTES: a shorter window could be missed.
                raise SupportConfigError(f"support_hours.weekly.{day}: {item!r} is shorter than {STEP_MINUTES} minutes")
            ranges.append((start, end))
        ranges.sort()
        if any(a[1] > b[0] for a, b in itertools.pairwise(ranges)):
            raise SupportConfigError(f"support_hours.weekly.{day}: the ranges overlap")
        weekly.append(tuple(ranges))
    closures = []
    for number, value in enumerate(config.get("closures") or []):
        try:
            closures.append(dt.date.fromisoformat(str(value)).isoformat())
        except ValueError:
            raise SupportConfigError(
                f"support_hours.closures[{number}]: {value!r} is not a date (YYYY-MM-DD)") from None
    return SupportHours(timezone=timezone, weekly=tuple(weekly), closures=frozenset(closures))


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    description: str = ""
    link: str = ""  # "contact", "chat" or a URL


@dataclass(frozen=True)
class Plan:
    id: str
    name: str
    channels: tuple[str, ...]
    reply_time: str = ""
    price: str = ""


@dataclass
class Support:
    channels: list[Channel] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)

    def table(self) -> list[tuple[Channel, list[bool]]]:
        """Plans x channels, in the configured order of both (the same on every page)."""
        return [(channel, [channel.id in plan.channels for plan in self.plans]) for channel in self.channels]


def parse_support(channels: Any, plans: Any) -> Support:
    """Channels and plans as mkdocs.yml's typed options shape them: ids that are ids, unique,
    and plans that list known channels."""
    parsed_channels: list[Channel] = []
    for number, item in enumerate(channels or []):
        where = f"channels[{number}]"
        if not ID.match(str(item["id"])):
            raise SupportConfigError(f"{where}.id: lowercase letters, digits and _")
        if item["id"] in {c.id for c in parsed_channels}:
            raise SupportConfigError(f"{where}.id: {item['id']!r} is listed twice")
        parsed_channels.append(Channel(id=item["id"], name=str(item["name"]),
                                       description=str(item.get("description", "")), link=str(item.get("link", ""))))
    known = {c.id for c in parsed_channels}
    parsed_plans: list[Plan] = []
    for number, item in enumerate(plans or []):
        where = f"plans[{number}]"
        if not ID.match(str(item["id"])):
            raise SupportConfigError(f"{where}.id: lowercase letters, digits and _")
        listed = item.get("channels") or []
        missing = [c for c in listed if c not in known]
        if missing:
            raise SupportConfigError(f"{where}.channels: unknown channel {missing[0]!r} (not in channels)")
        parsed_plans.append(Plan(id=item["id"], name=str(item["name"]), channels=tuple(listed),
                                 reply_time=str(item.get("reply_time", "")), price=str(item.get("price", ""))))
    return Support(channels=parsed_channels, plans=parsed_plans)
