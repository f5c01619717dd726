"""The meeting and retro screens' controller: a plain object each screen owns.

It reads through the store and the window's meeting session, keeps what the screen shows of the
running meeting, and makes the meeting's writes (decisions, action items, agenda items, retro notes
and votes).  The screens call its writes through ``CockpitScreen.write`` / ``submitter``, so a
refusal is reported (or shown in the form) and the screen reloads.
"""

from datetime import date
from typing import TYPE_CHECKING, Any

from cockpit.db.models import IterationRead, PersonRead
from cockpit.db.models_meetings import ActionItemRead, MeetingDetail, MeetingRead

if TYPE_CHECKING:
    from cockpit.context import Workspace
    from cockpit.services.meetings import MeetingSession
    from cockpit.db.store import Store


def split_time_box(text: str, default: int = 5) -> tuple[str, int]:
    """"Pricing rules 10" -> ("Pricing rules", 10); no number at the end -> the default minutes."""
    title, _, last = text.strip().rpartition(" ")
    if title and last.isdigit() and 0 < int(last) <= 480:
        return title.strip(), int(last)
    return text.strip(), default


class MeetingController:
    def __init__(self, workspace: "Workspace") -> None:
        self.workspace = workspace
        #: The running meeting as last loaded (None without one).
        self.detail: MeetingDetail | None = None

    @property
    def store(self) -> "Store":
        return self.workspace.store

    @property
    def session(self) -> "MeetingSession":
        return self.workspace.meetings

    @property
    def today(self) -> date:
        return self.workspace.clock.today()

    @property
    def active(self) -> bool:
        """A meeting runs in this window."""
        return self.session.active

    def runs(self, meeting: MeetingRead | None) -> bool:
        """``meeting`` is the one running in this window."""
        return meeting is not None and self.active and self.session.meeting_id == meeting.id

    def people(self) -> list[PersonRead]:
        return self.store.workspace.people()

    # --- reading ---------------------------------------------------------------------------------

    def load(self) -> MeetingDetail | None:
        """The running meeting's agenda, notes, decisions and actions (None without one)."""
        self.detail = self.session.detail() if self.active else None
        return self.detail

    def iterations(self) -> list[IterationRead]:
        return self.store.workspace.iterations()

    def default_iteration(self, iterations: list[IterationRead]) -> int | None:
        """The iteration a retro looks back on: the running retrospective's, else the last ended one."""
        if self.active:
            meeting = self.session.meeting()
            if meeting is not None and meeting.kind == "retrospective" and meeting.iteration_id:
                return meeting.iteration_id
        ended = [it for it in iterations if it.end < self.today]
        chosen = ended[-1] if ended else (iterations[0] if iterations else None)
        return chosen.id if chosen else None

    def retrospective(self, iteration_id: int | None) -> MeetingRead | None:
        """The retrospective of an iteration: the one running here, else its latest."""
        if self.active:
            running = self.session.meeting()
            if running is not None and running.kind == "retrospective" and running.iteration_id == iteration_id:
                return running
        if iteration_id is None:
            return None
        retros = self.store.meetings.retrospectives(iteration_id)
        return retros[0] if retros else None

    def previous_actions(self, meeting: MeetingRead | None) -> list[ActionItemRead]:
        """The action items of the retrospective before ``meeting`` (or before now)."""
        meetings = self.store.meetings
        before = (meetings.previous_retrospective(meeting.id, before=meeting.started) if meeting is not None
                  else meetings.previous_retrospective(before=self.store.now()))
        return meetings.actions(before.id) if before else []

    # --- writing (through the screen's ``write`` / ``submitter``) --------------------------------

    def add_decision(self, meeting_id: int, agenda_item_id: int | None, values: dict[str, Any]) -> None:
        self.store.meetings.add_decision(meeting_id, values["text"], agenda_item_id)

    def add_action(self, meeting_id: int, values: dict[str, Any]) -> ActionItemRead:
        return self.store.meetings.add_action(meeting_id, values["text"], owner_id=values["owner_id"],
                                              due=values["due"], make_card=values["make_card"])

    def add_agenda_item(self, meeting_id: int, values: dict[str, Any]) -> None:
        """"Pricing 10": a ten-minute item; the first item of an empty agenda becomes current."""
        title, minutes = split_time_box(values["text"])
        self.store.meetings.add_agenda_item(meeting_id, title, minutes * 60)
        if self.session.current_id is None:
            self.session.next_item()

    def mark_previous(self, action: ActionItemRead) -> None:
        """Toggle a previous retro's action item done / open."""
        status = "open" if action.status == "done" else "done"
        self.store.meetings.set_action_status(action.id, action.version, status)

    def carry_over(self, action: ActionItemRead, meeting_id: int) -> None:
        self.store.meetings.carry_over(action.id, action.version, meeting_id)

    def add_note(self, meeting_id: int, lane: str, text: str) -> None:
        self.store.meetings.add_note(meeting_id, lane, text)

    def vote(self, note_id: int, person_id: int, step: int) -> None:
        (self.store.meetings.vote if step > 0 else self.store.meetings.unvote)(note_id, person_id)
