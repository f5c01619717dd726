"""A workspace's setup read out as plain data (``cockpit export setup``) and applied from it
(``cockpit import setup``, ``cockpit init --from``): one transaction, all or nothing.

Matching: projects, stages and roles by name (case-insensitive), people by handle.  What the data names
is added or updated; what it leaves out is left alone (an import never deletes).  Applying the same data
twice writes nothing the second time (no row changes, so no change log rows).
"""

from typing import Any

from sqlalchemy import func
from sqlmodel import select

from cockpit.db.errors import ValidationFailed
from cockpit.db.models import Person, PersonCreate, PersonRole, Project, ProjectBase, Role, Stage
from cockpit.db.models_raci import Activity
from cockpit.db.models_settings import WorkspaceSetting
from cockpit.db.repos.base import Repo
from cockpit.db.repos.settings import FIRST_RUN, TIME_ZONE, check_zone
from cockpit.db.models_portfolio import Campaign, CampaignCreate
from cockpit.db.setup_data import (
    CampaignSetup,
    PersonSetup,
    ProjectSetup,
    RoleSetup,
    SetupData,
    StageSetup,
    person_place,
    stage_place,
)
from cockpit.db.tx import UNCHECKED, Tx


class SetupRepo(Repo):
    # --- export --------------------------------------------------------------------------------

    def export(self) -> SetupData:
        store = self.store
        gates = {stage_id: name for stage_id, (_activity, name) in store.workflow.gates().items()}
        with store.read() as session:
            projects = session.exec(select(Project).order_by(Project.id)).all()  # type: ignore[arg-type]
        data = SetupData(time_zone=store.settings.time_zone_name() or None)
        data.roles = [RoleSetup(role.name, role.code) for role in store.workspace.roles()]
        campaigns = {c.id: c for c in store.portfolio.campaigns()}
        handles = {p.id: p.handle for p in store.workspace.people()}
        for campaign in sorted(campaigns.values(), key=lambda c: (store.portfolio.path(c.id).count("›"), c.id)):
            parent = campaigns.get(campaign.parent_id)  # type: ignore[arg-type]
            data.campaigns.append(CampaignSetup(campaign.name, campaign.description or None,
                                                parent.name if parent else None, handles.get(campaign.lead_id),
                                                handles.get(campaign.pmo_id)))
        for project in projects:
            stages = [StageSetup(s.name, s.category, s.wip_limit or 0, list(s.criteria), gates.get(s.id))
                      for s in store.workflow.stages(project.id)]
            campaign = campaigns.get(project.campaign_id)  # type: ignore[arg-type]
            data.projects.append(ProjectSetup(project.name, project.description or None,
                                              campaign.name if campaign else None, stages))
        for person in store.workspace.people():
            fields = {"name": person.name, "email": person.email, "team": person.team,
                      "availability": person.availability, "days_off": list(person.days_off),
                      "active": person.active}
            data.people.append(PersonSetup(person.handle, fields, dict(person.project_roles)))
        return data

    # --- import --------------------------------------------------------------------------------

    def apply(self, data: SetupData, *, label: str = "import setup", undoable: bool = True) -> dict[str, int]:
        """Add or update what ``data`` names, all or nothing; returns counts: added and updated rows
        per kind, and ``changes`` (change log rows written; 0 when the workspace already matched)."""
        counts = {"campaigns": 0, "projects": 0, "stages": 0, "roles": 0, "people": 0, "changes": 0}
        for campaign in data.campaigns:
            self.store.validate(CampaignCreate, {"name": campaign.name})
        time_zone = check_zone(data.time_zone, "workspace: time_zone") if data.time_zone is not None else None
        for person in data.people:
            if "name" in person.fields:
                self.store.validate(PersonCreate, {"name": person.fields["name"], "handle": person.handle})
        with self.store.write(label, undoable=undoable) as tx:
            if time_zone is not None:
                self._time_zone(tx, time_zone)
            roles = self._roles(tx, data.roles, counts)
            campaigns = self._campaigns(tx, data, counts)
            projects = {name.casefold(): pid for pid, name in tx.session.exec(select(Project.id, Project.name)).all()}
            for project in data.projects:
                projects[project.name.casefold()] = self._project(tx, project, campaigns, counts)
            for person in data.people:
                self._person(tx, person, roles, projects, counts)
            self._leads(tx, data.campaigns, campaigns)
            counts["changes"] = tx.changes
        if time_zone is not None:
            self.store.settings._zone_name = None
        return counts

    @staticmethod
    def _time_zone(tx: Tx, name: str) -> None:
        row = tx.session.exec(select(WorkspaceSetting).where(WorkspaceSetting.key == TIME_ZONE)).first()
        if row is None:
            if name:
                tx.insert(WorkspaceSetting(key=TIME_ZONE, value=name))
        else:
            tx.update(row, UNCHECKED, {"value": name})

    @staticmethod
    def _roles(tx: Tx, wanted: list[RoleSetup], counts: dict[str, int]) -> dict[str, int]:
        rows = list(tx.session.exec(select(Role).order_by(Role.position, Role.id)).all())  # type: ignore[arg-type]
        for role in wanted:
            place = f'role "{role.name}"'
            row = next((r for r in rows if r.name.casefold() == role.name.casefold()), None)
            if role.code is not None:
                taken = next((r for r in rows if r.code.casefold() == role.code.casefold() and r is not row), None)
                if taken is not None:
                    raise ValidationFailed(place, f'code "{role.code}" is already the code of role "{taken.name}"')
            if row is None:
                if role.code is None:
                    raise ValidationFailed(place, "a new role needs a code")
                position = max((r.position for r in rows), default=-1) + 1
                rows.append(tx.insert(Role(name=role.name, code=role.code, position=position)))
                counts["roles"] += 1
            elif role.code is not None:
                tx.update(row, UNCHECKED, {"code": role.code})  # logged only if it really changes
        return {key.casefold(): r.id for r in rows for key in (r.name, r.code)}  # type: ignore[misc]

    @staticmethod
    def _campaigns(tx: Tx, data: SetupData, counts: dict[str, int]) -> dict[str, Campaign]:
        """The file's campaigns (and those its projects name) created or updated by name; lead and PMO
        come after the people (``_leads``).  Returns every campaign by folded name."""
        rows = {c.name.casefold(): c for c in tx.session.exec(select(Campaign).order_by(Campaign.id)).all()}
        wanted = list(data.campaigns) + [CampaignSetup(p.campaign) for p in data.projects
                                         if p.campaign and p.campaign.casefold() not in
                                         {c.name.casefold() for c in data.campaigns}]
        for campaign in wanted:
            row = rows.get(campaign.name.casefold())
            if row is None:
                rows[campaign.name.casefold()] = tx.insert(Campaign(name=campaign.name,
                                                                    description=campaign.description or ""))
                counts["campaigns"] += 1
            elif campaign.description is not None:
                tx.update(row, UNCHECKED, {"description": campaign.description})
        for campaign in data.campaigns:
            if campaign.inside is None:
                continue
            row = rows[campaign.name.casefold()]
            parent = rows.get(campaign.inside.casefold()) if campaign.inside else None
            if campaign.inside and parent is None:
                raise ValidationFailed(f'campaign "{campaign.name}"', f'inside: no campaign named "{campaign.inside}"')
            seen, above = {row.id}, parent
            while above is not None:  # no loops: a campaign is never inside itself
                if above.id in seen:
                    raise ValidationFailed(f'campaign "{campaign.name}"', "inside: a campaign cannot be inside itself")
                seen.add(above.id)
                above = next((c for c in rows.values() if c.id == above.parent_id), None)
            tx.update(row, UNCHECKED, {"parent_id": parent.id if parent else None})
        return rows

    @staticmethod
    def _leads(tx: Tx, wanted: list[CampaignSetup], rows: dict[str, Campaign]) -> None:
        for campaign in wanted:
            values: dict[str, Any] = {}
            for key in ("lead", "pmo"):
                handle = getattr(campaign, key)
                if handle is None:
                    continue
                person = tx.session.exec(select(Person).where(Person.handle == handle)).first() if handle else None
                if handle and person is None:
                    raise ValidationFailed(f'campaign "{campaign.name}"', f"{key}: no person @{handle}")
                values[f"{key}_id"] = person.id if person else None
            if values:
                tx.update(rows[campaign.name.casefold()], UNCHECKED, values)

    def _project(self, tx: Tx, wanted: ProjectSetup, campaigns: dict[str, Campaign], counts: dict[str, int]) -> int:
        from cockpit.db.repos.raci import seed_activities
        from cockpit.db.repos.workspace import add_default_stages

        row = next((p for p in tx.session.exec(select(Project)).all()
                    if p.name.casefold() == wanted.name.casefold()), None)
        campaign_id = campaigns[wanted.campaign.casefold()].id if wanted.campaign else None
        new = row is None
        if row is None:
            data = self.store.validate(ProjectBase, {"name": wanted.name, "description": wanted.description or ""})
            row = tx.insert(Project(name=data.name, description=data.description, campaign_id=campaign_id))
            counts["projects"] += 1
            if not wanted.stages:  # a new project the file gives no stages: the standard workflow
                add_default_stages(tx, row.id)  # type: ignore[arg-type]
        else:
            values: dict[str, Any] = {}
            if wanted.description is not None:
                values["description"] = wanted.description
            if wanted.campaign is not None:
                values["campaign_id"] = campaign_id
            tx.update(row, UNCHECKED, values)
        stages = list(tx.session.exec(select(Stage).where(Stage.project_id == row.id)
                                      .order_by(Stage.position, Stage.id)).all())  # type: ignore[arg-type]
        for stage in wanted.stages:
            self._stage(tx, row.id, stage, stages, counts)  # type: ignore[arg-type]
        if new:
            seed_activities(tx, row.id)  # type: ignore[arg-type]  (its own standard RACI table)
        activities = {a.name.casefold(): a for a in tx.session.exec(select(Activity).where(
            self.of_project(Activity.project_id, tx.session, row.id))).all()}  # type: ignore[arg-type]
        for stage in wanted.stages:
            self._gate(tx, row.id, wanted.name, stage, stages, activities)  # type: ignore[arg-type]
        return row.id  # type: ignore[return-value]

    @staticmethod
    def _stage(tx: Tx, project_id: int, wanted: StageSetup, stages: list[Stage], counts: dict[str, int]) -> None:
        values: dict[str, Any] = {}
        if wanted.category is not None:
            values["category"] = wanted.category
        if wanted.wip_limit is not None:
            values["wip_limit"] = wanted.wip_limit or None
        if wanted.criteria is not None:
            values["criteria"] = list(wanted.criteria)
        row = next((s for s in stages if s.name.casefold() == wanted.name.casefold()), None)
        if row is None:
            position = max((s.position for s in stages), default=-1) + 1
            row = tx.insert(Stage(project_id=project_id, name=wanted.name, position=position,
                                  **({"category": "in_progress"} | values)))
            stages.append(row)
            counts["stages"] += 1
        else:
            tx.update(row, UNCHECKED, values)

    @staticmethod
    def _gate(tx: Tx, project_id: int, project: str, wanted: StageSetup, stages: list[Stage],
              activities: dict[str, Activity]) -> None:
        """The RACI activity (of the same project) that guards the stage, as the file names it."""
        if wanted.gate is None:
            return
        row = next(s for s in stages if s.name.casefold() == wanted.name.casefold())
        current = [a for a in activities.values() if a.stage_id == row.id]
        target = activities.get(wanted.gate.casefold()) if wanted.gate else None
        for other in current:
            if other is not target:
                tx.update(other, UNCHECKED, {"stage_id": None})
        if wanted.gate and target is None:
            last = tx.session.exec(select(func.max(Activity.position)).where(Activity.project_id == project_id)).one()
            target = tx.insert(Activity(name=wanted.gate, phase="Gates", gate=True, stage_id=row.id,
                                        position=0 if last is None else last + 1, project_id=project_id))
            activities[wanted.gate.casefold()] = target
        elif target is not None:
            if target.stage_id not in (None, row.id):
                guarded = tx.session.get(Stage, target.stage_id)
                raise ValidationFailed(stage_place(wanted.name, project),
                                       f'gate "{target.name}" already guards stage '
                                       f'"{guarded.name if guarded else target.stage_id}"')
            tx.update(target, UNCHECKED, {"stage_id": row.id, "gate": True})

    @staticmethod
    def _person(tx: Tx, wanted: PersonSetup, roles: dict[str, int], projects: dict[str, int],
                counts: dict[str, int]) -> None:
        place = person_place(wanted.handle)
        resolved: dict[int, list[int]] = {}
        for project, names in (wanted.roles or {}).items():
            if project.casefold() not in projects:
                raise ValidationFailed(place, f'roles: no project named "{project}"')
            ids = resolved.setdefault(projects[project.casefold()], [])
            for name in names:
                if name.casefold() not in roles:
                    raise ValidationFailed(place, f'roles: no role named "{name}" (in project "{project}")')
                ids.append(roles[name.casefold()])
        row = tx.session.exec(select(Person).where(Person.handle == wanted.handle)).first()
        if row is None:
            if "name" not in wanted.fields:
                raise ValidationFailed(place, "a new person needs a name")
            row = tx.insert(Person(handle=wanted.handle, **wanted.fields))
            counts["people"] += 1
        else:
            tx.update(row, UNCHECKED, dict(wanted.fields))
        for project_id, role_ids in resolved.items():
            held = tx.session.exec(select(PersonRole).where(PersonRole.person_id == row.id,
                                                            PersonRole.project_id == project_id)).all()
            for link in held:
                if link.role_id not in role_ids:
                    tx.delete(link, UNCHECKED)
            have = {link.role_id for link in held}
            for role_id in dict.fromkeys(role_ids):
                if role_id not in have:
                    tx.insert(PersonRole(person_id=row.id, role_id=role_id, project_id=project_id))

    # --- the guided first-run setup ------------------------------------------------------------

    def first_run(self, project_name: str, time_zone: str, people: list[tuple[str, str]]) -> int:
        """The guided setup's answers in one undoable change: the workspace's project renamed, its time
        zone, the first people (name, handle) added; the guided setup is then done.  Returns how many
        people were added.  Everything is checked first (the field named), nothing written on error."""
        project = self.store.workspace.project()
        name = self.store.validate(ProjectBase, {"name": project_name, "description": ""}).name
        zone = check_zone(time_zone, "time zone")
        checked: list[PersonCreate] = []
        for number, (person_name, handle) in enumerate(people, start=1):
            try:
                data = self.store.validate(PersonCreate, {"name": person_name, "handle": handle})
            except ValidationFailed as error:
                raise ValidationFailed(f"person{number}", f"person {number}: {error.field}: {error.reason}") from None
            if any(other.handle == data.handle for other in checked):
                raise ValidationFailed(f"person{number}", f"person {number}: @{data.handle} is given twice")
            checked.append(data)
        with self.store.write("first-run setup") as tx:
            row = tx.get(Project, project.id)
            tx.update(row, UNCHECKED, {"name": name})
            self._time_zone(tx, zone)
            for data in checked:
                if tx.session.exec(select(Person).where(Person.handle == data.handle)).first() is not None:
                    raise ValidationFailed("handle", f"@{data.handle} is already taken")
                tx.insert(Person(**data.model_dump()))
            done = tx.session.exec(select(WorkspaceSetting).where(WorkspaceSetting.key == FIRST_RUN)).first()
            if done is None:
                tx.insert(WorkspaceSetting(key=FIRST_RUN, value="done"))
            else:
                tx.update(done, UNCHECKED, {"value": "done"})
        self.store.settings._zone_name = None
        return len(checked)
