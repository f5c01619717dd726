"""The architecture's one-way dependencies (design.md §3), checked by import-linter."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cockpit", "db", "screens", "widgets")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
         "sys.exit(lint_imports_command())"],
        cwd=root, capture_output=True, text=True, env={"PYTHONPATH": str(root), "PATH": ""},
    )


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
    logic.write_text(logic.read_text() + "\nfrom db.store import Store  # noqa: E402\n")
    services = tmp_path / "cockpit" / "services" / "files.py"
    services.write_text(services.read_text() + "\nimport textual  # noqa: E402\n")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert re.search(r"\b2 broken", result.stdout), result.stdout
    assert "cockpit.logic.dates -> db.store" in result.stdout
    assert "cockpit.services.files -> textual" in result.stdout
