"""The History screen's controller: a plain object the screen owns (no Textual here).  It turns the
filter line into one paged read of the change log and keeps what is shown: a page of user actions,
newest first, and more pages as the cursor reaches the end."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from cockpit.db.models_meetings import MeetingRead
from cockpit.db.store import Store
from cockpit.db.models import PersonRead
from cockpit.logic.history import (Entry, HistoryFilter, MeetingIndex, entries, parse_filter, said_back, standup_start,
                                   what)
from cockpit.logic.present import Secrets, mask

#: Change rows read per page (a user action is one or a few rows): two or three screenfuls.
PAGE_ROWS = 100


@dataclass(frozen=True)
class HistoryRow:
    """One line of the History screen, ready to draw (words already masked while presenting)."""

    id: int                 # the newest change row of the action
    at: datetime            # local time (the workspace's time zone)
    who: str
    what: str
    item_id: int | None
    meeting: str


class HistoryController:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.filter_text = ""
        self.spec = HistoryFilter()
        self.entries: list[Entry] = []
        self.complete = False          # the last page has been read
        self._oldest_id: int | None = None
        self._meetings = MeetingIndex()
        self._names: dict[str, str] = {}           # author -> how the screen names them (@handle)
        self._people: dict[str, PersonRead | None] = {}
        self.standup: MeetingRead | None = None

    # --- reading -------------------------------------------------------------------------------

    def zone(self) -> tzinfo | None:
        return self.store.settings.zone()

    def set_filter(self, text: str, today: date) -> HistoryFilter:
        self.filter_text = text
        self.spec = parse_filter(text, today)
        return self.spec

    def load(self, reread: bool = True) -> list[Entry]:
        """The first page for the current filter.  ``reread``: read the meetings and the authors'
        names again too (a reload; a new filter keeps them)."""
        if reread or not self._names:
            self._meetings = MeetingIndex(m for m in self.store.meetings.all() if m.started is not None)
            self.standup = standup_start(self._meetings.meetings, self.store.now())
            self._people = {}
            people = self.store.workspace.people()
            for actor in self.store.history.actors():
                self._people[actor] = self.store.settings.me(actor, people)
            self._names = {actor: f"@{person.handle}" if person is not None and person.handle else actor
                           for actor, person in self._people.items()}
        self.entries, self.complete, self._oldest_id = [], False, None
        self.more()
        return self.entries

    def more(self) -> int:
        """Read the next page (nothing once complete); returns how many actions it added."""
        if self.complete:
            return 0
        query = self._query()
        if query is None:
            self.complete = True
            return 0
        rows = self.store.history.page(limit=PAGE_ROWS, before_id=self._oldest_id, **query)
        self.complete = len(rows) < PAGE_ROWS
        page = entries(rows, self.complete)
        if page:
            self._oldest_id = min(row.id for entry in page for row in entry.rows)
        self.entries.extend(page)
        return len(page)

    def _query(self) -> dict | None:
        """The store's filter for the spec (None: it cannot match anything, e.g. an unknown person)."""
        spec, zone = self.spec, self.zone()
        query: dict = {"item_id": spec.item_id, "actions": spec.actions, "words": spec.words,
                       "overrides": "override" in spec.kinds, "reverts": "undo" in spec.kinds}
        if spec.kinds and query["actions"] is None and not (query["overrides"] or query["reverts"]):
            return None
        if spec.people:
            actors = self._actors(spec.people)
            if not actors:
                return None
            query["actors"] = actors
        if spec.since_standup:
            if self.standup is not None:
                query["since"] = self.standup.ended + timedelta(microseconds=1)  # after its own end
        elif spec.since is not None:
            query["since"] = _midnight(spec.since, zone)
        if spec.until is not None:
            query["until"] = _midnight(spec.until + timedelta(days=1), zone)
        return query

    def _actors(self, people: tuple[str, ...]) -> frozenset[str]:
        """The authors ``@ana`` means: whose name contains it, or who is linked to a person whose handle
        or name does."""
        wanted = [p.casefold() for p in people]
        found = set()
        for actor, shown in self._names.items():
            person = self._people.get(actor)
            names = [actor.casefold(), shown.casefold().removeprefix("@")]
            if person is not None:
                names += [person.handle.casefold(), person.name.casefold()]
            if any(w in name for w in wanted for name in names):
                found.add(actor)
        return frozenset(found)

    # --- what is shown -------------------------------------------------------------------------

    def said_back(self) -> str:
        return said_back(self.spec, self.standup, self.zone())

    def rows(self, secrets: Secrets) -> list[HistoryRow]:
        zone = self.zone()
        shown = []
        for entry in self.entries:
            first = entry.first
            item_id = entry.item_id
            text = what(entry)
            if item_id is not None and item_id in secrets.item_ids:  # a confidential card: only what kind of change
                text = f"{first.action.capitalize()} card #{item_id}: {mask(text)}"
            else:
                text = secrets.hide(text)
            meeting = self._meetings.of(first)
            shown.append(HistoryRow(entry.id, first.at.astimezone(zone), self._names.get(first.actor, first.actor),
                                    text, item_id, secrets.hide(meeting.title) if meeting else ""))
        return shown


def _midnight(day: date, zone: tzinfo | None) -> datetime:
    """The start of ``day`` in the workspace's time zone (None: this computer's), as an aware time."""
    return datetime.combine(day, time(), zone) if zone is not None else datetime.combine(day, time()).astimezone()
