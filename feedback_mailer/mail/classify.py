"""Tell an answer from an auto-reply from a bounce.

Pure logic over parsed `email.message.Message` objects (parse with
`email.policy.default`): no IMAP, no database. Every public function is total:
garbage in gives `None`, an empty value or "answer"-safe defaults out, never an
exception.

Header values are read through `Message.raw_items()` rather than the policy's
header objects, so that a malformed header can never make a structured-header
parser raise, and so that the same code works for messages parsed with any
policy (including the header-only ones the IMAP scanner builds from
``BODY.PEEK[HEADER.FIELDS (...)]``).

References: RFC 5322 (Message-ID, In-Reply-To, References), RFC 3834
(Auto-Submitted), RFC 3464 (delivery status notifications), RFC 3463
(enhanced status codes), RFC 6522 (multipart/report).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import quopri
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

from feedback_mailer.lazyre import LazyPattern

__all__ = [
    "AUTO_REPLY_SUBJECT_PHRASES",
    "AUTO_REPLY_SUBJECT_STARTS",
    "HEADER_FIELDS",
    "RETURN_DATE_HORIZON_DAYS",
    "BounceInfo",
    "Classification",
    "body_text",
    "classify",
    "find_return_date",
    "header_text",
    "is_auto_reply",
    "is_bounce",
    "message_date",
    "parse_bounce",
    "read_headers",
    "read_message",
    "referenced_ids",
    "sender_address",
]

# The header fields the IMAP scanner fetches for every new message.
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
)

# An out-of-office return date further out than this is ignored (SPEC, etiquette 5).
RETURN_DATE_HORIZON_DAYS = 30

# Subject phrases that mark an automatic reply wherever they occur in the subject
# (matched case- and accent-insensitively, as whole words; "-"/"_" count as spaces).
AUTO_REPLY_SUBJECT_PHRASES: tuple[str, ...] = (
    "Automatic reply",
    "Automated reply",
    "Automatic response",
    "Automated response",
    "Auto reply",
    "Autoreply",
    "Auto response",
    "Autoresponse",
    "Out of office",
    "Out of the office",
    "OOO",
    "Vacation reply",
    "Vacation response",
    "Away from the office",
    "Away from office",
    "Abwesenheitsnotiz",
    "Automatische Antwort",
    "Réponse automatique",
    "Respuesta automática",
    "Risposta automatica",
    "Resposta automática",
    "Automatisch antwoord",
    "Automatiskt svar",
    "Automatisk svar",
    "Automaattinen vastaus",
    "Automatyczna odpowiedź",
    "Automatická odpověď",
    "Autosvar",
)

# Words that mark an automatic reply only when the subject starts with them (after
# "Re:"/"AW:"/... prefixes and "[tags]"): too ordinary to be trusted anywhere.
AUTO_REPLY_SUBJECT_STARTS: tuple[str, ...] = (
    "Absence",
    "Absent",
    "Abwesend",
    "Abwesenheit",
    "Afwezig",
    "Away",
    "On vacation",
    "On holiday",
    "On leave",
    "Vacation",
    "Holiday",
    "Nicht im Büro",
    "Frånvarande",
)

_NEGATIVE_VALUES = frozenset({"no", "false", "0", "off"})
_AUTO_PRECEDENCE = frozenset({"auto_reply", "auto-reply", "bulk", "junk"})
_DAEMON_LOCAL_PARTS = frozenset({"mailer-daemon", "mailer_daemon", "mailerdaemon", "postmaster"})
_MAX_DEPTH = 20
_MAX_TEXT = 100_000


@dataclass(frozen=True)
class BounceInfo:
    """What a delivery failure report says."""

    hard: bool  # Action: failed or status 5.x.x -> True; 4.x.x / Action: delayed -> False
    status: str | None  # RFC 3463 enhanced status, e.g. "5.1.1"
    diagnostic: str | None  # one trimmed line, <= 200 chars
    recipients: tuple[str, ...]  # failed recipients' addr-specs, lowercased
    message_ids: tuple[str, ...]  # Message-IDs of the returned message ("<...>")


@dataclass(frozen=True)
class Classification:
    """What an incoming message is, with the details the caller stores."""

    kind: str  # "answer" | "auto_reply" | "bounce"
    bounce: BounceInfo | None  # for kind == "bounce"
    return_date: date | None  # for kind == "auto_reply" when the text names one
    excerpt: str  # first meaningful lines of the text body, <= 300 chars


_EMPTY_BOUNCE = BounceInfo(hard=False, status=None, diagnostic=None, recipients=(), message_ids=())


# --------------------------------------------------------------------------- headers


def _unfold(value: str) -> str:
    return re.sub(r"\r\n|\r|\n", "", value)


def _raw_values(msg: Message, name: str) -> list[str]:
    """Every value of header `name`, unfolded, undecoded; never raises."""
    wanted = name.lower()
    out: list[str] = []
    try:
        items = list(msg.raw_items())
    except Exception:
        return out
    for key, value in items:
        try:
            if str(key).strip().lower() == wanted:
                out.append(_unfold(str(value)))
        except Exception:
            continue
    return out


def _raw_first(msg: Message, name: str) -> str | None:
    values = _raw_values(msg, name)
    return values[0] if values else None


def _decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words; the raw value if that fails."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except Exception:
        return value


def _first_token(value: str) -> str:
    """The leading token of a header value, lowercased: "no (comment)" -> "no"."""
    parts = re.split(r"[\s;(,]", value.strip(), maxsplit=1)
    return parts[0].strip().lower() if parts else ""


_PARAM_RE = LazyPattern(r";\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*=\s*(\"(?:[^\"\\]|\\.)*\"|[^;]*)")


def _content_type(part: Message) -> tuple[str, dict[str, str]]:
    """(lowercase type/subtype, parameters) parsed from the raw header."""
    raw = _raw_first(part, "Content-Type")
    if raw is None:
        return "text/plain", {}
    main, _sep, _rest = raw.partition(";")
    ctype = main.strip().lower()
    if not re.fullmatch(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+", ctype):
        ctype = "text/plain"
    params: dict[str, str] = {}
    for match in _PARAM_RE.finditer(raw[len(main) :]):
        key = match.group(1).lower()
        value = match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        params.setdefault(key, value)
    return ctype, params


# --------------------------------------------------------------------------- ids, sender, date


_BRACKETED_RE = LazyPattern(r"<([^<>]*)>")


def _ids_in(value: str) -> list[str]:
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
            for value in _raw_values(headers, name):
                found.update(_ids_in(value))
    except Exception:
        return found
    return found


_ADDR_SPEC_RE = LazyPattern(r"[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\"]+")


def _from_addresses(headers: Message) -> list[str]:
    """The From header's addresses as written (domain possibly missing)."""
    raw = _raw_first(headers, "From")
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
        out.extend(m.group(0) for m in _ADDR_SPEC_RE.finditer(raw))
    return out


def sender_address(headers: Message) -> str | None:
    """The bare lowercase addr-spec of From; None if there is none."""
    try:
        for addr in _from_addresses(headers):
            if _ADDR_SPEC_RE.fullmatch(addr) and addr.isprintable():
                return addr.lower()
    except Exception:
        return None
    return None


def message_date(headers: Message) -> datetime | None:
    """The Date header as an aware UTC datetime; "-0000" (zone unknown) is taken as UTC."""
    try:
        raw = _raw_first(headers, "Date")
        if raw is None or not raw.strip():
            return None
        parsed = parsedate_to_datetime(raw.strip())
        if parsed.tzinfo is None:  # "-0000" or no zone at all
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except Exception:
        return None


# --------------------------------------------------------------------------- kind of message


def is_bounce(headers: Message) -> bool:
    """A delivery status report, or a message from MAILER-DAEMON / postmaster."""
    try:
        # Fast path for the scanner's thousands of ordinary messages: neither
        # signal can be present unless these words appear in the raw headers.
        raw_type = (_raw_first(headers, "Content-Type") or "").lower()
        raw_from = (_raw_first(headers, "From") or "").lower()
        if "report" not in raw_type and not any(part in raw_from for part in _DAEMON_LOCAL_PARTS):
            return False
        ctype, params = _content_type(headers)
        if (
            ctype == "multipart/report"
            and params.get("report-type", "").strip().lower() == "delivery-status"
        ):
            return True
        for addr in _from_addresses(headers):
            local = addr.rsplit("@", 1)[0] if "@" in addr else addr
            if local.strip().strip('"').lower() in _DAEMON_LOCAL_PARTS:
                return True
    except Exception:
        return False
    return False


def _fold_for_match(text: str) -> str:
    """Lowercase, accents removed, "-"/"_" as spaces, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-_]", " ", stripped.casefold()).split())


def _phrase_pattern(phrases: tuple[str, ...], anchored: bool) -> LazyPattern:
    alternatives = "|".join(re.escape(_fold_for_match(p)) for p in phrases)
    if anchored:
        return LazyPattern(rf"^(?:{alternatives})(?!\w)")
    return LazyPattern(rf"(?<!\w)(?:{alternatives})(?!\w)")


_SUBJECT_PHRASE_RE = _phrase_pattern(AUTO_REPLY_SUBJECT_PHRASES, anchored=False)
_SUBJECT_START_RE = _phrase_pattern(AUTO_REPLY_SUBJECT_STARTS, anchored=True)
_SUBJECT_PREFIX_RE = LazyPattern(
    r"^(?:(?:re|aw|sv|antw|antwort|wg|fw|fwd|tr|r|rif|ref|vs|odp|ynt|res|enc)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*:\s*|\[[^\]]{0,60}\]\s*)+"
)


def _subject_is_auto(subject: str) -> bool:
    folded = _fold_for_match(subject)
    if _SUBJECT_PHRASE_RE.search(folded):
        return True
    rest = _SUBJECT_PREFIX_RE.sub("", folded)
    return bool(_SUBJECT_START_RE.search(rest))


def is_auto_reply(headers: Message) -> bool:
    """RFC 3834 and de-facto auto-reply markers, or an out-of-office subject.

    A header marker counts when present with any value but an explicit negative
    ("no", "false", "0", "off"). A multipart/report that is not a delivery-status
    report (e.g. a read receipt, report-type=disposition-notification) is machine-made
    and counts too. An ordinary "Re: Feedback on my interview" does not.
    """
    try:
        for name in ("Auto-Submitted", "X-Autoreply", "X-Autorespond"):
            for value in _raw_values(headers, name):
                if _first_token(value) not in _NEGATIVE_VALUES:
                    return True
        for value in _raw_values(headers, "Precedence"):
            if _first_token(value) in _AUTO_PRECEDENCE:
                return True
        ctype, params = _content_type(headers)
        if (
            ctype == "multipart/report"
            and params.get("report-type", "").strip().lower() != "delivery-status"
        ):
            return True
        return any(_subject_is_auto(_decode_words(s)) for s in _raw_values(headers, "Subject"))
    except Exception:
        return False


# --------------------------------------------------------------------------- bodies


def _children(part: Message) -> list[Message]:
    try:
        payload = part.get_payload()
    except Exception:
        return []
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    return []


def _to_bytes(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def _decode_bytes(data: bytes, charset: str) -> str:
    name = charset.strip().strip("\"'").lower() or "utf-8"
    if name in ("unknown-8bit", "x-unknown", "unknown", "default"):
        name = "utf-8"
    try:
        codecs.lookup(name)
        return data.decode(name, "replace")
    except Exception:
        return data.decode("utf-8", "replace")


def _b64decode(text: str) -> bytes:
    cleaned = re.sub(r"[^A-Za-z0-9+/]", "", text)
    if len(cleaned) % 4 == 1:
        cleaned = cleaned[:-1]
    try:
        return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except (binascii.Error, ValueError):
        return b""


def _leaf_text(part: Message) -> str:
    """The decoded text of a non-multipart part; never raises."""
    try:
        # The stored payload as parsed: from bytes, 8-bit octets are kept as
        # surrogate escapes, which get_payload() would already have decoded lossily
        # with the declared charset (or ASCII when that is unknown). A private but
        # long-stable attribute; get_payload() is the fallback.
        payload = getattr(part, "_payload", None)
        if payload is None:
            payload = part.get_payload()
        if isinstance(payload, bytes):
            payload = payload.decode("ascii", "surrogateescape")
        if not isinstance(payload, str):
            return ""
        cte = (_raw_first(part, "Content-Transfer-Encoding") or "").strip().lower()
        charset = _content_type(part)[1].get("charset", "")
        if cte == "base64":
            data = _b64decode(payload)
        elif cte == "quoted-printable":
            data = quopri.decodestring(_to_bytes(payload))
        elif any("\udc80" <= c <= "\udcff" for c in payload):
            data = _to_bytes(payload)  # parsed from bytes: undo surrogateescape
        else:
            return payload  # already text (parsed from str, or plain ASCII)
        return _decode_bytes(data, charset)
    except Exception:
        return ""


class _HTMLText(HTMLParser):
    """Text of an HTML body; <blockquote> content comes out as "> " quoted lines."""

    _BLOCK = frozenset(
        {"br", "p", "div", "tr", "li", "ul", "ol", "table", "hr", "pre", "blockquote"}
        | {"h1", "h2", "h3", "h4", "h5", "h6", "title", "section", "article", "header"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0
        self._quote = 0

    def _newline(self) -> None:
        self.chunks.append("\n" + ("> " if self._quote else ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        if tag == "blockquote":
            self._quote += 1
        if tag in self._BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        if tag == "blockquote":
            self._quote = max(0, self._quote - 1)
        if tag in self._BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(re.sub(r"\s+", " ", data))


def _html_to_text(markup: str) -> str:
    try:
        parser = _HTMLText()
        parser.feed(markup)
        parser.close()
        text = "".join(parser.chunks)
    except Exception:
        text = html.unescape(re.sub(r"<[^>]*>", " ", markup))
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _is_attachment(part: Message) -> bool:
    disposition = _raw_first(part, "Content-Disposition")
    return disposition is not None and _first_token(disposition) == "attachment"


def _text_leaves(part: Message, depth: int = 0) -> Iterator[tuple[str, Message]]:
    """(content type, part) of the leaves, not descending into message/* parts."""
    if depth > _MAX_DEPTH:
        return
    ctype, _params = _content_type(part)
    kids = _children(part)
    if kids:
        if ctype.startswith("message/") and depth > 0:
            yield ctype, part
            return
        for kid in kids:
            yield from _text_leaves(kid, depth + 1)
        return
    if ctype.startswith("multipart/"):  # no usable boundary: the parser kept it as text
        ctype = "text/plain"
    yield ctype, part


def _sanitise(text: str) -> str:
    """No lone surrogates, no NULs, bounded length."""
    text = text[:_MAX_TEXT].replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8", "replace")


def body_text(msg: Message) -> str:
    """The best plain text of a message: the first text/plain part that is not an
    attachment, else the first text/html part with tags stripped; "" if none."""
    try:
        plain: list[str] = []
        markup: list[str] = []
        for ctype, part in _text_leaves(msg):
            if _is_attachment(part):
                continue
            if ctype == "text/plain":
                plain.append(_leaf_text(part))
            elif ctype == "text/html":
                markup.append(_leaf_text(part))
        for text in plain:
            if text.strip():
                return _sanitise(text.replace("\r\n", "\n").replace("\r", "\n"))
        for text in markup:
            stripped = _html_to_text(text)
            if stripped.strip():
                return _sanitise(stripped)
        return ""
    except Exception:
        return ""


# --------------------------------------------------------------------------- own text, excerpt

_ATTRIB_START_RE = LazyPattern(r"^(?:on|am|le|el|il|op|em|den|dnia|w dniu)\s", re.I)
_ATTRIB_END_RE = LazyPattern(
    r"(?:wrote|writes|schrieb|a [ée]crit|escribi[óo]|ha scritto|schreef|escreveu|skrev"
    r"|kirjoitti|napisa[łl])\s*:\s*$",
    re.I,
)
_SEPARATOR_RE = LazyPattern(
    r"^\s*-{2,}\s*(?:original message|urspr\S*ngliche nachricht|message d'origine"
    r"|mensaje original|messaggio originale|oorspronkelijk bericht|forwarded message"
    r"|weitergeleitete nachricht)\s*-{2,}\s*$",
    re.I,
)
_RULE_RE = LazyPattern(r"^\s*[-_=*#~]{8,}\s*$")  # a horizontal rule made of characters
_QUOTE_HEADER_RE = LazyPattern(r"^\*?(?:from|von|de|da|van|från|fra|od)\s*:\*?\s", re.I)
_QUOTE_HEADER_NEXT_RE = LazyPattern(
    r"^\*?(?:sent|date|to|subject|gesendet|datum|an|betreff|envoy[ée]|enviado|fecha"
    r"|inviato|verzonden|skickat)\s*:",
    re.I,
)


def _own_lines(text: str) -> list[str]:
    """The writer's own lines: no quoted (">") lines or character rules, nothing from
    a reply attribution ("On ... wrote:"), a forwarded/original-message separator, an
    Outlook-style "From:/Sent:" block, or a signature delimiter ("-- ") onwards."""
    lines = text[:_MAX_TEXT].splitlines()
    out: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if line.rstrip() == "--":
            break
        if _SEPARATOR_RE.match(line):
            break
        if _RULE_RE.match(line):
            if any(_QUOTE_HEADER_RE.match(x.strip()) for x in lines[i + 1 : i + 3]):
                break  # Outlook: "____" then "From: ... Sent: ..."
            continue  # decoration (or a bilingual notice's divider): skip the line only
        if _ATTRIB_END_RE.search(stripped) and (
            _ATTRIB_START_RE.match(stripped)
            or any(x.strip().startswith(">") for x in lines[i + 1 : i + 3] if x.strip())
        ):
            break
        if (
            _ATTRIB_START_RE.match(stripped)
            and i + 1 < len(lines)
            and _ATTRIB_END_RE.search(lines[i + 1].strip())
        ):
            break
        if _QUOTE_HEADER_RE.match(stripped) and any(
            _QUOTE_HEADER_NEXT_RE.match(x.strip()) for x in lines[i + 1 : i + 4]
        ):
            break
        if stripped.startswith(">"):
            continue
        out.append(line)
    return out


def _shorten(text: str, limit: int) -> str:
    """Whitespace collapsed; cut at a word boundary with "…" to at most `limit` chars."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _excerpt(text: str) -> str:
    return _shorten(" ".join(_own_lines(text)), 300)


# --------------------------------------------------------------------------- return date

_WEEKDAY_NAMES = (
    ("mon", "monday"),
    ("tue", "tues", "tuesday"),
    ("wed", "weds", "wednesday"),
    ("thu", "thur", "thurs", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
)
_WD = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b\.?"
)
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_DAY_ORDINAL = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
_YEAR = r"(?:19|20)\d{2}\b"
_NUMERIC = (
    r"(?<![\d.:/-])(?:\d{4}-\d{1,2}-\d{1,2}"  # 2026-12-08
    r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})"  # 08/12/2026, 8.12.26
    r"|\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})"  # 08-12-2026
    r"|\d{1,2}/\d{1,2}"  # 12/8 (no year)
    r"|\d{1,2}\.\d{1,2}\.(?!\d))"  # 8.12. (German style, no year)
    r"(?![\d/:-]|\.\d)"
)
_DATE_RE = LazyPattern(
    rf"(?<!\w)(?:(?:{_WD},?\s+)?(?:"
    rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?"  # 8 December 2026
    rf"|{_MON}\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?"  # December 8, 2026
    rf"|{_NUMERIC}"
    rf"|the\s+{_DAY_ORDINAL}"  # the 8th
    rf")|{_WD}|tomorrow\b)",
    re.I,
)
_MONTH_ONLY_RE = LazyPattern(rf"(?<!\w){_MON}", re.I)
_DAY_RANGE_RE = LazyPattern(  # "1-4 December" -> "1 December to 4 December"
    rf"(?<!\w)((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\s*[-–—]\s*"
    rf"((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\s+(?:of\s+)?({_MON})",
    re.I,
)
_MONTH_RANGE_RE = LazyPattern(  # "December 1-4" -> "December 1 to December 4"
    rf"(?<!\w)({_MON})\s+((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\s*[-–—]\s*"
    rf"((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\b",
    re.I,
)
_SENTENCE_END_RE = LazyPattern(r"[.!?;]\s+(?=[A-Z])")
_WORD_RE = LazyPattern(r"[a-z]+(?:'[a-z]+)?|'til|[–—-]")

_RETURN_WORDS = frozenset(
    {"back", "return", "returning", "returns", "resume", "resuming", "resumes"}
    | {"available", "reachable", "reopen", "reopens", "reopening"}
)
_UNTIL_WORDS = frozenset({"until", "till", "til", "'til", "untill", "unitl"})
_THROUGH_WORDS = frozenset({"through", "thru", "including", "incl", "inclusive"})
_RANGE_WORDS = frozenset({"to", "-", "–", "—"})
_RANGE_START_RE = LazyPattern(r"\b(?:from|between)\s+(?:the\s+)?\d", re.I)
_STOP_WORDS = frozenset({"since", "before", "except", "besides"})

# How a date relates to the return, from the words before it.
_RETURN = "return"  # "back on X", "returning X": back on X
_UNTIL = "until"  # "out until X": back on X (the common reading of "until Monday")
_END = "end"  # "from A to X", "through X", "from A until X": last day away; back X + 1
_AFTER = "after"  # "back after X": back X + 1
_PRIORITY = {_RETURN: 0, _AFTER: 0, _END: 1, _UNTIL: 1}


def _context_kind(near: str, sentence: str, prev_linked: bool, prev_kind: str | None) -> str | None:
    """Classify a date by the words in front of it (`near`: since the previous date
    or the sentence start; `sentence`: since the sentence start)."""
    words = _WORD_RE.findall(near.lower())
    if not words:
        return prev_kind if prev_linked and re.fullmatch(r"[\s(,/]*", near) else None
    words = words[-10:]
    sentence_words = set(_WORD_RE.findall(sentence.lower()))
    ranged = prev_linked or bool(_RANGE_START_RE.search(sentence))
    significant = [w for w in words if w not in ("the", "on")]
    immediate = significant[-1] if significant else ""
    if immediate in _RANGE_WORDS and ranged:
        return _END
    if immediate == "and" and ranged and "between" in sentence_words:
        return _END
    if immediate in _THROUGH_WORDS:
        return _END
    has_return_word = any(w in _RETURN_WORDS for w in words)
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        before = words[max(0, index - 3) : index]
        if word in _UNTIL_WORDS:
            return _END if ranged and not has_return_word else _UNTIL
        if word in _RETURN_WORDS:
            return _RETURN
        if word == "office":
            if "out" in before:
                return None  # "out of the office on 30 November": a day away
            if any(w in ("in", "into", "to") for w in before):
                return _RETURN  # "in the office on ...", "return to the office ..."
        if word == "after":
            return _AFTER if has_return_word else None
        if word == "from":
            return _RETURN if has_return_word else None  # "back from X"; else a start date
        if word in _STOP_WORDS:
            return None
    return None


def _weekday_index(snippet: str) -> int | None:
    word = re.sub(r"[^a-z]", "", snippet.lower())
    for index, names in enumerate(_WEEKDAY_NAMES):
        if word in names:
            return index
    return None


def _next_day_of_month(day: int, start: date) -> date | None:
    year, month = start.year, start.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= start:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _next_month_day(month: int, day: int, start: date) -> date | None:
    for year in (start.year, start.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= start:
            return candidate
    return None


# Two defaults that differ in year, month and day, both leap years and both in 31-day
# months, so a field missing from a text shows as a difference between the two parses.
_DEFAULT_A = datetime(1972, 1, 1)
_DEFAULT_B = datetime(1976, 12, 28)


def _resolve(snippet: str, today: date, parse: Callable[..., datetime]) -> list[date]:
    """The calendar dates a date expression may mean (several when d/m vs m/d)."""
    text = snippet.strip().rstrip(".,")
    lowered = text.lower()
    if lowered == "tomorrow":
        return [today + timedelta(days=1)]
    if not re.search(r"\d", text) and not _MONTH_ONLY_RE.search(text):
        weekday = _weekday_index(text)
        if weekday is None:
            return []
        return [today + timedelta(days=(weekday - today.weekday()) % 7 or 7)]
    numeric = re.sub(r"(?<=\d)\.(?=\d)", "/", text).rstrip("./")
    if re.search(r"\d{4}-\d{1,2}-\d{1,2}", numeric):
        orders = [(False, True)]  # ISO: year, month, day
    elif re.search(r"\d[/-]\d", numeric):
        orders = [(True, False), (False, False)]  # d/m (UK, DE) and m/d (US)
    else:
        orders = [(False, False)]
    found: list[date] = []
    for dayfirst, yearfirst in orders:
        try:
            first = parse(
                numeric, fuzzy=True, dayfirst=dayfirst, yearfirst=yearfirst, default=_DEFAULT_A
            )
            second = parse(
                numeric, fuzzy=True, dayfirst=dayfirst, yearfirst=yearfirst, default=_DEFAULT_B
            )
        except Exception:
            continue
        if first.day != second.day:
            continue  # no day named
        if first.month != second.month:
            candidate = _next_day_of_month(first.day, today)  # "the 8th"
        elif first.year != second.year:
            candidate = _next_month_day(first.month, first.day, today)  # year missing
        else:
            candidate = first.date()
        if candidate is not None and candidate not in found:
            found.append(candidate)
    return found


def _expand_ranges(text: str) -> str:
    text = _DAY_RANGE_RE.sub(r"\1 \3 to \2 \3", text)
    return _MONTH_RANGE_RE.sub(r"\1 \2 to \1 \3", text)


def find_return_date(text: str, received: datetime) -> date | None:
    """The date an out-of-office writer is back, if it lies within 30 days after
    `received` (on or after its date); None otherwise. Never raises.

    Candidates are date expressions preceded by keywords (back, return(ing), until,
    till, from ... to/until, between ... and, through, after); each snippet is parsed
    with dateutil's fuzzy parser. Semantics chosen:

    * "back on X", "returning X", "in the office on X": X.
    * "until X" / "till X" alone: X (the common reading of "out until Monday").
    * the end of a range ("from A to X", "from A until X", "A - X", "between A and X",
      "through X", "up to and including X"): X is the last day away, so the day
      they are back, X + 1, is returned (a calendar day: it may be a Saturday; the
      caller adds business days anyway).
    * "back after X": X + 1.
    * A weekday alone: the next such day strictly after `received`; a missing year:
      the next occurrence on or after `received`'s date; a missing month ("the 8th"):
      the next such day of a month. Numeric d/m vs m/d: every reading is tried, the
      earliest one inside the window wins.
    * Return-keyword dates win over until/range ones; then the first in the text.
    """
    try:
        from dateutil import parser as date_parser

        if received.tzinfo is not None:
            received = received.astimezone(UTC)
        today = received.date()
        if today > date.max - timedelta(days=RETURN_DATE_HORIZON_DAYS + 7):
            return None  # no calendar room left after it
        horizon = today + timedelta(days=RETURN_DATE_HORIZON_DAYS)
        own = "\n".join(_own_lines(text[:20_000]))
        best: tuple[int, int, date] | None = None
        order = 0
        for paragraph in re.split(r"\n\s*\n", own):
            flat = _expand_ranges(" ".join(paragraph.split()))
            matches = list(_DATE_RE.finditer(flat))[:50]
            prev_end: int | None = None
            prev_kind: str | None = None
            for match in matches:
                start = match.start()
                boundaries = [m.end() for m in _SENTENCE_END_RE.finditer(flat, 0, start)]
                sentence_start = boundaries[-1] if boundaries else 0
                prev_linked = (
                    prev_end is not None and prev_end >= sentence_start and start - prev_end <= 80
                )
                near_start = max(sentence_start, start - 100)
                if prev_end is not None and prev_end > near_start:
                    near_start = prev_end
                kind = _context_kind(
                    flat[near_start:start], flat[sentence_start:start], prev_linked, prev_kind
                )
                prev_end, prev_kind = match.end(), kind
                order += 1
                if kind is None:
                    continue
                shift = timedelta(days=1) if kind in (_END, _AFTER) else timedelta(0)
                resolved = _resolve(match.group(0), today, date_parser.parse)
                dates = sorted(d + shift for d in resolved if d <= horizon)
                for back in dates:
                    if today <= back <= horizon:
                        key = (_PRIORITY[kind], order, back)
                        if best is None or key < best:
                            best = key
                        break
        return best[2] if best is not None else None
    except Exception:
        return None


# --------------------------------------------------------------------------- bounces

_STATUS_RE = LazyPattern(r"(?<![\w.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)")
_SMTP_LINE_RE = LazyPattern(r"(?<![\w.])([45][0-5]\d)[ -](?:([45]\.\d{1,3}\.\d{1,3})(?!\.?\d))?")
_ADDRESS_RE = LazyPattern(
    r"(?<![\w.+-])[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_MSGID_LINE_RE = LazyPattern(
    r"(?im)^[ \t>]*message-id[ \t]*:[ \t]*([^\r\n]*(?:\r?\n[ \t]+[^\r\n]*)*)"
)
_COPY_MARKER_RE = LazyPattern(
    r"(?im)^[ \t]*(?:-{2,}.*(?:copy of|original message|below this line|message header"
    r"|returned message|undelivered message|header of the original|headers of the original"
    r"|message follows).*"
    r"|(?:return-path|received|message-id|dkim-signature|delivered-to|x-original-to)[ \t]*:.*)$"
)
_HARD_PHRASES_RE = LazyPattern(
    r"permanent (?:error|failure)|failed permanently|permanently|i've given up|given up"
    r"|could not be delivered|couldn't be delivered|undeliverable|does not exist"
    r"|user unknown|no such user|address rejected",
    re.I,
)
_SOFT_PHRASES_RE = LazyPattern(
    r"not yet been delivered|delayed|will (?:continue|retry|keep)|still trying|temporar"
    r"|try again later|will be retried|is being retried|no action is required",
    re.I,
)


@dataclass
class _RecipientReport:
    recipients: list[str]
    action: str
    status: str | None
    diagnostic: str | None

    @property
    def hard(self) -> bool:
        if self.action:
            return self.action == "failed"
        return self.status is not None and self.status.startswith("5")

    @property
    def failing(self) -> bool:
        if self.action:
            return self.action in ("failed", "delayed")
        return self.status is not None and self.status[:1] in ("4", "5")


def _field_blocks(text: str) -> list[list[tuple[str, str]]]:
    """Blank-line separated blocks of "Name: value" fields (continuations joined)."""
    blocks: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        if line[:1] in (" ", "\t") and current:
            name, value = current[-1]
            current[-1] = (name, f"{value} {line.strip()}")
            continue
        match = re.match(r"([A-Za-z0-9-]+)[ \t]*:[ \t]*(.*)$", line)
        if match:
            current.append((match.group(1).lower(), match.group(2).strip()))
    if current:
        blocks.append(current)
    return blocks


def _delivery_status_blocks(part: Message) -> list[list[tuple[str, str]]]:
    """The field blocks of a message/delivery-status (or global-delivery-status) part."""
    kids = _children(part)
    if not kids:
        return _field_blocks(_leaf_text(part))
    blocks: list[list[tuple[str, str]]] = []
    for kid in kids:  # the parser made one header-only Message per block
        fields: list[tuple[str, str]] = []
        try:
            for key, value in kid.raw_items():
                fields.append((str(key).strip().lower(), " ".join(str(value).split())))
        except Exception:
            pass
        if fields:
            blocks.append(fields)
        rest = kid.get_payload()
        if isinstance(rest, str) and rest.strip():  # message/global-delivery-status
            blocks.extend(_field_blocks(rest))
    return blocks


def _rfc822_address(value: str) -> str | None:
    """`rfc822; Jane@Example.org` -> "jane@example.org"."""
    _kind, sep, rest = value.partition(";")
    address = (rest if sep else value).strip().strip("<>").strip()
    match = _ADDRESS_RE.search(address) or _ADDR_SPEC_RE.search(address)
    return match.group(0).lower() if match else None


def _clean_diagnostic(value: str) -> str | None:
    text = " ".join(value.split())
    kind, sep, rest = text.partition(";")
    if sep and re.fullmatch(r"[A-Za-z0-9-]+", kind.strip()):  # "smtp; 550 ..." / "X-Postfix; ..."
        text = rest.strip()
    # A multi-line SMTP reply ("550-5.1.1 ... 550-5.1.1 ... 550 5.1.1 ...") as one line:
    # keep the first code, drop the repeated ones.
    first = re.match(r"([45]\d\d)[ -]((?:[245]\.\d{1,3}\.\d{1,3})?)\s*", text)
    if first:
        code, status = first.group(1), first.group(2)
        repeated = rf"\s{code}[ -](?:{re.escape(status)}\s)?" if status else rf"\s{code}[ -]"
        body = re.sub(repeated, " ", text[first.end() :])
        text = " ".join(filter(None, (code, status, " ".join(body.split()))))
    return _shorten(text, 200) or None


def _recipient_reports(blocks: list[list[tuple[str, str]]]) -> list[_RecipientReport]:
    reports: list[_RecipientReport] = []
    for block in blocks:
        fields: dict[str, str] = {}
        for name, value in block:
            fields.setdefault(name, value)
        if not {"final-recipient", "original-recipient", "action", "status"} & fields.keys():
            continue  # the per-message block (Reporting-MTA, Arrival-Date, ...)
        recipients = [
            address
            for name in ("final-recipient", "original-recipient")
            if name in fields and (address := _rfc822_address(fields[name])) is not None
        ]
        status_match = _STATUS_RE.search(fields.get("status", ""))
        status = ".".join(status_match.groups()) if status_match else None
        diagnostic = fields.get("diagnostic-code")
        reports.append(
            _RecipientReport(
                recipients=recipients,
                action=_first_token(fields.get("action", "")),
                status=status,
                diagnostic=_clean_diagnostic(diagnostic) if diagnostic else None,
            )
        )
    return reports


def _logical_lines(text: str) -> list[str]:
    """Lines with indented continuation lines joined to the line before."""
    out: list[str] = []
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and out and out[-1].strip() and line.strip():
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out


def _report_text(text: str) -> str:
    """A bounce body up to where the copy of the returned message starts."""
    marker = _COPY_MARKER_RE.search(text)
    return text[: marker.start()] if marker else text


def _smtp_lines(report: str) -> list[tuple[str, str | None, str]]:
    """(basic code, enhanced status or None, the line from the code on) per SMTP reply."""
    found: list[tuple[str, str | None, str]] = []
    for line in _logical_lines(report):
        match = _SMTP_LINE_RE.search(line)
        if match:
            found.append((match.group(1), match.group(2), line[match.start() :].strip()))
    return found


def _text_fallback(report: str) -> tuple[bool, str | None, str | None]:
    """(hard, status, diagnostic) from a human-readable bounce text."""
    statuses = [".".join(m.groups()) for m in _STATUS_RE.finditer(report)]
    statuses = [s for s in statuses if s[0] in "45"]
    smtp = _smtp_lines(report)
    if any(s.startswith("5") for s in statuses) or any(c.startswith("5") for c, _s, _l in smtp):
        hard = True
    elif statuses or smtp:
        hard = False
    else:
        hard = bool(_HARD_PHRASES_RE.search(report)) and not _SOFT_PHRASES_RE.search(report)
    wanted = "5" if hard else "4"
    status = next((s for s in statuses if s.startswith(wanted)), None)
    if status is None and statuses:
        status = statuses[0]
    line = next((ln for _c, s, ln in smtp if status is not None and s == status), None)
    if line is None:
        line = next((ln for c, _s, ln in smtp if c.startswith(wanted)), None)
    if line is None and smtp:
        line = smtp[0][2]
    return hard, status, _clean_diagnostic(line) if line else None


def _bounce_parts(msg: Message, depth: int = 0) -> Iterator[tuple[str, Message]]:
    """(content type, part) for every part of a bounce, not entering returned messages."""
    if depth > _MAX_DEPTH:
        return
    ctype, _params = _content_type(msg)
    kids = _children(msg)
    if kids and ctype.startswith("multipart/"):
        for kid in kids:
            yield from _bounce_parts(kid, depth + 1)
        return
    yield ctype, msg


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def parse_bounce(msg: Message) -> BounceInfo:
    """Details of a bounce: RFC 3464 fields when present, else regexes over the text.

    With several recipients the report of the first hard failure (else the first
    delay, else the first report) gives `hard`, `status` and `diagnostic`; the
    recipients are those that failed or were delayed. Never raises.
    """
    try:
        reports: list[_RecipientReport] = []
        message_ids: list[str] = []
        for ctype, part in _bounce_parts(msg):
            if ctype in ("message/delivery-status", "message/global-delivery-status"):
                reports.extend(_recipient_reports(_delivery_status_blocks(part)))
            elif ctype in (
                "message/rfc822",
                "message/global",
                "message/rfc822-headers",
                "message/global-headers",
            ):
                kids = _children(part)
                if kids:
                    for value in _raw_values(kids[0], "Message-ID"):
                        message_ids.extend(_ids_in(value))
                else:
                    for match in _MSGID_LINE_RE.finditer(_leaf_text(part)):
                        message_ids.extend(_ids_in(_unfold(match.group(1))))
            elif ctype == "text/rfc822-headers":
                for match in _MSGID_LINE_RE.finditer(_leaf_text(part)):
                    message_ids.extend(_ids_in(_unfold(match.group(1))))

        text = body_text(msg)
        report_text = _report_text(text)
        if not message_ids:
            for match in _MSGID_LINE_RE.finditer(text[len(report_text) :] or text):
                message_ids.extend(_ids_in(_unfold(match.group(1))))

        recipients: list[str] = []
        usable = [r for r in reports if r.action or r.status]
        if usable:
            primary = next((r for r in usable if r.hard), None) or next(
                (r for r in usable if r.failing), usable[0]
            )
            hard, status, diagnostic = primary.hard, primary.status, primary.diagnostic
            if diagnostic is None:
                diagnostic = _text_fallback(report_text)[2]
            failing = [r for r in reports if r.failing] or reports
            for report in failing:
                recipients.extend(report.recipients)
        else:
            hard, status, diagnostic = _text_fallback(report_text)
            for report in reports:
                recipients.extend(report.recipients)

        for value in _raw_values(msg, "X-Failed-Recipients"):
            for _name, addr in getaddresses([value]):
                if _ADDR_SPEC_RE.fullmatch(addr.strip()):
                    recipients.append(addr.strip().lower())

        if not recipients:  # plain-text bounce: addresses named in the report text
            own = {a.lower() for v in _raw_values(msg, "To") for _n, a in getaddresses([v])}
            for match in _ADDRESS_RE.finditer(report_text):
                address = match.group(0).lower()
                local = address.rsplit("@", 1)[0]
                if local not in _DAEMON_LOCAL_PARTS and address not in own:
                    recipients.append(address)

        return BounceInfo(
            hard=hard,
            status=status,
            diagnostic=diagnostic,
            recipients=_unique(recipients),
            message_ids=_unique(message_ids),
        )
    except Exception:
        return _EMPTY_BOUNCE


# --------------------------------------------------------------------------- classify


def classify(msg: Message, received: datetime) -> Classification:
    """Bounce first (a bounce is a bounce even with auto-reply headers), then
    auto-reply, else answer. Never raises."""
    try:
        text = body_text(msg)
    except Exception:
        text = ""
    excerpt = _excerpt(text)
    if is_bounce(msg):
        return Classification("bounce", parse_bounce(msg), None, excerpt)
    if is_auto_reply(msg):
        return_date = find_return_date(text, received)
        if return_date is None:  # e.g. "Out of office until 8 December" and no body
            subjects = " ".join(_decode_words(s) for s in _raw_values(msg, "Subject"))
            return_date = find_return_date(subjects, received)
        return Classification("auto_reply", None, return_date, excerpt)
    return Classification("answer", None, None, excerpt)


# --- reading raw bytes --------------------------------------------------------

_HEADER_PARSER = BytesHeaderParser()  # compat32: no email.policy import at start-up


def read_headers(raw: bytes) -> Message:
    """Header fields only, as the IMAP scan fetches them for every new message."""
    return _HEADER_PARSER.parsebytes(raw)


def read_message(raw: bytes) -> Message:
    """A whole message, for the few that matched a request."""
    from email import message_from_bytes, policy  # heavy to import: only when needed

    return message_from_bytes(raw, policy=policy.default)


def header_text(message: Message, name: str) -> str | None:
    """A header's text, read raw: a malformed header must not stop the scan."""
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return " ".join(str(value).split()) or None
    return None
