"""What the reader of one message may spend: bytes, structure and time.

A message comes from anyone. Before it is parsed its size, its header block and
its MIME structure are cut to bounds that no real reply comes near, so the
parser and everything after it run in time proportional to those bounds; a
deadline then covers the whole classification. The deadline is cooperative:
loops call `checkpoint()`, which raises `BudgetExceeded` once it has passed,
and the caller turns that into an "unreadable" verdict.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Bigger than any reply, out-of-office note or bounce with its returned copy; a
# larger message is read up to this point.
MAX_MESSAGE_BYTES = 2_000_000
# Header block: fields kept, and the longest physical line kept (RFC 5322 allows 998).
MAX_HEADER_FIELDS = 500
MAX_HEADER_LINE = 8_192
MAX_HEADER_BLOCK = 512_000
# MIME structure: containers nested inside each other, and parts in all.
MAX_MIME_DEPTH = 20
MAX_MIME_PARTS = 300
# Decoded text looked at per part, and HTML markup turned into text.
MAX_TEXT = 100_000
MAX_HTML = 300_000
# Seconds for reading one message, parse included. Ordinary mail takes milliseconds;
# the first out-of-office of a run also loads the date vocabulary (about 0.2 s).
DEFAULT_BUDGET = 3.0


class BudgetExceeded(BaseException):
    """The time given to one message has run out.

    A BaseException, like KeyboardInterrupt: the reader's helpers turn any Exception
    from bad input into an empty result, and running out of time must not be
    mistaken for that.
    """


_DEADLINE: ContextVar[float | None] = ContextVar("classify_deadline", default=None)


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Run the body under a deadline `seconds` from now (an outer, earlier one stays)."""
    deadline = time.monotonic() + seconds
    outer = _DEADLINE.get()
    token = _DEADLINE.set(deadline if outer is None else min(outer, deadline))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def checkpoint() -> None:
    """Raise BudgetExceeded when the current deadline has passed; free without one."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise BudgetExceeded


# --------------------------------------------------------------------------- bytes

# Fields kept beyond MAX_HEADER_FIELDS: what the reader needs, wherever it stands.
_NEEDED_FIELDS = frozenset(
    {
        b"from",
        b"to",
        b"subject",
        b"date",
        b"message-id",
        b"in-reply-to",
        b"references",
        b"content-type",
        b"content-transfer-encoding",
        b"content-disposition",
        b"mime-version",
        b"auto-submitted",
        b"x-autoreply",
        b"x-autorespond",
        b"precedence",
        b"return-path",
        b"x-failed-recipients",
        b"x-ms-exchange-inbox-rules-loop",
        b"x-apple-action",
        b"list-id",
        b"list-unsubscribe",
        b"sender",
    }
)
_MAX_NEEDED_EXTRA = 100
_FIELD_START = re.compile(rb"^[^ \t\r\n]", re.M)
_NEEDED_FIELD = re.compile(
    rb"^(?:" + b"|".join(re.escape(n) for n in sorted(_NEEDED_FIELDS)) + rb")[ \t]*:"
    rb"[^\r\n]*(?:\r\n|\r|\n)?(?:[ \t][^\r\n]*(?:\r\n|\r|\n)?)*",
    re.M | re.I,
)
_MAX_PART_HEADER = 65_536  # where a part's header block must end
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n|$)")
_DELIMITER = re.compile(rb"^--([^\r\n]*?)[ \t]*(?:\r\n|\r|\n|$)", re.M)
_CONTENT_TYPE = re.compile(
    rb"(?im)^content-type[ \t]*:((?:[^\r\n]*(?:\r\n|\r|\n)?(?=[ \t]))*[^\r\n]*)"
)
_BOUNDARY = re.compile(rb"""(?i);\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))""")


class _Blank:
    """Where a blank line is: like a match of _BLANK_LINE, found with bytes.find."""

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _blank_line(data: bytes, start: int = 0, end: int | None = None) -> _Blank | None:
    """The first blank line in data[start:end] (memchr speed, unlike a regex search)."""
    stop = len(data) if end is None else min(end, len(data))
    best: _Blank | None = None
    # CRLF first, the usual ending; each later search only looks before the best so far,
    # so separators a message never uses do not make every search run to `stop`.
    for separator in (b"\n\r\n", b"\n\n", b"\r\r"):
        limit = stop if best is None else min(stop, best.start() + len(separator) - 1)
        found = data.find(separator, start, limit)
        if found >= 0 and (best is None or found < best.start()):
            best = _Blank(found, found + len(separator))
    if best is not None and best.start() > start and data[best.start() - 1 : best.start()] == b"\r":
        best = _Blank(best.start() - 1, best.end())  # "\r\n\r\n" begins at its "\r"
    return best


def bound_headers(block: bytes) -> tuple[bytes, list[str]]:
    """A header block cut to MAX_HEADER_FIELDS fields (plus the needed ones after
    them), MAX_HEADER_LINE bytes per line and MAX_HEADER_BLOCK bytes in all.

    `block` is the header block, optionally followed by its blank line and a body,
    which are returned unchanged. Notes say what was cut, for the signals.
    """
    end = _blank_line(block)
    cut = len(block)
    if end is not None:  # the header block ends with its last line's line break
        cut = end.start() + (2 if block.startswith(b"\r\n", end.start()) else 1)
    head, rest = block[:cut], block[cut:]
    # The common case: small enough that no bound can apply.
    if (
        len(head) <= 64_000
        and head.count(b"\n") < MAX_HEADER_FIELDS
        and all(len(line) <= MAX_HEADER_LINE for line in head.split(b"\n"))
    ):
        return block, []
    notes: list[str] = []
    kept: list[bytes] = []
    size = 0
    fields = 0
    long_lines = 0
    too_big = False
    position = 0
    for match in _LINE.finditer(head):
        line = match.group(0)
        if not line:
            break
        if line[:1] not in (b" ", b"\t"):
            fields += 1
            if fields > MAX_HEADER_FIELDS:
                position = match.start()
                break
        if len(line) > MAX_HEADER_LINE:
            ending = (
                b"\r\n" if line.endswith(b"\r\n") else line[-1:] if line[-1:] in b"\r\n" else b""
            )
            line = line[: MAX_HEADER_LINE - len(ending)] + ending
            long_lines += 1
        if size + len(line) <= MAX_HEADER_BLOCK:
            kept.append(line)
            size += len(line)
        else:
            too_big = True
    if fields > MAX_HEADER_FIELDS:
        # The rest is only searched (at the regular-expression engine's speed) for
        # the fields the reader needs.
        remainder = head[position:]
        total = fields - 1 + len(_FIELD_START.findall(remainder))
        for extra, needed in enumerate(_NEEDED_FIELD.finditer(remainder)):
            if extra >= _MAX_NEEDED_EXTRA:
                break
            field = needed.group(0)[:MAX_HEADER_LINE]
            kept.append(field if field.endswith((b"\n", b"\r")) else field + b"\r\n")
        notes.append(f"{total} header fields: only the first {MAX_HEADER_FIELDS} read")
    if long_lines:
        notes.append(f"{long_lines} header lines over {MAX_HEADER_LINE} bytes cut")
    if too_big:
        notes.append(f"header block cut at {MAX_HEADER_BLOCK} bytes")
    out = b"".join(kept)
    if rest and not out.endswith((b"\n", b"\r")):
        out += b"\r\n"
    return out + rest, notes


def _boundary_of(header_block: bytes) -> tuple[bytes, bytes | None]:
    """(lowercase media type, boundary or None) of a header block's Content-Type."""
    match = _CONTENT_TYPE.search(header_block)
    if match is None:
        return b"text/plain", None
    value = match.group(1)
    media = value.split(b";", 1)[0].strip().lower()
    found = _BOUNDARY.search(value)
    if not media.startswith(b"multipart/") or found is None:
        return media, None
    boundary = found.group(1) if found.group(1) is not None else found.group(2)
    boundary = re.sub(rb"\\(.)", rb"\1", boundary).rstrip()
    return media, boundary or None


def _is_message(media: bytes) -> bool:
    return media in (b"message/rfc822", b"message/global")


def _enter(raw: bytes, start: int, depth: int, stack: list[tuple[bytes, int]]) -> bool:
    """Read the header block at `start` (nesting `depth`), and those of messages nested
    in it: push a multipart's delimiter on `stack`. False when it would be too deep."""
    while True:
        if raw[start : start + 1] in (b"\r", b"\n"):
            return True  # no header fields: text/plain
        limit = len(raw) if depth == 0 else start + _MAX_PART_HEADER
        blank = _blank_line(raw, start, limit)
        if blank is None:
            return True
        block = raw[start : blank.start() + 1]
        # The email parser ends a header block at the first line that is not a field;
        # a delimiter line is not one.
        stray = re.search(rb"(?:\r\n|\r|\n)--", block)
        if stray is not None:
            block = block[: stray.start()]
        media, boundary = _boundary_of(block)
        if boundary is None and not _is_message(media):
            return True
        depth += 1
        if depth > MAX_MIME_DEPTH:
            return False
        if boundary is not None:
            stack.append((boundary, depth))
            return True
        start = blank.end()  # message/rfc822: the enclosed message's header block follows


def bound_message(raw: bytes) -> tuple[bytes, list[str]]:
    """`raw` cut so that parsing it stays within the reader's bounds.

    At most MAX_MESSAGE_BYTES are read; the header block is bounded as by
    `bound_headers`; the MIME structure is followed without parsing it (one linear
    pass over the delimiter lines) and the message is cut, its open multiparts
    closed, at the first part that would be nested deeper than MAX_MIME_DEPTH or
    that would exceed MAX_MIME_PARTS. Notes say what was cut.
    """
    notes: list[str] = []
    if len(raw) > MAX_MESSAGE_BYTES:
        raw = raw[:MAX_MESSAGE_BYTES]
        notes.append(f"message cut at {MAX_MESSAGE_BYTES} bytes")
    raw, header_notes = bound_headers(raw)
    notes.extend(header_notes)
    # Open multiparts, innermost last: (boundary, depth).
    stack: list[tuple[bytes, int]] = []
    if not _enter(raw, 0, 0, stack):
        notes.append(f"MIME nesting deeper than {MAX_MIME_DEPTH}: the body not read")
        end = _blank_line(raw)
        return (raw[: end.end()] if end else raw), notes
    parts = 0
    pos = 0
    while stack:
        match = _DELIMITER.search(raw, pos)
        if match is None:
            break
        pos = match.end()
        text = match.group(1)
        closing = text.endswith(b"--")
        name = text[:-2] if closing else text
        level = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name), None)
        if level is None:
            continue
        if closing:
            del stack[level:]
            continue
        del stack[level + 1 :]
        parts += 1
        reason = None
        if parts > MAX_MIME_PARTS:
            reason = f"more than {MAX_MIME_PARTS} MIME parts: the rest not read"
        elif not _enter(raw, pos, stack[level][1], stack):
            reason = f"MIME nesting deeper than {MAX_MIME_DEPTH}: the rest not read"
        if reason is not None:
            notes.append(reason)
            closers = b"".join(b"--" + b + b"--\r\n" for b, _d in reversed(stack[: level + 1]))
            return raw[: match.start()] + closers, notes
    return raw, notes
