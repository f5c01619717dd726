"""What the Goals screen's two detail lines say about the selected row, and the lines themselves.

For an objective: its code, title, owner and period, then what it means and its strategy (masked
while presenting a confidential one).  For a KR: its code, title, owner and module, then this month's
target and actual, and the keys that open its detail and check it in.  ``detail_said`` gives what
the lines say as plain values, so the screen makes the lines (``detail_text``: user text is never
markup) only when that changes, not on every key.
"""

from datetime import date

from textual.content import Content

from cockpit.logic.present import mask
from cockpit.screens.goals.controller import GoalsController, number
from cockpit.widgets.okr_table import OkrLine


def detail_said(line: OkrLine, controller: GoalsController, today: date, presenting: bool) -> tuple:
    """What the detail lines say about ``line``, as plain values (compared to skip making them again)."""
    objective = controller.objectives.get(line.objective_id)
    if line.kr_id is None and objective is not None:
        hidden = presenting and objective.confidential
        means = mask(objective.interpretation) if hidden else objective.interpretation
        strategy = mask(objective.strategy) if hidden else objective.strategy
        return ("objective", line.code, line.title, line.owner, controller.period(objective), means, strategy)
    entry = controller.entries.get(line.kr_id)  # type: ignore[arg-type]
    month = today.strftime("%Y-%m")
    figure = next((m for m in entry.figures.monthly if m.month == month), None) if entry else None
    unit = entry.kr.unit if entry else ""
    return ("kr", line.code, line.title, line.owner, line.module, number(figure.target if figure else None, unit),
            number(figure.actual if figure else None, unit))


def detail_text(said: tuple) -> Content:
    """The two lines for what ``detail_said`` gave."""
    if said[0] == "objective":
        _, code, title, owner, period, means, strategy = said
        return Content.from_markup(
            "[b]$code[/b] $title · @$owner · $period\n[dim]Means:[/dim] $means  [dim]Strategy:[/dim] $strategy",
            code=code, title=title, owner=owner or "—", period=period, means=means or "—", strategy=strategy or "—")
    _, code, title, owner, module, target, actual = said
    return Content.from_markup(
        "[b]$code[/b] $title · @$owner · $module\n[dim]This month:[/dim] target $target, actual $actual"
        "  [dim]·  enter: check-ins, cards, monthly targets  ·  c: check in[/dim]",
        code=code, title=title, owner=owner or "—", module=module or "—", target=target, actual=actual)
