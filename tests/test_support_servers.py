"""The test servers themselves, exercised with stdlib clients only.

If these pass, a failing product test points at the product, not at the harness.
The fixtures (tls_material, smtp_server, smtps_server, dovecot and the OAuth2 ones:
oauth_server, oauth_dovecot, oauth_smtp_server) come from support.fixtures via
tests/conftest.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import imaplib
import json
import smtplib
import ssl
import time
import uuid
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session, OAuthError
from support.certs import TlsMaterial, make_tls_material
from support.dovecot import BASIC_AUTH_DISABLED, WEB_LOGIN_REQUIRED, Dovecot, quote
from support.oauth_server import DEVICE_CODE_GRANT, LoopbackRedirectCatcher, OAuthServer
from support.oauth_tokens import decode_hs256, oauthbearer_message, xoauth2_message
from support.smtp_server import (
    GMAIL_APP_PASSWORD_REQUIRED,
    MICROSOFT_BASIC_AUTH_DISABLED,
    MICROSOFT_CLIENT_SUBMISSION_DISABLED,
    SmtpServer,
)

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


# --- OAuth2: authorization server, Dovecot and aiosmtpd with JWT access tokens ----------
#
# Real clients only: Authlib's OAuth2Session (requests) against the Authlib server,
# imaplib.authenticate against Dovecot's own token check, smtplib.auth against aiosmtpd.

OAUTH_SCOPE = "imap smtp offline_access"


def oauth_session(server: OAuthServer, **kwargs: Any) -> OAuth2Session:
    """A public client's session, as a CLI would hold one."""
    session = OAuth2Session(
        server.public_client_id,
        scope=OAUTH_SCOPE,
        token_endpoint_auth_method="none",
        **kwargs,
    )
    session.trust_env = False  # loopback only, whatever proxy the environment names
    return session


def start_device_flow(server: OAuthServer, session: OAuth2Session) -> dict[str, Any]:
    response = session.post(
        server.device_authorization_endpoint,
        data={"client_id": server.public_client_id, "scope": OAUTH_SCOPE},
        withhold_token=True,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def poll_device_token(
    server: OAuthServer, session: OAuth2Session, device_code: str
) -> dict[str, Any]:
    return dict(
        session.fetch_token(
            server.token_endpoint, grant_type=DEVICE_CODE_GRANT, device_code=device_code
        )
    )


def device_flow_tokens(server: OAuthServer) -> dict[str, Any]:
    session = oauth_session(server)
    started = start_device_flow(server, session)
    server.approve_device_code(started["user_code"])
    return poll_device_token(server, session, started["device_code"])


def test_oauth_device_flow_poll(oauth_server: OAuthServer) -> None:
    session = oauth_session(oauth_server)
    started = start_device_flow(oauth_server, session)
    assert started["verification_uri"] == oauth_server.verification_uri
    assert started["interval"] == oauth_server.device_poll_interval
    with pytest.raises(OAuthError) as pending:
        poll_device_token(oauth_server, session, started["device_code"])
    assert pending.value.error == "authorization_pending"

    assert oauth_server.wait_for_device_code(timeout=1) == started["user_code"]
    oauth_server.approve_device_code()  # the pending code, through the verification page
    token = poll_device_token(oauth_server, session, started["device_code"])

    assert token["token_type"] == "Bearer"
    assert token["scope"] == OAUTH_SCOPE
    assert token["refresh_token"]
    claims = decode_hs256(
        token["access_token"], oauth_server.signing_key, issuer=oauth_server.issuer, scope="imap"
    )
    assert claims["sub"] == "alice"
    assert claims["exp"] - claims["iat"] == token["expires_in"] == 3600
    header = json.loads(base64.urlsafe_b64decode(token["access_token"].split(".")[0] + "=="))
    assert header == {"alg": "HS256", "typ": "JWT"}  # what Dovecot insists on
    assert oauth_server.token_requests_by_grant == {DEVICE_CODE_GRANT: 2}
    assert oauth_server.refresh_token_state(token["refresh_token"]) == "active"
    # A device code is used once.
    with pytest.raises(OAuthError):
        poll_device_token(oauth_server, session, started["device_code"])


def test_oauth_device_flow_denied_and_slow_down(oauth_signing_key: bytes) -> None:
    with OAuthServer(signing_key=oauth_signing_key, device_poll_interval=5) as server:
        session = oauth_session(server)
        started = start_device_flow(server, session)
        errors = []
        for _ in range(2):  # the second poll comes far sooner than 5 s
            with pytest.raises(OAuthError) as polled:
                poll_device_token(server, session, started["device_code"])
            errors.append(polled.value.error)
        assert errors == ["authorization_pending", "slow_down"]

        server.deny_device_code(started["user_code"], user="alice")
        with pytest.raises(OAuthError) as denied:
            poll_device_token(server, session, started["device_code"])
        assert denied.value.error == "access_denied"
        assert server.issued_tokens == []


def test_oauth_pkce_flow_follows_redirect_to_loopback(oauth_server: OAuthServer) -> None:
    with LoopbackRedirectCatcher() as catcher:
        session = oauth_session(
            oauth_server, redirect_uri=catcher.redirect_uri, code_challenge_method="S256"
        )
        verifier = generate_token(48)
        url, state = session.create_authorization_url(
            oauth_server.authorization_endpoint, code_verifier=verifier
        )
        result = oauth_server.authorize(url)
        assert (result.state, result.error, result.callback_status) == (state, None, 200)
        callback = catcher.wait(timeout=5)
        assert callback == result.location  # the listener got exactly the 302's target

        # The code is bound to the verifier: a wrong one is refused...
        with pytest.raises(OAuthError) as wrong:
            session.fetch_token(
                oauth_server.token_endpoint,
                authorization_response=callback,
                code_verifier=generate_token(48),
            )
        assert wrong.value.error == "invalid_grant"
        # ...and it was not spent by the failed attempt.
        token = session.fetch_token(
            oauth_server.token_endpoint, authorization_response=callback, code_verifier=verifier
        )
    assert token["scope"] == OAUTH_SCOPE
    assert decode_hs256(token["access_token"], oauth_server.signing_key)["sub"] == "alice"
    assert oauth_server.token_requests_by_grant == {"authorization_code": 2}


def test_oauth_public_client_must_use_pkce(oauth_server: OAuthServer) -> None:
    session = oauth_session(oauth_server, redirect_uri="http://127.0.0.1:9/")
    url, state = session.create_authorization_url(oauth_server.authorization_endpoint)
    result = oauth_server.authorize(url, follow=False)
    assert (result.error, result.state, result.code) == ("invalid_request", state, None)


def test_oauth_user_can_refuse_consent(oauth_server: OAuthServer) -> None:
    session = oauth_session(
        oauth_server, redirect_uri="http://localhost:9/", code_challenge_method="S256"
    )
    url, _ = session.create_authorization_url(
        oauth_server.authorization_endpoint, code_verifier=generate_token(48)
    )
    result = oauth_server.authorize(url, approve=False, follow=False)
    assert result.error == "access_denied"
    assert result.location.startswith("http://localhost:9/?")


def test_oauth_confidential_client_needs_its_secret(oauth_server: OAuthServer) -> None:
    with LoopbackRedirectCatcher() as catcher:
        session = OAuth2Session(
            oauth_server.confidential_client_id,
            oauth_server.client_secret,
            scope="imap",
            redirect_uri=catcher.redirect_uri,
        )
        url, _ = session.create_authorization_url(oauth_server.authorization_endpoint)
        oauth_server.authorize(url, user="bob")
        callback = catcher.wait(timeout=5)
    impostor = OAuth2Session(
        oauth_server.confidential_client_id, "wrong", redirect_uri=catcher.redirect_uri
    )
    with pytest.raises(OAuthError) as refused:
        impostor.fetch_token(oauth_server.token_endpoint, authorization_response=callback)
    assert refused.value.error == "invalid_client"
    token = session.fetch_token(oauth_server.token_endpoint, authorization_response=callback)
    assert token["scope"] == "imap"
    assert decode_hs256(token["access_token"], oauth_server.signing_key)["sub"] == "bob"


def test_oauth_refresh_rotates_and_old_token_stops_working(oauth_server: OAuthServer) -> None:
    first = device_flow_tokens(oauth_server)
    session = oauth_session(oauth_server)
    second = session.refresh_token(
        oauth_server.token_endpoint, refresh_token=first["refresh_token"]
    )
    assert second["refresh_token"] not in (None, first["refresh_token"])
    assert second["access_token"] != first["access_token"]
    assert second["scope"] == OAUTH_SCOPE
    assert oauth_server.refresh_token_state(first["refresh_token"]) == "rotated"
    assert oauth_server.active_refresh_tokens() == [second["refresh_token"]]

    with pytest.raises(OAuthError) as reused:
        session.refresh_token(oauth_server.token_endpoint, refresh_token=first["refresh_token"])
    assert reused.value.error == "invalid_grant"
    third = session.refresh_token(
        oauth_server.token_endpoint, refresh_token=second["refresh_token"]
    )
    assert oauth_server.refresh_token_state(third["refresh_token"]) == "active"
    assert oauth_server.token_requests_by_grant["refresh_token"] == 3
    assert oauth_server.token_requests == 4  # one device poll (approved first) + three refreshes


def test_oauth_revoked_refresh_token_gets_invalid_grant(oauth_server: OAuthServer) -> None:
    token = device_flow_tokens(oauth_server)
    session = oauth_session(oauth_server)
    response = session.revoke_token(
        oauth_server.revocation_endpoint,
        token=token["refresh_token"],
        token_type_hint="refresh_token",
    )
    assert response.status_code == 200
    assert oauth_server.refresh_token_state(token["refresh_token"]) == "revoked"
    with pytest.raises(OAuthError) as revoked:
        session.refresh_token(oauth_server.token_endpoint, refresh_token=token["refresh_token"])
    assert revoked.value.error == "invalid_grant"
    assert "revoked" in revoked.value.description


@pytest.mark.parametrize("end", ["revoke_refresh_token", "expire_refresh_token"])
def test_oauth_helpers_end_refresh_tokens(oauth_server: OAuthServer, end: str) -> None:
    token = device_flow_tokens(oauth_server)
    assert getattr(oauth_server, end)() == 1  # every active refresh token
    with pytest.raises(OAuthError) as ended:
        oauth_session(oauth_server).refresh_token(
            oauth_server.token_endpoint, refresh_token=token["refresh_token"]
        )
    assert ended.value.error == "invalid_grant"
    expected = "revoked" if end == "revoke_refresh_token" else "expired"
    assert oauth_server.refresh_token_state(token["refresh_token"]) == expected


def test_oauth_refresh_token_lifetime_and_injected_errors(oauth_signing_key: bytes) -> None:
    with OAuthServer(
        signing_key=oauth_signing_key, access_token_lifetime=90, refresh_token_lifetime=0
    ) as server:
        token = device_flow_tokens(server)
        assert token["expires_in"] == 90
        session = oauth_session(server)
        with pytest.raises(OAuthError) as expired:
            session.refresh_token(server.token_endpoint, refresh_token=token["refresh_token"])
        assert (expired.value.error, server.refresh_token_state(token["refresh_token"])) == (
            "invalid_grant",
            "expired",
        )
        server.fail_next_token_request(
            "invalid_grant", "AADSTS70008: The refresh token has expired due to inactivity."
        )
        with pytest.raises(OAuthError) as injected:
            session.refresh_token(server.token_endpoint, refresh_token="anything")
        assert injected.value.description.startswith("AADSTS70008")


def test_oauth_metadata_lists_the_endpoints(oauth_server: OAuthServer) -> None:
    metadata = requests.get(oauth_server.metadata_url, timeout=5).json()
    assert metadata["token_endpoint"] == oauth_server.token_endpoint
    assert metadata["device_authorization_endpoint"] == oauth_server.device_authorization_endpoint
    assert metadata["code_challenge_methods_supported"] == ["S256"]


# IMAP: Dovecot checks the JWTs itself.


def imap_oauth_responder(mechanism: str, token: str, calls: list[bytes]) -> Any:
    first = (
        oauthbearer_message("alice", token)
        if mechanism == "OAUTHBEARER"
        else xoauth2_message("alice", token)
    )

    def respond(challenge: bytes) -> bytes:
        calls.append(challenge)
        if len(calls) == 1:
            return first.encode()
        return b"\x01" if mechanism == "OAUTHBEARER" else b""  # the error challenge

    return respond


@pytest.mark.parametrize("mechanism", ["XOAUTH2", "OAUTHBEARER"])
def test_dovecot_accepts_access_token(
    oauth_server: OAuthServer, oauth_dovecot: Dovecot, mechanism: str
) -> None:
    token = device_flow_tokens(oauth_server)["access_token"]
    imap = imaplib.IMAP4_SSL(
        oauth_dovecot.host, oauth_dovecot.imaps_port, ssl_context=oauth_dovecot.client_context()
    )
    with imap:
        assert f"AUTH={mechanism}" in imap.capabilities
        calls: list[bytes] = []
        typ, _ = imap.authenticate(mechanism, imap_oauth_responder(mechanism, token, calls))
        assert (typ, calls) == ("OK", [b""])
        assert imap.select("INBOX", readonly=True)[0] == "OK"


@pytest.mark.parametrize(
    ("mechanism", "token_kwargs"),
    [
        ("XOAUTH2", {"lifetime": -60}),
        ("OAUTHBEARER", {"lifetime": -60}),
        ("XOAUTH2", {"scope": "smtp"}),
        ("XOAUTH2", {"typ": "at+jwt"}),
        ("OAUTHBEARER", {"sub": "mallory"}),
    ],
    ids=["expired", "expired-oauthbearer", "wrong-scope", "rfc9068-typ", "other-user"],
)
def test_dovecot_refuses_bad_access_token(
    oauth_server: OAuthServer,
    oauth_dovecot: Dovecot,
    mechanism: str,
    token_kwargs: dict[str, Any],
) -> None:
    token = oauth_server.mint_access_token("alice", **token_kwargs)
    calls: list[bytes] = []
    imap = imaplib.IMAP4_SSL(
        oauth_dovecot.host, oauth_dovecot.imaps_port, ssl_context=oauth_dovecot.client_context()
    )
    with imap, pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
        imap.authenticate(mechanism, imap_oauth_responder(mechanism, token, calls))
    # Dovecot sent its JSON error as a challenge, answered with an empty line / ^A.
    assert len(calls) == 2
    assert "status" in json.loads(calls[1])


def test_dovecot_connect_with_token_helper(
    oauth_server: OAuthServer, oauth_dovecot: Dovecot
) -> None:
    token = oauth_server.mint_access_token("alice", scope="imap")
    with oauth_dovecot.connect_with_token(token, "OAUTHBEARER") as imap:
        assert imap.select("INBOX", readonly=True)[0] == "OK"
    expired = oauth_server.mint_access_token("alice", lifetime=-1)
    with (
        pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"),
        oauth_dovecot.connect_with_token(expired),
    ):
        pass


def test_dovecot_without_oauth_option_offers_passwords_only(
    dovecot: Dovecot, oauth_dovecot: Dovecot
) -> None:
    with imaplib.IMAP4(dovecot.host, dovecot.imap_port, timeout=5) as imap:
        assert not any(c.startswith("AUTH=") and "OAUTH" in c for c in imap.capabilities)
    with oauth_dovecot.connect() as imap:  # passwords still work beside OAuth2
        assert imap.select("INBOX", readonly=True)[0] == "OK"


def test_dovecot_refuses_password_login_like_outlook(
    dovecot: Dovecot, oauth_server: OAuthServer, oauth_dovecot: Dovecot
) -> None:
    name = f"u{uuid.uuid4().hex[:8]}"
    user = dovecot.as_user(name, "right-password")
    user.refuse_password_login()
    for password in ("right-password", "wrong"):
        with (
            imaplib.IMAP4_SSL(user.host, user.imaps_port, ssl_context=user.client_context()) as c,
            pytest.raises(imaplib.IMAP4.error) as refused,
        ):
            c.login(name, password)
        assert str(refused.value) == f"b'[CONTACTADMIN] {BASIC_AUTH_DISABLED}'"
    user.allow_password_login()
    assert user.count("INBOX") == 0

    # On the OAuth2 server the same refusal leaves token sign-in working.
    oauth_user = oauth_dovecot.as_user(name, "right-password")
    oauth_user.refuse_password_login(reason=WEB_LOGIN_REQUIRED)
    with pytest.raises(imaplib.IMAP4.error, match="Please log in via your web browser"):
        oauth_user.count("INBOX")
    token = oauth_server.mint_access_token(name, scope="imap")
    with oauth_user.connect_with_token(token) as imap:
        assert imap.select("INBOX", readonly=True)[0] == "OK"


# SMTP: aiosmtpd with XOAUTH2 / OAUTHBEARER handlers.


def smtp_oauth_object(mechanism: str, token: str, calls: list[bytes | None]) -> Any:
    """smtplib's authobject: called with no argument first, then with each challenge."""
    first = (
        oauthbearer_message("alice", token)
        if mechanism == "OAUTHBEARER"
        else xoauth2_message("alice", token)
    )

    def authobject(challenge: bytes | None = None) -> str:
        calls.append(challenge)
        if challenge is None:
            return first
        return "\x01" if mechanism == "OAUTHBEARER" else ""

    return authobject


@pytest.mark.parametrize("mechanism", ["XOAUTH2", "OAUTHBEARER"])
def test_smtp_accepts_access_token(
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    mechanism: str,
) -> None:
    token = device_flow_tokens(oauth_server)["access_token"]
    calls: list[bytes | None] = []
    with starttls_client(oauth_smtp_server, tls_material.client_context()) as client:
        client.ehlo()
        assert set(client.esmtp_features["auth"].split()) >= {"XOAUTH2", "OAUTHBEARER", "PLAIN"}
        code, _ = client.auth(mechanism, smtp_oauth_object(mechanism, token, calls))
        assert code == 235
        client.send_message(make_message())
    assert calls == [None]
    [received] = oauth_smtp_server.messages
    assert received.username == "alice"
    assert oauth_smtp_server.login_mechanisms == [mechanism]


def test_smtp_takes_a_large_token_on_the_auth_line(
    oauth_server: OAuthServer, oauth_smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    # Microsoft's access tokens run to a few kilobytes.
    token = oauth_server.mint_access_token("alice", scope="smtp", padding="x" * 6000)
    with starttls_client(oauth_smtp_server, tls_material.client_context()) as client:
        client.ehlo()
        assert client.auth("XOAUTH2", smtp_oauth_object("XOAUTH2", token, []))[0] == 235
        # DATA lines keep RFC 5321's limit on this server.
        with pytest.raises(smtplib.SMTPDataError) as too_long:
            client.sendmail("alice@example.com", ["bob@example.org"], b"x" * 1500 + b"\r\n")
        assert too_long.value.smtp_code == 500


def test_smtp_bad_token_gmail_style(
    oauth_server: OAuthServer, oauth_smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    expired = oauth_server.mint_access_token("alice", lifetime=-30)
    for mechanism in ("XOAUTH2", "OAUTHBEARER"):
        calls: list[bytes | None] = []
        with starttls_client(oauth_smtp_server, tls_material.client_context()) as client:
            client.ehlo()
            with pytest.raises(smtplib.SMTPAuthenticationError) as refused:
                client.auth(mechanism, smtp_oauth_object(mechanism, expired, calls))
        assert refused.value.smtp_code == 535
        assert refused.value.smtp_error.startswith(b"5.7.8 Username and Password not accepted")
        assert calls[0] is None
        assert json.loads(calls[1] or b"") == {
            "status": "401",
            "schemes": "Bearer",
            "scope": "https://mail.google.com/",
        }
    assert oauth_smtp_server.error_challenge_answers == [b"", b"\x01"]
    assert [m for m, _ in oauth_smtp_server.auth_failures] == ["XOAUTH2", "OAUTHBEARER"]
    assert all(reason == "expired" for _, reason in oauth_smtp_server.auth_failures)
    assert oauth_smtp_server.logins == 0


def test_smtp_bad_token_microsoft_style(
    oauth_server: OAuthServer, oauth_smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    oauth_smtp_server.oauth_failure_style = "microsoft"
    wrong_scope = oauth_server.mint_access_token("alice", scope="imap")
    calls: list[bytes | None] = []
    with starttls_client(oauth_smtp_server, tls_material.client_context()) as client:
        client.ehlo()
        with pytest.raises(smtplib.SMTPAuthenticationError) as refused:
            client.auth("XOAUTH2", smtp_oauth_object("XOAUTH2", wrong_scope, calls))
    assert refused.value.smtp_code == 535
    assert refused.value.smtp_error.startswith(b"5.7.3 Authentication unsuccessful")
    assert calls == [None]  # no error challenge: refused at once
    assert oauth_smtp_server.error_challenge_answers == []


@pytest.mark.parametrize(
    ("reply", "code", "text"),
    [
        (MICROSOFT_BASIC_AUTH_DISABLED, 535, b"5.7.139 Authentication unsuccessful, basic"),
        (GMAIL_APP_PASSWORD_REQUIRED, 534, b"5.7.9 Application-specific password required"),
        (MICROSOFT_CLIENT_SUBMISSION_DISABLED, 550, b"5.7.30 Basic authentication is not"),
    ],
    ids=["microsoft-5.7.139", "gmail-5.7.9", "microsoft-5.7.30"],
)
def test_smtp_password_login_turned_off(
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    reply: str,
    code: int,
    text: bytes,
) -> None:
    oauth_smtp_server.refuse_password_auth(reply)
    with starttls_client(oauth_smtp_server, tls_material.client_context()) as client:
        with pytest.raises(smtplib.SMTPAuthenticationError) as refused:
            client.login("alice", PASSWORD)  # the right password
        assert (refused.value.smtp_code, refused.value.smtp_error[: len(text)]) == (code, text)
        token = oauth_server.mint_access_token("alice", scope="smtp")
        assert client.auth("XOAUTH2", smtp_oauth_object("XOAUTH2", token, []))[0] == 235
    oauth_smtp_server.allow_password_auth()
    with starttls_client(oauth_smtp_server, tls_material.client_context()) as client:
        client.login("alice", PASSWORD)


def test_smtp_without_oauth_option_is_unchanged(
    smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    with starttls_client(smtp_server, tls_material.client_context()) as client:
        client.ehlo()
        assert set(client.esmtp_features["auth"].split()) == {"LOGIN", "PLAIN"}


def test_oauth_sign_in_refresh_and_revocation_end_to_end(
    oauth_server: OAuthServer,
    oauth_dovecot: Dovecot,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    """Device sign-in, mail over both protocols, a rotating refresh, then revocation."""
    session = oauth_session(oauth_server)
    first = device_flow_tokens(oauth_server)
    second = session.refresh_token(
        oauth_server.token_endpoint, refresh_token=first["refresh_token"]
    )
    for token in (first["access_token"], second["access_token"]):
        with oauth_dovecot.connect_with_token(token) as imap:
            assert imap.select("INBOX", readonly=True)[0] == "OK"
        with starttls_client(oauth_smtp_server, tls_material.client_context()) as client:
            client.ehlo()
            client.auth("OAUTHBEARER", smtp_oauth_object("OAUTHBEARER", token, []))
            client.send_message(make_message())
    assert oauth_smtp_server.login_users == ["alice", "alice"]

    oauth_session(oauth_server).revoke_token(
        oauth_server.revocation_endpoint, token=second["refresh_token"]
    )
    with pytest.raises(OAuthError) as revoked:
        session.refresh_token(oauth_server.token_endpoint, refresh_token=second["refresh_token"])
    assert revoked.value.error == "invalid_grant"
