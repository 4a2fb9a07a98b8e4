"""`auth login --browser`: the authorization-code flow with PKCE (RFC 7636) and
the loopback listener the browser is redirected to (RFC 8252)."""

from __future__ import annotations

import contextlib
import hmac
import socket
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from feedback_mailer.base.errors import CredentialError
from feedback_mailer.setup import oauth2_endpoint as endpoint
from feedback_mailer.setup import oauth2_providers as providers

if TYPE_CHECKING:
    from feedback_mailer.setup.config import OAuth2Config

BROWSER_WAIT_SECONDS = 600.0  # how long `auth login --browser` waits for the redirect

# The listener's port is in the printed URL, so any local process may connect to it
# (README, Guarantees: "the sign-in listener cannot be blocked or hijacked by another
# local user"): every connection is read without blocking, at most MAX_REQUEST_BYTES
# and for at most CONNECTION_SECONDS, and only MAX_CONNECTIONS are kept (the oldest
# goes). A browser sends its redirect at once, within a few hundred bytes.
MAX_REQUEST_BYTES = 8192
CONNECTION_SECONDS = 10.0
MAX_CONNECTIONS = 64
_BIND_ATTEMPTS = 20
_NOT_THIS_SIGN_IN = (
    "This is not this sign-in's answer (its state does not match): nothing was done. "
    "If you are signing in, use the address the terminal shows."
)


def _page(status: int, reason: str, text: str) -> bytes:
    from html import escape

    body = (
        "<!doctype html><meta charset=utf-8><title>feedback-mailer</title><p>" + escape(text)
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Cache-Control: no-store\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


def _listening_sockets(both_families: bool) -> list[socket.socket]:
    """127.0.0.1 on a free port and, for a `localhost` redirect, ::1 on the same port,
    so that no other local user can take the family the browser tries first."""
    import errno

    for _ in range(_BIND_ATTEMPTS):
        v4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        v4.bind(("127.0.0.1", 0))
        if not both_families:
            return [v4]
        port = v4.getsockname()[1]
        try:
            v6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        except OSError:  # no IPv6 here: nobody can listen on ::1 either
            return [v4]
        try:
            v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            v6.bind(("::1", port))
        except OSError as error:
            v6.close()
            if error.errno != errno.EADDRINUSE:  # no ::1 on this machine
                return [v4]
            v4.close()  # someone holds [::1]:port: try another port
            continue
        return [v4, v6]
    raise CredentialError(
        "Cannot find a free port on both 127.0.0.1 and ::1 for the sign-in: nothing was "
        "stored; run `feedback-mailer auth login --browser` again, or sign in without "
        "--browser."
    )


class _Connection:
    __slots__ = ("data", "ends", "sock")

    def __init__(self, sock: socket.socket, ends: float) -> None:
        self.sock = sock
        self.ends = ends
        self.data = b""


class RedirectListener:
    """The loopback listener for the browser's redirect (RFC 8252, 7.3): one thread,
    non-blocking sockets and a selector, so that no connection can hold it up and
    Ctrl-C ends it at once. Only a request carrying this sign-in's `state` ends it;
    any other gets 400 and the listener waits on until its deadline."""

    def __init__(self, both_families: bool = False) -> None:
        import selectors

        self.query: str | None = None
        self.expected_state: str | None = None
        self.selector = selectors.DefaultSelector()
        self.listening = _listening_sockets(both_families)
        self.port: int = self.listening[0].getsockname()[1]
        self.connections: dict[socket.socket, _Connection] = {}
        for sock in self.listening:
            sock.listen(16)
            sock.setblocking(False)
            self.selector.register(sock, selectors.EVENT_READ)

    def __enter__(self) -> RedirectListener:
        return self

    def __exit__(self, *_: object) -> None:
        for sock in [*self.connections, *self.listening]:
            sock.close()
        self.connections.clear()
        self.selector.close()

    def expect(self, state: str) -> None:
        self.expected_state = state

    def wait(self, seconds: float) -> str | None:
        """The query of the redirect of this sign-in, or None after `seconds`."""
        ends = time.monotonic() + seconds
        while self.query is None:
            now = time.monotonic()
            if now >= ends:
                return None
            # Short waits: Ctrl-C is seen at once, and stale connections are closed.
            for key, _ in self.selector.select(min(0.2, ends - now)):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                if sock in self.listening:
                    self._accept(sock)
                elif sock in self.connections:
                    self._read(self.connections[sock])
                if self.query is not None:
                    break
            self._expire(time.monotonic())
        return self.query

    def _accept(self, listening: socket.socket) -> None:
        import selectors

        try:
            sock, _ = listening.accept()
        except OSError:  # gone before it was taken (BlockingIOError, ECONNABORTED)
            return
        sock.setblocking(False)
        if len(self.connections) >= MAX_CONNECTIONS:
            oldest = min(self.connections.values(), key=lambda c: c.ends)
            self._close(oldest)
        self.connections[sock] = _Connection(sock, time.monotonic() + CONNECTION_SECONDS)
        self.selector.register(sock, selectors.EVENT_READ)

    def _expire(self, now: float) -> None:
        for connection in [c for c in self.connections.values() if c.ends <= now]:
            self._close(connection)

    def _close(self, connection: _Connection) -> None:
        self.connections.pop(connection.sock, None)
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(connection.sock)
        connection.sock.close()

    def _read(self, connection: _Connection) -> None:
        try:
            piece = connection.sock.recv(MAX_REQUEST_BYTES + 1 - len(connection.data))
        except BlockingIOError:
            return
        except OSError:
            self._close(connection)
            return
        if not piece:
            self._close(connection)
            return
        connection.data += piece
        head, found, _ = connection.data.partition(b"\r\n\r\n")
        if not found:
            head, found, _ = connection.data.partition(b"\n\n")
        if found:
            self._answer(connection, self._decide(head))
        elif len(connection.data) > MAX_REQUEST_BYTES:
            self._answer(connection, _page(431, "Request Header Fields Too Large", "Too long."))

    def _answer(self, connection: _Connection, response: bytes) -> None:
        # A response is a few hundred bytes: it fits in the socket's buffer, or the
        # peer is not a browser and loses it.
        with contextlib.suppress(OSError):
            connection.sock.send(response)
        self._close(connection)

    def _decide(self, head: bytes) -> bytes:
        from urllib.parse import parse_qs, urlsplit

        request_line = head.split(b"\n", 1)[0].strip().decode("latin-1")
        words = request_line.split()
        if len(words) != 3 or words[0] != "GET":
            return _page(400, "Bad Request", "Not a sign-in.")
        parts = urlsplit(words[1])
        try:
            params = parse_qs(parts.query, max_num_fields=32)
        except ValueError:
            return _page(400, "Bad Request", _NOT_THIS_SIGN_IN)
        if parts.path != "/" or not ({"code", "error", "state"} & params.keys()):
            return _page(404, "Not Found", "Nothing here.")
        states = params.get("state", [])
        expected = self.expected_state
        if (
            expected is None
            or len(states) != 1
            or not hmac.compare_digest(states[0].encode(), expected.encode())
            or not ({"code", "error"} & params.keys())
        ):
            return _page(400, "Bad Request", _NOT_THIS_SIGN_IN)
        self.query = parts.query
        if "code" in params:
            return _page(
                200, "OK", "Signed in: you can close this tab and go back to the terminal."
            )
        return _page(200, "OK", "The sign-in did not succeed: see the terminal.")


def browser_flow(
    oauth: OAuth2Config,
    who: str,
    out: Callable[[str], None],
    open_browser: Callable[[str], bool] | None,
) -> Mapping[str, Any]:
    from urllib.parse import parse_qs

    from authlib.common.security import generate_token

    preset = providers.preset(oauth.provider)
    params: dict[str, str] = dict(preset.authorize_params) if preset else {}
    if preset is not None:
        params["login_hint"] = who
    verifier = generate_token(64)
    host = preset.redirect_host if preset else "127.0.0.1"
    with RedirectListener(both_families=host == "localhost") as listener:
        redirect_uri = f"http://{host}:{listener.port}/"
        session = endpoint.client_session(
            oauth,
            scope=" ".join(oauth.scopes),
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
        )
        url, state = session.create_authorization_url(
            oauth.authorization_endpoint, code_verifier=verifier, **params
        )
        listener.expect(state)
        opened = open_browser(url) if open_browser is not None else False
        if opened:
            out(f"Your browser shows the sign-in page: sign in as {who} there.")
            out(f"If it did not open, open this address in a browser on this computer: {url}")
        else:
            out(f"Open this address in a browser on this computer and sign in as {who}:")
            out(url)
        query = listener.wait(BROWSER_WAIT_SECONDS)
    if query is None:
        raise CredentialError(
            f"No sign-in arrived within {BROWSER_WAIT_SECONDS / 60:g} minutes: nothing was stored; "
            "run `feedback-mailer auth login` again."
        )
    answer = {key: values[0] for key, values in parse_qs(query).items()}
    if answer.get("state") != state:
        raise CredentialError(
            "The browser came back with an answer to another sign-in (the state does not "
            "match): nothing was stored; run `feedback-mailer auth login` again."
        )
    if "error" in answer:
        words = endpoint.words(answer["error"], answer.get("error_description"))
        raise CredentialError(
            f"The sign-in for {who} did not succeed ({words}): nothing was stored."
        )
    with endpoint.talking_to(oauth, who, oauth.token_endpoint):
        return dict(
            session.fetch_token(
                oauth.token_endpoint,
                authorization_response=f"{redirect_uri}?{query}",
                code_verifier=verifier,
            )
        )
