"""A key result's detail (enter on the Goals screen): its figures, the monthly targets against the
month's actual, the cards linked to it and its check-in history, newest first.

Plain data in (``KrDetail``, already masked while presenting), nothing written; ``escape`` closes,
``c`` closes asking the board to open its check-in bar on this KR.
"""

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


@dataclass(frozen=True)
class KrDetail:
    code: str
    title: str
    objective: str
    heading: str                     # owner · module · metric (unit) · direction
    figures: list[tuple[str, str]]   # (label, value): baseline, target, 7-day average, week over week, progress
    monthly: list[tuple[str, str, str, str]] = field(default_factory=list)  # month, target, actual, mark
    cards: list[tuple[str, str, str]] = field(default_factory=list)         # "#12", title, stage
    checkins: list[tuple[str, str, str]] = field(default_factory=list)      # day, value, note (newest first)


class KrDetailModal(ModalScreen[str | None]):
    """Dismisses with ``"check_in"`` when ``c`` asks to check this KR in (the board opens its bar)."""

    DEFAULT_CSS = """
    KrDetailModal { align: center middle; }
    KrDetailModal > Vertical {
        width: 100; max-width: 98%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    KrDetailModal #kr-title { text-style: bold; }
    KrDetailModal #kr-heading { color: $text-muted; }
    KrDetailModal #kr-figures { height: auto; margin: 1 0 0 0; }
    KrDetailModal .section { text-style: bold; margin-top: 1; }
    KrDetailModal Horizontal { height: auto; }
    KrDetailModal #kr-monthly-box { width: 42; height: auto; }
    KrDetailModal #kr-cards-box { width: 1fr; height: auto; margin-left: 2; }
    KrDetailModal #kr-monthly, KrDetailModal #kr-cards { height: auto; max-height: 14; }
    KrDetailModal #kr-checkins { height: auto; max-height: 24; }
    KrDetailModal #kr-keys { color: $text-muted; dock: bottom; }
    """
    BINDINGS = [
        Binding("escape,q,enter", "close", "Close", id="goals_detail.close", tooltip="Back to the OKR board"),
        Binding("c", "check_in", "Check in", id="goals_detail.check_in",
                tooltip="Back to the board with the check-in bar open for this KR"),
    ]

    def __init__(self, detail: KrDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        d = self.detail
        with Vertical():
            yield Static(f"{d.code}  {d.title}", id="kr-title", markup=False)
            yield Static(f"{d.objective}\n{d.heading}", id="kr-heading", markup=False)
            with VerticalScroll():
                yield Static(Text("   ".join(f"{label}: {value}" for label, value in d.figures)), id="kr-figures")
                with Horizontal():
                    with Vertical(id="kr-monthly-box"):
                        yield Static("Monthly targets against actuals", classes="section", markup=False)
                        yield self._table("kr-monthly", ("Month", "Target", "Actual", ""), d.monthly,
                                          "no monthly targets")
                    with Vertical(id="kr-cards-box"):
                        yield Static("Linked cards", classes="section", markup=False)
                        yield self._table("kr-cards", ("Card", "Title", "Stage"), d.cards,
                                          "no card names this KR yet (card form: KR field)")
                yield Static("Check-ins (newest first)", classes="section", markup=False)
                yield self._table("kr-checkins", ("Day", "Value", "Note"), d.checkins, "no check-ins yet (c on the board)")
            yield Static("escape: back to the board · c: check in a value", id="kr-keys", markup=False)

    @staticmethod
    def _table(table_id: str, headers: tuple[str, ...], rows: list[tuple[str, ...]], empty: str) -> DataTable | Static:
        if not rows:
            return Static(Text(empty, style="dim"), id=table_id)
        table = DataTable(id=table_id, cursor_type="none", zebra_stripes=True, show_cursor=False)
        table.add_columns(*headers)
        table.add_rows([tuple(Text(cell) for cell in row) for row in rows])
        return table

    def action_close(self) -> None:
        self.dismiss(None)

    def action_check_in(self) -> None:
        self.dismiss("check_in")
