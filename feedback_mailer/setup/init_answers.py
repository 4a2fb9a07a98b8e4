"""`init`: turn options and answers into a config file, never a password."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from feedback_mailer.base.errors import InputError
from feedback_mailer.setup import config as cfg
from feedback_mailer.writing import languages

Ask = Callable[[str, str | None], str]


Tell = Callable[[str], None]
Check = Callable[[str], str]


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


def _checked(
    options: Mapping[str, Any],
    key: str,
    question: str,
    default: str | None,
    ask: Ask | None,
    tell: Tell | None,
    check: Check,
) -> str:
    """An answer checked as it is typed: a wrong one is explained and asked again
    (interactive), or refused as one sentence (options, scripts). `check` returns the
    value to keep or raises InputError; it may offer a better default for the next try."""
    given = options.get(key)
    if given not in (None, "", ()) or ask is None:
        return check(str(given) if given not in (None, "", ()) else (default or ""))
    while True:
        answer = ask(question, default)
        answer = answer.strip() if answer else (default or "")
        try:
            return check(answer)
        except _Retry as retry:
            if tell is not None:
                tell(_spoken(str(retry)))
            default = retry.suggestion or default
        except InputError as error:
            if tell is not None:
                tell(_spoken(str(error)))


def _spoken(message: str) -> str:
    """A message for a person answering questions: the option that would have given the
    value in a script, "(--smtp-port)", means nothing to them and is left out."""
    import re

    return re.sub(r"\s*\(--[a-z0-9-]+\)", "", message)


class _Retry(InputError):
    """A wrong answer with a likely right one to offer as the next default."""

    def __init__(self, message: str, suggestion: str | None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


def _check_port(kind: str) -> Check:
    def check(value: str) -> str:
        flag = f"--{kind}-port"
        if not value.isdigit() or not 0 < int(value) < 65536:
            raise InputError(
                f"The {kind.upper()} port ({flag}) {value!r} is not a port number such as "
                f"{587 if kind == 'smtp' else 993}."
            )
        return str(int(value))

    return check


def _check_host(kind: str) -> Check:
    def check(value: str) -> str:
        flag = f"--{kind}-host"
        if not value:
            raise InputError(
                f"The {kind.upper()} server ({flag}) is missing: give its host name, e.g. "
                f"{kind}.example.com."
            )
        host, colon, port = value.rpartition(":")
        if colon and port.isdigit() and host and ":" not in host:
            raise InputError(
                f"The {kind.upper()} server ({flag}) {value!r} holds a port: give the host "
                f"name alone ({host}); the port ({port}) is its own answer (--{kind}-port)."
            )
        if any(c.isspace() or c in "/@" for c in value):
            raise InputError(
                f"The {kind.upper()} server ({flag}) {value!r} is not a host name: give "
                f"one such as {kind}.example.com."
            )
        return value

    return check


def _system_zone_name(ask: Ask | None) -> str | None:
    """Offered as the default when asking; left out of scripted configs (the system's applies)."""
    if ask is None:
        return None
    from feedback_mailer.base.timing import system_zone

    return system_zone().key


def _check_name(value: str) -> str:
    from feedback_mailer.base.textsafety import require_single_line

    if not value.strip():
        raise InputError(
            "Your name (--name) is missing: your name as recipients see it, e.g. Alex Candidate."
        )
    return " ".join(require_single_line(value, "name (--name)").split())


def _check_email(value: str) -> str:
    """A real address: a domain with a dot (alex@jobseeker would fail at the first send,
    and `doctor` would blame the password)."""
    from feedback_mailer.mail.addresses import validate_address

    if not value.strip():
        raise InputError("Your email address (--email) is missing: e.g. alex@example.com.")
    return validate_address(value, what="email address (--email)")


def _check_zone(value: str) -> str:
    """An IANA zone; 'Berlin' is answered with 'did you mean Europe/Berlin?'."""
    from feedback_mailer.base import timing

    if not value:
        return ""
    try:
        return timing.zone(value).key
    except InputError as error:
        close = timing.zone_suggestions(value)
        raise _Retry(str(error), close[0] if close else None) from None


def _check_security(host: str, kind: str) -> Check:
    def check(value: str) -> str:
        from feedback_mailer.mail.connection import is_loopback

        value = value.strip().lower()  # "STARTTLS" as people write it
        if value not in cfg.SECURITY_MODES:
            raise InputError(
                f"{kind.upper()} security {value!r} is not one of {', '.join(cfg.SECURITY_MODES)}: "
                "tls (usually port 465 or 993) or starttls (usually 587)."
            )
        if value == "none" and not is_loopback(host):
            raise InputError(
                f'security "none" would send your password unencrypted to {host}: it is only '
                "allowed for this machine (localhost); choose tls or starttls."
            )
        return value

    return check


def _check_cafile(kind: str) -> Check:
    def check(value: str) -> str:
        import os

        if not value:
            return ""
        path = os.path.expanduser(value)
        if not os.path.isfile(path) or not os.access(path, os.R_OK):
            raise InputError(
                f"The {kind.upper()} CA file {value!r} is not a readable file: give the path of "
                "your server's CA certificate (PEM), or leave it empty for the system's."
            )
        return os.path.abspath(path)

    return check


def _text(value: str) -> str:
    return value


def _system_language() -> str:
    """The language of the system's locale (LANG=de_DE.UTF-8 gives de) when the built-in
    texts are written in it, else English."""
    import os

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value[:2].lower()
            return code if code in languages.BUILT_IN else languages.DEFAULT
    return languages.DEFAULT


def _check_language(value: str) -> str:
    return languages.check(value or languages.DEFAULT, "language of your messages")


def _provider_of(current: cfg.Config | None) -> str | None:
    """The preset whose SMTP host the current config uses, else custom."""
    if current is None or current.smtp is None:
        return None
    for name, preset in cfg.PRESETS.items():
        if preset.smtp_host == current.smtp.host:
            return name
    return "custom"


# Yes and no as people type them in the languages the product writes: an answer
# that is neither is asked again, never taken for a no (a no turns a safeguard off).
_YES = frozenset(("y", "yes", "j", "ja", "oui", "s", "sí", "si", "da", "true", "1"))
_NO = frozenset(("n", "no", "nein", "non", "false", "0"))


def yes_no(question: str, default: str, ask: Ask, tell: Tell | None) -> bool:
    while True:
        answer = (ask(question, default) or default).strip()
        word = answer.lower().rstrip(".!")
        if word in _YES:
            return True
        if word in _NO:
            return False
        if tell is not None:
            tell(f"{answer!r} is neither yes nor no: answer yes or no (ja/nein, oui/non, sí/no).")


def collect_answers(
    options: Mapping[str, Any],
    ask: Ask | None,
    tell: Tell | None = None,
    current: cfg.Config | None = None,
) -> cfg.InitAnswers:
    """Options win; missing values are asked (interactive) or defaulted from `current`
    (the config being updated), else the preset. Each answer is checked as it is given.
    Keys `init` does not ask about are kept from `current`."""
    sender = current.sender if current else None
    name = _checked(options, "name", "Your name", sender and sender.name, ask, tell, _check_name)
    email = _checked(
        options, "email", "Your email address", sender and sender.email, ask, tell, _check_email
    )
    timezone = _checked(
        options,
        "timezone",
        "Your time zone (IANA name, e.g. Europe/Berlin)",
        (sender.timezone if sender else None) or _system_zone_name(ask),
        ask,
        tell,
        _check_zone,
    )
    provider = _value(
        options,
        "provider",
        f"Provider ({', '.join(cfg.PROVIDERS)})",
        _provider_of(current) or "custom",
        ask,
    )
    while provider not in cfg.PROVIDERS:
        problem = f"Unknown provider {provider!r}: choose one of {', '.join(cfg.PROVIDERS)}."
        if ask is None:
            raise InputError(problem)
        if tell is not None:
            tell(problem)
        provider = _value({}, "provider", f"Provider ({', '.join(cfg.PROVIDERS)})", "custom", ask)
    preset = cfg.PRESETS.get(provider or "custom")
    same_provider = _provider_of(current) == provider
    custom = preset is None

    def smtp_or_imap(
        kind: str,
        host: str | None,
        port: int,
        security: str,
        now: cfg.SmtpConfig | cfg.ImapConfig | None,
        cafile_default: str = "",
    ) -> dict[str, Any]:
        if now is not None and same_provider:
            host, port, security = now.host, now.port, now.security
        K = kind.upper()
        host_value = _checked(
            options, f"{kind}_host", f"{K} server", host, ask, tell, _check_host(kind)
        )
        port_value = int(
            _checked(options, f"{kind}_port", f"{K} port", str(port), ask, tell, _check_port(kind))
        )
        security_value = _checked(
            options,
            f"{kind}_security",
            f"{K} security (tls/starttls/none)",
            security,
            ask,
            tell,
            _check_security(host_value, kind),
        )
        username = _value(
            options,
            f"{kind}_username",
            f"{K} user name",
            (now.username if now is not None and same_provider else None) or email,
            ask,
        )
        # The IMAP server of a private provider mostly has the SMTP server's CA.
        kept_cafile = now.cafile if now is not None and same_provider else cafile_default
        cafile = _checked(
            options,
            f"{kind}_cafile",
            f"{K} CA file, for a server with a private certificate (empty: the system's)",
            kept_cafile,
            ask if custom else None,
            tell,
            _check_cafile(kind),
        )
        kept: dict[str, Any] = {}
        if now is not None and same_provider:
            kept = {"auth": now.auth, "token_command": now.token_command}
        return {
            "host": host_value,
            "port": port_value,
            "security": security_value,
            "username": username or email,
            "cafile": cafile,
            **kept,
        }

    now_smtp = current.smtp if current else None
    now_imap = current.imap if current else None
    smtp = cfg.SmtpConfig(
        **smtp_or_imap(
            "smtp",
            preset.smtp_host if preset else None,
            preset.smtp_port if preset else 587,
            preset.smtp_security if preset else "starttls",
            now_smtp,
        )
    )
    use_imap = options.get("use_imap")
    if use_imap is None:
        use_imap = preset is not None or bool(options.get("imap_host")) or now_imap is not None
        if ask is not None:
            # Every provider: without reply tracking a follow-up can only be a reminder.
            use_imap = yes_no(
                "Track replies over IMAP, so that no follow-up goes to someone who answered? "
                "(yes/no)",
                "yes",
                ask,
                tell,
            )
            if not use_imap and tell is not None:
                tell(
                    "Reply tracking is off: no answer can be seen, so each follow-up will be "
                    "a reminder to you, never sent on its own (`feedback-mailer init` again "
                    "adds it)."
                )
    imap = None
    if use_imap:
        fields = smtp_or_imap(
            "imap",
            preset.imap_host if preset else None,
            preset.imap_port if preset else 993,
            preset.imap_security if preset else "tls",
            now_imap,
            smtp.cafile,
        )
        sent_default = (
            now_imap.sent_folder
            if now_imap is not None and same_provider
            else (preset.sent_folder if preset else "")
        )
        sent = _checked(
            options,
            "sent_folder",
            "IMAP folder for a copy of each message sent, e.g. Sent (empty: none, when the "
            "server files sent mail itself)",
            sent_default,
            ask if custom else None,
            tell,
            _text,
        )
        folders = options.get("imap_folders") or (
            now_imap.folders if now_imap is not None and same_provider else ("INBOX",)
        )
        imap = cfg.ImapConfig(**fields, folders=tuple(folders), sent_folder=sent)
    signed_in_before = current is not None and same_provider and smtp.auth != "password"
    if signed_in_before and not options.get("auth_method"):
        options = {**options, "auth_method": smtp.auth}  # keep the way of signing in
    auth, oauth2 = _sign_in(options, provider or "custom", ask)
    if auth != "password":
        smtp = smtp._replace(auth=auth)
        imap = imap._replace(auth=auth) if imap else None
    else:
        smtp = smtp._replace(auth="password", token_command=())
        imap = imap._replace(auth="password", token_command=()) if imap else None
    kept_app = current.oauth2 if current is not None and same_provider else None
    if kept_app is not None and not options.get("oauth2_client_id"):
        oauth2 = kept_app  # a registered app's client ID is kept
    language = (sender.language if sender else None) or None
    if ask is not None:
        language = _checked(
            options,
            "language",
            f"Language of your messages ({', '.join(languages.BUILT_IN)})",
            language or _system_language(),
            ask,
            tell,
            _check_language,
        )
    return cfg.InitAnswers(
        name=name,
        email=email,
        timezone=timezone or None,
        smtp=smtp,
        imap=imap,
        oauth2=oauth2,
        language=language,
        follow_up=current.follow_up if current else cfg.FollowUpConfig(),
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
