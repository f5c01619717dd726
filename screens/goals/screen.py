"""The Goals screen (key 7): the OKR board of the project shown.

The screen composes the widgets, binds the keys and turns them into calls on its ``GoalsController``
(the board read through ``okr_board``, the filter, what is shown); every change goes through
``store.goals`` by ``self.write`` or a form's ``self.submitter`` (one transaction, logged, undoable
with u).  Another window's check-in reaches it through ``refresh_data`` (live updates).
"""

from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.reactive import Reactive
from textual.widget import Widget
from textual.containers import Vertical
from textual.widgets import Input, Static

from cockpit.db.errors import StoreError
from cockpit.db.text import clean_line
from cockpit.logic.checkin_entry import CheckinEntry
from cockpit.logic.present import mask
from cockpit.screens.base import CockpitScreen, quotes_confidential
from cockpit.screens.goals.controller import GoalsController, number
from cockpit.screens.goals.detail import KrDetailModal
from cockpit.screens.goals.detail_lines import detail_said, detail_text
from cockpit.screens.goals.checkin_bar import BarKr, CheckinBar
from cockpit.screens.goals.forms import KrFormModal, ObjectiveFormModal
from cockpit.screens.goals.investment import InvestmentModal
from cockpit.screens.goals.help import HELP
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.widgets.filter_box import FilterBox
from cockpit.widgets.okr_table import OkrLine, OkrTable

if TYPE_CHECKING:
    from cockpit.context import Workspace


class GoalsScreen(CockpitScreen):
    HELP = HELP
    DEFAULT_CSS = """
    GoalsScreen #goals-status { height: 1; padding: 0 1; background: $panel; color: $text; }
    GoalsScreen #goals-filter { height: 3; }
    GoalsScreen #goals-foot { height: 2; }
    GoalsScreen #goals-detail {
        height: 2; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; dock: bottom;
    }
    GoalsScreen #goals-checkin { dock: bottom; }
    GoalsScreen.-presentation #goals-foot { height: 1; }
    GoalsScreen.-presentation #goals-foot.-open { height: 2; }
    GoalsScreen.-presentation #goals-detail { height: 1; }
    """
    # Textual repaints the whole screen when the focus moves (``Screen.focused`` is a repainting
    # reactive): a full composite of the screen (~40–70 ms on a loaded machine) on opening the
    # check-in bar and again on closing it.  The widgets that gain or lose the focus redraw
    # themselves, and the OKR table looks the same either way, so nothing else needs drawing.
    focused: Reactive["Widget | None"] = Reactive(None, repaint=False)
    WRITES = frozenset({"new_objective", "new_kr", "edit", "check_in", "delete"})
    BINDINGS = [
        Binding("c", "check_in", "Check in", id="goals.check_in",
                tooltip="Record today's (or another day's) value of the selected KR's metric"),
        Binding("n", "new_kr", "New KR", id="goals.new_kr", tooltip="Add a key result to the selected objective"),
        Binding("N", "new_objective", "New objective", id="goals.new_objective",
                tooltip="Add an objective to the project shown"),
        Binding("e", "edit", "Edit", id="goals.edit", tooltip="Edit the selected objective or key result"),
        Binding("enter", "detail", "Detail", id="goals.detail",
                tooltip="The selected KR's check-ins, linked cards and monthly targets against actuals"),
        Binding("t", "investment", "Teams", id="goals.investment",
                tooltip="Team investment: per team, the cards delivered lately and the share serving each objective"),
        Binding("slash", "filter", "Filter", id="goals.filter", tooltip="Filter by @owner, mod:module or words"),
        Binding("escape", "clear", "Clear filter", show=False, id="goals.clear", tooltip="Show every KR again"),
        Binding("x", "delete", "Delete", show=False, id="goals.delete",
                tooltip="Delete the selected objective (with its KRs) or key result (asks first)"),
    ]

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = GoalsController(workspace.store)
        self._texts: dict[str, object] = {}
        self._keys_state: tuple = ()
        self._detail_said: tuple | None = None  # what the detail lines say (see ``_show_detail``)
        self.bar = CheckinBar(id="goals-checkin")

    # --- layout --------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield Static("", id="goals-status", markup=False)
        yield FilterBox(placeholder="filter: @owner, mod:payments, words — enter to keep, escape to clear",
                        id="goals-filter")
        yield OkrTable(id="goals-table")
        with Vertical(id="goals-foot"):  # the detail lines lie over the bar: hidden, they uncover it
            yield self.bar
            yield Static("", id="goals-detail")

    def on_mount(self) -> None:
        self.query_one(OkrTable).focus()  # the data comes with on_screen_resume, once shown

    # --- data ----------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        if not self.is_mounted:
            return
        try:
            self.controller.load(self.today)
        except StoreError as error:
            self.report(error)
            return
        self._show()

    def _show(self) -> None:
        lines = self.controller.lines(self.presenting)
        self.query_one(OkrTable).show(lines)
        shown = sum(1 for line in lines if line.kr_id is not None)
        status = self.controller.status(shown)
        if not self.controller.blocks:
            status = "No objectives yet: N adds one to this project, then n adds its key results."
        self._update("#goals-status", status)
        self._show_detail()
        self._refresh_keys()

    def _update(self, selector: str, text: str | Content) -> None:
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text, layout=False)

    def _refresh_keys(self) -> None:
        if self._checking_in():
            return  # the bar has the focus and greys these keys; closing it moves the focus: all redrawn then
        state = tuple(self.check_action(action, ()) for action in ("check_in", "edit", "detail", "delete", "new_kr"))
        if state != self._keys_state:
            self._keys_state = state
            self.refresh_bindings()

    def current(self) -> OkrLine | None:
        return self.query_one(OkrTable).current

    def _show_detail(self) -> None:
        line = self.current()
        said = detail_said(line, self.controller, self.today, self.presenting) if line is not None else None
        if said == self._detail_said:
            return  # the lines say that already (their markup is not parsed again on every key)
        self._detail_said = said
        self._update("#goals-detail", detail_text(said) if said is not None else Content(""))

    @on(OkrTable.KrHighlighted, "#goals-table")
    def _highlighted(self) -> None:
        self._show_detail()
        self._refresh_keys()

    @on(OkrTable.KrChosen, "#goals-table")
    def _chosen(self) -> None:
        self.action_detail()

    # --- filtering -----------------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#goals-filter", FilterBox)
        box.open()
        box.focus()

    @on(Input.Changed, "#goals-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.controller.set_filter(event.value)
        self._show()

    @on(Input.Submitted, "#goals-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#goals-filter", FilterBox).close()
        self.query_one(OkrTable).focus()

    def action_clear(self) -> None:
        box = self.query_one("#goals-filter", FilterBox)
        box.value = ""
        box.close()
        self.controller.set_filter("")
        self._show()
        self.query_one(OkrTable).focus()

    # --- key availability ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.writes_refused(action):
            return False
        if not self.is_mounted:
            return True
        if action in self.WRITES | {"detail", "investment", "filter", "clear"} and self._checking_in():
            return False  # typed into the check-in bar, which is open: greyed in the footer
        line = self.current()
        if action in ("check_in", "detail"):
            return True if line is not None and line.kr_id is not None else None
        if action in ("edit", "delete"):
            return True if line is not None else None
        if action == "new_kr":
            return True if self.controller.blocks else None
        return True

    # --- actions -------------------------------------------------------------------------------

    def _hidden(self, line: OkrLine) -> bool:
        """The line belongs to a confidential objective and we are presenting: no form quotes it."""
        if self.presenting and line.confidential:
            self.hidden_while_presenting(f"{line.code} is confidential: leave presentation mode (f5) to open it.")
            return True
        return False

    def action_new_objective(self) -> None:
        project = self.store.workspace.project_id()

        def save(values: dict[str, Any]) -> object:
            saved = self.store.goals.add_objective(project_id=project, **values)
            self._select = f"o:{saved.id}"
            return saved

        self._select: str | None = None
        self.app.push_screen(ObjectiveFormModal(self.submitter(save), today=self.today,
                                                people=list(self.controller.people.values())), self._saved)

    def _saved(self, values: dict[str, Any] | None) -> None:
        if values is not None and self._select:
            self.query_one(OkrTable).move_to(self._select)
            self._show_detail()

    def action_new_kr(self) -> None:
        line = self.current()
        objective_id = line.objective_id if line else None

        def save(values: dict[str, Any]) -> object:
            saved = self.store.goals.add_kr(**values)
            self._select = f"k:{saved.id}"
            return saved

        self._select = None
        self.app.push_screen(KrFormModal(self.submitter(save), people=list(self.controller.people.values()),
                                         objectives=self._objective_choices(), objective_id=objective_id,
                                         code=self._next_code(objective_id)), self._saved)

    def _objective_choices(self) -> list[tuple[str, int]]:
        choices = []
        for block in self.controller.blocks:
            objective = block.objective
            title = mask(objective.title) if self.presenting and objective.confidential else objective.title
            choices.append((f"{self.controller.objective_code(objective)} {title}", objective.id))
        return choices

    def _next_code(self, objective_id: int | None) -> str:
        """A free code for the objective's next KR (``O2-KR3``), as the store would choose it."""
        if objective_id is None:
            return ""
        try:
            return self.store.goals.suggest_code(objective_id)
        except StoreError:
            return ""

    def action_edit(self) -> None:
        line = self.current()
        if line is None or self._hidden(line):
            return
        self._select = line.key
        if line.kr_id is None:
            objective = self.controller.objectives[line.objective_id]

            def save_objective(values: dict[str, Any]) -> object:
                return self.store.goals.update_objective(objective.id, objective.version, **values)

            self.app.push_screen(ObjectiveFormModal(self.submitter(save_objective), today=self.today,
                                                    people=list(self.controller.people.values()),
                                                    objective=objective), self._saved)
            return
        kr = self.controller.entries[line.kr_id].kr

        def save_kr(values: dict[str, Any]) -> object:
            return self.store.goals.update_kr(kr.id, kr.version, **values)

        self.app.push_screen(KrFormModal(self.submitter(save_kr), people=list(self.controller.people.values()),
                                         objectives=self._objective_choices(), objective_id=kr.objective_id,
                                         kr=kr), self._saved)

    # --- check-in: the bar under the board (c) ----------------------------------------------------

    def action_check_in(self, saved: str = "") -> None:
        """c: the check-in bar, in place of the detail lines, for the selected KR (no dialog)."""
        line = self.current()
        if line is None or line.kr_id is None:
            return
        kr = self.controller.entries[line.kr_id].kr
        metric = mask(kr.metric, short=True) if self.presenting and line.confidential else kr.metric
        if self.presenting:  # (the detail is one line then, the bar two)
            self.query_one("#goals-foot").add_class("-open")
        self.query_one("#goals-detail").visible = False
        self.bar.open(BarKr(kr.id, kr.code, metric, kr.unit), self.today,
                                        partial(self.controller.value_on, kr.id), saved=saved)

    def _checking_in(self) -> bool:
        return self.bar.is_open

    def _close_check_in(self) -> None:
        # the screen's set_focus, not the table's focus(): that draws the whole table again, and
        # nothing on it changes (it looks the same focused or not); the focus goes straight there
        self.set_focus(self.query_one(OkrTable), scroll_visible=False)
        self.bar.close()
        self.query_one("#goals-detail").visible = True
        self.query_one("#goals-foot").remove_class("-open")

    @on(CheckinBar.Cancelled)
    def _check_in_cancelled(self) -> None:
        self._close_check_in()

    @on(CheckinBar.Submitted)
    def _check_in_submitted(self, event: CheckinBar.Submitted) -> None:
        saved = ""
        if event.entry is not None:
            saved = self._save_check_in(event.kr_id, event.entry)
            if not saved:
                return  # refused: said in the bar, which stays open with what was typed
            self._update("#goals-status", f"Checked in {saved} (u undoes it)")
        if event.step and self.query_one(OkrTable).move_to_kr(event.step):
            self.action_check_in(saved)
        else:
            self._close_check_in()

    def _save_check_in(self, kr_id: int, entry: CheckinEntry) -> str:
        """Write the check-in through the store (that row alone recomputed and redrawn); what was
        saved ("O1-KR2 = 64 s on Thu 03 Dec 2026"), or "" with the refusal said in the bar."""
        kr = self.controller.entries[kr_id].kr if kr_id in self.controller.entries else None

        def save() -> object:
            saved = self.store.goals.check_in(kr_id, entry.day, entry.value, clean_line(entry.note))
            self.controller.checked_in(kr_id)  # that row alone, unless others wrote too
            return saved

        try:
            self.submitter(save)()
        except StoreError as error:
            self.bar.show_error(f"Not saved: {self.secrets().hide(error.message)}")
            return ""
        code, unit = (kr.code, kr.unit) if kr else (f"#{kr_id}", "")
        return f"{code} = {number(entry.value, unit)} on {entry.day:%a %d %b %Y}"

    def action_investment(self) -> None:
        """t: per team, the cards delivered in the last weeks and the share serving each objective."""
        self.app.push_screen(InvestmentModal(lambda weeks: self.controller.investment(self.today, weeks)))

    def action_detail(self) -> None:
        line = self.current()
        if line is None:
            return
        if line.kr_id is None:
            return
        entry = self.controller.entries[line.kr_id]
        detail = self.controller.detail(entry.kr.id, self.presenting)
        modal = KrDetailModal(detail)

        def closed(then: str | None) -> None:
            if then == "check_in" and self.current() is not None and self.current().kr_id == entry.kr.id:
                self.action_check_in()

        self.app.push_screen(quotes_confidential(modal, line.code, line.confidential), closed)

    def action_delete(self) -> None:
        line = self.current()
        if line is None:
            return
        if line.kr_id is None:
            objective = self.controller.objectives[line.objective_id]
            what = f"the objective {line.code} “{line.title}” and its key results"

            def delete() -> bool:
                self.store.goals.delete_objective(objective.id, objective.version)
                return True
        else:
            kr = self.controller.entries[line.kr_id].kr
            what = f"the key result {kr.code} “{line.title}” and its check-ins (cards linked to it keep their place)"

            def delete() -> bool:
                self.store.goals.delete_kr(kr.id, kr.version)
                return True

        def answer(yes: bool | None) -> None:
            if yes and self.write(delete):
                self.notify(f"Deleted {line.code} (u undoes it)", markup=False)

        dialog = ConfirmModal(f"Delete {what}?", "u undoes it.", yes="Delete", danger=True)
        self.app.push_screen(quotes_confidential(dialog, line.code, line.confidential), answer)
