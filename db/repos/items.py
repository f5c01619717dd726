"""Work items (the board's cards): create, edit, move between stages, reorder, block, delete."""

import sys
from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import func
from sqlmodel import select

from cockpit.db.errors import NotFound, ValidationFailed
from cockpit.db.first_read import BoardRow
from cockpit.db.models import Change, Item, ItemCreate, ItemRead, ItemUpdate, Person, Stage
from cockpit.db.repos.base import Repo
from cockpit.db.repos.goals import check_kr
from cockpit.db.tx import UNCHECKED


_BOARD_COLUMNS = tuple(getattr(Item, name) for name in BoardRow._fields)


def shared_rows(result: Iterable[tuple]) -> list[BoardRow]:
    """Board rows whose repeated values are one object each: the driver makes a new string (or float,
    or date) per row, so at 50,000 cards a card's kind, priority, estimate, due date and blocked reason
    held 7 MB of copies of a handful of values (issue 15: the peak memory at 50,000 cards)."""
    intern = sys.intern
    estimates: dict = {}
    dues: dict = {}
    one_estimate, one_due = estimates.setdefault, dues.setdefault
    return [BoardRow(item_id, version, stage_id, position, title, intern(kind), intern(priority), owner_id,
                     one_estimate(estimate, estimate), iteration_id, one_due(due, due), blocked, intern(reason),
                     entered, confidential, kr_id)
            for (item_id, version, stage_id, position, title, kind, priority, owner_id, estimate, iteration_id, due,
                 blocked, reason, entered, confidential, kr_id) in result]


class ChangedSince(NamedTuple):
    """What the change log says happened after a change id (cheap incremental reloads)."""

    last_change_id: int
    item_ids: frozenset[int]
    other: frozenset[str]  # other entities touched (stage, person, iteration ...)
    rows: list[BoardRow]  # the changed items that still exist (ids missing from it were deleted)


def like_escape(text: str) -> str:
    """``text`` matched literally by LIKE ... ESCAPE '\\' (% _ and \\ are not wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
        """Every item of this window's project, by stage position then position in the column."""
        with self.store.read() as session:
            mine = self.of_project(Item.project_id, session, self.project_in(session))
            rows = session.exec(
                select(Item).join(Stage, Stage.id == Item.stage_id).where(mine)
                .order_by(Stage.position, Item.position, Item.id)
            ).all()
        return [_read(row) for row in rows]

    def board_rows(self, ids: "list[int] | None" = None) -> list[BoardRow]:
        """The board's cards (all, or those of ``ids``), by stage id then position; one query."""
        with self.store.read() as session:
            return self._board_rows(session, ids)

    @staticmethod
    def _board_rows(session, ids: "list[int] | None") -> list[BoardRow]:  # noqa: ANN001
        query = select(*_BOARD_COLUMNS).order_by(Item.stage_id, Item.position, Item.id)  # type: ignore[call-overload]
        if ids is not None:
            if not ids:
                return []
            query = query.where(Item.id.in_(ids))  # type: ignore[attr-defined]
        return shared_rows(session.connection().execute(query))

    def changed_since(self, change_id: int) -> ChangedSince:
        """Which items (and which other kinds of rows) changed after change ``change_id``, and the
        changed items as they are now: one short read, so a board can catch up cheaply."""
        with self.store.read() as session:
            changes = session.connection().execute(
                select(Change.id, Change.entity, Change.entity_id).where(Change.id > change_id)
            ).all()
            items = frozenset(entity_id for _id, entity, entity_id in changes if entity == "item")
            rows = self._board_rows(session, sorted(items))
        other = frozenset(entity for _id, entity, _eid in changes if entity != "item")
        last = max((row[0] for row in changes), default=change_id)
        return ChangedSince(last, items, other, rows)

    def count(self) -> int:
        with self.store.read() as session:
            return session.exec(select(func.count()).select_from(Item)).one()

    def confidential_titles(self) -> dict[int, str]:
        """id -> title of the cards marked confidential (what presentation mode hides)."""
        with self.store.read() as session:
            rows = session.exec(select(Item.id, Item.title).where(Item.confidential == True)).all()  # noqa: E712
        return {item_id: title for item_id, title in rows}

    def search(self, text: str, limit: int = 20) -> list[ItemRead]:
        """Items whose title contains ``text`` (case-insensitive), for the palette."""
        pattern = f"%{like_escape(text.strip())}%"
        with self.store.read() as session:
            rows = session.exec(select(Item).where(Item.title.ilike(pattern, escape="\\")).order_by(Item.id).limit(limit)).all()  # type: ignore[attr-defined]
        return [_read(row) for row in rows]

    # --- writing -------------------------------------------------------------------------------

    def create(self, *, detail: dict | None = None, **fields: Any) -> ItemRead:
        """A new card at the bottom of its stage's column; ``detail`` (the gate passed or overridden,
        a WIP limit confirmed) is logged with it."""
        data = self.store.validate(ItemCreate, fields)
        now = self.store.now()
        with self.store.write(f"create card {data.title}") as tx:
            self._check_refs(tx.session, data.stage_id, data.owner_id)
            check_kr(tx.session, data.kr_id)
            stage = tx.get(Stage, data.stage_id, what="stage")
            position = self._end_of(tx.session, data.stage_id)
            row = tx.insert(Item(**data.model_dump(), project_id=stage.project_id, position=position,
                                 created=now, updated=now, stage_entered=now), detail=detail or None)
        return _read(row)

    def update(self, item_id: int, version: int, **fields: Any) -> ItemRead:
        """Edit fields of a card read at ``version``; a stale version is refused."""
        data = self.store.validate(ItemUpdate, fields)
        changes = {name: getattr(data, name) for name in fields}
        with self.store.write("edit card") as tx:
            row = tx.get(Item, item_id, what=f"card #{item_id}")
            tx.label = f"edit card {row.title}"
            self._check_refs(tx.session, None, changes.get("owner_id"))
            check_kr(tx.session, changes.get("kr_id"))
            if changes.get("blocked") is False:
                changes.setdefault("blocked_reason", "")
            changes["updated"] = tx.now
            tx.update(row, version, changes, what=f"card {row.title!r}")
        return _read(row)

    def set_blocked(self, item_id: int, version: int, blocked: bool, reason: str = "") -> ItemRead:
        if blocked and not reason.strip():
            raise ValidationFailed("reason", "say why the card is blocked")
        data = self.store.validate(ItemUpdate, {"blocked": blocked, "blocked_reason": reason if blocked else ""})
        with self.store.write("block card" if blocked else "unblock card") as tx:
            row = tx.get(Item, item_id, what=f"card #{item_id}")
            tx.label = f"{'block' if blocked else 'unblock'} card {row.title}"
            tx.update(row, version, {"blocked": data.blocked, "blocked_reason": data.blocked_reason,
                                     "updated": tx.now}, action="block", what=f"card {row.title!r}")
        return _read(row)

    def move(self, item_id: int, version: int, stage_id: int, *, detail: dict | None = None) -> ItemRead:
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

    def reorder(self, item_id: int, version: int, step: int, *, neighbour_id: int | None = None) -> ItemRead:
        """Swap a card with its neighbour ``step`` places up (-1) or down (+1) in its column.

        ``neighbour_id`` names the card to swap with when the board shows a subset of the column
        (a filter or swimlanes): it must be in the same stage, on the ``step`` side.
        """
        if step not in (-1, 1):
            raise ValidationFailed("step", "a card moves one place at a time")
        with self.store.write("reorder card") as tx:
            row = tx.get(Item, item_id, what=f"card #{item_id}")
            tx.check_version(row, version, f"card {row.title!r}")
            tx.label = f"reorder card {row.title}"
            column = Item.position < row.position if step < 0 else Item.position > row.position
            order = Item.position.desc() if step < 0 else Item.position  # type: ignore[attr-defined]
            query = select(Item).where(Item.stage_id == row.stage_id, column)
            if neighbour_id is not None:
                query = query.where(Item.id == neighbour_id)
            neighbour = tx.session.exec(query.order_by(order).limit(1).with_for_update()).first()
            if neighbour is None:
                return _read(row)
            mine, theirs = row.position, neighbour.position
            tx.update(neighbour, UNCHECKED, {"position": mine}, action="reorder")
            tx.update(row, UNCHECKED, {"position": theirs}, action="reorder")
        return _read(row)

    def delete(self, item_id: int, version: int) -> None:
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
