"""Goals: objectives on a campaign (or sub-campaign) or a project, their key results (KR) and the
KRs' metric check-ins (one value per KR per day).

Every figure shown about a KR (7-day average, week-over-week, progress, monthly actuals, achieved) is
computed from the check-ins by ``cockpit/logic/okr.py``; nothing here stores a computed number.
Cards and risks name the KR they serve (``Item.kr_id``, ``Risk.kr_id``).
"""

import math
import re
from datetime import date
from typing import Any, Literal

from pydantic import field_validator, model_validator
from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from cockpit.db.models import Versioned
from cockpit.db.types import Line, Text

Direction = Literal["higher", "lower"]
DIRECTIONS: tuple[str, ...] = ("higher", "lower")
#: A KR's code: letters, digits and hyphens, such as "O1-KR2" (unique in the workspace).
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _finite(value: float | None, what: str = "value") -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number")
    return value


def check_code(value: str) -> str:
    value = value.strip().upper()
    if not CODE_PATTERN.fullmatch(value):
        raise ValueError("use letters, digits and hyphens, such as O1-KR2")
    return value


def check_monthly(value: dict[str, Any] | None) -> dict[str, float]:
    """``{"YYYY-MM": number}``, sorted by month."""
    result: dict[str, float] = {}
    for month, target in (value or {}).items():
        month = str(month).strip()
        if not _MONTH.fullmatch(month):
            raise ValueError(f"{month!r} is not a month (YYYY-MM)")
        try:
            number = float(target)
        except (TypeError, ValueError):
            raise ValueError(f"the target of {month} is not a number") from None
        result[month] = _finite(number, f"the target of {month}")  # type: ignore[assignment]
    return dict(sorted(result.items()))


# --- objectives ----------------------------------------------------------------------------------


class ObjectiveBase(SQLModel):
    title: Line = Field(min_length=1, max_length=200)
    interpretation: Text = Field(default="", max_length=10_000, description="what the objective means")
    strategy: Text = Field(default="", max_length=10_000, description="how it will be reached")
    owner_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    period_start: date | None = None
    period_end: date | None = None
    confidential: bool = Field(default=False, description="its words are masked in presentation mode (f5)")
    position: int = 0

    @model_validator(mode="after")
    def _period(self) -> "ObjectiveBase":
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period_end: the end is before the start")
        return self


class Objective(ObjectiveBase, Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    #: The campaign (or sub-campaign) or the project it belongs to: exactly one of the two.
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id", index=True, ondelete="CASCADE")
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True, ondelete="CASCADE")


class ObjectiveCreate(ObjectiveBase):
    campaign_id: int | None = None
    project_id: int | None = None

    @model_validator(mode="after")
    def _one_owner(self) -> "ObjectiveCreate":
        if (self.campaign_id is None) == (self.project_id is None):
            raise ValueError("project_id: an objective belongs to one campaign or one project")
        return self


class ObjectiveUpdate(SQLModel):
    """The editable fields of an objective; fields left out are not changed."""

    title: Line | None = Field(default=None, min_length=1, max_length=200)
    interpretation: Text | None = Field(default=None, max_length=10_000)
    strategy: Text | None = Field(default=None, max_length=10_000)
    owner_id: int | None = None
    period_start: date | None = None
    period_end: date | None = None
    confidential: bool | None = None
    position: int | None = None


class ObjectiveRead(ObjectiveBase):
    id: int
    version: int
    campaign_id: int | None = None
    project_id: int | None = None


# --- key results ---------------------------------------------------------------------------------


class KeyResultBase(SQLModel):
    code: Line = Field(min_length=1, max_length=20, description="short code such as O1-KR2, unique")
    title: Line = Field(min_length=1, max_length=200)
    owner_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    module: Line = Field(default="", max_length=80, description="the business module")
    metric: Line = Field(default="", max_length=120, description="the metric's name")
    unit: Line = Field(default="", max_length=20)
    direction: Direction = "higher"
    baseline: float = 0.0
    target: float = 0.0
    monthly_targets: dict[str, float] = Field(default_factory=dict, sa_type=JSON)
    position: int = 0

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value)

    @field_validator("baseline", "target")
    @classmethod
    def _numbers(cls, value: float) -> float:
        return _finite(value)  # type: ignore[return-value]

    @field_validator("monthly_targets", mode="before")
    @classmethod
    def _monthly(cls, value: Any) -> dict[str, float]:
        return check_monthly(value)


class KeyResult(KeyResultBase, Versioned, table=True):
    __tablename__ = "key_result"
    __table_args__ = (UniqueConstraint("code"),)
    id: int | None = Field(default=None, primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", index=True, ondelete="CASCADE")
    direction: str = Field(default="higher", max_length=10)


class KeyResultCreate(KeyResultBase):
    objective_id: int


class KeyResultUpdate(SQLModel):
    """The editable fields of a KR; fields left out are not changed."""

    code: Line | None = Field(default=None, min_length=1, max_length=20)
    title: Line | None = Field(default=None, min_length=1, max_length=200)
    owner_id: int | None = None
    module: Line | None = Field(default=None, max_length=80)
    metric: Line | None = Field(default=None, max_length=120)
    unit: Line | None = Field(default=None, max_length=20)
    direction: Direction | None = None
    baseline: float | None = None
    target: float | None = None
    monthly_targets: dict[str, float] | None = None
    position: int | None = None

    @field_validator("code")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        return None if value is None else check_code(value)

    @field_validator("baseline", "target")
    @classmethod
    def _numbers(cls, value: float | None) -> float | None:
        return _finite(value)

    @field_validator("monthly_targets", mode="before")
    @classmethod
    def _monthly(cls, value: Any) -> dict[str, float] | None:
        return None if value is None else check_monthly(value)


class KeyResultRead(KeyResultBase):
    id: int
    version: int
    objective_id: int


# --- check-ins -----------------------------------------------------------------------------------


class CheckinBase(SQLModel):
    day: date
    value: float
    note: Line = Field(default="", max_length=500)

    @field_validator("value")
    @classmethod
    def _number(cls, value: float) -> float:
        return _finite(value)  # type: ignore[return-value]


class Checkin(CheckinBase, Versioned, table=True):
    # The OKR board reads (kr_id, day, value) of 30 days for every KR: answered from the index alone.
    __table_args__ = (UniqueConstraint("kr_id", "day"), Index("ix_checkin_kr_day_value", "kr_id", "day", "value"))
    id: int | None = Field(default=None, primary_key=True)
    kr_id: int = Field(foreign_key="key_result.id", ondelete="CASCADE")


class CheckinCreate(CheckinBase):
    kr_id: int


class CheckinRead(CheckinBase):
    id: int
    version: int
    kr_id: int


__all__ = [
    "DIRECTIONS", "Checkin", "CheckinCreate", "CheckinRead", "KeyResult", "KeyResultCreate", "KeyResultRead",
    "KeyResultUpdate", "Objective", "ObjectiveCreate", "ObjectiveRead", "ObjectiveUpdate",
]
