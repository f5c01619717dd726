"""Store methods of the Setup feature for the workflow: stages (add, rename, category, WIP limit,
reorder, remove), their entry criteria, and the RACI activity that guards each gate.

Stages belong to a project (``Stage.project_id``); these methods work on the workspace's project unless
told otherwise, so a workspace with several projects only has to pass the project's id.
"""

from typing import Any

from sqlalchemy import func
from sqlmodel import select

from cockpit.db.errors import ValidationFailed
from cockpit.db.models import Item, Stage, StageCreate, StageRead
from cockpit.db.models_raci import Activity
from cockpit.db.repos.base import Repo
from cockpit.db.text import clean_line
from cockpit.db.tx import UNCHECKED

MAX_CRITERION = 200


def _read(row: Stage) -> StageRead:
    return StageRead.model_validate(row, from_attributes=True)


class WorkflowRepo(Repo):
    # --- reading -------------------------------------------------------------------------------

    def stages(self, project_id: int | None = None) -> list[StageRead]:
        project_id = project_id if project_id is not None else self.store.workspace.project().id
        with self.store.read() as session:
            rows = session.exec(select(Stage).where(Stage.project_id == project_id)
                                .order_by(Stage.position, Stage.id)).all()  # type: ignore[arg-type]
        return [_read(row) for row in rows]

    def card_counts(self) -> dict[int, int]:
        """stage id -> how many cards are in it."""
        with self.store.read() as session:
            rows = session.exec(select(Item.stage_id, func.count()).group_by(Item.stage_id)).all()
        return {stage_id: count for stage_id, count in rows}

    def gates(self) -> dict[int, tuple[int, str]]:
        """stage id -> (activity id, activity name) of the RACI activity that guards it."""
        with self.store.read() as session:
            rows = session.exec(select(Activity.stage_id, Activity.id, Activity.name)
                                .where(Activity.stage_id != None)).all()  # noqa: E711
        return {stage_id: (activity_id, name) for stage_id, activity_id, name in rows}

    # --- stages --------------------------------------------------------------------------------

    def add_stage(self, name: str, category: str = "in_progress", wip_limit: int | None = None,
                  project_id: int | None = None) -> StageRead:
        """A new stage at the end of the project's workflow."""
        project_id = project_id if project_id is not None else self.store.workspace.project().id
        data = self.store.validate(StageCreate, {"name": name, "category": category, "wip_limit": wip_limit,
                                                 "project_id": project_id})
        with self.store.write(f"add stage {data.name}") as tx:
            self._check_name(tx, project_id, data.name, None)
            last = tx.session.exec(select(func.max(Stage.position)).where(Stage.project_id == project_id)).one()
            row = tx.insert(Stage(**data.model_dump(exclude={"position"}), position=0 if last is None else last + 1))
        return _read(row)

    def update_stage(self, stage_id: int, version: int, **fields: Any) -> StageRead:
        """Rename a stage, change its category or WIP limit (None: no limit).  Cards, gates and the
        history of past moves refer to the stage by id, so a rename breaks nothing."""
        unknown = set(fields) - {"name", "category", "wip_limit"}
        if unknown:
            raise ValidationFailed(min(unknown), "cannot be changed here")
        with self.store.write("edit stage") as tx:
            row = tx.get(Stage, stage_id, what=f"stage #{stage_id}")
            tx.label = f"edit stage {row.name}"
            data = self.store.validate(StageCreate, _read(row).model_dump() | fields)
            if "name" in fields:
                self._check_name(tx, row.project_id, data.name, stage_id)
            tx.update(row, version, {name: getattr(data, name) for name in fields}, what=f"stage {row.name!r}")
        return _read(row)

    def move_stage(self, stage_id: int, version: int, step: int) -> StageRead:
        """Swap a stage with its neighbour ``step`` places left (-1) or right (+1)."""
        if step not in (-1, 1):
            raise ValidationFailed("step", "a stage moves one place at a time")
        with self.store.write("reorder stage") as tx:
            row = tx.get(Stage, stage_id, what=f"stage #{stage_id}")
            tx.check_version(row, version, f"stage {row.name!r}")
            tx.label = f"reorder stage {row.name}"
            rows = list(tx.session.exec(select(Stage).where(Stage.project_id == row.project_id)
                                        .order_by(Stage.position, Stage.id)).all())  # type: ignore[arg-type]
            index = next(i for i, other in enumerate(rows) if other.id == row.id)
            if 0 <= index + step < len(rows):
                rows[index], rows[index + step] = rows[index + step], rows[index]
                for position, other in enumerate(rows):
                    if other.position != position:
                        tx.update(other, UNCHECKED, {"position": position}, action="reorder")
        return _read(row)

    def remove_stage(self, stage_id: int, version: int) -> None:
        """Remove an empty stage (its gate activity stays in the RACI table, unlinked); refused, with the
        count, while cards are in it."""
        with self.store.write("remove stage") as tx:
            row = tx.get(Stage, stage_id, what=f"stage #{stage_id}")
            tx.label = f"remove stage {row.name}"
            cards = tx.session.exec(select(func.count()).select_from(Item).where(Item.stage_id == stage_id)).one()
            if cards:
                raise ValidationFailed("stage", f"{row.name} still holds {cards} card{'s' if cards != 1 else ''};"
                                                " move them to another stage first")
            stages = tx.session.exec(select(func.count()).select_from(Stage)
                                     .where(Stage.project_id == row.project_id)).one()
            if stages <= 1:
                raise ValidationFailed("stage", "a workflow needs at least one stage")
            tx.check_version(row, version, f"stage {row.name!r}")
            for gate in tx.session.exec(select(Activity).where(Activity.stage_id == stage_id)).all():
                tx.update(gate, UNCHECKED, {"stage_id": None})
            tx.delete(row, UNCHECKED)

    # --- entry criteria ------------------------------------------------------------------------

    def set_criteria(self, stage_id: int, version: int, criteria: list[str], *, label: str = "edit criteria") -> StageRead:
        """The stage's entry criteria, in order (add, edit, reorder and remove all come here).  Cards that
        entered before keep the criteria they were checked against (the move's change log row)."""
        cleaned = [clean_line(text) for text in criteria]
        for number, text in enumerate(cleaned, start=1):
            if not text:
                raise ValidationFailed("criterion", f"criterion {number} is empty")
            if len(text) > MAX_CRITERION:
                raise ValidationFailed("criterion", f"criterion {number} is longer than {MAX_CRITERION} characters")
        with self.store.write(label) as tx:
            row = tx.get(Stage, stage_id, what=f"stage #{stage_id}")
            tx.label = f"{label} of {row.name}"
            tx.update(row, version, {"criteria": cleaned}, what=f"stage {row.name!r}")
        return _read(row)

    # --- gates ---------------------------------------------------------------------------------

    def set_gate(self, stage_id: int, activity_id: int | None) -> None:
        """The RACI activity that guards ``stage_id`` (None: no gate activity).  The activity's
        Accountable role is the approver the board's checklist shows."""
        with self.store.write("set gate activity") as tx:
            stage = tx.get(Stage, stage_id, what=f"stage #{stage_id}")
            tx.label = f"set gate activity of {stage.name}"
            for other in tx.session.exec(select(Activity).where(Activity.stage_id == stage_id)).all():
                if other.id != activity_id:
                    tx.update(other, UNCHECKED, {"stage_id": None})
            if activity_id is not None:
                activity = tx.get(Activity, activity_id, what=f"activity #{activity_id}")
                tx.update(activity, UNCHECKED, {"stage_id": stage_id, "gate": True})

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _check_name(tx, project_id: int, name: str, stage_id: int | None) -> None:  # noqa: ANN001
        for other in tx.session.exec(select(Stage).where(Stage.project_id == project_id)).all():
            if other.id != stage_id and other.name.casefold() == name.casefold():
                raise ValidationFailed("name", f"there is already a stage named {other.name!r}")
