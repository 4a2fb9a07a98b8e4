"""A real OAuth2 authorization server (Authlib's server side on Flask) on 127.0.0.1.

It speaks what feedback-mailer's sign-in needs from Microsoft and Google, on an
ephemeral loopback port, in a thread of the test process:

- device authorization grant (RFC 8628): ``/device_authorization`` + polling ``/token``;
- authorization code with PKCE required for public clients, S256 only (RFC 7636),
  redirecting to a loopback URI on any port (RFC 8252 section 7.3);
- refresh with rotation: every refresh returns a new refresh token and the old one
  stops working (``invalid_grant``);
- revocation (RFC 7009) at ``/revoke``; metadata (RFC 8414) at
  ``/.well-known/oauth-authorization-server``.

Access tokens are HS256 JWTs (``support.oauth_tokens``) that the private Dovecot and
the aiosmtpd server check themselves with the same key, as a provider's IMAP/SMTP
servers check its tokens. Two clients are registered: a public one (no secret, token
endpoint auth method "none", like a Microsoft Entra "mobile and desktop" app) and a
confidential one with a ``client_secret`` (like a Google "Desktop app" client).

Usage::

    with OAuthServer(signing_key=key) as auth:
        ...  # the client under test gets auth.device_authorization_endpoint etc.
        auth.approve_device_code()  # as the user at the verification URL
        assert auth.token_requests_by_grant["refresh_token"] == 1

The user is never asked anything: the authorization endpoint signs in
``signed_in_user`` and consents at once (a test can pick another user or deny, see
``authorize``); the device page approves what the test helper posts to it.
"""

from __future__ import annotations

import hmac
import html
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar, Literal

from authlib.common.security import generate_token
from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import (
    AuthorizationCodeMixin,
    ClientMixin,
    InvalidGrantError,
    InvalidRequestError,
    OAuth2Error,
    TokenMixin,
    grants,
)
from authlib.oauth2.rfc6749.util import list_to_scope, scope_to_list
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc8628 import (
    DeviceAuthorizationEndpoint,
    DeviceCodeGrant,
    DeviceCredentialDict,
)
from flask import Flask, Response, request
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from .oauth_tokens import DEFAULT_ISSUER, IMAP_SCOPE, SMTP_SCOPE, TokenPolicy, encode_hs256

__all__ = [
    "DEVICE_CODE_GRANT",
    "AuthorizationResult",
    "IssuedToken",
    "LoopbackRedirectCatcher",
    "OAuthServer",
    "RefreshTokenState",
]

LOOPBACK = "127.0.0.1"
DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
DEFAULT_SCOPES = (IMAP_SCOPE, SMTP_SCOPE, "offline_access")
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
# RFC 8628 lets a client wait 5 s after a "slow_down"; a little slack on the server's
# side keeps a client that sleeps exactly `interval` from being told off for jitter.
_POLL_SLACK = 0.25
# serve_forever notices shutdown() only this often (default 0.5 s, per test teardown).
_SHUTDOWN_POLL = 0.02
# Public clients send only their client_id ("none"); the confidential one its secret.
_ALL_CLIENT_AUTH = ("client_secret_basic", "client_secret_post", "none")

RefreshTokenState = Literal["active", "rotated", "revoked", "expired", "unknown"]


# --- models (in memory; Authlib calls their mixin methods) -----------------------------


@dataclass(frozen=True)
class _Client(ClientMixin):  # type: ignore[misc]
    client_id: str
    client_secret: str | None  # None: a public client, which authenticates with "none"
    redirect_uris: tuple[str, ...]
    default_scope: str

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return None  # a redirect_uri must always be sent (it carries the loopback port)

    def get_allowed_scope(self, scope: str | None) -> str:
        # Unsupported scopes are refused earlier (scopes_supported); none asked for
        # means the client's default, as Google and Microsoft both do for "openid"-less
        # requests of a registered app.
        return list_to_scope(scope_to_list(scope)) if scope else self.default_scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        # RFC 8252 section 7.3: for a loopback redirect the port is chosen at run time,
        # so any port matches a registered loopback URI with the same scheme/host/path.
        wanted = urllib.parse.urlsplit(redirect_uri)
        for registered in self.redirect_uris:
            known = urllib.parse.urlsplit(registered)
            if (
                wanted.scheme == known.scheme == "http"
                and wanted.hostname in _LOOPBACK_HOSTS
                and wanted.hostname == known.hostname
                and (wanted.path or "/") == (known.path or "/")
            ):
                return True
            if redirect_uri == registered:
                return True
        return False

    def check_client_secret(self, client_secret: str) -> bool:
        return self.client_secret is not None and hmac.compare_digest(
            client_secret.encode(), self.client_secret.encode()
        )

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.client_secret is None:
            return method == "none"
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ("authorization_code", "refresh_token", DEVICE_CODE_GRANT)


@dataclass
class _AuthorizationCode(AuthorizationCodeMixin):  # type: ignore[misc]
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: str
    code_challenge: str | None
    code_challenge_method: str | None
    expires_at: float

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope


@dataclass
class _Token(TokenMixin):  # type: ignore[misc]
    client_id: str
    user: str
    scope: str
    grant_type: str
    access_token: str
    refresh_token: str | None
    issued_at: float
    expires_in: int
    refresh_state: RefreshTokenState = "active"
    refresh_expires_at: float | None = None
    access_revoked: bool = False

    def check_client(self, client: ClientMixin) -> bool:
        return bool(client.get_client_id() == self.client_id)

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return self.expires_in

    def is_expired(self) -> bool:
        return self.issued_at + self.expires_in < time.time()

    def is_revoked(self) -> bool:
        return self.access_revoked

    def get_user(self) -> str:
        return self.user

    def get_client(self) -> ClientMixin:
        raise NotImplementedError  # not used by the grants registered here


@dataclass(frozen=True)
class IssuedToken:
    """One token response the server gave (a snapshot, safe to keep)."""

    grant_type: str  # "authorization_code", "refresh_token" or DEVICE_CODE_GRANT
    client_id: str
    user: str
    scope: str
    access_token: str
    refresh_token: str | None
    expires_in: int


@dataclass(frozen=True)
class AuthorizationResult:
    """Where the authorization endpoint sent the browser, and what the client said."""

    location: str  # the 302's Location: the client's redirect URI with code/state/error
    code: str | None
    state: str | None
    error: str | None
    callback_status: int | None  # the loopback listener's HTTP status, if followed
    callback_body: str


# --- shared state ----------------------------------------------------------------------


@dataclass
class _Store:
    """All server state; one lock, since Flask serves requests in threads."""

    secret: bytes
    issuer: str
    access_token_lifetime: int
    refresh_token_lifetime: int | None
    device_code_lifetime: int
    device_poll_interval: int
    clients: dict[str, _Client]
    base_url: str = ""
    signed_in_user: str = "alice"
    lock: threading.RLock = field(default_factory=threading.RLock)
    changed: threading.Condition = field(init=False)
    codes: dict[str, _AuthorizationCode] = field(default_factory=dict)
    tokens: list[_Token] = field(default_factory=list)
    devices: dict[str, DeviceCredentialDict] = field(default_factory=dict)  # by device_code
    device_grants: dict[str, tuple[str, bool]] = field(default_factory=dict)  # by user_code
    last_poll: dict[str, float] = field(default_factory=dict)  # by device_code
    token_requests: Counter[str] = field(default_factory=Counter)
    token_failures: deque[tuple[int, dict[str, str]]] = field(default_factory=deque)
    # Raw answers for the next requests of an endpoint path: (status, chunks, pause, headers).
    raw_answers: dict[str, deque[tuple[int, Iterable[bytes], float, dict[str, str]]]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        self.changed = threading.Condition(self.lock)

    def by_refresh_token(self, refresh_token: str) -> _Token | None:
        return next((t for t in self.tokens if t.refresh_token == refresh_token), None)

    def by_access_token(self, access_token: str) -> _Token | None:
        return next((t for t in self.tokens if t.access_token == access_token), None)

    def pending_user_codes(self) -> list[str]:
        return [
            str(credential["user_code"])
            for credential in self.devices.values()
            if credential["user_code"] not in self.device_grants and not credential.is_expired()
        ]


def _expire_if_due(token: _Token) -> None:
    due = token.refresh_expires_at
    if token.refresh_state == "active" and due is not None and due <= time.time():
        token.refresh_state = "expired"


def _store(server: Any) -> _Store:
    store = server.store
    assert isinstance(store, _Store)
    return store


# --- grants and endpoints ----------------------------------------------------------------


class _AuthorizationCodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    # Public clients authenticate with "none" (and must use PKCE); the confidential
    # client with its secret, either way a provider accepts it.
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = [*_ALL_CLIENT_AUTH]

    def save_authorization_code(self, code: str, req: Any) -> None:
        store = _store(self.server)
        data = req.payload.data
        with store.lock:
            store.codes[code] = _AuthorizationCode(
                code=code,
                client_id=req.client.get_client_id(),
                redirect_uri=req.payload.redirect_uri,
                scope=req.scope,
                user=req.user,
                code_challenge=data.get("code_challenge"),
                code_challenge_method=data.get("code_challenge_method"),
                expires_at=time.time() + 600,
            )

    def query_authorization_code(self, code: str, client: ClientMixin) -> Any:
        store = _store(self.server)
        with store.lock:
            item = store.codes.get(code)
        if item and item.client_id == client.get_client_id() and item.expires_at > time.time():
            return item
        return None

    def delete_authorization_code(self, authorization_code: _AuthorizationCode) -> None:
        store = _store(self.server)
        with store.lock:
            store.codes.pop(authorization_code.code, None)  # single use

    def authenticate_user(self, authorization_code: _AuthorizationCode) -> str:
        return authorization_code.user


class _PkceS256(CodeChallenge):  # type: ignore[misc]
    # "plain" defeats PKCE's purpose; the providers the product targets accept S256.
    SUPPORTED_CODE_CHALLENGE_METHOD: ClassVar[list[str]] = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        # Authlib only insists on the verifier at the token endpoint; refuse a public
        # client's authorization request without a challenge up front, as a client
        # that forgot PKCE should learn before the user signs in.
        client = grant.request.client
        if (
            self.required
            and client.client_secret is None
            and not grant.request.payload.data.get("code_challenge")
        ):
            raise InvalidRequestError("Missing 'code_challenge' (PKCE is required)")
        super().validate_code_challenge(grant, redirect_uri)


class _RefreshTokenGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = [*_ALL_CLIENT_AUTH]
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation

    def authenticate_refresh_token(self, refresh_token: str) -> _Token | None:
        store = _store(self.server)
        with store.lock:
            token = store.by_refresh_token(refresh_token)
            if token is None:
                return None
            _expire_if_due(token)
            state = token.refresh_state
        if state == "active":
            return token
        # Say why, as the providers do in error_description (the error stays invalid_grant).
        reasons = {
            "rotated": "The refresh token was already used; use the newest one.",
            "revoked": "The refresh token has been revoked.",
            "expired": "The refresh token has expired.",
        }
        raise InvalidGrantError(description=reasons[state])

    def authenticate_user(self, refresh_token: _Token) -> str:
        return refresh_token.user

    def revoke_old_credential(self, refresh_token: _Token) -> None:
        store = _store(self.server)
        with store.lock:
            refresh_token.refresh_state = "rotated"


class _DeviceCodeGrant(DeviceCodeGrant):  # type: ignore[misc]
    def create_token_response(self) -> Any:
        # Authlib leaves the credential in place; a device code must be used once.
        response = super().create_token_response()
        store = _store(self.server)
        with store.lock:
            credential = store.devices.pop(self.request.credential["device_code"], None)
            if credential is not None:
                store.device_grants.pop(credential["user_code"], None)
        return response

    def query_device_credential(self, device_code: str) -> DeviceCredentialDict | None:
        store = _store(self.server)
        with store.lock:
            return store.devices.get(device_code)

    def query_user_grant(self, user_code: str) -> tuple[str, bool] | None:
        store = _store(self.server)
        with store.lock:
            return store.device_grants.get(user_code)

    def should_slow_down(self, credential: DeviceCredentialDict) -> bool:
        store = _store(self.server)
        now = time.monotonic()
        with store.lock:
            device_code = credential["device_code"]
            last = store.last_poll.get(device_code)
            store.last_poll[device_code] = now
            interval = int(credential["interval"])
            if interval <= 0 or last is None or now - last >= interval - _POLL_SLACK:
                return False
            # RFC 8628 section 3.5: the client must add 5 s to its interval from now on.
            credential["interval"] = interval + 5
            return True


class _DeviceAuthorizationEndpoint(DeviceAuthorizationEndpoint):  # type: ignore[misc]
    def get_verification_uri(self) -> str:
        return f"{_store(self.server).base_url}/device"

    def save_device_credential(
        self, client_id: str, scope: str | None, data: dict[str, Any]
    ) -> None:
        store = _store(self.server)
        client = store.clients[client_id]
        with store.lock:
            store.devices[data["device_code"]] = DeviceCredentialDict(
                client_id=client_id,
                scope=client.get_allowed_scope(scope),
                expires_at=time.time() + data["expires_in"],
                **{k: v for k, v in data.items() if k != "expires_in"},
            )
            store.changed.notify_all()


class _RevocationEndpoint(RevocationEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS: ClassVar[list[str]] = [*_ALL_CLIENT_AUTH]

    def query_token(self, token_string: str, token_type_hint: str | None) -> _Token | None:
        store = _store(self.server)
        with store.lock:
            if token_type_hint == "access_token":
                return store.by_access_token(token_string)
            if token_type_hint == "refresh_token":
                return store.by_refresh_token(token_string)
            return store.by_refresh_token(token_string) or store.by_access_token(token_string)

    def revoke_token(self, token: _Token, req: Any) -> None:
        store = _store(self.server)
        token_string = req.form.get("token")
        with store.lock:
            # Revoking a refresh token ends the grant (RFC 7009 section 2.1). The JWT
            # access tokens stay valid at IMAP/SMTP until they expire, as with the
            # providers' self-contained tokens.
            token.access_revoked = True
            if token.refresh_token == token_string and token.refresh_state == "active":
                token.refresh_state = "revoked"


# --- the server --------------------------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log(self, type: str, message: str, *args: Any) -> None:
        pass  # one line per request on stderr would drown real test output


class OAuthServer:
    """The authorization server; ``start()``/``stop()`` or ``with``.

    ``signing_key``: the HS256 secret the resource servers share (random by default).
    ``access_token_lifetime``: seconds (``expires_in`` and the JWT's ``exp``).
    ``refresh_token_lifetime``: seconds, or None for refresh tokens that only die by
    rotation, revocation or ``expire_refresh_token``.
    ``device_poll_interval``: the ``interval`` of device authorization responses;
    polling faster gets ``slow_down`` (0 turns that check off).
    """

    host: str = LOOPBACK

    def __init__(
        self,
        *,
        signing_key: bytes | None = None,
        issuer: str = DEFAULT_ISSUER,
        scopes: Iterable[str] = DEFAULT_SCOPES,
        default_scope: str | None = None,
        access_token_lifetime: int = 3600,
        refresh_token_lifetime: int | None = None,
        device_code_lifetime: int = 600,
        device_poll_interval: int = 1,
        public_client_id: str = "feedback-mailer-public",
        confidential_client_id: str = "feedback-mailer-confidential",
        client_secret: str = "not-so-secret-desktop-secret",
        redirect_uris: Iterable[str] = ("http://127.0.0.1/", "http://localhost/"),
        signed_in_user: str = "alice",
    ) -> None:
        self.scopes = tuple(scopes)
        scope = default_scope if default_scope is not None else " ".join(self.scopes)
        uris = tuple(redirect_uris)
        self.public_client_id = public_client_id
        self.confidential_client_id = confidential_client_id
        self.client_secret = client_secret
        self._store = _Store(
            secret=signing_key if signing_key is not None else secrets.token_bytes(32),
            issuer=issuer,
            access_token_lifetime=access_token_lifetime,
            refresh_token_lifetime=refresh_token_lifetime,
            device_code_lifetime=device_code_lifetime,
            device_poll_interval=device_poll_interval,
            clients={
                public_client_id: _Client(public_client_id, None, uris, scope),
                confidential_client_id: _Client(confidential_client_id, client_secret, uris, scope),
            },
            signed_in_user=signed_in_user,
        )
        self._http: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._app = self._make_app()

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> OAuthServer:
        if self._http is not None:
            raise RuntimeError("this OAuthServer is already running")
        self._http = make_server(
            LOOPBACK, 0, self._app, threaded=True, request_handler=_QuietHandler
        )
        self._store.base_url = f"http://{LOOPBACK}:{self._http.server_port}"
        self._thread = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": _SHUTDOWN_POLL},
            name="oauth-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; safe to call twice."""
        http, thread = self._http, self._thread
        self._http = self._thread = None
        if http is not None:
            http.shutdown()
            http.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> OAuthServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- where things are ----------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if not self._store.base_url:
            raise RuntimeError("OAuthServer is not running")
        return self._store.base_url

    @property
    def port(self) -> int:
        return int(self.base_url.rsplit(":", 1)[1])

    @property
    def authorization_endpoint(self) -> str:
        return f"{self.base_url}/authorize"

    @property
    def token_endpoint(self) -> str:
        return f"{self.base_url}/token"

    @property
    def device_authorization_endpoint(self) -> str:
        return f"{self.base_url}/device_authorization"

    @property
    def revocation_endpoint(self) -> str:
        return f"{self.base_url}/revoke"

    @property
    def verification_uri(self) -> str:
        return f"{self.base_url}/device"

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/.well-known/oauth-authorization-server"

    @property
    def issuer(self) -> str:
        return self._store.issuer

    @property
    def device_poll_interval(self) -> int:
        return self._store.device_poll_interval

    @property
    def device_code_lifetime(self) -> int:
        return self._store.device_code_lifetime

    @property
    def signing_key(self) -> bytes:
        return self._store.secret

    def token_policy(self, scope: str | None) -> TokenPolicy:
        """What a resource server needing ``scope`` should accept from this server."""
        return TokenPolicy(secret=self._store.secret, issuer=self._store.issuer, scope=scope)

    # --- acting as the user ----------------------------------------------------------------

    @property
    def signed_in_user(self) -> str:
        """Who the authorization endpoint signs in when a test does not say."""
        return self._store.signed_in_user

    @signed_in_user.setter
    def signed_in_user(self, user: str) -> None:
        with self._store.lock:
            self._store.signed_in_user = user

    def wait_for_device_code(self, timeout: float = 10.0) -> str:
        """The user code of a pending device authorization (the newest), once there is one."""
        deadline = time.monotonic() + timeout
        with self._store.changed:
            while not (pending := self._store.pending_user_codes()):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no device authorization was requested within {timeout}s")
                self._store.changed.wait(remaining)
            return pending[-1]

    def approve_device_code(
        self, user_code: str | None = None, *, user: str | None = None, timeout: float = 10.0
    ) -> str:
        """Approve a device code through the verification page, as the user would.

        Without ``user_code``, waits for a pending one. Returns the user code.
        """
        return self._decide_device_code(user_code, user, "approve", timeout)

    def deny_device_code(
        self, user_code: str | None = None, *, user: str | None = None, timeout: float = 10.0
    ) -> str:
        """Refuse at the verification page: the client's next poll gets access_denied."""
        return self._decide_device_code(user_code, user, "deny", timeout)

    def _decide_device_code(
        self, user_code: str | None, user: str | None, decision: str, timeout: float
    ) -> str:
        code = user_code or self.wait_for_device_code(timeout)
        page = f"{self.verification_uri}?{urllib.parse.urlencode({'user_code': code})}"
        status, body, _ = _http("GET", page)
        if status != 200:
            raise RuntimeError(f"verification page for {code!r}: HTTP {status}: {body}")
        form = {"user_code": code, "user": user or self.signed_in_user, "decision": decision}
        status, body, _ = _http("POST", self.verification_uri, form)
        if status != 200:
            raise RuntimeError(f"device {decision} for {code!r}: HTTP {status}: {body}")
        return code

    def authorize(
        self,
        authorization_url: str,
        *,
        user: str | None = None,
        approve: bool = True,
        follow: bool = True,
    ) -> AuthorizationResult:
        """Open ``authorization_url`` as the browser would and consent (or refuse).

        The server answers with a 302 to the client's redirect URI; with ``follow``
        that redirect is fetched, so the client's loopback listener receives it.
        """
        headers = {"X-Test-User": user or self.signed_in_user}
        if not approve:
            headers["X-Test-Decision"] = "deny"
        status, body, location = _http("GET", authorization_url, headers=headers)
        if status != 302 or location is None:
            raise RuntimeError(f"authorization endpoint answered HTTP {status}: {body}")
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
        callback_status, callback_body = None, ""
        if follow:
            callback_status, callback_body, _ = _http("GET", location)
        return AuthorizationResult(
            location=location,
            code=query.get("code"),
            state=query.get("state"),
            error=query.get("error"),
            callback_status=callback_status,
            callback_body=callback_body,
        )

    # --- tokens ------------------------------------------------------------------------------

    def mint_access_token(
        self,
        user: str = "alice",
        *,
        scope: str | None = None,
        lifetime: int | None = None,
        typ: str = "JWT",
        **claims: Any,
    ) -> str:
        """An access token as the token endpoint would issue it, without any flow.

        A negative ``lifetime`` gives an expired one; ``typ="at+jwt"`` one Dovecot
        refuses; extra ``claims`` are added (or override).
        """
        return self._access_token(
            user=user,
            scope=scope if scope is not None else " ".join(self.scopes),
            lifetime=self._store.access_token_lifetime if lifetime is None else lifetime,
            client_id=self.public_client_id,
            typ=typ,
            extra=claims,
        )

    def _access_token(
        self,
        *,
        user: str,
        scope: str,
        lifetime: int,
        client_id: str,
        typ: str = "JWT",
        extra: dict[str, Any] | None = None,
    ) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self._store.issuer,
            "sub": user,
            "scope": scope,
            "iat": now,
            "exp": now + lifetime,
            # "client_id" (RFC 9068), never "azp": Dovecot would then look the key up
            # under that client's folder only.
            "client_id": client_id,
            "jti": uuid.uuid4().hex,
        }
        claims.update(extra or {})
        return encode_hs256(claims, self._store.secret, typ=typ)

    def _generate_token(
        self,
        grant_type: str,
        client: _Client,
        user: str | None = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        # Authlib's own JWT generator emits typ "at+jwt", which Dovecot refuses.
        assert user is not None
        lifetime = self._store.access_token_lifetime if expires_in is None else expires_in
        granted = scope or client.default_scope
        token: dict[str, Any] = {
            "token_type": "Bearer",
            "access_token": self._access_token(
                user=user, scope=granted, lifetime=lifetime, client_id=client.client_id
            ),
            "expires_in": lifetime,
            "scope": granted,
        }
        if include_refresh_token:
            token["refresh_token"] = generate_token(48)
        return token

    def _save_token(self, token: dict[str, Any], req: Any) -> None:
        store = self._store
        refresh_lifetime = store.refresh_token_lifetime
        with store.lock:
            store.tokens.append(
                _Token(
                    client_id=req.client.get_client_id(),
                    user=req.user,
                    scope=token["scope"],
                    grant_type=req.payload.grant_type,
                    access_token=token["access_token"],
                    refresh_token=token.get("refresh_token"),
                    issued_at=time.time(),
                    expires_in=token["expires_in"],
                    refresh_expires_at=(
                        None if refresh_lifetime is None else time.time() + refresh_lifetime
                    ),
                )
            )

    @property
    def issued_tokens(self) -> list[IssuedToken]:
        """Every token response so far, oldest first."""
        with self._store.lock:
            return [
                IssuedToken(
                    grant_type=t.grant_type,
                    client_id=t.client_id,
                    user=t.user,
                    scope=t.scope,
                    access_token=t.access_token,
                    refresh_token=t.refresh_token,
                    expires_in=t.expires_in,
                )
                for t in self._store.tokens
            ]

    def refresh_token_state(self, refresh_token: str) -> RefreshTokenState:
        """ "active" (usable), "rotated" (replaced by a refresh), "revoked", "expired",
        or "unknown" (never issued here)."""
        with self._store.lock:
            token = self._store.by_refresh_token(refresh_token)
            if token is None:
                return "unknown"
            _expire_if_due(token)
            return token.refresh_state

    def active_refresh_tokens(self) -> list[str]:
        with self._store.lock:
            return [
                t.refresh_token
                for t in self._store.tokens
                if t.refresh_token is not None and t.refresh_state == "active"
            ]

    def revoke_refresh_token(self, refresh_token: str | None = None) -> int:
        """Revoke one refresh token, or every active one (as a password change or the
        user removing the app's access would); returns how many."""
        return self._end_refresh_tokens(refresh_token, "revoked")

    def expire_refresh_token(self, refresh_token: str | None = None) -> int:
        """Let one refresh token (or every active one) expire now; returns how many."""
        return self._end_refresh_tokens(refresh_token, "expired")

    def _end_refresh_tokens(self, refresh_token: str | None, state: RefreshTokenState) -> int:
        with self._store.lock:
            chosen = [
                t
                for t in self._store.tokens
                if t.refresh_state == "active"
                and t.refresh_token is not None
                and (refresh_token is None or t.refresh_token == refresh_token)
            ]
            if refresh_token is not None and not chosen:
                raise KeyError("no such active refresh token")
            for token in chosen:
                token.refresh_state = state
            return len(chosen)

    # --- observations and faults at the token endpoint ------------------------------------

    @property
    def token_requests(self) -> int:
        """POSTs to the token endpoint so far (device polls included)."""
        with self._store.lock:
            return sum(self._store.token_requests.values())

    @property
    def token_requests_by_grant(self) -> Counter[str]:
        """Token endpoint requests per ``grant_type`` (a copy)."""
        with self._store.lock:
            return Counter(self._store.token_requests)

    def fail_next_token_request(
        self,
        error: str = "invalid_grant",
        description: str | None = None,
        *,
        status: int = 400,
        n: int = 1,
    ) -> None:
        """Answer the next ``n`` token requests with this error instead of Authlib's.

        E.g. ``("invalid_grant", "AADSTS70008: The refresh token has expired due to
        inactivity.")`` like Microsoft, or ``("temporarily_unavailable", status=503)``.
        """
        body = {"error": error}
        if description is not None:
            body["error_description"] = description
        with self._store.lock:
            self._store.token_failures.extend([(status, body)] * n)

    def answer_next_request(
        self,
        path: str,
        chunks: Iterable[bytes],
        *,
        status: int = 200,
        pause: float = 0.0,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next request to ``path`` ("/token", "/device_authorization") with
        these bytes as a JSON body, ``pause`` seconds before each chunk: a trickle, an
        endless or huge answer, JSON of the wrong shape or a redirect (``headers``), as a
        hostile server sends."""
        with self._store.lock:
            self._store.raw_answers.setdefault(path, deque()).append(
                (status, chunks, pause, dict(headers or {}))
            )

    def _raw_answer(self, path: str) -> Response | None:
        with self._store.lock:
            queue = self._store.raw_answers.get(path)
            answer = queue.popleft() if queue else None
        if answer is None:
            return None
        status, chunks, pause, headers = answer

        def trickle() -> Iterator[bytes]:
            for chunk in chunks:
                if pause:
                    time.sleep(pause)
                yield chunk

        return Response(trickle(), status=status, mimetype="application/json", headers=headers)

    # --- the Flask app -----------------------------------------------------------------------

    def _make_app(self) -> Flask:
        app = Flask(f"oauth-server-{id(self)}")
        store = self._store
        server = AuthorizationServer(
            app, query_client=store.clients.get, save_token=self._save_token
        )
        server.store = store
        server.scopes_supported = list(self.scopes)
        server.register_token_generator("default", self._generate_token)
        server.register_grant(_AuthorizationCodeGrant, [_PkceS256(required=True)])
        server.register_grant(_RefreshTokenGrant)
        server.register_grant(_DeviceCodeGrant)
        # Authlib reads the lifetime and interval from the endpoint; set them on this
        # server's instance rather than on the class every server shares.
        device_endpoint = _DeviceAuthorizationEndpoint(server)
        device_endpoint.EXPIRES_IN = store.device_code_lifetime
        device_endpoint.INTERVAL = store.device_poll_interval
        server.register_endpoint(device_endpoint)
        server.register_endpoint(_RevocationEndpoint)

        @app.get("/.well-known/oauth-authorization-server")
        def metadata() -> Response:
            base = store.base_url
            return Response(
                json.dumps(
                    {
                        "issuer": store.issuer,
                        "authorization_endpoint": f"{base}/authorize",
                        "token_endpoint": f"{base}/token",
                        "device_authorization_endpoint": f"{base}/device_authorization",
                        "revocation_endpoint": f"{base}/revoke",
                        "scopes_supported": list(self.scopes),
                        "response_types_supported": ["code"],
                        "grant_types_supported": [
                            "authorization_code",
                            "refresh_token",
                            DEVICE_CODE_GRANT,
                        ],
                        "code_challenge_methods_supported": ["S256"],
                        "token_endpoint_auth_methods_supported": [
                            "none",
                            "client_secret_basic",
                            "client_secret_post",
                        ],
                    }
                ),
                mimetype="application/json",
            )

        @app.get("/authorize")
        def authorize() -> Any:
            # No login page: the "browser" is already signed in as X-Test-User (or the
            # server's signed_in_user) and consents unless X-Test-Decision says deny.
            user = request.headers.get("X-Test-User") or store.signed_in_user
            approve = request.headers.get("X-Test-Decision", "approve") != "deny"
            try:
                grant = server.get_consent_grant(end_user=user)
            except OAuth2Error as error:
                # Authlib sets redirect_uri on the error only once the client and its
                # redirect URI are known good; otherwise the error is shown, not sent.
                return server.handle_error_response(None, error)
            return server.create_authorization_response(
                grant_user=user if approve else None, grant=grant
            )

        @app.post("/token")
        def token() -> Any:
            with store.lock:
                store.token_requests[request.form.get("grant_type", "")] += 1
                failure = store.token_failures.popleft() if store.token_failures else None
            raw = self._raw_answer("/token")
            if raw is not None:
                return raw
            if failure is not None:
                status, body = failure
                return Response(
                    json.dumps(body),
                    status=status,
                    mimetype="application/json",
                    headers={"Cache-Control": "no-store"},
                )
            return server.create_token_response()

        @app.post("/device_authorization")
        def device_authorization() -> Any:
            raw = self._raw_answer("/device_authorization")
            if raw is not None:
                return raw
            return server.create_endpoint_response(_DeviceAuthorizationEndpoint.ENDPOINT_NAME)

        @app.post("/revoke")
        def revoke() -> Any:
            return server.create_endpoint_response(_RevocationEndpoint.ENDPOINT_NAME)

        @app.get("/device")
        def device_page() -> Any:
            user_code = request.args.get("user_code", "")
            with store.lock:
                known = user_code in store.pending_user_codes()
            if not known:
                return Response("Unknown or expired code.", status=404)
            code = html.escape(user_code)
            return Response(
                "<form method=post><p>Allow feedback-mailer to use your mail?</p>"
                f"<input name=user_code value='{code}'><input name=user>"
                "<button name=decision value=approve>Allow</button>"
                "<button name=decision value=deny>Deny</button></form>",
                mimetype="text/html",
            )

        @app.post("/device")
        def device_decision() -> Any:
            user_code = request.form.get("user_code", "")
            user = request.form.get("user") or store.signed_in_user
            approved = request.form.get("decision") == "approve"
            with store.lock:
                if user_code not in store.pending_user_codes():
                    return Response("Unknown or expired code.", status=404)
                store.device_grants[user_code] = (user, approved)
                store.changed.notify_all()
            return Response("You can close this window." if approved else "Access denied.")

        return app


# --- tiny HTTP client for the helpers (stdlib, no proxies, no automatic redirects) ------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)


def _http(
    method: str,
    url: str,
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, str | None]:
    """(status, body, Location) of one request; never follows a redirect."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=10) as response:
            return response.status, response.read().decode(), response.headers.get("Location")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode(), error.headers.get("Location")


# --- a loopback redirect listener, as a native app runs one (RFC 8252) -----------------


class LoopbackRedirectCatcher:
    """Listens on 127.0.0.1:<ephemeral> for the one redirect of an authorization.

    ``redirect_uri`` is what to register in the request; ``wait()`` returns the full
    callback URL (path and query) once the browser (``OAuthServer.authorize``) came.
    """

    def __init__(self, path: str = "/") -> None:
        self.path = path
        self._received: list[str] = []
        self._event = threading.Event()
        catcher = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                catcher._received.append(self.path)
                catcher._event.set()
                body = b"Signed in. You can close this window."
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = HTTPServer((LOOPBACK, 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": _SHUTDOWN_POLL},
            name="loopback-redirect",
            daemon=True,
        )

    @property
    def redirect_uri(self) -> str:
        return f"http://{LOOPBACK}:{self._server.server_port}{self.path}"

    def wait(self, timeout: float = 10.0) -> str:
        if not self._event.wait(timeout):
            raise TimeoutError("no redirect reached the loopback listener")
        return f"http://{LOOPBACK}:{self._server.server_port}{self._received[0]}"

    def __enter__(self) -> LoopbackRedirectCatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
