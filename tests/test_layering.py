"""The architecture's one-way dependencies (design.md §3), checked by import-linter.

In a checkout ``cockpit.db`` is the top-level ``db/`` folder, reached through ``cockpit/__init__.py``
(docs/packaging.md), so the linter runs after ``import cockpit``: then grimp sees every module.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cockpit", "db", "screens", "widgets")
LINT = ("import sys, cockpit; from importlinter.cli import lint_imports_command; "
        "sys.argv[1:] = ['--no-cache']; sys.exit(lint_imports_command())")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LINT], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": ""})


def test_import_linter_contracts_hold():
    result = lint(ROOT)
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", result.stdout)
    assert kept and int(kept.group(1)) >= 5, result.stdout + result.stderr
    assert "logic is pure" in result.stdout and "services are UI-free" in result.stdout
    assert result.returncode == 0


def test_logic_importing_the_store_breaks_the_contracts(tmp_path):
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    logic = tmp_path / "cockpit" / "logic" / "dates.py"
    logic.write_text(logic.read_text() + "\nfrom cockpit.db.store import Store  # noqa: E402\n")
    services = tmp_path / "cockpit" / "services" / "files.py"
    services.write_text(services.read_text() + "\nimport textual  # noqa: E402\n")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert re.search(r"\b2 broken", result.stdout), result.stdout
    assert "cockpit.logic.dates -> cockpit.db.store" in result.stdout
    assert "cockpit.services.files -> textual" in result.stdout


def test_a_widget_that_imports_the_app_breaks_a_contract(tmp_path):
    """The contracts see the code under its ``cockpit.`` names: a forbidden import planted in a copy
    of the checkout is caught."""
    for folder in PACKAGES:
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    agenda = tmp_path / "widgets" / "agenda.py"
    agenda.write_text(agenda.read_text() + "\nfrom cockpit.workspace import Workspace  # noqa\n")
    result = lint(tmp_path)
    verdicts = [line for line in result.stdout.splitlines() if line.startswith("widgets know nothing of")]
    assert verdicts and " BROKEN" in verdicts[0], result.stdout  # its verdict line (the name recurs below)
    assert "cockpit.widgets.agenda -> cockpit.workspace" in result.stdout
