"""Presentation mode (f5): the app-level switch for sharing the screen in a meeting.

Turning it on switches to the high-contrast theme, adds the ``-presentation`` class to the app and
to every main screen (screens style roomier cards with ``MyScreen.-presentation ...`` rules), trims
the header to the project name and the meeting timer, hides the palette hint in the footer, and asks
the current screen to redraw (``presentation_changed``) so confidential text is masked.  Turning it
off restores the theme the user had; the high-contrast theme used for presenting is never saved as
the user's theme.  Whether presentation mode is on is remembered in the settings.

While presenting, every notice (``App.notify``, which every screen's ``notify`` goes through) names
files without their folders (``notice``): "Minutes: 2026-11-22-stand-up.md", never the local path.
"""

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.theme import Theme
from textual.timer import Timer

from cockpit.context import HIGH_CONTRAST_THEME, Live, PresentationChanged
from cockpit.logic.present import hide_folders
from cockpit.settings import Settings
from cockpit.screens.base import CockpitScreen, confidential_quote, forget_confidential

if TYPE_CHECKING:
    from cockpit.header import TitleLine

CLASS = "-presentation"

HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff5f",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    dark=True,
)


class Presentation:
    """Owned by the app (``app.presentation``); the switch itself is ``live.presenting``.

    It is given what it acts on, never the app shell's class: the Textual app (theme, classes,
    screens), the live state, the settings, the header's title line (read again after a switch, its
    meeting timer redrawn every second while presenting) and whether the settings may be saved (never
    in a read-only view: a browser viewer changes nothing)."""

    def __init__(self, app: App, live: Live, settings: Settings, *, title_line: "TitleLine",
                 may_save: Callable[[], bool], at_start: bool = False, theme: str = HIGH_CONTRAST.name) -> None:
        self.app = app
        self.live = live
        self.settings = settings
        self.title_line = title_line
        self._may_save = may_save
        self.at_start = at_start  #: presentation mode from the start (``--present``, or remembered)
        #: The high-contrast theme used while presenting.
        self.theme = theme
        self._theme_before: str | None = None
        self._clock: Timer | None = None
        app.register_theme(HIGH_CONTRAST)

    def start(self) -> None:
        """On mount: the theme chosen last, and presentation mode if it is on from the start."""
        self.restore_theme()
        if self.at_start:
            self.set(True, remember=False)

    def restore_theme(self) -> None:
        """At start: the theme the user chose last; from then on a theme they choose is remembered
        (the presentation theme is not their choice)."""
        if self.settings.theme in self.app.available_themes:
            self.app.theme = self.settings.theme
        self.app.theme_changed_signal.subscribe(self.app, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if not self.on:
            self.settings.theme = theme.name
            self._save_settings()

    @property
    def on(self) -> bool:
        return self.live.presenting

    def toggle(self) -> None:
        self.set(not self.on)

    def toggle_by_key(self, present_only: bool) -> None:
        """f5: presentation mode on or off (a served view shown to guests stays on)."""
        if not present_only:
            self.toggle()
            if self.on:
                self.app.notify("Presentation mode: f5 to leave", timeout=3)

    def _save_settings(self) -> None:
        if self._may_save():
            self.settings.save()

    def set(self, on: bool, *, remember: bool = True) -> None:
        if on == self.on:
            return
        app = self.app
        if on:
            self._theme_before = app.theme
            self.live.presenting = True  # first, so the theme change below is not remembered as the user's
            app.theme = self.theme
        else:
            self.live.presenting = False
            before = self._theme_before
            app.theme = before if before in app.available_themes else self.settings.theme
        app.set_class(on, CLASS)
        if on:
            self._close_confidential_dialogs()
        for screen in app.screen_stack:
            if isinstance(screen, CockpitScreen):
                screen.post_message(PresentationChanged(on))
        if self._clock is not None:
            self._clock.stop()
            self._clock = None
        if on:
            self._clock = app.set_interval(1.0, self._tick, name="presentation clock")
        self.title_line.refresh()
        if remember and self.settings.presentation != on:
            self.settings.presentation = on
            self._save_settings()

    def _close_confidential_dialogs(self) -> None:
        """Dialogs opened before f5 that quote a confidential card or risk (a delete confirmation, the
        block or gate dialog) leave the screen at once, without doing anything."""
        app = self.app
        while len(app.screen_stack) > 1 and (what := confidential_quote(app.screen)):
            forget_confidential(app.screen)
            app.screen.dismiss(None)
            app.notify(f"{what} is confidential: its dialog was closed, nothing was changed.",
                       title="Hidden while presenting", severity="warning", markup=False)

    def notice(self, text: str, folders: Iterable[object] = ()) -> str:
        """A notice as the screen shows it now: while presenting, the paths it names lose their folders
        (``folders``: the workspace's own, cut first so that names with spaces go too; and the home folder)."""
        if not self.on or not text:
            return text
        return hide_folders(text, [str(folder) for folder in (*folders, Path.home())])

    def _tick(self) -> None:
        """Once a second while presenting: the meeting timer in the header (if a meeting runs)."""
        self.title_line.update()

    def apply(self, screen: object) -> None:
        """Bring a screen in line with the mode (called on toggle and whenever a screen resumes)."""
        if isinstance(screen, CockpitScreen) and screen.has_class(CLASS) != self.on:
            screen.set_class(self.on, CLASS)
            screen.presentation_changed(self.on)
