"""pytest fixtures around the real test servers.

Load them with ``pytest_plugins = ["support.fixtures"]`` or, in tests/conftest.py,
``from support.fixtures import *`` (``__all__`` lists exactly the fixtures).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .certs import TlsMaterial, make_tls_material
from .dovecot import Dovecot
from .smtp_server import SmtpServer

__all__ = ["dovecot", "smtp_server", "smtps_server", "tls_material"]


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
def smtp_server(tls_material: TlsMaterial) -> Iterator[SmtpServer]:
    """STARTTLS required, AUTH required (alice / s3cret); fresh per test."""
    with SmtpServer(tls_material, mode="starttls") as server:
        yield server


@pytest.fixture
def smtps_server(tls_material: TlsMaterial) -> Iterator[SmtpServer]:
    """Implicit TLS, AUTH required (alice / s3cret); fresh per test."""
    with SmtpServer(tls_material, mode="tls") as server:
        yield server
