"""The config file's keys and a TOML spelling of any string, for the property
tests that put arbitrary text into every key."""

from __future__ import annotations

import unicodedata

__all__ = ["CONFIG_KEYS", "STRING_KEYS", "toml_string"]

# Every key of config.example.toml, as (section, key).
CONFIG_KEYS: tuple[tuple[str, str], ...] = (
    ("sender", "name"),
    ("sender", "email"),
    ("sender", "timezone"),
    ("smtp", "host"),
    ("smtp", "port"),
    ("smtp", "security"),
    ("smtp", "username"),
    ("smtp", "cafile"),
    ("imap", "host"),
    ("imap", "port"),
    ("imap", "security"),
    ("imap", "username"),
    ("imap", "cafile"),
    ("imap", "folders"),
    ("imap", "sent_folder"),
    ("follow_up", "after"),
    ("follow_up", "min_after"),
    ("follow_up", "window"),
    ("follow_up", "give_up_after"),
)
# The keys whose value is a string (`folders`: a list of strings); the ports are numbers.
STRING_KEYS: tuple[tuple[str, str], ...] = tuple(k for k in CONFIG_KEYS if k[1] != "port")


def toml_string(value: str) -> str:
    """A TOML basic string holding exactly `value` (control characters escaped)."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif unicodedata.category(char) == "Cc":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
