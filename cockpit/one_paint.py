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

Both overrides are of Textual 8 internals (``push_screen`` is public, ``_prune`` is not):
tests/board/test_dialog_paint.py counts the bytes and fails if an upgrade changes this.
"""

import asyncio
from functools import partial
from typing import Any

from textual.app import App
from textual.screen import ModalScreen, Screen

from cockpit.dimmed import dimmed

HOLD_AT_MOST = 0.5  # s: the paints are held no longer than this for a dialog to mount
_RELEASES: set[asyncio.Task] = set()  # the pending releases (the loop keeps only weak references)


def _held() -> None:
    """A dialog's paint while it mounts: nothing (it is painted whole once it is mounted)."""


class OnePaintDialogs(App):
    """Mixed into the app: dialogs open and close with one paint of the screen each."""

    def push_screen(self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False, *,
                    mode: str | None = None) -> Any:
        if isinstance(screen, ModalScreen) and type(screen).render is Screen.render:
            screen.render = partial(dimmed, screen)  # type: ignore[method-assign]  # the board below, dimmed once
        hold = (isinstance(screen, ModalScreen) and not screen.is_running and not wait_for_dismiss
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
            await await_mount

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

    def _prune(self, *nodes: Any, parent: Any = None) -> Any:
        if parent is self and nodes and all(isinstance(node, Screen) for node in nodes):
            parent = None  # no refresh of the app's layout: the screen below resumes and paints once
        return super()._prune(*nodes, parent=parent)
