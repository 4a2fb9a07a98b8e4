"""Recipient and sender addresses: exactly one bare address, syntax-checked.

email-validator checks syntax only (no DNS look-up), so validation works
offline and never leaks which companies the user writes to.
"""

from __future__ import annotations

import re

from feedback_mailer.base.errors import InputError
from feedback_mailer.base.textsafety import require_single_line

# Characters that only appear when someone passes a display name or a list,
# e.g. '"boss@corp.com" <attacker@evil.com>' or 'a@x.com, b@y.com'.
_NOT_IN_A_BARE_ADDRESS = set('<>,;:"() \t[]\\')


def check_bare_address(value: str, what: str = "address") -> str:
    """The cheap part of validation: one address, no display name, no list."""
    require_single_line(value, what)
    stripped = value.strip()
    if not stripped:
        raise InputError(f"The {what} is empty: give one address such as jane.doe@example.com.")
    if any(char in _NOT_IN_A_BARE_ADDRESS for char in stripped) or stripped.count("@") != 1:
        raise InputError(
            f"The {what} {value!r} is not one address: give exactly one, such as "
            "jane.doe@example.com or Jane Doe <jane.doe@example.com>, not a list."
        )
    return stripped


def validate_address(value: str, what: str = "address") -> str:
    """Return the normalised address, or raise one sentence naming the value."""
    stripped = check_bare_address(value, what)
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(stripped, check_deliverability=False)
    except EmailNotValidError as error:
        raise InputError(
            f"The {what} {value!r} is not a valid address ({error}): fix it."
        ) from None
    normalized: str = result.normalized
    return normalized


_NAME_ADDR = re.compile(r"\s*(?P<name>[^<>]*?)\s*<(?P<address>[^<>]*)>\s*")


def parse_recipient(value: str, what: str = "address") -> tuple[str | None, str]:
    """One mailbox as a person types or pastes it: a bare address, or `Name <address>`
    (as a mail client copies it, the name maybe in quotes). Returns (name or None,
    normalised address). Lists, several addresses and a name that holds an address
    ('"boss@corp.com" <other@evil.com>') are refused."""
    require_single_line(value, what)
    match = _NAME_ADDR.fullmatch(value)
    if match is None:
        return None, validate_address(value, what)
    name = match["name"]
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = re.sub(r"\\(.)", r"\1", name[1:-1]).strip()
    if "@" in name or '"' in name:
        raise InputError(
            f"The {what} {value!r} has a name that looks like another address: give one "
            "address such as jane.doe@example.com, or Jane Doe <jane.doe@example.com>."
        )
    return (" ".join(name.split()) or None), validate_address(match["address"], what)


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[1]


def is_ascii(address: str) -> bool:
    return address.isascii()
