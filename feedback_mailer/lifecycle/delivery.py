"""Sending a request at most once: recorded in `sending` before SMTP is spoken."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from email import message_from_bytes, policy
from email.utils import getaddresses

from feedback_mailer import templating, timing
from feedback_mailer.errors import RefusedError, StoreError
from feedback_mailer.lifecycle import follow_ups, outcomes
from feedback_mailer.lifecycle.drafts import Draft
from feedback_mailer.mail import compose
from feedback_mailer.mail.smtp import DeliveryRefused, DeliveryUncertain, SmtpSession
from feedback_mailer.setup.config import Config
from feedback_mailer.store import NewRequest, Request, Store
from feedback_mailer.store.states import FollowUpStatus, Status


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
            duplicate = tx.open_request_to(new.contact_email, new.company)
            if duplicate is not None:
                raise _duplicate_refusal(
                    duplicate.id, new.contact_email, new.company, duplicate.status
                )
        return tx.insert_request(new, now, forced=force)


def refuse_duplicate(store: Store, draft: Draft) -> None:
    duplicate = store.find_open_duplicate(draft.recipient.email, draft.inputs.company)
    if duplicate is not None:  # checked again atomically when the row is written
        raise _duplicate_refusal(
            duplicate.id, duplicate.contact_email, duplicate.company, duplicate.status
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
        outcomes.change_status(store, request.id, Status.FAILED, now(), reason=str(error))
        raise
    except DeliveryUncertain as error:
        outcomes.change_status(store, request.id, Status.UNKNOWN, now(), reason=str(error))
        raise
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
    request = outcomes.change_status(
        store, request_id, Status.SENDING, now(), reason="resumed", expected=(request.status,)
    )
    sent = _deliver(
        store,
        request,
        stored.raw,
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


def _address_of(header: str) -> str:
    pairs = getaddresses([header])
    return pairs[0][1] if pairs else ""
