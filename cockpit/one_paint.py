"""A dialog opens in one paint and closes in one (issue 15): what Textual 8 writes otherwise.

Opening a dialog (a modal screen) painted the whole screen twice: Textual lays the dialog out as
soon as it is pushed, before its children are mounted, and paints it (the whole screen: the board
dimmed behind it); the children then mount and lay it out again in pieces, and the dialog's first
resize lays out the screen below it, which ``push_screen`` had marked for a repaint, so the whole
screen went out a second time.  Here the paints are held (Textual's batch) from the push until the
dialog and all its children are mounted, and the dialog is not rendered meanwhile: the first paint
is the finished dialog, once.

Closing it repainted the screen below two or three times: once when it resumes (needed: it is no
longer dimmed), and once more each time Textual's removal of the dialog finished, which refreshes
the app's layout, that is the top screen's, whole.  Removing a screen leaves the screens below as
they were laid out, so that refresh is left out; the resume paints the screen once.

A dialog whose class can ``reuse`` itself (the confirm question) is kept once it has been shown
(installed, so that Textual does not remove it when it closes) and the next dialog of its kind is
shown in it: its widgets are not built, mounted and styled again (most of an opening's time); the
toasts shown meanwhile are mounted in it too, in idle time, not when it opens.  The one built ahead
(``keep_ready``) is also readied in idle time (laid out, its paint timer started, the screen below
dimmed for it), so that the first question of the session opens as fast as the next ones: it took
35–50 ms against 11–20 ms, tinting the whole board cold and waiting a frame for its first paint tick.

The overrides are of Textual 8 internals (``push_screen`` is public; ``_prune``, the batch, a
screen's ``_compositor_refresh``, ``_refresh_layout`` and ``_update_timer`` and a widget's
``_check_refresh`` are not):
tests/board/test_dialog_paint.py and test_kept_dialog.py count the updates written and fail if an
upgrade changes this.
"""

import asyncio
from functools import partial
from typing import Any, Callable

from textual.app import App
from textual.screen import ModalScreen, Screen

from cockpit.dimmed import dim_ahead, dimmed

KEEP_AFTER = 1.0  # s after the first screen is shown: the kept dialogs are built then (idle time)
HOLD_AT_MOST = 0.5  # s: the paints are held no longer than this for a dialog to mount
_RELEASES: set[asyncio.Task] = set()  # the pending releases (the loop keeps only weak references)


def _held() -> None:
    """A dialog's paint while it mounts: nothing (it is painted whole once it is mounted)."""


async def _handled(nodes: list[Any]) -> None:
    """Once every node has processed the messages posted to it so far."""
    loop = asyncio.get_running_loop()
    futures = []
    for node in nodes:
        future = loop.create_future()
        node.call_later(lambda future=future: future.done() or future.set_result(None))
        futures.append(future)
    await asyncio.gather(*futures)


class OnePaintDialogs(App):
    """Mixed into the app: dialogs open and close with one paint of the screen each."""

    def keep_ready(self, make: Callable[[], Screen], shown: Callable[[Screen], bool], after: float = KEEP_AFTER) -> None:
        """Build the dialog ``make()`` returns ahead, to be kept: ``after`` seconds once a screen for
        which ``shown`` is true is shown (idle time once the app is up), so that even the first
        dialog of that kind opens quickly.  Called once the app is running."""

        def build() -> None:
            screen = make()
            if type(screen) in self.__dict__.setdefault("_kept_dialogs", {}):
                return  # one was shown meanwhile: it is kept
            self._kept_dialogs[type(screen)] = screen
            self.install_screen(screen, f"-kept-{type(screen).__name__}")
            self._get_screen(screen)  # started, composed and mounted, not shown
            screen.call_later(ready, screen)  # once it is mounted

        def ready(screen: Screen) -> None:
            """The question built ahead, readied for its first opening over the current screen, as the
            later openings find it: laid out at the terminal's size, the screen below dimmed for it
            (``dim_ahead``), and its paint timer started (a screen's first refresh waits a whole
            frame, ~17 ms, for its update timer's first tick; the later ones are painted at once)."""
            below = self.screen  # what the first question will most likely be asked over
            if screen.is_mounted and not isinstance(below, ModalScreen):
                screen._refresh_layout(self.size)  # not current: nothing is painted
                screen._update_timer.resume()  # its first tick, now: it paints nothing (not current)
                dim_ahead(screen, below)

        def changed(screen: Screen) -> None:
            if shown(screen):
                self.screen_change_signal.unsubscribe(self)
                self.set_timer(after, build)

        self.screen_change_signal.subscribe(self, changed)

    def _kept(self, screen: Any) -> Any:  # noqa: ANN401
        """The dialog to show for ``screen``: the kept one of its kind, given its words, if it is closed."""
        kind = type(screen)
        if "reuse" not in kind.__dict__ or screen.is_running:
            return screen
        kept_dialogs: dict[type, Screen] = self.__dict__.setdefault("_kept_dialogs", {})
        kept = kept_dialogs.get(kind)
        if kept is not None and kept.is_running:
            if not kept.is_mounted or any(kept in stack for stack in self._screen_stacks.values()):
                return screen  # being built, or open (a question asked from a question): a new one
            kept.reuse(screen)
            return kept
        if kept is not None:
            self.uninstall_screen(kept)
        kept_dialogs[kind] = screen
        self.install_screen(screen, f"-kept-{kind.__name__}")  # not removed when it closes
        return screen

    def push_screen(self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False, *,
                    mode: str | None = None) -> Any:
        asked = screen
        if isinstance(screen, ModalScreen) and mode in (None, self.current_mode) and not wait_for_dismiss:
            screen = self._kept(screen)
        reused = screen is not asked
        if isinstance(screen, ModalScreen) and type(screen).render is Screen.render:
            screen.render = partial(dimmed, screen)  # type: ignore[method-assign]  # the board below, dimmed once
        hold = (isinstance(screen, ModalScreen) and (reused or not screen.is_running) and not wait_for_dismiss
                and mode in (None, self.current_mode))
        if not hold:
            return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)
        self._begin_batch()
        # A paint while held would be rendered and then dropped (a whole screen: the board dimmed
        # behind the dialog costs tens of ms to render); the dialog skips it, and paints at the release.
        screen._compositor_refresh = _held  # type: ignore[method-assign]
        try:
            await_mount = super().push_screen(screen, callback, mode=mode)
        except BaseException:
            del screen._compositor_refresh
            self._end_batch()
            raise

        async def mounted() -> None:
            if not reused:
                await await_mount
                return
            # A kept dialog is mounted: it is ready once it and its widgets have handled what its new
            # words and focus posted them (its resume, restyled; a focus moved): a callback posted to
            # each after that runs after it.  Then it is laid out, unpainted, for its new words (a
            # widget whose size changes asks for another layout, which would be a second paint),
            # and what its widgets would then ask of the screen when idle is asked and handled now:
            # the layout at the release changes nothing but paints the whole screen, once.
            nodes = [screen, *screen.walk_children()]
            await _handled(nodes)
            screen._refresh_layout()
            await _handled(nodes)
            for node in nodes:
                node._check_refresh()
            await _handled([screen])

        async def release() -> None:
            try:  # never hold the paints for long, whatever happens to the dialog
                await asyncio.wait_for(mounted(), HOLD_AT_MOST)
            except (asyncio.TimeoutError, Exception):
                pass
            finally:
                del screen._compositor_refresh
                if screen.is_current:
                    # What was painted while held was not written: the next update is the whole
                    # screen, once (a pending layout paints it; a pending repaint would be a second).
                    screen._compositor._dirty_regions.add(screen._compositor.size.region)
                    screen._repaint_required = False
                    screen.refresh(layout=True, repaint=False)
                self._end_batch()

        task = asyncio.get_running_loop().create_task(release())
        _RELEASES.add(task)
        task.add_done_callback(_RELEASES.discard)
        return await_mount

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual's (paints held ``delay`` s while a screen switch settles: ``switch_mode``, the
        palette), released with ONE write of the screen.  Textual's release asks for a repaint of the
        whole screen, while the layout the new screen asked for meanwhile is still pending: its pass
        wrote the changed pieces (over the old screen still on the terminal) and the repaint wrote the
        whole screen again a frame later.  Here the whole screen is marked to be written by the
        pending layout pass (or one asked for), as a dialog's release does."""
        self._begin_batch()

        def end_batch() -> None:
            self._end_batch()
            if not self._batch_count:
                screen = self.screen
                screen._compositor._dirty_regions.add(screen._compositor.size.region)
                screen._repaint_required = False
                screen.refresh(layout=True, repaint=False)

        self.set_timer(delay, end_batch, name="delay_update")

    def _refresh_notifications(self) -> None:
        """The toasts shown: on the current screen (Textual's), and in the kept dialogs that are closed,
        once the current screen is painted (idle time), so that a dialog opened while a toast shows
        ("Move cancelled") has it already: mounting it on the dialog's resume was ~20–45 ms of the
        opening, inside the held paint.  Each toast still expires on its own timer."""
        super()._refresh_notifications()
        for kept in self.__dict__.get("_kept_dialogs", {}).values():
            if not kept.is_mounted or any(kept in stack for stack in self._screen_stacks.values()):
                continue  # being built (its resume shows the toasts), or open (it is the current screen)
            rack = next((child for child in kept.children if type(child).__name__ == "ToastRack"), None)
            if rack is not None:  # by type name: Textual's module for it is private
                self.call_after_refresh(rack.show, self._notifications)

    def _prune(self, *nodes: Any, parent: Any = None) -> Any:
        if parent is self and nodes and all(isinstance(node, Screen) for node in nodes):
            parent = None  # no refresh of the app's layout: the screen below resumes and paints once
        return super()._prune(*nodes, parent=parent)


def question_ahead() -> Screen:
    """The confirm dialog, built ahead and kept (``keep_ready``); its module is loaded after the first frame."""
    from cockpit.screens.shared.confirm import ConfirmModal

    return ConfirmModal("")
