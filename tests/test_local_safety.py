"""A second user on the machine, and odd bytes, numbers and paths from the command line
(issue 11, item 4 and part of item 9): nothing another user can write is trusted,
templates run sandboxed, and every odd input is one sentence with its exit code.

The tests run as root, so "another user" is `nobody` (os.chown) or a mode that lets
others write (chmod); a read-only directory is read-only for root once the process has
no CAP_DAC_OVERRIDE (setpriv)."""

from __future__ import annotations

import os
import pwd
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.world import COMMAND, World, file_mode

from feedback_mailer.lifecycle.delivery import record_request
from feedback_mailer.lifecycle.outcomes import change_status
from feedback_mailer.setup.config import load_config
from feedback_mailer.store import NewRequest, open_store

NOBODY = pwd.getpwnam("nobody").pw_uid
INPUT_ERROR, CONFIG_ERROR, STORE_ERROR, NOT_FOUND = 2, 3, 4, 8

SENDER = """\
[sender]
name = "Alex Candidate"
email = "alex@example.com"
timezone = "Europe/London"
"""
# An SMTP section no test connects to (nothing here is due, nothing is sent).
CONFIG = SENDER + '\n[smtp]\nhost = "127.0.0.1"\nport = 9\nsecurity = "none"\nusername = "alice"\n'
DRY_RUN = ("send", "--dry-run", "--to", "jane.doe@example.com", "--company", "Acme Corp")
INIT = (
    "init", "--non-interactive", "--name", "Alex Candidate", "--email", "alex@example.com",
    "--timezone", "Europe/London", "--provider", "custom", "--smtp-host", "127.0.0.1",
    "--smtp-port", "9", "--smtp-security", "none", "--no-imap",
)  # fmt: skip
HUGE_ID = "99999999999999999999"  # beyond SQLite's 2**63 - 1


def one_sentence(result: subprocess.CompletedProcess[str], code: int, *parts: str) -> str:
    """The README's promise for errors: one line on stderr, the documented code, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("feedback-mailer: "), result.stderr
    for part in parts:
        assert part in lines[0], (part, lines[0])
    return lines[0]


def seed_request(db_path: Path | None = None) -> int:
    """One request awaiting an answer, its follow-up due in five days."""
    from feedback_mailer.setup import paths

    now = datetime.now(UTC).replace(microsecond=0)
    with open_store(db_path or paths.db_path()) as store:
        request = record_request(
            store,
            NewRequest(
                company="Acme Corp",
                role="Program Manager",
                contact_name="Jane Doe",
                contact_email="jane.doe@example.com",
                template="formal",
                subject="Feedback on my interview",
                message_id="<seeded.1@example.com>",
                raw=b"Subject: Feedback on my interview\r\n\r\nThank you.\r\n",
                recipient_tz="Europe/London",
                interview_date=None,
                follow_up_due=now + timedelta(days=5),
            ),
            now - timedelta(days=1),
        )
        change_status(store, request.id, "awaiting", now, sent_at=now)
    return request.id


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def templates_dir(world: World) -> Path:
    directory = world.config_path.parent / "templates"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


# --- item 4: directories private whatever the umask ----------------------------------------


def test_directories_are_created_0700_and_files_0600_even_with_umask_0(world: World) -> None:
    def with_umask_0(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["sh", "-c", 'umask 000 && exec "$0" "$@"', str(COMMAND), *args],
            env=world.env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    config_home = Path(world.env["XDG_CONFIG_HOME"])
    data_home = Path(world.env["XDG_DATA_HOME"])
    assert not config_home.exists() and not data_home.exists()
    init = with_umask_0(*INIT)
    assert init.returncode == 0, init.stderr
    run = with_umask_0("run", "--quiet")  # nothing due: it only creates the database
    assert run.returncode == 0, run.stderr
    created = {
        config_home: 0o700,
        world.config_path.parent: 0o700,
        world.config_path: 0o600,
        data_home.parent: 0o700,  # ~/.local
        data_home: 0o700,
        world.db_path.parent: 0o700,
        world.db_path: 0o600,
    }
    assert {path: file_mode(path) for path in created} == created


# --- item 4: templates run sandboxed ----------------------------------------------------------


def test_a_template_cannot_reach_python_and_run_a_command(world: World, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (templates_dir(world) / "formal.j2").write_text(
        "{% block subject %}Thanks{% endblock %}\n"
        "{% block text %}{{ cycler.__init__.__globals__.os.system('touch "
        f"{marker}') }}}}{{% endblock %}}\n",
        encoding="utf-8",
    )
    result = world.run(*DRY_RUN)
    one_sentence(result, INPUT_ERROR, "'formal'", "unsafe", "__init__")
    assert not marker.exists(), "the template ran a shell command"


# --- item 4: what another user could change is refused ----------------------------------------


def _writable(path: Path) -> None:
    path.chmod(0o777 if path.is_dir() else 0o666)


def _group_writable(path: Path) -> None:
    path.chmod(0o770 if path.is_dir() else 0o620)


def _owned_by_nobody(path: Path) -> None:
    os.chown(path, NOBODY, -1)


OTHERS = {"writable": _writable, "group-writable": _group_writable, "nobody": _owned_by_nobody}


def _expected(change: str, path: Path) -> tuple[str, ...]:
    if change == "nobody":
        return (str(path), "owned by another user (nobody)", f"chown root {path}")
    return (str(path), "writable by other users", f"chmod go-w {path}")


@pytest.mark.parametrize("change", OTHERS)
@pytest.mark.parametrize("which", ["template", "templates dir"])
def test_templates_another_user_could_change_are_refused(
    which: str, change: str, world: World
) -> None:
    world.write_config(CONFIG)
    template = templates_dir(world) / "mine.j2"
    template.write_text(
        "{% block subject %}Thanks{% endblock %}{% block text %}Thank you.{% endblock %}\n",
        encoding="utf-8",
    )
    target = template if which == "template" else template.parent
    OTHERS[change](target)
    # `formal` is a built-in, but a file another user put beside it could replace it any
    # time: nothing from that directory is used.
    one_sentence(world.run(*DRY_RUN), INPUT_ERROR, *_expected(change, target))
    one_sentence(world.run("templates", "list"), INPUT_ERROR, *_expected(change, target))
    doctor = world.run("doctor")
    [line] = [line for line in doctor.stderr.splitlines() if "permissions:" in line]
    assert line.startswith("FAIL"), line
    assert all(part in line for part in _expected(change, target)), line


@pytest.mark.parametrize("change", OTHERS)
@pytest.mark.parametrize("which", ["config", "config dir"])
def test_a_config_another_user_could_change_is_refused(
    which: str, change: str, world: World
) -> None:
    path = world.write_config(CONFIG)
    target = path if which == "config" else path.parent
    OTHERS[change](target)
    for args in (DRY_RUN, ("run",), ("list",)):
        if args == ("list",):
            seed_request()
        one_sentence(world.run(*args), CONFIG_ERROR, *_expected(change, target))


def test_a_config_in_a_shared_directory_is_refused_unless_sticky(
    world: World, tmp_path: Path
) -> None:
    shared = tmp_path / "x"  # as /tmp/x: anyone may create and replace files in it
    shared.mkdir()
    shared.chmod(0o777)
    path = shared / "config.toml"
    init = world.run("--config", str(path), *INIT)
    one_sentence(init, CONFIG_ERROR, str(shared), "writable by other users", "chmod go-w")
    assert list(shared.iterdir()) == []
    path.write_text(CONFIG, encoding="utf-8")
    path.chmod(0o600)
    for args in (DRY_RUN, ("run",)):
        one_sentence(world.run("--config", str(path), *args), CONFIG_ERROR, str(shared))
    shared.chmod(0o1777)  # sticky, like /tmp itself: others cannot replace our file
    assert world.run("--config", str(path), *DRY_RUN).returncode == 0
    path.unlink()
    again = world.run("--config", str(path), *INIT)
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize("change", OTHERS)
@pytest.mark.parametrize("which", ["database", "data dir", "wal"])
def test_a_database_another_user_could_change_is_refused(
    which: str, change: str, world: World
) -> None:
    world.write_config(CONFIG)
    seed_request()
    wal = world.db_path.with_name(world.db_path.name + "-wal")
    if which == "wal":
        wal.write_bytes(b"")
        wal.chmod(0o600)
    target = {"database": world.db_path, "data dir": world.db_path.parent, "wal": wal}[which]
    OTHERS[change](target)
    before = world.db_path.read_bytes()
    for args in (("list",), ("show", "1"), ("run",), ("mark", "1", "--closed")):
        one_sentence(world.run(*args), STORE_ERROR, *_expected(change, target))
    assert world.db_path.read_bytes() == before


def test_doctor_reports_permissions(world: World) -> None:
    world.write_config(SENDER)  # no servers to try
    seed_request()
    fine = world.run("doctor")
    [line] = [line for line in fine.stdout.splitlines() if "permissions:" in line]
    assert line.startswith("ok"), line
    world.db_path.parent.chmod(0o777)  # as an old version left it under umask 000
    broken = world.run("doctor")
    assert broken.returncode == 1
    [line] = [line for line in broken.stderr.splitlines() if "permissions:" in line]
    assert line.startswith("FAIL"), line
    assert f"chmod go-w {world.db_path.parent}" in line, line
    assert file_mode(world.db_path.parent) == 0o777  # doctor reports, it changes nothing


# --- item 9: a file that is not ours is never written ---------------------------------------


def _versioned_foreign(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('mine')")
        db.execute("PRAGMA user_version = 1")
    db.close()


def _versioned_empty(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 1")
    db.close()


def _text_file(path: Path) -> None:
    path.write_bytes(b"my shopping list, not a database\n" * 200)


@pytest.mark.parametrize("make", [_versioned_foreign, _versioned_empty, _text_file])
def test_a_file_that_is_not_ours_is_left_byte_identical(
    make: object, world: World, tmp_path: Path
) -> None:
    world.write_config(CONFIG)
    path = tmp_path / "other.sqlite3"
    assert callable(make)
    make(path)
    path.chmod(0o600)
    before = path.read_bytes()
    env = {"FEEDBACK_MAILER_DB": str(path)}
    for args in (("list",), ("show", "1"), ("run",), ("mark", "1", "--closed")):
        result = world.run(*args, extra_env=env)
        one_sentence(result, STORE_ERROR, str(path), "left untouched")
        assert path.read_bytes() == before, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite3"]


# --- item 9: command-line bytes and numbers --------------------------------------------------

NOT_UTF8 = "Ac\udcffme"  # what Python makes of argv bytes b"Ac\xffme"


def _init_with(option: str, value: str) -> tuple[str, ...]:
    if option in INIT:
        at = INIT.index(option)
        return (*INIT[: at + 1], value, *INIT[at + 2 :])
    if option == "--imap-folder":
        return (*INIT[:-1], "--imap", "--imap-host", "127.0.0.1", option, value)
    return (*INIT, option, value)


NOT_UTF8_ARGS = {
    "send --to": ("send", "--dry-run", "--to", "jane\udcff@example.com", "--company", "Acme"),
    "send --company": ("send", "--dry-run", "--to", "jane.doe@example.com", "--company", NOT_UTF8),
    **{
        f"send {option}": (*DRY_RUN, option, NOT_UTF8)
        for option in ("--name", "--role", "--interview-date", "--tz", "--follow-up")
    },
    "send --highlight": (*DRY_RUN, "--highlight", "fine", "--highlight", NOT_UTF8),
    **{
        f"init {option}": _init_with(option, NOT_UTF8)
        for option in (
            "--name",
            "--email",
            "--timezone",
            "--smtp-host",
            "--smtp-username",
            "--smtp-cafile",
            "--imap-folder",
            "--sent-folder",
        )
    },
}


@pytest.mark.parametrize("args", NOT_UTF8_ARGS.values(), ids=NOT_UTF8_ARGS)
def test_bytes_that_are_not_utf8_are_an_input_error(args: tuple[str, ...], world: World) -> None:
    before = snapshot(world.home)
    one_sentence(world.run(*args), INPUT_ERROR, "\\xff", "not UTF-8")
    assert snapshot(world.home) == before


def test_a_note_that_is_not_utf8_changes_nothing(world: World) -> None:
    world.write_config(CONFIG)
    request_id = seed_request()
    before = world.db_path.read_bytes()
    result = world.run("mark", str(request_id), "--closed", "--note", "\udcff")
    one_sentence(result, INPUT_ERROR, "--note", "not UTF-8")
    assert world.db_path.read_bytes() == before
    assert world.run_json("show", str(request_id), "--json")["status"] == "awaiting"


@pytest.mark.parametrize(
    "args",
    [
        ("show", HUGE_ID),
        ("show", HUGE_ID, "--json"),
        ("mark", HUGE_ID, "--closed"),
        ("followup", HUGE_ID, "--cancel"),
        ("followup", HUGE_ID, "--at", "tomorrow 10:00"),
        ("send", "--resume", HUGE_ID, "--yes"),
    ],
    ids=" ".join,
)
def test_ids_beyond_sqlite_are_no_such_request(args: tuple[str, ...], world: World) -> None:
    world.write_config(CONFIG)
    seed_request()
    one_sentence(world.run(*args), NOT_FOUND, f"There is no request {HUGE_ID}")


@pytest.mark.parametrize("option", ["--at", "--follow-up"])
def test_a_when_in_the_year_9999_is_one_sentence(option: str, world: World) -> None:
    world.write_config(CONFIG)
    request_id = seed_request()
    before = world.run_json("show", str(request_id), "--json")
    args = ("followup", str(request_id), "--at") if option == "--at" else (*DRY_RUN, "--follow-up")
    result = world.run(*args, "9999-12-31 23:59")
    one_sentence(result, INPUT_ERROR, option, "9999-12-31 23:59", "100 years")
    assert world.run_json("show", str(request_id), "--json") == before


# --- item 9: paths ----------------------------------------------------------------------------

LONG_NAME = "a" * 256


@pytest.mark.parametrize("args", [DRY_RUN, INIT, ("run",), ("templates", "list")], ids=" ".join)
def test_a_config_path_with_a_256_byte_name_is_one_sentence(
    args: tuple[str, ...], world: World, tmp_path: Path
) -> None:
    path = tmp_path / LONG_NAME / "config.toml"
    result = world.run("--config", str(path), *args)
    one_sentence(result, CONFIG_ERROR, "256 bytes", "255", "shorter path")


def test_a_long_name_in_feedback_mailer_db_is_one_sentence(world: World, tmp_path: Path) -> None:
    world.write_config(CONFIG)
    env = {"FEEDBACK_MAILER_DB": str(tmp_path / LONG_NAME / "db.sqlite3")}
    for args in (("list",), ("run",)):
        one_sentence(world.run(*args, extra_env=env), STORE_ERROR, "256 bytes")


def test_doctor_with_a_256_byte_config_name_reports_it(world: World, tmp_path: Path) -> None:
    result = world.run("--config", str(tmp_path / LONG_NAME / "config.toml"), "doctor")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "FAIL  config: The config path" in result.stderr, result.stderr


def test_a_dangling_symlink_at_the_database_path_is_refused(world: World, tmp_path: Path) -> None:
    world.write_config(CONFIG)
    target = tmp_path / "elsewhere.sqlite3"
    link = tmp_path / "db.sqlite3"
    link.symlink_to(target)
    for args in (("run",), ("list",), ("mark", "1", "--closed")):
        result = world.run(*args, extra_env={"FEEDBACK_MAILER_DB": str(link)})
        if args == ("list",) and result.returncode == 0:
            continue  # nothing to list, nothing opened or created
        one_sentence(result, STORE_ERROR, str(link), "symbolic link", str(target))
    assert not target.exists(), "the link's target was created"
    assert link.is_symlink()


def test_init_force_writes_through_a_symlinked_config(world: World, tmp_path: Path) -> None:
    """Dotfile managers keep config.toml as a link into a repository: `init --force`
    keeps the link and replaces the file it points to (see write_config)."""
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir(mode=0o700)
    real = dotfiles / "feedback-mailer.toml"
    real.write_text(CONFIG.replace("Alex Candidate", "Old Name"), encoding="utf-8")
    real.chmod(0o600)
    world.config_path.parent.mkdir(parents=True)
    world.config_path.symlink_to(real)
    result = world.run(*INIT, "--force")
    assert result.returncode == 0, result.stderr
    assert world.config_path.is_symlink() and world.config_path.resolve() == real
    assert load_config(world.config_path).sender.name == "Alex Candidate"
    assert file_mode(real) == 0o600
    assert sorted(p.name for p in dotfiles.iterdir()) == ["feedback-mailer.toml"]


def test_init_refuses_a_symlinked_config_that_points_nowhere(world: World, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    world.config_path.parent.mkdir(parents=True)
    world.config_path.symlink_to(missing)
    result = world.run(*INIT, "--force")
    one_sentence(result, CONFIG_ERROR, str(world.config_path), "symbolic link", str(missing))
    assert not missing.exists() and world.config_path.is_symlink()


def _dead_pid() -> int:
    probe = subprocess.Popen(["true"])
    probe.wait()
    return probe.pid


def test_init_removes_what_a_killed_init_left_behind(world: World) -> None:
    """A SIGKILL between creating `.config.toml.PID.tmp` and renaming it leaves the
    file; the window is too short to hit reliably, so the leftover is made by hand
    with the pid of a process that has ended."""
    directory = world.config_path.parent
    directory.mkdir(parents=True, mode=0o700)
    stale = directory / f".config.toml.{_dead_pid()}.tmp"
    stale.write_text('[sender]\nname = "half', encoding="utf-8")
    alive = directory / f".config.toml.{os.getpid()}.tmp"  # a live writer's: kept
    alive.write_text("", encoding="utf-8")
    result = world.run(*INIT)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in directory.iterdir()) == sorted(["config.toml", alive.name])


def test_list_and_show_need_no_imap_cafile(world: World) -> None:
    missing = "/nonexistent/imap-ca.pem"
    world.write_config(
        CONFIG
        + f'\n[imap]\nhost = "127.0.0.1"\nport = 9\nsecurity = "none"\ncafile = "{missing}"\n'
    )
    request_id = seed_request()
    listed = world.run("list")
    assert listed.returncode == 0, listed.stderr
    assert "Acme Corp" in listed.stdout
    shown = world.run("show", str(request_id))
    assert shown.returncode == 0, shown.stderr
    assert world.run(*DRY_RUN).returncode == 0
    # What connects still refuses it, with the key and the path.
    one_sentence(world.run("check"), CONFIG_ERROR, "imap.cafile", missing)
    one_sentence(world.run("run"), CONFIG_ERROR, "imap.cafile", missing)
    doctor = world.run("doctor")
    assert doctor.returncode == 1
    assert "FAIL  config:" in doctor.stderr and "imap.cafile" in doctor.stderr, doctor.stderr


def _without_dac_override() -> list[str]:
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is not installed")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    if subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here")
    return prefix


def test_a_read_only_data_dir_gives_the_fix(world: World) -> None:
    prefix = _without_dac_override()
    world.write_config(CONFIG)
    request_id = seed_request()
    data = world.db_path.parent
    data.chmod(0o500)
    try:
        result = subprocess.run(
            [*prefix, str(COMMAND), "mark", str(request_id), "--closed"],
            env=world.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        data.chmod(0o700)
    one_sentence(
        result, STORE_ERROR, str(world.db_path), f"chmod u+rwx {data}", "FEEDBACK_MAILER_DB"
    )
    assert world.run_json("show", str(request_id), "--json")["status"] == "awaiting"


# --- item 9: one mailbox, visible text ---------------------------------------------------------


def test_to_given_twice_is_refused(world: World) -> None:
    result = world.run(
        "send", "--dry-run", "--to", "a@example.com", "--to", "b@example.com", "--company", "Acme"
    )
    one_sentence(result, INPUT_ERROR, "--to", "a@example.com", "b@example.com", "exactly one")


@pytest.mark.parametrize(
    "option, value",
    [
        ("--company", "Acme\u202e proC"),
        ("--company", "Acme\u200b Corp"),
        ("--name", "Jane\u2066 Doe"),
        ("--name", "\u200dJane"),
        ("--role", "Program\ufeffManager"),
        ("--to", "jane\u200b.doe@example.com"),
        ("--to", "jane.doe@exam\u202eple.com"),
    ],
)
def test_invisible_characters_are_refused_in_header_values(
    option: str, value: str, world: World
) -> None:
    args = ["send", "--dry-run", "--to", "jane.doe@example.com", "--company", "Acme Corp"]
    if option in ("--to", "--company"):
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = world.run(*args)
    one_sentence(result, INPUT_ERROR, f"U+{ord(next(c for c in value if not c.isprintable())):04X}")


def test_an_invisible_character_in_a_subject_is_refused(world: World) -> None:
    (templates_dir(world) / "formal.j2").write_text(
        "{% block subject %}Feedback \u202eweivretni{% endblock %}\n"
        "{% block text %}Thank you.{% endblock %}\n",
        encoding="utf-8",
    )
    one_sentence(world.run(*DRY_RUN), INPUT_ERROR, "subject", "U+202E")


def test_an_invisible_character_in_the_sender_name_is_a_config_error(world: World) -> None:
    world.write_config(CONFIG.replace("Alex Candidate", "Alex\u202e Candidate"))
    one_sentence(world.run(*DRY_RUN), CONFIG_ERROR, "sender.name", "U+202E")


@pytest.mark.parametrize(
    "company",
    ["نرم\u200cافزار", "Team \U0001f469\u200d\U0001f4bb Corp"],  # ZWNJ in Persian, a ZWJ emoji
    ids=["persian-zwnj", "emoji-zwj"],
)
def test_joiners_that_shape_text_are_accepted(company: str, world: World) -> None:
    result = world.run("send", "--dry-run", "--to", "jane.doe@example.com", "--company", company)
    assert result.returncode == 0, result.stderr
