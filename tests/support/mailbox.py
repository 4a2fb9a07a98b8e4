"""One test's own mailbox on the shared Dovecot: a fresh IMAP user per test,
so tests never see each other's messages."""

from __future__ import annotations

import contextlib
import imaplib
import re
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from .dovecot import DOVEADM_BINARY, Dovecot, quote

_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]")


@dataclass
class Mailbox:
    server: Dovecot
    user: str
    password: str

    @classmethod
    def create(cls, server: Dovecot) -> Mailbox:
        user = f"u{uuid.uuid4().hex[:10]}"
        password = f"pw-{uuid.uuid4().hex[:8]}"
        server.add_user(user, password)
        return cls(server, user, password)

    @contextlib.contextmanager
    def connect(self) -> Iterator[imaplib.IMAP4_SSL]:
        imap = imaplib.IMAP4_SSL(
            self.server.host,
            self.server.imaps_port,
            ssl_context=self.server.client_context(),
            timeout=10,
        )
        try:
            imap.login(self.user, self.password)
            yield imap
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                imap.logout()

    def append(self, folder: str, raw: bytes, flags: str | None = None) -> int:
        with self.connect() as imap:
            typ, data = imap.append(quote(folder), flags, None, raw)
        assert typ == "OK", data
        match = _APPENDUID.search(b" ".join(d for d in data if isinstance(d, bytes)))
        assert match is not None, data
        return int(match.group(2))

    def messages(self, folder: str) -> list[tuple[bytes, set[str]]]:
        """(raw, flags) of every message, read-only."""
        with self.connect() as imap:
            typ, _ = imap.select(quote(folder), readonly=True)
            assert typ == "OK"
            typ, data = imap.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[])")
        found = []
        for item in data:
            if isinstance(item, tuple):
                flags = re.search(rb"FLAGS \(([^)]*)\)", item[0])
                found.append((item[1], set((flags.group(1) if flags else b"").decode().split())))
        return found

    def uidvalidity(self, folder: str) -> int:
        with self.connect() as imap:
            typ, data = imap.status(quote(folder), "(UIDVALIDITY)")
        match = re.search(rb"UIDVALIDITY (\d+)", data[0] if isinstance(data[0], bytes) else b"")
        assert typ == "OK" and match is not None, data
        return int(match.group(1))

    def reset_uidvalidity(self, folder: str) -> int:
        before = self.uidvalidity(folder)
        subprocess.run(
            [
                str(DOVEADM_BINARY),
                "-c",
                str(self.server.config_path),
                "mailbox",
                "update",
                "-u",
                self.user,
                "--uid-validity",
                str(before + 1),
                folder,
            ],
            check=True,
            capture_output=True,
            timeout=10,
        )
        after = self.uidvalidity(folder)
        assert after != before
        return after
