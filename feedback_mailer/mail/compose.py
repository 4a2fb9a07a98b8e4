"""Turn rendered text into the exact message that will be sent.

Every value bound for a header is checked for control characters first
(header injection must be impossible, whatever the email package would do),
names and subjects are RFC 2047 encoded by the email package, and the bytes
produced here are the bytes stored and sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from feedback_mailer.base.errors import InputError
from feedback_mailer.base.textsafety import require_clean_body, require_single_line
from feedback_mailer.mail import flowed
from feedback_mailer.mail.addresses import domain_of, is_ascii

MAX_SUBJECT = 200

# Python's email package decodes RFC 2047 encoded words found inside a header
# value it is given, so "=?utf-8?q?=0D=0ABcc:...?=" would become a line break
# and a new header. Such look-alikes are refused; real text never needs them.
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[bBqQ]\?[^?]*\?=")


def header_text(value: str, what: str) -> str:
    """A value safe to put in a header: one line, no encoded-word look-alike,
    white space folded to single spaces (some of it would break RFC 2047)."""
    require_single_line(value, what)
    if _ENCODED_WORD.search(value):
        raise InputError(
            f"The {what} {value!r} contains an encoded mail header (=?...?=): write the text "
            "itself instead."
        )
    return " ".join(value.split())


@dataclass(frozen=True)
class Party:
    name: str | None
    email: str

    def address(self) -> Address:
        name = header_text(self.name, "name") if self.name else ""
        require_single_line(self.email, "address")
        # Built from its parts: Address(addr_spec=...) refuses a non-ASCII local
        # part even where SMTPUTF8 allows it; the address was validated already.
        username, _, domain = self.email.rpartition("@")
        return Address(display_name=name, username=username, domain=domain)

    def encoded(self) -> str:
        """`Name <addr>` for an ASCII address: quoted, or encoded words for non-ASCII names."""
        name = header_text(self.name, "name") if self.name else ""
        address = require_single_line(self.email, "address")
        if not name:
            return address
        if name.isascii():
            return formataddr((name, address))
        return f"{Header(name, 'utf-8', header_name='To').encode()} <{address}>"


def encode_unstructured(value: str, header: str) -> str:
    """RFC 2047 encoded words (UTF-8) for non-ASCII text, folded under 78 columns."""
    charset = "us-ascii" if value.isascii() else "utf-8"
    return Header(value, charset, header_name=header).encode()


@dataclass(frozen=True)
class Thread:
    """Threading headers for a reply: the message it answers and the chain so far."""

    in_reply_to: str
    references: tuple[str, ...]


def new_message_id(sender_email: str) -> str:
    domain = domain_of(sender_email)
    if not domain.isascii():
        domain = domain.encode("idna").decode("ascii")
    return make_msgid(domain=domain)


def reply_subject(original: str) -> str:
    """`Re: ` + the original subject, with exactly one `Re:` however many it had."""
    stripped = re.sub(r"^\s*((re|aw|sv)\s*(\[\d+\])?\s*:\s*)+", "", original, flags=re.IGNORECASE)
    return f"Re: {stripped}"


def check_subject(subject: str) -> str:
    subject = header_text(subject, "subject")
    if not subject:
        raise InputError("The subject is empty: write one line such as 'Feedback on my interview'.")
    if len(subject) > MAX_SUBJECT:
        raise InputError(
            f"The subject is {len(subject)} characters long: keep it under {MAX_SUBJECT}."
        )
    return subject.strip()


def build_message(
    *,
    sender: Party,
    recipient: Party,
    subject: str,
    text: str,
    html: str | None,
    message_id: str,
    date: datetime,
    thread: Thread | None = None,
) -> EmailMessage:
    # SMTPUTF8 lets non-ASCII addresses into the headers; such a message is only
    # sent to a server that offers the extension (see smtp.SmtpSession.send).
    utf8 = needs_smtputf8(sender.email, recipient.email)
    message = EmailMessage(policy=policy.SMTPUTF8 if utf8 else policy.SMTP)
    if utf8:
        message["From"] = sender.address()
        message["To"] = recipient.address()
        message["Subject"] = check_subject(subject)
    else:
        # Encoded here rather than by the email package's folder, which can
        # lose or add a space where it splits a long non-ASCII value.
        message.set_raw("From", sender.encoded())
        message.set_raw("To", recipient.encoded())
        message.set_raw("Subject", encode_unstructured(check_subject(subject), "Subject"))
    message["Date"] = format_datetime(date)
    message["Message-ID"] = require_single_line(message_id, "Message-ID")
    if thread is not None:
        message["In-Reply-To"] = require_single_line(thread.in_reply_to, "In-Reply-To")
        chain = " ".join((*thread.references, thread.in_reply_to))
        message["References"] = require_single_line(chain, "References")
    message["MIME-Version"] = "1.0"
    # Paragraphs are wrapped under 79 columns as format=flowed (RFC 3676), so every
    # client shows them well and the ones that know it rejoin them.
    body = flowed.encode(require_clean_body(text, "message text"))
    message.set_content(body, cte=_transfer_encoding(body), params={"format": "flowed"})
    if html is not None:
        message.add_alternative(require_clean_body(html, "HTML part"), subtype="html")
    return message


def _transfer_encoding(text: str) -> str:
    # Readable in any client's "view source" when ASCII; quoted-printable keeps
    # non-ASCII text 7-bit safe for servers without 8BITMIME.
    return (
        "7bit"
        if text.isascii() and all(len(line) < 998 for line in text.splitlines())
        else "quoted-printable"
    )


def plain_text(message: EmailMessage) -> str:
    """The text of a message's plain part as it was written: one line per paragraph
    (format=flowed joined again), '' when it has none."""
    body = message.get_body(preferencelist=("plain",))
    if body is None:
        return ""
    text = str(body.get_content())
    if str(body.get_param("format", "")).lower() == "flowed":
        return flowed.decode(text)
    return text


def needs_smtputf8(*addresses: str) -> bool:
    return not all(is_ascii(address) for address in addresses)


def to_bytes(message: EmailMessage, *, smtputf8: bool) -> bytes:
    """The exact bytes to store and send (CRLF line ends, as on the wire)."""
    chosen = policy.SMTPUTF8 if smtputf8 else policy.SMTP
    return message.as_bytes(policy=chosen)
