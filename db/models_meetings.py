"""Tables of the meetings feature: meetings, attendees, agenda items, decisions, action items and
the retrospective's notes and dot votes.  Imported by db/schema.py so migrations see them."""

from datetime import date, datetime
from typing import Literal

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from cockpit.db.models import Versioned
from cockpit.db.types import Line, Text, UTCDateTime

MeetingKind = Literal["stand-up", "kick-off", "requirement-review", "design-review", "release-review",
                      "retrospective", "other"]
#: kind -> label shown to people, in the order the start dialog offers them.
MEETING_KINDS: dict[str, str] = {
    "stand-up": "Stand-up",
    "kick-off": "Kick-off",
    "requirement-review": "Requirement review",
    "design-review": "Design review",
    "release-review": "Release review",
    "retrospective": "Retrospective",
    "other": "Other",
}
AgendaStatus = Literal["open", "done", "skipped", "carried"]
AGENDA_STATUSES: tuple[str, ...] = ("open", "done", "skipped", "carried")
ActionStatus = Literal["open", "done", "carried", "dropped"]
ACTION_STATUSES: tuple[str, ...] = ("open", "done", "carried", "dropped")
RetroLane = Literal["well", "improve", "keep"]
#: lane -> heading, in display order.
RETRO_LANES: dict[str, str] = {"well": "Went well", "improve": "To improve", "keep": "Practices to keep"}
DEFAULT_VOTES = 3


# --- meeting -------------------------------------------------------------------------------------


class MeetingBase(SQLModel):
    kind: MeetingKind = "other"
    title: Line = Field(min_length=1, max_length=200)
    scheduled: datetime | None = Field(default=None, sa_type=UTCDateTime)
    facilitator_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    iteration_id: int | None = Field(default=None, foreign_key="iteration.id", ondelete="SET NULL",
                                     description="the iteration a retrospective looks back on")
    votes_per_person: int = Field(default=DEFAULT_VOTES, ge=1, le=20)


class Meeting(MeetingBase, Versioned, table=True):
    __table_args__ = (Index("ix_meeting_started", "started"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = "other"
    started: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended: datetime | None = Field(default=None, sa_type=UTCDateTime)
    host: str = Field(default="", max_length=120, description="host:pid of the window running it")
    #: The project the meeting is about.
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True)


class MeetingCreate(MeetingBase):
    pass


class MeetingRead(MeetingBase):
    id: int
    started: datetime | None
    ended: datetime | None
    host: str
    version: int
    project_id: int | None = None

    @property
    def kind_label(self) -> str:
        return MEETING_KINDS.get(self.kind, self.kind)

    @property
    def running(self) -> bool:
        return self.started is not None and self.ended is None


class MeetingAttendee(Versioned, table=True):
    __tablename__ = "meeting_attendee"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE")


# --- agenda --------------------------------------------------------------------------------------


class AgendaItemBase(SQLModel):
    title: Line = Field(min_length=1, max_length=200)
    owner_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    box_seconds: int = Field(default=300, ge=0, le=24 * 3600, description="the time box")
    used_seconds: int = Field(default=0, ge=0)
    notes: Text = Field(default="", max_length=50_000)
    position: int = 0
    status: AgendaStatus = "open"


class AgendaItem(AgendaItemBase, Versioned, table=True):
    __tablename__ = "agenda_item"
    __table_args__ = (Index("ix_agenda_item_meeting", "meeting_id", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    status: str = "open"


class AgendaItemCreate(AgendaItemBase):
    meeting_id: int


class AgendaItemRead(AgendaItemBase):
    id: int
    meeting_id: int
    version: int
    owner: str = ""

    @property
    def overrun(self) -> int:
        return max(self.used_seconds - self.box_seconds, 0)


# --- decisions and action items ------------------------------------------------------------------


class DecisionBase(SQLModel):
    text: Line = Field(min_length=1, max_length=1_000)
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_item.id", ondelete="SET NULL")


class Decision(DecisionBase, Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    made: datetime = Field(sa_type=UTCDateTime)


class DecisionCreate(DecisionBase):
    meeting_id: int


class DecisionRead(DecisionBase):
    id: int
    meeting_id: int
    made: datetime
    version: int


class ActionItemBase(SQLModel):
    text: Line = Field(min_length=1, max_length=500)
    owner_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    due: date | None = None
    status: ActionStatus = "open"
    item_id: int | None = Field(default=None, foreign_key="item.id", ondelete="SET NULL",
                                description="the board card made for it, if any")


class ActionItem(ActionItemBase, Versioned, table=True):
    __tablename__ = "action_item"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    status: str = "open"
    carried_from_id: int | None = Field(default=None, foreign_key="action_item.id", ondelete="SET NULL")
    created: datetime = Field(sa_type=UTCDateTime)


class ActionItemCreate(ActionItemBase):
    meeting_id: int


class ActionItemRead(ActionItemBase):
    id: int
    meeting_id: int
    carried_from_id: int | None
    created: datetime
    version: int
    owner: str = ""


# --- retrospective notes and votes ---------------------------------------------------------------


class RetroNoteBase(SQLModel):
    lane: RetroLane
    text: Line = Field(min_length=1, max_length=500)


class RetroNote(RetroNoteBase, Versioned, table=True):
    __tablename__ = "retro_note"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    lane: str = "well"
    author_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    position: int = 0


class RetroNoteCreate(RetroNoteBase):
    meeting_id: int


class RetroNoteRead(RetroNoteBase):
    id: int
    meeting_id: int
    position: int
    version: int
    votes: int = 0


class RetroVote(Versioned, table=True):
    """One dot: a person's vote on a note (a person may put several dots on one note)."""

    __tablename__ = "retro_vote"
    id: int | None = Field(default=None, primary_key=True)
    note_id: int = Field(foreign_key="retro_note.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE")


class MeetingDetail(SQLModel):
    """Everything about one meeting, for the screens and the minutes."""

    meeting: MeetingRead
    attendees: list[tuple[int, str]] = []  # (person id, name)
    facilitator: str = ""
    agenda: list[AgendaItemRead] = []
    decisions: list[DecisionRead] = []
    actions: list[ActionItemRead] = []
    notes: list[RetroNoteRead] = []
