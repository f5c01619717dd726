"""The architecture's one-way dependencies (design.md §3), checked by import-linter.

In a checkout ``cockpit.db`` is the top-level ``db/`` folder, reached through ``cockpit/__init__.py``
(docs/packaging.md), so the linter runs after ``import cockpit``: then grimp sees every module.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = ("import sys, cockpit; from importlinter.cli import lint_imports_command; "
        "sys.argv[1:] = ['--no-cache']; sys.exit(lint_imports_command())")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LINT], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": ""})


def test_import_linter_contracts_hold():
    result = lint(ROOT)
    assert "Contracts: 5 kept, 0 broken" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0


def test_a_widget_that_imports_the_app_breaks_a_contract(tmp_path):
    """The contracts see the code under its ``cockpit.`` names: a forbidden import planted in a copy
    of the checkout is caught."""
    for folder in ("cockpit", "db", "screens", "widgets"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    agenda = tmp_path / "widgets" / "agenda.py"
    agenda.write_text(agenda.read_text() + "\nfrom cockpit.workspace import Workspace  # noqa\n")
    result = lint(tmp_path)
    verdicts = [line for line in result.stdout.splitlines() if line.startswith("widgets know nothing of")]
    assert verdicts and " BROKEN" in verdicts[0], result.stdout  # its verdict line (the name recurs below)
    assert "cockpit.widgets.agenda -> cockpit.workspace" in result.stdout
