"""The reader of incoming mail over the 243-message corpus, against issue 12's bar.

tests/data/corpus/expected.json says what each message is (format at the top of
tests/support/corpus_gen.py). Kinds map to verdicts: "machine" is Verdict.MACHINE;
"answer" (also a *possible* answer) and "unrelated" are a person writing, for which
the reader says ANSWER: whether that answers a request is decided by the matching
in lifecycle/. Each threshold prints the figures and the messages that missed.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.examples import examples

from feedback_mailer.mail.classify import (
    HEADER_FIELDS,
    Classification,
    Verdict,
    classify_bytes,
    is_bounce,
    message_date,
    read_headers,
    referenced_ids,
)

CORPUS = Path(__file__).parent / "data" / "corpus"
# The corpus's messages are dated up to mid-December 2026; a fixed "now" keeps their
# Date headers believable whatever the machine's clock says.
CORPUS_NOW = datetime(2026, 12, 31, tzinfo=UTC)
# What the server would say for a message without a believable Date: the scenario's
# request was sent on 2026-11-20 10:00 UTC, and the answers came soon after.
ARRIVAL = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
# The scenario's request (tests/support/corpus_gen.py): a bounce that threads to it is
# fetched by its thread match, whatever is_bounce says.
OUR_ID = "<req-1@example.com>"


@cache
def manifest() -> dict[str, dict[str, Any]]:
    data = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def verdicts() -> dict[str, Classification]:
    found: dict[str, Classification] = {}
    for path in manifest():
        raw = (CORPUS / path).read_bytes()
        received = message_date(read_headers(raw), now=CORPUS_NOW) or ARRIVAL
        found[path] = classify_bytes(raw, received)
    return found


def entries(*kinds: str) -> Iterator[tuple[str, dict[str, Any], Classification]]:
    for path, entry in sorted(manifest().items()):
        if entry["kind"] in kinds:
            yield path, entry, verdicts()[path]


def describe(result: Classification) -> str:
    kind = str(result.kind)
    if result.bounce is not None:
        kind += f" ({'hard' if result.bounce.hard else 'soft'}, {result.bounce.status})"
    if result.return_date is not None:
        kind += f" back {result.return_date}"
    return f"{kind} {list(result.signals)}"


def report(title: str, total: int, misses: list[tuple[str, Classification]]) -> str:
    lines = [f"{title}: {total - len(misses)} of {total} right, {len(misses)} wrong"]
    lines += [f"  {path}: {describe(result)}" for path, result in misses]
    return "\n".join(lines)


def test_every_message_is_read() -> None:
    counts = Counter(str(result.kind) for result in verdicts().values())
    unreadable = [(p, r) for p, r in verdicts().items() if r.kind == Verdict.UNREADABLE]
    assert not unreadable, report("readable", len(verdicts()), unreadable) + f"\n{counts}"


def test_hard_bounces_are_hard() -> None:
    hard = list(entries("bounce"))
    hard = [(p, e, r) for p, e, r in hard if e["severity"] == "hard"]
    misses = [
        (p, r)
        for p, _e, r in hard
        if r.kind != Verdict.BOUNCE or r.bounce is None or not r.bounce.hard
    ]
    share = (len(hard) - len(misses)) / len(hard)
    assert share >= 0.97, report("hard bounces read as hard", len(hard), misses)


def test_soft_bounces_are_soft() -> None:
    soft = [(p, e, r) for p, e, r in entries("bounce") if e["severity"] == "soft"]
    misses = [
        (p, r) for p, _e, r in soft if r.kind != Verdict.BOUNCE or r.bounce is None or r.bounce.hard
    ]
    assert not misses, report("soft bounces read as soft", len(soft), misses)


def test_no_bounce_or_machine_report_is_an_answer() -> None:
    found = list(entries("bounce", "machine"))
    misses = [(p, r) for p, _e, r in found if r.kind == Verdict.ANSWER]
    assert not misses, report("bounces and machine reports not read as answers", len(found), misses)


def test_machine_reports_are_machine() -> None:
    found = list(entries("machine"))
    misses = [(p, r) for p, _e, r in found if r.kind != Verdict.MACHINE]
    assert not misses, report("machine reports read as MACHINE", len(found), misses)


def test_human_answers_are_not_auto_replies_or_bounces() -> None:
    found = list(entries("answer"))
    misses = [(p, r) for p, _e, r in found if r.kind in (Verdict.AUTO_REPLY, Verdict.BOUNCE)]
    assert len(misses) <= 0.01 * len(found), report(
        "answers not taken for machines", len(found), misses
    )
    others = [(p, r) for p, _e, r in found if r.kind != Verdict.ANSWER]
    assert not others, report("answers read as ANSWER", len(found), others)


def test_unrelated_mail_from_people_is_never_a_bounce() -> None:
    found = list(entries("unrelated"))
    misses = [(p, r) for p, _e, r in found if r.kind == Verdict.BOUNCE]
    assert not misses, report("unrelated mail not read as a bounce", len(found), misses)


def test_every_auto_reply_is_recognised() -> None:
    found = list(entries("auto_reply"))
    misses = [(p, r) for p, _e, r in found if r.kind != Verdict.AUTO_REPLY]
    assert not misses, report("auto-replies recognised", len(found), misses)


def test_every_stated_return_date_is_found_exactly() -> None:
    found = list(entries("auto_reply"))
    misses = [
        (f"{p} (expected {e['return_date']})", r)
        for p, e, r in found
        if (r.return_date.isoformat() if r.return_date else None) != e["return_date"]
    ]
    stated = sum(1 for _p, e, _r in found if e["return_date"])
    assert not misses, report(f"return dates ({stated} stated)", len(found), misses)


def test_a_found_return_date_names_its_phrase() -> None:
    for path, _entry, result in entries("auto_reply"):
        if result.return_date is not None:
            assert any(s.startswith("return date from '") for s in result.signals), path


def test_bounces_name_the_recipient_and_status() -> None:
    found = list(entries("bounce"))
    misses = [
        (f"{p} (expected {e['recipient']}, {e['status']})", r)
        for p, e, r in found
        if r.bounce is None
        or e["recipient"] not in r.bounce.recipients
        or r.bounce.status != e["status"]
    ]
    assert not misses, report("bounces with recipient and status", len(found), misses)


def test_every_verdict_says_why() -> None:
    for path, result in verdicts().items():
        if result.kind != Verdict.ANSWER:
            assert result.signals, path


def header_fields_only(raw: bytes) -> bytes:
    """What the IMAP scan fetches: BODY.PEEK[HEADER.FIELDS (HEADER_FIELDS)]."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    wanted = {f.lower().encode() for f in HEADER_FIELDS}
    kept: list[bytes] = []
    keep = False
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if keep:
                kept.append(line)
            continue
        keep = line.split(b":", 1)[0].strip().lower() in wanted
        if keep:
            kept.append(line)
    return b"\r\n".join(kept) + b"\r\n\r\n"


def test_the_header_pre_filter_lets_every_bounce_through() -> None:
    # The scan fetches a whole message only when its header fields match a request or
    # might be a bounce: a bounce that does not thread must pass is_bounce.
    misses = []
    for path, entry in sorted(manifest().items()):
        headers = read_headers(header_fields_only((CORPUS / path).read_bytes()))
        threaded = OUR_ID in referenced_ids(headers)
        if entry["kind"] == "bounce" and not threaded and not is_bounce(headers):
            misses.append(path)
    assert not misses, f"bounces the pre-filter would not fetch: {misses}"


# --------------------------------------------------------------------------- robustness

PATHS = sorted(manifest())


def mutate(raw: bytes, seed: int) -> bytes:
    """Byte flips, insertions, deletions, duplicated slices and a cut, seeded."""
    rng = random.Random(seed)
    data = bytearray(raw)
    for _ in range(rng.randint(1, 12)):
        if not data:
            break
        where = rng.randrange(len(data))
        choice = rng.randrange(5)
        if choice == 0:
            data[where] = rng.randrange(256)
        elif choice == 1:
            data[where:where] = rng.choice(
                [b"\r\n", b"\n\n", b"--", b"=?", b"?=", b"<", b">", b";", b":", b"\x00", b"\xff"]
            )
        elif choice == 2:
            del data[where : where + rng.randint(1, 40)]
        elif choice == 3:
            end = min(len(data), where + rng.randint(1, 200))
            data[where:where] = data[where:end] * rng.randint(1, 5)
        else:
            del data[where:]
    return bytes(data)


def assert_well_formed(result: Classification) -> None:
    assert isinstance(result, Classification)
    assert result.kind in set(Verdict)
    assert (result.bounce is not None) == (result.kind == Verdict.BOUNCE)
    assert len(result.excerpt) <= 300
    assert all(isinstance(s, str) for s in result.signals)
    for text in (result.excerpt, *result.signals):
        text.encode("utf-8")  # storable: no lone surrogates
    if result.bounce is not None:
        for text in (result.bounce.diagnostic or "", *result.bounce.recipients):
            text.encode("utf-8")


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), st.integers(min_value=0, max_value=2**32))
def test_mutated_corpus_messages_always_get_a_verdict(path: str, seed: int) -> None:
    raw = mutate((CORPUS / path).read_bytes(), seed)
    assert_well_formed(classify_bytes(raw, ARRIVAL))


@pytest.mark.parametrize("path", PATHS[::10])
def test_any_prefix_of_a_message_gets_a_verdict(path: str) -> None:
    raw = (CORPUS / path).read_bytes()
    for end in range(0, len(raw), max(1, len(raw) // 25)):
        assert_well_formed(classify_bytes(raw[:end], ARRIVAL))
