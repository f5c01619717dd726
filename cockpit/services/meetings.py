"""The meeting running in this window (its timer, the notes being typed, ending it) and its minutes.

UI-free, so the app's shutdown hooks (ctrl+q, SIGTERM, SIGHUP) can end the meeting and write the
minutes without a screen.  The store attributes every change to ``store.meeting_id`` while it runs.

Minutes are written into ``WorkspaceFiles.minutes`` (created private, 0700); each file is private
(0600), named from the meeting's date and kind (``2026-11-22-stand-up.md``; a second stand-up that
day gets ``-2``), written to a temporary file first and moved into place, so a reader never sees
half a file.
"""

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from pathlib import Path

from cockpit.logic.agenda import FROM_THE_DATA, AgendaEntry
from cockpit.logic.agenda import agenda_for as _agenda_for
from cockpit.logic.minutes import MinutesInput, file_name, render
from cockpit.services.files import WorkspaceFiles, private_folder, write_private
from cockpit.services.okr import retro_outcomes
from cockpit.services.reports import retro_metrics
from cockpit.db.errors import NotFound, StoreError
from cockpit.db.models import PersonRead
from cockpit.db.models_meetings import AgendaItemRead, MeetingDetail, MeetingRead
from cockpit.db.store import Store


def agenda_for(kind: str, store: Store, attendees: list[PersonRead], day: date) -> list[AgendaEntry]:
    """The prefilled agenda of a new meeting of ``kind``, from the board and the risk register."""
    if kind not in FROM_THE_DATA:
        return _agenda_for(kind, attendees, day)
    return _agenda_for(kind, attendees, day, items=store.items.all(), stages=store.workspace.stages(),
                       risks=store.risks.all())


def minutes_dir(store: Store) -> Path:
    return WorkspaceFiles.of(store).minutes


def minutes_input(store: Store, meeting_id: int, ended: datetime | None = None) -> MinutesInput:
    detail = store.meetings.detail(meeting_id)
    data = MinutesInput(detail=detail, changes=store.changes(meeting_id=meeting_id), ended=ended)
    meeting = detail.meeting
    if meeting.kind == "retrospective":
        if meeting.iteration_id is not None:
            iteration = next((it for it in store.workspace.iterations() if it.id == meeting.iteration_id), None)
            if iteration is not None:
                at = meeting.started or store.now()
                data.metrics = (retro_metrics(store, iteration, at).summary_lines()
                                + retro_outcomes(store, iteration.project_id, at))
        previous = store.meetings.previous_retrospective(meeting.id, before=meeting.started)
        if previous is not None:
            data.previous_actions = store.meetings.actions(previous.id)
    return data


def minutes_text(store: Store, meeting_id: int, tz: tzinfo | None = None) -> str:
    return render(minutes_input(store, meeting_id), tz)


def write_minutes(store: Store, meeting_id: int, out: Path | None = None, tz: tzinfo | None = None) -> Path:
    """Write the minutes of a meeting (to ``out`` or into the minutes folder); returns the path."""
    if out is None:
        meeting = store.meetings.get(meeting_id)
        folder = private_folder(minutes_dir(store))
        out = folder / file_name(meeting, store.meetings.all(), store.now(), tz)
    return write_private(Path(out), minutes_text(store, meeting_id, tz))


class MeetingService:
    def __init__(self, store: Store, tz: tzinfo | None = None) -> None:
        self.store = store
        self.tz = tz
        self.meeting_id: int | None = None
        self.current_id: int | None = None
        self.running_since: datetime | None = None
        self.pending_notes: dict[int, str] = {}
        self.last_minutes: Path | None = None
        #: Called after the meeting starts or ends (the app refreshes its header and screens).
        self.listeners: list[Callable[[], None]] = []

    # --- state ---------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.meeting_id is not None

    @property
    def timer_running(self) -> bool:
        return self.running_since is not None

    def meeting(self) -> MeetingRead | None:
        return self.store.meetings.get(self.meeting_id) if self.meeting_id is not None else None

    def detail(self) -> MeetingDetail | None:
        return self.store.meetings.detail(self.meeting_id) if self.meeting_id is not None else None

    def current_item(self, detail: MeetingDetail | None = None) -> AgendaItemRead | None:
        detail = detail or self.detail()
        if detail is None:
            return None
        return next((item for item in detail.agenda if item.id == self.current_id), None)

    def running_seconds(self) -> int:
        if self.running_since is None:
            return 0
        return max(int((self.store.now() - self.running_since).total_seconds()), 0)

    def used(self, item: AgendaItemRead) -> int:
        """Time used by an agenda item, counting the timer if it runs on it."""
        return item.used_seconds + (self.running_seconds() if item.id == self.current_id else 0)

    def elapsed(self) -> int:
        meeting = self.meeting()
        if meeting is None or meeting.started is None:
            return 0
        return max(int((self.store.now() - meeting.started).total_seconds()), 0)

    # --- starting ------------------------------------------------------------------------------

    def start(self, kind: str, title: str, attendee_ids: list[int], *, iteration_id: int | None = None,
              agenda: list[dict] | None = None, facilitator_id: int | None = None,
              votes_per_person: int | None = None) -> MeetingRead:
        if agenda is None:
            people = [p for p in self.store.workspace.people() if p.id in set(attendee_ids)]
            people.sort(key=lambda p: attendee_ids.index(p.id))
            agenda = [entry.as_dict() for entry in agenda_for(kind, self.store, people, self.store.today())]
        meeting = self.store.meetings.start(kind=kind, title=title, attendee_ids=attendee_ids, agenda=agenda,
                                            iteration_id=iteration_id, facilitator_id=facilitator_id,
                                            votes_per_person=votes_per_person)
        self._adopt(meeting)
        return meeting

    def resume(self, meeting: MeetingRead) -> MeetingRead:
        """Carry on, in this window, with ``meeting`` (as read: a stale one is refused)."""
        meeting = self.store.meetings.resume(meeting.id, meeting.version)
        self._adopt(meeting)
        return meeting

    def _adopt(self, meeting: MeetingRead) -> None:
        self.meeting_id = meeting.id
        self.running_since = None
        self.pending_notes.clear()
        detail = self.store.meetings.detail(meeting.id)
        first = next((item for item in detail.agenda if item.status == "open"), None)
        self.current_id = first.id if first else None
        self._notify()

    # --- the timer and the agenda ----------------------------------------------------------------

    def toggle_timer(self) -> bool:
        """Start or pause the timer of the current item; returns whether it now runs."""
        if self.running_since is not None:
            self.pause()
            return False
        if self.current_id is not None:
            self.running_since = self.store.now()
        return self.running_since is not None

    def pause(self) -> None:
        """Stop the timer and save the time used on the current item."""
        if self.running_since is None or self.current_id is None:
            self.running_since = None
            return
        seconds = self.running_seconds()
        self.running_since = None
        if seconds:
            item = self.current_item()
            if item is not None:
                self.store.meetings.update_agenda_item(item.id, item.version, used_seconds=item.used_seconds + seconds)

    def select(self, item_id: int) -> None:
        """Make another agenda item current; a running timer moves along with it."""
        if item_id == self.current_id:
            return
        running = self.running_since is not None
        self.flush_notes()
        self.pause()
        self.current_id = item_id
        if running:
            self.running_since = self.store.now()

    def next_item(self, status: str = "done") -> AgendaItemRead | None:
        """Close the current item with ``status`` and move to the next open one (tab)."""
        detail = self.detail()
        if detail is None:
            return None
        running = self.running_since is not None
        self.flush_notes()
        self.pause()
        current = self.current_item()
        if current is not None and current.status != status:
            self.store.meetings.update_agenda_item(current.id, current.version, status=status)
        agenda = self.detail().agenda  # type: ignore[union-attr]
        index = next((n for n, item in enumerate(agenda) if item.id == self.current_id), -1)
        following = [item for item in agenda[index + 1:] + agenda[:index + 1] if item.status == "open"]
        nxt = following[0] if following else None
        self.current_id = nxt.id if nxt else None
        if running and nxt is not None:
            self.running_since = self.store.now()
        return nxt

    # --- notes ---------------------------------------------------------------------------------

    def note_typed(self, item_id: int, text: str) -> None:
        """Remember notes being typed; ``flush_notes`` saves them (the screen calls it debounced)."""
        self.pending_notes[item_id] = text

    def flush_notes(self) -> None:
        while self.pending_notes:
            item_id, text = next(iter(self.pending_notes.items()))
            item = self._agenda_item(item_id)
            self.store.meetings.update_agenda_item(item_id, item.version, notes=text)
            self.pending_notes.pop(item_id, None)

    def _agenda_item(self, item_id: int) -> AgendaItemRead:
        detail = self.detail()
        item = next((item for item in detail.agenda if item.id == item_id), None) if detail else None
        if item is None:
            raise NotFound(f"agenda item #{item_id} no longer exists (deleted elsewhere?)")
        return item

    # --- ending --------------------------------------------------------------------------------

    def end(self) -> Path | None:
        """End the meeting: save notes and time, mark it ended, write the minutes; returns their path."""
        if self.meeting_id is None:
            return None
        meeting_id = self.meeting_id
        try:
            self.flush_notes()
        except StoreError:
            pass  # the minutes are still written with what was saved
        try:
            running = self.running_since is not None
            self.pause()
            item = self.current_item() if running else None
            if item is not None and item.status == "open":
                self.store.meetings.update_agenda_item(item.id, item.version, status="done")
        except StoreError:
            pass
        try:
            self.store.meetings.end(meeting_id, self.store.meetings.get(meeting_id).version)
        finally:
            self.meeting_id = None
            self.current_id = None
            self.running_since = None
            self.store.meeting_id = None
        self.last_minutes = write_minutes(self.store, meeting_id, tz=self.tz)
        self._notify()
        return self.last_minutes

    def discard(self) -> None:
        """Discard the running meeting (started by mistake): no minutes are written, and it is gone
        from the meetings; the discard is in the change log, and changes made meanwhile stay."""
        if self.meeting_id is None:
            return
        meeting = self.store.meetings.get(self.meeting_id)
        self.store.meetings.discard(meeting.id, meeting.version)  # a refusal leaves the meeting running
        self.meeting_id = None
        self.current_id = None
        self.running_since = None
        self.pending_notes.clear()
        self._notify()

    def close_unfinished(self, meeting_id: int) -> Path:
        """End a meeting left running by a window that died, at its last recorded change; write minutes."""
        changes = self.store.changes(meeting_id=meeting_id)
        meeting = self.store.meetings.get(meeting_id)
        last = max([c.at for c in changes] + ([meeting.started] if meeting.started else []), default=None)
        self.store.meetings.end(meeting_id, meeting.version, at=last)
        self.last_minutes = write_minutes(self.store, meeting_id, tz=self.tz)
        return self.last_minutes

    def shutdown(self) -> None:
        """The app's shutdown hook: end a running meeting and write its minutes."""
        if self.meeting_id is not None:
            self.end()

    def _notify(self) -> None:
        for listener in list(self.listeners):
            try:
                listener()
            except Exception:  # noqa: BLE001 - a listener (UI) failing must not stop a meeting
                pass


#: The name screens and the app knew it by.
MeetingSession = MeetingService
