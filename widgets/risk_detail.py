"""The selected risk in full: owner, scores, trigger, plans, review, linked card, score history.

Plain data in (``show``): a RiskRead, its band names, its review state and its score history
(ScorePoint list from the change log).  Every piece of user text is drawn as text, never markup.
"""

from datetime import date

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from cockpit.db.models_risks import RiskRead, ScorePoint

BAND_STYLE = {"low": "$success", "medium": "$warning", "high": "bold $warning", "critical": "bold $error"}
HISTORY_SHOWN = 6


def history_line(points: list[ScorePoint]) -> str:
    """"9 → 12 → 16" (the last HISTORY_SHOWN distinct scores), or "" without history."""
    scores: list[int] = []
    for point in points:
        if not scores or scores[-1] != point.score:
            scores.append(point.score)
    shown = scores[-HISTORY_SHOWN:]
    prefix = "… → " if len(scores) > len(shown) else ""
    return prefix + " → ".join(str(s) for s in shown)


class RiskDetail(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    RiskDetail {
        height: 1fr;
        padding: 0 1;
        border: round $panel-lighten-2;
        border-title-color: $text;
    }
    RiskDetail > Static { width: 1fr; }
    """

    def compose(self):  # noqa: ANN201
        yield Static("", id="risk-detail-body", markup=False)

    def show(self, risk: RiskRead | None, *, band: str = "", residual_band: str = "", review: str = "",
             history: list[ScorePoint] | None = None, today: date | None = None) -> None:
        body = self.query_one("#risk-detail-body", Static)
        if risk is None:
            self.border_title = "No risk selected"
            body.update(Content("n: add a risk"))
            return
        self.border_title = f"Risk #{risk.id}"
        parts: list[str | tuple[str, str] | Content] = []
        parts.append((risk.title, "bold"))
        if risk.confidential:
            parts.append(("  🔒 confidential", "$warning"))
        parts.append("\n")
        parts.append("Score    ")
        parts.append((f"{risk.score} {band}", BAND_STYLE.get(band, "")))
        parts.append(f" (P{risk.probability}×I{risk.impact})\n")
        if risk.treated:
            parts.append("Residual ")
            parts.append((f"{risk.residual_score} {residual_band}", BAND_STYLE.get(residual_band, "")))
            parts.append(f" (P{risk.residual_probability}×I{risk.residual_impact})\n")
        owner = f"{risk.owner_name} (@{risk.owner_handle})" if risk.owner_handle else "no owner"
        parts.append(f"{owner}\n{risk.status} · {risk.response}")
        if risk.category:
            parts.append(f" · {risk.category}")
        parts.append("\n")
        if risk.next_review is not None:
            review_text = f"Review {risk.next_review.isoformat()}"
            if review == "overdue" and today is not None:
                days = (today - risk.next_review).days
                parts.append((f"{review_text} overdue {days}d", "bold $error"))
            elif review == "due":
                parts.append((f"{review_text} due soon", "$warning"))
            else:
                parts.append(review_text)
            parts.append("\n")
        if risk.last_reviewed is not None:
            parts.append(f"Last reviewed {risk.last_reviewed.isoformat()}\n")
        if risk.item_id is not None:
            parts.append(f"Linked card #{risk.item_id}\n")
        line = history_line(history or [])
        if line:
            parts.append(("History ", "$text-muted"))
            parts.append(f"{line}\n")
        for label, text in (("Trigger", risk.trigger), ("Mitigation", risk.mitigation),
                            ("Contingency", risk.contingency), ("Description", risk.description)):
            if text:
                parts.append((f"{label}: ", "bold $text-muted"))
                parts.append(f"{text}\n")
        body.update(Content.assemble(*parts))
