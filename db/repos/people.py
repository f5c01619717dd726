"""Store methods of the Setup feature for people and roles: edit, deactivate, roles per project, team
history, role order and removal, and the people CSV import (all or nothing)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from cockpit.db.errors import ValidationFailed
from cockpit.db.models import (
    Item,
    Person,
    PersonCreate,
    PersonRead,
    PersonRole,
    PersonUpdate,
    Project,
    Role,
    RoleRead,
)
from cockpit.db.models_raci import Assignment
from cockpit.db.repos.base import Repo
from cockpit.db.tx import UNCHECKED, Tx


@dataclass
class PersonImport:
    """One row of a people file, checked: the fields and the roles as (project name, role name)."""

    row: int
    fields: dict[str, Any]
    roles: list[tuple[str, str]] = field(default_factory=list)


class PeopleRepo(Repo):
    # --- people --------------------------------------------------------------------------------

    def update_person(self, person_id: int, version: int, *, roles: list[str] | None = None,
                      **fields: Any) -> PersonRead:
        """Edit a person read at ``version`` (and, given ``roles``, the roles they hold in the workspace's
        project), one undoable change; a changed team is in the change log (``team_at``)."""
        data = self.store.validate(PersonUpdate, fields)
        role_ids = None if roles is None else self.store.workspace._role_ids(list(roles))
        project_id = None if roles is None else self.store.workspace.project().id
        changes = {name: getattr(data, name) for name in fields}
        for name in ("name", "handle"):
            if name in changes and changes[name] is None:
                raise ValidationFailed(name, "cannot be empty")
        with self.store.write("edit person") as tx:
            row = tx.get(Person, person_id, what=f"person #{person_id}")
            tx.label = f"edit person {row.name}"
            if "handle" in changes:
                self._check_handle(tx, changes["handle"], person_id)
            tx.update(row, version, changes, what=f"person {row.name!r}")
            if role_ids is not None:
                self._set_roles(tx, person_id, project_id, role_ids)  # type: ignore[arg-type]
        return self.store.workspace.person(person_id)

    def set_active(self, person_id: int, version: int, active: bool) -> PersonRead:
        """Deactivate (or bring back) a person: never deleted, so cards, risks, actions and the change
        log keep their name; a deactivated person is no longer offered as an owner."""
        with self.store.write("deactivate person" if not active else "reactivate person") as tx:
            row = tx.get(Person, person_id, what=f"person #{person_id}")
            tx.label = f"{'reactivate' if active else 'deactivate'} person {row.name}"
            tx.update(row, version, {"active": active}, what=f"person {row.name!r}")
        return self.store.workspace.person(person_id)

    def set_roles(self, person_id: int, version: int, roles: list[str], project_id: int | None = None) -> PersonRead:
        """The roles (names or codes) ``person_id`` holds in ``project_id`` (the workspace's project by
        default): roles not named are dropped, new ones added; one undoable change."""
        project_id = project_id if project_id is not None else self.store.workspace.project().id
        role_ids = self.store.workspace._role_ids(list(roles))
        with self.store.write("set roles") as tx:
            person = tx.get(Person, person_id, what=f"person #{person_id}")
            tx.check_version(person, version, f"person {person.name!r}")
            tx.label = f"set roles of {person.name}"
            self._set_roles(tx, person_id, project_id, role_ids)
        return self.store.workspace.person(person_id)

    @staticmethod
    def _set_roles(tx: Tx, person_id: int, project_id: int, role_ids: list[int]) -> None:
        held = tx.session.exec(select(PersonRole).where(PersonRole.person_id == person_id,
                                                        PersonRole.project_id == project_id)).all()
        for link in held:
            if link.role_id not in role_ids:
                tx.delete(link, UNCHECKED)
        have = {link.role_id for link in held}
        for role_id in dict.fromkeys(role_ids):
            if role_id not in have:
                tx.insert(PersonRole(person_id=person_id, role_id=role_id, project_id=project_id))

    def owns(self, person_id: int) -> dict[str, int]:
        """What a person owns (cards, risks, action items): why they are deactivated, not deleted."""
        from cockpit.db.models_meetings import ActionItem
        from cockpit.db.models_risks import Risk

        with self.store.read() as session:
            return {
                "cards": session.exec(select(func.count()).select_from(Item).where(Item.owner_id == person_id)).one(),
                "risks": session.exec(select(func.count()).select_from(Risk).where(Risk.owner_id == person_id)).one(),
                "actions": session.exec(select(func.count()).select_from(ActionItem)
                                        .where(ActionItem.owner_id == person_id)).one(),
            }

    def team_at(self, person_id: int, moment: datetime) -> str:
        """The team ``person_id`` was in at ``moment``, from the change log (their team now if it never
        changed since)."""
        person = self.store.workspace.person(person_id)
        team = person.team
        for change in reversed(self.store.changes(entity="person", entity_id=person_id)):
            if change.at <= moment:
                break
            if change.before and "team" in change.before:
                team = change.before["team"]
            elif change.action == "create":
                team = (change.after or {}).get("team", team)
        return team

    # --- roles ---------------------------------------------------------------------------------

    def role_use(self, role_id: int) -> dict[str, int]:
        """How often a role is used: RACI letters and people holding it."""
        with self.store.read() as session:
            return {
                "RACI letters": session.exec(select(func.count()).select_from(Assignment)
                                             .where(Assignment.role_id == role_id)).one(),
                "people": session.exec(select(func.count()).select_from(PersonRole)
                                       .where(PersonRole.role_id == role_id)).one(),
            }

    def remove_role(self, role_id: int, version: int) -> None:
        """Remove a role nobody uses; refused with the count of letters and people that use it."""
        with self.store.write("remove role") as tx:
            row = tx.get(Role, role_id, what=f"role #{role_id}")
            tx.label = f"remove role {row.name}"
            letters = tx.session.exec(select(func.count()).select_from(Assignment)
                                      .where(Assignment.role_id == role_id)).one()
            people = tx.session.exec(select(func.count()).select_from(PersonRole)
                                     .where(PersonRole.role_id == role_id)).one()
            if letters or people:
                uses = [f"{n} {what}" for n, what in ((letters, "RACI letter" + "s" * (letters != 1)),
                                                       (people, "person" if people == 1 else "people")) if n]
                raise ValidationFailed("role", f"{row.name} is still used by {' and '.join(uses)}")
            tx.delete(row, version, what=f"role {row.name!r}")

    def move_role(self, role_id: int, version: int, step: int) -> RoleRead:
        """Swap a role with its neighbour ``step`` places left (-1) or right (+1)."""
        if step not in (-1, 1):
            raise ValidationFailed("step", "a role moves one place at a time")
        with self.store.write("reorder role") as tx:
            row = tx.get(Role, role_id, what=f"role #{role_id}")
            tx.check_version(row, version, f"role {row.name!r}")
            tx.label = f"reorder role {row.name}"
            rows = list(tx.session.exec(select(Role).order_by(Role.position, Role.id)).all())  # type: ignore[arg-type]
            index = next(i for i, other in enumerate(rows) if other.id == row.id)
            if 0 <= index + step < len(rows):
                rows[index], rows[index + step] = rows[index + step], rows[index]
                for position, other in enumerate(rows):  # renumber: equal positions cannot stall a move
                    if other.position != position:
                        tx.update(other, UNCHECKED, {"position": position}, action="reorder")
        return RoleRead.model_validate(row, from_attributes=True)

    # --- import --------------------------------------------------------------------------------

    def import_people(self, rows: list[PersonImport], *, label: str = "import people") -> tuple[int, int]:
        """Add or update (by handle) every row, all or nothing; returns (added, updated).

        Each row is validated first; a bad field, a handle twice in the file, an unknown project or role
        is refused as "row N, field F: reason" and nothing is written.
        """
        checked: list[tuple[PersonImport, PersonCreate]] = []
        seen: dict[str, int] = {}
        for entry in rows:
            try:
                data = self.store.validate(PersonCreate, entry.fields)
            except ValidationFailed as error:
                raise ValidationFailed(f"row {entry.row}, field {error.field}", error.reason) from None
            if data.handle in seen:
                raise ValidationFailed(f"row {entry.row}, field handle",
                                       f"@{data.handle} is already on row {seen[data.handle]}")
            seen[data.handle] = entry.row
            checked.append((entry, data))
        roles = {key.casefold(): role.id for role in self.store.workspace.roles() for key in (role.name, role.code)}
        with self.store.write(label) as tx:
            projects = {name.casefold(): pid for pid, name in tx.session.exec(select(Project.id, Project.name)).all()}
            resolved: list[dict[int, list[int]]] = []
            for entry, _data in checked:
                by_project: dict[int, list[int]] = {}
                for project, role in entry.roles:
                    if project.casefold() not in projects:
                        raise ValidationFailed(f"row {entry.row}, field roles", f"no project named {project!r}")
                    if role.casefold() not in roles:
                        raise ValidationFailed(f"row {entry.row}, field roles", f"no role named {role!r}")
                    by_project.setdefault(projects[project.casefold()], []).append(roles[role.casefold()])
                resolved.append(by_project)
            added = updated = 0
            for (entry, data), by_project in zip(checked, resolved):
                row = tx.session.exec(select(Person).where(Person.handle == data.handle)).first()
                if row is None:
                    row = tx.insert(Person(**data.model_dump()))
                    added += 1
                else:
                    before = row.version
                    tx.update(row, UNCHECKED, {name: getattr(data, name) for name in entry.fields
                                               if name != "handle"})
                    updated += row.version != before
                for project_id, role_ids in by_project.items():
                    self._set_roles(tx, row.id, project_id, role_ids)  # type: ignore[arg-type]
        return added, updated

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _check_handle(tx: Tx, handle: str, person_id: int | None) -> None:
        other = tx.session.exec(select(Person).where(Person.handle == handle)).first()
        if other is not None and other.id != person_id:
            raise ValidationFailed("handle", f"@{handle} is already taken by {other.name}")
