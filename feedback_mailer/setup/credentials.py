"""Passwords in the OS keyring, and nowhere else.

One resolver, two modes (after twine's): interactive may prompt for a
missing password; non-interactive (a scheduler, a pipe) never prompts and
raises an actionable error instead. Every keyring failure becomes one
sentence saying what happened and what to install or run.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from feedback_mailer.base.errors import CredentialError, InputError

SERVICE = "feedback-mailer"
KINDS = ("smtp", "imap")

T = TypeVar("T")

Prompt = Callable[[str], str]


def _no_session_bus() -> bool:
    return sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS")


FILE_BACKEND = "keyrings.alt.file.PlaintextKeyring"


def _file_keyring_steps() -> str:
    """The exact commands that give a machine without a desktop keyring a file one."""
    import shlex

    pip = f"{shlex.quote(sys.executable)} -m pip install keyrings.alt"
    return (
        f"`{pip}`, then `export PYTHON_KEYRING_BACKEND={FILE_BACKEND}` (a file only you can "
        "read; put the line in your shell profile) and run the command again"
    )


def _no_backend_message(scheduled: bool = False) -> str:
    """What this machine lacks and the next command. `scheduled`: said to a command that
    must never prompt (a scheduler, a pipe), where `schedule install` is the usual fix."""
    if _no_session_bus():
        lacks = (
            "No keyring is reachable: there is no D-Bus session bus here (no desktop session, "
            "as over SSH or under cron), so no desktop keyring can be asked."
        )
        if scheduled:
            return (
                f"{lacks} For scheduled runs use `feedback-mailer schedule install`, which runs "
                f"inside your user session; on a machine without a desktop, use a file keyring: "
                f"{_file_keyring_steps()}."
            )
        return (
            f"{lacks} On a machine without a desktop, use a file keyring: {_file_keyring_steps()}."
        )
    return (
        "No keyring backend is available: install and unlock your desktop keyring (GNOME "
        f"Keyring or KWallet on Linux), or use a file keyring: {_file_keyring_steps()}."
    )


@functools.cache
def _backend_variable_problem() -> str | None:
    """A sentence when PYTHON_KEYRING_BACKEND names something that is not a backend."""
    chosen = os.environ.get("PYTHON_KEYRING_BACKEND")
    if chosen is None:
        return None
    from keyring import core

    try:
        core.load_keyring(chosen)
    except (ValueError, ImportError, AttributeError, TypeError) as error:  # a wrong name
        missing = f"{type(error).__name__}: {error}" if chosen.strip() else "it is empty"
        return (
            f"PYTHON_KEYRING_BACKEND is {chosen!r}, which names no keyring backend that can be "
            f"loaded ({missing}): correct it, e.g. `export PYTHON_KEYRING_BACKEND={FILE_BACKEND}`, "
            "or `unset PYTHON_KEYRING_BACKEND` for the desktop keyring."
        )
    except Exception:  # a real backend that cannot start here: said when it is used
        return None
    return None


def _keyring_call(action: Callable[[], T], *, scheduled: bool = False) -> T:
    from keyring import errors

    problem = _backend_variable_problem()
    if problem is not None:
        raise CredentialError(problem)
    try:
        return action()
    except errors.NoKeyringError:
        raise CredentialError(_no_backend_message(scheduled)) from None
    except errors.KeyringLocked:
        raise CredentialError(
            "The keyring is locked: unlock it (log in to your desktop session, or open your "
            "keyring manager) and run the command again."
        ) from None
    except errors.InitError as error:
        if _no_session_bus():
            raise CredentialError(
                f"{_no_backend_message(scheduled)} (The keyring backend said: {error}.)"
            ) from None
        raise CredentialError(
            f"The keyring backend could not start ({error}): run the command inside your "
            "desktop session and unlock the keyring."
        ) from None
    except errors.PasswordDeleteError:
        raise
    except Exception as error:  # backends are third-party and raise what they like
        chosen = os.environ.get("PYTHON_KEYRING_BACKEND")
        if chosen and isinstance(error, ImportError):
            raise CredentialError(
                f"PYTHON_KEYRING_BACKEND names {chosen}, which cannot be loaded ({error}): "
                "install the package that provides it, or unset the variable."
            ) from None
        if _no_session_bus() and re.search(r"d-?bus|secret ?service", str(error), re.I):
            raise CredentialError(_no_backend_message(scheduled)) from None
        raise CredentialError(
            f"The keyring failed ({type(error).__name__}: {error}): check that your keyring is "
            "installed and unlocked."
        ) from None


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputError(f"Unknown account {kind!r}: use smtp or imap.")


def stored_password(kind: str) -> str | None:
    _check_kind(kind)
    import keyring

    result: Any = _keyring_call(lambda: keyring.get_password(SERVICE, kind))
    return result if isinstance(result, str) else None


def store_password(kind: str, password: str) -> None:
    _check_kind(kind)
    if not password:
        raise InputError("The password is empty: nothing was stored.")
    if "\n" in password or "\r" in password or "\x00" in password:
        raise InputError("The password contains a line break or NUL: nothing was stored.")
    import keyring

    _keyring_call(lambda: keyring.set_password(SERVICE, kind, password))


def delete_password(kind: str) -> bool:
    """Remove the stored password; False when there was none."""
    _check_kind(kind)
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        _keyring_call(lambda: keyring.delete_password(SERVICE, kind))
    except PasswordDeleteError:
        return False
    return True


def resolve_password(kind: str, prompt: Prompt | None) -> str:
    """The password for `kind`: from the keyring, else asked with `prompt` when given.

    `prompt is None` is the non-interactive mode (schedulers, pipes): it never
    waits for input and raises instead.
    """
    _check_kind(kind)
    import keyring

    found: Any = _keyring_call(
        lambda: keyring.get_password(SERVICE, kind), scheduled=prompt is None
    )
    password = found if isinstance(found, str) else None
    if password:
        return password
    if prompt is None:
        raise CredentialError(
            f"No {kind.upper()} password is stored in the keyring: run "
            f"`feedback-mailer auth set {kind}` once in your session."
        )
    answer = prompt(f"{kind.upper()} password (not stored; `auth set {kind}` stores it)")
    if not answer:
        raise CredentialError(f"No {kind.upper()} password given: nothing was sent.")
    return answer


def require_usable_keyring() -> None:
    """Raise the sentence for this machine when no keyring can store a password here."""
    report = backend_report()
    lowered = report.name.lower()
    if "fail" in lowered or "null" in lowered:
        raise CredentialError(report.warning or _no_backend_message())


@dataclass(frozen=True)
class BackendReport:
    name: str
    warning: str | None


def backend_report() -> BackendReport:
    """Which backend keyring chose, and a warning when it is unsafe or unusable."""
    import keyring

    backend = _keyring_call(keyring.get_keyring)
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    lowered = name.lower()
    warning = None
    if "fail" in lowered or "null" in lowered:
        warning = _no_backend_message()
    elif "plaintext" in lowered:
        warning = (
            f"the keyring backend {name} stores passwords unencrypted on disk: prefer your "
            "desktop keyring (GNOME Keyring, KWallet, macOS Keychain)."
        )
    return BackendReport(name=name, warning=warning)


# --- other entries beside the passwords: the OAuth2 sign-in (setup/oauth2.py) --------


def stored_entry(name: str) -> str | None:
    """The keyring entry `name` of this service, or None."""
    import keyring

    result: Any = _keyring_call(lambda: keyring.get_password(SERVICE, name))
    return result if isinstance(result, str) else None


def store_entry(name: str, value: str) -> None:
    import keyring

    _keyring_call(lambda: keyring.set_password(SERVICE, name, value))


def delete_entry(name: str) -> bool:
    """Remove the entry; False when there was none."""
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        _keyring_call(lambda: keyring.delete_password(SERVICE, name))
    except PasswordDeleteError:
        return False
    return True
