"""The board's first paint: the board drawn from the plain records of its first read (db/first_read.py,
``sqlite3`` only), before SQLAlchemy, the models and the store are imported (design.md §3: paint
first).  It shows each column's first cards, counts and WIP exactly as the board does (the same
``cards`` functions), and its "↓ N more" counts the cards beyond the first read too; the board's keys
come greyed in the footer a moment after the first frame (it draws them once the screen's bindings
are worked out), and the filter line, hidden, is left out.  The app replaces it with the board itself once
the store is up, and holds the keys pressed meanwhile for it (cockpit/startup.py).  Nothing here
reads the database or writes."""

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from cockpit.db.first_read import FINISHED, BoardFirstRead
from cockpit.screens.board.cards import column, in_scope, make_card
from cockpit.screens.board.keys import BOARD_BINDINGS
from cockpit.widgets.board_layout import CardData, ColumnData
from cockpit.widgets.board_view import BoardView
from cockpit.widgets.detail_bar import DetailBar
from cockpit.widgets.keys_footer import KeysFooter


def first_columns(read: BoardFirstRead, presenting: bool) -> tuple[list[ColumnData], list[list[CardData]]]:
    """The columns and the cards of the first paint (the first cards of each column, in scope)."""
    finished = {s.id for s in read.stages if s.category in FINISHED}
    columns = [column(s.id, s.name, s.wip_limit, bool(s.criteria), read.counts.get(s.id, 0), read.in_scope.get(s.id, 0))
               for s in read.stages]
    cards = [[make_card(row, people=read.people, iterations=read.iterations, kr_codes=read.kr_codes, today=read.today,
                        utc_offset=read.utc_offset, presenting=presenting)
              for row in read.rows.get(s.id, ()) if in_scope(row, read.current, read.iterations, finished)]
             for s in read.stages]
    return columns, cards


class BoardFirstPaint(Screen[None]):
    """The board as its first read shows it; no key applies until the board itself takes over."""

    DEFAULT_CSS = """
    BoardFirstPaint #board-detail { height: 2; }
    """
    BINDINGS = BOARD_BINDINGS
    SHOWS_KEYS_OF = "BoardScreen"  # the same keys (the key map lists them once, as the board's)

    def __init__(self, read: BoardFirstRead, presenting: bool = False) -> None:
        super().__init__()
        self.read, self.presenting = read, presenting

    def compose(self) -> ComposeResult:
        yield Header()
        yield BoardView(id="board")
        yield DetailBar(id="board-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        view = self.query_one(BoardView)
        view.roomy = self.presenting
        view.strong_cursor = self.presenting
        columns, cards = first_columns(self.read, self.presenting)
        view.set_board(columns, cards, None)
        view.focus()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual's resume, less what this screen does not need: it resumes once, as it is first
        shown, and the resume lays it out and paints it (the first frame).  Its styles were applied
        as it mounted, a moment before (applying them again was ~10 ms before the first frame), and
        nothing on it changed after that paint: the whole screen marked for a repaint sent the board
        to the terminal a second time (33 KB at 5,000 cards, 20-30 ms after the first), and the
        widgets that had asked to be repainted as they mounted (the clock's corner, the detail bar,
        the footer) were each painted again, as they were, in an update of their own."""
        event.refresh_styles = False
        self.refresh = _painted  # type: ignore[method-assign]  # for the length of the call
        try:
            super()._on_screen_resume(event)
        finally:
            del self.refresh
        for widget in self.walk_children():
            widget._repaint_required = False  # what they asked for is in the frame just painted
        event.prevent_default()  # Textual's handler (the base class's) has run: not again

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None  # greyed: the board's keys apply once the board itself is shown


def _painted(*_args: object, **_kwargs: object) -> None:
    """A refresh of the first paint while it resumes: nothing to do (it was just painted)."""
