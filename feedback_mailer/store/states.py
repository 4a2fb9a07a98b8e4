"""The one vocabulary of states: what a request, its follow-up and a found reply can be.

Every SQL `IN (...)` list, command option and rule is built from these names;
the store refuses any request transition not listed in `REQUEST_TRANSITIONS`.
They are `StrEnum`s, so a value read back from SQLite compares equal to its
member and prints as the plain word.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Status(StrEnum):
    """Where a request is in its life (README, "Request life cycle")."""

    SENDING = "sending"
    AWAITING = "awaiting"
    ANSWERED = "answered"
    BOUNCED = "bounced"
    CLOSED = "closed"
    FAILED = "failed"
    UNKNOWN = "unknown"


class FollowUpStatus(StrEnum):
    """The one follow-up of a request."""

    NONE = "none"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    CANCELLED = "cancelled"


class ReplyKind(StrEnum):
    """What a message found in the mailbox was taken for."""

    ANSWER = "answer"
    AUTO_REPLY = "auto_reply"
    BOUNCE_HARD = "bounce_hard"
    BOUNCE_SOFT = "bounce_soft"
    # Mail from the contact's organisation outside the thread: it holds the follow-up
    # until the person decides (README, "How replies are recognised").
    POSSIBLE_ANSWER = "possible_answer"
    # A report from a mail system (DSN, read receipt, list or challenge notice): never an answer.
    MACHINE = "machine"
    # A message the reader could not read: it holds the follow-up of the request it names.
    UNREADABLE = "unreadable"


class ThankYouStatus(StrEnum):
    """The one thank-you for an answer: always the person's choice, sent at most once."""

    SENDING = "sending"  # committed with its bytes before SMTP is spoken
    SENT = "sent"
    FAILED = "failed"  # refused before acceptance: nothing was delivered
    UNKNOWN = "unknown"  # the outcome cannot be known: never sent again on its own
    SKIPPED = "skipped"  # the person chose not to send one


class PointKind(StrEnum):
    """A point of a reflection note."""

    WENT_WELL = "went_well"
    IMPROVE = "improve"


class MessageKind(StrEnum):
    """What a stored message we sent was."""

    REQUEST = "request"
    FOLLOW_UP = "follow_up"
    THANK_YOU = "thank_you"


class RejectionStatus(StrEnum):
    """A rejection email found in the inbox: still to act on, or set aside by the person."""

    OPEN = "open"
    # Not a rejection, or not worth asking: `rejections restore` undoes it.
    DISMISSED = "dismissed"


class RejectionFeedback(StrEnum):
    """What a rejection says about feedback (the reader's words, kept as read)."""

    OFFERED = "offered"  # a call or an answer is offered: accept it
    REFUSED = "refused"  # "unable to give individual feedback": asking is their choice
    GIVEN = "given"  # the reasons are in the message: thank, do not ask
    NONE = "none"


# A held follow-up keeps its time; the hold's text says why. One that could not go
# out in time is held with a text beginning with this word: only a new time ends it.
HOLD_MISSED = "missed"

REQUEST_STATUSES: tuple[Status, ...] = tuple(Status)
FOLLOW_UP_STATUSES: tuple[FollowUpStatus, ...] = tuple(FollowUpStatus)
REPLY_KINDS: tuple[ReplyKind, ...] = tuple(ReplyKind)
THANK_YOU_STATUSES: tuple[ThankYouStatus, ...] = tuple(ThankYouStatus)
POINT_KINDS: tuple[PointKind, ...] = tuple(PointKind)
MESSAGE_KINDS: tuple[MessageKind, ...] = tuple(MessageKind)
REJECTION_STATUSES: tuple[RejectionStatus, ...] = tuple(RejectionStatus)
REJECTION_FEEDBACK: tuple[RejectionFeedback, ...] = tuple(RejectionFeedback)
# A thank-you that went out, or may have: there is only ever one.
THANK_YOU_GONE: tuple[ThankYouStatus, ...] = (
    ThankYouStatus.SENDING,
    ThankYouStatus.SENT,
    ThankYouStatus.UNKNOWN,
)

# Sent (or maybe sent) and not yet settled: the requests a reply can still change.
OPEN_STATUSES: tuple[Status, ...] = (Status.SENDING, Status.AWAITING, Status.UNKNOWN)
# Requests that are over: nothing more is sent for them.
ENDED_STATUSES: tuple[Status, ...] = (Status.ANSWERED, Status.BOUNCED, Status.CLOSED)
# A follow-up that has not gone out and may still be set, moved or cancelled.
FOLLOW_UP_PENDING: tuple[FollowUpStatus, ...] = (FollowUpStatus.NONE, FollowUpStatus.SCHEDULED)
# A follow-up that went out, or may have: there is only ever one.
FOLLOW_UP_GONE: tuple[FollowUpStatus, ...] = (FollowUpStatus.SENDING, FollowUpStatus.SENT)

# Which request states may follow which: anything else is a bug or a race and is refused.
REQUEST_TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.SENDING: (
        Status.AWAITING,
        Status.FAILED,
        Status.UNKNOWN,
        Status.ANSWERED,
        Status.BOUNCED,
        Status.CLOSED,
    ),
    Status.FAILED: (Status.SENDING, Status.CLOSED),
    Status.UNKNOWN: (
        Status.SENDING,
        Status.AWAITING,
        Status.ANSWERED,
        Status.BOUNCED,
        Status.CLOSED,
    ),
    Status.AWAITING: (Status.ANSWERED, Status.BOUNCED, Status.CLOSED),
    # Back to awaiting only by the person's `mark --reopen` (a forged or mistaken answer).
    Status.ANSWERED: (Status.CLOSED, Status.AWAITING),
    Status.BOUNCED: (Status.CLOSED, Status.AWAITING),
    # Reopening a request closed after its answer came gives it its answer back.
    Status.CLOSED: (Status.AWAITING, Status.ANSWERED),
}


def sql_list(values: Iterable[StrEnum]) -> str:
    """`'a','b'` for an SQL `IN (...)` or `CHECK`: only ever built from this vocabulary."""
    return ",".join(f"'{value.value}'" for value in values)
