"""Small pieces of wording a person would get right without thinking: how to
greet someone, how to list a few things, how a typed phrase fits mid-sentence.

Pure functions on text; the templates receive their results (and
`natural_join` as a filter), so a user's own template can use them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Titles that begin a name: "Dr Jane Doe" is greeted by the whole name, not "Dr".
_TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame madam madame mme mlle herr frau sr sra".split()  # noqa: SIM905
)

# First words that are ordinary English, not a name or an acronym: "The take-home
# assignment" reads "the take-home assignment" after "I especially appreciated".
_COMMON_FIRST_WORDS = frozenset(
    """
    a an the this that these those my our your their his her its
    all both each every some any many much most more several
    how what when where which who why whatever
    about after at before during for from in of on over through to with without
    getting hearing learning meeting seeing speaking talking discussing working
    being having doing making taking showing walking going chatting
    """.split()  # noqa: SIM905
)

_TRAILING = re.compile(r"[\s.;,:!?…]+$")


def natural_join(items: Iterable[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C': a list as a person writes it in a sentence."""
    words = [str(item) for item in items if str(item).strip()]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def first_name(full_name: str | None) -> str | None:
    """'Jane' for 'Jane Doe'; the whole name when its first word is a title
    ('Dr Jane Doe') or it is written 'Doe, Jane'; None without a name."""
    if not full_name or not full_name.strip():
        return None
    name = " ".join(full_name.split())
    words = name.split(" ")
    if "," in name or len(words) == 1:
        return name
    if words[0].lower().rstrip(".") in _TITLES:
        return name
    return words[0]


def mid_sentence(phrase: str) -> str:
    """A typed phrase made to sit inside a sentence: outer white space and a final
    full stop (or other closing punctuation) removed, and an ordinary first word
    ('The', 'Meeting') lowercased. Names and acronyms keep their capitals."""
    text = _TRAILING.sub("", " ".join(phrase.split()))
    if not text:
        return text
    first, _, rest = text.partition(" ")
    lowered = first.lower()
    is_capitalised = first[:1].isupper() and first[1:] == first[1:].lower()
    if is_capitalised and lowered in _COMMON_FIRST_WORDS:
        first = lowered
    return f"{first} {rest}" if rest else first


_GREETING = re.compile(
    r"(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))\s+(?P<name>[^,]{1,80}?)\s*,?",
    re.IGNORECASE,
)
_NOT_A_NAME = frozenset({"there", "all", "everyone"})


def greeting_name(text: str) -> str | None:
    """Whom the first line of `text` greets ('Ms Doe' in 'Dear Ms Doe,'), so that a
    follow-up addresses the contact as the request did; None when it greets no one."""
    for line in text.splitlines():
        if line.strip():
            match = _GREETING.fullmatch(line.strip())
            if match is None or match["name"].lower() in _NOT_A_NAME:
                return None
            return match["name"]
    return None


# Legal forms after which a German sentence needs the company's article: a GmbH, an
# AG, a Ltd. is a (feminine) Gesellschaft; an e. V. is a (masculine) Verein.
_FEMININE_LEGAL_FORM = re.compile(
    r"(?:gmbh(?:\s*&\s*co\.?\s*kg(?:aa)?)?|mbh|ag|kg|kgaa|ohg|se|ug(?:\s*\(haftungsbeschränkt\))?"
    r"|e\.?\s?g\.?|inc\.?|ltd\.?|llc|plc|s\.?\s?a\.?|sas|s\.?\s?l\.?|b\.?\s?v\.?)",
    re.IGNORECASE,
)
_VEREIN = re.compile(r"e\.?\s?v\.?", re.IGNORECASE)


def _legal_gender(company: str) -> str | None:
    """'f' when `company` ends in a feminine legal form, 'm' in e. V., else None."""
    words = company.split()
    for size in range(1, min(4, len(words) - 1) + 1):  # the form never is the whole name
        tail = " ".join(words[-size:])
        if _VEREIN.fullmatch(tail):
            return "m"
        if _FEMININE_LEGAL_FORM.fullmatch(tail):
            return "f"
    return None


def de_dative(company: str) -> str:
    """'der Nordlicht Labs GmbH' after 'bei' for a company with a legal form ('dem
    Sportverein e. V.'); a plain name ('Acme') as it is."""
    gender = _legal_gender(company)
    return {"f": f"der {company}", "m": f"dem {company}"}.get(gender or "", company)


def de_genitive(company: str) -> str:
    """'der Nordlicht Labs GmbH' in 'dem Team der Nordlicht Labs GmbH'; a plain name
    with 'von' ('dem Team von Acme')."""
    gender = _legal_gender(company)
    return {"f": f"der {company}", "m": f"des {company}"}.get(gender or "", f"von {company}")
