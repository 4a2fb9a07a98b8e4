"""`doctor`: one line per check, each failure with the fix; nothing is sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from feedback_mailer.context import AppContext
from feedback_mailer.errors import FeedbackMailerError
from feedback_mailer.setup.config import Config, permissions_warning

SAMPLE = {
    "contact_name": "Jane Doe",
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
    yield from _permission_checks(ctx)
    yield from _keyring_checks(config)
    yield _attempt("templates", lambda: _render_all(ctx))
    if config is not None:
        yield from _server_checks(ctx, config)


def _permission_checks(ctx: AppContext) -> Iterator[Check]:
    """Whether another user could change the config, the templates or the database
    (each file and its own directory, as OpenSSH checks ~/.ssh)."""
    from feedback_mailer import templating
    from feedback_mailer.setup.config import CONFIG_DIRECTORY, CONFIG_FILE
    from feedback_mailer.setup.permissions import file_problem
    from feedback_mailer.store.database import permission_problem

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


def _render_all(ctx: AppContext) -> str:
    from feedback_mailer import templating

    names = []
    for info in templating.list_templates(ctx.templates_dir):
        templating.render(info.name, SAMPLE, ctx.templates_dir)
        names.append(info.name)
    return f"{len(names)} render ({', '.join(names)})"


def _server_checks(ctx: AppContext, config: Config) -> Iterator[Check]:
    if config.smtp is not None:
        yield _attempt("smtp", lambda: _smtp_login(ctx, config))
    if config.imap is not None:
        yield _attempt("imap", lambda: _imap_login(ctx, config))


def _smtp_login(ctx: AppContext, config: Config) -> str:
    smtp = config.require_smtp()
    with ctx.smtp_session_factory(prompt=None)() as session:
        session.connect()
    return f"{smtp.host}:{smtp.port} {smtp.security}, certificate verified, login accepted"


def _imap_login(ctx: AppContext, config: Config) -> str:
    imap = config.require_imap()
    with ctx.imap_session(None) as session:
        for folder in (*imap.folders, *([imap.sent_folder] if imap.sent_folder else [])):
            session.select(folder)
    folders = ", ".join(imap.folders) + (f"; sent: {imap.sent_folder}" if imap.sent_folder else "")
    return f"{imap.host}:{imap.port} {imap.security}, login accepted, folders found ({folders})"
