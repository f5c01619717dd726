"""Plain data for the board widget and the arithmetic of where each card sits (no Textual).

The board is a grid of fixed-height cards: a card is ``CARD_HEIGHT`` lines (two of text and a gap;
``ROOMY_CARD_HEIGHT`` while presenting), so the line of any card, and the card on any line, is arithmetic, not a walk over thousands of widgets.
With swimlanes, each lane is a header line followed by as many card slots as its longest column, so
lanes line up across columns.
"""

from bisect import bisect_right
from typing import NamedTuple

CARD_HEIGHT = 3  # title line, details line, gap
#: Presentation mode (f5): the title gets two lines (long titles wrap instead of being cut), then the
#: details and the gap, so cards read from a video call.
ROOMY_CARD_HEIGHT = 4


class CardData(NamedTuple):
    id: int
    version: int
    stage_id: int
    title: str
    owner: str  # handle, "" when nobody owns it
    owner_name: str
    estimate: float | None
    oversized: bool
    days: int  # days in the current stage
    blocked: bool
    reason: str
    kind: str
    priority: str
    iteration: str  # iteration name, "" when none
    due: str  # ISO date or ""
    lane: str = ""  # swimlane key (owner or iteration title), "" without swimlanes
    confidential: bool = False  # title and reason are already masked when presenting
    kr: str = ""  # the code of the key result the card serves ("O1-KR2"), "" when none


class ColumnData(NamedTuple):
    stage_id: int
    name: str
    count: int  # every card in the stage (WIP), filtered or not
    limit: int | None
    gated: bool  # the stage has entry criteria
    shown: int = -1  # cards shown after the filter; -1 when no filter

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.count > self.limit

    @property
    def full(self) -> bool:
        return self.limit is not None and self.count >= self.limit

    @property
    def held(self) -> int:
        """The cards the column holds (after the filter), drawn or not: the board hands the view all of
        them, the first paint only the first ones of its first read."""
        return self.shown if self.shown >= 0 else self.count


class Lane(NamedTuple):
    title: str
    top: int  # first line (the header line when lanes are shown)
    slots: int  # card slots (the longest column of this lane)
    columns: list[list[CardData]]
    card_height: int = CARD_HEIGHT

    @property
    def height(self) -> int:
        return self.slots * self.card_height


class BoardLayout:
    """Where every card is, for columns of cards (already filtered and in order) and optional lanes."""

    def __init__(self, columns: list[list[CardData]], lane_order: list[str] | None = None,
                 card_height: int = CARD_HEIGHT, *, previous: "BoardLayout | None" = None) -> None:
        """``previous``: the layout shown before; without lanes, the columns that are the same list
        objects as its own (the model rebuilds only the columns a change touched) keep its index of
        where their cards are, so a change costs what the touched columns hold, not the board."""
        self.columns = columns
        self.card_height = card_height
        self.with_lanes = lane_order is not None
        self.lanes: list[Lane] = []
        header = 1 if self.with_lanes else 0
        if lane_order is None:
            self.lanes.append(Lane("", 0, max((len(c) for c in columns), default=0), columns, card_height))
        else:
            grouped: dict[str, list[list[CardData]]] = {}
            for index, column in enumerate(columns):
                for card in column:
                    grouped.setdefault(card.lane, [[] for _ in columns])[index].append(card)
            top = 0
            for title in [t for t in lane_order if t in grouped] + [t for t in grouped if t not in lane_order]:
                lane_columns = grouped[title]
                slots = max(len(c) for c in lane_columns)
                self.lanes.append(Lane(title, top, slots, lane_columns, card_height))
                top += header + slots * card_height
        self._tops = [lane.top for lane in self.lanes]
        self._header = header
        self.height = sum(header + lane.height for lane in self.lanes)
        #: card id -> (column, lane index, index in the lane's column)
        self.where: dict[int, tuple[int, int, int]] = {}
        if (previous is not None and not self.with_lanes and not previous.with_lanes
                and len(previous.columns) == len(columns)):
            self.where = previous.where.copy()
            changed = [index for index, column in enumerate(columns) if column is not previous.columns[index]]
            for index in changed:
                for card in previous.columns[index]:
                    if self.where.get(card.id, (None,))[0] == index:
                        del self.where[card.id]
            for index in changed:
                for position, card in enumerate(columns[index]):
                    self.where[card.id] = (index, 0, position)
            return
        for lane_index, lane in enumerate(self.lanes):
            for column_index, column in enumerate(lane.columns):
                for index, card in enumerate(column):
                    self.where[card.id] = (column_index, lane_index, index)

    def line_at(self, y: int) -> tuple[Lane | None, int | None, int]:
        """For content line ``y``: (lane, slot index or None on the lane header, line within the card)."""
        if y < 0 or y >= self.height or not self.lanes:
            return None, None, 0
        lane = self.lanes[bisect_right(self._tops, y) - 1]
        offset = y - lane.top - self._header
        if offset < 0:
            return lane, None, 0
        return lane, offset // self.card_height, offset % self.card_height

    def card_at(self, column: int, y: int) -> CardData | None:
        lane, slot, _line = self.line_at(y)
        if lane is None or slot is None or column >= len(lane.columns):
            return None
        cards = lane.columns[column]
        return cards[slot] if slot < len(cards) else None

    def top_of(self, card_id: int) -> int | None:
        """The first line of a card, or None when it is not shown."""
        if card_id not in self.where:
            return None
        _column, lane_index, index = self.where[card_id]
        return self.lanes[lane_index].top + self._header + index * self.card_height

    def in_column(self, column: int) -> list[CardData]:
        """A column's cards from top to bottom (through the lanes)."""
        if not self.with_lanes:
            return self.columns[column] if column < len(self.columns) else []
        return [card for lane in self.lanes for card in lane.columns[column]]

    def index_in_column(self, card_id: int) -> int:
        """Where a shown card is in its column, from the top (through the lanes)."""
        column, lane_index, index = self.where[card_id]
        return sum(len(lane.columns[column]) for lane in self.lanes[:lane_index]) + index

    def neighbour(self, card_id: int, step: int) -> CardData | None:
        """The card ``step`` (±1) places away in the same lane and column (for reordering)."""
        if card_id not in self.where:
            return None
        column, lane_index, index = self.where[card_id]
        cards = self.lanes[lane_index].columns[column]
        other = index + step
        return cards[other] if 0 <= other < len(cards) else None

    def nearest(self, column: int, y: int) -> CardData | None:
        """The card of ``column`` closest to line ``y`` (moving the cursor sideways)."""
        cards = self.in_column(column)
        if not cards:
            return None
        best, best_distance = None, None
        if not self.with_lanes:
            index = min(max((y - self._header) // self.card_height, 0), len(cards) - 1)
            return cards[index]
        for card in cards:
            top = self.top_of(card.id) or 0
            distance = abs(top - y)
            if best_distance is None or distance < best_distance:
                best, best_distance = card, distance
        return best


def changed_boxes(old: BoardLayout, old_columns: list[ColumnData], old_cursor: tuple[int | None, int],
                  new: BoardLayout, new_columns: list[ColumnData], new_cursor: tuple[int | None, int],
                  visible: range, width: int, old_tops: list[int], new_tops: list[int], rows: int,
                  header_lines: int, bottom: int) -> list[tuple[int, int, int, int]] | None:
    """What to repaint when the board goes from ``old`` to ``new`` (each column scrolling on its own):
    boxes (x, y, width, height) in the view's cells, one per column header, per run of changed cards
    and per edge line ("↓ 790 more") that changed; a column whose window moved is one box, whole.
    None when the change is not local (lanes, another card height, other columns, an empty board) and
    the whole view must be repainted.

    ``visible``: the columns on screen, ``width``: a column's cells (with its gap), ``old_tops`` and
    ``new_tops``: each column's first card shown, ``rows``: whole cards a column shows, ``bottom``: the
    view line of the bottom edge.  A card changed when it is another object (the model makes a new
    ``CardData`` for a changed card) or when the cursor came onto it or left it.
    """
    if (old.with_lanes or new.with_lanes or old.card_height != new.card_height
            or len(old_columns) != len(new_columns) or any(old.columns) != any(new.columns)):
        return None
    card_height = new.card_height
    boxes: list[tuple[int, int, int, int]] = []
    for place, index in enumerate(visible):
        x = place * width
        before = old.columns[index] if index < len(old.columns) else []
        after = new.columns[index] if index < len(new.columns) else []
        top = new_tops[index] if index < len(new_tops) else 0
        if top != (old_tops[index] if index < len(old_tops) else 0):
            boxes.append((x, 0, width, bottom + 1))  # the window moved: the whole column
            continue
        header_focus = (index == old_cursor[1]) != (index == new_cursor[1])
        if header_focus or old_columns[index] != new_columns[index]:
            boxes.append((x, 0, width, 1))
        if max(len(before) - top - rows, 0) != max(len(after) - top - rows, 0):
            boxes.append((x, bottom, width, 1))
        if not before and not after:
            continue
        changed = [slot for slot in range(top, min(top + rows, max(len(before), len(after))))
                   if _slot_changed(before, after, slot, old_cursor[0], new_cursor[0])]
        if changed:
            y = header_lines + (changed[0] - top) * card_height
            lines = min((changed[-1] - changed[0] + 1) * card_height, bottom - y)
            if lines > 0:
                boxes.append((x, y, width, lines))
    return boxes


def _slot_changed(before: list[CardData], after: list[CardData], slot: int, old_cursor: int | None,
                  new_cursor: int | None) -> bool:
    was = before[slot] if slot < len(before) else None
    now = after[slot] if slot < len(after) else None
    if was is not now:
        return True
    return now is not None and (now.id == old_cursor) != (now.id == new_cursor)
