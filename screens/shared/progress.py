"""Slow work (imports, exports, minutes, reports) off the UI thread, with progress and a way out.

``run_slow(screen, work, title=..., done=...)`` runs ``work(progress)`` in a thread (a Textual worker),
so the cockpit keeps drawing and answering keys.  If the work takes more than half a second, a dialog
shows its progress with a Cancel button (``escape``).  ``work`` reports with ``progress.update(done,
total)``, which raises ``Cancelled`` once the user has cancelled: work that writes does so in ONE store
transaction, so a cancelled import rolls back and nothing is half-written; a file is written to a
temporary name and renamed at the end (the safe writer does that), so nothing half-written is left.
"""

import asyncio
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, ProgressBar, Static

T = TypeVar("T")

#: Work that takes longer than this shows the progress dialog.
SHOW_AFTER_SECONDS = 0.5


class Cancelled(Exception):
    """The user cancelled the work; whatever it was writing was rolled back."""


class Progress:
    """The work's side: report progress; learn that the user cancelled.  Safe to use from the worker
    thread (the dialog only reads it)."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.done = 0
        self.total: int | None = None
        self.text = ""

    def update(self, done: int, total: int | None = None, text: str = "") -> None:
        """Record progress; raises Cancelled if the user cancelled."""
        self.done = done
        if total is not None:
            self.total = total
        if text:
            self.text = text
        self.check()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class ProgressModal(ModalScreen[None]):
    """Shows a running piece of work; Cancel asks it to stop (it stops at its next progress report)."""

    DEFAULT_CSS = """
    ProgressModal { align: center middle; }
    ProgressModal > Vertical {
        width: 64; max-width: 95%; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    ProgressModal #progress-title { text-style: bold; margin-bottom: 1; }
    ProgressModal #progress-text { color: $text-muted; height: 1; }
    ProgressModal Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    """
    BINDINGS = [Binding("escape", "cancel_work", "Cancel", id="progress.cancel", tooltip="Stop; nothing is half-written")]

    def __init__(self, title: str, progress: Progress) -> None:
        super().__init__()
        self.heading = title
        self.progress = progress

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, id="progress-title", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="progress-bar")
            yield Static("", id="progress-text", markup=False)
            with Horizontal():
                yield Button("Cancel (esc)", id="progress-cancel")

    def on_mount(self) -> None:
        self.set_interval(0.1, self._show)

    def _show(self) -> None:
        bar = self.query_one(ProgressBar)
        if self.progress.total:
            bar.update(total=self.progress.total, progress=self.progress.done)
        text = self.progress.text
        if self.progress.cancelled:
            text = "Cancelling…"
        self.query_one("#progress-text", Static).update(text)

    def action_cancel_work(self) -> None:
        self.progress.cancel()
        self._show()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel_work()


class SlowWork(Generic[T]):
    """One run of slow work (``run_slow`` returns it; tests await ``finished``)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.finished = asyncio.Event()
        self.outcome: str = "running"  # then "done", "cancelled" or "failed"


def run_slow(screen: Screen, work: Callable[[Progress], T], *, title: str, done: Callable[[T], None],
             failed: Callable[[Exception], None] | None = None,
             errors: tuple[type[Exception], ...] = (Exception,)) -> SlowWork[T]:
    """Run ``work(progress)`` in a thread; then ``done(result)`` on the UI thread, or ``failed(error)``
    for one of ``errors`` (by default: a notice), or a "Cancelled" notice if the user cancelled."""
    progress = Progress()
    run: SlowWork[T] = SlowWork(progress)
    modal: list[ProgressModal] = []

    def show() -> None:
        if not run.finished.is_set():
            dialog = ProgressModal(title, progress)
            modal.append(dialog)
            screen.app.push_screen(dialog)

    def report(error: Exception) -> None:
        screen.notify(str(error), title=f"{title}: failed", severity="error", markup=False)

    async def runner() -> None:
        timer = screen.set_timer(SHOW_AFTER_SECONDS, show)
        try:
            result = await asyncio.to_thread(work, progress)
        except Cancelled:
            run.outcome = "cancelled"
        except errors as error:
            run.outcome = "failed"
            (failed or report)(error)
        else:
            run.outcome = "done"
        finally:
            timer.stop()
            for dialog in modal:
                if dialog.is_attached:
                    dialog.dismiss()
        if run.outcome == "done":
            done(result)
        elif run.outcome == "cancelled":
            screen.notify(f"{title}: cancelled, nothing was changed.", severity="warning", markup=False)
        run.finished.set()

    screen.run_worker(runner(), group="slow-work", exit_on_error=False)
    return run
