"""A write transaction: the one place rows are inserted, updated or deleted and the change log kept.

Every write follows design.md §3: the transaction has taken the write lock up front (BEGIN IMMEDIATE
on SQLite, a row lock with SELECT ... FOR UPDATE elsewhere), the row's version is checked against the
version the caller read and bumped, and a ``Change`` row is appended in the same transaction.
"""

import json
import uuid
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import TypeAdapter
from sqlalchemy import func, insert, text
from sqlmodel import Session, SQLModel, select

from cockpit.db.errors import NotFound, StaleEdit
from cockpit.db.models import Change

T = TypeVar("T", bound=SQLModel)
#: Fields every write touches; undo does not treat them as conflicting edits.
VOLATILE_FIELDS = frozenset({"version", "updated"})


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:  # the common case first: an import calls this for every column of every row
        return value
    if type(value) is list and all(type(item) in _PLAIN for item in value):
        return list(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, dict, str, int, float, bool)) or value is None:
        return json.loads(json.dumps(value, default=str)) if isinstance(value, (list, dict)) else value
    return str(value)


def row_dict(row: SQLModel) -> dict[str, Any]:
    """All columns of a row as JSON-ready values."""
    table = row.__table__  # type: ignore[attr-defined]
    return {column.name: _jsonable(getattr(row, column.name)) for column in table.columns}


@lru_cache(maxsize=None)
def _adapter(model: type[SQLModel], field: str) -> TypeAdapter:
    return TypeAdapter(model.model_fields[field].annotation)


def from_json(model: type[SQLModel], field: str, value: Any) -> Any:
    """A value from the change log, back in the type of the column."""
    if value is None or field not in model.model_fields:
        return value
    return _adapter(model, field).validate_python(value)


def _defaults(model: type[SQLModel], names: Sequence[str]) -> dict[str, Any]:
    """The model's default of each column that has one (a factory is called once: the rows share it,
    which is safe as they are only written)."""
    defaults: dict[str, Any] = {}
    for name in names:
        field = model.model_fields.get(name)
        if field is None or name == "id":
            continue
        if field.default_factory is not None:
            defaults[name] = field.default_factory()  # type: ignore[call-arg]
        elif not field.is_required():
            defaults[name] = field.default
    return defaults


def _fit(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def project_of(row: SQLModel) -> int | None:
    """The project a row belongs to, for its change rows (None: a row of the whole workspace)."""
    value = getattr(row, "project_id", None)
    return value if isinstance(value, int) else None


def entity_of(row_or_model: SQLModel | type[SQLModel]) -> str:
    return row_or_model.__tablename__  # type: ignore[return-value]


class Unchecked:
    """The "version" of a row changed as a consequence of a checked write (see ``Tx.check_version``)."""

    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED = Unchecked()


class Tx:
    """Helpers bound to one open write transaction; created by ``Store.write``."""

    def __init__(self, session: Session, *, actor: str, label: str, now: datetime, meeting_id: int | None):
        self.session = session
        self.actor = actor
        self.label = label
        self.now = now
        self.meeting_id = meeting_id
        self.txn = uuid.uuid4().hex
        self.changes = 0
        self.logged: Change | None = None  # the last change row ``log`` added (its id is set at flush)
        #: Called once, inside the transaction, when its first change row is written (the store
        #: NOTIFYs other windows there on PostgreSQL: delivered at commit, dropped by a rollback).
        self.on_first_change: Callable[[], None] | None = None

    def _counted(self, rows: int) -> None:
        if self.changes == 0 and rows and self.on_first_change is not None:
            self.on_first_change()
        self.changes += rows

    # --- reading inside the transaction ------------------------------------------------------

    def get(self, model: type[T], row_id: int, *, what: str | None = None) -> T:
        """The row, locked for this transaction; NotFound if it is gone."""
        row = self.session.exec(select(model).where(model.id == row_id).with_for_update()).first()  # type: ignore[attr-defined]
        if row is None:
            raise NotFound(f"{what or entity_of(model)} #{row_id} no longer exists (deleted elsewhere?)")
        return row

    def check_version(self, row: SQLModel, expected: "int | Unchecked", what: str | None = None) -> None:
        """Refuse (StaleEdit) an edit of ``row`` read at another version than ``expected``.

        Every update and delete a caller asks for names the version it read; only rows the caller did
        not read (a neighbour swapped by a reorder, the cells of a deleted activity, undo) pass
        ``UNCHECKED``.  A missing version (None) is a programming error, not a way to skip the check.
        """
        if expected is UNCHECKED:
            return
        if isinstance(expected, bool) or not isinstance(expected, int):
            raise TypeError(f"{what or entity_of(row)}: an update or delete needs the version read, not {expected!r}")
        if row.version != expected:  # type: ignore[attr-defined]
            raise self.stale(row, what)

    def stale(self, row: SQLModel, what: str | None = None) -> StaleEdit:
        """The refusal of an edit to ``row``, naming the last change made to it."""
        last = self.session.exec(
            select(Change)
            .where(Change.entity == entity_of(row), Change.entity_id == row.id)  # type: ignore[attr-defined]
            .order_by(Change.id.desc())  # type: ignore[union-attr]
        ).first()
        by = f" by {last.actor} ({last.label or last.action}, {last.at:%H:%M:%S} UTC)" if last else ""
        return StaleEdit(f"{what or entity_of(row)} was changed{by} since you opened it; reload and try again")

    def check_unchanged(self, row: SQLModel, expected: dict[str, Any]) -> None:
        """Refuse (StaleEdit) if a field still differs from the values a change left it with.

        Used by undo and redo: reverting is safe while nobody has since changed the same fields.
        """
        for name, value in expected.items():
            if name in VOLATILE_FIELDS or not hasattr(row, name):
                continue
            if _jsonable(getattr(row, name)) != value:
                raise self.stale(row, f"{entity_of(row)} #{row.id}")  # type: ignore[attr-defined]

    # --- writing -------------------------------------------------------------------------------

    def insert(self, row: T, *, detail: dict | None = None) -> T:
        self.session.add(row)
        self.session.flush()
        self.log(entity_of(row), row.id, "create", None, row_dict(row), detail, project_id=project_of(row))  # type: ignore[attr-defined]
        return row

    def insert_many(self, rows: Sequence[T], *, progress: "Callable[[int, int], None] | None" = None,
                    step: int = 500) -> list[T]:
        """Insert ORM ``rows`` (all of one model) with their "create" changes, a batch at a time: one
        flush per batch (ids returned in order), the change rows as one INSERT of many.  For an
        import of thousands of rows from a file, ``insert_values`` is several times cheaper (no ORM
        object, no unit of work); this is for callers that go on using the objects.
        ``progress(done, total)`` is called after each batch."""
        total = len(rows)
        for first in range(0, total, step):
            batch = rows[first:first + step]
            self.session.add_all(batch)
            self.session.flush()  # one INSERT ... RETURNING id for the batch
            if batch:
                self._log_many(entity_of(batch[0]), [row_dict(row) for row in batch])
            if progress is not None:
                progress(first + len(batch), total)
        return list(rows)

    def insert_values(self, model: type[SQLModel], values: Sequence[dict[str, Any]], *,
                      progress: "Callable[[int, int], None] | None" = None, step: int = 500) -> list[int]:
        """Insert rows of ``model`` given as dicts of column values, already validated by the caller
        (a field left out takes the model's default; version 1), with their "create" changes; returns
        their ids in order.  Written through SQLAlchemy Core, ``step`` rows at a time, with no ORM
        object: on SQLite the ids are given here (the transaction holds the write lock since BEGIN
        IMMEDIATE, so nobody else can take them; never one ``AUTOINCREMENT`` handed out before) and
        the rows go in one executemany; on PostgreSQL one INSERT ... RETURNING id per batch, in the
        order of the rows (the sequence gives the ids).  ``progress(done, total)`` is called after
        each batch; an exception it raises rolls the whole transaction back."""
        table = model.__table__  # type: ignore[attr-defined]
        names = [column.name for column in table.columns]
        defaults = _defaults(model, names)
        entity = entity_of(model)
        sqlite = self.session.get_bind().dialect.name == "sqlite"
        next_id = self._next_sqlite_id(table) if sqlite else 0
        statement = insert(table) if sqlite else \
            insert(table).returning(table.c.id, sort_by_parameter_order=True)
        total, ids = len(values), []
        for first in range(0, total, step):
            batch = [defaults | row for row in values[first:first + step]]
            if sqlite:
                for row in batch:
                    row["id"] = next_id
                    next_id += 1
                self.session.execute(statement, batch)
            else:
                for row in batch:
                    row.pop("id", None)
                returned = self.session.execute(statement, batch).scalars().all()
                for row, row_id in zip(batch, returned, strict=True):
                    row["id"] = row_id
            ids.extend(row["id"] for row in batch)
            self._log_many(entity, [{name: _jsonable(row[name]) for name in names} for row in batch])
            if progress is not None:
                progress(first + len(batch), total)
        return ids

    def _next_sqlite_id(self, table: Any) -> int:
        """The id SQLite would give the next row of ``table``: above every id it holds and, for an
        AUTOINCREMENT table, above every id it ever gave (sqlite_sequence)."""
        highest = self.session.execute(select(func.max(table.c.id))).scalar() or 0
        seq = None
        if self.session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")).first():
            seq = self.session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :name"),
                                       {"name": table.name}).scalar()
        return max(highest, seq or 0) + 1

    def _log_many(self, entity: str, rows: Sequence[dict[str, Any]]) -> None:
        """The "create" change rows of ``rows`` (JSON-ready column values, with their ids), one
        INSERT of many rows."""
        if not rows:
            return
        common = {"at": self.now, "actor": _fit(self.actor, 80), "txn": self.txn, "label": _fit(self.label, 200),
                  "action": "create", "before": None, "detail": None, "meeting_id": self.meeting_id}
        project = "project_id" in rows[0]
        self.session.execute(insert(Change.__table__), [  # type: ignore[attr-defined]
            common | {"entity": entity, "entity_id": row["id"], "after": row,
                      "project_id": row["project_id"] if project and isinstance(row["project_id"], int) else None}
            for row in rows])
        self._counted(len(rows))

    def update(self, row: T, expected: "int | Unchecked", fields: dict[str, Any], *, detail: dict | None = None,
               action: str = "update", what: str | None = None) -> T:
        """Set ``fields`` on ``row`` if its version is still ``expected``; log only real changes."""
        self.check_version(row, expected, what)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for name, value in fields.items():
            old = getattr(row, name)
            if old != value:
                before[name] = _jsonable(old)
                after[name] = _jsonable(value)
                setattr(row, name, value)
        if not after and detail is None:
            return row
        before["version"] = row.version  # type: ignore[attr-defined]
        row.version += 1  # type: ignore[attr-defined]
        after["version"] = row.version  # type: ignore[attr-defined]
        self.session.add(row)
        self.session.flush()
        self.log(entity_of(row), row.id, action, before, after, detail, project_id=project_of(row))  # type: ignore[attr-defined]
        return row

    def delete(self, row: SQLModel, expected: "int | Unchecked", *, what: str | None = None,
               detail: dict | None = None) -> None:
        self.check_version(row, expected, what)
        before = row_dict(row)
        self.session.delete(row)
        self.session.flush()
        self.log(entity_of(row), row.id, "delete", before, None, detail, project_id=project_of(row))  # type: ignore[attr-defined]

    def restore(self, model: type[T], values: dict[str, Any], *, detail: dict | None = None) -> T:
        """Insert a deleted row again with its old id (undo of a delete)."""
        data = {name: from_json(model, name, value) for name, value in values.items()}
        data["version"] = int(values.get("version") or 1) + 1
        row = model(**data)
        return self.insert(row, detail=detail)

    def log(self, entity: str, entity_id: int, action: str, before: dict | None, after: dict | None,
            detail: dict | None = None, *, project_id: int | None = None) -> None:
        # The columns have lengths that PostgreSQL enforces (SQLite does not): a label made from a
        # 200-character title, or a long --as name, is shortened rather than refused.
        self.logged = Change(
            at=self.now, actor=_fit(self.actor, 80), txn=self.txn, label=_fit(self.label, 200), entity=entity,
            entity_id=entity_id, action=action, before=before, after=after, detail=detail,
            meeting_id=self.meeting_id, project_id=project_id,
        )
        self.session.add(self.logged)
        self._counted(1)

    def only_change_id(self) -> int | None:
        """After the commit: the id of the one change row this transaction wrote, or None if it wrote
        none or several."""
        return self.logged.id if self.changes == 1 and self.logged is not None else None
