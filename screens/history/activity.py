"""A card's activity feed (``a`` on the board): its moves, edits, blocks with their reasons and gate
overrides, newest first, each with who, when and the meeting it was made in.  It writes nothing."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cockpit.logic.history import FeedLine, card_feed
from cockpit.logic.present import Secrets, mask
from cockpit.screens.base import quotes_confidential

if TYPE_CHECKING:
    from datetime import tzinfo

    from cockpit.db.store import Store


class ActivityModal(ModalScreen[None]):
    """Shows plain lines made by ``activity_modal``; escape (or ``a``, or q) closes it."""

    DEFAULT_CSS = """
    ActivityModal { align: center middle; }
    ActivityModal > Vertical {
        width: 100; max-width: 95%; height: auto; max-height: 90%; border: thick $accent;
        background: $surface; padding: 1 2;
    }
    ActivityModal #activity-title { text-style: bold; margin-bottom: 1; }
    ActivityModal #activity-feed { height: auto; max-height: 30; }
    ActivityModal .activity-line { margin-bottom: 1; }
    ActivityModal .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape,a,q", "close", "Close", id="activity.close", tooltip="Back to the board")]

    def __init__(self, title: str, lines: list[Text]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="activity-title", markup=False)
            with VerticalScroll(id="activity-feed"):
                for line in self.lines or [Text("No change recorded for this card.", style="dim")]:
                    yield Static(line, classes="activity-line")
            yield Static("newest first · escape closes", classes="hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)


def feed_text(line: FeedLine, zone: "tzinfo | None", secrets: Secrets) -> Text:
    """One change of the feed, drawn: when and who in bold, what, the block's reason, the meeting."""
    text = Text()
    text.append(f"{line.at.astimezone(zone):%a %d %b %Y %H:%M} · {line.actor}", style="bold")
    text.append("\n" + line.text)
    if line.reason:
        text.append("\nreason: ", style="bold")
        text.append(line.reason)
    if line.meeting is not None:
        started = line.meeting.started.astimezone(zone) if line.meeting.started else None
        when = f" ({started:%a %d %b %H:%M})" if started else ""
        text.append(f"\nin the meeting {secrets.hide(line.meeting.title)}{when}", style="italic")
    return text


def activity_modal(store: "Store", item_id: int, secrets: Secrets) -> ActivityModal:
    """The feed of card ``item_id``; a confidential card's words are masked while presenting, and the
    dialog closes if f5 is pressed while it is open."""
    zone = store.settings.zone()
    item = store.items.get(item_id)
    meetings = [m for m in store.meetings.all() if m.started is not None]
    lines = card_feed(store.history.of_item(item_id), meetings)
    hidden = item_id in secrets.item_ids
    if hidden:
        lines = [FeedLine(line.at, line.actor, f"{line.text.split(' ', 1)[0]} card: {mask(line.text)}",
                          mask(line.reason), line.meeting) for line in lines]
    title = f"Activity of card #{item.id}: {mask(item.title) if hidden else item.title}"
    modal = ActivityModal(title, [feed_text(line, zone, secrets) for line in lines])
    return quotes_confidential(modal, f"Card #{item.id}", item.confidential)
