"""`reflect` and `review` through the installed command (issue 15): a note written in
$EDITOR (a script here) pre-filled with the request and the answer's own words, notes
from scripts with #tags, interviews without a request, and `review` figures on a seeded
store checked against counts worked out here from the seed itself."""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from support.world import World

from feedback_mailer.lifecycle import follow_ups, outcomes, replies
from feedback_mailer.lifecycle.delivery import record_request
from feedback_mailer.store import NewRequest, Reply, Store, open_store
from feedback_mailer.store.states import ReplyKind, Status

NOW = datetime.now(UTC).replace(microsecond=0)

ANSWER_BODY = """Hi Alex,

Thanks for asking. Two things stood out:
- your system design answer stayed at a high level
- the salary discussion came too early

Best regards,
Jane Doe
Head of Engineering, Acme Corp

On Mon, 23 Nov 2026 at 10:00, Alex Candidate <alex@example.com> wrote:
> Dear Jane Doe,
>
> Thank you for taking the time to interview me.
"""

# An editor: saves what it was given, then fills the empty points and a note.
EDITOR = """\
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(os.environ["SEEN"], "w", encoding="utf-8").write(text)
if os.environ.get("LOOK_ONLY"):
    sys.exit(0)
went = iter(["clear project stories", "good rapport with the panel"])
improve = iter(["go deeper on scaling #system-design", "wait for them to raise salary #salary"])
lines, section = [], None
for line in text.split("\\n"):
    if line.endswith(":") and not line.startswith("#"):
        section = line
    if line.strip() == "-":
        source = went if section == "Went well:" else improve
        line = "- " + next(source, "")
    lines.append(line)
text = "\\n".join(lines).replace("Notes:\\n", "Notes:\\nPractise a design round weekly.\\n")
open(path, "w", encoding="utf-8").write(text)
"""


def editor(tmp_path: Path) -> tuple[dict[str, str], Path]:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    seen = tmp_path / "seen.txt"
    return {"EDITOR": f"{sys.executable} {script}", "SEEN": str(seen)}, seen


def new_request(index: int, company: str, sent: datetime, **changes: Any) -> NewRequest:
    values: dict[str, Any] = {
        "company": company,
        "role": "Program Manager",
        "contact_name": "Jane Doe",
        "contact_email": f"contact{index}@{company.split()[0].lower()}.example",
        "template": "formal",
        "subject": f"Feedback on my interview at {company}",
        "message_id": f"<req{index}@example.com>",
        "raw": b"From: Alex Candidate <alex@example.com>\r\nSubject: x\r\n\r\nDear Jane\r\n",
        "recipient_tz": "Europe/London",
        "interview_date": (sent - timedelta(days=3)).date().isoformat(),
        "follow_up_due": sent + timedelta(days=7),
    }
    values.update(changes)
    return NewRequest(**values)


def answered_request(store: Store, body: str = ANSWER_BODY) -> int:
    sent = NOW - timedelta(days=10)
    request = record_request(store, new_request(1, "Acme Corp", sent), sent)
    outcomes.change_status(store, request.id, Status.AWAITING, sent, sent_at=sent)
    at = sent + timedelta(days=2)
    replies.apply_found_message(
        store,
        request.id,
        Reply(
            request_id=request.id,
            kind=ReplyKind.ANSWER,
            key="<answer1@acme.example>",
            folder="INBOX",
            uid=1,
            message_id="<answer1@acme.example>",
            from_addr=request.contact_email,
            date=at,
            subject="Re: Feedback on my interview at Acme Corp",
            excerpt="Thanks for asking.",
            detail={},
            found_at=at,
            body=body,
        ),
        None,
        None,
        at,
    )
    return request.id


def test_reflect_opens_the_editor_on_a_filled_note_and_show_has_it(
    world: World, tmp_path: Path
) -> None:
    with open_store(world.db_path) as store:
        request_id = answered_request(store)
    env, seen = editor(tmp_path)
    result = world.run("reflect", str(request_id), extra_env=env)
    assert result.returncode == 0, result.stderr
    assert re.match(
        r"Saved reflection 1 on Acme Corp, Program Manager, interview \S+ ", result.stdout
    )
    assert "2 went well, 2 to improve; tags #salary, #system-design." in result.stdout
    note = seen.read_text(encoding="utf-8")
    assert "Company: Acme Corp\nRole: Program Manager\nInterview date: 20" in note
    # The answer's own words, quoted; not our original, not the signature.
    assert "> Thanks for asking. Two things stood out:\n" in note
    assert "> - the salary discussion came too early\n" in note
    assert "Thank you for taking the time" not in note
    assert "Head of Engineering" not in note and "wrote:" not in note
    assert note.splitlines().count("- ") == 6  # three of each suggested
    shown = world.run_json("show", str(request_id), "--json")
    reflection = shown["reflection"]
    assert [p["text"] for p in reflection["went_well"]] == [
        "clear project stories",
        "good rapport with the panel",
    ]
    assert reflection["improve"][0] == {
        "text": "go deeper on scaling #system-design",
        "tags": ["system-design"],
    }
    assert reflection["notes"] == "Practise a design round weekly."
    assert reflection["feedback"].startswith("Hi Alex,\n\nThanks for asking.")
    text = world.run("show", str(request_id)).stdout
    assert "Reflection 1: Acme Corp, Program Manager" in text
    assert "    - wait for them to raise salary #salary" in text
    # Editing again shows what is there and suggests the tags used so far.
    again = world.run("reflect", str(request_id), extra_env={**env, "LOOK_ONLY": "1"})
    assert again.returncode == 0, again.stderr
    assert "The note was not changed." in again.stdout
    note = seen.read_text(encoding="utf-8")
    assert "# Tags you have used: #salary (1), #system-design (1)" in note
    assert "- go deeper on scaling #system-design\n" in note


def test_reflect_from_a_script_adds_points_with_tags_and_hints_at_a_near_tag(
    world: World,
) -> None:
    args = ("reflect", "--company", "Globex", "--role", "Engineer")
    first = world.run(*args, "--interview-date", "2026-01-14", "--improve", "design #system-design")
    assert first.returncode == 0, first.stderr
    second = world.run(
        "reflect",
        "--company",
        "Initech",
        "--went-well",
        "calm under pressure",
        "--improve",
        "trade-offs #SystemDesign",
        "--json",
    )
    assert second.returncode == 0, second.stderr
    saved = json.loads(second.stdout)
    assert saved["request_id"] is None and saved["company"] == "Initech"
    assert saved["tags"] == ["systemdesign"]
    assert "#systemdesign is new; you have used #system-design before" in second.stderr
    # The same interview again: the note grows, a point already there is kept once.
    third = world.run_json(
        *args, "--interview-date", "2026-01-14", "--improve", "design #system-design",
        "--improve", "ask about the team #questions", "--note", "call went well", "--json",
    )  # fmt: skip
    assert third["id"] == 1
    assert [p["text"] for p in third["improve"]] == [
        "design #system-design",
        "ask about the team #questions",
    ]
    assert third["notes"] == "call went well"


@pytest.mark.parametrize("status", [Status.FAILED, Status.BOUNCED, Status.UNKNOWN])
def test_reflect_works_for_a_request_in_any_state(world: World, status: Status) -> None:
    sent = NOW - timedelta(days=3)
    with open_store(world.db_path) as store:
        request = record_request(store, new_request(7, "Hooli", sent), sent)
        if status == Status.BOUNCED:
            outcomes.change_status(store, request.id, Status.AWAITING, sent, sent_at=sent)
        outcomes.change_status(store, request.id, status, sent, reason="test")
    saved = world.run_json("reflect", str(request.id), "--improve", "research the team", "--json")
    assert saved["request_id"] == request.id and saved["feedback"] is None


def test_reflect_refuses_unclear_input(world: World) -> None:
    neither = world.run("reflect", "--went-well", "x")
    assert neither.returncode == 2 and "--company" in neither.stderr
    with open_store(world.db_path) as store:
        request_id = answered_request(store)
    both = world.run("reflect", str(request_id), "--company", "X", "--went-well", "x")
    assert both.returncode == 2 and "not both" in both.stderr
    future = world.run("reflect", "--company", "X", "--interview-date", "2999-01-01")
    assert future.returncode == 2 and "future" in future.stderr
    missing = world.run("reflect", "99", "--went-well", "x")
    assert missing.returncode == 8


# --- review on a seeded store -----------------------------------------------------------


class Seed(NamedTuple):
    company: str
    outcome: str  # see OUTCOMES
    days_to_answer: float = 0  # after the request, or after the follow-up when "after"
    out_of_office: bool = False
    sent_days_ago: int = 40


OUTCOMES = ("before", "after", "bounced", "no_response", "closed", "waiting", "failed")
SEEDS = [
    Seed("Acme Corp", "before", 1.5, out_of_office=True),
    Seed("Globex", "before", 4),
    Seed("Initech", "after", 2),
    Seed("Umbrella", "after", 0.5, out_of_office=True),
    Seed("Hooli", "bounced"),
    Seed("Stark", "no_response", out_of_office=True),
    Seed("Wayne", "no_response"),
    Seed("Wonka", "closed"),
    Seed("Tyrell", "waiting", sent_days_ago=2),
    Seed("Cyberdyne", "failed"),
    Seed("Old Co", "before", 3, sent_days_ago=400),
]


def seed_store(store: Store, seeds: list[Seed]) -> None:
    for index, seed in enumerate(seeds, start=1):
        sent = NOW - timedelta(days=seed.sent_days_ago)
        request = record_request(store, new_request(index, seed.company, sent), sent)
        if seed.outcome == "failed":
            outcomes.change_status(store, request.id, Status.FAILED, sent, reason="550")
            continue
        outcomes.change_status(store, request.id, Status.AWAITING, sent, sent_at=sent)
        if seed.out_of_office:
            at = sent + timedelta(hours=1)
            replies.apply_found_message(
                store,
                request.id,
                Reply(request.id, ReplyKind.AUTO_REPLY, f"<ooo{index}@x>", "INBOX", index,
                      f"<ooo{index}@x>", "bot@x.example", at, "Out of office", None, {}, at),
                None,
                None,
                at,
            )  # fmt: skip
        due = sent + timedelta(days=7)
        if seed.outcome in ("after", "no_response"):
            assert follow_ups.claim(store, request.id, due, message_id=f"<fu{index}@x>", raw=b"x")
            follow_ups.finish_sent(store, request.id, due)
        start = due if seed.outcome == "after" else sent
        if seed.outcome in ("before", "after"):
            at = start + timedelta(days=seed.days_to_answer)
            outcomes.record_answer(
                store,
                request.id,
                at,
                replied_at=at,
                reply_from=request.contact_email,
                excerpt=f"feedback from {seed.company}",
                reason="answered",
            )
        elif seed.outcome == "bounced":
            outcomes.change_status(store, request.id, Status.BOUNCED, sent, reason="bounced")
        elif seed.outcome == "no_response":
            outcomes.change_status(store, request.id, Status.CLOSED, due, reason="no response")
        elif seed.outcome == "closed":
            outcomes.change_status(store, request.id, Status.CLOSED, sent, reason="closed by you")


def expected_figures(seeds: list[Seed]) -> dict[str, Any]:
    """Worked out from the seed alone, without the code under test."""
    sent = [s for s in seeds if s.outcome != "failed"]
    days = [s.days_to_answer for s in sent if s.outcome == "before"]
    days += [7 + s.days_to_answer for s in sent if s.outcome == "after"]
    follow_ups_sent = sum(1 for s in sent if s.outcome in ("after", "no_response"))
    after = sum(1 for s in sent if s.outcome == "after")
    return {
        "sent": len(sent),
        "answered": len(days),
        "answered_before_follow_up": sum(1 for s in sent if s.outcome == "before"),
        "answered_after_follow_up": after,
        "out_of_office": sum(1 for s in sent if s.out_of_office),
        "bounced": sum(1 for s in sent if s.outcome == "bounced"),
        "no_response": sum(1 for s in sent if s.outcome == "no_response"),
        "closed_by_you": sum(1 for s in sent if s.outcome == "closed"),
        "waiting": sum(1 for s in sent if s.outcome == "waiting"),
        "median_days_to_answer": statistics.median(days) if days else None,
        "follow_ups_sent": follow_ups_sent,
        "follow_up_answer_share": after / follow_ups_sent if follow_ups_sent else None,
    }


def test_review_figures_match_counts_worked_out_from_the_seed(world: World) -> None:
    with open_store(world.db_path) as store:
        seed_store(store, SEEDS)
    everything = world.run_json("review", "--json")
    assert everything["asking"] == pytest.approx(expected_figures(SEEDS))
    recent = world.run_json("review", "--json", "--since", "3 months")
    assert recent["asking"] == pytest.approx(
        expected_figures([s for s in SEEDS if s.sent_days_ago < 90])
    )
    assert recent["asking"]["sent"] == 9
    # The feedback received, newest first: the answers' own words (here their excerpts).
    companies = [item["company"] for item in recent["feedback"]]
    assert companies == ["Initech", "Umbrella", "Globex", "Acme Corp"]


def test_review_text_and_markdown_read_without_colour_in_a_pipe(world: World) -> None:
    with open_store(world.db_path) as store:
        seed_store(store, SEEDS)
    for number, (company, tag) in enumerate(
        [("Acme Corp", "system-design"), ("Globex", "system-design"), ("Initech", "salary")]
    ):
        saved = world.run(
            "reflect", str(number + 1), "--improve", f"point {number} #{tag}", "--went-well",
            "stories #storytelling",
        )  # fmt: skip
        assert saved.returncode == 0, saved.stderr
        assert company in saved.stdout
    plain = world.run("review", extra_env={"NO_COLOR": "1"})
    assert plain.returncode == 0, plain.stderr
    assert "\x1b" not in plain.stdout
    lines = plain.stdout.splitlines()
    (theme,) = [line for line in lines if line.strip().startswith("#system-design")]
    assert re.fullmatch(r"\s+#system-design\s+2\s+█+\s+Acme Corp, Globex", theme)
    (sent,) = [line for line in lines if "requests sent" in line]
    assert sent.split() == ["requests", "sent", "10", "█" * 20]
    assert "Once so far: #salary" in plain.stdout
    assert "Strengths: #storytelling (3)" in plain.stdout
    markdown = world.run("review", "--markdown")
    assert markdown.returncode == 0, markdown.stderr
    text = markdown.stdout
    assert text.startswith("# Interview feedback review\n")
    assert "| #system-design | 2 | ██████████ | Acme Corp, Globex |" in text
    assert "## Feedback received" in text and "> feedback from Initech" in text
    assert re.search(r"\| follow-ups that got an answer \| 2 of 4 \(50%\) \| \|", text)


def test_review_of_nothing_yet_creates_no_database(world: World) -> None:
    result = world.run("review")
    assert result.returncode == 0, result.stderr
    assert "Nothing has come up in two interviews yet." in result.stdout
    assert not world.db_path.exists()
    assert world.run_json("review", "--json")["asking"]["sent"] == 0


def test_editor_is_isolated() -> None:
    assert "EDITOR" not in os.environ


def test_show_history_says_a_reflection_and_a_thank_you_in_words() -> None:
    from datetime import UTC, datetime

    from feedback_mailer.store import Event
    from feedback_mailer.views.pages import describe_event

    at = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    note = Event(
        1,
        1,
        at,
        "reflection",
        {
            "reflection_id": 4,
            "company": "Acme Corp",
            "role": "PM",
            "points": [["went_well", "clear story"], ["improve", "system design #system-design"]],
            "notes": "long free text " * 20,
            "feedback": "Hi Alex, " * 30,
        },
    )
    described = describe_event(note)
    assert described == "reflection noted: 1 went well, 1 to improve"
    thank = Event(2, 1, at, "thank_you", {"old": None, "new": "sending", "to": "jane@acme.example"})
    assert describe_event(thank) == "thank-you sending to jane@acme.example"
    sent = Event(3, 1, at, "thank_you", {"old": "sending", "new": "sent"})
    assert describe_event(sent) == "thank-you sent"
