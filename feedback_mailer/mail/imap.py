"""Look for replies over IMAP, cheaply and incrementally.

Per folder the store keeps UIDVALIDITY and the highest UID seen, so a repeat
scan asks only for new UIDs: one SELECT, at most one SEARCH, then header
fields of the new messages in batches (BODY.PEEK, so nothing is marked
read), and whole messages only for the few that matched a request. The
number of commands depends on the number of new messages, never on the
number of open requests or old messages.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser
from typing import IO, TYPE_CHECKING, Any

from feedback_mailer import timing
from feedback_mailer.errors import MailServerError
from feedback_mailer.mail import classify
from feedback_mailer.mail.connection import tls_context
from feedback_mailer.setup.config import Config, ImapConfig, is_loopback
from feedback_mailer.store import OPEN_STATUSES, Reply, Request, ScanState, Store

BATCH = 500
_HEADER_PARSER = BytesHeaderParser()  # compat32: no email.policy import at start-up
CLOCK_SKEW = timedelta(minutes=5)
TIMEOUT_SECONDS = 30.0
RETURN_DATE_HORIZON_DAYS = 30
FOLLOW_UP_AFTER_RETURN_BUSINESS_DAYS = 2


# --- the connection ---------------------------------------------------------


class _Transcript:
    """`--debug` lines, with LOGIN/AUTHENTICATE arguments hidden."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def sent(self, data: bytes) -> None:
        text = data.decode("utf-8", "replace").rstrip("\r\n")
        match = re.match(r"(\S+ (?:LOGIN|AUTHENTICATE))\b", text, re.IGNORECASE)
        if match:
            text = match.group(1) + " ********"
        if len(text) > 300:
            text = f"<{len(data)} bytes>"
        self.stream.write(f"C: {text}\n")

    def received(self, line: bytes) -> None:
        self.stream.write(f"S: {line.decode('utf-8', 'replace').rstrip()}\n")


if TYPE_CHECKING:
    from typing_extensions import Buffer

    _TranscriptBase = imaplib.IMAP4
else:
    _TranscriptBase = object


class _TranscriptMixin(_TranscriptBase):
    transcript: _Transcript | None = None

    def send(self, data: Buffer) -> None:
        if self.transcript is not None:
            self.transcript.sent(bytes(data))
        super().send(data)

    def readline(self) -> bytes:
        line: bytes = super().readline()
        if self.transcript is not None:
            self.transcript.received(line)
        return line


class _IMAP(_TranscriptMixin, imaplib.IMAP4):
    pass


class _IMAP_SSL(_TranscriptMixin, imaplib.IMAP4_SSL):
    pass


@dataclass
class ImapStats:
    commands: int = 0
    header_fetches: int = 0  # UIDs whose header fields were fetched
    full_fetches: int = 0  # UIDs fetched whole
    folders: int = 0


class ImapSession:
    """One login; every command is counted so tests and the benchmark can see the cost."""

    def __init__(self, config: ImapConfig, password: str, *, debug: IO[str] | None = None) -> None:
        if config.security == "none" and not is_loopback(config.host):
            raise MailServerError(
                f'imap.security = "none" is only allowed for a server on this machine, not '
                f'{config.host}: use "tls" or "starttls".'
            )
        self.config = config
        self._password = password
        self._debug = debug
        self._imap: imaplib.IMAP4 | None = None
        self.stats = ImapStats()

    def __enter__(self) -> ImapSession:
        self.connect()
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _where(self) -> str:
        return f"{self.config.host}:{self.config.port}"

    def connect(self) -> None:
        if self._imap is not None:
            return
        try:
            self._imap = self._open()
            self._call("login", self.config.username, self._password)
        except ssl.SSLCertVerificationError as error:
            self.close()
            raise MailServerError(
                f"The certificate of {self.config.host} could not be verified "
                f"({error.verify_message}): if it is a private server, set imap.cafile to its CA "
                "bundle; otherwise check imap.host."
            ) from None
        except ssl.SSLError as error:
            self.close()
            raise MailServerError(
                f"TLS with {self._where()} failed ({error.reason or error}): check imap.port and "
                'imap.security ("tls" is usually port 993, "starttls" port 143).'
            ) from None
        except TimeoutError:
            self.close()
            raise MailServerError(
                f"{self._where()} did not answer in time: try again later."
            ) from None
        except OSError as error:
            self.close()
            raise MailServerError(
                f"Cannot connect to {self._where()} ({error.strerror or error}): check imap.host "
                "and imap.port, and that you are online."
            ) from None

    def _open(self) -> imaplib.IMAP4:
        config = self.config
        context = tls_context(config.cafile)
        if config.security == "tls":
            imap: imaplib.IMAP4 = _IMAP_SSL(
                config.host, config.port, ssl_context=context, timeout=TIMEOUT_SECONDS
            )
        else:
            imap = _IMAP(config.host, config.port, timeout=TIMEOUT_SECONDS)
        assert isinstance(imap, _TranscriptMixin)
        if self._debug is not None:
            imap.transcript = _Transcript(self._debug)
        if config.security == "starttls":
            if "STARTTLS" not in imap.capabilities:
                imap.shutdown()
                raise MailServerError(
                    f"{self._where()} does not offer STARTTLS, so the password would travel "
                    'unencrypted: use imap.security = "tls" (usually port 993).'
                )
            self.stats.commands += 1
            imap.starttls(ssl_context=context)
        return imap

    def close(self) -> None:
        if self._imap is None:
            return
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            self._imap.logout()
        self._imap = None

    def _call(self, name: str, *args: Any) -> list[Any]:
        """Run one IMAP command; a NO/BAD answer or a broken link becomes one sentence."""
        assert self._imap is not None
        self.stats.commands += 1
        try:
            status, data = getattr(self._imap, name)(*args)
        except imaplib.IMAP4.abort as error:
            raise MailServerError(
                f"The IMAP connection to {self._where()} broke ({error})."
            ) from None
        except imaplib.IMAP4.error as error:
            text = str(error)
            if name == "login":
                raise MailServerError(
                    f"{self.config.host} refused the IMAP login for {self.config.username} "
                    f"({text}): store the right password with `feedback-mailer auth set imap`."
                ) from None
            raise MailServerError(f"{self.config.host} refused {name.upper()}: {text}.") from None
        if status != "OK":
            raise MailServerError(
                f"{self.config.host} answered {status} to {name.upper()}: {_text(data)}."
            )
        return list(data)

    def _uid(self, command: str, *args: Any) -> list[Any]:
        return self._call("uid", command, *args)

    # --- folders ------------------------------------------------------------

    def select(self, folder: str) -> tuple[int, int]:
        """Open `folder` read-only; returns (UIDVALIDITY, UIDNEXT)."""
        assert self._imap is not None
        try:
            self._call("select", _quote(folder), True)
        except MailServerError:
            raise MailServerError(
                f"The folder {folder!r} cannot be opened on {self.config.host}: check "
                "imap.folders and imap.sent_folder (`feedback-mailer doctor` lists the folders)."
            ) from None
        self.stats.folders += 1
        validity = _int_response(self._imap.response("UIDVALIDITY")[1])
        uidnext = _int_response(self._imap.response("UIDNEXT")[1])
        return validity, uidnext

    def search(self, *criteria: str) -> list[int]:
        data = self._uid("SEARCH", *criteria)
        return sorted(int(uid) for chunk in data if chunk for uid in chunk.split())

    def fetch_headers(self, uids: Sequence[int]) -> dict[int, bytes]:
        fields = " ".join(classify.HEADER_FIELDS)
        found = self._fetch(uids, f"(UID BODY.PEEK[HEADER.FIELDS ({fields})])")
        self.stats.header_fetches += len(found)
        return found

    def fetch_full(self, uids: Sequence[int]) -> dict[int, bytes]:
        found = self._fetch(uids, "(UID BODY.PEEK[])")
        self.stats.full_fetches += len(found)
        return found

    def _fetch(self, uids: Sequence[int], items: str) -> dict[int, bytes]:
        found: dict[int, bytes] = {}
        for batch in _batches(sorted(uids), BATCH):
            for part in self._uid("FETCH", _uid_set(batch), items):
                if isinstance(part, tuple) and len(part) == 2:
                    match = re.search(rb"UID (\d+)", part[0])
                    if match:
                        found[int(match.group(1))] = part[1]
        return found

    def append(self, folder: str, raw: bytes, when: datetime) -> None:
        date = imaplib.Time2Internaldate(when.timestamp())
        self._call("append", _quote(folder), r"(\Seen)", date, raw)


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(data: Iterable[Any]) -> str:
    return " ".join(
        part.decode("utf-8", "replace") if isinstance(part, bytes) else str(part)
        for part in data
        if part
    )


def _int_response(data: Sequence[Any] | None) -> int:
    if not data or data[0] is None:
        return 0
    return int(data[0])


def _batches(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _uid_set(uids: Sequence[int]) -> str:
    """Compress sorted UIDs into ranges: 1,2,3,7 → 1:3,7."""
    ranges: list[str] = []
    start = previous = uids[0]
    for uid in uids[1:]:
        if uid == previous + 1:
            previous = uid
            continue
        ranges.append(f"{start}:{previous}" if start != previous else str(start))
        start = previous = uid
    ranges.append(f"{start}:{previous}" if start != previous else str(start))
    return ",".join(ranges)


# --- matching and applying ------------------------------------------------------


@dataclass(frozen=True)
class Change:
    request_id: int
    text: str


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
        # A reply to a closed one is still matched by Message-ID (and loaded then).
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


def _new_uids(store: Store, session: ImapSession, folder: str) -> tuple[list[int], ScanState]:
    validity, uidnext = session.select(folder)
    state = store.scan_state(folder)
    if state is not None and state.uidvalidity == validity:
        if uidnext and uidnext <= state.last_uid + 1:
            return [], state  # nothing new: no SEARCH at all
        uids = [
            uid for uid in session.search("UID", f"{state.last_uid + 1}:*") if uid > state.last_uid
        ]
        return uids, state
    # First scan, or the server renumbered the folder: look again at everything
    # since the oldest open request (SEARCH SINCE has day granularity).
    oldest = store.oldest_open_sent_at()
    if oldest is None:
        uids = []
    else:
        since = (oldest - timedelta(days=1)).strftime("%d-%b-%Y")
        uids = session.search("SINCE", since)
    # Older messages predate every open request: mark them seen without fetching.
    return uids, ScanState(folder, validity, max(uidnext - 1, 0))


def _scan_folder(
    store: Store,
    session: ImapSession,
    folder: str,
    candidates: _Candidates,
    config: Config,
    now: datetime,
    report: ScanReport,
) -> None:
    uids, state = _new_uids(store, session, folder)
    report.new_messages += len(uids)
    matched: dict[int, int | None] = {}
    if uids:
        # Header fields only, read raw (classify never uses the structured
        # header objects): several times faster over thousands of messages.
        parsed = {
            uid: _HEADER_PARSER.parsebytes(raw) for uid, raw in session.fetch_headers(uids).items()
        }
        candidates.learn_ids(set().union(*map(classify.referenced_ids, parsed.values())))
        for uid, headers in parsed.items():
            request_id = candidates.match_headers(headers)
            if request_id is not None or classify.is_bounce(headers):
                matched[uid] = request_id
    if matched:
        from email import policy  # only when a message matched: heavy to import

        for uid, raw in session.fetch_full(list(matched)).items():
            message = message_from_bytes(raw, policy=policy.default)
            _apply(
                store,
                candidates,
                folder,
                state.uidvalidity,
                uid,
                message,
                matched[uid],
                config,
                now,
                report,
            )
    last = max([state.last_uid, *uids])
    store.save_scan_state(ScanState(folder, state.uidvalidity, last), now)


def _apply(
    store: Store,
    candidates: _Candidates,
    folder: str,
    validity: int,
    uid: int,
    message: Message,
    request_id: int | None,
    config: Config,
    now: datetime,
    report: ScanReport,
) -> None:
    received = classify.message_date(message) or now
    result = classify.classify(message, received)
    if result.kind == "bounce":
        assert result.bounce is not None
        request_id = candidates.match_bounce(result.bounce) if request_id is None else request_id
        if request_id is None:
            return  # a bounce of some other mail
    elif request_id is None:
        return
    request = candidates.requests.get(request_id) or store.get_request(request_id)
    kind = _reply_kind(result)
    reply = Reply(
        request_id=request_id,
        kind=kind,
        key=_reply_key(message, folder, validity, uid),
        folder=folder,
        uid=uid,
        message_id=_header(message, "Message-ID"),
        from_addr=classify.sender_address(message),
        date=classify.message_date(message),
        subject=_header(message, "Subject"),
        excerpt=result.excerpt or None,
        detail=_reply_detail(result),
        found_at=now,
    )
    if not store.record_reply(reply):
        return  # already known (e.g. after a UIDVALIDITY rescan)
    change = _react(store, request, reply, result, config, now)
    if change:
        report.changes.append(Change(request_id, change))
        candidates.requests[request_id] = store.get_request(request_id)


def _reply_kind(result: classify.Classification) -> str:
    if result.kind == "bounce":
        assert result.bounce is not None
        return "bounce_hard" if result.bounce.hard else "bounce_soft"
    return result.kind


def _reply_detail(result: classify.Classification) -> dict[str, Any]:
    detail: dict[str, Any] = {}
    if result.return_date:
        detail["return_date"] = result.return_date.isoformat()
    if result.bounce is not None:
        detail["status"] = result.bounce.status
        detail["diagnostic"] = result.bounce.diagnostic
        detail["recipients"] = list(result.bounce.recipients)
    return detail


def _header(message: Message, name: str) -> str | None:
    """A header's text, read raw: a malformed header must not stop the scan."""
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return " ".join(str(value).split()) or None
    return None


def _reply_key(message: Message, folder: str, validity: int, uid: int) -> str:
    message_id = _header(message, "Message-ID")
    return message_id or f"{folder}/{validity}/{uid}"


def _day(moment: datetime | None) -> str:
    if moment is None:
        return "an unknown date"
    return f"{moment.day} {moment:%b}"


def _react(
    store: Store,
    request: Request,
    reply: Reply,
    result: classify.Classification,
    config: Config,
    now: datetime,
) -> str | None:
    """Change the request's state for a newly found reply; a sentence for `check`."""
    label = request.company
    if reply.kind == "answer":
        if request.status not in ("sending", "awaiting", "unknown"):
            return None
        store.mark_answered(
            request.id,
            now,
            replied_at=reply.date or now,
            reply_from=reply.from_addr,
            excerpt=reply.excerpt,
            reason=f"answered by {reply.from_addr}",
        )
        name = _display_name(reply, request)
        return f"{label}: answered by {name} on {_day(reply.date)}"
    if reply.kind == "bounce_hard":
        if request.status not in ("sending", "awaiting", "unknown"):
            return None
        diagnostic = reply.detail.get("diagnostic") or reply.detail.get("status") or "bounced"
        store.set_request_status(request.id, "bounced", now, reason=f"bounced: {diagnostic}")
        return f"{label}: bounced ({diagnostic}) — follow-up cancelled"
    if reply.kind == "bounce_soft":
        return (
            f"{label}: delivery delayed ({reply.detail.get('diagnostic') or 'temporary failure'})"
        )
    return _out_of_office(store, request, result, config, now)


def _display_name(reply: Reply, request: Request) -> str:
    if reply.from_addr and reply.from_addr.lower() == request.contact_email.lower():
        return request.contact_name or request.contact_email
    return reply.from_addr or "someone"


def _out_of_office(
    store: Store, request: Request, result: classify.Classification, config: Config, now: datetime
) -> str:
    label = request.company
    if result.return_date is None:
        return f"{label}: automatic reply (not an answer)"
    back = f"{result.return_date.day} {result.return_date:%b}"
    follow_up = request.follow_up
    if follow_up.status != "scheduled" or follow_up.due_at is None:
        return f"{label}: out-of-office until {back}"
    tz = timing.zone(request.recipient_tz)
    window = timing.parse_window(config.follow_up.window)
    back_at = datetime.combine(result.return_date, datetime.min.time(), tz)
    due = timing.next_window_opening(
        timing.add_business_days(back_at, FOLLOW_UP_AFTER_RETURN_BUSINESS_DAYS, tz), window, tz
    )
    if due <= follow_up.due_at:
        return f"{label}: out-of-office until {back}; the follow-up is already later"
    store.schedule_follow_up(request.id, due, now, reason=f"out of office until {back}")
    local = due.astimezone(tz)
    return f"{label}: out-of-office until {back} — follow-up moved to {local.day} {local:%b}"


def _resolve_unknown_from_sent(
    store: Store, session: ImapSession, sent_folder: str, now: datetime, report: ScanReport
) -> None:
    """A request whose outcome was unknown is `awaiting` once its copy is found in Sent."""
    unknown = store.list_requests(("unknown",))
    if not unknown:
        return
    session.select(sent_folder)
    for request in unknown:
        if session.search("HEADER", "Message-ID", request.message_id):
            store.set_request_status(
                request.id,
                "awaiting",
                now,
                reason="found in the Sent folder",
                expected=("unknown",),
                sent_at=request.attempt_at or now,
            )
            report.changes.append(
                Change(request.id, f"{request.company}: found in {sent_folder}, so it was sent")
            )
