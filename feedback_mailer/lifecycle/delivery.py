"""Sending a request at most once: recorded in `sending` before SMTP is spoken."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from email import message_from_bytes, policy
from email.utils import format_datetime, getaddresses
from enum import StrEnum

from feedback_mailer.base import timing
from feedback_mailer.base.errors import RefusedError, StoreError
from feedback_mailer.lifecycle import follow_ups, outcomes
from feedback_mailer.lifecycle.drafts import Draft
from feedback_mailer.mail import compose
from feedback_mailer.mail.smtp import (
    DeliveryRefused,
    DeliveryUncertain,
    SignInExpired,
    SmtpSession,
)
from feedback_mailer.setup.config import Config, sender_zone
from feedback_mailer.store import NewRequest, Request, Store
from feedback_mailer.store.states import FollowUpStatus, Status
from feedback_mailer.writing import templating

UNDELIVERABLE = "undeliverable"  # the reason of a request closed because its address refused it


def _duplicate_refusal(request_id: int, email: str, company: str, status: str) -> RefusedError:
    """The one sentence for a second open request to the same person at the same company."""
    return RefusedError(
        f"Request {request_id} to {email} at {company} is still open ({status}): asking twice "
        f"looks pushy. See `feedback-mailer show {request_id}`, or pass --force if this really "
        "is a new request."
    )


def record_request(store: Store, new: NewRequest, now: datetime, *, force: bool = False) -> Request:
    """Record a request in `sending` with its exact bytes, before any SMTP is spoken.

    A second open request to the same person at the same company is refused
    here, inside the transaction, unless `force`.
    """
    with store.transaction() as tx:
        if not force:
            duplicate = tx.open_request_to(new.contact_email)
            if duplicate is not None:
                raise _duplicate_refusal(
                    duplicate.id, duplicate.contact_email, duplicate.company, duplicate.status
                )
        return tx.insert_request(new, now, forced=force)


def refuse_duplicate(store: Store, draft: Draft) -> None:
    """A second request to the same address, whatever the company is called, while one
    is open; and a new one while an earlier one failed (`send --resume` is the way)."""
    email = draft.recipient.email
    duplicate = store.find_open_duplicate(email)
    if duplicate is not None:  # checked again atomically when the row is written
        raise _duplicate_refusal(
            duplicate.id, duplicate.contact_email, duplicate.company, duplicate.status
        )
    for failed in store.list_requests([Status.FAILED]):
        if failed.contact_email.lower() == email.lower():
            raise RefusedError(
                f"Request {failed.id} to {failed.contact_email} at {failed.company} was not "
                f"sent ({(failed.status_reason or 'it failed').rstrip('.')}); send it with "
                f"`feedback-mailer send --resume {failed.id}`, or pass --force to write a new "
                "request instead."
            )


def _deliver(
    store: Store,
    request: Request,
    raw: bytes,
    sender: str,
    recipient: str,
    session: SmtpSession,
    now: Callable[[], datetime],
    smtputf8: bool,
) -> Request:
    """Speak SMTP for a request already committed in `sending`, and record the outcome."""
    try:
        session.send(raw, sender, recipient, smtputf8=smtputf8)
    except DeliveryRefused as error:
        if error.permanent and error.about == "recipient":
            # This address will never take it: not a failure to retry but the end.
            outcomes.change_status(
                store, request.id, Status.CLOSED, now(), reason=f"{UNDELIVERABLE}: {error}"
            )
            raise DeliveryRefused(
                f"Request {request.id} cannot be delivered to {recipient}, so it is closed "
                f"({str(error).rstrip('.')}): check the address; a new `send` to the right "
                "one is welcome.",
                permanent=True,
                about="recipient",
            ) from None
        outcomes.change_status(store, request.id, Status.FAILED, now(), reason=str(error))
        said = (
            f"Request {request.id} was not sent: {str(error).rstrip('.')}; once that is "
            f"fixed, `feedback-mailer send --resume {request.id}` sends it."
        )
        if isinstance(error, SignInExpired):  # the cause is the sign-in: exit 5, as in check
            raise SignInExpired(said) from None
        raise DeliveryRefused(said, permanent=error.permanent, about=error.about) from None
    except DeliveryUncertain as error:
        outcomes.change_status(store, request.id, Status.UNKNOWN, now(), reason=str(error))
        raise DeliveryUncertain(
            f"Request {request.id}: {str(error).rstrip('.')}; it is marked unknown and never "
            "sent again on its own: look in your Sent folder (`feedback-mailer check` does), "
            f"then `feedback-mailer send --resume {request.id} --force` or `mark "
            f"{request.id} --closed`."
        ) from None
    try:
        return outcomes.change_status(store, request.id, Status.AWAITING, now(), sent_at=now())
    except StoreError as error:
        # The one thing the person must know: it went out. The row stays `sending`, so
        # nothing sends it again, and it becomes `unknown` once stale (README, Guarantees).
        raise StoreError(
            f"The message to {recipient} was delivered (the server accepted it), but "
            f"request {request.id} could not be recorded as sent: {error} Do not send it "
            "again; free some space and `feedback-mailer check` or `list` will show it."
        ) from None


def deliver_request(
    draft: Draft,
    store: Store,
    open_session: follow_ups.SessionFactory,
    now: Callable[[], datetime],
    *,
    force: bool = False,
) -> Request:
    """Record the request in `sending`, then send it; at most once, always."""
    if draft.placeholder_sender:
        raise RefusedError("There is no sender configured: run `feedback-mailer init` first.")
    # The password is fetched before anything is recorded, so a keyring
    # failure leaves no row behind.
    session = open_session()
    raw = draft.raw()
    request = record_request(
        store,
        NewRequest(
            company=draft.inputs.company,
            role=draft.inputs.role,
            contact_name=draft.inputs.name,
            contact_email=draft.recipient.email,
            template=draft.inputs.template,
            subject=draft.subject,
            message_id=draft.message_id,
            raw=raw,
            recipient_tz=draft.recipient_zone.key,
            interview_date=draft.inputs.interview_date,
            follow_up_due=draft.follow_up_due,
            follow_up_template=templating.DEFAULT_FOLLOW_UP_TEMPLATE,
            language=draft.inputs.language or templating.DEFAULT_LANGUAGE,
            greet=draft.inputs.greet,
            rejection_id=draft.inputs.answering.rejection_id if draft.inputs.answering else None,
        ),
        now(),
        force=force,
    )
    return _deliver(
        store,
        request,
        raw,
        draft.sender.email,
        draft.recipient.email,
        session,
        now,
        draft.smtputf8,
    )


def resume_request(
    request_id: int,
    store: Store,
    open_session: follow_ups.SessionFactory,
    now: Callable[[], datetime],
    *,
    force: bool,
    config: Config | None = None,
) -> Request:
    """Send a `failed` request again (an `unknown` one only with `force`): same bytes.

    Its scheduled follow-up keeps its time unless that now comes too soon
    after the real send, in which case it moves to the default delay.
    """
    request = store.get_request(request_id)
    if request.status == Status.UNKNOWN and not force:
        raise RefusedError(
            f"Request {request_id} may already have been delivered (its outcome is unknown): "
            "check your Sent folder or `feedback-mailer check`; resend only with --force."
        )
    if request.status not in (Status.FAILED, Status.UNKNOWN):
        raise RefusedError(
            f"Request {request_id} is {request.status}: only a failed request can be resumed."
        )
    stored = store.message(request_id, "request")
    original = message_from_bytes(stored.raw, policy=policy.SMTP)
    sender = _address_of(str(original["From"]))
    session = open_session()
    raw = redated(stored.raw, now().astimezone(sender_zone(config)))
    with store.transaction() as tx:
        tx.replace_message(
            request_id, stored.message_id, raw, now(), "resumed: dated for the time it is sent"
        )
    request = outcomes.change_status(
        store, request_id, Status.SENDING, now(), reason="resumed", expected=(request.status,)
    )
    sent = _deliver(
        store,
        request,
        raw,
        sender,
        request.contact_email,
        session,
        now,
        compose.needs_smtputf8(sender, request.contact_email),
    )
    return _respace_follow_up(store, sent, config, now())


def _respace_follow_up(
    store: Store, request: Request, config: Config | None, now: datetime
) -> Request:
    follow_up = request.follow_up
    if (
        follow_up.status != FollowUpStatus.SCHEDULED
        or follow_up.due_at is None
        or request.sent_at is None
    ):
        return request
    settings = follow_ups.follow_up_settings(config)
    tz = timing.zone(request.recipient_tz)
    if follow_up.due_at >= follow_ups.earliest_follow_up(request.sent_at, settings, tz):
        return request
    due = follow_ups.default_follow_up_due(request.sent_at, settings, tz)
    return follow_ups.schedule(
        store, request.id, due, now, reason="follow-up moved: the request was only sent now"
    )


_DATE_HEADER = re.compile(
    rb"^Date:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*", re.MULTILINE | re.IGNORECASE
)


def redated(raw: bytes, moment: datetime) -> bytes:
    """`raw` with its Date header set to `moment`; every other byte as it was."""
    head, separator, body = raw.partition(b"\r\n\r\n")
    line = f"Date: {format_datetime(moment)}\r\n".encode("ascii")
    new_head, count = _DATE_HEADER.subn(lambda _match: line, head + b"\r\n", count=1)
    if count == 0:
        new_head = line + head + b"\r\n"
    return new_head[: -len(b"\r\n")] + separator + body


def _address_of(header: str) -> str:
    pairs = getaddresses([header])
    return pairs[0][1] if pairs else ""


class Outcome(StrEnum):
    """What became of a message handed to SMTP (the words of `deliver_once`)."""

    ACCEPTED = "accepted"  # the server said 250 to the end of DATA
    REFUSED = "refused"  # refused before accepting: nothing was delivered
    UNCERTAIN = "uncertain"  # it may have arrived: never sent again on its own


def deliver_once(
    open_session: follow_ups.SessionFactory,
    record: Callable[[], object],
    raw: bytes,
    sender: str,
    recipient: str,
    finish: Callable[[Outcome, str | None], object],
) -> None:
    """The at-most-once path of a message that is not a request (a thank-you): the
    password is fetched first, so a keyring failure records nothing; `record` commits
    the message in `sending` with its exact bytes; then SMTP is spoken once, and
    `finish` records the Outcome."""
    session = open_session()
    record()
    try:
        session.send(raw, sender, recipient, smtputf8=compose.needs_smtputf8(sender, recipient))
    except DeliveryRefused as error:
        finish(Outcome.REFUSED, str(error))
        raise
    except DeliveryUncertain as error:
        finish(Outcome.UNCERTAIN, str(error))
        raise
    finish(Outcome.ACCEPTED, None)
