"""Recovering from a process that died mid-send: its outcome becomes `unknown`.

Kept apart from `lifecycle` (which it belongs to) so `check` can run it
without importing the composing and sending machinery.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from feedback_mailer.store import Request, Store

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
        if request.status == "sending":
            request = store.set_request_status(
                request.id, "unknown", now, reason=reason, expected=("sending",)
            )
        if request.follow_up.status == "sending" and request.follow_up.reason is None:
            request = store.finish_follow_up(request.id, now, "unknown", reason=reason)
        stale.append(request)
    return stale
