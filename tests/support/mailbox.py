"""One test's own mailbox on the shared Dovecot: a fresh IMAP user per test,
so tests never see each other's messages. The helpers are Dovecot's own,
logged in as that user (`Dovecot.as_user`)."""

from __future__ import annotations

import uuid

from .dovecot import Dovecot


def new_mailbox(server: Dovecot) -> Dovecot:
    """A view of `server` for a new user with an empty mailbox."""
    return server.as_user(f"u{uuid.uuid4().hex[:10]}", f"pw-{uuid.uuid4().hex[:8]}")
