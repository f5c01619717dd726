"""The palette's "Daily report" / "Weekly report": the report is written beside the minutes, shown in
a preview (as text: user text stays data) with its path, and the preview closes with escape."""

import pytest
from textual.widgets import Static, TextArea

from cockpit.screens.shared.report_preview import ReportPreview
from cockpit.services.files import WorkspaceFiles
from cockpit.services.reports import report_path
from tests.helpers import cockpit_app, search_palette, until
from tests.reports.fixture_history import REPORT_DAY, build
from tests.reports.test_reports import GOLDEN


@pytest.mark.parametrize("kind", ["daily", "weekly"])
async def test_palette_writes_the_report_and_shows_it(store, settings, monkeypatch, kind) -> None:  # noqa: ANN001
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    build(store)
    title = "Daily report" if kind == "daily" else "Weekly report"
    expected = (GOLDEN / f"{kind}.md").read_text(encoding="utf-8")
    path = report_path(store, kind, REPORT_DAY, store.workspace.project().id)
    app = cockpit_app(store, settings=settings, today=REPORT_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.started and app.workspace is not None, "the workspace")
        await pilot.press("ctrl+p")
        await search_palette(pilot, title)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReportPreview), "the report's preview")
        preview = app.screen
        assert preview.query_one(TextArea).text == expected
        assert str(preview.query_one("#report-path", Static).content) == f"Written to {path}"
        assert path.read_text(encoding="utf-8") == expected and path.parent == WorkspaceFiles.of(store).minutes
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ReportPreview), "the preview to close")


async def test_while_presenting_the_preview_hides_confidential_titles_and_the_folder(store, settings,
                                                                                   monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    ids = build(store)
    card = store.items.get(ids["Coupon API"])
    store.items.update(card.id, card.version, confidential=True)
    path = report_path(store, "daily", REPORT_DAY, store.workspace.project().id)
    app = cockpit_app(store, settings=settings, today=REPORT_DAY, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.started and app.workspace is not None, "the workspace")
        await pilot.press("ctrl+p")
        await search_palette(pilot, "Daily report")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReportPreview), "the report's preview")
        shown = app.screen.query_one(TextArea).text
        assert "Coupon API" not in shown and "Checkout redesign" in shown
        assert str(app.screen.query_one("#report-path", Static).content) == f"Written to minutes/{path.name}"  # no folder above the workspace
    assert "Coupon API" in path.read_text(encoding="utf-8")  # the file is the PM's: everything is in it
