"""The one HTTP policy of every source: timeouts, User-Agent, retries with backoff, rate limit.

Errors are classified here, once:

- retriable: 429 and 5xx (honouring ``Retry-After``), timeouts, connection resets, and a body
  that is not valid JSON (a truncated transfer); retried with exponential backoff and jitter, a
  bounded number of times, then a RetriableSourceError saying what was asked and what came back;
- fatal: other 4xx, at once, as a SourceError naming the request and the response, without
  headers (where credentials travel).
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import os
import random
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlencode, urljoin, urlsplit

import requests
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from pipeline import __version__
from pipeline.errors import ConfigError, RetriableSourceError, SourceError

log = logging.getLogger(__name__)

PROJECT = "review-monitoring"


@dataclass(frozen=True)
class HttpPolicy:
    """How patiently a source talks to its API."""

    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    max_attempts: int = 5
    backoff: float = 1.0
    max_backoff: float = 120.0
    #: Smallest gap between two requests of one source, in seconds (its rate limit).
    min_interval: float = 0.0
    #: The most one answer may take in all, however it trickles in (the read timeout only
    #: bounds the wait for each next piece), and the most bytes it may hold. Both can be set
    #: for every source: REVIEWS_HTTP_DEADLINE_SECONDS, REVIEWS_HTTP_MAX_MEGABYTES.
    deadline: float | None = None
    max_bytes: int | None = None

    def limits(self) -> tuple[float, int]:
        """The deadline and the size cap in force: this policy's, else the environment's,
        else 120 seconds and 50 MB."""
        deadline = self.deadline or _positive_env("REVIEWS_HTTP_DEADLINE_SECONDS", 120.0)
        megabytes = _positive_env("REVIEWS_HTTP_MAX_MEGABYTES", 50.0)
        return deadline, self.max_bytes or int(megabytes * 1024 * 1024)


def _positive_env(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = 0.0
    if not value > 0:
        raise ConfigError(f"environment variable {name}={raw!r} must be a positive number")
    return value


class RetryLater(RetriableSourceError):
    """A retriable failure of one attempt, with the server's Retry-After if it sent one."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def user_agent(contact: str | None) -> str:
    """``review-monitoring/0.1.0 (+contact)``: who we are and how to reach the operator."""
    return f"{PROJECT}/{__version__}" + (f" (+{contact})" if contact else "")


class HttpClient:
    """GETs JSON under one policy; one client per source run."""

    #: Replaced in tests so that backoff costs no time.
    sleep: ClassVar = staticmethod(time.sleep)

    def __init__(
        self,
        base_url: str,
        *,
        contact: str | None = None,
        policy: HttpPolicy | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.policy = policy or HttpPolicy()
        self.session = requests.Session()
        self.session.headers.update(
            {"User-Agent": user_agent(contact), "Accept": "application/json", **(headers or {})}
        )
        self.session.max_redirects = 5
        self.session.hooks["response"].append(_same_host_redirects_only)
        self._last_request = 0.0
        self.requests = 0

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """The JSON body of ``GET base_url + path``, retried under the policy."""
        url = path if path.startswith("http") else f"{self.base_url}{path}"
        asked = f"GET {url}" + (f"?{urlencode(params)}" if params else "")
        return self._retrying(
            asked, lambda: _json(self._send("GET", url, asked, params=params), asked)
        )

    def post_json(self, body: Any, *, label: str) -> requests.Response:
        """POST ``body`` as JSON to ``base_url``, retried under the policy.

        ``label`` names the endpoint in logs and errors instead of its URL, which for a
        webhook is itself the secret.
        """
        asked = f"POST to {label}"
        # Never followed: a 301 or 302 would turn the POST into a GET without a body, and the
        # message would be lost while the answer looked like success.
        return self._retrying(
            asked,
            lambda: self._send("POST", self.base_url, asked, json=body, allow_redirects=False),
        )

    def _retrying(self, asked: str, call: Any) -> Any:
        retrying = Retrying(
            stop=stop_after_attempt(self.policy.max_attempts),
            wait=self._wait,
            retry=retry_if_exception_type(RetryLater),
            sleep=self.sleep,
            reraise=True,
            before_sleep=lambda state: log.warning(
                "%s failed (%s); retry %d of %d",
                asked,
                state.outcome.exception() if state.outcome else "?",
                state.attempt_number,
                self.policy.max_attempts - 1,
            ),
        )
        try:
            for attempt in retrying:
                with attempt:
                    return call()
        except RetryLater as error:
            raise RetriableSourceError(
                f"gave up after {self.policy.max_attempts} attempts: {error}"
            ) from None
        raise AssertionError("unreachable: tenacity either returns or raises")

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, RetryLater) and error.retry_after is not None:
            return min(error.retry_after, self.policy.max_backoff)
        delay = self.policy.backoff * 2 ** (state.attempt_number - 1)
        return min(delay + random.uniform(0, self.policy.backoff), self.policy.max_backoff)

    def _throttle(self) -> None:
        wait = self._last_request + self.policy.min_interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last_request = time.monotonic()

    def _send(self, method: str, url: str, asked: str, **kwargs: Any) -> requests.Response:
        """One request; the response when it succeeded, else a classified error."""
        self._throttle()
        self.requests += 1
        if _link_local(url):
            raise SourceError(
                f"{asked}: the address is link-local (169.254.0.0/16, fe80::/10), where cloud "
                "metadata services answer; refused"
            )
        try:
            response = self.session.request(
                method,
                url,
                timeout=(self.policy.connect_timeout, self.policy.read_timeout),
                stream=True,
                **kwargs,
            )
            self._read_body(response, asked)
        except requests.Timeout:
            raise RetryLater(f"{asked}: timed out") from None
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError):
            raise RetryLater(f"{asked}: the response body was cut short") from None
        except requests.TooManyRedirects:
            raise SourceError(f"{asked}: too many redirects (a redirect loop?)") from None
        except requests.ConnectionError as error:
            reason = type(error.__cause__ or error).__name__
            raise RetryLater(f"{asked}: connection failed ({reason})") from None
        except requests.RequestException as error:
            # A URL without a scheme, or with ftp://: its message would repeat the URL, which
            # for a webhook is the secret, so only the kind of error is said.
            raise SourceError(
                f"{asked}: {type(error).__name__} (is the address a full http(s) URL?)"
            ) from None
        status = f"{response.status_code} {response.reason or ''}".strip()
        if response.status_code == 429 or response.status_code >= 500:
            raise RetryLater(f"{asked} → {status}", _retry_after(response))
        if response.status_code >= 400:
            # The body is not quoted: a server may echo the request's headers, tokens included,
            # and errors are logged and stored where the reader role can see them.
            kind = response.headers.get("Content-Type", "no content type").split(";")[0]
            raise SourceError(f"{asked} → {status} ({kind}, {len(response.content)} bytes)")
        if response.is_redirect:
            where = urlsplit(response.headers.get("Location", "")).netloc or "elsewhere"
            raise SourceError(
                f"{asked} → {status}: redirected to {where}, not followed "
                "(set the address it redirects to)"
            )
        return response

    def _read_body(self, response: requests.Response, asked: str) -> None:
        """Read the answer's body within the deadline and the size cap; it is then kept on the
        response as if read at once. Nothing waits on the network after this returns.

        The read timeout only bounds the wait for each next piece, so a server that sends a
        byte every few seconds would never time out: a timer closes the connection when the
        deadline passes, which ends the read."""
        deadline, max_bytes = self.policy.limits()
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            _hang_up(response)

        timer = threading.Timer(deadline, expire)
        timer.daemon = True
        timer.start()
        body = bytearray()
        try:
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise SourceError(
                        f"{asked}: the answer is larger than {max_bytes:,} bytes "
                        "(REVIEWS_HTTP_MAX_MEGABYTES); not read"
                    )
        except (requests.RequestException, OSError, AttributeError, ValueError):
            if not expired.is_set():
                raise  # a failure of its own; one the timer caused is told below
        finally:
            timer.cancel()
            response.close()
        if expired.is_set():
            raise RetryLater(
                f"{asked}: no complete answer within {deadline:g} s (REVIEWS_HTTP_DEADLINE_SECONDS)"
            )
        response._content = bytes(body)  # what .json() and .text read


def _same_host_redirects_only(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    """A redirect of a GET is followed only to the same host, never to a link-local address: a
    source's answer cannot send the pipeline (and its tokens) elsewhere."""
    if not response.is_redirect or response.request.method != "GET":
        return
    target = urljoin(response.url, response.headers.get("Location", ""))
    here, there = urlsplit(response.url).hostname, urlsplit(target).hostname
    if there != here or _link_local(target):
        response.close()
        raise SourceError(
            f"GET {response.url} → {response.status_code}: redirected to another host "
            f"({there or '?'}); not followed"
        )


def _link_local(url: str) -> bool:
    """Whether ``url``'s host is a link-local address (169.254.0.0/16, fe80::/10), where cloud
    metadata services answer. Only addresses written out are checked: resolving every name
    would cost a lookup per request (a name that resolves there is the operator's choice)."""
    host = urlsplit(url).hostname
    try:
        return host is not None and ipaddress.ip_address(host).is_link_local
    except ValueError:
        return False


def _hang_up(response: requests.Response) -> None:
    """End a read another thread is blocked in: shut the connection's socket down (closing the
    response alone leaves a blocked read waiting)."""
    fp = getattr(response.raw, "_fp", None)
    sock = getattr(getattr(getattr(fp, "fp", None), "raw", None), "_sock", None)
    try:
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed
    response.close()


def _json(response: requests.Response, asked: str) -> Any:
    """The response's JSON body; a body that is not JSON is taken for a truncated transfer."""
    try:
        return response.json()
    except ValueError:
        status = f"{response.status_code} {response.reason or ''}".strip()
        raise RetryLater(
            f"{asked} → {status} but the body is not valid JSON "
            f"({len(response.content)} bytes, starting {response.text[:60]!r})"
        ) from None


def _retry_after(response: requests.Response) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), if any."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
