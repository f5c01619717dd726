"""The store: the only code that opens sessions.  Every write goes through ``Store.write``.

A screen or the CLI calls a repository method (``store.items.move(...)``); the method validates its
input (``ValidationFailed`` names the field, nothing is written), opens one short write transaction,
writes through ``Tx`` (version check and bump, change log row) and commits.  Reads return plain read
models detached from any session, and no transaction stays open between user actions.
"""

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone

from pydantic import ValidationError
from sqlalchemy import Engine, func, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session, SQLModel, select

import cockpit.db.schema  # noqa: F401  (every table registered)
from cockpit.db.engine import write_engine
from cockpit.db.listen import notify_sql
from cockpit.db.errors import (
    DatabaseUnavailable,
    NothingToUndo,
    ReadOnly,
    StaleEdit,
    StoreError,
    from_validation_error,
)
from cockpit.db.models import Change, ChangeRead
from cockpit.db.repos.calendar import CalendarRepo
from cockpit.db.repos.flow import FlowRepo
from cockpit.db.repos.goals import GoalsRepo
from cockpit.db.repos.history import HistoryRepo
from cockpit.db.repos.items import ItemRepo
from cockpit.db.repos.kr_links import KrLinkRepo
from cockpit.db.repos.meetings import MeetingRepo
from cockpit.db.repos.people import PeopleRepo
from cockpit.db.repos.portfolio import PortfolioRepo
from cockpit.db.repos.raci import RaciRepo
from cockpit.db.repos.risks import RiskRepo
from cockpit.db.repos.settings import SettingsRepo
from cockpit.db.repos.setup import SetupRepo
from cockpit.db.repos.workflow import WorkflowRepo
from cockpit.db.repos.workspace import WorkspaceRepo
from cockpit.db.schema import model_for
from cockpit.db.tx import UNCHECKED, Tx, from_json

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


class Store:
    """One per window (process): it holds that window's undo and redo stacks."""

    def __init__(self, engine: Engine, *, actor: str = "me", clock: Clock = system_clock,
                 read_only: bool = False) -> None:
        self.engine = engine
        self._writer = write_engine(engine)
        #: PostgreSQL: each write transaction NOTIFYs the other windows (db/listen.py).
        self._notify = engine.dialect.name == "postgresql"
        self.actor = actor
        self.clock = clock
        self.read_only = read_only
        #: The meeting in progress in this window; every change is attributed to it.
        self.meeting_id: int | None = None
        #: The project this window shows (None: the one opened last); the app sets it on a switch.
        self.project_id: int | None = None
        self._undo: list[str] = []
        #: The id of the change row the last write committed, when it wrote exactly one (else None): a
        #: screen that knows the log's newest id before its write tells its own change from others'.
        self.last_written: int | None = None
        self._redo: list[str] = []
        #: The transaction of ``together()`` while one is open: writes inside it join it.
        self._group: Tx | None = None
        #: The last transactions this window committed (db/watch.py tells them from other windows').
        self.own_txns: deque[str] = deque(maxlen=1024)
        self.workspace = WorkspaceRepo(self)
        self.items = ItemRepo(self)
        self.calendar = CalendarRepo(self)
        self.risks = RiskRepo(self)
        self.raci = RaciRepo(self)
        self.meetings = MeetingRepo(self)
        self.people = PeopleRepo(self)
        self.workflow = WorkflowRepo(self)
        self.settings = SettingsRepo(self)
        self.setup = SetupRepo(self)
        self.portfolio = PortfolioRepo(self)
        self.flow = FlowRepo(self)
        self.goals = GoalsRepo(self)
        self.kr_links = KrLinkRepo(self)
        self.history = HistoryRepo(self)

    # --- time ----------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Today in the workspace's time zone (Setup; else this computer's)."""
        return self.clock().astimezone(self.settings.zone()).date()

    # --- sessions ------------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read session; objects stay usable after it closes (convert them to read models).

        A database that cannot be reached (a server restarting, a network drop) raises
        DatabaseUnavailable, a StoreError with one readable line, instead of a driver error.
        """
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except OperationalError as exc:
            raise DatabaseUnavailable(f"the database cannot be read right now ({_first_line(exc.orig)})") from None

    @contextmanager
    def together(self, label: str) -> Iterator[Tx]:
        """Several repository writes as ONE transaction and ONE undo step (all saved, or none).

        Every ``write()`` made inside the block joins this transaction instead of opening its own, so
        one ``undo()`` reverts them all, e.g. a stage's name and its gate activity edited in one form."""
        if self._group is not None:
            yield self._group
            return
        with self.write(label) as tx:
            self._group = tx
            try:
                yield tx
            finally:
                self._group = None
            tx.label = label  # the step is named by the group, whatever its parts called themselves
            tx.session.execute(update(Change).where(Change.txn == tx.txn).values(label=label[:200]))

    @contextmanager
    def write(self, label: str, *, undoable: bool = True) -> Iterator[Tx]:
        """One write transaction holding the write lock from its first statement to commit (inside
        ``together()``, the group's transaction)."""
        if self.read_only:
            raise ReadOnly("this view is read-only: changes are not allowed here")
        if self._group is not None:
            yield self._group
            return
        self.last_written = None
        try:
            with Session(self._writer, expire_on_commit=False) as session:
                tx = Tx(session, actor=self.actor, label=label, now=self.now(), meeting_id=self.meeting_id)
                tx.on_first_change = lambda: self._first_change(session, tx.txn)
                try:
                    yield tx
                    session.commit()
                    self.last_written = tx.only_change_id()
                except BaseException:
                    session.rollback()
                    raise
        except ValidationError as exc:
            raise from_validation_error(exc) from None
        except IntegrityError as exc:
            raise StoreError(f"{label}: refused by the database ({_first_line(exc.orig)})") from None
        except OperationalError as exc:
            raise StoreError(f"{label}: the database could not save this ({_first_line(exc.orig)})") from None
        except DBAPIError as exc:  # e.g. a value the server refuses (DataError); nothing was written
            raise StoreError(f"{label}: refused by the database ({_first_line(exc.orig)})") from None
        if undoable and tx.changes:
            self._undo.append(tx.txn)
            self._redo.clear()

    def _first_change(self, session: Session, txn: str) -> None:
        # Known as this window's before the commit: a live-update notification may reach this
        # window's listener before commit() returns (a rolled-back txn id here is harmless).
        self.own_txns.append(txn)
        if self._notify:  # NOTIFY is transactional: sent at commit, dropped with a rollback
            session.execute(text(notify_sql()), {"txn": txn})

    @staticmethod
    def validate(model: type[SQLModel], data: dict) -> SQLModel:
        """``model.model_validate(data)``, with a ValidationFailed naming the field."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise from_validation_error(exc) from None

    # --- change log ----------------------------------------------------------------------------

    def changes(self, *, entity: str | None = None, entity_id: int | None = None,
                since: datetime | None = None, until: datetime | None = None,
                meeting_id: int | None = None, limit: int | None = None,
                after_id: int | None = None) -> list[ChangeRead]:
        """Change rows, oldest first, filtered by what is given (``after_id``: ids above it, for a
        window catching up with what others did since its last ``last_change_id()``)."""
        query = select(Change)
        if after_id is not None:
            query = query.where(Change.id > after_id)  # type: ignore[operator]
        if entity is not None:
            query = query.where(Change.entity == entity)
        if entity_id is not None:
            query = query.where(Change.entity_id == entity_id)
        if since is not None:
            query = query.where(Change.at >= since)
        if until is not None:
            query = query.where(Change.at < until)
        if meeting_id is not None:
            query = query.where(Change.meeting_id == meeting_id)
        query = query.order_by(Change.id)  # type: ignore[arg-type]
        if limit is not None:
            query = query.order_by(None).order_by(Change.id.desc()).limit(limit)  # type: ignore[union-attr]
        with self.read() as session:
            rows = [ChangeRead.model_validate(row, from_attributes=True) for row in session.exec(query)]
        return sorted(rows, key=lambda row: row.id) if limit is not None else rows

    def iteration_changes(self, iteration_id: int) -> list[ChangeRead]:
        """Every change row of the cards that were ever in ``iteration_id``, oldest first: what the
        retro metrics replay (cockpit.logic.retro_metrics counts a card only if one of its rows put
        it in the iteration, so the rows of other cards would change nothing).

        Two indexed reads, whatever the size of the change log: the cards from the expression
        index on the ``iteration_id`` a card row set (``ix_change_item_iteration``, revision 0010),
        then their rows from ``ix_change_entity``."""
        if self.engine.dialect.name == "sqlite":
            member = text("entity = 'item' AND json_extract(\"after\", '$.iteration_id') = :iteration")
            value: object = iteration_id
        else:
            member = text("entity = 'item' AND (\"after\" ->> 'iteration_id') = :iteration")
            value = str(iteration_id)
        cards = select(Change.entity_id).where(member.bindparams(iteration=value))
        query = (select(Change).where(Change.entity == "item", Change.entity_id.in_(cards))  # type: ignore[union-attr]
                 .order_by(Change.id))  # type: ignore[arg-type]
        with self.read() as session:
            return [ChangeRead.model_validate(row, from_attributes=True) for row in session.exec(query)]

    def last_change_id(self) -> int:
        """The newest change row's id: a cheap counter other windows can poll (both engines).

        One indexed lookup (``SELECT max(id) FROM change``).  Ids only grow and, because writers are
        serialised (BEGIN IMMEDIATE on SQLite, the Cockpit advisory lock on PostgreSQL), a change with
        a smaller id is never committed after one with a larger id: ``changes(after_id=n)`` is complete.
        """
        with self.read() as session:
            return session.exec(select(func.max(Change.id))).one() or 0

    # --- undo and redo -------------------------------------------------------------------------

    def forget_undo(self) -> None:
        """Empty this window's undo and redo stacks (after seeding a new workspace)."""
        self._undo.clear()
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> str:
        """Revert this window's last change; returns what was undone.  StaleEdit if changed since."""
        if not self._undo:
            raise NothingToUndo("nothing to undo")
        txn = self._undo[-1]
        label, reverse = self._revert(txn, "undo")
        self._undo.pop()
        self._redo.append(reverse)
        return label

    def redo(self) -> str:
        if not self._redo:
            raise NothingToUndo("nothing to redo")
        txn = self._redo[-1]
        label, reverse = self._revert(txn, "redo")
        self._redo.pop()
        self._undo.append(reverse)
        return label

    def _revert(self, txn: str, verb: str) -> tuple[str, str]:
        with self.read() as session:
            rows = list(session.exec(select(Change).where(Change.txn == txn).order_by(Change.id.desc())))  # type: ignore[union-attr]
        if not rows:
            raise NothingToUndo(f"nothing to {verb}")
        label = rows[0].label.removeprefix("undo ").removeprefix("redo ")
        with self.write(f"{verb} {label}".strip(), undoable=False) as tx:
            for change in rows:
                model = model_for(change.entity)
                reverts = {"reverts": txn}  # the minutes leave out an action and its undo
                if change.action == "delete":
                    tx.restore(model, change.before or {}, detail=reverts)
                    continue
                row = tx.get(model, change.entity_id)
                tx.check_unchanged(row, change.after or {})
                if change.action == "create":
                    tx.delete(row, UNCHECKED, detail=reverts)
                else:
                    values = {
                        name: from_json(model, name, value)
                        for name, value in (change.before or {}).items() if name != "version"
                    }
                    tx.update(row, UNCHECKED, values, detail=reverts, action=change.action)
            reverse = tx.txn
        return label, reverse


def _first_line(exc: BaseException | None) -> str:
    return str(exc).splitlines()[0] if exc is not None and str(exc) else "unknown error"


__all__ = ["Store", "StoreError", "StaleEdit", "system_clock"]
