"""The portfolio (ctrl+o, palette "Switch project"): every project under its campaign with cards in
progress, delivered in its current iteration, blocked, columns over WIP, highest open risk score and
next key node.  ``enter`` switches the window to the project; projects and campaigns are added and
edited here, and projects closed (archived) and reopened."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from cockpit.db.errors import StoreError
from cockpit.db.models_portfolio import ProjectFigures
from cockpit.logic.wording import plural
from cockpit.screens.base import CockpitScreen
from cockpit.screens.portfolio.controller import PortfolioController
from cockpit.screens.portfolio.forms import CampaignFormModal, ProjectFormModal

if TYPE_CHECKING:
    from cockpit.context import Workspace

HELP = """\
Every project of the workspace, under its campaign (and sub-campaign).  **In prog.**: cards in
stages of the *in progress* and *awaiting release* categories; **Deliv.**: cards done in the
project's current iteration; **Load**: the current iteration's committed estimates against
the team's capacity in person-days (availability and days off; `!` over); **Blocked**; **Over WIP**: columns above their limit; **Risk**: the
highest score (P×I) of an open risk; **Next node**: the next key date of an open iteration.

`enter` shows that project in every screen (the header names it).  `n` adds a project (with the
standard workflow), `N` a campaign or sub-campaign, `e` edits the project (name, campaign, PM,
PMO), `c` closes (archives) or reopens it: a closed project leaves the switcher and this list, with
its history kept; `a` lists closed ones too.  `E` edits the project's
campaign (name, parent, lead, PMO), `C` closes or reopens that campaign: its projects leave the
default view with it.  `i` lists the project's iterations (load, close or reopen one).  `u` undoes.  `escape` goes back.
"""

COLUMNS = ("Campaign", "Project", "PM", "In prog.", "Deliv.", "Load", "Blocked", "Over WIP", "Risk", "Next node")


class PortfolioScreen(CockpitScreen):
    HELP = HELP
    DEFAULT_CSS = """
    PortfolioScreen #portfolio-table { height: 1fr; }
    PortfolioScreen #portfolio-info { height: 1; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter", "switch", "Switch to", id="portfolio.switch", tooltip="Show this project in every screen"),
        Binding("n", "new_project", "New project", id="portfolio.new_project",
                tooltip="A project with the standard workflow"),
        Binding("N", "new_campaign", "New campaign", id="portfolio.new_campaign",
                tooltip="A campaign, or a sub-campaign inside one"),
        Binding("e", "edit", "Edit", id="portfolio.edit", tooltip="Name, campaign, PM and PMO of the project"),
        Binding("c", "close", "Close/reopen", id="portfolio.close",
                tooltip="Archive the project (history kept) or reopen it"),
        Binding("E", "edit_campaign", "Edit campaign", id="portfolio.edit_campaign",
                tooltip="Name, parent, lead and PMO of the project's campaign"),
        Binding("C", "close_campaign", "Close campaign", id="portfolio.close_campaign", show=False,
                tooltip="Archive the project's campaign with its projects (history kept) or reopen it"),
        Binding("i", "iterations", "Iterations", id="portfolio.iterations",
                tooltip="The project's iterations: capacity, close or reopen"),
        Binding("a", "show_closed", "Closed too", id="portfolio.show_closed", tooltip="List closed projects too"),
        Binding("escape", "back", "Back", id="portfolio.back", tooltip="Back, staying on the same project"),
    ]

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = PortfolioController(workspace.store)

    def compose_body(self) -> ComposeResult:
        yield Static("", id="portfolio-info", markup=False)
        yield DataTable(id="portfolio-table", cursor_type="row", zebra_stripes=True)

    @property
    def table(self) -> DataTable:
        return self.query_one("#portfolio-table", DataTable)

    def on_mount(self) -> None:
        self.table.add_columns(*COLUMNS)
        self.refresh_data(cursor_id=self.workspace.project_id)
        self.table.focus()

    def header_scope(self) -> str | None:
        return "Portfolio: enter switches project"

    # --- showing -------------------------------------------------------------------------------

    @property
    def current(self) -> ProjectFigures | None:
        rows = self.controller.rows
        row = self.table.cursor_row
        return rows[row] if 0 <= row < len(rows) and self.table.row_count else None

    def refresh_data(self, cursor_id: int | None = None) -> None:
        if not self.is_mounted:
            return
        keep = cursor_id if cursor_id is not None else (self.current.id if self.current else None)
        try:
            rows = self.controller.load(self.today)
        except StoreError as error:
            self.report(error)
            return
        table = self.table
        table.clear()
        shown_id = self.workspace.project_id
        for row in rows:
            name = Text(("● " if row.id == shown_id else "  ") + row.name, style="bold" if row.id == shown_id else "")
            if row.closed:
                name.append("  (closed)", style="dim")
            campaign = Text(row.campaign or "—")
            if row.campaign_closed:
                campaign.append("  (closed)", style="dim")
            table.add_row(campaign, name, Text(row.pm or "—"), str(row.in_progress),
                          str(row.delivered) if row.iteration else "—", self._load(row.id), str(row.blocked), str(row.over_wip),
                          "—" if row.top_risk is None else str(row.top_risk), Text(row.next_node or "—"),
                          key=str(row.id))
        index = next((i for i, row in enumerate(rows) if row.id == keep), 0)
        if rows:
            table.move_cursor(row=index)
        closed = "closed projects listed too (a hides them)" if self.controller.show_closed else "open projects (a: closed too)"
        self.query_one("#portfolio-info", Static).update(f"{plural(len(rows), 'project')} · {closed} · ● the one shown")
        self.refresh_bindings()

    def _load(self, project_id: int) -> Text:
        cap = self.controller.loads.get(project_id)
        if cap is None:
            return Text("—")
        return Text(cap.short(), style="bold red" if cap.over else "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("switch", "edit", "close", "iterations") and self.is_mounted and self.current is None:
            return None
        if action in ("edit_campaign", "close_campaign") and self.is_mounted and (
                self.current is None or self.current.campaign_id is None):
            return None
        if action == "switch" and self.is_mounted and self.current is not None and (
                self.current.closed or self.current.campaign_closed):
            return None
        return True

    # --- actions -------------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_switch()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def action_switch(self) -> None:
        row = self.current
        if row is None:
            return
        if row.closed or row.campaign_closed:
            what = "c reopens it" if row.closed else "C reopens its campaign"
            self.notify(f"{row.name} is closed: {what} first", severity="warning", markup=False)
            return
        self.dismiss(row.id)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_show_closed(self) -> None:
        self.controller.toggle_closed()
        self.refresh_data()

    def _form(self, modal: object, cursor: list) -> None:  # noqa: ANN001
        def closed(values: dict | None) -> None:
            if values is not None:
                self.refresh_data(cursor_id=cursor[-1].id if cursor and hasattr(cursor[-1], "campaign_id") else None)

        self.app.push_screen(modal, closed)  # type: ignore[arg-type]

    def action_new_project(self) -> None:
        made: list = []
        current = self.current

        def save(values: dict) -> object:
            made.append(self.controller.add_project(values))
            return made[-1]

        self._form(ProjectFormModal("New project", self.submitter(save), campaigns=self.controller.campaign_paths(),
                                    people=self.controller.people(),
                                    campaign_id=current.campaign_id if current else None), made)

    def action_new_campaign(self) -> None:
        self._form(CampaignFormModal("New campaign", self.submitter(self.controller.add_campaign),
                                     campaigns=self.controller.campaign_paths(), people=self.controller.people()), [])

    def action_edit(self) -> None:
        row = self.current
        if row is None:
            return
        project = self.write(self.controller.project, row.id, reload=False)
        if project is None:
            return
        made: list = [project]
        self._form(ProjectFormModal(f"Edit project {project.name}",
                                    self.submitter(lambda values: self.controller.edit_project(project, values)),
                                    campaigns=self.controller.campaign_paths(), people=self.controller.people(),
                                    project=project), made)

    def action_edit_campaign(self) -> None:
        row = self.current
        if row is None or row.campaign_id is None:
            return
        campaign = self.write(self.controller.campaign, row.campaign_id, reload=False)
        if campaign is None:
            return
        self._form(CampaignFormModal(f"Edit campaign {campaign.name}",
                                     self.submitter(lambda values: self.controller.edit_campaign(campaign, values)),
                                     campaigns=self.controller.campaign_paths(), people=self.controller.people(),
                                     campaign=campaign), [])

    def action_close_campaign(self) -> None:
        row = self.current
        if row is None or row.campaign_id is None:
            return
        campaign = self.write(self.controller.campaign, row.campaign_id, reload=False)
        if campaign is None:
            return
        if not campaign.closed and self.workspace.project_id in {
                r.id for r in self.controller.rows if r.campaign_id == campaign.id}:
            self.notify("The project shown in this window is in this campaign: switch to another before closing it",
                        severity="warning", markup=False)
            return
        if self.write(self.controller.set_campaign_closed, campaign, not campaign.closed, reload=False) is not None:
            self.notify(f"{'Reopened' if campaign.closed else 'Closed'}: campaign {campaign.name}", markup=False)
        self.refresh_data(cursor_id=row.id)

    def action_iterations(self) -> None:
        from cockpit.screens.shared.iterations import open_iterations

        row = self.current
        if row is not None:
            open_iterations(self, row.id, f"Iterations of {row.name}", self.refresh_data)

    def action_close(self) -> None:
        row = self.current
        if row is None:
            return
        if not row.closed and row.id == self.workspace.project_id:
            self.notify("This project is shown in this window: switch to another before closing it",
                        severity="warning", markup=False)
            return
        if self.write(self.controller.set_closed, row, not row.closed, reload=False) is not None:
            self.notify(f"{'Closed' if not row.closed else 'Reopened'}: {row.name}", markup=False)
        self.refresh_data(cursor_id=row.id)
