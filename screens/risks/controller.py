"""The Risks screen's state and reads: the risks loaded, the settings, the filter and the heat map's mode.

A plain object the screen owns (no Textual in it).  The screen turns keys and messages into calls
here and draws what ``visible``, ``status`` and ``detail`` answer.  A filter only chooses among the
risks already loaded (no store query) and the table draws only the rows on screen, so each key typed
at 1,000 risks costs a few milliseconds.
"""

from datetime import date
from typing import TYPE_CHECKING

from cockpit.logic.risk_scoring import RiskFilter, band, review_state
from cockpit.db.errors import StoreError
from cockpit.db.models import PersonRead
from cockpit.db.models_risks import RiskRead, RiskSettingsRead
from cockpit.screens.risks.rows import RiskRows
from cockpit.widgets.risk_table import RiskRow
from cockpit.logic.wording import plural

if TYPE_CHECKING:
    from cockpit.db.store import Store


class RisksController:
    """What the Risks screen shows now, read through the store."""

    def __init__(self, store: "Store") -> None:
        self.store = store
        self.rows = RiskRows()
        self.settings = RiskSettingsRead()
        self.filter = RiskFilter()
        self.heat_mode = "inherent"

    # --- reading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the risks and the settings again; raises StoreError if the store cannot answer.
        Unchanged risks come back as the same objects, so their rows are not made again."""
        self.rows.load(self.store.risks.all(known=self.rows.risks))
        self.settings = self.store.risks.settings()

    @property
    def risks(self) -> list[RiskRead]:
        return self.rows.risks

    @property
    def thresholds(self) -> tuple[int, int, int]:
        return self.settings.thresholds

    def get(self, risk_id: int | None) -> RiskRead | None:
        return self.rows.by_id.get(risk_id) if risk_id is not None else None

    def shown(self, risk: RiskRead, presenting: bool) -> RiskRead:
        """The risk as it may be drawn now: a confidential one has its words masked while presenting."""
        return self.rows.shown(risk, presenting)

    def visible(self, today: date, presenting: bool) -> list[RiskRead]:
        return self.rows.visible(self.filter, today, presenting)

    def table_rows(self, risks: list[RiskRead], today: date, presenting: bool) -> list[RiskRow]:
        return self.rows.rows(risks, self.thresholds, today, presenting)

    def heat_counts(self) -> dict[tuple[int, int], int]:
        return self.rows.heat_counts(self.heat_mode)

    def bands(self) -> dict[tuple[int, int], str]:
        return {(p, i): band(p * i, self.thresholds) for p in range(1, 6) for i in range(1, 6)}

    def status(self, shown: int, today: date) -> str:
        """The one-line summary above the table."""
        overdue, due = self.rows.review_counts(today)
        risk_filter = self.filter
        parts = [f"{shown} of {plural(len(self.risks), 'risk')}" if risk_filter.active else plural(len(self.risks), "risk")]
        if overdue:
            parts.append(f"{overdue} overdue")
        if due:
            parts.append(f"{due} due soon")
        if risk_filter.queue:
            parts.append("REVIEW QUEUE")
        if risk_filter.cell is not None:
            p, i = risk_filter.cell
            parts.append(f"cell P{p}×I{i} {risk_filter.mode}")
        if risk_filter.text.strip():
            parts.append(f"filter: {risk_filter.text.strip()}")
        return " · ".join(parts)

    def detail(self, risk: RiskRead, today: date, presenting: bool) -> tuple:
        """(shown risk, band, residual band, review state, score history, today) for the detail pane."""
        try:
            history = self.rows.history(risk, self.store.risks.score_history)
        except StoreError:
            history = []
        return (self.shown(risk, presenting), band(risk.score, self.thresholds),
                band(risk.residual_score, self.thresholds), review_state(risk, today), history, today)

    def people(self) -> list[PersonRead]:
        return self.store.workspace.people()

    def categories(self) -> list[str]:
        return [risk.category for risk in self.risks if risk.category]

    # --- the filter and the heat map -----------------------------------------------------------

    def filter_text(self, text: str) -> None:
        current = self.filter
        self.filter = RiskFilter(text, current.cell, current.mode, current.queue)

    def choose_cell(self, cell: tuple[int, int] | None) -> None:
        current = self.filter
        self.filter = RiskFilter(current.text, cell, self.heat_mode, current.queue)

    def toggle_queue(self) -> bool:
        """Show the review queue, or stop showing it; returns whether it is shown now."""
        current = self.filter
        self.filter = RiskFilter(current.text, current.cell, current.mode, not current.queue)
        return self.filter.queue

    def clear(self) -> bool:
        """Show every risk again; returns whether the review queue was shown (its sort goes too)."""
        was_queue = self.filter.queue
        self.filter = RiskFilter(mode=self.heat_mode)
        return was_queue

    def toggle_heat_mode(self) -> None:
        self.heat_mode = "residual" if self.heat_mode == "inherent" else "inherent"
        self.filter = RiskFilter(self.filter.text, None, self.heat_mode, self.filter.queue)
