"""The OAuth2 client's talk with the provider's endpoints: the session, the device
flow, and one sentence for every way an endpoint can fail.

The client is Authlib's OAuth2Session (over requests): configuration-driven, so
the same code serves Microsoft, Google and any standard server by its endpoint
URLs. It is imported only here, when a token is really needed.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from feedback_mailer.base.errors import CredentialError, MailServerError
from feedback_mailer.setup import oauth2_providers as providers

if TYPE_CHECKING:
    from authlib.integrations.requests_client import OAuth2Session

    from feedback_mailer.setup.config import OAuth2Config

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
HTTP_TIMEOUT_SECONDS = 30.0
# Every request to a sign-in server ends within this, whatever the server does, and
# reads at most MAX_ANSWER_BYTES (a token answer is a few KB): README, Guarantees.
REQUEST_DEADLINE_SECONDS = 30.0
MAX_ANSWER_BYTES = 64 * 1024
# A device code is good for 15 minutes at Microsoft; a server asking to be polled
# for longer is not believed.
MAX_DEVICE_WAIT_SECONDS = 1800

# Answers of a token endpoint that mean the sign-in itself is gone: expired, revoked,
# the password changed, consent withdrawn, or a new sign-in is required.
_SIGN_IN_GONE = frozenset(
    {"invalid_grant", "interaction_required", "login_required", "consent_required"}
)
# Microsoft's codes for the same (in error_description): AADSTS70000 invalid grant,
# 70008/700082 expired by inactivity, 50173 revoked (password changed), 65001 no
# consent, 50076/50079 multi-factor sign-in required, 54005 code already used,
# 700084 single-page-app token expired, 530003 device policy.
_AADSTS_SIGN_IN_GONE = re.compile(
    r"AADSTS(70000|70008|700082|700084|50173|65001|50076|50079|50078|54005|530003)\b"
)


def host_of(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).netloc or url
    except ValueError:
        return url


def client_session(oauth: OAuth2Config, **options: Any) -> OAuth2Session:
    from authlib.integrations.requests_client import OAuth2Session

    from feedback_mailer.mail.connection import is_loopback

    secret = oauth.client_secret or None
    made = OAuth2Session(
        oauth.client_id,
        secret,
        token_endpoint_auth_method="client_secret_post" if secret else "none",
        revocation_endpoint_auth_method="client_secret_post" if secret else "none",
        default_timeout=HTTP_TIMEOUT_SECONDS,
        **options,
    )
    endpoints = [
        url
        for url in (
            oauth.token_endpoint,
            oauth.authorization_endpoint,
            oauth.device_authorization_endpoint,
            oauth.revocation_endpoint,
        )
        if url
    ]
    if all(is_loopback(host_of(url).rsplit(":", 1)[0].strip("[]")) for url in endpoints):
        made.trust_env = False  # a server on this machine: no proxy from the environment
    from feedback_mailer.setup.oauth2_transport import BoundedAdapter

    adapter = BoundedAdapter(REQUEST_DEADLINE_SECONDS, MAX_ANSWER_BYTES)
    made.mount("https://", adapter)
    made.mount("http://", adapter)
    return made


def shown(text: object, limit: int = 200) -> str:
    from feedback_mailer.mail.connection import shown

    return shown(str(text), limit)


def words(error: str, description: str | None) -> str:
    """What a token endpoint said: the code and the first line of its description."""
    first = (description or "").strip().splitlines()[0] if (description or "").strip() else ""
    return shown(f"{error}: {first}" if first else error)


def refusal(oauth: OAuth2Config, who: str, error: str, description: str | None) -> Exception:
    """One sentence for an error answer of the token endpoint."""
    said = words(error, description)
    if error in _SIGN_IN_GONE or _AADSTS_SIGN_IN_GONE.search(description or ""):
        return CredentialError(
            f"The OAuth2 sign-in for {who} has expired or was revoked ({said}): sign in again "
            "with `feedback-mailer auth login`."
        )
    name = providers.display_name(oauth.provider)
    if error in ("invalid_client", "unauthorized_client", "unsupported_grant_type"):
        secret = " and oauth2.client_secret" if oauth.client_secret else ""
        return CredentialError(
            f"{name.capitalize()} refused the app named by oauth2.client_id{secret} ({said}): "
            'check them against your app registration (README, "Signing in with OAuth2").'
        )
    if error == "invalid_scope":
        return CredentialError(
            f"{name.capitalize()} refused the scopes asked for ({said}): check oauth2.scopes and "
            'the app\'s API permissions (README, "Signing in with OAuth2").'
        )
    return MailServerError(
        f"The sign-in server {host_of(oauth.token_endpoint)} refused the request ({said}): try "
        "again later; if it keeps happening, sign in again with `feedback-mailer auth login`."
    )


@contextlib.contextmanager
def talking_to(oauth: OAuth2Config, who: str, url: str) -> Iterator[None]:
    """Turn the client's exceptions into one sentence each."""
    import requests
    from authlib.integrations.base_client.errors import OAuthError

    from feedback_mailer.setup.oauth2_transport import NotOAuth2, Redirected, TooLarge, TooSlow

    try:
        yield
    except Redirected as error:
        raise MailServerError(
            f"The sign-in server {host_of(url)} answered with a redirect to "
            f"{shown(error.location, 120) or 'nowhere'}, which is not followed (it would carry "
            "the sign-in there): check the [oauth2] endpoints."
        ) from None
    except TooSlow:
        raise MailServerError(
            f"The sign-in server {host_of(url)} did not answer within "
            f"{REQUEST_DEADLINE_SECONDS:g} seconds: check that you are online, or try again "
            "later."
        ) from None
    except TooLarge:
        raise MailServerError(
            f"The sign-in server {host_of(url)} answered with more than "
            f"{MAX_ANSWER_BYTES // 1024} KB, which is not OAuth2: check the [oauth2] endpoints, "
            "or try again later."
        ) from None
    except NotOAuth2 as error:
        raise MailServerError(
            f"The sign-in server {host_of(url)} gave an answer that is not OAuth2 "
            f"({shown(error, 120)}): check the [oauth2] endpoints, or try again later."
        ) from None
    except OAuthError as error:
        raise refusal(oauth, who, str(error.error or "error"), error.description) from None
    except requests.HTTPError as error:
        status = error.response.status_code if error.response is not None else "?"
        raise MailServerError(
            f"The sign-in server {host_of(url)} answered HTTP {status}: try again later."
        ) from None
    except requests.RequestException as error:
        reason = shown(type(error).__name__ if not str(error) else error, 160)
        raise MailServerError(
            f"Cannot reach the sign-in server {host_of(url)} ({reason}): check that you are "
            "online, or try again later."
        ) from None
    except (ValueError, TypeError, RecursionError) as error:  # not JSON, no code, wrong shape
        raise MailServerError(
            f"The sign-in server {host_of(url)} gave an answer that is not OAuth2 "
            f"({shown(error, 120)}): check the [oauth2] endpoints, or try again later."
        ) from None


def seconds_of(value: object, default: int) -> int:
    try:
        count = int(str(value))
    except ValueError:
        return default
    return count if 0 < count < 10 * 365 * 86400 else default


def device_flow(oauth: OAuth2Config, who: str, out: Callable[[str], None]) -> Mapping[str, Any]:
    url = oauth.device_authorization_endpoint
    session = client_session(oauth)
    form = {"client_id": oauth.client_id, "scope": " ".join(oauth.scopes)}
    if oauth.client_secret:  # a confidential client authenticates here too (RFC 8628, 3.1)
        form["client_secret"] = oauth.client_secret
    with talking_to(oauth, who, url):
        response = session.request("POST", url, data=form, withhold_token=True)
        answer = response.json()
    if not isinstance(answer, dict):
        answer = {}
    if "error" in answer or response.status_code != 200:
        error = answer.get("error") or f"HTTP {response.status_code}"
        raise refusal(oauth, who, str(error), answer.get("error_description"))
    device_code = answer.get("device_code")
    user_code = answer.get("user_code")
    # Google says verification_url, RFC 8628 verification_uri.
    page = answer.get("verification_uri") or answer.get("verification_url")
    if not all(isinstance(value, str) and value for value in (device_code, user_code, page)):
        raise MailServerError(
            f"The sign-in server {host_of(url)} answered the device sign-in without a code or "
            "page: check oauth2.device_authorization_endpoint, or use --browser."
        )
    lifetime = min(seconds_of(answer.get("expires_in"), 900), MAX_DEVICE_WAIT_SECONDS)
    interval = max(1, min(seconds_of(answer.get("interval"), 5), 60))
    minutes = max(1, lifetime // 60)
    # The page and the code come from the server: shown escaped and short.
    out(f"1. Open {shown(page)} in a browser, on this or any other device.")
    out(
        f"2. Enter the code {shown(user_code, 40)} and sign in as {who} (within {minutes} minutes)."
    )
    poll = client_session(oauth)  # no scope on the token request: the device code carries it
    ends = time.monotonic() + lifetime
    from authlib.integrations.base_client.errors import OAuthError

    while True:
        time.sleep(interval)
        with talking_to(oauth, who, oauth.token_endpoint):
            try:
                return dict(
                    poll.fetch_token(
                        oauth.token_endpoint, grant_type=DEVICE_CODE_GRANT, device_code=device_code
                    )
                )
            except OAuthError as error:
                waiting = error.error in ("authorization_pending", "slow_down")
                if waiting and time.monotonic() < ends:
                    interval += 5 if error.error == "slow_down" else 0
                    continue
                if waiting or error.error == "expired_token":
                    raise CredentialError(
                        "The code expired before the sign-in was approved: nothing was stored; "
                        "run `feedback-mailer auth login` again."
                    ) from None
                if error.error in ("access_denied", "authorization_declined"):
                    raise CredentialError(
                        f"The sign-in for {who} was declined: nothing was stored."
                    ) from None
                raise
