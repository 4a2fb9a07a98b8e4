"""`review`: what repeats across interviews, the feedback that came back, and how
asking for it is going. Pure reading: it works out figures from the store's
records and changes nothing.
"""

from __future__ import annotations

import re
import statistics
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from feedback_mailer.base import typed_time
from feedback_mailer.store import Reflection, Request, Store
from feedback_mailer.store.states import (
    OPEN_STATUSES,
    FollowUpStatus,
    PointKind,
    ReplyKind,
    Status,
)

NO_RESPONSE = "no response"  # the reason `run` gives when it lets a request go
REPEATS = 2  # a theme "repeats" once it comes up in this many interviews


class Asking(NamedTuple):
    """How asking for feedback is going, over the requests sent in the period."""

    sent: int
    answered_before_follow_up: int
    answered_after_follow_up: int
    out_of_office: int
    bounced: int
    no_response: int
    closed_by_you: int
    waiting: int
    median_days_to_answer: float | None
    follow_ups_sent: int

    @property
    def answered(self) -> int:
        return self.answered_before_follow_up + self.answered_after_follow_up

    @property
    def follow_up_answer_share(self) -> float | None:
        """The share of follow-ups that got an answer."""
        if not self.follow_ups_sent:
            return None
        return self.answered_after_follow_up / self.follow_ups_sent


class Theme(NamedTuple):
    """A tag or an improve-point, and the interviews it came up in."""

    label: str  # "#system-design", or the point as first written
    interviews: int
    companies: tuple[str, ...]


class Feedback(NamedTuple):
    on: date | None
    company: str
    role: str | None
    who: str | None
    text: str
    request_id: int | None


class Review(NamedTuple):
    since: datetime | None
    interviews: int  # reflection notes in the period
    repeats: list[Theme]  # improve tags and points from several interviews
    tags: list[Theme]  # every improve tag, most frequent first
    strengths: list[Theme]  # went-well tags
    feedback: list[Feedback]  # newest first
    asking: Asking


def parse_since(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    """`--since`: a date or moment ('2026-09-01', 'last monday'), or how long ago
    ('3 months', '6 weeks')."""
    from feedback_mailer.base.errors import InputError

    try:
        typed_time.parse_duration(text)
    except InputError:
        moment = typed_time.parse_when(text, now, tz)
        local = moment.astimezone(tz)
        if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):  # a date: from its start
            moment = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if moment > now:
            raise InputError(f"--since {text!r} is in the future: give a past date.") from None
        return moment
    return now - (typed_time.parse_when(text, now, tz) - now)


def _sent(request: Request) -> bool:
    return request.sent_at is not None


def asking_figures(requests: list[Request], out_of_office_ids: set[int]) -> Asking:
    sent = [r for r in requests if _sent(r)]
    before = after = 0
    days: list[float] = []
    for request in sent:
        if request.replied_at is None:
            continue
        follow_up = request.follow_up
        if (
            follow_up.status == FollowUpStatus.SENT
            and follow_up.sent_at is not None
            and request.replied_at >= follow_up.sent_at
        ):
            after += 1
        else:
            before += 1
        asked = request.sent_at or request.created_at  # `sent` holds only sent requests
        days.append(max(0.0, (request.replied_at - asked).total_seconds() / 86400))
    unanswered = [r for r in sent if r.replied_at is None]
    return Asking(
        sent=len(sent),
        answered_before_follow_up=before,
        answered_after_follow_up=after,
        out_of_office=sum(1 for r in sent if r.id in out_of_office_ids),
        bounced=sum(1 for r in unanswered if r.status == Status.BOUNCED),
        no_response=sum(
            1 for r in unanswered if r.status == Status.CLOSED and r.status_reason == NO_RESPONSE
        ),
        closed_by_you=sum(
            1 for r in unanswered if r.status == Status.CLOSED and r.status_reason != NO_RESPONSE
        ),
        waiting=sum(1 for r in unanswered if r.status in OPEN_STATUSES),
        median_days_to_answer=statistics.median(days) if days else None,
        follow_ups_sent=sum(1 for r in sent if r.follow_up.status == FollowUpStatus.SENT),
    )


def _point_key(text: str) -> str:
    """What makes two points the same point: words, without tags, case or punctuation."""
    without_tags = re.sub(r"#[^\W\d_][\w-]*", " ", text)
    return " ".join(re.findall(r"\w+", without_tags.casefold()))


def _themes(
    reflections: list[Reflection], kind: PointKind, *, points: bool
) -> tuple[list[Theme], list[Theme]]:
    """(tags, points) of this kind, each with the interviews they came up in."""
    tag_seen: dict[str, dict[int, str]] = {}
    point_seen: dict[str, dict[int, str]] = {}
    point_label: dict[str, str] = {}
    for reflection in reflections:
        for point in reflection.points:
            if point.kind != kind:
                continue
            for tag in point.tags:
                tag_seen.setdefault(tag, {})[reflection.id] = reflection.company
            key = _point_key(point.text)
            if points and key:
                point_seen.setdefault(key, {})[reflection.id] = reflection.company
                point_label.setdefault(key, point.text)

    def ranked(seen: dict[str, dict[int, str]], label: dict[str, str]) -> list[Theme]:
        themes = [
            Theme(label[key], len(where), tuple(dict.fromkeys(where.values())))
            for key, where in seen.items()
        ]
        return sorted(themes, key=lambda theme: (-theme.interviews, theme.label.casefold()))

    tags = ranked(tag_seen, {tag: f"#{tag}" for tag in tag_seen})
    return tags, ranked(point_seen, point_label)


def _in_period(reflection: Reflection, since: datetime | None, tz: ZoneInfo) -> bool:
    if since is None:
        return True
    if reflection.interview_date:
        return date.fromisoformat(reflection.interview_date) >= since.astimezone(tz).date()
    return reflection.created_at >= since


def build(store: Store, since: datetime | None, tz: ZoneInfo) -> Review:
    """Everything `review` shows, for the requests sent and interviews held since `since`."""
    requests = [
        r for r in store.list_requests() if since is None or (r.sent_at or r.created_at) >= since
    ]
    reflections = [r for r in store.reflections() if _in_period(r, since, tz)]
    improve_tags, improve_points = _themes(reflections, PointKind.IMPROVE, points=True)
    strengths, _ = _themes(reflections, PointKind.WENT_WELL, points=False)
    repeats = [t for t in improve_tags if t.interviews >= REPEATS]
    repeats += [t for t in improve_points if t.interviews >= REPEATS]
    return Review(
        since=since,
        interviews=len(reflections),
        repeats=sorted(repeats, key=lambda theme: -theme.interviews),
        tags=improve_tags,
        strengths=strengths,
        feedback=_feedback(store, requests, reflections, tz),
        asking=asking_figures(requests, store.request_ids_with_reply(ReplyKind.AUTO_REPLY)),
    )


def empty(since: datetime | None) -> Review:
    """The review of a store that does not exist yet."""
    return Review(since, 0, [], [], [], [], asking_figures([], set()))


def _feedback(
    store: Store,
    requests: list[Request],
    reflections: list[Reflection],
    tz: ZoneInfo,
) -> list[Feedback]:
    """Each answer's feedback (as the note keeps it, else as it came), and the feedback
    written into notes on interviews without a request; newest first."""
    from feedback_mailer.lifecycle.reflections import feedback_of

    noted = {r.request_id: r for r in store.reflections() if r.request_id is not None}
    items: list[tuple[datetime, Feedback]] = []
    for request in requests:
        if request.replied_at is None:
            continue
        note = noted.get(request.id)
        text = (note.feedback if note else None) or feedback_of(store, request)
        if not text:
            continue
        on = request.replied_at.astimezone(tz).date()
        who = (
            request.contact_name
            if request.reply_from in (None, request.contact_email)
            else (request.reply_from)
        )
        items.append(
            (
                request.replied_at,
                Feedback(on, request.company, request.role, who, text, request.id),
            )
        )
    for reflection in reflections:
        if reflection.request_id is not None or not reflection.feedback:
            continue
        day = date.fromisoformat(reflection.interview_date) if reflection.interview_date else None
        moment = (
            datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=12)
            if day
            else reflection.created_at
        )
        items.append(
            (
                moment,
                Feedback(day, reflection.company, reflection.role, None, reflection.feedback, None),
            )
        )
    items.sort(key=lambda item: item[0], reverse=True)
    return [item for _, item in items]
