"""What the flow metrics read (cockpit/services/flow.py): the cards of some projects, their stages,
and the changes that moved, blocked or resolved them, in three queries of plain tuples."""

from typing import NamedTuple

from sqlmodel import select

from cockpit.db.models import Change, Item, Stage
from cockpit.db.repos.base import Repo


class FlowData(NamedTuple):
    #: (id, project_id, name, category, position) in board order.
    stages: list[tuple]
    #: (id, project_id, title, kind, created, stage_id, blocked, severity, in_production, resolution,
    #: confidential, iteration_id, kr_id or None)
    items: list[tuple]
    #: (item id, at, before, after) of the item changes that may touch the stage, the block or the
    #: resolution (updates, moves, blocks and their undos), oldest first.
    changes: list[tuple]


_ITEM_COLUMNS = (Item.id, Item.project_id, Item.title, Item.kind, Item.created, Item.stage_id, Item.blocked,
                 Item.severity, Item.in_production, Item.resolution, Item.confidential, Item.iteration_id)


class FlowRepo(Repo):
    def data(self, project_ids: list[int]) -> FlowData:
        kr = getattr(Item, "kr_id", None)  # cards name a key result once goals are in the workspace
        columns = (*_ITEM_COLUMNS, kr) if kr is not None else _ITEM_COLUMNS
        with self.store.read() as session:
            connection = session.connection()
            stages = connection.execute(
                select(Stage.id, Stage.project_id, Stage.name, Stage.category, Stage.position)
                .where(Stage.project_id.in_(project_ids))  # type: ignore[attr-defined]
                .order_by(Stage.position, Stage.project_id, Stage.id)).all()
            items = connection.execute(select(*columns).where(Item.project_id.in_(project_ids))).all()  # type: ignore[attr-defined]
            changes = connection.execute(
                select(Change.entity_id, Change.at, Change.before, Change.after)
                .join(Item, Item.id == Change.entity_id)
                .where(Change.entity == "item", Item.project_id.in_(project_ids),  # type: ignore[attr-defined]
                       Change.action.in_(("update", "move", "block")))  # type: ignore[attr-defined]
                .order_by(Change.id)).all()
        if kr is None:
            items = [(*row, None) for row in items]
        return FlowData([tuple(r) for r in stages], [tuple(r) for r in items], [tuple(r) for r in changes])
