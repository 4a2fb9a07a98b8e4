"""The company and the role a rejection names, as written in it.

The company comes from where people name it: the sender's display name
("Acme Talent Team"), the subject ("Your application at Acme"), the text
("at Nordlicht Labs GmbH", "chez Lumière Tech"), or the sender's own domain when
the text spells it; never from an applicant-tracking system. For an agency the
company is its client when named, else none. The role keeps its suffixes such as
"(m/w/d)" or "H/F".
"""

from __future__ import annotations

import re

from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.mail.classify.headers import fold
from feedback_mailer.mail.rejections.people import _TEAM_WORDS, ATS_DOMAINS

_LEGAL = (
    r"GmbH & Co\. KG|GmbH|gGmbH|AG|SE|KG|SAS|SASU|SARL|SA|S\.A\.|BV|B\.V\.|NV|N\.V\.|S\.L\.|SL"
    r"|Ltd\.?|Limited|Inc\.?|LLC|LLP|plc|PLC|S\.p\.A\.|SpA|Srl|S\.r\.l\.|AB|Oy|ApS|A/S"
    r"|sp\. z o\.o\.|e\.V\.|Lda\.?|Corp\.?|Co\."
)
_LEGAL_RE = LazyPattern(rf"(?:{_LEGAL})(?![\w])")
_CONNECTORS = frozenset({"&", "and", "und", "et", "y", "e", "of", "de", "du", "des", "la", "le"})
# Words that start a sentence or a role, not a company.
_NOT_COMPANY = frozenset(
    {
        "we",
        "our",
        "the",
        "you",
        "your",
        "i",
        "this",
        "that",
        "unfortunately",
        "thank",
        "thanks",
        "dear",
        "hello",
        "hi",
        "wir",
        "sie",
        "ihre",
        "ihr",
        "leider",
        "vielen",
        "nous",
        "vous",
        "votre",
        "merci",
        "nosotros",
        "usted",
        "gracias",
        "wij",
        "je",
        "jouw",
        "bedankt",
        "helaas",
        "team",
        "hr",
        "recruiting",
        "careers",
        "jobs",
        "talent",
        "linkedin",
        "indeed",
        "stepstone",
        "xing",
        "glassdoor",
        "welcome",
        "to",
        "a",
        "an",
        "it",
        "he",
        "she",
        "they",
        "us",
        "all",
        "best",
        "kind",
        "regards",
    }
)
_AGENCY = LazyPattern(
    r"\b(?:our client|my client|unser(?:em|en)? (?:kunde|kunden|mandant\w*)|unserer kundin"
    r"|notre client|nuestro cliente|onze (?:klant|opdrachtgever)|il nostro cliente|nosso cliente"
    r"|naszego klienta|var kund)\b"
)
_CLIENT_NAMED = LazyPattern(
    r"(?:our client|my client|unser(?:em|en)? (?:Kunde[n]?|Mandant\w*)|unserer Kundin"
    r"|notre client|nuestro cliente|onze (?:klant|opdrachtgever)|il nostro cliente|nosso cliente)"
    r",?\s+(?:,\s*)?",
    re.I,
)
# "at Acme", "bei der Acme GmbH", "chez Lumière", "en Acme", "bij Acme", "presso Acme".
_COMPANY_ANCHOR = LazyPattern(
    r"(?:\b(?:at|with|to join|joining|join|for|applying to|application to|interest in"
    r"|interest at|bei(?: der| dem)?|für(?: die| den)?|chez|pour|au sein de|en|con|bij|voor"
    r"|presso|per|na|w|hos|i|bei uns,?|team at|team of|role at|position at|career at)\s+)",
    re.I,
)
_SUBJECT_COMPANY = LazyPattern(
    r"(?:\b(?:at|with|to|bei(?: der)?|chez|en|bij|presso|na|w|hos)\s+)"
    r"|(?:\s[-–|@]\s)",
    re.I,
)
_TEAM_SIGNATURE = LazyPattern(
    r"(?:(?:The|Your|Das|Ihr|Dein|L'équipe|El equipo de|Het)[ \t]+)?([A-ZÀ-Þ][\w&.'-]*(?:[ \t]+"
    r"[A-ZÀ-Þ][\w&.'-]*){0,3})[ \t]+(?:Talent(?: Acquisition)?|Recruiting|Recruitment|Hiring"
    r"|People|HR|Careers|Personal|Recrutement|RH|Team)\b(?:[ \t]+Team)?"
)


def _capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def company_words(text: str) -> str | None:
    """The company name at the start of `text`: capitalised words (with "&", "und"
    and the like between them) and a legal form, up to five words."""
    words: list[str] = []
    for raw_word in text[:200].split():
        word = raw_word.strip(',;:!?"“”„«»()')
        ends = raw_word != raw_word.rstrip(',;:!?"“”„«»)') or raw_word.endswith(".")
        if not word:
            break
        if word.lower() in _CONNECTORS and words:
            words.append(word)
            continue
        if _LEGAL_RE.fullmatch(word) and words:
            words.append(word)
            if ends:
                break
            continue
        bare = word.rstrip(".")
        if not _capitalised(bare) or bare.lower() in _NOT_COMPANY:
            break
        words.append(bare if not _LEGAL_RE.fullmatch(word) else word)
        if ends or len(words) >= 5:
            break
    while words and words[-1].lower() in _CONNECTORS:
        words.pop()
    if not words:
        return None
    name = " ".join(words)
    if fold(name) in _NOT_COMPANY or len(name) < 2:
        return None
    return name


def domain_label(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    domain = address.rsplit("@", 1)[1].lower()
    if any(domain == d or domain.endswith("." + d) for d in ATS_DOMAINS):
        return None
    parts = domain.split(".")
    if len(parts) < 2:
        return None
    label = parts[-2]
    if label in {"co", "com", "org", "net", "ac"} and len(parts) >= 3:
        label = parts[-3]
    if label in {"gmail", "googlemail", "outlook", "hotmail", "yahoo", "gmx", "web", "icloud"}:
        return None
    return label


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def from_display(display: str) -> str | None:
    """The company in a sender's name: "Acme Talent Team", "Talent Acquisition at
    Acme", "Jane Smith | Acme", "Acme via Greenhouse"."""
    for separator in (r"\s+(?:at|@|bei|chez|from|von|de)\s+", r"\s*[|–]\s*", r"\s+-\s+"):
        parts = re.split(separator, display, maxsplit=1)
        if len(parts) == 2:
            found = company_words(parts[1])
            if found and not _TEAM_WORDS.search(fold(found)):
                return found
    head = re.split(r"\s+via\s+", display, maxsplit=1)[0]
    kept = [w for w in head.split() if not _TEAM_WORDS.fullmatch(fold(w))]
    if kept and len(kept) < len(head.split()):
        found = company_words(" ".join(kept))
        if found and found.lower() not in ATS_NAMES:
            return found
    return None


ATS_NAMES = frozenset(name.lower() for name in ATS_DOMAINS.values())


_AGENCY_NAME = LazyPattern(
    r"recruit|search|staffing|personalberat|headhunt|executive|interim|consult|talentbr"
    r"|placement|personaldienst|cabinet"
)


def _hints(addresses: list[str]) -> list[str]:
    """What the sending addresses say of an organisation's name: the domain's name,
    or for an applicant-tracking system its subdomain and mailbox ("kestrel" in
    jobs@kestrel.jobs.personio.de, "nuagebleu" in nuagebleu@candidates.workablemail.com)."""
    found: list[str] = []
    for address in addresses:
        local, _, domain = address.lower().partition("@")
        label = domain_label(address)
        if label:
            found.append(label.replace("-", ""))
            continue
        if any(domain == d or domain.endswith("." + d) for d in ATS_DOMAINS):
            parts = domain.split(".")
            found.extend(p.replace("-", "") for p in parts[:-2] if len(p) > 3)
            found.append(re.sub(r"[^a-z0-9]", "", local.split("+")[0]))
    return [hint for hint in found if len(hint) >= 3]


def _matches(name: str, hints: list[str]) -> bool:
    squashed = squash(name)
    for hint in hints:
        loose = hint.replace("ue", "u").replace("oe", "o").replace("ae", "a")
        for wanted in {hint, loose}:
            if squashed.startswith(wanted) or (len(squashed) >= 4 and wanted.startswith(squashed)):
                return True
    return False


def find_company(
    subject: str, text: str, displays: list[str], senders: list[str], role: str | None = None
) -> tuple[str | None, str]:
    """(the company, where it was read), or (None, why) for an agency without a named
    client or a message that names none."""
    folded = fold(text[:20_000])
    hints = _hints(senders)
    agency = bool(_AGENCY.search(folded)) or any(_AGENCY_NAME.search(h) for h in hints)
    if _AGENCY.search(folded):
        match = _CLIENT_NAMED.search(text[:20_000])
        if match:
            found = company_words(text[match.end() :])
            if found and found.lower() not in ATS_NAMES:
                return found, "the agency's client"
    candidates: list[tuple[str, str]] = []
    for display in displays:
        found = from_display(display)
        if found:
            candidates.append((found, "sender's name"))
        elif display and _matches(display, hints) and not _TEAM_WORDS.search(fold(display)):
            candidates.append((display.strip(), "sender's name"))
    for match in _TEAM_SIGNATURE.finditer(text[-3000:]):
        candidates.append((match.group(1), "team signature"))
    for match in _SUBJECT_COMPANY.finditer(subject):
        found = company_words(subject[match.end() :])
        if found:
            candidates.append((found, "subject"))
    for match in _COMPANY_ANCHOR.finditer(text[:20_000]):
        found = company_words(text[match.end() :])
        if found:
            candidates.append((found, "text"))
    role_words = fold(role or "")
    candidates = [
        (name.rstrip("."), where)
        for name, where in candidates
        if name.lower() not in ATS_NAMES
        and not (role_words and fold(name) in role_words)
        and fold(name.split()[0]) not in _NOT_COMPANY
    ]
    if agency:
        # An agency's own name is not the company: its client is, when named.
        for name, where in candidates:
            if not _matches(name, hints) and not _AGENCY_NAME.search(fold(name)):
                return _with_legal_form(name, text), f"{where}, the agency's client"
        return None, "an agency that does not name its client"
    if hints:
        for name, where in candidates:
            if _matches(name, hints):
                return _with_legal_form(name, text), f"{where}, as the sender's domain"
        for hint in hints:
            spelled = _spelled(text, hint)
            if spelled:
                return spelled, "the text, as the sender's domain"
    for name, where in candidates:
        if where in ("sender's name", "team signature", "subject"):
            return _with_legal_form(name, text), where
    if candidates:
        return _with_legal_form(candidates[0][0], text), candidates[0][1]
    return None, "no company named"


def _with_legal_form(name: str, text: str) -> str:
    """ "Nordlicht Labs" as "Nordlicht Labs GmbH" when the text writes it so."""
    if _LEGAL_RE.search(name):
        return name
    match = re.search(re.escape(name) + rf"\s+({_LEGAL})(?![\w])", text[:20_000])
    return f"{name} {match.group(1)}" if match else name


def _spelled(text: str, label: str) -> str | None:
    """How the text writes a domain's name ("lumiere-tech" -> "Lumière Tech")."""
    wanted = label.replace("-", "")
    loose = wanted.replace("ue", "u").replace("oe", "o").replace("ae", "a")
    for match in re.finditer(
        r"[A-ZÀ-Þ0-9][\w&'.-]*(?:\s+[A-ZÀ-Þ0-9][\w&'.-]*){0,3}", text[:20_000]
    ):
        words = match.group(0).split()
        for end in range(len(words), 0, -1):
            if squash(" ".join(words[:end])) in (wanted, loose):
                return _with_legal_form(" ".join(words[:end]).rstrip("."), text)
    return None


# --- the role ---------------------------------------------------------------------

_ROLE_END = (
    r"(?=\s+(?:at|with|bei|chez|en|bij|presso|hos|in unserem|in our|dans|within|here|und|and"
    r"|et|y|team|position|role|opening|vacancy|job|stelle|poste|puesto|vacature|functie)\b"
    r"|\s*[,.;:!?\n\"“”„«»]|\s+[-–]\s|\s*$)"
)
_ROLE_BODY = r"([^\n,.;:!?\"“”„«»]{2,80}?(?:\s*\([^)\n]{1,14}\))?)"
_QUOTED = r"[\"“„«']\s*([^\"“”„«»'\n]{2,90}?)\s*[\"”“»']"
_ROLE_ANCHORS = (
    r"(?:position|role|post|job|opening|vacancy) (?:of|as) (?:an? )?",
    r"(?:applied|applying|application|candidacy|interest|interviewing|interviews?) (?:for|as)"
    r" (?:the |our |a |an )?(?:position of |role of |role |position )?",
    r"(?:als|zum|zur) (?!Sie\b|du\b|Ihnen\b)",
    r"(?:Position|Stelle|Rolle|Vakanz)(?: als| eines| einer)?\s+(?=[A-Z„\"])",
    r"(?:Bewerbung|Kandidatur|Interesse) (?:als|für die Position|für die Stelle|auf die Stelle"
    r"|für die Rolle|für)\s+(?:als |eines |einer |des |der )?",
    r"(?:poste|emploi|offre) (?:de |d'|d’)",
    r"(?:candidature|candidater) (?:au poste de |pour le poste de |pour le poste d'|pour |au poste"
    r" d')",
    r"(?:puesto|cargo|posición|vacante|rol|posicion) (?:de |como )",
    r"(?:candidatura|postulación|solicitud) (?:para|al puesto de|a la vacante de|como)"
    r" (?:el puesto de |la posición de |la vacante de )?",
    r"(?:functie|vacature|positie|rol) (?:van |als |voor )?",
    r"(?:sollicitatie|kandidatuur) (?:als|voor|naar)\s+(?:de functie (?:van )?)?",
    r"(?:posizione|ruolo) (?:di |come )",
    r"(?:vaga|posição|cargo|função) (?:de |para )",
    r"stanowisk\w* ",
    r"(?:tjänsten|rollen|jobbet) som ",
)
_ROLE_PATTERNS = tuple(
    LazyPattern(anchor + "(?:" + _QUOTED + "|" + _ROLE_BODY + _ROLE_END + ")", re.I)
    for anchor in _ROLE_ANCHORS
)
_SUBJECT_ROLE = (
    LazyPattern(
        r"^(?:Re:\s*|AW:\s*|RE:\s*)*(?:Your application|Application|Ihre Bewerbung"
        r"|Deine Bewerbung|Votre candidature|Tu candidatura|Su candidatura"
        r"|Je sollicitatie|Uw sollicitatie|La tua candidatura|A sua candidatura"
        r"|Twoja aplikacja|Din ansökan)\s*(?:for|als|as|:|-|–|au poste de|pour|para|voor"
        r"|per|para a vaga de|na stanowisko|till)\s*(?:the |el |le |la |de )?"
        + "(?:"
        + _QUOTED
        + "|"
        + _ROLE_BODY
        + _ROLE_END
        + ")",
        re.I,
    ),
    LazyPattern(
        r"^(?:Re:\s*)*(?P<r>[^\n,:;|]{3,80}?(?:\s*\([^)\n]{1,14}\))?)\s+(?:at|@|bei|chez|en|bij"
        r"|presso)\s+[A-ZÀ-Þ]"
    ),
)
_BAD_ROLE = LazyPattern(
    r"^(?:the|our|a|an|this|that|your|you|ihre|sie|vous|votre|usted|su|je|jouw|uw|it|well"
    r"|part|such|one|candidate|applicant|well as|soon as|possible|follows|unfortunately"
    r"|update|application|feedback|interview|job|position|role|company)\b",
    re.I,
)


def _clean_role(found: str) -> str | None:
    role = " ".join(found.split()).strip(" -–:\"'“”„«»")
    if not 2 <= len(role) <= 90 or _BAD_ROLE.match(role):
        return None
    if len(role.split()) > 9:
        return None
    if not any(ch.isupper() for ch in role[:3]) and not re.search(r"\b[A-Z]", role):
        return None  # roles are written with capitals in every language
    return role


def find_role(subject: str, text: str) -> str | None:
    """The role as the message writes it, subject first."""
    for pattern in _SUBJECT_ROLE:
        match = pattern.search(subject)
        if match:
            found = next((g for g in match.groups() if g), None)
            role = _clean_role(found or "")
            if role:
                return role
    for pattern in _ROLE_PATTERNS:
        for match in pattern.finditer(text[:20_000]):
            found = next((g for g in match.groups() if g), None)
            role = _clean_role(found or "")
            if role:
                return role
    return None


def is_organisation(name: str, addresses: list[str]) -> bool:
    """A display name that is the organisation's ("Nordlicht Labs GmbH", "Lumière
    Tech" for jobs@lumiere-tech.fr), not a person's."""
    if _LEGAL_RE.search(name):
        return True
    squashed = squash(name)
    return any(
        (label := domain_label(address)) is not None and squashed.startswith(label.replace("-", ""))
        for address in addresses
    )
