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
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from feedback_mailer.base.errors import FeedbackMailerError, InputError
from feedback_mailer.setup.schedule_text import (
    CRON_KEYRING_NOTE,
    DEFAULT_INTERVAL_MINUTES,
    LAUNCHD_LABEL,
    SERVICE_NAME,
    SHELL_HINT,
    TIMER_NAME,
    RunCommand,
    crontab_line,
    home_dir,
    launchd_log_path,
    launchd_plist,
    launchd_plist_path,
    systemd_units,
)

_UNIT_MODE = 0o644  # units and plists are read by the user's service manager only


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


# --------------------------------------------------------------------------- locations


def _environ(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def _xdg(environ: Mapping[str, str], name: str, fallback: Path) -> Path:
    value = environ.get(name, "")
    return Path(value) if value and os.path.isabs(value) else fallback


def systemd_unit_dir(home: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """Where the systemd user manager looks for a user's own units."""
    fallback = home_dir(home) / ".config"
    return _xdg(_environ(environ), "XDG_CONFIG_HOME", fallback) / "systemd" / "user"


def _timer_stamp_path(home: Path | None, environ: Mapping[str, str] | None) -> Path:
    fallback = home_dir(home) / ".local" / "share"
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
                f"{SHELL_HINT}."
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
