"""What every command needs: which config file, which database, which clock.

The CLI builds one `AppContext` from its global options; the logic below it
receives the pieces it needs and never looks at click or the environment.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from feedback_mailer.base import clock
from feedback_mailer.setup import paths

if TYPE_CHECKING:
    from feedback_mailer.mail.imap import ImapSession
    from feedback_mailer.mail.sasl import BearerToken
    from feedback_mailer.mail.smtp import SmtpSession
    from feedback_mailer.setup.config import Config
    from feedback_mailer.setup.credentials import Prompt
    from feedback_mailer.setup.oauth2 import SignIn, TokenCache
    from feedback_mailer.store import Store


class AppContext:
    """Built once per command by the CLI (a plain class: no dataclasses import at start-up)."""

    def __init__(
        self,
        config_option: str | None = None,
        debug: bool = False,
        now: Callable[[], datetime] = clock.now,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        self.config_option = config_option
        self.debug = debug
        self.now = now
        # Where warnings go (the CLI prints them on stderr); logic never prints.
        self.notice: Callable[[str], None] = notice or (lambda _text: None)
        self._config: Config | None = None
        self._tokens: TokenCache | None = None  # OAuth2 access tokens this command got

    @property
    def config_path(self) -> Path:
        return paths.config_path(self.config_option)

    @property
    def templates_dir(self) -> Path:
        return paths.user_templates_dir(self.config_path)

    @property
    def db_path(self) -> Path:
        return paths.db_path()

    def config(self) -> Config:
        from feedback_mailer.setup.config import load_config

        if self._config is None:
            self._config = load_config(self.config_path)
            self._warn_if_readable()
        return self._config

    def _warn_if_readable(self) -> None:
        from feedback_mailer.setup.config import permissions_warning

        warning = permissions_warning(self.config_path)
        if warning:
            self.notice(warning)

    def optional_config(self) -> Config | None:
        from feedback_mailer.setup.config import load_optional_config

        if self._config is None:
            self._config = load_optional_config(self.config_path)
            if self._config is not None:
                self._warn_if_readable()
        return self._config

    def store(self, *, create: bool = True) -> Store:
        from feedback_mailer.store import open_store

        return open_store(self.db_path, create=create)

    def debug_stream(self) -> IO[str] | None:
        return sys.stderr if self.debug else None

    def smtp_session_factory(self, prompt: Prompt | None) -> Callable[[], SmtpSession]:
        """A factory that fetches the password only when a session is really needed."""

        def open_session() -> SmtpSession:
            from feedback_mailer.mail.smtp import SmtpSession

            smtp = self.config().require_smtp()
            return SmtpSession(smtp, self.credential("smtp", prompt), debug=self.debug_stream())

        return open_session

    def imap_session(self, prompt: Prompt | None) -> ImapSession:
        from feedback_mailer.mail.imap import ImapSession

        imap = self.config().require_imap()
        return ImapSession(imap, self.credential("imap", prompt), debug=self.debug_stream())

    # --- signing in: a password, or an OAuth2 access token -------------------------

    def credential(self, kind: str, prompt: Prompt | None) -> str | BearerToken:
        """The password for `kind` ("smtp" or "imap"), or with auth = "oauth2" an access
        token (from its token_command, or the stored sign-in, refreshed when due)."""
        config = self.config()
        section = config.require_smtp() if kind == "smtp" else config.require_imap()
        if section.auth != "oauth2":
            from feedback_mailer.setup.credentials import resolve_password

            return resolve_password(kind, prompt)
        from feedback_mailer.setup import oauth2

        return oauth2.bearer(config, kind, self._token_cache(), self.now, self.debug_stream())

    def _token_cache(self) -> TokenCache:
        from feedback_mailer.setup.oauth2 import TokenCache

        if self._tokens is None:
            self._tokens = TokenCache()
        return self._tokens

    def oauth2_sign_in(self, *, force: bool = False) -> SignIn:
        """The stored OAuth2 sign-in with a usable access token, refreshed when due (always
        with `force`); this command's sessions then sign in with it."""
        from feedback_mailer.setup import oauth2

        cache = self._token_cache()
        cache.sign_in, cache.fresh = oauth2.current(
            self.config(), self.now, force=force, debug=self.debug_stream()
        )
        return cache.sign_in

    def check_sign_in(self) -> None:
        """Get the OAuth2 access tokens before anything else happens, so that a sign-in
        that is gone (or a failing token_command) stops `run` with its sentence and the
        credentials exit code, before anything is checked or sent. A sign-in server
        that cannot be reached is left to the step that needs it, as an unreachable
        mail server is."""
        from feedback_mailer.base.errors import CredentialError, FeedbackMailerError

        config = self.config()
        for kind, section in (("imap", config.imap), ("smtp", config.smtp)):
            if section is None or section.auth != "oauth2":
                continue
            try:
                self.credential(kind, None)
            except CredentialError:
                raise
            except FeedbackMailerError:
                return
