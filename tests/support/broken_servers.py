"""Scripted IMAP and SMTP servers that misbehave in exactly one way, over real sockets.

Each server listens on 127.0.0.1 (ephemeral port), answers from daemon threads,
and speaks just enough of its protocol for Python's ``imaplib`` / ``smtplib`` to
reach the fault: greeting, CAPABILITY/EHLO, STARTTLS or implicit TLS (with
``support.certs`` material), LOGIN/AUTHENTICATE or AUTH PLAIN/LOGIN, SELECT/EXAMINE
with UIDVALIDITY and UIDNEXT, UID SEARCH, UID FETCH of BODY.PEEK[HEADER.FIELDS (...)]
and BODY.PEEK[], APPEND, LOGOUT; MAIL, RCPT, DATA, RSET, QUIT.

The fault happens instead of the normal answer to a *trigger* command (``on``;
each fault has a default), after ``after`` triggers were answered normally and at
most ``times`` times (None: every time). Triggers are command names: "GREETING",
IMAP "LOGIN", "SELECT" (also EXAMINE), "SEARCH"/"FETCH" (also under UID), ...,
SMTP "EHLO" (also HELO), "AUTH", "MAIL", "RCPT", "DATA", "END_OF_DATA" (the reply
after the final dot), ...; "*" is any command (IMAP: any command once logged in).

Nothing can hang a test: sockets poll every 50 ms, every pause waits on the stop
event, and a connection is dropped after ``lifetime`` seconds whatever happens.
Leaving the ``with`` block closes every connection, so a client still waiting
gets EOF.

Usage::

    with BrokenImapServer("silent") as server:          # silent after LOGIN
        imap = imaplib.IMAP4(server.host, server.port, timeout=0.5)
        imap.login(server.user, server.password)
        with pytest.raises(TimeoutError):
            imap.select("INBOX", readonly=True)

    with BrokenSmtpServer("garbage") as server:         # "XYZ what" to MAIL FROM
        ...  # point smtp.host/port at server.host/server.port, security = "none"
"""

from __future__ import annotations

import base64
import contextlib
import re
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar, Literal, get_args

from .certs import TlsMaterial
from .hostile_mail import HOSTILE_TEXT
from .hostile_mail import reply as plain_reply

__all__ = [
    "HOSTILE_REPLY_TEXT",
    "BrokenImapServer",
    "BrokenSmtpServer",
    "ImapFault",
    "ImapMessage",
    "SmtpDelivery",
    "SmtpFault",
    "TlsMode",
]

LOOPBACK = "127.0.0.1"
POLL_SECONDS = 0.05
HANDSHAKE_SECONDS = 5.0
JOIN_SECONDS = 2.0
MAX_LINE = 1 << 20  # what a client may send us in one line
MAX_LITERAL = 64 << 20  # ... in one IMAP literal or one SMTP DATA
MAX_CONNECTIONS = 64
RESET_PAUSE = 0.05  # lets the partial answer reach the client before the RST

# A server reply's text: every TERMINAL_ATTACKS payload (as UTF-8) and a raw 8-bit
# C1 CSI (0x9B, not valid UTF-8). No CR or LF, so it fits in one reply line.
HOSTILE_REPLY_TEXT: bytes = HOSTILE_TEXT.encode() + b" raw-c1:\x9b2J"

TlsMode = Literal["none", "tls", "starttls"]
Trickle = Literal["line", "byte"]
ImapFault = Literal[
    "silent",
    "reset",
    "trickle",
    "no_with_escapes",
    "bad_uidvalidity",
    "bad_search",
    "huge_uid",
    "huge_literal",
    "huge_literal_slow",
]
SmtpFault = Literal[
    "silent",
    "reset",
    "trickle",
    "reply",
    "garbage",
    "rcpt_unknown",
    "sender_rejected",
    "shutdown_421",
    "escape_reply",
    "endless_reply",
]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class _Hangup(Exception):
    """The conversation is over: peer gone, server stopping, or lifetime reached."""


# --- one connection ---------------------------------------------------------------


class _Connection:
    """A socket with a line buffer; every wait is bounded and honours the stop event."""

    def __init__(self, server: _ScriptedServer, sock: socket.socket) -> None:
        self.server = server
        self.sock = sock
        self.buffer = bytearray()
        self.tls = False
        self.deadline = time.monotonic() + server.lifetime

    def _check(self) -> None:
        if self.server.stopping.is_set() or time.monotonic() > self.deadline:
            raise _Hangup

    def _receive(self) -> None:
        while True:
            self._check()
            try:
                data = self.sock.recv(65536)
            except (TimeoutError, ssl.SSLWantReadError):
                continue
            except OSError as error:
                raise _Hangup from error
            if not data:
                raise _Hangup
            self.buffer += data
            return

    def recv_line(self, limit: int = MAX_LINE) -> bytes:
        """One line including its end; a line longer than `limit` ends the conversation."""
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                line = bytes(self.buffer[: end + 1])
                del self.buffer[: end + 1]
                return line
            if len(self.buffer) > limit:
                raise _Hangup
            self._receive()

    def recv_exact(self, size: int) -> bytes:
        while len(self.buffer) < size:
            self._receive()
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            self._check()
            chunk = view[:16384]
            try:
                sent = self.sock.send(chunk)
            except (TimeoutError, ssl.SSLWantWriteError):
                continue  # the client is not reading; retry the same bytes
            except OSError as error:
                raise _Hangup from error
            view = view[sent:]
            self.server.count_sent(sent)

    def pause(self, seconds: float) -> None:
        self._check()
        if self.server.stopping.wait(max(0.0, min(seconds, self.deadline - time.monotonic()))):
            raise _Hangup

    def hold(self) -> None:
        """Say nothing more: read and discard until the client or the server gives up."""
        while True:
            self._receive()
            self.buffer.clear()

    def reset(self) -> None:
        """Abort with a TCP RST (SO_LINGER 0): the client reads ConnectionResetError."""
        self.pause(RESET_PAUSE)
        with contextlib.suppress(OSError):
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close()
        raise _Hangup

    def start_tls(self, context: ssl.SSLContext) -> None:
        self.sock.settimeout(HANDSHAKE_SECONDS)
        try:
            self.sock = context.wrap_socket(self.sock, server_side=True)
        except (OSError, ValueError) as error:
            raise _Hangup from error
        self.sock.settimeout(POLL_SECONDS)
        self.tls = True

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


# --- what both servers share ---------------------------------------------------------


class _ScriptedServer:
    """Listener, threads, fault triggers and counters; subclasses write `_converse`."""

    default_on: ClassVar[dict[str, str]] = {}
    aliases: ClassVar[dict[str, str]] = {}  # command name -> the trigger it counts as

    def __init__(
        self,
        fault: str | None,
        *,
        on: str | None,
        after: int,
        times: int | None,
        mode: TlsMode,
        tls: TlsMaterial | None,
        user: str,
        password: str,
        interval: float,
        trickle: Trickle,
        lifetime: float,
    ) -> None:
        if mode != "none" and tls is None:
            raise ValueError(f'mode "{mode}" needs TLS material (support.certs)')
        self.fault = fault
        self.on = (on or self.default_on.get(fault or "", "")).upper() or None
        self.after = after
        self.times = times
        self.mode: TlsMode = mode
        self.tls_material = tls
        self.user = user
        self.password = password
        self.interval = interval
        self.trickle: Trickle = trickle
        self.lifetime = lifetime
        self.host = LOOPBACK
        self.port = 0
        self.stopping = threading.Event()
        # Counters, read by tests (under `lock` while the server runs).
        self.lock = threading.Lock()
        self.connections = 0
        self.commands: list[str] = []
        self.faults = 0  # how many times the fault happened
        self.trickled = 0  # lines or bytes sent by "trickle"
        self.bytes_sent = 0
        self.errors: list[BaseException] = []  # harness bugs, not client behaviour
        self._triggers_seen = 0
        self._context = tls.server_context() if tls is not None else None
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []

    # --- lifecycle ---

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    def __enter__(self) -> _ScriptedServer:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def start(self) -> None:
        listener = socket.create_server((LOOPBACK, 0))
        listener.settimeout(POLL_SECONDS)
        self._listener = listener
        self.port = listener.getsockname()[1]
        thread = threading.Thread(
            target=self._accept_loop, name=f"{type(self).__name__}-accept", daemon=True
        )
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        self.stopping.set()
        self._threads[0].join(JOIN_SECONDS)  # the accept loop: no new connection after this
        for thread in self._threads[1:]:
            thread.join(JOIN_SECONDS)
        if self._listener is not None:
            self._listener.close()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self.stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self.lock:
                refused = self.connections >= MAX_CONNECTIONS
                self.connections += not refused
            if refused:
                sock.close()
                continue
            thread = threading.Thread(
                target=self._run, args=(sock,), name=f"{type(self).__name__}-conn", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def _run(self, sock: socket.socket) -> None:
        sock.settimeout(POLL_SECONDS)
        connection = _Connection(self, sock)
        try:
            if self.mode == "tls":
                assert self._context is not None
                connection.start_tls(self._context)
            self._converse(connection)
        except _Hangup:
            pass
        except Exception as error:  # a bug in the harness: keep it for the test to see
            with self.lock:
                self.errors.append(error)
        finally:
            connection.close()

    def _converse(self, connection: _Connection) -> None:
        raise NotImplementedError

    # --- helpers for tests ---

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 2.0) -> bool:
        """Poll `predicate` (e.g. ``lambda: server.trickled >= 5``) for up to `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.01)
        return predicate()

    # --- helpers for subclasses ---

    def count_sent(self, size: int) -> None:
        with self.lock:
            self.bytes_sent += size

    def record(self, command: str) -> None:
        with self.lock:
            self.commands.append(command)

    def fires(self, name: str, *, logged_in: bool = True) -> bool:
        """Whether this occurrence of command `name` gets the fault instead of an answer."""
        if self.fault is None or self.on is None:
            return False
        name = self.aliases.get(name, name)
        matched = (logged_in and name != "GREETING") if self.on == "*" else name == self.on
        if not matched:
            return False
        with self.lock:
            self._triggers_seen += 1
            if self._triggers_seen <= self.after:
                return False
            if self.times is not None and self.faults >= self.times:
                return False
            self.faults += 1
            return True

    def trickle_forever(self, connection: _Connection, line: bytes) -> None:
        """Send `line` again and again, one line (or one byte) every `interval` seconds."""
        while True:
            units = [line] if self.trickle == "line" else [bytes([b]) for b in line]
            for unit in units:
                connection.send(unit)
                with self.lock:
                    self.trickled += 1
                connection.pause(self.interval)


# --- IMAP ----------------------------------------------------------------------------


@dataclass
class ImapMessage:
    """A message in a scripted folder; the UID is given by the server."""

    raw: bytes
    internaldate: datetime = field(default_factory=lambda: datetime.now(UTC))
    flags: tuple[str, ...] = ()
    uid: int = 0


class _Literal(bytes):
    """An argument that arrived as an IMAP literal."""


_TOKEN = re.compile(
    rb'"((?:[^"\\]|\\.)*)"'  # quoted string
    rb"|\x00(\d+)\x00"  # placeholder of a literal
    rb"|(\((?:[^()]|\([^()]*\))*\))"  # parenthesised list, kept raw (two levels)
    rb'|([^\s()"\[]*\[[^\]]*\][^\s()"]*|[^\s()"]+)'  # atom, maybe with [section (list)]
)
_LITERAL_AT_END = re.compile(rb"\{(\d+)(\+?)\}\r?\n$")
_SECTION = re.compile(r"BODY(?:\.PEEK)?\[([^\]]*)\](?:<[\d.]+>)?", re.IGNORECASE)


def _tokens(data: bytes, literals: Sequence[bytes]) -> list[bytes]:
    tokens: list[bytes] = []
    position = 0
    while True:
        while position < len(data) and data[position : position + 1].isspace():
            position += 1
        if position >= len(data):
            return tokens
        match = _TOKEN.match(data, position)
        if match is None:
            raise ValueError(f"cannot parse {data[position : position + 40]!r}")
        quoted, literal, group, atom = match.groups()
        if quoted is not None:
            tokens.append(re.sub(rb"\\(.)", rb"\1", quoted))
        elif literal is not None:
            tokens.append(_Literal(literals[int(literal)]))
        else:
            tokens.append(group if group is not None else atom)
        position = match.end()


def _uid_matcher(spec: str, star: int) -> Callable[[int], bool]:
    """An IMAP sequence set ("1:3,7,9:*") as a membership test."""
    ranges: list[tuple[int, int]] = []
    for part in spec.split(","):
        low, _, high = part.partition(":")
        first = star if low == "*" else int(low)
        last = first if not high else star if high == "*" else int(high)
        ranges.append((min(first, last), max(first, last)))
    return lambda number: any(low <= number <= high for low, high in ranges)


def _imap_date(text: str) -> datetime:
    day, month, year = text.split("-")
    return datetime(int(year), _MONTHS.index(month.title()) + 1, int(day), tzinfo=UTC)


def _internaldate(when: datetime) -> str:
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return f"{when.day:02d}-{_MONTHS[when.month - 1]}-{when.year:04d} {when:%H:%M:%S %z}"


def _header_fields(raw: bytes) -> tuple[list[bytes], bytes]:
    """(header fields with their continuation lines and line ends, body)."""
    match = re.search(rb"\r?\n\r?\n", raw)
    head, body = (raw[: match.start()], raw[match.end() :]) if match else (raw, b"")
    fields: list[bytes] = []
    for line in head.splitlines(keepends=True):
        if fields and line[:1] in (b" ", b"\t"):
            fields[-1] += line
        else:
            fields.append(line)
    fields = [f if f.endswith(b"\n") else f + b"\r\n" for f in fields]
    return fields, body


def _field_name(field_line: bytes) -> str:
    return field_line.split(b":", 1)[0].strip().decode("latin-1").upper()


def _section(raw: bytes, section: str) -> bytes:
    spec = section.strip().upper()
    if spec == "":
        return raw
    fields, body = _header_fields(raw)
    if spec == "HEADER":
        return b"".join(fields) + b"\r\n"
    if spec == "TEXT":
        return body
    match = re.fullmatch(r"HEADER\.FIELDS(\.NOT)?\s*\(([^)]*)\)", spec)
    if match is None:
        return b""  # part numbers and the like: not needed by the clients under test
    names = set(match.group(2).split())
    negate = bool(match.group(1))
    return b"".join(f for f in fields if (_field_name(f) in names) != negate) + b"\r\n"


def _header_value(raw: bytes, name: str) -> bytes:
    fields, _ = _header_fields(raw)
    values = [f.split(b":", 1)[1] for f in fields if b":" in f and _field_name(f) == name.upper()]
    return b" ".join(v.strip() for v in values)


@dataclass
class _ImapSession:
    logged_in: bool = False
    folder: str | None = None
    by_uid: bool = False  # the current command came as UID SEARCH/FETCH/...


class BrokenImapServer(_ScriptedServer):
    """A scripted IMAP server with one fault.

    ``fault`` (None: a well-behaved server) and its default trigger ``on``:

    - "silent" (on "*": the first command after LOGIN): never answers again.
    - "reset" (on "SELECT"): RST instead of the answer; during SELECT after two
      untagged lines, during FETCH after the start of a literal.
    - "trickle" (on "SELECT"): an untagged ``* OK still working`` line, or one byte
      of such lines with ``trickle="byte"``, every ``interval`` s, forever.
    - "no_with_escapes" (on "LOGIN"): ``NO [AUTHENTICATIONFAILED] <text>`` (SELECT:
      ``NO [NONEXISTENT] <text>``), ``text`` holding terminal escape sequences.
    - "bad_uidvalidity" (on "SELECT"): ``* OK [UIDVALIDITY abc]``.
    - "bad_search" (on "SEARCH"): ``* SEARCH 1 x2``.
    - "huge_uid": UIDs start at ``first_uid`` (default 2**64) in SEARCH, FETCH, UIDNEXT.
    - "huge_literal" (on "FETCH"): ``* n FETCH (UID u BODY[] {literal_size}`` with
      ``literal_size`` 10**12 by default, then nothing.
    - "huge_literal_slow" (on "FETCH"): the same announcing 4 GiB by default, then
      ``chunk_size`` bytes every ``interval`` s until the literal is complete.

    ``messages`` fill INBOX (given a message if empty and the fault is about FETCH
    or UIDs); ``folders`` are the folders that exist. ``mode``: "none" (plain, with
    STARTTLS refused), "starttls" (advertised), "tls" (implicit); ``tls`` is the
    material. LOGIN and AUTHENTICATE PLAIN check ``user``/``password``; XOAUTH2 is
    accepted for ``user`` with any token. APPENDed messages land in their folder.
    """

    aliases: ClassVar[dict[str, str]] = {"EXAMINE": "SELECT"}
    default_on: ClassVar[dict[str, str]] = {
        "silent": "*",
        "reset": "SELECT",
        "trickle": "SELECT",
        "no_with_escapes": "LOGIN",
        "bad_uidvalidity": "SELECT",
        "bad_search": "SEARCH",
        "huge_literal": "FETCH",
        "huge_literal_slow": "FETCH",
    }

    def __init__(
        self,
        fault: ImapFault | None = None,
        *,
        on: str | None = None,
        after: int = 0,
        times: int | None = None,
        mode: TlsMode = "none",
        tls: TlsMaterial | None = None,
        user: str = "alice",
        password: str = "s3cret",
        messages: Iterable[bytes | ImapMessage] = (),
        folders: Sequence[str] = ("INBOX", "Sent"),
        uidvalidity: int = 1,
        first_uid: int | None = None,
        interval: float = 0.2,
        trickle: Trickle = "line",
        literal_size: int | None = None,
        chunk_size: int = 65536,
        text: bytes = HOSTILE_REPLY_TEXT,
        lifetime: float = 20.0,
    ) -> None:
        if fault is not None and fault not in get_args(ImapFault):
            raise ValueError(f"unknown IMAP fault {fault!r}")
        super().__init__(
            fault,
            on=on,
            after=after,
            times=times,
            mode=mode,
            tls=tls,
            user=user,
            password=password,
            interval=interval,
            trickle=trickle,
            lifetime=lifetime,
        )
        self.uidvalidity = uidvalidity
        if first_uid is None:
            first_uid = 2**64 if fault == "huge_uid" else 1
        self.first_uid = first_uid
        default_size = {"huge_literal": 10**12, "huge_literal_slow": 4 << 30}
        self.literal_size = literal_size or default_size.get(fault or "", 10**12)
        self.chunk_size = chunk_size
        self.text = text.replace(b"\r", b" ").replace(b"\n", b" ")
        self.folders: dict[str, list[ImapMessage]] = {name: [] for name in folders}
        self.folders.setdefault("INBOX", [])
        self._uidnext = dict.fromkeys(self.folders, self.first_uid)
        inbox = [m if isinstance(m, ImapMessage) else ImapMessage(m) for m in messages]
        needs_message = fault in ("huge_uid", "huge_literal", "huge_literal_slow") or (
            self.on == "FETCH"
        )
        if not inbox and needs_message:
            inbox = [ImapMessage(plain_reply("<scripted@example.com>"))]
        for message in inbox:
            self._add("INBOX", message)

    def __enter__(self) -> BrokenImapServer:
        self.start()
        return self

    def _add(self, folder: str, message: ImapMessage) -> int:
        with self.lock:
            message.uid = self._uidnext[folder]
            self._uidnext[folder] += 1
            self.folders[folder].append(message)
            return message.uid

    def appended(self, folder: str) -> list[bytes]:
        with self.lock:
            return [m.raw for m in self.folders.get(folder, [])]

    # --- the conversation ---

    def _capabilities(self, connection: _Connection) -> bytes:
        words = ["IMAP4rev1", "UIDPLUS", "ID", "ENABLE", "AUTH=PLAIN", "AUTH=XOAUTH2"]
        if self.mode == "starttls" and not connection.tls:
            words.insert(1, "STARTTLS")
        return " ".join(words).encode()

    def _converse(self, connection: _Connection) -> None:
        session = _ImapSession()
        if self.fires("GREETING", logged_in=False):
            self._misbehave(connection, session, b"*", "GREETING")
        greeting = b"* OK [CAPABILITY " + self._capabilities(connection) + b"] scripted ready\r\n"
        connection.send(greeting)
        while True:
            line, literals = self._read_command(connection)
            try:
                tag, name, args, session.by_uid = self._parse(line, literals)
            except (ValueError, IndexError):
                connection.send(b"* BAD cannot parse that command\r\n")
                continue
            self.record(("UID " if session.by_uid else "") + self._describe(name, args))
            if self.fires(name, logged_in=session.logged_in):
                self._misbehave(connection, session, tag, name, args)
                continue
            handler = getattr(self, f"_imap_{name.lower()}", None)
            if handler is None:
                connection.send(tag + b" BAD unknown command\r\n")
                continue
            handler(connection, session, tag, args, False)

    def _read_command(self, connection: _Connection) -> tuple[bytes, list[bytes]]:
        """One command with its literals replaced by placeholders."""
        literals: list[bytes] = []
        line = connection.recv_line()
        while (match := _LITERAL_AT_END.search(line)) is not None:
            size = int(match.group(1))
            if size > MAX_LITERAL:
                connection.send(b"* BYE literal too large\r\n")
                raise _Hangup
            if not match.group(2):
                connection.send(b"+ Ready for literal data\r\n")
            literals.append(connection.recv_exact(size))
            line = line[: match.start()] + b"\x00%d\x00" % (len(literals) - 1)
            line += connection.recv_line()
        return line.rstrip(b"\r\n"), literals

    @staticmethod
    def _parse(line: bytes, literals: list[bytes]) -> tuple[bytes, str, list[bytes], bool]:
        tag, _, rest = line.partition(b" ")
        if not tag or tag.startswith((b"*", b"+")):
            raise ValueError("no tag")
        tokens = _tokens(rest, literals)
        name = tokens[0].decode("ascii").upper()
        if name == "UID":
            return tag, tokens[1].decode("ascii").upper(), tokens[2:], True
        return tag, name, tokens[1:], False

    @staticmethod
    def _describe(name: str, args: list[bytes]) -> str:
        if name in ("LOGIN", "AUTHENTICATE"):
            return f"{name} ***"
        shown = [a if not isinstance(a, _Literal) else b"{%d}" % len(a) for a in args]
        return " ".join([name, *(a.decode("utf-8", "backslashreplace") for a in shown)])

    def _misbehave(
        self,
        connection: _Connection,
        session: _ImapSession,
        tag: bytes,
        name: str,
        args: list[bytes] | None = None,
    ) -> None:
        fault, args = self.fault, args or []
        if fault == "silent":
            connection.hold()
        elif fault == "reset":
            if name in ("SELECT", "EXAMINE"):
                connection.send(b"* FLAGS (\\Answered \\Seen)\r\n* 3 EXISTS\r\n")
            elif name == "FETCH":
                connection.send(b"* 1 FETCH (UID 1 BODY[] {4096}\r\nReceived: from mx\r\n")
            connection.reset()
        elif fault == "trickle":
            self.trickle_forever(connection, b"* OK still working\r\n")
        elif fault == "no_with_escapes":
            code = {"LOGIN": b"[AUTHENTICATIONFAILED] ", "SELECT": b"[NONEXISTENT] "}
            connection.send(tag + b" NO " + code.get(name, b"") + self.text + b"\r\n")
        elif fault in ("bad_uidvalidity", "bad_search"):
            handler = getattr(self, f"_imap_{name.lower()}")
            handler(connection, session, tag, args, True)
        elif fault in ("huge_literal", "huge_literal_slow"):
            first = next(iter(self.folders.get(session.folder or "INBOX") or []), None)
            uid = first.uid if first else 1
            header = b"* 1 FETCH (UID %d BODY[] {%d}\r\n" % (uid, self.literal_size)
            connection.send(header)
            if fault == "huge_literal":
                connection.hold()
            chunk = (b"X-Filler: " + b"x" * 68 + b"\r\n") * (self.chunk_size // 80 + 1)
            remaining = self.literal_size
            while remaining > 0:
                piece = chunk[: min(self.chunk_size, remaining)]
                connection.send(piece)
                remaining -= len(piece)
                with self.lock:
                    self.trickled += 1
                connection.pause(self.interval)
            connection.send(b")\r\n" + tag + b" OK FETCH completed\r\n")

    # --- commands (args as tokens; `faulty` for the data faults) ---

    def _imap_capability(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        c.send(b"* CAPABILITY " + self._capabilities(c) + b"\r\n" + tag + b" OK done\r\n")

    def _imap_noop(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        c.send(tag + b" OK done\r\n")

    _imap_check = _imap_noop
    _imap_enable = _imap_noop
    _imap_store = _imap_noop
    _imap_copy = _imap_noop

    def _imap_id(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        c.send(b'* ID ("name" "scripted")\r\n' + tag + b" OK done\r\n")

    def _imap_logout(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        c.send(b"* BYE logging out\r\n" + tag + b" OK LOGOUT completed\r\n")
        raise _Hangup

    def _imap_starttls(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        if self.mode != "starttls" or c.tls or self._context is None:
            c.send(tag + b" BAD STARTTLS not available\r\n")
            return
        c.send(tag + b" OK begin TLS now\r\n")
        c.start_tls(self._context)

    def _login_result(self, c: _Connection, s: _ImapSession, tag: bytes, good: bool) -> None:
        if good:
            s.logged_in = True
            c.send(tag + b" OK [CAPABILITY " + self._capabilities(c) + b"] logged in\r\n")
        else:
            c.send(tag + b" NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")

    def _imap_login(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        good = len(args) == 2 and args == [self.user.encode(), self.password.encode()]
        self._login_result(c, s, tag, good)

    def _imap_authenticate(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        mechanism = args[0].decode("ascii", "replace").upper() if args else ""
        if mechanism not in ("PLAIN", "XOAUTH2"):
            c.send(tag + b" NO [CANNOT] unsupported mechanism\r\n")
            return
        if len(args) > 1:
            answer = args[1]
        else:
            c.send(b"+ \r\n")
            answer = c.recv_line().strip()
        try:
            decoded = base64.b64decode(answer, validate=True)
        except ValueError:
            c.send(tag + b" BAD invalid base64\r\n")
            return
        if mechanism == "PLAIN":
            good = decoded.split(b"\0")[1:] == [self.user.encode(), self.password.encode()]
        else:
            good = decoded.startswith(b"user=" + self.user.encode() + b"\x01auth=")
        self._login_result(c, s, tag, good)

    def _imap_select(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        self._open_folder(c, s, tag, args, faulty, b"SELECT")

    def _imap_examine(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        self._open_folder(c, s, tag, args, faulty, b"EXAMINE")

    def _open_folder(
        self,
        c: _Connection,
        s: _ImapSession,
        tag: bytes,
        args: list[bytes],
        faulty: bool,
        verb: bytes,
    ) -> None:
        name = args[0].decode("utf-8", "replace") if args else ""
        folder = "INBOX" if name.upper() == "INBOX" else name
        if not s.logged_in or folder not in self.folders:
            s.folder = None
            c.send(tag + b" NO [NONEXISTENT] Mailbox doesn't exist: " + args[0][:100] + b"\r\n")
            return
        s.folder = folder
        with self.lock:
            count, uidnext = len(self.folders[folder]), self._uidnext[folder]
        validity = b"abc" if faulty else str(self.uidvalidity).encode()
        read_only = verb == b"EXAMINE"
        c.send(
            b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            + (b"* OK [PERMANENTFLAGS ()] read-only\r\n" if read_only else b"")
            + b"* %d EXISTS\r\n* 0 RECENT\r\n" % count
            + b"* OK [UIDVALIDITY "
            + validity
            + b"] UIDs valid\r\n"
            + b"* OK [UIDNEXT %d] predicted next UID\r\n" % uidnext
            + tag
            + (b" OK [READ-ONLY] " if read_only else b" OK [READ-WRITE] ")
            + verb
            + b" completed\r\n"
        )

    def _imap_close(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        s.folder = None
        c.send(tag + b" OK done\r\n")

    _imap_unselect = _imap_close

    def _imap_list(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        lines = [b'* LIST (\\HasNoChildren) "/" "%s"\r\n' % n.encode() for n in self.folders]
        c.send(b"".join(lines) + tag + b" OK LIST completed\r\n")

    _imap_lsub = _imap_list

    def _imap_status(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        name = args[0].decode("utf-8", "replace") if args else ""
        folder = "INBOX" if name.upper() == "INBOX" else name
        if folder not in self.folders:
            c.send(tag + b" NO [NONEXISTENT] no such mailbox\r\n")
            return
        with self.lock:
            count, uidnext = len(self.folders[folder]), self._uidnext[folder]
        c.send(
            b'* STATUS "%s" (MESSAGES %d UIDNEXT %d UIDVALIDITY %d UNSEEN 0)\r\n'
            % (folder.encode(), count, uidnext, self.uidvalidity)
            + tag
            + b" OK STATUS completed\r\n"
        )

    def _imap_append(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        name = args[0].decode("utf-8", "replace") if args else ""
        folder = "INBOX" if name.upper() == "INBOX" else name
        literal = next((a for a in args if isinstance(a, _Literal)), None)
        if folder not in self.folders or literal is None:
            c.send(tag + b" NO [TRYCREATE] no such mailbox\r\n")
            return
        uid = self._add(folder, ImapMessage(bytes(literal)))
        c.send(tag + b" OK [APPENDUID %d %d] APPEND completed\r\n" % (self.uidvalidity, uid))

    def _selected(self, c: _Connection, s: _ImapSession, tag: bytes) -> list[ImapMessage] | None:
        if s.folder is None:
            c.send(tag + b" BAD no mailbox selected\r\n")
            return None
        with self.lock:
            return list(self.folders[s.folder])

    def _imap_search(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        messages = self._selected(c, s, tag)
        if messages is None:
            return
        found = _search(messages, [a.decode("utf-8", "replace") for a in args])
        numbers = [m.uid if s.by_uid else messages.index(m) + 1 for m in found]
        result = b"1 x2" if faulty else b" ".join(b"%d" % n for n in numbers)
        c.send(b"* SEARCH " + result + b"\r\n" + tag + b" OK SEARCH completed\r\n")

    def _imap_fetch(
        self, c: _Connection, s: _ImapSession, tag: bytes, args: list[bytes], faulty: bool
    ) -> None:
        messages = self._selected(c, s, tag)
        if messages is None:
            return
        by_uid = s.by_uid
        if not args:
            c.send(tag + b" BAD missing message set\r\n")
            return
        star = (messages[-1].uid if by_uid else len(messages)) if messages else 0
        wanted = _uid_matcher(args[0].decode("ascii"), star)
        spec = b" ".join(args[1:]).decode("utf-8", "replace").strip()
        spec = spec[1:-1] if spec.startswith("(") and spec.endswith(")") else spec
        out: list[bytes] = []
        for number, message in enumerate(messages, start=1):
            if wanted(message.uid if by_uid else number):
                out.append(_fetch_response(number, message, spec, by_uid))
        c.send(b"".join(out) + tag + b" OK FETCH completed\r\n")


def _search(messages: list[ImapMessage], criteria: list[str]) -> list[ImapMessage]:
    """UID/sequence sets, SINCE/BEFORE/ON, HEADER/FROM/TO/SUBJECT; other keys match all."""
    selected = list(messages)
    items = iter(criteria)
    for item in items:
        key = item.upper()
        if key == "UID":
            star = messages[-1].uid if messages else 0
            matcher = _uid_matcher(next(items), star)
            selected = [m for m in selected if matcher(m.uid)]
        elif re.fullmatch(r"[\d:*,]+", key):
            matcher = _uid_matcher(key, len(messages))
            selected = [m for m in selected if matcher(messages.index(m) + 1)]
        elif key in ("SINCE", "BEFORE", "ON"):
            day = _imap_date(next(items)).date()
            dates = [(m, m.internaldate.date()) for m in selected]
            if key == "SINCE":
                selected = [m for m, d in dates if d >= day]
            elif key == "BEFORE":
                selected = [m for m, d in dates if d < day]
            else:
                selected = [m for m, d in dates if d == day]
        elif key in ("HEADER", "FROM", "TO", "SUBJECT"):
            name = next(items) if key == "HEADER" else key
            needle = next(items).lower().encode()
            selected = [m for m in selected if needle in _header_value(m.raw, name).lower()]
    return selected


def _fetch_response(number: int, message: ImapMessage, spec: str, by_uid: bool) -> bytes:
    sections = [m.group(1) for m in _SECTION.finditer(spec)]
    words = set(_SECTION.sub(" ", spec).upper().split())
    if "RFC822" in words:
        sections.append("")
    if "RFC822.HEADER" in words:
        sections.append("HEADER")
    items: list[bytes] = []
    if by_uid or "UID" in words:
        items.append(b"UID %d" % message.uid)
    if "FLAGS" in words:
        items.append(b"FLAGS (" + " ".join(message.flags).encode() + b")")
    if "INTERNALDATE" in words:
        items.append(b'INTERNALDATE "' + _internaldate(message.internaldate).encode() + b'"')
    if "RFC822.SIZE" in words:
        items.append(b"RFC822.SIZE %d" % len(message.raw))
    for section in sections:
        data = _section(message.raw, section)
        name = re.sub(r"\s+", " ", section.upper().strip())
        items.append(b"BODY[" + name.encode() + b"] {%d}\r\n" % len(data) + data)
    return b"* %d FETCH (" % number + b" ".join(items) + b")\r\n"


# --- SMTP ----------------------------------------------------------------------------


@dataclass
class SmtpDelivery:
    """A message the scripted SMTP server accepted (dot-unstuffed)."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    mail_options: list[str] = field(default_factory=list)


_REPLIES: dict[str, list[bytes]] = {
    "garbage": [b"XYZ what"],
    "rcpt_unknown": [b"550 5.1.1 user unknown"],
    "sender_rejected": [b"553 sender rejected"],
    "shutdown_421": [b"421 4.3.2 Service shutting down, closing transmission channel"],
}
_ADDRESS = re.compile(rb"^\w+\s+(?:FROM|TO):\s*<([^>]*)>\s*(.*)$", re.IGNORECASE)


class BrokenSmtpServer(_ScriptedServer):
    """A scripted SMTP server with one fault.

    ``fault`` (None: a well-behaved server) and its default trigger ``on``:

    - "garbage" (on "MAIL"): ``XYZ what`` (smtplib reads code -1).
    - "sender_rejected" (on "MAIL"): ``553 sender rejected``.
    - "shutdown_421" (on "MAIL"): ``421 4.3.2 ...``, then the server closes.
    - "rcpt_unknown" (on "RCPT"): ``550 5.1.1 user unknown``.
    - "escape_reply" (on "RCPT"): ``550 5.1.1 <text>``, text with escape sequences.
    - "reply" (on "MAIL"): the lines of ``reply``, sent verbatim (a 421 closes).
    - "endless_reply" (on "EHLO"): ``250-`` lines (78 bytes each) as fast as the client
      reads, forever, or until ``endless_limit`` bytes, then a final ``250 HELP``.
    - "trickle" (on "MAIL"): a ``250-still working`` line (``220-`` for GREETING), or
      one byte of such lines with ``trickle="byte"``, every ``interval`` s, forever.
    - "silent" (on "MAIL"): never answers again.
    - "reset" (on "MAIL"): RST instead of the answer.

    A refused MAIL or RCPT changes no state, as on a real server. ``mode`` and
    ``tls`` as for BrokenImapServer; EHLO offers 8BITMIME, SMTPUTF8, SIZE, AUTH
    PLAIN LOGIN (and STARTTLS before TLS in "starttls" mode); AUTH is optional and
    checks ``user``/``password``. Accepted messages are in ``messages``.
    """

    aliases: ClassVar[dict[str, str]] = {"HELO": "EHLO"}
    default_on: ClassVar[dict[str, str]] = {
        "silent": "MAIL",
        "reset": "MAIL",
        "trickle": "MAIL",
        "reply": "MAIL",
        "garbage": "MAIL",
        "rcpt_unknown": "RCPT",
        "sender_rejected": "MAIL",
        "shutdown_421": "MAIL",
        "escape_reply": "RCPT",
        "endless_reply": "EHLO",
    }

    def __init__(
        self,
        fault: SmtpFault | None = None,
        *,
        on: str | None = None,
        after: int = 0,
        times: int | None = None,
        mode: TlsMode = "none",
        tls: TlsMaterial | None = None,
        user: str = "alice",
        password: str = "s3cret",
        reply: bytes | Sequence[bytes] | None = None,
        text: bytes = HOSTILE_REPLY_TEXT,
        endless_limit: int | None = None,
        interval: float = 0.2,
        trickle: Trickle = "line",
        lifetime: float = 20.0,
    ) -> None:
        if fault is not None and fault not in get_args(SmtpFault):
            raise ValueError(f"unknown SMTP fault {fault!r}")
        if fault == "reply" and not reply:
            raise ValueError('fault "reply" needs reply=b"..."')
        super().__init__(
            fault,
            on=on,
            after=after,
            times=times,
            mode=mode,
            tls=tls,
            user=user,
            password=password,
            interval=interval,
            trickle=trickle,
            lifetime=lifetime,
        )
        clean_text = text.replace(b"\r", b" ").replace(b"\n", b" ")
        replies = dict(_REPLIES, escape_reply=[b"550 5.1.1 " + clean_text])
        if reply is not None:
            replies["reply"] = [reply] if isinstance(reply, bytes) else list(reply)
        self.reply_lines = replies.get(fault or "", [])
        self.endless_limit = endless_limit
        self.messages: list[SmtpDelivery] = []

    def __enter__(self) -> BrokenSmtpServer:
        self.start()
        return self

    def _converse(self, connection: _Connection) -> None:
        if self.fires("GREETING"):
            self._misbehave(connection, "GREETING")
        connection.send(b"220 localhost ESMTP scripted\r\n")
        mail_from: str | None = None
        options: list[str] = []
        rcpts: list[str] = []
        while True:
            line = connection.recv_line(65536).rstrip(b"\r\n")
            verb = line.split(b" ", 1)[0].upper().decode("ascii", "replace")
            name = "EHLO" if verb == "HELO" else verb
            self.record("AUTH ***" if verb == "AUTH" else line.decode("utf-8", "backslashreplace"))
            if self.fires(name):
                self._misbehave(connection, name)
                continue
            if verb in ("EHLO", "HELO"):
                mail_from, rcpts = None, []
                connection.send(self._ehlo(connection) if verb == "EHLO" else b"250 localhost\r\n")
            elif verb == "STARTTLS":
                if self.mode != "starttls" or connection.tls or self._context is None:
                    connection.send(b"502 5.5.1 STARTTLS not available\r\n")
                else:
                    connection.send(b"220 2.0.0 Ready to start TLS\r\n")
                    connection.start_tls(self._context)
                    mail_from, rcpts = None, []
            elif verb == "AUTH":
                self._auth(connection, line)
            elif verb == "MAIL":
                match = _ADDRESS.match(line)
                if match is None:
                    connection.send(b"501 5.5.4 Syntax: MAIL FROM:<address>\r\n")
                    continue
                mail_from = match.group(1).decode("utf-8", "surrogateescape")
                options = match.group(2).decode("utf-8", "surrogateescape").split()
                rcpts = []
                connection.send(b"250 2.1.0 Ok\r\n")
            elif verb == "RCPT":
                match = _ADDRESS.match(line)
                if mail_from is None or match is None:
                    connection.send(b"503 5.5.1 Error: need MAIL command\r\n")
                    continue
                rcpts.append(match.group(1).decode("utf-8", "surrogateescape"))
                connection.send(b"250 2.1.5 Ok\r\n")
            elif verb == "DATA":
                if mail_from is None or not rcpts:
                    connection.send(b"503 5.5.1 Error: need RCPT command\r\n")
                    continue
                connection.send(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                raw = self._read_data(connection)
                if self.fires("END_OF_DATA"):
                    self._misbehave(connection, "END_OF_DATA")
                else:
                    with self.lock:
                        self.messages.append(SmtpDelivery(mail_from, rcpts, raw, options))
                    connection.send(b"250 2.0.0 Ok: queued\r\n")
                mail_from, rcpts = None, []
            elif verb == "RSET":
                mail_from, rcpts = None, []
                connection.send(b"250 2.0.0 Ok\r\n")
            elif verb == "NOOP":
                connection.send(b"250 2.0.0 Ok\r\n")
            elif verb == "QUIT":
                connection.send(b"221 2.0.0 Bye\r\n")
                raise _Hangup
            else:
                connection.send(b"502 5.5.2 Error: command not recognized\r\n")

    def _ehlo(self, connection: _Connection) -> bytes:
        lines = [b"localhost", b"PIPELINING", b"SIZE 10240000", b"8BITMIME", b"SMTPUTF8"]
        if self.mode == "starttls" and not connection.tls:
            lines.append(b"STARTTLS")
        lines += [b"AUTH PLAIN LOGIN", b"HELP"]
        return b"".join(b"250-" + line + b"\r\n" for line in lines[:-1]) + b"250 HELP\r\n"

    def _auth(self, connection: _Connection, line: bytes) -> None:
        parts = line.split()
        mechanism = parts[1].upper() if len(parts) > 1 else b""

        def answer(challenge: bytes) -> bytes:
            connection.send(b"334 " + challenge + b"\r\n")
            return connection.recv_line().strip()

        try:
            if mechanism == b"PLAIN":
                token = parts[2] if len(parts) > 2 else answer(b"")
                given = base64.b64decode(token, validate=True).split(b"\0")[1:]
            elif mechanism == b"LOGIN":
                user = parts[2] if len(parts) > 2 else answer(b"VXNlcm5hbWU6")
                password = answer(b"UGFzc3dvcmQ6")
                given = [base64.b64decode(t, validate=True) for t in (user, password)]
            else:
                connection.send(b"504 5.5.4 Unrecognized authentication type\r\n")
                return
        except ValueError:
            connection.send(b"501 5.5.2 Cannot decode response\r\n")
            return
        if given == [self.user.encode(), self.password.encode()]:
            connection.send(b"235 2.7.0 Authentication successful\r\n")
        else:
            connection.send(b"535 5.7.8 Error: authentication failed\r\n")

    @staticmethod
    def _read_data(connection: _Connection) -> bytes:
        lines: list[bytes] = []
        total = 0
        while True:
            line = connection.recv_line()
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            total += len(line)
            if total > MAX_LITERAL:
                connection.send(b"552 5.3.4 Message too big\r\n")
                raise _Hangup
            lines.append(line[1:] if line.startswith(b"..") else line)

    def _misbehave(self, connection: _Connection, name: str) -> None:
        fault = self.fault
        if fault == "silent":
            connection.hold()
        elif fault == "reset":
            connection.reset()
        elif fault == "trickle":
            code = b"220" if name in ("GREETING", "STARTTLS") else b"250"
            self.trickle_forever(connection, code + b"-still working\r\n")
        elif fault == "endless_reply":
            block = (b"250-" + b"X" * 72 + b"\r\n") * 200
            sent = 0
            while self.endless_limit is None or sent < self.endless_limit:
                connection.send(block)
                sent += len(block)
            connection.send(b"250 HELP\r\n")
        else:
            connection.send(b"".join(line + b"\r\n" for line in self.reply_lines))
            if self.reply_lines and self.reply_lines[0].startswith(b"421"):
                raise _Hangup
