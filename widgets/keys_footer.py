"""The footer of every screen: the screen's keys on one line, drawn by one widget.

It looks like Textual's footer (same words, spacing, groups, colours and the palette key on the
right) but is one widget that draws one line (Textual's line API), not a widget per key:

- When the keys change (a key greys out, a screen's keys come or go), the line is drawn again and
  painted in the same frame as what the key press changed.  Textual's footer composes a widget per
  key again on every change of the screen's bindings (50-100 ms of a key press on the Risks and RACI
  screens), and each key greyed or lit was styled and painted on its own (a text field taking the
  focus greys 17 keys: about 12 ms of the Goals check-in's ``enter``).
- While a text field has the focus (a filter line, the Goals screen's check-in bar), the keys it
  types (``c``, ``/``, ``1``…) leave the screen's bindings; the footer keeps them, greyed, where
  they were (they apply again once the field is left), instead of the line jumping twice.
- It shows its keys even when the app is blurred.  Textual's redraws them only while the app has
  focus; a viewer's browser tab (``cockpit serve``) is blurred until clicked, and the first screen
  is mounted after the workspace opens (paint first), so it would stay empty.

A click on a key presses it (a greyed key rings the bell), the pointer on a key lights it and shows
its tooltip, the mouse wheel scrolls keys that do not fit.  Presentation mode hides the palette key
with a rule on the ``keys-footer--palette`` component (cockpit/app.tcss).
"""

from itertools import groupby
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


class Key(NamedTuple):
    """One shown key."""

    action: str
    key: str
    display: str  #: as the app shows it ("^q", "shift+←"), remapped keys included
    description: str
    group: object  #: its Binding.Group, or None
    applies: bool
    tooltip: str


class Cell(NamedTuple):
    """A run of the line: its text, its part (key, description, gap, label, border) and the key it
    belongs to (an index into the keys; None for the gaps and group labels)."""

    text: str
    part: str
    key: int | None


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "keys-footer--item",
                         "keys-footer--hover", "keys-footer--border", "keys-footer--palette"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keys-footer--item { background: $footer-item-background; }
        & > .keys-footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        & > .keys-footer--border { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        #: The keys shown, the screen's first and the palette's last (None: not drawn yet).
        self.keys: list[Key] | None = None
        self._palette: Key | None = None
        self._hover: int | None = None  #: the key under the pointer (an index into the keys)
        self._scroll = 0  #: columns of keys scrolled out on the left (the mouse wheel)
        self._line: tuple[int, Strip, list[tuple[int, int, int]]] | None = None  #: width, strip, key spans
        #: Lines drawn lately, by what they show: a text field taking the focus greys keys and leaving
        #: it lights them again, and the line it lights is the line drawn before (the check-in bar's c
        #: and enter on Goals); emptied when the styles change.
        self._drawn: dict[tuple, tuple[int, Strip, list[tuple[int, int, int]]]] = {}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    # -- what is shown ---------------------------------------------------------------------------

    def _shown(self, screen: Screen) -> tuple[list[Key], Key | None]:
        """The screen's keys as Textual's footer shows them (one per action, in order) and the
        palette key."""
        app = self.app
        bindings = screen.active_bindings
        seen: dict[str, Key] = {}
        for _node, binding, enabled, tooltip in bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = Key(binding.action, binding.key, app.get_key_display(binding),
                                           binding.description, binding.group, enabled, tooltip)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in bindings:
            _node, binding, enabled, _tooltip = bindings[app.COMMAND_PALETTE_BINDING]
            palette = Key(binding.action, binding.key, app.get_key_display(binding), binding.description,
                          None, enabled, binding.tooltip or binding.description)
        return list(seen.values()), palette

    def bindings_changed(self, screen: Screen) -> None:
        """The screen's bindings changed: draw the keys that apply now (painted with the key press
        that changed them)."""
        if not self.is_attached or screen is not self.screen:
            return
        if self.keys is not None and not self.app.app_focus:
            return  # as Textual's footer: a blurred app keeps what it shows (drawn at least once)
        keys, palette = self._shown(screen)
        if self.keys is not None and self._typing():
            keys = self._typed_greyed(keys)
        if (keys, palette) == (self.keys, self._palette):
            return
        self.keys, self._palette, self._line = keys, palette, None
        self.refresh()  # painted in the frame of the key press (tests/board/test_repaint.py)

    def _typing(self) -> bool:
        """The focused widget takes printable keys (a text field): the keys it types leave the footer."""
        focused = self.screen.focused
        return focused is not None and focused.check_consume_key("a", "a")

    def _typed_greyed(self, now: list[Key]) -> list[Key]:
        """While a text field has the focus: the keys drawn, those it types (gone from ``now``)
        greyed, if ``now`` holds only keys drawn, in the same order; else ``now``."""
        assert self.keys is not None
        applies = {key.action: key for key in now}
        drawn = iter(key.action for key in self.keys)
        if not all(action in drawn for action in applies):
            return now
        return [applies.get(key.action, key._replace(applies=False)) for key in self.keys]

    # -- the line --------------------------------------------------------------------------------

    def _cells(self) -> list[Cell]:
        """The screen's keys as runs of text, laid out as Textual's footer lays out its widgets."""
        cells: list[Cell] = []
        keys = self.keys or []
        indexed = list(enumerate(keys))
        for group, run in groupby(indexed, lambda item: item[1].group):
            run = list(run)
            if group is not None and len(run) > 1:  # "1234567890 Screens", "r a c i Set R/A/C/I"
                between = "" if getattr(group, "compact", False) else " "
                cells.append(Cell(" ", "gap", None))
                for number, (index, key) in enumerate(run):
                    if number and between:
                        cells.append(Cell(between, "gap", None))
                    cells.append(Cell(key.display, "key", index))
                cells.append(Cell(" ", "gap", None))
                cells.append(Cell(getattr(group, "description", ""), "label", None))
                cells.append(Cell(" ", "gap", None))
                continue
            for index, key in run:
                if key.description:
                    cells.append(Cell(f" {key.display} ", "key", index))
                    cells.append(Cell(f"{key.description} ", "description", index))
                else:
                    cells.append(Cell(key.display, "key", index))
        return cells

    def _palette_cells(self) -> list[Cell]:
        palette = self._palette
        if palette is None or self.get_component_styles("keys-footer--palette").display == "none":
            return []
        index = len(self.keys or [])  # the palette key's index follows the screen's keys
        return [Cell("▏", "border", index), Cell(palette.display, "key", index),
                Cell(f" {palette.description}", "description", index), Cell(" ", "item", index)]

    def _styles(self) -> dict[str, Style]:
        """Each part's style, its colours blended over what is below it as Textual blends a footer
        key's (the key's background over the footer's, the key's parts over the key's)."""
        below = Color.from_rich_color(self.rich_style.bgcolor) if self.rich_style.bgcolor else Color(0, 0, 0, 0)
        footer_color = Color.from_rich_color(self.rich_style.color) if self.rich_style.color else None
        item = below + self.get_component_styles("keys-footer--item").background
        hover_styles = self.get_component_styles("keys-footer--hover")
        hover = below + hover_styles.background

        def on(background: Color, component: str | None = None, color: Color | None = footer_color) -> Style:
            """Text of ``component`` (its colour, background and text style) on ``background``."""
            text_style = Style()
            if component is not None:
                styles = self.get_component_styles(component)
                background += styles.background
                color, text_style = background + styles.color, styles.text_style
            return text_style + Style(color=color.rich_color if color else None,
                                      bgcolor=background.rich_color if background.a else None)

        border = on(item, "keys-footer--border")
        return {"gap": on(below, color=None), "label": on(below, "footer-key--description"),
                "item": on(item, color=None), "border": border,
                "key": on(item, "footer-key--key"), "description": on(item, "footer-key--description"),
                "hover-item": on(hover, color=None), "hover-border": on(hover) + Style(color=border.color),
                "hover-key": on(hover, "footer-key--key"), "hover-description": on(hover, "footer-key--description")}

    def _draw(self, width: int) -> tuple[Strip, list[tuple[int, int, int]]]:
        """The line at ``width`` and where each key is on it: (start, end, index)."""
        styles = self._styles()
        dim = Style(dim=True)
        applies = [key.applies for key in self.keys or []] + [self._palette.applies if self._palette else True]

        def segments(cells: list[Cell]) -> list[Segment]:
            out = []
            for cell in cells:
                part = cell.part
                if cell.key is not None and cell.key == self._hover and part != "label":
                    part = f"hover-{part}"
                style = styles[part]
                if cell.key is not None and not applies[cell.key]:
                    style += dim
                out.append(Segment(cell.text, style))
            return out

        palette, cells = self._palette_cells(), self._cells()
        room = max(0, width - _width(palette))
        self._scroll = self._scrolled_to(self._scroll, width)
        keys_line = Strip(segments(cells)).crop(self._scroll, self._scroll + room).extend_cell_length(room, styles["gap"])
        line = Strip.join([keys_line, Strip(segments(palette))]).crop(0, width)
        spans: list[tuple[int, int, int]] = []
        x = -self._scroll
        for cell in cells:
            if cell.key is not None and x < room:
                spans.append((max(x, 0), min(x + cell_len(cell.text), room), cell.key))
            x += cell_len(cell.text)
        x = room
        for cell in palette:
            spans.append((x, x + cell_len(cell.text), cell.key))
            x += cell_len(cell.text)
        return line, spans

    def _scrolled_to(self, scroll: int, width: int) -> int:
        """``scroll`` kept between no keys scrolled out and the last key in view at ``width``."""
        room = max(0, width - _width(self._palette_cells()))
        return max(0, min(scroll, _width(self._cells()) - room))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y or self.keys is None:
            return Strip.blank(width, self.rich_style)
        if self._line is None or self._line[0] != width:
            shown = (width, tuple(self.keys), self._palette, self._hover, self._scroll)
            drawn = self._drawn.get(shown)
            if drawn is None:
                if len(self._drawn) >= 8:
                    self._drawn.clear()
                line, spans = self._draw(width)
                drawn = self._drawn[shown] = (self._scroll, line, spans)
            self._scroll = drawn[0]
            self._line = (width, drawn[1], drawn[2])
        return self._line[1]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line = None  # a theme, presentation mode: drawn again with the new styles
        self._drawn.clear()

    # -- the mouse -------------------------------------------------------------------------------

    def key_at(self, x: int) -> Key | None:
        """The key drawn at column ``x`` (the palette's included), if any."""
        index = self._index_at(x)
        return None if index is None else self._key(index)

    def _index_at(self, x: int) -> int | None:
        if self._line is None:
            return None
        return next((index for start, end, index in self._line[2] if start <= x < end), None)

    def _lit(self, index: int | None) -> None:
        if index != self._hover:
            self._hover, self._line = index, None
            key = None if index is None else self._key(index)
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def _key(self, index: int) -> Key | None:
        """The key at ``index`` of the line's keys (one past the screen's keys: the palette's)."""
        keys = self.keys or []
        return keys[index] if index < len(keys) else self._palette

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._lit(self._index_at(event.x))

    def on_leave(self, _event: events.Leave) -> None:
        self._lit(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.applies:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scrolled(event, 4)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scrolled(event, -4)

    def _scrolled(self, event: events.MouseEvent, by: int) -> None:
        event.stop()
        scroll = self._scrolled_to(self._scroll + by, self.size.width)
        if scroll != self._scroll:  # redrawn only when the keys moved
            self._scroll, self._line = scroll, None
            self.refresh()
            event.prevent_default()


def _width(cells: list[Cell]) -> int:
    """The terminal cells the runs take."""
    return sum(cell_len(cell.text) for cell in cells)
