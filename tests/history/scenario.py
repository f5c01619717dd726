"""A small, dated history shared by the History tests (plain functions, not fixtures)."""

from datetime import datetime, timezone

from cockpit.db.store import Store


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=timezone.utc)


def build(store: Store, clock) -> dict:  # noqa: ANN001 - the FakeClock
    """Three people at work on three cards over Thursday 19 to Saturday 21 November 2026:

    - Thu 10:00 tester creates Alpha, Bravo and Secret plan (confidential);
    - Fri 09:00-09:15 the stand-up "Daily stand-up"; at 09:05 tester moves Alpha to Pending development;
    - Fri 14:00 ana blocks Bravo ("waiting for the partner's API keys");
    - Sat 11:00 ben moves Bravo to Pending development, overriding its gate ("agreed with QA").
    """
    now = clock.now
    stages = store.workspace.stages()
    clock.now = at(18, 9)
    ann = store.workspace.add_person("Ana Silva", "ana")
    ben = store.workspace.add_person("Ben Okafor", "ben")
    clock.now = at(19, 10)
    alpha = store.items.create(title="Alpha", stage_id=stages[0].id, owner_id=ann.id)
    bravo = store.items.create(title="Bravo", stage_id=stages[0].id, owner_id=ben.id)
    secret = store.items.create(title="Secret plan", stage_id=stages[0].id, confidential=True)
    clock.now = at(20, 9)
    standup = store.meetings.start(kind="stand-up", title="Daily stand-up", attendee_ids=[ann.id, ben.id])
    clock.now = at(20, 9, 5)
    alpha = store.items.move(alpha.id, alpha.version, stages[1].id)
    clock.now = at(20, 9, 15)
    standup = store.meetings.end(standup.id, store.meetings.get(standup.id).version)
    as_ana = Store(store.engine, actor="ana", clock=clock)
    as_ben = Store(store.engine, actor="ben", clock=clock)
    clock.now = at(20, 14)
    bravo = as_ana.items.set_blocked(bravo.id, bravo.version, True, "waiting for the partner's API keys")
    clock.now = at(21, 11)
    bravo = as_ben.items.move(bravo.id, bravo.version, stages[1].id,
                              detail={"gate": "overridden", "override_reason": "agreed with QA",
                                      "unmet": ["PRD written"]})
    clock.now = at(21, 12)
    secret = store.items.update(secret.id, secret.version, description="the merger")
    clock.now = now
    store.forget_undo()
    return {"stages": stages, "ann": ann, "ben": ben, "alpha": alpha, "bravo": bravo, "secret": secret,
            "standup": standup}
