"""Demo meetings: the finished retrospective of the oldest iteration with its action items, and
yesterday's stand-up."""

from datetime import timedelta
from typing import TYPE_CHECKING

from cockpit.db.store import Store

if TYPE_CHECKING:
    from cockpit.demo import DemoContext

RETRO_NOTES = [
    ("well", "Coupons shipped a day early thanks to the grey release switch", ["ann", "eli", "hana"]),
    ("well", "Test owner joined the requirement review from day one", ["chen"]),
    ("improve", "Two cards waited three days for PRD sign-off", ["ann", "ben", "dana", "goro"]),
    ("improve", "Estimates over two person-days slipped again", ["eli", "fatima"]),
    ("keep", "Daily stand-up at 09:30 sharp, 15 minutes", ["hana"]),
    ("keep", "Rollback plan written before every release review", ["ben", "chen"]),
]
RETRO_ACTIONS = [
    ("Write the release checklist", "ben", 7, True),
    ("Pair on every estimate over two person-days", "eli", 10, False),
    ("PRD sign-off within one working day", "ann", 5, False),
]


def seed(store: Store, ctx: "DemoContext") -> None:
    if len(ctx.iterations) < 2:
        return
    oldest = ctx.iterations[0]
    handles = ["ann", "ben", "chen", "dana", "eli", "fatima", "goro", "hana"]
    people = [ctx.people[h].id for h in handles if h in ctx.people]
    start_days = max((ctx.today - oldest.end).days - 1, 1)  # the day after the iteration ended
    store.clock = lambda: ctx.at(start_days, 14)
    from cockpit.services.meetings import agenda_for

    attendees = [p for p in ctx.people.values() if p.id in people]
    agenda = [e.as_dict() for e in agenda_for("retrospective", store, attendees, ctx.today - timedelta(days=start_days))]
    meeting = store.meetings.start(kind="retrospective", title=f"Retrospective {oldest.name}",
                                   attendee_ids=people, agenda=agenda, iteration_id=oldest.id,
                                   facilitator_id=ctx.people["hana"].id)
    try:
        detail = store.meetings.detail(meeting.id)
        for item in detail.agenda:
            store.meetings.update_agenda_item(item.id, item.version, used_seconds=item.box_seconds - 20, status="done")
        for lane, text, voters in RETRO_NOTES:
            note = store.meetings.add_note(meeting.id, lane, text)
            for handle in voters:
                store.meetings.vote(note.id, ctx.people[handle].id)
        store.meetings.add_decision(meeting.id, "Cards over two person-days are split before they enter development")
        for text, owner, due_days, card in RETRO_ACTIONS:
            due = ctx.today - timedelta(days=start_days) + timedelta(days=due_days)
            store.meetings.add_action(meeting.id, text, owner_id=ctx.people[owner].id, due=due, make_card=card)
        first = store.meetings.actions(meeting.id)[0]
        store.meetings.set_action_status(first.id, first.version, "done")
    finally:
        store.clock = lambda: ctx.at(start_days, 14) + timedelta(minutes=58)
        store.meetings.end(meeting.id, store.meetings.get(meeting.id).version)

    store.clock = lambda: ctx.at(1, 9) + timedelta(minutes=30)
    standup = [ctx.people[h] for h in ("ann", "ben", "eli", "fatima", "goro")]
    agenda = [e.as_dict() for e in agenda_for("stand-up", store, standup, ctx.today - timedelta(days=1))]
    meeting = store.meetings.start(kind="stand-up", title=f"Stand-up {ctx.today - timedelta(days=1):%d %b}",
                                   attendee_ids=[p.id for p in standup], agenda=agenda)
    try:
        for item in store.meetings.detail(meeting.id).agenda[:-1]:
            store.meetings.update_agenda_item(item.id, item.version, used_seconds=100, status="done")
        store.meetings.add_decision(meeting.id, "Fraud check waits for legal; Eli helps on bundle pricing meanwhile")
    finally:
        store.clock = lambda: ctx.at(1, 9) + timedelta(minutes=43)
        store.meetings.end(meeting.id, store.meetings.get(meeting.id).version)
