"""The board's controller: a plain object the screen owns (no Textual here).

It keeps what the board shows (a ``BoardModel``, patched cheaply), answers "what applies now" (the
stage a card would move into, whether that stage is gated or full) and makes every write the board
does.  The writes raise ``StoreError`` on refusal; the screen runs them through ``write`` /
``submitter``, which report a refusal and reload.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from cockpit.db.errors import StoreError
from cockpit.db.models import IterationRead, ItemRead, PersonRead, StageRead
from cockpit.db.store import Store
from cockpit.screens.board.model import BoardModel
from cockpit.widgets.board_layout import CardData


@dataclass(frozen=True)
class MovePlan:
    """Where a card would go, and what stands in the way (a gate's criteria)."""

    card: CardData
    source: StageRead
    target: StageRead

    @property
    def gated(self) -> bool:
        return bool(self.target.criteria)


class BoardController:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.model = BoardModel(store)

    # --- reading -------------------------------------------------------------------------------

    def load(self, today: date) -> None:
        self.model.load(today)

    def refresh(self, today: date) -> bool:
        """Catch up with the store; True if anything the board shows changed.  After a switch to
        another project, everything is loaded again."""
        if self.model.project_id != self.store.workspace.project_id():
            self.model.load(today)
            return True
        return self.model.refresh(today)

    def empty_text(self) -> str:
        """What an empty board says to do next."""
        if not self.model.stages:
            return "No stages yet: press 0 (Setup), then ] ] for the Workflow, and n to add the first stage."
        if self.model.filter.active:
            return "No card matches the filter: escape clears it."
        return "No cards yet: press n to add the first one (0 opens Setup: your people, stages and time zone)."

    @property
    def stages(self) -> list[StageRead]:
        return self.model.stages

    def stage_at(self, index: int) -> StageRead | None:
        stages = self.model.stages
        return stages[index] if 0 <= index < len(stages) else None

    def stage_of(self, card: CardData) -> StageRead | None:
        return self.stage_at(self.model.stage_index(card.stage_id))

    def can_move(self, card: CardData | None, step: int) -> bool:
        return card is not None and self.stage_at(self.model.stage_index(card.stage_id) + step) is not None

    def move_plan(self, card: CardData, step: int) -> MovePlan | None:
        index = self.model.stage_index(card.stage_id)
        source, target = self.stage_at(index), self.stage_at(index + step)
        if source is None or target is None or index < 0:
            return None
        return MovePlan(card, source, target)

    def over_wip(self, target: StageRead) -> dict[str, Any] | None:
        """The WIP detail to record if moving one more card into ``target`` goes past its limit."""
        count = self.model.count(target.id)
        if target.wip_limit is None or count < target.wip_limit:
            return None
        return {"wip_confirmed": True, "wip_limit": target.wip_limit, "wip_count": count}

    def approver(self, stage_id: int) -> str | None:
        try:
            return self.store.raci.gate_approver(stage_id)
        except StoreError:
            return None

    def people(self) -> list[PersonRead]:
        return list(self.model.people.values())

    def iterations(self) -> list[IterationRead]:
        return list(self.model.iterations.values())

    def current_iteration_id(self, today: date) -> int | None:
        current = self.store.workspace.current_iteration(today, self.model.project_id)
        return current.id if current else None

    def toggle_iterations(self) -> bool:
        return self.model.toggle_iterations()

    def scope_text(self) -> str:
        return self.model.scope_text()

    def item(self, card_id: int) -> ItemRead:
        """The card as stored now (its full text and version, for the edit form)."""
        return self.store.items.get(card_id)

    # --- lanes and filter ----------------------------------------------------------------------

    def cycle_lanes(self) -> str:
        return self.model.cycle_lanes()

    def set_filter(self, text: str) -> None:
        self.model.set_filter(text)

    def set_presenting(self, on: bool) -> bool:
        return self.model.set_presenting(on)

    # --- writing (each raises StoreError on refusal) ---------------------------------------------

    def move(self, plan: MovePlan, detail: dict[str, Any]) -> ItemRead:
        card = plan.card
        return self.store.items.move(card.id, card.version, plan.target.id, detail=detail or None)

    def reorder(self, card: CardData, neighbour: CardData, step: int) -> ItemRead:
        return self.store.items.reorder(card.id, card.version, step, neighbour_id=neighbour.id)

    def create(self, stage_id: int, fields: dict[str, Any], detail: dict[str, Any] | None = None) -> ItemRead:
        return self.store.items.create(**fields, stage_id=stage_id, detail=detail or None)

    def update(self, item: ItemRead, fields: dict[str, Any]) -> ItemRead:
        return self.store.items.update(item.id, item.version, **fields)

    def delete(self, card: CardData) -> bool:
        self.store.items.delete(card.id, card.version)
        return True

    def set_blocked(self, card: CardData, blocked: bool, reason: str = "") -> ItemRead:
        return self.store.items.set_blocked(card.id, card.version, blocked, reason)
