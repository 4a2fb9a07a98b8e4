"""What one `run` did: the record every step of `run` adds to and views print.

A leaf of lifecycle/: the steps (closing, follow_ups) and `run` all import it,
so none of them has to import another back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from feedback_mailer.lifecycle.replies import Change
    from feedback_mailer.store import Request


@dataclass
class RunReport:
    sent: list[Request] = field(default_factory=list)
    failed: list[tuple[Request, str]] = field(default_factory=list)
    uncertain: list[tuple[Request, str]] = field(default_factory=list)
    skipped: int = 0
    closed: list[Request] = field(default_factory=list)
    stale: list[Request] = field(default_factory=list)
    would_send: list[Request] = field(default_factory=list)
    would_close: list[Request] = field(default_factory=list)
    held: list[Request] = field(default_factory=list)  # due, but held for the person
    missed: list[Request] = field(default_factory=list)  # too late: held, never sent late
    reminders: list[Request] = field(default_factory=list)  # due, no tracking: not sent
    replies: list[Change] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.uncertain and not self.errors
