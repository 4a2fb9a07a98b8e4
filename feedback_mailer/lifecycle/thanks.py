"""A thank-you for the feedback: one short reply in the answer's thread, only ever
sent when the person asks (`thank ID`; `run` never sends it), at most once.

It follows the request's path (README, Guarantees): drafted from a template
(`thank_you`, in the request's language unless --lang says otherwise), the
tone check applied, shown, optionally edited, confirmed, then committed in
`sending` with its exact bytes before SMTP is spoken (delivery.deliver_once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from email import message_from_bytes, policy
from email.utils import getaddresses
from pathlib import Path

from feedback_mailer.base.errors import RefusedError
from feedback_mailer.base.textsafety import require_clean_body
from feedback_mailer.lifecycle import delivery, follow_ups
from feedback_mailer.lifecycle.drafts import Composed, read_edited
from feedback_mailer.mail import compose
from feedback_mailer.mail.addresses import validate_address
from feedback_mailer.setup.config import Config, sender_zone
from feedback_mailer.store import Reply, Request, Store, ThankYou
from feedback_mailer.store.states import (
    FOLLOW_UP_GONE,
    MessageKind,
    ReplyKind,
    Status,
    ThankYouStatus,
)
from feedback_mailer.writing import languages, templating, tone, wording

# A thank-you may be tried again after these: nothing was delivered.
_MAY_SEND = (ThankYouStatus.FAILED, ThankYouStatus.SKIPPED)
# Only with --force: it may already have arrived.
_MAYBE_DELIVERED = (ThankYouStatus.SENDING, ThankYouStatus.UNKNOWN)


@dataclass(frozen=True)
class ThankDraft(Composed):
    """A thank-you ready to show, edit, confirm and send."""

    request: Request
    sender: compose.Party
    recipient: compose.Party
    subject: str
    text: str
    html: str | None
    message_id: str
    date: datetime
    thread: compose.Thread
    language: str
    highlights: tuple[str, ...] = ()
    warnings: tuple[tone.Pushy, ...] = ()

    def reply_thread(self) -> compose.Thread:
        return self.thread


def answer_of(store: Store, request: Request) -> Reply | None:
    """The answer the thank-you replies to: the newest one found in the mailbox."""
    answers = [r for r in store.replies(request.id) if r.kind == ReplyKind.ANSWER]
    return answers[-1] if answers else None


def check_may_thank(request: Request, existing: ThankYou | None, *, force: bool) -> None:
    if request.replied_at is None:
        raise RefusedError(
            f"Request {request.id} has no answer yet: a thank-you follows an answer (if it "
            f"came another way, `feedback-mailer mark {request.id} --answered` first)."
        )
    if existing is None or existing.status in _MAY_SEND:
        return
    if existing.status == ThankYouStatus.SENT:
        raise RefusedError(
            f"The thank-you for request {request.id} was already sent: one is enough."
        )
    if existing.status in _MAYBE_DELIVERED and not force:
        raise RefusedError(
            f"The thank-you for request {request.id} may already have been delivered "
            f"({existing.reason or 'its sending was interrupted'}): look in your Sent folder; "
            "send it again only with --force."
        )


def thread_of(request: Request, answer: Reply | None) -> compose.Thread:
    """In-Reply-To the answer when its Message-ID is known, else our request; References
    the request, the follow-up if it went out, then the answer."""
    chain = [request.message_id]
    follow_up = request.follow_up
    if follow_up.status in FOLLOW_UP_GONE and follow_up.message_id:
        chain.append(follow_up.message_id)
    if answer is not None and answer.message_id and answer.message_id not in chain:
        return compose.Thread(in_reply_to=answer.message_id, references=tuple(chain))
    return compose.Thread(in_reply_to=chain[-1], references=tuple(chain[:-1]))


def _interview_day(request: Request, now: datetime, language: str) -> str | None:
    if not request.interview_date:
        return None
    return languages.day_in_text(date.fromisoformat(request.interview_date), now, language)


def prepare(
    store: Store,
    request_id: int,
    config: Config | None,
    templates_dir: Path | None,
    now: datetime,
    *,
    language: str | None = None,
    highlights: tuple[str, ...] = (),
    name: str | None = None,
    force: bool = False,
) -> ThankDraft:
    """Validate and render the thank-you; nothing is recorded or sent."""
    request = store.get_request(request_id)
    check_may_thank(request, store.thank_you(request_id), force=force)
    answer = answer_of(store, request)
    original = message_from_bytes(
        store.message(request_id, MessageKind.REQUEST.value).raw, policy=policy.SMTP
    )
    sender_name, sender_email = getaddresses([str(original["From"])])[0]
    body = original.get_body(preferencelist=("plain",))
    original_text = str(body.get_content()) if body is not None else ""
    who = (answer.from_addr if answer else None) or request.reply_from or request.contact_email
    to = validate_address(who, what="address of the person who answered")
    is_contact = to.lower() == request.contact_email.lower()
    contact = name or (request.contact_name if is_contact else None)
    language = languages.check(language) if language else request.language
    cleaned = tuple(
        wording.mid_sentence(text)
        for text in (compose.header_text(h, "highlight (--highlight)") for h in highlights)
        if text and wording.mid_sentence(text)
    )
    rendered = templating.render(
        templating.DEFAULT_THANK_YOU_TEMPLATE,
        {
            "contact_name": contact,
            "contact_first_name": wording.first_name(contact),
            "greet": (request.greet or wording.greeting_name(original_text))
            if is_contact and not name
            else None,
            "company": request.company,
            "role": request.role,
            "interview_date": _interview_day(request, now, language),
            "highlights": list(cleaned),
            "sender_name": sender_name,
            "sender_email": sender_email,
            "original_subject": request.subject,
        },
        templates_dir,
        language,
    )
    draft = ThankDraft(
        request=request,
        sender=compose.Party(sender_name or None, sender_email),
        recipient=compose.Party(contact, to),
        # Our own subject, not the answer's: text from outside never reaches a header.
        subject=compose.reply_subject(request.subject),
        text=require_clean_body(rendered.text, "thank-you text"),
        html=rendered.html,
        message_id=compose.new_message_id(sender_email),
        date=now.astimezone(sender_zone(config)),
        thread=thread_of(request, answer),
        language=language,
        highlights=cleaned,
    )
    draft.message()  # header checks now, not at send time
    return replace(draft, warnings=tone_warnings(draft))


def tone_warnings(draft: ThankDraft) -> tuple[tone.Pushy, ...]:
    text = "\n".join((draft.subject, draft.text, *draft.highlights))
    return tuple(tone.pushy_phrases(text, draft.language))


def apply_edit(draft: ThankDraft, edited: str) -> ThankDraft:
    """Take the edited subject and text (as `send --edit` reads them); every check runs again."""
    subject, text = read_edited(edited)
    edited_draft = replace(draft, subject=subject, text=text)
    edited_draft.message()
    return replace(edited_draft, warnings=tone_warnings(edited_draft))


def _record(store: Store, draft: ThankDraft, now: datetime, force: bool) -> None:
    """Commit the thank-you in `sending` with its bytes, checking again inside the lock."""
    with store.transaction() as tx:
        request = tx.get(draft.request.id)
        check_may_thank(request, tx.thank_you(request.id), force=force)
        tx.start_thank_you(
            request,
            now,
            message_id=draft.message_id,
            in_reply_to=draft.thread.in_reply_to,
            recipient=draft.recipient.email,
            raw=draft.raw(),
        )


def send(
    store: Store,
    draft: ThankDraft,
    open_session: follow_ups.SessionFactory,
    now: Callable[[], datetime],
    *,
    force: bool = False,
) -> ThankYou:
    """Record, then send once; the outcome is recorded whatever happens."""
    outcome = {
        delivery.Outcome.ACCEPTED: ThankYouStatus.SENT,
        delivery.Outcome.REFUSED: ThankYouStatus.FAILED,
        delivery.Outcome.UNCERTAIN: ThankYouStatus.UNKNOWN,
    }

    def finish(word: delivery.Outcome, reason: str | None) -> None:
        with store.transaction() as tx:
            tx.set_thank_you(
                draft.request.id,
                outcome[word],
                now(),
                expected=(ThankYouStatus.SENDING,),
                reason=reason,
            )

    delivery.deliver_once(
        open_session,
        lambda: _record(store, draft, now(), force),
        draft.raw(),
        draft.sender.email,
        draft.recipient.email,
        finish,
    )
    sent = store.thank_you(draft.request.id)
    if sent is None:  # recorded above in its own transaction, so always there
        raise RefusedError(f"The thank-you for request {draft.request.id} was not recorded.")
    return sent


def skip(store: Store, request_id: int, now: datetime) -> None:
    """`thank ID --skip`: the person decided not to; it is no longer suggested."""
    with store.transaction() as tx:
        request = tx.get(request_id)
        existing = tx.thank_you(request_id)
        if existing is None:
            tx.skip_thank_you(request_id, now, "you chose not to send one")
        elif existing.status == ThankYouStatus.FAILED:
            tx.set_thank_you(
                request_id,
                ThankYouStatus.SKIPPED,
                now,
                expected=(ThankYouStatus.FAILED,),
                reason="you chose not to send one",
            )
        elif existing.status != ThankYouStatus.SKIPPED:
            raise RefusedError(
                f"The thank-you for request {request.id} is {existing.status}: there is "
                "nothing to skip."
            )


def to_suggest(store: Store, now: datetime, within_days: int = 30) -> list[Request]:
    """Answers of the last weeks with no thank-you sent, tried or declined."""
    from datetime import timedelta

    return [
        r
        for r in store.answered_not_thanked(now - timedelta(days=within_days))
        if r.status in (Status.ANSWERED, Status.CLOSED)
    ]
