"""Campaigns and projects: create, edit, close and reopen them (and iterations), remember the project a
window switched to, and the portfolio's figures for every project.

Closing archives: a closed project or iteration leaves the switcher and the default views but keeps
its cards, risks and history, and can be reopened.  Everything goes through the one write path.
"""

from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from cockpit.db.errors import ValidationFailed
from cockpit.db.models import Item, Iteration, IterationRead, Person, PersonRole, Project, ProjectBase, ProjectRead, Stage
from cockpit.db.models_calendar import KeyDate
from cockpit.db.models_portfolio import Campaign, CampaignCreate, CampaignRead, ProjectFigures
from cockpit.db.models_risks import Risk
from cockpit.db.repos.base import Repo

#: Stage categories whose cards are finished (delivered) and those counted as "in progress".
FINISHED = frozenset({"done", "after_release"})
IN_PROGRESS = frozenset({"in_progress", "awaiting_release"})
PROJECT_FIELDS = frozenset({"name", "description", "campaign_id", "pm_id", "pmo_id"})
CAMPAIGN_FIELDS = frozenset({"name", "description", "parent_id", "lead_id", "pmo_id"})


def _campaign(row: Campaign) -> CampaignRead:
    return CampaignRead.model_validate(row, from_attributes=True)


def _project(row: Project) -> ProjectRead:
    return ProjectRead.model_validate(row, from_attributes=True)


class PortfolioRepo(Repo):
    # --- campaigns -----------------------------------------------------------------------------

    def campaigns(self, *, include_closed: bool = True) -> list[CampaignRead]:
        query = select(Campaign).order_by(Campaign.name, Campaign.id)
        if not include_closed:
            query = query.where(Campaign.closed == False)  # noqa: E712
        with self.store.read() as session:
            return [_campaign(row) for row in session.exec(query).all()]

    def add_campaign(self, name: str, **fields: Any) -> CampaignRead:
        """A campaign, or a sub-campaign when ``parent_id`` is given; fields: description, lead_id, pmo_id."""
        unknown = set(fields) - CAMPAIGN_FIELDS
        if unknown:
            raise ValidationFailed(min(unknown), "is not a field of a campaign")
        data = self.store.validate(CampaignCreate, {"name": name} | fields)
        with self.store.write(f"add campaign {data.name}") as tx:
            self._check_refs(tx.session, data.model_dump())
            row = tx.insert(Campaign(**data.model_dump()))
        return _campaign(row)

    def update_campaign(self, campaign_id: int, version: int, **fields: Any) -> CampaignRead:
        unknown = set(fields) - CAMPAIGN_FIELDS
        if unknown:
            raise ValidationFailed(min(unknown), "is not a field of a campaign")
        with self.store.write("edit campaign") as tx:
            row = tx.get(Campaign, campaign_id, what=f"campaign #{campaign_id}")
            tx.label = f"edit campaign {row.name}"
            data = self.store.validate(CampaignCreate, _campaign(row).model_dump() | fields)
            self._check_refs(tx.session, fields)
            if fields.get("parent_id") is not None and self._would_loop(tx.session, campaign_id, fields["parent_id"]):
                raise ValidationFailed("parent_id", "a campaign cannot be inside itself")
            tx.update(row, version, {name: getattr(data, name) for name in fields}, what=f"campaign {row.name!r}")
        return _campaign(row)

    def set_campaign_closed(self, campaign_id: int, version: int, closed: bool) -> CampaignRead:
        with self.store.write("close campaign" if closed else "reopen campaign") as tx:
            row = tx.get(Campaign, campaign_id, what=f"campaign #{campaign_id}")
            tx.label = f"{'close' if closed else 'reopen'} campaign {row.name}"
            tx.update(row, version, {"closed": closed}, what=f"campaign {row.name!r}")
        return _campaign(row)

    # --- projects ------------------------------------------------------------------------------

    def add_project(self, name: str, **fields: Any) -> ProjectRead:
        """A project with the standard workflow; fields: description, campaign_id, pm_id, pmo_id."""
        from cockpit.db.repos.raci import seed_activities
        from cockpit.db.repos.workspace import add_default_stages

        unknown = set(fields) - PROJECT_FIELDS
        if unknown:
            raise ValidationFailed(min(unknown), "is not a field of a project")
        data = self.store.validate(ProjectBase, {"name": name, "description": fields.get("description", "")})
        with self.store.write(f"add project {data.name}") as tx:
            self._check_refs(tx.session, fields)
            self._check_name(tx.session, data.name, None)
            row = tx.insert(Project(**(fields | data.model_dump())))
            add_default_stages(tx, row.id)  # type: ignore[arg-type]
            seed_activities(tx, row.id)  # type: ignore[arg-type]  (its own RACI table, the standard one)
        return _project(row)

    def update_project(self, project_id: int, version: int, **fields: Any) -> ProjectRead:
        unknown = set(fields) - PROJECT_FIELDS
        if unknown:
            raise ValidationFailed(min(unknown), "is not a field of a project")
        with self.store.write("edit project") as tx:
            row = tx.get(Project, project_id, what=f"project #{project_id}")
            tx.label = f"edit project {row.name}"
            data = self.store.validate(ProjectBase, {"name": row.name, "description": row.description}
                                       | {k: v for k, v in fields.items() if k in ("name", "description")})
            self._check_refs(tx.session, fields)
            if "name" in fields:
                self._check_name(tx.session, data.name, project_id)
            values = fields | {k: getattr(data, k) for k in ("name", "description") if k in fields}
            tx.update(row, version, values, what=f"project {row.name!r}")
        return _project(row)

    def set_project_closed(self, project_id: int, version: int, closed: bool) -> ProjectRead:
        """Close (archive) or reopen a project; a workspace keeps at least one open project."""
        with self.store.write("close project" if closed else "reopen project") as tx:
            row = tx.get(Project, project_id, what=f"project #{project_id}")
            tx.label = f"{'close' if closed else 'reopen'} project {row.name}"
            if closed and not row.closed:
                still_open = tx.session.exec(select(func.count()).select_from(Project).where(
                    Project.closed == False, Project.id != project_id)).one()  # noqa: E712
                if not still_open:
                    raise ValidationFailed("project", "this is the last open project; add another first")
            tx.update(row, version, {"closed": closed}, what=f"project {row.name!r}")
        return _project(row)

    def remember(self, project_id: int) -> None:
        """Note that a window switched to ``project_id`` (a new window opens the project used last).
        Not undoable: it is where you are, not a change to the plan."""
        if self.store.read_only:
            return
        with self.store.write("switch project", undoable=False) as tx:
            row = tx.get(Project, project_id, what=f"project #{project_id}")
            tx.label = f"switch to project {row.name}"
            tx.update(row, row.version, {"opened": tx.now})

    # --- iterations ----------------------------------------------------------------------------

    def set_iteration_closed(self, iteration_id: int, version: int, closed: bool) -> IterationRead:
        """Close (archive) or reopen an iteration: a closed one is never current; its cards stay."""
        with self.store.write("close iteration" if closed else "reopen iteration") as tx:
            row = tx.get(Iteration, iteration_id, what=f"iteration #{iteration_id}")
            tx.label = f"{'close' if closed else 'reopen'} iteration {row.name}"
            tx.update(row, version, {"closed": closed}, what=f"iteration {row.name!r}")
        return IterationRead.model_validate(row, from_attributes=True)

    # --- capacity (cockpit/services/capacity.py computes it) -----------------------------------

    def iteration_cards(self, iteration_id: int) -> list[tuple[float | None, int | None]]:
        """(estimate, owner id) of every card of the iteration, whatever the window's project."""
        with self.store.read() as session:
            return [(estimate, owner) for estimate, owner in
                    session.exec(select(Item.estimate, Item.owner_id).where(Item.iteration_id == iteration_id)).all()]

    def team(self, project_id: int, also: set[int] = frozenset()) -> list[Person]:  # type: ignore[assignment]
        """The active people holding a role in the project, and those of ``also`` (card owners) who are
        active: plain rows detached from the session."""
        with self.store.read() as session:
            members = set(session.exec(select(PersonRole.person_id).where(PersonRole.project_id == project_id)).all())
            wanted = members | set(also)
            if not wanted:
                return []
            return list(session.exec(select(Person).where(Person.id.in_(wanted), Person.active == True)  # type: ignore[union-attr]  # noqa: E712
                                     .order_by(Person.name)).all())

    # --- the portfolio -------------------------------------------------------------------------

    def figures(self, today: date, *, include_closed: bool = False) -> list[ProjectFigures]:
        """Every project (open ones unless ``include_closed``) with its figures, ordered by campaign
        path then name.  A handful of grouped queries, whatever the number of cards."""
        campaigns = {c.id: c for c in self.campaigns()}
        with self.store.read() as session:
            projects = session.exec(select(Project)).all()
            people = {pid: name for pid, name in session.exec(select(Person.id, Person.name)).all()}
            stages = session.exec(select(Stage.id, Stage.project_id, Stage.category, Stage.wip_limit)).all()
            counts = session.exec(select(Item.stage_id, Item.iteration_id, Item.blocked, func.count())
                                  .group_by(Item.stage_id, Item.iteration_id, Item.blocked)).all()
            risks = session.exec(select(Risk.project_id, func.max(Risk.probability * Risk.impact))
                                 .where(Risk.status != "closed").group_by(Risk.project_id)).all()
            iterations = session.exec(select(Iteration).where(Iteration.closed == False)).all()  # noqa: E712
            nodes = session.exec(select(KeyDate.name, KeyDate.day, Iteration.project_id)
                                 .join(Iteration, Iteration.id == KeyDate.iteration_id)
                                 .where(KeyDate.day >= today, Iteration.closed == False)  # noqa: E712
                                 .order_by(KeyDate.day, KeyDate.position, KeyDate.id)).all()
        current: dict[int, Iteration] = {}
        for it in iterations:
            if it.start <= today <= it.end:
                best = current.get(it.project_id)
                if best is None or (it.start, it.id) > (best.start, best.id):  # type: ignore[operator]
                    current[it.project_id] = it
        stage_of = {sid: (pid, category, wip) for sid, pid, category, wip in stages}
        per_stage: dict[int, int] = {}
        rows: dict[int, dict[str, int]] = {}
        for stage_id, iteration_id, blocked, count in counts:
            project_id, category, _wip = stage_of[stage_id]
            per_stage[stage_id] = per_stage.get(stage_id, 0) + count
            figures = rows.setdefault(project_id, {"in_progress": 0, "delivered": 0, "blocked": 0})
            if category in IN_PROGRESS:
                figures["in_progress"] += count
            it = current.get(project_id)
            if category in FINISHED and it is not None and iteration_id == it.id:
                figures["delivered"] += count
            if blocked and category not in FINISHED:
                figures["blocked"] += count
        over: dict[int, int] = {}
        for stage_id, (project_id, _category, wip) in stage_of.items():
            if wip is not None and per_stage.get(stage_id, 0) > wip:
                over[project_id] = over.get(project_id, 0) + 1
        top = {pid: score for pid, score in risks}
        next_node: dict[int, str] = {}
        for name, day, project_id in nodes:
            next_node.setdefault(project_id, f"{name} · {day:%d %b}")
        result = []
        for project in projects:
            in_closed = self._closed_path(campaigns, project.campaign_id)
            if (project.closed or in_closed) and not include_closed:
                continue
            it = current.get(project.id)  # type: ignore[arg-type]
            result.append(ProjectFigures(
                id=project.id, name=project.name, version=project.version, campaign_id=project.campaign_id,
                campaign=self._path(campaigns, project.campaign_id), pm=people.get(project.pm_id, ""),
                closed=project.closed, campaign_closed=in_closed, over_wip=over.get(project.id, 0), top_risk=top.get(project.id),
                next_node=next_node.get(project.id, ""), iteration=it.name if it else "",
                iteration_id=it.id if it else None,
                **rows.get(project.id, {}),  # type: ignore[arg-type]
            ))
        return sorted(result, key=lambda f: (f.campaign == "", f.campaign.casefold(), f.name.casefold(), f.id))

    def path(self, campaign_id: int | None) -> str:
        """"Campaign › Sub-campaign" of ``campaign_id`` ("" for none)."""
        return self._path({c.id: c for c in self.campaigns()}, campaign_id) if campaign_id is not None else ""

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _path(campaigns: dict[int, CampaignRead], campaign_id: int | None) -> str:
        names: list[str] = []
        seen: set[int] = set()
        while campaign_id is not None and campaign_id in campaigns and campaign_id not in seen:
            seen.add(campaign_id)
            names.append(campaigns[campaign_id].name)
            campaign_id = campaigns[campaign_id].parent_id
        return " › ".join(reversed(names))

    @staticmethod
    def _closed_path(campaigns: dict[int, CampaignRead], campaign_id: int | None) -> bool:
        """The campaign or one it is inside is closed."""
        seen: set[int] = set()
        while campaign_id is not None and campaign_id in campaigns and campaign_id not in seen:
            if campaigns[campaign_id].closed:
                return True
            seen.add(campaign_id)
            campaign_id = campaigns[campaign_id].parent_id
        return False

    @staticmethod
    def _would_loop(session, campaign_id: int, parent_id: int) -> bool:  # noqa: ANN001
        seen: set[int] = set()
        current: int | None = parent_id
        while current is not None and current not in seen:
            if current == campaign_id:
                return True
            seen.add(current)
            current = session.exec(select(Campaign.parent_id).where(Campaign.id == current)).first()
        return False

    @staticmethod
    def _check_refs(session, fields: dict[str, Any]) -> None:  # noqa: ANN001
        for name, model, what in (("campaign_id", Campaign, "campaign"), ("parent_id", Campaign, "campaign"),
                                  ("pm_id", Person, "person"), ("pmo_id", Person, "person"),
                                  ("lead_id", Person, "person")):
            value = fields.get(name)
            if value is not None and session.get(model, value) is None:
                raise ValidationFailed(name, f"no {what} #{value}")

    @staticmethod
    def _check_name(session, name: str, project_id: int | None) -> None:  # noqa: ANN001
        for other_id, other in session.exec(select(Project.id, Project.name)).all():
            if other_id != project_id and other.casefold() == name.casefold():
                raise ValidationFailed("name", f"there is already a project named {other!r}")
