"""The SQLite database: one connection, reads, and write transactions.

All SQL lives in this package. The store keeps integrity (one transaction
per change, allowed transitions from `states`, an append-only `events` row
for every change, triggers) but decides nothing: which change a request
gets, and when, is the lifecycle's (README, "Guarantees"). Writers take the
lock up front (`BEGIN IMMEDIATE`) so concurrent `run`s serialise instead of
racing.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from feedback_mailer.base.errors import NotFoundError, StoreError
from feedback_mailer.store import rows
from feedback_mailer.store.records import (
    Event,
    Point,
    Reflection,
    Reply,
    Request,
    ScanState,
    StoredMessage,
    StoredRejection,
    ThankYou,
    from_iso,
    iso,
)
from feedback_mailer.store.schema import MIGRATIONS, SCHEMA_VERSION
from feedback_mailer.store.states import (
    OPEN_STATUSES,
    FollowUpStatus,
    Status,
    sql_list,
)
from feedback_mailer.store.transaction import Transaction, not_found, rejection_not_found

BUSY_TIMEOUT_MS = 10_000
_OPEN = sql_list(OPEN_STATUSES)


def _create_private_file(path: Path) -> None:
    """Create the database file 0600 (its directories 0700) before SQLite does, so
    it is never readable by others, whatever the umask."""
    from feedback_mailer.base.permissions import make_private_dirs

    try:
        make_private_dirs(path.parent)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
    except FileExistsError:
        pass
    except OSError as error:
        raise StoreError(
            f"Cannot create the database {path} ({error.strerror}): fix the directory's "
            "permissions or set FEEDBACK_MAILER_DB to a writable path."
        ) from None


class Store:
    """One open database. Use `open_store()`; close it (or use `with`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # --- plumbing -----------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One write transaction, holding the database lock from its first statement.

        A failure inside is reported as itself: a ROLLBACK that fails too (the
        disk is full, SQLite already rolled back) never hides it.
        """
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None
        try:
            yield Transaction(self._db)
        except sqlite3.Error as error:
            self._rollback()
            raise _translate(error, self.path) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise _translate(error, self.path) from None

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("ROLLBACK")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    def _requests(self, where: str, params: Sequence[Any] = ()) -> list[Request]:
        return [
            rows.request_from_row(row)
            for row in self._read(f"{rows.REQUEST_SELECT} {where}", params)
        ]

    # --- requests -----------------------------------------------------------

    def get_request(self, request_id: int) -> Request:
        found = self._requests("WHERE r.id = ?", (request_id,))
        if not found:
            raise not_found(request_id)
        return found[0]

    def list_requests(self, statuses: Sequence[str] | None = None) -> list[Request]:
        if statuses is None:
            return self._requests("ORDER BY r.id")
        marks = ",".join("?" * len(statuses))
        return self._requests(f"WHERE r.status IN ({marks}) ORDER BY r.id", tuple(statuses))

    def find_open_duplicate(self, contact_email: str) -> Request | None:
        found = self._requests(
            f"WHERE r.contact_email = ? COLLATE NOCASE "
            f"AND r.status IN ({_OPEN}) ORDER BY r.id LIMIT 1",
            (contact_email,),
        )
        return found[0] if found else None

    def note(self, request_id: int, now: datetime, text: str) -> None:
        with self.transaction() as tx:
            tx.get(request_id)
            tx.event(request_id, now, "note", text=text)

    def events(self, request_id: int) -> list[Event]:
        found = self._read(
            "SELECT id, request_id, at, kind, detail FROM events WHERE request_id = ? ORDER BY id",
            (request_id,),
        )
        return [rows.event_from_row(row) for row in found]

    def messages(self, request_id: int) -> list[StoredMessage]:
        found = self._read(
            "SELECT request_id, kind, message_id, raw, created_at FROM messages "
            "WHERE request_id = ? ORDER BY id",
            (request_id,),
        )
        return [rows.message_from_row(row) for row in found]

    def message(self, request_id: int, kind: str) -> StoredMessage:
        # The newest of its kind: a follow-up released after a refusal is claimed again later.
        for stored in reversed(self.messages(request_id)):
            if stored.kind == kind:
                return stored
        raise NotFoundError(f"Request {request_id} has no stored {kind} message.")

    def stale_sending(self, before: datetime) -> list[Request]:
        """Requests and follow-ups whose sending began before `before` and never finished."""
        return self._requests(
            "WHERE (r.status = ? AND r.attempt_at < ?) "
            "OR (f.status = ? AND f.claimed_at < ? AND f.reason IS NULL) ORDER BY r.id",
            (Status.SENDING.value, iso(before), FollowUpStatus.SENDING.value, iso(before)),
        )

    def due_follow_ups(self, now: datetime) -> list[Request]:
        """Scheduled follow-ups due by `now` of requests still awaiting an answer."""
        return self._requests(
            "WHERE f.status = ? AND f.due_at <= ? AND r.status = ? ORDER BY f.due_at, r.id",
            (FollowUpStatus.SCHEDULED.value, iso(now), Status.AWAITING.value),
        )

    def awaiting_without_pending_follow_up(self) -> list[Request]:
        """Awaiting requests whose follow-up is sent, cancelled or was never planned."""
        return self._requests(
            "WHERE r.status = ? AND f.status IN (?, ?, ?) ORDER BY r.id",
            (
                Status.AWAITING.value,
                FollowUpStatus.SENT.value,
                FollowUpStatus.CANCELLED.value,
                FollowUpStatus.NONE.value,
            ),
        )

    # --- replies ------------------------------------------------------------

    def requests_for_message_ids(self, message_ids: Iterable[str]) -> dict[str, int]:
        """Which of these Message-IDs we sent (requests and follow-ups) → request id.

        Indexed look-ups in chunks: the cost follows the number of IDs asked
        about, not the number of messages ever sent.
        """
        wanted = list(message_ids)
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            named = self._read(
                f"SELECT message_id, request_id FROM messages WHERE message_id IN ({marks})", chunk
            )
            found.update((row["message_id"], row["request_id"]) for row in named)
        return found

    def replies(self, request_id: int) -> list[Reply]:
        found = self._read(
            f"SELECT {rows.REPLY_COLUMNS} FROM replies WHERE request_id = ? ORDER BY id",
            (request_id,),
        )
        return [rows.reply_from_row(row) for row in found]

    def request_ids_with_reply(self, kind: str) -> set[int]:
        """The requests for which at least one message of this kind was found."""
        found = self._read("SELECT DISTINCT request_id FROM replies WHERE kind = ?", (kind,))
        return {row["request_id"] for row in found}

    # --- thank-yous and reflections ---------------------------------------

    def thank_you(self, request_id: int) -> ThankYou | None:
        try:
            return rows.thank_you(self._db, request_id)
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    def thank_yous(self) -> dict[int, ThankYou]:
        found = self._read(f"SELECT {rows.THANK_YOU_COLUMNS} FROM thank_yous")
        return {row["request_id"]: rows.thank_you_from_row(row) for row in found}

    def answered_not_thanked(self, since: datetime) -> list[Request]:
        """Requests answered since `since` with no thank-you sent, tried or declined."""
        return self._requests(
            "WHERE r.replied_at >= ? AND r.status IN (?, ?) "
            "AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.request_id = r.id) "
            "ORDER BY r.replied_at DESC, r.id",
            (iso(since), Status.ANSWERED.value, Status.CLOSED.value),
        )

    def reflection(self, reflection_id: int) -> Reflection:
        found = self._reflections("WHERE id = ?", (reflection_id,))
        if not found:
            raise NotFoundError(
                f"There is no reflection {reflection_id}: `feedback-mailer review` lists them."
            )
        return found[0]

    def reflection_for_request(self, request_id: int) -> Reflection | None:
        found = self._reflections("WHERE request_id = ?", (request_id,))
        return found[0] if found else None

    def standalone_reflection(
        self, company: str, role: str | None, interview_date: str | None
    ) -> Reflection | None:
        """The note on an interview without a request, by company, role and date."""
        found = self._reflections(
            "WHERE request_id IS NULL AND company = ? COLLATE NOCASE "
            "AND COALESCE(role, '') = ? COLLATE NOCASE AND COALESCE(interview_date, '') = ? "
            "ORDER BY id DESC LIMIT 1",
            (company.strip(), role or "", interview_date or ""),
        )
        return found[0] if found else None

    def reflections(self) -> list[Reflection]:
        return self._reflections("ORDER BY id")

    def tag_counts(self) -> dict[str, int]:
        """Each tag ever used, with the number of notes it appears in."""
        found = self._read(
            "SELECT t.tag, COUNT(DISTINCT p.reflection_id) AS notes FROM point_tags t "
            "JOIN reflection_points p ON p.id = t.point_id GROUP BY t.tag"
        )
        return {row["tag"]: row["notes"] for row in found}

    def _reflections(self, where: str, params: Sequence[Any] = ()) -> list[Reflection]:
        found = self._read(f"SELECT {rows.REFLECTION_COLUMNS} FROM reflections {where}", params)
        if not found:
            return []
        ids = [row["id"] for row in found]
        points: dict[int, list[Point]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            point_rows = self._read(
                "SELECT p.reflection_id, p.kind, p.text, "
                "(SELECT group_concat(tag, ' ') FROM (SELECT tag FROM point_tags "
                "WHERE point_id = p.id ORDER BY tag)) AS tags "
                f"FROM reflection_points p WHERE p.reflection_id IN ({marks}) "
                "ORDER BY p.reflection_id, p.position",
                chunk,
            )
            for row in point_rows:
                points.setdefault(row["reflection_id"], []).append(rows.point_from_row(row))
        return [rows.reflection_from_row(row, tuple(points.get(row["id"], ()))) for row in found]

    # --- rejections -----------------------------------------------------------

    def rejection(self, rejection_id: int) -> StoredRejection:
        found = self._read(
            f"SELECT {rows.REJECTION_COLUMNS} FROM rejections WHERE id = ?", (rejection_id,)
        )
        if not found:
            raise rejection_not_found(rejection_id)
        return rows.rejection_from_row(found[0])

    def rejections(self, statuses: Sequence[str] | None = None) -> list[StoredRejection]:
        """Newest first (by arrival, then by when it was found)."""
        where = ""
        params: tuple[str, ...] = ()
        if statuses is not None:
            where = f"WHERE status IN ({','.join('?' * len(statuses))})"
            params = tuple(statuses)
        found = self._read(
            f"SELECT {rows.REJECTION_COLUMNS} FROM rejections {where} "
            "ORDER BY COALESCE(received, found_at) DESC, id DESC",
            params,
        )
        return [rows.rejection_from_row(row) for row in found]

    def known_rejections(self, message_ids: Iterable[str]) -> set[str]:
        """Which of these keys are recorded rejections already (indexed, in chunks)."""
        wanted = list(message_ids)
        known: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            named = self._read(
                f"SELECT message_id FROM rejections WHERE message_id IN ({marks})", chunk
            )
            known.update(row["message_id"] for row in named)
        return known

    def has_scanned(self) -> bool:
        """Whether any folder was ever scanned: the first scan looks back further."""
        return bool(self._read("SELECT 1 FROM scan_state LIMIT 1"))

    # --- IMAP scan state ----------------------------------------------------

    def scan_state(self, folder: str) -> ScanState | None:
        found = self._read(
            "SELECT folder, uidvalidity, last_uid FROM scan_state WHERE folder = ?", (folder,)
        )
        return rows.scan_state_from_row(found[0]) if found else None

    def oldest_open_sent_at(self) -> datetime | None:
        found = self._read(
            "SELECT MIN(COALESCE(sent_at, created_at)) AS oldest FROM requests "
            f"WHERE status IN ({_OPEN})"
        )
        return from_iso(found[0]["oldest"]) if found and found[0]["oldest"] else None

    def integrity_ok(self) -> bool:
        return bool(self._read("PRAGMA integrity_check")[0]["integrity_check"] == "ok")


def _translate(error: sqlite3.Error, path: Path) -> StoreError:
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreError(
            f"The database {path} is locked by another feedback-mailer process: "
            "wait for it to finish and try again."
        )
    if isinstance(error, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    ):
        return StoreError(
            f"The database {path} is damaged or not a feedback-mailer database ({text}); it was "
            "left untouched: move it aside or restore a backup, or set FEEDBACK_MAILER_DB."
        )
    return StoreError(f"The database {path} failed: {text}.")


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch a new database to WAL (persistent), waiting for other processes.

    The switch needs the database to itself and SQLite does not apply the busy
    timeout to it, so two first commands at once (cron and a manual `send`)
    would see "database is locked" at once without this retry.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _refuse_newer_schema(db: sqlite3.Connection, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The database {path} was written by a newer feedback-mailer (schema {version}, "
            f"this one knows {SCHEMA_VERSION}); it was left untouched: upgrade feedback-mailer "
            "to use it."
        )


# Tables every schema version has had since the first, and columns that only
# feedback-mailer's `requests` table combines: a file with a version but
# without them was written by another program.
_OUR_TABLES = frozenset({"requests", "follow_ups", "messages", "replies", "events", "scan_state"})
_OUR_REQUEST_COLUMNS = frozenset({"contact_email", "message_id", "recipient_tz"})


def _refuse_foreign_database(db: sqlite3.Connection, path: Path) -> None:
    """A file that is not ours is never written to: a version 0 file with tables,
    or a versioned one without our tables, belongs to another program."""
    # One read transaction, so a concurrent first run's migration is seen
    # whole or not at all (tables without their version would look foreign).
    db.execute("BEGIN")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            row["name"] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        has_entries = db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
        columns = {row["name"] for row in db.execute("PRAGMA table_info(requests)")}
    finally:
        db.execute("COMMIT")
    ours = tables >= _OUR_TABLES and columns >= _OUR_REQUEST_COLUMNS
    if (version == 0 and has_entries) or (version > 0 and not ours):
        raise StoreError(
            f"{path} is an SQLite database of another program; it was left untouched: set "
            "FEEDBACK_MAILER_DB to another path."
        )


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    _refuse_newer_schema(db, path)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    while version < SCHEMA_VERSION:
        db.execute("BEGIN IMMEDIATE")
        # Re-read inside the lock: a concurrent process may have migrated already.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            db.execute("COMMIT")
            break
        try:
            for statement in MIGRATIONS[version].split(";\n"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        version += 1


DATABASE = "The database"
DATA_DIRECTORY = "The data directory"
_SIDE_FILES = ("-wal", "-shm", "-journal")


def permission_problem(path: Path) -> str | None:
    """A sentence when the database, its directory or SQLite's side files could
    be changed by another user, or the path is a symbolic link to nothing
    (following it would create a file elsewhere, readable by others)."""
    from feedback_mailer.base.permissions import dangling_link_problem, file_problem

    problem = dangling_link_problem(path, DATABASE) or file_problem(path, DATABASE, DATA_DIRECTORY)
    if problem:
        return problem
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        problem = file_problem(side, f"{DATABASE}'s file", DATA_DIRECTORY)
        if problem:
            return problem
    return None


def _cannot_write(path: Path, error: sqlite3.Error) -> StoreError | None:
    """A sentence with the fix when SQLite cannot write the file or its directory."""
    text = str(error)
    if "unable to open" not in text and "readonly" not in text:
        return None
    directory = path.parent
    if not os.access(directory, os.W_OK | os.X_OK):
        fix = f"make its directory writable for you (`chmod u+rwx {directory}`)"
    elif path.exists() and not os.access(path, os.R_OK | os.W_OK):
        fix = f"make it writable for you (`chmod u+rw {path}`)"
    else:
        fix = f"check that you can write {path} and its directory"
    return StoreError(
        f"The database {path} cannot be opened for writing ({text}): {fix}, or set "
        "FEEDBACK_MAILER_DB to a writable path."
    )


def open_store(path: Path, *, create: bool = True) -> Store:
    """Open (creating 0600 when allowed) and migrate the database at `path`.

    Refused before anything is opened: a database, directory or side file that
    another user owns or can write, and a symbolic link to nothing.
    """
    problem = permission_problem(path)
    if problem:
        raise StoreError(problem)
    if not path.exists():
        if not create:
            raise StoreError(f"There is no database at {path} yet: send a request first.")
        _create_private_file(path)
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise _cannot_write(path, error) or _translate(error, path) from None
    try:
        db.row_factory = sqlite3.Row  # rows are read by column name (store/rows.py)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        # Before anything could write to a file we do not know.
        _refuse_newer_schema(db, path)
        _refuse_foreign_database(db, path)
        _use_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db, path)
    except sqlite3.Error as error:
        db.close()
        raise _cannot_write(path, error) or _translate(error, path) from None
    except BaseException:
        db.close()
        raise
    return Store(db, path)
