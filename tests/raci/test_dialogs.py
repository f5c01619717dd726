"""The RACI screen's dialogs on the shared contract: the one confirm's keys, forms that validate as you
type, and a refused save (a stale version) that keeps the form and what was typed."""

from textual.widgets import Input, Static

from cockpit.db.store import Store
from cockpit.screens.raci.activity_form import ActivityFormModal
from cockpit.screens.raci.role_form import RoleFormModal
from cockpit.screens.raci.screen import RaciScreen
from cockpit.screens.shared.confirm import ConfirmModal
from tests.helpers import TODAY, cockpit_app


def host(store, settings):  # noqa: ANN001
    return cockpit_app(store, settings=settings, today=TODAY, start_mode="raci")


def names(store) -> list[str]:  # noqa: ANN001
    return [a.name for a in store.raci.activities()]


async def test_delete_asks_with_the_shared_confirm_enter_n_and_escape_keep(store, settings):
    app = host(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in ("enter", "n", "escape"):  # enter on a fresh dialog presses the safe button: Keep
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            assert [str(b.label) for b in app.screen.query("Button")] == ["Delete (y)", "Keep (n)"]
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, RaciScreen) and "Requirement focus meeting" in names(store), key
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, RaciScreen) and "Requirement focus meeting" not in names(store)


async def test_role_form_validates_as_you_type(store, settings):
    app = host(store, settings)
    roles = len(store.workspace.roles())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("N")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RoleFormModal)
        await pilot.press(*"Data analyst")
        await pilot.pause()
        error = form.query_one("#form-error", Static)
        assert str(error.content).startswith("code:") and form.query_one("#code").has_class("-invalid")
        await pilot.press("tab", "D", "A")
        await pilot.pause()
        assert str(error.content) == "" and not form.query_one("#code").has_class("-invalid")
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert str(error.content).startswith("code:")
        assert len(store.workspace.roles()) == roles  # nothing is written while typing
        await pilot.press("D", "A", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RaciScreen)
        assert [(r.name, r.code) for r in store.workspace.roles()][-1] == ("Data analyst", "DA")


async def test_a_stale_edit_is_refused_and_the_form_keeps_what_was_typed(store, settings, engine, clock):
    first = store.raci.activities()[0]
    app = host(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActivityFormModal)
        other = Store(engine, actor="other window", clock=clock)  # a second window changes the row meanwhile
        other.raci.update_activity(first.id, first.version, name="Renamed elsewhere")
        await pilot.press("end", *" (typed)", "enter")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#name", Input).value == f"{first.name} (typed)"
        assert str(form.query_one("#form-error", Static).content)  # says why
        assert store.raci.activity(first.id).name == "Renamed elsewhere"  # nothing of ours was written
        assert f"{first.name} (typed)" not in names(store)
