"""Recovering from a process that died mid-send: its outcome becomes `unknown`.

Its own module so `check` can run it without importing the composing and
sending machinery.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from feedback_mailer.lifecycle import outcomes
from feedback_mailer.store import Request, Store
from feedback_mailer.store.states import FollowUpStatus, Status

# A `sending` row older than this belongs to a process that died mid-send:
# longer than any SMTP attempt with its retries can take.
STALE_AFTER = timedelta(minutes=15)


def mark_stale_sends(store: Store, now: datetime) -> list[Request]:
    """Sends whose process died before recording the result become `unknown`.

    Never re-sent: the message may have reached the server before the crash.
    """
    stale = []
    for request in store.stale_sending(now - STALE_AFTER):
        reason = "the sending process stopped before recording the result"
        if request.status == Status.SENDING:
            request = outcomes.change_status(
                store, request.id, Status.UNKNOWN, now, reason=reason, expected=(Status.SENDING,)
            )
        if request.follow_up.status == FollowUpStatus.SENDING and request.follow_up.reason is None:
            with store.transaction() as tx:
                tx.follow_up_outcome_unknown(request, now, reason)
                request = tx.get(request.id)
        stale.append(request)
    return stale
