"""Demo calendar: the three iterations stamped from the default template, and the weekly release
train (release review every Friday, release the following Wednesday) with a skipped holiday."""

from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from cockpit.db.store import Store

if TYPE_CHECKING:
    from cockpit.demo import DemoContext

FRIDAY, WEDNESDAY = 4, 2


def _next(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def seed(store: Store, ctx: "DemoContext") -> None:
    store.clock = lambda: ctx.at(30, 9)
    template = store.calendar.ensure_default_template()
    for iteration in ctx.iterations:
        store.calendar.stamp(iteration.id, template.id)

    # The train started with the oldest iteration; a holiday Friday (the one after next Thursday's
    # public holiday) has no release review, and the release after it is skipped too.
    first = ctx.iterations[0].start if ctx.iterations else ctx.today - timedelta(days=30)
    review_start = _next(first, FRIDAY)
    release_start = review_start + timedelta(days=5)
    holiday = _next(ctx.today, 3) + timedelta(days=7 if _next(ctx.today, 3) == ctx.today else 0)
    skipped_review = holiday + timedelta(days=1)
    skipped_release = skipped_review + timedelta(days=5)
    store.calendar.create_event(
        title="Release review", kind="review", all_day=False, start_day=review_start,
        start_time=time(16, 0), end_time=time(17, 0), rrule="FREQ=WEEKLY;BYDAY=FR",
        exdates=[skipped_review], notes="Go / no-go for next Wednesday's release: release plan, feature "
                                        "switches, grey release and rollback plan.")
    store.calendar.create_event(
        title="Release", kind="release", all_day=False, start_day=release_start,
        start_time=time(10, 0), end_time=time(12, 0), rrule="FREQ=WEEKLY;BYDAY=WE",
        exdates=[skipped_release], notes="Weekly release train: what passed Friday's review goes out.")
    store.calendar.create_event(title="Public holiday", kind="holiday", all_day=True, start_day=holiday,
                                end_day=holiday + timedelta(days=1), notes="Office closed; no release review.")
    if ctx.iterations:
        current = ctx.iterations[-1]
        store.calendar.create_event(
            title="Retrospective", kind="meeting", all_day=False, start_day=current.start - timedelta(days=1)
            if (current.start - timedelta(days=1)).weekday() < 5 else _next(current.start, 0),
            start_time=time(14, 0), end_time=time(15, 0), iteration_id=ctx.iterations[-2].id
            if len(ctx.iterations) > 1 else current.id)
    store.clock = lambda: ctx.at(0.5)
