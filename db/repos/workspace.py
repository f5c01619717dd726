"""The workspace: its projects, people, roles, iterations and stages.

A workspace holds several projects (campaigns and the portfolio: db/repos/portfolio.py); each window
shows one, ``store.project_id``, and what is per project (stages, iterations) is read for that one
unless a project id is given."""

from datetime import date

from sqlmodel import select

from cockpit.db.errors import NotFound, ValidationFailed
from cockpit.db.models import (
    Iteration,
    IterationCreate,
    IterationRead,
    Person,
    PersonCreate,
    PersonRead,
    PersonRole,
    Project,
    ProjectBase,
    ProjectRead,
    Role,
    RoleCreate,
    RoleRead,
    Stage,
    StageCreate,
    StageRead,
)
from cockpit.db.repos.base import Repo

#: The gated workflow of design.md §2: (name, category, WIP limit, entry criteria).
DEFAULT_STAGES: list[tuple[str, str, int | None, list[str]]] = [
    ("Pending review", "backlog", None, []),
    ("Pending development", "in_progress", 8,
     ["PRD written", "Data-tracking reviewed", "Estimated at <= 2 person-days per item"]),
    ("Pending test", "in_progress", 6, ["Self-test done", "Code reviewed"]),
    ("Pending release", "awaiting_release", 6, ["Test cases passed", "Smoke test passed"]),
    ("Released", "done", None,
     ["Release plan reviewed", "Feature switches set", "Grey release done", "Rollback plan ready"]),
    ("Retro done", "after_release", None, ["Covered in a retrospective"]),
]

#: The delivery roles of design.md §2: (name, short code).
DEFAULT_ROLES: list[tuple[str, str]] = [
    ("Product manager", "PM"),
    ("Technical PM", "TPM"),
    ("Test owner", "QA"),
    ("Designer", "UX"),
    ("Tech lead", "TL"),
    ("Developers", "DEV"),
    ("PMO", "PMO"),
    ("Business owner", "BO"),
]


def add_default_stages(tx, project_id: int,  # noqa: ANN001
                       stages: list[tuple[str, str, int | None, list[str]]] | None = None) -> None:
    """The standard gated workflow (or ``stages``), for a new project (inside the caller's transaction)."""
    for position, (name, category, wip, criteria) in enumerate(stages or DEFAULT_STAGES):
        tx.insert(Stage(project_id=project_id, name=name, category=category, position=position,
                        wip_limit=wip, criteria=list(criteria)))


class WorkspaceRepo(Repo):
    # --- project -----------------------------------------------------------------------------

    def create_project(self, name: str, description: str = "") -> ProjectRead:
        data = self.store.validate(ProjectBase, {"name": name, "description": description})
        with self.store.write("create project") as tx:
            row = tx.insert(Project(**data.model_dump()))
        return ProjectRead.model_validate(row, from_attributes=True)

    def project(self) -> ProjectRead:
        """The project this window shows (``store.project_id``); without one, the open project switched
        to last, else the first open project, else the first project."""
        with self.store.read() as session:
            row = session.get(Project, self.store.project_id) if self.store.project_id is not None else None
            if row is None:
                row = session.exec(select(Project).order_by(Project.closed, Project.opened.desc().nulls_last(),  # type: ignore[union-attr]
                                                            Project.id)).first()
        if row is None:
            raise NotFound("this workspace has no project")
        return ProjectRead.model_validate(row, from_attributes=True)

    def project_id(self) -> int:
        return self.project().id

    def projects(self, *, include_closed: bool = False) -> list[ProjectRead]:
        query = select(Project).order_by(Project.name, Project.id)
        if not include_closed:
            query = query.where(Project.closed == False)  # noqa: E712
        with self.store.read() as session:
            rows = session.exec(query).all()
        return [ProjectRead.model_validate(row, from_attributes=True) for row in rows]

    def setup_defaults(self, project_name: str = "My project",
                       stages: list[tuple[str, str, int | None, list[str]]] | None = None) -> ProjectRead:
        """A new workspace: a campaign and its project, the default roles, the default gated stages (or
        ``stages``: name, category, WIP limit, criteria) and RACI table."""
        from cockpit.db.models_portfolio import Campaign
        from cockpit.db.repos.raci import seed_activities

        with self.store.write("create default workflow", undoable=False) as tx:
            campaign = tx.insert(Campaign(name=project_name))
            project = tx.insert(Project(name=self.store.validate(ProjectBase, {"name": project_name}).name,
                                        campaign_id=campaign.id))
            for position, (name, code) in enumerate(DEFAULT_ROLES):
                tx.insert(Role(name=name, code=code, position=position))
            add_default_stages(tx, project.id, stages)  # type: ignore[arg-type]
        with self.store.write("create default RACI table", undoable=False) as tx:
            seed_activities(tx, project.id)  # type: ignore[arg-type]
        return ProjectRead.model_validate(project, from_attributes=True)

    # --- people and roles ----------------------------------------------------------------------

    def add_person(self, name: str, handle: str, roles: list[str] = (), email: str = "",  # type: ignore[assignment]
                   **fields: object) -> PersonRead:
        """A new person holding ``roles`` (names or codes) in the workspace's project; ``fields``: team,
        availability, days_off."""
        data = self.store.validate(PersonCreate, {"name": name, "handle": handle, "email": email} | fields)
        role_ids = self._role_ids(roles)
        project_id = self.project().id if role_ids else None
        with self.store.write(f"add person {data.name}") as tx:
            if tx.session.exec(select(Person).where(Person.handle == data.handle)).first():
                raise ValidationFailed("handle", f"@{data.handle} is already taken")
            person = tx.insert(Person(**data.model_dump()))
            for role_id in role_ids:
                tx.insert(PersonRole(person_id=person.id, role_id=role_id, project_id=project_id))
        return self.person(person.id)  # type: ignore[arg-type]

    def _role_ids(self, names: list[str]) -> list[int]:
        known = {role.name.lower(): role.id for role in self.roles()} | {role.code.lower(): role.id for role in self.roles()}
        ids = []
        for name in names:
            if name.lower() not in known:
                raise ValidationFailed("roles", f"no role named {name!r}")
            ids.append(known[name.lower()])
        return ids

    def people(self, *, active_only: bool = False) -> list[PersonRead]:
        """Everybody, by name (deactivated people too, unless ``active_only``), with their roles."""
        query = select(Person).order_by(Person.name)
        if active_only:
            query = query.where(Person.active == True)  # noqa: E712
        with self.store.read() as session:
            people = session.exec(query).all()
            links = session.exec(select(PersonRole.person_id, Role.name, Project.name)
                                 .join(Role, Role.id == PersonRole.role_id)
                                 .join(Project, Project.id == PersonRole.project_id)
                                 .order_by(Project.id, Role.position, Role.id)).all()
        roles: dict[int, list[str]] = {}
        by_project: dict[int, dict[str, list[str]]] = {}
        for person_id, role_name, project_name in links:
            if role_name not in roles.setdefault(person_id, []):
                roles[person_id].append(role_name)
            by_project.setdefault(person_id, {}).setdefault(project_name, []).append(role_name)
        return [PersonRead.model_validate(p, from_attributes=True).model_copy(
                    update={"roles": roles.get(p.id, []), "project_roles": by_project.get(p.id, {})})
                for p in people]

    def person(self, person_id: int) -> PersonRead:
        for person in self.people():
            if person.id == person_id:
                return person
        raise NotFound(f"person #{person_id} no longer exists")

    def roles(self) -> list[RoleRead]:
        with self.store.read() as session:
            rows = session.exec(select(Role).order_by(Role.position, Role.id)).all()  # type: ignore[arg-type]
        return [RoleRead.model_validate(r, from_attributes=True) for r in rows]

    def add_role(self, name: str, code: str) -> RoleRead:
        data = self.store.validate(RoleCreate, {"name": name, "code": code, "position": len(self.roles())})
        with self.store.write(f"add role {data.name}") as tx:
            row = tx.insert(Role(**data.model_dump()))
        return RoleRead.model_validate(row, from_attributes=True)

    # --- iterations ----------------------------------------------------------------------------

    def add_iteration(self, name: str, start: date, end: date, goal: str = "") -> IterationRead:
        project = self.project()
        data = self.store.validate(IterationCreate, {"name": name, "start": start, "end": end, "goal": goal,
                                                      "project_id": project.id})
        with self.store.write(f"add iteration {data.name}") as tx:
            row = tx.insert(Iteration(**data.model_dump()))
        return IterationRead.model_validate(row, from_attributes=True)

    def iterations(self, project_id: int | None = None, *, include_closed: bool = True) -> list[IterationRead]:
        """The project's iterations (this window's project unless told), closed ones too unless not."""
        project_id = project_id if project_id is not None else self.project().id
        query = select(Iteration).where(Iteration.project_id == project_id)
        if not include_closed:
            query = query.where(Iteration.closed == False)  # noqa: E712
        with self.store.read() as session:
            rows = session.exec(query.order_by(Iteration.start, Iteration.id)).all()  # type: ignore[arg-type]
        return [IterationRead.model_validate(r, from_attributes=True) for r in rows]

    def current_iteration(self, today: date | None = None, project_id: int | None = None) -> IterationRead | None:
        """The running iteration that started last (iterations overlap; closed ones do not count), or None."""
        day = today or self.store.today()
        running = [it for it in self.iterations(project_id, include_closed=False) if it.start <= day <= it.end]
        return max(running, key=lambda it: (it.start, it.id)) if running else None

    # --- stages --------------------------------------------------------------------------------

    def stages(self, project_id: int | None = None) -> list[StageRead]:
        """The project's workflow (this window's project unless told)."""
        project_id = project_id if project_id is not None else self.project().id
        with self.store.read() as session:
            rows = session.exec(select(Stage).where(Stage.project_id == project_id)
                                .order_by(Stage.position, Stage.id)).all()  # type: ignore[arg-type]
        return [StageRead.model_validate(r, from_attributes=True) for r in rows]

    def update_stage(self, stage_id: int, version: int, **fields: object) -> StageRead:
        current = next((s for s in self.stages() if s.id == stage_id), None)
        if current is None:
            raise NotFound(f"stage #{stage_id} no longer exists")
        data = self.store.validate(StageCreate, current.model_dump() | fields)
        with self.store.write(f"edit stage {data.name}") as tx:
            row = tx.get(Stage, stage_id, what=f"stage {current.name}")
            tx.update(row, version, {name: getattr(data, name) for name in fields})
        return StageRead.model_validate(row, from_attributes=True)
