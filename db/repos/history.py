"""The change log as the History screen reads it: a project's changes, newest first, one page at a
time (keyset paging on the id: ``before_id``), filtered in SQL so only what is shown is read."""

from datetime import datetime

from sqlalchemy import String, cast, func, or_
from sqlmodel import select

from cockpit.db.models import Change, ChangeRead
from cockpit.db.repos.base import Repo
from cockpit.db.repos.items import like_escape


class HistoryRepo(Repo):
    def page(self, *, limit: int, before_id: int | None = None, actors: "frozenset[str] | None" = None,
             item_id: int | None = None, actions: "frozenset[str] | None" = None, overrides: bool = False,
             reverts: bool = False, words: tuple[str, ...] = (), since: datetime | None = None,
             until: datetime | None = None) -> list[ChangeRead]:
        """Up to ``limit`` change rows of the project shown (and of the whole workspace: people,
        roles...), newest first, with ids below ``before_id``.  ``actors``: made by one of them;
        ``item_id``: of that card; ``actions``: of those kinds (``move``, ``update``...); ``overrides``:
        a gate let through with a reason; ``reverts``: undo and redo; ``words``: each in the label."""
        query = select(Change)
        with self.store.read() as session:
            project = self.project_in(session)
            # This project's rows and the workspace's (no project).  Written as coalesce so that SQLite walks
            # the primary key newest first and stops at ``limit`` (an OR on an index sorts every match).
            query = query.where(func.coalesce(Change.project_id, project) == project)
            if before_id is not None:
                query = query.where(Change.id < before_id)  # type: ignore[operator]
            if actors is not None:
                query = query.where(Change.actor.in_(sorted(actors)))  # type: ignore[attr-defined]
            if item_id is not None:
                query = query.where(Change.entity == "item", Change.entity_id == item_id)
            if actions is not None:
                query = query.where(Change.action.in_(sorted(actions)))  # type: ignore[attr-defined]
            if overrides:
                query = query.where(cast(Change.detail, String).like('%"overridden"%'))
            if reverts:
                query = query.where(or_(Change.label.like("undo %"), Change.label.like("redo %")))  # type: ignore[attr-defined]
            for word in words:
                query = query.where(Change.label.ilike(f"%{like_escape(word)}%", escape="\\"))  # type: ignore[attr-defined]
            if since is not None:
                query = query.where(Change.at >= since)
            if until is not None:
                query = query.where(Change.at < until)
            query = query.order_by(Change.id.desc()).limit(limit)  # type: ignore[union-attr]
            return [ChangeRead.model_validate(row, from_attributes=True) for row in session.exec(query)]

    def actors(self) -> list[str]:
        """Every author the change log names (one indexed scan)."""
        with self.store.read() as session:
            return list(session.exec(select(Change.actor).distinct().order_by(Change.actor)))

    def of_item(self, item_id: int) -> list[ChangeRead]:
        """Every change of one card, oldest first (its activity feed)."""
        with self.store.read() as session:
            rows = session.exec(select(Change).where(Change.entity == "item", Change.entity_id == item_id)
                                .order_by(Change.id))  # type: ignore[arg-type]
            return [ChangeRead.model_validate(row, from_attributes=True) for row in rows]

    def count(self) -> int:
        with self.store.read() as session:
            return session.exec(select(func.count()).select_from(Change)).one()
