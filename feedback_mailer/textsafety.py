"""Refusing control characters, so no value can forge a header or hide text.

Python's email package folds or rejects some of these itself, but not all of
them (NUL, ESC, DEL and the C1 range pass through in 3.11), so every value a
user types is checked here before it reaches a template or a header.
"""

from __future__ import annotations

import unicodedata

from feedback_mailer.errors import InputError

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


def require_single_line(value: str, what: str) -> str:
    """Return `value` unchanged, or refuse it when it holds any control character."""
    bad = find_control_character(value)
    if bad:
        raise InputError(
            f"The {what} {value!r} contains {bad}: remove line breaks and control characters."
        )
    return value


def require_clean_body(value: str, what: str) -> str:
    """Bodies may hold line breaks and tabs, but nothing else invisible."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = find_control_character(value, allowed="\n\t")
    if bad:
        raise InputError(f"The {what} contains {bad}: remove it and try again.")
    return value
