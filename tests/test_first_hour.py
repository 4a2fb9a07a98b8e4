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
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.certs import TlsMaterial
from support.dovecot import Dovecot
from support.scenarios import ALL_WEEK, LONDON, SEND, at, configure, send_argv, soon
from support.smtp_server import SmtpServer
from support.world import COMMAND, World, config_text

from feedback_mailer.base import typed_time
from feedback_mailer.mail import compose


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
        # As Exchange shows a name: the message greets "Jane Doe", not "Doe, Jane".
        ('"Doe, Jane" <jane.doe@acme.example>', "Jane Doe"),
        ("<jane.doe@acme.example>", None),
    ],
)
def test_a_pasted_address_gives_the_address_and_the_name(
    world: World, to: str, name: str | None
) -> None:
    result = world.run(*send_argv(to=to, name=None, confirm="--dry-run"))
    assert result.returncode == 0, result.stderr
    expected = f"{name} <jane.doe@acme.example>" if name else "jane.doe@acme.example"
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


def test_paragraphs_are_wrapped_as_format_flowed(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    long_highlight = "the way " + "the team explained the architecture of the system " * 5
    result = world.run(*send_argv("--role", "Program Manager", "--highlight", long_highlight))
    assert result.returncode == 0, result.stderr
    [received] = smtp_server.messages
    part = received.message.get_body(preferencelist=("plain",))
    assert part is not None and part.get_param("format") == "flowed"
    lines = received.raw.split(b"\r\n\r\n", 1)[1].split(b"\r\n")
    assert max(len(line) for line in lines) <= 78
    # A client that knows format=flowed shows each paragraph as one line again.
    paragraphs = compose.plain_text(received.message).split("\n")
    assert any(line.startswith("I especially appreciated the way the team") for line in paragraphs)
    assert any(len(line) > 200 for line in paragraphs)
    # The preview shows the lines as they are sent.
    preview = result.stdout.split("\n\n", 1)[1].split("\nFollow-up:", 1)[0]
    assert max(len(line) for line in preview.split("\n")) <= 78


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


# --- dates as people say them ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yesterday", date(2026, 11, 30)),
        ("today", date(2026, 12, 1)),
        ("last tuesday", date(2026, 11, 24)),
        ("Tuesday", date(2026, 12, 1)),
        ("friday", date(2026, 11, 27)),
        ("3 days ago", date(2026, 11, 28)),
        ("a week ago", date(2026, 11, 24)),
        ("2 weeks ago", date(2026, 11, 17)),
        ("18 Nov", date(2026, 11, 18)),
        ("18 Dec", date(2025, 12, 18)),
        ("2026-11-18", date(2026, 11, 18)),
    ],
)
def test_interview_dates_as_people_say_them(typed: str, expected: date) -> None:
    now = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # a Tuesday
    assert typed_time.parse_past_day(typed, now, ZoneInfo("Europe/London")) == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("next friday", "in the future"),
        ("tomorrow", "in the future"),
        ("2026-02-30", "does not exist"),
        ("blursday", "not a day I can read"),
    ],
)
def test_a_bad_interview_date_gives_past_examples(world: World, typed: str, problem: str) -> None:
    result = dry(world, "--interview-date", typed)
    assert result.returncode == 2
    assert problem in result.stderr and typed in result.stderr
    assert "yesterday" in result.stderr and "last tuesday" in result.stderr
    assert "tomorrow 9:30" not in result.stderr


def test_yesterday_is_an_interview_date(world: World) -> None:
    result = dry(world, "--interview-date", "yesterday")
    assert result.returncode == 0, result.stderr


# --- typos ---------------------------------------------------------------------------------


def test_a_mistyped_command_gets_a_suggestion(world: World) -> None:
    result = world.run("sned", "--to", "jane@example.com")
    assert result.returncode == 2
    assert "No such command 'sned'. Did you mean 'send'?" in result.stderr


@pytest.mark.parametrize(
    ("typed", "greeting"), [("Warm", "Hi Jane,"), ("FORMAL", "Dear Jane Doe,")]
)
def test_a_template_name_in_another_case_works(world: World, typed: str, greeting: str) -> None:
    result = dry(world, "--template", typed)
    assert result.returncode == 0, result.stderr
    assert body_of(result.stdout).startswith(greeting + "\n")


def test_a_mistyped_template_is_suggested_and_follow_ups_are_not_offered(world: World) -> None:
    result = dry(world, "--template", "wram")
    assert result.returncode == 2
    assert "did you mean 'warm'?" in result.stderr
    assert "follow_up" not in result.stderr and "formal" in result.stderr
    follow_up = dry(world, "--template", "follow_up")
    assert follow_up.returncode == 2 and "follow-up template" in follow_up.stderr
    assert "choose a request template (formal, rejection_reply, warm" in follow_up.stderr


# --- set-up: init checks each answer as it is typed -----------------------------------------


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_init_asks_again_for_a_wrong_address_and_zone(world: World) -> None:
    result = world.run(
        "init",
        input=answers(
            "Alex Candidate",
            "alex@jobseeker",  # no real domain: asked again
            "alex@example.com",
            "Berlin",  # not an IANA name: Europe/Berlin is offered
            "",  # accept the offer
            "gmail",
            *[""] * 20,  # the preset's servers, ports, security, user names, sign-in
        ),
    )
    assert result.returncode == 0, result.stderr
    assert "alex@jobseeker" in result.stderr and "period" in result.stderr
    assert "did you mean Europe/Berlin?" in result.stderr
    assert "[Europe/Berlin]" in result.stdout
    text = world.config_path.read_text()
    assert 'timezone = "Europe/Berlin"' in text and 'email = "alex@example.com"' in text


def test_init_for_a_script_names_the_zone_it_meant(world: World) -> None:
    result = world.run(
        "init", "--non-interactive", "--name", "Alex", "--email", "alex@example.com",
        "--timezone", "Berlin", "--provider", "gmail",
    )  # fmt: skip
    assert result.returncode == 2
    assert "did you mean Europe/Berlin?" in result.stderr
    assert not world.config_path.exists()


def test_init_for_a_custom_server_asks_for_a_ca_file_and_the_sent_folder(
    world: World, tls_material: TlsMaterial
) -> None:
    result = world.run(
        "init",
        input=answers(
            "Alex Candidate", "alex@example.com", "Europe/London", "custom",
            "localhost", "2525", "starttls", "alex",
            "/nonexistent/ca.pem",  # refused: asked again
            str(tls_material.ca_pem),
            "",  # track replies: yes is the default, for every provider
            "localhost", "993", "tls", "alex", "", "Sent",
        ),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "CA file" in result.stdout and "Sent" in result.stdout
    assert "/nonexistent/ca.pem" in result.stderr
    assert "Track replies over IMAP" in result.stdout and "(yes/no) [yes]" in result.stdout
    text = world.config_path.read_text()
    assert f'cafile = "{tls_material.ca_pem}"' in text
    assert 'sent_folder = "Sent"' in text and "[imap]" in text


def test_init_again_offers_the_current_values_and_keeps_the_rest(
    world: World, tls_material: TlsMaterial
) -> None:
    world.write_config(
        '[sender]\nname = "Alex Candidate"\nemail = "alex@example.com"\n'
        'timezone = "Europe/Berlin"\n\n'
        '[smtp]\nhost = "mail.example.com"\nport = 2525\nsecurity = "starttls"\n'
        f'username = "alex"\ncafile = "{tls_material.ca_pem}"\n\n'
        '[follow_up]\nafter = "4 business days"\nwindow = "Mon-Thu 10:00-16:00"\n'
    )
    # Enter for each current value (name ... CA file), no reply tracking, then save.
    result = world.run("init", input=answers(*[""] * 9, "no", ""))
    assert result.returncode == 0, result.stderr
    assert "[Alex Candidate]" in result.stdout and "[mail.example.com]" in result.stdout
    text = world.config_path.read_text()
    assert f'cafile = "{tls_material.ca_pem}"' in text  # kept, though only asked for
    assert 'after = "4 business days"' in text and 'window = "Mon-Thu 10:00-16:00"' in text
    assert 'timezone = "Europe/Berlin"' in text and "port = 2525" in text


def test_reply_tracking_is_added_later_by_running_init_again(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)  # no [imap]
    check = world.run("check")
    assert check.returncode == 3
    assert "feedback-mailer init" in check.stderr and "config.example.toml" not in check.stderr


# --- keyring help fits the situation ------------------------------------------------------


NO_DESKTOP = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def _without_bus(world: World) -> World:
    env = {k: v for k, v in world.env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    return World(home=world.home, env=env)


def test_auth_set_without_a_keyring_gives_the_next_commands(world: World) -> None:
    result = _without_bus(world).run(
        "auth", "set", "smtp", "--stdin", input="pw\n", extra_env=NO_DESKTOP
    )
    assert result.returncode == 5
    assert "no D-Bus session bus" in result.stderr
    assert "pip install keyrings.alt" in result.stderr
    assert "export PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring" in result.stderr
    assert "schedule install" not in result.stderr  # not the problem when storing a password
    assert len(result.stderr.strip().splitlines()) == 1


def test_auth_set_says_so_before_the_password_is_typed(world: World) -> None:
    code, output = in_terminal(
        _without_bus(world), "auth", "set", "smtp", answers=[], extra_env=NO_DESKTOP
    )
    assert code == 5
    assert "No keyring is reachable" in output and "password:" not in output.lower()


@pytest.mark.parametrize("value", ["keyrings.alt.file.PlaintextKeyrin", "nonsense", ""])
def test_a_mistyped_keyring_backend_is_a_sentence(world: World, value: str) -> None:
    result = world.run(
        "auth", "set", "smtp", "--stdin", input="pw\n",
        extra_env={"PYTHON_KEYRING_BACKEND": value},
    )  # fmt: skip
    assert result.returncode == 5
    assert f"PYTHON_KEYRING_BACKEND is {value!r}" in result.stderr
    assert "keyrings.alt.file.PlaintextKeyring" in result.stderr
    assert "The keyring failed" not in result.stderr


def test_doctor_says_a_keyring_problem_once(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, tmp_path: Path
) -> None:
    world.write_config(
        config_text(smtp=smtp_server, ca_pem=tls_material.ca_pem).replace(
            "[smtp]", '[imap]\nhost = "localhost"\nport = 993\n\n[smtp]'
        )
    )
    result = _without_bus(world).run("doctor", extra_env=NO_DESKTOP)
    assert result.returncode == 1
    assert result.stderr.count("No keyring is reachable") == 1, result.stderr
    assert "FAIL  smtp: login not tried" in result.stderr
    assert "FAIL  imap: login not tried" in result.stderr
    assert smtp_server.connections == 0


def test_doctor_says_a_missing_password_once(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    world.write_config(config_text(smtp=smtp_server, ca_pem=tls_material.ca_pem))
    result = world.run("doctor")
    assert result.returncode == 1
    assert result.stderr.count("auth set smtp") == 1, result.stderr
    assert "FAIL  smtp: login not tried" in result.stderr


def test_doctor_names_a_sender_address_without_a_real_domain(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    world.write_config(world.config_path.read_text().replace("alex@example.com", "alex@jobseeker"))
    result = world.run("doctor")
    assert result.returncode == 1
    assert "FAIL  sender:" in result.stderr and "alex@jobseeker" in result.stderr


# --- words a person uses -------------------------------------------------------------------


def _next_monday(hour: int = 10) -> datetime:
    day = datetime.now(UTC).astimezone(LONDON).date() + timedelta(days=1)
    while day.weekday() != 0:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=LONDON)


def test_list_and_show_speak_plainly_about_an_out_of_office(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, mailbox: Dovecot
) -> None:
    configure(world, smtp_server, tls_material, mailbox=mailbox)
    monday = _next_monday()
    assert world.run("check").returncode == 0  # the first scan in real time, as a scheduler's
    sent = world.run_json(*send_argv("--json"), faketime=at(monday))
    # The same moment reads the same a minute later: days are counted on the calendar.
    first = world.run("list", faketime=at(monday + timedelta(seconds=10))).stdout
    later = world.run("list", faketime=at(monday + timedelta(minutes=1))).stdout
    assert "due in 7 days" in first and "due in 7 days" in later, (first, later)

    back = (monday + timedelta(days=10)).date()
    mailbox.append(
        "INBOX",
        (
            "From: Jane Doe <jane.doe@example.com>\r\nTo: alex@example.com\r\n"
            "Subject: Automatic reply: Feedback\r\nAuto-Submitted: auto-replied\r\n"
            f"Date: {email.utils.format_datetime((monday + timedelta(minutes=5)).astimezone(UTC))}"
            f"\r\nIn-Reply-To: {sent['message_id']}\r\n\r\n"
            f"I am out of the office until {back.day} {back:%B %Y}.\r\n"
        ).encode(),
    )
    noon = monday + timedelta(hours=2)
    assert world.run("check", faketime=at(noon)).returncode == 0
    listed = world.run("list", faketime=at(noon)).stdout
    assert f"(moved: out of office until {back.day} {back:%b})" in listed, listed
    shown = world.run("show", "1", faketime=at(noon)).stdout
    history = shown.split("History:", 1)[1].split("---", 1)[0]
    assert "automatic reply from jane.doe@example.com" in history
    assert "follow-up moved to " in history
    assert "sent" in history and "recorded, sending to jane.doe@example.com" in history
    for raw in ("→", "auto_reply", "bounce_hard", "{'", "T08:00:00Z", ":00Z"):
        assert raw not in history, (raw, history)
    replies = shown.split("Replies found:", 1)[1].split("History:", 1)[0]
    assert "automatic reply" in replies
    assert f"(back {back:%a} {back.day} {back:%b}" in replies and "(back 20" not in replies


def test_run_says_what_it_did_for_each_request(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material, follow_up=ALL_WEEK)
    start = soon()
    assert (
        world.run(
            *send_argv("--name", "Sam Lee", to="sam@globex.example", company="Globex", name=None),
            faketime=at(start),
        ).returncode
        == 0
    )
    idle = world.run("run", faketime=at(start + timedelta(minutes=1)))
    assert idle.stdout.strip() == "run: nothing to do (no new replies, no follow-up due)."
    sent = world.run("run", faketime=at(start + timedelta(days=1, minutes=1)))
    assert "Globex: follow-up sent to Sam Lee" in sent.stdout
    assert "run: 1 follow-up sent." in sent.stdout
    closed = world.run("run", faketime=at(start + timedelta(days=16)))
    assert "Globex: closed, no response after 14 days" in closed.stdout, closed.stdout
    assert world.run("run", "--quiet", faketime=at(start + timedelta(days=17))).stdout == ""


def test_a_due_follow_up_waiting_for_the_recipients_hours_says_when_it_goes(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    window: dict[str, str | bool] = {
        "window": "Mon-Fri 09:00-17:00",
        "after": "1 day",
        "min_after": "1 day",
        "send_without_tracking": True,
    }
    configure(world, smtp_server, tls_material, follow_up=window)
    day = datetime.now(LONDON).date() + timedelta(days=1)
    while day.weekday() != 0:
        day += timedelta(days=1)
    monday = datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)
    assert world.run(*SEND, faketime=at(monday)).returncode == 0
    tuesday_evening = monday + timedelta(days=1, hours=8)  # due at 10:00, now 18:00
    listed = world.run("list", faketime=at(tuesday_evening))
    assert listed.returncode == 0, listed.stderr
    assert "ago" not in listed.stdout
    assert "Wed" in listed.stdout and "09:00" in listed.stdout, listed.stdout
