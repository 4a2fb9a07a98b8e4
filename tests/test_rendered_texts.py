"""Every built-in text, in every language, pinned word for word: a formal greeting
(title and surname), a warm one (the contact's name) and none. The pinned texts are
in tests/data/rendered/, one file per template, language and greeting, as the
recipient reads them: a change to a template shows up here as a diff to review."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from feedback_mailer.writing import languages, templating

PINNED = Path(__file__).parent / "data" / "rendered"
KINDS = ("formal", "warm", "follow_up", "thank_you")
GREETINGS = ("formal", "warm", "unnamed")

# Who and where, as a person in each language would write to.
PEOPLE: dict[str, dict[str, str]] = {
    "en": {"title": "Ms Doe", "name": "Jane Doe", "company": "Acme Corp", "role": "Program Manager",
           "highlight": "the walk through the design review", "sender": "Alex Candidate"},
    "de": {"title": "Herr Becker", "name": "Jonas Becker", "company": "Nordlicht Labs GmbH",
           "role": "Softwareentwicklerin", "highlight": "die Führung durch das Labor",
           "sender": "Lena Schäfer"},
    "fr": {"title": "Madame Dubois", "name": "Camille Dubois", "company": "Lumière Tech",
           "role": "cheffe de projet", "highlight": "la visite de l'atelier",
           "sender": "Élodie Martin"},
    "es": {"title": "Sr. Martínez", "name": "Javier Martínez", "company": "Soluciones Ibéricas",
           "role": "analista de datos", "highlight": "la conversación con el equipo",
           "sender": "Lucía García"},
}  # fmt: skip
SUBJECTS = {
    "en": "Feedback on my Program Manager interview at Acme Corp",
    "de": "Feedback zu meinem Vorstellungsgespräch bei der Nordlicht Labs GmbH",
    "fr": "Retour sur mon entretien chez Lumière Tech",
    "es": "Comentarios sobre mi entrevista en Soluciones Ibéricas",
}
INTERVIEW = date(2026, 12, 1)
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def variables(kind: str, language: str, greeting: str) -> dict[str, Any]:
    person = PEOPLE[language]
    name = None if greeting == "unnamed" else person["name"]
    values: dict[str, Any] = {
        "contact_name": name,
        "contact_first_name": name.split()[0] if name else None,
        "greet": person["title"] if greeting == "formal" else None,
        "company": person["company"],
        "role": person["role"],
        "interview_date": languages.day_in_text(INTERVIEW, NOW, language),
        "highlights": [person["highlight"]],
        "sender_name": person["sender"],
        "sender_email": "me@example.com",
    }
    if kind == "follow_up":
        values.update(
            original_subject=SUBJECTS[language],
            original_sent=languages.format_sent(NOW, language),
            original_text="(the request)",
        )
    if kind == "thank_you":
        values["original_subject"] = SUBJECTS[language]
    return values


def rendered(kind: str, language: str, greeting: str) -> str:
    text = templating.render(kind, variables(kind, language, greeting), None, language)
    return f"Subject: {text.subject}\n\n{text.text}"


CASES = [
    (kind, language, greeting)
    for kind in KINDS
    for language in languages.BUILT_IN
    for greeting in GREETINGS
]


@pytest.mark.parametrize(("kind", "language", "greeting"), CASES)
def test_the_built_in_text_reads_exactly_as_pinned(kind: str, language: str, greeting: str) -> None:
    pinned = PINNED / f"{kind}.{language}.{greeting}.txt"
    assert rendered(kind, language, greeting) == pinned.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["fr"])
def test_french_has_a_no_break_space_before_double_punctuation(language: str) -> None:
    for kind in KINDS:
        for greeting in GREETINGS:
            text = rendered(kind, language, greeting)
            for mark in ":;?!":
                assert f" {mark}" not in text, (kind, greeting, mark)


def test_a_date_never_breaks_between_day_and_month() -> None:
    for language in languages.BUILT_IN:
        day = languages.format_day(INTERVIEW, language, with_year=True)
        assert "1 " not in day and "1. " not in day, day
