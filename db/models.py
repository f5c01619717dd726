"""Core tables: project, people and roles, iterations, stages, items and the change log.

Each table has a family: ``XBase`` (validated fields), ``X(table=True)``, ``XCreate``, ``XUpdate`` and
``XRead`` (plain data, detached from any session).  Table models do not validate on construction, so
the store validates through ``XCreate`` / ``XUpdate`` first.  Features add their tables in their own
``db/models_*.py`` files; ``db/schema.py`` imports them all.
"""

import re
from datetime import date, datetime
from typing import Any, Literal

from pydantic import field_validator
from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from cockpit.db.kinds import MAX_ESTIMATE_DAYS  # noqa: F401 - re-exported
from cockpit.db.types import Line, Text, UTCDateTime, utcnow

ItemKind = Literal["feature", "bug", "task", "action"]
Priority = Literal["urgent", "high", "medium", "low"]
ITEM_KINDS: tuple[str, ...] = ("feature", "bug", "task", "action")
#: A bug's severity and resolution (cards of kind ``bug``; design.md §2's efficiency board).
Severity = Literal["critical", "major", "minor", "trivial"]
SEVERITIES: tuple[str, ...] = ("critical", "major", "minor", "trivial")
Resolution = Literal["valid", "invalid", "duplicate", "wont_fix"]
RESOLUTIONS: tuple[str, ...] = ("valid", "invalid", "duplicate", "wont_fix")
RESOLUTION_LABELS = {"valid": "valid", "invalid": "invalid", "duplicate": "duplicate", "wont_fix": "won't fix"}
PRIORITIES: tuple[str, ...] = ("urgent", "high", "medium", "low")


class Versioned(SQLModel):
    """Every row carries a version, bumped on each write (optimistic concurrency)."""

    version: int = Field(default=1, ge=1)


# --- project -------------------------------------------------------------------------------------


class ProjectBase(SQLModel):
    name: Line = Field(min_length=1, max_length=120)
    description: Text = Field(default="", max_length=10_000)


class Project(ProjectBase, Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    #: The campaign (or sub-campaign) the project belongs to (models_portfolio.py).
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id", index=True)
    pm_id: int | None = Field(default=None, foreign_key="person.id")
    pmo_id: int | None = Field(default=None, foreign_key="person.id")
    #: Closed (archived): out of the switcher and the portfolio's default view, history kept.
    closed: bool = False
    #: When a window last switched to it: a new window opens the project opened last.
    opened: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ProjectRead(ProjectBase):
    id: int
    version: int
    campaign_id: int | None = None
    pm_id: int | None = None
    pmo_id: int | None = None
    closed: bool = False


# --- people and roles ----------------------------------------------------------------------------


#: A handle: lower-case letters, digits, dot, underscore and hyphen (it is typed after @ in filters).
HANDLE_PATTERN = re.compile(r"[a-z0-9._-]+")
#: Days off: weekday names (every week) or ISO dates (one day).
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = {name: short for short, long in zip(WEEKDAYS, ("monday", "tuesday", "wednesday", "thursday",
                                                                 "friday", "saturday", "sunday"))
                  for name in (short, long)}


def check_handle(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("@"):
        raise ValueError("a handle is written without @")
    if not HANDLE_PATTERN.fullmatch(value):
        raise ValueError("use only a-z, 0-9, dot, underscore and hyphen")
    return value


def check_days_off(value: list[str]) -> list[str]:
    days: list[str] = []
    for raw in value:
        day = str(raw).strip().lower()
        if not day:
            continue
        if day in _WEEKDAY_NAMES:
            day = _WEEKDAY_NAMES[day]
        else:
            try:
                day = date.fromisoformat(day).isoformat()
            except ValueError:
                raise ValueError(f"{raw!r} is neither a weekday (mon … sun) nor a date (YYYY-MM-DD)") from None
        if day not in days:
            days.append(day)
    return days


class PersonBase(SQLModel):
    name: Line = Field(min_length=1, max_length=80)
    handle: Line = Field(min_length=1, max_length=40, description="short name used in @filters")
    email: Line = Field(default="", max_length=200)
    team: Line = Field(default="", max_length=80)
    availability: int = Field(default=100, ge=0, le=100, description="part-time share, in per cent")
    days_off: list[str] = Field(default_factory=list, sa_type=JSON, description="weekdays or ISO dates")

    @field_validator("handle")
    @classmethod
    def _handle_is_a_word(cls, value: str) -> str:
        return check_handle(value)

    @field_validator("days_off")
    @classmethod
    def _days_off(cls, value: list[str]) -> list[str]:
        return check_days_off(value)


class Person(PersonBase, Versioned, table=True):
    __table_args__ = (UniqueConstraint("handle"),)
    id: int | None = Field(default=None, primary_key=True)
    active: bool = Field(default=True, description="a deactivated person keeps their history")


class PersonCreate(PersonBase):
    pass


class PersonUpdate(SQLModel):
    """The editable fields of a person; fields left out are not changed."""

    name: Line | None = Field(default=None, min_length=1, max_length=80)
    handle: Line | None = Field(default=None, min_length=1, max_length=40)
    email: Line | None = Field(default=None, max_length=200)
    team: Line | None = Field(default=None, max_length=80)
    availability: int | None = Field(default=None, ge=0, le=100)
    days_off: list[str] | None = None

    @field_validator("handle")
    @classmethod
    def _handle_is_a_word(cls, value: str | None) -> str | None:
        return None if value is None else check_handle(value)

    @field_validator("days_off")
    @classmethod
    def _days_off(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else check_days_off(value)


class PersonRead(PersonBase):
    id: int
    version: int
    active: bool = True
    #: Role names in every project (the workspace's one project today).
    roles: list[str] = []
    #: Role names by project name.
    project_roles: dict[str, list[str]] = {}


class RoleBase(SQLModel):
    name: Line = Field(min_length=1, max_length=60)
    code: Line = Field(min_length=1, max_length=6, description="short code shown in narrow tables")
    position: int = 0


class Role(RoleBase, Versioned, table=True):
    __table_args__ = (UniqueConstraint("name"), UniqueConstraint("code"))
    id: int | None = Field(default=None, primary_key=True)


class RoleCreate(RoleBase):
    pass


class RoleRead(RoleBase):
    id: int
    version: int


class PersonRole(Versioned, table=True):
    """A person holds a role in one project (PM on one project, developer on another)."""

    __tablename__ = "person_role"
    __table_args__ = (UniqueConstraint("person_id", "role_id", "project_id"),)
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE")
    role_id: int = Field(foreign_key="role.id", ondelete="CASCADE")
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE")


# --- iterations and stages -----------------------------------------------------------------------


class IterationBase(SQLModel):
    name: Line = Field(min_length=1, max_length=40)
    start: date
    end: date
    goal: Text = Field(default="", max_length=2_000)

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: date, info: Any) -> date:
        start = info.data.get("start")
        if start is not None and value < start:
            raise ValueError("the end is before the start")
        return value


class Iteration(IterationBase, Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    #: Closed (archived): no longer current nor offered, its cards and history kept.
    closed: bool = False


class IterationCreate(IterationBase):
    project_id: int


class IterationRead(IterationBase):
    id: int
    project_id: int
    version: int
    closed: bool = False


#: What a stage means, whatever it is called: code that needs "the done stage" asks by category.
StageCategory = Literal["backlog", "in_progress", "awaiting_release", "done", "after_release"]
STAGE_CATEGORIES: tuple[str, ...] = ("backlog", "in_progress", "awaiting_release", "done", "after_release")
CATEGORY_LABELS = {"backlog": "backlog", "in_progress": "in progress", "awaiting_release": "awaiting release",
                   "done": "done", "after_release": "after release"}


class StageBase(SQLModel):
    name: Line = Field(min_length=1, max_length=60)
    category: StageCategory = "in_progress"
    position: int = 0
    wip_limit: int | None = Field(default=None, ge=1)
    criteria: list[str] = Field(default_factory=list, sa_type=JSON)

    @field_validator("criteria")
    @classmethod
    def _clean_criteria(cls, value: list[str]) -> list[str]:
        from cockpit.db.text import clean_line

        return [line for line in (clean_line(c) for c in value) if line]


class Stage(StageBase, Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    category: str = Field(default="in_progress", max_length=20)


class StageCreate(StageBase):
    project_id: int


class StageRead(StageBase):
    id: int
    project_id: int
    version: int


# --- items (cards) -------------------------------------------------------------------------------


class ItemBase(SQLModel):
    title: Line = Field(min_length=1, max_length=200)
    description: Text = Field(default="", max_length=20_000)
    kind: ItemKind = "task"
    priority: Priority = "medium"
    owner_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    estimate: float | None = Field(default=None, ge=0, le=1_000)
    iteration_id: int | None = Field(default=None, foreign_key="iteration.id", ondelete="SET NULL")
    due: date | None = None
    blocked: bool = False
    blocked_reason: Line = Field(default="", max_length=500)
    confidential: bool = Field(default=False, description="masked in presentation mode (f5)")
    #: Bugs only: severity, found in production (an incident) and resolution ("valid" until judged
    #: otherwise; a valid bug is open until delivered).
    severity: Severity | None = None
    in_production: bool = False
    resolution: Resolution = "valid"
    #: The key result the card serves (models_goals.py).  Deleting a KR clears it through the store
    #: (logged, undone with the delete); no ON DELETE, which SQLite would not reflect on an added column.
    kr_id: int | None = Field(default=None, foreign_key="key_result.id")


class Item(ItemBase, Versioned, table=True):
    __table_args__ = (Index("ix_item_stage_position", "stage_id", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    stage_id: int = Field(foreign_key="stage.id")
    kind: str = "task"
    priority: str = "medium"
    severity: str | None = Field(default=None, max_length=10)
    resolution: str = Field(default="valid", max_length=10)
    position: int = 0
    created: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    stage_entered: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ItemCreate(ItemBase):
    stage_id: int


class ItemUpdate(SQLModel):
    """The editable fields of a card; fields left out are not changed."""

    title: Line | None = Field(default=None, min_length=1, max_length=200)
    description: Text | None = Field(default=None, max_length=20_000)
    kind: ItemKind | None = None
    priority: Priority | None = None
    owner_id: int | None = None
    estimate: float | None = Field(default=None, ge=0, le=1_000)
    iteration_id: int | None = None
    due: date | None = None
    blocked: bool | None = None
    blocked_reason: Line | None = Field(default=None, max_length=500)
    confidential: bool | None = None
    severity: Severity | None = None
    in_production: bool | None = None
    resolution: Resolution | None = None
    kr_id: int | None = None


class ItemRead(ItemBase):
    id: int
    project_id: int
    stage_id: int
    position: int
    created: datetime
    updated: datetime
    stage_entered: datetime
    version: int

    @property
    def oversized(self) -> bool:
        return self.estimate is not None and self.estimate > MAX_ESTIMATE_DAYS


# --- change log ----------------------------------------------------------------------------------


class Change(SQLModel, table=True):
    """One row per entity touched by a write; rows of one user action share ``txn``.

    Revision 0010 adds ``ix_change_item_iteration``, an expression index on the ``iteration_id`` a
    card row set (``Store.iteration_changes``); it is written per engine in the migration and not
    declared here, as SQLAlchemy cannot reflect (so Alembic cannot compare) expression indexes on
    SQLite."""

    __table_args__ = (Index("ix_change_entity", "entity", "entity_id"), Index("ix_change_txn", "txn"),
                      Index("ix_change_actor", "actor", "id"))
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=80)
    txn: str = Field(max_length=40)
    label: str = Field(default="", max_length=200, description="the user action, e.g. 'move card'")
    entity: str = Field(max_length=40)
    entity_id: int
    action: str = Field(max_length=20, description="create, update, delete")
    before: dict | None = Field(default=None, sa_column=Column(JSON))
    after: dict | None = Field(default=None, sa_column=Column(JSON))
    detail: dict | None = Field(default=None, sa_column=Column(JSON))
    meeting_id: int | None = Field(default=None, index=True)
    #: The project of the row written (None: a row of the whole workspace, such as a person); the
    #: History screen reads a project's changes by it.
    project_id: int | None = Field(default=None)


class ChangeRead(SQLModel):
    id: int
    at: datetime
    actor: str
    txn: str
    label: str
    entity: str
    entity_id: int
    action: str
    before: dict | None
    after: dict | None
    detail: dict | None
    meeting_id: int | None
    project_id: int | None = None

    @property
    def fields(self) -> list[str]:
        keys = set((self.before or {}).keys()) | set((self.after or {}).keys())
        return sorted(keys - {"version"})
