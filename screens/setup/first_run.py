"""The guided first-run setup (a new, empty workspace; reopened from Setup with ``g``), the time zone
form (Setup, ``z``), and the one-time question "which person are you?" for a change log author that
matches nobody."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from cockpit.db.models import PersonRead, check_handle
from cockpit.db.text import clean_line
from cockpit.screens.shared.form import FormError, FormModal, SaveCallback

if TYPE_CHECKING:
    from cockpit.screens.base import CockpitScreen

FIRST_PEOPLE = 5
KEEP, EDIT = "keep", "edit"


def parse_person(text: str, field: str, label: str) -> tuple[str, str] | None:
    """``Ann Lee @ann`` (or just ``Ann Lee``: the handle is the first name in lower case)."""
    text = clean_line(text)
    if not text:
        return None
    name, _, handle = text.rpartition("@") if "@" in text else (text, "", text.split()[0])
    name = clean_line(name)
    if not name:
        raise FormError(field, "write a name before the @handle", label=label)
    try:
        return name, check_handle(handle)
    except ValueError as error:
        raise FormError(field, f"handle {handle!r}: {error}", label=label) from None


class FirstRunModal(FormModal):
    """Project name, the time zone, keep or edit the standard stages, the first few people.  Escape
    skips it (it can be reopened from Setup with ``g``)."""

    AUTO_FOCUS = "#project"
    DEFAULT_CSS = """
    FirstRunModal .form-info { margin-bottom: 1; }
    """

    def __init__(self, on_save: SaveCallback, project: str, zone: str, stages: list[str]) -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = "Welcome to Cockpit: set up your workspace"
        self.project, self.zone, self.stages = project, zone, stages

    def compose_fields(self) -> ComposeResult:
        yield Static("Three questions and you can run a stand-up.  Escape skips this; Setup (0) reopens it "
                     "with g.  A team file instead: cockpit import setup FILE.", classes="form-info", markup=False)
        yield self.row("Project", Input(self.project, id="project", max_length=120))
        yield self.row("Time zone", Input(self.zone, id="zone", max_length=60, placeholder="Europe/Berlin"))
        yield self.row("Stages", Select([("Keep the standard stages", KEEP),
                                         ("Keep them, then edit them in Setup", EDIT)],
                                        value=KEEP, allow_blank=False, id="stages"))
        yield Static(" → ".join(self.stages), classes="form-info", markup=False)
        for number in range(1, FIRST_PEOPLE + 1):
            yield self.row(f"Person {number}", Input("", id=f"person{number}", max_length=120,
                                                    placeholder="Ann Lee @ann" if number == 1 else ""))

    def values(self) -> dict[str, Any]:
        project = clean_line(self.query_one("#project", Input).value)
        if not project:
            raise FormError("project", "give the project a name", label="Project")
        people = []
        for number in range(1, FIRST_PEOPLE + 1):
            person = parse_person(self.query_one(f"#person{number}", Input).value, f"person{number}",
                                  f"Person {number}")
            if person is not None:
                people.append(person)
        return {"project": project, "zone": clean_line(self.query_one("#zone", Input).value), "people": people,
                "stages": self.query_one("#stages", Select).value}


class TimeZoneModal(FormModal):
    TITLE_TEXT = "The workspace's time zone"
    AUTO_FOCUS = "#zone"

    def __init__(self, on_save: SaveCallback, zone: str, machine: str) -> None:
        super().__init__(on_save)
        self.zone, self.machine = zone, machine

    def compose_fields(self) -> ComposeResult:
        yield Static("Used for 'today', every date and calendar exports (.ics).  Empty: this computer's "
                     f"zone ({self.machine or 'unknown'}).", classes="form-info", markup=False)
        yield self.row("Time zone", Input(self.zone, id="zone", max_length=60, placeholder="Europe/Berlin"))

    def values(self) -> dict[str, Any]:
        return {"zone": clean_line(self.query_one("#zone", Input).value)}


class WhoAreYouModal(ModalScreen[int | None]):
    """Asked once for a change log author (``--as`` or the login name) that matches nobody's handle or
    name: pick the person, or escape for "not asked again".  Dismisses with the person's id or None."""

    DEFAULT_CSS = """
    WhoAreYouModal { align: center middle; }
    WhoAreYouModal > Vertical { width: 64; max-width: 95%; height: auto; max-height: 90%;
                                border: thick $primary; background: $surface; padding: 1 2; }
    WhoAreYouModal #who-title { text-style: bold; margin-bottom: 1; }
    WhoAreYouModal OptionList { height: auto; max-height: 12; }
    WhoAreYouModal Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    """
    AUTO_FOCUS = "#who-list"
    BINDINGS = [Binding("escape", "skip", "Skip", id="who.skip", tooltip="Do not link; not asked again")]

    def __init__(self, author: str, people: list[PersonRead]) -> None:
        super().__init__()
        self.author, self.people = author, people

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Which person is {self.author}?", id="who-title", markup=False)
            yield Static(f"The change log names you {self.author!r}, which matches nobody's handle or name.  "
                         "Pick yourself (enter) so that @me and 'my cards' work, or escape: not asked again.",
                         markup=False)
            yield OptionList(*(Option(Text(f"{p.name} (@{p.handle})"), id=str(p.id)) for p in self.people),
                             id="who-list")
            with Horizontal():
                yield Button("Not me / skip (esc)", id="who-skip", compact=True)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id))  # type: ignore[arg-type]

    @on(Button.Pressed, "#who-skip")
    def action_skip(self) -> None:
        self.dismiss(None)


# --- opening them from a screen ---------------------------------------------------------------------


def open_guided_setup(screen: "CockpitScreen", done: Callable[[str | None], None] | None = None) -> None:
    """Push the guided setup over ``screen``; it saves through the screen's ``submitter``.  Escape skips
    it (not opened again at start).  ``done`` gets KEEP or EDIT (the stages answer) or None (skipped)."""
    store = screen.store
    from cockpit.zones import machine_zone

    def save(values: dict[str, Any]) -> int:
        return store.setup.first_run(values["project"], values["zone"], values["people"])

    def closed(values: dict[str, Any] | None) -> None:
        if values is None and store.settings.first_run_pending():
            screen.write(store.settings.finish_first_run, "skipped")
        if done is not None:
            done(None if values is None else values["stages"])

    zone = store.settings.time_zone_name() or str(machine_zone() or "")
    stages = [stage.name for stage in store.workflow.stages()]
    screen.app.push_screen(FirstRunModal(screen.submitter(save), store.workspace.project().name, zone, stages), closed)


def offer_link(screen: "CockpitScreen", *, again: bool = False) -> bool:
    """Ask once which person the change log's author is, if it matches nobody (``again``: ask even
    so, from Setup's ``w``); True if asked."""
    store = screen.store
    if store.read_only or (not again and (store.settings.me() is not None or store.settings.author_asked())):
        return False
    people = store.workspace.people(active_only=True)
    if not people:
        return False

    def answered(person_id: int | None) -> None:
        if person_id is None and again:
            return  # asked from Setup and escaped: whatever was linked stays
        screen.write(store.settings.link_author, person_id)
        if person_id is not None:
            me = store.settings.me()
            if me is not None:
                screen.notify(f"You are {me.name} (@{me.handle}): @me on the board shows your cards.", markup=False)

    screen.app.push_screen(WhoAreYouModal(store.actor, people), answered)
    return True
