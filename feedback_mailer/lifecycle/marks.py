"""What the person says happened: an answer that came another way, or letting go."""

from __future__ import annotations

from datetime import datetime

from feedback_mailer.base.errors import RefusedError
from feedback_mailer.base.textsafety import require_clean_body
from feedback_mailer.lifecycle import outcomes
from feedback_mailer.store import Request, Store
from feedback_mailer.store.states import ENDED_STATUSES, Status


def mark(store: Store, request_id: int, outcome: str, note: str | None, now: datetime) -> Request:
    """`answered` or `closed`, with an optional note: all of it in one transaction."""
    if note is not None:
        note = require_clean_body(note, "note").strip() or None
    with store.transaction() as tx:
        request = tx.get(request_id)
        if outcome == Status.ANSWERED:
            if request.status == Status.ANSWERED:
                raise RefusedError(f"Request {request_id} is already answered.")
            if not outcomes.can_be_answered(request):
                raise RefusedError(
                    f"Request {request_id} is {request.status}; only an open request can be "
                    "answered."
                )
            outcomes.apply_answer(
                tx,
                request,
                now,
                replied_at=now,
                reply_from=None,
                excerpt=note,
                reason="marked answered by you",
            )
        else:
            if request.status == Status.CLOSED:
                raise RefusedError(f"Request {request_id} is already closed.")
            outcomes.apply_status(tx, request, Status.CLOSED, now, reason="closed by you")
        if note:
            tx.event(request_id, now, "note", text=note)
        return tx.get(request_id)


def reopen(store: Store, request_id: int, note: str | None, now: datetime) -> Request:
    """`mark --reopen`: undo a mistaken or forged answer, bounce or close.

    The request awaits an answer again and its recorded answer is cleared; a
    cancelled follow-up stays cancelled until the person sets a new time. A request
    closed after it was answered is answered again instead, its answer kept.
    """
    if note is not None:
        note = require_clean_body(note, "note").strip() or None
    with store.transaction() as tx:
        request = tx.get(request_id)
        if request.status not in ENDED_STATUSES:
            raise RefusedError(
                f"Request {request_id} is {request.status}; only an answered, bounced or "
                "closed request can be reopened."
            )
        if request.sent_at is None:
            raise RefusedError(
                f"Request {request_id} was never sent, so it cannot await an answer: "
                f"`feedback-mailer send --resume {request_id}` sends it."
            )
        if request.status == Status.CLOSED and request.replied_at is not None:
            # Closed after its answer came: undoing the close brings the answer back,
            # with its own date, as `check` found it (README, "Request life cycle").
            outcomes.apply_status(
                tx, request, Status.ANSWERED, now, reason="reopened by you: answered again"
            )
        else:
            tx.set_answer(request_id, replied_at=None, reply_from=None, excerpt=None)
            outcomes.apply_status(tx, request, Status.AWAITING, now, reason="reopened by you")
        if note:
            tx.event(request_id, now, "note", text=note)
        return tx.get(request_id)
