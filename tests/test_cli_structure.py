"""The lazily loaded command tree stays consistent with its static listing."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from feedback_mailer.cli import LAZY_COMMANDS, cli


def first_paragraph(command: click.Command) -> str:
    return " ".join((command.help or "").split("\n\n")[0].split())


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_listed_help_matches_the_command(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert command.name == name
    assert first_paragraph(command) == LAZY_COMMANDS[name][2]


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output


def test_root_help_imports_no_command_module() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['feedback-mailer', '--help']\n"
        "import feedback_mailer.cli as cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.startswith('feedback_mailer.commands.')]\n"
        "assert loaded == ['feedback_mailer.commands.common'], loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["sned"])
    assert result.exit_code == 2
    assert "No such command 'sned'" in result.output
