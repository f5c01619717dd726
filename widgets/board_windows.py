"""Each column of the board scrolls on its own (no Textual): which cards a column shows.

Without swimlanes every column is a window of whole cards over its list: ``tops[c]`` is the index of
its first card shown, ``rows`` how many whole cards fit between the header lines and the bottom edge
line.  The cursor keeps its card in view by moving only its column's window, so a card moved to the
bottom of a long column scrolls that column and leaves the others where they were (the others are not
repainted).  What lies outside a window is counted for the column's edge lines ("↑ 12 more",
"↓ 790 more").
"""

from collections.abc import Sequence

from cockpit.widgets.board_layout import CardData


class ColumnWindows:
    def __init__(self) -> None:
        self.tops: list[int] = []
        self.rows = 1

    def reset(self, columns: int) -> None:
        self.tops = [0] * columns

    def fit(self, window_lines: int, card_height: int) -> None:
        """How many whole cards fit in ``window_lines`` (a card's last line is its gap: the last card
        needs one line fewer)."""
        self.rows = max((window_lines + 1) // card_height, 1)

    def top(self, column: int) -> int:
        return self.tops[column] if column < len(self.tops) else 0

    def clamp(self, column: int, count: int) -> None:
        """No window starts past the point where its last card sits at the bottom."""
        if column < len(self.tops):
            self.tops[column] = max(0, min(self.tops[column], count - self.rows))

    def keep(self, column: int, index: int) -> None:
        """Scroll ``column`` just enough that its card ``index`` is shown."""
        if column >= len(self.tops):
            return
        top = self.tops[column]
        if index < top:
            self.tops[column] = index
        elif index >= top + self.rows:
            self.tops[column] = index - self.rows + 1

    def scroll(self, column: int, delta: int, count: int) -> bool:
        """Move a column's window by ``delta`` cards; True if it moved."""
        if column >= len(self.tops):
            return False
        before = self.tops[column]
        self.tops[column] = before + delta
        self.clamp(column, count)
        return self.tops[column] != before

    def edges(self, column: int, count: int) -> tuple[int, int]:
        """(cards above the window, cards below it) of a column of ``count`` cards."""
        top = self.top(column)
        return top, max(count - top - self.rows, 0)

    def anchor(self, old: Sequence[Sequence[CardData]], new_where: dict[int, tuple[int, int, int]]) -> None:
        """After a reload, each column keeps the card it showed first at its top (cards coming or
        going above it do not shift what is on screen)."""
        for column, cards in enumerate(old):
            if column >= len(self.tops) or self.tops[column] >= len(cards):
                continue
            where = new_where.get(cards[self.tops[column]].id)
            if where is not None and where[0] == column:
                self.tops[column] = where[2]


def more_label(direction: int, count: int) -> str:
    """The words of an edge line: ``↑ 12 more`` above the window, ``↓ 1,790 more`` below it."""
    return f"{'↑' if direction < 0 else '↓'} {count:,} more"
