"""Pilot tests: the Risks screen's dialogs follow the one contract (confirm keys, forms that validate
as you type and keep what was typed when a save is refused) and its CSV files are slow work (a
worker with progress; a cancelled import writes nothing).  On a database file, as in real use: the
worker writes through its own connection while the screen reads through another."""

from datetime import timedelta

import pytest
from textual.widgets import Input, Static

from cockpit.db.store import Store
from cockpit.screens.risks.risk_form import RiskFormModal
from cockpit.screens.risks.settings_form import RiskSettingsModal
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.screens.shared.progress import Progress
from tests.helpers import TODAY, cockpit_app
from cockpit.widgets.risk_table import RiskTable

SIZE = (120, 40)


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'risks.db'}"


@pytest.fixture
def register(store, people):
    made = {
        "coupon": store.risks.create(title="Coupon abuse", probability=4, impact=5, owner_id=people["ann"].id),
        "slow": store.risks.create(title="Slow pages", probability=2, impact=2,
                                   next_review=TODAY + timedelta(days=10)),
    }
    store.forget_undo()
    return made


def make_app(store, settings):
    return cockpit_app(store, settings=settings, today=TODAY, start_mode="risks")


def titles(app) -> list[str]:
    table = app.screen.query_one(RiskTable)
    return [str(table.get_row_at(index)[1]) for index in range(table.row_count)]


def notices(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def select(pilot, app, risk_id: int) -> None:
    assert app.screen.query_one(RiskTable).move_to(risk_id)
    await pilot.pause()


# --- the one confirm dialog ------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["n", "escape", "enter"])
async def test_n_escape_and_enter_on_a_fresh_delete_dialog_keep_the_risk(store, settings, register, key):
    """The one intended change of behaviour: enter presses the highlighted button, which starts on
    Cancel (it confirmed in the Risks screen's own dialog before)."""
    app = make_app(store, settings)
    before = store.last_change_id()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, register["slow"].id)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and "Slow pages" in str(
            app.screen.query_one("#confirm-title", Static).render())
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)
        assert "Slow pages" in titles(app)
    assert store.last_change_id() == before
    assert store.risks.get(register["slow"].id).title == "Slow pages"


async def test_y_deletes_and_tab_enter_on_the_delete_button_deletes(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, register["slow"].id)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Slow pages" not in titles(app)
        assert [r.title for r in store.risks.all()] == ["Coupon abuse"]
        await select(pilot, app, register["coupon"].id)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")          # from Cancel back to Delete, then press it
        await pilot.pause()
        assert store.risks.all() == [] and titles(app) == []


# --- the risk form: validates as you type, a refused save keeps what was typed -----------------------

async def test_the_risk_form_marks_a_bad_date_as_you_type_and_clears_it_when_fixed(store, settings, register):
    app = make_app(store, settings)
    before = store.last_change_id()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, register["slow"].id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        review = form.query_one("#next_review", Input)
        review.focus()
        await pilot.press("end", "backspace", "backspace", "backspace", *"x")
        await pilot.pause()
        error = form.query_one("#error-next_review", Static)
        assert error.has_class("shown") and "not a date" in str(error.render())   # no save pressed
        assert review.has_class("-invalid") and app.focused is review
        await pilot.press("backspace", *"-30")
        await pilot.pause()
        assert not error.has_class("shown") and not review.has_class("-invalid")
        form.query_one("#item_id", Input).focus()
        await pilot.press(*"12a")
        await pilot.pause()
        assert "not a card number" in str(form.query_one("#error-item_id", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RiskFormModal)
    assert store.last_change_id() == before


async def test_a_stale_save_keeps_the_form_and_what_was_typed(store, settings, register):
    app = make_app(store, settings)
    risk = register["slow"]
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, risk.id)
        await pilot.press("e")
        await pilot.pause()
        other = Store(store.engine, actor="other window")          # another cockpit on the same file
        other.risks.update(risk.id, risk.version, title="Slow pages (theirs)")
        mark = store.last_change_id()
        form = app.screen
        form.query_one("#title", Input).focus()
        await pilot.press("end", *" on mobile")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form                                  # still open ...
        assert form.query_one("#title", Input).value == "Slow pages on mobile"   # ... with what was typed
        error = form.query_one("#error-form", Static)
        assert error.has_class("shown") and str(error.render()).strip()
        assert store.risks.get(risk.id).title == "Slow pages (theirs)"
        assert store.last_change_id() == mark                      # nothing written
        await pilot.press("escape")
        await pilot.pause()
        assert "Slow pages (theirs)" in titles(app)


# --- the settings form (on the shared form base) -----------------------------------------------------

async def test_the_settings_form_validates_as_you_type_and_saves(store, settings, register):
    app = make_app(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RiskSettingsModal)
        form.query_one("#high_max", Input).focus()
        await pilot.press("end", "backspace", "backspace")
        await pilot.pause()
        error = form.query_one("#form-error", Static)
        assert "High up to: give a whole number" in str(error.render())
        assert form.query_one("#high_max", Input).has_class("-invalid")
        await pilot.press(*"12")
        await pilot.pause()
        assert str(error.render()).strip() == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RiskSettingsModal)
        assert store.risks.settings().thresholds == (4, 9, 12)


# --- CSV files: slow work ----------------------------------------------------------------------------

async def test_export_and_import_from_the_screen(store, settings, register, tmp_path):
    app = make_app(store, settings)
    out = tmp_path / "register.csv"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert app.screen.query_one("#path", Input).value == str(tmp_path / f"risks-{TODAY}.csv")
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await app.screen.slow.finished.wait()
        assert app.screen.slow.outcome == "done"
        assert out.read_bytes().count(b"\r\n") == 3 and out.read_bytes().startswith(b"\xef\xbb\xbfid,")  # BOM: Excel
        await pilot.press("O")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await app.screen.slow.finished.wait()
        await pilot.pause()
        assert len(store.risks.all()) == 4 and len(titles(app)) == 4
        assert any("Imported 2 risks" in n for n in notices(app))
        await pilot.press("u")
        await pilot.pause()
        assert len(store.risks.all()) == 2 and len(titles(app)) == 2


async def test_an_import_cancelled_midway_writes_nothing(store, settings, register, tmp_path, monkeypatch):
    source = tmp_path / "many.csv"
    source.write_text("title,probability,impact\r\n" + "".join(f"Risk {n},2,3\r\n" for n in range(250)))
    seen: list[tuple[int, int | None]] = []
    update = Progress.update

    def cancel_at_row_100(self, done, total=None, text=""):  # noqa: ANN001, ANN202
        seen.append((done, total))
        if done == 100 and total == 250:
            self.cancel()                     # as the dialog's Cancel does, mid-transaction
        return update(self, done, total, text)

    monkeypatch.setattr(Progress, "update", cancel_at_row_100)
    app = make_app(store, settings)
    before = store.last_change_id()
    async with app.run_test(size=SIZE) as pilot:
        run = app.screen.import_file(source)
        await run.finished.wait()
        await pilot.pause()
        assert run.outcome == "cancelled" and run.progress.cancelled
        assert (100, 250) in seen and (200, 250) not in seen   # stopped inside the store's transaction
        assert any("cancelled, nothing was changed" in n for n in notices(app))
        assert sorted(titles(app)) == ["Coupon abuse", "Slow pages"]
    assert store.last_change_id() == before
    assert sorted(r.title for r in store.risks.all()) == ["Coupon abuse", "Slow pages"]


async def test_an_import_with_bad_rows_names_them_and_writes_nothing(store, settings, register, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text("title,probability,impact\r\nGood,2,3\r\nBad,9,3\r\n")
    app = make_app(store, settings)
    before = store.last_change_id()
    async with app.run_test(size=SIZE) as pilot:
        run = app.screen.import_file(source)
        await run.finished.wait()
        await pilot.pause()
        assert any(n.startswith("Nothing imported: 1 error:") and "probability" in n for n in notices(app))
    assert store.last_change_id() == before and len(store.risks.all()) == 2
