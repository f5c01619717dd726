"""The demo workspace (``cockpit --demo``): a campaign modelled on the PMO practice of design.md §2.

Dates are relative to today.  The history is written through the store with a simulated clock, so
card ages, cycle times and the change log look like a few weeks of real use.  Each feature adds its
part in its own module (``cockpit/demo/<feature>.py``, a ``seed(store, ctx)`` function).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from cockpit.demo import calendar, goals, history, meetings, raci, risks, second_project
from cockpit.demo.board import seed_cards, seed_team
from cockpit.db.models import IterationRead, ItemRead, PersonRead, StageRead
from cockpit.db.store import Store


@dataclass
class DemoContext:
    today: date
    project_id: int
    people: dict[str, PersonRead] = field(default_factory=dict)  # by handle
    stages: list[StageRead] = field(default_factory=list)
    iterations: list[IterationRead] = field(default_factory=list)
    items: list[ItemRead] = field(default_factory=list)

    def at(self, days_ago: float, hour: int = 10) -> datetime:
        """A UTC time ``days_ago`` days before today, at ``hour`` local-ish time."""
        moment = datetime.combine(self.today - timedelta(days=int(days_ago)), time(hour, 0), tzinfo=timezone.utc)
        return moment + timedelta(hours=(days_ago % 1) * 24)

    def ago(self, days_ago: float, hour: int = 10) -> datetime:
        """Like ``at``, but the fraction of a day goes further back (``ago(2.25, 11)`` is 05:00 two days
        ago), and never later than now: a card's moves "0.05 days ago" stay in the past."""
        moment = datetime.combine(self.today - timedelta(days=int(days_ago)), time(hour, 0), tzinfo=timezone.utc)
        latest = datetime.now(timezone.utc) if self.today >= datetime.now(timezone.utc).date() else \
            datetime.combine(self.today, time(18, 0), tzinfo=timezone.utc)
        return min(moment - timedelta(hours=(days_ago % 1) * 24), latest)


def build_demo(store: Store, today: date | None = None) -> DemoContext:
    """Fill an empty workspace with the demo; returns what it made (tests use it)."""
    day = today or store.today()
    real_clock, real_actor = store.clock, store.actor
    store.actor = "Ann Lee"  # the demo's PM set it up (the history's moves are each card owner's)
    try:
        ctx = seed_team(store, day, DemoContext)
        history.seed(store, ctx)  # twelve weeks of finished work first: the change log runs in time order
        seed_cards(store, ctx)
        history.rate_board_bugs(store, ctx)
        for feature in (calendar, risks, raci, meetings, goals, second_project):
            feature.seed(store, ctx)
        in_time_order(store)
    finally:
        store.clock, store.actor = real_clock, real_actor
    store.forget_undo()
    return ctx


def in_time_order(store: Store) -> None:
    """Number the change log in the order of its simulated times: each feature writes its part with
    a clock of its own (the goals' links after today's check-ins, the second project's setup weeks
    ago), while the History screen lists the log newest first by number, as a real workspace writes
    it.  Rows of one moment keep their order; nothing refers to a change by its number."""
    from sqlalchemy import text

    with store.write("demo: the change log in time order", undoable=False) as tx:
        tx.session.execute(text("UPDATE change SET id = -id"))
        tx.session.execute(text(
            "UPDATE change SET id = ordered.n FROM (SELECT id, row_number() OVER (ORDER BY at, -id) AS n "
            "FROM change) AS ordered WHERE change.id = ordered.id"))
