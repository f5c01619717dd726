"""The Risks screen in presentation mode (f5): a confidential risk keeps its row, scores and 🔒 but
its words (title, trigger, plans, description) are masked until f5 is pressed again."""

from textual.widgets import Static

from cockpit.logic.present import MASK
from cockpit.screens.risks.risk_form import RiskFormModal
from tests.helpers import TODAY, cockpit_app
from cockpit.widgets.risk_table import RiskTable

SECRET = "Budget cut [b]pending[/b]"
WORDS = ("Budget cut", "board meeting on Friday", "ask for a bridge fund", "cut paid ads first", "CFO said")


def shown_text(app) -> str:
    table = app.screen.query_one(RiskTable)
    rows = " ".join(str(cell) for index in range(table.row_count) for cell in table.get_row_at(index))
    return rows + "\n" + str(app.screen.query_one("#risk-detail-body", Static).render())


async def test_f5_masks_a_confidential_risk_and_f5_again_shows_it(store, people, settings):
    secret = store.risks.create(title=SECRET, probability=5, impact=5, owner_id=people["ann"].id, confidential=True,
                                trigger="board meeting on Friday", mitigation="ask for a bridge fund",
                                contingency="cut paid ads first", description="CFO said")
    store.risks.create(title="Vendor late", probability=2, impact=2)
    store.forget_undo()
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="risks")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(RiskTable)
        assert table.move_to(secret.id)
        await pilot.pause()
        assert all(word in shown_text(app) for word in WORDS)  # markup-like text drawn literally
        await pilot.press("f5")
        await pilot.pause()
        text = shown_text(app)
        assert not any(word in text for word in WORDS)
        assert MASK in text and "🔒" in text and "Vendor late" in text and "25" in text  # the score stays
        await pilot.press("e")  # its form would show the words: refused while presenting
        await pilot.pause()
        assert not isinstance(app.screen, RiskFormModal)
        await pilot.press("slash", *"Budget")  # the filter sees the mask, not the words
        await pilot.pause()
        assert table.row_count == 0
        await pilot.press("escape", "f5")
        await pilot.pause()
        assert all(word in shown_text(app) for word in WORDS)
        assert store.risks.get(secret.id).title == SECRET  # nothing was written
