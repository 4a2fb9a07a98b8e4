"""An answer's own words: its text without our quoted original, the "On ... wrote:"
line above it, signatures and disclaimers.

The splitting is mail-parser-reply's (a maintained descendant of GitHub's
email_reply_parser that knows the reply headers and sign-offs of English,
German, French, Spanish and other languages), not hand-written patterns:
mail clients write quotes in too many ways for a few regular expressions.
"""

from __future__ import annotations

# Longer answers are cut before parsing: feedback is a few paragraphs, and the
# parser's patterns must stay fast on whatever arrives.
MAX_TEXT = 50_000
# Always tried besides the request's own language: the languages of the built-in texts.
_LANGUAGES = ("en", "de", "fr", "es")


def own_text(body: str, language: str = "en") -> str:
    """The first reply of `body` without quotes, reply headers, signatures or
    disclaimers; "" when nothing of its own is left."""
    from mailparser_reply.parser import EmailMessage

    text = body[:MAX_TEXT].replace("\r\n", "\n")
    languages = [language, *(code for code in _LANGUAGES if code != language)]
    # Hyphen lists are kept: feedback is often written as "- point" lines, which the
    # parser would otherwise take for the start of a signature.
    message = EmailMessage(text=text, languages=languages, keep_hyphen_lists=True).read()
    for reply in message.replies:
        own = str(reply.body).strip()
        if own:
            return "\n".join(line.rstrip() for line in own.splitlines())
    return ""


def quoted(text: str) -> str:
    """`text` with each line behind "> ", as a mail quotes it."""
    return "\n".join(f"> {line}".rstrip() for line in text.strip("\n").splitlines())
