"""Every table, registered on SQLModel.metadata; the one import for migrations and the store."""

from sqlmodel import SQLModel

import cockpit.db.models_calendar  # noqa: F401  (registers tables)
import cockpit.db.models_goals  # noqa: F401
import cockpit.db.models_meetings  # noqa: F401
import cockpit.db.models_portfolio  # noqa: F401
import cockpit.db.models_raci  # noqa: F401
import cockpit.db.models_risks  # noqa: F401
import cockpit.db.models_settings  # noqa: F401
from cockpit.db.models import Change

metadata = SQLModel.metadata

# Ids are never reused on SQLite: the change log names rows by id, and undo restores deleted rows
# with their old id, so a new row must never take the id of a deleted one.
for _table in metadata.tables.values():
    _table.dialect_kwargs["sqlite_autoincrement"] = True


def model_for(entity: str) -> type[SQLModel]:
    """The table model whose ``__tablename__`` is ``entity`` (used to replay the change log)."""
    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        cls = mapper.class_
        if getattr(cls, "__tablename__", None) == entity:
            return cls
    raise KeyError(entity)


__all__ = ["Change", "metadata", "model_for"]
