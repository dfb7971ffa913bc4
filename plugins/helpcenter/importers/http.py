"""The help desk's API over HTTP: JSON pages and files, with what a real API needs. Rate limits
(429) wait as long as ``Retry-After`` says; server errors and dropped connections are retried
with growing pauses (urllib3's ``Retry``, under requests). Credentials go to the API's own host
only: an image on another host is fetched without them. Every answer is kept in a cache folder
until the import finishes, so an import that was stopped picks up where it was: what it had
fetched is not fetched again (for a day, with the same address and credentials)."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


class ImportFailed(Exception):
    """Stops an import with a message for the person who ran it (no traceback)."""


@dataclass
class Answer:
    data: Any
    headers: Mapping[str, str]  # lower-case names; the ones pagination reads ("link")
    url: str


CACHE_LIFETIME = 24 * 3600  # seconds: an older stopped import starts afresh


class ApiClient:
    def __init__(self, *, vendor: str, api_url: str, credentials_hint: str, cache_dir: Path | None,
                 auth: tuple[str, str] | None = None, bearer: str | None = None,
                 headers: Mapping[str, str] | None = None, retries: int = 6, backoff: float = 0.5,
                 timeout: float = 60) -> None:
        self.vendor, self.credentials_hint, self.cache_dir, self.timeout = vendor, credentials_hint, cache_dir, timeout
        self.api_host = urlsplit(api_url).hostname
        retry = Retry(total=retries, backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
                      allowed_methods=frozenset({"GET"}), respect_retry_after_header=True, raise_on_status=False)
        self.session, self.anonymous = _session(retry), _session(retry)  # signed in; for other hosts
        self.session.headers.update(headers or {})
        if bearer:
            self.session.headers["Authorization"] = f"Bearer {bearer}"
        self.session.auth = auth
        self.requests = 0  # made over the network (not answered from the cache)
        # When a stopped import is picked up: the time it started (seconds since the epoch).
        self.resumed_from: float | None = None
        if cache_dir is not None:
            self._open_cache(cache_dir, f"{vendor} {api_url} {auth} {bearer}")
        self.on_answer: Callable[[], object] = lambda: None  # a progress bar's count

    def get_json(self, url: str, params: Mapping[str, Any] | None = None, *, missing_ok: bool = False) -> Answer | None:
        """The JSON at ``url``; None when it is not there (404) and ``missing_ok``."""
        full = requests.Request("GET", url, params=dict(params or {})).prepare().url or url
        cached = self._cached(full, ".json")
        if cached is not None and cached.is_file():
            saved = json.loads(cached.read_text(encoding="utf-8"))
            return Answer(saved["data"], saved["headers"], full)
        response = self._get(full)
        if response.status_code == 404 and missing_ok:
            return None
        self._raise_for(response, full)
        try:
            data = response.json()
        except ValueError as error:
            raise ImportFailed(f"{self.vendor} answered {full} with something that is not JSON") from error
        headers = {name: response.headers[name] for name in ("link",) if name in response.headers}
        if cached is not None:
            _write_atomically(cached, json.dumps({"data": data, "headers": headers}).encode())
        return Answer(data, headers, full)

    def get_bytes(self, url: str) -> bytes:
        cached = self._cached(url, ".bin")
        if cached is not None and cached.is_file():
            return cached.read_bytes()
        response = self._get(url, accept="*/*")
        self._raise_for(response, url)
        if cached is not None:
            _write_atomically(cached, response.content)
        return response.content

    def finished(self) -> None:
        """The import is complete: the next one asks the help desk afresh."""
        if self.cache_dir is not None:
            shutil.rmtree(self.cache_dir, ignore_errors=True)
            if self.cache_dir.parent.is_dir() and not any(self.cache_dir.parent.iterdir()):
                self.cache_dir.parent.rmdir()  # the cache folder of all help desks, when it is empty

    def _open_cache(self, cache_dir: Path, identity: str) -> None:
        """Keep the answers of a stopped import of the same help desk, with the same
        credentials, from the last day; anything else starts afresh."""
        stamp = cache_dir / "started.json"
        fingerprint = hashlib.sha256(identity.encode()).hexdigest()
        try:
            started = json.loads(stamp.read_text(encoding="utf-8"))
            valid = started["for"] == fingerprint and time.time() - started["at"] < CACHE_LIFETIME
        except (OSError, ValueError, KeyError, TypeError):
            started, valid = None, False
        if valid and started is not None:
            self.resumed_from = float(started["at"])
            return
        shutil.rmtree(cache_dir, ignore_errors=True)
        cache_dir.mkdir(parents=True, exist_ok=True)
        (cache_dir / ".gitignore").write_text("*\n", encoding="utf-8")  # never committed
        stamp.write_text(json.dumps({"for": fingerprint, "at": time.time()}), encoding="utf-8")

    def _get(self, url: str, accept: str = "application/json") -> requests.Response:
        self.requests += 1
        session = self.session if urlsplit(url).hostname == self.api_host else self.anonymous
        try:
            response = session.get(url, timeout=self.timeout, headers={"Accept": accept})
            self.on_answer()
            return response
        except requests.RequestException as error:
            raise ImportFailed(f"could not reach {self.vendor} at {url}: {_reason(error)}") from error

    def _raise_for(self, response: requests.Response, url: str) -> None:
        status = response.status_code
        if status in (401, 403):
            raise ImportFailed(f"{self.vendor} refused the credentials (HTTP {status}) for {url}. "
                               f"{self.credentials_hint}")
        if status == 429:
            raise ImportFailed(f"{self.vendor} kept limiting the rate (HTTP 429) for {url}; "
                               "run the same command again later: it goes on where it stopped")
        if status >= 400:
            raise ImportFailed(f"{self.vendor} answered HTTP {status} for {url}")

    def _cached(self, url: str, suffix: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / (hashlib.sha256(url.encode()).hexdigest()[:32] + suffix)


def _session(retry: Retry) -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update({"Accept": "application/json", "User-Agent": "helpcenter-import"})
    return session


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".part")
    scratch.write_bytes(content)
    scratch.replace(path)


def _reason(error: requests.RequestException) -> str:
    reason = str(error)
    return reason if len(reason) < 200 else reason[:200] + "..."
