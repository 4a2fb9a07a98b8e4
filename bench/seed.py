"""Fill a feedback-mailer store with N varied requests, through the store API only.

    python bench/seed.py --requests 10000 [--open-fraction 0.0192] [--seed 1] [--now ISO] [--json]

Writes into the store `feedback-mailer` itself would use (`FEEDBACK_MAILER_DB`,
else `XDG_DATA_HOME`/the user data dir). Each request is generated from its own
random stream (`seed`, index), so the first 100 requests of a 1,000-request store
are the same as those of a 100-request store: the benchmark relies on that.

Open requests (awaiting, a few unknown) were sent within the last
`OPEN_SPAN_DAYS`; the others (answered, closed, bounced, failed) over the past
three years (`HISTORY_SPAN_DAYS`). `run.py` imports `seed_store` from here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from feedback_mailer.lifecycle import follow_ups
from feedback_mailer.lifecycle.delivery import record_request
from feedback_mailer.lifecycle.outcomes import change_status, record_answer
from feedback_mailer.setup import paths
from feedback_mailer.store import NewRequest, Store, open_store

OPEN_SPAN_DAYS = 21  # follow_up.after (~7 days) + give_up_after (14 days)
HISTORY_SPAN_DAYS = 3 * 365
# A long history: requests spread evenly over three years, of which only those
# of the last three weeks can still be open (give_up_after closes the rest):
# about 1.9%, some 190 of 10,000. `list` pays per open request, not per request.
DEFAULT_OPEN_FRACTION = OPEN_SPAN_DAYS / HISTORY_SPAN_DAYS
FOLLOW_UP_AFTER = timedelta(days=7)  # about 5 business days
SENDER = ("Alex Candidate", "alex@example.com")

COMPANIES = (
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark Industries",
    "Wayne Enterprises",
    "Cyberdyne",
    "Soylent",
    "Tyrell",
    "Wonka Industries",
    "Pied Piper",
    "Vandelay Industries",
    "Aperture Science",
    "Black Mesa",
    "Oceanic Airlines",
    "Dunder Mifflin",
    "Gringotts",
    "Monsters Inc",
    "Nakatomi Trading",
    "Zorg Industries",
    "Bluth Company",
    "Prestige Worldwide",
    "Sirius Cybernetics",
    "Virtucon",
    "Massive Dynamic",
    "Los Pollos Hermanos",
    "Krusty Krab",
    "Müller & Söhne",
    "Société Générale de Tests",
)
FIRST_NAMES = (
    "Jane",
    "Hank",
    "Bill",
    "Ada",
    "Grace",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Edsger",
    "Radia",
    "Tim",
    "Sophie",
    "Guido",
    "Anita",
    "José",
    "Zoë",
    "Björn",
)
LAST_NAMES = (
    "Doe",
    "Scorpio",
    "Lumbergh",
    "Lovelace",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Berners-Lee",
    "Wilson",
    "van Rossum",
    "Borg",
    "Valim",
    "Núñez",
    "Ström",
)
ROLES = (
    "Program Manager",
    "Backend Engineer",
    "Data Analyst",
    "Product Designer",
    "SRE",
    "Engineering Manager",
    None,
)
ZONES = ("Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo")

# Final states and their weights, for closed and for open requests; an open
# request's age fits its state (a scheduled follow-up is not yet due, etc.).
CLOSED_KINDS = (
    ("answered", 50),
    ("no_response", 30),
    ("closed_by_you", 8),
    ("bounced", 6),
    ("failed", 6),
)
OPEN_KINDS = (
    ("awaiting_scheduled", 60),
    ("awaiting_follow_up_sent", 25),
    ("awaiting_no_follow_up", 10),
    ("unknown", 5),
)
OPEN_AGE_DAYS = {
    "awaiting_scheduled": (0.0, 6.5),
    "awaiting_follow_up_sent": (7.5, OPEN_SPAN_DAYS),
    "awaiting_no_follow_up": (0.0, 14.0),
    "unknown": (0.0, OPEN_SPAN_DAYS),
}


@dataclass(frozen=True)
class Plan:
    """One request to write: who, when, and which final state."""

    index: int
    company: str
    contact_name: str
    contact_email: str
    role: str | None
    zone: str
    kind: str
    sent_at: datetime

    @property
    def message_id(self) -> str:
        return message_id_for(self.index)


def message_id_for(index: int) -> str:
    return f"<bench-request-{index}@example.com>"


def contact_for(index: int, company: str, first: str, last: str) -> str:
    domain = "".join(ch for ch in company.lower() if ch.isascii() and ch.isalnum()) or "company"
    local = "".join(
        ch for ch in f"{first}.{last}".lower() if ch == "." or (ch.isascii() and ch.isalnum())
    )
    return f"{local}.{index}@{domain}.example"


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    names = [name for name, _ in weighted]
    return rng.choices(names, weights=[weight for _, weight in weighted])[0]


def plan_request(index: int, seed: int, open_fraction: float, now: datetime) -> Plan:
    """Request `index`, the same whatever the store size."""
    rng = random.Random(f"{seed}:{index}")
    company = rng.choice(COMPANIES)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    is_open = rng.random() < open_fraction
    if is_open:
        kind = _pick(rng, OPEN_KINDS)
        age = timedelta(days=rng.uniform(*OPEN_AGE_DAYS[kind]))
    else:
        kind = _pick(rng, CLOSED_KINDS)
        age = timedelta(days=rng.uniform(OPEN_SPAN_DAYS, HISTORY_SPAN_DAYS))
    return Plan(
        index=index,
        company=company,
        contact_name=f"{first} {last}",
        contact_email=contact_for(index, company, first, last),
        role=rng.choice(ROLES),
        zone=rng.choice(ZONES),
        kind=kind,
        sent_at=(now - age).replace(microsecond=0),
    )


def raw_message(plan: Plan) -> bytes:
    """A plain request message, as `send` would have stored it (no template rendering)."""
    subject = f"Feedback on my interview at {plan.company}"
    body = (
        f"Dear {plan.contact_name},\n\nThank you for the interview. I accept the decision and "
        "would be grateful for one or two points I could improve on. If you can't share "
        "feedback, I understand.\n\nBest regards,\nAlex\n"
    )
    headers = [
        f"From: {SENDER[0]} <{SENDER[1]}>",
        f"To: {plan.contact_name} <{plan.contact_email}>",
        f"Subject: {subject}",
        f"Date: {format_datetime(plan.sent_at)}",
        f"Message-ID: {plan.message_id}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n" + body.replace("\n", "\r\n")).encode()


def write_request(store: Store, plan: Plan, now: datetime) -> None:
    """Create the request and walk it to its final state, each step at its own time."""
    sent = plan.sent_at
    due = sent + FOLLOW_UP_AFTER
    wants_follow_up = plan.kind not in ("awaiting_no_follow_up", "failed")
    request = record_request(
        store,
        NewRequest(
            company=plan.company,
            role=plan.role,
            contact_name=plan.contact_name,
            contact_email=plan.contact_email,
            template="formal" if plan.index % 3 else "warm",
            subject=f"Feedback on my interview at {plan.company}",
            message_id=plan.message_id,
            raw=raw_message(plan),
            recipient_tz=plan.zone,
            interview_date=None,
            follow_up_due=due if wants_follow_up else None,
        ),
        sent,
    )
    if plan.kind == "failed":
        change_status(store, request.id, "failed", sent, reason="535 authentication failed")
        return
    if plan.kind == "unknown":
        change_status(store, request.id, "unknown", sent, reason="connection broke in DATA")
        return
    change_status(store, request.id, "awaiting", sent, sent_at=sent)
    _finish(store, plan, request.id, due, now)


def _finish(store: Store, plan: Plan, request_id: int, due: datetime, now: datetime) -> None:
    sent = plan.sent_at
    if plan.kind == "answered":
        replied = sent + timedelta(days=1 + plan.index % 6, hours=3)
        record_answer(
            store,
            request_id,
            replied,
            replied_at=replied,
            reply_from=plan.contact_email,
            excerpt="Thanks for asking: two things stood out…",
            reason=f"answered by {plan.contact_email}",
        )
    elif plan.kind == "bounced":
        change_status(
            store,
            request_id,
            "bounced",
            sent + timedelta(minutes=2),
            reason="bounced: 550 5.1.1 user unknown",
        )
    elif plan.kind == "closed_by_you":
        change_status(store, request_id, "closed", sent + timedelta(days=2), reason="closed by you")
    elif plan.kind in ("no_response", "awaiting_follow_up_sent"):
        _send_follow_up(store, plan, request_id, due)
        if plan.kind == "no_response":
            change_status(
                store,
                request_id,
                "closed",
                due + timedelta(days=14),
                reason="no response",
                expected=("awaiting",),
            )


def _send_follow_up(store: Store, plan: Plan, request_id: int, due: datetime) -> None:
    follow_up_id = f"<bench-follow-up-{plan.index}@example.com>"
    raw = raw_message(plan).replace(plan.message_id.encode(), follow_up_id.encode())
    if not follow_ups.claim(store, request_id, due, message_id=follow_up_id, raw=raw):
        raise RuntimeError(f"could not claim the follow-up of request {request_id}")
    follow_ups.finish_sent(store, request_id, due)


@dataclass(frozen=True)
class SeedReport:
    path: Path
    requests: int
    seconds: float
    kinds: dict[str, int]
    plans: list[Plan]

    @property
    def per_request_ms(self) -> float:
        return 1000 * self.seconds / self.requests if self.requests else 0.0


def seed_store(
    path: Path,
    requests: int,
    *,
    open_fraction: float = DEFAULT_OPEN_FRACTION,
    seed: int = 1,
    now: datetime | None = None,
) -> SeedReport:
    """Write `requests` varied requests into the store at `path` (created if needed)."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    plans = [plan_request(i, seed, open_fraction, now) for i in range(requests)]
    started = time.perf_counter()
    with open_store(path) as store:
        for plan in plans:
            write_request(store, plan, now)
    seconds = time.perf_counter() - started
    return SeedReport(path, requests, seconds, dict(Counter(p.kind for p in plans)), plans)


def _parse_now(text: str | None) -> datetime | None:
    if text is None:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, required=True, help="how many requests to write")
    parser.add_argument(
        "--open-fraction",
        type=float,
        default=DEFAULT_OPEN_FRACTION,
        help=f"share of open requests (default {DEFAULT_OPEN_FRACTION:.4f}: 3 weeks of 3 years)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--now", help="the present, ISO 8601 (default: the current time)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary")
    args = parser.parse_args(argv)
    if args.requests < 0 or not 0.0 <= args.open_fraction <= 1.0:
        parser.error("--requests must be >= 0 and --open-fraction between 0 and 1")
    path = paths.db_path()
    report = seed_store(
        path,
        args.requests,
        open_fraction=args.open_fraction,
        seed=args.seed,
        now=_parse_now(args.now),
    )
    if args.json:
        summary = {"path": str(path), "requests": report.requests, "seconds": report.seconds}
        print(json.dumps({**summary, "kinds": report.kinds}))
        return 0
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(report.kinds.items()))
    print(
        f"wrote {report.requests} requests to {path} in {report.seconds:.2f} s "
        f"({report.per_request_ms:.2f} ms each): {kinds}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
