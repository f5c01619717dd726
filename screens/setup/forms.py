"""The forms of the Setup screen: a person, a stage, one entry criterion."""

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from cockpit.db.models import CATEGORY_LABELS, STAGE_CATEGORIES, PersonRead, StageRead, check_days_off, check_handle
from cockpit.db.text import clean_line
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback


class PersonFormModal(FormModal):
    """Name, handle, email, team, availability, days off and roles (names or codes, comma separated)."""

    def __init__(self, title: str, on_save: SaveCallback, person: PersonRead | None = None,
                 roles: list[str] | None = None) -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.person = person
        self.known_roles = roles or []

    def compose_fields(self) -> ComposeResult:
        p = self.person
        yield self.row("Name", Input(p.name if p else "", id="name", max_length=80, placeholder="Ann Lee"))
        yield self.row("Handle", Input(p.handle if p else "", id="handle", max_length=40,
                                       placeholder="ann (a-z 0-9 . _ -)"))
        yield self.row("Email", Input(p.email if p else "", id="email", max_length=200))
        yield self.row("Team", Input(p.team if p else "", id="team", max_length=80))
        yield self.row("Availability", Input(str(p.availability) if p else "100", id="availability", max_length=4,
                                             placeholder="per cent of a full week, 0-100"))
        yield self.row("Days off", Input(" ".join(p.days_off) if p else "", id="days_off",
                                         placeholder="fri, or dates: 2026-12-24 2026-12-25"))
        yield self.row("Roles", Input(", ".join(p.roles) if p else "", id="roles",
                                      placeholder=", ".join(self.known_roles[:3]) + " …"))

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _text(self, field: str) -> str:
        return clean_line(self.query_one(f"#{field}", Input).value)

    def values(self) -> dict[str, Any]:
        name = self._text("name")
        if not name:
            raise FormError("name", "give the person a name", label="Name")
        try:
            handle = check_handle(self._text("handle"))
        except ValueError as error:
            raise FormError("handle", str(error) if self._text("handle") else "give a handle", label="Handle") from None
        try:
            availability = int(self._text("availability").rstrip("%") or "100")
        except ValueError:
            raise FormError("availability", "a whole number of per cent", label="Availability") from None
        if not 0 <= availability <= 100:
            raise FormError("availability", "between 0 and 100 per cent", label="Availability")
        try:
            days_off = check_days_off(self._text("days_off").replace(",", " ").split())
        except ValueError as error:
            raise FormError("days_off", str(error), label="Days off") from None
        roles = [part.strip() for part in self._text("roles").split(",") if part.strip()]
        known = {role.casefold() for role in self.known_roles}
        for role in roles:
            if known and role.casefold() not in known:
                raise FormError("roles", f"no role named {role!r}", label="Roles")
        return {"name": name, "handle": handle, "email": self._text("email"), "team": self._text("team"),
                "availability": availability, "days_off": days_off, "roles": roles}


class StageFormModal(FormModal):
    """Name, category, WIP limit (blank: none) and the RACI activity that guards entry to it."""

    def __init__(self, title: str, on_save: SaveCallback, stage: StageRead | None = None,
                 activities: list[tuple[str, int]] = (), gate: int | None = None) -> None:  # type: ignore[assignment]
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.stage = stage
        self.activities = list(activities)
        self.gate = gate

    def compose_fields(self) -> ComposeResult:
        s = self.stage
        yield self.row("Name", Input(s.name if s else "", id="name", max_length=60))
        yield self.row("Category", Select([(CATEGORY_LABELS[c], c) for c in STAGE_CATEGORIES],
                                          value=s.category if s else "in_progress", allow_blank=False,
                                          id="category"))
        yield self.row("WIP limit", Input(str(s.wip_limit) if s and s.wip_limit else "", id="wip",
                                          max_length=4, placeholder="blank: no limit"))
        yield self.row("Gate activity", Select(self.activities, value=self.gate if self.gate is not None else Select.NULL,
                                               allow_blank=True, prompt="none", id="gate"))

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def values(self) -> dict[str, Any]:
        name = clean_line(self.query_one("#name", Input).value)
        if not name:
            raise FormError("name", "give the stage a name", label="Name")
        wip_text = self.query_one("#wip", Input).value.strip()
        wip = None
        if wip_text:
            try:
                wip = int(wip_text)
            except ValueError:
                raise FormError("wip", "a whole number, or blank for no limit", label="WIP limit") from None
            if wip < 1:
                raise FormError("wip", "at least 1, or blank for no limit", label="WIP limit")
        gate = self.query_one("#gate", Select).value
        return {"name": name, "category": self.query_one("#category", Select).value, "wip_limit": wip,
                "gate": None if gate is Select.NULL else gate}


class CriterionFormModal(FormModal):
    """One entry criterion of a stage."""

    def __init__(self, title: str, on_save: SaveCallback, text: str = "") -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.text = text

    def compose_fields(self) -> ComposeResult:
        yield self.row("Criterion", Input(self.text, id="criterion", max_length=200,
                                          placeholder="e.g. Smoke test passed"))

    def on_mount(self) -> None:
        self.query_one("#criterion", Input).focus()

    def values(self) -> dict[str, Any]:
        text = clean_line(self.query_one("#criterion", Input).value)
        if not text:
            raise FormError("criterion", "say what must be true", label="Criterion")
        return {"text": text}
