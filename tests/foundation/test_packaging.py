"""Cockpit installs as one package, ``cockpit`` (issue 13 point 7), and leans on no private API of
Textual or textual-serve that a test does not pin (point 9).

The repository keeps ``db/``, ``screens/`` and ``widgets/`` beside ``cockpit/``; the wheel puts them
inside it.  Code imports them as ``cockpit.db`` etc. in both (docs/packaging.md).
"""

import ast
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from cockpit import __version__

ROOT = Path(__file__).resolve().parents[2]
MOVED = ("db", "screens", "widgets")
CODE = ("cockpit", *MOVED)


def clean_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return env | extra


def test_the_checkout_imports_each_module_once_under_cockpit():
    """Every module of the app imported in a fresh interpreter: ``cockpit.db`` is the checkout's
    ``db/`` folder, and no top-level ``db``, ``screens`` or ``widgets`` is imported beside it (that
    would be a second copy of every module: SQLModel tables defined twice)."""
    probe = (
        "import importlib, pkgutil, sys, cockpit, cockpit.db, cockpit.screens, cockpit.widgets\n"
        "names = []\n"
        "for folder, prefix in ((cockpit.__path__[0], 'cockpit.'), *((p.__path__[0], p.__name__ + '.')\n"
        "                       for p in (cockpit.db, cockpit.screens, cockpit.widgets))):\n"
        "    names += [m.name for m in pkgutil.walk_packages([folder], prefix)\n"
        "              if '.migrations' not in m.name and not m.name.endswith('__main__')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "from cockpit.modes import MODES\n"
        "for _key, _title, target in MODES.values():\n"
        "    module, _, cls = target.partition(':')\n"
        "    getattr(importlib.import_module(module), cls)\n"
        "print(len(names), cockpit.db.__file__)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('db', 'screens', 'widgets')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                            env=clean_env(PYTHONPATH=str(ROOT)), timeout=120)
    assert result.returncode == 0, result.stderr
    count, db_file = result.stdout.splitlines()[0].split(" ", 1)
    assert int(count) > 100  # the whole app was imported, not a corner of it
    assert Path(db_file) == ROOT / "db" / "__init__.py"
    assert result.stdout.splitlines()[1] == "[]"


def test_python_dash_m_cockpit_runs_from_the_checkout():
    result = subprocess.run([sys.executable, "-m", "cockpit", "--version"], cwd=ROOT, capture_output=True,
                            text=True, env=clean_env(), timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, f"cockpit {__version__}"), result.stderr


def private_imports(package: str) -> list[str]:
    """Imports, anywhere in our code, of a module of ``package`` whose name has a private part."""
    found = []
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
                for name in names:
                    parts = name.split(".")
                    if parts[0] == package and any(part.startswith("_") for part in parts[1:]):
                        found.append(f"{path.relative_to(ROOT)}: {name}")
    return found


def test_no_private_module_of_textual_or_textual_serve_is_imported():
    assert private_imports("textual") == []
    assert private_imports("textual_serve") == []


def test_the_browser_server_overrides_no_private_method_of_textual_serve():
    from textual_serve.server import Server

    from cockpit.webview import CockpitServer

    overridden = [name for name in vars(CockpitServer)
                  if name.startswith("_") and not name.startswith("__") and hasattr(Server, name)]
    assert overridden == []


@pytest.mark.slow
def test_the_wheel_installs_one_package_that_runs_on_its_own(tmp_path):
    """Build the wheel, install it alone into a fresh venv (its dependencies come from this test's
    environment through a path file, which adds that folder only: not this checkout), and run it
    from outside the repository."""
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(dist), str(ROOT)], capture_output=True, text=True, env=clean_env(), timeout=120)
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("cockpit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"cockpit", f"cockpit-{__version__}.dist-info"}
    for expected in ("cockpit/db/models.py", "cockpit/screens/board/screen.py", "cockpit/widgets/keys_footer.py",
                     "cockpit/db/migrations/env.py", "cockpit/db/migrations/script.py.mako", "cockpit/app.tcss",
                     "cockpit/templates/daily.md.j2", "cockpit/templates/weekly.md.j2"):
        assert expected in names
    assert not any("__pycache__" in name or name.startswith("cockpit/tests/") for name in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    (purelib / "dependencies_of_the_test_environment.pth").write_text(sysconfig.get_path("purelib") + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True, text=True, env=clean_env(), timeout=120)
    assert install.returncode == 0, install.stderr
    assert sorted(p.name for p in purelib.iterdir() if not p.name.endswith(".pth")) == [
        "cockpit", f"cockpit-{__version__}.dist-info"]

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = clean_env(HOME=str(outside), COCKPIT_HOME=str(outside / "home"), XDG_DATA_HOME=str(outside / "data"),
                    XDG_CONFIG_HOME=str(outside / "config"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(args, cwd=outside, capture_output=True, text=True, env=env, timeout=120)

    version = run(str(venv / "bin" / "cockpit"), "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"cockpit {__version__}"), version.stderr
    init = run(str(venv / "bin" / "cockpit"), "init", "--db", str(outside / "w.db"))
    assert init.returncode == 0, init.stderr
    assert (outside / "w.db").is_file()
    report = run(str(venv / "bin" / "cockpit"), "report", "weekly", "--db", str(outside / "w.db"), "--out", "-")
    assert report.returncode == 0 and report.stdout.startswith("# Weekly report: "), report.stderr  # its template shipped
    where = run(str(python), "-c", "import importlib.util, cockpit.db.migrate as m, cockpit.app; "
                "print(m.__file__); print(importlib.util.find_spec('db'), importlib.util.find_spec('screens'))")
    assert where.returncode == 0, where.stderr
    module_file, top_level = where.stdout.splitlines()
    assert Path(module_file) == purelib / "cockpit" / "db" / "migrate.py"  # the wheel's files, not the checkout's
    assert top_level == "None None"
