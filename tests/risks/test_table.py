"""The line-API risk table: it draws cells exactly as DataTable did, and only the rows on screen."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.renderables.styled import Styled
from textual.strip import Strip
from textual.widgets import Static

from cockpit.db.models_risks import RiskCreate
from cockpit.screens.risks.risk_form import RiskFormModal
from tests.helpers import TODAY, cockpit_app
from cockpit.widgets.risk_detail import RiskDetail
from cockpit.widgets.risk_table import RiskTable
from cockpit.widgets.risk_cells import BAND_STYLE, REVIEW_STYLE, STATUS_STYLE, cell_parts, styled

CONSOLE = Console(width=200, color_system="truecolor")
STYLES = sorted({"", *BAND_STYLE.values(), *REVIEW_STYLE.values(), *STATUS_STYLE.values()})
WORDS = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), whitelist_characters="\t\n "),
                max_size=40)


def datatable_cell(text: Text, width: int, pre: Style, post: Style) -> Strip:
    """How DataTable 8.2 renders one cell of a one-line row (textual/widgets/_data_table.py)."""
    options = CONSOLE.options.update_dimensions(width, 1).update(no_wrap=True)
    lines = CONSOLE.render_lines(Styled(Padding(text, (0, 1)), pre_style=pre, post_style=post), options)
    return Strip(lines[0]).simplify()


@st.composite
def cells(draw):  # noqa: ANN001, ANN201
    text = Text(style=draw(st.sampled_from(STYLES)), no_wrap=draw(st.booleans()),
                overflow=draw(st.sampled_from([None, "ellipsis", "fold", "crop"])))
    for _ in range(draw(st.integers(1, 3))):
        text.append(draw(WORDS), style=draw(st.sampled_from(STYLES)))
    return text


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells(), st.integers(3, 40), st.booleans(), st.booleans())  # the narrowest column (P, I) is 1 + 2 wide
@example(Text("\n", style="bold magenta", no_wrap=True), 3, False, False)  # an empty first line: no piece drawn
def test_a_cell_is_drawn_as_datatable_draws_it(text, width, cursor, meta):
    pre = Style(color="#e0e0e0", bgcolor="#1e1e1e")
    if meta:
        pre += Style.from_meta({"column": 3})
    if cursor:
        pre += Style(color="#ffffff", bgcolor="#0178d4", bold=True)
    post = Style.from_color(color=pre.color) if cursor else Style.null()
    assert Strip(styled(cell_parts(CONSOLE, text, width), pre, post)).simplify() == datatable_cell(text, width, pre, post)


# --- the table on the Risks screen ----------------------------------------------------------------

MANY = 300


@pytest.fixture
def many(store, people):
    """MANY risks (every tenth owned by ann, titled "Risk 0" … "Risk 299")."""
    rows = [RiskCreate(title=f"Risk {n}", probability=1 + n % 5, impact=1 + (n // 5) % 5,
                       owner_id=people["ann"].id if n % 10 == 0 else None) for n in range(MANY)]
    store.risks.import_many(rows)
    store.forget_undo()
    return store.risks.all()


def table(app) -> RiskTable:
    return app.screen.query_one(RiskTable)


def line_text(app, risk_id: int) -> str:
    """What the table draws on screen for a risk (its line, as painted)."""
    t = table(app)
    y = t._index[risk_id] - int(t.scroll_y) + 1
    assert 1 <= y < t.size.height, "the risk is not on screen"
    return t.render_line(y).text


async def test_the_table_draws_only_the_rows_on_screen(store, settings, many):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="risks")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        t = table(app)
        height = t.size.height
        assert t.row_count == MANY and 0 < t.rows_drawn <= 2 * height  # not MANY rows
        drawn = t.rows_drawn
        await pilot.press("end")
        await pilot.pause()
        last = t.sorted_rows()[-1]
        assert t.current_id == last.id and t.scroll_y > 0
        assert f"Risk #{last.id}" in str(app.screen.query_one(RiskDetail).border_title)
        assert last.title in line_text(app, last.id)
        assert t.rows_drawn - drawn <= 2 * height  # one more screenful
        await pilot.press("home", "down", "down")
        await pilot.pause()
        assert t.current_id == t.sorted_rows()[2].id and t.scroll_y == 0


async def test_typing_a_filter_asks_the_store_nothing_and_draws_a_screenful(store, settings, many, monkeypatch):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="risks")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reads = []
        real_all = store.risks.all
        monkeypatch.setattr(store.risks, "all", lambda *a, **k: reads.append(1) or real_all(*a, **k))
        t = table(app)
        drawn = t.rows_drawn
        await pilot.press("slash", *"risk 12", "enter")
        await pilot.pause()
        wanted = sorted(r.title for r in many if "12" in r.title)  # each word matches (and "risk" all)
        assert sorted(str(t.get_row_at(i)[1]) for i in range(t.row_count)) == wanted
        assert reads == []  # the filter chose among the risks in memory
        assert t.rows_drawn - drawn <= 3 * t.size.height  # a few screenfuls while typing, not MANY rows
        shown = app.screen.query_one("#risks-status", Static).content
        assert f"{len(wanted)} of {MANY} risks" in str(shown)
        assert "Risk 12" in line_text(app, t.current_id)
        await pilot.press("escape")
        await pilot.pause()
        assert t.row_count == MANY and reads == []
        assert [r.version for r in store.risks.all()] == [r.version for r in many]  # nothing was written


async def test_a_click_moves_the_cursor_and_a_second_click_opens_the_risk(store, settings, many):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="risks")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        t = table(app)
        third = t.sorted_rows()[2]
        await pilot.click(RiskTable, offset=(12, 3))  # line 0 is the header
        await pilot.pause()
        assert t.current_id == third.id
        assert f"Risk #{third.id}" in str(app.screen.query_one(RiskDetail).border_title)
        await pilot.click(RiskTable, offset=(12, 3))
        await pilot.pause()
        assert isinstance(app.screen, RiskFormModal) and app.screen.risk.id == third.id


async def test_the_cursor_row_and_zebra_stripes_are_drawn_in_their_styles(store, settings, many):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="risks")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        t = table(app)
        rows = t.sorted_rows()

        def background(index: int):  # noqa: ANN202
            return t.render_line(index + 1)._segments[0].style.bgcolor

        cursor, even, odd = background(0), background(2), background(3)
        assert len({cursor, even, odd}) == 3
        await pilot.press("down", "down")
        await pilot.pause()
        assert t.current_id == rows[2].id
        assert background(2) == cursor and background(0) == even  # the cursor moved, the stripe came back
