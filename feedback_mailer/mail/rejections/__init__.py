"""The reader of rejections: whether a message turns down the reader's own job
application, and what it says: the company, the role, the language, who to ask
and what it says about feedback.

Pure logic over bytes: no IMAP, no database, no state; bounded like the reader
of replies (`classify.limits`: size, depth, parts, a time budget) and never
raising. A bounce, an out-of-office, a report from a mail system, the reader's
own message or an answer in a thread of theirs is never a rejection; neither is
good or pending news (an offer, an invitation, the next stage, "still
reviewing"), a receipt, a job alert, an outreach, or a rejection of something
other than a job. When in doubt, it is not a rejection (README, Guarantees).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.parser import BytesParser
from enum import StrEnum
from typing import Any

from feedback_mailer.mail.classify import Verdict, classify, limits
from feedback_mailer.mail.classify.auto_replies import OUT_OF_OFFICE_RE
from feedback_mailer.mail.classify.bodies import body_text, html_to_text, leaf_text, own_lines
from feedback_mailer.mail.classify.bodies import text_leaves as _leaves
from feedback_mailer.mail.classify.headers import (
    decode_words,
    fold,
    header_text,
    ids_in,
    message_date,
    raw_values,
)
from feedback_mailer.mail.classify.machine import daemon_signal, list_manager_signal, report_kind
from feedback_mailer.mail.rejections import fields, people, phrases

__all__ = ["Feedback", "Reading", "Rejection", "maybe_rejection", "read_rejection"]


class Feedback(StrEnum):
    """What a rejection says about feedback."""

    OFFERED = "offered"  # a call or an answer is offered: accept it
    REFUSED = "refused"  # individual feedback is ruled out: asking is the person's choice
    GIVEN = "given"  # the reasons are in the message: thank, do not ask
    NONE = "none"


@dataclass(frozen=True)
class Rejection:
    """What was read from a rejection (never its body)."""

    company: str | None
    role: str | None
    language: str  # ISO 639-1
    contact: str | None  # who to ask: a person's or a reply relay's address
    contact_name: str | None
    feedback: Feedback
    feedback_quote: str | None  # their sentence about feedback
    nobody: str | None  # what was found, when there is nobody to ask
    subject: str
    message_id: str | None
    references: tuple[str, ...]  # the thread: References, then the message itself
    received: datetime | None


@dataclass(frozen=True)
class Reading:
    """The verdict, with the signals that decided it."""

    rejection: Rejection | None
    signals: tuple[str, ...] = field(default=())

    @property
    def is_rejection(self) -> bool:
        return self.rejection is not None


LANGUAGES = ("en", "de", "fr", "es", "nl", "it", "pt", "pl", "sv")
_PARSER = BytesParser()
_FORWARD = re.compile(r"^\s*(?:fwd?|wg|tr|rv|i|doorst|vs|pd)\s*:", re.I)
_REPLY = re.compile(r"^\s*(?:re|aw|sv|antw|r|rif)\s*:", re.I)
_SUBJECT_HINT = re.compile(
    r"applica|candida|bewerb|sollicit|ansökan|ansokan|aplikac|kandyd|postula|solicitud|position"
    r"|role|job|stelle|poste|puesto|vacatur|vacante|vaga|interview|entretien|entrevista"
    r"|gesprek|gespräch|colloquio|update|status|decision|entscheid|décision|decisi|beslis"
    r"|interest|interesse|intérêt|interés|absage|unfortunately|leider|helaas|malheureusement"
    r"|lamentablemente|purtroppo|infelizmente|niestety|tyvärr|regret|outcome|feedback"
    r"|next steps|recrut|recruit|hiring|talent|career|karriere|opportunit|selección|seleccion",
    re.I,
)


def maybe_rejection(headers: Message, own: Collection[str] = ()) -> bool:
    """From the header fields alone: could this be a rejection, worth fetching whole?
    Cheap and generous: the full reading decides."""
    try:
        sender = [address for _name, address in people.header_people(headers, "From")]
        if any(address in own for address in sender):
            return False
        subject = " ".join(decode_words(s) for s in raw_values(headers, "Subject")[:2])
        if _SUBJECT_HINT.search(subject):
            return True
        return any(people.ats_of(address) for address in sender)
    except Exception:
        return False


def read_rejection(
    raw: bytes,
    *,
    own: Collection[str] = (),
    known_ids: Collection[str] = (),
    received: datetime | None = None,
    budget: float = limits.DEFAULT_BUDGET,
) -> Reading:
    """Whether `raw` is a rejection of the reader's application, and what it says.
    `own` are the reader's addresses (lower case), `known_ids` the Message-IDs of
    what they sent (an answer to those is not a rejection). Never raises."""
    try:
        with limits.budget(budget):
            bounded, _notes = limits.bound_message(bytes(raw))
            msg = _PARSER.parsebytes(bounded)
            return _read(msg, bounded, frozenset(a.lower() for a in own), known_ids, received)
    except limits.BudgetExceeded:
        return Reading(None, (f"time budget of {budget:g} s exhausted",))
    except RecursionError:
        return Reading(None, ("message structure too deep to read",))
    except Exception as error:
        return Reading(None, (f"reader failed: {type(error).__name__}",))


def _not(why: str) -> Reading:
    return Reading(None, (why,))


def _sentence_of(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in (".", "!", "?", "\n")) + 1
    rights = [i for i in (text.find(mark, end) for mark in (".", "!", "?", "\n")) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return " ".join(text[left:right].split())


def _negated(folded: str, start: int) -> bool:
    return phrases.NEGATION.search(folded[max(0, start - 40) : start]) is not None


def _read(
    msg: Message,
    raw: bytes,
    own: frozenset[str],
    known_ids: Collection[str],
    received: datetime | None,
) -> Reading:
    subject = " ".join(decode_words(s) for s in raw_values(msg, "Subject")[:3])
    subject = " ".join(subject.split())
    senders = people.header_people(msg, "From")
    sender = senders[0][1] if senders else None
    if sender and sender in own:
        return _not("from your own address")
    if _FORWARD.match(subject):
        return _not(f"a forwarded message: '{subject[:60]}'")
    referenced = set(
        ids_in(" ".join(raw_values(msg, "In-Reply-To") + raw_values(msg, "References")))
    )
    if referenced & set(known_ids):
        return _not("an answer in the thread of a message you sent")

    verdict = classify(msg, received or datetime.now().astimezone())
    if verdict.kind in (Verdict.BOUNCE, Verdict.UNREADABLE):
        return _not(f"read as {verdict.kind.value}")
    # An applicant-tracking system writes as a machine too: only a mail system's
    # report or daemon, a list manager or a challenge rules a message out here.
    if report := report_kind(msg):
        return _not(f"a report from a mail system ({report[1]})")
    if machine := daemon_signal(msg) or list_manager_signal(msg):
        return _not(f"from a mail system ({machine})")
    text = body_text(msg)
    own_text = "\n".join(own_lines(text))
    folded = fold(f"{subject}\n{own_text[:30_000]}").replace("’", "'")
    limits.checkpoint()
    if verdict.kind is Verdict.AUTO_REPLY and OUT_OF_OFFICE_RE.search(fold(subject)):
        return _not("an out-of-office reply")
    if _REPLY.match(subject) and phrases.FEEDBACK_WORD.search(fold(subject)):
        return _not("an answer about feedback")

    decisions = [
        (language, match)
        for language, pattern in phrases.DECISIONS.items()
        for match in [pattern.search(folded)]
        if match
    ]
    if not decisions:
        return _not("no sentence that ends an application")
    if not phrases.JOB_CONTEXT.search(folded):
        return _not("a decision, but not about a job application")
    if phrases.OTHER_MATTERS.search(folded) and not phrases.JOB_STRONG.search(folded):
        found = phrases.OTHER_MATTERS.search(folded)
        assert found is not None
        return _not(f"a decision about something else ('{found.group(0)}')")
    for veto in (phrases.POSITIVE, phrases.ALERTS):
        for match in veto.compiled().finditer(folded):
            sentence = _sentence_of(folded, match.start(), match.end())
            if _negated(folded, match.start()):
                continue
            if veto is phrases.POSITIVE and phrases.FEEDBACK_WORD.search(sentence):
                continue  # "happy to schedule a call to share feedback" invites to nothing
            return _not(f"good or unrelated news: '{match.group(0)}'")
    signals = [f"decision ({language}): '{match.group(0)}'" for language, match in decisions[:2]]
    if hint := phrases.HINTS.search(folded):
        signals.append(f"wording: '{hint.group(0)}'")

    language = _language(own_text or subject, decisions[0][0])
    feedback, quote = _feedback(own_text)
    contact, name, nobody = _contact(msg, senders, text, own)
    displays = [n for n, _a in senders + people.header_people(msg, "Reply-To") if n]
    domains = [a for a in (sender, contact) if a]
    role = fields.find_role(subject, own_text or text)
    company, where = fields.find_company(subject, text, displays, domains, role)
    if name and (name == company or fields.is_organisation(name, domains)):
        name = None
    signals.append(f"company from {where}")
    message_id = header_text(msg, "Message-ID")
    mid = next(iter(ids_in(message_id or "")), None)
    thread = [i for i in ids_in(" ".join(raw_values(msg, "References"))) if i != mid][-20:]
    if mid:
        thread.append(mid)
    return Reading(
        Rejection(
            company=company,
            role=role,
            language=language,
            contact=contact,
            contact_name=name,
            feedback=feedback,
            feedback_quote=quote,
            nobody=nobody,
            subject=subject[:300],
            message_id=mid,
            references=tuple(thread),
            received=received or message_date(msg),
        ),
        tuple(signals),
    )


def _feedback(text: str) -> tuple[Feedback, str | None]:
    folded_lines = text[:30_000]
    folded = fold(folded_lines).replace("’", "'")
    for stance, pattern in (
        (Feedback.REFUSED, phrases.FEEDBACK_REFUSED),
        (Feedback.GIVEN, phrases.FEEDBACK_GIVEN),
        (Feedback.OFFERED, phrases.FEEDBACK_OFFERED),
    ):
        match = pattern.search(folded)
        if match:
            return stance, _original_sentence(folded_lines, match.group(0))
    return Feedback.NONE, None


def _original_sentence(text: str, folded_phrase: str) -> str | None:
    """Their sentence (as written) that holds a phrase found in the folded text."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
        if folded_phrase in fold(sentence):
            return " ".join(sentence.split())[:300]
    return None


def _contact(
    msg: Message, senders: list[tuple[str, str]], text: str, own: frozenset[str]
) -> tuple[str | None, str | None, str | None]:
    unsubscribe = people.unsubscribe_targets(msg)
    for name, address in senders[:1]:
        if people.usable(address, name, own, unsubscribe):
            return address, people.person_name(name), None
    for name, address in people.header_people(msg, "Reply-To"):
        if people.usable(address, name, own, unsubscribe):
            return address, people.person_name(name) or people.signature_name(text, address), None
    markup = [leaf_text(part) for ctype, part in _leaves(msg) if ctype == "text/html"][:3]
    plain = text if text else "\n".join(html_to_text(m) for m in markup)
    for address in people.text_addresses(plain, markup):
        if people.usable(address, "", own, unsubscribe) and people.related_local(address):
            return address, people.signature_name(plain, address), None
    seen = [a for _n, a in senders + people.header_people(msg, "Reply-To")]
    if seen:
        return None, None, f"only a no-reply sender, {seen[0]}"
    return None, None, "no address to reply to"


def _language(text: str, fallback: str) -> str:
    """The language of the text (a maintained detector, limited to the languages
    read here), else the language of the decision found."""
    sample = text[:4000]
    if len(sample.split()) < 4:
        return fallback
    try:
        identifier = _identifier()
        found, confidence = identifier.classify(sample)
    except Exception:
        return fallback
    return str(found) if confidence >= 0.6 else fallback


_IDENTIFIER: list[Any] = []


def _identifier() -> Any:
    # py3langid loads its model (about 0.7 s) only when a rejection is read.
    if not _IDENTIFIER:
        from py3langid.langid import (  # type: ignore[import-untyped]
            MODEL_FILE,
            LanguageIdentifier,
        )

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(LANGUAGES))
        _IDENTIFIER.append(identifier)
    return _IDENTIFIER[0]
