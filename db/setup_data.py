"""A workspace's setup as plain data: what ``cockpit export setup`` writes and ``cockpit import setup``
applies (cockpit/logic/setup_toml.py reads and writes it as TOML; db/repos/setup.py reads it from and
applies it to the store).  A field left as None was not given: an import leaves it alone."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class StageSetup:
    name: str
    category: str | None = None
    #: 0 means "no limit" (TOML has no null).
    wip_limit: int | None = None
    criteria: list[str] | None = None
    #: The RACI activity that guards the stage ("" for none).
    gate: str | None = None


@dataclass
class CampaignSetup:
    name: str
    description: str | None = None
    #: The campaign this one is inside (a sub-campaign); "" for a top-level one.
    inside: str | None = None
    #: Handles of its lead (the "number one") and PMO; "" for nobody.
    lead: str | None = None
    pmo: str | None = None


@dataclass
class ProjectSetup:
    name: str
    description: str | None = None
    #: The campaign the project belongs to, by name (created if the workspace has none of that name).
    campaign: str | None = None
    stages: list[StageSetup] = field(default_factory=list)


@dataclass
class RoleSetup:
    name: str
    code: str | None = None


@dataclass
class PersonSetup:
    handle: str
    #: name, email, team, availability, days_off, active: only those the file gives.
    fields: dict[str, Any] = field(default_factory=dict)
    #: project name -> role names (or codes); None: roles not given.
    roles: dict[str, list[str]] | None = None


@dataclass
class SetupData:
    time_zone: str | None = None
    roles: list[RoleSetup] = field(default_factory=list)
    campaigns: list[CampaignSetup] = field(default_factory=list)
    projects: list[ProjectSetup] = field(default_factory=list)
    people: list[PersonSetup] = field(default_factory=list)


def stage_place(stage: str, project: str) -> str:
    return f'stage "{stage}" of project "{project}"'


def person_place(handle: str) -> str:
    return f"person @{handle}"
