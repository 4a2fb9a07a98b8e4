"""TLS for SMTP and IMAP alike: verification always on."""

from __future__ import annotations

import ssl


def tls_context(cafile: str) -> ssl.SSLContext:
    """Certificate and host name verification always on; `cafile` adds a private CA."""
    context = ssl.create_default_context()
    if cafile:
        context.load_verify_locations(cafile=cafile)
    return context
