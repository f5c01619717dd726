"""``cockpit export risks`` and ``cockpit import risks`` as a user runs them.

One test runs the real command in a subprocess; the others call ``cockpit.cli.main`` in-process
(the same code path after the interpreter starts, which takes seconds on a cold disk).
"""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]


def cockpit(*args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cockpit", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def run(capsys, *args: str) -> tuple[int, str, str]:
    """``cockpit ARGS`` in-process: (exit status, stdout, stderr)."""
    from cockpit.cli import main

    status = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_workspace(path, demo=True)
    store.engine.dispose()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    import sqlite3

    path = tmp_path / "demo.db"
    source, target = sqlite3.connect(demo_template), sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    return path


def test_export_then_import_into_a_fresh_workspace(demo_db, tmp_path, capsys):
    out = tmp_path / "risks.csv"
    result = cockpit("export", "risks", "--db", demo_db, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "exported 12 risks" in result.stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,title,")  # UTF-8 with a BOM, as Excel wants it
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == 12 and rows[0]["score"] == "20" and rows[0]["severity"] == "critical"

    fresh = tmp_path / "fresh.db"
    open_workspace(fresh).engine.dispose()
    # The fresh workspace has no people and no cards: owners and card links are refused, all of them.
    refused = cockpit("import", "risks", "--db", fresh, out)
    assert refused.returncode == 2
    assert "nothing imported" in refused.stderr and "field owner: no person with handle or name 'eli'" in refused.stderr
    assert "row 2, field owner" in refused.stderr
    assert open_workspace(fresh, create=False).risks.all() == []

    # Without the owner and card columns the same file imports completely.
    trimmed = tmp_path / "trimmed.csv"
    with trimmed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[c for c in rows[0] if c not in ("owner", "item_id")])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: v for k, v in row.items() if k not in ("owner", "item_id")})
    status, out, err = run(capsys, "import", "risks", "--db", fresh, trimmed)
    assert status == 0, err
    assert "imported 12 risks" in out
    imported = open_workspace(fresh, create=False).risks.all()
    assert sorted(r.title for r in imported) == sorted(row["title"] for row in rows)


def test_refused_import_lists_every_error_and_leaves_the_database_unchanged(demo_db, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("title,probability,impact,next_review\r\nFine,2,2,2026-12-01\r\nBroken,7,2,tomorrow\r\n",
                   encoding="utf-8")
    store = open_workspace(demo_db, create=False)
    before = (len(store.risks.all()), store.last_change_id())
    status, _out, err = run(capsys, "import", "risks", "--db", demo_db, bad)
    assert status == 2
    assert "2 errors" in err
    assert "row 3, field probability" in err and "row 3, field next_review" in err
    assert (len(store.risks.all()), store.last_change_id()) == before


def test_export_to_stdout_and_missing_workspace(tmp_path, demo_db, capsys):
    status, out, _err = run(capsys, "export", "risks", "--db", demo_db, "--out", "-")
    assert status == 0 and out.startswith("id,title,")  # no byte-order mark on standard output
    status, _out, _err = run(capsys, "export", "risks", "--db", demo_db, "--no-bom", "--out", tmp_path / "p.csv")
    assert status == 0 and (tmp_path / "p.csv").read_bytes() == out.encode("utf-8")
    status, _out, err = run(capsys, "export", "risks", "--db", tmp_path / "nope.db", "--out", tmp_path / "x.csv")
    assert status == 2 and "does not exist" in err
    assert not (tmp_path / "nope.db").exists()


def test_import_of_a_missing_file_is_one_line_and_status_2(demo_db, tmp_path, capsys):
    status, _out, err = run(capsys, "import", "risks", "--db", demo_db, tmp_path / "absent.csv")
    assert status == 2 and err.count("\n") == 1 and "absent.csv" in err
