"""``cockpit export setup`` / ``import setup`` / ``init --from``: a round trip, idempotent, all or
nothing with the place named, never deleting."""

import pytest

from cockpit.cli import main
from cockpit.db.store import Store
from cockpit.logic.setup_toml import SetupFileError, parse_setup, render_setup
from cockpit.workspace import open_workspace

EXTRA = '''
[[role]]
name = "Data analyst"
code = "DA"

[[project]]
name = "Web"
[[project.stage]]
name = "Ideas"
category = "backlog"
[[project.stage]]
name = "Building"
category = "in_progress"
wip_limit = 3
criteria = ["Estimated"]
gate = "Scheduling"
[[project.stage]]
name = "Live"
category = "done"

[[person]]
handle = "ann"
name = "Ann Lee"
team = "Core"
days_off = ["fri"]
roles = { Web = ["PM", "Data analyst"], "My project" = ["DEV"] }

[[person]]
handle = "ben"
name = "Ben Okafor"
'''


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def open_(path) -> Store:  # noqa: ANN001
    return open_workspace(str(path), create=False)


def snapshot(path) -> tuple[str, int]:  # noqa: ANN001
    """The whole setup as the file would say it, and the change log's length."""
    store = open_(path)
    try:
        return render_setup(store.setup.export()), len(store.changes())
    finally:
        store.engine.dispose()


@pytest.fixture
def workspace(tmp_path, capsys):
    path = tmp_path / "w.db"
    assert run(capsys, "init", "--db", str(path))[0] == 0
    return path


def test_import_adds_and_updates_then_a_second_import_changes_nothing(workspace, tmp_path, capsys):
    file = tmp_path / "setup.toml"
    file.write_text(EXTRA, encoding="utf-8")
    status, out, err = run(capsys, "import", "setup", "--db", str(workspace), str(file))
    assert status == 0, err
    assert "1 projects, 3 stages, 1 roles, 2 people added" in out
    store = open_(workspace)
    web = next(p for p in store.setup.export().projects if p.name == "Web")
    assert [(s.name, s.category, s.wip_limit, s.criteria, s.gate) for s in web.stages] == [
        ("Ideas", "backlog", 0, [], None), ("Building", "in_progress", 3, ["Estimated"], "Scheduling"),
        ("Live", "done", 0, [], "Release plan review")]  # a new project: the standard RACI table, its gates
    assert {a.project_id for a in store.raci.activities()} == {store.workspace.project().id}  # Web's are its own
    ann = next(p for p in store.workspace.people() if p.handle == "ann")
    assert ann.team == "Core" and ann.days_off == ["fri"]
    assert ann.project_roles == {"My project": ["Developers"], "Web": ["Product manager", "Data analyst"]}
    assert len(store.workflow.stages(store.workspace.project().id)) == 6  # the standard ones are left alone
    store.engine.dispose()

    before = snapshot(workspace)
    status, out, _ = run(capsys, "import", "setup", "--db", str(workspace), str(file))
    assert status == 0 and "nothing to change" in out
    assert snapshot(workspace) == before  # the change log gained no rows


def test_export_then_init_from_makes_the_same_workspace(workspace, tmp_path, capsys):
    file = tmp_path / "extra.toml"
    file.write_text(EXTRA.replace(', "My project" = ["DEV"]', ""), encoding="utf-8")
    assert run(capsys, "import", "setup", "--db", str(workspace), str(file))[0] == 0
    status, text, _ = run(capsys, "export", "setup", "--db", str(workspace))
    assert status == 0 and "[[project.stage]]" in text
    exported = tmp_path / "setup.toml"
    exported.write_text(text, encoding="utf-8")
    copy = tmp_path / "copy.db"
    status, out, err = run(capsys, "init", "--db", str(copy), "--from", str(exported))
    assert status == 0 and "from" in out, err
    assert snapshot(copy)[0] == text  # every project, stage, gate, role and person came across
    assert run(capsys, "import", "setup", "--db", str(copy), str(exported))[1].count("nothing to change") == 1


@pytest.mark.parametrize(("text", "message"), [
    ('[[person]]\nhandle = "Ann Lee"\nname = "Ann"\n', 'person 2: handle "Ann Lee": use only a-z'),
    ('[[person]]\nhandle = "ann"\nname = "A"\n[[person]]\nhandle = "ANN"\nname = "B"\n',
     "person @ann: is in the file twice"),
    ('[[person]]\nhandle = "ann"\nname = "A"\nroles = { "My project" = ["Astronaut"] }\n',
     'person @ann: roles: no role named "Astronaut"'),
    ('[[project]]\nname = "Web"\n[[project.stage]]\nname = "QA"\ncategory = "doing"\n',
     'stage "QA" of project "Web": category "doing" is not one of backlog, in_progress'),
    ('[[project]\nname = "Web"\n', "not valid TOML"),
    ('[workspace]\ntime_zone = "Mars/Olympus"\n', 'workspace: time_zone "Mars/Olympus" is not a known time zone'),
    ('[[campaign]]\nname = "Retail"\ninside = "Nowhere"\n', 'campaign "Retail": inside: no campaign named "Nowhere"'),
    ('[[campaign]]\nname = "Retail"\nlead = "nobody"\n', 'campaign "Retail": lead: no person @nobody'),
    ('[[campaign]]\nname = "A"\ninside = "B"\n[[campaign]]\nname = "B"\ninside = "A"\n',
     "inside: a campaign cannot be inside itself"),
])
def test_a_bad_file_changes_nothing_and_names_the_place(workspace, tmp_path, capsys, text, message):
    file = tmp_path / "setup.toml"
    # a valid person first: the import is all or nothing, so not even they are added
    file.write_text('[[person]]\nhandle = "zed"\nname = "Zed"\n' + text, encoding="utf-8")
    before = snapshot(workspace)
    status, out, err = run(capsys, "import", "setup", "--db", str(workspace), str(file))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("cockpit: setup.toml: ") and message in err, err
    assert err.rstrip().endswith("nothing was imported")
    assert snapshot(workspace) == before


def test_init_from_a_bad_file_creates_no_workspace(tmp_path, capsys):
    file = tmp_path / "setup.toml"
    file.write_text('[[person]]\nhandle = "ann"\nname = "A"\nroles = { Nowhere = ["PM"] }\n', encoding="utf-8")
    status, _out, err = run(capsys, "init", "--db", str(tmp_path / "new.db"), "--from", str(file))
    assert status == 2 and 'no project named "Nowhere"' in err
    assert list(tmp_path.glob("new.db*")) == []


def test_the_parser_refuses_unknown_keys_and_keeps_omitted_fields_unset():
    with pytest.raises(SetupFileError, match='stage "QA" of project "Web": unknown key "wip"'):
        parse_setup('[[project]]\nname = "Web"\n[[project.stage]]\nname = "QA"\nwip = 3\n')
    data = parse_setup('[[project]]\nname = "Web"\ncampaign = "Growth"\n[[project.stage]]\nname = "QA"\n')
    stage = data.projects[0].stages[0]
    assert data.projects[0].campaign == "Growth"
    assert (stage.category, stage.wip_limit, stage.criteria, stage.gate) == (None, None, None, None)


CAMPAIGNS = '''
[[campaign]]
name = "Retail"
lead = "ann"
pmo = "ben"

[[campaign]]
name = "Payments"
inside = "Retail"

[[project]]
name = "Web"
campaign = "Payments"

[[project]]
name = "Loyalty"
campaign = "Growth"

[[person]]
handle = "ann"
name = "Ann Lee"

[[person]]
handle = "ben"
name = "Ben Okafor"
'''


def test_campaigns_are_created_and_updated_by_name_and_projects_name_theirs(workspace, tmp_path, capsys):
    file = tmp_path / "setup.toml"
    file.write_text(CAMPAIGNS, encoding="utf-8")
    status, out, err = run(capsys, "import", "setup", "--db", str(workspace), str(file))
    assert status == 0, err
    store = open_(workspace)
    by_name = {c.name: c for c in store.portfolio.campaigns()}
    people = {p.handle: p.id for p in store.workspace.people()}
    assert (by_name["Retail"].lead_id, by_name["Retail"].pmo_id) == (people["ann"], people["ben"])
    assert by_name["Payments"].parent_id == by_name["Retail"].id and by_name["Growth"].parent_id is None
    projects = {p.name: p for p in store.workspace.projects()}
    assert store.portfolio.path(projects["Web"].campaign_id) == "Retail › Payments"
    assert projects["Loyalty"].campaign_id == by_name["Growth"].id
    # a new project the file gives no stages gets the standard workflow and its own RACI table
    assert len(store.workspace.stages(projects["Loyalty"].id)) == 6
    store.project_id = projects["Loyalty"].id
    assert store.raci.activities() and {a.project_id for a in store.raci.activities()} == {projects["Loyalty"].id}
    store.engine.dispose()
    # updated by name: a second file moves Payments to the top and changes Retail's lead; nothing deleted
    file.write_text('[[campaign]]\nname = "payments"\ninside = ""\n[[campaign]]\nname = "Retail"\nlead = "ben"\n',
                    encoding="utf-8")
    assert run(capsys, "import", "setup", "--db", str(workspace), str(file))[0] == 0
    store = open_(workspace)
    by_name = {c.name: c for c in store.portfolio.campaigns()}
    assert by_name["Payments"].parent_id is None and by_name["Retail"].lead_id == people["ben"]
    assert by_name["Retail"].pmo_id == people["ben"] and len(by_name) == 4  # My project's campaign too
    store.engine.dispose()
    # the export names them, and importing it again changes nothing
    status, text, _ = run(capsys, "export", "setup", "--db", str(workspace))
    assert '{ name = "Retail", lead = "ben", pmo = "ben" }' in text and 'campaign = "Payments"' in text
    file.write_text(text, encoding="utf-8")
    assert "nothing to change" in run(capsys, "import", "setup", "--db", str(workspace), str(file))[1]
