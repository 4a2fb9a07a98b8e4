"""Who to ask: the person behind a rejection, never a machine or the reader.

The order is the human sender, else a human Reply-To, else an address in the
message's own text (its signature, a `mailto:` link). A no-reply address, an
applicant-tracking system's own sender, the reader's address and a
List-Unsubscribe target are never chosen; relays whose vendors deliver replies
to the recruiter are.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from email.message import Message
from email.utils import getaddresses

from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.mail.classify.headers import decode_words, fold, raw_values

# Applicant-tracking systems by a part of their sending domains: their names are
# never the company.
ATS_DOMAINS: dict[str, str] = {
    "greenhouse.io": "Greenhouse",
    "greenhouse-mail.io": "Greenhouse",
    "lever.co": "Lever",
    "myworkday.com": "Workday",
    "workday.com": "Workday",
    "ashbyhq.com": "Ashby",
    "smartrecruiters.com": "SmartRecruiters",
    "workable.com": "Workable",
    "workablemail.com": "Workable",
    "personio.de": "Personio",
    "personio.com": "Personio",
    "teamtailor.com": "Teamtailor",
    "teamtailor-mail.com": "Teamtailor",
    "successfactors.com": "SuccessFactors",
    "successfactors.eu": "SuccessFactors",
    "sapsf.com": "SuccessFactors",
    "recruitee.com": "Recruitee",
    "join.com": "JOIN",
    "bamboohr.com": "BambooHR",
    "icims.com": "iCIMS",
    "taleo.net": "Taleo",
    "jobvite.com": "Jobvite",
    "breezy.hr": "Breezy",
    "jazzhr.com": "JazzHR",
    "pinpointhq.com": "Pinpoint",
    "softgarden.io": "softgarden",
    "softgarden.de": "softgarden",
    "rexx-systems.com": "rexx",
    "dvinci.de": "d.vinci",
    "hibob.com": "HiBob",
    "flatchr.io": "Flatchr",
    "welcomekit.co": "Welcome to the Jungle",
    "welcometothejungle.com": "Welcome to the Jungle",
    "infojobs.net": "InfoJobs",
    "gupy.io": "Gupy",
    "erecruiter.pl": "eRecruiter",
    "inrecruiting.com": "InRecruiting",
    "homerun.co": "Homerun",
    "jobylon.com": "Jobylon",
    "talentsoft.com": "Talentsoft",
    "beetween.com": "Beetween",
    "cornerstoneondemand.com": "Cornerstone",
    "oraclecloud.com": "Oracle Recruiting",
    "avature.net": "Avature",
    "jobteaser.com": "JobTeaser",
    "stepstone.de": "StepStone",
    "indeed.com": "Indeed",
    "linkedin.com": "LinkedIn",
}
# Relays that deliver a reply to the recruiter, as their vendors document.
REPLY_RELAYS = ("workablemail.com", "personio.", "teamtailor", "recruitee.com", "join.com")
# A relay's own mailbox that reaches the recruiter (Teamtailor's "conversations@").
_RELAY_LOCALS = ("conversations", "reply", "candidates", "messages")
_NO_REPLY = LazyPattern(
    r"^(?:no|do|dont|do not|please do not|nicht)? ?(?:not )?(?:reply|respond|antworten|repondre)"
    r"|no ?reply|noreply|do ?not ?reply|donotreply|no ?respond|nepasrepondre|ne ?pas ?repondre"
    r"|nicht ?antworten|keine ?antwort|no ?responder|noresponder|niet ?beantwoorden|geen ?antwoord"
    r"|non ?rispondere|nao ?responda|nie ?odpowiadaj|svara ?inte|mailer|daemon|postmaster"
    r"|bounce|notification|notifications|alerts?$|automated|system|^jobs ?noreply"
)
# Mailboxes that answer other questions than an application's.
_UNRELATED_LOCALS = LazyPattern(
    r"^(?:privacy|datenschutz|dpo|gdpr|dsgvo|rgpd|legal|security|abuse|support|help|unsubscribe"
    r"|info|marketing|press|presse|newsletter|billing|invoice|webmaster|compliance)\b"
)
_TEAM_WORDS = LazyPattern(
    r"\b(?:team|talent|recruit\w*|careers?|jobs?|hiring|hr|people|human resources|personal\w*"
    r"|rh|recrutement|reclutamiento|seleccion|werving|noreply|no reply|notifications?|via"
    r"|bewerber\w*|karriere|acquisition|candidates?|staffing|the|empleo|empleos|carreiras"
    r"|rekrutacja|rekrytering|p&o|vacatures|emploi|jobb)\b"
)
_ADDRESS_RE = LazyPattern(r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_MAILTO_RE = LazyPattern(r"mailto:([^\"'<>?\s]+)", re.I)


def is_no_reply(address: str, display_name: str = "") -> bool:
    """An address nobody reads: no-reply@, do-not-reply@, a mail system, or a
    display name that says not to reply ("bitte nicht antworten")."""
    local = fold(address.split("@", 1)[0].replace(".", " "))
    if _NO_REPLY.search(local):
        return True
    name = fold(display_name)
    return bool(
        re.search(
            r"no ?reply|do not reply|nicht antworten|ne pas repondre|no responder"
            r"|niet beantwoorden",
            name,
        )
    )


def ats_of(address: str) -> str | None:
    """The applicant-tracking system an address belongs to, if any."""
    domain = address.rsplit("@", 1)[-1].lower()
    for suffix, name in ATS_DOMAINS.items():
        if domain == suffix or domain.endswith("." + suffix):
            return name
    return None


def is_reply_relay(address: str) -> bool:
    domain = address.rsplit("@", 1)[-1].lower()
    local = address.split("@", 1)[0].lower()
    if any(mark in domain for mark in REPLY_RELAYS):
        return not is_no_reply(address) or local.startswith(_RELAY_LOCALS)
    return False


def usable(address: str, name: str, own: Collection[str], unsubscribe: Collection[str]) -> bool:
    """Whether a person would read a reply to this address."""
    lowered = address.lower()
    if "@" not in lowered or lowered in own or lowered in unsubscribe:
        return False
    if is_reply_relay(lowered):
        return True
    if is_no_reply(lowered, name):
        return False
    domain = lowered.rsplit("@", 1)[-1]
    return not (domain.endswith("myworkday.com") or domain.endswith("workday.com"))


def header_people(msg: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lower-case address) pairs of a header, names decoded."""
    values = [decode_words(value) for value in raw_values(msg, name)[:2]]
    try:
        pairs = getaddresses(values)
    except Exception:
        return []
    return [(" ".join(n.split()), a.strip().lower()) for n, a in pairs[:10] if "@" in a]


def unsubscribe_targets(msg: Message) -> set[str]:
    found: set[str] = set()
    for value in raw_values(msg, "List-Unsubscribe")[:2]:
        found.update(m.lower() for m in _MAILTO_RE.findall(value))
    return found


def person_name(display: str) -> str | None:
    """A person's name from a display name ("Jane Smith | Acme" -> "Jane Smith",
    "Becker, Jonas" -> "Jonas Becker"); None for a team or a system."""
    name = re.split(
        r"\s+(?:\||-|–|at|@|from|von|de|via|bei|chez|\()\s*", display.strip(), maxsplit=1
    )[0]
    name = name.strip(" \"'()")
    if "," in name:
        last, _, first = name.partition(",")
        if first.strip() and " " not in last.strip():
            name = f"{first.strip()} {last.strip()}"
        else:
            return None
    words = name.split()
    if not 1 <= len(words) <= 4 or _TEAM_WORDS.search(fold(name)) or "@" in name:
        return None
    if not all(word[:1].isupper() or word.lower() in _PARTICLES for word in words):
        return None
    if any(ch.isdigit() for ch in name):
        return None
    return name


_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "du"})


def text_addresses(text: str, markup: Iterable[str]) -> list[str]:
    """Addresses written in the text and in `mailto:` links, last ones (the
    signature) first."""
    found = [m.group(0).rstrip(".").lower() for m in _ADDRESS_RE.finditer(text[:200_000])]
    for html in markup:
        found.extend(m.lower() for m in _MAILTO_RE.findall(html[:300_000]))
    ordered: list[str] = []
    for address in reversed(found):
        if address not in ordered:
            ordered.append(address)
    return ordered


def related_local(address: str) -> bool:
    return _UNRELATED_LOCALS.search(address.split("@", 1)[0].lower()) is None


def signature_name(text: str, address: str) -> str | None:
    """The name written on the line before an address in a signature, if any."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if address in line.lower():
            for back in range(index - 1, max(index - 4, -1), -1):
                candidate = lines[back].strip()
                if candidate:
                    found = person_name(candidate)
                    if found:
                        return found
            break
    return None
