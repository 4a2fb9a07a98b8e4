"""The test servers themselves, exercised with stdlib clients only.

If these pass, a failing product test points at the product, not at the harness.
The fixtures (tls_material, smtp_server, smtps_server, dovecot) come from
support.fixtures via tests/conftest.py.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import smtplib
import ssl
import time
import uuid
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from support.certs import TlsMaterial, make_tls_material
from support.dovecot import Dovecot, quote
from support.smtp_server import SmtpServer

PASSWORD = "s3cret"


def make_message(subject: str = "Feedback?", message_id: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Alice <alice@example.com>"
    message["To"] = "Bob <bob@example.org>"
    message["Subject"] = subject
    message["Message-ID"] = message_id or f"<{uuid.uuid4()}@example.com>"
    message.set_content("Hello Bob,\n.\nA line with a lone dot above.\n")
    return message


def starttls_client(
    server: SmtpServer, context: ssl.SSLContext, timeout: float = 5.0
) -> smtplib.SMTP:
    client = smtplib.SMTP(server.host, server.port, timeout=timeout)
    client.starttls(context=context)
    return client


# --- SMTP -----------------------------------------------------------------------


def test_starttls_login_and_send(smtp_server: SmtpServer, tls_material: TlsMaterial) -> None:
    assert smtp_server.connections == 0  # the controller's start-up probe is not counted
    message = make_message()
    with starttls_client(smtp_server, tls_material.client_context()) as client:
        client.login("alice", PASSWORD)
        client.send_message(message)

    [received] = smtp_server.messages
    assert received.mail_from == "alice@example.com"
    assert received.rcpt_tos == ["bob@example.org"]
    assert received.message["Subject"] == "Feedback?"
    assert received.username == "alice"
    # The lone-dot line travelled as ".." and is recorded dot-unstuffed.
    assert b"\r\n.\r\n" in received.raw
    assert b"\r\n..\r\n" not in received.raw
    assert smtp_server.message_ids() == [message["Message-ID"]]
    assert (smtp_server.logins, smtp_server.login_users) == (1, ["alice"])
    assert smtp_server.connections == 1  # STARTTLS upgrade is the same connection


def test_starttls_verification_is_really_on(smtp_server: SmtpServer) -> None:
    client = smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5)
    with client, pytest.raises(ssl.SSLCertVerificationError):
        client.starttls(context=ssl.create_default_context())  # system CAs only


def test_auth_is_not_offered_before_starttls(smtp_server: SmtpServer) -> None:
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client:
        client.ehlo()
        assert client.has_extn("starttls")
        assert not client.has_extn("auth")
        with pytest.raises(smtplib.SMTPNotSupportedError):
            client.login("alice", PASSWORD)
        with pytest.raises(smtplib.SMTPSenderRefused) as refused:
            client.sendmail("alice@example.com", ["bob@example.org"], b"Subject: x\r\n\r\nx\r\n")
        assert refused.value.smtp_code == 530
    assert smtp_server.messages == []


def test_implicit_tls(smtps_server: SmtpServer, tls_material: TlsMaterial) -> None:
    context = tls_material.client_context()
    with smtplib.SMTP_SSL(smtps_server.host, smtps_server.port, context=context) as client:
        client.login("alice", PASSWORD)
        client.send_message(make_message("implicit"))
    assert [m.message["Subject"] for m in smtps_server.messages] == ["implicit"]
    assert smtps_server.logins == 1


def test_wrong_password_is_refused(smtp_server: SmtpServer, tls_material: TlsMaterial) -> None:
    with starttls_client(smtp_server, tls_material.client_context()) as client:
        with pytest.raises(smtplib.SMTPAuthenticationError) as refused:
            client.login("alice", "wrong")
        assert refused.value.smtp_code == 535
    assert smtp_server.logins == 0


def test_transient_data_failure_then_success(
    smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    smtp_server.fail_next_data(["451 4.3.0 Try again later"])
    message = make_message()
    with starttls_client(smtp_server, tls_material.client_context()) as client:
        client.login("alice", PASSWORD)
        with pytest.raises(smtplib.SMTPDataError) as failed:
            client.send_message(message)
        assert failed.value.smtp_code == 451
        client.send_message(message)  # same connection, fault consumed
    assert smtp_server.message_ids() == [message["Message-ID"]]


def test_rcpt_failure(smtp_server: SmtpServer, tls_material: TlsMaterial) -> None:
    smtp_server.fail_next_rcpt(["450 4.2.1 Mailbox busy"])
    with starttls_client(smtp_server, tls_material.client_context()) as client:
        client.login("alice", PASSWORD)
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            client.send_message(make_message())
        assert refused.value.recipients["bob@example.org"][0] == 450
        client.send_message(make_message())
    assert len(smtp_server.messages) == 1


def test_drop_mid_data_then_server_still_works(
    smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    smtp_server.drop_mid_data()
    context = tls_material.client_context()
    client = starttls_client(smtp_server, context)
    client.login("alice", PASSWORD)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        client.send_message(make_message("dropped"))
    client.close()

    with starttls_client(smtp_server, context) as client:
        client.login("alice", PASSWORD)
        client.send_message(make_message("second try"))
    assert [m.message["Subject"] for m in smtp_server.messages] == ["second try"]
    assert smtp_server.connections == 2


def test_drop_after_data_is_not_recorded(
    smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    smtp_server.drop_after_data()
    client = starttls_client(smtp_server, tls_material.client_context())
    client.login("alice", PASSWORD)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        client.send_message(make_message())
    client.close()
    assert smtp_server.messages == []


def test_delayed_reply_records_message_before_answering(
    smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    smtp_server.delay_data(1.0, n=1)
    message = make_message()
    client = starttls_client(smtp_server, tls_material.client_context(), timeout=2)
    client.login("alice", PASSWORD)
    assert client.sock is not None
    client.sock.settimeout(0.2)  # give up waiting for "250", like a killed client
    with pytest.raises(smtplib.SMTPServerDisconnected, match="timed out"):
        client.send_message(message)
    client.close()
    [received] = smtp_server.wait_for_messages(1, timeout=2)
    assert received.message_id == message["Message-ID"]


def test_server_without_starttls_still_baits_auth(tls_material: TlsMaterial) -> None:
    with (
        SmtpServer(tls_material, offer_starttls=False) as server,
        smtplib.SMTP(server.host, server.port, timeout=5) as client,
    ):
        client.ehlo()
        assert not client.has_extn("starttls")
        assert client.has_extn("auth")  # a careless client would send the password
        with pytest.raises(smtplib.SMTPNotSupportedError):
            client.starttls(context=tls_material.client_context())


@pytest.mark.parametrize("smtputf8", [True, False])
def test_smtputf8_switch(tls_material: TlsMaterial, smtputf8: bool) -> None:
    with SmtpServer(tls_material, smtputf8=smtputf8) as server:
        client = starttls_client(server, tls_material.client_context())
        with client:
            client.ehlo()
            assert client.has_extn("smtputf8") is smtputf8
            if smtputf8:
                client.login("alice", PASSWORD)
                client.sendmail(
                    "józef@example.com", ["bob@example.org"], b"Subject: x\r\n\r\n", ["SMTPUTF8"]
                )
        if smtputf8:
            [received] = server.messages
            assert received.mail_from == "józef@example.com"
            assert "SMTPUTF8" in received.mail_options


def test_plaintext_mode_for_loopback() -> None:
    with (
        SmtpServer(None, mode="none") as server,
        smtplib.SMTP(server.host, server.port, timeout=5) as client,
    ):
        client.login("alice", PASSWORD)
        client.send_message(make_message())
        assert len(server.messages) == 1


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"expired": True}, "certificate has expired"),
        ({"hosts": ("wrong.example",)}, "IP address mismatch"),
        ({"ca_trusted": False}, "unable to get local issuer certificate"),
    ],
    ids=["expired", "wrong-host", "untrusted-ca"],
)
def test_bad_certificates_fail_verification(
    tmp_path: Path, kwargs: dict[str, Any], reason: str
) -> None:
    material = make_tls_material(tmp_path, **kwargs)
    context = material.client_context()  # trusts this material's own ca.pem
    with SmtpServer(material, mode="tls") as server:
        with pytest.raises(ssl.SSLCertVerificationError) as failed:
            smtplib.SMTP_SSL(server.host, server.port, context=context, timeout=5)
        assert reason in str(failed.value.verify_message)


# --- IMAP (Dovecot) ---------------------------------------------------------------


def reply_to(original_id: str) -> bytes:
    return (
        "From: Bob <bob@example.org>\r\n"
        "To: Alice <alice@example.com>\r\n"
        "Subject: Re: Feedback?\r\n"
        f"Message-ID: <{uuid.uuid4()}@example.org>\r\n"
        f"In-Reply-To: {original_id}\r\n"
        f"References: {original_id}\r\n"
        "\r\n"
        "Thanks, it went well.\r\n"
    ).encode()


def test_imaps_append_search_peek(dovecot: Dovecot) -> None:
    original_id = f"<{uuid.uuid4()}@example.com>"
    context = ssl.create_default_context(cafile=str(dovecot.ca_pem))
    with imaplib.IMAP4_SSL(dovecot.host, dovecot.imaps_port, ssl_context=context) as imap:
        imap.login(dovecot.user, dovecot.password)
        typ, _ = imap.append("INBOX", None, None, reply_to(original_id))
        assert typ == "OK"
        imap.select("INBOX")
        typ, data = imap.uid("SEARCH", "HEADER", "In-Reply-To", f'"{original_id}"')
        [uid] = data[0].split()
        typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[HEADER.FIELDS (IN-REPLY-TO)])")
        assert original_id.encode() in data[0][1]
        typ, data = imap.uid("FETCH", uid, "(FLAGS)")
        assert b"\\Seen" not in data[0]
    assert "\\Seen" not in dovecot.flags("INBOX", int(uid))


def test_imaps_verification_is_really_on(dovecot: Dovecot) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        imaplib.IMAP4_SSL(
            dovecot.host, dovecot.imaps_port, ssl_context=ssl.create_default_context()
        )


def test_imap_starttls_on_plain_port(dovecot: Dovecot) -> None:
    with imaplib.IMAP4(dovecot.host, dovecot.imap_port, timeout=5) as imap:
        assert "STARTTLS" in imap.capabilities
        imap.starttls(ssl_context=dovecot.client_context())
        typ, _ = imap.login(dovecot.user, dovecot.password)
        assert typ == "OK"


def test_append_helper_flags_date_and_fetch_all(dovecot: Dovecot) -> None:
    folder = f"helpers-{uuid.uuid4().hex[:8]}"
    dovecot.create_folder(folder)
    raw = reply_to("<x@example.com>")
    date = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    uid = dovecot.append(folder, raw, flags=("\\Seen",), date=date)
    assert dovecot.flags(folder, uid) >= {"\\Seen"}
    assert dovecot.fetch_all(folder) == [raw]
    assert dovecot.count(folder) == 1
    with dovecot.connect() as imap:
        imap.select(quote(folder), readonly=True)
        _, data = imap.uid("FETCH", str(uid), "(INTERNALDATE)")
    assert b"01-Mar-2024 09:30:00 +0000" in data[0]


def test_sent_mailbox_exists_and_accepts_append(dovecot: Dovecot) -> None:
    before = dovecot.count("Sent")
    dovecot.append("Sent", bytes(make_message()))
    assert dovecot.count("Sent") == before + 1


def test_recreate_folder_changes_uidvalidity(dovecot: Dovecot) -> None:
    folder = f"recreate-{uuid.uuid4().hex[:8]}"
    dovecot.create_folder(folder)
    dovecot.append(folder, reply_to("<y@example.com>"))
    before = dovecot.uidvalidity(folder)
    after = dovecot.recreate_folder(folder)
    assert after != before
    assert dovecot.count(folder) == 0


def test_reset_uidvalidity_of_inbox_keeps_messages(dovecot: Dovecot) -> None:
    dovecot.append("INBOX", reply_to("<z@example.com>"))
    count, before = dovecot.count("INBOX"), dovecot.uidvalidity("INBOX")
    assert dovecot.reset_uidvalidity("INBOX") != before
    assert dovecot.count("INBOX") == count


def test_wrong_imap_password_is_quick_and_not_penalised(dovecot: Dovecot) -> None:
    context = dovecot.client_context()
    for _ in range(2):  # a second failure would trigger anvil's penalty if enabled
        started = time.monotonic()
        with (
            imaplib.IMAP4_SSL(dovecot.host, dovecot.imaps_port, ssl_context=context) as imap,
            pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"),
        ):
            imap.login(dovecot.user, "wrong")
        assert time.monotonic() - started < 1.5
    started = time.monotonic()
    assert dovecot.count("INBOX") >= 0  # a good login right after is not delayed
    assert time.monotonic() - started < 1.0


def test_as_user_gives_a_separate_mailbox(dovecot: Dovecot) -> None:
    name = f"u{uuid.uuid4().hex[:8]}"
    other = dovecot.as_user(name, "pw-" + name)
    other.append("INBOX", reply_to("<w@example.com>"))
    assert other.count("INBOX") == 1  # a fresh mailbox, not alice's
    assert other.count("Sent") == 0  # auto-created for every user
