"""Writing minutes: gather a meeting's data, render it, write it atomically into ``minutes/``.

The folder is ``minutes/`` beside the SQLite database (in the data folder for a database server),
created private (0700); each file is private (0600), named from the meeting's date and kind
(``2026-11-22-stand-up.md``; a second stand-up that day gets ``-2``), written to a temporary file
first and moved into place, so a reader never sees half a file.
"""

import os
from datetime import datetime, tzinfo
from pathlib import Path

from cockpit.logic.files import write_private
from cockpit.logic.minutes import MinutesInput, render
from cockpit.logic.retro_metrics import retro_metrics
from cockpit.settings import data_dir
from db.engine import sqlite_path
from db.models_meetings import MeetingRead
from db.store import Store


def minutes_dir(store: Store) -> Path:
    path = sqlite_path(store.engine.url.render_as_string(hide_password=False))
    return (path.parent if path is not None else data_dir()) / "minutes"


def file_name(store: Store, meeting: MeetingRead, tz: tzinfo | None = None) -> str:
    started = meeting.started or store.now()
    day = started.astimezone(tz).date()
    same = sorted((m for m in store.meetings.all() if m.kind == meeting.kind and m.started is not None
                   and m.started.astimezone(tz).date() == day), key=lambda m: (m.started, m.id))
    rank = next((n for n, m in enumerate(same, 1) if m.id == meeting.id), 1)
    return f"{day.isoformat()}-{meeting.kind}{'' if rank == 1 else f'-{rank}'}.md"


def minutes_input(store: Store, meeting_id: int, ended: datetime | None = None) -> MinutesInput:
    detail = store.meetings.detail(meeting_id)
    data = MinutesInput(detail=detail, changes=store.changes(meeting_id=meeting_id), ended=ended)
    meeting = detail.meeting
    if meeting.kind == "retrospective":
        if meeting.iteration_id is not None:
            iteration = next((it for it in store.workspace.iterations() if it.id == meeting.iteration_id), None)
            if iteration is not None:
                data.metrics = retro_metrics(store, iteration, meeting.started or store.now()).summary_lines()
        previous = store.meetings.previous_retrospective(meeting.id, before=meeting.started)
        if previous is not None:
            data.previous_actions = store.meetings.actions(previous.id)
    return data


def minutes_text(store: Store, meeting_id: int, tz: tzinfo | None = None) -> str:
    return render(minutes_input(store, meeting_id), tz)


def write_minutes(store: Store, meeting_id: int, out: Path | None = None, tz: tzinfo | None = None) -> Path:
    """Write the minutes of a meeting (to ``out`` or into the minutes folder); returns the path."""
    meeting = store.meetings.get(meeting_id)
    if out is None:
        folder = minutes_dir(store)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        out = folder / file_name(store, meeting, tz)
    return write_private(Path(out), minutes_text(store, meeting_id, tz))
