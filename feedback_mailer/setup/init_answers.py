"""`init`: turn options and answers into a config file, never a password."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from feedback_mailer.errors import InputError
from feedback_mailer.setup import config as cfg

Ask = Callable[[str, str | None], str]


def _value(
    options: Mapping[str, Any], key: str, question: str, default: str | None, ask: Ask | None
) -> str | None:
    given = options.get(key)
    if given not in (None, "", ()):
        return str(given)
    if ask is None:
        return default
    answer = ask(question, default)
    return answer.strip() if answer else default


def _required(value: str | None, flag: str) -> str:
    if not value:
        raise InputError(f"Missing {flag}: `feedback-mailer init --help` lists the options.")
    return value


def _port(value: str | None, flag: str) -> int:
    try:
        return int(_required(value, flag))
    except ValueError:
        raise InputError(f"{flag} {value!r} is not a port number such as 587.") from None


def _system_zone_name(ask: Ask | None) -> str | None:
    """Offered as the default when asking; left out of scripted configs (the system's applies)."""
    if ask is None:
        return None
    from feedback_mailer.timing import system_zone

    return system_zone().key


def collect_answers(options: Mapping[str, Any], ask: Ask | None) -> cfg.InitAnswers:
    """Options win; missing values are asked (interactive) or defaulted from the preset."""
    name = _required(_value(options, "name", "Your name", None, ask), "--name")
    email = _required(_value(options, "email", "Your email address", None, ask), "--email")
    timezone = _value(
        options, "timezone", "Your time zone (IANA name)", _system_zone_name(ask), ask
    )
    provider = _value(options, "provider", f"Provider ({', '.join(cfg.PROVIDERS)})", "custom", ask)
    if provider not in cfg.PROVIDERS:
        raise InputError(
            f"Unknown provider {provider!r}: choose one of {', '.join(cfg.PROVIDERS)}."
        )
    preset = cfg.PRESETS.get(provider or "custom")

    def smtp_or_imap(kind: str, host: str | None, port: int, security: str) -> dict[str, Any]:
        host_value = _required(
            _value(options, f"{kind}_host", f"{kind.upper()} server", host, ask), f"--{kind}-host"
        )
        port_value = _port(
            _value(options, f"{kind}_port", f"{kind.upper()} port", str(port), ask),
            f"--{kind}-port",
        )
        security_value = _required(
            _value(
                options,
                f"{kind}_security",
                f"{kind.upper()} security (tls/starttls/none)",
                security,
                ask,
            ),
            f"--{kind}-security",
        )
        return {
            "host": host_value,
            "port": port_value,
            "security": security_value,
            "username": _value(options, f"{kind}_username", f"{kind.upper()} user name", email, ask)
            or email,
            "cafile": str(options.get(f"{kind}_cafile") or ""),
        }

    smtp = cfg.SmtpConfig(
        **smtp_or_imap(
            "smtp",
            preset.smtp_host if preset else None,
            preset.smtp_port if preset else 587,
            preset.smtp_security if preset else "starttls",
        )
    )
    use_imap = options.get("use_imap")
    if use_imap is None:
        use_imap = preset is not None or bool(options.get("imap_host"))
        if ask is not None:
            use_imap = ask("Track replies over IMAP? (yes/no)", "yes" if use_imap else "no")
            use_imap = str(use_imap).lower().startswith("y")
    imap = None
    if use_imap:
        fields = smtp_or_imap(
            "imap",
            preset.imap_host if preset else None,
            preset.imap_port if preset else 993,
            preset.imap_security if preset else "tls",
        )
        sent_default = preset.sent_folder if preset else ""
        sent = options.get("sent_folder")
        imap = cfg.ImapConfig(
            **fields,
            folders=tuple(options.get("imap_folders") or ("INBOX",)),
            sent_folder=sent if sent is not None else sent_default,
        )
    auth, oauth2 = _sign_in(options, provider or "custom", ask)
    if auth != "password":
        smtp = smtp._replace(auth=auth)
        imap = imap._replace(auth=auth) if imap else None
    return cfg.InitAnswers(
        name=name, email=email, timezone=timezone or None, smtp=smtp, imap=imap, oauth2=oauth2
    )


# Providers whose OAuth2 endpoints and scopes are built in: init's name → [oauth2] provider.
_OAUTH2_PROVIDERS = {"outlook": "microsoft", "gmail": "google"}


def _sign_in(
    options: Mapping[str, Any], provider: str, ask: Ask | None
) -> tuple[str, cfg.OAuth2Config | None]:
    """Password or OAuth2: Outlook takes no passwords any more, Gmail may go either way."""
    method = options.get("auth_method")
    if not method:
        method = "oauth2" if provider == "outlook" else "password"
        if provider == "gmail" and ask is not None:
            answer = ask(
                "Sign in to Gmail with an app password or with OAuth2? (password/oauth2)",
                "password",
            )
            method = "oauth2" if answer.strip().lower().startswith("o") else "password"
    if method == "password":
        return "password", None
    oauth_provider = _OAUTH2_PROVIDERS.get(provider)
    if oauth_provider is None:
        raise InputError(
            f"OAuth2 is built in for gmail and outlook, not {provider}: write the [oauth2] "
            'section by hand (config.example.toml; README, "Signing in with OAuth2").'
        )
    tenant = str(options.get("oauth2_tenant") or "common") if oauth_provider == "microsoft" else ""
    return "oauth2", cfg.OAuth2Config(
        provider=oauth_provider,
        client_id=str(options.get("oauth2_client_id") or "").strip(),
        tenant=tenant,
    )
