"""What the Risks screen draws from its risks, worked out once per risk and kept until it changes.

The screen reloads after every key (``store.risks.all(known=...)`` hands back unchanged risks as the
same objects), so a risk that did not change keeps its table row and its filter text: a nudge or a
typed filter at 1,000 risks touches one risk, not a thousand.
"""

from datetime import date

from cockpit.logic.present import redact
from cockpit.logic.risk_scoring import RiskFilter, band, haystack, heat_counts, review_state
from cockpit.db.models_risks import RiskRead
from cockpit.widgets.risk_table import RiskRow


class RiskRows:
    """The risks shown, by id, with their table rows and masked copies cached per risk object."""

    def __init__(self) -> None:
        self.risks: list[RiskRead] = []
        self.by_id: dict[int, RiskRead] = {}
        self._context: tuple = ()
        # id -> (the risk object it was made from, what was made): a new object means a changed risk.
        self._shown: dict[int, tuple[RiskRead, RiskRead]] = {}
        self._rows: dict[int, tuple[RiskRead, RiskRow]] = {}
        self._words: dict[int, tuple[RiskRead, bool, str]] = {}
        self._history: dict[int, tuple[RiskRead, list]] = {}
        # heat map counts (by mode) and review counts (by day) of this load
        self._heat: dict[str, dict[tuple[int, int], int]] = {}
        self._reviews: dict[date, tuple[int, int]] = {}

    def load(self, risks: list[RiskRead]) -> None:
        self.risks = risks
        self.by_id = {risk.id: risk for risk in risks}
        self._heat.clear()
        self._reviews.clear()
        for cache in (self._rows, self._shown, self._words, self._history):
            for gone in cache.keys() - self.by_id.keys():
                del cache[gone]

    def _check(self, thresholds: tuple[int, int, int], today: date, presenting: bool) -> None:
        """Forget every cached row when what rows are made from changed (settings, day, f5)."""
        context = (thresholds, today, presenting)
        if context != self._context:
            self._context = context
            self._shown.clear()
            self._rows.clear()

    def shown(self, risk: RiskRead, presenting: bool) -> RiskRead:
        """The risk as it may be drawn now: a confidential one has its words masked while presenting."""
        if not presenting or not risk.confidential:
            return risk
        cached = self._shown.get(risk.id)
        if cached is None or cached[0] is not risk:
            cached = self._shown[risk.id] = (risk, redact(risk, presenting))
        return cached[1]

    def visible(self, risk_filter: RiskFilter, today: date, presenting: bool) -> list[RiskRead]:
        # While presenting, the filter sees masked words too: typing must not confirm a hidden title.
        if not risk_filter.active:
            return list(self.risks)
        return [risk for risk in self.risks if risk_filter.matches(self.shown(risk, presenting), today,
                                                                   self.words(risk, presenting))]

    def words(self, risk: RiskRead, presenting: bool) -> str:
        """What the filter's words are looked for in (the masked words while presenting)."""
        cached = self._words.get(risk.id)
        if cached is None or cached[0] is not risk or cached[1] != presenting:
            cached = self._words[risk.id] = (risk, presenting, haystack(self.shown(risk, presenting)))
        return cached[2]

    def heat_counts(self, mode: str) -> dict[tuple[int, int], int]:
        if mode not in self._heat:
            self._heat[mode] = heat_counts(self.risks, "residual" if mode == "residual" else "inherent")
        return self._heat[mode]

    def review_counts(self, today: date) -> tuple[int, int]:
        """(overdue, due soon) among all risks."""
        if today not in self._reviews:
            states = [review_state(risk, today) for risk in self.risks]
            self._reviews[today] = (states.count("overdue"), states.count("due"))
        return self._reviews[today]

    def history(self, risk: RiskRead, read) -> list:  # noqa: ANN001
        """The risk's score history (``read(risk_id)``), read again only when the risk changed."""
        cached = self._history.get(risk.id)
        if cached is None or cached[0] is not risk:
            cached = self._history[risk.id] = (risk, read(risk.id))
        return cached[1]

    def rows(self, risks: list[RiskRead], thresholds: tuple[int, int, int], today: date,
             presenting: bool) -> list[RiskRow]:
        self._check(thresholds, today, presenting)
        return [self.row(risk, thresholds, today, presenting) for risk in risks]

    def row(self, risk: RiskRead, thresholds: tuple[int, int, int], today: date, presenting: bool) -> RiskRow:
        cached = self._rows.get(risk.id)
        if cached is not None and cached[0] is risk:
            return cached[1]
        shown = self.shown(risk, presenting)
        row = RiskRow(
            id=shown.id, title=shown.title, category=shown.category, owner=shown.owner_handle, status=shown.status,
            probability=shown.probability, impact=shown.impact, score=shown.score, band=band(shown.score, thresholds),
            residual=shown.residual_score if shown.treated else None,
            residual_band=band(shown.residual_score, thresholds), response=shown.response,
            next_review=shown.next_review, review_state=review_state(shown, today), item_id=shown.item_id,
            confidential=shown.confidential,
        )
        self._rows[risk.id] = (risk, row)
        return row
