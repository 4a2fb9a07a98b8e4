"""The tone check (SPEC etiquette guarantee 8): what people write when they have
just been turned down is found, as written, with a gentler alternative."""

from __future__ import annotations

import pytest

from feedback_mailer.writing.tone import PHRASES, Phrase, Pushy, pushy_phrases


def phrases(text: str) -> list[str]:
    return [found.phrase for found in pushy_phrases(text)]


def test_pushy_phrases_found_in_order() -> None:
    text = (
        "Could you reconsider? Please reply ASAP, or as soon as possible, as it is urgent!! Thanks."
    )
    assert phrases(text) == ["reconsider", "ASAP", "as soon as possible", "urgent", "!!"]


def test_pushy_phrases_are_returned_as_written() -> None:
    text = "Please RECONSIDER. Reply Asap. As Soon As Possible! This is Urgent!!!"
    assert phrases(text) == ["RECONSIDER", "Asap", "As Soon As Possible", "Urgent", "!!!"]


def test_pushy_phrases_are_listed_once() -> None:
    assert phrases("urgent, URGENT, urgent!! and !!") == ["urgent", "!!"]


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("I really want this job, please hire me", "please hire me", "pleading"),
        ("I really want this job, please hire me", "I really want this job", "pleading"),
        ("Please give me another chance.", "give me another chance", "pleading"),
        ("I deserve this role.", "I deserve", "entitlement"),
        ("I am sure I am the best candidate.", "I am the best candidate", "entitlement"),
        ("I expect an answer by Friday.", "I expect an answer", "deadline"),
        ("I expect an answer by Friday.", "by Friday", "deadline"),
        ("I expect to hear back from you by Friday", "I expect to hear", "deadline"),
        ("Please respond within 48 hours.", "within 48 hours", "deadline"),
        ("Why did you reject me?", "Why did you reject", "blame"),
        ("This process was unfair.", "unfair", "blame"),
        ("You made a mistake.", "You made a mistake", "blame"),
        ("I am disappointed in your decision.", "disappointed", "disappointment"),
        ("How was I compared to the other candidates?", "other candidates", "comparison"),
        ("What did the successful candidate have?", "successful candidate", "comparison"),
        ("Am I not better than them?", "better than", "comparison"),
    ],
)
def test_what_people_write_when_hurt_is_flagged(text: str, expected: str, kind: str) -> None:
    found = {p.phrase: p for p in pushy_phrases(text)}
    assert expected in found, (text, found)
    assert found[expected].kind == kind
    assert found[expected].alternative


def test_the_issues_example_is_flagged_all_through() -> None:
    text = (
        "Please reconsider me... I am sure I am the best candidate and I expect to hear "
        "back from you by Friday"
    )
    assert phrases(text) == [
        "reconsider",
        "I am the best candidate",
        "I expect to hear",
        "by Friday",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for your time; I understand the decision.",
        "Any feedback would be welcome. Hi!",
        "I considered it carefully.",
        "The Asaph choir; a passage about consideration.",
        "I think I made a mistake in the system design question.",
        "I know you must be busy, and you have to weigh many applications.",
        "I especially appreciated meeting the team.",
        "If you are not able to share feedback, I completely understand.",
    ],
)
def test_polite_text_has_no_pushy_phrases(text: str) -> None:
    assert pushy_phrases(text) == []


def test_a_phrase_inside_a_longer_one_is_listed_once() -> None:
    assert phrases("Please give me another chance") == ["give me another chance"]


def test_phrase_lists_are_keyed_by_language_and_english_is_the_fallback() -> None:
    assert "en" in PHRASES
    for language, entries in PHRASES.items():
        assert len(language) == 2 and language.islower()
        assert entries and all(isinstance(entry, Phrase) for entry in entries)
    assert pushy_phrases("ASAP", language="xx") == [
        Pushy("ASAP", "pressure", PHRASES["en"][1].alternative)
    ]
