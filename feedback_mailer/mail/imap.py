"""IMAP: one verified login, and the incremental look at what is new.

Per folder the caller remembers UIDVALIDITY and the highest UID seen, so a
repeat scan asks only for new UIDs: one SELECT, at most one SEARCH, then
header fields of the new messages in batches (BODY.PEEK, so nothing is
marked read), and whole messages only for the few the caller wants. The
number of commands depends on the number of new messages, never on the
number of open requests or old messages. Nothing here reads or writes the
store: the lifecycle decides what a message means.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from feedback_mailer.errors import MailServerError
from feedback_mailer.mail import classify
from feedback_mailer.mail.connection import (
    ImapTranscript,
    connect_failure,
    refuse_plaintext_off_machine,
    tls_context,
)
from feedback_mailer.setup.config import ImapConfig

BATCH = 500
TIMEOUT_SECONDS = 30.0


# --- the connection ---------------------------------------------------------


if TYPE_CHECKING:
    from typing_extensions import Buffer

    _TranscriptBase = imaplib.IMAP4
else:
    _TranscriptBase = object


class _TranscriptMixin(_TranscriptBase):
    transcript: ImapTranscript | None = None

    def send(self, data: Buffer) -> None:
        if self.transcript is not None:
            self.transcript.sent(bytes(data))
        super().send(data)

    def readline(self) -> bytes:
        line: bytes = super().readline()
        if self.transcript is not None:
            self.transcript.received(line)
        return line


class _IMAP(_TranscriptMixin, imaplib.IMAP4):
    pass


class _IMAP_SSL(_TranscriptMixin, imaplib.IMAP4_SSL):
    pass


@dataclass
class ImapStats:
    commands: int = 0
    header_fetches: int = 0  # UIDs whose header fields were fetched
    full_fetches: int = 0  # UIDs fetched whole
    folders: int = 0


class ImapSession:
    """One login; every command is counted so tests and the benchmark can see the cost."""

    def __init__(self, config: ImapConfig, password: str, *, debug: IO[str] | None = None) -> None:
        refuse_plaintext_off_machine("imap", config.security, config.host)
        self.config = config
        self._password = password
        self._debug = debug
        self._imap: imaplib.IMAP4 | None = None
        self.stats = ImapStats()

    def __enter__(self) -> ImapSession:
        self.connect()
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _where(self) -> str:
        return f"{self.config.host}:{self.config.port}"

    def connect(self) -> None:
        if self._imap is not None:
            return
        try:
            self._imap = self._open()
            self._call("login", self.config.username, self._password)
        except OSError as error:
            self.close()
            raise MailServerError(
                connect_failure("imap", self.config.host, self.config.port, error)
            ) from None

    def _open(self) -> imaplib.IMAP4:
        config = self.config
        context = tls_context(config.cafile)
        if config.security == "tls":
            imap: imaplib.IMAP4 = _IMAP_SSL(
                config.host, config.port, ssl_context=context, timeout=TIMEOUT_SECONDS
            )
        else:
            imap = _IMAP(config.host, config.port, timeout=TIMEOUT_SECONDS)
        if self._debug is not None and isinstance(imap, _TranscriptMixin):
            imap.transcript = ImapTranscript(self._debug)
        if config.security == "starttls":
            if "STARTTLS" not in imap.capabilities:
                imap.shutdown()
                raise MailServerError(
                    f"{self._where()} does not offer STARTTLS, so the password would travel "
                    'unencrypted: use imap.security = "tls" (usually port 993).'
                )
            self.stats.commands += 1
            imap.starttls(ssl_context=context)
        return imap

    def close(self) -> None:
        if self._imap is None:
            return
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            self._imap.logout()
        self._imap = None

    def _connected(self) -> imaplib.IMAP4:
        if self._imap is None:
            raise MailServerError(f"Not connected to {self._where()}.")
        return self._imap

    def _call(self, name: str, *args: Any) -> list[Any]:
        """Run one IMAP command; a NO/BAD answer or a broken link becomes one sentence."""
        imap = self._connected()
        self.stats.commands += 1
        try:
            status, data = getattr(imap, name)(*args)
        except imaplib.IMAP4.abort as error:
            raise MailServerError(
                f"The IMAP connection to {self._where()} broke ({error})."
            ) from None
        except imaplib.IMAP4.error as error:
            text = str(error)
            if name == "login":
                raise MailServerError(
                    f"{self.config.host} refused the IMAP login for {self.config.username} "
                    f"({text}): store the right password with `feedback-mailer auth set imap`."
                ) from None
            raise MailServerError(f"{self.config.host} refused {name.upper()}: {text}.") from None
        if status != "OK":
            raise MailServerError(
                f"{self.config.host} answered {status} to {name.upper()}: {_text(data)}."
            )
        return list(data)

    def _uid(self, command: str, *args: Any) -> list[Any]:
        return self._call("uid", command, *args)

    # --- folders ------------------------------------------------------------

    def select(self, folder: str) -> tuple[int, int]:
        """Open `folder` read-only; returns (UIDVALIDITY, UIDNEXT)."""
        try:
            self._call("select", _quote(folder), True)
        except MailServerError:
            raise MailServerError(
                f"The folder {folder!r} cannot be opened on {self.config.host}: check "
                "imap.folders and imap.sent_folder (`feedback-mailer doctor` lists the folders)."
            ) from None
        self.stats.folders += 1
        imap = self._connected()
        validity = _int_response(imap.response("UIDVALIDITY")[1])
        uidnext = _int_response(imap.response("UIDNEXT")[1])
        return validity, uidnext

    def search(self, *criteria: str) -> list[int]:
        data = self._uid("SEARCH", *criteria)
        return sorted(int(uid) for chunk in data if chunk for uid in chunk.split())

    def fetch_headers(self, uids: Sequence[int]) -> dict[int, bytes]:
        fields = " ".join(classify.HEADER_FIELDS)
        found = self._fetch(uids, f"(UID BODY.PEEK[HEADER.FIELDS ({fields})])")
        self.stats.header_fetches += len(found)
        return found

    def fetch_full(self, uids: Sequence[int]) -> dict[int, bytes]:
        found = self._fetch(uids, "(UID BODY.PEEK[])")
        self.stats.full_fetches += len(found)
        return found

    def _fetch(self, uids: Sequence[int], items: str) -> dict[int, bytes]:
        found: dict[int, bytes] = {}
        for batch in _batches(sorted(uids), BATCH):
            for part in self._uid("FETCH", _uid_set(batch), items):
                if isinstance(part, tuple) and len(part) == 2:
                    match = re.search(rb"UID (\d+)", part[0])
                    if match:
                        found[int(match.group(1))] = part[1]
        return found

    def append(self, folder: str, raw: bytes, when: datetime) -> None:
        date = imaplib.Time2Internaldate(when.timestamp())
        self._call("append", _quote(folder), r"(\Seen)", date, raw)


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(data: Iterable[Any]) -> str:
    return " ".join(
        part.decode("utf-8", "replace") if isinstance(part, bytes) else str(part)
        for part in data
        if part
    )


def _int_response(data: Sequence[Any] | None) -> int:
    if not data or data[0] is None:
        return 0
    return int(data[0])


def _batches(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _uid_set(uids: Sequence[int]) -> str:
    """Compress sorted UIDs into ranges: 1,2,3,7 → 1:3,7."""
    ranges: list[str] = []
    start = previous = uids[0]
    for uid in uids[1:]:
        if uid == previous + 1:
            previous = uid
            continue
        ranges.append(f"{start}:{previous}" if start != previous else str(start))
        start = previous = uid
    ranges.append(f"{start}:{previous}" if start != previous else str(start))
    return ",".join(ranges)


# --- what is new in a folder ---------------------------------------------------


class Position(NamedTuple):
    """How far a folder has been read: its UIDVALIDITY and the highest UID seen."""

    uidvalidity: int
    last_uid: int


class NewMail(NamedTuple):
    """The UIDs that arrived since `position` was saved, and where reading now stands."""

    uids: list[int]
    before: Position  # where reading stood before these UIDs

    @property
    def after(self) -> Position:
        return Position(self.before.uidvalidity, max([self.before.last_uid, *self.uids]))


def new_mail(
    session: ImapSession, folder: str, previous: Position | None, since: datetime | None
) -> NewMail:
    """New UIDs in `folder` since `previous`; after a first look or a UIDVALIDITY change,
    every message since `since` (None: nothing to look for, only the position)."""
    validity, uidnext = session.select(folder)
    if previous is not None and previous.uidvalidity == validity:
        if uidnext and uidnext <= previous.last_uid + 1:
            return NewMail([], previous)  # nothing new: no SEARCH at all
        uids = session.search("UID", f"{previous.last_uid + 1}:*")
        return NewMail([uid for uid in uids if uid > previous.last_uid], previous)
    # First scan, or the server renumbered the folder: look again at everything
    # since `since` (SEARCH SINCE has day granularity, so one day earlier).
    uids = []
    if since is not None:
        uids = session.search("SINCE", (since - timedelta(days=1)).strftime("%d-%b-%Y"))
    # Older messages predate every open request: mark them seen without fetching.
    return NewMail(uids, Position(validity, max(uidnext - 1, 0)))
