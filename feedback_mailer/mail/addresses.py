"""Recipient and sender addresses: exactly one bare address, syntax-checked.

email-validator checks syntax only (no DNS look-up), so validation works
offline and never leaks which companies the user writes to.
"""

from __future__ import annotations

from feedback_mailer.errors import InputError
from feedback_mailer.textsafety import require_single_line

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
            f"The {what} {value!r} is not one bare address: give exactly one address such as "
            "jane.doe@example.com, without a display name or a list."
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


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[1]


def is_ascii(address: str) -> bool:
    return address.isascii()
