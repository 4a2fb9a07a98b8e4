"""When an out-of-office writer is back: the return date named in the text.

English sentences are read by the rules below (keywords in front of a date say
how it relates to the return); the other languages by `multilingual`, whose
month and weekday names come from the dateparser library's language data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.mail.classify import limits
from feedback_mailer.mail.classify.bodies import own_lines

# An out-of-office return date further out than this is ignored (etiquette 5).
RETURN_DATE_HORIZON_DAYS = 30


_WEEKDAY_NAMES = (
    ("mon", "monday"),
    ("tue", "tues", "tuesday"),
    ("wed", "weds", "wednesday"),
    ("thu", "thur", "thurs", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
)
_WD = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b\.?"
)
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_DAY_ORDINAL = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
_YEAR = r"(?:19|20)\d{2}\b"
_NUMERIC = (
    r"(?<![\d.:/-])(?:\d{4}-\d{1,2}-\d{1,2}"  # 2026-12-08
    r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})"  # 08/12/2026, 8.12.26
    r"|\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})"  # 08-12-2026
    r"|\d{1,2}/\d{1,2}"  # 12/8 (no year)
    r"|\d{1,2}\.\d{1,2}\.(?!\d))"  # 8.12. (German style, no year)
    r"(?![\d/:-]|\.\d)"
)
_DATE_RE = LazyPattern(
    rf"(?<!\w)(?:(?:{_WD},?\s+)?(?:"
    rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?"  # 8 December 2026
    rf"|{_MON}\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?"  # December 8, 2026
    rf"|{_NUMERIC}"
    rf"|the\s+{_DAY_ORDINAL}"  # the 8th
    rf")|{_WD}|tomorrow\b)",
    re.I,
)
_MONTH_ONLY_RE = LazyPattern(rf"(?<!\w){_MON}", re.I)
_DAY_RANGE_RE = LazyPattern(  # "1-4 December" -> "1 December to 4 December"
    rf"(?<!\w)((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\s*[-–—]\s*"
    rf"((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\s+(?:of\s+)?({_MON})",
    re.I,
)
_MONTH_RANGE_RE = LazyPattern(  # "December 1-4" -> "December 1 to December 4"
    rf"(?<!\w)({_MON})\s+((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\s*[-–—]\s*"
    rf"((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\b",
    re.I,
)
_SENTENCE_END_RE = LazyPattern(r"[.!?;]\s+(?=[A-Z])")
_WORD_RE = LazyPattern(r"[a-z]+(?:'[a-z]+)?|'til|[–—-]")

_RETURN_WORDS = frozenset(
    {"back", "return", "returning", "returns", "resume", "resuming", "resumes"}
    | {"available", "reachable", "reopen", "reopens", "reopening"}
)
_UNTIL_WORDS = frozenset({"until", "till", "til", "'til", "untill", "unitl"})
_THROUGH_WORDS = frozenset({"through", "thru", "including", "incl", "inclusive"})
_RANGE_WORDS = frozenset({"to", "-", "–", "—"})
_RANGE_START_RE = LazyPattern(r"\b(?:from|between)\s+(?:the\s+)?\d", re.I)
_STOP_WORDS = frozenset({"since", "before", "except", "besides"})

# How a date relates to the return, from the words before it.
_RETURN = "return"  # "back on X", "returning X": back on X
_UNTIL = "until"  # "out until X": back on X (the common reading of "until Monday")
_END = "end"  # "from A to X", "through X", "from A until X": last day away; back X + 1
_AFTER = "after"  # "back after X": back X + 1
_PRIORITY = {_RETURN: 0, _AFTER: 0, _END: 1, _UNTIL: 1}


def _context_kind(near: str, sentence: str, prev_linked: bool, prev_kind: str | None) -> str | None:
    """Classify a date by the words in front of it (`near`: since the previous date
    or the sentence start; `sentence`: since the sentence start)."""
    words = _WORD_RE.findall(near.lower())
    if not words:
        return prev_kind if prev_linked and re.fullmatch(r"[\s(,/]*", near) else None
    words = words[-10:]
    sentence_words = set(_WORD_RE.findall(sentence.lower()))
    ranged = prev_linked or bool(_RANGE_START_RE.search(sentence))
    significant = [w for w in words if w not in ("the", "on")]
    immediate = significant[-1] if significant else ""
    if immediate in _RANGE_WORDS and ranged:
        return _END
    if immediate == "and" and ranged and "between" in sentence_words:
        return _END
    if immediate in _THROUGH_WORDS:
        return _END
    has_return_word = any(w in _RETURN_WORDS for w in words)
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        before = words[max(0, index - 3) : index]
        if word in _UNTIL_WORDS:
            return _END if ranged and not has_return_word else _UNTIL
        if word in _RETURN_WORDS:
            return _RETURN
        if word == "office":
            if "out" in before:
                return None  # "out of the office on 30 November": a day away
            if any(w in ("in", "into", "to") for w in before):
                return _RETURN  # "in the office on ...", "return to the office ..."
        if word == "after":
            return _AFTER if has_return_word else None
        if word == "from":
            return _RETURN if has_return_word else None  # "back from X"; else a start date
        if word in _STOP_WORDS:
            return None
    return None


def _weekday_index(snippet: str) -> int | None:
    word = re.sub(r"[^a-z]", "", snippet.lower())
    for index, names in enumerate(_WEEKDAY_NAMES):
        if word in names:
            return index
    return None


def _next_day_of_month(day: int, start: date) -> date | None:
    year, month = start.year, start.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= start:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _next_month_day(month: int, day: int, start: date) -> date | None:
    for year in (start.year, start.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= start:
            return candidate
    return None


# Two defaults that differ in year, month and day, both leap years and both in 31-day
# months, so a field missing from a text shows as a difference between the two parses.
_DEFAULT_A = datetime(1972, 1, 1)
_DEFAULT_B = datetime(1976, 12, 28)


def _resolve(snippet: str, today: date, parse: Callable[..., datetime]) -> list[date]:
    """The calendar dates a date expression may mean (several when d/m vs m/d)."""
    text = snippet.strip().rstrip(".,")
    lowered = text.lower()
    if lowered == "tomorrow":
        return [today + timedelta(days=1)]
    if not re.search(r"\d", text) and not _MONTH_ONLY_RE.search(text):
        weekday = _weekday_index(text)
        if weekday is None:
            return []
        return [today + timedelta(days=(weekday - today.weekday()) % 7 or 7)]
    numeric = re.sub(r"(?<=\d)\.(?=\d)", "/", text).rstrip("./")
    if re.search(r"\d{4}-\d{1,2}-\d{1,2}", numeric):
        orders = [(False, True)]  # ISO: year, month, day
    elif re.search(r"\d[/-]\d", numeric):
        orders = [(True, False), (False, False)]  # d/m (UK, DE) and m/d (US)
    else:
        orders = [(False, False)]
    found: list[date] = []
    for dayfirst, yearfirst in orders:
        try:
            first = parse(
                numeric, fuzzy=True, dayfirst=dayfirst, yearfirst=yearfirst, default=_DEFAULT_A
            )
            second = parse(
                numeric, fuzzy=True, dayfirst=dayfirst, yearfirst=yearfirst, default=_DEFAULT_B
            )
        except Exception:
            continue
        if first.day != second.day:
            continue  # no day named
        if first.month != second.month:
            candidate = _next_day_of_month(first.day, today)  # "the 8th"
        elif first.year != second.year:
            candidate = _next_month_day(first.month, first.day, today)  # year missing
        else:
            candidate = first.date()
        if candidate is not None and candidate not in found:
            found.append(candidate)
    return found


def _expand_ranges(text: str) -> str:
    text = _DAY_RANGE_RE.sub(r"\1 \3 to \2 \3", text)
    return _MONTH_RANGE_RE.sub(r"\1 \2 to \1 \3", text)


@dataclass(frozen=True)
class _Candidate:
    priority: int  # 0: says when they are back; 1: says until when they are away
    order: int  # position in the text
    back: date
    phrase: str  # the words that named it, for the signal


def _english(own: str, today: date, horizon: date) -> list[_Candidate]:
    from dateutil import parser as date_parser

    found: list[_Candidate] = []
    order = 0
    for paragraph in re.split(r"\n\s*\n", own):
        flat = _expand_ranges(" ".join(paragraph.split()))
        matches = list(_DATE_RE.finditer(flat))[:50]
        prev_end: int | None = None
        prev_kind: str | None = None
        for match in matches:
            limits.checkpoint()
            start = match.start()
            boundaries = [m.end() for m in _SENTENCE_END_RE.finditer(flat, 0, start)]
            sentence_start = boundaries[-1] if boundaries else 0
            prev_linked = (
                prev_end is not None and prev_end >= sentence_start and start - prev_end <= 80
            )
            near_start = max(sentence_start, start - 100)
            if prev_end is not None and prev_end > near_start:
                near_start = prev_end
            kind = _context_kind(
                flat[near_start:start], flat[sentence_start:start], prev_linked, prev_kind
            )
            prev_end, prev_kind = match.end(), kind
            order += 1
            if kind is None:
                continue
            resolved = _resolve(match.group(0), today, date_parser.parse)
            ended = kind in (_END, _AFTER)
            dates = sorted(next_working_day(d) if ended else d for d in resolved if d <= horizon)
            for back in dates:
                if today <= back <= horizon:
                    phrase = _phrase(flat, max(sentence_start, start - 60), match.end())
                    found.append(_Candidate(_PRIORITY[kind], order, back, phrase))
                    break
    return found


def next_working_day(last_away: date) -> date:
    """The day after the last day away, past a weekend: "through Friday" is back Monday."""
    back = last_away + timedelta(days=1)
    while back.weekday() >= 5:
        back += timedelta(days=1)
    return back


def _phrase(flat: str, start: int, end: int) -> str:
    words = flat[start:end].split()
    return " ".join(words[-12:]).strip(" ,;:")


# --------------------------------------------------------------------------- other languages
#
# German, French, Spanish, Italian, Dutch, Portuguese, Polish, Swedish, Danish,
# Norwegian, Finnish and Czech. Month and weekday names come from dateparser's
# language data (loaded on the first out-of-office note, never at start-up); the
# words around a date that say how it relates to the return are listed here.
# Numeric dates are day first in all of these languages.

_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "nb", "fi", "cs")

# Right before a date: the absence lasts until that day ("bis", "jusqu'au", "hasta
# el", "fino al", "tot en met", "till och med", "til og med", "do", "até"). Alone,
# the date is taken as written (the note rarely says whether it is the day back);
# inclusive ("bis einschließlich", "till och med", "… inclus") or the end of a range
# ("vom … bis", "du … au", "dal … al", "od … do") it is the last day away.
_UNTIL_TAIL = LazyPattern(
    r"(?:\bbis(?: zum| zur| am| einschlie(?:ß|ss)lich| inklusive| inkl\.?)?"
    r"|\bjusqu ?['’]? ?(?:au|à|a)(?: la)?|\bau|\bhasta(?: el)?|\bal|\bfino (?:al|a)|\bsino al"
    r"|\btot(?: en met)?|\bt/m|\btill och med|\bt\.o\.m\.?|\bfram till|\btill|\btil og med"
    r"|\bfrem til|\bdo|\bat[ée](?: (?:ao|o|a|dia))?)"
    r"(?: (?:den|dem|der|le|el|il|lo|la|l['’]|o|a|dia|día|giorno|jour|de|d['’]))?"
    r"(?: [^\W\d_]+,?)? ?$"
)
# Right before a date: from that day on. With a return word in the same sentence it
# is the day back ("ab dem 8. Dezember wieder im Büro"); without, the first day away.
_FROM_TAIL = LazyPattern(
    r"(?:\bab(?: dem| den| (?:nächsten|naechsten|kommenden))?|\bvom|\bvanaf"
    r"|\ba partir d[eu](?: la)?|\bà partir d[eu](?: la)?"
    r"|\bdesde(?: el)?|\bdal(?:l['’])?|\bfra|\bfrån|\bod|\bdu)"
    r"(?: (?:den|dem|le|el|il|lo|l['’]|o|a|dia|día))? ?$"
)
# Words of coming back.
_COMING_BACK_RE = LazyPattern(
    r"\b(?:wieder|zur[üu]ck|retour|reprendr|reprends|reviens|reviendr|rentre|vuelta|regres"
    r"|vuelvo|volver[ée]|incorpor|reincorpor|rientr|ritorn|torner[òo]|di nuovo|weer|terug"
    r"|volta|voltarei|retorno|wracam|powrotem|wr[óo]c[ęe]|åter|ater|tillbaka|tilbage|tilbake"
    r"|palaan|takaisin|zpět|vrátím)"
)
# The until word says the date is the last day away ("bis einschließlich", "tot en met",
# "till och med", "til og med" before it; "inclus", "compreso" after it).
_INCLUSIVE_TAIL = LazyPattern(
    r"(?:einschlie(?:ß|ss)lich|inklusive|inkl\.?|tot en met|t/m|till och med|t\.o\.m\.?"
    r"|til og med|t\.o\.m|włącznie)(?: (?:den|dem|der))?(?: [^\W\d_]+,?)? ?$"
)
_INCLUSIVE_AFTER = LazyPattern(
    r"^\s*\(?(?:inclus|incluse|compreso|compresa|incluso|incluida|inclusive|włącznie|inkl)"
)
# Until words strong enough to carry a bare weekday ("hasta el lunes", "bis Montag").
_WEEKDAY_UNTIL_TAIL = LazyPattern(
    r"(?:\bbis(?: zum| am)?|\bjusqu ?['’]? ?(?:à|a|au)|\bhasta(?: el)?|\bfino a(?:l)?"
    r"|\btot|\btill|\btil)(?: (?:den|dem|der|le|el|il|lo))? ?$"
)
# Before the first date of a range ("vom 21.12. bis 6.1.", "du … au", "dal … al",
# "del … al", "od … do", "van … tot", "fra … til", "från … till").
_RANGE_FROM_TAIL = LazyPattern(
    r"(?:\bvom|\bvon|\bdu|\bdal(?:l['’])?|\bdel|\bdesde(?: el)?|\bod|\bvan|\bfra|\bfrån|\bde)"
    r"(?: (?:den|dem|le|el|il|lo|l['’]|o|a|dia|día))? ?$"
)
# A bare weekday is named in full: "mon" is a French possessive, not Monday.
_MIN_BARE_WEEKDAY = 5

_NUMERIC_DMY = (
    r"(?<![\d.:/-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    r"|\d{1,2}\.\d{1,2}\.(?!\d))(?![\d/:-]|\.\d)"
)
_SENTENCE_STOP = LazyPattern(r"(?<!\d)[.!?;]\s")


@dataclass(frozen=True)
class _Vocabulary:
    months: dict[str, int]
    weekdays: dict[str, int]
    date_re: re.Pattern[str]


_VOCABULARY: list[_Vocabulary] = []
_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _names(info: dict[str, object], keys: tuple[str, ...]) -> dict[str, int]:
    names: dict[str, int] = {}
    for index, key in enumerate(keys):
        values = info.get(key)
        if not isinstance(values, list):
            continue
        for value in values:
            name = str(value).lower().strip(".")
            if len(name) >= 3 and re.fullmatch(r"[^\W\d_]+(?:[- ][^\W\d_]+)?", name):
                names.setdefault(name, index)
    return names


def _vocabulary() -> _Vocabulary:
    """Month and weekday names of _LANGUAGES from dateparser, and the date pattern."""
    if _VOCABULARY:
        return _VOCABULARY[0]
    from dateparser.languages import default_loader  # type: ignore[import-untyped]

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for code in _LANGUAGES:
        info = default_loader.get_locale(code).info
        for name, index in _names(info, _MONTH_KEYS).items():
            months.setdefault(name, index + 1)
        for name, index in _names(info, _WEEKDAY_KEYS).items():
            weekdays.setdefault(name, index)
    month = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    weekday = "|".join(re.escape(n) for n in sorted(weekdays, key=len, reverse=True))
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    pattern = (
        rf"(?:(?P<wd>{weekday})\.?,?\s+(?:(?:den|dem|der|le|el|il|lo|the)\s+)?)?"
        rf"(?:(?:(?:el\s+|o\s+|no\s+|le\s+)?d[ií]a|giorno|jour)\s+)?"
        rf"(?:(?P<day>{day})\.?\s*(?:(?:de|di|of)\s+)?(?P<month>{month})\b\.?"
        rf"(?:,?\s*(?:(?:de|del)\s+)?(?P<year>(?:19|20)\d\d)\b(?:\s*r\.)?)?"
        rf"|(?P<numeric>{_NUMERIC_DMY})"
        rf")"
        rf"|(?<!\w)(?P<wdonly>{weekday})\b"
    )
    vocabulary = _Vocabulary(months, weekdays, re.compile(pattern))
    _VOCABULARY.append(vocabulary)
    return vocabulary


def _resolve_other(match: re.Match[str], vocabulary: _Vocabulary, today: date) -> date | None:
    """The calendar date a match names (day first); None when it names none."""
    if match.group("wdonly"):
        weekday = vocabulary.weekdays.get(match.group("wdonly"))
        if weekday is None:
            return None
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    year: int | None
    if match.group("numeric"):
        parts = [int(p) for p in re.findall(r"\d+", match.group("numeric"))]
        if len(parts) == 3 and parts[0] > 999:
            year, month, day = parts
        elif len(parts) == 3:
            day, month, year = parts
            year += 2000 if year < 100 else 0
        else:
            (day, month), year = parts[:2], None
    else:
        day = int(match.group("day"))
        month = vocabulary.months.get(match.group("month").lower().strip("."), 0)
        year = int(match.group("year")) if match.group("year") else None
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return _next_month_day(month, day, today)


def _other_languages(own: str, today: date, horizon: date) -> list[_Candidate]:
    """Return dates said in the languages other than English."""
    vocabulary = _vocabulary()
    found: list[_Candidate] = []
    order = 10_000  # after the English reading of the same text, when both read one
    for paragraph in re.split(r"\n\s*\n", own):
        flat = " ".join(paragraph.split())
        low = flat.lower()
        if len(low) != len(flat):  # a character whose lower case is longer: positions drift
            flat = low
        matches = list(vocabulary.date_re.finditer(low))[:50]
        for index, match in enumerate(matches):
            limits.checkpoint()
            order += 1
            start, end = match.start(), match.end()
            stops = [m.end() for m in _SENTENCE_STOP.finditer(low, max(0, start - 160), start)]
            sentence_start = max([max(0, start - 160), *stops])
            previous_end = matches[index - 1].end() if index else 0
            before = low[max(sentence_start, previous_end) : start].rstrip()
            following = matches[index + 1].start() if index + 1 < len(matches) else len(low)
            stop = _SENTENCE_STOP.compiled().search(low, end, min(following, end + 160))
            after = low[end : stop.start() if stop else min(following, end + 160)]
            ended = False
            if _UNTIL_TAIL.search(before):
                priority = 1
                previous = matches[index - 1] if index else None
                ended = bool(
                    _INCLUSIVE_TAIL.search(before)
                    or _INCLUSIVE_AFTER.search(after)
                    or (
                        previous is not None
                        and previous.end() >= sentence_start
                        and _RANGE_FROM_TAIL.search(
                            low[max(0, previous.start() - 40) : previous.start()]
                        )
                    )
                )
            elif _FROM_TAIL.search(before):
                if not _COMING_BACK_RE.search(before + " " + after):
                    continue  # "ab 23.11. im Urlaub": when the absence begins
                priority = 0
            elif _COMING_BACK_RE.search(before[-80:]):
                priority = 0
            else:
                continue
            if match.group("wdonly"):
                if len(match.group("wdonly")) < _MIN_BARE_WEEKDAY:
                    continue
                if priority != 0 and not _WEEKDAY_UNTIL_TAIL.search(before):
                    continue  # a bare weekday says when only after a return or until word
            back = _resolve_other(match, vocabulary, today)
            if back is not None and ended:
                back = next_working_day(back)
            if back is not None and today <= back <= horizon:
                phrase = _phrase(flat, max(sentence_start, start - 60), end)
                found.append(_Candidate(priority, order, back, phrase))
    return found


# Japanese: "1月6日まで" (through 6 January: the last day away), "1月7日に出社" or
# "1月7日(木)より通常業務" (back that day); "12月21日から" alone is when the absence begins.
_JAPANESE_RE = LazyPattern(
    r"(?:(?P<year>(?:19|20)\d\d)年\s*)?(?P<month>1[0-2]|0?[1-9])月\s*(?P<day>[12]\d|3[01]|0?[1-9])日"
    r"(?:\s*\([^)]{1,4}\))?\s*(?P<tail>まで|迄|に出社|より出社|から出社|に戻|より戻|から戻"
    r"|より通常|から通常|以降|に帰社|より帰社)?"
)


def _japanese(own: str, today: date, horizon: date) -> list[_Candidate]:
    import unicodedata

    if not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", own[:5_000]):
        return []
    text = unicodedata.normalize("NFKC", own)  # full-width digits and brackets
    found: list[_Candidate] = []
    for order, match in enumerate(list(_JAPANESE_RE.finditer(text))[:50], start=20_000):
        limits.checkpoint()
        tail = match.group("tail")
        if not tail:
            continue
        month, day = int(match.group("month")), int(match.group("day"))
        if match.group("year"):
            try:
                named: date | None = date(int(match.group("year")), month, day)
            except ValueError:
                named = None
        else:
            named = _next_month_day(month, day, today)
        if named is None:
            continue
        ended = tail in ("まで", "迄")
        back = next_working_day(named) if ended else named
        if today <= back <= horizon:
            found.append(_Candidate(1 if ended else 0, order, back, match.group(0).strip()))
    return found


def _choose(candidates: list[_Candidate]) -> _Candidate | None:
    """A stated return wins over an end of absence; among returns the first in the
    text; among ends of absence the latest (a bilingual note may give the same end
    two ways, "bis einschließlich 4." and "to 4 December": waiting for the later
    reading never brings a follow-up too early)."""
    if not candidates:
        return None
    best = min(c.priority for c in candidates)
    chosen = [c for c in candidates if c.priority == best]
    if best == 0:
        return min(chosen, key=lambda c: c.order)
    return max(chosen, key=lambda c: (c.back, -c.order))


def find_return(text: str, received: datetime) -> tuple[date, str] | None:
    """(return date, the words that named it) as `find_return_date` reads them."""
    if received.tzinfo is not None:
        received = received.astimezone(UTC)
    today = received.date()
    if today > date.max - timedelta(days=RETURN_DATE_HORIZON_DAYS + 7):
        return None  # no calendar room left after it
    horizon = today + timedelta(days=RETURN_DATE_HORIZON_DAYS)
    own = "\n".join(own_lines(text[:20_000]))
    if not own.strip() or not re.search(r"\d|[^\W\d_]{3}", own):
        return None
    candidates = _english(own, today, horizon)
    candidates += _other_languages(own, today, horizon)
    candidates += _japanese(own, today, horizon)
    chosen = _choose(candidates)
    return (chosen.back, chosen.phrase) if chosen else None


def find_return_date(text: str, received: datetime) -> date | None:
    """The date an out-of-office writer is back, if it lies within 30 days after
    `received` (on or after its date); None otherwise. Never raises.

    Candidates are date expressions preceded by keywords (back, return(ing), until,
    till, from ... to/until, between ... and, through, after); each snippet is parsed
    with dateutil's fuzzy parser. Semantics chosen:

    * "back on X", "returning X", "in the office on X": X.
    * "until X" / "till X" alone: X (the common reading of "out until Monday").
    * the end of a range ("from A to X", "from A until X", "A - X", "between A and X",
      "through X", "up to and including X"): X is the last day away, so the next
      working day after X is returned (through Friday: back Monday).
    * "back after X": the next working day after X.
    * A weekday alone: the next such day strictly after `received`; a missing year:
      the next occurrence on or after `received`'s date; a missing month ("the 8th"):
      the next such day of a month. Numeric d/m vs m/d: every reading is tried, the
      earliest one inside the window wins.
    * Return-keyword dates win over until/range ones; among those the first in the
      text, among until/range ones the latest (see `_choose`).

    The other languages (German, French, Spanish, Italian, Dutch, Portuguese,
    Polish, Swedish, Danish, Norwegian, Finnish, Czech) are read by
    `_other_languages`: a word of coming back before the date ("wieder", "de
    retour", "de vuelta", "rientrerò", "weer", "tilbage", "wracam" ...) or "from"
    with such a word in the sentence ("ab dem 8. Dezember wieder im Büro") gives
    the date; "until" before it ("bis", "jusqu'au", "hasta", "fino al", "till",
    "do", "até") gives the date as written, and a bare weekday after it ("hasta el
    lunes", "jusqu'à lundi"); an inclusive until ("bis einschließlich", "tot en
    met", "till och med", "til og med", "… inclus") or the end of a range ("vom …
    bis", "du … au", "dal … al", "od … do") gives the next working day after it,
    in every language as in English. Japanese: "1月6日まで" is the last day away,
    "1月7日に出社" the day back. A bare weekday counts only named in full ("mon" is
    a French possessive, never Monday).
    """
    try:
        found = find_return(text, received)
    except limits.BudgetExceeded:
        raise
    except Exception:
        return None
    return found[0] if found else None
