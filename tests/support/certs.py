"""TLS material made at test time: a private CA and a server certificate it signs.

The client side verifies with ``ssl.create_default_context(cafile=ca_pem)``, so the
certificates carry the extensions Python's (and OpenSSL's) strict X509 checks want:
basicConstraints, keyUsage, extendedKeyUsage, subject/authority key identifiers.
ECDSA P-256 keys keep generation to a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["CertificateAuthority", "TlsMaterial", "make_ca", "make_tls_material"]

DEFAULT_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CertificateAuthority:
    """A CA that can sign several leaves (e.g. a good and a wrong-host one)."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class TlsMaterial:
    """Paths of the PEM files; ``ca_pem`` is what a client should trust."""

    ca_pem: Path
    cert_pem: Path
    key_pem: Path
    hosts: tuple[str, ...]

    def server_context(self) -> ssl.SSLContext:
        """Context for a TLS server presenting this certificate (no client certs)."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_pem, self.key_pem)
        return context

    def client_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts only ``ca_pem``."""
        return ssl.create_default_context(cafile=str(self.ca_pem))


def make_ca(common_name: str = "feedback-mailer test CA") -> CertificateAuthority:
    """A self-signed CA valid from yesterday for a year."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - 60 * _ONE_DAY)
        .not_valid_after(now + 365 * _ONE_DAY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return CertificateAuthority(certificate=certificate, key=key)


def make_tls_material(
    directory: Path,
    *,
    hosts: Iterable[str] = DEFAULT_HOSTS,
    expired: bool = False,
    ca_trusted: bool = True,
    ca: CertificateAuthority | None = None,
) -> TlsMaterial:
    """Write ``ca.pem``, ``cert.pem`` and ``key.pem`` into ``directory``.

    ``hosts``: DNS names and IP addresses for the subjectAltName; pass e.g.
    ``("wrong.example",)`` for a certificate a client must refuse for 127.0.0.1.
    ``expired``: the leaf's validity ended yesterday.
    ``ca_trusted=False``: the leaf is signed by a different, unwritten CA, so a
    client trusting ``ca_pem`` must refuse it (unknown issuer).
    ``ca``: reuse an existing CA, so one ``ca_pem`` verifies several leaves.
    """
    hosts = tuple(hosts)
    directory.mkdir(parents=True, exist_ok=True)
    trusted_ca = ca or make_ca()
    signing_ca = trusted_ca if ca_trusted else make_ca("untrusted rogue CA")
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = _sign_leaf(signing_ca, leaf_key, hosts, expired=expired)

    material = TlsMaterial(
        ca_pem=directory / "ca.pem",
        cert_pem=directory / "cert.pem",
        key_pem=directory / "key.pem",
        hosts=hosts,
    )
    material.ca_pem.write_bytes(trusted_ca.pem)
    material.cert_pem.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    material.key_pem.write_bytes(_private_pem(leaf_key))
    material.key_pem.chmod(0o600)
    return material


def _sign_leaf(
    ca: CertificateAuthority,
    key: ec.EllipticCurvePrivateKey,
    hosts: tuple[str, ...],
    *,
    expired: bool,
) -> x509.Certificate:
    now = _now()
    if expired:
        not_before, not_after = now - 30 * _ONE_DAY, now - _ONE_DAY
    else:
        # Wide enough for end-to-end tests that fake the clock weeks ahead (faketime).
        not_before, not_after = now - 60 * _ONE_DAY, now + 120 * _ONE_DAY
    ca_ski = ca.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName(_san_entries(hosts)), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski.value),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )


def _san_entries(hosts: tuple[str, ...]) -> list[x509.GeneralName]:
    entries: list[x509.GeneralName] = []
    for host in hosts:
        try:
            entries.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            entries.append(x509.DNSName(host))
    return entries


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    # A leaf signs the handshake (ECDHE); a CA signs certificates and CRLs.
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _private_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
