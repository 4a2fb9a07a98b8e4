"""Refusing control characters, so no value can forge a header or hide text.

Python's email package folds or rejects some of these itself, but not all of
them (NUL, ESC, DEL and the C1 range pass through in 3.11), so every value a
user types is checked here before it reaches a template or a header.
"""

from __future__ import annotations

import unicodedata

from feedback_mailer.base.errors import InputError

# Line and paragraph separators are not Cc, but some mail readers break lines at them.
_ALSO_REFUSED = {"\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR", "\u0085": "NEL"}
_NAMES = {"\r": "CR", "\n": "LF", "\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\t": "TAB"}


def _describe(char: str) -> str:
    name = _NAMES.get(char) or _ALSO_REFUSED.get(char) or "a control character"
    return f"{name} (U+{ord(char):04X})"


def find_control_character(value: str, allowed: str = "") -> str | None:
    """Describe the first control character in `value` that is not in `allowed`, if any."""
    for char in value:
        if char in allowed:
            continue
        if char in _ALSO_REFUSED or unicodedata.category(char) == "Cc":
            return _describe(char)
    return None


# Zero-width joiners shape Persian, Indic and emoji text between two visible
# characters; anywhere else they only hide something.
_JOINERS = frozenset("\u200c\u200d")
_VISIBLE_CATEGORIES = ("L", "M", "N", "S")


def _visible(char: str) -> bool:
    return unicodedata.category(char)[0] in _VISIBLE_CATEGORIES


def find_hidden_character(value: str) -> str | None:
    """Describe the first character in `value` that would look like nothing or
    rearrange what is shown: bidi embeddings, overrides, isolates and marks
    (U+202E...), zero-width spaces, word joiners, BOMs and the other invisible
    format characters (Unicode category Cf), and bytes that were not UTF-8
    (lone surrogates, as Python decodes such command-line arguments)."""
    for index, char in enumerate(value):
        category = unicodedata.category(char)
        if category == "Cs":
            code = ord(char)
            if 0xDC80 <= code <= 0xDCFF:
                return f"the byte 0x{code - 0xDC00:02X}, which is not UTF-8 text"
            return f"a lone surrogate (U+{code:04X}), which is not text"
        if category != "Cf":
            continue
        if (
            char in _JOINERS
            and 0 < index < len(value) - 1
            and _visible(value[index - 1])
            and _visible(value[index + 1])
        ):
            continue
        name = unicodedata.name(char, "an invisible format character")
        return f"{name} (U+{ord(char):04X}), an invisible character that can disguise text"
    return None


def require_single_line(value: str, what: str) -> str:
    """Return `value` unchanged, or refuse it when it holds any control character,
    or any invisible character (it is bound for a mail header, where a bidi
    override or a zero-width space would show the recipient something else)."""
    bad = find_control_character(value)
    if bad:
        raise InputError(
            f"The {what} {value!r} contains {bad}: remove line breaks and control characters."
        )
    hidden = find_hidden_character(value)
    if hidden:
        raise InputError(f"The {what} {value!r} contains {hidden}: remove it.")
    return value


def require_clean_body(value: str, what: str) -> str:
    """Bodies may hold line breaks and tabs, but nothing else invisible."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = find_control_character(value, allowed="\n\t")
    if bad:
        raise InputError(f"The {what} contains {bad}: remove it and try again.")
    return value


# Characters that change how a terminal or a bidi-aware viewer shows text:
# the Cc controls (C0, DEL, C1: ESC, BEL, backspace, CSI U+009B...), bidi
# embeddings, overrides and isolates, and invisible zero-width characters.
_INVISIBLE_FORMAT = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)


def _needs_escape(char: str) -> bool:
    return (
        char in _INVISIBLE_FORMAT
        or char in _ALSO_REFUSED
        or unicodedata.category(char) in ("Cc", "Cs")
    )


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Text from outside (mail, server replies), safe to show: every control,
    bidi or invisible character becomes a visible `\\x1b` / `\\u202e` escape, so
    no sequence from a stranger can drive the terminal (README, Guarantees)."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a per-character look
    out = []
    for char in text:
        if keep_newlines and char in "\n\t":
            out.append(char)
        elif _needs_escape(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def json_safe(dumped: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with every character that
    `printable` would escape written as a JSON `\\uXXXX` escape: the same data for a
    program, nothing a terminal would act on for a person."""
    # json.dumps already escapes every C0 control inside strings; what is left raw is
    # the layout's own whitespace, and DEL, C1, bidi and zero-width characters.
    if dumped.isascii() and "\x7f" not in dumped:
        return dumped  # the common case, without a per-character look
    return "".join(
        f"\\u{ord(char):04x}" if char not in "\n\r\t " and _needs_escape(char) else char
        for char in dumped
    )
