"""The workspace context: what every screen is handed when it is made (conventions.md, "Layout").

Built once, when the workspace is open (``CockpitApp`` builds it; a test builds its own to host one
screen alone), and passed to each screen explicitly: screens never reach into the app for the store,
"today", the settings, the files folder, the meeting or presentation mode.

App-wide state that changes while the app runs reaches screens as messages: ``PresentationChanged``
(f5), ``ProjectChanged`` (ctrl+o switched the project shown) and ``MeetingChanged`` (a meeting started, ended or moved to the next item) are posted to every
main screen on the stack; screens read the current value from the context's ``Live`` state.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the app paints its first frame before the database layer is imported
    from cockpit.services.meetings import MeetingSession
    from cockpit.settings import Settings
    from cockpit.db.store import Store


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


#: The name of the high-contrast theme (presentation mode's, also chosen by hand from the palette).
HIGH_CONTRAST_THEME = "cockpit-high-contrast"


class Clock:
    """The only source of "now" and "today" in the UI.  ``today`` pins the date (tests, snapshots);
    ``now`` is the store's clock, so the change log and the screens agree."""

    def __init__(self, now: Callable[[], datetime] = utc_now, today: date | None = None,
                 zone: "Callable[[], tzinfo | None] | None" = None) -> None:
        self._now = now
        self._today = today
        self._zone = zone  # the workspace's time zone (Setup); None: this computer's

    def now(self) -> datetime:
        return self._now()

    def zone(self) -> "tzinfo | None":
        """The workspace's time zone (Setup), or None for this computer's."""
        return self._zone() if self._zone is not None else None

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the workspace's time zone: how a time is shown to people."""
        return moment.astimezone(self.zone())

    def today(self) -> date:
        """Today in the workspace's time zone, unless pinned."""
        if self._today is not None:
            return self._today
        return self._now().astimezone(self._zone() if self._zone is not None else None).date()


@dataclass
class Live:
    """App-wide state that changes while the app runs (the app owns the changes; screens read it and
    are told by a message when it changed)."""

    #: Presentation mode (f5) is on: confidential text is masked, the theme is high-contrast.
    presenting: bool = False
    #: The project this window shows (ctrl+o switches; None until the workspace is open).
    project_id: int | None = None


@dataclass(frozen=True)
class Workspace:
    """Built once at start-up and handed to every screen."""

    store: "Store"
    clock: Clock
    settings: "Settings"
    #: The folder for files the workspace writes (minutes/, exports, reports).
    files: Path
    #: This window's meeting session (start, agenda timer, end and minutes).
    meetings: "MeetingSession"
    live: Live = field(default_factory=Live)

    @property
    def today(self) -> date:
        return self.clock.today()

    @property
    def presenting(self) -> bool:
        return self.live.presenting

    @classmethod
    def build(cls, store: "Store", settings: "Settings", live: Live, today: date | None = None) -> "Workspace":
        """The context of an open store (``today`` pins the date: tests)."""
        from cockpit.services.files import WorkspaceFiles
        from cockpit.services.meetings import MeetingSession

        return cls(store=store, clock=Clock(store.clock, today, store.settings.zone), settings=settings,
                   files=WorkspaceFiles.of(store).root, meetings=MeetingSession(store), live=live)

    @property
    def project_id(self) -> int:
        """The project this window shows (the store's reads default to it)."""
        if self.live.project_id is None:
            self.live.project_id = self.store.workspace.project_id()
        return self.live.project_id


class PresentationChanged(Message):
    """Presentation mode (f5) was switched; ``Workspace.live.presenting`` holds the new value."""

    def __init__(self, presenting: bool) -> None:
        super().__init__()
        self.presenting = presenting


class ProjectChanged(Message):
    """The window switched to another project (ctrl+o); ``Workspace.live.project_id`` holds it."""

    def __init__(self, project_id: int) -> None:
        super().__init__()
        self.project_id = project_id


class MeetingChanged(Message):
    """A meeting started or ended in this window (which keys apply, what the meeting screens show)."""
