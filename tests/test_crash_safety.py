"""At most once, even when the process dies: the installed `send --yes` and `run` are
SIGKILLed at random moments while a real aiosmtpd server is slow to answer DATA.

The server records each message *before* its delayed "250", so a kill during the
delay leaves the worst case: the message was delivered, the client never learnt it.
After every kill the database must tell the truth (or admit it does not know), never
hold a message twice, keep a complete history, and pass SQLite's integrity check; a
later `run`, well past the 15-minute stale threshold, must never send again anything
whose outcome was unknown.

Seeded (random.Random(20261122)); the first trial of each test runs undisturbed and
times itself, then the kill delays of the others are stratified from 0 to a quarter
past that (at least 1.5 s for `send`, 2 s for `run`, with delay_data(0.3)). Each trial
has a fresh database; the SMTP server, config and keyring are shared.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.certs import TlsMaterial
from support.scenarios import ALL_WEEK, STALE_AFTER, at, configure, send_argv, soon
from support.smtp_server import ReceivedMessage, SmtpServer
from support.world import COMMAND, World, faketime_env

SEED = 20261122
DATA_DELAY = 0.3  # seconds the server waits before answering the end of DATA
RECOVERY_AFTER = 3 * STALE_AFTER  # "well past" the stale threshold
SEND_TRIALS, SENDS_PER_TRIAL, SEND_KILL_SPAN = 16, 2, 1.5
RUN_TRIALS, DUE_PER_TRIAL, RUN_KILL_SPAN = 16, 3, 2.0


def stratified_delays(rng: random.Random, count: int, span: float) -> list[float]:
    """`count` kill delays in [0, span): one in each equal slice, in random order."""
    delays = [(i + rng.random()) * span / count for i in range(count)]
    rng.shuffle(delays)
    return delays


@pytest.fixture(scope="module")
def slow_server(tls_material: TlsMaterial) -> Iterator[SmtpServer]:
    """One STARTTLS + AUTH server for every trial of the module (faults cleared between)."""
    with SmtpServer(tls_material, mode="starttls") as server:
        yield server


@pytest.fixture
def crash_world(world: World, slow_server: SmtpServer, tls_material: TlsMaterial) -> World:
    slow_server.clear_faults()
    return configure(world, slow_server, tls_material, follow_up=ALL_WEEK)


# --- driving and killing the installed command ------------------------------------------


@dataclass
class Victim:
    process: subprocess.Popen[str]
    delay: float | None  # None: left to finish (the calibration trial)
    killed: bool = False
    stdout: str = ""
    stderr: str = ""


def start(world: World, db: Path, args: Sequence[str], faketime: str | None = None) -> Victim:
    fake = faketime_env(faketime) if faketime is not None else {}
    process = subprocess.Popen(
        [str(COMMAND), *args],
        env={**world.env, **fake, "FEEDBACK_MAILER_DB": str(db)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, killed whole
    )
    return Victim(process, delay=None)


def kill_on_schedule(victims: Sequence[Victim], started: float) -> float:
    """SIGKILL each victim's whole process group `delay` seconds after `started`;
    returns how long the slowest victim lived."""
    for victim in sorted(victims, key=lambda v: v.delay or 0.0):
        if victim.delay is None:
            continue
        pause = started + victim.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        if victim.process.poll() is None:
            try:
                os.killpg(victim.process.pid, signal.SIGKILL)
                victim.killed = True
            except ProcessLookupError:
                pass  # it finished in the meantime
    for victim in victims:
        victim.stdout, victim.stderr = victim.process.communicate(timeout=60)
        if not victim.killed:
            assert victim.process.returncode == 0, victim.stderr
        assert "Traceback" not in victim.stderr, victim.stderr
    return time.monotonic() - started


def kill_span(minimum: float, calibration: float) -> float:
    """Kill delays run from 0 to past the end of an undisturbed send, however slow the
    machine: at least `minimum`, and a quarter longer than the calibration trial took."""
    return max(minimum, 1.25 * calibration)


def settle(server: SmtpServer, seen: int) -> list[ReceivedMessage]:
    """The messages that arrived since `seen`, once the server has processed everything
    a dead client managed to write (bytes already in its socket)."""
    time.sleep(0.2)
    return server.messages[seen:]


# --- reading and auditing a trial's database ---------------------------------------------


@dataclass
class Row:
    id: int
    contact: str
    status: str
    message_id: str
    follow_status: str
    follow_message_id: str | None
    follow_reason: str | None


@dataclass
class Audit:
    """What one database says, checked against what the server received."""

    rows: dict[int, Row] = field(default_factory=dict)

    def by_contact(self, contact: str) -> Row | None:
        return next((r for r in self.rows.values() if r.contact == contact), None)


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db, isolation_level=None)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def audit(
    db: Path,
    trial: str,
    received_in_trial: Sequence[ReceivedMessage],
    received_ever: Sequence[ReceivedMessage],
) -> Audit:
    """Every invariant a crash must not break; returns the rows for tallies."""
    if not db.exists():
        assert not received_in_trial, f"{trial}: mail went out without a database"
        return Audit()
    assert _query(db, "PRAGMA integrity_check") == [("ok",)], f"{trial}: integrity_check"
    if not _query(db, "SELECT name FROM sqlite_master WHERE name = 'requests'"):
        assert not received_in_trial, f"{trial}: mail went out before the schema existed"
        return Audit()

    result = Audit()
    for row in _query(
        db,
        "SELECT r.id, r.contact_email, r.status, r.message_id, f.status, f.message_id, f.reason "
        "FROM requests r JOIN follow_ups f ON f.request_id = r.id ORDER BY r.id",
    ):
        result.rows[int(str(row[0]))] = Row(
            int(str(row[0])),
            str(row[1]),
            str(row[2]),
            str(row[3]),
            str(row[4]),
            None if row[5] is None else str(row[5]),
            None if row[6] is None else str(row[6]),
        )
    assert len(result.rows) == _query(db, "SELECT COUNT(*) FROM requests")[0][0], (
        f"{trial}: a request without its follow_ups row"
    )
    stored = {
        str(mid): (int(str(rid)), str(kind))
        for mid, rid, kind in _query(db, "SELECT message_id, request_id, kind FROM messages")
    }
    events: dict[int, list[tuple[str, dict[str, object]]]] = {}
    for request_id, kind, detail in _query(
        db, "SELECT request_id, kind, detail FROM events ORDER BY id"
    ):
        events.setdefault(int(str(request_id)), []).append((str(kind), json.loads(str(detail))))

    # At most once, counted at the server by Message-ID.
    ever = Counter(m.message_id for m in received_ever)
    assert all(n == 1 for n in ever.values()), f"{trial}: delivered twice: {ever.most_common(3)}"
    # Every message that reached the server was committed (with its bytes) before SMTP.
    for message in received_in_trial:
        assert message.message_id in stored, (
            f"{trial}: {message.message_id} reached the server but is not in the database"
        )

    for row in result.rows.values():
        where = f"{trial}, request {row.id} ({row.status}, follow-up {row.follow_status})"
        # The request: its outcome agrees with what the server has.
        delivered = ever[row.message_id]
        if row.status == "awaiting":
            assert delivered == 1, f"{where}: awaiting but the server never received it"
        elif row.status == "failed":
            assert delivered == 0, f"{where}: failed although the server received it"
        else:
            assert row.status in ("sending", "unknown"), where
        assert stored.get(row.message_id) == (row.id, "request"), f"{where}: bytes not stored"

        # Its history is complete: created, then a chain of status and follow-up changes
        # that ends where the rows are.
        history = events.get(row.id, [])
        created = [detail for kind, detail in history if kind == "created"]
        assert len(created) == 1, f"{where}: {len(created)} 'created' events"
        assert created[0]["status"] == "sending" and created[0]["message_id"] == row.message_id
        status, follow = "sending", str(created[0]["follow_up"])
        for kind, detail in history:
            if kind == "status":
                assert detail["old"] == status, f"{where}: status history broken at {detail}"
                status = str(detail["new"])
            elif kind == "follow_up":
                assert detail["old"] == follow, f"{where}: follow-up history broken at {detail}"
                follow = str(detail["new"])
        assert status == row.status, f"{where}: last status event says {status}"
        assert follow == row.follow_status, f"{where}: last follow-up event says {follow}"

        # Its one follow-up: never twice, and `sent` only when the server has it.
        replies = [m for m in received_in_trial if m.message["In-Reply-To"] == row.message_id]
        assert len(replies) <= 1, f"{where}: {len(replies)} follow-ups delivered"
        if row.follow_status == "sent":
            assert len(replies) == 1, f"{where}: follow-up sent but never received"
        elif row.follow_status in ("scheduled", "cancelled", "none"):
            assert not replies, f"{where}: follow-up received but recorded {row.follow_status}"
        if replies:
            assert replies[0].message_id == row.follow_message_id, where
        if row.follow_status in ("sending", "sent"):
            assert row.follow_message_id is not None, where
            assert stored.get(row.follow_message_id) == (row.id, "follow_up"), where
    return result


def recover(world: World, db: Path, when: datetime) -> subprocess.CompletedProcess[str]:
    """A later scheduled `run`, well past the stale threshold, with the server fast again."""
    result = world.run("run", faketime=at(when), extra_env={"FEEDBACK_MAILER_DB": str(db)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result


def tally_line(name: str, trials: int, victims: Counter[str], outcomes: Counter[str]) -> str:
    return (
        f"{name}: {trials} trials, processes {dict(sorted(victims.items()))}, "
        f"outcomes {dict(sorted(outcomes.items()))}"
    )


# --- send --yes, killed at random moments ------------------------------------------------


@pytest.mark.slow
def test_send_killed_at_random_moments_never_delivers_twice(
    crash_world: World, slow_server: SmtpServer, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    delays: list[float] = []
    span = 0.0
    victims_tally: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    recoveries = 0
    for trial in range(SEND_TRIALS):
        name = f"send trial {trial}"
        db = tmp_path / f"send-{trial:02d}.sqlite3"
        slow_server.clear_faults()
        slow_server.delay_data(DATA_DELAY)
        seen = len(slow_server.messages)
        contacts = [f"p{trial}x{n}@company{n}.example" for n in range(SENDS_PER_TRIAL)]
        started = time.monotonic()
        victims = [
            start(crash_world, db, send_argv(to=contact, company=f"Company {trial}-{n}"))
            for n, contact in enumerate(contacts)
        ]
        for victim in victims:
            victim.delay = delays.pop() if trial else None  # trial 0 calibrates
        lived = kill_on_schedule(victims, started)
        if trial == 0:
            span = kill_span(SEND_KILL_SPAN, lived)
            delays = stratified_delays(rng, (SEND_TRIALS - 1) * SENDS_PER_TRIAL, span)
        slow_server.clear_faults()
        in_trial = settle(slow_server, seen)
        victims_tally.update("killed" if v.killed else "finished" for v in victims)

        state = audit(db, name, in_trial, slow_server.messages)
        unknown = []
        for contact in contacts:
            row = state.by_contact(contact)
            if row is None:  # killed before its row was committed: nothing may have gone out
                assert not [m for m in in_trial if contact in m.rcpt_tos], f"{name}: {contact}"
                outcomes["no row (killed before recording)"] += 1
                continue
            delivered = any(m.message_id == row.message_id for m in in_trial)
            if row.status in ("sending", "unknown"):
                unknown.append(row)
                outcomes[f"{row.status}, {'delivered' if delivered else 'not delivered'}"] += 1
            else:
                outcomes[row.status] += 1
        if unknown:
            recoveries += 1
            recover(crash_world, db, datetime.now(UTC) + RECOVERY_AFTER)
            after = audit(
                db, name + " (after a later run)", settle(slow_server, seen), slow_server.messages
            )
            for row in unknown:
                # Never re-sent (the Message-ID count above stays 1 at most); now `unknown`.
                assert after.rows[row.id].status == "unknown", f"{name}: request {row.id}"

    line = tally_line("send --yes", SEND_TRIALS, victims_tally, outcomes)
    line += f", later runs {recoveries}, kill delays 0-{span:.2f} s"
    print(line)
    assert not delays and sum(victims_tally.values()) == SEND_TRIALS * SENDS_PER_TRIAL
    # The trials really covered the dangerous moments, not only before/after a send.
    assert outcomes["sending, delivered"] >= 1, line
    assert outcomes["awaiting"] > SENDS_PER_TRIAL, line
    assert victims_tally["killed"] >= SEND_TRIALS // 2, line


# --- run, killed at random moments while sending due follow-ups --------------------------


def _template_database(world: World, server: SmtpServer, path: Path, sent: datetime) -> None:
    """Three awaiting requests whose follow-ups fall due one day after `sent`."""
    for n in range(DUE_PER_TRIAL):
        result = world.run(
            *send_argv(to=f"contact{n}@firm{n}.example", company=f"Firm {n}"),
            faketime=at(sent + timedelta(seconds=n)),
            extra_env={"FEEDBACK_MAILER_DB": str(path)},
        )
        assert result.returncode == 0, result.stderr
    assert not Path(f"{path}-wal").exists()  # closed cleanly: the file is the whole database
    assert len(server.messages) >= DUE_PER_TRIAL


def _copy_database(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    target.chmod(0o600)


@pytest.mark.slow
def test_run_killed_at_random_moments_never_sends_a_follow_up_twice(
    crash_world: World, slow_server: SmtpServer, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    delays: list[float] = []
    span = 0.0
    sent = soon()
    due_run = sent + timedelta(days=1, minutes=5)
    template = tmp_path / "template.sqlite3"
    _template_database(crash_world, slow_server, template, sent)

    victims_tally: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    recoveries = 0
    for trial in range(RUN_TRIALS):
        name = f"run trial {trial}"
        db = tmp_path / f"run-{trial:02d}.sqlite3"
        _copy_database(template, db)
        slow_server.clear_faults()
        slow_server.delay_data(DATA_DELAY)
        seen = len(slow_server.messages)
        started = time.monotonic()
        victim = start(crash_world, db, ["run"], faketime=at(due_run))
        victim.delay = delays.pop() if trial else None  # trial 0 calibrates
        lived = kill_on_schedule([victim], started)
        if trial == 0:
            span = kill_span(RUN_KILL_SPAN, lived)
            delays = stratified_delays(rng, RUN_TRIALS - 1, span)
        slow_server.clear_faults()
        in_trial = settle(slow_server, seen)
        victims_tally["killed" if victim.killed else "finished"] += 1

        state = audit(db, name, in_trial, slow_server.messages)
        assert len(state.rows) == DUE_PER_TRIAL
        unknown = []
        for row in state.rows.values():
            assert row.status == "awaiting", f"{name}: request {row.id} is {row.status}"
            delivered = any(m.message["In-Reply-To"] == row.message_id for m in in_trial)
            if row.follow_status == "sending":
                unknown.append(row)
                outcomes[f"follow-up sending, {'delivered' if delivered else 'not delivered'}"] += 1
            else:
                outcomes[f"follow-up {row.follow_status}"] += 1
        if unknown:
            recoveries += 1
            recover(crash_world, db, due_run + RECOVERY_AFTER)
            everything = settle(slow_server, seen)
            after = audit(db, name + " (after a later run)", everything, slow_server.messages)
            for row in after.rows.values():
                replies = [m for m in everything if m.message["In-Reply-To"] == row.message_id]
                if row.id in {u.id for u in unknown}:
                    # Still `sending`, now explained; and nothing new went out for it.
                    before = [m for m in in_trial if m.message["In-Reply-To"] == row.message_id]
                    assert replies == before, f"{name}: follow-up of {row.id} sent again"
                    assert row.follow_status == "sending", f"{name}: request {row.id}"
                    assert "stopped before recording" in str(row.follow_reason), row
                else:
                    # What was merely scheduled is completed, once.
                    assert row.follow_status == "sent" and len(replies) == 1, (name, row)

    line = tally_line("run", RUN_TRIALS, victims_tally, outcomes)
    line += f", later runs {recoveries}, kill delays 0-{span:.2f} s"
    print(line)
    assert not delays
    assert outcomes["follow-up sending, delivered"] >= 1, line
    assert outcomes["follow-up sent"] >= 1 and victims_tally["killed"] >= RUN_TRIALS // 3, line
