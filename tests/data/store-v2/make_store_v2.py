"""Writes store-v2.sqlite3: a database made by the release whose schema is version 2
(commit e160472), holding requests in every state, a sent follow-up, replies of each
kind, notes and scan state. tests/test_journal_store.py opens it with the current code
and checks that everything is still there and the version 3 tables were added.

It uses that release's own code, so run it against a checkout of it:

    git worktree add /tmp/fm-v2 e160472
    PYTHONPATH=/tmp/fm-v2 .venv/bin/python tests/data/store-v2/make_store_v2.py \\
        tests/data/store-v2/store-v2.sqlite3
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from feedback_mailer.lifecycle import follow_ups, outcomes, replies
from feedback_mailer.lifecycle.delivery import record_request
from feedback_mailer.store import NewRequest, Reply, ScanState, open_store
from feedback_mailer.store.schema import SCHEMA_VERSION
from feedback_mailer.store.states import ReplyKind, Status

START = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

CONTACTS = [
    ("Acme Corp", "Program Manager", "Jane Doe", "jane.doe@acme.example"),
    ("Globex", "Engineer", "Hank Scorpio", "hank@globex.example"),
    ("Initech", None, None, "bill@initech.example"),
    ("Umbrella", "Analyst", "Alice Abernathy", "alice@umbrella.example"),
    ("Hooli", "Product Owner", "Gavin Belson", "gavin@hooli.example"),
    ("Société Générale", "Ingénieure", "Zoë Müller", "zoe@sg.example"),
]


def raw_message(index: int, subject: str, to: str) -> bytes:
    return (
        f"From: Alex Candidate <alex@example.com>\r\nTo: {to}\r\nSubject: {subject}\r\n"
        f"Message-ID: <req{index}@example.com>\r\nMIME-Version: 1.0\r\n\r\n"
        "Dear contact,\r\n\r\nThank you for the interview.\r\n"
    ).encode()


def reply(request_id: int, kind: ReplyKind, at: datetime, **extra: object) -> Reply:
    return Reply(
        request_id=request_id,
        kind=kind,
        key=f"<{kind}-{request_id}@mail.example>",
        folder="INBOX",
        uid=request_id * 10,
        message_id=f"<{kind}-{request_id}@mail.example>",
        from_addr=str(extra.get("from_addr", "someone@mail.example")),
        date=at,
        subject=str(extra.get("subject", "Re: Feedback")),
        excerpt=extra.get("excerpt"),  # type: ignore[arg-type]
        detail=dict(extra.get("detail", {})),  # type: ignore[call-overload]
        found_at=at,
    )


def main(path: Path) -> None:
    assert SCHEMA_VERSION == 2, "run this against the release with schema version 2"
    path.unlink(missing_ok=True)
    with open_store(path) as store:
        ids = []
        for index, (company, role, name, email) in enumerate(CONTACTS, start=1):
            sent = START + timedelta(days=index)
            request = record_request(
                store,
                NewRequest(
                    company=company,
                    role=role,
                    contact_name=name,
                    contact_email=email,
                    template="formal",
                    subject=f"Feedback on my interview at {company}",
                    message_id=f"<req{index}@example.com>",
                    raw=raw_message(index, f"Feedback on my interview at {company}", email),
                    recipient_tz="Europe/Berlin",
                    interview_date=(sent.date() - timedelta(days=2)).isoformat(),
                    follow_up_due=sent + timedelta(days=7),
                ),
                sent,
            )
            ids.append(request.id)
        acme, globex, initech, umbrella, hooli, societe = ids
        for request_id in (acme, globex, initech, hooli, societe):
            sent = store.get_request(request_id).created_at
            outcomes.change_status(store, request_id, Status.AWAITING, sent, sent_at=sent)
        # Acme answered within two days.
        at = START + timedelta(days=3)
        replies.apply_found_message(
            store,
            acme,
            reply(
                acme,
                ReplyKind.ANSWER,
                at,
                from_addr="jane.doe@acme.example",
                excerpt="Your system design answer stayed at a high level.",
                detail={"signals": ["thread"], "matched_by": "thread"},
            ),
            None,
            None,
            at,
        )
        # Globex: an out-of-office, the follow-up sent, then closed as no response.
        at = START + timedelta(days=4)
        replies.apply_found_message(
            store,
            globex,
            reply(globex, ReplyKind.AUTO_REPLY, at, detail={"return_date": "2026-11-20"}),
            date(2026, 11, 20),
            None,
            at,
        )
        due = START + timedelta(days=9)
        assert follow_ups.claim(
            store, globex, due, message_id="<fu2@example.com>", raw=b"Subject: Re: x\r\n\r\nx\r\n"
        )
        follow_ups.finish_sent(store, globex, due)
        outcomes.change_status(
            store, globex, Status.CLOSED, due + timedelta(days=14), reason="no response"
        )
        # Initech bounced.
        at = START + timedelta(days=3, hours=1)
        replies.apply_found_message(
            store,
            initech,
            reply(
                initech,
                ReplyKind.BOUNCE_HARD,
                at,
                from_addr="MAILER-DAEMON@mx.example",
                detail={"status": "5.1.1", "diagnostic": "user unknown"},
            ),
            None,
            None,
            at,
        )
        # Umbrella failed; Hooli awaits with a possible answer holding its follow-up.
        outcomes.change_status(store, umbrella, Status.FAILED, START, reason="550 refused")
        at = START + timedelta(days=6)
        replies.apply_found_message(
            store,
            hooli,
            reply(hooli, ReplyKind.POSSIBLE_ANSWER, at, from_addr="hr@hooli.example"),
            None,
            None,
            at,
        )
        store.note(hooli, at, "called the recruiter")
        with store.transaction() as tx:
            tx.save_scan_state(ScanState("INBOX", 1234, 99), at)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
