"""pytest fixtures around the real test servers.

Load them with ``pytest_plugins = ["support.fixtures"]`` or, in tests/conftest.py,
``from support.fixtures import *`` (``__all__`` lists exactly the fixtures).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from .certs import TlsMaterial, make_tls_material
from .dovecot import Dovecot
from .mailbox import new_mailbox
from .oauth_tokens import DEFAULT_ISSUER, IMAP_SCOPE, SMTP_SCOPE, TokenPolicy
from .smtp_server import SmtpServer

if TYPE_CHECKING:
    from .oauth_server import OAuthServer

__all__ = [
    "dovecot",
    "mailbox",
    "oauth_dovecot",
    "oauth_server",
    "oauth_signing_key",
    "oauth_smtp_server",
    "smtp_server",
    "smtps_server",
    "tls_material",
]


@pytest.fixture(scope="session")
def tls_material(tmp_path_factory: pytest.TempPathFactory) -> TlsMaterial:
    """CA + server certificate for localhost/127.0.0.1/::1; trust ``ca_pem``."""
    return make_tls_material(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """One private Dovecot for the session: stopping it takes ~2.5 s.

    Tests share it, so each should use its own Message-IDs or folders.
    """
    with Dovecot() as server:
        yield server


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Dovecot:
    """This test's own user on the shared Dovecot, with an empty mailbox."""
    return new_mailbox(dovecot)


@pytest.fixture
def smtp_server(tls_material: TlsMaterial) -> Iterator[SmtpServer]:
    """STARTTLS required, AUTH required (alice / s3cret); fresh per test."""
    with SmtpServer(tls_material, mode="starttls") as server:
        yield server


@pytest.fixture
def smtps_server(tls_material: TlsMaterial) -> Iterator[SmtpServer]:
    """Implicit TLS, AUTH required (alice / s3cret); fresh per test."""
    with SmtpServer(tls_material, mode="tls") as server:
        yield server


# --- OAuth2: one signing key per session, shared by the authorization server (which
# signs) and by Dovecot and the SMTP server (which check), as a provider's are.


@pytest.fixture(scope="session")
def oauth_signing_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def oauth_server(oauth_signing_key: bytes) -> Iterator[OAuthServer]:
    """A fresh authorization server per test (device code, PKCE, rotating refresh,
    revocation); its access tokens work at ``oauth_dovecot`` and ``oauth_smtp_server``.
    """
    # Imported here: Flask and Authlib cost ~0.2 s, which tests without OAuth skip.
    from .oauth_server import OAuthServer

    with OAuthServer(signing_key=oauth_signing_key) as server:
        yield server


@pytest.fixture(scope="session")
def oauth_dovecot(oauth_signing_key: bytes) -> Iterator[Dovecot]:
    """A second session Dovecot that also takes XOAUTH2/OAUTHBEARER (scope "imap").

    Separate from ``dovecot`` so that one keeps offering exactly PLAIN and LOGIN.
    """
    policy = TokenPolicy(secret=oauth_signing_key, issuer=DEFAULT_ISSUER, scope=IMAP_SCOPE)
    with Dovecot(oauth2=policy) as server:
        yield server


@pytest.fixture
def oauth_smtp_server(tls_material: TlsMaterial, oauth_signing_key: bytes) -> Iterator[SmtpServer]:
    """STARTTLS, AUTH required: PLAIN/LOGIN (alice / s3cret) and XOAUTH2/OAUTHBEARER
    (scope "smtp"), answering bad tokens like Gmail; fresh per test."""
    policy = TokenPolicy(secret=oauth_signing_key, issuer=DEFAULT_ISSUER, scope=SMTP_SCOPE)
    with SmtpServer(tls_material, mode="starttls", oauth=policy) as server:
        yield server
