"""Start from the rejection: the reader on single messages, and the flow with the
installed command against Dovecot and aiosmtpd: rejections and near-misses in
INBOX -> `check` -> `rejections --json` -> `send --rejection ID` -> a threaded,
addressed reply in the rejection's language; a second `check` records nothing
twice."""

from __future__ import annotations

import email
import email.policy
import os
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from support.certs import TlsMaterial
from support.dovecot import Dovecot
from support.scenarios import ALL_WEEK, configure
from support.smtp_server import SmtpServer
from support.world import World

from feedback_mailer.mail.rejections import Feedback, read_rejection

OWN = {"alex@example.com"}


def message(
    sender: str,
    subject: str,
    body: str,
    *,
    reply_to: str | None = None,
    message_id: str = "<r1@mail.example>",
    when: datetime | None = None,
    extra: str = "",
) -> bytes:
    date = format_datetime(when or datetime.now(UTC) - timedelta(days=2))
    head = f"From: {sender}\nTo: Alex Candidate <alex@example.com>\nSubject: {subject}\n"
    if reply_to:
        head += f"Reply-To: {reply_to}\n"
    head += f"Message-ID: {message_id}\nDate: {date}\n{extra}"
    head += "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
    head += "Content-Transfer-Encoding: 8bit\n\n"
    return (head + body).encode()


ATS_OFFERED = message(
    "Acme Recruiting <no-reply@us.greenhouse-mail.io>",
    "Your application to Acme",
    "Hi Alex,\n\nThank you for interviewing for the Platform Engineer position at Acme. After "
    "careful consideration we have decided to move forward with other candidates.\n\nIf you "
    "would like feedback on your interviews, just reply and I am happy to share it.\n\n"
    "Best,\nJane Smith\nRecruiter, Acme\n",
    reply_to="Jane Smith <jane.smith@acme.example>",
    message_id="<ats-1@greenhouse.io>",
)
GERMAN_REFUSED = message(
    "Lena Schäfer <lena.schaefer@nordlicht-labs.de>",
    "Ihre Bewerbung als Backend-Entwickler (m/w/d)",
    "Hallo Alex,\n\nvielen Dank für Ihr Interesse an der Nordlicht Labs GmbH. Leider müssen wir "
    "Ihnen mitteilen, dass wir uns für einen anderen Kandidaten entschieden haben.\n\nAufgrund "
    "der Vielzahl an Bewerbungen können wir leider keine individuelle Rückmeldung geben.\n\n"
    "Mit freundlichen Grüßen\nLena Schäfer\n",
    message_id="<de-1@nordlicht-labs.de>",
)
ONLY_NO_REPLY = message(
    "Globex Careers <no-reply@myworkday.com>",
    "Update on your application",
    "Dear Alex,\n\nThank you for applying to Globex. Unfortunately, your application was not "
    "successful on this occasion.\n\nPlease do not reply to this message.\n",
    message_id="<wd-1@myworkday.com>",
)
INVITATION = message(
    "Jane Smith <jane.smith@acme.example>",
    "Next steps for your application",
    "Hi Alex,\n\nUnfortunately the team was busy last week, but we would like to invite you "
    "to a final interview for the Platform Engineer role.\n",
    message_id="<inv-1@acme.example>",
)
STILL_REVIEWING = message(
    "Lena Schäfer <lena.schaefer@nordlicht-labs.de>",
    "Ihre Bewerbung",
    "Hallo Alex,\n\nleider verzögert sich unsere Entscheidung: wir sind noch in der Prüfung "
    "aller Bewerbungen und melden uns nächste Woche.\n",
    message_id="<de-2@nordlicht-labs.de>",
)
LOAN = message(
    "Bank <service@bank.example>",
    "Your loan application",
    "Dear Alex,\n\nUnfortunately your loan application was not successful.\n",
    message_id="<loan-1@bank.example>",
)


def test_an_ats_rejection_names_the_recruiter_and_the_company() -> None:
    found = read_rejection(ATS_OFFERED, own=OWN).rejection
    assert found is not None
    assert (found.company, found.role, found.language) == ("Acme", "Platform Engineer", "en")
    assert (found.contact, found.contact_name) == ("jane.smith@acme.example", "Jane Smith")
    assert found.feedback is Feedback.OFFERED


def test_a_german_rejection_keeps_the_role_s_suffix_and_refuses_feedback() -> None:
    found = read_rejection(GERMAN_REFUSED, own=OWN).rejection
    assert found is not None
    assert (found.company, found.role, found.language) == (
        "Nordlicht Labs GmbH",
        "Backend-Entwickler (m/w/d)",
        "de",
    )
    assert found.contact == "lena.schaefer@nordlicht-labs.de"
    assert found.feedback is Feedback.REFUSED
    assert found.feedback_quote is not None and "keine individuelle" in found.feedback_quote


def test_only_a_no_reply_sender_is_nobody_to_ask() -> None:
    found = read_rejection(ONLY_NO_REPLY, own=OWN).rejection
    assert found is not None
    assert found.contact is None
    assert found.nobody is not None and "no-reply@myworkday.com" in found.nobody


@pytest.mark.parametrize("raw", [INVITATION, STILL_REVIEWING, LOAN], ids=["invite", "wait", "loan"])
def test_near_misses_are_not_rejections(raw: bytes) -> None:
    assert read_rejection(raw, own=OWN).rejection is None


def test_the_reader_s_own_forwarded_copy_is_not_a_rejection() -> None:
    forwarded = message("Alex Candidate <alex@example.com>", "Fwd: Your application", "x")
    assert read_rejection(forwarded, own=OWN).rejection is None


def test_hostile_bytes_never_raise() -> None:
    for raw in (b"", b"\xff" * 1000, b"Subject: " + b"a" * 100_000, ATS_OFFERED[:50]):
        assert read_rejection(raw, own=OWN).rejection is None


# --- end to end --------------------------------------------------------------------


@pytest.fixture
def inbox(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, mailbox: Dovecot
) -> World:
    configure(world, smtp_server, tls_material, mailbox=mailbox, follow_up=ALL_WEEK)
    for raw in (ATS_OFFERED, GERMAN_REFUSED, ONLY_NO_REPLY, INVITATION, STILL_REVIEWING, LOAN):
        mailbox.append("INBOX", raw)
    return world


def test_check_finds_each_rejection_once_and_lists_them(inbox: World) -> None:
    first = inbox.run("check")
    assert first.returncode == 0, first.stderr
    lines = [line for line in first.stdout.splitlines() if line.startswith("Rejection ")]
    assert len(lines) == 3, first.stdout
    assert any(
        "Acme (Platform Engineer)" in line and "jane.smith@acme.example" in line for line in lines
    )
    assert any("nobody to ask" in line for line in lines)
    found = inbox.run_json("rejections", "--json")
    assert {r["company"] for r in found} == {"Acme", "Nordlicht Labs GmbH", "Globex"}
    assert {r["feedback"] for r in found} == {"offered", "refused", "none"}
    keys = {
        "id",
        "company",
        "role",
        "contact",
        "contact_name",
        "language",
        "feedback",
        "received",
        "message_id",
        "request_id",
        "status",
    }
    assert all(keys <= set(r) for r in found)
    again = inbox.run("check")
    assert again.returncode == 0, again.stderr
    assert "Rejection " not in again.stdout
    assert len(inbox.run_json("rejections", "--json")) == 3


def test_dismiss_and_restore(inbox: World) -> None:
    assert inbox.run("check").returncode == 0
    first = inbox.run_json("rejections", "--json")[0]["id"]
    assert inbox.run("rejections", "dismiss", str(first)).returncode == 0
    assert first not in {r["id"] for r in inbox.run_json("rejections", "--json")}
    assert first in {r["id"] for r in inbox.run_json("rejections", "--all", "--json")}
    assert inbox.run("rejections", "restore", str(first)).returncode == 0
    assert first in {r["id"] for r in inbox.run_json("rejections", "--json")}
    missing = inbox.run("rejections", "dismiss", "999")
    assert missing.returncode != 0 and "no rejection 999" in missing.stderr


def delivered(smtp: SmtpServer) -> email.message.EmailMessage:
    assert smtp.messages, "nothing was delivered"
    parsed = email.message_from_bytes(smtp.messages[-1].raw, policy=email.policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    return parsed


def test_send_rejection_replies_in_its_thread_in_its_language(
    inbox: World, smtp_server: SmtpServer
) -> None:
    assert inbox.run("check").returncode == 0
    by_company = {r["company"]: r for r in inbox.run_json("rejections", "--json")}
    acme = by_company["Acme"]
    dry = inbox.run_json("send", "--rejection", str(acme["id"]), "--dry-run", "--json")
    assert dry["to"] == "jane.smith@acme.example"
    assert dry["subject"] == "Re: Your application to Acme"
    assert dry["in_reply_to"] == "<ats-1@greenhouse.io>"
    assert "take you up on it" in dry["body"]  # they offered feedback: accept it
    sent = inbox.run("send", "--rejection", str(acme["id"]), "--yes")
    assert sent.returncode == 0, sent.stderr
    message = delivered(smtp_server)
    assert message["To"].addresses[0].addr_spec == "jane.smith@acme.example"
    assert message["Subject"] == "Re: Your application to Acme"
    assert message["In-Reply-To"] == "<ats-1@greenhouse.io>"
    assert "<ats-1@greenhouse.io>" in message["References"]
    assert message.get_body(("plain",)).get_content().startswith("Dear Jane Smith,")
    answered = {r["company"]: r for r in inbox.run_json("rejections", "--json")}["Acme"]
    assert answered["request_id"] is not None
    again = inbox.run("send", "--rejection", str(acme["id"]), "--yes")
    assert again.returncode != 0  # a second open request to them is refused
    assert len(smtp_server.messages) == 1


def test_a_refused_rejection_needs_a_deliberate_choice(inbox: World) -> None:
    assert inbox.run("check").returncode == 0
    german = {r["company"]: r for r in inbox.run_json("rejections", "--json")}[
        "Nordlicht Labs GmbH"
    ]
    dry = inbox.run_json("send", "--rejection", str(german["id"]), "--dry-run", "--json")
    assert dry["language"] == "de"
    assert dry["subject"] == "Re: Ihre Bewerbung als Backend-Entwickler (m/w/d)"
    assert dry["body"].startswith("Sehr geehrte Frau Schäfer,") or "Lena" in dry["body"]
    refused = inbox.run("send", "--rejection", str(german["id"]), "--yes")
    assert refused.returncode != 0
    assert "keine individuelle Rückmeldung" in refused.stderr
    assert "--force" in refused.stderr


def test_nobody_to_ask_is_one_sentence_and_nothing_sent(
    inbox: World, smtp_server: SmtpServer
) -> None:
    assert inbox.run("check").returncode == 0
    globex = {r["company"]: r for r in inbox.run_json("rejections", "--json")}["Globex"]
    result = inbox.run("send", "--rejection", str(globex["id"]), "--yes")
    assert result.returncode == 2, result.stderr
    assert "no-reply@myworkday.com" in result.stderr and "--to" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not smtp_server.messages


def test_a_saved_or_piped_rejection_works_without_imap(world: World, tmp_path: Path) -> None:
    saved = tmp_path / "rejection.eml"
    saved.write_bytes(ATS_OFFERED)
    from_file = world.run_json("send", "--rejection", str(saved), "--dry-run", "--json")
    piped = world.run_json(
        "send", "--rejection", "-", "--dry-run", "--json", input=ATS_OFFERED.decode()
    )
    for dry in (from_file, piped):
        assert dry["to"] == "jane.smith@acme.example"
        assert dry["in_reply_to"] == "<ats-1@greenhouse.io>"
    not_one = tmp_path / "invite.eml"
    not_one.write_bytes(INVITATION)
    result = world.run("send", "--rejection", str(not_one), "--dry-run")
    assert result.returncode == 2 and "does not read as a rejection" in result.stderr


def test_explain_names_a_rejection_and_what_was_read(world: World, tmp_path: Path) -> None:
    saved = tmp_path / "rejection.eml"
    saved.write_bytes(GERMAN_REFUSED)
    other = tmp_path / "invite.eml"
    other.write_bytes(INVITATION)
    found, invite = world.run_json("explain", "--json", str(saved), str(other))
    assert found["kind"] == "rejection"
    assert found["rejection"]["company"] == "Nordlicht Labs GmbH"
    assert found["rejection"]["feedback"] == "refused"
    assert found["rejection"]["language"] == "de"
    assert any("decision" in signal for signal in found["signals"])
    assert invite["kind"] != "rejection" and invite["rejection"] is None


def test_send_rejection_refuses_a_fifo_without_blocking(world: World, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.eml"
    os.mkfifo(fifo)
    result = world.run("send", "--rejection", str(fifo), "--dry-run", timeout=10)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stderr
