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
from feedback_mailer.mail.rejections.people import _TEAM_WORDS, ATS_DOMAINS, ats_of

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
    if ats_of(address) is not None:
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
    for separator in (r"\s+(?:at|@|bei|chez|from)\s+", r"\s*[|–]\s*", r"\s+-\s+"):
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
    r"recruit|search|staffing|personalberat|headhunt|executive|interim|consult|talent(?!soft)"
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
        if ats_of(address) is not None:
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
    ats_sender = bool(senders) and ats_of(senders[0]) is not None
    agency = bool(_AGENCY.search(folded)) or any(_AGENCY_NAME.search(h) for h in hints)
    if _AGENCY.search(folded):
        match = _CLIENT_NAMED.search(text[:20_000])
        if match:
            found = company_words(text[match.end() :])
            if (
                found
                and found.lower() not in ATS_NAMES
                and fold(found.split()[0]) not in _NOT_COMPANY
            ):
                return found, "the agency's client"
    candidates: list[tuple[str, str]] = []
    for display in displays:
        found = from_display(display)
        if found:
            candidates.append((found, "sender's name"))
        elif (
            display
            and not _TEAM_WORDS.search(fold(display))
            and (_matches(display, hints) or (ats_sender and company_words(display) == display))
        ):
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
    capitalised = r"[A-ZÀ-Þ0-9][\w&'.-]*(?:[ \t]+[A-ZÀ-Þ0-9][\w&'.-]*){0,5}"
    for match in re.finditer(capitalised, text[:20_000]):
        words = match.group(0).split()
        for start in range(len(words)):
            for end in range(len(words), start, -1):
                if squash(" ".join(words[start:end])) in (wanted, loose):
                    # The whole name the domain stands for ("Groupe Albatros" for
                    # albatros.fr), when the line writes it so.
                    whole = words if len(words) <= 4 else words[start:end]
                    for index, word in enumerate(whole):
                        if word.endswith((".", ",")) and index >= end - 1:
                            whole = whole[: index + 1]  # the sentence ends there
                            break
                    while len(whole) > 1 and fold(whole[0]) in _NOT_COMPANY:
                        whole = whole[1:]
                    return _with_legal_form(" ".join(whole).rstrip("."), text)
    return None


# --- the role ---------------------------------------------------------------------

# Words that end a role: the sentence goes on ("... Engineer at Acme", "... (m/w/d)
# nicht mit Ihnen fortsetzen", "... Barista is vervuld").
_ROLE_STOP = frozenset(
    {
        "at",
        "with",
        "for",
        "in",
        "on",
        "and",
        "we",
        "you",
        "has",
        "have",
        "had",
        "is",
        "was",
        "were",
        "been",
        "but",
        "so",
        "because",
        "which",
        "that",
        "from",
        "to",
        "this",
        "our",
        "your",
        "who",
        "will",
        "would",
        "could",
        "position",
        "role",
        "opening",
        "vacancy",
        "job",
        "process",
        "team",
        "here",
        "within",
        "after",
        "before",
        "by",
        "nicht",
        "mit",
        "ist",
        "wurde",
        "werden",
        "wird",
        "entschieden",
        "bei",
        "haben",
        "hat",
        "sind",
        "vorerst",
        "ihnen",
        "dir",
        "besetzt",
        "im",
        "am",
        "zu",
        "für",
        "fur",
        "ohne",
        "und",
        "leider",
        "inzwischen",
        "ab",
        "au",
        "avec",
        "est",
        "chez",
        "dans",
        "pour",
        "ne",
        "qui",
        "que",
        "et",
        "a",
        "été",
        "ete",
        "sera",
        "sein",
        "n'a",
        "no",
        "ha",
        "con",
        "para",
        "y",
        "fue",
        "se",
        "es",
        "está",
        "esta",
        "en",
        "bij",
        "niet",
        "hebben",
        "met",
        "ontvangen",
        "voor",
        "werd",
        "zijn",
        "heeft",
        "di",
        "e",
        "è",
        "presso",
        "non",
        "na",
        "em",
        "foi",
        "com",
        "ao",
        "är",
        "har",
        "som",
        "hos",
    }
)
_ROLE_SUFFIX = re.compile(
    r"\((?:[mwdfhvx]/[mwdfhvx](?:/[mwdfhvx])?|all genders|[^)\d]{1,20})\)", re.I
)
_ROLE_ID = re.compile(r"\((?:job|req|requisition|ref|id|réf|referencia|concours)\b", re.I)
_QUOTED = r"[\"“„«']\s*([^\"“”„«»'\n]{2,90}?)\s*[\"”“»']"
_ROLE_ANCHORS = (
    r"(?:position|role|post|job|opening|vacancy|spot) (?:of|as) (?:an? )?",
    r"(?:applied|applying|application|candidacy|interest|interviewing|interviews?|interview)"
    r" (?:for|as) (?:the |our |a |an )?(?:position of |role of |role |position )?",
    r"(?:Position|Stelle|Rolle|Vakanz)(?: als| eines| einer)? ",
    r"(?:Bewerbung|Kandidatur|Interesse) (?:als|für die Position(?: als)?|für die Stelle"
    r"(?: als)?|auf die Stelle(?: als)?|für die Rolle|für|um die Stelle(?: als)?) (?:als |eines"
    r" |einer |des |der |die )?",
    r"(?:als|zum|zur) ",
    r"(?:poste|emploi|offre) (?:de |d'|d’)",
    r"(?:candidature|candidater) (?:au poste de |pour le poste de |pour le poste d'|au poste"
    r" d'|pour |en tant que )",
    r"(?:puesto|cargo|posición|vacante|rol|posicion|plaza) (?:de |como )",
    r"(?:candidatura|postulación|solicitud) (?:para|al puesto de|a la vacante de|como)"
    r" (?:el puesto de |la posición de |la vacante de )?",
    r"(?:functie|vacature|positie|rol) (?:van |als |voor )?",
    r"(?:sollicitatie|kandidatuur) (?:als|voor|naar) (?:de functie (?:van )?)?",
    r"(?:posizione|ruolo) (?:di |come )",
    r"(?:vaga|posição|cargo|função) (?:de |para )",
    r"stanowisk\w* ",
    r"(?:tjänsten|rollen|jobbet) som ",
)
_ROLE_PATTERNS = tuple(LazyPattern(anchor, re.I) for anchor in _ROLE_ANCHORS)
_TITLE_BEFORE = LazyPattern(
    r"\b(?:the|our|a|an|die|la|el|le|de)\s+((?:[A-Z][\w/&+.’'-]*\s+){0,5}[A-Z][\w/&+.’'-]*"
    r"(?:\s*\([^)\n]{1,20}\))?)\s+(?:role|position|opening|vacancy|job|post)\b"
)
_SUBJECT_ROLE = LazyPattern(
    r"^(?:(?:Re|AW|RE|Fwd?):\s*)*(?:Your application|Application|Ihre Bewerbung|Deine Bewerbung"
    r"|Votre candidature|Ta candidature|Tu candidatura|Su candidatura|Je sollicitatie"
    r"|Uw sollicitatie|La tua candidatura|A sua candidatura|Twoja aplikacja|Din ansökan)"
    r"\s*(?:for the |for |as |als |:|-|–|au poste de |pour |para |voor |per |till |a |al )\s*",
    re.I,
)
_BAD_ROLE = LazyPattern(
    r"^(?:the|our|a|an|this|that|your|you|ihre|sie|vous|votre|usted|su|je|jouw|uw|it|well"
    r"|part|such|one|candidate|applicant|soon|possible|follows|unfortunately|update"
    r"|application|feedback|interview|job|position|role|company|deine|dein|ta|ton|tu|ihr"
    r"|suite|neuigkeiten|news|rückmeldung|information|absage|réponse|respuesta|stelle)\b",
    re.I,
)


def _role_from(text: str) -> str | None:
    """The role at the start of `text`: words up to one that goes on with the
    sentence, a suffix such as "(m/w/d)" kept, a job id left out."""
    quoted = re.match(_QUOTED, text)
    if quoted:
        return _clean_role(quoted.group(1))
    words: list[str] = []
    rest = text[:200]
    for match in re.finditer(r"\([^)\n]{0,30}\)|[^\s()]+", rest):
        token = match.group(0)
        if token.startswith("("):
            if _ROLE_ID.match(token) or not words or not _ROLE_SUFFIX.fullmatch(token):
                break
            words.append(token)
            continue
        bare = token.rstrip(',.;:!?"“”»')
        if not bare or bare.lower() in _ROLE_STOP or bare in ("-", "–", "|"):
            break
        # Lower-case words continue a role in French and Spanish ("Analyste crédit"),
        # never after a suffix.
        lower = not (bare[0].isupper() or bare[0].isdigit())
        if words and lower and (words[-1].startswith("(") or len(words) >= 5):
            break
        words.append(bare)
        if bare != token or len(words) >= 8:
            break
    return _clean_role(" ".join(words)) if words else None


def _clean_role(found: str) -> str | None:
    role = " ".join(found.split()).strip(" -–:\"'“”„«»")
    if not 2 <= len(role) <= 90 or _BAD_ROLE.match(role) or len(role.split()) > 9:
        return None
    return role


def find_role(subject: str, text: str) -> str | None:
    """The role as the message writes it: the subject first, then the text."""
    match = _SUBJECT_ROLE.search(subject)
    if match:
        role = _role_from(subject[match.end() :])
        if role:
            return role
    for match in _TITLE_BEFORE.finditer(text[:20_000]):
        role = _clean_role(match.group(1))
        if role:
            return role
    for pattern in _ROLE_PATTERNS:
        for match in pattern.finditer(text[:20_000]):
            role = _role_from(text[match.end() :])
            if role:
                return role
    return None


def is_organisation(name: str, addresses: list[str]) -> bool:
    """A display name that is the organisation's ("Nordlicht Labs GmbH", "Lumière
    Tech" for jobs@lumiere-tech.fr), not a person's."""
    return bool(_LEGAL_RE.search(name)) or _matches(name, _hints(addresses))
