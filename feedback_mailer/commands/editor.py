"""`$EDITOR` for a message or a note: the file goes out and comes back as bytes, so
text that is not UTF-8 is one sentence (drafts.decode_edited), never a traceback."""

from __future__ import annotations

import click


def edit(text: str, *, require_save: bool = True, nothing: str = "nothing was sent") -> str | None:
    """The text as saved in the editor; None when it was closed without saving."""
    from feedback_mailer.lifecycle.drafts import decode_edited

    if text and not text.endswith("\n"):
        text += "\n"
    saved = click.edit(text.encode("utf-8"), extension=".txt", require_save=require_save)
    return None if saved is None else decode_edited(saved, nothing)
