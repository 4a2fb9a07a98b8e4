"""What SMTP and IMAP connections share: verified TLS, the loopback rule, one
sentence per connection failure, and `--debug` transcripts with secrets hidden."""

from __future__ import annotations

import re
from typing import IO, TYPE_CHECKING

from feedback_mailer.errors import MailServerError

if TYPE_CHECKING:  # ssl is imported when a connection is made, not by `list`
    import ssl

# The advice after "check <kind>.port and <kind>.security" for each protocol.
_PORT_HINT = {
    "smtp": '"tls" is usually port 465, "starttls" port 587',
    "imap": '"tls" is usually port 993, "starttls" port 143',
}


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


def connect_failure(kind: str, host: str, port: int, error: OSError) -> str:
    """One sentence for a connection that could not be made or secured."""
    import ssl

    where = f"{host}:{port}"
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


def is_permanent_connect_failure(error: OSError) -> bool:
    """TLS that cannot work will not start working by waiting; a network failure might."""
    import ssl

    return isinstance(error, ssl.SSLError)


class Transcript:
    """`--debug` lines: `C:` what we sent, `S:` what the server said.

    Subclasses hide what would reveal a secret; everything is decoded with
    replacement so a hostile server's bytes cannot break the transcript.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def client(self, line: str) -> None:
        self.stream.write(f"C: {line}\n")

    def server(self, line: str) -> None:
        self.stream.write(f"S: {line}\n")


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
        shown = text.decode("utf-8", "replace").replace("\n", " | ")
        if code == 334:
            shown = "********"  # challenges can echo the user name
        self.server(f"{code} {shown}")


class ImapTranscript(Transcript):
    """Hides the arguments of LOGIN and AUTHENTICATE."""

    def sent(self, data: bytes) -> None:
        text = data.decode("utf-8", "replace").rstrip("\r\n")
        match = re.match(r"(\S+ (?:LOGIN|AUTHENTICATE))\b", text, re.IGNORECASE)
        if match:
            text = match.group(1) + " ********"
        if len(text) > 300:
            text = f"<{len(data)} bytes>"
        self.client(text)

    def received(self, line: bytes) -> None:
        self.server(line.decode("utf-8", "replace").rstrip())
