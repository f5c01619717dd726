"""Minutes of a meeting as GitHub-flavoured Markdown, and their file name (UI-free; the writing is in
``cockpit.services.meetings``)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from itertools import groupby

from cockpit.logic.markdown import md_escape, md_escape_lines
from cockpit.db.models import ChangeRead
from cockpit.db.models_meetings import RETRO_LANES, ActionItemRead, MeetingDetail, MeetingRead

#: Tables of the meetings feature: the minutes show them in their own sections.
MEETING_ENTITIES = frozenset({"meeting", "meeting_attendee", "agenda_item", "decision", "action_item",
                              "retro_note", "retro_vote"})
#: Fields that every write touches or that mean nothing to a reader.
QUIET_FIELDS = frozenset({"version", "updated", "position", "stage_entered", "stage_id"})


@dataclass
class MinutesInput:
    detail: MeetingDetail
    changes: list[ChangeRead] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)           # a retrospective's goals vs outcomes
    previous_actions: list[ActionItemRead] = field(default_factory=list)
    ended: datetime | None = None                              # when the meeting has not ended yet


def inline(text: str) -> str:
    """User text on one line, escaped as in every Markdown file Cockpit writes (no HTML passed
    through, pipes and backslashes escaped)."""
    return md_escape(text)


def cell(text: str) -> str:
    return inline(text) or " "


def clock(seconds: int) -> str:
    seconds = max(int(seconds), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def action_line(action: ActionItemRead) -> str:
    box = "x" if action.status == "done" else " "
    due = action.due.isoformat() if action.due else "no due date"
    extra = []
    if action.item_id:
        extra.append(f"card #{action.item_id}")
    if action.status in ("carried", "dropped"):
        extra.append(action.status if action.status == "dropped" else "carried over")
    if action.carried_from_id:
        extra.append("carried over from the last retrospective")
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"- [{box}] {inline(action.text)} — {inline(action.owner) or 'unassigned'}, {due}{tail}"


def render(data: MinutesInput, tz: tzinfo | None = None) -> str:
    detail = data.detail
    meeting = detail.meeting
    start = meeting.started.astimezone(tz) if meeting.started else None
    ended_at = meeting.ended or data.ended
    end = ended_at.astimezone(tz) if ended_at else None
    lines = [f"# {inline(meeting.title)}", ""]
    lines.append(f"- **Kind:** {meeting.kind_label}")
    if start is not None:
        until = f"–{end:%H:%M}" if end else " (not ended)"
        lines.append(f"- **Date:** {start:%A %d %B %Y}, {start:%H:%M}{until}")
    if start is not None and end is not None:
        lines.append(f"- **Duration:** {duration((end - start).total_seconds())}")
    if detail.facilitator:
        lines.append(f"- **Facilitator:** {inline(detail.facilitator)}")
    attendees = ", ".join(inline(name) for _pid, name in detail.attendees) or "none recorded"
    lines += [f"- **Attendees:** {attendees}", ""]

    if detail.agenda:
        lines += ["## Agenda", "", "| # | Item | Owner | Used / box | Status |", "|---:|---|---|---|---|"]
        for number, item in enumerate(detail.agenda, 1):
            used = f"{clock(item.used_seconds)} / {clock(item.box_seconds)}"
            if item.overrun:
                used += f" (+{clock(item.overrun)})"
            lines.append(f"| {number} | {cell(item.title)} | {cell(item.owner)} | {used} | {item.status} |")
        lines.append("")
    if data.metrics:
        lines += ["## Goals vs outcomes", "", *(f"- {inline(line)}" for line in data.metrics), ""]
    if data.previous_actions:
        lines += ["## Previous action items", "", *(action_line(a) for a in data.previous_actions), ""]
    noted = [item for item in detail.agenda if item.notes.strip()]
    if noted:
        lines += ["## Notes", ""]
        for item in noted:
            lines += [f"### {inline(item.title)}", "", md_escape_lines(item.notes.strip()), ""]
    if detail.notes:
        lines += ["## Retrospective", ""]
        for lane, heading in RETRO_LANES.items():
            notes = [n for n in detail.notes if n.lane == lane]
            lines += [f"### {heading}", ""]
            lines += [f"- {inline(n.text)}" + (f" ({n.votes} vote{'s' if n.votes != 1 else ''})" if n.votes else "")
                      for n in notes] or ["- (none)"]
            lines.append("")
    lines += ["## Decisions", ""]
    lines += [f"{number}. {inline(d.text)}" for number, d in enumerate(detail.decisions, 1)] or ["None recorded."]
    lines += ["", "## Action items", ""]
    lines += [action_line(a) for a in detail.actions] or ["None recorded."]
    lines += ["", "## Changes during the meeting", ""]
    lines += change_lines(data.changes, tz) or ["No changes were recorded during the meeting."]
    return "\n".join(lines).rstrip() + "\n"


def net_actions(changes: list[ChangeRead]) -> list[list[ChangeRead]]:
    """The user actions (change rows grouped by transaction, in order) that still stand: an action
    and its undo cancel out; its redo brings the action back (each revert names what it reverts)."""
    kept: dict[str, list[ChangeRead]] = {}
    undone: dict[str, list[ChangeRead]] = {}  # undo's txn -> the action it cancelled
    for txn, group in groupby(changes, key=lambda c: c.txn):
        rows = list(group)
        reverted = next((str(c.detail["reverts"]) for c in rows if c.detail and c.detail.get("reverts")), None)
        if reverted is not None and reverted in kept:
            undone[txn] = kept.pop(reverted)
        elif reverted is not None and reverted in undone:
            action = undone.pop(reverted)
            kept[action[0].txn] = action
        else:
            kept[txn] = rows
    return list(kept.values())


def change_lines(changes: list[ChangeRead], tz: tzinfo | None = None) -> list[str]:
    """One line per user action recorded during the meeting that still stands (meeting bookkeeping
    left out; an action undone within the meeting is not shown, nor is its undo)."""
    lines = []
    for group in net_actions(changes):
        rows = [c for c in group if c.entity not in MEETING_ENTITIES]
        if not rows:
            continue
        first = rows[0]
        lines.append(f"- {first.at.astimezone(tz):%H:%M} {summary(rows)} ({inline(first.actor)})")
    return lines


def summary(rows: list[ChangeRead], text: Callable[[str], str] = inline) -> str:
    """One user action (its change rows) in words: "Move card Login: Pending test → Pending release"."""
    first = rows[0]
    details = [d for d in (describe(c, text) for c in rows) if d]
    said = text(first.label) or f"{first.action} {first.entity} #{first.entity_id}"
    said = said[:1].upper() + said[1:]
    return said + (f": {'; '.join(details)}" if details else "")


def describe(change: ChangeRead, text: Callable[[str], str] = inline) -> str:
    """What one change row did, generically from its entity, action and fields, with the gate
    overrides and WIP confirmations the PM made for it.  ``text`` makes user text safe where it goes
    (Markdown by default; the History screen passes plain one-line text)."""
    detail = change.detail or {}
    extra = confirmations(detail, text)
    if "from_stage" in detail or "to_stage" in detail:
        moved = f"{text(detail.get('from_stage') or '?')} → {text(detail.get('to_stage') or '?')}"
        return "; ".join([moved, *extra])
    if change.action in ("create", "delete"):
        return "; ".join(extra)
    parts = []
    for name in change.fields:
        if name in QUIET_FIELDS:
            continue
        before = (change.before or {}).get(name)
        after = (change.after or {}).get(name)
        if _short(before) and _short(after):
            parts.append(f"{name.replace('_', ' ')} {_show(before, text)} → {_show(after, text)}")
        else:
            parts.append(f"{name.replace('_', ' ')} changed")
    return "; ".join([", ".join(parts), *extra] if parts else extra)


def confirmations(detail: dict, text: Callable[[str], str] = inline) -> list[str]:
    """A gate overridden (with the typed reason and what was unmet) and a WIP limit passed on
    purpose, as recorded in a change's ``detail``."""
    out = []
    if detail.get("gate") == "overridden":
        said = f"gate overridden: {text(detail.get('override_reason') or 'no reason given')}"
        unmet = [text(c) for c in detail.get("unmet") or []]
        out.append(said + (f" (unmet: {', '.join(unmet)})" if unmet else ""))
    if detail.get("wip_confirmed"):
        limit, count = detail.get("wip_limit"), detail.get("wip_count")
        out.append(f"WIP limit {limit} passed on purpose (it held {count})" if limit is not None
                   else "WIP limit passed on purpose")
    return out


def _short(value: object) -> bool:
    return value is None or isinstance(value, (int, float, bool)) or (isinstance(value, str) and len(value) <= 40)


def _show(value: object, text: Callable[[str], str] = inline) -> str:
    if value is None or value == "":
        return "none"
    return text(str(value).lower() if isinstance(value, bool) else str(value))


def file_name(meeting: MeetingRead, meetings: Iterable[MeetingRead], now: datetime, tz: tzinfo | None = None) -> str:
    """``2026-11-22-stand-up.md``: the meeting's local date and kind; the second meeting of that kind
    on that day (among ``meetings``) gets ``-2``, and so on."""
    day = (meeting.started or now).astimezone(tz).date()
    same = sorted((m for m in meetings if m.kind == meeting.kind and m.started is not None
                   and m.started.astimezone(tz).date() == day), key=lambda m: (m.started, m.id))
    rank = next((n for n, m in enumerate(same, 1) if m.id == meeting.id), 1)
    return f"{day.isoformat()}-{meeting.kind}{'' if rank == 1 else f'-{rank}'}.md"
