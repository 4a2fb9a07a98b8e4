"""How `review` looks: plain text with small bar charts, Markdown to keep or share,
and JSON for scripts.

The bars are runs of █ after the number they show, never colour alone: they
read the same with NO_COLOR, in a pipe, and in a Markdown file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.lifecycle.review import Asking, Feedback, Review, Theme
from feedback_mailer.store import iso

BAR = "█"
BAR_WIDTH = 20
QUOTE_LINES = 12  # of each feedback in the text and Markdown views (JSON has it whole)


def bar(value: int, largest: int, width: int = BAR_WIDTH) -> str:
    """`value` as a run of █ against `largest`; any value above zero shows at least one."""
    if value <= 0 or largest <= 0:
        return ""
    return BAR * max(1, round(width * value / largest))


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{round(share * 100)}%"


def _days(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f} days" if value != 1 else "1 day"


def asking_rows(asking: Asking) -> list[tuple[str, int]]:
    return [
        ("requests sent", asking.sent),
        ("answered before the follow-up", asking.answered_before_follow_up),
        ("answered after the follow-up", asking.answered_after_follow_up),
        ("out-of-office replies", asking.out_of_office),
        ("bounced", asking.bounced),
        ("no response", asking.no_response),
        ("closed by you", asking.closed_by_you),
        ("still waiting", asking.waiting),
    ]


def _follow_up_line(asking: Asking) -> str:
    if not asking.follow_ups_sent:
        return "no follow-up sent"
    return (
        f"{asking.answered_after_follow_up} of {asking.follow_ups_sent} "
        f"({_percent(asking.follow_up_answer_share)})"
    )


def _since(review: Review) -> str:
    return f" since {review.since:%Y-%m-%d}" if review.since else ""


def _quote(text: str, prefix: str) -> list[str]:
    lines = text.strip("\n").splitlines()
    shown = [f"{prefix}{line}".rstrip() for line in lines[:QUOTE_LINES]]
    if len(lines) > QUOTE_LINES:
        shown.append(f"{prefix}[… {len(lines) - QUOTE_LINES} more lines]")
    return shown


def _about(item: Feedback) -> str:
    parts = [item.company + (f", {item.role}" if item.role else "")]
    if item.who:
        parts.append(item.who)
    when = f"{item.on.day} {item.on:%b %Y}" if item.on else "undated"
    return f"{when} — " + " — ".join(parts)


def _theme_rows(themes: list[Theme]) -> list[tuple[str, str, str, str]]:
    largest = max((t.interviews for t in themes), default=0)
    return [
        (t.label, str(t.interviews), bar(t.interviews, largest, 10), ", ".join(t.companies))
        for t in themes
    ]


def _columns(rows: Sequence[tuple[str, ...]], indent: str = "  ") -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        (indent + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))).rstrip()
        for row in rows
    ]


def text(review: Review) -> str:
    asking = review.asking
    lines = [
        f"Review{_since(review)}: {review.interviews} interview note(s), "
        f"{asking.sent} request(s) sent.",
        "",
        "What repeats (points to improve, across interviews):",
    ]
    if review.repeats:
        lines += _columns(_theme_rows(review.repeats))
    else:
        lines.append("  Nothing has come up in two interviews yet.")
    once = [t for t in review.tags if t.interviews < 2]
    if once:
        lines.append("  Once so far: " + ", ".join(t.label for t in once))
    if review.strengths:
        lines.append(
            "  Strengths: " + ", ".join(f"{t.label} ({t.interviews})" for t in review.strengths)
        )
    lines += ["", "Feedback received (newest first):"]
    if not review.feedback:
        lines.append("  None yet.")
    for item in review.feedback:
        lines.append(f"  {_about(item)}")
        lines += _quote(item.text, "    > ")
    lines += ["", "How asking is going:"]
    rows = [(label, str(count), bar(count, asking.sent)) for label, count in asking_rows(asking)]
    lines += _columns(rows)
    width = max(len(label) for label, _, _ in rows)
    median = _days(asking.median_days_to_answer)
    lines.append(f"  {'median time to an answer':<{width}}  {median}")
    lines.append(f"  {'follow-ups that got an answer':<{width}}  {_follow_up_line(asking)}")
    return "\n".join(lines) + "\n"


# Everything from mail (names, companies, roles, the answers) and typed tags is
# written inert (README, Guarantees: "files written from mail are inert"): no HTML,
# image, link or autolink can come out of it, whatever renders the file. `< > &`
# become entities; the punctuation that opens Markdown constructs is escaped, and so
# are the `//` of a scheme, the `.` after `www` and `@`, which GFM would autolink.
# Lists and paragraphs of an answer keep their shape.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_PUNCTUATION = frozenset("\\`*_{}[]()!|~^@")
# `#` opens a heading only first on a line; a tag such as #system-design stays as typed.
_AUTOLINK = LazyPattern(r"(?i)(?<=:)//|(?<=\bwww)\.")
_HEADING = LazyPattern(r"^(\s*)#")


def _inert(text: str, *, line: bool = False) -> str:
    """`text` as Markdown that shows exactly its characters and makes nothing live;
    `line`: it begins a line (of a quote), where `#` would open a heading."""
    out = []
    for char in text:
        if char in _HTML:
            out.append(_HTML[char])
        elif char in _MARKDOWN_PUNCTUATION:
            out.append("\\" + char)
        else:
            out.append(char)
    unlinked = _AUTOLINK.sub(lambda found: "".join("\\" + c for c in found.group()), "".join(out))
    return _HEADING.sub(r"\1\\#", unlinked) if line else unlinked


def _md(cell: str) -> str:
    """A table cell or a heading from outside: inert, one line."""
    return " ".join(_inert(" ".join(cell.split())).split())


def markdown(review: Review, generated: str) -> str:
    asking = review.asking
    lines = [
        "# Interview feedback review",
        "",
        f"{review.interviews} interview note(s), {asking.sent} request(s) sent"
        f"{_since(review)} · written {generated} by feedback-mailer",
        "",
        "## What repeats",
        "",
    ]
    if review.repeats:
        lines += ["| theme | interviews | | companies |", "|---|---:|---|---|"]
        lines += [
            f"| {_md(label)} | {count} | {chart} | {_md(companies)} |"
            for label, count, chart, companies in _theme_rows(review.repeats)
        ]
    else:
        lines.append("Nothing has come up in two interviews yet.")
    once = [t for t in review.tags if t.interviews < 2]
    if once:
        lines += ["", "Once so far: " + ", ".join(_md(t.label) for t in once)]
    if review.strengths:
        lines += [
            "",
            "Strengths: " + ", ".join(f"{_md(t.label)} ({t.interviews})" for t in review.strengths),
        ]
    lines += ["", "## Feedback received", ""]
    if not review.feedback:
        lines.append("None yet.")
    for item in review.feedback:
        quote = _quote(item.text, "")
        lines += [
            f"### {_md(_about(item))}",
            "",
            *(f"> {_inert(q, line=True)}".rstrip() for q in quote),
            "",
        ]
    lines += ["", "## How asking is going", "", "| | | |", "|---|---:|---|"]
    lines += [
        f"| {label} | {count} | {bar(count, asking.sent)} |" for label, count in asking_rows(asking)
    ]
    lines += [
        f"| median time to an answer | {_days(asking.median_days_to_answer)} | |",
        f"| follow-ups that got an answer | {_follow_up_line(asking)} | |",
    ]
    return "\n".join(line for line in _squeeze(lines)) + "\n"


def _squeeze(lines: list[str]) -> list[str]:
    """No two blank lines in a row."""
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return out


def _theme_json(theme: Theme) -> dict[str, Any]:
    return {
        "label": theme.label,
        "interviews": theme.interviews,
        "companies": list(theme.companies),
    }


def as_json(review: Review) -> dict[str, Any]:
    asking = review.asking
    return {
        "since": iso(review.since) if review.since else None,
        "interviews": review.interviews,
        "repeats": [_theme_json(t) for t in review.repeats],
        "tags": [_theme_json(t) for t in review.tags],
        "strengths": [_theme_json(t) for t in review.strengths],
        "feedback": [
            {
                "date": item.on.isoformat() if item.on else None,
                "company": item.company,
                "role": item.role,
                "from": item.who,
                "request_id": item.request_id,
                "text": item.text,
            }
            for item in review.feedback
        ],
        "asking": {
            "sent": asking.sent,
            "answered": asking.answered,
            "answered_before_follow_up": asking.answered_before_follow_up,
            "answered_after_follow_up": asking.answered_after_follow_up,
            "out_of_office": asking.out_of_office,
            "bounced": asking.bounced,
            "no_response": asking.no_response,
            "closed_by_you": asking.closed_by_you,
            "waiting": asking.waiting,
            "median_days_to_answer": asking.median_days_to_answer,
            "follow_ups_sent": asking.follow_ups_sent,
            "follow_up_answer_share": asking.follow_up_answer_share,
        },
    }
