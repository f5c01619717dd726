"""What the risk table draws in each cell, and how a cell becomes segments quickly.

``RiskRow`` is one risk as plain data, ``COLUMNS`` the table's columns (key, label, width, sort key)
and ``cell(key, row, title_width)`` the rich Text of one cell.  ``cell_segments`` turns a cell into
the segments DataTable would draw for it (one space of padding each side, the row's style under the
text's, the cursor's colour over it) without going through a Console: a screenful of rows costs a
few milliseconds instead of tens (tests/risks/test_table.py checks both give the same segments).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

BAND_STYLE = {"low": "green3", "medium": "gold3", "high": "dark_orange", "critical": "bold red1"}
REVIEW_STYLE = {"overdue": "bold red", "due": "yellow", "ok": "", "none": "dim"}
STATUS_STYLE = {"open": "", "monitoring": "cyan", "occurred": "bold magenta", "closed": "dim"}
CONFIDENTIAL_MARK = "🔒"
PADDING = 1  # cells on each side of a cell's text, as DataTable's default cell_padding


@dataclass(frozen=True)
class RiskRow:
    """One risk as the table shows it (plain data)."""

    id: int
    title: str
    category: str = ""
    owner: str = ""
    status: str = "open"
    probability: int = 3
    impact: int = 3
    score: int = 9
    band: str = "medium"
    residual: int | None = None
    residual_band: str = ""
    response: str = ""
    next_review: date | None = None
    review_state: str = "none"
    item_id: int | None = None
    confidential: bool = False


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    wide_only: bool = False
    sort_key: Any = field(default=None, compare=False)


COLUMNS = (
    Column("score", "Score", 5, sort_key=lambda r: (r.score, r.probability)),
    Column("title", "Risk", 0, sort_key=lambda r: r.title.lower()),
    Column("category", "Category", 11, True, lambda r: r.category.lower()),
    Column("owner", "Owner", 6, sort_key=lambda r: r.owner.lower()),
    Column("status", "Status", 8, sort_key=lambda r: r.status),
    Column("probability", "P", 1, True, lambda r: r.probability),
    Column("impact", "I", 1, True, lambda r: r.impact),
    Column("residual", "Resid", 5, True, lambda r: -1 if r.residual is None else r.residual),
    Column("response", "Response", 8, True, lambda r: r.response),
    Column("next_review", "Review", 7, sort_key=lambda r: r.next_review or date.max),
    Column("item_id", "Card", 5, True, lambda r: r.item_id or 0),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}


def cell(key: str, row: RiskRow, title_width: int) -> Text:
    """The text of column ``key`` for ``row`` (user text as text, never markup)."""
    closed = row.status == "closed"
    if key == "score":
        return Text(f"{row.score:>3} {row.band[:1].upper()}", style="dim" if closed else BAND_STYLE.get(row.band, ""))
    if key == "title":
        text = Text(no_wrap=True, overflow="ellipsis")
        if row.confidential:
            text.append(CONFIDENTIAL_MARK + " ")
        text.append(row.title, style="dim" if closed else "")
        text.truncate(title_width, overflow="ellipsis")
        return text
    if key == "owner":
        return Text(row.owner or "—", style="dim" if not row.owner else "", no_wrap=True, overflow="ellipsis")
    if key == "category":
        return Text(row.category)
    if key == "status":
        return Text("monitor" if row.status == "monitoring" else row.status, style=STATUS_STYLE.get(row.status, ""))
    if key in ("probability", "impact"):
        return Text(str(getattr(row, key)))
    if key == "residual":
        if row.residual is None:
            return Text("—", style="dim")
        return Text(f"{row.residual:>2} {row.residual_band[:1].upper()}", style=BAND_STYLE.get(row.residual_band, ""))
    if key == "response":
        return Text(row.response)
    if key == "next_review":
        if row.next_review is None:
            return Text("—", style="dim")
        mark = "!" if row.review_state == "overdue" else ""
        return Text(f"{mark}{row.next_review:%d %b}", style=REVIEW_STYLE.get(row.review_state, ""))
    if key == "item_id":
        return Text(f"#{row.item_id}" if row.item_id else "")
    return Text("")


def cell_parts(console: Console, text: Text, width: int) -> list[tuple[str, Style | None]]:
    """``text`` in a cell ``width`` wide (padding included) as (text, own style) pieces, before the
    row's styles go around them (None: padding, which takes the row's style only).  As DataTable
    renders ``Padding(text, (0, 1))`` on a one-line row: the first line of the text wrapped (or
    cropped, or cut with an ellipsis) to the room inside the padding, then padded with spaces."""
    room = max(0, width - 2 * PADDING)
    plain = text.plain
    if not text.spans and "\n" not in plain and "\t" not in plain and (length := cell_len(plain)) <= room:
        parts: list[tuple[str, Style | None]] = [(" " * PADDING, None)]  # most cells: one piece that fits
        if plain:
            parts.append((plain, console.get_style(text.style) or None))
        parts.append((" " * (room - length + PADDING), None))
        return parts
    lines = text.wrap(console, room, justify=text.justify or "default", overflow=text.overflow or "fold",
                      tab_size=text.tab_size or console.tab_size,
                      no_wrap=True if text.no_wrap is None else text.no_wrap)  # a one-line row: no_wrap
    line = lines[0] if lines else Text()
    parts = [(" " * PADDING, None)]
    used = 0
    # Text.render leaves out the text's own style when it has no spans (Console.render adds it).
    rendered = line.render(console, end="") if line.spans else [Segment(line.plain, console.get_style(line.style))]
    for segment in rendered:
        if not segment.text:  # an empty first line ("\n"): Console.render_lines draws no piece for it
            continue
        used += cell_len(segment.text)
        parts.append((segment.text, segment.style or None))
    if room - used + PADDING > 0:
        parts.append((" " * (room - used + PADDING), None))
    return parts


def styled(parts: list[tuple[str, Style | None]], pre: Style, post: Style) -> list[Segment]:
    """The pieces of a cell with the row's style under them and the cursor's colour over them
    (``Styled(..., pre, post)``)."""
    if post:
        return [Segment(text, pre + style + post if style else pre + post) for text, style in parts]
    return [Segment(text, pre + style if style else pre) for text, style in parts]
