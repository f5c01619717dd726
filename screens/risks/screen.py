"""The Risks screen (key 3): the register sorted by score, a 5×5 heat map and the selected risk.

The screen composes the widgets, binds the keys and turns them into calls on its ``RisksController``
(the risks loaded, the filter, what is shown); every change goes through ``store.risks`` by
``self.write`` or a form's ``self.submitter`` (one transaction, logged, undoable with u).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any
from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from cockpit.logic.risk_scoring import BANDS, band_ranges
from cockpit.db.errors import StoreError
from cockpit.db.models_risks import RiskRead
from cockpit.screens.base import CockpitScreen, quotes_confidential
from cockpit.screens.risks.controller import RisksController
from cockpit.screens.risks.files import Imported, export_risks, failure_text, import_risks
from cockpit.screens.risks.risk_form import RiskFormModal
from cockpit.screens.risks.settings_form import RiskSettingsModal
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.screens.shared.kr_suggester import kr_choices
from cockpit.screens.shared.path_prompt import PathPrompt
from cockpit.screens.shared.progress import SlowWork, run_slow
from cockpit.screens.risks.help import HELP
from cockpit.widgets.filter_box import FilterBox
from cockpit.widgets.risk_detail import RiskDetail
from cockpit.widgets.risk_heatmap import RiskHeatMap
from cockpit.widgets.risk_table import RiskTable
from cockpit.logic.wording import plural

if TYPE_CHECKING:
    from cockpit.context import Workspace


SORT_CYCLE = ("score", "next_review", "title", "owner", "status", "category", "residual", "probability",
              "impact", "response", "item_id")


class RisksScreen(CockpitScreen):
    HELP = HELP
    DEFAULT_CSS = """
    RisksScreen #risks-body { height: 1fr; }
    RisksScreen #risks-left { width: 1fr; }
    RisksScreen #risks-right { width: 30; }
    RisksScreen #risks-status { height: 1; padding: 0 1; background: $panel; color: $text; }
    RisksScreen #risks-filter { height: 3; }
    RisksScreen #risks-legend { height: 1; padding: 0 1; color: $text-muted; }
    RisksScreen.-wide #risks-right { width: 45; }
    """
    WRITES = frozenset({"new", "edit", "nudge", "reviewed", "to_card", "delete", "import_csv", "settings"})
    BINDINGS = [
        Binding("n", "new", "New", id="risks.new", tooltip="Add a risk"),
        Binding("e", "edit", "Edit", id="risks.edit", tooltip="Edit the selected risk (also enter)"),
        Binding("p", "nudge('probability', 1)", "P+", id="risks.probability_up",
                tooltip="Raise the probability of the selected risk"),
        Binding("P", "nudge('probability', -1)", "P-", show=False, id="risks.probability_down",
                tooltip="Lower the probability of the selected risk"),
        Binding("i", "nudge('impact', 1)", "I+", id="risks.impact_up", tooltip="Raise the impact of the selected risk"),
        Binding("I", "nudge('impact', -1)", "I-", show=False, id="risks.impact_down",
                tooltip="Lower the impact of the selected risk"),
        Binding("r", "reviewed", "Reviewed", id="risks.reviewed",
                tooltip="Mark the selected risk reviewed: its next review moves on by the review interval"),
        Binding("c", "to_card", "Card", id="risks.to_card",
                tooltip="Turn the occurred risk into a blocked card on the board, linked to it"),
        Binding("v", "queue", "Queue", id="risks.queue",
                tooltip="Show only risks whose review is overdue or due within two days (again: all)"),
        Binding("slash", "filter", "Filter", id="risks.filter", tooltip="Filter by text, @owner, status: or cat:"),
        Binding("escape", "clear", "Clear filter", show=False, id="risks.clear",
                tooltip="Clear the text filter, the heat map cell and the review queue"),
        Binding("t", "heat_mode", "Heat map", id="risks.heat_mode",
                tooltip="Switch the heat map between inherent and residual scores"),
        Binding("s", "sort", "Sort", show=False, id="risks.sort", tooltip="Sort by the next column"),
        Binding("S", "reverse", "Reverse sort", show=False, id="risks.reverse", tooltip="Reverse the sort order"),
        Binding("x", "delete", "Delete", show=False, id="risks.delete", tooltip="Delete the selected risk (asks first)"),
        Binding("E", "export_csv", "Export risks CSV", show=False, id="risks.export",
                tooltip="Write the risk register to a CSV file"),
        Binding("O", "import_csv", "Import risks CSV", show=False, id="risks.import",
                tooltip="Add risks from a CSV file (all rows or none)"),
        Binding("T", "settings", "Risk settings", show=False, id="risks.settings",
                tooltip="Severity thresholds and the review interval"),
    ]

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = RisksController(workspace.store)
        self._texts: dict[str, str] = {}
        self._keys_state: tuple = ()
        self._detail_shown: tuple = ()
        #: The last export or import started (tests wait for it to finish).
        self.slow: SlowWork[Any] | None = None

    # --- layout --------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="risks-body"):
            with Vertical(id="risks-left"):
                yield Static("", id="risks-status", markup=False)
                yield FilterBox(placeholder="filter: words, @owner, status:open, cat:vendor — enter to keep, "
                                            "escape to clear", id="risks-filter")
                yield RiskTable(id="risks-table")
            with Vertical(id="risks-right"):
                yield RiskHeatMap(id="risks-heatmap")
                yield Static("", id="risks-legend")
                yield RiskDetail(id="risks-detail")

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one(RiskTable).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 140, "-wide")

    # --- data ----------------------------------------------------------------------------------

    @property
    def risks(self) -> list[RiskRead]:
        return self.controller.risks

    def refresh_data(self) -> None:
        try:
            self.controller.load()
        except StoreError as error:
            self.report(error)
            return
        self._show()

    def presentation_changed(self, presenting: bool) -> None:
        self.refresh_data()
        form = self.app.screen
        if presenting and isinstance(form, RiskFormModal) and form.risk is not None and form.risk.confidential:
            form.dismiss(None)  # f5 with a confidential risk open: its words must leave the screen
            self.hidden_while_presenting(f"Risk #{form.risk.id} is confidential: its form was closed without saving.")

    def _shown(self, risk: RiskRead) -> RiskRead:
        """The risk as it may be drawn now: a confidential one has its words masked while presenting."""
        return self.controller.shown(risk, self.presenting)

    def visible(self) -> list[RiskRead]:
        return self.controller.visible(self.today, self.presenting)

    def _show(self) -> None:
        if not self.is_mounted:
            return
        view = self.controller
        shown = self.visible()
        self.query_one(RiskTable).show(view.table_rows(shown, self.today, self.presenting))
        self.query_one(RiskHeatMap).show(view.heat_counts(), view.bands(), view.heat_mode, view.filter.cell)
        ranges = band_ranges(view.thresholds)
        self._update_text("#risks-legend", " ".join(f"{name[:1].upper()} {ranges[name]}" for name in BANDS))
        self._update_status(len(shown))
        self._show_detail()
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Grey out keys that cannot apply, redrawing the footer only when that changed."""
        state = tuple(self.check_action(action, parameters) for action, parameters in (
            ("edit", ()), ("to_card", ()), ("nudge", ("probability", 1)), ("nudge", ("probability", -1)),
            ("nudge", ("impact", 1)), ("nudge", ("impact", -1))))
        if state != self._keys_state:
            self._keys_state = state
            self.refresh_bindings()

    def _update_status(self, shown: int) -> None:
        self._update_text("#risks-status", self.controller.status(shown, self.today))

    def _update_text(self, selector: str, text: str) -> None:
        """Update a one-line label only when it changed, without laying the screen out again (its
        height is fixed at one line; a layout costs tens of ms at 1,000 risks)."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text, layout=False)

    def selected(self) -> RiskRead | None:
        return self.controller.get(self.query_one(RiskTable).current_id)

    def _show_detail(self) -> None:
        risk = self.selected()
        detail = self.query_one(RiskDetail)
        if risk is None:
            detail.show(None)
            self._detail_shown = ()
            return
        shown = self.controller.detail(risk, self.today, self.presenting)
        if shown != self._detail_shown:  # the same risk as it was: nothing to redraw
            self._detail_shown = shown
            detail.show(shown[0], band=shown[1], residual_band=shown[2], review=shown[3], history=shown[4],
                        today=shown[5])

    @on(RiskTable.RowHighlighted, "#risks-table")
    def _highlighted(self) -> None:
        self._show_detail()
        self._refresh_keys()

    @on(RiskTable.RowSelected, "#risks-table")
    def _selected(self) -> None:
        if not self.refuses("edit"):
            self.action_edit()

    @on(RiskTable.SortChanged)
    def _sorted(self) -> None:
        self._update_status(self.query_one(RiskTable).row_count)

    # --- filtering -----------------------------------------------------------------------------

    def focus_risk(self, risk_id: int) -> None:
        """Put the cursor on a risk (the palette's risk provider); clears filters that hide it."""
        table = self.query_one(RiskTable)
        if not table.move_to(risk_id):
            self.controller.clear()
            box = self.query_one("#risks-filter", FilterBox)
            box.value = ""
            box.close()
            self._show()
            table.move_to(risk_id)
        table.focus()

    @on(RiskHeatMap.CellChosen)
    def _cell_chosen(self, event: RiskHeatMap.CellChosen) -> None:
        self.controller.choose_cell(event.cell)
        self._show()

    def action_queue(self) -> None:
        queue = self.controller.toggle_queue()
        table = self.query_one(RiskTable)
        table.sort_key, table.sort_reverse = ("next_review", False) if queue else ("score", True)
        self._show()

    def action_filter(self) -> None:
        box = self.query_one("#risks-filter", FilterBox)
        box.open()
        self.set_focus(box)  # now: a key typed right after "/" must reach the filter

    @on(Input.Changed, "#risks-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.controller.filter_text(event.value)
        self._show()

    @on(Input.Submitted, "#risks-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#risks-filter", FilterBox).close()
        self.query_one(RiskTable).focus()

    def action_clear(self) -> None:
        box = self.query_one("#risks-filter", FilterBox)
        box.value = ""
        box.close()
        table = self.query_one(RiskTable)
        if self.controller.clear():  # the queue sorted by review date; back to the register's order
            table.sort_key, table.sort_reverse = "score", True
        self._show()
        table.focus()

    def action_heat_mode(self) -> None:
        self.controller.toggle_heat_mode()
        self._show()

    # --- key availability ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.writes_refused(action):
            return False
        if action in ("edit", "reviewed", "delete", "nudge", "to_card"):
            risk = self.selected() if self.is_mounted else None
            if risk is None:
                return None
            if action == "to_card":
                return True if risk.status == "occurred" and risk.item_id is None else None
            if action == "nudge":
                field, step = parameters
                value = getattr(risk, str(field))
                return True if isinstance(value, int) and isinstance(step, int) and 1 <= value + step <= 5 else None
        return True

    # --- actions -------------------------------------------------------------------------------

    def action_new(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        risk = self.selected()
        if risk is None:
            return
        if risk.confidential and self.presenting:
            self.hidden_while_presenting(f"Risk #{risk.id} is confidential: leave presentation mode (f5) to open it.")
            return
        self._open_form(risk)

    def _open_form(self, risk: RiskRead | None) -> None:
        def save(data: dict[str, Any]) -> RiskRead:
            if risk is None:
                return self.store.risks.create(**data)
            return self.store.risks.update(risk.id, risk.version, **data)

        def done(saved: RiskRead | None) -> None:
            if saved is not None:
                self.notify(f"Saved risk: {self._shown(saved).title}", markup=False)
                self.query_one(RiskTable).move_to(saved.id)

        review = self.today + timedelta(days=self.controller.settings.review_days)
        self.app.push_screen(RiskFormModal(self.submitter(save), risk=risk, people=self.controller.people(),
                                           categories=self.controller.categories(), default_review=review,
                                           krs=kr_choices(self.store, self.presenting)), done)

    def action_nudge(self, field: str, step: int) -> None:
        risk = self.selected()
        if risk is not None:
            self.write(self.store.risks.nudge, risk.id, risk.version, field, step)

    def action_reviewed(self) -> None:
        risk = self.selected()
        if risk is not None:
            saved = self.write(self.store.risks.mark_reviewed, risk.id, risk.version, self.today)
            if saved is not None and saved.next_review is not None:
                self.notify(f"Reviewed; next review {saved.next_review.isoformat()}", markup=False)

    def action_to_card(self) -> None:
        risk = self.selected()
        if risk is not None:
            saved = self.write(self.store.risks.to_board_item, risk.id, risk.version)
            if saved is not None:
                self.notify(f"Blocked card #{saved.item_id} added to the board", markup=False)

    def action_delete(self) -> None:
        risk = self.selected()
        if risk is None:
            return
        title = self._shown(risk).title

        def delete() -> bool:
            self.store.risks.delete(risk.id, risk.version)
            return True

        def answer(yes: bool | None) -> None:
            if yes and self.write(delete):
                self.notify(f"Deleted risk: {title}", markup=False)

        dialog = ConfirmModal(f"Delete the risk “{title}”?", "u undoes it.", yes="Delete", danger=True)
        self.app.push_screen(quotes_confidential(dialog, f"Risk #{risk.id}", risk.confidential), answer)

    def action_sort(self) -> None:
        table = self.query_one(RiskTable)
        index = SORT_CYCLE.index(table.sort_key) if table.sort_key in SORT_CYCLE else -1
        table.sort_by(SORT_CYCLE[(index + 1) % len(SORT_CYCLE)])

    def action_reverse(self) -> None:
        table = self.query_one(RiskTable)
        table.sort_by(table.sort_key, not table.sort_reverse)

    def action_settings(self) -> None:
        current = self.controller.settings

        def save(values: dict[str, Any]) -> object:
            return self.store.risks.update_settings(current.version, **values)

        def done(saved: dict[str, Any] | None) -> None:
            if saved is not None:
                self.notify("Risk settings saved", markup=False)

        self.app.push_screen(RiskSettingsModal(current, self.submitter(save)), done)

    # --- files (slow work: a worker with progress and cancel) ----------------------------------

    def action_export_csv(self) -> None:
        default = self.workspace.files / f"risks-{self.today.isoformat()}.csv"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            self.slow = run_slow(
                self, lambda progress: export_risks(self.store, path, progress), title="Export risks to CSV",
                done=lambda count: self.notify(f"Exported {plural(count, 'risk')} to {path}", markup=False),
                failed=lambda error: self.notify(failure_text(error, path), title="Not exported",
                                                 severity="error", markup=False))

        self.app.push_screen(PathPrompt("Export the risk register to CSV", str(default)), chosen)

    def action_import_csv(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.import_file(path)

        self.app.push_screen(PathPrompt("Import risks from CSV (all rows or none)", f"{self.workspace.files}/",
                                        must_exist=True), chosen)

    def import_file(self, path: Path) -> SlowWork[Imported]:
        """Import ``path`` in a worker: every row or none; refused rows are named, nothing is written."""
        def done(imported: Imported) -> None:
            if imported.errors:
                self.notify(imported.error_text(), title=f"Nothing imported: {plural(len(imported.errors), 'error')}",
                            severity="error", timeout=20, markup=False)
                return
            self.notify(f"Imported {plural(len(imported.ids), 'risk')} from {path.name} (u undoes it)", markup=False)
            self.refresh_data()

        def failed(error: Exception) -> None:
            self.notify(failure_text(error), title="Nothing imported", severity="error", markup=False)
            self.refresh_data()

        run = self.slow = run_slow(self, lambda progress: import_risks(self.store, path, progress),
                                   title="Import risks from CSV", done=done, failed=failed)
        return run
