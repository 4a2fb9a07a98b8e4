"""HS256 JWT access tokens and the SASL messages that carry them (XOAUTH2, OAUTHBEARER).

Standard library only, so the SMTP server and Dovecot helpers can use it without
pulling in the authorization server's web stack. The token shape is what Dovecot's
``passdb oauth2`` with local validation accepts (see /work/shared/testing.md,
"OAuth2 sign-in"): header ``typ`` exactly ``JWT`` (not RFC 9068's ``at+jwt``), claims
``sub``, ``exp``, ``scope`` and ``iss``, and no ``azp`` (Dovecot would then look the key
up under that client's folder only).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_ISSUER",
    "IMAP_SCOPE",
    "SMTP_SCOPE",
    "InvalidToken",
    "SaslOAuth",
    "TokenPolicy",
    "decode_hs256",
    "encode_hs256",
    "oauthbearer_message",
    "parse_sasl_oauth",
    "xoauth2_message",
]

# Fixed rather than the server's URL: the session's Dovecot is configured with the
# issuer before any (per-test, ephemeral-port) authorization server exists.
DEFAULT_ISSUER = "https://login.feedback-mailer.test/"
IMAP_SCOPE = "imap"
SMTP_SCOPE = "smtp"


class InvalidToken(Exception):
    """The token is malformed, badly signed, expired or lacks what is required."""


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_hs256(
    claims: Mapping[str, Any], secret: bytes, *, typ: str = "JWT", kid: str | None = None
) -> str:
    """A compact JWS over ``claims``; ``typ`` is settable to test refusals."""
    header: dict[str, str] = {"alg": "HS256", "typ": typ}
    if kid is not None:
        header["kid"] = kid
    signing_input = ".".join(
        _b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
    )
    signature = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64url(signature)}"


def decode_hs256(
    token: str,
    secret: bytes,
    *,
    issuer: str | None = None,
    scope: str | None = None,
    now: float | None = None,
) -> dict[str, Any]:
    """The claims of a valid token; ``InvalidToken`` with the reason otherwise.

    Checks what Dovecot checks: signature, ``typ`` = ``JWT``, ``sub`` and ``exp``
    present, not expired, and (when given) the issuer and a required scope.
    """
    try:
        header_part, claims_part, signature_part = token.split(".")
        header = json.loads(_b64url_decode(header_part))
        claims = json.loads(_b64url_decode(claims_part))
        signature = _b64url_decode(signature_part)
    except (ValueError, binascii.Error) as error:
        raise InvalidToken(f"not a JWT: {error}") from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise InvalidToken("not a JWT: header or claims are not objects")
    if header.get("alg") != "HS256" or header.get("typ") != "JWT":
        raise InvalidToken(f"unsupported header {header!r}")
    expected = hmac.new(
        secret, f"{header_part}.{claims_part}".encode("ascii"), hashlib.sha256
    ).digest()
    if not hmac.compare_digest(signature, expected):
        raise InvalidToken("bad signature")
    if not isinstance(claims.get("sub"), str) or not isinstance(claims.get("exp"), int | float):
        raise InvalidToken("sub and exp are required")
    if claims["exp"] <= (time.time() if now is None else now):
        raise InvalidToken("expired")
    if issuer is not None and claims.get("iss") != issuer:
        raise InvalidToken(f"issuer {claims.get('iss')!r} is not {issuer!r}")
    if scope is not None and scope not in str(claims.get("scope", "")).split():
        raise InvalidToken(f"scope {scope!r} not granted")
    return claims


@dataclass(frozen=True)
class TokenPolicy:
    """What a resource server (Dovecot, the SMTP server) accepts.

    ``scope`` is the one scope a token must carry (None: any); ``issuer`` likewise.
    """

    secret: bytes
    issuer: str | None = DEFAULT_ISSUER
    scope: str | None = None

    def check(self, token: str) -> dict[str, Any]:
        return decode_hs256(token, self.secret, issuer=self.issuer, scope=self.scope)


# --- SASL messages (RFC 7628 OAUTHBEARER; Google's/Microsoft's XOAUTH2) ---------------


def xoauth2_message(user: str, token: str) -> str:
    """The XOAUTH2 initial client response, before base64."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def oauthbearer_message(user: str, token: str, host: str = "", port: int | None = None) -> str:
    """The OAUTHBEARER (RFC 7628) initial client response, before base64."""
    fields = [f"auth=Bearer {token}"]
    if host:
        fields.insert(0, f"host={host}")
        if port is not None:
            fields.insert(1, f"port={port}")
    return f"n,a={user},\x01" + "\x01".join(fields) + "\x01\x01"


@dataclass(frozen=True)
class SaslOAuth:
    """User and bearer token out of an XOAUTH2 or OAUTHBEARER client response."""

    user: str
    token: str


def parse_sasl_oauth(mechanism: str, message: bytes) -> SaslOAuth:
    """Parse a client response; ``ValueError`` when it is malformed."""
    text = message.decode("utf-8")
    if mechanism == "OAUTHBEARER":
        gs2_header, sep, rest = text.partition("\x01")
        parts = gs2_header.split(",")
        if not sep or len(parts) < 3 or parts[0] not in ("n", "y"):
            raise ValueError("bad GS2 header")
        authzid = parts[1]
        user = authzid[2:] if authzid.startswith("a=") else ""
    elif mechanism == "XOAUTH2":
        rest, user = text, ""
    else:
        raise ValueError(f"unknown mechanism {mechanism}")
    pairs = dict(field.split("=", 1) for field in rest.split("\x01") if field and "=" in field)
    user = pairs.get("user", user)
    scheme, _, token = pairs.get("auth", "").partition(" ")
    if scheme.lower() != "bearer" or not token or not user:
        raise ValueError("no user or no bearer token")
    return SaslOAuth(user=user, token=token.strip())
