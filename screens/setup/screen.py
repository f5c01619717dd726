"""The Setup screen (key 0): people, roles and the workflow, every action by key."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from cockpit.db.errors import StoreError
from cockpit.screens.base import CockpitScreen
from cockpit.screens.raci.role_form import RoleFormModal
from cockpit.screens.setup.controller import SECTIONS, SetupController
from cockpit.screens.setup.first_run import EDIT, TimeZoneModal, offer_link, open_guided_setup
from cockpit.screens.setup.forms import CriterionFormModal, PersonFormModal, StageFormModal
from cockpit.screens.shared.confirm import ConfirmModal

if TYPE_CHECKING:
    from cockpit.context import Workspace

COLUMNS = {
    "people-table": ("Name", "Handle", "Team", "Avail.", "Days off", "Roles", "Status"),
    "roles-table": ("Role", "Code"),
    "stages-table": ("Stage", "Category", "WIP", "Cards", "Criteria", "Gate activity"),
    "criteria-table": ("#", "Entry criterion"),
}


class SetupScreen(CockpitScreen):
    HELP = """\
Set up the workspace for your team.  Three sections: **People**, **Roles** (the RACI columns) and
**Workflow** (the board's stages); `[` and `]` switch between them.

- `n` adds, `e` or `enter` edits, `x` deactivates a person (never deleted: their cards, risks and
  history keep the name; `x` again brings them back) or removes a role or stage (refused while it is
  used, with the count).
- `shift+up` / `shift+down` reorder roles, stages and entry criteria.
- Workflow: a stage has a name, a **category** (backlog, in progress, awaiting release, done, after
  release: retro metrics and agendas find stages by category, so renaming breaks nothing), a WIP
  limit and the RACI activity that guards its gate.  `tab` moves to the stage's entry criteria, where
  `n` `e` `x` and `shift+up/down` work on the criterion under the cursor.
- `z` sets the workspace's **time zone** (today, every date, calendar exports); `g` reopens the
  **guided setup** (project name, stages, the first people); `w` says which person you are (the
  change log's author; `@me` on the board).
- Everything is saved at once and `u` undoes it.  From a file: `cockpit import people people.csv`,
  `cockpit import setup setup.toml` (write one with `cockpit export setup`).
"""
    DEFAULT_CSS = """
    SetupScreen TabbedContent { height: 1fr; }
    SetupScreen DataTable { height: 1fr; }
    SetupScreen #stages-table { height: 2fr; }
    SetupScreen #criteria-title { height: 1; padding: 0 1; color: $text-muted; }
    SetupScreen #setup-status { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("left_square_bracket", "section(-1)", "Prev section", id="setup.prev_section",
                tooltip="Show the previous section"),
        Binding("right_square_bracket", "section(1)", "Next section", id="setup.next_section",
                tooltip="Show the next section"),
        Binding("n", "new", "New", id="setup.new", tooltip="Add a person, role, stage or criterion"),
        Binding("e,enter", "edit", "Edit", id="setup.edit", tooltip="Edit the row under the cursor"),
        Binding("x", "remove", "Deactivate/remove", id="setup.remove",
                tooltip="Deactivate a person (x again reactivates); remove an unused role, an empty stage, a criterion"),
        Binding("z", "time_zone", "Time zone", id="setup.time_zone",
                tooltip="The workspace's time zone (today, dates, calendar exports)"),
        Binding("g", "guided", "Guided setup", id="setup.guided",
                tooltip="Reopen the guided setup: project name, stages, the first people"),
        Binding("w", "who", "Who am I", id="setup.who", show=False,
                tooltip="Say which person you are (the change log's author; @me on the board)"),
        Binding("shift+up", "move(-1)", "Move up", id="setup.move_up", show=False,
                tooltip="Move the role, stage or criterion up"),
        Binding("shift+down", "move(1)", "Move down", id="setup.move_down", show=False,
                tooltip="Move the role, stage or criterion down"),
    ]

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = SetupController(workspace.store)

    def compose_body(self) -> ComposeResult:
        yield Static("", id="setup-status", markup=False)
        with TabbedContent(id="setup-tabs"):
            with TabPane("People", id="people"):
                yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Roles", id="roles"):
                yield DataTable(id="roles-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Workflow", id="workflow"):
                yield DataTable(id="stages-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="criteria-title", markup=False)
                yield DataTable(id="criteria-table", cursor_type="row")

    def on_mount(self) -> None:
        for table_id, columns in COLUMNS.items():
            self.query_one(f"#{table_id}", DataTable).add_columns(*columns)
        self.refresh_data()
        self.query_one("#people-table", DataTable).focus()

    # --- loading -------------------------------------------------------------------------------

    @property
    def section(self) -> str:
        return self.query_one(TabbedContent).active or "people"

    def refresh_data(self) -> None:
        if not self.is_mounted:
            return
        try:
            self.controller.refresh()
        except StoreError as error:
            self.report(error)
            return
        self.query_one("#setup-status", Static).update(self.controller.status())
        self._fill("people-table", self.controller.person_rows())
        self._fill("roles-table", self.controller.role_rows())
        self._fill("stages-table", self.controller.stage_rows())
        self._fill_criteria()

    def _fill(self, table_id: str, rows: list[tuple[Any, tuple[str, ...]]]) -> None:
        table = self.query_one(f"#{table_id}", DataTable)
        keep = self._cursor_key(table)
        row_index = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*(Text(cell) for cell in cells), key=str(key))
        if not rows:
            return
        keys = [str(key) for key, _cells in rows]
        table.move_cursor(row=keys.index(keep) if keep in keys else min(row_index, len(rows) - 1))

    @staticmethod
    def _cursor_key(table: DataTable) -> str | None:
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty or shrinking table has no cursor row
            return None

    def _selected(self, table_id: str) -> int | None:
        key = self._cursor_key(self.query_one(f"#{table_id}", DataTable))
        return int(key) if key is not None else None

    def _fill_criteria(self) -> None:
        stage = self.controller.stage(self._selected("stages-table"))
        title = self.query_one("#criteria-title", Static)
        title.update(f"Entry criteria of {stage.name} (tab here, then n e x shift+up/down)" if stage else "")
        self._fill("criteria-table", [(i, (str(i + 1), text)) for i, text in enumerate(stage.criteria if stage else [])])

    @on(DataTable.RowHighlighted, "#stages-table")
    def _stage_highlighted(self) -> None:
        self._fill_criteria()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # --- keys ----------------------------------------------------------------------------------

    def _focused_table(self) -> str:
        section = self.section
        if section == "workflow":
            focused = self.focused
            return "criteria-table" if focused is not None and focused.id == "criteria-table" else "stages-table"
        return f"{section}-table"

    def action_section(self, step: int) -> None:
        self.show_section(SECTIONS[(SECTIONS.index(self.section) + step) % len(SECTIONS)])

    def show_section(self, section: str) -> None:
        self.query_one(TabbedContent).active = section
        table = "stages-table" if section == "workflow" else f"{section}-table"
        self.query_one(f"#{table}", DataTable).focus()

    def action_time_zone(self) -> None:
        from cockpit.zones import machine_zone

        self._form(TimeZoneModal(self.submitter(self.controller.set_time_zone),
                                 self.store.settings.time_zone_name(), str(machine_zone() or "")))

    def action_guided(self) -> None:
        open_guided_setup(self, lambda stages: self.show_section("workflow" if stages == EDIT else "people"))

    def action_who(self) -> None:
        if not offer_link(self, again=True):
            self.notify("Add people first (n in People).", markup=False)

    def _form(self, modal: Any) -> None:
        self.app.push_screen(modal)

    def action_new(self) -> None:
        c = self.controller
        table = self._focused_table()
        if table == "people-table":
            self._form(PersonFormModal("New person", self.submitter(c.add_person), roles=c.role_names()))
        elif table == "roles-table":
            self._form(RoleFormModal("New role", "", "", self.submitter(
                lambda v: self.store.raci.add_role(v["name"], v["code"]))))
        elif table == "stages-table":
            self._form(StageFormModal("New stage", self.submitter(lambda v: c.save_stage(None, v)),
                                      activities=c.activities()))
        else:
            stage = c.stage(self._selected("stages-table"))
            if stage is not None:
                self._form(CriterionFormModal(f"New entry criterion of {stage.name}", self.submitter(
                    lambda v: c.set_criteria(stage, [*stage.criteria, v["text"]], "add criterion"))))

    def action_edit(self) -> None:
        c = self.controller
        table = self._focused_table()
        if table == "people-table":
            person = c.person(self._selected(table))
            if person is not None:
                self._form(PersonFormModal(f"Edit {person.name}", self.submitter(lambda v: c.edit_person(person, v)),
                                           person, roles=c.role_names()))
        elif table == "roles-table":
            role = c.role(self._selected(table))
            if role is not None:
                self._form(RoleFormModal(f"Rename {role.name}", role.name, role.code, self.submitter(
                    lambda v: self.store.raci.rename_role(role.id, role.version, v["name"], v["code"]))))
        elif table == "stages-table":
            stage = c.stage(self._selected(table))
            if stage is not None:
                self._form(StageFormModal(f"Edit stage {stage.name}", self.submitter(lambda v: c.save_stage(stage, v)),
                                          stage, c.activities(), c.gates.get(stage.id, (None, ""))[0]))
        else:
            stage, index = c.stage(self._selected("stages-table")), self._selected(table)
            if stage is not None and index is not None and index < len(stage.criteria):
                def save(values: dict) -> object:
                    criteria = list(stage.criteria)
                    criteria[index] = values["text"]
                    return c.set_criteria(stage, criteria, "edit criterion")
                self._form(CriterionFormModal(f"Edit entry criterion of {stage.name}", self.submitter(save),
                                              stage.criteria[index]))

    def action_remove(self) -> None:
        c = self.controller
        table = self._focused_table()
        if table == "people-table":
            person = c.person(self._selected(table))
            if person is None:
                return
            if not person.active:
                self.write(self.store.people.set_active, person.id, person.version, True)
                return
            owns = ", ".join(f"{n} {what}" for what, n in self.store.people.owns(person.id).items() if n)
            self._confirm(f"Deactivate {person.name}?",
                          f"They keep {owns} and their history; they are no longer offered as an owner."
                          if owns else "They are no longer offered as an owner; their history keeps the name.",
                          lambda: self.write(self.store.people.set_active, person.id, person.version, False))
        elif table == "roles-table":
            role = c.role(self._selected(table))
            if role is not None:
                self._confirm(f"Remove the role {role.name}?", "Only a role nobody uses can be removed.",
                              lambda: self.write(self.store.people.remove_role, role.id, role.version))
        elif table == "stages-table":
            stage = c.stage(self._selected(table))
            if stage is not None:
                self._confirm(f"Remove the stage {stage.name}?", "Only an empty stage can be removed.",
                              lambda: self.write(self.store.workflow.remove_stage, stage.id, stage.version))
        else:
            stage, index = c.stage(self._selected("stages-table")), self._selected(table)
            if stage is not None and index is not None and index < len(stage.criteria):
                criteria = [text for i, text in enumerate(stage.criteria) if i != index]
                self.write(c.set_criteria, stage, criteria, "remove criterion")

    def _confirm(self, title: str, question: str, then: Callable[[], object]) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                then()
        self.app.push_screen(ConfirmModal(title, question, yes="Yes", danger=True), answered)

    def action_move(self, step: int) -> None:
        c = self.controller
        table = self._focused_table()
        if table == "roles-table":
            role = c.role(self._selected(table))
            if role is not None:
                self.write(self.store.people.move_role, role.id, role.version, step)
        elif table == "stages-table":
            stage = c.stage(self._selected(table))
            if stage is not None:
                self.write(self.store.workflow.move_stage, stage.id, stage.version, step)
        elif table == "criteria-table":
            stage, index = c.stage(self._selected("stages-table")), self._selected(table)
            if stage is None or index is None or not 0 <= index + step < len(stage.criteria):
                return
            criteria = list(stage.criteria)
            criteria[index], criteria[index + step] = criteria[index + step], criteria[index]
            if self.write(c.set_criteria, stage, criteria, "reorder criterion") is not None:
                self.query_one("#criteria-table", DataTable).move_cursor(row=index + step)
        if table in ("roles-table", "stages-table"):
            table_widget = self.query_one(f"#{table}", DataTable)
            table_widget.move_cursor(row=max(0, min(table_widget.cursor_row, table_widget.row_count - 1)))
