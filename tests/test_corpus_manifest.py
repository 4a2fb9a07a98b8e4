"""The reply-classification corpus itself: every message parses, files and manifest agree.

tests/data/corpus/<category>/NAME.eml are written by tests/support/corpus_gen.py together with
tests/data/corpus/expected.json (format described there). Nothing here uses the classifier: this
only keeps the fixtures that the classifier is measured against readable and well-formed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from support import corpus_gen

CORPUS = Path(__file__).parent / "data" / "corpus"
MANIFEST = CORPUS / "expected.json"
KINDS = {"answer", "auto_reply", "bounce", "machine", "unrelated"}
REQUIRED = {"kind", "severity", "recipient", "status", "return_date", "note"}
OPTIONAL = {"possible"}
STATUS = re.compile(r"[245]\.\d{1,3}\.\d{1,3}")
ADDRESS = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[a-z]+")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def load_manifest() -> dict[str, Any]:
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


MESSAGES = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("*/*.eml"))
ENTRIES = sorted(load_manifest().items())


def test_files_and_manifest_agree() -> None:
    anywhere = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.eml"))
    assert anywhere == MESSAGES, "messages belong exactly one directory below the corpus root"
    listed = {path for path, _ in ENTRIES}
    assert sorted(set(MESSAGES) - listed) == [], "files missing from expected.json"
    assert sorted(listed - set(MESSAGES)) == [], "expected.json names files that do not exist"


def test_corpus_is_broad() -> None:
    kinds = Counter(entry["kind"] for _, entry in ENTRIES)
    assert set(kinds) == KINDS
    assert len(ENTRIES) >= 200
    severities = Counter(e["severity"] for _, e in ENTRIES if e["kind"] == "bounce")
    assert severities["hard"] >= 50 and severities["soft"] >= 10
    assert any(e.get("possible") for _, e in ENTRIES)
    assert sum(e["return_date"] is None for _, e in ENTRIES if e["kind"] == "auto_reply") >= 10


def walk_everything(msg: Message) -> int:
    """Touch every header and every decoded leaf, as a reader would; return the leaf count."""
    leaves = 0
    for sub in msg.walk():
        for name, value in sub.items():
            assert isinstance(name, str)
            str(value)
        if not sub.is_multipart():
            payload = sub.get_payload(decode=True)
            assert payload is None or isinstance(payload, bytes)
            leaves += 1
    return leaves


@pytest.mark.parametrize("path", MESSAGES)
def test_message_parses(path: str) -> None:
    raw = (CORPUS / path).read_bytes()
    for pol in (policy.default, policy.compat32):
        msg = BytesParser(policy=pol).parsebytes(raw)
        assert len(msg.keys()) >= 4, "a header block, not a body read as headers"
        assert msg["From"] is not None
        assert walk_everything(msg) >= 1
        assert msg.is_multipart() == msg.get_content_maintype().lower().startswith("multipart")


@pytest.mark.parametrize(("path", "entry"), ENTRIES, ids=[p for p, _ in ENTRIES])
def test_manifest_entry_is_well_formed(path: str, entry: dict[str, Any]) -> None:
    assert path.endswith(".eml") and path.count("/") == 1 and not path.startswith("/")
    assert REQUIRED <= set(entry) <= REQUIRED | OPTIONAL
    kind = entry["kind"]
    assert kind in KINDS
    assert isinstance(entry["note"], str) and entry["note"].strip()

    if kind == "bounce":
        assert entry["severity"] in ("hard", "soft")
        assert isinstance(entry["recipient"], str) and ADDRESS.fullmatch(entry["recipient"])
        assert entry["recipient"] == entry["recipient"].lower()
        status = entry["status"]
        assert status is None or (isinstance(status, str) and STATUS.fullmatch(status))
        if status is not None and entry["severity"] == "soft":
            assert status.startswith("4."), "a soft bounce never states a permanent status"
    else:
        assert entry["severity"] is None
        assert entry["recipient"] is None
        assert entry["status"] is None

    return_date = entry["return_date"]
    if return_date is not None:
        assert kind == "auto_reply"
        assert isinstance(return_date, str) and ISO_DATE.fullmatch(return_date)
        date.fromisoformat(return_date)

    if "possible" in entry:
        assert entry["possible"] is True and kind == "answer"
        assert entry["note"].startswith("possible answer")


def readable_text(msg: Message) -> str:
    """Every header value and decoded leaf of a message, DSN field blocks included, lower-cased."""
    chunks = []
    for sub in msg.walk():
        chunks.extend(f"{name}: {value}" for name, value in sub.items())
        if not sub.is_multipart():
            payload = sub.get_payload(decode=True) or b""
            chunks.append(
                payload.decode(sub.get_content_charset() or "utf-8", "replace")
                if (sub.get_content_charset() or "utf-8") not in BROKEN_CHARSETS
                else payload.decode("latin-1")
            )
    return "\n".join(chunks).lower()


BROKEN_CHARSETS = {"unknown-8bit", "unicode-1-1-utf-7", "x-unknown"}


@pytest.mark.parametrize(
    ("path", "entry"),
    [(p, e) for p, e in ENTRIES if e["kind"] == "bounce"],
    ids=[p for p, e in ENTRIES if e["kind"] == "bounce"],
)
def test_bounce_names_its_recipient_and_status(path: str, entry: dict[str, Any]) -> None:
    """The expected recipient and status are written in the message itself, not invented."""
    msg = BytesParser(policy=policy.compat32).parsebytes((CORPUS / path).read_bytes())
    text = readable_text(msg)
    assert entry["recipient"] in text
    if entry["status"] is not None:
        assert re.search(rf"(?<![\d.]){re.escape(entry['status'])}(?![\d.]*\d)", text)


@pytest.mark.parametrize(
    ("path", "entry"),
    [(p, e) for p, e in ENTRIES if e["kind"] == "auto_reply"],
    ids=[p for p, e in ENTRIES if e["kind"] == "auto_reply"],
)
def test_out_of_office_dates_fit_the_scenario(path: str, entry: dict[str, Any]) -> None:
    """Sent in late November / December 2026, and back no earlier than it was sent."""
    msg = BytesParser(policy=policy.compat32).parsebytes((CORPUS / path).read_bytes())
    try:
        sent = parsedate_to_datetime(msg["Date"]).date() if msg["Date"] else None
    except (TypeError, ValueError):
        sent = None  # the garbage-Date samples
    if sent is not None:
        assert date(2026, 11, 20) <= sent <= date(2026, 12, 31)
    if sent is not None and entry["return_date"] is not None:
        assert date.fromisoformat(entry["return_date"]) >= sent


def test_generator_reproduces_the_corpus() -> None:
    """The committed files are exactly what tests/support/corpus_gen.py writes."""
    assert corpus_gen.differences(corpus_gen.build()) == []
