"""What a message found in the mailbox does to a request.

An answer settles the request and cancels its follow-up; a hard bounce does
the same as `bounced`; a soft bounce is only noted; an out-of-office with a
return date moves the follow-up to two business days after it (README,
Guarantees). The message is recorded and its effect applied in one
transaction, so a crash can never leave a recorded answer without its effect.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from feedback_mailer.base import timing, typed_time
from feedback_mailer.lifecycle import outcomes
from feedback_mailer.mail import classify
from feedback_mailer.setup.config import FollowUpConfig
from feedback_mailer.store import Reply, Request, Store, Transaction
from feedback_mailer.store.states import FollowUpStatus, ReplyKind, Status

FOLLOW_UP_AFTER_RETURN_BUSINESS_DAYS = 2


class Change(NamedTuple):
    """What one found message changed, for `check` and `run` to tell the person."""

    request: Request  # as it was before the change
    reply_kind: ReplyKind | None  # None: the request's own copy was found in `folder`
    who: str | None = None
    subject: str | None = None
    on: datetime | None = None
    diagnostic: str | None = None
    back: date | None = None
    moved_to: datetime | None = None
    already_later: bool = False
    folder: str | None = None

    @property
    def request_id(self) -> int:
        return self.request.id


def reply_kind(result: classify.Classification) -> ReplyKind:
    """The reader's verdict in the store's words (the same words where they overlap)."""
    if result.kind == classify.Verdict.BOUNCE:
        hard = result.bounce is not None and result.bounce.hard
        return ReplyKind.BOUNCE_HARD if hard else ReplyKind.BOUNCE_SOFT
    return ReplyKind(result.kind)


def reply_detail(result: classify.Classification) -> dict[str, Any]:
    detail: dict[str, Any] = {"signals": list(result.signals)}
    if result.return_date:
        detail["return_date"] = result.return_date.isoformat()
    if result.bounce is not None:
        detail["status"] = result.bounce.status
        detail["diagnostic"] = result.bounce.diagnostic
        detail["recipients"] = list(result.bounce.recipients)
    return detail


def apply_found_message(
    store: Store,
    request_id: int,
    reply: Reply,
    return_date: date | None,
    settings: FollowUpConfig | None,
    now: datetime,
) -> Change | None:
    """Record `reply` once and apply what it means, in one transaction.

    None when it was already known (a rescan) or changed nothing.
    """
    with store.transaction() as tx:
        request = tx.get(request_id)
        if not tx.insert_reply(reply):
            return None
        return _react(tx, request, reply, return_date, settings, now)


def _react(
    tx: Transaction,
    request: Request,
    reply: Reply,
    return_date: date | None,
    settings: FollowUpConfig | None,
    now: datetime,
) -> Change | None:
    if reply.kind == ReplyKind.POSSIBLE_ANSWER:
        who = reply.from_addr or "someone"
        subject = f" (“{reply.subject}”)" if reply.subject else ""
        _hold(tx, request, now, f"possible answer from {who}{subject}")
        return Change(request, ReplyKind.POSSIBLE_ANSWER, who=who, subject=reply.subject)
    if reply.kind == ReplyKind.UNREADABLE:
        _hold(tx, request, now, "a message about it could not be read")
        return Change(request, ReplyKind.UNREADABLE)
    if reply.kind == ReplyKind.MACHINE:
        return Change(request, ReplyKind.MACHINE, who=reply.from_addr)
    if reply.kind == ReplyKind.ANSWER:
        if not outcomes.can_be_answered(request):
            return None
        outcomes.apply_answer(
            tx,
            request,
            now,
            replied_at=reply.date or now,
            reply_from=reply.from_addr,
            excerpt=reply.excerpt,
            reason=f"answered by {reply.from_addr}",
        )
        return Change(request, ReplyKind.ANSWER, who=_display_name(reply, request), on=reply.date)
    if reply.kind == ReplyKind.BOUNCE_HARD:
        if not outcomes.can_be_answered(request):
            return None
        diagnostic = (
            reply.detail.get("diagnostic") or reply.detail.get("status") or Status.BOUNCED.value
        )
        outcomes.apply_status(tx, request, Status.BOUNCED, now, reason=f"bounced: {diagnostic}")
        return Change(request, ReplyKind.BOUNCE_HARD, diagnostic=diagnostic)
    if reply.kind == ReplyKind.BOUNCE_SOFT:
        return Change(request, ReplyKind.BOUNCE_SOFT, diagnostic=reply.detail.get("diagnostic"))
    if settings is None:
        return None
    return _out_of_office(tx, request, return_date, settings, now)


def _hold(tx: Transaction, request: Request, now: datetime, why: str) -> None:
    """Keep a follow-up that has not gone out from going out until the person decides;
    its due time is kept (README, Guarantees: when in doubt, hold)."""
    if request.follow_up.status == FollowUpStatus.SCHEDULED and request.follow_up.hold is None:
        tx.set_hold(request, now, why)


def _display_name(reply: Reply, request: Request) -> str:
    if reply.from_addr and reply.from_addr.lower() == request.contact_email.lower():
        return request.contact_name or request.contact_email
    return reply.from_addr or "someone"


OUT_OF_OFFICE = "out of office"


def follow_up_after_return(back: date, settings: FollowUpConfig, zone_name: str) -> datetime:
    """Two business days after the stated return, at the next window opening."""
    tz = timing.zone(zone_name)
    window = typed_time.parse_window(settings.window)
    back_at = datetime.combine(back, datetime.min.time(), tz)
    later = timing.add_business_days(back_at, FOLLOW_UP_AFTER_RETURN_BUSINESS_DAYS, tz)
    return timing.next_window_opening(later, window, tz)


def _out_of_office(
    tx: Transaction,
    request: Request,
    return_date: date | None,
    settings: FollowUpConfig,
    now: datetime,
) -> Change:
    if return_date is None:
        return Change(request, ReplyKind.AUTO_REPLY)
    follow_up = request.follow_up
    if follow_up.status != FollowUpStatus.SCHEDULED or follow_up.due_at is None:
        return Change(request, ReplyKind.AUTO_REPLY, back=return_date)
    due = follow_up_after_return(return_date, settings, request.recipient_tz)
    if due <= follow_up.due_at:
        return Change(request, ReplyKind.AUTO_REPLY, back=return_date, already_later=True)
    back = f"{return_date.day} {return_date:%b}"
    tx.set_follow_up(
        request,
        FollowUpStatus.SCHEDULED,
        now,
        reason=f"{OUT_OF_OFFICE} until {back}",  # `list` says why it moved
        due_at=due,
        expected=(FollowUpStatus.SCHEDULED,),
    )
    return Change(request, ReplyKind.AUTO_REPLY, back=return_date, moved_to=due)


def resolve_from_sent_copy(
    store: Store, request: Request, folder: str, now: datetime
) -> Change | None:
    """A request whose outcome was unknown is `awaiting` once its copy is found in Sent."""
    with store.transaction() as tx:
        current = tx.get(request.id)
        if current.status != Status.UNKNOWN:
            return None
        outcomes.apply_status(
            tx,
            current,
            Status.AWAITING,
            now,
            reason="found in the Sent folder",
            sent_at=current.attempt_at or now,
        )
    return Change(request, None, folder=folder)
