"""What each OAuth2 provider needs: endpoints, scopes, and how it is signed into.

Pure data and string work, so loading the config (which fills these presets in)
stays as light as `list` needs; the flows themselves are in setup/oauth2.py.
"""

from __future__ import annotations

from typing import NamedTuple

PROVIDERS = ("microsoft", "google", "custom")
DEFAULT_TENANT = "common"
MICROSOFT_LOGIN = "https://login.microsoftonline.com"


class ProviderPreset(NamedTuple):
    """Endpoints (a `{tenant}` is replaced), scopes, and the provider's ways.

    `redirect_host`: the host name of the loopback redirect URI (Microsoft matches
    the registered `http://localhost` by name, Google takes 127.0.0.1); for
    `localhost` the listener holds the same port on 127.0.0.1 and ::1, so that no
    other local user can take the family the browser tries first.
    `authorize_params`: extra parameters of the authorization request.
    `revoke_help`: where a person ends the access by hand when the provider has no
    revocation endpoint.
    """

    authorization_endpoint: str
    token_endpoint: str
    device_authorization_endpoint: str
    revocation_endpoint: str
    scopes: tuple[str, ...]
    redirect_host: str = "127.0.0.1"
    authorize_params: tuple[tuple[str, str], ...] = ()
    revoke_help: str = ""
    name: str = "the provider"


PRESETS: dict[str, ProviderPreset] = {
    "microsoft": ProviderPreset(
        authorization_endpoint=MICROSOFT_LOGIN + "/{tenant}/oauth2/v2.0/authorize",
        token_endpoint=MICROSOFT_LOGIN + "/{tenant}/oauth2/v2.0/token",
        device_authorization_endpoint=MICROSOFT_LOGIN + "/{tenant}/oauth2/v2.0/devicecode",
        # Microsoft's identity platform has no RFC 7009 endpoint.
        revocation_endpoint="",
        scopes=(
            "https://outlook.office.com/IMAP.AccessAsUser.All",
            "https://outlook.office.com/SMTP.Send",
            "offline_access",
        ),
        redirect_host="localhost",
        revoke_help=(
            "remove feedback-mailer's access at https://account.live.com/consent/Manage "
            "(personal accounts) or https://myapps.microsoft.com (work or school accounts)"
        ),
        name="Microsoft",
    ),
    "google": ProviderPreset(
        authorization_endpoint="https://accounts.google.com/o/oauth2/v2/auth",
        token_endpoint="https://oauth2.googleapis.com/token",
        # Google's device flow does not allow the mail scope.
        device_authorization_endpoint="",
        revocation_endpoint="https://oauth2.googleapis.com/revoke",
        scopes=("https://mail.google.com/",),
        # A refresh token only comes with offline access, and again only with consent.
        authorize_params=(("access_type", "offline"), ("prompt", "consent")),
        revoke_help="remove its access at https://myaccount.google.com/connections",
        name="Google",
    ),
}


def preset(provider: str) -> ProviderPreset | None:
    return PRESETS.get(provider)


def filled(template: str, tenant: str) -> str:
    return template.replace("{tenant}", tenant or DEFAULT_TENANT)


def display_name(provider: str) -> str:
    found = PRESETS.get(provider)
    return found.name if found else "the provider"
