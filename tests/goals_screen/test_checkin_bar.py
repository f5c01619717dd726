"""Pilot tests: checking in through the Goals screen's check-in bar (``c``), by real keys, checked on
the screen and in the database: the day read back live, a bad value or day named and nothing saved,
escape saving nothing, a same-day second check-in replacing the first (the log keeps the old value),
tab going on to the next KR, and the KR detail's ``c``."""

from datetime import timedelta

from textual.widgets import Static

from cockpit.db.store import Store

from cockpit.logic.present import mask
from cockpit.screens.goals.checkin_bar import CheckinBar
from cockpit.screens.goals.detail import KrDetailModal
from cockpit.screens.goals.screen import GoalsScreen
from cockpit.services.okr import okr_board
from cockpit.widgets.okr_table import OkrTable
from tests.helpers import TODAY, cockpit_app, until

SIZE = (120, 40)


def row_of(app, code: str) -> list[str]:
    table = app.screen.query_one(OkrTable)
    rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
    return next(row for row in rows if row[0] == code)


def bar_of(app) -> CheckinBar:
    return app.screen.query_one(CheckinBar)


def said(app) -> str:
    return str(bar_of(app).query_one("#checkin-said", Static).content)


def label(app) -> str:
    return str(bar_of(app).query_one("#checkin-label", Static).content)


async def open_bar(pilot) -> CheckinBar:
    await pilot.press("c")
    bar = bar_of(pilot.app)
    await until(pilot, lambda: bar.is_open and bar.field.has_focus, "the check-in bar, focused")
    return bar


async def test_check_in_typed_in_the_bar_shows_the_day_back_and_moves_the_row(store, settings, okrs):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")  # O1-KR2: checkout time, lower is better, no data yet
        assert row_of(app, "O1-KR2")[5] == "no data"
        assert not bar_of(app).is_open and app.screen.query_one("#goals-detail").visible
        bar = await open_bar(pilot)
        assert isinstance(app.screen, GoalsScreen)  # in place: no dialog pushed
        assert label(app) == "Check in O1-KR2 median checkout time (s) "
        assert not app.screen.query_one("#goals-detail").visible  # the bar takes the detail lines' place
        await pilot.press(*"64 -1d slow")
        assert said(app) == "→ 64 s on Sat 21 Nov 2026 (yesterday) · note: slow"
        assert store.goals.checkins(okrs["speed"].id) == []  # nothing saved while typing
        await pilot.press("enter")
        await until(pilot, lambda: not bar.is_open, "the bar to close")
        [checkin] = store.goals.checkins(okrs["speed"].id)
        assert (checkin.day, checkin.value, checkin.note) == (TODAY - timedelta(days=1), 64.0, "slow")
        assert row_of(app, "O1-KR2")[5].startswith("64 ·1d")
        assert row_of(app, "O1-KR2")[6].endswith(" 20%")  # (64 − 70) / (40 − 70)
        assert "Checked in O1-KR2 = 64 s on Sat 21 Nov 2026" in str(app.screen.query_one("#goals-status").content)
        assert app.screen.query_one(OkrTable).has_focus and app.screen.query_one("#goals-detail").visible
        await pilot.press("u")  # undoable like any change
        await until(pilot, lambda: row_of(app, "O1-KR2")[5] == "no data", "the check-in undone")
        assert store.goals.checkins(okrs["speed"].id) == []


async def test_a_check_in_redraws_its_row_alone_unless_another_window_wrote_meanwhile(engine, store, settings, okrs,
                                                                                       clock, monkeypatch):
    """After its own check-in the screen recomputes that KR's row without reading the board again;
    when another window wrote since the screen read it (live updates off: not yet seen), the check-in
    is not the log's next change and the whole board is read: the other window's change shows too."""
    import cockpit.screens.goals.controller as controller

    reads: list = []
    monkeypatch.setattr(controller, "okr_board", lambda *args, **kwargs: reads.append(1) or okr_board(*args, **kwargs))
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: reads and app.screen.query_one(OkrTable).row_count, "the board")
        await pilot.press("down")  # O1-KR1
        shown = row_of(app, "O1-KR1")[5]  # its average over the days checked in
        await open_bar(pilot)
        await pilot.press(*"2.7", "enter")
        await until(pilot, lambda: row_of(app, "O1-KR1")[5] != shown, "the row after the check-in")
        assert len(reads) == 1  # its row alone, from what the screen holds
        other = Store(engine, actor="ben", clock=clock)  # another cockpit on the same database
        other.goals.check_in(okrs["speed"].id, TODAY, 61)  # O1-KR2, not yet seen here (no live updates)
        assert row_of(app, "O1-KR2")[5] == "no data"
        await open_bar(pilot)
        shown = row_of(app, "O1-KR1")[5]
        await pilot.press(*"2.9", "enter")  # O1-KR1 again: not the log's next change after the screen's read
        await until(pilot, lambda: row_of(app, "O1-KR1")[5] != shown, "the row after the second check-in")
        assert len(reads) == 2  # the whole board read again
        assert row_of(app, "O1-KR2")[5].startswith("61 ")  # so the other window's check-in shows too


async def test_a_bad_value_or_day_is_named_and_nothing_is_saved(store, settings, okrs):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        bar = await open_bar(pilot)
        await pilot.press("enter")  # nothing typed
        assert said(app).startswith("Value: type the metric's value") and bar.is_open
        await pilot.press(*"6x4", "enter")
        assert said(app).startswith("Value: '6x4' is not a number") and bar.is_open
        assert bar.query_one("#checkin-said").has_class("-error")
        await pilot.press("backspace", "backspace", "backspace", *"64 2026-13-01", "enter")
        assert said(app).startswith("Day: '2026-13-01' is not a real date") and bar.is_open
        await pilot.press(*(["backspace"] * 10), *"tomorrow", "enter")
        assert said(app).startswith("Day: Mon 23 Nov 2026 is after today") and bar.is_open
        assert store.goals.checkins(okrs["speed"].id) == [] and row_of(app, "O1-KR2")[5] == "no data"
        await pilot.press("escape")  # escape closes it, saving nothing
        await until(pilot, lambda: not bar.is_open, "the bar to close")
        assert store.goals.checkins(okrs["speed"].id) == [] and row_of(app, "O1-KR2")[5] == "no data"
        assert app.screen.query_one(OkrTable).has_focus

        bar = await open_bar(pilot)  # a good value, then escape: still nothing
        assert bar.field.value == ""  # the bar opens empty
        await pilot.press(*"58", "escape")
        await until(pilot, lambda: not bar.is_open, "the bar to close")
        assert store.goals.checkins(okrs["speed"].id) == [] and row_of(app, "O1-KR2")[5] == "no data"
        await pilot.press("c")  # a hidden bar never took the keys typed on the board
        await until(pilot, lambda: bar.is_open, "the bar again")
        assert bar.field.value == ""


async def test_a_second_check_in_the_same_day_replaces_it_and_the_log_keeps_the_old(store, settings, okrs):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")  # O1-KR1: conversion, 2.6 checked in yesterday
        bar = await open_bar(pilot)
        await pilot.press(*"2.8")
        assert said(app) == "→ 2.8% on Sun 22 Nov 2026 (today)"
        await pilot.press("enter")
        await until(pilot, lambda: not bar.is_open, "the bar to close")
        bar = await open_bar(pilot)
        await pilot.press(*"2,9")  # a decimal comma; today already has 2.8: said before saving
        assert said(app) == "→ 2.9% on Sun 22 Nov 2026 (today) · replaces that day's check-in of 2.8%"
        await pilot.press(*" y")  # not a day: the start of a note
        assert said(app).endswith("· note: y")
        await pilot.press("backspace", *"yesterday")
        assert said(app) == "→ 2.9% on Sat 21 Nov 2026 (yesterday) · replaces that day's check-in of 2.6%"
        await pilot.press(*(["backspace"] * 10), "enter")
        await until(pilot, lambda: not bar.is_open, "the bar to close")
        today = [c for c in store.goals.checkins(okrs["conversion"].id) if c.day == TODAY]
        assert [c.value for c in today] == [2.9]
        last = store.changes(entity="checkin")[-1]
        assert (last.before["value"], last.after["value"]) == (2.8, 2.9)
        assert row_of(app, "O1-KR1")[5].startswith("2.6 ·4d")  # (2.4 + 2.5 + 2.6 + 2.9) / 4


async def test_tab_saves_and_goes_on_to_the_next_key_result(store, settings, okrs, people):
    other = store.goals.add_objective("Keep the lights on", owner_id=people["ben"].id)
    uptime = store.goals.add_kr(other.id, "Uptime", metric="uptime", unit="%", baseline=99, target=99.9)
    store.forget_undo()
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")  # O1-KR1
        bar = await open_bar(pilot)
        await pilot.press(*"2.7", "tab")  # saved; the bar moves on to O1-KR2, empty
        await until(pilot, lambda: bar.kr is not None and bar.kr.code == "O1-KR2", "the bar on O1-KR2")
        assert bar.is_open and bar.field.value == "" and bar.field.has_focus
        assert app.screen.query_one(OkrTable).current.code == "O1-KR2"
        assert said(app).startswith("✓ O1-KR1 = 2.7% on Sun 22 Nov 2026 · now O1-KR2")
        assert [c.value for c in store.goals.checkins(okrs["conversion"].id) if c.day == TODAY] == [2.7]
        await pilot.press("tab")  # nothing typed: only moves, over the objective's row, to O2-KR1
        await until(pilot, lambda: bar.kr is not None and bar.kr.kr_id == uptime.id, "the bar on O2's KR")
        assert store.goals.checkins(okrs["speed"].id) == []
        await pilot.press(*"99.5", "tab")  # the last KR: saved, and the bar closes
        await until(pilot, lambda: not bar.is_open, "the bar to close after the last KR")
        assert [c.value for c in store.goals.checkins(uptime.id)] == [99.5]
        assert row_of(app, "O2-KR1")[5].startswith("99.5 ·1d")


async def test_the_detail_offers_check_in_and_presenting_masks_the_metric(store, settings, okrs, people):
    secret = store.goals.add_objective("Acquire Northwind quietly", owner_id=people["ben"].id, confidential=True)
    store.goals.add_kr(secret.id, "Northwind diligence done", metric="Northwind checklist", unit="%", target=100)
    store.forget_undo()
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # O1-KR2's detail
        await until(pilot, lambda: isinstance(app.screen, KrDetailModal), "the KR's detail")
        await pilot.press("c")  # back to the board, the bar open on that KR
        await until(pilot, lambda: isinstance(app.screen, GoalsScreen) and bar_of(app).is_open, "the bar")
        assert bar_of(app).kr.code == "O1-KR2"
        await pilot.press(*"61", "enter")
        await until(pilot, lambda: not bar_of(app).is_open, "the bar to close")
        assert [c.value for c in store.goals.checkins(okrs["speed"].id)] == [61.0]

        await pilot.press("f5", "down", "down")  # presenting: the confidential KR's metric is masked
        await until(pilot, lambda: app.screen.query_one(OkrTable).current.code == "O2-KR1", "the secret KR")
        await open_bar(pilot)
        assert "Northwind" not in label(app) and label(app) == f"Check in O2-KR1 {mask('Northwind checklist', short=True)} (%) "
