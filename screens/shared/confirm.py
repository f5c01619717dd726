"""The one yes/no question of the app (delete a card, a risk, an activity; move past a WIP limit …).

The same keys everywhere: ``y`` confirms, ``n`` or ``escape`` cancels, ``enter`` presses the
highlighted button, which starts on the safe choice (cancel).  ``tab`` moves between the buttons.

The app keeps one question once it has been shown, and shows the next one in it (``reuse``: its
words, buttons and focus are those of the question asked): building a dialog's widgets and styling
them is most of the time a dialog takes to open (issue 15).  Its answer still goes only through
``dismiss`` to the callback of the push that showed it.
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from cockpit.screens.base import carry_confidential


class ConfirmModal(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 64; max-width: 95%; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmModal.-danger > Vertical { border: thick $error; }
    ConfirmModal #confirm-title { text-style: bold; margin-bottom: 1; }
    ConfirmModal Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmModal Button { margin-left: 2; }
    """
    AUTO_FOCUS = "#no"  # enter on a fresh dialog is the safe choice (and a dialog closed as it
    # is built, as the app exits, has nothing to focus: no error)
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Confirm"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Cancel"),
    ]

    def __init__(self, title: str, question: str = "", yes: str = "Yes", no: str = "Cancel", *,
                 danger: bool = False) -> None:
        super().__init__(classes="-danger" if danger else "")
        self.title_text = title
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        danger = self.has_class("-danger")
        with Vertical():
            yield Static(self.title_text, id="confirm-title", markup=False)
            question = Static(self.question, id="confirm-question", markup=False)
            question.display = bool(self.question)
            yield question
            with Horizontal():
                yield Button(f"{self.yes} (y)", variant="error" if danger else "warning", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def reuse(self, fresh: "ConfirmModal") -> None:
        """Ask ``fresh``'s question in this (kept, closed) dialog: its words, colours and the focus on
        the safe choice, as if it were new."""
        self.title_text, self.question, self.yes, self.no = fresh.title_text, fresh.question, fresh.yes, fresh.no
        danger = fresh.has_class("-danger")
        self.set_class(danger, "-danger")
        self.query_one("#confirm-title", Static).update(self.title_text)
        question = self.query_one("#confirm-question", Static)
        question.update(self.question)
        question.display = bool(self.question)
        yes, no = self.query_one("#yes", Button), self.query_one("#no", Button)
        yes.label, yes.variant = f"{self.yes} (y)", "error" if danger else "warning"
        no.label = f"{self.no} (n)"
        for button in (yes, no):  # a button's label only repaints it: its width is for the old one
            button.clear_cached_dimensions()
            button.refresh(layout=True)
        self.set_focus(no)
        carry_confidential(fresh, self)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
