"""Reports read from the store: a retrospective's goals vs outcomes, the risk register as CSV, and
the daily and weekly reports (Markdown from a template, written beside the minutes).

The figures are computed by ``cockpit.logic`` (pure: flow figures, KR numbers, the reports' sections);
this module reads what they need and writes files through the one private writer.
"""

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.logic.csv_text import for_file
from cockpit.logic.retro_metrics import RetroMetrics, compute
from cockpit.logic.risk_csv import to_csv
from cockpit.logic.recurrence import TRAIN_KINDS, Occurrence, expand, skipped_trains
from cockpit.logic.report import (
    MAX_DAYS_BACK,
    UNASSIGNED,
    ActionLine,
    CardInfo,
    Daily,
    DecisionLine,
    Delivered,
    Entry,
    FlowLine,
    OkrLine,
    RiskDue,
    RiskNow,
    Weekly,
    change_text,
    days_text,
    moves_by_person,
    newly_blocked,
    previous_working_day,
    risk_news,
    week_of,
)
from cockpit.logic.report_render import render
from cockpit.services.files import WorkspaceFiles, private_folder, write_private
from cockpit.db.models import IterationRead
from cockpit.db.models_risks import DEFAULT_THRESHOLDS, RiskRead

if TYPE_CHECKING:
    from cockpit.db.store import Store
    from cockpit.services.flow import FlowSet


def retro_metrics(store: "Store", iteration: IterationRead, now: datetime | None = None) -> RetroMetrics:
    """The metrics of ``iteration`` from the store's change log, as of ``now`` (only the rows of the
    cards that were ever in the iteration are read: the cost follows the iteration, not the log)."""
    return compute(iteration, store.iteration_changes(iteration.id), store.workspace.stages(), now or store.now())


def export_csv(risks: Iterable[RiskRead], path: Path, thresholds: tuple[int, int, int] = DEFAULT_THRESHOLDS,
               *, bom: bool = True) -> int:
    """Write the register to ``path`` (with a byte-order mark for Excel unless ``bom`` is False);
    returns the number of risks written."""
    rows = list(risks)
    write_private(path, for_file(to_csv(rows, thresholds), bom))
    return len(rows)


# --- the daily and weekly reports (issue 18) ---------------------------------------------------------

REPORT_TITLES = {"daily": "Daily report", "weekly": "Weekly report"}
#: How far ahead the weekly looks for the release train and the key nodes.
LOOK_AHEAD_DAYS = 14


def _start_of(day: date, zone: tzinfo | None) -> datetime:
    """The first moment of ``day`` in the workspace's zone (as an aware time)."""
    local = datetime.combine(day, time.min)
    return (local.replace(tzinfo=zone) if zone is not None else local.astimezone()).astimezone(timezone.utc)


def _project_name(store: "Store", project_id: int) -> str:
    return next((p.name for p in store.workspace.projects(include_closed=True) if p.id == project_id), "project")


def holidays(store: "Store", start: date, end: date) -> set[date]:
    """The days between ``start`` and ``end`` covered by a calendar event of kind "holiday"."""
    found: set[date] = set()
    for occurrence in expand([e for e in store.calendar.events(start, end) if e.kind == "holiday"], start, end):
        day = max(occurrence.day, start)
        while day <= min(occurrence.end_day, end):
            found.add(day)
            day += timedelta(days=1)
    return found


def daily_since(store: "Store", day: date, zone: tzinfo | None) -> tuple[datetime, str]:
    """Where the daily of ``day`` starts: the end of the last stand-up held before that day, else the
    start of the previous working day; and those words for the report."""
    midnight = _start_of(day, zone)
    standups = [m for m in store.meetings.all() if m.kind == "stand-up" and m.started is not None
                and m.started < midnight]
    if standups:
        last = max(standups, key=lambda m: (m.started, m.id))
        moment = min(last.ended or last.started, midnight)  # type: ignore[type-var]
        return moment, f"the stand-up of {last.started.astimezone(zone):%a %d %b %Y, %H:%M}"  # type: ignore[union-attr]
    previous = previous_working_day(day, holidays(store, day - timedelta(days=MAX_DAYS_BACK), day))
    return _start_of(previous, zone), f"{previous:%A %d %B %Y} (the previous working day)"


def _occurrences(events: list, start: date, end: date) -> "list[tuple[Entry, Occurrence]]":
    found = []
    for occurrence in expand(events, start, end):
        if occurrence.day >= start:
            when = "all day" if occurrence.all_day or occurrence.start_time is None else f"{occurrence.start_time:%H:%M}"
            found.append((Entry(occurrence.day, when, occurrence.title, occurrence.kind), occurrence))
    return found


def _entries(store: "Store", start: date, end: date) -> list[Entry]:
    return [entry for entry, _occurrence in _occurrences(store.calendar.events(start, end), start, end)]


def train(store: "Store", start: date, end: date) -> list[Entry]:
    """The release train's stops between ``start`` and ``end``: occurrences of the recurring release
    and review events (moved ones where they moved to), and the days it is skipped, with the holiday."""
    events = store.calendar.events(start, end)
    series = {e.id for e in events if e.rrule and e.kind in TRAIN_KINDS}
    stops = [entry for entry, occurrence in _occurrences(events, start, end) if occurrence.series_id in series]
    stops += [Entry(skip.day, "", skip.label, skip.kind) for skip in skipped_trains(events, start, end)]
    return sorted(stops, key=lambda e: (e.day, e.time == "", e.time))


def _nodes(store: "Store", start: date, end: date) -> list[Entry]:
    return [Entry(node.day, "all day", node.name, node.kind, node.iteration_name)
            for node in store.calendar.key_dates(start, end)]


def _flows(store: "Store", project_id: int, now: datetime, since: datetime) -> "FlowSet":
    """The flows of the project's cards changed since ``since``: every card delivered since then is
    one of them (its last delivery is a change), so the report reads a few weeks, not the whole log."""
    from cockpit.services.flow import load

    return load(store, [project_id], now, touched_since=since)


def daily(store: "Store", day: date, project_id: int) -> Daily:
    """The daily report of ``day`` for the project (the store reads follow ``store.project_id``)."""
    zone = store.settings.zone()
    since, since_text = daily_since(store, day, zone)
    until = _start_of(day + timedelta(days=1), zone)
    people = {p.id: p.name for p in store.workspace.people()}
    window = store.changes(since=since, until=until)  # one read by time (indexed), split below
    changes = [c for c in window if c.entity == "item"]
    delivered = [f for f in _flows(store, project_id, store.now(), since).flows
                 if f.delivered is not None and since <= f.delivered < until]
    stages = {s.id: s.name for s in store.workspace.stages(project_id)}
    named = {c.entity_id for c in changes} | {f.card.id for f in delivered}  # deleted cards: left out
    rows = store.items.board_rows(sorted(named) if len(named) <= 2000 else None) if named else []  # one query
    items = {row.id: row for row in rows if row.id in named and row.stage_id in stages}  # this project's
    cards = {i.id: CardInfo(i.title, people.get(i.owner_id, "") if i.owner_id is not None else "")
             for i in items.values()}
    report = Daily(project=_project_name(store, project_id), day=day, since=since_text)
    report.moved = moves_by_person(changes, cards, stages, zone, day)
    report.blocked = newly_blocked(changes, cards, {i.id: i.blocked for i in items.values()}, zone, day)
    report.delivered = sorted(
        (Delivered(f.card.id, f.card.title, cards[f.card.id].owner or UNASSIGNED, days_text(f.cycle_days))
         for f in delivered if f.card.id in cards), key=lambda d: d.title.casefold())
    risks = [RiskNow(r.id, r.title, r.owner_name, r.probability, r.impact, r.response) for r in store.risks.all()]
    report.risks = risk_news([c for c in window if c.entity == "risk"], risks)
    report.key_nodes = _nodes(store, day, day)
    report.meetings = [e for e in _entries(store, day, day) if e.kind != "holiday"]
    return report


def _flow_lines(store: "Store", project_id: int, day: date) -> list[FlowLine]:
    from cockpit.services.flow import board

    zone = store.settings.zone()
    previous_monday = week_of(day)[0] - timedelta(weeks=1)
    flows = _flows(store, project_id, store.now(), _start_of(previous_monday, zone))
    figures = board(store, flows, 2, day, store.now(), cumulative=False).weeks
    previous, this = figures[-2], figures[-1]
    lines = [FlowLine("Delivered (throughput)", str(this.delivered), str(previous.delivered),
                      change_text(this.delivered, previous.delivered))]
    for name, attr in (("Cycle time, median", "cycle_median"), ("Cycle time, 85th percentile", "cycle_p85")):
        now, before = getattr(this, attr), getattr(previous, attr)
        lines.append(FlowLine(name, days_text(now), days_text(before), change_text(now, before, "days")))
    if this.serving_okr is not None:
        lines.append(FlowLine("Serving an OKR", share_text(this.okr_share), share_text(previous.okr_share), "—"))
    return lines


def share_text(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def _okr_lines(store: "Store", project_id: int, day: date) -> list[OkrLine]:
    from cockpit.logic.okr import avg7_text, number, progress_text, wow_text
    from cockpit.services.okr import okr_board

    lines = []
    for block in okr_board(store, project_id, day):
        for row in block.rows:
            kr, unit = row.kr, row.kr.unit
            lines.append(OkrLine(block.objective.title, kr.code, kr.title, row.owner or UNASSIGNED,
                                 avg7_text(row.figures, unit), number(kr.target, unit), number(kr.baseline, unit),
                                 wow_text(row.figures.wow_pct), progress_text(row.figures.progress)))
    return lines


def weekly(store: "Store", day: date, project_id: int) -> Weekly:
    """The weekly report of the week of ``day`` for the project."""
    zone = store.settings.zone()
    start, end = week_of(day)
    report = Weekly(project=_project_name(store, project_id), day=day, week_start=start, week_end=end)
    report.flow = _flow_lines(store, project_id, day)
    report.okr = _okr_lines(store, project_id, day)
    report.risks_due = sorted(
        (RiskDue(r.id, r.title, r.owner_name or UNASSIGNED, r.score, r.next_review, r.next_review < day)
         for r in store.risks.all() if r.status == "open" and r.next_review is not None and r.next_review <= end),
        key=lambda r: (r.review, -r.score, r.title.casefold()))
    ahead = day + timedelta(days=LOOK_AHEAD_DAYS)
    report.train = train(store, day, ahead)
    report.key_nodes = _nodes(store, day, ahead)
    first, last = _start_of(start, zone), _start_of(end + timedelta(days=1), zone)
    for meeting in sorted((m for m in store.meetings.all() if m.started is not None and first <= m.started < last),
                          key=lambda m: (m.started, m.id)):
        detail = store.meetings.detail(meeting.id)
        held = meeting.started.astimezone(zone).date()  # type: ignore[union-attr]
        report.decisions += [DecisionLine(meeting.title, held, d.text) for d in detail.decisions]
        report.actions += [ActionLine(a.text, a.owner or UNASSIGNED, a.due.isoformat() if a.due else "no due date",
                                      meeting.title) for a in detail.actions if a.status == "open"]
    return report


def report_text(store: "Store", kind: str, day: date, project_id: int, templates: Path | None = None) -> str:
    """The report as Markdown, laid out by the workspace's template if it has one (``templates``:
    another folder of templates)."""
    folder = templates if templates is not None else WorkspaceFiles.of(store).templates
    data = daily(store, day, project_id) if kind == "daily" else weekly(store, day, project_id)
    return render(kind, data, folder)


def report_path(store: "Store", kind: str, day: date, project_id: int) -> Path:
    """Where a report is written: the minutes folder, ``2026-11-22-daily-report-<project>.md``."""
    slug = re.sub(r"[^a-z0-9]+", "-", _project_name(store, project_id).casefold()).strip("-")[:40] or "project"
    return WorkspaceFiles.of(store).minutes / f"{day.isoformat()}-{kind}-report-{slug}.md"


def write_report(store: "Store", kind: str, day: date, project_id: int, out: Path | None = None) -> tuple[Path, str]:
    """Write the report (to ``out``, or beside the minutes); returns the path and the text."""
    text = report_text(store, kind, day, project_id)
    path = out if out is not None else report_path(store, kind, day, project_id)
    if out is None:
        private_folder(path.parent)
    return write_private(path, text), text
