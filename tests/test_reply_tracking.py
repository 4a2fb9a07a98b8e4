"""Reply tracking that holds out in the world: hostile and broken messages never stop a
scan, a kill mid-scan never loses an answer's effect, ambiguous mail holds the
follow-up, and nothing from a stranger reaches the terminal. The installed command
against a real Dovecot and aiosmtpd."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from support import hostile_mail
from support.broken_servers import BrokenSmtpServer
from support.certs import TlsMaterial
from support.dovecot import Dovecot
from support.scenarios import ALL_WEEK, at, configure, send_argv, soon
from support.smtp_server import SmtpServer
from support.world import COMMAND, World, config_text, faketime_env

from feedback_mailer.lifecycle.delivery import record_request
from feedback_mailer.lifecycle.outcomes import change_status
from feedback_mailer.store import NewRequest, open_store
from feedback_mailer.store.states import Status

# Characters that must never reach a terminal raw (README, Guarantees).
UNSAFE = ("\x1b", "\x07", "\x08", "\x9b", "\u202e", "\u200b")


@pytest.fixture
def tracked(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, mailbox: Dovecot
) -> World:
    configure(world, smtp_server, tls_material, mailbox=mailbox, follow_up=ALL_WEEK)
    first = world.run("check")  # the first scan, in real time, as a scheduler's would be
    assert first.returncode == 0, first.stderr
    return world


def send(world: World, to: str, company: str, name: str = "Jane Doe", **kw: str) -> dict[str, str]:
    return world.run_json(*send_argv("--json", to=to, company=company, name=name), **kw)  # type: ignore[no-any-return]


def reply(
    in_reply_to: str | None,
    sender: str,
    *,
    subject: str = "Re: Feedback on my interview",
    body: str = "Hi Alex, happy to share a few thoughts.",
    when: datetime | None = None,
    headers: str = "",
) -> bytes:
    thread = f"In-Reply-To: {in_reply_to}\r\nReferences: {in_reply_to}\r\n" if in_reply_to else ""
    return (
        f"From: {sender}\r\nTo: alex@example.com\r\nSubject: {subject}\r\n"
        f"Date: {format_datetime(when or datetime.now(UTC))}\r\n"
        f"Message-ID: {make_msgid(domain='mail.example')}\r\n{thread}{headers}"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def listed(world: World) -> dict[str, dict[str, object]]:
    return {item["company"]: item for item in world.run_json("list", "--all", "--json")}


# --- one message never stops a scan (issue 11 item 1) -----------------------------------


def test_a_message_that_cannot_be_stored_as_is_never_stops_the_scan(
    tracked: World, mailbox: Dovecot
) -> None:
    acme = send(tracked, "jane.doe@acme.example", "Acme Corp")
    globex = send(tracked, "hank@globex.example", "Globex", name="Hank Scorpio")
    date = format_datetime(datetime.now(UTC)).encode()
    # RFC 6532: a raw UTF-8 Subject, and a Latin-1 byte in the Message-ID.
    raw = (
        b"From: Jane Doe <jane.doe@acme.example>\r\nTo: alex@example.com\r\n"
        b"Subject: Re: R\xc3\xbcckmeldung \xe2\x80\x94 danke\r\n"
        b"Date: " + date + b"\r\nMessage-ID: <caf\xe9-1@acme.example>\r\n"
        b"In-Reply-To: " + acme["message_id"].encode() + b"\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nGerne, hier mein Eindruck.\r\n"
    )
    mailbox.append("INBOX", raw)
    mailbox.append("INBOX", reply(globex["message_id"], "Hank Scorpio <hank@globex.example>"))
    checked = tracked.run("check")
    assert checked.returncode == 0, checked.stderr
    assert "internal error" not in checked.stderr
    requests = listed(tracked)
    assert requests["Acme Corp"]["status"] == "answered"
    assert requests["Globex"]["status"] == "answered"  # the answer behind it counts too
    again = tracked.run("check")
    assert again.returncode == 0 and again.stdout.startswith("No changes"), again.stdout


def test_a_hostile_message_is_skipped_and_the_next_answer_still_counts(
    tracked: World, mailbox: Dovecot
) -> None:
    acme = send(tracked, "jane.doe@acme.example", "Acme Corp")
    globex = send(tracked, "hank@globex.example", "Globex", name="Hank Scorpio")
    mailbox.append(
        "INBOX", hostile_mail.deep_multipart(acme["message_id"], "postmaster@acme.example")
    )
    mailbox.append(
        "INBOX", hostile_mail.html_anchor_flood(acme["message_id"], "jane.doe@acme.example")
    )
    mailbox.append("INBOX", reply(globex["message_id"], "Hank Scorpio <hank@globex.example>"))
    checked = tracked.run("check", timeout=120)
    assert checked.returncode == 0, checked.stderr
    requests = listed(tracked)
    assert requests["Globex"]["status"] == "answered"
    acme_follow_up = requests["Acme Corp"]["follow_up"]
    # Whatever the reader made of them, no follow-up may go out on its own now.
    assert requests["Acme Corp"]["status"] == "answered" or acme_follow_up["hold"], requests


# --- a kill mid-scan never loses an answer's effect (issue 11 item 3) -------------------

SEED = 20261201
KILL_TRIALS, REQUESTS_PER_TRIAL = 10, 4


def _record_requests(db: Path, trial: int, now: datetime) -> list[str]:
    """Requests already sent (recorded directly: this test is about `check`)."""
    ids = []
    with open_store(db) as store:
        for index in range(REQUESTS_PER_TRIAL):
            message_id = make_msgid(domain="example.com")
            request = record_request(
                store,
                NewRequest(
                    company=f"Org {trial}-{index}",
                    role=None,
                    contact_name=None,
                    contact_email=f"c{index}@org{trial}.example",
                    template="formal",
                    subject="Feedback on my interview",
                    message_id=message_id,
                    raw=b"Subject: x\r\n\r\nx\r\n",
                    recipient_tz="Europe/London",
                    interview_date=None,
                    follow_up_due=now + timedelta(days=1),
                ),
                now - timedelta(minutes=10),
            )
            change_status(
                store, request.id, Status.AWAITING, now, sent_at=now - timedelta(minutes=10)
            )
            ids.append(message_id)
    return ids


@pytest.mark.slow
def test_check_killed_at_random_moments_never_loses_an_answer(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, mailbox: Dovecot
) -> None:
    configure(world, smtp_server, tls_material, mailbox=mailbox, follow_up=ALL_WEEK)
    rng = random.Random(SEED)
    now = datetime.now(UTC).replace(microsecond=0)
    calibration = 0.0
    delays: list[float] = []
    violations = []
    for trial in range(KILL_TRIALS):
        db = world.home / f"trial-{trial}.sqlite3"
        env = {**world.env, "FEEDBACK_MAILER_DB": str(db)}
        for index, message_id in enumerate(_record_requests(db, trial, now)):
            mailbox.append("INBOX", reply(message_id, f"c{index}@org{trial}.example"))
        process = subprocess.Popen(
            [str(COMMAND), "check"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        started = time.monotonic()
        if trial == 0:  # undisturbed: how long a scan takes here
            _, stderr = process.communicate(timeout=60)
            assert process.returncode == 0, stderr
            calibration = time.monotonic() - started
            span = max(1.0, 1.25 * calibration)
            delays = [(i + rng.random()) * span / (KILL_TRIALS - 1) for i in range(KILL_TRIALS - 1)]
            rng.shuffle(delays)
        else:
            time.sleep(delays[trial - 1])
            with_signal = signal.SIGTERM if trial % 3 == 0 else signal.SIGKILL
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, with_signal)  # SIGTERM: what systemd sends on stop
            process.communicate(timeout=60)
        recovered = subprocess.run(
            [str(COMMAND), "check"], env=env, capture_output=True, text=True, timeout=60
        )
        assert recovered.returncode == 0, recovered.stderr
        ran = subprocess.run(
            [str(COMMAND), "run"],
            env={**env, **faketime_env(at(now + timedelta(days=1, hours=1)))},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ran.returncode == 0, ran.stderr
        with sqlite3.connect(db) as plain:
            statuses = [row[0] for row in plain.execute("SELECT status FROM requests")]
            follow_ups = [row[0] for row in plain.execute("SELECT status FROM follow_ups")]
            assert plain.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if statuses != ["answered"] * REQUESTS_PER_TRIAL or "sent" in follow_ups:
            violations.append((trial, statuses, follow_ups))
    followed_up = [m for m in smtp_server.messages if m.message["In-Reply-To"]]
    assert violations == [] and followed_up == [], (violations, len(followed_up))


# --- nothing from a stranger reaches the terminal (issue 11 item 5) ---------------------


def test_escape_sequences_in_mail_never_reach_the_terminal(
    tracked: World, mailbox: Dovecot
) -> None:
    acme = send(tracked, "jane.doe@acme.example", "Acme Corp")
    mailbox.append(
        "INBOX",
        hostile_mail.terminal_escapes(acme["message_id"], "jane.doe@acme.example"),
    )
    outputs = [tracked.run("check"), tracked.run("list", "--all"), tracked.run("show", "1")]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        for char in UNSAFE:
            assert char not in result.stdout + result.stderr, (char, result.args)
    shown = tracked.run("show", "1", "--json")
    for char in UNSAFE:
        assert char not in shown.stdout
    data = json.loads(shown.stdout)  # still valid JSON
    assert data["replies"], data


# --- a garbage SMTP reply never ends a follow-up (issue 11 item 7) ----------------------


def test_a_garbage_or_sender_side_reply_leaves_the_follow_up_for_the_next_run(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material, follow_up=ALL_WEEK)
    t0 = soon()
    assert world.run(*send_argv(), faketime=at(t0)).returncode == 0
    due = at(t0 + timedelta(days=1, minutes=5))
    for fault in ("garbage", "sender_rejected"):
        with BrokenSmtpServer(fault, mode="starttls", tls=tls_material) as broken:
            world.write_config(
                config_text(smtp=broken, ca_pem=tls_material.ca_pem, follow_up=ALL_WEEK)  # type: ignore[arg-type]
            )
            ran = world.run("run", faketime=due)
        assert ran.returncode == 1, ran.stdout
        follow_up = world.run_json("show", "1", "--json")["follow_up"]
        assert follow_up["status"] == "scheduled", (fault, follow_up)
    world.write_config(
        config_text(smtp=smtp_server, ca_pem=tls_material.ca_pem, follow_up=ALL_WEEK)
    )
    assert world.run("run", faketime=due).returncode == 0
    assert len([m for m in smtp_server.messages if m.message["In-Reply-To"]]) == 1


# --- reopening what a forged message closed (issue 11 item 9) ---------------------------


def test_reopen_undoes_a_forged_answer_and_is_recorded(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "jane.doe@acme.example", "Acme Corp")
    mailbox.append("INBOX", reply(acme["message_id"], "someone@forged.example"))
    assert tracked.run("check").returncode == 0
    assert listed(tracked)["Acme Corp"]["status"] == "answered"
    both = tracked.run("mark", "1", "--answered", "--closed")
    assert both.returncode == 2 and "exactly one" in both.stderr
    reopened = tracked.run("mark", "1", "--reopen", "--note", "that was not Jane")
    assert reopened.returncode == 0, reopened.stderr
    shown = tracked.run_json("show", "1", "--json")
    assert shown["status"] == "awaiting" and shown["replied_at"] is None
    assert any(
        e["kind"] == "status"
        and e.get("new") == "awaiting"
        and e.get("reason") == "reopened by you"
        for e in shown["events"]
    )


def test_a_message_without_message_id_is_recorded_once_across_a_uidvalidity_change(
    tracked: World, mailbox: Dovecot
) -> None:
    acme = send(tracked, "jane.doe@acme.example", "Acme Corp")
    mailbox.append("INBOX", hostile_mail.no_message_id(acme["message_id"], "jane.doe@acme.example"))
    assert tracked.run("check").returncode == 0
    mailbox.reset_uidvalidity("INBOX")
    assert tracked.run("check").returncode == 0
    assert len(tracked.run_json("show", "1", "--json")["replies"]) == 1


# --- without reply tracking, a reminder; never an automatic send (issue 12 item 1) ------


def test_without_reply_tracking_run_reminds_and_never_sends(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    window = {k: v for k, v in ALL_WEEK.items() if k != "send_without_tracking"}
    configure(world, smtp_server, tls_material, follow_up=window)
    t0 = soon()
    sent = world.run(*send_argv(), faketime=at(t0))
    assert sent.returncode == 0, sent.stderr
    preview = world.run(*send_argv(confirm="--dry-run", to="x@initech.example"))
    assert "reminder to you" in preview.stdout
    due = t0 + timedelta(days=1, minutes=5)
    ran = world.run("run", faketime=at(due))
    assert ran.returncode == 0, ran.stderr
    assert "followup 1 --send-now" in ran.stdout
    assert len(smtp_server.messages) == 1  # only the request
    assert "check your inbox" in world.run("list", faketime=at(due)).stdout
    now_sent = world.run("followup", "1", "--send-now", faketime=at(due))
    assert now_sent.returncode == 0, now_sent.stderr
    assert len(smtp_server.messages) == 2
    again = world.run("followup", "1", "--send-now", faketime=at(due))
    assert again.returncode == 7 and len(smtp_server.messages) == 2


def test_sending_without_tracking_is_an_explicit_choice(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material, follow_up=ALL_WEEK)  # opts in
    t0 = soon()
    assert world.run(*send_argv(), faketime=at(t0)).returncode == 0
    assert world.run("run", faketime=at(t0 + timedelta(days=1, minutes=5))).returncode == 0
    assert len(smtp_server.messages) == 2


# --- a colleague or a shared mailbox answers (issue 12 item 2) --------------------------


def test_mail_from_the_organisation_holds_the_follow_up_until_you_decide(
    tracked: World, mailbox: Dovecot, smtp_server: SmtpServer
) -> None:
    t0 = datetime.now(UTC)
    send(tracked, "sam@globex.example.com", "Globex", name="Sam Lee")
    send(tracked, "jane.doe@gmail.com", "Acme Corp")
    mailbox.append(
        "INBOX",
        reply(None, "Recruiting <recruiting@globex.example.com>", subject="Your interview"),
    )
    # A stranger at the same free-mail provider is not "the same organisation".
    mailbox.append("INBOX", reply(None, "bob@gmail.com", subject="Hello"))
    checked = tracked.run("check")
    assert checked.returncode == 0, checked.stderr
    assert "possible answer from recruiting@globex.example.com" in checked.stdout
    assert "Your interview" in checked.stdout
    assert "Acme Corp" not in checked.stdout
    listing = tracked.run("list").stdout
    assert "recruiting@globex.example.com" in listing and "followup 1 --release" in listing
    due = at(t0 + timedelta(days=1, minutes=5))
    ran = tracked.run("run", faketime=due)
    assert ran.returncode == 0, ran.stderr
    follow_ups = [m for m in smtp_server.messages if m.message["In-Reply-To"]]
    assert [m.rcpt_tos for m in follow_ups] == [["jane.doe@gmail.com"]]  # not Sam's
    released = tracked.run("followup", "1", "--release")
    assert released.returncode == 0, released.stderr
    assert tracked.run("run", faketime=due).returncode == 0
    follow_ups = [m for m in smtp_server.messages if m.message["In-Reply-To"]]
    assert sorted(m.rcpt_tos[0] for m in follow_ups) == [
        "jane.doe@gmail.com",
        "sam@globex.example.com",
    ]


@pytest.mark.parametrize("dated", ["garbage_date", "ancient_date", "far_future_date"])
def test_an_absurd_date_falls_back_to_when_the_server_received_it(
    dated: str, tracked: World, mailbox: Dovecot
) -> None:
    send(tracked, "jane.doe@acme.example", "Acme Corp")
    make = getattr(hostile_mail, dated)
    mailbox.append("INBOX", make(None, "jane.doe@acme.example"))  # no threading headers
    checked = tracked.run("check")
    assert checked.returncode == 0, checked.stderr
    shown = tracked.run_json("show", "1", "--json")
    assert shown["status"] == "answered", checked.stdout
    replied = datetime.fromisoformat(shown["replied_at"])
    assert abs(replied - datetime.now(UTC)) < timedelta(hours=1)
    assert "years" not in tracked.run("list", "--all").stdout


def test_an_interruption_between_recording_and_applying_leaves_neither(
    tracked: World, mailbox: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a SIGKILL or SIGTERM between the two steps did before: the answer was known
    but its effect lost, so the follow-up went out. Now they are one transaction."""
    from feedback_mailer.lifecycle import replies, scanning
    from feedback_mailer.mail.imap import ImapSession
    from feedback_mailer.setup.config import load_config
    from feedback_mailer.setup.credentials import resolve_password

    acme = send(tracked, "jane.doe@acme.example", "Acme Corp")
    mailbox.append("INBOX", reply(acme["message_id"], "Jane Doe <jane.doe@acme.example>"))
    config = load_config(tracked.config_path)

    def scan() -> None:
        with (
            open_store(tracked.db_path) as store,
            ImapSession(config.require_imap(), resolve_password("imap", None)) as session,
        ):
            scanning.scan(store, session, config, datetime.now(UTC))

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt  # the process stops here, as a signal would stop it

    with monkeypatch.context() as patch:
        patch.setattr(replies, "_react", interrupted)
        with pytest.raises(KeyboardInterrupt):
            scan()
    shown = tracked.run_json("show", "1", "--json")
    assert shown["replies"] == [] and shown["status"] == "awaiting"
    scan()
    shown = tracked.run_json("show", "1", "--json")
    assert shown["status"] == "answered" and len(shown["replies"]) == 1
    assert shown["follow_up"]["status"] == "cancelled"


# --- the disk fills after the server accepted (issue 11 item 8) -------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB filesystem of its own (tmpfs, as root: what CI runs as)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root (CI runs as root)")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)], check=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(disk: Path) -> None:
    with (disk / "filler").open("wb") as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 65536)
            filler.flush()


def test_a_full_disk_after_the_server_accepted_says_the_mail_was_delivered(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, tiny_disk: Path
) -> None:
    configure(world, smtp_server, tls_material)
    assert world.run("list").returncode == 0
    env = {**world.env, "FEEDBACK_MAILER_DB": str(tiny_disk / "feedback-mailer.sqlite3")}
    assert subprocess.run([str(COMMAND), "list"], env=env, capture_output=True).returncode == 0
    smtp_server.delay_data(3.0, n=1)  # the message is in; the "250" comes later
    sending = subprocess.Popen(
        [str(COMMAND), *send_argv()],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    smtp_server.wait_for_messages(1, timeout=30)
    _fill(tiny_disk)
    stdout, stderr = sending.communicate(timeout=60)
    assert sending.returncode == 4, (stdout, stderr)
    assert "was delivered" in stderr, stderr
    assert "rollback" not in stderr and "internal error" not in stderr, stderr
    assert len(smtp_server.messages) == 1


# --- explain (issue 12 "Also") ------------------------------------------------------------

CORPUS = Path(__file__).parent / "data" / "corpus"


def test_explain_reads_files_only_and_says_why(world: World) -> None:
    files = [
        CORPUS / "hard_bounce" / "postfix_user_unknown.eml",
        CORPUS / "auto_reply" / "cs_exchange_mimo_kancelar.eml",
        CORPUS / "machine" / "mdn_outlook_read.eml",
    ]
    result = world.run("explain", *map(str, files))  # no config, no database, no network
    assert result.returncode == 0, result.stderr
    assert "a hard bounce (recipient jane.doe@acme.example, status 5.1.1)" in result.stdout
    assert "back on Fri 4 Dec 2026" in result.stdout
    assert "never an answer" in result.stdout
    assert "Action: failed" in result.stdout
    data = world.run_json("explain", "--json", *map(str, files))
    assert [d["kind"] for d in data] == ["bounce", "auto_reply", "machine"]
    assert data[0]["severity"] == "hard" and data[0]["recipient"] == "jane.doe@acme.example"
    assert data[1]["return_date"] == "2026-12-04"
    assert set(data[0]) >= {
        "file",
        "kind",
        "severity",
        "return_date",
        "recipient",
        "request_id",
        "signals",
    }
    assert not world.config_path.exists() and not world.db_path.exists()
    missing = world.run("explain", str(CORPUS / "nope.eml"))
    assert missing.returncode == 2 and "Cannot read" in missing.stderr


def test_explain_names_the_request_and_show_gives_the_same_reasons(
    tracked: World, mailbox: Dovecot, tmp_path: Path
) -> None:
    acme = send(tracked, "jane.doe@acme.example", "Acme Corp")
    send(tracked, "sam@globex.example.com", "Globex", name="Sam Lee")
    answer = reply(acme["message_id"], "Jane Doe <jane.doe@acme.example>")
    colleague = reply(None, "recruiting@globex.example.com", subject="Your interview")
    stranger = reply(None, "someone@elsewhere.example", subject="Hello")
    paths = []
    for name, raw in (("answer", answer), ("colleague", colleague), ("stranger", stranger)):
        path = tmp_path / f"{name}.eml"
        path.write_bytes(raw)
        paths.append(str(path))
    data = tracked.run_json("explain", "--json", *paths)
    assert [(d["kind"], d["request_id"]) for d in data] == [
        ("answer", 1),
        ("possible_answer", 2),
        ("unrelated", None),
    ]
    assert any("In-Reply-To" in s for s in data[0]["signals"])
    assert tracked.run_json("show", "1", "--json")["status"] == "awaiting"  # changed nothing
    mailbox.append("INBOX", answer)
    assert tracked.run("check").returncode == 0
    shown = tracked.run("show", "1").stdout
    assert "answer: jane.doe@acme.example" in shown
    assert "why: it names our message (In-Reply-To / References)" in shown


def test_doctor_says_when_follow_ups_are_only_reminders(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    window = {k: v for k, v in ALL_WEEK.items() if k != "send_without_tracking"}
    configure(world, smtp_server, tls_material, follow_up=window)
    doctor = world.run("doctor")
    assert doctor.returncode == 0, doctor.stderr
    line = next(line for line in doctor.stdout.splitlines() if "reply tracking" in line)
    assert line.startswith("warn") and "reminder" in line and "init" in line
