"""store.meetings: starting and ending, attribution of changes, action items, votes, undo."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.db.errors import ValidationFailed


def start(store, team, **extra):
    people = [team["ann"].id, team["ben"].id]
    agenda = [{"title": "Ann Lee", "box_seconds": 120, "owner_id": team["ann"].id},
              {"title": "Ben Okafor", "box_seconds": 120, "owner_id": team["ben"].id}]
    return store.meetings.start(kind=extra.pop("kind", "stand-up"), title="Stand-up", attendee_ids=people,
                                agenda=agenda, **extra)


def test_start_attributes_every_change_until_the_end(store, team, clock):
    meeting = start(store, team)
    assert store.meeting_id == meeting.id
    card = team["card"]
    store.items.move(card.id, card.version, team["stages"][2].id)
    clock.advance(minutes=10)
    store.meetings.end(meeting.id, store.meetings.get(meeting.id).version)
    assert store.meeting_id is None
    store.items.update(card.id, store.items.get(card.id).version, title="Later edit")
    during = store.changes(meeting_id=meeting.id)
    assert {c.entity for c in during} >= {"meeting", "meeting_attendee", "agenda_item", "item"}
    assert not any(c.after and c.after.get("title") == "Later edit" for c in during)
    ended = store.meetings.get(meeting.id)
    assert ended.ended == clock.now and not ended.running


def test_a_second_meeting_cannot_start_while_one_runs(store, team):
    start(store, team)
    with pytest.raises(ValidationFailed) as error:
        start(store, team)
    assert error.value.field == "meeting"


@pytest.mark.parametrize(("fields", "field"), [
    ({"kind": "party"}, "kind"),
    ({"title": "  "}, "title"),
    ({"attendee_ids": [999]}, "attendees"),
])
def test_bad_meetings_are_refused_and_nothing_is_written(store, team, fields, field):
    before = store.last_change_id()
    data = {"kind": "stand-up", "title": "Stand-up", "attendee_ids": [team["ann"].id]} | fields
    with pytest.raises(ValidationFailed) as error:
        store.meetings.start(**data)
    assert error.value.field == field
    assert store.last_change_id() == before and store.meeting_id is None


def test_unfinished_meetings_are_found(store, team):
    meeting = start(store, team)
    assert [m.id for m in store.meetings.unfinished()] == [meeting.id]
    store.meetings.end(meeting.id, store.meetings.get(meeting.id).version)
    assert store.meetings.unfinished() == []


def test_action_item_with_a_card_and_undo(store, team):
    meeting = start(store, team)
    action = store.meetings.add_action(meeting.id, "Write the checklist", owner_id=team["ben"].id, make_card=True)
    card = store.items.get(action.item_id)
    assert (card.title, card.kind, card.owner_id) == ("Write the checklist", "action", team["ben"].id)
    assert action.owner == "Ben Okafor"
    assert store.undo().startswith("add action item")
    assert store.meetings.actions(meeting.id) == [] and store.items.count() == 1
    store.redo()
    assert [a.text for a in store.meetings.actions(meeting.id)] == ["Write the checklist"]


def test_decisions_and_notes_undo(store, team):
    meeting = start(store, team, kind="retrospective")
    store.meetings.add_decision(meeting.id, "Ship on Wednesday")
    note = store.meetings.add_note(meeting.id, "well", "Good release")
    store.meetings.vote(note.id, team["ann"].id)
    store.undo()
    assert store.meetings.notes(meeting.id)[0].votes == 0
    store.undo()
    assert store.meetings.notes(meeting.id) == []
    store.undo()
    assert store.meetings.detail(meeting.id).decisions == []


def test_dot_votes_are_limited_per_person_and_sort_the_lanes(store, team):
    meeting = start(store, team, kind="retrospective", votes_per_person=2)
    first = store.meetings.add_note(meeting.id, "improve", "Slow reviews")
    second = store.meetings.add_note(meeting.id, "improve", "Flaky tests")
    store.meetings.vote(second.id, team["ann"].id)
    store.meetings.vote(second.id, team["ann"].id)
    with pytest.raises(ValidationFailed, match="all 2 votes"):
        store.meetings.vote(first.id, team["ann"].id)
    store.meetings.vote(first.id, team["ben"].id)
    assert [(n.text, n.votes) for n in store.meetings.notes(meeting.id)] == [("Flaky tests", 2), ("Slow reviews", 1)]
    assert store.meetings.votes_left(meeting.id, team["ann"].id) == 0
    store.meetings.unvote(second.id, team["ann"].id)
    assert store.meetings.votes_left(meeting.id, team["ann"].id) == 1


def test_carry_over_marks_the_old_item_and_copies_it(store, team, clock):
    old = start(store, team, kind="retrospective")
    action = store.meetings.add_action(old.id, "Pair on estimates", owner_id=team["eli"].id)
    done = store.meetings.add_action(old.id, "Release checklist", owner_id=team["ben"].id)
    store.meetings.end(old.id, store.meetings.get(old.id).version)
    clock.advance(days=14)
    new = start(store, team, kind="retrospective")
    assert store.meetings.previous_retrospective(new.id, before=new.started).id == old.id
    copy = store.meetings.carry_over(action.id, action.version, new.id)
    store.meetings.set_action_status(done.id, done.version, "done")
    assert (copy.carried_from_id, copy.owner, copy.status, copy.meeting_id) == (action.id, "Eli Novak", "open", new.id)
    statuses = {a.text: a.status for a in store.meetings.actions(old.id)}
    assert statuses == {"Pair on estimates": "carried", "Release checklist": "done"}


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=st.text(min_size=1, max_size=300))
def test_user_text_is_stored_cleaned_or_refused(store, team, text):
    from cockpit.db.text import clean_line

    if store.meeting_id is None:
        start(store, team)
    try:
        decision = store.meetings.add_decision(store.meeting_id, text)
    except ValidationFailed as error:
        assert error.field == "text" and not clean_line(text)
    else:
        assert decision.text == clean_line(text)
