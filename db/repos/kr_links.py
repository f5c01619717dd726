"""Which cards serve which key result (``store.kr_links``): the cards linked to KRs counted by stage
category (the OKR board's delivered and in-progress figures, the team investment), linking cards to a
KR in one undoable change, and the links read back.  A card names at most one KR (``Item.kr_id``);
deleting a KR unlinks its cards and risks (``store.goals``)."""

from collections.abc import Iterable

from sqlalchemy import func
from sqlmodel import select

from cockpit.db.errors import ValidationFailed
from cockpit.db.models import Item, Stage
from cockpit.db.models_goals import KeyResult
from cockpit.db.repos.base import Repo


class KrLinkRepo(Repo):
    def linked_counts(self, kr_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
        """kr_id -> {stage category: number of cards naming the KR}; one grouped query."""
        query = (select(Item.kr_id, Stage.category, func.count()).join(Stage, Stage.id == Item.stage_id)
                 .where(Item.kr_id.is_not(None)).group_by(Item.kr_id, Stage.category))  # type: ignore[union-attr]
        ids = None if kr_ids is None else list(kr_ids)
        if ids is not None:
            query = query.where(Item.kr_id.in_(ids))  # type: ignore[union-attr]
        result: dict[int, dict[str, int]] = {}
        with self.store.read() as session:
            for kr_id, category, count in session.exec(query).all():
                result.setdefault(kr_id, {})[category] = count
        return result

    def link_items(self, kr_id: int | None, versions: dict[int, int]) -> int:
        """Make the cards of ``versions`` (card id -> the version read) name ``kr_id`` (None: no KR), in
        one undoable change; a card changed since it was read is refused.  Returns how many changed."""
        with self.store.write("link cards to a key result") as tx:
            if kr_id is not None:
                kr = tx.session.get(KeyResult, kr_id)
                if kr is None:
                    raise ValidationFailed("kr", f"no key result #{kr_id}")
                tx.label = f"link {len(versions)} {'card' if len(versions) == 1 else 'cards'} to {kr.code}"
            else:
                tx.label = "unlink cards from their key result"
            changed = 0
            for item_id, version in versions.items():
                row = tx.get(Item, item_id, what=f"card #{item_id}")
                if row.kr_id != kr_id:
                    tx.update(row, version, {"kr_id": kr_id, "updated": tx.now}, what=f"card {row.title!r}")
                    changed += 1
        return changed

    def item_krs(self) -> dict[int, int]:
        """card id -> the KR it names, for every card naming one."""
        with self.store.read() as session:
            return dict(session.exec(select(Item.id, Item.kr_id).where(Item.kr_id.is_not(None))).all())  # type: ignore[union-attr]

    def linked_item_ids(self, kr_id: int) -> list[int]:
        with self.store.read() as session:
            return list(session.exec(select(Item.id).where(Item.kr_id == kr_id).order_by(Item.id)).all())
