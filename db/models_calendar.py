"""Calendar tables: iteration templates and their key nodes, an iteration's key dates, calendar events.

Calendar days and wall-clock times are *floating* local values (``date`` / ``time`` columns, like an
iCalendar floating time): a meeting at 16:00 every Friday stays at 16:00 across daylight-saving
changes.  Moments of record (when a row changed) stay UTC in the change log.

Recurrence is RFC 5545 text (``FREQ=WEEKLY;BYDAY=FR``) checked with python-dateutil when it enters;
skipped occurrences are a list of dates (EXDATE).  Editing one occurrence of a series makes an
*override*: its own event row with ``series_id`` and the ``original_day`` it replaces.
"""

from datetime import date, datetime, time
from typing import Any

from dateutil.rrule import rrulestr
from pydantic import field_validator, model_validator
from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from cockpit.db.kinds import EventKind
from cockpit.db.models import Versioned
from cockpit.db.types import Line, Text

#: How far a key node may sit from its iteration's start, in days.
MAX_OFFSET = 366


def check_rule(rule: str) -> str:
    """An RFC 5545 RRULE value (without ``RRULE:``), normalised to upper case; ValueError if invalid."""
    text = " ".join(rule.split()).strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:].strip()
    if not text:
        return ""
    text = text.upper()
    if "\n" in text or "DTSTART" in text or "EXDATE" in text or "RDATE" in text:
        raise ValueError("give one RRULE (no DTSTART, RDATE or EXDATE lines)")
    # Times are floating (local): an UNTIL in UTC ("...Z") is read as the same wall-clock time.
    text = ";".join(part[:-1] if part.startswith("UNTIL=") and part.endswith("Z") else part
                    for part in text.split(";") if part)
    if "FREQ=" not in text:
        raise ValueError("a rule needs FREQ= (for example FREQ=WEEKLY;BYDAY=FR)")
    if "COUNT=" in text and "UNTIL=" in text:
        raise ValueError("a rule has COUNT or UNTIL, not both")
    try:
        rrulestr(text, dtstart=datetime(2026, 1, 1))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValueError(f"not a valid recurrence rule ({exc})") from None
    return text


# --- templates ------------------------------------------------------------------------------------


class IterationTemplateBase(SQLModel):
    name: Line = Field(min_length=1, max_length=60)
    length_days: int = Field(default=28, ge=1, le=MAX_OFFSET, description="default iteration length")


class IterationTemplate(IterationTemplateBase, Versioned, table=True):
    __tablename__ = "iteration_template"
    __table_args__ = (UniqueConstraint("name"),)
    id: int | None = Field(default=None, primary_key=True)


class IterationTemplateRead(IterationTemplateBase):
    id: int
    version: int
    nodes: list["TemplateNodeRead"] = []


class TemplateNodeBase(SQLModel):
    name: Line = Field(min_length=1, max_length=60)
    offset_days: int = Field(default=0, ge=-MAX_OFFSET, le=MAX_OFFSET,
                             description="days after the iteration starts (negative: before)")
    kind: EventKind = "milestone"


class TemplateNode(TemplateNodeBase, Versioned, table=True):
    __tablename__ = "template_node"
    id: int | None = Field(default=None, primary_key=True)
    template_id: int = Field(foreign_key="iteration_template.id", index=True, ondelete="CASCADE")
    kind: str = "milestone"
    position: int = 0


class TemplateNodeRead(TemplateNodeBase):
    id: int
    template_id: int
    position: int
    version: int


# --- key dates of an iteration ------------------------------------------------------------------


class KeyDateBase(SQLModel):
    name: Line = Field(min_length=1, max_length=60)
    day: date
    kind: EventKind = "milestone"


class KeyDate(KeyDateBase, Versioned, table=True):
    __tablename__ = "key_date"
    __table_args__ = (Index("ix_key_date_day", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    iteration_id: int = Field(foreign_key="iteration.id", index=True, ondelete="CASCADE")
    kind: str = "milestone"
    position: int = 0
    template_node_id: int | None = Field(default=None, foreign_key="template_node.id", ondelete="SET NULL")


class KeyDateRead(KeyDateBase):
    id: int
    iteration_id: int
    position: int
    version: int
    iteration_name: str = ""


# --- events ---------------------------------------------------------------------------------------


class EventBase(SQLModel):
    title: Line = Field(min_length=1, max_length=200)
    kind: EventKind = "meeting"
    notes: Text = Field(default="", max_length=10_000)
    location: Line = Field(default="", max_length=200)
    all_day: bool = True
    start_day: date
    end_day: date = Field(description="the last day (inclusive) of the first occurrence")
    start_time: time | None = None
    end_time: time | None = None
    rrule: str = Field(default="", max_length=500, description="RFC 5545 RRULE value, '' for none")
    exdates: list[date] = Field(default_factory=list, sa_type=JSON, description="skipped occurrences")
    iteration_id: int | None = Field(default=None, foreign_key="iteration.id", ondelete="SET NULL")

    @field_validator("rrule", mode="before")
    @classmethod
    def _valid_rule(cls, value: Any) -> Any:
        return check_rule(value) if isinstance(value, str) else value

    @field_validator("exdates")
    @classmethod
    def _sorted_dates(cls, value: list[date]) -> list[date]:
        return sorted(set(value))

    @model_validator(mode="after")
    def _consistent_times(self) -> "EventBase":
        if self.end_day < self.start_day:
            raise ValueError("the end is before the start")
        if self.all_day:
            self.start_time = None
            self.end_time = None
        else:
            if self.start_time is None:
                raise ValueError("a timed event needs a start time")
            if self.end_time is None:
                self.end_time = self.start_time
            if self.end_day == self.start_day and self.end_time < self.start_time:
                raise ValueError("the end time is before the start time")
        return self


class CalendarEvent(EventBase, Versioned, table=True):
    __tablename__ = "calendar_event"
    __table_args__ = (UniqueConstraint("uid"), Index("ix_calendar_event_days", "start_day", "end_day"))
    id: int | None = Field(default=None, primary_key=True)
    kind: str = "meeting"
    uid: str = Field(max_length=255, description="iCalendar UID, stable across exports")
    series_id: int | None = Field(default=None, foreign_key="calendar_event.id", index=True, ondelete="CASCADE")
    original_day: date | None = Field(default=None, description="the occurrence an override replaces")
    exdates: list = Field(default_factory=list, sa_type=JSON)
    #: The project whose calendar shows it.
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True)


class EventCreate(EventBase):
    pass


class EventRead(EventBase):
    id: int
    uid: str
    version: int
    series_id: int | None = None
    original_day: date | None = None
    project_id: int | None = None

    @property
    def recurring(self) -> bool:
        return bool(self.rrule)

    @property
    def span_days(self) -> int:
        return (self.end_day - self.start_day).days


IterationTemplateRead.model_rebuild()
