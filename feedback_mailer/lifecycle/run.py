"""What `check` and `run` do, in order.

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
from pathlib import Path
from typing import TYPE_CHECKING

from feedback_mailer.base.errors import FeedbackMailerError, MailServerError
from feedback_mailer.lifecycle.report import RunReport
from feedback_mailer.setup.config import Config

if TYPE_CHECKING:
    from feedback_mailer.lifecycle.follow_ups import SessionFactory
    from feedback_mailer.lifecycle.scanning import ScanReport
    from feedback_mailer.mail.imap import ImapSession
    from feedback_mailer.store import Store

ImapFactory = Callable[[], "ImapSession"]


def check(
    store: Store, open_imap: ImapFactory, config: Config, now: Callable[[], datetime]
) -> ScanReport:
    """`check`: scan the mailbox once and apply what was found."""
    from feedback_mailer.lifecycle.recovery import mark_stale_sends
    from feedback_mailer.lifecycle.scanning import scan

    config.require_imap()
    with open_imap() as session:
        mark_stale_sends(store, now())
        return scan(store, session, config, now())


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


def copy_to_sent(
    open_imap: ImapFactory, config: Config, raw: bytes, now: Callable[[], datetime]
) -> str | None:
    """After `send`: file a copy in imap.sent_folder; returns a warning if that failed."""
    if config.imap is None or not config.imap.sent_folder:
        return None
    warnings: list[str] = []
    try:
        with open_imap() as session:
            copier = sent_copier(session, config, warnings, now)
            if copier is not None:
                copier(raw)
    except FeedbackMailerError as error:
        warnings.append(f"could not store a copy in {config.imap.sent_folder}: {error}")
    return warnings[0] if warnings else None


def run(
    store: Store,
    config: Config,
    templates_dir: Path | None,
    open_imap: ImapFactory,
    open_smtp: SessionFactory,
    now: Callable[[], datetime],
    *,
    dry_run: bool = False,
) -> RunReport:
    """Settle interrupted sends, check replies, send due follow-ups, let old requests go."""
    from feedback_mailer.lifecycle import closing, follow_ups
    from feedback_mailer.lifecycle.recovery import mark_stale_sends

    report = RunReport()
    with ExitStack() as stack:
        if not dry_run:
            report.stale.extend(mark_stale_sends(store, now()))
        session = None
        if config.imap is not None and not dry_run:
            try:
                from feedback_mailer.lifecycle.scanning import scan

                session = stack.enter_context(open_imap())
                scanned = scan(store, session, config, now())
                report.replies.extend(scanned.changes)
                report.unreadable.extend(scanned.unreadable)
            except FeedbackMailerError as error:
                report.errors.append(
                    f"replies could not be checked, so no follow-up was sent: {error}"
                )
                return report
        follow_ups.send_due_follow_ups(
            store,
            config,
            templates_dir,
            open_smtp,
            now,
            report,
            dry_run=dry_run,
            after_send=sent_copier(session, config, report.warnings, now),
        )
        closing.close_unanswered(store, config, now(), report, dry_run=dry_run)
    return report
