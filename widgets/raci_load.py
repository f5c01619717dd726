"""Role load: how many activities each role is Responsible or Accountable for, overload flagged."""

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static


@dataclass(frozen=True)
class RoleLoadLine:
    code: str
    name: str
    r: int
    a: int
    c: int
    i: int
    overloaded: bool = False


class RoleLoadPanel(Static):
    """A small table: role, R, A, C+I and a bar of R+A; overloaded roles in the error colour."""

    COMPONENT_CLASSES = {"role-load--bar", "role-load--overloaded"}
    DEFAULT_CSS = """
    RoleLoadPanel {
        width: 34; height: 1fr; border-left: vkey $panel; padding: 0 1;
        overflow-y: auto;
    }
    RoleLoadPanel > .role-load--bar { color: $primary; }
    RoleLoadPanel > .role-load--overloaded { color: $error; text-style: bold; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self._lines: list[RoleLoadLine] = []
        self._note = ""
        self._shown = False
        self._height = 0

    def set_load(self, lines: list[RoleLoadLine], note: str = "") -> None:
        """Show these roles; ``note`` (plain text) explains what overloaded means."""
        lines = list(lines)
        if lines == self._lines and note == self._note and self._shown:
            return
        text = self._render_text(lines, note)
        # Its size is fixed by CSS; only the scrollable height follows the number of lines.
        layout = not self._shown or len(text.plain.splitlines()) != self._height
        self._lines, self._note, self._shown = lines, note, True
        self._height = len(text.plain.splitlines())
        self.update(text, layout=layout)

    def _render_text(self, lines: list[RoleLoadLine], note: str) -> Text:
        bar_style = self.get_component_rich_style("role-load--bar")
        hot = self.get_component_rich_style("role-load--overloaded")
        text = Text.assemble(("Role load", "bold"), "  (R+A owned)\n", ("role    R  A  C+I\n", "dim"))
        top = max((line.r + line.a for line in lines), default=0) or 1
        for line in lines:
            owns = line.r + line.a
            style = hot if line.overloaded else ""
            text.append(f"{line.code[:6]:<6} {line.r:>2} {line.a:>2} {line.c + line.i:>3} ", style=style)
            text.append("█" * max(round(6 * owns / top), 1 if owns else 0), style=hot if line.overloaded else bar_style)
            text.append(" ⚠" if line.overloaded else "", style=hot)
            text.append("\n")
        if note and any(line.overloaded for line in lines):
            text.append(f"\n⚠ {note}", style="dim")
        return text
