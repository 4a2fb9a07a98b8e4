"""A request before it is sent: validated inputs, the rendered message, its checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

from feedback_mailer.base import timing, typed_time
from feedback_mailer.base.errors import InputError
from feedback_mailer.base.textsafety import require_clean_body
from feedback_mailer.lifecycle import follow_ups
from feedback_mailer.mail import compose
from feedback_mailer.mail.addresses import parse_recipient, validate_address
from feedback_mailer.setup.config import Config, sender_zone
from feedback_mailer.writing import languages, salutations, templating, tone, wording

PLACEHOLDER_NAME = "Your Name"


PLACEHOLDER_EMAIL = "you@example.com"


MAX_TEXT_OPTION = 300


@dataclass(frozen=True)
class RequestInput:
    to: str
    company: str
    name: str | None = None
    role: str | None = None
    interview_date: str | None = None
    highlights: tuple[str, ...] = ()
    template: str = templating.DEFAULT_REQUEST_TEMPLATE
    follow_up: str | None = None
    no_follow_up: bool = False
    tz: str | None = None
    greet: str | None = None  # how to address the contact: "Ms Doe", "Jane"
    language: str | None = None  # --lang; None: sender.language, else English
    answering: Answered | None = None  # the rejection email this request replies to


@dataclass(frozen=True)
class Answered:
    """The rejection a request replies to, in its thread (send --rejection)."""

    rejection_id: int | None  # None for a saved file or a message piped in
    subject: str  # their subject
    references: tuple[str, ...]  # their thread, their own Message-ID last
    received: datetime | None
    feedback_offered: bool


class Composed:
    """What every draft that is sent has, and how it becomes the exact bytes sent: one
    way for a request and a thank-you. Subclasses are frozen dataclasses with these
    fields; `reply_thread` says which thread a reply belongs to."""

    sender: compose.Party
    recipient: compose.Party
    subject: str
    text: str
    html: str | None
    message_id: str
    date: datetime

    def reply_thread(self) -> compose.Thread | None:
        return None

    @property
    def smtputf8(self) -> bool:
        return compose.needs_smtputf8(self.sender.email, self.recipient.email)

    def message(self) -> EmailMessage:
        return compose.build_message(
            sender=self.sender,
            recipient=self.recipient,
            subject=self.subject,
            text=self.text,
            html=self.html,
            message_id=self.message_id,
            date=self.date,
            thread=self.reply_thread(),
        )

    def raw(self) -> bytes:
        return compose.to_bytes(self.message(), smtputf8=self.smtputf8)


@dataclass(frozen=True)
class Draft(Composed):
    """A request ready to show, edit, confirm and send."""

    inputs: RequestInput
    sender: compose.Party
    recipient: compose.Party
    subject: str
    text: str
    html: str | None
    message_id: str
    date: datetime
    recipient_zone: ZoneInfo
    follow_up_due: datetime | None
    warnings: tuple[tone.Pushy, ...] = ()
    edited: bool = False  # the person changed the text in their editor
    placeholder_sender: bool = False

    def reply_thread(self) -> compose.Thread | None:
        answering = self.inputs.answering
        if answering is None or not answering.references:
            return None
        return compose.Thread(answering.references[-1], answering.references[:-1])


def parse_interview_date(
    text: str, now: datetime, tz: ZoneInfo, language: str = languages.DEFAULT
) -> date:
    """The day as typed in the message's language, digits in that language's order."""
    return typed_time.parse_past_day(text, now, tz, language, languages.date_order(language))


def describe_interview_date(
    day: date, now: datetime, tz: ZoneInfo, language: str = languages.DEFAULT
) -> str:
    """The day as the language writes it in a sentence, with the year if not this one's."""
    return languages.day_in_text(day, now.astimezone(tz), language)


def _clean_option(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = compose.header_text(value, what)  # company, name and role can reach headers
    if len(value) > MAX_TEXT_OPTION:
        raise InputError(
            f"The {what} is {len(value)} characters long: keep it under {MAX_TEXT_OPTION}."
        )
    return value or None


def _sender(config: Config | None) -> tuple[compose.Party, bool]:
    if config is None:
        return compose.Party(PLACEHOLDER_NAME, PLACEHOLDER_EMAIL), True
    email = validate_address(config.sender.email, what=f"sender.email in {config.path}")
    return compose.Party(config.sender.name, email), False


def prepare_request(
    inputs: RequestInput,
    config: Config | None,
    templates_dir: Path | None,
    now: datetime,
) -> Draft:
    """Validate every input and render the message; nothing is recorded or sent."""
    inputs = replace(
        inputs, template=templating.resolve_name(inputs.template, templates_dir, "request")
    )
    pasted_name, to = parse_recipient(inputs.to, what="recipient address (--to)")
    company = _clean_option(inputs.company, "company (--company)")
    if not company:
        raise InputError("The company (--company) is empty: give the company's name.")
    # Exchange and Outlook show "Becker, Jonas": the greeting needs "Jonas Becker".
    pasted_name = salutations.natural_name(pasted_name)
    name = _clean_option(inputs.name or pasted_name, "contact name (--name)")
    greet = _clean_option(inputs.greet, "greeting (--greet)")
    role = _clean_option(inputs.role, "role (--role)")
    highlights = tuple(
        wording.mid_sentence(h)
        for h in (_clean_option(h, "highlight (--highlight)") for h in inputs.highlights)
        if h and wording.mid_sentence(h)
    )
    kind = templating.kind_of(inputs.template)
    if kind != "request":
        raise InputError(
            f"{inputs.template!r} is a {kind.replace('_', '-')} template: choose a request "
            "template (`feedback-mailer templates list`)."
        )
    language = languages.chosen(inputs.language, config.sender.language if config else None)
    sender, placeholder = _sender(config)
    sender_tz = sender_zone(config)
    recipient_tz = timing.zone(inputs.tz) if inputs.tz else sender_tz
    interview = (
        parse_interview_date(inputs.interview_date, now, sender_tz, language)
        if inputs.interview_date
        else None
    )
    rendered = templating.render(
        inputs.template,
        {
            "contact_name": name,
            "contact_first_name": wording.first_name(name),
            "greet": greet,
            "company": company,
            "role": role,
            "interview_date": describe_interview_date(interview, now, sender_tz, language)
            if interview
            else None,
            "highlights": list(highlights),
            "sender_name": sender.name,
            "sender_email": sender.email,
            **_answering_values(inputs.answering, language, sender_tz),
        },
        templates_dir,
        language,
    )
    settings = follow_ups.follow_up_settings(config)
    follow_up_due = None
    if inputs.follow_up and inputs.no_follow_up:
        raise InputError("Give either --follow-up WHEN or --no-follow-up, not both.")
    if inputs.follow_up:
        asked = typed_time.parse_when(
            inputs.follow_up, now, sender_tz, language, languages.date_order(language)
        )
        follow_up_due = follow_ups.chosen_follow_up_time(
            asked, now, now, settings, recipient_tz, sender_tz
        ).due
    elif not inputs.no_follow_up:
        follow_up_due = follow_ups.default_follow_up_due(now, settings, recipient_tz)
    draft = Draft(
        inputs=replace(
            inputs,
            to=to,
            company=company,
            name=name,
            greet=greet,
            role=role,
            highlights=highlights,
            interview_date=interview.isoformat() if interview else None,  # stored as read
            language=language,
        ),
        sender=sender,
        recipient=compose.Party(name, to),
        subject=compose.check_subject(
            compose.reply_subject(inputs.answering.subject)
            if inputs.answering and inputs.answering.subject
            else rendered.subject
        ),
        text=require_clean_body(rendered.text, "message text"),
        html=rendered.html,
        message_id=compose.new_message_id(sender.email),
        date=now.astimezone(sender_tz),
        recipient_zone=recipient_tz,
        follow_up_due=follow_up_due,
        placeholder_sender=placeholder,
    )
    draft.message()  # header checks run now, not at send time
    return replace(draft, warnings=tone_warnings(draft))


def _answering_values(answering: Answered | None, language: str, tz: ZoneInfo) -> dict[str, object]:
    """What a reply to a rejection says of it: the day it came, and whether it
    offered feedback."""
    if answering is None:
        return {"rejection_date": None, "feedback_offered": False}
    day = answering.received.astimezone(tz).date() if answering.received else None
    return {
        "rejection_date": languages.format_day_and_month(day, language) if day else None,
        "feedback_offered": answering.feedback_offered,
    }


def tone_warnings(draft: Draft) -> tuple[tone.Pushy, ...]:
    """Pushy phrasing in the subject and the text, and in each highlight even when a
    template of the person's own leaves highlights out."""
    highlights = "\n".join(draft.inputs.highlights)
    text = f"{draft.subject}\n{draft.text}\n{highlights}"
    return tuple(tone.pushy_phrases(text, draft.inputs.language or languages.DEFAULT))


def editable_text(draft: Composed) -> str:
    """What $EDITOR opens: `Subject: ...`, a blank line, then the body."""
    return f"Subject: {draft.subject}\n\n{draft.text}"


def decode_edited(data: bytes, nothing: str = "nothing was sent") -> str:
    """What an editor saved, as text: UTF-8 (a BOM is dropped), else one sentence
    naming the first byte that is not, and where it is."""
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            f"The edited text is not UTF-8: byte 0x{data[error.start]:02X} on line {line}, "
            f"column {column} cannot be read; save the file as UTF-8 in your editor: "
            f"{nothing}."
        ) from None


def read_edited(edited: str) -> tuple[str, str]:
    """Read back what `editable_text` wrote, as edited: (subject, body), both checked."""
    head, separator, body = edited.replace("\r\n", "\n").partition("\n\n")
    match = re.fullmatch(r"Subject:[ \t]*(.*)", head.strip("\n"))
    if not separator or match is None:
        raise InputError(
            "The edited text must start with a 'Subject: ...' line, then a blank line, then the "
            "message: nothing was sent."
        )
    if not body.strip():
        raise InputError("The edited message is empty: nothing was sent.")
    subject = compose.check_subject(match.group(1))
    return subject, require_clean_body(body.strip("\n") + "\n", "edited message")


def apply_edit(draft: Draft, edited: str) -> Draft:
    """Take the edited subject and body; every check runs again."""
    subject, text = read_edited(edited)
    edited_draft = replace(draft, subject=subject, text=text)
    edited_draft.message()
    return replace(edited_draft, warnings=tone_warnings(edited_draft), edited=True)
