"""What people and scripts see of the rejections found: the line `check` prints
for a new one, the `rejections` table, and its JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from feedback_mailer.base.textsafety import printable
from feedback_mailer.mail.rejections import Rejection
from feedback_mailer.store import StoredRejection

FEEDBACK_WORDS = {
    "offered": "feedback offered",
    "refused": "no individual feedback",
    "given": "reasons given",
    "none": "-",
}


def _age(received: datetime | None, now: datetime) -> str:
    if received is None:
        return "date unknown"
    days = (now - received).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def _shown(value: str | None, limit: int = 40) -> str:
    text = printable(value or "") or "-"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def who(found: StoredRejection) -> str:
    if found.contact is None:
        return f"nobody to ask ({printable(found.nobody_reason or 'no address')})"
    if found.contact_name:
        return f"{printable(found.contact_name)} <{printable(found.contact)}>"
    return printable(found.contact)


def found_line(found: StoredRejection, now: datetime) -> str:
    """The line `check` prints for a rejection found now."""
    what = _shown(found.company or "a company it does not name")
    role = f" ({_shown(found.role)})" if found.role else ""
    if found.feedback == "given":
        act = "their reasons are in it: nothing to ask"
    elif found.contact is None:
        act = f"`feedback-mailer send --rejection {found.id} --to ADDRESS` answers it"
    else:
        act = f"`feedback-mailer send --rejection {found.id}` answers it"
    return (
        f"Rejection {found.id} from {what}{role}, {_age(found.received, now)}: ask "
        f"{who(found)}; {act}."
    )


def table(found: list[StoredRejection], now: datetime) -> str:
    if not found:
        return "No rejections found."
    header = ("ID", "COMPANY", "ROLE", "ASK", "LANG", "FEEDBACK", "ARRIVED", "REQUEST")
    rows = [
        (
            str(r.id),
            _shown(r.company, 24),
            _shown(r.role, 28),
            _shown(r.contact or "nobody", 32),
            r.language,
            FEEDBACK_WORDS.get(r.feedback, r.feedback),
            _age(r.received, now),
            (str(r.request_id) if r.request_id else "-")
            + (" (dismissed)" if r.status == "dismissed" else ""),
        )
        for r in found
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in (header, *rows)
    ]
    return "\n".join(lines)


def as_json(found: StoredRejection) -> dict[str, Any]:
    return {
        "id": found.id,
        "company": found.company,
        "role": found.role,
        "contact": found.contact,
        "contact_name": found.contact_name,
        "language": found.language,
        "feedback": found.feedback,
        "feedback_quote": found.feedback_quote,
        "nobody": found.nobody_reason,
        "received": found.received.isoformat() if found.received else None,
        "subject": found.subject,
        "message_id": found.message_id,
        "request_id": found.request_id,
        "status": found.status,
    }


def explained_json(found: Rejection, signals: tuple[str, ...]) -> dict[str, Any]:
    """`explain --json`'s reading of a rejection."""
    return {
        "kind": "rejection",
        "company": found.company,
        "rejection": {
            "company": found.company,
            "role": found.role,
            "contact": found.contact,
            "contact_name": found.contact_name,
            "language": found.language,
            "feedback": found.feedback.value,
            "feedback_quote": found.feedback_quote,
            "nobody": found.nobody,
        },
        "signals": list(signals),
    }


def explained_text(name: str, found: Rejection, signals: tuple[str, ...]) -> str:
    who_to_ask = (
        f"{printable(found.contact_name)} <{printable(found.contact)}>"
        if found.contact and found.contact_name
        else printable(found.contact or f"nobody ({found.nobody or 'no address'})")
    )
    company = _shown(found.company or "a company it does not name")
    lines = [
        f"{printable(name)}: a rejection from {company}"
        + (f" ({_shown(found.role)})" if found.role else ""),
        f"  ask: {who_to_ask}; language: {found.language}; feedback: "
        f"{FEEDBACK_WORDS.get(found.feedback.value, found.feedback.value)}",
        "  `check` records it; `feedback-mailer send --rejection FILE` answers it.",
    ]
    lines += [f"  signal: {printable(signal)}" for signal in signals]
    return "\n".join(lines)
