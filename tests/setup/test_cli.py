"""``cockpit import people`` / ``cockpit export people``: all or nothing, row and field named."""

import pytest

from cockpit.cli import main
from cockpit.db.store import Store
from cockpit.workspace import open_workspace


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def workspace(tmp_path, capsys):
    path = tmp_path / "w.db"
    assert run(capsys, "init", "--db", str(path))[0] == 0
    return path


def people_of(path) -> list[tuple]:
    store: Store = open_workspace(str(path), create=False)
    result = [(p.handle, p.name, p.team, p.project_roles) for p in store.workspace.people()]
    store.engine.dispose()
    return result


def test_import_adds_then_updates_by_handle_and_exports_a_round_trip(workspace, tmp_path, capsys):
    first = tmp_path / "people.csv"
    first.write_text("\ufeff" 'name;handle;email;team;roles\nAnn Lee;ann;ann@x.org;Core;"My project:PM;My project:DEV"\n'
                     "Ben;ben;;=cmd;Designer\n", encoding="utf-8")  # a spreadsheet's ';' CSV with a BOM
    status, out, err = run(capsys, "import", "people", "--db", str(workspace), str(first))
    assert status == 0 and "2 added, 0 updated" in out, err
    assert people_of(workspace) == [
        ("ann", "Ann Lee", "Core", {"My project": ["Product manager", "Developers"]}),
        ("ben", "Ben", "=cmd", {"My project": ["Designer"]})]
    again = tmp_path / "again.csv"
    again.write_text("name,handle,team\nAnn Lee,ann,Growth\nCara,cara,Core\n", encoding="utf-8")
    status, out, _ = run(capsys, "import", "people", "--db", str(workspace), str(again))
    assert status == 0 and "1 added, 1 updated" in out
    assert [(h, t) for h, _n, t, _r in people_of(workspace)] == [("ann", "Growth"), ("ben", "=cmd"), ("cara", "Core")]
    status, out, _ = run(capsys, "export", "people", "--db", str(workspace))
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "name,handle,email,team,roles,availability,days_off,active"
    assert lines[1] == "Ann Lee,ann,ann@x.org,Growth,My project:Product manager;My project:Developers,100,,yes"
    assert lines[2].startswith("Ben,ben,,'=cmd,")  # a formula cell is neutralised
    exported = tmp_path / "exported.csv"
    exported.write_text(out, encoding="utf-8")
    status, out, _ = run(capsys, "import", "people", "--db", str(workspace), str(exported))
    assert status == 0 and "0 added, 0 updated" in out and people_of(workspace)[1][2] == "=cmd"


@pytest.mark.parametrize(("rows", "message"), [
    ("Ann,ann,PM\nBad,Bad Handle,PM\n", "row 4, field handle: use only a-z, 0-9"),
    ("Ann,ann,PM\nAnn again,ann,DEV\n", "row 4, field handle: @ann is already on row 3"),
    ("Ann,ann,PM\nBen,ben,Wizard\n", "row 4, field roles: no role named 'Wizard'"),
    ("Ann,ann,Elsewhere:PM\n", "row 2, field roles: no project named 'Elsewhere'"),
    (",nobody,PM\n", "row 2, field name:"),
])
def test_a_bad_file_imports_nothing_and_names_row_and_field(workspace, tmp_path, capsys, rows, message):
    existing = tmp_path / "existing.csv"
    existing.write_text("name,handle,team\nZoe,zoe,Core\n", encoding="utf-8")
    assert run(capsys, "import", "people", "--db", str(workspace), str(existing))[0] == 0
    before = people_of(workspace)
    bad = tmp_path / "bad.csv"
    # the first row updates Zoe: refused with the rest, so Zoe keeps her team and has no role
    bad.write_text("name,handle,roles\n" + rows.replace("Ann,ann,PM", "Zoe Z,zoe,PM\nAnn,ann,PM"), encoding="utf-8")
    status, out, err = run(capsys, "import", "people", "--db", str(workspace), str(bad))
    assert status == 2 and message in err and "nothing was imported" in err, err
    assert people_of(workspace) == before
