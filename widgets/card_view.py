"""How one card is drawn: two lines of cells (plain data in, ``rich`` segments out; no widgets).

Line 1: an edge (coloured by priority, red when blocked) and the title.
Line 2: ``⊘`` when blocked, ``@owner``, the code of the key result it serves (``O1-KR2``; last while
presenting), the estimate in person-days (``3pd!`` above two), days in
the current stage, kind and priority (presentation mode: fewer, see ``card_text``).  A confidential
card arrives with its title already masked (``cockpit.logic.present``): widgets never see the words.  Titles are user text: always ``Text(...)``, never markup;
``Text.truncate`` measures cells, so CJK and emoji keep the columns aligned.
"""

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from cockpit.widgets.board_layout import CardData, ColumnData

KIND_LABEL = {"feature": "feat", "bug": "bug", "task": "task", "action": "action"}
PRIORITY_LABEL = {"urgent": "URGENT", "high": "high", "medium": "med", "low": "low"}


def estimate_label(card: CardData) -> str:
    if card.estimate is None:
        return "?pd"
    value = f"{card.estimate:g}pd"
    return f"{value}!" if card.oversized else value


def card_text(card: CardData, line: int, width: int, styles: dict[str, Style], focused: bool,
              *, roomy: bool = False, strong: bool = False) -> Text:
    """Line ``line`` (0 or 1; 0 to 2 when ``roomy``) of ``card``, exactly ``width`` cells wide.

    ``roomy`` (presentation mode) wraps the title over lines 0 and 1 and keeps the details (line 2) to
    what a meeting talks about: blocked, the owner, an oversized estimate and an urgent or high
    priority; days in stage and kind are left to the detail bar.

    ``strong`` (presentation mode, a high-contrast theme): the focused card is drawn as one solid block
    (``cursor-strong``: the primary colour, text in the background's) with a ``▶`` on its first line,
    its details in that one style so nothing is lost against the block.
    """
    if focused and strong:
        plain = card_text(card, line, width, {name: Style() for name in styles}, False, roomy=roomy)
        text = Text(("▶" if line == 0 else " ") + plain.plain[1:], style=styles["cursor-strong"],
                    no_wrap=True, overflow="ellipsis", end="")
        text.truncate(width, overflow="ellipsis", pad=True)
        text.stylize(styles["cursor-strong"])  # a span: ``Text.render`` draws a text without spans unstyled
        return text
    base = styles["cursor" if focused else "card"]
    edge_style = styles["blocked"] if card.blocked else styles.get(f"priority-{card.priority}", styles["edge"])
    text = Text(style=base, no_wrap=True, overflow="ellipsis", end="")
    text.append("▌", edge_style)
    text.append(" ")
    if roomy and line < 2:
        text.append(split_title(card.title, width - 2)[line])
    elif line == 0:
        text.append(card.title)
    elif roomy:
        if card.blocked:
            text.append("⊘ blocked ", styles["blocked"])
        text.append(f"@{card.owner}" if card.owner else "@—", styles["owner"])
        if card.oversized:
            text.append(" ")
            text.append(estimate_label(card), styles["oversized"])
        if card.priority in ("urgent", "high"):
            text.append(f" {PRIORITY_LABEL[card.priority]}", styles[f"priority-{card.priority}"])
        if card.kr:  # last: a narrow column keeps the warnings above
            text.append(f" {card.kr}", styles.get("kr", styles["muted"]))
    else:
        if card.blocked:
            text.append("⊘ ", styles["blocked"])
        text.append(f"@{card.owner}" if card.owner else "@—", styles["owner"])
        if card.kr:
            text.append(f" {card.kr}", styles.get("kr", styles["muted"]))
        text.append(" ")
        text.append(estimate_label(card), styles["oversized"] if card.oversized else styles["muted"])
        text.append(f" {card.days}d", styles["muted"])
        text.append(f" {KIND_LABEL.get(card.kind, card.kind)}", styles["bug"] if card.kind == "bug" else styles["muted"])
        text.append(f" {PRIORITY_LABEL.get(card.priority, card.priority)}",
                    styles.get(f"priority-{card.priority}", styles["muted"]))
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


def column_header(column: ColumnData, width: int, styles: dict[str, Style], *, focused: bool, left: bool,
                  right: bool) -> Text:
    """A column's header, ``width`` cells: ◆ when gated, the name, the WIP as count/limit (and "N of"
    when a filter or the iteration scope hides some); ◀ and ▶ when more columns lie that way."""
    header = Text(style=styles["header-focus" if focused else "header"], no_wrap=True, end="")
    if left:
        header.append("◀ ")
    if column.gated:
        header.append("◆ ", styles["gate"])
    limit = f"/{column.limit}" if column.limit is not None else ""
    count = f" {column.count}{limit}"
    if column.shown >= 0:
        count = f" {column.shown} of{count}"
    mark = " over" if column.over_limit else ""
    more = " ▶" if right else ""
    room = width - header.cell_len - len(count) - len(mark) - len(more)
    header.append_text(fit(column.name, max(room, 1)))
    style = styles["over-limit"] if column.over_limit else styles["full"] if column.full else Style()
    header.append(count + mark, style)
    header.append(more)
    header.truncate(width, pad=True)
    return header


def split_title(title: str, width: int) -> tuple[str, str]:
    """A title over two lines of ``width`` cells: broken at a space when one fits, else mid-word."""
    if cell_len(title) <= width:
        return title, ""
    first = ""
    for word in title.split(" "):
        candidate = f"{first} {word}" if first else word
        if cell_len(candidate) > width:
            break
        first = candidate
    if not first:  # one long word (or CJK without spaces): cut by cells
        used = 0
        for index, char in enumerate(title):
            used += cell_len(char)
            if used > width:
                first = title[:index]
                break
    return first, title[len(first):].lstrip(" ")


def fit(text: str, width: int, style: Style | str = "") -> Text:
    """User text cropped with an ellipsis or padded to exactly ``width`` cells."""
    line = Text(text, style=style, no_wrap=True, overflow="ellipsis", end="")
    line.truncate(width, overflow="ellipsis", pad=True)
    return line
