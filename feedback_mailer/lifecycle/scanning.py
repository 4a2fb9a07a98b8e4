"""`check`: read what is new in the watched folders and apply what it means.

`mail.imap` says which UIDs are new and fetches them, `mail.classify` says
what each message is; this module decides which request a message belongs
to, and `replies` applies its effect. Matching loads only open requests and
asks the store about Message-IDs in indexed batches, so the cost follows the
number of new messages, not the history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import Message

from feedback_mailer.lifecycle import replies
from feedback_mailer.lifecycle.replies import Change
from feedback_mailer.mail import classify
from feedback_mailer.mail.imap import ImapSession, ImapStats, NewMail, Position, new_mail
from feedback_mailer.setup.config import Config
from feedback_mailer.store import Reply, Request, ScanState, Store
from feedback_mailer.store.states import OPEN_STATUSES, Status

CLOCK_SKEW = timedelta(minutes=5)


@dataclass
class ScanReport:
    changes: list[Change] = field(default_factory=list)
    stats: ImapStats = field(default_factory=ImapStats)
    new_messages: int = 0


@dataclass
class _Candidates:
    """What the scan is looking for, loaded once per check."""

    store: Store
    by_message_id: dict[str, int]  # our Message-IDs seen so far in this scan
    by_contact: dict[str, list[Request]]
    requests: dict[int, Request]

    @classmethod
    def load(cls, store: Store) -> _Candidates:
        # Only open requests are loaded: the cost must not grow with history.
        # A reply to a closed one is still matched by Message-ID.
        requests = {r.id: r for r in store.list_requests(OPEN_STATUSES)}
        by_contact: dict[str, list[Request]] = {}
        for request in requests.values():
            by_contact.setdefault(request.contact_email.lower(), []).append(request)
        return cls(store, {}, by_contact, requests)

    def learn_ids(self, ids: set[str]) -> None:
        """Look up, in one indexed query, which of these Message-IDs are ours."""
        unknown = ids - self.by_message_id.keys()
        if unknown:
            self.by_message_id.update(self.store.requests_for_message_ids(unknown))

    def match_headers(self, headers: Message) -> int | None:
        for message_id in classify.referenced_ids(headers):
            if message_id in self.by_message_id:
                return self.by_message_id[message_id]
        sender = classify.sender_address(headers)
        if not sender or sender not in self.by_contact:
            return None
        date = classify.message_date(headers)
        if date is None:
            return None
        # The most recent request sent before this message, allowing for clock skew.
        earlier = [
            r for r in self.by_contact[sender] if (r.sent_at or r.created_at) - CLOCK_SKEW <= date
        ]
        return max(earlier, key=lambda r: r.sent_at or r.created_at).id if earlier else None

    def match_bounce(self, info: classify.BounceInfo) -> int | None:
        self.learn_ids(set(info.message_ids))
        for message_id in info.message_ids:
            if message_id in self.by_message_id:
                return self.by_message_id[message_id]
        for recipient in info.recipients:
            open_ones = self.by_contact.get(recipient.lower())
            if open_ones:
                return max(open_ones, key=lambda r: r.id).id
        return None


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


def _new_mail(store: Store, session: ImapSession, folder: str) -> NewMail:
    saved = store.scan_state(folder)
    previous = Position(saved.uidvalidity, saved.last_uid) if saved is not None else None
    return new_mail(session, folder, previous, store.oldest_open_sent_at())


def _scan_folder(
    store: Store,
    session: ImapSession,
    folder: str,
    candidates: _Candidates,
    config: Config,
    now: datetime,
    report: ScanReport,
) -> None:
    found = _new_mail(store, session, folder)
    report.new_messages += len(found.uids)
    matched: dict[int, int | None] = {}
    if found.uids:
        # Header fields only, read raw (classify never uses the structured
        # header objects): several times faster over thousands of messages.
        parsed = {
            uid: classify.read_headers(raw)
            for uid, raw in session.fetch_headers(found.uids).items()
        }
        candidates.learn_ids(set().union(*map(classify.referenced_ids, parsed.values())))
        for uid, headers in parsed.items():
            request_id = candidates.match_headers(headers)
            if request_id is not None or classify.is_bounce(headers):
                matched[uid] = request_id
    if matched:
        for uid, raw in session.fetch_full(list(matched)).items():
            where = (folder, found.before.uidvalidity, uid)
            change = _apply(store, candidates, where, raw, matched[uid], config, now)
            if change is not None:
                report.changes.append(change)
    after = found.after
    with store.transaction() as tx:
        tx.save_scan_state(ScanState(folder, after.uidvalidity, after.last_uid), now)


def _apply(
    store: Store,
    candidates: _Candidates,
    where: tuple[str, int, int],
    raw: bytes,
    request_id: int | None,
    config: Config,
    now: datetime,
) -> Change | None:
    folder, validity, uid = where
    message = classify.read_message(raw)
    received = classify.message_date(message) or now
    result = classify.classify(message, received)
    if result.kind == "bounce" and result.bounce is not None and request_id is None:
        request_id = candidates.match_bounce(result.bounce)
    if request_id is None:
        return None  # a bounce of some other mail, or nothing of ours
    message_id = classify.header_text(message, "Message-ID")
    reply = Reply(
        request_id=request_id,
        kind=replies.reply_kind(result),
        key=message_id or f"{folder}/{validity}/{uid}",
        folder=folder,
        uid=uid,
        message_id=message_id,
        from_addr=classify.sender_address(message),
        date=classify.message_date(message),
        subject=classify.header_text(message, "Subject"),
        excerpt=result.excerpt or None,
        detail=replies.reply_detail(result),
        found_at=now,
    )
    change = replies.apply_found_message(
        store, request_id, reply, result.return_date, config.follow_up, now
    )
    if change is not None:
        candidates.requests[request_id] = store.get_request(request_id)
    return change


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
