"""RACI activities, meetings, calendar events and key dates, risks and risk settings belong to a
project: new ones are stamped with the window's project, and every list shows only that project's."""

from datetime import timedelta

from tests.helpers import TODAY, on_screen, until


def test_raci_tables_are_per_project(store, two_projects):
    first, other, _current = two_projects
    mine = {a.name for a in store.raci.activities()}
    assert mine and all(a.project_id == first.id for a in store.raci.activities())
    store.project_id = other.id
    theirs = store.raci.activities()
    assert {a.name for a in theirs} == mine  # a new project starts from the standard table, its own rows
    assert {a.project_id for a in theirs} == {other.id}
    gate = next(a for a in theirs if a.stage_id is not None)
    assert gate.stage_id in {s.id for s in store.workspace.stages(other.id)}  # gates guard its own stages
    added = store.raci.add_activity("Partner sign-off", phase="Checkout only")
    assert added.project_id == other.id
    assert "Partner sign-off" in {a.name for a in store.raci.table().activities}
    store.raci.set_letter(added.id, store.raci.table().roles[0].id, "A", version=None)
    store.project_id = first.id
    table = store.raci.table()
    assert "Partner sign-off" not in {a.name for a in table.activities}
    assert added.id not in {cell.activity_id for cell in table.assignments}
    store.raci.add_activity("Partner sign-off", phase="Elsewhere")  # names are unique per project only


def test_meetings_are_per_project(store, two_projects):
    first, other, _current = two_projects
    mine = store.meetings.start(kind="stand-up", title="Our stand-up", attendee_ids=[])
    store.meetings.end(mine.id, store.meetings.get(mine.id).version)
    store.project_id = other.id
    assert store.meetings.all() == [] and store.meetings.last() is None
    theirs = store.meetings.start(kind="stand-up", title="Checkout stand-up", attendee_ids=[])
    assert theirs.project_id == other.id
    action = store.meetings.add_action(theirs.id, "Ask the bank", make_card=True)
    assert store.items.get(action.item_id).project_id == other.id  # its card lands on Checkout's board
    assert [m.title for m in store.meetings.all()] == ["Checkout stand-up"]
    store.project_id = first.id
    assert [m.title for m in store.meetings.all()] == ["Our stand-up"]


def test_calendar_events_and_key_dates_are_per_project(store, two_projects):
    first, other, _current = two_projects
    store.calendar.create_event(title="Our review", start_day=TODAY)
    template = store.calendar.ensure_default_template()
    store.project_id = other.id
    assert store.calendar.events() == []
    assert store.calendar.key_dates() == []  # the first project's iterations are not Checkout's
    event = store.calendar.create_event(title="Checkout demo", start_day=TODAY, rrule="FREQ=WEEKLY")
    assert event.project_id == other.id
    store.calendar.new_iteration("C1", TODAY, TODAY + timedelta(days=13), template_id=template.id)
    assert store.calendar.key_dates() and all(k.iteration_name == "C1" for k in store.calendar.key_dates())
    override = store.calendar.edit_occurrence(event.id, event.version, TODAY + timedelta(days=7), title="Moved demo")
    assert {e.title for e in store.calendar.events()} == {"Checkout demo", "Moved demo"}
    assert override.id in {e.id for e in store.calendar.events()}
    store.project_id = first.id
    assert [e.title for e in store.calendar.events()] == ["Our review"]
    assert all(k.iteration_name != "C1" for k in store.calendar.key_dates())


def test_risks_and_risk_settings_are_per_project(store, two_projects):
    first, other, _current = two_projects
    store.risks.create(title="Secret deal", probability=2, impact=2, confidential=True)
    store.risks.update_settings(0, review_days=10)
    store.project_id = other.id
    assert store.risks.all() == [] and store.risks.confidential_titles() == {}
    assert store.risks.settings().review_days != 10  # Checkout has its own settings (the defaults)
    store.risks.create(title="Bank API changes", probability=3, impact=3)
    store.risks.update_settings(0, review_days=30)
    assert [r.title for r in store.risks.all()] == ["Bank API changes"]
    store.project_id = first.id
    assert [r.title for r in store.risks.all()] == ["Vendor late", "Secret deal"]
    assert store.risks.settings().review_days == 10 and set(store.risks.confidential_titles().values()) == {"Secret deal"}


def test_the_standard_raci_table_is_seeded_once_per_project(store, two_projects):
    first, other, _current = two_projects
    count = len(store.raci.activities())
    assert store.raci.seed_defaults() == 0 and len(store.raci.activities()) == count
    loyalty = store.portfolio.add_project("Loyalty")
    store.project_id = loyalty.id
    assert len(store.raci.activities()) == count
    assert {a.project_id for a in store.raci.activities()} == {loyalty.id}
    store.undo()  # the project and its table were one change
    assert "Loyalty" not in {p.name for p in store.workspace.projects(include_closed=True)}


async def test_switching_project_with_ctrl_o_changes_the_risks_and_raci_screens(store, two_projects, make_app):
    first, other, _current = two_projects
    store.project_id = other.id
    store.risks.create(title="Bank API changes", probability=3, impact=3)
    store.raci.add_activity("Partner sign-off", phase="Checkout only")
    store.project_id = None
    store.forget_undo()
    app = make_app(store)

    def risk_titles() -> list[str]:
        return [r.title for r in app.screen.risks]

    def activity_names() -> set[str]:
        return {a.name for a in app.screen.controller.grid.table.activities}

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await until(pilot, on_screen(app, "RaciScreen"), "the RACI screen")
        await until(pilot, lambda: app.screen.controller.grid is not None, "the RACI table")
        assert "Partner sign-off" not in activity_names()
        await pilot.press("ctrl+o")
        await until(pilot, on_screen(app, "PortfolioScreen"), "the portfolio")
        await pilot.press("up", "enter")  # Checkout
        await until(pilot, on_screen(app, "RaciScreen"), "back on the RACI screen")
        await until(pilot, lambda: "Partner sign-off" in activity_names(), "Checkout's RACI table")
        assert "Partner sign-off" in app.screen.query_one("RaciTable").render_line(0).text + "".join(
            app.screen.query_one("RaciTable").render_line(y).text for y in range(1, 40))
        await pilot.press("3")
        await until(pilot, on_screen(app, "RisksScreen"), "the risks screen")
        await until(pilot, lambda: risk_titles() == ["Bank API changes"], "Checkout's risks")
        assert store.project_id == other.id
        await pilot.press("ctrl+o")
        await until(pilot, on_screen(app, "PortfolioScreen"), "the portfolio")
        await pilot.press("down", "enter")  # Test project
        await until(pilot, lambda: risk_titles() == ["Vendor late"], "the first project's risks")


def test_cards_agendas_and_the_risk_import_read_the_window_project_only(store, two_projects, tmp_path):
    from cockpit.services.meetings import agenda_for
    from screens.risks.files import import_risks

    first, other, _current = two_projects
    mine = {i.title for i in store.items.all()}
    assert "Card of Checkout" not in mine and "Current work" in mine
    checkout_card = next(i for i in store.items.board_rows() if i.title == "Card of Checkout")
    release_stage = store.workspace.stages(other.id)[3]  # Checkout's "awaiting release" stage
    store.items.move(checkout_card.id, checkout_card.version, release_stage.id)
    agenda = agenda_for("release-review", store, [], TODAY)
    assert all("Card of Checkout" not in entry.title for entry in agenda)
    store.project_id = other.id
    assert [i.title for i in store.items.all()] == ["Card of Checkout"]
    assert any("Card of Checkout" in entry.title for entry in agenda_for("release-review", store, [], TODAY))
    # a risk row linking a card of another project is refused, the row named; nothing written
    first_card = next(i for i in store.items.board_rows() if i.title == "Current work")
    path = tmp_path / "risks.csv"
    path.write_text(f"title,probability,impact,item_id\nBank late,3,3,{first_card.id}\n", encoding="utf-8")

    class Quiet:
        def update(self, *args: object) -> None:
            pass

    result = import_risks(store, path, Quiet())
    assert result.errors and store.risks.all() == []
