"""The benchmark runs end to end at tiny sizes, so it cannot rot.

Only the shape of its output and the structural goals are checked (one SMTP
login, every follow-up sent, repeat-scan IMAP commands independent of the
store and mailbox sizes, every hostile message fetched whole): never a timing
or memory goal, which depends on the machine.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
TINY = ["--requests", "40", "--messages", "150", "--open", "20", "--follow-ups", "3"]
TINY += ["--rounds", "2"]

STARTUP_VARIANTS = (
    "python_pass",
    "click_minimal",
    "help",
    "version",
    "list",
    "list_unanswered_json",
    "list_small_store",
)
CHECK_FIGURES = (
    "first_scan_s",
    "repeat_scan_s",
    "first_scan_imap_commands",
    "repeat_scan_imap_commands",
    "first_scan_messages_examined",
    "in_process_first_scan_s",
    "in_process_repeat_scan_s",
    "repeat_commands_independent",
    "commands_matrix",
)
RUN_FIGURES = ("wall_s", "messages_per_s", "smtp_logins", "follow_ups_sent", "follow_ups_due")
WORST_KINDS = {
    "deep_multipart",
    "html_anchor_flood",
    "long_header_line",
    "many_headers",
    "many_parts",
}
WORST_CHECK_FIGURES = (
    "messages",
    "mailbox_bytes",
    "peak_rss_mb",
    "baseline_peak_rss_mb",
    "wall_s",
    "baseline_wall_s",
    "full_fetches",
    "changes",
    "unreadable",
)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--json", "--quick", *TINY],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_every_figure_is_reported(report: dict[str, Any]) -> None:
    assert {"cpu", "cores", "python", "date"} <= set(report["machine"])
    figures = report["figures"]
    for name in STARTUP_VARIANTS:
        row = figures["startup"][name]
        assert row["median_s"] > 0 and row["ratio_to_click"] > 0 and row["ratio_to_python"] > 0
        assert row["rounds"] == 2
    assert figures["startup"]["click_minimal"]["ratio_to_click"] == 1.0
    assert figures["seed"]["requests"] == 40
    for name in CHECK_FIGURES:
        assert name in figures["check"], name
    assert figures["check"]["open_requests"] == 20 and figures["check"]["messages"] == 150
    for name in RUN_FIGURES:
        assert name in figures["run"], name


def test_worst_case_is_reported(report: dict[str, Any]) -> None:
    worst = report["figures"]["worst_case"]
    # --quick: the hostile messages at 10 KB and 100 KB, read once each after a warm-up.
    assert (worst["small_bytes"], worst["large_bytes"], worst["repeats"]) == (10_000, 100_000, 1)
    assert set(worst["reader"]) == WORST_KINDS
    for kind, row in worst["reader"].items():
        for which, size in (("small", 10_000), ("large", 100_000)):
            figure = row[which]
            assert abs(figure["bytes"] - size) <= size // 50, (kind, which)
            assert figure["ms"] > 0 and figure["cpu_ms"] >= 0
            assert figure["verdict"] in {"answer", "auto_reply", "bounce", "machine", "unreadable"}
        assert row["ratio"] > 0
        assert "named" not in row  # the sizes issue 11 names are for full runs only
    assert worst["slowest"]["kind"] in WORST_KINDS and worst["max_ratio"]["kind"] in WORST_KINDS
    for name in WORST_CHECK_FIGURES:
        assert name in worst["check"], name
    assert worst["check"]["messages"] == 5
    assert worst["check"]["peak_rss_mb"] > 0 and worst["check"]["baseline_peak_rss_mb"] > 0


def test_reply_text_worst_case_is_reported(report: dict[str, Any]) -> None:
    parser = report["figures"]["reply_text"]
    assert parser["repeats"] == 1
    assert len(parser["answers"]) == 5
    assert all(row["chars"] > 0 and row["s"] >= 0 for row in parser["answers"].values())
    assert parser["slowest"]["answer"] in parser["answers"]


def test_structural_goals_hold(report: dict[str, Any]) -> None:
    run, check = report["figures"]["run"], report["figures"]["check"]
    assert run["smtp_logins"] == 1
    assert run["follow_ups_sent"] == run["follow_ups_due"] == 3
    # 2 store sizes x 2 mailbox sizes, each repeat scan seeing the same 10 new messages.
    assert len(check["commands_matrix"]) == 4
    assert len({row["repeat"]["commands"] for row in check["commands_matrix"]}) == 1
    assert all(row["repeat"]["header_fetches"] == 10 for row in check["commands_matrix"])
    assert check["first_scan_messages_examined"] >= 150
    worst = report["figures"]["worst_case"]["check"]
    assert worst["full_fetches"] == worst["messages"]


def test_each_goal_is_judged(report: dict[str, Any]) -> None:
    goals = report["goals"]
    assert len(goals) == 14
    kinds = {g["kind"] for g in goals}
    assert kinds == {"timing", "structural", "memory"}
    for goal in goals:
        assert {"goal", "measured", "target", "met", "kind"} <= set(goal)
        assert isinstance(goal["met"], bool)
    structural = [g for g in goals if g["kind"] == "structural"]
    assert structural and all(g["met"] for g in structural)


def test_text_report_shows_each_goal_beside_its_figure(
    report: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", bench)  # dataclasses look their module up
    monkeypatch.setattr(sys, "path", list(sys.path))  # run.py adds bench/ to it
    spec.loader.exec_module(bench)
    text = bench.format_text(bench.Results(**report))
    for goal in report["goals"]:
        line = next(line for line in text.splitlines() if goal["goal"] in line)
        assert goal["measured"] in line and goal["target"] in line
        assert line.rstrip().endswith("met" if goal["met"] else "NOT MET")
    assert report["machine"]["cpu"] in text
