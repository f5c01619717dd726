"""At start: a meeting was left running (the window was killed); close it and write its minutes?"""

from datetime import tzinfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from cockpit.db.models_meetings import MeetingRead


class UnfinishedMeetingModal(ModalScreen[str | None]):
    """Dismisses with "close", "resume" or None (later)."""

    DEFAULT_CSS = """
    UnfinishedMeetingModal { align: center middle; }
    UnfinishedMeetingModal > Vertical {
        width: 70; max-width: 95%; height: auto; border: thick $warning; background: $surface; padding: 0 1;
    }
    UnfinishedMeetingModal Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("c", "choose('close')", "Close it", id="unfinished.close", tooltip="End it and write the minutes"),
        Binding("r", "choose('resume')", "Resume", id="unfinished.resume", tooltip="Carry on with the meeting"),
        Binding("escape,l", "choose('')", "Later", id="unfinished.later", tooltip="Decide later"),
    ]

    def __init__(self, meeting: MeetingRead, zone: "tzinfo | None" = None) -> None:
        super().__init__()
        self.meeting = meeting
        self.zone = zone  # the workspace's time zone (None: this computer's)

    def compose(self) -> ComposeResult:
        started = f"{self.meeting.started.astimezone(self.zone):%a %d %b %H:%M}" if self.meeting.started else "?"
        with Vertical():
            yield Static(Content.assemble(("An unfinished meeting\n\n", "bold"), self.meeting.title,
                                          f" ({self.meeting.kind_label}, started {started}) never ended: "
                                          "the window running it was closed or killed.\n"
                                          "Close it now and write its minutes?"))
            with Horizontal():
                yield Button("Close and write minutes (c)", variant="primary", id="close")
                yield Button("Resume (r)", id="resume")
                yield Button("Later", id="later")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose("" if event.button.id == "later" else str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)
