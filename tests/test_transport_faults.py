"""Hostile and broken servers against the real ImapSession and SmtpSession (issue 11,
items 5, 6 and 7, transport side).

Every conversation has an overall deadline and bounded reads, every failure is one
MailServerError sentence with the server's words made printable, and an SMTP
refusal says what it was about, so only a permanent refusal of the recipient or
the message ends a follow-up. Real sockets throughout (support.broken_servers,
and Dovecot where a well-behaved server is needed); nothing is mocked.

Timing: each hostile conversation gets a short deadline (DEADLINE) and the test
only checks that it *ended* within a generous OUTER_LIMIT, never how fast.
"""

from __future__ import annotations

import io
import socket
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from support import hostile_mail
from support.broken_servers import (
    BrokenImapServer,
    BrokenSmtpServer,
    ImapFault,
    ImapMessage,
    SmtpFault,
    TlsMode,
    Trickle,
)
from support.certs import TlsMaterial
from support.dovecot import Dovecot

from feedback_mailer.base.errors import MailServerError
from feedback_mailer.mail import imap, smtp
from feedback_mailer.mail.imap import ImapSession, new_mail
from feedback_mailer.mail.smtp import DeliveryRefused, DeliveryUncertain, SmtpSession
from feedback_mailer.setup.config import ImapConfig, SmtpConfig

DEADLINE = 2.0  # seconds: the whole conversation with a hostile server
OUTER_LIMIT = 20.0  # generous: the test only asks that the call ended
LIFETIME = 60.0  # the scripted servers outlive OUTER_LIMIT, so only the client can end it
PEAK_LIMIT = 50 << 20  # bytes allocated at the peak while talking to a hostile server

SENDER = "alice@example.com"
RECIPIENT = "bob@example.org"
RAW = (
    b"From: Alice <alice@example.com>\r\nTo: Bob <bob@example.org>\r\n"
    b"Subject: Feedback?\r\nMessage-ID: <t1@example.com>\r\n\r\nHello Bob.\r\n"
)


# --- helpers ---------------------------------------------------------------------


def ended(call: Callable[[], object]) -> BaseException | None:
    """Run `call` in a thread; it must end within OUTER_LIMIT. Returns what it raised."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as error:
            raised.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(OUTER_LIMIT)
    assert not thread.is_alive(), f"still talking to the server after {OUTER_LIMIT:g} s"
    return raised[0] if raised else None


def one_sentence(error: BaseException | None, kind: type[BaseException] = MailServerError) -> str:
    """The error is `kind`, and its text is one printable, bounded sentence."""
    assert isinstance(error, kind), f"expected {kind.__name__}, got {error!r}"
    text = str(error)
    assert text and "\n" not in text and "Traceback" not in text
    assert hostile_mail.unsafe_characters(text) == []
    assert "b'" not in text and 'b"' not in text  # no Python bytes reprs
    assert len(text) < 800
    return text


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """The peak of traced allocations (all threads) inside the block, in bytes."""
    tracemalloc.start()
    peak: list[int] = []
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


def imap_config(
    server: BrokenImapServer, mode: TlsMode = "none", tls: TlsMaterial | None = None
) -> ImapConfig:
    return ImapConfig(
        host=server.host,
        port=server.port,
        security=mode,
        username=server.user,
        cafile=str(tls.ca_pem) if tls is not None else "",
    )


def imap_session(
    server: BrokenImapServer,
    mode: TlsMode = "none",
    tls: TlsMaterial | None = None,
    **options: Any,
) -> ImapSession:
    options.setdefault("deadline", DEADLINE)
    return ImapSession(imap_config(server, mode, tls), server.password, **options)


def smtp_session(
    server: BrokenSmtpServer,
    mode: TlsMode = "none",
    tls: TlsMaterial | None = None,
    password: str | None = None,
    **options: Any,
) -> SmtpSession:
    config = SmtpConfig(
        host=server.host,
        port=server.port,
        security=mode,
        username=server.user,
        cafile=str(tls.ca_pem) if tls is not None else "",
    )
    options.setdefault("deadline", DEADLINE)
    options.setdefault("sleep", lambda _seconds: None)
    return SmtpSession(config, server.password if password is None else password, **options)


def send_through(session: SmtpSession) -> None:
    with session:
        session.send(RAW, SENDER, RECIPIENT)


def scan_inbox(session: ImapSession) -> None:
    with session:
        found = new_mail(session, "INBOX", None, datetime.now(UTC) - timedelta(days=2))
        session.fetch_headers(found.uids)
        session.fetch_full(found.uids)


# --- IMAP: deadline ------------------------------------------------------------------


def test_imap_server_silent_after_login_ends_at_the_deadline() -> None:
    with BrokenImapServer("silent", lifetime=LIFETIME) as server:
        error = ended(lambda: scan_inbox(imap_session(server)))
    text = one_sentence(error)
    assert f"{server.host}:{server.port}" in text and "within 2 seconds" in text


@pytest.mark.parametrize(("trickle", "mode"), [("line", "none"), ("byte", "none"), ("line", "tls")])
def test_imap_trickling_server_ends_at_the_deadline(
    tls_material: TlsMaterial, trickle: Trickle, mode: TlsMode
) -> None:
    """A line every 0.2 s keeps each read alive; only the overall deadline ends it."""
    with BrokenImapServer(
        "trickle", trickle=trickle, interval=0.2, mode=mode, tls=tls_material, lifetime=LIFETIME
    ) as server:
        error = ended(lambda: scan_inbox(imap_session(server, mode, tls_material)))
        assert server.trickled >= 3  # it really trickled before we gave up
    one_sentence(error)


def test_imap_greeting_trickled_forever_ends_at_the_deadline() -> None:
    with BrokenImapServer("trickle", on="GREETING", lifetime=LIFETIME) as server:
        error = ended(lambda: imap_session(server).connect())
    one_sentence(error)


# --- IMAP: broken links and broken data ---------------------------------------------------


@pytest.mark.parametrize("on", ["SELECT", "FETCH"])
def test_imap_reset_is_one_sentence(on: str) -> None:
    with BrokenImapServer("reset", on=on, lifetime=LIFETIME) as server:
        error = ended(lambda: scan_inbox(imap_session(server)))
    assert "reset" in one_sentence(error).lower()


def test_imap_bad_uidvalidity_is_one_sentence() -> None:
    with BrokenImapServer("bad_uidvalidity", lifetime=LIFETIME) as server:
        error = ended(lambda: scan_inbox(imap_session(server)))
    assert "UIDVALIDITY" in one_sentence(error)


def test_imap_bad_search_is_one_sentence() -> None:
    with BrokenImapServer(
        "bad_search", messages=[hostile_mail.reply(None)], lifetime=LIFETIME
    ) as server:
        error = ended(lambda: scan_inbox(imap_session(server)))
    assert "SEARCH" in one_sentence(error)


@pytest.mark.parametrize("first_uid", [2**64, 2**32])
def test_imap_uid_out_of_range_is_one_sentence(first_uid: int) -> None:
    """UIDs are 1..2^32-1 (RFC 3501); beyond that the server is broken, not us."""
    with BrokenImapServer("huge_uid", first_uid=first_uid, lifetime=LIFETIME) as server:
        error = ended(lambda: scan_inbox(imap_session(server)))
        one_sentence(error)

        # The same for a UID in a SEARCH answer, even when SELECT is not looked at.
        def search_only() -> None:
            with imap_session(server) as session:
                with pytest.raises(MailServerError):
                    session.select("INBOX")
                session.search("UID", "1:*")

        one_sentence(ended(search_only))


@pytest.mark.parametrize(
    ("fault", "size", "fetch"),
    [
        ("huge_literal", 10**12, "headers"),
        ("huge_literal", 10**12, "full"),
        ("huge_literal_slow", 4 << 30, "full"),
    ],
)
def test_imap_huge_literal_is_refused_without_allocating_it(
    fault: ImapFault, size: int, fetch: str
) -> None:
    with BrokenImapServer(
        fault,
        literal_size=size,
        interval=0.05,
        lifetime=LIFETIME,
    ) as server:
        session = imap_session(server)

        def fetch_one() -> None:
            with session:
                session.select("INBOX")
                if fetch == "headers":
                    session.fetch_headers([1])
                else:
                    session.fetch_full([1])

        with peak_memory() as peak:
            error = ended(fetch_one)
    assert peak[0] < PEAK_LIMIT
    assert "literal" in one_sentence(error)


def test_imap_endless_line_is_refused() -> None:
    """A greeting line that never ends: refused at the line cap, memory bounded."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(5)
        with listener, listener.accept()[0] as conn:
            conn.settimeout(0.1)
            chunk = b"x" * 65536
            conn.sendall(b"* OK ")
            sent = 0
            while not stop.is_set() and sent < (64 << 20):
                try:
                    sent += conn.send(chunk)
                except TimeoutError:
                    continue
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    config = ImapConfig(host="127.0.0.1", port=port, security="none", username="alice")
    try:
        with peak_memory() as peak:
            error = ended(lambda: ImapSession(config, "pw", deadline=DEADLINE).connect())
    finally:
        stop.set()
        thread.join(5)
    assert peak[0] < PEAK_LIMIT
    assert "line" in one_sentence(error)


def test_imap_message_over_the_cap_is_cut_and_flagged(mailbox: Dovecot) -> None:
    """A message bigger than MAX_MESSAGE_BYTES: only its beginning is read, and it is listed."""
    small = hostile_mail.reply(None, body="short\r\n")
    filler = (b"y" * 76 + b"\r\n") * ((imap.MAX_MESSAGE_BYTES // 78) + 1000)
    big = hostile_mail.reply(None, subject="big", body=b"start\r\n" + filler)
    small_uid = mailbox.append("INBOX", small)
    big_uid = mailbox.append("INBOX", big)
    config = ImapConfig(
        host=mailbox.host,
        port=mailbox.imaps_port,
        security="tls",
        username=mailbox.user,
        cafile=str(mailbox.ca_pem),
    )
    with ImapSession(config, mailbox.password) as session:
        session.select("INBOX")
        found = session.fetch_full([small_uid, big_uid])
    assert found[small_uid].replace(b"\r\n", b"\n") == small.replace(b"\r\n", b"\n")
    assert b"Subject: big" in found[big_uid]
    assert len(found[big_uid]) <= imap.MAX_MESSAGE_BYTES + 1
    assert session.stats.oversized == [big_uid]


# --- IMAP: the server's words, made printable ------------------------------------------------


@pytest.mark.parametrize("on", ["LOGIN", "SELECT"])
def test_imap_no_with_escape_sequences_comes_out_escaped(on: str) -> None:
    transcript = io.StringIO()
    with BrokenImapServer("no_with_escapes", on=on, lifetime=LIFETIME) as server:
        error = ended(lambda: scan_inbox(imap_session(server, debug=transcript)))
    text = one_sentence(error)
    if on == "LOGIN":
        assert "[AUTHENTICATIONFAILED]" in text  # the server's own words, decoded
    assert "\\x1b[2J" in text and "safe\\x08" in text  # ... escapes shown, not obeyed
    assert hostile_mail.unsafe_characters(transcript.getvalue()) == []
    assert "S: " in transcript.getvalue()


# --- SMTP: deadline and caps ----------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "on", "outcome"),
    [
        ("silent", "MAIL", DeliveryRefused),
        ("silent", "END_OF_DATA", DeliveryUncertain),
        ("trickle", "MAIL", DeliveryRefused),
        ("trickle", "GREETING", DeliveryRefused),
        ("trickle", "END_OF_DATA", DeliveryUncertain),
    ],
)
def test_smtp_slow_server_ends_at_the_deadline(
    fault: SmtpFault, on: str, outcome: type[MailServerError]
) -> None:
    with BrokenSmtpServer(
        fault,
        on=on,
        trickle="byte" if on == "GREETING" else "line",
        interval=0.2,
        lifetime=LIFETIME,
    ) as server:
        error = ended(lambda: send_through(smtp_session(server)))
    one_sentence(error, outcome)
    if isinstance(error, DeliveryRefused):
        assert not error.ends_follow_up


@pytest.mark.parametrize(("mode", "after"), [("none", 0), ("starttls", 1)])
def test_smtp_endless_multiline_reply_is_cut_off(
    tls_material: TlsMaterial, mode: TlsMode, after: int
) -> None:
    """`250-` lines without end (64 MB here, so the unfixed client also stops)."""
    with (
        BrokenSmtpServer(
            "endless_reply",
            after=after,
            mode=mode,
            tls=tls_material,
            endless_limit=64 << 20,
            lifetime=LIFETIME,
        ) as server,
        peak_memory() as peak,
    ):
        error = ended(lambda: send_through(smtp_session(server, mode, tls_material)))
    assert peak[0] < PEAK_LIMIT
    one_sentence(error, DeliveryRefused)
    assert isinstance(error, DeliveryRefused) and error.about == "session"
    assert not error.ends_follow_up


@pytest.mark.parametrize(
    ("on", "outcome"), [("MAIL", DeliveryRefused), ("END_OF_DATA", DeliveryUncertain)]
)
def test_smtp_reset_is_one_sentence(on: str, outcome: type[MailServerError]) -> None:
    with BrokenSmtpServer("reset", on=on, lifetime=LIFETIME) as server:
        error = ended(lambda: send_through(smtp_session(server)))
    one_sentence(error, outcome)


# --- SMTP: what a refusal is about ----------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "on", "about", "permanent", "ends"),
    [
        # nonsense: smtplib reads code -1; never "the recipient refuses for good"
        (b"XYZ what", "MAIL", "unreadable", False, False),
        (b"XYZ what", "RCPT", "unreadable", False, False),
        (b"999 what", "RCPT", "unreadable", False, False),
        # about us, the sender, or the session
        (b"553 sender rejected", "MAIL", "sender", True, False),
        (b"550 5.7.1 sender address rejected", "MAIL", "sender", True, False),
        (b"421 4.3.2 Service shutting down", "MAIL", "session", False, False),
        (b"421 4.3.2 Service shutting down", "RCPT", "session", False, False),
        (b"554 5.7.1 Relay access denied", "RCPT", "session", True, False),
        (b"554 no valid recipients", "DATA", "session", True, False),
        # about the recipient
        (b"550 5.1.1 user unknown", "RCPT", "recipient", True, True),
        (b"550 no such user here", "RCPT", "recipient", True, True),
        (b"551 user not local", "RCPT", "recipient", True, True),
        (b"553 mailbox name not allowed", "RCPT", "recipient", True, True),
        (b"552 5.2.2 mailbox full", "RCPT", "recipient", True, True),
        (b"450 4.2.1 mailbox busy", "RCPT", "recipient", False, False),
        # about the message
        (b"554 5.6.0 message content rejected", "END_OF_DATA", "message", True, True),
        (b"451 4.3.0 try again later", "END_OF_DATA", "message", False, False),
    ],
)
def test_smtp_refusal_says_what_it_is_about(
    reply: bytes, on: str, about: str, permanent: bool, ends: bool
) -> None:
    with BrokenSmtpServer("reply", reply=reply, on=on, lifetime=LIFETIME) as server:
        error = ended(lambda: send_through(smtp_session(server)))
    one_sentence(error, DeliveryRefused)
    assert isinstance(error, DeliveryRefused)
    assert (error.about, error.permanent, error.ends_follow_up) == (about, permanent, ends)


@pytest.mark.parametrize(
    ("fault", "about", "ends"),
    [
        ("garbage", "unreadable", False),
        ("sender_rejected", "sender", False),
        ("shutdown_421", "session", False),
        ("rcpt_unknown", "recipient", True),
    ],
)
def test_smtp_named_faults_end_a_follow_up_only_for_the_recipient(
    fault: SmtpFault, about: str, ends: bool
) -> None:
    with BrokenSmtpServer(fault, lifetime=LIFETIME) as server:
        error = ended(lambda: send_through(smtp_session(server)))
    one_sentence(error, DeliveryRefused)
    assert isinstance(error, DeliveryRefused)
    assert (error.about, error.ends_follow_up) == (about, ends)


def test_smtp_garbage_after_the_message_is_uncertain_not_refused() -> None:
    """Nonsense after the final dot: the message may have been taken, so never re-send."""
    with BrokenSmtpServer(
        "reply", reply=b"XYZ what", on="END_OF_DATA", lifetime=LIFETIME
    ) as server:
        error = ended(lambda: send_through(smtp_session(server)))
    one_sentence(error, DeliveryUncertain)


def test_smtp_login_and_tls_failures_never_end_a_follow_up(tls_material: TlsMaterial) -> None:
    with BrokenSmtpServer(None, lifetime=LIFETIME) as server:
        error = ended(lambda: send_through(smtp_session(server, password="wrong")))
    one_sentence(error, DeliveryRefused)
    assert isinstance(error, DeliveryRefused)
    assert (error.about, error.permanent, error.ends_follow_up) == ("session", True, False)

    with BrokenSmtpServer(None, mode="tls", tls=tls_material, lifetime=LIFETIME) as server:
        # No cafile: the test CA is not trusted, so the certificate cannot be verified.
        error = ended(lambda: send_through(smtp_session(server, "tls")))
    one_sentence(error, DeliveryRefused)
    assert isinstance(error, DeliveryRefused)
    assert (error.about, error.ends_follow_up) == ("session", False)


def test_smtp_reply_with_escape_sequences_comes_out_escaped() -> None:
    transcript = io.StringIO()
    with BrokenSmtpServer("escape_reply", lifetime=LIFETIME) as server:
        error = ended(lambda: send_through(smtp_session(server, debug=transcript)))
    text = one_sentence(error, DeliveryRefused)
    assert "\\x1b[2J" in text and "5.1.1" in text
    shown = transcript.getvalue()
    assert "S: 550" in shown
    assert hostile_mail.unsafe_characters(shown) == []
    assert all(len(line) < 400 for line in shown.splitlines())


def test_smtp_well_behaved_server_still_delivers() -> None:
    with BrokenSmtpServer(None, lifetime=LIFETIME) as server:
        assert ended(lambda: send_through(smtp_session(server))) is None
        [delivery] = server.messages
    assert delivery.rcpt_tos == [RECIPIENT] and b"Hello Bob." in delivery.raw
    assert smtp.DEADLINE_SECONDS >= 60  # the default leaves a real server time


def test_imap_well_behaved_server_still_scans() -> None:
    message = ImapMessage(hostile_mail.reply("<t1@example.com>"))
    with BrokenImapServer(None, messages=[message], lifetime=LIFETIME) as server:
        session = imap_session(server)
        with session:
            found = new_mail(session, "INBOX", None, datetime.now(UTC) - timedelta(days=2))
            headers = session.fetch_headers(found.uids)
            full = session.fetch_full(found.uids)
    assert found.uids == [1] and list(headers) == [1] and full[1] == message.raw
    assert session.stats.oversized == []
    assert imap.DEADLINE_SECONDS >= 60
