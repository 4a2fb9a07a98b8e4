"""`init`: write config.toml from options and answers; never a password."""

from __future__ import annotations

from typing import Any

import click

from feedback_mailer.commands.common import pass_app, refuse_undecodable, say, text_option
from feedback_mailer.context import AppContext
from feedback_mailer.setup.config import AUTH_METHODS, PROVIDERS, SECURITY_MODES


@click.command()
@click.option(
    "--non-interactive", is_flag=True, help="Never prompt; take every value from options."
)
@click.option("--name", callback=text_option, help="Your name as recipients see it.")
@click.option("--email", callback=text_option, help="Your email address.")
@click.option(
    "--timezone",
    callback=text_option,
    help="Your IANA time zone, e.g. Europe/London (default: the system's).",
)
@click.option("--provider", type=click.Choice(PROVIDERS), help="Fills in SMTP/IMAP servers.")
@click.option("--smtp-host", callback=text_option)
@click.option("--smtp-port", type=int)
@click.option("--smtp-security", type=click.Choice(SECURITY_MODES))
@click.option("--smtp-username", callback=text_option, help="Default: your email address.")
@click.option(
    "--smtp-cafile", callback=text_option, default="", help="Extra CA bundle for a private server."
)
@click.option("--imap/--no-imap", "use_imap", default=None, help="Track replies over IMAP.")
@click.option("--imap-host", callback=text_option)
@click.option("--imap-port", type=int)
@click.option("--imap-security", type=click.Choice(SECURITY_MODES))
@click.option("--imap-username", callback=text_option, help="Default: your email address.")
@click.option("--imap-cafile", callback=text_option, default="")
@click.option(
    "--imap-folder",
    "imap_folders",
    callback=text_option,
    multiple=True,
    help="Folder to watch (repeatable).",
)
@click.option(
    "--sent-folder", callback=text_option, default=None, help="Append a copy of sent mail here."
)
@click.option(
    "--auth",
    "auth_method",
    type=click.Choice(AUTH_METHODS),
    help="Sign in with a password (an app password, kept in the keyring) or with OAuth2. "
    "Default: oauth2 for outlook, asked for gmail, password otherwise.",
)
@click.option(
    "--oauth2-client-id",
    callback=text_option,
    help='The client ID of your OAuth2 app (README, "Signing in with OAuth2").',
)
@click.option(
    "--oauth2-tenant",
    callback=text_option,
    help="Microsoft only: common (default), consumers, organizations or your tenant id.",
)
@click.option("--force", is_flag=True, help="Replace an existing config file.")
@pass_app
def init(ctx: AppContext, /, **options: Any) -> None:
    """Create config.toml (mode 0600). Never asks for a password."""
    from feedback_mailer.setup import init_answers
    from feedback_mailer.setup.config import write_config

    asker = None if options.pop("non_interactive") else _ask
    answers = init_answers.collect_answers(options, asker)
    path = ctx.config_path
    force = bool(options["force"])
    if path.exists() and not force and asker is not None:
        force = click.confirm(f"{path} exists. Replace it?", default=False)
    write_config(path, answers, overwrite=force)
    say(f"Wrote {path}")
    if answers.oauth2 is not None:
        if not answers.oauth2.client_id:
            say('Next: register an app (README, "Signing in with OAuth2") and write its client')
            say(f"ID in the [oauth2] section of {path}; then")
        say("`feedback-mailer auth login` to sign in (the sign-in is kept in the keyring),")
        say("then `feedback-mailer doctor` to check everything.")
        return
    say("Next: `feedback-mailer auth set smtp` to store your password in the keyring,")
    say("then `feedback-mailer doctor` to check everything.")


def _ask(question: str, default: str | None) -> str:
    try:
        answer = str(click.prompt(question, default=default or None, show_default=bool(default)))
    except UnicodeDecodeError:  # a terminal or pipe that is not UTF-8
        from feedback_mailer.errors import InputError

        raise InputError(
            f"The answer to {question!r} holds bytes that are not UTF-8 text: type it again "
            "as UTF-8 (check the encoding of your terminal or script)."
        ) from None
    return refuse_undecodable(answer, f"The answer to {question!r}")
