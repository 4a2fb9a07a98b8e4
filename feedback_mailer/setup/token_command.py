"""`token_command`: an OAuth helper (oama, pizauth, mutt_oauth2.py...) that prints an
access token; its token replaces the stored sign-in for its section."""

from __future__ import annotations

import subprocess

from feedback_mailer.base.errors import CredentialError
from feedback_mailer.base.textsafety import printable
from feedback_mailer.setup.oauth2_endpoint import shown

TOKEN_COMMAND_TIMEOUT_SECONDS = 60.0


def run_token_command(
    kind: str, argv: tuple[str, ...], timeout: float = TOKEN_COMMAND_TIMEOUT_SECONDS
) -> str:
    """The access token a helper prints on its first line; its failure is one sentence."""
    key = f"{kind}.token_command"
    program = printable(argv[0])
    try:
        done = subprocess.run(
            list(argv),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise CredentialError(
            f"{key} names {program}, which was not found: install it or write its full path."
        ) from None
    except subprocess.TimeoutExpired:
        raise CredentialError(
            f"{key} ({program}) printed no token within {timeout:g} seconds: run it yourself to "
            "see whether it waits for something (a sign-in, a passphrase)."
        ) from None
    except OSError as error:
        raise CredentialError(
            f"{key} ({program}) cannot be run ({error.strerror or error}): check the program "
            "and its permissions."
        ) from None
    if done.returncode != 0:
        lines = [
            line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()
        ]
        said = f" ({shown(lines[-1], 120)})" if lines else ""
        how = (
            f"was stopped by signal {-done.returncode}"
            if done.returncode < 0
            else f"failed with exit code {done.returncode}"
        )
        raise CredentialError(f"{key} ({program}) {how}{said}: run it yourself to see why.")
    output = done.stdout.decode("utf-8", "replace").strip().splitlines()
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
