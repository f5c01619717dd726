"""The header's text: the project shown (and its campaign) as the title; read-only, the running meeting and its timer,
and the current iteration as the sub-title (presenting: no iteration, to keep a shared screen quiet).

During a meeting the speaker (or agenda item) and the time it has left always stay in sight, at 80
columns too: ``fitted`` drops the iteration first, then the project name, then shortens the meeting.
Without a meeting, a narrow header uses shorter wordings of the board's scope, then cuts the project's
name short.
"""

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual.content import Content

from cockpit.logic.present import Secrets
from cockpit.screens.base import CockpitScreen
from cockpit.services.present import secrets_of
from cockpit.db.errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App

    from cockpit.context import Live, Workspace
    from cockpit.db.store import Store


def titles(store: "Store", today: date) -> tuple[str, str] | None:
    """(the project's name, "Iteration 12 · 16 Nov – 29 Nov"), or None if the store refused."""
    try:
        project = store.workspace.project()
        iteration = store.workspace.current_iteration(today, project.id)
        campaign = store.portfolio.path(project.campaign_id)
    except StoreError:
        return None
    name = f"{project.name} ({campaign})" if campaign and campaign != project.name else project.name
    return name, (f"Iteration {iteration.name} · {iteration.start:%d %b} – {iteration.end:%d %b}"
                          if iteration else "no iteration running")


#: Columns of the header that are not its title: Textual's icon (8) and the clock's space (10).
CHROME = 18
READ_ONLY = "read-only view"
SEPARATOR = "  ·  "


class MeetingLine(NamedTuple):
    """The running meeting as the header shows it."""

    title: str
    elapsed: str
    speaker: str | None = None  #: the current agenda item (a speaker's slot is named after them)
    running: bool = False  #: its timer runs
    used: str = ""  #: "1:30/2:00"
    left: str = ""  #: "0:30 left", "0:12 over"

    @property
    def mark(self) -> str:
        return "▶" if self.running else "⏸"

    def full(self) -> str:
        text = f"● {self.title} · {self.elapsed}"
        return text + (f" · {self.mark} {self.speaker} {self.used}" if self.speaker is not None else "")

    def shorter(self) -> list[str]:
        """Shorter forms, longest first; each keeps the speaker and the time left."""
        if self.speaker is None:
            return [f"● {self.elapsed}"]
        speaker = f"{self.mark} {self.speaker} {self.left}"
        return [f"● {self.title} · {self.elapsed} · {speaker}", f"{speaker} · {self.elapsed}", speaker]

    def tightest(self, width: int) -> str:
        """The speaker's name cut short so that it and the time left fit in ``width`` columns."""
        if self.speaker is None:
            return f"● {self.elapsed}"
        room = width - cell_len(f"{self.mark}  {self.left}")
        name = self.speaker
        while name and cell_len(name) > max(room, 1):
            name = name[:-2] + "…" if len(name) > 1 else ""
        return f"{self.mark} {name} {self.left}"


def sub_title(*, read_only: bool, meeting: str | None, presenting: bool, iteration: str,
              scope: str | None = None) -> str:
    """``scope``: what the screen shows of the project (the board's iterations), else the current
    iteration; neither while presenting (a shared screen shows the title and the meeting only)."""
    parts = [READ_ONLY] if read_only else []
    parts += [meeting] if meeting else []
    if not presenting and (scope or iteration):
        parts.append(scope or iteration)
    return SEPARATOR.join(parts)


def fitted(title: str, sub_title: str, meeting: MeetingLine | None, width: int) -> Content:
    """The header's title line for a header ``width`` columns wide (Textual's ``format_title``).

    Without a meeting, or when everything fits, it is Textual's "title — sub-title".  Otherwise the
    rest gives way to the speaker and the time left: the iteration goes, then the project name, then
    the meeting is shortened step by step, the speaker's name last."""
    if cell_len(_plain(title, sub_title)) <= width:
        return _format(title, sub_title)
    if meeting is None:
        return _narrow(title, sub_title, width)
    read_only = [READ_ONLY] if sub_title.startswith(READ_ONLY) else []
    tries = [(title, SEPARATOR.join([*read_only, meeting.full()])), ("", SEPARATOR.join([*read_only, meeting.full()]))]
    tries += [("", SEPARATOR.join([*read_only, short])) for short in meeting.shorter()]
    tries += [("", short) for short in meeting.shorter()]
    for head, sub in tries:
        if cell_len(_plain(head, sub)) <= width:
            return _format(head, sub)
    return _format("", meeting.tightest(width))


#: Shorter wordings of the sub-title's parts, tried in turn when the header is narrow (80 columns).
SHORTER = (
    (" + unfinished earlier work", " + unfinished"),
    ("All iterations (none running)", "all iterations"),
    ("Iteration ", "It. "),
)


def _narrow(title: str, sub_title: str, width: int) -> Content:
    """Without a meeting: shorter wordings of the sub-title, then the dates of the iteration go, then
    the project's name is cut short ("…"), and last the sub-title itself."""
    for old, new in SHORTER:
        sub_title = sub_title.replace(old, new)
        if cell_len(_plain(title, sub_title)) <= width:
            return _format(title, sub_title)
    parts = sub_title.split(SEPARATOR)
    parts[-1] = parts[-1].split(" · ")[0]  # "It. 12 · 16 Nov – 29 Nov" -> "It. 12"
    sub_title = SEPARATOR.join(parts)
    room = width - cell_len(_plain("x", sub_title)) + 1
    if room >= 4:
        return _format(_cut(title, room), sub_title)
    return _format("", _cut(sub_title, width))


def _cut(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return text
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def _plain(title: str, sub_title: str) -> str:
    return f"{title} — {sub_title}" if title and sub_title else title or sub_title


def _format(title: str, sub_title: str) -> Content:
    """As Textual's ``App.format_title``: user text stays text (Content, never markup)."""
    if not title:
        return Content(sub_title)
    if not sub_title:
        return Content(title)
    return Content.assemble(Content(title), (" — ", "dim"), Content(sub_title).stylize("dim"))


def secrets_now(store: "Store | None", presenting: bool) -> Secrets:
    """The confidential cards and the words to hide now (nothing when not presenting)."""
    if store is None:
        return Secrets()
    try:
        return secrets_of(store, presenting)
    except StoreError:
        return Secrets()


class TitleLine:
    """The app's header: the project and the iteration (read again by ``refresh``), the running
    meeting (``update``: every second), and the line drawn at the header's width (``format``).

    Given what it reads, never the app shell: the Textual app (its title, sub-title and width), the
    workspace once open (its store, its clock), whether presentation mode is on (``live``), the running
    meeting and the shown screen's scope (``header_scope``)."""

    def __init__(self, app: "App[object]", *, workspace: "Callable[[], Workspace | None]", live: "Live",
                 meeting: "Callable[[], MeetingLine | None]") -> None:
        self.app = app
        self._workspace, self._live, self._meeting = workspace, live, meeting
        self.iteration = ""
        self.meeting: MeetingLine | None = None

    def refresh(self) -> None:
        workspace = self._workspace()
        if workspace is not None and (found := titles(workspace.store, workspace.clock.today())) is not None:
            self.app.title, self.iteration = found
            self.update()

    def update(self) -> None:
        workspace = self._workspace()
        self.meeting = self._meeting()
        read_only = workspace is not None and workspace.store.read_only
        self.app.sub_title = sub_title(read_only=read_only, meeting=self.meeting_text(),
                                       presenting=self._live.presenting, iteration=self.iteration,
                                       scope=self._scope())

    def meeting_text(self) -> str | None:
        """The running meeting and its timer ("● Stand-up · 04:12 · ..."), or None."""
        return self.meeting.full() if self.meeting is not None else None

    def _scope(self) -> str | None:
        """The scope of the screen shown ("+ unfinished earlier…"), or of the screen under a dialog (its
        header stays as it was); none once the screens are gone (the one-second tick can come as the app
        ends)."""
        stack = self.app.screen_stack  # a copy: empty once the app has ended
        return next((screen.header_scope() for screen in reversed(stack) if isinstance(screen, CockpitScreen)), None)

    def format(self, title: str, sub_title: str) -> Content:
        return fitted(title, sub_title, self.meeting, self.app.size.width - CHROME)
