"""The minimum wait, to the minute people read and type (lifecycle.follow_ups)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from feedback_mailer.base.errors import RefusedError
from feedback_mailer.lifecycle.follow_ups import chosen_follow_up_time, earliest_follow_up
from feedback_mailer.setup.config import FollowUpConfig

BERLIN = ZoneInfo("Europe/Berlin")
SETTINGS = FollowUpConfig(min_after="3 business days", window="Mon-Sun 00:00-23:59")
# A Monday morning in Berlin; the request went out 40 seconds into the minute.
SENT = datetime(2026, 12, 7, 8, 0, 40, tzinfo=UTC)


def test_the_earliest_minute_shown_is_accepted_when_asked_for() -> None:
    # "3 business days" counted a moment earlier than the send (a second process whose
    # clock trails by seconds) lands in the same minute as the earliest allowed time.
    earliest = earliest_follow_up(SENT, SETTINGS, BERLIN)
    asked = earliest - timedelta(seconds=30)
    chosen = chosen_follow_up_time(asked, SENT, SENT, SETTINGS, BERLIN, BERLIN)
    assert chosen.due >= earliest


def test_a_refusal_offers_a_time_that_is_then_accepted() -> None:
    earliest = earliest_follow_up(SENT, SETTINGS, BERLIN)
    with pytest.raises(RefusedError) as refused:
        chosen_follow_up_time(earliest - timedelta(hours=2), SENT, SENT, SETTINGS, BERLIN, BERLIN)
    offered = str(refused.value).split("choose ")[1].split(" or later")[0]
    # The offered minute, typed back, is not refused.
    hour, minute = (int(part) for part in offered.rsplit(" ", 1)[1].split(":"))
    typed = earliest.astimezone(BERLIN).replace(hour=hour, minute=minute, second=0)
    chosen = chosen_follow_up_time(typed, SENT, SENT, SETTINGS, BERLIN, BERLIN)
    assert chosen.due >= earliest


def test_a_time_a_minute_or_more_too_soon_is_still_refused() -> None:
    earliest = earliest_follow_up(SENT, SETTINGS, BERLIN)
    with pytest.raises(RefusedError):
        chosen_follow_up_time(earliest - timedelta(minutes=2), SENT, SENT, SETTINGS, BERLIN, BERLIN)
