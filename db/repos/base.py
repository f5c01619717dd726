"""What every repository shares: a reference to its store, and the project this window shows."""

from typing import TYPE_CHECKING, Any

from sqlalchemy import or_
from sqlmodel import Session, select

from cockpit.db.errors import NotFound
from cockpit.db.models import Project

if TYPE_CHECKING:
    from cockpit.db.store import Store


class Repo:
    def __init__(self, store: "Store") -> None:
        self.store = store

    def project_in(self, session: Session) -> int:
        """The id of the project this window shows (``store.project_id``); without one, the open
        project switched to last, else the first (as ``store.workspace.project()``)."""
        wanted = self.store.project_id
        row = session.get(Project, wanted) if wanted is not None else None
        if row is None:
            row = session.exec(select(Project).order_by(Project.closed, Project.opened.desc().nulls_last(),  # type: ignore[union-attr]
                                                        Project.id)).first()
        if row is None:
            raise NotFound("this workspace has no project")
        return row.id  # type: ignore[return-value]

    @staticmethod
    def of_project(column: Any, session: Session, project_id: int) -> Any:
        """A where-clause: rows of ``project_id``; rows without a project (made before projects
        existed) count as the first project's."""
        first = session.exec(select(Project.id).order_by(Project.id)).first()
        return or_(column == project_id, column.is_(None)) if project_id == first else column == project_id
