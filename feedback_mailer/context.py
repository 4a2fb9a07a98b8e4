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

from feedback_mailer import clock
from feedback_mailer.setup import paths

if TYPE_CHECKING:
    from feedback_mailer.mail.imap import ImapSession
    from feedback_mailer.mail.smtp import SmtpSession
    from feedback_mailer.setup.config import Config
    from feedback_mailer.setup.credentials import Prompt
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
            from feedback_mailer.setup.credentials import resolve_password

            smtp = self.config().require_smtp()
            password = resolve_password("smtp", prompt)
            return SmtpSession(smtp, password, debug=self.debug_stream())

        return open_session

    def imap_session(self, prompt: Prompt | None) -> ImapSession:
        from feedback_mailer.mail.imap import ImapSession
        from feedback_mailer.setup.credentials import resolve_password

        imap = self.config().require_imap()
        password = resolve_password("imap", prompt)
        return ImapSession(imap, password, debug=self.debug_stream())
