"""Fetch http(s) inputs politely: a timeout, a pause between requests to one host, conditional GET.

One ``Fetcher`` serves a whole run (feeds and the pages their entries link to), so the pause is
kept per host across all of them. A feed URL is asked with the ETag and Last-Modified its last
answer gave (``validators``, read from the store before the run); a 304 Not Modified answer
means nothing changed since. New validators are kept in ``seen`` and written to the store by
the runner only once the run's articles are stored, so a crash never hides unread entries.
Nothing here raises for a bad URL: the result carries a one-line reason and what to do.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

USER_AGENT = "newsevents/0.1 (news event coding; polite feed reader)"
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Validators:
    """What a server said identifies a version of a URL: its ETag and Last-Modified headers."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    """One answer: the body (None when unchanged or failed), its content type, and why it failed."""

    url: str
    data: bytes | None = None
    content_type: str = ""
    unchanged: bool = False  # 304 Not Modified: nothing new since the validators we sent
    failure: str | None = None


def is_url(text: str) -> bool:
    """True for an http:// or https:// address."""
    return text.lower().startswith(("http://", "https://"))


@dataclass
class Fetcher:
    """Fetches URLs with a timeout, at most one request per ``interval`` seconds to each host."""

    timeout: float = 20.0
    interval: float = 1.0
    max_bytes: int = 50_000_000
    validators: dict[str, Validators] = field(default_factory=dict)  # url -> what its last answer said
    seen: dict[str, Validators] = field(default_factory=dict)  # url -> what this run's answer said
    stored: frozenset[str] = frozenset()  # URLs of articles already stored: their pages are not fetched again
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)

    def get(self, url: str, *, conditional: bool = False) -> Fetched:
        """GET ``url``; with ``conditional``, send the validators of its last answer and accept 304."""
        import urllib.error
        import urllib.request

        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        known = self.validators.get(url) if conditional else None
        if known and known.etag:
            request.add_header("If-None-Match", known.etag)
        if known and known.last_modified:
            request.add_header("If-Modified-Since", known.last_modified)
        self._wait(url)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310 - http(s) only, checked by is_url
                data = answer.read(self.max_bytes + 1)
                headers = answer.headers
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return Fetched(url, unchanged=True)
            return Fetched(url, failure=f"the server answered HTTP {error.code} {error.reason}; check the URL or try again later")
        except urllib.error.URLError as error:
            return Fetched(url, failure=f"cannot fetch it ({_reason(error.reason)}); check the URL and the network")
        except TimeoutError:
            return Fetched(url, failure=f"no answer within {self.timeout:g} s; try again later or raise --fetch-timeout")
        except (OSError, ValueError) as error:
            return Fetched(url, failure=f"cannot fetch it ({_reason(error)}); check the URL and the network")
        if len(data) > self.max_bytes:
            return Fetched(url, failure=f"too large: more than {self.max_bytes:,} bytes; raise the limit with --max-input-bytes")
        if conditional:
            self.seen[url] = Validators(headers.get("ETag"), headers.get("Last-Modified"))
        return Fetched(url, data=data, content_type=headers.get("Content-Type", ""))

    def _wait(self, url: str) -> None:
        """Sleep until ``interval`` seconds have passed since the last request to the same host."""
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            pause = self.interval - (self.clock() - last)
            if pause > 0:
                self.sleep(pause)
        self._last[host] = self.clock()


def _reason(error: object) -> str:
    """A short reason for a network error."""
    text = str(getattr(error, "strerror", None) or error)
    return " ".join(text.split())[:160] or type(error).__name__
