"""Plain text as `format=flowed` (RFC 3676): paragraphs wrapped under 79 columns so
every client shows them well, and joined again by clients that understand it.

A paragraph typed as one long line becomes several lines, each but the last
ending in a space (a "soft" break the reader's client removes); lines quoted with
`>` keep their quote depth on every wrapped line; a line that would otherwise read
as a quote or an mbox separator is space-stuffed. `decode` turns such text back
into one line per paragraph.
"""

from __future__ import annotations

import re

WIDTH = 78  # RFC 3676 section 4.2: lines SHOULD be 78 characters or fewer
SIGNATURE = "-- "  # the usenet signature separator is never a soft break

_PIECE = re.compile(r"[^ ]+ *")  # only a space may end a line softly


def _quote_depth(line: str) -> tuple[int, str]:
    """How many `>` begin `line` ("> > a" and ">> a" are both 2), and the rest."""
    depth, index = 0, 0
    while index < len(line) and line[index] == ">":
        depth += 1
        index += 1
        if line[index : index + 2] == " >":
            index += 1
    return depth, line[index:]


def _stuffed(prefix: str, content: str, depth: int) -> str:
    if depth:
        return f"{prefix} {content}" if content else prefix
    if content.startswith((" ", ">", "From ")):
        return f" {content}"
    return content


def _wrap(content: str, limit: int) -> list[str]:
    """`content` cut at spaces into lines of at most `limit` characters (plus the
    trailing space of a soft break); a word longer than that stays whole."""
    indent = content[: len(content) - len(content.lstrip(" "))]
    lines: list[str] = []
    current = indent
    for piece in _PIECE.findall(content):
        if current.strip(" ") and len(current) + len(piece.rstrip(" ")) > limit:
            lines.append(current)
            current = piece
        else:
            current += piece
    lines.append(current)
    return lines


def encode(text: str, width: int = WIDTH) -> str:
    """`text` (one line per paragraph, quotes as `> `) as format=flowed, no line
    longer than `width` unless a single word is."""
    out: list[str] = []
    for line in text.split("\n"):
        depth, rest = _quote_depth(line)
        if depth and rest.startswith(" "):
            rest = rest[1:]  # the conventional space after the quote marks
        prefix = ">" * depth
        if rest == SIGNATURE or rest.rstrip(" ") == SIGNATURE.rstrip():
            out.append(_stuffed(prefix, rest if rest == SIGNATURE else rest.rstrip(" "), depth))
            continue
        content = rest.rstrip(" ")
        room = width - 1 - len(prefix) - (1 if depth else 0)
        for part in _wrap(content, max(room, 20)) if content else [""]:
            out.append(_stuffed(prefix, part, depth))
    return "\n".join(out)


def decode(text: str) -> str:
    """format=flowed text back to one line per paragraph (RFC 3676 section 4.2,
    DelSp=no); quoted paragraphs keep their depth as `> `."""
    paragraphs: list[tuple[int, str]] = []
    joining = False
    for raw in text.replace("\r\n", "\n").split("\n"):
        depth, rest = _quote_depth(raw)
        if rest.startswith(" "):
            rest = rest[1:]  # space-stuffing
        if joining and paragraphs and paragraphs[-1][0] == depth:
            paragraphs[-1] = (depth, paragraphs[-1][1] + rest)
        else:
            paragraphs.append((depth, rest))
        joining = rest.endswith(" ") and rest != SIGNATURE
    lines = []
    for depth, content in paragraphs:
        if content != SIGNATURE:
            content = content.rstrip(" ")
        quote = ">" * depth
        lines.append(f"{quote} {content}" if depth and content else quote + content)
    return "\n".join(lines)
