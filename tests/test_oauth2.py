"""Signing in with OAuth2 (issue 13), against real parts: an Authlib authorization
server on 127.0.0.1 (device code, PKCE, rotating refresh tokens, revocation), a
Dovecot that checks the JWT access tokens itself, aiosmtpd with XOAUTH2 and
OAUTHBEARER, the real file keyring, and the installed command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.certs import TlsMaterial
from support.dovecot import BASIC_AUTH_DISABLED, WEB_LOGIN_REQUIRED, Dovecot
from support.oauth_server import OAuthServer
from support.oauth_tokens import DEFAULT_ISSUER, SMTP_SCOPE, TokenPolicy
from support.scenarios import ALL_WEEK, at, send_argv
from support.smtp_server import (
    GMAIL_APP_PASSWORD_REQUIRED,
    MICROSOFT_BASIC_AUTH_DISABLED,
    MICROSOFT_CLIENT_SUBMISSION_DISABLED,
    SmtpServer,
)
from support.world import COMMAND, World

from feedback_mailer.base.errors import CredentialError, MailServerError
from feedback_mailer.mail.imap import ImapSession
from feedback_mailer.mail.sasl import BearerToken
from feedback_mailer.mail.smtp import DeliveryRefused, SmtpSession
from feedback_mailer.setup.config import ImapConfig, SmtpConfig
from feedback_mailer.setup.token_command import run_token_command

SCOPES = '["imap", "smtp", "offline_access"]'
SIGN_IN_AGAIN = "sign in again with `feedback-mailer auth login`"


# --- a world that signs in with OAuth2 ----------------------------------------------


def oauth_config(
    world: World,
    auth: OAuthServer,
    smtp: SmtpServer,
    tls: TlsMaterial,
    user: str,
    *,
    imap: Dovecot | None = None,
    provider: str = "custom",
    confidential: bool = True,
    follow_up: dict[str, str | bool] | None = None,
    smtp_extra: str = "",
) -> None:
    """A config for `user` whose [smtp] (and [imap]) sign in with OAuth2 at `auth`."""
    client = auth.confidential_client_id if confidential else auth.public_client_id
    secret = f'client_secret = "{auth.client_secret}"\n' if confidential else ""
    device = auth.device_authorization_endpoint if provider != "google" else ""
    device = f'device_authorization_endpoint = "{device}"\n' if device else ""
    text = (
        '[sender]\nname = "Alex Candidate"\nemail = "alex@example.com"\n'
        'timezone = "Europe/London"\n\n'
        f'[smtp]\nhost = "{smtp.host}"\nport = {smtp.port}\nsecurity = "starttls"\n'
        f'username = "{user}"\ncafile = "{tls.ca_pem}"\nauth = "oauth2"\n{smtp_extra}\n'
    )
    if imap is not None:
        text += (
            f'[imap]\nhost = "{imap.host}"\nport = {imap.imaps_port}\nsecurity = "tls"\n'
            f'username = "{user}"\ncafile = "{imap.ca_pem}"\nauth = "oauth2"\n\n'
        )
    text += (
        f'[oauth2]\nprovider = "{provider}"\nclient_id = "{client}"\n{secret}'
        f'authorization_endpoint = "{auth.authorization_endpoint}"\n'
        f'token_endpoint = "{auth.token_endpoint}"\n{device}'
        f'revocation_endpoint = "{auth.revocation_endpoint}"\nscopes = {SCOPES}\n'
    )
    if follow_up:
        text += "\n[follow_up]\n" + "".join(
            f"{key} = {json.dumps(value)}\n" for key, value in follow_up.items()
        )
    world.write_config(text)


def keyring_sign_in(world: World, user: str) -> dict[str, object]:
    """The sign-in the command kept in the (plain file) keyring, read as the test's eyes."""
    import keyring

    text = keyring.get_password("feedback-mailer", f"oauth2:{user}")
    assert text is not None, "no sign-in in the keyring"
    return dict(json.loads(text))


def device_login(world: World, auth: OAuthServer, *args: str) -> subprocess.CompletedProcess[str]:
    """`auth login` while the "user" approves the device code at the verification page."""
    approved: list[str] = []
    approver = threading.Thread(target=lambda: approved.append(auth.approve_device_code()))
    approver.start()
    try:
        result = world.run(*args, "auth", "login", timeout=30)
    finally:
        approver.join(timeout=15)
    assert approved, ("the device code was never approved", result.stdout, result.stderr)
    return result


def browser_login(world: World, auth: OAuthServer) -> tuple[list[str], int]:
    """`auth login --browser`: read the address it prints, open it as the signed-in
    browser would (the server redirects to the command's loopback listener)."""
    env = {k: v for k, v in world.env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    with subprocess.Popen(
        [str(COMMAND), "auth", "login", "--browser"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("http"):
                break
        result = auth.authorize(lines[-1])
        assert result.callback_status == 200, result
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    return lines + out.splitlines(), process.returncode


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The error sentences on stderr (not notes, warnings or transcripts)."""
    return [line for line in result.stderr.splitlines() if line.startswith("feedback-mailer:")]


def issued_secrets(auth: OAuthServer) -> list[str]:
    return [
        secret
        for token in auth.issued_tokens
        for secret in (token.access_token, token.refresh_token)
        if secret
    ]


@pytest.fixture
def user(oauth_server: OAuthServer) -> str:
    """A user of its own on the shared OAuth2 Dovecot, signed in by the server's browser."""
    name = f"o{uuid.uuid4().hex[:10]}"
    oauth_server.signed_in_user = name
    return name


@pytest.fixture
def xoauth2_smtp(tls_material: TlsMaterial, oauth_signing_key: bytes) -> Iterator[SmtpServer]:
    """Like Outlook's SMTP: XOAUTH2 only (no OAUTHBEARER), answering bad tokens like Gmail."""
    policy = TokenPolicy(secret=oauth_signing_key, issuer=DEFAULT_ISSUER, scope=SMTP_SCOPE)
    with SmtpServer(tls_material, oauth=policy, oauth_mechanisms=("XOAUTH2",)) as server:
        yield server


# --- end to end ------------------------------------------------------------------------


def test_sign_in_send_check_refresh_then_revoked(
    world: World,
    oauth_server: OAuthServer,
    oauth_dovecot: Dovecot,
    xoauth2_smtp: SmtpServer,
    tls_material: TlsMaterial,
    user: str,
) -> None:
    """auth login (device code) → send over XOAUTH2 → check over IMAP → past the access
    token's life, run refreshes, keeps the rotated refresh token and sends the follow-up
    → the refresh token is revoked → run says to sign in again, exits 5, sends nothing."""
    oauth_config(
        world, oauth_server, xoauth2_smtp, tls_material, user, imap=oauth_dovecot,
        follow_up=ALL_WEEK,
    )  # fmt: skip
    outputs: dict[str, subprocess.CompletedProcess[str]] = {}

    login = outputs["login"] = device_login(world, oauth_server, "--debug")
    assert login.returncode == 0, login.stderr
    lines = login.stdout.splitlines()
    user_code = re.search(r"the code (\S+)", lines[1])
    assert user_code, lines
    # Exactly what a person must do, in two lines.
    assert lines[:2] == [
        f"1. Open {oauth_server.verification_uri} in a browser, on this or any other device.",
        f"2. Enter the code {user_code.group(1)} and sign in as {user} (within 10 minutes).",
    ]
    assert "Signed in" in login.stdout
    first = keyring_sign_in(world, user)
    assert first["refresh_token"] == oauth_server.active_refresh_tokens()[0]

    now = datetime.now(UTC).replace(microsecond=0)
    outputs["send"] = world.run("--debug", *send_argv())
    outputs["send later"] = world.run(
        "--debug", *send_argv("--follow-up", "in 3 days", to="sam@example.org", name="Sam")
    )
    outputs["check"] = world.run("--debug", "check")
    for name in ("send", "send later", "check"):
        assert outputs[name].returncode == 0, (name, outputs[name].stderr)
    assert [m.username for m in xoauth2_smtp.messages] == [user, user]
    assert xoauth2_smtp.login_mechanisms == ["XOAUTH2", "XOAUTH2"]
    assert oauth_server.token_requests_by_grant["refresh_token"] == 0  # the token was fresh
    assert re.search(r"(?m)^C: \S+ AUTHENTICATE \*+$", outputs["check"].stderr)

    # A day later the access token (an hour) has long ended: run refreshes it first.
    day_later = world.run("--debug", "run", faketime=at(now + timedelta(days=1, minutes=5)))
    outputs["run"] = day_later
    assert day_later.returncode == 0, day_later.stderr
    assert len(xoauth2_smtp.wait_for_messages(3)) == 3
    follow_up = xoauth2_smtp.messages[2].message
    assert follow_up["To"] == "Jane Doe <jane.doe@example.com>"
    assert oauth_server.token_requests_by_grant["refresh_token"] == 1
    second = keyring_sign_in(world, user)
    assert oauth_server.refresh_token_state(str(first["refresh_token"])) == "rotated"
    assert oauth_server.active_refresh_tokens() == [second["refresh_token"]]
    assert "oauth2: refreshed the access token" in day_later.stderr

    # The person removes the app's access: the next run that needs a token stops.
    assert oauth_server.revoke_refresh_token() == 1
    revoked = world.run("--debug", "run", faketime=at(now + timedelta(days=3, minutes=5)))
    outputs["revoked run"] = revoked
    assert revoked.returncode == 5, revoked.stdout + revoked.stderr
    [sentence] = errors(revoked)
    assert SIGN_IN_AGAIN in sentence and "invalid_grant" in sentence
    assert len(xoauth2_smtp.messages) == 3, "nothing sent"
    later = world.run_json("show", "2", "--json")
    assert later["follow_up"]["status"] == "scheduled", "nothing recorded as sent"

    # No token and no client secret anywhere but the keyring (and the secret in the
    # config, where the person wrote it): not in output, --debug transcripts, database.
    secrets = issued_secrets(oauth_server)
    assert len(secrets) >= 4
    for name, result in outputs.items():
        for secret in (*secrets, oauth_server.client_secret):
            assert secret not in result.stdout + result.stderr, name
    checked = 0
    for path in sorted(world.home.rglob("*")):
        if not path.is_file() or path == world.keyring_file:
            continue
        data = path.read_bytes()
        checked += 1
        for secret in secrets:
            assert secret.encode() not in data, path
        if path != world.config_path:
            assert oauth_server.client_secret.encode() not in data, path
    assert checked >= 3  # config, database (events included), lock


def test_browser_sign_in_check_doctor_and_sign_out(
    world: World,
    oauth_server: OAuthServer,
    oauth_dovecot: Dovecot,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    user: str,
) -> None:
    """Google's way (no device flow for mail): PKCE on a loopback redirect; then
    `auth check`, `doctor` (a real refresh, both logins, the 7-day note for apps in
    Testing) and `auth delete oauth2`, which revokes the refresh token."""
    oauth_config(
        world, oauth_server, oauth_smtp_server, tls_material, user, imap=oauth_dovecot,
        provider="google",
    )  # fmt: skip
    lines, _ = browser_login(world, oauth_server)
    assert lines[0] == f"Open this address in a browser on this computer and sign in as {user}:"
    assert "code_challenge_method=S256" in lines[1] and "access_type=offline" in lines[1]
    assert oauth_server.token_requests_by_grant == {"authorization_code": 1}

    check = world.run("auth", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "smtp: signs in with OAuth2" in check.stdout
    assert re.search(rf"oauth2: signed in for {user} \(google\) since .*; the access token "
                     r"expires .* \(in (59|60) minutes\)", check.stdout), check.stdout  # fmt: skip

    doctor = world.run("doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert re.search(r"(?m)^ok  +oauth2: signed in for .*refreshed at 127\.0\.0\.1", doctor.stdout)
    assert re.search(r"(?m)^warn +oauth2 refresh token: .*Testing.*7 days", doctor.stdout)
    assert re.search(r"(?m)^ok  +smtp: .*login accepted \(OAUTHBEARER\)", doctor.stdout)
    assert re.search(r"(?m)^ok  +imap: .*login accepted \(OAUTHBEARER\)", doctor.stdout)
    assert not re.search(r"(?m)^\S+ +(smtp|imap) password", doctor.stdout + doctor.stderr)
    assert oauth_server.token_requests_by_grant["refresh_token"] == 1
    assert oauth_smtp_server.messages == []

    [refresh_token] = oauth_server.active_refresh_tokens()
    deleted = world.run("auth", "delete", "oauth2")
    assert deleted.returncode == 0, deleted.stderr
    assert f"Deleted the OAuth2 sign-in for {user}" in deleted.stdout
    assert "Revoked the refresh token" in deleted.stdout
    assert oauth_server.refresh_token_state(refresh_token) == "revoked"
    after = world.run("auth", "check")
    assert after.returncode == 1 and "oauth2: not signed in" in after.stdout
    sending = world.run(*send_argv())
    assert sending.returncode == 5 and "`feedback-mailer auth login`" in sending.stderr
    assert world.run_json("list", "--all", "--json") == []


def test_concurrent_runs_spend_a_rotating_refresh_token_once(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    user: str,
) -> None:
    """Refresh tokens rotate: were two `run`s to refresh with the same one, the second
    would find it dead. A file lock makes the others wait and take the new token."""
    oauth_config(world, oauth_server, oauth_smtp_server, tls_material, user)
    assert device_login(world, oauth_server).returncode == 0
    later = at(datetime.now(UTC) + timedelta(hours=2))
    results: list[subprocess.CompletedProcess[str]] = []
    runs = [threading.Thread(target=lambda: results.append(world.run("run", faketime=later)))
            for _ in range(3)]  # fmt: skip
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join(timeout=60)
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
    assert oauth_server.token_requests_by_grant["refresh_token"] == 1
    assert keyring_sign_in(world, user)["refresh_token"] == oauth_server.active_refresh_tokens()[0]


# --- token_command ---------------------------------------------------------------------


def test_token_command(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    tmp_path: Path,
) -> None:
    """An OAuth helper's token goes through the same SASL path; its failures are one
    sentence each, exit 5, and nothing is recorded."""
    token_file = tmp_path / "token"
    token_file.write_text(oauth_server.mint_access_token("alice", scope="smtp") + "\n")
    helper = tmp_path / "helper.py"
    helper.write_text(
        "import pathlib, sys\n"
        "mode = pathlib.Path(sys.argv[2]).read_text().strip()\n"
        "if mode == 'fail':\n    sys.exit('helper: no account named alice')\n"
        "if mode != 'empty':\n    print(pathlib.Path(sys.argv[1]).read_text().strip())\n"
    )
    mode = tmp_path / "mode"
    mode.write_text("ok")
    argv = json.dumps([sys.executable, str(helper), str(token_file), str(mode)])
    world.write_config(
        '[sender]\nname = "Alex Candidate"\nemail = "alex@example.com"\n\n'
        f'[smtp]\nhost = "{oauth_smtp_server.host}"\nport = {oauth_smtp_server.port}\n'
        f'username = "alice"\ncafile = "{tls_material.ca_pem}"\nauth = "oauth2"\n'
        f"token_command = {argv}\n"
    )
    sent = world.run("--debug", *send_argv())
    assert sent.returncode == 0, sent.stderr
    assert oauth_smtp_server.login_mechanisms == ["OAUTHBEARER"]  # offered, so preferred
    assert re.search(r"(?m)^C: AUTH OAUTHBEARER \*+$", sent.stderr)
    assert token_file.read_text().strip() not in sent.stdout + sent.stderr

    mode.write_text("fail")
    failed = world.run(*send_argv(to="sam@example.org"))
    assert failed.returncode == 5
    assert errors(failed) == [
        f"feedback-mailer: smtp.token_command ({sys.executable}) failed with exit code 1 "
        "(helper: no account named alice): run it yourself to see why."
    ]
    mode.write_text("empty")
    empty = world.run(*send_argv(to="sam@example.org"))
    assert empty.returncode == 5
    assert "printed no access token" in empty.stderr
    assert [r["contact_email"] for r in world.run_json("list", "--all", "--json")] == [
        "jane.doe@example.com"
    ]
    with pytest.raises(CredentialError, match=r"printed no token within 0\.3 seconds"):
        run_token_command("imap", ("sleep", "5"), timeout=0.3)
    with pytest.raises(CredentialError, match="which was not found"):
        run_token_command("smtp", ("/nonexistent/oama", "access"))


# --- SASL: the error challenge, renewal, and password sign-in that is off -------------


def smtp_config(server: SmtpServer, tls: TlsMaterial, user: str = "alice") -> SmtpConfig:
    return SmtpConfig(server.host, server.port, "starttls", user, str(tls.ca_pem), auth="oauth2")


@pytest.mark.parametrize(("offered", "answer"), [("both", b"\x01"), ("XOAUTH2", b"")])
def test_a_refused_token_is_answered_with_an_empty_response_never_the_token(
    oauth_server: OAuthServer,
    tls_material: TlsMaterial,
    oauth_signing_key: bytes,
    offered: str,
    answer: bytes,
) -> None:
    policy = TokenPolicy(secret=oauth_signing_key, issuer=DEFAULT_ISSUER, scope=SMTP_SCOPE)
    mechanisms = ("XOAUTH2", "OAUTHBEARER") if offered == "both" else ("XOAUTH2",)
    expired = oauth_server.mint_access_token("alice", lifetime=-30)
    with SmtpServer(tls_material, oauth=policy, oauth_mechanisms=mechanisms) as server:
        with (
            pytest.raises(DeliveryRefused, match="refused the OAuth2 sign-in for alice") as refused,
            SmtpSession(smtp_config(server, tls_material), BearerToken(expired)) as session,
        ):
            session.connect()
        assert "5.7.8" in str(refused.value) and expired not in str(refused.value)
        assert server.error_challenge_answers == [answer]
        # A token from a cache that the server refuses is renewed once, then used.
        fresh = oauth_server.mint_access_token("alice", scope="smtp")
        with SmtpSession(
            smtp_config(server, tls_material), BearerToken(expired, renew=lambda: fresh)
        ) as session:
            session.connect()
        assert server.login_mechanisms == ["OAUTHBEARER" if offered == "both" else "XOAUTH2"]


def test_imap_refused_token_and_renewal(oauth_server: OAuthServer, oauth_dovecot: Dovecot) -> None:
    config = ImapConfig(
        oauth_dovecot.host, oauth_dovecot.imaps_port, "tls", "alice", str(oauth_dovecot.ca_pem),
        auth="oauth2",
    )  # fmt: skip
    expired = oauth_server.mint_access_token("alice", lifetime=-30)
    with pytest.raises(MailServerError, match="refused the OAuth2 sign-in for alice"):
        ImapSession(config, BearerToken(expired)).connect()

    def gone() -> str:
        raise CredentialError(f"The OAuth2 sign-in has expired: {SIGN_IN_AGAIN}.")

    with pytest.raises(CredentialError, match="sign in again"):
        ImapSession(config, BearerToken(expired, renew=gone)).connect()
    fresh = oauth_server.mint_access_token("alice", scope="imap")
    with ImapSession(config, BearerToken(expired, renew=lambda: fresh)) as session:
        assert session.mechanism == "OAUTHBEARER"
        session.select("INBOX")


@pytest.mark.parametrize(
    ("reply", "provider", "advice"),
    [
        (MICROSOFT_BASIC_AUTH_DISABLED, "Microsoft", "auth login"),
        (MICROSOFT_CLIENT_SUBMISSION_DISABLED, "Microsoft", "auth login"),
        (GMAIL_APP_PASSWORD_REQUIRED, "Google wants an app password", "auth set smtp"),
    ],
    ids=["535-5.7.139", "550-5.7.30", "534-5.7.9"],
)
def test_smtp_password_sign_in_turned_off(
    oauth_smtp_server: SmtpServer, tls_material: TlsMaterial, reply: str, provider: str, advice: str
) -> None:
    oauth_smtp_server.refuse_password_auth(reply)
    config = SmtpConfig(oauth_smtp_server.host, oauth_smtp_server.port, "starttls", "alice",
                        str(tls_material.ca_pem))  # fmt: skip
    with pytest.raises(DeliveryRefused) as refused, SmtpSession(config, "s3cret") as session:
        session.connect()
    sentence = str(refused.value)
    assert provider in sentence and advice in sentence, sentence
    assert 'smtp.auth = "oauth2"' in sentence and "`feedback-mailer auth login`" in sentence
    assert "store the right password" not in sentence
    assert "\n" not in sentence


@pytest.mark.parametrize(
    ("reason", "provider"),
    [(BASIC_AUTH_DISABLED, "Microsoft"), (WEB_LOGIN_REQUIRED, "Google")],
    ids=["no-basic-auth", "web-login"],
)
def test_imap_password_sign_in_turned_off(dovecot: Dovecot, reason: str, provider: str) -> None:
    mailbox = dovecot.as_user(f"p{uuid.uuid4().hex[:8]}", "right-password")
    mailbox.refuse_password_login(reason=reason)
    config = ImapConfig(mailbox.host, mailbox.imaps_port, "tls", mailbox.user, str(mailbox.ca_pem))
    with pytest.raises(MailServerError) as refused:
        ImapSession(config, mailbox.password).connect()
    sentence = str(refused.value)
    assert provider in sentence and "`feedback-mailer auth login`" in sentence, sentence
    assert 'imap.auth = "oauth2"' in sentence and "store the right password" not in sentence


# --- config and init ---------------------------------------------------------------------


def test_init_outlook_chooses_oauth2(world: World) -> None:
    init = world.run(
        "init", "--non-interactive", "--name", "Alex", "--email", "alex@outlook.com",
        "--timezone", "Europe/London", "--provider", "outlook", "--oauth2-client-id",
        "11111111-2222-3333-4444-555555555555",
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    assert "auth login" in init.stdout
    from feedback_mailer.setup.config import load_config

    config = load_config(world.config_path)
    assert config.smtp is not None and config.smtp.auth == "oauth2"
    assert config.imap is not None and config.imap.auth == "oauth2"
    assert config.oauth2 is not None
    assert config.oauth2.token_endpoint == (
        "https://login.microsoftonline.com/common/oauth2/v2.0/token"
    )
    assert "https://outlook.office.com/SMTP.Send" in config.oauth2.scopes
    gmail = world.run(
        "init", "--non-interactive", "--force", "--name", "Alex", "--email", "alex@gmail.com",
        "--provider", "gmail",
    )  # fmt: skip
    assert gmail.returncode == 0, gmail.stderr
    assert load_config(world.config_path).oauth2 is None  # an app password by default


def test_doctor_and_run_without_a_sign_in(world: World, oauth_smtp_server: SmtpServer,
                                          tls_material: TlsMaterial, oauth_server: OAuthServer,
                                          ) -> None:  # fmt: skip
    oauth_config(world, oauth_server, oauth_smtp_server, tls_material, "alice")
    doctor = world.run("doctor")
    assert doctor.returncode == 1
    assert "FAIL  oauth2: No OAuth2 sign-in is stored in the keyring for alice" in doctor.stderr
    run = world.run("run")
    assert run.returncode == 5 and "`feedback-mailer auth login`" in run.stderr
    assert oauth_smtp_server.connections == 0
