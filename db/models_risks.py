"""Tables of the risks feature: the risk register and its per-project settings.

Score history is not stored here: it comes from the change log (``store.changes(entity="risk")``).
Severity bands are computed in ``cockpit/logic/risk_scoring.py`` from the thresholds kept in
``risk_settings`` (one row per project, written through the store like everything else).
"""

from datetime import date, datetime
from typing import Literal

from pydantic import model_validator
from sqlmodel import Field, SQLModel

from cockpit.db.models import Versioned
from cockpit.db.types import Line, Text, UTCDateTime, utcnow

RiskResponse = Literal["avoid", "mitigate", "transfer", "accept", "escalate"]
RiskStatus = Literal["open", "monitoring", "occurred", "closed"]
RESPONSES: tuple[str, ...] = ("avoid", "mitigate", "transfer", "accept", "escalate")
STATUSES: tuple[str, ...] = ("open", "monitoring", "occurred", "closed")
#: Default severity thresholds (upper bound of low, medium, high; above high is critical).
DEFAULT_THRESHOLDS = (4, 9, 16)
DEFAULT_REVIEW_DAYS = 7


class RiskBase(SQLModel):
    title: Line = Field(min_length=1, max_length=200)
    description: Text = Field(default="", max_length=10_000)
    category: Line = Field(default="", max_length=40)
    probability: int = Field(default=3, ge=1, le=5)
    impact: int = Field(default=3, ge=1, le=5)
    owner_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    trigger: Text = Field(default="", max_length=2_000)
    response: RiskResponse = "mitigate"
    mitigation: Text = Field(default="", max_length=10_000)
    contingency: Text = Field(default="", max_length=10_000)
    residual_probability: int | None = Field(default=None, ge=1, le=5)
    residual_impact: int | None = Field(default=None, ge=1, le=5)
    status: RiskStatus = "open"
    next_review: date | None = None
    last_reviewed: date | None = None
    item_id: int | None = Field(default=None, foreign_key="item.id", ondelete="SET NULL")
    confidential: bool = False
    #: The key result the risk threatens (models_goals.py); deleting the KR clears it (store, logged).
    kr_id: int | None = Field(default=None, foreign_key="key_result.id")

    @model_validator(mode="after")
    def _residual_pair(self) -> "RiskBase":
        if (self.residual_probability is None) != (self.residual_impact is None):
            missing = "residual_impact" if self.residual_impact is None else "residual_probability"
            raise ValueError(f"{missing}: give both residual probability and impact, or neither")
        return self


class Risk(RiskBase, Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    response: str = Field(default="mitigate", max_length=20)
    status: str = Field(default="open", max_length=20)
    created: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RiskCreate(RiskBase):
    pass


class RiskUpdate(SQLModel):
    """The editable fields of a risk; fields left out are not changed."""

    title: Line | None = Field(default=None, min_length=1, max_length=200)
    description: Text | None = Field(default=None, max_length=10_000)
    category: Line | None = Field(default=None, max_length=40)
    probability: int | None = Field(default=None, ge=1, le=5)
    impact: int | None = Field(default=None, ge=1, le=5)
    owner_id: int | None = None
    trigger: Text | None = Field(default=None, max_length=2_000)
    response: RiskResponse | None = None
    mitigation: Text | None = Field(default=None, max_length=10_000)
    contingency: Text | None = Field(default=None, max_length=10_000)
    residual_probability: int | None = Field(default=None, ge=1, le=5)
    residual_impact: int | None = Field(default=None, ge=1, le=5)
    status: RiskStatus | None = None
    next_review: date | None = None
    last_reviewed: date | None = None
    item_id: int | None = None
    confidential: bool | None = None
    kr_id: int | None = None


class RiskRead(RiskBase):
    id: int
    project_id: int
    created: datetime
    updated: datetime
    version: int
    owner_name: str = ""
    owner_handle: str = ""

    @property
    def score(self) -> int:
        return self.probability * self.impact

    @property
    def treated(self) -> bool:
        return self.residual_probability is not None and self.residual_impact is not None

    @property
    def residual_score(self) -> int:
        """The score after treatment; the inherent score while no residual is assessed."""
        if self.residual_probability is None or self.residual_impact is None:
            return self.score
        return self.residual_probability * self.residual_impact

    def residual_cell(self) -> tuple[int, int]:
        if self.residual_probability is None or self.residual_impact is None:
            return self.probability, self.impact
        return self.residual_probability, self.residual_impact


class ScorePoint(SQLModel):
    """One point of a risk's score history, read from the change log."""

    at: datetime
    actor: str
    probability: int
    impact: int
    residual_probability: int | None = None
    residual_impact: int | None = None

    @property
    def score(self) -> int:
        return self.probability * self.impact


# --- settings ------------------------------------------------------------------------------------


class RiskSettingsBase(SQLModel):
    low_max: int = Field(default=DEFAULT_THRESHOLDS[0], ge=1, le=24)
    medium_max: int = Field(default=DEFAULT_THRESHOLDS[1], ge=1, le=24)
    high_max: int = Field(default=DEFAULT_THRESHOLDS[2], ge=1, le=24)
    review_days: int = Field(default=DEFAULT_REVIEW_DAYS, ge=1, le=365)

    @model_validator(mode="after")
    def _ordered(self) -> "RiskSettingsBase":
        if not self.low_max < self.medium_max:
            raise ValueError("medium_max: must be above the low threshold")
        if not self.medium_max < self.high_max:
            raise ValueError("high_max: must be above the medium threshold")
        return self


class RiskSettings(RiskSettingsBase, Versioned, table=True):
    __tablename__ = "risk_settings"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", unique=True)


class RiskSettingsRead(RiskSettingsBase):
    id: int | None = None
    version: int = 0

    @property
    def thresholds(self) -> tuple[int, int, int]:
        return self.low_max, self.medium_max, self.high_max


def field_of_error(message: str, default: str) -> tuple[str, str]:
    """``"field: msg"`` from a model validator -> (field, msg); other messages keep ``default``."""
    head, sep, rest = message.partition(": ")
    if sep and head.replace("_", "").isalpha() and " " not in head:
        return head, rest
    return default, message


__all__ = [
    "RESPONSES", "STATUSES", "Risk", "RiskCreate", "RiskUpdate", "RiskRead", "RiskSettings",
    "RiskSettingsRead", "ScorePoint",
]
