"""Every update and delete of the store names the version its caller read (design.md §3, step 3).

For each repository method that changes or removes a row: a version read before someone else changed
the row is refused with StaleEdit and nothing is written (no change row, the row as it was); a missing
version is a programming error (TypeError), never a way round the check; the version as it is now is
accepted (so the refusal above is the check, not a broken call).
"""

from datetime import date
from types import SimpleNamespace

import pytest
from sqlmodel import select

from cockpit.db.errors import StaleEdit
from cockpit.db.models import Item, Role, Stage
from cockpit.db.models_calendar import CalendarEvent, KeyDate, TemplateNode
from cockpit.db.models_meetings import ActionItem, AgendaItem, Meeting
from cockpit.db.models_raci import Activity, Assignment
from cockpit.db.models_risks import Risk, RiskSettings
from cockpit.db.tx import row_dict

DAY = date(2026, 11, 23)


@pytest.fixture
def seeded(store):
    stages = store.workspace.stages()
    ann = store.workspace.add_person("Ann Lee", "ann", roles=["PM"])
    card = store.items.create(title="Card", stage_id=stages[0].id)
    store.items.create(title="Neighbour", stage_id=stages[0].id)
    risk = store.risks.create(title="Vendor late", probability=3, impact=4, status="occurred")
    store.risks.update_settings(0, review_days=14)
    template = store.calendar.ensure_default_template()
    node = store.calendar.add_node(template.id, "Review", 3)
    iteration = store.calendar.new_iteration("1121", DAY, date(2026, 12, 6), template_id=template.id)
    key_date = store.calendar.key_dates(iteration_id=iteration.id)[0]
    event = store.calendar.create_event(title="Release review", start_day=DAY, rrule="FREQ=WEEKLY;COUNT=4")
    first = store.raci.add_activity("First", phase="Checks")
    activity = store.raci.add_activity("Second", phase="Checks")
    role = store.workspace.roles()[0]
    cell = store.raci.set_letter(activity.id, role.id, "R", 0)
    meeting = store.meetings.start(kind="retrospective", title="Retro", attendee_ids=[ann.id],
                                   agenda=[{"title": "Round", "box_seconds": 60}])
    agenda_item = store.meetings.detail(meeting.id).agenda[0]
    action = store.meetings.add_action(meeting.id, "Split big cards", owner_id=ann.id)
    return SimpleNamespace(stage=stages[1], card=card, risk=risk, template=template, node=node, key_date=key_date,
                           event=event, first=first, activity=activity, role=role, cell=cell, meeting=meeting,
                           agenda_item=agenda_item, action=action, next_stage=stages[2])


def settings_id(store, s):  # noqa: ANN001, ANN201
    with store.read() as session:
        return session.exec(select(RiskSettings)).one().id


#: (method, table, the row's id, the call with a version).  One line per updating or deleting method.
CASES = {
    "items.update": (Item, lambda st, s: s.card.id, lambda st, s, v: st.items.update(s.card.id, v, title="New")),
    "items.set_blocked": (Item, lambda st, s: s.card.id, lambda st, s, v: st.items.set_blocked(s.card.id, v, True, "legal")),
    "items.move": (Item, lambda st, s: s.card.id, lambda st, s, v: st.items.move(s.card.id, v, s.next_stage.id)),
    "items.reorder": (Item, lambda st, s: s.card.id, lambda st, s, v: st.items.reorder(s.card.id, v, 1)),
    "items.delete": (Item, lambda st, s: s.card.id, lambda st, s, v: st.items.delete(s.card.id, v)),
    "risks.update": (Risk, lambda st, s: s.risk.id, lambda st, s, v: st.risks.update(s.risk.id, v, title="Vendor later")),
    "risks.nudge": (Risk, lambda st, s: s.risk.id, lambda st, s, v: st.risks.nudge(s.risk.id, v, "impact", 1)),
    "risks.mark_reviewed": (Risk, lambda st, s: s.risk.id, lambda st, s, v: st.risks.mark_reviewed(s.risk.id, v, DAY)),
    "risks.to_board_item": (Risk, lambda st, s: s.risk.id, lambda st, s, v: st.risks.to_board_item(s.risk.id, v)),
    "risks.delete": (Risk, lambda st, s: s.risk.id, lambda st, s, v: st.risks.delete(s.risk.id, v)),
    "risks.update_settings": (RiskSettings, settings_id, lambda st, s, v: st.risks.update_settings(v, review_days=7)),
    "raci.update_activity": (Activity, lambda st, s: s.activity.id,
                             lambda st, s, v: st.raci.update_activity(s.activity.id, v, criteria="Signed")),
    "raci.toggle_gate": (Activity, lambda st, s: s.activity.id, lambda st, s, v: st.raci.toggle_gate(s.activity.id, v)),
    "raci.delete_activity": (Activity, lambda st, s: s.activity.id,
                             lambda st, s, v: st.raci.delete_activity(s.activity.id, v)),
    "raci.reorder": (Activity, lambda st, s: s.activity.id, lambda st, s, v: st.raci.reorder(s.activity.id, v, -1)),
    "raci.set_letter (change)": (Assignment, lambda st, s: s.cell.id,
                                 lambda st, s, v: st.raci.set_letter(s.activity.id, s.role.id, "A", v)),
    "raci.set_letter (clear)": (Assignment, lambda st, s: s.cell.id,
                                lambda st, s, v: st.raci.set_letter(s.activity.id, s.role.id, None, v)),
    "raci.rename_role": (Role, lambda st, s: s.role.id, lambda st, s, v: st.raci.rename_role(s.role.id, v, "Owner", "OWN")),
    "calendar.update_node": (TemplateNode, lambda st, s: s.node.id,
                             lambda st, s, v: st.calendar.update_node(s.node.id, v, offset_days=4)),
    "calendar.delete_node": (TemplateNode, lambda st, s: s.node.id, lambda st, s, v: st.calendar.delete_node(s.node.id, v)),
    "calendar.update_key_date": (KeyDate, lambda st, s: s.key_date.id,
                                 lambda st, s, v: st.calendar.update_key_date(s.key_date.id, v, name="Demo")),
    "calendar.move_key_date": (KeyDate, lambda st, s: s.key_date.id,
                               lambda st, s, v: st.calendar.move_key_date(s.key_date.id, v, 1)),
    "calendar.delete_key_date": (KeyDate, lambda st, s: s.key_date.id,
                                 lambda st, s, v: st.calendar.delete_key_date(s.key_date.id, v)),
    "calendar.update_event": (CalendarEvent, lambda st, s: s.event.id,
                              lambda st, s, v: st.calendar.update_event(s.event.id, v, title="Go / no-go")),
    "calendar.move_event": (CalendarEvent, lambda st, s: s.event.id, lambda st, s, v: st.calendar.move_event(s.event.id, v, 1)),
    "calendar.edit_occurrence": (CalendarEvent, lambda st, s: s.event.id,
                                 lambda st, s, v: st.calendar.edit_occurrence(s.event.id, v, date(2026, 11, 30), title="Moved")),
    "calendar.skip_occurrence": (CalendarEvent, lambda st, s: s.event.id,
                                 lambda st, s, v: st.calendar.skip_occurrence(s.event.id, v, date(2026, 11, 30))),
    "calendar.delete_event": (CalendarEvent, lambda st, s: s.event.id, lambda st, s, v: st.calendar.delete_event(s.event.id, v)),
    "meetings.resume": (Meeting, lambda st, s: s.meeting.id, lambda st, s, v: st.meetings.resume(s.meeting.id, v)),
    "meetings.end": (Meeting, lambda st, s: s.meeting.id, lambda st, s, v: st.meetings.end(s.meeting.id, v)),
    "meetings.discard": (Meeting, lambda st, s: s.meeting.id, lambda st, s, v: st.meetings.discard(s.meeting.id, v)),
    "meetings.update_agenda_item": (AgendaItem, lambda st, s: s.agenda_item.id,
                                    lambda st, s, v: st.meetings.update_agenda_item(s.agenda_item.id, v, notes="Said")),
    "meetings.make_card": (ActionItem, lambda st, s: s.action.id, lambda st, s, v: st.meetings.make_card(s.action.id, v)),
    "meetings.set_action_status": (ActionItem, lambda st, s: s.action.id,
                                   lambda st, s, v: st.meetings.set_action_status(s.action.id, v, "done")),
    "meetings.carry_over": (ActionItem, lambda st, s: s.action.id,
                            lambda st, s, v: st.meetings.carry_over(s.action.id, v, s.meeting.id)),
    "workspace.update_stage": (Stage, lambda st, s: s.stage.id,
                               lambda st, s, v: st.workspace.update_stage(s.stage.id, v, wip_limit=4)),
}


def row_now(store, model, row_id):  # noqa: ANN001, ANN201
    with store.read() as session:
        row = session.get(model, row_id)
        return None if row is None else row_dict(row)


def changed_elsewhere(store, model, row_id) -> int:  # noqa: ANN001
    """Another window edits the row (its version moves on); returns the new version."""
    with store.write("edit in another window") as tx:
        row = tx.get(model, row_id)
        tx.update(row, row.version, {}, detail={"elsewhere": True})
        return row.version


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_stale_version_is_refused_and_nothing_is_written(store, seeded, name):
    model, row_id_of, call = CASES[name]
    row_id = row_id_of(store, seeded)
    read = row_now(store, model, row_id)["version"]  # what this window read
    current = changed_elsewhere(store, model, row_id)
    assert current != read
    before, last = row_now(store, model, row_id), store.last_change_id()

    with pytest.raises(StaleEdit, match="since you opened it"):
        call(store, seeded, read)
    assert store.last_change_id() == last and row_now(store, model, row_id) == before

    with pytest.raises(TypeError, match="needs the version read"):
        call(store, seeded, None)
    assert store.last_change_id() == last and row_now(store, model, row_id) == before

    call(store, seeded, current)  # the version as it is now is accepted (the refusal above was the check)


def test_every_updating_or_deleting_repository_method_is_covered():
    """A new update or delete method must be added to CASES (it names the version it read)."""
    import importlib
    import inspect

    names = set()
    for repo_name in ("items", "risks", "raci", "calendar", "meetings", "workspace"):
        cls = {"items": "ItemRepo", "risks": "RiskRepo", "raci": "RaciRepo", "calendar": "CalendarRepo",
               "meetings": "MeetingRepo", "workspace": "WorkspaceRepo"}[repo_name]
        module = importlib.import_module(f"cockpit.db.repos.{repo_name}")
        for method, function in vars(getattr(module, cls)).items():
            if method.startswith("_") or not callable(function):
                continue
            if "version" in inspect.signature(function).parameters:
                names.add(f"{repo_name}.{method}")
    covered = {name.split(" ")[0] for name in CASES}
    assert names == covered
