"""The RACI screen's controller: a plain object the screen owns (no Textual here).

It keeps the grid the screen shows (re-reading only the letters changed since its last read),
answers "what is where" (the activity, role and letter at the cursor, the phases, the stages a gate
can guard) and makes every write.  Writes raise ``StoreError`` on refusal; the screen runs them
through ``write`` / ``submitter``, which report a refusal and reload.
"""

from typing import Any

from cockpit.logic.raci import RaciGrid, build, next_letter
from cockpit.db.models_raci import ActivityRead, RoleRead
from cockpit.db.store import Store


class RaciController:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.grid: RaciGrid | None = None
        self.stage_names: dict[int, str] = {}
        self._change_id: int | None = None  # the newest change the grid includes
        self._project: int | None = store.project_id  # the project the grid shows

    # --- reading -------------------------------------------------------------------------------

    def refresh(self) -> RaciGrid:
        """Catch up with the store: only the letters changed since the last read when nothing else did."""
        if self._project != self.store.project_id:  # another project's table: read this one's in full
            self.grid, self._change_id, self._project = None, None, self.store.project_id
        table, self._change_id = self.store.raci.table_since(self.grid.table if self.grid else None, self._change_id)
        self.grid = build(table)
        self.stage_names = {stage.id: stage.name for stage in self.store.workspace.stages()}
        return self.grid

    def activity(self, activity_id: int | None) -> ActivityRead | None:
        if self.grid is None or activity_id is None:
            return None
        return next((a for a in self.grid.table.activities if a.id == activity_id), None)

    def role(self, role_id: int | None) -> RoleRead | None:
        return next((r for r in self.grid.roles if r.id == role_id), None) if self.grid else None

    def can_reorder(self, activity: ActivityRead, step: int) -> bool:
        if self.grid is None:
            return False
        phase = [a.id for a in self.grid.ordered() if a.phase == activity.phase]
        index = phase.index(activity.id) + step
        return 0 <= index < len(phase)

    def phases(self) -> list[str]:
        return [phase for phase, _ in self.grid.phases()] if self.grid else []

    def stages(self) -> list[tuple[str, int]]:
        return [(name, stage_id) for stage_id, name in self.stage_names.items()]

    def approver(self, stage_id: int | None) -> str | None:
        return self.store.raci.gate_approver(stage_id) if stage_id else None

    # --- writing (each raises StoreError on refusal) ---------------------------------------------

    def set_letter(self, activity: ActivityRead, role_id: int, letter: str | None) -> object:
        version = self.grid.version(activity.id, role_id) if self.grid else None
        return self.store.raci.set_letter(activity.id, role_id, letter, version=version)

    def cycle(self, activity: ActivityRead, role_id: int) -> object:
        current = self.grid.letter(activity.id, role_id) if self.grid else None
        return self.set_letter(activity, role_id, next_letter(current))

    def toggle_gate(self, activity: ActivityRead) -> ActivityRead:
        return self.store.raci.update_activity(activity.id, activity.version, gate=not activity.gate)

    def reorder(self, activity: ActivityRead, step: int) -> ActivityRead:
        return self.store.raci.reorder(activity.id, activity.version, step)

    def add_activity(self, values: dict[str, Any]) -> ActivityRead:
        return self.store.raci.add_activity(values["name"], values["phase"], values["criteria"],
                                            values["deliverable"], values["gate"], values["stage_id"])

    def update_activity(self, activity: ActivityRead, values: dict[str, Any]) -> ActivityRead:
        return self.store.raci.update_activity(activity.id, activity.version, **values)

    def delete_activity(self, activity: ActivityRead) -> bool:
        self.store.raci.delete_activity(activity.id, activity.version)
        return True

    def add_role(self, values: dict[str, Any]) -> RoleRead:
        return self.store.raci.add_role(values["name"], values["code"])

    def rename_role(self, role: RoleRead, values: dict[str, Any]) -> RoleRead:
        return self.store.raci.rename_role(role.id, role.version, values["name"], values["code"])
