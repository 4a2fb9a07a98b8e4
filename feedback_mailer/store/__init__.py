"""The SQLite store: requests, their one follow-up, sent bytes, replies, events.

All SQL lives here. Every state change happens in one transaction together
with its row in the append-only `events` table, so history is never lost or
silently overwritten. Writers take the lock up front (`BEGIN IMMEDIATE`) so
concurrent `run`s serialise on the claim instead of racing.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from feedback_mailer.errors import NotFoundError, RefusedError, StoreError

REQUEST_STATUSES = ("sending", "awaiting", "answered", "bounced", "closed", "failed", "unknown")
OPEN_STATUSES = ("sending", "awaiting", "unknown")
FOLLOW_UP_STATUSES = ("none", "scheduled", "sending", "sent", "cancelled")
REPLY_KINDS = ("answer", "auto_reply", "bounce_hard", "bounce_soft")

# Which request states may follow which: anything else is a bug or a race and is refused.
REQUEST_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "sending": ("awaiting", "failed", "unknown", "answered", "bounced", "closed"),
    "failed": ("sending", "closed"),
    "unknown": ("sending", "awaiting", "answered", "bounced", "closed"),
    "awaiting": ("answered", "bounced", "closed"),
    "answered": ("closed",),
    "bounced": ("closed",),
    "closed": (),
}

BUSY_TIMEOUT_MS = 10_000


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z suffix, to the second: sortable as text."""
    # isoformat is several times faster than strftime, which matters for `list`;
    # values read back from the store are already UTC to the second.
    if moment.tzinfo is not UTC or moment.microsecond:
        moment = moment.astimezone(UTC).replace(microsecond=0)
    return moment.isoformat()[:-6] + "Z"


def from_iso(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text)  # Python 3.11 reads the Z suffix as UTC


# Records are NamedTuples rather than dataclasses: creating seven frozen
# dataclasses cost `list` ~10 ms at import, and building them ~4x more per row.
class FollowUp(NamedTuple):
    status: str
    due_at: datetime | None = None
    sent_at: datetime | None = None
    message_id: str | None = None
    reason: str | None = None
    template: str = "follow_up"
    claimed_at: datetime | None = None


class Request(NamedTuple):
    id: int
    company: str
    role: str | None
    contact_name: str | None
    contact_email: str
    template: str
    subject: str
    status: str
    status_reason: str | None
    created_at: datetime
    attempt_at: datetime | None
    sent_at: datetime | None
    message_id: str
    replied_at: datetime | None
    reply_from: str | None
    reply_excerpt: str | None
    recipient_tz: str
    interview_date: str | None
    follow_up: FollowUp = FollowUp("none")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class NewRequest(NamedTuple):
    company: str
    role: str | None
    contact_name: str | None
    contact_email: str
    template: str
    subject: str
    message_id: str
    raw: bytes
    recipient_tz: str
    interview_date: str | None
    follow_up_due: datetime | None
    follow_up_template: str = "follow_up"


class Event(NamedTuple):
    id: int
    request_id: int | None
    at: datetime
    kind: str
    detail: dict[str, Any]


class StoredMessage(NamedTuple):
    request_id: int
    kind: str  # "request" | "follow_up"
    message_id: str
    raw: bytes
    created_at: datetime


class Reply(NamedTuple):
    request_id: int
    kind: str
    key: str
    folder: str
    uid: int | None
    message_id: str | None
    from_addr: str | None
    date: datetime | None
    subject: str | None
    excerpt: str | None
    detail: dict[str, Any]
    found_at: datetime


class ScanState(NamedTuple):
    folder: str
    uidvalidity: int
    last_uid: int


# --- schema -----------------------------------------------------------------

_SCHEMA_V1 = """
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    company TEXT NOT NULL,
    role TEXT,
    contact_name TEXT,
    contact_email TEXT NOT NULL,
    template TEXT NOT NULL,
    subject TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN
        ('sending','awaiting','answered','bounced','closed','failed','unknown')),
    status_reason TEXT,
    created_at TEXT NOT NULL,
    attempt_at TEXT,
    sent_at TEXT,
    message_id TEXT NOT NULL UNIQUE,
    replied_at TEXT,
    reply_from TEXT,
    reply_excerpt TEXT,
    recipient_tz TEXT NOT NULL,
    interview_date TEXT
);
CREATE INDEX requests_by_status ON requests (status);
CREATE INDEX requests_by_contact ON requests (contact_email COLLATE NOCASE, status);

CREATE TABLE follow_ups (
    request_id INTEGER PRIMARY KEY REFERENCES requests (id),
    status TEXT NOT NULL CHECK (status IN ('none','scheduled','sending','sent','cancelled')),
    due_at TEXT,
    sent_at TEXT,
    message_id TEXT UNIQUE,
    reason TEXT,
    template TEXT NOT NULL DEFAULT 'follow_up',
    claimed_at TEXT
);
CREATE INDEX follow_ups_due ON follow_ups (status, due_at);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL CHECK (kind IN ('request','follow_up')),
    message_id TEXT NOT NULL UNIQUE,
    raw BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX messages_by_request ON messages (request_id);

CREATE TABLE replies (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL CHECK (kind IN ('answer','auto_reply','bounce_hard','bounce_soft')),
    key TEXT NOT NULL,
    folder TEXT NOT NULL,
    uid INTEGER,
    message_id TEXT,
    from_addr TEXT,
    date TEXT,
    subject TEXT,
    excerpt TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    found_at TEXT NOT NULL,
    UNIQUE (request_id, key)
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    request_id INTEGER REFERENCES requests (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_request ON events (request_id, id);
-- Append-only: history may grow, never change.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE scan_state (
    folder TEXT PRIMARY KEY,
    uidvalidity INTEGER NOT NULL,
    last_uid INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
"""

# MIGRATIONS[n] takes a database from user_version n to n + 1.
MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1,)
SCHEMA_VERSION = len(MIGRATIONS)

_REQUEST_COLUMNS = """
    r.id, r.company, r.role, r.contact_name, r.contact_email, r.template, r.subject,
    r.status, r.status_reason, r.created_at, r.attempt_at, r.sent_at, r.message_id,
    r.replied_at, r.reply_from, r.reply_excerpt, r.recipient_tz, r.interview_date,
    f.status, f.due_at, f.sent_at, f.message_id, f.reason, f.template, f.claimed_at
"""
_REQUEST_SELECT = (
    f"SELECT {_REQUEST_COLUMNS} FROM requests r JOIN follow_ups f ON f.request_id = r.id"
)


def _request_from_row(row: Sequence[Any]) -> Request:
    follow_up = FollowUp(
        status=row[18],
        due_at=from_iso(row[19]),
        sent_at=from_iso(row[20]),
        message_id=row[21],
        reason=row[22],
        template=row[23],
        claimed_at=from_iso(row[24]),
    )
    created = from_iso(row[9])
    assert created is not None
    return Request(
        id=row[0],
        company=row[1],
        role=row[2],
        contact_name=row[3],
        contact_email=row[4],
        template=row[5],
        subject=row[6],
        status=row[7],
        status_reason=row[8],
        created_at=created,
        attempt_at=from_iso(row[10]),
        sent_at=from_iso(row[11]),
        message_id=row[12],
        replied_at=from_iso(row[13]),
        reply_from=row[14],
        reply_excerpt=row[15],
        recipient_tz=row[16],
        interview_date=row[17],
        follow_up=follow_up,
    )


def duplicate_refusal(request_id: int, email: str, company: str, status: str) -> RefusedError:
    """The one sentence for a second open request to the same person at the same company."""
    return RefusedError(
        f"Request {request_id} to {email} at {company} is still open ({status}): asking twice "
        f"looks pushy. See `feedback-mailer show {request_id}`, or pass --force if this really "
        "is a new request."
    )


def _json_text(value: dict[str, Any]) -> str:
    import json  # only writers and detail views need it, not `list`

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _json_value(text: str) -> dict[str, Any]:
    import json

    value: dict[str, Any] = json.loads(text)
    return value


def _create_private_file(path: Path) -> None:
    """Create the database file 0600 before SQLite does, so it is never world-readable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
    except FileExistsError:
        pass
    except OSError as error:
        raise StoreError(
            f"Cannot create the database {path} ({error.strerror}): fix the directory's "
            "permissions or set FEEDBACK_MAILER_DB to a writable path."
        ) from None


class Store:
    """One open database. Use `open_store()`; close it (or use `with`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # --- plumbing -----------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding the database lock from its first statement."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise _translate(error, self.path) from None
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                self._db.execute("ROLLBACK")
                raise _translate(error, self.path) from None

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    @staticmethod
    def _event(
        db: sqlite3.Connection, request_id: int | None, at: datetime, kind: str, **detail: Any
    ) -> None:
        db.execute(
            "INSERT INTO events (request_id, at, kind, detail) VALUES (?, ?, ?, ?)",
            (request_id, iso(at), kind, _json_text(detail)),
        )

    def _set_status(
        self, db: sqlite3.Connection, request: Request, new: str, at: datetime, reason: str | None
    ) -> None:
        if new not in REQUEST_TRANSITIONS[request.status]:
            raise RefusedError(f"Request {request.id} is {request.status}; it cannot become {new}.")
        changed = db.execute(
            "UPDATE requests SET status = ?, status_reason = ? WHERE id = ? AND status = ?",
            (new, reason, request.id, request.status),
        ).rowcount
        if changed != 1:  # another process moved it first
            raise RefusedError(f"Request {request.id} changed meanwhile; run the command again.")
        self._event(db, request.id, at, "status", old=request.status, new=new, reason=reason)

    def _set_follow_up(
        self,
        db: sqlite3.Connection,
        request: Request,
        new: str,
        at: datetime,
        *,
        reason: str | None = None,
        due_at: datetime | None = None,
        expected: Iterable[str] | None = None,
    ) -> bool:
        """Move the follow-up from one of `expected` states; False when it was not in one."""
        allowed = tuple(expected) if expected is not None else (request.follow_up.status,)
        marks = ",".join("?" * len(allowed))
        keep_due = due_at is None and new in ("sending", "sent")
        changed = db.execute(
            f"UPDATE follow_ups SET status = ?, reason = ?, "
            f"due_at = CASE WHEN ? THEN due_at ELSE ? END "
            f"WHERE request_id = ? AND status IN ({marks})",
            (new, reason, keep_due, iso(due_at) if due_at else None, request.id, *allowed),
        ).rowcount
        if changed:
            self._event(
                db,
                request.id,
                at,
                "follow_up",
                old=request.follow_up.status,
                new=new,
                reason=reason,
                old_due_at=iso(request.follow_up.due_at) if request.follow_up.due_at else None,
                due_at=iso(due_at) if due_at else None,
            )
        return bool(changed)

    def _get(self, db: sqlite3.Connection, request_id: int) -> Request:
        row = db.execute(f"{_REQUEST_SELECT} WHERE r.id = ?", (request_id,)).fetchone()
        if row is None:
            raise NotFoundError(
                f"There is no request {request_id}: `feedback-mailer list --all` shows the ids."
            )
        return _request_from_row(row)

    # --- requests -----------------------------------------------------------

    def get_request(self, request_id: int) -> Request:
        try:
            return self._get(self._db, request_id)
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    def list_requests(self, statuses: Sequence[str] | None = None) -> list[Request]:
        if statuses is None:
            rows = self._read(f"{_REQUEST_SELECT} ORDER BY r.id")
        else:
            marks = ",".join("?" * len(statuses))
            rows = self._read(
                f"{_REQUEST_SELECT} WHERE r.status IN ({marks}) ORDER BY r.id", tuple(statuses)
            )
        return [_request_from_row(row) for row in rows]

    def find_open_duplicate(self, contact_email: str, company: str) -> Request | None:
        rows = self._read(
            f"{_REQUEST_SELECT} WHERE r.contact_email = ? COLLATE NOCASE "
            "AND r.company = ? COLLATE NOCASE AND r.status IN ('sending','awaiting','unknown') "
            "ORDER BY r.id LIMIT 1",
            (contact_email, company.strip()),
        )
        return _request_from_row(rows[0]) if rows else None

    def create_request(self, new: NewRequest, now: datetime, *, force: bool = False) -> Request:
        """Record a request in `sending` with its exact bytes, before any SMTP is spoken."""
        with self._write() as db:
            if not force:
                duplicate = db.execute(
                    "SELECT id, status FROM requests WHERE contact_email = ? COLLATE NOCASE "
                    "AND company = ? COLLATE NOCASE AND status IN ('sending','awaiting','unknown')",
                    (new.contact_email, new.company.strip()),
                ).fetchone()
                if duplicate:
                    raise duplicate_refusal(
                        duplicate[0], new.contact_email, new.company, duplicate[1]
                    )
            cursor = db.execute(
                "INSERT INTO requests (company, role, contact_name, contact_email, template, "
                "subject, status, created_at, attempt_at, message_id, recipient_tz, "
                "interview_date) VALUES (?, ?, ?, ?, ?, ?, 'sending', ?, ?, ?, ?, ?)",
                (
                    new.company.strip(),
                    new.role,
                    new.contact_name,
                    new.contact_email,
                    new.template,
                    new.subject,
                    iso(now),
                    iso(now),
                    new.message_id,
                    new.recipient_tz,
                    new.interview_date,
                ),
            )
            request_id = cursor.lastrowid
            assert request_id is not None
            follow_status = "scheduled" if new.follow_up_due else "none"
            db.execute(
                "INSERT INTO follow_ups (request_id, status, due_at, template) VALUES (?, ?, ?, ?)",
                (
                    request_id,
                    follow_status,
                    iso(new.follow_up_due) if new.follow_up_due else None,
                    new.follow_up_template,
                ),
            )
            db.execute(
                "INSERT INTO messages (request_id, kind, message_id, raw, created_at) "
                "VALUES (?, 'request', ?, ?, ?)",
                (request_id, new.message_id, new.raw, iso(now)),
            )
            self._event(
                db,
                request_id,
                now,
                "created",
                status="sending",
                message_id=new.message_id,
                to=new.contact_email,
                company=new.company,
                template=new.template,
                follow_up=follow_status,
                follow_up_due=iso(new.follow_up_due) if new.follow_up_due else None,
                forced=force,
            )
            return self._get(db, request_id)

    def set_request_status(
        self,
        request_id: int,
        new: str,
        now: datetime,
        *,
        reason: str | None = None,
        expected: Sequence[str] | None = None,
        sent_at: datetime | None = None,
    ) -> Request:
        """Move a request to `new` (recording why); `expected` guards against races."""
        with self._write() as db:
            request = self._get(db, request_id)
            if expected is not None and request.status not in expected:
                raise RefusedError(
                    f"Request {request_id} is {request.status}, not {' or '.join(expected)}."
                )
            self._set_status(db, request, new, now, reason)
            if sent_at is not None:
                db.execute(
                    "UPDATE requests SET sent_at = ? WHERE id = ?", (iso(sent_at), request_id)
                )
            if new == "sending":
                db.execute(
                    "UPDATE requests SET attempt_at = ? WHERE id = ?", (iso(now), request_id)
                )
            # A failed request keeps its follow-up: `send --resume` may still deliver it,
            # and `run` only follows up on awaiting requests anyway.
            if new in ("answered", "bounced", "closed") and request.follow_up.status in (
                "scheduled",
            ):
                self._set_follow_up(
                    db, request, "cancelled", now, reason=reason or f"request {new}"
                )
            return self._get(db, request_id)

    def note(self, request_id: int, now: datetime, text: str) -> None:
        with self._write() as db:
            self._get(db, request_id)
            self._event(db, request_id, now, "note", text=text)

    def events(self, request_id: int) -> list[Event]:
        rows = self._read(
            "SELECT id, request_id, at, kind, detail FROM events WHERE request_id = ? ORDER BY id",
            (request_id,),
        )
        return [
            Event(row[0], row[1], from_iso(row[2]) or datetime.min, row[3], _json_value(row[4]))
            for row in rows
        ]

    def messages(self, request_id: int) -> list[StoredMessage]:
        rows = self._read(
            "SELECT request_id, kind, message_id, raw, created_at FROM messages "
            "WHERE request_id = ? ORDER BY id",
            (request_id,),
        )
        return [
            StoredMessage(row[0], row[1], row[2], bytes(row[3]), from_iso(row[4]) or datetime.min)
            for row in rows
        ]

    def message(self, request_id: int, kind: str) -> StoredMessage:
        # The newest of its kind: a follow-up released after a refusal is claimed again later.
        for stored in reversed(self.messages(request_id)):
            if stored.kind == kind:
                return stored
        raise NotFoundError(f"Request {request_id} has no stored {kind} message.")

    def stale_sending(self, before: datetime) -> list[Request]:
        """Requests and follow-ups whose sending began before `before` and never finished."""
        rows = self._read(
            f"{_REQUEST_SELECT} WHERE (r.status = 'sending' AND r.attempt_at < ?) "
            "OR (f.status = 'sending' AND f.claimed_at < ? AND f.reason IS NULL) ORDER BY r.id",
            (iso(before), iso(before)),
        )
        return [_request_from_row(row) for row in rows]

    # --- follow-ups ---------------------------------------------------------

    def schedule_follow_up(
        self, request_id: int, due_at: datetime, now: datetime, *, reason: str
    ) -> Request:
        with self._write() as db:
            request = self._get(db, request_id)
            moved = self._set_follow_up(
                db,
                request,
                "scheduled",
                now,
                reason=None,
                due_at=due_at,
                expected=("none", "scheduled", "cancelled"),
            )
            if not moved:
                raise RefusedError(
                    f"The follow-up of request {request_id} is {request.follow_up.status}; "
                    "it can no longer be scheduled."
                )
            self._event(db, request_id, now, "note", text=reason)
            return self._get(db, request_id)

    def cancel_follow_up(self, request_id: int, now: datetime, *, reason: str) -> Request:
        with self._write() as db:
            request = self._get(db, request_id)
            if not self._set_follow_up(
                db, request, "cancelled", now, reason=reason, expected=("scheduled", "none")
            ):
                raise RefusedError(
                    f"The follow-up of request {request_id} is {request.follow_up.status}; "
                    "there is nothing to cancel."
                )
            return self._get(db, request_id)

    def due_follow_ups(self, now: datetime) -> list[Request]:
        rows = self._read(
            f"{_REQUEST_SELECT} WHERE f.status = 'scheduled' AND f.due_at <= ? "
            "AND r.status = 'awaiting' ORDER BY f.due_at, r.id",
            (iso(now),),
        )
        return [_request_from_row(row) for row in rows]

    def claim_follow_up(
        self, request_id: int, now: datetime, *, message_id: str, raw: bytes
    ) -> bool:
        """Atomically take a due follow-up for sending, storing its bytes first.

        True only for the one process whose transaction flipped it from
        `scheduled` to `sending`; it is re-checked here, inside the lock, that
        the request is still awaiting with no reply and that it is still due.
        """
        with self._write() as db:
            request = self._get(db, request_id)
            follow_up = request.follow_up
            if (
                follow_up.status != "scheduled"
                or request.status != "awaiting"
                or request.replied_at is not None
                or follow_up.due_at is None
                or follow_up.due_at > now
            ):
                return False
            db.execute(
                "UPDATE follow_ups SET status = 'sending', message_id = ?, claimed_at = ?, "
                "reason = NULL WHERE request_id = ? AND status = 'scheduled'",
                (message_id, iso(now), request_id),
            )
            db.execute(
                "INSERT INTO messages (request_id, kind, message_id, raw, created_at) "
                "VALUES (?, 'follow_up', ?, ?, ?)",
                (request_id, message_id, raw, iso(now)),
            )
            self._event(
                db,
                request_id,
                now,
                "follow_up",
                old="scheduled",
                new="sending",
                message_id=message_id,
                pid=os.getpid(),
            )
            return True

    def finish_follow_up(
        self, request_id: int, now: datetime, outcome: str, *, reason: str | None = None
    ) -> Request:
        """Record what happened to a claimed follow-up.

        `sent`: the server accepted it. `released`: refused before acceptance
        for a passing reason, so nothing was delivered and it may be tried
        again. `refused`: refused for good, cancelled. `unknown`: it may or may
        not have been delivered, so it stays `sending` and is never retried.
        """
        with self._write() as db:
            request = self._get(db, request_id)
            if request.follow_up.status != "sending":
                raise RefusedError(
                    f"The follow-up of request {request_id} is {request.follow_up.status}, "
                    "not sending."
                )
            if outcome == "sent":
                self._set_follow_up(db, request, "sent", now)
                db.execute(
                    "UPDATE follow_ups SET sent_at = ? WHERE request_id = ?", (iso(now), request_id)
                )
            elif outcome == "released":
                db.execute(
                    "UPDATE follow_ups SET message_id = NULL, claimed_at = NULL "
                    "WHERE request_id = ?",
                    (request_id,),
                )
                self._set_follow_up(
                    db, request, "scheduled", now, reason=reason, due_at=request.follow_up.due_at
                )
            elif outcome == "refused":
                self._set_follow_up(db, request, "cancelled", now, reason=reason)
            elif outcome == "unknown":
                db.execute(
                    "UPDATE follow_ups SET reason = ? WHERE request_id = ?", (reason, request_id)
                )
                self._event(
                    db, request_id, now, "follow_up", old="sending", new="sending", reason=reason
                )
            else:
                raise ValueError(outcome)
            return self._get(db, request_id)

    def give_up_candidates(self) -> list[Request]:
        """Awaiting requests whose follow-up is sent, cancelled or never planned."""
        rows = self._read(
            f"{_REQUEST_SELECT} WHERE r.status = 'awaiting' "
            "AND f.status IN ('sent', 'cancelled', 'none') ORDER BY r.id"
        )
        return [_request_from_row(row) for row in rows]

    # --- replies ------------------------------------------------------------

    def requests_for_message_ids(self, message_ids: Iterable[str]) -> dict[str, int]:
        """Which of these Message-IDs we sent (requests and follow-ups) → request id.

        Indexed look-ups in chunks: the cost follows the number of IDs asked
        about, not the number of messages ever sent.
        """
        wanted = list(message_ids)
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._read(
                f"SELECT message_id, request_id FROM messages WHERE message_id IN ({marks})", chunk
            )
            found.update((row[0], row[1]) for row in rows)
        return found

    def record_reply(self, reply: Reply) -> bool:
        """Store a reply once; False when it was already known."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO replies (request_id, kind, key, folder, uid, message_id, "
                "from_addr, date, subject, excerpt, detail, found_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    reply.request_id,
                    reply.kind,
                    reply.key,
                    reply.folder,
                    reply.uid,
                    reply.message_id,
                    reply.from_addr,
                    iso(reply.date) if reply.date else None,
                    reply.subject,
                    reply.excerpt,
                    _json_text(reply.detail),
                    iso(reply.found_at),
                ),
            )
            if cursor.rowcount:
                self._event(
                    db,
                    reply.request_id,
                    reply.found_at,
                    "reply",
                    reply_kind=reply.kind,
                    key=reply.key,
                    from_addr=reply.from_addr,
                    date=iso(reply.date) if reply.date else None,
                    subject=reply.subject,
                )
            return bool(cursor.rowcount)

    def mark_answered(
        self,
        request_id: int,
        now: datetime,
        *,
        replied_at: datetime,
        reply_from: str | None,
        excerpt: str | None,
        reason: str,
    ) -> Request:
        with self._write() as db:
            request = self._get(db, request_id)
            db.execute(
                "UPDATE requests SET replied_at = ?, reply_from = ?, reply_excerpt = ? "
                "WHERE id = ?",
                (iso(replied_at), reply_from, excerpt, request_id),
            )
            if request.status != "answered":
                self._set_status(db, request, "answered", now, reason)
            if request.follow_up.status in ("scheduled", "none"):
                self._set_follow_up(
                    db, request, "cancelled", now, reason=reason, expected=("scheduled", "none")
                )
            return self._get(db, request_id)

    def replies(self, request_id: int) -> list[Reply]:
        rows = self._read(
            "SELECT request_id, kind, key, folder, uid, message_id, from_addr, date, subject, "
            "excerpt, detail, found_at FROM replies WHERE request_id = ? ORDER BY id",
            (request_id,),
        )
        return [
            Reply(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                from_iso(row[7]),
                row[8],
                row[9],
                _json_value(row[10]),
                from_iso(row[11]) or datetime.min,
            )
            for row in rows
        ]

    # --- IMAP scan state ----------------------------------------------------

    def scan_state(self, folder: str) -> ScanState | None:
        rows = self._read(
            "SELECT folder, uidvalidity, last_uid FROM scan_state WHERE folder = ?", (folder,)
        )
        return ScanState(*rows[0]) if rows else None

    def save_scan_state(self, state: ScanState, now: datetime) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO scan_state (folder, uidvalidity, last_uid, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (folder) DO UPDATE SET "
                "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
                "updated_at = excluded.updated_at",
                (state.folder, state.uidvalidity, state.last_uid, iso(now)),
            )

    def oldest_open_sent_at(self) -> datetime | None:
        rows = self._read(
            "SELECT MIN(COALESCE(sent_at, created_at)) FROM requests "
            "WHERE status IN ('sending','awaiting','unknown')"
        )
        return from_iso(rows[0][0]) if rows and rows[0][0] else None

    def integrity_ok(self) -> bool:
        return bool(self._read("PRAGMA integrity_check")[0][0] == "ok")


def _translate(error: sqlite3.Error, path: Path) -> StoreError:
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreError(
            f"The database {path} is locked by another feedback-mailer process: "
            "wait for it to finish and try again."
        )
    if isinstance(error, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    ):
        return StoreError(
            f"The database {path} is damaged or not a feedback-mailer database ({text}); it was "
            "left untouched: move it aside or restore a backup, or set FEEDBACK_MAILER_DB."
        )
    return StoreError(f"The database {path} failed: {text}.")


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch a new database to WAL (persistent), waiting for other processes.

    The switch needs the database to itself and SQLite does not apply the busy
    timeout to it, so two first commands at once (cron and a manual `send`)
    would see "database is locked" at once without this retry.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _refuse_newer_schema(db: sqlite3.Connection, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The database {path} was written by a newer feedback-mailer (schema {version}, "
            f"this one knows {SCHEMA_VERSION}); it was left untouched: upgrade feedback-mailer "
            "to use it."
        )


def _refuse_foreign_database(db: sqlite3.Connection, path: Path) -> None:
    """A schema-less version 0 file with tables belongs to another program: never add ours."""
    # One read transaction, so a concurrent first run's migration is seen
    # whole or not at all (tables without their version would look foreign).
    db.execute("BEGIN")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        has_tables = db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
    finally:
        db.execute("COMMIT")
    if version == 0 and has_tables:
        raise StoreError(
            f"{path} is an SQLite database of another program; it was left untouched: set "
            "FEEDBACK_MAILER_DB to another path."
        )


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    _refuse_newer_schema(db, path)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    while version < SCHEMA_VERSION:
        db.execute("BEGIN IMMEDIATE")
        # Re-read inside the lock: a concurrent process may have migrated already.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            db.execute("COMMIT")
            break
        try:
            for statement in MIGRATIONS[version].split(";\n"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        version += 1


def open_store(path: Path, *, create: bool = True) -> Store:
    """Open (creating 0600 when allowed) and migrate the database at `path`."""
    if not path.exists():
        if not create:
            raise StoreError(f"There is no database at {path} yet: send a request first.")
        _create_private_file(path)
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise _translate(error, path) from None
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        # Before anything could write to a file we do not know.
        _refuse_newer_schema(db, path)
        _refuse_foreign_database(db, path)
        _use_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db, path)
    except sqlite3.Error as error:
        db.close()
        raise _translate(error, path) from None
    except BaseException:
        db.close()
        raise
    return Store(db, path)
