"""The text of a message: decoded parts, HTML turned into text, the writer's own
lines and a short excerpt.

Everything here is bounded: a part's decoded text is cut to `limits.MAX_TEXT`
characters, HTML to `limits.MAX_HTML` before it is read, and the HTML reader is
a single linear pass (the standard library's `html.parser` is quadratic on
never-closed tags such as ``<a <a <a ...``).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import quopri
import re
from collections.abc import Iterator
from email.message import Message

from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.mail.classify import limits
from feedback_mailer.mail.classify.headers import (
    content_type,
    decode_bytes,
    first_token,
    raw_first,
)


def children(part: Message) -> list[Message]:
    try:
        payload = part.get_payload()
    except Exception:
        return []
    if isinstance(payload, list):
        return [p for p in payload[: limits.MAX_MIME_PARTS] if isinstance(p, Message)]
    return []


def _to_bytes(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


_UNDECLARED = frozenset({"", "unknown-8bit", "x-unknown", "unknown", "default", "us-ascii"})


def _decode(data: bytes, charset: str) -> str:
    name = charset.strip().strip("\"'").lower()
    if name in _UNDECLARED:
        return decode_bytes(data)  # UTF-8 where valid, else Latin-1: the usual truth
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


def leaf_text(part: Message) -> str:
    """The decoded text of a non-multipart part (at most MAX_TEXT characters)."""
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
        limits.checkpoint()
        cte = (raw_first(part, "Content-Transfer-Encoding") or "").strip().lower()
        charset = content_type(part)[1].get("charset", "")
        # Encoded forms are longer than the text they carry: 4/3 for base64, up to 3
        # for quoted-printable; cut before decoding, with room for that.
        payload = payload[: limits.MAX_TEXT * 3]
        if cte == "base64":
            data = _b64decode(payload)
        elif cte == "quoted-printable":
            data = quopri.decodestring(_to_bytes(payload))
        elif any("\udc80" <= c <= "\udcff" for c in payload):
            data = _to_bytes(payload)  # parsed from bytes: undo surrogateescape
        else:
            return payload[: limits.MAX_TEXT]  # already text (from str, or plain ASCII)
        return _decode(data, charset)[: limits.MAX_TEXT]
    except Exception:
        return ""


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset(
    {"br", "p", "div", "tr", "li", "ul", "ol", "table", "hr", "pre", "blockquote"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "title", "section", "article", "header"}
)
_SKIPPED_TAGS = ("script", "style", "head")
_SKIPPED_START_RE = LazyPattern(r"<!--|<(script|style|head)\b[^<>]*>", re.I)
# A tag: its name, then anything but "<" and ">" up to ">". A "<" that never closes
# makes the engine give up at the next "<", so the pass stays linear.
_TAG_RE = LazyPattern(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*>|<[!?][^<>]*>")


def _without_skipped(markup: str) -> str:
    """Markup without comments and <script>/<style>/<head> content, in one pass: each
    search either finds its end and moves past it, or (unclosed) ends the reading."""
    lowered = markup.lower()
    kept: list[str] = []
    pos = 0
    while True:
        limits.checkpoint()
        match = _SKIPPED_START_RE.search(markup, pos)
        if match is None:
            kept.append(markup[pos:])
            break
        kept.append(markup[pos : match.start()])
        if match.group(0) == "<!--":
            close = markup.find("-->", match.end())
            if close < 0:
                break
            pos = close + 3
            continue
        name = match.group(1).lower()
        close = lowered.find(f"</{name}", match.end())
        if close < 0:
            if name == "head":  # an unclosed <head> is common; the body follows it
                pos = match.end()
                continue
            break
        after = markup.find(">", close)
        pos = len(markup) if after < 0 else after + 1
    return " ".join(kept)


def html_to_text(markup: str) -> str:
    """The text of an HTML body in linear time: tags dropped, block tags as line
    breaks, comments and <script>/<style>/<head> content skipped, entities decoded,
    <blockquote> content as "> " quoted lines (so that it is not taken for the
    writer's own)."""
    markup = _without_skipped(markup[: limits.MAX_HTML])
    quote = 0

    def tag(match: re.Match[str]) -> str:
        nonlocal quote
        name = (match.group(2) or "").lower()
        if name == "blockquote":
            quote = max(0, quote - 1) if match.group(1) else quote + 1
        if name in _BLOCK_TAGS:
            return "\n" + ("> " if quote else "")
        return ""

    limits.checkpoint()
    text = _TAG_RE.sub(tag, re.sub(r"\s+", " ", markup))
    limits.checkpoint()
    text = re.sub(r"[^\S\n]+", " ", html.unescape(text))
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --------------------------------------------------------------------------- parts


def is_attachment(part: Message) -> bool:
    disposition = raw_first(part, "Content-Disposition")
    return disposition is not None and first_token(disposition) == "attachment"


def text_leaves(part: Message, depth: int = 0) -> Iterator[tuple[str, Message]]:
    """(content type, part) of the leaves, not descending into message/* parts."""
    if depth > limits.MAX_MIME_DEPTH:
        return
    limits.checkpoint()
    ctype, _params = content_type(part)
    kids = children(part)
    if kids:
        if ctype.startswith("message/") and depth > 0:
            yield ctype, part
            return
        for kid in kids:
            yield from text_leaves(kid, depth + 1)
        return
    if ctype.startswith("multipart/"):  # no usable boundary: the parser kept it as text
        ctype = "text/plain"
    yield ctype, part


def sanitise(text: str) -> str:
    """No lone surrogates, no NULs, bounded length."""
    text = text[: limits.MAX_TEXT].replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8", "replace")


def body_text(msg: Message) -> str:
    """The best plain text of a message: the first text/plain part that is not an
    attachment, else the first text/html part with tags stripped; "" if none."""
    try:
        plain: list[Message] = []
        markup: list[Message] = []
        for ctype, part in text_leaves(msg):
            if is_attachment(part):
                continue
            if ctype == "text/plain":
                plain.append(part)
            elif ctype == "text/html":
                markup.append(part)
        for part in plain:
            text = leaf_text(part)
            if text.strip():
                return sanitise(text.replace("\r\n", "\n").replace("\r", "\n"))
        for part in markup:
            stripped = html_to_text(leaf_text(part))
            if stripped.strip():
                return sanitise(stripped)
        return ""
    except limits.BudgetExceeded:
        raise
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


def own_lines(text: str) -> list[str]:
    """The writer's own lines: no quoted (">") lines or character rules, nothing from
    a reply attribution ("On ... wrote:"), a forwarded/original-message separator, an
    Outlook-style "From:/Sent:" block, or a signature delimiter ("-- ") onwards."""
    lines = text[: limits.MAX_TEXT].splitlines()
    out: list[str] = []
    for i, line in enumerate(lines):
        if i % 1024 == 0:
            limits.checkpoint()
        stripped = line.strip()
        if line.rstrip() == "--":
            break
        if _SEPARATOR_RE.match(line):
            break
        if _RULE_RE.match(line):
            if any(_QUOTE_HEADER_RE.match(x.strip()) for x in lines[i + 1 : i + 3]):
                break  # Outlook: "____" then "From: ... Sent: ..."
            continue  # decoration (or a bilingual notice's divider): skip the line only
        if _ATTRIB_END_RE.search(stripped[-200:]) and (
            _ATTRIB_START_RE.match(stripped)
            or any(x.strip().startswith(">") for x in lines[i + 1 : i + 3] if x.strip())
        ):
            break
        if (
            _ATTRIB_START_RE.match(stripped)
            and i + 1 < len(lines)
            and _ATTRIB_END_RE.search(lines[i + 1].strip()[-200:])
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


def shorten(text: str, limit: int) -> str:
    """Whitespace collapsed; cut at a word boundary with "…" to at most `limit` chars."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def excerpt(text: str) -> str:
    """The first meaningful words of the writer's own text, at most 300 characters."""
    return shorten(" ".join(own_lines(text)), 300)
