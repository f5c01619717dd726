"""The portfolio's forms: a project (name, campaign, PM, PMO) and a campaign (name, parent, lead, PMO)."""

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from cockpit.db.models import PersonRead, ProjectRead
from cockpit.db.models_portfolio import CampaignRead
from cockpit.logic.pickers import pickable
from cockpit.db.text import clean_line
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback


def _person_select(people: list[PersonRead], value: int | None, field: str) -> Select:
    options = [(f"{p.name} (@{p.handle})", p.id) for p in people]
    return Select(options, value=value if value in {p.id for p in people} else Select.NULL, id=field,
                  prompt="nobody yet")


def _chosen(select: Select) -> int | None:
    value = select.value
    return None if value is Select.NULL or value is None else int(value)  # type: ignore[arg-type]


class _NamedForm(FormModal):
    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _read_name(self) -> str:
        name = clean_line(self.query_one("#name", Input).value)
        if not name:
            raise FormError("name", "give it a name", label="Name")
        return name

    def _value(self, field: str) -> int | None:
        return _chosen(self.query_one(f"#{field}", Select))


class ProjectFormModal(_NamedForm):
    def __init__(self, title: str, on_save: SaveCallback, *, campaigns: list[tuple[str, int]],
                 people: list[PersonRead], project: ProjectRead | None = None, campaign_id: int | None = None) -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.project, self.campaigns, self.people = project, campaigns, people
        self.campaign_id = project.campaign_id if project else campaign_id

    def compose_fields(self) -> ComposeResult:
        p = self.project
        yield self.row("Name", Input(p.name if p else "", id="name", max_length=120, placeholder="Checkout revamp"))
        known = {cid for _path, cid in self.campaigns}
        yield self.row("Campaign", Select(self.campaigns, id="campaign_id", prompt="no campaign",
                                          value=self.campaign_id if self.campaign_id in known else Select.NULL))
        yield self.row("PM", _person_select(self.people, p.pm_id if p else None, "pm_id"))
        yield self.row("PMO", _person_select(self.people, p.pmo_id if p else None, "pmo_id"))

    def values(self) -> dict[str, Any]:
        return {"name": self._read_name(), "campaign_id": self._value("campaign_id"), "pm_id": self._value("pm_id"),
                "pmo_id": self._value("pmo_id")}


class CampaignFormModal(_NamedForm):
    """A new campaign, or ``campaign`` edited (name, parent, lead, PMO)."""

    def __init__(self, title: str, on_save: SaveCallback, *, campaigns: list[tuple[str, int]],
                 people: list[PersonRead], campaign: CampaignRead | None = None) -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.campaign = campaign
        self.campaigns = [(path, cid) for path, cid in campaigns if campaign is None or cid != campaign.id]
        # a deactivated lead or PMO stays on the campaign they hold
        self.people = pickable(people, campaign.lead_id if campaign else None, campaign.pmo_id if campaign else None)

    def compose_fields(self) -> ComposeResult:
        c = self.campaign
        known = {cid for _path, cid in self.campaigns}
        parent = c.parent_id if c and c.parent_id in known else Select.NULL
        yield self.row("Name", Input(c.name if c else "", id="name", max_length=120, placeholder="Holiday season"))
        yield self.row("Inside", Select(self.campaigns, id="parent_id", prompt="a top-level campaign", value=parent))
        yield self.row("Lead", _person_select(self.people, c.lead_id if c else None, "lead_id"))
        yield self.row("PMO", _person_select(self.people, c.pmo_id if c else None, "pmo_id"))

    def values(self) -> dict[str, Any]:
        return {"name": self._read_name(), "parent_id": self._value("parent_id"), "lead_id": self._value("lead_id"),
                "pmo_id": self._value("pmo_id")}
