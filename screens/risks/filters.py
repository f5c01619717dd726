"""Filtering the Risks screen: the typed filter (/), the review queue (v), a heat map cell, escape.

A filter only chooses among the risks already loaded (no store query) and the table draws only the
rows on screen, so each key typed at 1,000 risks costs a few milliseconds.
"""

from textual.widgets import Input

from cockpit.logic.risk_scoring import RiskFilter
from widgets.risk_heatmap import RiskHeatMap
from widgets.risk_table import RiskTable


class RiskFilterMixin:
    """Mixed into RisksScreen: it provides ``filter``, ``heat_mode``, ``_show`` and ``query_one``.

    Handlers are named ``on_<message>`` (a plain mixin cannot use ``@on``: Textual collects those
    from the screen class's own body)."""

    def focus_risk(self, risk_id: int) -> None:
        """Put the cursor on a risk (the palette's risk provider); clears filters that hide it."""
        table = self.query_one(RiskTable)  # type: ignore[attr-defined]
        if not table.move_to(risk_id):
            self.filter = RiskFilter(mode=self.heat_mode)  # type: ignore[attr-defined]
            self.query_one("#risks-filter", Input).value = ""  # type: ignore[attr-defined]
            self._show()  # type: ignore[attr-defined]
            table.move_to(risk_id)
        table.focus()

    def on_risk_heat_map_cell_chosen(self, event: RiskHeatMap.CellChosen) -> None:
        current = self.filter  # type: ignore[has-type]
        self.filter = RiskFilter(current.text, event.cell, self.heat_mode, current.queue)  # type: ignore[attr-defined]
        self._show()  # type: ignore[attr-defined]

    def action_queue(self) -> None:
        current = self.filter  # type: ignore[has-type]
        queue = not current.queue
        self.filter = RiskFilter(current.text, current.cell, current.mode, queue)
        table = self.query_one(RiskTable)  # type: ignore[attr-defined]
        table.sort_key, table.sort_reverse = ("next_review", False) if queue else ("score", True)
        self._show()  # type: ignore[attr-defined]

    def action_filter(self) -> None:
        box = self.query_one("#risks-filter", Input)  # type: ignore[attr-defined]
        box.add_class("shown")
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "risks-filter":
            current = self.filter  # type: ignore[has-type]
            self.filter = RiskFilter(event.value, current.cell, current.mode, current.queue)
            self._show()  # type: ignore[attr-defined]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "risks-filter":
            if not event.value.strip():
                event.input.remove_class("shown")
            self.query_one(RiskTable).focus()  # type: ignore[attr-defined]

    def action_clear(self) -> None:
        box = self.query_one("#risks-filter", Input)  # type: ignore[attr-defined]
        box.value = ""
        box.remove_class("shown")
        table = self.query_one(RiskTable)  # type: ignore[attr-defined]
        if self.filter.queue:  # type: ignore[has-type]  # the queue sorted by review date; back to the register's order
            table.sort_key, table.sort_reverse = "score", True
        self.filter = RiskFilter(mode=self.heat_mode)  # type: ignore[attr-defined]
        self._show()  # type: ignore[attr-defined]
        table.focus()

    def action_heat_mode(self) -> None:
        self.heat_mode = "residual" if self.heat_mode == "inherent" else "inherent"  # type: ignore[has-type]
        self.filter = RiskFilter(self.filter.text, None, self.heat_mode, self.filter.queue)  # type: ignore[has-type]
        self._show()  # type: ignore[attr-defined]
