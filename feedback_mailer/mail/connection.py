"""What SMTP and IMAP connections share: verified TLS, the loopback rule, one
sentence per connection failure, an overall deadline and bounded reads for
every conversation, the server's words made printable, and `--debug`
transcripts with secrets hidden."""

from __future__ import annotations

import re
import time
from typing import IO, TYPE_CHECKING, Protocol

from feedback_mailer.base.errors import MailServerError
from feedback_mailer.base.textsafety import printable

if TYPE_CHECKING:  # ssl is imported when a connection is made, not by `list`
    import socket
    import ssl

# What a server said, as it may appear in an error or a transcript line: enough
# to diagnose, never a screenful from a hostile server.
SHOWN_CHARS = 300
# Bytes asked of the socket at once.
_RECV_SIZE = 65536

# The advice after "check <kind>.port and <kind>.security" for each protocol.
_PORT_HINT = {
    "smtp": '"tls" is usually port 465, "starttls" port 587',
    "imap": '"tls" is usually port 993, "starttls" port 143',
}


class Endpoint(Protocol):
    """Where a session connects and as whom: what mail/ needs of a server's settings.

    setup/ builds these (its SmtpConfig and ImapConfig have these fields), so mail/
    never reads the config file nor imports setup/.
    """

    @property
    def host(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def security(self) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def cafile(self) -> str: ...


def is_loopback(host: str) -> bool:
    """Only this machine: `localhost` or a loopback IP address (not a name like 127.x.example)."""
    if host.lower().rstrip(".") == "localhost":
        return True
    import ipaddress

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refuse_plaintext_off_machine(kind: str, security: str, host: str) -> None:
    """`security = "none"` would send the password in clear: only to this machine."""
    if security == "none" and not is_loopback(host):
        raise MailServerError(
            f'{kind}.security = "none" is only allowed for a server on this machine, not '
            f'{host}: use "tls" or "starttls".'
        )


def tls_context(cafile: str) -> ssl.SSLContext:
    """Certificate and host name verification always on; `cafile` adds a private CA."""
    import ssl

    context = ssl.create_default_context()
    if cafile:
        context.load_verify_locations(cafile=cafile)
    return context


def shown(text: str | bytes, limit: int = SHOWN_CHARS) -> str:
    """A server's words on one line, made printable and at most `limit` characters.

    Everything a server sends may be hostile: escape sequences, bidi overrides
    or megabytes of text must not reach a terminal, a log or a stored reason.
    """
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8", "replace")
    text = printable(" ".join(text.split()))
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return text


class DeadlineExceeded(TimeoutError):
    """The whole conversation with one server took longer than it may."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"did not finish within {seconds:g} seconds")
        self.seconds = seconds


class ReadLimitExceeded(OSError):
    """The server sent more than any honest answer holds; the connection is unusable.

    An OSError, like a reset, because both protocol libraries and our callers
    already treat those as "this link is broken".
    """


class Deadline:
    """One overall deadline for a conversation, applied to every socket operation.

    A per-read timeout alone lets a server that sends a little every few
    seconds keep a command alive for ever; here each read may wait only until
    the deadline (and at most `read_timeout`, so a silent server is noticed
    sooner).
    """

    def __init__(self, seconds: float, read_timeout: float) -> None:
        self.seconds = seconds
        self.read_timeout = read_timeout
        self._ends = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self._ends

    def timeout(self) -> float:
        """The timeout for the next socket operation; raises once the deadline has passed."""
        left = self._ends - time.monotonic()
        if left <= 0:
            raise DeadlineExceeded(self.seconds)
        return min(self.read_timeout, left)

    def arm(self, sock: socket.socket) -> None:
        sock.settimeout(self.timeout())

    def shorten(self, seconds: float) -> None:
        """End no later than `seconds` from now: saying goodbye must not take minutes."""
        self._ends = min(self._ends, time.monotonic() + seconds)


class BoundedReader:
    """Lines and blocks read straight from a socket, under a Deadline and caps.

    The protocol libraries read through a buffered file with their own (large
    or missing) limits and allocate a block of the announced size before
    reading it; this reader checks every size first. `expect` starts an answer
    and sets how many bytes it may hold in all. The buffer belongs to one
    socket object: after STARTTLS nothing read before the handshake can be
    taken as part of the encrypted conversation.
    """

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self._sock: object = None
        self._buffer = bytearray()
        self._scanned = 0  # bytes at the start of _buffer known to hold no line end
        self._allowed = 0
        self._left = 0

    def expect(self, most: int) -> None:
        """A new answer begins: it may hold at most `most` bytes."""
        self._allowed = self._left = most

    def _use(self, sock: socket.socket) -> None:
        if sock is not self._sock:
            self._sock = sock
            self._buffer.clear()
            self._scanned = 0

    def _recv(self, sock: socket.socket, size: int) -> bytes:
        self.deadline.arm(sock)
        try:
            data = sock.recv(size)
        except TimeoutError:
            if self.deadline.passed():
                raise DeadlineExceeded(self.deadline.seconds) from None
            raise TimeoutError(
                f"stopped answering (nothing for {self.deadline.read_timeout:g} seconds)"
            ) from None
        self._left -= len(data)
        if self._left < 0:
            raise ReadLimitExceeded(f"sent more than {self._allowed} bytes in one answer")
        return data

    def readline(self, sock: socket.socket, limit: int) -> bytes:
        """One line with its end, at most `limit` bytes; at EOF what is left (maybe b"")."""
        self._use(sock)
        while True:
            end = self._buffer.find(b"\n", self._scanned)
            if end >= 0 or len(self._buffer) > limit:
                if end < 0 or end + 1 > limit:
                    raise ReadLimitExceeded(f"sent a line longer than {limit} bytes")
                line = bytes(self._buffer[: end + 1])
                del self._buffer[: end + 1]
                self._scanned = 0
                return line
            self._scanned = len(self._buffer)
            data = self._recv(sock, _RECV_SIZE)
            if not data:
                line = bytes(self._buffer)
                self._buffer.clear()
                self._scanned = 0
                return line
            self._buffer += data

    def read(self, sock: socket.socket, size: int) -> bytes:
        """Exactly `size` bytes, or fewer at EOF; the caller has checked `size` is sensible."""
        self._use(sock)
        chunks = [bytes(self._buffer[:size])]
        del self._buffer[:size]
        self._scanned = 0
        missing = size - len(chunks[0])
        while missing > 0:
            data = self._recv(sock, min(missing, _RECV_SIZE))
            if not data:
                break
            chunks.append(data)
            missing -= len(data)
        return b"".join(chunks)


def connect_failure(kind: str, host: str, port: int, error: OSError) -> str:
    """One sentence for a connection that could not be made or secured."""
    import ssl

    where = f"{host}:{port}"
    if isinstance(error, DeadlineExceeded | ReadLimitExceeded):
        return conversation_failure(where, error)
    if isinstance(error, ssl.SSLCertVerificationError):
        return (
            f"The certificate of {host} could not be verified ({error.verify_message}): if it "
            f"is a private server, set {kind}.cafile to its CA bundle; otherwise check "
            f"{kind}.host."
        )
    if isinstance(error, ssl.SSLError):
        return (
            f"TLS with {where} failed ({error.reason or error}): check {kind}.port and "
            f"{kind}.security ({_PORT_HINT[kind]})."
        )
    if isinstance(error, TimeoutError):
        return f"{where} did not answer in time: check the host and port, or try later."
    return (
        f"Cannot connect to {where} ({error.strerror or error}): check {kind}.host and "
        f"{kind}.port, and that you are online."
    )


def what_broke(where: str, error: BaseException) -> str:
    """What went wrong in a conversation that had begun, as a clause (no advice)."""
    import ssl

    if isinstance(error, DeadlineExceeded):
        return f"{where} {error}, the limit for one conversation with a server"
    if isinstance(error, ReadLimitExceeded):
        return f"{where} {error}, which no honest server does"
    if isinstance(error, TimeoutError):
        return f"{where} {shown(str(error)) or 'stopped answering'}"
    if isinstance(error, MemoryError):
        return f"{where} sent more than fits in memory"
    if isinstance(error, ssl.SSLError):
        return f"TLS with {where} failed ({shown(str(error.reason or error))})"
    if isinstance(error, ConnectionResetError):
        return f"{where} reset the connection"
    if isinstance(error, OSError) and error.strerror:
        return f"the connection to {where} broke ({shown(error.strerror)})"
    return f"the connection to {where} broke ({shown(str(error)) or type(error).__name__})"


def conversation_failure(where: str, error: BaseException) -> str:
    """One sentence, with advice, for a conversation that broke once it had begun."""
    clause = what_broke(where, error)
    clause = clause[0].upper() + clause[1:] if clause.startswith("the ") else clause
    if isinstance(error, DeadlineExceeded):
        advice = "try again later; if it keeps happening, the server is too slow or misbehaving"
    elif isinstance(error, ReadLimitExceeded):
        advice = "try again later; if it keeps happening, tell the server's administrator"
    else:
        advice = "try again later"
    return f"{clause}: {advice}."


def is_permanent_connect_failure(error: OSError) -> bool:
    """TLS that cannot work will not start working by waiting; a network failure might."""
    import ssl

    return isinstance(error, ssl.SSLError)


class Transcript:
    """`--debug` lines: `C:` what we sent, `S:` what the server said.

    Subclasses hide what would reveal a secret; every line is made printable
    and bounded (`shown`), so a hostile server's bytes can neither drive the
    terminal nor flood it.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def client(self, line: str) -> None:
        self.stream.write(f"C: {shown(line)}\n")

    def server(self, line: str | bytes) -> None:
        self.stream.write(f"S: {shown(line)}\n")


class SmtpTranscript(Transcript):
    """Hides every client line from AUTH until the server's final answer to it.

    smtplib's own debug output prints the base64 AUTH lines, which decode to
    the password.
    """

    def __init__(self, stream: IO[str]) -> None:
        super().__init__(stream)
        self.in_auth = False

    def sent(self, data: str) -> None:
        line = data.rstrip("\r\n")
        if re.match(r"(?i)auth\b", line):
            self.in_auth = True
            line = " ".join(line.split()[:2]) + " ********"
        elif self.in_auth:
            line = "********"
        self.client(line)

    def received(self, code: int, text: bytes) -> None:
        if self.in_auth and code != 334:
            self.in_auth = False
        if code == 334:
            self.server(f"{code} ********")  # challenges can echo the user name
            return
        # One transcript line per reply line, as the server sent them.
        lines = text.split(b"\n")
        for number, line in enumerate(lines, start=1):
            self.server(f"{code}{' ' if number == len(lines) else '-'}" + shown(line))


class ImapTranscript(Transcript):
    """Hides the arguments of LOGIN and AUTHENTICATE, and every line of an
    AUTHENTICATE exchange (the client's carry the token, the server's challenges
    may echo the user) until its tagged answer."""

    in_auth = False

    def sent(self, data: bytes) -> None:
        text = data.decode("utf-8", "replace").rstrip("\r\n")
        match = re.match(r"(\S+ (?:LOGIN|AUTHENTICATE))\b", text, re.IGNORECASE)
        if match:
            self.in_auth = match.group(1).upper().endswith("AUTHENTICATE")
            text = match.group(1) + " ********"
        elif self.in_auth:
            text = "********"
        if len(text) > SHOWN_CHARS:
            text = f"<{len(data)} bytes>"
        self.client(text)

    def received(self, line: bytes) -> None:
        if self.in_auth:
            if line.startswith(b"+"):
                self.server("+ ********")
                return
            if not line.startswith(b"*"):
                self.in_auth = False  # the tagged answer ends the exchange
        self.server(line)
