"""The gated kanban board: cards move by keyboard while people talk; every move is saved and undoable,
gates stop a card that has not met a stage's entry criteria, and it stays instant at 5,000 cards."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from cockpit.context import HIGH_CONTRAST_THEME
from cockpit.db.errors import StoreError
from cockpit.db.models import StageRead
from cockpit.screens.base import CockpitScreen, quotes_confidential
from cockpit.screens.board.block_modal import BlockModal
from cockpit.screens.board.card_form import CardFormModal
from cockpit.screens.board.controller import BoardController
from cockpit.screens.board.keys import BOARD_BINDINGS
from cockpit.screens.board.admission import Admission, Entering
from cockpit.screens.board.model import BoardModel
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.screens.shared.kr_suggester import kr_choices
from cockpit.widgets.board_layout import CardData
from cockpit.widgets.board_view import BoardView
from cockpit.widgets.card_view import estimate_label
from cockpit.widgets.detail_bar import DetailBar
from cockpit.logic.wording import plural
from cockpit.widgets.filter_box import FilterBox

if TYPE_CHECKING:
    from cockpit.context import Workspace

HELP = """\
Columns are the project's stages, in order.  A header shows the stage's name and its **WIP** as
count/limit (*over* and red when over the limit); **◆** marks a stage with entry criteria (a gate).
A card shows its title, then `@owner`, the estimate in person-days (`3pd!` when above two: split it),
days in the current stage, kind and priority.  **⊘** marks a blocked card; the reason shows in the
bar below the board when the card has the cursor.

**Moving a card** into a gated stage opens its checklist: `space` ticks a criterion, `enter` moves
the card once all are ticked, `o` lets it through with a typed reason, `escape` cancels.  A full
column asks first (also for a new card), and a blocked card is warned about before a gate.  A new card in a
gated column passes the checklist when its form is saved.  All of it is recorded in the change log.
`u` undoes.

**The card form** (new card, edit) marks a bad field as you type; "Blocked because" blocks or unblocks the
card.  If another window saved the card meanwhile, `ctrl+l` loads their version.

**Filter** (`/`): words match titles; `@ann` an owner, `#0929` an iteration, `is:blocked` blocked
cards; several `@`/`#` widen, words narrow.  `escape` clears.  **Swimlanes** (`s`): by owner, by
iteration, none.  `a` shows the card's activity: its moves, edits, blocks with their reasons, gate
overrides and the meetings they were made in.

**Iterations** (`i`): the board shows the project's current iteration (the running one that started
last) plus unfinished cards of earlier iterations or of none; `i` shows every iteration, and again
goes back.  The header says which.  `I` lists the iterations with their load against the team's
capacity, and closes or reopens one.  `ctrl+o` switches to another project.

**Forecast** (`f`): by when the cards shown (filter and iteration view) will be done, at 50, 85 and
95 %: a Monte Carlo simulation over the project's cards delivered per week in the last 12 weeks.
"""

LANE_NAMES = {"none": "no swimlanes", "owner": "swimlanes by owner", "iteration": "swimlanes by iteration"}


class BoardScreen(CockpitScreen):
    HELP = HELP
    DEFAULT_CSS = """
    BoardScreen #board-filter { dock: top; height: 3; border: tall $accent; }
    BoardScreen #board-detail { height: 2; }
    """
    WRITES = frozenset({"move", "reorder", "new", "edit", "delete", "block"})
    BINDINGS = BOARD_BINDINGS

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = BoardController(workspace.store)
        self.admission = Admission(self)

    @property
    def model(self) -> BoardModel:
        """What the board shows (the controller's; read by tests and benchmarks)."""
        return self.controller.model

    def compose_body(self) -> ComposeResult:
        yield FilterBox(placeholder="filter: words, @owner, #iteration, is:blocked — enter keeps it, escape clears",
                        id="board-filter")
        yield BoardView(id="board")
        yield DetailBar(id="board-detail")

    @property
    def view(self) -> BoardView:
        return self.query_one(BoardView)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._sync_cursor())
        self._sync_presentation()
        try:
            self.controller.load(self.today)
        except StoreError as error:
            self.report(error)
        self._show()
        self.view.focus()

    # --- loading -------------------------------------------------------------------------------

    def _show(self, cursor_id: int | None = None) -> None:
        model = self.model
        self.view.empty_text = self.controller.empty_text()
        self.view.set_board(model.columns(), model.cards(), model.lane_order(), cursor_id=cursor_id)

    def refresh_data(self, cursor_id: int | None = None) -> None:
        """Catch up with the store (undo, redo, another window): only changed cards are re-read."""
        if not self.is_mounted:
            return
        switched = self._sync_presentation()  # f5 may have been pressed while another screen was shown
        scope = self.controller.scope_text()
        try:
            changed = self.controller.refresh(self.today)
        except StoreError as error:
            self.report(error)
            return
        if changed or switched or cursor_id is not None:
            self._show(cursor_id)
        if self.controller.scope_text() != scope:  # another iteration is current now: the header says so
            self.scope_changed()

    def _sync_presentation(self) -> bool:
        """Roomy cards and masked confidential text while presenting; True if the mode changed."""
        presenting = self.presenting
        self.view.roomy = presenting
        self._sync_cursor()
        return self.controller.set_presenting(presenting)

    def _sync_cursor(self) -> None:
        """The focused card is a solid block while presenting and in the high-contrast theme."""
        strong = self.presenting or self.app.theme == HIGH_CONTRAST_THEME
        if self.view.strong_cursor != strong:
            self.view.strong_cursor = strong
            self.view.refresh()

    def presentation_changed(self, presenting: bool) -> None:
        if self.is_mounted and self._sync_presentation():
            self._show(self.view.cursor_id)
        form = self.app.screen
        if presenting and isinstance(form, CardFormModal) and form.item is not None and form.item.confidential:
            form.dismiss(None)  # f5 pressed with a confidential card open: its words must leave the screen
            self.hidden_while_presenting(f"Card #{form.item.id} is confidential: its form was closed without saving.")

    def action_activity(self) -> None:
        """The card's activity feed (reads the change log; writes nothing)."""
        from cockpit.screens.history.activity import activity_modal

        if (card := self.view.cursor_card) is not None:
            self.app.push_screen(activity_modal(self.store, card.id, self.secrets()))

    def focus_item(self, item_id: int) -> None:
        """Put the cursor on a card (the palette's "jump to card"), clearing a filter that hides it."""
        self.refresh_data()
        if item_id not in self.view.layout_data.where and self.model.filter.active:
            self.action_clear_filter()
        if not self.view.select(item_id):
            self.notify(f"card #{item_id} is not on the board", severity="warning", markup=False)
        self.view.focus()

    # --- cursor, detail bar, what applies ------------------------------------------------------

    @on(BoardView.CursorMoved)
    def _cursor_moved(self, event: BoardView.CursorMoved) -> None:
        self._show_detail(self.view.cursor_card)
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Grey out what no longer applies; only when that changes (the footer rebuilds itself)."""
        actions = (("move", (-1,)), ("move", (1,)), ("reorder", (-1,)), ("reorder", (1,)), ("edit", ()),
                   ("new", ()), ("clear_filter", ()))
        state = tuple(self.check_action(name, args) for name, args in actions)
        if state != getattr(self, "_keys_state", None):
            self._keys_state = state
            self.refresh_bindings()

    @on(BoardView.Activated)
    def _activated(self, event: BoardView.Activated) -> None:
        if not self.refuses("edit"):
            self.action_edit()

    def _show_detail(self, card: CardData | None) -> None:
        detail = self.query_one("#board-detail", DetailBar)
        if card is None:
            stage = self.controller.stage_at(self.view.cursor_column)
            detail.show(Text(f"{stage.name}: no card here (n adds one)" if stage else "", style="dim"))
            return
        stage = self.controller.stage_of(card)
        line = Text(f"#{card.id} ", style="dim")
        if card.confidential and not self.presenting:  # presenting, the mask itself says so
            line.append("🔒 ", style="yellow")
        line.append(card.title, style="bold")
        owner = f"@{card.owner} ({card.owner_name})" if card.owner else "no owner"
        parts = [owner, f"{plural(card.days, 'day')} in {stage.name if stage else '?'}", estimate_label(card),
                 f"due {card.due}" if card.due else "no due date",
                 f"iteration {card.iteration}" if card.iteration else "no iteration", f"{card.kind}, {card.priority}"]
        line.append("  ·  " + " · ".join(parts), style="dim")
        if card.blocked:
            line.append("\n⊘ BLOCKED: ", style="bold red")
            line.append(card.reason or "(no reason given)", style="red")
        elif card.oversized:
            line.append("\nestimate above 2 person-days: split it", style="yellow")
        line.no_wrap = True
        line.overflow = "ellipsis"
        detail.show(line)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.writes_refused(action):
            return False
        if not self.is_mounted:
            return True
        view = self.view
        card = view.cursor_card
        step = parameters[0] if parameters and isinstance(parameters[0], int) else 0
        if action == "move":
            return True if self.controller.can_move(card, step) else None
        if action == "reorder":
            return True if card and view.layout_data.neighbour(card.id, step) else None
        if action in ("edit", "delete", "block"):
            return True if card else None
        if action == "new":
            return True if self.controller.stage_at(view.cursor_column) else None
        if action == "clear_filter":
            return True if self.model.filter_text or self.has_class("filtering") else None
        return True

    # --- writes (through the controller; ``write`` reports a refusal) ----------------------------

    def _write(self, call: Any, *args: object, cursor_id: int | None = None) -> object:
        """Write through the controller; reload keeping the cursor on ``cursor_id`` (one reload)."""
        result = self.write(call, *args, reload=False)
        self.refresh_data(cursor_id=cursor_id)
        return result

    def action_move(self, step: int) -> None:
        """Into the next (or previous) stage: a blocked card through a gate is warned about, a full
        column asks, then the gate's checklist (in that order, see ``admission``)."""
        card = self.view.cursor_card
        plan = self.controller.move_plan(card, step) if card else None
        if plan is None:
            return
        entering = Entering(card.title, plan.source.name, plan.target, card.id, card.confidential,
                            card.reason if card.blocked else None)
        asks = self.admission
        asks.run([asks.blocked_step(entering), asks.wip_step(entering), asks.gate_step(entering)],
                 lambda detail: self._write(self.controller.move, plan, detail, cursor_id=card.id),
                 lambda: self.notify("Move cancelled: the card stays in " + plan.source.name, markup=False))

    def action_reorder(self, step: int) -> None:
        card = self.view.cursor_card
        neighbour = self.view.layout_data.neighbour(card.id, step) if card else None
        if card is None or neighbour is None:
            return
        self._write(self.controller.reorder, card, neighbour, step, cursor_id=card.id)

    def action_new(self) -> None:
        """A new card in the focused column: a full column asks first; in a gated column the card goes
        through the gate's checklist when it is saved, before anything is written."""
        stage = self.controller.stage_at(self.view.cursor_column)
        if stage is None:
            return
        asks = self.admission
        wip = asks.wip_step(Entering("New card", "new card", stage), verb="Create")
        asks.run([wip], lambda detail: self._new_card(stage, detail),
                 lambda: self.notify(f"No card created: {stage.name} is full", markup=False))

    def _new_card(self, stage: StageRead, wip: dict) -> None:
        created: list = []

        def create(fields: dict) -> object:
            created.append(self.controller.create(stage.id, fields, wip | form.gate_detail))
            return created[-1]

        def gate(fields: dict, then: Callable[[dict | None], None]) -> None:
            step = self.admission.gate_step(Entering(fields["title"], "new card", stage,
                                                     confidential=fields.get("confidential", False)))
            if step is None:
                then({})
            else:
                step(then)

        def closed(fields: dict | None) -> None:
            if fields is not None and created:
                self.refresh_data(cursor_id=created[-1].id)

        form = CardFormModal(self.submitter(create), title=f"New card in {stage.name}", today=self.today,
                             people=self.controller.people(), iterations=self.controller.iterations(),
                             default_iteration=self.controller.current_iteration_id(self.today),
                             gate=gate if stage.criteria else None, krs=kr_choices(self.store, self.presenting))
        self.app.push_screen(form, closed)

    def action_edit(self) -> None:
        card = self.view.cursor_card
        if card is None:
            return
        if card.confidential and self.presenting:
            self.hidden_while_presenting(f"Card #{card.id} is confidential: leave presentation mode (f5) to open it.")
            return
        item = self.write(self.controller.item, card.id, reload=False)
        if item is None:
            self.refresh_data()
            return
        if item.confidential and self.presenting:  # marked confidential in another window meanwhile
            self.hidden_while_presenting(f"Card #{item.id} is confidential: leave presentation mode (f5) to open it.")
            self.refresh_data()
            return

        def closed(fields: dict | None) -> None:
            if fields is not None:
                self.refresh_data(cursor_id=item.id)

        form = CardFormModal(self.submitter(lambda fields: self.controller.update(form.item, fields)),
                             title=f"Edit card #{item.id}", today=self.today, item=item,
                             people=self.controller.people(), iterations=self.controller.iterations(),
                             current=self.controller.item, krs=kr_choices(self.store, self.presenting))
        self.app.push_screen(form, closed)

    def action_delete(self) -> None:
        card = self.view.cursor_card
        if card is None:
            return

        def delete(yes: bool | None) -> None:
            if yes:
                self._write(self.controller.delete, card)

        self.app.push_screen(quotes_confidential(ConfirmModal("Delete card", f"Delete “{card.title}”?  (u undoes it)",
                                                              yes="Delete"), f"Card #{card.id}", card.confidential),
                             delete)

    def action_block(self) -> None:
        card = self.view.cursor_card
        if card is None:
            return
        if card.blocked:
            if self._write(self.controller.set_blocked, card, False, cursor_id=card.id) is not None:
                self.notify(f"Unblocked: {card.title}", markup=False)
            return

        def closed(values: dict | None) -> None:
            if values is not None:
                self.refresh_data(cursor_id=card.id)

        save = self.submitter(lambda values: self.controller.set_blocked(card, True, values["reason"]))
        self.app.push_screen(quotes_confidential(BlockModal(card.title, save), f"Card #{card.id}", card.confidential),
                             closed)

    # --- iterations, lanes and filter ----------------------------------------------------------

    def header_scope(self) -> str | None:
        return self.controller.scope_text() if self.is_mounted else None

    def action_iterations(self) -> None:
        self.controller.toggle_iterations()
        self._show(self.view.cursor_id)
        self.scope_changed()
        self.notify(self.controller.scope_text(), markup=False)

    def action_iteration_list(self) -> None:
        from cockpit.screens.shared.iterations import open_iterations

        open_iterations(self, self.workspace.project_id or self.store.workspace.project_id(), "Iterations",
                        self.refresh_data)

    def project_changed(self) -> None:
        self.refresh_data()
        self.scope_changed()

    def action_lanes(self) -> None:
        lanes = self.controller.cycle_lanes()
        self._show(self.view.cursor_id)
        self.notify(LANE_NAMES[lanes].capitalize(), markup=False)

    def action_filter(self) -> None:
        self.add_class("filtering")
        box = self.query_one("#board-filter", FilterBox)
        box.open()
        # Focus now, not on the next turn of the event loop (Widget.focus): a key typed right after
        # "/" must reach the filter, never the board (where "b" blocks a card).
        self.set_focus(box)
        self._refresh_keys()

    def _set_filter(self, text: str) -> None:
        self.controller.set_filter(text)
        self._show(self.view.cursor_id)

    @on(Input.Changed, "#board-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.value:
            self.add_class("filtering")  # the box opens itself: a filter in force is always shown
        self._set_filter(event.value)

    @on(Input.Submitted, "#board-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.remove_class("filtering")
            self.query_one("#board-filter", FilterBox).close()
        self.view.focus()
        self._refresh_keys()

    def action_clear_filter(self) -> None:
        field = self.query_one("#board-filter", FilterBox)
        self.remove_class("filtering")
        if field.value:
            field.value = ""
        field.close()
        self._set_filter("")
        self.view.focus()
        self._refresh_keys()

    def action_forecast(self) -> None:
        from cockpit.screens.board.forecast_modal import open_forecast

        open_forecast(self, {card.id for column in self.model.cards() for card in column}, self.model.filter_text)
