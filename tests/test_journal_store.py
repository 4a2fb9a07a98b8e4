"""Schema version 3 (issue 15): a real version-2 database, made by the release before it
(tests/data/store-v2/make_store_v2.py), opens with everything in it kept and gains the
new tables; reflections, thank-yous and answer texts are stored whole."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feedback_mailer.store import NewReflection, Point, Reply, open_store
from feedback_mailer.store.schema import SCHEMA_VERSION
from feedback_mailer.store.states import PointKind, ReplyKind, ThankYouStatus

V2_DATABASE = Path(__file__).parent / "data" / "store-v2" / "store-v2.sqlite3"
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
OLD_TABLES = ("requests", "follow_ups", "messages", "replies", "events", "scan_state")


def copy_of_v2(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "feedback-mailer.sqlite3"
    path.parent.mkdir(mode=0o700)
    shutil.copyfile(V2_DATABASE, path)
    path.chmod(0o600)
    return path


def rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as raw:
        return raw.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


def schema(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as raw:
        return raw.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
        ).fetchall()


def test_the_fixture_is_a_version_2_database_with_data(tmp_path: Path) -> None:
    # A copy: even a reader of a WAL database leaves side files beside it.
    with sqlite3.connect(copy_of_v2(tmp_path)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 2
        statuses = {row[0] for row in raw.execute("SELECT status FROM requests")}
        kinds = {row[0] for row in raw.execute("SELECT kind FROM replies")}
    assert statuses == {"answered", "closed", "bounced", "failed", "awaiting"}
    assert kinds == {"answer", "auto_reply", "bounce_hard", "possible_answer"}


def test_a_version_2_database_keeps_everything_and_gains_the_new_tables(tmp_path: Path) -> None:
    path = copy_of_v2(tmp_path)
    before = {table: rows(path, table) for table in OLD_TABLES}
    with open_store(path) as store:
        requests = store.list_requests()
        assert [r.company for r in requests] == [
            "Acme Corp",
            "Globex",
            "Initech",
            "Umbrella",
            "Hooli",
            "Société Générale",
        ]
        assert all(r.language == "en" for r in requests)
        assert all(r.greet is None for r in requests)  # no --greet was stored then
        assert store.get_request(1).reply_excerpt == (
            "Your system design answer stayed at a high level."
        )
        assert store.get_request(2).follow_up.status == "sent"
        assert [m.kind for m in store.messages(2)] == ["request", "follow_up"]
        assert store.replies(1)[0].body is None
        assert store.reflections() == []
        assert store.thank_you(1) is None
        assert store.scan_state("INBOX") is not None
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    assert {"thank_yous", "reflections", "reflection_points", "point_tags", "rejections"} <= tables
    # The old rows are all there, unchanged but for the new columns at their ends.
    for table in ("follow_ups", "events", "scan_state", "messages"):
        assert rows(path, table) == before[table], table
    assert [row[:-2] for row in rows(path, "requests")] == before["requests"]
    assert {row[-2:] for row in rows(path, "requests")} == {("en", None)}  # language, greet
    assert [row[:-1] for row in rows(path, "replies")] == before["replies"]
    # A migrated database has exactly the schema of a new one.
    fresh = tmp_path / "fresh.sqlite3"
    open_store(fresh).close()
    assert schema(path) == schema(fresh)


def test_a_migrated_database_takes_the_new_records(tmp_path: Path) -> None:
    path = copy_of_v2(tmp_path)
    with open_store(path) as store:
        acme = store.get_request(1)
        with store.transaction() as tx:
            tx.start_thank_you(
                acme,
                NOW,
                message_id="<thanks1@example.com>",
                in_reply_to="<answer-1@mail.example>",
                recipient=acme.contact_email,
                raw=b"Subject: Re: x\r\n\r\nThank you\r\n",
            )
        with store.transaction() as tx:
            assert tx.set_thank_you(
                acme.id, ThankYouStatus.SENT, NOW, expected=(ThankYouStatus.SENDING,)
            )
        thanks = store.thank_you(acme.id)
        assert thanks is not None and thanks.status == "sent" and thanks.sent_at == NOW
        assert [m.kind for m in store.messages(acme.id)] == ["request", "thank_you"]
        assert store.requests_for_message_ids(["<thanks1@example.com>"]) == {
            "<thanks1@example.com>": 1
        }
        with store.transaction() as tx:
            reflection_id = tx.save_reflection(
                None,
                NewReflection(
                    request_id=acme.id,
                    company=acme.company,
                    role=acme.role,
                    interview_date=acme.interview_date,
                    feedback="Your system design answer stayed at a high level.",
                    notes=None,
                    points=(
                        Point(PointKind.WENT_WELL, "rapport with the panel"),
                        Point(PointKind.IMPROVE, "go deeper #system-design", ("system-design",)),
                    ),
                ),
                NOW,
            )
        saved = store.reflection_for_request(acme.id)
        assert saved is not None and saved.id == reflection_id
        assert saved.points[1].tags == ("system-design",)
        assert store.tag_counts() == {"system-design": 1}
        kinds = [event.kind for event in store.events(acme.id)]
        assert kinds[-3:] == ["thank_you", "thank_you", "reflection"]


def test_a_reflection_is_replaced_whole_and_every_version_stays_in_the_history(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path / "db.sqlite3") as store:
        note = NewReflection(
            request_id=None,
            company="Acme",
            role="PM",
            interview_date="2026-11-18",
            feedback=None,
            notes="first",
            points=(
                Point(
                    PointKind.IMPROVE, "salary talk #salary #negotiation", ("negotiation", "salary")
                ),
            ),
        )
        with store.transaction() as tx:
            reflection_id = tx.save_reflection(None, note, NOW)
        assert store.standalone_reflection("acme", "pm", "2026-11-18") is not None
        assert store.standalone_reflection("Acme", None, "2026-11-18") is None
        with store.transaction() as tx:
            tx.save_reflection(
                reflection_id,
                note._replace(notes="second", points=(Point(PointKind.WENT_WELL, "calm"),)),
                NOW,
            )
        saved = store.reflection(reflection_id)
        assert saved.notes == "second"
        assert saved.points == (Point("went_well", "calm", ()),)
        assert store.tag_counts() == {}
    with sqlite3.connect(tmp_path / "db.sqlite3") as raw:
        history = [row[0] for row in raw.execute("SELECT detail FROM events ORDER BY id")]
    assert len(history) == 2 and '"first"' in history[0] and '"second"' in history[1]


def test_an_answer_keeps_its_text(tmp_path: Path) -> None:
    path = copy_of_v2(tmp_path)
    with open_store(path) as store, store.transaction() as tx:
        tx.insert_reply(
            Reply(
                request_id=5,
                kind=ReplyKind.ANSWER,
                key="<a5@hooli.example>",
                folder="INBOX",
                uid=7,
                message_id="<a5@hooli.example>",
                from_addr="gavin@hooli.example",
                date=NOW,
                subject="Re: Feedback",
                excerpt="Thanks for asking",
                detail={},
                found_at=NOW,
                body="Thanks for asking.\n\nMore examples next time.\n",
            )
        )
    with open_store(path) as store:
        assert store.replies(5)[-1].body == "Thanks for asking.\n\nMore examples next time.\n"


@pytest.mark.parametrize("status", ["sending", "sent", "failed", "unknown", "skipped"])
def test_a_thank_you_status_outside_the_vocabulary_is_refused(tmp_path: Path, status: str) -> None:
    path = tmp_path / "db.sqlite3"
    open_store(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO requests (company, contact_email, template, subject, status, "
            "created_at, message_id, recipient_tz) VALUES ('A', 'a@b.example', 'formal', 's', "
            "'answered', '2026-01-01T00:00:00Z', '<m@x>', 'UTC')"
        )
        raw.execute("INSERT INTO thank_yous (request_id, status) VALUES (1, ?)", (status,))
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute("UPDATE thank_yous SET status = 'maybe' WHERE request_id = 1")
