"""`--help`, `--version` and `list` start fast: they never import jinja2, keyring,
dateutil, email_validator or the OAuth2 client, authlib and requests (each checked in
a fresh interpreter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from feedback_mailer.lifecycle.delivery import record_request
from feedback_mailer.lifecycle.outcomes import change_status
from feedback_mailer.setup import paths
from feedback_mailer.store import NewRequest, open_store

HEAVY = ("jinja2", "keyring", "dateutil", "email_validator", "authlib", "requests")

SCRIPT = """
import json, sys
result_file, args = sys.argv[1], json.loads(sys.argv[2])
import feedback_mailer.cli
after_import = sorted(sys.modules)
sys.argv = ["feedback-mailer", *args]
code = 0
try:
    feedback_mailer.cli.main()
except SystemExit as exit:
    code = exit.code
with open(result_file, "w", encoding="utf-8") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules), "after_import": after_import}, handle)
"""


def run_cli(args: list[str], tmp_path: Path) -> tuple[dict[str, object], str]:
    result_file = tmp_path / f"result-{len(list(tmp_path.glob('result-*')))}.json"
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(result_file), json.dumps(args)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=False,
    )
    assert result_file.exists(), completed.stderr
    result = json.loads(result_file.read_text(encoding="utf-8"))
    assert result["code"] in (0, None), (args, completed.stdout, completed.stderr)
    assert "Traceback" not in completed.stderr
    return result, completed.stdout


def heavy_modules(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return sorted(
        name for name in modules if any(name == h or name.startswith(h + ".") for h in HEAVY)
    )


def seed_requests(count: int) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    with open_store(paths.db_path()) as store:
        for index in range(count):
            request = record_request(
                store,
                NewRequest(
                    company=f"Company {index}",
                    role="Engineer",
                    contact_name=f"Contact {index}",
                    contact_email=f"contact{index}@example.com",
                    template="formal",
                    subject="Feedback on my interview",
                    message_id=f"<{index}.startup@example.com>",
                    raw=b"Subject: x\r\n\r\nx\r\n",
                    recipient_tz="America/New_York",
                    interview_date=None,
                    follow_up_due=now + timedelta(days=5) if index % 2 == 0 else None,
                ),
                now - timedelta(days=index),
            )
            if index > 0:
                change_status(store, request.id, "awaiting", now, sent_at=now)
        if count > 2:
            change_status(store, count, "closed", now, reason="no response")


def write_config() -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    example = Path(__file__).resolve().parent.parent / "config.example.toml"
    path.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    path.chmod(0o600)


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"]], ids=" ".join)
def test_help_and_version_import_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    result, stdout = run_cli(args, tmp_path)
    assert heavy_modules(result["modules"]) == []
    assert heavy_modules(result["after_import"]) == []
    assert stdout.strip()


def test_importing_the_cli_imports_nothing_heavy(tmp_path: Path) -> None:
    result, _ = run_cli(["--version"], tmp_path)
    assert heavy_modules(result["after_import"]) == []


@pytest.mark.parametrize("with_config", [False, True], ids=["no-config", "config"])
@pytest.mark.parametrize(
    "args",
    [["list"], ["list", "--all"], ["list", "--json"], ["list", "--unanswered"]],
    ids=" ".join,
)
@pytest.mark.parametrize("requests", [None, 0, 4], ids=["no-store", "empty-store", "4-requests"])
def test_list_imports_nothing_heavy(
    args: list[str], requests: int | None, with_config: bool, tmp_path: Path
) -> None:
    if with_config:
        write_config()
    if requests == 0:
        open_store(paths.db_path()).close()
    elif requests:
        seed_requests(requests)
    result, stdout = run_cli(args, tmp_path)
    assert heavy_modules(result["modules"]) == []
    if requests:
        if "--json" in args:
            shown = json.loads(stdout)
            assert {r["company"] for r in shown} >= {"Company 0", "Company 1"}
        elif "--unanswered" in args:
            assert "Company 1" in stdout and "Company 0" not in stdout
        else:
            assert "Company 0" in stdout and "Company 1" in stdout
            assert ("Company 3" in stdout) == ("--all" in args)
    elif "--json" in args:
        assert json.loads(stdout) == []
    else:
        assert "No" in stdout
    if requests is None:
        assert not paths.db_path().exists(), "list must not create a database"
