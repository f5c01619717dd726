"""Store methods of the calendar: templates and key nodes, key dates of iterations, calendar events.

Every write is one ``store.write`` transaction (so one undo step): stamping a new iteration from a
template writes the iteration and all its key dates together.
"""

import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.rrule import rrulestr
from sqlalchemy import func, or_
from sqlmodel import select

from cockpit.db.errors import NotFound, ValidationFailed
from cockpit.db.models import Iteration, IterationCreate, IterationRead, Project
from cockpit.db.models_calendar import (
    CalendarEvent,
    EventCreate,
    EventRead,
    IterationTemplate,
    IterationTemplateRead,
    KeyDate,
    KeyDateBase,
    KeyDateRead,
    TemplateNode,
    TemplateNodeBase,
    TemplateNodeRead,
)
from cockpit.db.repos.base import Repo
from cockpit.db.tx import UNCHECKED

#: The default template (design.md §2): (name, days after the iteration starts, kind).
DEFAULT_TEMPLATE_NAME = "Default iteration"
DEFAULT_NODES: list[tuple[str, int, str]] = [
    ("Requirement focus meeting", 0, "meeting"),
    ("Requirement review", 2, "review"),
    ("Design review", 5, "review"),
    ("Technical review and scheduling", 7, "review"),
    ("Iteration end", 25, "milestone"),
    ("Release", 27, "release"),
]
#: Fields of an event a caller may set.
EVENT_FIELDS = frozenset(EventCreate.model_fields)


def stamp_day(start: date, offset_days: int) -> date:
    """The day of a key node: ``offset_days`` after the start; a weekend day moves to the Monday."""
    day = start + timedelta(days=offset_days)
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


#: How far after its template day a Release node may move to catch a train (the train runs weekly).
TRAIN_WINDOW_DAYS = 6


def release_day(nominal: date, train: list[date]) -> date:
    """The day of a template's Release node: the first release-train day from ``nominal`` on, within a
    week (the next train, never one before the work is done), or ``nominal`` when no train runs then."""
    last = nominal + timedelta(days=TRAIN_WINDOW_DAYS)
    return next((day for day in train if nominal <= day <= last), nominal)


def release_train_days(session: Any, start: date, end: date) -> list[date]:
    """The days a release train runs between ``start`` and ``end``: occurrences of recurring events of
    kind "release", without their skipped dates, with moved occurrences on the day they moved to."""
    rows = session.exec(select(CalendarEvent).where(CalendarEvent.kind == "release",
                                                    CalendarEvent.start_day <= end)).all()
    days: set[date] = set()
    moved_from: set[date] = set()
    moved_to: set[date] = set()
    for row in rows:
        if row.series_id is not None:  # a moved occurrence of a train
            if row.original_day is not None:
                moved_from.add(row.original_day)
            if start <= row.start_day <= end:
                moved_to.add(row.start_day)
            continue
        if not row.rrule:
            continue
        skipped = {date.fromisoformat(str(day)) for day in row.exdates}
        try:
            rule = rrulestr(row.rrule, dtstart=datetime.combine(row.start_day, time.min))
        except ValueError:  # a rule the calendar cannot expand either: no train days from it
            continue
        for moment in rule.between(datetime.combine(start, time.min), datetime.combine(end, time.max), inc=True):
            if moment.date() not in skipped:
                days.add(moment.date())
    return sorted((days - moved_from) | moved_to)


def node_day(kind: str, start: date, offset_days: int, train: list[date]) -> date:
    """Where a template node lands in an iteration starting on ``start``: ``stamp_day``, except that a
    Release node moves on to the next release-train day when one runs within the week."""
    day = stamp_day(start, offset_days)
    return release_day(day, train) if kind == "release" else day


def train_for(session: Any, start: date, nodes: list) -> list[date]:
    """The release-train days a template's nodes (``offset_days``) can land on, for a start day."""
    days = [stamp_day(start, node.offset_days) for node in nodes if node.kind == "release"]
    if not days:
        return []
    return release_train_days(session, min(days), max(days) + timedelta(days=TRAIN_WINDOW_DAYS))


def new_uid() -> str:
    return f"{uuid.uuid4()}@cockpit"


def event_read(row: CalendarEvent) -> EventRead:
    return EventRead.model_validate(row, from_attributes=True)


def _iso(days: list[date]) -> list[str]:
    return [day.isoformat() for day in sorted(set(days))]


class CalendarRepo(Repo):
    # --- templates -------------------------------------------------------------------------------

    def templates(self) -> list[IterationTemplateRead]:
        with self.store.read() as session:
            templates = session.exec(select(IterationTemplate).order_by(IterationTemplate.id)).all()  # type: ignore[arg-type]
            nodes = session.exec(select(TemplateNode).order_by(TemplateNode.offset_days, TemplateNode.position,  # type: ignore[arg-type]
                                                               TemplateNode.id)).all()
        by_template: dict[int, list[TemplateNodeRead]] = {}
        for node in nodes:
            by_template.setdefault(node.template_id, []).append(TemplateNodeRead.model_validate(node, from_attributes=True))
        return [IterationTemplateRead.model_validate(t, from_attributes=True).model_copy(
            update={"nodes": by_template.get(t.id, [])}) for t in templates]

    def template(self, template_id: int) -> IterationTemplateRead:
        for template in self.templates():
            if template.id == template_id:
                return template
        raise NotFound(f"template #{template_id} no longer exists")

    def default_template(self) -> IterationTemplateRead | None:
        templates = self.templates()
        named = [t for t in templates if t.name == DEFAULT_TEMPLATE_NAME]
        return (named or templates or [None])[0]

    def ensure_default_template(self) -> IterationTemplateRead:
        """The default template, created (not undoable: it is set-up) if the workspace has none."""
        existing = self.default_template()
        if existing is not None:
            return existing
        with self.store.write("create default iteration template", undoable=False) as tx:
            template = tx.insert(IterationTemplate(name=DEFAULT_TEMPLATE_NAME, length_days=28))
            for position, (name, offset, kind) in enumerate(DEFAULT_NODES):
                tx.insert(TemplateNode(template_id=template.id, name=name, offset_days=offset, kind=kind,
                                       position=position))
        return self.template(template.id)  # type: ignore[arg-type]

    def add_node(self, template_id: int, name: str, offset_days: int, kind: str = "milestone") -> TemplateNodeRead:
        data = self.store.validate(TemplateNodeBase, {"name": name, "offset_days": offset_days, "kind": kind})
        with self.store.write(f"add key node {data.name}") as tx:
            tx.get(IterationTemplate, template_id, what="template")
            last = tx.session.exec(select(func.max(TemplateNode.position))
                                   .where(TemplateNode.template_id == template_id)).one()
            row = tx.insert(TemplateNode(template_id=template_id, position=(last or 0) + 1, **data.model_dump()))
        return TemplateNodeRead.model_validate(row, from_attributes=True)

    def update_node(self, node_id: int, version: int, **fields: Any) -> TemplateNodeRead:
        with self.store.read() as session:
            current = session.get(TemplateNode, node_id)
        if current is None:
            raise NotFound(f"key node #{node_id} no longer exists")
        base = {"name": current.name, "offset_days": current.offset_days, "kind": current.kind}
        data = self.store.validate(TemplateNodeBase, base | fields)
        with self.store.write(f"edit key node {data.name}") as tx:
            row = tx.get(TemplateNode, node_id, what=f"key node {current.name}")
            tx.update(row, version, {name: getattr(data, name) for name in fields}, what=f"key node {current.name}")
        return TemplateNodeRead.model_validate(row, from_attributes=True)

    def delete_node(self, node_id: int, version: int) -> None:
        with self.store.write("delete key node") as tx:
            row = tx.get(TemplateNode, node_id, what=f"key node #{node_id}")
            tx.label = f"delete key node {row.name}"
            tx.delete(row, version, what=f"key node {row.name}")

    def workspace_created(self) -> datetime:
        """When the workspace's project was created: the stable part of exported UIDs."""
        with self.store.read() as session:
            project = session.exec(select(Project).order_by(Project.id)).first()  # type: ignore[arg-type]
        if project is None:
            raise NotFound("this workspace has no project")
        return project.created

    # --- key dates -------------------------------------------------------------------------------

    def preview(self, template_id: int | None, start: date) -> list[tuple[str, date, str]]:
        """The key dates a template would give an iteration starting on ``start``: (name, day, kind)."""
        if template_id is None:
            return []
        nodes = self.template(template_id).nodes
        with self.store.read() as session:
            train = train_for(session, start, nodes)
        return [(node.name, node_day(node.kind, start, node.offset_days, train), node.kind) for node in nodes]

    def new_iteration(self, name: str, start: date, end: date, goal: str = "",
                      template_id: int | None = None) -> IterationRead:
        """An iteration and the key dates of ``template_id``, in one transaction (one undo step)."""
        project = self.store.workspace.project()  # this window's project
        data = self.store.validate(IterationCreate, {"name": name, "start": start, "end": end, "goal": goal,
                                                      "project_id": project.id})
        with self.store.write(f"add iteration {data.name}") as tx:
            if tx.session.exec(select(Iteration).where(Iteration.name == data.name,
                                                       Iteration.project_id == project.id)).first() is not None:
                raise ValidationFailed("name", f"an iteration named {data.name!r} already exists")
            iteration = tx.insert(Iteration(**data.model_dump()))
            if template_id is not None:
                self._stamp(tx, iteration, template_id)
        return IterationRead.model_validate(iteration, from_attributes=True)

    def stamp(self, iteration_id: int, template_id: int) -> list[KeyDateRead]:
        """Give an existing iteration the key dates of a template (added to any it has)."""
        with self.store.write("stamp key dates") as tx:
            iteration = tx.get(Iteration, iteration_id, what="iteration")
            tx.label = f"stamp key dates of {iteration.name}"
            self._stamp(tx, iteration, template_id)
        return self.key_dates(iteration_id=iteration_id)

    @staticmethod
    def _stamp(tx, iteration: Iteration, template_id: int) -> None:  # noqa: ANN001
        tx.get(IterationTemplate, template_id, what="template")
        nodes = tx.session.exec(select(TemplateNode).where(TemplateNode.template_id == template_id)
                                .order_by(TemplateNode.offset_days, TemplateNode.position, TemplateNode.id)).all()  # type: ignore[arg-type]
        train = train_for(tx.session, iteration.start, nodes)
        for position, node in enumerate(nodes):
            day = node_day(node.kind, iteration.start, node.offset_days, train)
            tx.insert(KeyDate(iteration_id=iteration.id, name=node.name, kind=node.kind, position=position,
                              day=day, template_node_id=node.id))

    def key_dates(self, start: date | None = None, end: date | None = None,
                  iteration_id: int | None = None) -> list[KeyDateRead]:
        """Key dates (with their iteration's name) between ``start`` and ``end`` inclusive, by day."""
        query = select(KeyDate, Iteration.name).join(Iteration, Iteration.id == KeyDate.iteration_id)
        if iteration_id is None:  # this project's iterations
            query = query.where(Iteration.project_id == self.store.workspace.project_id())
        if start is not None:
            query = query.where(KeyDate.day >= start)
        if end is not None:
            query = query.where(KeyDate.day <= end)
        if iteration_id is not None:
            query = query.where(KeyDate.iteration_id == iteration_id)
        query = query.order_by(KeyDate.day, KeyDate.iteration_id, KeyDate.position, KeyDate.id)  # type: ignore[arg-type]
        with self.store.read() as session:
            rows = session.exec(query).all()
        return [KeyDateRead.model_validate(row, from_attributes=True).model_copy(update={"iteration_name": name})
                for row, name in rows]

    def key_date(self, key_date_id: int) -> KeyDateRead:
        with self.store.read() as session:
            row = session.get(KeyDate, key_date_id)
            name = session.get(Iteration, row.iteration_id).name if row is not None else ""  # type: ignore[union-attr]
        if row is None:
            raise NotFound(f"key date #{key_date_id} no longer exists")
        return KeyDateRead.model_validate(row, from_attributes=True).model_copy(update={"iteration_name": name})

    def update_key_date(self, key_date_id: int, version: int, **fields: Any) -> KeyDateRead:
        current = self.key_date(key_date_id)
        data = self.store.validate(KeyDateBase, current.model_dump(include={"name", "day", "kind"}) | fields)
        with self.store.write(f"edit key date {data.name}") as tx:
            row = tx.get(KeyDate, key_date_id, what=f"key date {current.name}")
            label = "move" if set(fields) == {"day"} else "edit"
            tx.label = f"{label} key date {current.name} ({current.iteration_name})"
            tx.update(row, version, {name: getattr(data, name) for name in fields}, what=f"key date {current.name}")
        return self.key_date(key_date_id)

    def move_key_date(self, key_date_id: int, version: int, days: int) -> KeyDateRead:
        current = self.key_date(key_date_id)
        return self.update_key_date(key_date_id, version, day=current.day + timedelta(days=days))

    def delete_key_date(self, key_date_id: int, version: int) -> None:
        with self.store.write("delete key date") as tx:
            row = tx.get(KeyDate, key_date_id, what=f"key date #{key_date_id}")
            tx.label = f"delete key date {row.name}"
            tx.delete(row, version, what=f"key date {row.name}")

    # --- events ----------------------------------------------------------------------------------

    def event(self, event_id: int) -> EventRead:
        with self.store.read() as session:
            row = session.get(CalendarEvent, event_id)
        if row is None:
            raise NotFound(f"event #{event_id} no longer exists")
        return event_read(row)

    def events(self, start: date | None = None, end: date | None = None) -> list[EventRead]:
        """This project's events (series, one-offs and overrides) that may have an occurrence between
        start and end."""
        query = select(CalendarEvent)
        if end is not None:
            query = query.where(CalendarEvent.start_day <= end)
        if start is not None:
            query = query.where(or_(CalendarEvent.rrule != "", CalendarEvent.end_day >= start))
        with self.store.read() as session:
            query = query.where(self.of_project(CalendarEvent.project_id, session, self.project_in(session)))
            rows = session.exec(query.order_by(CalendarEvent.start_day, CalendarEvent.id)).all()  # type: ignore[arg-type]
        return [event_read(row) for row in rows]

    def create_event(self, *, uid: str | None = None, **fields: Any) -> EventRead:
        fields.setdefault("end_day", fields.get("start_day"))
        data = self.store.validate(EventCreate, fields)
        with self.store.write(f"add event {data.title}") as tx:
            row = self._insert_event(tx, data, uid)
        return event_read(row)

    def _insert_event(self, tx, data: EventCreate, uid: str | None, **extra: Any) -> CalendarEvent:  # noqa: ANN001
        if data.iteration_id is not None and tx.session.get(Iteration, data.iteration_id) is None:
            raise ValidationFailed("iteration", f"no iteration #{data.iteration_id}")
        values = data.model_dump() | {"exdates": _iso(data.exdates)}
        extra.setdefault("project_id", self.project_in(tx.session))  # the project whose calendar shows it
        return tx.insert(CalendarEvent(**values, uid=uid or new_uid(), **extra))

    def update_event(self, event_id: int, version: int, **fields: Any) -> EventRead:
        """Edit a whole event (every occurrence of a series)."""
        unknown = set(fields) - EVENT_FIELDS
        if unknown:
            raise ValidationFailed(sorted(unknown)[0], "is not a field of an event")
        current = self.event(event_id)
        data = self.store.validate(EventCreate, current.model_dump(include=EVENT_FIELDS) | fields)
        with self.store.write(f"edit event {current.title}") as tx:
            row = tx.get(CalendarEvent, event_id, what=f"event {current.title!r}")
            if data.iteration_id is not None and tx.session.get(Iteration, data.iteration_id) is None:
                raise ValidationFailed("iteration", f"no iteration #{data.iteration_id}")
            values = {name: getattr(data, name) for name in EVENT_FIELDS}
            values["exdates"] = _iso(data.exdates)
            tx.update(row, version, values, what=f"event {current.title!r}")
        return event_read(row)

    def move_event(self, event_id: int, version: int, days: int) -> EventRead:
        """Move an event (every occurrence of a series, and its skipped dates) by ``days``."""
        current = self.event(event_id)
        shift = timedelta(days=days)
        with self.store.write(f"move event {current.title}") as tx:
            row = tx.get(CalendarEvent, event_id, what=f"event {current.title!r}")
            changes: dict[str, Any] = {"start_day": current.start_day + shift, "end_day": current.end_day + shift,
                                       "exdates": _iso([d + shift for d in current.exdates])}
            if current.original_day is not None:
                changes.pop("exdates")
            if current.rrule:
                changes["rrule"] = _shift_rule(current.rrule, current.start_day, days)
            tx.update(row, version, changes, what=f"event {current.title!r}")
        return event_read(row)

    def edit_occurrence(self, event_id: int, version: int, day: date, **fields: Any) -> EventRead:
        """Change one occurrence (``day``) of a series: an override event replaces it."""
        series = self.event(event_id)
        if not series.rrule:
            raise ValidationFailed("event", f"{series.title!r} does not repeat; edit the event itself")
        span = timedelta(days=series.span_days)
        base = series.model_dump(include=EVENT_FIELDS) | {"start_day": day, "end_day": day + span, "rrule": "",
                                                          "exdates": []}
        data = self.store.validate(EventCreate, base | fields)
        if data.rrule:
            raise ValidationFailed("rrule", "one occurrence cannot repeat")
        with self.store.write(f"edit one occurrence of {series.title}") as tx:
            row = tx.get(CalendarEvent, event_id, what=f"event {series.title!r}")
            tx.check_version(row, version, f"event {series.title!r}")
            existing = tx.session.exec(select(CalendarEvent).where(CalendarEvent.series_id == event_id,
                                                                   CalendarEvent.original_day == day)).first()
            if existing is not None:
                values = {name: getattr(data, name) for name in EVENT_FIELDS} | {"exdates": []}
                override = tx.update(existing, UNCHECKED, values)
            else:
                override = self._insert_event(tx, data, row.uid + f"#{day.isoformat()}",
                                              series_id=event_id, original_day=day, project_id=row.project_id)
        return event_read(override)

    def skip_occurrence(self, event_id: int, version: int, day: date) -> EventRead:
        """Skip one occurrence of a series (an EXDATE); an override of that day is deleted with it."""
        with self.store.write("skip occurrence") as tx:
            row = tx.get(CalendarEvent, event_id, what=f"event #{event_id}")
            tx.label = f"skip {row.title} on {day.isoformat()}"
            if not row.rrule:
                raise ValidationFailed("event", f"{row.title!r} does not repeat")
            for override in tx.session.exec(select(CalendarEvent).where(CalendarEvent.series_id == event_id,
                                                                        CalendarEvent.original_day == day)).all():
                tx.delete(override, UNCHECKED)
            tx.update(row, version, {"exdates": _iso([date.fromisoformat(d) for d in row.exdates] + [day])},
                      what=f"event {row.title!r}")
        return event_read(row)

    def delete_event(self, event_id: int, version: int) -> None:
        """Delete an event; a series goes with its overrides (each logged, so undo restores them)."""
        with self.store.write("delete event") as tx:
            row = tx.get(CalendarEvent, event_id, what=f"event #{event_id}")
            tx.label = f"delete event {row.title}"
            for override in tx.session.exec(select(CalendarEvent).where(CalendarEvent.series_id == event_id)).all():
                tx.delete(override, UNCHECKED)
            tx.delete(row, version, what=f"event {row.title!r}")

    def import_events(self, events: list[dict[str, Any]], label: str = "import calendar",
                      progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
        """Add events all or nothing (one transaction): returns (added, already there by UID).
        ``progress(done, total)`` is called per event (checked, then written); if it raises, nothing
        is written."""
        checked = []
        total = 2 * len(events)
        for number, fields in enumerate(events, start=1):
            if progress is not None:
                progress(number - 1, total)
            uid = fields.pop("uid", None)
            try:
                data = self.store.validate(EventCreate, fields)
            except ValidationFailed as error:
                raise ValidationFailed(f"event {number} ({fields.get('title', '?')!s:.40}) {error.field}",
                                       error.reason) from None
            checked.append((uid, data))
        skipped = 0
        with self.store.write(label) as tx:
            seen = _existing_uids(tx.session, {uid for uid, _data in checked if uid})
            wanted = {data.iteration_id for _uid, data in checked if data.iteration_id is not None}
            known = set(tx.session.exec(select(Iteration.id).where(Iteration.id.in_(wanted)))) if wanted else set()  # type: ignore[union-attr]
            project = self.project_in(tx.session)  # the project whose calendar shows them
            rows = []
            for uid, data in checked:
                if uid and uid in seen:  # already in the workspace, or earlier in this file
                    skipped += 1
                    continue
                if uid:
                    seen.add(uid)
                if data.iteration_id is not None and data.iteration_id not in known:
                    raise ValidationFailed("iteration", f"no iteration #{data.iteration_id}")
                values = data.model_dump()
                values.update(exdates=_iso(data.exdates), uid=uid or new_uid(), project_id=project)
                rows.append(values)
            half = len(checked)
            tx.insert_values(CalendarEvent, rows, progress=None if progress is None else
                             lambda done, _total: progress(half + skipped + done, total))
        return len(rows), skipped


def _existing_uids(session, uids: set[str]) -> set[str]:  # noqa: ANN001
    """Which of ``uids`` the workspace's events already carry (asked in chunks of 500)."""
    wanted, found = sorted(uids), set()
    for first in range(0, len(wanted), 500):
        chunk = wanted[first:first + 500]
        found.update(session.exec(select(CalendarEvent.uid).where(CalendarEvent.uid.in_(chunk))))  # type: ignore[union-attr]
    return found


def _shift_rule(rule: str, start: date, days: int) -> str:
    """The rule of a series moved with its start: BYDAY, BYMONTHDAY and UNTIL follow the move."""
    weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    parts = []
    for part in rule.split(";"):
        key, _, value = part.partition("=")
        if key == "BYDAY" and all(v in weekdays for v in value.split(",")):
            value = ",".join(weekdays[(weekdays.index(v) + days) % 7] for v in value.split(","))
        elif key == "BYMONTHDAY" and value.isdigit() and start.day == int(value):
            value = str((start + timedelta(days=days)).day)
        elif key == "UNTIL" and len(value) >= 8 and value[:8].isdigit():
            until = date(int(value[:4]), int(value[4:6]), int(value[6:8])) + timedelta(days=days)
            value = until.strftime("%Y%m%d") + value[8:]
        parts.append(f"{key}={value}")
    return ";".join(parts)
