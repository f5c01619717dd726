"""``--project NAME`` on the commands that work on one project (risks, RACI, calendar, minutes); the
default is the project opened last; an unknown name exits 1 with one readable line."""

import pytest

from cockpit.cli import main
from cockpit.workspace import open_workspace


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def workspace(tmp_path, capsys):
    path = tmp_path / "w.db"
    assert run(capsys, "init", "--db", str(path))[0] == 0
    store = open_workspace(str(path), create=False)
    store.risks.create(title="Vendor late", probability=4, impact=5)
    other = store.portfolio.add_project("Checkout")
    store.project_id = other.id
    store.risks.create(title="Bank API changes", probability=3, impact=3)
    store.raci.add_activity("Partner sign-off", phase="Checkout only")
    store.engine.dispose()
    return path


def test_exports_follow_project_and_default_to_the_one_opened_last(workspace, tmp_path, capsys):
    status, out, _ = run(capsys, "export", "risks", "--db", str(workspace), "--out", "-", "--project", "checkout")
    assert status == 0 and "Bank API changes" in out and "Vendor late" not in out
    status, out, _ = run(capsys, "export", "risks", "--db", str(workspace), "--out", "-", "--project", "My project")
    assert status == 0 and "Vendor late" in out and "Bank API changes" not in out
    status, out, _ = run(capsys, "export", "raci", "--db", str(workspace), "--out", "-", "--project", "Checkout")
    assert "Partner sign-off" in out
    assert "Partner sign-off" not in run(capsys, "export", "raci", "--db", str(workspace), "--out", "-")[1]
    store = open_workspace(str(workspace), create=False)
    store.portfolio.remember(next(p.id for p in store.workspace.projects() if p.name == "Checkout"))
    store.engine.dispose()
    status, out, _ = run(capsys, "export", "risks", "--db", str(workspace), "--out", "-")  # opened last: Checkout
    assert "Bank API changes" in out and "Vendor late" not in out


def test_imports_land_in_the_named_project(workspace, tmp_path, capsys):
    file = tmp_path / "risks.csv"
    file.write_text("title,probability,impact\nPeak traffic,2,5\n", encoding="utf-8")
    status, _out, err = run(capsys, "import", "risks", "--db", str(workspace), str(file), "--project", "Checkout")
    assert status == 0, err
    store = open_workspace(str(workspace), create=False)
    store.project_id = next(p.id for p in store.workspace.projects() if p.name == "Checkout")
    assert {r.title for r in store.risks.all()} == {"Bank API changes", "Peak traffic"}
    store.engine.dispose()


@pytest.mark.parametrize("command", [("export", "risks", "--out", "-"), ("export", "raci", "--out", "-"),
                                     ("export", "ics", "--out", "x.ics"), ("minutes",)])
def test_an_unknown_project_exits_1_with_one_line(workspace, capsys, command):
    status, out, err = run(capsys, *command, "--db", str(workspace), "--project", "Nope")
    assert status == 1 and out == ""
    assert err == "cockpit: no project named 'Nope' in this workspace (its projects: Checkout, My project)\n"
