"""The languages texts are written in, and dates as each language writes them.

A language is a two-letter ISO 639-1 code ("en", "de", "fr", "es"): built-in
templates exist in `BUILT_IN`, and a user's own template may be in any other
(`NAME.it.j2`). Dates are formatted from the Unicode CLDR data through Babel,
imported only when a date is formatted: `--help` and `list` never load it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from feedback_mailer.base.errors import InputError

if TYPE_CHECKING:
    from babel import Locale

DEFAULT = "en"
# The languages of the built-in templates, each with its own name.
BUILT_IN: dict[str, str] = {"en": "English", "de": "Deutsch", "fr": "français", "es": "español"}
# The CLDR locale whose conventions a language's dates follow. The English texts are
# written in British English ("Kind regards", day before month).
_LOCALES: dict[str, str] = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES"}
_CODE = re.compile(r"[a-z]{2}")


def is_code(text: str) -> bool:
    """A two-letter language code in lower case, as templates and the config name them."""
    return _CODE.fullmatch(text) is not None


def check(text: str, what: str = "language (--lang)") -> str:
    """`text` as a language code ("DE" and "de-DE" read as "de"), or an InputError."""
    code = text.strip().replace("_", "-").split("-")[0].lower()
    if not is_code(code):
        known = ", ".join(f"{code} ({name})" for code, name in BUILT_IN.items())
        raise InputError(
            f"The {what} {text!r} is not a two-letter language code: use one of {known}, "
            "or the code of your own templates' language."
        )
    return code


def chosen(option: str | None, configured: str | None) -> str:
    """The language of a new text: --lang, else `sender.language`, else English."""
    if option:
        return check(option)
    return configured or DEFAULT


@cache
def _locale(language: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(_LOCALES.get(language, language))
    except (UnknownLocaleError, ValueError):
        raise InputError(
            f"There is no date format for the language {language!r}: use a two-letter ISO "
            "639-1 code such as en, de, fr or es."
        ) from None


def _without_year(pattern: str) -> str:
    """A CLDR date pattern with its year (and what joins it to the rest) left out."""
    stripped = re.sub(r"[\s,.]*(?:'[^']*'\s*)?y+[.]?", "", pattern)
    return stripped.strip(" ,")


# The day and its month stay on one line ("1.\u00a0Dezember", "1\u00a0de\u00a0diciembre"):
# a line break between them reads as two pieces of text.
_DAY_AND_MONTH = re.compile(r"(?<![0-9])[0-9]{1,2}(?:\.|er)? (?:de )?(?=[^\W\d_])")


def format_day_and_month(day: date, language: str) -> str:
    """A letter's day, as "your message of ..." writes it: '3 December', '3. Dezember',
    '3 décembre', '3 de diciembre' (the CLDR skeleton MMMMd), never broken."""
    from babel.dates import format_skeleton

    try:
        text = format_skeleton("MMMMd", day, locale=_locale(language))
    except Exception:
        text = day.isoformat()
    return text.replace(" ", "\u00a0")


def format_day(day: date, language: str, *, with_year: bool) -> str:
    """A day in running text: 'Wednesday, 18 November', 'Mittwoch, 18. November',
    'mercredi 18 novembre', 'miércoles, 18 de noviembre' (the year when asked)."""
    from babel.dates import format_date

    locale = _locale(language)
    pattern = locale.date_formats["full"].pattern
    text = format_date(day, pattern if with_year else _without_year(pattern), locale=locale)
    return _DAY_AND_MONTH.sub(lambda m: m[0].replace(" ", "\u00a0"), text)


def format_sent(moment: datetime, language: str) -> str:
    """When a quoted message was sent: 'Mon, 23 Nov 2026', 'Mo., 23. Nov. 2026'."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMEd", moment, locale=_locale(language))


def day_in_text(day: date, now: datetime, language: str) -> str:
    """A day in running text, with its year only when it is not this year's."""
    return format_day(day, language, with_year=day.year != now.year)


# English speakers in these places write the month first (1/12 is 12 January).
_MONTH_FIRST = ("en_US", "en_PH", "en_CA", "en_UM", "en_AS", "en_GU", "en_PR", "en_VI")


def date_order(language: str, environ: Mapping[str, str] | None = None) -> str | None:
    """How `language` writes a date in digits: "DMY" for German, French and Spanish;
    for English, the locale (LC_ALL, LC_TIME, LANG) decides: "MDY" in the United
    States, "DMY" in Britain and elsewhere, None when no English locale is set (a date
    that could be read both ways is then refused)."""
    if language != "en":
        return "DMY" if language in BUILT_IN else None
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = env.get(name, "")
        if value:
            locale = value.split(".")[0].split("@")[0]
            if not locale.startswith("en_"):
                return None
            return "MDY" if locale in _MONTH_FIRST else "DMY"
    return None
