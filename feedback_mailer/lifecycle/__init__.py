"""The request and follow-up state machine: what happens, in which order.

This module decides; `store` records, `smtp` delivers, `compose` builds the
bytes. The order of steps is the at-most-once promise: a request's row and
exact bytes are committed in `sending` before SMTP is spoken, a follow-up is
claimed in one transaction before it is sent, and nothing whose outcome is
uncertain is ever sent again automatically.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from feedback_mailer import templating, timing, views
from feedback_mailer.errors import InputError, RefusedError
from feedback_mailer.lifecycle.recovery import STALE_AFTER, mark_stale_sends
from feedback_mailer.mail import compose
from feedback_mailer.mail.addresses import validate_address
from feedback_mailer.mail.smtp import DeliveryRefused, DeliveryUncertain, SmtpSession
from feedback_mailer.setup.config import Config, FollowUpConfig
from feedback_mailer.store import NewRequest, Request, Store, duplicate_refusal
from feedback_mailer.textsafety import require_clean_body

PLACEHOLDER_NAME = "Your Name"
PLACEHOLDER_EMAIL = "you@example.com"
MAX_TEXT_OPTION = 300
__all__ = ["STALE_AFTER", "mark_stale_sends"]  # re-exported: part of the life cycle

SessionFactory = Callable[[], SmtpSession]
AfterSend = Callable[[bytes], None]


@dataclass(frozen=True)
class RequestInput:
    to: str
    company: str
    name: str | None = None
    role: str | None = None
    interview_date: str | None = None
    highlights: tuple[str, ...] = ()
    template: str = templating.DEFAULT_REQUEST_TEMPLATE
    follow_up: str | None = None
    no_follow_up: bool = False
    tz: str | None = None


@dataclass(frozen=True)
class Draft:
    """A request ready to show, edit, confirm and send."""

    inputs: RequestInput
    sender: compose.Party
    recipient: compose.Party
    subject: str
    text: str
    html: str | None
    message_id: str
    date: datetime
    recipient_zone: ZoneInfo
    follow_up_due: datetime | None
    warnings: tuple[str, ...] = ()
    placeholder_sender: bool = False

    @property
    def smtputf8(self) -> bool:
        return compose.needs_smtputf8(self.sender.email, self.recipient.email)

    def message(self) -> EmailMessage:
        return compose.build_message(
            sender=self.sender,
            recipient=self.recipient,
            subject=self.subject,
            text=self.text,
            html=self.html,
            message_id=self.message_id,
            date=self.date,
        )

    def raw(self) -> bytes:
        return compose.to_bytes(self.message(), smtputf8=self.smtputf8)


# --- zones and times ---------------------------------------------------------


def sender_zone(config: Config | None) -> ZoneInfo:
    return views.sender_zone(config)


def follow_up_settings(config: Config | None) -> FollowUpConfig:
    return config.follow_up if config is not None else FollowUpConfig()


def default_follow_up_due(sent: datetime, settings: FollowUpConfig, tz: ZoneInfo) -> datetime:
    due = timing.add_duration(sent, timing.parse_duration(settings.after), tz)
    return timing.next_window_opening(due, timing.parse_window(settings.window), tz)


def earliest_follow_up(sent: datetime, settings: FollowUpConfig, tz: ZoneInfo) -> datetime:
    return timing.add_duration(sent, timing.parse_duration(settings.min_after), tz)


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
    if asked < earliest:
        raise RefusedError(
            f"A follow-up at {timing.format_local(asked, sender_tz)} would come sooner than "
            f"the minimum wait of {settings.min_after}: choose "
            f"{timing.format_local(earliest, sender_tz)} or later."
        )
    due = timing.next_window_opening(asked, timing.parse_window(settings.window), tz)
    return FollowUpTime(due=due, moved_from=asked if due != asked else None)


def parse_interview_date(text: str, now: datetime, tz: ZoneInfo) -> date:
    moment = timing.parse_when(text, now, tz)
    day = moment.astimezone(tz).date()
    if day > now.astimezone(tz).date():
        raise InputError(
            f"The interview date {text!r} is in the future: give the day the interview took place."
        )
    return day


def describe_interview_date(day: date, now: datetime, tz: ZoneInfo) -> str:
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == now.astimezone(tz).year else f"{text} {day.year}"


# --- requests ----------------------------------------------------------------


def _clean_option(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = compose.header_text(value, what)  # company, name and role can reach headers
    if len(value) > MAX_TEXT_OPTION:
        raise InputError(
            f"The {what} is {len(value)} characters long: keep it under {MAX_TEXT_OPTION}."
        )
    return value or None


def _sender(config: Config | None) -> tuple[compose.Party, bool]:
    if config is None:
        return compose.Party(PLACEHOLDER_NAME, PLACEHOLDER_EMAIL), True
    email = validate_address(config.sender.email, what=f"sender.email in {config.path}")
    return compose.Party(config.sender.name, email), False


def prepare_request(
    inputs: RequestInput,
    config: Config | None,
    templates_dir: Path | None,
    now: datetime,
) -> Draft:
    """Validate every input and render the message; nothing is recorded or sent."""
    to = validate_address(inputs.to, what="recipient address (--to)")
    company = _clean_option(inputs.company, "company (--company)")
    if not company:
        raise InputError("The company (--company) is empty: give the company's name.")
    name = _clean_option(inputs.name, "contact name (--name)")
    role = _clean_option(inputs.role, "role (--role)")
    highlights = tuple(
        h for h in (_clean_option(h, "highlight (--highlight)") for h in inputs.highlights) if h
    )
    if templating.kind_of(inputs.template) != "request":
        raise InputError(
            f"{inputs.template!r} is a follow-up template: choose a request template "
            "(`feedback-mailer templates list`)."
        )
    sender, placeholder = _sender(config)
    sender_tz = sender_zone(config)
    recipient_tz = timing.zone(inputs.tz) if inputs.tz else sender_tz
    interview = (
        parse_interview_date(inputs.interview_date, now, sender_tz)
        if inputs.interview_date
        else None
    )
    rendered = templating.render(
        inputs.template,
        {
            "contact_name": name,
            "company": company,
            "role": role,
            "interview_date": describe_interview_date(interview, now, sender_tz)
            if interview
            else None,
            "highlights": list(highlights),
            "sender_name": sender.name,
            "sender_email": sender.email,
        },
        templates_dir,
    )
    settings = follow_up_settings(config)
    follow_up_due = None
    if inputs.follow_up and inputs.no_follow_up:
        raise InputError("Give either --follow-up WHEN or --no-follow-up, not both.")
    if inputs.follow_up:
        asked = timing.parse_when(inputs.follow_up, now, sender_tz)
        follow_up_due = chosen_follow_up_time(
            asked, now, now, settings, recipient_tz, sender_tz
        ).due
    elif not inputs.no_follow_up:
        follow_up_due = default_follow_up_due(now, settings, recipient_tz)
    draft = Draft(
        inputs=replace(
            inputs,
            to=to,
            company=company,
            name=name,
            role=role,
            highlights=highlights,
            interview_date=interview.isoformat() if interview else None,  # stored as read
        ),
        sender=sender,
        recipient=compose.Party(name, to),
        subject=compose.check_subject(rendered.subject),
        text=require_clean_body(rendered.text, "message text"),
        html=rendered.html,
        message_id=compose.new_message_id(sender.email),
        date=now.astimezone(sender_tz),
        recipient_zone=recipient_tz,
        follow_up_due=follow_up_due,
        placeholder_sender=placeholder,
    )
    draft.message()  # header checks run now, not at send time
    return replace(draft, warnings=tone_warnings(draft))


def tone_warnings(draft: Draft) -> tuple[str, ...]:
    return tuple(compose.pushy_phrases(f"{draft.subject}\n{draft.text}"))


def editable_text(draft: Draft) -> str:
    return f"Subject: {draft.subject}\n\n{draft.text}"


def apply_edit(draft: Draft, edited: str) -> Draft:
    """Read back `Subject: ...`, a blank line, then the body; re-run every check."""
    edited = edited.replace("\r\n", "\n")
    head, separator, body = edited.partition("\n\n")
    match = re.fullmatch(r"Subject:[ \t]*(.*)", head.strip("\n"))
    if not separator or match is None:
        raise InputError(
            "The edited text must start with a 'Subject: ...' line, then a blank line, then the "
            "message: nothing was sent."
        )
    if not body.strip():
        raise InputError("The edited message is empty: nothing was sent.")
    edited_draft = replace(
        draft,
        subject=compose.check_subject(match.group(1)),
        text=require_clean_body(body.strip("\n") + "\n", "edited message"),
    )
    edited_draft.message()
    return replace(edited_draft, warnings=tone_warnings(edited_draft))


def preview(message: EmailMessage) -> str:
    """The message as a person reads it: decoded headers, a blank line, the text."""
    lines = []
    for header in ("From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References"):
        value = message.get(header)
        if value is not None:
            lines.append(f"{header}: {value}")
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    return "\n".join(lines) + "\n\n" + str(text).rstrip("\n") + "\n"


def refuse_duplicate(store: Store, draft: Draft) -> None:
    duplicate = store.find_open_duplicate(draft.recipient.email, draft.inputs.company)
    if duplicate is not None:  # checked again atomically when the row is written
        raise duplicate_refusal(
            duplicate.id, duplicate.contact_email, duplicate.company, duplicate.status
        )


def _deliver(
    store: Store,
    request: Request,
    raw: bytes,
    sender: str,
    recipient: str,
    session: SmtpSession,
    now: Callable[[], datetime],
    smtputf8: bool,
) -> Request:
    """Speak SMTP for a request already committed in `sending`, and record the outcome."""
    try:
        session.send(raw, sender, recipient, smtputf8=smtputf8)
    except DeliveryRefused as error:
        store.set_request_status(request.id, "failed", now(), reason=str(error))
        raise
    except DeliveryUncertain as error:
        store.set_request_status(request.id, "unknown", now(), reason=str(error))
        raise
    return store.set_request_status(request.id, "awaiting", now(), sent_at=now())


def deliver_request(
    draft: Draft,
    store: Store,
    open_session: SessionFactory,
    now: Callable[[], datetime],
    *,
    force: bool = False,
) -> Request:
    """Record the request in `sending`, then send it; at most once, always."""
    if draft.placeholder_sender:
        raise RefusedError("There is no sender configured: run `feedback-mailer init` first.")
    # The password is fetched before anything is recorded, so a keyring
    # failure leaves no row behind.
    session = open_session()
    raw = draft.raw()
    request = store.create_request(
        NewRequest(
            company=draft.inputs.company,
            role=draft.inputs.role,
            contact_name=draft.inputs.name,
            contact_email=draft.recipient.email,
            template=draft.inputs.template,
            subject=draft.subject,
            message_id=draft.message_id,
            raw=raw,
            recipient_tz=draft.recipient_zone.key,
            interview_date=draft.inputs.interview_date,
            follow_up_due=draft.follow_up_due,
        ),
        now(),
        force=force,
    )
    return _deliver(
        store,
        request,
        raw,
        draft.sender.email,
        draft.recipient.email,
        session,
        now,
        draft.smtputf8,
    )


def resume_request(
    request_id: int,
    store: Store,
    open_session: SessionFactory,
    now: Callable[[], datetime],
    *,
    force: bool,
    config: Config | None = None,
) -> Request:
    """Send a `failed` request again (an `unknown` one only with `force`): same bytes.

    Its scheduled follow-up keeps its time unless that now comes too soon
    after the real send, in which case it moves to the default delay.
    """
    request = store.get_request(request_id)
    if request.status == "unknown" and not force:
        raise RefusedError(
            f"Request {request_id} may already have been delivered (its outcome is unknown): "
            "check your Sent folder or `feedback-mailer check`; resend only with --force."
        )
    if request.status not in ("failed", "unknown"):
        raise RefusedError(
            f"Request {request_id} is {request.status}: only a failed request can be resumed."
        )
    stored = store.message(request_id, "request")
    original = message_from_bytes(stored.raw, policy=policy.SMTP)
    sender = _address_of(str(original["From"]))
    session = open_session()
    request = store.set_request_status(
        request_id, "sending", now(), reason="resumed", expected=(request.status,)
    )
    sent = _deliver(
        store,
        request,
        stored.raw,
        sender,
        request.contact_email,
        session,
        now,
        compose.needs_smtputf8(sender, request.contact_email),
    )
    return _respace_follow_up(store, sent, config, now())


def _respace_follow_up(
    store: Store, request: Request, config: Config | None, now: datetime
) -> Request:
    follow_up = request.follow_up
    if follow_up.status != "scheduled" or follow_up.due_at is None or request.sent_at is None:
        return request
    settings = follow_up_settings(config)
    tz = timing.zone(request.recipient_tz)
    if follow_up.due_at >= earliest_follow_up(request.sent_at, settings, tz):
        return request
    due = default_follow_up_due(request.sent_at, settings, tz)
    return store.schedule_follow_up(
        request.id, due, now, reason="follow-up moved: the request was only sent now"
    )


def _address_of(header: str) -> str:
    pairs = getaddresses([header])
    return pairs[0][1] if pairs else ""


# --- manual marks and follow-up changes ----------------------------------------


def mark(store: Store, request_id: int, outcome: str, note: str | None, now: datetime) -> Request:
    if note is not None:
        note = require_clean_body(note, "note").strip() or None
    request = store.get_request(request_id)
    if outcome == "answered":
        if request.status == "answered":
            raise RefusedError(f"Request {request_id} is already answered.")
        if request.status not in ("sending", "awaiting", "unknown"):
            raise RefusedError(
                f"Request {request_id} is {request.status}; only an open request can be answered."
            )
        result = store.mark_answered(
            request_id,
            now,
            replied_at=now,
            reply_from=None,
            excerpt=note,
            reason="marked answered by you",
        )
    else:
        if request.status == "closed":
            raise RefusedError(f"Request {request_id} is already closed.")
        result = store.set_request_status(request_id, "closed", now, reason="closed by you")
    if note:
        store.note(request_id, now, note)
    return result


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
        asked = timing.parse_when(at, now, sender_tz)
    elif within is not None:
        asked = timing.add_duration(now, timing.parse_duration(within), recipient_tz)
    else:
        raise InputError("Say when: --at WHEN, --in DURATION, or --cancel.")
    sent = request.sent_at or request.created_at
    chosen = chosen_follow_up_time(
        asked, sent, now, follow_up_settings(config), recipient_tz, sender_tz
    )
    store.schedule_follow_up(
        request_id, chosen.due, now, reason=f"follow-up set to {chosen.due:%Y-%m-%dT%H:%M:%SZ}"
    )
    return chosen


def cancel_follow_up(store: Store, request_id: int, now: datetime) -> Request:
    request = store.get_request(request_id)
    _refuse_follow_up_change(request)
    return store.cancel_follow_up(request_id, now, reason="cancelled by you")


def _refuse_follow_up_change(request: Request) -> None:
    follow_up = request.follow_up
    if request.replied_at is not None or request.status == "answered":
        raise RefusedError(f"Request {request.id} has been answered: no follow-up is needed.")
    if follow_up.status in ("sent", "sending"):
        raise RefusedError(
            f"The follow-up of request {request.id} was already sent: there is only ever one."
        )
    if request.status in ("bounced", "closed", "failed"):
        raise RefusedError(f"Request {request.id} is {request.status}: it gets no follow-up.")


# --- the scheduler's run -------------------------------------------------------


@dataclass
class RunReport:
    sent: list[Request] = field(default_factory=list)
    failed: list[tuple[Request, str]] = field(default_factory=list)
    uncertain: list[tuple[Request, str]] = field(default_factory=list)
    skipped: int = 0
    closed: list[Request] = field(default_factory=list)
    stale: list[Request] = field(default_factory=list)
    would_send: list[Request] = field(default_factory=list)
    would_close: list[Request] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.uncertain and not self.errors

    def summary(self) -> str:
        parts = [f"{len(self.replies)} reply change(s)", f"{len(self.sent)} follow-up(s) sent"]
        if self.closed:
            parts.append(f"{len(self.closed)} closed (no response)")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.uncertain:
            parts.append(f"{len(self.uncertain)} uncertain")
        if self.stale:
            parts.append(f"{len(self.stale)} interrupted send(s) marked unknown")
        return "run: " + ", ".join(parts) + "."


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
    body = original.get_body(preferencelist=("plain",))
    original_text = str(body.get_content()) if body is not None else ""
    original_subject = str(original["Subject"])
    rendered = templating.render(
        request.follow_up.template,
        {
            "contact_name": request.contact_name,
            "company": request.company,
            "role": request.role,
            "sender_name": sender_name,
            "sender_email": sender_email,
            "original_subject": original_subject,
            "original_sent": f"{original_date:%a} {original_date.day} {original_date:%b %Y}",
            "original_text": original_text.rstrip("\n"),
        },
        templates_dir,
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


def due_now(store: Store, config: Config | None, now: datetime) -> list[Request]:
    """Due follow-ups whose recipient is inside their window right now.

    A run that happens late (the computer was asleep over the weekend) waits
    for the next window opening instead of writing to someone on a Saturday.
    """
    window = timing.parse_window(follow_up_settings(config).window)
    return [
        request
        for request in store.due_follow_ups(now)
        if timing.in_window(now, window, timing.zone(request.recipient_tz))
    ]


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
    due = due_now(store, config, now())
    if dry_run:
        report.would_send.extend(due)
        return
    if not due:
        return
    session = open_session()
    session.connect()  # a login failure here leaves every follow-up scheduled
    for request in due:
        message_id, raw, sender, smtputf8 = build_follow_up(
            store, request, config, templates_dir, now()
        )
        if not store.claim_follow_up(request.id, now(), message_id=message_id, raw=raw):
            report.skipped += 1  # another run took it, or a reply arrived meanwhile
            continue
        try:
            session.send(raw, sender, request.contact_email, smtputf8=smtputf8)
        except DeliveryRefused as error:
            outcome = "refused" if error.permanent else "released"
            store.finish_follow_up(request.id, now(), outcome, reason=str(error))
            report.failed.append((request, str(error)))
            continue
        except DeliveryUncertain as error:
            store.finish_follow_up(request.id, now(), "unknown", reason=str(error))
            report.uncertain.append((request, str(error)))
            continue
        report.sent.append(store.finish_follow_up(request.id, now(), "sent"))
        if after_send is not None:
            after_send(raw)


def give_up_deadline(request: Request, settings: FollowUpConfig) -> datetime | None:
    """When an unanswered request is let go: `give_up_after` past the follow-up, or the send."""
    start = request.follow_up.sent_at if request.follow_up.status == "sent" else request.sent_at
    if start is None:
        return None
    tz = timing.zone(request.recipient_tz)
    return timing.add_duration(start, timing.parse_duration(settings.give_up_after), tz)


def close_unanswered(
    store: Store, config: Config | None, now: datetime, report: RunReport, *, dry_run: bool = False
) -> None:
    settings = follow_up_settings(config)
    for request in store.give_up_candidates():
        deadline = give_up_deadline(request, settings)
        if deadline is None or deadline > now:
            continue
        if dry_run:
            report.would_close.append(request)
            continue
        report.closed.append(
            store.set_request_status(
                request.id, "closed", now, reason="no response", expected=("awaiting",)
            )
        )
