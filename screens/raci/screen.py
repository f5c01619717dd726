"""The RACI screen: who is Responsible, Accountable, Consulted, Informed for each delivery activity."""

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Static

from cockpit.logic.raci import OVERLOAD_FACTOR, OVERLOAD_MINIMUM, RaciGrid, role_load, summary
from cockpit.db.errors import StoreError
from cockpit.db.models_raci import LETTER_NAMES, ActivityRead
from cockpit.screens.base import CockpitScreen
from cockpit.screens.raci.activity_form import ActivityDraft, ActivityFormModal
from cockpit.screens.raci.controller import RaciController
from cockpit.screens.raci.role_form import RoleFormModal
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.widgets.raci_load import RoleLoadLine, RoleLoadPanel
from cockpit.widgets.raci_table import ActivityRow, PhaseGroup, RaciTable, RoleColumn

if TYPE_CHECKING:
    from cockpit.context import Workspace

_LETTERS = Binding.Group("Set R/A/C/I")
_ROLE_ACTIONS = {"set_letter", "cycle", "clear", "rename_role"}
_ACTIVITY_ACTIONS = {"toggle_gate", "edit_activity", "delete_activity", "reorder"} | _ROLE_ACTIONS


class RaciScreen(CockpitScreen):
    HELP = """\
Rows are the activities of the delivery process, grouped by phase; columns are roles.  Each cell
says who is **R**esponsible (does the work), **A**ccountable (owns the result, signs off),
**C**onsulted (asked before) or **I**nformed (told after).

- Every activity needs **exactly one A and at least one R**.  A row that breaks the rule is marked
  `!` and the line above the table counts the problems.
- `◆` marks a **gate**: a checkpoint that needs a sign-off.  A gate can guard a board stage (edit the
  activity): a card entering that stage shows the activity's Accountable role and the people holding
  it as the approver.
- `l` shows the **role load**: how many activities each role is R or A for; overloaded roles are
  flagged.
- Add and rename roles and activities from here or the palette (`ctrl+p`).  Every change is saved at
  once and `u` undoes it.
- Export for a wiki: `cockpit export raci --db FILE --format md --out raci.md`; CSV round trip:
  `--format csv`, then `cockpit import raci --db FILE raci.csv`.
"""
    DEFAULT_CSS = """
    RaciScreen #raci-summary { height: 1; padding: 0 1; }
    RaciScreen #raci-summary.-ok { color: $success; }
    RaciScreen #raci-summary.-problems { color: $error; text-style: bold; }
    RaciScreen #raci-body { height: 1fr; }
    RaciScreen #raci-detail {
        height: 3; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """
    WRITES = frozenset(_ACTIVITY_ACTIONS | {"new_activity", "add_role"})
    BINDINGS = [
        Binding("r", "set_letter('R')", "Set R", id="raci.set_r", group=_LETTERS,
                tooltip="Responsible: does the work"),
        Binding("a", "set_letter('A')", "Set A", id="raci.set_a", group=_LETTERS,
                tooltip="Accountable: owns the result and signs off (exactly one per activity)"),
        Binding("c", "set_letter('C')", "Set C", id="raci.set_c", group=_LETTERS,
                tooltip="Consulted: asked before the work is done"),
        Binding("i", "set_letter('I')", "Set I", id="raci.set_i", group=_LETTERS,
                tooltip="Informed: told when it is done"),
        Binding("space", "cycle", "Cycle letter", id="raci.cycle", show=False,
                tooltip="Cycle the cell: blank, R, A, C, I, blank"),
        Binding("delete,backspace", "clear", "Clear", id="raci.clear", show=False, tooltip="Clear the cell"),
        Binding("g", "toggle_gate", "Gate", id="raci.gate", tooltip="Mark or unmark the activity as a gate"),
        Binding("n", "new_activity", "New", id="raci.new", tooltip="Add an activity to this phase"),
        Binding("e", "edit_activity", "Edit", id="raci.edit",
                tooltip="Rename or edit the activity: phase, standard, deliverable, gate stage"),
        Binding("x", "delete_activity", "Delete activity", id="raci.delete_activity", show=False,
                tooltip="Delete the activity and its letters (asks first)"),
        Binding("shift+up", "reorder(-1)", "Move activity up", id="raci.move_up", show=False,
                tooltip="Move the activity up within its phase"),
        Binding("shift+down", "reorder(1)", "Move activity down", id="raci.move_down", show=False,
                tooltip="Move the activity down within its phase"),
        Binding("l", "toggle_load", "Role load", id="raci.load", tooltip="Show or hide R and A counts per role"),
        Binding("N", "add_role", "Add role", id="raci.add_role", show=False, tooltip="Add a role (a new column)"),
        Binding("E", "rename_role", "Rename role", id="raci.rename_role", show=False,
                tooltip="Rename the role of the current column, or change its short code"),
    ]

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = RaciController(workspace.store)
        self._binding_state: tuple = ()

    @property
    def grid(self) -> RaciGrid | None:
        return self.controller.grid

    def compose_body(self) -> ComposeResult:
        yield Static("", id="raci-summary", markup=False)
        with Horizontal(id="raci-body"):
            yield RaciTable(id="raci-table")
            yield RoleLoadPanel(id="raci-load")
        yield Static("", id="raci-detail")

    def on_mount(self) -> None:
        self.query_one("#raci-load").display = False
        self.query_one(RaciTable).focus()
        self.refresh_data()

    # --- loading -------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        if not self.is_mounted:
            return
        try:
            grid = self.controller.refresh()
        except StoreError as error:
            self.report(error)
            return
        columns = [RoleColumn(role.id, role.name, role.code) for role in grid.roles]
        groups = [PhaseGroup(phase, tuple(
            ActivityRow(a.id, a.name, a.gate, tuple(grid.letter(a.id, role.id) for role in grid.roles),
                        tuple(grid.checks[a.id].problems)) for a in activities))
            for phase, activities in grid.phases()]
        self.query_one(RaciTable).set_data(columns, groups)
        line = self.query_one("#raci-summary", Static)
        ok = all(check.ok for check in grid.checks.values())
        line.set_class(ok, "-ok")
        line.set_class(not ok, "-problems")
        text = ("" if not grid.checks else "✓ " if ok else "⚠ ") + summary(grid)
        if str(line.content) != text:
            line.update(text, layout=False)  # one line high, full width: no screen layout needed
        load = [RoleLoadLine(x.role.code, x.role.name, x.r, x.a, x.c, x.i, x.overloaded) for x in role_load(grid)]
        self.query_one(RoleLoadPanel).set_load(
            load, note=f"overloaded: R or A on {OVERLOAD_MINIMUM}+ activities and over {OVERLOAD_FACTOR}× the "
                       "average role; hand some R's to others.")
        self._show_detail()
        self._refresh_bindings_if_needed()

    def _refresh_bindings_if_needed(self) -> None:
        """Grey out keys that cannot apply; only when that changed (the footer redraw is not free)."""
        state = tuple(self.check_action(action, args) for action, args in
                      (("set_letter", ("R",)), ("toggle_gate", ()), ("reorder", (-1,)), ("reorder", (1,))))
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def _current(self) -> tuple[ActivityRead | None, int | None]:
        activity_id, role_id = self.query_one(RaciTable).current()
        return self.controller.activity(activity_id), role_id

    def _show_detail(self) -> None:
        activity, role_id = self._current()
        detail = self.query_one("#raci-detail", Static)
        if activity is None or self.grid is None:
            detail.update(Content("No activities yet: press n to add one."), layout=False)
            return
        role = self.controller.role(role_id)
        letter = self.grid.letter(activity.id, role_id) if role_id is not None else None
        cell = Content("")
        if role is not None:
            cell = Content.from_markup("  ·  $role ($code): [b]$letter[/b]", role=role.name, code=role.code,
                                       letter=LETTER_NAMES.get(letter or "", "blank"))
        problems = self.grid.checks[activity.id].problems
        head = Content.from_markup("[b]$name[/b]  ·  $phase", name=activity.name, phase=activity.phase)
        if problems:
            head += Content.from_markup("  ·  [b $error]$text[/]", text=", ".join(problems))
        standard = Content.from_markup("[dim]Standard:[/dim] $text", text=activity.criteria or "none written")
        parts = []
        if activity.gate:
            stage = self.controller.stage_names.get(activity.stage_id or -1)
            approver = self.controller.approver(activity.stage_id)
            parts.append(Content.from_markup("[b $error]◆ Gate[/]$stage$who  ·  ",
                                             stage=f" into {stage}" if stage else "",
                                             who=f", approver {approver}" if approver else ""))
        parts.append(Content.from_markup("[dim]Deliverable:[/dim] $text", text=activity.deliverable or "none named"))
        detail.update(Content("\n").join([head + cell, standard, Content("").join(parts)]), layout=False)  # 3 lines

    @on(DataTable.CellHighlighted)
    def _cursor_moved(self) -> None:
        self._show_detail()
        self._refresh_bindings_if_needed()

    @on(DataTable.CellSelected)
    def _enter_pressed(self) -> None:
        if not self.refuses("edit_activity"):
            self.action_edit_activity()

    # --- what applies where --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.writes_refused(action):
            return False
        if action not in _ACTIVITY_ACTIONS or not self.is_mounted:
            return True
        activity, role_id = self._current()
        if activity is None:
            return None
        if action in _ROLE_ACTIONS and role_id is None:
            return None
        if action == "reorder":
            step = parameters[0] if parameters and isinstance(parameters[0], int) else 0
            return True if self.controller.can_reorder(activity, step) else None
        return True

    # --- cell edits (through the controller; ``write`` reports a refusal and reloads) ------------

    def action_set_letter(self, letter: str | None) -> None:
        activity, role_id = self._current()
        if activity is not None and role_id is not None:
            self.write(self.controller.set_letter, activity, role_id, letter)

    def action_cycle(self) -> None:
        activity, role_id = self._current()
        if activity is not None and role_id is not None:
            self.write(self.controller.cycle, activity, role_id)

    def action_clear(self) -> None:
        self.action_set_letter(None)

    # --- activities ----------------------------------------------------------------------------

    def action_toggle_gate(self) -> None:
        activity, _role = self._current()
        if activity is not None:
            self.write(self.controller.toggle_gate, activity)

    def action_reorder(self, step: int) -> None:
        activity, _role = self._current()
        if activity is not None:
            self.write(self.controller.reorder, activity, step)

    def _activity_form(self, title: str, draft: ActivityDraft, save) -> None:  # noqa: ANN001
        saved: list[int] = []

        def submit(values: dict) -> object:
            saved.append(save(values).id)
            return saved[-1]

        def closed(values: dict | None) -> None:
            if values is not None and saved:
                self.query_one(RaciTable).focus_cell(saved[-1])

        self.app.push_screen(ActivityFormModal(title, draft, self.controller.phases(), self.controller.stages(),
                                               self.submitter(submit)), closed)

    def action_new_activity(self) -> None:
        activity, _role = self._current()
        draft = ActivityDraft("", activity.phase if activity else "General", "", "", False, None)
        self._activity_form("New activity", draft, self.controller.add_activity)

    def action_edit_activity(self) -> None:
        activity, _role = self._current()
        if activity is None:
            return
        draft = ActivityDraft(activity.name, activity.phase, activity.criteria, activity.deliverable,
                              activity.gate, activity.stage_id)
        self._activity_form(f"Edit activity: {activity.name}", draft,
                            lambda values: self.controller.update_activity(activity, values))

    def action_delete_activity(self) -> None:
        activity, _role = self._current()
        if activity is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(self.controller.delete_activity, activity)

        self.app.push_screen(ConfirmModal("Delete activity", f"Delete the activity {activity.name!r} and its "
                                          "letters? (u undoes it)", yes="Delete", no="Keep", danger=True), answered)

    # --- roles and views -----------------------------------------------------------------------

    def _role_form(self, title: str, name: str, code: str, save) -> None:  # noqa: ANN001
        saved: list[int] = []

        def submit(values: dict) -> object:
            saved.append(save(values).id)
            return saved[-1]

        def closed(values: dict | None) -> None:
            if values is not None and saved:
                activity, _role = self._current()
                self.query_one(RaciTable).focus_cell(activity.id if activity else None, saved[-1])

        self.app.push_screen(RoleFormModal(title, name, code, self.submitter(submit)), closed)

    def action_add_role(self) -> None:
        self._role_form("New role (a new column)", "", "", self.controller.add_role)

    def action_rename_role(self) -> None:
        _activity, role_id = self._current()
        role = self.controller.role(role_id)
        if role is not None:
            self._role_form(f"Rename role: {role.name}", role.name, role.code,
                            lambda values: self.controller.rename_role(role, values))

    def action_toggle_load(self) -> None:
        panel = self.query_one(RoleLoadPanel)
        panel.display = not panel.display
