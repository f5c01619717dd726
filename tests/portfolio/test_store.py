"""Store methods of campaigns and projects (each undoable), the portfolio's figures, project-scoped
reads, and the migration from a workspace of revision 0007."""

import sqlite3

import pytest

from cockpit.db.engine import make_engine
from cockpit.db.errors import ValidationFailed
from cockpit.db.migrate import current, heads, upgrade
from cockpit.db.store import Store
from tests.helpers import TODAY


def test_figures_per_project_under_its_campaign(store, two_projects):
    first, other, _current = two_projects
    rows = {row.name: row for row in store.portfolio.figures(TODAY)}
    mine, theirs = rows["Test project"], rows["Checkout"]
    assert (mine.campaign, mine.in_progress, mine.delivered, mine.blocked, mine.top_risk, mine.iteration) == (
        "Test project", 2, 1, 1, 20, "12")
    assert (theirs.campaign, theirs.pm, theirs.in_progress, theirs.top_risk) == ("Retail › Payments", "Ann Lee", 1, None)
    assert [row.name for row in store.portfolio.figures(TODAY)] == ["Checkout", "Test project"]


def test_reads_follow_the_windows_project(store, two_projects):
    first, other, _current = two_projects
    assert store.workspace.project().id == first.id
    store.project_id = other.id
    assert store.workspace.project().name == "Checkout"
    assert {s.project_id for s in store.workspace.stages()} == {other.id}
    assert store.workspace.iterations() == [] and store.workspace.current_iteration(TODAY) is None
    store.risks.create(title="Checkout risk")
    assert store.portfolio.figures(TODAY)[0].top_risk == 9


def test_campaign_and_project_edits_are_undone(store, two_projects):
    first, other, _current = two_projects
    campaign = store.portfolio.add_campaign("Growth")
    project = store.portfolio.add_project("Onboarding", campaign_id=campaign.id)
    assert len(store.workspace.stages(project.id)) == 6
    store.undo()
    assert "Onboarding" not in [p.name for p in store.workspace.projects()]
    assert store.workspace.stages(project.id) == []
    store.undo()
    assert "Growth" not in [c.name for c in store.portfolio.campaigns()]
    edited = store.portfolio.update_project(other.id, other.version, name="Checkout v2", pm_id=None)
    assert (edited.name, edited.pm_id) == ("Checkout v2", None)
    store.undo()
    assert next(p for p in store.workspace.projects() if p.id == other.id).name == "Checkout"
    with pytest.raises(ValidationFailed, match="already a project"):
        store.portfolio.add_project("checkout")
    with pytest.raises(ValidationFailed) as error:
        store.portfolio.add_project("X", campaign_id=999)
    assert error.value.field == "campaign_id"


def test_closing_and_reopening_projects_and_iterations(store, two_projects):
    first, other, current = two_projects
    closed = store.portfolio.set_project_closed(other.id, other.version, True)
    assert [p.name for p in store.workspace.projects()] == ["Test project"]
    assert [r.name for r in store.portfolio.figures(TODAY)] == ["Test project"]
    assert [r.name for r in store.portfolio.figures(TODAY, include_closed=True)] == ["Checkout", "Test project"]
    assert store.items.count() == 6  # its cards are kept
    with pytest.raises(ValidationFailed, match="last open project"):
        store.portfolio.set_project_closed(first.id, first.version, True)
    store.undo()
    assert not next(p for p in store.workspace.projects() if p.id == other.id).closed
    store.portfolio.set_project_closed(other.id, closed.version + 1, True)
    store.portfolio.set_project_closed(other.id, closed.version + 2, False)
    assert "Checkout" in [p.name for p in store.workspace.projects()]
    store.portfolio.set_iteration_closed(current.id, current.version, True)
    assert store.workspace.current_iteration(TODAY) is None
    assert current.id in [it.id for it in store.workspace.iterations()]
    store.undo()
    assert store.workspace.current_iteration(TODAY).id == current.id


def test_the_project_switched_to_last_opens_first(engine, store, two_projects, clock):
    first, other, _current = two_projects
    store.portfolio.remember(other.id)
    assert not store.can_undo  # where a window is, is not an undoable change
    assert Store(engine, clock=clock).workspace.project().id == other.id


def test_a_workspace_of_revision_0007_becomes_one_campaign_with_its_project(tmp_path):
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, target="0007")
    with sqlite3.connect(path) as conn:  # rows as revision 0007 shaped them
        conn.execute("INSERT INTO project (id, name, description, version, created) VALUES (3, 'Shop', '', 2,"
                     " '2026-10-01 09:00:00.000000')")
        conn.execute("INSERT INTO stage (id, project_id, name, category, position, wip_limit, criteria, version)"
                     " VALUES (1, 3, 'Doing', 'in_progress', 0, NULL, '[]', 1)")
        conn.execute("INSERT INTO iteration (id, project_id, name, start, \"end\", goal, version)"
                     " VALUES (5, 3, '12', '2026-11-16', '2026-11-29', '', 1)")
        conn.execute("INSERT INTO item (id, project_id, title, description, kind, priority, stage_id, position,"
                     " blocked, blocked_reason, confidential, created, updated, stage_entered, version, iteration_id)"
                     " VALUES (9, 3, 'Old card', '', 'task', 'medium', 1, 0, 0, '', 0, '2026-10-01 09:00:00.000000',"
                     " '2026-10-01 09:00:00.000000', '2026-10-01 09:00:00.000000', 1, 5)")
        conn.execute("INSERT INTO raci_activity (id, name, phase, criteria, deliverable, gate, position, version)"
                     " VALUES (4, 'Review', 'General', '', '', 0, 0, 1)")
        conn.execute("INSERT INTO meeting (id, kind, title, votes_per_person, host, version)"
                     " VALUES (6, 'stand-up', 'Daily', 3, '', 1)")
    before = current(engine)
    result = upgrade(engine)
    assert before == ("0007",) and result.after == heads() == current(engine)
    assert result.backup is not None and result.backup.exists()
    with sqlite3.connect(result.backup) as conn:  # the backup is the workspace as it was
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0007",)]
        assert conn.execute("SELECT title FROM item").fetchall() == [("Old card",)]
    store = Store(engine)
    [campaign] = store.portfolio.campaigns()
    project = store.workspace.project()
    assert (campaign.name, project.id, project.name, project.campaign_id, project.closed) == (
        "Shop", 3, "Shop", campaign.id, False)
    [card] = store.items.all()
    assert (card.id, card.title, card.iteration_id, card.project_id) == (9, "Old card", 5, 3)
    assert [it.name for it in store.workspace.iterations()] == ["12"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT project_id FROM raci_activity").fetchall() == [(3,)]
        assert conn.execute("SELECT project_id FROM meeting").fetchall() == [(3,)]
    assert [row.name for row in store.portfolio.figures(TODAY)] == ["Shop"]
    engine.dispose()
