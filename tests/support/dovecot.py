"""A private Dovecot IMAP server on 127.0.0.1 for the test session.

Everything lives in one short temp dir (Unix socket paths must stay under ~100
characters, so not under pytest's deep tmp path) and the system Dovecot service is
never touched. Recipe and pitfalls: /work/shared/testing.md, "IMAP: Dovecot".

Usage::

    with Dovecot() as imap:
        uid = imap.append("INBOX", raw_reply)
        # client under test connects to imap.host / imap.imaps_port, trusting imap.ca_pem

OAuth2 (``Dovecot(oauth2=TokenPolicy(...))``): Dovecot itself validates HS256 JWT access
tokens for XOAUTH2 and OAUTHBEARER (``passdb oauth2``, local validation, no network);
recipe in /work/shared/testing.md, "OAuth2 sign-in". ``refuse_password_login`` makes
PLAIN/LOGIN for one user fail like a provider that turned password login off.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import copy
import datetime as dt
import grp
import imaplib
import json
import os
import pwd
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .certs import make_tls_material
from .oauth_tokens import TokenPolicy, oauthbearer_message, xoauth2_message

__all__ = ["BASIC_AUTH_DISABLED", "DOVECOT_BINARY", "WEB_LOGIN_REQUIRED", "Dovecot"]

DOVECOT_BINARY = Path("/usr/sbin/dovecot")  # not on a minimal PATH
DOVEADM_BINARY = Path("/usr/bin/doveadm")
LOOPBACK = "127.0.0.1"
START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0

_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]")
_STATUS_ITEM = r"\b{}\s+(\d+)"
# Lower case: Dovecot lower-cases logins (auth_username_format = %Lu) before the
# lookup; the name is also a file name under passwd.d/.
_USER_NAME = re.compile(r"[a-z0-9_][a-z0-9._+-]*")

# What Outlook.com answers a password LOGIN since password sign-in was switched off,
# and Gmail's answer when it wants a browser sign-in. Dovecot 2.3 always puts a
# response code in front of a passdb's reason: the client sees
# "NO [CONTACTADMIN] Basic authentication is disabled".
BASIC_AUTH_DISABLED = "Basic authentication is disabled"
WEB_LOGIN_REQUIRED = (
    "Please log in via your web browser: "
    "https://support.google.com/mail/accounts/answer/78754 (Failure)"
)


class Dovecot:
    """Start with ``start()`` or ``with``; stop (SIGTERM, ~2.5 s) with ``stop()``."""

    host: str = LOOPBACK

    def __init__(
        self, user: str = "alice", password: str = "s3cret", *, oauth2: TokenPolicy | None = None
    ) -> None:
        """``oauth2``: also accept XOAUTH2/OAUTHBEARER with JWTs this policy allows
        (its ``secret``, ``issuer`` and required ``scope``; ``sub`` is the user)."""
        self.user = user
        self.password = password
        self.oauth2 = oauth2
        self._users: dict[str, str] = {user: password}
        self._refusals: dict[str, str] = {}  # user -> reason for PLAIN/LOGIN
        self.imap_port = 0
        self.imaps_port = 0
        self.directory: Path | None = None
        self._owns_server = True  # False for the views made by as_user()

    # --- lifecycle -------------------------------------------------------------

    def start(self) -> Dovecot:
        if not DOVECOT_BINARY.exists():
            raise RuntimeError(
                f"Dovecot is required by the test suite but {DOVECOT_BINARY} is missing: "
                "run `apt-get install dovecot-imapd`."
            )
        if self.directory is not None:
            raise RuntimeError("this Dovecot is already running")
        self.directory = Path(tempfile.mkdtemp(prefix="fm", dir="/tmp"))
        # Safety net for scripts that forget stop(): no daemons or dirs left behind.
        atexit.register(self.stop)
        try:
            self._prepare(self.directory)
            self._launch(self.directory)
            self._wait_for_greeting(time.monotonic() + START_TIMEOUT)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.directory is None or not self._owns_server:
            return
        atexit.unregister(self.stop)
        try:
            self._terminate_master(self.directory / "run" / "master.pid")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None

    def __enter__(self) -> Dovecot:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def add_user(self, name: str, password: str) -> None:
        """Add an IMAP user, before or after start; usable immediately.

        (Changing an existing user's password while running takes up to a second
        to be noticed by Dovecot.)
        """
        if not _USER_NAME.fullmatch(name):
            raise ValueError(f"user name {name!r} must match {_USER_NAME.pattern}")
        self._users[name] = password
        if self.directory is not None:
            self._write_passwd(self.directory, name)

    def refuse_password_login(
        self, name: str | None = None, reason: str = BASIC_AUTH_DISABLED
    ) -> None:
        """From now on PLAIN/LOGIN as ``name`` (default: this view's user) fails with
        ``NO [CONTACTADMIN] <reason>``, whatever the password; XOAUTH2/OAUTHBEARER
        still work. Immediate (Dovecot reads the refusal on every login).

        Stock Dovecot cannot send a bare ``NO <reason>``: a reason from the passdb
        always gets a response code ([CONTACTADMIN] on 2.3).
        """
        user = self.user if name is None else name
        if not _USER_NAME.fullmatch(user):
            raise ValueError(f"user name {user!r} must match {_USER_NAME.pattern}")
        self._refusals[user] = reason
        if self.directory is not None:
            self._write_refusal(self.directory, user)

    def allow_password_login(self, name: str | None = None) -> None:
        """Undo ``refuse_password_login`` for ``name`` (default: this view's user)."""
        user = self.user if name is None else name
        self._refusals.pop(user, None)
        if self.directory is not None:
            (self.directory / "refusals" / "passdb" / user).unlink(missing_ok=True)

    def as_user(self, name: str, password: str) -> Dovecot:
        """A view of this running server whose helpers log in as ``name``.

        Adds the user if needed. The view never stops the server. Handy for a
        per-test mailbox on the shared session server.
        """
        if self._users.get(name) != password:
            self.add_user(name, password)
        view = copy.copy(self)
        view.user, view.password, view._owns_server = name, password, False
        return view

    @property
    def ca_pem(self) -> Path:
        return self._dir / "ssl" / "ca.pem"

    @property
    def log_path(self) -> Path:
        return self._dir / "dovecot.log"

    @property
    def config_path(self) -> Path:
        return self._dir / "dovecot.conf"

    @property
    def _dir(self) -> Path:
        if self.directory is None:
            raise RuntimeError("Dovecot is not running")
        return self.directory

    # --- start-up steps --------------------------------------------------------

    def _prepare(self, directory: Path) -> None:
        # Mail is stored as `nobody` when we are root (Dovecot refuses uid 0 for
        # mail), and that user must be able to traverse the temp dir.
        directory.chmod(0o755)
        make_tls_material(directory / "ssl", hosts=("localhost", LOOPBACK))
        mail_owner = _mail_owner()
        mail = directory / "mail"
        mail.mkdir()
        os.chown(mail, mail_owner.pw_uid, mail_owner.pw_gid)
        for name in self._users:
            self._write_passwd(directory, name)
        refusals = directory / "refusals" / "passdb"
        refusals.mkdir(parents=True)
        (directory / "refusals.conf.ext").write_text(_REFUSALS_DICT.format(d=directory))
        (directory / "refusals.conf.ext").chmod(0o644)
        _readable_tree(directory / "refusals")
        for name in self._refusals:
            self._write_refusal(directory, name)
        if self.oauth2 is not None:
            self._write_oauth2(directory, self.oauth2)
        self.imap_port, self.imaps_port = _free_ports(2)
        self.config_path.write_text(self._config(directory, mail_owner))

    def _write_passwd(self, directory: Path, name: str) -> None:
        # One passwd-file per user (the path contains %u): Dovecot re-reads a
        # changed file at most once per second, but opens a new one at once, so a
        # user added mid-session can log in immediately.
        passwd = directory / "passwd.d" / name
        passwd.parent.mkdir(exist_ok=True)
        passwd.write_text(f"{name}:{{PLAIN}}{self._users[name]}::::::\n")
        passwd.chmod(0o644)  # read by Dovecot's unprivileged auth processes

    def _write_refusal(self, directory: Path, name: str) -> None:
        # Read through a dict passdb in JSON, the one passdb format whose values may
        # contain spaces. nopassword: any password gets the refusal, as at Outlook.com.
        path = directory / "refusals" / "passdb" / name
        fields = {"nopassword": "y", "nologin": "y", "reason": self._refusals[name]}
        path.write_text(json.dumps(fields))
        path.chmod(0o644)  # read by the unprivileged auth-worker

    @staticmethod
    def _write_oauth2(directory: Path, policy: TokenPolicy) -> None:
        settings = [
            "introspection_mode = local",
            f"local_validation_key_dict = fs:posix:prefix={directory}/keys/",
            "username_attribute = sub",  # the default, email, is not in our tokens
        ]
        if policy.issuer is not None:
            settings.append(f"issuers = {policy.issuer}")
        if policy.scope is not None:
            settings.append(f"scope = {policy.scope}")
        (directory / "oauth2.conf.ext").write_text("\n".join(settings) + "\n")
        # <azp claim or "default">/<alg>/<kid or "default">, holding base64 of the key.
        key = directory / "keys" / "default" / "HS256" / "default"
        key.parent.mkdir(parents=True)
        key.write_text(base64.b64encode(policy.secret).decode("ascii"))
        _readable_tree(directory / "keys")
        (directory / "oauth2.conf.ext").chmod(0o644)

    def _config(self, directory: Path, mail_owner: pwd.struct_passwd) -> str:
        oauth = self.oauth2 is not None
        return _CONFIG_TEMPLATE.format(
            auth_mechanisms="xoauth2 oauthbearer plain login" if oauth else "plain login",
            oauth2_passdb=_OAUTH2_PASSDB.format(d=directory) if oauth else "",
            password_mechanisms="  mechanisms = plain login\n" if oauth else "",
            d=directory,
            instance=f"fm-{directory.name}",
            uid=mail_owner.pw_uid,
            gid=mail_owner.pw_gid,
            imap_port=self.imap_port,
            imaps_port=self.imaps_port,
            privileges=_privilege_settings(),
            # Rootless Dovecot cannot chroot anvil and the login processes.
            chroot="" if _is_root() else "chroot =",
        )

    def _launch(self, directory: Path) -> None:
        # Dovecot daemonizes: its output goes to a file, never a pipe we would wait
        # on (the daemon inherits the pipe and it would never reach EOF).
        startup_log = directory / "startup.log"
        with startup_log.open("wb") as output:
            result = subprocess.run(
                [str(DOVECOT_BINARY), "-c", str(self.config_path)],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=START_TIMEOUT,
                check=False,
            )
        if result.returncode != 0:
            raise RuntimeError(f"dovecot exited with {result.returncode}:\n{self._diagnostics()}")

    def _wait_for_greeting(self, deadline: float) -> None:
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((LOOPBACK, self.imap_port), timeout=1.0) as s:
                    if s.recv(1024).startswith(b"* OK"):
                        return
            except OSError as error:
                last_error = error
            time.sleep(0.02)
        raise RuntimeError(
            f"Dovecot gave no '* OK' greeting on {LOOPBACK}:{self.imap_port} within "
            f"{START_TIMEOUT}s (last error: {last_error}):\n{self._diagnostics()}"
        )

    def _diagnostics(self) -> str:
        parts = []
        for path in (self._dir / "startup.log", self.log_path):
            if path.exists():
                parts.append(f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}")
        return "\n".join(parts) or "(no dovecot output)"

    @staticmethod
    def _terminate_master(pid_file: Path) -> None:
        try:
            pid = int(pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return  # never started (or already gone)
        # The master is not our child (it daemonized), so poll rather than wait().
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + STOP_TIMEOUT
            while time.monotonic() < deadline:
                os.kill(pid, 0)
                time.sleep(0.05)
            os.kill(pid, signal.SIGKILL)

    # --- helpers for tests (imaplib, logged in as the main user over IMAPS) ----

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_pem))

    @contextlib.contextmanager
    def connect_with_token(
        self, token: str, mechanism: str = "XOAUTH2", user: str | None = None
    ) -> Iterator[imaplib.IMAP4_SSL]:
        """An imaplib session signed in with an OAuth2 access token; logs out on exit.

        Raises ``imaplib.IMAP4.error`` when Dovecot refuses the token (after answering
        its error challenge as RFC 7628 and Google's XOAUTH2 want).
        """
        name = self.user if user is None else user
        imap = imaplib.IMAP4_SSL(
            self.host, self.imaps_port, ssl_context=self.client_context(), timeout=10
        )
        try:
            imap.authenticate(mechanism, _sasl_oauth_responder(mechanism, name, token))
            yield imap
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                imap.logout()

    @contextlib.contextmanager
    def connect(self) -> Iterator[imaplib.IMAP4_SSL]:
        """A logged-in imaplib session; logs out on exit."""
        imap = imaplib.IMAP4_SSL(
            self.host, self.imaps_port, ssl_context=self.client_context(), timeout=10
        )
        try:
            imap.login(self.user, self.password)
            yield imap
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                imap.logout()

    def create_folder(self, name: str) -> None:
        with self.connect() as imap:
            _ok(imap.create(quote(name)), "CREATE", name)
            _ok(imap.subscribe(quote(name)), "SUBSCRIBE", name)

    def append(
        self,
        folder: str,
        raw: bytes,
        flags: Iterable[str] = (),
        date: dt.datetime | None = None,
    ) -> int:
        """APPEND ``raw`` (bare LFs become CRLF) and return its UID (UIDPLUS)."""
        flag_list = f"({' '.join(flags)})" if flags else None
        internal_date = imaplib.Time2Internaldate(date) if date is not None else None
        with self.connect() as imap:
            typ, data = imap.append(quote(folder), flag_list, internal_date, raw)
            _ok((typ, data), "APPEND", folder)
        match = _APPENDUID.search(b" ".join(d for d in data if isinstance(d, bytes)))
        if match is None:
            raise RuntimeError(f"APPEND to {folder!r} gave no APPENDUID: {data!r}")
        return int(match.group(2))

    def uidvalidity(self, folder: str) -> int:
        return self._status(folder, "UIDVALIDITY")

    def count(self, folder: str) -> int:
        return self._status(folder, "MESSAGES")

    def fetch_all(self, folder: str) -> list[bytes]:
        """Every message in UID order, read-only so \\Seen flags stay untouched."""
        with self.connect() as imap:
            _ok(imap.select(quote(folder), readonly=True), "EXAMINE", folder)
            typ, data = imap.uid("FETCH", "1:*", "(BODY.PEEK[])")
            _ok((typ, data), "FETCH", folder)
        return [item[1] for item in data if isinstance(item, tuple)]

    def flags(self, folder: str, uid: int) -> set[str]:
        """The flags of one message, read without changing them."""
        with self.connect() as imap:
            _ok(imap.select(quote(folder), readonly=True), "EXAMINE", folder)
            typ, data = imap.uid("FETCH", str(uid), "(FLAGS)")
            _ok((typ, data), "FETCH FLAGS", folder)
        found = re.search(rb"FLAGS \(([^)]*)\)", data[0] if isinstance(data[0], bytes) else b"")
        if found is None:
            raise RuntimeError(f"no message with UID {uid} in {folder!r}: {data!r}")
        return set(found.group(1).decode().split())

    def recreate_folder(self, folder: str) -> int:
        """DELETE and CREATE ``folder`` (empty again); returns the new UIDVALIDITY.

        INBOX cannot be deleted over IMAP: use ``reset_uidvalidity`` for it.
        """
        if folder.upper() == "INBOX":
            raise ValueError("INBOX cannot be recreated; use reset_uidvalidity('INBOX')")
        before = self.uidvalidity(folder)
        with self.connect() as imap:
            _ok(imap.delete(quote(folder)), "DELETE", folder)
            _ok(imap.create(quote(folder)), "CREATE", folder)
            _ok(imap.subscribe(quote(folder)), "SUBSCRIBE", folder)
        return self._changed_uidvalidity(folder, before)

    def reset_uidvalidity(self, folder: str) -> int:
        """Give ``folder`` (INBOX too) a new UIDVALIDITY, keeping its messages."""
        before = self.uidvalidity(folder)
        subprocess.run(
            [
                str(DOVEADM_BINARY),
                "-c",
                str(self.config_path),
                "mailbox",
                "update",
                "-u",
                self.user,
                "--uid-validity",
                str(before + 1),
                folder,
            ],
            check=True,
            capture_output=True,
            timeout=10,
        )
        return self._changed_uidvalidity(folder, before)

    def _changed_uidvalidity(self, folder: str, before: int) -> int:
        after = self.uidvalidity(folder)
        if after == before:
            raise RuntimeError(f"UIDVALIDITY of {folder!r} did not change ({before})")
        return after

    def _status(self, folder: str, item: str) -> int:
        with self.connect() as imap:
            typ, data = imap.status(quote(folder), f"({item})")
            _ok((typ, data), "STATUS", folder)
        found = re.search(_STATUS_ITEM.format(item).encode(), data[0] or b"")
        if found is None:
            raise RuntimeError(f"STATUS {folder!r} lacks {item}: {data!r}")
        return int(found.group(1))


def _sasl_oauth_responder(mechanism: str, user: str, token: str) -> Callable[[bytes], bytes]:
    """imaplib's authobject: the client response first, then the error-challenge answer."""
    message = (
        oauthbearer_message(user, token)
        if mechanism.upper() == "OAUTHBEARER"
        else xoauth2_message(user, token)
    )
    answers = iter([message.encode()])

    def respond(challenge: bytes) -> bytes:
        # A second call carries the server's JSON error: never resend the token.
        # XOAUTH2 wants an empty line, OAUTHBEARER a lone ^A (RFC 7628 section 3.2.3).
        return next(answers, b"\x01" if mechanism.upper() == "OAUTHBEARER" else b"")

    return respond


def _readable_tree(root: Path) -> None:
    # Dovecot's auth processes run unprivileged and must read what we write as root.
    for folder, _, files in os.walk(root):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


def quote(mailbox: str) -> str:
    """IMAP quoted string; imaplib sends mailbox arguments verbatim."""
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(response: tuple[str, Sequence[object]], command: str, folder: str) -> None:
    typ, data = response
    if typ != "OK":
        raise RuntimeError(f"IMAP {command} {folder!r} failed: {typ} {data!r}")


def _is_root() -> bool:
    return os.geteuid() == 0


def _mail_owner() -> pwd.struct_passwd:
    return pwd.getpwnam("nobody") if _is_root() else pwd.getpwuid(os.geteuid())


def _privilege_settings() -> str:
    if _is_root():
        return "default_internal_user = dovecot\ndefault_login_user = dovenull\n"
    # Rootless: every process runs as us.
    me = pwd.getpwuid(os.geteuid())
    return (
        f"default_internal_user = {me.pw_name}\n"
        f"default_internal_group = {_group_name(me.pw_gid)}\n"
        f"default_login_user = {me.pw_name}\n"
    )


def _group_name(gid: int) -> str:
    return grp.getgrgid(gid).gr_name


def _free_ports(count: int) -> list[int]:
    """Ports the kernel picked as free; all held open together so they differ."""
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind((LOOPBACK, 0))
        return [sock.getsockname()[1] for sock in sockets]


_OAUTH2_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {d}/oauth2.conf.ext
}}
"""

_REFUSALS_DICT = """\
uri = fs:posix:prefix={d}/refusals/
key passdb {{
  key = passdb/%u
  format = json
}}
passdb_objects = passdb
"""

_CONFIG_TEMPLATE = """\
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
instance_name = {instance}
protocols = imap
listen = 127.0.0.1
{privileges}
ssl = yes
ssl_cert = <{d}/ssl/cert.pem
ssl_key = <{d}/ssl/key.pem
disable_plaintext_auth = no
auth_mechanisms = {auth_mechanisms}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:{d}/mail/%u

# Users whose password login is refused (refuse_password_login); for everyone else
# the lookup finds nothing and Dovecot goes on to the next passdb.
passdb {{
  driver = dict
  mechanisms = plain login
  args = {d}/refusals.conf.ext
}}
{oauth2_passdb}passdb {{
  driver = passwd-file
{password_mechanisms}  args = scheme=PLAIN username_format=%u {d}/passwd.d/%u
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/mail/%u
}}

# A wrong password would otherwise cost 2 s, and anvil's per-IP "auth penalty"
# (up to 15 s, kept ~30 s) would then slow every later login on this shared server,
# good ones included. A socket nobody may open disables the penalty; failed logins
# still take ~0.5 s (Dovecot flushes auth failures on a 0.5 s timer).
auth_failure_delay = 0
service anvil {{
  {chroot}
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}

service imap-login {{
  {chroot}
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}

namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
"""
