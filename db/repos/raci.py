"""Store methods of the RACI feature: activities, their role letters, gates and the board link."""

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from cockpit.db.errors import NotFound, ValidationFailed
from cockpit.db.models import Change, Person, PersonRole, Role, RoleCreate, RoleRead, Stage
from cockpit.db.models_raci import (
    LETTERS,
    Activity,
    ActivityCreate,
    ActivityImport,
    ActivityRead,
    ActivityUpdate,
    Assignment,
    AssignmentCreate,
    AssignmentRead,
    CellRead,
    RaciTableRead,
)
from cockpit.db.repos.base import Repo
from cockpit.db.repos.raci_defaults import DEFAULT_ACTIVITIES
from cockpit.db.tx import UNCHECKED, Tx


def _read(row: Activity) -> ActivityRead:
    return ActivityRead.model_validate(row, from_attributes=True)


#: More changes than this since the table was read: read it all again.
_PATCH_LIMIT = 200
_CELL_COLUMNS = (Assignment.id, Assignment.activity_id, Assignment.role_id, Assignment.letter, Assignment.version)


def _read_table(session: Session, mine: Any) -> RaciTableRead:
    """The table of one project (``mine``: the where-clause on ``Activity.project_id``)."""
    activity_fields = list(ActivityRead.model_fields)
    activities = session.exec(select(*(getattr(Activity, f) for f in activity_fields)).where(mine)
                              .order_by(Activity.position, Activity.id)).all()  # type: ignore[arg-type]
    roles = session.exec(select(Role).order_by(Role.position, Role.id)).all()  # type: ignore[arg-type]
    cells = session.exec(select(*_CELL_COLUMNS).join(Activity, Activity.id == Assignment.activity_id)  # type: ignore[call-overload]
                         .where(mine).order_by(Assignment.id)).all()
    return RaciTableRead(
        activities=[ActivityRead.model_construct(**dict(zip(activity_fields, row))) for row in activities],
        roles=[RoleRead.model_validate(row, from_attributes=True) for row in roles],
        assignments=[CellRead(*row) for row in cells],
    )


def _patched(session: Session, known: RaciTableRead, ids: set[int]) -> RaciTableRead:
    """``known`` with the assignments ``ids`` read again (gone ones dropped, new ones added)."""
    if not ids:
        return known
    shown = {activity.id for activity in known.activities}  # another project's letters: not here
    fresh = {row[0]: CellRead(*row) for row in
             session.exec(select(*_CELL_COLUMNS).where(Assignment.id.in_(ids))).all()  # type: ignore[call-overload, union-attr]
             if row[1] in shown}
    cells = [fresh.pop(cell.id, None) if cell.id in ids else cell for cell in known.assignments]
    cells = [cell for cell in cells if cell is not None] + sorted(fresh.values(), key=lambda cell: cell.id)
    cells.sort(key=lambda cell: cell.id)  # as table() orders them (nearly sorted: cheap)
    return RaciTableRead(activities=known.activities, roles=known.roles, assignments=cells)


class RaciRepo(Repo):
    # --- reading -------------------------------------------------------------------------------

    def _mine(self, session: Session) -> Any:
        """Activities of this window's project (RACI tables are per project; roles are shared)."""
        return self.of_project(Activity.project_id, session, self.project_in(session))

    def activities(self) -> list[ActivityRead]:
        """This project's activities, in table order."""
        with self.store.read() as session:
            rows = session.exec(select(Activity).where(self._mine(session))
                                .order_by(Activity.position, Activity.id)).all()  # type: ignore[arg-type]
        return [_read(row) for row in rows]

    def activity(self, activity_id: int) -> ActivityRead:
        with self.store.read() as session:
            row = session.get(Activity, activity_id)
        if row is None:
            raise NotFound(f"activity #{activity_id} no longer exists")
        return _read(row)

    def assignments(self) -> list[AssignmentRead]:
        with self.store.read() as session:
            rows = session.exec(select(Assignment).order_by(Assignment.id)).all()  # type: ignore[arg-type]
        return [AssignmentRead.model_validate(row, from_attributes=True) for row in rows]

    def table(self) -> RaciTableRead:
        """Activities, roles and assignments read in one session (one consistent picture).

        Rows come straight from the database, so they are built without re-validation and letters
        as plain records (the grid reloads this after every key press, and a big table has thousands).
        """
        with self.store.read() as session:
            return _read_table(session, self._mine(session))

    def table_since(self, known: RaciTableRead | None, after_change: int | None) -> tuple[RaciTableRead, int]:
        """The table now and the newest change id it includes (pass both back next time).

        ``known`` is a table this returned with ``after_change``.  When every change logged since is
        to letters (a key press here, or in another window), only those cells are read and the
        rest of ``known`` is kept; anything else (activities, roles, an import) reads it all.  The
        change log is complete in id order (``Store.last_change_id``), and both reads share one
        session, so the answer is what ``table()`` would give.
        """
        with self.store.read() as session:
            newest = session.exec(select(func.max(Change.id))).one() or 0
            if known is not None and after_change is not None and newest >= after_change:
                changed = session.exec(select(Change.entity, Change.entity_id)
                                       .where(Change.id > after_change, Change.id <= newest)
                                       .limit(_PATCH_LIMIT + 1)).all()
                if len(changed) <= _PATCH_LIMIT and all(entity == Assignment.__tablename__ for entity, _ in changed):
                    return _patched(session, known, {entity_id for _, entity_id in changed}), newest
            return _read_table(session, self._mine(session)), newest

    def gate_approver(self, stage_id: int) -> str | None:
        """Who signs off a card entering ``stage_id``: "Role: Person, Person", or None.

        The stage's gate activity names its Accountable role; the people holding that role approve.
        None when no activity guards the stage.  The board's gate checklist shows the text as is.
        """
        with self.store.read() as session:
            gate = session.exec(select(Activity).where(Activity.stage_id == stage_id)).first()
            if gate is None:
                return None
            roles = session.exec(
                select(Role).join(Assignment, Assignment.role_id == Role.id)
                .where(Assignment.activity_id == gate.id, Assignment.letter == "A")
                .order_by(Role.position, Role.id)  # type: ignore[arg-type]
            ).all()
            if not roles:
                return f"nobody yet: {gate.name} has no Accountable role in the RACI table"
            parts = []
            for role in roles:
                holders = (select(Person.name).join(PersonRole, PersonRole.person_id == Person.id)
                           .where(PersonRole.role_id == role.id, Person.active == True))  # noqa: E712
                if gate.project_id is not None:  # the role held in the gate's project
                    holders = holders.where(PersonRole.project_id == gate.project_id)
                people = list(dict.fromkeys(session.exec(holders.order_by(Person.name)).all()))
                parts.append(f"{role.name}: {', '.join(people) if people else 'nobody holds this role'}")
        return "; ".join(parts)

    # --- activities ----------------------------------------------------------------------------

    def add_activity(self, name: str, phase: str = "General", criteria: str = "", deliverable: str = "",
                     gate: bool = False, stage_id: int | None = None) -> ActivityRead:
        """A new activity at the end of its phase (a new phase starts at the bottom of the table)."""
        data = self.store.validate(ActivityCreate, {"name": name, "phase": phase, "criteria": criteria,
                                                    "deliverable": deliverable, "gate": gate,
                                                    "stage_id": stage_id})
        with self.store.write(f"add activity {data.name}") as tx:
            project_id = self.project_in(tx.session)
            mine = self.of_project(Activity.project_id, tx.session, project_id)
            self._check_name(tx.session, data.name, None, mine)
            fields = data.model_dump()
            if data.stage_id is not None:
                self._release_stage(tx, data.stage_id, None)
                fields["gate"] = True
            row = tx.insert(Activity(**fields, position=self._next_position(tx.session, mine), project_id=project_id))
        return _read(row)

    def update_activity(self, activity_id: int, version: int, **fields: Any) -> ActivityRead:
        """Edit an activity read at ``version``.  Naming a stage makes it a gate; no gate, no stage."""
        data = self.store.validate(ActivityUpdate, fields)
        changes = {name: getattr(data, name) for name in fields}
        for name in ("name", "phase"):
            if name in changes and changes[name] is None:
                raise ValidationFailed(name, "cannot be empty")
        with self.store.write("edit activity") as tx:
            row = tx.get(Activity, activity_id, what=f"activity #{activity_id}")
            tx.label = f"edit activity {row.name}"
            if "name" in changes:
                self._check_name(tx.session, changes["name"], activity_id,
                                 self.of_project(Activity.project_id, tx.session, row.project_id or self.project_in(tx.session)))
            if changes.get("stage_id") is not None:
                self._release_stage(tx, changes["stage_id"], activity_id)
                changes["gate"] = True
            if changes.get("gate") is False:
                changes["stage_id"] = None
            tx.update(row, version, changes, what=f"activity {row.name!r}")
        return _read(row)

    def toggle_gate(self, activity_id: int, version: int) -> ActivityRead:
        current = self.activity(activity_id)
        return self.update_activity(activity_id, version, gate=not current.gate)

    def delete_activity(self, activity_id: int, version: int) -> None:
        """Delete an activity and its letters (one change; undo brings both back)."""
        with self.store.write("delete activity") as tx:
            row = tx.get(Activity, activity_id, what=f"activity #{activity_id}")
            tx.label = f"delete activity {row.name}"
            tx.check_version(row, version, f"activity {row.name!r}")
            for cell in tx.session.exec(select(Assignment).where(Assignment.activity_id == activity_id)).all():
                tx.delete(cell, UNCHECKED)
            tx.delete(row, UNCHECKED)

    def reorder(self, activity_id: int, version: int, step: int) -> ActivityRead:
        """Swap an activity with its neighbour ``step`` places up (-1) or down (+1) in its phase."""
        if step not in (-1, 1):
            raise ValidationFailed("step", "an activity moves one place at a time")
        with self.store.write("reorder activity") as tx:
            row = tx.get(Activity, activity_id, what=f"activity #{activity_id}")
            tx.check_version(row, version, f"activity {row.name!r}")
            tx.label = f"reorder activity {row.name}"
            mine = self.of_project(Activity.project_id, tx.session, row.project_id or self.project_in(tx.session))
            rows = tx.session.exec(select(Activity).where(Activity.phase == row.phase, mine)
                                   .order_by(Activity.position, Activity.id)).all()  # type: ignore[arg-type]
            index = next(i for i, other in enumerate(rows) if other.id == row.id)
            if not 0 <= index + step < len(rows):
                return _read(row)
            neighbour = rows[index + step]
            mine, theirs = row.position, neighbour.position
            if mine == theirs:  # equal positions (imported by hand): make room first
                theirs = mine + step
            tx.update(neighbour, UNCHECKED, {"position": mine}, action="reorder")
            tx.update(row, UNCHECKED, {"position": theirs}, action="reorder")
        return _read(row)

    # --- letters -------------------------------------------------------------------------------

    def set_letter(self, activity_id: int, role_id: int, letter: str | None,
                   version: int) -> AssignmentRead | None:
        """Set (or clear, with None or "") the letter of one cell.

        ``version``: the cell's version as read, 0 if it was empty.  A cell
        changed elsewhere since is refused (StaleEdit).
        """
        letter = (letter or "").strip().upper() or None
        if letter is not None and letter not in LETTERS:
            raise ValidationFailed("letter", f"{letter!r} is not one of R, A, C or I")
        with self.store.write("set RACI letter") as tx:
            activity = tx.get(Activity, activity_id, what=f"activity #{activity_id}")
            role = tx.get(Role, role_id, what=f"role #{role_id}")
            cell = tx.session.exec(select(Assignment).where(Assignment.activity_id == activity_id,
                                                            Assignment.role_id == role_id).with_for_update()).first()
            what = f"{activity.name} / {role.code}"
            tx.label = f"{'set ' + letter if letter else 'clear'} {what}"
            if cell is None:
                if version:
                    raise ValidationFailed("letter", f"{what} was cleared elsewhere since you read it; reload")
                if letter is None:
                    return None
                self.store.validate(AssignmentCreate, {"activity_id": activity_id, "role_id": role_id,
                                                       "letter": letter})
                cell = tx.insert(Assignment(activity_id=activity_id, role_id=role_id, letter=letter))
            elif version == 0:
                raise tx.stale(cell, what)
            elif letter is None:
                tx.delete(cell, version, what=what)
                return None
            else:
                tx.update(cell, version, {"letter": letter}, what=what)
        return AssignmentRead.model_validate(cell, from_attributes=True)

    # --- roles ---------------------------------------------------------------------------------

    def add_role(self, name: str, code: str) -> RoleRead:
        """A new role (a new column at the right of the table)."""
        data = self.store.validate(RoleCreate, {"name": name, "code": code})
        with self.store.write(f"add role {data.name}") as tx:
            self._check_role(tx.session, data.name, data.code, None)
            last = tx.session.exec(select(func.max(Role.position))).one()
            row = tx.insert(Role(name=data.name, code=data.code, position=0 if last is None else last + 1))
        return RoleRead.model_validate(row, from_attributes=True)

    def rename_role(self, role_id: int, version: int, name: str, code: str) -> RoleRead:
        data = self.store.validate(RoleCreate, {"name": name, "code": code})
        with self.store.write("rename role") as tx:
            row = tx.get(Role, role_id, what=f"role #{role_id}")
            tx.label = f"rename role {row.name}"
            self._check_role(tx.session, data.name, data.code, role_id)
            tx.update(row, version, {"name": data.name, "code": data.code}, what=f"role {row.name!r}")
        return RoleRead.model_validate(row, from_attributes=True)

    # --- whole table ---------------------------------------------------------------------------

    def replace_table(self, activities: list[dict[str, Any]], *, label: str = "import RACI table") -> int:
        """Replace every activity and letter with ``activities`` (all or nothing, one undoable change).

        Each entry: the ActivityCreate fields plus ``letters`` ({role id: letter}).  A bad entry is
        refused with a ValidationFailed naming it ("activity 3 (PRD writing): ...").
        """
        checked: list[ActivityImport] = []
        for number, entry in enumerate(activities, start=1):
            try:
                checked.append(self.store.validate(ActivityImport, entry))  # type: ignore[arg-type]
            except ValidationFailed as error:
                raise ValidationFailed(f"activity {number} ({entry.get('name', '?')})",
                                       f"{error.field}: {error.reason}") from None
        names = [a.name.casefold() for a in checked]
        if len(set(names)) != len(names):
            dup = next(a.name for a in checked if names.count(a.name.casefold()) > 1)
            raise ValidationFailed("activity", f"{dup!r} appears twice")
        stages = [a.stage_id for a in checked if a.stage_id is not None]
        if len(set(stages)) != len(stages):
            raise ValidationFailed("stage", "a stage can be guarded by one gate activity only")
        with self.store.write(label) as tx:
            project_id = self.project_in(tx.session)
            mine = self.of_project(Activity.project_id, tx.session, project_id)
            role_ids = set(tx.session.exec(select(Role.id)).all())
            stage_ids = set(tx.session.exec(select(Stage.id).where(Stage.project_id == project_id)).all())
            for number, entry in enumerate(checked, start=1):
                if entry.stage_id is not None and entry.stage_id not in stage_ids:
                    raise ValidationFailed(f"activity {number} ({entry.name})", f"no stage #{entry.stage_id}")
                unknown = set(entry.letters) - role_ids
                if unknown:
                    raise ValidationFailed(f"activity {number} ({entry.name})", f"no role #{min(unknown)}")
            for cell in tx.session.exec(select(Assignment).join(Activity, Activity.id == Assignment.activity_id)
                                        .where(mine).order_by(Assignment.id)).all():  # type: ignore[arg-type]
                tx.delete(cell, UNCHECKED)
            for row in tx.session.exec(select(Activity).where(mine).order_by(Activity.id)).all():  # type: ignore[arg-type]
                tx.delete(row, UNCHECKED)
            for position, entry in enumerate(checked):
                fields = entry.model_dump(exclude={"letters"})
                fields["gate"] = fields["gate"] or fields["stage_id"] is not None
                row = tx.insert(Activity(**fields, position=position, project_id=project_id))
                for role_id, letter in sorted(entry.letters.items()):
                    tx.insert(Assignment(activity_id=row.id, role_id=role_id, letter=letter))
        return len(checked)

    def seed_defaults(self) -> int:
        """The PMO iteration standard's table for this window's project, if it has no activity yet
        (not undoable).  Returns how many activities were added."""
        with self.store.write("create default RACI table", undoable=False) as tx:
            return seed_activities(tx, self.project_in(tx.session))

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _next_position(session: Session, mine: Any) -> int:
        last = session.exec(select(func.max(Activity.position)).where(mine)).one()
        return 0 if last is None else last + 1

    @staticmethod
    def _check_name(session: Session, name: str, activity_id: int | None, mine: Any) -> None:
        for other in session.exec(select(Activity).where(mine)).all():
            if other.id != activity_id and other.name.casefold() == name.casefold():
                raise ValidationFailed("name", f"there is already an activity named {other.name!r}")

    @staticmethod
    def _check_role(session: Session, name: str, code: str, role_id: int | None) -> None:
        for other in session.exec(select(Role)).all():
            if other.id == role_id:
                continue
            if other.name.casefold() == name.casefold():
                raise ValidationFailed("name", f"there is already a role named {other.name!r}")
            if other.code.casefold() == code.casefold():
                raise ValidationFailed("code", f"{other.name} already uses the code {other.code!r}")

    @staticmethod
    def _release_stage(tx: Tx, stage_id: int, keep: int | None) -> None:
        """A stage names one gate activity: unlink the stage from any other activity (logged)."""
        if tx.session.get(Stage, stage_id) is None:
            raise ValidationFailed("stage", f"no stage #{stage_id}")
        for other in tx.session.exec(select(Activity).where(Activity.stage_id == stage_id)).all():
            if other.id != keep:
                tx.update(other, UNCHECKED, {"stage_id": None})


def seed_activities(tx: Tx, project_id: int) -> int:
    """The PMO iteration standard's RACI table for ``project_id`` if it has no activity yet, inside the
    caller's transaction.  Letters go to roles by their default codes and gates to the project's stages
    by their category and place; a role or stage the workspace lacks is skipped.  Returns how many
    activities were added."""
    if tx.session.exec(select(func.count()).select_from(Activity).where(Activity.project_id == project_id)).one():
        return 0
    roles = {role.code: role.id for role in tx.session.exec(select(Role)).all()}
    stages: dict[tuple[str, int], int] = {}
    for stage in tx.session.exec(select(Stage).where(Stage.project_id == project_id)
                                 .order_by(Stage.position, Stage.id)).all():  # type: ignore[arg-type]
        ordinal = sum(1 for category, _n in stages if category == stage.category)
        stages.setdefault((stage.category, ordinal), stage.id)  # type: ignore[arg-type]
    for position, (phase, name, criteria, deliverable, gate, letters) in enumerate(DEFAULT_ACTIVITIES):
        row = tx.insert(Activity(name=name, phase=phase, criteria=criteria, deliverable=deliverable,
                                 gate=gate is not None, stage_id=stages.get(gate) if gate else None,
                                 position=position, project_id=project_id))
        for code, letter in letters.items():
            if code in roles:
                tx.insert(Assignment(activity_id=row.id, role_id=roles[code], letter=letter))
    return len(DEFAULT_ACTIVITIES)
