"""The Setup screen's state: people, roles, stages and their criteria, read from the store, and the
writes the screen's keys ask for (each one store call through the one write path)."""

from typing import TYPE_CHECKING, Any

from cockpit.db.models import CATEGORY_LABELS, PersonRead, RoleRead, StageRead

if TYPE_CHECKING:
    from cockpit.db.store import Store

SECTIONS = ("people", "roles", "workflow")


class SetupController:
    def __init__(self, store: "Store") -> None:
        self.store = store
        self.people: list[PersonRead] = []
        self.roles: list[RoleRead] = []
        self.stages: list[StageRead] = []
        self.cards: dict[int, int] = {}
        self.gates: dict[int, tuple[int, str]] = {}
        self.zone = ""
        self.me: PersonRead | None = None

    def refresh(self) -> None:
        self.zone = self.store.settings.time_zone_name()
        self.me = self.store.settings.me()
        self.people = self.store.workspace.people()
        self.roles = self.store.workspace.roles()
        self.stages = self.store.workflow.stages()
        self.cards = self.store.workflow.card_counts()
        self.gates = self.store.workflow.gates()

    # --- what is shown -------------------------------------------------------------------------

    def status(self) -> str:
        from cockpit.zones import machine_zone

        zone = self.zone or f"{machine_zone() or 'unknown'}, this computer's"
        me = f"{self.me.name} @{self.me.handle}" if self.me else f"{self.store.actor}, nobody yet"
        return f"Time zone: {zone} (z) · you: {me} (w) · guide (g)"

    def person_rows(self) -> list[tuple[int, tuple[str, ...]]]:
        return [(p.id, (p.name, "@" + p.handle, p.team, f"{p.availability} %", " ".join(p.days_off),
                        ", ".join(p.roles), "" if p.active else "inactive")) for p in self.people]

    def role_rows(self) -> list[tuple[int, tuple[str, ...]]]:
        return [(r.id, (r.name, r.code)) for r in self.roles]

    def stage_rows(self) -> list[tuple[int, tuple[str, ...]]]:
        return [(s.id, (s.name, CATEGORY_LABELS.get(s.category, s.category), str(s.wip_limit or "-"),
                        str(self.cards.get(s.id, 0)), str(len(s.criteria)), self.gates.get(s.id, (0, ""))[1]))
                for s in self.stages]

    def person(self, person_id: int | None) -> PersonRead | None:
        return next((p for p in self.people if p.id == person_id), None)

    def role(self, role_id: int | None) -> RoleRead | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def stage(self, stage_id: int | None) -> StageRead | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def activities(self) -> list[tuple[str, int]]:
        return [(a.name, a.id) for a in self.store.raci.activities()]

    def role_names(self) -> list[str]:
        return [r.name for r in self.roles] + [r.code for r in self.roles]

    # --- writes (each raises StoreError when refused) --------------------------------------------

    def add_person(self, values: dict[str, Any]) -> PersonRead:
        fields = dict(values)
        return self.store.workspace.add_person(fields.pop("name"), fields.pop("handle"), fields.pop("roles"),
                                               fields.pop("email"), **fields)

    def edit_person(self, person: PersonRead, values: dict[str, Any]) -> PersonRead:
        fields = dict(values)
        roles = fields.pop("roles")
        if [r.casefold() for r in roles] == [r.casefold() for r in person.roles]:
            return self.store.people.update_person(person.id, person.version, **fields)
        return self.store.people.update_person(person.id, person.version, roles=roles, **fields)

    def save_stage(self, stage: StageRead | None, values: dict[str, Any]) -> StageRead:
        """The stage's fields and its gate activity: one transaction, one undo step."""
        fields = {name: values[name] for name in ("name", "category", "wip_limit")}
        with self.store.together(f"edit stage {fields['name']}" if stage else f"add stage {fields['name']}"):
            if stage is None:
                stage = self.store.workflow.add_stage(**fields)
            else:
                stage = self.store.workflow.update_stage(stage.id, stage.version, **fields)
            if values.get("gate") != self.gates.get(stage.id, (None, ""))[0]:
                self.store.workflow.set_gate(stage.id, values.get("gate"))
        return stage

    def set_time_zone(self, values: dict[str, Any]) -> None:
        self.store.settings.set_time_zone(values["zone"])

    def set_criteria(self, stage: StageRead, criteria: list[str], label: str) -> StageRead:
        return self.store.workflow.set_criteria(stage.id, stage.version, criteria, label=label)
