"""The History screen's UI-free part: its filter line, parsed and said back, and the change log's
rows gathered into user actions, described in the minutes' words (``cockpit.logic.minutes``).

Filter tokens (any order; several narrow the list, except that several ``@`` or ``kind:`` widen):

- ``@ana``: changes made by ana (an author of the change log, or a person's handle or name);
- ``card:#12``, ``card:12`` or ``#12``: changes of card 12;
- ``kind:move`` (see ``KINDS``);
- ``since:monday``, ``until:2026-11-20``: dates through ``cockpit.logic.dates.parse_past``
  (``until`` includes that day); ``since:stand-up``: since the last stand-up ended (key ``s``);
- any other word: in the change's label ("move card Login").
"""

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from cockpit.db.models import ChangeRead
from cockpit.db.models_meetings import MeetingRead
from cockpit.db.text import strip_controls
from cockpit.logic.dates import DateError, parse_past
from cockpit.logic.minutes import summary

#: kind -> (what it means to people, the change actions it covers).  ``override`` and ``undo`` are
#: recognised from the change's detail and label instead of its action.
KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "move": ("moves between stages", frozenset({"move"})),
    "edit": ("edits", frozenset({"update"})),
    "create": ("creations", frozenset({"create"})),
    "delete": ("deletions", frozenset({"delete"})),
    "block": ("blocks and unblocks", frozenset({"block"})),
    "reorder": ("reorders", frozenset({"reorder"})),
    "score": ("risk scores and reviews", frozenset({"score", "review"})),
    "override": ("gate overrides", frozenset()),
    "undo": ("undos and redos", frozenset()),
}
#: Other words people type for a kind.
KIND_ALIASES = {"moves": "move", "moved": "move", "edits": "edit", "update": "edit", "add": "create", "new": "create",
                "created": "create", "remove": "delete", "deleted": "delete", "blocked": "block",
                "unblock": "block", "gate": "override", "overrides": "override", "redo": "undo", "review": "score"}
STANDUP = "stand-up"
_STANDUP_WORDS = frozenset({"stand-up", "standup", "stand up", "su"})
_CARD = re.compile(r"(?:card:)?#?(\d{1,9})")


@dataclass(frozen=True)
class HistoryFilter:
    """What the filter line asks for (empty: every change)."""

    people: tuple[str, ...] = ()
    item_id: int | None = None
    kinds: tuple[str, ...] = ()
    since: date | None = None
    since_standup: bool = False
    until: date | None = None
    words: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return self == HistoryFilter()

    @property
    def actions(self) -> frozenset[str] | None:
        """The change actions the kinds cover (None: no kind asked for, or only override / undo)."""
        covered = frozenset().union(*(KINDS[k][1] for k in self.kinds)) if self.kinds else frozenset()
        return covered or None


def parse_filter(text: str, today: date) -> HistoryFilter:
    """The filter typed on the History screen; what cannot be read goes to ``errors`` (said back,
    the rest still applies)."""
    people: list[str] = []
    kinds: list[str] = []
    words: list[str] = []
    errors: list[str] = []
    item_id: int | None = None
    since: date | None = None
    until: date | None = None
    standup = False
    for token in _tokens(text):
        lower = token.lower()
        if lower.startswith("@") and len(lower) > 1:
            people.append(token[1:])
        elif lower.startswith("card:") or (lower.startswith("#") and len(lower) > 1):
            match = _CARD.fullmatch(lower)
            if match:
                item_id = int(match[1])
            else:
                errors.append(f"{token}: a card is named by its number, as card:#12")
        elif lower.startswith("kind:"):
            kind = KIND_ALIASES.get(lower[5:], lower[5:])
            if kind in KINDS:
                kinds.append(kind)
            else:
                errors.append(f"{token}: kinds are {', '.join(KINDS)}")
        elif lower.startswith(("since:", "until:", "from:", "to:")):
            name, _, value = lower.partition(":")
            value = value.replace("_", " ")
            if name in ("since", "from") and value in _STANDUP_WORDS:
                standup, since = True, None
                continue
            try:
                day = parse_past(value, today)
            except DateError as error:
                errors.append(f"{name}: {error}")
                continue
            if name in ("since", "from"):
                since, standup = day, False
            else:
                until = day
        else:
            words.append(token)
    return HistoryFilter(people=tuple(dict.fromkeys(people)), item_id=item_id, kinds=tuple(dict.fromkeys(kinds)),
                         since=since, since_standup=standup, until=until, words=tuple(words), errors=tuple(errors))


def _tokens(text: str) -> list[str]:
    """Words, with ``since:last fri`` / ``since:"last fri"`` kept whole."""
    tokens: list[str] = []
    for word in text.replace('"', " ").split():
        if tokens and tokens[-1].lower() in ("since:last", "until:last", "from:last", "to:last", "since:stand"):
            tokens[-1] += "_" + word
        else:
            tokens.append(word)
    return tokens


def with_standup(text: str) -> str:
    """The filter line with ``since:stand-up`` in place of any ``since:`` it had (key ``s``)."""
    kept = [t for t in _tokens(text) if not t.lower().startswith(("since:", "from:"))]
    return " ".join([*kept, f"since:{STANDUP}"])


def said_back(spec: HistoryFilter, standup: MeetingRead | None = None, tz: tzinfo | None = None) -> str:
    """The filter in words, as the screen shows it under the filter line."""
    parts: list[str] = []
    if spec.people:
        parts.append("by " + " or ".join(f"@{p}" for p in spec.people))
    if spec.item_id is not None:
        parts.append(f"card #{spec.item_id}")
    if spec.kinds:
        parts.append(" or ".join(KINDS[k][0] for k in spec.kinds))
    if spec.since_standup:
        if standup is not None and (standup.ended or standup.started):
            at = (standup.ended or standup.started).astimezone(tz)  # type: ignore[union-attr]
            parts.append(f"since the stand-up of {at:%a %d %b %H:%M}")
        else:
            parts.append("since the last stand-up (none recorded yet: every change)")
    elif spec.since is not None:
        parts.append(f"since {spec.since:%a %d %b %Y}")
    if spec.until is not None:
        parts.append(f"until {spec.until:%a %d %b %Y}")
    if spec.words:
        parts.append("with " + " ".join(f"'{w}'" for w in spec.words))
    shown = "every change, newest first" if not parts else "; ".join(parts)
    if spec.errors:
        shown += "  ·  not understood: " + "; ".join(spec.errors)
    return shown


def standup_start(meetings: Iterable[MeetingRead], now: datetime) -> MeetingRead | None:
    """The last stand-up that ended before ``now`` ("since the last stand-up" starts at its end)."""
    ended = [m for m in meetings if m.kind == "stand-up" and m.ended is not None and m.ended <= now]
    return max(ended, key=lambda m: m.ended, default=None)  # type: ignore[arg-type, return-value]


# --- the change log as user actions ----------------------------------------------------------------


@dataclass
class Entry:
    """One user action: the change rows of one transaction, newest action first on the screen."""

    rows: list[ChangeRead] = field(default_factory=list)

    @property
    def first(self) -> ChangeRead:
        return self.rows[0]

    @property
    def id(self) -> int:
        """The newest row's id (the key of the entry on the screen)."""
        return max(row.id for row in self.rows)

    @property
    def item_id(self) -> int | None:
        """The card the action is about (its first card row), if any."""
        return next((row.entity_id for row in self.rows if row.entity == "item"), None)


def entries(rows_newest_first: list[ChangeRead], complete: bool) -> list[Entry]:
    """Rows read newest first, gathered by transaction.  When the page is not ``complete`` (more
    rows may follow), its last transaction may be cut off: it is left for the next page (unless it
    is the only one)."""
    out: list[Entry] = []
    for row in rows_newest_first:
        if out and out[-1].first.txn == row.txn:
            out[-1].rows.append(row)
        else:
            out.append(Entry([row]))
    for entry in out:
        entry.rows.sort(key=lambda r: r.id)
    if not complete and len(out) > 1:
        out.pop()
    return out


def plain(text: str) -> str:
    """User text on one line, as a screen draws it (markup is the widget's job: it draws text as text)."""
    return " ".join(strip_controls(str(text)).split())


def what(entry: Entry, text: Callable[[str], str] = plain) -> str:
    """The action in the minutes' words ("Move card Login: Pending test → Pending release")."""
    return summary(entry.rows, text)


class MeetingIndex:
    """Meetings that started, by start time, to find the one a change was made in (``of``): the one
    it was recorded in, else one running at the time (another window's change made while the meeting
    ran).  Bisection: a page of the History screen asks for a hundred changes against a year of
    stand-ups."""

    def __init__(self, meetings: Iterable[MeetingRead] = ()) -> None:
        self.meetings = sorted((m for m in meetings if m.started is not None), key=lambda m: m.started)  # type: ignore[arg-type, return-value]
        self._starts = [m.started for m in self.meetings]
        self._by_id = {m.id: m for m in self.meetings}

    def of(self, change: ChangeRead) -> MeetingRead | None:
        if change.meeting_id is not None and change.meeting_id in self._by_id:
            return self._by_id[change.meeting_id]
        index = bisect_right(self._starts, change.at)  # type: ignore[arg-type]
        for meeting in reversed(self.meetings[max(index - 8, 0):index]):  # the last ones started before it
            if meeting.ended is None or change.at <= meeting.ended:
                return meeting
        return None


@dataclass(frozen=True)
class FeedLine:
    """One line of a card's activity feed (``a`` on the board)."""

    at: datetime
    actor: str
    text: str
    reason: str = ""                 # a block's reason, in full
    meeting: MeetingRead | None = None


def card_feed(rows: list[ChangeRead], meetings: Iterable[MeetingRead], text: Callable[[str], str] = plain) -> list[FeedLine]:
    """A card's changes (oldest first) as its activity feed, newest first (by time, then by order of
    writing): each action in the minutes' words, a block with its reason, the meeting it was made in."""
    index = MeetingIndex(meetings)
    lines = []
    actions = sorted(entries(list(reversed(rows)), complete=True), key=lambda e: (e.first.at, e.id), reverse=True)
    for entry in actions:
        first = entry.first
        blocked = next((r for r in entry.rows if r.action == "block" and (r.after or {}).get("blocked")), None)
        reason = text((blocked.after or {}).get("blocked_reason") or "") if blocked else ""
        lines.append(FeedLine(first.at, first.actor, what(entry, text), reason, index.of(first)))
    return lines
