"""Header fields read raw: values, Message-IDs, the sender, the date, and parsing.

Values are read through `Message.raw_items()` rather than the policy's header
objects, so that a malformed header can never make a structured-header parser
raise, and so that the same code works for messages parsed with any policy
(including the header-only ones the IMAP scanner builds from
``BODY.PEEK[HEADER.FIELDS (...)]``). Every value comes out as a valid str: raw
8-bit bytes (RFC 6532 UTF-8, or a stray Latin-1 byte) are decoded, never left as
the surrogate escapes the parser keeps them as, so that anything read here can
be stored and printed.

References: RFC 5322 (Message-ID, In-Reply-To, References, Date), RFC 2047
(encoded words), RFC 6532 (UTF-8 headers).
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime

from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.mail.classify import limits

# The header fields the IMAP scanner fetches for every new message: what
# `is_bounce`, `is_auto_reply`, `referenced_ids`, `sender_address` and
# `message_date` read.
HEADER_FIELDS: tuple[str, ...] = (
    "Message-ID",
    "In-Reply-To",
    "References",
    "From",
    "Date",
    "Subject",
    "Auto-Submitted",
    "X-Autoreply",
    "X-Autorespond",
    "Precedence",
    "Content-Type",
    "Return-Path",
    "X-Failed-Recipients",
    "X-MS-Exchange-Inbox-Rules-Loop",
    "X-Apple-Action",
)

# A Date before this is not believed (no mail of ours is older); one more than a day
# ahead of now is not believed either. The caller uses the server's arrival time.
EARLIEST_DATE = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_ALLOWANCE = timedelta(days=1)

_ESCAPED = re.compile("[\udc80-\udcff]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


_HANDLER = "feedback_mailer.classify.latin1"
codecs.register_error(_HANDLER, _latin1_fallback)


def safe_text(value: str) -> str:
    """`value` with raw 8-bit bytes decoded and no lone surrogates left.

    The email parser keeps bytes it could not decode as surrogate escapes
    (U+DC80-U+DCFF). Each run of them is turned back into bytes and decoded as
    UTF-8 where that is valid (RFC 6532), byte by byte as Latin-1 where it is not
    (the commonest undeclared 8-bit charset); any other lone surrogate becomes
    U+FFFD.
    """
    if _ESCAPED.search(value):
        value = _ESCAPED.sub(
            lambda m: m.group(0).encode("utf-8", "surrogateescape").decode("utf-8", _HANDLER),
            value,
        )
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    return value


def decode_bytes(data: bytes) -> str:
    """Bytes of unknown charset as text: UTF-8 where valid, else Latin-1."""
    return data.decode("utf-8", _HANDLER)


def unfold(value: str) -> str:
    return re.sub(r"\r\n|\r|\n", "", value)


def raw_values(msg: Message, name: str) -> list[str]:
    """Every value of header `name`, unfolded, undecoded (but valid str); never raises."""
    wanted = name.lower()
    out: list[str] = []
    try:
        items = list(msg.raw_items())
    except Exception:
        return out
    for key, value in items:
        try:
            if str(key).strip().lower() == wanted:
                out.append(safe_text(unfold(str(value))))
        except Exception:
            continue
    return out


def raw_first(msg: Message, name: str) -> str | None:
    values = raw_values(msg, name)
    return values[0] if values else None


def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words; the raw value if that fails. Never surrogates."""
    if "=?" not in value:
        return value
    try:
        return safe_text(str(make_header(decode_header(value))))
    except Exception:
        return value


def first_token(value: str) -> str:
    """The leading token of a header value, lowercased: "no (comment)" -> "no"."""
    parts = re.split(r"[\s;(,]", value.strip(), maxsplit=1)
    return parts[0].strip().lower() if parts else ""


_PARAM_RE = LazyPattern(r";\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*=\s*(\"(?:[^\"\\]|\\.)*\"|[^;]*)")


def content_type(part: Message) -> tuple[str, dict[str, str]]:
    """(lowercase type/subtype, parameters with lowercase names) from the raw header."""
    raw = raw_first(part, "Content-Type")
    if raw is None:
        return "text/plain", {}
    main, _sep, _rest = raw.partition(";")
    ctype = main.strip().lower()
    if not re.fullmatch(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+", ctype):
        ctype = "text/plain"
    params: dict[str, str] = {}
    for match in _PARAM_RE.finditer(raw[len(main) : len(main) + 4_000]):
        key = match.group(1).lower()
        value = match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        params.setdefault(key, value)
    return ctype, params


def header_text(message: Message, name: str, *, decode: bool = False) -> str | None:
    """A header's text, read raw (a malformed header must not stop the scan), with
    whitespace collapsed and 8-bit bytes decoded; RFC 2047 words too if `decode`."""
    try:
        for value in raw_values(message, name):
            text = " ".join((decode_words(value) if decode else value).split())
            return text or None
    except Exception:
        return None
    return None


# --------------------------------------------------------------------------- ids


_BRACKETED_RE = LazyPattern(r"<([^<>]*)>")


def ids_in(value: str) -> list[str]:
    """Message-IDs in a header value, in order, as "<...>" without whitespace."""
    ids: list[str] = []
    outside: list[str] = []
    pos = 0
    for match in _BRACKETED_RE.finditer(value):
        outside.append(value[pos : match.start()])
        pos = match.end()
        inner = re.sub(r"\s+", "", match.group(1))
        if inner and inner.isprintable():
            ids.append(f"<{inner}>")
    outside.append(value[pos:])
    # Bare ids (no angle brackets, or an unbalanced one) still count when they look
    # like id-left@id-right; prose such as `Your message of "Mon, 1 Dec"` does not.
    for chunk in outside:
        for token in re.split(r"[\s,;]+", chunk):
            token = token.strip("<>()[]\"'")
            if re.fullmatch(r"[^\s@<>()\[\]\"',;]+@[^\s@<>()\[\]\"',;]+", token) and (
                token.isprintable()
            ):
                ids.append(f"<{token}>")
    return ids


def referenced_ids(headers: Message) -> set[str]:
    """Message-IDs ("<...>") named by In-Reply-To and References; never raises."""
    found: set[str] = set()
    try:
        for name in ("In-Reply-To", "References"):
            for value in raw_values(headers, name):
                found.update(ids_in(value))
    except Exception:
        return found
    return found


# --------------------------------------------------------------------------- sender

ADDR_SPEC_RE = LazyPattern(r"[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\"]+")


def from_addresses(headers: Message) -> list[str]:
    """The From header's addresses as written (domain possibly missing)."""
    raw = raw_first(headers, "From")
    if raw is None:
        return []
    out: list[str] = []
    try:
        pairs = getaddresses([raw])
    except Exception:
        pairs = []
    for _name, addr in pairs:
        addr = addr.strip().strip("<>").strip()
        if addr:
            out.append(addr)
    if not any("@" in addr for addr in out):
        # Unparseable: take an address-looking word, but never one from a display
        # name when the parser found a real address.
        out.extend(m.group(0) for m in ADDR_SPEC_RE.finditer(raw))
    return out


def sender_address(headers: Message) -> str | None:
    """The bare lowercase addr-spec of From; None if there is none."""
    try:
        for addr in from_addresses(headers):
            if ADDR_SPEC_RE.fullmatch(addr) and addr.isprintable():
                return addr.lower()
    except Exception:
        return None
    return None


# --------------------------------------------------------------------------- date


def message_date(headers: Message, now: datetime | None = None) -> datetime | None:
    """The Date header as an aware UTC datetime; "-0000" (zone unknown) is taken as UTC.

    None when it is missing, unreadable, before 1990, or more than a day after `now`
    (default: the current time): such a date says nothing about when the message
    was written, and the caller falls back to the server's arrival time.
    """
    try:
        raw = raw_first(headers, "Date")
        if raw is None or not raw.strip() or len(raw) > 200:
            return None
        parsed = parsedate_to_datetime(raw.strip())
        if parsed.tzinfo is None:  # "-0000" or no zone at all
            parsed = parsed.replace(tzinfo=UTC)
        parsed = parsed.astimezone(UTC)
        latest = (now or datetime.now(UTC)).astimezone(UTC) + FUTURE_ALLOWANCE
        if parsed < EARLIEST_DATE or parsed > latest:
            return None
        return parsed
    except Exception:
        return None


# --------------------------------------------------------------------------- parsing

_HEADER_PARSER = BytesHeaderParser()  # compat32: no email.policy import at start-up


def read_headers(raw: bytes) -> Message:
    """Header fields only, as the IMAP scan fetches them for every new message; the
    header block is cut to the reader's bounds first (see `limits`)."""
    head, _notes = limits.bound_headers(raw[: limits.MAX_MESSAGE_BYTES])
    return _HEADER_PARSER.parsebytes(head)


def read_message(raw: bytes) -> Message:
    """A whole message, for the few that matched a request.

    The bytes are cut to the reader's bounds first (size, header fields and lines,
    MIME depth and parts; see `limits.bound_message`), so no message can make the
    parser recurse without end or take time out of proportion to those bounds.
    """
    from email import message_from_bytes, policy  # heavy to import: only when needed

    bounded, _notes = limits.bound_message(raw)
    return message_from_bytes(bounded, policy=policy.default)


def fold(text: str) -> str:
    """For matching words: lowercase, accents removed, "-"/"_" as spaces, whitespace
    collapsed ("Réponse_automatique" -> "reponse automatique")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-_]", " ", stripped.casefold()).split())
