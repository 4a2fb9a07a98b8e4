"""The first line of a formal message, as each language opens a business letter:
"Sehr geehrter Herr Becker,", "Sehr geehrte Frau Becker,", "Estimado Sr. Martínez:",
"Bonjour Madame Dubois,". The form of address decides; without one (a bare name)
the salutation is the neutral one of the language ("Guten Tag Jonas Becker,"), never
a guess at someone's gender from their first name.
"""

from __future__ import annotations

import re

__all__ = ["formal", "natural_name"]

# German: the accusative "Herrn" typed where the salutation needs "Herr".
_DE = re.compile(r"(?P<title>herrn?|frau)\s+(?P<rest>\S.*)", re.IGNORECASE)
_FR = re.compile(r"(?P<title>madame|mme\.?|monsieur|m\.|mademoiselle|mlle\.?)\s+(?P<rest>\S.*)",
                 re.IGNORECASE)  # fmt: skip
_ES = re.compile(
    r"(?P<title>sr\.?|sra\.?|srta\.?|señor|señora|señorita|don|doña)\s+(?P<rest>\S.*)",
    re.IGNORECASE,
)
_FR_TITLES = {"mme": "Madame", "madame": "Madame", "monsieur": "Monsieur", "m.": "Monsieur",
              "mademoiselle": "Mademoiselle", "mlle": "Mademoiselle"}  # fmt: skip
_ES_FEMININE = frozenset(("sra", "srta", "señora", "señorita", "doña"))
_ES_SHORT = {"sr": "Sr.", "sra": "Sra.", "srta": "Srta."}


def formal(name: str, language: str) -> str:
    """The formal salutation line for `name` ("Herr Becker", "Sra. Martínez",
    "Madame Dubois", "Jonas Becker") in `language`; English and other languages
    open with "Dear NAME,"."""
    name = " ".join(name.split())
    if language == "de":
        match = _DE.fullmatch(name)
        if match is None:
            return f"Guten Tag {name},"
        if match["title"].lower() == "frau":
            return f"Sehr geehrte Frau {match['rest']},"
        return f"Sehr geehrter Herr {match['rest']},"
    if language == "fr":
        match = _FR.fullmatch(name)
        if match is None:
            return f"Bonjour {name},"
        word = match["title"].lower()
        title = _FR_TITLES.get(word) or _FR_TITLES[word.rstrip(".")]
        return f"Bonjour {title} {match['rest']},"
    if language == "es":
        match = _ES.fullmatch(name)
        if match is None:
            return f"Buenos días, {name}:"
        word = match["title"].lower().rstrip(".")
        title = _ES_SHORT.get(word, match["title"])
        adjective = "Estimada" if word in _ES_FEMININE else "Estimado"
        return f"{adjective} {title} {match['rest']}:"
    return f"Dear {name},"


_SUFFIXES = frozenset("phd md mba jr sr ii iii iv esq".split())  # noqa: SIM905


def natural_name(name: str | None) -> str | None:
    """'Jonas Becker' for 'Becker, Jonas' (how Exchange and Outlook show a name);
    anything else as it is ('Jane Doe, PhD' keeps its order)."""
    if not name:
        return name
    surname, comma, given = name.partition(",")
    surname, given = surname.strip(), given.strip()
    if not comma or "," in given or not surname or not given:
        return name
    if given.lower().rstrip(".") in _SUFFIXES or len(given.split()) > 2:
        return name
    return f"{given} {surname}"
