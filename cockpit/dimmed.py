"""The screen below a dialog, dimmed, from a cache of its tinted lines (issue 15).

A dialog (a modal screen with a translucent background) paints the screen below it dimmed: Textual's
``BackgroundScreen`` renders that screen through Rich (its compositor's lines flattened into segments,
split into lines again and cropped) and tints every segment, building a new style for each, on every
whole paint of the dialog: ~30 ms for a 160x48 board, a third of a dialog's opening.  Here the lines
come straight from the compositor of the screen below (what Textual renders them from), and each line
is tinted once: a line whose segments are the same as at the previous paint (the board does not change
while a dialog is up, nor between two dialogs) is taken from the cache, and a tinted style is computed
once per style.  The cache is keyed by the line's content itself, so a line that changed (a live
update, a card moved by another window) is tinted anew: it cannot show a stale board.

``dimmed(screen)`` replaces a dialog's ``render``; the result is the same as Textual's (the same
segments, styles, meta and links cleared), which tests/board/test_dimmed.py checks against
``BackgroundScreen`` so that an upgrade of Textual that changes it fails there.
"""

from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.css.styles import RulesMap
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.strip import Strip
from textual.visual import RenderOptions, Visual

_NULL = Style()
_STYLES_AT_MOST = 4096  # tinted styles kept (a board uses a few hundred)


class _Tint:
    """The tinted lines and styles for one colour (on the dialog's own base style), kept on the screen below."""

    def __init__(self, color: Color, base: Style) -> None:
        self.color = color
        self.base = base
        self.lines: dict[tuple, Strip] = {}
        self.styles: dict[Style | None, Style] = {}

    def style(self, style: Style | None) -> Style:
        tinted = self.styles.get(style)
        if tinted is None:  # as BackgroundScreen.process_segments, then the dialog's base style under it
            plain = _NULL if style is None else style.clear_meta_and_links()
            if self.color.a == 0:
                tinted = plain
            else:
                from_rich = Color.from_rich_color
                tinted = plain + Style.from_color(
                    (from_rich(plain.color) + self.color).rich_color if plain.color is not None else None,
                    (from_rich(plain.bgcolor) + self.color).rich_color if plain.bgcolor is not None else None)
            if self.base:
                tinted = self.base + tinted
            if len(self.styles) >= _STYLES_AT_MOST:
                self.styles.clear()
            self.styles[style] = tinted
        return tinted

    def line(self, strip: Strip, lines: dict[tuple, Strip]) -> Strip:
        key = tuple(strip)
        tinted = self.lines.get(key)
        if tinted is None:
            style, base = self.style, self.base
            tinted = Strip([Segment(segment.text, style(segment.style)) if not segment.control
                            else Segment(segment.text, base + segment.style) if base and segment.style
                            else Segment(segment.text, base) if base else segment
                            for segment in strip], strip.cell_length)
        lines[key] = tinted
        return tinted


def dimmed_lines(below: Screen, color: Color, width: int, height: int | None, base: Style = _NULL) -> list[Strip]:
    """The lines of ``below`` tinted with ``color`` (translucent) on the dialog's ``base`` style,
    cropped to ``width`` x ``height``."""
    tint: _Tint | None = getattr(below, "_cockpit_tint", None)
    if tint is None or tint.color != color or tint.base != base:
        tint = _Tint(color, base)
        below._cockpit_tint = tint  # type: ignore[attr-defined]
    lines: dict[tuple, Strip] = {}  # only this paint's lines are kept: the cache never grows
    out = []
    for strip in below._compositor.render_strips()[:height]:
        if strip.cell_length > width:
            strip = strip.crop(0, width)
        out.append(tint.line(strip, lines))
    tint.lines = lines
    return out


class DimmedBelow(Visual):
    """A Visual of the screen below a dialog, dimmed (what ``BackgroundScreen`` draws, cached)."""

    def __init__(self, below: Screen, color: Color) -> None:
        self.below = below
        self.color = color

    def render_strips(self, width: int, height: int | None, style: Any, options: RenderOptions) -> list[Strip]:  # noqa: ANN401
        return dimmed_lines(self.below, self.color, width, height, style.rich_style)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.below._compositor.size.height


def dim_ahead(dialog: Screen, below: Screen) -> None:
    """Tint ``below``'s lines for ``dialog`` now (idle time), as its first paint over ``below`` will:
    a dialog built ahead then opens on a warm cache, not on every line and style tinted cold (~5 ms
    of the first opening's paint at 160x48).  Nothing is done for a dialog that does not dim."""
    color = dialog.styles.background
    if color.a < 1 and below is not dialog and below.is_mounted:
        width, height = dialog.app.size
        dimmed_lines(below, color, width, height, dialog.visual_style.rich_style)


def dimmed(screen: Screen) -> Any:  # noqa: ANN401
    """``screen.render()``, with the screen below drawn from the cache of its dimmed lines."""
    rendered = Screen.render(screen)
    if isinstance(rendered, BackgroundScreen):
        return DimmedBelow(rendered.screen, rendered.color)
    return rendered
