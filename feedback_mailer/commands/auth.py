"""`auth set`, `check`, `delete`: the SMTP/IMAP passwords in the OS keyring;
`auth login`: the OAuth2 sign-in, kept in the keyring beside them."""

from __future__ import annotations

import sys

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import interactive, pass_app, say, warn
from feedback_mailer.setup.credentials import KINDS


@click.group()
def auth() -> None:
    """Store, check or delete passwords in the OS keyring, or sign in with OAuth2."""


@auth.command("set")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the password from standard input.")
def auth_set(kind: str, from_stdin: bool) -> None:
    """Store the password for KIND (smtp or imap) in the keyring."""
    from feedback_mailer.setup import credentials

    credentials.require_usable_keyring()  # before the password is typed, not after
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif interactive():
        password = click.prompt(
            f"{kind.upper()} password", hide_input=True, confirmation_prompt=True
        )
    else:
        from feedback_mailer.base.errors import InputError

        raise InputError("Standard input is not a terminal: pass --stdin to read the password.")
    credentials.store_password(kind, password)
    say(f"Stored the {kind.upper()} password in the keyring.")


@auth.command("check")
@pass_app
def auth_check(ctx: AppContext) -> None:
    """Say which passwords and OAuth2 sign-in are stored (never shows them)."""
    from feedback_mailer.base.errors import ConfigError
    from feedback_mailer.setup import credentials, oauth2

    try:
        config = ctx.optional_config()
    except ConfigError as error:
        warn(f"warning: {error}")
        config = None
    report = credentials.backend_report()
    say(f"keyring backend: {report.name}")
    if report.warning:
        warn(f"warning: {report.warning}")
    missing = False
    for kind in credentials.KINDS:
        section = None if config is None else config.smtp if kind == "smtp" else config.imap
        if section is not None and section.auth == "oauth2":
            how = (
                f"its token_command ({section.token_command[0]})"
                if section.token_command
                else "OAuth2 (below)"
            )
            say(f"{kind}: signs in with {how}")
            continue
        stored = credentials.stored_password(kind) is not None
        missing = missing or (kind == "smtp" and not stored)
        say(f"{kind}: {'stored' if stored else f'not stored (run `auth set {kind}`)'}")
    if config is not None and oauth2.uses_sign_in(config):
        sign_in = oauth2.load(config)
        if sign_in is None:
            missing = True
            say(f"oauth2: not signed in for {oauth2.account(config)} (run `auth login`)")
        else:
            from feedback_mailer.setup.config import sender_zone

            say(f"oauth2: {oauth2.describe(sign_in, ctx.now(), sender_zone(config))}")
    if missing:
        sys.exit(1)


@auth.command("login")
@click.option(
    "--browser",
    is_flag=True,
    help="Sign in with a browser on this computer (authorization code with PKCE) rather "
    "than with a code on any device.",
)
@pass_app
def auth_login(ctx: AppContext, browser: bool) -> None:
    """Sign in with OAuth2 once; the refresh token goes to the keyring.

    With a device code by default where the provider allows it (Microsoft): open
    the address shown on any device and enter the code. Google, and --browser, use
    a browser on this computer, which comes back to feedback-mailer on 127.0.0.1.
    """
    from feedback_mailer.setup import oauth2

    config = ctx.config()
    opener = oauth2.open_in_browser if oauth2.can_open_browser() else None
    sign_in = oauth2.login(config, browser=browser, out=say, now=ctx.now, open_browser=opener)
    minutes = max(1, (sign_in.expires_at - sign_in.refreshed_at) // 60)
    say(
        f"Signed in: the sign-in for {sign_in.account} is in the keyring (the access token "
        f"lasts {minutes} minutes and is renewed on its own)."
    )
    say("Next: `feedback-mailer doctor` checks that SMTP and IMAP accept it.")


@auth.command("delete")
@click.argument("kind", type=click.Choice((*KINDS, "oauth2")))
@pass_app
def auth_delete(ctx: AppContext, kind: str) -> None:
    """Remove the password for KIND, or the OAuth2 sign-in, from the keyring.

    `auth delete oauth2` also revokes the refresh token where the provider offers it.
    """
    from feedback_mailer.setup import credentials

    if kind == "oauth2":
        from feedback_mailer.setup import oauth2

        for line in oauth2.sign_out(ctx.config()):
            (warn if line.startswith("warning:") else say)(line)
        return
    if credentials.delete_password(kind):
        say(f"Deleted the {kind.upper()} password from the keyring.")
    else:
        say(f"No {kind.upper()} password was stored.")
