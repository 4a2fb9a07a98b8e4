"""feedback_mailer.classify: answers vs auto-replies vs bounces, over realistic samples."""

from __future__ import annotations

import email
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import hostile_mail
from support.examples import examples

from feedback_mailer.mail import classify as classify_package
from feedback_mailer.mail.classify import (
    AUTO_REPLY_SUBJECT_PHRASES,
    HEADER_FIELDS,
    BounceInfo,
    Classification,
    Verdict,
    body_text,
    classify,
    classify_bytes,
    find_return_date,
    header_text,
    is_auto_reply,
    is_bounce,
    message_date,
    parse_bounce,
    read_headers,
    read_message,
    referenced_ids,
    sender_address,
)

MAIL = Path(__file__).parent / "data" / "mail"
RECEIVED = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # a Tuesday
OUR_ID = "<176446200512.48213.10293847561029384756@example.com>"


def load(name: str) -> EmailMessage:
    msg = BytesParser(policy=policy.default).parsebytes((MAIL / name).read_bytes())
    assert isinstance(msg, EmailMessage)
    return msg


def header_fields_only(name: str) -> Message:
    """What the IMAP scanner sees: BODY.PEEK[HEADER.FIELDS (HEADER_FIELDS)] of a sample."""
    raw = (MAIL / name).read_bytes().replace(b"\r\n", b"\n")
    head = raw.split(b"\n\n", 1)[0]
    wanted = {f.lower().encode() for f in HEADER_FIELDS}
    kept: list[bytes] = []
    keep = False
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if keep:
                kept.append(line)
            continue
        keep = line.split(b":", 1)[0].strip().lower() in wanted
        if keep:
            kept.append(line)
    return BytesParser(policy=policy.default).parsebytes(b"\r\n".join(kept) + b"\r\n\r\n")


def headers(text: str) -> Message:
    return email.message_from_string(text.strip() + "\n\n", policy=policy.default)


SAMPLES = sorted(p.name for p in MAIL.glob("*.eml"))


def test_samples_present() -> None:
    assert len(SAMPLES) >= 10


# --------------------------------------------------------------------------- answers


def test_plain_reply_with_in_reply_to() -> None:
    msg = load("reply_in_reply_to.eml")
    assert referenced_ids(msg) == {OUR_ID}
    assert sender_address(msg) == "jane.doe@example.org"
    assert message_date(msg) == datetime(2026, 12, 1, 10, 42, 10, tzinfo=UTC)
    assert not is_bounce(msg)
    assert not is_auto_reply(msg)
    result = classify(msg, RECEIVED)
    assert result.kind == "answer"
    assert result.bounce is None and result.return_date is None
    assert result.excerpt.startswith("Hi Alex, Thanks for reaching out")
    assert "database indexing and query plans — that's where" in result.excerpt  # QP + UTF-8
    assert result.excerpt.endswith("Best of luck with your search, Jane")  # signature cut
    assert "Dear Jane" not in result.excerpt and "wrote:" not in result.excerpt
    assert "Engineering Manager" not in result.excerpt


def test_reply_from_other_address_with_references_only() -> None:
    msg = load("reply_references_only.eml")
    assert msg["In-Reply-To"] is None
    ids = referenced_ids(msg)
    assert OUR_ID in ids
    assert "<CAB1x2y3z4w5v6u7t8s9r0q1p2o3n4m5@mail.example.org>" in ids
    assert sender_address(msg) == "jane@example.net"
    result = classify(msg, RECEIVED)
    assert result.kind == "answer"
    assert result.excerpt.startswith("Hello Alex, Sorry for the slow reply")
    assert result.excerpt.endswith("Kind regards, Jane")  # Outlook "From:/Sent:" block cut
    assert "Thank you again" not in result.excerpt


def test_reply_without_threading_headers() -> None:
    msg = load("reply_no_threading.eml")
    assert referenced_ids(msg) == set()
    assert sender_address(msg) == "jane.doe@example.org"
    assert message_date(msg) == datetime(2026, 12, 2, 8, 15, tzinfo=UTC)  # "-0000" is UTC
    result = classify(msg, RECEIVED)
    assert result.kind == "answer"
    assert "strong debugging, weaker on capacity planning" in result.excerpt


def test_html_only_reply() -> None:
    msg = load("reply_html_only.eml")
    assert sender_address(msg) == "jane.doe@example.org"
    text = body_text(msg)
    assert "<div>" not in text and "p { margin" not in text
    result = classify(msg, RECEIVED)
    assert result.kind == "answer"
    assert result.excerpt == (
        "Hi Alex, Happy to help — we got a lot of strong applications. Your code review "
        "exercise was excellent; work on explaining trade-offs. Jane"
    )


# --------------------------------------------------------------------------- auto-replies


def test_gmail_vacation_reply() -> None:
    msg = load("autoreply_gmail_vacation.eml")
    assert referenced_ids(msg) == {OUR_ID}  # threaded like an answer, still not one
    assert is_auto_reply(msg)
    assert not is_bounce(msg)
    result = classify(msg, RECEIVED)
    assert result.kind == "auto_reply"
    assert result.bounce is None
    assert result.return_date == date(2026, 12, 8)
    assert "out of the office until 8 December" in result.excerpt


def test_exchange_automatic_reply_without_auto_headers() -> None:
    msg = load("autoreply_exchange_no_headers.eml")
    for name in ("Auto-Submitted", "X-Autoreply", "X-Autorespond", "Precedence"):
        assert msg[name] is None
    assert is_auto_reply(msg)  # the subject alone says so
    result = classify(msg, RECEIVED)
    assert result.kind == "auto_reply"
    assert result.return_date == date(2026, 12, 7)  # "Monday, December 7, 2026"
    assert result.excerpt.startswith("Thank you for your message. I am currently out")


def test_german_abwesenheitsnotiz() -> None:
    msg = load("autoreply_german_abwesenheitsnotiz.eml")
    assert sender_address(msg) == "m.mueller@example.org"
    assert is_auto_reply(msg)
    result = classify(msg, RECEIVED)
    assert result.kind == "auto_reply"
    # "on leave from 30 November to 4 December 2026": back on the next working day
    # after the range (4 December is a Friday).
    assert result.return_date == date(2026, 12, 7)
    assert "vielen Dank für Ihre Nachricht" in result.excerpt  # latin-1 QP decoded
    assert "einschließlich" in result.excerpt


def test_auto_reply_return_date_from_subject_when_body_has_none() -> None:
    msg = headers(
        "From: jane.doe@example.org\nSubject: Out of office until Monday 7 December\n"
        "Content-Type: text/plain\n"
    )
    msg.set_content("I have limited access to email.")
    result = classify(msg, RECEIVED)
    assert result.kind == "auto_reply"
    assert result.return_date == date(2026, 12, 7)


# --------------------------------------------------------------------------- bounces


def test_postfix_hard_bounce() -> None:
    msg = load("bounce_postfix_hard.eml")
    assert is_bounce(msg)
    result = classify(msg, RECEIVED)
    assert result.kind == "bounce"
    assert result.return_date is None
    assert result.bounce == BounceInfo(
        hard=True,
        status="5.1.1",
        diagnostic=(
            "550 5.1.1 <j.doe@example.org>: Recipient address rejected: "
            "User unknown in local recipient table"
        ),
        recipients=("j.doe@example.org",),
        message_ids=("<176458146011.51022.77120938475610293847@example.com>",),
        subjects=("Feedback on my interview for the Backend Engineer role",),
    )
    assert result.excerpt.startswith("This is the mail system at host mail.example.com.")


def test_postfix_soft_bounce_delay() -> None:
    msg = load("bounce_postfix_delay.eml")
    assert is_bounce(msg)
    assert is_auto_reply(msg)  # it also says Auto-Submitted ...
    result = classify(msg, RECEIVED)
    assert result.kind == "bounce"  # ... and is a bounce all the same
    assert result.bounce == BounceInfo(
        hard=False,
        status="4.4.1",
        diagnostic="connect to mx.example.org[192.0.2.25]:25: Connection timed out",
        recipients=("hiring@example.org",),
        message_ids=("<176458146155.51022.66120938475610293111@example.com>",),
        subjects=("Feedback on my interview for the Data Engineer role",),
    )


def test_exim_plain_text_bounce() -> None:
    msg = load("bounce_exim_plain.eml")
    assert is_bounce(msg)  # From: Mailer-Daemon@..., no multipart/report
    result = classify(msg, RECEIVED)
    assert result.kind == "bounce"
    assert result.bounce == BounceInfo(
        hard=True,
        status="5.1.1",
        diagnostic=(
            "550 5.1.1 <jane.doe@example.org>: Recipient address rejected: "
            "User unknown in virtual mailbox table"
        ),
        recipients=("jane.doe@example.org",),
        message_ids=("<176458201134.60211.55501928374650192837@example.net>",),
        subjects=("Feedback on my interview",),  # the returned copy's Subject
    )


def test_qmail_plain_text_bounce_recipient_from_text() -> None:
    msg = load("bounce_qmail_plain.eml")
    assert is_bounce(msg)
    info = parse_bounce(msg)
    assert info.hard
    assert info.status == "5.1.1"
    assert info.diagnostic == "550 5.1.1 <talent@example.org>... User unknown"
    assert info.recipients == ("talent@example.org",)  # not the copy's From, not postmaster
    assert info.message_ids == ("<176458263101.61234.99887766554433221100@example.net>",)


def test_bounce_with_auto_submitted_and_in_reply_to_is_a_bounce() -> None:
    msg = load("bounce_dsn_auto_submitted.eml")
    assert is_auto_reply(msg) and is_bounce(msg)
    # Such DSNs thread onto our message: reply matching by id alone would call it an answer.
    assert referenced_ids(msg) == {"<176458290412.62001.12312312312312312312@example.com>"}
    result = classify(msg, RECEIVED)
    assert result.kind == "bounce"
    assert result.bounce is not None
    assert result.bounce.hard
    assert result.bounce.status == "5.1.1"
    assert result.bounce.recipients == ("jane.doe@example.org",)
    assert result.bounce.message_ids == ("<176458290412.62001.12312312312312312312@example.com>",)
    diagnostic = result.bounce.diagnostic
    assert diagnostic is not None
    assert diagnostic.startswith("550 5.1.1 The email account that you tried to reach does not")
    assert "550-5.1.1" not in diagnostic and "\n" not in diagnostic
    assert len(diagnostic) <= 200
    assert result.excerpt.startswith("** Address not found **")


@pytest.mark.parametrize("name", SAMPLES)
def test_header_fields_alone_give_the_same_kind(name: str) -> None:
    full = load(name)
    partial = header_fields_only(name)
    assert is_bounce(partial) == is_bounce(full)
    assert is_auto_reply(partial) == is_auto_reply(full)
    assert referenced_ids(partial) == referenced_ids(full)
    assert sender_address(partial) == sender_address(full)
    assert message_date(partial) == message_date(full)


@pytest.mark.parametrize(
    ("name", "kind"),
    [(n, "answer") for n in SAMPLES if n.startswith("reply_")]
    + [(n, "auto_reply") for n in SAMPLES if n.startswith("autoreply_")]
    + [(n, "bounce") for n in SAMPLES if n.startswith("bounce_")],
)
def test_every_sample_kind(name: str, kind: str) -> None:
    result = classify(load(name), RECEIVED)
    assert result.kind == kind
    assert (result.bounce is not None) == (kind == "bounce")
    assert len(result.excerpt) <= 300


def test_dsn_with_two_recipients_reports_the_failure() -> None:
    msg = headers(
        "From: postmaster@mail.example.com\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=XX\n"
        "MIME-Version: 1.0\n"
    )
    raw = (
        msg.as_string() + "--XX\nContent-Type: text/plain\n\nReport.\n\n"
        "--XX\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mail.example.com\n\n"
        "Final-Recipient: rfc822; ok@example.org\nAction: delayed\nStatus: 4.2.2\n\n"
        "Final-Recipient: rfc822; Gone@Example.org\nAction: failed\nStatus: 5.2.1\n"
        "Diagnostic-Code: smtp; 550 5.2.1 Mailbox disabled\n\n"
        "--XX--\n"
    )
    info = parse_bounce(email.message_from_string(raw, policy=policy.default))
    assert info.hard
    assert info.status == "5.2.1"
    assert info.diagnostic == "550 5.2.1 Mailbox disabled"
    assert info.recipients == ("ok@example.org", "gone@example.org")
    assert info.message_ids == ()


def test_action_failed_with_4xx_status_is_hard() -> None:
    raw = (
        "From: MAILER-DAEMON@mail.example.com\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=YY\n\n"
        "--YY\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mail.example.com\n\n"
        "Final-Recipient: rfc822;jane@example.org\nAction: failed\nStatus: 4.4.7\n"
        "Diagnostic-Code: X-Postfix; delivery temporarily suspended: connect to\n"
        "    mx.example.org[192.0.2.25]:25: Connection timed out\n\n--YY--\n"
    )
    info = parse_bounce(email.message_from_string(raw, policy=policy.default))
    assert info.hard and info.status == "4.4.7"
    assert info.diagnostic == (
        "delivery temporarily suspended: connect to mx.example.org[192.0.2.25]:25: "
        "Connection timed out"
    )


def test_plain_delay_warning_is_soft() -> None:
    msg = headers(
        "From: Mail Delivery System <Mailer-Daemon@mail.example.net>\n"
        "Subject: Warning: message 1tQxYz-0003Ab-2C delayed 24 hours\n"
    )
    msg.set_content(
        "This message was created automatically by mail delivery software.\n"
        "A message that you sent has not yet been delivered to one or more of its\n"
        "recipients after more than 24 hours on the queue on mail.example.net.\n\n"
        "The message identifier is:     1tQxYz-0003Ab-2C\n\n"
        "The address to which the message has not yet been delivered is:\n\n"
        "  jane.doe@example.org\n"
        "    host mx.example.org [192.0.2.25]\n"
        "    Delay reason: SMTP error from remote mail server after RCPT TO:\n"
        "    <jane.doe@example.org>:\n"
        "    451 4.7.1 Greylisted, please try again later\n\n"
        "No action is required on your part. Delivery attempts will continue for\n"
        "some time, and this warning may be repeated at intervals if the message\n"
        "remains undelivered.\n"
    )
    result = classify(msg, RECEIVED)
    assert result.kind == "bounce"
    assert result.bounce == BounceInfo(
        hard=False,
        status="4.7.1",
        diagnostic="451 4.7.1 Greylisted, please try again later",
        recipients=("jane.doe@example.org",),
        message_ids=(),
    )


def test_parse_bounce_of_a_non_bounce_is_empty() -> None:
    info = parse_bounce(load("reply_in_reply_to.eml"))
    assert info == BounceInfo(False, None, None, (), ())


# --------------------------------------------------------------------------- headers' kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From: MAILER-DAEMON (Mail Delivery System)", True),
        ("From: Mail Delivery System <mailer-daemon@example.net>", True),
        ("From: PostMaster@example.org", True),
        ("From: postmaster.team@example.org", False),
        ("From: Jane Doe <jane.doe@example.org>", False),
        ("From: Mailer Daemon Fan <fan@example.org>", False),
        ('From: "postmaster@example.org via Lists" <jane@example.org>', False),
        (
            "From: jane@example.org\nContent-Type: multipart/report;\n"
            ' report-type="Delivery-Status"; boundary=abc',
            True,
        ),
        (
            "From: x@example.org\n"
            "Content-Type: multipart/report; report-type=disposition-notification",
            False,
        ),
        ("From: jane@example.org\nContent-Type: multipart/mixed; boundary=x", False),
        # The null sender: such bounces never reached the full read (issue 12, item 3).
        ("From: <>", True),
        ("From: MAILER-DAEMON <>", True),
        ('From: "Courier mail server at mx.example.net" <@>', True),
        ("From: Microsoft Outlook", True),
        ("From: jane@example.org\nContent-Type: multipart/report; boundary=abc", True),
        ("From: x@example.org\nContent-Type: multipart/report; report-type=feedback-report", False),
    ],
)
def test_is_bounce(text: str, expected: bool) -> None:
    assert is_bounce(headers(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Auto-Submitted: auto-replied", True),
        ("Auto-Submitted: auto-generated", True),
        ("Auto-Submitted: auto-replied (vacation)", True),
        ("Auto-Submitted: no", False),
        ("Auto-Submitted: No (manually sent)", False),
        ("X-Autoreply: yes", True),
        ("X-Autorespond: Out of office", True),
        # RFC 3834: Precedence alone is set by lists, mass mailers and tools people
        # reply through; it does not make a message an auto-reply (issue 12, item 4).
        ("Precedence: bulk", False),
        ("Precedence: junk", False),
        ("Precedence: auto_reply", True),
        ("Precedence: list", False),
        ("Content-Type: multipart/report; report-type=disposition-notification; b=1", True),
        ("Subject: Re: Feedback on my interview", False),
        ("Subject: AW: Feedback on my interview", False),
        ("Subject: Re: Feedback on my interview - reply to your questions", False),
        ("Subject: Re: Feedback on my interview (office hours next week?)", False),
        ("Subject: Automatic reply: Feedback on my interview", True),
        # An out-of-office subject counts only as a prefix, never after "Re:"/"AW:"
        # (issue 12, item 4: "Re: Ann is out of the office" was written by a person).
        ("Subject: RE: Out of Office: Feedback on my interview", False),
        ("Subject: Out of the office - back 8 December", True),
        ("Subject: Re: Feedback on my interview [Out-of-Office]", False),
        ("Subject: Autoreply: Re: Feedback on my interview", True),
        ("Subject: Abwesenheitsnotiz: Feedback zu meinem Interview", True),
        ("Subject: =?utf-8?q?R=C3=A9ponse_automatique_=3A_Feedback?=", True),
        ("Subject: =?utf-8?q?Respuesta_autom=C3=A1tica=3A_Feedback?=", True),
        ("Subject: Reponse automatique : Feedback", True),
        ("Subject: [EXTERNAL] Absence: Jane Doe", True),
        ("Subject: AW: Abwesend bis 4.12.", False),
        ("Subject: Re: Thanks for the feedback during my absence", False),
        ("Subject: OOO until Monday", True),
        ("Subject: Re: Feedback on my interview", False),
        ("X-MS-Exchange-Inbox-Rules-Loop: jane.doe@example.org", True),
        ("X-Apple-Action: vacation", True),
        ("Precedence: list", False),
        ("X-Auto-Response-Suppress: All", False),
        ("Subject: Antw: Automatisch antwoord: Feedback", False),
        ("Subject: SV: Frånvaro: Feedback", False),
        ("Subject: Fwd: Out of office", False),
        ("Subject: Frånvaro: Feedback", True),
        ("Subject: Risposta automatica: Feedback", True),
        ("Subject: =?utf-8?q?Autoodpowied=C5=BA=3A_Feedback?=", True),
    ],
)
def test_is_auto_reply(text: str, expected: bool) -> None:
    msg = headers("From: jane.doe@example.org\n" + text)
    assert is_auto_reply(msg) is expected


def test_subject_phrases_constant_all_detected() -> None:
    for phrase in AUTO_REPLY_SUBJECT_PHRASES:
        msg = EmailMessage()
        msg["Subject"] = f"{phrase}: Feedback on my interview"
        assert is_auto_reply(msg), phrase


def test_mdn_is_a_machine_report_not_bounce() -> None:
    # A read receipt is a report from a mail system: never an answer, not an
    # out-of-office note either (issue 12, item 3).
    msg = headers(
        "From: Jane Doe <jane.doe@example.org>\n"
        "Subject: Read: Feedback on my interview\n"
        "Content-Type: multipart/report; report-type=disposition-notification; boundary=z\n"
    )
    result = classify(msg, RECEIVED)
    assert result.kind == Verdict.MACHINE
    assert result.bounce is None
    assert "Content-Type: multipart/report; report-type=disposition-notification" in result.signals


# --------------------------------------------------------------------------- referenced_ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"In-Reply-To: {OUR_ID}", {OUR_ID}),
        (f"In-Reply-To:   {OUR_ID}   ", {OUR_ID}),
        (f"In-Reply-To: {OUR_ID[1:-1]}", {OUR_ID}),  # no angle brackets
        (f"In-Reply-To: {OUR_ID[:-1]}", {OUR_ID}),  # unbalanced
        ("In-Reply-To: <176446200512.48213.\n 10293847561029384756@example.com>", {OUR_ID}),
        (
            f"References: <a1@example.org> <b2@example.org>\n\t{OUR_ID}",
            {"<a1@example.org>", "<b2@example.org>", OUR_ID},
        ),
        (
            f"References: <a1@example.org>,{OUR_ID};<c3@example.net>",
            {"<a1@example.org>", OUR_ID, "<c3@example.net>"},
        ),
        (
            f'In-Reply-To: Your message of "Tue, 24 Nov 2026 09:30:00 +0000"\n {OUR_ID}',
            {OUR_ID},
        ),
        (f"In-Reply-To: {OUR_ID} (Alex Candidate's message of 24 Nov)", {OUR_ID}),
        (f"In-Reply-To: <a1@example.org>\nIn-Reply-To: {OUR_ID}", {"<a1@example.org>", OUR_ID}),
        ("In-Reply-To: <>", set()),
        ("In-Reply-To: garbage without any id", set()),
        ("References: <<<>>>", set()),
        ("In-Reply-To:", set()),
        ("Subject: no threading", set()),
    ],
)
def test_referenced_ids(text: str, expected: set[str]) -> None:
    assert referenced_ids(headers(text)) == expected


def test_referenced_ids_on_bytes_garbage() -> None:
    msg = BytesParser(policy=policy.default).parsebytes(
        b"In-Reply-To: \xff\xfe<\x00weird@\x80example.com>\r\nReferences: <a@b> \xe9t\xe9\r\n\r\n"
    )
    ids = referenced_ids(msg)
    assert "<a@b>" in ids
    assert all(i.startswith("<") and i.endswith(">") for i in ids)


# --------------------------------------------------------------------------- sender, date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From: Jane Doe <Jane.Doe@Example.ORG>", "jane.doe@example.org"),
        ("From: jane.doe@example.org (Jane Doe)", "jane.doe@example.org"),
        ("From: =?utf-8?q?Jos=C3=A9_P=C3=A9rez?= <jose@example.net>", "jose@example.net"),
        ('From: "Doe, Jane" <jane@example.net>', "jane@example.net"),
        ("From: MAILER-DAEMON (Mail Delivery System)", None),
        ("From: not an address", None),
        ("From: <>", None),
        ("Subject: no sender", None),
    ],
)
def test_sender_address(text: str, expected: str | None) -> None:
    assert sender_address(headers(text)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 1 Dec 2026 11:42:10 +0100", datetime(2026, 12, 1, 10, 42, 10, tzinfo=UTC)),
        ("Wed, 2 Dec 2026 08:15:00 -0000", datetime(2026, 12, 2, 8, 15, tzinfo=UTC)),
        ("Tue, 01 Dec 2026 01:55:04 -0800 (PST)", datetime(2026, 12, 1, 9, 55, 4, tzinfo=UTC)),
        ("1 Dec 2026 09:50:33 GMT", datetime(2026, 12, 1, 9, 50, 33, tzinfo=UTC)),
        ("Tue, 1 Dec 26 09:50 +0000", datetime(2026, 12, 1, 9, 50, tzinfo=UTC)),
        ("yesterday-ish", None),
        ("Tue, 32 Dec 2026 25:61:00 +0000", None),
        ("", None),
    ],
)
def test_message_date(value: str, expected: datetime | None) -> None:
    result = message_date(headers(f"Date: {value}"))
    assert result == expected
    if result is not None:
        assert result.utcoffset() == timedelta(0)


def test_message_date_missing() -> None:
    assert message_date(headers("Subject: x")) is None


# --------------------------------------------------------------------------- find_return_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I am out of the office until 8 December with limited access to email.",
            date(2026, 12, 8),
        ),
        ("I'm away until Monday 7th December 2026.", date(2026, 12, 7)),
        ("I will be back on 12/08/2026.", date(2026, 12, 8)),  # US order fits the window
        ("I will be back on 08/12/2026.", date(2026, 12, 8)),  # UK order fits the window
        ("Thanks for your email - returning Dec 8.", date(2026, 12, 8)),
        ("I'll be back in the office on 8th Dec and will reply then.", date(2026, 12, 8)),
        # The last day away is Friday 4 December: back on the next working day, Monday.
        ("I am on leave from 1 December to 4 December.", date(2026, 12, 7)),
        ("I will return on Tuesday.", date(2026, 12, 8)),  # received on a Tuesday: next one
        ("I'm out of office on Thursday; back on Friday.", date(2026, 12, 4)),
        ("I am away from my desk until 10 December.", date(2026, 12, 10)),
        ("I am on annual leave between 1 and 4 December inclusive.", date(2026, 12, 7)),
        ("Out of office Dec 1-4, limited email.", date(2026, 12, 7)),
        ("I am on leave from 1 December to 3 December.", date(2026, 12, 4)),
        (
            "I am out of the office from Monday 30 November until Friday 4 December.",
            date(2026, 12, 7),
        ),
        (
            "I will be out of the office from 30 November, returning on Tuesday 8 December.",
            date(2026, 12, 8),
        ),
        ("I'm OOO until 12/7, with no access to email.", date(2026, 12, 7)),
        ("Return date: 2026-12-09", date(2026, 12, 9)),
        ("I will be back after the 8th of December.", date(2026, 12, 9)),
        (
            "I'm out of the office\nuntil Wednesday, December 16,\n2026 and will respond then.",
            date(2026, 12, 16),
        ),
        ("I'm back tomorrow.", date(2026, 12, 2)),
        ("I am out today but back in the office on the 3rd.", date(2026, 12, 3)),
        ("Vielen Dank. I am back in the office on 31 December 2026.", date(2026, 12, 31)),
        (
            "Ich bin bis 7.12. nicht im Büro.\n\n------------------\n\n"
            "I am out of the office until 7 December.",
            date(2026, 12, 7),
        ),
        # other languages: the end of a range or an inclusive until is the last day away
        ("Ich bin vom 1.12. bis 3.12. nicht im Büro.", date(2026, 12, 4)),
        ("Ich bin vom 1.12. bis 4.12. nicht im Büro.", date(2026, 12, 7)),
        ("Ich bin bis 4.12. nicht im Büro.", date(2026, 12, 4)),  # until alone: as written
        ("Je suis absente du 01/12/2026 au 08/12/2026.", date(2026, 12, 9)),
        ("Sarò assente dal 1 dicembre al 9 dicembre.", date(2026, 12, 10)),
        ("Jestem nieobecna od 01.12.2026 do 09.12.2026.", date(2026, 12, 10)),
        ("Jag är ledig till och med 11 december.", date(2026, 12, 14)),
        ("Jag är på semester till den 9 december.", date(2026, 12, 9)),
        ("12月8日まで休暇をいただいております。", date(2026, 12, 9)),
        ("１２月９日に出社いたします。", date(2026, 12, 9)),  # full-width digits
        ("Ab nächsten Montag bin ich wieder im Büro.", date(2026, 12, 7)),
        ("Estoy fuera de la oficina hasta el lunes.", date(2026, 12, 7)),
        ("Je suis absente jusqu'à lundi.", date(2026, 12, 7)),
        # "mon" is a French possessive, never Monday
        ("Retour sur mon entretien : je vous répondrai dès mon retour.", None),
        ("12月21日から不在です。", None),  # when the absence begins, not the return
        # negative cases
        ("I will be back on 30 January 2027.", None),  # 60 days out
        ("I am out until 28 November 2026.", None),  # in the past
        ("I am out until 28 November.", None),  # no year: next occurrence is a year away
        ("I am out of the office with limited access to email.", None),  # no date
        ("I reply within 24 hours.", None),
        ("I'll get back to you within 2 business days.", None),
        ("I am out of the office until further notice.", None),
        ("Please note I was out of the office on Friday 27 November.", None),
        ("Thank you for getting back to me on 24 November.", None),
        (
            "Thanks!\n\nOn Tue, 24 Nov 2026 at 09:30, Alex <alex@example.com> wrote:\n"
            "> I will be back on 8 December.\n",
            None,
        ),  # quoted text is not theirs
        ("", None),
    ],
)
def test_find_return_date(text: str, expected: date | None) -> None:
    assert find_return_date(text, RECEIVED) == expected


def test_find_return_date_year_rollover_and_naive_received() -> None:
    received = datetime(2026, 12, 20, 9, 0)  # naive: taken as UTC
    assert find_return_date("I'm back on 5 January.", received) == date(2027, 1, 5)
    assert find_return_date("Back on Monday", received) == date(2026, 12, 21)


def test_find_return_date_window_edges() -> None:
    assert find_return_date("I'm back on 31 December 2026.", RECEIVED) == date(2026, 12, 31)
    assert find_return_date("I'm back on 1 January 2027.", RECEIVED) is None  # 31 days
    assert find_return_date("I am back on 1 December 2026.", RECEIVED) == date(2026, 12, 1)
    other_zone = RECEIVED.astimezone(timezone(timedelta(hours=-11)))  # still 1 Dec in UTC
    assert find_return_date("back Dec 8", other_zone) == date(2026, 12, 8)


# --------------------------------------------------------------------------- body_text


def test_body_text_bad_charset_and_attachment() -> None:
    raw = (
        b"From: jane@example.org\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/plain; name=notes.txt\r\n"
        b"Content-Disposition: attachment; filename=notes.txt\r\n\r\nattached notes\r\n"
        b"--b\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\nGr\xfc\xdfe, caf\xc3\xa9\r\n"
        b"--b--\r\n"
    )
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    text = body_text(msg)
    assert "attached notes" not in text
    assert text.startswith("Gr") and "café" in text and "\ufffd" in text


def test_body_text_bad_base64_and_empty() -> None:
    msg = headers("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64")
    msg.set_payload("SGVsbG8gSmFuZ@@@Q==!!")
    assert body_text(msg).startswith("Hello Jan")
    assert body_text(headers("Subject: nothing")) == ""


def test_excerpt_is_bounded() -> None:
    msg = headers("From: jane@example.org")
    msg.set_content(("word " * 400) + "\n")
    result = classify(msg, RECEIVED)
    assert len(result.excerpt) <= 300
    assert result.excerpt.endswith("…")


# --------------------------------------------------------------------------- robustness

_HEADER_NAMES = st.sampled_from(
    [*HEADER_FIELDS, "To", "Content-Transfer-Encoding", "Content-Disposition", "MIME-Version"]
)
_VALUES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "multipart/report; report-type=delivery-status; boundary=q",
            "multipart/mixed; boundary=q",
            "message/delivery-status",
            "text/html; charset=utf-8",
            "base64",
            "quoted-printable",
            "MAILER-DAEMON@example.net",
            "auto-replied",
            "Automatic reply: until 8 December",
            "<a@b> <c@d",
            "Tue, 1 Dec 2026 11:42:10 -0000",
        ]
    ),
)


def _check_all(msg: Message) -> None:
    result = classify(msg, RECEIVED)
    assert isinstance(result, Classification)
    assert result.kind in set(Verdict)
    assert (result.bounce is not None) == (result.kind == Verdict.BOUNCE)
    assert all(isinstance(s, str) and s for s in result.signals)
    assert len(result.excerpt) <= 300
    if result.return_date is not None:
        assert RECEIVED.date() <= result.return_date <= RECEIVED.date() + timedelta(days=30)
    ids = referenced_ids(msg)
    assert all(isinstance(i, str) and i.startswith("<") and i.endswith(">") for i in ids)
    assert isinstance(parse_bounce(msg), BounceInfo)
    assert isinstance(body_text(msg), str)
    sender_address(msg)
    date_value = message_date(msg)
    assert date_value is None or date_value.utcoffset() == timedelta(0)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    _check_all(BytesParser(policy=policy.default).parsebytes(data))


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    _check_all(email.message_from_string(text, policy=policy.default))
    found = find_return_date(text, RECEIVED)
    assert found is None or RECEIVED.date() <= found <= RECEIVED.date() + timedelta(days=30)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_HEADER_NAMES, _VALUES), max_size=8),
    st.one_of(
        st.text(max_size=300),
        st.sampled_from(
            [
                "--q\nContent-Type: message/delivery-status\n\nAction: failed\nStatus: 5.1.1\n\n"
                "--q\nContent-Type: text/rfc822-headers\n\nMessage-ID: <x@y>\n--q--\n",
                "--q\nContent-Type: message/rfc822\n\n\n--q--",
                "PGI+aGk8L2I+",
                "=E9t=E9=\n",
            ]
        ),
    ),
)
def test_never_raises_on_structured_garbage(fields: list[tuple[str, str]], body: str) -> None:
    lines = []
    for name, value in fields:
        clean = value.replace("\r", " ").replace("\n", " ")
        lines.append(f"{name}: {clean}")
    text = "\n".join(lines) + "\n\n" + body
    _check_all(email.message_from_string(text, policy=policy.default))
    _check_all(BytesParser(policy=policy.default).parsebytes(text.encode("utf-8", "surrogatepass")))


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=200), st.datetimes(timezones=st.just(UTC)))
def test_find_return_date_never_raises(text: str, received: datetime) -> None:
    sample = f"I am out of the office until {text} and back on {text[::-1]}"
    found = find_return_date(sample, received)
    assert found is None or received.date() <= found <= received.date() + timedelta(days=30)


# --------------------------------------------------------------------------- import cost


def test_import_does_not_load_dateutil() -> None:
    heavy = ("dateutil", "dateparser", "regex", "pytz", "tzlocal", "email.policy")
    code = (
        "import sys\n"
        "import feedback_mailer.mail.classify\n"
        f"heavy = {heavy!r}\n"
        "print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.') "
        "for h in heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- other languages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ich bin ab dem 8. Dezember wieder im Büro.", date(2026, 12, 8)),
        ("Ab Montag, dem 7. Dezember 2026, bin ich wieder erreichbar.", date(2026, 12, 7)),
        ("Ich bin bis zum 4. Dezember 2026 nicht erreichbar.", date(2026, 12, 4)),
        ("Ich bin ab 23.12. im Urlaub.", None),  # when the absence begins
        ("Je serai de retour le 8 décembre.", date(2026, 12, 8)),
        ("Je suis absente jusqu'au 04/12/2026 inclus.", date(2026, 12, 7)),  # through Fri: Mon
        ("Estaré de vuelta el 8 de diciembre.", date(2026, 12, 8)),
        ("Estoy fuera de la oficina hasta el 4 de diciembre de 2026.", date(2026, 12, 4)),
        ("Sarò di nuovo in ufficio lunedì 7 dicembre.", date(2026, 12, 7)),
        ("rientrerò l'8 dicembre", date(2026, 12, 8)),
        ("Ik ben vanaf maandag 7 december weer op kantoor.", date(2026, 12, 7)),
        ("Ik ben afwezig tot en met 4 december 2026.", date(2026, 12, 7)),  # through Fri: Mon
        ("Estarei de volta no dia 8 de dezembro.", date(2026, 12, 8)),
        ("Estou ausente do escritório até 04/12/2026.", date(2026, 12, 4)),
        ("Jestem poza biurem do 4 grudnia.", date(2026, 12, 4)),
        ("będę z powrotem 7 grudnia 2026 r.", date(2026, 12, 7)),
        ("Jag är ledig till och med 4 december 2026.", date(2026, 12, 7)),  # through Fri: Mon
        ("Åter på kontoret 2026-12-08.", date(2026, 12, 8)),
        ("Jeg er tilbage mandag den 7. december.", date(2026, 12, 7)),
        ("Jeg har ferie til og med 4. desember 2026.", date(2026, 12, 7)),  # through Fri: Mon
        ("Ich bin am 8. Dezember auf einer Konferenz.", None),  # no return, no end
        ("Ich bin ab dem 8. Januar 2027 wieder im Büro.", None),  # beyond 30 days
    ],
)
def test_find_return_date_in_other_languages(text: str, expected: date | None) -> None:
    assert find_return_date(text, RECEIVED) == expected


# --------------------------------------------------------------------------- hostile input


NOW = datetime.now(UTC)
REQUEST_ID = "<request.1@example.com>"


def _storable(text: str | None) -> None:
    if text is not None:
        text.encode("utf-8")  # raises on a lone surrogate, as SQLite would


@pytest.mark.parametrize(
    ("name", "raw", "bound"),
    [
        ("deep_multipart", hostile_mail.deep_multipart(REQUEST_ID), "MIME nesting"),
        ("html_anchor_flood", hostile_mail.html_anchor_flood(REQUEST_ID, size=300_000), None),
        ("long_header_line", hostile_mail.long_header_line(REQUEST_ID), "header lines over"),
        ("many_headers", hostile_mail.many_headers(REQUEST_ID), "header fields"),
        ("many_parts", hostile_mail.many_parts(REQUEST_ID), "MIME parts"),
        ("latin1_subject", hostile_mail.latin1_subject(REQUEST_ID), None),
        ("utf8_subject", hostile_mail.utf8_subject(REQUEST_ID), None),
        ("latin1_message_id", hostile_mail.latin1_message_id(REQUEST_ID), None),
        ("terminal_escapes", hostile_mail.terminal_escapes(REQUEST_ID), None),
        ("delivery_report", hostile_mail.delivery_report(REQUEST_ID, "bob@example.org"), None),
    ],
)
def test_hostile_messages_are_read_within_the_budget(
    name: str, raw: bytes, bound: str | None
) -> None:
    result = classify_bytes(raw, NOW)
    assert result.kind != Verdict.UNREADABLE, (name, result.signals)
    if bound is not None:
        assert any(s.startswith("bounded: ") and bound in s for s in result.signals), name
    _storable(result.excerpt)
    for signal in result.signals:
        _storable(signal)


def test_deep_nesting_does_not_reach_the_parser() -> None:
    raw = hostile_mail.deep_multipart(REQUEST_ID, depth=5_000)
    message = read_message(raw)  # the caller's parse is bounded too
    assert message is not None
    result = classify_bytes(raw, NOW)
    assert result.kind == Verdict.MACHINE  # a postmaster's message with no failure in it
    assert any("MIME nesting deeper than 20" in s for s in result.signals)


def test_an_html_flood_gives_its_text() -> None:
    raw = hostile_mail.html_anchor_flood(REQUEST_ID, size=1_000_000)
    result = classify_bytes(raw, NOW)
    assert result.kind == Verdict.ANSWER
    assert len(result.excerpt) <= 300


def test_html_is_read_in_one_pass() -> None:
    html = (
        "<html><head><title>t</title><style>p {color: red}</style></head><body>"
        "<!-- a comment <p>hidden</p> --><p>Hi&nbsp;Alex,</p><script>var x = '<p>';</script>"
        "<div>Good <b>news</b> &amp; more</div><blockquote>quoted <p>text</p></blockquote>"
        "<p>a < b and c > d</p><a <a <a</body></html>"
    )
    text = classify_package.bodies.html_to_text(html)
    assert text.splitlines()[0] == "Hi Alex,"
    assert "Good news & more" in text
    assert "hidden" not in text and "color" not in text and "var x" not in text
    assert "> quoted" in text and "> text" in text
    assert "a < b and c > d" in text


def test_raw_8bit_headers_come_out_as_text() -> None:
    latin1 = read_message(hostile_mail.latin1_subject(REQUEST_ID))
    assert header_text(latin1, "Subject") == "Re: Café crème à la française"
    utf8 = read_message(hostile_mail.utf8_subject(REQUEST_ID))
    assert header_text(utf8, "Subject") == "Re: Votre candidature — merci ✓ 日本語"
    message_id = header_text(read_message(hostile_mail.latin1_message_id(REQUEST_ID)), "Message-ID")
    assert message_id is not None and message_id.startswith("<réponse-")
    headers_only = read_headers(hostile_mail.latin1_subject(REQUEST_ID))
    assert header_text(headers_only, "Subject") == "Re: Café crème à la française"
    encoded = headers("Subject: =?utf-8?q?R=C3=A9ponse?= =?x-unknown?q?=FF?=")
    _storable(header_text(encoded, "Subject", decode=True))


def test_an_8bit_diagnostic_code_is_decoded() -> None:
    raw = hostile_mail.delivery_report(REQUEST_ID, "bob@example.org")
    result = classify_bytes(raw, NOW)
    assert result.kind == Verdict.BOUNCE and result.bounce is not None
    assert result.bounce.hard and result.bounce.status == "5.1.1"
    assert result.bounce.recipients == ("bob@example.org",)
    assert result.bounce.message_ids == (REQUEST_ID,)
    assert result.bounce.diagnostic == (
        "550 5.1.1 <bob@example.org>: Empfänger unbekannt / recipient unknown"
    )
    assert "Action: failed" in result.signals


def test_a_success_report_is_machine_not_a_soft_bounce() -> None:
    raw = hostile_mail.delivery_report(
        REQUEST_ID, "bob@example.org", action="delivered", status="2.0.0", threaded=True
    )
    result = classify_bytes(raw, NOW)
    assert result.kind == Verdict.MACHINE
    assert result.bounce is None
    assert "Action: delivered" in result.signals
    assert parse_bounce(read_message(raw)) == BounceInfo(False, None, None, (), ())


@pytest.mark.parametrize(
    "raw",
    [
        hostile_mail.garbage_date(REQUEST_ID),
        hostile_mail.ancient_date(REQUEST_ID),
        hostile_mail.ancient_date(REQUEST_ID, year=1989),
        hostile_mail.far_future_date(REQUEST_ID),
        hostile_mail.far_future_date(REQUEST_ID, years_ahead=9999 - NOW.year),
        hostile_mail.far_future_date(REQUEST_ID, years_ahead=20_000),
        hostile_mail.reply(REQUEST_ID, date=b"Tue, 1 Dec 2026 10:00:00 +9999"),
    ],
)
def test_an_unbelievable_date_is_not_used(raw: bytes) -> None:
    assert message_date(read_headers(raw)) is None
    assert message_date(read_message(raw)) is None


def test_a_date_a_little_ahead_is_believed_and_more_is_not() -> None:
    msg = headers("Date: Wed, 2 Dec 2026 08:15:00 +0000")
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert message_date(msg, now=now) == datetime(2026, 12, 2, 8, 15, tzinfo=UTC)
    assert message_date(msg, now=now - timedelta(hours=1)) is None
    assert message_date(headers("Date: Mon, 1 Jan 1990 00:00:00 +0000"), now=now) is not None
    assert message_date(headers("Date: Sun, 31 Dec 1989 23:59:59 +0000"), now=now) is None


def test_an_exhausted_budget_is_unreadable() -> None:
    raw = hostile_mail.reply(REQUEST_ID)
    result = classify_bytes(raw, NOW, budget=0)
    assert result.kind == Verdict.UNREADABLE
    assert result.signals == ("time budget of 0 s exhausted",)
    assert result.bounce is None and result.return_date is None
    assert classify(read_message(raw), NOW, budget=0).kind == Verdict.UNREADABLE


def test_a_failing_reader_is_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_msg: Message) -> str:
        raise MemoryError("no room")

    monkeypatch.setattr(classify_package, "body_text", broken)
    result = classify_bytes(hostile_mail.reply(REQUEST_ID), NOW)
    assert result.kind == Verdict.UNREADABLE
    assert result.signals == ("reader failed: MemoryError",)


def test_signals_name_what_decided() -> None:
    raw = hostile_mail.reply(
        REQUEST_ID,
        subject="Abwesenheitsnotiz: Feedback?",
        body="Ich bin ab dem 8. Dezember wieder im Büro.\r\n",
        date="Tue, 01 Dec 2026 12:00:00 +0000",
        extra_headers=[("Auto-Submitted", "auto-replied")],
    )
    result = classify_bytes(raw, RECEIVED)
    assert result.kind == Verdict.AUTO_REPLY
    assert result.return_date == date(2026, 12, 8)
    assert result.signals == (
        "Auto-Submitted: auto-replied",
        "subject starts with 'Abwesenheitsnotiz:'",
        "return date from 'Ich bin ab dem 8. Dezember'",
    )


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2_000))
def test_classify_bytes_never_raises(data: bytes) -> None:
    result = classify_bytes(data, RECEIVED)
    assert result.kind in set(Verdict)
    assert (result.bounce is not None) == (result.kind == Verdict.BOUNCE)
    for text in (result.excerpt, *result.signals):
        _storable(text)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                b"From: <>\r\n",
                b"Content-Type: multipart/report; boundary=q\r\n",
                b"Content-Type: multipart/mixed; boundary=q\r\n",
                b"Content-Type: message/rfc822\r\n",
                b"Content-Type: message/delivery-status\r\n",
                b"Content-Type: text/html\r\n",
                b"Subject: \xe9\xff Abwesenheitsnotiz\r\n",
                b"\r\n",
                b"--q\r\n",
                b"--q--\r\n",
                b"Action: failed\r\nStatus: 5.1.1\r\n",
                b"<a <a <a",
                b"Ich bin ab dem 8. Dezember wieder da.\r\n",
            ]
        ),
        max_size=60,
    )
)
def test_classify_bytes_never_raises_on_mime_shaped_garbage(chunks: list[bytes]) -> None:
    result = classify_bytes(b"".join(chunks), RECEIVED)
    assert result.kind in set(Verdict)
    for text in (result.excerpt, *result.signals):
        _storable(text)


# --------------------------------------------------------------------------- tying a bounce

CORPUS = Path(__file__).parent / "data" / "corpus"


def _open_request(store: object, contact: str, subject: str, message_id: str) -> int:
    from feedback_mailer.store import NewRequest, Store

    assert isinstance(store, Store)
    new = NewRequest(
        company="Acme Corp",
        role="Program Manager",
        contact_name="Jane Doe",
        contact_email=contact,
        template="request",
        subject=subject,
        message_id=message_id,
        raw=b"",
        recipient_tz="UTC",
        interview_date=None,
        follow_up_due=None,
    )
    with store.transaction() as tx:
        return tx.insert_request(new, RECEIVED, forced=True).id


def test_a_bounce_naming_a_forwarding_address_is_tied_by_the_returned_original(
    tmp_path: Path,
) -> None:
    """The report names jane@forward.example; the returned original was To the contact."""
    from feedback_mailer.lifecycle.scanning import _Candidates
    from feedback_mailer.store import open_store

    raw = (CORPUS / "hard_bounce_2" / "forwarding_x_failed_alias.eml").read_bytes()
    result = classify_bytes(raw, RECEIVED)
    assert result.bounce is not None and result.bounce.hard
    assert "jane@forward.example" in result.bounce.recipients
    assert "jane.doe@acme.example" in result.bounce.recipients  # the returned original's To
    assert result.bounce.subjects == ("Feedback on my interview for the Program Manager role",)

    store = open_store(tmp_path / "by_to.sqlite")
    ours = _open_request(store, "jane.doe@acme.example", "Another subject", "<other-1@example.com>")
    assert _Candidates.load(store).match_bounce(result.bounce) == ours

    # Neither the Message-ID nor an address ties it: the returned Subject does, when one
    # open request alone has it.
    store = open_store(tmp_path / "by_subject.sqlite")
    subject = "Re: Feedback on my interview for the Program Manager role"
    ours = _open_request(store, "j.doe@elsewhere.example", subject, "<other-2@example.com>")
    _open_request(
        store, "sam@elsewhere.example", "Feedback on my interview", "<other-3@example.com>"
    )
    assert _Candidates.load(store).match_bounce(result.bounce) == ours
    _open_request(store, "kim@elsewhere.example", subject, "<other-4@example.com>")
    assert _Candidates.load(store).match_bounce(result.bounce) is None  # ambiguous
