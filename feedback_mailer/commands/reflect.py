"""`reflect`: a note on one interview — what went well, what to improve, #tags."""

from __future__ import annotations

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, request_id_option, say, text_option, warn


@click.command()
@click.argument("request_id", type=int, required=False, callback=request_id_option, metavar="[ID]")
@click.option(
    "--company", callback=text_option, metavar="NAME", help="An interview with no request."
)
@click.option("--role", callback=text_option, metavar="ROLE", help="With --company.")
@click.option(
    "--interview-date",
    callback=text_option,
    metavar="DATE",
    help="With --company, e.g. 2026-11-18.",
)
@click.option(
    "--went-well",
    "went_well",
    callback=text_option,
    multiple=True,
    metavar="TEXT",
    help="A point that went well (repeatable); no editor opens.",
)
@click.option(
    "--improve",
    callback=text_option,
    multiple=True,
    metavar="TEXT",
    help="A point to improve, #tags allowed (repeatable); no editor opens.",
)
@click.option("--note", callback=text_option, metavar="TEXT", help="Add a line to the free notes.")
@click.option("--json", "as_json", is_flag=True, help="Print the saved note as JSON.")
@pass_app
def reflect(
    ctx: AppContext,
    request_id: int | None,
    company: str | None,
    role: str | None,
    interview_date: str | None,
    went_well: tuple[str, ...],
    improve: tuple[str, ...],
    note: str | None,
    as_json: bool,
) -> None:
    """Note what went well and what to improve after an interview, with #tags.

    `reflect ID` opens $EDITOR on the note of a request (in any state), filled
    with its company, role, interview date and the feedback that came back.
    For an interview without a request: --company (and --role,
    --interview-date). --went-well/--improve/--note add to the note without
    an editor, for scripts.
    """
    from feedback_mailer.base.errors import InputError
    from feedback_mailer.commands import editor
    from feedback_mailer.lifecycle import reflections
    from feedback_mailer.setup.config import sender_zone
    from feedback_mailer.views import notes as views_notes
    from feedback_mailer.views import pages

    if request_id is not None and (company or role or interview_date):
        raise InputError(
            "Give either a request ID or --company/--role/--interview-date, not both: "
            "a request's note takes its company, role and date from the request."
        )
    now = ctx.now()
    tz = sender_zone(ctx.optional_config())
    with ctx.store() as store:
        if request_id is not None:
            request = store.get_request(request_id)
            interview = reflections.interview_of(request)
        else:
            request = None
            interview = reflections.interview_given(company, role, interview_date, now, tz)
        if went_well or improve or note:
            saved = reflections.add_points(store, interview, went_well, improve, note, now)
        else:
            existing = reflections.find(store, interview)
            feedback = existing.feedback if existing else None
            if not feedback and request is not None:
                feedback = reflections.feedback_of(store, request)
            text = reflections.note_text(
                interview, existing, feedback, reflections.used_tags(store)
            )
            edited = editor.edit(text, nothing="nothing was saved")
            if edited is None or (edited == text and existing is not None):
                say("The note was not changed.")
                return
            previous_date = existing.interview_date if existing else interview.interview_date
            new = reflections.read_note(edited, interview, now, tz, previous_date)
            if existing is None and reflections.is_empty(new):
                say("Nothing was saved: the note has no points and no notes.")
                return
            saved = reflections.save(store, existing.id if existing else None, new, now)
    for hint in saved.hints:
        warn(f"note: {hint}.")
    if as_json:
        click.echo(pages.json_object(views_notes.reflection_json(saved.reflection)))
        return
    say(views_notes.saved_summary(saved.reflection, saved.created))
