"""The scripted broken servers and the hostile-mail generators, exercised with stdlib clients.

Each test shows one fault really happens as documented (support.broken_servers,
support.hostile_mail), so a product test that uses it fails only because of the
product. Every test here runs in well under 2 s and none can hang: the servers
poll every 50 ms and stop when their ``with`` block ends.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import imaplib
import smtplib
import socket
import threading
import time
import uuid
from collections.abc import Callable
from email.message import EmailMessage
from email.parser import BytesParser

import pytest
from support import hostile_mail
from support.broken_servers import (
    HOSTILE_REPLY_TEXT,
    BrokenImapServer,
    BrokenSmtpServer,
    ImapMessage,
    SmtpFault,
    TlsMode,
    Trickle,
)
from support.certs import TlsMaterial


def make_message() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Alice <alice@example.com>"
    message["To"] = "Bob <bob@example.org>"
    message["Subject"] = "Feedback?"
    message["Message-ID"] = f"<{uuid.uuid4()}@example.com>"
    message.set_content("Hello Bob,\n.\nA line with a lone dot above.\n")
    return message


SHORT = 0.5  # a client read timeout, in seconds: every fault below shows within it
ORIGINAL_ID = "<request-1@example.com>"
CONTACT = "bob@example.org"


def scripted_imap(server: BrokenImapServer, timeout: float = SHORT) -> imaplib.IMAP4:
    imap = imaplib.IMAP4(server.host, server.port, timeout=timeout)
    imap.login(server.user, server.password)
    return imap


def scripted_smtp(server: BrokenSmtpServer, timeout: float = SHORT) -> smtplib.SMTP:
    return smtplib.SMTP(server.host, server.port, timeout=timeout, local_hostname="localhost")


def in_thread(call: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    """Run a call that is expected to block; its exception, if any, lands in the list."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as error:
            raised.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, raised


@pytest.mark.parametrize("mode", ["starttls", "tls"])
def test_broken_imap_happy_path(tls_material: TlsMaterial, mode: TlsMode) -> None:
    original = ImapMessage(
        hostile_mail.reply(ORIGINAL_ID, CONTACT),
        internaldate=dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC),
    )
    context = tls_material.client_context()
    with BrokenImapServer(messages=[original], mode=mode, tls=tls_material) as server:
        if mode == "tls":
            imap = imaplib.IMAP4_SSL(server.host, server.port, ssl_context=context, timeout=2)
        else:
            imap = imaplib.IMAP4(server.host, server.port, timeout=2)
            assert "STARTTLS" in imap.capabilities
            imap.starttls(ssl_context=context)
        with imap:
            imap.login(server.user, server.password)
            assert imap.select('"INBOX"', readonly=True) == ("OK", [b"1"])
            assert imap.response("UIDVALIDITY") == ("UIDVALIDITY", [b"1"])
            assert imap.response("UIDNEXT") == ("UIDNEXT", [b"2"])
            assert imap.uid("SEARCH", "UID", "1:*") == ("OK", [b"1"])
            assert imap.uid("SEARCH", "SINCE", "01-Mar-2024") == ("OK", [b"1"])
            assert imap.uid("SEARCH", "SINCE", "02-Mar-2024") == ("OK", [b""])
            _, data = imap.uid("FETCH", "1", "(UID BODY.PEEK[HEADER.FIELDS (FROM IN-REPLY-TO)])")
            assert data[0][1] == f"From: {CONTACT}\r\nIn-Reply-To: {ORIGINAL_ID}\r\n\r\n".encode()
            _, data = imap.uid("FETCH", "1", "(UID INTERNALDATE BODY.PEEK[])")
            assert b'INTERNALDATE "01-Mar-2024 09:30:00 +0000"' in data[0][0]
            assert data[0][1] == original.raw
            when = imaplib.Time2Internaldate(time.time())
            assert imap.append('"Sent"', r"(\Seen)", when, b"Subject: x\r\n\r\nx\r\n")[0] == "OK"
    assert server.appended("Sent") == [b"Subject: x\r\n\r\nx\r\n"]
    assert "LOGIN ***" in server.commands  # never the password
    assert server.errors == []


def test_broken_imap_silent_after_login() -> None:
    with BrokenImapServer("silent") as server:
        imap = scripted_imap(server)  # the login is answered
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            imap.select("INBOX", readonly=True)
        assert time.monotonic() - started < SHORT + 0.5
        assert server.faults == 1


@pytest.mark.parametrize("on", ["SELECT", "FETCH"])
def test_broken_imap_reset(on: str) -> None:
    with BrokenImapServer("reset", on=on) as server:
        imap = scripted_imap(server)
        with pytest.raises(ConnectionResetError):
            imap.select("INBOX", readonly=True)
            assert imap.uid("SEARCH", "UID", "1:*") == ("OK", [b"1"])
            imap.uid("FETCH", "1", "(UID BODY.PEEK[])")
        assert server.faults == 1
        assert server.commands[-1].startswith("EXAMINE" if on == "SELECT" else "UID FETCH")


def test_broken_imap_uidvalidity_abc_and_search_x2() -> None:
    with BrokenImapServer("bad_uidvalidity") as server:
        imap = scripted_imap(server)
        assert imap.select("INBOX", readonly=True)[0] == "OK"
        [validity] = imap.response("UIDVALIDITY")[1]
        assert validity == b"abc"
        with pytest.raises(ValueError):
            int(validity)
    with BrokenImapServer("bad_search") as server:
        imap = scripted_imap(server)
        imap.select("INBOX", readonly=True)
        assert imap.uid("SEARCH", "UID", "1:*") == ("OK", [b"1 x2"])


def test_broken_imap_uid_beyond_64_bits() -> None:
    with BrokenImapServer("huge_uid") as server:
        imap = scripted_imap(server)
        imap.select("INBOX", readonly=True)
        assert imap.response("UIDNEXT")[1] == [b"%d" % (2**64 + 1)]
        _, [uids] = imap.uid("SEARCH", "UID", "1:*")
        assert int(uids) == 2**64
        _, data = imap.uid("FETCH", uids, "(UID BODY.PEEK[HEADER.FIELDS (FROM)])")
        assert data[0][0].startswith(b"1 (UID 18446744073709551616 ")


def test_broken_imap_literal_of_a_terabyte_then_nothing() -> None:
    with BrokenImapServer("huge_literal") as server:
        imap = scripted_imap(server)
        imap.select("INBOX", readonly=True)
        imap.send(b"F1 UID FETCH 1 (UID BODY.PEEK[])\r\n")  # imaplib would malloc 10**12 bytes
        assert imap.readline() == b"* 1 FETCH (UID 1 BODY[] {1000000000000}\r\n"
        with pytest.raises(TimeoutError):
            imap.readline()


def test_broken_imap_literal_of_4_gib_streamed_slowly() -> None:
    with BrokenImapServer("huge_literal_slow", interval=0.05, chunk_size=1000) as server:
        imap = scripted_imap(server)
        imap.select("INBOX", readonly=True)
        imap.send(b"F1 UID FETCH 1 (UID BODY.PEEK[])\r\n")
        assert imap.readline() == b"* 1 FETCH (UID 1 BODY[] {4294967296}\r\n"
        received = b""
        deadline = time.monotonic() + 0.6
        while time.monotonic() < deadline:
            received += imap.file.read1(65536)  # each read comes well within the timeout
        assert 4_000 <= len(received) <= 20_000  # ~1,000 bytes every 50 ms, not all at once
        assert received.startswith(b"X-Filler: xxx")


@pytest.mark.parametrize("trickle", ["line", "byte"])
def test_broken_imap_trickle_outlasts_the_read_timeout(trickle: Trickle) -> None:
    with BrokenImapServer("trickle", trickle=trickle, interval=0.05) as server:
        imap = scripted_imap(server, timeout=0.3)
        thread, raised = in_thread(lambda: imap.select("INBOX", readonly=True))
        thread.join(1.0)  # more than three read timeouts
        assert thread.is_alive()  # still reading: something arrived before each timeout
        assert server.trickled >= 10
    thread.join(2)  # stopping the server closes the connection: the client sees EOF
    assert not thread.is_alive()
    assert isinstance(raised[0], imaplib.IMAP4.abort)


@pytest.mark.parametrize("on", ["LOGIN", "SELECT"])
def test_broken_imap_no_with_escape_sequences(on: str) -> None:
    with BrokenImapServer("no_with_escapes", on=on) as server:
        imap = imaplib.IMAP4(server.host, server.port, timeout=SHORT)
        if on == "LOGIN":
            with pytest.raises(imaplib.IMAP4.error) as refused:
                imap.login(server.user, server.password)
            text: bytes = refused.value.args[0]
        else:
            imap.login(server.user, server.password)
            status, [text] = imap.select("INBOX", readonly=True)
            assert status == "NO"
    assert text.endswith(HOSTILE_REPLY_TEXT)
    shown = text.decode("utf-8", "replace")
    assert {"\x1b", "\x07", "\x08", "\u009b", "\u202e", "\u200b"} <= set(
        hostile_mail.unsafe_characters(shown)
    )


@pytest.mark.parametrize("mode", ["starttls", "tls"])
def test_broken_smtp_happy_path(tls_material: TlsMaterial, mode: TlsMode) -> None:
    context = tls_material.client_context()
    with BrokenSmtpServer(mode=mode, tls=tls_material) as server:
        if mode == "tls":
            client = smtplib.SMTP_SSL(server.host, server.port, context=context, timeout=2)
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=2)
            client.starttls(context=context)
        with client:
            client.ehlo()
            assert client.has_extn("smtputf8") and client.has_extn("auth")
            assert not client.has_extn("starttls")  # not again once under TLS
            if mode == "tls":  # AUTH LOGIN (two challenges) rather than PLAIN
                client.user, client.password = server.user, server.password
                assert client.auth("LOGIN", client.auth_login)[0] == 235
            else:
                client.login(server.user, server.password)
            client.send_message(make_message())
    [delivered] = server.messages
    assert (delivered.mail_from, delivered.rcpt_tos) == ("alice@example.com", ["bob@example.org"])
    assert b"\r\n.\r\nA line with a lone dot" in delivered.raw  # dot-unstuffed
    assert server.errors == []


def test_broken_smtp_wrong_password_is_refused() -> None:
    with BrokenSmtpServer() as server, scripted_smtp(server) as client:
        with pytest.raises(smtplib.SMTPAuthenticationError) as refused:
            client.login(server.user, "wrong")
        assert refused.value.smtp_code == 535


def test_broken_smtp_endless_ehlo_reply() -> None:
    with (
        BrokenSmtpServer("endless_reply") as server,
        socket.create_connection(server.address, timeout=SHORT) as sock,
    ):
        reader = sock.makefile("rb")
        assert reader.readline().startswith(b"220 ")
        sock.sendall(b"EHLO me\r\n")
        for _ in range(40_000):  # 3 MB of continuation lines, and more to come
            assert reader.readline().startswith(b"250-")
    with (
        BrokenSmtpServer("endless_reply", endless_limit=2_000_000) as server,
        scripted_smtp(server) as client,
    ):
        code, text = client.ehlo()
        assert code == 250
        assert len(text) > 1_800_000  # smtplib keeps every line of a reply


@pytest.mark.parametrize(
    ("fault", "command", "code", "text"),
    [
        ("garbage", "MAIL", -1, b"what"),  # "XYZ what": smtplib cannot read a code
        ("sender_rejected", "MAIL", 553, b"sender rejected"),
        ("shutdown_421", "MAIL", 421, b"4.3.2 Service shutting down"),
        ("rcpt_unknown", "RCPT", 550, b"5.1.1 user unknown"),
        ("escape_reply", "RCPT", 550, b"5.1.1 " + HOSTILE_REPLY_TEXT),
    ],
)
def test_broken_smtp_replies(fault: SmtpFault, command: str, code: int, text: bytes) -> None:
    with BrokenSmtpServer(fault) as server, scripted_smtp(server) as client:
        client.login(server.user, server.password)
        reply = client.mail("alice@example.com")
        if command == "RCPT":
            assert reply[0] == 250
            reply = client.rcpt("bob@example.org")
        assert reply[0] == code
        assert reply[1].startswith(text)
        if fault == "shutdown_421":
            with pytest.raises(smtplib.SMTPServerDisconnected):
                client.rset()
        else:  # the session goes on
            assert client.rset()[0] == 250
    assert server.faults == 1
    assert server.messages == []


def test_broken_smtp_after_and_times() -> None:
    with BrokenSmtpServer("rcpt_unknown", after=1, times=1) as server, scripted_smtp(server) as c:
        c.mail("alice@example.com")
        answers = [c.rcpt(f"r{n}@example.org")[0] for n in range(3)]
    assert answers == [250, 550, 250]


@pytest.mark.parametrize(("fault", "reason"), [("silent", "timed out"), ("reset", "reset")])
def test_broken_smtp_silent_or_reset_at_mail_from(fault: SmtpFault, reason: str) -> None:
    with BrokenSmtpServer(fault) as server:
        client = scripted_smtp(server)
        client.ehlo()
        with pytest.raises(smtplib.SMTPServerDisconnected, match=reason):
            client.mail("alice@example.com")


@pytest.mark.parametrize(("on", "trickle"), [("MAIL", "line"), ("GREETING", "byte")])
def test_broken_smtp_trickle_outlasts_the_read_timeout(on: str, trickle: Trickle) -> None:
    with BrokenSmtpServer("trickle", on=on, trickle=trickle, interval=0.05) as server:
        if on == "GREETING":
            thread, raised = in_thread(lambda: scripted_smtp(server, timeout=0.3))
        else:
            client = scripted_smtp(server, timeout=0.3)
            client.ehlo()
            thread, raised = in_thread(lambda: client.mail("alice@example.com"))
        thread.join(1.0)
        assert thread.is_alive()
        assert server.trickled >= 10
    thread.join(2)
    assert not thread.is_alive()
    # Cut mid-line, the "2" of a trickled "250-" reads as a final reply: SMTPConnectError.
    assert isinstance(raised[0], smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError)


# --- hostile mail generators


SIMPLE_GENERATORS: list[Callable[..., bytes]] = [
    hostile_mail.reply,
    hostile_mail.html_anchor_flood,
    hostile_mail.long_header_line,
    hostile_mail.many_headers,
    hostile_mail.many_parts,
    hostile_mail.utf8_subject,
    hostile_mail.latin1_subject,
    hostile_mail.latin1_message_id,
    hostile_mail.terminal_escapes,
    hostile_mail.garbage_date,
    hostile_mail.ancient_date,
    hostile_mail.far_future_date,
    hostile_mail.no_message_id,
]


def header(raw: bytes, name: str) -> list[bytes]:
    head, _ = hostile_mail.split_message(raw)
    prefix = name.lower().encode() + b": "
    return [line[len(prefix) :] for line in head.split(b"\r\n") if line.lower().startswith(prefix)]


@pytest.mark.parametrize("generate", SIMPLE_GENERATORS, ids=lambda g: g.__name__)
def test_hostile_generators_reference_the_request(generate: Callable[..., bytes]) -> None:
    raw = generate(ORIGINAL_ID, CONTACT)
    assert isinstance(raw, bytes)
    assert header(raw, "In-Reply-To") == header(raw, "References") == [ORIGINAL_ID.encode()]
    assert CONTACT.encode() + b">" in header(raw, "From")[0] or header(raw, "From") == [
        CONTACT.encode()
    ]
    assert header(generate(None, CONTACT), "In-Reply-To") == []


def test_hostile_deep_multipart_breaks_the_stdlib_parser() -> None:
    raw = hostile_mail.deep_multipart(ORIGINAL_ID)
    assert header(raw, "From") == [b"postmaster@example.net"]
    assert header(raw, "In-Reply-To") == [ORIGINAL_ID.encode()]
    assert raw.count(b"Content-Type: multipart/mixed") == 1000
    assert raw.count(b"--\r\n") == 1000  # every level closed
    with pytest.raises(RecursionError):
        BytesParser(policy=email.policy.default).parsebytes(raw)


@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_hostile_html_anchor_flood_size(size: int) -> None:
    raw = hostile_mail.html_anchor_flood(ORIGINAL_ID, CONTACT, size=size)
    _, body = hostile_mail.split_message(raw)
    assert len(body) == size
    assert body.startswith(b"<a <a <a ") and b"\n" not in body
    assert header(raw, "Content-Type") == [b"text/html; charset=us-ascii"]


def test_hostile_big_headers_and_parts() -> None:
    raw = hostile_mail.long_header_line(ORIGINAL_ID, CONTACT)
    assert max(len(line) for line in raw.split(b"\r\n")) == 2_000_000
    raw = hostile_mail.many_headers(ORIGINAL_ID, CONTACT)
    assert len(header(raw, "X-Filler")) == 100_000
    raw = hostile_mail.many_parts(ORIGINAL_ID, CONTACT)
    assert raw.count(b"--p\r\n") == 10_000 and raw.endswith(b"--p--\r\n")


def test_hostile_non_ascii_bytes() -> None:
    [subject] = header(hostile_mail.utf8_subject(ORIGINAL_ID), "Subject")
    assert subject.decode() == "Re: Votre candidature — merci ✓ 日本語"  # raw UTF-8, RFC 6532
    [subject] = header(hostile_mail.latin1_subject(ORIGINAL_ID), "Subject")
    [message_id] = header(hostile_mail.latin1_message_id(ORIGINAL_ID), "Message-ID")
    for value in (subject, message_id):
        assert b"\xe9" in value
        with pytest.raises(UnicodeDecodeError):
            value.decode()


def test_hostile_delivery_reports() -> None:
    raw = hostile_mail.delivery_report(ORIGINAL_ID, CONTACT)
    assert header(raw, "From") == [b"Mail Delivery System <MAILER-DAEMON@example.net>"]
    assert header(raw, "Content-Type")[0].startswith(b"multipart/report; report-type=delivery")
    assert header(raw, "In-Reply-To") == []  # as MTAs do; the id is in the returned headers
    assert b"\r\nMessage-ID: " + ORIGINAL_ID.encode() + b"\r\n" in raw
    [diagnostic] = [line for line in raw.split(b"\r\n") if line.startswith(b"Diagnostic-Code:")]
    assert b"\xe4" in diagnostic
    with pytest.raises(UnicodeDecodeError):
        diagnostic.decode()
    assert b"\r\nAction: failed\r\nStatus: 5.1.1\r\n" in raw
    success = hostile_mail.delivery_report(
        ORIGINAL_ID, CONTACT, action="delivered", status="2.0.0", threaded=True
    )
    assert b"\r\nAction: delivered\r\nStatus: 2.0.0\r\n" in success
    assert header(success, "In-Reply-To") == [ORIGINAL_ID.encode()]


@pytest.mark.parametrize("encoded_headers", [False, True])
def test_hostile_terminal_escapes(encoded_headers: bool) -> None:
    raw = hostile_mail.terminal_escapes(ORIGINAL_ID, CONTACT, encoded_headers=encoded_headers)
    message = BytesParser(policy=email.policy.default).parsebytes(raw)
    body = message.get_content()
    for name, payload in hostile_mail.TERMINAL_ATTACKS.items():
        assert hostile_mail.unsafe_characters(payload), name
        assert payload in body, name
        assert payload in str(message["Subject"]) or encoded_headers, name
        if encoded_headers:
            assert payload.encode() not in hostile_mail.split_message(raw)[0], name
    assert b"\x1b" in raw and b"\xc2\x9b" in raw and "\u202e".encode() in raw


def test_hostile_dates_and_missing_message_id() -> None:
    [date] = header(hostile_mail.garbage_date(None, CONTACT), "Date")
    with pytest.raises((ValueError, TypeError)):
        email.utils.parsedate_to_datetime(date.decode())
    [date] = header(hostile_mail.ancient_date(None, CONTACT), "Date")
    assert email.utils.parsedate_to_datetime(date.decode()).year == 1970
    now = dt.datetime(2021, 6, 1, 12, 0, tzinfo=dt.UTC)
    [date] = header(hostile_mail.far_future_date(None, CONTACT, now=now), "Date")
    assert email.utils.parsedate_to_datetime(date.decode()).year == 2021 + 7978
    [date] = header(hostile_mail.far_future_date(None, CONTACT), "Date")
    assert str(dt.datetime.now(dt.UTC).year + 7978).encode() in date
    raw = hostile_mail.no_message_id(ORIGINAL_ID, CONTACT)
    assert header(raw, "Message-ID") == [] and header(raw, "In-Reply-To") == [ORIGINAL_ID.encode()]


@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_hostile_adversarial_corpus_sizes(size: int) -> None:
    corpus = hostile_mail.adversarial_corpus(size, ORIGINAL_ID, CONTACT)
    assert set(corpus) == {
        "deep_multipart",
        "html_anchor_flood",
        "long_header_line",
        "many_headers",
        "many_parts",
    }
    for name, raw in corpus.items():
        assert abs(len(raw) - size) <= size // 100, name
