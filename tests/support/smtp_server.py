"""A real SMTP server (aiosmtpd) on 127.0.0.1 with TLS, AUTH and fault injection.

The server runs aiosmtpd's threaded ``Controller``: the handler code below runs in
the controller's event-loop thread while tests read results and arm faults from the
main thread, so all shared state sits behind one lock (``_State``).

Usage::

    with SmtpServer(material, mode="starttls") as server:
        server.fail_next_data(["451 4.3.0 Try again later"])
        ...  # client sends twice
        assert len(server.messages) == 1

OAuth2: ``SmtpServer(..., oauth=TokenPolicy(...))`` adds AUTH XOAUTH2 and OAUTHBEARER,
checking HS256 JWTs like the private Dovecot does, and answers a bad token the way
Gmail or Microsoft 365 do (``oauth_failure_style``). ``refuse_password_auth`` makes
PLAIN/LOGIN answer like a provider that turned password login off.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import collections
import json
import logging
import socket
import ssl
import threading
import time
import warnings
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import MISSING, SMTP, AuthResult, Envelope, LoginPassword, Session

from .certs import TlsMaterial
from .oauth_tokens import InvalidToken, TokenPolicy, parse_sasl_oauth

__all__ = [
    "GMAIL_APP_PASSWORD_REQUIRED",
    "MICROSOFT_BASIC_AUTH_DISABLED",
    "MICROSOFT_CLIENT_SUBMISSION_DISABLED",
    "OAuthFailureStyle",
    "OAuthLogin",
    "ReceivedMessage",
    "SmtpMode",
    "SmtpServer",
]

SmtpMode = Literal["starttls", "tls", "none"]
OAuthFailureStyle = Literal["gmail", "microsoft"]
OAUTH_MECHANISMS = ("XOAUTH2", "OAUTHBEARER")
# RFC 4954 section 4: servers must take AUTH lines of at least 12288 octets; a JWT in
# an AUTH XOAUTH2 line does not fit aiosmtpd's 512.
AUTH_LINE_LIMIT = 12288

# What providers answer a password AUTH once password sign-in is off (verbatim).
MICROSOFT_BASIC_AUTH_DISABLED = (
    "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. "
    "[DM6PR02CA0115.namprd02.prod.outlook.com 2024-09-16T10:00:00.000Z 08DCD5F1C5D2A0B6]"
)
MICROSOFT_CLIENT_SUBMISSION_DISABLED = (
    "550 5.7.30 Basic authentication is not supported for Client Submission."
)
GMAIL_APP_PASSWORD_REQUIRED = (
    "534-5.7.9 Application-specific password required. For more information, go to\r\n"
    "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor "
    "a640c23a62f3a-a8d25d5e1e5sm12345678a.1 - gsmtp"
)
# Their answers to a bad, expired or wrong-scope token.
_GMAIL_OAUTH_ERROR = {"status": "401", "schemes": "Bearer", "scope": "https://mail.google.com/"}
_GMAIL_BAD_CREDENTIALS = (
    "535-5.7.8 Username and Password not accepted. For more information, go to\r\n"
    "535 5.7.8  https://support.google.com/mail/?p=BadCredentials "
    "a640c23a62f3a-a8d25d5e1e5sm12345678a.2 - gsmtp"
)
_MICROSOFT_BAD_TOKEN = (
    "535 5.7.3 Authentication unsuccessful "
    "[SN4PR0601CA0012.namprd06.prod.outlook.com 2024-09-16T10:00:00.000Z 08DCD5F1C5D2A0B7]"
)
LOOPBACK = "127.0.0.1"
SERVER_HOSTNAME = "localhost"  # avoids aiosmtpd's getfqdn() DNS lookup

# aiosmtpd complains on every connection about choices made here on purpose (AUTH
# on an implicit-TLS or loopback-plaintext socket) and about its own internal use
# of a deprecated attribute; silence exactly those so real problems stay visible.
_EXPECTED_NOISE = (
    "auth_required == True but auth_require_tls == False",
    "Session.login_data is deprecated",
)
warnings.filterwarnings(
    "ignore", message="Requiring AUTH while not requiring TLS", category=UserWarning
)


class _ExpectedNoiseFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_EXPECTED_NOISE)


logging.getLogger("mail.log").addFilter(_ExpectedNoiseFilter())


@dataclass(frozen=True)
class ReceivedMessage:
    """One message the server accepted (answered 250 to, or is about to)."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes  # the DATA body exactly as received, after dot-unstuffing
    message: EmailMessage
    mail_options: list[str]  # e.g. ["SMTPUTF8", "BODY=8BITMIME"]
    username: str | None  # who authenticated on that connection, if anyone

    @property
    def message_id(self) -> str | None:
        value = self.message["Message-ID"]
        return None if value is None else str(value)


@dataclass(frozen=True)
class OAuthLogin:
    """``session.auth_data`` after an OAuth2 AUTH; ``login`` like LoginPassword's."""

    login: bytes
    mechanism: str


@dataclass
class _State:
    """Everything the loop thread and the test thread share, under ``lock``."""

    users: dict[str, str]
    oauth: TokenPolicy | None = None
    oauth_failure_style: OAuthFailureStyle = "gmail"
    auth_line_limit: int | None = None  # None: aiosmtpd's stock limits
    password_refusal: str | None = None
    login_mechanisms: list[str] = field(default_factory=list)
    auth_failures: list[tuple[str, str]] = field(default_factory=list)
    error_challenge_answers: list[bytes] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    received: threading.Condition = field(init=False)
    messages: list[ReceivedMessage] = field(default_factory=list)
    login_users: list[str] = field(default_factory=list)
    connections: int = 0
    probe_peer: tuple[str, int] | None = None
    data_codes: deque[str] = field(default_factory=deque)
    rcpt_codes: deque[str] = field(default_factory=deque)
    drops_mid_data: int = 0
    drops_after_data: int = 0
    data_delay: float = 0.0
    data_delay_count: int | None = None  # None: every DATA is delayed

    def __post_init__(self) -> None:
        self.received = threading.Condition(self.lock)

    def take_drop_mid_data(self) -> bool:
        with self.lock:
            if self.drops_mid_data <= 0:
                return False
            self.drops_mid_data -= 1
            return True

    def take_drop_after_data(self) -> bool:
        with self.lock:
            if self.drops_after_data <= 0:
                return False
            self.drops_after_data -= 1
            return True

    def take_code(self, queue: deque[str]) -> str | None:
        with self.lock:
            return queue.popleft() if queue else None

    def record_login(self, user: str, mechanism: str) -> None:
        with self.lock:
            self.login_users.append(user)
            self.login_mechanisms.append(mechanism)

    def record_failure(self, mechanism: str, reason: str) -> None:
        with self.lock:
            self.auth_failures.append((mechanism, reason))

    def take_delay(self) -> float:
        with self.lock:
            if self.data_delay <= 0 or self.data_delay_count == 0:
                return 0.0
            if self.data_delay_count is not None:
                self.data_delay_count -= 1
            return self.data_delay


class _Handler:
    """aiosmtpd handler hooks plus the authenticator; runs in the loop thread."""

    def __init__(self, state: _State) -> None:
        self.state = state

    def authenticate(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        mechanism: str,
        auth_data: Any,
    ) -> AuthResult:
        ok = False
        with self.state.lock:
            refusal = self.state.password_refusal
        if refusal is not None:
            # Like a provider with password sign-in off: any password, same answer.
            self.state.record_failure(mechanism, "password login refused")
            return AuthResult(success=False, handled=False, message=refusal)
        if isinstance(auth_data, LoginPassword):
            login = auth_data.login.decode("utf-8", "replace")
            password = auth_data.password.decode("utf-8", "replace")
            ok = self.state.users.get(login) == password
            if ok:
                self.state.record_login(login, mechanism)
            else:
                self.state.record_failure(mechanism, "wrong user or password")
        # handled=False lets aiosmtpd answer 235/535 itself; auth_data must be passed
        # through or session.auth_data (the login name) is lost.
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        code = self.state.take_code(self.state.rcpt_codes)
        if code is not None:
            return code
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.state.take_drop_after_data():
            # The body arrived but no reply will: the client cannot know the outcome,
            # and the message is deliberately not recorded as delivered.
            _drop(server)
        code = self.state.take_code(self.state.data_codes)
        if code is not None:
            return code
        self._record(session, envelope)
        delay = self.state.take_delay()
        if delay:
            # Recorded before the pause: the server has taken the message even if the
            # client dies waiting for "250" - the worst case for at-most-once sending.
            await asyncio.sleep(delay)
        return "250 OK"

    def _record(self, session: Session, envelope: Envelope) -> None:
        raw = bytes(envelope.original_content or b"")
        parsed = BytesParser(policy=policy.default).parsebytes(raw)
        assert isinstance(parsed, EmailMessage)
        login = getattr(session.auth_data, "login", None)
        message = ReceivedMessage(
            mail_from=envelope.mail_from or "",
            rcpt_tos=list(envelope.rcpt_tos),
            raw=raw,
            message=parsed,
            mail_options=list(envelope.mail_options),
            username=login.decode("utf-8", "replace") if login else None,
        )
        with self.state.received:
            self.state.messages.append(message)
            self.state.received.notify_all()


class _OAuthHandler(_Handler):
    """Adds AUTH XOAUTH2 and OAUTHBEARER (aiosmtpd offers every ``auth_*`` method)."""

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        return await self._oauth(server, args, "XOAUTH2")

    async def auth_OAUTHBEARER(self, server: SMTP, args: list[str]) -> AuthResult:
        return await self._oauth(server, args, "OAUTHBEARER")

    async def _oauth(self, server: SMTP, args: list[str], mechanism: str) -> AuthResult:
        policy = self.state.oauth
        assert policy is not None
        if len(args) > 1:  # initial response on the AUTH line (RFC 4954 section 4)
            try:
                blob: bytes = base64.b64decode(args[1], validate=True)
            except binascii.Error:
                return AuthResult(success=False, handled=False, message="501 5.5.2 Bad base64")
        else:
            answer = await server.challenge_auth("")
            if answer is MISSING:
                return AuthResult(success=False, handled=True)  # aiosmtpd already replied
            assert isinstance(answer, bytes)
            blob = answer
        try:
            credentials = parse_sasl_oauth(mechanism, blob)
        except (ValueError, UnicodeDecodeError) as error:
            self.state.record_failure(mechanism, f"malformed: {error}")
            return AuthResult(success=False, handled=False, message="501 5.5.2 Malformed")
        try:
            claims = policy.check(credentials.token)
            if claims["sub"] != credentials.user:
                raise InvalidToken(f"token is for {claims['sub']!r}, not {credentials.user!r}")
        except InvalidToken as error:
            self.state.record_failure(mechanism, str(error))
            return await self._refuse(server)
        self.state.record_login(credentials.user, mechanism)
        login = OAuthLogin(login=credentials.user.encode(), mechanism=mechanism)
        return AuthResult(success=True, handled=False, auth_data=login)

    async def _refuse(self, server: SMTP) -> AuthResult:
        with self.state.lock:
            style = self.state.oauth_failure_style
        if style == "microsoft":
            return AuthResult(success=False, handled=False, message=_MICROSOFT_BAD_TOKEN)
        # Gmail (and RFC 7628): an error challenge first; the client must answer with
        # an empty line (XOAUTH2) or ^A (OAUTHBEARER), then gets the final 535. Never
        # send handled=True without a reply: the client would hang.
        answer = await server.challenge_auth(json.dumps(_GMAIL_OAUTH_ERROR).encode())
        if answer is MISSING:  # "*" or bad base64: aiosmtpd already sent a 501
            return AuthResult(success=False, handled=True)
        assert isinstance(answer, bytes)
        with self.state.lock:
            self.state.error_challenge_answers.append(answer)
        return AuthResult(success=False, handled=False, message=_GMAIL_BAD_CREDENTIALS)


def _check_style(style: str) -> None:
    if style not in ("gmail", "microsoft"):
        raise ValueError(f"unknown OAuth failure style {style!r}")


def _drop(server: SMTP) -> None:
    """Close the connection from inside a command and stop handling it.

    Raising CancelledError ends aiosmtpd's per-connection task the same way a reset
    from the peer does; otherwise unread body lines would be parsed as commands.
    """
    if server.transport is not None:
        server.transport.close()
    raise asyncio.CancelledError


class _FaultySMTP(SMTP):
    """aiosmtpd's SMTP protocol with connection counting and a mid-DATA drop."""

    def __init__(self, handler: _Handler, **kwargs: Any) -> None:
        limit = handler.state.auth_line_limit
        if limit is not None:
            # Instance attributes, not aiosmtpd's class-wide ones (its per-command
            # defaultdict is even shared by every server in the process). The stream
            # reader, made in SMTP.__init__, must hold a whole AUTH line...
            self.line_length_limit = max(limit + 2, SMTP.line_length_limit)
        super().__init__(handler, **kwargs)
        self._state = handler.state
        if limit is not None:
            # ...while DATA lines keep RFC 5321's 1001 and other commands 512.
            self.line_length_limit = SMTP.line_length_limit
            self.command_size_limits = collections.defaultdict(
                lambda: SMTP.command_size_limit, {"AUTH": limit}
            )

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # connection_made runs again after STARTTLS; only the first call (no
        # transport yet) is a new TCP connection. The controller's start-up probe
        # is recognised by its pre-bound source address and not counted.
        if self.transport is None:
            peer = transport.get_extra_info("peername")
            with self._state.lock:
                if peer is None or tuple(peer[:2]) != self._state.probe_peer:
                    self._state.connections += 1
        super().connection_made(transport)

    async def smtp_DATA(self, arg: str) -> None:
        # Same precondition checks (and replies) as aiosmtpd before taking the fault,
        # so an out-of-order DATA does not use up an armed drop.
        if await self.check_helo_needed() or await self.check_auth_needed("DATA"):
            return
        envelope_ready = self.envelope is not None and bool(self.envelope.rcpt_tos)
        if arg or not envelope_ready or not self._state.take_drop_mid_data():
            await super().smtp_DATA(arg)
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        await self._reader.readuntil(b"\r\n")  # part of the body, then hang up
        _drop(self)


class _Controller(Controller):
    """Controller bound to port 0 that reads the real port back after binding.

    aiosmtpd's readiness probe would otherwise connect to port 0.
    """

    def __init__(self, state: _State, **kwargs: Any) -> None:
        self._state = state
        super().__init__(**kwargs)

    def factory(self) -> SMTP:
        return _FaultySMTP(self.handler, **self.SMTP_kwargs)

    def _trigger_server(self) -> None:
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        # Bind the probe's source port first so the server can tell it apart from
        # real clients however early it sees the connection.
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        with probe:
            probe.settimeout(2.0)
            probe.bind((LOOPBACK, 0))
            self._state.probe_peer = probe.getsockname()
            probe.connect((LOOPBACK, self.port))
            if self.ssl_context is None:
                probe.recv(1024)
                return
            with _insecure_client_context().wrap_socket(probe) as tls_probe:
                tls_probe.recv(1024)


def _insecure_client_context() -> ssl.SSLContext:
    # Only for the start-up probe: it just has to get a greeting.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1, started by ``start()`` or ``with``.

    ``mode``: "starttls" (STARTTLS required before MAIL and AUTH), "tls" (implicit
    TLS socket) or "none" (plaintext, AUTH allowed - loopback only).
    ``offer_starttls=False`` (starttls mode): STARTTLS is not advertised yet AUTH is
    offered in the clear, as bait for a client that must refuse to downgrade.
    """

    host: str = LOOPBACK

    def __init__(
        self,
        tls_material: TlsMaterial | None = None,
        mode: SmtpMode = "starttls",
        users: Mapping[str, str] | None = None,
        *,
        auth_required: bool = True,
        offer_starttls: bool = True,
        smtputf8: bool = True,
        data_size_limit: int | None = None,
        oauth: TokenPolicy | None = None,
        oauth_failure_style: OAuthFailureStyle = "gmail",
        oauth_mechanisms: Iterable[str] = OAUTH_MECHANISMS,
        auth_line_limit: int | None = None,
    ) -> None:
        """``oauth``: also offer XOAUTH2/OAUTHBEARER (``oauth_mechanisms``) for tokens
        this policy accepts; the token's ``sub`` must be the SASL user.
        ``auth_line_limit``: longest AUTH command line (default: 12288 with ``oauth``,
        aiosmtpd's 512 without)."""
        if mode != "none" and tls_material is None:
            raise ValueError(f"mode={mode!r} needs tls_material")
        self.mode = mode
        self.tls_material = tls_material
        self.offer_starttls = offer_starttls
        self._running = False
        _check_style(oauth_failure_style)
        if auth_line_limit is None and oauth is not None:
            auth_line_limit = AUTH_LINE_LIMIT
        self._state = _State(
            users=dict({"alice": "s3cret"} if users is None else users),
            oauth=oauth,
            oauth_failure_style=oauth_failure_style,
            auth_line_limit=auth_line_limit,
        )
        self._handler = _OAuthHandler(self._state) if oauth else _Handler(self._state)
        offered = {m.upper() for m in oauth_mechanisms}
        excluded = [m for m in OAUTH_MECHANISMS if m not in offered]
        self._controller = _Controller(
            self._state,
            handler=self._handler,
            hostname=LOOPBACK,
            port=0,
            server_hostname=SERVER_HOSTNAME,
            authenticator=self._handler.authenticate,
            auth_required=auth_required,
            enable_SMTPUTF8=smtputf8,
            data_size_limit=data_size_limit,
            auth_exclude_mechanism=excluded,
            **self._tls_kwargs(),
        )

    def _tls_kwargs(self) -> dict[str, Any]:
        if self.mode == "tls":
            assert self.tls_material is not None
            # The socket is already TLS; aiosmtpd would otherwise refuse AUTH on it.
            return {"ssl_context": self.tls_material.server_context(), "auth_require_tls": False}
        if self.mode == "starttls" and self.offer_starttls:
            assert self.tls_material is not None
            return {
                "tls_context": self.tls_material.server_context(),
                "require_starttls": True,
                "auth_require_tls": True,
            }
        return {"auth_require_tls": False}

    # --- lifecycle -------------------------------------------------------------

    def start(self) -> SmtpServer:
        self._controller.start()
        self._running = True
        return self

    def stop(self) -> None:
        """Stop the server; safe to call twice (aiosmtpd itself asserts)."""
        if self._running:
            self._running = False
            self._controller.stop()

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return int(self._controller.port)

    # --- observations (snapshots, safe from any thread) ------------------------

    @property
    def messages(self) -> list[ReceivedMessage]:
        with self._state.lock:
            return list(self._state.messages)

    @property
    def logins(self) -> int:
        """Number of successful AUTH exchanges."""
        with self._state.lock:
            return len(self._state.login_users)

    @property
    def login_users(self) -> list[str]:
        """User names of the successful AUTH exchanges, in order."""
        with self._state.lock:
            return list(self._state.login_users)

    @property
    def login_mechanisms(self) -> list[str]:
        """SASL mechanism of each successful AUTH, in order (e.g. "PLAIN", "XOAUTH2")."""
        with self._state.lock:
            return list(self._state.login_mechanisms)

    @property
    def auth_failures(self) -> list[tuple[str, str]]:
        """(mechanism, why) of each refused AUTH, in order."""
        with self._state.lock:
            return list(self._state.auth_failures)

    @property
    def error_challenge_answers(self) -> list[bytes]:
        """What clients answered to a Gmail-style OAuth error challenge (decoded).

        A correct client sends b"" (XOAUTH2) or b"\\x01" (OAUTHBEARER), never its token.
        """
        with self._state.lock:
            return list(self._state.error_challenge_answers)

    @property
    def connections(self) -> int:
        """TCP connections accepted (a STARTTLS upgrade is not a new one)."""
        with self._state.lock:
            return self._state.connections

    def message_ids(self) -> list[str | None]:
        """The Message-ID of every received message, for at-most-once counting."""
        return [message.message_id for message in self.messages]

    def wait_for_messages(self, count: int, timeout: float = 5.0) -> list[ReceivedMessage]:
        """Block until at least ``count`` messages arrived; TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        with self._state.received:
            while len(self._state.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    got = len(self._state.messages)
                    raise TimeoutError(f"expected {count} messages, got {got}")
                self._state.received.wait(remaining)
            return list(self._state.messages)

    # --- fault injection (may be armed at any time, consumed in order) ---------

    def fail_next_data(self, codes: Iterable[str]) -> None:
        """Answer the next DATA commands with these replies, then succeed again."""
        with self._state.lock:
            self._state.data_codes.extend(codes)

    def fail_next_rcpt(self, codes: Iterable[str]) -> None:
        """Answer the next RCPT TO commands with these replies, then accept again."""
        with self._state.lock:
            self._state.rcpt_codes.extend(codes)

    def drop_mid_data(self, n: int = 1) -> None:
        """Hang up on the next ``n`` DATA commands after one line of the body."""
        with self._state.lock:
            self._state.drops_mid_data += n

    def drop_after_data(self, n: int = 1) -> None:
        """Hang up after the next ``n`` full bodies, before replying; not recorded."""
        with self._state.lock:
            self._state.drops_after_data += n

    def delay_data(self, seconds: float, n: int | None = None) -> None:
        """Wait ``seconds`` before the final DATA reply (message already recorded).

        ``n=None`` delays every following DATA; ``delay_data(0)`` turns it off.
        """
        with self._state.lock:
            self._state.data_delay = seconds
            self._state.data_delay_count = n

    # --- provider behaviour --------------------------------------------------------

    @property
    def oauth_failure_style(self) -> OAuthFailureStyle:
        with self._state.lock:
            return self._state.oauth_failure_style

    @oauth_failure_style.setter
    def oauth_failure_style(self, style: OAuthFailureStyle) -> None:
        """How a bad token is refused: "gmail" sends 334 + base64 JSON, then 535 5.7.8
        after the client's answer; "microsoft" sends 535 5.7.3 at once."""
        _check_style(style)
        with self._state.lock:
            self._state.oauth_failure_style = style

    def refuse_password_auth(self, reply: str = MICROSOFT_BASIC_AUTH_DISABLED) -> None:
        """Answer every PLAIN/LOGIN with ``reply`` (multi-line: lines joined by CRLF),
        whatever the password, until ``allow_password_auth``. OAuth is unaffected."""
        with self._state.lock:
            self._state.password_refusal = reply

    def allow_password_auth(self) -> None:
        with self._state.lock:
            self._state.password_refusal = None

    def clear_faults(self) -> None:
        with self._state.lock:
            self._state.data_codes.clear()
            self._state.rcpt_codes.clear()
            self._state.drops_mid_data = self._state.drops_after_data = 0
            self._state.data_delay, self._state.data_delay_count = 0.0, None
