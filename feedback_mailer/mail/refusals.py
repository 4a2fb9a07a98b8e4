"""Telling "wrong password" from "this provider does not take passwords any more".

Microsoft turned password (basic) authentication off for Outlook.com and most
Microsoft 365 mailboxes; Google wants an app password, or a sign-in in the
browser. Their servers say so in recognisable words, and the fix differs from
"store the right password": this module turns those replies into the sentence
that names the provider and the way to sign in.
"""

from __future__ import annotations

import re

# (pattern over the server's words, provider, what to do)
_MICROSOFT = re.compile(
    r"5\.7\.139|5\.7\.30\b|basic auth(entication)? is (disabled|not supported)", re.IGNORECASE
)
_GOOGLE_APP_PASSWORD = re.compile(
    r"5\.7\.9\b|application-specific password required", re.IGNORECASE
)
_GOOGLE_WEB_LOGIN = re.compile(r"please log ?in via your web browser", re.IGNORECASE)


def password_login_off(kind: str, host: str, user: str, words: str) -> str | None:
    """The sentence for a password login refused because passwords are off, else None.

    `kind` is "smtp" or "imap"; `words` the server's reply, already made printable.
    """
    oauth = (
        f'set {kind}.auth = "oauth2" (README, "Signing in with OAuth2") and run '
        "`feedback-mailer auth login`"
    )
    if _MICROSOFT.search(words):
        return (
            f"{host} no longer takes passwords for {user} ({words}): Microsoft turned password "
            f"sign-in off, so {oauth}."
        )
    if _GOOGLE_APP_PASSWORD.search(words):
        return (
            f"Google wants an app password for {user} ({words}): create one (Google Account, "
            "Security, 2-Step Verification, App passwords) and store it with "
            f"`feedback-mailer auth set {kind}`, or {oauth}."
        )
    if _GOOGLE_WEB_LOGIN.search(words):
        return (
            f"Google refused the password for {user} and wants a sign-in in the browser "
            f"({words}): store an app password with `feedback-mailer auth set {kind}`, or {oauth}."
        )
    return None
