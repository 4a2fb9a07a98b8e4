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
import time
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from feedback_mailer.errors import MailServerError
from feedback_mailer.mail.connection import (
    SmtpTranscript,
    connect_failure,
    is_permanent_connect_failure,
    refuse_plaintext_off_machine,
    tls_context,
)
from feedback_mailer.setup.config import SmtpConfig

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


if TYPE_CHECKING:
    _TranscriptBase = smtplib.SMTP
else:
    _TranscriptBase = object


class _TranscriptMixin(_TranscriptBase):
    """Feeds every line sent and every reply to a `_Transcript`, when one is set."""

    transcript: SmtpTranscript | None = None

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
        refuse_plaintext_off_machine("smtp", config.security, config.host)
        self.config = config
        self._password = password
        self._debug = debug
        self._sleep = sleep
        self._timeout = timeout
        self._connection: smtplib.SMTP | None = None

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
                connect_failure("smtp", self.config.host, self.config.port, error),
                permanent=is_permanent_connect_failure(error),
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
        if self._debug is not None and isinstance(connection, _TranscriptMixin):
            connection.transcript = SmtpTranscript(self._debug)
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

    # --- sending ------------------------------------------------------------

    def send(self, raw: bytes, sender: str, recipient: str, *, smtputf8: bool = False) -> None:
        """Deliver `raw` exactly as given to one recipient, retrying passing failures."""
        for attempt in range(RETRIES):
            try:
                self._send_once(raw, sender, recipient, smtputf8)
                return
            except DeliveryRefused as error:
                if error.permanent or attempt == RETRIES - 1:
                    raise
                self._sleep(BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)])

    def _send_once(self, raw: bytes, sender: str, recipient: str, smtputf8: bool) -> None:
        self.connect()
        connection = self._connection
        if connection is None:  # connect() either sets it or raises
            raise DeliveryRefused(f"Not connected to {self._describe()}.", permanent=False)
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
