"""Campaigns: a workspace holds campaigns, a campaign sub-campaigns (``parent_id``), and projects
belong to a campaign or a sub-campaign (``Project.campaign_id``).  Each level names a lead (the
"number one") and a PMO; a project names its PM and PMO (db/models.py)."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from cockpit.db.models import Versioned
from cockpit.db.types import Line, Text, UTCDateTime, utcnow


class CampaignBase(SQLModel):
    name: Line = Field(min_length=1, max_length=120)
    description: Text = Field(default="", max_length=10_000)
    parent_id: int | None = Field(default=None, foreign_key="campaign.id", ondelete="SET NULL",
                                  description="the campaign this sub-campaign belongs to")
    lead_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    pmo_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")


class Campaign(CampaignBase, Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed: bool = False


class CampaignCreate(CampaignBase):
    pass


class CampaignRead(CampaignBase):
    id: int
    version: int
    closed: bool = False


class ProjectFigures(SQLModel):
    """One row of the portfolio: a project and the numbers a PMO scans."""

    id: int
    name: str
    version: int
    campaign_id: int | None
    #: "Campaign › Sub-campaign", or "" for a project outside any campaign.
    campaign: str = ""
    pm: str = ""
    closed: bool = False
    #: Its campaign (or one above) is closed: listed with the closed ones only.
    campaign_closed: bool = False
    in_progress: int = 0
    delivered: int = 0
    blocked: int = 0
    over_wip: int = 0
    top_risk: int | None = None
    next_node: str = ""
    iteration: str = ""
    iteration_id: int | None = None
