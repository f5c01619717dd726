"""Pilot tests: the Goals screen's keys (N, n, c, enter, /, e), checked on the screen and in the
database; a card's KR field links it and the board and the OKR board show it."""

from datetime import timedelta

from textual.widgets import Input, Static

from cockpit.screens.board.card_form import CardFormModal
from cockpit.screens.goals.detail import KrDetailModal
from cockpit.screens.goals.forms import KrFormModal, ObjectiveFormModal
from cockpit.screens.goals.screen import GoalsScreen
from cockpit.widgets.okr_table import OkrTable
from tests.helpers import TODAY, board_text, cockpit_app, on_screen, until

SIZE = (120, 40)


def make_app(store, settings):
    return cockpit_app(store, settings=settings, today=TODAY, start_mode="goals")


def rows(app) -> list[list[str]]:
    table = app.screen.query_one(OkrTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def row_of(app, code: str) -> list[str]:
    return next(row for row in rows(app) if row[0] == code)


async def type_into(pilot, field: str, text: str) -> None:
    """Focus a field of the dialog shown, clear it and type ``text`` with real keys."""
    widget = pilot.app.screen.query_one(f"#{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.pause()
    await pilot.press(*text)


async def test_objective_and_kr_added_by_keys(store, settings, people):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert "No objectives yet" in str(app.screen.query_one("#goals-status", Static).content)
        await pilot.press("N")
        await until(pilot, lambda: isinstance(app.screen, ObjectiveFormModal), "the objective form")
        await pilot.press(*"Grow [b]repeat[/b] buyers")  # markup characters are text
        await type_into(pilot, "end", "+30d")
        parsed = str(app.screen.query_one("#end-parsed", Static).content)
        assert parsed == f"→ {TODAY + timedelta(days=30):%a %d %b %Y} (in 30 days)"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, GoalsScreen), "the form to close")
        [objective] = store.goals.objectives()
        assert objective.title == "Grow [b]repeat[/b] buyers" and objective.period_end == TODAY + timedelta(days=30)
        assert rows(app)[0][:2] == ["O1", "Grow [b]repeat[/b] buyers"]

        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, KrFormModal), "the KR form")
        assert app.screen.query_one("#code", Input).value == "O1-KR1"  # offered, as the store would choose
        await pilot.press(*"Repeat rate to 30%")
        await type_into(pilot, "metric", "repeat buyers")
        await type_into(pilot, "unit", "%")
        await type_into(pilot, "baseline", "20")
        await type_into(pilot, "target", "30x")
        assert "Target: '30x' is not a number" in str(app.screen.query_one("#form-error", Static).content)
        await pilot.press("backspace", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, GoalsScreen), "the form to close")
        [kr] = store.goals.key_results()
        assert (kr.code, kr.title, kr.baseline, kr.target, kr.objective_id) == ("O1-KR1", "Repeat rate to 30%", 20, 30,
                                                                                objective.id)
        row = row_of(app, "O1-KR1")
        assert row[1].startswith("Repeat rate to 30%\nrepeat buyers (%)") and row[4] == "30%\nfrom 20%"
        assert row[5] == "no data" and row[6] == "no data"
        assert app.screen.query_one(OkrTable).current.kr_id == kr.id  # the cursor is on the new KR
        await pilot.press("u")  # undo takes the KR away again
        await until(pilot, lambda: len(rows(app)) == 1, "the KR to be undone")
        assert store.goals.key_results() == []


async def test_a_card_linked_in_its_form_counts_on_the_okr_board(store, settings, okrs):
    stages = {stage.name: stage for stage in store.workspace.stages()}
    card = store.items.create(title="One-page checkout", stage_id=stages["Pending development"].id)
    done = store.items.create(title="Apple Pay", stage_id=stages["Released"].id, kr_id=okrs["conversion"].id)
    other = store.items.create(title="Office move", stage_id=stages["Pending test"].id)
    store.forget_undo()
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert row_of(app, "O1-KR1")[3] == "1 done\n0 doing"
        await pilot.press("1")
        await until(pilot, on_screen(app, "BoardScreen"), "the board")
        await pilot.pause()
        await pilot.press("l")  # Pending development
        await until(pilot, lambda: getattr(app.screen.query_one("BoardView").cursor_card, "id", None) == card.id,
                    "the cursor on the card")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, CardFormModal), "the card form")
        await type_into(pilot, "kr", "one-page")
        assert str(app.screen.query_one("#kr-parsed", Static).content).startswith("? no key result matches")
        await type_into(pilot, "kr", "conversion")  # words of its title name it
        assert str(app.screen.query_one("#kr-parsed", Static).content) == "→ O1-KR1 · Checkout conversion to 3%"
        await pilot.press("ctrl+s")
        await until(pilot, on_screen(app, "BoardScreen"), "the form to close")
        assert store.items.get(card.id).kr_id == okrs["conversion"].id
        await until(pilot, lambda: any("O1-KR1" in line for line in board_text(app)), "the tag on the card")
        await pilot.press("slash", *"kr:o1-kr1")
        await until(pilot, lambda: app.screen.model.filter_text == "kr:o1-kr1", "the filter")
        shown = {c.id for column in app.screen.model.cards() for c in column}
        assert shown == {card.id, done.id} and other.id not in shown
        await pilot.press("escape")
        await pilot.press("7")
        await until(pilot, lambda: isinstance(app.screen, GoalsScreen), "the Goals screen")
        await until(pilot, lambda: row_of(app, "O1-KR1")[3] == "1 done\n1 doing", "the counts to change")


async def test_enter_opens_the_kr_detail_and_the_filter_narrows(store, settings, okrs):
    stages = {stage.name: stage for stage in store.workspace.stages()}
    store.items.create(title="Pricing page copy", stage_id=stages["Pending test"].id, kr_id=okrs["conversion"].id)
    conversion = okrs["conversion"]
    store.goals.update_kr(conversion.id, conversion.version, monthly_targets={"2026-10": 2.0, "2026-11": 2.5})
    store.goals.check_in(conversion.id, TODAY - timedelta(days=33), 1.9)  # 20 October
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, KrDetailModal), "the KR detail")
        detail = app.screen.detail
        assert detail.code == "O1-KR1"
        assert detail.checkins[0] == ("Sat 21 Nov 2026", "2.6%", "") and len(detail.checkins) == 7
        assert detail.monthly == [("2026-10", "2%", "1.9%", "✗ below"),  # an earlier month's target too
                                  ("2026-11", "2.5%", "2.32%", "✗ below")]  # the mean of the six in November
        assert detail.cards == [(detail.cards[0][0], "Pricing page copy", "Pending test")]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, GoalsScreen), "the board again")

        await pilot.press("slash", *"@ben")
        await until(pilot, lambda: [r[0] for r in rows(app)] == ["O1", "O1-KR2"], "the owner filter")
        assert "1 of 2 key results" in str(app.screen.query_one("#goals-status", Static).content)
        app.screen.query_one("#goals-filter", Input).value = ""
        await pilot.press(*"mod:pay")
        await until(pilot, lambda: [r[0] for r in rows(app)] == ["O1", "O1-KR1"], "the module filter")
        await pilot.press("escape")
        await until(pilot, lambda: len(rows(app)) == 3, "every KR again")


async def test_help_says_enter_opens_the_detail_and_the_palette_has_goals(store, settings, okrs):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="board")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Goals" in {command.title for command in app.get_system_commands(app.screen)}  # the palette
        assert "Goals: Check in" in {command.title for command in app.get_system_commands(app.screen)}
        await pilot.press("7")
        await until(pilot, lambda: isinstance(app.screen, GoalsScreen), "key 7 to open Goals")
        await pilot.press("f1")
        await until(pilot, lambda: app.screen.query("Markdown"), "the help")
        help_text = app.screen.query_one("Markdown").source
        assert "`enter` opens the selected KR's **detail** here" in help_text
        assert "`c` checks in the selected KR in a bar under the board" in help_text
        assert "`tab` saves and goes on to the next KR" in help_text
        for description in ("Check in", "New KR", "New objective", "Edit", "Detail", "Filter"):
            assert f"| {description} |" in help_text, description


async def test_a_risk_names_the_kr_at_stake(store, settings, okrs):
    from cockpit.screens.risks.risk_form import RiskFormModal

    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="risks")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, RiskFormModal), "the risk form")
        await pilot.press(*"Payment provider outage")
        await type_into(pilot, "kr_id", "checkout")  # two KRs say "checkout": refused, naming both
        assert "matches 2 key results (O1-KR1, O1-KR2)" in str(app.screen.query_one("#error-kr_id", Static).content)
        await type_into(pilot, "kr_id", "o1-k")
        await pilot.press("ctrl+s")  # still two: nothing saved
        assert isinstance(app.screen, RiskFormModal) and store.risks.all() == []
        await pilot.press("r", "2")  # o1-kr2
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, RiskFormModal), "the form to close")
        [risk] = store.risks.all()
        assert risk.kr_id == okrs["speed"].id


async def test_t_shows_each_teams_delivered_cards_and_the_share_serving_each_objective(store, settings, okrs, clock):
    """Team investment (issue 17, point 4) on the Goals screen: per team, the cards delivered in the
    period and the share serving the objective; `w` changes the period."""
    clock.advance(days=-25)
    team = {handle: store.workspace.add_person(name, handle, team=unit)
            for name, handle, unit in (("Cho Park", "cho", "Data"), ("Dee Moss", "dee", "Web"))}
    stages = {stage.category: stage.id for stage in store.workspace.stages()}

    def deliver(title, owner, kr=None):
        card = store.items.create(title=title, stage_id=stages["in_progress"], owner_id=team[owner].id, kr_id=kr)
        store.items.move(card.id, card.version, stages["done"])

    clock.advance(days=5)
    deliver("Old cleanup", "cho")  # three weeks ago: in the last 4 weeks, not in the last 2
    clock.advance(days=20)
    deliver("One-page checkout", "dee", okrs["conversion"].id)
    deliver("Faster builds", "cho")
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await until(pilot, lambda: app.screen.query("#investment-table"), "the team investment")

        def table() -> list[list[str]]:
            grid = app.screen.query_one("#investment-table")
            return [[str(cell) for cell in grid.get_row_at(index)] for index in range(grid.row_count)]

        assert [str(column.label) for column in app.screen.query_one("#investment-table").columns.values()] == [
            "Team", "Delivered", "O1", "Serving an OKR"]
        assert table() == [["Data", "2", "0%", "0%"], ["Web", "1", "100%", "100%"]]
        overall = str(app.screen.query_one("#investment-overall", Static).content)
        assert overall == "3 cards delivered, 33% of them serving an OKR"
        await pilot.press("w")
        await until(pilot, lambda: table() == [["Data", "1", "0%", "0%"], ["Web", "1", "100%", "100%"]],
                    "the last two weeks")
        assert "(2 weeks)" in str(app.screen.query_one("#investment-heading", Static).content)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, GoalsScreen), "the board again")
