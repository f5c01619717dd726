"""What the meeting and retro screens share: the running meeting's session, and asking for
decisions and action items."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from db.errors import StoreError
from screens.meetings.action_form import ActionDraft, ActionFormModal
from screens.shared.text_prompt import TextPromptModal

if TYPE_CHECKING:
    from cockpit.services.meetings import MeetingSession
    from screens.base import CockpitScreen


def session_of(screen: "CockpitScreen") -> "MeetingSession | None":
    return getattr(screen.app, "meeting_session", None)


def today_of(screen: "CockpitScreen"):  # noqa: ANN201
    return getattr(screen.app, "today", None) or screen.store.today()


def ask_decision(screen: "CockpitScreen", meeting_id: int, agenda_item_id: int | None,
                 done: Callable[[], None]) -> None:
    def save(text: str | None) -> None:
        if not text:
            return
        try:
            screen.store.meetings.add_decision(meeting_id, text, agenda_item_id)
        except StoreError as error:
            screen.report(error)
        done()

    screen.app.push_screen(TextPromptModal("Decision", "What was decided"), save)


def ask_action(screen: "CockpitScreen", meeting_id: int, owner_id: int | None, done: Callable[[], None]) -> None:
    def save(draft: ActionDraft | None) -> None:
        if draft is None:
            return
        try:
            action = screen.store.meetings.add_action(meeting_id, draft.text, owner_id=draft.owner_id, due=draft.due,
                                                      make_card=draft.make_card)
        except StoreError as error:
            screen.report(error)
        else:
            if action.item_id:
                screen.notify(f"Card #{action.item_id} added to the board", markup=False)
        done()

    screen.app.push_screen(ActionFormModal(screen.store.workspace.people(), today_of(screen), owner_id), save)
