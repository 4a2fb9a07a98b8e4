"""Pure time maths: durations, business days, send windows, and reading WHEN text.

Nothing here reads the clock: every function that needs "now" takes it as an
argument, so callers (and tests) decide what the present is. Every instant
returned is timezone-aware in UTC; local time only exists inside these
functions, in the zone the caller passes.

python-dateutil is imported lazily, inside the two functions that need it,
because importing it costs start-up time that `--help` and most commands
never need.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from feedback_mailer.base.errors import InputError
from feedback_mailer.base.lazyre import LazyPattern

__all__ = [
    "Duration",
    "Window",
    "add_business_days",
    "add_duration",
    "describe_relative",
    "format_local",
    "in_window",
    "next_window_opening",
    "parse_duration",
    "parse_past_day",
    "parse_when",
    "parse_window",
    "system_zone",
    "zone",
    "zone_suggestions",
]


# Records are NamedTuples, not dataclasses: `list` imports this module and
# should not pay for the dataclasses machinery at start-up.

_WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Every spelling a person might use for a weekday, mapped to Monday=0 .. Sunday=6.
_WEEKDAYS: dict[str, int] = {
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_WEEKDAY_PATTERN = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))

# Longest spellings first so "days" is not read as "d" followed by junk.
_DURATION_UNITS: tuple[tuple[str, str], ...] = (
    ("business_days", r"business\s*days?|working\s*days?|bdays?|bd"),
    ("weeks", r"weeks?|wks?|w"),
    ("days", r"days?|d"),
    ("hours", r"hours?|hrs?|h"),
    ("minutes", r"minutes?|mins?"),
    ("months", r"months?|mo"),
)
_DURATION_PART = LazyPattern(
    r"(?P<num>[0-9]+|an?(?=\s))\s*"
    r"(?P<unit>" + "|".join(f"(?P<{key}>{alts})" for key, alts in _DURATION_UNITS) + r")"
    r"(?![a-z])"
)
_DURATION_SEPARATOR = LazyPattern(r"\s*(?:(?:,|and\b)\s*)?")
_MAX_DIGITS = 4
_MAX_DURATION = timedelta(days=366)
# Rough calendar equivalents, used only to reject absurd durations.
_BUSINESS_DAY_EQUIVALENT = timedelta(days=7) / 5
_MONTH_EQUIVALENT = timedelta(days=366) / 12

_DURATION_EXAMPLES = "'5 business days', '1 week', '3 days', '36 hours' or '2 months'"
_WHEN_EXAMPLES = "'2026-12-01 10:00', 'next tuesday 10am', 'tomorrow 9:30' or 'in 5 business days'"
_WINDOW_EXAMPLE = "'Mon-Fri 09:00-17:00' or 'Mon,Wed,Fri 10:00-16:00'"

# A date with no time of day means the start of a working morning, not midnight.
_DEFAULT_TIME_OF_DAY = time(9, 0)
_END_OF_DAY = time.max  # how a window's "24:00" end is stored

_LOCALTIME = Path("/etc/localtime")
_TIMEZONE_FILE = Path("/etc/timezone")


# --------------------------------------------------------------------------- messages


def _quote(text: str, limit: int = 60) -> str:
    """Quote user text for a message: repr escapes control characters; long text is cut."""
    shown = text if len(text) <= limit else text[:limit] + "…"
    return repr(shown)


def _require_aware(value: datetime, name: str) -> None:
    # A naive datetime here is a programming error, not a user's typo.
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")


# --------------------------------------------------------------------------- durations


class Duration(NamedTuple):
    """A span a person typed; calendar parts stay calendar parts until added to a date."""

    text: str  # as typed, for messages
    business_days: int = 0
    days: int = 0  # calendar days (weeks are 7 days)
    hours: int = 0
    minutes: int = 0
    months: int = 0


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _duration_parts(normalised: str) -> list[tuple[str, str]] | None:
    """Split "in 1 week 2 days" into [("1", "weeks"), ("2", "days")]; None if not that shape."""
    body = normalised.removeprefix("in ")
    parts: list[tuple[str, str]] = []
    pos = 0
    while True:
        match = _DURATION_PART.match(body, pos)
        if match is None:
            return None
        unit = next(key for key, _ in _DURATION_UNITS if match.group(key) is not None)
        parts.append((match.group("num"), unit))
        pos = match.end()
        if pos == len(body):
            return parts
        # The separator pattern always matches (possibly empty); "1w2d" needs none.
        separator = _DURATION_SEPARATOR.match(body, pos)
        pos = separator.end() if separator else pos


def _duration_from_parts(text: str, parts: list[tuple[str, str]]) -> Duration:
    totals = dict.fromkeys((key for key, _ in _DURATION_UNITS), 0)
    for number, unit in parts:
        if len(number) > _MAX_DIGITS:
            raise InputError(
                f"Duration {_quote(text)} is too long: use at most {_MAX_DIGITS} digits, "
                f"e.g. {_DURATION_EXAMPLES}."
            )
        totals[unit] += 1 if number.startswith("a") else int(number)
    duration = Duration(
        text=text.strip(),
        business_days=totals["business_days"],
        days=totals["days"] + 7 * totals["weeks"],
        hours=totals["hours"],
        minutes=totals["minutes"],
        months=totals["months"],
    )
    _check_duration_size(duration)
    return duration


def _rough_length(d: Duration) -> timedelta:
    return (
        d.business_days * _BUSINESS_DAY_EQUIVALENT
        + d.months * _MONTH_EQUIVALENT
        + timedelta(days=d.days, hours=d.hours, minutes=d.minutes)
    )


def _check_duration_size(d: Duration) -> None:
    length = _rough_length(d)
    if length <= timedelta(0):
        raise InputError(
            f"Duration {_quote(d.text)} must be longer than zero: try e.g. {_DURATION_EXAMPLES}."
        )
    if length > _MAX_DURATION:
        raise InputError(
            f"Duration {_quote(d.text)} is longer than a year (366 days): "
            f"use something shorter, e.g. {_DURATION_EXAMPLES}."
        )


def parse_duration(text: str) -> Duration:
    """Read "5 business days", "1 week 2 days", "in 36 hours", "2 months", "3d"...

    Raises InputError (and nothing else) for any text that is not a positive
    duration of at most a year.
    """
    normalised = _normalise(text)
    parts = _duration_parts(normalised)
    if parts is None:
        if normalised.removeprefix("in ").startswith("-"):
            raise InputError(
                f"Duration {_quote(text)} must be positive: write e.g. {_DURATION_EXAMPLES}."
            )
        raise InputError(
            f"Cannot read duration {_quote(text)}: write a number and a unit, "
            f"e.g. {_DURATION_EXAMPLES}."
        )
    return _duration_from_parts(text, parts)


# --------------------------------------------------------------------------- local time


def _to_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _wall_clock(moment: datetime, tz: tzinfo) -> datetime:
    """The naive local date and time shown on a clock in `tz` at `moment`."""
    return moment.astimezone(tz).replace(tzinfo=None)


def _utc_seconds(moment: datetime) -> int:
    return (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(seconds=1)


def _first_instant_after_gap(wall: datetime, tz: tzinfo) -> datetime:
    """The transition instant that skips over the non-existent local time `wall`.

    The local clock reads the end of the gap at that instant, so it is the first
    valid moment at or after the requested one. Found by bisection on whole
    seconds because tzinfo exposes offsets, not transition times.
    """
    a = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    b = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    lo, hi = _utc_seconds(min(a, b)), _utc_seconds(max(a, b)) + 1
    after_offset = max(a, b).astimezone(tz).utcoffset()
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, UTC).astimezone(tz).utcoffset() == after_offset:
            hi = mid
        else:
            lo = mid
    return datetime.fromtimestamp(hi, UTC)


def _wall_instants(wall: datetime, tz: tzinfo) -> list[datetime]:
    """Every UTC instant at which the clock in `tz` reads `wall`, earliest first.

    One for an ordinary time, two for a time repeated when clocks go back, and
    for a time skipped when clocks go forward, the first instant after the gap.
    """
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    second = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    if first == second:
        return [first]
    if _wall_clock(first, tz) == wall and _wall_clock(second, tz) == wall:
        return sorted((first, second))
    return [_first_instant_after_gap(wall, tz)]


def _localize(wall: datetime, tz: tzinfo) -> datetime:
    """UTC instant for a local wall-clock time: gaps move forward, repeats take the first."""
    return _wall_instants(wall, tz)[0]


# --------------------------------------------------------------------------- arithmetic


def _step_business_days(wall: datetime, n: int) -> datetime:
    for _ in range(n):
        wall += timedelta(days=1)
        while wall.weekday() >= 5:  # Saturday, Sunday
            wall += timedelta(days=1)
    return wall


def add_business_days(start: datetime, n: int, tz: ZoneInfo) -> datetime:
    """`n` weekdays after `start` in `tz`, at the same local wall-clock time, in UTC.

    Sat 10:00 + 1 = Mon 10:00; Fri 10:00 + 1 = Mon 10:00. No holidays.
    """
    _require_aware(start, "start")
    if n < 0:
        raise ValueError(f"business days must not be negative, got {n}")
    if n == 0:
        return _to_utc(start)
    return _localize(_step_business_days(_wall_clock(start, tz), n), tz)


def _add_duration(start: datetime, d: Duration, tz: tzinfo) -> datetime:
    moment = _to_utc(start)
    if d.business_days or d.months or d.days:
        # Calendar parts move the local wall clock, so "1 day" stays at 10:00 local
        # across a DST change; only then is the wall time turned back into an instant.
        from dateutil.relativedelta import relativedelta

        wall = _step_business_days(_wall_clock(start, tz), d.business_days)
        wall = wall + relativedelta(months=d.months) + timedelta(days=d.days)
        moment = _localize(wall, tz)
    # Hours and minutes are elapsed time: "36 hours" is 36 real hours, DST or not.
    return moment + timedelta(hours=d.hours, minutes=d.minutes)


def add_duration(start: datetime, d: Duration, tz: ZoneInfo) -> datetime:
    """`start` plus `d`: business days, then months, then calendar days (in `tz`'s wall
    clock), then hours and minutes as absolute elapsed time. Returns UTC."""
    _require_aware(start, "start")
    return _add_duration(start, d, tz)


# --------------------------------------------------------------------------- windows


class Window(NamedTuple):
    """Days of the week and a daily time range, read in the recipient's zone.

    An end of "24:00" is stored as `time.max` and means "until midnight".
    Built by `parse_window`, which refuses an empty or inverted window.
    """

    text: str
    weekdays: frozenset[int]  # 0=Mon..6=Sun
    start: time
    end: time  # end > start; "24:00" allowed as end of day


_WINDOW_ALIASES = {
    "weekdays": frozenset(range(5)),
    "weekends": frozenset((5, 6)),
    "daily": frozenset(range(7)),
}
_WINDOW_SHAPE = LazyPattern(
    r"(?P<days>[a-z][a-z ,-]*?)\s+"
    r"(?P<start>[0-9]{1,2}:[0-9]{2})\s*-\s*(?P<end>[0-9]{1,2}:[0-9]{2})",
    re.ASCII,
)
_CLOCK = LazyPattern(r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})", re.ASCII)


def _window_error(text: str, problem: str) -> InputError:
    return InputError(
        f"Send window {_quote(text)} {problem}: write days and hours like {_WINDOW_EXAMPLE}."
    )


def _window_day(name: str, text: str) -> int:
    if name not in _WEEKDAYS:
        raise _window_error(text, f"has an unknown day {_quote(name)}")
    return _WEEKDAYS[name]


def _window_days(spec: str, text: str) -> frozenset[int]:
    spec = re.sub(r"\s*([,-])\s*", r"\1", spec.strip())
    if spec in _WINDOW_ALIASES:
        return _WINDOW_ALIASES[spec]
    days: set[int] = set()
    for item in spec.split(","):
        first, sep, last = item.partition("-")
        begin = _window_day(first, text)
        end = _window_day(last, text) if sep else begin
        # Ranges may wrap over the weekend: "Fri-Mon" is Fri, Sat, Sun, Mon.
        days.update((begin + i) % 7 for i in range((end - begin) % 7 + 1))
    return frozenset(days)


def _window_clock(value: str, text: str, *, is_end: bool) -> time:
    match = _CLOCK.fullmatch(value)
    if match is None:
        raise _window_error(text, f"has an unreadable time {_quote(value)}")
    hour, minute = int(match["h"]), int(match["m"])
    if is_end and (hour, minute) == (24, 0):
        return _END_OF_DAY
    if hour > 23 or minute > 59:
        raise _window_error(text, f"has an impossible time {_quote(value)}")
    return time(hour, minute)


def parse_window(text: str) -> Window:
    """Read "Mon-Fri 09:00-17:00", "Mon,Wed,Fri 10:00-16:00", "Sat-Sun 10:00-12:00"..."""
    # En and em dashes are what word processors turn "-" into.
    normalised = _normalise(text).replace("–", "-").replace("—", "-")
    match = _WINDOW_SHAPE.fullmatch(normalised)
    if match is None:
        raise _window_error(text, "is not in the expected form")
    weekdays = _window_days(match["days"], text)
    start = _window_clock(match["start"], text, is_end=False)
    end = _window_clock(match["end"], text, is_end=True)
    if end <= start:
        raise _window_error(text, "ends before it starts")
    return Window(text=text.strip(), weekdays=weekdays, start=start, end=end)


def _local_in_window(local: datetime, window: Window) -> bool:
    clock = local.time()
    before_end = window.end == _END_OF_DAY or clock < window.end
    return local.weekday() in window.weekdays and window.start <= clock and before_end


def in_window(t: datetime, window: Window, tz: ZoneInfo) -> bool:
    """Whether the local time of `t` in `tz` is inside `window` (start inclusive, end exclusive)."""
    _require_aware(t, "t")
    return _local_in_window(t.astimezone(tz), window)


def next_window_opening(t: datetime, window: Window, tz: ZoneInfo) -> datetime:
    """`t` (in UTC) if it is inside the window, else the next opening after it.

    An opening is `window.start` local time on a window day; when clocks go
    back it can happen twice, when they go forward it may not exist and the
    first valid instant after it is used. A day whose window is swallowed
    entirely by a DST gap is skipped.
    """
    _require_aware(t, "t")
    if in_window(t, window, tz):
        return _to_utc(t)
    first_day = t.astimezone(tz).date()
    # Two weeks covers any weekday set even if one of its days is lost to a gap.
    for offset in range(15):
        day = first_day + timedelta(days=offset)
        if day.weekday() not in window.weekdays:
            continue
        for opening in _wall_instants(datetime.combine(day, window.start), tz):
            if opening > t and in_window(opening, window, tz):
                return opening
    raise ValueError(f"no opening of window {window.text!r} in {tz} within two weeks of {t}")


# --------------------------------------------------------------------------- zones


@functools.cache
def _zone_names_by_lower_case() -> dict[str, str]:
    # Lazily built once: scanning the tz database takes tens of milliseconds.
    import zoneinfo

    return {name.lower(): name for name in zoneinfo.available_timezones()}


def _load_zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    # ZoneInfo rejects odd keys with ValueError, missing ones with
    # ZoneInfoNotFoundError (a KeyError), and unreadable paths with OSError.
    except (ValueError, LookupError, OSError):
        return None


def zone(name: str) -> ZoneInfo:
    """The IANA zone `name` (case-insensitively), or InputError for anything else."""
    cleaned = name.strip()
    found = _load_zone(cleaned) if cleaned else None
    if found is None and cleaned:
        canonical = _zone_names_by_lower_case().get(cleaned.lower())
        found = _load_zone(canonical) if canonical else None
    if found is None:
        close = zone_suggestions(name)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        raise InputError(
            f"Unknown time zone {_quote(name)}{hint}: use an IANA name such as "
            "Europe/London or America/New_York."
        )
    return found


def zone_suggestions(name: str, limit: int = 3) -> list[str]:
    """IANA names a person may have meant: 'Berlin' → Europe/Berlin, 'new york' →
    America/New_York, 'Europe/Berln' → Europe/Berlin. Best first; [] when none is close."""
    import difflib

    key = "_".join(name.strip().lower().split())
    if not key or len(key) > 100:
        return []
    names = _zone_names_by_lower_case()
    canonical = sorted(low for low in names if "/" in low and not low.startswith("etc/"))
    by_city: dict[str, list[str]] = {}
    for low in canonical:
        by_city.setdefault(low.rsplit("/", 1)[-1], []).append(low)
    found = list(by_city.get(key.rsplit("/", 1)[-1], []))
    found += difflib.get_close_matches(key, canonical, n=limit, cutoff=0.75)
    for city in difflib.get_close_matches(
        key.rsplit("/", 1)[-1], list(by_city), n=limit, cutoff=0.8
    ):
        found += by_city[city]
    return [names[low] for low in dict.fromkeys(found)][:limit]


def _zone_or_none(name: str) -> ZoneInfo | None:
    try:
        return zone(name)
    except InputError:
        return None


def _zone_name_from_path(path: str) -> str | None:
    # /usr/share/zoneinfo/Europe/London, also .../zoneinfo/posix/Europe/London
    _, sep, name = path.partition("zoneinfo/")
    if not sep:
        return None
    return name.removeprefix("posix/").removeprefix("right/")


def _zone_from_tz_variable() -> ZoneInfo | None:
    value = os.environ.get("TZ", "").strip().removeprefix(":")  # POSIX allows ":Area/City"
    if not value:
        return None
    return _zone_or_none(_zone_name_from_path(value) or value)


def _zone_from_localtime_link() -> ZoneInfo | None:
    try:
        target = os.readlink(_LOCALTIME)
    except (OSError, ValueError):
        return None
    name = _zone_name_from_path(os.path.normpath(os.path.join(_LOCALTIME.parent, target)))
    return _zone_or_none(name) if name else None


def _zone_from_timezone_file() -> ZoneInfo | None:
    try:
        content = _TIMEZONE_FILE.read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError):
        return None
    lines = content.split()
    return _zone_or_none(lines[0]) if lines else None


def system_zone() -> ZoneInfo:
    """The system's IANA zone: $TZ, the /etc/localtime link, /etc/timezone, else UTC."""
    return (
        _zone_from_tz_variable()
        or _zone_from_localtime_link()
        or _zone_from_timezone_file()
        or ZoneInfo("UTC")
    )


# --------------------------------------------------------------------------- reading WHEN

_OFFSET = r"(?:utc|gmt)?[+-][0-9]{2}(?::?[0-9]{2})?"
_TRAILING_ZONE = LazyPattern(
    r"(?P<rest>.*\S)\s+(?P<zone>[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)+|utc|gmt|z|"
    + _OFFSET
    + r")",
    re.IGNORECASE | re.ASCII,
)
_OFFSET_PARTS = LazyPattern(
    r"(?:utc|gmt)?(?P<sign>[+-])(?P<h>[0-9]{2}):?(?P<m>[0-9]{2})?", re.IGNORECASE | re.ASCII
)
# "GMT+3" inside a time: dateutil reads it with the POSIX sign (i.e. as -03:00).
_NAMED_OFFSET_INSIDE = LazyPattern(r"(?:utc|gmt)\s*[+-]\s*[0-9]", re.IGNORECASE | re.ASCII)
_CLOCK_WORDS = r"noon|midday|[0-9]{1,2}(?::[0-9]{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?"
_DAY_WORDS = (
    r"(?P<day>today|tomorrow|(?:(?P<next>next|this)\s+)?(?P<weekday>" + _WEEKDAY_PATTERN + r"))"
)
# "tomorrow 9:30", "next tuesday at 10am", and the other way round: "10am on tuesday".
_RELATIVE_DAY_FIRST = LazyPattern(
    _DAY_WORDS + r"(?:,?\s+(?:at\s+)?(?P<clock>" + _CLOCK_WORDS + r"))?", re.ASCII
)
_RELATIVE_CLOCK_FIRST = LazyPattern(
    r"(?:at\s+)?(?P<clock>" + _CLOCK_WORDS + r")\s+(?:on\s+)?" + _DAY_WORDS, re.ASCII
)
_CLOCK_WORDS_RE = LazyPattern(
    r"(?P<noon>noon|midday)|(?P<h>[0-9]{1,2})(?::(?P<m>[0-9]{2}))?(?:\s*(?P<half>a|p)\.?m\.?)?",
    re.ASCII,
)
_ISO_DATE = LazyPattern(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])", re.ASCII)
_AMBIGUOUS_NUMERIC_DATE = LazyPattern(
    r"(?<![0-9])([0-9]{1,2})[/.]([0-9]{1,2})[/.][0-9]{2,4}(?![0-9])", re.ASCII
)
_CLOCK_IN_TEXT = LazyPattern(r"(?<![0-9])([0-9]{1,2}):([0-9]{2})(?![0-9])", re.ASCII)
_WORDS = LazyPattern(r"[a-z]+")
_MAX_WHEN_LENGTH = 200  # longer text is not a typed moment; also bounds regex work


def _when_error(
    text: str, problem: str = "is not a moment I can read", fix: str | None = None
) -> InputError:
    return InputError(
        f"The time {_quote(text)} {problem}: {fix or 'write it like ' + _WHEN_EXAMPLES}."
    )


def _offset_zone(token: str) -> tzinfo | None:
    match = _OFFSET_PARTS.fullmatch(token)
    if match is None:
        return None
    hours, minutes = int(match["h"]), int(match["m"] or 0)
    if hours > 23 or minutes > 59:
        return None
    size = timedelta(hours=hours, minutes=minutes)
    return timezone(-size if match["sign"] == "-" else size)


def _explicit_zone(token: str) -> tzinfo | None:
    if token.lower() in ("utc", "gmt", "z"):
        return UTC
    if "/" in token:
        return _zone_or_none(token)
    return _offset_zone(token)


def _split_zone(text: str) -> tuple[str, tzinfo | None]:
    """Take a trailing zone ("Europe/London", "UTC", "Z", "+0100") off the text."""
    match = _TRAILING_ZONE.fullmatch(text)
    if match is None:
        return text, None
    found = _explicit_zone(match["zone"])
    if found is None:
        if "/" in match["zone"]:
            raise _when_error(text, f"names an unknown time zone {_quote(match['zone'])}")
        return text, None
    return match["rest"], found


def _clock_time(words: str | None, text: str) -> time:
    if words is None:
        return _DEFAULT_TIME_OF_DAY
    match = _CLOCK_WORDS_RE.fullmatch(words)
    if match is None:
        raise _when_error(text)
    if match["noon"]:
        return time(12, 0)
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12 or minute > 59:
            raise _when_error(text, "has an impossible time of day")
        return time(hour % 12 + (12 if match["half"] == "p" else 0), minute)
    if match["m"] is None:
        raise _when_error(text, "has an hour but no minutes", "write e.g. '10:00' or '10am'")
    if hour > 23 or minute > 59:
        raise _when_error(text, "has an impossible time of day")
    return time(hour, minute)


def _relative_date(match: re.Match[str], clock: time, now: datetime, tz: tzinfo) -> date:
    today = _wall_clock(now, tz).date()
    if match["day"] == "today":
        return today
    if match["day"] == "tomorrow":
        return today + timedelta(days=1)
    ahead = (_WEEKDAYS[match["weekday"]] - today.weekday()) % 7
    if match["next"] == "next":
        return today + timedelta(days=ahead or 7)  # strictly after today
    # "tuesday 10am" is the coming Tuesday, unless that is today and 10am has passed.
    candidate = today + timedelta(days=ahead)
    if _localize(datetime.combine(candidate, clock), tz) < now:
        candidate += timedelta(days=7)
    return candidate


def _parse_relative_day(
    normalised: str, original: str, now: datetime, tz: tzinfo
) -> datetime | None:
    match = _RELATIVE_DAY_FIRST.fullmatch(normalised) or _RELATIVE_CLOCK_FIRST.fullmatch(normalised)
    if match is None:
        return None
    clock = _clock_time(match["clock"], original)
    day = _relative_date(match, clock, now, tz)
    return _localize(datetime.combine(day, clock), tz)


def _dateutil_zone(name: str | None, offset: int | None) -> tzinfo | None:
    """tzinfos callback for dateutil: accept offsets and UTC, refuse abbreviations."""
    if name is None and offset is None:
        return None
    if name is None and offset is not None:
        return timezone(timedelta(seconds=offset))
    if name is not None and name.upper() in ("UTC", "GMT", "Z") and not offset:
        return UTC
    # "EST", "IST", "BST"... mean different zones in different places.
    raise InputError(
        f"The time zone abbreviation {_quote(name or '')} is ambiguous: use an IANA name "
        "such as America/New_York or an offset such as -0500."
    )


def _check_no_ambiguous_forms(normalised: str, original: str) -> None:
    if _NAMED_OFFSET_INSIDE.search(normalised):
        raise _when_error(
            original, "has an offset after UTC/GMT", "write the offset alone, e.g. '+0300'"
        )
    for first, second in _AMBIGUOUS_NUMERIC_DATE.findall(normalised):
        if first != second and int(first) <= 12 and int(second) <= 12:
            raise _when_error(
                original,
                "could be read day-first or month-first",
                "write the date as year-month-day, e.g. 2026-12-01",
            )
    if normalised.isdigit():
        raise _when_error(original, "is a bare number", "add a unit, e.g. '5 days'")


def _impossible_date_problem(normalised: str) -> str:
    """Say why dateutil failed when the reason is plain to see, for a better message."""
    for year, month, day in _ISO_DATE.findall(normalised):
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            return "names a day that does not exist"
    for hour, minute in _CLOCK_IN_TEXT.findall(normalised):
        if int(hour) > 23 or int(minute) > 59:
            return "has an impossible time of day"
    return "is not a moment I can read"


def _check_weekday_agrees(normalised: str, written: datetime, original: str) -> None:
    # "Tue 2 Dec 2026" is a typo (2 Dec is a Wednesday); dateutil would ignore the name.
    for word in _WORDS.findall(normalised):
        if word in _WEEKDAYS and _WEEKDAYS[word] != written.weekday():
            raise _when_error(
                original,
                f"names a {_WEEKDAY_ABBR[_WEEKDAYS[word]]} but that date is a "
                f"{_WEEKDAY_ABBR[written.weekday()]}",
            )


def _parse_absolute(
    rest: str, original: str, now: datetime, tz: tzinfo, explicit: bool
) -> datetime:
    from dateutil import parser

    normalised = _normalise(rest)
    _check_no_ambiguous_forms(normalised, original)
    default = datetime.combine(_wall_clock(now, tz).date(), _DEFAULT_TIME_OF_DAY)
    try:
        parsed = parser.parse(rest, default=default, tzinfos=_dateutil_zone)
    # dateutil is a black box on arbitrary text: besides the documented ParserError
    # (a ValueError) and OverflowError, odd digit runs raise decimal.InvalidOperation
    # (an ArithmeticError); LookupError and TypeError are kept as a safety margin.
    except (ValueError, ArithmeticError, LookupError, TypeError) as error:
        raise _when_error(original, _impossible_date_problem(normalised)) from error
    if parsed.tzinfo is not None and explicit:
        raise _when_error(original, "names two time zones")
    _check_weekday_agrees(normalised, parsed, original)
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    return _localize(parsed, tz)


def _has_control_character(text: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in text)


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    """Read a moment a person typed, relative to `now`; naive text is read in `tz`.

    Accepts "2026-12-01 10:00", "2026-12-01" (09:00), "next tuesday 10am",
    "tuesday 10am", "tomorrow 9:30", "today 16:00", durations ("in 5 business
    days", "1 week"), and explicit zones ("...Z", "... +0100",
    "... America/New_York"). Past moments are returned as they are. Raises
    InputError, and nothing else, for any text it cannot read.
    """
    _require_aware(now, "now")
    if len(text) > _MAX_WHEN_LENGTH:
        raise _when_error(text, "is too long")
    if _has_control_character(text):
        raise _when_error(text, "contains a control character")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise _when_error(text, "is empty")
    rest, explicit_zone = _split_zone(cleaned)
    local_zone = explicit_zone or tz
    normalised = _normalise(rest)
    try:
        parts = _duration_parts(normalised)
        if parts is not None:
            return _add_duration(now, _duration_from_parts(rest, parts), local_zone)
        relative = _parse_relative_day(normalised, text, now, local_zone)
        if relative is not None:
            return relative
        return _parse_absolute(rest, text, now, local_zone, explicit_zone is not None)
    except OverflowError as error:  # e.g. year 9999 plus an offset leaves datetime's range
        raise _when_error(text, "is outside the range of dates I can handle") from error


# --------------------------------------------------------------------------- past days

_PAST_EXAMPLES = "'2026-11-18', '18 Nov', 'yesterday', 'last tuesday' or '3 days ago'"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_AGO = LazyPattern(
    r"(?P<num>[0-9]{1,3}|an?|one|two|three|four|five|six)\s+(?P<unit>days?|weeks?)\s+ago",
    re.ASCII,
)
_LAST_WEEKDAY = LazyPattern(r"(?:(?P<last>last|this|on)\s+)?(?P<weekday>" + _WEEKDAY_PATTERN + ")")
_YEAR = LazyPattern(r"(?<![0-9])[0-9]{4}(?![0-9])", re.ASCII)
_MONTH_NAME = LazyPattern(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.ASCII
)


def _past_day_error(text: str, problem: str = "is not a day I can read") -> InputError:
    return InputError(
        f"The interview date {_quote(text)} {problem}: write the day it took place, like "
        f"{_PAST_EXAMPLES}."
    )


def parse_past_day(text: str, now: datetime, tz: ZoneInfo) -> date:
    """The day something took place, as a person says it: 'yesterday', 'today',
    'last tuesday' (or 'tuesday': the latest one, today included), '3 days ago',
    '2 weeks ago', '18 Nov' (the latest 18 November), '2026-11-18'. A day in the
    future is refused; InputError, and nothing else, for text it cannot read."""
    _require_aware(now, "now")
    today = now.astimezone(tz).date()
    normalised = _normalise(text).rstrip(".")
    if len(text) > _MAX_WHEN_LENGTH or _has_control_character(text) or not normalised:
        raise _past_day_error(text)
    if normalised in ("today", "yesterday"):
        return today - timedelta(days=normalised == "yesterday")
    ago = _AGO.fullmatch(normalised)
    if ago is not None:
        count = _NUMBER_WORDS.get(ago["num"]) or int(ago["num"])
        return today - timedelta(days=count * (7 if ago["unit"].startswith("week") else 1))
    weekday = _LAST_WEEKDAY.fullmatch(normalised)
    if weekday is not None:
        back = (today.weekday() - _WEEKDAYS[weekday["weekday"]]) % 7
        if weekday["last"] == "last" and back == 0:
            back = 7
        return today - timedelta(days=back)
    try:
        day = parse_when(text, now, tz).astimezone(tz).date()
    except InputError:
        problem = _impossible_date_problem(normalised).replace("a moment", "a day")
        raise _past_day_error(text, problem) from None
    if day > today and _MONTH_NAME.search(normalised) and not _YEAR.search(normalised):
        # "18 Dec" typed on 1 December means the one that has passed: last year's.
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            day = day.replace(year=day.year - 1, day=28)
    if day > today:
        raise _past_day_error(text, "is in the future")
    return day


# --------------------------------------------------------------------------- showing times


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _span(seconds: int) -> str:
    """'5 minutes', '3 hours', '9 days', '2 weeks', '2 months', '1 year' (rounded down)."""
    minutes, hours, days = seconds // 60, seconds // 3600, seconds // 86400
    if hours < 1:
        return _plural(minutes, "minute")
    if days < 1:
        return _plural(hours, "hour")
    if days < 14:
        return _plural(days, "day")
    if days < 60:
        return _plural(days // 7, "week")
    if days < 365:
        return _plural(days // 30, "month")
    return _plural(days // 365, "year")


def describe_relative(t: datetime, now: datetime, tz: ZoneInfo | None = None) -> str:
    """'just now', '5 minutes ago', 'yesterday', 'in 3 days', 'in 2 weeks', '2 months ago'...

    Days are counted on the calendar in `tz` (default UTC), not in periods of 24
    hours: a follow-up due next Tuesday reads "in 7 days" all day today, not "in 7
    days" at 16:51 and "in 6 days" at 16:52. Within the same day (or six hours),
    minutes and hours."""
    _require_aware(t, "t")
    _require_aware(now, "now")
    seconds = int((t - now).total_seconds())
    size = abs(seconds)
    if size < 60:
        return "just now"
    zone_ = tz or UTC
    days = (t.astimezone(zone_).date() - now.astimezone(zone_).date()).days
    if days == 0 or size < 6 * 3600:
        return f"in {_span(size)}" if seconds > 0 else f"{_span(size)} ago"
    if abs(days) == 1:
        return "tomorrow" if days > 0 else "yesterday"
    span = _span(abs(days) * 86400)
    return f"in {span}" if days > 0 else f"{span} ago"


def format_local(t: datetime, tz: ZoneInfo, with_date: bool = True) -> str:
    """'Tue 1 Dec 10:00' (or '10:00') in `tz`, independent of the process locale."""
    _require_aware(t, "t")
    local = t.astimezone(tz)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if not with_date:
        return clock
    weekday, month = _WEEKDAY_ABBR[local.weekday()], _MONTH_ABBR[local.month - 1]
    return f"{weekday} {local.day} {month} {clock}"
