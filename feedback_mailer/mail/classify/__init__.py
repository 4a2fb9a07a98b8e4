"""The reader of incoming mail: what a message is, and the signals that decided.

Pure logic over bytes or parsed `email.message.Message` objects: no IMAP, no
database, no state. The verdicts, in the order they are decided:

* BOUNCE: a delivery report (RFC 3464, or the plain text of a mail system) about
  a failure or a delay. A bounce is a bounce even when it carries auto-reply
  headers.
* MACHINE: any other message from a mail system: a success report (delivered,
  relayed, expanded), a read receipt, an abuse report, a postmaster's or list
  manager's notice, a challenge-response filter, a ticket system's
  acknowledgement. Never an answer, whatever it quotes.
* AUTO_REPLY: an out-of-office note or other automatic reply (see
  `auto_replies`), with the return date it names (see `return_dates`).
* ANSWER: everything else: a person wrote it. Whether it concerns a request is
  decided by the caller (threading, sender, organisation).
* UNREADABLE: the reader failed or ran out of its time budget; the caller holds
  the follow-up of the request the message refers to.

`classify_bytes` is the entry point for mail from outside: it bounds the message
before parsing it (size, header fields and lines, MIME depth and parts; see
`limits`), gives the whole reading a time budget, and never raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.message import Message
from email.parser import BytesParser
from enum import StrEnum

from feedback_mailer.mail.classify import limits
from feedback_mailer.mail.classify.auto_replies import (
    AUTO_REPLY_SUBJECT_PHRASES,
    AUTO_REPLY_SUBJECT_STARTS,
    OUT_OF_OFFICE_RE,
    auto_reply_signals,
    is_auto_reply,
)
from feedback_mailer.mail.classify.bodies import body_text, excerpt, own_lines
from feedback_mailer.mail.classify.bounces import BounceInfo, analyse, is_bounce, parse_bounce
from feedback_mailer.mail.classify.headers import (
    HEADER_FIELDS,
    decode_words,
    fold,
    header_text,
    message_date,
    raw_values,
    read_headers,
    read_message,
    referenced_ids,
    sender_address,
)
from feedback_mailer.mail.classify.machine import (
    ARF,
    MDN,
    acknowledgement_signal,
    bounce_wording_signal,
    challenge_signal,
    daemon_signal,
    list_manager_signal,
    no_reply_signal,
    notice_signal,
    report_kind,
)
from feedback_mailer.mail.classify.return_dates import (
    RETURN_DATE_HORIZON_DAYS,
    find_return,
    find_return_date,
)

__all__ = [
    "AUTO_REPLY_SUBJECT_PHRASES",
    "AUTO_REPLY_SUBJECT_STARTS",
    "HEADER_FIELDS",
    "RETURN_DATE_HORIZON_DAYS",
    "BounceInfo",
    "Classification",
    "Verdict",
    "body_text",
    "classify",
    "classify_bytes",
    "find_return_date",
    "header_text",
    "is_auto_reply",
    "is_bounce",
    "message_date",
    "parse_bounce",
    "read_headers",
    "read_message",
    "referenced_ids",
    "sender_address",
]


class Verdict(StrEnum):
    """What a message is. The values are the store's words where they overlap."""

    ANSWER = "answer"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    MACHINE = "machine"  # a report from a mail system: never an answer
    UNREADABLE = "unreadable"  # the reader failed or ran out of budget


@dataclass(frozen=True)
class Classification:
    """What an incoming message is, with the details the caller stores."""

    kind: Verdict
    bounce: BounceInfo | None  # for kind == BOUNCE
    return_date: date | None  # for kind == AUTO_REPLY when the text names one
    excerpt: str  # first meaningful lines of the text body, <= 300 chars
    # Why: the headers and values or phrases that decided, e.g. "Action: failed",
    # "subject starts with 'Abwesenheitsnotiz'", "From: MAILER-DAEMON".
    signals: tuple[str, ...] = ()


def _unreadable(why: str) -> Classification:
    return Classification(Verdict.UNREADABLE, None, None, "", (why,))


def classify(
    msg: Message, received: datetime, *, budget: float = limits.DEFAULT_BUDGET
) -> Classification:
    """What a parsed message is (see the module's docstring); `received` anchors
    relative return dates ("back on Monday"). Never raises: a failure or an
    exhausted `budget` (seconds) gives UNREADABLE with the reason as its signal."""
    try:
        with limits.budget(budget):
            return _classify(msg, received)
    except limits.BudgetExceeded:
        return _unreadable(f"time budget of {budget:g} s exhausted")
    except RecursionError:
        return _unreadable("message structure too deep to read")
    except Exception as error:
        return _unreadable(f"reader failed: {type(error).__name__}")


def classify_bytes(
    raw: bytes, received: datetime, *, budget: float = limits.DEFAULT_BUDGET
) -> Classification:
    """What a message is, read from its raw bytes: bounded before it is parsed
    (at most 2 MB, 500 header fields, 8 KB header lines, MIME depth 20, 300 parts),
    read within `budget` seconds, parse included. Never raises: a failure or an
    exhausted budget gives UNREADABLE with the reason as its signal; what was cut
    is named in the signals too."""
    try:
        with limits.budget(budget):
            bounded, notes = limits.bound_message(bytes(raw))
            limits.checkpoint()
            # compat32: the reader uses raw header values only, and the default
            # policy's structured headers cost the parser several times more.
            msg = _PARSER.parsebytes(bounded)
            limits.checkpoint()
            result = _classify(msg, received)
    except limits.BudgetExceeded:
        return _unreadable(f"time budget of {budget:g} s exhausted")
    except RecursionError:
        return _unreadable("message structure too deep to read")
    except Exception as error:
        return _unreadable(f"reader failed: {type(error).__name__}")
    if notes:
        signals = result.signals + tuple(f"bounded: {note}" for note in notes)
        result = Classification(
            result.kind, result.bounce, result.return_date, result.excerpt, signals
        )
    return result


_PARSER = BytesParser()


def _subject(msg: Message) -> str:
    return " ".join(decode_words(s) for s in raw_values(msg, "Subject")[:3])


def _classify(msg: Message, received: datetime) -> Classification:
    text = body_text(msg)
    short = excerpt(text)
    own = "\n".join(own_lines(text))
    subject = _subject(msg)
    auto = auto_reply_signals(msg)
    daemon = daemon_signal(msg)
    report = report_kind(msg)
    limits.checkpoint()

    no_reply = no_reply_signal(msg)
    # Delivery reports first: a bounce is a bounce even with auto-reply headers, and
    # whatever its threading says ("Re:", our Message-ID): its structure or its words
    # decide. A challenge-response filter reporting "Action: failed" is a challenge.
    failed_header = bool(raw_values(msg, "X-Failed-Recipients"))
    reporting = daemon or failed_header or (report and report[0] not in (MDN, ARF))
    wording = None if reporting else bounce_wording_signal(own or text)
    if reporting or wording or no_reply:
        found = analyse(msg)
        why = [s for s in (report[1] if report else None, daemon, wording, no_reply) if s]
        if failed_header:
            why.append("X-Failed-Recipients")
        challenge = challenge_signal(msg, f"{subject}\n{own}", in_report=True)
        if challenge and not daemon:
            return Classification(Verdict.MACHINE, None, None, short, (challenge, *why))
        # Words alone, or a no-reply sender, make a bounce only with a report's evidence:
        # a status code, or the returned original's Message-ID. A person may write
        # "your mail could not be delivered"; they do not paste these.
        evidence = found.info.status is not None or bool(found.info.message_ids)
        decided = reporting or evidence
        if found.failing and decided:
            return Classification(Verdict.BOUNCE, found.info, None, short, (*why, *found.signals))
        if reporting:
            return Classification(Verdict.MACHINE, None, None, short, (*why, *found.signals))
    if report:  # a read receipt or an abuse report
        return Classification(Verdict.MACHINE, None, None, short, (report[1],))
    if manager := list_manager_signal(msg):
        return Classification(Verdict.MACHINE, None, None, short, (manager,))
    if challenge := challenge_signal(msg, f"{subject}\n{own}"):
        return Classification(Verdict.MACHINE, None, None, short, (challenge,))
    if no_reply:  # no one reads replies there: never a person answering
        return Classification(Verdict.MACHINE, None, None, short, (no_reply,))
    if not auto and (acknowledged := acknowledgement_signal(own or text)):
        signal, ticket = acknowledged
        if ticket:  # a ticket system's acknowledgement: a machine's note
            return Classification(Verdict.MACHINE, None, None, short, (signal,))
        auto = [signal]  # an autoresponder without automatic headers

    if auto:
        notice = notice_signal(subject, own)
        if notice and not OUT_OF_OFFICE_RE.search(fold(f"{subject}\n{own[:20_000]}")):
            return Classification(Verdict.MACHINE, None, None, short, (*auto, notice))
        found_date = find_return(own, received) or find_return(subject, received)
        signals = list(auto)
        return_date = None
        if found_date is not None:
            return_date, phrase = found_date
            signals.append(f"return date from '{phrase}'")
        return Classification(Verdict.AUTO_REPLY, None, return_date, short, tuple(signals))
    return Classification(Verdict.ANSWER, None, None, short, ())
