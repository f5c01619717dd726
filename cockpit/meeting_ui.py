"""The app's side of meetings: m starts one (from any screen), ctrl+e ends it, the header shows it and
its timer, and at start a meeting left unfinished by a killed window is offered for closing."""

import os
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING

from cockpit.logic.present import Secrets
from db.errors import StoreError
from widgets.meeting_timer import clock

if TYPE_CHECKING:  # imported when first used: the app paints before the database layer is imported
    from cockpit.app import CockpitApp
    from cockpit.services.meetings import MeetingSession
    from db.models_meetings import MeetingRead
    from screens.meetings.start import MeetingDraft


def install(app: "CockpitApp") -> "MeetingSession":
    """The window's meeting session, once the workspace is open."""
    from cockpit.services.meetings import MeetingSession

    session = MeetingSession(app.store)
    app.shutdown_hooks.append(session.shutdown)
    session.listeners.append(lambda: _changed(app))
    return session


def _changed(app: "CockpitApp") -> None:
    """The meeting started or ended: header, and which keys apply (ctrl+e)."""
    tick(app)
    if app.is_running:
        app.refresh_bindings()
        if app.screen is not None:
            app.screen.refresh_bindings()


def header_text(session: "MeetingSession", secrets: Callable[[], Secrets] = Secrets) -> str | None:
    """"● Stand-up 22 Nov 2026 · 12:04 · Ann Lee 1:30/2:00" while a meeting runs; ``secrets`` gives
    what to hide now (presenting: an agenda item made from a confidential card or risk is masked)."""
    if not session.active:
        return None
    try:
        meeting = session.meeting()
        item = session.current_item()
    except StoreError:
        return None
    if meeting is None:
        return None
    text = f"● {meeting.title} · {clock(session.elapsed())}"
    if item is not None:
        mark = "▶" if session.timer_running else "⏸"
        title = secrets().hide(item.title)
        text += f" · {mark} {title} {clock(session.used(item))}/{clock(item.box_seconds)}"
    return text


def tick(app: "CockpitApp") -> None:
    """Refresh the header's meeting and timer (every second)."""
    app.update_sub_title()


def start_meeting(app: "CockpitApp", kind: str = "stand-up", iteration_id: int | None = None) -> None:
    session = app.meeting_session
    if session.active:
        app.notify("A meeting is already running: ctrl+e ends it and writes the minutes.", severity="warning")
        app.switch_mode("meeting")
        return
    from screens.meetings.start import StartMeetingModal

    store = app.store
    today = app.today or store.today()
    iterations = store.workspace.iterations()
    if iteration_id is None and iterations:
        ended = [it for it in iterations if it.end < today]
        iteration_id = (ended[-1] if ended else iterations[0]).id

    def begin(draft: "MeetingDraft | None") -> None:
        if draft is None:
            return
        try:
            session.start(draft.kind, draft.title, draft.attendee_ids, iteration_id=draft.iteration_id)
        except StoreError as error:
            app.notify(error.message, title="Not started", severity="error", markup=False)
            return
        app.notify(f"{draft.title} started: every change is attributed to it until ctrl+e", markup=False)
        app.switch_mode("retro" if draft.kind == "retrospective" else "meeting")
        app.reload_screens()

    app.push_screen(StartMeetingModal(store.workspace.people(), iterations, today, kind, iteration_id), begin)


def end_meeting(app: "CockpitApp") -> None:
    session = app.meeting_session
    if not session.active:
        app.notify("No meeting is running.", severity="warning")
        return
    try:
        path = session.end()
    except (StoreError, OSError) as error:
        app.notify(f"The minutes could not be written: {error}", severity="error", markup=False)
        return
    app.notify(f"Meeting ended. Minutes: {path}", timeout=10, markup=False)
    app.reload_screens()


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


def offer_unfinished(app: "CockpitApp") -> None:
    """After a crash: offer to close each meeting that started and never ended (or resume it)."""
    try:
        waiting = [m for m in app.store.meetings.unfinished()
                   if m.id != app.meeting_session.meeting_id and not running_elsewhere(m)]
    except StoreError:
        return
    if not waiting:
        return
    from screens.meetings.unfinished import UnfinishedMeetingModal

    meeting = waiting[-1]
    session = app.meeting_session

    def chosen(choice: str | None) -> None:
        try:
            if choice == "close":
                path = session.close_unfinished(meeting.id)
                app.notify(f"Meeting closed. Minutes: {path}", timeout=10, markup=False)
            elif choice == "resume":
                session.resume(meeting)
                app.switch_mode("retro" if meeting.kind == "retrospective" else "meeting")
        except (StoreError, OSError) as error:
            app.notify(str(error), severity="error", markup=False)
        app.reload_screens()

    app.push_screen(UnfinishedMeetingModal(meeting), chosen)
