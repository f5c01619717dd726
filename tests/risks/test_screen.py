"""Pilot tests: the Risks screen's keys, checked on the screen and in the database."""

from datetime import timedelta

import pytest
from textual.widgets import Input, Static

from cockpit.app import CockpitApp
from cockpit.screens.risks.risk_form import RiskFormModal
from tests.helpers import TODAY, cockpit_app, search_palette
from cockpit.widgets.risk_heatmap import RiskHeatMap
from cockpit.widgets.risk_table import RiskTable

SIZE = (120, 40)


@pytest.fixture
def register(store, people):
    """Five risks: one overdue, one occurred, one closed, one with residual scores."""
    r = store.risks
    made = {
        "coupon": r.create(title="Coupon abuse", probability=4, impact=5, owner_id=people["ann"].id,
                           category="Security", next_review=TODAY - timedelta(days=3),
                           residual_probability=2, residual_impact=2),
        "partner": r.create(title="Partner late", probability=3, impact=3, status="occurred",
                            owner_id=people["ben"].id, category="Vendor", next_review=TODAY + timedelta(days=1)),
        "slow": r.create(title="Slow pages", probability=2, impact=2, next_review=TODAY + timedelta(days=10)),
        "old": r.create(title="Old worry", probability=5, impact=5, status="closed"),
        "markup": r.create(title="[@click=app.quit]x[/] deadline [/", probability=1, impact=3, confidential=True),
    }
    store.forget_undo()
    return made


def make_app(store, settings) -> CockpitApp:
    return cockpit_app(store, settings=settings, today=TODAY, start_mode="risks")


def table(app) -> RiskTable:
    return app.screen.query_one(RiskTable)


def titles(app) -> list[str]:
    t = table(app)
    return [str(t.get_row_at(index)[1]).removeprefix("🔒 ") for index in range(t.row_count)]


def cell(app, risk, column: str) -> str:
    return str(table(app).get_cell(str(risk.id), column)).strip()


async def select(pilot, app, risk_id: int) -> None:
    assert table(app).move_to(risk_id)
    await pilot.pause()


async def test_table_is_sorted_by_score_with_bands_overdue_and_markup_as_text(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert titles(app) == ["Old worry", "Coupon abuse", "Partner late", "Slow pages",
                               "[@click=app.quit]x[/] deadline [/"]
        assert cell(app, register["coupon"], "score") == "20 C"
        assert cell(app, register["coupon"], "next_review") == "!19 Nov"
        assert cell(app, register["partner"], "next_review") == "23 Nov"
        assert cell(app, register["markup"], "title").startswith("🔒")
        status = str(app.screen.query_one("#risks-status", Static).render())
        assert "5 risks" in status and "1 overdue" in status and "1 due soon" in status
        await select(pilot, app, register["markup"].id)
        detail = str(app.screen.query_one("#risk-detail-body", Static).render())
        assert "[@click=app.quit]x[/] deadline [/" in detail and "confidential" in detail
        assert app.is_running


async def test_new_risk_through_the_form(store, settings, register, people):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RiskFormModal)
        await pilot.press(*"Data centre move")
        form = app.screen
        form.query_one("#probability").value = 5
        form.query_one("#owner_id").value = people["zoe"].id
        form.query_one("#next_review", Input).value = "2026-12-24"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RiskFormModal)
        [risk] = [r for r in store.risks.all() if r.title == "Data centre move"]
        assert (risk.probability, risk.impact, risk.owner_handle, risk.next_review.isoformat()) == (
            5, 3, "zoe", "2026-12-24")
        assert "Data centre move" in titles(app) and table(app).current_id == risk.id


@pytest.mark.parametrize(("widget", "value", "field", "message"), [
    ("#title", " ", "title", "give the risk a title"),
    ("#next_review", "next week", "next_review", "not a date"),
    ("#item_id", "#9999", "item_id", "no card #9999"),
    ("#item_id", "abc", "item_id", "not a card number"),
])
async def test_form_names_the_bad_field_and_saves_nothing(store, settings, register, widget, value, field, message):
    app = make_app(store, settings)
    before = store.last_change_id()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, register["slow"].id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one(widget, Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RiskFormModal)
        error = form.query_one(f"#error-{field}", Static)
        assert error.has_class("shown") and message in str(error.render())
        assert app.focused is form.query_one(widget)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RiskFormModal)
    assert store.last_change_id() == before


async def test_enter_edits_and_the_edit_is_undoable(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, register["slow"].id)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RiskFormModal) and form.query_one("#title", Input).value == "Slow pages"
        form.query_one("#title", Input).value = "Slow mobile pages"
        form.query_one("#status").value = "monitoring"
        await pilot.press("ctrl+s")
        await pilot.pause()
        risk = store.risks.get(register["slow"].id)
        assert (risk.title, risk.status) == ("Slow mobile pages", "monitoring")
        assert "Slow mobile pages" in titles(app)
        await pilot.press("u")
        await pilot.pause()
        assert store.risks.get(register["slow"].id).title == "Slow pages"
        assert "Slow pages" in titles(app)


async def test_quick_keys_raise_and_lower_probability_and_impact(store, settings, register):
    app = make_app(store, settings)
    rid = register["slow"].id
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, rid)
        await pilot.press("p", "p", "i")
        await pilot.pause()
        risk = store.risks.get(rid)
        assert (risk.probability, risk.impact) == (4, 3)
        assert table(app).current_id == rid  # the cursor follows the risk as it moves up
        await pilot.press("I", "P")
        await pilot.pause()
        assert (store.risks.get(rid).probability, store.risks.get(rid).impact) == (3, 2)
        await pilot.press("u", "u")
        await pilot.pause()
        assert (store.risks.get(rid).probability, store.risks.get(rid).impact) == (4, 3)
        assert [p.score for p in store.risks.score_history(rid)][-1] == 12
        await select(pilot, app, register["coupon"].id)
        before = store.last_change_id()
        assert app.screen.check_action("nudge", ("impact", 1)) is None  # already 5: greyed out
        await pilot.press("i")
        await pilot.pause()
        assert store.last_change_id() == before


async def test_r_marks_reviewed_and_moves_the_review_on(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, register["coupon"].id)
        await pilot.press("r")
        await pilot.pause()
        risk = store.risks.get(register["coupon"].id)
        assert risk.next_review == TODAY + timedelta(days=7) and risk.last_reviewed == TODAY
        assert "overdue" not in str(app.screen.query_one("#risks-status", Static).render())


async def test_c_turns_an_occurred_risk_into_a_blocked_linked_card(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, register["slow"].id)
        assert app.screen.check_action("to_card", ()) is None
        await pilot.press("c")
        await pilot.pause()
        assert store.items.count() == 0
        await select(pilot, app, register["partner"].id)
        await pilot.press("c")
        await pilot.pause()
        [item] = store.items.all()
        assert item.blocked and store.risks.get(register["partner"].id).item_id == item.id
        assert app.screen.check_action("to_card", ()) is None  # linked now
        await pilot.press("u")
        await pilot.pause()
        assert store.items.count() == 0 and store.risks.get(register["partner"].id).item_id is None


async def test_slash_filters_by_text_owner_status_and_escape_clears(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.press(*"@ben")
        await pilot.pause()
        assert titles(app) == ["Partner late"]
        app.screen.query_one("#risks-filter", Input).value = "status:closed"
        await pilot.pause()
        assert titles(app) == ["Old worry"]
        app.screen.query_one("#risks-filter", Input).value = "cat:secu"
        await pilot.pause()
        assert titles(app) == ["Coupon abuse"]
        await pilot.press("enter")
        assert app.focused is table(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(titles(app)) == 5


async def test_v_shows_the_review_queue(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert titles(app) == ["Coupon abuse", "Partner late"]  # overdue first, then due tomorrow
        await pilot.press("v")
        await pilot.pause()
        assert len(titles(app)) == 5


async def test_heat_map_counts_cells_and_choosing_one_filters_the_table(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        heat = app.screen.query_one(RiskHeatMap)
        assert heat.counts[(4, 5)] == 1 and heat.counts[(5, 5)] == 0 and sum(heat.counts.values()) == 4
        await pilot.press("tab")
        assert app.focused is heat
        heat.cursor = (4, 4)
        await pilot.press("right", "enter")
        await pilot.pause()
        assert heat.chosen == (4, 5) and titles(app) == ["Coupon abuse"]
        await pilot.press("enter")
        await pilot.pause()
        assert heat.chosen is None and len(titles(app)) == 5
        await pilot.press("t")
        await pilot.pause()
        assert heat.mode == "residual" and heat.counts[(2, 2)] == 2 and heat.counts[(4, 5)] == 0
        heat.cursor = (2, 2)
        await pilot.press("enter")
        await pilot.pause()
        assert sorted(titles(app)) == ["Coupon abuse", "Slow pages"]


async def test_heat_map_cell_chosen_with_the_mouse(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        heat = app.screen.query_one(RiskHeatMap)
        x = 3 + heat.cell_width * 4 + 1  # label, then the fifth column (impact 5)
        y = 1 + (5 - 4) * heat.row_height  # header row, then probability 4 (second row from the top)
        await pilot.click(heat, offset=(x + 2, y + 1))  # + border and padding
        await pilot.pause()
        assert heat.chosen == (4, 5) and titles(app) == ["Coupon abuse"]


async def test_s_cycles_the_sort_column_and_S_reverses(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert table(app).sort_key == "next_review"
        assert titles(app)[:3] == ["Coupon abuse", "Partner late", "Slow pages"]
        await pilot.press("S")
        await pilot.pause()
        assert titles(app)[-1] == "Coupon abuse"


async def test_x_deletes_after_confirmation_and_u_restores(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, register["slow"].id)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert len(store.risks.all()) == 5
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Slow pages" not in [r.title for r in store.risks.all()] and "Slow pages" not in titles(app)
        await pilot.press("u")
        await pilot.pause()
        assert "Slow pages" in titles(app)


async def test_settings_change_the_bands(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        await pilot.pause()
        app.screen.query_one("#high_max", Input).value = "10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.risks.settings().thresholds == (4, 9, 10)
        assert cell(app, register["old"], "score") == "25 C"
        assert cell(app, register["coupon"], "score") == "20 C"
        assert cell(app, register["partner"], "score") == "9 M"
        assert cell(app, register["slow"], "score") == "4 L"
        legend = str(app.screen.query_one("#risks-legend", Static).render())
        assert "C 12–25" in legend


async def test_palette_jumps_to_a_risk_by_title(store, settings, register):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="board")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await search_palette(pilot, "Slow pag")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "risks"
        assert table(app).current_id == register["slow"].id


async def test_clicking_a_column_header_sorts_by_it(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(RiskTable, offset=(9, 0))  # the "Risk" header (after the 7-cell Score column)
        await pilot.pause()
        assert table(app).sort_key == "title" and not table(app).sort_reverse
        assert titles(app) == ["[@click=app.quit]x[/] deadline [/", "Coupon abuse", "Old worry", "Partner late",
                               "Slow pages"]


async def test_palette_offers_export_import_and_settings(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles_ = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Export risks CSV", "Import risks CSV", "Risk settings", "Queue",
                "New", "Reviewed"} <= titles_


async def test_a_nudge_reads_back_only_the_changed_risk_and_moves_its_row(store, settings, register):
    """The screen reloads with ``store.risks.all(known=...)``: the other risks stay the same objects
    (their rows are not made again), the nudged one is read back, re-sorted, and the cursor follows it."""
    app = make_app(store, settings)
    rid = register["slow"].id
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, rid)
        before = {risk.id: risk for risk in app.screen.risks}
        assert titles(app)[-2:] == ["Slow pages", "[@click=app.quit]x[/] deadline [/"]
        await pilot.press("p", "p", "i")  # 2x2 -> 4x3 = 12: above "Partner late" (9), below "Coupon abuse" (20)
        await pilot.pause()
        after = {risk.id: risk for risk in app.screen.risks}
        assert [risk_id for risk_id in after if after[risk_id] is not before[risk_id]] == [rid]
        assert titles(app)[:4] == ["Old worry", "Coupon abuse", "Slow pages", "Partner late"]
        assert cell(app, register["slow"], "score").startswith("12")
        assert table(app).current_id == rid
        assert store.risks.get(rid).score == 12
        await pilot.press("slash", *"slow", "enter")
        await pilot.pause()
        assert titles(app) == ["Slow pages"]
