"""One exception root, each subclass with the exit code the README documents.

The CLI edge turns any `FeedbackMailerError` into its message on stderr and
its exit code; nothing below the CLI prints or exits.
"""

from __future__ import annotations


class FeedbackMailerError(Exception):
    """Root of every error the tool reports to the user as one sentence."""

    exit_code = 1


class InputError(FeedbackMailerError):
    """A value the user typed is not acceptable (address, date, text, template)."""

    exit_code = 2


class ConfigError(FeedbackMailerError):
    """The config file is missing, malformed, or holds an impossible value."""

    exit_code = 3


class StoreError(FeedbackMailerError):
    """The database cannot be opened, is corrupt, locked, or too new."""

    exit_code = 4


class CredentialError(FeedbackMailerError):
    """No password in the keyring, or the keyring itself is unusable."""

    exit_code = 5


class MailServerError(FeedbackMailerError):
    """SMTP or IMAP failed: connection, TLS, login, or a refused message."""

    exit_code = 6


class RefusedError(FeedbackMailerError):
    """The action would break an etiquette rule or the request's state forbids it."""

    exit_code = 7


class NotFoundError(FeedbackMailerError):
    """No request with that id."""

    exit_code = 8
