"""`schedule install|remove|show`: unit/plist/crontab text, and the install/remove side effects.

systemctl and launchctl are replaced by a recording runner (they would touch
the real user session); everything else is real: files in tmp_path,
`systemd-analyze verify` on the generated units, plistlib, /bin/sh.
"""

from __future__ import annotations

import json
import plistlib
import shlex
import shutil
import stat
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from feedback_mailer.base.errors import FeedbackMailerError, InputError
from feedback_mailer.setup import os_scheduler, schedule_text
from feedback_mailer.setup.os_scheduler import Outcome
from feedback_mailer.setup.schedule_text import (
    LAUNCHD_LABEL,
    SERVICE_NAME,
    TIMER_NAME,
    RunCommand,
)

# A value that needs every kind of escaping systemd, sh and cron know about.
NASTY = '/tmp/my dir/100% "quoted" it\'s $HOME \\back'


# --------------------------------------------------------------------------- helpers

_C_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "s": " ",
}


def systemd_split(value: str) -> list[str]:
    """An independent reading of systemd.syntax(7) "Quoting" (the subset we emit)."""
    words: list[str] = []
    i = 0
    while i < len(value):
        if value[i] in " \t":
            i += 1
            continue
        quote = value[i] if value[i] in "\"'" else None
        i += 1 if quote else 0
        word: list[str] = []
        while i < len(value):
            ch = value[i]
            if quote is None and ch in " \t":
                break
            if quote is not None and ch == quote:
                quote = None
                i += 1
                assert i == len(value) or value[i] in " \t", f"text after a closing quote: {value}"
                break
            if ch == "\\":
                assert value[i + 1] in _C_ESCAPES, f"unknown escape in {value!r}"
                word.append(_C_ESCAPES[value[i + 1]])
                i += 2
                continue
            word.append(ch)
            i += 1
        assert quote is None, f"unbalanced quote in {value!r}"
        words.append("".join(word))
    return words


def unescape_doubled(word: str, sign: str) -> str:
    """`%%` -> `%` (or `$$` -> `$`); a lone sign would be a specifier/variable."""
    out: list[str] = []
    i = 0
    while i < len(word):
        if word[i] == sign:
            assert word[i + 1 : i + 2] == sign, f"unescaped {sign} in {word!r}"
            i += 2
        else:
            i += 1
        out.append(word[i - 1])
    return "".join(out)


def setting(text: str, key: str) -> list[str]:
    return [line.split("=", 1)[1] for line in text.splitlines() if line.startswith(f"{key}=")]


def exec_argv(service: str) -> list[str]:
    (line,) = setting(service, "ExecStart")
    words = [unescape_doubled(w, "%") for w in systemd_split(line)]
    return words[:1] + [unescape_doubled(w, "$") for w in words[1:]]


def environment(service: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for line in setting(service, "Environment"):
        for word in systemd_split(line):
            name, value = unescape_doubled(word, "%").split("=", 1)
            result[name] = value
    return result


class FakeRunner:
    """Records each command; returns a chosen exit code per verb; mimics enable/disable links."""

    def __init__(self, unit_dir: Path | None = None, codes: dict[str, int] | None = None) -> None:
        self.unit_dir = unit_dir
        self.codes = codes or {}
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, argv: Sequence[str]) -> int:
        call = tuple(argv)
        self.calls.append(call)
        verb = call[2] if call[:2] == ("systemctl", "--user") else call[1]
        code = self.codes.get(verb, 0)
        if code == 0 and self.unit_dir is not None:
            link = self.unit_dir / "timers.target.wants" / TIMER_NAME
            if verb == "enable":
                link.parent.mkdir(parents=True, exist_ok=True)
                link.unlink(missing_ok=True)
                link.symlink_to(self.unit_dir / TIMER_NAME)
            elif verb == "disable":
                link.unlink(missing_ok=True)
        return code


@pytest.fixture
def cmd(tmp_path: Path) -> RunCommand:
    return schedule_text.default_run_command(
        tmp_path / "conf dir 50%" / "config.toml", None, environ={}
    )


@pytest.fixture
def unit_dir(tmp_path: Path) -> Path:
    return tmp_path / "home" / ".config" / "systemd" / "user"


def snapshot(directory: Path) -> dict[str, tuple[int, int, str]]:
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_text())
        for p in directory.iterdir()
        if p.is_file()
    }


# --------------------------------------------------------------------------- the command


def test_default_run_command_uses_this_python_and_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cmd = schedule_text.default_run_command(
        Path("rel/config.toml"),
        Path("/data/fm.sqlite3"),
        environ={
            "XDG_CONFIG_HOME": "/home/a/cfg",
            "XDG_DATA_HOME": "relative/not/allowed",
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "FEEDBACK_MAILER_CONFIG": "/ignored/because/explicit.toml",
            "HOME": "/home/a",
        },
    )
    assert cmd.argv == (sys.executable, "-m", "feedback_mailer", "run", "--quiet")
    assert cmd.environment == {
        "FEEDBACK_MAILER_CONFIG": str(tmp_path / "rel" / "config.toml"),
        "FEEDBACK_MAILER_DB": "/data/fm.sqlite3",
        "XDG_CONFIG_HOME": "/home/a/cfg",
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
    }


def test_default_run_command_falls_back_to_the_environment() -> None:
    cmd = schedule_text.default_run_command(None, None, environ={"FEEDBACK_MAILER_DB": "/d/x.db"})
    assert cmd.environment == {"FEEDBACK_MAILER_DB": "/d/x.db"}
    assert schedule_text.default_run_command(None, None, environ={}).environment == {}


# --------------------------------------------------------------------------- systemd text


def test_service_unit_runs_the_command_once_per_activation(cmd: RunCommand) -> None:
    service = schedule_text.systemd_units(cmd)[SERVICE_NAME]
    assert "[Service]" in service
    assert setting(service, "Type") == ["oneshot"]
    assert setting(service, "ExecStart") == [f"{sys.executable} -m feedback_mailer run --quiet"]
    assert exec_argv(service) == list(cmd.argv)
    assert setting(service, "Description")
    assert setting(service, "TimeoutStartSec") == ["10min"]


def test_timer_unit_fires_every_15_minutes_and_catches_up(cmd: RunCommand) -> None:
    text = schedule_text.systemd_units(cmd)[TIMER_NAME]
    assert setting(text, "OnCalendar") == ["*:0/15"]
    assert setting(text, "Persistent") == ["true"]
    assert setting(text, "Unit") == [SERVICE_NAME]
    assert "[Install]\nWantedBy=timers.target\n" in text
    assert setting(text, "Description")
    assert setting(schedule_text.systemd_units(cmd, 5)[TIMER_NAME], "OnCalendar") == ["*:0/5"]
    assert setting(schedule_text.systemd_units(cmd, 60)[TIMER_NAME], "OnCalendar") == ["*:00"]


def test_environment_values_with_spaces_percent_quotes_are_escaped(tmp_path: Path) -> None:
    cmd = schedule_text.default_run_command(Path(NASTY), Path("/db dir/%h.sqlite3"), environ={})
    service = schedule_text.systemd_units(cmd)[SERVICE_NAME]
    lines = setting(service, "Environment")
    assert 'Environment="FEEDBACK_MAILER_CONFIG=' in service
    assert any("100%% " in line for line in lines)  # a bare % would be a specifier
    assert any('\\"quoted\\"' in line and "\\\\back" in line for line in lines)
    assert any("$HOME" in line and "$$" not in line for line in lines)  # no $ expansion there
    assert (
        environment(service)
        == cmd.environment
        == {
            "FEEDBACK_MAILER_CONFIG": NASTY,
            "FEEDBACK_MAILER_DB": "/db dir/%h.sqlite3",
        }
    )


def test_exec_arguments_escape_percent_dollar_quotes_and_semicolons() -> None:
    argv = ("/usr/bin/python3", "-c", "x", NASTY, ";", "", "${HOME}", "ünï cödé")
    service = schedule_text.systemd_units(RunCommand(argv=argv))[SERVICE_NAME]
    (line,) = setting(service, "ExecStart")
    assert '"/tmp/my dir/100%% \\"quoted\\" it\'s $$HOME \\\\back"' in line
    assert ' ";" ' in line  # a bare ; would start a second command
    assert '"$${HOME}"' in line
    assert exec_argv(service) == list(argv)


def test_program_path_with_space_and_percent_is_quoted_but_not_dollar_escaped() -> None:
    program = "/opt/my python 100%/bin/python"
    service = schedule_text.systemd_units(RunCommand(argv=(program, "-V")))[SERVICE_NAME]
    assert setting(service, "ExecStart") == ['"/opt/my python 100%%/bin/python" -V']
    assert exec_argv(service) == [program, "-V"]


@pytest.mark.parametrize(
    "program", ["/opt/it's/python", '/opt/a"b/python', "/opt/a\\b/py", "/a$b/py"]
)
def test_program_path_systemd_cannot_run_is_refused_with_the_way_out(program: str) -> None:
    with pytest.raises(InputError, match="crontab line") as info:
        schedule_text.systemd_units(RunCommand(argv=(program, "run")))
    assert program in str(info.value)
    text = os_scheduler.show(RunCommand(argv=(program, "run")), platform="linux", environ={})
    assert "Cannot make systemd units here" in text
    assert schedule_text.crontab_line(RunCommand(argv=(program, "run"))) in text


def test_systemd_analyze_accepts_the_units(tmp_path: Path) -> None:
    # The program lives in a directory whose name needs quoting and %-escaping:
    # `systemd-analyze verify` checks that the unquoted, unescaped path is executable.
    odd_dir = tmp_path / "bin dir %h 50%"
    odd_dir.mkdir()
    program = odd_dir / "python"
    program.symlink_to(sys.executable)
    cmd = RunCommand(
        argv=(str(program), "-m", "feedback_mailer", "run", "--quiet", NASTY),
        environment={"FEEDBACK_MAILER_CONFIG": NASTY, "XDG_DATA_HOME": "/x/y"},
    )
    units = schedule_text.systemd_units(cmd)
    out_dir = tmp_path / "units"
    out_dir.mkdir()
    for name, text in units.items():
        (out_dir / name).write_text(text)

    # Whatever the machine has, the text itself must say what systemd will do.
    service = units[SERVICE_NAME]
    assert exec_argv(service) == list(cmd.argv)
    assert environment(service) == cmd.environment
    assert Path(exec_argv(service)[0]).resolve() == Path(sys.executable).resolve()

    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        assert setting(units[TIMER_NAME], "OnCalendar") == ["*:0/15"]
        return

    def verify(*files: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [analyze, "verify", "--man=no", *map(str, files)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    done = verify(out_dir / SERVICE_NAME, out_dir / TIMER_NAME)
    output = done.stdout + done.stderr
    ours = [
        line for line in output.splitlines() if "feedback-mailer" in line or str(tmp_path) in line
    ]
    assert done.returncode == 0, output
    assert ours == [], output
    assert "error" not in output.lower() and "unknown" not in output.lower(), output

    # Control: verify really checks the executable, so an unescaped `%h` fails it.
    broken = out_dir / "broken.service"
    broken.write_text(service.replace("%%", "%"))
    failed = verify(broken)
    assert failed.returncode != 0
    assert "not executable" in failed.stdout + failed.stderr

    calendar = subprocess.run(
        [analyze, "calendar", "*:0/15"], capture_output=True, text=True, check=False, timeout=60
    )
    assert calendar.returncode == 0
    assert "Normalized form: *-*-* *:00/15:00" in calendar.stdout


# --------------------------------------------------------------------------- launchd


def test_launchd_plist_parses_back_with_the_right_keys(tmp_path: Path, cmd: RunCommand) -> None:
    home = tmp_path / "Users" / "a"
    data = plistlib.loads(schedule_text.launchd_plist(cmd, home=home).encode())
    assert data["Label"] == LAUNCHD_LABEL == "io.github.feedback-mailer.run"
    assert data["ProgramArguments"] == list(cmd.argv)
    assert data["EnvironmentVariables"] == cmd.environment
    assert data["StartInterval"] == 900
    assert data["RunAtLoad"] is True
    log = str(home / "Library" / "Logs" / "feedback-mailer.log")
    assert data["StandardOutPath"] == data["StandardErrorPath"] == log
    five = plistlib.loads(schedule_text.launchd_plist(RunCommand(argv=("/bin/py",)), 5).encode())
    assert five["StartInterval"] == 300
    assert "EnvironmentVariables" not in five


def test_launchd_plist_keeps_awkward_values_exact(tmp_path: Path) -> None:
    cmd = RunCommand(argv=(NASTY, "<&>"), environment={"FEEDBACK_MAILER_CONFIG": NASTY})
    data = plistlib.loads(schedule_text.launchd_plist(cmd, home=tmp_path).encode())
    assert data["ProgramArguments"] == [NASTY, "<&>"]
    assert data["EnvironmentVariables"] == {"FEEDBACK_MAILER_CONFIG": NASTY}


# --------------------------------------------------------------------------- cron


def cron_command(line: str) -> str:
    """What cron hands to /bin/sh: the sixth field on, with `\\%` turned back into `%`."""
    return line.split(" ", 5)[5].replace("\\%", "%")


def test_crontab_line_round_trips_through_shlex(cmd: RunCommand) -> None:
    line = schedule_text.crontab_line(cmd)
    assert line.startswith("*/15 * * * * ")
    assert shlex.split(cron_command(line)) == [
        *(f"{k}={v}" for k, v in sorted(cmd.environment.items())),
        *cmd.argv,
    ]
    plain = RunCommand(argv=("/usr/bin/python3", "-m", "feedback_mailer", "run", "--quiet"))
    plain_line = schedule_text.crontab_line(plain, 30)
    assert plain_line == "*/30 * * * * /usr/bin/python3 -m feedback_mailer run --quiet"
    assert shlex.split(plain_line)[5:] == list(plain.argv)
    assert schedule_text.crontab_line(plain, 60).startswith("0 * * * * ")


def test_crontab_line_escapes_percent_for_cron(cmd: RunCommand) -> None:
    line = schedule_text.crontab_line(cmd)
    assert "50\\%" in line
    assert "%" not in line.replace("\\%", "")  # a bare % would end the command in cron


def test_crontab_command_means_the_same_to_a_real_shell(tmp_path: Path) -> None:
    probe = (
        "import json, os, sys; "
        "print(json.dumps([sys.argv[1:], os.environ['FEEDBACK_MAILER_CONFIG']]))"
    )
    cmd = RunCommand(
        argv=(sys.executable, "-c", probe, NASTY, "", "a;b|c&d", "$(echo no)"),
        environment={"FEEDBACK_MAILER_CONFIG": NASTY},
    )
    line = schedule_text.crontab_line(cmd)
    done = subprocess.run(
        ["/bin/sh", "-c", cron_command(line)], capture_output=True, text=True, check=True
    )
    args, config = json.loads(done.stdout)
    assert args == [NASTY, "", "a;b|c&d", "$(echo no)"]
    assert config == NASTY


def test_cron_keyring_note_explains_the_session_bus() -> None:
    note = schedule_text.CRON_KEYRING_NOTE
    assert "D-Bus" in note and "keyring" in note and "schedule install" in note


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("minutes", [0, 7, 45, 61, -15])
def test_interval_must_divide_an_hour(cmd: RunCommand, minutes: int) -> None:
    for make in (
        schedule_text.systemd_units,
        schedule_text.launchd_plist,
        schedule_text.crontab_line,
    ):
        with pytest.raises(InputError, match="divides an hour"):
            make(cmd, minutes)


@pytest.mark.parametrize("bad", ["line\nbreak", "nul\x00", "esc\x1b[0m", "del\x7f"])
def test_control_characters_are_refused(bad: str) -> None:
    for cmd in (
        RunCommand(argv=("/usr/bin/python3", bad)),
        RunCommand(argv=("/usr/bin/python3",), environment={"FEEDBACK_MAILER_CONFIG": bad}),
    ):
        for make in (
            schedule_text.systemd_units,
            schedule_text.launchd_plist,
            schedule_text.crontab_line,
        ):
            with pytest.raises(InputError, match="control character"):
                make(cmd)


def test_relative_program_and_bad_variable_names_are_refused() -> None:
    with pytest.raises(InputError, match="absolute path"):
        schedule_text.systemd_units(RunCommand(argv=("python3", "-V")))
    with pytest.raises(InputError, match="empty"):
        schedule_text.crontab_line(RunCommand(argv=()))
    with pytest.raises(InputError, match="environment variable name"):
        schedule_text.systemd_units(RunCommand(argv=("/bin/py",), environment={"A B": "x"}))


# --------------------------------------------------------------------------- install (systemd)


def test_install_writes_both_units_and_enables_the_timer(
    tmp_path: Path, cmd: RunCommand, unit_dir: Path
) -> None:
    runner = FakeRunner(unit_dir)
    outcome = os_scheduler.install(
        cmd, platform="linux", home=tmp_path / "home", runner=runner, environ={}
    )
    units = schedule_text.systemd_units(cmd)
    assert set(outcome.written) == {unit_dir / SERVICE_NAME, unit_dir / TIMER_NAME}
    for name, text in units.items():
        path = unit_dir / name
        assert path.read_text() == text
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert runner.calls == [
        ("systemctl", "--user", "daemon-reload"),
        ("systemctl", "--user", "enable", "--now", TIMER_NAME),
    ]
    assert outcome.commands_run == tuple(runner.calls)
    assert any("every 15 minutes" in m for m in outcome.messages)
    assert not [p for p in unit_dir.iterdir() if p.name.endswith(".tmp")]


def test_install_is_idempotent(tmp_path: Path, cmd: RunCommand, unit_dir: Path) -> None:
    home = tmp_path / "home"
    os_scheduler.install(cmd, platform="linux", home=home, runner=FakeRunner(unit_dir), environ={})
    before = snapshot(unit_dir)
    again = os_scheduler.install(
        cmd, platform="linux", home=home, runner=FakeRunner(unit_dir), environ={}
    )
    assert again.written == ()
    assert snapshot(unit_dir) == before  # same inode, mtime and text: nothing rewritten
    assert any("already up to date" in m for m in again.messages)
    assert len(again.commands_run) == 2  # still makes sure the timer is enabled

    changed = os_scheduler.install(
        cmd,
        platform="linux",
        home=home,
        runner=FakeRunner(unit_dir),
        environ={},
        interval_minutes=5,
    )
    assert changed.written == (unit_dir / TIMER_NAME,)
    assert snapshot(unit_dir)[SERVICE_NAME] == before[SERVICE_NAME]


def test_install_honours_xdg_config_home(tmp_path: Path, cmd: RunCommand) -> None:
    xdg = tmp_path / "xdg"
    outcome = os_scheduler.install(
        cmd,
        platform="linux",
        home=tmp_path / "home",
        runner=FakeRunner(),
        environ={"XDG_CONFIG_HOME": str(xdg)},
    )
    assert set(outcome.written) == {
        xdg / "systemd/user" / SERVICE_NAME,
        xdg / "systemd/user" / TIMER_NAME,
    }
    assert not (tmp_path / "home").exists()


def test_enabling_failure_keeps_the_files_and_names_the_command(
    tmp_path: Path, cmd: RunCommand, unit_dir: Path
) -> None:
    runner = FakeRunner(unit_dir, codes={"enable": 1})
    with pytest.raises(FeedbackMailerError) as info:
        os_scheduler.install(
            cmd, platform="linux", home=tmp_path / "home", runner=runner, environ={}
        )
    message = str(info.value)
    assert f"written to {unit_dir}" in message
    assert f"systemctl --user enable --now {TIMER_NAME}" in message
    assert "login session" in message
    assert (unit_dir / SERVICE_NAME).exists() and (unit_dir / TIMER_NAME).exists()


def test_missing_systemctl_is_reported_as_such(tmp_path: Path, cmd: RunCommand) -> None:
    runner = FakeRunner(codes={"daemon-reload": 127})
    with pytest.raises(FeedbackMailerError, match="`systemctl` was not found") as info:
        os_scheduler.install(
            cmd, platform="linux", home=tmp_path / "home", runner=runner, environ={}
        )
    assert "does not run systemd" in str(info.value)
    assert runner.calls == [("systemctl", "--user", "daemon-reload")]


def test_unwritable_unit_directory_is_a_clear_error(tmp_path: Path, cmd: RunCommand) -> None:
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    (home / ".config" / "systemd").write_text("a file where a directory should be")
    runner = FakeRunner()
    with pytest.raises(FeedbackMailerError, match="Could not write"):
        os_scheduler.install(cmd, platform="linux", home=home, runner=runner, environ={})
    assert runner.calls == []


@pytest.mark.parametrize("platform", ["win32", "freebsd14", "cygwin"])
def test_unsupported_platform(tmp_path: Path, cmd: RunCommand, platform: str) -> None:
    runner = FakeRunner()
    with pytest.raises(FeedbackMailerError) as info:
        os_scheduler.install(cmd, platform=platform, home=tmp_path, runner=runner, environ={})
    message = str(info.value)
    assert "systemd" in message and "launchd" in message and "crontab line" in message
    assert "schedule show" in message
    with pytest.raises(FeedbackMailerError, match="crontab"):
        os_scheduler.remove(platform=platform, home=tmp_path, runner=runner, environ={})
    assert runner.calls == []
    assert list(tmp_path.iterdir()) == []
    text = os_scheduler.show(cmd, platform=platform, home=tmp_path, environ={})
    assert schedule_text.crontab_line(cmd) in text and schedule_text.CRON_KEYRING_NOTE in text


# --------------------------------------------------------------------------- remove (systemd)


def test_remove_leaves_nothing_behind(tmp_path: Path, cmd: RunCommand, unit_dir: Path) -> None:
    home = tmp_path / "home"
    unit_dir.mkdir(parents=True)
    (unit_dir / "someone-else.service").write_text("[Service]\nExecStart=/bin/true\n")
    os_scheduler.install(cmd, platform="linux", home=home, runner=FakeRunner(unit_dir), environ={})
    stamp = home / ".local/share/systemd/timers" / f"stamp-{TIMER_NAME}"
    stamp.parent.mkdir(parents=True)
    stamp.touch()  # what Persistent=true makes the user manager write
    assert (unit_dir / "timers.target.wants" / TIMER_NAME).is_symlink()

    runner = FakeRunner(unit_dir)
    outcome = os_scheduler.remove(platform="linux", home=home, runner=runner, environ={})
    assert runner.calls == [
        ("systemctl", "--user", "disable", "--now", TIMER_NAME),
        ("systemctl", "--user", "daemon-reload"),
    ]
    assert sorted(p.name for p in unit_dir.iterdir()) == ["someone-else.service"]
    assert not stamp.exists()
    assert set(outcome.removed) == {unit_dir / SERVICE_NAME, unit_dir / TIMER_NAME, stamp}
    assert "Status: not installed" in os_scheduler.show(
        cmd, platform="linux", home=home, environ={}
    )


def test_remove_cleans_up_even_when_systemctl_cannot_reach_the_session(
    tmp_path: Path, cmd: RunCommand, unit_dir: Path
) -> None:
    home = tmp_path / "home"
    os_scheduler.install(cmd, platform="linux", home=home, runner=FakeRunner(unit_dir), environ={})
    runner = FakeRunner(unit_dir, codes={"disable": 1, "daemon-reload": 1})
    outcome = os_scheduler.remove(platform="linux", home=home, runner=runner, environ={})
    assert list(unit_dir.iterdir()) == []  # units and the timers.target.wants link are gone
    assert any("systemctl --user stop" in m for m in outcome.messages)


def test_remove_when_not_installed_is_fine(tmp_path: Path) -> None:
    runner = FakeRunner()
    outcome = os_scheduler.remove(platform="linux", home=tmp_path, runner=runner, environ={})
    assert outcome == Outcome(messages=outcome.messages)
    assert "No feedback-mailer timer is installed" in outcome.messages[0]
    assert runner.calls == []
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- launchd install/remove


def test_launchd_install_is_idempotent_and_remove_leaves_nothing(
    tmp_path: Path, cmd: RunCommand
) -> None:
    home = tmp_path / "Users" / "a"
    plist = home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
    runner = FakeRunner()
    outcome = os_scheduler.install(cmd, platform="darwin", home=home, runner=runner)
    assert outcome.written == (plist,)
    assert plist.read_text() == schedule_text.launchd_plist(cmd, home=home)
    assert stat.S_IMODE(plist.stat().st_mode) == 0o644
    assert runner.calls == [
        ("launchctl", "unload", str(plist)),
        ("launchctl", "load", "-w", str(plist)),
    ]
    before = snapshot(plist.parent)
    assert (
        os_scheduler.install(cmd, platform="darwin", home=home, runner=FakeRunner()).written == ()
    )
    assert snapshot(plist.parent) == before

    log = home / "Library" / "Logs" / "feedback-mailer.log"
    log.parent.mkdir(parents=True)
    log.write_text("output of earlier runs\n")
    runner = FakeRunner(codes={"unload": 5})  # failure tolerated
    removed = os_scheduler.remove(platform="darwin", home=home, runner=runner)
    assert runner.calls == [("launchctl", "unload", "-w", str(plist))]
    assert set(removed.removed) == {plist, log}
    assert list(plist.parent.iterdir()) == [] and list(log.parent.iterdir()) == []
    assert (
        "No feedback-mailer agent" in os_scheduler.remove(platform="darwin", home=home).messages[0]
    )


def test_launchd_load_failure_names_the_command(tmp_path: Path, cmd: RunCommand) -> None:
    runner = FakeRunner(codes={"unload": 3, "load": 1})
    with pytest.raises(FeedbackMailerError, match="launchctl load -w") as info:
        os_scheduler.install(cmd, platform="darwin", home=tmp_path, runner=runner)
    assert "loading it failed" in str(info.value)
    assert (tmp_path / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist").exists()


# --------------------------------------------------------------------------- show


def test_show_reports_absent_installed_and_different(
    tmp_path: Path, cmd: RunCommand, unit_dir: Path
) -> None:
    home = tmp_path / "home"
    text = os_scheduler.show(cmd, platform="linux", home=home, environ={})
    assert f"unit directory {unit_dir}" in text
    assert "Status: not installed" in text
    assert "Enabled (timers.target.wants link present): no" in text
    for name, unit in schedule_text.systemd_units(cmd).items():
        assert f"--- {unit_dir / name} ---\n{unit.rstrip()}" in text
    assert schedule_text.crontab_line(cmd) in text
    assert text.rstrip().endswith(schedule_text.CRON_KEYRING_NOTE)

    os_scheduler.install(cmd, platform="linux", home=home, runner=FakeRunner(unit_dir), environ={})
    text = os_scheduler.show(cmd, platform="linux", home=home, environ={})
    assert "Status: installed" in text
    assert "Enabled (timers.target.wants link present): yes" in text

    (unit_dir / TIMER_NAME).write_text("[Timer]\nOnCalendar=daily\n")
    text = os_scheduler.show(cmd, platform="linux", home=home, environ={})
    assert f"Status: present but different ({unit_dir / TIMER_NAME} is out of date)" in text
    assert list(unit_dir.glob("*.tmp")) == []


def test_show_on_macos_prints_the_plist_and_its_state(tmp_path: Path, cmd: RunCommand) -> None:
    text = os_scheduler.show(cmd, platform="darwin", home=tmp_path)
    assert "Status: not installed" in text
    assert "<string>io.github.feedback-mailer.run</string>" in text
    os_scheduler.install(cmd, platform="darwin", home=tmp_path, runner=FakeRunner())
    assert "Status: installed" in os_scheduler.show(cmd, platform="darwin", home=tmp_path)
    assert schedule_text.crontab_line(cmd) in text


# --------------------------------------------------------------------------- the default runner


def test_subprocess_runner_reports_exit_codes_and_missing_programs(tmp_path: Path) -> None:
    runner = os_scheduler.SubprocessRunner()
    code = runner([sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"])
    assert code == 3
    assert runner.last_output.strip() == "boom"
    assert runner([str(tmp_path / "no-such-program")]) == 127
    assert "command not found" in runner.last_output
