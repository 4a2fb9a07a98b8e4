"""The SQLite store: state changes with their events, exclusive claims, append-only
history, private files, schema versions, and clear StoreErrors for bad files."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from feedback_mailer.base.errors import NotFoundError, RefusedError, StoreError
from feedback_mailer.lifecycle import follow_ups
from feedback_mailer.lifecycle.delivery import record_request
from feedback_mailer.lifecycle.outcomes import change_status, record_answer
from feedback_mailer.store import (
    OPEN_STATUSES,
    NewRequest,
    Reply,
    ScanState,
    Store,
    open_store,
)
from feedback_mailer.store import database as store_module
from feedback_mailer.store.schema import SCHEMA_VERSION
from feedback_mailer.store.states import REQUEST_TRANSITIONS

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
RAW = (
    b"From: Alex Candidate <alex@example.com>\r\nTo: jane.doe@example.com\r\n"
    b"Subject: Feedback\r\n\r\nThank you.\r\n"
)


def new_request(
    *,
    email: str = "jane.doe@example.com",
    company: str = "Acme Corp",
    message_id: str | None = None,
    follow_up_due: datetime | None = NOW + timedelta(days=7),
    raw: bytes = RAW,
) -> NewRequest:
    return NewRequest(
        company=company,
        role="Program Manager",
        contact_name="Jane Doe",
        contact_email=email,
        template="formal",
        subject="Feedback on my interview",
        message_id=message_id or f"<{random.getrandbits(64)}@example.com>",
        raw=raw,
        recipient_tz="Europe/London",
        interview_date="2026-11-18",
        follow_up_due=follow_up_due,
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "feedback-mailer.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path)
    yield opened
    opened.close()


def kinds(store: Store, request_id: int) -> list[tuple[str, str | None, str | None]]:
    return [(e.kind, e.detail.get("old"), e.detail.get("new")) for e in store.events(request_id)]


def sent(store: Store, request_id: int) -> None:
    change_status(store, request_id, "awaiting", NOW, sent_at=NOW, expected=("sending",))


# --- creating and moving requests ------------------------------------------------------


def test_create_records_sending_with_exact_bytes_and_an_event(store: Store) -> None:
    raw = RAW + bytes(range(256))  # any bytes, kept exactly
    request = record_request(store, new_request(raw=raw), NOW)
    assert request.status == "sending"
    assert request.sent_at is None
    assert request.attempt_at == NOW and request.created_at == NOW
    assert request.follow_up.status == "scheduled"
    assert request.follow_up.due_at == NOW + timedelta(days=7)
    (message,) = store.messages(request.id)
    assert (message.kind, message.message_id, message.raw) == ("request", request.message_id, raw)
    assert store.message(request.id, "request").raw == raw
    (event,) = store.events(request.id)
    assert event.kind == "created"
    assert event.detail["status"] == "sending"
    assert event.detail["message_id"] == request.message_id
    assert event.at == NOW
    assert store.requests_for_message_ids([request.message_id, "<other@x>"]) == {
        request.message_id: request.id
    }
    assert store.get_request(request.id) == request


def test_create_without_follow_up(store: Store) -> None:
    request = record_request(store, new_request(follow_up_due=None), NOW)
    assert request.follow_up.status == "none"
    assert request.follow_up.due_at is None


def test_sending_to_awaiting_records_sent_time_and_an_event(store: Store) -> None:
    request = record_request(store, new_request(), NOW)
    later = NOW + timedelta(seconds=3)
    moved = change_status(
        store, request.id, "awaiting", later, sent_at=later, expected=("sending",)
    )
    assert moved.status == "awaiting"
    assert moved.sent_at == later
    assert kinds(store, request.id) == [("created", None, None), ("status", "sending", "awaiting")]


def test_every_allowed_transition_is_allowed_and_the_rest_refused(db_path: Path) -> None:
    statuses = list(REQUEST_TRANSITIONS)
    with open_store(db_path) as store:
        for old in statuses:
            for new in statuses:
                request = record_request(store, new_request(), NOW, force=True)
                # walk to `old` along allowed edges from `sending`
                path = {
                    "sending": [],
                    "awaiting": ["awaiting"],
                    "failed": ["failed"],
                    "unknown": ["unknown"],
                    "answered": ["answered"],
                    "bounced": ["bounced"],
                    "closed": ["closed"],
                }[old]
                for step in path:
                    change_status(store, request.id, step, NOW)
                events_before = len(store.events(request.id))
                if new in REQUEST_TRANSITIONS[old]:
                    assert change_status(store, request.id, new, NOW).status == new
                    assert len(store.events(request.id)) > events_before
                else:
                    with pytest.raises(RefusedError):
                        change_status(store, request.id, new, NOW)
                    assert store.get_request(request.id).status == old
                    assert len(store.events(request.id)) == events_before


def test_expected_status_guards_against_races(store: Store) -> None:
    request = record_request(store, new_request(), NOW)
    sent(store, request.id)
    with pytest.raises(RefusedError):
        change_status(store, request.id, "failed", NOW, expected=("sending",))
    assert store.get_request(request.id).status == "awaiting"


def test_closing_cancels_the_scheduled_follow_up(store: Store) -> None:
    request = record_request(store, new_request(), NOW)
    sent(store, request.id)
    closed = change_status(store, request.id, "closed", NOW, reason="closed by you")
    assert closed.follow_up.status == "cancelled"
    assert closed.status_reason == "closed by you"


def test_unknown_request_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="999"):
        store.get_request(999)
    with pytest.raises(NotFoundError):
        change_status(store, 999, "closed", NOW)


# --- duplicates ---------------------------------------------------------------------


def test_a_second_open_request_is_refused(store: Store) -> None:
    first = record_request(store, new_request(), NOW)
    for email, company in [
        ("jane.doe@example.com", "Acme Corp"),
        ("Jane.Doe@Example.com", "acme corp"),
        ("jane.doe@example.com", "  Acme Corp "),
    ]:
        with pytest.raises(RefusedError, match=str(first.id)):
            record_request(store, new_request(email=email, company=company), NOW)
    assert [r.id for r in store.list_requests()] == [first.id]
    assert store.find_open_duplicate("JANE.DOE@example.com") == first
    # The same address at a company spelt differently is the same person.
    with pytest.raises(RefusedError, match=str(first.id)):
        record_request(store, new_request(company="Acme Corporation"), NOW)


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES))
def test_every_open_status_blocks_a_duplicate(store: Store, status: str) -> None:
    first = record_request(store, new_request(), NOW)
    if status != "sending":
        change_status(store, first.id, status, NOW)
    with pytest.raises(RefusedError):
        record_request(store, new_request(), NOW)


def test_force_allows_a_duplicate(store: Store) -> None:
    first = record_request(store, new_request(), NOW)
    second = record_request(store, new_request(), NOW, force=True)
    assert second.id != first.id
    assert store.events(second.id)[0].detail["forced"] is True


@pytest.mark.parametrize("status", ["failed", "closed", "answered", "bounced"])
def test_a_finished_request_does_not_block_a_new_one(store: Store, status: str) -> None:
    first = record_request(store, new_request(), NOW)
    if status in ("answered", "bounced"):
        sent(store, first.id)
    change_status(store, first.id, status, NOW)
    assert record_request(store, new_request(), NOW).id != first.id


def test_another_address_is_not_a_duplicate(store: Store) -> None:
    record_request(store, new_request(), NOW)
    record_request(store, new_request(email="john@example.com"), NOW)
    record_request(store, new_request(email="sam@globex.example", company="Globex"), NOW)
    assert len(store.list_requests()) == 3


# --- the follow-up claim ------------------------------------------------------------


def test_claim_follow_up_is_exclusive_across_connections(db_path: Path) -> None:
    with open_store(db_path) as first, open_store(db_path) as second:
        request = record_request(first, new_request(follow_up_due=NOW), NOW)
        sent(first, request.id)
        due = NOW + timedelta(minutes=1)
        assert [r.id for r in second.due_follow_ups(due)] == [request.id]
        assert follow_ups.claim(first, request.id, due, message_id="<f1@example.com>", raw=b"a")
        assert not follow_ups.claim(
            second, request.id, due, message_id="<f2@example.com>", raw=b"b"
        )
        assert not follow_ups.claim(first, request.id, due, message_id="<f3@example.com>", raw=b"c")
        claimed = second.get_request(request.id)
        assert claimed.follow_up.status == "sending"
        assert claimed.follow_up.message_id == "<f1@example.com>"
        stored_follow_ups = [m for m in second.messages(request.id) if m.kind == "follow_up"]
        assert [(m.message_id, m.raw) for m in stored_follow_ups] == [("<f1@example.com>", b"a")]
        assert second.due_follow_ups(due) == []
        finished = follow_ups.finish_sent(second, request.id, due)
        assert finished.follow_up.status == "sent"
        assert finished.follow_up.sent_at == due


def test_claim_refuses_a_follow_up_not_yet_due_or_after_a_reply(store: Store) -> None:
    request = record_request(store, new_request(follow_up_due=NOW + timedelta(days=1)), NOW)
    sent(store, request.id)
    assert not follow_ups.claim(store, request.id, NOW, message_id="<x@example.com>", raw=b"")
    record_answer(
        store,
        request.id,
        NOW,
        replied_at=NOW,
        reply_from="jane.doe@example.com",
        excerpt="Thanks",
        reason="reply found",
    )
    later = NOW + timedelta(days=2)
    assert not follow_ups.claim(store, request.id, later, message_id="<y@example.com>", raw=b"")
    answered = store.get_request(request.id)
    assert answered.status == "answered"
    assert answered.follow_up.status == "cancelled"
    assert store.due_follow_ups(later) == []


def test_follow_up_of_a_request_still_sending_is_not_claimed(store: Store) -> None:
    request = record_request(store, new_request(follow_up_due=NOW), NOW)
    assert not follow_ups.claim(store, request.id, NOW, message_id="<z@example.com>", raw=b"")


# --- replies ------------------------------------------------------------------------


def reply(request_id: int, key: str = "INBOX:1:<r1@corp.example>") -> Reply:
    return Reply(
        request_id=request_id,
        kind="answer",
        key=key,
        folder="INBOX",
        uid=1,
        message_id="<r1@corp.example>",
        from_addr="jane.doe@example.com",
        date=NOW,
        subject="Re: Feedback",
        excerpt="Happy to help",
        detail={"note": "ünïcode"},
        found_at=NOW,
    )


def test_recording_a_reply_is_idempotent(store: Store) -> None:
    request = record_request(store, new_request(), NOW)
    sent(store, request.id)
    assert _record(store, reply(request.id)) is True
    events = len(store.events(request.id))
    assert _record(store, reply(request.id)) is False
    assert len(store.events(request.id)) == events
    (stored,) = store.replies(request.id)
    assert stored == reply(request.id)
    assert _record(store, reply(request.id, key="INBOX:2:<r2@corp.example>")) is True
    assert len(store.replies(request.id)) == 2


def test_reply_recorded_by_another_connection_is_not_recorded_twice(db_path: Path) -> None:
    with open_store(db_path) as first, open_store(db_path) as second:
        request = record_request(first, new_request(), NOW)
        assert _record(first, reply(request.id))
        assert not _record(second, reply(request.id))
        assert len(second.replies(request.id)) == 1


# --- events are append-only --------------------------------------------------------


def test_events_cannot_be_updated_or_deleted(store: Store, db_path: Path) -> None:
    request = record_request(store, new_request(), NOW)
    sent(store, request.id)
    before = store.events(request.id)
    raw = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            raw.execute("UPDATE events SET kind = 'forged'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            raw.execute("DELETE FROM events")
        raw.rollback()
    finally:
        raw.close()
    assert store.events(request.id) == before


def test_notes_are_added_to_the_history(store: Store) -> None:
    request = record_request(store, new_request(), NOW)
    store.note(request.id, NOW, "phoned; she will write")
    assert store.events(request.id)[-1].detail == {"text": "phoned; she will write"}
    with pytest.raises(NotFoundError):
        store.note(12345, NOW, "x")


# --- files, schema and bad databases -------------------------------------------------


def test_database_file_is_private_even_with_a_permissive_umask(db_path: Path) -> None:
    old = os.umask(0)
    try:
        with open_store(db_path) as store:
            record_request(store, new_request(), NOW)
            for path in [db_path, *db_path.parent.glob(db_path.name + "-*")]:
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        os.umask(old)


def test_schema_version_is_recorded(store: Store, db_path: Path) -> None:
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    finally:
        raw.close()
    assert {"requests", "follow_ups", "messages", "replies", "events", "scan_state"} <= tables
    assert SCHEMA_VERSION >= 1


def test_reopening_keeps_everything(db_path: Path) -> None:
    with open_store(db_path) as store:
        request = record_request(store, new_request(), NOW)
        sent(store, request.id)
        with store.transaction() as tx:
            tx.save_scan_state(ScanState("INBOX", 7, 42), NOW)
    with open_store(db_path, create=False) as store:
        assert store.get_request(request.id).status == "awaiting"
        assert store.scan_state("INBOX") == ScanState("INBOX", 7, 42)
        assert store.integrity_ok()


def test_open_without_create_does_not_make_a_file(db_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_store(db_path, create=False)
    assert not db_path.exists()


def _newer_database(path: Path, *, wal: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path)
    try:
        if wal:
            raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("CREATE TABLE future (x)")
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        raw.commit()
    finally:
        raw.close()


def test_a_newer_wal_database_is_refused_untouched(db_path: Path) -> None:
    _newer_database(db_path, wal=True)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer") as caught:
        open_store(db_path)
    assert str(db_path) in str(caught.value)
    assert db_path.read_bytes() == before


def test_a_newer_rollback_journal_database_is_refused_untouched(db_path: Path) -> None:
    _newer_database(db_path, wal=False)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        open_store(db_path)
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        random.Random(1).randbytes(8192),
        random.Random(2).randbytes(100),
        b"SQLite format 3\x00" + random.Random(3).randbytes(4080),
        b"hello, I am a text file\n",
    ],
    ids=["random-8k", "random-100", "sqlite-header-then-garbage", "text"],
)
def test_a_corrupt_file_is_a_store_error_and_left_untouched(db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_store(db_path)
    assert str(db_path) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert db_path.read_bytes() == content


def test_a_locked_database_is_a_store_error_saying_locked(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    with open_store(db_path) as store:
        holder = sqlite3.connect(db_path, isolation_level=None)
        try:
            holder.execute("BEGIN EXCLUSIVE")
            with pytest.raises(StoreError, match="locked") as caught:
                record_request(store, new_request(), NOW)
            assert str(db_path) in str(caught.value)
            holder.execute("ROLLBACK")
        finally:
            holder.close()
        # once released, the same store writes normally
        assert record_request(store, new_request(), NOW).status == "sending"


def test_opening_a_database_locked_during_migration_is_a_store_error(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    db_path.parent.mkdir(parents=True)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("PRAGMA journal_mode = WAL")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("CREATE TABLE placeholder (x)")
        with pytest.raises(StoreError, match="locked"):
            open_store(db_path)
        holder.execute("ROLLBACK")
    finally:
        holder.close()


def test_integrity_ok(store: Store) -> None:
    record_request(store, new_request(), NOW)
    assert store.integrity_ok() is True


def test_list_filters_by_status(store: Store) -> None:
    a = record_request(store, new_request(company="A", email="a@a.example"), NOW)
    b = record_request(store, new_request(company="B", email="b@b.example"), NOW)
    sent(store, b.id)
    c = record_request(store, new_request(company="C", email="c@c.example"), NOW)
    change_status(store, c.id, "failed", NOW)
    assert [r.id for r in store.list_requests()] == [a.id, b.id, c.id]
    assert [r.id for r in store.list_requests(["awaiting"])] == [b.id]
    assert [r.id for r in store.list_requests(list(OPEN_STATUSES))] == [a.id, b.id]


def test_a_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE notes (text TEXT)")
        other.execute("INSERT INTO notes VALUES ('mine')")
    other.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        open_store(path)
    assert path.read_bytes() == before


def test_first_opens_at_the_same_moment_all_succeed(tmp_path: Path) -> None:
    """Cron's `run` and a manual `send` on a brand-new database: neither may fail
    'locked' (SQLite applies no busy timeout to the switch to WAL)."""
    import subprocess
    import sys
    import time

    for trial in range(6):
        path = tmp_path / f"race-{trial}.sqlite3"
        start_at = time.time() + 0.5
        code = (
            "import time\nfrom pathlib import Path\nfrom feedback_mailer.store import open_store\n"
            f"time.sleep(max(0.0, {start_at} - time.time()))\n"
            f"with open_store(Path({str(path)!r})) as store:\n    store.list_requests(None)\n"
        )
        processes = [
            subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
            for _ in range(4)
        ]
        for process in processes:
            _, err = process.communicate(timeout=60)
            assert process.returncode == 0, err


def _record(store: Store, found: Reply) -> bool:
    with store.transaction() as tx:
        return tx.insert_reply(found)
