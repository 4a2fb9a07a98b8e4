"""`doctor`: one line per check, each failure with the fix; nothing is sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from feedback_mailer.app.context import AppContext
from feedback_mailer.base.errors import FeedbackMailerError
from feedback_mailer.setup.config import Config, ImapConfig, SmtpConfig, permissions_warning

SAMPLE = {
    "contact_name": "Jane Doe",
    "contact_first_name": "Jane",
    "greet": None,
    "company": "Acme Corp",
    "role": "Program Manager",
    "interview_date": "Wednesday 18 November",
    "highlights": ["our conversation about the roadmap"],
    "sender_name": "Alex Candidate",
    "sender_email": "alex@example.com",
    "original_subject": "Feedback on my interview",
    "original_sent": "Mon 23 Nov 2026",
    "original_text": "Dear Jane,\n\nThank you for your time.",
}


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # "ok" | "warn" | "fail"
    detail: str


def _attempt(name: str, action: Callable[[], str]) -> Check:
    try:
        return Check(name, "ok", action())
    except FeedbackMailerError as error:
        return Check(name, "fail", str(error))


def run_checks(ctx: AppContext) -> Iterator[Check]:
    config: Config | None = None
    try:
        config = ctx.config()
    except FeedbackMailerError as error:
        yield Check("config", "fail", str(error))
    if config is not None:
        yield Check("config", "ok", str(config.path))
        warning = permissions_warning(config.path)
        if warning:
            yield Check("config permissions", "warn", warning)
        yield _attempt("sender", lambda: _sender_address(config))
        yield _tracking_check(config)
    yield from _permission_checks(ctx)
    keyring = list(_keyring_checks(config))
    yield from keyring
    yield _attempt("templates", lambda: _render_all(ctx))
    if config is not None:
        yield from _oauth2_checks(ctx, config)
        # A keyring that does not work, or a password not stored, is said once above:
        # the login it would make fail is not tried, so the same sentence is not repeated.
        failed = {check.name for check in keyring if check.status == "fail"}
        yield from _server_checks(ctx, config, skip=failed)


def _tracking_check(config: Config) -> Check:
    """Without [imap] no answer can be seen: say what that means for the follow-up."""
    if config.tracks_replies:
        return Check("reply tracking", "ok", "answers are looked for over IMAP")
    if config.follow_up.send_without_tracking:
        return Check(
            "reply tracking",
            "warn",
            "off, and follow-ups are sent anyway (send_without_tracking = true): one may go "
            "to someone who already answered; `feedback-mailer init` adds tracking",
        )
    return Check(
        "reply tracking",
        "warn",
        "off: a due follow-up is only a reminder to you, never sent on its own; "
        "`feedback-mailer init` adds tracking",
    )


def _sender_address(config: Config) -> str:
    """An address the first send would refuse (alex@jobseeker) is named here, not
    blamed on the password later."""
    from feedback_mailer.mail.addresses import validate_address

    return validate_address(config.sender.email, what=f"sender.email in {config.path}")


def _permission_checks(ctx: AppContext) -> Iterator[Check]:
    """Whether another user could change the config, the templates or the database
    (each file and its own directory, as OpenSSH checks ~/.ssh)."""
    from feedback_mailer.base.permissions import file_problem
    from feedback_mailer.setup.config import CONFIG_DIRECTORY, CONFIG_FILE
    from feedback_mailer.store.database import permission_problem
    from feedback_mailer.writing import templating

    try:
        config_path = ctx.config_path
        db_path = ctx.db_path
    except FeedbackMailerError as error:
        yield Check("permissions", "fail", str(error))
        return
    problems = [
        file_problem(config_path, CONFIG_FILE, CONFIG_DIRECTORY),
        *templating.permission_problems(ctx.templates_dir),
        permission_problem(db_path),
    ]
    found = list(dict.fromkeys(problem for problem in problems if problem))
    for problem in found:
        yield Check("permissions", "fail", problem)
    if not found:
        yield Check(
            "permissions", "ok", "only you can change the config, the templates and the database"
        )


def _keyring_checks(config: Config | None) -> Iterator[Check]:
    from feedback_mailer.setup import credentials

    try:
        report = credentials.backend_report()
    except FeedbackMailerError as error:
        yield Check("keyring", "fail", str(error))
        return
    if report.warning and ("fail" in report.name.lower() or "null" in report.name.lower()):
        yield Check("keyring", "fail", report.warning)
        return
    yield Check("keyring", "warn" if report.warning else "ok", report.warning or report.name)
    kinds = ["smtp"] + (["imap"] if config is not None and config.imap is not None else [])
    if config is not None:  # with auth = "oauth2" there is no password: see _oauth2_checks
        kinds = [kind for kind in kinds if _section(config, kind).auth != "oauth2"]
    for kind in kinds:
        try:
            stored = credentials.stored_password(kind) is not None
        except FeedbackMailerError as error:
            yield Check(f"{kind} password", "fail", str(error))
            continue
        yield Check(
            f"{kind} password",
            "ok" if stored else "fail",
            "stored in the keyring"
            if stored
            else f"not stored: run `feedback-mailer auth set {kind}`",
        )


def _section(config: Config, kind: str) -> SmtpConfig | ImapConfig:
    section = config.smtp if kind == "smtp" else config.imap
    return section if section is not None else SmtpConfig(host="")


def _oauth2_checks(ctx: AppContext, config: Config) -> Iterator[Check]:
    """Each token_command prints a token; the stored sign-in refreshes (a real refresh, so
    a revoked or expired one shows here), and how long the refresh token may last."""
    from feedback_mailer.setup import oauth2
    from feedback_mailer.setup import oauth2_endpoint as endpoint
    from feedback_mailer.setup.config import sender_zone

    for kind in ("smtp", "imap"):
        section = _section(config, kind)
        if section.auth == "oauth2" and section.token_command:
            yield _attempt(f"{kind} token_command", partial(_token_command, ctx, kind, section))
    if not oauth2.uses_sign_in(config):
        return
    try:
        sign_in = ctx.oauth2_sign_in(force=True)
    except FeedbackMailerError as error:
        yield Check("oauth2", "fail", str(error))
        return
    oauth = config.oauth2
    where = endpoint.host_of(oauth.token_endpoint) if oauth else "the provider"
    minutes = max(1, (sign_in.expires_at - sign_in.refreshed_at) // 60)
    yield Check(
        "oauth2",
        "ok",
        f"signed in for {sign_in.account}; refreshed at {where}, the access token lasts "
        f"{minutes} minutes",
    )
    note = oauth2.refresh_token_note(sign_in, ctx.now(), sender_zone(config))
    if note is not None:
        yield Check("oauth2 refresh token", note[0], note[1])


def _token_command(ctx: AppContext, kind: str, section: SmtpConfig | ImapConfig) -> str:
    ctx.credential(kind, None)
    return f"{section.token_command[0]} printed an access token"


def _render_all(ctx: AppContext) -> str:
    from feedback_mailer.writing import templating

    names = []
    for info in templating.list_templates(ctx.templates_dir):
        templating.render(info.name, SAMPLE, ctx.templates_dir, info.language)
        english = info.language == templating.DEFAULT_LANGUAGE
        names.append(info.name if english else f"{info.name}.{info.language}")
    return f"{len(names)} render ({', '.join(names)})"


def _server_checks(
    ctx: AppContext,
    config: Config,
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> Iterator[Check]:
    logins = (("smtp", config.smtp, _smtp_login), ("imap", config.imap, _imap_login))
    for kind, section, login in logins:
        if section is None:
            continue
        if "keyring" in skip:
            yield Check(kind, "fail", "login not tried: the keyring (above) must work first")
        elif f"{kind} password" in skip:
            yield Check(kind, "fail", f"login not tried: no {kind.upper()} password (above)")
        else:
            yield _attempt(kind, partial(login, ctx, config))


def _smtp_login(ctx: AppContext, config: Config) -> str:
    smtp = config.require_smtp()
    with ctx.smtp_session_factory(prompt=None)() as session:
        session.connect()
        how = f" ({session.mechanism})" if smtp.auth == "oauth2" else ""
    return f"{smtp.host}:{smtp.port} {smtp.security}, certificate verified, login accepted{how}"


def _imap_login(ctx: AppContext, config: Config) -> str:
    imap = config.require_imap()
    with ctx.imap_session(None) as session:
        how = f" ({session.mechanism})" if imap.auth == "oauth2" else ""
        for folder in (*imap.folders, *([imap.sent_folder] if imap.sent_folder else [])):
            session.select(folder)
    folders = ", ".join(imap.folders) + (f"; sent: {imap.sent_folder}" if imap.sent_folder else "")
    return (
        f"{imap.host}:{imap.port} {imap.security}, login accepted{how}, folders found ({folders})"
    )
