"""Hardening: damaged, locked and future databases; TLS that must be refused; secrets
that must never leave the keyring; hostile recipients; broken keyrings; and config
values from anywhere in Unicode.

Everything runs against real parts: the installed command as a subprocess, aiosmtpd
with real TLS, the private Dovecot, real keyring backends chosen with
PYTHON_KEYRING_BACKEND. Nothing is monkeypatched.
"""

from __future__ import annotations

import base64
import os
import re
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support.certs import TlsMaterial, make_tls_material
from support.config_values import STRING_KEYS, toml_string
from support.dovecot import Dovecot
from support.examples import examples
from support.mailbox import new_mailbox
from support.scenarios import ALL_WEEK, SEND, at, configure, send_argv, soon
from support.smtp_server import SmtpServer
from support.world import COMMAND, World, config_text, file_mode, init_args

from feedback_mailer.base.errors import ConfigError
from feedback_mailer.setup.config import Config, parse_config

TESTS_DIR = Path(__file__).resolve().parent
INITECH = send_argv(to="pat@initech.example", company="Initech", name=None)  # another request


# --- helpers -------------------------------------------------------------------------


def request_count(world: World, db: Path | None = None) -> int:
    path = db or world.db_path
    if not path.exists() or path.stat().st_size == 0:
        return 0
    connection = sqlite3.connect(path)
    try:
        tables = connection.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'requests'"
        ).fetchone()[0]
        if not tables:
            return 0
        return int(connection.execute("SELECT COUNT(*) FROM requests").fetchone()[0])
    finally:
        connection.close()


def one_sentence(stderr: str) -> str:
    """The error as the README promises it: one line on stderr, no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("feedback-mailer: "), stderr
    return lines[0]


def without(env: dict[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in env.items() if k not in names}


# --- files: damaged, locked and future databases -------------------------------------


def _garbage(data: bytes) -> bytes:
    return b"this is not an SQLite database, it is a text file\n" * (len(data) // 50 + 1)


def _broken_header(data: bytes) -> bytes:
    return b"\0" * 16 + data[16:]


def _broken_schema_page(data: bytes) -> bytes:
    # Page 1 after the 100-byte file header holds sqlite_master: garble its b-tree.
    return data[:100] + b"\xaa" * 400 + data[500:]


@pytest.mark.parametrize(
    "damage", [_garbage, _broken_header, _broken_schema_page], ids=lambda f: f.__name__[1:]
)
def test_damaged_database_is_a_clear_error_and_left_untouched(
    damage: object, world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material, follow_up=ALL_WEEK)
    first = world.run(*SEND)
    assert first.returncode == 0, first.stderr
    delivered = len(smtp_server.messages)
    assert callable(damage)
    damaged = damage(world.db_path.read_bytes())
    world.db_path.write_bytes(damaged)
    inode = world.db_path.stat().st_ino
    siblings = sorted(p.name for p in world.db_path.parent.iterdir())

    later = (datetime.now(UTC) + timedelta(days=1, hours=1)).replace(microsecond=0)
    for args, faketime in (
        (("list",), None),
        (("list", "--all", "--json"), None),
        (("show", "1"), None),
        (INITECH, None),  # a new request: must not start a fresh database
        (("run",), at(later)),  # a follow-up is due then
    ):
        result = world.run(*args, faketime=faketime)
        assert result.returncode == 4, (args, result.returncode, result.stdout, result.stderr)
        sentence = one_sentence(result.stderr)
        assert str(world.db_path) in sentence, sentence
        assert "damaged" in sentence or "not a feedback-mailer database" in sentence, sentence
        assert world.db_path.read_bytes() == damaged, f"{args} changed the damaged file"
        assert world.db_path.stat().st_ino == inode, f"{args} re-created the database"
        assert sorted(p.name for p in world.db_path.parent.iterdir()) == siblings
    assert len(smtp_server.messages) == delivered  # nothing was sent


def _hold_exclusive_lock(path: Path) -> subprocess.Popen[str]:
    """Another process that holds the database's write lock until it is killed."""
    code = (
        "import sqlite3, sys, time\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(120)\n"
    )
    locker = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert locker.stdout is not None
    assert locker.stdout.readline().strip() == "locked"
    return locker


@pytest.mark.slow
def test_locked_database_waits_then_fails_clearly(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    assert world.run(*SEND).returncode == 0
    other = INITECH
    locker = _hold_exclusive_lock(world.db_path)
    try:
        started = time.monotonic()
        blocked = world.run(*other)
        waited = time.monotonic() - started
    finally:
        locker.kill()
        locker.wait(timeout=10)
    assert blocked.returncode == 4, blocked.stderr
    sentence = one_sentence(blocked.stderr)
    assert "locked" in sentence and str(world.db_path) in sentence, sentence
    assert "try again" in sentence, sentence
    # The store's busy timeout is 10 s: it waited for the other process first.
    assert 8.0 <= waited < 40.0, waited
    assert len(smtp_server.messages) == 1 and request_count(world) == 1
    # Once the other process is gone the same command simply works.
    retried = world.run(*other)
    assert retried.returncode == 0, retried.stderr
    assert len(smtp_server.messages) == 2 and request_count(world) == 2


def _newer_database(path: Path, journal_mode: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute(f"PRAGMA journal_mode = {journal_mode}")
        db.execute("CREATE TABLE requests (id INTEGER PRIMARY KEY, future TEXT)")
        db.execute("INSERT INTO requests (future) VALUES ('written by feedback-mailer 99')")
        db.execute("PRAGMA user_version = 99")
    finally:
        db.close()  # checkpoints the WAL: the main file alone is the whole database
    assert not Path(f"{path}-wal").exists()
    os.chmod(path, 0o600)


@pytest.mark.parametrize(
    # A newer version may have left WAL: opening the file must not even switch the
    # journal mode (which rewrites the header) before the version is checked.
    "journal_mode",
    ["wal", "delete"],
)
def test_database_from_a_newer_version_is_refused_and_untouched(
    journal_mode: str, world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    _newer_database(world.db_path, journal_mode)
    before = world.db_path.read_bytes()
    for args in (("list",), ("show", "1"), SEND, ("run",)):
        result = world.run(*args)
        assert result.returncode == 4, (args, result.stderr)
        sentence = one_sentence(result.stderr)
        assert "newer" in sentence and "99" in sentence and "upgrade" in sentence, sentence
    assert smtp_server.messages == []
    assert world.db_path.read_bytes() == before, "the newer database was modified"
    db = sqlite3.connect(world.db_path)
    try:
        assert db.execute("PRAGMA user_version").fetchone() == (99,)
    finally:
        db.close()


def test_config_and_database_are_created_private_even_with_umask_0(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    def run_with_umask_0(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["sh", "-c", 'umask 000 && exec "$0" "$@"', str(COMMAND), *args],
            env=world.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    init = run_with_umask_0(*init_args(smtp_server, tls_material.ca_pem))
    assert init.returncode == 0, init.stderr
    assert file_mode(world.config_path) == 0o600
    assert run_with_umask_0("auth", "set", "smtp", "--stdin", stdin="s3cret\n").returncode == 0
    sent = run_with_umask_0(*SEND)
    assert sent.returncode == 0, sent.stderr
    assert file_mode(world.db_path) == 0o600
    for leftover in world.db_path.parent.glob(world.db_path.name + "-*"):
        assert file_mode(leftover) & 0o077 == 0, leftover


def test_doctor_warns_about_a_config_others_can_read(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    private = world.run("doctor")
    assert private.returncode == 0, private.stdout + private.stderr
    assert "can be read by other users" not in private.stdout + private.stderr

    world.config_path.chmod(0o644)
    readable = world.run("doctor")
    assert readable.returncode == 0, readable.stdout + readable.stderr  # a warning, not a failure
    output = readable.stdout + readable.stderr
    [line] = [line for line in output.splitlines() if "can be read by other users" in line]
    assert line.startswith("warn"), line
    assert str(world.config_path) in line and "0644" in line
    assert f"chmod 600 {world.config_path}" in line
    assert file_mode(world.config_path) == 0o644  # doctor reports; it does not change the file


# --- TLS: refused certificates, no plaintext, no downgrade ---------------------------


BAD_CERTIFICATES = {
    "expired": ({"expired": True}, "expired"),
    "wrong_host": ({"hosts": ("wrong.example",)}, "not valid for '127.0.0.1'"),
    "untrusted": ({"ca_trusted": False}, "unable to get local issuer certificate"),
}


@pytest.fixture(params=sorted(BAD_CERTIFICATES))
def bad_tls(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[TlsMaterial, str]:
    options, reason = BAD_CERTIFICATES[request.param]
    return make_tls_material(tmp_path / "bad-tls", **options), reason  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["starttls", "tls"])
def test_smtp_refuses_a_bad_certificate(
    mode: str, bad_tls: tuple[TlsMaterial, str], world: World
) -> None:
    material, reason = bad_tls
    with SmtpServer(material, mode=mode) as server:  # type: ignore[arg-type]
        # The config trusts the test CA, so only the certificate's own flaw can fail it.
        configure(world, server, material)
        result = world.run(*SEND)
        doctor = world.run("doctor")
        assert server.logins == 0 and server.messages == []
    assert result.returncode == 6, result.stderr
    sentence = one_sentence(result.stderr)
    assert "certificate of 127.0.0.1 could not be verified" in sentence, sentence
    assert reason in sentence, sentence
    assert "smtp.cafile" in sentence
    [request] = world.run_json("list", "--all", "--json")
    assert request["status"] == "failed"  # refused before anything was handed over
    assert doctor.returncode == 1 and "FAIL  smtp" in doctor.stderr
    assert "127.0.0.1" in doctor.stderr


def _imap_config(host: str, port: int, security: str, cafile: Path | str, user: str) -> str:
    return (
        '[sender]\nname = "Alex Candidate"\nemail = "alex@example.com"\n'
        'timezone = "Europe/London"\n\n'
        f'[imap]\nhost = "{host}"\nport = {port}\nsecurity = "{security}"\n'
        f'username = "{user}"\ncafile = "{cafile}"\nfolders = ["INBOX"]\n'
    )


def test_imap_refuses_a_bad_certificate(bad_tls: tuple[TlsMaterial, str], world: World) -> None:
    material, reason = bad_tls
    # Any implicit-TLS listener presents the certificate before a word of IMAP: the
    # handshake must fail before the password could be sent.
    with SmtpServer(material, mode="tls") as listener:
        world.write_config(_imap_config("127.0.0.1", listener.port, "tls", material.ca_pem, "bob"))
        assert world.run("auth", "set", "imap", "--stdin", input="imap-pw\n").returncode == 0
        result = world.run("check")
        assert listener.logins == 0
    assert result.returncode == 6, result.stderr
    sentence = one_sentence(result.stderr)
    assert "certificate of 127.0.0.1 could not be verified" in sentence, sentence
    assert reason in sentence and "imap.cafile" in sentence, sentence


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_imap_refuses_dovecot_without_its_ca(security: str, world: World, dovecot: Dovecot) -> None:
    mailbox = new_mailbox(dovecot)
    port = dovecot.imaps_port if security == "tls" else dovecot.imap_port
    world.write_config(_imap_config(dovecot.host, port, security, "", mailbox.user))
    stored = world.run("auth", "set", "imap", "--stdin", input=mailbox.password + "\n")
    assert stored.returncode == 0, stored.stderr
    result = world.run("check")
    assert result.returncode == 6, result.stderr
    sentence = one_sentence(result.stderr)
    assert "certificate of 127.0.0.1 could not be verified" in sentence, sentence
    # With its CA the same server is fine: the failure really was verification.
    world.write_config(_imap_config(dovecot.host, port, security, dovecot.ca_pem, mailbox.user))
    assert world.run("check").returncode == 0


@pytest.mark.parametrize(
    "host",
    [
        "smtp.example.com",
        "10.0.0.5",
        "127.mail.example.com",
    ],
)
@pytest.mark.parametrize("section", ["smtp", "imap"])
def test_security_none_is_refused_for_a_remote_host(
    section: str, host: str, world: World, smtp_server: SmtpServer
) -> None:
    text = (
        '[sender]\nname = "Alex Candidate"\nemail = "alex@example.com"\n\n'
        f'[{section}]\nhost = "{host}"\nport = 25\nsecurity = "none"\nusername = "alice"\n'
    )
    world.write_config(text)
    world.run("auth", "set", section, "--stdin", input="s3cret\n")
    # First a dry run, which reads the config (and reports errors in it) but never
    # touches the network, so even a wrongly accepted host is not contacted here.
    dry = world.run(*send_argv("--role", "Program Manager", confirm="--dry-run"))
    assert dry.returncode == 3, (dry.returncode, dry.stderr)
    result = world.run(*SEND) if section == "smtp" else world.run("check")
    assert result.returncode == 3, (result.returncode, result.stderr)
    for output in (dry.stderr, result.stderr):
        sentence = one_sentence(output)
        assert f"{section}.security" in sentence and host in sentence, sentence
        assert "tls" in sentence
    assert request_count(world) == 0
    assert smtp_server.connections == 0


def test_no_downgrade_when_starttls_is_not_offered(world: World, tls_material: TlsMaterial) -> None:
    with SmtpServer(tls_material, mode="starttls", offer_starttls=False) as server:
        configure(world, server, tls_material)
        result = world.run(*SEND)
        doctor = world.run("doctor")
        assert server.connections >= 1  # it did talk to the server...
        assert server.logins == 0  # ...but never sent the password in the clear
        assert server.messages == []
    assert result.returncode == 6, result.stderr
    sentence = one_sentence(result.stderr)
    assert "does not offer STARTTLS" in sentence and "127.0.0.1" in sentence, sentence
    assert world.run_json("list", "--all", "--json")[0]["status"] == "failed"
    assert doctor.returncode == 1 and "STARTTLS" in doctor.stderr


# --- secrets --------------------------------------------------------------------------


def _secret_forms(user: str, password: str) -> list[str]:
    """The password and what AUTH PLAIN / AUTH LOGIN would put on the wire."""
    return [
        password,
        base64.b64encode(f"\0{user}\0{password}".encode()).decode(),
        base64.b64encode(f"{user}\0{password}".encode()).decode(),
        base64.b64encode(password.encode()).decode(),
    ]


def test_passwords_never_appear_in_output_files_or_transcripts(
    world: World, tls_material: TlsMaterial, dovecot: Dovecot
) -> None:
    tag = uuid.uuid4().hex[:6]
    smtp_secret, imap_secret = f"Smtp-Zebra-{tag}-7731", f"Imap-Kiwi-{tag}-4410"
    imap_user = f"sec{tag}"
    mailbox = dovecot.as_user(imap_user, imap_secret)
    t0 = soon()
    with SmtpServer(tls_material, mode="starttls", users={"alice": smtp_secret}) as server:
        configure(
            world,
            server,
            tls_material,
            password=smtp_secret,
            mailbox=mailbox,
            sent_folder="Sent",
            follow_up=ALL_WEEK,
        )
        outputs = {
            "send": world.run("--debug", *SEND, faketime=at(t0)),
            "check": world.run("--debug", "check", faketime=at(t0 + timedelta(minutes=5))),
            "run": world.run("--debug", "run", faketime=at(t0 + timedelta(days=1, minutes=5))),
            "doctor": world.run("--debug", "doctor"),
            "list": world.run("list", "--all"),
            "show --json": world.run("show", "1", "--json"),
            "show": world.run("show", "1"),
            "auth check": world.run("auth", "check"),
        }
        assert len(server.messages) == 2  # the request and its follow-up really went out
        assert server.login_users == ["alice", "alice", "alice"]  # send, run, doctor
    for name, result in outputs.items():
        assert result.returncode == 0, (name, result.stdout, result.stderr)

    # The transcripts were really printed, with the secrets replaced.
    def lines(name: str, pattern: str) -> list[str]:
        return [x for x in outputs[name].stderr.splitlines() if re.search(pattern, x, re.I)]

    for name in ("send", "run", "doctor"):
        auth = lines(name, r"^C: AUTH\b")
        assert auth, f"no SMTP AUTH line in the --debug {name} transcript"
        assert all(re.fullmatch(r"C: AUTH [A-Z0-9-]+ \*+", x) for x in auth), auth
    for name in ("send", "check", "run", "doctor"):
        login = lines(name, r"^C: \S+ LOGIN\b")
        assert login, f"no IMAP LOGIN line in the --debug {name} transcript"
        assert all(re.fullmatch(r"C: \S+ LOGIN \*+", x) for x in login), login
    for name in ("send", "run", "doctor"):
        assert re.search(r"(?im)^C: ehlo ", outputs[name].stderr), name  # SMTP transcript

    forms = _secret_forms("alice", smtp_secret) + _secret_forms(imap_user, imap_secret)
    for name, result in outputs.items():
        for form in forms:
            assert form not in result.stdout, (name, form)
            assert form not in result.stderr, (name, form)
    # Every file the tool wrote (config, database, -wal, anything else under HOME),
    # except the keyring's own file, where the passwords belong.
    checked = []
    for path in sorted(world.home.rglob("*")):
        if path.is_file() and path != world.keyring_file:
            data = path.read_bytes()
            checked.append(path)
            for form in forms:
                assert form.encode() not in data, (path, form)
    assert world.config_path in checked and world.db_path in checked
    keyring_data = world.keyring_file.read_bytes()  # keyrings.alt: base64 of the password
    assert base64.b64encode(smtp_secret.encode()) in keyring_data
    assert base64.b64encode(imap_secret.encode()) in keyring_data


def _walk(
    command: click.Command, parent: click.Context | None = None, path: str = "feedback-mailer"
) -> Iterator[tuple[str, object]]:
    """Every parameter of every command, through click's own (lazy) listing."""
    ctx = click.Context(command, info_name=path.rsplit(" ", 1)[-1], parent=parent)
    for param in command.get_params(ctx):
        yield path, param
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"`{path} {name}` is listed but cannot be loaded"
            yield from _walk(sub, ctx, f"{path} {name}")


def test_no_command_takes_a_password_option() -> None:
    from feedback_mailer.cli import cli

    seen, commands = 0, set()
    for path, param in _walk(cli):
        assert isinstance(param, click.Parameter)
        seen += 1
        commands.add(path.removeprefix("feedback-mailer").strip())
        names = [param.name or "", *param.opts, *param.secondary_opts]
        envvars = param.envvar if isinstance(param.envvar, list | tuple) else [param.envvar or ""]
        for text in (*names, *envvars):
            lowered = str(text).lower()
            for word in ("password", "passwd", "secret"):
                assert word not in lowered, f"`{path}` has {text!r}"
        if isinstance(param, click.Option):
            assert not param.hide_input, f"`{path}` {param.opts} prompts for a hidden value"
    assert seen > 40, seen  # really walked the tree (send alone has 17 options)
    assert {"send", "run", "auth set", "init"} <= commands, commands


# --- mail safety: one bare recipient, nothing else ------------------------------------


@pytest.mark.parametrize(
    "to",
    [
        '"boss@corp.com" <attacker@evil.com>',
        "Boss <attacker@evil.com>, Jane <jane@corp.com>",
        "a@x.com, b@y.com",
        "a@x.com; b@y.com",
        "a@x.com b@y.com",
        "a@x.com\nBcc: c@z.com",
        "a@x.com\r\nBcc: c@z.com",
    ],
    ids=[
        "display-name",
        "two-name-addrs",
        "comma-list",
        "semicolon-list",
        "space-list",
        "lf-bcc",
        "crlf-bcc",
    ],
)
def test_only_one_bare_recipient_is_accepted(
    to: str, world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    result = world.run(*send_argv(to=to, name=None))
    assert result.returncode == 2, result.stderr
    sentence = one_sentence(result.stderr)
    assert "--to" in sentence, sentence
    assert smtp_server.connections == 0 and smtp_server.messages == []
    assert request_count(world) == 0


@pytest.mark.parametrize("option", ["--company", "--name", "--role", "--highlight"])
def test_header_injection_through_other_options_is_refused(
    option: str, world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    hostile = "Acme\r\nBcc: spy@evil.example"
    if option == "--company":
        args = send_argv(company=hostile, name=None)
    else:
        args = send_argv(option, hostile, name=None)
    result = world.run(*args)
    assert result.returncode == 2, result.stderr
    assert option in one_sentence(result.stderr)
    assert smtp_server.connections == 0 and request_count(world) == 0


def test_a_sent_request_has_exactly_one_recipient(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    # Commas and angle brackets in the *name* must stay inside a quoted display name.
    result = world.run(*send_argv(name="Jane, Bob <bob@evil.example>"))
    assert result.returncode == 0, result.stderr
    [received] = smtp_server.messages
    assert received.rcpt_tos == ["jane.doe@example.com"]
    parsed = message_from_bytes(received.raw, policy=policy.default)
    [address] = parsed["To"].addresses
    assert address.addr_spec == "jane.doe@example.com"
    for header in ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"):
        assert header not in parsed, header
    header_block = received.raw.split(b"\r\n\r\n", 1)[0].lower()
    assert b"\nbcc:" not in header_block and b"\ncc:" not in header_block
    assert len(re.findall(rb"(?m)^to:", header_block)) == 1


# --- keyring faults -------------------------------------------------------------------


KEYRING_FAULTS = {
    # A desktop session whose keyring daemon is missing: keyring has no backend at all.
    "no-backend": (
        {
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus",
        },
        ("install",),
    ),
    # A real backend that is there but locked.
    "locked": (
        {"PYTHON_KEYRING_BACKEND": "support.keyring_backends.LockedKeyring"},
        ("locked", "unlock"),
    ),
    # The desktop keyring under cron: no session bus to reach it by.
    "no-session-bus": (
        {"PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"},
        ("session bus", "schedule install"),
    ),
}


def _fault_world(world: World, fault: str) -> World:
    overrides, _ = KEYRING_FAULTS[fault]
    env = without(world.env, "DBUS_SESSION_BUS_ADDRESS")
    pythonpath = os.pathsep.join(filter(None, [str(TESTS_DIR), env.get("PYTHONPATH")]))
    return World(home=world.home, env={**env, "PYTHONPATH": pythonpath, **overrides})


def _check_keyring_sentence(fault: str, stderr: str) -> None:
    sentence = one_sentence(stderr)
    assert "keyring" in sentence.lower(), sentence
    for words in KEYRING_FAULTS[fault][1]:
        assert words in sentence, sentence


@pytest.mark.parametrize(
    "fault",
    ["no-backend", "locked", "no-session-bus"],
)
def test_keyring_fault_on_send_records_nothing(
    fault: str, world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    world.write_config(config_text(smtp=smtp_server, ca_pem=tls_material.ca_pem))
    result = _fault_world(world, fault).run(*SEND)
    assert result.returncode == 5, result.stderr
    assert smtp_server.connections == 0 and smtp_server.messages == []
    assert request_count(world) == 0
    _check_keyring_sentence(fault, result.stderr)


@pytest.mark.parametrize(
    "fault",
    ["no-backend", "locked", "no-session-bus"],
)
def test_keyring_fault_on_run_sends_and_records_nothing(
    fault: str, world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material, follow_up=ALL_WEEK)
    t0 = soon()
    assert world.run(*SEND, faketime=at(t0)).returncode == 0
    due = at(t0 + timedelta(days=1, minutes=5))
    before = [(e["kind"], e.get("new")) for e in world.run_json("show", "1", "--json")["events"]]

    result = _fault_world(world, fault).run("run", faketime=due)
    assert result.returncode == 5, result.stderr
    assert len(smtp_server.messages) == 1  # only the request itself
    shown = world.run_json("show", "1", "--json")
    assert shown["status"] == "awaiting" and shown["follow_up"]["status"] == "scheduled"
    assert [(e["kind"], e.get("new")) for e in shown["events"]] == before
    # Nothing was left half-done: with the keyring back, the follow-up goes out once.
    assert world.run("run", faketime=due).returncode == 0
    assert len(smtp_server.messages) == 2
    _check_keyring_sentence(fault, result.stderr)


# --- config values from anywhere in Unicode --------------------------------------------


VALID = {
    ("sender", "name"): "Alex Candidate",
    ("sender", "email"): "alex@example.com",
    ("sender", "timezone"): "Europe/London",
    ("smtp", "host"): "127.0.0.1",
    ("smtp", "security"): "starttls",
    ("smtp", "username"): "alex@example.com",
    ("smtp", "cafile"): "",
    ("imap", "host"): "imap.example.com",
    ("imap", "security"): "tls",
    ("imap", "username"): "alex@example.com",
    ("imap", "cafile"): "",
    ("imap", "folders"): "INBOX",
    ("imap", "sent_folder"): "Sent",
    ("follow_up", "after"): "5 business days",
    ("follow_up", "min_after"): "3 business days",
    ("follow_up", "window"): "Mon-Fri 09:00-17:00",
    ("follow_up", "give_up_after"): "14 days",
}
# Pieces of plausible values, so examples also reach deep into the parsers.
TOKENS = [
    "1",
    "0",
    "-3",
    "99999999999999999999",
    "٣",
    "½",
    "1e9",
    "5",
    " ",
    "  ",
    "-",
    ":",
    "/",
    "day",
    "days",
    "business",
    "week",
    "month",
    "hour",
    "minute",
    "Mon",
    "fri",
    "Sun",
    "09:00",
    "24:00",
    "25:61",
    "00:00",
    "Europe/",
    "London",
    "UTC",
    "+05:30",
    "..",
    "/etc/passwd",
    "~",
    "~root",
    "~nobody-here",
    "@",
    "example.com",
    "localhost",
    "127.0.0.1",
    "::1",
    "tls",
    "none",
    "\\",
    '"',
    "\u2028",
    "\x00",
    "\x1b",
    "\r\n",
    "\t",
    "\ud7ff",
    "\U0001f600",
    "İ",
    "ß",
    "\ufeff",
    "\u200b",
]
values = st.one_of(
    st.text(),
    st.text(st.characters(codec="utf-8"), max_size=8),
    st.lists(st.sampled_from(TOKENS), max_size=8).map("".join),
)


def config_with(replaced: dict[tuple[str, str], str]) -> str:
    sections: dict[str, list[str]] = {}
    for (section, key), default in VALID.items():
        value = replaced.get((section, key), default)
        text = f"[{toml_string(value)}]" if key == "folders" else toml_string(value)
        sections.setdefault(section, []).append(f"{key} = {text}")
        if key == "host":
            sections[section].append("port = 993" if section == "imap" else "port = 587")
    return "\n\n".join(f"[{s}]\n" + "\n".join(lines) for s, lines in sections.items()) + "\n"


def test_the_unmodified_config_used_by_the_property_test_is_valid() -> None:
    config = parse_config(Path("/tmp/config.toml"), config_with({}))
    assert isinstance(config, Config) and config.imap is not None


def _parses_or_config_error(text: str, replaced: dict[tuple[str, str], str]) -> None:
    import tomllib

    parsed = tomllib.loads(text)  # the escaping itself is right: each value round-trips
    for (section, key), value in replaced.items():
        got = parsed[section][key]
        assert (got[0] if key == "folders" else got) == value
    try:
        config = parse_config(PROPERTY_CONFIG, text)
    except ConfigError as error:
        message = str(error)
        assert str(PROPERTY_CONFIG) in message, message
    else:
        assert isinstance(config, Config)


PROPERTY_CONFIG = Path("/tmp/fm-property/config.toml")


@settings(
    max_examples=examples(1000),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(value="~nobody-here", extra={})  # cafile naming an unknown user's home
@example(value="\ufeff", extra={("imap", "folders"): "99999999999999999999 days"})
@given(value=values, extra=st.dictionaries(st.sampled_from(STRING_KEYS), values, max_size=2))
def test_any_unicode_in_each_string_key_is_a_config_or_a_config_error(
    value: str, extra: dict[tuple[str, str], str]
) -> None:
    """`value` goes into every string key in turn (with up to two other keys also
    replaced): parse_config returns a Config or raises ConfigError, nothing else."""
    for key in STRING_KEYS:
        replaced = {**extra, key: value}
        _parses_or_config_error(config_with(replaced), replaced)
