"""The rejection corpus itself: files and labels agree, every label is read from its message.

tests/data/rejections/<family>/NNN-slug.eml and expected.json are written by
tests/support/rejection_corpus_gen.py (its docstring describes the format). Nothing here uses
the reader of rejections: this keeps the set it is measured against broad and truthful.
"""

from __future__ import annotations

import email
import html
import json
import re
from collections import Counter
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any

import pytest
from support import rejection_corpus_gen as gen

ROOT = Path(__file__).parent / "data" / "rejections"
MAIN_LANGUAGES = ("en", "de", "fr", "es", "nl")
MORE_LANGUAGES = ("it", "pt", "pl", "sv")
NEAR_MISSES = set(gen.FAMILIES) - {"rejection"}
BASE_KEYS = {"rejection", "family", "language", "stage"}
REJECTION_KEYS = BASE_KEYS | {
    "company",
    "role",
    "contact",
    "contact_name",
    "feedback",
    "feedback_quote",
    "nobody",
}
NO_REPLY = re.compile(r"no-?reply|do-?not-?reply|donotreply|ne-?pas-?repondre|nicht-?antworten")
ADDRESS = re.compile(r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}")


def load() -> dict[str, dict[str, Any]]:
    data = json.loads((ROOT / "expected.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


MANIFEST = load()
ENTRIES = sorted(MANIFEST.items())
REJECTIONS = [(p, e) for p, e in ENTRIES if e["rejection"]]


def parse(path: str) -> EmailMessage:
    msg = email.message_from_bytes((ROOT / path).read_bytes(), policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def readable(msg: EmailMessage) -> str:
    """Subject, sender names and every text part as a reader sees it, whitespace collapsed."""
    chunks = [str(msg["Subject"] or ""), str(msg["From"] or ""), str(msg["Reply-To"] or "")]
    for part in msg.walk():
        if part.get_content_maintype() != "text":
            continue
        assert isinstance(part, EmailMessage)
        text = part.get_content()
        if part.get_content_subtype() == "html":
            text = re.sub(r"(?s)<head>.*?</head>", "", text)
            text = html.unescape(re.sub(r"<[^>]+>", "", text))
        chunks.append(text)
    return " ".join(" ".join(chunks).split())


def addresses_in(msg: EmailMessage) -> set[str]:
    """Every address in From, Reply-To and the decoded parts (mailto: links included)."""
    found = {a.lower() for _, a in getaddresses([str(msg[h] or "") for h in ("From", "Reply-To")])}
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            assert isinstance(part, EmailMessage)
            found |= set(ADDRESS.findall(part.get_content().lower()))
    return found


def test_files_and_manifest_agree() -> None:
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.eml"))
    assert on_disk == sorted(MANIFEST)
    for path in on_disk:
        family, name = path.split("/")
        assert family == MANIFEST[path]["family"]
        assert re.fullmatch(r"\d{3}-[a-z0-9-]+\.eml", name), path


def test_generator_reproduces_the_files() -> None:
    assert gen.differences(gen.build()) == []


@pytest.mark.parametrize("path", sorted(MANIFEST))
def test_message_parses(path: str) -> None:
    msg = parse(path)
    assert msg["From"] is not None and msg["Subject"] is not None and msg["Date"] is not None
    assert msg["To"] is not None
    assert msg["Date"].datetime.year == 2026 and msg["Date"].datetime.month in (11, 12)
    assert readable(msg).strip()


def test_the_set_is_broad() -> None:
    rejections = Counter(e["language"] for _, e in REJECTIONS)
    for lang in MAIN_LANGUAGES:
        assert rejections[lang] >= 15, lang
    for lang in MORE_LANGUAGES:
        assert rejections[lang] >= 2, lang
    near = [e for _, e in ENTRIES if not e["rejection"]]
    assert len(ENTRIES) >= 200
    assert len(near) >= 0.8 * len(REJECTIONS)
    assert {e["family"] for e in near} == NEAR_MISSES
    near_languages = Counter(e["language"] for e in near)
    for lang in (*MAIN_LANGUAGES, *MORE_LANGUAGES):
        assert near_languages[lang] >= 1, lang
    for lang in MAIN_LANGUAGES:
        stances = {e["feedback"] for _, e in REJECTIONS if e["language"] == lang}
        assert stances == set(gen.FEEDBACK), lang
        families = {e["family"] for e in near if e["language"] == lang}
        assert len(families) >= 8, (lang, families)
    assert {e["stage"] for _, e in REJECTIONS} == set(gen.STAGES)
    assert sum(e["contact"] is None for _, e in REJECTIONS) >= 8
    assert sum(e["company"] is None for _, e in REJECTIONS) >= 2


def test_the_shapes_are_broad() -> None:
    types: Counter[str] = Counter()
    charsets: Counter[str] = Counter()
    encodings: Counter[str] = Counter()
    for path in MANIFEST:
        msg = parse(path)
        types[msg.get_content_type()] += 1
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                charsets[part.get_content_charset() or ""] += 1
                encodings[part.get("Content-Transfer-Encoding", "7bit").lower()] += 1
    assert min(types[t] for t in ("text/plain", "text/html", "multipart/alternative")) >= 20
    for charset in ("utf-8", "iso-8859-1", "windows-1252", "iso-8859-15"):
        assert charsets[charset] >= 3, charset
    for cte in ("quoted-printable", "base64", "8bit"):
        assert encodings[cte] >= 10, cte
    raw = [(ROOT / p).read_bytes() for p in MANIFEST]
    assert sum(b"\nMessage-ID:" not in r for r in raw) >= 5
    assert sum(b"?= <" in r or b"Subject: =?" in r for r in raw) >= 10


@pytest.mark.parametrize(("path", "entry"), ENTRIES, ids=[p for p, _ in ENTRIES])
def test_label_is_well_formed(path: str, entry: dict[str, Any]) -> None:
    assert entry["family"] in gen.FAMILIES
    assert entry["language"] in gen.LANGUAGES
    assert entry["rejection"] is (entry["family"] == "rejection")
    if not entry["rejection"]:
        assert set(entry) == BASE_KEYS
        assert entry["stage"] is None
        return
    assert set(entry) == REJECTION_KEYS
    assert entry["stage"] in gen.STAGES
    assert entry["feedback"] in gen.FEEDBACK
    assert (entry["feedback_quote"] is None) == (entry["feedback"] == "none")
    assert (entry["nobody"] is None) == (entry["contact"] is not None)
    for key in ("company", "role", "contact_name", "feedback_quote", "nobody"):
        value = entry[key]
        assert value is None or (isinstance(value, str) and value == value.strip() and value)


@pytest.mark.parametrize(("path", "entry"), REJECTIONS, ids=[p for p, _ in REJECTIONS])
def test_rejection_label_is_read_from_its_message(path: str, entry: dict[str, Any]) -> None:
    msg = parse(path)
    text = readable(msg)
    for key in ("company", "role", "contact_name", "feedback_quote"):
        if entry[key] is not None:
            assert entry[key] in text, f"{key} {entry[key]!r} is not written in the message"
    for ats in ("Greenhouse", "Lever", "Workday", "Ashby", "SmartRecruiters", "Workable"):
        assert entry["company"] != ats
    contact = entry["contact"]
    if contact is not None:
        assert contact == contact.lower() and ADDRESS.fullmatch(contact)
        assert not NO_REPLY.search(contact.split("@")[0]), contact
        assert not contact.endswith("myworkday.com")
        assert contact != gen.USER_ADDRESS
        assert contact in addresses_in(msg)
        assert contact not in str(msg.get("List-Unsubscribe", "")).lower()
