"""Letting go: an unanswered request is closed after `give_up_after` (README, Guarantees)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from feedback_mailer.base import timing, typed_time
from feedback_mailer.lifecycle import follow_ups, outcomes
from feedback_mailer.setup.config import Config, FollowUpConfig
from feedback_mailer.store import Request, Store
from feedback_mailer.store.states import FollowUpStatus, Status

if TYPE_CHECKING:
    from feedback_mailer.lifecycle.report import RunReport


def give_up_deadline(request: Request, settings: FollowUpConfig) -> datetime | None:
    """When an unanswered request is let go: `give_up_after` past the follow-up, or the send."""
    sent = request.follow_up.status == FollowUpStatus.SENT
    start = request.follow_up.sent_at if sent else request.sent_at
    if start is None:
        return None
    tz = timing.zone(request.recipient_tz)
    return timing.add_duration(start, typed_time.parse_duration(settings.give_up_after), tz)


def close_unanswered(
    store: Store, config: Config | None, now: datetime, report: RunReport, *, dry_run: bool = False
) -> None:
    settings = follow_ups.follow_up_settings(config)
    for request in store.awaiting_without_pending_follow_up():
        deadline = give_up_deadline(request, settings)
        if deadline is None or deadline > now:
            continue
        if dry_run:
            report.would_close.append(request)
            continue
        report.closed.append(
            outcomes.change_status(
                store,
                request.id,
                Status.CLOSED,
                now,
                reason="no response",
                expected=(Status.AWAITING,),
            )
        )
