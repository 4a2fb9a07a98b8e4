"""Write the reply-classification corpus: tests/data/corpus/<category>/NAME.eml + expected.json.

Every message here was written for this project, in the formats real mail systems use
(Postfix, Exim, Sendmail, qmail, Courier, Exchange/Office 365, Gmail, Yahoo, Domino/Notes,
Google Groups, MDaemon, Mimecast, GroupWise, Amazon SES, OpenSMTPD, hMailServer; vacation
responders of Exchange, Gmail, Sieve, cPanel, Zimbra, Apple; humans replying in a dozen
languages). Only example.com / example.net / *.example names and documentation IP ranges
are used.

The scenario every message refers to: our request was sent on 2026-11-20 10:00 UTC from
alex@example.com to jane.doe@acme.example (company "Acme Corp", role "Program Manager"),
Message-ID <req-1@example.com>.

The manifest (expected.json) maps each path, relative to tests/data/corpus, to:

    kind         "answer" | "auto_reply" | "bounce" | "machine" | "unrelated"
    severity     "hard" | "soft" for bounces, else null
    recipient    the failed recipient as we addressed it (bounces), else null
    status       the enhanced status code the report states for that recipient
                 (DSN Status: field, else the x.y.z code in its text), null when it
                 states none (a bare "550" is not a status); null for non-bounces
    return_date  YYYY-MM-DD for an out-of-office that names when the person is back;
                 an "until X" sentence gives X as written; the last day away (the end
                 of a range, "through X", "till och med X", "bis einschließlich X", in
                 any language) gives the next working day after X; a relative "back
                 on Monday" is read from the message's Date; null otherwise
    note         why the verdict is what it is
    possible     true only on a *possible answer* (kind "answer"): mail from the
                 contact's organisation, or naming contact, company and role, that
                 matches no thread; absent otherwise

Run `python tests/support/corpus_gen.py` to rewrite the corpus after changing this file;
`--check` only reports whether the files on disk match. tests/test_corpus_manifest.py
checks both the files and the manifest.
"""

from __future__ import annotations

import base64
import json
import quopri
import sys
from datetime import UTC
from email import base64mime, quoprimime
from email.utils import parsedate_to_datetime
from itertools import pairwise
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

OUR_ID = "<req-1@example.com>"
SUBJECT = "Feedback on my interview for the Program Manager role"
CONTACT = "jane.doe@acme.example"
SENT = "Fri, 20 Nov 2026 10:00:00 +0000"

KINDS = ("answer", "auto_reply", "bounce", "machine", "unrelated")

ORIGINAL_HEADERS = f"""Return-Path: <alex@example.com>
Received: from laptop.example.com (laptop.example.com [198.51.100.7])
\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
\t(No client certificate requested)
\tby smtp.example.com (Postfix) with ESMTPSA id 4ZkQ3m1TqBz7cD
\tfor <jane.doe@acme.example>; Fri, 20 Nov 2026 10:00:01 +0000 (UTC)
Date: {SENT}
From: Alex Candidate <alex@example.com>
To: Jane Doe <jane.doe@acme.example>
Subject: {SUBJECT}
Message-ID: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 7bit
"""

ORIGINAL_BODY = """Dear Jane,

Thank you for taking the time to interview me for the Program Manager role at
Acme Corp. I understand that you have decided to move forward with other
candidates, and I respect that decision.

If you are able to, I would be grateful for one or two concrete points on what
I could do better next time. If you can't share feedback, I completely
understand.

Kind regards,
Alex Candidate
"""

ORIGINAL = ORIGINAL_HEADERS + "\n" + ORIGINAL_BODY

QUOTED = "".join(f"> {line}".rstrip() + "\n" for line in ORIGINAL_BODY.splitlines())


# --------------------------------------------------------------------------- helpers


def b64(text: str, charset: str = "utf-8") -> str:
    raw = base64.b64encode(text.encode(charset)).decode("ascii")
    return "".join(raw[i : i + 76] + "\n" for i in range(0, len(raw), 76))


def qp(text: str, charset: str = "utf-8") -> str:
    out = quopri.encodestring(text.encode(charset)).decode("ascii")
    return out if out.endswith("\n") else out + "\n"


def encoded_words(text: str, charset: str = "utf-8", how: str = "B", chunk: int = 24) -> str:
    """RFC 2047 encoded words, folded so that no line grows too long."""
    words = []
    for i in range(0, len(text), chunk):
        piece = text[i : i + chunk].encode(charset)
        if how == "B":
            words.append(base64mime.header_encode(piece, charset))
        else:
            words.append(quoprimime.header_encode(piece, charset))
    return "\n ".join(words)


def part(headers: str, body: str) -> str:
    return headers.rstrip("\n") + "\n\n" + body


def multipart(boundary: str, parts: list[str], preamble: str = "") -> str:
    out = preamble + ("\n" if preamble else "")
    for p in parts:
        out += f"--{boundary}\n{p.rstrip(chr(10))}\n\n"
    return out + f"--{boundary}--\n"


def rfc822_part(description: str = "Undelivered Message") -> str:
    head = "Content-Type: message/rfc822\n"
    if description:
        head = f"Content-Description: {description}\n" + head
    return part(head, ORIGINAL)


def headers_part(description: str = "Undelivered Message Headers") -> str:
    head = "Content-Type: text/rfc822-headers\n"
    if description:
        head = f"Content-Description: {description}\n" + head
    return part(head, ORIGINAL_HEADERS)


def dsn_part(fields: str, description: str = "Delivery report") -> str:
    head = "Content-Type: message/delivery-status\n"
    if description:
        head = f"Content-Description: {description}\n" + head
    return part(head, fields)


def html_of(text: str) -> str:
    """A plain paragraph-per-block HTML rendering, as mail clients write it."""
    import html

    paras = [p for p in text.split("\n\n") if p.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in p.splitlines()) + "</p>" for p in paras
    )
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        "</head>\n<body>\n" + body + "\n</body></html>\n"
    )


class Corpus:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.manifest: dict[str, dict[str, object]] = {}

    def add(
        self,
        path: str,
        message: str | bytes,
        *,
        kind: str,
        note: str,
        severity: str | None = None,
        recipient: str | None = None,
        status: str | None = None,
        return_date: str | None = None,
        possible: bool = False,
        encoding: str = "utf-8",
        crlf: bool = False,
    ) -> None:
        assert path not in self.files, path
        assert kind in KINDS, kind
        data = message.encode(encoding) if isinstance(message, str) else message
        data = data.lstrip(b"\n")
        if not data.endswith(b"\n"):
            data += b"\n"
        if crlf:
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        self.files[path] = data
        entry: dict[str, object] = {
            "kind": kind,
            "severity": severity,
            "recipient": recipient,
            "status": status,
            "return_date": return_date,
            "note": note,
        }
        if possible:
            entry["possible"] = True
        self.manifest[path] = entry

    def bounce(
        self,
        path: str,
        message: str | bytes,
        *,
        severity: str,
        status: str | None,
        note: str,
        recipient: str = CONTACT,
        **kw: object,
    ) -> None:
        self.add(
            path,
            message,
            kind="bounce",
            severity=severity,
            recipient=recipient,
            status=status,
            note=note,
            **kw,
        )  # type: ignore[arg-type]


def postfix_text(host: str, reason: str) -> str:
    return f"""This is the mail system at host {host}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

{reason}
"""


def postfix_bounce(
    *,
    queue_id: str,
    date: str,
    host: str,
    reason: str,
    dsn: str,
    attach: str = "headers",
    subject: str = "Undelivered Mail Returned to Sender",
    text: str | None = None,
    text_headers: str = "Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n",
) -> str:
    boundary = f"{queue_id}.1795168804/{host}"
    original = headers_part() if attach == "headers" else rfc822_part()
    body = multipart(
        boundary,
        [part(text_headers, text or postfix_text(host, reason)), dsn_part(dsn), original],
        "This is a MIME-encapsulated message.\n",
    )
    return f"""Return-Path: <>
X-Original-To: alex@example.com
Delivered-To: alex@example.com
Received: by {host} (Postfix)
\tid {queue_id}; {date} (UTC)
Date: {date} (UTC)
From: MAILER-DAEMON@{host} (Mail Delivery System)
Subject: {subject}
To: alex@example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{boundary}"
Content-Transfer-Encoding: 8bit
Message-Id: <{parsedate_to_datetime(date).astimezone(UTC):%Y%m%d%H%M%S}.{queue_id}@{host}>

{body}"""


# --------------------------------------------------------------------------- hard bounces


def hard_bounces_unix(c: Corpus) -> None:
    d = "hard_bounce/"
    # Postfix ----------------------------------------------------------------------------
    c.bounce(
        d + "postfix_user_unknown.eml",
        postfix_bounce(
            queue_id="7F2A31C0B4E",
            date="Fri, 20 Nov 2026 10:00:04 +0000",
            host="smtp.example.com",
            reason="""<jane.doe@acme.example>: host mx.acme.example[192.0.2.25] said: 550 5.1.1
    <jane.doe@acme.example>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)""",
            dsn="""Reporting-MTA: dns; smtp.example.com
X-Postfix-Queue-ID: 7F2A31C0B4E
X-Postfix-Sender: rfc822; alex@example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:01 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.acme.example
Diagnostic-Code: smtp; 550 5.1.1 <jane.doe@acme.example>: Recipient address
    rejected: User unknown in virtual mailbox table
""",
        ),
        severity="hard",
        status="5.1.1",
        note="Postfix multipart/report, Action: failed, 5.1.1; original headers as text/rfc822-headers",
    )
    c.bounce(
        d + "postfix_blocked_5_7_1_full_original.eml",
        postfix_bounce(
            queue_id="4ZkQ8b2Hn7z9K",
            date="Fri, 20 Nov 2026 10:00:05 +0000",
            host="smtp.example.com",
            attach="full",
            reason="""<jane.doe@acme.example>: host mx.acme.example[192.0.2.25] said: 554 5.7.1
    Service unavailable; Client host [203.0.113.10] blocked using
    bl.example.net; https://bl.example.net/query/203.0.113.10 (in reply to
    RCPT TO command)""",
            dsn="""Reporting-MTA: dns; smtp.example.com
X-Postfix-Queue-ID: 4ZkQ8b2Hn7z9K
X-Postfix-Sender: rfc822; alex@example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:01 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.7.1
Remote-MTA: dns; mx.acme.example
Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host
    [203.0.113.10] blocked using bl.example.net;
    https://bl.example.net/query/203.0.113.10
""",
        ),
        severity="hard",
        status="5.7.1",
        note="Postfix, sender blocked by a block list (5.7.1); the whole original as message/rfc822",
    )
    c.bounce(
        d + "postfix_domain_not_found.eml",
        postfix_bounce(
            queue_id="4ZkQ8c0Xv1z3M",
            date="Fri, 20 Nov 2026 10:00:03 +0000",
            host="smtp.example.com",
            reason="""<jane.doe@acme.example>: Host or domain name not found. Name service error
    for name=acme.example type=MX: Host not found, try again""",
            dsn="""Reporting-MTA: dns; smtp.example.com
X-Postfix-Queue-ID: 4ZkQ8c0Xv1z3M
X-Postfix-Sender: rfc822; alex@example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:01 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.4.4
Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error
    for name=acme.example type=MX: Host not found, try again
""",
        ),
        severity="hard",
        status="5.4.4",
        note="Postfix, recipient domain has no mail exchanger; X-Postfix diagnostic type",
    )
    c.bounce(
        d + "postfix_expired_action_failed_4_4_1.eml",
        postfix_bounce(
            queue_id="4ZkQ9d7Pq2z5R",
            date="Wed, 25 Nov 2026 10:07:12 +0000",
            host="smtp.example.com",
            reason="""<jane.doe@acme.example>: connect to mx.acme.example[192.0.2.25]:25: Connection
    timed out""",
            dsn="""Reporting-MTA: dns; smtp.example.com
X-Postfix-Queue-ID: 4ZkQ9d7Pq2z5R
X-Postfix-Sender: rfc822; alex@example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:01 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.acme.example[192.0.2.25]:25:
    Connection timed out
""",
        ),
        severity="hard",
        status="4.4.1",
        note="Postfix gave up after the queue lifetime: Action: failed with a 4.x.x status is final",
    )
    c.bounce(
        d + "postfix_over_quota_5_2_2.eml",
        postfix_bounce(
            queue_id="4ZkQ9f3Lr6z1T",
            date="Fri, 20 Nov 2026 10:00:06 +0000",
            host="smtp.example.com",
            reason="""<jane.doe@acme.example>: host mx.acme.example[192.0.2.25] said: 552 5.2.2
    <jane.doe@acme.example>: Mailbox full, quota exceeded (in reply to end of
    DATA command)""",
            dsn="""Reporting-MTA: dns; smtp.example.com
X-Postfix-Queue-ID: 4ZkQ9f3Lr6z1T
X-Postfix-Sender: rfc822; alex@example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:01 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.2.2
Remote-MTA: dns; mx.acme.example
Diagnostic-Code: smtp; 552 5.2.2 <jane.doe@acme.example>: Mailbox full, quota
    exceeded
""",
        ),
        severity="hard",
        status="5.2.2",
        note="mailbox full reported permanently (552 5.2.2, Action: failed): hard, unlike a 4.2.2 delay",
    )
    c.bounce(
        d + "postfix_alias_expanded_original_recipient.eml",
        postfix_bounce(
            queue_id="4ZkQA1x8Hs3z2W",
            date="Fri, 20 Nov 2026 10:00:09 +0000",
            host="mx.acme.example",
            reason="""<jdoe@mbox.acme.example> (expanded from <jane.doe@acme.example>): host
    mbox.acme.example[192.0.2.31] said: 550 5.1.1 <jdoe@mbox.acme.example>: User
    unknown (in reply to RCPT TO command)""",
            dsn="""Reporting-MTA: dns; mx.acme.example
X-Postfix-Queue-ID: 4ZkQA1x8Hs3z2W
X-Postfix-Sender: rfc822; alex@example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:05 +0000 (UTC)

Final-Recipient: rfc822; jdoe@mbox.acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mbox.acme.example
Diagnostic-Code: smtp; 550 5.1.1 <jdoe@mbox.acme.example>: User unknown
""",
        ),
        severity="hard",
        status="5.1.1",
        note="alias expanded at the recipient's side: Final-Recipient is jdoe@mbox.acme.example, "
        "Original-Recipient (the address we wrote to) is jane.doe@acme.example",
    )
    de_text = """Dies ist das E-Mail-System auf dem Rechner mail.example.net.

Leider muss ich Ihnen mitteilen, dass Ihre Nachricht nicht an einen oder
mehrere Empfänger zugestellt werden konnte. Sie ist unten angehängt.

Wenn Sie Hilfe benötigen, schreiben Sie bitte an postmaster.

Bitte fügen Sie dann diesen Fehlerbericht bei. Ihren eigenen Text
können Sie aus der angehängten Nachricht entfernen.

                   Das E-Mail-System

<jane.doe@acme.example>: host mx.acme.example[192.0.2.25] said: 550 5.1.1
    <jane.doe@acme.example>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)
"""
    c.bounce(
        d + "postfix_de_template.eml",
        postfix_bounce(
            queue_id="4ZkQB2m4Jd5z8X",
            date="Fri, 20 Nov 2026 11:00:04 +0100",
            host="mail.example.net",
            subject="=?utf-8?q?Unzustellbare_Nachricht_an_den_Absender_zur=C3=BCckgeschickt?=",
            text=qp(de_text),
            text_headers="Content-Description: Benachrichtigung\n"
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n",
            reason="",
            dsn="""Reporting-MTA: dns; mail.example.net
X-Postfix-Queue-ID: 4ZkQB2m4Jd5z8X
X-Postfix-Sender: rfc822; alex@example.com
Arrival-Date: Fri, 20 Nov 2026 11:00:01 +0100 (CET)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.acme.example
Diagnostic-Code: smtp; 550 5.1.1 <jane.doe@acme.example>: Recipient address
    rejected: User unknown in virtual mailbox table
""",
        ),
        severity="hard",
        status="5.1.1",
        note="Postfix with a German bounce template (QP), RFC 2047 subject",
    )

    # Exim -------------------------------------------------------------------------------
    exim_head = """Return-path: <>
Envelope-to: alex@example.com
Delivery-date: {date}
Received: from Debian-exim by mail.example.net with local (Exim 4.97)
\tid {eid}
\tfor alex@example.com; {date}
X-Failed-Recipients: jane.doe@acme.example
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mail.example.net>
To: alex@example.com
References: <req-1@example.com>
Content-Type: text/plain; charset=us-ascii
Subject: Mail delivery failed: returning message to sender
Message-Id: <E{eid}@mail.example.net>
Date: {date}
"""
    c.bounce(
        d + "exim_permanent_error.eml",
        exim_head.format(date="Fri, 20 Nov 2026 10:00:06 +0000", eid="1tN4aB-000Qz1-2s")
        + """
This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  jane.doe@acme.example
    host mx.acme.example [192.0.2.25]
    SMTP error from remote mail server after RCPT TO:<jane.doe@acme.example>:
    550 5.1.1 <jane.doe@acme.example>: Recipient address rejected: User unknown in virtual mailbox table

------ This is a copy of the message, including all the headers. ------

"""
        + ORIGINAL,
        severity="hard",
        status="5.1.1",
        note="Exim plain-text bounce (no DSN) that also carries Auto-Submitted: auto-replied; "
        "X-Failed-Recipients and References name us",
    )
    boundary = "1795168806-eximdsn-1804289383"
    c.bounce(
        d + "exim_dsn_report.eml",
        f"""Return-path: <>
Envelope-to: alex@example.com
Delivery-date: Fri, 20 Nov 2026 10:00:07 +0000
Received: from Debian-exim by mail.example.net with local (Exim 4.97)
\tid 1tN4aC-000R02-3t
\tfor alex@example.com; Fri, 20 Nov 2026 10:00:07 +0000
X-Failed-Recipients: jane.doe@acme.example
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mail.example.net>
To: alex@example.com
References: <req-1@example.com>
Content-Type: multipart/report; report-type=delivery-status; boundary={boundary}
MIME-Version: 1.0
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1tN4aC-000R02-3t@mail.example.net>
Date: Fri, 20 Nov 2026 10:00:07 +0000

"""
        + multipart(
            boundary,
            [
                part(
                    "Content-type: text/plain; charset=us-ascii\n",
                    """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  jane.doe@acme.example
    host mx.acme.example [192.0.2.25]
    SMTP error from remote mail server after RCPT TO:<jane.doe@acme.example>:
    550 5.1.2 <jane.doe@acme.example>: Recipient address rejected: Domain not found
""",
                ),
                dsn_part(
                    """Reporting-MTA: dns; mail.example.net

Action: failed
Final-Recipient: rfc822;jane.doe@acme.example
Status: 5.0.0
Remote-MTA: dns; mx.acme.example
Diagnostic-Code: smtp; 550 5.1.2 <jane.doe@acme.example>: Recipient address rejected: Domain not found
""",
                    description="",
                ),
                part("Content-type: message/rfc822\n", ORIGINAL),
            ],
        ),
        severity="hard",
        status="5.0.0",
        note="Exim with a DSN part; the Status: field (5.0.0) is the stated status, the text quotes 5.1.2",
    )
    c.bounce(
        d + "exim_retry_timeout_4_3_0.eml",
        exim_head.format(date="Tue, 24 Nov 2026 10:12:40 +0000", eid="1tN4aD-000R13-4u")
        + """
This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  jane.doe@acme.example
    host mx.acme.example [192.0.2.25]
    SMTP error from remote mail server after RCPT TO:<jane.doe@acme.example>:
    451 4.3.0 <jane.doe@acme.example>: Temporary lookup failure
    retry timeout exceeded

------ This is a copy of the message, including all the headers. ------

"""
        + ORIGINAL,
        severity="hard",
        status="4.3.0",
        note="'This is a permanent error' + 'retry timeout exceeded' win over the quoted 451 4.3.0",
    )
    exim_de = """Diese Nachricht wurde automatisch vom Mailsystem erstellt.

Eine Nachricht, die Sie gesendet haben, konnte nicht an alle Empfänger
zugestellt werden. Dies ist ein permanenter Fehler. Die folgenden
Adressen konnten nicht erreicht werden:

  jane.doe@acme.example:
    SMTP-Fehler vom entfernten Mailserver nach RCPT TO:<jane.doe@acme.example>:
    host mx.acme.example [192.0.2.25]: 550 Requested action not taken: mailbox unavailable

------ Dies ist eine Kopie der Nachricht einschließlich aller Kopfzeilen. ------

"""
    c.bounce(
        d + "exim_de_permanenter_fehler.eml",
        """Return-Path: <>
Received: from mout.kundenserver.example ([192.0.2.90]) by mx.example.net
 (mxeue012 [192.0.2.91]) with ESMTPS id 1MnxQd-1tN4aE0ZxS-00jKv9
 for <alex@example.com>; Fri, 20 Nov 2026 11:00:08 +0100
Date: Fri, 20 Nov 2026 11:00:08 +0100
From: Mail Delivery System <mailer-daemon@kundenserver.example>
To: alex@example.com
Subject: Mail delivery failed: returning message to sender
Message-Id: <1MnxQd-1tN4aE0ZxS-00jKv9@mout.kundenserver.example>
X-Failed-Recipients: jane.doe@acme.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

"""
        + qp(exim_de + ORIGINAL),
        severity="hard",
        status=None,
        note="German Exim text ('Dies ist ein permanenter Fehler'), QP; remote said a bare 550, no x.y.z",
    )
    c.bounce(
        d + "exim_unrouteable_no_code.eml",
        exim_head.format(date="Fri, 20 Nov 2026 10:00:02 +0000", eid="1tN4aF-000R24-5v")
        + """
This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  jane.doe@acme.example
    Unrouteable address

------ This is a copy of the message, including all the headers. ------

"""
        + ORIGINAL,
        severity="hard",
        status=None,
        note="Exim 'Unrouteable address': permanent wording, no code at all",
    )

    # Sendmail ---------------------------------------------------------------------------
    def sendmail(qid: str, date: str, subject: str, text: str, dsn: str, auto: str) -> str:
        boundary = f"{qid}.1795168805/relay.example.net"
        return f"""Return-Path: <>
Received: from localhost (localhost)
\tby relay.example.net (8.17.2/8.17.2) id {qid};
\t{date}
Date: {date}
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>
Message-Id: <202611201000.{qid}@relay.example.net>
To: <alex@example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{boundary}"
Subject: {subject}
Auto-Submitted: auto-generated ({auto})

""" + multipart(
            boundary,
            [part("", text), dsn_part(dsn, ""), part("Content-Type: message/rfc822\n", ORIGINAL)],
            "This is a MIME-encapsulated message",
        )

    c.bounce(
        d + "sendmail_user_unknown.eml",
        sendmail(
            "4AKA05s1012345",
            "Fri, 20 Nov 2026 10:00:05 GMT",
            "Returned mail: see transcript for details",
            """The original message was received at Fri, 20 Nov 2026 10:00:02 GMT
from smtp.example.com [203.0.113.10]

   ----- The following addresses had permanent fatal errors -----
<jane.doe@acme.example>
    (reason: 550 5.1.1 <jane.doe@acme.example>... User unknown)

   ----- Transcript of session follows -----
... while talking to mx.acme.example.:
>>> DATA
<<< 550 5.1.1 <jane.doe@acme.example>... User unknown
550 5.1.1 <jane.doe@acme.example>... User unknown
<<< 503 5.0.0 Need RCPT (recipient)
""",
            """Reporting-MTA: dns; relay.example.net
Received-From-MTA: DNS; smtp.example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:02 GMT

Final-Recipient: RFC822; jane.doe@acme.example
Action: failed
Status: 5.1.1
Remote-MTA: DNS; mx.acme.example
Diagnostic-Code: SMTP; 550 5.1.1 <jane.doe@acme.example>... User unknown
Last-Attempt-Date: Fri, 20 Nov 2026 10:00:05 GMT
""",
            "failure",
        ),
        severity="hard",
        status="5.1.1",
        note="Sendmail 'permanent fatal errors' with a DSN; upper-case RFC822/DNS/SMTP type names",
    )
    c.bounce(
        d + "sendmail_expired_4_4_7.eml",
        sendmail(
            "4AKA05s1012399",
            "Wed, 25 Nov 2026 10:31:12 GMT",
            "Returned mail: see transcript for details",
            """The original message was received at Fri, 20 Nov 2026 10:00:02 GMT
from smtp.example.com [203.0.113.10]

   ----- The following addresses had permanent fatal errors -----
<jane.doe@acme.example>
    (reason: Connection timed out with mx.acme.example.)

   ----- Transcript of session follows -----
<jane.doe@acme.example>... Deferred: Connection timed out with mx.acme.example.
Message could not be delivered for 5 days
Message will be deleted from queue
""",
            """Reporting-MTA: dns; relay.example.net
Arrival-Date: Fri, 20 Nov 2026 10:00:02 GMT

Final-Recipient: RFC822; jane.doe@acme.example
Action: failed
Status: 4.4.7
Remote-MTA: DNS; mx.acme.example
Last-Attempt-Date: Wed, 25 Nov 2026 10:31:12 GMT
""",
            "failure",
        ),
        severity="hard",
        status="4.4.7",
        note="Sendmail gave up after 5 days: Action: failed, 4.4.7, 'will be deleted from queue'",
    )
    c.bounce(
        d + "sendmail_host_unknown.eml",
        sendmail(
            "4AKA05s1012401",
            "Fri, 20 Nov 2026 10:00:03 GMT",
            "Returned mail: Host unknown (Name server: acme.example: host not found)",
            """The original message was received at Fri, 20 Nov 2026 10:00:02 GMT
from smtp.example.com [203.0.113.10]

   ----- The following addresses had permanent fatal errors -----
<jane.doe@acme.example>

   ----- Transcript of session follows -----
550 5.1.2 <jane.doe@acme.example>... Host unknown (Name server: acme.example: host not found)
""",
            """Reporting-MTA: dns; relay.example.net
Arrival-Date: Fri, 20 Nov 2026 10:00:02 GMT

Final-Recipient: RFC822; jane.doe@acme.example
Action: failed
Status: 5.1.2
Last-Attempt-Date: Fri, 20 Nov 2026 10:00:03 GMT
""",
            "failure",
        ),
        severity="hard",
        status="5.1.2",
        note="Sendmail, recipient host unknown",
    )

    # qmail ------------------------------------------------------------------------------
    def qmail(pid: int, date: str, host: str, body: str) -> str:
        return f"""Return-Path: <>
Received: (qmail {pid} invoked for bounce); {date}
Date: {date}
From: MAILER-DAEMON@{host}
To: alex@example.com
Subject: failure notice

Hi. This is the qmail-send program at {host}.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

{body}
--- Below this line is a copy of the message.

{ORIGINAL}"""

    c.bounce(
        d + "qmail_no_mailbox.eml",
        qmail(
            20731,
            "20 Nov 2026 10:00:07 -0000",
            "mx.acme.example",
            "<jane.doe@acme.example>:\nSorry, no mailbox here by that name. (#5.1.1)\n",
        ),
        severity="hard",
        status="5.1.1",
        note="qmail plain text, no MIME, no DSN; '(#5.1.1)'; Date zone -0000",
    )
    c.bounce(
        d + "qmail_remote_550_no_enhanced_code.eml",
        qmail(
            20877,
            "20 Nov 2026 10:00:09 -0000",
            "relay.example.org",
            "<jane.doe@acme.example>:\n192.0.2.25 does not like recipient.\n"
            "Remote host said: 550 No such user here\nGiving up on 192.0.2.25.\n",
        ),
        severity="hard",
        status=None,
        note="qmail 'does not like recipient' with a bare 550: hard by wording, no status",
    )
    c.bounce(
        d + "qmail_queue_too_long_4_3_0.eml",
        qmail(
            31502,
            "27 Nov 2026 10:02:44 -0000",
            "relay.example.org",
            "<jane.doe@acme.example>:\n192.0.2.25 failed after I sent the message.\n"
            "Remote host said: 451 4.3.0 Temporary local problem - please try later\n"
            "I'm not going to try again; this message has been in the queue too long.\n",
        ),
        severity="hard",
        status="4.3.0",
        note="qmail 'I've given up' / 'not going to try again' with a quoted 451 4.3.0: hard",
    )

    # Courier ----------------------------------------------------------------------------
    c.bounce(
        d + "courier_user_unknown.eml",
        """Return-Path: <>
From: "Courier mail server at mx.example.net" <@>
To: alex@example.com
Subject: NOTICE: mail delivery status.
Mime-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
    boundary="=_courier_0"
Content-Transfer-Encoding: 7bit
Message-ID: <courier.5F3A1B2C.00001A2B@mx.example.net>
Date: Fri, 20 Nov 2026 10:00:08 +0000
Reply-To: postmaster@mx.example.net

"""
        + multipart(
            "=_courier_0",
            [
                part(
                    'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 7bit\n',
                    """This is a delivery status notification from mx.example.net,
running the Courier mail server, version 1.3.12.

The original message was received on Fri, 20 Nov 2026 10:00:02 +0000
from smtp.example.com [203.0.113.10]

----------------------------------------------------------------------

                          UNDELIVERABLE MAIL

Your message to the following recipients cannot be delivered:

<jane.doe@acme.example>:
    mx.acme.example [192.0.2.25]:
>>> RCPT TO:<jane.doe@acme.example>
<<< 550 5.1.1 <jane.doe@acme.example>... User unknown

----------------------------------------------------------------------

If your message was also sent to additional recipients, their delivery
status is not included in this report.  You may or may not receive
other delivery status notifications for additional recipients.

The original message follows as a separate attachment.
""",
                ),
                dsn_part(
                    """Reporting-MTA: dns; mx.example.net
Arrival-Date: Fri, 20 Nov 2026 10:00:02 +0000

Final-Recipient: rfc822; jane.doe@acme.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.acme.example [192.0.2.25]
Diagnostic-Code: smtp; 550 5.1.1 <jane.doe@acme.example>... User unknown
""",
                    "",
                ),
                part("Content-Type: message/rfc822\n", ORIGINAL),
            ],
            "This is a MIME-formatted message.  If you see this text it means that your\n"
            "mail software cannot handle MIME-formatted messages.\n",
        ),
        severity="hard",
        status="5.1.1",
        note='Courier DSN; From: "Courier mail server at ..." <@> has no usable address',
    )


EXCHANGE_NDR = {
    # lang: (subject prefix, Content-Language, intro, explanation, diag, server, headers label)
    "en": (
        "Undeliverable:",
        "en-US",
        "Delivery has failed to these recipients or groups:",
        "The e-mail address you entered couldn't be found. Please check the recipient's "
        "e-mail address and try to resend the message. If the problem continues, please "
        "contact your helpdesk.",
        "Diagnostic information for administrators:",
        "Generating server:",
        "Original message headers:",
    ),
    "de": (
        "Unzustellbar:",
        "de-DE",
        "Fehler bei der Zustellung an folgende Empfänger oder Gruppen:",
        "Die eingegebene E-Mail-Adresse wurde nicht gefunden. Überprüfen Sie die "
        "E-Mail-Adresse des Empfängers, und versuchen Sie, die Nachricht erneut zu senden. "
        "Falls das Problem weiterhin besteht, wenden Sie sich an Ihr Helpdesk.",
        "Diagnoseinformationen für Administratoren:",
        "Generierender Server:",
        "Ursprüngliche Nachrichtenkopfzeilen:",
    ),
    "fr": (
        "Non remis :",
        "fr-FR",
        "Échec de la remise aux destinataires ou groupes suivants :",
        "L'adresse de messagerie que vous avez entrée est introuvable. Vérifiez l'adresse "
        "de messagerie du destinataire et essayez de renvoyer le message. Si le problème "
        "persiste, contactez votre support technique.",
        "Informations de diagnostic pour les administrateurs :",
        "Serveur de génération :",
        "En-têtes de message d'origine :",
    ),
    "es": (
        "No se puede entregar:",
        "es-ES",
        "Error en la entrega a estos destinatarios o grupos:",
        "No se encontró la dirección de correo electrónico que especificó. Compruebe la "
        "dirección de correo electrónico del destinatario e intente volver a enviar el "
        "mensaje. Si el problema continúa, póngase en contacto con el soporte técnico.",
        "Información de diagnóstico para administradores:",
        "Servidor de generación:",
        "Encabezados originales del mensaje:",
    ),
    "nl": (
        "Onbestelbaar:",
        "nl-NL",
        "Bezorging is mislukt voor deze ontvangers of groepen:",
        "Het ingevoerde e-mailadres is niet gevonden. Controleer het e-mailadres van de "
        "ontvanger en probeer het bericht opnieuw te verzenden. Neem contact op met de "
        "helpdesk als het probleem zich blijft voordoen.",
        "Diagnostische gegevens voor beheerders:",
        "Genererende server:",
        "Oorspronkelijke berichtkoppen:",
    ),
    "it": (
        "Non recapitabile:",
        "it-IT",
        "Recapito non riuscito per i seguenti destinatari o gruppi:",
        "Impossibile trovare l'indirizzo di posta elettronica immesso. Verificare "
        "l'indirizzo del destinatario e provare a inviare di nuovo il messaggio. Se il "
        "problema persiste, contattare il supporto tecnico.",
        "Informazioni di diagnostica per gli amministratori:",
        "Server di generazione:",
        "Intestazioni originali del messaggio:",
    ),
    "pt": (
        "Não é possível entregar:",
        "pt-BR",
        "Falha na entrega para estes destinatários ou grupos:",
        "O endereço de email que você inseriu não foi encontrado. Verifique o endereço de "
        "email do destinatário e tente reenviar a mensagem. Se o problema continuar, entre "
        "em contato com o suporte técnico.",
        "Informações de diagnóstico para administradores:",
        "Servidor de geração:",
        "Cabeçalhos da mensagem original:",
    ),
}


def subject_header(text: str) -> str:
    return text if text.isascii() else encoded_words(text, "utf-8", "Q", 30)


def hard_bounces_microsoft(c: Corpus) -> None:
    d = "hard_bounce/"
    # Exchange 2003 ----------------------------------------------------------------------
    c.bounce(
        d + "exchange2003_unknown_recipient_no_code.eml",
        f"""Return-Path: <>
Received: by EXCH01.corp.acme.example with Internet Mail Service (5.5.2653.19)
\tid <WK3LQ7ZN>; Fri, 20 Nov 2026 10:00:09 -0000
Message-ID: <7A1B2C3D4E5F60718293A4B5C6D7E8F9@EXCH01.corp.acme.example>
From: System Administrator <postmaster@acme.example>
To: Alex Candidate <alex@example.com>
Subject: Undeliverable: {SUBJECT}
Date: Fri, 20 Nov 2026 10:00:09 -0000
MIME-Version: 1.0
X-MS-Embedded-Report:
X-Mailer: Internet Mail Service (5.5.2653.19)
Content-Type: text/plain;
\tcharset="iso-8859-1"

Your message

  To:      Jane Doe
  Subject: {SUBJECT}
  Sent:    Fri, 20 Nov 2026 10:00:00 -0000

did not reach the following recipient(s):

jane.doe@acme.example on Fri, 20 Nov 2026 10:00:09 -0000
    The recipient name is not recognized
\tThe MTS-ID of the original message is: c=US;a= ;p=Acme
Corp;l=EXCH01-261120100009Z-4711
    MSEXCH:IMS:Acme Corp:HQ:EXCH01 0 (000C05A6) Unknown Recipient
""",
        severity="hard",
        status=None,
        note="Exchange 5.5/2003 'did not reach the following recipient(s)', MSEXCH code only, "
        "no x.y.z, no DSN; From: postmaster",
    )
    b = "----_=_NextPart_001_01DB3F6E.2A1B3C4D"
    c.bounce(
        d + "exchange2003_report_5_1_1.eml",
        f"""Return-Path: <>
From: postmaster@acme.example
To: alex@example.com
Date: Fri, 20 Nov 2026 10:00:10 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
X-DSNContext: 7ce717b1 - 1196 - 00000002 - 00000000
Message-ID: <Nm2lQ8Z4v00000a1f@EXCH02.corp.acme.example>
Subject: Undeliverable: {SUBJECT}

"""
        + multipart(
            b,
            [
                part(
                    'Content-Type: text/plain;\n\tcharset="us-ascii"\n',
                    f"""Your message did not reach some or all of the intended recipients.

      Subject:\t{SUBJECT}
      Sent:\t20/11/2026 10:00

The following recipient(s) cannot be reached:

      Jane Doe on 20/11/2026 10:00
            The e-mail account does not exist at the organization this message was sent to.  Check the e-mail address, or contact the recipient directly to find out the correct address.
            <EXCH02.corp.acme.example #5.1.1>
""",
                ),
                dsn_part(
                    """Reporting-MTA: dns;EXCH02.corp.acme.example
Received-From-MTA: dns;mx.acme.example
Arrival-Date: Fri, 20 Nov 2026 10:00:09 +0000

Final-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.1.1
X-Display-Name: Jane Doe
""",
                    "",
                ),
                part("Content-Type: message/rfc822\n", ORIGINAL),
            ],
            "This is a MIME-formatted message.  \n"
            "Portions of this message may be unreadable without a MIME-capable mail program.\n",
        ),
        severity="hard",
        status="5.1.1",
        note="Exchange 2003 'cannot be reached' with '#5.1.1' and a DSN",
    )

    # Exchange 2010/2013 in seven languages ----------------------------------------------
    for n, (lang, (prefix, clang, intro, expl, diag, server, label)) in enumerate(
        EXCHANGE_NDR.items()
    ):
        text = f"""{intro}

Jane Doe (jane.doe@acme.example)
{expl}


{diag}

{server} EX0{n + 1}.corp.acme.example

jane.doe@acme.example
#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##

{label}

{ORIGINAL_HEADERS}"""
        outer = f"_{n}_report_EX0{n + 1}_"
        alt = f"_{n}_alt_EX0{n + 1}_"
        msg = f"""Return-Path: <>
From: Microsoft Exchange <postmaster@acme.example>
To: Alex Candidate <alex@example.com>
Date: Fri, 20 Nov 2026 10:00:1{n} +0000
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{outer}"
Content-Language: {clang}
Message-ID: <a1b2c3d4-e5f6-47{n}8-9a0b-c1d2e3f4a5b{n}@EX0{n + 1}.corp.acme.example>
In-Reply-To: {OUR_ID}
References: {OUR_ID}
Thread-Topic: {SUBJECT}
Thread-Index: AQHdWk3x8Vb2Kq5e4Ea9yTq7b1C0P{n}==
Subject: {subject_header(prefix + " " + SUBJECT)}
Auto-Submitted: auto-replied
X-MS-Exchange-Message-Is-Ndr:
X-MS-Exchange-Organization-SCL: -1
MIME-Version: 1.0

""" + multipart(
            outer,
            [
                part(
                    f'Content-Type: multipart/alternative;\n\tboundary="{alt}"\n',
                    multipart(
                        alt,
                        [
                            part(
                                'Content-Type: text/plain; charset="utf-8"\n'
                                "Content-Transfer-Encoding: quoted-printable\n",
                                qp(text),
                            ),
                            part(
                                'Content-Type: text/html; charset="utf-8"\n'
                                "Content-Transfer-Encoding: quoted-printable\n",
                                qp(html_of(text)),
                            ),
                        ],
                    ),
                ),
                dsn_part(
                    f"""Reporting-MTA: dns;EX0{n + 1}.corp.acme.example
Received-From-MTA: dns;mx.acme.example
Arrival-Date: Fri, 20 Nov 2026 10:00:0{n} +0000

Final-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found
""",
                    "",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        )
        c.bounce(
            d + f"exchange2010_{lang}_recip_not_found.eml",
            msg,
            severity="hard",
            status="5.1.1",
            note=f"Exchange 2010-style NDR in {clang} ('{intro}'), DSN 5.1.1, "
            "In-Reply-To our id, Auto-Submitted: auto-replied",
        )

    # Exchange NDRs without any code, as forwarded/stripped (text-only and HTML-only) ----
    for lang, cte in (("de", "qp"), ("es", "8bit"), ("nl", "base64")):
        prefix, clang, intro, expl, *_ = EXCHANGE_NDR[lang]
        text = f"{intro}\n\nJane Doe (jane.doe@acme.example)\n{expl}\n"
        body = {"qp": qp(text), "8bit": text, "base64": b64(text)}[cte]
        cte_name = {"qp": "quoted-printable", "8bit": "8bit", "base64": "base64"}[cte]
        c.bounce(
            d + f"exchange_{lang}_text_only_no_code.eml",
            f"""Return-Path: <>
From: Microsoft Exchange <postmaster@acme.example>
To: Alex Candidate <alex@example.com>
Date: Fri, 20 Nov 2026 10:01:02 +0000
Subject: {subject_header(prefix + " " + SUBJECT)}
Message-ID: <f0e1d2c3-{lang}00-4a5b-8c7d-6e5f4a3b2c1d@EX01.corp.acme.example>
Content-Language: {clang}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: {cte_name}

{body}""",
            severity="hard",
            status=None,
            note=f"Exchange NDR text in {clang} only: no DSN, no code, no English keyword; "
            "matched by the recipient address alone",
        )
    prefix, clang, intro, expl, *_ = EXCHANGE_NDR["fr"]
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        f'<body><p><b><font color="#000066" size="3" face="Arial">{intro}</font></b></p>'
        '<p><font face="Arial"><a href="mailto:jane.doe@acme.example">Jane Doe '
        f"(jane.doe@acme.example)</a><br>{expl}</font></p></body></html>\n"
    )
    c.bounce(
        d + "exchange_fr_html_only_no_code.eml",
        f"""Return-Path: <>
From: Microsoft Exchange <postmaster@acme.example>
To: Alex Candidate <alex@example.com>
Date: Fri, 20 Nov 2026 11:01:03 +0100
Subject: {subject_header(prefix + " " + SUBJECT)}
Message-ID: <f0e1d2c3-fr00-4a5b-8c7d-6e5f4a3b2c1d@EX01.corp.acme.example>
In-Reply-To: {OUR_ID}
Content-Language: fr-FR
MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{qp(html)}""",
        severity="hard",
        status=None,
        note="French Exchange NDR, HTML only, no code, no DSN",
    )

    # Office 365 modern NDRs -------------------------------------------------------------
    def o365(
        slug: str,
        *,
        lang: str,
        subject_prefix: str,
        text: str,
        dsn_status: str,
        diag: str,
        action: str = "failed",
        date: str = "Fri, 20 Nov 2026 10:00:14 +0000",
        extra_headers: str = "",
    ) -> str:
        outer = f"b1_{slug}_NDR"
        alt = f"b2_{slug}_NDR"
        return f"""Received: from AM0PR04MB6123.eurprd04.prod.outlook.example (2001:db8:208:16c::11)
 by AM0PR04MB6123.eurprd04.prod.outlook.example with Microsoft SMTP Server
 id 15.20.8182.4; {date}
MIME-Version: 1.0
From: Microsoft Outlook
\t<MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com>
To: <alex@example.com>
Date: {date}
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{outer}"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: {lang}
Message-ID: <4c1b2a3d-{slug[:4]}-4e5f-9a8b-7c6d5e4f3a2b@AM0PR04MB6123.eurprd04.prod.outlook.example>
In-Reply-To: {OUR_ID}
References: {OUR_ID}
Subject: {subject_header(subject_prefix + " " + SUBJECT)}
Auto-Submitted: auto-replied
{extra_headers}X-MS-Exchange-CrossTenant-OriginalArrivalTime: 20 Nov 2026 10:00:13.5123 (UTC)

""" + multipart(
            outer,
            [
                part(
                    f'Content-Type: multipart/alternative; differences=Content-Type;\n\tboundary="{alt}"\n',
                    multipart(
                        alt,
                        [
                            part(
                                'Content-Type: text/plain; charset="utf-8"\n'
                                "Content-Transfer-Encoding: quoted-printable\n",
                                qp(text),
                            ),
                            part(
                                'Content-Type: text/html; charset="utf-8"\n'
                                "Content-Transfer-Encoding: quoted-printable\n",
                                qp(html_of(text)),
                            ),
                        ],
                    ),
                ),
                dsn_part(
                    f"""Reporting-MTA: dns;AM0PR04MB6123.eurprd04.prod.outlook.example
Received-From-MTA: dns;laptop.example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:02 +0000

Original-Recipient: rfc822;jane.doe@acme.example
Final-Recipient: rfc822;jane.doe@acme.example
Action: {action}
Status: {dsn_status}
Remote-MTA: dns;mx.acme.example
Diagnostic-Code: smtp;{diag}
""",
                    "",
                ),
                part("Content-Type: message/rfc822\n", ORIGINAL),
            ],
        )

    c.bounce(
        d + "o365_en_recipient_not_found.eml",
        o365(
            "en01",
            lang="en-US",
            subject_prefix="Undeliverable:",
            dsn_status="5.1.10",
            diag="550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient jane.doe@acme.example "
            "not found by SMTP address lookup",
            text=f"""Your message to jane.doe@acme.example couldn't be delivered.

jane.doe wasn't found at acme.example.

alex                 Office 365            jane.doe
Action Required                            Recipient

Unknown To address

How to Fix It
The address may be misspelled or may not exist. Try one or more of the following:
- Retype the recipient's address, then resend the message.
- If the address is in your contacts, update it there.

More Info for Email Admins
Status code: 550 5.1.10

Original Message Details
Created Date:      11/20/2026 10:00:00 AM
Sender Address:    alex@example.com
Recipient Address: jane.doe@acme.example
Subject:           {SUBJECT}

Error Details
Reported error:    550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient jane.doe@acme.example not found by SMTP address lookup
DSN generated by:  AM0PR04MB6123.eurprd04.prod.outlook.example
""",
        ),
        severity="hard",
        status="5.1.10",
        note="Office 365 modern NDR (sender is MicrosoftExchange...@, not mailer-daemon), 5.1.10",
    )
    c.bounce(
        d + "o365_de_recipient_not_found.eml",
        o365(
            "de01",
            lang="de-DE",
            subject_prefix="Unzustellbar:",
            dsn_status="5.1.10",
            diag="550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient jane.doe@acme.example "
            "not found by SMTP address lookup",
            text=f"""Ihre Nachricht an jane.doe@acme.example konnte nicht übermittelt werden.

jane.doe wurde unter acme.example nicht gefunden.

alex                 Office 365            jane.doe
Aktion erforderlich                        Empfänger

Unbekannte An-Adresse

So beheben Sie das Problem
Die Adresse ist möglicherweise falsch geschrieben oder existiert nicht.
- Geben Sie die Adresse des Empfängers erneut ein, und senden Sie die Nachricht erneut.

Weitere Informationen für E-Mail-Administratoren
Statuscode: 550 5.1.10

Details zur ursprünglichen Nachricht
Erstellungsdatum:   20.11.2026 10:00:00
Absenderadresse:    alex@example.com
Empfängeradresse:   jane.doe@acme.example
Betreff:            {SUBJECT}
""",
        ),
        severity="hard",
        status="5.1.10",
        note="Office 365 modern NDR in German",
    )
    c.bounce(
        d + "o365_es_recipient_not_found.eml",
        o365(
            "es01",
            lang="es-ES",
            subject_prefix="No se puede entregar:",
            dsn_status="5.1.10",
            diag="550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient jane.doe@acme.example "
            "not found by SMTP address lookup",
            text="""No se pudo entregar el mensaje a jane.doe@acme.example.

No se encontró jane.doe en acme.example.

Cómo solucionarlo
Puede que la dirección esté mal escrita o que no exista.
- Vuelva a escribir la dirección del destinatario y reenvíe el mensaje.

Más información para los administradores de correo electrónico
Código de estado: 550 5.1.10
""",
        ),
        severity="hard",
        status="5.1.10",
        note="Office 365 modern NDR in Spanish",
    )
    c.bounce(
        d + "o365_blocked_5_7_1.eml",
        o365(
            "bl01",
            lang="en-US",
            subject_prefix="Undeliverable:",
            dsn_status="5.7.1",
            diag="550 5.7.1 Service unavailable, Client host [203.0.113.10] blocked using "
            "bl.example.net",
            text="""Your message to jane.doe@acme.example couldn't be delivered.

Your message wasn't delivered because the recipient's email provider rejected it.

More Info for Email Admins
Status code: 550 5.7.1

Remote server returned '550 5.7.1 Service unavailable, Client host [203.0.113.10] blocked using bl.example.net'
""",
        ),
        severity="hard",
        status="5.7.1",
        note="Office 365, rejected by the recipient's provider (5.7.1)",
    )
    c.bounce(
        d + "o365_queue_expired_4_4_7.eml",
        o365(
            "qe01",
            lang="en-US",
            subject_prefix="Undeliverable:",
            dsn_status="4.4.7",
            date="Sun, 22 Nov 2026 10:02:31 +0000",
            diag="550 4.4.7 QUEUE.Expired; message expired",
            text="""Delivery has failed to these recipients or groups:

jane.doe@acme.example (jane.doe@acme.example)
The recipient's email system isn't accepting messages now. The message couldn't be delivered and has expired.

Diagnostic information for administrators:

Generating server: AM0PR04MB6123.eurprd04.prod.outlook.example

jane.doe@acme.example
Remote Server returned '550 4.4.7 QUEUE.Expired; message expired'
""",
        ),
        severity="hard",
        status="4.4.7",
        note="Exchange Online gave up: Action: failed, 550 4.4.7 QUEUE.Expired",
    )

    # Outlook.com / Hotmail and IIS SMTP --------------------------------------------------
    b = "9B095B5ADSN=_01DB3F6E21C7A3C0000B2C31BAY004MC1F"
    c.bounce(
        d + "outlookcom_mailbox_unavailable.eml",
        f"""Return-Path: <>
From: postmaster@outlook.example
To: alex@example.com
Date: Fri, 20 Nov 2026 02:00:12 -0800
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
X-DSNContext: 335a7efd - 4480 - 00000001 - 80040546
X-Message-Delivery: Vj0xLjE7dXM9MDtsPTA7YT0wO0Q9MjtHRD0yO1NDTD02
Message-ID: <IsP0vmLXs00003e1a@outlook.example>
Subject: Delivery Status Notification (Failure)

"""
        + multipart(
            b,
            [
                part(
                    "Content-Type: text/plain; charset=unicode-1-1-utf-7\n",
                    """This is an automatically generated Delivery Status Notification.

Delivery to the following recipients failed.

       jane.doe@acme.example
""",
                ),
                dsn_part(
                    """Reporting-MTA: dns;BAY004-MC1F1.outlook.example
Received-From-MTA: dns;BAY004-OMC1S1.outlook.example
Arrival-Date: Fri, 20 Nov 2026 02:00:11 -0800

Final-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.5.0
Diagnostic-Code: smtp;550 Requested action not taken: mailbox unavailable (jane.doe@acme.example)
""",
                    "",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
            "This is a MIME-formatted message.  \n"
            "Portions of this message may be unreadable without a MIME-capable mail program.\n",
        ),
        severity="hard",
        status="5.5.0",
        note="Outlook.com DSN; text part declares the unusual charset unicode-1-1-utf-7",
    )
    b = "9B095B5ADSN=_01DB3F6E4A2B1C00000B2D44relay01"
    c.bounce(
        d + "iis_smtp_unable_to_connect_4_4_7.eml",
        f"""Return-Path: <>
From: postmaster@relay.example.net
To: alex@example.com
Date: Mon, 23 Nov 2026 10:05:40 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
X-DSNContext: 7ce717b1 - 1378 - 00000002 - C00402D1
Message-ID: <Qp7yDn2Kx00000b3c@relay.example.net>
Subject: Delivery Status Notification (Failure)

"""
        + multipart(
            b,
            [
                part(
                    'Content-Type: text/plain; charset="us-ascii"\n',
                    """This is an automatically generated Delivery Status Notification.

Unable to deliver message to the following recipients, due to being unable to connect successfully to the destination mail server.

       jane.doe@acme.example
""",
                ),
                dsn_part(
                    """Reporting-MTA: dns;relay.example.net
Received-From-MTA: dns;smtp.example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:02 +0000

Final-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 4.4.7
""",
                    "",
                ),
                part("Content-Type: message/rfc822\n", ORIGINAL),
            ],
            "This is a MIME-formatted message.  \n"
            "Portions of this message may be unreadable without a MIME-capable mail program.\n",
        ),
        severity="hard",
        status="4.4.7",
        note="Windows IIS SMTP gave up connecting: Action: failed with 4.4.7 is final",
    )


def gmail_report(
    *, slug: str, subject: str, date: str, text: str, dsn: str, html: str | None = None
) -> str:
    outer = f"000000000000{slug}a1b2c3d4e5f6"
    alt = f"000000000000{slug}b2c3d4e5f607"
    return f"""Return-Path: <>
Received: by 2001:db8:7300:5b8c::5c6d with SMTP id a12csp1234567dyb;
        {date}
From: Mail Delivery Subsystem <mailer-daemon@googlemail.example>
To: alex@example.com
Auto-Submitted: auto-replied
Subject: {subject}
References: {OUR_ID}
In-Reply-To: {OUR_ID}
X-Failed-Recipients: jane.doe@acme.example
Message-ID: <6743a1b2.170a0220.{slug}.9f2c.GMR@mx.google.example>
Date: {date}
Content-Type: multipart/report; boundary="{outer}"; report-type=delivery-status
MIME-Version: 1.0

""" + multipart(
        outer,
        [
            part(
                f'Content-Type: multipart/alternative; boundary="{alt}"\n',
                multipart(
                    alt,
                    [
                        part('Content-Type: text/plain; charset="UTF-8"\n', text),
                        part('Content-Type: text/html; charset="UTF-8"\n', html or html_of(text)),
                    ],
                ),
            ),
            dsn_part(dsn, ""),
            part("Content-Type: message/rfc822\n", ORIGINAL),
        ],
    )


def hard_bounces_providers(c: Corpus) -> None:
    d = "hard_bounce/"
    # Gmail ------------------------------------------------------------------------------
    c.bounce(
        d + "gmail_address_not_found.eml",
        gmail_report(
            slug="0a1b",
            subject="Delivery Status Notification (Failure)",
            date="Fri, 20 Nov 2026 02:00:13 -0800 (PST)",
            text="""
** Address not found **

Your message wasn't delivered to jane.doe@acme.example because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.example/mail/?p=NoSuchUser

The response from the remote server was:
550 5.1.1 <jane.doe@acme.example>: Recipient address rejected: User unknown in virtual mailbox table
""",
            dsn="""Reporting-MTA: dns; googlemail.example
Arrival-Date: Fri, 20 Nov 2026 02:00:11 -0800 (PST)
X-Original-Message-ID: <req-1@example.com>

Final-Recipient: rfc822; jane.doe@acme.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.acme.example. (192.0.2.25, the server for the domain acme.example.)
Diagnostic-Code: smtp; 550 5.1.1 <jane.doe@acme.example>: Recipient address rejected: User unknown in virtual mailbox table
Last-Attempt-Date: Fri, 20 Nov 2026 02:00:13 -0800 (PST)
""",
        ),
        severity="hard",
        status="5.1.1",
        note="Gmail 'Address not found' / 'The response from the remote server was:'",
    )
    c.bounce(
        d + "gmail_message_blocked_5_7_1.eml",
        gmail_report(
            slug="1c2d",
            subject="Delivery Status Notification (Failure)",
            date="Fri, 20 Nov 2026 02:00:15 -0800 (PST)",
            text="""
** Message blocked **

Your message to jane.doe@acme.example has been blocked. See technical details below for more information.

The response from the remote server was:
550 5.7.1 Message rejected due to local policy. Please visit https://postmaster.acme.example/ for more information
""",
            dsn="""Reporting-MTA: dns; googlemail.example
Arrival-Date: Fri, 20 Nov 2026 02:00:11 -0800 (PST)
X-Original-Message-ID: <req-1@example.com>

Final-Recipient: rfc822; jane.doe@acme.example
Action: failed
Status: 5.7.1
Remote-MTA: dns; mx.acme.example. (192.0.2.25, the server for the domain acme.example.)
Diagnostic-Code: smtp; 550 5.7.1 Message rejected due to local policy. Please visit https://postmaster.acme.example/ for more information
Last-Attempt-Date: Fri, 20 Nov 2026 02:00:15 -0800 (PST)
""",
        ),
        severity="hard",
        status="5.7.1",
        note="Gmail 'Message blocked' by the recipient's policy",
    )
    c.bounce(
        d + "gmail_timed_out_4_4_1_failed.eml",
        gmail_report(
            slug="2e3f",
            subject="Delivery Status Notification (Failure)",
            date="Sun, 22 Nov 2026 02:03:40 -0800 (PST)",
            text="""
** Message not delivered **

There was a problem delivering your message to jane.doe@acme.example. See the technical details below.

The response was:

The recipient server did not accept our requests to connect. For more information, go to https://support.google.example/mail/answer/7720 [mx.acme.example. 192.0.2.25: timed out]
""",
            dsn="""Reporting-MTA: dns; googlemail.example
Arrival-Date: Fri, 20 Nov 2026 02:00:11 -0800 (PST)
X-Original-Message-ID: <req-1@example.com>

Final-Recipient: rfc822; jane.doe@acme.example
Action: failed
Status: 4.4.1
Diagnostic-Code: smtp; The recipient server did not accept our requests to connect. For more information, go to https://support.google.example/mail/answer/7720 [mx.acme.example. 192.0.2.25: timed out]
Last-Attempt-Date: Sun, 22 Nov 2026 02:03:40 -0800 (PST)
""",
        ),
        severity="hard",
        status="4.4.1",
        note="Gmail stopped retrying: Action: failed with 4.4.1 is final",
    )
    c.bounce(
        d + "gmail_domain_not_found.eml",
        gmail_report(
            slug="3a4b",
            subject="Delivery Status Notification (Failure)",
            date="Fri, 20 Nov 2026 02:00:12 -0800 (PST)",
            text="""
** Address not found **

Your message wasn't delivered to jane.doe@acme.example because the domain acme.example couldn't be found. Check for typos or unnecessary spaces and try again.

The response was:
DNS Error: DNS type 'mx' lookup of acme.example responded with code NXDOMAIN Domain name not found: acme.example
""",
            dsn="""Reporting-MTA: dns; googlemail.example
Arrival-Date: Fri, 20 Nov 2026 02:00:11 -0800 (PST)
X-Original-Message-ID: <req-1@example.com>

Final-Recipient: rfc822; jane.doe@acme.example
Action: failed
Status: 5.1.2
Diagnostic-Code: smtp; DNS Error: DNS type 'mx' lookup of acme.example responded with code NXDOMAIN Domain name not found: acme.example
Last-Attempt-Date: Fri, 20 Nov 2026 02:00:12 -0800 (PST)
""",
        ),
        severity="hard",
        status="5.1.2",
        note="Gmail, recipient domain does not exist",
    )
    c.bounce(
        d + "gmail_legacy_failed_permanently.eml",
        f"""Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.example>
To: alex@example.com
Subject: Delivery Status Notification (Failure)
Message-ID: <000e0cd14d2a8b3c7e04a1f2@googlemail.example>
Date: Fri, 20 Nov 2026 10:00:17 +0000
X-Failed-Recipients: jane.doe@acme.example
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: quoted-printable

This is an automatically generated Delivery Status Notification

Delivery to the following recipient failed permanently:

     jane.doe@acme.example

Technical details of permanent failure:=20
Google tried to deliver your message, but it was rejected by the server for=
 the recipient domain acme.example by mx.acme.example. [192.0.2.25].

The error that the other server returned was:
550 5.1.1 <jane.doe@acme.example>... User unknown

----- Original message -----

{ORIGINAL}""",
        severity="hard",
        status="5.1.1",
        note="older Gmail text format, 'failed permanently', QP soft line breaks, no DSN",
    )

    # Yahoo ------------------------------------------------------------------------------
    def yahoo(date: str, body: str, mid: str) -> str:
        return f"""Return-Path: <>
Received: from 127.0.0.1 by atlas-production.v2-mail-prod1-bf1.omega.yahoo.example; {date}
X-YMailISG: Qd3a.5kWLDtzUu2Xf1Zk9mQ7rT4vNb0pLc8sHx6YeJiR2oA
From: MAILER-DAEMON@yahoo.example
To: alex@example.com
Subject: Failure Notice
Message-ID: <{mid}@yahoo.example>
Date: {date}

Sorry, we were unable to deliver your message to the following address.

{body}
--- Below this line is a copy of the message.

{ORIGINAL}"""

    c.bounce(
        d + "yahoo_user_unknown.eml",
        yahoo(
            "Fri, 20 Nov 2026 10:00:18 +0000",
            "<jane.doe@acme.example>:\nRemote host said: 550 5.1.1 <jane.doe@acme.example>... "
            "User unknown [RCPT_TO]\n",
            "1795168818.4417.yahoo",
        ),
        severity="hard",
        status="5.1.1",
        note="Yahoo 'Failure Notice', plain text, 'Remote host said:'",
    )
    c.bounce(
        d + "yahoo_mailbox_disabled_no_enhanced_code.eml",
        yahoo(
            "Fri, 20 Nov 2026 10:00:19 +0000",
            "<jane.doe@acme.example>:\n554: delivery error: dd Sorry your message to "
            "jane.doe@acme.example cannot be delivered. This mailbox is disabled (554.30). "
            "- mta1234.mail.bf1.yahoo.example\n",
            "1795168819.4418.yahoo",
        ),
        severity="hard",
        status=None,
        note="Yahoo 554 'mailbox is disabled (554.30)': 5xx reply, no x.y.z status",
    )

    # Lotus Domino / Notes ---------------------------------------------------------------
    b = "0__=4EBB0A1CDFB0C5A08f9e8a93df938690918c4EBB0A1CDFB0C5A0"
    reason = "User jane.doe (jane.doe@acme.example) not listed in Domino Directory"
    c.bounce(
        d + "domino_en_report.eml",
        f"""Return-Path: <>
Received: from domino01.acme.example ([192.0.2.40]) by mx.acme.example; Fri, 20 Nov 2026 11:00:14 +0100
From: Postmaster@acme.example
To: alex@example.com
Subject: DELIVERY FAILURE: {reason}
Date: Fri, 20 Nov 2026 11:00:14 +0100
Message-ID: <OF1A2B3C4D.5E6F7081-ONC1258A12.00371234@acme.example>
X-Mailer: HCL Domino Release 12.0.2FP3
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="{b}"

"""
        + multipart(
            b,
            [
                part(
                    "Content-Type: text/plain; charset=US-ASCII\n",
                    f"""Your message

  Subject: {SUBJECT}

was not delivered to:

  jane.doe@acme.example

because:

  {reason}
""",
                ),
                dsn_part(
                    f"""Reporting-MTA: dns;domino01.acme.example
Arrival-Date: Fri, 20 Nov 2026 11:00:13 +0100

Final-Recipient: rfc822;jane.doe@acme.example
Action: failed
Status: 5.0.0
Diagnostic-Code: X-Notes; {reason}
""",
                    "",
                ),
                part("Content-Type: message/rfc822\n", ORIGINAL),
            ],
        ),
        severity="hard",
        status="5.0.0",
        note="Domino 'was not delivered to: ... because:' with a DSN (5.0.0, X-Notes diagnostic)",
    )
    domino = {
        "fr": (
            "ÉCHEC DE LA REMISE",
            "Votre message",
            "Objet",
            "n'a pas été remis à :",
            "car :",
            "Utilisateur jane.doe (jane.doe@acme.example) non répertorié dans l'annuaire Domino",
            "iso-8859-1",
        ),
        "es": (
            "ERROR DE ENTREGA",
            "Su mensaje",
            "Asunto",
            "no se ha entregado a:",
            "porque:",
            "El usuario jane.doe (jane.doe@acme.example) no se encuentra en el Directorio de Domino",
            "iso-8859-1",
        ),
        "de": (
            "ZUSTELLUNGSFEHLER",
            "Ihre Nachricht",
            "Betreff",
            "wurde nicht zugestellt an:",
            "weil:",
            "Benutzer jane.doe (jane.doe@acme.example) ist nicht im Domino-Verzeichnis aufgeführt",
            "iso-8859-1",
        ),
    }
    for lang, (subj, your, subjw, notdel, because, why, cs) in domino.items():
        text = f"""{your}

  {subjw}: {SUBJECT}

{notdel}

  jane.doe@acme.example

{because}

  {why}
"""
        c.bounce(
            d + f"domino_{lang}_no_code.eml",
            f"""Return-Path: <>
From: Postmaster@acme.example
To: alex@example.com
Subject: {encoded_words(subj + ": " + why, cs, "Q", 40)}
Date: Fri, 20 Nov 2026 11:00:15 +0100
Message-ID: <OF2B3C4D5E.{lang.upper()}6F7081-ONC1258A12.00371299@acme.example>
X-Mailer: HCL Domino Release 12.0.2FP3
MIME-Version: 1.0
Content-Type: text/plain; charset={cs}
Content-Transfer-Encoding: quoted-printable

{qp(text, cs)}""",
            severity="hard",
            status=None,
            note=f"Domino text-only report in {lang}: no DSN, no code, no English keyword",
        )
    c.bounce(
        d + "notes_failure_reasons.eml",
        f"""Return-Path: <>
From: Postmaster@notes.acme.example
To: alex@example.com
Subject: Undeliverable message
Date: Fri, 20 Nov 2026 10:00:20 +0000
Message-ID: <OF3C4D5E6F.70819A2B-ON85258A12.0037AB12@notes.acme.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-1

------- Failure Reasons  --------

User not listed in public Name & Address Book
jane.doe@acme.example


------- Returned Message --------
{ORIGINAL}""",
        severity="hard",
        status=None,
        note="older Lotus Notes 'Failure Reasons' report, no code",
    )

    # Google Groups ----------------------------------------------------------------------
    c.bounce(
        d + "google_groups_no_permission.eml",
        f"""Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.example>
To: alex@example.com
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
X-Failed-Recipients: jane.doe@acme.example
Message-ID: <5f6a7b8c.1c69fb81.abcd.1234.GMR@mx.google.example>
Date: Fri, 20 Nov 2026 02:00:21 -0800 (PST)
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

Hello alex@example.com,

We're writing to let you know that the group you tried to contact (jane.doe) may not exist, or you may not have permission to post messages to the group. A few more details on why you weren't able to post:

 * You might have spelled or formatted the group name incorrectly.
 * The owner of the group may have removed this group.
 * You may need to join the group before receiving permission to post.
 * This group may not be open to posting.

If you have questions related to this or any other Google Group, visit the Help Center at https://support.google.example/a/acme.example/bin/topic.py?topic=25838.

Thanks,

acme.example admins



----- Original message -----

{ORIGINAL}""",
        severity="hard",
        status=None,
        note="Google Groups 'group may not exist, or no permission to post': no code",
    )
    c.bounce(
        d + "google_groups_de_no_permission.eml",
        """Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.example>
To: alex@example.com
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
X-Failed-Recipients: jane.doe@acme.example
Message-ID: <5f6a7b8c.1c69fb81.bcde.2345.GMR@mx.google.example>
Date: Fri, 20 Nov 2026 02:00:22 -0800 (PST)
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

"""
        + qp(f"""Hallo alex@example.com,

wir möchten Sie darüber informieren, dass die Gruppe, die Sie kontaktieren wollten (jane.doe), möglicherweise nicht existiert oder Sie keine Berechtigung haben, Nachrichten an diese Gruppe zu senden. Mögliche Gründe:

 * Der Gruppenname wurde falsch geschrieben oder formatiert.
 * Der Inhaber der Gruppe hat sie entfernt.
 * Sie müssen der Gruppe beitreten, bevor Sie posten dürfen.
 * In dieser Gruppe darf nicht gepostet werden.

Vielen Dank

Administratoren von acme.example



----- Original message -----

{ORIGINAL}"""),
        severity="hard",
        status=None,
        note="Google Groups report in German, QP, no code",
    )

    # MDaemon, Mimecast, GroupWise, Amazon SES, OpenSMTPD, hMailServer -------------------
    b = "MD-1795168823-b4f2"
    c.bounce(
        d + "mdaemon_permanent_failure.eml",
        f"""Return-Path: <>
Received: from mail.acme.example by mail.acme.example (MDaemon 23.5.1)
\twith ESMTP id md50000123456.msg for <alex@example.com>; Fri, 20 Nov 2026 11:00:23 +0100
From: "MDaemon at mail.acme.example" <MDaemon@mail.acme.example>
To: alex@example.com
Subject: Permanent Delivery Failure
Date: Fri, 20 Nov 2026 11:00:23 +0100
Message-ID: <MDAEMON-F202611201100.AA0023462md50000123456@mail.acme.example>
X-MDaemon-Deliver-To: alex@example.com
X-Return-Path: <>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{b}"

"""
        + multipart(
            b,
            [
                part(
                    "Content-Type: text/plain; charset=US-ASCII\n",
                    """The attached message had PERMANENT fatal delivery errors!

After one or more unsuccessful delivery attempts the attached message has
been removed from the mail queue on this server.  The number and frequency
of delivery attempts are determined by local configuration parameters.

YOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS!

--- Session Transcript ---
 Fri 2026-11-20 11:00:23.101: Parsing message <mail.acme.example\\pd50000123456.msg>
 Fri 2026-11-20 11:00:23.102: *  From: alex@example.com
 Fri 2026-11-20 11:00:23.102: *  To: jane.doe@acme.example
 Fri 2026-11-20 11:00:23.104: Attempting SMTP connection to [mbox.acme.example:25]
 Fri 2026-11-20 11:00:23.120: Connection established (192.0.2.33:25)
 Fri 2026-11-20 11:00:23.140: --> MAIL From:<alex@example.com> SIZE=1024
 Fri 2026-11-20 11:00:23.151: <-- 250 2.1.0 Ok
 Fri 2026-11-20 11:00:23.152: --> RCPT To:<jane.doe@acme.example>
 Fri 2026-11-20 11:00:23.163: <-- 550 5.1.1 <jane.doe@acme.example>... User unknown
--- End Transcript ---
""",
                ),
                part("Content-Type: message/rfc822\n", ORIGINAL),
            ],
        ),
        severity="hard",
        status="5.1.1",
        note="MDaemon 'PERMANENT fatal delivery errors' with a session transcript",
    )
    c.bounce(
        d + "mimecast_delivery_failure.eml",
        """Return-Path: <>
From: Postmaster <postmaster@mimecast.example>
To: alex@example.com
Subject: Mimecast Email Delivery Failure
Date: Fri, 20 Nov 2026 10:00:24 +0000
Message-ID: <1795168824-7f3e2a1b9c@eu-smtp-delivery-1.mimecast.example>
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Hello alex@example.com,

An email that you attempted to send to the following address could not be delivered:

-- jane.doe@acme.example

The problem appears to be :

-- Recipient email address is possibly incorrect

Additional information follows :

-- 550 5.1.1 <jane.doe@acme.example>: Recipient address rejected: User unknown in local recipient table

This condition occurred after 1 attempt(s) to deliver over a period of 0 hour(s).

Message details:
  Subject: Feedback on my interview for the Program Manager role
  Sent: Fri, 20 Nov 2026 10:00:00 +0000
""",
        severity="hard",
        status="5.1.1",
        note="Mimecast-style failure report ('-- ' lines), quoted subject only, Auto-Submitted",
    )
    b = "=__Part7A1E2B3C.0__="
    c.bounce(
        d + "groupwise_undeliverable.eml",
        f"""Return-Path: <>
Date: Fri, 20 Nov 2026 11:00:25 +0100
From: postmaster@gw.acme.example
To: alex@example.com
Subject: Message status - undeliverable
Message-ID: <5F3A7B2C.ACME.GWIA@gw.acme.example>
X-Mailer: GroupWise Internet Agent 18.4.2
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{b}"

"""
        + multipart(
            b,
            [
                part(
                    "Content-Type: text/plain\nContent-Disposition: inline\n",
                    f"""The message that you sent was not delivered to the following recipients:

jane.doe@acme.example   User not found

  Subject: {SUBJECT}
  Sent:    20/11/2026 11:00
""",
                ),
                part("Content-Type: message/rfc822\n", ORIGINAL),
            ],
        ),
        severity="hard",
        status=None,
        note="GroupWise 'Message status - undeliverable', no code",
    )
    b = "=_ses_bounce_0100019355aa1b2c"
    c.bounce(
        d + "amazon_ses_user_unknown.eml",
        f"""Return-Path: <>
From: MAILER-DAEMON@amazonses.example
To: alex@example.com
Subject: Delivery Status Notification (Failure)
Message-ID: <0100019355aa1b2c-5d7e9f01-2a3b-4c5d-8e9f-0a1b2c3d4e5f-000000@email.amazonses.example>
Date: Fri, 20 Nov 2026 10:00:26 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"

"""
        + multipart(
            b,
            [
                part(
                    "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n",
                    "An error occurred while trying to deliver the mail to the following recipients:\n"
                    "jane.doe@acme.example\n",
                ),
                dsn_part(
                    """Reporting-MTA: dns; a8-96.smtp-out.amazonses.example

Action: failed
Final-Recipient: rfc822; jane.doe@acme.example
Diagnostic-Code: smtp; 550 5.1.1 user unknown
Status: 5.1.1
""",
                    "",
                ),
                part("Content-Type: message/rfc822\n", ORIGINAL),
            ],
        ),
        severity="hard",
        status="5.1.1",
        note="Amazon SES bounce; Action: comes before Final-Recipient",
    )
    b = "16273945726.3b8e1f2a@mail.example.net"
    c.bounce(
        d + "opensmtpd_error.eml",
        f"""Return-Path: <>
Received: from localhost (mail.example.net [local])
\tby mail.example.net (OpenSMTPD) with ESMTPA id 9d2f5c1e
\tfor <alex@example.com>; Fri, 20 Nov 2026 10:00:27 +0000 (UTC)
Date: Fri, 20 Nov 2026 10:00:27 +0000 (UTC)
From: Mailer Daemon <MAILER-DAEMON@mail.example.net>
To: alex@example.com
Subject: Delivery status notification: error
Message-ID: <4b2c9e1d7a3f5e60@mail.example.net>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{b}"

"""
        + multipart(
            b,
            [
                part(
                    "Content-Description: Notification\nContent-Type: text/plain; charset=utf-8\n",
                    """Hi!

This is the MAILER-DAEMON, please DO NOT REPLY to this email.

An error has occurred while attempting to deliver a message for
the following list of recipients:

jane.doe@acme.example: 550 5.1.1 <jane.doe@acme.example>: Recipient address rejected: User unknown

Below is a copy of the original message:
""",
                ),
                part(
                    "Content-Description: Message headers\nContent-Type: text/rfc822-headers\n",
                    ORIGINAL_HEADERS,
                ),
            ],
            "This is a MIME-encapsulated message.\n",
        ),
        severity="hard",
        status="5.1.1",
        note="OpenSMTPD 'Delivery status notification: error', multipart/mixed, no DSN",
    )
    c.bounce(
        d + "hmailserver_user_unknown.eml",
        f"""Return-Path: <>
From: mailer-daemon@mail.example.net
To: alex@example.com
Subject: Message undeliverable: {SUBJECT}
Date: Fri, 20 Nov 2026 11:00:28 +0100
Message-ID: <B7E4C1A2-3D5F-4A6B-8C9D-0E1F2A3B4C5D@mail.example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Your message did not reach some or all of the intended recipients.

   Sent: Fri, 20 Nov 2026 11:00:00 +0100
   Subject: {SUBJECT}

The following recipient(s) could not be reached:

jane.doe@acme.example
   Error Type: SMTP
   Remote server (192.0.2.25) issued an error.
   hMailServer sent: RCPT TO:<jane.doe@acme.example>
   Remote server replied: 550 5.1.1 <jane.doe@acme.example>: Recipient address rejected: User unknown

hMailServer
""",
        severity="hard",
        status="5.1.1",
        note="hMailServer 'could not be reached' report, no DSN",
    )


def hard_bounces_generic(c: Corpus) -> None:
    d = "hard_bounce/"
    b = "=_dsn_from_empty_1795168829"
    c.bounce(
        d + "from_empty_angle.eml",
        f"""Return-Path: <>
From: <>
To: alex@example.com
Subject: Delivery failure
Date: Fri, 20 Nov 2026 10:00:29 +0000
Message-ID: <dsn.1795168829.31415@gw.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="{b}"

"""
        + multipart(
            b,
            [
                part(
                    "Content-Type: text/plain; charset=us-ascii\n",
                    "Your message could not be delivered to the following recipient:\n\n"
                    "  jane.doe@acme.example\n\nReason: the mailbox does not exist.\n",
                ),
                dsn_part(
                    """Reporting-MTA: dns; gw.example.net

Final-Recipient: rfc822; jane.doe@acme.example
Action: failed
Status: 5.1.1
""",
                    "",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        ),
        severity="hard",
        status="5.1.1",
        note="From: <> (empty address) on a DSN",
    )
    c.bounce(
        d + "from_mailer_daemon_empty_address.eml",
        f"""Return-Path: <>
From: MAILER-DAEMON <>
To: alex@example.com
Subject: Undeliverable mail: {SUBJECT}
Date: Fri, 20 Nov 2026 10:00:30 +0000
Message-ID: <bounce.1795168830.2718@gw.example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Delivery to jane.doe@acme.example failed permanently.

The remote server said:
550 5.2.1 <jane.doe@acme.example>: The email account that you tried to reach is disabled.

--- Original message headers ---
{ORIGINAL_HEADERS}""",
        severity="hard",
        status="5.2.1",
        note="From: MAILER-DAEMON <> (display name, empty address), plain text, 5.2.1",
    )
    c.bounce(
        d + "from_postmaster_no_code.eml",
        f"""Return-Path: <>
From: postmaster@acme.example
To: alex@example.com
Subject: Message could not be delivered
Date: Fri, 20 Nov 2026 10:00:31 +0000
Message-ID: <pm.1795168831@mx.acme.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

The following recipient was rejected permanently:

    jane.doe@acme.example (mailbox does not exist)

Original message:
  Message-ID: {OUR_ID}
  Subject: {SUBJECT}
""",
        severity="hard",
        status=None,
        note="plain notice from postmaster@: 'rejected permanently', names our Message-ID in the text",
    )
    b = "----=_NoReportType_1795168832"
    c.bounce(
        d + "report_without_report_type.eml",
        f"""Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@gw.example.net>
To: alex@example.com
Subject: Returned mail
Date: Fri, 20 Nov 2026 10:00:32 +0000
Message-ID: <rt.1795168832@gw.example.net>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; boundary="{b}"

"""
        + multipart(
            b,
            [
                part(
                    "Content-Type: text/plain\n",
                    "Your message to jane.doe@acme.example was returned.\n",
                ),
                dsn_part(
                    """Reporting-MTA: dns; gw.example.net

Final-Recipient: rfc822; jane.doe@acme.example
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 No such user
""",
                    "",
                ),
                part("Content-Type: message/rfc822\n", ORIGINAL),
            ],
        ),
        severity="hard",
        status="5.1.1",
        note="multipart/report without a report-type parameter (plus Auto-Submitted): still a DSN",
    )
    for action, status, why in (
        ("failure", "5.1.1", "non-standard Action: failure"),
        ("error", "5.0.0", "non-standard Action: error"),
        ("expired", "4.4.7", "non-standard Action: expired with 4.4.7: the message was given up"),
    ):
        b = f"=_action_{action}_1795168833"
        c.bounce(
            d + f"dsn_action_{action}.eml",
            f"""Return-Path: <>
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.org>
To: alex@example.com
Subject: Delivery Status Notification ({action})
Date: Sat, 21 Nov 2026 10:00:33 +0000
Message-ID: <act-{action}.1795168833@relay.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="{b}"

"""
            + multipart(
                b,
                [
                    part(
                        "Content-Type: text/plain\n",
                        "This is an automatically generated Delivery Status Notification.\n\n"
                        "Delivery to the following recipient could not be completed:\n\n"
                        "    jane.doe@acme.example\n",
                    ),
                    dsn_part(
                        f"""Reporting-MTA: dns; relay.example.org
Arrival-Date: Fri, 20 Nov 2026 10:00:02 +0000

Final-Recipient: rfc822; jane.doe@acme.example
Action: {action}
Status: {status}
""",
                        "",
                    ),
                    part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
                ],
            ),
            severity="hard",
            status=status,
            note=why,
        )
    c.bounce(
        d + "will_not_be_retried_4_2_2.eml",
        f"""Return-Path: <>
From: Mail Delivery Service <mailer-daemon@relay.example.net>
To: alex@example.com
Subject: Undeliverable: {SUBJECT}
Date: Thu, 26 Nov 2026 09:00:34 +0000
Message-ID: <nr.1795168834@relay.example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Delivery to the following recipient failed and will not be retried:

    jane.doe@acme.example

Reason: 452 4.2.2 <jane.doe@acme.example>: Mailbox over quota

The message has been deleted from the queue.

--- Original message headers ---
{ORIGINAL_HEADERS}""",
        severity="hard",
        status="4.2.2",
        note="'will not be retried' wins over a quoted 452 4.2.2",
    )
    c.bounce(
        d + "recipient_only_no_original.eml",
        """Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mta7.example.org>
To: alex@example.com
Subject: Mail delivery failed
Date: Fri, 20 Nov 2026 10:00:35 +0000
Message-ID: <ro.1795168835@mta7.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Your message to <jane.doe@acme.example> could not be delivered.

    550 5.1.1 mailbox unavailable

No copy of the message is attached.
""",
        severity="hard",
        status="5.1.1",
        note="names only the recipient address: no original headers, no Message-ID",
    )
    c.bounce(
        d + "gateway_spam_reject_5_7_1.eml",
        f"""Return-Path: <>
From: Mail Gateway <postmaster@acme.example>
To: alex@example.com
Subject: Message rejected: {SUBJECT}
Date: Fri, 20 Nov 2026 10:00:36 +0000
Message-ID: <gw.1795168836@filter.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Your message to jane.doe@acme.example could not be delivered because the
recipient's mail gateway rejected it.

  554 5.7.1 Message rejected as spam by content filtering.

If you believe this is an error, contact the postmaster of acme.example.
""",
        severity="hard",
        status="5.7.1",
        note="content-filter rejection from postmaster@ with In-Reply-To our id (never an answer)",
    )


# --------------------------------------------------------------------------- soft bounces


def soft_bounces(c: Corpus) -> None:
    d = "soft_bounce/"
    warning = """This is the mail system at host smtp.example.com.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

{reason}
"""
    c.bounce(
        d + "postfix_delayed_4_4_1.eml",
        postfix_bounce(
            queue_id="4ZkQC3n5Ke6z9Y",
            date="Fri, 20 Nov 2026 14:05:11 +0000",
            host="smtp.example.com",
            subject="Delayed Mail (still being retried)",
            reason="",
            text=warning.format(
                reason="<jane.doe@acme.example>: connect to mx.acme.example[192.0.2.25]:25: Connection\n    timed out"
            ),
            dsn="""Reporting-MTA: dns; smtp.example.com
X-Postfix-Queue-ID: 4ZkQC3n5Ke6z9Y
X-Postfix-Sender: rfc822; alex@example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:01 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.acme.example[192.0.2.25]:25:
    Connection timed out
Will-Retry-Until: Wed, 25 Nov 2026 10:00:01 +0000 (UTC)
""",
        ),
        severity="soft",
        status="4.4.1",
        note="Postfix delay warning, Action: delayed (carries Auto-Submitted: auto-replied)",
    )
    c.bounce(
        d + "postfix_delayed_mailbox_full_4_2_2.eml",
        postfix_bounce(
            queue_id="4ZkQD4p6Lf7z0Z",
            date="Fri, 20 Nov 2026 14:05:12 +0000",
            host="smtp.example.com",
            subject="Delayed Mail (still being retried)",
            reason="",
            text=warning.format(
                reason="<jane.doe@acme.example>: host mx.acme.example[192.0.2.25] said: 452 4.2.2\n    <jane.doe@acme.example>: Mailbox full, try again later (in reply to RCPT\n    TO command)"
            ),
            dsn="""Reporting-MTA: dns; smtp.example.com
X-Postfix-Queue-ID: 4ZkQD4p6Lf7z0Z
X-Postfix-Sender: rfc822; alex@example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:01 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: delayed
Status: 4.2.2
Remote-MTA: dns; mx.acme.example
Diagnostic-Code: smtp; 452 4.2.2 <jane.doe@acme.example>: Mailbox full, try
    again later
Will-Retry-Until: Wed, 25 Nov 2026 10:00:01 +0000 (UTC)
""",
        ),
        severity="soft",
        status="4.2.2",
        note="mailbox full, still being retried (4.2.2, Action: delayed)",
    )
    b = "4AKE05s1012777.1795183511/relay.example.net"
    c.bounce(
        d + "sendmail_warning_4_hours.eml",
        f"""Return-Path: <>
Received: from localhost (localhost)
\tby relay.example.net (8.17.2/8.17.2) id 4AKE05s1012777;
\tFri, 20 Nov 2026 14:05:11 GMT
Date: Fri, 20 Nov 2026 14:05:11 GMT
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>
Message-Id: <202611201405.4AKE05s1012777@relay.example.net>
To: <alex@example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
Subject: Warning: could not send message for past 4 hours
Auto-Submitted: auto-generated (warning-timeout)

"""
        + multipart(
            b,
            [
                part(
                    "",
                    """    **********************************************
    **      THIS IS A WARNING MESSAGE ONLY      **
    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
    **********************************************

The original message was received at Fri, 20 Nov 2026 10:00:02 GMT
from smtp.example.com [203.0.113.10]

   ----- Transcript of session follows -----
<jane.doe@acme.example>... Deferred: Connection timed out with mx.acme.example.
Warning: message still undelivered after 4 hours
Will keep trying until message is 5 days old
""",
                ),
                dsn_part(
                    """Reporting-MTA: dns; relay.example.net
Arrival-Date: Fri, 20 Nov 2026 10:00:02 GMT

Final-Recipient: RFC822; jane.doe@acme.example
Action: delayed
Status: 4.4.7
Remote-MTA: DNS; mx.acme.example
Last-Attempt-Date: Fri, 20 Nov 2026 14:05:11 GMT
Will-Retry-Until: Wed, 25 Nov 2026 10:00:02 GMT
""",
                    "",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
            "This is a MIME-encapsulated message",
        ),
        severity="soft",
        status="4.4.7",
        note="Sendmail 4-hour warning: Action: delayed, 4.4.7, 'Will keep trying'",
    )
    c.bounce(
        d + "exim_delay_warning_24h.eml",
        f"""Return-path: <>
Envelope-to: alex@example.com
Delivery-date: Sat, 21 Nov 2026 10:01:02 +0000
Received: from Debian-exim by mail.example.net with local (Exim 4.97)
\tid 1tN4bA-000S01-1a
\tfor alex@example.com; Sat, 21 Nov 2026 10:01:02 +0000
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mail.example.net>
To: alex@example.com
References: {OUR_ID}
Content-Type: text/plain; charset=us-ascii
Subject: Warning: message 1tN4aB-000Qz1-2s delayed 24 hours
Message-Id: <E1tN4bA-000S01-1a@mail.example.net>
Date: Sat, 21 Nov 2026 10:01:02 +0000

This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on mail.example.net.

The message identifier is:     1tN4aB-000Qz1-2s
The subject of the message is: {SUBJECT}
The date of the message is:    {SENT}

The address to which the message has not yet been delivered is:

  jane.doe@acme.example
    host mx.acme.example [192.0.2.25]
    Delay reason: SMTP error from remote mail server after RCPT TO:<jane.doe@acme.example>:
    452 4.2.2 <jane.doe@acme.example>: Mailbox full

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.
""",
        severity="soft",
        status="4.2.2",
        note="Exim delay warning: 'will give up' is future tense, not 'given up'; Auto-Submitted",
    )
    b = "1795255262-eximdsn-846930886"
    c.bounce(
        d + "exim_delay_dsn_report.eml",
        f"""Return-path: <>
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mail.example.net>
To: alex@example.com
References: {OUR_ID}
Content-Type: multipart/report; report-type=delivery-status; boundary={b}
MIME-Version: 1.0
Subject: Warning: message 1tN4aC-000R02-3t delayed 24 hours
Message-Id: <E1tN4bB-000S02-2b@mail.example.net>
Date: Sat, 21 Nov 2026 10:01:03 +0000

"""
        + multipart(
            b,
            [
                part(
                    "Content-type: text/plain; charset=us-ascii\n",
                    """This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on mail.example.net.

The address to which the message has not yet been delivered is:

  jane.doe@acme.example
    host mx.acme.example [192.0.2.25]
    Delay reason: Connection timed out

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered.
""",
                ),
                dsn_part(
                    """Reporting-MTA: dns; mail.example.net

Action: delayed
Final-Recipient: rfc822;jane.doe@acme.example
Status: 4.0.0
Remote-MTA: dns; mx.acme.example
Will-Retry-Until: Tue, 24 Nov 2026 10:00:07 +0000
""",
                    "",
                ),
                part("Content-type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        ),
        severity="soft",
        status="4.0.0",
        note="Exim delay warning with a DSN part, Action: delayed",
    )
    c.bounce(
        d + "gmail_delay_inbox_full.eml",
        gmail_report(
            slug="4c5d",
            subject="Delivery Status Notification (Delay)",
            date="Fri, 20 Nov 2026 11:02:10 -0800 (PST)",
            text="""
** Delivery incomplete **

There was a temporary problem delivering your message to jane.doe@acme.example. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.

The response was:
452 4.2.2 <jane.doe@acme.example>: Mailbox full, try again later
""",
            dsn="""Reporting-MTA: dns; googlemail.example
Arrival-Date: Fri, 20 Nov 2026 02:00:11 -0800 (PST)
X-Original-Message-ID: <req-1@example.com>

Final-Recipient: rfc822; jane.doe@acme.example
Action: delayed
Status: 4.2.2
Remote-MTA: dns; mx.acme.example. (192.0.2.25, the server for the domain acme.example.)
Diagnostic-Code: smtp; 452 4.2.2 <jane.doe@acme.example>: Mailbox full, try again later
Last-Attempt-Date: Fri, 20 Nov 2026 11:02:10 -0800 (PST)
Will-Retry-Until: Sun, 22 Nov 2026 02:00:11 -0800 (PST)
""",
        ),
        severity="soft",
        status="4.2.2",
        note="Gmail 'Delivery incomplete': 'if the delivery fails permanently' is conditional",
    )
    c.bounce(
        d + "gmail_legacy_delayed.eml",
        f"""Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.example>
To: alex@example.com
Subject: Delivery Status Notification (Delay)
Message-ID: <000e0cd14d2a8b3c7e04a1f3@googlemail.example>
Date: Fri, 20 Nov 2026 14:00:37 +0000
Content-Type: text/plain; charset=ISO-8859-1

This is an automatically generated Delivery Status Notification

THIS IS A WARNING MESSAGE ONLY.

YOU DO NOT NEED TO RESEND YOUR MESSAGE.

Delivery to the following recipient has been delayed:

     jane.doe@acme.example

Message will be retried for 2 more day(s)

Technical details of temporary failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain acme.example by mx.acme.example. [192.0.2.25].

The error that the other server returned was:
421 4.4.2 mx.acme.example Error: timeout exceeded

----- Original message -----

{ORIGINAL}""",
        severity="soft",
        status="4.4.2",
        note="older Gmail delay text, 'temporary failure', no DSN",
    )
    b = "=_courier_1"
    c.bounce(
        d + "courier_delayed.eml",
        """Return-Path: <>
From: "Courier mail server at mx.example.net" <@>
To: alex@example.com
Subject: WARNING: delayed mail.
Mime-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
    boundary="=_courier_1"
Content-Transfer-Encoding: 7bit
Message-ID: <courier.5F3A9C2D.00001B3C@mx.example.net>
Date: Sat, 21 Nov 2026 10:00:38 +0000

"""
        + multipart(
            b,
            [
                part(
                    'Content-Type: text/plain; charset="utf-8"\n',
                    """This is a delivery status notification from mx.example.net,
running the Courier mail server, version 1.3.12.

The original message was received on Fri, 20 Nov 2026 10:00:02 +0000
from smtp.example.com [203.0.113.10]

----------------------------------------------------------------------

                      DELAYS IN DELIVERING YOUR MESSAGE

This is a warning message only.  Your message remains in the mail queue,
and delivery attempts will continue for some time.

<jane.doe@acme.example>:
    mx.acme.example [192.0.2.25]:
<<< 421 4.4.2 mx.acme.example: timeout
""",
                ),
                dsn_part(
                    """Reporting-MTA: dns; mx.example.net
Arrival-Date: Fri, 20 Nov 2026 10:00:02 +0000

Final-Recipient: rfc822; jane.doe@acme.example
Action: delayed
Status: 4.4.2
Remote-MTA: dns; mx.acme.example [192.0.2.25]
""",
                    "",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        ),
        severity="soft",
        status="4.4.2",
        note="Courier 'DELAYS IN DELIVERING YOUR MESSAGE'",
    )
    b = "MD-1795183539-c5a3"
    c.bounce(
        d + "mdaemon_temporary_failure.eml",
        f"""Return-Path: <>
From: "MDaemon at mail.acme.example" <MDaemon@mail.acme.example>
To: alex@example.com
Subject: Warning: Temporary Delivery Failure
Date: Fri, 20 Nov 2026 15:00:39 +0100
Message-ID: <MDAEMON-W202611201500.AA0039462md50000123999@mail.acme.example>
X-MDaemon-Deliver-To: alex@example.com
X-Return-Path: <>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{b}"

"""
        + multipart(
            b,
            [
                part(
                    "Content-Type: text/plain; charset=US-ASCII\n",
                    """The attached message has encountered temporary delivery errors.

This is a warning message only.  Your message has NOT been removed from the
mail queue; delivery attempts will continue according to local settings.

--- Session Transcript ---
 Fri 2026-11-20 15:00:39.201: --> RCPT To:<jane.doe@acme.example>
 Fri 2026-11-20 15:00:39.215: <-- 451 4.3.0 Temporary failure, please try again later
--- End Transcript ---
""",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        ),
        severity="soft",
        status="4.3.0",
        note="MDaemon temporary failure warning",
    )

    def exch_delay(slug: str, lang: str, subject: str, text: str, date: str) -> str:
        outer = f"_delay_{slug}_"
        return f"""Return-Path: <>
From: Microsoft Outlook
\t<MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com>
To: <alex@example.com>
Date: {date}
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{outer}"
Content-Language: {lang}
Message-ID: <9d8c7b6a-{slug}-4f3e-8d2c-1b0a9f8e7d6c@AM0PR04MB6123.eurprd04.prod.outlook.example>
In-Reply-To: {OUR_ID}
References: {OUR_ID}
Subject: {subject_header(subject + " " + SUBJECT)}
Auto-Submitted: auto-replied
X-MS-Exchange-Message-Is-Ndr:
MIME-Version: 1.0

""" + multipart(
            outer,
            [
                part(
                    'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n',
                    qp(text),
                ),
                dsn_part(
                    """Reporting-MTA: dns;AM0PR04MB6123.eurprd04.prod.outlook.example
Received-From-MTA: dns;laptop.example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:02 +0000

Final-Recipient: rfc822;jane.doe@acme.example
Action: delayed
Status: 4.4.7
Will-Retry-Until: Sun, 22 Nov 2026 10:00:02 +0000
X-Display-Name: Jane Doe
""",
                    "",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        )

    c.bounce(
        d + "exchange_delayed_en.eml",
        exch_delay(
            "en00",
            "en-US",
            "Delivery delayed:",
            """Delivery is delayed to these recipients or groups:

jane.doe@acme.example (jane.doe@acme.example)

This message hasn't been delivered yet. Delivery will continue to be attempted.

The server will keep trying to deliver this message for the next 1 days, 19 hours and 52 minutes. You'll be notified if the message can't be delivered by that time.
""",
            "Fri, 20 Nov 2026 14:08:00 +0000",
        ),
        severity="soft",
        status="4.4.7",
        note="Exchange Online 'Delivery delayed', Action: delayed 4.4.7, 'will continue to be attempted'",
    )
    c.bounce(
        d + "exchange_delayed_de.eml",
        exch_delay(
            "de00",
            "de-DE",
            "Zustellung verzögert:",
            """Die Zustellung an folgende Empfänger oder Gruppen verzögert sich:

jane.doe@acme.example (jane.doe@acme.example)

Diese Nachricht wurde noch nicht zugestellt. Es wird weiterhin versucht, die Nachricht zuzustellen.

Der Server versucht noch 1 Tage, 19 Stunden und 52 Minuten, die Nachricht zuzustellen. Sie werden benachrichtigt, falls die Nachricht bis dahin nicht zugestellt werden kann.
""",
            "Fri, 20 Nov 2026 15:08:00 +0100",
        ),
        severity="soft",
        status="4.4.7",
        note="Exchange Online delay warning in German",
    )
    b = "9B095B5ADSN=_01DB3F6E5B3C2D00000B2E55relay01"
    c.bounce(
        d + "iis_smtp_delayed.eml",
        f"""Return-Path: <>
From: postmaster@relay.example.net
To: alex@example.com
Date: Fri, 20 Nov 2026 22:00:40 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
Message-ID: <Qp7yDn2Kx00000b3d@relay.example.net>
Subject: Delivery Status Notification (Delay)

"""
        + multipart(
            b,
            [
                part(
                    'Content-Type: text/plain; charset="us-ascii"\n',
                    """This is an automatically generated Delivery Status Notification.

THIS IS A WARNING MESSAGE ONLY.

YOU DO NOT NEED TO RESEND YOUR MESSAGE.

Delivery to the following recipients has been delayed.

       jane.doe@acme.example
""",
                ),
                dsn_part(
                    """Reporting-MTA: dns;relay.example.net
Received-From-MTA: dns;smtp.example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:02 +0000

Final-Recipient: rfc822;jane.doe@acme.example
Action: delayed
Status: 4.4.7
Will-Retry-Until: Mon, 23 Nov 2026 10:00:02 +0000
""",
                    "",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
            "This is a MIME-formatted message.  \n",
        ),
        severity="soft",
        status="4.4.7",
        note="IIS SMTP delay DSN",
    )
    c.bounce(
        d + "opensmtpd_delay.eml",
        f"""Return-Path: <>
Date: Fri, 20 Nov 2026 14:00:41 +0000 (UTC)
From: Mailer Daemon <MAILER-DAEMON@mail.example.net>
To: alex@example.com
Subject: Delivery status notification: delay
Message-ID: <5c3d0f2e8b4a6f71@mail.example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi!

This is the MAILER-DAEMON, please DO NOT REPLY to this email.

Delivery of your message has been delayed for the following list of
recipients:

jane.doe@acme.example: 421 4.4.2 mx.acme.example: Connection timed out

Delivery will keep being retried; you will receive another notice if it
eventually fails.

Below is a copy of the original message headers:

{ORIGINAL_HEADERS}""",
        severity="soft",
        status="4.4.2",
        note="OpenSMTPD delay notice, no DSN; 'if it eventually fails' is conditional",
    )
    c.bounce(
        d + "mailbox_full_plain_4_2_2.eml",
        f"""Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx2.example.org>
To: alex@example.com
Subject: Delivery problem: {SUBJECT}
Date: Fri, 20 Nov 2026 12:00:42 +0000
Message-ID: <mf.1795176042@mx2.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

We could not deliver your message to jane.doe@acme.example yet.

  452 4.2.2 <jane.doe@acme.example>: Mailbox full

The server will continue to try to deliver it over the next days; you do not
need to do anything.

--- Original message headers ---
{ORIGINAL_HEADERS}""",
        severity="soft",
        status="4.2.2",
        note="mailbox full 4.2.2 with only temporary wording, no DSN",
    )


# --------------------------------------------------------------------------- machine reports


def machine_reports(c: Corpus) -> None:
    d = "machine/"

    def success(
        slug: str,
        *,
        sender: str,
        subject: str,
        text: str,
        dsn: str,
        date: str,
        report_type: bool = True,
        extra: str = "",
    ) -> str:
        b = f"=_success_{slug}_1795168900"
        rt = " report-type=delivery-status;" if report_type else ""
        return f"""Return-Path: <>
From: {sender}
To: alex@example.com
Subject: {subject}
Date: {date}
Message-ID: <ok-{slug}.1795168900@example.net>
{extra}MIME-Version: 1.0
Content-Type: multipart/report;{rt}
\tboundary="{b}"

""" + multipart(
            b,
            [
                part("Content-Type: text/plain; charset=us-ascii\n", text),
                dsn_part(dsn, ""),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        )

    c.add(
        d + "dsn_success_delivered_postfix.eml",
        success(
            "pf",
            sender="MAILER-DAEMON@smtp.example.com (Mail Delivery System)",
            subject="Successful Mail Delivery Report",
            date="Fri, 20 Nov 2026 10:00:05 +0000",
            extra="Auto-Submitted: auto-replied\n",
            text=postfix_text("smtp.example.com", "").replace(
                "I'm sorry to have to inform you that your message could not\n"
                "be delivered to one or more recipients. It's attached below.",
                "Your message was successfully delivered to the destination(s)\n"
                "listed below. If the message was delivered to mailbox you will\n"
                "receive no further notifications. Otherwise you may still receive\n"
                "notifications of mail delivery errors from other systems.",
            )
            + "<jane.doe@acme.example>: delivery via mx.acme.example[192.0.2.25]:25: 250\n"
            "    2.0.0 Ok: queued as 4ZkR0a1b2c3d\n",
            dsn="""Reporting-MTA: dns; smtp.example.com
Arrival-Date: Fri, 20 Nov 2026 10:00:01 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: delivered
Status: 2.0.0
Remote-MTA: dns; mx.acme.example
Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 4ZkR0a1b2c3d
""",
        ),
        kind="machine",
        note="success DSN (Action: delivered, 2.0.0) from MAILER-DAEMON: not a bounce, never an answer",
    )
    c.add(
        d + "dsn_success_relayed_sendmail.eml",
        success(
            "sm",
            sender="Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>",
            subject="Return receipt",
            date="Fri, 20 Nov 2026 10:00:06 GMT",
            extra="Auto-Submitted: auto-generated (relay)\n",
            text="""The original message was received at Fri, 20 Nov 2026 10:00:02 GMT
from smtp.example.com [203.0.113.10]

   ----- The following addresses had successful delivery notifications -----
<jane.doe@acme.example>  (relayed to non-DSN-aware mailer)

   ----- Transcript of session follows -----
<jane.doe@acme.example>... relayed; expect no further notifications
""",
            dsn="""Reporting-MTA: dns; relay.example.net
Arrival-Date: Fri, 20 Nov 2026 10:00:02 GMT

Final-Recipient: RFC822; jane.doe@acme.example
Action: relayed (to non-DSN-aware mailer)
Status: 2.0.0
Remote-MTA: DNS; mx.acme.example
Last-Attempt-Date: Fri, 20 Nov 2026 10:00:06 GMT
""",
        ),
        kind="machine",
        note="success DSN, Action: relayed (with a comment): not a bounce",
    )
    c.add(
        d + "dsn_success_expanded_alias.eml",
        success(
            "ex",
            sender="MAILER-DAEMON@mx.acme.example (Mail Delivery System)",
            subject="Successful Mail Delivery Report",
            date="Fri, 20 Nov 2026 10:00:07 +0000",
            extra="Auto-Submitted: auto-replied\n",
            text="This is the mail system at host mx.acme.example.\n\n"
            "Your message was successfully delivered to the destination(s)\n"
            "listed below.\n\n                   The mail system\n\n"
            "<jane.doe@acme.example>: alias expanded\n",
            dsn="""Reporting-MTA: dns; mx.acme.example
Arrival-Date: Fri, 20 Nov 2026 10:00:05 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@acme.example
Original-Recipient: rfc822;jane.doe@acme.example
Action: expanded
Status: 2.0.0
Diagnostic-Code: X-Postfix; alias expanded
""",
        ),
        kind="machine",
        note="success DSN, Action: expanded: not a bounce",
    )
    c.add(
        d + "dsn_success_exchange_delivered.eml",
        success(
            "xd",
            sender="Microsoft Exchange <postmaster@acme.example>",
            subject=f"Delivered: {SUBJECT}",
            date="Fri, 20 Nov 2026 10:00:08 +0000",
            extra=f"In-Reply-To: {OUR_ID}\nReferences: {OUR_ID}\nAuto-Submitted: auto-replied\n"
            "Content-Language: en-US\n",
            text="Your message has been delivered to the following recipients:\n\n"
            f"Jane Doe (jane.doe@acme.example)<mailto:jane.doe@acme.example>\n\nSubject: {SUBJECT}\n",
            dsn="""Reporting-MTA: dns;EX01.corp.acme.example
Arrival-Date: Fri, 20 Nov 2026 10:00:07 +0000

Final-Recipient: rfc822;jane.doe@acme.example
Action: delivered
Status: 2.0.0
X-Display-Name: Jane Doe
""",
        ),
        kind="machine",
        note="Exchange 'Delivered:' receipt with In-Reply-To our id: not a bounce, not an answer",
    )
    c.add(
        d + "dsn_success_no_report_type.eml",
        success(
            "nr",
            sender="Mail Delivery System <MAILER-DAEMON@gw.example.net>",
            subject="Delivery Status Notification (Success)",
            date="Fri, 20 Nov 2026 10:00:09 +0000",
            report_type=False,
            text="Your message to jane.doe@acme.example was delivered.\n",
            dsn="""Reporting-MTA: dns; gw.example.net

Final-Recipient: rfc822; jane.doe@acme.example
Action: delivered
Status: 2.0.0
""",
        ),
        kind="machine",
        note="success DSN in multipart/report without report-type: not a bounce",
    )

    # MDNs (read receipts) ---------------------------------------------------------------
    def mdn(
        slug: str,
        *,
        subject: str,
        date: str,
        text: str,
        disposition: str,
        extra: str = "",
        ua: str = "Microsoft Outlook 16.0",
        charset: str = "us-ascii",
        cte: str = "7bit",
    ) -> str:
        b = f"----=_MDN_{slug}_1795169000"
        body_text = qp(text, charset) if cte == "quoted-printable" else text
        return f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: {subject}
Date: {date}
Message-ID: <mdn-{slug}.1795169000@mail.acme.example>
{extra}MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification;
\tboundary="{b}"

""" + multipart(
            b,
            [
                part(
                    f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {cte}\n",
                    body_text,
                ),
                part(
                    "Content-Type: message/disposition-notification\n",
                    f"""Reporting-UA: mail.acme.example; {ua}
Final-Recipient: rfc822;jane.doe@acme.example
Original-Message-ID: {OUR_ID}
Disposition: {disposition}
""",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        )

    c.add(
        d + "mdn_outlook_read.eml",
        mdn(
            "ol",
            subject=f"Read: {SUBJECT}",
            date="Fri, 20 Nov 2026 13:12:00 +0000",
            text=f"Your message\n\n  To: Jane Doe\n  Subject: {SUBJECT}\n  Sent: Friday, November 20, "
            "2026 10:00:00 AM (UTC+00:00)\n\nwas read on Friday, November 20, 2026 1:12:00 PM (UTC+00:00).\n",
            disposition="manual-action/MDN-sent-manually; displayed",
        ),
        kind="machine",
        note="read receipt from the contact's own address after the send time: an MDN, never an answer",
    )
    c.add(
        d + "mdn_thunderbird_displayed_references.eml",
        mdn(
            "tb",
            subject=f"Return Receipt (displayed) - {SUBJECT}",
            date="Fri, 20 Nov 2026 14:30:00 +0100",
            text="This is a Return Receipt for the mail that you sent to jane.doe@acme.example.\n\n"
            "Note: This Return Receipt only acknowledges that the message was displayed on the "
            "recipient's computer. There is no guarantee that the recipient has read or understood "
            "the message contents.\n",
            disposition="manual-action/MDN-sent-manually; displayed",
            ua="Thunderbird 128.4.2esr",
            extra=f"References: {OUR_ID}\nIn-Reply-To: {OUR_ID}\n",
        ),
        kind="machine",
        note="Thunderbird MDN with In-Reply-To/References our id: threaded, but a report",
    )
    c.add(
        d + "mdn_not_read_deleted.eml",
        mdn(
            "nr",
            subject=f"Not read: {SUBJECT}",
            date="Mon, 30 Nov 2026 09:00:00 +0000",
            text=f"Your message\n\n  To: Jane Doe\n  Subject: {SUBJECT}\n\nwas deleted without being "
            "read on Monday, November 30, 2026 9:00:00 AM (UTC+00:00).\n",
            disposition="automatic-action/MDN-sent-automatically; deleted",
        ),
        kind="machine",
        note="'Not read' MDN (deleted without being read): a report, not an answer",
    )
    c.add(
        d + "mdn_de_gelesen.eml",
        mdn(
            "de",
            subject=f"Gelesen: {SUBJECT}",
            date="Mon, 23 Nov 2026 08:45:00 +0100",
            text=f"Ihre Nachricht\n\n  An: Jane Doe\n  Betreff: {SUBJECT}\n  Gesendet: Freitag, "
            "20. November 2026 11:00:00 (UTC+01:00)\n\nwurde am Montag, 23. November 2026 08:45:00 "
            "(UTC+01:00) gelesen.\n",
            disposition="manual-action/MDN-sent-manually; displayed",
            charset="utf-8",
            cte="quoted-printable",
        ),
        kind="machine",
        note="German read receipt ('Gelesen:')",
    )

    # ARF feedback reports ---------------------------------------------------------------
    for slug, sender, ua in (
        ("isp", "Feedback Loop <fbl@feedback.mail.example>", "ExampleMail-FBL/2.1"),
        ("jmrp", "staff@hotmail-fbl.example", "Example JMRP/1.0"),
    ):
        b = f"----=_ARF_{slug}_1795169100"
        c.add(
            d + f"arf_abuse_report_{slug}.eml",
            f"""From: {sender}
To: alex@example.com
Subject: Abuse report: {SUBJECT}
Date: Sat, 21 Nov 2026 08:00:00 +0000
Message-ID: <arf-{slug}.1795169100@feedback.mail.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
\tboundary="{b}"

"""
            + multipart(
                b,
                [
                    part(
                        "Content-Type: text/plain; charset=us-ascii\n",
                        "This is an email abuse report for an email message received from IP "
                        "203.0.113.10 on Fri, 20 Nov 2026 10:00:02 +0000.\n",
                    ),
                    part(
                        "Content-Type: message/feedback-report\n",
                        f"""Feedback-Type: abuse
User-Agent: {ua}
Version: 1
Original-Mail-From: <alex@example.com>
Original-Rcpt-To: <jane.doe@acme.example>
Arrival-Date: Fri, 20 Nov 2026 10:00:02 +0000
Source-IP: 203.0.113.10
Reported-Domain: example.com
""",
                    ),
                    part("Content-Type: message/rfc822\n", ORIGINAL),
                ],
            ),
            kind="machine",
            note="ARF feedback report (multipart/report; report-type=feedback-report)",
        )

    # list managers ----------------------------------------------------------------------
    c.add(
        d + "mailman2_awaits_moderator.eml",
        f"""Return-Path: <program-team-bounces@lists.acme.example>
Subject: Your message to Program-team awaits moderator approval
From: program-team-owner@lists.acme.example
To: alex@example.com
Message-ID: <mailman.3.1795169200.4242.program-team@lists.acme.example>
Date: Fri, 20 Nov 2026 10:00:10 +0000
Precedence: bulk
X-BeenThere: program-team@lists.acme.example
X-Mailman-Version: 2.1.39
List-Id: Acme program team <program-team.lists.acme.example>
X-List-Administrivia: yes
Errors-To: program-team-bounces@lists.acme.example
Sender: "Program-team" <program-team-bounces@lists.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit

Your mail to 'Program-team' with the subject

    {SUBJECT}

Is being held until the list moderator can review it for approval.

The reason it is being held:

    Post by non-member to a members-only list

Either the message will get posted to the list, or you will receive
notification of the moderator's decision.  If you would like to cancel
this posting, please visit the following URL:

    https://lists.acme.example/mailman/confirm/program-team/3f2a1b0c9d8e7f6a5b4c
""",
        kind="machine",
        note="Mailman 2 moderation notice quoting our Message-ID in In-Reply-To: a list manager, "
        "never an answer",
    )
    c.add(
        d + "mailman3_held_for_moderation.eml",
        f"""Subject: Your message to program-team@lists.acme.example awaits moderator approval
From: program-team-owner@lists.acme.example
To: alex@example.com
Message-ID: <179516920112.7788.1234567890123456789@lists.acme.example>
Date: Fri, 20 Nov 2026 10:00:11 -0000
Auto-Submitted: auto-generated
Precedence: bulk
X-Mailman-Version: 3.3.9
List-Id: <program-team.lists.acme.example>
References: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit

Your message entitled

    {SUBJECT}

was successfully received by the program-team@lists.acme.example mailing list.

Your message is being held until the list moderator can review it for
approval.  The message is being held because:

    The message is not from a list member

Either the message will get posted to the list, or you will receive
notification of the moderator's decision.
""",
        kind="machine",
        note="Mailman 3 hold notice (References our id, Auto-Submitted)",
    )
    c.add(
        d + "listserv_not_authorized.eml",
        f"""Date: Fri, 20 Nov 2026 10:00:12 +0000
From: "L-Soft list server at LISTS.ACME.EXAMPLE (17.0)" <LISTSERV@LISTS.ACME.EXAMPLE>
Subject: Message ("{SUBJECT}")
To: Alex Candidate <alex@example.com>
Message-ID: <LISTSERV%2611201000120042.0A1B@LISTS.ACME.EXAMPLE>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"

You are not authorized to send mail to the PROGRAM-L list from your
alex@example.com account. You might be authorized to send to the list from
another of your accounts, or perhaps when using another mail program which
generates slightly different addresses, but LISTSERV has no way to associate
this other account or address with yours. If you need assistance or if you
have any question regarding the policy of the PROGRAM-L list, please contact
the list owners: PROGRAM-L-request@LISTS.ACME.EXAMPLE.
""",
        kind="machine",
        note="LISTSERV rejection notice with In-Reply-To our id",
    )
    c.add(
        d + "sympa_forwarded_to_moderator.eml",
        f"""From: SYMPA <sympa@lists.acme.example>
To: alex@example.com
Subject: Message for list program-team forwarded to the moderator(s)
Date: Fri, 20 Nov 2026 11:00:13 +0100
Message-ID: <sympa.1795169213.9876.321@lists.acme.example>
In-Reply-To: {OUR_ID}
Auto-Submitted: auto-replied
X-Loop: sympa@lists.acme.example
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Your message for list program-team has been forwarded to the list moderator(s).

Subject: {SUBJECT}
""",
        kind="machine",
        note="Sympa moderation notice",
    )
    c.add(
        d + "google_groups_pending_moderation.eml",
        f"""From: "'Google Groups' via Program team" <program-team+noreply@googlegroups.example>
To: alex@example.com
Subject: Your message to program-team is pending approval
Date: Fri, 20 Nov 2026 02:00:14 -0800
Message-ID: <0000000000009a8b7c6d5e4f3a2b@google.example>
In-Reply-To: {OUR_ID}
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

Your message to program-team@googlegroups.example has been received and is
pending approval by a group manager. You will be notified if it is approved
or rejected.

Subject: {SUBJECT}
""",
        kind="machine",
        note="Google Groups pending-approval notice",
    )

    # challenge-response ------------------------------------------------------------------
    c.add(
        d + "challenge_response_plain.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: alex@example.com
Subject: Re: {SUBJECT} [please confirm]
Date: Fri, 20 Nov 2026 10:00:15 +0000
Message-ID: <cr-5d8f1a2b3c@verify.acme.example>
In-Reply-To: {OUR_ID}
References: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Hello,

I use a spam filter that only accepts mail from approved senders. Your
message is being held. Please confirm you are human by visiting the link
below; your message will then be delivered.

    https://verify.acme.example/c/5d8f1a2b3c

You only need to do this once.

-- MailGuard sender verification for jane.doe@acme.example
""",
        kind="machine",
        note="challenge-response from the contact's own address, In-Reply-To our id, no auto headers: "
        "a mail system, never an answer",
    )
    c.add(
        d + "challenge_response_auto_submitted.eml",
        f"""From: jane.doe@acme.example
To: alex@example.com
Subject: Please verify your email: {SUBJECT}
Date: Fri, 20 Nov 2026 10:00:16 +0000
Message-ID: <cr-6e9a2b3c4d@verify.acme.example>
In-Reply-To: {OUR_ID}
Auto-Submitted: auto-replied
X-Challenge: 6e9a2b3c4d
X-Challenge-Response: sender-verification
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

This mailbox is protected against spam. To have your message delivered,
please reply to this email without changing the subject, or click:
https://verify.acme.example/c/6e9a2b3c4d
""",
        kind="machine",
        note="challenge-response with Auto-Submitted: a mail system (machine), recorded, not an answer",
    )

    # auto-forward notices ----------------------------------------------------------------
    c.add(
        d + "autoforward_notice_postmaster.eml",
        f"""From: Mail Administrator <postmaster@acme.example>
To: alex@example.com
Subject: Your message has been forwarded
Date: Fri, 20 Nov 2026 10:00:17 +0000
Message-ID: <fwd.1795169217@mx.acme.example>
In-Reply-To: {OUR_ID}
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Your message to jane.doe@acme.example was delivered and automatically
forwarded to recruiting@acme.example.

Subject: {SUBJECT}
""",
        kind="machine",
        note="auto-forward notice from postmaster@",
    )
    c.add(
        d + "autoforward_notice_from_contact.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: alex@example.com
Subject: Message forwarded: {SUBJECT}
Date: Fri, 20 Nov 2026 10:00:18 +0000
Message-ID: <fwd.1795169218@mail.acme.example>
In-Reply-To: {OUR_ID}
References: {OUR_ID}
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

This mailbox is no longer monitored. Your message has been forwarded
automatically to the recruiting team (recruiting@acme.example).
""",
        kind="machine",
        note="automatic forwarding notice from the contact's address (Auto-Submitted): machine; "
        "no return date",
    )

    # ticket systems ----------------------------------------------------------------------
    c.add(
        d + "ticket_ack_auto_submitted.eml",
        f"""From: Acme Recruiting <recruiting@acme.example>
To: Alex Candidate <alex@example.com>
Subject: [Ticket #123] We received your request
Date: Fri, 20 Nov 2026 10:00:19 +0000
Message-ID: <ticket.123.1795169219@helpdesk.acme.example>
Auto-Submitted: auto-replied
X-Loop: helpdesk
Precedence: bulk
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Dear Alex Candidate,

Thank you for contacting Acme Recruiting. Your request has been received
and ticket #123 has been created:

  "{SUBJECT}"

A member of our team will get back to you. Please keep [Ticket #123] in
the subject of any reply.

This is an automated message.
""",
        kind="machine",
        note="ticket-system acknowledgement from the contact's organisation, no thread headers, "
        "Auto-Submitted: a machine report (it also carries auto-reply headers)",
    )
    c.add(
        d + "ticket_ack_x_autoreply_threaded.eml",
        f"""From: "Acme Talent Team" <talent@acme.example>
To: alex@example.com
Subject: [#REC-4821] Re: {SUBJECT}
Date: Fri, 20 Nov 2026 10:00:20 +0000
Message-ID: <REC-4821.ack@desk.acme.example>
In-Reply-To: {OUR_ID}
References: {OUR_ID}
X-Autoreply: yes
X-Mailer: Acme Desk 5.2
MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"

<html><body><p>Hello,</p>
<p>We have received your message and opened request <b>#REC-4821</b>.
We aim to reply within five working days.</p>
<p>&mdash; Acme Talent Team (automatic notification)</p></body></html>
""",
        kind="machine",
        note="ticket acknowledgement, threaded, X-Autoreply, HTML only",
    )
    c.add(
        d + "postmaster_quarantine_notice.eml",
        f"""From: postmaster@acme.example
To: alex@example.com
Subject: Message held for review: {SUBJECT}
Date: Fri, 20 Nov 2026 10:00:21 +0000
Message-ID: <q.1795169221@filter.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Your message to jane.doe@acme.example has been held in quarantine for
review by the acme.example mail administrators. It will be released or
deleted within 3 days. You do not need to resend it.
""",
        kind="machine",
        note="postmaster quarantine notice quoting our id: never an answer",
    )


# --------------------------------------------------------------------------- auto-replies

JANE = "Jane Doe <jane.doe@acme.example>"


def body_block(text: str, enc: str, charset: str, boundary: str) -> tuple[str, bytes]:
    """(Content-* header lines, encoded body) for a text in one of the usual shapes."""
    if enc == "8bit":
        cte = "7bit" if text.isascii() else "8bit"
        return (
            f'Content-Type: text/plain; charset="{charset}"\nContent-Transfer-Encoding: {cte}\n',
            text.encode(charset),
        )
    if enc == "qp":
        return (
            f'Content-Type: text/plain; charset="{charset}"\n'
            "Content-Transfer-Encoding: quoted-printable\n",
            qp(text, charset).encode("ascii"),
        )
    if enc == "b64":
        return (
            f'Content-Type: text/plain; charset="{charset}"\nContent-Transfer-Encoding: base64\n',
            b64(text, charset).encode("ascii"),
        )
    if enc == "html":
        return (
            f'Content-Type: text/html; charset="{charset}"\n'
            "Content-Transfer-Encoding: quoted-printable\n",
            qp(html_of(text).replace("utf-8", charset), charset).encode("ascii"),
        )
    assert enc == "alt", enc
    body = multipart(
        boundary,
        [
            part(
                f'Content-Type: text/plain; charset="{charset}"\n'
                "Content-Transfer-Encoding: quoted-printable\n",
                qp(text, charset),
            ),
            part(
                f'Content-Type: text/html; charset="{charset}"\n'
                "Content-Transfer-Encoding: quoted-printable\n",
                qp(html_of(text).replace("utf-8", charset), charset),
            ),
        ],
    )
    return f'Content-Type: multipart/alternative;\n\tboundary="{boundary}"\n', body.encode("ascii")


def autoreply(
    *,
    slug: str,
    style: str,
    subject: str,
    date: str,
    text: str,
    lang: str = "en-GB",
    enc: str = "8bit",
    charset: str = "utf-8",
    threaded: bool = True,
    sender: str = JANE,
    subject_enc: str = "Q",
) -> bytes:
    if subject.isascii():
        subj = subject
    else:
        subj = encoded_words(
            subject,
            "utf-8" if subject_enc != "L" else "iso-8859-1",
            "B" if subject_enc == "B" else "Q",
            28,
        )
    thread = f"In-Reply-To: {OUR_ID}\nReferences: {OUR_ID}\n" if threaded else ""
    mid_host = {
        "exchange": "AM0PR04MB6123.eurprd04.prod.exchangelabs.example",
        "exchange_rule": "AM0PR04MB6123.eurprd04.prod.exchangelabs.example",
        "gmail": "mail.gmail.example",
    }.get(style, "mail.acme.example")
    head = ""
    if style in ("exchange", "exchange_rule"):
        head += (
            f"Received: from AM0PR04MB6123.eurprd04.prod.exchangelabs.example "
            f"(2001:db8:208:16c::11)\n by AM0PR04MB6123.eurprd04.prod.exchangelabs.example "
            f"with HTTPS; {date}\n"
        )
    head += f"From: {sender}\nTo: Alex Candidate <alex@example.com>\nSubject: {subj}\n"
    if style in ("exchange", "exchange_rule"):
        head += f"Thread-Topic: {SUBJECT}\nThread-Index: AQHdWk3x8Vb2Kq5e4Ea9yTq7b1C0Pw{slug[:2]}\n"
    head += f"Date: {date}\nMessage-ID: <{slug}.autoreply.1795169300@{mid_host}>\n{thread}"
    head += {
        "exchange": f"Content-Language: {lang}\nX-MS-Has-Attach:\nX-MS-Exchange-Organization-SCL: -1\n"
        "X-MS-TNEF-Correlator:\nX-Auto-Response-Suppress: All\nAuto-Submitted: auto-generated\n",
        "exchange_rule": f"Content-Language: {lang}\nX-MS-Has-Attach:\nX-MS-TNEF-Correlator:\n"
        "X-MS-Exchange-Inbox-Rules-Loop: jane.doe@acme.example\n",
        "gmail": "Auto-Submitted: auto-replied\n",
        "sieve": "Auto-Submitted: auto-replied (vacation)\nX-Sieve: Pigeonhole Sieve 0.5.21\n",
        "zimbra": "Auto-Submitted: auto-replied (zimbra; vacation)\nX-Mailer: Zimbra 10.0.8_GA\n",
        "cpanel": f"X-Autorespond: {subj}\nPrecedence: auto_reply\nX-Precedence: auto_reply\n",
        "xautoreply": "X-Autoreply: yes\n",
        "precedence": "Precedence: auto_reply\n",
        "apple": "X-Apple-Action: vacation\nX-Mailer: iCloud MailClient\n",
        "subject_only": "",
    }[style]
    ctype, body = body_block(text, enc, charset, f"_000_{slug}_alt_")
    return (head + "MIME-Version: 1.0\n" + ctype + "\n").encode("ascii") + body


# (slug, style, subject, date, text, return_date, enc, charset, threaded, Content-Language, note)
S = SUBJECT
NOV20 = "Fri, 20 Nov 2026 10:00:41 +0000"
NOV20_CET = "Fri, 20 Nov 2026 11:00:42 +0100"
OOO: dict[str, list[tuple]] = {
    "en": [
        (
            "exchange_until_friday",
            "exchange",
            f"Automatic reply: {S}",
            NOV20,
            "Thank you for your email.\n\nI am out of the office until Friday, December 4, 2026, with "
            "limited access to email. For anything urgent, please contact Sam Lee at "
            "sam.lee@acme.example.\n\nBest regards,\nJane Doe\n",
            "2026-12-04",
            "alt",
            "utf-8",
            True,
            "en-US",
            "Exchange OOF, 'until Friday, December 4, 2026'",
        ),
        (
            "gmail_vacation_re_subject",
            "gmail",
            f"Re: {S}",
            "Fri, 20 Nov 2026 10:00:43 +0000",
            "Hi,\n\nI'm on annual leave and I'll be back on Monday 7 December. I'll reply to your "
            "message as soon as I can after that.\n\nJane\n",
            "2026-12-07",
            "8bit",
            "utf-8",
            True,
            "en-GB",
            "Gmail vacation responder with an empty subject setting: 'Re: <subject>', but "
            "Auto-Submitted: auto-replied decides",
        ),
        (
            "cpanel_until_us_date",
            "cpanel",
            f"Out of Office: {S}",
            "Fri, 20 Nov 2026 05:00:44 -0500",
            "I'm traveling until 12/8 with limited access to email and will respond when I "
            "return.\n\n-- \nJane Doe | Head of Delivery | Acme Corp\n",
            "2026-12-08",
            "8bit",
            "us-ascii",
            True,
            "en-US",
            "cPanel autoresponder (X-Autorespond, Precedence: auto_reply); US month/day 'until 12/8'",
        ),
        (
            "subject_only_autoreply_two_dates",
            "subject_only",
            f"Out of Office AutoReply: {S}",
            "Fri, 20 Nov 2026 10:00:39 +0000",
            "I will be out of the office starting 20/11/2026 and will not return until "
            "30/11/2026.\n\nIf you need immediate assistance, please call the Acme reception on "
            "+44 20 7946 0000.\n",
            "2026-11-30",
            "8bit",
            "us-ascii",
            False,
            "en-GB",
            "subject only (no auto headers, no thread headers); two dd/mm/yyyy dates, the return is "
            "the second",
        ),
        (
            "exchange_left_company",
            "exchange",
            f"Automatic reply: {S}",
            NOV20,
            "Jane Doe no longer works at Acme Corp. Your email will not be forwarded.\n\nFor "
            "recruitment matters, please write to recruiting@acme.example.\n",
            None,
            "alt",
            "utf-8",
            True,
            "en-US",
            "left-the-company auto-reply: no return date",
        ),
        (
            "xautoreply_html_only",
            "xautoreply",
            f"Away from the office: {S}",
            "Fri, 20 Nov 2026 10:00:45 +0000",
            "Hello,\n\nI'm away at a conference and back in the office on 2 December 2026.\n\n"
            "Kind regards,\nJane\n",
            "2026-12-02",
            "html",
            "utf-8",
            True,
            "en-GB",
            "X-Autoreply: yes, HTML only",
        ),
        (
            "apple_back_on_monday_relative",
            "apple",
            "On vacation",
            "Wed, 2 Dec 2026 14:10:00 -0500",
            "Hello! I'm on vacation this week without my laptop. I'll be back on Monday and will "
            "get back to you then.\n",
            "2026-12-07",
            "8bit",
            "us-ascii",
            True,
            "en-US",
            "X-Apple-Action: vacation; 'back on Monday' relative to Date Wed 2 Dec 2026 = 7 Dec",
        ),
        (
            "sieve_iso_date",
            "sieve",
            f"Auto: {S}",
            "Fri, 20 Nov 2026 10:00:46 +0000",
            "I am currently out of the office. I will be back in the office on 2026-12-07.\n\n"
            "This is an automated reply; your message has not been forwarded.\n",
            "2026-12-07",
            "8bit",
            "us-ascii",
            True,
            "en-GB",
            "Sieve vacation, ISO date",
        ),
        (
            "exchange_year_rollover",
            "exchange",
            f"Automatic reply: Re: {S}",
            "Fri, 18 Dec 2026 16:30:12 +0000",
            "Our offices are closed for the holidays. I will be back on 4 January and will reply "
            "to your message then.\n\nHappy holidays!\nJane\n",
            "2027-01-04",
            "alt",
            "utf-8",
            True,
            "en-GB",
            "dated 18 Dec 2026, '4 January' without a year is 2027-01-04",
        ),
        (
            "exchange_base64_encoded_subject",
            "exchange",
            f"Automatic reply: {S} \u2013 thanks",
            "Fri, 20 Nov 2026 10:00:47 +0000",
            "Thank you for your message. I am on leave and will return on Wednesday 9 December "
            "2026.\n\nJane Doe\n",
            "2026-12-09",
            "b64",
            "utf-8",
            True,
            "en-GB",
            "base64 body; subject RFC 2047 B-encoded (contains an en dash)",
        ),
        (
            "gmail_distractor_dates",
            "gmail",
            "Out of office \u2013 Program Summit",
            "Fri, 20 Nov 2026 10:01:05 +0000",
            "Thanks for your email. I'm attending the Program Summit from 23 to 27 November and "
            "will be back in the office on Monday, 30 November 2026.\n\nYour message of 20 "
            "November has been received and I will answer it after my return.\n",
            "2026-11-30",
            "qp",
            "utf-8",
            True,
            "en-GB",
            "other dates in the text (23-27 Nov, 20 Nov); the return is 30 Nov",
        ),
        (
            "inbox_rule_no_prefix",
            "exchange_rule",
            "Thanks for your message",
            "Fri, 20 Nov 2026 10:00:48 +0000",
            "This is an automated response. The recruiting team is on leave until December 8th "
            "and will reply after that date.\n",
            "2026-12-08",
            "8bit",
            "us-ascii",
            True,
            "en-US",
            "Exchange inbox-rule reply: only X-MS-Exchange-Inbox-Rules-Loop marks it; no subject prefix",
        ),
        (
            "zimbra_vague_next_week",
            "zimbra",
            f"Out of office: {S}",
            "Fri, 20 Nov 2026 10:00:49 +0000",
            "I'm out of the office this week and back next week. Replies may be delayed.\n",
            None,
            "8bit",
            "us-ascii",
            True,
            "en-GB",
            "'back next week' names no date: return_date null",
        ),
        (
            "exchange_bilingual_en_de",
            "exchange",
            f"Automatic reply: {S}",
            NOV20,
            "I am out of the office until Monday, 7 December 2026.\n\n---\n\nIch bin bis Montag, "
            "7. Dezember 2026 nicht im Büro.\n",
            "2026-12-07",
            "alt",
            "utf-8",
            True,
            "en-GB",
            "bilingual English/German, same date twice",
        ),
        (
            "subject_only_returning_tuesday",
            "subject_only",
            f"Out of Office: {S}",
            "Fri, 20 Nov 2026 10:00:50 +0000",
            "I am currently out of the office with no access to email, returning Tuesday 1 "
            "December.\n",
            "2026-12-01",
            "8bit",
            "us-ascii",
            True,
            "en-GB",
            "subject prefix only (threaded), 'returning Tuesday 1 December'",
        ),
    ],
    "de": [
        (
            "exchange_ab_dem",
            "exchange",
            f"Automatische Antwort: {S}",
            NOV20_CET,
            "Vielen Dank für Ihre Nachricht.\n\nIch bin ab dem 8. Dezember wieder im Büro. In "
            "dringenden Fällen wenden Sie sich bitte an Sam Lee (sam.lee@acme.example).\n\nMit "
            "freundlichen Grüßen\nJane Doe\n",
            "2026-12-08",
            "alt",
            "utf-8",
            True,
            "de-DE",
            "'Ich bin ab dem 8. Dezember wieder im Büro'",
        ),
        (
            "subject_only_abwesenheitsnotiz_bis",
            "subject_only",
            f"Abwesenheitsnotiz: {S}",
            NOV20_CET,
            "Sehr geehrte Damen und Herren,\n\nich bin bis 04.12.2026 nicht im Büro und habe "
            "keinen Zugriff auf meine E-Mails. Ihre Nachricht wird nicht weitergeleitet.\n\nMit "
            "freundlichen Grüßen\nJane Doe\n",
            "2026-12-04",
            "qp",
            "iso-8859-1",
            False,
            "de-DE",
            "'Abwesenheitsnotiz:' subject only, no thread; numeric 'bis 04.12.2026'; Latin-1 QP",
        ),
        (
            "gmail_ab_montag",
            "gmail",
            "Ich bin nicht im Büro",
            "Fri, 20 Nov 2026 11:00:43 +0100",
            "Hallo,\n\nich bin im Urlaub. Ab Montag, dem 7. Dezember 2026, bin ich wieder für Sie "
            "erreichbar.\n\nViele Grüße\nJane\n",
            "2026-12-07",
            "8bit",
            "utf-8",
            True,
            "de-DE",
            "Gmail vacation, German, 'Ab Montag, dem 7. Dezember 2026'",
        ),
        (
            "xautoreply_elternzeit",
            "xautoreply",
            "Abwesenheitsnotiz",
            "Fri, 20 Nov 2026 11:00:44 +0100",
            "Ich befinde mich derzeit in Elternzeit. Ihre E-Mail wird nicht gelesen und nicht "
            "weitergeleitet. Bitte wenden Sie sich an recruiting@acme.example.\n",
            None,
            "qp",
            "utf-8",
            True,
            "de-DE",
            "parental leave, no return date",
        ),
        (
            "sieve_einschliesslich",
            "sieve",
            f"Auto: {S}",
            "Fri, 20 Nov 2026 11:00:45 +0100",
            "Ich bin vom 23.11. bis einschließlich 02.12.2026 auf Dienstreise und lese meine "
            "E-Mails nur unregelmäßig.\n",
            "2026-12-03",
            "8bit",
            "utf-8",
            True,
            "de-DE",
            "'vom 23.11. bis einschließlich 02.12.2026': the end date",
        ),
        (
            "inbox_rule_ihre_nachricht",
            "exchange_rule",
            "Vielen Dank für Ihre Nachricht",
            "Fri, 20 Nov 2026 11:00:47 +0100",
            "Dies ist eine automatische Antwort. Ich bin bis zum 4. Dezember 2026 nicht erreichbar "
            "und beantworte Ihre Nachricht danach.\n",
            "2026-12-04",
            "qp",
            "utf-8",
            True,
            "de-DE",
            "Exchange inbox-rule reply (X-MS-Exchange-Inbox-Rules-Loop only), no subject prefix",
        ),
        (
            "html_mittwoch",
            "gmail",
            f"Automatische Antwort: {S}",
            "Fri, 20 Nov 2026 11:00:46 +0100",
            "Guten Tag,\n\nich bin ab Mittwoch, 9. Dezember wieder da und melde mich dann bei "
            "Ihnen.\n\nJane Doe\n",
            "2026-12-09",
            "html",
            "utf-8",
            True,
            "de-DE",
            "HTML only, 'ab Mittwoch, 9. Dezember'",
        ),
    ],
    "fr": [
        (
            "exchange_de_retour",
            "exchange",
            f"Réponse automatique : {S}",
            NOV20_CET,
            "Bonjour,\n\nJe suis absente du bureau et serai de retour le 8 décembre. Pour toute "
            "demande urgente, merci de contacter Sam Lee (sam.lee@acme.example).\n\nCordialement,\n"
            "Jane Doe\n",
            "2026-12-08",
            "alt",
            "utf-8",
            True,
            "fr-FR",
            "'serai de retour le 8 décembre'",
        ),
        (
            "cpanel_lundi",
            "cpanel",
            f"Réponse automatique: {S}",
            "Fri, 20 Nov 2026 11:00:47 +0100",
            "Bonjour,\n\nJe serai de retour le lundi 7 décembre 2026. Je traiterai votre message "
            "dès mon retour.\n\nBien cordialement,\nJane Doe\n",
            "2026-12-07",
            "qp",
            "iso-8859-1",
            True,
            "fr-FR",
            "cPanel headers, Latin-1 QP",
        ),
        (
            "zimbra_jusqu_au_inclus",
            "zimbra",
            "Absence",
            "Fri, 20 Nov 2026 11:00:48 +0100",
            "Je suis absente jusqu'au 04/12/2026 inclus, sans accès à ma messagerie.\n",
            "2026-12-07",
            "8bit",
            "utf-8",
            True,
            "fr-FR",
            "'jusqu'au 04/12/2026 inclus'",
        ),
        (
            "subject_only_conge_maternite",
            "subject_only",
            f"Réponse automatique : {S}",
            "Fri, 20 Nov 2026 11:00:49 +0100",
            "Bonjour,\n\nJe suis actuellement en congé maternité. Votre message ne sera pas "
            "transféré.\n\nCordialement\n",
            None,
            "qp",
            "utf-8",
            True,
            "fr-FR",
            "subject prefix only, no return date",
        ),
        (
            "exchange_conges_reprise",
            "exchange",
            f"Réponse automatique : {S}",
            "Fri, 20 Nov 2026 11:00:50 +0100",
            "Bonjour,\n\nJe suis en congés du 21 novembre au 6 décembre inclus. Je reprendrai le "
            "travail le lundi 7 décembre.\n\nCordialement,\nJane Doe\n",
            "2026-12-07",
            "alt",
            "utf-8",
            True,
            "fr-FR",
            "absence '21 novembre au 6 décembre inclus' then an explicit return 'le lundi 7 décembre': "
            "the stated return wins",
        ),
    ],
    "es": [
        (
            "exchange_de_vuelta",
            "exchange",
            f"Respuesta automática: {S}",
            NOV20_CET,
            "Gracias por su mensaje.\n\nEstaré de vuelta el 8 de diciembre. Para asuntos urgentes, "
            "puede escribir a Sam Lee (sam.lee@acme.example).\n\nSaludos cordiales,\nJane Doe\n",
            "2026-12-08",
            "alt",
            "utf-8",
            True,
            "es-ES",
            "'estaré de vuelta el 8 de diciembre'",
        ),
        (
            "subject_only_fuera_hasta",
            "subject_only",
            f"Fuera de la oficina: {S}",
            "Fri, 20 Nov 2026 11:00:51 +0100",
            "Estoy fuera de la oficina hasta el 4 de diciembre de 2026, con acceso limitado al "
            "correo electrónico.\n",
            "2026-12-04",
            "8bit",
            "iso-8859-1",
            True,
            "es-ES",
            "'Fuera de la oficina:' subject only, Latin-1 8bit, 'hasta el 4 de diciembre de 2026'",
        ),
        (
            "xautoreply_regreso_numerico",
            "xautoreply",
            f"Respuesta automática: {S}",
            "Fri, 20 Nov 2026 11:00:52 +0100",
            "Hola:\n\nEstoy de viaje. Regreso el lunes 07/12/2026 y le responderé entonces.\n\nUn "
            "saludo,\nJane\n",
            "2026-12-07",
            "qp",
            "utf-8",
            True,
            "es-ES",
            "'Regreso el lunes 07/12/2026'",
        ),
        (
            "gmail_vacaciones_sin_fecha",
            "gmail",
            "Vacaciones",
            "Fri, 20 Nov 2026 11:00:53 +0100",
            "Estoy de vacaciones. Responderé a su mensaje a mi regreso.\n",
            None,
            "8bit",
            "utf-8",
            True,
            "es-ES",
            "no return date",
        ),
        (
            "html_me_incorporo",
            "sieve",
            f"Auto: {S}",
            "Fri, 20 Nov 2026 11:00:54 +0100",
            "Buenos días:\n\nMe incorporo de nuevo el día 9 de diciembre.\n\nGracias,\nJane Doe\n",
            "2026-12-09",
            "html",
            "utf-8",
            True,
            "es-ES",
            "HTML only, 'Me incorporo de nuevo el día 9 de diciembre'",
        ),
    ],
    "it": [
        (
            "exchange_lunedi",
            "exchange",
            f"Risposta automatica: {S}",
            NOV20_CET,
            "Grazie per il messaggio.\n\nSarò di nuovo in ufficio lunedì 7 dicembre. Per urgenze "
            "potete contattare Sam Lee (sam.lee@acme.example).\n\nCordiali saluti,\nJane Doe\n",
            "2026-12-07",
            "alt",
            "utf-8",
            True,
            "it-IT",
            "'Sarò di nuovo in ufficio lunedì 7 dicembre'",
        ),
        (
            "subject_only_fino_al_compreso",
            "subject_only",
            f"Risposta automatica: {S}",
            "Fri, 20 Nov 2026 11:00:55 +0100",
            "Sono fuori ufficio fino al 04/12/2026 compreso, con accesso limitato alla posta "
            "elettronica.\n",
            "2026-12-07",
            "8bit",
            "iso-8859-1",
            False,
            "it-IT",
            "subject only, no thread, 'fino al 04/12/2026 compreso'",
        ),
        (
            "precedence_rientrero",
            "precedence",
            f"Fuori sede: {S}",
            "Fri, 20 Nov 2026 11:00:56 +0100",
            "Buongiorno,\n\nrientrerò l'8 dicembre e risponderò al Suo messaggio al più "
            "presto.\n\nJane Doe\n",
            "2026-12-08",
            "qp",
            "utf-8",
            True,
            "it-IT",
            "'rientrerò l'8 dicembre'",
        ),
        (
            "sieve_ferie_sin_data",
            "sieve",
            f"Auto: {S}",
            "Fri, 20 Nov 2026 11:00:57 +0100",
            "Sono in ferie. Il Suo messaggio non verrà inoltrato.\n",
            None,
            "8bit",
            "utf-8",
            True,
            "it-IT",
            "no return date",
        ),
    ],
    "nl": [
        (
            "exchange_vanaf_maandag",
            "exchange",
            f"Automatisch antwoord: {S}",
            NOV20_CET,
            "Bedankt voor je bericht.\n\nIk ben vanaf maandag 7 december weer op kantoor. Voor "
            "dringende zaken kun je contact opnemen met Sam Lee (sam.lee@acme.example).\n\nMet "
            "vriendelijke groet,\nJane Doe\n",
            "2026-12-07",
            "alt",
            "utf-8",
            True,
            "nl-NL",
            "'vanaf maandag 7 december weer op kantoor'",
        ),
        (
            "subject_only_tot_en_met",
            "subject_only",
            f"Automatisch antwoord: {S}",
            "Fri, 20 Nov 2026 11:00:58 +0100",
            "Ik ben afwezig tot en met 4 december 2026. Uw e-mail wordt niet doorgestuurd.\n",
            "2026-12-07",
            "8bit",
            "us-ascii",
            True,
            "nl-NL",
            "'tot en met 4 december 2026'",
        ),
        (
            "gmail_numeric_dashes",
            "gmail",
            "Afwezigheidsbericht",
            "Fri, 20 Nov 2026 11:00:59 +0100",
            "Hallo,\n\nVanaf 08-12-2026 ben ik weer bereikbaar.\n\nGroet,\nJane\n",
            "2026-12-08",
            "8bit",
            "us-ascii",
            True,
            "nl-NL",
            "'Vanaf 08-12-2026'",
        ),
        (
            "xautoreply_verlof",
            "xautoreply",
            f"Afwezig: {S}",
            "Fri, 20 Nov 2026 11:01:00 +0100",
            "Ik ben momenteel met verlof en lees mijn e-mail niet.\n",
            None,
            "8bit",
            "us-ascii",
            True,
            "nl-NL",
            "no return date",
        ),
    ],
    "pt": [
        (
            "exchange_de_volta",
            "exchange",
            f"Resposta automática: {S}",
            NOV20,
            "Obrigada pela sua mensagem.\n\nEstarei de volta no dia 8 de dezembro. Para assuntos "
            "urgentes, contacte Sam Lee (sam.lee@acme.example).\n\nCumprimentos,\nJane Doe\n",
            "2026-12-08",
            "alt",
            "utf-8",
            True,
            "pt-PT",
            "'Estarei de volta no dia 8 de dezembro'",
        ),
        (
            "subject_only_br_ate",
            "subject_only",
            f"Resposta automática: {S}",
            "Fri, 20 Nov 2026 07:01:01 -0300",
            "Olá,\n\nEstou ausente do escritório até 04/12/2026. Responderei assim que "
            "possível.\n\nAtenciosamente,\nJane Doe\n",
            "2026-12-04",
            "qp",
            "iso-8859-1",
            True,
            "pt-BR",
            "Brazilian Portuguese, 'até 04/12/2026'",
        ),
        (
            "xautoreply_regresso",
            "xautoreply",
            f"Ausente: {S}",
            "Fri, 20 Nov 2026 10:01:02 +0000",
            "Regresso na segunda-feira, 7 de dezembro. Até lá, o acesso ao e-mail é limitado.\n",
            "2026-12-07",
            "b64",
            "utf-8",
            True,
            "pt-PT",
            "'Regresso na segunda-feira, 7 de dezembro', base64",
        ),
        (
            "precedence_licenca",
            "precedence",
            f"Fora do escritório: {S}",
            "Fri, 20 Nov 2026 10:01:03 +0000",
            "Estou de licença e sem acesso ao e-mail.\n",
            None,
            "8bit",
            "utf-8",
            True,
            "pt-PT",
            "no return date",
        ),
    ],
    "pl": [
        (
            "subject_only_autoodpowiedz",
            "subject_only",
            f"Autoodpowiedź: {S}",
            NOV20_CET,
            "Dzień dobry,\n\nbędę z powrotem 7 grudnia 2026 r. Do tego czasu mam ograniczony dostęp "
            "do poczty.\n\nPozdrawiam\nJane Doe\n",
            "2026-12-07",
            "qp",
            "iso-8859-2",
            True,
            "pl-PL",
            "'Autoodpowiedź:' subject only, ISO-8859-2 QP, '7 grudnia 2026 r.'",
        ),
        (
            "exchange_do_grudnia",
            "exchange",
            f"Automatyczna odpowiedź: {S}",
            "Fri, 20 Nov 2026 11:01:04 +0100",
            "Dziękuję za wiadomość. Jestem poza biurem do 4 grudnia. W pilnych sprawach proszę "
            "kontaktować się z Samem Lee (sam.lee@acme.example).\n",
            "2026-12-04",
            "alt",
            "utf-8",
            True,
            "pl-PL",
            "'poza biurem do 4 grudnia'",
        ),
        (
            "cpanel_wracam",
            "cpanel",
            f"Nieobecność: {S}",
            "Fri, 20 Nov 2026 11:01:05 +0100",
            "Jestem na urlopie. Wracam 08.12.2026 i wtedy odpowiem na Państwa wiadomość.\n",
            "2026-12-08",
            "8bit",
            "utf-8",
            True,
            "pl-PL",
            "'Wracam 08.12.2026'",
        ),
        (
            "xautoreply_urlop",
            "xautoreply",
            f"Autoodpowiedź: {S}",
            "Fri, 20 Nov 2026 11:01:06 +0100",
            "Przebywam na urlopie. Wiadomości nie są przekazywane.\n",
            None,
            "qp",
            "utf-8",
            True,
            "pl-PL",
            "no return date",
        ),
    ],
    "sv": [
        (
            "subject_only_franvaro",
            "subject_only",
            f"Frånvaro: {S}",
            NOV20_CET,
            "Hej!\n\nJag är tillbaka måndag den 7 december. Vid brådskande ärenden, kontakta Sam "
            "Lee (sam.lee@acme.example).\n\nVänliga hälsningar\nJane Doe\n",
            "2026-12-07",
            "8bit",
            "utf-8",
            True,
            "sv-SE",
            "'Frånvaro:' subject only",
        ),
        (
            "exchange_till_och_med",
            "exchange",
            f"Automatiskt svar: {S}",
            "Fri, 20 Nov 2026 11:01:07 +0100",
            "Tack för ditt meddelande. Jag är ledig till och med 4 december 2026 och läser inte "
            "e-post under tiden.\n",
            "2026-12-07",
            "alt",
            "utf-8",
            True,
            "sv-SE",
            "'till och med 4 december 2026'",
        ),
        (
            "xautoreply_iso",
            "xautoreply",
            "Frånvaromeddelande",
            "Fri, 20 Nov 2026 11:01:08 +0100",
            "Jag är på tjänsteresa. Åter på kontoret 2026-12-08.\n",
            "2026-12-08",
            "qp",
            "iso-8859-1",
            True,
            "sv-SE",
            "'Åter på kontoret 2026-12-08'",
        ),
        (
            "gmail_foraldraledig",
            "gmail",
            "Föräldraledig",
            "Fri, 20 Nov 2026 11:01:09 +0100",
            "Jag är föräldraledig och läser inte min e-post. Kontakta recruiting@acme.example.\n",
            None,
            "8bit",
            "utf-8",
            True,
            "sv-SE",
            "no return date",
        ),
    ],
    "da": [
        (
            "subject_only_automatisk_svar",
            "subject_only",
            f"Automatisk svar: {S}",
            NOV20_CET,
            "Hej,\n\nJeg er tilbage mandag den 7. december. Henvendelser vedrørende rekruttering kan "
            "sendes til recruiting@acme.example.\n\nMed venlig hilsen\nJane Doe\n",
            "2026-12-07",
            "8bit",
            "utf-8",
            False,
            "da-DK",
            "'Automatisk svar:' subject only, no thread",
        ),
        (
            "exchange_til_og_med",
            "exchange",
            f"Automatisk svar: {S}",
            "Fri, 20 Nov 2026 11:01:10 +0100",
            "Tak for din mail. Jeg holder ferie til og med den 4. december 2026 og har ikke adgang "
            "til min mail.\n",
            "2026-12-07",
            "alt",
            "utf-8",
            True,
            "da-DK",
            "'til og med den 4. december 2026'",
        ),
        (
            "cpanel_numeric",
            "cpanel",
            f"Fraværsmeddelelse: {S}",
            "Fri, 20 Nov 2026 11:01:11 +0100",
            "Jeg er tilbage på kontoret den 8.12.2026.\n",
            "2026-12-08",
            "qp",
            "iso-8859-1",
            True,
            "da-DK",
            "'den 8.12.2026'",
        ),
        (
            "xautoreply_barsel",
            "xautoreply",
            "Ikke på kontoret",
            "Fri, 20 Nov 2026 11:01:12 +0100",
            "Jeg er på barsel og læser ikke mails.\n",
            None,
            "8bit",
            "utf-8",
            True,
            "da-DK",
            "no return date",
        ),
    ],
    "no": [
        (
            "subject_only_fravaer",
            "subject_only",
            f"Fravær: {S}",
            NOV20_CET,
            "Hei,\n\njeg er tilbake på kontoret mandag 7. desember. Ved hastesaker, kontakt Sam Lee "
            "(sam.lee@acme.example).\n\nMed vennlig hilsen\nJane Doe\n",
            "2026-12-07",
            "qp",
            "utf-8",
            True,
            "nb-NO",
            "'Fravær:' subject only",
        ),
        (
            "exchange_til_og_med",
            "exchange",
            f"Automatisk svar: {S}",
            "Fri, 20 Nov 2026 11:01:13 +0100",
            "Takk for e-posten din. Jeg har ferie til og med 4. desember 2026.\n",
            "2026-12-07",
            "alt",
            "utf-8",
            True,
            "nb-NO",
            "'til og med 4. desember 2026'",
        ),
        (
            "xautoreply_tilbake",
            "xautoreply",
            "Fraværsmelding",
            "Fri, 20 Nov 2026 11:01:14 +0100",
            "Tilbake 08.12.2026. Jeg svarer på e-posten din da.\n",
            "2026-12-08",
            "8bit",
            "utf-8",
            True,
            "nb-NO",
            "'Tilbake 08.12.2026'",
        ),
        (
            "gmail_permisjon",
            "gmail",
            "Permisjon",
            "Fri, 20 Nov 2026 11:01:15 +0100",
            "Jeg er i permisjon og leser ikke e-post.\n",
            None,
            "8bit",
            "utf-8",
            True,
            "nb-NO",
            "no return date",
        ),
    ],
    "fi": [
        (
            "exchange_palaan",
            "exchange",
            f"Automaattinen vastaus: {S}",
            "Fri, 20 Nov 2026 12:01:16 +0200",
            "Kiitos viestistäsi. Olen lomalla ja palaan toimistolle maanantaina 7.12.2026.\n",
            "2026-12-07",
            "alt",
            "utf-8",
            True,
            "fi-FI",
            "Finnish, 'palaan ... maanantaina 7.12.2026'",
        ),
    ],
    "cs": [
        (
            "exchange_mimo_kancelar",
            "exchange",
            f"Automatická odpověď: {S}",
            "Fri, 20 Nov 2026 11:01:17 +0100",
            "Děkuji za zprávu. Jsem mimo kancelář do pátku 4. prosince 2026.\n",
            "2026-12-04",
            "qp",
            "iso-8859-2",
            True,
            "cs-CZ",
            "Czech, 'do pátku 4. prosince 2026'",
        ),
    ],
}


def auto_replies(c: Corpus) -> None:
    for lang, rows in OOO.items():
        for slug, style, subject, date, text, rd, enc, cs, threaded, clang, why in rows:
            c.add(
                f"auto_reply/{lang}_{slug}.eml",
                autoreply(
                    slug=f"{lang}{slug}",
                    style=style,
                    subject=subject,
                    date=date,
                    text=text,
                    lang=clang,
                    enc=enc,
                    charset=cs,
                    threaded=threaded,
                ),
                kind="auto_reply",
                return_date=rd,
                note=f"{style}: {why}",
            )


# --------------------------------------------------------------------------- answers


def reply(
    *,
    slug: str,
    date: str,
    text: str,
    subject: str = f"Re: {SUBJECT}",
    sender: str = JANE,
    threaded: bool = True,
    extra: str = "",
    enc: str = "8bit",
    charset: str = "utf-8",
    mid_host: str = "mail.acme.example",
    subject_enc: str = "Q",
) -> bytes:
    if subject.isascii():
        subj = subject
    else:
        subj = encoded_words(
            subject,
            charset if subject_enc == "Q" else "utf-8",
            "B" if subject_enc == "B" else "Q",
            28,
        )
    thread = f"In-Reply-To: {OUR_ID}\nReferences: {OUR_ID}\n" if threaded else ""
    head = (
        f"From: {sender}\nTo: Alex Candidate <alex@example.com>\nSubject: {subj}\n"
        f"Date: {date}\nMessage-ID: <{slug}.1795169400@{mid_host}>\n{thread}{extra}"
    )
    ctype, body = body_block(text, enc, charset, f"_alt_{slug}_")
    return (head + "MIME-Version: 1.0\n" + ctype + "\n").encode("ascii") + body


FEEDBACK_EN = """Hi Alex,

Thanks for reaching out, and for taking the news so gracefully.

Two things stood out in the panel's notes. First, your answers on stakeholder
management were strong but stayed at a high level; concrete numbers (budget,
team size, timelines) would have made them land better. Second, in the
prioritisation exercise you spent most of the time on the framework and little
on the trade-offs you would actually make.

It was a close decision. Good luck with your search.

Best,
Jane
"""

ON_WROTE = "\nOn Fri, 20 Nov 2026 at 10:00, Alex Candidate <alex@example.com> wrote:\n" + QUOTED

OUTLOOK_QUOTE = f"""
________________________________
From: Alex Candidate <alex@example.com>
Sent: Friday, November 20, 2026 10:00 AM
To: Jane Doe <jane.doe@acme.example>
Subject: {SUBJECT}

{ORIGINAL_BODY}"""

FOREIGN_REPLIES = [
    # (lang, subject prefix, date, charset, enc, text)
    (
        "de",
        "AW:",
        "Tue, 24 Nov 2026 09:12:00 +0100",
        "utf-8",
        "qp",
        "Hallo Alex,\n\nvielen Dank für Ihre Nachricht. Gern gebe ich Ihnen eine kurze Rückmeldung: "
        "Fachlich waren Sie sehr gut vorbereitet. Im Fallbeispiel hätten wir uns gewünscht, dass Sie "
        "Risiken früher ansprechen und klare Prioritäten setzen.\n\nIch wünsche Ihnen viel Erfolg bei "
        "der weiteren Suche.\n\nViele Grüße\nJane Doe\n\nVon: Alex Candidate <alex@example.com>\n"
        "Gesendet: Freitag, 20. November 2026 11:00\nAn: Jane Doe <jane.doe@acme.example>\n"
        f"Betreff: {SUBJECT}\n\n{ORIGINAL_BODY}",
    ),
    (
        "fr",
        "RE :",
        "Tue, 24 Nov 2026 09:13:00 +0100",
        "iso-8859-1",
        "qp",
        "Bonjour Alex,\n\nMerci pour votre message. Le jury a apprécié votre expérience, mais vos "
        "réponses sur la gestion des parties prenantes manquaient d'exemples chiffrés. Sur l'étude "
        "de cas, il aurait fallu expliciter davantage vos arbitrages.\n\nBonne continuation,\nJane "
        "Doe\n\nLe ven. 20 nov. 2026 à 11:00, Alex Candidate <alex@example.com> a écrit :\n"
        + QUOTED,
    ),
    (
        "es",
        "RE:",
        "Tue, 24 Nov 2026 09:14:00 +0100",
        "utf-8",
        "b64",
        "Hola Alex:\n\nGracias por escribir. En general la entrevista fue buena; lo que más pesó fue "
        "que en el caso práctico no concretaste cómo priorizarías con recursos limitados. Te "
        "recomendaría llevar ejemplos con cifras.\n\nMucha suerte,\nJane\n\nEl vie, 20 nov 2026 a "
        "las 11:00, Alex Candidate (<alex@example.com>) escribió:\n" + QUOTED,
    ),
    (
        "it",
        "R:",
        "Tue, 24 Nov 2026 09:15:00 +0100",
        "utf-8",
        "8bit",
        "Ciao Alex,\n\ngrazie del messaggio. Il colloquio è andato bene; il punto debole è stato il "
        "caso pratico, dove mancava una stima di tempi e rischi. Ti consiglio di portare esempi "
        "concreti con numeri.\n\nIn bocca al lupo,\nJane\n\nIl giorno ven 20 nov 2026 alle ore "
        "11:00 Alex Candidate <alex@example.com> ha scritto:\n" + QUOTED,
    ),
    (
        "nl",
        "Antw:",
        "Tue, 24 Nov 2026 09:16:00 +0100",
        "utf-8",
        "qp",
        "Hoi Alex,\n\nBedankt voor je bericht. Je kwam goed voorbereid over. Wat de doorslag gaf: "
        "bij de casus bleef je vrij algemeen over prioriteiten, en we misten concrete voorbeelden "
        "met cijfers.\n\nSucces met je zoektocht!\n\nGroet,\nJane\n\nOp vr 20 nov 2026 om 11:00 "
        "schreef Alex Candidate <alex@example.com>:\n" + QUOTED,
    ),
    (
        "pt",
        "Res:",
        "Tue, 24 Nov 2026 06:17:00 -0300",
        "utf-8",
        "qp",
        "Olá Alex,\n\nObrigada pelo contato. Sua entrevista foi boa; o ponto que pesou foi o estudo "
        "de caso, em que faltou detalhar como você priorizaria com recursos limitados. Sugiro trazer "
        "exemplos com números.\n\nBoa sorte!\nJane\n\nEm sex., 20 de nov. de 2026 às 07:00, Alex "
        "Candidate <alex@example.com> escreveu:\n" + QUOTED,
    ),
    (
        "pl",
        "Odp:",
        "Tue, 24 Nov 2026 09:18:00 +0100",
        "iso-8859-2",
        "qp",
        "Dzień dobry,\n\ndziękuję za wiadomość. Rozmowa wypadła dobrze, ale w studium przypadku "
        "zabrakło konkretnych priorytetów i oceny ryzyka. Warto przygotować przykłady z "
        "liczbami.\n\nPowodzenia!\nJane Doe\n\nW dniu 20.11.2026 o 11:00, Alex Candidate pisze:\n"
        + QUOTED,
    ),
    (
        "sv",
        "SV:",
        "Tue, 24 Nov 2026 09:19:00 +0100",
        "utf-8",
        "8bit",
        "Hej Alex,\n\nTack för ditt mejl. Intervjun gick bra, men i caset saknade vi konkreta "
        "prioriteringar och exempel med siffror.\n\nLycka till!\nJane\n\nDen fre 20 nov. 2026 kl "
        "11:00 skrev Alex Candidate <alex@example.com>:\n" + QUOTED,
    ),
    (
        "da",
        "SV:",
        "Tue, 24 Nov 2026 09:20:00 +0100",
        "iso-8859-1",
        "qp",
        "Hej Alex,\n\ntak for din mail. Samtalen gik godt, men i casen manglede vi konkrete "
        "prioriteringer og eksempler med tal.\n\nHeld og lykke!\nJane\n\nFra: Alex Candidate "
        f"<alex@example.com>\nSendt: 20. november 2026 11:00\nEmne: {SUBJECT}\n\n{ORIGINAL_BODY}",
    ),
    (
        "no",
        "Sv:",
        "Tue, 24 Nov 2026 09:21:00 +0100",
        "utf-8",
        "8bit",
        "Hei Alex,\n\ntakk for e-posten. Intervjuet gikk fint, men i casen savnet vi tydelige "
        "prioriteringer og konkrete eksempler.\n\nLykke til videre!\nJane\n\nfre. 20. nov. 2026 kl. "
        "11:00 skrev Alex Candidate <alex@example.com>:\n" + QUOTED,
    ),
    (
        "fi",
        "VS:",
        "Tue, 24 Nov 2026 10:22:00 +0200",
        "utf-8",
        "qp",
        "Hei Alex,\n\nkiitos viestistäsi. Haastattelu meni hyvin, mutta case-tehtävässä olisimme "
        "toivoneet selkeämpiä priorisointeja ja konkreettisia esimerkkejä.\n\nOnnea työnhakuun!\n"
        "Jane\n\nLähettäjä: Alex Candidate <alex@example.com>\nLähetetty: perjantai 20. marraskuuta "
        f"2026 12.00\nAihe: {SUBJECT}\n\n{ORIGINAL_BODY}",
    ),
]


def answers(c: Corpus) -> None:
    d = "answer/"
    c.add(
        d + "en_plain_threaded.eml",
        reply(slug="a01", date="Mon, 23 Nov 2026 16:02:11 +0000", text=FEEDBACK_EN + ON_WROTE),
        kind="answer",
        note="plain reply, In-Reply-To + References, quotes our text",
    )
    c.add(
        d + "en_outlook_alternative_threaded.eml",
        reply(
            slug="a02",
            date="Mon, 23 Nov 2026 16:03:12 +0000",
            subject=f"RE: {SUBJECT}",
            text=FEEDBACK_EN + OUTLOOK_QUOTE,
            enc="alt",
            mid_host="AM0PR04MB6123.eurprd04.prod.exchangelabs.example",
            extra=f"Thread-Topic: {SUBJECT}\nThread-Index: AQHdWk3x8Vb2Kq5e4Ea9yTq7b1C0PwAB\n"
            "Content-Language: en-GB\nX-MS-Has-Attach:\nX-MS-TNEF-Correlator:\n",
        ),
        kind="answer",
        note="Outlook reply, multipart/alternative, 'RE:' and an Outlook quote block",
    )
    c.add(
        d + "en_html_only_threaded.eml",
        reply(slug="a03", date="Mon, 23 Nov 2026 16:04:13 +0000", text=FEEDBACK_EN, enc="html"),
        kind="answer",
        note="HTML-only reply",
    )
    c.add(
        d + "en_references_only.eml",
        reply(
            slug="a04",
            date="Mon, 23 Nov 2026 16:05:14 +0000",
            text=FEEDBACK_EN,
            threaded=False,
            extra=f"References: <prev-thread-77@acme.example>\n {OUR_ID}\n",
        ),
        kind="answer",
        note="no In-Reply-To; our id is the last of two References",
    )
    c.add(
        d + "en_no_thread_headers_new_subject.eml",
        reply(
            slug="a05",
            date="Tue, 24 Nov 2026 08:30:00 +0000",
            threaded=False,
            subject="Your interview - a few thoughts",
            text=FEEDBACK_EN,
        ),
        kind="answer",
        note="from the contact's address after the send time, new subject, no thread headers",
    )
    c.add(
        d + "en_no_thread_uppercase_address.eml",
        reply(
            slug="a06",
            date="Tue, 24 Nov 2026 08:31:00 +0000",
            threaded=False,
            sender='"DOE, JANE" <Jane.Doe@ACME.example>',
            text=FEEDBACK_EN,
        ),
        kind="answer",
        note="contact address in different case, no thread headers",
    )
    c.add(
        d + "en_precedence_bulk_crm.eml",
        reply(
            slug="a07",
            date="Tue, 24 Nov 2026 08:32:00 +0000",
            text=FEEDBACK_EN + ON_WROTE,
            extra="Precedence: bulk\nX-Mailer: Acme CRM Mailer 4.2\n",
        ),
        kind="answer",
        note="human reply sent through a CRM that adds Precedence: bulk (RFC 3834: not an auto-reply)",
    )
    c.add(
        d + "en_precedence_list_via_mailing_list.eml",
        reply(
            slug="a08",
            date="Tue, 24 Nov 2026 08:33:00 +0000",
            text=FEEDBACK_EN + ON_WROTE,
            mid_host="mail.acme.example",
            extra="Precedence: list\nList-Id: Acme hiring panel <hiring-panel.lists.acme.example>\n"
            "List-Unsubscribe: <mailto:hiring-panel-leave@lists.acme.example>,\n"
            " <https://lists.acme.example/mailman/options/hiring-panel>\n"
            "List-Post: <mailto:hiring-panel@lists.acme.example>\n"
            'Sender: "hiring-panel" <hiring-panel-bounces@lists.acme.example>\n'
            "X-BeenThere: hiring-panel@lists.acme.example\nX-Mailman-Version: 2.1.39\n",
        ),
        kind="answer",
        note="human reply that went through a mailing list: Precedence: list, List-Id, List-Unsubscribe",
    )
    c.add(
        d + "en_precedence_junk.eml",
        reply(
            slug="a09",
            date="Tue, 24 Nov 2026 08:34:00 +0000",
            text=FEEDBACK_EN,
            extra="Precedence: junk\n",
        ),
        kind="answer",
        note="human reply with Precedence: junk",
    )
    c.add(
        d + "en_ticket_tool_agent_reply.eml",
        reply(
            slug="a10",
            date="Tue, 24 Nov 2026 08:35:00 +0000",
            sender='"Jane Doe (Acme Recruiting)" <recruiting@acme.example>',
            subject=f"Re: {SUBJECT} [#REC-4821]",
            text=FEEDBACK_EN + ON_WROTE,
            mid_host="desk.acme.example",
            extra="Precedence: bulk\nX-Mailer: Acme Desk 5.2\n"
            "List-Unsubscribe: <https://desk.acme.example/unsubscribe/4821>\n",
        ),
        kind="answer",
        note="a person answering through a helpdesk tool (shared address, Precedence: bulk, "
        "List-Unsubscribe) in the thread: an answer",
    )
    c.add(
        d + "en_subject_re_ann_is_out_of_the_office.eml",
        reply(
            slug="a11",
            date="Wed, 25 Nov 2026 10:00:00 +0000",
            subject="Re: Ann is out of the office",
            text="Hi Alex,\n\nAnn is out of the office this week, so I'm answering for the "
            "panel.\n\n" + FEEDBACK_EN.split("\n\n", 2)[2],
        ),
        kind="answer",
        note="subject mentions 'out of the office' after 'Re:': not an auto-reply",
    )
    c.add(
        d + "en_subject_RE_out_of_office_body_mentions_return.eml",
        reply(
            slug="a12",
            date="Tue, 8 Dec 2026 09:00:00 +0000",
            subject="RE: Out of office",
            text="Hi Alex,\n\nSorry about the automatic reply - I was out of the office until 7 "
            "December and I'm catching up now.\n\n" + FEEDBACK_EN.split("\n\n", 2)[2],
        ),
        kind="answer",
        note="'RE: Out of office' from a person who is back; the body's 'out of the "
        "office until 7 December' is not a return date of an auto-reply",
    )
    c.add(
        d + "en_re_automatic_reply.eml",
        reply(
            slug="a13",
            date="Tue, 8 Dec 2026 09:05:00 +0000",
            subject=f"Re: Automatic reply: {SUBJECT}",
            text=FEEDBACK_EN,
        ),
        kind="answer",
        note="'Re: Automatic reply: ...': the phrase is not a prefix",
    )
    c.add(
        d + "de_aw_automatische_antwort.eml",
        reply(
            slug="a14",
            date="Tue, 8 Dec 2026 10:06:00 +0100",
            subject=f"AW: Automatische Antwort: {SUBJECT}",
            enc="qp",
            text="Hallo Alex,\n\nentschuldigen Sie die automatische Antwort, ich war im Urlaub. "
            "Meine Rückmeldung: Sie waren sehr gut vorbereitet, im Fallbeispiel fehlten uns "
            "aber konkrete Prioritäten.\n\nViele Grüße\nJane Doe\n",
        ),
        kind="answer",
        note="'AW: Automatische Antwort: ...' written by a person",
    )
    for lang, prefix, date, cs, enc, text in FOREIGN_REPLIES:
        c.add(
            d + f"{lang}_reply_threaded.eml",
            reply(
                slug=f"r{lang}",
                date=date,
                subject=f"{prefix} {SUBJECT}",
                text=text,
                enc=enc,
                charset=cs,
            ),
            kind="answer",
            note=f"human reply in {lang}, '{prefix}' subject, {cs} {enc}",
        )
    c.add(
        d + "en_auto_submitted_no.eml",
        reply(
            slug="a15",
            date="Tue, 24 Nov 2026 08:36:00 +0000",
            text=FEEDBACK_EN,
            extra="Auto-Submitted: no\n",
        ),
        kind="answer",
        note="Auto-Submitted: no is explicitly a person",
    )
    c.add(
        d + "en_x_auto_response_suppress.eml",
        reply(
            slug="a16",
            date="Tue, 24 Nov 2026 08:37:00 +0000",
            subject=f"RE: {SUBJECT}",
            text=FEEDBACK_EN + OUTLOOK_QUOTE,
            extra="X-Auto-Response-Suppress: All\nThread-Topic: " + SUBJECT + "\n",
        ),
        kind="answer",
        note="X-Auto-Response-Suppress asks others not to auto-reply; it does not make "
        "this an auto-reply",
    )
    c.add(
        d + "en_declines_feedback.eml",
        reply(
            slug="a17",
            date="Tue, 24 Nov 2026 08:38:00 +0000",
            text="Hi Alex,\n\nThank you for your note. Unfortunately our policy is not to share "
            "individual interview feedback, so I can't go into detail. I'm sorry, and I wish "
            "you the best.\n\nJane\n" + ON_WROTE,
        ),
        kind="answer",
        note="a polite refusal is still an answer",
    )
    c.add(
        d + "en_short_mobile.eml",
        reply(
            slug="a18",
            date="Sat, 21 Nov 2026 18:40:00 +0000",
            text="Happy to help - I'll send a few notes next week.\n\nSent from my iPhone\n",
        ),
        kind="answer",
        note="very short reply from a phone",
    )
    c.add(
        d + "en_thank_you_for_your_message.eml",
        reply(
            slug="a19",
            date="Tue, 24 Nov 2026 08:39:00 +0000",
            text="Thank you for your message.\n\n" + FEEDBACK_EN.split("\n\n", 2)[2],
        ),
        kind="answer",
        note="opens with 'Thank you for your message.' like many auto-replies, but a person wrote it",
    )
    c.add(
        d + "en_colleague_in_thread.eml",
        reply(
            slug="a20",
            date="Tue, 24 Nov 2026 08:40:00 +0000",
            sender="Sam Lee <sam.lee@acme.example>",
            text="Hi Alex,\n\nJane asked me to answer, as I ran the case exercise.\n\n"
            + FEEDBACK_EN.split("\n\n", 2)[2].replace("Jane", "Sam"),
        ),
        kind="answer",
        note="a colleague answering in the thread (In-Reply-To our id): an answer, not merely possible",
    )
    c.add(
        d + "en_personal_address_threaded.eml",
        reply(
            slug="a21",
            date="Sun, 22 Nov 2026 20:00:00 +0000",
            sender="Jane Doe <jane.doe.home@mail.example>",
            mid_host="mail.example",
            text="Hi Alex, writing from my personal account over the weekend.\n\n"
            + FEEDBACK_EN.split("\n\n", 2)[2],
        ),
        kind="answer",
        note="from a personal free-mail address but in the thread",
    )
    c.add(
        d + "en_in_reply_to_with_comment.eml",
        reply(
            slug="a22",
            date="Tue, 24 Nov 2026 08:41:00 +0000",
            threaded=False,
            extra=f'In-Reply-To: {OUR_ID} (Alex Candidate\'s message of "{SENT}")\n',
            text=FEEDBACK_EN,
        ),
        kind="answer",
        note="old-style In-Reply-To with a trailing comment",
    )
    c.add(
        d + "en_signature_announces_absence.eml",
        reply(
            slug="a23",
            date="Tue, 24 Nov 2026 08:42:00 +0000",
            text=FEEDBACK_EN + "\n--\nJane Doe | Head of Delivery | Acme Corp\nPlease note: I "
            "will be out of the office from 21 December to 4 January.\n",
        ),
        kind="answer",
        note="human reply whose signature announces a later absence: no return date",
    )
    c.add(
        d + "en_list_unsubscribe_sales_tool.eml",
        reply(
            slug="a24",
            date="Tue, 24 Nov 2026 08:43:00 +0000",
            text=FEEDBACK_EN,
            extra="List-Unsubscribe: <mailto:unsubscribe@track.sendtool.example?subject=u-48213>\n"
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n",
        ),
        kind="answer",
        note="sent through an outreach tool that adds List-Unsubscribe",
    )
    b = "----=_Part_42_1795169444"
    c.add(
        d + "en_with_pdf_attachment.eml",
        f"""From: {JANE}
To: Alex Candidate <alex@example.com>
Subject: Re: {SUBJECT}
Date: Tue, 24 Nov 2026 08:44:00 +0000
Message-ID: <a25.1795169400@mail.acme.example>
In-Reply-To: {OUR_ID}
References: {OUR_ID}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{b}"

"""
        + multipart(
            b,
            [
                part(
                    'Content-Type: text/plain; charset="utf-8"\n',
                    "Hi Alex,\n\nThe panel's notes are attached, lightly edited.\n\nJane\n",
                ),
                part(
                    'Content-Type: application/pdf; name="interview-notes.pdf"\n'
                    "Content-Transfer-Encoding: base64\n"
                    'Content-Disposition: attachment; filename="interview-notes.pdf"\n',
                    b64("%PDF-1.4\n% feedback notes placeholder\n%%EOF\n", "ascii"),
                ),
            ],
        ),
        kind="answer",
        note="reply with a PDF attachment (multipart/mixed)",
    )
    c.add(
        d + "en_no_thread_within_clock_skew.eml",
        reply(
            slug="a26",
            date="Fri, 20 Nov 2026 09:57:30 +0000",
            threaded=False,
            subject="Re: your interview",
            text="Hi Alex - got your note, I'll reply properly later today.\n\nJane\n",
        ),
        kind="answer",
        note="from the contact, no thread headers, dated 2.5 minutes before the send "
        "time: within the five-minute clock-skew allowance",
    )
    c.add(
        d + "en_no_thread_minus_0000_zone.eml",
        reply(
            slug="a27",
            date="Fri, 20 Nov 2026 10:02:00 -0000",
            threaded=False,
            subject="Quick note",
            text="Hi Alex, thanks - feedback coming next week.\n\nJane\n",
        ),
        kind="answer",
        note="from the contact, no thread headers, Date zone -0000 (UTC)",
    )


def possible_answers(c: Corpus) -> None:
    d = "possible_answer/"
    c.add(
        d + "recruiting_shared_mailbox_new_subject.eml",
        reply(
            slug="p01",
            date="Wed, 25 Nov 2026 09:00:00 +0000",
            threaded=False,
            sender="Acme Recruiting <recruiting@acme.example>",
            subject="Your application at Acme Corp",
            text="Dear Alex,\n\nJane forwarded your message to us. Here is the panel's "
            "feedback: your experience was a strong match, but the case exercise needed more "
            "concrete prioritisation.\n\nKind regards,\nAcme Recruiting\n",
        ),
        kind="answer",
        possible=True,
        note="possible answer: same organisation, no thread (shared mailbox, new subject)",
    )
    c.add(
        d + "colleague_parent_domain.eml",
        reply(
            slug="p02",
            date="Wed, 25 Nov 2026 09:01:00 +0000",
            threaded=False,
            sender="Tom Baker <tom.baker@careers.acme.example>",
            mid_host="careers.acme.example",
            subject="Interview feedback",
            text="Hello Alex,\n\nI sat on your interview panel. A few notes: ...\n\nTom\n",
        ),
        kind="answer",
        possible=True,
        note="possible answer: same organisation (sub-domain of acme.example), no thread",
    )
    c.add(
        d + "hr_re_subject_no_thread_headers.eml",
        reply(
            slug="p03",
            date="Wed, 25 Nov 2026 09:02:00 +0000",
            threaded=False,
            sender="HR Team <hr@acme.example>",
            subject=f"Re: {SUBJECT}",
            text="Hi Alex,\n\nThanks for your message to Jane. We'll collect the panel's notes "
            "and come back to you.\n\nHR Team\n",
        ),
        kind="answer",
        possible=True,
        note="possible answer: same organisation, 'Re:' subject but no thread headers",
    )
    c.add(
        d + "agency_names_contact_company_role.eml",
        reply(
            slug="p04",
            date="Wed, 25 Nov 2026 09:03:00 +0000",
            threaded=False,
            sender="Sam Rivera <sam@talentbridge.example>",
            mid_host="talentbridge.example",
            subject="Feedback from your interview",
            text="Hi Alex,\n\nJane Doe at Acme Corp asked me to pass on some feedback on your "
            "interview for the Program Manager role. In short: strong on delivery, lighter on "
            "stakeholder management.\n\nBest,\nSam Rivera\nTalentBridge Recruitment\n",
        ),
        kind="answer",
        possible=True,
        note="possible answer: another domain, no thread, but names the contact, the company and the role",
    )
    c.add(
        d + "personal_freemail_names_contact_company_role.eml",
        reply(
            slug="p05",
            date="Sat, 28 Nov 2026 11:00:00 +0000",
            threaded=False,
            sender="J. Doe <jd.private@mail.example>",
            mid_host="mail.example",
            subject="from Jane (Acme)",
            text="Hi Alex,\n\nIt's Jane Doe from Acme Corp, writing from my own address. About "
            "your Program Manager interview: you came across well; the case study needed "
            "clearer trade-offs.\n\nJane\n",
        ),
        kind="answer",
        possible=True,
        note="possible answer: free-mail address (not an organisation), no thread, names contact, "
        "company and role",
    )
    c.add(
        d + "colleague_html_only_german.eml",
        reply(
            slug="p06",
            date="Thu, 26 Nov 2026 10:04:00 +0100",
            threaded=False,
            sender="Maria Garcia <maria.garcia@acme.example>",
            subject="Rückmeldung zu Ihrem Vorstellungsgespräch",
            enc="html",
            text="Guten Tag Herr Candidate,\n\nFrau Doe hat mich gebeten, Ihnen zu antworten. "
            "Sie waren gut vorbereitet; im Fallbeispiel fehlten uns klare Prioritäten.\n\n"
            "Freundliche Grüße\nMaria Garcia\n",
        ),
        kind="answer",
        possible=True,
        note="possible answer: same organisation, no thread, HTML only, German, RFC 2047 subject",
    )
    c.add(
        d + "acme_careers_newsletter.eml",
        reply(
            slug="p07",
            date="Thu, 26 Nov 2026 07:00:00 +0000",
            threaded=False,
            sender="Acme Careers <careers-news@acme.example>",
            mid_host="news.acme.example",
            subject="Acme Careers - November news",
            enc="html",
            extra="Precedence: bulk\nList-Id: <careers-news.acme.example>\n"
            "List-Unsubscribe: <https://news.acme.example/u/48213>\n",
            text="Hello,\n\nHere is what's new at Acme this month: new offices, open roles "
            "and our winter events.\n\nThe Acme Careers team\n",
        ),
        kind="answer",
        possible=True,
        note="possible answer by the organisation rule (acme.example, after the send time, no "
        "thread) although it is a newsletter; see the report: a verdict of unrelated is arguable",
    )


def unrelated(c: Corpus) -> None:
    d = "unrelated/"
    c.add(
        d + "acme_rejection_before_request.eml",
        reply(
            slug="u01",
            date="Wed, 18 Nov 2026 15:00:00 +0000",
            threaded=False,
            sender="Acme Recruiting <recruiting@acme.example>",
            subject="Your application for Program Manager",
            text="Dear Alex,\n\nThank you for your interest in Acme Corp. After careful "
            "consideration we have decided to move forward with other candidates.\n\n"
            "Acme Recruiting\n",
        ),
        kind="unrelated",
        note="from the contact's organisation but dated before the request was sent",
    )
    c.add(
        d + "contact_before_request.eml",
        reply(
            slug="u02",
            date="Thu, 12 Nov 2026 09:00:00 +0000",
            threaded=False,
            subject="Interview schedule for Monday",
            text="Hi Alex,\n\nConfirming Monday at 10:00 with the panel.\n\nJane\n",
        ),
        kind="unrelated",
        note="from the contact, no thread, dated a week before the request",
    )
    c.add(
        d + "newsletter_pm_weekly.eml",
        reply(
            slug="u03",
            date="Mon, 23 Nov 2026 06:00:00 +0000",
            threaded=False,
            sender="PM Weekly <news@pmweekly.example>",
            mid_host="pmweekly.example",
            subject="PM Weekly #312: roadmaps that survive contact with reality",
            enc="alt",
            extra="Precedence: bulk\nList-Id: PM Weekly <weekly.pmweekly.example>\n"
            "List-Unsubscribe: <https://pmweekly.example/unsubscribe?u=alex>\n",
            text="This week: five roadmap anti-patterns, a reader Q&A, and new jobs.\n",
        ),
        kind="unrelated",
        note="newsletter from another domain",
    )
    c.add(
        d + "other_company_recruiter.eml",
        reply(
            slug="u04",
            date="Tue, 24 Nov 2026 12:00:00 +0000",
            threaded=False,
            sender="Priya Shah <priya.shah@globex.example>",
            mid_host="globex.example",
            subject="Program Manager opening at Globex",
            text="Hi Alex,\n\nI came across your profile and wondered whether you'd be open to "
            "a chat about a Program Manager role at Globex.\n\nPriya\n",
        ),
        kind="unrelated",
        note="another company about another job (mentions the role, not the contact or Acme)",
    )
    c.add(
        d + "job_alert_mentions_company_and_role.eml",
        reply(
            slug="u05",
            date="Wed, 25 Nov 2026 05:00:00 +0000",
            threaded=False,
            sender="JobBoard Alerts <alerts@jobboard.example>",
            mid_host="jobboard.example",
            subject="New: Program Manager at Acme Corp and 12 more",
            extra="Precedence: bulk\nList-Unsubscribe: <https://jobboard.example/u/77>\n",
            text="New jobs matching your search:\n\n- Program Manager, Acme Corp, London\n"
            "- Senior Program Manager, Initech, Remote\n",
        ),
        kind="unrelated",
        note="names the company and the role but not the contact: not a possible answer",
    )
    c.add(
        d + "spam_fake_re_subject.eml",
        reply(
            slug="u06",
            date="Wed, 25 Nov 2026 03:14:00 +0000",
            threaded=False,
            sender='"Jane Doe" <jane.doe@acme-feedback.example>',
            mid_host="acme-feedback.example",
            subject=f"Re: {SUBJECT}",
            text="Congratulations! You have been selected for an exclusive reward. Click "
            "https://acme-feedback.example/claim to claim it now.\n",
        ),
        kind="unrelated",
        note="spam reusing the subject and the contact's display name from a "
        "look-alike domain; no thread headers",
    )
    c.add(
        d + "spam_generic.eml",
        reply(
            slug="u07",
            date="Thu, 26 Nov 2026 02:00:00 +0000",
            threaded=False,
            sender="Prize Desk <winner@lucky.example>",
            mid_host="lucky.example",
            subject="You have won!!!",
            text="Reply with your bank details to receive your prize.\n",
        ),
        kind="unrelated",
        note="spam",
    )
    c.add(
        d + "friend_personal.eml",
        reply(
            slug="u08",
            date="Fri, 27 Nov 2026 19:00:00 +0000",
            threaded=False,
            sender="Chris <chris@mail.example>",
            mid_host="mail.example",
            subject="Dinner on Saturday?",
            text="Are you free on Saturday? Chris\n",
        ),
        kind="unrelated",
        note="personal mail from a free-mail address",
    )
    c.add(
        d + "bank_notification_noreply.eml",
        reply(
            slug="u09",
            date="Mon, 30 Nov 2026 07:30:00 +0000",
            threaded=False,
            sender="Example Bank <no-reply@bank.example>",
            mid_host="bank.example",
            subject="Your statement is ready",
            text="Your November statement is ready in online banking.\n",
        ),
        kind="unrelated",
        note="notification from an unrelated no-reply sender",
    )


# --------------------------------------------------------------------------- edge encodings


def edge_cases(c: Corpus) -> None:
    d = "edge/"
    c.add(
        d + "auto_reply_raw_utf8_subject.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: Réponse automatique : {SUBJECT} — absente
Date: Fri, 20 Nov 2026 11:02:00 +0100
Message-ID: <e01.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Bonjour, je suis absente et serai de retour le 8 décembre.
""",
        kind="auto_reply",
        return_date="2026-12-08",
        note="raw UTF-8 in Subject (RFC 6532, no encoded words)",
    )
    c.add(
        d + "answer_raw_utf8_subject.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: AW: Rückmeldung zu Ihrem Vorstellungsgespräch
Date: Tue, 24 Nov 2026 10:00:00 +0100
Message-ID: <e02.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Hallo Alex, hier meine Rückmeldung: gut vorbereitet, im Fallbeispiel fehlten Prioritäten.
Jane
""",
        kind="answer",
        note="raw UTF-8 Subject on a human reply",
    )
    c.add(
        d + "auto_reply_latin1_subject_byte.eml",
        (
            f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: Réponse automatique : {SUBJECT}
Date: Fri, 20 Nov 2026 11:02:01 +0100
Message-ID: <e03.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: 8bit

Bonjour,

Je serai de retour le 7 décembre.
"""
        ).encode("latin-1"),
        kind="auto_reply",
        return_date="2026-12-07",
        note="an undeclared Latin-1 byte (0xE9) in the Subject; subject prefix is the only signal",
    )
    c.add(
        d + "answer_latin1_subject_byte.eml",
        (
            f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: AW: Rückfrage zu Ihrem Gespräch
Date: Tue, 24 Nov 2026 10:01:00 +0100
Message-ID: <e04.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: 8bit

Hallo Alex, kurze Rückmeldung: sehr gut vorbereitet. Jane
"""
        ).encode("latin-1"),
        kind="answer",
        note="Latin-1 byte (0xFC) in the Subject of a human reply",
    )
    for slug, diag, enc, why in (
        (
            "utf8",
            "550 5.1.1 <jane.doe@acme.example>: Empfänger unbekannt – Postfach existiert nicht",
            "utf-8",
            "raw UTF-8",
        ),
        (
            "latin1",
            "550 5.1.1 <jane.doe@acme.example>: Destinataire inconnu, boîte aux lettres inexistante",
            "latin-1",
            "raw Latin-1",
        ),
    ):
        b = f"=_8bit_{slug}_1795169501"
        msg = f"""Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: alex@example.com
Subject: Undelivered Mail Returned to Sender
Date: Fri, 20 Nov 2026 10:02:02 +0000
Message-ID: <e05{slug}.1795169500@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="{b}"
Content-Transfer-Encoding: 8bit

""" + multipart(
            b,
            [
                part(
                    "Content-Type: text/plain; charset=us-ascii\n",
                    "Your message could not be delivered to <jane.doe@acme.example>.\n",
                ),
                dsn_part(
                    f"""Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; jane.doe@acme.example
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; {diag}
""",
                    "",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        )
        c.bounce(
            d + f"bounce_8bit_{slug}_diagnostic_code.eml",
            msg.encode(enc),
            severity="hard",
            status="5.1.1",
            note=f"{why} bytes in the Diagnostic-Code of a message/delivery-status part",
        )
    c.add(
        d + "answer_missing_date.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: Re: {SUBJECT}
Message-ID: <e06.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
References: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

{FEEDBACK_EN}""",
        kind="answer",
        note="no Date header; threaded, so the date does not matter",
    )
    c.bounce(
        d + "bounce_missing_date.eml",
        f"""Return-Path: <>
From: MAILER-DAEMON@mx.example.org
To: alex@example.com
Subject: failure notice

Hi. This is the qmail-send program at mx.example.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<jane.doe@acme.example>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

{ORIGINAL}""",
        severity="hard",
        status="5.1.1",
        note="qmail bounce without a Date header",
    )
    c.add(
        d + "auto_reply_garbage_date.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: Automatic reply: {SUBJECT}
Date: sometime next week
Message-ID: <e07.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"

I am away and will be back on 7 December 2026.
""",
        kind="auto_reply",
        return_date="2026-12-07",
        note="unparseable Date header; the return date carries its own year",
    )
    c.add(
        d + "answer_garbage_date.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: Re: {SUBJECT}
Date: Fri, 32 Nov 2026 25:61:00 +9999
Message-ID: <e08.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

{FEEDBACK_EN}""",
        kind="answer",
        note="impossible Date (day 32, hour 25, zone +9999); threaded",
    )
    c.add(
        d + "answer_crlf_line_endings.eml",
        reply(slug="e09", date="Tue, 24 Nov 2026 10:02:00 +0000", text=FEEDBACK_EN + ON_WROTE),
        kind="answer",
        note="CRLF line endings throughout, as IMAP delivers them",
        crlf=True,
    )
    c.bounce(
        d + "bounce_crlf_line_endings.eml",
        postfix_bounce(
            queue_id="4ZkQE5q7Mg8z1A",
            date="Fri, 20 Nov 2026 10:02:03 +0000",
            host="smtp.example.com",
            reason="<jane.doe@acme.example>: host mx.acme.example[192.0.2.25] said: 550 5.1.1\n"
            "    User unknown (in reply to RCPT TO command)",
            dsn="""Reporting-MTA: dns; smtp.example.com

Final-Recipient: rfc822; jane.doe@acme.example
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown
""",
        ),
        severity="hard",
        status="5.1.1",
        note="Postfix DSN with CRLF line endings",
        crlf=True,
    )
    c.add(
        d + "auto_reply_unknown_8bit_charset.eml",
        (
            f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: Abwesenheitsnotiz
Date: Fri, 20 Nov 2026 11:02:04 +0100
Message-ID: <e10.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
X-Autoreply: yes
MIME-Version: 1.0
Content-Type: text/plain; charset=unknown-8bit
Content-Transfer-Encoding: 8bit

Ich bin ab dem 07.12.2026 wieder im Büro.
"""
        ).encode("latin-1"),
        kind="auto_reply",
        return_date="2026-12-07",
        note="body in charset=unknown-8bit (really Latin-1); X-Autoreply",
    )
    c.add(
        d + "answer_unknown_charset_encoded_word_from.eml",
        f"""From: =?x-unknown?q?Jane_D=F6e?= <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: =?x-unknown?q?Re=3A_Feedback?=
Date: Tue, 24 Nov 2026 10:03:00 +0000
Message-ID: <e11.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

{FEEDBACK_EN}""",
        kind="answer",
        note="encoded words in an unknown charset (From display name, Subject)",
    )
    raw = f"Abwesenheitsnotiz: Rückmeldung – {SUBJECT}".encode()
    cuts = [0, 21, 22, 40, 70, len(raw)]  # 21/22 split the two bytes of 'ü'
    words = [base64mime.header_encode(raw[a:b_], "utf-8") for a, b_ in pairwise(cuts)]
    c.add(
        d + "auto_reply_subject_split_inside_character.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: {chr(10).join(" " + w if i else w for i, w in enumerate(words))}
Date: Fri, 20 Nov 2026 11:02:05 +0100
Message-ID: <e12.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Ich bin bis einschließlich 4. Dezember 2026 im Urlaub.
""",
        kind="auto_reply",
        return_date="2026-12-07",
        note="subject prefix only; the encoded words split the UTF-8 bytes of one character",
    )
    c.add(
        d + "answer_header_no_space_after_colon.eml",
        f"""From:Jane Doe <jane.doe@acme.example>
To:alex@example.com
Subject:Re: {SUBJECT}
Date:Tue, 24 Nov 2026 10:04:00 +0000
Message-ID:<e13.1795169500@mail.acme.example>
In-Reply-To:{OUR_ID}
MIME-Version:1.0
Content-Type:text/plain; charset=utf-8

{FEEDBACK_EN}""",
        kind="answer",
        note="no space after the colon in any header",
    )
    c.bounce(
        d + "dsn_lowercase_field_names_uppercase_values.eml",
        """Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@gw.example.net>
To: alex@example.com
Subject: Returned mail
Date: Fri, 20 Nov 2026 10:02:06 +0000
Message-ID: <e14.1795169500@gw.example.net>
MIME-Version: 1.0
Content-Type: MULTIPART/REPORT; REPORT-TYPE=DELIVERY-STATUS; BOUNDARY="=_lc_1795169506"

"""
        + multipart(
            "=_lc_1795169506",
            [
                part("Content-Type: text/plain\n", "Delivery failed.\n"),
                part(
                    "Content-Type: Message/Delivery-Status\n",
                    """reporting-mta: dns; gw.example.net

final-recipient: RFC822; JANE.DOE@ACME.EXAMPLE
action: FAILED
status: 5.1.1
""",
                ),
                part("Content-Type: text/rfc822-headers\n", ORIGINAL_HEADERS),
            ],
        ),
        severity="hard",
        status="5.1.1",
        note="upper-case content type, lower-case DSN field names, upper-case values and address",
    )
    c.add(
        d + "answer_raw_utf8_address_colleague_in_thread.eml",
        f"""From: Jürgen Müller <jürgen.müller@acme.example>
To: Alex Candidate <alex@example.com>
Subject: Re: {SUBJECT}
Date: Tue, 24 Nov 2026 10:05:00 +0100
Message-ID: <e15.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
References: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Hallo Alex, Jane hat mich gebeten zu antworten: {FEEDBACK_EN}""",
        kind="answer",
        note="raw UTF-8 (RFC 6532) address of a colleague answering in the thread",
    )
    c.add(
        d + "auto_reply_subject_starts_with_fold.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject:
\tAutomatic reply:
\t{SUBJECT}
Date: Fri, 20 Nov 2026 10:02:07 +0000
Message-ID: <e16.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"

I am out of the office until Monday 7 December 2026.
""",
        kind="auto_reply",
        return_date="2026-12-07",
        note="Subject value begins after a fold (tab continuation lines); prefix only",
    )
    c.add(
        d + "answer_control_characters_in_subject.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: =?utf-8?q?Re=3A_Feedback_=1B=5B31mthanks=1B=5B0m_=E2=80=AEkcabdeef=E2=80=AC?=
Date: Tue, 24 Nov 2026 10:06:00 +0000
Message-ID: <e17.1795169500@mail.acme.example>
In-Reply-To: {OUR_ID}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

{FEEDBACK_EN}""",
        kind="answer",
        note="escape sequences and bidi overrides inside an encoded Subject",
    )
    refs = "\n ".join(f"<older-{i}@acme.example>" for i in range(12))
    c.add(
        d + "answer_long_folded_references.eml",
        f"""From: Jane Doe <jane.doe@acme.example>
To: Alex Candidate <alex@example.com>
Subject: Re: {SUBJECT}
Date: Tue, 24 Nov 2026 10:07:00 +0000
Message-ID: <e18.1795169500@mail.acme.example>
References: {refs}
 {OUR_ID}
 <older-12@acme.example>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

{FEEDBACK_EN}""",
        kind="answer",
        note="our id sits inside a long folded References list, no In-Reply-To",
    )


# --------------------------------------------------------------------------- round two
#
# Formats met on mail from outside that the sets above did not cover, one family (one
# directory) per cause: bounces and challenges that thread like answers; hard bounces
# that name no usable recipient, or come from a no-reply sender; success reports;
# automatic replies without automatic headers; return dates in other languages.

DEC14 = "Mon, 14 Dec 2026 09:12:00 +0100"
DEC16 = "Wed, 16 Dec 2026 08:30:00 +0100"


def mail(head: str, body: str) -> str:
    """A message from header lines (without MIME-Version) and a body."""
    return head.rstrip("\n") + "\nMIME-Version: 1.0\n" + body


def plain(text: str, charset: str = "utf-8") -> str:
    cte = "7bit" if text.isascii() else "8bit"
    return (
        f'Content-Type: text/plain; charset="{charset}"\nContent-Transfer-Encoding: {cte}\n\n{text}'
    )


def mixed(boundary: str, text: str, tail: list[str]) -> str:
    return f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n' + multipart(
        boundary, [part('Content-Type: text/plain; charset="us-ascii"\n', text), *tail]
    )


THREAD = f"In-Reply-To: {OUR_ID}\nReferences: {OUR_ID}\n"
RE_SUBJECT = f"Re: {SUBJECT}"


def threaded_bounces(c: Corpus) -> None:
    d = "threaded_bounce/"
    james_text = """Hi. This is the James mail server at mx2.acme.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.  Below
I include the list of recipients and the reason why I was unable to deliver
your message.

Failed recipient(s):
jane.doe@acme.example

Error message:
550 5.1.1 <jane.doe@acme.example>: mailbox unavailable
"""
    c.bounce(
        d + "james_permanent_error.eml",
        mail(
            f"Return-Path: <>\nFrom: James Mail Server <james@mx2.acme.example>\n"
            f"To: alex@example.com\nSubject: {RE_SUBJECT}\nDate: Fri, 20 Nov 2026 10:01:12 +0000\n"
            f"Message-ID: <2917311.1795169872.JavaMail.james@mx2.acme.example>\n{THREAD}",
            mixed("----=_Part_17_2113", james_text, [rfc822_part("")]),
        ),
        severity="hard",
        status="5.1.1",
        note="Apache James bounce with Re: and In-Reply-To our id; 'permanent error' in its text",
    )
    details = """Error message below:
550 5.7.1 Requested action not taken: relaying denied for jane.doe@acme.example

Message details:
  Subject: Feedback on my interview for the Program Manager role
  Sent date: Fri Nov 20 10:00:00 UTC 2026
  MAIL FROM: alex@example.com
  RCPT TO: jane.doe@acme.example
  From: Alex Candidate <alex@example.com>
  To: Jane Doe <jane.doe@acme.example>
  Size (in bytes): 1842
  Number of lines: 31
"""
    c.bounce(
        d + "james_message_details.eml",
        mail(
            f"From: alex@example.com\nTo: alex@example.com\nSubject: {RE_SUBJECT}\n"
            f"Date: Fri, 20 Nov 2026 10:01:40 +0000\n"
            f"Message-ID: <551204.1795169900.JavaMail.root@relay.acme.example>\n{THREAD}",
            mixed("----=_Part_4_88213", details, [rfc822_part("")]),
        ),
        severity="hard",
        status="5.7.1",
        note="Apache James notify ('Error message below', 'Message details'), sent from our own "
        "address with Re: and In-Reply-To our id",
    )
    c.bounce(
        d + "james_bounce_subject_plain.eml",
        mail(
            f"From: Postmaster Notify <notify@mx2.acme.example>\nTo: alex@example.com\n"
            f"Subject: [BOUNCE] {RE_SUBJECT}\nDate: Fri, 20 Nov 2026 10:02:00 +0000\n"
            f"Message-ID: <77120.1795169920.JavaMail.james@mx2.acme.example>\n{THREAD}",
            plain(
                details.replace(
                    "5.7.1 Requested action not taken: relaying denied", "5.1.1 User unknown:"
                )
                + "\n"
                + ORIGINAL
            ),
        ),
        severity="hard",
        status="5.1.1",
        note="Apache James notify as one text part, the original pasted below",
    )
    fml = """Your mail to the list program-team@lists.acme.example could not be delivered.

fml error report:
   The following addresses had permanent fatal errors:
      <jane.doe@acme.example>
   reason: 550 5.1.1 unknown user

--- The original message follows ---
"""
    c.bounce(
        d + "fml_error_report.eml",
        mail(
            f"From: program-team-admin@lists.acme.example\nTo: alex@example.com\n"
            f"Subject: {RE_SUBJECT}\nDate: Fri, 20 Nov 2026 10:03:00 +0000\n"
            f"Message-ID: <20261120100300.FMLAAA4711.program-team@lists.acme.example>\n"
            f"X-ML-Name: program-team\nX-MLServer: fml [fml 4.0.3 release]\n{THREAD}",
            plain(fml + "\n" + ORIGINAL),
        ),
        severity="hard",
        status="5.1.1",
        note="fml list driver's error report: Re: subject, In-Reply-To our id, 'permanent fatal errors'",
    )
    c.bounce(
        d + "fml_not_member.eml",
        mail(
            f"From: program-team-admin@lists.acme.example\nTo: alex@example.com\n"
            f"Subject: {RE_SUBJECT}\nDate: Fri, 20 Nov 2026 10:03:30 +0000\n"
            f"Message-ID: <20261120100330.FMLAAA4712.program-team@lists.acme.example>\n"
            f"X-MLServer: fml [fml 4.0.3 release]\n{THREAD}",
            mixed(
                "fml-mime-0001",
                "Your mail could not be delivered to jane.doe@acme.example.\n"
                "Delivery failed: 550 5.7.1 you are not a member of this list.\n",
                [rfc822_part("")],
            ),
        ),
        severity="hard",
        status="5.7.1",
        note="fml rejection with the original attached, threaded",
    )
    verizon = """This Message was undeliverable due to the following reason:

Each of the following recipients was rejected by a remote mail server.
The reasons given by the server are included to help you determine why
each recipient was rejected.

    Recipient: <jane.doe@acme.example>
    Reason:    5.1.1 <jane.doe@acme.example>... User unknown

Please reply to Postmaster@acme.example
if you feel this message to be in error.
"""
    c.bounce(
        d + "verizon_rejected_by_remote.eml",
        mail(
            f"From: Mail Administrator <mail-admin@acme.example>\nTo: alex@example.com\n"
            f"Subject: Re: {SUBJECT}\nDate: Fri, 20 Nov 2026 10:04:00 -0500\n"
            f"Message-ID: <200611201004.vz771@mta3.acme.example>\n{THREAD}",
            mixed("--=_vz_bounce_7781", verizon, [rfc822_part("")]),
        ),
        severity="hard",
        status="5.1.1",
        note="Verizon-style 'This Message was undeliverable', Re: subject, threaded, no daemon From",
    )
    c.bounce(
        d + "verizon_plain_no_code.eml",
        mail(
            f"From: Mail Administrator <mail-admin@acme.example>\nTo: alex@example.com\n"
            f"Subject: Re: {SUBJECT}\nDate: Fri, 20 Nov 2026 10:04:30 -0500\n"
            f"Message-ID: <200611201004.vz772@mta3.acme.example>\n{THREAD}",
            plain(
                "This Message was undeliverable due to the following reason:\n\n"
                "The user(s) account is disabled.\n\n<jane.doe@acme.example>\n\n"
                "Please reply to Postmaster@acme.example if you feel this message to be in error.\n\n"
                + ORIGINAL
            ),
        ),
        severity="hard",
        status=None,
        note="Verizon-style text bounce without a code: 'undeliverable' wording",
    )
    bluebottle = """I apologize for this automatic reply to your email.

To control spam, I now allow incoming messages only from senders I have
approved beforehand.

If you would like to be added to my list of approved senders, please fill
out the short request form (see link below). Once I approve you, I will
receive your original message in my inbox. You do not need to resend your
message. I apologize for this one-time inconvenience.

Click the link below to fill out the request:
https://www.bluebottle.example/vr/Jane.Doe/8f31aa
"""
    c.add(
        d + "bluebottle_challenge_from_contact.eml",
        mail(
            f"From: {JANE}\nTo: alex@example.com\nSubject: Re: {SUBJECT}\n"
            f"Date: Fri, 20 Nov 2026 10:00:30 +0000\nMessage-ID: <bb.6623.1795169830@bluebottle.example>\n"
            f"{THREAD}",
            plain(bluebottle),
        ),
        kind="machine",
        note="Bluebottle challenge-response from the contact's own address, Re: and In-Reply-To",
    )
    boxbe = """Hello Alex Candidate,

Your message about "Feedback on my interview for the Program Manager role" to
Jane Doe has been waitlisted. Jane uses Boxbe to keep her inbox free of email
from unknown senders. Please add yourself to her Guest List so your messages
will be delivered to her Inbox.

To be added to her Guest List, click the link below:
https://www.boxbe.example/anno?tc=1182_44411&c=1

Thank you,
Boxbe on behalf of Jane Doe
"""
    c.add(
        d + "boxbe_waitlisted_from_contact.eml",
        mail(
            f"From: Jane Doe <jane.doe@acme.example>\nSender: notify@boxbe.example\n"
            f"To: alex@example.com\nSubject: Re: {SUBJECT}\n"
            f"Date: Fri, 20 Nov 2026 10:00:50 +0000\nMessage-ID: <44411.1182.boxbe@boxbe.example>\n"
            f"{THREAD}",
            plain(boxbe),
        ),
        kind="machine",
        note="Boxbe 'waitlisted, add yourself to her Guest List' in the contact's name, threaded",
    )
    c.add(
        d + "approval_challenge_html.eml",
        mail(
            f"From: {JANE}\nTo: alex@example.com\nSubject: Re: {SUBJECT}\n"
            f"Date: Fri, 20 Nov 2026 10:00:40 +0000\nMessage-ID: <ch.9913@mail.acme.example>\n{THREAD}",
            'Content-Type: text/html; charset="utf-8"\n\n'
            + html_of(
                "Hello,\n\nYour message is being held until you confirm that you sent it. "
                "I accept mail only from senders on my list of approved senders.\n\n"
                "Please click here to request approval: https://filter.acme.example/approve?id=9913"
            ),
        ),
        kind="machine",
        note="challenge-response, HTML only, from the contact, threaded: 'list of approved senders'",
    )


def more_hard_bounces(c: Corpus) -> None:
    d = "hard_bounce_2/"
    group_text = (
        "Hello alex@example.com,\n\nYour message to program-team@acme.example was rejected. "
        "The group program-team is not accepting messages from you.\n\n"
        "If you have questions, contact the group's owners.\n\n----- Original message -----\n\n"
    )
    for slug, failed, note in (
        (
            "google_groups_rejected",
            CONTACT,
            "Google Groups 'was rejected', X-Failed-Recipients: no failure word the reader knew",
        ),
        (
            "google_groups_not_accepting",
            CONTACT,
            "Google Groups 'not accepting messages', threaded",
        ),
    ):
        c.bounce(
            d + f"{slug}.eml",
            mail(
                f"Return-Path: <>\nFrom: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
                f"To: alex@example.com\nAuto-Submitted: auto-replied\n"
                f"Subject: Delivery Status Notification (Failure)\nX-Failed-Recipients: {failed}\n"
                f"Message-ID: <6a7b.{slug}.GMR@mx.google.example>\n"
                f"Date: Fri, 20 Nov 2026 02:00:40 -0800 (PST)\n"
                + (THREAD if "accepting" in slug else ""),
                plain(group_text + ORIGINAL),
            ),
            severity="hard",
            status=None,
            recipient=failed,
            note=note,
        )
    c.bounce(
        d + "google_groups_banned_poster.eml",
        mail(
            "Return-Path: <>\nFrom: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
            "To: alex@example.com\nSubject: Delivery Status Notification (Failure)\n"
            f"X-Failed-Recipients: {CONTACT}\nMessage-ID: <6a7c.banned.GMR@mx.google.example>\n"
            "Date: Fri, 20 Nov 2026 02:01:00 -0800 (PST)\n",
            plain(
                "Hello alex@example.com,\n\nYou have been banned from posting to the group "
                "jane.doe. Please contact the group owner.\n\n----- Original message -----\n\n"
                + ORIGINAL
            ),
        ),
        severity="hard",
        status=None,
        note="Google Groups: poster banned; only X-Failed-Recipients says it failed",
    )

    def sns(slug: str, bounce_type: str, sub: str, status: str, diag: str, envelope: bool) -> str:
        inner = json.dumps(
            {
                "notificationType": "Bounce",
                "bounce": {
                    "feedbackId": f"0100017f{slug}-000000",
                    "bounceType": bounce_type,
                    "bounceSubType": sub,
                    "bouncedRecipients": [
                        {
                            "emailAddress": CONTACT,
                            "action": "failed",
                            "status": status,
                            "diagnosticCode": diag,
                        }
                    ],
                    "timestamp": "2026-11-20T10:00:03.000Z",
                    "reportingMTA": "dsn; a8-31.smtp-out.amazonses.example",
                },
                "mail": {
                    "timestamp": "2026-11-20T10:00:01.000Z",
                    "source": "alex@example.com",
                    "messageId": f"0100017f{slug}",
                    "destination": [CONTACT],
                    "commonHeaders": {
                        "from": ["Alex Candidate <alex@example.com>"],
                        "to": [f"Jane Doe <{CONTACT}>"],
                        "messageId": OUR_ID,
                        "subject": SUBJECT,
                    },
                },
            }
        )
        if envelope:
            body = json.dumps(
                {
                    "Type": "Notification",
                    "MessageId": f"5f1c-{slug}",
                    "TopicArn": "arn:aws:sns:eu-west-1:123456789012:ses-bounces",
                    "Message": inner,
                    "Timestamp": "2026-11-20T10:00:04.000Z",
                },
                indent=2,
            )
        else:
            body = inner
        body += (
            "\n\n--\nIf you wish to stop receiving notifications from this topic, please "
            "click or visit the link below to unsubscribe:\nhttps://sns.eu-west-1.amazonaws.example/unsubscribe\n"
        )
        return mail(
            "From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: alex@example.com\n"
            "Subject: AWS Notification Message\nDate: Fri, 20 Nov 2026 10:00:05 +0000\n"
            f"Message-ID: <0100017f-{slug}@email.amazonses.example>\n"
            "x-amz-sns-message-type: Notification\n",
            plain(body),
        )

    c.bounce(
        d + "ses_sns_permanent_general.eml",
        sns("a1", "Permanent", "General", "5.1.1", "smtp; 550 5.1.1 user unknown", True),
        severity="hard",
        status="5.1.1",
        note="SES bounce via SNS: JSON in JSON, bounceType Permanent, from no-reply@sns.amazonaws.com",
    )
    c.bounce(
        d + "ses_sns_permanent_suppressed.eml",
        sns(
            "a2",
            "Permanent",
            "Suppressed",
            "5.1.1",
            "Amazon SES has suppressed sending to this address",
            True,
        ),
        severity="hard",
        status="5.1.1",
        note="SES via SNS: on the suppression list",
    )
    c.bounce(
        d + "ses_sns_raw_notification.eml",
        sns("a3", "Permanent", "NoEmail", "5.1.2", "smtp; 550 5.1.2 host unknown", False),
        severity="hard",
        status="5.1.2",
        note="SES notification JSON straight in the body (raw message delivery)",
    )
    c.bounce(
        d + "ses_sns_transient_mailbox_full.eml",
        sns("a4", "Transient", "MailboxFull", "4.2.2", "smtp; 452 4.2.2 mailbox full", True),
        severity="soft",
        status="4.2.2",
        note="SES via SNS: Transient MailboxFull is soft",
    )
    kddi = """This is a MIME-encapsulated message.

Your mail sent on Fri, 20 Nov 2026 19:00:01 +0900 could not be delivered to
the following address, because the account or domain may not exist.

    jane.doe@acme.example

   ----- Transcript of session follows -----
550 5.1.1 <jane.doe@acme.example>... User unknown
"""
    for slug, sender, threaded in (
        ("kddi_no_reply_recipient_domain", "no-reply@acme.example", False),
        ("kddi_no_reply_threaded", "no-reply@acme.example", True),
        ("kddi_no_reply_subdomain", "no-reply@mx.acme.example", False),
    ):
        c.bounce(
            d + f"{slug}.eml",
            mail(
                f"From: {sender}\nTo: alex@example.com\n"
                "Subject: Mail System Error - Returned Mail\n"
                "Date: Fri, 20 Nov 2026 19:00:05 +0900\n"
                f"Message-ID: <{slug}.201120190005@acme.example>\n" + (THREAD if threaded else ""),
                mixed(f"kddi-{slug}", kddi, [rfc822_part("")]),
            ),
            severity="hard",
            status="5.1.1",
            note=f"KDDI-style bounce from {sender} at the recipient's own domain: a no-reply "
            "sender is a mail system, never a person",
        )

    def forwarded_dsn(slug: str, final: str, failed: str | None, text: str, original: bool) -> str:
        boundary = f"fwd-{slug}"
        body = (
            f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\n\n'
            + multipart(
                boundary,
                [
                    part('Content-Type: text/plain; charset="us-ascii"\n', text),
                    dsn_part(
                        f"Reporting-MTA: dns; mx.forward.example\n\nFinal-Recipient: rfc822; {final}\n"
                        "Action: failed\nStatus: 5.1.1\n"
                        f"Diagnostic-Code: smtp; 550 5.1.1 <{final}>: user unknown\n"
                    ),
                    rfc822_part("") if original else headers_part(""),
                ],
            )
        )
        failed_line = f"X-Failed-Recipients: {failed}\n" if failed else ""
        return mail(
            "Return-Path: <>\nFrom: Mail Delivery System <MAILER-DAEMON@mx.forward.example>\n"
            f"To: alex@example.com\nSubject: Undelivered Mail Returned to Sender\n{failed_line}"
            f"Date: Fri, 20 Nov 2026 10:00:09 +0000\nMessage-ID: <{slug}@mx.forward.example>\n",
            body,
        )

    c.bounce(
        d + "forwarding_final_recipient.eml",
        forwarded_dsn(
            "f1",
            "jdoe.home@forward.example",
            None,
            "Your message was forwarded to an address that does not exist.\n",
            True,
        ),
        severity="hard",
        status="5.1.1",
        note="Final-Recipient names the forwarding target; the returned original is ours, To the contact",
    )
    c.bounce(
        d + "forwarding_x_failed_alias.eml",
        forwarded_dsn(
            "f2",
            "jane@forward.example",
            "jane@forward.example",
            "Delivery to the following recipient failed permanently: jane@forward.example\n",
            False,
        ),
        severity="hard",
        status="5.1.1",
        note="X-Failed-Recipients and Final-Recipient name a forwarding address; headers of our original returned",
    )
    c.bounce(
        d + "list_address_final_recipient.eml",
        forwarded_dsn(
            "f3",
            "program-team@lists.acme.example",
            "program-team@lists.acme.example",
            "The list program-team could not deliver your message to one of its members.\n",
            True,
        ),
        severity="hard",
        status="5.1.1",
        note="Final-Recipient names a list address the contact's mail expands to",
    )
    c.bounce(
        d + "aol_original_as_attachment.eml",
        mail(
            "Return-Path: <>\nFrom: Mail Delivery Subsystem <MAILER-DAEMON@aol.example>\n"
            "To: alex@example.com\nSubject: Mail Delivery Problem\n"
            "Date: Fri, 20 Nov 2026 05:00:10 -0500\nMessage-ID: <aol.8812.bounce@aol.example>\n",
            mixed(
                "aol-attach-1",
                "Your mail could not be delivered because the recipient's mailbox is\n"
                "no longer active. The original message is attached.\n",
                [
                    part(
                        'Content-Type: application/octet-stream; name="original.eml"\n'
                        'Content-Disposition: attachment; filename="original.eml"\n',
                        ORIGINAL,
                    )
                ],
            ),
        ),
        severity="hard",
        status=None,
        note="AOL-style: no recipient named in the text; the original is an attachment",
    )
    c.bounce(
        d + "qmail_sender_block.eml",
        mail(
            "Return-Path: <>\nFrom: MAILER-DAEMON@mx.acme.example\nTo: alex@example.com\n"
            "Subject: failure notice\nDate: Fri, 20 Nov 2026 10:00:12 +0000\n"
            "Message-ID: <20261120100012.qm441@mx.acme.example>\n",
            plain(
                "Hi. This is the qmail-send program at mx.acme.example.\n"
                "I'm afraid I wasn't able to deliver your message.\n"
                "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                "Sorry, your envelope sender is in my badmailfrom list (#5.7.1)\n\n"
                "--- Below this line is a copy of the message.\n\n" + ORIGINAL
            ),
        ),
        severity="hard",
        status="5.7.1",
        note="qmail sender block: no recipient address in the report; the copy names it",
    )
    c.bounce(
        d + "dragonfly_null_sender.eml",
        mail(
            "From: MAILER-DAEMON <> (null sender)\nTo: alex@example.com\n"
            "Subject: Mail delivery failed\nDate: Fri, 20 Nov 2026 10:00:14 +0000\n"
            "Message-ID: <dma.5c1a.1795169814@mx.acme.example>\n",
            plain(
                "This is the DragonFly Mail Agent v0.13 at mx.acme.example.\n\n"
                "There was an error delivering your mail to <jane.doe@acme.example>.\n\n"
                "mx.acme.example [192.0.2.25] did not like our RCPT TO:\n"
                "550 5.1.1 <jane.doe@acme.example>: Recipient address rejected: User unknown\n\n"
                "Original message follows.\n\n" + ORIGINAL
            ),
        ),
        severity="hard",
        status="5.1.1",
        note="DragonFly dma report from 'MAILER-DAEMON <> (null sender)'",
    )
    c.bounce(
        d + "sendmail_expired_quotes_421.eml",
        mail(
            "Return-Path: <>\nFrom: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.com>\n"
            "To: alex@example.com\nSubject: Returned mail: Cannot send message for 5 days\n"
            "Auto-Submitted: auto-generated (failure)\nDate: Wed, 25 Nov 2026 10:05:00 +0000\n"
            "Message-ID: <202611251005.5AP0500A@relay.example.com>\n",
            plain(
                "The original message was received at Fri, 20 Nov 2026 10:00:01 +0000\n"
                "from laptop.example.com [198.51.100.7]\n\n"
                "   ----- Transcript of session follows -----\n"
                "<jane.doe@acme.example>... Deferred: 421 4.4.2 mx.acme.example connection timed out\n"
                "Message could not be delivered for 5 days\nMessage will be deleted from queue\n\n"
                "   ----- Original message follows -----\n" + ORIGINAL
            ),
        ),
        severity="hard",
        status="4.4.2",
        note="sendmail gave up after 5 days: hard although it quotes 421 4.4.2",
    )
    c.bounce(
        d + "exim_expired_retry_timeout.eml",
        mail(
            "Return-Path: <>\nFrom: Mail Delivery System <Mailer-Daemon@relay.example.com>\n"
            "To: alex@example.com\nSubject: Mail delivery failed: returning message to sender\n"
            f"X-Failed-Recipients: {CONTACT}\nAuto-Submitted: auto-replied\n"
            "Date: Wed, 25 Nov 2026 10:05:00 +0000\nMessage-ID: <E1x9-expired@relay.example.com>\n",
            plain(
                "This message was created automatically by mail delivery software.\n\n"
                "A message that you sent has expired in the queue: delivery was not possible\n"
                "within 5 days.\n\n  jane.doe@acme.example\n    host mx.acme.example [192.0.2.25]:\n"
                "    421 4.3.2 service not available, closing channel\n\n"
                "------ This is a copy of the message, including all the headers. ------\n"
                + ORIGINAL
            ),
        ),
        severity="hard",
        status="4.3.2",
        note="expired in the queue: the mail system gave up; the 421 it quotes does not make it soft",
    )
    c.bounce(
        d + "microsoft_forwarding_alias.eml",
        mail(
            "From: Microsoft Outlook\n <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@forward.example>\n"
            "To: <alex@example.com>\nSubject: Undeliverable: Feedback on my interview for the Program Manager role\n"
            "X-Failed-Recipients: jdoe@forward.example\nDate: Fri, 20 Nov 2026 10:00:16 +0000\n"
            "Message-ID: <ndr.9a1e@forward.example>\nAuto-Submitted: auto-replied\n",
            mixed(
                "ms-ndr-1",
                "Your message to jdoe@forward.example couldn't be delivered.\n"
                "jdoe wasn't found at forward.example.\n\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'\n",
                [rfc822_part("")],
            ),
        ),
        severity="hard",
        status="5.1.10",
        note="Exchange NDR for the forwarding address the contact's mail goes to; the original is ours",
    )


def success_reports(c: Corpus) -> None:
    d = "success_report/"

    def dsn(slug: str, action: str, status: str, threaded: bool = False, text: str = "") -> str:
        boundary = f"ok-{slug}"
        return mail(
            f"Return-Path: <>\nFrom: MAILER-DAEMON@mx.acme.example (Mail Delivery System)\n"
            f"To: alex@example.com\nSubject: Successful Mail Delivery Report\n"
            f"Date: Fri, 20 Nov 2026 10:00:20 +0000\nMessage-ID: <{slug}.ok@mx.acme.example>\n"
            + (THREAD if threaded else ""),
            f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\n\n'
            + multipart(
                boundary,
                [
                    part(
                        'Content-Type: text/plain; charset="us-ascii"\n',
                        text
                        or "This is the mail system at host mx.acme.example.\n\n"
                        "Your message was successfully delivered to the destination(s) listed below.\n",
                    ),
                    dsn_part(
                        "Reporting-MTA: dns; mx.acme.example\n\n"
                        f"Final-Recipient: rfc822; {CONTACT}\nOriginal-Recipient: rfc822;{CONTACT}\n"
                        f"Action: {action}\nStatus: {status}\n"
                        f"Diagnostic-Code: smtp; 250 {status} Ok\n"
                    ),
                    headers_part(""),
                ],
            ),
        )

    for slug, action, status, threaded, note in (
        (
            "deliverable_2_1_5",
            "deliverable",
            "2.1.5",
            False,
            "address verification report: Action: deliverable, 2.1.5",
        ),
        ("deliverable_threaded", "deliverable", "2.1.5", True, "Action: deliverable, threaded"),
        ("delivered_2_0_0_threaded", "delivered", "2.0.0", True, "Action: delivered, threaded"),
        ("relayed_2_0_0", "relayed", "2.0.0", False, "Action: relayed"),
        ("expanded_2_0_0", "expanded", "2.0.0", False, "Action: expanded to a list"),
        ("status_2_only", "", "2.0.0", False, "Status 2.0.0 with an empty Action"),
        ("delivered_uppercase", "DELIVERED", "2.6.0", False, "Action in capitals"),
    ):
        c.add(
            d + f"{slug}.eml",
            dsn(slug, action, status, threaded),
            kind="machine",
            note=f"success DSN, {note}: not a bounce",
        )
    boxbe_dsn = """Your message has been waitlisted.

Jane Doe uses Boxbe to keep her inbox free of email from unknown senders.
Please add yourself to her Guest List so your messages will be delivered.
To be added to her Guest List, click the link below:
https://www.boxbe.example/anno?tc=2231_9981
"""
    for slug, threaded in (("boxbe_action_failed", False), ("boxbe_action_failed_threaded", True)):
        boundary = f"bx-{slug}"
        c.add(
            d + f"{slug}.eml",
            mail(
                "From: Jane Doe <notify@boxbe.example>\nTo: alex@example.com\n"
                f"Subject: Re: {SUBJECT} (Action Required)\nDate: Fri, 20 Nov 2026 10:00:25 +0000\n"
                f"Message-ID: <{slug}.9981@boxbe.example>\n" + (THREAD if threaded else ""),
                f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\n\n'
                + multipart(
                    boundary,
                    [
                        part('Content-Type: text/plain; charset="us-ascii"\n', boxbe_dsn),
                        dsn_part(
                            "Reporting-MTA: dns; boxbe.example\n\n"
                            f"Final-Recipient: rfc822; {CONTACT}\nAction: failed\nStatus: 5.0.0 (permanent failure)\n"
                        ),
                    ],
                ),
            ),
            kind="machine",
            note="Boxbe challenge as a DSN with Action: failed: a challenge, not a bounce",
        )


def more_auto_replies(c: Corpus) -> None:
    d = "auto_reply_2/"
    thanks = [
        (
            "thank_you_for_your_email",
            "Thank you for your e-mail.\n\nThis is an automatic confirmation that "
            "your message has been received. We will get back to you as soon as possible.\n\nAcme Corp\n",
        ),
        (
            "thank_you_automated_response",
            "Thank you for your email.\n\nThis is an automated response: "
            "please do not reply to this message. Your enquiry will be answered within two working days.\n",
        ),
        (
            "thank_you_mailbox_not_monitored",
            "Thank you for contacting Acme Corp.\n\nThis mailbox is not monitored. "
            "This is an automatically generated message.\n",
        ),
        (
            "danke_automatische_bestaetigung",
            "Vielen Dank für Ihre E-Mail.\n\nDies ist eine automatisch "
            "generierte Eingangsbestätigung. Wir melden uns so bald wie möglich.\n",
        ),
    ]
    for slug, text in thanks:
        c.add(
            d + f"{slug}.eml",
            mail(
                f"From: {JANE}\nTo: alex@example.com\nSubject: {RE_SUBJECT}\n"
                f"Date: Fri, 20 Nov 2026 10:00:33 +0000\nMessage-ID: <{slug}.ty@mail.acme.example>\n{THREAD}",
                plain(text),
            ),
            kind="auto_reply",
            note="autoresponder without automatic headers: its text says it was sent automatically",
        )
    c.add(
        d + "pl_tag_automatyczna_odpowiedz.eml",
        mail(
            f"From: {JANE}\nTo: alex@example.com\n"
            f"Subject: {encoded_words('[Automatyczna odpowiedź] ' + SUBJECT)}\n"
            f"Date: Fri, 20 Nov 2026 11:00:35 +0100\nMessage-ID: <pltag.ty@mail.acme.example>\n{THREAD}",
            plain(
                "Dzień dobry,\n\ndziękuję za wiadomość. Jestem poza biurem i odpowiem po powrocie.\n"
            ),
        ),
        kind="auto_reply",
        note="Polish '[Automatyczna odpowiedź]' as a subject tag",
    )
    c.add(
        d + "tag_auto_reply_en.eml",
        mail(
            f"From: {JANE}\nTo: alex@example.com\nSubject: [Auto-Reply] {SUBJECT}\n"
            f"Date: Fri, 20 Nov 2026 10:00:36 +0000\nMessage-ID: <entag.ty@mail.acme.example>\n{THREAD}",
            plain("I am away from my desk and will answer when I can.\n"),
        ),
        kind="auto_reply",
        note="'[Auto-Reply]' as a subject tag",
    )
    notes = [
        (
            "notes_out_of_office_return",
            "Jane Doe is out of the office.",
            "I will be out of the office starting 14/12/2026 and will not return until 21/12/2026.\n\n"
            "I will respond to your message when I return.\n",
            "2026-12-21",
        ),
        (
            "notes_out_of_office_no_date",
            "Jane Doe is out of the office.",
            "I am out of the office with limited access to email.\n",
            None,
        ),
        (
            "notes_out_of_office_us_words",
            "Jane Doe is out of the office",
            "I will be out of the office starting December 14, 2026 and will not return until December 22, 2026.\n",
            "2026-12-22",
        ),
        (
            "notes_ist_ausser_haus",
            "Jane Doe ist außer Haus.",
            "Ich werde ab 14.12.2026 nicht im Büro sein. Ich kehre zurück am 21.12.2026.\n",
            "2026-12-21",
        ),
    ]
    for slug, subject, text, rd in notes:
        subj = subject if subject.isascii() else encoded_words(subject)
        c.add(
            d + f"{slug}.eml",
            mail(
                f"From: {JANE}\nTo: alex@example.com\nSubject: {subj}\n"
                f"Date: {DEC14}\nMessage-ID: <OF{slug}.ON88@acme.example>\nX-Mailer: Lotus Notes Release 8.5.3\n",
                plain(text),
            ),
            kind="auto_reply",
            return_date=rd,
            note="Lotus Notes '… is out of the office.' subject, no automatic headers",
        )
    tickets = [
        (
            "zendesk_bare_ack",
            "Acme Support <support@acme.zendesk.example>",
            f"[Acme Support] Re: {SUBJECT}",
            "##- Please type your reply above this line -##\n\nYour request (48213) has been received and is being "
            "reviewed by our support staff.\n\nTo add additional comments, reply to this email.\n",
        ),
        (
            "freshdesk_ack",
            "Acme Help Desk <help@acme.freshdesk.example>",
            f"Ticket Received - {SUBJECT}",
            "Dear Alex,\n\nWe would like to acknowledge that we have received your request and a ticket "
            "has been created with ID #5521.\nA support representative will be reviewing your request "
            "and will send you a personal response (usually within 24 hours).\n",
        ),
        (
            "dynamics_case_noreply_contact_domain",
            "Acme Corp <noreply@acme.example>",
            f"Case CAS-01234-Z7Y8X9 created: {SUBJECT}",
            "Dear Alex Candidate,\n\nThank you for contacting us. A case has been created for your enquiry.\n\n"
            "Case number: CAS-01234-Z7Y8X9\n\nPlease keep the case number in the subject of any further correspondence.\n",
        ),
        (
            "dynamics_case_noreply_threaded",
            "Acme Corp <noreply@acme.example>",
            f"Re: {SUBJECT} CRM:0001023",
            "Your case has been logged with the reference CAS-01235-K2L3M4. One of our team will contact you.\n",
        ),
        (
            "helpdesk_noreply_no_ticket_word",
            "Acme HR <no-reply@acme.example>",
            f"Re: {SUBJECT}",
            "We have received your message and will respond within five working days.\n\n"
            "Please do not reply to this email.\n",
        ),
    ]
    for index, (slug, sender, subject, text) in enumerate(tickets):
        c.add(
            d + f"{slug}.eml",
            mail(
                f"From: {sender}\nTo: alex@example.com\nSubject: {subject}\n"
                f"Date: Fri, 20 Nov 2026 10:0{index}:45 +0000\nMessage-ID: <{slug}.tk@acme.example>\n"
                + (THREAD if "threaded" in slug or "zendesk" in slug else ""),
                plain(text),
            ),
            kind="machine",
            note="ticket acknowledgement without automatic headers: a machine's note, never an answer",
        )


def more_return_dates(c: Corpus) -> None:
    d = "return_date/"
    rows = [
        # slug, date, subject, text, return date, why
        (
            "de_vom_bis_kurz",
            DEC14,
            "Abwesenheitsnotiz: " + SUBJECT,
            "Ich bin vom 21.12. bis 6.1. nicht im Büro.",
            "2027-01-07",
            "'vom 21.12. bis 6.1.': last day away",
        ),
        (
            "de_vom_bis_freitag",
            DEC14,
            "Abwesenheitsnotiz: " + SUBJECT,
            "Vom 18.12.2026 bis 8.1.2027 bin ich im Urlaub.",
            "2027-01-11",
            "range ends on a Friday: back Monday",
        ),
        (
            "de_bis_einschliesslich",
            DEC14,
            "Abwesenheitsnotiz",
            "Ich bin bis einschließlich 5. Januar abwesend.",
            "2027-01-06",
            "'bis einschließlich': last day away",
        ),
        (
            "fr_du_au_numeric",
            DEC14,
            "Réponse automatique : " + SUBJECT,
            "Je suis absente du 21/12/2026 au 11/01/2027.",
            "2027-01-12",
            "'du … au 11/01/2027'",
        ),
        (
            "fr_du_au_mots",
            DEC14,
            "Réponse automatique",
            "Je serai en congés du 21 décembre au 3 janvier.",
            "2027-01-04",
            "range ends on a Sunday",
        ),
        (
            "fr_jusqu_a_lundi",
            DEC16,
            "Réponse automatique",
            "Je suis absente jusqu'à lundi.",
            "2026-12-21",
            "'jusqu'à lundi' relative to Date",
        ),
        (
            "fr_mon_subject_no_date",
            DEC14,
            "Réponse automatique : Retour sur mon entretien",
            "Je suis absente et je vous répondrai dès mon retour.",
            None,
            "'mon' is a possessive, not Monday",
        ),
        (
            "fr_mon_body_no_date",
            DEC14,
            "Réponse automatique",
            "Merci pour votre message sur mon entretien. De retour très bientôt.",
            None,
            "'mon' again, no date",
        ),
        (
            "it_dal_al",
            DEC14,
            "Risposta automatica: " + SUBJECT,
            "Sarò assente dal 21 dicembre al 6 gennaio.",
            "2027-01-07",
            "'dal … al 6 gennaio'",
        ),
        (
            "pl_od_do",
            DEC14,
            "Automatyczna odpowiedź: " + SUBJECT,
            "Jestem nieobecna od 21.12.2026 do 05.01.2027.",
            "2027-01-06",
            "'od … do 05.01.2027'",
        ),
        (
            "sv_till_och_med",
            DEC14,
            "Automatiskt svar: " + SUBJECT,
            "Jag är ledig till och med 11 januari.",
            "2027-01-12",
            "'till och med 11 januari'",
        ),
        (
            "sv_till_den",
            DEC14,
            "Automatiskt svar",
            "Jag är på semester till den 8 januari.",
            "2027-01-08",
            "'till den 8 januari': until, as written",
        ),
        (
            "nl_van_tot_en_met",
            DEC14,
            "Automatisch antwoord",
            "Ik ben van 21 december tot en met 6 januari afwezig.",
            "2027-01-07",
            "'tot en met': last day away",
        ),
        (
            "es_del_al",
            DEC14,
            "Respuesta automática: " + SUBJECT,
            "Estaré fuera del 21 de diciembre al 6 de enero.",
            "2027-01-07",
            "'del … al 6 de enero'",
        ),
        (
            "es_hasta_el_lunes",
            DEC16,
            "Respuesta automática",
            "Estoy fuera de la oficina hasta el lunes.",
            "2026-12-21",
            "'hasta el lunes' relative to Date",
        ),
        (
            "de_ab_naechsten_montag",
            DEC16,
            "Abwesenheitsnotiz",
            "Ab nächsten Montag bin ich wieder im Büro.",
            "2026-12-21",
            "'ab nächsten Montag … wieder'",
        ),
        (
            "ja_made",
            DEC14,
            "自動応答: " + SUBJECT,
            "お問い合わせありがとうございます。1月6日まで休暇をいただいております。",
            "2027-01-07",
            "'1月6日まで': last day away",
        ),
        (
            "ja_shussha",
            DEC14,
            "自動応答",
            "ただいま不在にしております。1月7日に出社いたします。",
            "2027-01-07",
            "'1月7日に出社': back that day",
        ),
        (
            "ja_kara_made",
            DEC14,
            "自動応答",
            "12月21日から1月6日まで不在です。",
            "2027-01-07",
            "'12月21日から1月6日まで'",
        ),
        (
            "da_fra_til_og_med",
            DEC14,
            "Autosvar",
            "Jeg har ferie fra 21. december til og med 5. januar.",
            "2027-01-06",
            "'til og med 5. januar'",
        ),
    ]
    for slug, date, subject, text, rd, why in rows:
        subj = subject if subject.isascii() else encoded_words(subject)
        c.add(
            d + f"{slug}.eml",
            mail(
                f"From: {JANE}\nTo: alex@example.com\nSubject: {subj}\nDate: {date}\n"
                f"Message-ID: <{slug}.rd@mail.acme.example>\nAuto-Submitted: auto-replied\n{THREAD}",
                plain(text + "\n"),
            ),
            kind="auto_reply",
            return_date=rd,
            note=why,
        )


def look_alike_answers(c: Corpus) -> None:
    d = "answer_2/"
    rows = [
        (
            "en_thank_you_for_your_email_then_feedback",
            "Thank you for your email, Alex.\n\nHonestly, your case study was strong; what cost you was the "
            "stakeholder question, where the answer stayed abstract. Bring numbers next time.\n\nJane\n",
        ),
        (
            "en_opened_a_ticket_with_hr",
            "Hi Alex,\n\nI opened a ticket with HR to get the panel's notes, so this took a while. The main "
            "point: the prioritisation exercise needed more trade-offs and less framework.\n\nBest,\nJane\n",
        ),
        (
            "en_first_mail_bounced",
            "Hi Alex,\n\nYour first message bounced because of a typo in my address, so thanks for trying "
            "again. Feedback: strong on delivery, lighter on budgeting.\n\nJane\n",
        ),
        (
            "en_automatic_reminder_mention",
            "Alex, I set an automatic reminder to answer you and then missed it, sorry. You were our second "
            "choice; the other candidate had more regulated-industry experience.\n\nJane\n",
        ),
        (
            "de_ab_montag_im_urlaub_kurz",
            "Hallo Alex,\n\nich bin ab Montag im Urlaub, deshalb kurz: Ihre Präsentation war gut, bei den "
            "Rückfragen zum Budget fehlten konkrete Zahlen.\n\nViele Grüße\nJane Doe\n",
        ),
        (
            "fr_merci_pour_mon_entretien",
            "Bonjour Alex,\n\nmerci pour votre message. Mon retour sur votre entretien : très bonne "
            "préparation, mais les exemples de gestion des parties prenantes restaient généraux.\n\nJane\n",
        ),
        (
            "ja_human_reply",
            "アレックス様\n\nご連絡ありがとうございます。面接では計画性が高く評価されましたが、"
            "予算管理の具体例が不足していました。\n\nジェーン\n",
        ),
        (
            "en_says_the_old_mailbox_bounced",
            "Hi Alex,\n\nyour mail could not be delivered to my old address, so I only saw it "
            "now. This is a permanent error on our side: the old mailbox does not exist any "
            "more.\n\nFeedback: good structure, too little on budgets.\n\nJane\n",
        ),
        (
            "en_will_not_return_to_the_topic",
            "Hi Alex,\n\nI'm out of the office this week but wanted to answer: the team felt your answers "
            "on risk were good, the ones on hiring less so.\n\nJane\n",
        ),
    ]
    for slug, text in rows:
        c.add(
            d + f"{slug}.eml",
            reply(slug=f"r2{slug}", date="Mon, 23 Nov 2026 09:15:00 +0100", text=text),
            kind="answer",
            note="a person answering in the thread, with words a machine might also use",
        )


def round_two(c: Corpus) -> None:
    threaded_bounces(c)
    more_hard_bounces(c)
    success_reports(c)
    more_auto_replies(c)
    more_return_dates(c)
    look_alike_answers(c)


# --------------------------------------------------------------------------- build / write


def build() -> Corpus:
    c = Corpus()
    hard_bounces_unix(c)
    hard_bounces_microsoft(c)
    hard_bounces_providers(c)
    hard_bounces_generic(c)
    soft_bounces(c)
    machine_reports(c)
    auto_replies(c)
    answers(c)
    possible_answers(c)
    unrelated(c)
    edge_cases(c)
    round_two(c)
    return c


def manifest_text(c: Corpus) -> str:
    return json.dumps(dict(sorted(c.manifest.items())), indent=2, ensure_ascii=False) + "\n"


def differences(c: Corpus, root: Path = CORPUS) -> list[str]:
    """What on disk differs from what build() writes (empty when up to date)."""
    problems = []
    for rel, data in sorted(c.files.items()):
        path = root / rel
        if not path.is_file():
            problems.append(f"missing: {rel}")
        elif path.read_bytes() != data:
            problems.append(f"differs: {rel}")
    manifest = root / "expected.json"
    if not manifest.is_file() or manifest.read_text(encoding="utf-8") != manifest_text(c):
        problems.append("differs: expected.json")
    return problems


def write(c: Corpus, root: Path = CORPUS) -> None:
    for old in root.glob("*/*.eml"):
        if old.relative_to(root).as_posix() not in c.files:
            old.unlink()
    for rel, data in c.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "expected.json").write_text(manifest_text(c), encoding="utf-8")


def main(argv: list[str]) -> int:
    c = build()
    if "--check" in argv:
        problems = differences(c)
        print("\n".join(problems) or f"corpus up to date ({len(c.files)} messages)")
        return 1 if problems else 0
    write(c)
    print(f"wrote {len(c.files)} messages and expected.json under {CORPUS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
