"""The HTTP transport under every request to a sign-in server: bounded in size and
in total time, and every JSON answer reduced to fields of the types OAuth2 gives
them (README, Guarantees: "helpers and sign-in servers are bounded in size and
time").

requests has per-read timeouts only, so a server that sends one byte a second
keeps a request alive for ever; here a watchdog shuts the request's sockets down
when its deadline passes. A body is read in pieces up to `max_bytes`. JSON with
the wrong types (`"expires_in": {}`, `"error": ["x"]`) is cleaned before Authlib
sees it: a field of the wrong type is dropped, an `error` that is not text makes
the answer "not OAuth2".
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# Fields an OAuth2 server answers with (RFC 6749 5.1/5.2, RFC 8628 3.2), by type.
_TEXT_FIELDS = frozenset(
    {
        "access_token",
        "refresh_token",
        "token_type",
        "scope",
        "id_token",
        "device_code",
        "user_code",
        "verification_uri",
        "verification_url",
        "verification_uri_complete",
        "error",
    }
)
_SECONDS_FIELDS = frozenset({"expires_in", "interval", "refresh_token_expires_in"})
# Dropped whatever they hold: the client works out expiry from expires_in itself.
_IGNORED_FIELDS = frozenset({"expires_at"})


class TooSlow(requests.RequestException):
    """The server did not finish its answer before the request's deadline."""


class TooLarge(requests.RequestException):
    """The answer was longer than the cap."""


class Redirected(requests.RequestException):
    """The server answered with a redirect: never followed, since a 307 or 308 would
    carry the form (a code, a refresh token, the client secret) to wherever it points,
    and a loop would spend a deadline on every hop."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


class NotOAuth2(requests.RequestException):
    """JSON that no OAuth2 server sends: not an object, too deep, or an error code that
    is not text."""


_current = threading.local()  # the sockets of the request this thread is sending


def _watch(sock: socket.socket | None) -> None:
    watched = getattr(_current, "sockets", None)
    if watched is not None and sock is not None:
        watched.append(sock)


class _Connection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch(sock)
        return sock


class _TlsConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch(sock)
        return sock


class _Pool(HTTPConnectionPool):
    ConnectionCls = _Connection


class _TlsPool(HTTPSConnectionPool):
    ConnectionCls = _TlsConnection


class BoundedAdapter(HTTPAdapter):
    """A requests adapter whose every request ends by `deadline` seconds and reads at
    most `max_bytes` of body."""

    def __init__(self, deadline: float, max_bytes: int) -> None:
        self.deadline = deadline
        self.max_bytes = max_bytes
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _Pool, "https": _TlsPool}

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = {"http": _Pool, "https": _TlsPool}
        return manager

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        kwargs["stream"] = True
        kwargs["timeout"] = min(self.deadline, 10.0), self.deadline
        # No compressed answers (a small gzip can unpack to gigabytes), no kept-alive
        # connection whose socket a later request's watchdog would not know.
        request.headers["Accept-Encoding"] = "identity"
        request.headers["Connection"] = "close"
        sockets: list[socket.socket] = []
        _current.sockets = sockets
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            for sock in sockets:
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(self.deadline, expire)
        watchdog.daemon = True
        watchdog.start()
        ends = time.monotonic() + self.deadline
        try:
            response = super().send(request, **kwargs)
            try:
                if response.is_redirect:
                    raise Redirected(response.headers.get("Location", ""))
                body = self._read(response, ends)
            finally:
                response.close()
        except requests.RequestException:
            if expired.is_set():
                raise TooSlow(f"no complete answer within {self.deadline:g} seconds") from None
            raise
        finally:
            watchdog.cancel()
            _current.sockets = None
        if expired.is_set():  # the watchdog's shutdown reads as the end of the body
            raise TooSlow(f"no complete answer within {self.deadline:g} seconds")
        response._content = _cleaned(body, response.headers.get("Content-Type", ""))
        response._content_consumed = True  # type: ignore[attr-defined]
        return response

    def _read(self, response: requests.Response, ends: float) -> bytes:
        pieces: list[bytes] = []
        size = 0
        try:
            while True:
                piece = response.raw.read1(16384, decode_content=False)
                if not piece:
                    return b"".join(pieces)
                size += len(piece)
                if size > self.max_bytes:
                    raise TooLarge(f"more than {self.max_bytes // 1024} KB")
                if time.monotonic() > ends:
                    raise TooSlow(f"no complete answer within {self.deadline:g} seconds")
                pieces.append(piece)
        except requests.RequestException:  # TooLarge, TooSlow (an OSError, like the next)
            raise
        except Exception as error:  # urllib3's errors on a shut-down or broken socket
            raise requests.ConnectionError(str(error) or type(error).__name__) from None


def _cleaned(body: bytes, content_type: str) -> bytes:
    """A JSON object answer with only fields of OAuth2's types; anything else as it
    came (the caller says it is not OAuth2 when it needs JSON)."""
    stripped = body.lstrip()
    if not stripped.startswith((b"{", b"[", b'"')) and "json" not in content_type.lower():
        return body
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        if stripped.startswith((b"{", b"[")):
            raise NotOAuth2("JSON that cannot be read (malformed, or nested too deep)") from None
        return body
    if not isinstance(data, dict):
        raise NotOAuth2(f"a JSON {type(data).__name__}, not an object")
    if "error" in data and not isinstance(data["error"], str):
        raise NotOAuth2("an error code that is not text")
    kept: dict[str, object] = {}
    for key, value in data.items():
        if key in _IGNORED_FIELDS:
            continue
        if key in _TEXT_FIELDS:
            if isinstance(value, str):
                kept[key] = value
            elif key in ("access_token", "device_code"):
                raise NotOAuth2(f"{key} that is not text")
        elif key in _SECONDS_FIELDS:
            seconds = _seconds(value)
            if seconds is not None:
                kept[key] = seconds
        elif key == "error_description":
            if isinstance(value, str):
                kept[key] = value
        elif isinstance(value, str | int | float | bool) or value is None:
            kept[key] = value
    return json.dumps(kept).encode()


def _seconds(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value) < 12:
        return int(value)
    return None
