"""`schedule install|remove|show`: run `feedback-mailer run` every few minutes.

Linux gets a systemd *user* service + timer and macOS a launchd agent. Both
run inside the user's session, where the desktop keyring (Secret Service,
KWallet, the login Keychain) is reachable; cron usually is not (see
`CRON_KEYRING_NOTE`), so cron is only offered as a printed line.

Text generation (`systemd_units`, `launchd_plist`, `crontab_line`) is pure;
`install`, `remove` and `show` touch the file system, and `install`/`remove`
run `systemctl`/`launchctl` through an injectable `runner`.

Locations: `home` replaces `Path.home()` and `environ` replaces `os.environ`
(both for tests). The unit directory is `$XDG_CONFIG_HOME/systemd/user` when
that variable is set to an absolute path, else `<home>/.config/systemd/user`;
the timer's `Persistent=` stamp lives in `$XDG_DATA_HOME/systemd/timers`
(else `<home>/.local/share/systemd/timers`), as the systemd user manager
places it. Standard library only: the CLI imports this module lazily.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from feedback_mailer.base.errors import FeedbackMailerError, InputError
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
_UNIT_MODE = 0o644
_SYSTEMD_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=:,./@-")
_SYSTEMD_BAD_EXEC_CHARS = {
    "'": "a single quote",
    '"': "a double quote",
    "\\": "a backslash",
    "$": "a dollar sign",
}
_SHELL_HINT = "use the crontab line from `feedback-mailer schedule show` instead"


@dataclass(frozen=True)
class RunCommand:
    """What the scheduler runs: the argument vector and extra environment variables."""

    argv: tuple[str, ...]
    environment: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What `install`/`remove` did, for the CLI to report."""

    written: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()
    commands_run: tuple[tuple[str, ...], ...] = ()
    messages: tuple[str, ...] = ()


Runner = Callable[[Sequence[str]], int]


class SubprocessRunner:
    """The default runner: runs a command, returns its exit status, keeps its output.

    A missing program gives 127 and one that cannot be executed 126, as a shell
    would; the output is captured (not shown) and the last line of it is quoted
    in error messages.
    """

    def __init__(self, timeout: float = 120.0) -> None:
        self.timeout = timeout
        self.last_output = ""

    def __call__(self, argv: Sequence[str]) -> int:
        self.last_output = ""
        try:
            done = subprocess.run(
                list(argv),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                timeout=self.timeout,
                check=False,
            )
        except FileNotFoundError:
            self.last_output = f"{argv[0]}: command not found"
            return 127
        except PermissionError:
            self.last_output = f"{argv[0]}: permission denied"
            return 126
        except subprocess.TimeoutExpired:
            self.last_output = f"timed out after {self.timeout:g} seconds"
            return 124
        self.last_output = done.stdout or ""
        return done.returncode


# --------------------------------------------------------------------------- command


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
            f"without quotes, backslashes or dollar signs, or {_SHELL_HINT}."
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


def _home(home: Path | None) -> Path:
    return Path.home() if home is None else home


def launchd_log_path(home: Path | None = None) -> Path:
    return _home(home) / "Library" / "Logs" / LAUNCHD_LOG_NAME


def launchd_plist_path(home: Path | None = None) -> Path:
    return _home(home) / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


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


# --------------------------------------------------------------------------- locations


def _environ(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def _xdg(environ: Mapping[str, str], name: str, fallback: Path) -> Path:
    value = environ.get(name, "")
    return Path(value) if value and os.path.isabs(value) else fallback


def systemd_unit_dir(home: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """Where the systemd user manager looks for a user's own units."""
    fallback = _home(home) / ".config"
    return _xdg(_environ(environ), "XDG_CONFIG_HOME", fallback) / "systemd" / "user"


def _timer_stamp_path(home: Path | None, environ: Mapping[str, str] | None) -> Path:
    fallback = _home(home) / ".local" / "share"
    data_home = _xdg(_environ(environ), "XDG_DATA_HOME", fallback)
    return data_home / "systemd" / "timers" / f"stamp-{TIMER_NAME}"


def _wants_link(unit_dir: Path) -> Path:
    return unit_dir / "timers.target.wants" / TIMER_NAME


def _platform(platform: str | None) -> str:
    name = sys.platform if platform is None else platform
    if name.startswith("linux"):
        return "linux"
    return name


def _unsupported(platform: str) -> FeedbackMailerError:
    return FeedbackMailerError(
        f"`schedule install` supports systemd (Linux) and launchd (macOS), not {platform!r}; "
        "add the crontab line printed by `feedback-mailer schedule show` to your scheduler "
        "instead."
    )


# --------------------------------------------------------------------------- side effects


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""  # present but unreadable: counts as different


def _write_if_changed(path: Path, text: str) -> bool:
    """Write `text` atomically (temp file + os.replace) unless it is already there."""
    try:
        if _read(path) == text:
            if path.stat().st_mode & 0o777 != _UNIT_MODE:
                os.chmod(path, _UNIT_MODE)
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, _UNIT_MODE)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise FeedbackMailerError(
            f"Could not write {path} ({exc.strerror or exc}); check that you own "
            f"{path.parent} and can write to it, then run `feedback-mailer schedule install` "
            "again."
        ) from None
    return True


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise FeedbackMailerError(
            f"Could not delete {path} ({exc.strerror or exc}); delete it by hand, then run "
            "`feedback-mailer schedule remove` again."
        ) from None
    return True


def _exists(path: Path) -> bool:
    return path.is_symlink() or path.exists()


class _Session:
    """Runs commands through the runner and records them."""

    def __init__(self, runner: Runner | None) -> None:
        self.runner: Runner = SubprocessRunner() if runner is None else runner
        self.commands: list[tuple[str, ...]] = []

    def run(self, *argv: str) -> int:
        self.commands.append(argv)
        return self.runner(argv)

    def why(self, argv: Sequence[str], code: int) -> str:
        """`<command>` exited with N (and what it said, when the default runner caught it)."""
        text = f"`{shlex.join(argv)}` exited with {code}"
        if code == 127:
            text = f"`{argv[0]}` was not found"
        if isinstance(self.runner, SubprocessRunner):
            lines = [ln.strip() for ln in self.runner.last_output.splitlines() if ln.strip()]
            if lines and code != 127:
                text += f": {lines[-1]}"
        return text


def install(
    cmd: RunCommand,
    *,
    platform: str | None = None,
    home: Path | None = None,
    runner: Runner | None = None,
    environ: Mapping[str, str] | None = None,
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES,
) -> Outcome:
    """Write the timer/agent (only what changed) and enable it. Safe to repeat."""
    name = _platform(platform)
    if name == "linux":
        return _install_systemd(cmd, home, runner, environ, interval_minutes)
    if name == "darwin":
        return _install_launchd(cmd, home, runner, interval_minutes)
    raise _unsupported(name)


def _install_systemd(
    cmd: RunCommand,
    home: Path | None,
    runner: Runner | None,
    environ: Mapping[str, str] | None,
    interval_minutes: int,
) -> Outcome:
    units = systemd_units(cmd, interval_minutes)
    unit_dir = systemd_unit_dir(home, environ)
    written = tuple(
        unit_dir / file_name
        for file_name, text in units.items()
        if _write_if_changed(unit_dir / file_name, text)
    )
    messages = [f"Wrote {path}." for path in written]
    if not written:
        messages.append(f"The units in {unit_dir} are already up to date.")
    session = _Session(runner)
    steps = (
        ("systemctl", "--user", "daemon-reload"),
        ("systemctl", "--user", "enable", "--now", TIMER_NAME),
    )
    for argv in steps:
        code = session.run(*argv)
        if code != 0:
            raise FeedbackMailerError(
                f"The units were written to {unit_dir}, but enabling them failed "
                f"({session.why(argv, code)}); run `systemctl --user daemon-reload && "
                f"systemctl --user enable --now {TIMER_NAME}` inside your own login session "
                "(not through sudo, su or cron), or, if this system does not run systemd, "
                f"{_SHELL_HINT}."
            )
    messages.append(
        f"Enabled {TIMER_NAME}: `feedback-mailer run` every {interval_minutes} minutes while "
        f"you are logged in; see `systemctl --user list-timers {TIMER_NAME}` and "
        f"`journalctl --user -u {SERVICE_NAME}`."
    )
    return Outcome(
        written=written,
        commands_run=tuple(session.commands),
        messages=tuple(messages),
    )


def _install_launchd(
    cmd: RunCommand, home: Path | None, runner: Runner | None, interval_minutes: int
) -> Outcome:
    text = launchd_plist(cmd, interval_minutes, home=home)
    plist = launchd_plist_path(home)
    written = (plist,) if _write_if_changed(plist, text) else ()
    messages = [f"Wrote {plist}." if written else f"{plist} is already up to date."]
    session = _Session(runner)
    session.run("launchctl", "unload", str(plist))  # not loaded yet: fine
    load = ("launchctl", "load", "-w", str(plist))
    code = session.run(*load)
    if code != 0:
        raise FeedbackMailerError(
            f"The agent was written to {plist}, but loading it failed "
            f"({session.why(load, code)}); run `{shlex.join(load)}` in a Terminal of your "
            "own logged-in session (not through sudo or ssh)."
        )
    messages.append(
        f"Loaded {LAUNCHD_LABEL}: `feedback-mailer run` every {interval_minutes} minutes; "
        f"output goes to {launchd_log_path(home)}."
    )
    return Outcome(written=written, commands_run=tuple(session.commands), messages=tuple(messages))


def remove(
    *,
    platform: str | None = None,
    home: Path | None = None,
    runner: Runner | None = None,
    environ: Mapping[str, str] | None = None,
) -> Outcome:
    """Stop and delete the timer/agent and everything it left. Fine when not installed."""
    name = _platform(platform)
    if name == "linux":
        return _remove_systemd(home, runner, environ)
    if name == "darwin":
        return _remove_launchd(home, runner)
    raise FeedbackMailerError(
        f"`schedule remove` supports systemd (Linux) and launchd (macOS), not {name!r}; "
        "if you added the crontab line yourself, delete it with `crontab -e`."
    )


def _remove_systemd(
    home: Path | None, runner: Runner | None, environ: Mapping[str, str] | None
) -> Outcome:
    unit_dir = systemd_unit_dir(home, environ)
    wants = _wants_link(unit_dir)
    ours = (
        unit_dir / TIMER_NAME,
        unit_dir / SERVICE_NAME,
        wants,
        _timer_stamp_path(home, environ),
    )
    if not any(_exists(path) for path in ours):
        return Outcome(messages=(f"No feedback-mailer timer is installed in {unit_dir}.",))
    session = _Session(runner)
    messages: list[str] = []
    disable = ("systemctl", "--user", "disable", "--now", TIMER_NAME)
    disabled = session.run(*disable) == 0
    removed = tuple(path for path in ours if _unlink(path))
    with contextlib.suppress(OSError):
        wants.parent.rmdir()  # only when empty; systemctl may leave it behind
    reload = ("systemctl", "--user", "daemon-reload")
    reloaded = session.run(*reload) == 0
    messages += [f"Deleted {path}." for path in removed]
    if not (disabled and reloaded):
        messages.append(
            "The systemd user manager could not be reached, so a timer it already loaded may "
            f"still be active until you log out; to stop it now, run `systemctl --user stop "
            f"{TIMER_NAME} && systemctl --user daemon-reload` inside your login session."
        )
    else:
        messages.append(f"Stopped and removed {TIMER_NAME}.")
    return Outcome(removed=removed, commands_run=tuple(session.commands), messages=tuple(messages))


def _remove_launchd(home: Path | None, runner: Runner | None) -> Outcome:
    plist = launchd_plist_path(home)
    log = launchd_log_path(home)
    if not _exists(plist) and not _exists(log):
        return Outcome(messages=(f"No feedback-mailer agent is installed ({plist} is absent).",))
    session = _Session(runner)
    messages: list[str] = []
    if _exists(plist):
        unload = ("launchctl", "unload", "-w", str(plist))
        if session.run(*unload) != 0:
            messages.append(
                f"`{shlex.join(unload)}` failed (the agent was probably not loaded); the "
                "file is deleted anyway."
            )
    removed = tuple(path for path in (plist, log) if _unlink(path))
    messages += [f"Deleted {path}." for path in removed]
    return Outcome(removed=removed, commands_run=tuple(session.commands), messages=tuple(messages))


# --------------------------------------------------------------------------- show


def _file_status(path: Path, expected: str) -> str:
    current = _read(path)
    if current is None:
        return "absent"
    if current == expected:
        return "installed"
    return "different"


def _status_line(statuses: Mapping[Path, str]) -> str:
    values = set(statuses.values())
    if values == {"installed"}:
        return "Status: installed (the files match what `schedule install` writes)."
    if values == {"absent"}:
        return "Status: not installed (run `feedback-mailer schedule install`)."
    details = "; ".join(
        f"{path} is {'missing' if status == 'absent' else 'out of date'}"
        for path, status in statuses.items()
        if status != "installed"
    )
    return f"Status: present but different ({details}); run `feedback-mailer schedule install`."


def show(
    cmd: RunCommand,
    *,
    platform: str | None = None,
    home: Path | None = None,
    environ: Mapping[str, str] | None = None,
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES,
) -> str:
    """Human-readable: where the files are, whether installed, their text, and the cron way."""
    name = _platform(platform)
    parts: list[str] = []
    if name == "linux":
        unit_dir = systemd_unit_dir(home, environ)
        parts.append(f"Scheduler: systemd user timer, unit directory {unit_dir}")
        try:
            units = systemd_units(cmd, interval_minutes)
        except InputError as exc:
            parts.append(f"Cannot make systemd units here: {exc}")
            units = {}
        if units:
            statuses = {unit_dir / n: _file_status(unit_dir / n, t) for n, t in units.items()}
            enabled = "yes" if _exists(_wants_link(unit_dir)) else "no"
            parts.append(_status_line(statuses))
            parts.append(f"Enabled (timers.target.wants link present): {enabled}")
        for file_name, text in units.items():
            parts.append(f"\n--- {unit_dir / file_name} ---\n{text.rstrip()}")
    elif name == "darwin":
        plist = launchd_plist_path(home)
        text = launchd_plist(cmd, interval_minutes, home=home)
        parts.append(f"Scheduler: launchd agent {LAUNCHD_LABEL}, file {plist}")
        parts.append(_status_line({plist: _file_status(plist, text)}))
        parts.append(f"\n--- {plist} ---\n{text.rstrip()}")
    else:
        parts.append(
            f"Scheduler: none; `schedule install` supports systemd (Linux) and launchd "
            f"(macOS), not {name!r}."
        )
    parts.append(
        "\nEquivalent crontab line (add with `crontab -e`):\n" + crontab_line(cmd, interval_minutes)
    )
    parts.append(f"\n{CRON_KEYRING_NOTE}")
    return "\n".join(parts) + "\n"
