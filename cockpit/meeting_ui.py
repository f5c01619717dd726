"""The app's side of meetings: m starts one (from any screen), ctrl+e ends it, the header shows it and
its timer, and at start a meeting left unfinished by a killed window is offered for closing.

``MeetingControls`` is owned by the app and given what it needs (the app as a Textual ``App``, the
workspace, and how to reload and redraw the header); it never imports the app shell.

Ending a meeting writes the minutes in a worker (``run_slow``): the cockpit stays live, and a
progress dialog appears if it takes more than half a second.  Quitting or a signal while the minutes
are being written waits for them (``shutdown``): the process never exits with the minutes half done.
"""

import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from cockpit.context import MeetingChanged, Workspace
from cockpit.header import MeetingLine
from cockpit.logic.present import Secrets
from cockpit.db.errors import StoreError
from cockpit.screens.base import CockpitScreen
from cockpit.widgets.meeting_timer import clock

if TYPE_CHECKING:  # imported when first used: the app paints before the database layer is imported
    from cockpit.screens.shared.progress import Progress, SlowWork
    from cockpit.services.meetings import MeetingSession
    from cockpit.db.models_meetings import MeetingRead


def header_line(session: "MeetingSession", secrets: Callable[[], Secrets] = Secrets) -> MeetingLine | None:
    """The running meeting for the header (its title, time, and the speaker or agenda item with the
    time it has left); ``secrets`` gives what to hide now (presenting: an agenda item made from a
    confidential card or risk is masked).  None when no meeting runs."""
    if not session.active:
        return None
    try:
        meeting = session.meeting()
        item = session.current_item()
    except StoreError:
        return None
    if meeting is None:
        return None
    line = MeetingLine(meeting.title, clock(session.elapsed()))
    if item is None:
        return line
    used = session.used(item)
    left = item.box_seconds - used
    return MeetingLine(meeting.title, line.elapsed, speaker=secrets().hide(item.title),
                       running=session.timer_running, used=f"{clock(used)}/{clock(item.box_seconds)}",
                       left=f"{clock(left)} left" if left >= 0 else f"{clock(-left)} over")


def header_text(session: "MeetingSession", secrets: Callable[[], Secrets] = Secrets) -> str | None:
    """"● Stand-up 22 Nov 2026 · 12:04 · ▶ Ann Lee 1:30/2:00" while a meeting runs, else None."""
    line = header_line(session, secrets)
    return line.full() if line is not None else None


def running_elsewhere(meeting: "MeetingRead") -> bool:
    """Is the window that started ``meeting`` still alive (same machine, live process)?"""
    host, _, pid = meeting.host.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class MeetingControls:
    """Start, end and recover meetings for the whole app (not one screen)."""

    def __init__(self, app: App, workspace: Workspace, *, reload: Callable[[], None],
                 update_header: Callable[[], None], secrets: Callable[[], Secrets]) -> None:
        self.app = app
        self.workspace = workspace
        self.session = workspace.meetings
        self._reload = reload
        self._update_header = update_header
        self._secrets = secrets
        #: Held while a meeting ends (worker) or the app shuts down: never both at once.
        self._ending_lock = threading.Lock()
        self._ui_thread = threading.get_ident()
        #: The latest ctrl+e: its minutes are written in a worker (tests await ``ending.finished``).
        self.ending: "SlowWork[Path | None] | None" = None
        self.session.listeners.append(self._changed)

    # --- what the app shows ---------------------------------------------------------------------

    def header(self) -> str | None:
        return header_text(self.session, self._secrets)

    def header_line(self) -> MeetingLine | None:
        return header_line(self.session, self._secrets)

    def _changed(self) -> None:
        """The meeting started or ended: header, and which keys apply (ctrl+e)."""
        if threading.get_ident() != self._ui_thread:
            return  # ended in the worker: ``_ended`` does this on the UI thread
        self._update_header()
        if self.app.is_running:
            self.app.refresh_bindings()
            for screen in self.app.screen_stack:
                if isinstance(screen, CockpitScreen):
                    screen.post_message(MeetingChanged())

    def _show(self, kind: str) -> None:
        self.app.switch_mode("retro" if kind == "retrospective" else "meeting")

    # --- starting -------------------------------------------------------------------------------

    def start(self, kind: str = "stand-up", iteration_id: int | None = None) -> None:
        app, session, store = self.app, self.session, self.workspace.store
        if session.active:
            app.notify("A meeting is already running: ctrl+e ends it and writes the minutes.", severity="warning")
            app.switch_mode("meeting")
            return
        from cockpit.screens.meetings.start import StartMeetingModal

        today = self.workspace.today
        # closed (archived) iterations are not offered, unless asked for (a retro of a closed one)
        iterations = [it for it in store.workspace.iterations() if not it.closed or it.id == iteration_id]
        if iteration_id is None and iterations:  # the running one (the latest started), else the last ended
            running = store.workspace.current_iteration(today)
            ended = [it for it in iterations if it.end < today]
            iteration_id = (running or (ended[-1] if ended else iterations[0])).id

        def start(values: dict[str, Any]) -> None:  # a refusal (StoreError) is shown in the form
            session.start(values["kind"], values["title"], values["attendee_ids"], iteration_id=values["iteration_id"])

        def started(values: dict[str, Any] | None) -> None:
            if values is not None:
                app.notify(f"{values['title']} started: every change is attributed to it until ctrl+e", markup=False)
                self._show(values["kind"])
                self._reload()

        app.push_screen(StartMeetingModal(start, store.workspace.people(), iterations, today, kind, iteration_id),
                        started)

    # --- discarding (started by mistake) ---------------------------------------------------------

    def discard(self) -> None:
        """Ask, then discard the running meeting: no minutes; changes made meanwhile stay."""
        app, session = self.app, self.session
        if not session.active:
            app.notify("No meeting is running.", severity="warning")
            return
        from cockpit.screens.shared.confirm import ConfirmModal

        try:
            meeting = session.meeting()
        except StoreError as error:
            app.notify(str(error), severity="error", markup=False)
            return
        if meeting is None:
            return

        def chosen(yes: bool | None) -> None:
            if not yes:
                return
            try:
                session.discard()
            except StoreError as error:
                app.notify(f"Not discarded: {error}", severity="error", markup=False)
            else:
                app.notify(f"{meeting.title} discarded: no minutes written", markup=False)
            self._reload()

        app.push_screen(ConfirmModal(
            f"Discard {meeting.title}?",
            "Its agenda, notes, decisions and action items are deleted and no minutes are written. "
            "Changes made on the board and elsewhere meanwhile stay.", "Discard", danger=True), chosen)

    # --- ending ---------------------------------------------------------------------------------

    def end(self, *, confirmed: bool = False) -> "SlowWork[Path | None] | None":
        """ctrl+e: end the meeting and write its minutes in a worker; None if no meeting runs, or
        while the PM is asked whether to end a retrospective whose previous action items are not
        all settled (done or carried over)."""
        if not self.session.active or (self.ending is not None and not self.ending.finished.is_set()):
            if not self.session.active:
                self.app.notify("No meeting is running.", severity="warning")
            return None
        unsettled = [] if confirmed else self._unsettled_actions()
        if unsettled:
            from cockpit.screens.shared.confirm import ConfirmModal

            count = len(unsettled)
            question = (f"{count} of last time's action items {'is' if count == 1 else 'are'} neither done nor "
                        "carried over: " + "; ".join(a.text for a in unsettled[:3]) + ("…" if count > 3 else "")
                        + ".  End the retrospective and write its minutes anyway?")
            self.app.push_screen(ConfirmModal("End the retrospective?", question, "End it", "Go back"),
                                 lambda yes: self.end(confirmed=True) if yes else None)
            return None

        from cockpit.screens.shared.progress import run_slow  # a progress dialog: not before the first frame

        def work(progress: "Progress") -> Path | None:
            progress.update(0, 1, "Saving the notes and writing the minutes")  # a cancel before: nothing ends
            with self._ending_lock:
                return self.session.end()

        self.ending = run_slow(self.app, work, title="Ending the meeting", done=self._ended,
                               failed=self._not_ended, errors=(StoreError, OSError))
        return self.ending

    def _unsettled_actions(self) -> list:
        """A running retrospective's previous action items still open (none for other meetings)."""
        try:
            meeting = self.session.meeting()
            if meeting is None or meeting.kind != "retrospective":
                return []
            meetings = self.workspace.store.meetings
            previous = meetings.previous_retrospective(meeting.id, before=meeting.started)
            return [a for a in meetings.actions(previous.id) if a.status == "open"] if previous else []
        except StoreError:
            return []  # ending must not fail on a read: the minutes matter more

    def _ended(self, path: Path | None) -> None:
        self._changed()
        self.app.notify(f"Meeting ended. Minutes: {path}", timeout=10, markup=False)
        self._reload()

    def _not_ended(self, error: Exception) -> None:
        self._changed()
        self.app.notify(f"The minutes could not be written: {error}", severity="error", markup=False)
        self._reload()

    def shutdown(self) -> None:
        """The app's shutdown hook (quit, SIGTERM, SIGHUP): end a running meeting and write its
        minutes now; if ctrl+e is writing them in a worker, wait until they are written."""
        with self._ending_lock:
            self.session.shutdown()

    # --- after a crash --------------------------------------------------------------------------

    def offer_unfinished(self) -> None:
        """Offer to close each meeting that started and never ended (or resume it)."""
        app, session = self.app, self.session
        try:
            waiting = [m for m in self.workspace.store.meetings.unfinished()
                       if m.id != session.meeting_id and not running_elsewhere(m)]
        except StoreError:
            return
        if not waiting:
            return
        from cockpit.screens.meetings.unfinished import UnfinishedMeetingModal

        meeting = waiting[-1]

        def chosen(choice: str | None) -> None:
            try:
                if choice == "close":
                    path = session.close_unfinished(meeting.id)
                    app.notify(f"Meeting closed. Minutes: {path}", timeout=10, markup=False)
                elif choice == "resume":
                    session.resume(meeting)
                    self._show(meeting.kind)
            except (StoreError, OSError) as error:
                app.notify(str(error), severity="error", markup=False)
            self._reload()

        app.push_screen(UnfinishedMeetingModal(meeting, self.workspace.clock.zone()), chosen)
