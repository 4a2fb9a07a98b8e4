"""Automatic replies: out-of-office notes and other responders.

What counts (RFC 3834 and the de-facto markers of common responders):
`Auto-Submitted` with any value but "no", `X-Autoreply`, `X-Autorespond`,
`Precedence: auto_reply`, Exchange's `X-MS-Exchange-Inbox-Rules-Loop`, Apple's
`X-Apple-Action: vacation`, and a subject that *begins* with an out-of-office
phrase in one of the main European languages (after "[tags]" a gateway may add).

What does not: `Precedence: bulk`, `list` or `junk` alone (RFC 3834 section 3.1.8:
they are set by lists and mass mailers, and by tools people reply through), and an
out-of-office phrase anywhere but at the start of the subject: "Re: Automatic
reply: ..." or "AW: Abwesend bis 4.12." is a person answering.
"""

from __future__ import annotations

import re
from email.message import Message

from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.mail.classify.headers import (
    content_type,
    decode_words,
    first_token,
    fold,
    raw_values,
)

# Subject phrases that mark an automatic reply when the subject begins with them
# (matched case- and accent-insensitively, as whole words; "-"/"_" count as spaces).
AUTO_REPLY_SUBJECT_PHRASES: tuple[str, ...] = (
    "Automatic reply",
    "Automated reply",
    "Automatic response",
    "Automated response",
    "Auto reply",
    "Autoreply",
    "Auto response",
    "Autoresponse",
    "Out of office",
    "Out of the office",
    "OOO",
    "Vacation reply",
    "Vacation response",
    "Away from the office",
    "Away from office",
    "Abwesenheitsnotiz",
    "Automatische Antwort",
    "Réponse automatique",
    "Respuesta automática",
    "Risposta automatica",
    "Resposta automática",
    "Automatisch antwoord",
    "Automatiskt svar",
    "Automatisk svar",
    "Automaattinen vastaus",
    "Automatyczna odpowiedź",
    "Autoodpowiedź",
    "Automatická odpověď",
    "Autosvar",
    "Fuera de la oficina",
    "Fuera de oficina",
    "Fuori sede",
    "Fuori ufficio",
    "Fora do escritório",
    "Afwezigheidsbericht",
    "Afwezigheidsmelding",
    "Frånvaromeddelande",
    "Fraværsmelding",
    "Fraværsmeddelelse",
    "Nieobecność",
)

# Words too ordinary to be trusted alone, but an automatic reply when the subject
# starts with them.
AUTO_REPLY_SUBJECT_STARTS: tuple[str, ...] = (
    "Absence",
    "Absent",
    "Abwesend",
    "Abwesenheit",
    "Afwezig",
    "Ausente",
    "Away",
    "On vacation",
    "On holiday",
    "On leave",
    "Vacation",
    "Holiday",
    "Nicht im Büro",
    "Frånvarande",
    "Frånvaro",
    "Fravær",
    "Auto:",
)

_NEGATIVE_VALUES = frozenset({"no", "false", "0", "off"})
_AUTO_PRECEDENCE = frozenset({"auto_reply", "auto-reply", "autoreply"})
_TAGS_RE = LazyPattern(r"^(?:\s*\[[^\]]{0,60}\]\s*)+")


def _starts_pattern() -> LazyPattern:
    phrases = [*AUTO_REPLY_SUBJECT_PHRASES, *AUTO_REPLY_SUBJECT_STARTS]
    words = sorted({fold(p) for p in phrases}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return LazyPattern(rf"^(?:{alternatives})(?!\w)")


_SUBJECT_START_RE = _starts_pattern()


# Lotus Notes / Domino writes "<name> is out of the office." as the whole subject.
_NOTES_SUBJECT_RE = LazyPattern(
    r"^[^:\[\]]{1,80}\b(?:is out of (?:the )?office|ist au(?:ss|ß)er haus"
    r"|est absente? du bureau|is afwezig)\.?$"
)


def subject_signal(subject: str) -> str | None:
    """ "subject starts with '...'" when the subject begins with an out-of-office phrase,
    also as a leading "[tag]" ("[Automatyczna odpowiedź] ...")."""
    tags = _TAGS_RE.match(subject)
    for tag in re.findall(r"\[([^\]]{0,60})\]", tags.group(0)) if tags else []:
        if _SUBJECT_START_RE.search(fold(tag)):
            return f"subject starts with '[{' '.join(tag.split())}]'"
    text = _TAGS_RE.sub("", subject)
    folded = fold(text)
    match = _SUBJECT_START_RE.search(folded)
    if match is None:
        if _NOTES_SUBJECT_RE.search(folded):
            return f"subject '{' '.join(text.split())[:80]}'"
        return None
    return f"subject starts with '{' '.join(text.split())[: len(match.group(0)) + 2].strip()}'"


def header_signals(headers: Message) -> list[str]:
    """The auto-reply header markers present, as "Name: value"."""
    found: list[str] = []
    for name in ("Auto-Submitted", "X-Autoreply", "X-Autorespond"):
        for value in raw_values(headers, name):
            if first_token(value) not in _NEGATIVE_VALUES:
                found.append(f"{name}: {' '.join(value.split())[:60]}")
                break
    for value in raw_values(headers, "Precedence"):
        if first_token(value) in _AUTO_PRECEDENCE:
            found.append(f"Precedence: {first_token(value)}")
            break
    for value in raw_values(headers, "X-MS-Exchange-Inbox-Rules-Loop"):
        found.append(f"X-MS-Exchange-Inbox-Rules-Loop: {' '.join(value.split())[:60]}")
        break
    for value in raw_values(headers, "X-Apple-Action"):
        if "vacation" in value.lower():
            found.append("X-Apple-Action: vacation")
            break
    return found


def subject_signals(headers: Message) -> list[str]:
    found: list[str] = []
    for subject in raw_values(headers, "Subject")[:3]:
        signal = subject_signal(decode_words(subject))
        if signal:
            found.append(signal)
            break
    return found


def auto_reply_signals(headers: Message) -> list[str]:
    """Every auto-reply marker of these headers (empty: none)."""
    try:
        return header_signals(headers) + subject_signals(headers)
    except Exception:
        return []


def is_auto_reply(headers: Message) -> bool:
    """Marked as written by a machine in reply: the headers and subject above, or a
    read receipt (a multipart/report of report-type disposition-notification).

    A header marker counts when present with any value but an explicit negative
    ("no", "false", "0", "off"). An ordinary "Re: Feedback on my interview" does
    not count, nor `Precedence: bulk`. `classify` tells read receipts and other
    machine notices apart from out-of-office notes.
    """
    try:
        if auto_reply_signals(headers):
            return True
        ctype, params = content_type(headers)
        return (
            ctype == "multipart/report"
            and params.get("report-type", "").strip().lower() == "disposition-notification"
        )
    except Exception:
        return False


# Words of an out-of-office note (folded): with them, a responder's message is an
# out-of-office note even when it also sounds like a ticket system.
OUT_OF_OFFICE_RE = LazyPattern(
    r"out of (?:the )?office|\booo\b|on (?:annual |parental |sick )?leave|vacation|holiday"
    r"|\baway\b|back in the office|will be back|i return|abwesen|urlaub|nicht im buro"
    r"|wieder im buro|elternzeit|absente?\b|conges?\b|de retour|vacaciones|fuera de la oficina"
    r"|de vuelta|ferie|fuori (?:sede|ufficio)|afwezig|verlof|op kantoor|ausente|ferias"
    r"|licenca|de volta|urlop|poza biurem|nieobecn|ledig|franvar|tjansteresa|fravaer"
    r"|permisjon|barsel|tilbage|tilbake|lomalla|mimo kancelar"
)
