"""`run` and `check`: what a scheduler calls every few minutes.

Order matters: replies are checked first so a follow-up never goes out after
an answer that is already in the mailbox. When reply tracking is configured
but the check fails, no follow-up is sent in that run: an unseen answer must
not be followed by a reminder. Every step is safe to repeat and to run
concurrently with another `run`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime
from typing import TYPE_CHECKING

from feedback_mailer.context import AppContext
from feedback_mailer.errors import FeedbackMailerError, MailServerError
from feedback_mailer.setup.config import Config

if TYPE_CHECKING:
    from feedback_mailer.lifecycle import RunReport
    from feedback_mailer.mail.imap import ImapSession, ScanReport
    from feedback_mailer.setup.credentials import Prompt
    from feedback_mailer.store import Store


def check(ctx: AppContext, prompt: Prompt | None) -> ScanReport:
    """`check`: scan the mailbox once and apply what was found."""
    from feedback_mailer.lifecycle.recovery import mark_stale_sends
    from feedback_mailer.mail import imap

    config = ctx.config()
    config.require_imap()
    with ctx.store() as store, ctx.imap_session(prompt) as session:
        mark_stale_sends(store, ctx.now())
        return imap.scan(store, session, config, ctx.now())


def sent_copier(
    session: ImapSession | None, config: Config, warnings: list[str], now: Callable[[], datetime]
) -> Callable[[bytes], None] | None:
    """Append each sent message to imap.sent_folder; a failure is a warning, not a failure."""
    if session is None or config.imap is None or not config.imap.sent_folder:
        return None
    folder = config.imap.sent_folder

    def copy(raw: bytes) -> None:
        try:
            session.append(folder, raw, now())
        except MailServerError as error:
            warnings.append(f"could not store a copy in {folder}: {error}")

    return copy


def copy_to_sent(ctx: AppContext, raw: bytes, prompt: Prompt | None) -> str | None:
    """After `send`: file a copy in imap.sent_folder; returns a warning if that failed."""
    config = ctx.config()
    if config.imap is None or not config.imap.sent_folder:
        return None
    warnings: list[str] = []
    try:
        with ctx.imap_session(prompt) as session:
            copier = sent_copier(session, config, warnings, ctx.now)
            assert copier is not None
            copier(raw)
    except FeedbackMailerError as error:
        warnings.append(f"could not store a copy in {config.imap.sent_folder}: {error}")
    return warnings[0] if warnings else None


def run(ctx: AppContext, *, dry_run: bool = False) -> RunReport:
    from feedback_mailer import lifecycle

    config = ctx.config()
    report = lifecycle.RunReport()
    with ExitStack() as stack:
        store: Store = stack.enter_context(ctx.store())
        if not dry_run:
            report.stale.extend(lifecycle.mark_stale_sends(store, ctx.now()))
        session = None
        if config.imap is not None and not dry_run:
            try:
                session = stack.enter_context(ctx.imap_session(prompt=None))
                from feedback_mailer.mail import imap

                scanned = imap.scan(store, session, config, ctx.now())
                report.replies.extend(change.text for change in scanned.changes)
            except FeedbackMailerError as error:
                report.errors.append(
                    f"replies could not be checked, so no follow-up was sent: {error}"
                )
                return report
        lifecycle.send_due_follow_ups(
            store,
            config,
            ctx.templates_dir,
            ctx.smtp_session_factory(prompt=None),  # never prompt: nobody is there to answer
            ctx.now,
            report,
            dry_run=dry_run,
            after_send=sent_copier(session, config, report.warnings, ctx.now),
        )
        lifecycle.close_unanswered(store, config, ctx.now(), report, dry_run=dry_run)
    return report
