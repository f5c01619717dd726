"""The three lanes of a retrospective (went well / to improve / practices to keep): notes sorted by
votes with their dots, and an input under each lane that is quick to type into (shown only while the
retrospective runs).  Plain data in (``show``), messages out (``NoteAdded``, ``VoteRequested``).

Voting goes to the highlighted note of the current lane: the lane last typed into or moved to
(``left`` / ``right`` move between lanes; escape in an input goes to its lane's notes)."""

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from cockpit.db.models_meetings import RETRO_LANES, RetroNoteRead


class RetroLanes(Horizontal):
    DEFAULT_CSS = """
    RetroLanes { height: 1fr; min-height: 8; }
    RetroLanes > Vertical { width: 1fr; border: round $panel-lighten-2; padding: 0 0; }
    RetroLanes > Vertical:focus-within { border: round $primary; }
    RetroLanes Label { width: 1fr; text-style: bold; padding: 0 1; }
    RetroLanes OptionList, RetroLanes OptionList:focus { height: 1fr; border: none; padding: 0; }
    RetroLanes Input { border: none; height: 1; padding: 0 1; background: $boost; }
    """
    BINDINGS = [
        Binding("left", "lane(-1)", "Lane", id="retro.lane_left", show=False, tooltip="The lane on the left"),
        Binding("right", "lane(1)", "Lane", id="retro.lane_right", show=False, tooltip="The lane on the right"),
    ]

    @dataclass
    class NoteAdded(Message):
        lane: str
        text: str

    @dataclass
    class VoteRequested(Message):
        note_id: int
        step: int

    def __init__(self, *, editable: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.editable = editable
        #: The lane votes go to: the one last typed into or moved to.
        self.current_lane = next(iter(RETRO_LANES))

    def compose(self) -> ComposeResult:
        for lane, heading in RETRO_LANES.items():
            with Vertical(id=f"lane-{lane}"):
                yield Label(heading, id=f"heading-{lane}")
                yield OptionList(id=f"notes-{lane}")
                yield Input(placeholder=f"{heading}… (enter adds)", id=f"input-{lane}", disabled=not self.editable)

    def show(self, notes: list[RetroNoteRead], editable: bool) -> None:
        self.editable = editable
        for lane, heading in RETRO_LANES.items():
            options = self.query_one(f"#notes-{lane}", OptionList)
            keep = options.highlighted
            keep_id = options.get_option_at_index(keep).id if keep is not None and keep < options.option_count else None
            options.clear_options()
            mine = [n for n in notes if n.lane == lane]
            options.add_options([Option(Content.assemble(("●" * note.votes + " ") if note.votes else "", note.text),
                                        id=str(note.id)) for note in mine])
            if mine:
                same = next((n for n, note in enumerate(mine) if str(note.id) == keep_id), None)
                options.highlighted = same if same is not None else min(keep or 0, len(mine) - 1)
            entry = self.query_one(f"#input-{lane}", Input)
            entry.disabled = not editable
            entry.display = editable  # a finished retrospective shows its notes, not boxes to type in
        self._headings()

    def _headings(self) -> None:
        """Each lane's heading, its number of notes, and (while voting) which lane votes go to."""
        for lane, heading in RETRO_LANES.items():
            count = self.query_one(f"#notes-{lane}", OptionList).option_count
            mark = " ◀ votes" if self.editable and lane == self.current_lane else ""
            self.query_one(f"#heading-{lane}", Label).update(Content(f"{heading} ({count}){mark}"))

    def focus_lane(self, lane: str) -> None:
        """Type into ``lane``."""
        self.query_one(f"#input-{lane}", Input).focus()

    def focus_notes(self, lane: str | None = None) -> None:
        """Move to the notes of ``lane`` (the current lane by default), to vote on them."""
        self.query_one(f"#notes-{lane or self.current_lane}", OptionList).focus()

    def action_lane(self, step: int) -> None:
        lanes = list(RETRO_LANES)
        self.focus_notes(lanes[(lanes.index(self.current_lane) + step) % len(lanes)])

    def typing(self) -> bool:
        """An input of the lanes has the focus (keys are text there, not commands)."""
        return isinstance(self.screen.focused, Input) and self.screen.focused in self.query(Input)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        lane = (event.widget.id or "").partition("-")[2]
        if lane in RETRO_LANES and lane != self.current_lane:
            self.current_lane = lane
            self._headings()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text and event.input.id:
            self.post_message(self.NoteAdded(event.input.id.removeprefix("input-"), text))
        event.input.clear()

    def vote(self, step: int) -> bool:
        """Ask to put (``step`` 1) or take back (-1) a dot on the highlighted note of the current lane;
        False if that lane has no note."""
        notes = self.query_one(f"#notes-{self.current_lane}", OptionList)
        if notes.highlighted is None and notes.option_count:
            notes.highlighted = 0
        if notes.highlighted is None:
            return False
        option = notes.get_option_at_index(notes.highlighted)
        if option.id:
            self.post_message(self.VoteRequested(int(option.id), step))
        return True
