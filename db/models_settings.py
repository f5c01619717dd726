"""Workspace settings: one row per key (the time zone, the first-run state, who the change log's
authors are).  They live in the workspace, not in settings.toml, because they belong to the team's
data (every window and the command line on the same database see the same values)."""

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from cockpit.db.models import Versioned


class WorkspaceSetting(Versioned, table=True):
    __tablename__ = "workspace_setting"
    __table_args__ = (UniqueConstraint("key"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(min_length=1, max_length=120)
    value: str = Field(default="", max_length=200)
