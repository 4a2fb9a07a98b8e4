"""Reflection notes: after an interview, what went well and what to improve.

A note belongs to a request (`reflect ID`, in any state) or to an interview
without one (`reflect --company ...`). It is written in the person's editor
as a short structured text (`note_text`, read back by `read_note`), or point
by point from a script (`add_points`). Each point may carry #tags; the tags
already used are suggested. Saving replaces the note whole; every version
stays in the history (events).
"""

from __future__ import annotations

import difflib
import re
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from feedback_mailer.base.errors import InputError
from feedback_mailer.base.textsafety import require_clean_body, require_single_line
from feedback_mailer.store import NewReflection, Point, Reflection, Request, Store
from feedback_mailer.store.states import PointKind, ReplyKind, Status

MAX_POINT = 500
MAX_POINTS = 60
MAX_NOTES = 20_000
SUGGESTED_POINTS = 3  # three of each are suggested, not enforced

# A tag is # and a word that starts with a letter: "#system-design", "#salary";
# not "#1" or an anchor inside a word ("C#", "issue#3").
_TAG = re.compile(r"(?<![\w#&])#([^\W\d_][\w-]*)")
_BULLET = re.compile(r"^(?:[-*•]|\d{1,2}[.)])\s*")
_COMMENT = re.compile(r"^#(?:\s|$)")
_HEADING = re.compile(r"^(feedback|went well|to improve|notes)\s*:\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^(company|role|interview date)\s*:\s*(.*)$", re.IGNORECASE)

WENT_WELL = "Went well"
TO_IMPROVE = "To improve"
_SECTIONS = {"feedback": "feedback", "went well": "went_well", "to improve": "improve"}


class Interview(NamedTuple):
    """What a note is about: the request's interview, or one given on the command line."""

    company: str
    role: str | None
    interview_date: str | None  # ISO date
    request_id: int | None = None


class Saved(NamedTuple):
    reflection: Reflection
    created: bool
    hints: tuple[str, ...]  # new tags that look like ones used before


def tags_of(text: str) -> tuple[str, ...]:
    """The #tags in `text`, lower case, without repeats, in order."""
    found: list[str] = []
    for match in _TAG.finditer(text):
        tag = match.group(1).rstrip("-_").casefold()
        if tag and tag not in found:
            found.append(tag)
    return tuple(found)


def make_point(kind: PointKind, text: str) -> Point:
    text = " ".join(require_single_line(text, "point").split())
    text = _BULLET.sub("", text)
    if len(text) > MAX_POINT:
        raise InputError(
            f"The point {text[:40]!r}... is {len(text)} characters long: keep each point under "
            f"{MAX_POINT}, one line."
        )
    return Point(kind.value, text, tags_of(text))


def interview_of(request: Request) -> Interview:
    return Interview(request.company, request.role, request.interview_date, request.id)


def interview_given(
    company: str | None, role: str | None, interview_date: str | None, now: datetime, tz: ZoneInfo
) -> Interview:
    """An interview without a request, as typed: the company at least."""
    from feedback_mailer.lifecycle.drafts import parse_interview_date

    name = " ".join((company or "").split())
    if not name:
        raise InputError(
            "Say which interview: `feedback-mailer reflect ID` for a request, or "
            "--company NAME (with --role and --interview-date) for one without."
        )
    require_single_line(name, "company (--company)")
    role = " ".join(role.split()) if role else None
    if role:
        require_single_line(role, "role (--role)")
    day = parse_interview_date(interview_date, now, tz).isoformat() if interview_date else None
    return Interview(name, role or None, day)


def find(store: Store, interview: Interview) -> Reflection | None:
    if interview.request_id is not None:
        return store.reflection_for_request(interview.request_id)
    return store.standalone_reflection(interview.company, interview.role, interview.interview_date)


def feedback_of(store: Store, request: Request) -> str | None:
    """The answer's own words (without our quoted original or signatures), else the
    excerpt or the note kept with the answer; None when no answer came."""
    from feedback_mailer.mail.reply_text import own_text

    if request.replied_at is None and request.status != Status.ANSWERED:
        return None
    found = store.replies(request.id)
    answers = [r for r in found if r.kind == ReplyKind.ANSWER and r.body]
    if not answers and request.reply_from is None:  # marked answered by the person
        answers = [r for r in found if r.kind == ReplyKind.POSSIBLE_ANSWER and r.body]
    for reply in reversed(answers):
        text = own_text(reply.body or "", request.language)
        if text:
            return text
    return request.reply_excerpt or None


def used_tags(store: Store) -> dict[str, int]:
    return store.tag_counts()


# --- the note as the person edits it ------------------------------------------------


def note_text(
    interview: Interview,
    existing: Reflection | None,
    feedback: str | None,
    tags: dict[str, int],
) -> str:
    """The structured note to edit, filled with what is known."""
    from feedback_mailer.mail.reply_text import quoted

    about = f"request {interview.request_id}" if interview.request_id else "no request"
    lines = [
        f"# Reflection on your interview at {interview.company} ({about}).",
        '# One point per line under each heading, starting with "- ": three of each is',
        '# a good aim, not a rule. Tag a point with #words: "- explain trade-offs aloud',
        '# #system-design". Lines starting with "# " are left out.',
    ]
    if tags:
        ranked = sorted(tags.items(), key=lambda item: (-item[1], item[0]))
        shown = ", ".join(f"#{tag} ({count})" for tag, count in ranked[:20])
        lines.append(f"# Tags you have used: {shown}")
    lines.append("# Save and close the editor to keep the note.")
    date = existing.interview_date if existing else interview.interview_date
    lines += [
        "",
        f"Company: {existing.company if existing else interview.company}",
        f"Role: {(existing.role if existing else interview.role) or ''}".rstrip(),
        f"Interview date: {date or ''}".rstrip(),
        "",
        "Feedback:",
    ]
    if feedback:
        lines.append(quoted(feedback))
    points = existing.points if existing else ()
    for heading, kind in ((WENT_WELL, PointKind.WENT_WELL), (TO_IMPROVE, PointKind.IMPROVE)):
        lines += ["", f"{heading}:"]
        mine = [point.text for point in points if point.kind == kind]
        lines += [f"- {text}" for text in mine] or ["- "] * SUGGESTED_POINTS
    lines += ["", "Notes:"]
    if existing and existing.notes:
        lines.append(existing.notes)
    return "\n".join(lines) + "\n"


def read_note(
    text: str, interview: Interview, now: datetime, tz: ZoneInfo, previous_date: str | None
) -> NewReflection:
    """The edited note back as a reflection; a bad field is an InputError naming it."""
    from feedback_mailer.lifecycle.drafts import parse_interview_date

    fields: dict[str, str] = {}
    section: str | None = None
    feedback: list[str] = []
    notes: list[str] = []
    points: list[Point] = []
    for raw_line in text.replace("\r\n", "\n").split("\n"):
        line = raw_line.rstrip()
        if _COMMENT.match(line):
            continue
        heading = _HEADING.match(line.strip())
        if heading:
            section = _SECTIONS.get(heading.group(1).lower(), "notes")
            continue
        if section is None:
            field = _FIELD.match(line.strip())
            if field:
                fields[field.group(1).lower()] = field.group(2).strip()
            elif line.strip():
                notes.append(line)
        elif section == "feedback":
            feedback.append(re.sub(r"^> ?", "", line))
        elif section == "notes":
            notes.append(line)
        elif re.search(r"\w", _BULLET.sub("", line.strip())):  # "- " alone is no point
            points.append(make_point(PointKind(section), line))
    if len(points) > MAX_POINTS:
        raise InputError(f"The note has {len(points)} points: keep it under {MAX_POINTS}.")
    company = " ".join(fields.get("company", "").split()) or interview.company
    require_single_line(company, "company")
    role = " ".join(fields.get("role", "").split()) or None
    if role:
        require_single_line(role, "role")
    date_text = fields.get("interview date", "")
    day = previous_date
    if date_text != (previous_date or ""):
        day = parse_interview_date(date_text, now, tz).isoformat() if date_text else None
    return NewReflection(
        request_id=interview.request_id,
        company=company,
        role=role,
        interview_date=day,
        feedback=_block(feedback, "feedback"),
        notes=_block(notes, "notes"),
        points=tuple(points),
    )


def _block(lines: list[str], what: str) -> str | None:
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        return None
    if len(text) > MAX_NOTES:
        raise InputError(
            f"The {what} are {len(text)} characters long: keep them under {MAX_NOTES}."
        )
    return require_clean_body(text, what)


def is_empty(note: NewReflection) -> bool:
    return not note.points and not note.notes


# --- saving ----------------------------------------------------------------------------


def save(
    store: Store,
    reflection_id: int | None,
    note: NewReflection,
    now: datetime,
) -> Saved:
    """Write the whole note; hints name new tags that look like ones used before."""
    before = store.tag_counts()
    with store.transaction() as tx:
        if note.request_id is not None:
            tx.get(note.request_id)  # it must exist
        saved_id = tx.save_reflection(reflection_id, note, now)
    reflection = store.reflection(saved_id)
    return Saved(reflection, reflection_id is None, tuple(_tag_hints(reflection, before)))


def add_points(
    store: Store,
    interview: Interview,
    went_well: tuple[str, ...],
    improve: tuple[str, ...],
    note: str | None,
    now: datetime,
) -> Saved:
    """`--went-well`/`--improve`/`--note` from a script: added to the note (made when
    there is none yet, with the answer's feedback), points already there kept once."""
    existing = find(store, interview)
    new_points = [make_point(PointKind.WENT_WELL, text) for text in went_well]
    new_points += [make_point(PointKind.IMPROVE, text) for text in improve]
    points = list(existing.points) if existing else []
    for point in new_points:
        if point.text and all((p.kind, p.text) != (point.kind, point.text) for p in points):
            points.append(point)
    if len(points) > MAX_POINTS:
        raise InputError(f"The note would have {len(points)} points: keep it under {MAX_POINTS}.")
    notes = existing.notes if existing else None
    if note:
        clean = require_clean_body(note, "note (--note)").strip()
        notes = f"{notes}\n{clean}" if notes else clean
    feedback = existing.feedback if existing else None
    if feedback is None and interview.request_id is not None:
        feedback = feedback_of(store, store.get_request(interview.request_id))
    return save(
        store,
        existing.id if existing else None,
        NewReflection(
            request_id=interview.request_id,
            company=existing.company if existing else interview.company,
            role=existing.role if existing else interview.role,
            interview_date=existing.interview_date if existing else interview.interview_date,
            feedback=feedback,
            notes=notes,
            points=tuple(points),
        ),
        now,
    )


def _tag_hints(reflection: Reflection, before: dict[str, int]) -> list[str]:
    hints = []
    seen: set[str] = set()
    for point in reflection.points:
        for tag in point.tags:
            if tag in before or tag in seen:
                continue
            seen.add(tag)
            close = difflib.get_close_matches(tag, list(before), n=1, cutoff=0.75)
            if close:
                hints.append(f"#{tag} is new; you have used #{close[0]} before")
    return hints
