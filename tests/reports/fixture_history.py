"""A small history for the daily and weekly report golden files, written through the store with the
clock moved (UTC; the tests pin the zone).  The report day is Tuesday 24 November 2026: the week runs
Mon 23 – Sun 29 Nov, the previous week Mon 16 – Sun 22 Nov.

Stages: 0 Pending review, 1 Pending development, 2 Pending test (in progress), 3 Pending release,
4 Released (done), 5 Retro done.

What the reports must say (checked by hand against tests/reports/golden/*.md):

- Daily, since the stand-up of Mon 23 Nov 09:30-09:45:
  Ann: "Checkout redesign" Pending development → Pending test (Mon 14:00) → Pending release (Tue 10:00);
  Ben: "Coupon API" Pending test → Released (Mon 16:00);  unassigned: "Promo banner" created Tue 08:00
  in Pending review.  "Typo fix" moved Mon 15:00 and that move undone: not listed.  "Old move" moved
  Mon 09:00, before the stand-up: not listed.
  Delivered: "Coupon API", started Mon 16 Nov 16:00, delivered Mon 23 Nov 16:00: cycle 7 days.
  Newly blocked: "Search index" (Ben) Tue 09:00, "waiting for the vendor's keys".
  Risks: "Vendor late" new (P3 × I4 = 12); "Load test environment" probability 2 → 4: score 6 → 12;
  "Old risk" created last week and untouched: not listed.
  Today: the key node "Requirement focus meeting" of Sprint 48 (starts Tue 24 Nov), the meeting
  "Design sync" at 14:00.
- Weekly: delivered this week 1 (Coupon API, cycle 7) against 2 last week (Search v1: Mon 16 09:00 →
  Wed 18 09:00 = 2 days; Login fix: Tue 17 09:00 → Fri 20 09:00 = 3 days): change −1; median 7 against
  2.5 (+4.5 days); 85th percentile 7 against 3 (+4 days).
  OKR: O1-KR1 "Checkout conversion", baseline 2 %, target 4 %: the 7 days to 24 Nov hold 3.0, 3.2, 3.4
  (mean 3.2, 3 days), the 7 before 2.0, 2.4, 2.8 (mean 2.4): week over week +33.3 %, progress 60 %.
  Risks due by Sun 29 Nov: "Old risk" review Fri 20 Nov (overdue), "Load test environment" Wed 25 Nov;
  "Vendor late" review 10 Dec and the closed "Closed risk" (review 21 Nov) are not.
  Train (24 Nov – 8 Dec): release Wed 25 Nov 10:00, review Fri 27 Nov 16:00, release Wed 2 Dec,
  Fri 4 Dec skipped for the holiday "Founders' day".
  Decisions of the week: the Monday stand-up's "Ship coupons behind a flag" (last week's retro
  decision is not this week's).  Open actions: "Book the load test slot" (Ben, 2026-11-27); the done
  one is not listed.
"""

from datetime import date, datetime, time, timezone

REPORT_DAY = date(2026, 11, 24)


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=timezone.utc)


def build(store) -> dict[str, int]:  # noqa: ANN001, C901 - one story, told in order
    stages = [s.id for s in store.workspace.stages()]
    ann = store.workspace.add_person("Ann Lee", "ann", ["Product manager"]).id
    ben = store.workspace.add_person("Ben Okafor", "ben", ["Technical PM"]).id
    ids: dict[str, int] = {}

    def when(moment: datetime) -> None:
        store.clock = lambda: moment

    def new(name: str, moment: datetime, stage: int = 0, **fields) -> None:  # noqa: ANN003
        when(moment)
        ids[name] = store.items.create(title=name, stage_id=stages[stage], **fields).id

    def move(name: str, stage: int, moment: datetime) -> None:
        when(moment)
        card = store.items.get(ids[name])
        store.items.move(card.id, card.version, stages[stage])

    # Last week: two deliveries, a retro with a decision, a risk.
    new("Search v1", at(13), owner_id=ben)
    move("Search v1", 1, at(16))
    move("Search v1", 4, at(18))
    new("Login fix", at(13), owner_id=ann)
    move("Login fix", 2, at(17))
    move("Login fix", 4, at(20))
    new("Coupon API", at(13), owner_id=ben)
    move("Coupon API", 2, at(16, 16))
    new("Checkout redesign", at(13), stage=1, owner_id=ann)
    new("Typo fix", at(13))
    new("Old move", at(13), owner_id=ann)
    new("Search index", at(13), stage=1, owner_id=ben)
    when(at(19, 15))
    retro = store.meetings.start(kind="retrospective", title="Retro 47", attendee_ids=[ann, ben])
    store.meetings.add_decision(retro.id, "Keep the Friday demo")
    when(at(19, 16))
    store.meetings.end(retro.id, store.meetings.get(retro.id).version)
    when(at(16))
    store.risks.create(title="Old risk", probability=2, impact=2, owner_id=ann, next_review=date(2026, 11, 20))
    store.risks.create(title="Load test environment", probability=2, impact=3, owner_id=ben,
                       next_review=date(2026, 11, 25))
    store.risks.create(title="Closed risk", probability=5, impact=5, status="closed", next_review=date(2026, 11, 21))

    # Goals: one objective, one KR, check-ins over the last two weeks.
    when(at(10))
    objective = store.goals.add_objective("Grow checkout", owner_id=ann)
    kr = store.goals.add_kr(objective.id, "Checkout conversion", code="O1-KR1", owner_id=ann, metric="conversion",
                            unit="%", baseline=2.0, target=4.0)
    for day, value in ((11, 2.0), (13, 2.4), (17, 2.8), (18, 3.0), (20, 3.2), (23, 3.4)):
        store.goals.check_in(kr.id, date(2026, 11, day), value)

    # The calendar: the release train (review Fridays, release Wednesdays), a holiday skipping Fri 4 Dec,
    # Sprint 48 stamped from the default template, a one-off meeting on the report day.
    when(at(2))
    store.calendar.create_event(title="Release review", kind="review", all_day=False, start_day=date(2026, 11, 6),
                                start_time=time(16), end_time=time(17), rrule="FREQ=WEEKLY;BYDAY=FR",
                                exdates=[date(2026, 12, 4)])
    store.calendar.create_event(title="Release", kind="release", all_day=False, start_day=date(2026, 11, 4),
                                start_time=time(10), end_time=time(11), rrule="FREQ=WEEKLY;BYDAY=WE")
    store.calendar.create_event(title="Founders' day", kind="holiday", all_day=True, start_day=date(2026, 12, 4),
                                end_day=date(2026, 12, 4))
    store.calendar.create_event(title="Design sync", kind="meeting", all_day=False, start_day=REPORT_DAY,
                                end_day=REPORT_DAY, start_time=time(14), end_time=time(15))
    template = store.calendar.ensure_default_template()
    store.calendar.new_iteration("Sprint 48", REPORT_DAY, date(2026, 12, 21), template_id=template.id)

    # Monday: a move before the stand-up, the stand-up with a decision and two actions, then the day.
    move("Old move", 1, at(23, 9))
    when(at(23, 9, 30))
    standup = store.meetings.start(kind="stand-up", title="Stand-up 23 Nov", attendee_ids=[ann, ben])
    store.meetings.add_decision(standup.id, "Ship coupons behind a flag")
    store.meetings.add_action(standup.id, "Book the load test slot", owner_id=ben, due=date(2026, 11, 27))
    done = store.meetings.add_action(standup.id, "Send the agenda", owner_id=ann)
    store.meetings.set_action_status(done.id, done.version, "done")
    when(at(23, 9, 45))
    store.meetings.end(standup.id, store.meetings.get(standup.id).version)
    when(at(23, 11))
    store.risks.create(title="Vendor late", probability=3, impact=4, owner_id=ben, next_review=date(2026, 12, 10))
    move("Checkout redesign", 2, at(23, 14))
    move("Typo fix", 1, at(23, 15))
    store.undo()
    move("Coupon API", 4, at(23, 16))

    # Tuesday, the report day.
    new("Promo banner", at(24, 8))
    when(at(24, 9))
    card = store.items.get(ids["Search index"])
    store.items.set_blocked(card.id, card.version, True, "waiting for the vendor's keys")
    move("Checkout redesign", 3, at(24, 10))
    when(at(24, 11))
    risk = next(r for r in store.risks.all() if r.title == "Load test environment")
    store.risks.update(risk.id, risk.version, probability=4)
    when(at(24, 12))
    return ids
