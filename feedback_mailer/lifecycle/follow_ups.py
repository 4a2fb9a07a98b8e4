"""The one follow-up: when it may go, moving or cancelling it, and sending it once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from feedback_mailer.base import timing, typed_time
from feedback_mailer.base.errors import InputError, RefusedError
from feedback_mailer.mail import compose
from feedback_mailer.mail.smtp import DeliveryRefused, DeliveryUncertain, SmtpSession
from feedback_mailer.setup.config import Config, FollowUpConfig, sender_zone
from feedback_mailer.store import Request, Store, Transaction
from feedback_mailer.store.states import (
    FOLLOW_UP_GONE,
    FOLLOW_UP_PENDING,
    HOLD_MISSED,
    FollowUpStatus,
    Status,
)
from feedback_mailer.writing import languages, templating, wording

if TYPE_CHECKING:
    from feedback_mailer.lifecycle.report import RunReport


SessionFactory = Callable[[], SmtpSession]
MISSED_AFTER_BUSINESS_DAYS = 2
AfterSend = Callable[[bytes], None]


def follow_up_settings(config: Config | None) -> FollowUpConfig:
    return config.follow_up if config is not None else FollowUpConfig()


def default_follow_up_due(sent: datetime, settings: FollowUpConfig, tz: ZoneInfo) -> datetime:
    due = timing.add_duration(sent, typed_time.parse_duration(settings.after), tz)
    return timing.next_window_opening(due, typed_time.parse_window(settings.window), tz)


# Times are shown and typed to the minute: an asked-for time within a minute before the
# earliest allowed is that earliest time (README, Guarantees: the minimum wait holds).
SHOWN_PRECISION = timedelta(minutes=1)


def earliest_follow_up(sent: datetime, settings: FollowUpConfig, tz: ZoneInfo) -> datetime:
    return timing.add_duration(sent, typed_time.parse_duration(settings.min_after), tz)


@dataclass(frozen=True)
class FollowUpTime:
    due: datetime
    moved_from: datetime | None  # set when the window moved the asked-for time


def chosen_follow_up_time(
    asked: datetime,
    sent: datetime,
    now: datetime,
    settings: FollowUpConfig,
    tz: ZoneInfo,
    sender_tz: ZoneInfo,
) -> FollowUpTime:
    """Check an asked-for follow-up time against the minimum wait, then fit it to the window."""
    earliest = earliest_follow_up(sent, settings, tz)
    if asked < now:
        raise RefusedError(
            f"{timing.format_local(asked, sender_tz)} is in the past: choose a later time."
        )
    if asked < earliest - SHOWN_PRECISION:
        raise RefusedError(
            f"A follow-up at {timing.format_local(asked, sender_tz)} would come sooner than "
            f"the minimum wait of {settings.min_after}: choose "
            f"{timing.format_local(earliest, sender_tz)} or later."
        )
    # Within the minute shown and typed, the minimum wait itself is what was meant.
    asked = max(asked, earliest)
    due = timing.next_window_opening(asked, typed_time.parse_window(settings.window), tz)
    return FollowUpTime(due=due, moved_from=asked if due != asked else None)


def reschedule_follow_up(
    store: Store,
    config: Config | None,
    request_id: int,
    now: datetime,
    *,
    at: str | None = None,
    within: str | None = None,
) -> FollowUpTime:
    """Schedule or move the one follow-up, within the etiquette rules."""
    request = store.get_request(request_id)
    _refuse_follow_up_change(request)
    sender_tz = sender_zone(config)
    recipient_tz = timing.zone(request.recipient_tz)
    if at is not None:
        order = languages.date_order(request.language)
        asked = typed_time.parse_when(at, now, sender_tz, request.language, order)
    elif within is not None:
        asked = timing.add_duration(now, typed_time.parse_duration(within), recipient_tz)
    else:
        raise InputError("Say when: --at WHEN, --in DURATION, or --cancel.")
    sent = request.sent_at or request.created_at
    chosen = chosen_follow_up_time(
        asked, sent, now, follow_up_settings(config), recipient_tz, sender_tz
    )
    schedule(
        store,
        request_id,
        chosen.due,
        now,
        reason=f"follow-up set to {chosen.due:%Y-%m-%dT%H:%M:%SZ}",
    )
    return chosen


def cancel_follow_up(store: Store, request_id: int, now: datetime) -> Request:
    request = store.get_request(request_id)
    _refuse_follow_up_change(request)
    return cancel(store, request_id, now, reason="cancelled by you")


def _refuse_follow_up_change(request: Request) -> None:
    follow_up = request.follow_up
    if request.replied_at is not None or request.status == Status.ANSWERED:
        raise RefusedError(f"Request {request.id} has been answered: no follow-up is needed.")
    if follow_up.status in FOLLOW_UP_GONE:
        raise RefusedError(
            f"The follow-up of request {request.id} was already sent: there is only ever one."
        )
    if request.status in (Status.BOUNCED, Status.CLOSED, Status.FAILED):
        raise RefusedError(f"Request {request.id} is {request.status}: it gets no follow-up.")


def schedule(
    store: Store, request_id: int, due_at: datetime, now: datetime, *, reason: str
) -> Request:
    """Set or move the follow-up to `due_at`, as long as it has not gone out.

    A new time ends a "missed" hold; any other hold stays until the person decides.
    """
    with store.transaction() as tx:
        request = tx.get(request_id)
        if (request.follow_up.hold or "").startswith(HOLD_MISSED):
            tx.set_hold(request, now, None)
        moved = tx.set_follow_up(
            request,
            FollowUpStatus.SCHEDULED,
            now,
            due_at=due_at,
            expected=(*FOLLOW_UP_PENDING, FollowUpStatus.CANCELLED),
        )
        if not moved:
            raise RefusedError(
                f"The follow-up of request {request_id} is {request.follow_up.status}; "
                "it can no longer be scheduled."
            )
        tx.event(request_id, now, "note", text=reason)
        return tx.get(request_id)


def cancel(store: Store, request_id: int, now: datetime, *, reason: str) -> Request:
    with store.transaction() as tx:
        request = tx.get(request_id)
        if not tx.set_follow_up(
            request, FollowUpStatus.CANCELLED, now, reason=reason, expected=FOLLOW_UP_PENDING
        ):
            raise RefusedError(
                f"The follow-up of request {request_id} is {request.follow_up.status}; "
                "there is nothing to cancel."
            )
        return tx.get(request_id)


def may_send_now(request: Request, now: datetime) -> bool:
    """Checked again inside the claiming transaction, immediately before sending:
    still scheduled, due and not held, the request still awaiting, and no answer."""
    follow_up = request.follow_up
    return (
        follow_up.status == FollowUpStatus.SCHEDULED
        and request.status == Status.AWAITING
        and request.replied_at is None
        and follow_up.hold is None
        and follow_up.due_at is not None
        and follow_up.due_at <= now
    )


def claim(store: Store, request_id: int, now: datetime, *, message_id: str, raw: bytes) -> bool:
    """Atomically take a due follow-up for sending, storing its bytes first.

    True only for the one process whose transaction flipped it from
    `scheduled` to `sending`, so two concurrent runs never send it twice.
    """
    with store.transaction() as tx:
        request = tx.get(request_id)
        if not may_send_now(request, now):
            return False
        tx.claim_follow_up(request, now, message_id=message_id, raw=raw)
        return True


def _finish(
    store: Store, request_id: int, record: Callable[[Transaction, Request], object]
) -> Request:
    """Record what happened to a claimed follow-up (it must still be `sending`)."""
    with store.transaction() as tx:
        request = tx.get(request_id)
        if request.follow_up.status != FollowUpStatus.SENDING:
            raise RefusedError(
                f"The follow-up of request {request_id} is {request.follow_up.status}, not sending."
            )
        record(tx, request)
        return tx.get(request_id)


def finish_sent(store: Store, request_id: int, now: datetime) -> Request:
    """The server accepted it."""
    return _finish(store, request_id, lambda tx, request: tx.follow_up_sent(request, now))


def finish_released(store: Store, request_id: int, now: datetime, reason: str) -> Request:
    """Refused before acceptance for a passing reason: nothing was delivered, so it is
    scheduled again at the same time and a later run may try it."""
    return _finish(
        store, request_id, lambda tx, request: tx.release_follow_up(request, now, reason)
    )


def finish_refused(store: Store, request_id: int, now: datetime, reason: str) -> Request:
    """Refused for good: cancelled."""
    return _finish(
        store,
        request_id,
        lambda tx, request: tx.set_follow_up(request, FollowUpStatus.CANCELLED, now, reason=reason),
    )


def finish_unknown(store: Store, request_id: int, now: datetime, reason: str) -> Request:
    """It may or may not have been delivered: it stays `sending` and is never retried."""
    return _finish(
        store, request_id, lambda tx, request: tx.follow_up_outcome_unknown(request, now, reason)
    )


def build_follow_up(
    store: Store,
    request: Request,
    config: Config | None,
    templates_dir: Path | None,
    now: datetime,
) -> tuple[str, bytes, str, bool]:
    """The follow-up for `request`, as (message_id, bytes, sender, smtputf8), threaded."""
    stored = store.message(request.id, "request")
    original = message_from_bytes(stored.raw, policy=policy.SMTP)
    sender_name, sender_email = getaddresses([str(original["From"])])[0]
    original_date = parsedate_to_datetime(str(original["Date"]))
    original_text = compose.plain_text(original)  # as written: flowed lines joined again
    original_subject = str(original["Subject"])
    rendered = templating.render(
        request.follow_up.template,
        {
            "contact_name": request.contact_name,
            "contact_first_name": wording.first_name(request.contact_name),
            "greet": request.greet or wording.greeting_name(original_text),
            "company": request.company,
            "role": request.role,
            "sender_name": sender_name,
            "sender_email": sender_email,
            "original_subject": original_subject,
            "original_sent": languages.format_sent(original_date, request.language),
            "original_text": original_text.rstrip("\n"),
        },
        templates_dir,
        request.language,  # the request's: one thread, one language
    )
    references = tuple(str(original.get("References", "")).split())
    message_id = compose.new_message_id(sender_email)
    message = compose.build_message(
        sender=compose.Party(sender_name or None, sender_email),
        recipient=compose.Party(request.contact_name, request.contact_email),
        subject=compose.reply_subject(original_subject),
        text=rendered.text,
        html=rendered.html,
        message_id=message_id,
        date=now.astimezone(sender_zone(config)),
        thread=compose.Thread(in_reply_to=request.message_id, references=references),
    )
    smtputf8 = compose.needs_smtputf8(sender_email, request.contact_email)
    return message_id, compose.to_bytes(message, smtputf8=smtputf8), sender_email, smtputf8


class DueFollowUps(NamedTuple):
    """The follow-ups due now, sorted by what `run` may do with them."""

    ready: list[Request]  # due, inside the recipient's window, not held
    held: list[Request]  # waiting for the person to decide (a possible answer...)
    missed: list[Request]  # could not go out within two business days of their time


def is_missed(request: Request, now: datetime) -> bool:
    """More than two business days late (the computer was off): never sent late."""
    due = request.follow_up.due_at
    if due is None:
        return False
    tz = timing.zone(request.recipient_tz)
    return timing.add_business_days(due, MISSED_AFTER_BUSINESS_DAYS, tz) < now


def sort_due(store: Store, config: Config | None, now: datetime) -> DueFollowUps:
    """A run that happens late (the computer was asleep over the weekend) waits for the
    next window opening instead of writing to someone on a Saturday; a much later one
    does not send at all."""
    window = typed_time.parse_window(follow_up_settings(config).window)
    due = DueFollowUps([], [], [])
    for request in store.due_follow_ups(now):
        if request.follow_up.hold is not None:
            due.held.append(request)
        elif is_missed(request, now):
            due.missed.append(request)
        elif timing.in_window(now, window, timing.zone(request.recipient_tz)):
            due.ready.append(request)
    return due


def due_now(store: Store, config: Config | None, now: datetime) -> list[Request]:
    """Due follow-ups that may go out right now."""
    return sort_due(store, config, now).ready


def sends_on_its_own(config: Config | None) -> bool:
    """Only with reply tracking (or the person's explicit opt-in) may `run` send: without
    it an answer could not be seen, so a due follow-up is a reminder to the person."""
    return config is not None and config.sends_follow_ups


def hold(store: Store, request_id: int, now: datetime, why: str) -> bool:
    """Hold a scheduled follow-up (its time is kept); False when there was nothing to hold."""
    with store.transaction() as tx:
        request = tx.get(request_id)
        follow_up = request.follow_up
        if follow_up.status != FollowUpStatus.SCHEDULED or follow_up.hold is not None:
            return False
        tx.set_hold(request, now, why)
        return True


def release(store: Store, request_id: int, now: datetime) -> Request:
    """`followup ID --release`: the person looked and decided the follow-up may go."""
    with store.transaction() as tx:
        request = tx.get(request_id)
        _refuse_follow_up_change(request)
        held = request.follow_up.hold
        if held is None:
            raise RefusedError(f"The follow-up of request {request_id} is not held.")
        if held.startswith(HOLD_MISSED):
            raise RefusedError(
                f"The follow-up of request {request_id} missed its time: choose a new one "
                f"with `feedback-mailer followup {request_id} --at WHEN`."
            )
        tx.set_hold(request, now, None)
        return tx.get(request_id)


# The hold's text (its due time stays on the follow-up, for views to show).
_MISSED_REASON = (
    f"{HOLD_MISSED}: it could not go out within {MISSED_AFTER_BUSINESS_DAYS} business days "
    "of its time (was the computer off?)"
)


def send_due_follow_ups(
    store: Store,
    config: Config | None,
    templates_dir: Path | None,
    open_session: SessionFactory,
    now: Callable[[], datetime],
    report: RunReport,
    *,
    dry_run: bool = False,
    after_send: AfterSend | None = None,
) -> None:
    """Send each due follow-up once, over one SMTP login, claiming each atomically."""
    due = sort_due(store, config, now())
    report.held.extend(due.held)
    for request in due.missed:
        if dry_run or hold(store, request.id, now(), _MISSED_REASON):
            report.missed.append(request)
    if not sends_on_its_own(config):
        report.reminders.extend(due.ready)
        return
    if dry_run:
        report.would_send.extend(due.ready)
        return
    if not due.ready:
        return
    session = open_session()
    session.connect()  # a login failure here leaves every follow-up scheduled
    for request in due.ready:
        _send_one(store, config, templates_dir, session, request, now, report, after_send)


def _send_one(
    store: Store,
    config: Config | None,
    templates_dir: Path | None,
    session: SmtpSession,
    request: Request,
    now: Callable[[], datetime],
    report: RunReport,
    after_send: AfterSend | None,
) -> None:
    message_id, raw, sender, smtputf8 = build_follow_up(
        store, request, config, templates_dir, now()
    )
    if not claim(store, request.id, now(), message_id=message_id, raw=raw):
        report.skipped += 1  # another run took it, or a reply arrived meanwhile
        return
    try:
        session.send(raw, sender, request.contact_email, smtputf8=smtputf8)
    except DeliveryRefused as error:
        # Only a refusal of this recipient or this message for good ends the follow-up;
        # a sender, session or garbage reply leaves it for the next run.
        record = finish_refused if error.ends_follow_up else finish_released
        record(store, request.id, now(), str(error))
        report.failed.append((request, str(error)))
        return
    except DeliveryUncertain as error:
        finish_unknown(store, request.id, now(), str(error))
        report.uncertain.append((request, str(error)))
        return
    report.sent.append(finish_sent(store, request.id, now()))
    if after_send is not None:
        after_send(raw)


def send_now(
    store: Store,
    config: Config | None,
    templates_dir: Path | None,
    open_session: SessionFactory,
    request_id: int,
    now: Callable[[], datetime],
    report: RunReport,
) -> None:
    """`followup ID --send-now`: the person checked their inbox and sends the due
    follow-up themselves; every other rule still applies (once, in the window, not held)."""
    request = store.get_request(request_id)
    _refuse_follow_up_change(request)
    follow_up = request.follow_up
    if follow_up.status != FollowUpStatus.SCHEDULED or follow_up.due_at is None:
        raise RefusedError(f"Request {request_id} has no scheduled follow-up to send.")
    if follow_up.hold is not None:
        raise RefusedError(
            f"The follow-up of request {request_id} is held ({follow_up.hold}): "
            f"`feedback-mailer followup {request_id} --release` first, if it may go."
        )
    tz = timing.zone(request.recipient_tz)
    if follow_up.due_at > now():
        raise RefusedError(
            f"The follow-up of request {request_id} is not due until "
            f"{timing.format_local(follow_up.due_at, tz)}: it is too soon to ask again."
        )
    window = typed_time.parse_window(follow_up_settings(config).window)
    if not timing.in_window(now(), window, tz):
        opening = timing.next_window_opening(now(), window, tz)
        raise RefusedError(
            f"It is outside the recipient's hours ({follow_up_settings(config).window}): "
            f"send it at {timing.format_local(opening, tz)} or later."
        )
    session = open_session()
    _send_one(store, config, templates_dir, session, request, now, report, None)
