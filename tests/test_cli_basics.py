"""The command line as a user meets it first: `send --dry-run`, `init`, `templates`,
`--help`, `--version`, NO_COLOR, and every bad input as one sentence on stderr with
its documented exit code, no traceback, and nothing written."""

from __future__ import annotations

import email.utils
import importlib.metadata
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from datetime import date, timedelta
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from support.scenarios import send_argv

import feedback_mailer
from feedback_mailer.cli import cli
from feedback_mailer.setup.config import load_config

# The brief's example date, unless the clock says it has not happened yet.
INTERVIEW = "2026-11-18" if date.today() >= date(2026, 11, 18) else str(date.today() - timedelta(4))
SEND = send_argv("--role", "Program Manager", "--interview-date", INTERVIEW, confirm="--dry-run")
CONFIG = """\
[sender]
name = "Alex Candidate"
email = "alex@candidate.example"
timezone = "Europe/London"

[smtp]
host = "smtp.candidate.example"
port = 587
security = "starttls"

[follow_up]
window = "Mon-Fri 09:00-17:00"
"""
INPUT_ERROR, CONFIG_ERROR = 2, 3


def command_path() -> Path:
    beside = Path(sys.executable).parent / "feedback-mailer"
    found = beside if beside.exists() else shutil.which("feedback-mailer")
    assert found, "the console script feedback-mailer is not installed"
    return Path(found)


def invoke(*args: str, env: dict[str, str] | None = None, color: bool = False) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, color=color)


def config_dir() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "feedback-mailer"


def data_dir() -> Path:
    return Path(os.environ["XDG_DATA_HOME"])


def write_config(text: str = CONFIG) -> Path:
    path = config_dir() / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def assert_one_sentence(result: Result, code: int, *needles: str) -> str:
    """Exit `code`, one line on stderr naming the needles, nothing on stdout, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    message = result.stderr.rstrip("\n")
    assert message.startswith("feedback-mailer: "), message
    assert "\n" not in message, f"more than one line: {message!r}"
    assert message.endswith("."), message
    for needle in needles:
        assert needle in message, (needle, message)
    assert result.stdout == ""
    return message


# --- send --dry-run ---------------------------------------------------------------


def test_dry_run_prints_the_whole_message_with_a_placeholder_sender(
    isolated_environment: Path,
) -> None:
    result = invoke(*SEND)
    assert result.exit_code == 0, result.output
    out = result.stdout
    lines = out.splitlines()
    assert "From: Your Name <you@example.com>" in lines
    assert "To: Jane Doe <jane.doe@example.com>" in lines
    assert "Subject: Feedback on my Program Manager interview at Acme Corp" in lines
    (date_line,) = [line for line in lines if line.startswith("Date: ")]
    assert email.utils.parsedate_to_datetime(date_line[6:]).tzinfo is not None
    (id_line,) = [line for line in lines if line.startswith("Message-ID: ")]
    assert re.fullmatch(r"Message-ID: <[^<>@\s]+@example\.com>", id_line)
    assert "Dear Jane Doe," in lines
    assert "Program Manager position" in " ".join(lines)  # paragraphs are wrapped
    assert any(line.startswith("Follow-up: one gentle reminder") for line in lines)
    assert lines[-1] == "Dry run: nothing was sent or recorded."
    # the headers come first, then a blank line, then the body
    assert lines.index("Dear Jane Doe,") > lines.index(id_line) + 1
    assert lines[lines.index(id_line) + 1] == ""
    assert "placeholder" in result.stderr
    assert "Your Name <you@example.com>" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(isolated_environment) == {}, "a dry run writes nothing"


def test_dry_run_with_no_follow_up(isolated_environment: Path) -> None:
    result = invoke(*SEND, "--no-follow-up")
    assert result.exit_code == 0, result.output
    assert "Follow-up: none." in result.stdout.splitlines()


def test_dry_run_needs_no_keyring_and_writes_no_database(
    isolated_environment: Path,
) -> None:
    write_config()
    result = invoke(*SEND, env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert result.exit_code == 0, result.output
    assert files_under(data_dir()) == []
    assert [p.name for p in files_under(isolated_environment)] == ["config.toml"]


def test_dry_run_never_imports_keyring(isolated_environment: Path) -> None:
    write_config()
    script = (
        "import sys\n"
        "import feedback_mailer.cli as cli\n"
        f"sys.argv = ['feedback-mailer', *{SEND!r}]\n"
        "try:\n    cli.main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "loaded = [m for m in sys.modules if m == 'keyring' or m.startswith('keyring.')]\n"
        "assert not loaded, loaded\n"
    )
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="no.such.Backend")
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    assert "From: Alex Candidate <alex@candidate.example>" in completed.stdout
    assert files_under(data_dir()) == []


def test_dry_run_uses_the_configured_sender(isolated_environment: Path) -> None:
    write_config()
    result = invoke(*SEND)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "From: Alex Candidate <alex@candidate.example>" in lines
    assert any(re.fullmatch(r"Message-ID: <\S+@candidate\.example>", x) for x in lines)
    assert lines[-1] == "Dry run: nothing was sent or recorded."
    assert "Alex Candidate" in result.stdout.split("Kind regards,", 1)[1]
    assert "placeholder" not in result.stderr
    assert files_under(data_dir()) == []


def test_a_config_given_with_the_global_option_is_used(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(CONFIG.replace("Alex Candidate", "Sam Else"), encoding="utf-8")
    path.chmod(0o600)
    result = invoke("--config", str(path), *SEND)
    assert result.exit_code == 0, result.output
    assert "From: Sam Else <alex@candidate.example>" in result.stdout.splitlines()


def _replace(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


CONFIG_ERRORS = {
    "malformed": (_replace(CONFIG, "port = 587", "port = = 587"), ["line 8"]),
    "unknown-key": (
        _replace(CONFIG, "port = 587", "port = 587\nhostname = 'x'"),
        ["smtp.hostname", "line 9", "not a known key"],
    ),
    "wrong-type": (_replace(CONFIG, "port = 587", 'port = "abc"'), ["smtp.port", "'abc'"]),
    "port-70000": (_replace(CONFIG, "port = 587", "port = 70000"), ["smtp.port", "70000"]),
    "none-remote": (
        _replace(CONFIG, 'security = "starttls"', 'security = "none"'),
        ["smtp.security", "smtp.candidate.example"],
    ),
    "window": (
        _replace(CONFIG, "Mon-Fri 09:00-17:00", "Mon-Fri 17:00-09:00"),
        ["follow_up.window", "17:00-09:00"],
    ),
    "bad-sender": (
        _replace(CONFIG, "alex@candidate.example", "alex at candidate"),
        ["sender.email", "alex at candidate"],
    ),
    "password-key": (
        _replace(CONFIG, "port = 587", 'port = 587\npassword = "hunter2"'),
        ["smtp.password", "not a known key"],
    ),
}


@pytest.mark.parametrize("case", sorted(CONFIG_ERRORS))
def test_a_config_error_is_reported_by_the_dry_run(case: str, isolated_environment: Path) -> None:
    text, needles = CONFIG_ERRORS[case]
    path = write_config(text)
    before = snapshot(isolated_environment)
    message = assert_one_sentence(invoke(*SEND), CONFIG_ERROR, str(path), *needles)
    assert "hunter2" not in message
    assert snapshot(isolated_environment) == before


def test_send_without_dry_run_needs_a_config(isolated_environment: Path) -> None:
    args = [a for a in SEND if a != "--dry-run"]
    assert_one_sentence(invoke(*args, "--yes"), CONFIG_ERROR, "init")
    assert snapshot(isolated_environment) == {}


# --- bad inputs --------------------------------------------------------------------

CONTROL = {"CR": "\r", "LF": "\n", "NUL": "\x00", "ESC": "\x1b", "DEL": "\x7f", "NEL": "\x85"}
FUTURE = str(date.today() + timedelta(days=30))

BAD_INPUTS: dict[str, tuple[list[str], list[str]]] = {
    "invalid-address": (["--to", "not-an-address"], ["--to", "not-an-address"]),
    "no-domain-dot": (["--to", "jane@example"], ["--to", "jane@example"]),
    "display-name": (["--to", '"boss@corp.com" <attacker@evil.com>'], ["--to", "attacker"]),
    "list": (["--to", "a@x.com, b@y.com"], ["--to", "b@y.com"]),
    "semicolon-list": (["--to", "a@x.com;b@y.com"], ["--to"]),
    "empty-to": (["--to", ""], ["--to"]),
    "blursday": (["--interview-date", "next blursday"], ["next blursday"]),
    "feb-30": (["--interview-date", "2026-02-30"], ["2026-02-30"]),
    "future": (["--interview-date", FUTURE], [FUTURE, "future"]),
    "unknown-template": (["--template", "nope"], ["'nope'", "formal", "warm"]),
    "follow-up-template": (["--template", "follow_up"], ["follow_up"]),
    "unknown-zone": (["--tz", "Mars/Olympus"], ["Mars/Olympus"]),
    "blank-company": (["--company", "   "], ["--company"]),
    "follow-up-and-none": (["--follow-up", "2 weeks", "--no-follow-up"], ["--no-follow-up"]),
}
for _option in ("--company", "--name", "--role", "--highlight", "--to"):
    for _label, _char in CONTROL.items():
        _value = f"jane{_char}.doe@example.com" if _option == "--to" else f"Acme{_char}Bcc: x"
        BAD_INPUTS[f"{_option[2:]}-{_label}"] = ([_option, _value], [_option, _label])


def _with(args: list[str]) -> list[str]:
    """SEND with the given options replacing (or adding to) its own."""
    merged = list(SEND)
    for option, value in zip(args[::2], args[1::2], strict=False):
        if option in merged and option != "--highlight":
            merged[merged.index(option) + 1] = value
        else:
            merged += [option, value]
    if len(args) % 2:
        merged.append(args[-1])
    return merged


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_a_bad_input_is_one_sentence_and_exit_2(case: str, isolated_environment: Path) -> None:
    args, needles = BAD_INPUTS[case]
    result = invoke(*_with(args))
    assert_one_sentence(result, INPUT_ERROR, *needles)
    assert snapshot(isolated_environment) == {}


@pytest.mark.parametrize("missing", ["--to", "--company"])
def test_a_missing_required_option(missing: str, isolated_environment: Path) -> None:
    args = list(SEND)
    index = args.index(missing)
    del args[index : index + 2]
    assert_one_sentence(invoke(*args), INPUT_ERROR, missing)


def test_a_bad_input_is_reported_with_a_config_too(isolated_environment: Path) -> None:
    write_config()
    before = snapshot(isolated_environment)
    assert_one_sentence(invoke(*_with(["--role", "PM\r\nBcc: x@evil.example"])), INPUT_ERROR)
    assert snapshot(isolated_environment) == before


def test_an_encoded_line_break_cannot_inject_a_header(isolated_environment: Path) -> None:
    # An RFC 2047 encoded word would be decoded into a line break and a new header by
    # the email package: it is refused as typed, before anything is composed or written.
    value = "=?utf-8?q?Acme=0D=0ABcc:_attacker@evil.example?="
    result = invoke(*_with(["--company", value]))
    assert_one_sentence(result, INPUT_ERROR, "--company", "encoded mail header")
    assert snapshot(isolated_environment) == {}


# --- user templates ----------------------------------------------------------------


def test_a_user_template_with_an_undefined_variable(isolated_environment: Path) -> None:
    templates = config_dir() / "templates"
    templates.mkdir(parents=True)
    (templates / "mine.j2").write_text(
        "{% block subject %}Thanks, {{ company }}{% endblock %}\n"
        "{% block text %}Hello {{ recruiter_nickname }},{% endblock %}\n",
        encoding="utf-8",
    )
    before = snapshot(isolated_environment)
    assert_one_sentence(
        invoke(*SEND, "--template", "mine"), INPUT_ERROR, "'mine'", "recruiter_nickname"
    )
    assert snapshot(isolated_environment) == before


def test_a_user_template_overrides_formal(isolated_environment: Path) -> None:
    templates = config_dir() / "templates"
    templates.mkdir(parents=True)
    (templates / "formal.j2").write_text(
        "{% block subject %}My own note to {{ company }}{% endblock %}\n"
        "{% block text %}Dear {{ contact_name }}, thank you. {{ sender_name }}{% endblock %}\n",
        encoding="utf-8",
    )
    result = invoke(*SEND)  # formal is the default
    assert result.exit_code == 0, result.output
    assert "Subject: My own note to Acme Corp" in result.stdout.splitlines()
    assert "Dear Jane Doe, thank you. Your Name" in result.stdout.splitlines()
    listed = invoke("templates", "list")
    (formal,) = [
        line for line in listed.stdout.splitlines() if line.split()[:3:2] == ["formal", "en"]
    ]
    assert "user" in formal.split()
    shown = invoke("templates", "show", "formal")
    assert shown.stdout.startswith("{% block subject %}My own note")


# --- init --------------------------------------------------------------------------

INIT = [
    "init",
    "--non-interactive",
    "--name",
    "Alex Candidate",
    "--email",
    "alex@gmail.example",
    "--provider",
    "gmail",
]


def test_init_writes_a_private_config_that_loads_back(isolated_environment: Path) -> None:
    result = invoke(*INIT)
    assert result.exit_code == 0, result.output
    path = config_dir() / "config.toml"
    assert str(path) in result.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    config = load_config(path)
    assert config.sender.name == "Alex Candidate"
    assert config.sender.email == "alex@gmail.example"
    assert config.require_smtp().host == "smtp.gmail.com"
    assert config.require_imap().host == "imap.gmail.com"
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    assert not any("pass" in key.lower() for table in document.values() for key in table)
    assert files_under(data_dir()) == []


def test_init_refuses_to_overwrite_without_force(isolated_environment: Path) -> None:
    assert invoke(*INIT).exit_code == 0
    path = config_dir() / "config.toml"
    before = path.read_bytes()
    changed = [*INIT[:3], "Someone Else", *INIT[4:]]
    assert_one_sentence(invoke(*changed), CONFIG_ERROR, str(path), "--force")
    assert path.read_bytes() == before
    result = invoke(*changed, "--force")
    assert result.exit_code == 0, result.output
    assert load_config(path).sender.name == "Someone Else"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_init_into_an_unwritable_place_is_one_sentence(tmp_path: Path) -> None:
    """The tests run as root, for whom chmod 500 does not stop a write; so the config path
    goes through a regular file instead, which no user (root included) can create under."""
    blocker = tmp_path / "x" / "file.txt"
    blocker.parent.mkdir()
    blocker.write_text("not a directory\n", encoding="utf-8")
    path = blocker / "config.toml"
    result = invoke("--config", str(path), *INIT)
    assert_one_sentence(result, CONFIG_ERROR, str(path))
    assert blocker.read_text(encoding="utf-8") == "not a directory\n"
    assert sorted(p.name for p in blocker.parent.iterdir()) == ["file.txt"]


def test_init_with_a_bad_address_writes_nothing(isolated_environment: Path) -> None:
    args = [*INIT[:5], "not-an-address", *INIT[6:]]
    result = invoke(*args)
    assert result.exit_code in (INPUT_ERROR, CONFIG_ERROR)
    assert_one_sentence(result, result.exit_code, "not-an-address")
    assert snapshot(isolated_environment) == {}


def test_init_without_a_name_in_a_script(isolated_environment: Path) -> None:
    assert_one_sentence(
        invoke("init", "--non-interactive", "--email", "a@example.com"), INPUT_ERROR, "--name"
    )
    assert snapshot(isolated_environment) == {}


# --- templates, version, help ---------------------------------------------------------


def test_templates_list_and_show() -> None:
    listed = invoke("templates", "list")
    assert listed.exit_code == 0, listed.output
    header, *lines = listed.stdout.splitlines()
    assert header.split() == ["NAME", "KIND", "LANGUAGE", "ORIGIN", "PATH"]
    rows = {(line.split()[0], line.split()[2]): line.split() for line in lines}
    for language in ("en", "de", "fr", "es"):
        assert rows["formal", language][1:4] == ["request", language, "built-in"]
        assert rows["warm", language][1:4] == ["request", language, "built-in"]
        assert rows["follow_up", language][1:4] == ["follow_up", language, "built-in"]
        assert rows["thank_you", language][1:4] == ["thank_you", language, "built-in"]
    shown = invoke("templates", "show", "formal")
    assert shown.exit_code == 0, shown.output
    repo = Path(__file__).resolve().parent.parent
    assert shown.stdout == (repo / "templates" / "formal.j2").read_text(encoding="utf-8")
    assert_one_sentence(invoke("templates", "show", "nope"), INPUT_ERROR, "'nope'")


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"feedback-mailer, version {feedback_mailer.__version__}"
    assert importlib.metadata.version("feedback-mailer") == feedback_mailer.__version__


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [prefix]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found += _command_paths(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMAND_PATHS = _command_paths(cli)


def test_the_basic_commands_exist() -> None:
    names = {" ".join(path) for path in COMMAND_PATHS}
    assert {"init", "send", "list", "templates list", "templates show"} <= names


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "(root)")
def test_every_command_has_help(path: tuple[str, ...], isolated_environment: Path) -> None:
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    assert result.stderr == ""
    assert snapshot(isolated_environment) == {}


def test_no_color_means_no_escape_sequences(isolated_environment: Path) -> None:
    path = write_config()
    path.chmod(0o644)  # a warning about it, printed in colour unless NO_COLOR
    env = {"NO_COLOR": "1"}
    outputs = [
        invoke(*SEND, "--highlight", "your reply ASAP!!", env=env, color=True),
        invoke(*_with(["--to", "nope"]), env=env, color=True),
        invoke("--help", env=env, color=True),
        invoke("templates", "list", env=env, color=True),
        invoke("list", env=env, color=True),
    ]
    assert "ASAP" in outputs[0].stderr, "the pushy-phrase warning was printed"
    for result in outputs:
        assert "\x1b" not in result.stdout + result.stderr, result.output


# --- the installed command and python -m ------------------------------------------------


def run_installed(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(command_path()), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_installed_command_dry_run(isolated_environment: Path) -> None:
    completed = run_installed(*SEND)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert "From: Your Name <you@example.com>" in lines
    assert "To: Jane Doe <jane.doe@example.com>" in lines
    assert "Subject: Feedback on my Program Manager interview at Acme Corp" in lines
    assert any(line.startswith("Date: ") for line in lines)
    assert any(line.startswith("Message-ID: <") for line in lines)
    assert "Dear Jane Doe," in lines
    assert any(line.startswith("Follow-up: ") for line in lines)
    assert "you@example.com" in completed.stderr and "placeholder" in completed.stderr
    assert "\x1b" not in completed.stdout + completed.stderr, "not a terminal: no colour"
    assert snapshot(isolated_environment) == {}


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--to", "a@x.com, b@y.com"], INPUT_ERROR, "--to"),
        (["--interview-date", "2026-02-30"], INPUT_ERROR, "2026-02-30"),
        (["--company", "Acme\x1b[31mRed"], INPUT_ERROR, "ESC"),
    ],
)
def test_installed_command_bad_input(
    args: list[str], code: int, needle: str, isolated_environment: Path
) -> None:
    completed = run_installed(*_with(args))
    assert completed.returncode == code, completed.stderr
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    (line,) = completed.stderr.splitlines()
    assert line.startswith("feedback-mailer: ") and needle in line
    assert snapshot(isolated_environment) == {}


def test_installed_command_config_error(isolated_environment: Path) -> None:
    path = write_config(CONFIG.replace("port = 587", "port = 70000"))
    completed = run_installed(*SEND)
    assert completed.returncode == CONFIG_ERROR, completed.stderr
    (line,) = completed.stderr.splitlines()
    assert str(path) in line and "smtp.port" in line
    assert "Traceback" not in completed.stderr


def test_python_dash_m_version(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "feedback_mailer", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"feedback-mailer, version {feedback_mailer.__version__}"
    assert run_installed("--version").stdout == completed.stdout
