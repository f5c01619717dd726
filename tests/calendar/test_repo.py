"""The calendar's store methods: templates, stamping, key dates, events; every write undoable."""

from datetime import date, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.db.errors import StaleEdit, ValidationFailed
from cockpit.db.repos.calendar import DEFAULT_NODES, stamp_day
from cockpit.db.store import Store


def test_every_workspace_has_the_default_template(store):
    [template] = store.calendar.templates()
    assert [(n.name, n.offset_days, n.kind) for n in template.nodes] == DEFAULT_NODES
    assert [n.name for n in template.nodes][:4] == [
        "Requirement focus meeting", "Requirement review", "Design review", "Technical review and scheduling"]


def test_new_iteration_from_a_template_stamps_key_dates_in_one_undo_step(store):
    template = store.calendar.default_template()
    start = date(2026, 11, 23)  # a Monday
    preview = store.calendar.preview(template.id, start)
    iteration = store.calendar.new_iteration("1123", start, start + timedelta(days=27), "Ship it", template.id)
    keys = store.calendar.key_dates(iteration_id=iteration.id)
    assert [(k.name, k.day) for k in keys] == [(name, day) for name, day, _kind in preview]
    assert [k.day for k in keys] == [date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 30),
                                     date(2026, 11, 30), date(2026, 12, 18), date(2026, 12, 21)]
    assert all(k.iteration_name == "1123" for k in keys)
    assert store.undo() == "add iteration 1123"
    assert store.workspace.iterations() == [] and store.calendar.key_dates() == []
    store.redo()
    assert len(store.calendar.key_dates(iteration_id=iteration.id)) == 6


def test_weekend_key_dates_move_to_the_monday():
    assert stamp_day(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Saturday
    assert stamp_day(date(2026, 11, 20), 2) == date(2026, 11, 23)  # Sunday
    assert stamp_day(date(2026, 11, 20), 3) == date(2026, 11, 23)


def test_iteration_names_are_unique_and_dates_checked(store):
    store.calendar.new_iteration("A", date(2026, 11, 2), date(2026, 11, 29))
    with pytest.raises(ValidationFailed) as error:
        store.calendar.new_iteration("A", date(2026, 12, 2), date(2026, 12, 29))
    assert error.value.field == "name"
    with pytest.raises(ValidationFailed) as error:
        store.calendar.new_iteration("B", date(2026, 12, 2), date(2026, 11, 29))
    assert error.value.field == "end"
    assert len(store.workspace.iterations()) == 1


def test_each_key_date_moves_on_its_own_and_undo_puts_it_back(store):
    template = store.calendar.default_template()
    iteration = store.calendar.new_iteration("1102", date(2026, 11, 2), date(2026, 11, 29), template_id=template.id)
    review = store.calendar.key_dates(iteration_id=iteration.id)[1]
    moved = store.calendar.move_key_date(review.id, review.version, 1)
    assert moved.day == review.day + timedelta(days=1) and moved.version == review.version + 1
    others = [k.day for k in store.calendar.key_dates(iteration_id=iteration.id) if k.id != review.id]
    assert others == [k.day for k in store.calendar.key_dates(iteration_id=iteration.id) if k.id != review.id]
    assert store.undo().startswith("move key date Requirement review")
    assert store.calendar.key_date(review.id).day == review.day
    with pytest.raises(StaleEdit):
        store.calendar.move_key_date(review.id, moved.version + 5, 1)


def test_template_nodes_are_editable_and_stamping_uses_the_edits(store):
    template = store.calendar.default_template()
    node = store.calendar.add_node(template.id, "Grey release", 26, "release")
    design = next(n for n in store.calendar.template(template.id).nodes if n.name == "Design review")
    store.calendar.update_node(design.id, design.version, offset_days=4)
    end = next(n for n in store.calendar.template(template.id).nodes if n.name == "Iteration end")
    store.calendar.delete_node(end.id, end.version)
    names = {name: day for name, day, _ in store.calendar.preview(template.id, date(2026, 11, 2))}
    assert names["Design review"] == date(2026, 11, 6) and names["Grey release"] == date(2026, 11, 30)
    assert "Iteration end" not in names and node.position > 0
    store.undo()
    assert "Iteration end" in [n.name for n in store.calendar.template(template.id).nodes]


def test_overlapping_iterations_all_show_their_key_dates(store):
    template = store.calendar.default_template()
    starts = [date(2026, 10, 20), date(2026, 11, 2), date(2026, 11, 16)]
    for start in starts:
        store.calendar.new_iteration(f"{start:%m%d}", start, start + timedelta(days=27), template_id=template.id)
    november = store.calendar.key_dates(date(2026, 11, 1), date(2026, 11, 30))
    assert {k.iteration_name for k in november} == {"1020", "1102", "1116"}
    assert [k.day for k in november] == sorted(k.day for k in november)
    running = [it.name for it in store.workspace.iterations() if it.start <= date(2026, 11, 16) <= it.end]
    assert running == ["1020", "1102", "1116"]


def test_event_validation_names_the_field_and_writes_nothing(store):
    before = store.last_change_id()
    cases = [
        ({"title": "", "start_day": date(2026, 11, 2)}, "title"),
        ({"title": "x", "start_day": date(2026, 11, 2), "end_day": date(2026, 11, 1)}, "value"),
        ({"title": "x", "start_day": date(2026, 11, 2), "kind": "party"}, "kind"),
        ({"title": "x", "start_day": date(2026, 11, 2), "all_day": False}, "value"),
        ({"title": "x", "start_day": date(2026, 11, 2), "iteration_id": 999}, "iteration"),
    ]
    for fields, field in cases:
        with pytest.raises(ValidationFailed) as error:
            store.calendar.create_event(**fields)
        assert error.value.field == field, fields
    assert store.last_change_id() == before and store.calendar.events() == []


def test_timed_events_keep_their_wall_clock_times(store):
    event = store.calendar.create_event(title="Review", start_day=date(2026, 11, 6), all_day=False,
                                        start_time=time(16), end_time=time(17), rrule="FREQ=WEEKLY;BYDAY=FR")
    assert (event.start_time, event.end_time, event.end_day) == (time(16), time(17), date(2026, 11, 6))
    edited = store.calendar.update_event(event.id, event.version, all_day=True)
    assert edited.start_time is None and edited.version == 2
    store.undo()
    assert store.calendar.event(event.id).start_time == time(16)


def test_skip_an_occurrence_and_undo_it(store):
    event = store.calendar.create_event(title="Release", start_day=date(2026, 11, 4), rrule="FREQ=WEEKLY;BYDAY=WE")
    skipped = store.calendar.skip_occurrence(event.id, event.version, date(2026, 11, 11))
    assert skipped.exdates == [date(2026, 11, 11)]
    assert store.undo() == "skip Release on 2026-11-11"
    assert store.calendar.event(event.id).exdates == []


def test_moving_a_series_moves_its_weekday_and_skipped_dates(store):
    event = store.calendar.create_event(title="Review", start_day=date(2026, 11, 6), rrule="FREQ=WEEKLY;BYDAY=FR",
                                        exdates=[date(2026, 11, 27)])
    moved = store.calendar.move_event(event.id, event.version, -1)
    assert (moved.start_day, moved.rrule, moved.exdates) == (date(2026, 11, 5), "FREQ=WEEKLY;BYDAY=TH", [date(2026, 11, 26)])
    store.undo()
    assert store.calendar.event(event.id).rrule == "FREQ=WEEKLY;BYDAY=FR"


def test_deleting_a_series_deletes_its_overrides_and_undo_restores_both(store):
    event = store.calendar.create_event(title="Release", start_day=date(2026, 11, 4), rrule="FREQ=WEEKLY;BYDAY=WE")
    override = store.calendar.edit_occurrence(event.id, event.version, date(2026, 11, 11), title="Release (hotfix)")
    assert override.series_id == event.id and override.original_day == date(2026, 11, 11)
    again = store.calendar.edit_occurrence(event.id, event.version, date(2026, 11, 11), title="Release (hotfix 2)")
    assert again.id == override.id
    store.calendar.delete_event(event.id, event.version)
    assert store.calendar.events() == []
    store.undo()
    assert sorted(e.title for e in store.calendar.events()) == ["Release", "Release (hotfix 2)"]


def test_an_edit_from_a_stale_window_is_refused(engine, store):
    event = store.calendar.create_event(title="Review", start_day=date(2026, 11, 6))
    other = Store(engine, actor="bob", clock=store.clock)
    other.calendar.update_event(event.id, event.version, title="Bob's review")
    with pytest.raises(StaleEdit, match="bob"):
        store.calendar.move_event(event.id, event.version, 1)
    assert store.calendar.event(event.id).start_day == date(2026, 11, 6)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(title=st.text(min_size=1, max_size=80).filter(lambda t: t.strip(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0")))
def test_any_title_is_stored_without_control_characters(store, title):
    try:
        event = store.calendar.create_event(title=title, start_day=date(2026, 11, 2))
    except ValidationFailed as error:
        assert error.field == "title"
        return
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in event.title)
    assert store.calendar.event(event.id).title == event.title
