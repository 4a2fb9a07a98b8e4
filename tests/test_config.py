"""config.toml: every documented key loads, every bad value is one ConfigError sentence
naming the file, the key and its line; init's writer round-trips with mode 0600."""

from __future__ import annotations

import os
import tomllib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support.config_values import CONFIG_KEYS, toml_string
from support.examples import examples
from support.world import file_mode

from feedback_mailer.base.errors import InputError
from feedback_mailer.setup import config as cfg
from feedback_mailer.setup import init_answers
from feedback_mailer.setup.config import (
    Config,
    ConfigError,
    FollowUpConfig,
    ImapConfig,
    InitAnswers,
    OAuth2Config,
    SenderConfig,
    SmtpConfig,
    load_config,
    load_optional_config,
    parse_config,
    permissions_warning,
    write_config,
)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "config.example.toml"
PATH = Path("/home/alex/.config/feedback-mailer/config.toml")

VALID = """\
[sender]
name = "Alex Candidate"
email = "alex@example.com"
timezone = "Europe/London"

[smtp]
host = "smtp.example.com"
port = 587
security = "starttls"
username = "alex@example.com"
cafile = ""

[imap]
host = "imap.example.com"
port = 993
security = "tls"
username = "alex@example.com"
cafile = ""
folders = ["INBOX"]
sent_folder = ""

[follow_up]
after = "5 business days"
min_after = "3 business days"
window = "Mon-Fri 09:00-17:00"
give_up_after = "14 days"
"""


def replace_line(text: str, section: str, key: str, line: str | None) -> str:
    """`text` with `key = ...` in [section] replaced by `line` (or removed when None)."""
    out: list[str] = []
    current = None
    for existing in text.splitlines():
        stripped = existing.strip()
        if stripped.startswith("["):
            current = stripped.strip("[]")
        if current == section and stripped.split("=")[0].strip() == key:
            if line is not None:
                out.append(line)
            continue
        out.append(existing)
    return "\n".join(out) + "\n"


def line_of(text: str, section: str, key: str) -> int:
    current = None
    for number, existing in enumerate(text.splitlines(), start=1):
        stripped = existing.strip()
        if stripped.startswith("["):
            current = stripped.strip("[]")
        if current == section and stripped.split("=")[0].strip() == key:
            return number
    raise AssertionError(f"{section}.{key} not in text")


def config_error(text: str, path: Path = PATH) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(path, text)
    message = str(caught.value)
    assert "\n" not in message, "one sentence on one line"
    assert str(path) in message
    return message


# --- config.example.toml ------------------------------------------------------------


def test_example_loads_with_every_key() -> None:
    config = parse_config(EXAMPLE, EXAMPLE.read_text(encoding="utf-8"))
    assert config.sender == SenderConfig(
        "Alex Candidate", "alex@example.com", "Europe/London", language="en"
    )
    assert config.smtp == SmtpConfig("smtp.example.com", 587, "starttls", "alex@example.com", "")
    assert config.imap == ImapConfig(
        "imap.example.com", 993, "tls", "alex@example.com", "", ("INBOX",), ""
    )
    assert config.follow_up == FollowUpConfig(
        "5 business days", "3 business days", "Mon-Fri 09:00-17:00", "14 days"
    )
    assert config.path == EXAMPLE
    assert config.oauth2 is not None and config.oauth2.provider == "microsoft"
    assert config.oauth2.token_endpoint.endswith("/common/oauth2/v2.0/token")


def test_example_documents_exactly_the_keys_the_loader_knows() -> None:
    document = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    sections = {
        "sender": SenderConfig,
        "smtp": SmtpConfig,
        "imap": ImapConfig,
        "follow_up": FollowUpConfig,
        "oauth2": OAuth2Config,
    }
    assert set(document) == set(sections)
    for section, shape in sections.items():
        assert set(document[section]) == set(shape._fields), section
    text = EXAMPLE.read_text(encoding="utf-8").lower()
    assert "password =" not in text and "password=" not in text


# --- signing in with OAuth2 ------------------------------------------------------------

OAUTH2 = '[oauth2]\nprovider = "microsoft"\nclient_id = "1234-abcd"\n'


def with_smtp(line: str, oauth2: str = "") -> str:
    """VALID with one more line in [smtp], and an [oauth2] section when given."""
    return VALID.replace('cafile = ""\n\n[imap]', f'cafile = ""\n{line}\n\n[imap]') + oauth2


def test_oauth2_sections_load_with_the_presets_filled_in() -> None:
    config = parse_config(PATH, with_smtp('auth = "oauth2"', OAUTH2 + 'tenant = "contoso.com"\n'))
    assert config.smtp is not None and config.smtp.auth == "oauth2"
    assert config.imap is not None and config.imap.auth == "password"
    assert config.oauth2 == OAuth2Config(
        provider="microsoft",
        client_id="1234-abcd",
        tenant="contoso.com",
        authorization_endpoint="https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize",
        token_endpoint="https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token",
        device_authorization_endpoint=(
            "https://login.microsoftonline.com/contoso.com/oauth2/v2.0/devicecode"
        ),
        scopes=(
            "https://outlook.office.com/IMAP.AccessAsUser.All",
            "https://outlook.office.com/SMTP.Send",
            "offline_access",
        ),
    )
    google = parse_config(PATH, VALID + '[oauth2]\nprovider = "google"\n')
    assert google.oauth2 is not None and google.oauth2.scopes == ("https://mail.google.com/",)
    assert google.oauth2.device_authorization_endpoint == ""  # no device flow for mail
    helper = parse_config(PATH, with_smtp('auth = "oauth2"\ntoken_command = ["oama", "access"]'))
    assert helper.smtp is not None and helper.smtp.token_command == ("oama", "access")
    assert helper.oauth2 is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (with_smtp('auth = "kerberos"'), ["smtp.auth", '"kerberos"']),
        (with_smtp("auth = true"), ["smtp.auth", "quoted string"]),
        (with_smtp('auth = "oauth2"'), ["smtp.auth", "[oauth2]", "token_command"]),
        (with_smtp('token_command = "oama access"'), ["smtp.token_command", "list"]),
        (with_smtp('token_command = ["oama", 1]'), ["smtp.token_command", "list"]),
        (with_smtp('token_command = ["oama"]'), ["smtp.token_command", 'auth = "oauth2"']),
        (
            replace_line(with_smtp('auth = "oauth2"', OAUTH2), "smtp", "username", 'username = ""'),
            ["smtp.username", "empty"],
        ),
        (VALID + '[oauth2]\nclient_id = "x"\n', ["oauth2.provider", "missing"]),
        (VALID + '[oauth2]\nprovider = "yahoo"\n', ["oauth2.provider", '"yahoo"']),
        (VALID + OAUTH2 + 'secret = "x"\n', ["oauth2.secret", "not a known key"]),
        (VALID + OAUTH2 + 'tenant = "my tenant"\n', ["oauth2.tenant", "tenant id"]),
        (VALID + '[oauth2]\nprovider = "google"\ntenant = "x"\n', ["oauth2.tenant"]),
        (VALID + '[oauth2]\nprovider = "google"\nclient_id = "a b"\n', ["oauth2.client_id"]),
        (VALID + OAUTH2 + 'scopes = "mail"\n', ["oauth2.scopes", "list"]),
        (VALID + OAUTH2 + 'scopes = ["a b"]\n', ["oauth2.scopes"]),
        (
            VALID + OAUTH2 + 'token_endpoint = "http://login.example.com/token"\n',
            ["oauth2.token_endpoint", "https://"],
        ),
        (VALID + OAUTH2 + 'token_endpoint = "login"\n', ["oauth2.token_endpoint", "not a URL"]),
        (
            VALID + '[oauth2]\nprovider = "custom"\nscopes = ["mail"]\n',
            ["oauth2.token_endpoint", "missing"],
        ),
        (
            VALID + '[oauth2]\nprovider = "custom"\ntoken_endpoint = "https://a.example/t"\n'
            'authorization_endpoint = "https://a.example/a"\n',
            ["oauth2.scopes", "missing"],
        ),
    ],
)
def test_bad_oauth2_values_name_the_key(text: str, words: list[str]) -> None:
    message = config_error(text)
    for word in words:
        assert word in message, message


def test_the_valid_fixture_loads() -> None:
    assert parse_config(PATH, VALID).imap is not None


def test_minimal_config_takes_defaults() -> None:
    config = parse_config(PATH, '[sender]\nname = "A"\nemail = "a@example.com"\n')
    assert config.smtp is None and config.imap is None
    assert config.sender.timezone is None
    assert config.follow_up == FollowUpConfig()
    with pytest.raises(ConfigError, match="no \\[smtp\\] section"):
        config.require_smtp()
    with pytest.raises(ConfigError, match="no \\[imap\\] section"):
        config.require_imap()


def test_smtp_and_imap_defaults() -> None:
    text = (
        '[sender]\nname = "A"\nemail = "a@example.com"\n'
        '[smtp]\nhost = "smtp.example.com"\n[imap]\nhost = "imap.example.com"\n'
    )
    config = parse_config(PATH, text)
    assert config.require_smtp() == SmtpConfig("smtp.example.com", 587, "starttls", "a@example.com")
    assert config.require_imap() == ImapConfig("imap.example.com", 993, "tls", "a@example.com")


# --- every validation error ----------------------------------------------------------


def test_malformed_toml_names_the_file_and_line() -> None:
    text = VALID.replace("port = 587", "port = = 587")
    message = config_error(text)
    assert f"line {line_of(VALID, 'smtp', 'port')}" in message


def test_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(VALID.encode("utf-8").replace(b"Alex", b"Al\xe9x"))
    with pytest.raises(ConfigError, match="UTF-8") as caught:
        load_config(path)
    assert str(path) in str(caught.value)


def test_missing_file_points_at_init(tmp_path: Path) -> None:
    path = tmp_path / "none.toml"
    with pytest.raises(ConfigError, match="init") as caught:
        load_config(path)
    assert str(path) in str(caught.value)
    assert load_optional_config(path) is None


def test_unreadable_path_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(path) in str(caught.value)


def test_optional_config_still_reports_errors(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[sender\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_optional_config(path)


@pytest.mark.parametrize(
    ("section", "key", "line", "words"),
    [
        ("sender", "colour", 'colour = "red"', ["sender.colour", "not a known key"]),
        ("sender", "password", 'password = "hunter2"', ["sender.password", "not a known key"]),
        ("smtp", "password", 'password = "hunter2"', ["smtp.password", "not a known key"]),
        ("imap", "folder", 'folder = "INBOX"', ["imap.folder", "not a known key"]),
        ("follow_up", "before", 'before = "1 day"', ["follow_up.before", "not a known key"]),
    ],
)
def test_unknown_keys_name_key_and_line(
    section: str, key: str, line: str, words: list[str]
) -> None:
    anchor = {"sender": "name", "smtp": "host", "imap": "host", "follow_up": "after"}[section]
    original = [x for x in VALID.splitlines() if x.startswith(f"{anchor} =")]
    # insert the unknown key right after the section's anchor key
    text = replace_line(VALID, section, anchor, None)
    text = text.replace(f"[{section}]\n", f"[{section}]\n{original[0]}\n{line}\n", 1)
    message = config_error(text)
    for word in words:
        assert word in message
    assert f"line {line_of(text, section, key)}" in message
    assert "hunter2" not in message


def test_unknown_section_is_named() -> None:
    message = config_error(VALID + '\n[extra]\nx = "1"\n')
    assert "[extra]" in message and "not a known section" in message


@pytest.mark.parametrize("section", ["sender", "smtp", "imap", "follow_up"])
def test_a_section_that_is_not_a_table(section: str) -> None:
    text = '[sender]\nname = "A"\nemail = "a@example.com"\n' if section != "sender" else ""
    text = f'{section} = "oops"\n' + text
    assert section in config_error(text)


def test_missing_sender_section() -> None:
    message = config_error('[smtp]\nhost = "smtp.example.com"\n')
    assert "[sender]" in message


@pytest.mark.parametrize(
    ("section", "key", "line", "words"),
    [
        # missing or empty required values
        ("sender", "name", None, ["sender.name", "missing"]),
        ("sender", "name", 'name = "  "', ["sender.name", "empty"]),
        ("sender", "email", None, ["sender.email", "missing"]),
        ("smtp", "host", None, ["smtp.host", "missing"]),
        ("smtp", "host", 'host = ""', ["smtp.host", "empty"]),
        ("imap", "host", 'host = " "', ["imap.host", "empty"]),
        # wrong types
        ("sender", "name", "name = 42", ["sender.name", "quoted string"]),
        ("sender", "email", "email = true", ["sender.email", "quoted string"]),
        ("smtp", "port", 'port = "abc"', ["smtp.port", "whole number", "'abc'"]),
        ("smtp", "port", "port = 587.0", ["smtp.port", "whole number"]),
        ("smtp", "port", "port = true", ["smtp.port", "whole number"]),
        ("imap", "port", 'port = "993"', ["imap.port", "whole number"]),
        ("smtp", "security", "security = 1", ["smtp.security", "quoted string"]),
        ("imap", "folders", 'folders = "INBOX"', ["imap.folders", "list"]),
        ("imap", "folders", "folders = []", ["imap.folders", "list"]),
        ("imap", "folders", "folders = [1]", ["imap.folders", "list"]),
        ("imap", "folders", 'folders = ["INBOX", " "]', ["imap.folders", "invalid folder"]),
        ("follow_up", "after", "after = 5", ["follow_up.after", "quoted string"]),
        # impossible values
        ("smtp", "port", "port = 70000", ["smtp.port", "70000", "65535"]),
        ("smtp", "port", "port = 0", ["smtp.port", "between 1 and 65535"]),
        ("imap", "port", "port = -1", ["imap.port", "between 1 and 65535"]),
        ("smtp", "security", 'security = "ssl"', ["smtp.security", '"ssl"']),
        ("smtp", "security", 'security = "none"', ["smtp.security", "smtp.example.com"]),
        ("imap", "security", 'security = "none"', ["imap.security", "imap.example.com"]),
        ("sender", "email", 'email = "not-an-address"', ["sender.email", "not-an-address"]),
        ("sender", "email", 'email = "A <a@example.com>"', ["sender.email"]),
        ("sender", "timezone", 'timezone = "Mars/Olympus"', ["sender.timezone", "Mars"]),
        ("sender", "name", 'name = "A\\nBcc: x@evil.example"', ["sender.name", "LF"]),
        ("smtp", "host", 'host = "smtp\\u0000.example.com"', ["smtp.host", "NUL"]),
        ("smtp", "cafile", 'cafile = "/nonexistent/ca.pem"', ["smtp.cafile", "/nonexistent"]),
        ("imap", "cafile", 'cafile = "/nonexistent/ca.pem"', ["imap.cafile", "/nonexistent"]),
        ("follow_up", "after", 'after = "soonish"', ["follow_up.after", "soonish"]),
        ("follow_up", "after", 'after = "1 business day"', ["follow_up.after", "min_after"]),
        ("follow_up", "min_after", 'min_after = "-3 days"', ["follow_up.min_after"]),
        ("follow_up", "give_up_after", 'give_up_after = "5 years"', ["follow_up.give_up_after"]),
        ("follow_up", "window", 'window = "Mon-Fri 17:00-09:00"', ["follow_up.window"]),
        ("follow_up", "window", 'window = "Mon-Fri 09:00-25:00"', ["follow_up.window"]),
        ("follow_up", "window", 'window = "Someday 09:00-17:00"', ["follow_up.window"]),
        ("follow_up", "window", 'window = "always"', ["follow_up.window", "always"]),
    ],
)
def test_bad_values_name_the_key_and_line(
    section: str, key: str, line: str | None, words: list[str]
) -> None:
    text = replace_line(VALID, section, key, line)
    message = config_error(text)
    for word in words:
        assert word in message, message
    if line is not None:
        assert f"(line {line_of(text, section, key)})" in message, message


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "::1", "127.0.0.2"])
def test_security_none_is_allowed_on_loopback(host: str) -> None:
    text = replace_line(VALID, "smtp", "host", f'host = "{host}"')
    text = replace_line(text, "smtp", "security", 'security = "none"')
    smtp = parse_config(PATH, text).require_smtp()
    assert (smtp.host, smtp.security) == (host, "none")


def test_an_existing_cafile_is_accepted(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    text = replace_line(VALID, "smtp", "cafile", f'cafile = "{ca}"')
    assert parse_config(PATH, text).require_smtp().cafile == str(ca)


def test_cafile_under_home_is_expanded(tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])
    (home / "ca.pem").write_text("x", encoding="ascii")
    text = replace_line(VALID, "imap", "cafile", 'cafile = "~/ca.pem"')
    assert parse_config(PATH, text).require_imap().cafile == str(home / "ca.pem")


@pytest.mark.parametrize("cafile", ["~nosuchuser/ca.pem", "x" * 300])
def test_odd_cafile_paths_are_config_errors(cafile: str) -> None:
    text = replace_line(VALID, "smtp", "cafile", f'cafile = "{cafile}"')
    assert "smtp.cafile" in config_error(text)


def test_window_variants_load() -> None:
    for window in ("Mon-Fri 09:00-17:00", "Mon,Wed,Fri 10:00-16:00", "Sat-Sun 10:00-12:00"):
        text = replace_line(VALID, "follow_up", "window", f'window = "{window}"')
        assert parse_config(PATH, text).follow_up.window == window


# --- permissions --------------------------------------------------------------------


def test_permissions_warning_for_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0o644)
    warning = permissions_warning(path)
    assert warning is not None
    assert str(path) in warning and "0644" in warning and "chmod 600" in warning
    path.chmod(0o600)
    assert permissions_warning(path) is None
    path.chmod(0o640)
    assert permissions_warning(path) is not None
    assert permissions_warning(tmp_path / "missing.toml") is None


# --- writing (init) -----------------------------------------------------------------


def answers(**changes: object) -> InitAnswers:
    base = InitAnswers(
        name="José Müller",
        email="jose@example.com",
        timezone="America/New_York",
        smtp=SmtpConfig("smtp.example.com", 465, "tls", "jose@example.com", ""),
        imap=ImapConfig(
            "imap.example.com", 993, "tls", "jose", "", ("INBOX", "Job hunt"), "Sent Items"
        ),
    )
    return base._replace(**changes)


def test_write_config_round_trips_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "config.toml"
    given_answers = answers()
    old_umask = os.umask(0)
    try:
        write_config(path, given_answers, overwrite=False)
    finally:
        os.umask(old_umask)
    assert file_mode(path) == 0o600
    loaded = load_config(path)
    assert loaded == Config(
        path=path,
        sender=SenderConfig(given_answers.name, given_answers.email, given_answers.timezone),
        smtp=given_answers.smtp,
        imap=given_answers.imap,
        follow_up=FollowUpConfig(),
    )
    text = path.read_text(encoding="utf-8")
    assert "password" not in tomllib.loads(text).get("smtp", {})
    assert not any("password" in key for table in tomllib.loads(text).values() for key in table)
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"], "no temporary left"
    assert permissions_warning(path) is None


@pytest.mark.parametrize(
    "name", ['Alex "The Candidate" O\'Brien', "back\\slash", "株式会社テスト", "Zoë 😀"]
)
def test_written_strings_are_escaped(tmp_path: Path, name: str) -> None:
    path = tmp_path / "config.toml"
    write_config(path, answers(name=name, imap=None, timezone=None), overwrite=False)
    loaded = load_config(path)
    assert loaded.sender.name == name
    assert loaded.imap is None
    assert loaded.sender.timezone is None


def test_write_config_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="--force") as caught:
        write_config(path, answers(), overwrite=False)
    assert str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == "# mine\n"
    write_config(path, answers(), overwrite=True)
    assert load_config(path).sender.name == "José Müller"
    assert file_mode(path) == 0o600


def test_write_config_validates_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    bad = answers(smtp=SmtpConfig("smtp.example.com", 25, "none", "jose", ""))
    with pytest.raises(ConfigError, match="security"):
        write_config(path, bad, overwrite=False)
    assert not path.exists()
    with pytest.raises(ConfigError, match=r"sender\.email"):
        write_config(path, answers(email="nope"), overwrite=False)
    assert not path.exists()


def test_write_config_into_an_impossible_place(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="ascii")
    path = blocker / "config.toml"
    with pytest.raises(ConfigError, match="Cannot write") as caught:
        write_config(path, answers(), overwrite=False)
    assert str(path) in str(caught.value)
    assert blocker.read_text(encoding="ascii") == "x"


# --- presets ------------------------------------------------------------------------


def test_provider_lists_agree() -> None:
    import click

    from feedback_mailer.cli import cli

    init = cli.get_command(click.Context(cli), "init")
    assert init is not None
    (provider,) = [p for p in init.params if p.name == "provider"]
    assert isinstance(provider.type, click.Choice)
    assert tuple(provider.type.choices) == tuple(cfg.PROVIDERS)
    assert set(cfg.PRESETS) == {"gmail", "outlook", "fastmail", "icloud", "yahoo"}


@pytest.mark.parametrize("provider", sorted(cfg.PRESETS))
def test_presets_fill_servers_and_load_back(tmp_path: Path, provider: str) -> None:
    preset = cfg.PRESETS[provider]
    collected = init_answers.collect_answers(
        {"name": "Alex", "email": "alex@example.com", "provider": provider}, None
    )
    # Outlook.com and Microsoft 365 take no passwords any more: OAuth2 (issue 13).
    auth = "oauth2" if provider == "outlook" else "password"
    assert collected.smtp == SmtpConfig(
        preset.smtp_host, preset.smtp_port, preset.smtp_security, "alex@example.com", "", auth
    )
    assert collected.imap == ImapConfig(
        preset.imap_host,
        preset.imap_port,
        preset.imap_security,
        "alex@example.com",
        "",
        ("INBOX",),
        preset.sent_folder,
        auth,
    )
    path = tmp_path / "config.toml"
    write_config(path, collected, overwrite=False)
    loaded = load_config(path)
    assert loaded.smtp == collected.smtp and loaded.imap == collected.imap
    # implicit TLS on 465, STARTTLS on 587: a preset never mixes them up
    assert (preset.smtp_port, preset.smtp_security) in {(465, "tls"), (587, "starttls")}
    assert (preset.imap_port, preset.imap_security) == (993, "tls")


def test_options_override_the_preset() -> None:
    collected = init_answers.collect_answers(
        {
            "name": "Alex",
            "email": "alex@example.com",
            "provider": "gmail",
            "smtp_port": 465,
            "smtp_security": "tls",
            "use_imap": False,
        },
        None,
    )
    assert collected.smtp.host == "smtp.gmail.com"
    assert (collected.smtp.port, collected.smtp.security) == (465, "tls")
    assert collected.imap is None


def test_custom_provider_needs_a_host() -> None:
    with pytest.raises(InputError, match="--smtp-host"):
        init_answers.collect_answers(
            {"name": "A", "email": "a@example.com", "provider": "custom"}, None
        )
    collected = init_answers.collect_answers(
        {"name": "A", "email": "a@example.com", "provider": "custom", "smtp_host": "mx.local"},
        None,
    )
    assert collected.smtp == SmtpConfig("mx.local", 587, "starttls", "a@example.com", "")
    assert collected.imap is None


# --- property: any string value is a ConfigError or a valid Config -------------------


@pytest.mark.parametrize(("section", "key"), CONFIG_KEYS, ids=lambda x: str(x))
@settings(max_examples=examples(150), deadline=None, suppress_health_check=list(HealthCheck))
@given(value=st.text())
@example(value="")
@example(value=" ")
@example(value="~")
@example(value="~nosuchuser/ca.pem")
@example(value="x" * 300)
@example(value="\x00")
@example(value="Europe/../../etc/passwd")
@example(value="/etc/passwd")
@example(value="9999999999 days")
@example(value="Mon-Sun 00:00-24:00")
def test_any_string_value_is_a_config_error_or_a_config(section: str, key: str, value: str) -> None:
    literal = toml_string(value)
    if key == "folders":
        literal = f"[{literal}]"
    text = replace_line(VALID, section, key, f"{key} = {literal}")
    assert tomllib.loads(text)[section][key] in (value, [value])
    try:
        config = parse_config(PATH, text)
    except ConfigError as error:
        message = str(error)
        assert "\n" not in message.replace(repr(value), "")
        assert f"{section}." in message or f"[{section}]" in message
        return
    assert isinstance(config, Config)
    assert not any(unicodedata.category(c) == "Cc" for c in value), (
        "a control character was accepted"
    )


@pytest.mark.parametrize("language", ["de", "fr", "es", "it"])
def test_sender_language_is_a_two_letter_code(tmp_path: Path, language: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'language = "en"', f'language = "{language}"'
    )
    assert parse_config(EXAMPLE, text).sender.language == language


@pytest.mark.parametrize("language", ["German", "DE", "d", "de-DE", ""])
def test_a_sender_language_that_is_not_a_code_is_a_config_error(
    tmp_path: Path, language: str
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'language = "en"', f'language = "{language}"'
    )
    with pytest.raises(ConfigError, match=r"sender\.language|language"):
        parse_config(EXAMPLE, text)
