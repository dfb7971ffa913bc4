"""Options of the ``helpcenter`` plugin in mkdocs.yml, typed.

MkDocs checks their shape (types, choices, required and unknown keys) before any hook runs,
and names the key of the first bad one: ``support_hours.weekly.funday: unknown key``. What the
settings mean (a time zone that exists, ranges that do not overlap, a plan's channels that are
listed) is checked by the plain module that owns them, with the same kind of message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from ..support.chat import CHAT_PAGES

C = TypeVar("C", bound=Config)
T = TypeVar("T")


class OptionError(ValidationError):
    """An error at a key path inside an option: ``weekly.funday: unknown key``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


def _at(key: str, error: Exception) -> OptionError:
    if isinstance(error, OptionError):
        joiner = "" if error.path.startswith("[") else "."
        return OptionError(f"{key}{joiner}{error.path}", error.message)
    return OptionError(key, str(error))


class Section(opt.SubConfig[C], Generic[C]):
    """A mapping of typed settings: an unknown key is an error, and every error names its path.
    An optional section left out is None (its settings' defaults apply only when it is there)."""

    def __init__(self, config_class: type[C], *, optional: bool = False) -> None:
        super().__init__(config_class)
        self.config_class = config_class
        self.optional = optional
        if optional:
            self.default = None

    def run_validation(self, value: object) -> C | None:  # type: ignore[override]
        if value is None and self.optional:
            return None
        if value is None:  # written with nothing under it (all commented out): the defaults
            value = {}
        if not isinstance(value, dict):
            raise ValidationError(f"a mapping of settings, not {type(value).__name__}")
        config = self.config_class(config_file_path=self._config_file_path)
        config.load_dict(value)
        failed, _warnings = config.validate()
        known = {key for key, _ in config._schema}
        unknown = sorted(str(key) for key in value if key not in known)
        if unknown:
            raise OptionError(unknown[0], f"unknown key (known: {', '.join(sorted(known))})")
        if failed:
            key, error = failed[0]
            raise _at(key, error)
        return config


class ListOf(opt.ListOfItems[T], Generic[T]):
    """A list whose errors name the item: ``channels[2].id: ...``."""

    def run_validation(self, value: object) -> list[T]:
        if value is None:
            return list(self.default or [])
        if not isinstance(value, list):
            raise ValidationError(f"a list, not {type(value).__name__}")
        result = []
        for number, item in enumerate(value):
            try:  # run_validation: a blank item is an error, not a default
                result.append(self.option_type.run_validation(item))
            except ValidationError as error:
                raise _at(f"[{number}]", error) from None
        return result


class MapOf(opt.DictOfItems[T], Generic[T]):
    """A mapping of names to settings whose errors name the entry: ``fields.phone.label: ...``."""

    def run_validation(self, value: object) -> dict[str, T]:
        if value is None:
            return dict(self.default or {})
        if not isinstance(value, dict):
            raise ValidationError(f"a mapping, not {type(value).__name__}")
        result = {}
        for key, item in value.items():
            try:
                result[str(key)] = self.option_type.run_validation(item)
            except ValidationError as error:
                raise _at(str(key), error) from None
        return result


def Text(default: str | None = None) -> opt.BaseConfigOption[Any]:
    return opt.Type(str, default=default) if default is not None else opt.Optional(opt.Type(str))


class Name(opt.Type[str]):
    """Text that cannot be empty: an id, a name, a label."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not text.strip():
            raise ValidationError("cannot be empty")
        return text


class WholeNumber(opt.Type[int]):
    """A whole number (YAML's true and false are not numbers here), optionally at least ``minimum``."""

    def __init__(self, default: int | None = None, minimum: int | None = None) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"a whole number, not {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(f"at least {self.minimum}, not {value}")
        return value


class Removed(opt.BaseConfigOption[None]):
    """An option this plugin no longer has: naming it is an error that says what replaced it."""

    def __init__(self, instead: str) -> None:
        super().__init__()
        self.instead = instead

    def run_validation(self, value: object) -> None:
        if value is not None:
            raise ValidationError(f"no longer an option: {self.instead}")


# -- support hours, channels, plans, chat -----------------------------------------------------
Hours = opt.Type((str, list, type(None)))  # "09:00-17:00", a list of ranges, or closed


class WeeklyHours(Config):
    monday = opt.Optional(Hours)
    tuesday = opt.Optional(Hours)
    wednesday = opt.Optional(Hours)
    thursday = opt.Optional(Hours)
    friday = opt.Optional(Hours)
    saturday = opt.Optional(Hours)
    sunday = opt.Optional(Hours)


class SupportHoursOptions(Config):
    timezone = opt.Type(str)  # an IANA name: America/New_York
    weekly = Section(WeeklyHours)
    closures = ListOf(opt.Type((str, dt.date)), default=[])


class ChannelOptions(Config):
    id = Name()
    name = Name()
    description = Text("")
    link = Text("")  # "help", "contact", "chat", or a URL such as tel:+1...


class PlanOptions(Config):
    id = Name()
    name = Name()
    channels = ListOf(opt.Type(str), default=[])
    reply_time = Text("")
    price = Text("")


class ChatPages(opt.BaseConfigOption[list[str]]):
    """Where the chat launcher shows: ``all``, one kind of page, or a list of them."""

    def __init__(self, default: list[str]) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> list[str]:
        chosen = [value] if isinstance(value, str) else value
        if not isinstance(chosen, list) or not chosen:
            raise ValidationError(f"one of {', '.join(CHAT_PAGES)}, or a list of them")
        for item in chosen:
            if item not in CHAT_PAGES:
                raise ValidationError(f"Expected one of {', '.join(CHAT_PAGES)}, not {item!r}")
        return list(chosen)


class ChatOptions(Config):
    provider = opt.Choice(("none", "intercom", "crisp", "tawk", "zendesk", "chatwoot", "hubspot", "custom"),
                          default="none")
    show_on = ChatPages(default=["all"])
    load = opt.Choice(("click", "idle"), default="click")
    position = opt.Choice(("left", "right"), default="left")
    offline = opt.Choice(("contact_form", "vendor"), default="contact_form")
    # More CSP sources a widget needs, per directive: {connect-src: [https://...]}.
    hosts = opt.Optional(MapOf(ListOf(opt.Type(str))))
    # Each provider's ids (which ones it needs is checked with the provider).
    app_id = Text()
    website_id = Text()
    property_id = Text()
    widget_id = Text()
    key = Text()
    base_url = Text()
    website_token = Text()
    hub_id = opt.Optional(opt.Type((str, int)))
    script = Text()


# -- contact form ---------------------------------------------------------------------------
class ChoiceOptions(Config):
    value = Name()
    # A topic's label may be left out where the interface catalog has one (form.topics.<value>).
    label = opt.Optional(Name())


class FieldOptions(Config):
    type = Text()  # only for a field of the site's own: text, email, tel, textarea, select, radio
    label = Text()
    hint = Text()
    placeholder = Text()
    required = opt.Optional(opt.Type(bool))
    enabled = opt.Optional(opt.Type(bool))
    min_length = opt.Optional(WholeNumber(minimum=0))
    max_length = opt.Optional(WholeNumber(minimum=0))
    rows = opt.Optional(WholeNumber(minimum=1))
    options = opt.Optional(ListOf(Section(ChoiceOptions)))
    show_for = opt.Optional(ListOf(opt.Type(str)))
    autofill = opt.Optional(opt.Choice(("os", "browser", "device")))
    autocomplete = Text()


class AttachmentOptions(Config):
    accept = opt.Optional(ListOf(opt.Type(str)))
    max_files = opt.Optional(WholeNumber(minimum=1))
    max_file_bytes = opt.Optional(WholeNumber(minimum=1))
    max_total_bytes = opt.Optional(WholeNumber(minimum=1))


class ContactFormOptions(Config):
    topics = opt.Optional(ListOf(Section(ChoiceOptions)))
    fields = MapOf(Section(FieldOptions), default={})
    attachments = Section(AttachmentOptions, optional=True)
    min_seconds = opt.Optional(opt.Type((int, float)))  # the time trap: faster posts are bots
    one_of = opt.Optional(ListOf(ListOf(opt.Type(str))))  # at least one field of each group


# -- translations of what this file says ----------------------------------------------------
class ChannelText(Config):
    name = Text()
    description = Text()


class PlanText(Config):
    name = Text()
    price = Text()
    reply_time = Text()


class FieldText(Config):
    label = Text()
    hint = Text()
    placeholder = Text()
    options = opt.Optional(ListOf(Section(ChoiceOptions)))


class FormText(Config):
    topics = opt.Optional(MapOf(opt.Type(str)))  # topic value -> label
    fields = opt.Optional(MapOf(Section(FieldText)))


class TranslationOptions(Config):
    site_name = Text()
    site_description = Text()
    reply_promise = Text()
    root_category_title = Text()
    synonyms = opt.Optional(ListOf(ListOf(Name())))
    channels = opt.Optional(MapOf(Section(ChannelText)))  # by channel id
    plans = opt.Optional(MapOf(Section(PlanText)))  # by plan id
    contact_form = Section(FormText, optional=True)


class HelpCenterConfig(Config):
    # false: the plugin does nothing (Material's own templates and search are not replaced
    # either: the theme's overrides need the plugin, so leave `custom_dir` out too).
    enabled = opt.Type(bool, default=True)
    # Front matter keys a site adds for its own templates, accepted besides ours.
    extra_front_matter_keys = ListOf(opt.Type(str), default=[])
    # Category of the articles that sit at the top of the docs folder, outside any folder.
    root_category_title = opt.Type(str, default="General")
    top_articles = WholeNumber(default=4, minimum=0)
    related_articles = WholeNumber(default=5, minimum=0)
    # Languages: every language of the site, the default first, each in its own folder of
    # the docs (docs/en, docs/es), and, per language other than the default, the translations
    # of what mkdocs.yml says (site_name, channels, plans...). Which language a build makes is
    # build.py's business (BuildOptions), not this file's.
    languages = ListOf(Name(), default=[])
    # What build.py decides now (mkdocs.yml says what the help center is, not how one build runs).
    language = Removed("each build's language comes from languages (one-language site: theme.language)")
    strict = Removed("build.py build is strict, --docs-dir lenient; --strict and --lenient choose")
    preview = Removed("build.py serve is the preview")
    multilingual = Removed("build.py --docs-dir builds a folder alone")
    translations = MapOf(Section(TranslationOptions), default={})
    # Search: the language of the site's words (stemmer, stop words; default: the build's
    # language), and groups of words readers use for the same thing: [iCal, calendar feed, ics].
    search_language = opt.Optional(opt.Type(str))
    synonyms = ListOf(ListOf(Name()), default=[])
    contact_email = opt.Type(str, default="")
    reply_promise = opt.Type(str, default="We reply within 48 hours.")
    # Support hours, channels (in the order pages list them), plans and the chat widget.
    support_hours = Section(SupportHoursOptions, optional=True)
    channels = ListOf(Section(ChannelOptions), default=[])
    plans = ListOf(Section(PlanOptions), default=[])
    chat = Section(ChatOptions, optional=True)
    # The article that explains every support channel, linked from the contact page.
    help_article = opt.Optional(opt.Type(str))
    # Contact form: fields, topics, limits (defaults in helpcenter/contact/schema.py).
    contact_form = Section(ContactFormOptions)
    # "Edit this page" links go to repo_url (GitHub or GitLab) on this branch. They are for
    # writers: shown in the preview only, unless the site opts in ("always") or out ("never").
    repo_branch = opt.Type(str, default="main")
    edit_links = opt.Choice(("preview", "always", "never"), default="preview")
    # Where the form posts, votes and search misses go ("" leaves out the feedback box and
    # the counting).
    contact_endpoint = opt.Type(str, default="/api/contact")
    feedback_endpoint = opt.Type(str, default="/api/feedback")
    insights_endpoint = opt.Type(str, default="/api/search-miss")
    # Where search boxes send readers without JavaScript ("": to the search page, which then
    # can only offer the categories).
    search_endpoint = opt.Type(str, default="/api/search")
    # Where the build writes what the functions import ("" to skip), beside mkdocs.yml.
    form_schema_file = opt.Type(str, default="netlify/generated/form-schema.json")
    site_pages_file = opt.Type(str, default="netlify/generated/site-pages.json")
    function_text_file = opt.Type(str, default="netlify/generated/text.json")
    # The site's own interface catalogs, beside mkdocs.yml: <code>.yml adds a language we ship
    # no catalog for, or rewords some of our keys (its keys win).
    locales_dir = opt.Type(str, default="locales")


def plain(value: Any) -> Any:
    """Typed options as the plain modules take them: dicts and lists, unset keys left out."""
    if isinstance(value, Config):
        return {key: plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value
