"""The live-chat widget: which vendor, its ids, where it shows, and the Content-Security-Policy
that allows exactly that vendor's hosts (the build writes it to the site's ``_headers`` file,
so changing provider can never leave the page blocked). Plain Python, no MkDocs.

    chat:
      provider: crisp            # intercom, crisp, tawk, zendesk, chatwoot, hubspot, custom
      website_id: 1c2f...        # the provider's ids (see PROVIDERS)
      show_on: all               # or some pages: home, contact, get-help, search, category, article
      load: click                # or "idle": fetch the vendor's script once the page is idle
      position: left             # or right, as on a left-to-right page (right-to-left pages mirror it)
      offline: contact_form      # outside support hours: offer the form ("vendor": its offline mode)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..i18n.tags import is_right_to_left
from ..problems import ConfigError

# The pages' own policy, before any vendor: everything from the site itself, no inline script.
BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'none'"],
    "media-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "upgrade-insecure-requests": [],
}


@dataclass(frozen=True)
class Provider:
    ids: tuple[str, ...]  # config keys the provider needs
    script: str  # URL template, {key} from config
    hosts: dict[str, tuple[str, ...]]  # CSP directive -> sources the widget uses
    id_pattern: str = r"^[A-Za-z0-9_-]{1,100}$"


# Each vendor's embed script and the hosts its widget talks to (from the vendors' CSP guides).
PROVIDERS: dict[str, Provider] = {
    "intercom": Provider(
        ids=("app_id",), script="https://widget.intercom.io/widget/{app_id}",
        hosts={
            "script-src": ("https://app.intercom.io", "https://widget.intercom.io", "https://js.intercomcdn.com"),
            "connect-src": ("https://via.intercom.io", "https://api.intercom.io", "https://api-iam.intercom.io",
                            "https://api-ping.intercom.io", "https://*.intercom-messenger.com",
                            "wss://*.intercom-messenger.com", "https://nexus-websocket-a.intercom.io",
                            "wss://nexus-websocket-a.intercom.io", "https://nexus-websocket-b.intercom.io",
                            "wss://nexus-websocket-b.intercom.io", "https://uploads.intercomcdn.com",
                            "https://uploads.intercomusercontent.com"),
            "img-src": ("https://js.intercomcdn.com", "https://static.intercomassets.com",
                        "https://downloads.intercomcdn.com", "https://uploads.intercomusercontent.com",
                        "https://gifs.intercomcdn.com"),
            "font-src": ("https://js.intercomcdn.com", "https://fonts.intercomcdn.com"),
            "media-src": ("https://js.intercomcdn.com",),
            "frame-src": ("https://intercom-sheets.com", "https://www.intercom-reporting.com"),
            "style-src": ("'unsafe-inline'",),
        }),
    "crisp": Provider(
        ids=("website_id",), script="https://client.crisp.chat/l.js",
        hosts={
            "script-src": ("https://client.crisp.chat", "https://settings.crisp.chat"),
            "style-src": ("https://client.crisp.chat", "'unsafe-inline'"),
            "img-src": ("https://client.crisp.chat", "https://image.crisp.chat", "https://storage.crisp.chat"),
            "font-src": ("https://client.crisp.chat",),
            "connect-src": ("https://client.crisp.chat", "https://storage.crisp.chat",
                            "wss://client.relay.crisp.chat", "wss://stream.relay.crisp.chat"),
            "frame-src": ("https://game.crisp.chat",),
            "media-src": ("https://client.crisp.chat",),
        }, id_pattern=r"^[0-9a-f-]{36}$"),
    "tawk": Provider(
        ids=("property_id", "widget_id"), script="https://embed.tawk.to/{property_id}/{widget_id}",
        hosts={
            "script-src": ("https://embed.tawk.to", "https://*.tawk.to", "https://cdn.jsdelivr.net"),
            "style-src": ("https://*.tawk.to", "'unsafe-inline'"),
            "img-src": ("https://*.tawk.to", "https://cdn.jsdelivr.net"),
            "font-src": ("https://*.tawk.to",),
            "connect-src": ("https://*.tawk.to", "wss://*.tawk.to"),
            "frame-src": ("https://*.tawk.to",),
        }),
    "zendesk": Provider(
        ids=("key",), script="https://static.zdassets.com/ekr/snippet.js?key={key}",
        hosts={
            "script-src": ("https://static.zdassets.com", "https://*.zendesk.com", "https://*.zopim.com"),
            "style-src": ("'unsafe-inline'",),
            "img-src": ("https://*.zdassets.com", "https://*.zendesk.com", "https://*.zopim.com"),
            "font-src": ("https://*.zdassets.com",),
            "connect-src": ("https://*.zendesk.com", "wss://*.zendesk.com", "https://*.zdassets.com",
                            "https://*.zopim.com", "wss://*.zopim.com"),
            "frame-src": ("https://*.zendesk.com",),
        }),
    "chatwoot": Provider(
        ids=("base_url", "website_token"), script="{base_url}/packs/js/sdk.js",
        hosts={  # the self-hosted server's own origin, filled in from base_url
            "script-src": ("{origin}",), "style-src": ("{origin}", "'unsafe-inline'"), "img-src": ("{origin}",),
            "connect-src": ("{origin}", "{websocket}"), "frame-src": ("{origin}",), "font-src": ("{origin}",),
        }),
    "hubspot": Provider(
        ids=("hub_id",), script="https://js.hs-scripts.com/{hub_id}.js",
        hosts={
            "script-src": ("https://js.hs-scripts.com", "https://js.hs-banner.com", "https://js.usemessages.com",
                           "https://js.hscollectedforms.net", "https://js.hs-analytics.net", "https://js.hubspot.com"),
            "style-src": ("'unsafe-inline'",),
            "img-src": ("https://*.hubspot.com", "https://*.hubspot.net", "https://*.usemessages.com"),
            "connect-src": ("https://*.hubspot.com", "wss://*.hubspot.com", "https://api.hubapi.com",
                            "https://*.usemessages.com", "https://*.hs-banner.com"),
            "frame-src": ("https://*.hubspot.com",),
        }, id_pattern=r"^\d{1,12}$"),
    "custom": Provider(ids=("script",), script="{script}", hosts={}),
}
SOURCE = re.compile(r"^(https://[A-Za-z0-9.*-]+(:\d+)?|wss://[A-Za-z0-9.*-]+(:\d+)?|'unsafe-inline')$")


class ChatConfigError(ConfigError):
    """A chat setting that cannot work; the message names the key."""


# The pages a chat launcher can be asked to show on (chat.show_on).
CHAT_PAGES = ("all", "home", "contact", "get-help", "search", "category", "article")


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class ChatSettings:
    provider: str
    ids: dict[str, str]
    script: str
    show_on: tuple[str, ...] = ("all",)
    load: str = "click"
    position: str = "left"
    offline: str = "contact_form"
    hosts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def shows_on(self, page: str) -> bool:
        """Whether the launcher shows on a kind of page (one of CHAT_PAGES but "all")."""
        return "all" in self.show_on or page in self.show_on

    def for_page(self, language: str) -> dict[str, Any]:
        """What the browser's chat module needs (ids are public: they sit in every vendor snippet).
        ``position`` is the side on a left-to-right page: our launcher keeps to that edge's
        logical side (inline start for left), so a right-to-left page mirrors it, and the
        vendor's widget, placed by physical side, is told the mirrored side to stay with it."""
        return {"provider": self.provider, "ids": self.ids, "script": self.script, "load": self.load,
                "position": self.side(language), "offline": self.offline, "language": language}

    def side(self, language: str) -> str:
        """The physical side of the page the chat keeps to in ``language``."""
        if not is_right_to_left(language):
            return self.position
        return "right" if self.position == "left" else "left"


def parse_chat(config: dict[str, Any] | None) -> ChatSettings | None:
    """None when no provider is configured (no launcher at all). ``config`` is shaped as
    mkdocs.yml's typed options guarantee (a known provider, known keys, valid choices); checked
    here: the ids the provider needs, and no other provider's."""
    if not config or config.get("provider") in (None, "", "none"):
        return None
    provider_name = config["provider"]
    provider = PROVIDERS[provider_name]
    others = set(config) - {"provider", "show_on", "load", "position", "offline", "hosts", *provider.ids}
    if others:
        raise ChatConfigError(f"chat.{sorted(others)[0]}: not an id of {provider_name} "
                              f"(it needs {', '.join(provider.ids)})")
    ids = {}
    for key in provider.ids:
        value = config.get(key)
        if value in (None, ""):
            raise ChatConfigError(f"chat.{key}: missing; {provider_name} needs {', '.join(provider.ids)}")
        value = str(value)
        if key == "script" and value.startswith("/") and not value.startswith("//"):
            pass  # a script of the site's own: the base policy already allows it
        elif key in ("base_url", "script"):
            parts = urlsplit(value)
            if parts.scheme != "https" or not parts.netloc:
                alternative = " or a path on the site" if key == "script" else ""
                raise ChatConfigError(f"chat.{key}: an https:// URL{alternative}")
            value = value.rstrip("/") if key == "base_url" else value
        elif not re.match(provider.id_pattern, value):
            raise ChatConfigError(f"chat.{key}: {value!r} does not look like a {provider_name} id")
        ids[key] = value
    hosts = _hosts(provider_name, provider, ids, config.get("hosts"))
    return ChatSettings(provider=provider_name, ids=ids, script=provider.script.format(**ids),
                        show_on=tuple(_as_list(config.get("show_on", "all"))), load=config.get("load", "click"),
                        position=config.get("position", "left"), offline=config.get("offline", "contact_form"),
                        hosts=hosts)


def _hosts(name: str, provider: Provider, ids: dict[str, str], extra: Any) -> dict[str, tuple[str, ...]]:
    hosts = dict(provider.hosts)
    if name == "chatwoot":
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(ids["base_url"]))
        websocket = origin.replace("https://", "wss://")
        hosts = {d: tuple(s.format(origin=origin, websocket=websocket) for s in v) for d, v in hosts.items()}
    if name == "custom":
        parts = urlsplit(ids["script"])
        hosts = {"script-src": (f"{parts.scheme}://{parts.netloc}",)} if parts.netloc else {}
    if extra is not None:
        # A custom snippet (or a vendor's newer hosts) may need more: listed per directive.
        for directive, sources in extra.items():
            if directive not in BASE_POLICY or directive in ("default-src", "object-src", "base-uri", "frame-ancestors",
                                                             "upgrade-insecure-requests"):
                raise ChatConfigError(f"chat.hosts: {directive!r} is not a directive a widget may extend")
            for source in sources or []:
                if not SOURCE.match(str(source)):
                    raise ChatConfigError(f"chat.hosts.{directive}: {source!r} is not an https:// or wss:// source")
            hosts[directive] = (*hosts.get(directive, ()), *map(str, sources or []))
    return hosts


def content_security_policy(chat: ChatSettings | None) -> str:
    """The pages' CSP: our own policy plus exactly the chosen chat vendor's sources."""
    policy = {directive: list(sources) for directive, sources in BASE_POLICY.items()}
    for directive, sources in (chat.hosts if chat else {}).items():
        current = [s for s in policy[directive] if s != "'none'"]
        policy[directive] = current + [s for s in sources if s not in current]
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())
