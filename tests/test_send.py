"""Sending a request over real SMTP (aiosmtpd, TLS, AUTH) with the password
from a real keyring backend: at most once, whatever the server does."""

from __future__ import annotations

import base64
import json
import sqlite3
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from support.certs import TlsMaterial
from support.scenarios import configure, send_argv
from support.smtp_server import SmtpServer
from support.world import World, config_text, init_args

ROLE_AND_DATE = ("--role", "Program Manager", "--interview-date", "2026-11-18")
SEND = send_argv(*ROLE_AND_DATE)


def rows(world: World, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(world.db_path) as db:
        return db.execute(sql).fetchall()


def test_new_user_sends_one_request_over_starttls(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    init = world.run(*init_args(smtp_server, tls_material.ca_pem))
    assert init.returncode == 0, init.stderr
    assert world.run("auth", "set", "smtp", "--stdin", input="s3cret\n").returncode == 0

    sent = world.run(*SEND)
    assert sent.returncode == 0, sent.stderr
    assert "request 1" in sent.stdout.splitlines()

    [received] = smtp_server.messages
    assert smtp_server.login_users == ["alice"]
    shown = world.run_json("show", "1", "--json")
    assert received.message["Message-ID"] == shown["message_id"]
    assert received.message["To"] == "Jane Doe <jane.doe@example.com>"
    assert received.message["From"] == "Alex Candidate <alex@example.com>"
    assert received.rcpt_tos == ["jane.doe@example.com"]
    assert "Thank you for taking the time" in received.message.get_content()
    # The bytes on the wire are the bytes stored.
    assert shown["messages"][0]["raw"].replace("\r\n", "\n") == received.raw.decode().replace(
        "\r\n", "\n"
    )

    [listed] = world.run_json("list", "--unanswered", "--json")
    assert listed["id"] == 1 and listed["status"] == "awaiting"
    assert listed["follow_up"]["status"] == "scheduled"
    assert listed["follow_up"]["due_at"].endswith("Z")
    assert listed["sent_at"].endswith("Z")


def test_implicit_tls_delivers(
    world: World, smtps_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtps_server, tls_material)
    result = world.run(*SEND)
    assert result.returncode == 0, result.stderr
    assert len(smtps_server.messages) == 1
    assert world.run_json("list", "--json")[0]["status"] == "awaiting"


def test_untrusted_certificate_is_refused(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    world.write_config(config_text(smtp=smtp_server, ca_pem=None))  # test CA not trusted
    world.run("auth", "set", "smtp", "--stdin", input="s3cret\n")
    result = world.run(*SEND)
    assert result.returncode == 6
    assert "certificate of 127.0.0.1 could not be verified" in result.stderr
    assert "Traceback" not in result.stderr
    assert smtp_server.messages == []
    assert world.run_json("list", "--all", "--json")[0]["status"] == "failed"


def test_transient_451_is_retried_and_delivered_once(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    smtp_server.fail_next_data(["451 4.3.0 Try again later"])
    result = world.run(*SEND)
    assert result.returncode == 0, result.stderr
    assert len(smtp_server.messages) == 1
    assert world.run_json("list", "--json")[0]["status"] == "awaiting"


def test_permanent_550_fails_and_delivers_nothing(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    smtp_server.fail_next_data(["550 5.7.1 Message rejected as spam"])
    result = world.run(*SEND)
    assert result.returncode == 6
    assert "550 5.7.1 Message rejected as spam" in result.stderr
    assert smtp_server.messages == []
    [request] = world.run_json("list", "--all", "--json")
    assert request["status"] == "failed"
    # A failed request is retried on demand, with the same message.
    resumed = world.run("send", "--resume", "1")
    assert resumed.returncode == 0, resumed.stderr
    [received] = smtp_server.messages
    assert received.message["Message-ID"] == request["message_id"]
    shown = world.run_json("show", "1", "--json")
    assert shown["status"] == "awaiting"
    # The one follow-up survives the failure and is still ahead of the real send.
    assert shown["follow_up"]["status"] == "scheduled"
    assert shown["follow_up"]["due_at"] > shown["sent_at"]


def test_drop_in_the_middle_of_data_is_unknown_and_never_resent(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    smtp_server.drop_mid_data()
    result = world.run(*SEND)
    assert result.returncode == 6
    assert "may or may not have been delivered" in result.stderr
    assert world.run_json("list", "--json")[0]["status"] == "unknown"
    # Nothing later sends it again on its own.
    assert world.run("run").returncode == 0
    refused = world.run("send", "--resume", "1")
    assert refused.returncode == 7 and "--force" in refused.stderr
    duplicate = world.run(*SEND)
    assert duplicate.returncode == 7 and "still open" in duplicate.stderr
    assert smtp_server.messages == []
    forced = world.run("send", "--resume", "1", "--force")
    assert forced.returncode == 0, forced.stderr
    assert len(smtp_server.messages) == 1


def test_wrong_password_fails_with_a_clear_message(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material, password="not-the-password")
    result = world.run(*SEND)
    assert result.returncode == 6
    assert "refused the login for alice" in result.stderr
    assert "auth set smtp" in result.stderr
    assert "not-the-password" not in result.stderr
    assert world.run_json("list", "--all", "--json")[0]["status"] == "failed"
    assert smtp_server.messages == []


def test_no_keyring_backend_records_nothing(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    world.write_config(config_text(smtp=smtp_server, ca_pem=tls_material.ca_pem))
    result = world.run(*SEND, extra_env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert result.returncode == 5
    assert "keyring" in result.stderr.lower() and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not world.db_path.exists() or rows(world, "SELECT COUNT(*) FROM requests") == [(0,)]
    assert smtp_server.messages == []


def test_missing_password_under_a_pipe_does_not_prompt(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    world.write_config(config_text(smtp=smtp_server, ca_pem=tls_material.ca_pem))
    result = world.run(*SEND)
    assert result.returncode == 5
    assert "auth set smtp" in result.stderr
    assert not world.db_path.exists() or rows(world, "SELECT COUNT(*) FROM requests") == [(0,)]


def test_second_open_request_to_the_same_person_is_refused(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    assert world.run(*SEND).returncode == 0
    again = world.run(*send_argv(*ROLE_AND_DATE, company="ACME CORP"))
    assert again.returncode == 7
    assert "Request 1" in again.stderr and "--force" in again.stderr
    assert len(smtp_server.messages) == 1
    forced = world.run(*SEND, "--force")
    assert forced.returncode == 0, forced.stderr
    assert len(smtp_server.messages) == 2


def test_password_never_leaves_the_keyring(
    world: World, tls_material: TlsMaterial, tmp_path: Path
) -> None:
    secret = "Pw-Zebra-7731-unique"
    with SmtpServer(tls_material, mode="starttls", users={"alice": secret}) as server:
        configure(world, server, tls_material, password=secret)
        outputs = [
            world.run("--debug", *SEND),
            world.run("--debug", "doctor"),
            world.run("list", "--json"),
            world.run("show", "1"),
            world.run("show", "1", "--json"),
            world.run("auth", "check"),
            world.run("--debug", "run"),
        ]
        assert outputs[0].returncode == 0, outputs[0].stderr
        assert "AUTH" in outputs[0].stderr  # the transcript really was printed
    assert outputs[1].returncode == 0, outputs[1].stdout + outputs[1].stderr
    # The password itself, and the base64 forms AUTH PLAIN/LOGIN would put on the wire.
    forms = [
        secret,
        base64.b64encode(f"\0alice\0{secret}".encode()).decode(),
        base64.b64encode(secret.encode()).decode(),
    ]
    for result in outputs:
        for form in forms:
            assert form not in result.stdout and form not in result.stderr
    for path in [world.config_path, *world.db_path.parent.glob("*")]:
        for form in forms:
            assert form.encode() not in path.read_bytes(), path
    # It is where it belongs (keyrings.alt stores it base64-encoded).
    assert forms[2].encode() in world.keyring_file.read_bytes()
    events = rows(world, "SELECT detail FROM events")
    assert events and all(secret not in str(detail) for (detail,) in events)


def test_non_ascii_names_are_encoded(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    world.write_config(
        config_text(smtp=smtp_server, ca_pem=tls_material.ca_pem, sender_name="Zoë Müller")
    )
    world.run("auth", "set", "smtp", "--stdin", input="s3cret\n")
    result = world.run(
        *send_argv(to="jose@example.com", company="株式会社テスト", name="José Müller")
    )
    assert result.returncode == 0, result.stderr
    [received] = smtp_server.messages
    assert received.raw.split(b"\r\n\r\n")[0].isascii()
    parsed = message_from_bytes(received.raw, policy=policy.default)
    assert parsed["To"].addresses[0].display_name == "José Müller"
    assert parsed["From"].addresses[0].display_name == "Zoë Müller"
    assert "株式会社テスト" in str(parsed["Subject"])


def test_edit_is_rechecked_and_pushy_words_are_flagged(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, tmp_path: Path
) -> None:
    configure(world, smtp_server, tls_material)
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text('Subject: Quick question\\n\\nPlease reply ASAP!!\\n')\n"
    )
    result = world.run(*SEND, "--edit", extra_env={"EDITOR": f"python3 {editor}"})
    assert result.returncode == 0, result.stderr
    assert "ASAP" in result.stderr and "!!" in result.stderr
    [received] = smtp_server.messages
    assert received.message["Subject"] == "Quick question"
    assert received.message.get_content().strip() == "Please reply ASAP!!"

    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text('Subject: Hi\\x1b[2J\\n\\nbody\\n')\n"
    )
    bad = world.run(*SEND, "--force", "--edit", extra_env={"EDITOR": f"python3 {editor}"})
    assert bad.returncode == 2 and "ESC" in bad.stderr
    assert len(smtp_server.messages) == 1


def test_mark_and_show(world: World, smtp_server: SmtpServer, tls_material: TlsMaterial) -> None:
    configure(world, smtp_server, tls_material)
    assert world.run(*SEND).returncode == 0
    marked = world.run("mark", "1", "--answered", "--note", "She called me on Tuesday")
    assert marked.returncode == 0, marked.stderr
    shown = world.run_json("show", "1", "--json")
    assert shown["status"] == "answered"
    assert shown["follow_up"]["status"] == "cancelled"
    assert any(e["kind"] == "note" and "called" in e["text"] for e in shown["events"])
    assert world.run_json("list", "--unanswered", "--json") == []
    text = world.run("show", "1").stdout
    assert "answered" in text and "Message-ID" in text
    again = world.run("mark", "1", "--answered")
    assert again.returncode == 7
    missing = world.run("show", "42")
    assert missing.returncode == 8 and "no request 42" in missing.stderr


def test_doctor_reports_each_check(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    good = world.run("doctor")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "login accepted" in good.stdout
    assert "plaintext" in good.stdout.lower() or "unencrypted" in good.stdout.lower()
    world.run("auth", "set", "smtp", "--stdin", input="wrong\n")
    bad = world.run("doctor")
    assert bad.returncode == 1
    assert "FAIL  smtp" in bad.stderr and "auth set smtp" in bad.stderr
    assert len(smtp_server.messages) == 0


def test_list_json_shape(world: World, smtp_server: SmtpServer, tls_material: TlsMaterial) -> None:
    configure(world, smtp_server, tls_material)
    assert world.run(*SEND, "--no-follow-up").returncode == 0
    [item] = json.loads(world.run("list", "--json").stdout)
    for key in (
        "id",
        "company",
        "role",
        "contact_name",
        "contact_email",
        "status",
        "sent_at",
        "message_id",
        "replied_at",
        "follow_up",
    ):
        assert key in item
    assert item["follow_up"] == {
        "status": "none",
        "due_at": None,
        "sent_at": None,
        "message_id": None,
        "reason": None,
        "hold": None,  # why a scheduled follow-up waits for you, when it does
    }
    assert isinstance(item["id"], int)


@pytest.mark.parametrize("flag", ["--status", "--all"])
def test_list_filters(
    flag: str, world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    assert world.run(*SEND).returncode == 0
    assert world.run("mark", "1", "--closed").returncode == 0
    assert world.run_json("list", "--json") == []
    args = ["--status", "closed"] if flag == "--status" else ["--all"]
    [item] = world.run_json("list", *args, "--json")
    assert item["status"] == "closed"


@pytest.mark.parametrize("offered", [True, False])
def test_non_ascii_address_needs_smtputf8(
    offered: bool, world: World, tls_material: TlsMaterial
) -> None:
    with SmtpServer(tls_material, mode="starttls", smtputf8=offered) as server:
        configure(world, server, tls_material)
        result = world.run(*send_argv(to="josé@exämple.com", company="Ñandú SA", name=None))
        if offered:
            assert result.returncode == 0, result.stderr
            [received] = server.messages
            assert "SMTPUTF8" in received.mail_options
            assert received.rcpt_tos == ["josé@exämple.com"]
        else:
            assert result.returncode == 6
            assert "SMTPUTF8" in result.stderr and "non-ASCII" in result.stderr
            assert server.messages == []
            assert world.run_json("list", "--all", "--json")[0]["status"] == "failed"


def test_shell_completion_script(world: World) -> None:
    result = world.run(extra_env={"_FEEDBACK_MAILER_COMPLETE": "bash_source"})
    assert result.returncode == 0
    assert "_feedback_mailer_completion" in result.stdout
