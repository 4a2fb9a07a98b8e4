"""`run`: what a scheduler calls every few minutes.

Order matters: replies are checked first so a follow-up never goes out after
an answer that is already in the mailbox; every step is safe to repeat and
to run concurrently with another `run`.
"""

from __future__ import annotations

from feedback_mailer import lifecycle
from feedback_mailer.context import AppContext
from feedback_mailer.lifecycle import RunReport


def run(ctx: AppContext, *, dry_run: bool = False) -> RunReport:
    config = ctx.config()
    report = RunReport()
    with ctx.store() as store:
        if not dry_run:
            report.stale.extend(lifecycle.mark_stale_sends(store, ctx.now()))
        lifecycle.send_due_follow_ups(
            store,
            config,
            ctx.templates_dir,
            # Never prompt: a scheduler has no one to answer.
            ctx.smtp_session_factory(prompt=None),
            ctx.now,
            report,
            dry_run=dry_run,
        )
        lifecycle.close_unanswered(store, config, ctx.now(), report, dry_run=dry_run)
    return report
