# ruff: noqa: E501
"""Write the rejection corpus: tests/data/rejections/<family>/<NNN>-<slug>.eml + expected.json.

Every message here was written for this project, in the shapes real recruiters, agencies and
applicant-tracking systems (Greenhouse, Lever, Workday, Ashby, SmartRecruiters, Workable,
Personio, Teamtailor, SuccessFactors, Recruitee, JOIN, BambooHR) use; none is copied from
real mail. Companies and people are invented; their domains end in ".example". The user is
always "Alex Candidate <alex.candidate@example.org>", the To of every message (and the From of
the forwarded one). Dates fall in November and December 2026.

About half are rejections of the user's own job application; the rest are near-misses: mail
that shares words with a rejection ("unfortunately", "leider", "malheureusement") or comes
from the same senders, but is not one.

The manifest (expected.json) is one JSON object keyed by the path relative to
tests/data/rejections ("rejection/001-greenhouse-cv-screen.eml"). Every value holds:

    rejection       true for a rejection of the user's job application, else false
    family          "rejection" (rejection is true) or the near-miss it is: "offer",
                    "invitation" (interview or assessment), "next_stage", "still_reviewing",
                    "receipt" (application received), "job_alert" (alerts and job-board
                    newsletters), "outreach" (a recruiter's cold message), "feedback_answer"
                    (the recruiter's answer in a "Re: Feedback request" thread),
                    "bounce" (a DSN), "out_of_office", "other_rejection" (a talk, loan,
                    flat, manuscript, university place, tender, grant, credit card),
                    "forwarded" (a rejection the user forwarded to a friend: the user's own
                    message, so not a rejection to answer)
    language        ISO 639-1 code of the text the sender wrote: en de fr es nl it pt pl sv
    stage           for a rejection, when it came: "application" (CV screening), "screen"
                    (after a phone screen), "interview", "final" (after the last round),
                    "filled" (the position went to someone else, no stage named),
                    "cancelled" (position withdrawn or on hold); null for near-misses

and, for rejections only:

    company         the hiring company as the message names it (display name, signature,
                    body, subject), in the fullest form it writes ("Elmstead Retail plc" when
                    the signature says so, though the body says "Elmstead Retail"); for an
                    agency the client when named, else null; never the name of the
                    applicant-tracking system; null when only the sender's domain hints at it
    role            the role as written in the message, suffixes such as "(m/w/d)", "H/F",
                    "(f/h)", "m/v" kept; null when the message names none
    contact         the address to ask for feedback, lower-case: the human sender; else a
                    human Reply-To; else an address in the signature or body (mailto: links
                    included); a vendor relay that delivers replies to the recruiter
                    (Workable, Personio, Teamtailor's conversations@) counts. Never a no-reply
                    address, anything at myworkday.com, a List-Unsubscribe target or the
                    user's own address; null when there is nobody to ask
    contact_name    the human's name as written ("Jane Smith"), null when unknown
    feedback        "offered" (a call or an answer about the decision is offered),
                    "refused" (it says no individual feedback will be given), "given" (the
                    reasons are in the message), "none" (it says nothing about feedback).
                    A message that states a reason and also offers to say more is "offered":
                    the answer to it accepts the offer. A bare "questions? write to me" is
                    not an offer of feedback
    feedback_quote  the sentence that says it, exactly as written, whitespace collapsed to
                    single spaces (in HTML after tags are removed and entities decoded);
                    for "given" the sentence that states the reasons (for "offered", the
                    offer); null for "none"
    nobody          when contact is null, a short note of what was found instead
                    ("only no-reply@greenhouse.io"); else null

Run `.venv/bin/python tests/support/rejection_corpus_gen.py` to rewrite the files after
changing this one (the output is byte-for-byte the same on every run); `--check` only reports
whether the files on disk match. tests/test_rejection_corpus_manifest.py checks the set.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email import base64mime, quoprimime
from email.header import Header
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent / "data" / "rejections"
USER = "Alex Candidate <alex.candidate@example.org>"
USER_ADDRESS = "alex.candidate@example.org"

FAMILIES = (
    "rejection",
    "offer",
    "invitation",
    "next_stage",
    "still_reviewing",
    "receipt",
    "job_alert",
    "outreach",
    "feedback_answer",
    "bounce",
    "out_of_office",
    "other_rejection",
    "forwarded",
)
LANGUAGES = ("en", "de", "fr", "es", "nl", "it", "pt", "pl", "sv")
STAGES = ("application", "screen", "interview", "final", "filled", "cancelled")
FEEDBACK = ("offered", "refused", "given", "none")

# Winter offsets of the senders' countries, so Date headers look like their mail.
OFFSETS = {"en": 0, "pt": 0, "de": 1, "fr": 1, "es": 1, "nl": 1, "it": 1, "pl": 1, "sv": 1}
START = datetime(2026, 11, 2, tzinfo=UTC)  # a Monday

LINK = re.compile(r"\[\[(mailto|link):([^|\]]+)\|([^\]]*)\]\]")


@dataclass
class Mail:
    family: str
    lang: str
    slug: str
    subject: str
    sender: str
    body: str
    fmt: str = "plain"  # "plain", "html" (HTML only), "alt" (multipart/alternative) or "raw"
    charset: str = "utf-8"
    cte: str = "8bit"  # "7bit", "8bit", "quoted-printable" or "base64"
    reply_to: str | None = None
    to: str = USER
    headers: tuple[tuple[str, str], ...] = ()
    message_id: bool = True
    ats: str | None = None  # the vendor's host: HTML chrome, tracking pixel, List-Unsubscribe
    encode_subject: bool = False
    label: dict[str, Any] = field(default_factory=dict)


MAILS: list[Mail] = []


def _text(body: str) -> str:
    return textwrap.dedent(body).strip("\n") + "\n"


def rejection(
    lang: str,
    slug: str,
    *,
    subject: str,
    sender: str,
    body: str,
    stage: str,
    company: str | None,
    role: str | None,
    contact: str | None,
    contact_name: str | None,
    feedback: str,
    quote: str | None = None,
    nobody: str | None = None,
    **shape: Any,
) -> None:
    label = {
        "rejection": True,
        "family": "rejection",
        "language": lang,
        "stage": stage,
        "company": company,
        "role": role,
        "contact": contact,
        "contact_name": contact_name,
        "feedback": feedback,
        "feedback_quote": quote,
        "nobody": nobody,
    }
    MAILS.append(Mail("rejection", lang, slug, subject, sender, _text(body), label=label, **shape))


def near(
    family: str, lang: str, slug: str, *, subject: str, sender: str, body: str, **shape: Any
) -> None:
    label = {"rejection": False, "family": family, "language": lang, "stage": None}
    MAILS.append(Mail(family, lang, slug, subject, sender, _text(body), label=label, **shape))


# --- rendering -------------------------------------------------------------------------


def plain_of(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        kind, target, shown = m.groups()
        if kind == "mailto":
            return target if shown in ("", target) else f"{shown} <{target}>"
        return f"{shown} ({target})" if shown else target

    return LINK.sub(one, body)


def html_of(mail: Mail) -> str:
    def para(chunk: str) -> str:
        out = []
        pos = 0
        for m in LINK.finditer(chunk):
            out.append(html.escape(chunk[pos : m.start()], quote=False))
            kind, target, shown = m.groups()
            href = f"mailto:{target}" if kind == "mailto" else target
            out.append(
                f'<a href="{html.escape(href)}" style="color:#1a5fb4;text-decoration:underline">'
                f"{html.escape(shown or target, quote=False)}</a>"
            )
            pos = m.end()
        out.append(html.escape(chunk[pos:], quote=False))
        return "".join(out).replace("\n", "<br>\n")

    paragraphs = [p for p in mail.body.strip().split("\n\n") if p.strip()]
    inner = "\n".join(
        f'<p style="margin:0 0 14px 0;font-size:15px;line-height:22px">{para(p)}</p>'
        for p in paragraphs
    )
    token = hashlib.sha256(mail.slug.encode()).hexdigest()[:16]
    if mail.ats is None:
        return (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset='
            f'{mail.charset}"></head>\n<body><div style="font-family:Calibri,Arial,sans-serif">\n'
            f"{inner}\n</div></body></html>\n"
        )
    return (
        "<!DOCTYPE html>\n<html><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={mail.charset}">'
        '<meta name="viewport" content="width=device-width"></head>\n'
        '<body style="margin:0;padding:0;background:#f4f5f7">\n'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        'style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">\n'
        '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" '
        'style="background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;color:#222222">\n'
        f'<tr><td style="padding:32px 36px 8px 36px">\n{inner}\n</td></tr>\n'
        '<tr><td style="padding:8px 36px 28px 36px;font-size:11px;color:#8a8f98">'
        f'<a href="https://{mail.ats}/unsubscribe/{token}" style="color:#8a8f98">Unsubscribe</a>'
        " · "
        f'<a href="https://{mail.ats}/privacy" style="color:#8a8f98">Privacy</a>'
        "</td></tr>\n</table>\n</td></tr></table>\n"
        f'<img src="https://{mail.ats}/o/{token}.gif" width="1" height="1" alt="" '
        'style="display:block;border:0;width:1px;height:1px">\n'
        "</body></html>\n"
    )


def encode_part(text: str, charset: str, cte: str) -> bytes:
    data = text.encode(charset)
    if cte in ("7bit", "8bit"):
        if cte == "7bit":
            data.decode("ascii")
        return data
    if cte == "quoted-printable":
        return quoprimime.body_encode(data.decode("latin-1")).encode("ascii")
    if cte == "base64":
        return base64mime.body_encode(data).encode("ascii")
    raise ValueError(cte)


def leaf(ctype: str, text: str, mail: Mail) -> bytes:
    head = (
        f'Content-Type: {ctype}; charset="{mail.charset}"\n'
        f"Content-Transfer-Encoding: {mail.cte}\n\n"
    )
    return head.encode("ascii") + encode_part(text, mail.charset, mail.cte)


def address(value: str, charset: str) -> str:
    name, addr = parseaddr(value)
    if not name:
        return addr
    if name.isascii():
        return formataddr((name, addr))
    return formataddr((name, addr), charset=charset if _fits(name, charset) else "utf-8")


def _fits(text: str, charset: str) -> bool:
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


def subject_of(mail: Mail) -> str:
    if mail.subject.isascii() and not mail.encode_subject:
        return mail.subject
    charset = mail.charset if _fits(mail.subject, mail.charset) else "utf-8"
    return Header(mail.subject, charset, header_name="Subject").encode()


def sent_at(index: int) -> datetime:
    """Five messages a working day from Monday 2 November, in office hours."""
    weeks, weekday = divmod(index // 5, 5)
    day = START + timedelta(weeks=weeks, days=weekday)
    return day.replace(hour=8 + (index * 3) % 10, minute=(index * 37) % 60)


def render(mail: Mail, index: int) -> bytes:
    offset = timezone(timedelta(hours=OFFSETS[mail.lang]))
    when = sent_at(index).astimezone(offset)
    domain = parseaddr(mail.sender)[1].rpartition("@")[2] or "mail.example"
    token = hashlib.sha256(mail.slug.encode()).hexdigest()
    lines = [
        f"Date: {format_datetime(when)}",
        f"From: {address(mail.sender, mail.charset)}",
    ]
    if mail.reply_to:
        lines.append(f"Reply-To: {address(mail.reply_to, mail.charset)}")
    lines.append(f"To: {address(mail.to, mail.charset)}")
    lines.append(f"Subject: {subject_of(mail)}")
    if mail.message_id:
        lines.append(f"Message-ID: <{token[:24]}.{index:03d}@{domain}>")
    lines.append("MIME-Version: 1.0")
    lines.extend(f"{name}: {value}" for name, value in mail.headers)
    if mail.ats is not None and not any(n == "List-Unsubscribe" for n, _ in mail.headers):
        lines.append(
            f"List-Unsubscribe: <https://{mail.ats}/unsubscribe/{token[:16]}>, "
            f"<mailto:unsubscribe+{token[:12]}@{mail.ats}>"
        )
        lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    head = "\n".join(lines).encode("ascii") + b"\n"
    if mail.fmt == "plain":
        return head + leaf("text/plain", plain_of(mail.body), mail)
    if mail.fmt == "html":
        return head + leaf("text/html", html_of(mail), mail)
    if mail.fmt == "raw":
        # A body written with its own MIME structure (delivery reports).
        return head + mail.body.encode("utf-8")
    if mail.fmt == "alt":
        boundary = f"----=_Part_{token[:20]}"
        return (
            head
            + f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'.encode("ascii")
            + f"--{boundary}\n".encode("ascii")
            + leaf("text/plain", plain_of(mail.body), mail)
            + f"\n--{boundary}\n".encode("ascii")
            + leaf("text/html", html_of(mail), mail)
            + f"\n--{boundary}--\n".encode("ascii")
        )
    raise ValueError(mail.fmt)


def build() -> dict[str, bytes]:
    """Every file of the corpus, expected.json included, by path relative to ROOT."""
    files: dict[str, bytes] = {}
    manifest: dict[str, Any] = {}
    counters: dict[str, int] = {}
    seen: set[str] = set()
    for index, mail in enumerate(MAILS):
        assert mail.family in FAMILIES and mail.lang in LANGUAGES, mail.slug
        assert mail.slug not in seen, f"slug used twice: {mail.slug}"
        seen.add(mail.slug)
        counters[mail.family] = counters.get(mail.family, 0) + 1
        path = f"{mail.family}/{counters[mail.family]:03d}-{mail.slug}.eml"
        files[path] = render(mail, index)
        manifest[path] = mail.label
    files["expected.json"] = (
        json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    ).encode("utf-8")
    return files


def differences(files: dict[str, bytes]) -> list[str]:
    """Paths whose bytes on disk differ from `files`, plus stray .eml files on disk."""
    out = [
        p
        for p, data in files.items()
        if not (ROOT / p).is_file() or (ROOT / p).read_bytes() != data
    ]
    out += sorted(
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*.eml")
        if p.relative_to(ROOT).as_posix() not in files
    )
    return sorted(out)


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        stale = differences(files)
        for path in stale:
            print(f"differs: {path}")
        return 1 if stale else 0
    for stray in ROOT.rglob("*.eml"):
        if stray.relative_to(ROOT).as_posix() not in files:
            stray.unlink()
    for path, data in files.items():
        target = ROOT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    counts = sum(1 for m in MAILS if m.label["rejection"])
    print(f"wrote {len(MAILS)} messages ({counts} rejections) to {ROOT}")
    return 0


# --- the messages ------------------------------------------------------------------------
# Senders and shapes vary on purpose; each text is written on its own.

# English rejections ------------------------------------------------------------------

rejection(
    "en",
    "greenhouse-noreply-cv",
    subject="Your application to Lumenfield",
    sender="Lumenfield Hiring Team <no-reply@us.greenhouse-mail.io>",
    fmt="html",
    ats="us.greenhouse-mail.io",
    cte="quoted-printable",
    body="""
    Hi Alex,

    Thank you for your interest in the Senior Data Engineer position at Lumenfield. We appreciate the time you took to apply.

    After careful review of your application, we have decided not to move forward with your candidacy at this time. Due to the high volume of applications we receive, we are unable to provide individual feedback.

    We encourage you to keep an eye on our careers page for future openings.

    Best,
    The Lumenfield Talent Acquisition Team
    """,
    stage="application",
    company="Lumenfield",
    role="Senior Data Engineer",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Due to the high volume of applications we receive, we are unable to provide individual feedback.",
    nobody="only no-reply@us.greenhouse-mail.io",
)

rejection(
    "en",
    "human-after-final-offered",
    subject="Staff Product Designer - update",
    sender="Priya Raman <priya.raman@harbourline.example>",
    body="""
    Dear Alex,

    I wanted to reach out personally after your final round with us last Thursday. The team enjoyed meeting you, and this was a genuinely close call, but we have decided to offer the Staff Product Designer role to another candidate whose experience with design systems at scale was a slightly closer match.

    I know that is disappointing news after several rounds. If it would help, I'm happy to set up a 15-minute call to walk you through the panel's notes - just reply to this email with a couple of times that work for you.

    Thank you again for the care you put into the portfolio review.

    Warm regards,
    Priya Raman
    Senior Talent Partner | Harbourline
    +44 20 7946 0321
    """,
    stage="final",
    company="Harbourline",
    role="Staff Product Designer",
    contact="priya.raman@harbourline.example",
    contact_name="Priya Raman",
    feedback="offered",
    quote="If it would help, I'm happy to set up a 15-minute call to walk you through the panel's notes - just reply to this email with a couple of times that work for you.",
)

rejection(
    "en",
    "lever-replyto-screen",
    subject="Following up on your Backend Engineer (Payments) application",
    sender="Tom Okafor <no-reply@hire.lever.co>",
    reply_to="Tom Okafor <tom.okafor@quillpay.example>",
    fmt="alt",
    ats="hire.lever.co",
    body="""
    Hi Alex,

    Thanks for speaking with me on Monday about the Backend Engineer (Payments) role at Quillpay. I enjoyed hearing about your work on reconciliation pipelines.

    After discussing with the hiring manager, we've decided to pursue candidates with more hands-on experience in card-network integrations, so we won't be moving you forward to the technical interviews.

    I really appreciate your time and wish you the best of luck with your search.

    Tom Okafor
    Technical Recruiter, Quillpay
    """,
    stage="screen",
    company="Quillpay",
    role="Backend Engineer (Payments)",
    contact="tom.okafor@quillpay.example",
    contact_name="Tom Okafor",
    feedback="given",
    quote="After discussing with the hiring manager, we've decided to pursue candidates with more hands-on experience in card-network integrations, so we won't be moving you forward to the technical interviews.",
)

rejection(
    "en",
    "workday-noreply-filled",
    subject="Update regarding Requisition R-20411 Business Analyst",
    sender="Carrow Insurance Group <carrow@myworkday.com>",
    fmt="html",
    cte="base64",
    body="""
    Dear Alex Candidate,

    Thank you for applying for the position of Business Analyst (Requisition R-20411) with Carrow Insurance Group.

    We would like to inform you that this position has now been filled. We will retain your profile in our talent community and may contact you should a suitable opportunity arise.

    This is an automated message. Please do not reply to this email.

    Sincerely,
    Carrow Insurance Group Recruitment
    """,
    stage="filled",
    company="Carrow Insurance Group",
    role="Business Analyst",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only carrow@myworkday.com (Workday sender, replies not read)",
)

rejection(
    "en",
    "ashby-signature-interview",
    subject="Lumen Robotics — Machine Learning Engineer",
    sender="Lumen Robotics <no-reply@ashbyhq.com>",
    fmt="alt",
    ats="ashbyhq.com",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Hi Alex,

    Thank you for interviewing with us for the Machine Learning Engineer position — it was a pleasure to get to know you over the past couple of weeks.

    Unfortunately, we've decided to move forward with other candidates at this stage. The panel felt your system design answer lacked depth on how the model would be served and monitored in production, while your modelling fundamentals were strong.

    If you have any questions, you can reach me directly at [[mailto:dana.whitfield@lumenrobotics.example|dana.whitfield@lumenrobotics.example]].

    All the best,
    Dana Whitfield
    Recruiting Lead, Lumen Robotics
    """,
    stage="interview",
    company="Lumen Robotics",
    role="Machine Learning Engineer",
    contact="dana.whitfield@lumenrobotics.example",
    contact_name="Dana Whitfield",
    feedback="given",
    quote="The panel felt your system design answer lacked depth on how the model would be served and monitored in production, while your modelling fundamentals were strong.",
)

rejection(
    "en",
    "agency-no-client",
    subject="Re: Senior DevOps contract",
    sender="Marcus Bell <marcus.bell@northstartalent.example>",
    body="""
    Hi Alex,

    Quick one - my client has come back and they're not progressing your profile for the Senior DevOps Engineer contract. They've gone with someone who has more Azure exposure.

    Don't be discouraged, I've got a couple of AWS-heavy roles landing next week that look like a much better fit. Will give you a ring.

    Cheers,
    Marcus

    Marcus Bell | Principal Consultant | Northstar Talent
    """,
    stage="application",
    company=None,
    role="Senior DevOps Engineer",
    contact="marcus.bell@northstartalent.example",
    contact_name="Marcus Bell",
    feedback="given",
    quote="They've gone with someone who has more Azure exposure.",
)

rejection(
    "en",
    "agency-named-client",
    subject="Feedback from Ostrander Bank - Risk Analyst",
    sender="Hannah Cole <h.cole@bridgewayrecruit.example>",
    body="""
    Dear Alex,

    Thank you for attending the second-stage interview at Ostrander Bank for the Quantitative Risk Analyst role. I have now heard back from the hiring team and I'm afraid they have decided not to take your application further.

    They did not give detailed reasons yet, but I'm chasing them and will happily pass on whatever feedback they share - feel free to call me in the meantime.

    Kind regards,
    Hannah Cole
    Senior Consultant, Financial Services
    Bridgeway Recruitment
    """,
    stage="interview",
    company="Ostrander Bank",
    role="Quantitative Risk Analyst",
    contact="h.cole@bridgewayrecruit.example",
    contact_name="Hannah Cole",
    feedback="offered",
    quote="They did not give detailed reasons yet, but I'm chasing them and will happily pass on whatever feedback they share - feel free to call me in the meantime.",
)

rejection(
    "en",
    "workable-relay-application",
    subject="Your application for Customer Success Manager at Brindle",
    sender="Brindle <brindle@candidates.workablemail.com>",
    fmt="alt",
    ats="workablemail.com",
    cte="quoted-printable",
    body="""
    Hello Alex,

    Thank you for taking the time to apply for the Customer Success Manager role at Brindle.

    We received a lot of strong applications and, after reviewing yours, we have decided to proceed with candidates whose background more closely matches our requirements.

    We wish you every success in your job search.

    Regards,
    Sophie Lang
    People Operations, Brindle
    """,
    stage="application",
    company="Brindle",
    role="Customer Success Manager",
    contact="brindle@candidates.workablemail.com",
    contact_name="Sophie Lang",
    feedback="none",
)

rejection(
    "en",
    "smartrecruiters-cancelled",
    subject="Regarding your application - Network Security Engineer",
    sender="Fenwick Aerospace Careers <noreply@smartrecruiters.com>",
    fmt="html",
    ats="smartrecruiters.com",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Dear Alex,

    We’re writing to let you know that the Network Security Engineer position you applied for at Fenwick Aerospace has been put on hold due to a change in business priorities. As a result, we are closing all applications for this vacancy.

    We’re sorry for any inconvenience this may cause and thank you for your interest in Fenwick Aerospace.

    Fenwick Aerospace Talent Acquisition
    """,
    stage="cancelled",
    company="Fenwick Aerospace",
    role="Network Security Engineer",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only noreply@smartrecruiters.com",
)

rejection(
    "en",
    "short-human-none",
    subject="QA Lead",
    sender="Greg Navarro <greg@tinmanlabs.example>",
    body="""
    Alex - thanks for coming in yesterday. We've decided not to move ahead for the QA Lead spot. Appreciate your time and good luck out there.

    Greg
    """,
    stage="interview",
    company=None,
    role="QA Lead",
    contact="greg@tinmanlabs.example",
    contact_name="Greg Navarro",
    feedback="none",
)

rejection(
    "en",
    "bamboohr-replyto-interview-refused",
    subject="Thank you for interviewing with Pinecrest Health",
    sender="Pinecrest Health <notifications@app.bamboohr.com>",
    reply_to="Rachel Kim <rkim@pinecresthealth.example>",
    fmt="alt",
    ats="app.bamboohr.com",
    body="""
    Dear Alex,

    Thank you for interviewing for the Clinical Data Manager opening at Pinecrest Health. We truly enjoyed our conversation.

    We regret to inform you that we have selected another candidate for this role. Please understand that, as a matter of policy, we do not provide feedback on interviews.

    We appreciate your interest in Pinecrest Health and wish you well.

    Rachel Kim
    HR Generalist
    """,
    stage="interview",
    company="Pinecrest Health",
    role="Clinical Data Manager",
    contact="rkim@pinecresthealth.example",
    contact_name="Rachel Kim",
    feedback="refused",
    quote="Please understand that, as a matter of policy, we do not provide feedback on interviews.",
)

rejection(
    "en",
    "recruitee-mailto-final",
    subject="Head of Growth — next steps",
    sender="Orbit & Oak <no-reply@orbitoak.recruitee.com>",
    fmt="html",
    ats="recruitee.com",
    encode_subject=True,
    body="""
    Hi Alex,

    Thank you so much for spending the afternoon with the leadership team for the final round of the Head of Growth process. It was a tough decision, and in the end we chose a candidate with deeper experience in B2B marketplaces.

    If you'd like to hear more about how we reached the decision, drop me a line at [[mailto:lena.brooks@orbitoak.example|Lena Brooks]] and I'll gladly share our notes.

    Lena Brooks
    Talent, Orbit & Oak
    """,
    stage="final",
    company="Orbit & Oak",
    role="Head of Growth",
    contact="lena.brooks@orbitoak.example",
    contact_name="Lena Brooks",
    feedback="offered",
    quote="If you'd like to hear more about how we reached the decision, drop me a line at Lena Brooks and I'll gladly share our notes.",
)

rejection(
    "en",
    "successfactors-noreply-application",
    subject="Application Status: Graduate Software Developer (Job ID 88213)",
    sender="Halbrook Group Careers <donotreply@successfactors.eu>",
    cte="7bit",
    message_id=False,
    body="""
    Dear Alex Candidate,

    Thank you for your recent application for the role of Graduate Software Developer (Job ID 88213).

    We have carefully considered your application against the requirements of the role and regret to inform you that on this occasion you have not been shortlisted.

    Owing to the volume of applications, we are not able to give feedback at this stage of the process.

    We wish you every success for the future.

    Yours sincerely,

    Halbrook Group Resourcing Team

    Please do not reply to this e-mail as this mailbox is not monitored.
    """,
    stage="application",
    company="Halbrook Group",
    role="Graduate Software Developer",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Owing to the volume of applications, we are not able to give feedback at this stage of the process.",
    nobody="only donotreply@successfactors.eu",
)

rejection(
    "en",
    "teamtailor-conversations",
    subject="Frontend Developer at Wildmint",
    sender="Wildmint <conversations@wildmint.teamtailor-mail.com>",
    fmt="alt",
    ats="teamtailor-mail.com",
    body="""
    Hey Alex!

    Thanks a lot for the chat last week and for the take-home assignment - we could tell you put real effort into it.

    We've now finished the interviews for the Frontend Developer role and, sadly, we've decided to go with another candidate. This time we were looking for someone with more experience in accessibility audits, which came up a few times in the review of your assignment.

    Take care and hopefully our paths cross again!

    Jonas from Wildmint
    """,
    stage="interview",
    company="Wildmint",
    role="Frontend Developer",
    contact="conversations@wildmint.teamtailor-mail.com",
    contact_name="Jonas",
    feedback="given",
    quote="This time we were looking for someone with more experience in accessibility audits, which came up a few times in the review of your assignment.",
)

rejection(
    "en",
    "hiring-manager-direct-phone-screen",
    subject="Re: Platform Engineer role",
    sender="Samantha Ortiz <sortiz@cobaltgrid.example>",
    body="""
    Hi Alex,

    Thanks again for the call on Tuesday, I enjoyed it. I've thought about it over the last couple of days and I don't think the Platform Engineer role is the right fit at the moment - we really need someone who has run Kubernetes clusters in production on their own, and it sounded like that was mostly handled by another team at your current company.

    Happy to chat more if you want to hear my thinking in detail.

    Best,
    Sam

    --
    Samantha Ortiz
    Engineering Manager, Cobalt Grid
    """,
    stage="screen",
    company="Cobalt Grid",
    role="Platform Engineer",
    contact="sortiz@cobaltgrid.example",
    contact_name="Samantha Ortiz",
    feedback="offered",
    quote="Happy to chat more if you want to hear my thinking in detail.",
)

rejection(
    "en",
    "greenhouse-replyto-final-refused",
    subject="Your candidacy for Principal Engineer at Tessellate",
    sender="Tessellate Recruiting <no-reply@greenhouse.io>",
    reply_to="Ben Hartley <ben.hartley@tessellate.example>",
    fmt="html",
    ats="greenhouse.io",
    body="""
    Dear Alex,

    Thank you for the time and energy you invested in our interview process for the Principal Engineer position, including the final onsite.

    After much deliberation, the team has decided not to extend an offer. We know this is not the outcome you hoped for. Given the confidential nature of our hiring discussions, we're not able to share specific feedback on individual interviews.

    We'd be glad to stay in touch for future roles.

    Kind regards,
    Ben Hartley
    Senior Recruiter, Tessellate
    """,
    stage="final",
    company="Tessellate",
    role="Principal Engineer",
    contact="ben.hartley@tessellate.example",
    contact_name="Ben Hartley",
    feedback="refused",
    quote="Given the confidential nature of our hiring discussions, we're not able to share specific feedback on individual interviews.",
)

rejection(
    "en",
    "join-position-cancelled",
    subject="Marketing Coordinator (part-time) - position withdrawn",
    sender="Sunhill Bakery via JOIN <noreply@join.com>",
    reply_to="Martina Hayes <martina@sunhillbakery.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Dear Alex,

    I'm sorry to tell you that we have decided not to fill the Marketing Coordinator (part-time) position after all - our budget for next year has changed and the role has been cancelled.

    This has nothing to do with your application, which we liked. If anything changes I will contact you first.

    Best wishes,
    Martina Hayes
    Owner, Sunhill Bakery
    """,
    stage="cancelled",
    company="Sunhill Bakery",
    role="Marketing Coordinator (part-time)",
    contact="martina@sunhillbakery.example",
    contact_name="Martina Hayes",
    feedback="none",
)

rejection(
    "en",
    "long-formal-given-final",
    subject="Outcome of your assessment centre - Management Trainee",
    sender="Graduate Recruitment <graduates@elmstead-retail.example>",
    fmt="alt",
    charset="windows-1252",
    cte="8bit",
    body="""
    Dear Alex,

    Thank you for attending the Elmstead Retail assessment centre for the 2027 Management Trainee Programme on 19 November.

    We were impressed by the standard of candidates this year and the decision was a difficult one. I am sorry to let you know that on this occasion we will not be offering you a place on the programme.

    To help you with future applications, here is a short summary from the assessors: you scored highly in the group exercise and the numerical case study, but your presentation ran over time and did not reach a clear recommendation, which was the deciding factor.

    We hope you found the day worthwhile and wish you the very best.

    Yours sincerely,

    Olivia Grant
    Early Careers Manager
    Elmstead Retail plc
    """,
    stage="final",
    company="Elmstead Retail plc",
    role="Management Trainee",
    contact="graduates@elmstead-retail.example",
    contact_name="Olivia Grant",
    feedback="given",
    quote="To help you with future applications, here is a short summary from the assessors: you scored highly in the group exercise and the numerical case study, but your presentation ran over time and did not reach a clear recommendation, which was the deciding factor.",
)

rejection(
    "en",
    "personio-relay-filled",
    subject="Your application as Office Manager",
    sender="Kestrel Studios <jobs+k4f2a9@kestrel.jobs.personio.de>",
    fmt="html",
    ats="jobs.personio.de",
    cte="base64",
    body="""
    Hi Alex,

    thanks again for your application as Office Manager and for your patience.

    We wanted to let you know that the position has now been filled. We'll keep your details on file and will reach out if something similar opens up.

    If you have any questions or would like some feedback on your application, simply reply to this message.

    Best regards,
    Nadia Flores
    Kestrel Studios
    """,
    stage="filled",
    company="Kestrel Studios",
    role="Office Manager",
    contact="jobs+k4f2a9@kestrel.jobs.personio.de",
    contact_name="Nadia Flores",
    feedback="offered",
    quote="If you have any questions or would like some feedback on your application, simply reply to this message.",
)

rejection(
    "en",
    "lever-noreply-no-role",
    subject="Thanks for applying to Gantry",
    sender="Gantry <no-reply@hire.lever.co>",
    fmt="alt",
    ats="hire.lever.co",
    message_id=False,
    body="""
    Hi Alex,

    Thanks for your interest in Gantry. We've reviewed your application and unfortunately we won't be moving forward at this time.

    We'll keep your information on file in case another role comes up that matches your experience.

    Best,
    Gantry Recruiting
    """,
    stage="application",
    company="Gantry",
    role=None,
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only no-reply@hire.lever.co",
)

# German rejections -------------------------------------------------------------------

rejection(
    "de",
    "personio-absage-bewerbung",
    subject="Ihre Bewerbung als Softwareentwickler Java (m/w/d)",
    sender="Kranich Logistik GmbH <jobs+a71c03@kranich-logistik.jobs.personio.de>",
    fmt="html",
    ats="jobs.personio.de",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Sehr geehrter Herr Candidate,

    vielen Dank für Ihre Bewerbung als Softwareentwickler Java (m/w/d) und das damit verbundene Interesse an der Kranich Logistik GmbH.

    Nach sorgfältiger Prüfung Ihrer Unterlagen müssen wir Ihnen leider mitteilen, dass wir uns für andere Bewerberinnen und Bewerber entschieden haben, deren Profil unseren Anforderungen noch besser entspricht.

    Bitte sehen Sie diese Entscheidung nicht als Bewertung Ihrer Qualifikation. Wir wünschen Ihnen für Ihre berufliche Zukunft alles Gute und viel Erfolg.

    Mit freundlichen Grüßen
    Sabine Hoffmann
    Personalabteilung
    Kranich Logistik GmbH
    """,
    stage="application",
    company="Kranich Logistik GmbH",
    role="Softwareentwickler Java (m/w/d)",
    contact="jobs+a71c03@kranich-logistik.jobs.personio.de",
    contact_name="Sabine Hoffmann",
    feedback="none",
)

rejection(
    "de",
    "mensch-nach-interview-angebot",
    subject="Rückmeldung zu unserem Gespräch – Product Owner (w/m/d)",
    sender="Julia Brandt <julia.brandt@fernwerk.example>",
    charset="iso-8859-15",
    cte="8bit",
    encode_subject=True,
    body="""
    Hallo Alex,

    herzlichen Dank noch einmal für das offene Gespräch am Dienstag und die Zeit, die Du Dir für uns genommen hast.

    Wir haben uns die Entscheidung nicht leicht gemacht, uns am Ende aber für eine Kandidatin entschieden, die bereits Erfahrung im Versicherungsumfeld mitbringt. Für die Position als Product Owner (w/m/d) können wir Dir deshalb leider keine Zusage geben.

    Wenn Du magst, stehe ich Dir gerne für ein kurzes Feedbackgespräch zur Verfügung, melde Dich einfach.

    Viele Grüße
    Julia

    Julia Brandt
    Talent Acquisition | Fernwerk
    """,
    stage="interview",
    company="Fernwerk",
    role="Product Owner (w/m/d)",
    contact="julia.brandt@fernwerk.example",
    contact_name="Julia Brandt",
    feedback="offered",
    quote="Wenn Du magst, stehe ich Dir gerne für ein kurzes Feedbackgespräch zur Verfügung, melde Dich einfach.",
)

rejection(
    "de",
    "successfactors-keine-feedback",
    subject="Ihre Bewerbung bei der Rheinauen Versicherung AG - Referenz 40213",
    sender="Rheinauen Versicherung Karriere <noreply@successfactors.eu>",
    fmt="alt",
    ats="successfactors.eu",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Sehr geehrte/r Alex Candidate,

    wir bedanken uns für Ihre Bewerbung auf die Stelle Referent Controlling (m/w/d) und das Vertrauen, das Sie uns damit entgegenbringen.

    Leider müssen wir Ihnen mitteilen, dass wir Ihre Bewerbung im weiteren Auswahlverfahren nicht berücksichtigen können. Aufgrund der Vielzahl an Bewerbungen bitten wir um Verständnis, dass wir keine individuellen Rückmeldungen zu den Gründen unserer Entscheidung geben können.

    Ihre Daten werden gemäß den gesetzlichen Bestimmungen nach sechs Monaten gelöscht.

    Mit freundlichen Grüßen
    Ihr Recruiting-Team der Rheinauen Versicherung AG

    Diese E-Mail wurde automatisch erstellt. Bitte antworten Sie nicht auf diese Nachricht.
    """,
    stage="application",
    company="Rheinauen Versicherung AG",
    role="Referent Controlling (m/w/d)",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Aufgrund der Vielzahl an Bewerbungen bitten wir um Verständnis, dass wir keine individuellen Rückmeldungen zu den Gründen unserer Entscheidung geben können.",
    nobody="only noreply@successfactors.eu",
)

rejection(
    "de",
    "telefoninterview-gruende",
    subject="Re: Telefoninterview Data Analyst",
    sender="Markus Feld <m.feld@alpenblick-energie.example>",
    body="""
    Guten Tag Herr Candidate,

    danke für das Telefonat gestern. Nach Rücksprache mit der Fachabteilung werden wir den Prozess für die Stelle Data Analyst (m/w/d) nicht mit Ihnen fortsetzen.

    Ausschlaggebend war, dass wir für die Rolle sehr gute Kenntnisse in SAP BW benötigen und Sie hier nach eigener Aussage bislang nur wenig Erfahrung sammeln konnten.

    Ich wünsche Ihnen alles Gute für Ihre weitere Suche.

    Freundliche Grüße
    Markus Feld
    HR Business Partner
    Alpenblick Energie GmbH & Co. KG
    Tel. +49 8821 555 210
    """,
    stage="screen",
    company="Alpenblick Energie GmbH & Co. KG",
    role="Data Analyst (m/w/d)",
    contact="m.feld@alpenblick-energie.example",
    contact_name="Markus Feld",
    feedback="given",
    quote="Ausschlaggebend war, dass wir für die Rolle sehr gute Kenntnisse in SAP BW benötigen und Sie hier nach eigener Aussage bislang nur wenig Erfahrung sammeln konnten.",
)

rejection(
    "de",
    "workday-besetzt",
    subject="Information zu Ihrer Bewerbung",
    sender="Südstern Pharma <suedstern@myworkday.com>",
    fmt="html",
    cte="base64",
    charset="utf-8",
    body="""
    Sehr geehrte Damen und Herren,

    vielen Dank für Ihr Interesse an der Position Clinical Trial Manager (m/w/d) bei Südstern Pharma.

    Wir möchten Sie darüber informieren, dass die Stelle inzwischen besetzt wurde. Ihre Bewerbung wird daher nicht weiter berücksichtigt.

    Mit freundlichen Grüßen
    Südstern Pharma – Talent Acquisition

    Bitte antworten Sie nicht auf diese automatisch generierte E-Mail.
    """,
    stage="filled",
    company="Südstern Pharma",
    role="Clinical Trial Manager (m/w/d)",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only suedstern@myworkday.com (Workday sender, replies not read)",
)

rejection(
    "de",
    "join-replyto-abgesagt-stelle",
    subject="Werkstudent Marketing (m/w/d) – Stelle entfällt",
    sender="Bäckerei Lindner via JOIN <noreply@join.com>",
    reply_to="Tobias Lindner <tobias@baeckerei-lindner.example>",
    fmt="alt",
    ats="join.com",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Hallo Alex,

    leider muss ich Dir mitteilen, dass wir die Stelle als Werkstudent Marketing (m/w/d) vorerst nicht besetzen werden. Wir haben intern umstrukturiert und das Budget ist für dieses Jahr gestrichen.

    Das hat nichts mit Deiner Bewerbung zu tun. Sollte sich etwas ändern, melde ich mich gerne wieder bei Dir.

    Beste Grüße
    Tobias Lindner
    Bäckerei Lindner
    """,
    stage="cancelled",
    company="Bäckerei Lindner",
    role="Werkstudent Marketing (m/w/d)",
    contact="tobias@baeckerei-lindner.example",
    contact_name="Tobias Lindner",
    feedback="none",
)

rejection(
    "de",
    "finale-runde-feedback-gegeben",
    subject="Ihre Bewerbung als Teamleiter Kundenservice (m/w/d)",
    sender="Dr. Petra Vogel <petra.vogel@hanseatic-mobility.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Sehr geehrter Herr Candidate,

    nochmals vielen Dank, dass Sie sich die Zeit für die abschließende Runde mit unserer Geschäftsführung genommen haben.

    Nach intensiver Abwägung haben wir uns für einen anderen Kandidaten entschieden. Gerne gebe ich Ihnen dazu eine offene Rückmeldung: Ihre Fallstudie war fachlich überzeugend, im Gespräch mit der Geschäftsführung fehlten uns jedoch konkrete Beispiele dafür, wie Sie ein Team durch schwierige Veränderungen geführt haben.

    Wir würden uns freuen, wenn Sie uns weiterhin verbunden bleiben.

    Mit freundlichen Grüßen

    Dr. Petra Vogel
    Leiterin Personal
    Hanseatic Mobility AG
    """,
    stage="final",
    company="Hanseatic Mobility AG",
    role="Teamleiter Kundenservice (m/w/d)",
    contact="petra.vogel@hanseatic-mobility.example",
    contact_name="Petra Vogel",
    feedback="given",
    quote="Gerne gebe ich Ihnen dazu eine offene Rückmeldung: Ihre Fallstudie war fachlich überzeugend, im Gespräch mit der Geschäftsführung fehlten uns jedoch konkrete Beispiele dafür, wie Sie ein Team durch schwierige Veränderungen geführt haben.",
)

rejection(
    "de",
    "personalberatung-ohne-kunde",
    subject="Rückmeldung Senior Backend Engineer",
    sender="Kevin Schulz <k.schulz@talentbruecke.example>",
    body="""
    Hi Alex,

    kurzes Update von meiner Seite: Mein Kunde hat sich leider gegen Dein Profil für die Position Senior Backend Engineer entschieden. Man sucht doch jemanden mit mehr Go-Erfahrung.

    Ich habe aber bereits zwei weitere spannende Projekte im Blick und melde mich die Tage telefonisch.

    LG Kevin

    Kevin Schulz
    Senior Consultant IT
    Talentbrücke Personalberatung
    """,
    stage="application",
    company=None,
    role="Senior Backend Engineer",
    contact="k.schulz@talentbruecke.example",
    contact_name="Kevin Schulz",
    feedback="given",
    quote="Man sucht doch jemanden mit mehr Go-Erfahrung.",
)

rejection(
    "de",
    "personalberatung-mit-kunde",
    subject="Ihre Kandidatur bei der Mertens Maschinenbau AG",
    sender="Claudia Weber <claudia.weber@weber-partner-executive.example>",
    charset="windows-1252",
    cte="8bit",
    body="""
    Sehr geehrter Herr Candidate,

    ich möchte mich noch einmal für Ihr Engagement im Auswahlprozess zur Position „Leiter Einkauf (m/w/d)“ bei unserer Mandantin, der Mertens Maschinenbau AG, bedanken.

    Nach dem zweiten Gespräch vor Ort hat sich die Mandantin für einen anderen Kandidaten entschieden. Gerne erläutere ich Ihnen die Hintergründe in einem persönlichen Telefonat.

    Mit besten Grüßen
    Claudia Weber
    Partnerin
    Weber & Partner Executive Search
    """,
    stage="interview",
    company="Mertens Maschinenbau AG",
    role="Leiter Einkauf (m/w/d)",
    contact="claudia.weber@weber-partner-executive.example",
    contact_name="Claudia Weber",
    feedback="offered",
    quote="Gerne erläutere ich Ihnen die Hintergründe in einem persönlichen Telefonat.",
)

rejection(
    "de",
    "smartrecruiters-signatur-mailto",
    subject="Deine Bewerbung bei Flinkbox",
    sender="Flinkbox Recruiting <noreply@smartrecruiters.com>",
    fmt="html",
    ats="smartrecruiters.com",
    cte="quoted-printable",
    body="""
    Hey Alex,

    danke, dass Du Dich für die Position UX Researcher (all genders) bei Flinkbox beworben hast!

    Nach dem ersten Kennenlernen haben wir uns entschieden, mit anderen Kandidat*innen weiterzugehen. Die Entscheidung ist uns nicht leichtgefallen.

    Falls Du Fragen hast oder Feedback möchtest, schreib mir gern direkt: [[mailto:lea.meier@flinkbox.example|lea.meier@flinkbox.example]]

    Alles Gute
    Lea Meier
    People & Culture, Flinkbox
    """,
    stage="screen",
    company="Flinkbox",
    role="UX Researcher (all genders)",
    contact="lea.meier@flinkbox.example",
    contact_name="Lea Meier",
    feedback="offered",
    quote="Falls Du Fragen hast oder Feedback möchtest, schreib mir gern direkt: lea.meier@flinkbox.example",
)

rejection(
    "de",
    "kurz-formlos-none",
    subject="Absage",
    sender="Stefan Krüger <krueger@druckerei-krueger.example>",
    charset="iso-8859-1",
    cte="8bit",
    body="""
    Hallo Herr Candidate,

    wir haben uns für einen anderen Bewerber für die Stelle als Mediengestalter entschieden. Trotzdem danke für Ihr Interesse.

    Gruß
    S. Krüger
    """,
    stage="application",
    company=None,
    role="Mediengestalter",
    contact="krueger@druckerei-krueger.example",
    contact_name="Stefan Krüger",
    feedback="none",
)

rejection(
    "de",
    "greenhouse-replyto-keine-rueckmeldung",
    subject="Deine Bewerbung als Site Reliability Engineer bei Nordquell",
    sender="Nordquell <no-reply@greenhouse.io>",
    reply_to="Anna Lehmann <anna.lehmann@nordquell.example>",
    fmt="alt",
    ats="greenhouse.io",
    cte="base64",
    body="""
    Hallo Alex,

    vielen Dank für die Gespräche mit unserem Team in den letzten Wochen.

    Wir haben uns entschieden, die Position als Site Reliability Engineer mit einer anderen Person zu besetzen. Bitte hab Verständnis, dass wir nach dem technischen Interview kein detailliertes Feedback zu einzelnen Aufgaben geben können.

    Wir wünschen Dir viel Erfolg!

    Anna Lehmann
    Recruiterin, Nordquell
    """,
    stage="interview",
    company="Nordquell",
    role="Site Reliability Engineer",
    contact="anna.lehmann@nordquell.example",
    contact_name="Anna Lehmann",
    feedback="refused",
    quote="Bitte hab Verständnis, dass wir nach dem technischen Interview kein detailliertes Feedback zu einzelnen Aufgaben geben können.",
)

rejection(
    "de",
    "teamtailor-besetzt",
    subject="Neuigkeiten zu Deiner Bewerbung als Junior Buchhalter (m/w/d)",
    sender="Grünhaus Immobilien <conversations@gruenhaus.teamtailor-mail.com>",
    fmt="html",
    ats="teamtailor-mail.com",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Hallo Alex,

    wir wollten Dich nicht länger warten lassen: Die Stelle als Junior Buchhalter (m/w/d) ist inzwischen besetzt.

    Wir haben uns sehr über Deine Bewerbung gefreut und speichern Dein Profil gern für künftige Stellen, sofern Du einverstanden bist.

    Herzliche Grüße
    Miriam vom Grünhaus-Team
    """,
    stage="filled",
    company="Grünhaus Immobilien",
    role="Junior Buchhalter (m/w/d)",
    contact="conversations@gruenhaus.teamtailor-mail.com",
    contact_name="Miriam",
    feedback="none",
)

rejection(
    "de",
    "recruitee-noreply-refused",
    subject="Absage: Vertriebsmitarbeiter Innendienst (m/w/d)",
    sender="Hollerbach Sanitär GmbH <noreply@hollerbach.recruitee.com>",
    fmt="alt",
    ats="recruitee.com",
    charset="iso-8859-1",
    cte="quoted-printable",
    message_id=False,
    body="""
    Guten Tag Alex Candidate,

    haben Sie vielen Dank für Ihre Bewerbung als Vertriebsmitarbeiter Innendienst (m/w/d). Wir haben Ihre Unterlagen mit großem Interesse gelesen.

    Leider können wir Ihnen keine positive Nachricht geben: Wir haben uns für andere Bewerber entschieden. Wir bitten um Verständnis, dass wir aus Kapazitätsgründen kein persönliches Feedback geben können.

    Freundliche Grüße
    Hollerbach Sanitär GmbH
    """,
    stage="application",
    company="Hollerbach Sanitär GmbH",
    role="Vertriebsmitarbeiter Innendienst (m/w/d)",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Wir bitten um Verständnis, dass wir aus Kapazitätsgründen kein persönliches Feedback geben können.",
    nobody="only noreply@hollerbach.recruitee.com",
)

rejection(
    "de",
    "oesterreich-abschluss-angebot",
    subject="Ihre Bewerbung – Projektleiter Bau (m/w/d)",
    sender="Mag. Florian Gruber <f.gruber@donaubau.example>",
    charset="iso-8859-15",
    cte="quoted-printable",
    body="""
    Sehr geehrter Herr Candidate,

    vielen Dank für die angenehmen Gespräche, zuletzt mit unserem Vorstand. Nach reiflicher Überlegung haben wir uns für einen Mitbewerber mit längerer Erfahrung im Tunnelbau entschieden.

    Ich weiß, dass diese Nachricht nach drei Gesprächsrunden enttäuschend ist. Für ein ausführlicheres Feedback rufe ich Sie gerne zurück; geben Sie mir einfach Bescheid, wann es Ihnen passt.

    Mit freundlichen Grüßen aus Linz
    Florian Gruber
    Donaubau GmbH
    """,
    stage="final",
    company="Donaubau GmbH",
    role="Projektleiter Bau (m/w/d)",
    contact="f.gruber@donaubau.example",
    contact_name="Florian Gruber",
    feedback="offered",
    quote="Für ein ausführlicheres Feedback rufe ich Sie gerne zurück; geben Sie mir einfach Bescheid, wann es Ihnen passt.",
)

rejection(
    "de",
    "schweiz-stelle-on-hold",
    subject="Stelle Wirtschaftsinformatiker/in 80–100 % vorerst sistiert",
    sender="HR Seeland Treuhand AG <hr@seeland-treuhand.example>",
    fmt="alt",
    charset="utf-8",
    cte="8bit",
    body="""
    Grüezi Alex Candidate

    Wir danken Ihnen für Ihre Bewerbung als Wirtschaftsinformatiker/in 80–100 % und Ihre Geduld.

    Aufgrund einer Reorganisation haben wir entschieden, die Stelle vorerst zu sistieren. Das Auswahlverfahren wird deshalb abgeschlossen, und wir können Ihre Bewerbung nicht weiterverfolgen.

    Freundliche Grüsse
    Ursula Meier
    Human Resources
    Seeland Treuhand AG
    """,
    stage="cancelled",
    company="Seeland Treuhand AG",
    role="Wirtschaftsinformatiker/in 80–100 %",
    contact="hr@seeland-treuhand.example",
    contact_name="Ursula Meier",
    feedback="none",
)

rejection(
    "de",
    "ashby-mailto-gruende",
    subject="Update zu Deiner Bewerbung bei Pixelhafen",
    sender="Pixelhafen <no-reply@ashbyhq.com>",
    fmt="html",
    ats="ashbyhq.com",
    cte="base64",
    body="""
    Hi Alex,

    danke für Deine Zeit im Pairing-Interview für die Rolle Senior iOS Engineer (m/w/d).

    Wir haben uns entschieden, den Prozess nicht fortzusetzen. Im Pairing war der Code sauber strukturiert, allerdings hat uns gefehlt, dass Du Tests schreibst und Deine Annahmen laut erklärst – beides ist in unserem Team zentral.

    Bei Fragen erreichst Du mich unter [[mailto:ole.jansen@pixelhafen.example|Ole Jansen]].

    Viele Grüße
    Ole
    """,
    stage="interview",
    company="Pixelhafen",
    role="Senior iOS Engineer (m/w/d)",
    contact="ole.jansen@pixelhafen.example",
    contact_name="Ole Jansen",
    feedback="given",
    quote="Im Pairing war der Code sauber strukturiert, allerdings hat uns gefehlt, dass Du Tests schreibst und Deine Annahmen laut erklärst – beides ist in unserem Team zentral.",
)

rejection(
    "de",
    "oeffentlicher-dienst-formal",
    subject="Stellenausschreibung Nr. 2026/117 – Sachbearbeiter/in IT-Sicherheit (m/w/d), EG 11 TVöD",
    sender="Personalamt Stadt Wendlingen <personalamt@wendlingen.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Sehr geehrter Herr Candidate,

    für Ihre Bewerbung auf die oben genannte Stelle bedanken wir uns.

    Nach Abschluss des Auswahlverfahrens teilen wir Ihnen mit, dass die Wahl auf eine andere Bewerberin gefallen ist. Ihre Bewerbungsunterlagen werden nach Ablauf der Frist gemäß AGG datenschutzgerecht vernichtet.

    Für die Zukunft wünschen wir Ihnen alles Gute.

    Im Auftrag
    Helga Baumann
    Personalamt
    """,
    stage="filled",
    company="Stadt Wendlingen",
    role="Sachbearbeiter/in IT-Sicherheit (m/w/d)",
    contact="personalamt@wendlingen.example",
    contact_name="Helga Baumann",
    feedback="none",
)

# French rejections -------------------------------------------------------------------

rejection(
    "fr",
    "humain-entretien-propose",
    subject="Votre candidature - Chef de projet digital H/F",
    sender="Camille Moreau <camille.moreau@lysandre-conseil.example>",
    charset="iso-8859-15",
    cte="quoted-printable",
    body="""
    Bonjour Alex,

    Je vous remercie pour le temps que vous nous avez consacré lors de nos entretiens pour le poste de Chef de projet digital H/F.

    Après mûre réflexion, nous avons décidé de poursuivre le processus avec un autre candidat dont le profil correspond davantage à nos besoins actuels.

    Si vous le souhaitez, je me tiens à votre disposition pour un court échange téléphonique afin de vous faire un retour plus détaillé.

    Bien cordialement,

    Camille Moreau
    Chargée de recrutement
    Lysandre Conseil
    """,
    stage="interview",
    company="Lysandre Conseil",
    role="Chef de projet digital H/F",
    contact="camille.moreau@lysandre-conseil.example",
    contact_name="Camille Moreau",
    feedback="offered",
    quote="Si vous le souhaitez, je me tiens à votre disposition pour un court échange téléphonique afin de vous faire un retour plus détaillé.",
)

rejection(
    "fr",
    "smartrecruiters-pas-de-retour",
    subject="Suite à votre candidature chez Banque Verdier",
    sender="Banque Verdier Recrutement <noreply@smartrecruiters.com>",
    fmt="html",
    ats="smartrecruiters.com",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Madame, Monsieur,

    Nous vous remercions de l'intérêt que vous portez à la Banque Verdier et de votre candidature au poste d'Analyste crédit (F/H).

    Après une étude attentive de votre dossier, nous sommes au regret de vous informer que nous ne pouvons pas y donner une suite favorable. En raison du nombre important de candidatures reçues, nous ne sommes malheureusement pas en mesure de vous apporter une réponse personnalisée.

    Nous vous souhaitons pleine réussite dans vos recherches.

    L'équipe Recrutement
    Banque Verdier

    Merci de ne pas répondre à ce message.
    """,
    stage="application",
    company="Banque Verdier",
    role="Analyste crédit (F/H)",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="En raison du nombre important de candidatures reçues, nous ne sommes malheureusement pas en mesure de vous apporter une réponse personnalisée.",
    nobody="only noreply@smartrecruiters.com",
)

rejection(
    "fr",
    "welcome-replyto-motifs",
    subject="Développeur·se Python Senior - retour sur votre entretien",
    sender="Mistral Logistique <no-reply@welcomekit.co>",
    reply_to="Julien Petit <julien.petit@mistral-logistique.example>",
    fmt="alt",
    ats="welcomekit.co",
    cte="base64",
    encode_subject=True,
    body="""
    Bonjour Alex,

    Merci encore pour l'entretien technique de jeudi dernier pour le poste de Développeur·se Python Senior.

    Nous avons choisi de ne pas poursuivre avec votre candidature. L'équipe a apprécié votre approche du test, mais a estimé que votre expérience des architectures asynchrones et de la mise en production restait trop limitée pour ce poste.

    Je vous souhaite le meilleur pour la suite.

    Julien Petit
    Talent Acquisition Manager - Mistral Logistique
    """,
    stage="interview",
    company="Mistral Logistique",
    role="Développeur·se Python Senior",
    contact="julien.petit@mistral-logistique.example",
    contact_name="Julien Petit",
    feedback="given",
    quote="L'équipe a apprécié votre approche du test, mais a estimé que votre expérience des architectures asynchrones et de la mise en production restait trop limitée pour ce poste.",
)

rejection(
    "fr",
    "poste-pourvu-court",
    subject="Poste de comptable",
    sender="Sandrine Lefebvre <s.lefebvre@cabinet-lefebvre.example>",
    charset="windows-1252",
    cte="8bit",
    body="""
    Bonjour,

    Le poste de comptable pour lequel vous aviez postulé a été pourvu. Merci pour votre candidature et bonne continuation.

    S. Lefebvre
    """,
    stage="filled",
    company=None,
    role="comptable",
    contact="s.lefebvre@cabinet-lefebvre.example",
    contact_name="Sandrine Lefebvre",
    feedback="none",
)

rejection(
    "fr",
    "workday-suspendu",
    subject="Informations sur votre candidature",
    sender="Groupe Albatros <albatros@myworkday.com>",
    fmt="html",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Bonjour Alex Candidate,

    Nous vous remercions pour votre candidature au poste de Responsable Supply Chain (H/F) au sein du Groupe Albatros.

    Nous vous informons que ce recrutement a été suspendu suite à une réorganisation interne. Votre candidature ne pourra donc pas être retenue.

    Nous vous prions d'agréer nos salutations distinguées.

    Direction des Ressources Humaines - Groupe Albatros

    Ce message est généré automatiquement, merci de ne pas y répondre.
    """,
    stage="cancelled",
    company="Groupe Albatros",
    role="Responsable Supply Chain (H/F)",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only albatros@myworkday.com (Workday sender, replies not read)",
)

rejection(
    "fr",
    "cabinet-client-nomme",
    subject="Candidature Directeur Financier - Maison Delaunay",
    sender="Antoine Girard <agirard@hestia-search.example>",
    body="""
    Cher Alex,

    Je reviens vers vous suite à votre dernier entretien avec la direction générale de la Maison Delaunay pour le poste de Directeur Financier.

    Malgré les qualités qu'ils ont reconnues dans votre parcours, notre client a souhaité retenir un candidat ayant déjà piloté une levée de fonds. Je le regrette sincèrement, car votre candidature était très solide.

    Je reste bien entendu à votre écoute et ne manquerai pas de revenir vers vous pour d'autres missions.

    Très cordialement,
    Antoine Girard
    Associé - Hestia Search
    """,
    stage="final",
    company="Maison Delaunay",
    role="Directeur Financier",
    contact="agirard@hestia-search.example",
    contact_name="Antoine Girard",
    feedback="given",
    quote="Malgré les qualités qu'ils ont reconnues dans votre parcours, notre client a souhaité retenir un candidat ayant déjà piloté une levée de fonds.",
)

rejection(
    "fr",
    "teamtailor-tutoiement",
    subject="Ta candidature chez Cocotte Studio",
    sender="Cocotte Studio <conversations@cocotte.teamtailor-mail.com>",
    fmt="html",
    ats="teamtailor-mail.com",
    cte="quoted-printable",
    body="""
    Salut Alex,

    Merci pour ta candidature au poste de Motion Designer (f/h) et pour le temps passé avec nous en visio !

    On a finalement décidé de continuer avec une autre personne. Si tu veux un retour sur ton portfolio, réponds simplement à ce message, on prendra le temps de t'écrire quelques lignes.

    À bientôt peut-être,
    Inès, pour toute l'équipe Cocotte
    """,
    stage="screen",
    company="Cocotte Studio",
    role="Motion Designer (f/h)",
    contact="conversations@cocotte.teamtailor-mail.com",
    contact_name="Inès",
    feedback="offered",
    quote="Si tu veux un retour sur ton portfolio, réponds simplement à ce message, on prendra le temps de t'écrire quelques lignes.",
)

rejection(
    "fr",
    "belgique-noreply-signature",
    subject="Votre candidature - Ingénieur d'études électricité H/F",
    sender="Elektrion SA <ne-pas-repondre@elektrion.example>",
    fmt="alt",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Bonjour Monsieur Candidate,

    Nous avons bien étudié votre candidature pour le poste d'Ingénieur d'études électricité H/F à Liège et vous remercions de l'intérêt porté à Elektrion.

    Nous sommes au regret de vous annoncer que votre profil n'a pas été retenu pour la suite du processus.

    Pour toute question, vous pouvez contacter Madame Nathalie Dubois, recrutement@elektrion.example.

    Avec nos salutations distinguées,
    Service des Ressources Humaines
    """,
    stage="application",
    company="Elektrion SA",
    role="Ingénieur d'études électricité H/F",
    contact="recrutement@elektrion.example",
    contact_name="Nathalie Dubois",
    feedback="none",
)

rejection(
    "fr",
    "finale-refus-retours",
    subject="Processus de recrutement - Product Manager Senior",
    sender="Élodie Fournier <elodie.fournier@parcelo.example>",
    charset="utf-8",
    cte="8bit",
    body="""
    Bonjour Alex,

    Un grand merci pour votre implication tout au long du processus, jusqu'à la dernière étape avec notre CEO.

    Nous avons finalement fait le choix d'un autre profil pour le poste de Product Manager Senior. Conformément à notre politique interne, nous ne communiquons pas le détail des évaluations des différents entretiens.

    Je vous souhaite beaucoup de succès dans vos projets.

    Élodie Fournier
    Head of Talent, Parcelo
    """,
    stage="final",
    company="Parcelo",
    role="Product Manager Senior",
    contact="elodie.fournier@parcelo.example",
    contact_name="Élodie Fournier",
    feedback="refused",
    quote="Conformément à notre politique interne, nous ne communiquons pas le détail des évaluations des différents entretiens.",
)

rejection(
    "fr",
    "flatchr-mailto-telephone",
    subject="Retour suite à notre échange téléphonique",
    sender="Les Ateliers Briand <notification@flatchr.io>",
    fmt="html",
    ats="flatchr.io",
    charset="utf-8",
    cte="base64",
    body="""
    Bonjour Alex,

    Merci pour notre échange téléphonique de mardi concernant le poste de Technicien de maintenance industrielle (H/F).

    Votre expérience est intéressante, mais nous recherchons un profil habilité pour les interventions électriques haute tension, ce qui nous amène à ne pas donner suite à votre candidature.

    Vous pouvez me joindre à l'adresse [[mailto:marc.briand@ateliers-briand.example|marc.briand@ateliers-briand.example]] si besoin.

    Marc Briand
    Les Ateliers Briand
    """,
    stage="screen",
    company="Les Ateliers Briand",
    role="Technicien de maintenance industrielle (H/F)",
    contact="marc.briand@ateliers-briand.example",
    contact_name="Marc Briand",
    feedback="given",
    quote="Votre expérience est intéressante, mais nous recherchons un profil habilité pour les interventions électriques haute tension, ce qui nous amène à ne pas donner suite à votre candidature.",
)

rejection(
    "fr",
    "suisse-poste-attribue",
    subject="Votre postulation - Gestionnaire de fortune",
    sender="Ressources humaines <rh@banque-leman.example>",
    charset="iso-8859-15",
    cte="8bit",
    body="""
    Monsieur,

    Nous accusons réception de votre dossier pour le poste de Gestionnaire de fortune et vous en remercions.

    Nous vous informons que le poste a entre-temps été attribué. Nous conservons votre dossier durant six mois, sauf avis contraire de votre part.

    Veuillez agréer, Monsieur, nos meilleures salutations.

    Banque Léman SA
    Ressources humaines
    """,
    stage="filled",
    company="Banque Léman SA",
    role="Gestionnaire de fortune",
    contact="rh@banque-leman.example",
    contact_name=None,
    feedback="none",
)

rejection(
    "fr",
    "greenhouse-noreply-entretiens",
    subject="Votre candidature chez Ondine",
    sender="Ondine <no-reply@us.greenhouse-mail.io>",
    fmt="alt",
    ats="us.greenhouse-mail.io",
    cte="quoted-printable",
    message_id=False,
    body="""
    Bonjour Alex,

    Merci d'avoir pris le temps de rencontrer nos équipes pour le poste de Data Scientist - Pricing.

    Après réflexion, nous ne poursuivrons pas le processus avec vous. Nous ne sommes malheureusement pas en mesure de fournir un retour individuel à chaque candidat.

    Bonne continuation,
    L'équipe Talent d'Ondine
    """,
    stage="interview",
    company="Ondine",
    role="Data Scientist - Pricing",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Nous ne sommes malheureusement pas en mesure de fournir un retour individuel à chaque candidat.",
    nobody="only no-reply@us.greenhouse-mail.io",
)

rejection(
    "fr",
    "canada-vous-dossier",
    subject="Concours 2026-044 : Conseiller en sécurité de l'information",
    sender="Dotation - Coopérative Boréale <dotation@cooperative-boreale.example>",
    fmt="alt",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Bonjour Alex,

    Nous vous remercions de l’intérêt manifesté pour le poste de Conseiller en sécurité de l’information (concours 2026-044).

    Après analyse des candidatures, votre dossier n’a pas été retenu pour l’étape des entrevues. Si vous souhaitez connaître les raisons de cette décision, n’hésitez pas à communiquer avec nous par courriel; il nous fera plaisir de vous répondre.

    Geneviève Tremblay
    Conseillère en dotation
    Coopérative Boréale
    """,
    stage="application",
    company="Coopérative Boréale",
    role="Conseiller en sécurité de l’information",
    contact="dotation@cooperative-boreale.example",
    contact_name="Geneviève Tremblay",
    feedback="offered",
    quote="Si vous souhaitez connaître les raisons de cette décision, n’hésitez pas à communiquer avec nous par courriel; il nous fera plaisir de vous répondre.",
)

rejection(
    "fr",
    "lever-replyto-annule",
    subject="Mise à jour : Responsable Partenariats",
    sender="Vélocité <no-reply@hire.lever.co>",
    reply_to="Hugo Lambert <hugo@velocite.example>",
    fmt="html",
    ats="hire.lever.co",
    cte="quoted-printable",
    body="""
    Bonjour Alex,

    Je voulais vous prévenir rapidement : nous avons décidé de fermer le poste de Responsable Partenariats, le périmètre ayant été repris par l'équipe commerciale existante.

    Désolé pour ce contretemps, et merci pour votre intérêt pour Vélocité.

    Hugo Lambert
    """,
    stage="cancelled",
    company="Vélocité",
    role="Responsable Partenariats",
    contact="hugo@velocite.example",
    contact_name="Hugo Lambert",
    feedback="none",
)

rejection(
    "fr",
    "recruteur-cv-motif-langue",
    subject="Votre candidature Assistant(e) import-export",
    sender="Claire Rousseau <claire.rousseau@transports-rousseau.example>",
    charset="iso-8859-1",
    cte="8bit",
    body="""
    Chère Madame, cher Monsieur,

    Nous avons lu votre candidature pour le poste d'Assistant(e) import-export avec attention.

    Le poste exige un niveau courant en mandarin à l'écrit comme à l'oral, que nous n'avons pas retrouvé dans votre CV ; nous ne pouvons donc pas retenir votre candidature.

    Nous vous remercions de votre démarche.

    Claire Rousseau
    Transports Rousseau
    """,
    stage="application",
    company="Transports Rousseau",
    role="Assistant(e) import-export",
    contact="claire.rousseau@transports-rousseau.example",
    contact_name="Claire Rousseau",
    feedback="given",
    quote="Le poste exige un niveau courant en mandarin à l'écrit comme à l'oral, que nous n'avons pas retrouvé dans votre CV ; nous ne pouvons donc pas retenir votre candidature.",
)

rejection(
    "fr",
    "workable-relais-final",
    subject="Votre candidature au poste de Lead Developer Front-end",
    sender="Nuage Bleu <nuagebleu@candidates.workablemail.com>",
    fmt="alt",
    ats="workablemail.com",
    cte="base64",
    body="""
    Bonjour Alex,

    Merci pour votre participation à l'ensemble de notre processus et notamment à l'étude de cas finale pour le poste de Lead Developer Front-end.

    Nous avons retenu un autre candidat. Nous savons à quel point ce type de nouvelle est frustrant après plusieurs étapes, et nous serions ravis de vous partager nos retours lors d'un appel de 20 minutes si cela vous intéresse.

    Belle journée,
    Thomas Mercier
    CTO, Nuage Bleu
    """,
    stage="final",
    company="Nuage Bleu",
    role="Lead Developer Front-end",
    contact="nuagebleu@candidates.workablemail.com",
    contact_name="Thomas Mercier",
    feedback="offered",
    quote="Nous savons à quel point ce type de nouvelle est frustrant après plusieurs étapes, et nous serions ravis de vous partager nos retours lors d'un appel de 20 minutes si cela vous intéresse.",
)

# Spanish rejections ------------------------------------------------------------------

rejection(
    "es",
    "humano-entrevista-ofrece",
    subject="Proceso de selección - Ingeniero/a DevOps",
    sender="Lucía Fernández <lucia.fernandez@meridiano-tech.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Estimado Alex:

    Gracias por participar en las entrevistas para el puesto de Ingeniero/a DevOps en Meridiano Tech. Ha sido un placer conocerte.

    Lamentablemente, hemos decidido continuar el proceso con otra persona cuyo perfil se ajusta más a lo que el equipo necesita en este momento.

    Si te resulta útil, estaré encantada de comentarte por teléfono las impresiones del equipo; solo tienes que responder a este correo.

    Un saludo cordial,
    Lucía Fernández
    Responsable de Talento
    Meridiano Tech
    """,
    stage="interview",
    company="Meridiano Tech",
    role="Ingeniero/a DevOps",
    contact="lucia.fernandez@meridiano-tech.example",
    contact_name="Lucía Fernández",
    feedback="offered",
    quote="Si te resulta útil, estaré encantada de comentarte por teléfono las impresiones del equipo; solo tienes que responder a este correo.",
)

rejection(
    "es",
    "successfactors-volumen",
    subject="Actualización de tu candidatura - Técnico de Administración",
    sender="Grupo Alcázar Empleo <noreply@successfactors.eu>",
    fmt="html",
    ats="successfactors.eu",
    charset="utf-8",
    cte="base64",
    body="""
    Hola Alex,

    Queremos agradecerte el interés mostrado en la posición de Técnico de Administración en Grupo Alcázar.

    Tras revisar detenidamente tu candidatura, lamentamos comunicarte que en esta ocasión no continuarás en el proceso de selección. Debido al elevado número de candidaturas recibidas, no nos es posible ofrecer una valoración individual a cada persona.

    Te animamos a seguir atento a nuestras ofertas.

    Equipo de Selección
    Grupo Alcázar

    Por favor, no respondas a este correo electrónico.
    """,
    stage="application",
    company="Grupo Alcázar",
    role="Técnico de Administración",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Debido al elevado número de candidaturas recibidas, no nos es posible ofrecer una valoración individual a cada persona.",
    nobody="only noreply@successfactors.eu",
)

rejection(
    "es",
    "llamada-motivos",
    subject="Re: Puesto de Analista de Datos",
    sender="Javier Ruiz <jruiz@olivar-foods.example>",
    body="""
    Hola Alex,

    Gracias por la llamada del lunes. Te escribo para decirte que no vamos a seguir adelante con tu candidatura para Analista de Datos.

    El motivo principal es que buscamos a alguien con experiencia demostrable en Power BI y modelos de previsión de demanda, y en la conversación vimos que tu experiencia va más por el lado de la ingeniería de datos.

    Mucha suerte,
    Javier
    """,
    stage="screen",
    company=None,
    role="Analista de Datos",
    contact="jruiz@olivar-foods.example",
    contact_name="Javier Ruiz",
    feedback="given",
    quote="El motivo principal es que buscamos a alguien con experiencia demostrable en Power BI y modelos de previsión de demanda, y en la conversación vimos que tu experiencia va más por el lado de la ingeniería de datos.",
)

rejection(
    "es",
    "workday-cubierta",
    subject="Estado de su solicitud: Contable Senior",
    sender="Iberlux Energía <iberlux@myworkday.com>",
    fmt="alt",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Estimado/a Alex Candidate:

    Le agradecemos su interés en la vacante de Contable Senior en Iberlux Energía.

    Le informamos de que la posición ya ha sido cubierta. Conservaremos su currículum en nuestra base de datos para futuras oportunidades.

    Atentamente,
    Departamento de Recursos Humanos
    Iberlux Energía
    """,
    stage="filled",
    company="Iberlux Energía",
    role="Contable Senior",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only iberlux@myworkday.com (Workday sender, replies not read)",
)

rejection(
    "es",
    "consultora-cliente-final",
    subject="Candidatura Director/a de Operaciones - Hoteles Brisamar",
    sender="Marta Jiménez <marta.jimenez@nexo-headhunting.example>",
    charset="windows-1252",
    cte="8bit",
    body="""
    Buenas tardes, Alex:

    Te escribo tras la última entrevista con el comité de dirección de Hoteles Brisamar para la posición de Director/a de Operaciones.

    Nuestro cliente ha decidido finalmente incorporar a un candidato interno. Me trasladan que les gustó mucho tu visión sobre la digitalización de la recepción, pero que valoraron especialmente el conocimiento previo de sus establecimientos.

    Seguimos en contacto para futuros procesos.

    Un abrazo,
    Marta Jiménez
    Senior Manager – Nexo Headhunting
    """,
    stage="final",
    company="Hoteles Brisamar",
    role="Director/a de Operaciones",
    contact="marta.jimenez@nexo-headhunting.example",
    contact_name="Marta Jiménez",
    feedback="given",
    quote="Me trasladan que les gustó mucho tu visión sobre la digitalización de la recepción, pero que valoraron especialmente el conocimiento previo de sus establecimientos.",
)

rejection(
    "es",
    "personio-relay-cancelada",
    subject="Tu candidatura para Community Manager",
    sender="Mar de Fondo Producciones <jobs+mf77a1@mardefondo.jobs.personio.de>",
    fmt="html",
    ats="jobs.personio.de",
    cte="quoted-printable",
    body="""
    ¡Hola Alex!

    Te escribimos para contarte que hemos decidido cancelar el proceso de selección para el puesto de Community Manager: el proyecto para el que lo abrimos se ha pospuesto hasta el año que viene.

    Sentimos mucho las molestias. Si se reactiva, te avisaremos.

    Un saludo,
    Paula Castro
    Mar de Fondo Producciones
    """,
    stage="cancelled",
    company="Mar de Fondo Producciones",
    role="Community Manager",
    contact="jobs+mf77a1@mardefondo.jobs.personio.de",
    contact_name="Paula Castro",
    feedback="none",
)

rejection(
    "es",
    "breve-sin-feedback",
    subject="Oferta Administrativo/a",
    sender="Gestoría Navarro <info@gestorianavarro.example>",
    charset="iso-8859-15",
    cte="8bit",
    message_id=False,
    body="""
    Buenos días,

    Le comunicamos que su candidatura para el puesto de Administrativo/a no ha sido seleccionada. Por política de la empresa no facilitamos información sobre los motivos.

    Saludos,
    Gestoría Navarro
    """,
    stage="application",
    company="Gestoría Navarro",
    role="Administrativo/a",
    contact="info@gestorianavarro.example",
    contact_name=None,
    feedback="refused",
    quote="Por política de la empresa no facilitamos información sobre los motivos.",
)

rejection(
    "es",
    "greenhouse-replyto-final-usted",
    subject="Su candidatura para Jefe de Producto en Cumbre Pagos",
    sender="Cumbre Pagos <no-reply@greenhouse.io>",
    reply_to="Andrés Morales <andres.morales@cumbrepagos.example>",
    fmt="alt",
    ats="greenhouse.io",
    cte="base64",
    body="""
    Estimado Alex:

    Le agradecemos sinceramente el tiempo dedicado a todas las fases del proceso para el puesto de Jefe de Producto, incluida la presentación final ante el equipo directivo.

    Tras una valoración muy ajustada, hemos optado por otro candidato. Si desea conocer con más detalle la valoración del panel, con gusto puedo dedicarle unos minutos en una videollamada.

    Reciba un cordial saludo,
    Andrés Morales
    Talent Partner, Cumbre Pagos
    """,
    stage="final",
    company="Cumbre Pagos",
    role="Jefe de Producto",
    contact="andres.morales@cumbrepagos.example",
    contact_name="Andrés Morales",
    feedback="offered",
    quote="Si desea conocer con más detalle la valoración del panel, con gusto puedo dedicarle unos minutos en una videollamada.",
)

rejection(
    "es",
    "mexico-entrevistas-refused",
    subject="Resultado de tu proceso - Desarrollador Full Stack",
    sender="Reclutamiento Quetzal Soft <reclutamiento@quetzalsoft.example>",
    fmt="alt",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Hola Alex, ¿qué tal?

    Te agradecemos mucho tu participación en las entrevistas técnicas para la vacante de Desarrollador Full Stack.

    En esta ocasión no fuiste seleccionado para continuar. Por el volumen de candidatos no podemos compartir retroalimentación detallada de cada evaluación, pero tu perfil queda en nuestra cartera.

    ¡Éxito!
    Fernanda Ríos
    Reclutamiento Quetzal Soft
    """,
    stage="interview",
    company="Quetzal Soft",
    role="Desarrollador Full Stack",
    contact="reclutamiento@quetzalsoft.example",
    contact_name="Fernanda Ríos",
    feedback="refused",
    quote="Por el volumen de candidatos no podemos compartir retroalimentación detallada de cada evaluación, pero tu perfil queda en nuestra cartera.",
)

rejection(
    "es",
    "teamtailor-conversations-motivo",
    subject="Sobre tu candidatura: Diseñador/a UX/UI",
    sender="Lumbre Estudio <conversations@lumbre.teamtailor-mail.com>",
    fmt="html",
    ats="teamtailor-mail.com",
    cte="base64",
    body="""
    Hola Alex,

    ¡Gracias por enviarnos tu portfolio para el puesto de Diseñador/a UX/UI!

    Lo hemos revisado con calma y hemos decidido no avanzar. Nos ha faltado ver procesos de investigación con usuarios reales; los proyectos que presentas son sobre todo de interfaz visual.

    Abrazos,
    Nerea, de Lumbre Estudio
    """,
    stage="application",
    company="Lumbre Estudio",
    role="Diseñador/a UX/UI",
    contact="conversations@lumbre.teamtailor-mail.com",
    contact_name="Nerea",
    feedback="given",
    quote="Nos ha faltado ver procesos de investigación con usuarios reales; los proyectos que presentas son sobre todo de interfaz visual.",
)

rejection(
    "es",
    "infojobs-noreply",
    subject="La empresa Talleres Ebro ha descartado tu candidatura",
    sender="InfoJobs <noreply@infojobs.net>",
    fmt="html",
    ats="infojobs.net",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Hola Alex,

    La empresa Talleres Ebro ha revisado tu candidatura a la oferta Mecánico/a de mantenimiento y ha decidido no seguir adelante contigo en este proceso.

    No te desanimes: hay miles de ofertas esperándote.

    El equipo de InfoJobs
    """,
    stage="application",
    company="Talleres Ebro",
    role="Mecánico/a de mantenimiento",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only noreply@infojobs.net (job board notice, no recruiter named)",
)

rejection(
    "es",
    "argentina-vos-llamado",
    subject="Tu postulación a Analista QA",
    sender="Sofía Herrera <sherrera@pampa-digital.example>",
    body="""
    Hola Alex,

    Gracias por tu tiempo en la entrevista telefónica de ayer. Te cuento que decidimos avanzar con otros perfiles para la posición de Analista QA.

    Si querés que te cuente en detalle qué vimos, avisame y coordinamos una llamada cortita.

    Saludos!
    Sofía Herrera
    People Team - Pampa Digital
    """,
    stage="screen",
    company="Pampa Digital",
    role="Analista QA",
    contact="sherrera@pampa-digital.example",
    contact_name="Sofía Herrera",
    feedback="offered",
    quote="Si querés que te cuente en detalle qué vimos, avisame y coordinamos una llamada cortita.",
)

rejection(
    "es",
    "ashby-mailto-cubierta",
    subject="Actualización sobre el puesto de Backend Engineer (Go)",
    sender="Cierzo Labs <no-reply@ashbyhq.com>",
    fmt="html",
    ats="ashbyhq.com",
    cte="quoted-printable",
    body="""
    Hola Alex,

    Queríamos avisarte de que ya hemos cubierto la vacante de Backend Engineer (Go), por lo que cerramos el resto de candidaturas.

    Gracias por tu interés en Cierzo Labs. Cualquier duda, puedes escribir a [[mailto:talento@cierzolabs.example|nuestro equipo de talento]].

    Un saludo,
    Equipo de Cierzo Labs
    """,
    stage="filled",
    company="Cierzo Labs",
    role="Backend Engineer (Go)",
    contact="talento@cierzolabs.example",
    contact_name=None,
    feedback="none",
)

rejection(
    "es",
    "formal-largo-cv",
    subject="Convocatoria Técnico/a de Laboratorio (Ref. LAB-26-09)",
    sender="Recursos Humanos - Laboratorios Pirineo <rrhh@labpirineo.example>",
    charset="iso-8859-1",
    cte="8bit",
    body="""
    Estimado/a candidato/a:

    En relación con su solicitud para la plaza de Técnico/a de Laboratorio (Ref. LAB-26-09), le comunicamos que, una vez finalizada la fase de valoración curricular, su candidatura no ha resultado seleccionada para la fase de entrevistas.

    La plaza requería la titulación de Técnico Superior en Laboratorio Clínico y Biomédico, que no consta en la documentación aportada.

    Agradecemos su interés y le deseamos éxito en su trayectoria profesional.

    Atentamente,

    Carmen López
    Responsable de Selección
    Laboratorios Pirineo, S.L.
    """,
    stage="application",
    company="Laboratorios Pirineo, S.L.",
    role="Técnico/a de Laboratorio",
    contact="rrhh@labpirineo.example",
    contact_name="Carmen López",
    feedback="given",
    quote="La plaza requería la titulación de Técnico Superior en Laboratorio Clínico y Biomédico, que no consta en la documentación aportada.",
)

rejection(
    "es",
    "lever-noreply-congelada",
    subject="Sobre la vacante de Account Executive",
    sender="Brújula CRM <no-reply@hire.lever.co>",
    fmt="alt",
    ats="hire.lever.co",
    cte="quoted-printable",
    body="""
    Hola Alex,

    Te escribimos porque hemos congelado temporalmente la contratación para la posición de Account Executive en Brújula CRM. Por ello, cerramos el proceso y no podremos seguir con tu candidatura.

    Gracias por tu paciencia y comprensión.

    Equipo de Talento de Brújula CRM
    """,
    stage="cancelled",
    company="Brújula CRM",
    role="Account Executive",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only no-reply@hire.lever.co",
)

rejection(
    "es",
    "interview-humano-none",
    subject="Puesto Responsable de Almacén",
    sender="Raúl Gómez <raul.gomez@distribuciones-gomez.example>",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Alex, buenas:

    Muchas gracias por venir a la entrevista el jueves. Al final nos hemos decidido por otro candidato para el puesto de Responsable de Almacén.

    Te deseo lo mejor.

    Raúl Gómez
    Distribuciones Gómez
    """,
    stage="interview",
    company="Distribuciones Gómez",
    role="Responsable de Almacén",
    contact="raul.gomez@distribuciones-gomez.example",
    contact_name="Raúl Gómez",
    feedback="none",
)

# Dutch rejections --------------------------------------------------------------------

rejection(
    "nl",
    "mens-gesprek-aanbod",
    subject="Terugkoppeling sollicitatie Medior Java Developer",
    sender="Femke de Vries <femke.devries@polderdata.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Beste Alex,

    Bedankt voor het prettige gesprek van afgelopen woensdag over de functie Medior Java Developer.

    Helaas moet ik je laten weten dat we hebben besloten niet met je verder te gaan in de procedure. We hebben gekozen voor een kandidaat die al ervaring heeft met onze klanten in de zorgsector.

    Mocht je behoefte hebben aan een toelichting, dan bel ik je graag even - laat maar weten wanneer het je uitkomt.

    Met vriendelijke groet,

    Femke de Vries
    Recruiter | PolderData B.V.
    06 12345678
    """,
    stage="interview",
    company="PolderData B.V.",
    role="Medior Java Developer",
    contact="femke.devries@polderdata.example",
    contact_name="Femke de Vries",
    feedback="offered",
    quote="Mocht je behoefte hebben aan een toelichting, dan bel ik je graag even - laat maar weten wanneer het je uitkomt.",
)

rejection(
    "nl",
    "recruitee-noreply-veel-reacties",
    subject="Je sollicitatie bij Grachtwerk",
    sender="Grachtwerk <noreply@grachtwerk.recruitee.com>",
    fmt="html",
    ats="recruitee.com",
    cte="quoted-printable",
    body="""
    Hoi Alex,

    Dank je wel voor je sollicitatie als Marketing Specialist (m/v) bij Grachtwerk.

    We hebben je cv en motivatie met aandacht gelezen, maar helaas nodigen we je niet uit voor een gesprek. Vanwege het grote aantal reacties kunnen we helaas geen persoonlijke feedback geven.

    Veel succes met je zoektocht!

    Team Grachtwerk
    """,
    stage="application",
    company="Grachtwerk",
    role="Marketing Specialist (m/v)",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Vanwege het grote aantal reacties kunnen we helaas geen persoonlijke feedback geven.",
    nobody="only noreply@grachtwerk.recruitee.com",
)

rejection(
    "nl",
    "telefonisch-redenen",
    subject="Re: Functie Financieel Controller",
    sender="Joost Bakker <j.bakker@dijkstra-installatietechniek.example>",
    charset="windows-1252",
    cte="8bit",
    body="""
    Goedemiddag Alex,

    Dank voor het telefonische kennismakingsgesprek van maandag.

    We hebben besloten de procedure voor de functie Financieel Controller niet met je voort te zetten. De doorslag gaf dat we iemand zoeken met minimaal vijf jaar ervaring in een productieomgeving met kostprijscalculaties, en die ervaring heb je nog niet.

    Ik wens je veel succes.

    Met vriendelijke groet,
    Joost Bakker
    HR-adviseur
    Dijkstra Installatietechniek
    """,
    stage="screen",
    company="Dijkstra Installatietechniek",
    role="Financieel Controller",
    contact="j.bakker@dijkstra-installatietechniek.example",
    contact_name="Joost Bakker",
    feedback="given",
    quote="De doorslag gaf dat we iemand zoeken met minimaal vijf jaar ervaring in een productieomgeving met kostprijscalculaties, en die ervaring heb je nog niet.",
)

rejection(
    "nl",
    "workday-vervuld",
    subject="Update over je sollicitatie",
    sender="Zeeland Havenbedrijf <zeelandhaven@myworkday.com>",
    fmt="html",
    cte="base64",
    body="""
    Beste Alex Candidate,

    Bedankt voor je interesse in de functie Operationeel Planner m/v bij Zeeland Havenbedrijf.

    De vacature is inmiddels ingevuld. Je sollicitatie wordt daarom niet verder in behandeling genomen.

    Dit is een automatisch bericht; antwoorden op deze e-mail worden niet gelezen.

    Met vriendelijke groet,
    Zeeland Havenbedrijf
    """,
    stage="filled",
    company="Zeeland Havenbedrijf",
    role="Operationeel Planner m/v",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only zeelandhaven@myworkday.com (Workday sender, replies not read)",
)

rejection(
    "nl",
    "bureau-klant-genoemd",
    subject="Terugkoppeling Van Leeuwen Bouw - Projectleider",
    sender="Sanne Visser <sanne@oranjewerving.example>",
    body="""
    Hoi Alex,

    Van Leeuwen Bouw heeft na het tweede gesprek besloten niet verder te gaan voor de rol van Projectleider Utiliteitsbouw. Ze waren positief over je technische kennis, maar twijfelden of je genoeg ervaring hebt met het aansturen van onderaannemers.

    Balen, ik had er een goed gevoel bij! Ik houd je op de hoogte van nieuwe opdrachten.

    Groetjes,
    Sanne Visser
    Oranje Werving & Selectie
    """,
    stage="interview",
    company="Van Leeuwen Bouw",
    role="Projectleider Utiliteitsbouw",
    contact="sanne@oranjewerving.example",
    contact_name="Sanne Visser",
    feedback="given",
    quote="Ze waren positief over je technische kennis, maar twijfelden of je genoeg ervaring hebt met het aansturen van onderaannemers.",
)

rejection(
    "nl",
    "bureau-geen-klant",
    subject="Update vacature Data Engineer",
    sender="Ruben Smit <ruben.smit@techtalent-nl.example>",
    fmt="alt",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Hi Alex,

    Helaas, mijn opdrachtgever gaat niet verder met je profiel voor de vacature Data Engineer. Ik heb om feedback gevraagd en laat het je weten zodra ik iets hoor.

    Groet,
    Ruben Smit
    Senior Recruitment Consultant
    TechTalent NL
    """,
    stage="application",
    company=None,
    role="Data Engineer",
    contact="ruben.smit@techtalent-nl.example",
    contact_name="Ruben Smit",
    feedback="offered",
    quote="Ik heb om feedback gevraagd en laat het je weten zodra ik iets hoor.",
)

rejection(
    "nl",
    "teamtailor-formeel",
    subject="Uw sollicitatie als Verpleegkundige IC",
    sender="Ziekenhuis Rivierenland <conversations@rivierenland.teamtailor-mail.com>",
    fmt="html",
    ats="teamtailor-mail.com",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Geachte heer Candidate,

    Hartelijk dank voor uw sollicitatie naar de functie van Verpleegkundige IC bij Ziekenhuis Rivierenland.

    Na zorgvuldige afweging hebben wij besloten u niet uit te nodigen voor een gesprek. Wij danken u voor de getoonde belangstelling en wensen u veel succes bij het vinden van een passende functie.

    Met vriendelijke groet,
    Ingrid Mulder
    Afdeling Personeel en Organisatie
    """,
    stage="application",
    company="Ziekenhuis Rivierenland",
    role="Verpleegkundige IC",
    contact="conversations@rivierenland.teamtailor-mail.com",
    contact_name="Ingrid Mulder",
    feedback="none",
)

rejection(
    "nl",
    "greenhouse-replyto-finale",
    subject="Je sollicitatie voor Engineering Manager bij Tulpwave",
    sender="Tulpwave <no-reply@greenhouse.io>",
    reply_to="Daan Jansen <daan.jansen@tulpwave.example>",
    fmt="alt",
    ats="greenhouse.io",
    cte="base64",
    body="""
    Hoi Alex,

    Dank voor je tijd en energie tijdens het hele proces, inclusief de laatste ronde met ons MT.

    We hebben uiteindelijk gekozen voor een andere kandidaat voor de rol van Engineering Manager. We realiseren ons dat dit na vier gesprekken teleurstellend is. Vanwege ons beleid delen we geen gedetailleerde feedback uit de individuele interviews.

    Hartelijke groet,
    Daan Jansen
    Talent Lead, Tulpwave
    """,
    stage="final",
    company="Tulpwave",
    role="Engineering Manager",
    contact="daan.jansen@tulpwave.example",
    contact_name="Daan Jansen",
    feedback="refused",
    quote="Vanwege ons beleid delen we geen gedetailleerde feedback uit de individuele interviews.",
)

rejection(
    "nl",
    "vlaams-vacature-geannuleerd",
    subject="Vacature Boekhouder - geannuleerd",
    sender="Lieve Peeters <lieve.peeters@brabo-accountancy.example>",
    charset="iso-8859-15",
    cte="8bit",
    body="""
    Dag Alex,

    Ik moet je helaas meedelen dat we de vacature voor Boekhouder hebben stopgezet. Door een interne verschuiving wordt de functie door een collega ingevuld.

    Excuses voor het ongemak en bedankt voor je interesse in ons kantoor.

    Vriendelijke groeten,
    Lieve Peeters
    Brabo Accountancy
    """,
    stage="cancelled",
    company="Brabo Accountancy",
    role="Boekhouder",
    contact="lieve.peeters@brabo-accountancy.example",
    contact_name="Lieve Peeters",
    feedback="none",
)

rejection(
    "nl",
    "workable-relay-eindgesprek",
    subject="Product Designer bij Molenkracht",
    sender="Molenkracht <molenkracht@candidates.workablemail.com>",
    fmt="alt",
    ats="workablemail.com",
    cte="quoted-printable",
    body="""
    Hoi Alex,

    Wat fijn dat je de tijd nam voor het eindgesprek en de presentatie van je case voor de rol van Product Designer.

    Helaas hebben we voor iemand anders gekozen. We vonden je case sterk in de visuele uitwerking, maar de onderbouwing vanuit gebruikersonderzoek bleef voor ons te dun.

    Groeten,
    Lotte Hendriks
    Head of Design, Molenkracht
    """,
    stage="final",
    company="Molenkracht",
    role="Product Designer",
    contact="molenkracht@candidates.workablemail.com",
    contact_name="Lotte Hendriks",
    feedback="given",
    quote="We vonden je case sterk in de visuele uitwerking, maar de onderbouwing vanuit gebruikersonderzoek bleef voor ons te dun.",
)

rejection(
    "nl",
    "gemeente-formeel-refused",
    subject="Uw sollicitatie naar de functie Beleidsmedewerker Duurzaamheid (vacaturenummer 26-081)",
    sender="Gemeente Waterveld - P&O <sollicitaties@waterveld.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    message_id=False,
    body="""
    Geachte heer Candidate,

    Wij hebben uw sollicitatie naar de functie Beleidsmedewerker Duurzaamheid ontvangen en met belangstelling gelezen.

    De selectiecommissie heeft besloten u niet uit te nodigen voor een eerste gesprek, omdat andere kandidaten beter aansluiten bij het functieprofiel. Gezien het aantal sollicitaties zijn wij niet in staat een individuele toelichting op dit besluit te geven.

    Met vriendelijke groet,

    namens het college van burgemeester en wethouders,
    M. Willems
    Afdeling P&O
    """,
    stage="application",
    company="Gemeente Waterveld",
    role="Beleidsmedewerker Duurzaamheid",
    contact="sollicitaties@waterveld.example",
    contact_name="M. Willems",
    feedback="refused",
    quote="Gezien het aantal sollicitaties zijn wij niet in staat een individuele toelichting op dit besluit te geven.",
)

rejection(
    "nl",
    "homerun-mailto-vervuld",
    subject="De vacature Barista is vervuld",
    sender="Koffiebranderij Tuin <no-reply@homerun.co>",
    fmt="html",
    ats="homerun.co",
    cte="quoted-printable",
    body="""
    Hey Alex,

    Even een laatste update van ons: de vacature Barista is vervuld. Bedankt dat je wilde solliciteren!

    Wil je weten waarom het niet gelukt is? Mail gerust naar [[mailto:bram@koffietuin.example|Bram]], dan vertelt hij je er meer over.

    Liefs,
    Koffiebranderij Tuin
    """,
    stage="filled",
    company="Koffiebranderij Tuin",
    role="Barista",
    contact="bram@koffietuin.example",
    contact_name="Bram",
    feedback="offered",
    quote="Wil je weten waarom het niet gelukt is? Mail gerust naar Bram, dan vertelt hij je er meer over.",
)

rejection(
    "nl",
    "kort-none",
    subject="Sollicitatie",
    sender="Willem Kok <willem@kok-transport.example>",
    body="""
    Alex,

    We gaan niet verder met je sollicitatie als Planner. Succes verder.

    Willem
    """,
    stage="application",
    company=None,
    role="Planner",
    contact="willem@kok-transport.example",
    contact_name="Willem Kok",
    feedback="none",
)

rejection(
    "nl",
    "smartrecruiters-on-hold",
    subject="Belangrijke update over de vacature Scrum Master",
    sender="Noordkaap Verzekeringen <noreply@smartrecruiters.com>",
    fmt="alt",
    ats="smartrecruiters.com",
    charset="utf-8",
    cte="base64",
    body="""
    Beste Alex,

    Wij laten je weten dat de werving voor de vacature Scrum Master bij Noordkaap Verzekeringen tijdelijk on hold is gezet. We sluiten daarom alle lopende sollicitaties af.

    Bedankt voor je interesse.

    Recruitmentteam Noordkaap Verzekeringen
    """,
    stage="cancelled",
    company="Noordkaap Verzekeringen",
    role="Scrum Master",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only noreply@smartrecruiters.com",
)

rejection(
    "nl",
    "ashby-signature-gesprekken",
    subject="Update: Senior Frontend Engineer",
    sender="Dijkwacht <no-reply@ashbyhq.com>",
    fmt="alt",
    ats="ashbyhq.com",
    cte="quoted-printable",
    body="""
    Hi Alex,

    Dank voor de gesprekken met het team voor de rol Senior Frontend Engineer.

    We gaan helaas niet verder. Heb je vragen, of wil je de feedback van het panel horen? Stuur me dan een mailtje op noor.vandenberg@dijkwacht.example en we plannen een kort gesprek in.

    Noor van den Berg
    Recruiter, Dijkwacht
    """,
    stage="interview",
    company="Dijkwacht",
    role="Senior Frontend Engineer",
    contact="noor.vandenberg@dijkwacht.example",
    contact_name="Noor van den Berg",
    feedback="offered",
    quote="Heb je vragen, of wil je de feedback van het panel horen? Stuur me dan een mailtje op noor.vandenberg@dijkwacht.example en we plannen een kort gesprek in.",
)

rejection(
    "nl",
    "cv-selectie-redenen-u",
    subject="Uw sollicitatie Commercieel Medewerker Binnendienst",
    sender="Personeelszaken Hofstede Groothandel <personeelszaken@hofstede-groothandel.example>",
    fmt="alt",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Geachte heer Candidate,

    Hartelijk dank voor uw belangstelling voor de functie Commercieel Medewerker Binnendienst.

    Wij hebben uw sollicitatie zorgvuldig bekeken. Omdat wij voor deze functie vloeiend Duits in woord en geschrift vragen en dat niet uit uw cv blijkt, nemen wij uw sollicitatie niet verder in behandeling.

    Met vriendelijke groet,
    Petra Dekker
    Personeelszaken – Hofstede Groothandel
    """,
    stage="application",
    company="Hofstede Groothandel",
    role="Commercieel Medewerker Binnendienst",
    contact="personeelszaken@hofstede-groothandel.example",
    contact_name="Petra Dekker",
    feedback="given",
    quote="Omdat wij voor deze functie vloeiend Duits in woord en geschrift vragen en dat niet uit uw cv blijkt, nemen wij uw sollicitatie niet verder in behandeling.",
)

# Italian, Portuguese, Polish and Swedish rejections ---------------------------------

rejection(
    "it",
    "umano-colloquio-offerto",
    subject="Esito selezione - Sviluppatore Backend",
    sender="Giulia Romano <giulia.romano@laguna-software.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Gentile Alex,

    ti ringrazio per il tempo dedicato ai colloqui per la posizione di Sviluppatore Backend in Laguna Software.

    Purtroppo abbiamo deciso di proseguire con un altro candidato, con un'esperienza più vicina alle nostre esigenze sul dominio bancario.

    Se ti può essere utile, sono disponibile per una breve chiamata per condividere il feedback del team.

    Cordiali saluti,
    Giulia Romano
    HR Specialist - Laguna Software
    """,
    stage="interview",
    company="Laguna Software",
    role="Sviluppatore Backend",
    contact="giulia.romano@laguna-software.example",
    contact_name="Giulia Romano",
    feedback="offered",
    quote="Se ti può essere utile, sono disponibile per una breve chiamata per condividere il feedback del team.",
)

rejection(
    "it",
    "inrecruiting-noreply",
    subject="La tua candidatura per Addetto Contabilità",
    sender="Gruppo Vesuvio <noreply@inrecruiting.com>",
    fmt="html",
    ats="inrecruiting.com",
    charset="utf-8",
    cte="base64",
    body="""
    Gentile Alex Candidate,

    la ringraziamo per l'interesse dimostrato verso il Gruppo Vesuvio e per la candidatura alla posizione di Addetto Contabilità.

    Dopo un'attenta valutazione, le comunichiamo che il suo profilo non è stato selezionato per le fasi successive. Dato l'elevato numero di candidature, non ci è possibile fornire un riscontro individuale.

    Cordiali saluti,
    Ufficio Risorse Umane - Gruppo Vesuvio
    """,
    stage="application",
    company="Gruppo Vesuvio",
    role="Addetto Contabilità",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Dato l'elevato numero di candidature, non ci è possibile fornire un riscontro individuale.",
    nobody="only noreply@inrecruiting.com",
)

rejection(
    "it",
    "finale-motivi",
    subject="Posizione Product Marketing Manager",
    sender="Marco Bianchi <m.bianchi@dolomiti-outdoor.example>",
    fmt="alt",
    charset="windows-1252",
    cte="8bit",
    body="""
    Ciao Alex,

    grazie ancora per l’incontro finale con il nostro CEO.

    Abbiamo scelto un altro candidato per il ruolo di Product Marketing Manager: ci è piaciuta molto la tua strategia di lancio, ma cercavamo qualcuno che avesse già gestito un budget di campagna a livello internazionale.

    Un caro saluto,
    Marco Bianchi
    Dolomiti Outdoor
    """,
    stage="final",
    company="Dolomiti Outdoor",
    role="Product Marketing Manager",
    contact="m.bianchi@dolomiti-outdoor.example",
    contact_name="Marco Bianchi",
    feedback="given",
    quote="Abbiamo scelto un altro candidato per il ruolo di Product Marketing Manager: ci è piaciuta molto la tua strategia di lancio, ma cercavamo qualcuno che avesse già gestito un budget di campagna a livello internazionale.",
)

rejection(
    "it",
    "posizione-coperta",
    subject="Aggiornamento candidatura: Tecnico di laboratorio",
    sender="Chiara Esposito <selezione@farmacie-esposito.example>",
    charset="iso-8859-15",
    cte="quoted-printable",
    body="""
    Buongiorno,

    la informiamo che la posizione di Tecnico di laboratorio è stata coperta. La ringraziamo per la candidatura.

    Distinti saluti,
    Chiara Esposito
    Farmacie Esposito
    """,
    stage="filled",
    company="Farmacie Esposito",
    role="Tecnico di laboratorio",
    contact="selezione@farmacie-esposito.example",
    contact_name="Chiara Esposito",
    feedback="none",
)

rejection(
    "pt",
    "humano-entrevista-motivo",
    subject="Candidatura Engenheiro de Software",
    sender="Inês Carvalho <ines.carvalho@tejo-digital.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Olá Alex,

    Obrigada pelo tempo que dedicou às entrevistas para a posição de Engenheiro de Software na Tejo Digital.

    Infelizmente decidimos avançar com outro candidato. A equipa valorizou a sua experiência em Python, mas procurávamos alguém com mais prática em arquiteturas orientadas a eventos.

    Com os melhores cumprimentos,
    Inês Carvalho
    Talent Acquisition, Tejo Digital
    """,
    stage="interview",
    company="Tejo Digital",
    role="Engenheiro de Software",
    contact="ines.carvalho@tejo-digital.example",
    contact_name="Inês Carvalho",
    feedback="given",
    quote="A equipa valorizou a sua experiência em Python, mas procurávamos alguém com mais prática em arquiteturas orientadas a eventos.",
)

rejection(
    "pt",
    "gupy-brasil-noreply",
    subject="Retorno sobre sua candidatura - Analista de Marketing Pleno",
    sender="Ipê Cosméticos <naoresponda@gupy.com.br>",
    fmt="html",
    ats="gupy.com.br",
    cte="base64",
    body="""
    Oi, Alex! Tudo bem?

    Agradecemos muito seu interesse na vaga de Analista de Marketing Pleno da Ipê Cosméticos.

    Neste momento, optamos por seguir com outros perfis. Devido ao grande volume de candidaturas, não conseguimos dar um retorno individual sobre cada avaliação.

    Desejamos sucesso na sua jornada!
    Time de Gente da Ipê Cosméticos
    """,
    stage="application",
    company="Ipê Cosméticos",
    role="Analista de Marketing Pleno",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Devido ao grande volume de candidaturas, não conseguimos dar um retorno individual sobre cada avaliação.",
    nobody="only naoresponda@gupy.com.br",
)

rejection(
    "pt",
    "vaga-cancelada",
    subject="Vaga de Gestor de Projetos",
    sender="Rui Oliveira <rui.oliveira@atlantico-engenharia.example>",
    fmt="alt",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Caro Alex,

    Escrevo para informar que a vaga de Gestor de Projetos foi cancelada, uma vez que o projeto que a justificava não avançou.

    Lamento o transtorno e agradeço a disponibilidade que demonstrou. Caso queira falar sobre outras oportunidades, estou disponível para uma conversa.

    Cumprimentos,
    Rui Oliveira
    Atlântico Engenharia
    """,
    stage="cancelled",
    company="Atlântico Engenharia",
    role="Gestor de Projetos",
    contact="rui.oliveira@atlantico-engenharia.example",
    contact_name="Rui Oliveira",
    feedback="none",
)

rejection(
    "pt",
    "triagem-telefonica-oferece",
    subject="Processo seletivo - Desenvolvedor Mobile",
    sender="Beatriz Souza <beatriz@cajuapps.example>",
    body="""
    Oi Alex,

    Obrigada pela conversa por telefone na terça. Decidimos não seguir com a sua candidatura para Desenvolvedor Mobile agora.

    Se quiser um feedback mais detalhado, é só responder este e-mail que marcamos 15 minutos.

    Abraço,
    Beatriz Souza
    Caju Apps
    """,
    stage="screen",
    company="Caju Apps",
    role="Desenvolvedor Mobile",
    contact="beatriz@cajuapps.example",
    contact_name="Beatriz Souza",
    feedback="offered",
    quote="Se quiser um feedback mais detalhado, é só responder este e-mail que marcamos 15 minutos.",
)

rejection(
    "pl",
    "rekruterka-rozmowa",
    subject="Rekrutacja na stanowisko Programista .NET",
    sender="Katarzyna Nowak <katarzyna.nowak@wisla-systems.example>",
    charset="iso-8859-2",
    cte="quoted-printable",
    body="""
    Dzień dobry Panie Alex,

    dziękuję za udział w rozmowach rekrutacyjnych na stanowisko Programista .NET w Wisła Systems.

    Niestety zdecydowaliśmy się kontynuować proces z innym kandydatem. Jeśli chciałby Pan otrzymać szczegółową informację zwrotną, chętnie umówię krótką rozmowę telefoniczną.

    Z poważaniem,
    Katarzyna Nowak
    HR Business Partner
    Wisła Systems
    """,
    stage="interview",
    company="Wisła Systems",
    role="Programista .NET",
    contact="katarzyna.nowak@wisla-systems.example",
    contact_name="Katarzyna Nowak",
    feedback="offered",
    quote="Jeśli chciałby Pan otrzymać szczegółową informację zwrotną, chętnie umówię krótką rozmowę telefoniczną.",
)

rejection(
    "pl",
    "erecruiter-noreply",
    subject="Odpowiedź na Twoją aplikację - Specjalista ds. Logistyki",
    sender="Bałtyk Logistics <no-reply@erecruiter.pl>",
    fmt="html",
    ats="erecruiter.pl",
    charset="utf-8",
    cte="base64",
    body="""
    Cześć Alex,

    dziękujemy za zainteresowanie ofertą pracy Specjalista ds. Logistyki w firmie Bałtyk Logistics.

    Po analizie zgłoszeń zdecydowaliśmy się zaprosić na rozmowy innych kandydatów. Ze względu na dużą liczbę aplikacji nie jesteśmy w stanie przekazać indywidualnej informacji zwrotnej.

    Powodzenia!
    Zespół Rekrutacji Bałtyk Logistics
    """,
    stage="application",
    company="Bałtyk Logistics",
    role="Specjalista ds. Logistyki",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="Ze względu na dużą liczbę aplikacji nie jesteśmy w stanie przekazać indywidualnej informacji zwrotnej.",
    nobody="only no-reply@erecruiter.pl",
)

rejection(
    "pl",
    "stanowisko-obsadzone",
    subject="Stanowisko Księgowa/Księgowy - informacja",
    sender="Biuro Rachunkowe Zielińscy <biuro@zielinscy-rachunkowosc.example>",
    charset="iso-8859-2",
    cte="8bit",
    body="""
    Szanowny Panie,

    uprzejmie informujemy, że stanowisko Księgowa/Księgowy zostało już obsadzone. Dziękujemy za przesłanie aplikacji.

    Z wyrazami szacunku,
    Anna Zielińska
    """,
    stage="filled",
    company="Biuro Rachunkowe Zielińscy",
    role="Księgowa/Księgowy",
    contact="biuro@zielinscy-rachunkowosc.example",
    contact_name="Anna Zielińska",
    feedback="none",
)

rejection(
    "sv",
    "rekryterare-intervju-motiv",
    subject="Angående tjänsten som Systemutvecklare",
    sender="Erik Lindqvist <erik.lindqvist@fjallsoft.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Hej Alex,

    Tack för att du tog dig tid att träffa oss för tjänsten som Systemutvecklare på Fjällsoft.

    Vi har tyvärr valt att gå vidare med en annan kandidat. Vi uppskattade din erfarenhet av backend, men vi behöver någon som redan har arbetat med inbyggda system i fordonsindustrin.

    Vänliga hälsningar,
    Erik Lindqvist
    Fjällsoft AB
    """,
    stage="interview",
    company="Fjällsoft AB",
    role="Systemutvecklare",
    contact="erik.lindqvist@fjallsoft.example",
    contact_name="Erik Lindqvist",
    feedback="given",
    quote="Vi uppskattade din erfarenhet av backend, men vi behöver någon som redan har arbetat med inbyggda system i fordonsindustrin.",
)

rejection(
    "sv",
    "teamtailor-ansokan",
    subject="Din ansökan till Nordljus Energi",
    sender="Nordljus Energi <conversations@nordljus.teamtailor-mail.com>",
    fmt="html",
    ats="teamtailor-mail.com",
    cte="quoted-printable",
    body="""
    Hej Alex!

    Tack för din ansökan till rollen som Projektledare Solenergi. Vi har nu gått igenom alla ansökningar och tyvärr går vi inte vidare med din denna gång.

    Om du vill ha återkoppling på din ansökan är du välkommen att svara på det här meddelandet.

    Allt gott,
    Sara på Nordljus Energi
    """,
    stage="application",
    company="Nordljus Energi",
    role="Projektledare Solenergi",
    contact="conversations@nordljus.teamtailor-mail.com",
    contact_name="Sara",
    feedback="offered",
    quote="Om du vill ha återkoppling på din ansökan är du välkommen att svara på det här meddelandet.",
)

rejection(
    "sv",
    "tjansten-tillsatt",
    subject="Tjänsten som Ekonomiassistent är tillsatt",
    sender="Rekrytering Vättern Kommun <no-reply@varbi.com>",
    fmt="alt",
    ats="varbi.com",
    charset="iso-8859-1",
    cte="base64",
    message_id=False,
    body="""
    Hej,

    Tjänsten som Ekonomiassistent som du sökt hos Vättern Kommun är nu tillsatt. Tack för ditt intresse!

    Detta meddelande går inte att svara på.

    Med vänlig hälsning
    Vättern Kommun
    """,
    stage="filled",
    company="Vättern Kommun",
    role="Ekonomiassistent",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only no-reply@varbi.com",
)

# English near-misses -----------------------------------------------------------------

near(
    "offer",
    "en",
    "offer-delighted",
    subject="Offer of employment - Senior Data Engineer",
    sender="Priya Raman <priya.raman@harbourline.example>",
    body="""
    Dear Alex,

    Following your final interview, we are delighted to offer you the position of Senior Data Engineer at Harbourline. Unfortunately our HR system is a little slow this week, so the formal contract will follow by Friday.

    The offer includes a base salary of GBP 92,000, 28 days of holiday and a start date of 1 February 2027. Please let me know if you have any questions.

    Congratulations!
    Priya
    """,
)

near(
    "offer",
    "en",
    "offer-ats-verbal-followup",
    subject="Your offer from Quillpay",
    sender="Quillpay <no-reply@hire.lever.co>",
    reply_to="Tom Okafor <tom.okafor@quillpay.example>",
    fmt="html",
    ats="hire.lever.co",
    body="""
    Hi Alex,

    Congratulations! As discussed on the phone today, we're excited to extend you an offer for the Backend Engineer (Payments) role. Your offer letter is ready to review and sign: [[link:https://hire.lever.co/offers/8c1f|View your offer]].

    We regret that we can't hold the offer open beyond 14 December, so please let us know your decision by then.

    Tom
    """,
)

near(
    "invitation",
    "en",
    "interview-invite",
    subject="Interview invitation: Machine Learning Engineer at Lumen Robotics",
    sender="Lumen Robotics <no-reply@ashbyhq.com>",
    fmt="alt",
    ats="ashbyhq.com",
    body="""
    Hi Alex,

    Thanks for applying! We'd like to invite you to a 45-minute video interview with our Head of ML. Please choose a time that suits you using the link below.

    [[link:https://app.ashbyhq.com/schedule/1a2b|Pick a time]]

    Unfortunately we can only offer slots in the next two weeks, so please book soon.

    Dana Whitfield
    Recruiting Lead, Lumen Robotics
    """,
)

near(
    "invitation",
    "en",
    "assessment-invite",
    subject="Action required: complete your coding assessment for Tessellate",
    sender="Tessellate Recruiting <no-reply@greenhouse.io>",
    fmt="html",
    ats="greenhouse.io",
    cte="quoted-printable",
    body="""
    Hi Alex,

    As the next step in your application for Principal Engineer, please complete our online coding assessment within 5 days. The assessment takes about 90 minutes.

    [[link:https://assess.example/t/55aa|Start assessment]]

    If you are unable to complete it in time, please reply and let us know.

    Tessellate Recruiting
    """,
)

near(
    "next_stage",
    "en",
    "moved-to-next-stage",
    subject="Good news about your application",
    sender="Hannah Cole <h.cole@bridgewayrecruit.example>",
    body="""
    Hi Alex,

    Great news - Ostrander Bank would like to move you to the next stage of the process for the Quantitative Risk Analyst role. They were impressed with your first interview.

    The second stage is a case study with two members of the risk team. I'll send over times shortly.

    Hannah
    """,
)

near(
    "still_reviewing",
    "en",
    "still-reviewing-unfortunately",
    subject="An update on your application to Lumenfield",
    sender="Lumenfield Hiring Team <no-reply@us.greenhouse-mail.io>",
    fmt="html",
    ats="us.greenhouse-mail.io",
    body="""
    Hi Alex,

    We wanted to give you a quick update. Unfortunately, our review of applications for the Senior Data Engineer role is taking longer than expected, due to the number of applications we received.

    Your application is still under consideration and we expect to be in touch within two weeks. We are sorry for the delay and thank you for your patience.

    The Lumenfield Talent Acquisition Team
    """,
)

near(
    "still_reviewing",
    "en",
    "still-reviewing-human",
    subject="Re: Platform Engineer role",
    sender="Samantha Ortiz <sortiz@cobaltgrid.example>",
    body="""
    Hi Alex,

    Sorry for the silence - we haven't made a decision yet. We're still interviewing a couple of people and I expect to come back to you by the end of next week either way.

    Sam
    """,
)

near(
    "receipt",
    "en",
    "application-received-greenhouse",
    subject="Thank you for applying to Orbit & Oak",
    sender="Orbit & Oak <jobs@orbitoak.recruitee.com>",
    fmt="html",
    ats="recruitee.com",
    body="""
    Hi Alex,

    Thank you for your application for the Head of Growth position. We have received your application and our team will review it carefully.

    If your profile matches what we are looking for, we will contact you to schedule a first conversation. Unfortunately we are not able to respond to every applicant individually within the first week.

    Lena Brooks
    Talent, Orbit & Oak
    """,
)

near(
    "receipt",
    "en",
    "application-received-workday",
    subject="We have received your application",
    sender="Carrow Insurance Group <carrow@myworkday.com>",
    fmt="alt",
    cte="quoted-printable",
    body="""
    Dear Alex Candidate,

    Thank you for your interest in Carrow Insurance Group. We confirm that we have received your application for Business Analyst (Requisition R-20411).

    You can track the status of your application at any time in your candidate home.

    This is an automated message. Please do not reply.
    """,
)

near(
    "job_alert",
    "en",
    "linkedin-style-alert",
    subject="12 new jobs for 'data engineer' in London",
    sender="Job Alerts <jobalerts-noreply@linkedin.example>",
    fmt="html",
    ats="linkedin.example",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Your job alert for data engineer in London

    Senior Data Engineer - Brightpath · London (Hybrid) · Be an early applicant

    Data Platform Engineer - Monzell · London · 3 connections work here

    Analytics Engineer - Fernby · Remote (UK) · Actively recruiting

    Not interested? Unfortunately we can only show 12 jobs per email. [[link:https://linkedin.example/jobs/search|See all jobs]]
    """,
)

near(
    "job_alert",
    "en",
    "indeed-style-newsletter",
    subject="Jobs you may be interested in",
    sender="Indeed <donotreply@jobalert.indeed.example>",
    fmt="alt",
    ats="jobalert.indeed.example",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Hi Alex,

    Based on your recent searches, here are new jobs near Manchester:

    Backend Developer – Orchard Systems – £55,000 a year
    Python Engineer – Tillbrook – Easily apply
    Software Engineer II – Northgate Health – Urgently hiring

    Sorry, this job has expired: QA Lead – Tin Man Labs.

    Manage your job alerts in your account settings.
    """,
)

near(
    "outreach",
    "en",
    "cold-outreach-recruiter",
    subject="Exciting Staff Engineer opportunity - fintech, fully remote",
    sender="Leo Grant <leo.grant@apexhire.example>",
    body="""
    Hi Alex,

    I came across your profile and was really impressed by your background in payments infrastructure. I'm working with a Series B fintech that is hiring a Staff Engineer to lead their ledger team (fully remote, up to GBP 130k).

    Would you be open to a quick 15-minute chat this week? If the timing isn't right, no worries at all - unfortunately I can only share the client's name once we've spoken.

    Best,
    Leo Grant
    Apex Hire
    """,
)

near(
    "feedback_answer",
    "en",
    "feedback-answer-given",
    subject="Re: Feedback request - Staff Product Designer",
    sender="Priya Raman <priya.raman@harbourline.example>",
    body="""
    Hi Alex,

    Thanks for asking, and sorry it took me a few days. I spoke to the panel: they loved your research process, but felt the final design critique could have been more decisive about trade-offs. Unfortunately that was the deciding factor against a very strong field.

    I hope that helps and I'd be glad to hear from you for future roles.

    Priya

    On Mon, 30 Nov 2026 at 09:12, Alex Candidate <alex.candidate@example.org> wrote:
    > Dear Priya,
    > thank you for letting me know. Would you be able to share one or two
    > points I could improve?
    """,
)

near(
    "feedback_answer",
    "en",
    "feedback-answer-declined",
    subject="RE: Feedback request",
    sender="Rachel Kim <rkim@pinecresthealth.example>",
    fmt="alt",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Dear Alex,

    Thank you for your message. I’m sorry, but we’re unable to provide individual interview feedback as a matter of policy. I wish you the very best in your search.

    Rachel Kim
    HR Generalist, Pinecrest Health

    -----Original Message-----
    From: Alex Candidate <alex.candidate@example.org>
    Sent: Tuesday, December 1, 2026 10:03 AM
    Subject: Feedback request

    Dear Rachel, thank you for letting me know about the Clinical Data Manager role...
    """,
)

near(
    "bounce",
    "en",
    "dsn-postfix-user-unknown",
    subject="Undelivered Mail Returned to Sender",
    sender="MAIL-DAEMON <MAILER-DAEMON@mail.example.org>",
    fmt="raw",
    headers=(("Auto-Submitted", "auto-replied"),),
    body="""
    Content-Type: multipart/report; report-type=delivery-status; boundary="B0unce.4ZkQ3m1Tq"

    --B0unce.4ZkQ3m1Tq
    Content-Type: text/plain; charset=us-ascii

    This is the mail system at host mail.example.org.

    I'm sorry to have to inform you that your message could not
    be delivered to one or more recipients. Unfortunately the
    recipient's mail server rejected it.

    <greg@tinmanlabs.example>: host mx.tinmanlabs.example[192.0.2.25] said:
        550 5.1.1 <greg@tinmanlabs.example>: Recipient address rejected: User
        unknown in virtual mailbox table (in reply to RCPT TO command)

    --B0unce.4ZkQ3m1Tq
    Content-Type: message/delivery-status

    Reporting-MTA: dns; mail.example.org
    Arrival-Date: Mon, 30 Nov 2026 10:00:01 +0000 (UTC)

    Final-Recipient: rfc822; greg@tinmanlabs.example
    Action: failed
    Status: 5.1.1
    Remote-MTA: dns; mx.tinmanlabs.example
    Diagnostic-Code: smtp; 550 5.1.1 <greg@tinmanlabs.example>: Recipient address
        rejected: User unknown in virtual mailbox table

    --B0unce.4ZkQ3m1Tq
    Content-Type: text/rfc822-headers

    From: Alex Candidate <alex.candidate@example.org>
    To: Greg Navarro <greg@tinmanlabs.example>
    Subject: Re: QA Lead
    Date: Mon, 30 Nov 2026 10:00:00 +0000

    --B0unce.4ZkQ3m1Tq--
    """,
)

near(
    "bounce",
    "en",
    "dsn-exchange-not-delivered",
    subject="Undeliverable: Feedback request - Principal Engineer",
    sender="Microsoft Outlook <postmaster@tessellate.example>",
    fmt="raw",
    message_id=False,
    body="""
    Content-Type: multipart/report; report-type=delivery-status; boundary="exch-ndr-77a0"

    --exch-ndr-77a0
    Content-Type: text/plain; charset=utf-8

    Your message to ben.hartley@tessellate.example couldn't be delivered.

    ben.hartley wasn't found at tessellate.example. Unfortunately the address may have been removed.

    Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

    --exch-ndr-77a0
    Content-Type: message/delivery-status

    Reporting-MTA: dns;EX01.tessellate.example

    Final-recipient: RFC822; ben.hartley@tessellate.example
    Action: failed
    Status: 5.1.10

    --exch-ndr-77a0--
    """,
)

near(
    "out_of_office",
    "en",
    "ooo-recruiter",
    subject="Automatic reply: Feedback request - Backend Engineer (Payments)",
    sender="Tom Okafor <tom.okafor@quillpay.example>",
    headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
    body="""
    Thank you for your email. I am out of the office until 7 December with limited access to email. Unfortunately I won't be able to respond before then.

    For urgent recruiting questions, please contact talent@quillpay.example.

    Tom
    """,
)

near(
    "other_rejection",
    "en",
    "cfp-talk-not-accepted",
    subject="PyData North 2027: your proposal",
    sender="PyData North Program Committee <cfp@pydatanorth.example>",
    fmt="alt",
    body="""
    Dear Alex,

    Thank you for submitting "Idempotent pipelines in practice" to PyData North 2027. We received over 400 proposals for 40 slots.

    Unfortunately, we were not able to accept your talk this year. Due to the number of submissions we cannot provide individual feedback on proposals.

    We hope to see you at the conference.

    The Program Committee
    """,
)

near(
    "other_rejection",
    "en",
    "loan-declined",
    subject="Your personal loan application",
    sender="Harbour Savings Bank <no-reply@harbour-savings.example>",
    fmt="html",
    ats="harbour-savings.example",
    cte="base64",
    body="""
    Dear Alex Candidate,

    Thank you for applying for a personal loan of GBP 8,000. After reviewing your application, we regret to inform you that we are unable to approve it at this time.

    This decision was based in part on information from a credit reference agency. You have the right to request the details of that information.

    Harbour Savings Bank
    """,
)

near(
    "other_rejection",
    "en",
    "manuscript-declined",
    subject="Submission #4471 to Northern Review of Software",
    sender="Editorial Office <editor@northern-review.example>",
    body="""
    Dear Dr Candidate,

    Thank you for submitting your manuscript "Queueing delays in small teams" to the Northern Review of Software.

    I regret to inform you that, after review, we have decided not to accept it for publication. The reviewers' comments are attached below; reviewer 2 felt the evaluation needed a larger sample.

    Yours sincerely,
    Prof. Helen Marsh
    Handling Editor
    """,
)

near(
    "forwarded",
    "en",
    "fwd-to-friend",
    subject="Fwd: Your candidacy for Principal Engineer at Tessellate",
    sender=USER,
    to="Sam Friend <sam.friend@example.net>",
    body="""
    Sam - this is the one I told you about. Any idea how I should ask Ben for feedback when they say they won't share any?

    ---------- Forwarded message ---------
    From: Tessellate Recruiting <no-reply@greenhouse.io>
    Date: Mon, 30 Nov 2026 at 16:02
    Subject: Your candidacy for Principal Engineer at Tessellate
    To: Alex Candidate <alex.candidate@example.org>

    Dear Alex,

    Thank you for the time and energy you invested in our interview process for the Principal Engineer position, including the final onsite.

    After much deliberation, the team has decided not to extend an offer. Given the confidential nature of our hiring discussions, we're not able to share specific feedback on individual interviews.

    Kind regards,
    Ben Hartley
    Senior Recruiter, Tessellate
    """,
)

near(
    "other_rejection",
    "en",
    "credit-card-declined",
    subject="About your credit card application",
    sender="Northwind Card Services <noreply@cards.northwind-bank.example>",
    fmt="alt",
    ats="cards.northwind-bank.example",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Dear Alex,

    Thank you for applying for the Northwind Rewards credit card. Unfortunately we are unable to offer you a card on this occasion.

    We made this decision after careful consideration of your application and credit history. This will not affect any existing accounts you hold with us.

    Northwind Card Services
    """,
)

# German near-misses ------------------------------------------------------------------

near(
    "offer",
    "de",
    "zusage-vertrag",
    subject="Zusage: Product Owner (w/m/d)",
    sender="Julia Brandt <julia.brandt@fernwerk.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Hallo Alex,

    ich freue mich sehr, Dir mitteilen zu dürfen, dass wir Dir die Stelle als Product Owner (w/m/d) anbieten möchten! Leider hat sich die Freigabe etwas verzögert, deshalb kommt der Vertrag erst jetzt.

    Im Anhang findest Du den Arbeitsvertrag. Gib mir bitte bis zum 15. Dezember Bescheid.

    Viele Grüße
    Julia
    """,
)

near(
    "invitation",
    "de",
    "einladung-vorstellungsgespraech",
    subject="Einladung zum Vorstellungsgespräch",
    sender="Dr. Petra Vogel <petra.vogel@hanseatic-mobility.example>",
    fmt="alt",
    charset="iso-8859-15",
    cte="quoted-printable",
    body="""
    Sehr geehrter Herr Candidate,

    vielen Dank für Ihre Bewerbung als Teamleiter Kundenservice (m/w/d). Wir möchten Sie gern persönlich kennenlernen und laden Sie herzlich zu einem Vorstellungsgespräch am Donnerstag, 26. November 2026, um 10:00 Uhr in unsere Zentrale ein.

    Leider ist unser Parkhaus derzeit gesperrt; bitte nutzen Sie die öffentlichen Verkehrsmittel.

    Mit freundlichen Grüßen
    Dr. Petra Vogel
    """,
)

near(
    "invitation",
    "de",
    "einladung-online-test",
    subject="Nächster Schritt: Online-Assessment",
    sender="Rheinauen Versicherung Karriere <noreply@successfactors.eu>",
    fmt="html",
    ats="successfactors.eu",
    cte="base64",
    body="""
    Guten Tag Alex Candidate,

    wir freuen uns, Sie zu unserem Online-Assessment für die Stelle Referent Controlling (m/w/d) einzuladen. Bitte absolvieren Sie den Test innerhalb von sieben Tagen.

    [[link:https://assessment.example/rv/7781|Zum Assessment]]

    Ihr Recruiting-Team der Rheinauen Versicherung AG
    """,
)

near(
    "next_stage",
    "de",
    "naechste-runde",
    subject="Gute Nachrichten zu Deiner Bewerbung",
    sender="Nordquell <no-reply@greenhouse.io>",
    reply_to="Anna Lehmann <anna.lehmann@nordquell.example>",
    fmt="alt",
    ats="greenhouse.io",
    body="""
    Hallo Alex,

    Du hast es in die nächste Runde geschafft! Das Team war von Deinem ersten Gespräch begeistert und möchte Dich zum technischen Interview einladen.

    Ich melde mich in den nächsten Tagen mit Terminvorschlägen.

    Anna
    """,
)

near(
    "still_reviewing",
    "de",
    "leider-verzoegert",
    subject="Zwischenstand zu Ihrer Bewerbung",
    sender="Kranich Logistik GmbH <jobs+a71c03@kranich-logistik.jobs.personio.de>",
    fmt="html",
    ats="jobs.personio.de",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Sehr geehrter Herr Candidate,

    leider verzögert sich unser Auswahlprozess für die Stelle Softwareentwickler Java (m/w/d) aufgrund der hohen Anzahl an Bewerbungen.

    Ihre Unterlagen befinden sich weiterhin in Prüfung. Wir melden uns spätestens Mitte Dezember bei Ihnen und bitten Sie um etwas Geduld.

    Mit freundlichen Grüßen
    Sabine Hoffmann
    """,
)

near(
    "receipt",
    "de",
    "eingangsbestaetigung",
    subject="Eingangsbestätigung Ihrer Bewerbung",
    sender="Südstern Pharma <suedstern@myworkday.com>",
    fmt="html",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Sehr geehrte Damen und Herren,

    vielen Dank für Ihre Bewerbung als Clinical Trial Manager (m/w/d). Hiermit bestätigen wir den Eingang Ihrer Unterlagen.

    Wir prüfen Ihre Bewerbung sorgfältig und melden uns so bald wie möglich. Bitte haben Sie Verständnis, dass dies einige Wochen dauern kann.

    Bitte antworten Sie nicht auf diese automatisch generierte E-Mail.
    """,
)

near(
    "job_alert",
    "de",
    "stepstone-jobagent",
    subject="Ihr Jobagent: 8 neue Jobs für „Data Engineer“ in Hamburg",
    sender="StepStone Jobagent <jobagent@stepstone.example>",
    fmt="html",
    ats="stepstone.example",
    charset="utf-8",
    cte="base64",
    body="""
    Hallo Alex,

    wir haben neue Jobs für Sie gefunden:

    Data Engineer (m/w/d) – Elbwerk Digital – Hamburg

    Senior Data Engineer (all genders) – Moin Mobility – Hamburg / Remote

    Leider ist die Stelle „Site Reliability Engineer“ bei Nordquell nicht mehr verfügbar.

    Ihr StepStone-Team
    """,
)

near(
    "outreach",
    "de",
    "xing-kaltakquise",
    subject="Spannende Position als Head of Engineering (m/w/d)",
    sender="Nina Hartmann <n.hartmann@karriereanker.example>",
    body="""
    Hallo Alex,

    ich bin über Ihr Profil gestolpert und finde Ihren Werdegang sehr spannend. Aktuell suche ich für einen Mittelständler im Raum Stuttgart eine/n Head of Engineering (m/w/d).

    Hätten Sie Lust auf ein kurzes, unverbindliches Telefonat? Leider darf ich den Namen meines Kunden erst im Gespräch nennen.

    Beste Grüße
    Nina Hartmann
    Karriereanker Personalberatung
    """,
)

near(
    "feedback_answer",
    "de",
    "antwort-feedbackanfrage",
    subject="AW: Bitte um Feedback – Data Analyst (m/w/d)",
    sender="Markus Feld <m.feld@alpenblick-energie.example>",
    charset="windows-1252",
    cte="8bit",
    body="""
    Guten Tag Herr Candidate,

    gern gebe ich Ihnen noch etwas ausführlicher Rückmeldung: Ihre Analysefähigkeiten haben uns überzeugt, leider fehlten die SAP-BW-Kenntnisse, die in der Rolle täglich gebraucht werden. Ein Kurs dazu wäre sicher ein Plus für künftige Bewerbungen.

    Freundliche Grüße
    Markus Feld

    -----Ursprüngliche Nachricht-----
    Von: Alex Candidate <alex.candidate@example.org>
    Gesendet: Dienstag, 1. Dezember 2026 09:14
    Betreff: Bitte um Feedback – Data Analyst (m/w/d)
    """,
)

near(
    "bounce",
    "de",
    "unzustellbar-exim",
    subject="Mail delivery failed: returning message to sender",
    sender="Mail Delivery System <Mailer-Daemon@mx.example.org>",
    fmt="raw",
    headers=(
        ("Auto-Submitted", "auto-replied"),
        ("X-Failed-Recipients", "ole.jansen@pixelhafen.example"),
    ),
    body="""
    Content-Type: text/plain; charset=us-ascii

    This message was created automatically by mail delivery software.

    A message that you sent could not be delivered to one or more of its
    recipients. This is a permanent error. The following address(es) failed:

      ole.jansen@pixelhafen.example
        host mx.pixelhafen.example [192.0.2.80]
        SMTP error from remote mail server after RCPT TO:<ole.jansen@pixelhafen.example>:
        550 5.1.1 Benutzer unbekannt / user unknown

    ------ This is a copy of the message, including all the headers. ------

    From: Alex Candidate <alex.candidate@example.org>
    To: Ole Jansen <ole.jansen@pixelhafen.example>
    Subject: Bitte um Feedback
    Date: Tue, 01 Dec 2026 08:10:00 +0100

    Hallo Ole, leider hat es mit der Stelle nicht geklappt ...
    """,
)

near(
    "out_of_office",
    "de",
    "abwesenheitsnotiz",
    subject="Abwesenheitsnotiz: Bitte um Feedback",
    sender="Claudia Weber <claudia.weber@weber-partner-executive.example>",
    headers=(("Auto-Submitted", "auto-replied"),),
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Vielen Dank für Ihre Nachricht.

    Ich bin bis einschließlich 11.12.2026 nicht im Büro und habe leider keinen Zugriff auf meine E-Mails. In dringenden Fällen wenden Sie sich bitte an office@weber-partner-executive.example.

    Mit freundlichen Grüßen
    Claudia Weber
    """,
)

near(
    "other_rejection",
    "de",
    "wohnung-absage",
    subject="Ihre Anfrage zur Wohnung Lindenstraße 12, 2. OG",
    sender="Hausverwaltung Körner <vermietung@hv-koerner.example>",
    charset="iso-8859-15",
    cte="8bit",
    body="""
    Sehr geehrter Herr Candidate,

    vielen Dank für Ihr Interesse an der 3-Zimmer-Wohnung in der Lindenstraße 12. Leider müssen wir Ihnen mitteilen, dass sich der Eigentümer für andere Mietinteressenten entschieden hat.

    Wir nehmen Sie gern in unsere Interessentenliste auf.

    Mit freundlichen Grüßen
    Hausverwaltung Körner
    """,
)

near(
    "other_rejection",
    "de",
    "studienplatz-ablehnung",
    subject="Bescheid über Ihre Bewerbung um einen Studienplatz",
    sender="Studierendensekretariat <no-reply@uni-weserland.example>",
    fmt="alt",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Sehr geehrter Herr Candidate,

    leider können wir Ihnen für den Masterstudiengang Informatik zum Sommersemester 2027 keinen Studienplatz anbieten. Die Zahl der Bewerbungen übersteigt die verfügbaren Plätze deutlich.

    Den rechtsmittelfähigen Ablehnungsbescheid finden Sie im Bewerbungsportal.

    Ihr Studierendensekretariat
    Universität Weserland
    """,
)

near(
    "other_rejection",
    "de",
    "ausschreibung-angebot-abgelehnt",
    subject="Vergabeverfahren 2026-VG-31: Mitteilung nach § 134 GWB",
    sender="Vergabestelle Landkreis Ostheide <vergabe@lk-ostheide.example>",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Sehr geehrte Damen und Herren,

    im oben genannten Vergabeverfahren „Wartung der IT-Infrastruktur“ teilen wir Ihnen mit, dass Ihr Angebot nicht berücksichtigt werden kann. Der Zuschlag soll auf das Angebot der Firma Nordnetz GmbH erteilt werden.

    Grund: Ihr Angebot war nicht das wirtschaftlichste.

    Mit freundlichen Grüßen
    Vergabestelle
    """,
)

near(
    "forwarded",
    "de",
    "wg-weitergeleitet",
    subject="WG: Absage: Vertriebsmitarbeiter Innendienst (m/w/d)",
    sender=USER,
    to="Lena Freundin <lena@example.net>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Hi Lena, hier die Absage, von der ich Dir erzählt habe. Meinst Du, ich sollte trotzdem nach Feedback fragen?

    -------- Weitergeleitete Nachricht --------
    Von: Hollerbach Sanitär GmbH <noreply@hollerbach.recruitee.com>
    Betreff: Absage: Vertriebsmitarbeiter Innendienst (m/w/d)

    Guten Tag Alex Candidate,

    haben Sie vielen Dank für Ihre Bewerbung als Vertriebsmitarbeiter Innendienst (m/w/d). Leider können wir Ihnen keine positive Nachricht geben: Wir haben uns für andere Bewerber entschieden.
    """,
)

near(
    "other_rejection",
    "de",
    "kredit-abgelehnt",
    subject="Ihre Kreditanfrage Nr. 55120",
    sender="Sparkasse Mittelland Online <service@spk-mittelland.example>",
    fmt="html",
    ats="spk-mittelland.example",
    cte="base64",
    body="""
    Sehr geehrter Herr Candidate,

    vielen Dank für Ihre Anfrage zu einem Privatkredit über 12.000 Euro. Nach Prüfung Ihrer Unterlagen können wir Ihnen leider kein Angebot unterbreiten.

    Gern beraten wir Sie in einer unserer Filialen zu Alternativen.

    Ihre Sparkasse Mittelland
    """,
)

# French near-misses ------------------------------------------------------------------

near(
    "offer",
    "fr",
    "promesse-embauche",
    subject="Proposition d'embauche - Chef de projet digital H/F",
    sender="Camille Moreau <camille.moreau@lysandre-conseil.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Bonjour Alex,

    J'ai le plaisir de vous annoncer que nous souhaitons vous proposer le poste de Chef de projet digital H/F. Vous trouverez ci-joint votre promesse d'embauche.

    Malheureusement, notre directeur étant en déplacement, la signature du contrat ne pourra avoir lieu qu'à partir du 14 décembre.

    Bien cordialement,
    Camille Moreau
    """,
)

near(
    "invitation",
    "fr",
    "convocation-entretien",
    subject="Invitation à un entretien - Analyste crédit (F/H)",
    sender="Banque Verdier Recrutement <noreply@smartrecruiters.com>",
    fmt="html",
    ats="smartrecruiters.com",
    cte="quoted-printable",
    body="""
    Bonjour Alex,

    Nous avons le plaisir de vous inviter à un entretien pour le poste d'Analyste crédit (F/H). Merci de choisir un créneau à votre convenance :

    [[link:https://smartrecruiters.com/schedule/9f21|Choisir un créneau]]

    L'équipe Recrutement, Banque Verdier
    """,
)

near(
    "next_stage",
    "fr",
    "etape-suivante",
    subject="Votre candidature passe à l'étape suivante",
    sender="Nuage Bleu <nuagebleu@candidates.workablemail.com>",
    fmt="alt",
    ats="workablemail.com",
    cte="base64",
    body="""
    Bonjour Alex,

    Bonne nouvelle : votre candidature pour le poste de Lead Developer Front-end passe à l'étape suivante ! La prochaine étape est une étude de cas à réaliser chez vous.

    Thomas Mercier
    CTO, Nuage Bleu
    """,
)

near(
    "still_reviewing",
    "fr",
    "toujours-en-cours",
    subject="Point d'étape sur votre candidature",
    sender="Ondine <no-reply@us.greenhouse-mail.io>",
    fmt="html",
    ats="us.greenhouse-mail.io",
    cte="quoted-printable",
    body="""
    Bonjour Alex,

    Malheureusement, notre processus pour le poste de Data Scientist - Pricing prend plus de temps que prévu. Votre candidature est toujours en cours d'examen et nous reviendrons vers vous d'ici deux semaines.

    Merci pour votre patience,
    L'équipe Talent d'Ondine
    """,
)

near(
    "receipt",
    "fr",
    "accuse-reception",
    subject="Accusé de réception de votre candidature",
    sender="Groupe Albatros <albatros@myworkday.com>",
    fmt="alt",
    charset="iso-8859-15",
    cte="quoted-printable",
    body="""
    Bonjour Alex Candidate,

    Nous avons bien reçu votre candidature au poste de Responsable Supply Chain (H/F) et nous vous en remercions.

    Nos équipes l'étudieront avec attention. Sans retour de notre part sous quatre semaines, vous pourrez considérer que votre candidature n'a malheureusement pas été retenue.

    Direction des Ressources Humaines - Groupe Albatros
    """,
)

near(
    "job_alert",
    "fr",
    "alerte-emploi",
    subject="Nouvelles offres : développeur python à Lyon",
    sender="Alerte Emploi <alertes@emploi-plus.example>",
    fmt="html",
    ats="emploi-plus.example",
    charset="utf-8",
    cte="base64",
    body="""
    Bonjour Alex,

    5 nouvelles offres correspondent à votre alerte « développeur python – Lyon » :

    Développeur Python H/F – Rhônalp Data – CDI

    Ingénieur logiciel backend (F/H) – Canut Tech – Télétravail partiel

    Cette offre n'est malheureusement plus disponible : Lead Developer Front-end – Nuage Bleu.

    Gérer mes alertes
    """,
)

near(
    "outreach",
    "fr",
    "approche-chasseur",
    subject="Opportunité - Directeur Technique",
    sender="Sébastien Roux <sroux@cap-talents.example>",
    body="""
    Bonjour Alex,

    Je me permets de vous contacter car votre parcours a retenu mon attention. J'accompagne actuellement une scale-up bordelaise dans le recrutement de son Directeur Technique.

    Seriez-vous ouvert à un premier échange téléphonique cette semaine ?

    Bien à vous,
    Sébastien Roux
    Cap Talents
    """,
)

near(
    "feedback_answer",
    "fr",
    "reponse-demande-retour",
    subject="RE: Demande de retour - Product Manager Senior",
    sender="Élodie Fournier <elodie.fournier@parcelo.example>",
    charset="utf-8",
    cte="8bit",
    body="""
    Bonjour Alex,

    Merci pour votre message. Je peux vous dire que le jury a beaucoup apprécié votre présentation, mais a regretté un manque d'exemples chiffrés sur vos résultats passés. Malheureusement, c'est ce qui a fait la différence.

    Bonne continuation,
    Élodie

    > Le 1 déc. 2026 à 10:20, Alex Candidate <alex.candidate@example.org> a écrit :
    > Bonjour Élodie, merci pour votre réponse...
    """,
)

near(
    "bounce",
    "fr",
    "dsn-non-remis",
    subject="Non remis : Demande de retour",
    sender="Postmaster <postmaster@elektrion.example>",
    fmt="raw",
    message_id=False,
    body="""
    Content-Type: multipart/report; report-type=delivery-status; boundary="ndr-fr-0193"

    --ndr-fr-0193
    Content-Type: text/plain; charset=iso-8859-1
    Content-Transfer-Encoding: quoted-printable

    Le message n'a pas pu =EAtre remis aux destinataires suivants :

    recrutement@elektrion.example
    La bo=EEte aux lettres du destinataire est pleine.

    --ndr-fr-0193
    Content-Type: message/delivery-status

    Reporting-MTA: dns; mx1.elektrion.example

    Final-Recipient: rfc822; recrutement@elektrion.example
    Action: failed
    Status: 5.2.2

    --ndr-fr-0193--
    """,
)

near(
    "out_of_office",
    "fr",
    "absence-bureau",
    subject="Réponse automatique : Demande de retour",
    sender="Antoine Girard <agirard@hestia-search.example>",
    headers=(("Auto-Submitted", "auto-replied"),),
    charset="iso-8859-1",
    cte="8bit",
    body="""
    Bonjour,

    Je suis absent jusqu'au 8 décembre inclus et n'aurai malheureusement qu'un accès limité à mes e-mails. Je vous répondrai dès mon retour.

    Antoine Girard
    """,
)

near(
    "other_rejection",
    "fr",
    "logement-refus",
    subject="Votre dossier pour l'appartement rue des Tanneurs",
    sender="Agence Immo Saint-Jean <location@immo-saintjean.example>",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Bonjour Monsieur,

    Nous vous remercions pour votre dossier de location concernant le T3 de la rue des Tanneurs. Malheureusement, le propriétaire a retenu une autre candidature.

    Nous restons à votre disposition pour d’autres biens.

    Agence Immo Saint-Jean
    """,
)

near(
    "other_rejection",
    "fr",
    "subvention-refusee",
    subject="Appel à projets Innovation 2026 - décision du jury",
    sender="Région Val-de-Loire Innovation <aap@region-vdl.example>",
    fmt="alt",
    cte="quoted-printable",
    body="""
    Madame, Monsieur,

    Nous avons le regret de vous informer que votre dossier « Plateforme de retours candidats » n'a pas été retenu par le jury de l'appel à projets Innovation 2026.

    Nous vous encourageons à candidater lors de la prochaine session.

    Service Innovation
    """,
)

near(
    "other_rejection",
    "fr",
    "manuscrit-editeur",
    subject="Votre manuscrit",
    sender="Éditions du Quai <manuscrits@editions-quai.example>",
    charset="iso-8859-15",
    cte="8bit",
    body="""
    Cher Monsieur,

    Nous avons lu avec intérêt votre manuscrit « Les heures creuses ». Malgré ses qualités, il ne correspond pas à notre ligne éditoriale et nous ne pourrons pas le publier.

    Recevez nos salutations les meilleures.

    Le comité de lecture
    """,
)

# Spanish near-misses -----------------------------------------------------------------

near(
    "offer",
    "es",
    "oferta-contratacion",
    subject="¡Enhorabuena! Oferta para Ingeniero/a DevOps",
    sender="Lucía Fernández <lucia.fernandez@meridiano-tech.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Hola Alex:

    Nos alegra mucho comunicarte que queremos ofrecerte el puesto de Ingeniero/a DevOps en Meridiano Tech. Lamentablemente no pudimos llamarte hoy, así que te envío la propuesta por escrito.

    Encontrarás adjunta la carta de oferta con las condiciones. ¿Te parece que hablemos mañana?

    Un abrazo,
    Lucía
    """,
)

near(
    "invitation",
    "es",
    "invitacion-entrevista",
    subject="Invitación a entrevista - Jefe de Producto",
    sender="Cumbre Pagos <no-reply@greenhouse.io>",
    reply_to="Andrés Morales <andres.morales@cumbrepagos.example>",
    fmt="html",
    ats="greenhouse.io",
    cte="base64",
    body="""
    Estimado Alex:

    Nos complace invitarle a una entrevista con el equipo de producto para la posición de Jefe de Producto. Por favor, seleccione el horario que mejor le convenga:

    [[link:https://greenhouse.io/schedule/c4d2|Reservar entrevista]]

    Andrés Morales
    """,
)

near(
    "invitation",
    "es",
    "prueba-tecnica",
    subject="Siguiente paso: prueba técnica",
    sender="Reclutamiento Quetzal Soft <reclutamiento@quetzalsoft.example>",
    fmt="alt",
    cte="quoted-printable",
    body="""
    Hola Alex,

    Te invitamos a realizar la prueba técnica para la vacante de Desarrollador Full Stack. Tienes 72 horas para completarla desde que abras el enlace.

    ¡Mucho éxito!
    Fernanda Ríos
    """,
)

near(
    "next_stage",
    "es",
    "siguiente-fase",
    subject="Has pasado a la siguiente fase",
    sender="Lumbre Estudio <conversations@lumbre.teamtailor-mail.com>",
    fmt="html",
    ats="teamtailor-mail.com",
    cte="quoted-printable",
    body="""
    ¡Hola Alex!

    Nos ha encantado tu portfolio y has pasado a la siguiente fase del proceso para Diseñador/a UX/UI. Pronto te escribiremos para agendar una entrevista.

    Nerea
    """,
)

near(
    "still_reviewing",
    "es",
    "seguimos-revisando",
    subject="Novedades sobre tu candidatura",
    sender="Grupo Alcázar Empleo <noreply@successfactors.eu>",
    fmt="html",
    ats="successfactors.eu",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Hola Alex,

    Lamentablemente, el proceso de selección para Técnico de Administración se está alargando más de lo previsto. Seguimos revisando las candidaturas y te informaremos en cuanto tengamos novedades.

    Gracias por tu paciencia.

    Equipo de Selección, Grupo Alcázar
    """,
)

near(
    "receipt",
    "es",
    "candidatura-recibida",
    subject="Hemos recibido tu candidatura",
    sender="InfoJobs <noreply@infojobs.net>",
    fmt="html",
    ats="infojobs.net",
    cte="base64",
    body="""
    Hola Alex,

    Tu candidatura a la oferta Mecánico/a de mantenimiento de Talleres Ebro se ha enviado correctamente. La empresa ya puede ver tu currículum.

    Te avisaremos cuando la empresa lea tu candidatura.

    El equipo de InfoJobs
    """,
)

near(
    "job_alert",
    "es",
    "alerta-ofertas",
    subject="Nuevas ofertas de empleo para ti",
    sender="Alertas de empleo <alertas@trabajando-hoy.example>",
    fmt="alt",
    ats="trabajando-hoy.example",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Hola Alex,

    Estas son las ofertas más recientes según tus preferencias:

    • Analista de Datos – Olivar Foods – Sevilla
    • Ingeniero/a de Datos – Puerto Cloud – Valencia (remoto)

    Lo sentimos, la oferta «Account Executive – Brújula CRM» ya no está disponible.
    """,
)

near(
    "outreach",
    "es",
    "contacto-headhunter",
    subject="Propuesta profesional - CTO",
    sender="Diego Santos <diego.santos@cima-executive.example>",
    body="""
    Hola Alex,

    He visto tu perfil y creo que podrías encajar muy bien en una posición de CTO que estoy gestionando para una startup de logística en Madrid.

    ¿Te apetecería que habláramos 20 minutos esta semana?

    Saludos,
    Diego Santos
    Cima Executive Search
    """,
)

near(
    "feedback_answer",
    "es",
    "respuesta-feedback",
    subject="RE: Solicitud de feedback - Director/a de Operaciones",
    sender="Marta Jiménez <marta.jimenez@nexo-headhunting.example>",
    charset="windows-1252",
    cte="8bit",
    body="""
    Hola Alex:

    He hablado con el cliente: lamentablemente el motivo principal fue la falta de experiencia gestionando equipos de más de cien personas. Valoraron muy positivamente tu presentación.

    Espero que te sirva.
    Marta

    El 2 dic 2026, a las 9:40, Alex Candidate <alex.candidate@example.org> escribió:
    > Hola Marta, ¿podrías compartir algún comentario del cliente?
    """,
)

near(
    "out_of_office",
    "es",
    "fuera-oficina",
    subject="Respuesta automática: Solicitud de feedback",
    sender="Javier Ruiz <jruiz@olivar-foods.example>",
    headers=(("Auto-Submitted", "auto-replied"),),
    charset="iso-8859-15",
    cte="quoted-printable",
    body="""
    Hola,

    Estoy fuera de la oficina hasta el 9 de diciembre. Lamentablemente no podré responder hasta mi regreso.

    Un saludo,
    Javier Ruiz
    """,
)

near(
    "bounce",
    "es",
    "dsn-buzon-lleno",
    subject="Mensaje no entregado",
    sender="MAILER-DAEMON <MAILER-DAEMON@mail.example.org>",
    fmt="raw",
    headers=(("Auto-Submitted", "auto-replied"),),
    body="""
    Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-es-5521"

    --dsn-es-5521
    Content-Type: text/plain; charset=utf-8
    Content-Transfer-Encoding: 8bit

    No se ha podido entregar su mensaje a sherrera@pampa-digital.example.
    El buzón del destinatario está lleno; se reintentará durante 5 días.

    --dsn-es-5521
    Content-Type: message/delivery-status

    Reporting-MTA: dns; mail.example.org

    Final-Recipient: rfc822; sherrera@pampa-digital.example
    Action: delayed
    Status: 4.2.2

    --dsn-es-5521--
    """,
)

near(
    "other_rejection",
    "es",
    "piso-alquiler",
    subject="Solicitud de alquiler - Calle Almendro 4",
    sender="Inmobiliaria Sol y Luna <alquileres@solyluna-inmo.example>",
    charset="iso-8859-1",
    cte="8bit",
    body="""
    Buenos días, Alex:

    Le agradecemos su interés en el piso de la calle Almendro 4. Lamentamos comunicarle que el propietario ha elegido a otro inquilino.

    Saludos cordiales,
    Inmobiliaria Sol y Luna
    """,
)

near(
    "other_rejection",
    "es",
    "universidad-master",
    subject="Resolución de admisión - Máster en Ciencia de Datos",
    sender="Oficina de Posgrado <posgrado@universidad-meseta.example>",
    fmt="alt",
    cte="quoted-printable",
    body="""
    Estimado/a Alex Candidate:

    Le comunicamos que su solicitud de admisión al Máster en Ciencia de Datos no ha sido admitida en esta convocatoria por haberse cubierto todas las plazas.

    Atentamente,
    Oficina de Posgrado
    """,
)

near(
    "other_rejection",
    "es",
    "licitacion-no-adjudicada",
    subject="Notificación de adjudicación - Expediente 2026/044",
    sender="Mesa de Contratación <contratacion@ayto-robledal.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Señores:

    Se les notifica que la oferta presentada al expediente 2026/044 «Mantenimiento de aplicaciones municipales» no ha resultado adjudicataria. El contrato se ha adjudicado a Servicios Duero S.L.

    Atentamente,
    Mesa de Contratación
    """,
)

near(
    "forwarded",
    "es",
    "rv-reenviado",
    subject="RV: Su candidatura para Jefe de Producto en Cumbre Pagos",
    sender=USER,
    to="Carlos Amigo <carlos@example.net>",
    body="""
    Carlos, mira lo que me han mandado. ¿Crees que debería aceptar la videollamada?

    ---------- Mensaje reenviado ---------
    De: Cumbre Pagos <no-reply@greenhouse.io>
    Asunto: Su candidatura para Jefe de Producto en Cumbre Pagos

    Tras una valoración muy ajustada, hemos optado por otro candidato. Si desea conocer con más detalle la valoración del panel, con gusto puedo dedicarle unos minutos en una videollamada.

    Andrés Morales
    """,
)

# Dutch near-misses -------------------------------------------------------------------

near(
    "offer",
    "nl",
    "aanbod-arbeidsovereenkomst",
    subject="Goed nieuws: aanbod Medior Java Developer",
    sender="Femke de Vries <femke.devries@polderdata.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Beste Alex,

    Wat leuk om je te laten weten dat we je graag een aanbod doen voor de functie Medior Java Developer! Helaas lukte het niet om je vandaag te bellen, daarom per mail.

    In de bijlage vind je het arbeidsvoorwaardenvoorstel. Laat je weten wat je ervan vindt?

    Hartelijke groet,
    Femke
    """,
)

near(
    "invitation",
    "nl",
    "uitnodiging-gesprek",
    subject="Uitnodiging sollicitatiegesprek Beleidsmedewerker Duurzaamheid",
    sender="Gemeente Waterveld - P&O <sollicitaties@waterveld.example>",
    fmt="alt",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Geachte heer Candidate,

    Graag nodigen wij u uit voor een eerste gesprek op dinsdag 8 december 2026 om 14.00 uur in het gemeentehuis. Helaas is parkeren bij het gemeentehuis beperkt mogelijk.

    Wilt u de afspraak bevestigen?

    Met vriendelijke groet,
    M. Willems
    """,
)

near(
    "invitation",
    "nl",
    "assessment-uitnodiging",
    subject="Uitnodiging capaciteitentest",
    sender="Noordkaap Verzekeringen <noreply@smartrecruiters.com>",
    fmt="html",
    ats="smartrecruiters.com",
    cte="base64",
    body="""
    Beste Alex,

    Als volgende stap in de procedure voor Scrum Master vragen we je een online capaciteitentest te maken. De test duurt ongeveer 45 minuten.

    [[link:https://assess.example/nk/31|Start de test]]

    Recruitmentteam Noordkaap Verzekeringen
    """,
)

near(
    "next_stage",
    "nl",
    "volgende-ronde",
    subject="Door naar de volgende ronde!",
    sender="Sanne Visser <sanne@oranjewerving.example>",
    body="""
    Hoi Alex,

    Top nieuws: Van Leeuwen Bouw wil je graag verder spreken in een tweede ronde voor de rol van Projectleider Utiliteitsbouw. Kun je volgende week dinsdag of donderdag?

    Groetjes,
    Sanne
    """,
)

near(
    "still_reviewing",
    "nl",
    "helaas-langer",
    subject="Stand van zaken sollicitatie",
    sender="Grachtwerk <noreply@grachtwerk.recruitee.com>",
    fmt="html",
    ats="recruitee.com",
    cte="quoted-printable",
    body="""
    Hoi Alex,

    Helaas duurt de selectie voor de rol van Marketing Specialist (m/v) langer dan we hadden gepland. We zijn nog niet klaar met het beoordelen van alle sollicitaties en laten je uiterlijk 18 december weten hoe het ervoor staat.

    Team Grachtwerk
    """,
)

near(
    "receipt",
    "nl",
    "ontvangstbevestiging",
    subject="Bedankt voor je sollicitatie!",
    sender="Molenkracht <molenkracht@candidates.workablemail.com>",
    fmt="alt",
    ats="workablemail.com",
    cte="quoted-printable",
    body="""
    Hoi Alex,

    We hebben je sollicitatie voor de rol van Product Designer in goede orde ontvangen. We nemen binnen tien werkdagen contact met je op.

    Groeten,
    Team Molenkracht
    """,
)

near(
    "job_alert",
    "nl",
    "vacature-alert",
    subject="Nieuwe vacatures die bij je passen",
    sender="Vacaturemelding <alerts@werkzoeker-nl.example>",
    fmt="html",
    ats="werkzoeker-nl.example",
    charset="utf-8",
    cte="base64",
    body="""
    Hallo Alex,

    Er zijn 6 nieuwe vacatures voor "java developer" in Utrecht:

    Java Developer (m/v) – Domstad Software – Utrecht

    Backend Engineer – Kanaal Cloud – Hybride

    Helaas is de vacature "Data Engineer" bij TechTalent NL niet meer beschikbaar.
    """,
)

near(
    "outreach",
    "nl",
    "recruiter-benadering",
    subject="Interessante rol als Tech Lead",
    sender="Mark de Jong <mark@hollandrecruit.example>",
    body="""
    Hoi Alex,

    Ik zag je profiel en dacht meteen aan een rol als Tech Lead bij een scale-up in Amsterdam. Sta je open voor een kort belletje deze week?

    Groet,
    Mark de Jong
    Holland Recruit
    """,
)

near(
    "feedback_answer",
    "nl",
    "antwoord-feedbackverzoek",
    subject="Re: Verzoek om feedback - Engineering Manager",
    sender="Daan Jansen <daan.jansen@tulpwave.example>",
    body="""
    Hoi Alex,

    Ik heb toch even met het panel overlegd. Je technische visie was sterk, maar helaas vonden ze je voorbeelden over het coachen van teamleads te algemeen. Hopelijk heb je hier iets aan.

    Groet,
    Daan

    Op 1 dec 2026 om 11:05 schreef Alex Candidate <alex.candidate@example.org>:
    > Hoi Daan, zou je toch een paar punten kunnen delen?
    """,
)

near(
    "out_of_office",
    "nl",
    "afwezigheidsbericht",
    subject="Automatisch antwoord: Verzoek om feedback",
    sender="Joost Bakker <j.bakker@dijkstra-installatietechniek.example>",
    headers=(("Auto-Submitted", "auto-replied"),),
    charset="iso-8859-15",
    cte="8bit",
    body="""
    Bedankt voor je bericht. Ik ben tot en met 4 december afwezig en lees helaas geen e-mail. Voor dringende zaken kun je terecht bij hr@dijkstra-installatietechniek.example.

    Joost Bakker
    """,
)

near(
    "bounce",
    "nl",
    "dsn-onbestelbaar",
    subject="Onbestelbaar: Verzoek om feedback",
    sender="Postmaster <postmaster@brabo-accountancy.example>",
    fmt="raw",
    body="""
    Content-Type: multipart/report; report-type=delivery-status; boundary="nl-ndr-8812"

    --nl-ndr-8812
    Content-Type: text/plain; charset=us-ascii

    Uw bericht kon niet worden bezorgd bij lieve.peeters@brabo-accountancy.example.
    Het adres bestaat niet.

    --nl-ndr-8812
    Content-Type: message/delivery-status

    Reporting-MTA: dns; mail.brabo-accountancy.example

    Final-Recipient: rfc822; lieve.peeters@brabo-accountancy.example
    Action: failed
    Status: 5.1.1

    --nl-ndr-8812--
    """,
)

near(
    "other_rejection",
    "nl",
    "huurwoning-afgewezen",
    subject="Reactie op woning Lindengracht 88",
    sender="Woonstichting De Waal <verhuur@dewaal-wonen.example>",
    fmt="alt",
    cte="quoted-printable",
    body="""
    Beste Alex,

    Bedankt voor je reactie op de woning aan de Lindengracht 88. Helaas is de woning toegewezen aan een andere kandidaat met een langere inschrijfduur.

    Met vriendelijke groet,
    Woonstichting De Waal
    """,
)

near(
    "other_rejection",
    "nl",
    "subsidie-afgewezen",
    subject="Besluit op uw subsidieaanvraag",
    sender="Fonds Creatieve Stad <subsidies@fcs.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Geachte heer Candidate,

    Wij hebben uw aanvraag voor een werkbijdrage zorgvuldig beoordeeld. Helaas moeten wij u meedelen dat wij uw aanvraag afwijzen, omdat het budget voor deze ronde is uitgeput.

    Met vriendelijke groet,
    Fonds Creatieve Stad
    """,
)

near(
    "other_rejection",
    "nl",
    "creditcard-afgewezen",
    subject="Uw aanvraag voor een creditcard",
    sender="Delta Kaart Service <noreply@deltakaart.example>",
    fmt="html",
    ats="deltakaart.example",
    cte="base64",
    body="""
    Geachte heer Candidate,

    Helaas kunnen wij uw aanvraag voor een Delta Gold creditcard niet goedkeuren. Dit besluit is genomen op basis van de toetsing bij het BKR.

    Delta Kaart Service
    """,
)

near(
    "forwarded",
    "nl",
    "doorgestuurd-afwijzing",
    subject="Fwd: Je sollicitatie voor Engineering Manager bij Tulpwave",
    sender=USER,
    to="Joris Vriend <joris@example.net>",
    fmt="alt",
    body="""
    Joris, zie hieronder. Balen! Zal ik toch om feedback vragen?

    ---------- Doorgestuurd bericht ---------
    Van: Tulpwave <no-reply@greenhouse.io>
    Onderwerp: Je sollicitatie voor Engineering Manager bij Tulpwave

    We hebben uiteindelijk gekozen voor een andere kandidaat voor de rol van Engineering Manager.

    Daan Jansen
    """,
)

# Italian, Portuguese, Polish and Swedish near-misses --------------------------------

near(
    "offer",
    "it",
    "offerta-lavoro",
    subject="Proposta di assunzione - Sviluppatore Backend",
    sender="Giulia Romano <giulia.romano@laguna-software.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Ciao Alex,

    siamo felici di offrirti la posizione di Sviluppatore Backend in Laguna Software! Purtroppo il contratto arriverà solo la prossima settimana, ma volevo dirtelo subito.

    A presto,
    Giulia
    """,
)

near(
    "still_reviewing",
    "it",
    "ancora-in-valutazione",
    subject="Aggiornamento sulla tua candidatura",
    sender="Gruppo Vesuvio <noreply@inrecruiting.com>",
    fmt="html",
    ats="inrecruiting.com",
    cte="quoted-printable",
    body="""
    Gentile Alex,

    purtroppo la selezione per Addetto Contabilità richiede più tempo del previsto. La sua candidatura è ancora in fase di valutazione: la ricontatteremo entro fine dicembre.

    Ufficio Risorse Umane - Gruppo Vesuvio
    """,
)

near(
    "other_rejection",
    "it",
    "mutuo-rifiutato",
    subject="Esito richiesta di mutuo",
    sender="Banca del Lago <comunicazioni@bancadellago.example>",
    charset="iso-8859-15",
    cte="8bit",
    body="""
    Gentile Cliente,

    la informiamo che la sua richiesta di mutuo n. 88102 non è stata accolta a seguito della valutazione del merito creditizio.

    Distinti saluti,
    Banca del Lago
    """,
)

near(
    "invitation",
    "pt",
    "convite-entrevista",
    subject="Convite para entrevista - Engenheiro de Software",
    sender="Inês Carvalho <ines.carvalho@tejo-digital.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Olá Alex,

    Gostaríamos de o convidar para uma entrevista técnica na próxima quarta-feira, às 15h. Infelizmente só temos disponibilidade nessa tarde; diga-me se lhe convém.

    Cumprimentos,
    Inês Carvalho
    """,
)

near(
    "receipt",
    "pt",
    "candidatura-recebida",
    subject="Recebemos sua candidatura!",
    sender="Ipê Cosméticos <naoresponda@gupy.com.br>",
    fmt="html",
    ats="gupy.com.br",
    cte="base64",
    body="""
    Oi, Alex!

    Sua candidatura para a vaga de Analista de Marketing Pleno foi recebida com sucesso. Acompanhe as próximas etapas pela plataforma.

    Time de Gente da Ipê Cosméticos
    """,
)

near(
    "out_of_office",
    "pt",
    "ausencia-ferias",
    subject="Resposta automática: Pedido de feedback",
    sender="Rui Oliveira <rui.oliveira@atlantico-engenharia.example>",
    headers=(("Auto-Submitted", "auto-replied"),),
    body="""
    Obrigado pela sua mensagem. Estou de férias até 14 de dezembro, sem acesso ao e-mail. Infelizmente não poderei responder antes dessa data.

    Rui Oliveira
    """,
)

near(
    "next_stage",
    "pl",
    "kolejny-etap",
    subject="Zaproszenie do kolejnego etapu rekrutacji",
    sender="Katarzyna Nowak <katarzyna.nowak@wisla-systems.example>",
    charset="iso-8859-2",
    cte="quoted-printable",
    body="""
    Dzień dobry Panie Alex,

    z przyjemnością informuję, że przechodzi Pan do kolejnego etapu rekrutacji na stanowisko Programista .NET. Niestety termin rozmowy musimy ustalić jeszcze w tym tygodniu.

    Pozdrawiam,
    Katarzyna Nowak
    """,
)

near(
    "job_alert",
    "pl",
    "nowe-oferty",
    subject="Nowe oferty pracy dla Ciebie",
    sender="Powiadomienia <powiadomienia@praca-dzis.example>",
    fmt="html",
    ats="praca-dzis.example",
    charset="utf-8",
    cte="base64",
    body="""
    Cześć Alex,

    mamy dla Ciebie 4 nowe oferty: Programista Python – Gdańsk, Inżynier DevOps – Kraków (zdalnie).

    Niestety oferta „Specjalista ds. Logistyki” wygasła.
    """,
)

near(
    "other_rejection",
    "pl",
    "konferencja-odrzucona",
    subject="Decyzja komitetu programowego",
    sender="Komitet Programowy DevDays Wrocław <cfp@devdays-wroclaw.example>",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Cześć Alex,

    dziękujemy za zgłoszenie prelekcji „Kolejki bez bólu”. Niestety tym razem nie znalazła się ona w programie konferencji.

    Komitet Programowy
    """,
)

near(
    "invitation",
    "sv",
    "inbjudan-intervju",
    subject="Inbjudan till intervju",
    sender="Erik Lindqvist <erik.lindqvist@fjallsoft.example>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Hej Alex,

    Vi vill gärna träffa dig för en intervju för tjänsten som Systemutvecklare. Tyvärr har vi bara tider nästa vecka, passar tisdag kl. 10?

    Vänliga hälsningar,
    Erik
    """,
)

near(
    "outreach",
    "sv",
    "rekryterare-kontakt",
    subject="Spännande roll som Tech Lead",
    sender="Maja Berg <maja.berg@nordrekrytering.example>",
    body="""
    Hej Alex!

    Jag såg din profil och tror att du skulle passa perfekt för en roll som Tech Lead hos en av våra kunder i Göteborg. Har du tid för ett kort samtal?

    Hälsningar,
    Maja Berg
    Nord Rekrytering
    """,
)

near(
    "other_rejection",
    "sv",
    "lagenhet-nej",
    subject="Angående lägenheten på Storgatan 5",
    sender="Bostadsbolaget Älven <uthyrning@alven-bostad.example>",
    fmt="alt",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Hej Alex,

    Tack för din intresseanmälan. Tyvärr har lägenheten på Storgatan 5 gått till en annan sökande.

    Bostadsbolaget Älven
    """,
)

# More near-misses ---------------------------------------------------------------------

near(
    "invitation",
    "en",
    "interview-rescheduled",
    subject="Re: Interview on Thursday - need to reschedule",
    sender="Rachel Kim <rkim@pinecresthealth.example>",
    body="""
    Hi Alex,

    I'm sorry, but unfortunately our hiring manager is unwell and we have to cancel Thursday's interview for the Clinical Data Manager role. This is not a decision about your application - we'd still very much like to meet you.

    Could you do Monday 14 December at 11:00 or Tuesday at 15:00 instead?

    Rachel
    """,
)

near(
    "job_alert",
    "en",
    "talent-community-newsletter",
    subject="Life at Wildmint: December news and open roles",
    sender="Wildmint <no-reply@teamtailor-mail.com>",
    fmt="html",
    ats="teamtailor-mail.com",
    cte="quoted-printable",
    body="""
    Hi Alex,

    Thanks for joining the Wildmint talent community! Here is what's new this month: our team grew to 60 people and we opened an office in Leeds.

    Open roles: Frontend Developer (Leeds), Product Analyst (Remote).

    Sadly we had to close our Design Intern role early this year.

    Not interested anymore? You can unsubscribe at any time.
    """,
)

near(
    "next_stage",
    "en",
    "workday-status-changed",
    subject="Your application status has changed",
    sender="Carrow Insurance Group <carrow@myworkday.com>",
    fmt="html",
    cte="base64",
    body="""
    Dear Alex Candidate,

    The status of your application for Business Analyst (Requisition R-20411) has changed to: Interview.

    A member of our recruitment team will contact you to arrange the next step.

    This is an automated message. Please do not reply.
    """,
)

near(
    "other_rejection",
    "en",
    "university-place",
    subject="Your application to the MSc Computer Science",
    sender="Admissions Office <admissions@university-of-westmere.example>",
    fmt="alt",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Dear Alex,

    Thank you for applying to the MSc Computer Science at the University of Westmere for entry in September 2027.

    We regret to inform you that we are unable to offer you a place. Competition for places was exceptionally strong this year.

    Yours sincerely,
    Graduate Admissions
    """,
)

near(
    "other_rejection",
    "en",
    "tender-unsuccessful",
    subject="ITT 2026/117 Website redevelopment - outcome",
    sender="Procurement Team <procurement@eastvale-council.example>",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Dear Sir/Madam,

    Thank you for your tender submission for ITT 2026/117. I am writing to inform you that, on this occasion, your bid has been unsuccessful.

    The contract will be awarded to the bidder with the most economically advantageous tender; a standstill period of 10 days now applies. Your scores are set out in the attached debrief letter.

    Regards,
    Procurement Team, Eastvale Council
    """,
)

near(
    "other_rejection",
    "en",
    "grant-declined",
    subject="Open Tools Fund - Round 7 decision",
    sender="Open Tools Fund <grants@opentoolsfund.example>",
    fmt="html",
    ats="opentoolsfund.example",
    cte="quoted-printable",
    body="""
    Dear Alex,

    Thank you for applying to Round 7 of the Open Tools Fund with "Feedback Mailer". We received 310 applications and could fund 14.

    Unfortunately your application was not selected for funding. Reviewers liked the idea but felt the project needed more evidence of user demand.

    The Open Tools Fund team
    """,
)

near(
    "other_rejection",
    "en",
    "flat-rental",
    subject="Flat 3, 22 Kelvin Road",
    sender="Mark Hollis <mark@hollis-lettings.example>",
    body="""
    Hi Alex,

    Thanks for viewing the flat on Saturday. I'm afraid the landlord has decided to go with another applicant, who could move in sooner.

    I'll let you know if anything similar comes up.

    Mark
    Hollis Lettings
    """,
)

near(
    "feedback_answer",
    "en",
    "feedback-answer-will-check",
    subject="Re: Feedback request - Senior DevOps Engineer",
    sender="Marcus Bell <marcus.bell@northstartalent.example>",
    body="""
    Hi Alex,

    Fair question - I've chased the client again and will pass on anything they send. Unfortunately they're slow with feedback, but I'll keep pushing.

    Cheers,
    Marcus

    > On 1 Dec 2026, at 08:55, Alex Candidate <alex.candidate@example.org> wrote:
    > Hi Marcus, do you have any more detail on why they didn't go ahead?
    """,
)

near(
    "receipt",
    "de",
    "join-bewerbung-eingegangen",
    subject="Deine Bewerbung ist eingegangen",
    sender="Bäckerei Lindner via JOIN <noreply@join.com>",
    fmt="alt",
    ats="join.com",
    cte="quoted-printable",
    body="""
    Hallo Alex,

    vielen Dank für Deine Bewerbung als Werkstudent Marketing (m/w/d)! Wir haben sie erhalten und an Tobias Lindner weitergeleitet.

    Du hörst so bald wie möglich von uns.

    Dein JOIN-Team
    """,
)

# Harder rejections: quoted threads, no-reply Reply-To, the user's own address ----------

rejection(
    "en",
    "reply-in-thread-quoting-user",
    subject="Re: Checking in on my application - Solutions Architect",
    sender="Imogen Price <imogen.price@saltmarsh-cloud.example>",
    body="""
    Hi Alex,

    Thanks for checking in, and apologies for the slow reply. I'm afraid the hiring team has decided not to progress your application for the Solutions Architect role; they've shortlisted candidates with pre-sales experience in the public sector.

    Sorry it's not better news.

    Imogen Price
    Talent Partner, Saltmarsh Cloud

    On Thu, 3 Dec 2026 at 09:30, Alex Candidate <alex.candidate@example.org> wrote:
    > Hi Imogen,
    > I applied for the Solutions Architect role three weeks ago and wanted to
    > check whether there is any news. I'd be happy to share more detail or
    > arrange a call at alex.candidate@example.org or by phone.
    > Best, Alex
    """,
    stage="application",
    company="Saltmarsh Cloud",
    role="Solutions Architect",
    contact="imogen.price@saltmarsh-cloud.example",
    contact_name="Imogen Price",
    feedback="given",
    quote="I'm afraid the hiring team has decided not to progress your application for the Solutions Architect role; they've shortlisted candidates with pre-sales experience in the public sector.",
)

rejection(
    "de",
    "bitte-nicht-antworten-signatur",
    subject="Ihre Bewerbung als Elektroniker für Betriebstechnik (m/w/d)",
    sender="Stadtwerke Talheim <bitte-nicht-antworten@karriere.stadtwerke-talheim.example>",
    fmt="alt",
    charset="iso-8859-15",
    cte="base64",
    body="""
    Sehr geehrter Herr Candidate,

    vielen Dank für Ihr Interesse an einer Tätigkeit bei den Stadtwerken Talheim und für das Gespräch mit unserem Fachbereich.

    Leider müssen wir Ihnen mitteilen, dass wir uns für eine andere Bewerberin entschieden haben. Für Rückfragen und ein persönliches Feedback steht Ihnen Herr Jürgen Keller gern zur Verfügung: juergen.keller@stadtwerke-talheim.example.

    Mit freundlichen Grüßen
    Stadtwerke Talheim GmbH
    Personalwesen
    """,
    stage="interview",
    company="Stadtwerke Talheim GmbH",
    role="Elektroniker für Betriebstechnik (m/w/d)",
    contact="juergen.keller@stadtwerke-talheim.example",
    contact_name="Jürgen Keller",
    feedback="offered",
    quote="Für Rückfragen und ein persönliches Feedback steht Ihnen Herr Jürgen Keller gern zur Verfügung: juergen.keller@stadtwerke-talheim.example.",
)

rejection(
    "es",
    "replyto-tambien-noreply",
    subject="Tu candidatura en Vía Láctea Seguros",
    sender="Vía Láctea Seguros <noreply@smartrecruiters.com>",
    reply_to="Vía Láctea Seguros <no-reply@vialactea-seguros.example>",
    fmt="html",
    ats="smartrecruiters.com",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Hola Alex,

    Gracias por tu interés en el puesto de Agente Comercial (h/m) en Vía Láctea Seguros.

    Hemos revisado tu perfil y en esta ocasión no vamos a avanzar con tu candidatura.

    Un saludo,
    Equipo de Talento de Vía Láctea Seguros
    """,
    stage="application",
    company="Vía Láctea Seguros",
    role="Agente Comercial (h/m)",
    contact=None,
    contact_name=None,
    feedback="none",
    nobody="only noreply@smartrecruiters.com, and a Reply-To that is itself no-reply@vialactea-seguros.example",
)

rejection(
    "en",
    "ats-footer-names-user",
    subject="An update on your Solutions Engineer application",
    sender="Copperleaf Careers <no-reply@copperleaf.bamboohr.com>",
    fmt="alt",
    ats="copperleaf.bamboohr.com",
    cte="quoted-printable",
    message_id=False,
    body="""
    Hello Alex,

    Thank you for taking the time to speak with our team about the Solutions Engineer role at Copperleaf.

    We have now completed our interviews and have decided to proceed with another candidate. We are unable to provide feedback on individual applications.

    Regards,
    Copperleaf People Team

    This email was sent to [[mailto:alex.candidate@example.org|alex.candidate@example.org]] because you applied for a role at Copperleaf. Replies to this address are not monitored.
    """,
    stage="interview",
    company="Copperleaf",
    role="Solutions Engineer",
    contact=None,
    contact_name=None,
    feedback="refused",
    quote="We are unable to provide feedback on individual applications.",
    nobody="only no-reply@copperleaf.bamboohr.com; the only other address is the user's own",
)

rejection(
    "fr",
    "re-relance-candidat",
    subject="RE: Relance candidature Contrôleur de gestion (H/F)",
    sender="Mathilde Garnier <m.garnier@fromageries-jura.example>",
    charset="windows-1252",
    cte="quoted-printable",
    body="""
    Bonjour Monsieur Candidate,

    Merci pour votre relance. Je suis désolée de ne pas vous avoir répondu plus tôt : le poste de Contrôleur de gestion (H/F) a été pourvu en interne la semaine dernière.

    Je garde votre CV et n’hésiterai pas à vous recontacter.

    Mathilde Garnier
    Responsable RH – Fromageries du Jura

    De : Alex Candidate <alex.candidate@example.org>
    Envoyé : lundi 30 novembre 2026 09:12
    Objet : Relance candidature Contrôleur de gestion (H/F)

    Bonjour Madame Garnier, je me permets de revenir vers vous concernant ma candidature...
    """,
    stage="filled",
    company="Fromageries du Jura",
    role="Contrôleur de gestion (H/F)",
    contact="m.garnier@fromageries-jura.example",
    contact_name="Mathilde Garnier",
    feedback="none",
)

# More near-misses in the smaller languages ---------------------------------------------

near(
    "forwarded",
    "fr",
    "tr-transfert-ami",
    subject="TR: Votre candidature - Chef de projet digital H/F",
    sender=USER,
    to="Chloé Amie <chloe@example.net>",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Chloé, tu crois que je devrais accepter l'appel qu'elle me propose ?

    -------- Message transféré --------
    De : Camille Moreau <camille.moreau@lysandre-conseil.example>
    Objet : Votre candidature - Chef de projet digital H/F

    Après mûre réflexion, nous avons décidé de poursuivre le processus avec un autre candidat dont le profil correspond davantage à nos besoins actuels.

    Camille Moreau
    """,
)

near(
    "invitation",
    "it",
    "invito-colloquio",
    subject="Invito a colloquio - Product Marketing Manager",
    sender="Marco Bianchi <m.bianchi@dolomiti-outdoor.example>",
    fmt="alt",
    charset="utf-8",
    cte="quoted-printable",
    body="""
    Ciao Alex,

    ti andrebbe di fare un colloquio conoscitivo con me venerdì alle 11? Purtroppo il nostro ufficio è in ristrutturazione, quindi ci vedremo in videochiamata.

    Marco
    """,
)

near(
    "receipt",
    "it",
    "candidatura-ricevuta",
    subject="Conferma ricezione candidatura",
    sender="Gruppo Vesuvio <noreply@inrecruiting.com>",
    fmt="html",
    ats="inrecruiting.com",
    cte="base64",
    body="""
    Gentile Alex Candidate,

    confermiamo di aver ricevuto la sua candidatura per la posizione di Addetto Contabilità. Verrà ricontattato qualora il suo profilo risulti in linea.

    Ufficio Risorse Umane - Gruppo Vesuvio
    """,
)

near(
    "offer",
    "pt",
    "proposta-emprego",
    subject="Proposta para Desenvolvedor Mobile",
    sender="Beatriz Souza <beatriz@cajuapps.example>",
    body="""
    Oi Alex,

    Temos o prazer de fazer uma proposta para a vaga de Desenvolvedor Mobile! Infelizmente não consegui te ligar hoje, então seguem os detalhes por aqui.

    Abraço,
    Beatriz
    """,
)

near(
    "other_rejection",
    "pt",
    "universidade-nao-admitido",
    subject="Resultado da candidatura ao Mestrado em Engenharia Informática",
    sender="Serviços Académicos <academicos@univ-atlantica.example>",
    fmt="alt",
    charset="iso-8859-1",
    cte="quoted-printable",
    body="""
    Caro(a) candidato(a),

    Informamos que a sua candidatura ao Mestrado em Engenharia Informática não foi aceite, por não ter obtido classificação suficiente na seriação.

    Serviços Académicos
    """,
)

near(
    "offer",
    "pl",
    "oferta-pracy",
    subject="Oferta pracy - Programista .NET",
    sender="Katarzyna Nowak <katarzyna.nowak@wisla-systems.example>",
    charset="utf-8",
    cte="8bit",
    body="""
    Dzień dobry Panie Alex,

    z radością przedstawiam ofertę zatrudnienia na stanowisku Programista .NET. Niestety umowę prześlemy dopiero w przyszłym tygodniu.

    Pozdrawiam,
    Katarzyna Nowak
    """,
)

near(
    "receipt",
    "sv",
    "ansokan-mottagen",
    subject="Tack för din ansökan",
    sender="Nordljus Energi <conversations@nordljus.teamtailor-mail.com>",
    fmt="html",
    ats="teamtailor-mail.com",
    cte="quoted-printable",
    body="""
    Hej Alex!

    Vi har tagit emot din ansökan till rollen som Projektledare Solenergi. Vi återkommer så snart vi har gått igenom alla ansökningar.

    Sara på Nordljus Energi
    """,
)

near(
    "still_reviewing",
    "sv",
    "fortfarande-urval",
    subject="Uppdatering om rekryteringen",
    sender="Rekrytering Vättern Kommun <no-reply@varbi.com>",
    fmt="alt",
    ats="varbi.com",
    charset="iso-8859-1",
    cte="base64",
    body="""
    Hej,

    Tyvärr drar urvalet för tjänsten som Ekonomiassistent ut på tiden. Vi räknar med att kunna lämna besked i mitten av januari.

    Vättern Kommun
    """,
)

# @@BATCHES@@


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
