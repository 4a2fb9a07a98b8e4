"""Pure time maths: durations, business days, send windows, zones, showing times.

Nothing here reads the clock: every function that needs "now" takes it as an
argument, so callers (and tests) decide what the present is. Every instant
returned is timezone-aware in UTC; local time only exists inside these
functions, in the zone the caller passes. Reading what a person types (WHEN,
DURATION, a send window, the day of an interview) is in `typed_time`.

python-dateutil is imported lazily, inside the one function that needs it,
because importing it costs start-up time that `--help` and most commands
never need.
"""

from __future__ import annotations

import functools
import os
from datetime import UTC, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from feedback_mailer.base.errors import InputError

__all__ = [
    "END_OF_DAY",
    "WEEKDAY_ABBR",
    "Duration",
    "Window",
    "add_business_days",
    "add_duration",
    "describe_relative",
    "format_local",
    "in_window",
    "localize",
    "next_window_opening",
    "quote",
    "require_aware",
    "system_zone",
    "wall_clock",
    "zone",
    "zone_suggestions",
]


# Records are NamedTuples, not dataclasses: `list` imports this module and
# should not pay for the dataclasses machinery at start-up.

WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

END_OF_DAY = time.max  # how a window's "24:00" end is stored

_LOCALTIME = Path("/etc/localtime")
_TIMEZONE_FILE = Path("/etc/timezone")


# --------------------------------------------------------------------------- messages


def quote(text: str, limit: int = 60) -> str:
    """Quote user text for a message: repr escapes control characters; long text is cut."""
    shown = text if len(text) <= limit else text[:limit] + "…"
    return repr(shown)


def require_aware(value: datetime, name: str) -> None:
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


# --------------------------------------------------------------------------- local time


def _to_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def wall_clock(moment: datetime, tz: tzinfo) -> datetime:
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
    if wall_clock(first, tz) == wall and wall_clock(second, tz) == wall:
        return sorted((first, second))
    return [_first_instant_after_gap(wall, tz)]


def localize(wall: datetime, tz: tzinfo) -> datetime:
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
    require_aware(start, "start")
    if n < 0:
        raise ValueError(f"business days must not be negative, got {n}")
    if n == 0:
        return _to_utc(start)
    return localize(_step_business_days(wall_clock(start, tz), n), tz)


def _add_duration(start: datetime, d: Duration, tz: tzinfo) -> datetime:
    moment = _to_utc(start)
    if d.business_days or d.months or d.days:
        # Calendar parts move the local wall clock, so "1 day" stays at 10:00 local
        # across a DST change; only then is the wall time turned back into an instant.
        from dateutil.relativedelta import relativedelta

        wall = _step_business_days(wall_clock(start, tz), d.business_days)
        wall = wall + relativedelta(months=d.months) + timedelta(days=d.days)
        moment = localize(wall, tz)
    # Hours and minutes are elapsed time: "36 hours" is 36 real hours, DST or not.
    return moment + timedelta(hours=d.hours, minutes=d.minutes)


def add_duration(start: datetime, d: Duration, tz: tzinfo) -> datetime:
    """`start` plus `d`: business days, then months, then calendar days (in `tz`'s wall
    clock), then hours and minutes as absolute elapsed time. Returns UTC."""
    require_aware(start, "start")
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


def _local_in_window(local: datetime, window: Window) -> bool:
    clock = local.time()
    before_end = window.end == END_OF_DAY or clock < window.end
    return local.weekday() in window.weekdays and window.start <= clock and before_end


def in_window(t: datetime, window: Window, tz: ZoneInfo) -> bool:
    """Whether the local time of `t` in `tz` is inside `window` (start inclusive, end exclusive)."""
    require_aware(t, "t")
    return _local_in_window(t.astimezone(tz), window)


def next_window_opening(t: datetime, window: Window, tz: ZoneInfo) -> datetime:
    """`t` (in UTC) if it is inside the window, else the next opening after it.

    An opening is `window.start` local time on a window day; when clocks go
    back it can happen twice, when they go forward it may not exist and the
    first valid instant after it is used. A day whose window is swallowed
    entirely by a DST gap is skipped.
    """
    require_aware(t, "t")
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
            f"Unknown time zone {quote(name)}{hint}: use an IANA name such as "
            "Europe/London or America/New_York."
        )
    return found


# Cities people name that have no zone of their own, in the languages the product
# writes: Munich is in Europe/Berlin.
_CITY_ZONES = {
    **dict.fromkeys(("munich", "münchen", "muenchen", "frankfurt", "hamburg", "cologne", "köln",
                     "koeln", "düsseldorf", "duesseldorf", "stuttgart", "leipzig", "dresden",
                     "hannover", "nuremberg", "nürnberg", "bonn", "bremen"), "Europe/Berlin"),
    **dict.fromkeys(("graz", "linz", "salzburg", "innsbruck", "wien"), "Europe/Vienna"),
    **dict.fromkeys(("geneva", "genf", "genève", "basel", "bern", "lausanne"), "Europe/Zurich"),
    **dict.fromkeys(("lyon", "marseille", "toulouse", "nice", "nantes", "bordeaux", "lille",
                     "strasbourg", "montpellier", "rennes"), "Europe/Paris"),
    **dict.fromkeys(("barcelona", "valencia", "sevilla", "seville", "bilbao", "málaga",
                     "malaga", "zaragoza"), "Europe/Madrid"),
}  # fmt: skip


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
    found = [_CITY_ZONES[key].lower()] if key in _CITY_ZONES else []
    found += by_city.get(key.rsplit("/", 1)[-1], [])
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
    require_aware(t, "t")
    require_aware(now, "now")
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
    require_aware(t, "t")
    local = t.astimezone(tz)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if not with_date:
        return clock
    weekday, month = WEEKDAY_ABBR[local.weekday()], _MONTH_ABBR[local.month - 1]
    return f"{weekday} {local.day} {month} {clock}"
