"""``cockpit export raci`` and ``cockpit import raci`` as a user runs them."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.logic.raci import build

ROOT = Path(__file__).resolve().parents[2]


def subprocess_cockpit(*args: str) -> subprocess.CompletedProcess:
    """The real command line, in a child process (used where the process boundary matters)."""
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def cockpit(capsys):  # noqa: ANN201
    """``cockpit.cli.main`` in this process: (exit status, stdout, stderr) like a child process."""
    from cockpit.cli import main

    def run(*args: str) -> subprocess.CompletedProcess:
        status = main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, status, out, err)

    return run


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A new workspace (default RACI table) with one activity broken: Retrospective has no A."""
    from cockpit.workspace import open_workspace

    db = tmp_path / "work.db"
    store = open_workspace(db, new=True)
    retro = next(a for a in store.raci.activities() if a.name == "Retrospective")
    tpm = next(r.id for r in store.workspace.roles() if r.code == "TPM")
    store.raci.set_letter(retro.id, tpm, None, build(store.raci.table()).version(retro.id, tpm))
    store.engine.dispose()
    return db


def test_export_markdown_and_csv_to_private_files(workspace, tmp_path, cockpit):
    md, sheet = tmp_path / "raci.md", tmp_path / "raci.csv"
    result = subprocess_cockpit("export", "raci", "--db", str(workspace), "--format", "md", "--out", str(md))
    assert result.returncode == 0, result.stderr
    assert md.read_text().startswith("| Phase | Activity | PM |")
    assert "| Retrospective ⚠ no A |" in md.read_text()
    assert cockpit("export", "raci", "--db", str(workspace), "--format", "csv", "--out", str(sheet)).returncode == 0
    assert sheet.read_text().startswith("\ufeffPhase,Activity,Gate,Stage,Standard,Deliverable,Product manager")
    assert not md.read_bytes().startswith(b"\xef\xbb\xbf")  # Markdown has no byte-order mark
    assert stat.S_IMODE(md.stat().st_mode) == stat.S_IMODE(sheet.stat().st_mode) == 0o600


def test_csv_file_has_a_bom_for_excel_stdout_and_no_bom_do_not(workspace, tmp_path, cockpit):
    sheet, plain = tmp_path / "raci.csv", tmp_path / "plain.csv"
    assert cockpit("export", "raci", "--db", str(workspace), "--format", "csv", "--out", str(sheet)).returncode == 0
    assert cockpit("export", "raci", "--db", str(workspace), "--format", "csv", "--no-bom",
                   "--out", str(plain)).returncode == 0
    piped = cockpit("export", "raci", "--db", str(workspace), "--format", "csv", "--out", "-").stdout
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbfPhase,")
    assert plain.read_bytes().startswith(b"Phase,") and piped.startswith("Phase,")
    assert sheet.read_bytes()[3:] == plain.read_bytes() == piped.encode("utf-8")
    # the file with its byte-order mark imports back unchanged
    assert cockpit("import", "raci", "--db", str(workspace), str(sheet)).returncode == 0
    assert cockpit("export", "raci", "--db", str(workspace), "--format", "csv", "--out", "-").stdout == piped


def test_a_semicolon_sheet_from_excel_imports(workspace, tmp_path, cockpit):
    for name, text in (("semi.csv", "\ufeffPhase;Activity;PM;QA\r\nTest;Acceptance, then sign-off;A;R\r\n"),
                       ("sep.csv", "sep=;\r\nPhase;Activity;PM;QA\r\nTest;Acceptance, then sign-off;A;R\r\n")):
        sheet = tmp_path / name
        sheet.write_bytes(text.encode("utf-8"))
        result = cockpit("import", "raci", "--db", str(workspace), str(sheet))
        assert result.returncode == 0, result.stderr
        out = cockpit("export", "raci", "--db", str(workspace), "--format", "csv", "--out", "-").stdout
        assert out.splitlines()[1].startswith('Test,"Acceptance, then sign-off",no,,,,A,,R')
        assert len(out.splitlines()) == 2


def test_import_replaces_the_table_and_reports_the_check(workspace, tmp_path, cockpit):
    sheet = tmp_path / "new.csv"
    sheet.write_text("Phase,Activity,PM,QA,Stage\nTest,Acceptance,A,R,Pending release\nTest,Bug bash,,R,\n")
    result = cockpit("import", "raci", "--db", str(workspace), str(sheet))
    assert result.returncode == 0, result.stderr
    assert "imported 2 activities" in result.stdout and "1 activity without an A" in result.stdout
    out = cockpit("export", "raci", "--db", str(workspace), "--format", "csv", "--out", "-").stdout
    assert out.splitlines()[1].startswith("Test,Acceptance,yes,Pending release,,,A,,R")
    assert len(out.splitlines()) == 3


def test_a_bad_file_prints_one_line_naming_row_and_column_and_imports_nothing(workspace, tmp_path, cockpit):
    before = cockpit("export", "raci", "--db", str(workspace), "--format", "csv", "--out", "-").stdout
    sheet = tmp_path / "bad.csv"
    sheet.write_text("Activity,PM,QA\nAcceptance,A,R\nBug bash,,Y\n")
    result = subprocess_cockpit("import", "raci", "--db", str(workspace), str(sheet))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"cockpit: {sheet}: row 3, column 3 (QA): 'Y' is not R, A, C or I (or empty); nothing was imported"]
    assert cockpit("export", "raci", "--db", str(workspace), "--format", "csv", "--out", "-").stdout == before


@pytest.mark.parametrize(("content", "message"), [
    (b"Activity,PM\n\xff\xfe,A\n", "not UTF-8 text"),
    (None, "no such file"),
])
def test_unreadable_files_are_refused(workspace, tmp_path, content, message, cockpit):
    sheet = tmp_path / "sheet.csv"
    if content is not None:
        sheet.write_bytes(content)
    result = cockpit("import", "raci", "--db", str(workspace), str(sheet))
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_export_needs_an_existing_workspace(tmp_path, cockpit):
    result = cockpit("export", "raci", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "x.md"))
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "none.db").exists()
