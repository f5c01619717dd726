"""``cockpit checkin``, ``cockpit import metrics`` and ``cockpit export okr`` as a script runs them
(in-process through ``cockpit.cli.main``; one test runs the real command in a subprocess)."""

import csv
import io
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from cockpit.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args: str) -> tuple[int, str, str]:
    from cockpit.cli import main

    status = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A workspace file with one objective and two KRs: O1-KR1 (repeat rate, %) and O1-KR2 (churn, lower)."""
    path = tmp_path / "goals.db"
    store = open_workspace(path)
    objective = store.goals.add_objective("Grow repeat | purchases <b>")
    store.goals.add_kr(objective.id, "Repeat rate", unit="%", baseline=20, target=30)
    store.goals.add_kr(objective.id, "Churn", direction="lower", baseline=8, target=5)
    store.engine.dispose()
    return path


def values(path: Path, code: str) -> list[tuple[date, float, str]]:
    store = open_workspace(path, create=False)
    try:
        kr = store.goals.kr_by_code(code)
        return [(c.day, c.value, c.note) for c in store.goals.checkins(kr.id)]
    finally:
        store.engine.dispose()


def test_checkin_shows_the_parsed_date_back_and_replaces_the_same_day(workspace, capsys):
    status, out, err = run(capsys, "checkin", "o1-kr1", "22,5", "--date", "2026-11-20", "--db", workspace,
                           "--note", "from the warehouse")
    assert status == 0, err
    assert "checked in O1-KR1 = 22.5% for Fri 20 Nov 2026" in out
    status, out, _err = run(capsys, "checkin", "O1-KR1", "23", "--date", "2026-11-20", "--db", workspace)
    assert status == 0
    assert values(workspace, "O1-KR1") == [(date(2026, 11, 20), 23.0, "")]
    today = date.today()
    status, out, _err = run(capsys, "checkin", "O1-KR2", "7", "--date=-1d", "--db", workspace)
    assert status == 0 and "(yesterday)" in out and "7-day average 7 (1 day)" in out
    assert values(workspace, "O1-KR2") == [(today - timedelta(days=1), 7.0, "")]


@pytest.mark.parametrize(("args", "message"), [
    (("O9-KR9", "1"), "no key result 'O9-KR9'"),
    (("O1-KR1", "abc"), "value: 'abc' is not a number"),
    (("O1-KR1", "1", "--date", "31/02"), "--date: 31/02 is not a real date"),
    (("O1-KR1", "nan"), "value: 'nan' is not a number"),
])
def test_checkin_mistakes_are_one_line_exit_1_nothing_written(workspace, capsys, args, message):
    status, out, err = run(capsys, "checkin", *args, "--db", workspace)
    assert status == 1 and out == ""
    assert message in err and err.count("\n") == 1, err
    assert values(workspace, "O1-KR1") == []


def test_import_metrics_all_rows_with_or_without_header(workspace, tmp_path, capsys):
    data = tmp_path / "metrics.csv"
    data.write_text("kr;date;value;note\nO1-KR1;2026-11-18;21,5;weekly export\no1-kr1;2026-11-19;22\n"
                    "O1-KR2;2026-11-19;7.5\nO1-KR1;2026-11-19;22.5;corrected\n", encoding="utf-8")
    status, out, err = run(capsys, "import", "metrics", data, "--db", workspace)
    assert status == 0, err
    assert out == f"imported 3 check-ins for 2 key results from {data}\n"
    assert values(workspace, "O1-KR1") == [(date(2026, 11, 18), 21.5, "weekly export"),
                                           (date(2026, 11, 19), 22.5, "corrected")]
    bare = tmp_path / "bare.csv"
    bare.write_text("O1-KR2,2026-11-19,6.5\n", encoding="utf-8")
    assert run(capsys, "import", "metrics", bare, "--db", workspace)[0] == 0
    assert values(workspace, "O1-KR2") == [(date(2026, 11, 19), 6.5, "")]


@pytest.mark.parametrize(("body", "message"), [
    ("kr,date,value\nO1-KR1,2026-11-18,21\nO1-KR1,2026-11-19,lots\n", "row 3, value: 'lots' is not a number"),
    ("O1-KR1,2026-11-18,21\nO7-KR1,2026-11-19,3\n", "row 2, kr: no key result 'O7-KR1'"),
    ("O1-KR1,2026-13-01,21\n", "row 1, date: 2026-13-01 is not a real date"),
    ("O1-KR1,2026-11-18\n", "row 1: expected kr code, date, value[, note]; found 2 fields"),
    ("kr,date,value\n", "no check-ins in the file"),
    ("O1-KR1,2026-11-18,1,note," + "\n", "row 1: expected at most 4 fields"),
])
def test_import_metrics_is_all_or_nothing_naming_row_and_field(workspace, tmp_path, capsys, body, message):
    data = tmp_path / "bad.csv"
    data.write_text(body, encoding="utf-8")
    status, out, err = run(capsys, "import", "metrics", data, "--db", workspace)
    assert status == 1 and out == ""
    assert "nothing imported" in err and message in err and err.count("\n") == 1, err
    assert values(workspace, "O1-KR1") == []


def test_export_okr_markdown_and_csv(workspace, tmp_path, capsys):
    today = date.today()
    run(capsys, "checkin", "O1-KR1", "25", "--date", "today", "--db", workspace)
    run(capsys, "checkin", "O1-KR1", "20", "--date=-7d", "--db", workspace)
    status, out, err = run(capsys, "export", "okr", "--db", workspace)
    assert status == 0, err
    assert f"## OKR board: My project — {today:%d %b %Y}" in out
    assert "### Grow repeat \\| purchases &lt;b&gt;" in out
    assert "| O1-KR1 | Repeat rate ↑ | — | 0 / 0 | 20% | 30% | 25% (1 day) | +25% | 50% | not decided yet |" in out
    assert "| O1-KR2 | Churn ↓ | — | 0 / 0 | 8 | 5 | no data | n/a | no data | not decided yet |" in out
    target = tmp_path / "okr.csv"
    status, out, err = run(capsys, "export", "okr", "--format", "csv", "--out", target, "--db", workspace)
    assert status == 0 and out == f"exported 2 key results of 1 objective to {target}\n"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [(r["code"], r["avg7"], r["wow_pct"], r["progress_pct"], r["direction"]) for r in rows] == [
        ("O1-KR1", "25", "25", "50", "higher"), ("O1-KR2", "", "", "", "lower")]


def test_the_real_command_checks_in(workspace):
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "cockpit", "checkin", "O1-KR2", "6", "--date", "2026-11-02",
                             "--db", str(workspace)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "checked in O1-KR2 = 6 for Mon 02 Nov 2026" in result.stdout
    assert values(workspace, "O1-KR2") == [(date(2026, 11, 2), 6.0, "")]
