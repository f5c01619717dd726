"""The Retro screen (5): pick an iteration; goals vs outcomes from the data, the previous retro's
action items (each marked done or carried over), three lanes with dot voting, new action items, and
speaking slots with the timer while the retrospective runs."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Select, Static

from cockpit.logic.agenda import PREVIOUS_ITEM
from cockpit.logic.present import Secrets
from cockpit.services.okr import retro_outcomes
from cockpit.services.reports import retro_metrics
from cockpit.db.errors import StoreError, ValidationFailed
from cockpit.db.models import IterationRead
from cockpit.db.models_meetings import ActionItemRead, MeetingDetail, MeetingRead
from cockpit.screens.base import CockpitScreen
from cockpit.screens.meetings.controller import MeetingController
from cockpit.screens.meetings.screen import ask_action
from cockpit.widgets.meeting_timer import MeetingTimer
from cockpit.widgets.retro_lanes import RetroLanes
from cockpit.logic.wording import plural, tick

if TYPE_CHECKING:
    from cockpit.context import Workspace


class RetroScreen(CockpitScreen):
    HELP = """\
A retrospective looks back on one iteration.  Pick it at the top; **R** starts the retrospective
(a meeting: everything below is recorded and its minutes are written when it ends, ctrl+e).

1. **Goals vs outcomes** come from the change log: cards committed, delivered and carried over,
   the median cycle time, days blocked, and estimates over two person-days.
2. **Previous action items** (of the last retrospective): **x** marks the highlighted one done,
   **c** carries it over into this retrospective.
3. **Lanes**: **w** went well, **i** to improve, **k** practices to keep: type and press enter,
   the next note can follow at once; **escape** leaves the box for that lane's notes.
   Dot voting: **o** picks who votes, **+** / **v** adds one of their dots to the highlighted note
   of the current lane (marked "◀ votes"), **-** takes one back; **left** / **right** move to
   another lane, **up** / **down** to another note.
4. **New action items**: **a** (owner, due date, optionally a card on the board).

**space** / **tab** run the speaking slots' timer as on the Meeting screen.  **ctrl+e** ends the
retrospective and writes its minutes (it asks first if last time's action items are not all settled);
**X** discards a retrospective started by mistake.  A finished retrospective is shown read-only.
"""
    WRITES = frozenset({"start_retro", "next_item", "lane", "mark_done", "carry_over", "action_item", "vote", "discard"})
    BINDINGS = [
        Binding("R", "start_retro", "Start retro", id="retro.start", tooltip="Start the retrospective of this iteration"),
        Binding("space", "timer", "Timer", id="retro.timer", tooltip="Start or pause the speaking slot's timer"),
        Binding("tab", "next_item", "Next", id="retro.next", tooltip="Next agenda item or speaker"),
        Binding("plus,v", "vote(1)", "Vote", id="retro.vote",
                tooltip="Put one of the voter's dots on the highlighted note of the current lane"),
        Binding("minus", "vote(-1)", "Unvote", id="retro.unvote", tooltip="Take back one of the voter's dots"),
        Binding("o", "next_voter", "Voter", id="retro.voter", tooltip="Who votes next (cycles the attendees)"),
        Binding("w", "lane('well')", "Went well", id="retro.lane_well", tooltip="Type into 'went well'"),
        Binding("i", "lane('improve')", "To improve", id="retro.lane_improve", tooltip="Type into 'to improve'"),
        Binding("k", "lane('keep')", "Keep", id="retro.lane_keep", tooltip="Type into 'practices to keep'"),
        Binding("x", "mark_done", "Done", id="retro.action_done", tooltip="Mark the previous action item done"),
        Binding("c", "carry_over", "Carry over", id="retro.carry", tooltip="Carry the previous action item over"),
        Binding("a", "action_item", "Action", id="retro.action", tooltip="New action item (owner, due date)"),
        Binding("X", "discard", "Discard", id="retro.discard",
                tooltip="Discard a retrospective started by mistake (asks first; no minutes are written)"),
        Binding("escape", "leave_input", "Leave", id="retro.leave", show=False, tooltip="Leave the lane"),
    ]
    DEFAULT_CSS = """
    RetroScreen #retro-bar { height: 1; }
    RetroScreen #retro-timer { height: 1; border: none; padding: 0 1; }
    RetroScreen.-compact #retro-top { max-height: 7; }
    RetroScreen.-compact #previous { max-height: 7; }
    RetroScreen.-compact #new-actions { max-height: 3; }
    RetroScreen #iteration { width: 24; }
    RetroScreen #status { width: 1fr; height: 1; padding: 0 1; }
    RetroScreen #retro-top { height: auto; max-height: 10; }
    RetroScreen #metrics { width: 1fr; height: auto; padding: 0 1; border: round $panel-lighten-2; }
    RetroScreen #previous { width: 1fr; height: auto; max-height: 10; border: round $panel-lighten-2; }
    RetroScreen #previous:focus { border: round $primary; }
    RetroScreen #new-actions { height: auto; max-height: 5; padding: 0 1; }
    """

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = MeetingController(workspace)
        self.iteration_id: int | None = None
        self.meeting: MeetingRead | None = None
        self.detail: MeetingDetail | None = None
        self.previous: list[ActionItemRead] = []
        self.voter_index = 0
        self._metrics_key: tuple | None = None
        #: The meeting running in this window when the screen last loaded (a new one is shown at once).
        self._seen_meeting: int | None = None
        #: Presenting: the words of confidential cards and risks, hidden wherever they were copied.
        self._secrets = Secrets()

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="retro-bar"):
            yield Select[int]([], id="iteration", prompt="iteration", allow_blank=True, compact=True)
            yield Static(id="status")
        yield MeetingTimer(id="retro-timer")
        with Horizontal(id="retro-top"):
            yield Static(id="metrics")
            yield DataTable(id="previous", cursor_type="row")
        yield RetroLanes(id="lanes")
        yield Static(id="new-actions")

    def on_mount(self) -> None:
        table = self.query_one("#previous", DataTable)
        table.add_columns("", "Previous action item", "Owner", "Due")
        self.set_interval(1, self._tick)
        self.refresh_data()

    def on_resize(self) -> None:
        compact = self.size.height < 36 or self.size.width < 100
        if compact != self.has_class("-compact"):
            self.set_class(compact, "-compact")
            if self.query("#iteration"):
                self._load()

    # --- state ---------------------------------------------------------------------------------

    @property
    def live(self) -> bool:
        """The retrospective shown is the one running in this window."""
        return self.controller.runs(self.meeting)

    def _iterations(self) -> list[IterationRead]:
        return self.controller.iterations()

    def refresh_data(self) -> None:
        if not self.query("#iteration"):
            return  # not composed yet: on_mount loads
        self.refresh_bindings()
        iterations = self._iterations()
        select = self.query_one("#iteration", Select)
        started = self.controller.session.meeting_id
        if started != self._seen_meeting:  # a meeting started since: show a running retro at once
            self._seen_meeting = started
            if started is not None:
                self.iteration_id = None
        if self.iteration_id is None or self.iteration_id not in {it.id for it in iterations}:
            self.iteration_id = self.controller.default_iteration(iterations)
        with self.prevent(Select.Changed):
            select.set_options([(f"Iteration {it.name}", it.id) for it in iterations])
            if self.iteration_id is not None:
                select.value = self.iteration_id
        self._metrics_key = None  # undo, redo or a change elsewhere: compute the figures again
        self._load()

    def _load(self) -> None:
        self._secrets = self.secrets()
        iteration = next((it for it in self._iterations() if it.id == self.iteration_id), None)
        self.meeting = self.controller.retrospective(iteration.id if iteration else None)
        self.detail = self.store.meetings.detail(self.meeting.id) if self.meeting else None
        self.previous = self.controller.previous_actions(self.meeting)
        self._show_metrics(iteration)
        self._show_previous()
        notes = [note.model_copy(update={"text": self._secrets.hide(note.text)}) for note in self.detail.notes] \
            if self.detail else []
        self.query_one("#lanes", RetroLanes).show(notes, self.live)
        self._show_new_actions()
        self.query_one("#retro-timer").display = self.live
        self._show_status()
        self._tick()
        self.refresh_bindings()  # R applies to an iteration without a retrospective only

    # --- drawing -------------------------------------------------------------------------------

    def _show_metrics(self, iteration: IterationRead | None) -> None:
        metrics = self.query_one("#metrics", Static)
        if iteration is None:
            metrics.update("No iteration yet: plan one on the calendar.")
            return
        at = self.meeting.started if self.meeting and not self.live and self.meeting.started else self.store.now()
        key = (iteration.id, self.meeting.id if self.meeting else None, self.has_class("-compact"), self.presenting)
        if key == self._metrics_key:
            return  # notes and votes do not change the figures; reading the change log is not free
        self._metrics_key = key
        result = retro_metrics(self.store, iteration, at)
        outcomes = retro_outcomes(self.store, iteration.project_id, at, short=True)  # the Goals screen has more
        metrics.border_title = "Goals vs outcomes"
        if self.has_class("-compact"):
            metrics.update(Content("\n".join(result.compact_lines() + outcomes)))
            return
        # Presenting: an oversized card's title is masked if the card is confidential.
        lines = [self._secrets.hide(line) for line in result.summary_lines() + outcomes]
        metrics.update(Content.assemble(((iteration.goal + "\n"), "italic") if iteration.goal else "",
                                        "\n".join(lines)))

    def _show_previous(self) -> None:
        table = self.query_one("#previous", DataTable)
        row = table.cursor_row
        table.clear()
        marks = {"done": "✓", "carried": "→", "dropped": "✗", "open": tick(False)}
        for action in self.previous:
            text = self._secrets.card(action.item_id, action.text)
            table.add_row(marks.get(action.status, "?"), Text(text), Text(action.owner or "—"),
                          f"{action.due:%d %b}" if action.due else "", key=str(action.id))
        if not self.previous:
            table.add_row("", Text("(no previous retrospective)"), "", "")
        table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def _show_new_actions(self) -> None:
        actions = self.detail.actions if self.detail else []
        lines = [Content.from_markup("[b]New action items[/b] (a adds one)")]
        for action in actions:
            due = f", due {action.due:%d %b}" if action.due else ""
            card = f" (card #{action.item_id})" if action.item_id else ""
            text = self._secrets.card(action.item_id, action.text)
            lines.append(Content(f"{tick(action.status == 'done')} {text} — "
                                 f"{action.owner or 'unassigned'}{due}{card}"))
        self.query_one("#new-actions", Static).update(Content("\n").join(lines))

    def _voters(self) -> list[tuple[int, str]]:
        return self.detail.attendees if self.detail else []

    def _show_status(self) -> None:
        status = self.query_one("#status", Static)
        if self.meeting is None:
            status.update("No retrospective yet for this iteration: R starts one.")
        elif self.live:
            voters = self._voters()
            if voters:
                person_id, name = voters[self.voter_index % len(voters)]
                left = self.store.meetings.votes_left(self.meeting.id, person_id)
                status.update(Content(f"● Voting as {name}: {left} of {self.meeting.votes_per_person} left "
                                      "(o: next voter)"))
            else:
                status.update("Running")
        else:
            when = f"{self.meeting.started.astimezone():%d %b %Y}" if self.meeting.started else ""
            state = "finished" if self.meeting.ended else "unfinished"
            status.update(Content(f"{self.meeting.title} · {when} · {state} (read-only)"))

    def _tick(self) -> None:
        session = self.controller.session
        if not self.live or self.detail is None:
            return
        item = session.current_item()
        timer = self.query_one("#retro-timer", MeetingTimer)
        if item is None:
            timer.show(None, "", 0, 0, False)
        else:
            timer.show(self._secrets.hide(item.title), item.owner, session.used(item), item.box_seconds,
                       session.timer_running)

    # --- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.writes_refused(action):
            return False
        if action in ("timer", "next_item", "lane", "next_voter", "action_item", "carry_over", "discard"):
            return self.live  # hidden unless this retrospective runs: the footer shows what applies
        if action == "vote":
            if not self.live:
                return False
            return None if self.query_one("#lanes", RetroLanes).typing() else True  # typing: keys are text
        if action == "start_retro":  # not for an iteration whose retrospective took place already
            return not self.controller.active and self.meeting is None and self.iteration_id is not None
        if action == "mark_done":
            return True if self.previous else None
        return True

    def _run(self, call, *args: object) -> None:  # noqa: ANN001
        """Write through the store (a refusal is reported), then reload the retro (not its metrics)."""
        self.write(call, *args, reload=False)
        self._load()

    @on(Select.Changed, "#iteration")
    def _iteration_changed(self, event: Select.Changed) -> None:
        if event.value != Select.NULL and event.value != self.iteration_id:
            self.iteration_id = int(str(event.value))
            self._load()

    async def action_start_retro(self) -> None:
        await self.app.run_action(f"start_meeting('retrospective', {self.iteration_id})")

    def action_timer(self) -> None:
        if self.live:
            self._run(self.controller.session.toggle_timer)

    def action_next_item(self) -> None:
        session = self.controller.session
        if not self.live:
            return
        current = session.current_item()
        pending = [a for a in self.previous if a.status == "open"]
        if current is not None and current.title == PREVIOUS_ITEM and pending:
            self.notify(f"{plural(len(pending), 'previous action item')} still open: mark each done (x) or carried over (c) "
                        "before moving on", severity="warning")
            self.query_one("#previous", DataTable).focus()
            return
        self._run(session.next_item)

    def action_lane(self, lane: str) -> None:
        self.query_one("#lanes", RetroLanes).focus_lane(lane)

    def action_leave_input(self) -> None:
        """escape: from a lane's box to that lane's notes (to vote), else to the previous action items."""
        lanes = self.query_one("#lanes", RetroLanes)
        if lanes.typing():
            lanes.focus_notes()
        else:
            self.query_one("#previous", DataTable).focus()

    def action_vote(self, step: int) -> None:
        if self.live and not self.query_one("#lanes", RetroLanes).vote(step):
            self.notify("No note to vote on in this lane: left / right picks another lane", severity="warning")

    async def action_discard(self) -> None:
        if self.live:
            await self.app.run_action("discard_meeting")

    def action_next_voter(self) -> None:
        self.voter_index += 1
        self._show_status()

    def _selected_previous(self) -> ActionItemRead | None:
        table = self.query_one("#previous", DataTable)
        if not self.previous or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((a for a in self.previous if str(a.id) == key), None)

    def action_mark_done(self) -> None:
        action = self._selected_previous()
        if action is not None:
            if action.status in ("carried", "dropped"):
                self.report(ValidationFailed("action item", f"it was {action.status} already"))
                return
            self._run(self.controller.mark_previous, action)

    def action_carry_over(self) -> None:
        action = self._selected_previous()
        if action is None or self.meeting is None:
            return
        if action.status != "open":
            self.report(ValidationFailed("action item", f"it is already {action.status}"))
            return
        self._run(self.controller.carry_over, action, self.meeting.id)

    def action_action_item(self) -> None:
        if self.meeting is not None and self.live:
            ask_action(self, self.controller, self.meeting.id, None)

    @on(RetroLanes.NoteAdded)
    def _note_added(self, event: RetroLanes.NoteAdded) -> None:
        if self.meeting is not None and self.live and not self.refuses("lane"):
            self._run(self.controller.add_note, self.meeting.id, event.lane, event.text)

    @on(RetroLanes.VoteRequested)
    def _vote(self, event: RetroLanes.VoteRequested) -> None:
        voters = self._voters()
        if not self.live or not voters or self.refuses("vote"):
            return
        person_id = voters[self.voter_index % len(voters)][0]
        self._run(self.controller.vote, event.note_id, person_id, event.step)
