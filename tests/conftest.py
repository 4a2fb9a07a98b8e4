"""Every test runs in its own empty world: config, data, keyring and home are temporary."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from support.examples import CI_EXAMPLES
from support.fixtures import *  # noqa: F403  (real SMTP/IMAP servers and TLS material)
from support.world import World

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE; without it "ci" when CI is set,
# else "dev". "ci" is Hypothesis's own CI profile (derandomized, no deadline, no example
# database) with every property test's full number of examples; "dev" is a quick local
# run on Hypothesis's defaults: a tenth of the examples (support.examples), no deadline.
settings.register_profile("ci", settings.get_profile("ci"), max_examples=CI_EXAMPLES)
settings.register_profile(
    "dev",
    settings.get_profile("default"),
    max_examples=CI_EXAMPLES // 10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _default_profile() -> str:
    in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return "ci" if in_ci else "dev"


settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or _default_profile())

ISOLATED_VARIABLES = (
    "FEEDBACK_MAILER_CONFIG",
    "FEEDBACK_MAILER_DB",
    "NO_COLOR",
    "EDITOR",
    "VISUAL",
)


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point every path the tool uses into a fresh home, with a real file keyring there.

    The home is not inside tmp_path, so tests that expect an empty tmp_path get one.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    # Always set: with keyrings.alt installed and no session bus, keyring's default
    # chain would pick an encrypted backend that prompts on a terminal.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("TZ", "Europe/London")
    for name in ISOLATED_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    yield home


@pytest.fixture
def cli_env() -> dict[str, str]:
    """The environment for a subprocess of the installed command (after isolation)."""
    return dict(os.environ)


@pytest.fixture
def world(isolated_environment: Path) -> World:
    """An isolated user whose subprocesses see the same temporary dirs and keyring."""
    return World(home=isolated_environment, env=dict(os.environ))
