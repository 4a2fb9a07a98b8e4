"""Real keyring backends for fault tests, selected the way users select one.

keyring loads them by name from ``PYTHON_KEYRING_BACKEND`` (for example
``support.keyring_backends.LockedKeyring`` with the tests directory on
``PYTHONPATH``), so the product's own keyring calls meet the fault exactly as
they would meet a desktop keyring that is locked: nothing is monkeypatched.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

__all__ = ["LockedKeyring"]


class LockedKeyring(KeyringBackend):
    """A keyring that exists but is locked (as after a login without unlocking it).

    Every read and write raises ``keyring.errors.KeyringLocked``, like
    SecretService does when the user dismisses the unlock prompt.
    """

    priority = 1.0  # viable, but only ever used when named in PYTHON_KEYRING_BACKEND

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked(f"the keyring holding {service}/{username} is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked(f"the keyring is locked; cannot store {service}/{username}")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked(f"the keyring is locked; cannot delete {service}/{username}")
