"""One import, start to end: sign in, read the help desk, lay out the files, write what
changed. ``build.py import`` is a thin command over ``run_import``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from . import freshdesk, helpscout, intercom, layout, zendesk
from .http import ApiClient, ImportFailed
from .sync import Synced, sync_files
from .vendor import Vendor

VENDORS: dict[str, Vendor] = {"zendesk": zendesk.VENDOR, "intercom": intercom.VENDOR,
                              "helpscout": helpscout.VENDOR, "freshdesk": freshdesk.VENDOR}
CACHE = ".import-cache"


@dataclass
class ImportOptions:
    vendor: str
    docs_dir: Path  # the import folder: one folder per language inside it
    url: str | None = None
    token: str | None = None
    language: str = "en"  # a one-language help desk's language
    force: bool = False


@dataclass
class ImportReport:
    languages: list[str]
    articles: int
    categories: int
    requests: int
    synced: Synced
    problems: list[layout.Problem] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    resumed_from: float | None = None  # the start of the stopped import this one went on with


def run_import(options: ImportOptions, env: Mapping[str, str] = os.environ, *, show_progress: bool | None = None
               ) -> ImportReport:
    """Raises ImportFailed with a message for the person who ran it."""
    vendor = VENDORS.get(options.vendor)
    if vendor is None:
        raise ImportFailed(f"unknown help desk {options.vendor!r}: choose one of {', '.join(VENDORS)}")
    url = options.url or vendor.default_url
    if not url:
        raise ImportFailed(f"{vendor.name} needs --url, your help desk's address (https://yourcompany."
                           f"{'zendesk' if options.vendor == 'zendesk' else 'freshdesk'}.com)")
    if not url.startswith(("http://", "https://")):
        url = f"https://{url}"
    url = url.rstrip("/")
    root = options.docs_dir.resolve()
    credentials = vendor.credentials(options.token, env)
    client = ApiClient(vendor=vendor.name, api_url=url, credentials_hint=vendor.credentials_hint,
                       cache_dir=root / CACHE / options.vendor, auth=credentials.auth, bearer=credentials.bearer,
                       headers=vendor.headers)
    quiet = None if show_progress is None else not show_progress  # None: a bar on a terminal only
    with tqdm(desc=f"reading {vendor.name}", unit=" requests", disable=quiet, leave=False) as reading:
        client.on_answer = reading.update
        center = vendor.read(client, url, options.language)
    texts = sum(len(article.texts) for article in center.articles)
    with tqdm(total=texts, desc="converting", unit=" articles", disable=quiet, leave=False) as converting:
        planned = layout.plan(center, link_key=vendor.link_key, base_url=url, fetch=client.get_bytes,
                              progress=converting.update)
    synced = sync_files(root, planned.files, source={"vendor": options.vendor, "url": url}, force=options.force)
    client.finished()
    return ImportReport(languages=center.languages, articles=len(center.articles),
                        categories=planned.categories, requests=client.requests, synced=synced,
                        problems=planned.problems, left_out=center.left_out, resumed_from=client.resumed_from)
