"""New iteration from a template: name, start, end, goal; its key dates are previewed before saving."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from cockpit.db.models_calendar import IterationTemplateRead
from cockpit.screens.shared.form import FormModal, FormError, SaveCallback

Preview = Callable[[int | None, date], list[tuple[str, date, str]]]
#: The team's capacity between two days, as one line ("" when unknown).
CapacityText = Callable[[date, date], str]


class IterationFormModal(FormModal):
    TITLE_TEXT = "New iteration from a template"

    def __init__(self, on_save: SaveCallback, templates: list[IterationTemplateRead], start: date,
                 preview: Preview, *, today: date | None = None, capacity: CapacityText | None = None) -> None:
        super().__init__(on_save)
        self.capacity = capacity
        self.today = today
        self.templates = templates
        self.start = start
        self.preview = preview

    def _template(self, template_id: object) -> IterationTemplateRead | None:
        return next((t for t in self.templates if t.id == template_id), None)

    def compose_fields(self) -> ComposeResult:
        template = self.templates[0] if self.templates else None
        length = template.length_days if template else 28
        yield self.row("Name", Input(f"{self.start:%m%d}", id="name", compact=True))
        yield self.row("Template", Select([(t.name, t.id) for t in self.templates] + [("(no key dates)", -1)],
                                          value=template.id if template else -1, allow_blank=False,
                                          id="template", compact=True))
        yield self.row("Start", Input(self.start.isoformat(), id="start", compact=True))
        yield Static("", id="start-parsed", classes="form-info", markup=False)
        yield self.row("End", Input((self.start + timedelta(days=length - 1)).isoformat(), id="end", compact=True))
        yield Static("", id="end-parsed", classes="form-info", markup=False)
        yield self.row("Goal", Input("", id="goal", placeholder="what this iteration delivers", compact=True))
        yield Static("", id="capacity", classes="form-info", markup=False)
        yield Static("", id="preview", classes="form-info", markup=False)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self._update_preview()

    @on(Select.Changed, "#template")
    def _template_changed(self, event: Select.Changed) -> None:
        template = self._template(event.value)
        try:
            start = self.read_day("start", "start")
        except FormError:
            start = self.start
        if template is not None:
            self.query_one("#end", Input).value = (start + timedelta(days=template.length_days - 1)).isoformat()
        self._update_preview()

    @on(Input.Changed, "#end")
    def _end_changed(self) -> None:
        self._update_capacity()

    def _update_capacity(self) -> None:
        if self.capacity is None:
            return
        try:
            start, end = self.read_day("start", "start"), self.read_day("end", "end")
        except FormError:
            return
        self.query_one("#capacity", Static).update(self.capacity(start, end) if end >= start else "")

    @on(Input.Changed, "#start")
    def _start_changed(self) -> None:
        """The end keeps the iteration's length when the start moves."""
        try:
            start = self.read_day("start", "start")
            end = self.read_day("end", "end")
        except FormError:
            start = end = None
        if start is not None and end is not None and start != self.start:
            self.query_one("#end", Input).value = (start + (end - self.start)).isoformat()
            self.start = start
        self._update_preview()

    def _update_preview(self) -> None:
        self._update_capacity()
        template = self.query_one("#template", Select).value
        try:
            start = self.read_day("start", "start")
        except FormError as error:
            self.query_one("#preview", Static).update(str(error))
            return
        rows = self.preview(template if isinstance(template, int) and template >= 0 else None, start)
        if not rows:
            self.query_one("#preview", Static).update("No key dates (no template).")
            return
        lines = ["Key dates (weekend dates move to the Monday; the Release to the next release train):"]
        lines += [f"  {day:%a %d %b %Y}  {name}" for name, day, _kind in rows]
        self.query_one("#preview", Static).update("\n".join(lines))

    def values(self) -> dict[str, Any]:
        template = self.query_one("#template", Select).value
        return {
            "name": self.query_one("#name", Input).value,
            "start": self.read_day("start", "start"),
            "end": self.read_day("end", "end"),
            "goal": self.query_one("#goal", Input).value,
            "template_id": template if isinstance(template, int) and template >= 0 else None,
        }
