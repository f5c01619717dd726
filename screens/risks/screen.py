"""The Risks screen (key 3): the register sorted by score, a 5×5 heat map and the selected risk.

Every change goes through ``store.risks`` (one transaction, logged, undoable with u).
"""

from typing import TYPE_CHECKING
from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from cockpit.logic.risk_scoring import BANDS, RiskFilter, band, band_ranges, review_state
from db.errors import StoreError
from db.models_risks import RiskRead, RiskSettingsRead
from screens.base import CockpitScreen, quotes_confidential
from screens.risks.confirm import ConfirmModal
from screens.risks.filters import RiskFilterMixin
from screens.risks.risk_form import RiskFormModal
from screens.risks.files import RiskFilesMixin
from screens.risks.rows import RiskRows
from screens.risks.settings_form import RiskSettingsModal
from widgets.risk_detail import RiskDetail
from widgets.risk_heatmap import RiskHeatMap
from widgets.risk_table import RiskTable

if TYPE_CHECKING:
    from cockpit.context import Workspace

HELP = """\
The risk register: every risk with its owner, probability (P) and impact (I) from 1 to 5, score
P×I, severity band, status and next review.  The table is sorted by score; `s` cycles the sort
column, `S` reverses it, and clicking a column header sorts by it.  An overdue review is marked `!`
in red.  The heat map counts the risks that are not closed in each P×I cell; `t` switches it
between the inherent score and the residual score after treatment.  `tab` moves to the heat map:
choose a cell with the arrows and `enter` to show only its risks (again, or `escape`, shows all).

`/` filters as you type: words match the title, category, trigger, status and owner;
`@ann` an owner, `status:open`, `cat:vendor`, `response:mitigate`.  `v` shows the review queue
(reviews overdue or due within two days); `r` marks the selected risk reviewed, which moves its next
review on by the review interval.  `c` turns an occurred risk into a blocked card on the board,
linked to the risk.  The score history of the selected risk comes from the change log.

Severity thresholds and the review interval are settings of the project (`T`); by default low is
1–4, medium 5–9, high 10–16 and critical 20–25.  `E` exports the register to CSV and `O` imports
risks from CSV (all rows or none).  Every change can be undone with `u`.
"""

SORT_CYCLE = ("score", "next_review", "title", "owner", "status", "category", "residual", "probability",
              "impact", "response", "item_id")


class RisksScreen(RiskFilterMixin, RiskFilesMixin, CockpitScreen):
    HELP = HELP
    DEFAULT_CSS = """
    RisksScreen #risks-body { height: 1fr; }
    RisksScreen #risks-left { width: 1fr; }
    RisksScreen #risks-right { width: 30; }
    RisksScreen #risks-status { height: 1; padding: 0 1; background: $panel; color: $text; }
    RisksScreen #risks-filter { display: none; height: 3; }
    RisksScreen #risks-filter.shown { display: block; }
    RisksScreen #risks-legend { height: 1; padding: 0 1; color: $text-muted; }
    RisksScreen.-wide #risks-right { width: 45; }
    """
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
        self.rows = RiskRows()
        self._texts: dict[str, str] = {}
        self.settings = RiskSettingsRead()
        self.filter = RiskFilter()
        self.heat_mode = "inherent"

    # --- layout --------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="risks-body"):
            with Vertical(id="risks-left"):
                yield Static("", id="risks-status", markup=False)
                yield Input(placeholder="filter: words, @owner, status:open, cat:vendor — enter to keep, "
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
        return self.rows.risks

    def refresh_data(self) -> None:
        try:
            # Unchanged risks come back as the same objects: their rows are not made again.
            self.rows.load(self.store.risks.all(known=self.rows.risks))
            self.settings = self.store.risks.settings()
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

    def _thresholds(self) -> tuple[int, int, int]:
        return self.settings.thresholds

    def _shown(self, risk: RiskRead) -> RiskRead:
        """The risk as it may be drawn now: a confidential one has its words masked while presenting."""
        return self.rows.shown(risk, self.presenting)

    def visible(self) -> list[RiskRead]:
        return self.rows.visible(self.filter, self.today, self.presenting)

    def _show(self) -> None:
        if not self.is_mounted:
            return
        table = self.query_one(RiskTable)
        shown = self.visible()
        thresholds = self._thresholds()
        table.show(self.rows.rows(shown, thresholds, self.today, self.presenting))
        bands = {(p, i): band(p * i, thresholds) for p in range(1, 6) for i in range(1, 6)}
        self.query_one(RiskHeatMap).show(self.rows.heat_counts(self.heat_mode), bands, self.heat_mode,
                                         self.filter.cell)
        ranges = band_ranges(thresholds)
        self._update_text("#risks-legend", " ".join(f"{name[:1].upper()} {ranges[name]}" for name in BANDS))
        self._update_status(len(shown))
        self._show_detail()
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Grey out keys that cannot apply, redrawing the footer only when that changed."""
        state = tuple(self.check_action(action, parameters) for action, parameters in (
            ("edit", ()), ("to_card", ()), ("nudge", ("probability", 1)), ("nudge", ("probability", -1)),
            ("nudge", ("impact", 1)), ("nudge", ("impact", -1))))
        if state != getattr(self, "_keys_state", object()):
            self._keys_state = state
            self.refresh_bindings()

    def _update_status(self, shown: int) -> None:
        overdue, due = self.rows.review_counts(self.today)
        parts = [f"{shown} of {len(self.risks)} risks" if self.filter.active else f"{len(self.risks)} risks"]
        if overdue:
            parts.append(f"{overdue} overdue")
        if due:
            parts.append(f"{due} due soon")
        if self.filter.queue:
            parts.append("REVIEW QUEUE")
        if self.filter.cell is not None:
            p, i = self.filter.cell
            parts.append(f"cell P{p}×I{i} {self.filter.mode}")
        if self.filter.text.strip():
            parts.append(f"filter: {self.filter.text.strip()}")
        self._update_text("#risks-status", " · ".join(parts))

    def _update_text(self, selector: str, text: str) -> None:
        """Update a one-line label only when it changed, without laying the screen out again (its
        height is fixed at one line; a layout costs tens of ms at 1,000 risks)."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text, layout=False)

    def selected(self) -> RiskRead | None:
        risk_id = self.query_one(RiskTable).current_id
        return self.rows.by_id.get(risk_id) if risk_id is not None else None

    def _show_detail(self) -> None:
        risk = self.selected()
        detail = self.query_one(RiskDetail)
        if risk is None:
            detail.show(None)
            self._detail_shown: tuple = ()
            return
        thresholds = self._thresholds()
        try:
            history = self.rows.history(risk, self.store.risks.score_history)
        except StoreError:
            history = []
        shown = (self._shown(risk), band(risk.score, thresholds), band(risk.residual_score, thresholds),
                 review_state(risk, self.today), history, self.today)
        if shown != getattr(self, "_detail_shown", ()):  # the same risk as it was: nothing to redraw
            self._detail_shown = shown
            detail.show(shown[0], band=shown[1], residual_band=shown[2], review=shown[3], history=history,
                        today=self.today)

    @on(RiskTable.RowHighlighted, "#risks-table")
    def _highlighted(self) -> None:
        self._show_detail()
        self._refresh_keys()

    @on(RiskTable.RowSelected, "#risks-table")
    def _selected(self) -> None:
        self.action_edit()

    @on(RiskTable.SortChanged)
    def _sorted(self) -> None:
        self._update_status(self.query_one(RiskTable).row_count)

    # --- key availability ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "reviewed", "delete", "nudge", "to_card"):
            risk = self.selected() if self.is_mounted else None
            if risk is None:
                return None
            if action == "to_card":
                return True if risk.status == "occurred" and risk.item_id is None else None
            if action == "nudge":
                field, step = parameters
                value = getattr(risk, str(field))
                return True if 1 <= value + int(step) <= 5 else None  # type: ignore[call-overload]
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
        def submit(data: dict) -> RiskRead:
            if risk is None:
                return self.store.risks.create(**data)
            return self.store.risks.update(risk.id, risk.version, **data)

        def done(saved: RiskRead | None) -> None:
            if saved is not None:
                self.notify(f"Saved risk: {self._shown(saved).title}", markup=False)
                self.refresh_data()
                self.query_one(RiskTable).move_to(saved.id)

        people = self.store.workspace.people()
        categories = [r.category for r in self.risks if r.category]
        review = self.today + timedelta(days=self.settings.review_days)
        self.app.push_screen(RiskFormModal(submit, risk=risk, people=people, categories=categories,
                                           default_review=review), done)

    def _write(self, call, *args: object, message: str | None = None) -> RiskRead | None:  # noqa: ANN001
        """Run a store write; refused writes are reported; the screen reloads either way."""
        try:
            result = call(*args)
        except StoreError as error:
            self.report(error)
            result = None
        else:
            if message:
                self.notify(message, markup=False)
        self.refresh_data()
        return result

    def action_nudge(self, field: str, step: int) -> None:
        risk = self.selected()
        if risk is not None:
            self._write(self.store.risks.nudge, risk.id, risk.version, field, step)

    def action_reviewed(self) -> None:
        risk = self.selected()
        if risk is not None:
            saved = self._write(self.store.risks.mark_reviewed, risk.id, risk.version, self.today)
            if saved is not None and saved.next_review is not None:
                self.notify(f"Reviewed; next review {saved.next_review.isoformat()}", markup=False)

    def action_to_card(self) -> None:
        risk = self.selected()
        if risk is not None:
            saved = self._write(self.store.risks.to_board_item, risk.id, risk.version)
            if saved is not None:
                self.notify(f"Blocked card #{saved.item_id} added to the board", markup=False)

    def action_delete(self) -> None:
        risk = self.selected()
        if risk is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._write(self.store.risks.delete, risk.id, risk.version, message=f"Deleted risk: {title}")

        title = self._shown(risk).title
        self.app.push_screen(quotes_confidential(ConfirmModal(f"Delete the risk “{title}”? (u undoes it)"),
                                                 f"Risk #{risk.id}", risk.confidential), answer)

    def action_sort(self) -> None:
        table = self.query_one(RiskTable)
        index = SORT_CYCLE.index(table.sort_key) if table.sort_key in SORT_CYCLE else -1
        table.sort_by(SORT_CYCLE[(index + 1) % len(SORT_CYCLE)])

    def action_reverse(self) -> None:
        table = self.query_one(RiskTable)
        table.sort_by(table.sort_key, not table.sort_reverse)

    def action_settings(self) -> None:
        def done(saved: RiskSettingsRead | None) -> None:
            if saved is not None:
                self.notify("Risk settings saved", markup=False)
                self.refresh_data()

        self.app.push_screen(RiskSettingsModal(self.settings, lambda values: self.store.risks.update_settings(
            self.settings.version, **values)), done)
