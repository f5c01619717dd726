"""The Goals screen's check-in bar (``c``): one line typed in place, no dialog.

It lies under the detail lines of the OKR board, laid out and sized from the start: the screen hides
those lines to show it (one layout pass in which nothing changes size; the board is not drawn again),
and its label's width is the bar's whatever it names.  It shows the KR's code, metric and unit, a field, and
below it what the line reads as, live: ``→ 64 s on Thu 03 Dec 2026 (today) · replaces that day's
check-in of 70``, or what is wrong (``Value: 'x' is not a number``).  The syntax is
``cockpit.logic.checkin_entry``'s: ``VALUE [DAY] [NOTE]``.

Keys: ``enter`` saves and closes; ``tab`` saves and moves the bar to the next KR (``shift+tab``: the
previous one; with nothing typed it only moves); ``escape`` closes without saving.  The bar writes
nothing itself: it posts ``Submitted`` (the screen writes through the store and says how it went) or
``Cancelled``.  ``lookup(day)`` (from the screen) gives that day's value already checked in, if any.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import PseudoClasses, Widget
from textual.widgets import Input, Static

from cockpit.logic.checkin_entry import SYNTAX, CheckinEntry, EntryError, parse_entry
from cockpit.logic.dates import describe
from cockpit.logic.okr import number

KEYS = "enter saves · tab saves and goes to the next KR · esc cancels"


@dataclass(frozen=True)
class BarKr:
    """The KR the bar checks in: its id, code, metric (masked while presenting) and unit."""

    kr_id: int
    code: str
    metric: str
    unit: str


class CheckinField(Input):
    """The bar's line.  It has the focus whenever it is seen (the bar opens focused and closes hidden),
    so it always looks focused, and is not restyled when the focus comes or goes: Textual restyles a
    widget then, the field and its four parts through the stylesheet, ~2 ms of every ``c`` and
    ``enter``.  Its cursor still shows only while it has the focus (Input draws it so)."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Not restyled: it looks focused whenever it is seen."""

    def get_pseudo_class_state(self) -> PseudoClasses:
        return super().get_pseudo_class_state()._replace(focus=True)


class CheckinBar(Widget):
    DEFAULT_CSS = """
    CheckinBar { height: 2; padding: 0 1; background: $panel; }
    CheckinBar Horizontal { height: 1; }
    CheckinBar #checkin-label {
        width: 1fr; color: $text; text-wrap: nowrap; text-overflow: ellipsis; text-align: right;
    }
    CheckinBar #checkin-prompt { width: 2; }
    CheckinBar #checkin-line { width: 55%; }
    CheckinBar #checkin-said { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    CheckinBar #checkin-said.-error { color: $error; }
    """
    BINDINGS = [
        # not in the footer (the bar's second line lists them): the footer keeps its keys, greyed while
        # the bar is open, instead of being composed again on each check-in
        Binding("escape", "cancel", "Cancel", show=False, id="goals_checkin.cancel",
                tooltip="Close the bar, saving nothing"),
        Binding("tab", "submit(1)", "Save, next KR", show=False, id="goals_checkin.next",
                tooltip="Save (if a value is typed) and check in the next KR"),
        Binding("shift+tab", "submit(-1)", "Save, previous KR", show=False, id="goals_checkin.previous",
                tooltip="Save (if a value is typed) and check in the previous KR"),
    ]

    @dataclass
    class Submitted(Message):
        """Save ``entry`` for the KR (None: nothing typed, only move), then move ``step`` KRs
        (0: close the bar)."""

        bar: "CheckinBar"
        kr_id: int
        entry: CheckinEntry | None
        step: int

    @dataclass
    class Cancelled(Message):
        bar: "CheckinBar"

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.kr: BarKr | None = None
        self.today = date.min
        self.lookup: Callable[[date], float | None] = lambda day: None
        self._looked: tuple[date, float | None] | None = None
        self._said: tuple[str, bool] = ("", False)
        self._open = False

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("", id="checkin-label", markup=False)
            yield Static("› ", id="checkin-prompt", markup=False)
            yield CheckinField(placeholder=SYNTAX, id="checkin-line", compact=True, max_length=600)
        yield Static("", id="checkin-said", markup=False)

    def on_mount(self) -> None:
        self.field.can_focus = False  # a hidden field must not take the keys (see widgets/filter_box.py)
        # What the line reads as is said as the key is typed, not when the field's Changed message is
        # handled: the field and the line below it are painted in one frame, not in two.
        self.watch(self.field, "value", self._typed, init=False)

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def field(self) -> Input:
        return self.query_one("#checkin-line", Input)

    def open(self, kr: BarKr, today: date, lookup: Callable[[date], float | None], *, saved: str = "") -> None:
        """Show the bar for ``kr``, empty and focused; ``saved``: what the previous KR's save wrote."""
        if kr != self.kr:
            metric = " ".join(part for part in (kr.metric, f"({kr.unit})" if kr.unit else "") if part)
            self.query_one("#checkin-label", Static).update(
                Content.from_markup("Check in [b]$code[/b] $metric ", code=kr.code, metric=metric) if metric
                else Content.from_markup("Check in [b]$code[/b] ", code=kr.code),
                layout=False)  # its width is the bar's, whatever it says: nothing is laid out again
        self.kr, self.today, self.lookup, self._looked = kr, today, lookup, None
        field = self.field
        if field.value:
            with field.prevent(Input.Changed):
                field.value = ""
        self._open = True
        field.can_focus = True
        field.focus()
        if saved:
            self._say(f"✓ {saved} · now {kr.code}: {KEYS}")
        else:
            self._read()

    def close(self) -> None:
        field = self.field
        if self.screen.focused is field:  # (the screen usually moved the focus elsewhere first)
            field.blur()
        field.can_focus = False
        self._open = False

    def show_error(self, message: str) -> None:
        self._say(message, error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        if self._said != (text, error):
            self._said = (text, error)
            said = self.query_one("#checkin-said", Static)
            said.update(text, layout=False)
            said.set_class(error, "-error")

    def _day_value(self, day: date) -> float | None:
        if self._looked is None or self._looked[0] != day:
            self._looked = (day, self.lookup(day))
        return self._looked[1]

    def _read(self) -> CheckinEntry | None:
        """What the line reads as, said below it; None (and the problem said) if it cannot be saved."""
        text = self.field.value
        if not text.strip():
            self._say(f"{SYNTAX} · {KEYS}")
            return None
        try:
            entry = parse_entry(text, self.today)
        except EntryError as error:
            self._say(str(error), error=True)
            return None
        unit = self.kr.unit if self.kr else ""
        unit = unit if len(unit) <= 3 else ""  # a long one is on the label: the line is short at 80 columns
        said = f"→ {number(entry.value, unit)} on {describe(entry.day, self.today)}"
        before = self._day_value(entry.day)
        if before is not None:
            said += f" · replaces that day's check-in of {number(before, unit)}"
        if entry.note:
            said += f" · note: {entry.note}"
        self._say(said)
        return entry

    def _typed(self) -> None:
        if self._open:
            self._read()

    @on(Input.Changed, "#checkin-line")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()  # read as typed (``_typed``)

    @on(Input.Submitted, "#checkin-line")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit(0)

    def action_submit(self, step: int) -> None:
        if self.kr is None or not self.is_open:
            return
        if not self.field.value.strip():
            if step:  # nothing typed: only move
                self.post_message(self.Submitted(self, self.kr.kr_id, None, step))
            else:
                self._say(f"Value: type the metric's value ({SYNTAX}) · esc cancels", error=True)
            return
        entry = self._read()
        if entry is not None:
            self.post_message(self.Submitted(self, self.kr.kr_id, entry, step))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled(self))
