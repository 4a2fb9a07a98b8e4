"""An answer's own words: its text without our quoted original, the "On ... wrote:"
line above it, signatures and disclaimers.

The splitting is mail-parser-reply's (a maintained descendant of GitHub's
email_reply_parser that knows the reply headers and sign-offs of English,
German, French, Spanish and other languages), not hand-written patterns:
mail clients write quotes in too many ways for a few regular expressions.
"""

from __future__ import annotations

import time

# The parser's patterns are tried at every line start and run to the end of the
# line, so their cost grows with the square of a line's length: one line of 50 KB
# beginning "On " took 35 s. The input is bounded by shape: at most MAX_TEXT
# characters and MAX_LINES lines, lines longer than LINE_CHARS broken (at a space
# where there is one) and joined again afterwards. Reply headers are far shorter.
MAX_TEXT = 50_000
MAX_LINES = 1000
LINE_CHARS = 120
# And a budget for the whole process: once the parser has had BUDGET_SECONDS,
# answers are read as plain text (`review` may read hundreds of answers).
BUDGET_SECONDS = 2.0
spent = 0.0  # seconds the parser has used in this process
# Marks the end of a piece of a broken line: a private-use character, removed from
# the answer first, so it never stands for anything else.
_JOIN = "\ue000"
# Always tried besides the request's own language: the languages of the built-in texts.
_LANGUAGES = ("en", "de", "fr", "es")


def _lines(body: str) -> list[str]:
    text = body[:MAX_TEXT].replace("\r\n", "\n").replace(_JOIN, "\ufffd")
    return text.split("\n")[:MAX_LINES]


def _broken(line: str) -> list[str]:
    pieces: list[str] = []
    while len(line) > LINE_CHARS:
        cut = line.rfind(" ", LINE_CHARS // 2, LINE_CHARS) + 1 or LINE_CHARS
        pieces.append(line[:cut] + _JOIN)
        line = line[cut:]
    return [*pieces, line]


def parser_input(body: str) -> str:
    """`body` as the parser may be given it: bounded in size, lines and line length."""
    return "\n".join(piece for line in _lines(body) for piece in _broken(line))


def plain_text(body: str) -> str:
    """The answer's text down to the first quoted line: the reading without the parser."""
    own: list[str] = []
    for line in _lines(body):
        if line.lstrip().startswith(">"):
            break
        own.append(line.rstrip())
    return "\n".join(own).strip()


def own_text(body: str, language: str = "en") -> str:
    """The first reply of `body` without quotes, reply headers, signatures or
    disclaimers; "" when nothing of its own is left."""
    global spent
    if spent >= BUDGET_SECONDS:
        return plain_text(body)
    from mailparser_reply.parser import EmailMessage

    languages = [language, *(code for code in _LANGUAGES if code != language)]
    started = time.monotonic()
    try:
        # Hyphen lists are kept: feedback is often written as "- point" lines, which
        # the parser would otherwise take for the start of a signature.
        message = EmailMessage(
            text=parser_input(body), languages=languages, keep_hyphen_lists=True
        ).read()
    finally:
        spent += time.monotonic() - started
    for reply in message.replies:
        own = str(reply.body).replace(_JOIN + "\n", "").replace(_JOIN, "").strip()
        if own:
            return "\n".join(line.rstrip() for line in own.splitlines())
    return ""


def quoted(text: str) -> str:
    """`text` with each line behind "> ", as a mail quotes it."""
    return "\n".join(f"> {line}".rstrip() for line in text.strip("\n").splitlines())
