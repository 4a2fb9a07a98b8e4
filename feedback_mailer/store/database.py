"""The SQLite database: one connection, reads, and write transactions.

All SQL lives in this package. The store keeps integrity (one transaction
per change, allowed transitions from `states`, an append-only `events` row
for every change, triggers) but decides nothing: which change a request
gets, and when, is the lifecycle's (README, "Guarantees"). Writers take the
lock up front (`BEGIN IMMEDIATE`) so concurrent `run`s serialise instead of
racing.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from feedback_mailer.base.errors import NotFoundError, RefusedError, StoreError
from feedback_mailer.store.records import (
    Event,
    FollowUp,
    NewReflection,
    NewRequest,
    Point,
    Reflection,
    Reply,
    Request,
    ScanState,
    StoredMessage,
    ThankYou,
    from_iso,
    iso,
)
from feedback_mailer.store.schema import MIGRATIONS, SCHEMA_VERSION
from feedback_mailer.store.states import (
    OPEN_STATUSES,
    REQUEST_TRANSITIONS,
    FollowUpStatus,
    MessageKind,
    Status,
    ThankYouStatus,
    sql_list,
)

BUSY_TIMEOUT_MS = 10_000
_OPEN = sql_list(OPEN_STATUSES)

_REQUEST_COLUMNS = """
    r.id, r.company, r.role, r.contact_name, r.contact_email, r.template, r.subject,
    r.status, r.status_reason, r.created_at, r.attempt_at, r.sent_at, r.message_id,
    r.replied_at, r.reply_from, r.reply_excerpt, r.recipient_tz, r.interview_date,
    f.status, f.due_at, f.sent_at, f.message_id, f.reason, f.template, f.claimed_at, f.hold,
    r.language
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
        hold=row[25],
    )
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
        created_at=datetime.fromisoformat(row[9]),
        attempt_at=from_iso(row[10]),
        sent_at=from_iso(row[11]),
        message_id=row[12],
        replied_at=from_iso(row[13]),
        reply_from=row[14],
        reply_excerpt=row[15],
        recipient_tz=row[16],
        interview_date=row[17],
        follow_up=follow_up,
        language=row[26],
    )


def _json_text(value: dict[str, Any]) -> str:
    import json  # only writers and detail views need it, not `list`

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _json_value(text: str) -> dict[str, Any]:
    import json

    value: dict[str, Any] = json.loads(text)
    return value


def _create_private_file(path: Path) -> None:
    """Create the database file 0600 (its directories 0700) before SQLite does, so
    it is never readable by others, whatever the umask."""
    from feedback_mailer.base.permissions import make_private_dirs

    try:
        make_private_dirs(path.parent)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
    except FileExistsError:
        pass
    except OSError as error:
        raise StoreError(
            f"Cannot create the database {path} ({error.strerror}): fix the directory's "
            "permissions or set FEEDBACK_MAILER_DB to a writable path."
        ) from None


_THANK_YOU_COLUMNS = (
    "request_id, status, message_id, in_reply_to, recipient, attempt_at, sent_at, reason"
)


def _thank_you_from_row(row: Sequence[Any]) -> ThankYou:
    return ThankYou(
        request_id=row[0],
        status=row[1],
        message_id=row[2],
        in_reply_to=row[3],
        recipient=row[4],
        attempt_at=from_iso(row[5]),
        sent_at=from_iso(row[6]),
        reason=row[7],
    )


def _thank_you(db: sqlite3.Connection, request_id: int) -> ThankYou | None:
    row = db.execute(
        f"SELECT {_THANK_YOU_COLUMNS} FROM thank_yous WHERE request_id = ?", (request_id,)
    ).fetchone()
    return _thank_you_from_row(row) if row else None


def _not_found(request_id: int) -> NotFoundError:
    return NotFoundError(
        f"There is no request {request_id}: `feedback-mailer list --all` shows the ids."
    )


class Transaction:
    """The write operations of one open transaction. Each keeps the data whole
    and leaves an event; none of them decides whether it should happen."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def event(self, request_id: int | None, at: datetime, kind: str, **detail: Any) -> None:
        self._db.execute(
            "INSERT INTO events (request_id, at, kind, detail) VALUES (?, ?, ?, ?)",
            (request_id, iso(at), kind, _json_text(detail)),
        )

    def get(self, request_id: int) -> Request:
        row = self._db.execute(f"{_REQUEST_SELECT} WHERE r.id = ?", (request_id,)).fetchone()
        if row is None:
            raise _not_found(request_id)
        return _request_from_row(row)

    def open_request_to(self, contact_email: str) -> Request | None:
        """The oldest open request to this address, whatever the company is called."""
        row = self._db.execute(
            f"{_REQUEST_SELECT} WHERE r.contact_email = ? COLLATE NOCASE "
            f"AND r.status IN ({_OPEN}) ORDER BY r.id LIMIT 1",
            (contact_email,),
        ).fetchone()
        return _request_from_row(row) if row else None

    def insert_request(self, new: NewRequest, now: datetime, *, forced: bool) -> Request:
        """A new request in `sending`, its follow-up row and its exact bytes."""
        cursor = self._db.execute(
            "INSERT INTO requests (company, role, contact_name, contact_email, template, "
            "subject, status, created_at, attempt_at, message_id, recipient_tz, "
            "interview_date, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.company.strip(),
                new.role,
                new.contact_name,
                new.contact_email,
                new.template,
                new.subject,
                Status.SENDING.value,
                iso(now),
                iso(now),
                new.message_id,
                new.recipient_tz,
                new.interview_date,
                new.language,
            ),
        )
        request_id = cursor.lastrowid
        if request_id is None:  # pragma: no cover - SQLite always sets it after an INSERT
            raise StoreError("The database did not return the new request's id.")
        follow_status = FollowUpStatus.SCHEDULED if new.follow_up_due else FollowUpStatus.NONE
        self._db.execute(
            "INSERT INTO follow_ups (request_id, status, due_at, template) VALUES (?, ?, ?, ?)",
            (
                request_id,
                follow_status.value,
                iso(new.follow_up_due) if new.follow_up_due else None,
                new.follow_up_template,
            ),
        )
        self.insert_message(request_id, "request", new.message_id, new.raw, now)
        self.event(
            request_id,
            now,
            "created",
            status=Status.SENDING.value,
            message_id=new.message_id,
            to=new.contact_email,
            company=new.company,
            template=new.template,
            follow_up=follow_status.value,
            follow_up_due=iso(new.follow_up_due) if new.follow_up_due else None,
            forced=forced,
        )
        return self.get(request_id)

    def insert_message(
        self, request_id: int, kind: str, message_id: str, raw: bytes, now: datetime
    ) -> None:
        self._db.execute(
            "INSERT INTO messages (request_id, kind, message_id, raw, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (request_id, kind, message_id, raw, iso(now)),
        )

    def replace_message(
        self, request_id: int, message_id: str, raw: bytes, now: datetime, why: str
    ) -> None:
        """New bytes for a stored message about to be sent again (a resumed request gets
        the Date it really goes out with); the kept bytes stay the bytes sent."""
        changed = self._db.execute(
            "UPDATE messages SET raw = ?, created_at = ? WHERE request_id = ? AND message_id = ?",
            (raw, iso(now), request_id, message_id),
        ).rowcount
        if changed != 1:
            raise NotFoundError(f"Request {request_id} has no stored message {message_id}.")
        self.event(request_id, now, "note", text=why)

    def set_status(
        self,
        request: Request,
        new: Status,
        at: datetime,
        reason: str | None,
        *,
        sent_at: datetime | None = None,
    ) -> None:
        """Move a request to `new`; only transitions listed in `states` are allowed."""
        new = Status(new)
        if new not in REQUEST_TRANSITIONS[Status(request.status)]:
            raise RefusedError(f"Request {request.id} is {request.status}; it cannot become {new}.")
        changed = self._db.execute(
            "UPDATE requests SET status = ?, status_reason = ?, "
            "sent_at = COALESCE(?, sent_at), "
            "attempt_at = CASE WHEN ? THEN ? ELSE attempt_at END "
            "WHERE id = ? AND status = ?",
            (
                new.value,
                reason,
                iso(sent_at) if sent_at else None,
                new == Status.SENDING,
                iso(at),
                request.id,
                request.status,
            ),
        ).rowcount
        if changed != 1:  # another process moved it first
            raise RefusedError(f"Request {request.id} changed meanwhile; run the command again.")
        self.event(request.id, at, "status", old=request.status, new=new.value, reason=reason)

    def set_follow_up(
        self,
        request: Request,
        new: FollowUpStatus,
        at: datetime,
        *,
        reason: str | None = None,
        due_at: datetime | None = None,
        expected: Iterable[FollowUpStatus] | None = None,
    ) -> bool:
        """Move the follow-up from one of `expected` states; False when it was not in one."""
        new = FollowUpStatus(new)
        allowed = tuple(expected) if expected is not None else (request.follow_up.status,)
        marks = ",".join("?" * len(allowed))
        keep_due = due_at is None and new in (FollowUpStatus.SENDING, FollowUpStatus.SENT)
        changed = self._db.execute(
            f"UPDATE follow_ups SET status = ?, reason = ?, "
            f"due_at = CASE WHEN ? THEN due_at ELSE ? END "
            f"WHERE request_id = ? AND status IN ({marks})",
            (new.value, reason, keep_due, iso(due_at) if due_at else None, request.id, *allowed),
        ).rowcount
        if changed:
            self.event(
                request.id,
                at,
                "follow_up",
                old=request.follow_up.status,
                new=new.value,
                reason=reason,
                old_due_at=iso(request.follow_up.due_at) if request.follow_up.due_at else None,
                due_at=iso(due_at) if due_at else None,
            )
        return bool(changed)

    def claim_follow_up(
        self, request: Request, now: datetime, *, message_id: str, raw: bytes
    ) -> None:
        """Flip a scheduled follow-up to `sending`, storing its exact bytes first."""
        self._db.execute(
            "UPDATE follow_ups SET status = ?, message_id = ?, claimed_at = ?, reason = NULL "
            "WHERE request_id = ? AND status = ?",
            (
                FollowUpStatus.SENDING.value,
                message_id,
                iso(now),
                request.id,
                FollowUpStatus.SCHEDULED.value,
            ),
        )
        self.insert_message(request.id, "follow_up", message_id, raw, now)
        self.event(
            request.id,
            now,
            "follow_up",
            old=FollowUpStatus.SCHEDULED.value,
            new=FollowUpStatus.SENDING.value,
            message_id=message_id,
            pid=os.getpid(),
        )

    def follow_up_sent(self, request: Request, now: datetime) -> None:
        self.set_follow_up(request, FollowUpStatus.SENT, now)
        self._db.execute(
            "UPDATE follow_ups SET sent_at = ? WHERE request_id = ?", (iso(now), request.id)
        )

    def release_follow_up(self, request: Request, now: datetime, reason: str | None) -> None:
        """Back to `scheduled` at the same time: nothing was delivered."""
        self._db.execute(
            "UPDATE follow_ups SET message_id = NULL, claimed_at = NULL WHERE request_id = ?",
            (request.id,),
        )
        self.set_follow_up(
            request, FollowUpStatus.SCHEDULED, now, reason=reason, due_at=request.follow_up.due_at
        )

    def follow_up_outcome_unknown(self, request: Request, now: datetime, reason: str) -> None:
        """It stays `sending` with the reason, so nothing ever sends it again."""
        self._db.execute(
            "UPDATE follow_ups SET reason = ? WHERE request_id = ?", (reason, request.id)
        )
        self.event(
            request.id,
            now,
            "follow_up",
            old=FollowUpStatus.SENDING.value,
            new=FollowUpStatus.SENDING.value,
            reason=reason,
        )

    def set_hold(self, request: Request, now: datetime, hold: str | None) -> None:
        """Hold the follow-up (`hold` says why) or release it (None); its time is kept."""
        self._db.execute("UPDATE follow_ups SET hold = ? WHERE request_id = ?", (hold, request.id))
        self.event(
            request.id, now, "hold" if hold else "release", old=request.follow_up.hold, reason=hold
        )

    def set_answer(
        self,
        request_id: int,
        *,
        replied_at: datetime | None,
        reply_from: str | None,
        excerpt: str | None,
    ) -> None:
        self._db.execute(
            "UPDATE requests SET replied_at = ?, reply_from = ?, reply_excerpt = ? WHERE id = ?",
            (iso(replied_at) if replied_at else None, reply_from, excerpt, request_id),
        )

    def insert_reply(self, reply: Reply) -> bool:
        """Store a found message once; False when it was already known."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO replies (request_id, kind, key, folder, uid, message_id, "
            "from_addr, date, subject, excerpt, detail, found_at, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                reply.body,
            ),
        )
        if cursor.rowcount:
            self.event(
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

    def save_scan_state(self, state: ScanState, now: datetime) -> None:
        self._db.execute(
            "INSERT INTO scan_state (folder, uidvalidity, last_uid, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (folder) DO UPDATE SET "
            "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
            "updated_at = excluded.updated_at",
            (state.folder, state.uidvalidity, state.last_uid, iso(now)),
        )

    # --- thank-yous -----------------------------------------------------------

    def thank_you(self, request_id: int) -> ThankYou | None:
        return _thank_you(self._db, request_id)

    def start_thank_you(
        self,
        request: Request,
        now: datetime,
        *,
        message_id: str,
        in_reply_to: str,
        recipient: str,
        raw: bytes,
    ) -> None:
        """The thank-you in `sending` with its exact bytes, before any SMTP is spoken."""
        self._db.execute(
            "INSERT INTO thank_yous (request_id, status, message_id, in_reply_to, recipient, "
            "attempt_at, sent_at, reason) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL) "
            "ON CONFLICT (request_id) DO UPDATE SET status = excluded.status, "
            "message_id = excluded.message_id, in_reply_to = excluded.in_reply_to, "
            "recipient = excluded.recipient, attempt_at = excluded.attempt_at, "
            "sent_at = NULL, reason = NULL",
            (
                request.id,
                ThankYouStatus.SENDING.value,
                message_id,
                in_reply_to,
                recipient,
                iso(now),
            ),
        )
        self.insert_message(request.id, MessageKind.THANK_YOU.value, message_id, raw, now)
        self.event(
            request.id,
            now,
            "thank_you",
            old=None,
            new=ThankYouStatus.SENDING.value,
            message_id=message_id,
            to=recipient,
        )

    def set_thank_you(
        self,
        request_id: int,
        new: ThankYouStatus,
        now: datetime,
        *,
        expected: tuple[ThankYouStatus, ...],
        reason: str | None = None,
    ) -> bool:
        """Move the thank-you from one of `expected`; False when it was not in one."""
        new = ThankYouStatus(new)
        current = _thank_you(self._db, request_id)
        if current is None or current.status not in expected:
            return False
        self._db.execute(
            "UPDATE thank_yous SET status = ?, reason = ?, "
            "sent_at = CASE WHEN ? THEN ? ELSE sent_at END WHERE request_id = ?",
            (new.value, reason, new == ThankYouStatus.SENT, iso(now), request_id),
        )
        self.event(request_id, now, "thank_you", old=current.status, new=new.value, reason=reason)
        return True

    def skip_thank_you(self, request_id: int, now: datetime, reason: str) -> None:
        """The person chose not to send one: it is no longer suggested."""
        self._db.execute(
            "INSERT INTO thank_yous (request_id, status, reason) VALUES (?, ?, ?)",
            (request_id, ThankYouStatus.SKIPPED.value, reason),
        )
        self.event(
            request_id, now, "thank_you", old=None, new=ThankYouStatus.SKIPPED.value, reason=reason
        )

    # --- reflections ------------------------------------------------------------

    def save_reflection(self, reflection_id: int | None, note: NewReflection, now: datetime) -> int:
        """Write the whole note (a new one when `reflection_id` is None), replacing its
        points; the event keeps this version, so no earlier version is ever lost."""
        if reflection_id is None:
            cursor = self._db.execute(
                "INSERT INTO reflections (request_id, company, role, interview_date, feedback, "
                "notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    note.request_id,
                    note.company,
                    note.role,
                    note.interview_date,
                    note.feedback,
                    note.notes,
                    iso(now),
                    iso(now),
                ),
            )
            if cursor.lastrowid is None:  # pragma: no cover - SQLite always sets it
                raise StoreError("The database did not return the new reflection's id.")
            reflection_id = cursor.lastrowid
        else:
            self._db.execute(
                "UPDATE reflections SET company = ?, role = ?, interview_date = ?, feedback = ?, "
                "notes = ?, updated_at = ? WHERE id = ?",
                (
                    note.company,
                    note.role,
                    note.interview_date,
                    note.feedback,
                    note.notes,
                    iso(now),
                    reflection_id,
                ),
            )
            self._db.execute(
                "DELETE FROM point_tags WHERE point_id IN "
                "(SELECT id FROM reflection_points WHERE reflection_id = ?)",
                (reflection_id,),
            )
            self._db.execute(
                "DELETE FROM reflection_points WHERE reflection_id = ?", (reflection_id,)
            )
        for position, point in enumerate(note.points):
            cursor = self._db.execute(
                "INSERT INTO reflection_points (reflection_id, kind, position, text) "
                "VALUES (?, ?, ?, ?)",
                (reflection_id, point.kind, position, point.text),
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO point_tags (point_id, tag) VALUES (?, ?)",
                [(cursor.lastrowid, tag) for tag in point.tags],
            )
        self.event(
            note.request_id,
            now,
            "reflection",
            reflection_id=reflection_id,
            company=note.company,
            role=note.role,
            interview_date=note.interview_date,
            points=[[point.kind, point.text] for point in note.points],
            notes=note.notes,
            feedback=note.feedback,
        )
        return reflection_id


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
    def transaction(self) -> Iterator[Transaction]:
        """One write transaction, holding the database lock from its first statement.

        A failure inside is reported as itself: a ROLLBACK that fails too (the
        disk is full, SQLite already rolled back) never hides it.
        """
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None
        try:
            yield Transaction(self._db)
        except sqlite3.Error as error:
            self._rollback()
            raise _translate(error, self.path) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise _translate(error, self.path) from None

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("ROLLBACK")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    def _requests(self, where: str, params: Sequence[Any] = ()) -> list[Request]:
        return [_request_from_row(row) for row in self._read(f"{_REQUEST_SELECT} {where}", params)]

    # --- requests -----------------------------------------------------------

    def get_request(self, request_id: int) -> Request:
        found = self._requests("WHERE r.id = ?", (request_id,))
        if not found:
            raise _not_found(request_id)
        return found[0]

    def list_requests(self, statuses: Sequence[str] | None = None) -> list[Request]:
        if statuses is None:
            return self._requests("ORDER BY r.id")
        marks = ",".join("?" * len(statuses))
        return self._requests(f"WHERE r.status IN ({marks}) ORDER BY r.id", tuple(statuses))

    def find_open_duplicate(self, contact_email: str) -> Request | None:
        found = self._requests(
            f"WHERE r.contact_email = ? COLLATE NOCASE "
            f"AND r.status IN ({_OPEN}) ORDER BY r.id LIMIT 1",
            (contact_email,),
        )
        return found[0] if found else None

    def note(self, request_id: int, now: datetime, text: str) -> None:
        with self.transaction() as tx:
            tx.get(request_id)
            tx.event(request_id, now, "note", text=text)

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
        return self._requests(
            "WHERE (r.status = ? AND r.attempt_at < ?) "
            "OR (f.status = ? AND f.claimed_at < ? AND f.reason IS NULL) ORDER BY r.id",
            (Status.SENDING.value, iso(before), FollowUpStatus.SENDING.value, iso(before)),
        )

    def due_follow_ups(self, now: datetime) -> list[Request]:
        """Scheduled follow-ups due by `now` of requests still awaiting an answer."""
        return self._requests(
            "WHERE f.status = ? AND f.due_at <= ? AND r.status = ? ORDER BY f.due_at, r.id",
            (FollowUpStatus.SCHEDULED.value, iso(now), Status.AWAITING.value),
        )

    def awaiting_without_pending_follow_up(self) -> list[Request]:
        """Awaiting requests whose follow-up is sent, cancelled or was never planned."""
        return self._requests(
            "WHERE r.status = ? AND f.status IN (?, ?, ?) ORDER BY r.id",
            (
                Status.AWAITING.value,
                FollowUpStatus.SENT.value,
                FollowUpStatus.CANCELLED.value,
                FollowUpStatus.NONE.value,
            ),
        )

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

    def replies(self, request_id: int) -> list[Reply]:
        rows = self._read(
            "SELECT request_id, kind, key, folder, uid, message_id, from_addr, date, subject, "
            "excerpt, detail, found_at, body FROM replies WHERE request_id = ? ORDER BY id",
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
                row[12],
            )
            for row in rows
        ]

    def request_ids_with_reply(self, kind: str) -> set[int]:
        """The requests for which at least one message of this kind was found."""
        rows = self._read("SELECT DISTINCT request_id FROM replies WHERE kind = ?", (kind,))
        return {row[0] for row in rows}

    # --- thank-yous and reflections ---------------------------------------

    def thank_you(self, request_id: int) -> ThankYou | None:
        try:
            return _thank_you(self._db, request_id)
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    def thank_yous(self) -> dict[int, ThankYou]:
        rows = self._read(f"SELECT {_THANK_YOU_COLUMNS} FROM thank_yous")
        return {row[0]: _thank_you_from_row(row) for row in rows}

    def answered_not_thanked(self, since: datetime) -> list[Request]:
        """Requests answered since `since` with no thank-you sent, tried or declined."""
        return self._requests(
            "WHERE r.replied_at >= ? AND r.status IN (?, ?) "
            "AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.request_id = r.id) "
            "ORDER BY r.replied_at DESC, r.id",
            (iso(since), Status.ANSWERED.value, Status.CLOSED.value),
        )

    def reflection(self, reflection_id: int) -> Reflection:
        found = self._reflections("WHERE id = ?", (reflection_id,))
        if not found:
            raise NotFoundError(
                f"There is no reflection {reflection_id}: `feedback-mailer review` lists them."
            )
        return found[0]

    def reflection_for_request(self, request_id: int) -> Reflection | None:
        found = self._reflections("WHERE request_id = ?", (request_id,))
        return found[0] if found else None

    def standalone_reflection(
        self, company: str, role: str | None, interview_date: str | None
    ) -> Reflection | None:
        """The note on an interview without a request, by company, role and date."""
        found = self._reflections(
            "WHERE request_id IS NULL AND company = ? COLLATE NOCASE "
            "AND COALESCE(role, '') = ? COLLATE NOCASE AND COALESCE(interview_date, '') = ? "
            "ORDER BY id DESC LIMIT 1",
            (company.strip(), role or "", interview_date or ""),
        )
        return found[0] if found else None

    def reflections(self) -> list[Reflection]:
        return self._reflections("ORDER BY id")

    def tag_counts(self) -> dict[str, int]:
        """Each tag ever used, with the number of notes it appears in."""
        rows = self._read(
            "SELECT t.tag, COUNT(DISTINCT p.reflection_id) FROM point_tags t "
            "JOIN reflection_points p ON p.id = t.point_id GROUP BY t.tag"
        )
        return {row[0]: row[1] for row in rows}

    def _reflections(self, where: str, params: Sequence[Any] = ()) -> list[Reflection]:
        rows = self._read(
            "SELECT id, request_id, company, role, interview_date, feedback, notes, created_at, "
            f"updated_at FROM reflections {where}",
            params,
        )
        if not rows:
            return []
        ids = [row[0] for row in rows]
        points: dict[int, list[Point]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            point_rows = self._read(
                "SELECT p.reflection_id, p.kind, p.text, "
                "(SELECT group_concat(tag, ' ') FROM (SELECT tag FROM point_tags "
                "WHERE point_id = p.id ORDER BY tag)) "
                f"FROM reflection_points p WHERE p.reflection_id IN ({marks}) "
                "ORDER BY p.reflection_id, p.position",
                chunk,
            )
            for row in point_rows:
                tags = tuple(row[3].split(" ")) if row[3] else ()
                points.setdefault(row[0], []).append(Point(row[1], row[2], tags))
        return [
            Reflection(
                id=row[0],
                request_id=row[1],
                company=row[2],
                role=row[3],
                interview_date=row[4],
                feedback=row[5],
                notes=row[6],
                created_at=from_iso(row[7]) or datetime.min,
                updated_at=from_iso(row[8]) or datetime.min,
                points=tuple(points.get(row[0], ())),
            )
            for row in rows
        ]

    # --- IMAP scan state ----------------------------------------------------

    def scan_state(self, folder: str) -> ScanState | None:
        rows = self._read(
            "SELECT folder, uidvalidity, last_uid FROM scan_state WHERE folder = ?", (folder,)
        )
        return ScanState(*rows[0]) if rows else None

    def oldest_open_sent_at(self) -> datetime | None:
        rows = self._read(
            f"SELECT MIN(COALESCE(sent_at, created_at)) FROM requests WHERE status IN ({_OPEN})"
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


# Tables every schema version has had since the first, and columns that only
# feedback-mailer's `requests` table combines: a file with a version but
# without them was written by another program.
_OUR_TABLES = frozenset({"requests", "follow_ups", "messages", "replies", "events", "scan_state"})
_OUR_REQUEST_COLUMNS = frozenset({"contact_email", "message_id", "recipient_tz"})


def _refuse_foreign_database(db: sqlite3.Connection, path: Path) -> None:
    """A file that is not ours is never written to: a version 0 file with tables,
    or a versioned one without our tables, belongs to another program."""
    # One read transaction, so a concurrent first run's migration is seen
    # whole or not at all (tables without their version would look foreign).
    db.execute("BEGIN")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        has_entries = db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
        columns = {row[1] for row in db.execute("PRAGMA table_info(requests)")}
    finally:
        db.execute("COMMIT")
    ours = tables >= _OUR_TABLES and columns >= _OUR_REQUEST_COLUMNS
    if (version == 0 and has_entries) or (version > 0 and not ours):
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


DATABASE = "The database"
DATA_DIRECTORY = "The data directory"
_SIDE_FILES = ("-wal", "-shm", "-journal")


def permission_problem(path: Path) -> str | None:
    """A sentence when the database, its directory or SQLite's side files could
    be changed by another user, or the path is a symbolic link to nothing
    (following it would create a file elsewhere, readable by others)."""
    from feedback_mailer.base.permissions import dangling_link_problem, file_problem

    problem = dangling_link_problem(path, DATABASE) or file_problem(path, DATABASE, DATA_DIRECTORY)
    if problem:
        return problem
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        problem = file_problem(side, f"{DATABASE}'s file", DATA_DIRECTORY)
        if problem:
            return problem
    return None


def _cannot_write(path: Path, error: sqlite3.Error) -> StoreError | None:
    """A sentence with the fix when SQLite cannot write the file or its directory."""
    text = str(error)
    if "unable to open" not in text and "readonly" not in text:
        return None
    directory = path.parent
    if not os.access(directory, os.W_OK | os.X_OK):
        fix = f"make its directory writable for you (`chmod u+rwx {directory}`)"
    elif path.exists() and not os.access(path, os.R_OK | os.W_OK):
        fix = f"make it writable for you (`chmod u+rw {path}`)"
    else:
        fix = f"check that you can write {path} and its directory"
    return StoreError(
        f"The database {path} cannot be opened for writing ({text}): {fix}, or set "
        "FEEDBACK_MAILER_DB to a writable path."
    )


def open_store(path: Path, *, create: bool = True) -> Store:
    """Open (creating 0600 when allowed) and migrate the database at `path`.

    Refused before anything is opened: a database, directory or side file that
    another user owns or can write, and a symbolic link to nothing.
    """
    problem = permission_problem(path)
    if problem:
        raise StoreError(problem)
    if not path.exists():
        if not create:
            raise StoreError(f"There is no database at {path} yet: send a request first.")
        _create_private_file(path)
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise _cannot_write(path, error) or _translate(error, path) from None
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
        raise _cannot_write(path, error) or _translate(error, path) from None
    except BaseException:
        db.close()
        raise
    return Store(db, path)
