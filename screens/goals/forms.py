"""The Goals screen's forms, on the form contract (``FormModal``: validates as you type, saves while
open through the screen's submitter, stays open with what was typed when the store refuses).

- ``ObjectiveFormModal``: title, owner, period (dates read by the one date parser and shown back),
  interpretation, strategy, confidential.
- ``KrFormModal``: objective, code, title, owner, module, metric and unit, direction, baseline,
  target, monthly targets (``2026-12 120, 2027-01 130``).

A check-in is not a form: it is typed in the screen's check-in bar (``checkin_bar.py``).
"""

import math
import re
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static

from cockpit.db.models import PersonRead
from cockpit.db.models_goals import KeyResultRead, ObjectiveRead
from cockpit.db.text import clean_line
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback


def read_number(text: str, field: str, label: str, *, optional: bool = False) -> float | None:
    value = text.strip().replace(",", "")
    if not value:
        if optional:
            return None
        raise FormError(field, "give a number", label=label)
    try:
        number = float(value.rstrip("%").strip())
    except ValueError:
        raise FormError(field, f"{text.strip()!r} is not a number", label=label) from None
    if not math.isfinite(number):
        raise FormError(field, "give a finite number", label=label)
    return number


def read_monthly(text: str) -> dict[str, float]:
    """``2026-12 120, 2027-01: 130`` -> {"2026-12": 120.0, "2027-01": 130.0}."""
    monthly: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in re.split(r"[;,\n]", text))):
        month, _, value = part.replace(":", " ").replace("=", " ").partition(" ")
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month.strip()):
            raise FormError("monthly", f"{month.strip()!r} is not a month (YYYY-MM)", label="Monthly targets")
        number = read_number(value, "monthly", f"Monthly targets ({month.strip()})")
        monthly[month.strip()] = number  # type: ignore[assignment]
    return dict(sorted(monthly.items()))


def monthly_text(monthly: dict[str, float]) -> str:
    return ", ".join(f"{month} {value:g}" for month, value in monthly.items())


def owner_select(people: list[PersonRead], owner_id: int | None) -> Select:
    return Select([(f"{p.name} (@{p.handle})", p.id) for p in people],
                  value=owner_id if owner_id is not None else Select.NULL, prompt="nobody", id="owner")


def _chosen(select: Select) -> Any:
    return None if select.value is Select.NULL else select.value


class ObjectiveFormModal(FormModal):
    """Dismisses with the saved values, or None if cancelled."""

    def __init__(self, on_save: SaveCallback, *, today: date, people: list[PersonRead],
                 objective: ObjectiveRead | None = None, where: str = "") -> None:
        super().__init__(on_save)
        self.today = today
        self.people = people
        self.objective = objective
        self.TITLE_TEXT = (f"Edit objective: {objective.title}" if objective
                           else f"New objective{f' of {where}' if where else ''}")

    def compose_fields(self) -> ComposeResult:
        o = self.objective
        yield self.row("Objective", Input(o.title if o else "", id="title", max_length=200,
                                          placeholder="e.g. Make self-serve the way customers buy"))
        yield self.row("Owner", owner_select(self.people, o.owner_id if o else None))
        yield self.row("Period start", Input(o.period_start.isoformat() if o and o.period_start else "",
                                             id="start", placeholder="2026-10-01, or empty"))
        yield Static("", id="start-parsed", classes="form-info", markup=False)
        yield self.row("Period end", Input(o.period_end.isoformat() if o and o.period_end else "",
                                           id="end", placeholder="2026-12-31, or empty"))
        yield Static("", id="end-parsed", classes="form-info", markup=False)
        yield self.row("Means", Input(o.interpretation if o else "", id="interpretation", max_length=10_000,
                                      placeholder="what reaching it means (interpretation)"))
        yield self.row("Strategy", Input(o.strategy if o else "", id="strategy", max_length=10_000,
                                         placeholder="how it will be reached"))
        yield self.row("Confidential", Checkbox("its words are hidden while presenting (f5)",
                                                o.confidential if o else False, id="confidential"))

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _day(self, field: str, label: str) -> date | None:
        if not self.query_one(f"#{field}", Input).value.strip():
            self.query_one(f"#{field}-parsed", Static).update("")
            return None
        return self.read_day(field, label)

    def values(self) -> dict[str, Any]:
        title = clean_line(self.query_one("#title", Input).value)
        if not title:
            raise FormError("title", "name the objective", label="Objective")
        start = self._day("start", "Period start")
        end = self._day("end", "Period end")
        if start and end and end < start:
            raise FormError("end", "the end is before the start", label="Period end")
        return {
            "title": title, "owner_id": _chosen(self.query_one("#owner", Select)),
            "period_start": start, "period_end": end,
            "interpretation": self.query_one("#interpretation", Input).value.strip(),
            "strategy": self.query_one("#strategy", Input).value.strip(),
            "confidential": self.query_one("#confidential", Checkbox).value,
        }


class KrFormModal(FormModal):
    """Dismisses with the saved values, or None if cancelled."""

    def __init__(self, on_save: SaveCallback, *, people: list[PersonRead],
                 objectives: list[tuple[str, int]], objective_id: int | None, code: str = "",
                 kr: KeyResultRead | None = None) -> None:
        super().__init__(on_save)
        self.people = people
        self.objectives = objectives
        self.objective_id = objective_id
        self.code = code
        self.kr = kr
        self.TITLE_TEXT = f"Edit key result {kr.code}" if kr else "New key result"

    def compose_fields(self) -> ComposeResult:
        k = self.kr
        yield self.row("Objective", Select(self.objectives, value=self.objective_id if self.objective_id
                                           else Select.NULL, prompt="choose one", id="objective"))
        yield self.row("Code", Input(k.code if k else self.code, id="code", max_length=20,
                                     placeholder="O1-KR2 (unique)"))
        yield self.row("Key result", Input(k.title if k else "", id="title", max_length=200,
                                           placeholder="e.g. Checkout conversion from 2.1% to 3%"))
        yield self.row("Owner", owner_select(self.people, k.owner_id if k else None))
        yield self.row("Module", Input(k.module if k else "", id="module", max_length=80,
                                       placeholder="the business module, e.g. Payments"))
        yield self.row("Metric", Input(k.metric if k else "", id="metric", max_length=120,
                                       placeholder="e.g. checkout conversion"))
        yield self.row("Unit", Input(k.unit if k else "", id="unit", max_length=20, placeholder="%, ms, €k …"))
        yield self.row("Direction", Select([("higher is better", "higher"), ("lower is better", "lower")],
                                           value=k.direction if k else "higher", allow_blank=False,
                                           id="direction"))
        yield self.row("Baseline", Input(f"{k.baseline:g}" if k else "", id="baseline", placeholder="where it starts"))
        yield self.row("Target", Input(f"{k.target:g}" if k else "", id="target", placeholder="where it should get"))
        yield self.row("Monthly", Input(monthly_text(k.monthly_targets) if k else "", id="monthly",
                                        placeholder="optional: 2026-12 2.5, 2027-01 2.8"))

    def on_mount(self) -> None:
        self.query_one("#code" if self.kr is None and not self.code else "#title", Input).focus()

    def values(self) -> dict[str, Any]:
        objective = _chosen(self.query_one("#objective", Select))
        if objective is None:
            raise FormError("objective", "choose the objective it serves", label="Objective")
        code = self.query_one("#code", Input).value.strip().upper()
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", code):
            raise FormError("code", "letters, digits and hyphens, such as O1-KR2", label="Code")
        title = clean_line(self.query_one("#title", Input).value)
        if not title:
            raise FormError("title", "say what result is wanted", label="Key result")
        return {
            "objective_id": objective, "code": code, "title": title,
            "owner_id": _chosen(self.query_one("#owner", Select)),
            "module": clean_line(self.query_one("#module", Input).value),
            "metric": clean_line(self.query_one("#metric", Input).value),
            "unit": clean_line(self.query_one("#unit", Input).value),
            "direction": self.query_one("#direction", Select).value,
            "baseline": read_number(self.query_one("#baseline", Input).value, "baseline", "Baseline"),
            "target": read_number(self.query_one("#target", Input).value, "target", "Target"),
            "monthly_targets": read_monthly(self.query_one("#monthly", Input).value),
        }
