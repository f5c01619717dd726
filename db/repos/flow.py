"""What the flow metrics read (cockpit/services/flow.py): the cards of some projects, their stages,
and the changes that moved, blocked or resolved them, in three queries of plain tuples."""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import or_
from sqlmodel import select

from cockpit.db.models import Change, Item, Stage
from cockpit.db.repos.base import Repo


class FlowData(NamedTuple):
    #: (id, project_id, name, category, position) in board order.
    stages: list[tuple]
    #: (id, project_id, title, kind, created, stage_id, blocked, severity, in_production, resolution,
    #: confidential, iteration_id, kr_id)
    items: list[tuple]
    #: (item id, at, stage before, stage after, blocked after, resolution after) of the item changes
    #: that touched the stage, the block or the resolution (edits, moves, blocks, their undos), oldest
    #: first; the values are picked out of the JSON by the database (a field not touched is None).
    changes: list[tuple]


_ITEM_COLUMNS = (Item.id, Item.project_id, Item.title, Item.kind, Item.created, Item.stage_id, Item.blocked,
                 Item.severity, Item.in_production, Item.resolution, Item.confidential, Item.iteration_id, Item.kr_id)

#: The actions whose rows are the flow's events (a card's creation is its ``created``, not an event).
_EVENTS = ("update", "move", "block")
#: Up to this many cards, their change rows are looked up by card id rather than by project.
_FEW = 2000


class FlowRepo(Repo):
    def data(self, project_ids: list[int], touched_since: datetime | None = None) -> FlowData:
        """``touched_since``: only the cards created or moved to another stage at or after that moment
        (with their whole history): a card delivered since then is one of them, whatever it did before."""
        after = Change.__table__.c.after  # type: ignore[attr-defined]
        where = [Item.project_id.in_(project_ids)]  # type: ignore[attr-defined]
        if touched_since is not None:
            moved = select(Change.entity_id).where(Change.entity == "item", Change.at >= touched_since,
                                                   Change.action.in_(_EVENTS),  # type: ignore[attr-defined]
                                                   after["stage_id"].as_integer().is_not(None))
            where.append(or_(Item.id.in_(moved), Item.created >= touched_since))  # type: ignore[union-attr]
        with self.store.read() as session:
            connection = session.connection()
            stages = connection.execute(
                select(Stage.id, Stage.project_id, Stage.name, Stage.category, Stage.position)
                .where(Stage.project_id.in_(project_ids))  # type: ignore[attr-defined]
                .order_by(Stage.position, Stage.project_id, Stage.id)).all()
            items = connection.execute(select(*_ITEM_COLUMNS).where(*where)).all()
            if touched_since is not None and len(items) <= _FEW:  # their rows by the (entity, id) index
                where = [Change.entity_id.in_([row[0] for row in items])]  # type: ignore[attr-defined]
            before = Change.__table__.c.before  # type: ignore[attr-defined]
            stage, blocked, resolution = (after["stage_id"].as_integer(), after["blocked"].as_boolean(),
                                          after["resolution"].as_string())
            changes = connection.execute(
                select(Change.entity_id, Change.at, before["stage_id"].as_integer(), stage, blocked, resolution)
                .join(Item, Item.id == Change.entity_id)
                .where(Change.entity == "item", *where,
                       Change.action.in_(_EVENTS),  # type: ignore[attr-defined]
                       or_(stage.is_not(None), blocked.is_not(None), resolution.is_not(None)))
                .order_by(Change.id)).all()
        return FlowData([tuple(r) for r in stages], [tuple(r) for r in items], [tuple(r) for r in changes])
