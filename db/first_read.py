"""The board's first read, with the standard library only (``sqlite3``): what the first paint of the
board needs, read before SQLAlchemy and the models are imported (design.md §3: paint first).

Only for a SQLite file already at the newest schema (``db.files.HEAD``; the command line has just
checked it): it opens the file read-only, runs no migration, and reads the project opened last, its
stages, each column's count and only its first ``per_column`` cards in scope (the current iteration
plus unfinished earlier work, as the board shows them), the people, the iterations and the key
results' codes.  It returns plain frozen records; the board is drawn from them while the store comes
up, then the board reads everything through the store as usual.  Any surprise (a table not as
expected, a locked or damaged file) raises ``sqlite3.Error`` or ``ValueError``: the caller then takes
the normal path.  PostgreSQL always takes the normal path.
"""

import json
import os
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import NamedTuple

from cockpit.db.text import clean_line

#: ``COCKPIT_TZ`` (an IANA name) overrides the workspace's zone: for tests and CI machines.
ZONE_ENV = "COCKPIT_TZ"
TIME_ZONE = "time_zone"
#: How many cards of each column the first paint reads: a tall terminal shows about 20 (a card is
#: three lines); the rest comes with the store, a moment later.
FIRST_WINDOW = 60
#: Stage categories whose cards are finished (the board's default scope hides them unless current).
FINISHED = frozenset({"done", "after_release"})


class BoardRow(NamedTuple):
    """What a board card shows: a slim, plain read model (the board reads thousands at once)."""

    id: int
    version: int
    stage_id: int
    position: int
    title: str
    kind: str
    priority: str
    owner_id: int | None
    estimate: float | None
    iteration_id: int | None
    due: date | None
    blocked: bool
    blocked_reason: str
    stage_entered: datetime
    confidential: bool  # masked while presenting (f5)
    kr_id: int | None = None  # the key result the card serves


class StageLine(NamedTuple):
    id: int
    name: str
    category: str
    wip_limit: int | None
    criteria: tuple[str, ...]


class PersonLine(NamedTuple):
    id: int
    handle: str
    name: str


class IterationLine(NamedTuple):
    id: int
    name: str
    start: date
    end: date
    closed: bool


class BoardFirstRead(NamedTuple):
    """What the board's first paint shows: each column's first cards in scope, and the counts."""

    project_id: int
    project_name: str
    today: date
    utc_offset: timedelta
    stages: tuple[StageLine, ...]
    people: dict[int, PersonLine]
    iterations: dict[int, IterationLine]
    current: IterationLine | None
    kr_codes: dict[int, str]
    rows: dict[int, tuple[BoardRow, ...]]  # stage id -> its first cards in scope, in order
    counts: dict[int, int]  # stage id -> every card in the stage (WIP)
    in_scope: dict[int, int]  # stage id -> the cards in scope (shown)


def resolve_zone(name: str) -> tzinfo | None:
    """The workspace's zone: ``COCKPIT_TZ`` if set, else ``name`` (Setup's), else None (this computer's)."""
    for candidate in (os.environ.get(ZONE_ENV, "").strip(), name):
        if candidate:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only for a named zone (before the first frame)

            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def current_of(iterations: "list[IterationLine]", today: date) -> IterationLine | None:
    """The running iteration that started last (closed ones do not count), or None."""
    running = [it for it in iterations if not it.closed and it.start <= today <= it.end]
    return max(running, key=lambda it: (it.start, it.id)) if running else None


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _marks(values: "list[int] | set[int] | tuple[int, ...]") -> str:
    return ",".join(str(int(value)) for value in values) or "-1"  # never NULL: NOT IN (NULL) is never true


def read_board(path: Path, *, per_column: int = FIRST_WINDOW, today: date | None = None,
               now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> BoardFirstRead | None:
    """The first paint's data of the workspace file ``path`` (at HEAD), or None if it has no project."""
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True)
    try:
        return _read(conn, per_column, today, now)
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, per_column: int, today: date | None,
          now: Callable[[], datetime]) -> BoardFirstRead | None:
    conn.execute("BEGIN")  # one snapshot for every query
    project = conn.execute('SELECT id, name FROM project ORDER BY closed, opened IS NULL, opened DESC, id'
                           ' LIMIT 1').fetchone()
    if project is None:
        return None
    project_id = project[0]
    setting = conn.execute("SELECT value FROM workspace_setting WHERE key = ?", (TIME_ZONE,)).fetchone()
    zone = resolve_zone(setting[0] if setting else "")
    moment = now().astimezone(zone)
    today = today or moment.date()
    stages = tuple(StageLine(sid, name, category, limit, tuple(c for c in (clean_line(x) for x in json.loads(criteria or "[]")) if c))
                   for sid, name, category, limit, criteria in conn.execute(
                       "SELECT id, name, category, wip_limit, criteria FROM stage WHERE project_id = ?"
                       " ORDER BY position, id", (project_id,)))
    people = {pid: PersonLine(pid, handle, name) for pid, handle, name in conn.execute("SELECT id, handle, name FROM person")}
    iterations = {iid: IterationLine(iid, name, date.fromisoformat(start[:10]), date.fromisoformat(end[:10]), bool(closed))
                  for iid, name, start, end, closed in conn.execute(
                      'SELECT id, name, start, "end", closed FROM iteration WHERE project_id = ?', (project_id,))}
    current = current_of(list(iterations.values()), today)
    kr_codes = {kid: code for kid, code in conn.execute("SELECT id, code FROM key_result")}
    scope = "1"
    if current is not None:  # as BoardModel._in_scope: the current iteration's, unfinished ones of earlier or none
        later = [i.id for i in iterations.values() if (i.start, i.id) >= (current.start, current.id)]
        finished = [s.id for s in stages if s.category in FINISHED]
        scope = (f"(iteration_id = {int(current.id)} OR (stage_id NOT IN ({_marks(finished)})"
                 f" AND (iteration_id IS NULL OR iteration_id NOT IN ({_marks(later)}))))")
    counts, in_scope, rows = {}, {}, {}
    marks = _marks([stage.id for stage in stages])
    if current is None:  # every card is in scope: the counts come from the index alone
        for stage_id, total in conn.execute(f"SELECT stage_id, COUNT(*) FROM item WHERE stage_id IN ({marks})"
                                            " GROUP BY stage_id"):
            counts[stage_id] = in_scope[stage_id] = total
    else:  # one pass over the table (faster than the index, which would fetch every row by id)
        for stage_id, total, shown in conn.execute(f"SELECT stage_id, COUNT(*), SUM({scope}) FROM item NOT INDEXED"
                                                   f" WHERE stage_id IN ({marks}) GROUP BY stage_id"):
            counts[stage_id], in_scope[stage_id] = total, shown
    columns = ", ".join(BoardRow._fields)
    for stage in stages:
        if in_scope.get(stage.id, 0):  # a column with no card in scope is not searched for its first ones
            rows[stage.id] = tuple(_row(r) for r in conn.execute(
                f"SELECT {columns} FROM item WHERE stage_id = ? AND {scope} ORDER BY position, id LIMIT ?",
                (stage.id, per_column)))
    return BoardFirstRead(project_id, project[1], today, moment.utcoffset() or timedelta(0), stages, people,
                          iterations, current, kr_codes, rows, counts, in_scope)


def _row(r: tuple) -> BoardRow:
    (id_, version, stage_id, position, title, kind, priority, owner_id, estimate, iteration_id, due, blocked,
     reason, entered, confidential, kr_id) = r
    return BoardRow(id_, version, stage_id, position, title, kind, priority, owner_id,
                    None if estimate is None else float(estimate), iteration_id, _day(due), bool(blocked),
                    reason, _moment(entered), bool(confidential), kr_id)
