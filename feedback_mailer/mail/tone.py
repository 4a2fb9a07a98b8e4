"""The tone check: phrases that read as pushy in a feedback request, each with a
gentler way to say what the writer means (SPEC etiquette guarantee 8).

What people write when they have just been turned down: pressure ("ASAP"),
pleading ("please hire me"), entitlement ("I deserve this role"), deadlines and
demands ("I expect an answer by Friday"), blame ("why did you reject me"),
disappointment ("I am disappointed in your decision") and comparison with other
candidates. Each language has its own list in `PHRASES`, keyed by its code
("en", and others as they are added); `pushy_phrases` reads a text in one
language and returns what it found, as written, in order, each with its
alternative.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple


class Phrase(NamedTuple):
    """One kind of pushy phrasing: a case-insensitive regular expression, what it is,
    and a gentler wording to use instead."""

    pattern: str
    kind: str  # "pressure", "pleading", "entitlement", "deadline", "blame",
    # "disappointment", "comparison"
    alternative: str


class Pushy(NamedTuple):
    """A pushy phrase found in a text: as written there, its kind, and the alternative."""

    phrase: str
    kind: str
    alternative: str


_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today)"
_THE_JOB = r"(?:this|the|that) (?:job|role|position|offer)"

PHRASES: dict[str, tuple[Phrase, ...]] = {
    "en": (
        # Pressure.
        Phrase(
            r"\bre-?consider\w*",
            "pressure",
            "accept the decision and ask what would make a future application stronger",
        ),
        Phrase(r"\basap\b", "pressure", "“whenever you have a moment”"),
        Phrase(r"\bas soon as possible\b", "pressure", "“whenever you have a moment”"),
        Phrase(r"\burgent\w*", "pressure", "leave the timing to them"),
        Phrase(r"!{2,}", "pressure", "one full stop"),
        Phrase(r"\bimmediately\b", "pressure", "“whenever you have a moment”"),
        Phrase(r"\bright away\b", "pressure", "“whenever you have a moment”"),
        Phrase(r"\bfinal reminder\b", "pressure", "one gentle reminder, then let it go"),
        Phrase(
            r"\bchange (?:your|the) (?:decision|mind)\b",
            "pressure",
            "“I understand and respect your decision”",
        ),
        # Pleading.
        Phrase(
            r"\bplease,? (?:hire|pick|choose|select|take|consider) me\b",
            "pleading",
            "“I would welcome being considered for future openings”",
        ),
        Phrase(
            r"\b(?:give me|i (?:ask|beg) (?:you )?for) (?:a|another|one more|a second) "
            r"(?:chance|shot|try|opportunity)\b|\banother chance\b",
            "pleading",
            "“I would welcome being considered for future openings”",
        ),
        Phrase(
            r"\bi (?:really |truly |so |desperately |badly )*(?:want|need) " + _THE_JOB + r"\b",
            "pleading",
            "“I remain very interested in working with your team”",
        ),
        Phrase(r"\bi(?: am|'m)? begg?ing\b|\bi beg\b", "pleading", "ask once, simply"),
        # Entitlement.
        Phrase(
            r"\bi (?:deserve|deserved|earned|have earned)\b",
            "entitlement",
            "“I hope to bring my experience to a future role”",
        ),
        Phrase(
            r"\bi(?: am|'m| was) (?:the )?(?:best|right|ideal|perfect|strongest|most qualified) "
            r"(?:candidate|person|fit|choice|applicant)\b",
            "entitlement",
            "name one strength briefly, or leave it out",
        ),
        Phrase(r"\byou owe me\b", "entitlement", "“if you are able to share feedback”"),
        # Deadlines and demands.
        Phrase(
            r"\bi expect (?:to hear\b|an? (?:answer|reply|response|explanation)\b|"
            r"your (?:answer|reply|response)\b|a decision\b)",
            "deadline",
            "“if you are able to share feedback, I would be grateful”",
        ),
        Phrase(
            r"\b(?:by|before|no later than) (?:the end of (?:the|this) (?:day|week)|"
            r"(?:this |next )?" + _DAY + r"|eod|cob)\b",
            "deadline",
            "leave the timing to them",
        ),
        Phrase(
            r"\bwithin (?:\d+|one|two|three|a few) (?:hours?|days?|weeks?)\b",
            "deadline",
            "leave the timing to them",
        ),
        Phrase(
            r"\bi (?:demand|insist)\b|\byou (?:must|need to|have to) (?:reply|respond|answer|"
            r"tell|explain|give|send|let me know)\b",
            "deadline",
            "“would you be able to ...”",
        ),
        # Blame.
        Phrase(
            r"\bwhy (?:did|do|would) you (?:reject|decline|turn down|not (?:hire|choose|pick|"
            r"select))\b|\bwhy was i (?:rejected|not (?:hired|selected|chosen))\b",
            "blame",
            "“what could I do differently next time?”",
        ),
        Phrase(
            r"\b(?:unfair|not fair|biased|discriminat\w*)\b",
            "blame",
            "ask what would have made the difference",
        ),
        Phrase(
            r"\byou(?: have|'ve)? made a (?:big |huge |serious )?mistake\b|\bwrong decision\b|"
            r"\bgot it wrong\b|\byou were wrong\b|\bwaste of (?:my )?time\b",
            "blame",
            "“I understand and respect your decision”",
        ),
        # Disappointment.
        Phrase(
            r"\bdisappoint(?:ed|ing|ment)\b",
            "disappointment",
            "“thank you for letting me know”",
        ),
        Phrase(
            r"\b(?:upset|frustrated|frustrating|devastated|heartbroken|shocked|angry)\b",
            "disappointment",
            "“thank you for letting me know”",
        ),
        # Comparison with other candidates.
        Phrase(
            r"\bother (?:candidates?|applicants?)\b",
            "comparison",
            "speak only about your own interview",
        ),
        Phrase(
            r"\b(?:chosen|successful|selected|hired) (?:candidate|applicant|person)\b|"
            r"\bwho (?:did you|you) (?:hire|hired|pick|picked|choose|chose|select|selected)\b",
            "comparison",
            "speak only about your own interview",
        ),
        Phrase(
            r"\b(?:better|more qualified|more experienced) than\b",
            "comparison",
            "speak only about your own interview",
        ),
    ),
}


@cache
def _compiled(language: str) -> tuple[tuple[re.Pattern[str], Phrase], ...]:
    phrases = PHRASES.get(language, PHRASES["en"])
    return tuple((re.compile(p.pattern, re.IGNORECASE), p) for p in phrases)


def pushy_phrases(text: str, language: str = "en") -> list[Pushy]:
    """The pushy phrases in `text`, as written there, in order of appearance, each once
    (case-insensitively); a phrase inside a longer one found at the same place is
    not listed again. A language without a list of its own is read as English."""
    found: list[tuple[int, int, Pushy]] = []
    for pattern, phrase in _compiled(language):
        for match in pattern.finditer(text):
            found.append(
                (
                    match.start(),
                    -match.end(),
                    Pushy(match.group(0), phrase.kind, phrase.alternative),
                )
            )
    seen: set[str] = set()
    covered_until = -1
    result = []
    for start, negative_end, pushy in sorted(found):
        if start < covered_until or pushy.phrase.lower() in seen:
            continue
        seen.add(pushy.phrase.lower())
        covered_until = -negative_end
        result.append(pushy)
    return result
