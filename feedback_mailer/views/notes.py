"""How a reflection note and a thank-you look in `show`, `reflect` and `--json`."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from feedback_mailer.base import timing
from feedback_mailer.store import Reflection, ThankYou, iso
from feedback_mailer.store.states import PointKind, ThankYouStatus


def point_json(kind: str, text: str, tags: tuple[str, ...]) -> dict[str, Any]:
    return {"text": text, "tags": list(tags)}


def reflection_json(reflection: Reflection) -> dict[str, Any]:
    return {
        "id": reflection.id,
        "request_id": reflection.request_id,
        "company": reflection.company,
        "role": reflection.role,
        "interview_date": reflection.interview_date,
        "went_well": [
            point_json(p.kind, p.text, p.tags)
            for p in reflection.points
            if p.kind == PointKind.WENT_WELL
        ],
        "improve": [
            point_json(p.kind, p.text, p.tags)
            for p in reflection.points
            if p.kind == PointKind.IMPROVE
        ],
        "tags": sorted({tag for p in reflection.points for tag in p.tags}),
        "feedback": reflection.feedback,
        "notes": reflection.notes,
        "created_at": iso(reflection.created_at),
        "updated_at": iso(reflection.updated_at),
    }


def thank_you_json(thank_you: ThankYou) -> dict[str, Any]:
    return {
        "status": thank_you.status,
        "message_id": thank_you.message_id,
        "in_reply_to": thank_you.in_reply_to,
        "to": thank_you.recipient,
        "attempt_at": iso(thank_you.attempt_at) if thank_you.attempt_at else None,
        "sent_at": iso(thank_you.sent_at) if thank_you.sent_at else None,
        "reason": thank_you.reason,
    }


def _heading(reflection: Reflection) -> str:
    parts = [reflection.company]
    if reflection.role:
        parts.append(reflection.role)
    if reflection.interview_date:
        parts.append(f"interview {reflection.interview_date}")
    return ", ".join(parts)


def reflection_text(reflection: Reflection) -> str:
    """The note as `show` and `reflect` print it."""
    lines = [f"Reflection {reflection.id}: {_heading(reflection)}"]
    if reflection.feedback:
        lines.append("  feedback:")
        lines += [f"    > {line}".rstrip() for line in reflection.feedback.splitlines()]
    for label, kind in (("went well", PointKind.WENT_WELL), ("to improve", PointKind.IMPROVE)):
        points = [p for p in reflection.points if p.kind == kind]
        if points:
            lines.append(f"  {label}:")
            lines += [f"    - {p.text}" for p in points]
    if reflection.notes:
        lines.append("  notes:")
        lines += [f"    {line}".rstrip() for line in reflection.notes.splitlines()]
    return "\n".join(lines) + "\n"


def saved_summary(reflection: Reflection, created: bool) -> str:
    went_well = sum(1 for p in reflection.points if p.kind == PointKind.WENT_WELL)
    improve = sum(1 for p in reflection.points if p.kind == PointKind.IMPROVE)
    tags = sorted({tag for p in reflection.points for tag in p.tags})
    about = f" (request {reflection.request_id})" if reflection.request_id else ""
    tag_text = f"; tags {', '.join('#' + t for t in tags)}" if tags else ""
    verb = "Saved" if created else "Updated"
    return (
        f"{verb} reflection {reflection.id} on {_heading(reflection)}{about}: "
        f"{went_well} went well, {improve} to improve{tag_text}."
    )


def thank_you_text(thank_you: ThankYou, now: datetime, sender_tz: ZoneInfo) -> str:
    """One line for `show`: where the thank-you stands."""
    status = thank_you.status
    if status == ThankYouStatus.SENT and thank_you.sent_at:
        when = timing.format_local(thank_you.sent_at, sender_tz)
        return f"thank-you: sent {when} to {thank_you.recipient}"
    if status == ThankYouStatus.SKIPPED:
        return "thank-you: you chose not to send one"
    if status == ThankYouStatus.FAILED:
        again = f"`feedback-mailer thank {thank_you.request_id}` tries again"
        return f"thank-you: failed ({thank_you.reason}); {again}"
    if status in (ThankYouStatus.UNKNOWN, ThankYouStatus.SENDING):
        why = f" ({thank_you.reason})" if thank_you.reason else ""
        return (
            f"thank-you: may have been delivered{why}; check your Sent folder "
            f"(`feedback-mailer thank {thank_you.request_id} --force` sends it again)"
        )
    return f"thank-you: {status}"
