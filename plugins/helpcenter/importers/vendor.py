"""What each help desk's reader provides: how to sign in, how to read the whole help center,
and which of its addresses are links to an article or a group."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from .http import Answer, ApiClient, ImportFailed
from .model import HelpCenter


@dataclass(frozen=True)
class Credentials:
    auth: tuple[str, str] | None = None
    bearer: str | None = None


@dataclass(frozen=True)
class Vendor:
    name: str  # as people know it: "Zendesk"
    default_url: str | None  # the API's address when it is the same for everyone
    credentials_hint: str  # what to set when the help desk refuses us
    credentials: Callable[[str | None, Mapping[str, str]], Credentials]
    headers: Mapping[str, str]
    read: Callable[[ApiClient, str, str], HelpCenter]  # (client, url, language of a one-language desk)
    # "article:<id>", "group:<id>" or "path:<old path>" for a path of the old help center (None:
    # not a page of it).
    link_key: Callable[[str], str | None]


def key_as_user_name(name: str, variable: str) -> Callable[[str | None, Mapping[str, str]], Credentials]:
    """Help Scout's and Freshdesk's sign-in: the API key as the user name, any password."""
    def credentials(token: str | None, env: Mapping[str, str]) -> Credentials:
        key = token or env.get(variable)
        if not key:
            raise ImportFailed(f"{name} needs an API key: set {variable} or pass --token")
        return Credentials(auth=(key, "X"))
    return credentials


def link_keys(patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> Callable[[str], str | None]:
    r"""A ``link_key`` from (template, pattern) pairs: ``("article:{}", re.compile(r"/articles/(\d+)"))``."""
    def key(path: str) -> str | None:
        for template, pattern in patterns:
            found = pattern.search(path)
            if found:
                return template.format(found[1])
        return None
    return key


def path_of(url: str | None) -> str | None:
    """The path of an old page's address, decoded (``_redirects`` encodes it once)."""
    if not url:
        return None
    path = unquote(urlsplit(url).path)
    return path if path.startswith("/") and path != "/" else None


def host_of(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def required(answer: Answer | None, key: str) -> Any:
    if answer is None or not isinstance(answer.data, dict) or key not in answer.data:
        where = answer.url if answer else "the help desk"
        raise ImportFailed(f"{where} did not answer with '{key}': is this the right address?")
    return answer.data[key]


def each_page(client: ApiClient, url: str, params: Mapping[str, Any], items: Callable[[Any], list[Any]],
              next_page: Callable[[Answer], tuple[str, Mapping[str, Any]] | None]) -> Iterator[Any]:
    """Every item of a paginated list, page after page."""
    current: tuple[str, Mapping[str, Any]] | None = (url, params)
    seen = set()
    while current is not None:
        answer = client.get_json(*current)
        assert answer is not None
        if answer.url in seen:  # a server that points back at a page already read
            break
        seen.add(answer.url)
        yield from items(answer.data)
        current = next_page(answer)


def link_header_next(answer: Answer) -> tuple[str, Mapping[str, Any]] | None:
    """RFC 8288 ``Link: <...>; rel="next"`` (parsed by requests)."""
    from requests.utils import parse_header_links

    for link in parse_header_links(answer.headers.get("link", "")):
        if "next" in link.get("rel", "").split():
            return link["url"], {}
    return None
