"""Where the config, the templates and the database live.

platformdirs honours XDG_CONFIG_HOME / XDG_DATA_HOME on Linux and the native
locations elsewhere; the environment overrides let scripts and tests point a
run at other files without touching the user's own.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "feedback-mailer"
CONFIG_ENV = "FEEDBACK_MAILER_CONFIG"
DB_ENV = "FEEDBACK_MAILER_DB"


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The config file: `--config`, else $FEEDBACK_MAILER_CONFIG, else the user config dir."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return config_dir() / "config.toml"


def user_templates_dir(config_file: Path) -> Path:
    """A user's own templates sit beside their config file."""
    return config_file.parent / "templates"


def db_path() -> Path:
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / "feedback-mailer.sqlite3"
