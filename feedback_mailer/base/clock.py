"""The program's one clock: every time-dependent function takes `now` from here."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current instant, timezone-aware in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)
