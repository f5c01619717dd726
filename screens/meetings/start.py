"""m: start a meeting — its kind, title, attendees (all the project's people by default) and, for a
retrospective, the iteration it looks back on.

On the one form contract (screens/shared/form.py): checked as you type; ``on_save`` starts the meeting
while the form is open, so a refusal is shown in the form with everything chosen kept; it dismisses
with the values once the meeting runs."""

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select, SelectionList

from cockpit.logic.pickers import pickable
from cockpit.db.models import IterationRead, PersonRead
from cockpit.db.models_meetings import MEETING_KINDS
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback


def default_title(kind: str, day: date) -> str:
    return f"{MEETING_KINDS.get(kind, 'Meeting')} {day:%d %b %Y}"


class StartMeetingModal(FormModal):
    """Saves {"kind", "title", "attendee_ids", "iteration_id"} through ``on_save``."""

    AUTO_FOCUS = "#title"
    TITLE_TEXT = "Start a meeting  (enter or ctrl+s starts, escape cancels)"
    DEFAULT_CSS = """
    StartMeetingModal .row > SelectionList { width: 1fr; height: auto; max-height: 6; }
    """

    def __init__(self, on_save: SaveCallback, people: list[PersonRead], iterations: list[IterationRead],
                 today: date, kind: str = "stand-up", iteration_id: int | None = None) -> None:
        super().__init__(on_save)
        self.people = people
        self.iterations = iterations
        self.today = today
        self.kind = kind
        self.iteration_id = iteration_id
        self._auto_title = default_title(kind, today)

    def compose_fields(self) -> ComposeResult:
        yield self.row("Kind", Select([(label, kind) for kind, label in MEETING_KINDS.items()], value=self.kind,
                                      allow_blank=False, id="kind", compact=True))
        yield self.row("Title", Input(default_title(self.kind, self.today), id="title", compact=True))
        yield self.row("Attendees", SelectionList[int](*[(person.name, person.id, True) for person in pickable(self.people)],
                                                       id="attendees", compact=True))
        yield self.row("Iteration", Select([(it.name, it.id) for it in self.iterations],
                                           value=self.iteration_id or Select.NULL, id="iteration",
                                           prompt="no iteration", compact=True))

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.kind = str(event.value)
        title = self.query_one("#title", Input)
        if title.value.strip() == self._auto_title:  # not typed by the user: follow the kind
            self._auto_title = default_title(self.kind, self.today)
            title.value = self._auto_title

    def values(self) -> dict[str, Any]:
        title = self.query_one("#title", Input).value.strip()
        if not title:
            raise FormError("title", "the meeting needs a title")
        iteration = self.query_one("#iteration", Select).value
        if self.kind == "retrospective" and not isinstance(iteration, int):
            raise FormError("iteration", "pick the iteration the retrospective looks back on")
        chosen = set(self.query_one("#attendees", SelectionList).selected)
        return {"kind": self.kind, "title": title, "attendee_ids": [p.id for p in pickable(self.people) if p.id in chosen],
                "iteration_id": iteration if isinstance(iteration, int) else None}
