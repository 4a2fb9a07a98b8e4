"""What the store hands out and takes in: plain records, and the one timestamp format."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

from feedback_mailer.store.states import FollowUpStatus


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
    hold: str | None = None  # why it must not go out on its own, if it must not


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
    follow_up: FollowUp = FollowUp(FollowUpStatus.NONE)
    language: str = "en"  # of its texts: the follow-up and a thank-you are written in it
    greet: str | None = None  # how the request addressed the contact (send --greet)


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
    language: str = "en"
    rejection_id: int | None = None  # the rejection email this request answers
    greet: str | None = None


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
    body: str | None = None  # an answer's whole text, for its feedback to be quoted


class ScanState(NamedTuple):
    folder: str
    uidvalidity: int
    last_uid: int


class ThankYou(NamedTuple):
    """The one thank-you for a request's answer."""

    request_id: int
    status: str  # ThankYouStatus
    message_id: str | None
    in_reply_to: str | None
    recipient: str | None
    attempt_at: datetime | None
    sent_at: datetime | None
    reason: str | None


class Point(NamedTuple):
    """One line of a reflection: what went well or what to improve, with its #tags."""

    kind: str  # PointKind
    text: str
    tags: tuple[str, ...] = ()


class Reflection(NamedTuple):
    """A note on one interview, with or without a request."""

    id: int
    request_id: int | None
    company: str
    role: str | None
    interview_date: str | None  # ISO date
    feedback: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime
    points: tuple[Point, ...] = ()


class NewReflection(NamedTuple):
    """What a reflection is saved as: the whole note, replacing the previous version."""

    request_id: int | None
    company: str
    role: str | None
    interview_date: str | None
    feedback: str | None
    notes: str | None
    points: tuple[Point, ...]


class NewRejection(NamedTuple):
    """What was read from a rejection email (never its body), to be recorded once."""

    message_id: str  # its Message-ID, else "sha256:" + a hash of its bytes
    received: datetime | None
    company: str | None
    role: str | None
    language: str
    contact: str | None
    contact_name: str | None
    feedback: str  # RejectionFeedback
    feedback_quote: str | None
    nobody_reason: str | None  # why there is no contact, when there is none
    subject: str
    references: tuple[str, ...]
    folder: str | None
    uid: int | None


class StoredRejection(NamedTuple):
    """A rejection email found in the inbox, as recorded."""

    id: int
    message_id: str
    received: datetime | None
    company: str | None
    role: str | None
    language: str
    contact: str | None
    contact_name: str | None
    feedback: str  # RejectionFeedback
    feedback_quote: str | None
    nobody_reason: str | None
    subject: str
    references: tuple[str, ...]
    folder: str | None
    uid: int | None
    status: str  # RejectionStatus
    request_id: int | None
    found_at: datetime
