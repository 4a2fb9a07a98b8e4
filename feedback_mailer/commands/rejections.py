"""`rejections`: the rejection emails found in the inbox; dismiss or restore one."""

from __future__ import annotations

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, say


@click.group(invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="Dismissed ones too.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array on stdout.")
@pass_app
@click.pass_context
def rejections(click_ctx: click.Context, ctx: AppContext, show_all: bool, as_json: bool) -> None:
    """The rejection emails found in the inbox, newest first, and who to ask."""
    if click_ctx.invoked_subcommand is not None:
        return
    from feedback_mailer.store.states import RejectionStatus
    from feedback_mailer.views import pages
    from feedback_mailer.views import rejections as view

    with ctx.store() as store:
        found = store.rejections(None if show_all else [RejectionStatus.OPEN.value])
    if as_json:
        say(pages.json_array([view.as_json(r) for r in found]))
    else:
        say(view.table(found, ctx.now()))


def _set(ctx: AppContext, rejection_id: int, dismiss: bool) -> None:
    from feedback_mailer.lifecycle import rejections as lifecycle
    from feedback_mailer.store.states import RejectionStatus

    status = RejectionStatus.DISMISSED if dismiss else RejectionStatus.OPEN
    with ctx.store(create=False) as store:
        changed = lifecycle.set_status(store, rejection_id, status, ctx.now())
    word = "dismissed" if dismiss else "restored"
    say(
        f"Rejection {rejection_id} {word}."
        if changed
        else f"Rejection {rejection_id} was so already."
    )


@rejections.command("dismiss")
@click.argument("rejection_id", type=int, metavar="ID")
@pass_app
def dismiss(ctx: AppContext, rejection_id: int) -> None:
    """Set a rejection aside: not a rejection, or not worth asking."""
    _set(ctx, rejection_id, dismiss=True)


@rejections.command("restore")
@click.argument("rejection_id", type=int, metavar="ID")
@pass_app
def restore(ctx: AppContext, rejection_id: int) -> None:
    """Take back a dismissed rejection."""
    _set(ctx, rejection_id, dismiss=False)
