"""Risk scoring: score = probability x impact, severity bands, heat map counts and review state.

UI-free: the Risks screen, the CSV export and the CLI all use these functions.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cockpit.db.models_risks import DEFAULT_THRESHOLDS, RiskRead

Band = Literal["low", "medium", "high", "critical"]
BANDS: tuple[Band, ...] = ("low", "medium", "high", "critical")
#: A review due within this many days is in the review queue (overdue ones always are).
DUE_SOON_DAYS = 2
HeatMode = Literal["inherent", "residual"]


def score(probability: int, impact: int) -> int:
    if not (1 <= probability <= 5 and 1 <= impact <= 5):
        raise ValueError("probability and impact are 1 to 5")
    return probability * impact


def band(value: int, thresholds: tuple[int, int, int] = DEFAULT_THRESHOLDS) -> Band:
    """The severity band of a score: low <= thresholds[0] < medium <= [1] < high <= [2] < critical."""
    low_max, medium_max, high_max = thresholds
    if value <= low_max:
        return "low"
    if value <= medium_max:
        return "medium"
    if value <= high_max:
        return "high"
    return "critical"


def band_ranges(thresholds: tuple[int, int, int] = DEFAULT_THRESHOLDS) -> dict[Band, str]:
    """Human ranges of each band for the legend: {"low": "1–4", ...} (only scores P×I can take)."""
    possible = sorted({p * i for p in range(1, 6) for i in range(1, 6)})
    ranges: dict[Band, str] = {}
    for name in BANDS:
        values = [v for v in possible if band(v, thresholds) == name]
        ranges[name] = f"{values[0]}–{values[-1]}" if values else "none"
    return ranges


def is_active(risk: RiskRead) -> bool:
    """Closed risks leave the heat map and the review queue."""
    return risk.status != "closed"


def review_state(risk: RiskRead, today: date) -> Literal["overdue", "due", "ok", "none"]:
    """overdue: the review date has passed; due: within DUE_SOON_DAYS; none: no date or closed."""
    if not is_active(risk) or risk.next_review is None:
        return "none"
    if risk.next_review < today:
        return "overdue"
    if risk.next_review <= today + timedelta(days=DUE_SOON_DAYS):
        return "due"
    return "ok"


def in_review_queue(risk: RiskRead, today: date) -> bool:
    return review_state(risk, today) in ("overdue", "due")


def cell_of(risk: RiskRead, mode: HeatMode) -> tuple[int, int]:
    """(probability, impact) of a risk on the heat map; residual falls back to inherent."""
    return risk.residual_cell() if mode == "residual" else (risk.probability, risk.impact)


def heat_counts(risks: Iterable[RiskRead], mode: HeatMode = "inherent") -> dict[tuple[int, int], int]:
    """Active risks per (probability, impact) cell; every one of the 25 cells is present."""
    counts = {(p, i): 0 for p in range(1, 6) for i in range(1, 6)}
    for risk in risks:
        if is_active(risk):
            counts[cell_of(risk, mode)] += 1
    return counts


@dataclass(frozen=True)
class RiskFilter:
    """What the table shows: free text (title, description, category, trigger), @owner,
    status:x and cat:x terms, a heat map cell and the review queue."""

    text: str = ""
    cell: tuple[int, int] | None = None
    mode: HeatMode = "inherent"
    queue: bool = False

    def matches(self, risk: RiskRead, today: date, words: str | None = None) -> bool:
        """``words``: ``haystack(risk)`` if the caller keeps it (the Risks screen does, per risk)."""
        if self.cell is not None and (not is_active(risk) or cell_of(risk, self.mode) != self.cell):
            return False
        if self.queue and not in_review_queue(risk, today):
            return False
        terms = self.text.lower().split()
        if terms and words is None:
            words = haystack(risk)
        return all(_term_matches(term, risk, words) for term in terms)

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or self.cell is not None or self.queue


def haystack(risk: RiskRead) -> str:
    """What a plain word of the filter is looked for in (lower case)."""
    return " ".join((risk.title, risk.description, risk.category, risk.trigger, risk.status,
                     risk.owner_handle, risk.owner_name)).lower()


def _term_matches(term: str, risk: RiskRead, words: str) -> bool:
    if term.startswith("@") and len(term) > 1:
        who = term[1:]
        return who in risk.owner_handle.lower() or who in risk.owner_name.lower()
    for prefix, value in (("status:", risk.status), ("cat:", risk.category), ("category:", risk.category),
                          ("response:", risk.response)):
        if term.startswith(prefix) and len(term) > len(prefix):
            return value.lower().startswith(term[len(prefix):])
    return term in words
