"""`init`: write config.toml from options and answers; never a password."""

from __future__ import annotations

from typing import Any

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, refuse_undecodable, say, text_option, warn
from feedback_mailer.setup.config import AUTH_METHODS, PROVIDERS, SECURITY_MODES, Config


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
def init(
    ctx: AppContext,
    /,
    *,
    non_interactive: bool,
    name: str | None,
    email: str | None,
    timezone: str | None,
    provider: str | None,
    smtp_host: str | None,
    smtp_port: int | None,
    smtp_security: str | None,
    smtp_username: str | None,
    smtp_cafile: str,
    use_imap: bool | None,
    imap_host: str | None,
    imap_port: int | None,
    imap_security: str | None,
    imap_username: str | None,
    imap_cafile: str,
    imap_folders: tuple[str, ...],
    sent_folder: str | None,
    auth_method: str | None,
    oauth2_client_id: str | None,
    oauth2_tenant: str | None,
    force: bool,
) -> None:
    """Create config.toml (mode 0600). Never asks for a password."""
    from feedback_mailer.setup import init_answers
    from feedback_mailer.setup.config import render_config, write_config

    options: dict[str, Any] = {
        "name": name,
        "email": email,
        "timezone": timezone,
        "provider": provider,
        "smtp_host": smtp_host,
        "smtp_port": smtp_port,
        "smtp_security": smtp_security,
        "smtp_username": smtp_username,
        "smtp_cafile": smtp_cafile,
        "use_imap": use_imap,
        "imap_host": imap_host,
        "imap_port": imap_port,
        "imap_security": imap_security,
        "imap_username": imap_username,
        "imap_cafile": imap_cafile,
        "imap_folders": imap_folders,
        "sent_folder": sent_folder,
        "auth_method": auth_method,
        "oauth2_client_id": oauth2_client_id,
        "oauth2_tenant": oauth2_tenant,
    }
    asker = None if non_interactive else _ask
    path = ctx.config_path
    current = _current_config(ctx) if asker is not None or force else None
    if current is not None and asker is not None:
        say(f"Updating {path}: press Enter to keep each value in [brackets].")
    answers = init_answers.collect_answers(options, asker, _tell, current)
    if asker is not None:
        # The person sees what goes into the file before it is written.
        say(f"\nThis is what will be saved in {path}:\n")
        say(render_config(answers))
        replacing = path.exists() and current is None and not force
        question = f"{path} exists. Replace it?" if replacing else "Save these settings?"
        if not init_answers.yes_no(
            f"{question} (yes/no)", "no" if replacing else "yes", asker, _tell
        ):
            say("Nothing was written.")
            return
        force = force or path.exists()
    write_config(path, answers, overwrite=force)
    say(f"Wrote {path}")
    if answers.oauth2 is not None:
        if not answers.oauth2.client_id:
            say('Next: register an app (README, "Signing in with OAuth2") and write its client')
            say(f"ID in the [oauth2] section of {path}; then")
        say("`feedback-mailer auth login` to sign in (the sign-in is kept in the keyring),")
        say("then `feedback-mailer doctor` to check everything.")
        return
    kinds = ("smtp", "imap") if answers.imap is not None else ("smtp",)
    missing = [kind for kind in kinds if not _password_stored(kind)]
    if not missing:
        say("The passwords are already in the keyring: `feedback-mailer doctor` checks everything.")
        return
    say(f"Next: `feedback-mailer auth set {missing[0]}` to store your password in the keyring,")
    say("then `feedback-mailer doctor` to check everything.")


def _password_stored(kind: str) -> bool:
    """Whether the keyring holds this password; a keyring that cannot be read says no,
    and `auth set` then explains what is wrong with it."""
    from feedback_mailer.base.errors import CredentialError
    from feedback_mailer.setup.credentials import stored_password

    try:
        return stored_password(kind) is not None
    except CredentialError:
        return False


def _tell(text: str) -> None:
    warn(text)


def _current_config(ctx: AppContext) -> Config | None:
    """The config being updated, if there is one that can be read: its values are
    offered as the answers, and the keys `init` does not ask about are kept."""
    from feedback_mailer.base.errors import ConfigError
    from feedback_mailer.setup.config import load_optional_config

    try:
        return load_optional_config(ctx.config_path)
    except ConfigError as error:
        warn(f"note: the current config cannot be read, so nothing is kept from it ({error})")
        return None


def _ask(question: str, default: str | None) -> str:
    try:
        # No default: an answer is needed; "" as the default: Enter leaves it empty.
        answer = str(click.prompt(question, default=default, show_default=bool(default)))
    except click.Abort:
        import sys

        # Answers piped from a script that end early: the offered values apply, as
        # pressing Enter would; at a terminal, Ctrl-D still stops init.
        if default is None or sys.stdin.isatty():
            raise
        say("")
        return default
    except UnicodeDecodeError:  # a terminal or pipe that is not UTF-8
        from feedback_mailer.base.errors import InputError

        raise InputError(
            f"The answer to {question!r} holds bytes that are not UTF-8 text: type it again "
            "as UTF-8 (check the encoding of your terminal or script)."
        ) from None
    return refuse_undecodable(answer, f"The answer to {question!r}")
