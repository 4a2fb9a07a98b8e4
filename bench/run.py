"""feedback-mailer benchmark: start-up, `list`, `check` and `run`, against real servers,
and the worst case: hostile messages read by the reader of incoming mail.

    python bench/run.py [--json] [--quick] [--requests N] [--messages N] [--open N]
                        [--follow-ups N] [--rounds N]

Sets up everything itself (temporary HOME/XDG dirs and file keyring, a loopback
aiosmtpd with STARTTLS + AUTH, a private Dovecot), reports medians over
interleaved rounds, with start-up figures as ratios to a minimal one-command
click program run by the same interpreter, and prints each goal beside its
figure with met / not met. The exit code is 0 whether or not goals are met;
non-zero only when the benchmark itself fails.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import gc
import imaplib
import itertools
import json
import os
import platform
import pwd
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
for _path in (BENCH_DIR, REPO / "tests"):  # seed.py, and the test suite's real-server helpers
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from seed import OPEN_KINDS, Plan, plan_request, seed_store  # noqa: E402
from support import hostile_mail  # noqa: E402
from support.certs import make_tls_material  # noqa: E402
from support.dovecot import DOVEADM_BINARY, Dovecot, quote  # noqa: E402
from support.smtp_server import SmtpServer  # noqa: E402
from support.world import World, config_text  # noqa: E402

from feedback_mailer.lifecycle import delivery, drafts, follow_ups, recovery, scanning  # noqa: E402
from feedback_mailer.mail import imap  # noqa: E402
from feedback_mailer.mail.classify import classify_bytes  # noqa: E402
from feedback_mailer.mail.smtp import SmtpSession  # noqa: E402
from feedback_mailer.setup.config import Config, load_config  # noqa: E402
from feedback_mailer.store import open_store  # noqa: E402

PYTHON = sys.executable
COMMAND = str(Path(PYTHON).parent / "feedback-mailer")
IMAP_PASSWORD = "bench-imap-pw"
SMTP_USER, SMTP_PASSWORD = "alice", "s3cret"
REPLY_EVERY = 50  # one message in 50 comes from (or bounces for) a request's contact
NEW_MESSAGES = 10
MESSAGE_NUMBERS = itertools.count()

MINIMAL_CLICK = '''\
import click


@click.command()
@click.option("--name", default="world", help="Who to greet.")
def main(name: str) -> None:
    """Greet someone."""
    click.echo(f"hello {name}")


if __name__ == "__main__":
    main()
'''


# --- sizes and results -------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    requests: int = 10_000
    messages: int = 20_000
    open: int = 1_000
    follow_ups: int = 50
    rounds: int = 25
    check_rounds: int = 3
    run_rounds: int = 3
    # Worst case: hostile messages of these two sizes (bytes), each read this many times;
    # `worst_named` adds them at the sizes issue 11 names (a 2 MB header line, ...).
    worst_small: int = 100_000
    worst_large: int = 1_000_000
    worst_repeats: int = 7
    worst_named: bool = True

    @property
    def small_open(self) -> int:
        return max(1, self.open // 10)

    @property
    def small_messages(self) -> int:
        return max(1, self.messages // 10)


QUICK = Sizes(
    requests=50,
    messages=200,
    open=20,
    follow_ups=3,
    rounds=3,
    check_rounds=1,
    run_rounds=1,
    worst_small=10_000,
    worst_large=100_000,
    worst_repeats=1,
    worst_named=False,
)


@dataclass
class Results:
    machine: dict[str, Any]
    sizes: dict[str, int]
    figures: dict[str, Any] = field(default_factory=dict)
    goals: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


# --- the isolated environment ------------------------------------------------------


def make_world(root: Path, name: str) -> World:
    """A user with its own HOME, XDG dirs and file keyring; nothing of ours leaks in."""
    home = root / name
    env = {k: v for k, v in os.environ.items() if not k.startswith("FEEDBACK_MAILER_")}
    # Bytecode is cached, as after any install: without this, a PYTHONDONTWRITEBYTECODE
    # in the caller's environment would make every run recompile the (editable) package.
    for name in ("NO_COLOR", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
        env.pop(name, None)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        TZ="Europe/London",
    )
    home.mkdir(parents=True)
    return World(home=home, env=env)


def store_password(world: World, kind: str, password: str) -> None:
    result = world.run("auth", "set", kind, "--stdin", input=password + "\n")
    if result.returncode != 0:
        raise RuntimeError(f"auth set {kind} failed: {result.stderr.strip()}")


def timed(argv: Sequence[str], env: dict[str, str]) -> float:
    """Wall time of one subprocess; a failure stops the benchmark."""
    started = time.perf_counter()
    result = subprocess.run(
        list(argv),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        stderr = result.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}: {stderr}")
    return elapsed


def copy_store(source: Path, target: Path) -> None:
    """A fresh copy of a closed (checkpointed) store."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    target.chmod(0o600)


# --- 1 and 2: start-up and list ------------------------------------------------------


Variant = tuple[str, list[str], dict[str, str]]  # label, argv, environment


def startup_variants(script: Path, big: World, small: World, small_size: int) -> dict[str, Variant]:
    """What is timed; all in the big store's world except the small-store `list`."""
    env = big.env
    return {
        "python_pass": ("python -c pass", [PYTHON, "-c", "pass"], env),
        "click_minimal": ("minimal click program --help", [PYTHON, str(script), "--help"], env),
        "help": ("feedback-mailer --help", [COMMAND, "--help"], env),
        "version": ("feedback-mailer --version", [COMMAND, "--version"], env),
        "list": ("feedback-mailer list", [COMMAND, "list"], env),
        "list_unanswered_json": (
            "feedback-mailer list --unanswered --json",
            [COMMAND, "list", "--unanswered", "--json"],
            env,
        ),
        "list_small_store": (
            f"feedback-mailer list ({small_size:,}-request store)",
            [COMMAND, "list"],
            small.env,
        ),
    }


def seed_world(root: Path, name: str, requests: int) -> tuple[World, dict[str, Any]]:
    """`bench/seed.py` run as a user would, into the store `feedback-mailer` finds itself."""
    world = make_world(root, name)
    world.write_config(config_text(smtp=None, ca_pem=None))
    seeded = subprocess.run(
        [PYTHON, str(BENCH_DIR / "seed.py"), "--requests", str(requests), "--json"],
        env=world.env,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(seeded.stdout)
    kinds: dict[str, int] = report["kinds"]
    awaiting = sum(n for kind, n in kinds.items() if kind.startswith("awaiting"))
    listed = world.run_json("list", "--unanswered", "--json")
    if len(listed) != awaiting:
        raise RuntimeError(f"list --unanswered --json gave {len(listed)} requests, not {awaiting}")
    return world, {
        "requests": report["requests"],
        "seconds": round(report["seconds"], 3),
        "ms_per_request": round(1000 * report["seconds"] / max(report["requests"], 1), 3),
        "open": sum(n for kind, n in kinds.items() if kind in dict(OPEN_KINDS)),
        "awaiting": awaiting,
        "kinds": kinds,
    }


def time_rounds(variants: dict[str, Variant], rounds: int) -> dict[str, list[float]]:
    """Every variant once per round, in a shuffled order; one untimed warm-up run each."""
    for _, argv, env in variants.values():
        timed(argv, env)
    times: dict[str, list[float]] = {name: [] for name in variants}
    for round_number in range(rounds):
        order = list(variants)
        random.Random(round_number).shuffle(order)
        for name in order:
            _, argv, env = variants[name]
            times[name].append(timed(argv, env))
    return times


def bench_startup(root: Path, sizes: Sizes, results: Results) -> None:
    big, results.figures["seed"] = seed_world(root, "list", sizes.requests)
    small_size = max(1, sizes.requests // 100)
    small, _ = seed_world(root, "list-small", small_size)
    script = root / "minimal_click.py"
    script.write_text(MINIMAL_CLICK, encoding="utf-8")
    variants = startup_variants(script, big, small, small_size)
    times = time_rounds(variants, sizes.rounds)
    medians = {name: median(values) for name, values in times.items()}
    click_s, python_s = medians["click_minimal"], medians["python_pass"]
    results.figures["startup"] = {
        name: {
            "label": variants[name][0],
            "median_s": round(value, 4),
            "ratio_to_click": round(value / click_s, 3),
            "ratio_to_python": round(value / python_s, 3),
            "rounds": len(times[name]),
        }
        for name, value in medians.items()
    }


# --- 3: check -------------------------------------------------------------------------


def _headers(sender: str, subject: str, when: datetime, extra: Sequence[str] = ()) -> list[str]:
    return [
        "Return-Path: <bounces@lists.example.org>",
        "Received: from mx1.example.org (mx1.example.org [192.0.2.10]) by mail.example.com "
        f"with ESMTPS; {email.utils.format_datetime(when)}",
        "Received: from outbound.example.net by mx1.example.org with ESMTP; "
        f"{email.utils.format_datetime(when - timedelta(seconds=3))}",
        f"From: {sender}",
        "To: Alex Candidate <alex@example.com>",
        f"Subject: {subject}",
        f"Date: {email.utils.format_datetime(when)}",
        f"Message-ID: <m{when.timestamp():.0f}.{next(MESSAGE_NUMBERS)}@mail.example.org>",
        "MIME-Version: 1.0",
        *extra,
    ]


LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n"
)


def _text_mail(headers: list[str], body: str) -> bytes:
    headers = [*headers, "Content-Type: text/plain; charset=utf-8"]
    return ("\n".join(headers) + "\n\n" + body).encode()


def other_mail(rng: random.Random, when: datetime) -> bytes:
    """Everything else in a busy inbox: colleagues, newsletters, notifications."""
    n = rng.randrange(400)
    if n % 3 == 0:
        extra = [f"List-Id: <news{n % 40}.lists.example.org>", "Precedence: list"]
        sender = f"Newsletter {n % 40} <news{n % 40}@lists.example.org>"
    else:
        extra = []
        sender = f"Colleague {n} <colleague{n}@corp.example.net>"
    subject = f"Update #{rng.randrange(10_000)}: {'quarterly numbers' if n % 2 else 'lunch?'}"
    return _text_mail(_headers(sender, subject, when, extra), LOREM * rng.randint(2, 20))


def reply_mail(plan: Plan, variant: int, when: datetime) -> bytes:
    """From (or about) a request's contact: threaded, unthreaded, auto-reply or bounce."""
    sender = f"{plan.contact_name} <{plan.contact_email}>"
    subject = f"Re: Feedback on my interview at {plan.company}"
    if variant == 0:
        extra = [f"In-Reply-To: {plan.message_id}", f"References: {plan.message_id}"]
        return _text_mail(_headers(sender, subject, when, extra), "Happy to help: two points.\n")
    if variant == 1:
        return _text_mail(_headers(sender, subject, when), "Thanks for asking. Briefly:\n")
    if variant == 2:
        extra = ["Auto-Submitted: auto-replied", "X-Autoreply: yes"]
        body = "I am out of the office with limited access to email.\n"
        return _text_mail(_headers(sender, f"Automatic reply: {subject}", when, extra), body)
    return bounce_mail(plan, when)


def bounce_mail(plan: Plan, when: datetime) -> bytes:
    boundary = "bench-dsn"
    body = (
        f"--{boundary}\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
        f"--{boundary}\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
        f"Final-Recipient: rfc822; {plan.contact_email}\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n"
        f"--{boundary}\nContent-Type: text/rfc822-headers\n\nMessage-ID: {plan.message_id}\n\n"
        f"--{boundary}--\n"
    )
    headers = _headers(
        "Mail Delivery System <MAILER-DAEMON@mx.example>",
        "Undelivered Mail Returned to Sender",
        when,
        [
            f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"',
            "Auto-Submitted: auto-replied",
        ],
    )
    return ("\n".join(headers) + "\n\n" + body).encode()


def mailbox_messages(
    count: int, plans: Sequence[Plan], now: datetime, seed: int
) -> list[tuple[datetime, bytes]]:
    """`count` messages since the oldest request was sent, oldest first; some from contacts.

    Every message is newer than the oldest open request, so a first scan looks at them all.
    """
    rng = random.Random(seed)
    oldest = min((plan.sent_at for plan in plans), default=now - timedelta(days=20))
    span_s = (now - oldest).total_seconds()
    messages = []
    for k in range(count):
        if plans and k % REPLY_EVERY == REPLY_EVERY // 2:
            plan = plans[(k * 7919) % len(plans)]
            span = (now - plan.sent_at).total_seconds()
            when = plan.sent_at + timedelta(seconds=rng.uniform(0.05, 0.95) * span)
            messages.append((when, reply_mail(plan, (k // REPLY_EVERY) % 4, when)))
        else:
            when = oldest + timedelta(seconds=rng.uniform(0.01, 0.99) * span_s)
            messages.append((when, other_mail(rng, when)))
    messages.sort(key=lambda item: item[0])
    return messages


def mail_owner() -> tuple[int, int]:
    """Dovecot stores mail as `nobody` when run as root, else as us (see dovecot.py)."""
    user = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    return user.pw_uid, user.pw_gid


def fill_maildir(server: Dovecot, user: str, messages: Sequence[tuple[datetime, bytes]]) -> None:
    """Write messages straight into the user's maildir (before Dovecot ever opened it).

    Far faster than APPEND; the file's mtime is the internal date that SEARCH SINCE uses.
    """
    assert server.directory is not None
    home = server.directory / "mail" / user
    uid, gid = mail_owner()
    for sub in ("cur", "new", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    pid = os.getpid()
    for k, (when, raw) in enumerate(messages):
        stamp = when.timestamp()
        flags = "S" if k % 10 else ""
        path = home / "cur" / f"{int(stamp)}.M{k}P{pid}.bench,S={len(raw)}:2,{flags}"
        path.write_bytes(raw)
        os.utime(path, (stamp, stamp))
        os.chown(path, uid, gid)
    for directory in (home, home / "cur", home / "new", home / "tmp"):
        os.chown(directory, uid, gid)
        directory.chmod(0o700)


def index_mailbox(server: Dovecot, user: str) -> int:
    """Let Dovecot index the new maildir now, so the scans measure the client."""
    result = subprocess.run(
        [
            str(DOVEADM_BINARY),
            "-c",
            str(server.config_path),
            "mailbox",
            "status",
            "-u",
            user,
            "messages",
            "INBOX",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return int(result.stdout.split("=")[-1])


def make_mailbox(
    server: Dovecot, user: str, count: int, plans: Sequence[Plan], now: datetime
) -> dict[str, float]:
    server.add_user(user, IMAP_PASSWORD)
    started = time.perf_counter()
    fill_maildir(server, user, mailbox_messages(count, plans, now, seed=count))
    written = time.perf_counter()
    indexed = index_mailbox(server, user)
    if indexed != count:
        raise RuntimeError(f"Dovecot sees {indexed} messages for {user}, not {count}")
    return {"write_s": written - started, "index_s": time.perf_counter() - written}


def new_messages(plans: Sequence[Plan], batch: int) -> list[bytes]:
    """The arrivals before a repeat scan: two threaded replies (so the full fetch happens
    whatever state the request is in) and eight unrelated messages."""
    now = datetime.now(UTC).replace(microsecond=0)
    rng = random.Random(f"new-{batch}")
    replies = [reply_mail(plans[i % len(plans)], 0, now) for i in range(2)]
    return replies + [other_mail(rng, now) for _ in range(NEW_MESSAGES - len(replies))]


def deliver_new_messages(server: Dovecot, user: str, raws: Sequence[bytes]) -> None:
    context = server.client_context()
    imap = imaplib.IMAP4_SSL(server.host, server.imaps_port, ssl_context=context, timeout=30)
    try:
        imap.login(user, IMAP_PASSWORD)
        for raw in raws:
            status, data = imap.append(quote("INBOX"), None, None, raw.replace(b"\n", b"\r\n"))
            if status != "OK":
                raise RuntimeError(f"APPEND failed: {data!r}")
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            imap.logout()


@dataclass
class CheckScene:
    """One store snapshot and one mailbox, with a config and an IMAP user."""

    open_requests: int
    messages: int
    user: str
    snapshot: Path
    config: Config
    plans: list[Plan]


def scan_in_process(scene: CheckScene, db: Path) -> dict[str, Any]:
    """What `check` does (runner.check), with its own session to read the IMAP counters."""
    config = scene.config
    assert config.imap is not None
    started = time.perf_counter()
    with open_store(db) as store, imap.ImapSession(config.imap, IMAP_PASSWORD) as session:
        now = datetime.now(UTC).replace(microsecond=0)
        recovery.mark_stale_sends(store, now)
        report = scanning.scan(store, session, config, now)
    return {
        "seconds": round(time.perf_counter() - started, 4),
        "commands": report.stats.commands,
        "header_fetches": report.stats.header_fetches,
        "full_fetches": report.stats.full_fetches,
        "changes": len(report.changes),
        "unreadable": len(report.unreadable),
    }


def count_commands(server: Dovecot, scene: CheckScene, db: Path, batch: int) -> dict[str, Any]:
    copy_store(scene.snapshot, db)
    first = scan_in_process(scene, db)
    deliver_new_messages(server, scene.user, new_messages(scene.plans, batch))
    repeat = scan_in_process(scene, db)
    return {
        "open_requests": scene.open_requests,
        "messages": scene.messages,
        "first": first,
        "repeat": repeat,
    }


def make_scene(
    server: Dovecot, root: Path, open_requests: int, messages: int, mailbox: dict[str, Any]
) -> CheckScene:
    """A store with `open_requests` open requests and a mailbox (shared by store sizes)."""
    now = mailbox["now"]
    snapshot = root / f"store-{open_requests}.sqlite3"
    if not snapshot.exists():
        seed_store(snapshot, open_requests, open_fraction=1.0, now=now)
    user = f"bench{messages}"
    if user not in mailbox["users"]:
        mailbox["users"][user] = make_mailbox(server, user, messages, mailbox["plans"], now)
    config_file = root / f"config-{user}.toml"
    config_file.write_text(config_text(smtp=None, ca_pem=None, dovecot=server, imap_user=user))
    plans = seed_plans(open_requests, now)
    return CheckScene(open_requests, messages, user, snapshot, load_config(config_file), plans)


def seed_plans(count: int, now: datetime) -> list[Plan]:
    """The plans `seed_store(..., open_fraction=1.0, now=now)` writes."""
    return [plan_request(i, 1, 1.0, now) for i in range(count)]


def bench_check(root: Path, sizes: Sizes, results: Results) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    with Dovecot() as server:
        shared: dict[str, Any] = {"now": now, "users": {}, "plans": seed_plans(sizes.open, now)}
        scenes = [
            make_scene(server, root, o, m, shared)
            for o in sorted({sizes.small_open, sizes.open})
            for m in sorted({sizes.small_messages, sizes.messages})
        ]
        matrix = [
            count_commands(server, scene, root / "count.sqlite3", batch)
            for batch, scene in enumerate(scenes)
        ]
        main_scene = scenes[-1]
        timings = time_check_commands(server, root, main_scene, sizes, batch=len(scenes))
    main = matrix[-1]
    repeat_counts = sorted({row["repeat"]["commands"] for row in matrix})
    results.figures["check"] = {
        "open_requests": sizes.open,
        "messages": sizes.messages,
        "first_scan_s": round(median(timings["first"]), 4),
        "repeat_scan_s": round(median(timings["repeat"]), 4),
        "first_scan_rounds": len(timings["first"]),
        "repeat_scan_rounds": len(timings["repeat"]),
        "first_scan_imap_commands": main["first"]["commands"],
        "first_scan_messages_examined": main["first"]["header_fetches"],
        "first_scan_full_fetches": main["first"]["full_fetches"],
        "first_scan_changes": main["first"]["changes"],
        "repeat_scan_imap_commands": main["repeat"]["commands"],
        "in_process_first_scan_s": main["first"]["seconds"],
        "in_process_repeat_scan_s": main["repeat"]["seconds"],
        "repeat_commands_independent": len(repeat_counts) == 1,
        "commands_matrix": matrix,
        "mailbox_setup": {
            user: {k: round(v, 3) for k, v in times.items()}
            for user, times in shared["users"].items()
        },
    }


def time_check_commands(
    server: Dovecot, root: Path, scene: CheckScene, sizes: Sizes, *, batch: int
) -> dict[str, list[float]]:
    """`feedback-mailer check` as a subprocess: first scans from a fresh copy of the store,
    each followed by repeat scans after NEW_MESSAGES new messages arrived."""
    world = make_world(root, "check")
    world.write_config(config_text(smtp=None, ca_pem=None, dovecot=server, imap_user=scene.user))
    store_password(world, "imap", IMAP_PASSWORD)
    repeats_per_round = max(1, -(-sizes.rounds // sizes.check_rounds))
    timings: dict[str, list[float]] = {"first": [], "repeat": []}
    for _ in range(sizes.check_rounds):
        copy_store(scene.snapshot, world.db_path)
        timings["first"].append(timed([COMMAND, "check"], world.env))
        for _ in range(repeats_per_round):
            deliver_new_messages(server, scene.user, new_messages(scene.plans, batch))
            batch += 1
            timings["repeat"].append(timed([COMMAND, "check"], world.env))
    return timings


# --- 4: run ------------------------------------------------------------------------------


def make_due_follow_ups(world: World, count: int) -> None:
    """Send `count` requests through the real path two days ago: their follow-ups are due
    (a day later), and not so late that they would be missed."""
    config = load_config(world.config_path)
    assert config.smtp is not None
    past = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    templates = world.config_path.parent / "templates"
    with open_store(world.db_path) as store, SmtpSession(config.smtp, SMTP_PASSWORD) as session:
        for i in range(count):
            inputs = drafts.RequestInput(
                to=f"contact{i}@company{i}.example",
                company=f"Company {i}",
                name=f"Contact {i}",
                role="Backend Engineer",
            )
            draft = drafts.prepare_request(inputs, config, templates, past)
            delivery.deliver_request(draft, store, lambda: session, lambda: past)
        due = follow_ups.due_now(store, config, datetime.now(UTC))
    if len(due) != count:
        raise RuntimeError(f"{len(due)} follow-ups are due, not {count}")


def run_round(world: World, server: SmtpServer, count: int) -> dict[str, Any]:
    world.db_path.unlink(missing_ok=True)
    make_due_follow_ups(world, count)
    logins, received = server.logins, len(server.messages)
    seconds = timed([COMMAND, "run"], world.env)
    new = server.messages[received:]
    follow_ups = [m for m in new if m.message["In-Reply-To"] is not None]
    return {"seconds": seconds, "logins": server.logins - logins, "sent": len(follow_ups)}


def bench_run(root: Path, sizes: Sizes, results: Results) -> None:
    tls = make_tls_material(root / "tls")
    world = make_world(root, "run")
    with SmtpServer(tls, mode="starttls", users={SMTP_USER: SMTP_PASSWORD}) as server:
        world.write_config(
            config_text(
                smtp=server,
                ca_pem=tls.ca_pem,
                smtp_user=SMTP_USER,
                follow_up={
                    "window": "Mon-Sun 00:00-24:00",
                    "after": "1 day",
                    "min_after": "1 day",
                    "send_without_tracking": True,  # this stage has no IMAP
                },
            )
        )
        store_password(world, "smtp", SMTP_PASSWORD)
        rounds = [run_round(world, server, sizes.follow_ups) for _ in range(sizes.run_rounds)]
    seconds = median([r["seconds"] for r in rounds])
    results.figures["run"] = {
        "follow_ups_due": sizes.follow_ups,
        "wall_s": round(seconds, 4),
        "messages_per_s": round(sizes.follow_ups / seconds, 2),
        "smtp_logins": max(r["logins"] for r in rounds),
        "follow_ups_sent": min(r["sent"] for r in rounds),
        "rounds": rounds,
    }


# --- 5: worst case: hostile messages -----------------------------------------------------

WORST_SLOWEST_MS = 50.0  # goal: the slowest message read in under this
WORST_LINEAR_RATIO = 15.0  # goal: time at 10x the size at most this many times (linear: 10x)
WORST_PEAK_MB = 100.0  # goal: peak RSS of `check` over the hostile mailbox under this
WORST_BASELINE = "ordinary"  # the baseline mailbox: as many short threaded replies


def named_worst_cases(in_reply_to: str, sender: str) -> dict[str, tuple[str, bytes]]:
    """The worst cases at the sizes issue 11 names (the generators' defaults): label, bytes."""
    return {
        "deep_multipart": (
            "1,000 deep",
            hostile_mail.deep_multipart(in_reply_to, hostile_mail.POSTMASTER, depth=1000),
        ),
        "html_anchor_flood": (
            "<a <a <a",
            hostile_mail.html_anchor_flood(in_reply_to, sender, size=100_000),
        ),
        "long_header_line": (
            "2 MB line",
            hostile_mail.long_header_line(in_reply_to, sender, size=2_000_000),
        ),
        "many_headers": (
            "100,000 fields",
            hostile_mail.many_headers(in_reply_to, sender, count=100_000),
        ),
        "many_parts": (
            "10,000 parts",
            hostile_mail.many_parts(in_reply_to, sender, parts=10_000),
        ),
    }


def size_label(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1e6:.3g} MB"
    if size >= 1_000:
        return f"{size / 1e3:.3g} KB"
    return f"{size} B"


def read_once(raw: bytes, received: datetime) -> tuple[float, float]:
    """Wall and CPU seconds of one `classify_bytes`, after a collection (untimed)."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    classify_bytes(raw, received)
    return time.perf_counter() - wall, time.process_time() - cpu


def time_reader(
    messages: dict[tuple[str, str], bytes], repeats: int
) -> dict[tuple[str, str], dict[str, Any]]:
    """Each message read `repeats` times, all of them once per round in a shuffled order,
    after one untimed warm-up read each (the first out-of-office of a process loads the
    date vocabulary; that is start-up, not the message)."""
    received = datetime.now(UTC).replace(microsecond=0)
    verdicts = {key: classify_bytes(raw, received) for key, raw in messages.items()}
    walls: dict[tuple[str, str], list[float]] = {key: [] for key in messages}
    cpus: dict[tuple[str, str], list[float]] = {key: [] for key in messages}
    for round_number in range(repeats):
        order = list(messages)
        random.Random(f"worst-{round_number}").shuffle(order)
        for key in order:
            wall, cpu = read_once(messages[key], received)
            walls[key].append(wall)
            cpus[key].append(cpu)
    return {
        key: {
            "bytes": len(messages[key]),
            "ms": round(1000 * median(walls[key]), 3),
            "cpu_ms": round(1000 * median(cpus[key]), 3),
            "max_ms": round(1000 * max(walls[key]), 3),
            "verdict": str(verdicts[key].kind),
            "bounded": [
                s.removeprefix("bounded: ")
                for s in verdicts[key].signals
                if s.startswith("bounded: ")
            ],
        }
        for key in messages
    }


# Starts the measured command and writes its rusage. A child of this (big) process would
# not do: Linux counts the parent's resident pages at fork/exec into the child's
# ru_maxrss, so the child of a small launcher is measured instead (floor: ~8 MB).
RSS_LAUNCHER = """\
import os, sys
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measured_run(argv: Sequence[str], env: dict[str, str], report: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, 10^6 bytes) of one command: ru_maxrss (KiB on Linux)
    from wait4 for that process alone, started by RSS_LAUNCHER (`report` is its output)."""
    launcher = [PYTHON, "-I", "-S", "-c", RSS_LAUNCHER, str(report)]
    seconds = timed([*launcher, *argv], env)
    return seconds, int(report.read_text()) * 1024 / 1e6


def hostile_mailboxes(
    sizes: Sizes, kinds: Sequence[str], plans: Sequence[Plan]
) -> tuple[dict[tuple[str, str], bytes], dict[str, str], list[bytes], list[bytes]]:
    """The messages timed, keyed by (set, kind) with set small, large or named; the labels
    of the named ones; and two mailboxes: the large and the named hostile messages, and
    as many ordinary threaded replies. Each message of a kind answers its own request
    (kind k: request k; named kind k: request len(kinds) + k), so `check` fetches it whole."""
    messages: dict[tuple[str, str], bytes] = {}
    labels: dict[str, str] = {}
    for k, kind in enumerate(kinds):
        plan = plans[k]
        for which, size in (("small", sizes.worst_small), ("large", sizes.worst_large)):
            corpus = hostile_mail.adversarial_corpus(size, plan.message_id, plan.contact_email)
            messages[which, kind] = corpus[kind]
        if sizes.worst_named:
            plan = plans[len(kinds) + k]
            labels[kind], messages["named", kind] = named_worst_cases(
                plan.message_id, plan.contact_email
            )[kind]
    threaded = [raw for (which, _), raw in messages.items() if which != "small"]
    ordinary = [
        hostile_mail.reply(plan.message_id, plan.contact_email, body=LOREM)
        for plan in plans[: len(threaded)]
    ]
    return messages, labels, threaded, ordinary


def bench_worst_case(root: Path, sizes: Sizes, results: Results) -> None:
    kinds = list(hostile_mail.adversarial_corpus(100))
    count = len(kinds) * (2 if sizes.worst_named else 1)
    now = datetime.now(UTC).replace(microsecond=0)
    plans = seed_plans(count, now)
    messages, labels, threaded, ordinary = hostile_mailboxes(sizes, kinds, plans)
    reader = time_reader(messages, sizes.worst_repeats)
    rows: dict[str, dict[str, Any]] = {}
    for kind in kinds:
        small, large = reader["small", kind], reader["large", kind]
        rows[kind] = {
            "small": small,
            "large": large,
            "ratio": round(large["ms"] / small["ms"], 2) if small["ms"] > 0 else None,
        }
        if ("named", kind) in reader:
            rows[kind]["named"] = {"label": labels[kind], **reader["named", kind]}
    timed_rows = [
        (row[which]["ms"], kind, which)
        for kind, row in rows.items()
        for which in ("small", "large", "named")
        if which in row
    ]
    slowest_ms, slowest_kind, slowest_set = max(timed_rows)
    ratios = [(row["ratio"], kind) for kind, row in rows.items() if row["ratio"] is not None]
    max_ratio, max_ratio_kind = max(ratios)

    snapshot = root / "worst-store.sqlite3"
    seed_store(snapshot, count, open_fraction=1.0, now=now)
    mailboxes = {"hostile": threaded, WORST_BASELINE: ordinary}
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in mailboxes}
    with Dovecot() as server:
        worlds: dict[str, World] = {}
        scan: dict[str, Any] = {}
        for name, raws in mailboxes.items():
            user = f"worst{name}"
            mailbox = server.as_user(user, IMAP_PASSWORD)
            for raw in raws:
                mailbox.append("INBOX", raw)
            world = make_world(root, f"worst-{name}")
            world.write_config(config_text(smtp=None, ca_pem=None, dovecot=server, imap_user=user))
            store_password(world, "imap", IMAP_PASSWORD)
            worlds[name] = world
            if name == "hostile":  # what check does with them, counted in-process
                scene = CheckScene(
                    count, len(raws), user, snapshot, load_config(world.config_path), plans
                )
                copy_store(snapshot, root / "worst-count.sqlite3")
                scan = scan_in_process(scene, root / "worst-count.sqlite3")
        for _ in range(sizes.check_rounds):
            for name, world in worlds.items():  # interleaved; each a first scan
                copy_store(snapshot, world.db_path)
                runs[name].append(
                    measured_run([COMMAND, "check"], world.env, root / "worst-rss.txt")
                )
    hostile_runs, baseline_runs = runs["hostile"], runs[WORST_BASELINE]
    results.figures["worst_case"] = {
        "small_bytes": sizes.worst_small,
        "large_bytes": sizes.worst_large,
        "repeats": sizes.worst_repeats,
        "reader": rows,
        "slowest": {"ms": slowest_ms, "kind": slowest_kind, "set": slowest_set},
        "max_ratio": {"ratio": max_ratio, "kind": max_ratio_kind},
        "check": {
            "messages": len(threaded),
            "mailbox_bytes": sum(len(raw) for raw in threaded),
            "peak_rss_mb": round(max(rss for _, rss in hostile_runs), 1),
            "baseline_peak_rss_mb": round(max(rss for _, rss in baseline_runs), 1),
            "wall_s": round(median([wall for wall, _ in hostile_runs]), 3),
            "baseline_wall_s": round(median([wall for wall, _ in baseline_runs]), 3),
            "rounds": len(hostile_runs),
            "peak_rss_runs_mb": [round(rss, 1) for _, rss in hostile_runs],
            "full_fetches": scan.get("full_fetches", 0),
            "changes": scan.get("changes", 0),
            "unreadable": scan.get("unreadable", 0),
            "in_process_s": scan.get("seconds"),
        },
    }


# --- 6: worst case: hostile answers for the reply-text parser --------------------------

REPLY_TEXT_SLOWEST_S = 1.0  # goal: any one hostile answer's own words within this


def hostile_answers() -> dict[str, str]:
    """Answers shaped to make the reply-text parser slow, each at the size it keeps."""
    from feedback_mailer.mail import reply_text

    size, width = reply_text.MAX_TEXT, reply_text.LINE_CHARS
    lines = size // width
    return {
        'one "On ..." line': "On " + "Jane, " * (size // 6),
        # Lines just short enough to reach the parser whole: its slowest shape.
        '"Am ... schrieb" lines': "\n".join([("Am " + "schrieb " * width)[: width - 1]] * lines),
        'quoted "On" lines': "\n".join([("> On " + "De : " * width)[: width - 1]] * lines),
        "many short lines": "x\n" * (size // 2),
        "ordinary answer": (
            "Thank you for asking. Your system design round was strong.\n\n- structure\n"
            "- trade-offs\n\nBest,\nJane\n\nOn Mon, 1 Dec 2026 at 10:04, Alex "
            "<alex@example.com> wrote:\n> Could you tell me one thing to improve?\n"
        ),
    }


def bench_reply_text(root: Path, sizes: Sizes, results: Results) -> None:
    """`reflect` and `review` read each answer's own words with the reply-text parser:
    its worst answers, timed with its per-process budget reset (the parser's cost)."""
    from feedback_mailer.mail import reply_text

    repeats = 1 if sizes.worst_repeats == 1 else 3
    rows: dict[str, dict[str, Any]] = {}
    for label, answer in hostile_answers().items():
        times = []
        for _ in range(repeats):
            reply_text.spent = 0.0
            gc.collect()
            started = time.perf_counter()
            reply_text.own_text(answer)
            times.append(time.perf_counter() - started)
        rows[label] = {"chars": len(answer), "s": round(median(times), 4)}
    reply_text.spent = 0.0
    slowest = max(rows, key=lambda label: rows[label]["s"])
    results.figures["reply_text"] = {
        "repeats": repeats,
        "answers": rows,
        "slowest": {"answer": slowest, "s": rows[slowest]["s"]},
    }


# --- goals and output -----------------------------------------------------------------


def goal(name: str, shown: str, target: str, met: bool, kind: str) -> dict[str, Any]:
    return {"goal": name, "measured": shown, "target": target, "met": met, "kind": kind}


def evaluate_goals(figures: dict[str, Any]) -> list[dict[str, Any]]:
    startup, check, run = figures["startup"], figures["check"], figures["run"]
    help_ratio = startup["help"]["ratio_to_click"]
    goals = [
        goal(
            "--help start-up vs minimal click",
            f"{help_ratio:.2f}×",
            "≤ 1.2×",
            help_ratio <= 1.2,
            "timing",
        )
    ]
    for name, label in (("list", "list"), ("list_unanswered_json", "list --unanswered --json")):
        ratio = startup[name]["ratio_to_click"]
        goals.append(
            goal(
                f"{label} at {figures['seed']['requests']:,} requests vs minimal click",
                f"{ratio:.2f}×",
                "≤ 1.5×",
                ratio <= 1.5,
                "timing",
            )
        )
    first, repeat = check["first_scan_s"], check["repeat_scan_s"]
    commands = sorted({row["repeat"]["commands"] for row in check["commands_matrix"]})
    goals += [
        goal("check: first scan", f"{first:.2f} s", "< 5 s", first < 5, "timing"),
        goal("check: repeat scan", f"{repeat:.3f} s", "≤ 0.3 s", repeat <= 0.3, "timing"),
        goal(
            "check: repeat-scan IMAP commands independent of open requests and old messages",
            "/".join(str(c) for c in commands),
            "one value",
            check["repeat_commands_independent"],
            "structural",
        ),
        goal(
            "run: SMTP logins",
            str(run["smtp_logins"]),
            "= 1",
            run["smtp_logins"] == 1,
            "structural",
        ),
        goal(
            "run: follow-ups sent",
            f"{run['follow_ups_sent']}/{run['follow_ups_due']}",
            "all",
            run["follow_ups_sent"] == run["follow_ups_due"],
            "structural",
        ),
        goal(
            "run: messages per second",
            f"{run['messages_per_s']:.1f}/s",
            "≥ 20/s",
            run["messages_per_s"] >= 20,
            "timing",
        ),
    ]
    slowest = figures["reply_text"]["slowest"]
    goals.append(
        goal(
            f"worst case: reply-text parser, slowest hostile answer ({slowest['answer']})",
            f"{slowest['s']:.2f} s",
            f"< {REPLY_TEXT_SLOWEST_S:g} s",
            slowest["s"] < REPLY_TEXT_SLOWEST_S,
            "timing",
        )
    )
    return goals + worst_case_goals(figures["worst_case"])


def worst_case_goals(w: dict[str, Any]) -> list[dict[str, Any]]:
    slowest, ratio, check = w["slowest"], w["max_ratio"], w["check"]
    where = {"small": size_label(w["small_bytes"]), "large": size_label(w["large_bytes"])}
    at = where.get(slowest["set"]) or w["reader"][slowest["kind"]]["named"]["label"]
    return [
        goal(
            f"worst case: slowest hostile message read ({slowest['kind']}, {at})",
            f"{slowest['ms']:.1f} ms",
            f"< {WORST_SLOWEST_MS:g} ms",
            slowest["ms"] < WORST_SLOWEST_MS,
            "timing",
        ),
        goal(
            f"worst case: time at {where['large']} / at {where['small']}, largest "
            f"({ratio['kind']})",
            f"{ratio['ratio']:.1f}×",
            f"≤ {WORST_LINEAR_RATIO:g}×",
            ratio["ratio"] <= WORST_LINEAR_RATIO,
            "timing",
        ),
        goal(
            f"worst case: check fetches each of the {check['messages']} hostile messages whole",
            f"{check['full_fetches']}/{check['messages']}",
            "all",
            check["full_fetches"] == check["messages"],
            "structural",
        ),
        goal(
            "worst case: peak RSS of check over the hostile mailbox",
            f"{check['peak_rss_mb']:.1f} MB",
            f"< {WORST_PEAK_MB:g} MB",
            check["peak_rss_mb"] < WORST_PEAK_MB,
            "memory",
        ),
    ]


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "executable": PYTHON,
        "platform": platform.platform(),
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "caller_had_PYTHONDONTWRITEBYTECODE": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
    }


def format_text(results: Results) -> str:
    f, m = results.figures, results.machine
    lines = [
        f"feedback-mailer benchmark  {m['date']}",
        f"machine: {m['cpu']}, {m['cores']} cores, {m['python']}, {m['platform']}",
        f"load average at start {m['load_average']}, at end {m.get('load_average_end', '?')}",
        f"sizes: {', '.join(f'{k}={size_text(v)}' for k, v in results.sizes.items())}",
        "",
        f"start-up and list (median of {f['startup']['help']['rounds']} interleaved rounds; "
        f"list store: {f['seed']['requests']:,} requests, {f['seed']['open']:,} open, "
        f"{f['seed']['awaiting']:,} awaiting)",
        f"  {'command':<44}{'median':>10}{'× click':>10}{'× python':>10}",
    ]
    for row in f["startup"].values():
        lines.append(
            f"  {row['label']:<44}{row['median_s'] * 1000:>8.1f}ms"
            f"{row['ratio_to_click']:>10.2f}{row['ratio_to_python']:>10.2f}"
        )
    lines += [
        "",
        *format_check(f["check"]),
        "",
        *format_run(f["run"]),
        "",
        *format_worst_case(f["worst_case"]),
        "",
        *format_reply_text(f["reply_text"]),
        "",
        f"seed: {f['seed']['requests']:,} requests through the store API in "
        f"{f['seed']['seconds']:.2f} s ({f['seed']['ms_per_request']:.2f} ms each)",
        "",
    ]
    lines += format_goals(results.goals)
    lines += ["", "notes", *(f"  - {note}" for note in results.notes)]
    return "\n".join(lines) + "\n"


def size_text(value: Any) -> str:
    return f"{value:,}" if type(value) is int else str(value)


def format_check(c: dict[str, Any]) -> list[str]:
    lines = [
        f"check ({c['open_requests']:,} open requests, {c['messages']:,} messages; "
        "`feedback-mailer check` as a subprocess)",
        f"  first scan      {c['first_scan_s']:8.3f} s  (median of {c['first_scan_rounds']}; "
        f"{c['first_scan_imap_commands']} IMAP commands, {c['first_scan_messages_examined']:,} "
        f"headers fetched, {c['first_scan_full_fetches']} whole messages, "
        f"{c['first_scan_changes']} changes; in-process {c['in_process_first_scan_s']:.3f} s)",
        f"  repeat scan     {c['repeat_scan_s']:8.3f} s  (median of {c['repeat_scan_rounds']}; "
        f"{NEW_MESSAGES} new messages, {c['repeat_scan_imap_commands']} IMAP commands; "
        f"in-process {c['in_process_repeat_scan_s']:.3f} s)",
        "  IMAP commands (in-process):  open requests  messages   first scan  repeat scan",
    ]
    for row in c["commands_matrix"]:
        lines.append(
            f"  {'':30}{row['open_requests']:>13,}{row['messages']:>10,}"
            f"{row['first']['commands']:>13}{row['repeat']['commands']:>13}"
        )
    return lines


def format_run(r: dict[str, Any]) -> list[str]:
    return [
        f"run ({r['follow_ups_due']} due follow-ups, loopback aiosmtpd with STARTTLS + AUTH; "
        f"median of {len(r['rounds'])})",
        f"  wall time {r['wall_s']:.3f} s, {r['messages_per_s']:.1f} messages/s, "
        f"{r['smtp_logins']} SMTP login(s), {r['follow_ups_sent']} follow-ups received",
    ]


def format_reply_text(r: dict[str, Any]) -> list[str]:
    lines = [
        "worst case: hostile answers read by reply_text.own_text, in-process (seconds, "
        f"median of {r['repeats']}; the per-process budget reset before each)",
    ]
    for label, row in r["answers"].items():
        lines.append(f"  {label:<26}{row['chars']:>8,} chars{row['s']:>9.3f} s")
    return lines


def format_worst_case(w: dict[str, Any]) -> list[str]:
    small, large = size_label(w["small_bytes"]), size_label(w["large_bytes"])
    named = any("named" in row for row in w["reader"].values())
    lines = [
        f"worst case: hostile messages read by classify_bytes, in-process (ms per message, "
        f"median of {w['repeats']} after a warm-up read; CPU time beside)",
        (
            f"  {'kind':<19}{small:>8}{large:>8}{'ratio':>7}  {'CPU ' + small:>10}{large:>8}"
            f"  {'verdict':<9}" + ("as named in issue 11" if named else "")
        ).rstrip(),
    ]
    for kind, row in w["reader"].items():
        line = (
            f"  {kind:<19}{row['small']['ms']:>8.1f}{row['large']['ms']:>8.1f}"
            f"{row['ratio']:>6.1f}×  {row['small']['cpu_ms']:>10.1f}{row['large']['cpu_ms']:>8.1f}"
            f"  {row['large']['verdict']:<9}"
        )
        if "named" in row:
            n = row["named"]
            line += (
                f"{n['label']} ({size_label(n['bytes'])}): {n['ms']:.1f} ms "
                f"(CPU {n['cpu_ms']:.1f}), {n['verdict']}"
            )
        lines.append(line.rstrip())
    c = w["check"]
    lines += [
        f"  check over a mailbox of {c['messages']} of them ({c['mailbox_bytes'] / 1e6:.1f} MB), "
        "each threaded to its own open request (`feedback-mailer check` as a subprocess):",
        f"    peak RSS {c['peak_rss_mb']:.1f} MB (max of {c['rounds']}; "
        f"{c['baseline_peak_rss_mb']:.1f} MB over {c['messages']} ordinary replies), "
        f"{c['wall_s']:.2f} s ({c['baseline_wall_s']:.2f} s ordinary); in-process: "
        f"{c['full_fetches']} fetched whole, {c['changes']} changes, {c['unreadable']} unreadable",
    ]
    return lines


def format_goals(goals: list[dict[str, Any]]) -> list[str]:
    lines = ["goals", f"  {'goal':<76}{'measured':>12}  {'target':<10}result"]
    for g in goals:
        lines.append(
            f"  {g['goal']:<76}{g['measured']:>12}  {g['target']:<10}"
            f"{'met' if g['met'] else 'NOT MET'}"
        )
    unmet = [g["goal"] for g in goals if not g["met"]]
    lines.append(f"  {len(goals) - len(unmet)}/{len(goals)} goals met")
    return lines


# --- entry point -----------------------------------------------------------------------


def parse_sizes(argv: Sequence[str] | None) -> tuple[Sizes, bool]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (a smoke test)")
    for name in ("requests", "messages", "open", "follow-ups", "rounds"):
        parser.add_argument(f"--{name}", type=int, metavar="N")
    args = parser.parse_args(argv)
    base = QUICK if args.quick else Sizes()
    overrides = {
        k: v for k, v in vars(args).items() if k in Sizes.__dataclass_fields__ and v is not None
    }
    if any(v < 1 for v in overrides.values()):
        parser.error("sizes must be at least 1")
    return Sizes(**{**asdict(base), **overrides}), args.json


@contextlib.contextmanager
def workspace() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="fm-bench-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def progress(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def run_benchmark(sizes: Sizes) -> Results:
    results = Results(machine=machine_info(), sizes=asdict(sizes))
    steps: list[tuple[str, Callable[[Path, Sizes, Results], None]]] = [
        ("start-up and list", bench_startup),
        ("check", bench_check),
        ("run", bench_run),
        ("worst case", bench_worst_case),
        ("reply-text parser", bench_reply_text),
    ]
    with workspace() as root:
        for label, step in steps:
            progress(f"{label}…")
            started = time.perf_counter()
            step(root, sizes, results)
            progress(f"{label} done in {time.perf_counter() - started:.1f} s")
    results.machine["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    results.goals = evaluate_goals(results.figures)
    results.notes = [
        "start-up and list: wall time of the installed console script as a subprocess, "
        "including interpreter start-up; every variant runs once per round, in a shuffled order; "
        "bytecode caching on (PYTHONDONTWRITEBYTECODE removed from the subprocesses' environment)",
        f"check: every mailbox message is newer than the oldest open request, so the first scan "
        f"fetches the headers of all of them; one in {REPLY_EVERY} is a reply, auto-reply or "
        "bounce from a request's contact; IMAP commands counted in-process (ImapSession.stats)",
        f"check: repeat scan = `feedback-mailer check` after {NEW_MESSAGES} new messages (2 "
        "threaded replies, 8 others) arrived over APPEND",
        "run: follow-ups created through prepare_request/deliver_request 10 days in the past; "
        "window Mon-Sun 00:00-24:00; messages/s = follow-ups sent / wall time of `run`",
        "worst case: tests/support/hostile_mail.adversarial_corpus at two sizes (and, in full "
        "runs, the generators at the sizes issue 11 names), read by classify_bytes in-process, "
        "all messages once per round in a shuffled order, gc.collect() before each (untimed); "
        f"ratio = time at {size_label(sizes.worst_large)} / time at "
        f"{size_label(sizes.worst_small)} (linear: 10×)",
        "reply-text parser: bench_reply_text's answers at the size the parser keeps "
        "(reply_text.MAX_TEXT), one after another in-process, the parser's budget reset "
        "before each so that its own cost is timed, not the plain-text fallback",
        "worst case: peak RSS = ru_maxrss of the `check` child alone (os.wait4), a first scan "
        "from a fresh store copy each round; the ordinary mailbox (short threaded replies, as "
        "many) shows what any scan costs",
    ]
    return results


def main(argv: Sequence[str] | None = None) -> int:
    sizes, as_json = parse_sizes(argv)
    results = run_benchmark(sizes)
    if as_json:
        print(json.dumps(asdict(results), indent=2, ensure_ascii=False))
    else:
        print(format_text(results), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
