"""Write transactions: the data operations one `Store.transaction()` offers.

Each method is one step of a change; the lifecycle decides which steps, in
which order, and the store wraps them in one SQLite transaction with an
`events` row for each (README, "Guarantees").
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from feedback_mailer.base.errors import NotFoundError, RefusedError, StoreError
from feedback_mailer.store import rows
from feedback_mailer.store.records import (
    NewReflection,
    NewRejection,
    NewRequest,
    Reply,
    Request,
    ScanState,
    ThankYou,
    iso,
)
from feedback_mailer.store.states import (
    OPEN_STATUSES,
    REQUEST_TRANSITIONS,
    FollowUpStatus,
    MessageKind,
    RejectionStatus,
    Status,
    ThankYouStatus,
    sql_list,
)

_OPEN = sql_list(OPEN_STATUSES)


def not_found(request_id: int) -> NotFoundError:
    return NotFoundError(
        f"There is no request {request_id}: `feedback-mailer list --all` shows the ids."
    )


def rejection_not_found(rejection_id: int) -> NotFoundError:
    return NotFoundError(
        f"There is no rejection {rejection_id}: `feedback-mailer rejections --all` shows the ids."
    )


class Transaction:
    """The write operations of one open transaction. Each keeps the data whole
    and leaves an event; none of them decides whether it should happen."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def event(self, request_id: int | None, at: datetime, kind: str, **detail: Any) -> None:
        self._db.execute(
            "INSERT INTO events (request_id, at, kind, detail) VALUES (?, ?, ?, ?)",
            (request_id, iso(at), kind, rows.json_text(detail)),
        )

    def get(self, request_id: int) -> Request:
        row = self._db.execute(f"{rows.REQUEST_SELECT} WHERE r.id = ?", (request_id,)).fetchone()
        if row is None:
            raise not_found(request_id)
        return rows.request_from_row(row)

    def open_request_to(self, contact_email: str) -> Request | None:
        """The oldest open request to this address, whatever the company is called."""
        row = self._db.execute(
            f"{rows.REQUEST_SELECT} WHERE r.contact_email = ? COLLATE NOCASE "
            f"AND r.status IN ({_OPEN}) ORDER BY r.id LIMIT 1",
            (contact_email,),
        ).fetchone()
        return rows.request_from_row(row) if row else None

    def insert_request(self, new: NewRequest, now: datetime, *, forced: bool) -> Request:
        """A new request in `sending`, its follow-up row and its exact bytes."""
        cursor = self._db.execute(
            "INSERT INTO requests (company, role, contact_name, contact_email, template, "
            "subject, status, created_at, attempt_at, message_id, recipient_tz, "
            "interview_date, language, greet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                new.greet,
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
        if new.rejection_id is not None:
            self.answer_rejection(new.rejection_id, request_id, now)
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
            rejection_id=new.rejection_id,
        )
        return self.get(request_id)

    # --- rejections -------------------------------------------------------------

    def open_request_for_rejection(self, rejection_id: int) -> Request | None:
        """The open request already answering this rejection, if there is one."""
        row = self._db.execute(
            f"{rows.REQUEST_SELECT} JOIN rejections j ON j.request_id = r.id "
            f"WHERE j.id = ? AND r.status IN ({_OPEN})",
            (rejection_id,),
        ).fetchone()
        return rows.request_from_row(row) if row else None

    def answer_rejection(self, rejection_id: int, request_id: int, now: datetime) -> None:
        """Name the request that answers a rejection (a newer one replaces an ended one)."""
        changed = self._db.execute(
            "UPDATE rejections SET request_id = ? WHERE id = ?", (request_id, rejection_id)
        ).rowcount
        if changed != 1:
            raise rejection_not_found(rejection_id)
        self.event(request_id, now, "rejection_answered", rejection_id=rejection_id)

    def insert_rejection(self, new: NewRejection, now: datetime) -> int | None:
        """Record a rejection once (by its Message-ID); None when it was known already."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO rejections (message_id, received, company, role, language, "
            "contact, contact_name, feedback, feedback_quote, nobody_reason, subject, "
            "thread_references, folder, uid, status, found_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.message_id,
                iso(new.received) if new.received else None,
                new.company,
                new.role,
                new.language,
                new.contact,
                new.contact_name,
                new.feedback,
                new.feedback_quote,
                new.nobody_reason,
                new.subject,
                " ".join(new.references),
                new.folder,
                new.uid,
                RejectionStatus.OPEN.value,
                iso(now),
            ),
        )
        if not cursor.rowcount or cursor.lastrowid is None:
            return None
        self.event(
            None,
            now,
            "rejection",
            rejection_id=cursor.lastrowid,
            message_id=new.message_id,
            company=new.company,
            contact=new.contact,
            feedback=new.feedback,
        )
        return cursor.lastrowid

    def set_rejection_status(self, rejection_id: int, new: RejectionStatus, now: datetime) -> bool:
        """Dismiss or restore; False when it already was so."""
        row = self._db.execute(
            "SELECT status FROM rejections WHERE id = ?", (rejection_id,)
        ).fetchone()
        if row is None:
            raise rejection_not_found(rejection_id)
        if row["status"] == new.value:
            return False
        self._db.execute("UPDATE rejections SET status = ? WHERE id = ?", (new.value, rejection_id))
        self.event(
            None,
            now,
            "rejection_status",
            rejection_id=rejection_id,
            old=row["status"],
            new=new.value,
        )
        return True

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
                rows.json_text(reply.detail),
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
        return rows.thank_you(self._db, request_id)

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
        current = rows.thank_you(self._db, request_id)
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
