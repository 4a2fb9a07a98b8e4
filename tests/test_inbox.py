"""Reply tracking against a real Dovecot: answers, auto-replies, bounces,
incremental scans and the Sent folder. Replies are injected with APPEND."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime, make_msgid

import pytest
from support.certs import TlsMaterial
from support.dovecot import Dovecot
from support.scenarios import configure, send_argv
from support.smtp_server import SmtpServer
from support.world import World

from feedback_mailer.lifecycle import scanning
from feedback_mailer.mail import imap
from feedback_mailer.setup.config import load_config
from feedback_mailer.setup.credentials import resolve_password
from feedback_mailer.store import open_store
from feedback_mailer.views import pages

CONTACTS = {
    "acme": ("jane.doe@acme.example", "Acme Corp", "Jane Doe"),
    "globex": ("hank@globex.example", "Globex", "Hank Scorpio"),
    "initech": ("bill@initech.example", "Initech", "Bill Lumbergh"),
}


@pytest.fixture
def tracked(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, mailbox: Dovecot
) -> World:
    """A world whose replies are tracked in `mailbox`, with a copy of each mail in Sent."""
    return configure(world, smtp_server, tls_material, mailbox=mailbox, sent_folder="Sent")


def send(world: World, key: str, *extra: str) -> dict[str, object]:
    email, company, name = CONTACTS[key]
    return world.run_json(  # type: ignore[no-any-return]
        *send_argv("--json", *extra, to=email, company=company, name=name)
    )


def mail(
    *,
    sender: str,
    subject: str,
    body: str,
    headers: dict[str, str] | None = None,
    when: datetime | None = None,
    to: str = "alex@example.com",
) -> bytes:
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {format_datetime(when or datetime.now(UTC))}",
        f"Message-ID: {make_msgid(domain='mail.example')}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n" + body.replace("\n", "\r\n")).encode()


def dsn(original_id: str, recipient: str, status: str, action: str, diagnostic: str) -> bytes:
    boundary = "dsn-boundary-1"
    body = f"""This is a MIME-encapsulated message.

--{boundary}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--{boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com
Arrival-Date: {format_datetime(datetime.now(UTC))}

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; {diagnostic}

--{boundary}
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: Alex Candidate <alex@example.com>
To: {recipient}
Subject: Feedback on my interview
Message-ID: {original_id}

--{boundary}--
"""
    headers = {
        "Content-Type": f'multipart/report; report-type=delivery-status; boundary="{boundary}"',
        "Auto-Submitted": "auto-replied",
    }
    raw = mail(
        sender="MAILER-DAEMON@mx.example.com (Mail Delivery System)",
        subject="Undelivered Mail Returned to Sender",
        body=body,
        headers=headers,
    )
    return raw.replace(b"Content-Type: text/plain; charset=utf-8\r\n", b"", 1)


def back_in(days: int) -> date:
    return datetime.now(UTC).date() + timedelta(days=days)


def check(world: World) -> list[str]:
    """The lines of `check` that say what changed (its indented hints are left out)."""
    result = world.run("check")
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.strip().splitlines() if not line.startswith("  ")]


def test_reply_outofoffice_and_bounce_are_told_apart(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "acme")
    globex = send(tracked, "globex")
    initech = send(tracked, "initech")
    back = back_in(10)
    mailbox.append(
        "INBOX",
        mail(
            sender="Jane Doe <jane.doe@acme.example>",
            subject="Re: " + str(acme["subject"]),
            body="Hi Alex,\n\nHappy to share a few thoughts.\n\nJane\n",
            headers={"In-Reply-To": str(acme["message_id"]), "References": str(acme["message_id"])},
        ),
    )
    mailbox.append(
        "INBOX",
        mail(
            sender="Hank Scorpio <hank@globex.example>",
            subject="Automatic reply: " + str(globex["subject"]),
            body=f"I am out of the office until {back:%d %B %Y} with limited access to email.\n",
            headers={"In-Reply-To": str(globex["message_id"])},
        ),
    )
    mailbox.append(
        "INBOX",
        dsn(
            str(initech["message_id"]),
            "bill@initech.example",
            "5.1.1",
            "failed",
            "550 5.1.1 <bill@initech.example>: User unknown",
        ),
    )

    changes = check(tracked)
    assert len(changes) == 3, changes
    assert (
        changes[0] == f"Acme Corp: answered by Jane Doe on {datetime.now(UTC).day} "
        f"{datetime.now(UTC):%b}"
    )
    assert changes[1].startswith(f"Globex: out-of-office until {back.day} {back:%b}")
    assert "follow-up moved to" in changes[1]
    assert changes[2].startswith("Initech: bounced (") and "5.1.1" in changes[2]
    assert changes[2].endswith("follow-up cancelled")

    [left] = tracked.run_json("list", "--unanswered", "--json")
    assert left["id"] == globex["id"]
    due = datetime.fromisoformat(left["follow_up"]["due_at"].replace("Z", "+00:00"))
    assert due.date() > back
    shown = {r["id"]: r for r in tracked.run_json("list", "--all", "--json")}
    assert shown[acme["id"]]["status"] == "answered"
    assert shown[acme["id"]]["reply_from"] == "jane.doe@acme.example"
    assert "Happy to share" in shown[acme["id"]]["reply_excerpt"]
    assert shown[initech["id"]]["status"] == "bounced"
    assert shown[initech["id"]]["follow_up"]["status"] == "cancelled"
    assert check(tracked)[0].startswith("No changes")


def test_reply_from_someone_else_carrying_only_references(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "acme")
    mailbox.append(
        "INBOX",
        mail(
            sender="Recruiting <talent@acme.example>",
            subject="Your feedback request",
            body="Jane asked me to reply on her behalf.\n",
            headers={"References": f"<other@acme.example> {acme['message_id']}"},
        ),
    )
    assert check(tracked) == [
        f"Acme Corp: answered by talent@acme.example on {datetime.now(UTC).day} "
        f"{datetime.now(UTC):%b}"
    ]


def test_reply_from_the_contact_without_threading_headers(tracked: World, mailbox: Dovecot) -> None:
    send(tracked, "acme")
    mailbox.append(
        "INBOX",
        mail(
            sender="jane.doe@acme.example",
            subject="feedback",
            body="Sure, let's talk Friday.\n",
        ),
    )
    assert check(tracked)[0].startswith("Acme Corp: answered by Jane Doe")


def test_mail_from_the_contact_before_the_request_is_not_a_reply(
    tracked: World, mailbox: Dovecot
) -> None:
    send(tracked, "acme")
    mailbox.append(
        "INBOX",
        mail(
            sender="jane.doe@acme.example",
            subject="Interview schedule",
            body="See you Tuesday.\n",
            when=datetime.now(UTC) - timedelta(days=3),
        ),
    )
    assert check(tracked)[0].startswith("No changes")


def test_unrelated_mail_from_the_same_domain_is_not_a_reply(
    tracked: World, mailbox: Dovecot
) -> None:
    send(tracked, "acme")
    mailbox.append(
        "INBOX",
        mail(
            sender="newsletter@acme.example",
            subject="Acme product news",
            body="Our new widget...\n",
            headers={"List-Unsubscribe": "<mailto:leave@acme.example>"},
        ),
    )
    assert check(tracked)[0].startswith("No changes")
    assert tracked.run_json("list", "--unanswered", "--json")[0]["status"] == "awaiting"


def test_gmail_style_vacation_reply_is_not_an_answer(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "acme")
    before = tracked.run_json("show", str(acme["id"]), "--json")["follow_up"]["due_at"]
    back = back_in(12)
    mailbox.append(
        "INBOX",
        mail(
            sender="Jane Doe <jane.doe@acme.example>",
            subject="Re: " + str(acme["subject"]),
            body=f"Thanks for your email. I'm away until {back:%A, %B} {back.day}, {back.year}.\n",
            headers={
                "Auto-Submitted": "auto-replied",
                "Precedence": "bulk",
                "In-Reply-To": str(acme["message_id"]),
            },
        ),
    )
    [change] = check(tracked)
    assert change.startswith(f"Acme Corp: out-of-office until {back.day} {back:%b}")
    shown = tracked.run_json("show", str(acme["id"]), "--json")
    assert shown["status"] == "awaiting"
    assert shown["follow_up"]["due_at"] > before
    assert [r["kind"] for r in shown["replies"]] == ["auto_reply"]


def test_exchange_style_out_of_office_with_subject_only(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "acme")
    back = back_in(8)
    mailbox.append(
        "INBOX",
        mail(
            sender="Jane Doe <jane.doe@acme.example>",
            subject="Automatic reply: Feedback",
            body=f"I will be back in the office on {back:%A} {back.day} {back:%B}.\n",
        ),
    )
    [change] = check(tracked)
    assert "out-of-office" in change and "follow-up moved" in change
    due = tracked.run_json("show", str(acme["id"]), "--json")["follow_up"]["due_at"]
    assert datetime.fromisoformat(due.replace("Z", "+00:00")).date() > back


def test_soft_bounce_changes_nothing(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "acme")
    mailbox.append(
        "INBOX",
        dsn(
            str(acme["message_id"]),
            "jane.doe@acme.example",
            "4.4.1",
            "delayed",
            "451 4.4.1 Connection timed out",
        ),
    )
    [change] = check(tracked)
    assert change.startswith("Acme Corp: delivery delayed")
    shown = tracked.run_json("show", str(acme["id"]), "--json")
    assert shown["status"] == "awaiting" and shown["follow_up"]["status"] == "scheduled"
    assert [r["kind"] for r in shown["replies"]] == ["bounce_soft"]


def scan_once(world: World) -> scanning.ScanReport:
    config = load_config(world.config_path)
    with (
        open_store(world.db_path) as store,
        imap.ImapSession(config.require_imap(), resolve_password("imap", None)) as session,
    ):
        return scanning.scan(store, session, config, datetime.now(UTC))


def test_repeat_scans_fetch_only_new_messages(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "acme")
    for n in range(30):
        mailbox.append(
            "INBOX", mail(sender=f"someone{n}@else.example", subject="hello", body="x\n")
        )
    first = scan_once(tracked)
    assert first.stats.header_fetches == 30
    assert first.stats.full_fetches == 0

    quiet = scan_once(tracked)
    assert quiet.stats.header_fetches == 0 and quiet.new_messages == 0

    mailbox.append(
        "INBOX",
        mail(
            sender="jane.doe@acme.example",
            subject="Re: x",
            body="Here you go.\n",
            headers={"In-Reply-To": str(acme["message_id"])},
        ),
    )
    mailbox.append("INBOX", mail(sender="other@else.example", subject="hi", body="y\n"))
    later = scan_once(tracked)
    assert later.stats.header_fetches == 2 and later.stats.full_fetches == 1
    # LOGIN, SELECT, UID SEARCH, UID FETCH headers, UID FETCH the one match:
    # whatever the mailbox already held.
    assert later.stats.commands == 5
    assert quiet.stats.commands == 2  # LOGIN, SELECT: UIDNEXT said nothing is new
    assert [pages.change_text(c).split(":")[0] for c in later.changes] == ["Acme Corp"]


def test_commands_do_not_grow_with_open_requests(tracked: World, mailbox: Dovecot) -> None:
    send(tracked, "acme")
    mailbox.append("INBOX", mail(sender="x@else.example", subject="a", body="a\n"))
    one_open = scan_once(tracked)
    send(tracked, "globex")
    send(tracked, "initech")
    mailbox.append("INBOX", mail(sender="y@else.example", subject="b", body="b\n"))
    three_open = scan_once(tracked)
    assert three_open.stats.commands <= one_open.stats.commands


def test_changed_uidvalidity_rescans_since_the_oldest_open_request(
    tracked: World, mailbox: Dovecot
) -> None:
    acme = send(tracked, "acme")
    globex = send(tracked, "globex")
    mailbox.append(
        "INBOX",
        mail(
            sender="jane.doe@acme.example",
            subject="Re",
            body="Answer one.\n",
            headers={"In-Reply-To": str(acme["message_id"])},
        ),
    )
    assert scan_once(tracked).changes
    # The server renumbers the folder, and a reply arrives at the same time.
    mailbox.append(
        "INBOX",
        mail(
            sender="hank@globex.example",
            subject="Re",
            body="Answer two.\n",
            headers={"In-Reply-To": str(globex["message_id"])},
        ),
    )
    mailbox.reset_uidvalidity("INBOX")
    rescan = scan_once(tracked)
    assert rescan.stats.header_fetches == 2  # everything since the oldest open request
    assert [c.request_id for c in rescan.changes] == [globex["id"]]
    replies = tracked.run_json("show", str(acme["id"]), "--json")["replies"]
    assert len(replies) == 1  # the first reply was not recorded twice


def test_sent_messages_are_copied_to_sent_as_seen(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "acme")
    [raw] = mailbox.fetch_all("Sent")
    flags = mailbox.flags("Sent", 1)
    assert f"Message-ID: {acme['message_id']}".encode() in raw
    assert "\\Seen" in flags
    with sqlite3.connect(tracked.db_path) as db:
        stored = db.execute("SELECT raw FROM messages").fetchone()[0]
    assert raw.replace(b"\r\n", b"\n") == bytes(stored).replace(b"\r\n", b"\n")


def test_unknown_request_found_in_sent_becomes_awaiting(
    tracked: World, mailbox: Dovecot, smtp_server: SmtpServer
) -> None:
    smtp_server.drop_mid_data()
    email, company, _name = CONTACTS["acme"]
    result = tracked.run(*send_argv(to=email, company=company, name=None))
    assert result.returncode == 6
    [request] = tracked.run_json("list", "--json")
    assert request["status"] == "unknown"
    with sqlite3.connect(tracked.db_path) as db:
        stored = bytes(db.execute("SELECT raw FROM messages").fetchone()[0])
    mailbox.append("Sent", stored, flags=[r"\Seen"])  # the provider kept a copy: it was sent
    assert check(tracked) == ["Acme Corp: found in Sent, so it was sent"]
    assert tracked.run_json("list", "--json")[0]["status"] == "awaiting"


def test_check_never_marks_messages_read(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "acme")
    mailbox.append(
        "INBOX",
        mail(
            sender="jane.doe@acme.example",
            subject="Re",
            body="Answer.\n",
            headers={"In-Reply-To": str(acme["message_id"])},
        ),
    )
    check(tracked)
    [_] = mailbox.fetch_all("INBOX")
    flags = mailbox.flags("INBOX", 1)
    assert "\\Seen" not in flags


def test_doctor_checks_imap_login_and_folders(tracked: World, mailbox: Dovecot) -> None:
    good = tracked.run("doctor")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "imap:" in good.stdout and "folders found" in good.stdout
    tracked.run("auth", "set", "imap", "--stdin", input="wrong\n")
    bad = tracked.run("doctor")
    assert bad.returncode == 1 and "FAIL  imap" in bad.stderr and "auth set imap" in bad.stderr


def test_list_shows_replies(tracked: World, mailbox: Dovecot) -> None:
    acme = send(tracked, "acme")
    mailbox.append(
        "INBOX",
        mail(
            sender="jane.doe@acme.example",
            subject="Re",
            body="Answer.\n",
            headers={"In-Reply-To": str(acme["message_id"])},
        ),
    )
    check(tracked)
    table = tracked.run("list", "--all").stdout
    assert "answered" in table and "Acme Corp" in table
