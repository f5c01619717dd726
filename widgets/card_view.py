"""How one card is drawn: two lines of cells (plain data in, ``rich`` segments out; no widgets).

Line 1: an edge (coloured by priority, red when blocked) and the title.
Line 2: ``⊘`` when blocked, ``@owner``, the estimate in person-days (``3pd!`` above two), days in
the current stage, kind and priority.  Titles are user text: always ``Text(...)``, never markup;
``Text.truncate`` measures cells, so CJK and emoji keep the columns aligned.
"""

from rich.style import Style
from rich.text import Text

from widgets.board_layout import CardData

KIND_LABEL = {"feature": "feat", "bug": "bug", "task": "task", "action": "action"}
PRIORITY_LABEL = {"urgent": "URGENT", "high": "high", "medium": "med", "low": "low"}


def estimate_label(card: CardData) -> str:
    if card.estimate is None:
        return "?pd"
    value = f"{card.estimate:g}pd"
    return f"{value}!" if card.oversized else value


def card_text(card: CardData, line: int, width: int, styles: dict[str, Style], focused: bool) -> Text:
    """Line ``line`` (0 or 1) of ``card``, exactly ``width`` cells wide."""
    base = styles["cursor" if focused else "card"]
    edge_style = styles["blocked"] if card.blocked else styles.get(f"priority-{card.priority}", styles["edge"])
    text = Text(style=base, no_wrap=True, overflow="ellipsis", end="")
    text.append("▌", edge_style)
    text.append(" ")
    if line == 0:
        text.append(card.title)
    else:
        if card.blocked:
            text.append("⊘ ", styles["blocked"])
        text.append(f"@{card.owner}" if card.owner else "@—", styles["owner"])
        text.append(" ")
        text.append(estimate_label(card), styles["oversized"] if card.oversized else styles["muted"])
        text.append(f" {card.days}d", styles["muted"])
        text.append(f" {KIND_LABEL.get(card.kind, card.kind)}", styles["bug"] if card.kind == "bug" else styles["muted"])
        text.append(f" {PRIORITY_LABEL.get(card.priority, card.priority)}",
                    styles.get(f"priority-{card.priority}", styles["muted"]))
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


def fit(text: str, width: int, style: Style | str = "") -> Text:
    """User text cropped with an ellipsis or padded to exactly ``width`` cells."""
    line = Text(text, style=style, no_wrap=True, overflow="ellipsis", end="")
    line.truncate(width, overflow="ellipsis", pad=True)
    return line
