"""The portfolio's controller: a plain object the screen owns (no Textual here)."""

from datetime import date
from typing import Any

from cockpit.db.models import PersonRead, ProjectRead
from cockpit.db.models_portfolio import CampaignRead, ProjectFigures
from cockpit.db.store import Store
from cockpit.logic.capacity import Capacity
from cockpit.services.capacity import iteration_capacity


class PortfolioController:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.rows: list[ProjectFigures] = []
        #: Closed projects are listed too (``a``).
        self.show_closed = False
        self.loads: dict[int, Capacity | None] = {}

    def load(self, today: date) -> list[ProjectFigures]:
        self.rows = self.store.portfolio.figures(today, include_closed=self.show_closed)
        self.loads = {row.id: self._capacity(row) for row in self.rows}
        return self.rows

    def _capacity(self, row: ProjectFigures) -> Capacity | None:
        """The current iteration's committed estimates against the team's capacity (None: no iteration)."""
        if row.iteration_id is None:
            return None
        iteration = next((it for it in self.store.workspace.iterations(row.id) if it.id == row.iteration_id), None)
        return iteration_capacity(self.store, iteration) if iteration is not None else None

    def toggle_closed(self) -> bool:
        self.show_closed = not self.show_closed
        return self.show_closed

    def campaigns(self) -> list[CampaignRead]:
        return self.store.portfolio.campaigns(include_closed=False)

    def campaign_paths(self) -> list[tuple[str, int]]:
        """(path, id) of every open campaign, for a form's choice."""
        every = self.store.portfolio.campaigns()
        by_id = {c.id: c for c in every}
        return sorted(((self.store.portfolio._path(by_id, c.id), c.id) for c in every if not c.closed),
                      key=lambda pair: pair[0].casefold())

    def people(self) -> list[PersonRead]:
        return self.store.workspace.people(active_only=True)

    def project(self, project_id: int) -> ProjectRead:
        return next(p for p in self.store.workspace.projects(include_closed=True) if p.id == project_id)

    # --- writing (each raises StoreError on refusal) ---------------------------------------------

    def add_project(self, values: dict[str, Any]) -> ProjectRead:
        return self.store.portfolio.add_project(**values)

    def edit_project(self, project: ProjectRead, values: dict[str, Any]) -> ProjectRead:
        return self.store.portfolio.update_project(project.id, project.version, **values)

    def add_campaign(self, values: dict[str, Any]) -> CampaignRead:
        return self.store.portfolio.add_campaign(**values)

    def campaign(self, campaign_id: int) -> CampaignRead:
        return next(c for c in self.store.portfolio.campaigns() if c.id == campaign_id)

    def edit_campaign(self, campaign: CampaignRead, values: dict[str, Any]) -> CampaignRead:
        return self.store.portfolio.update_campaign(campaign.id, campaign.version, **values)

    def set_campaign_closed(self, campaign: CampaignRead, closed: bool) -> CampaignRead:
        return self.store.portfolio.set_campaign_closed(campaign.id, campaign.version, closed)

    def set_closed(self, row: ProjectFigures, closed: bool) -> ProjectRead:
        return self.store.portfolio.set_project_closed(row.id, row.version, closed)
