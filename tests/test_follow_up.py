"""The one gentle follow-up, end to end: the installed command under Debian's
faketime, a real aiosmtpd and a real Dovecot. Each etiquette guarantee of the
spec (1-6) has a test named after it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, make_msgid
from zoneinfo import ZoneInfo

from support.certs import TlsMaterial
from support.dovecot import Dovecot
from support.scenarios import LONDON, at, configure, send_argv
from support.smtp_server import SmtpServer
from support.world import COMMAND, World, faketime_env


def next_monday(hour: int = 10) -> datetime:
    """A Monday in the near future at `hour` London time (certificates are valid then)."""
    day = datetime.now(UTC).astimezone(LONDON).date() + timedelta(days=1)
    while day.weekday() != 0:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=LONDON)


def business_days_later(start: datetime, n: int) -> datetime:
    moment = start
    while n:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            n -= 1
    return moment


def setup_world(
    world: World,
    smtp: SmtpServer,
    tls: TlsMaterial,
    mailbox: Dovecot | None = None,
    follow_up: dict[str, str | bool] | None = None,
) -> World:
    if mailbox is None:
        # Without reply tracking `run` only reminds; these tests are about what it
        # sends, so they opt in as a user without IMAP can.
        follow_up = {**(follow_up or {}), "send_without_tracking": True}
    configure(world, smtp, tls, mailbox=mailbox, follow_up=follow_up)
    if mailbox is not None:
        # A first scan now, in real time, as the scheduler's first run would do: later
        # scans are then incremental by UID. (A first scan under a faked future clock
        # would look only at mail the server received after that future date.)
        first = world.run("check")
        assert first.returncode == 0, first.stderr
    return world


def send(world: World, when: datetime, to: str, company: str, *extra: str) -> dict[str, object]:
    return world.run_json(  # type: ignore[no-any-return]
        *send_argv("--json", *extra, to=to, company=company), faketime=at(when)
    )


def run(world: World, when: datetime, *extra: str) -> subprocess.CompletedProcess[str]:
    result = world.run("run", *extra, faketime=at(when))
    assert "Traceback" not in result.stderr
    return result


def follow_ups(server: SmtpServer) -> list[object]:
    return [m for m in server.messages if m.message["In-Reply-To"]]


def reply_to(message_id: str, when: datetime, sender: str = "jane.doe@acme.example") -> bytes:
    return (
        f"From: Jane Doe <{sender}>\r\nTo: alex@example.com\r\nSubject: Re: feedback\r\n"
        f"Date: {format_datetime(when.astimezone(UTC))}\r\n"
        f"Message-ID: {make_msgid(domain='acme.example')}\r\nIn-Reply-To: {message_id}\r\n"
        "\r\nHi Alex, happy to help.\r\n"
    ).encode()


def show(world: World, request_id: object) -> dict[str, object]:
    return world.run_json("show", str(request_id), "--json")  # type: ignore[no-any-return]


# --- the scenario --------------------------------------------------------


def test_one_follow_up_in_thread_then_let_go(
    world: World,
    smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    mailbox: Dovecot,
) -> None:
    setup_world(world, smtp_server, tls_material, mailbox)
    monday = next_monday()
    quiet = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    answered = send(world, monday + timedelta(minutes=1), "hank@globex.example", "Globex")
    mailbox.append(
        "INBOX",
        reply_to(
            str(answered["message_id"]), monday + timedelta(days=2), sender="hank@globex.example"
        ),
    )

    later = business_days_later(monday, 7)
    first = run(world, later)
    assert first.returncode == 0, first.stderr
    [follow_up] = follow_ups(smtp_server)
    original = smtp_server.messages[0].message
    assert follow_up.message["In-Reply-To"] == quiet["message_id"]
    assert str(quiet["message_id"]) in follow_up.message["References"]
    assert follow_up.message["Subject"] == "Re: " + original["Subject"]
    assert follow_up.rcpt_tos == ["jane.doe@acme.example"]
    assert "follow up once" in follow_up.message.get_content()
    assert show(world, answered["id"])["status"] == "answered"

    second = run(world, later + timedelta(minutes=15))
    assert second.returncode == 0 and len(follow_ups(smtp_server)) == 1

    closing = run(world, later + timedelta(days=15))
    assert closing.returncode == 0, closing.stderr
    closed = show(world, quiet["id"])
    assert closed["status"] == "closed" and closed["status_reason"] == "no response"
    assert len(follow_ups(smtp_server)) == 1
    assert world.run_json("list", "--json") == []


# --- guarantees ----------------------------------------------------------------------


def test_guarantee_1_at_most_one_follow_up_ever(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    due = business_days_later(monday, 5)
    for minutes in (0, 15, 30):
        assert run(world, due + timedelta(minutes=minutes)).returncode == 0
    assert len(follow_ups(smtp_server)) == 1
    again = world.run("followup", str(request["id"]), "--in", "3 days", faketime=at(due))
    assert again.returncode == 7 and "only ever one" in again.stderr
    assert len(follow_ups(smtp_server)) == 1


def test_guarantee_3_nothing_before_the_due_time(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    due = datetime.fromisoformat(str(show(world, request["id"])["follow_up"]["due_at"]))  # type: ignore[index]
    assert due == business_days_later(monday, 5)
    before = run(world, due - timedelta(minutes=2))
    assert before.returncode == 0 and follow_ups(smtp_server) == []
    assert run(world, due + timedelta(seconds=30)).returncode == 0
    assert len(follow_ups(smtp_server)) == 1


def test_guarantee_3_minimum_wait_is_enforced(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    early = world.run("followup", str(request["id"]), "--in", "1 business day", faketime=at(monday))
    assert early.returncode == 7 and "minimum wait of 3 business days" in early.stderr
    too_soon = world.run(
        *send_argv(
            "--follow-up", "tomorrow 10:00", to="bob@initech.example", company="Initech", name=None
        ),
        faketime=at(monday),
    )
    assert too_soon.returncode == 7 and "minimum wait" in too_soon.stderr
    ok = world.run("followup", str(request["id"]), "--in", "3 business days", faketime=at(monday))
    assert ok.returncode == 0, ok.stderr
    assert len(smtp_server.messages) == 1  # the refused send sent nothing


def test_guarantee_2_reply_one_minute_before_due_prevents_follow_up(
    world: World,
    smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    mailbox: Dovecot,
) -> None:
    setup_world(world, smtp_server, tls_material, mailbox)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    due = business_days_later(monday, 5)
    mailbox.append("INBOX", reply_to(str(request["message_id"]), due - timedelta(minutes=1)))
    result = run(world, due)
    assert result.returncode == 0, result.stderr
    assert follow_ups(smtp_server) == []
    shown = show(world, request["id"])
    assert shown["status"] == "answered"
    assert shown["follow_up"]["status"] == "cancelled"  # type: ignore[index]


def test_guarantee_2_manual_answer_prevents_follow_up(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    assert world.run("mark", str(request["id"]), "--answered", faketime=at(monday)).returncode == 0
    assert run(world, business_days_later(monday, 6)).returncode == 0
    assert follow_ups(smtp_server) == []
    refused = world.run("followup", str(request["id"]), "--in", "5 business days")
    assert refused.returncode == 7 and "answered" in refused.stderr


def test_guarantee_2_hard_bounce_prevents_follow_up(
    world: World,
    smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    mailbox: Dovecot,
) -> None:
    setup_world(world, smtp_server, tls_material, mailbox)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    bounce = (
        "From: MAILER-DAEMON@mx.acme.example\r\nTo: alex@example.com\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Date: {format_datetime((monday + timedelta(hours=1)).astimezone(UTC))}\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
        "Final-Recipient: rfc822; jane.doe@acme.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
        "--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {request['message_id']}\r\n--b--\r\n"
    ).encode()
    mailbox.append("INBOX", bounce)
    assert run(world, business_days_later(monday, 6)).returncode == 0
    assert follow_ups(smtp_server) == []
    assert show(world, request["id"])["status"] == "bounced"


def test_guarantee_4_saturday_goes_out_monday_9am_recipient_time(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    saturday = monday + timedelta(days=12)
    request = send(
        world,
        monday,
        "jane.doe@acme.example",
        "Acme Corp",
        "--tz",
        "America/New_York",
        "--follow-up",
        saturday.strftime("%Y-%m-%d 11:00"),
    )
    due = datetime.fromisoformat(str(show(world, request["id"])["follow_up"]["due_at"]))  # type: ignore[index]
    expected = datetime.combine(
        saturday.date() + timedelta(days=2), datetime.min.time(), ZoneInfo("America/New_York")
    ).replace(hour=9)
    assert due == expected
    assert run(world, saturday.replace(hour=11)).returncode == 0
    assert run(world, expected - timedelta(minutes=1)).returncode == 0
    assert follow_ups(smtp_server) == []
    assert run(world, expected).returncode == 0
    assert len(follow_ups(smtp_server)) == 1
    listed = world.run("list", "--all", faketime=at(monday)).stdout
    assert "recipient time" in listed or "sent" in listed


def test_guarantee_4_a_late_run_waits_for_the_window(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    send(world, monday, "jane.doe@acme.example", "Acme Corp")
    due = business_days_later(monday, 5)
    # The computer slept through the due time and wakes up in the evening (outside the
    # window; a week late would be too late to send at all: guarantee 6).
    evening = due + timedelta(hours=10)
    assert (evening.weekday(), evening.hour) == (0, 20)
    assert run(world, evening).returncode == 0
    assert follow_ups(smtp_server) == []
    next_morning = evening + timedelta(hours=14)
    assert (next_morning.weekday(), next_morning.hour) == (1, 10)
    assert run(world, next_morning).returncode == 0
    assert len(follow_ups(smtp_server)) == 1


def test_guarantee_6_a_follow_up_weeks_late_is_missed_not_sent(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    due = business_days_later(monday, 5)
    # The computer was off for four weeks: a dry run says so, and the real run too.
    weeks_later = due + timedelta(days=28)
    dry = run(world, weeks_later, "--dry-run")
    assert "missed" in dry.stdout and "would send" not in dry.stdout
    late = run(world, weeks_later)
    assert late.returncode == 0, late.stderr
    assert follow_ups(smtp_server) == []
    assert "never sent late" in late.stdout
    assert f"followup {request['id']} --at" in late.stdout
    assert run(world, weeks_later + timedelta(hours=1)).returncode == 0
    assert follow_ups(smtp_server) == []
    listed = world.run("list", faketime=at(weeks_later)).stdout
    assert "missed" in listed
    # A new time, chosen by the person, is honoured.
    new_time = weeks_later + timedelta(days=1)
    moved = world.run(
        "followup",
        str(request["id"]),
        "--at",
        new_time.strftime("%Y-%m-%d %H:%M"),
        faketime=at(weeks_later),
    )
    assert moved.returncode == 0, moved.stderr
    assert run(world, new_time + timedelta(minutes=5)).returncode == 0
    assert len(follow_ups(smtp_server)) == 1


def test_guarantee_5_out_of_office_return_date_is_respected(
    world: World,
    smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    mailbox: Dovecot,
) -> None:
    setup_world(world, smtp_server, tls_material, mailbox)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    back = (monday + timedelta(days=10)).date()
    ooo = (
        "From: Jane Doe <jane.doe@acme.example>\r\nTo: alex@example.com\r\n"
        "Subject: Automatic reply: Feedback\r\nAuto-Submitted: auto-replied\r\n"
        f"Date: {format_datetime((monday + timedelta(minutes=5)).astimezone(UTC))}\r\n"
        f"In-Reply-To: {request['message_id']}\r\n\r\n"
        f"I am out of the office until {back.day} {back:%B %Y}.\r\n"
    ).encode()
    mailbox.append("INBOX", ooo)
    assert run(world, business_days_later(monday, 5)).returncode == 0
    assert follow_ups(smtp_server) == []
    shown = show(world, request["id"])
    assert shown["status"] == "awaiting"
    due = datetime.fromisoformat(str(shown["follow_up"]["due_at"]))  # type: ignore[index]
    back_monday = datetime.combine(back, datetime.min.time(), LONDON)
    assert due == business_days_later(back_monday, 2).replace(hour=9)
    assert run(world, due).returncode == 0
    assert len(follow_ups(smtp_server)) == 1


def test_guarantee_6_gives_up_after_the_follow_up(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    due = business_days_later(monday, 5)
    assert run(world, due).returncode == 0
    assert run(world, due + timedelta(days=13)).returncode == 0
    assert show(world, request["id"])["status"] == "awaiting"
    assert run(world, due + timedelta(days=14, minutes=1)).returncode == 0
    shown = show(world, request["id"])
    assert shown["status"] == "closed" and shown["status_reason"] == "no response"


def test_guarantee_6_without_follow_up_counts_from_the_request(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp", "--no-follow-up")
    assert run(world, monday + timedelta(days=13)).returncode == 0
    assert show(world, request["id"])["status"] == "awaiting"
    assert run(world, monday + timedelta(days=14, minutes=1)).returncode == 0
    assert show(world, request["id"])["status"] == "closed"
    assert follow_ups(smtp_server) == []


# --- concurrency and crashes ---------------------------------------------------------


def test_eight_concurrent_runs_send_twenty_follow_ups_exactly_once(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(
        world,
        smtp_server,
        tls_material,
        follow_up={"window": "Mon-Sun 00:00-24:00", "min_after": "1 day", "after": "1 day"},
    )
    start = next_monday()
    for n in range(20):
        send(world, start, f"person{n}@company{n}.example", f"Company {n}")
    due = start + timedelta(days=1, minutes=1)
    env = {**world.env, **faketime_env(at(due))}
    argv = [str(COMMAND), "run"]
    processes = [
        subprocess.Popen(
            argv,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        for _ in range(8)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err
    sent = follow_ups(smtp_server)
    assert len(sent) == 20
    assert len({m.message["Message-ID"] for m in sent}) == 20
    assert sorted(m.rcpt_tos[0] for m in sent) == sorted(
        f"person{n}@company{n}.example" for n in range(20)
    )
    listed = world.run_json("list", "--json")
    assert {r["follow_up"]["status"] for r in listed} == {"sent"}


def test_run_killed_after_claiming_never_sends_twice(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    request = send(world, monday, "jane.doe@acme.example", "Acme Corp")
    due = business_days_later(monday, 5)
    smtp_server.delay_data(30)  # the server holds its answer to DATA
    # Its own process group, so any child dies with it.
    process = subprocess.Popen(
        [str(COMMAND), "run"],
        env={**world.env, **faketime_env(at(due))},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    smtp_server.wait_for_messages(2, timeout=30)  # the follow-up reached the server
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    smtp_server.delay_data(0)
    with sqlite3.connect(world.db_path) as db:
        [(status,)] = db.execute("SELECT status FROM follow_ups").fetchall()
    assert status == "sending"
    for minutes in (1, 30, 24 * 60):
        assert run(world, due + timedelta(minutes=minutes)).returncode == 0
    assert len(follow_ups(smtp_server)) == 1
    shown = show(world, request["id"])
    assert shown["follow_up"]["status"] == "sending"  # type: ignore[index]
    assert "stopped before recording" in str(shown["follow_up"]["reason"])  # type: ignore[index]
    listed = world.run("list", faketime=at(due + timedelta(days=1))).stdout
    assert "outcome unknown" in listed
    time.sleep(0)  # nothing else to wait for


# --- scheduling --------------------------------------------------------------------


def test_schedule_install_writes_units_systemd_accepts(world: World, tmp_path: object) -> None:
    fake_bin = world.home / "bin"
    fake_bin.mkdir()
    log = world.home / "systemctl.log"
    systemctl = fake_bin / "systemctl"
    systemctl.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexit 0\n')
    systemctl.chmod(0o755)
    env = {"PATH": f"{fake_bin}:{os.environ['PATH']}"}
    first = world.run("schedule", "install", extra_env=env)
    assert first.returncode == 0, first.stderr
    units = world.home / ".config" / "systemd" / "user"
    service, timer = units / "feedback-mailer.service", units / "feedback-mailer.timer"
    assert "Persistent=true" in timer.read_text()
    assert "run --quiet" in service.read_text()
    assert "--user enable --now feedback-mailer.timer" in log.read_text()
    verify = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(service), str(timer)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert verify.returncode == 0, verify.stderr
    again = world.run("schedule", "install", extra_env=env)
    assert again.returncode == 0
    assert "crontab" in world.run("schedule", "show").stdout
    removed = world.run("schedule", "remove", extra_env=env)
    assert removed.returncode == 0, removed.stderr
    assert not service.exists() and not timer.exists()


def test_run_without_keyring_points_to_schedule_install(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    send(world, monday, "jane.doe@acme.example", "Acme Corp")
    env = {k: v for k, v in world.env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(faketime_env(at(business_days_later(monday, 5))))
    result = subprocess.run(
        [str(COMMAND), "run"],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 5
    assert "schedule install" in result.stderr and "Traceback" not in result.stderr
    assert follow_ups(smtp_server) == []
    listed = json.loads(world.run("list", "--json").stdout)
    assert listed[0]["follow_up"]["status"] == "scheduled"


def test_run_dry_run_changes_nothing(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    setup_world(world, smtp_server, tls_material)
    monday = next_monday()
    send(world, monday, "jane.doe@acme.example", "Acme Corp")
    result = run(world, business_days_later(monday, 5), "--dry-run")
    assert result.returncode == 0
    assert "would send the follow-up for request 1" in result.stdout
    assert follow_ups(smtp_server) == []
    assert world.run_json("list", "--json")[0]["follow_up"]["status"] == "scheduled"
    nothing = run(world, monday + timedelta(hours=1), "--quiet")
    assert nothing.returncode == 0 and nothing.stdout == ""
