"""A user's world for end-to-end tests: a config pointing at the real test
servers, passwords in the real (file) keyring, and the installed command.

Used by the product tests; it does not import pytest so the benchmark can
reuse it.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dovecot import Dovecot
from .smtp_server import SmtpServer

COMMAND = Path(sys.executable).parent / "feedback-mailer"
LIBFAKETIME_GLOB = "/usr/lib/*/faketime/libfaketime.so.1"


def faketime_env(start: str) -> dict[str, str]:
    """Environment that makes a subprocess's clock start at `start`
    ("@YYYY-MM-DD hh:mm:ss", then ticking), through Debian's libfaketime.

    LD_PRELOAD directly rather than the `faketime` wrapper: the wrapper makes a
    named semaphore per pid, and one left by a SIGKILLed process makes a later
    wrapper that gets the same pid fail with "sem_open: File exists".
    """
    found = sorted(glob.glob(LIBFAKETIME_GLOB))
    if not found:
        raise RuntimeError("libfaketime is missing: run `apt-get install faketime`.")
    remove_stale_faketime_files()
    return {"LD_PRELOAD": found[0], "FAKETIME": start}


def remove_stale_faketime_files() -> None:
    """libfaketime keeps a shared-memory segment and a semaphore per process,
    named by pid; a SIGKILLed process leaves them behind, and a new process
    that gets the same pid (pids wrap at 32768 here) would trip over them."""
    for path in glob.glob("/dev/shm/faketime_shm_*") + glob.glob("/dev/shm/sem.faketime_sem_*"):
        pid = path.rsplit("_", 1)[-1]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def file_mode(path: Path) -> int:
    """The permission bits of `path` (0o600 for the files the tool keeps private)."""
    return stat.S_IMODE(path.stat().st_mode)


def config_text(
    *,
    smtp: SmtpServer | None,
    ca_pem: Path | None,
    smtp_user: str = "alice",
    dovecot: Dovecot | None = None,
    imap_user: str | None = None,
    sent_folder: str = "",
    sender_email: str = "alex@example.com",
    sender_name: str = "Alex Candidate",
    timezone: str = "Europe/London",
    follow_up: dict[str, str | bool] | None = None,
) -> str:
    lines = [
        "[sender]",
        f'name = "{sender_name}"',
        f'email = "{sender_email}"',
        f'timezone = "{timezone}"',
    ]
    if smtp is not None:
        security = {"starttls": "starttls", "tls": "tls", "none": "none"}[smtp.mode]
        lines += [
            "",
            "[smtp]",
            f'host = "{smtp.host}"',
            f"port = {smtp.port}",
            f'security = "{security}"',
            f'username = "{smtp_user}"',
            f'cafile = "{ca_pem or ""}"',
        ]
    if dovecot is not None:
        lines += [
            "",
            "[imap]",
            f'host = "{dovecot.host}"',
            f"port = {dovecot.imaps_port}",
            'security = "tls"',
            f'username = "{imap_user or dovecot.user}"',
            f'cafile = "{dovecot.ca_pem}"',
            'folders = ["INBOX"]',
            f'sent_folder = "{sent_folder}"',
        ]
    if follow_up:
        lines += ["", "[follow_up]", *(f"{k} = {_toml_value(v)}" for k, v in follow_up.items())]
    return "\n".join(lines) + "\n"


def _toml_value(value: str | bool) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else f'"{value}"'


def init_args(smtp: SmtpServer, ca_pem: Path) -> tuple[str, ...]:
    """`init --non-interactive` as a new user types it for a test SMTP server (no IMAP)."""
    security = {"starttls": "starttls", "tls": "tls", "none": "none"}[smtp.mode]
    return (
        "init", "--non-interactive", "--name", "Alex Candidate", "--email", "alex@example.com",
        "--timezone", "Europe/London", "--provider", "custom", "--smtp-host", smtp.host,
        "--smtp-port", str(smtp.port), "--smtp-security", security, "--smtp-username", "alice",
        "--smtp-cafile", str(ca_pem), "--no-imap",
    )  # fmt: skip


@dataclass
class World:
    """Paths of one isolated user; `run` drives the installed command."""

    home: Path
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))

    @property
    def config_path(self) -> Path:
        return Path(self.env["XDG_CONFIG_HOME"]) / "feedback-mailer" / "config.toml"

    @property
    def db_path(self) -> Path:
        return Path(self.env["XDG_DATA_HOME"]) / "feedback-mailer" / "feedback-mailer.sqlite3"

    @property
    def keyring_file(self) -> Path:
        return Path(self.env["XDG_DATA_HOME"]) / "python_keyring" / "keyring_pass.cfg"

    def write_config(self, text: str) -> Path:
        self.config_path.parent.mkdir(parents=True, exist_ok=True)
        self.config_path.write_text(text, encoding="utf-8")
        self.config_path.chmod(0o600)
        return self.config_path

    def run(
        self,
        *args: str,
        input: str | None = None,
        faketime: str | None = None,
        extra_env: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        """The installed `feedback-mailer`, optionally under libfaketime (`faketime_env`)."""
        env = {**self.env, **(faketime_env(faketime) if faketime else {}), **(extra_env or {})}
        return subprocess.run(
            [str(COMMAND), *args],
            input=input,
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            stdin=None if input is not None else subprocess.DEVNULL,
        )

    def run_json(self, *args: str, **kwargs: Any) -> Any:
        result = self.run(*args, **kwargs)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)
