"""Goals: objectives, key results (KR) and their metric check-ins (``store.goals``); which cards
serve which KR is ``store.kr_links`` (db/repos/kr_links.py).

Every write goes through ``store.write`` (version check, change log), so undo works for all of it.
A check-in is one value per KR per day: checking in again on the same day replaces the value, and the
change log keeps the old one.  Deleting a KR first clears the cards and risks that named it and
deletes its check-ins, all in the change log, so undoing the delete brings everything back.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import String, func, or_, type_coerce
from sqlmodel import Session, select

from cockpit.db.errors import NotFound, ValidationFailed
from cockpit.db.models import Item, Person, Project
from cockpit.db.models_goals import (
    Checkin,
    CheckinCreate,
    CheckinRead,
    KeyResult,
    KeyResultCreate,
    KeyResultRead,
    KeyResultUpdate,
    Objective,
    ObjectiveCreate,
    ObjectiveRead,
    ObjectiveUpdate,
    check_code,
)
from cockpit.db.models_portfolio import Campaign
from cockpit.db.models_risks import Risk
from cockpit.db.repos.base import Repo
from cockpit.db.tx import UNCHECKED, Tx


class CheckinRow(NamedTuple):
    """A check-in as a plain tuple (the OKR board reads a year of them for every KR at once)."""

    kr_id: int
    day: date
    value: float


_KR_FIELDS = tuple(KeyResultRead.model_fields)
_KR_COLUMNS = tuple(getattr(KeyResult, name) for name in _KR_FIELDS)


def _objective(row: Objective) -> ObjectiveRead:
    return ObjectiveRead.model_validate(row, from_attributes=True)


def _kr(row: KeyResult) -> KeyResultRead:
    return KeyResultRead.model_validate(row, from_attributes=True)


def _checkin(row: Checkin) -> CheckinRead:
    return CheckinRead.model_validate(row, from_attributes=True)


def check_kr(session: Session, kr_id: int | None) -> None:
    """Refuse a card or risk naming a key result that does not exist."""
    if kr_id is not None and session.get(KeyResult, kr_id) is None:
        raise ValidationFailed("kr", f"no key result #{kr_id}")


def _known(model: type, fields: dict[str, Any], what: str) -> None:
    unknown = set(fields) - set(model.model_fields)  # type: ignore[attr-defined]
    if unknown:
        raise ValidationFailed(sorted(unknown)[0], f"is not a field of {what}")


class GoalsRepo(Repo):
    # --- objectives ----------------------------------------------------------------------------

    def objectives(self, project_id: int | None = None) -> list[ObjectiveRead]:
        """The objectives of a project (this window's by default) and of its campaign and the
        campaigns above it: the campaigns' first (outermost first), then the project's, each by position."""
        with self.store.read() as session:
            project_id = project_id if project_id is not None else self.project_in(session)
            chain = self._campaign_chain(session, project_id)
            rows = session.exec(select(Objective).where(or_(
                Objective.project_id == project_id,
                Objective.campaign_id.in_(chain) if chain else False,  # type: ignore[union-attr]
            ))).all()
        depth = {campaign_id: index for index, campaign_id in enumerate(reversed(chain))}
        rows = sorted(rows, key=lambda o: (depth.get(o.campaign_id, len(chain)) if o.campaign_id is not None
                                           else len(chain), o.position, o.id))
        return [_objective(row) for row in rows]

    def objective(self, objective_id: int) -> ObjectiveRead:
        with self.store.read() as session:
            row = session.get(Objective, objective_id)
        if row is None:
            raise NotFound(f"objective #{objective_id} no longer exists")
        return _objective(row)

    def add_objective(self, title: str, **fields: Any) -> ObjectiveRead:
        """An objective on ``campaign_id`` or ``project_id`` (this window's project when neither is
        given); other fields: interpretation, strategy, owner_id, period_start, period_end, confidential."""
        _known(ObjectiveCreate, fields, "an objective")
        with self.store.write("add objective") as tx:
            if fields.get("campaign_id") is None and fields.get("project_id") is None:
                fields = fields | {"project_id": self.project_in(tx.session)}
            data = self.store.validate(ObjectiveCreate, {"title": title} | fields)
            tx.label = f"add objective {data.title}"  # type: ignore[attr-defined]
            self._check_refs(tx.session, data.model_dump())
            if "position" not in fields:
                data.position = self._next_position(tx.session, Objective, Objective.project_id == data.project_id  # type: ignore[attr-defined]
                                                    if data.project_id is not None  # type: ignore[attr-defined]
                                                    else Objective.campaign_id == data.campaign_id)  # type: ignore[attr-defined]
            row = tx.insert(Objective(**data.model_dump()))
        return _objective(row)

    def update_objective(self, objective_id: int, version: int, **fields: Any) -> ObjectiveRead:
        _known(ObjectiveUpdate, fields, "an objective")
        with self.store.write("edit objective") as tx:
            row = tx.get(Objective, objective_id, what=f"objective #{objective_id}")
            tx.label = f"edit objective {row.title}"
            whole = self.store.validate(ObjectiveCreate, _objective(row).model_dump() | fields)
            self._check_refs(tx.session, fields)
            tx.update(row, version, {name: getattr(whole, name) for name in fields}, what=f"objective {row.title!r}")
        return _objective(row)

    def delete_objective(self, objective_id: int, version: int) -> None:
        """Delete an objective with its KRs (their check-ins deleted, their cards and risks unlinked)."""
        with self.store.write("delete objective") as tx:
            row = tx.get(Objective, objective_id, what=f"objective #{objective_id}")
            tx.label = f"delete objective {row.title}"
            tx.check_version(row, version, f"objective {row.title!r}")
            for kr in tx.session.exec(select(KeyResult).where(KeyResult.objective_id == objective_id)).all():
                self._delete_kr(tx, kr, UNCHECKED)
            tx.delete(row, UNCHECKED)

    # --- key results ---------------------------------------------------------------------------

    def key_results(self, objective_id: int | None = None, project_id: int | None = None) -> list[KeyResultRead]:
        """The KRs of one objective, or of every objective of a project (``objectives(project_id)``),
        in the objectives' order then by position."""
        if objective_id is not None:
            return self.key_results_of([objective_id])
        return self.key_results_of([o.id for o in self.objectives(project_id)])

    def key_results_of(self, objective_ids: Iterable[int]) -> list[KeyResultRead]:
        """The KRs of these objectives, in the objectives' order then by position."""
        order = list(objective_ids)
        if not order:
            return []
        with self.store.read() as session:
            rows = session.connection().execute(
                select(*_KR_COLUMNS).where(KeyResult.objective_id.in_(order))).all()  # type: ignore[attr-defined, call-overload]
        rank = {oid: index for index, oid in enumerate(order)}
        # Rows written through the store were validated on the way in: built without validating again
        # (the OKR board reads hundreds of KRs on every refresh).
        krs = [KeyResultRead.model_construct(**dict(zip(_KR_FIELDS, row))) for row in rows]
        return sorted(krs, key=lambda k: (rank[k.objective_id], k.position, k.id))

    def kr(self, kr_id: int) -> KeyResultRead:
        with self.store.read() as session:
            row = session.get(KeyResult, kr_id)
        if row is None:
            raise NotFound(f"key result #{kr_id} no longer exists")
        return _kr(row)

    def kr_by_code(self, code: str) -> KeyResultRead:
        """The KR of ``code`` (any case); NotFound naming the code."""
        wanted = code.strip().upper()
        with self.store.read() as session:
            row = session.exec(select(KeyResult).where(KeyResult.code == wanted)).first()
        if row is None:
            raise NotFound(f"no key result {code.strip()!r}")
        return _kr(row)

    def all_key_results(self) -> list[KeyResultRead]:
        """Every KR of the workspace, by code (completion of a card's KR field)."""
        with self.store.read() as session:
            rows = session.exec(select(KeyResult).order_by(KeyResult.code)).all()
        return [_kr(row) for row in rows]

    def suggest_code(self, objective_id: int) -> str:
        """A free code for a new KR of the objective: "O<n>-KR<m>", n the objective's number among the
        workspace's objectives (in order of creation), m the next free KR number."""
        with self.store.read() as session:
            return self._suggest_code(session, objective_id)

    def add_kr(self, objective_id: int, title: str, *, code: str | None = None, **fields: Any) -> KeyResultRead:
        """A KR of the objective; ``code`` defaults to ``suggest_code``.  Other fields: owner_id, module,
        metric, unit, direction, baseline, target, monthly_targets."""
        _known(KeyResultCreate, fields, "a key result")
        with self.store.write("add key result") as tx:
            if tx.session.get(Objective, objective_id) is None:
                raise ValidationFailed("objective", f"no objective #{objective_id}")
            code = code if code is not None and code.strip() else self._suggest_code(tx.session, objective_id)
            data = self.store.validate(KeyResultCreate, {"objective_id": objective_id, "title": title,
                                                         "code": code} | fields)
            tx.label = f"add key result {data.code}"  # type: ignore[attr-defined]
            self._check_code_free(tx.session, data.code, None)  # type: ignore[attr-defined]
            self._check_refs(tx.session, fields)
            if "position" not in fields:
                data.position = self._next_position(tx.session, KeyResult, KeyResult.objective_id == objective_id)  # type: ignore[attr-defined]
            row = tx.insert(KeyResult(**data.model_dump()))
        return _kr(row)

    def update_kr(self, kr_id: int, version: int, **fields: Any) -> KeyResultRead:
        _known(KeyResultUpdate, fields, "a key result")
        with self.store.write("edit key result") as tx:
            row = tx.get(KeyResult, kr_id, what=f"key result #{kr_id}")
            tx.label = f"edit key result {row.code}"
            whole = self.store.validate(KeyResultCreate, _kr(row).model_dump() | fields)
            if "code" in fields:
                self._check_code_free(tx.session, whole.code, kr_id)  # type: ignore[attr-defined]
            if "objective_id" in fields and tx.session.get(Objective, fields["objective_id"]) is None:
                raise ValidationFailed("objective", f"no objective #{fields['objective_id']}")
            self._check_refs(tx.session, fields)
            tx.update(row, version, {name: getattr(whole, name) for name in fields}, what=f"key result {row.code}")
        return _kr(row)

    def delete_kr(self, kr_id: int, version: int) -> None:
        """Delete a KR, its check-ins, and the links of the cards and risks that named it."""
        with self.store.write("delete key result") as tx:
            row = tx.get(KeyResult, kr_id, what=f"key result #{kr_id}")
            tx.label = f"delete key result {row.code}"
            self._delete_kr(tx, row, version)

    # --- check-ins -----------------------------------------------------------------------------

    def check_in(self, kr_id: int, day: date, value: float, note: str = "") -> CheckinRead:
        """Record the KR's value for ``day``; a second check-in on the same day replaces the first
        (the change log keeps the old value, undo brings it back)."""
        data = self.store.validate(CheckinCreate, {"kr_id": kr_id, "day": day, "value": value, "note": note})
        with self.store.write("check in") as tx:
            kr = tx.session.get(KeyResult, kr_id)
            if kr is None:
                raise ValidationFailed("kr", f"no key result #{kr_id}")
            tx.label = f"check in {kr.code} {data.day.isoformat()}"  # type: ignore[attr-defined]
            row = self._upsert(tx, data)  # type: ignore[arg-type]
        return _checkin(row)

    def check_in_many(self, rows: Sequence[CheckinCreate], *, label: str = "import metrics") -> int:
        """Record many check-ins in one transaction (all or nothing): new days inserted in batches,
        days already checked in replaced.  Returns how many were written."""
        with self.store.write(label) as tx:
            known = set(tx.session.exec(select(KeyResult.id)).all())
            for number, data in enumerate(rows, start=1):
                if data.kr_id not in known:
                    raise ValidationFailed("kr", f"row {number}: no key result #{data.kr_id}")
            kr_ids = {data.kr_id for data in rows}
            existing: dict[tuple[int, date], Checkin] = {}
            if rows:
                days = [data.day for data in rows]
                for row in tx.session.exec(select(Checkin).where(
                        Checkin.kr_id.in_(kr_ids), Checkin.day >= min(days), Checkin.day <= max(days))).all():  # type: ignore[attr-defined]
                    existing[(row.kr_id, row.day)] = row
            latest: dict[tuple[int, date], CheckinCreate] = {}
            for data in rows:  # a file naming one day twice: its last row wins
                latest[(data.kr_id, data.day)] = data
            new = []
            for key, data in latest.items():
                if key in existing:
                    tx.update(existing[key], UNCHECKED, {"value": data.value, "note": data.note}, action="check in")
                else:
                    new.append(Checkin(**data.model_dump()))
            tx.insert_many(new)
        return len(latest)

    def checkins(self, kr_id: int, since: date | None = None, until: date | None = None) -> list[CheckinRead]:
        """The KR's check-ins from ``since`` to ``until`` (both included), by day."""
        query = select(Checkin).where(Checkin.kr_id == kr_id)
        if since is not None:
            query = query.where(Checkin.day >= since)
        if until is not None:
            query = query.where(Checkin.day <= until)
        with self.store.read() as session:
            rows = session.exec(query.order_by(Checkin.day)).all()  # type: ignore[arg-type]
        return [_checkin(row) for row in rows]

    def checkin_rows(self, kr_ids: Iterable[int], since: date | None = None,
                     until: date | None = None) -> dict[int, list[CheckinRow]]:
        """The check-ins of many KRs at once (one query, plain tuples), by KR then day."""
        ids = list(kr_ids)
        result: dict[int, list[CheckinRow]] = {kr_id: [] for kr_id in ids}
        if not ids:
            return result
        query = select(Checkin.kr_id, Checkin.day, Checkin.value).where(Checkin.kr_id.in_(ids))  # type: ignore[attr-defined]
        if since is not None:
            query = query.where(Checkin.day >= since)
        if until is not None:
            query = query.where(Checkin.day <= until)
        with self.store.read() as session:
            for kr_id, day, value in session.connection().execute(query.order_by(Checkin.kr_id, Checkin.day)).all():
                result[kr_id].append(CheckinRow(kr_id, day, value))
        return result

    def daily_values(self, kr_ids: Iterable[int], since: date | None = None,
                     until: date | None = None) -> dict[int, dict[date, float]]:
        """kr_id -> {day: value} from ``since`` to ``until`` (one query; what the OKR board reads).

        The day comes as the database keeps it and is made a date once per day, not once per row (the
        board reads 30 days of 250 KRs: 7,500 rows, 30 days); SQLite keeps dates as ISO text."""
        ids = list(kr_ids)
        result: dict[int, dict[date, float]] = {kr_id: {} for kr_id in ids}
        if not ids:
            return result
        query = select(Checkin.kr_id, type_coerce(Checkin.day, String), Checkin.value).where(  # type: ignore[call-overload]
            Checkin.kr_id.in_(ids))  # type: ignore[attr-defined]
        if since is not None:
            query = query.where(Checkin.day >= since)
        if until is not None:
            query = query.where(Checkin.day <= until)
        days: dict[object, date] = {}
        with self.store.read() as session:
            for kr_id, kept, value in session.connection().execute(query).all():
                day = days.get(kept)
                if day is None:
                    day = days[kept] = kept if isinstance(kept, date) else date.fromisoformat(kept)
                result[kr_id][day] = value
        return result

    def monthly_means(self, kr_ids: Iterable[int], since: date | None = None,
                      until: date | None = None) -> dict[int, dict[str, tuple[float, int]]]:
        """kr_id -> {"YYYY-MM": (mean of the month's check-ins, how many)}: one grouped query, so a
        year of daily values is not read to show twelve monthly actuals."""
        ids = list(kr_ids)
        result: dict[int, dict[str, tuple[float, int]]] = {kr_id: {} for kr_id in ids}
        if not ids:
            return result
        with self.store.read() as session:
            if session.get_bind().dialect.name == "sqlite":
                month = func.substr(Checkin.day, 1, 7)  # dates are stored as YYYY-MM-DD text
            else:
                month = func.to_char(Checkin.day, "YYYY-MM")
            query = (select(Checkin.kr_id, month, func.avg(Checkin.value), func.count())
                     .where(Checkin.kr_id.in_(ids)).group_by(Checkin.kr_id, month))  # type: ignore[attr-defined]
            if since is not None:
                query = query.where(Checkin.day >= since)
            if until is not None:
                query = query.where(Checkin.day <= until)
            for kr_id, name, mean, count in session.connection().execute(query).all():
                result[kr_id][str(name)] = (float(mean), int(count))
        return result

    # --- helpers -------------------------------------------------------------------------------

    def _delete_kr(self, tx: Tx, row: KeyResult, version: Any) -> None:
        tx.check_version(row, version, f"key result {row.code}")
        for model in (Item, Risk):
            for linked in tx.session.exec(select(model).where(model.kr_id == row.id)).all():  # type: ignore[attr-defined]
                tx.update(linked, UNCHECKED, {"kr_id": None}, action="unlink")
        for checkin in tx.session.exec(select(Checkin).where(Checkin.kr_id == row.id)).all():
            tx.delete(checkin, UNCHECKED)
        tx.delete(row, UNCHECKED)

    @staticmethod
    def _upsert(tx: Tx, data: CheckinCreate) -> Checkin:
        row = tx.session.exec(select(Checkin).where(Checkin.kr_id == data.kr_id, Checkin.day == data.day)
                              .with_for_update()).first()
        if row is None:
            return tx.insert(Checkin(**data.model_dump()))
        return tx.update(row, UNCHECKED, {"value": data.value, "note": data.note}, action="check in")

    @staticmethod
    def _campaign_chain(session: Session, project_id: int) -> list[int]:
        """The project's campaign, then the campaign above it, and so on."""
        project = session.get(Project, project_id)
        chain: list[int] = []
        current = project.campaign_id if project is not None else None
        while current is not None and current not in chain:
            chain.append(current)
            current = session.exec(select(Campaign.parent_id).where(Campaign.id == current)).first()
        return chain

    @staticmethod
    def _next_position(session: Session, model: type, where: Any) -> int:
        last = session.exec(select(func.max(model.position)).where(where)).one()  # type: ignore[attr-defined]
        return 0 if last is None else last + 1

    @staticmethod
    def _suggest_code(session: Session, objective_id: int) -> str:
        number = session.exec(select(func.count()).select_from(Objective).where(Objective.id <= objective_id)).one()
        taken = set(session.exec(select(KeyResult.code)).all())
        own = session.exec(select(func.count()).select_from(KeyResult)
                           .where(KeyResult.objective_id == objective_id)).one()
        kr = own + 1
        while f"O{number}-KR{kr}" in taken:
            kr += 1
        return f"O{number}-KR{kr}"

    @staticmethod
    def _check_code_free(session: Session, code: str, kr_id: int | None) -> None:
        code = check_code(code)
        other = session.exec(select(KeyResult.id).where(KeyResult.code == code)).first()
        if other is not None and other != kr_id:
            raise ValidationFailed("code", f"{code} is already the code of another key result")

    @staticmethod
    def _check_refs(session: Session, fields: dict[str, Any]) -> None:
        for name, model, what in (("owner_id", Person, "person"), ("campaign_id", Campaign, "campaign"),
                                  ("project_id", Project, "project")):
            value = fields.get(name)
            if value is not None and session.get(model, value) is None:
                raise ValidationFailed(name, f"no {what} #{value}")
