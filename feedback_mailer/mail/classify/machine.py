"""Messages written by a mail system rather than a person.

Mailer-daemons and postmasters, list managers (moderation and rejection
notices), challenge-response filters ("confirm you are human"), ticket systems
and forwarding notices, and the three kinds of RFC 6522 report: delivery status
notifications (RFC 3464), message disposition notifications or read receipts
(RFC 8098) and abuse feedback reports (RFC 5965). None of them is ever an answer,
even when it quotes our Message-ID or comes from the contact's own address.

Each detector returns a short signal naming the header and value or the phrase
that decided, or None.
"""

from __future__ import annotations

import re
from email.message import Message

from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.mail.classify import limits
from feedback_mailer.mail.classify.bodies import children
from feedback_mailer.mail.classify.headers import (
    content_type,
    fold,
    from_addresses,
    raw_first,
    raw_values,
)

DAEMON_LOCAL_PARTS = frozenset(
    {
        "mailer-daemon",
        "mailer_daemon",
        "mailerdaemon",
        "mail-daemon",
        "maildaemon",
        "postmaster",
        "mdaemon",
    }
)
# Display names that mark a mail system when From carries no usable address
# ("From: Microsoft Outlook", "From: MAILER-DAEMON <>").
_DAEMON_NAMES = (
    "mailer daemon",
    "mail delivery system",
    "mail delivery subsystem",
    "mail delivery service",
    "microsoft outlook",
    "microsoft exchange",
    "postmaster",
    "mail administrator",
    "mail system",
)
_LIST_MANAGERS = frozenset(
    {"listserv", "majordomo", "sympa", "mailman", "listproc", "lyris", "ecartis", "listar"}
)
_LIST_SUFFIXES = ("-owner", "-request", "-bounces", "-confirm", "-admin-request")
_NULL_SENDER_RE = LazyPattern(r"<\s*@?\s*>")
_REPORT_PARTS = {
    "message/delivery-status": "delivery-status",
    "message/global-delivery-status": "delivery-status",
    "message/disposition-notification": "disposition-notification",
    "message/global-disposition-notification": "disposition-notification",
    "message/feedback-report": "feedback-report",
}
DSN, MDN, ARF, REPORT = "delivery-status", "disposition-notification", "feedback-report", "report"


def _local_part(address: str) -> str:
    local = address.rsplit("@", 1)[0] if "@" in address else address
    return local.strip().strip('"').lower()


def daemon_signal(headers: Message) -> str | None:
    """From a mailer-daemon or postmaster, or from the null sender ("From: <>")."""
    try:
        raw = raw_first(headers, "From")
        if raw is None:
            return None
        addresses = from_addresses(headers)
        for addr in addresses:
            if _local_part(addr) in DAEMON_LOCAL_PARTS:
                return f"From: {addr}"
            if _local_part(addr).startswith("microsoftexchange"):
                return f"From: {addr}"
        if not any("@" in a and not a.startswith("@") for a in addresses):
            if _NULL_SENDER_RE.search(raw):
                return f"From: {' '.join(raw.split())[:80]} (null sender)"
            name = fold(raw.replace('"', " "))
            for daemon in _DAEMON_NAMES:
                if name.startswith(daemon):
                    return f"From: {' '.join(raw.split())[:80]}"
    except Exception:
        return None
    return None


# Senders that say no one reads replies: a mail system or a ticket tool, never a person
# answering (README, Guarantees), even at the contact's own domain.
_NO_REPLY_LOCAL_RE = LazyPattern(
    r"(?:no|do[-_.]?not)[-_.]?reply(?:[-_.+].*)?|noreply[-_.+].*|no[-_.]?respon[ds]e?|donotrespond"
)


def no_reply_signal(headers: Message) -> str | None:
    """From a no-reply address (no-reply@, noreply@, do-not-reply@ ...)."""
    try:
        for addr in from_addresses(headers):
            if "@" in addr and _NO_REPLY_LOCAL_RE.fullmatch(_local_part(addr)):
                return f"From: {addr} (no-reply sender)"
    except Exception:
        return None
    return None


def null_return_path(headers: Message) -> bool:
    """Return-Path: <> - sent by a mail system, or by an RFC 3834 responder."""
    return any(_NULL_SENDER_RE.fullmatch(v.strip()) for v in raw_values(headers, "Return-Path"))


def list_manager_signal(headers: Message) -> str | None:
    """From a mailing-list manager's own address (not a person writing through a list)."""
    try:
        for addr in from_addresses(headers):
            local = _local_part(addr)
            domain = addr.rsplit("@", 1)[1].lower() if "@" in addr else ""
            base = local.split("+", 1)[0]
            if (
                base in _LIST_MANAGERS
                or base.endswith(_LIST_SUFFIXES)
                or base.startswith("owner-")
                or (domain.startswith("googlegroups.") and local.endswith(("+noreply", "noreply")))
            ):
                return f"From: {addr} (list manager)"
        for value in raw_values(headers, "X-List-Administrivia"):
            if value.strip().lower().startswith("yes"):
                return "X-List-Administrivia: yes"
    except Exception:
        return None
    return None


def report_kind(msg: Message) -> tuple[str, str] | None:
    """(DSN | MDN | ARF | REPORT, signal) for a multipart/report or a message holding a
    report part; None otherwise. A multipart/report without report-type is named by
    the report part it holds (RFC 6522 makes the parameter mandatory; not every
    mail system writes it)."""
    try:
        ctype, params = content_type(msg)
        declared = params.get("report-type", "").strip().lower()
        if ctype == "multipart/report" and declared in (DSN, MDN, ARF):
            return declared, f"Content-Type: multipart/report; report-type={declared}"
        for kid in children(msg)[:10]:
            kid_type, _ = content_type(kid)
            if kid_type in _REPORT_PARTS:
                return _REPORT_PARTS[kid_type], f"part {kid_type}"
        if ctype == "multipart/report":
            return REPORT, "Content-Type: multipart/report"
    except Exception:
        return None
    return None


# --------------------------------------------------------------------------- wording

_CHALLENGE_HEADERS = ("X-Challenge", "X-Challenge-Response", "X-Spam-Challenge", "X-Boxtrapper")

# Written by challenge-response filters: a person answering never says these.
_CHALLENGE_RE = LazyPattern(
    r"confirm (?:that )?you are (?:a )?human|prove (?:that )?you are (?:a )?human"
    r"|only accepts? (?:e ?mail|mail|messages) from (?:approved|known|verified) senders"
    r"|verify (?:that )?you are (?:a )?(?:human|real person)"
    r"|to have your (?:message|e ?mail) delivered,? please|please verify your (?:e ?mail|address)"
    r"|bestatigen sie,? dass sie ein mensch|confirmez que vous etes (?:un )?humain"
    r"|confirme que eres (?:un )?humano|conferma(?:re)? di essere (?:un )?umano"
    r"|bevestig dat u een mens|confirme que voce e humano|potwierdz,? ze jestes czlowiekiem"
    r"|senders? (?:that |whom )?i have approved|(?:list of )?approved senders|request approval"
    r"|(?:has been|was) waitlisted|(?:add yourself to|added to) (?:my|her|his|their) guest list"
    r"|held until you confirm|until you confirm (?:that )?you sent it"
)
# Also the reason a real bounce gives ("550 sender verification failed"): a challenge
# only outside a delivery report.
_VERIFICATION_RE = LazyPattern(r"sender verification")
# Ticket systems, forwarding notices, list moderation, quarantine: machine notices.
# They count with an automatic marker (RFC 3834 header, null sender, a mail system's
# From), because a person might write some of these words too.
_NOTICE_RE = LazyPattern(
    r"\bticket\b|\bcase (?:number|#)|\brequest #|opened (?:a )?(?:request|case|ticket)"
    r"|(?:has|have) been (?:automatically )?forwarded|automatically forwarded"
    r"|forwarded automatically"
    r"|wurde (?:automatisch )?weitergeleitet|a ete (?:automatiquement )?transfere"
    r"|pending (?:approval|moderation)|awaits? (?:moderator|moderation)"
    r"|held for (?:moderation|review)"
    r"|held in quarantine|quarantined|not authorized to (?:post|send)|moderator"
    r"|this is an automated (?:message|notification)|automatic notification"
)


def challenge_signal(headers: Message, own_text: str, *, in_report: bool = False) -> str | None:
    """A challenge-response filter asking us to prove we are human (`in_report`: the
    message is a delivery report, whose reasons may name sender verification)."""
    for name in _CHALLENGE_HEADERS:
        values = raw_values(headers, name)
        if values:
            return f"{name}: {' '.join(values[0].split())[:60]}"
    folded = fold(own_text[:20_000])
    match = _CHALLENGE_RE.search(folded)
    if match is None and not in_report:
        match = _VERIFICATION_RE.search(folded)
    return f"wording: '{match.group(0)}'" if match else None


# Written only by mail systems reporting a failed delivery, whatever the headers say
# (Apache James, fml, Verizon and others send reports with "Re:" and our Message-ID).
_BOUNCE_WORDING_RE = LazyPattern(
    r"i'?m afraid i (?:wasn'?t|was not) able to deliver|this is a permanent error"
    r"|error message below:|message details: subject:|\brcpt to: ?<?[^\s@]+@"
    r"|this message was undeliverable due to|was rejected by a remote mail server"
    r"|the following addresses had permanent fatal errors|\bfml error"
    r"|could not be delivered to the following (?:address|recipient)"
    r"|your mail could not be delivered|delivery to the following recipients? failed"
    r"|original message follows|below this line is a copy of the message"
)


def bounce_wording_signal(own_text: str) -> str | None:
    """Wording only a delivery report uses."""
    limits.checkpoint()
    match = _BOUNCE_WORDING_RE.search(fold(own_text[:20_000]))
    return f"wording: '{' '.join(match.group(0).split())}'" if match else None


# A ticket system or autoresponder acknowledging receipt: decisive without automatic
# headers, because a person answering does not write these.
_ACKNOWLEDGEMENT_RE = LazyPattern(
    r"your (?:request|ticket|case) \(?#?[\w-]*\d[\w-]*\)? has been"
    r" (?:received|created|opened|logged)"
    r"|a (?:ticket|case) has been (?:created|opened|logged)"
    r"|your case has been (?:created|opened|logged)"
    r"|ticket (?:has been )?(?:created|opened) with (?:the )?(?:id|number|reference)"
    r"|please type your reply above this line|reply above this line"
    r"|case (?:number|reference|id) ?:? ?(?:[a-z]+ )?\d|with the reference [a-z]+ \d"
    r"|this is an automat(?:ic|ed)(?:ally generated)?"
    r" (?:confirmation|reply|response|message|notification|acknowledge?ment)"
    r"|this is an automatically generated (?:message|e ?mail|reply|response|confirmation)"
    r"|this (?:mail ?box|e ?mail address|address) is not monitored"
    r"|please do not reply to this (?:e ?mail|message)"
    r"|dies ist eine automatisch (?:generierte|erstellte|versandte)"
    r"|ceci est (?:un|une) (?:message|reponse) automatique|este es un (?:mensaje|correo) automatico"
    r"|questo e un messaggio automatico|dit is een automatisch (?:bericht|gegenereerd)"
)
_TICKET_ACK_RE = LazyPattern(
    r"ticket|\bcase\b|request \(|reply above this line|reference [a-z]+ \d"
)


def acknowledgement_signal(own_text: str) -> tuple[str, bool] | None:
    """(signal, is a ticket system's) for an acknowledgement of receipt."""
    limits.checkpoint()
    folded = fold(own_text[:5_000])
    match = _ACKNOWLEDGEMENT_RE.search(folded)
    if match is None:
        return None
    return f"wording: '{match.group(0)}'", bool(_TICKET_ACK_RE.search(match.group(0)))


def notice_signal(subject: str, own_text: str) -> str | None:
    """Wording of a ticket system, forwarding notice, list moderation or quarantine."""
    limits.checkpoint()
    for where in (subject, own_text[:20_000]):
        match = _NOTICE_RE.search(fold(where))
        if match:
            return f"wording: '{match.group(0)}'"
    subject_tag = re.match(r"\s*\[(?:ticket\s*)?#[\w-]+\]", subject, re.I)
    if subject_tag:
        return f"subject starts with '{subject_tag.group(0).strip()}'"
    return None
