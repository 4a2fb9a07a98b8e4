"""Composing the exact bytes: RFC 2047 names and subjects, Message-IDs, threading,
header injection, pushy phrasing, and a property test over arbitrary user text."""

from __future__ import annotations

import base64
import email
import email.policy
import re
import unicodedata
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from support.examples import examples

from feedback_mailer.base.errors import InputError
from feedback_mailer.base.textsafety import find_hidden_character
from feedback_mailer.lifecycle import drafts
from feedback_mailer.mail import compose
from feedback_mailer.mail.compose import Party, Thread, build_message, reply_subject

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
TO = "jane.doe@example.com"
EXPECTED_HEADERS = {
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
}
CONTROL_CHARACTERS = ["\r", "\n", "\r\n", "\x00", "\x1b", "\x7f", "\x85", "\x07", "\x0b", "\u2028"]


def parse(raw: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def header_block(raw: bytes) -> bytes:
    head, separator, _ = raw.partition(b"\r\n\r\n")
    assert separator, "no blank line between headers and body"
    return head


def build(
    *,
    sender_name: str | None = "Alex Candidate",
    sender_email: str = "alex@candidate.example",
    recipient_name: str | None = "Jane Doe",
    recipient_email: str = TO,
    subject: str = "Feedback on my interview",
    text: str = "Hello,\n\nThank you.\n",
    message_id: str | None = None,
    thread: Thread | None = None,
) -> email.message.EmailMessage:
    return build_message(
        sender=Party(sender_name, sender_email),
        recipient=Party(recipient_name, recipient_email),
        subject=subject,
        text=text,
        html=None,
        message_id=message_id or compose.new_message_id(sender_email),
        date=NOW,
        thread=thread,
    )


# --- unicode names and subjects ---------------------------------------------------


@pytest.mark.parametrize(
    ("sender_name", "recipient_name", "subject"),
    [
        ("José Müller", "Zoë", "Feedback on my interview at 株式会社テスト"),
        ("Zoë", "株式会社テスト", "José Müller — thank you"),
        ("株式会社テスト", "José Müller", "Zoë"),
        ("Müller, José", "O'Brien (Zoë)", 'A "quoted" subject at 株式会社テスト'),
    ],
)
def test_unicode_names_and_subject_round_trip_as_ascii_headers(
    sender_name: str, recipient_name: str, subject: str
) -> None:
    message = build(sender_name=sender_name, recipient_name=recipient_name, subject=subject)
    raw = compose.to_bytes(message, smtputf8=False)

    head = header_block(raw)
    assert head.isascii(), "header lines must be RFC 2047 encoded when addresses are ASCII"
    assert raw.isascii()
    assert all(len(line) <= 998 for line in head.split(b"\r\n"))

    parsed = parse(raw)
    (sender,) = parsed["From"].addresses
    (recipient,) = parsed["To"].addresses
    assert sender.display_name == sender_name
    assert sender.addr_spec == "alex@candidate.example"
    assert recipient.display_name == recipient_name
    assert recipient.addr_spec == TO
    assert str(parsed["Subject"]) == subject


def test_non_ascii_body_is_quoted_printable_and_decodes_back() -> None:
    text = "Grüße an 株式会社テスト,\n\nZoë\n"
    raw = compose.to_bytes(build(text=text), smtputf8=False)
    assert raw.isascii()
    parsed = parse(raw)
    assert parsed["Content-Transfer-Encoding"] == "quoted-printable"
    body = parsed.get_body(preferencelist=("plain",))
    assert body is not None
    # On the wire a line ends in CRLF; the parser hands those back as they are.
    assert body.get_content().replace("\r\n", "\n") == text


def test_ascii_body_is_sent_readable_as_7bit() -> None:
    raw = compose.to_bytes(build(text="Hello,\n\nThank you.\n"), smtputf8=False)
    assert parse(raw)["Content-Transfer-Encoding"] == "7bit"
    assert b"\r\n\r\nHello,\r\n\r\nThank you.\r\n" in raw


def test_bytes_use_crlf_line_ends_only() -> None:
    raw = compose.to_bytes(build(text="a\nb\n"), smtputf8=False)
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_non_ascii_address_needs_smtputf8() -> None:
    assert compose.needs_smtputf8("alex@example.com", "jose@bücher.example")
    assert not compose.needs_smtputf8("alex@example.com", TO)


# --- Message-ID ---------------------------------------------------------------------


@pytest.mark.parametrize("sender", ["alex@candidate.example", "Alex.C@Mail.Example.ORG"])
def test_message_id_uses_the_senders_domain(sender: str) -> None:
    message_id = compose.new_message_id(sender)
    assert message_id.startswith("<")
    assert message_id.endswith("@" + sender.rsplit("@", 1)[1] + ">")
    assert compose.new_message_id(sender) != message_id


def test_message_id_for_an_internationalised_domain_is_ascii() -> None:
    message_id = compose.new_message_id("jose@bücher.example")
    assert message_id.isascii()
    assert message_id.endswith("@xn--bcher-kva.example>")


def test_built_message_carries_the_given_message_id_and_date() -> None:
    message_id = compose.new_message_id("alex@candidate.example")
    parsed = parse(compose.to_bytes(build(message_id=message_id), smtputf8=False))
    assert parsed["Message-ID"] == message_id
    assert parsed["Date"].datetime == NOW
    assert parsed["MIME-Version"] == "1.0"


def test_prepared_request_message_id_domain_is_the_configured_senders() -> None:
    from pathlib import Path

    from feedback_mailer.setup.config import parse_config

    config = parse_config(
        Path("config.toml"),
        '[sender]\nname = "Alex Candidate"\nemail = "alex@candidate.example"\n',
    )
    draft = drafts.prepare_request(
        drafts.RequestInput(to=TO, company="Acme Corp"), config, None, NOW
    )
    parsed = parse(draft.raw())
    assert parsed["Message-ID"] == draft.message_id
    assert draft.message_id.endswith("@candidate.example>")
    (sender,) = parsed["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Alex Candidate", "alex@candidate.example")


# --- replies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Re: RE: Re: x", "Re: x"),
        ("AW: x", "Re: x"),
        ("x", "Re: x"),
        ("re: x", "Re: x"),
        ("Re:x", "Re: x"),
        ("Re: Re: Feedback on my interview at Acme", "Re: Feedback on my interview at Acme"),
        ("Re[2]: x", "Re: x"),
        ("SV: Re: x", "Re: x"),
        ("Regarding the role", "Re: Regarding the role"),
    ],
)
def test_reply_subject_has_exactly_one_re(original: str, expected: str) -> None:
    assert reply_subject(original) == expected


def test_threaded_follow_up_headers() -> None:
    original = "<1.2@candidate.example>"
    earlier = "<0.1@candidate.example>"
    message = build(
        subject=reply_subject("Feedback"),
        thread=Thread(in_reply_to=original, references=(earlier,)),
    )
    parsed = parse(compose.to_bytes(message, smtputf8=False))
    assert parsed["In-Reply-To"] == original
    assert parsed["References"].split() == [earlier, original]
    assert str(parsed["Subject"]) == "Re: Feedback"


# --- header injection -----------------------------------------------------------------


@pytest.mark.parametrize("bad", CONTROL_CHARACTERS, ids=repr)
@pytest.mark.parametrize(
    "field", ["sender_name", "recipient_name", "sender_email", "recipient_email", "subject"]
)
def test_control_characters_in_header_values_are_refused(field: str, bad: str) -> None:
    values = {
        "sender_name": "Alex Candidate",
        "recipient_name": "Jane Doe",
        "sender_email": "alex@candidate.example",
        "recipient_email": TO,
        "subject": "Feedback",
    }
    values[field] = values[field][:4] + bad + "Bcc: attacker@evil.example"
    with pytest.raises(InputError):
        build(message_id="<1@candidate.example>", **values)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", CONTROL_CHARACTERS, ids=repr)
@pytest.mark.parametrize("field", ["message_id", "in_reply_to", "references"])
def test_control_characters_in_threading_headers_are_refused(field: str, bad: str) -> None:
    good = "<1@candidate.example>"
    injected = "<2@x>" + bad + "Bcc: attacker@evil.example"
    with pytest.raises(InputError):
        build(
            message_id=injected if field == "message_id" else good,
            thread=Thread(
                in_reply_to=injected if field == "in_reply_to" else good,
                references=(injected,) if field == "references" else (),
            ),
        )


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x7f", "\x85"], ids=repr)
def test_control_characters_in_the_body_are_refused(bad: str) -> None:
    with pytest.raises(InputError):
        build(text=f"Hello{bad}there\n")


def test_body_line_breaks_and_tabs_are_allowed() -> None:
    parsed = parse(compose.to_bytes(build(text="a\tb\r\nc\n"), smtputf8=False))
    body = parsed.get_body(preferencelist=("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n") == "a\tb\nc\n"


def test_empty_and_overlong_subjects_are_refused() -> None:
    with pytest.raises(InputError):
        build(subject="   ")
    with pytest.raises(InputError):
        build(subject="x" * (compose.MAX_SUBJECT + 1))


ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[bBqQ]\?[^?]*\?=")
ENCODED_WORDS = [
    "=?utf-8?q?Hi=0D=0ABcc:_attacker@evil.example?=",
    "=?UTF-8?B?SGkNCkJjYzogYXR0YWNrZXJAZXZpbC5leGFtcGxl?=",
    "=?utf-8?q?Evil?=",
    "Acme =?utf-8?q?Corp=00?=",
]


@pytest.mark.parametrize("value", ENCODED_WORDS)
@pytest.mark.parametrize("field", ["subject", "recipient_name", "sender_name"])
def test_encoded_word_lookalikes_reach_the_wire_as_typed(field: str, value: str) -> None:
    """Either refused, or sent so that the recipient decodes exactly what was typed."""
    try:
        message = build(**{field: value})  # type: ignore[arg-type]
    except InputError:
        return
    parsed = parse(compose.to_bytes(message, smtputf8=False))
    assert sorted(parsed.keys()) == sorted(EXPECTED_HEADERS)
    decoded = {
        "subject": str(parsed["Subject"]),
        "recipient_name": parsed["To"].addresses[0].display_name,
        "sender_name": parsed["From"].addresses[0].display_name,
    }
    assert decoded[field] == value


@pytest.mark.parametrize("value", ["Jane \u3000Doe", "Acme \xa0Corp", "a, \xa0b", '" \xa00'])
def test_unicode_white_space_after_a_space_is_encoded_per_rfc2047(value: str) -> None:
    message = build(recipient_name=value, subject=value)
    head = header_block(compose.to_bytes(message, smtputf8=False))
    raw_to = _raw_header(head, "To")
    assert raw_to.endswith(f" <{TO}>")
    display = _decode_phrase(raw_to[: -len(f" <{TO}>")])
    subject = _decode_unstructured(_raw_header(head, "Subject"))
    # Every word arrives as typed (white space may fold, no encoded word may show).
    assert display.split() == value.split()
    assert subject.split() == value.split()


# --- the property: arbitrary user text never forges or loses a header -----------------


def _is_cc(value: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in value)


def _maybe_refused(value: str) -> bool:
    """What the product may refuse on top of Cc: line/paragraph separators, invisible
    characters that can disguise text (bidi overrides, zero-width, soft hyphen...), and
    text that looks like an RFC 2047 encoded word (the email package would decode it
    into the header)."""
    return (
        any(char in "\u2028\u2029" for char in value)
        or find_hidden_character(value) is not None
        or bool(ENCODED_WORD.search(value))
    )


def _expected_subject(company: str, role: str | None) -> str:
    # The template's subject block: whitespace runs fold to one space (templating.render).
    return " ".join(f"Feedback on my {role + ' ' if role else ''}interview at {company}".split())


# A strict RFC 2047 reading of the raw header lines: an encoded word counts only as a whole
# white-space-delimited token, and white space between two adjacent encoded words is dropped
# (RFC 2047 6.2). Python's own parser keeps that white space inside phrases, so it cannot be
# the judge of whether the bytes are right.
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_PHRASE_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[ \t]+|[^ \t"]+|"')


def _decode_word(token: str) -> str | None:
    match = _ENCODED_WORD.fullmatch(token)
    if match is None:
        return None
    charset, encoding, text = match.groups()
    charset = charset.split("*", 1)[0]
    if encoding in "bB":
        data = base64.b64decode(text, validate=True)
    else:
        data = re.sub(
            rb"=([0-9A-Fa-f]{2})",
            lambda m: bytes([int(m.group(1), 16)]),
            text.replace("_", " ").encode("ascii"),
        )
    return data.decode(charset)  # strict: a character split across words is an error


def _decode_unstructured(value: str) -> str:
    out: list[str] = []
    previous_encoded = False
    for index, part in enumerate(re.split(r"([ \t]+)", value)):
        if index % 2:  # white space
            out.append(part)
            continue
        word = _decode_word(part) if part else None
        if word is not None:
            if previous_encoded and len(out) >= 2 and not out[-1].strip(" \t"):
                out.pop()
            out.append(word)
        else:
            out.append(part)
        previous_encoded = word is not None
    return "".join(out)


def _decode_phrase(value: str) -> str:
    words: list[tuple[str, bool, bool]] = []  # (text, encoded, white space before it)
    space = False
    for token in _PHRASE_TOKEN.findall(value):
        if not token.strip(" \t"):
            space = True
            continue
        if token.startswith('"') and token.endswith('"') and len(token) > 1:
            words.append((re.sub(r"\\(.)", r"\1", token[1:-1]), False, space))
        else:
            word = _decode_word(token)
            words.append((token if word is None else word, word is not None, space))
        space = False
    out = []
    for index, (text, encoded, space_before) in enumerate(words):
        if index and space_before and not (encoded and words[index - 1][1]):
            out.append(" ")  # RFC 5322 3.2.2: a run of white space between words is one space
        out.append(text)
    return "".join(out)


def _raw_header(head: bytes, name: str) -> str:
    fields = re.split(r"\r\n(?![ \t])", head.decode("ascii"))
    (field,) = [f for f in fields if f.lower().startswith(name.lower() + ":")]
    return field[len(name) + 1 :].replace("\r\n", "").lstrip(" \t")


def _fold_spaces(value: str) -> str:
    return re.sub(" {2,}", " ", value)


def _check_message(raw: bytes, draft: drafts.Draft) -> None:
    """The bytes say exactly what the draft shows, and nothing else."""
    assert raw.isascii(), "ASCII addresses: every byte must be 7-bit (RFC 2047, QP)"
    head = header_block(raw)
    assert all(len(line) <= 998 for line in head.split(b"\r\n"))
    parsed = parse(raw)
    assert sorted(parsed.keys()) == sorted(EXPECTED_HEADERS)
    recipients = parsed["To"].addresses
    assert len(recipients) == 1
    assert recipients[0].addr_spec == TO
    name = draft.recipient.name or ""
    raw_to = _raw_header(head, "To")
    if name:
        assert raw_to.endswith(f" <{TO}>")
        display = _decode_phrase(raw_to[: -len(f" <{TO}>")])
    else:
        assert raw_to == TO
        display = ""
    # A run of spaces between unquoted words of a phrase means one space (RFC 5322 3.2.2);
    # apart from that the display name must decode to exactly what the draft shows.
    assert _fold_spaces(display) == _fold_spaces(name)
    senders = parsed["From"].addresses
    assert len(senders) == 1
    assert senders[0].addr_spec == drafts.PLACEHOLDER_EMAIL
    assert senders[0].display_name == drafts.PLACEHOLDER_NAME
    # Unstructured: unfolding only removes the CRLFs, so the subject decodes exactly.
    assert _decode_unstructured(_raw_header(head, "Subject")) == draft.subject
    assert str(parsed["Subject"]) == draft.subject
    assert parsed["Message-ID"] == draft.message_id
    assert draft.message_id.endswith("@example.com>")
    body = parsed.get_body(preferencelist=("plain",))
    assert body is not None
    lines = body.get_content().replace("\r\n", "\n").split("\n")
    assert all(len(line) <= 78 or " " not in line.strip() for line in lines), lines
    assert compose.plain_text(parsed) == draft.text  # format=flowed joins them again


# Any text at all, and half the time text without Cc characters, so that most examples
# get past validation and reach the message.
_text = st.text() | st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")))
_subject_line = st.text(alphabet=st.characters(exclude_characters="\r\n")) | st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs"))
)


@settings(
    max_examples=examples(1000),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    company=_text,
    name=st.none() | _text,
    role=st.none() | _text,
    highlights=st.lists(_text, max_size=3),
    subject=st.none() | _subject_line,
)
@example(company="Acme  Corp", name="Jane  Doe", role=None, highlights=[], subject="a  b")
@example(company="株式会社テスト", name="José Müller", role="Zoë", highlights=["x"], subject=None)
@example(
    company="Acme", name='"boss@corp.com" <a@evil.com>', role=None, highlights=[], subject=None
)
@example(company="Acme", name="Jane\r\nBcc: a@evil.com", role=None, highlights=[], subject=None)
@example(company="Acme", name=None, role=None, highlights=[], subject="Hi\x00Bcc: a@evil.com")
@example(company="Acme", name="a\u3000\u00a0b", role=None, highlights=[], subject=" \u3000 x ")
def test_arbitrary_text_gives_an_input_error_or_a_well_formed_message(
    company: str,
    name: str | None,
    role: str | None,
    highlights: list[str],
    subject: str | None,
) -> None:
    values = [company, *(v for v in (name, role) if v is not None), *highlights]
    # Blanks right after "Subject:" in the edited file separate the field from its value.
    edits = [subject.lstrip(" \t")] if subject is not None else []
    has_control = any(_is_cc(v) for v in [*values, *edits])
    blank_company = not company.strip()
    blank_subject = (subject is not None and not subject.strip(" \t")) or any(
        not e.strip() for e in edits
    )
    may_refuse = (
        any(_maybe_refused(v) for v in [*values, *edits])
        or any(len(v) > drafts.MAX_TEXT_OPTION for v in values)
        or (subject is not None and len(subject) > compose.MAX_SUBJECT)
    )
    inputs = drafts.RequestInput(
        to=TO, company=company, name=name, role=role, highlights=tuple(highlights)
    )
    try:
        draft = drafts.prepare_request(inputs, None, None, NOW)
        if subject is not None:
            draft = drafts.apply_edit(draft, f"Subject: {subject}\n\n{draft.text}")
    except InputError:
        event("refused")
        assert (
            has_control
            or blank_company
            or blank_subject
            or may_refuse
            or (
                len(_expected_subject(company.strip(), (role or "").strip() or None))
                > compose.MAX_SUBJECT
            )
        ), "a clean, short value was refused"
        return
    event("composed")
    assert not has_control, "a control character was accepted"
    assert not blank_company and not blank_subject

    company_c = company.strip()
    role_c = role.strip() if role and role.strip() else None
    name_c = name.strip() if name and name.strip() else None
    expected = subject.strip() if subject is not None else _expected_subject(company_c, role_c)
    # What the draft shows keeps every word typed, in order; only white space may fold.
    assert draft.subject.split() == expected.split()
    assert (draft.recipient.name or "").split() == (name_c or "").split()
    assert draft.recipient.email == TO
    _check_message(draft.raw(), draft)
