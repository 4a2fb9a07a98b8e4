"""Unit tests for feedback_mailer.schedule: fixed instants only, never the real clock."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.examples import examples

from feedback_mailer.base import timing, typed_time
from feedback_mailer.base.errors import InputError
from feedback_mailer.base.timing import (
    Duration,
    Window,
    add_business_days,
    add_duration,
    describe_relative,
    format_local,
    in_window,
    next_window_opening,
    system_zone,
    zone,
)
from feedback_mailer.base.typed_time import parse_duration, parse_when, parse_window

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
CAIRO = ZoneInfo("Africa/Cairo")
# A Monday afternoon; 15:00 in London (GMT in November), 10:00 in New York.
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
DEFAULT_WINDOW = parse_window("Mon-Fri 09:00-17:00")
PROPERTY_ZONES = [
    ZoneInfo(name)
    for name in (
        "UTC",
        "America/New_York",
        "Europe/London",
        "Australia/Lord_Howe",  # 30-minute DST shift
        "Asia/Kolkata",  # half-hour offset, no DST
        "Africa/Cairo",  # DST starts at midnight on a Friday
    )
]


def local(
    tz: ZoneInfo,
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    *,
    fold: int = 0,
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=tz, fold=fold)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --------------------------------------------------------------------------- start-up


def test_importing_schedule_does_not_import_dateutil() -> None:
    code = (
        "import feedback_mailer.base.timing, feedback_mailer.base.typed_time, sys; "
        "assert 'dateutil' not in sys.modules"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 business days", {"business_days": 5}),
        ("3 business day", {"business_days": 3}),
        ("5 bd", {"business_days": 5}),
        ("2 working days", {"business_days": 2}),
        ("1 week", {"days": 7}),
        ("2 weeks", {"days": 14}),
        ("1w", {"days": 7}),
        ("14 days", {"days": 14}),
        ("1 day", {"days": 1}),
        ("3d", {"days": 3}),
        ("in 3 days", {"days": 3}),
        ("36 hours", {"hours": 36}),
        ("90 minutes", {"minutes": 90}),
        ("1 month", {"months": 1}),
        ("2 months", {"months": 2}),
        ("1 week 2 days", {"days": 9}),
        ("1 week, 2 days", {"days": 9}),
        ("1 week and 2 days", {"days": 9}),
        ("1w2d", {"days": 9}),
        ("an hour", {"hours": 1}),
        ("  IN   5   Business   Days ", {"business_days": 5}),
        ("1 day 3 hours 30 minutes", {"days": 1, "hours": 3, "minutes": 30}),
        ("12 months", {"months": 12}),
        ("261 business days", {"business_days": 261}),
    ],
)
def test_parse_duration_accepts_what_people_type(text: str, expected: dict[str, int]) -> None:
    assert parse_duration(text) == Duration(text=text.strip(), **expected)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Cannot read duration"),
        ("soon", "Cannot read duration"),
        ("5", "Cannot read duration"),
        ("days", "Cannot read duration"),
        ("5 dayz", "Cannot read duration"),
        ("1.5 days", "Cannot read duration"),
        ("-3 days", "must be positive"),
        ("in -3 days", "must be positive"),
        ("0 days", "longer than zero"),
        ("0 weeks 0 hours", "longer than zero"),
        ("367 days", "longer than a year"),
        ("13 months", "longer than a year"),
        ("53 weeks", "longer than a year"),
        ("9999 hours", "longer than a year"),
        ("12345 minutes", "at most 4 digits"),
        ("00001 days", "at most 4 digits"),
        ("5 days ago", "Cannot read duration"),
    ],
)
def test_parse_duration_rejects_with_a_clear_message(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment) as caught:
        parse_duration(text)
    assert repr(text) in str(caught.value)


@settings(max_examples=examples(1000), deadline=None)
@given(st.text())
def test_parse_duration_raises_only_input_error(text: str) -> None:
    try:
        duration = parse_duration(text)
    except InputError:
        return
    assert timedelta(0) < typed_time._rough_length(duration) <= timedelta(days=366)


@settings(max_examples=examples(300), deadline=None)
@given(
    st.integers(min_value=1, max_value=366),
    st.sampled_from(["day", "days", "d", " days"]),
)
def test_parse_duration_reads_any_day_count(count: int, unit: str) -> None:
    assert parse_duration(f"{count}{unit}").days == count


# --------------------------------------------------------------------------- business days


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ((2026, 11, 28, 10, 0), 1, (2026, 11, 30, 10, 0)),  # Sat + 1 = Mon
        ((2026, 11, 29, 10, 0), 1, (2026, 11, 30, 10, 0)),  # Sun + 1 = Mon
        ((2026, 11, 27, 10, 0), 1, (2026, 11, 30, 10, 0)),  # Fri + 1 = Mon
        ((2026, 11, 23, 10, 0), 5, (2026, 11, 30, 10, 0)),  # Mon + 5 = next Mon
        ((2026, 11, 25, 10, 0), 3, (2026, 11, 30, 10, 0)),  # Wed + 3 = Mon
        ((2026, 11, 23, 10, 0), 10, (2026, 12, 7, 10, 0)),  # two whole weeks
        ((2026, 11, 28, 10, 0), 5, (2026, 12, 4, 10, 0)),  # Sat + 5 = Fri
    ],
)
def test_add_business_days_skips_weekends(
    start: tuple[int, ...], n: int, expected: tuple[int, ...]
) -> None:
    result = add_business_days(local(NEW_YORK, *start), n, NEW_YORK)
    assert result == local(NEW_YORK, *expected)
    assert result.tzinfo is UTC


def test_add_zero_business_days_is_the_same_instant_in_utc() -> None:
    start = local(LONDON, 2026, 11, 28, 10, 0)
    assert add_business_days(start, 0, LONDON) == start
    assert add_business_days(start, 0, LONDON).tzinfo is UTC


def test_add_business_days_refuses_negative_and_naive() -> None:
    with pytest.raises(ValueError):
        add_business_days(NOW, -1, LONDON)
    with pytest.raises(ValueError):
        add_business_days(datetime(2026, 11, 23, 10, 0), 1, LONDON)


def test_business_days_across_eu_dst_change_keep_0900_london() -> None:
    # Clocks go back in the UK on Sunday 2026-10-25: 09:00 BST is 08:00Z, 09:00 GMT is 09:00Z.
    sent = local(LONDON, 2026, 10, 23, 9, 0)
    due = add_business_days(sent, 5, LONDON)
    assert sent == utc(2026, 10, 23, 8, 0)
    assert due == utc(2026, 10, 30, 9, 0)
    assert format_local(due, LONDON) == "Fri 30 Oct 09:00"


def test_business_days_across_us_dst_change_keep_0900_new_york() -> None:
    # US clocks go back on Sunday 2026-11-01: 09:00 EDT is 13:00Z, 09:00 EST is 14:00Z.
    sent = local(NEW_YORK, 2026, 10, 29, 9, 0)
    due = add_business_days(sent, 3, NEW_YORK)
    assert sent == utc(2026, 10, 29, 13, 0)
    assert due == utc(2026, 11, 3, 14, 0)
    assert format_local(due, NEW_YORK) == "Tue 3 Nov 09:00"


def test_business_day_landing_in_a_dst_gap_moves_forward() -> None:
    # Egypt springs forward at midnight on Friday 2026-04-24: 00:00-00:59 does not exist.
    due = add_business_days(local(CAIRO, 2026, 4, 23, 0, 30), 1, CAIRO)
    assert due == utc(2026, 4, 23, 22, 0)
    assert format_local(due, CAIRO) == "Fri 24 Apr 01:00"


# --------------------------------------------------------------------------- add_duration


def test_one_day_across_dst_keeps_local_wall_clock() -> None:
    start = local(NEW_YORK, 2026, 10, 31, 10, 0)
    assert add_duration(start, parse_duration("1 day"), NEW_YORK) == local(
        NEW_YORK, 2026, 11, 1, 10, 0
    )
    start = local(LONDON, 2026, 10, 24, 10, 0)
    assert add_duration(start, parse_duration("1 day"), LONDON) == utc(2026, 10, 25, 10, 0)


def test_hours_are_elapsed_time_across_dst() -> None:
    start = local(NEW_YORK, 2026, 10, 31, 10, 0)
    result = add_duration(start, parse_duration("24 hours"), NEW_YORK)
    assert result - start == timedelta(hours=24)
    assert format_local(result, NEW_YORK) == "Sun 1 Nov 09:00"


def test_hours_from_the_second_of_two_repeated_times_stay_exact() -> None:
    second_0130 = local(NEW_YORK, 2026, 11, 1, 1, 30, fold=1)  # 01:30 EST, 06:30Z
    assert add_duration(second_0130, parse_duration("2 hours"), NEW_YORK) == utc(2026, 11, 1, 8, 30)


def test_months_clamp_to_the_end_of_the_month() -> None:
    start = local(LONDON, 2026, 1, 31, 10, 0)
    assert add_duration(start, parse_duration("1 month"), LONDON) == utc(2026, 2, 28, 10, 0)


def test_duration_parts_apply_in_documented_order() -> None:
    start = local(LONDON, 2026, 11, 27, 16, 0)  # a Friday
    d = Duration(text="x", business_days=1, days=2, hours=3, minutes=15)
    # Fri + 1 business day = Mon; + 2 days = Wed 16:00; + 3h15m = 19:15.
    assert add_duration(start, d, LONDON) == utc(2026, 12, 2, 19, 15)


def test_calendar_day_into_a_dst_gap_moves_to_the_first_valid_instant() -> None:
    # US clocks spring forward on Sunday 2026-03-08: 02:30 does not exist; 03:00 EDT does.
    start = local(NEW_YORK, 2026, 3, 7, 2, 30)
    assert add_duration(start, parse_duration("1 day"), NEW_YORK) == utc(2026, 3, 8, 7, 0)


def test_calendar_day_into_a_repeated_time_takes_the_first() -> None:
    start = local(NEW_YORK, 2026, 10, 31, 1, 30)
    assert add_duration(start, parse_duration("1 day"), NEW_YORK) == utc(2026, 11, 1, 5, 30)


@settings(max_examples=examples(300), deadline=None)
@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
    ),
    st.integers(min_value=1, max_value=30),
    st.sampled_from(PROPERTY_ZONES),
)
def test_business_days_land_on_a_weekday_after_the_start(
    start: datetime, n: int, tz: ZoneInfo
) -> None:
    result = add_business_days(start, n, tz)
    first, last = start.astimezone(tz).date(), result.astimezone(tz).date()
    weekdays_between = sum(
        (first + timedelta(days=i)).weekday() < 5 for i in range(1, (last - first).days + 1)
    )
    assert result > start
    assert last.weekday() < 5
    assert weekdays_between == n


# --------------------------------------------------------------------------- windows


@pytest.mark.parametrize(
    ("text", "weekdays", "start", "end"),
    [
        ("Mon-Fri 09:00-17:00", {0, 1, 2, 3, 4}, time(9), time(17)),
        ("Mon,Wed,Fri 10:00-16:00", {0, 2, 4}, time(10), time(16)),
        ("Tue-Thu 9:30-12:00", {1, 2, 3}, time(9, 30), time(12)),
        ("Sat-Sun 10:00-12:00", {5, 6}, time(10), time(12)),
        ("Mon-Sun 00:00-24:00", set(range(7)), time(0), time.max),
        ("Fri-Mon 09:00-17:00", {4, 5, 6, 0}, time(9), time(17)),
        ("monday - friday 09:00 - 17:00", {0, 1, 2, 3, 4}, time(9), time(17)),
        ("MON, Wednesday 08:00-09:00", {0, 2}, time(8), time(9)),
        ("Mon–Fri 09:00–17:00", {0, 1, 2, 3, 4}, time(9), time(17)),  # en dashes
        ("Wed 10:00-11:00", {2}, time(10), time(11)),
    ],
)
def test_parse_window_forms(text: str, weekdays: set[int], start: time, end: time) -> None:
    assert parse_window(text) == Window(
        text=text, weekdays=frozenset(weekdays), start=start, end=end
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Mon-Fri",
        "09:00-17:00",
        "Mon-Fri 17:00-09:00",
        "Mon-Fri 09:00-09:00",
        "Mon-Fri 09:00-25:00",
        "Mon-Fri 24:00-24:00",
        "Mon-Fri 09:60-17:00",
        "Mon-Fry 09:00-17:00",
        "Mon-Tue-Wed 09:00-17:00",
        "Mon,,Fri 09:00-17:00",
        "Mon-Fri 9-17",
        "Mon-Fri 09:00",
    ],
)
def test_parse_window_rejects_with_the_expected_form(text: str) -> None:
    with pytest.raises(InputError, match="Mon-Fri 09:00-17:00") as caught:
        parse_window(text)
    assert repr(text) in str(caught.value)


def test_in_window_start_inclusive_end_exclusive() -> None:
    assert in_window(local(NEW_YORK, 2026, 11, 23, 9, 0), DEFAULT_WINDOW, NEW_YORK)
    assert in_window(local(NEW_YORK, 2026, 11, 23, 16, 59, 59), DEFAULT_WINDOW, NEW_YORK)
    assert not in_window(local(NEW_YORK, 2026, 11, 23, 17, 0), DEFAULT_WINDOW, NEW_YORK)
    assert not in_window(local(NEW_YORK, 2026, 11, 23, 8, 59), DEFAULT_WINDOW, NEW_YORK)
    assert not in_window(local(NEW_YORK, 2026, 11, 28, 12, 0), DEFAULT_WINDOW, NEW_YORK)


def test_window_ending_at_2400_includes_the_last_instant_of_the_day() -> None:
    window = parse_window("Mon-Sun 00:00-24:00")
    last = local(LONDON, 2026, 11, 23, 23, 59, 59) + timedelta(microseconds=999_999)
    assert in_window(last, window, LONDON)


def test_next_window_opening_on_saturday_is_monday_0900_new_york() -> None:
    saturday = local(NEW_YORK, 2026, 11, 28, 12, 0)
    opening = next_window_opening(saturday, DEFAULT_WINDOW, NEW_YORK)
    assert opening == utc(2026, 11, 30, 14, 0)
    assert opening.tzinfo is UTC
    assert format_local(opening, NEW_YORK) == "Mon 30 Nov 09:00"


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        ((2026, 11, 23, 10, 0), (2026, 11, 23, 10, 0)),  # inside: unchanged
        ((2026, 11, 23, 7, 0), (2026, 11, 23, 9, 0)),  # before the start, same day
        ((2026, 11, 23, 17, 0), (2026, 11, 24, 9, 0)),  # at the end: next day
        ((2026, 11, 27, 18, 0), (2026, 11, 30, 9, 0)),  # Friday evening: Monday
        ((2026, 11, 29, 23, 59), (2026, 11, 30, 9, 0)),  # Sunday night: Monday
    ],
)
def test_next_window_opening_cases(t: tuple[int, ...], expected: tuple[int, ...]) -> None:
    assert next_window_opening(local(NEW_YORK, *t), DEFAULT_WINDOW, NEW_YORK) == local(
        NEW_YORK, *expected
    )


def test_wrapping_window_opens_on_the_weekend() -> None:
    window = parse_window("Fri-Mon 10:00-12:00")
    tuesday = local(LONDON, 2026, 11, 24, 11, 0)
    assert next_window_opening(tuesday, window, LONDON) == utc(2026, 11, 27, 10, 0)
    assert in_window(local(LONDON, 2026, 11, 29, 11, 0), window, LONDON)


def test_window_start_in_a_dst_gap_opens_at_the_first_valid_instant() -> None:
    window = parse_window("Sun 02:30-04:00")
    saturday = local(NEW_YORK, 2026, 3, 7, 12, 0)
    opening = next_window_opening(saturday, window, NEW_YORK)
    assert opening == utc(2026, 3, 8, 7, 0)  # 03:00 EDT
    assert format_local(opening, NEW_YORK) == "Sun 8 Mar 03:00"


def test_window_swallowed_by_a_dst_gap_is_skipped() -> None:
    window = parse_window("Sun 02:00-02:45")
    saturday = local(NEW_YORK, 2026, 3, 7, 12, 0)
    assert next_window_opening(saturday, window, NEW_YORK) == local(NEW_YORK, 2026, 3, 15, 2, 0)


def test_window_start_repeated_when_clocks_go_back_opens_twice() -> None:
    window = parse_window("Sun 01:30-01:45")
    after_first_pass = local(NEW_YORK, 2026, 11, 1, 1, 50)  # 01:50 EDT
    opening = next_window_opening(after_first_pass, window, NEW_YORK)
    assert opening == utc(2026, 11, 1, 6, 30)  # 01:30 EST, the second 01:30


def test_us_and_eu_dst_dates_differ_for_the_recipient_window() -> None:
    # Between 2026-10-25 and 2026-11-01 London is on GMT while New York is still on EDT.
    due = local(LONDON, 2026, 10, 27, 8, 0)  # 04:00 in New York
    assert next_window_opening(due, DEFAULT_WINDOW, NEW_YORK) == utc(2026, 10, 27, 13, 0)
    due = local(LONDON, 2026, 11, 3, 8, 0)  # 03:00 in New York
    assert next_window_opening(due, DEFAULT_WINDOW, NEW_YORK) == utc(2026, 11, 3, 14, 0)


def test_london_sender_new_york_recipient_follow_up() -> None:
    # Sent Monday 08:00 London; 5 business days later is Monday 08:00 London, which is
    # 03:00 in New York, so the follow-up waits for 09:00 New York (14:00 London).
    sent = local(LONDON, 2026, 11, 23, 8, 0)
    due = add_duration(sent, parse_duration("5 business days"), LONDON)
    assert due == utc(2026, 11, 30, 8, 0)
    send_at = next_window_opening(due, DEFAULT_WINDOW, NEW_YORK)
    assert send_at == utc(2026, 11, 30, 14, 0)
    assert format_local(send_at, NEW_YORK) == "Mon 30 Nov 09:00"
    assert format_local(send_at, LONDON) == "Mon 30 Nov 14:00"
    # Sent at 15:00 London instead: due at 10:00 New York, already inside the window.
    due = add_duration(local(LONDON, 2026, 11, 23, 15, 0), parse_duration("5 bd"), LONDON)
    assert next_window_opening(due, DEFAULT_WINDOW, NEW_YORK) == due


@st.composite
def windows(draw: st.DrawFn) -> Window:
    weekdays = draw(st.frozensets(st.integers(min_value=0, max_value=6), min_size=1))
    start = draw(st.integers(min_value=0, max_value=24 * 4 - 1))  # quarter hours
    end = draw(st.integers(min_value=start + 1, max_value=24 * 4))
    end_time = time.max if end == 96 else time(end // 4, end % 4 * 15)
    return Window(
        text="generated",
        weekdays=weekdays,
        start=time(start // 4, start % 4 * 15),
        end=end_time,
    )


@settings(max_examples=examples(1000), deadline=None)
@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
    ),
    windows(),
    st.sampled_from(PROPERTY_ZONES),
)
def test_next_window_opening_is_in_window_and_not_before_t(
    t: datetime, window: Window, tz: ZoneInfo
) -> None:
    opening = next_window_opening(t, window, tz)
    assert opening.tzinfo is UTC
    assert opening >= t
    assert in_window(opening, window, tz)
    assert opening - t <= timedelta(days=15)
    # An opening is an edge: a moment earlier the window was closed.
    assert opening == t or not in_window(opening - timedelta(seconds=1), window, tz)


# --------------------------------------------------------------------------- parse_when


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01 10:00", utc(2026, 12, 1, 10, 0)),
        ("2026-12-01", utc(2026, 12, 1, 9, 0)),  # a date alone means 09:00 local
        ("next tuesday 10am", utc(2026, 11, 24, 10, 0)),
        ("tuesday 10am", utc(2026, 11, 24, 10, 0)),
        ("next tuesday", utc(2026, 11, 24, 9, 0)),
        ("next monday", utc(2026, 11, 30, 9, 0)),  # strictly after today
        ("monday 16:00", utc(2026, 11, 23, 16, 0)),  # today, still ahead
        ("monday 10am", utc(2026, 11, 30, 10, 0)),  # today, already passed: next week
        ("Tomorrow 9:30", utc(2026, 11, 24, 9, 30)),
        ("tomorrow at 2pm", utc(2026, 11, 24, 14, 0)),
        ("10am on friday", utc(2026, 11, 27, 10, 0)),
        ("noon tomorrow", utc(2026, 11, 24, 12, 0)),
        ("today 16:00", utc(2026, 11, 23, 16, 0)),
        ("today 8:00", utc(2026, 11, 23, 8, 0)),  # past moments are returned as is
        ("in 5 business days", utc(2026, 11, 30, 15, 0)),
        ("5 business days", utc(2026, 11, 30, 15, 0)),
        ("1 week", utc(2026, 11, 30, 15, 0)),
        ("in 2 hours", utc(2026, 11, 23, 17, 0)),
        ("2026-12-01T10:00:00Z", utc(2026, 12, 1, 10, 0)),
        ("2026-12-01 10:00 America/New_York", utc(2026, 12, 1, 15, 0)),
        ("2026-12-01 10:00 america/new_york", utc(2026, 12, 1, 15, 0)),
        ("2026-12-01 10:00 +0100", utc(2026, 12, 1, 9, 0)),
        ("2026-12-01 10:00 -05:00", utc(2026, 12, 1, 15, 0)),
        ("2026-12-01T10:00:00+01:00", utc(2026, 12, 1, 9, 0)),
        ("2026-12-01 10:00 UTC", utc(2026, 12, 1, 10, 0)),
        ("tomorrow 9:30 America/New_York", utc(2026, 11, 24, 14, 30)),
        ("Tue 1 Dec 2026 10:00", utc(2026, 12, 1, 10, 0)),
        ("1 December 2026 at 10am", utc(2026, 12, 1, 10, 0)),
        ("  2026-12-01   10:00  ", utc(2026, 12, 1, 10, 0)),
    ],
)
def test_parse_when_forms_in_london(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW, LONDON)
    assert result == expected
    assert result.tzinfo is UTC


def test_parse_when_reads_naive_text_in_the_senders_zone() -> None:
    assert parse_when("2026-12-01 10:00", NOW, NEW_YORK) == utc(2026, 12, 1, 15, 0)
    # Summer time in London: 10:00 BST is 09:00Z.
    assert parse_when("2026-07-01 10:00", NOW, LONDON) == utc(2026, 7, 1, 9, 0)


def test_parse_when_weekday_uses_the_senders_today() -> None:
    # 02:00Z Tuesday is still Monday 21:00 in New York, so "tuesday" is tomorrow there.
    late_monday_in_new_york = utc(2026, 11, 24, 2, 0)
    assert parse_when("tuesday 10am", late_monday_in_new_york, NEW_YORK) == local(
        NEW_YORK, 2026, 11, 24, 10, 0
    )


def test_parse_when_duration_across_dst_keeps_local_time() -> None:
    friday = local(NEW_YORK, 2026, 10, 30, 9, 0)
    assert parse_when("1 week", friday, NEW_YORK) == local(NEW_YORK, 2026, 11, 6, 9, 0)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2026-02-30", "does not exist"),
        ("2026-02-30 10:00", "does not exist"),
        ("2026-13-01", "does not exist"),
        ("25:00", "impossible time"),
        ("2026-12-01 25:00", "impossible time"),
        ("tomorrow 25:00", "impossible time"),
        ("tomorrow 13pm", "impossible time"),
        ("tuesday 10", "no minutes"),
        ("gibberish", "not a moment"),
        ("next blursday", "not a moment"),
        ("", "is empty"),
        ("   ", "is empty"),
        ("5", "bare number"),
        ("0 days", "longer than zero"),
        ("in 400 days", "longer than a year"),
        ("01/02/2026 10:00", "day-first or month-first"),
        ("2026-12-01 10:00 EST", "abbreviation 'EST' is ambiguous"),
        ("2026-12-01 10:00 GMT+3", "offset after UTC/GMT"),
        ("2026-12-01 10:00 Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("2026-12-01T10:00Z Europe/London", "two time zones"),
        ("Wed 1 Dec 2026", "names a Wed but that date is a Tue"),
        ("2026-12-01\n10:00", "control character"),
        ("9999-12-31 23:00 -0500", "outside the range"),
        ("0001-01-01 00:00 +0500", "outside the range"),
        ("2026-12-01 " + "x" * 300, "too long"),
        ("24:009999999999999999999999999999999999999999", "not a moment"),  # decimal error
        ("99999999999999999999", "bare number"),
    ],
)
def test_parse_when_rejects_with_a_clear_message(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment) as caught:
        parse_when(text, NOW, LONDON)
    message = str(caught.value)
    assert "\n" not in message
    assert message.endswith(".")


def test_parse_when_error_names_the_text_and_an_example() -> None:
    with pytest.raises(InputError) as caught:
        parse_when("2026-02-30", NOW, LONDON)
    assert "'2026-02-30'" in str(caught.value)
    assert "'2026-12-01 10:00'" in str(caught.value)


def test_parse_when_refuses_a_naive_now() -> None:
    with pytest.raises(ValueError):
        parse_when("tomorrow", datetime(2026, 11, 23, 15, 0), LONDON)


@settings(max_examples=examples(1000), deadline=None)
@given(st.text())
def test_parse_when_raises_only_input_error(text: str) -> None:
    try:
        result = parse_when(text, NOW, LONDON)
    except InputError:
        return
    assert result.tzinfo is UTC


# Fragments that exercise dateutil's corners: huge numbers, odd offsets, leap seconds.
# fmt: off
WHEN_TOKENS = [
    "2026", "-", "12", "01", "10:00", "T", ":", "99", "0", "9999", "99999999999999999999",
    "1", "31", "/", ".", "+", "+0100", "-0500", "Z", "UTC", "GMT", "EST", "am", "pm", "at",
    "on", "in", "next", "this", "today", "tomorrow", "tuesday", "Mon", "dec", "Feb",
    "business", "days", "week", "hours", "month", "America/New_York", "Mars/Olympus",
    "noon", ",", "24:00", "23:59:60", "0001", "+23:59", "-99", "a", "and",
]
# fmt: on


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(WHEN_TOKENS), min_size=1, max_size=8), st.sampled_from(["", " "]))
def test_parse_when_raises_only_input_error_for_date_like_text(
    tokens: list[str], joiner: str
) -> None:
    try:
        result = parse_when(joiner.join(tokens), NOW, NEW_YORK)
    except InputError:
        return
    assert result.tzinfo is UTC


@settings(max_examples=examples(1000), deadline=None)
@given(st.text())
def test_parse_window_raises_only_input_error(text: str) -> None:
    try:
        window = parse_window(text)
    except InputError:
        return
    assert window.weekdays and window.start < window.end


@settings(max_examples=examples(1000), deadline=None)
@given(st.text())
def test_zone_raises_only_input_error(text: str) -> None:
    try:
        zone(text)
    except InputError as error:
        assert "IANA name" in str(error)


# --------------------------------------------------------------------------- zones


def test_zone_accepts_iana_names_in_any_case() -> None:
    assert zone("Europe/London") == LONDON
    assert zone(" america/new_york ") == NEW_YORK
    assert zone("UTC") == ZoneInfo("UTC")


@pytest.mark.parametrize(
    "name", ["", "   ", "Mars/Olympus", "../x", "/etc/passwd", "\x00", "America"]
)
def test_zone_rejects_unknown_names(name: str) -> None:
    with pytest.raises(InputError, match=r"Unknown time zone .* Europe/London or America/New_York"):
        zone(name)


@pytest.fixture
def no_system_zone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(timing, "_LOCALTIME", tmp_path / "localtime")
    monkeypatch.setattr(timing, "_TIMEZONE_FILE", tmp_path / "timezone")
    return tmp_path


def test_system_zone_prefers_tz_variable(
    no_system_zone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert system_zone() == NEW_YORK
    monkeypatch.setenv("TZ", ":Europe/London")
    assert system_zone() == LONDON


def test_system_zone_ignores_invalid_tz_and_reads_localtime_link(
    no_system_zone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Not/A_Zone")
    (no_system_zone / "localtime").symlink_to("/usr/share/zoneinfo/Europe/London")
    assert system_zone() == LONDON


def test_system_zone_reads_etc_timezone(no_system_zone: Path) -> None:
    (no_system_zone / "timezone").write_text("America/New_York\n", encoding="utf-8")
    assert system_zone() == NEW_YORK


def test_system_zone_falls_back_to_utc(no_system_zone: Path) -> None:
    (no_system_zone / "localtime").symlink_to("/nowhere/not-a-zone")
    (no_system_zone / "timezone").write_bytes(b"\xff\x00 garbage")
    assert system_zone() == ZoneInfo("UTC")


# --------------------------------------------------------------------------- showing


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(0), "just now"),
        (timedelta(seconds=-30), "just now"),
        (timedelta(minutes=-5), "5 minutes ago"),
        (timedelta(minutes=-1), "1 minute ago"),
        (timedelta(hours=-3), "3 hours ago"),
        (timedelta(hours=-1, minutes=-59), "1 hour ago"),
        (timedelta(hours=-30), "yesterday"),
        (timedelta(days=-9), "9 days ago"),
        (timedelta(hours=2), "in 2 hours"),
        (timedelta(minutes=45), "in 45 minutes"),
        (timedelta(days=1, hours=2), "tomorrow"),
        (timedelta(days=3), "in 3 days"),
        (timedelta(days=13), "in 13 days"),
        (timedelta(days=14), "in 2 weeks"),
        (timedelta(days=-59), "8 weeks ago"),
        (timedelta(days=-60), "2 months ago"),
        (timedelta(days=-400), "1 year ago"),
    ],
)
def test_describe_relative(delta: timedelta, expected: str) -> None:
    assert describe_relative(NOW + delta, NOW) == expected


def test_format_local() -> None:
    t = utc(2026, 12, 1, 10, 0)
    assert format_local(t, LONDON) == "Tue 1 Dec 10:00"
    assert format_local(t, NEW_YORK) == "Tue 1 Dec 05:00"
    assert format_local(t, LONDON, with_date=False) == "10:00"
    assert format_local(utc(2026, 7, 1, 9, 5), LONDON) == "Wed 1 Jul 10:05"
