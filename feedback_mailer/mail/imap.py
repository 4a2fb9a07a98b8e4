"""IMAP: one verified login, and the incremental look at what is new.

Per folder the caller remembers UIDVALIDITY and the highest UID seen, so a
repeat scan asks only for new UIDs: one SELECT, at most one SEARCH, then
header fields of the new messages in batches (BODY.PEEK, so nothing is
marked read), and whole messages only for the few the caller wants. The
number of commands depends on the number of new messages, never on the
number of open requests or old messages. Nothing here reads or writes the
store: the lifecycle decides what a message means.

A server is not trusted either: the whole session has a deadline, every read
is bounded (line length, literal size, bytes and lines per answer), numbers
are checked before use, and every failure is one MailServerError sentence
with the server's words made printable.
"""

from __future__ import annotations

import ast
import contextlib
import imaplib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from feedback_mailer.base.errors import CredentialError, MailServerError
from feedback_mailer.mail import classify, sasl
from feedback_mailer.mail.connection import (
    BoundedReader,
    Deadline,
    DeadlineExceeded,
    Endpoint,
    ImapTranscript,
    ReadLimitExceeded,
    connect_failure,
    conversation_failure,
    refuse_plaintext_off_machine,
    shown,
    tls_context,
)
from feedback_mailer.mail.refusals import password_login_off

BATCH = 500  # UIDs per FETCH of header fields
TIMEOUT_SECONDS = 30.0  # the longest wait for any single read
# The whole session, from connecting to logging out: `check`, and `run` before its
# SMTP session, stay well inside the scheduler's 10 minutes whatever the server does.
DEADLINE_SECONDS = 240.0
CLOSE_SECONDS = 5.0  # LOGOUT: saying goodbye is not worth waiting for
# Caps on what one answer may hold. A line is an IMAP line without its literals
# (a SEARCH answer of 100,000 UIDs is under 1 MB).
MAX_LINE_BYTES = 2 << 20
# Whole messages are fetched up to this size; bigger ones are cut there and listed
# in ImapStats.oversized. A literal announced as bigger is refused unread.
MAX_MESSAGE_BYTES = 25 << 20
MAX_LITERAL_BYTES = MAX_MESSAGE_BYTES
FULL_BATCH = 2  # whole messages per FETCH, so one answer stays under MAX_ANSWER_BYTES
# Header fields read per message: far more than any real header holds, and it
# keeps a batch of BATCH messages under MAX_ANSWER_BYTES.
HEADER_BYTES = 64 << 10
MAX_ANSWER_BYTES = 64 << 20
MAX_ANSWER_LINES = 100_000
MAX_UID = 2**32 - 1  # RFC 3501: UIDs, UIDVALIDITY and UIDNEXT are non-zero 32-bit numbers


# --- the connection ---------------------------------------------------------


if TYPE_CHECKING:
    from typing_extensions import Buffer

    _TranscriptBase = imaplib.IMAP4
else:
    _TranscriptBase = object


class _TranscriptMixin(_TranscriptBase):
    """imaplib with every read bounded and, when `--debug` is on, transcribed.

    imaplib reads through a buffered file with a 1 MB line limit, no overall
    deadline and no cap on a literal's announced size (it allocates it before
    reading); these per-instance overrides of `readline`, `read` and `send`
    put every read through a BoundedReader instead.
    """

    transcript: ImapTranscript | None = None
    reader: BoundedReader
    answer_lines = 0

    def __init__(
        self, *args: Any, reader: BoundedReader, transcript: ImapTranscript | None, **kw: Any
    ) -> None:
        # Set before imaplib's constructor reads the greeting through them.
        self.reader = reader
        self.transcript = transcript
        reader.expect(MAX_ANSWER_BYTES)
        super().__init__(*args, **kw)

    def send(self, data: Buffer) -> None:
        if self.transcript is not None:
            self.transcript.sent(bytes(data))
        # Each command starts a new answer with its own byte and line budget.
        self.reader.expect(MAX_ANSWER_BYTES)
        self.answer_lines = 0
        self.reader.deadline.arm(self.sock)
        super().send(data)

    def readline(self) -> bytes:
        self.answer_lines += 1
        if self.answer_lines > MAX_ANSWER_LINES:
            raise ReadLimitExceeded(f"sent more than {MAX_ANSWER_LINES} lines in one answer")
        line = self.reader.readline(self.sock, MAX_LINE_BYTES)
        if self.transcript is not None:
            self.transcript.received(line)
        return line

    def read(self, size: int) -> bytes:
        if size > MAX_LITERAL_BYTES:
            raise ReadLimitExceeded(
                f"announced a literal of {size} bytes (at most {MAX_LITERAL_BYTES} are read)"
            )
        data = self.reader.read(self.sock, size)
        if self.transcript is not None:
            self.transcript.server(f"<{len(data)} bytes of literal data>")
        return data


class _IMAP(_TranscriptMixin, imaplib.IMAP4):
    pass


class _IMAP_SSL(_TranscriptMixin, imaplib.IMAP4_SSL):
    pass


class _Refused(MailServerError):
    """The server answered NO or BAD: the link itself is fine."""

    def __init__(self, message: str, words: str) -> None:
        super().__init__(message)
        self.words = words


@dataclass
class ImapStats:
    commands: int = 0
    header_fetches: int = 0  # UIDs whose header fields were fetched
    full_fetches: int = 0  # UIDs fetched whole
    folders: int = 0
    # UIDs fetched only up to MAX_MESSAGE_BYTES: bigger than that, maybe cut.
    oversized: list[int] = field(default_factory=list)


class ImapSession:
    """One login; every command is counted so tests and the benchmark can see the cost.

    `deadline` seconds bound the whole session from the moment it connects;
    `timeout` bounds any single wait for the server.
    """

    def __init__(
        self,
        config: Endpoint,
        password: str | sasl.BearerToken,
        *,
        debug: IO[str] | None = None,
        deadline: float = DEADLINE_SECONDS,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        refuse_plaintext_off_machine("imap", config.security, config.host)
        self.config = config
        self._password = password
        self._debug = debug
        self._deadline_seconds = deadline
        self._timeout = timeout
        self._deadline: Deadline | None = None
        self._imap: imaplib.IMAP4 | None = None
        self.stats = ImapStats()
        self.mechanism: str | None = None  # how the login went: "password" or a SASL name
        # When the server says each fetched message arrived (INTERNALDATE), by UID of the
        # folder last fetched from: what a missing or absurd Date header falls back to.
        self.arrived: dict[int, datetime] = {}

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
        if self._deadline is None:
            self._deadline = Deadline(self._deadline_seconds, self._timeout)
        try:
            self._imap = self._open(self._deadline)
        except OSError as error:
            raise MailServerError(
                connect_failure("imap", self.config.host, self.config.port, error)
            ) from None
        except (imaplib.IMAP4.error, ValueError, MemoryError) as error:
            # A greeting that is not IMAP, or a refused STARTTLS.
            raise MailServerError(
                f"{self._where()} did not answer as an IMAP server does ({_words(error)}): "
                "check imap.host, imap.port and imap.security."
            ) from None
        try:
            self._log_in()
        except (MailServerError, CredentialError):
            self.close()
            raise

    def _log_in(self) -> None:
        if not isinstance(self._password, sasl.BearerToken):
            self._call("login", self.config.username, self._password)
            self.mechanism = "password"
            return
        config = self.config
        offered = [
            capability[5:]
            for capability in self._connected().capabilities
            if capability.upper().startswith("AUTH=")
        ]
        mechanism = sasl.choose(offered)
        if mechanism is None:
            raise MailServerError(
                f"{self._where()} does not offer OAuth2 sign-in (XOAUTH2 or OAUTHBEARER; it "
                f"offers {shown(' '.join(offered), 80) or 'no AUTHENTICATE'}): check imap.host, "
                'or set imap.auth = "password".'
            )
        token, renew = self._password.token, self._password.renew
        while True:
            responder = sasl.Responder(mechanism, config.username, token, config.host, config.port)
            try:
                self._call("authenticate", mechanism, responder.imap)
            except _Refused as refused:
                if renew is None:
                    raise MailServerError(
                        f"{config.host} refused the OAuth2 sign-in for {config.username} "
                        f"({refused.words}): check that imap.username is the account you signed "
                        'in as and that the app may read mail (README, "Signing in with OAuth2"), '
                        "or sign in again with `feedback-mailer auth login`."
                    ) from None
                token, renew = renew(), None
                continue
            self.mechanism = mechanism
            return

    def _open(self, deadline: Deadline) -> imaplib.IMAP4:
        config = self.config
        context = tls_context(config.cafile)
        reader = BoundedReader(deadline)
        transcript = ImapTranscript(self._debug) if self._debug is not None else None
        if config.security == "tls":
            imap: imaplib.IMAP4 = _IMAP_SSL(
                config.host,
                config.port,
                ssl_context=context,
                timeout=deadline.timeout(),
                reader=reader,
                transcript=transcript,
            )
        else:
            imap = _IMAP(
                config.host,
                config.port,
                timeout=deadline.timeout(),
                reader=reader,
                transcript=transcript,
            )
        if config.security == "starttls":
            if "STARTTLS" not in imap.capabilities:
                imap.shutdown()
                raise MailServerError(
                    f"{self._where()} does not offer STARTTLS, so the password would travel "
                    'unencrypted: use imap.security = "tls" (usually port 993).'
                )
            self.stats.commands += 1
            try:
                imap.starttls(ssl_context=context)
            except BaseException:
                with contextlib.suppress(OSError):
                    imap.shutdown()
                raise
        return imap

    def close(self) -> None:
        imap, self._imap = self._imap, None
        if imap is None:
            return
        if self._deadline is not None:
            self._deadline.shorten(CLOSE_SECONDS)
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError, ValueError, MemoryError):
            # logout() closes the socket only when the server answered.
            with contextlib.suppress(OSError):
                imap.shutdown()

    def _abandon(self) -> None:
        """Drop a connection that can no longer be trusted to be in step with us."""
        imap, self._imap = self._imap, None
        if imap is not None:
            with contextlib.suppress(OSError):
                imap.shutdown()

    def _connected(self) -> imaplib.IMAP4:
        if self._imap is None:
            raise MailServerError(f"Not connected to {self._where()}.")
        return self._imap

    def _call(self, name: str, *args: Any) -> list[Any]:
        """Run one IMAP command; a NO/BAD answer or a broken link becomes one sentence."""
        imap = self._connected()
        self.stats.commands += 1
        # imaplib keeps every untagged answer until it is asked for; a server
        # sending unsolicited lines must not grow that across commands.
        imap.untagged_responses.clear()
        try:
            status, data = getattr(imap, name)(*args)
        except imaplib.IMAP4.abort as error:
            self._abandon()
            raise MailServerError(self._broke(error)) from None
        except imaplib.IMAP4.error as error:
            words = _words(error)
            if name == "login":
                raise MailServerError(
                    password_login_off("imap", self.config.host, self.config.username, words)
                    or f"{self.config.host} refused the IMAP login for {self.config.username} "
                    f"({words}): store the right password with `feedback-mailer auth set imap`."
                ) from None
            raise _Refused(f"{self.config.host} refused {name.upper()}: {words}.", words) from None
        except (OSError, ValueError, OverflowError, MemoryError) as error:
            self._abandon()
            raise MailServerError(self._broke(error)) from None
        if status != "OK":
            words = shown(_text(data))
            raise _Refused(
                f"{self.config.host} answered {status} to {name.upper()}: {words}.", words
            )
        return list(data)

    def _broke(self, error: BaseException) -> str:
        if self._deadline is not None and self._deadline.passed():
            # Whatever the last read saw, the reason is the deadline.
            error = DeadlineExceeded(self._deadline_seconds)
        if isinstance(error, imaplib.IMAP4.abort):
            return (
                f"The IMAP connection to {self._where()} broke ({_words(error)}): try again later."
            )
        if isinstance(error, ValueError | OverflowError):
            return self._nonsense(f"sent an answer that is not IMAP ({_words(error)})")
        return conversation_failure(self._where(), error)

    def _nonsense(self, what: str) -> str:
        return (
            f"{self._where()} {what}: the server is misbehaving; try again later, and if it "
            "keeps happening tell its administrator."
        )

    def _number(self, value: object, what: str) -> int:
        """A UID, UIDVALIDITY or UIDNEXT as RFC 3501 defines it (1..2^32-1), or an error."""
        text = value.decode("ascii", "replace") if isinstance(value, bytes) else str(value)
        if re.fullmatch(r"[0-9]{1,10}", text) and 1 <= int(text) <= MAX_UID:
            return int(text)
        raise MailServerError(self._nonsense(f"sent an invalid {what} ({shown(text, 40)})"))

    def _uid(self, command: str, *args: Any) -> list[Any]:
        return self._call("uid", command, *args)

    # --- folders ------------------------------------------------------------

    def select(self, folder: str) -> tuple[int, int]:
        """Open `folder` read-only; returns (UIDVALIDITY, UIDNEXT), 0 when not sent."""
        self.arrived = {}
        try:
            self._call("select", _quote(folder), True)
        except _Refused as refused:
            raise MailServerError(
                f"The folder {folder!r} cannot be opened on {self.config.host} "
                f"({refused.words}): check imap.folders and imap.sent_folder "
                "(`feedback-mailer doctor` lists the folders)."
            ) from None
        self.stats.folders += 1
        imap = self._connected()
        validity = self._response_number(imap.response("UIDVALIDITY")[1], "UIDVALIDITY")
        uidnext = self._response_number(imap.response("UIDNEXT")[1], "UIDNEXT")
        return validity, uidnext

    def _response_number(self, data: Sequence[Any] | None, what: str) -> int:
        values = [item for item in data or () if item is not None]
        return self._number(values[-1], what) if values else 0

    def search(self, *criteria: str) -> list[int]:
        data = self._uid("SEARCH", *criteria)
        return sorted(
            self._number(uid, "UID in answer to SEARCH")
            for chunk in data
            if isinstance(chunk, bytes) and chunk
            for uid in chunk.split()
        )

    def fetch_headers(self, uids: Sequence[int]) -> dict[int, bytes]:
        fields = " ".join(classify.HEADER_FIELDS)
        # Only the start of the fields (far more than any real message's): a hostile
        # header of megabytes must not make one batch of BATCH too big to read.
        items = f"(UID INTERNALDATE BODY.PEEK[HEADER.FIELDS ({fields})]<0.{HEADER_BYTES}>)"
        found = self._fetch(uids, items, BATCH)
        self.stats.header_fetches += len(found)
        return found

    def fetch_full(self, uids: Sequence[int]) -> dict[int, bytes]:
        """Whole messages, each at most MAX_MESSAGE_BYTES: one that reaches that size
        is returned cut there and listed in `stats.oversized`."""
        found = self._fetch(uids, f"(UID BODY.PEEK[]<0.{MAX_MESSAGE_BYTES}>)", FULL_BATCH)
        self.stats.full_fetches += len(found)
        self.stats.oversized.extend(
            uid for uid, raw in found.items() if len(raw) >= MAX_MESSAGE_BYTES
        )
        return found

    def _fetch(self, uids: Sequence[int], items: str, batch_size: int) -> dict[int, bytes]:
        found: dict[int, bytes] = {}
        for batch in _batches(sorted(uids), batch_size):
            for part in self._uid("FETCH", _uid_set(batch), items):
                if isinstance(part, tuple) and len(part) == 2:
                    match = re.search(rb"UID ([^\s)]+)", part[0])
                    if match:
                        uid = self._number(match.group(1), "UID in answer to FETCH")
                        found[uid] = part[1]
                        arrived = _internaldate(part[0])
                        if arrived is not None:
                            self.arrived[uid] = arrived
        return found

    def append(self, folder: str, raw: bytes, when: datetime) -> None:
        date = imaplib.Time2Internaldate(when.timestamp())
        self._call("append", _quote(folder), r"(\Seen)", date, raw)


_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]{1,40})"')


def _internaldate(response: bytes) -> datetime | None:
    """When the server says the message arrived (RFC 3501 date-time), if it says so."""
    match = _INTERNALDATE.search(response)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1).decode("ascii").strip(), "%d-%b-%Y %H:%M:%S %z")
    except (ValueError, UnicodeDecodeError):
        return None


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(data: Iterable[Any]) -> str:
    return " ".join(
        part.decode("utf-8", "replace") if isinstance(part, bytes) else _unrepr(str(part))
        for part in data
        if part
    )


# imaplib puts the server's bytes into its messages as Python reprs (b'...').
_BYTES_REPR = re.compile(r"""(?<![\w'"])b('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def _unrepr(text: str) -> str:
    """`text` with each bytes repr replaced by the text it stands for."""

    def decode(match: re.Match[str]) -> str:
        try:
            value = ast.literal_eval(match.group(0))
        except (ValueError, SyntaxError):
            return match.group(0)
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)

    return _BYTES_REPR.sub(decode, text)


def _words(error: BaseException) -> str:
    """What an imaplib error says, decoded and made printable (never a bytes repr)."""
    return shown(_text(error.args) or type(error).__name__)


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
