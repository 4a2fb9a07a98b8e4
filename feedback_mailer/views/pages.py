"""How requests look to a person (tables, detail pages) and to scripts (JSON).

Kept free of heavy imports: `list` must start fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from feedback_mailer.base import timing
from feedback_mailer.base.textsafety import json_safe, printable
from feedback_mailer.store import Event, FollowUp, Reply, Request, StoredMessage, iso
from feedback_mailer.store.states import HOLD_MISSED, FollowUpStatus, ReplyKind, Status

if TYPE_CHECKING:
    from email.message import EmailMessage

    from feedback_mailer.lifecycle.replies import Change
    from feedback_mailer.lifecycle.report import RunReport
    from feedback_mailer.lifecycle.scanning import Explanation

COLUMN_LIMIT = 28


def _iso_or_none(moment: datetime | None) -> str | None:
    return iso(moment) if moment else None


def json_array(items: Sequence[dict[str, Any]]) -> str:
    """A JSON array with one compact object per line: readable, and it keeps
    json's C encoder (indent= falls back to the pure-Python one, 5x slower)."""
    import json

    if not items:
        return "[]"
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every row
    return json_safe("[\n" + ",\n".join(map(encode, items)) + "\n]")


def json_object(data: dict[str, Any]) -> str:
    """One JSON object, indented, with nothing a terminal would act on (see json_safe)."""
    import json

    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


def follow_up_json(follow_up: FollowUp) -> dict[str, Any]:
    return {
        "status": follow_up.status,
        "due_at": _iso_or_none(follow_up.due_at),
        "sent_at": _iso_or_none(follow_up.sent_at),
        "message_id": follow_up.message_id,
        "reason": follow_up.reason,
        "hold": follow_up.hold,
    }


def request_json(request: Request) -> dict[str, Any]:
    return {
        "id": request.id,
        "company": request.company,
        "role": request.role,
        "contact_name": request.contact_name,
        "contact_email": request.contact_email,
        "status": request.status,
        "status_reason": request.status_reason,
        "created_at": iso(request.created_at),
        "sent_at": _iso_or_none(request.sent_at),
        "message_id": request.message_id,
        "subject": request.subject,
        "template": request.template,
        "recipient_tz": request.recipient_tz,
        "interview_date": request.interview_date,
        "language": request.language,
        "replied_at": _iso_or_none(request.replied_at),
        "reply_from": request.reply_from,
        "reply_excerpt": request.reply_excerpt,
        "follow_up": follow_up_json(request.follow_up),
    }


def reply_json(reply: Reply) -> dict[str, Any]:
    return {
        "kind": reply.kind,
        "folder": reply.folder,
        "message_id": reply.message_id,
        "from": reply.from_addr,
        "date": _iso_or_none(reply.date),
        "subject": reply.subject,
        "excerpt": reply.excerpt,
        "detail": reply.detail,
        "found_at": iso(reply.found_at),
    }


def event_json(event: Event) -> dict[str, Any]:
    return {"at": iso(event.at), "kind": event.kind, **event.detail}


def message_json(message: StoredMessage) -> dict[str, Any]:
    return {
        "kind": message.kind,
        "message_id": message.message_id,
        "created_at": iso(message.created_at),
        "raw": message.raw.decode("utf-8", "replace"),
    }


def when(moment: datetime, now: datetime, sender_tz: ZoneInfo, recipient_tz: ZoneInfo) -> str:
    """`in 3 days, Tue 1 Dec 10:00`, with the recipient's time beside it when zones differ."""
    text = (
        f"{timing.describe_relative(moment, now, sender_tz)}, "
        f"{timing.format_local(moment, sender_tz)}"
    )
    if moment.astimezone(recipient_tz).utcoffset() != moment.astimezone(sender_tz).utcoffset():
        local = timing.format_local(moment, recipient_tz, with_date=False)
        text += f" ({local} recipient time)"
    return text


def decide_hint(request_id: int) -> str:
    return f"`feedback-mailer mark {request_id} --answered` or `followup {request_id} --release`"


def held_text(request: Request) -> str:
    """Why the follow-up waits for the person, and what they can do about it."""
    hold = request.follow_up.hold or ""
    if hold.startswith(HOLD_MISSED):
        return f"{HOLD_MISSED}: {missed_text(request)}"
    return f"held: {hold}; {decide_hint(request.id)}"


def missed_text(request: Request) -> str:
    due = request.follow_up.due_at
    when_due = timing.format_local(due, timing.zone(request.recipient_tz)) if due else "?"
    return (
        f"it was due {when_due} and could not go out within two business days, so it is "
        f"never sent late; set a new time with `feedback-mailer followup {request.id} --at WHEN`"
    )


def reminder_text(request: Request) -> str:
    """A due follow-up without reply tracking: the person checks, then sends it."""
    return (
        f"due — no reply tracking, so it is not sent on its own: check your inbox, and if "
        f"nothing came, `feedback-mailer followup {request.id} --send-now`"
    )


def follow_up_cell(
    request: Request,
    now: datetime,
    sender_tz: ZoneInfo,
    *,
    sends_on_its_own: bool = True,
    window: timing.Window | None = None,
) -> str:
    follow_up = request.follow_up
    if follow_up.status == FollowUpStatus.SCHEDULED and request.status in (
        Status.FAILED,
        Status.UNKNOWN,
    ):
        return f"on hold while the request is {request.status}"
    if follow_up.status == FollowUpStatus.SCHEDULED and follow_up.hold:
        return held_text(request)
    if follow_up.status == FollowUpStatus.SCHEDULED and follow_up.due_at:
        recipient_tz = timing.zone(request.recipient_tz)
        if not sends_on_its_own and follow_up.due_at <= now:
            return reminder_text(request)
        if window is not None and follow_up.due_at <= now:
            opening = timing.next_window_opening(now, window, recipient_tz)
            if opening > now:  # due, but outside the recipient's hours (guarantee 4)
                return "waits for the recipient's hours: goes " + when(
                    opening, now, sender_tz, recipient_tz
                )
        moved = (follow_up.reason or "").startswith("out of office")
        return (
            "due "
            + when(follow_up.due_at, now, sender_tz, recipient_tz)
            + (f" (moved: {follow_up.reason})" if moved else "")
        )
    if follow_up.status == FollowUpStatus.SENT and follow_up.sent_at:
        return f"sent {timing.describe_relative(follow_up.sent_at, now, sender_tz)}"
    if follow_up.status == FollowUpStatus.CANCELLED:
        cancelled = FollowUpStatus.CANCELLED.value
        return f"{cancelled} ({follow_up.reason})" if follow_up.reason else cancelled
    if follow_up.status == FollowUpStatus.SENDING:
        return "outcome unknown" if follow_up.reason else FollowUpStatus.SENDING.value
    return FollowUpStatus.NONE.value


def status_cell(request: Request, now: datetime, tz: ZoneInfo | None = None) -> str:
    if request.status == Status.ANSWERED and request.replied_at:
        return f"answered {timing.describe_relative(request.replied_at, now, tz)}"
    if request.status == Status.CLOSED and request.status_reason == "no response":
        return "closed (no response)"
    if request.status == Status.CLOSED and (request.status_reason or "").startswith(
        "undeliverable"
    ):
        return "closed (undeliverable)"
    return request.status


def _clip(text: str, limit: int = COLUMN_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _needs_you(request: Request, now: datetime, sends_on_its_own: bool) -> str | None:
    """The short cell of a follow-up that waits for the person, if it does."""
    follow_up = request.follow_up
    if follow_up.status != FollowUpStatus.SCHEDULED or request.status != Status.AWAITING:
        return None
    if follow_up.hold:
        return (
            "missed (see below)" if follow_up.hold.startswith(HOLD_MISSED) else "held (see below)"
        )
    if not sends_on_its_own and follow_up.due_at is not None and follow_up.due_at <= now:
        return "due: check your inbox (see below)"
    return None


def table(
    requests: Sequence[Request],
    now: datetime,
    sender_tz: ZoneInfo,
    *,
    sends_on_its_own: bool = True,
    window: timing.Window | None = None,
) -> str:
    header = ("ID", "COMPANY", "CONTACT", "SENT", "FOLLOW-UP", "STATUS")
    rows = [header]
    notes = []
    for r in requests:
        short = _needs_you(r, now, sends_on_its_own)
        cell = short or follow_up_cell(
            r, now, sender_tz, sends_on_its_own=sends_on_its_own, window=window
        )
        if short:
            full = follow_up_cell(r, now, sender_tz, sends_on_its_own=sends_on_its_own)
            notes.append(f"{r.id} {r.company}: {full}")
        rows.append(
            (
                str(r.id),
                _clip(r.company),
                _clip(r.contact_name or r.contact_email),
                timing.describe_relative(r.sent_at, now, sender_tz) if r.sent_at else "-",
                _clip(cell, 72),
                status_cell(r, now, sender_tz),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    if notes:
        lines += ["", "Waiting for you:", *(f"  {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def detail(
    request: Request,
    messages: Sequence[StoredMessage],
    replies: Sequence[Reply],
    events: Sequence[Event],
    now: datetime,
    sender_tz: ZoneInfo,
    *,
    sends_on_its_own: bool = True,
    window: timing.Window | None = None,
) -> str:
    recipient_tz = timing.zone(request.recipient_tz)
    contact = (
        f"{request.contact_name} <{request.contact_email}>"
        if request.contact_name
        else request.contact_email
    )
    lines = [
        f"Request {request.id}: {request.company}" + (f", {request.role}" if request.role else ""),
        f"  to:         {contact}",
        f"  status:     {status_cell(request, now, sender_tz)}"
        + (f" — {request.status_reason}" if request.status_reason else ""),
        "  sent:       "
        + (when(request.sent_at, now, sender_tz, recipient_tz) if request.sent_at else "not sent"),
        "  follow-up:  "
        + follow_up_cell(request, now, sender_tz, sends_on_its_own=sends_on_its_own, window=window),
        f"  Message-ID: {request.message_id}",
    ]
    if request.replied_at:
        by = f" by {request.reply_from}" if request.reply_from else ""
        lines.append(f"  reply:      {timing.format_local(request.replied_at, sender_tz)}{by}")
        if request.reply_excerpt:
            lines.append(f"              “{request.reply_excerpt}”")
    if replies:
        lines += ["", "Replies found:"]
        for reply in replies:
            moment = timing.format_local(reply.date, sender_tz) if reply.date else "undated"
            extra = _reply_detail(reply, sender_tz)
            kind = _REPLY_WORDS.get(reply.kind, reply.kind)
            lines.append(f"  {moment}  {kind}: {reply.from_addr or '?'}{extra}")
            lines += [f"      why: {reason}" for reason in reply_reasons(reply)]
            if reply.body and reply.kind in (ReplyKind.ANSWER, ReplyKind.POSSIBLE_ANSWER):
                # The whole answer, as it reads: the excerpt above is only its start.
                text = printable(reply.body.strip("\n"), keep_newlines=True)
                lines += [f"      | {line}".rstrip() for line in text.split("\n")]
    lines += ["", "History:"]
    for event in events:
        lines.append(
            f"  {timing.format_local(event.at, sender_tz)}  {describe_event(event, sender_tz)}"
        )
    for message in messages:
        lines += ["", f"--- {message.kind} as sent ({message.message_id}) ---"]
        lines.append(_as_read(message.raw).rstrip("\n"))
    return "\n".join(lines) + "\n"


_REPLY_WORDS: dict[str, str] = {
    ReplyKind.ANSWER: ReplyKind.ANSWER.value,  # the plain word says it
    ReplyKind.AUTO_REPLY: "automatic reply",
    ReplyKind.BOUNCE_HARD: "bounce (for good)",
    ReplyKind.BOUNCE_SOFT: "delivery delayed",
    ReplyKind.POSSIBLE_ANSWER: "possible answer",
    ReplyKind.MACHINE: "mail-system notice",
    ReplyKind.UNREADABLE: "unreadable message",
}

_MATCHED_WORDS = {
    "thread": "it names our message (In-Reply-To / References)",
    "contact": "it comes from the contact, after the request",
    "organisation": "it comes from the contact's organisation, outside the thread",
    "mention": "it names the company, the role and the contact",
}


def reply_reasons(reply: Reply) -> list[str]:
    """Why a found message was taken for what it is, in words (`explain` says the same)."""
    reasons = []
    matched = reply.detail.get("matched_by")
    if isinstance(matched, str) and matched in _MATCHED_WORDS:
        reasons.append(_MATCHED_WORDS[matched])
    signals = reply.detail.get("signals")
    if isinstance(signals, list):
        reasons += [str(signal) for signal in signals]
    if reply.detail.get("error"):
        reasons.append(f"the reader failed on it ({reply.detail['error']})")
    return reasons


def _a_day(iso_day: str) -> str:
    """'2026-12-14' as 'Mon 14 Dec' (the year too when it is not this one's)."""
    from datetime import date

    try:
        day = date.fromisoformat(iso_day)
    except ValueError:
        return iso_day
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == date.today().year else f"{text} {day.year}"


def _reply_detail(reply: Reply, sender_tz: ZoneInfo) -> str:
    if reply.kind == ReplyKind.AUTO_REPLY and reply.detail.get("return_date"):
        return f" (back {_a_day(str(reply.detail['return_date']))})"
    is_bounce = reply.kind in (ReplyKind.BOUNCE_HARD, ReplyKind.BOUNCE_SOFT)
    if is_bounce and reply.detail.get("diagnostic"):
        return f" ({reply.detail['diagnostic']})"
    return ""


def _local_iso(value: object, tz: ZoneInfo) -> str:
    """A stored ISO time as the person reads it ('Mon 14 Dec 09:00'), else as it is."""
    from feedback_mailer.store import from_iso

    try:
        moment = from_iso(str(value))
    except ValueError:
        return str(value)
    return timing.format_local(moment, tz) if moment else str(value)


_STATUS_EVENT_WORDS: dict[str, str] = {
    Status.FAILED: "not sent",
    Status.UNKNOWN: "outcome unknown (it may have been delivered)",
}


def _status_event(old: object, new: object) -> str:
    if new == Status.AWAITING:
        return "sent" if old in (Status.SENDING, Status.UNKNOWN) else "reopened"  # plain words
    if new == Status.SENDING and old in (Status.FAILED, Status.UNKNOWN):
        return "sending again"
    return _STATUS_EVENT_WORDS.get(str(new), str(new))  # else the status's own word


def _follow_up_event(d: dict[str, object], tz: ZoneInfo) -> str:
    old, new = d.get("old"), d.get("new")
    due = _local_iso(d["due_at"], tz) if d.get("due_at") else None
    if new == FollowUpStatus.SCHEDULED and due:
        return (
            f"follow-up moved to {due}"
            if old == FollowUpStatus.SCHEDULED
            else (f"follow-up set for {due}")
        )
    if new == FollowUpStatus.SCHEDULED:
        return "follow-up back to its time (nothing was delivered)"
    if new == FollowUpStatus.SENDING:
        return "follow-up outcome unknown" if old == FollowUpStatus.SENDING else "follow-up sending"
    if new == FollowUpStatus.SENT:
        return "follow-up sent"
    if new == FollowUpStatus.CANCELLED:
        return "follow-up cancelled"
    return f"follow-up {new}"


def describe_event(event: Event, tz: ZoneInfo | None = None) -> str:
    """One line of a request's history in plain words, times in `tz` (default UTC)."""
    tz = tz or ZoneInfo("UTC")
    d = event.detail
    reason = f": {d['reason']}" if d.get("reason") else ""
    if event.kind == "created":
        due = (
            f", follow-up due {_local_iso(d['follow_up_due'], tz)}"
            if d.get("follow_up_due")
            else ""
        )
        return f"recorded, sending to {d.get('to')}{due}"
    if event.kind == "status":
        return _status_event(d.get("old"), d.get("new")) + reason
    if event.kind == "follow_up":
        return _follow_up_event(d, tz) + reason
    if event.kind == "reply":
        kind = _REPLY_WORDS.get(str(d.get("reply_kind")), str(d.get("reply_kind")))
        return f"{kind} from {d.get('from_addr') or 'an unknown sender'}"
    if event.kind == "hold":
        return f"follow-up held: {d.get('reason')}"
    if event.kind == "release":
        return "follow-up no longer held"
    if event.kind == "note":
        return f"note: {d.get('text')}"
    if event.kind == "reflection":
        return _reflection_event(d)
    if event.kind == "thank_you":
        to = f" to {d['to']}" if d.get("to") else ""
        return f"thank-you {d.get('new')}{to}" + reason
    words = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in d.items() if value)
    return f"{event.kind.replace('_', ' ')}" + (f" ({words})" if words else "")


def _reflection_event(detail: dict[str, Any]) -> str:
    """A saved note, counted: its text is in `show`'s notes, not repeated in the history."""
    points = detail.get("points")
    kinds = [p[0] for p in points if isinstance(p, list) and p] if isinstance(points, list) else []
    return (
        f"reflection noted: {kinds.count('went_well')} went well, "
        f"{kinds.count('improve')} to improve"
    )


def _as_read(raw: bytes) -> str:
    """A sent message decoded (headers, quoted-printable, base64), as `preview` shows it;
    the exact bytes stay in the store and in `show --json`."""
    from email import message_from_bytes, policy
    from email.message import EmailMessage

    message = message_from_bytes(raw, policy=policy.default)
    if not isinstance(message, EmailMessage):  # pragma: no cover - policy.default makes one
        return raw.decode("utf-8", "replace")
    try:
        return preview(message)
    except (LookupError, ValueError):  # an unknown charset: the bytes as they are
        return raw.decode("utf-8", "replace").replace("\r\n", "\n")


def preview(message: EmailMessage) -> str:
    """The message as a person reads it: decoded headers, a blank line, the text."""
    lines = []
    for header in ("From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References"):
        value = message.get(header)
        if value is not None:
            lines.append(f"{header}: {value}")
    body = message.get_body(preferencelist=("plain",))
    text = str(body.get_content()) if body is not None else ""
    # As the recipient's client shows it: wrapped lines, without the soft-break spaces.
    text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return "\n".join(lines) + "\n\n" + text.rstrip("\n") + "\n"


def _day(moment: datetime | None) -> str:
    if moment is None:
        return "an unknown date"
    return f"{moment.day} {moment:%b}"


def change_text(change: Change) -> str:
    """One line of `check` (and `run`) per message that changed something."""
    label = change.request.company
    if change.reply_kind is None:
        return f"{label}: found in {change.folder}, so it was sent"
    request_id = change.request.id
    decide = f"`feedback-mailer mark {request_id} --answered` or `followup {request_id} --release`"
    if change.reply_kind == ReplyKind.POSSIBLE_ANSWER:
        subject = f" (“{change.subject}”)" if change.subject else ""
        return f"{label}: possible answer from {change.who}{subject} — follow-up held; {decide}"
    if change.reply_kind == ReplyKind.UNREADABLE:
        return f"{label}: a message about it could not be read — follow-up held; {decide}"
    if change.reply_kind == ReplyKind.MACHINE:
        return f"{label}: a notice from a mail system ({change.who or 'no sender'}), not an answer"
    if change.reply_kind == ReplyKind.ANSWER:
        return f"{label}: answered by {change.who} on {_day(change.on)}"
    if change.reply_kind == ReplyKind.BOUNCE_HARD:
        return f"{label}: bounced ({change.diagnostic}) — follow-up cancelled"
    if change.reply_kind == ReplyKind.BOUNCE_SOFT:
        return f"{label}: delivery delayed ({change.diagnostic or 'temporary failure'})"
    if change.back is None:
        return f"{label}: automatic reply (not an answer)"
    back = f"{change.back.day} {change.back:%b}"
    if change.moved_to is not None:
        local = change.moved_to.astimezone(timing.zone(change.request.recipient_tz))
        return f"{label}: out-of-office until {back} — follow-up moved to {local.day} {local:%b}"
    if change.already_later:
        return f"{label}: out-of-office until {back}; the follow-up is already later"
    return f"{label}: out-of-office until {back}"


def run_lines(report: RunReport, give_up_after: str | None = None) -> list[str]:
    """What `run` did and what waits for the person, one line per request."""
    lines = [change_text(change) for change in report.replies]
    lines += [
        f"{r.company}: follow-up sent to {r.contact_name or r.contact_email}" for r in report.sent
    ]
    lines += [f"{r.company}: {held_text(r)}" for r in report.held]
    lines += [f"{r.company}: follow-up missed — {missed_text(r)}" for r in report.missed]
    lines += [f"{r.company}: follow-up {reminder_text(r)}" for r in report.reminders]
    after = f" after {give_up_after}" if give_up_after else ""
    lines += [f"{r.company}: closed, no response{after}" for r in report.closed]
    return lines


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def run_summary(report: RunReport) -> str:
    """The last line of `run`: what it did, in words; "nothing to do" when nothing."""
    parts = []
    if report.replies:
        parts.append(
            _count(len(report.replies), "change from the mailbox", "changes from the mailbox")
        )
    if report.sent:
        parts.append(_count(len(report.sent), "follow-up sent", "follow-ups sent"))
    if report.closed:
        parts.append(f"{len(report.closed)} closed (no response)")
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    if report.uncertain:
        parts.append(f"{len(report.uncertain)} uncertain")
    if report.stale:
        parts.append(
            _count(len(report.stale), "interrupted send", "interrupted sends") + " marked unknown"
        )
    waiting = len(report.held) + len(report.missed) + len(report.reminders)
    if waiting:
        parts.append(f"{waiting} waiting for you")
    if report.unreadable:
        parts.append(_count(len(report.unreadable), "message", "messages") + " could not be read")
    if not parts:
        return "run: nothing to do (no new replies, no follow-up due)."
    return "run: " + ", ".join(parts) + "."


def explanation_json(name: str, explanation: Explanation) -> dict[str, Any]:
    return {
        "file": name,
        "kind": explanation.kind,
        "severity": explanation.severity,
        "return_date": explanation.return_date.isoformat() if explanation.return_date else None,
        "recipient": explanation.recipient,
        "status": explanation.status,
        "request_id": explanation.request_id,
        "company": explanation.company,
        "signals": list(explanation.signals),
    }


_EXPLAINED: dict[str, str] = {
    ReplyKind.ANSWER: "an answer",
    ReplyKind.POSSIBLE_ANSWER: "a possible answer (it would hold the follow-up until you decide)",
    ReplyKind.AUTO_REPLY: "an automatic reply (not an answer)",
    ReplyKind.MACHINE: "a report from a mail system (never an answer)",
    ReplyKind.UNREADABLE: "unreadable (it would hold the follow-up of the request it names)",
    "unrelated": "unrelated to any open request",
}


def explanation_text(name: str, explanation: Explanation) -> str:
    """A line saying what the message is and which request it concerns, then the signals."""
    if explanation.kind == "bounce":
        what = f"a {explanation.severity} bounce"
        details = [
            f"recipient {explanation.recipient}" if explanation.recipient else "",
            f"status {explanation.status}" if explanation.status else "",
        ]
        if any(details):
            what += " (" + ", ".join(d for d in details if d) + ")"
    else:
        what = _EXPLAINED.get(explanation.kind, explanation.kind)
    if explanation.return_date:
        back = explanation.return_date
        what += f", back on {back:%a} {back.day} {back:%b %Y}"
    concerns = (
        f"; request {explanation.request_id} ({explanation.company})"
        if explanation.request_id is not None
        else ""
    )
    lines = [f"{name}: {what}{concerns}"]
    lines += [f"  - {signal}" for signal in explanation.signals]
    return "\n".join(lines)
