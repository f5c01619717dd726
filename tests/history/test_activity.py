"""`a` on a board card: its activity feed (moves, blocks with their reasons, gate overrides, meetings)."""

import pytest

from cockpit.logic.present import MASK
from tests.helpers import on_screen, until
from tests.history.scenario import build


@pytest.fixture
def story(store, clock, monkeypatch):
    monkeypatch.setenv("COCKPIT_TZ", "UTC")  # the workspace's time zone, whatever this computer's
    return build(store, clock)


def feed(app) -> str:
    return "\n".join(str(line.render()) for line in app.screen.query(".activity-line"))


async def cursor_on(pilot, app, card_id: int) -> None:
    """On the board, put the cursor on a card with the keys: each column from the left, top to bottom."""
    view = app.screen.view
    await pilot.press(*"h" * len(view.columns))
    for _column in view.columns:
        await pilot.press(*"k" * 10)
        for _ in range(10):
            if view.cursor_card is not None and view.cursor_card.id == card_id:
                return
            await pilot.press("j")
        await pilot.press("l")
    raise AssertionError(f"card #{card_id} not reached")


async def test_a_shows_the_moves_the_block_and_its_reason_the_override_and_the_meeting(store, story, make_app):
    app = make_app(store, start_mode="board")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await cursor_on(pilot, app, story["bravo"].id)
        await pilot.press("a")
        await until(pilot, on_screen(app, "ActivityModal"), "the activity feed")
        text = feed(app)
        title = str(app.screen.query_one("#activity-title").render())
        assert title == f"Activity of card #{story['bravo'].id}: Bravo"
        lines = text.split("\n")
        # Newest first: the override, the block with its reason, the creation.
        assert lines[0] == "Sat 21 Nov 2026 11:00 · ben"
        assert lines[1] == ("Move card Bravo: Pending review → Pending development; gate overridden: agreed with QA "
                            "(unmet: PRD written)")
        assert "reason: waiting for the partner's API keys" in text
        assert text.index("agreed with QA") < text.index("reason: waiting") < text.index("Create card Bravo")
        # The change log holds the same, in the same order.
        rows = [c for c in store.changes(entity="item", entity_id=story["bravo"].id)]
        assert [c.action for c in rows] == ["create", "block", "move"]
        await pilot.press("escape")
        await until(pilot, on_screen(app, "BoardScreen"))

        await cursor_on(pilot, app, story["alpha"].id)
        await pilot.press("a")
        await until(pilot, on_screen(app, "ActivityModal"))
        text = feed(app)
        assert "Move card Alpha: Pending review → Pending development" in text
        assert "in the meeting Daily stand-up (Fri 20 Nov 09:00)" in text
        assert [c.meeting_id for c in store.changes(entity="item", entity_id=story["alpha"].id)][-1] == story["standup"].id


async def test_a_confidential_cards_feed_is_masked_while_presenting(store, story, make_app):
    app = make_app(store, start_mode="board")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await cursor_on(pilot, app, story["secret"].id)
        await pilot.press("a")
        await until(pilot, on_screen(app, "ActivityModal"))
        assert "the merger" in feed(app)
        await pilot.press("escape", "f5")  # app keys do not reach past a dialog
        await until(pilot, lambda: app.workspace.live.presenting)
        await pilot.press("a")
        await until(pilot, on_screen(app, "ActivityModal"))
        assert "Secret plan" not in feed(app) and "merger" not in feed(app)
        assert MASK in str(app.screen.query_one("#activity-title").render())
