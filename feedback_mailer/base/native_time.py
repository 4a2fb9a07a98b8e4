"""Dates and times typed in German, French or Spanish, rewritten into the English
forms `typed_time` reads: "letzten Dienstag" is "last tuesday", "lundi prochain
10h" is "next monday 10:00", "hace 3 días" is "3 days ago", "1. Dezember" is
"1 december". Only whole words of these phrases are rewritten; anything else is
left as typed, so a text that is not a date still fails with its own words.

Dates written with digits are read in the order the language (or, for English,
the locale) writes them, never guessed from the value: see `numeric_dates_as_iso`.
"""

from __future__ import annotations

import re

from feedback_mailer.base.lazyre import LazyPattern

__all__ = ["numeric_dates_as_iso", "to_english"]

_ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ENGLISH_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
_MONTHS: dict[str, tuple[str, ...]] = {
    "de": (
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}
# Spellings typed without accents or umlauts, and the short forms people use.
_MORE_WEEKDAYS: dict[str, dict[str, int]] = {
    "de": {}, "fr": {}, "es": {"miercoles": 2, "sabado": 5},
}  # fmt: skip
_MORE_MONTHS: dict[str, dict[str, int]] = {
    "de": {"jan": 0, "feb": 1, "mrz": 2, "maerz": 2, "jun": 5, "jul": 6, "aug": 7, "sep": 8,
           "sept": 8, "okt": 9, "nov": 10, "dez": 11},
    "fr": {"janv": 0, "fevrier": 1, "févr": 1, "fév": 1, "aout": 7, "sept": 8, "oct": 9,
           "nov": 10, "déc": 11, "decembre": 11},
    "es": {"ene": 0, "feb": 1, "abr": 3, "ago": 7, "sep": 8, "sept": 8, "oct": 9, "nov": 10,
           "dic": 11},
}  # fmt: skip

# (pattern, replacement) per language, applied in order to the lower-cased text;
# WD stands for any weekday of the language, N for a count.
_PHRASES: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (
        (r"\b(?:am\s+)?(?:letzten|letzter|letztem|vergangenen|vorigen)\s+(WD)\b", r"last \1"),
        (r"\b(?:am\s+)?(?:nächsten|nächster|naechsten|kommenden)\s+(WD)\b", r"next \1"),
        (r"\bam\s+(WD)\b", r"\1"),
        (r"\bvor\s+(N)\s+(?:tagen|tag)\b", r"\1 days ago"),
        (r"\bvor\s+(N)\s+(?:wochen|woche)\b", r"\1 weeks ago"),
        (r"\bheute\b", "today"),
        (r"\bübermorgen\b", "in 2 days"),
        (r"\bmorgen\b", "tomorrow"),
        (r"\bgestern\b", "yesterday"),
        (r"\b(?:um\s+)?([0-9]{1,2})[:.]([0-9]{2})\s*uhr\b", r"\1:\2"),
        (r"\b(?:um\s+)?([0-9]{1,2})\s*uhr\b", r"\1:00"),
        (r"\bum\s+([0-9]{1,2}:[0-9]{2})\b", r"\1"),
        (r"\b([0-9]{1,2})\.\s*(?=[a-zäöü])", r"\1 "),  # "1. Dezember"
    ),
    "fr": (
        (r"\b(?:le\s+)?(WD)\s+(?:dernier|passé)\b", r"last \1"),
        (r"\b(?:le\s+)?(WD)\s+(?:prochain)\b", r"next \1"),
        (r"\b(?:le\s+)?(WD)\b", r"\1"),
        (r"\bil\s+y\s+a\s+(N)\s+jours?\b", r"\1 days ago"),
        (r"\bil\s+y\s+a\s+(N)\s+semaines?\b", r"\1 weeks ago"),
        (r"\baujourd['’]hui\b", "today"),
        (r"\baprès-demain\b", "in 2 days"),
        (r"\bdemain\b", "tomorrow"),
        (r"\bhier\b", "yesterday"),
        (r"\b(?:à\s+)?([0-9]{1,2})\s*h\s*([0-9]{2})\b", r"\1:\2"),
        (r"\b(?:à\s+)?([0-9]{1,2})\s*h\b", r"\1:00"),
        (r"\bà\s+([0-9]{1,2}:[0-9]{2})\b", r"\1"),
        (r"\b1er\b", "1"),
    ),
    "es": (
        (r"\b(?:el\s+)?(WD)\s+(?:pasado)\b", r"last \1"),
        (r"\b(?:el\s+)?(?:pasado|último|ultimo)\s+(WD)\b", r"last \1"),
        (r"\b(?:el\s+)?(?:próximo|proximo)\s+(WD)\b", r"next \1"),
        (r"\b(?:el\s+)?(WD)\s+(?:que\s+viene|próximo|proximo)\b", r"next \1"),
        (r"\b(?:el\s+)?(WD)\b", r"\1"),
        (r"\bhace\s+(N)\s+d[ií]as?\b", r"\1 days ago"),
        (r"\bhace\s+(N)\s+semanas?\b", r"\1 weeks ago"),
        (r"\bhoy\b", "today"),
        (r"\bpasado\s+mañana\b", "in 2 days"),
        (r"\bmañana\b", "tomorrow"),
        (r"\bayer\b", "yesterday"),
        (r"\ba\s+las?\s+([0-9]{1,2}):([0-9]{2})\b", r"\1:\2"),
        (r"\ba\s+las?\s+([0-9]{1,2})\b", r"\1:00"),
        (r"\b([0-9]{1,2})\s+de\s+(?=[a-zé])", r"\1 "),  # "1 de diciembre"
        (r"\b([a-zé]+)\s+de\s+([0-9]{4})\b", r"\1 \2"),  # "diciembre de 2026"
    ),
}
_COUNT = r"[0-9]{1,3}|einem|einer|zwei|drei|un|une|deux|trois|uno|una|dos|tres"
_COUNT_WORDS = {
    "einem": "1", "einer": "1", "zwei": "2", "drei": "3", "un": "1", "une": "1", "deux": "2",
    "trois": "3", "uno": "1", "una": "1", "dos": "2", "tres": "3",
}  # fmt: skip
_NUMERIC_DATE = LazyPattern(
    r"(?<![0-9.])([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{4}|[0-9]{2})(?![0-9])", re.ASCII
)


def _word_table(
    words: dict[str, tuple[str, ...]], extra: dict[str, dict[str, int]], language: str
) -> dict[str, int]:
    return {**{name: i for i, name in enumerate(words[language])}, **extra[language]}


def _alternatives(names: dict[str, int]) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


def to_english(text: str, language: str) -> str:
    """`text` with the date words of `language` (de, fr, es) in English, lower-cased;
    as typed (spaces collapsed) for any other language, whose case dateutil reads."""
    if language not in _PHRASES:
        return " ".join(text.split())
    normalised = " ".join(text.lower().split())
    weekdays = _word_table(_WEEKDAYS, _MORE_WEEKDAYS, language)
    months = _word_table(_MONTHS, _MORE_MONTHS, language)
    # Month names first: "ago" is also Spanish for August.
    normalised = re.sub(
        r"(?<![a-zäöüéèûôàç])(" + _alternatives(months) + r")\.?(?![a-zäöüéèûôàç])",
        lambda m: _ENGLISH_MONTHS[months[m[1]]],
        normalised,
    )
    for pattern, replacement in _PHRASES[language]:
        pattern = pattern.replace("WD", _alternatives(weekdays)).replace("N", _COUNT)
        normalised = re.sub(pattern, replacement, normalised)
    normalised = re.sub(
        r"\b(" + _alternatives(weekdays) + r")\b",
        lambda m: _ENGLISH_WEEKDAYS[weekdays[m[1]]],
        normalised,
    )
    return re.sub(
        r"\b(" + "|".join(_COUNT_WORDS) + r") (days?|weeks?) ago\b",
        lambda m: f"{_COUNT_WORDS[m[1]]} {m[2]} ago",
        normalised,
    )


def numeric_dates_as_iso(text: str, order: str | None) -> str:
    """'01.12.2026' as '2026-12-01' when `order` is "DMY", '2026-01-12' when "MDY";
    a two-digit year is this century's. Unchanged without an order, and a day or
    month out of range is left for the reader to refuse."""
    if order not in ("DMY", "MDY"):
        return text

    def iso(match: re.Match[str]) -> str:
        first, second, year = match[1], match[2], match[3]
        day, month = (first, second) if order == "DMY" else (second, first)
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
        return f"{full_year:04d}-{int(month):02d}-{int(day):02d}"

    return _NUMERIC_DATE.sub(iso, text)
