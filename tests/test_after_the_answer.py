"""After the answer (issue 15), against the real test servers through the installed
command: the thank-you goes to aiosmtpd threaded under the answer found in Dovecot,
once, only when asked; requests in other languages; and the whole "Done when" walk:
three interviews, answers, thanks, reflections, and the theme that came up twice."""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pytest
from support.certs import TlsMaterial
from support.dovecot import Dovecot
from support.scenarios import SEND, configure, send_argv
from support.smtp_server import SmtpServer
from support.world import World

from feedback_mailer.mail import compose
from feedback_mailer.store import open_store

ANSWER = """Hi Alex,

Thanks for asking, happy to help. Two things stood out:
- your system design answer stayed at a high level
- more numbers on the results of your projects

Best regards,
{name}
Head of Engineering

On Mon, 23 Nov 2026 at 10:00, Alex Candidate <alex@example.com> wrote:
> Dear {name},
>
> Thank you for taking the time to interview me.
"""


@pytest.fixture
def tracked(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial, mailbox: Dovecot
) -> World:
    return configure(world, smtp_server, tls_material, mailbox=mailbox)


def answer(
    mailbox: Dovecot, request: dict[str, Any], *, name: str = "Jane Doe", body: str = ANSWER
) -> str:
    """The contact's answer, in the request's thread, dropped into the INBOX."""
    message_id = make_msgid(domain="acme.example")
    raw = "\r\n".join(
        [
            f"From: {name} <{request['contact_email']}>",
            "To: alex@example.com",
            f"Subject: RE: {request['subject']}",
            f"Date: {format_datetime(datetime.now(UTC))}",
            f"Message-ID: {message_id}",
            f"In-Reply-To: {request['message_id']}",
            f"References: {request['message_id']}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            body.format(name=name).replace("\n", "\r\n"),
        ]
    ).encode()
    mailbox.append("INBOX", raw)
    return message_id


def ok(result: Any) -> str:
    assert result.returncode == 0, result.stderr
    return str(result.stdout)


def test_the_thank_you_is_threaded_under_the_answer_and_sent_once(
    tracked: World, smtp_server: SmtpServer, mailbox: Dovecot
) -> None:
    request = tracked.run_json(*SEND, "--json")
    answer_id = answer(mailbox, request)
    checked = ok(tracked.run("check"))
    assert "answered by Jane Doe" in checked
    assert f"`feedback-mailer thank {request['id']}` drafts a thank-you" in checked
    listed = ok(tracked.run("list"))
    assert f"`feedback-mailer thank {request['id']}`  (Acme Corp)" in listed
    # `run` never sends it.
    before = len(smtp_server.messages)
    ok(tracked.run("run"))
    assert len(smtp_server.messages) == before
    # A dry run shows it and records nothing.
    dry = ok(tracked.run("thank", str(request["id"]), "--dry-run"))
    assert f"In-Reply-To: {answer_id}" in dry and "Dry run" in dry
    assert tracked.run_json("show", str(request["id"]), "--json")["thank_you"] is None
    sent = tracked.run("thank", str(request["id"]), "--yes", "--highlight", "The design point.")
    assert ok(sent).startswith("From: Alex Candidate <alex@example.com>")
    assert "Thank-you sent to jane.doe@example.com, in the thread of their answer." in sent.stdout
    received = smtp_server.messages[-1].message
    assert received["In-Reply-To"] == answer_id
    assert str(received["References"]).split() == [request["message_id"], answer_id]
    assert received["Subject"] == f"Re: {request['subject']}"
    assert str(received["Subject"]).count("Re:") == 1
    text = received.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Dear Jane Doe,\n")
    assert "Your comments on the design point are especially helpful." in text
    assert "?" not in text
    shown = tracked.run_json("show", str(request["id"]), "--json")
    assert shown["thank_you"]["status"] == "sent"
    assert shown["thank_you"]["in_reply_to"] == answer_id
    assert [m["kind"] for m in shown["messages"]] == ["request", "thank_you"]
    # Once: a second thank-you is refused, and the suggestion is gone.
    again = tracked.run("thank", str(request["id"]), "--yes")
    assert again.returncode == 7 and "already sent" in again.stderr
    assert len(smtp_server.messages) == before + 1
    assert "feedback-mailer thank" not in ok(tracked.run("list"))


def test_no_thank_you_before_an_answer_and_a_skip_stops_the_suggestion(
    tracked: World, mailbox: Dovecot
) -> None:
    request = tracked.run_json(*SEND, "--json")
    early = tracked.run("thank", str(request["id"]), "--yes")
    assert early.returncode == 7 and "no answer yet" in early.stderr
    answer(mailbox, request)
    ok(tracked.run("check"))
    skipped = ok(tracked.run("thank", str(request["id"]), "--skip"))
    assert "no longer suggested" in skipped
    assert "feedback-mailer thank" not in ok(tracked.run("list"))
    # Changing one's mind is allowed: a skipped thank-you can still be sent.
    assert tracked.run("thank", str(request["id"]), "--dry-run").returncode == 0


def test_a_refused_thank_you_is_failed_and_may_be_sent_again(
    tracked: World, smtp_server: SmtpServer, mailbox: Dovecot
) -> None:
    request = tracked.run_json(*SEND, "--json")
    answer(mailbox, request)
    ok(tracked.run("check"))
    smtp_server.fail_next_data(["554 5.7.1 Message refused"])
    refused = tracked.run("thank", str(request["id"]), "--yes")
    assert refused.returncode == 6, refused.stderr
    thanks = tracked.run_json("show", str(request["id"]), "--json")["thank_you"]
    assert thanks["status"] == "failed"
    assert ok(tracked.run("thank", str(request["id"]), "--yes", "--json"))


@pytest.mark.parametrize(
    ("language", "subject", "greeting", "attribution"),
    [
        ("de", "Feedback zu meinem Vorstellungsgespräch", "Guten Tag Jörg Müller,", "schrieb"),
        ("fr", "Retour sur mon entretien", "Bonjour Jörg Müller,", "a écrit\u00a0:"),
        ("es", "Comentarios sobre mi entrevista", "Buenos días, Jörg Müller:", "escribió:"),
    ],
)
def test_a_request_in_another_language_keeps_it_for_its_follow_up(
    world: World,
    smtp_server: SmtpServer,
    tls_material: TlsMaterial,
    language: str,
    subject: str,
    greeting: str,
    attribution: str,
) -> None:
    configure(world, smtp_server, tls_material, follow_up={"send_without_tracking": True})
    argv = send_argv(
        "--lang", language, "--interview-date", "2026-11-18", "--json",
        name="Jörg Müller", company="Société Générale",
    )  # fmt: skip
    request = world.run_json(*argv)
    sent = smtp_server.messages[-1].message
    assert str(sent["Subject"]).startswith(subject)
    text = compose.plain_text(sent)  # format=flowed: each paragraph on one line again
    assert text.startswith(greeting + "\n")
    # A no-break space keeps the day and its month on one line.
    day = {"de": "18.\u00a0November", "fr": "18\u00a0novembre", "es": "18\u00a0de\u00a0noviembre"}[
        language
    ]
    assert day in text
    with open_store(world.db_path) as store:
        assert store.get_request(request["id"]).language == language
    followed = world.run("followup", str(request["id"]), "--send-now")
    if followed.returncode == 0:  # inside the window: the follow-up is in the same language
        follow_up = smtp_server.messages[-1].message.get_body(("plain",)).get_content()
        assert attribution in follow_up


def test_the_configured_language_is_the_default(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    text = world.config_path.read_text(encoding="utf-8")
    world.write_config(text.replace("[sender]\n", '[sender]\nlanguage = "fr"\n'))
    dry = ok(world.run(*send_argv("--role", "Ingénieure", confirm="--dry-run")))
    assert "Subject: Retour sur mon entretien pour le poste de Ingénieure chez Acme Corp" in dry
    english = ok(world.run(*send_argv("--lang", "en", confirm="--dry-run")))
    assert "Subject: Feedback on my interview at Acme Corp" in english
    bad = world.run(*send_argv("--lang", "klingon", confirm="--dry-run"))
    assert bad.returncode == 2 and "two-letter" in bad.stderr
    world.write_config(text.replace("[sender]\n", '[sender]\nlanguage = "French"\n'))
    broken = world.run(*send_argv(confirm="--dry-run"))
    assert broken.returncode == 3 and "language" in broken.stderr


# --- the "Done when" walk ----------------------------------------------------------------

EDITOR = """\
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
points = iter(os.environ["POINTS"].split("|"))
out = []
for line in text.split("\\n"):
    if line.strip() == "-":
        point = next(points, "")
        line = "- " + ("" if point == "-" else point)
    out.append(line)
open(path, "w", encoding="utf-8").write("\\n".join(out))
"""

# Each interview's points as the editor fills the note's empty "- " lines, in order:
# three went well, then three to improve ("-" leaves a line empty).
INTERVIEWS = [
    (
        "jane@acme.example",
        "Acme Corp",
        "Jane Doe",
        "stories|calm|-|go deeper on scaling #system-design|ask better questions #curiosity",
    ),
    (
        "hank@globex.example",
        "Globex",
        "Hank Scorpio",
        "rapport|-|-|whiteboard a design end to end #system-design|talk salary later #salary",
    ),
    ("bill@initech.example", "Initech", "Bill Lumbergh", "preparation|-|-|numbers #metrics"),
]


def test_done_when_send_answer_thank_reflect_three_times_then_review(
    tracked: World, smtp_server: SmtpServer, mailbox: Dovecot, tmp_path: Path
) -> None:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    for email, company, name, points in INTERVIEWS:
        request = tracked.run_json(
            *send_argv("--role", "Engineer", "--json", to=email, company=company, name=name)
        )
        answer(mailbox, request, name=name)
        assert f"{company}: answered by {name}" in ok(tracked.run("check"))
        ok(tracked.run("thank", str(request["id"]), "--yes"))
        thanks = smtp_server.messages[-1].message
        assert thanks["To"].addresses[0].addr_spec == email
        editor = {"EDITOR": f"{sys.executable} {script}", "POINTS": points}
        reflected = ok(tracked.run("reflect", str(request["id"]), extra_env=editor))
        assert reflected.startswith(f"Saved reflection {request['id']} on {company}, Engineer")
        went_well = sum(1 for point in points.split("|")[:3] if point != "-")
        assert f": {went_well} went well, " in reflected
    review = ok(tracked.run("review"))
    (theme,) = [line for line in review.splitlines() if "#system-design" in line]
    assert re.fullmatch(r"\s+#system-design\s+2\s+█+\s+Acme Corp, Globex", theme)
    assert "Once so far: #curiosity, #metrics, #salary" in review
    assert "> - your system design answer stayed at a high level" in review

    assert "Head of Engineering" not in review
    (sent,) = [line for line in review.splitlines() if "requests sent" in line]
    assert sent.split()[:3] == ["requests", "sent", "3"]
    markdown = ok(tracked.run("review", "--markdown"))
    assert "| #system-design | 2 | ██████████ | Acme Corp, Globex |" in markdown
    figures = tracked.run_json("review", "--json")["asking"]
    assert figures["answered_before_follow_up"] == 3 and figures["follow_ups_sent"] == 0


def test_list_and_show_json_carry_the_request_language(
    world: World, smtp_server: SmtpServer, tls_material: TlsMaterial
) -> None:
    configure(world, smtp_server, tls_material)
    sent = world.run(*send_argv("--lang", "de"))
    assert sent.returncode == 0, sent.stderr
    assert world.run_json("list", "--json")[0]["language"] == "de"
    assert world.run_json("show", "1", "--json")["language"] == "de"
