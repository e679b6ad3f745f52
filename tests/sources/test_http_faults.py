"""The shared HTTP client against a local server that misbehaves on purpose: timeouts, resets,
truncated bodies, redirect loops, 429 without Retry-After. Each ends in success after bounded
retries or in a classified failure that says what was asked."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from pipeline.errors import RetriableSourceError, SourceError
from pipeline.sources.http import HttpClient, HttpPolicy
from tests.localserver import QuietHandler, serve

POLICY = HttpPolicy(connect_timeout=1, read_timeout=0.3, max_attempts=3, backoff=0.01)


class Script:
    """What the server does for each request, in order; then 200 with a JSON body."""

    def __init__(self) -> None:
        self.steps: list[str] = []
        self.requests = 0


@pytest.fixture
def server() -> Iterator[tuple[str, Script]]:
    script = Script()

    class Handler(QuietHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            script.requests += 1
            step = script.steps.pop(0) if script.steps else "ok"
            if step == "slow":
                time.sleep(1.0)  # longer than the read timeout
                return self.send_json(200, b'{"late": true}')
            if step == "reset":
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                self.connection.shutdown(socket.SHUT_RDWR)  # hang up instead of answering
                self.close_connection = True
                return
            if step == "truncated":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.write(b'{"items": [1, 2')
                self.close_connection = True
                return
            if step == "loop":
                self.send_response(302)
                self.send_header("Location", self.path)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if step == "drip":  # a byte at a time, each well within the read timeout
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "400")
                self.end_headers()
                try:
                    for _ in range(400):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.1)
                except OSError:
                    pass  # the client hung up, as it should
                self.close_connection = True
                return
            if step == "huge":
                return self.send_json(200, b'{"items": "' + b"x" * 300_000 + b'"}')
            if step.isdigit():  # an error status: 429, 500, 502, 503
                return self.send_json(int(step), b'{"error": "not now"}')
            self.send_json(200, b'{"items": [1, 2, 3]}')

    with serve(Handler) as url:
        yield url, script


@pytest.fixture(autouse=True)
def recorded_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    sleeps: list[float] = []
    monkeypatch.setattr(HttpClient, "sleep", staticmethod(sleeps.append))
    return sleeps


def client(url: str) -> HttpClient:
    return HttpClient(url, policy=POLICY)


@pytest.mark.parametrize("fault", ["slow", "reset", "truncated", "429", "500", "502", "503"])
def test_one_fault_then_success__retried(server, fault: str, recorded_sleeps) -> None:  # type: ignore[no-untyped-def]
    url, script = server
    script.steps = [fault]
    assert client(url).get_json("/items") == {"items": [1, 2, 3]}
    assert script.requests == 2
    assert len(recorded_sleeps) == 1


def test_429_without_retry_after__backs_off_exponentially(server, recorded_sleeps) -> None:  # type: ignore[no-untyped-def]
    url, script = server
    script.steps = ["429", "429"]
    assert client(url).get_json("/items") == {"items": [1, 2, 3]}
    first, second = recorded_sleeps
    assert 0.01 <= first <= 0.02 and 0.02 <= second <= 0.03  # backoff doubling, with jitter


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("slow", "timed out"),
        ("reset", "connection failed"),
        ("truncated", "cut short"),
        ("429", "429"),
        ("502", "502"),
    ],
)
def test_fault_that_persists__classified_after_bounded_attempts(
    server, fault: str, says: str
) -> None:  # type: ignore[no-untyped-def]
    url, script = server
    script.steps = [fault] * 5
    with pytest.raises(RetriableSourceError) as error:
        client(url).get_json("/items")
    assert "gave up after 3 attempts" in str(error.value) and says in str(error.value)
    assert f"GET {url}/items" in str(error.value)
    assert script.requests == 3


def test_redirect_loop__fails_at_once_naming_it(server) -> None:  # type: ignore[no-untyped-def]
    url, script = server
    script.steps = ["loop"] * 20
    with pytest.raises(SourceError, match="too many redirects") as error:
        client(url).get_json("/items")
    assert not isinstance(error.value, RetriableSourceError)


def test_an_answer_that_trickles_in__ends_at_the_deadline(server: tuple[str, Script]) -> None:
    url, script = server
    script.steps = ["drip"] * 3
    policy = HttpPolicy(connect_timeout=1, read_timeout=5, max_attempts=2, deadline=0.5)
    with pytest.raises(RetriableSourceError, match=r"no complete answer within 0.5 s"):
        HttpClient(url, policy=policy).get_json("/items")
    assert script.requests == 2  # retried, then given up: never waiting forever


def test_an_answer_past_the_size_cap__is_refused_naming_the_cap(server: tuple[str, Script]) -> None:
    url, script = server
    script.steps = ["huge"]
    policy = HttpPolicy(connect_timeout=1, read_timeout=5, max_attempts=2, max_bytes=100_000)
    with pytest.raises(SourceError, match=r"larger than 100,000 bytes"):
        HttpClient(url, policy=policy).get_json("/items")
    assert script.requests == 1  # not retried: it would be as large again
    assert HttpClient(url, policy=policy).get_json("/items") == {"items": [1, 2, 3]}


@pytest.mark.parametrize(
    "location", ["http://elsewhere.example/items", "http://169.254.169.254/latest/meta-data/"]
)
def test_a_redirect_to_another_host_or_link_local__is_not_followed(location: str) -> None:
    class Redirect(QuietHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

    with (
        serve(Redirect) as url,
        pytest.raises(SourceError, match=r"redirected to another host .*not followed"),
    ):
        client(url).get_json("/items")


def test_a_redirect_on_the_same_host__is_followed() -> None:
    class Moved(QuietHandler):
        def do_GET(self) -> None:
            if self.path == "/old":
                self.send_response(301)
                self.send_header("Location", "/new")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_json(200, b'{"moved": true}')

    with serve(Moved) as moved:
        assert client(moved).get_json("/old") == {"moved": True}


def test_a_link_local_address__is_refused_before_any_request() -> None:
    with pytest.raises(SourceError, match="link-local"):
        client("http://169.254.169.254").get_json("/latest/meta-data/")
