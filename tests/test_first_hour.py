"""The first hour of a new user (issue 14), through the installed command: messages
that read as a person writes them, the tone check on everything typed, a send that
can be edited from its prompt, and failures that name the request and the next step."""

from __future__ import annotations

import email.utils
import os
import pty
import select
import signal
import socket
import subprocess
import time
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from support.certs import TlsMaterial
from support.scenarios import at, configure, send_argv, soon
from support.smtp_server import SmtpServer
from support.world import COMMAND, World


def dry(
    world: World, *options: str, name: str | None = "Jane Doe"
) -> subprocess.CompletedProcess[str]:
    return world.run(*send_argv(*options, name=name, confirm="--dry-run"))


def body_of(output: str) -> str:
    """The message text of a preview: after the headers, up to the follow-up line."""
    text = output.split("\n\n", 1)[1]
    return text.split("\nFollow-up:", 1)[0]


def in_terminal(
    world: World, *args: str, answers: list[str], extra_env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run the installed command on a pseudo-terminal, typing each answer when the
    send prompt appears; its exit code and everything it printed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the command
        env = {**world.env, **(extra_env or {})}
        os.execve(str(COMMAND), [str(COMMAND), *args], env)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if pending and output.rstrip().endswith(b"cancel:"):
                os.write(fd, pending.pop(0).encode() + b"\n")
                output += b"\n"
    else:  # still waiting for an answer it will never get
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace").replace("\r", "")


def writing_editor(tmp_path: Path, text: str) -> dict[str, str]:
    """$EDITOR that replaces the message with `text`."""
    editor = tmp_path / "editor.py"
    editor.write_text(
        f"import sys, pathlib\npathlib.Path(sys.argv[1]).write_text({text!r})\n", encoding="utf-8"
    )
    return {"EDITOR": f"python3 {editor}"}


# --- writing the message -------------------------------------------------------------


def test_greet_says_how_to_address_the_contact(world: World) -> None:
    formal = dry(world, "--greet", "Ms Doe")
    assert formal.returncode == 0, formal.stderr
    assert body_of(formal.stdout).startswith("Dear Ms Doe,\n")
    warm = dry(world, "--template", "warm")
    assert body_of(warm.stdout).startswith("Hi Jane,\n")
    nameless = dry(world, "--template", "warm", name=None)
    assert body_of(nameless.stdout).startswith("Hi there,\n")
    assert body_of(dry(world, name=None).stdout).startswith("Hello,\n")
    # The default formal greeting is the full name, and the preview says how to change it.
    default = dry(world)
    assert body_of(default.stdout).startswith("Dear Jane Doe,\n")
    assert "--greet" in default.stderr
    assert "--greet" in world.run("send", "--help").stdout


def test_the_body_names_the_company_and_the_role(world: World) -> None:
    result = dry(world, "--role", "Program Manager")
    body = body_of(result.stdout)
    assert "Acme Corp" in body and "Program Manager" in body


def test_highlights_read_as_english(world: World) -> None:
    one = dry(world, "--highlight", "The take-home assignment.")
    assert "I especially appreciated the take-home assignment.\n" in one.stdout
    three = dry(
        world,
        "--highlight",
        "the code review",
        "--highlight",
        "Meeting the team",
        "--highlight",
        "AWS trivia!",
    )
    assert "the code review, meeting the team and AWS trivia.\n" in three.stdout


def test_the_tone_check_reads_highlights_and_offers_alternatives(world: World) -> None:
    result = dry(world, "--highlight", "I really want this job, please hire me")
    assert result.returncode == 0, result.stderr
    assert "“please hire me” (pleading): instead, " in result.stderr
    assert "“I really want this job”" in result.stderr


@pytest.mark.parametrize(
    ("to", "name"),
    [
        ("Jane Doe <jane.doe@acme.example>", "Jane Doe"),
        ('"Doe, Jane" <jane.doe@acme.example>', "Doe, Jane"),
        ("<jane.doe@acme.example>", None),
    ],
)
def test_a_pasted_address_gives_the_address_and_the_name(
    world: World, to: str, name: str | None
) -> None:
    result = world.run(*send_argv(to=to, name=None, confirm="--dry-run"))
    assert result.returncode == 0, result.stderr
    expected = (
        f'"{name}" <jane.doe@acme.example>'
        if name and "," in name
        else (f"{name} <jane.doe@acme.example>" if name else "jane.doe@acme.example")
    )
    assert f"To: {expected}\n" in result.stdout
    # --name wins over the pasted name.
    named = world.run(*send_argv(to=to, name="Janet Doe", confirm="--dry-run"))
    assert "To: Janet Doe <jane.doe@acme.example>\n" in named.stdout


@pytest.mark.parametrize(
    "to",
    [
        '"boss@corp.com" <attacker@evil.com>',
        "Jane <jane@acme.example>, Sam <sam@acme.example>",
        "Jane <jane@acme.example>\nBcc: spy@evil.example",
    ],
)
def test_a_pasted_address_is_still_exactly_one_mailbox(world: World, to: str) -> None:
    result = world.run(*send_argv(to=to, name=None, confirm="--dry-run"))
    assert result.returncode == 2, result.stderr
    assert "--to" in result.stderr and result.stdout == ""


# --- edit, then decide ---------------------------------------------------------------


def test_dry_run_edit_opens_the_editor_and_previews(world: World, tmp_path: Path) -> None:
    editor = writing_editor(tmp_path, "Subject: Thanks\n\nDear Jane,\n\nThank you. Any pointers?\n")
    result = world.run(*send_argv("--edit", confirm="--dry-run"), extra_env=editor)
    assert result.returncode == 0, result.stderr
    assert "Subject: Thanks" in result.stdout
    assert "Thank you. Any pointers?" in result.stdout
    assert "Dry run: nothing was sent or recorded." in result.stdout
    assert not world.db_path.exists()


def test_the_prompt_offers_send_edit_cancel_and_keeps_the_edit(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, tmp_path: Path
) -> None:
    configure(world, smtp_server, tls_material)
    editor = writing_editor(tmp_path, "Subject: Quick question\n\nPlease reply ASAP.\n")
    code, output = in_terminal(
        world, *send_argv(confirm="--force"), answers=["e", "y"], extra_env=editor
    )
    assert code == 0, output
    assert "[y]es, send / [e]dit / [n]o, cancel" in output
    after_edit = output.split("[e]dit", 1)[1]
    assert "“ASAP”" in after_edit and "Consider --edit." not in after_edit
    [received] = smtp_server.messages
    assert received.message["Subject"] == "Quick question"
    assert received.message.get_content().strip() == "Please reply ASAP."

    code, output = in_terminal(world, *send_argv(confirm="--force"), answers=["n"])
    assert code == 0 and "Not sent." in output
    assert len(smtp_server.messages) == 1


def test_consider_edit_is_not_printed_after_an_edit(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, tmp_path: Path
) -> None:
    configure(world, smtp_server, tls_material)
    editor = writing_editor(tmp_path, "Subject: Hi\n\nPlease reply ASAP.\n")
    result = world.run(*send_argv("--edit"), extra_env=editor)
    assert result.returncode == 0, result.stderr
    assert "ASAP" in result.stderr and "Consider --edit." not in result.stderr


# --- the duplicate guard ---------------------------------------------------------------


def test_a_second_request_to_the_same_address_is_refused_before_the_preview(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    assert world.run(*send_argv(company="Acme Corp")).returncode == 0
    again = world.run(*send_argv(company="Acme Corporation"))
    assert again.returncode == 7, again.stderr
    assert "Request 1" in again.stderr and "--force" in again.stderr
    assert again.stdout == ""  # refused before the whole preview
    assert len(smtp_server.messages) == 1


# --- when something goes wrong ----------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_failed_send_names_the_request_and_the_next_step(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    good = world.config_path.read_text()
    world.write_config(good.replace(f"port = {smtp_server.port}", f"port = {_closed_port()}"))
    failed = world.run(*send_argv())
    assert failed.returncode == 6
    assert "Request 1 was not sent" in failed.stderr
    assert "`feedback-mailer send --resume 1`" in failed.stderr
    # The same send again does not make a second request: it points to --resume.
    again = world.run(*send_argv())
    assert again.returncode == 7, again.stderr
    assert "send --resume 1" in again.stderr and again.stdout == ""
    assert [r["id"] for r in world.run_json("list", "--all", "--json")] == [1]
    world.write_config(good)
    resumed = world.run("send", "--resume", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert len(smtp_server.messages) == 1


def test_an_unknown_recipient_closes_the_request_as_undeliverable(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    smtp_server.fail_next_rcpt(["550 5.1.1 <jane.doe@example.com>: user unknown"])
    result = world.run(*send_argv())
    assert result.returncode == 6
    assert "Request 1 cannot be delivered" in result.stderr and "closed" in result.stderr
    [request] = world.run_json("list", "--all", "--json")
    assert request["status"] == "closed"
    assert request["status_reason"].startswith("undeliverable")
    assert "user unknown" in request["status_reason"]
    assert request["follow_up"]["status"] == "cancelled"
    assert world.run_json("list", "--json") == []  # not waiting "on hold" for ever


def test_a_resumed_request_is_dated_when_it_really_goes_out(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    first_try = soon()
    smtp_server.fail_next_data(["550 5.7.1 Message rejected as spam"])
    failed = world.run(*send_argv(), faketime=at(first_try))
    assert failed.returncode == 6, failed.stderr
    two_days_later = first_try + timedelta(days=2)
    resumed = world.run("send", "--resume", "1", faketime=at(two_days_later))
    assert resumed.returncode == 0, resumed.stderr
    [received] = smtp_server.messages
    sent_date = email.utils.parsedate_to_datetime(str(received.message["Date"]))
    assert abs(sent_date - two_days_later) < timedelta(minutes=5)
    # The stored bytes are the bytes sent.
    shown = world.run_json("show", "1", "--json")
    assert shown["messages"][0]["raw"].replace("\r\n", "\n") == received.raw.decode().replace(
        "\r\n", "\n"
    )
    stored = message_from_bytes(received.raw, policy=policy.SMTP)
    assert stored["Message-ID"] == shown["message_id"]
