"""A first week in German, French or Spanish: dates and durations typed in the
language of the message are read, day-first where the language writes it so,
and the preview says the day understood in that language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from support.certs import TlsMaterial
from support.scenarios import LONDON, at, configure, send_argv
from support.smtp_server import SmtpServer
from support.world import World

from feedback_mailer.base import typed_time

BERLIN = ZoneInfo("Europe/Berlin")
# A Monday afternoon: "last Tuesday" is 1 December, "next Monday" 14 December.
MONDAY = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("de", "letzten Dienstag", date(2026, 12, 1)),
        ("de", "gestern", date(2026, 12, 6)),
        ("de", "vor 3 Tagen", date(2026, 12, 4)),
        ("de", "1. Dezember", date(2026, 12, 1)),
        ("de", "3. März", date(2026, 3, 3)),
        ("de", "1.12.2026", date(2026, 12, 1)),
        ("de", "01.12.2026", date(2026, 12, 1)),
        ("de", "01.12.26", date(2026, 12, 1)),
        ("de", "18.11.2026", date(2026, 11, 18)),
        ("fr", "mardi dernier", date(2026, 12, 1)),
        ("fr", "hier", date(2026, 12, 6)),
        ("fr", "il y a 3 jours", date(2026, 12, 4)),
        ("fr", "1er décembre", date(2026, 12, 1)),
        ("fr", "01/12/2026", date(2026, 12, 1)),
        ("es", "el martes pasado", date(2026, 12, 1)),
        ("es", "ayer", date(2026, 12, 6)),
        ("es", "hace 3 días", date(2026, 12, 4)),
        ("es", "1 de diciembre", date(2026, 12, 1)),
        ("es", "01/12/2026", date(2026, 12, 1)),
    ],
)
def test_interview_days_in_the_language_of_the_message(
    language: str, typed: str, expected: date
) -> None:
    order = "DMY"
    assert typed_time.parse_past_day(typed, MONDAY, BERLIN, language, order) == expected


def test_day_or_month_first_follows_the_locale_not_the_value() -> None:
    assert typed_time.parse_past_day("01/12/2026", MONDAY, LONDON, "en", "DMY") == date(2026, 12, 1)
    assert typed_time.parse_past_day("01/12/2026", MONDAY, LONDON, "en", "MDY") == date(2026, 1, 12)
    # Month-first, 18 cannot be a month: an error, not a silent day-first reading.
    with pytest.raises(typed_time.InputError):
        typed_time.parse_past_day("18/11/2026", MONDAY, LONDON, "en", "MDY")


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("de", "nächsten Montag 10 Uhr"),
        ("de", "nächsten Montag um 10:00 Uhr"),
        ("fr", "lundi prochain 10h"),
        ("fr", "lundi prochain à 10h00"),
        ("es", "el próximo lunes a las 10"),
        ("es", "el lunes que viene a las 10:00"),
    ],
)
def test_follow_up_moments_in_the_language_of_the_message(language: str, typed: str) -> None:
    moment = typed_time.parse_when(typed, MONDAY, BERLIN, language, "DMY")
    assert moment == datetime(2026, 12, 14, 10, 0, tzinfo=BERLIN)


def test_a_numeric_moment_is_read_day_first_in_german() -> None:
    moment = typed_time.parse_when("01.12.2026 10:00", MONDAY, BERLIN, "de", "DMY")
    assert moment == datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "typed", ["3 Werktage", "3 Arbeitstage", "3 jours ouvrés", "3 días hábiles", "3 business days"]
)
def test_business_days_in_every_language(typed: str) -> None:
    assert typed_time.parse_duration(typed).business_days == 3


@pytest.mark.parametrize(
    ("typed", "days"), [("1 Woche", 7), ("2 semaines", 14), ("3 Tage", 3), ("2 días", 2)]
)
def test_calendar_durations_in_every_language(typed: str, days: int) -> None:
    assert typed_time.parse_duration(typed).days == days


# --- through the installed command ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "typed", "understood"),
    [
        ("de", "letzten Dienstag", "Dienstag, 1. Dezember 2026"),
        ("de", "01.12.2026", "Dienstag, 1. Dezember 2026"),
        ("fr", "mardi dernier", "mardi 1 décembre 2026"),
        ("es", "el martes pasado", "martes, 1 de diciembre de 2026"),
    ],
)
def test_send_reads_the_interview_day_in_the_message_language(
    world: World, language: str, typed: str, understood: str
) -> None:
    result = world.run(
        *send_argv("--lang", language, "--interview-date", typed, confirm="--dry-run"),
        faketime=at(MONDAY),
    )
    assert result.returncode == 0, result.stderr
    shown = result.stdout.replace("\u00a0", " ").replace("\u202f", " ")
    assert f"Interview: {understood}" in shown


def test_followup_at_and_in_typed_in_german(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material, follow_up={"send_without_tracking": True})
    start = (datetime.now(UTC) + timedelta(days=1)).astimezone(LONDON).date()
    while start.weekday() != 0:
        start += timedelta(days=1)
    monday = datetime(start.year, start.month, start.day, 10, 0, tzinfo=LONDON)
    sent = world.run_json(*send_argv("--json", "--lang", "de"), faketime=at(monday))
    moved = world.run(
        "followup", str(sent["id"]), "--at", "nächsten Montag 10 Uhr", faketime=at(monday)
    )
    assert moved.returncode == 0, moved.stderr
    next_monday = monday + timedelta(days=7)
    assert f"{next_monday.day} {next_monday:%b} 10:00" in moved.stdout
    within = world.run("followup", str(sent["id"]), "--in", "3 Werktage", faketime=at(monday))
    assert within.returncode == 0, within.stderr
    thursday = monday + timedelta(days=3)
    assert f"Thu {thursday.day} {thursday:%b}" in within.stdout


# --- init: yes and no in every language ----------------------------------------------------


def init_answers(tracking: str, *more: str) -> str:
    """init for Fastmail: name, address, zone, provider, the SMTP preset (4 x Enter),
    the answer to 'Track replies over IMAP?', then `more` (the IMAP preset)."""
    lines = ["Alex Candidate", "alex@example.com", "Europe/Berlin", "fastmail", "", "", "", ""]
    return "\n".join([*lines, tracking, *more]) + "\n"


@pytest.mark.parametrize("typed", ["ja", "Ja", "j", "oui", "sí", "si", "da", "yes", "y"])
def test_init_takes_yes_in_every_language(world: World, typed: str) -> None:
    result = world.run("init", input=init_answers(typed, "", "", "", ""))
    assert result.returncode == 0, result.stderr
    assert "[imap]" in world.config_path.read_text()


@pytest.mark.parametrize("typed", ["nein", "n", "non", "no", "NO"])
def test_init_says_in_words_that_reply_tracking_is_off(world: World, typed: str) -> None:
    result = world.run("init", input=init_answers(typed))
    assert result.returncode == 0, result.stderr
    assert "[imap]" not in world.config_path.read_text()
    assert "Reply tracking is off" in result.stderr


def test_init_asks_again_when_the_answer_is_neither_yes_nor_no(world: World) -> None:
    result = world.run("init", input=init_answers("vielleicht", "ja", "", "", "", ""))
    assert result.returncode == 0, result.stderr
    assert "'vielleicht'" in result.stderr and "yes or no" in result.stderr
    assert result.stdout.count("Track replies over IMAP") == 2
    assert "[imap]" in world.config_path.read_text()


# --- one greeting for the whole thread -----------------------------------------------------


def plain(message: object) -> str:
    from email.message import EmailMessage

    assert isinstance(message, EmailMessage)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


@pytest.mark.parametrize(
    ("language", "name", "greet"),
    [
        ("de", "Jonas Becker", "Herr Becker"),
        ("fr", "Camille Dubois", "Madame Dubois"),
        ("es", "Lucía Martínez", "Sra. Martínez"),
    ],
)
def test_the_follow_up_and_the_thank_you_greet_as_the_request_did(
    world: World,
    smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    language: str,
    name: str,
    greet: str,
) -> None:
    from support.scenarios import ALL_WEEK, soon

    configure(world, smtp_server, tls_material, follow_up=ALL_WEEK)
    start = soon()
    sent = world.run(
        *send_argv("--lang", language, "--greet", greet, name=name), faketime=at(start)
    )
    assert sent.returncode == 0, sent.stderr
    request_greeting = plain(smtp_server.messages[0].message).splitlines()[0]
    assert greet in request_greeting and name not in request_greeting
    ran = world.run("run", faketime=at(start + timedelta(days=1, minutes=5)))
    assert ran.returncode == 0, ran.stderr
    assert len(smtp_server.messages) == 2
    follow_up = plain(smtp_server.messages[1].message).splitlines()[0]
    assert follow_up == request_greeting
    assert world.run("mark", "1", "--answered").returncode == 0
    thanked = world.run("thank", "1", "--dry-run")
    assert thanked.returncode == 0, thanked.stderr
    assert request_greeting in thanked.stdout and f" {name}," not in thanked.stdout


# --- formal salutations --------------------------------------------------------------------


def first_line_of_preview(output: str) -> str:
    return output.split("\n\n", 1)[1].splitlines()[0]


@pytest.mark.parametrize(
    ("language", "greet", "salutation"),
    [
        ("de", "Herr Becker", "Sehr geehrter Herr Becker,"),
        ("de", "Herrn Becker", "Sehr geehrter Herr Becker,"),
        ("de", "Frau Becker", "Sehr geehrte Frau Becker,"),
        ("de", "Frau Dr. Becker", "Sehr geehrte Frau Dr. Becker,"),
        ("de", "Jonas Becker", "Guten Tag Jonas Becker,"),
        ("es", "Sr. Martínez", "Estimado Sr. Martínez:"),
        ("es", "Sra. Martínez", "Estimada Sra. Martínez:"),
        ("es", "Lucía Martínez", "Buenos días, Lucía Martínez:"),
        ("fr", "Madame Dubois", "Bonjour Madame Dubois,"),
        ("fr", "Mme Dubois", "Bonjour Madame Dubois,"),
        ("fr", "M. Dubois", "Bonjour Monsieur Dubois,"),
        ("fr", "Camille Dubois", "Bonjour Camille Dubois,"),
    ],
)
def test_the_formal_template_opens_as_the_language_does(
    world: World, language: str, greet: str, salutation: str
) -> None:
    result = world.run(
        *send_argv("--lang", language, "--greet", greet, confirm="--dry-run"),
        faketime=at(MONDAY),
    )
    assert result.returncode == 0, result.stderr
    assert first_line_of_preview(result.stdout) == salutation


def test_a_name_pasted_as_exchange_shows_it_is_turned_round(world: World) -> None:
    result = world.run(
        "send", "--dry-run", "--lang", "de", "--company", "Nordlicht Labs",
        "--to", '"Becker, Jonas" <jonas.becker@nordlicht.example>',
        faketime=at(MONDAY),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert first_line_of_preview(result.stdout) == "Guten Tag Jonas Becker,"
    assert "Jonas Becker <jonas.becker@nordlicht.example>" in result.stdout


# --- init: every answer asked again, never a flag named, what it saves shown ---------------


def test_init_for_a_german_custom_server_asks_again_and_shows_what_it_saves(
    world: World, tls_material: TlsMaterial
) -> None:
    ca = str(tls_material.ca_pem)
    lines = [
        "Lena Schäfer", "lena@lenamail.example",
        "Munich", "",  # no zone is called Munich: Europe/Berlin is offered, Enter takes it
        "custom",
        "smtp.lenamail.example:587", "smtp.lenamail.example",  # a port is not part of a host
        "58 7", "587",  # a mistyped port is asked again, not the end of init
        "STARTTLS",  # any case
        "", ca,
        "ja",
        "imap.lenamail.example", "993", "TLS", "",
        "",  # the IMAP CA file: the SMTP one is offered
        "Sent",
        "",  # the language of the messages: LANG=de_DE.UTF-8 offers de
        "ja",  # save these settings?
    ]  # fmt: skip
    result = world.run(
        "init", input="\n".join(lines) + "\n", extra_env={"LANG": "de_DE.UTF-8", "LC_ALL": ""}
    )
    assert result.returncode == 0, result.stderr
    assert "[Europe/Berlin]" in result.stdout and "[de]" in result.stdout
    assert "'smtp.lenamail.example:587'" in result.stderr
    assert "'58 7'" in result.stderr
    assert "--smtp" not in result.stderr and "--imap" not in result.stderr
    assert f"[{ca}]" in result.stdout  # the IMAP CA file offered
    text = world.config_path.read_text()
    assert 'timezone = "Europe/Berlin"' in text and 'language = "de"' in text
    assert 'host = "smtp.lenamail.example"' in text and "port = 587" in text
    assert 'security = "starttls"' in text and 'security = "tls"' in text
    assert text.count(f'cafile = "{ca}"') == 2
    # What is saved is shown before it is saved.
    assert 'host = "imap.lenamail.example"' in result.stdout.split("Save these settings?")[0]


def test_init_for_a_script_still_names_the_flag(world: World) -> None:
    result = world.run(
        "init", "--non-interactive", "--name", "Alex", "--email", "alex@example.com",
        "--provider", "custom", "--smtp-host", "smtp.example.com:587", "--smtp-port", "587",
    )  # fmt: skip
    assert result.returncode == 2
    assert "--smtp-host" in result.stderr and "smtp.example.com:587" in result.stderr


# --- show: German mail as it reads ---------------------------------------------------------


def test_show_prints_german_mail_decoded_and_the_whole_reply(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, mailbox: object
) -> None:
    import email.utils
    import quopri

    from support.dovecot import Dovecot

    assert isinstance(mailbox, Dovecot)
    configure(world, smtp_server, tls_material, mailbox=mailbox)
    assert world.run("check").returncode == 0  # the first scan, in real time
    sent = world.run_json(*send_argv("--json", "--lang", "de", name="Jörg Müller"))
    answer = (
        "Guten Tag Herr Candidate,\n\nvielen Dank für Ihre Nachricht. "
        + "Ihre Antworten zur Systemarchitektur blieben recht allgemein. " * 8
        + "Zum Schluss: Üben Sie konkrete Beispiele mit Größenordnungen.\n\nViele Grüße\n"
        "Jörg Müller\n"
    )
    mailbox.append(
        "INBOX",
        (
            "From: =?utf-8?q?J=C3=B6rg_M=C3=BCller?= <jane.doe@example.com>\r\n"
            "To: alex@example.com\r\nSubject: AW: Feedback\r\n"
            f"Date: {email.utils.format_datetime(datetime.now(UTC))}\r\n"
            f"In-Reply-To: {sent['message_id']}\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        ).encode()
        + quopri.encodestring(answer.replace("\n", "\r\n").encode()),
    )
    assert world.run("check").returncode == 0
    shown = world.run("show", "1")
    assert shown.returncode == 0, shown.stderr
    assert "Mit freundlichen Grüßen" in shown.stdout and "Jörg Müller" in shown.stdout
    assert "=C3=" not in shown.stdout and "=?utf-8?" not in shown.stdout.lower()
    assert "Üben Sie konkrete Beispiele mit Größenordnungen." in shown.stdout


# --- mark --reopen after a mistaken --closed -----------------------------------------------


def test_reopen_after_closing_an_answered_request_brings_its_answer_back(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, mailbox: object
) -> None:
    import email.utils

    from support.dovecot import Dovecot

    assert isinstance(mailbox, Dovecot)
    configure(world, smtp_server, tls_material, mailbox=mailbox)
    assert world.run("check").returncode == 0
    sent = world.run_json(*send_argv("--json"))
    mailbox.append(
        "INBOX",
        (
            "From: Jane Doe <jane.doe@example.com>\r\nTo: alex@example.com\r\n"
            f"Subject: Re: Feedback\r\nDate: {email.utils.format_datetime(datetime.now(UTC))}"
            f"\r\nIn-Reply-To: {sent['message_id']}\r\n\r\nMore depth in the design round.\r\n"
        ).encode(),
    )
    assert world.run("check").returncode == 0
    answered = world.run_json("show", "1", "--json")
    assert answered["status"] == "answered" and answered["replied_at"]
    assert world.run("mark", "1", "--closed").returncode == 0
    reopened = world.run("mark", "1", "--reopen")
    assert reopened.returncode == 0, reopened.stderr
    after = world.run_json("show", "1", "--json")
    assert after["status"] == "answered"
    assert after["replied_at"] == answered["replied_at"]
    assert after["reply_from"] == answered["reply_from"] == "jane.doe@example.com"
    assert "answered" in reopened.stdout
    # A second --reopen undoes the answer itself, as before.
    assert world.run("mark", "1", "--reopen").returncode == 0
    assert world.run_json("show", "1", "--json")["status"] == "awaiting"


# --- a dry run says what the real send would refuse ----------------------------------------


def test_a_dry_run_warns_about_an_open_request_to_the_same_address(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    assert world.run(*send_argv()).returncode == 0
    dry = world.run(*send_argv(company="Acme Corporation", confirm="--dry-run"))
    assert dry.returncode == 0, dry.stderr
    assert "warning:" in dry.stderr and "request 1" in dry.stderr.lower()
    assert "jane.doe@example.com" in dry.stderr
    assert len(smtp_server.messages) == 1  # still a dry run
    fresh = world.run(*send_argv(to="bob@initech.example", confirm="--dry-run"))
    assert "warning:" not in fresh.stderr


def test_init_does_not_ask_for_a_password_that_is_stored(world: World) -> None:
    from support.scenarios import store_password

    argv = (
        "init", "--non-interactive", "--name", "Alex", "--email", "alex@example.com",
        "--provider", "fastmail", "--no-imap", "--force",
    )  # fmt: skip
    first = world.run(*argv)
    assert first.returncode == 0, first.stderr
    assert "auth set smtp" in first.stdout
    store_password(world, "smtp", "s3cret")
    again = world.run(*argv)
    assert again.returncode == 0, again.stderr
    assert "auth set smtp" not in again.stdout
    assert "already in the keyring" in again.stdout and "doctor" in again.stdout
