"""A request's status changes, and what each does to its one follow-up.

Every status change of a request goes through `apply_status` or
`apply_answer`, inside the caller's transaction, so the rule "no follow-up
after an answer, a bounce or a close" (README, Guarantees) is written once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from feedback_mailer.base.errors import RefusedError
from feedback_mailer.store import Request, Store, Transaction
from feedback_mailer.store.states import (
    ENDED_STATUSES,
    FOLLOW_UP_PENDING,
    OPEN_STATUSES,
    FollowUpStatus,
    Status,
)


def can_be_answered(request: Request) -> bool:
    """Only an open request (sent, or maybe sent, and not settled) can be answered."""
    return request.status in OPEN_STATUSES


def apply_status(
    tx: Transaction,
    request: Request,
    new: Status,
    now: datetime,
    *,
    reason: str | None = None,
    expected: Sequence[str] | None = None,
    sent_at: datetime | None = None,
) -> None:
    """Move `request` to `new`; an ended request's scheduled follow-up is cancelled with it.

    `expected` guards against a race with another process.
    """
    if expected is not None and request.status not in expected:
        raise RefusedError(
            f"Request {request.id} is {request.status}, not {' or '.join(expected)}."
        )
    tx.set_status(request, new, now, reason, sent_at=sent_at)
    # A failed request keeps its follow-up: `send --resume` may still deliver it,
    # and `run` only follows up on awaiting requests anyway.
    if new in ENDED_STATUSES and request.follow_up.status == FollowUpStatus.SCHEDULED:
        tx.set_follow_up(request, FollowUpStatus.CANCELLED, now, reason=reason or f"request {new}")


def change_status(
    store: Store,
    request_id: int,
    new: Status,
    now: datetime,
    *,
    reason: str | None = None,
    expected: Sequence[str] | None = None,
    sent_at: datetime | None = None,
) -> Request:
    """`apply_status` in a transaction of its own; returns the request as it now is."""
    with store.transaction() as tx:
        request = tx.get(request_id)
        apply_status(tx, request, new, now, reason=reason, expected=expected, sent_at=sent_at)
        return tx.get(request_id)


def apply_answer(
    tx: Transaction,
    request: Request,
    now: datetime,
    *,
    replied_at: datetime | None,
    reply_from: str | None,
    excerpt: str | None,
    reason: str,
) -> None:
    """An answer arrived (or the person says one did): the request is answered and its
    follow-up, if it has not gone out, is cancelled for good."""
    tx.set_answer(request.id, replied_at=replied_at, reply_from=reply_from, excerpt=excerpt)
    if request.status != Status.ANSWERED:
        tx.set_status(request, Status.ANSWERED, now, reason)
    if request.follow_up.status in FOLLOW_UP_PENDING:
        tx.set_follow_up(
            request, FollowUpStatus.CANCELLED, now, reason=reason, expected=FOLLOW_UP_PENDING
        )


def record_answer(
    store: Store,
    request_id: int,
    now: datetime,
    *,
    replied_at: datetime | None,
    reply_from: str | None,
    excerpt: str | None,
    reason: str,
) -> Request:
    """`apply_answer` in a transaction of its own; returns the request as it now is."""
    with store.transaction() as tx:
        request = tx.get(request_id)
        apply_answer(
            tx,
            request,
            now,
            replied_at=replied_at,
            reply_from=reply_from,
            excerpt=excerpt,
            reason=reason,
        )
        return tx.get(request_id)
