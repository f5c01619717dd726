"""m: start a meeting — its kind, title, attendees (all the project's people by default) and, for a
retrospective, the iteration it looks back on."""

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList

from db.models import IterationRead, PersonRead
from db.models_meetings import MEETING_KINDS


@dataclass
class MeetingDraft:
    kind: str
    title: str
    attendee_ids: list[int]
    iteration_id: int | None


def default_title(kind: str, day: date) -> str:
    return f"{MEETING_KINDS.get(kind, 'Meeting')} {day:%d %b %Y}"


class StartMeetingModal(ModalScreen[MeetingDraft | None]):
    AUTO_FOCUS = "#title"
    DEFAULT_CSS = """
    StartMeetingModal { align: center middle; }
    StartMeetingModal > VerticalScroll {
        width: 70; max-width: 95%; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    StartMeetingModal Label { margin-top: 1; color: $text-muted; }
    StartMeetingModal Input, StartMeetingModal Select { margin-top: 0; }
    StartMeetingModal SelectionList { height: auto; max-height: 6; }
    StartMeetingModal *:focus { background-tint: $primary 20%; }
    StartMeetingModal Horizontal { height: auto; margin-top: 1; }
    StartMeetingModal Button, ActionFormModal Button { margin-right: 2; }
    StartMeetingModal #error { color: $error; }
    """
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", id="meeting_start.start", tooltip="Start the meeting"),
        Binding("escape", "cancel", "Cancel", id="meeting_start.cancel", tooltip="Close without starting"),
    ]

    def __init__(self, people: list[PersonRead], iterations: list[IterationRead], today: date,
                 kind: str = "stand-up", iteration_id: int | None = None) -> None:
        super().__init__()
        self.people = people
        self.iterations = iterations
        self.today = today
        self.kind = kind
        self.iteration_id = iteration_id
        self._auto_title = default_title(kind, today)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("[b]Start a meeting[/b]  (enter or ctrl+s starts, escape cancels)")
            yield Select([(label, kind) for kind, label in MEETING_KINDS.items()], value=self.kind,
                         allow_blank=False, id="kind", compact=True)
            yield Label("Title")
            yield Input(default_title(self.kind, self.today), id="title", compact=True)
            yield Label("Attendees (space toggles)")
            yield SelectionList[int](*[(person.name, person.id, True) for person in self.people], id="attendees",
                                             compact=True)
            yield Label("Iteration (a retrospective looks back on it)", id="iteration-label")
            yield Select([(it.name, it.id) for it in self.iterations], value=self.iteration_id or Select.NULL,
                         id="iteration", prompt="no iteration", compact=True)
            yield Label("", id="error")
            with Horizontal():
                yield Button("Start (ctrl+s)", variant="primary", id="start", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.kind = str(event.value)
        title = self.query_one("#title", Input)
        if title.value.strip() == self._auto_title:  # not typed by the user: follow the kind
            self._auto_title = default_title(self.kind, self.today)
            title.value = self._auto_title

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_start(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        attendees = list(self.query_one("#attendees", SelectionList).selected)
        iteration = self.query_one("#iteration", Select).value
        error = self.query_one("#error", Label)
        if not title:
            error.update("The meeting needs a title.")
            return
        if self.kind == "retrospective" and iteration == Select.NULL:
            error.update("Pick the iteration the retrospective looks back on.")
            return
        ordered = [p.id for p in self.people if p.id in attendees]
        self.dismiss(MeetingDraft(self.kind, title, ordered,
                                  None if iteration == Select.NULL else int(iteration)))  # type: ignore[arg-type]
