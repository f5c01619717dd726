"""What every main screen shares: the workspace context, a header and footer, help text, reloading,
and the one helper that writes through the store (report a refusal, reload)."""

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar
from weakref import WeakKeyDictionary

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header

from cockpit.context import MeetingChanged, PresentationChanged, ProjectChanged
from cockpit.logic.present import Secrets
from cockpit.services.present import secrets_of
from cockpit.db.errors import StoreError
from cockpit.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:  # the app paints its first frame before the database layer is imported
    from datetime import date

    from cockpit.context import Clock, Workspace
    from cockpit.db.store import Store


#: The class the app and every main screen carry in presentation mode (f5).
PRESENTATION_CLASS = "-presentation"


S = TypeVar("S", bound=Screen)
T = TypeVar("T")


#: Open dialogs that quote a confidential card's or risk's words, and what they quote ("Card #12").
_CONFIDENTIAL: "WeakKeyDictionary[Screen, str]" = WeakKeyDictionary()


def quotes_confidential(modal: S, what: str, confidential: bool = True) -> S:
    """Mark a dialog that quotes a confidential card's or risk's words (``what``: "Card #12"): if f5 is
    pressed while it is open, it is closed at once, without doing anything (see cockpit/presentation.py)."""
    if confidential:
        _CONFIDENTIAL[modal] = what
    return modal


def confidential_quote(screen: Screen) -> str | None:
    """What a dialog marked by ``quotes_confidential`` quotes ("Card #12"), or None."""
    return _CONFIDENTIAL.get(screen)


def forget_confidential(screen: Screen) -> None:
    _CONFIDENTIAL.pop(screen, None)


def carry_confidential(fresh: Screen, kept: Screen) -> None:
    """A kept dialog shown again with ``fresh``'s words quotes what ``fresh`` quotes (or nothing)."""
    _CONFIDENTIAL.pop(kept, None)
    if (what := _CONFIDENTIAL.pop(fresh, None)) is not None:
        _CONFIDENTIAL[kept] = what


class ScopeChanged(Message):
    """A screen's ``header_scope`` changed: the app redraws the header."""


class TitleChanged(Message):
    """The project's iterations changed (one added, closed or reopened): the header reads the current
    iteration again."""


class CockpitScreen(Screen):
    """A main screen (a mode of the app), made from the workspace context.  Subclasses compose their
    body in ``compose_body`` and reload in ``refresh_data``.

    Presentation mode (f5): while it is on, the screen has the ``-presentation`` class (style it with
    ``MyScreen.-presentation ...`` rules in DEFAULT_CSS), ``self.presenting`` is True and text of
    confidential rows must go through ``cockpit.logic.present.redact`` before it is drawn.
    """

    #: Markdown shown by F1, above the list of keys.
    HELP = ""

    #: The actions (names without ``action_``) that change data or open a form that does.  A read-only
    #: view (``cockpit --read-only``, the browser view) does not offer them: ``check_action`` hides them
    #: from the footer, F1 and the palette, and a key or a click that would reach them is refused with a
    #: notice before any form opens (``refuses``).
    WRITES: ClassVar[frozenset[str]] = frozenset()

    #: The notice shown when a read-only view refuses a change.
    READ_ONLY_NOTICE = "This is a read-only view: nothing can be changed here."

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.workspace = workspace

    @property
    def store(self) -> "Store":
        return self.workspace.store

    @property
    def clock(self) -> "Clock":
        return self.workspace.clock

    @property
    def today(self) -> "date":
        """Today, from the workspace clock (the only source of it)."""
        return self.workspace.clock.today()

    @property
    def presenting(self) -> bool:
        """Presentation mode (f5) is on: mask confidential text, make room."""
        return self.workspace.live.presenting

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_body()
        yield KeysFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def refresh_data(self) -> None:
        """Reload what the screen shows from the store (after undo, redo or a change elsewhere).

        It is also called a moment after another window changed the database (live updates), so it
        must keep the cursor, the selection and the scroll position (find the row by id again).
        """

    # --- read-only views ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.workspace.store.read_only

    def writes_refused(self, action: str) -> bool:
        """``action`` changes data and this is a read-only view: it is not offered (``check_action``
        subclasses start with ``if self.writes_refused(action): return False``)."""
        return action in self.WRITES and self.read_only

    def refuses(self, action: str) -> bool:
        """For paths that reach a writing action without its key (enter on a row, a click, a dialog's
        request): True, with a notice, when a read-only view refuses it (call before opening a form)."""
        if self.writes_refused(action):
            self.notify(self.READ_ONLY_NOTICE, title="Read-only", severity="warning", markup=False)
            return True
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return False if self.writes_refused(action) else True

    # --- writing ---------------------------------------------------------------------------------

    def write(self, call: Callable[..., T], *args: object, reload: bool = True, **kwargs: object) -> T | None:
        """The one way a screen writes: ``call(*args, **kwargs)`` through the store; a refusal (a stale
        version, a bad value) is reported and None returned; either way the screen reloads from the
        store (``reload=False`` leaves that to the caller)."""
        try:
            result = call(*args, **kwargs)
        except StoreError as error:
            self.report(error)
            if reload:
                self.refresh_data()
            return None
        if reload:
            self.refresh_data()
        return result

    def header_scope(self) -> str | None:
        """What part of the project this screen shows, for the header (the board: which iterations);
        None: the header says the current iteration.  Call ``scope_changed`` when it changes."""
        return None

    def scope_changed(self) -> None:
        self.post_message(ScopeChanged())

    def submitter(self, call: Callable[..., T]) -> "Callable[..., T]":
        """For a form that saves while it is open: ``call`` writes through the store and raises
        StoreError on refusal (the form shows it and stays open with what was typed); after a saved
        change the screen reloads."""
        def submit(*args: object, **kwargs: object) -> T:
            result = call(*args, **kwargs)
            self.refresh_data()
            return result
        return submit

    def report(self, error: StoreError) -> None:
        """Show a refused write to the user; user text is never markup.  While presenting, a
        confidential title the message quotes (a change's label: "create card <title>") is masked."""
        self.notify(self.secrets().hide(error.message), title="Not saved", severity="error", markup=False)

    # --- presentation and meetings ---------------------------------------------------------------

    def secrets(self) -> Secrets:
        """The confidential cards and the words to hide now (hides nothing when not presenting)."""
        try:
            return secrets_of(self.store, self.presenting)
        except StoreError:
            return Secrets()

    def presentation_changed(self, presenting: bool) -> None:
        """Presentation mode was switched while this screen is shown; by default, redraw."""
        self.refresh_data()

    def meeting_changed(self) -> None:
        """A meeting started or ended; by default, the keys that apply are checked again."""
        self.refresh_bindings()

    @on(PresentationChanged)
    def _presentation_changed(self, message: PresentationChanged) -> None:
        message.stop()
        if self.has_class(PRESENTATION_CLASS) != message.presenting:
            self.set_class(message.presenting, PRESENTATION_CLASS)
            self.presentation_changed(message.presenting)

    def project_changed(self) -> None:
        """The window switched to another project; by default, reload."""
        self.refresh_data()

    @on(ProjectChanged)
    def _project_changed(self, message: ProjectChanged) -> None:
        message.stop()
        if self.is_mounted:
            self.project_changed()

    @on(MeetingChanged)
    def _meeting_changed(self, message: MeetingChanged) -> None:
        message.stop()
        self.meeting_changed()

    def on_screen_resume(self) -> None:
        self.set_class(self.presenting, PRESENTATION_CLASS)
        self.refresh_data()
        self.scope_changed()

    def hidden_while_presenting(self, message: str) -> None:
        """Say why confidential words are not shown (or a form was closed) while presenting."""
        self.notify(message, title="Hidden while presenting", severity="warning", markup=False)
