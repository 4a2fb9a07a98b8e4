"""Deliver messages over SMTP: verified TLS, one login for many messages.

The outcome of each delivery is one of three, because the at-most-once
promise depends on telling them apart:

* accepted: the server said 250 to the end of DATA;
* `DeliveryRefused`: the server refused before accepting (5xx, 4xx after all
  retries, wrong password, no TLS): nothing was delivered, a retry is safe;
* `DeliveryUncertain`: the connection broke once DATA had begun, so the
  message may have been delivered: it must never be re-sent automatically.
"""

from __future__ import annotations

import re
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from feedback_mailer.errors import MailServerError
from feedback_mailer.mail.connection import tls_context
from feedback_mailer.setup.config import SmtpConfig, is_loopback

RETRIES = 3
BACKOFF_SECONDS = (1.0, 2.0)  # waits between the three tries
TIMEOUT_SECONDS = 30.0


class DeliveryRefused(MailServerError):
    """Nothing was delivered; `permanent` says whether trying again could help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class DeliveryUncertain(MailServerError):
    """The message may or may not have been delivered."""


class _Transcript:
    """A `--debug` transcript with the AUTH exchange redacted.

    smtplib's own debug output prints the base64 AUTH lines, which decode to
    the password; this writes the conversation itself and hides every client
    line from the AUTH command until the server's final answer to it.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.in_auth = False

    def sent(self, data: str) -> None:
        line = data.rstrip("\r\n")
        if re.match(r"(?i)auth\b", line):
            self.in_auth = True
            line = " ".join(line.split()[:2]) + " ********"
        elif self.in_auth:
            line = "********"
        self.stream.write(f"C: {line}\n")

    def received(self, code: int, text: bytes) -> None:
        if self.in_auth and code != 334:
            self.in_auth = False
        shown = text.decode("utf-8", "replace").replace("\n", " | ")
        if code == 334:
            shown = "********"  # challenges can echo the user name
        self.stream.write(f"S: {code} {shown}\n")


if TYPE_CHECKING:
    _TranscriptBase = smtplib.SMTP
else:
    _TranscriptBase = object


class _TranscriptMixin(_TranscriptBase):
    """Feeds every line sent and every reply to a `_Transcript`, when one is set."""

    transcript: _Transcript | None = None

    def send(self, s: Any) -> None:
        if self.transcript is not None:
            shown = s if isinstance(s, str) else f"<{len(s)} bytes of message data>"
            self.transcript.sent(shown)
        super().send(s)

    def getreply(self) -> tuple[int, bytes]:
        code, text = super().getreply()
        if self.transcript is not None:
            self.transcript.received(code, text)
        return code, text


class _SMTP(_TranscriptMixin, smtplib.SMTP):
    pass


class _SMTP_SSL(_TranscriptMixin, smtplib.SMTP_SSL):
    pass


def _server_text(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}".strip()


@dataclass
class SmtpStats:
    logins: int = 0
    delivered: int = 0


class SmtpSession:
    """One connection and one login, reused for every message of a command."""

    def __init__(
        self,
        config: SmtpConfig,
        password: str,
        *,
        debug: IO[str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        if config.security == "none" and not is_loopback(config.host):
            raise MailServerError(
                f'security = "none" is only allowed for a server on this machine, not '
                f'{config.host}: use "tls" or "starttls".'
            )
        self.config = config
        self._password = password
        self._debug = debug
        self._sleep = sleep
        self._timeout = timeout
        self._connection: smtplib.SMTP | None = None
        self.stats = SmtpStats()

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.quit()
            except (smtplib.SMTPException, OSError):
                self._connection.close()
            self._connection = None

    # --- connecting ---------------------------------------------------------

    def _describe(self) -> str:
        return f"{self.config.host}:{self.config.port}"

    def connect(self) -> None:
        """Connect, secure and log in; failures are `DeliveryRefused` (nothing sent yet)."""
        if self._connection is not None:
            return
        try:
            self._connection = self._open()
            self._login(self._connection)
        except DeliveryRefused:
            self.close()
            raise
        except ssl.SSLCertVerificationError as error:
            self._abandon()
            raise DeliveryRefused(
                f"The certificate of {self.config.host} could not be verified "
                f"({error.verify_message}): if it is a private server, set smtp.cafile to its "
                "CA bundle; otherwise check smtp.host.",
                permanent=True,
            ) from None
        except ssl.SSLError as error:
            self._abandon()
            raise DeliveryRefused(
                f"TLS with {self._describe()} failed ({error.reason or error}): check smtp.port "
                'and smtp.security ("tls" is usually port 465, "starttls" port 587).',
                permanent=True,
            ) from None
        except TimeoutError:
            self._abandon()
            raise DeliveryRefused(
                f"{self._describe()} did not answer in time: check the host and port, "
                "or try later.",
                permanent=False,
            ) from None
        except smtplib.SMTPServerDisconnected as error:
            self._abandon()
            raise DeliveryRefused(
                f"{self._describe()} closed the connection ({error}): check smtp.port and "
                "smtp.security.",
                permanent=False,
            ) from None
        except OSError as error:
            self._abandon()
            raise DeliveryRefused(
                f"Cannot connect to {self._describe()} ({error.strerror or error}): check "
                "smtp.host and smtp.port, and that you are online.",
                permanent=False,
            ) from None

    def _abandon(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _open(self) -> smtplib.SMTP:
        config = self.config
        if config.security == "tls":
            connection: smtplib.SMTP = _SMTP_SSL(
                config.host,
                config.port,
                timeout=self._timeout,
                context=tls_context(config.cafile),
            )
        else:
            connection = _SMTP(config.host, config.port, timeout=self._timeout)
        assert isinstance(connection, _TranscriptMixin)
        if self._debug is not None:
            connection.transcript = _Transcript(self._debug)
        connection.ehlo()
        if config.security == "starttls":
            if not connection.has_extn("starttls"):
                # Never fall back to plaintext: that would send the password in clear.
                connection.close()
                raise DeliveryRefused(
                    f"{self._describe()} does not offer STARTTLS, so the password would travel "
                    'unencrypted: use security = "tls" (usually port 465) or another server.',
                    permanent=True,
                )
            code, text = connection.starttls(context=tls_context(config.cafile))
            if code != 220:
                raise DeliveryRefused(
                    f"{self._describe()} refused STARTTLS ({_server_text(code, text)}).",
                    permanent=True,
                )
            connection.ehlo()
        return connection

    def _login(self, connection: smtplib.SMTP) -> None:
        if not self.config.username:
            return
        try:
            connection.login(self.config.username, self._password)
        except smtplib.SMTPAuthenticationError as error:
            raise DeliveryRefused(
                f"{self.config.host} refused the login for {self.config.username} "
                f"({_server_text(error.smtp_code, error.smtp_error)}): store the right password "
                "with `feedback-mailer auth set smtp` (providers such as Gmail and iCloud need an "
                "app password).",
                permanent=True,
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise DeliveryRefused(
                f"{self._describe()} does not offer AUTH on this connection: check smtp.security.",
                permanent=True,
            ) from None
        self.stats.logins += 1

    # --- sending ------------------------------------------------------------

    def send(self, raw: bytes, sender: str, recipient: str, *, smtputf8: bool = False) -> None:
        """Deliver `raw` exactly as given to one recipient, retrying passing failures."""
        for attempt in range(RETRIES):
            try:
                self._send_once(raw, sender, recipient, smtputf8)
                self.stats.delivered += 1
                return
            except DeliveryRefused as error:
                if error.permanent or attempt == RETRIES - 1:
                    raise
                self._sleep(BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)])

    def _send_once(self, raw: bytes, sender: str, recipient: str, smtputf8: bool) -> None:
        self.connect()
        connection = self._connection
        assert connection is not None
        options: list[str] = []
        if smtputf8:
            if not connection.has_extn("smtputf8"):
                raise DeliveryRefused(
                    f"{self.config.host} cannot send to or from non-ASCII addresses (no "
                    "SMTPUTF8): use an ASCII address or another server.",
                    permanent=True,
                )
            options = ["SMTPUTF8", "BODY=8BITMIME"]
        data_begun = False
        try:
            self._command(connection.mail(sender, options), "MAIL FROM")
            self._command(connection.rcpt(recipient), f"RCPT TO {recipient}")
            self._command(connection.docmd("DATA"), "DATA", expect=354)
            data_begun = True
            connection.send(_dot_stuffed(raw))
            code, text = connection.getreply()
        except DeliveryRefused:
            self._reset(connection)
            raise
        except (smtplib.SMTPException, OSError) as error:
            self._abandon()
            if data_begun:
                raise DeliveryUncertain(
                    f"The connection to {self._describe()} broke while the message was being "
                    f"sent ({error or type(error).__name__}): it may or may not have been "
                    "delivered."
                ) from None
            raise DeliveryRefused(
                f"The connection to {self._describe()} broke before the message was sent "
                f"({error or type(error).__name__}).",
                permanent=False,
            ) from None
        if code != 250:
            self._reset(connection)
            raise DeliveryRefused(
                f"{self.config.host} refused the message: {_server_text(code, text)}.",
                permanent=not 400 <= code < 500,
            )

    def _command(self, reply: tuple[int, bytes], what: str, expect: int = 250) -> None:
        code, text = reply
        ok = code == expect or (expect == 250 and code == 251)
        if not ok:
            raise DeliveryRefused(
                f"{self.config.host} refused {what}: {_server_text(code, text)}.",
                permanent=not 400 <= code < 500,
            )

    def _reset(self, connection: smtplib.SMTP) -> None:
        try:
            connection.rset()
        except (smtplib.SMTPException, OSError):
            self._abandon()


def _dot_stuffed(raw: bytes) -> bytes:
    """The DATA payload: CRLF line ends, leading dots doubled, then the end marker."""
    data = re.sub(rb"(?:\r\n|\n|\r(?!\n))", b"\r\n", raw)
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"
