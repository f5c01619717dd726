"""The risk register: create, edit, nudge scores, review, turn into a board item, import, settings.

Every write goes through ``store.write`` (version check, change log), so undo works for all of it.
Score history is read back from the change log (``score_history``).
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlmodel import SQLModel, select

from cockpit.db.errors import NotFound, StoreError, ValidationFailed
from cockpit.db.models import Item, Person, Stage
from cockpit.db.models_risks import (
    Risk,
    RiskCreate,
    RiskRead,
    RiskSettings,
    RiskSettingsBase,
    RiskSettingsRead,
    RiskUpdate,
    ScorePoint,
    field_of_error,
)
from cockpit.db.repos.base import Repo
from cockpit.db.repos.goals import check_kr
from cockpit.db.repos.items import ItemRepo
from cockpit.db.text import clean_line
from cockpit.db.tx import UNCHECKED

SCORE_FIELDS = ("probability", "impact", "residual_probability", "residual_impact")


_COLUMNS = tuple(Risk.__table__.columns)  # type: ignore[attr-defined]
_NAMES = tuple(column.name for column in _COLUMNS)
#: Above this many changed risks, ``all(known=...)`` reads every row again (one query, no IN list).
_REREAD_ALL = 200


def _with_owner(query):  # noqa: ANN001, ANN202
    return query.outerjoin(Person, Person.id == Risk.owner_id)  # type: ignore[arg-type]


def _read_rows(session, where=None) -> list[RiskRead]:  # noqa: ANN001
    """Risks (with their owner's name and handle) read as plain rows and validated into read models:
    no ORM objects are built, which is most of the cost of reading a thousand risks."""
    query = _with_owner(select(*_COLUMNS, Person.name, Person.handle))  # type: ignore[call-overload]
    if where is not None:
        query = query.where(where)
    risks = []
    for row in session.execute(query):
        data = dict(zip(_NAMES, row))
        data["owner_name"], data["owner_handle"] = row[-2] or "", row[-1] or ""
        risks.append(RiskRead.model_validate(data))
    return risks


def _by_score(risks: list[RiskRead]) -> list[RiskRead]:
    return sorted(risks, key=lambda r: (-r.score, r.id))


class RiskRepo(Repo):
    # --- validation ----------------------------------------------------------------------------

    def validate(self, model: type[SQLModel], data: dict[str, Any]) -> Any:
        """``store.validate`` with the field named also for errors of whole-model checks."""
        try:
            return self.store.validate(model, data)
        except ValidationFailed as error:
            if error.field in ("value", ""):
                field, reason = field_of_error(error.reason, "risk")
                raise ValidationFailed(field, reason) from None
            raise

    @staticmethod
    def _check_refs(session, owner_id: int | None, item_id: int | None) -> None:  # noqa: ANN001
        if owner_id is not None and session.get(Person, owner_id) is None:
            raise ValidationFailed("owner", f"no person #{owner_id}")
        if item_id is not None and session.get(Item, item_id) is None:
            raise ValidationFailed("item", f"no card #{item_id}")

    # --- reading -------------------------------------------------------------------------------

    def all(self, known: Iterable[RiskRead] = ()) -> list[RiskRead]:
        """The risks of this window's project, highest score first.

        ``known``: the risks read before (a screen reloading after a key).  Those whose row, owner
        and linked card are unchanged are returned as they are (the same objects); only new and
        changed rows are read in full.  A cheap query of each risk's version, owner and card tells
        which: ON DELETE SET NULL clears an owner or a card without bumping the risk's version.
        """
        before = {risk.id: risk for risk in known}
        with self.store.read() as session:
            mine = self._mine(session)
            if not before:
                return _by_score(_read_rows(session, mine))
            stamps = session.execute(_with_owner(select(  # type: ignore[call-overload]
                Risk.id, Risk.version, Risk.owner_id, Risk.item_id, Person.name, Person.handle)).where(mine)).all()
            kept, stale = [], []
            for risk_id, version, owner_id, item_id, name, handle in stamps:
                risk = before.get(risk_id)
                if (risk is not None and risk.version == version and risk.owner_id == owner_id
                        and risk.item_id == item_id and risk.owner_name == (name or "")
                        and risk.owner_handle == (handle or "")):
                    kept.append(risk)
                else:
                    stale.append(risk_id)
            if len(stale) > _REREAD_ALL:
                return _by_score(_read_rows(session, mine))
            fresh = _read_rows(session, Risk.id.in_(stale)) if stale else []  # type: ignore[union-attr]
        return _by_score(kept + fresh)

    def get(self, risk_id: int) -> RiskRead:
        with self.store.read() as session:
            rows = _read_rows(session, Risk.id == risk_id)
        if not rows:
            raise NotFound(f"risk #{risk_id} no longer exists")
        return rows[0]

    def confidential_titles(self) -> dict[int, str]:
        """id -> title of the risks marked confidential (what presentation mode hides)."""
        with self.store.read() as session:
            rows = session.exec(select(Risk.id, Risk.title).where(Risk.confidential == True,  # noqa: E712
                                                                  self._mine(session))).all()
        return {risk_id: title for risk_id, title in rows}

    def count(self) -> int:
        return len(self.all())

    def search(self, text: str, limit: int = 20) -> list[RiskRead]:
        """Risks whose title contains ``text`` (case-insensitive), for the palette."""
        needle = text.strip().lower()
        return [r for r in self.all() if needle in r.title.lower()][:limit]

    def score_history(self, risk_id: int) -> list[ScorePoint]:
        """The risk's probability and impact after each change that touched them, oldest first."""
        points: list[ScorePoint] = []
        state: dict[str, Any] = {}
        for change in self.store.changes(entity="risk", entity_id=risk_id):
            after = change.after or {}
            if change.action == "create" or not state:
                state = {name: after.get(name, state.get(name)) for name in SCORE_FIELDS}
            elif any(name in after for name in SCORE_FIELDS):
                state = state | {name: after[name] for name in SCORE_FIELDS if name in after}
            else:
                continue
            if change.action == "delete" or state.get("probability") is None:
                continue
            points.append(ScorePoint(at=change.at, actor=change.actor, **state))
        return points

    # --- writing -------------------------------------------------------------------------------

    @staticmethod
    def _check_title(fields: dict[str, Any]) -> None:
        title = fields.get("title")
        if isinstance(title, str) and not clean_line(title):
            raise ValidationFailed("title", "give the risk a title")

    def create(self, **fields: Any) -> RiskRead:
        self._check_title(fields)
        data = self.validate(RiskCreate, fields)
        with self.store.write(f"add risk {data.title}") as tx:
            self._check_refs(tx.session, data.owner_id, data.item_id)
            check_kr(tx.session, data.kr_id)
            project = self._project_id(tx.session)
            row = tx.insert(Risk(**data.model_dump(), project_id=project, created=tx.now, updated=tx.now))
        return self.get(row.id)  # type: ignore[arg-type]

    def update(self, risk_id: int, version: int, **fields: Any) -> RiskRead:
        """Edit fields of a risk read at ``version``; a stale version is refused."""
        unknown = set(fields) - set(RiskUpdate.model_fields)
        if unknown:
            raise ValidationFailed(sorted(unknown)[0], "is not a field of a risk")
        self._check_title(fields)
        data = self.validate(RiskUpdate, fields)
        changes = {name: getattr(data, name) for name in fields}
        for name in ("title", "probability", "impact", "response", "status", "confidential"):
            if name in changes and changes[name] is None:
                raise ValidationFailed(name, "cannot be empty")
        with self.store.write("edit risk") as tx:
            row = tx.get(Risk, risk_id, what=f"risk #{risk_id}")
            tx.label = f"edit risk {row.title}"
            merged = RiskRead.model_validate(row, from_attributes=True).model_dump() | changes
            self.validate(RiskCreate, {k: v for k, v in merged.items() if k in RiskCreate.model_fields})
            self._check_refs(tx.session, changes.get("owner_id"), changes.get("item_id"))
            check_kr(tx.session, changes.get("kr_id"))
            changes["updated"] = tx.now
            tx.update(row, version, changes, what=f"risk {row.title!r}")
        return self.get(risk_id)

    def nudge(self, risk_id: int, version: int, field: str, step: int) -> RiskRead:
        """Raise (+1) or lower (-1) the probability or impact (or their residuals) by one, within 1..5."""
        if field not in SCORE_FIELDS:
            raise ValidationFailed("field", f"{field!r} cannot be nudged")
        if step not in (-1, 1):
            raise ValidationFailed("step", "one step at a time")
        current = self.get(risk_id)
        value = getattr(current, field)
        if value is None:
            value = getattr(current, field.removeprefix("residual_"))
        target = value + step
        if not 1 <= target <= 5:
            raise ValidationFailed(field.replace("_", " "), f"is already {value} (1 to 5)")
        verb = "raise" if step > 0 else "lower"
        with self.store.write(f"{verb} {field.replace('_', ' ')}") as tx:
            row = tx.get(Risk, risk_id, what=f"risk #{risk_id}")
            tx.label = f"{verb} {field.replace('_', ' ')} of risk {row.title}"
            values = {field: target, "updated": tx.now}
            if field.startswith("residual_"):
                other = "residual_impact" if field == "residual_probability" else "residual_probability"
                if getattr(row, other) is None:
                    values[other] = getattr(row, other.removeprefix("residual_"))
            tx.update(row, version, values, action="score", what=f"risk {row.title!r}")
        return self.get(risk_id)

    def mark_reviewed(self, risk_id: int, version: int, today: date | None = None) -> RiskRead:
        """Reviewed today: the next review moves to today plus the review interval."""
        day = today or self.store.today()
        interval = self.settings().review_days
        with self.store.write("review risk") as tx:
            row = tx.get(Risk, risk_id, what=f"risk #{risk_id}")
            tx.label = f"review risk {row.title}"
            tx.update(row, version, {"last_reviewed": day, "next_review": day + timedelta(days=interval),
                                     "updated": tx.now}, action="review", what=f"risk {row.title!r}")
        return self.get(risk_id)

    def to_board_item(self, risk_id: int, version: int, *, stage_id: int | None = None) -> RiskRead:
        """An occurred risk becomes a blocked card linked to it, in one undoable transaction."""
        with self.store.write("risk occurred: card") as tx:
            row = tx.get(Risk, risk_id, what=f"risk #{risk_id}")
            tx.check_version(row, version, f"risk {row.title!r}")
            tx.label = f"card from risk {row.title}"
            if row.status != "occurred":
                raise ValidationFailed("status", "only an occurred risk becomes a blocked card")
            if row.item_id is not None and tx.session.get(Item, row.item_id) is not None:
                raise ValidationFailed("item", f"already linked to card #{row.item_id}")
            stage = (tx.get(Stage, stage_id, what="stage") if stage_id is not None else
                     tx.session.exec(select(Stage).where(Stage.project_id == row.project_id)
                                     .order_by(Stage.position, Stage.id)).first())
            if stage is None:
                raise ValidationFailed("stage", "this project has no stages")
            score = row.probability * row.impact
            plan = f"\n\nContingency plan:\n{row.contingency}" if row.contingency else ""
            item = tx.insert(Item(
                title=f"Risk occurred: {row.title}"[:200], kind="task",
                priority="urgent" if score >= 15 else "high",
                description=f"Risk #{row.id} occurred.{plan}"[:20_000],
                owner_id=row.owner_id, blocked=True, confidential=row.confidential,  # its words are the risk's
                blocked_reason=f"risk #{row.id} occurred: {row.title}"[:500],
                project_id=row.project_id, stage_id=stage.id, position=ItemRepo._end_of(tx.session, stage.id),
                created=tx.now, updated=tx.now, stage_entered=tx.now,
            ), detail={"from_risk": row.id})
            tx.update(row, UNCHECKED, {"item_id": item.id, "updated": tx.now}, action="link")
        return self.get(risk_id)

    def delete(self, risk_id: int, version: int) -> None:
        with self.store.write("delete risk") as tx:
            row = tx.get(Risk, risk_id, what=f"risk #{risk_id}")
            tx.label = f"delete risk {row.title}"
            tx.delete(row, version, what=f"risk {row.title!r}")

    def import_many(self, rows: Sequence[RiskCreate], *, label: str = "import risks",
                    progress: Callable[[int, int], None] | None = None) -> list[int]:
        """Insert already-validated risks in one transaction: all of them or none (one undo step).
        ``progress(done, total)`` is called every 100 rows and at the end, inside the transaction:
        an exception it raises (a cancel) rolls every row back."""
        with self.store.write(f"{label} ({len(rows)})") as tx:
            project = self._project_id(tx.session)
            owners = {data.owner_id for data in rows if data.owner_id is not None}
            items = {data.item_id for data in rows if data.item_id is not None}
            known_owners = set(tx.session.exec(select(Person.id).where(Person.id.in_(owners)))) if owners else set()  # type: ignore[union-attr]
            known_items = set(tx.session.exec(select(Item.id).where(Item.id.in_(items)))) if items else set()  # type: ignore[union-attr]
            for number, data in enumerate(rows, start=1):
                if data.owner_id is not None and data.owner_id not in known_owners:
                    raise ValidationFailed("owner", f"row {number}: no person #{data.owner_id}")
                if data.item_id is not None and data.item_id not in known_items:
                    raise ValidationFailed("item", f"row {number}: no card #{data.item_id}")
            stamp = {"project_id": project, "created": tx.now, "updated": tx.now}
            ids = tx.insert_values(Risk, [data.model_dump() | stamp for data in rows], progress=progress, step=100)
        return ids

    # --- settings ------------------------------------------------------------------------------

    def settings(self) -> RiskSettingsRead:
        """This project's severity thresholds and review interval (defaults until someone changes them)."""
        with self.store.read() as session:
            row = session.exec(select(RiskSettings).where(RiskSettings.project_id == self._project_id(session))).first()
        if row is None:
            return RiskSettingsRead()
        return RiskSettingsRead.model_validate(row, from_attributes=True)

    def update_settings(self, version: int, **fields: Any) -> RiskSettingsRead:
        current = self.settings()
        data = self.validate(RiskSettingsBase, current.model_dump(include=set(RiskSettingsBase.model_fields)) | fields)
        values = data.model_dump()
        with self.store.write("edit risk settings") as tx:
            project_id = self._project_id(tx.session)
            row = tx.session.exec(select(RiskSettings).where(RiskSettings.project_id == project_id)).first()
            if row is None:
                if version != 0:
                    raise StoreError("risk settings were removed since you opened them; reload and try again")
                tx.insert(RiskSettings(**values, project_id=project_id))
            else:
                tx.update(row, version, values, what="risk settings")
        return self.settings()

    # --- helpers -------------------------------------------------------------------------------

    def _project_id(self, session) -> int:  # noqa: ANN001
        """This window's project (``store.project_id``), else the one opened last."""
        return self.project_in(session)

    def _mine(self, session):  # noqa: ANN001, ANN202
        """Risks of this window's project."""
        return Risk.project_id == self.project_in(session)
