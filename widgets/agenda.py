"""The agenda pane: the next days' entries, and per running iteration its next key node.

Plain data in (``AgendaView``); user text is drawn as data, never markup.
"""

from dataclasses import dataclass, field
from datetime import date

from textual.content import Content
from textual.widgets import Static


@dataclass(frozen=True, slots=True)
class AgendaLine:
    text: str
    style: str = ""
    time: str = ""


@dataclass
class AgendaView:
    today: date
    days: list[tuple[date, list[AgendaLine]]] = field(default_factory=list)
    next_nodes: list[AgendaLine] = field(default_factory=list)
    horizon: int = 14


class Agenda(Static):
    DEFAULT_CSS = """
    Agenda { width: 100%; height: auto; padding: 0 1; }
    """

    def show(self, view: AgendaView) -> None:
        self.update(self.build(view))

    @staticmethod
    def build(view: AgendaView) -> Content:
        lines: list[Content] = [Content.styled("Next key nodes", "bold $secondary")]
        if view.next_nodes:
            lines.extend(Content.styled(f"◆ {line.text}", line.style) for line in view.next_nodes)
        else:
            lines.append(Content.styled("no iteration running", "dim"))
        lines.append(Content(""))
        lines.append(Content.styled(f"Next {view.horizon} days", "bold $secondary"))
        if not view.days:
            lines.append(Content.styled("nothing planned", "dim"))
        for day, entries in view.days:
            label = "Today" if day == view.today else f"{day:%a %d %b}"
            lines.append(Content.styled(label, "bold underline" if day == view.today else "bold"))
            for entry in entries:
                prefix = f"  {entry.time} " if entry.time else "  "
                lines.append(Content.assemble((prefix, "dim"), Content.styled(entry.text, entry.style)))
        return Content("\n").join(lines)
