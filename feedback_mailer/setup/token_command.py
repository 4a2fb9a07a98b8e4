"""`token_command`: an OAuth helper (oama, pizauth, mutt_oauth2.py...) that prints an
access token; its token replaces the stored sign-in for its section.

A helper is bounded like a server (README, Guarantees: "helpers and sign-in
servers are bounded in size and time"): at most MAX_OUTPUT_BYTES of stdout are
read, then it is stopped; its token is taken when it exits, even if a child it
left behind still holds stdout; it runs in its own process group, and the group
is ended when it exits, floods or overruns its time.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time

from feedback_mailer.base.errors import CredentialError
from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.base.textsafety import printable
from feedback_mailer.setup.oauth2_endpoint import shown

TOKEN_COMMAND_TIMEOUT_SECONDS = 60.0
# An access token is under 8 KB (Microsoft's are the longest, ~2.5 KB); twice that
# is room for a helper that prints a line of its own after it.
MAX_OUTPUT_BYTES = 16 * 1024
MAX_STDERR_BYTES = 64 * 1024  # read and dropped beyond this; only the last line is used


class _Flooded(Exception):
    pass


class _TimedOut(Exception):
    pass


def _end_group(process: subprocess.Popen[bytes], how: signal.Signals) -> None:
    """The helper's whole process group: what it left running goes with it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, how)


def _collect(process: subprocess.Popen[bytes], timeout: float) -> tuple[bytes, bytes]:
    """stdout and stderr until the helper exits; then what is already in the pipes,
    without waiting for a child that holds them."""
    import selectors

    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.fileno(), process.stderr.fileno()
    limits = {out: MAX_OUTPUT_BYTES, err: MAX_STDERR_BYTES}
    read = {out: bytearray(), err: bytearray()}
    ends = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        for fd in limits:
            os.set_blocking(fd, False)
            selector.register(fd, selectors.EVENT_READ)
        exited = False
        while selector.get_map():
            left = ends - time.monotonic()
            if left <= 0:
                if exited:
                    break  # a child that writes on and on is not waited for
                raise _TimedOut
            # Short waits: the helper's exit is seen even while a child holds its pipes.
            events = selector.select(0 if exited else min(0.05, left))
            if exited and not events:
                break  # all it wrote before exiting is read; a child may write on
            for key, _ in events:
                try:
                    piece = os.read(key.fd, 65536)
                except BlockingIOError:
                    continue
                if not piece:
                    selector.unregister(key.fd)
                    continue
                if len(read[key.fd]) < limits[key.fd]:
                    read[key.fd] += piece
                if key.fd == out and len(read[out]) > MAX_OUTPUT_BYTES:
                    raise _Flooded
            exited = exited or process.poll() is not None
    return bytes(read[out]), bytes(read[err])


def run_token_command(
    kind: str, argv: tuple[str, ...], timeout: float = TOKEN_COMMAND_TIMEOUT_SECONDS
) -> str:
    """The access token a helper prints on its first line; its failure is one sentence."""
    key = f"{kind}.token_command"
    program = printable(argv[0])
    try:
        process = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, ended as one
        )
    except FileNotFoundError:
        raise CredentialError(
            f"{key} names {program}, which was not found: install it or write its full path."
        ) from None
    except OSError as error:
        raise CredentialError(
            f"{key} ({program}) cannot be run ({error.strerror or error}): check the program "
            "and its permissions."
        ) from None
    how = signal.SIGKILL
    try:
        stdout, stderr = _collect(process, timeout)
        how = signal.SIGTERM  # it exited: what it left behind may clean up
    except _Flooded:
        raise CredentialError(
            f"{key} ({program}) printed more than {MAX_OUTPUT_BYTES // 1024} KB, which is no "
            "access token, and was stopped: run it yourself and pass the option that makes "
            "it print only the token."
        ) from None
    except _TimedOut:
        raise CredentialError(
            f"{key} ({program}) printed no token within {timeout:g} seconds: run it yourself to "
            "see whether it waits for something (a sign-in, a passphrase)."
        ) from None
    finally:
        _end_group(process, how)
        if process.poll() is None:
            process.kill()
        process.wait()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
    return _token(key, program, process.returncode, stdout, stderr)


# With `run --quiet` the sentence may reach the system journal, so a line that
# names a secret, or holds a run that looks like one, is not repeated.
_SECRET_WORDS = LazyPattern(
    r"pass(?:word|wd|phrase)?|secret|token|bearer|credential|api[_-]?key|private|"
    r"authoriz|cookie",
    re.IGNORECASE,
)
_OPAQUE_RUN = LazyPattern(r"[A-Za-z0-9_~+=.-]{24,}")


def _may_hold_a_secret(line: str) -> bool:
    if _SECRET_WORDS.search(line):
        return True
    # A long run mixing capitals, small letters and digits is a key, not a word.
    return any(
        any(c.isupper() for c in run)
        and any(c.islower() for c in run)
        and any(c.isdigit() for c in run)
        for run in _OPAQUE_RUN.findall(line)
    )


def _token(key: str, program: str, returncode: int, stdout: bytes, stderr: bytes) -> str:
    if returncode != 0:
        lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        if lines and _may_hold_a_secret(lines[-1]):
            said = " (what it said on stderr is not shown: it may hold a secret)"
        else:
            said = f" ({shown(lines[-1], 120)})" if lines else ""
        how = (
            f"was stopped by signal {-returncode}"
            if returncode < 0
            else f"failed with exit code {returncode}"
        )
        raise CredentialError(f"{key} ({program}) {how}{said}: run it yourself to see why.")
    # Only "\n" ends the token's line: splitlines() would also cut at \x0b, \x1c or
    # U+2028 and hand on the first piece of something that is no token.
    output = stdout.decode("utf-8", "replace").strip().split("\n")
    token = output[0].strip() if output else ""
    if not token:
        raise CredentialError(
            f"{key} ({program}) printed no access token: run it yourself; it must print the "
            "token on its first line."
        )
    if not token.isascii() or not token.isprintable() or " " in token:
        raise CredentialError(
            f"{key} ({program}) printed something that is not an access token on its first "
            "line: run it yourself, and pass the option that makes it print only the token."
        )
    return token
