"""What the board shows, kept in memory and patched cheaply (no Textual here).

The screen loads every card once (one query of slim ``BoardRow`` tuples), then applies changes:
its own writes patch the rows they return, and ``refresh`` (after undo/redo or a change from another
window) asks the change log which items changed since the last change it saw and reloads only those.
Only the columns touched are rebuilt, so a move on a 5,000-card board stays well under 50 ms.
"""

from bisect import bisect_left
from collections.abc import Iterable
from datetime import date, timedelta

from cockpit.logic.board_filter import BoardFilter, parse_filter
from cockpit.db.first_read import FINISHED, BoardRow
from cockpit.db.models import IterationRead, PersonRead, StageRead
from cockpit.db.store import Store
from cockpit.screens.board.cards import NO_ITERATION, NO_OWNER, column, in_scope, make_card
from cockpit.widgets.board_layout import CardData, ColumnData

LANES = ("none", "owner", "iteration")
#: Up to this many changed rows, the columns are patched in place (binary search) instead of rebuilt.
PATCH_IN_PLACE = 64


class BoardModel:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.today: date = store.today()
        self.stages: list[StageRead] = []
        self.people: dict[int, PersonRead] = {}
        self.iterations: dict[int, IterationRead] = {}
        self.kr_codes: dict[int, str] = {}  # key result id -> its code (the tag on a card)
        self.rows: dict[int, BoardRow] = {}
        self._by_stage: dict[int, dict[int, BoardRow]] = {}
        self.filter: BoardFilter = BoardFilter()
        self.filter_text = ""
        self.lanes = "none"
        #: Presentation mode: confidential cards get masked titles and reasons (the filter sees the mask).
        self.presenting = False
        self.last_change = 0
        #: The project shown, its current iteration, and whether every iteration is shown (``i``).
        self.project_id: int | None = None
        self.current: IterationRead | None = None
        self.all_iterations = False
        self._finished: set[int] = set()  # ids of the project's stages whose cards are finished
        self._utc_offset = timedelta(0)
        self._cards: dict[int, CardData] = {}
        self._columns: dict[int, list[CardData]] = {}  # stage id -> shown cards in order
        self._keys: dict[int, list[tuple[int, int]]] = {}  # stage id -> (position, id) of those cards
        self._counts: dict[int, int] = {}

    # --- loading -------------------------------------------------------------------------------

    def load(self, today: date) -> None:
        """Everything, from scratch."""
        self.today = today
        # the workspace's zone (Setup), as "today" is
        self._utc_offset = self.store.now().astimezone(self.store.settings.zone()).utcoffset() or timedelta(0)
        self.last_change = self.store.last_change_id()
        self._load_reference()
        stage_ids = {s.id for s in self.stages}
        self.rows = {row.id: row for row in self.store.items.board_rows() if row.stage_id in stage_ids}
        self._by_stage = {}
        for row in self.rows.values():
            self._by_stage.setdefault(row.stage_id, {})[row.id] = row
        self._rebuild_all()

    def _load_reference(self) -> None:
        workspace = self.store.workspace
        self.project_id = project_id = workspace.project_id()
        self.stages = workspace.stages(project_id)
        self._finished = {s.id for s in self.stages if s.category in FINISHED}
        self.people = {p.id: p for p in workspace.people()}
        self.iterations = {i.id: i for i in workspace.iterations(project_id)}
        self.current = workspace.current_iteration(self.today, project_id)
        self.kr_codes = {kr.id: kr.code for kr in self.store.goals.all_key_results()}

    def refresh(self, today: date) -> bool:
        """Catch up with the change log; True if anything the board shows changed."""
        changed = self.store.items.changed_since(self.last_change)
        self.last_change = changed.last_change_id
        if today != self.today or changed.other & {"stage", "person", "iteration", "project", "key_result"}:
            self.today = today
            self._load_reference()
            self.patch(changed.rows, changed.item_ids, rebuild_all=True)
            return True
        if not changed.item_ids:
            return False
        self.patch(changed.rows, changed.item_ids)
        return True

    def patch(self, rows: Iterable[BoardRow], ids: Iterable[int] = (), *, rebuild_all: bool = False) -> None:
        """Replace these rows (``ids`` not among them were deleted) and rebuild what they touch."""
        touched: set[int] = set()
        stage_ids = {s.id for s in self.stages}
        fresh = {row.id: row for row in rows if row.stage_id in stage_ids}  # other projects' cards: not here
        gone: list[BoardRow] = []
        for item_id in set(ids) | set(fresh):
            old = self.rows.pop(item_id, None)
            self._cards.pop(item_id, None)
            if old is not None:
                gone.append(old)
                touched.add(old.stage_id)
                self._by_stage.get(old.stage_id, {}).pop(item_id, None)
            if item_id in fresh:
                row = self.rows[item_id] = fresh[item_id]
                self._by_stage.setdefault(row.stage_id, {})[item_id] = row
                touched.add(row.stage_id)
        if rebuild_all:
            self._rebuild_all()
        elif len(fresh) + len(gone) <= PATCH_IN_PLACE:
            self._patch_columns(touched, gone, fresh.values())
        else:
            self._rebuild(touched)

    # --- filter and lanes ----------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        me = None
        if "@me" in text.casefold().split():
            person = self.store.settings.me()
            me = person.handle if person is not None else None
        self.filter = parse_filter(text, me)
        self._rebuild_all(keep_cards=True)

    def set_presenting(self, on: bool) -> bool:
        """Mask (or unmask) confidential cards; True if that changed anything."""
        if on == self.presenting:
            return False
        self.presenting = on
        self._rebuild_all()
        return True

    def toggle_iterations(self) -> bool:
        """Every iteration, or the current one plus unfinished earlier work; True: all are shown."""
        self.all_iterations = not self.all_iterations
        self._rebuild_all(keep_cards=True)
        return self.all_iterations

    @property
    def scoped(self) -> bool:
        """Cards of other iterations are hidden (a current iteration runs and ``i`` is off)."""
        return not self.all_iterations and self.current is not None

    def scope_text(self) -> str:
        if self.current is None:
            return "All iterations (none running)"
        if self.all_iterations:
            return "All iterations"
        return f"Iteration {self.current.name} + unfinished earlier work"

    def cycle_lanes(self) -> str:
        self.lanes = LANES[(LANES.index(self.lanes) + 1) % len(LANES)]
        self._rebuild_all()
        return self.lanes

    # --- what the widget gets ------------------------------------------------------------------

    def columns(self) -> list[ColumnData]:
        return [column(s.id, s.name, s.wip_limit, bool(s.criteria), self._counts.get(s.id, 0),
                       len(self._columns.get(s.id, ())), self.filter.active) for s in self.stages]

    def cards(self) -> list[list[CardData]]:
        return [self._columns.get(s.id, []) for s in self.stages]

    def lane_order(self) -> list[str] | None:
        if self.lanes == "owner":
            return [p.name for p in sorted(self.people.values(), key=lambda p: p.name.casefold())] + [NO_OWNER]
        if self.lanes == "iteration":
            return [i.name for i in sorted(self.iterations.values(), key=lambda i: (i.start, i.id))] + [NO_ITERATION]
        return None

    def stage_index(self, stage_id: int) -> int:
        return next((i for i, s in enumerate(self.stages) if s.id == stage_id), -1)

    def count(self, stage_id: int) -> int:
        return self._counts.get(stage_id, 0)

    # --- building ------------------------------------------------------------------------------

    def _rebuild_all(self, keep_cards: bool = False) -> None:
        if not keep_cards:
            self._cards.clear()
        self._rebuild({s.id for s in self.stages} | set(self._by_stage))

    def _rebuild(self, stage_ids: set[int]) -> None:
        for stage_id in stage_ids:
            rows = sorted(self._by_stage.get(stage_id, {}).values(), key=lambda r: (r.position, r.id))
            self._counts[stage_id] = len(rows)
            shown = [(row, card) for row in filter(self._in_scope, rows) for card in (self._card(row),)
                     if self._shown(card)]
            self._columns[stage_id] = [card for _row, card in shown]
            self._keys[stage_id] = [(row.position, row.id) for row, _card in shown]

    def _patch_columns(self, stage_ids: set[int], gone: list[BoardRow], fresh: Iterable[BoardRow]) -> None:
        """A few rows changed: take the old ones out of their columns and put the new ones in by
        binary search, instead of sorting and filtering whole columns (8,000 cards each at 50,000).
        Each touched column becomes a new list: the widget tells changed columns by identity."""
        for stage_id in stage_ids:
            self._columns[stage_id] = list(self._columns.get(stage_id, ()))
            self._keys[stage_id] = list(self._keys.get(stage_id, ()))
            self._counts[stage_id] = len(self._by_stage.get(stage_id, ()))
        for row in gone:
            keys, key = self._keys[row.stage_id], (row.position, row.id)
            at = bisect_left(keys, key)
            if at < len(keys) and keys[at] == key:
                del keys[at]
                del self._columns[row.stage_id][at]
        for row in fresh:
            card = self._card(row) if self._in_scope(row) else None
            if card is not None and self._shown(card):
                keys, key = self._keys[row.stage_id], (row.position, row.id)
                at = bisect_left(keys, key)
                keys.insert(at, key)
                self._columns[row.stage_id].insert(at, card)

    def _in_scope(self, row: BoardRow) -> bool:
        """The current iteration's cards, and unfinished ones of earlier iterations or of none."""
        return in_scope(row, self.current, self.iterations, self._finished, self.all_iterations)

    def _shown(self, card: CardData) -> bool:
        if not self.filter.active:
            return True
        return self.filter.matches(card.title, card.owner, card.owner_name, card.iteration, card.blocked, card.kr)

    def _card(self, row: BoardRow) -> CardData:
        card = self._cards.get(row.id)
        if card is not None:
            return card
        card = make_card(row, people=self.people, iterations=self.iterations, kr_codes=self.kr_codes,
                         today=self.today, utc_offset=self._utc_offset, presenting=self.presenting, lanes=self.lanes)
        self._cards[row.id] = card
        return card
