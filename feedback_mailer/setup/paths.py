"""Where the config, the templates and the database live.

platformdirs honours XDG_CONFIG_HOME / XDG_DATA_HOME on Linux and the native
locations elsewhere; the environment overrides let scripts and tests point a
run at other files without touching the user's own.
"""

from __future__ import annotations

import os
from pathlib import Path

from feedback_mailer.base.errors import ConfigError, FeedbackMailerError, StoreError

APP_NAME = "feedback-mailer"
CONFIG_ENV = "FEEDBACK_MAILER_CONFIG"
DB_ENV = "FEEDBACK_MAILER_DB"

# Linux and macOS refuse longer names (ENAMETOOLONG) and longer paths.
NAME_MAX = 255
PATH_MAX = 4095


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _usable(text: str | os.PathLike[str], what: str, error: type[FeedbackMailerError]) -> Path:
    """The path, `~` expanded, or one sentence when it cannot name a file at all."""
    try:
        path = Path(text).expanduser()
    except RuntimeError:  # ~nosuchuser
        raise error(
            f"The {what} path {os.fspath(text)!r} starts with an unknown user's home (~name): "
            "write the full path."
        ) from None
    if len(os.fsencode(path)) > PATH_MAX:
        raise error(
            f"The {what} path is {len(os.fsencode(path))} bytes long, more than the {PATH_MAX} "
            "a path may have: choose a shorter one."
        )
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > NAME_MAX:
            raise error(
                f"The {what} path {str(path)[:60]!r}... has a name of {size} bytes "
                f"({part[:20]!r}...), more than the {NAME_MAX} a file name may have: "
                "choose a shorter path."
            )
    return path


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The config file: `--config`, else $FEEDBACK_MAILER_CONFIG, else the user config dir."""
    if explicit:
        return _usable(explicit, "config", ConfigError)
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return _usable(from_env, "config", ConfigError)
    return config_dir() / "config.toml"


def user_templates_dir(config_file: Path) -> Path:
    """A user's own templates sit beside their config file."""
    return config_file.parent / "templates"


def db_path() -> Path:
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return _usable(from_env, "database", StoreError)
    return data_dir() / "feedback-mailer.sqlite3"
