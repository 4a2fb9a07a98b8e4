"""SASL with an OAuth2 access token: OAUTHBEARER (RFC 7628) and XOAUTH2.

Both carry `auth=Bearer <token>` for a user. When the server refuses the token it
sends an error challenge (a JSON status); the client must then answer with an
empty response (XOAUTH2) or a single ^A (OAUTHBEARER) to end the exchange, and
never send the token a second time. `Responder` is the callable smtplib and
imaplib ask for each response.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

# Preference order: the standard one when the server offers it.
MECHANISMS = ("OAUTHBEARER", "XOAUTH2")


class BearerToken(NamedTuple):
    """An access token to sign in with, instead of a password.

    `renew` gives a fresh token when the server refused this one (it was taken
    from a cache and may have been revoked meanwhile); None when there is no
    better one to get.
    """

    token: str
    renew: Callable[[], str] | None = None


def choose(offered: Iterable[str]) -> str | None:
    """OAUTHBEARER when the server offers it, else XOAUTH2, else None."""
    names = {name.upper() for name in offered}
    return next((mechanism for mechanism in MECHANISMS if mechanism in names), None)


def initial_response(mechanism: str, user: str, token: str, host: str, port: int) -> str:
    """The client's first message, before base64."""
    if mechanism == "OAUTHBEARER":
        # GS2 header with the authorization identity, then host, port and the token.
        user_field = user.replace("=", "=3D").replace(",", "=2C")
        return f"n,a={user_field},\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01"
    if mechanism == "XOAUTH2":
        return f"user={user}\x01auth=Bearer {token}\x01\x01"
    raise ValueError(f"not an OAuth2 mechanism: {mechanism}")


def error_answer(mechanism: str) -> str:
    """What ends the exchange after an error challenge: never the token again."""
    return "\x01" if mechanism == "OAUTHBEARER" else ""


class Responder:
    """The response callable for one AUTH / AUTHENTICATE exchange.

    The first call gets the initial response; every later call is an error
    challenge (the server refused the token), answered with `error_answer`.
    `error_challenge` keeps the last one (the server's JSON status).
    """

    def __init__(self, mechanism: str, user: str, token: str, host: str, port: int) -> None:
        self.mechanism = mechanism
        self._first: str | None = initial_response(mechanism, user, token, host, port)
        self.error_challenge: bytes | None = None

    def __call__(self, challenge: bytes | None = None) -> str:
        first, self._first = self._first, None
        if first is not None:
            return first
        self.error_challenge = challenge or b""
        return error_answer(self.mechanism)

    def imap(self, challenge: bytes) -> bytes:
        """imaplib's form: it calls with the (decoded) challenge, b"" for the first."""
        return self(challenge).encode("utf-8")
