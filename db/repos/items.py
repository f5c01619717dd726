"""Work items (the board's cards): create, edit, move between stages, reorder, block, delete."""

from typing import Any

from sqlalchemy import func
from sqlmodel import select

from db.errors import NotFound, ValidationFailed
from db.models import Item, ItemCreate, ItemRead, ItemUpdate, Person, Stage
from db.repos.base import Repo


def _read(row: Item) -> ItemRead:
    return ItemRead.model_validate(row, from_attributes=True)


class ItemRepo(Repo):
    # --- reading -------------------------------------------------------------------------------

    def get(self, item_id: int) -> ItemRead:
        with self.store.read() as session:
            row = session.get(Item, item_id)
        if row is None:
            raise NotFound(f"card #{item_id} no longer exists")
        return _read(row)

    def all(self) -> list[ItemRead]:
        """Every item, by stage position then position in the column."""
        with self.store.read() as session:
            rows = session.exec(
                select(Item).join(Stage, Stage.id == Item.stage_id).order_by(Stage.position, Item.position, Item.id)
            ).all()
        return [_read(row) for row in rows]

    def count(self) -> int:
        with self.store.read() as session:
            return session.exec(select(func.count()).select_from(Item)).one()

    def search(self, text: str, limit: int = 20) -> list[ItemRead]:
        """Items whose title contains ``text`` (case-insensitive), for the palette."""
        pattern = f"%{text.strip()}%"
        with self.store.read() as session:
            rows = session.exec(select(Item).where(Item.title.ilike(pattern)).order_by(Item.id).limit(limit)).all()  # type: ignore[attr-defined]
        return [_read(row) for row in rows]

    # --- writing -------------------------------------------------------------------------------

    def create(self, **fields: Any) -> ItemRead:
        """A new card at the bottom of its stage's column."""
        data = self.store.validate(ItemCreate, fields)
        now = self.store.now()
        with self.store.write(f"create card {data.title}") as tx:
            self._check_refs(tx.session, data.stage_id, data.owner_id)
            stage = tx.get(Stage, data.stage_id, what="stage")
            position = self._end_of(tx.session, data.stage_id)
            row = tx.insert(Item(**data.model_dump(), project_id=stage.project_id, position=position,
                                 created=now, updated=now, stage_entered=now))
        return _read(row)

    def update(self, item_id: int, version: int | None, **fields: Any) -> ItemRead:
        """Edit fields of a card read at ``version``; a stale version is refused."""
        data = self.store.validate(ItemUpdate, fields)
        changes = {name: getattr(data, name) for name in fields}
        with self.store.write("edit card") as tx:
            row = tx.get(Item, item_id, what=f"card #{item_id}")
            tx.label = f"edit card {row.title}"
            self._check_refs(tx.session, None, changes.get("owner_id"))
            if changes.get("blocked") is False:
                changes.setdefault("blocked_reason", "")
            changes["updated"] = tx.now
            tx.update(row, version, changes, what=f"card {row.title!r}")
        return _read(row)

    def set_blocked(self, item_id: int, version: int | None, blocked: bool, reason: str = "") -> ItemRead:
        if blocked and not reason.strip():
            raise ValidationFailed("reason", "say why the card is blocked")
        data = self.store.validate(ItemUpdate, {"blocked": blocked, "blocked_reason": reason if blocked else ""})
        with self.store.write("block card" if blocked else "unblock card") as tx:
            row = tx.get(Item, item_id, what=f"card #{item_id}")
            tx.label = f"{'block' if blocked else 'unblock'} card {row.title}"
            tx.update(row, version, {"blocked": data.blocked, "blocked_reason": data.blocked_reason,
                                     "updated": tx.now}, action="block", what=f"card {row.title!r}")
        return _read(row)

    def move(self, item_id: int, version: int | None, stage_id: int, *, detail: dict | None = None) -> ItemRead:
        """Move a card to the bottom of another stage; ``detail`` (gate checks, overrides) is logged."""
        with self.store.write("move card") as tx:
            row = tx.get(Item, item_id, what=f"card #{item_id}")
            target = tx.get(Stage, stage_id, what="stage")
            source = tx.session.get(Stage, row.stage_id)
            tx.label = f"move card {row.title}"
            if row.stage_id == stage_id:
                return _read(row)
            info = {"from_stage": source.name if source else None, "to_stage": target.name} | (detail or {})
            tx.update(row, version, {"stage_id": stage_id, "position": self._end_of(tx.session, stage_id),
                                     "stage_entered": tx.now, "updated": tx.now},
                      detail=info, action="move", what=f"card {row.title!r}")
        return _read(row)

    def reorder(self, item_id: int, version: int | None, step: int) -> ItemRead:
        """Swap a card with its neighbour ``step`` places up (-1) or down (+1) in its column."""
        if step not in (-1, 1):
            raise ValidationFailed("step", "a card moves one place at a time")
        with self.store.write("reorder card") as tx:
            row = tx.get(Item, item_id, what=f"card #{item_id}")
            tx.check_version(row, version, f"card {row.title!r}")
            tx.label = f"reorder card {row.title}"
            column = Item.position < row.position if step < 0 else Item.position > row.position
            order = Item.position.desc() if step < 0 else Item.position  # type: ignore[attr-defined]
            neighbour = tx.session.exec(
                select(Item).where(Item.stage_id == row.stage_id, column).order_by(order).limit(1).with_for_update()
            ).first()
            if neighbour is None:
                return _read(row)
            mine, theirs = row.position, neighbour.position
            tx.update(neighbour, None, {"position": mine}, action="reorder")
            tx.update(row, None, {"position": theirs}, action="reorder")
        return _read(row)

    def delete(self, item_id: int, version: int | None) -> None:
        with self.store.write("delete card") as tx:
            row = tx.get(Item, item_id, what=f"card #{item_id}")
            tx.label = f"delete card {row.title}"
            tx.delete(row, version, what=f"card {row.title!r}")

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _end_of(session, stage_id: int) -> int:  # noqa: ANN001
        last = session.exec(select(func.max(Item.position)).where(Item.stage_id == stage_id)).one()
        return 0 if last is None else last + 1

    @staticmethod
    def _check_refs(session, stage_id: int | None, owner_id: int | None) -> None:  # noqa: ANN001
        if stage_id is not None and session.get(Stage, stage_id) is None:
            raise ValidationFailed("stage", f"no stage #{stage_id}")
        if owner_id is not None and session.get(Person, owner_id) is None:
            raise ValidationFailed("owner", f"no person #{owner_id}")
