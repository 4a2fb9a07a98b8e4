"""Rows to records, by column name: an added column never shifts a field.

Every connection reads rows as `sqlite3.Row` (set in `database.open_store`), so
each builder names the columns it takes.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from feedback_mailer.store.records import (
    Event,
    FollowUp,
    Point,
    Reflection,
    Reply,
    Request,
    ScanState,
    StoredMessage,
    StoredRejection,
    ThankYou,
    from_iso,
)

REQUEST_COLUMNS = """
    r.id, r.company, r.role, r.contact_name, r.contact_email, r.template, r.subject,
    r.status, r.status_reason, r.created_at, r.attempt_at, r.sent_at, r.message_id,
    r.replied_at, r.reply_from, r.reply_excerpt, r.recipient_tz, r.interview_date,
    f.status AS f_status, f.due_at AS f_due_at, f.sent_at AS f_sent_at,
    f.message_id AS f_message_id, f.reason AS f_reason, f.template AS f_template,
    f.claimed_at AS f_claimed_at, f.hold AS f_hold,
    r.language, r.greet
"""
REQUEST_SELECT = (
    f"SELECT {REQUEST_COLUMNS} FROM requests r JOIN follow_ups f ON f.request_id = r.id"
)


def request_from_row(row: sqlite3.Row) -> Request:
    follow_up = FollowUp(
        status=row["f_status"],
        due_at=from_iso(row["f_due_at"]),
        sent_at=from_iso(row["f_sent_at"]),
        message_id=row["f_message_id"],
        reason=row["f_reason"],
        template=row["f_template"],
        claimed_at=from_iso(row["f_claimed_at"]),
        hold=row["f_hold"],
    )
    return Request(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        contact_name=row["contact_name"],
        contact_email=row["contact_email"],
        template=row["template"],
        subject=row["subject"],
        status=row["status"],
        status_reason=row["status_reason"],
        created_at=datetime.fromisoformat(row["created_at"]),
        attempt_at=from_iso(row["attempt_at"]),
        sent_at=from_iso(row["sent_at"]),
        message_id=row["message_id"],
        replied_at=from_iso(row["replied_at"]),
        reply_from=row["reply_from"],
        reply_excerpt=row["reply_excerpt"],
        recipient_tz=row["recipient_tz"],
        interview_date=row["interview_date"],
        follow_up=follow_up,
        language=row["language"],
        greet=row["greet"],
    )


def json_text(value: dict[str, Any]) -> str:
    import json  # only writers and detail views need it, not `list`

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def json_value(text: str) -> dict[str, Any]:
    import json

    value: dict[str, Any] = json.loads(text)
    return value


THANK_YOU_COLUMNS = (
    "request_id, status, message_id, in_reply_to, recipient, attempt_at, sent_at, reason"
)


def thank_you_from_row(row: sqlite3.Row) -> ThankYou:
    return ThankYou(
        request_id=row["request_id"],
        status=row["status"],
        message_id=row["message_id"],
        in_reply_to=row["in_reply_to"],
        recipient=row["recipient"],
        attempt_at=from_iso(row["attempt_at"]),
        sent_at=from_iso(row["sent_at"]),
        reason=row["reason"],
    )


def thank_you(db: sqlite3.Connection, request_id: int) -> ThankYou | None:
    row = db.execute(
        f"SELECT {THANK_YOU_COLUMNS} FROM thank_yous WHERE request_id = ?", (request_id,)
    ).fetchone()
    return thank_you_from_row(row) if row else None


def event_from_row(row: sqlite3.Row) -> Event:
    return Event(
        row["id"],
        row["request_id"],
        from_iso(row["at"]) or datetime.min,
        row["kind"],
        json_value(row["detail"]),
    )


def message_from_row(row: sqlite3.Row) -> StoredMessage:
    return StoredMessage(
        row["request_id"],
        row["kind"],
        row["message_id"],
        bytes(row["raw"]),
        from_iso(row["created_at"]) or datetime.min,
    )


REPLY_COLUMNS = (
    "request_id, kind, key, folder, uid, message_id, from_addr, date, subject, "
    "excerpt, detail, found_at, body"
)


def reply_from_row(row: sqlite3.Row) -> Reply:
    return Reply(
        request_id=row["request_id"],
        kind=row["kind"],
        key=row["key"],
        folder=row["folder"],
        uid=row["uid"],
        message_id=row["message_id"],
        from_addr=row["from_addr"],
        date=from_iso(row["date"]),
        subject=row["subject"],
        excerpt=row["excerpt"],
        detail=json_value(row["detail"]),
        found_at=from_iso(row["found_at"]) or datetime.min,
        body=row["body"],
    )


REFLECTION_COLUMNS = (
    "id, request_id, company, role, interview_date, feedback, notes, created_at, updated_at"
)


def point_from_row(row: sqlite3.Row) -> Point:
    tags = tuple(row["tags"].split(" ")) if row["tags"] else ()
    return Point(row["kind"], row["text"], tags)


def reflection_from_row(row: sqlite3.Row, points: tuple[Point, ...]) -> Reflection:
    return Reflection(
        id=row["id"],
        request_id=row["request_id"],
        company=row["company"],
        role=row["role"],
        interview_date=row["interview_date"],
        feedback=row["feedback"],
        notes=row["notes"],
        created_at=from_iso(row["created_at"]) or datetime.min,
        updated_at=from_iso(row["updated_at"]) or datetime.min,
        points=points,
    )


def scan_state_from_row(row: sqlite3.Row) -> ScanState:
    return ScanState(row["folder"], row["uidvalidity"], row["last_uid"])


REJECTION_COLUMNS = (
    "id, message_id, received, company, role, language, contact, contact_name, feedback, "
    "feedback_quote, nobody_reason, subject, thread_references, folder, uid, status, "
    "request_id, found_at"
)


def rejection_from_row(row: sqlite3.Row) -> StoredRejection:
    return StoredRejection(
        id=row["id"],
        message_id=row["message_id"],
        received=from_iso(row["received"]),
        company=row["company"],
        role=row["role"],
        language=row["language"],
        contact=row["contact"],
        contact_name=row["contact_name"],
        feedback=row["feedback"],
        feedback_quote=row["feedback_quote"],
        nobody_reason=row["nobody_reason"],
        subject=row["subject"],
        references=tuple(row["thread_references"].split()),
        folder=row["folder"],
        uid=row["uid"],
        status=row["status"],
        request_id=row["request_id"],
        found_at=from_iso(row["found_at"]) or datetime.min,
    )
