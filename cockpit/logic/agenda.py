"""Agenda templates: the agenda a meeting of each kind starts with, prefilled from the data."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cockpit.logic.risk_scoring import in_review_queue
from cockpit.db.models import ItemRead, PersonRead, StageRead
from cockpit.db.models_risks import RiskRead

#: A speaking slot in a stand-up or a retrospective round.
SLOT_SECONDS = 120
#: The retrospective's step (b): its items are each marked done or carried over before moving on.
PREVIOUS_ITEM = "Previous action items"


@dataclass(frozen=True)
class AgendaEntry:
    title: str
    box_seconds: int
    owner_id: int | None = None

    def as_dict(self) -> dict:
        return {"title": self.title, "box_seconds": self.box_seconds, "owner_id": self.owner_id}


def default_title(kind_label: str, day: date) -> str:
    return f"{kind_label} {day:%d %b %Y}"


def _round(attendees: list[PersonRead], prefix: str = "") -> list[AgendaEntry]:
    return [AgendaEntry(f"{prefix}{person.name}", SLOT_SECONDS, person.id) for person in attendees]


def _in_category(items: Sequence[ItemRead], stages: Sequence[StageRead], category: str) -> list[tuple[str, ItemRead]]:
    """(stage name, card) of the cards in stages of ``category`` (found by category, never by name)."""
    names = {stage.id: stage.name for stage in sorted(stages, key=lambda s: s.position) if stage.category == category}
    return [(names[item.stage_id], item) for item in items if item.stage_id in names]


def risks_due(risks: Sequence[RiskRead], day: date) -> list[RiskRead]:
    """Risks in the review queue on ``day`` (overdue, or due within two days), highest score first."""
    due = [risk for risk in risks if in_review_queue(risk, day)]
    return sorted(due, key=lambda risk: -risk.score)


#: The kinds whose agenda is prefilled from the board and the risk register.
FROM_THE_DATA = frozenset({"release-review", "requirement-review"})


def agenda_for(kind: str, attendees: list[PersonRead], day: date, *, items: Sequence[ItemRead] = (),
               stages: Sequence[StageRead] = (), risks: Sequence[RiskRead] = ()) -> list[AgendaEntry]:
    """The prefilled agenda of a new meeting of ``kind`` (``items``, ``stages`` and ``risks`` are read
    for the kinds in ``FROM_THE_DATA``)."""
    if kind == "stand-up":
        return [*_round(attendees), AgendaEntry("Blockers and parking lot", 300)]
    if kind == "release-review":
        entries = [AgendaEntry(f"{stage}: {item.title}", SLOT_SECONDS, item.owner_id)
                   for stage, item in _in_category(items, stages, "awaiting_release")]
        entries += [AgendaEntry(f"Risk review: {risk.title}", SLOT_SECONDS, risk.owner_id)
                    for risk in risks_due(risks, day)]
        return [*entries, AgendaEntry("Release go / no-go", 300)]
    if kind == "retrospective":
        return [AgendaEntry("Goals vs outcomes", 600), AgendaEntry(PREVIOUS_ITEM, 300),
                *_round(attendees, "Round: "), AgendaEntry("Dot voting", 300), AgendaEntry("New action items", 600)]
    if kind == "requirement-review":
        entries = [AgendaEntry(f"Requirement: {item.title}", 300, item.owner_id)
                   for _stage, item in _in_category(items, stages, "backlog")]
        return [*entries, AgendaEntry("Open questions", 600)]
    if kind == "design-review":
        return [AgendaEntry("Design walkthrough", 900), AgendaEntry("Alternatives considered", 600),
                AgendaEntry("Risks and open questions", 600), AgendaEntry("Decision", 300)]
    if kind == "kick-off":
        return [AgendaEntry("Goals and key results", 900), AgendaEntry("Scope and milestones", 900),
                AgendaEntry("Roles and responsibilities (RACI)", 600), AgendaEntry("Risks", 600),
                AgendaEntry("Questions", 600)]
    return [AgendaEntry("Topic", 900), AgendaEntry("Next steps", 300)]
