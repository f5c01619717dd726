"""The Meeting screen (6): the running meeting's agenda, the timer of the current item or speaker,
notes saved as they are typed, decisions and action items.  Without a meeting: the past meetings."""

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from cockpit.logic.present import Secrets, mask
from cockpit.db.errors import StoreError
from cockpit.db.models_meetings import MeetingDetail
from cockpit.screens.base import CockpitScreen
from cockpit.screens.meetings.action_form import ActionFormModal, TextFormModal
from cockpit.screens.meetings.controller import MeetingController, split_time_box
from cockpit.screens.shared.progress import SlowWork, run_slow
from cockpit.widgets.meeting_timer import MeetingTimer, clock
from cockpit.logic.wording import tick

if TYPE_CHECKING:
    from cockpit.context import Workspace

#: Notes are saved this long after the last key (at most about a second of typing can be lost).
SAVE_DELAY = 0.6
STATUS_MARK = {"open": " ", "done": "✓", "skipped": "–", "carried": "→"}

__all__ = ["MeetingScreen", "split_time_box"]


class MeetingScreen(CockpitScreen):
    HELP = """\
Run a meeting: **m** starts one from any screen (kind, attendees; the agenda is prefilled: a stand-up
is a round of two-minute speaking slots, a release review lists the cards pending release and the
risks due for review, a retrospective follows the retro agenda).

**space** starts / pauses the timer of the current item, **tab** closes it and goes to the next
(the timer keeps running), **s** skips it, **c** carries it to a next meeting, **enter** on the agenda
makes an item current.  **n** types notes for the current item (saved as you type; **escape** leaves
them), **d** records a decision, **a** an action item (owner, due date, optionally a board card),
**i** adds an agenda item ("Pricing rules 10": a ten-minute box).

Presenting (**f5**): an agenda item, decision or action item about a confidential card or risk shows
a mask instead of its words, and its notes stay hidden until f5 again.

Every change made anywhere while the meeting runs is attributed to it.  **ctrl+e** ends the meeting
and writes its minutes into the `minutes/` folder beside the database; quitting, closing the terminal
or a SIGTERM do the same.  **X** discards a meeting started by mistake (it asks first; no minutes are
written, and changes made meanwhile stay).  Without a running meeting, **w** writes the minutes of the selected past
meeting.
"""
    WRITES = frozenset({"next_item", "notes", "decision", "action_item", "add_item", "write_minutes", "discard"})
    BINDINGS = [
        Binding("space", "timer", "Timer", id="meeting.timer", tooltip="Start or pause the timer of the current item"),
        Binding("tab", "next_item", "Next", id="meeting.next", tooltip="Close the current item and go to the next"),
        Binding("s", "next_item('skipped')", "Skip", id="meeting.skip", tooltip="Skip the current item"),
        Binding("c", "next_item('carried')", "Carry", id="meeting.carry", tooltip="Carry the item to a next meeting"),
        Binding("n", "notes", "Notes", id="meeting.notes", tooltip="Type notes for the current item"),
        Binding("escape", "leave_notes", "Agenda", id="meeting.agenda", show=False, tooltip="Back to the agenda"),
        Binding("d", "decision", "Decision", id="meeting.decision", tooltip="Record a decision"),
        Binding("a", "action_item", "Action", id="meeting.action", tooltip="Add an action item (owner, due date)"),
        Binding("i", "add_item", "Add item", id="meeting.add_item",
                tooltip="Add an agenda item (a number at the end is its time box in minutes)"),
        Binding("w", "write_minutes", "Minutes", id="meeting.minutes", tooltip="Write the minutes of the selected meeting"),
        Binding("X", "discard", "Discard", id="meeting.discard",
                tooltip="Discard a meeting started by mistake (asks first; no minutes are written)"),
    ]
    DEFAULT_CSS = """
    MeetingScreen #meeting-body { height: 1fr; }
    MeetingScreen #agenda { width: 2fr; min-width: 28; height: 1fr; border: round $panel-lighten-2; }
    MeetingScreen #agenda:focus { border: round $primary; }
    MeetingScreen #side { width: 3fr; height: 1fr; }
    MeetingScreen #notes-label { padding: 0 1; color: $text-muted; }
    MeetingScreen #notes { height: 1fr; min-height: 3; }
    MeetingScreen #outcomes { height: auto; max-height: 12; padding: 0 1; border: round $panel-lighten-2; }
    MeetingScreen #idle { height: auto; padding: 1 2; color: $text-muted; }
    MeetingScreen #past { height: 1fr; }
    """

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = MeetingController(workspace)
        #: The latest w (minutes of a past meeting), written in a worker.
        self.minutes_run: SlowWork | None = None
        self._save_timer: Timer | None = None
        self._loaded_notes: str | None = None
        self._notes_item: int | None = None
        #: Presenting: what to hide, and the agenda items made from a confidential card or risk.
        self._secrets = Secrets()
        self._hidden: frozenset[int] = frozenset()

    def compose_body(self) -> ComposeResult:
        yield MeetingTimer(id="timer")
        with Horizontal(id="meeting-body"):
            yield OptionList(id="agenda")
            with Vertical(id="side"):
                yield Label("Notes", id="notes-label")
                yield TextArea(id="notes", soft_wrap=True)
                yield Static(id="outcomes")
        yield Static("No meeting is running. Press m to start one (ctrl+e ends it and writes the minutes).",
                     id="idle")
        yield DataTable(id="past", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#past", DataTable)
        table.add_columns("#", "Date", "Kind", "Title", "Duration")
        self.set_interval(1, self._tick)
        self.refresh_data()

    # --- loading -------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        if not self.query("#timer"):
            return  # not composed yet: on_mount loads
        self.refresh_bindings()
        running = self.controller.active
        for selector in ("#timer", "#meeting-body"):
            self.query_one(selector).display = running
        for selector in ("#idle", "#past"):
            self.query_one(selector).display = not running
        if not running:
            self.controller.detail = None
            self._load_past()
            return
        try:
            self.controller.load()
        except StoreError as error:
            self.report(error)
            return
        self._secrets = secrets = self.secrets()
        self._hidden = frozenset(item.id for item in self.detail.agenda if secrets.hides(item.title))
        self._show_agenda()
        self._show_notes()
        self._show_outcomes()
        self._tick()

    def _load_past(self) -> None:
        table = self.query_one("#past", DataTable)
        table.clear()
        for meeting in self.store.meetings.all(limit=200):
            start = self.workspace.clock.local(meeting.started) if meeting.started else None
            length = (f"{round((meeting.ended - meeting.started).total_seconds() / 60)} min"
                      if meeting.started and meeting.ended else "unfinished")
            table.add_row(str(meeting.id), f"{start:%Y-%m-%d %H:%M}" if start else "", meeting.kind_label,
                          Text(meeting.title), length, key=str(meeting.id))

    @property
    def detail(self) -> MeetingDetail | None:
        """The running meeting as last loaded (the controller keeps it)."""
        return self.controller.detail

    def _show_agenda(self) -> None:
        session = self.controller.session
        agenda = self.query_one("#agenda", OptionList)
        keep = agenda.highlighted
        agenda.clear_options()
        assert self.detail is not None
        for number, item in enumerate(self.detail.agenda, 1):
            used = session.used(item)
            current = item.id == session.current_id
            style = "bold" if current else ("dim" if item.status != "open" else "")
            times = f"{clock(used)}/{clock(item.box_seconds)}"
            prompt = Content.assemble(("▶" if current else " ", "bold $accent"), STATUS_MARK.get(item.status, " "),
                                      f" {number:>2}. ", (self._secrets.hide(item.title), style), " ",
                                      (times, "$error" if used > item.box_seconds else "$text-muted"))
            agenda.add_option(Option(prompt, id=str(item.id)))
        index = next((n for n, item in enumerate(self.detail.agenda) if item.id == session.current_id), keep)
        if self.detail.agenda:
            agenda.highlighted = index if index is not None else 0

    def _show_notes(self) -> None:
        session = self.controller.session
        item = session.current_item(self.detail) if self.detail is not None else None
        label = self.query_one("#notes-label", Label)
        notes = self.query_one("#notes", TextArea)
        notes.disabled = item is None
        if item is None:
            label.update("Notes")
            return
        if item.id in self._hidden:  # presenting, and the item is about a confidential card or risk
            self._save_now()
            label.update(Content(f"Notes — {self._secrets.hide(item.title)} (hidden while presenting: f5 leaves it)"))
            notes.disabled = True
            self._notes_item = None  # loaded again once shown
            self._loaded_notes = ""
            if notes.text:
                notes.load_text("")
            return
        label.update(Content(f"Notes — {item.title} (n to type, saved as you type)"))
        if self._notes_item != item.id:
            self._notes_item = item.id
            text = session.pending_notes.get(item.id, item.notes)
            self._loaded_notes = text
            if notes.text != text:
                notes.load_text(text)

    def _show_outcomes(self) -> None:
        assert self.detail is not None
        parts: list[Content] = [Content.from_markup("[b]Decisions[/b]\n")]
        parts += [Content(f"• {self._decision_text(d.text, d.agenda_item_id)}\n")
                  for d in self.detail.decisions] or [Content("(none yet)\n")]
        parts.append(Content.from_markup("[b]Action items[/b]\n"))
        for action in self.detail.actions:
            due = f", due {action.due:%d %b}" if action.due else ""
            card = f" (card #{action.item_id})" if action.item_id else ""
            text = self._secrets.card(action.item_id, action.text)
            parts.append(Content(f"{tick(action.status == 'done')} {text} — {action.owner or 'unassigned'}{due}{card}\n"))
        if not self.detail.actions:
            parts.append(Content("(none yet)"))
        self.query_one("#outcomes", Static).update(Content.assemble(*parts).rstrip())

    def _decision_text(self, text: str, agenda_item_id: int | None) -> str:
        """Presenting: a decision taken on an item about a confidential card or risk is masked."""
        return mask(text) if agenda_item_id in self._hidden else self._secrets.hide(text)

    def _tick(self) -> None:
        session = self.controller.session
        if not session.active or self.detail is None:
            return
        item = session.current_item(self.detail)
        timer = self.query_one("#timer", MeetingTimer)
        if item is None:
            timer.show(None, "", 0, 0, False)
        else:
            timer.show(self._secrets.hide(item.title), item.owner, session.used(item), item.box_seconds,
                       session.timer_running)

    # --- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.writes_refused(action):
            return False
        active = self.controller.active
        if action in ("timer", "next_item", "notes", "decision", "action_item", "leave_notes", "add_item", "discard"):
            return active  # hidden without a meeting: the footer shows what applies
        if action == "write_minutes":
            return not active
        return True

    def action_timer(self) -> None:
        if self.controller.active:
            self.write(self.controller.session.toggle_timer)

    def action_next_item(self, status: str = "done") -> None:
        if self.controller.active:
            self._cancel_save()
            self.write(self.controller.session.next_item, status)

    def action_notes(self) -> None:
        session = self.controller.session
        item = session.current_item(self.detail) if self.detail is not None else None
        if item is not None and item.id in self._hidden:
            self.hidden_while_presenting("This agenda item is about a confidential card or risk: leave "
                                         "presentation mode (f5) to read or type its notes.")
            return
        notes = self.query_one("#notes", TextArea)
        if not notes.disabled:
            notes.focus()

    def action_leave_notes(self) -> None:
        self._save_now()
        self.query_one("#agenda", OptionList).focus()

    def action_decision(self) -> None:
        session = self.controller.session
        if session.meeting_id is not None:
            save = partial(self.controller.add_decision, session.meeting_id, session.current_id)
            self.app.push_screen(TextFormModal(self.submitter(save), "Decision", "What was decided"))

    def action_action_item(self) -> None:
        session = self.controller.session
        if session.meeting_id is not None:
            item = session.current_item(self.detail)
            ask_action(self, self.controller, session.meeting_id, item.owner_id if item else None)

    def action_add_item(self) -> None:
        session = self.controller.session
        if session.meeting_id is not None:
            save = partial(self.controller.add_agenda_item, session.meeting_id)
            self.app.push_screen(TextFormModal(self.submitter(save), "New agenda item",
                                               "Title, then the time box in minutes: Pricing 10"))

    async def action_discard(self) -> None:
        if self.controller.active:
            self._save_now()
            await self.app.run_action("discard_meeting")

    def action_write_minutes(self) -> None:
        from cockpit.services.meetings import write_minutes

        table = self.query_one("#past", DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        meeting_id = int(str(key))
        self.minutes_run = run_slow(self, lambda _progress: write_minutes(self.store, meeting_id),
                                    title="Writing the minutes", errors=(StoreError, OSError),
                                    done=lambda path: self.notify(f"Minutes written: {path}", markup=False))

    @on(OptionList.OptionSelected, "#agenda")
    def _agenda_selected(self, event: OptionList.OptionSelected) -> None:
        if self.controller.active and event.option.id:
            self._save_now()
            self.write(self.controller.session.select, int(event.option.id))

    # --- notes, saved as typed -----------------------------------------------------------------

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.text == self._loaded_notes:
            return
        self._loaded_notes = None
        session = self.controller.session
        if not session.active or self._notes_item is None:
            return
        session.note_typed(self._notes_item, event.text_area.text)
        self._cancel_save()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_now)

    def _cancel_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def _save_now(self) -> None:
        self._cancel_save()
        self.write(self.controller.session.flush_notes, reload=False)

    def on_screen_suspend(self) -> None:
        self._save_now()


def ask_action(screen: CockpitScreen, controller: MeetingController, meeting_id: int, owner_id: int | None) -> None:
    """a: the action item form, saved through ``screen``'s submitter (the meeting and retro screens)."""
    def save(values: dict) -> None:
        action = controller.add_action(meeting_id, values)
        if action.item_id:
            screen.notify(f"Card #{action.item_id} added to the board", markup=False)

    screen.app.push_screen(ActionFormModal(screen.submitter(save), controller.people(), controller.today, owner_id))
