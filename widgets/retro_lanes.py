"""The three lanes of a retrospective (went well / to improve / practices to keep): notes sorted by
votes with their dots, and an input under each lane that is quick to type into.  Plain data in
(``show``), messages out (``NoteAdded``, ``VoteRequested``)."""

from dataclasses import dataclass

from textual import on
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
    RetroLanes OptionList { height: 1fr; border: none; padding: 0; }
    RetroLanes Input { border: none; height: 1; padding: 0 1; background: $boost; }
    """
    BINDINGS = [
        Binding("plus,v", "vote(1)", "Vote", id="retro.vote", tooltip="Put one of the voter's dots on this note"),
        Binding("minus", "vote(-1)", "Unvote", id="retro.unvote", tooltip="Take back one of the voter's dots"),
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
            self.query_one(f"#heading-{lane}", Label).update(Content(f"{heading} ({len(mine)})"))
            self.query_one(f"#input-{lane}", Input).disabled = not editable

    def focus_lane(self, lane: str) -> None:
        self.query_one(f"#input-{lane}", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text and event.input.id:
            self.post_message(self.NoteAdded(event.input.id.removeprefix("input-"), text))
        event.input.clear()

    def action_vote(self, step: int) -> None:
        focused = self.screen.focused
        if not isinstance(focused, OptionList) or focused.highlighted is None:
            return
        option = focused.get_option_at_index(focused.highlighted)
        if option.id:
            self.post_message(self.VoteRequested(int(option.id), step))
