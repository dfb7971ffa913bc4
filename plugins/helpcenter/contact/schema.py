"""The contact form's schema: ONE description of its fields that the page renders from, the
browser validates with and the Netlify function validates against (it imports the JSON this
module writes at build time). Plain Python, no MkDocs: config in, JSON-ready dict out.

A site changes fields, labels, limits and conditions in mkdocs.yml, under the plugin's
``contact_form`` option:

    contact_form:
      topics: [{value: technical, label: Technical problem}, ...]   # replaces the list
      fields:                                                        # per field, by name
        listings: {label: Property names, max_length: 800}
        phone: {enabled: false}
      attachments: {max_files: 3}
      min_seconds: 4
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from ..i18n.interface_text import InterfaceText
from ..problems import ConfigError

SCHEMA_VERSION = 1
FIELD_TYPES = {"text", "email", "tel", "textarea", "select", "radio", "file"}
# The attachment types whose bytes the function knows how to check (magic numbers).
KNOWN_FILE_TYPES = {"png", "jpg", "jpeg", "gif", "webp", "mp4", "mov", "ics", "pdf"}
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

# The built-in topics: what any product's customers write about. A site lists its own in
# contact_form.topics (a topic the catalogs know, such as "booking", needs no label there).
DEFAULT_TOPICS = [
    {"value": "technical", "label": "A technical problem"},
    {"value": "billing", "label": "Billing and payments"},
    {"value": "account", "label": "My account"},
    {"value": "other", "label": "Something else"},
]
# Topics whose requests ask for the technical details (of those the site has).
TECHNICAL = ["technical", "booking"]
# Built-in fields a site turns on ({enabled: true}): the sample's vacation-rental details.
OFF_BY_DEFAULT = frozenset({"listings", "booking", "team_member_email"})

DEFAULT_FIELDS: list[dict[str, Any]] = [
    {"name": "topic", "type": "select", "label": "What is your request about?", "required": True},
    {"name": "subject", "type": "text", "label": "Subject", "required": True, "min_length": 3,
     "max_length": 150, "hint": "A few words, like “Can't export my invoices”."},
    {"name": "description", "type": "textarea", "label": "Describe your request", "required": True,
     "min_length": 20, "max_length": 5000, "rows": 6,
     "hint": "As much detail as you can: what you were doing and what you need."},
    {"name": "expected", "type": "textarea", "label": "What did you expect to happen?",
     "max_length": 2000, "rows": 3, "show_for": TECHNICAL},
    {"name": "actual", "type": "textarea", "label": "What happens instead?", "max_length": 2000,
     "rows": 3, "show_for": TECHNICAL},
    {"name": "steps", "type": "textarea", "label": "The steps you took before it happened",
     "max_length": 3000, "rows": 4, "show_for": TECHNICAL,
     "hint": "One step per line: “1. Opened Settings, 2. Clicked Export…”"},
    {"name": "account_email", "type": "email", "label": "Your account's e-mail", "max_length": 254,
     "autocomplete": "email", "hint": "The e-mail you sign in with, if it differs from yours below."},
    {"name": "listings", "type": "text", "label": "Listing titles", "max_length": 500,
     "show_for": ["technical", "booking", "billing"], "hint": "Separate several with commas."},
    {"name": "booking", "type": "text", "label": "Booking dates or guest name", "max_length": 300,
     "show_for": TECHNICAL},
    {"name": "team_member_email", "type": "email", "label": "E-mail of the team member who has the problem",
     "max_length": 254, "show_for": ["technical", "account"]},
    {"name": "attachments", "type": "file", "label": "Screenshots, videos or files",
     "hint": "Up to {max_files} files ({types}), {max_size} each."},
    {"name": "platform", "type": "radio", "label": "Where does it happen?", "show_for": TECHNICAL,
     "options": [{"value": "desktop", "label": "On a computer"}, {"value": "mobile", "label": "On a phone or tablet"},
                 {"value": "both", "label": "Both"}]},
    {"name": "scope", "type": "radio", "label": "Who is affected?", "show_for": TECHNICAL,
     "options": [{"value": "only_me", "label": "Only me"}, {"value": "whole_team", "label": "My whole team"}]},
    {"name": "os", "type": "text", "label": "Operating system", "max_length": 100, "autofill": "os",
     "show_for": TECHNICAL},
    {"name": "browser", "type": "text", "label": "Browser", "max_length": 100, "autofill": "browser",
     "show_for": TECHNICAL},
    {"name": "device", "type": "text", "label": "Mobile device model", "max_length": 100,
     "autofill": "device", "show_for": TECHNICAL},
    {"name": "plan", "type": "select", "label": "Your plan",
     "options": [{"value": "starter", "label": "Starter"}, {"value": "professional", "label": "Professional"},
                 {"value": "premium", "label": "Premium"}, {"value": "unknown", "label": "I don't know"}]},
    {"name": "name", "type": "text", "label": "Your name", "required": True, "max_length": 120,
     "autocomplete": "name"},
    {"name": "email", "type": "email", "label": "E-mail", "max_length": 254, "autocomplete": "email"},
    {"name": "phone", "type": "tel", "label": "Phone", "max_length": 40, "autocomplete": "tel",
     "hint": "With the country code, e.g. +1 212 555 0100."},
]

DEFAULT_ATTACHMENTS = {
    "accept": ["png", "jpg", "jpeg", "gif", "webp", "mp4", "mov", "ics", "pdf"],
    "max_files": 5,
    "max_file_bytes": 50 * 1024 * 1024,
    "max_total_bytes": 100 * 1024 * 1024,
}
# What one function request may carry (Netlify buffers ~6 MB, ~4.5 MB of it binary): larger
# files go through the upload step, in parts of this size.
MAX_REQUEST_BYTES = 4_500_000
UPLOAD_PART_BYTES = 4_000_000


class FormConfigError(ConfigError):
    """A contact_form setting that cannot work; the message names the key."""


def build_form_schema(config: dict[str, Any] | None, *, reply_promise: str = "",
                      endpoint: str = "/api/contact", text: InterfaceText | None = None) -> dict[str, Any]:
    """The schema for a site, from the plugin's ``contact_form`` option (may be empty), with
    the built-in topics and fields worded in ``text``'s language. ``config`` is shaped as
    mkdocs.yml's typed options guarantee (known keys, their types); checked here: what the
    settings mean for the form."""
    text = text or InterfaceText("en")
    config = dict(config or {})
    # topic_labels: a translation's labels for the built-in topics (see i18n/languages.py).
    relabelled = config.pop("topic_labels", {})
    wording = text.section("form")
    default_topics = [{**topic, "label": relabelled.get(topic["value"]) or wording.get(f"topics.{topic['value']}",
                                                                                        topic["label"])}
                      for topic in DEFAULT_TOPICS]
    topics = _topics(config.get("topics", default_topics), wording)
    fields = _fields(config.get("fields") or {}, {t["value"] for t in topics}, wording)
    for field in fields:
        if field["name"] == "topic":
            field["options"] = topics
    attachments = _attachments(config.get("attachments") or {})
    for field in fields:
        if field["type"] == "file":
            field.update(attachments)
            if field.get("hint_template"):
                types = ", ".join(dict.fromkeys("JPG" if e == "jpeg" else e.upper() for e in attachments["accept"]))
                field["hint"] = field["hint_template"].format(
                    max_files=attachments["max_files"], types=types, max_size=megabytes(attachments["max_file_bytes"]))
        field.pop("hint_template", None)
    min_seconds = config.get("min_seconds", 3)
    if not 0 <= min_seconds <= 600:
        raise FormConfigError("contact_form.min_seconds: a number of seconds between 0 and 600")
    names = {f["name"] for f in fields}
    one_of = config.get("one_of", [["email", "phone"]])
    for group in one_of:
        missing = [name for name in group if name not in names]
        if missing:
            raise FormConfigError(f"contact_form.one_of: no enabled field {missing[0]!r}")
    return {
        "version": SCHEMA_VERSION,
        "lang": text.code,
        "endpoint": endpoint,
        "upload_endpoint": f"{endpoint}/upload",
        "topic_field": "topic",
        "honeypot": "website",
        "min_seconds": min_seconds,
        "max_request_bytes": MAX_REQUEST_BYTES,
        "upload_part_bytes": UPLOAD_PART_BYTES,
        "reply_promise": reply_promise,
        "one_of": one_of,
        "fields": fields,
        # The checks' messages in this language (common/contact/validate.js says them).
        "messages": text.section("validation"),
    }


def _topics(value: list[dict[str, str]], wording: dict[str, Any]) -> list[dict[str, str]]:
    if not value:
        raise FormConfigError("contact_form.topics: a non-empty list of {value, label}")
    topics = []
    for number, topic in enumerate(value):
        if not NAME.match(topic["value"]):
            raise FormConfigError(f"contact_form.topics[{number}].value: lowercase letters, digits and _")
        label = topic.get("label") or wording.get(f"topics.{topic['value']}")
        if not label:
            raise FormConfigError(f"contact_form.topics[{number}].label: a label for {topic['value']!r} "
                                  "(the interface catalogs have none)")
        topics.append({"value": topic["value"], "label": str(label)})
    return topics


def _fields(overrides: dict[str, dict[str, Any]], topics: set[str], wording: dict[str, Any]) -> list[dict[str, Any]]:
    fields = copy.deepcopy(DEFAULT_FIELDS)
    for field in fields:  # the built-in wording, in the page's language
        name = field["name"]
        if name in OFF_BY_DEFAULT:
            field["enabled"] = False
        if field.get("show_for"):  # built-in conditions name only the topics this site has
            field["show_for"] = [topic for topic in field["show_for"] if topic in topics]
            if not field["show_for"]:  # none of its topics here: a site turns it on with its own
                field["enabled"] = False
                del field["show_for"]
        field["label"] = wording.get(f"fields.{name}.label", field["label"])
        if f"fields.{name}.hint" in wording:
            field["hint"] = wording[f"fields.{name}.hint"]
        for option in field.get("options", []):
            option["label"] = wording.get(f"fields.{name}.options.{option['value']}", option["label"])
        if field["type"] == "file" and "hint" in field:
            field["hint_template"] = field.pop("hint")  # filled in from the attachment limits
        if name == "plan":
            for option in field["options"]:
                if option["value"] == "unknown":
                    option["label"] = wording.get("plan_unknown", option["label"])
    known = {f["name"] for f in fields}
    for name, settings in overrides.items():
        where = f"contact_form.fields.{name}"
        if name not in known:
            # A field of the site's own: it needs a type.
            if not NAME.match(str(name)):
                raise FormConfigError(f"{where}: names are lowercase letters, digits and _")
            if settings.get("type") not in FIELD_TYPES - {"file"}:
                raise FormConfigError(f"{where}.type: one of {sorted(FIELD_TYPES - {'file'})}")
            fields.insert(-3, {"name": name, "type": settings["type"], "label": settings.get("label", name)})
        elif "type" in settings:
            raise FormConfigError(f"{where}.type: the type of a built-in field cannot change")
        field = next(f for f in fields if f["name"] == name)
        field.update({k: v for k, v in settings.items() if k != "type"})
        if "hint" in settings:
            field.pop("hint_template", None)
    enabled = [f for f in fields if f.pop("enabled", True) is not False]
    for field in enabled:
        _check_field(field, topics)
    if not any(f["name"] == "topic" for f in enabled):
        raise FormConfigError("contact_form.fields.topic: the topic field cannot be disabled")
    return enabled


def _check_field(field: dict[str, Any], topics: set[str]) -> None:
    where = f"contact_form.fields.{field['name']}"
    if not isinstance(field.get("label"), str) or not field["label"].strip():
        raise FormConfigError(f"{where}.label: a non-empty text")
    for key in ("min_length", "max_length", "rows"):
        if key in field and field[key] < 0:
            raise FormConfigError(f"{where}.{key}: a whole number of 0 or more")
    if field["type"] in {"text", "email", "tel", "textarea"}:
        field.setdefault("max_length", 5000 if field["type"] == "textarea" else 200)
        if field.get("min_length", 0) > field["max_length"]:
            raise FormConfigError(f"{where}.min_length: more than max_length")
    if field["type"] in {"select", "radio"} and field["name"] != "topic" and not field.get("options"):
        raise FormConfigError(f"{where}.options: a non-empty list of {{value, label}}")
    show_for = field.get("show_for")
    if show_for is not None:
        if not show_for:
            raise FormConfigError(f"{where}.show_for: a list of topic values")
        unknown = [t for t in show_for if t not in topics]
        if unknown:
            raise FormConfigError(f"{where}.show_for: unknown topic {unknown[0]!r}")
        if field["name"] == "topic":
            raise FormConfigError(f"{where}.show_for: the topic field always shows")
    field["required"] = bool(field.get("required", False))


def _attachments(settings: dict[str, Any]) -> dict[str, Any]:
    merged = {**DEFAULT_ATTACHMENTS, **settings}
    accept = [str(ext).lower().lstrip(".") for ext in merged["accept"]]
    unknown = [ext for ext in accept if ext not in KNOWN_FILE_TYPES]
    if unknown:
        raise FormConfigError(f"contact_form.attachments.accept: {unknown[0]!r} is not a type the "
                              f"function can check; known: {', '.join(sorted(KNOWN_FILE_TYPES))}")
    for key in ("max_files", "max_file_bytes", "max_total_bytes"):
        if merged[key] < 1:
            raise FormConfigError(f"contact_form.attachments.{key}: a whole number of 1 or more")
    return {**merged, "accept": accept}


def offer_plans(schema: dict[str, Any], plans: Sequence[Any], form_settings: dict[str, Any],
                text: InterfaceText) -> None:
    """The form's plan field lists the site's plans (as the plans table does), unless the site
    lists its own options for it."""
    field = next((f for f in schema["fields"] if f["name"] == "plan"), None)
    own_options = "options" in ((form_settings or {}).get("fields") or {}).get("plan", {})
    if field is None or not plans or own_options:
        return
    field["options"] = [{"value": plan.id, "label": plan.name} for plan in plans]
    field["options"].append({"value": "unknown", "label": str(text("form.plan_unknown"))})


def megabytes(size: int) -> str:
    return f"{round(size / 1024 / 1024)} MB"


def merge_schema_file(existing: Any, schema: dict[str, Any], languages: tuple[str, ...]) -> dict[str, Any]:
    """The function's schema file: ``{"default": "en", "languages": {"en": {...}, "es": {...}}}``.

    Each language's build adds its own schema (same fields and rules, its own labels and pages)
    and keeps the others' (dropping languages the site no longer has)."""
    current = isinstance(existing, dict) and existing.get("version") == SCHEMA_VERSION
    kept = existing.get("languages", {}) if current else {}
    merged = {code: kept[code] for code in languages if code in kept and code != schema["lang"]}
    merged[schema["lang"]] = schema
    return {"version": SCHEMA_VERSION, "default": languages[0],
            "languages": {code: merged[code] for code in languages if code in merged}}
