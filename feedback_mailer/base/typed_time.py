"""Reading what a person types: WHEN, DURATION, a send window, the day of an interview.

Nothing here reads the clock: every function that needs "now" takes it as an
argument. The arithmetic and the types are in `timing`.

python-dateutil is imported lazily, inside the function that needs it,
because importing it costs start-up time that `--help` and most commands
never need.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from feedback_mailer.base import native_time
from feedback_mailer.base.errors import InputError
from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.base.timing import (
    END_OF_DAY,
    WEEKDAY_ABBR,
    Duration,
    Window,
    add_duration,
    localize,
    quote,
    require_aware,
    wall_clock,
    zone,
)

__all__ = [
    "parse_duration",
    "parse_past_day",
    "parse_when",
    "parse_window",
]

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
# English, German, French and Spanish: every language the product writes.
_DURATION_UNITS: tuple[tuple[str, str], ...] = (
    (
        "business_days",
        r"business\s*days?|working\s*days?|werktagen?|werktage?|arbeitstagen?|arbeitstage?"
        r"|jours?\s+ouvr(?:é|e)s|jours?\s+ouvrables?|d[ií]as?\s+(?:h[aá]biles|laborables)"
        r"|bdays?|bd",
    ),
    ("weeks", r"weeks?|wochen|woche|semaines?|semanas?|wks?|w"),
    ("days", r"days?|tagen|tage|tag|jours?|d[ií]as?|d"),
    ("hours", r"hours?|stunden?|heures?|horas?|hrs?|h"),
    ("minutes", r"minutes?|minuten?|minutos?|mins?"),
    ("months", r"months?|monaten?|monate?|mois|meses|mes|mo"),
)
# "in 3 days", "in 3 Tagen", "dans 3 jours", "en 3 días".
_DURATION_PREFIXES = ("in ", "dans ", "en ")
_DURATION_PART = LazyPattern(
    r"(?P<num>[0-9]+|an?(?=\s))\s*"
    r"(?P<unit>" + "|".join(f"(?P<{key}>{alts})" for key, alts in _DURATION_UNITS) + r")"
    r"(?![a-zäöüéèàíá])"
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


# --------------------------------------------------------------------------- durations


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _without_prefix(normalised: str) -> str:
    for prefix in _DURATION_PREFIXES:
        if normalised.startswith(prefix):
            return normalised.removeprefix(prefix)
    return normalised


def _duration_parts(normalised: str) -> list[tuple[str, str]] | None:
    """Split "in 1 week 2 days" into [("1", "weeks"), ("2", "days")]; None if not that shape."""
    body = _without_prefix(normalised)
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
                f"Duration {quote(text)} is too long: use at most {_MAX_DIGITS} digits, "
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
            f"Duration {quote(d.text)} must be longer than zero: try e.g. {_DURATION_EXAMPLES}."
        )
    if length > _MAX_DURATION:
        raise InputError(
            f"Duration {quote(d.text)} is longer than a year (366 days): "
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
        if _without_prefix(normalised).startswith("-"):
            raise InputError(
                f"Duration {quote(text)} must be positive: write e.g. {_DURATION_EXAMPLES}."
            )
        raise InputError(
            f"Cannot read duration {quote(text)}: write a number and a unit, "
            f"e.g. {_DURATION_EXAMPLES}."
        )
    return _duration_from_parts(text, parts)


# --------------------------------------------------------------------------- windows

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
        f"Send window {quote(text)} {problem}: write days and hours like {_WINDOW_EXAMPLE}."
    )


def _window_day(name: str, text: str) -> int:
    if name not in _WEEKDAYS:
        raise _window_error(text, f"has an unknown day {quote(name)}")
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
        raise _window_error(text, f"has an unreadable time {quote(value)}")
    hour, minute = int(match["h"]), int(match["m"])
    if is_end and (hour, minute) == (24, 0):
        return END_OF_DAY
    if hour > 23 or minute > 59:
        raise _window_error(text, f"has an impossible time {quote(value)}")
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
        f"The time {quote(text)} {problem}: {fix or 'write it like ' + _WHEN_EXAMPLES}."
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
        try:
            return zone(token)
        except InputError:
            return None
    return _offset_zone(token)


def _split_zone(text: str) -> tuple[str, tzinfo | None]:
    """Take a trailing zone ("Europe/London", "UTC", "Z", "+0100") off the text."""
    match = _TRAILING_ZONE.fullmatch(text)
    if match is None:
        return text, None
    found = _explicit_zone(match["zone"])
    if found is None:
        if "/" in match["zone"]:
            raise _when_error(text, f"names an unknown time zone {quote(match['zone'])}")
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
    today = wall_clock(now, tz).date()
    if match["day"] == "today":
        return today
    if match["day"] == "tomorrow":
        return today + timedelta(days=1)
    ahead = (_WEEKDAYS[match["weekday"]] - today.weekday()) % 7
    if match["next"] == "next":
        return today + timedelta(days=ahead or 7)  # strictly after today
    # "tuesday 10am" is the coming Tuesday, unless that is today and 10am has passed.
    candidate = today + timedelta(days=ahead)
    if localize(datetime.combine(candidate, clock), tz) < now:
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
    return localize(datetime.combine(day, clock), tz)


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
        f"The time zone abbreviation {quote(name or '')} is ambiguous: use an IANA name "
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
                f"names a {WEEKDAY_ABBR[_WEEKDAYS[word]]} but that date is a "
                f"{WEEKDAY_ABBR[written.weekday()]}",
            )


def _parse_absolute(
    rest: str, original: str, now: datetime, tz: tzinfo, explicit: bool
) -> datetime:
    from dateutil import parser

    normalised = _normalise(rest)
    _check_no_ambiguous_forms(normalised, original)
    default = datetime.combine(wall_clock(now, tz).date(), _DEFAULT_TIME_OF_DAY)
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
    return localize(parsed, tz)


def _has_control_character(text: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in text)


def _dateparser_moment(
    text: str, now: datetime, tz: tzinfo, language: str, date_order: str | None, prefer: str
) -> datetime | None:
    """What dateparser reads in `text` in `language` (its CLDR-based month and day
    names), as a local wall-clock time; None when it reads nothing."""
    import dateparser  # type: ignore[import-untyped]

    settings = {
        "RELATIVE_BASE": wall_clock(now, tz),
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": date_order or "YMD",
    }
    try:
        parsed = dateparser.parse(text, languages=[language], settings=settings)
    except (ValueError, ArithmeticError, LookupError, TypeError):
        return None
    if not isinstance(parsed, datetime):
        return None
    if parsed.time() == time(0, 0) and not _CLOCK_IN_TEXT.search(text):
        parsed = datetime.combine(parsed.date(), _DEFAULT_TIME_OF_DAY)
    return parsed


def parse_when(
    text: str,
    now: datetime,
    tz: ZoneInfo,
    language: str = "en",
    date_order: str | None = None,
) -> datetime:
    """Read a moment a person typed, relative to `now`; naive text is read in `tz`.

    Words of `language` (de, fr, es) are read too ("nächsten Montag 10 Uhr",
    "lundi prochain 10h", "el próximo lunes a las 10"), and a date written
    with digits in `date_order` ("DMY" or "MDY"; without one, a date that
    could be read both ways is refused).

    Accepts "2026-12-01 10:00", "2026-12-01" (09:00), "next tuesday 10am",
    "tuesday 10am", "tomorrow 9:30", "today 16:00", durations ("in 5 business
    days", "1 week"), and explicit zones ("...Z", "... +0100",
    "... America/New_York"). Past moments are returned as they are. Raises
    InputError, and nothing else, for any text it cannot read.
    """
    require_aware(now, "now")
    if len(text) > _MAX_WHEN_LENGTH:
        raise _when_error(text, "is too long")
    if _has_control_character(text):
        raise _when_error(text, "contains a control character")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise _when_error(text, "is empty")
    typed, explicit_zone = _split_zone(cleaned)
    rest = native_time.numeric_dates_as_iso(native_time.to_english(typed, language), date_order)
    local_zone = explicit_zone or tz
    normalised = _normalise(rest)
    try:
        parts = _duration_parts(normalised)
        if parts is not None:
            return add_duration(now, _duration_from_parts(rest, parts), local_zone)
        relative = _parse_relative_day(normalised, text, now, local_zone)
        if relative is not None:
            return relative
        try:
            return _parse_absolute(rest, text, now, local_zone, explicit_zone is not None)
        except InputError:
            if language == "en":
                raise
            wall = _dateparser_moment(rest, now, local_zone, language, date_order, "future")
            if wall is None:
                raise
            return localize(wall, local_zone)
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
        f"The interview date {quote(text)} {problem}: write the day it took place, like "
        f"{_PAST_EXAMPLES}."
    )


def parse_past_day(
    text: str,
    now: datetime,
    tz: ZoneInfo,
    language: str = "en",
    date_order: str | None = None,
) -> date:
    """The day something took place, as a person says it: 'yesterday', 'today',
    'last tuesday' (or 'tuesday': the latest one, today included), '3 days ago',
    '2 weeks ago', '18 Nov' (the latest 18 November), '2026-11-18'; in German,
    French and Spanish too ('letzten Dienstag', 'hier', 'hace 3 días', '1.
    Dezember'), digits in `date_order` as in `parse_when`. A day in the future
    is refused; InputError, and nothing else, for text it cannot read."""
    require_aware(now, "now")
    today = now.astimezone(tz).date()
    english = native_time.to_english(text, language).rstrip(".")
    normalised = _normalise(native_time.numeric_dates_as_iso(english, date_order))
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
        day = parse_when(normalised, now, tz).astimezone(tz).date()
    except InputError:
        wall = None
        if language != "en":
            wall = _dateparser_moment(normalised, now, tz, language, date_order, "past")
        if wall is None:
            problem = _impossible_date_problem(normalised).replace("a moment", "a day")
            raise _past_day_error(text, problem) from None
        day = wall.date()
    if day > today and _MONTH_NAME.search(normalised) and not _YEAR.search(normalised):
        # "18 Dec" typed on 1 December means the one that has passed: last year's.
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            day = day.replace(year=day.year - 1, day=28)
    if day > today:
        raise _past_day_error(text, "is in the future")
    return day
