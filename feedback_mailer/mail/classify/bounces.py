"""Delivery reports: RFC 3464 delivery status notifications and the plain-text
reports of mail systems that write none (Exim, qmail, Exchange, Domino/Notes,
GroupWise, Google Groups, MDaemon ...), in the languages they are written in.

Severity, in order: a DSN `Action:` decides per recipient (failed, failure,
error, expired and anything else but delayed/delivered/relayed/expanded are
permanent); without one, permanent wording ("permanent error", "I've given up",
"will not be retried") beats any code quoted beside it; then a 5.x.x or 5xx code
is hard and a 4.x.x or 4xx code soft; then delay wording is soft; then failure
wording ("undeliverable", "did not reach", "wurde nicht zugestellt") is hard.
A report of success (delivered, relayed, expanded; 2.x.x) is not a bounce.

References: RFC 3464 (delivery status notifications), RFC 3463 (enhanced status
codes), RFC 6522 (multipart/report).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.utils import getaddresses

from feedback_mailer.base.lazyre import LazyPattern
from feedback_mailer.mail.classify import limits, machine
from feedback_mailer.mail.classify.bodies import (
    body_text,
    children,
    is_attachment,
    leaf_text,
    shorten,
)
from feedback_mailer.mail.classify.headers import (
    ADDR_SPEC_RE,
    content_type,
    decode_words,
    first_token,
    fold,
    ids_in,
    raw_values,
    safe_text,
    unfold,
)


@dataclass(frozen=True)
class BounceInfo:
    """What a delivery failure report says."""

    hard: bool  # permanent: Action failed/failure/error/expired, 5.x.x, permanent wording
    status: str | None  # RFC 3463 enhanced status, e.g. "5.1.1"
    diagnostic: str | None  # one trimmed line, <= 200 chars
    recipients: tuple[str, ...]  # failed recipients' addr-specs, lowercased
    message_ids: tuple[str, ...]  # Message-IDs of the returned message ("<...>")
    # Subjects of the returned message, decoded: they tie a report that names neither
    # our Message-ID nor the address we wrote to (a forwarding or list address).
    subjects: tuple[str, ...] = ()


EMPTY_BOUNCE = BounceInfo(hard=False, status=None, diagnostic=None, recipients=(), message_ids=())

# "deliverable" is what an address verification (Postfix's sendmail -bv) reports.
_SUCCESS_ACTIONS = frozenset({"delivered", "relayed", "expanded", "deliverable"})
_FAILURE_ACTIONS = frozenset({"failed", "failure", "error", "expired", "undeliverable", "delayed"})

_STATUS_RE = LazyPattern(r"(?<![\w.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)")
_SMTP_LINE_RE = LazyPattern(r"(?<![\w.])([45][0-5]\d)[ -](?:([45]\.\d{1,3}\.\d{1,3})(?!\.?\d))?")
_ADDRESS_RE = LazyPattern(
    r"(?<![\w.+-])[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_MSGID_LINE_RE = LazyPattern(
    r"(?im)^[ \t>]*message-id[ \t]*:[ \t]*([^\r\n]*(?:\r?\n[ \t]+[^\r\n]*)*)"
)
_TO_LINE_RE = LazyPattern(r"(?im)^[ \t>]*to[ \t]*:[ \t]*([^\r\n]*)")
_SUBJECT_LINE_RE = LazyPattern(r"(?im)^[ \t>]*subject[ \t]*:[ \t]*([^\r\n]*)")
_COPY_MARKER_RE = LazyPattern(
    r"(?im)^[ \t]*(?:-{2,}.*(?:copy of|original message|below this line|message header"
    r"|returned message|undelivered message|header of the original|headers of the original"
    r"|message follows|original-nachricht|ursprungliche nachricht).*"
    r"|(?:return-path|received|message-id|dkim-signature|delivered-to|x-original-to)[ \t]*:.*)$"
)

# Matched against folded text (lowercase, no accents, "-" as space).
_PERMANENT_RE = LazyPattern(
    r"permanent (?:error|failure|delivery error|fatal)|failed permanently"
    r"|permanently (?:failed|rejected)"
    r"|fatal (?:delivery )?errors?|i ?'?ve given up|have given up|has given up|gave up"
    r"|will not be retried|won'?t be retried|not going to try again"
    r"|no further (?:delivery )?attempts"
    r"|retry time ?out exceeded|(?:been )?in the queue too long|too long in (?:the )?queue"
    r"|has been removed from the (?:mail )?queue|(?:has been |will be )?deleted from (?:the )?queue"
    r"|expired in the queue|message (?:has )?expired|(?:could not be delivered|cannot send message)"
    r" for \d+ days|delivery was not possible within"
    r"|permanenter fehler|dauerhaft(?:er)? fehl|endgultig|erreur permanente|echec permanent"
    r"|error permanente|errore permanente|permanente fout|erro permanente|blad trwaly"
    r"|permanent fel|permanent fejl|permanent feil"
)
_DELAY_RE = LazyPattern(
    r"not yet been delivered|has been delayed|\bdelayed\b|will (?:continue|retry|keep)"
    r"|still trying|temporar|try again later|will be retried|is being retried"
    r"|no action is required|warning message only|delivery attempts will continue"
    r"|verzogert|noch nicht zugestellt|vorubergehend|retarde|pas encore ete remis|temporaire"
    r"|retrasad|todavia no|temporal|ritardat|temporane|vertraagd|nog niet bezorgd|tijdelijk"
    r"|atrasad|temporari|opozni|forsenad|forsinket"
)
_FAILURE_RE = LazyPattern(
    r"could ?n[o']?t be delivered|cannot be delivered|undeliverable|not (?:been )?delivered"
    r"|did not reach|delivery (?:has )?failed|delivery to the following recipients? failed"
    r"|failed to deliver|(?:unable|not able|wasn'?t able) to deliver|could not deliver"
    r"|does not exist|may not exist|user unknown|unknown user|no such user|user not found"
    r"|not listed in|name is not recognized|unknown recipient|address rejected"
    r"|mailbox (?:is )?(?:unavailable|disabled|not found)|no mailbox here"
    r"|not have permission to post|delivery failure|failure notice|failure reasons"
    r"|unrouteable|delivery error"
    r"|nicht zugestellt|unzustellbar|zustellung\S* (?:\S+ )?fehlgeschlagen"
    r"|fehler bei der zustellung"
    r"|zustellungsfehler|nicht (?:existiert|gefunden)|keine berechtigung"
    r"|n'a pas ete remis|non remis|echec de (?:la )?(?:remise|livraison|distribution)"
    r"|n'a pas pu etre (?:remis|distribue)|introuvable|non repertorie|n'existe pas"
    r"|no se ha entregado|no se (?:puede|pudo) entregar|error (?:en la|de) entrega"
    r"|no se (?:encontro|encuentra)|no existe"
    r"|non e stato (?:recapitato|consegnato)|non recapitabile|recapito non riuscito"
    r"|impossibile recapitare|consegna non riuscita"
    r"|niet (?:bezorgd|afgeleverd)|onbestelbaar|bezorging is mislukt|kan niet worden bezorgd"
    r"|niet gevonden|bestaat niet"
    r"|nao foi (?:entregue|possivel entregar)|nao entregue|falha na entrega|nao existe"
    r"|nie (?:zostal|zostala|zostalo) dostarczon|nie dostarczono|nie mozna dostarczyc"
    r"|niedostarczon|nie istnieje"
    r"|kunde inte levereras|inte levererat|leveransen misslyckades|gar inte att leverera"
    r"|kunne ikke leveres|ikke (?:leveret|levert)|levering(?:en)? mislykke?des|levering mislyktes"
    r"|findes ikke|finnes ikke|finns inte"
)


@dataclass
class _RecipientReport:
    recipients: list[str]
    action: str
    status: str | None
    diagnostic: str | None

    @property
    def success(self) -> bool:
        if self.action in _SUCCESS_ACTIONS:
            return True
        if self.action in _FAILURE_ACTIONS:
            return False
        # An empty or unknown Action with a 2.x.x status: the status is the report.
        return self.status is not None and self.status.startswith("2")

    @property
    def hard(self) -> bool:
        if self.success:
            return False
        if self.action:
            return self.action not in _SUCCESS_ACTIONS and self.action != "delayed"
        return self.status is not None and self.status.startswith("5")

    @property
    def failing(self) -> bool:
        if self.success:
            return False
        if self.action:
            return self.action not in _SUCCESS_ACTIONS
        return self.status is not None and self.status[:1] in ("4", "5")


@dataclass
class Report:
    """What a message from a mail system says about delivery."""

    info: BounceInfo
    failing: bool  # a failure or a delay: a bounce
    signals: list[str] = field(default_factory=list)


def _field_blocks(text: str) -> list[list[tuple[str, str]]]:
    """Blank-line separated blocks of "Name: value" fields (continuations joined)."""
    blocks: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in text[: limits.MAX_TEXT].splitlines():
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        if line[:1] in (" ", "\t") and current:
            name, value = current[-1]
            current[-1] = (name, f"{value} {line.strip()}"[:2_000])
            continue
        match = re.match(r"([A-Za-z0-9-]+)[ \t]*:[ \t]*(.*)$", line)
        if match:
            current.append((match.group(1).lower(), match.group(2).strip()[:2_000]))
    if current:
        blocks.append(current)
    return blocks


def _delivery_status_blocks(part: Message) -> list[list[tuple[str, str]]]:
    """The field blocks of a message/delivery-status (or global-delivery-status) part."""
    kids = children(part)
    if not kids:
        return _field_blocks(leaf_text(part))
    blocks: list[list[tuple[str, str]]] = []
    for kid in kids:  # the parser made one header-only Message per block
        fields: list[tuple[str, str]] = []
        try:
            for key, value in kid.raw_items():
                text = " ".join(safe_text(str(value)).split())[:2_000]
                fields.append((str(key).strip().lower(), text))
        except Exception:
            pass
        if fields:
            blocks.append(fields)
        rest = kid.get_payload()
        if isinstance(rest, str) and rest.strip():  # message/global-delivery-status
            blocks.extend(_field_blocks(rest))
    return blocks


def _rfc822_address(value: str) -> str | None:
    """`rfc822; Jane@Example.org` -> "jane@example.org"."""
    _kind, sep, rest = value.partition(";")
    address = (rest if sep else value).strip().strip("<>").strip()
    match = _ADDRESS_RE.search(address) or ADDR_SPEC_RE.search(address)
    return match.group(0).lower() if match else None


def _clean_diagnostic(value: str) -> str | None:
    text = " ".join(value[:4_000].split())
    kind, sep, rest = text.partition(";")
    if sep and re.fullmatch(r"[A-Za-z0-9-]+", kind.strip()):  # "smtp; 550 ..." / "X-Postfix; ..."
        text = rest.strip()
    # A multi-line SMTP reply ("550-5.1.1 ... 550-5.1.1 ... 550 5.1.1 ...") as one line:
    # keep the first code, drop the repeated ones.
    first = re.match(r"([45]\d\d)[ -]((?:[245]\.\d{1,3}\.\d{1,3})?)\s*", text)
    if first:
        code, status = first.group(1), first.group(2)
        repeated = rf"\s{code}[ -](?:{re.escape(status)}\s)?" if status else rf"\s{code}[ -]"
        body = re.sub(repeated, " ", text[first.end() :])
        text = " ".join(filter(None, (code, status, " ".join(body.split()))))
    return shorten(text, 200) or None


def _recipient_reports(blocks: list[list[tuple[str, str]]]) -> list[_RecipientReport]:
    reports: list[_RecipientReport] = []
    for block in blocks:
        fields: dict[str, str] = {}
        for name, value in block:
            fields.setdefault(name, value)
        if not {"final-recipient", "original-recipient", "action", "status"} & fields.keys():
            continue  # the per-message block (Reporting-MTA, Arrival-Date, ...)
        recipients = [
            address
            for name in ("final-recipient", "original-recipient")
            if name in fields and (address := _rfc822_address(fields[name])) is not None
        ]
        status_match = _STATUS_RE.search(fields.get("status", ""))
        status = ".".join(status_match.groups()) if status_match else None
        diagnostic = fields.get("diagnostic-code")
        reports.append(
            _RecipientReport(
                recipients=recipients,
                action=first_token(fields.get("action", "")),
                status=status,
                diagnostic=_clean_diagnostic(diagnostic) if diagnostic else None,
            )
        )
        if len(reports) >= 100:
            break
    return reports


def _logical_lines(text: str) -> list[str]:
    """Lines with indented continuation lines joined to the line before."""
    out: list[str] = []
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and out and out[-1].strip() and line.strip():
            out[-1] = f"{out[-1]} {line.strip()}"[:4_000]
        else:
            out.append(line[:4_000])
    return out


def report_text(text: str) -> str:
    """A bounce body up to where the copy of the returned message starts."""
    marker = _COPY_MARKER_RE.search(text)
    return text[: marker.start()] if marker else text


def _smtp_lines(report: str) -> list[tuple[str, str | None, str]]:
    """(basic code, enhanced status or None, the line from the code on) per SMTP reply."""
    found: list[tuple[str, str | None, str]] = []
    for line in _logical_lines(report):
        match = _SMTP_LINE_RE.search(line)
        if match:
            found.append((match.group(1), match.group(2), line[match.start() :].strip()))
    return found


def _quote(match: re.Match[str]) -> str:
    return f"wording: '{match.group(0).strip()}'"


def _text_severity(report: str) -> tuple[bool | None, str | None, str | None, list[str]]:
    """(hard, status, diagnostic, signals) from a human-readable report; hard is None
    when the text says nothing of a failure or a delay."""
    statuses = [".".join(m.groups()) for m in _STATUS_RE.finditer(report)]
    statuses = [s for s in statuses if s[0] in "45"]
    smtp = _smtp_lines(report)
    folded = fold(report)
    signals: list[str] = []
    hard: bool | None
    if permanent := _PERMANENT_RE.search(folded):
        hard = True
        signals.append(_quote(permanent))
    elif any(s.startswith("5") for s in statuses) or any(c.startswith("5") for c, _s, _l in smtp):
        hard = True
    elif statuses or smtp:
        hard = False
    elif delay := _DELAY_RE.search(folded):
        hard = False
        signals.append(_quote(delay))
    elif failure := _FAILURE_RE.search(folded):
        hard = True
        signals.append(_quote(failure))
    else:
        hard = None
    wanted = "5" if hard else "4"
    status = next((s for s in statuses if s.startswith(wanted)), None)
    if status is None and statuses:
        status = statuses[0]
    if status is not None:
        signals.insert(0, f"Status: {status}")
    line = next((ln for _c, s, ln in smtp if status is not None and s == status), None)
    if line is None:
        line = next((ln for c, _s, ln in smtp if c.startswith(wanted)), None)
    if line is None and smtp:
        line = smtp[0][2]
    if status is None and smtp:
        signals.insert(0, f"SMTP reply {smtp[0][0]}")
    return hard, status, _clean_diagnostic(line) if line else None, signals


def _bounce_parts(msg: Message, depth: int = 0) -> Iterator[tuple[str, Message]]:
    """(content type, part) for every part of a bounce, not entering returned messages."""
    if depth > limits.MAX_MIME_DEPTH:
        return
    limits.checkpoint()
    ctype, _params = content_type(msg)
    kids = children(msg)
    if kids and ctype.startswith("multipart/"):
        for kid in kids:
            yield from _bounce_parts(kid, depth + 1)
        return
    yield ctype, msg


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _addresses(value: str) -> list[str]:
    out: list[str] = []
    for _name, addr in getaddresses([value[:4_000]]):
        addr = addr.strip().lower()
        if ADDR_SPEC_RE.fullmatch(addr):
            out.append(addr)
    return out


def analyse(msg: Message) -> Report:
    """What a mail system's message says about delivery; never raises (but for an
    exhausted time budget)."""
    try:
        return _analyse(msg)
    except limits.BudgetExceeded:
        raise
    except Exception:
        return Report(EMPTY_BOUNCE, failing=False)


def _analyse(msg: Message) -> Report:
    reports: list[_RecipientReport] = []
    message_ids: list[str] = []
    returned_to: list[str] = []
    subjects: list[str] = []
    for ctype, part in _bounce_parts(msg):
        if ctype in ("message/delivery-status", "message/global-delivery-status"):
            reports.extend(_recipient_reports(_delivery_status_blocks(part)))
        elif ctype in (
            "message/rfc822",
            "message/global",
            "message/rfc822-headers",
            "message/global-headers",
        ):
            kids = children(part)
            if kids:
                for value in raw_values(kids[0], "Message-ID"):
                    message_ids.extend(ids_in(value))
                for value in raw_values(kids[0], "To"):
                    returned_to.extend(_addresses(value))
                subjects.extend(decode_words(v) for v in raw_values(kids[0], "Subject")[:2])
            else:
                copy = leaf_text(part)
                for match in _MSGID_LINE_RE.finditer(copy):
                    message_ids.extend(ids_in(unfold(match.group(1))))
                for match in _TO_LINE_RE.finditer(copy):
                    returned_to.extend(_addresses(match.group(1)))
                subjects.extend(_subject_lines(copy))
        elif ctype == "text/rfc822-headers" or _attached_message(ctype, part):
            copy = leaf_text(part)[: limits.MAX_TEXT]
            for match in _MSGID_LINE_RE.finditer(copy):
                message_ids.extend(ids_in(unfold(match.group(1))))
            for match in _TO_LINE_RE.finditer(copy):
                returned_to.extend(_addresses(match.group(1)))
            subjects.extend(_subject_lines(copy))

    text = body_text(msg)
    if notification := _sns_bounce(text):
        return notification
    report = report_text(text)
    copy_text = text[len(report) :]
    if not message_ids:
        for match in _MSGID_LINE_RE.finditer(copy_text or text):
            message_ids.extend(ids_in(unfold(match.group(1))))
    if not returned_to and copy_text:
        for match in _TO_LINE_RE.finditer(copy_text):
            returned_to.extend(_addresses(match.group(1)))
    if not subjects and copy_text:
        subjects.extend(_subject_lines(copy_text))

    signals: list[str] = []
    recipients: list[str] = []
    usable = [r for r in reports if r.action or r.status]
    if usable and all(r.success for r in usable):
        first = usable[0]
        signals.append(f"Action: {first.action}" if first.action else f"Status: {first.status}")
        info = BounceInfo(False, first.status, first.diagnostic, (), _unique(message_ids))
        return Report(info, failing=False, signals=signals)
    if usable:
        primary = next((r for r in usable if r.hard), None) or next(
            (r for r in usable if r.failing), usable[0]
        )
        hard, status, diagnostic = primary.hard, primary.status, primary.diagnostic
        if primary.action:
            signals.append(f"Action: {primary.action}")
        if status:
            signals.append(f"Status: {status}")
        text_hard, _text_status, text_diagnostic, text_signals = _text_severity(report)
        if not primary.action and text_hard and not hard:
            hard = True  # no Action: permanent wording beats a 4.x.x status
            signals.extend(s for s in text_signals if s.startswith("wording"))
        if diagnostic is None:
            diagnostic = text_diagnostic
        failing = [r for r in reports if r.failing] or reports
        for recipient_report in failing:
            recipients.extend(recipient_report.recipients)
        is_failure = True
    else:
        text_hard, status, diagnostic, signals = _text_severity(report)
        if text_hard is None and raw_values(msg, "X-Failed-Recipients"):
            # The header names a recipient the mail system could not deliver to (README,
            # Guarantees: such reports are hard bounces), whatever words the text uses.
            text_hard = True
            signals.append("X-Failed-Recipients: delivery failed")
        hard = bool(text_hard)
        is_failure = text_hard is not None
        for recipient_report in reports:
            recipients.extend(recipient_report.recipients)

    for value in raw_values(msg, "X-Failed-Recipients"):
        recipients.extend(_addresses(value))

    if not recipients:  # plain-text bounce: addresses named in the report text
        own = {a for v in raw_values(msg, "To") for a in _addresses(v)}
        for match in _ADDRESS_RE.finditer(report[: limits.MAX_TEXT]):
            address = match.group(0).lower()
            local = address.rsplit("@", 1)[0]
            if local not in machine.DAEMON_LOCAL_PARTS and address not in own:
                recipients.append(address)
        if not recipients:  # nothing named: whom the returned message was addressed to
            recipients.extend(a for a in returned_to if a not in own)
    if is_failure:
        # The report may name a forwarding or list address rather than the one written
        # to: whom the returned original was addressed to ties it to its request too.
        own = {a for v in raw_values(msg, "To") for a in _addresses(v)}
        recipients.extend(a for a in returned_to[:10] if a not in own)

    info = BounceInfo(
        hard=hard,
        status=status,
        diagnostic=diagnostic,
        recipients=_unique(recipients)[:50],
        message_ids=_unique(message_ids)[:50],
        subjects=_unique([" ".join(s.split())[:300] for s in subjects if s.strip()])[:5],
    )
    return Report(info, failing=is_failure, signals=signals)


def _subject_lines(copy: str) -> list[str]:
    """The Subject of a returned message pasted as text (the first two found)."""
    found = []
    for match in _SUBJECT_LINE_RE.finditer(copy[: limits.MAX_TEXT]):
        found.append(decode_words(match.group(1)))
        if len(found) >= 2:
            break
    return found


def _attached_message(ctype: str, part: Message) -> bool:
    """A returned message attached as a file ("original.eml", application/octet-stream)."""
    if ctype not in ("application/octet-stream", "text/plain") or not is_attachment(part):
        return False
    name = (
        part.get_param("name") or part.get_param("filename", header="content-disposition")
    ) or ""
    return (
        str(name).lower().endswith((".eml", ".msg", ".txt")) or ctype == "application/octet-stream"
    )


_SNS_MARK_RE = LazyPattern(
    r'"notificationType"\s*:\s*"Bounce"|\\"notificationType\\"\s*:\s*\\"Bounce'
)


def _json_objects(text: str) -> Iterator[dict[str, object]]:
    """The JSON object the text starts with, and a JSON object in its "Message" string."""
    import json

    start = text.find("{")
    if start < 0:
        return
    try:
        value, _end = json.JSONDecoder().raw_decode(text[start : start + limits.MAX_TEXT])
    except (ValueError, RecursionError):  # not JSON, or nested beyond reason
        return
    for _ in range(2):  # an SNS envelope holds the SES notification as a string
        if not isinstance(value, dict):
            return
        yield value
        inner = value.get("Message")
        if not isinstance(inner, str):
            return
        try:
            value = json.loads(inner[: limits.MAX_TEXT])
        except (ValueError, RecursionError):
            return


def _sns_bounce(text: str) -> Report | None:
    """An Amazon SES bounce notification (JSON, often inside an SNS envelope)."""
    if not _SNS_MARK_RE.search(text[:20_000]):
        return None
    for value in _json_objects(text):
        bounce = value.get("bounce")
        if value.get("notificationType") != "Bounce" or not isinstance(bounce, dict):
            continue
        hard = str(bounce.get("bounceType", "")).lower() != "transient"
        recipients: list[str] = []
        status = diagnostic = None
        listed = bounce.get("bouncedRecipients")
        for item in listed[:50] if isinstance(listed, list) else []:
            if not isinstance(item, dict):
                continue
            address = _rfc822_address(str(item.get("emailAddress", "")))
            if address:
                recipients.append(address)
            found = _STATUS_RE.search(str(item.get("status", "")))
            if status is None and found:
                status = ".".join(found.groups())
            if diagnostic is None and item.get("diagnosticCode"):
                diagnostic = _clean_diagnostic(str(item["diagnosticCode"]))
        ids: list[str] = []
        mail = value.get("mail")
        headers = mail.get("commonHeaders") if isinstance(mail, dict) else None
        if isinstance(headers, dict):
            ids = ids_in(str(headers.get("messageId", "")))
        signals = [f"SES notification: bounceType {bounce.get('bounceType')}"]
        if status:
            signals.append(f"Status: {status}")
        info = BounceInfo(hard, status, diagnostic, _unique(recipients), _unique(ids))
        return Report(info, failing=True, signals=signals)
    return None


def parse_bounce(msg: Message) -> BounceInfo:
    """Details of a bounce: RFC 3464 fields when present, else what its text says.

    With several recipients the report of the first hard failure (else the first
    delay, else the first report) gives `hard`, `status` and `diagnostic`; the
    recipients are those that failed or were delayed. Never raises.
    """
    try:
        report = analyse(msg)
    except limits.BudgetExceeded:
        return EMPTY_BOUNCE
    return report.info if report.failing else EMPTY_BOUNCE


def is_bounce(headers: Message) -> bool:
    """Might be a delivery report: a multipart/report that is not a read receipt or
    an abuse report, or a message from MAILER-DAEMON / postmaster / the null sender
    ("From: <>"). Reads only HEADER_FIELDS: the scanner's pre-filter, which must let
    every bounce through; the whole message decides."""
    try:
        ctype, params = content_type(headers)
        if ctype == "multipart/report":
            declared = params.get("report-type", "").strip().lower()
            if declared not in (machine.MDN, machine.ARF):
                return True
        if machine.daemon_signal(headers) is not None:
            return True
        # A no-reply sender writing about a failed delivery (a provider's bounce from
        # no-reply@ at the recipient's domain, an SES notification through SNS).
        no_reply = machine.no_reply_signal(headers)
        subject = " ".join(raw_values(headers, "Subject")[:1])
        return no_reply is not None and bool(_BOUNCE_SUBJECT_RE.search(fold(subject)))
    except Exception:
        return False


_BOUNCE_SUBJECT_RE = LazyPattern(
    r"returned mail|undeliver|not delivered|delivery (?:status|fail|notification|problem|error)"
    r"|failure notice|mail (?:delivery|system error)|bounce|aws notification message"
    r"|unzustellbar|non remis|no entregado|non recapitato|onbestelbaar"
)
