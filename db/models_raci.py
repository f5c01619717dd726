"""Tables of the RACI feature: activities of the delivery process and their role assignments.

Roles are the workspace's ``Role`` rows (db/models.py).  An activity may be a gate (a checkpoint that
needs a sign-off) and may name the board stage it guards: a card entering that stage needs the
activity's Accountable role to approve it.  Imported by db/schema.py so migrations see the tables.
"""

from dataclasses import dataclass
from typing import Literal

from pydantic import field_validator
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from cockpit.db.models import RoleRead, Versioned
from cockpit.db.types import Line, Text

Letter = Literal["R", "A", "C", "I"]
#: The letters in the order ``space`` cycles through them.
LETTERS: tuple[str, ...] = ("R", "A", "C", "I")
LETTER_NAMES = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}


class ActivityBase(SQLModel):
    name: Line = Field(min_length=1, max_length=120)
    phase: Line = Field(default="General", min_length=1, max_length=60)
    criteria: Text = Field(default="", max_length=2_000, description="the standard or entry criteria")
    deliverable: Line = Field(default="", max_length=200)
    gate: bool = False
    stage_id: int | None = Field(default=None, foreign_key="stage.id", ondelete="SET NULL",
                                 description="the board stage this gate guards")


class Activity(ActivityBase, Versioned, table=True):
    __tablename__ = "raci_activity"
    # A stage names at most one gate activity (NULLs do not collide, on SQLite and PostgreSQL).
    __table_args__ = (UniqueConstraint("stage_id"), Index("ix_raci_activity_position", "position"))
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    #: The project whose RACI table holds it (None: rows from before projects, read as the first's).
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True)


class ActivityCreate(ActivityBase):
    pass


class ActivityUpdate(SQLModel):
    """The editable fields of an activity; fields left out are not changed."""

    name: Line | None = Field(default=None, min_length=1, max_length=120)
    phase: Line | None = Field(default=None, min_length=1, max_length=60)
    criteria: Text | None = Field(default=None, max_length=2_000)
    deliverable: Line | None = Field(default=None, max_length=200)
    gate: bool | None = None
    stage_id: int | None = None


class ActivityRead(ActivityBase):
    id: int
    position: int
    version: int
    project_id: int | None = None


class AssignmentBase(SQLModel):
    activity_id: int = Field(foreign_key="raci_activity.id", ondelete="CASCADE")
    role_id: int = Field(foreign_key="role.id", ondelete="CASCADE")
    letter: str = Field(min_length=1, max_length=1)

    @field_validator("letter", mode="before")
    @classmethod
    def _one_of_raci(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().upper()
            if value not in LETTERS:
                raise ValueError("the letter is one of R, A, C or I")
        return value


class Assignment(AssignmentBase, Versioned, table=True):
    __tablename__ = "raci_assignment"
    __table_args__ = (UniqueConstraint("activity_id", "role_id"),)
    id: int | None = Field(default=None, primary_key=True)


class AssignmentCreate(AssignmentBase):
    pass


class AssignmentRead(AssignmentBase):
    id: int
    version: int


class ActivityImport(ActivityCreate):
    """One activity of an imported table, with its letters by role id."""

    letters: dict[int, str] = Field(default_factory=dict)

    @field_validator("letters")
    @classmethod
    def _letters_are_raci(cls, value: dict[int, str]) -> dict[int, str]:
        for letter in value.values():
            if letter not in LETTERS:
                raise ValueError(f"{letter!r} is not one of R, A, C or I")
        return value


@dataclass(frozen=True, slots=True)
class CellRead:
    """One letter of the table, as read (a plain record: the grid reloads thousands after each key)."""

    id: int
    activity_id: int
    role_id: int
    letter: str
    version: int


@dataclass
class RaciTableRead:
    """The whole table at one moment: activities in order, roles in order, and every letter."""

    activities: list[ActivityRead]
    roles: list[RoleRead]
    assignments: list[CellRead]

    def letter(self, activity_id: int, role_id: int) -> str | None:
        for assignment in self.assignments:
            if assignment.activity_id == activity_id and assignment.role_id == role_id:
                return assignment.letter
        return None
