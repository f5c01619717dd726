"""The History screen (key 9): real keys, what the screen shows and what the change log holds."""

import pytest

from cockpit.db.store import Store
from cockpit.logic.present import MASK
from tests.helpers import on_screen, until
from tests.history.scenario import build


@pytest.fixture
def story(store, clock, monkeypatch):
    monkeypatch.setenv("COCKPIT_TZ", "UTC")  # the workspace's time zone, whatever this computer's
    return build(store, clock)


def shown(app) -> list[str]:
    """The History table's rows as 'when | who | what | meeting' lines."""
    table = app.screen.query_one("#history-table")
    return [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def said(app) -> str:
    return str(app.screen.query_one("#history-said").render())


async def open_history(pilot) -> None:
    await pilot.press("9")
    await pilot.pause()
    await until(pilot, on_screen(pilot.app, "HistoryScreen"), "the History screen")


async def test_key_9_lists_every_change_newest_first_with_who_and_when(store, story, make_app):
    app = make_app(store, start_mode="board")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot)
        lines = shown(app)
        assert lines[0].startswith("Sat 21 Nov 12:00 | tester | Edit card Secret plan")
        assert lines[1].startswith("Sat 21 Nov 11:00 | @ben | Move card Bravo: Pending review → Pending development; "
                                   "gate overridden: agreed with QA (unmet: PRD written)")
        assert lines[2].startswith("Fri 20 Nov 14:00 | @ana | Block card Bravo")
        moved = next(line for line in lines if line.startswith("Fri 20 Nov 09:05"))
        assert "Move card Alpha" in moved and moved.endswith("Daily stand-up")
        # One line per user action, as many as the change log's transactions of this project.
        changes = store.changes()
        assert len(lines) == len({c.txn for c in changes})
        assert "every change, newest first" in said(app)
        assert len(store.changes()) == len(changes)  # it wrote nothing


async def test_the_filter_narrows_the_list_and_says_how_it_was_read(store, story, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        every = len(shown(app))
        await pilot.press("slash", *"@ana")
        await until(pilot, lambda: len(shown(app)) == 1, "ana's one change")
        assert "| @ana | Block card Bravo" in shown(app)[0]
        assert "by @ana" in said(app)
        await pilot.press("ctrl+u", *"kind:move")
        await until(pilot, lambda: "moves between stages" in said(app))
        assert [line.split(" | ")[2].split(":")[0] for line in shown(app)] == ["Move card Bravo", "Move card Alpha"]
        assert {c.entity_id for c in store.changes(entity="item") if c.action == "move"} == {
            story["alpha"].id, story["bravo"].id}
        await pilot.press(*f" card:#{story['alpha'].id}")
        await until(pilot, lambda: len(shown(app)) == 1 and "Alpha" in shown(app)[0])
        await pilot.press("ctrl+u", *"kind:override")
        await until(pilot, lambda: len(shown(app)) == 1 and "gate overridden" in shown(app)[0])
        await pilot.press("ctrl+u", *"until:2026-11-19")
        await until(pilot, lambda: "until Thu 19 Nov 2026" in said(app))
        assert all(line.startswith("Thu 19 Nov") or " Nov " in line.split(" | ")[0] for line in shown(app))
        assert not any(line.startswith(("Fri", "Sat")) for line in shown(app))
        await pilot.press("ctrl+u", *"kind:dance")
        await until(pilot, lambda: "not understood" in said(app))
        await pilot.press("escape")
        await until(pilot, lambda: len(shown(app)) == every, "every change again")


async def test_s_shows_what_changed_since_the_last_stand_up(store, story, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await until(pilot, lambda: "since the stand-up of Fri 20 Nov 09:15" in said(app))
        lines = shown(app)
        assert app.screen.query_one("#history-filter").value == "since:stand-up"
        ended = story["standup"].ended
        after = {}
        for change in sorted(store.changes(), key=lambda c: -c.id):
            if change.at > ended:
                after.setdefault(change.txn, change.at)
        assert [line[:16] for line in lines] == [f"{when:%a %d %b %H:%M}" for when in after.values()]
        assert any(line.startswith("Fri 20 Nov 14:00 | @ana | Block card Bravo") for line in lines)
        assert not any(line.startswith(("Fri 20 Nov 09:05", "Fri 20 Nov 09:15", "Thu")) for line in lines)


async def test_enter_on_a_change_of_a_card_shows_it_on_the_board(store, story, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"@ana", "enter")
        await until(pilot, lambda: len(shown(app)) == 1 and app.screen.query_one("#history-table").has_focus)
        await pilot.press("enter")
        await until(pilot, on_screen(app, "BoardScreen"), "the board")
        await until(pilot, lambda: getattr(app.screen.view.cursor_card, "id", None) == story["bravo"].id,
                    "the cursor on Bravo")


async def test_a_confidential_cards_words_are_masked_while_presenting(store, story, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Edit card Secret plan" in shown(app)[0]
        await pilot.press("f5")
        await until(pilot, lambda: MASK in shown(app)[0], "the mask")
        assert not any("Secret plan" in line or "merger" in line for line in shown(app))
        assert f"card #{story['secret'].id}" in shown(app)[0]


async def test_a_read_only_view_shows_the_history_too(engine, store, story, make_app, clock):
    viewer = Store(engine, actor="guest", clock=clock, read_only=True)
    app = make_app(viewer)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await until(pilot, lambda: len(shown(app)) > 3)
        assert "Block card Bravo" in "\n".join(shown(app))
        await pilot.press("s")
        await until(pilot, lambda: "since the stand-up" in said(app))
        assert not any("Move card Alpha" in line for line in shown(app))


async def test_times_are_shown_in_the_workspace_time_zone(store, story, make_app, monkeypatch):
    monkeypatch.setenv("COCKPIT_TZ", "Asia/Tokyo")  # UTC+9: Saturday 11:00 UTC is Saturday 20:00 there
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any(line.startswith("Sat 21 Nov 20:00 | @ben | Move card Bravo") for line in shown(app))
        await pilot.press("slash", *"since:2026-11-21")  # from midnight in Tokyo: Friday 15:00 UTC
        await until(pilot, lambda: "since Sat 21 Nov 2026" in said(app))
        assert not any("Block card Bravo" in line for line in shown(app))  # Friday 14:00 UTC: 23:00 Friday there


async def test_more_changes_are_read_as_the_cursor_reaches_the_end(store, story, make_app):
    for number in range(260):
        store.items.create(title=f"Card {number}", stage_id=story["stages"][0].id)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = len(shown(app))
        assert 90 <= first <= 100 and "so far (more as you scroll)" in said(app)  # one page of 100 rows
        await pilot.press("ctrl+end")
        await until(pilot, lambda: len(shown(app)) > first, "the next page")
        total = len({c.txn for c in store.changes()})
        for _page in range(5):
            await pilot.press("ctrl+end")
        await until(pilot, lambda: len(shown(app)) == total, "every change")
        assert "so far" not in said(app)
        assert shown(app)[-1].split(" | ")[2] == "Create default workflow"


async def test_f1_explains_the_filter_and_the_palette_opens_history(store, story, make_app):
    from tests.helpers import search_palette

    app = make_app(store, start_mode="board")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Activity" in {command.title for command in app.get_system_commands(app.screen)}  # board's a
        await pilot.press("ctrl+p")
        await search_palette(pilot, "History")
        await pilot.press("enter")
        await until(pilot, on_screen(app, "HistoryScreen"), "the History screen")
        await pilot.press("f1")
        await pilot.pause()
        help_text = app.screen.query_one("Markdown").source
        for needle in ("`@ana`", "`card:#12`", "`kind:move`", "`since:monday`", "| Since stand-up |", "| Filter |",
                       "| Show card |"):
            assert needle in help_text, needle
