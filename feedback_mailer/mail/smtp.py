"""Deliver messages over SMTP: verified TLS, one login for many messages.

The outcome of each delivery is one of three, because the at-most-once
promise depends on telling them apart:

* accepted: the server said 2xx to the end of DATA;
* `DeliveryRefused`: the server refused before accepting (5xx, 4xx after all
  retries, wrong password, no TLS): nothing was delivered, a retry is safe.
  Its `about` says what was refused, and only a permanent refusal of the
  recipient or of the message `ends_follow_up`: a reply about the sender, the
  session, or one that is not SMTP at all, leaves a follow-up for the next run;
* `DeliveryUncertain`: the connection broke once DATA had begun, or the answer
  to the message was unreadable, so it may have been delivered: it must never
  be re-sent automatically.

The whole session has a deadline, and every reply is read with caps on its
lines and bytes (an endless `250-` reply is cut off, not collected).
"""

from __future__ import annotations

import re
import smtplib
import time
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, Literal

from feedback_mailer.base.errors import CredentialError, MailServerError
from feedback_mailer.mail import sasl
from feedback_mailer.mail.connection import (
    BoundedReader,
    Deadline,
    DeadlineExceeded,
    Endpoint,
    ReadLimitExceeded,
    SmtpTranscript,
    connect_failure,
    is_permanent_connect_failure,
    refuse_plaintext_off_machine,
    shown,
    tls_context,
    what_broke,
)
from feedback_mailer.mail.refusals import password_login_off

RETRIES = 3
BACKOFF_SECONDS = (1.0, 2.0)  # waits between the three tries
TIMEOUT_SECONDS = 30.0  # the longest wait for any single read
# The whole session, from connecting to QUIT, retries and their waits included:
# with the IMAP session's, `run` stays inside the scheduler's 10 minutes.
DEADLINE_SECONDS = 240.0
CLOSE_SECONDS = 5.0  # QUIT: saying goodbye is not worth waiting for
# Caps on one reply: an EHLO answer has a dozen lines of a few dozen bytes.
MAX_REPLY_LINES = 100
MAX_REPLY_LINE_BYTES = 8192  # smtplib's own limit; RFC 5321 says 512
MAX_REPLY_BYTES = 64 << 10

About = Literal["recipient", "message", "sender", "session", "unreadable"]


class DeliveryRefused(MailServerError):
    """Nothing was delivered.

    `permanent`: trying again now cannot help (5xx, no TLS, wrong password).
    `about`: what the refusal concerns —
    "recipient" (the server said this address or mailbox is the problem),
    "message" (the message was refused after DATA),
    "sender" (MAIL FROM was refused: our address, our domain, our account),
    "session" (connection, TLS, login, 421, or a policy refusal not tied to the
    recipient), or "unreadable" (the reply was not SMTP at all).
    """

    def __init__(self, message: str, *, permanent: bool, about: About) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.about: About = about

    @property
    def ends_follow_up(self) -> bool:
        """Only a permanent refusal of this recipient or this message means a follow-up
        can never be delivered; anything else may go better on the next run."""
        return self.permanent and self.about in ("recipient", "message")


class DeliveryUncertain(MailServerError):
    """The message may or may not have been delivered."""


class SignInExpired(DeliveryRefused):
    """The server refused the OAuth2 access token and no fresh one could be had (the
    refresh token is gone, expired or revoked): nothing was sent; sign in again."""

    exit_code = CredentialError.exit_code

    def __init__(self, message: str) -> None:
        super().__init__(message, permanent=True, about="session")


if TYPE_CHECKING:
    _TranscriptBase = smtplib.SMTP
else:
    _TranscriptBase = object


class _TranscriptMixin(_TranscriptBase):
    """smtplib with every reply read under caps and a deadline, and transcribed when
    `--debug` is on.

    smtplib's `getreply` collects continuation lines for as long as the server
    sends them, and reads through a file with only a per-read timeout; this
    per-instance override reads through a BoundedReader instead.
    """

    transcript: SmtpTranscript | None = None
    reader: BoundedReader

    def __init__(
        self, *args: Any, reader: BoundedReader, transcript: SmtpTranscript | None, **kw: Any
    ) -> None:
        # Set before smtplib's constructor connects and reads the greeting.
        self.reader = reader
        self.transcript = transcript
        super().__init__(*args, **kw)

    def send(self, s: Any) -> None:
        if self.transcript is not None:
            shown_data = s if isinstance(s, str) else f"<{len(s)} bytes of message data>"
            self.transcript.sent(shown_data)
        if self.sock is not None:
            self.reader.deadline.arm(self.sock)
        try:
            super().send(s)
        except smtplib.SMTPServerDisconnected:
            if self.reader.deadline.passed():  # sendall ran into the deadline
                raise DeadlineExceeded(self.reader.deadline.seconds) from None
            raise

    def getreply(self) -> tuple[int, bytes]:
        """(code, text) as smtplib's: code -1 when the reply is not SMTP."""
        if self.sock is None:
            raise smtplib.SMTPServerDisconnected("please run connect() first")
        self.reader.expect(MAX_REPLY_BYTES)
        texts: list[bytes] = []
        while True:
            try:
                line = self.reader.readline(self.sock, MAX_REPLY_LINE_BYTES)
                if len(texts) >= MAX_REPLY_LINES:
                    raise ReadLimitExceeded(f"sent a reply of more than {MAX_REPLY_LINES} lines")
            except OSError:
                self.close()
                raise
            if not line:
                self.close()
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            if not re.fullmatch(rb"[0-9]{3}", line[:3]) or line[3:4] not in (
                b" ",
                b"-",
                b"\r",
                b"\n",
                b"",
            ):
                # Not SMTP: keep the whole line, so an error can show what was said.
                code = -1
                texts.append(line.strip(b" \t\r\n"))
                break
            code = int(line[:3])
            texts.append(line[4:].strip(b" \t\r\n"))
            if line[3:4] != b"-":
                break
        text = b"\n".join(texts)
        if self.transcript is not None:
            self.transcript.received(code, text)
        return code, text


class _SMTP(_TranscriptMixin, smtplib.SMTP):
    pass


class _SMTP_SSL(_TranscriptMixin, smtplib.SMTP_SSL):
    pass


def _server_text(code: int, text: bytes | str) -> str:
    """The server's reply for a message: one line, printable, bounded."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return shown(text if code == -1 else f"{code} {text}")


# RFC 3463 enhanced status code at the start of a reply's text: class.subject.detail.
_ENHANCED = re.compile(rb"\s*([245])\.([0-9]{1,3})\.([0-9]{1,3})(?![0-9.])")
# Subjects that name the addressee: addressing (X.1), mailbox (X.2), destination
# network and routing (X.4, e.g. Microsoft's 5.4.1 "recipient address rejected").
_RECIPIENT_SUBJECTS = (b"1", b"2", b"4")

Stage = Literal["session", "sender", "recipient", "data", "message"]


def _judge(code: int, text: bytes, stage: Stage) -> tuple[About, bool]:
    """What a refusal at `stage` is about, and whether it is permanent.

    Only what the reply itself says can make it about the recipient: a RCPT
    refusal whose enhanced code (RFC 3463) is about addressing, the mailbox or
    the destination, or, without one, the basic codes RFC 5321 gives for an
    unusable mailbox (550, 551, 553, and 450 for the passing kind). Anything
    that is not a 4xx or 5xx reply is "unreadable", and never permanent.
    """
    if not 400 <= code <= 599:
        return "unreadable", False
    permanent = code >= 500
    if code == 421:  # the server is closing the session, whatever the stage
        return "session", False
    enhanced = _ENHANCED.match(text)
    names_recipient = (
        enhanced.group(2) in _RECIPIENT_SUBJECTS
        if enhanced and enhanced.group(2) != b"0"
        else code in (450, 550, 551, 553)
    )
    if stage == "sender":
        return "sender", permanent
    if stage == "recipient":
        return ("recipient" if names_recipient else "session"), permanent
    if stage == "message":
        return ("recipient" if enhanced and names_recipient else "message"), permanent
    return "session", permanent


class SmtpSession:
    """One connection and one login, reused for every message of a command.

    `deadline` seconds bound the whole session from the moment it first
    connects (retries included); `timeout` bounds any single wait.
    """

    def __init__(
        self,
        config: Endpoint,
        password: str | sasl.BearerToken,
        *,
        debug: IO[str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = TIMEOUT_SECONDS,
        deadline: float = DEADLINE_SECONDS,
    ) -> None:
        refuse_plaintext_off_machine("smtp", config.security, config.host)
        self.config = config
        self._password = password
        self._debug = debug
        self._sleep = sleep
        self._timeout = timeout
        self._deadline_seconds = deadline
        self._deadline: Deadline | None = None
        self._connection: smtplib.SMTP | None = None
        self.mechanism: str | None = None  # the SASL mechanism of the login, once logged in

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self._deadline is not None:
            self._deadline.shorten(CLOSE_SECONDS)
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()

    # --- connecting ---------------------------------------------------------

    def _describe(self) -> str:
        return f"{self.config.host}:{self.config.port}"

    def connect(self) -> None:
        """Connect, secure and log in; failures are `DeliveryRefused` (nothing sent yet)."""
        if self._connection is not None:
            return
        if self._deadline is None:
            self._deadline = Deadline(self._deadline_seconds, self._timeout)
        try:
            self._connection = self._open(self._deadline)
            self._login(self._connection)
        except DeliveryRefused:
            self.close()
            raise
        except smtplib.SMTPServerDisconnected as error:
            self._abandon()
            raise DeliveryRefused(
                f"{self._describe()} closed the connection ({shown(str(error))}): check "
                "smtp.port and smtp.security.",
                permanent=False,
                about="session",
            ) from None
        except smtplib.SMTPResponseException as error:
            # A greeting or EHLO that refuses us, or is not SMTP at all.
            self._abandon()
            text = error.smtp_error
            about, permanent = _judge(
                error.smtp_code, text if isinstance(text, bytes) else text.encode(), "session"
            )
            raise DeliveryRefused(
                f"{self._describe()} refused the connection "
                f"({_server_text(error.smtp_code, error.smtp_error)}): check smtp.host and "
                "smtp.port, or try later.",
                permanent=permanent,
                about=about,
            ) from None
        except smtplib.SMTPException as error:
            self._abandon()
            raise DeliveryRefused(
                f"{self._describe()} could not be used ({shown(str(error))}): check smtp.security.",
                permanent=False,
                about="session",
            ) from None
        except OSError as error:
            self._abandon()
            raise DeliveryRefused(
                connect_failure("smtp", self.config.host, self.config.port, error),
                permanent=is_permanent_connect_failure(error),
                about="session",
            ) from None

    def _abandon(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def _open(self, deadline: Deadline) -> smtplib.SMTP:
        config = self.config
        reader = BoundedReader(deadline)
        transcript = SmtpTranscript(self._debug) if self._debug is not None else None
        if config.security == "tls":
            connection: smtplib.SMTP = _SMTP_SSL(
                config.host,
                config.port,
                timeout=deadline.timeout(),
                context=tls_context(config.cafile),
                reader=reader,
                transcript=transcript,
            )
        else:
            connection = _SMTP(
                config.host,
                config.port,
                timeout=deadline.timeout(),
                reader=reader,
                transcript=transcript,
            )
        try:
            self._secure(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _secure(self, connection: smtplib.SMTP) -> None:
        config = self.config
        connection.ehlo()
        if config.security == "starttls":
            if not connection.has_extn("starttls"):
                # Never fall back to plaintext: that would send the password in clear.
                raise DeliveryRefused(
                    f"{self._describe()} does not offer STARTTLS, so the password would travel "
                    'unencrypted: use security = "tls" (usually port 465) or another server.',
                    permanent=True,
                    about="session",
                )
            code, text = connection.starttls(context=tls_context(config.cafile))
            if code != 220:
                raise DeliveryRefused(
                    f"{self._describe()} refused STARTTLS ({_server_text(code, text)}).",
                    permanent=True,
                    about="session",
                )
            connection.ehlo()

    def _login(self, connection: smtplib.SMTP) -> None:
        if not self.config.username:
            return
        if isinstance(self._password, sasl.BearerToken):
            self._login_with_token(connection, self._password)
            return
        try:
            connection.login(self.config.username, self._password)
        except smtplib.SMTPAuthenticationError as error:
            words = _server_text(error.smtp_code, error.smtp_error)
            raise DeliveryRefused(
                password_login_off("smtp", self.config.host, self.config.username, words)
                or f"{self.config.host} refused the login for {self.config.username} "
                f"({words}): store the right password with `feedback-mailer auth set smtp` "
                "(providers such as Gmail and iCloud need an app password).",
                permanent=True,
                about="session",
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise DeliveryRefused(
                f"{self._describe()} does not offer AUTH on this connection: check smtp.security.",
                permanent=True,
                about="session",
            ) from None
        self.mechanism = "password"

    def _login_with_token(self, connection: smtplib.SMTP, credential: sasl.BearerToken) -> None:
        """OAUTHBEARER or XOAUTH2; a refused token from a cache is renewed once."""
        config = self.config
        offered = connection.esmtp_features.get("auth", "").split()
        mechanism = sasl.choose(offered)
        if mechanism is None:
            raise DeliveryRefused(
                f"{self._describe()} does not offer OAuth2 sign-in (XOAUTH2 or OAUTHBEARER; "
                f"it offers {shown(' '.join(offered), 80) or 'no AUTH'}): check smtp.host, or "
                'set smtp.auth = "password".',
                permanent=True,
                about="session",
            )
        token, renew = credential.token, credential.renew
        while True:
            responder = sasl.Responder(mechanism, config.username, token, config.host, config.port)
            try:
                connection.auth(mechanism, responder, initial_response_ok=True)
            except smtplib.SMTPAuthenticationError as error:
                if renew is None:
                    raise DeliveryRefused(
                        f"{config.host} refused the OAuth2 sign-in for {config.username} "
                        f"({_server_text(error.smtp_code, error.smtp_error)}): check that "
                        "smtp.username is the account you signed in as and that the app may "
                        'send mail (README, "Signing in with OAuth2"), or sign in again with '
                        "`feedback-mailer auth login`.",
                        permanent=True,
                        about="session",
                    ) from None
                try:
                    token = renew()
                except CredentialError as failure:
                    raise SignInExpired(str(failure)) from None
                renew = None
                continue
            self.mechanism = mechanism
            return

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
                if self._deadline is not None and self._deadline.passed():
                    raise  # another try could not even begin
                self._sleep(BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)])

    def _send_once(self, raw: bytes, sender: str, recipient: str, smtputf8: bool) -> None:
        self.connect()
        connection = self._connection
        if connection is None:  # connect() either sets it or raises
            raise DeliveryRefused(
                f"Not connected to {self._describe()}.", permanent=False, about="session"
            )
        options: list[str] = []
        if smtputf8:
            if not connection.has_extn("smtputf8"):
                raise DeliveryRefused(
                    f"{self.config.host} cannot send to or from non-ASCII addresses (no "
                    "SMTPUTF8): use an ASCII address or another server.",
                    permanent=True,
                    about="session",
                )
            options = ["SMTPUTF8", "BODY=8BITMIME"]
        data_begun = False
        try:
            self._command(connection.mail(sender, options), "MAIL FROM", "sender")
            self._command(connection.rcpt(recipient), f"RCPT TO {recipient}", "recipient")
            self._command(connection.docmd("DATA"), "DATA", "data", expect=354)
            data_begun = True
            connection.send(_dot_stuffed(raw))
            code, text = connection.getreply()
        except DeliveryRefused:
            self._reset(connection)
            raise
        except (smtplib.SMTPException, OSError, ValueError) as error:
            self._abandon()
            reason = self._broke(error)
            if data_begun:
                raise DeliveryUncertain(
                    "The message may or may not have been delivered: while it was being sent, "
                    f"{reason}."
                ) from None
            raise DeliveryRefused(
                f"The message was not sent: {reason}.", permanent=False, about="session"
            ) from None
        if 200 <= code <= 299:
            return
        if not 400 <= code <= 599:
            # Neither yes nor no once the message was handed over: it may have been taken.
            self._abandon()
            raise DeliveryUncertain(
                f"{self.config.host} gave an unreadable answer to the message "
                f"({_server_text(code, text)}): it may or may not have been delivered."
            )
        self._reset(connection)
        about, permanent = _judge(code, text, "message")
        raise DeliveryRefused(
            f"{self.config.host} refused the message: {_server_text(code, text)}.",
            permanent=permanent,
            about=about,
        )

    def _broke(self, error: BaseException) -> str:
        """What broke the conversation after connecting, as a clause."""
        if self._deadline is not None and self._deadline.passed():
            error = DeadlineExceeded(self._deadline_seconds)
        if isinstance(error, smtplib.SMTPServerDisconnected):
            return f"{self._describe()} closed the connection ({shown(str(error))})"
        if isinstance(error, smtplib.SMTPResponseException):
            return (
                f"{self._describe()} broke off the conversation "
                f"({_server_text(error.smtp_code, error.smtp_error)})"
            )
        return what_broke(self._describe(), error)

    def _command(
        self, reply: tuple[int, bytes], what: str, stage: Stage, expect: int = 250
    ) -> None:
        code, text = reply
        ok = code == expect or (expect == 250 and code == 251)
        if not ok:
            about, permanent = _judge(code, text, stage)
            words = _server_text(code, text)
            if about == "unreadable":
                message = f"{self.config.host} gave an unreadable answer to {what} ({words})."
            else:
                message = f"{self.config.host} refused {what}: {words}."
            raise DeliveryRefused(message, permanent=permanent, about=about)

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
