"""The texts `schedule` writes: systemd units, the launchd plist, the crontab line.

Pure: these functions only build text from a `RunCommand` and check every
value that goes into it, so no value can break out of its line or field.
`setup.os_scheduler` writes them to disk and runs the OS's tools.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from feedback_mailer.base.errors import InputError
from feedback_mailer.base.textsafety import find_control_character
from feedback_mailer.setup.paths import CONFIG_ENV, DB_ENV

SERVICE_NAME = "feedback-mailer.service"
TIMER_NAME = "feedback-mailer.timer"
LAUNCHD_LABEL = "io.github.feedback-mailer.run"
LAUNCHD_LOG_NAME = "feedback-mailer.log"
DEFAULT_INTERVAL_MINUTES = 15

# Copied from the installing shell when set, so the scheduled `run` reads the
# same config, templates, database and keyring backend as the user's commands.
INHERITED_ENV = (
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
    "PYTHON_KEYRING_BACKEND",
)

CRON_KEYRING_NOTE = (
    "Note on cron: cron starts jobs outside your login session, with no D-Bus session bus "
    "(DBUS_SESSION_BUS_ADDRESS is unset) and, on macOS, without your unlocked login Keychain, "
    "so `feedback-mailer run` usually cannot read the SMTP/IMAP password from the desktop "
    "keyring there and stops with a keyring error. `feedback-mailer schedule install` avoids "
    "this by running inside your user session (a systemd user timer on Linux, a launchd agent "
    "on macOS), where the keyring is reachable; use the crontab line only if your keyring "
    "works without a desktop session (check with `feedback-mailer doctor` run from cron)."
)

_HEADER = (
    "# Written by `feedback-mailer schedule install`; "
    "`feedback-mailer schedule remove` deletes it.\n"
)
_SYSTEMD_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=:,./@-")
_SYSTEMD_BAD_EXEC_CHARS = {
    "'": "a single quote",
    '"': "a double quote",
    "\\": "a backslash",
    "$": "a dollar sign",
}
SHELL_HINT = "use the crontab line from `feedback-mailer schedule show` instead"


@dataclass(frozen=True)
class RunCommand:
    """What the scheduler runs: the argument vector and extra environment variables."""

    argv: tuple[str, ...]
    environment: dict[str, str] = field(default_factory=dict)


def default_run_command(
    config_path: Path | None,
    db_path: Path | None,
    *,
    environ: Mapping[str, str] | None = None,
) -> RunCommand:
    """`<this python> -m feedback_mailer run --quiet`, with the environment that finds our files.

    FEEDBACK_MAILER_CONFIG / FEEDBACK_MAILER_DB are set from the arguments (made
    absolute), else copied from `environ` when set there; the XDG base
    directories and PYTHON_KEYRING_BACKEND are copied when set (XDG ones only
    when absolute, as the XDG spec requires). The interpreter path is kept as
    is, not resolved: a virtualenv's `bin/python` symlink must stay a symlink.
    """
    env = os.environ if environ is None else environ
    environment: dict[str, str] = {}
    for name, explicit in ((CONFIG_ENV, config_path), (DB_ENV, db_path)):
        value: str | None = str(explicit) if explicit is not None else env.get(name) or None
        if value:
            environment[name] = os.path.abspath(os.path.expanduser(value))
    for name in INHERITED_ENV:
        value = env.get(name)
        if value and (not name.startswith("XDG_") or os.path.isabs(value)):
            environment[name] = value
    return RunCommand(
        argv=(sys.executable, "-m", "feedback_mailer", "run", "--quiet"),
        environment=environment,
    )


def _check_interval(interval_minutes: int) -> None:
    if (
        isinstance(interval_minutes, bool)
        or not isinstance(interval_minutes, int)
        or not 1 <= interval_minutes <= 60
        or 60 % interval_minutes
    ):
        raise InputError(
            f"The schedule interval {interval_minutes!r} minutes is not supported; "
            "use a whole number of minutes that divides an hour (1, 2, 3, 4, 5, 6, 10, 12, "
            "15, 20, 30 or 60)."
        )


def _check_text(value: str, what: str) -> None:
    if find_control_character(value) is not None:
        raise InputError(
            f"The {what} {value!r} contains a control character, which a scheduler "
            "entry cannot hold; use a value without control characters."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            f"The {what} {value!r} is not valid UTF-8, which a scheduler entry cannot hold; "
            "rename it to a UTF-8 name."
        ) from None


def _check_command(cmd: RunCommand) -> None:
    if not cmd.argv:
        raise InputError("The scheduled command is empty; give the program to run.")
    program = cmd.argv[0]
    if not os.path.isabs(program):
        raise InputError(
            f"The scheduled program {program!r} is not an absolute path; a scheduler needs "
            "the full path of the Python interpreter (sys.executable)."
        )
    for arg in cmd.argv:
        _check_text(arg, "scheduled command argument")
    for name, value in cmd.environment.items():
        if (
            not name
            or not (name[0].isalpha() or name[0] == "_")
            or not all(c.isascii() and (c.isalnum() or c == "_") for c in name)
        ):
            raise InputError(
                f"The environment variable name {name!r} is not valid; use ASCII letters, "
                "digits and underscores, not starting with a digit."
            )
        _check_text(value, f"value of {name}")


# --------------------------------------------------------------------------- systemd


def _systemd_word(value: str, *, expand_dollar: bool) -> str:
    """One item of a systemd setting, quoted per systemd.syntax(7) "Quoting".

    `%` starts a specifier everywhere (`%%` is a literal one); in Exec command
    lines `$` starts a variable (`$$` is a literal one), but not in
    Environment=. Inside double quotes a backslash and a double quote need a
    backslash. A word made only of harmless characters is left bare.
    """
    escaped = value.replace("%", "%%")
    if expand_dollar:
        escaped = escaped.replace("$", "$$")
    if value and all(c in _SYSTEMD_SAFE for c in value):
        return escaped
    escaped = escaped.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _systemd_exec_line(argv: Sequence[str]) -> str:
    program = argv[0]
    bad = [what for ch, what in _SYSTEMD_BAD_EXEC_CHARS.items() if ch in program]
    if bad:
        raise InputError(
            f"The program path '{program}' contains {' and '.join(bad)}, which systemd does "
            "not accept in the executable of a unit; install feedback-mailer under a path "
            f"without quotes, backslashes or dollar signs, or {SHELL_HINT}."
        )
    # The executable path itself is never variable-expanded, so `$` needs no
    # escaping there (and is refused above, because argv[0] would be expanded).
    words = [_systemd_word(program, expand_dollar=False)]
    words += [_systemd_word(arg, expand_dollar=True) for arg in argv[1:]]
    return " ".join(words)


def _on_calendar(interval_minutes: int) -> str:
    return "*:00" if interval_minutes == 60 else f"*:0/{interval_minutes}"


def systemd_units(
    cmd: RunCommand, interval_minutes: int = DEFAULT_INTERVAL_MINUTES
) -> dict[str, str]:
    """The service and timer unit texts, keyed by file name."""
    _check_interval(interval_minutes)
    _check_command(cmd)
    env_lines = "".join(
        f"Environment={_systemd_word(f'{name}={value}', expand_dollar=False)}\n"
        for name, value in sorted(cmd.environment.items())
    )
    service = (
        f"{_HEADER}"
        "[Unit]\n"
        "Description=feedback-mailer: look for replies and send due follow-up emails\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{env_lines}"
        f"ExecStart={_systemd_exec_line(cmd.argv)}\n"
        # A oneshot has no start timeout by default: a hung connection would
        # keep the service "activating" and the timer would never fire again.
        "TimeoutStartSec=10min\n"
    )
    every = "hour" if interval_minutes == 60 else f"{interval_minutes} minutes"
    timer = (
        f"{_HEADER}"
        "[Unit]\n"
        f"Description=Run feedback-mailer every {every} (send due follow-up emails)\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={_on_calendar(interval_minutes)}\n"
        "Persistent=true\n"
        f"Unit={SERVICE_NAME}\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {SERVICE_NAME: service, TIMER_NAME: timer}


# --------------------------------------------------------------------------- launchd


def home_dir(home: Path | None) -> Path:
    return Path.home() if home is None else home


def launchd_log_path(home: Path | None = None) -> Path:
    return home_dir(home) / "Library" / "Logs" / LAUNCHD_LOG_NAME


def launchd_plist_path(home: Path | None = None) -> Path:
    return home_dir(home) / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


def launchd_plist(
    cmd: RunCommand,
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES,
    *,
    home: Path | None = None,
) -> str:
    """The launchd agent property list (XML), made with plistlib."""
    _check_interval(interval_minutes)
    _check_command(cmd)
    log = str(launchd_log_path(home))
    payload: dict[str, object] = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": list(cmd.argv),
        "StartInterval": interval_minutes * 60,
        "RunAtLoad": True,
        "ProcessType": "Background",
        "StandardOutPath": log,
        "StandardErrorPath": log,
    }
    if cmd.environment:
        payload["EnvironmentVariables"] = dict(sorted(cmd.environment.items()))
    return plistlib.dumps(payload, fmt=plistlib.FMT_XML, sort_keys=True).decode("utf-8")


# --------------------------------------------------------------------------- cron


def crontab_line(cmd: RunCommand, interval_minutes: int = DEFAULT_INTERVAL_MINUTES) -> str:
    """One crontab(5) line: `*/15 * * * * NAME=value ... /path/python -m feedback_mailer run`.

    Words are quoted for /bin/sh with shlex.quote; cron itself turns an
    unescaped `%` into a newline, so every `%` is written as `\\%` (cron
    removes that backslash before the shell sees the line).
    """
    _check_interval(interval_minutes)
    _check_command(cmd)
    minute = "0" if interval_minutes == 60 else f"*/{interval_minutes}"
    words = [f"{name}={shlex.quote(value)}" for name, value in sorted(cmd.environment.items())]
    words += [shlex.quote(arg) for arg in cmd.argv]
    command = " ".join(words).replace("%", "\\%")
    return f"{minute} * * * * {command}"
