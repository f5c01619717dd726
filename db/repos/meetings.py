"""Meetings (``store.meetings``): start and end, agenda, notes, decisions, action items, retro notes
and dot votes.  Every write goes through ``store.write``; while a meeting runs in this window,
``store.meeting_id`` names it, so every change made anywhere is attributed to it in the change log."""

import os
import socket
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from cockpit.db.errors import NotFound, ValidationFailed
from cockpit.db.models import Change, Item, Person, Stage
from cockpit.db.models_meetings import (
    ActionItem,
    ActionItemCreate,
    ActionItemRead,
    AgendaItem,
    AgendaItemCreate,
    AgendaItemRead,
    Decision,
    DecisionCreate,
    DecisionRead,
    Meeting,
    MeetingAttendee,
    MeetingCreate,
    MeetingDetail,
    MeetingRead,
    RetroNote,
    RetroNoteCreate,
    RetroNoteRead,
    RetroVote,
)
from cockpit.db.repos.base import Repo
from cockpit.db.tx import UNCHECKED

def this_host() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _meeting(row: Meeting) -> MeetingRead:
    return MeetingRead.model_validate(row, from_attributes=True)


class MeetingRepo(Repo):
    # --- reading -------------------------------------------------------------------------------

    def get(self, meeting_id: int) -> MeetingRead:
        with self.store.read() as session:
            row = session.get(Meeting, meeting_id)
        if row is None:
            raise NotFound(f"meeting #{meeting_id} no longer exists")
        return _meeting(row)

    def all(self, limit: int | None = None) -> list[MeetingRead]:
        """This project's meetings, newest first (by start, then by id)."""
        query = select(Meeting).order_by(Meeting.started.desc(), Meeting.id.desc())  # type: ignore[union-attr]
        if limit:
            query = query.limit(limit)
        with self.store.read() as session:
            mine = self.of_project(Meeting.project_id, session, self.project_in(session))
            return [_meeting(row) for row in session.exec(query.where(mine))]

    def last(self) -> MeetingRead | None:
        """The meeting that started last (running or not)."""
        found = [m for m in self.all(limit=20) if m.started is not None]
        return found[0] if found else None

    def unfinished(self) -> list[MeetingRead]:
        """Meetings that started and never ended (the window running them was killed, or still runs)."""
        with self.store.read() as session:
            rows = session.exec(select(Meeting).where(Meeting.started.is_not(None), Meeting.ended.is_(None))  # type: ignore[union-attr]
                                .order_by(Meeting.started)).all()
        return [_meeting(row) for row in rows]

    def detail(self, meeting_id: int) -> MeetingDetail:
        with self.store.read() as session:
            row = session.get(Meeting, meeting_id)
            if row is None:
                raise NotFound(f"meeting #{meeting_id} no longer exists")
            names = {p.id: p.name for p in session.exec(select(Person))}
            attendees = session.exec(select(MeetingAttendee.person_id).where(MeetingAttendee.meeting_id == meeting_id)
                                     .order_by(MeetingAttendee.id)).all()
            agenda = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                                  .order_by(AgendaItem.position, AgendaItem.id)).all()
            decisions = session.exec(select(Decision).where(Decision.meeting_id == meeting_id).order_by(Decision.id)).all()
            actions = session.exec(select(ActionItem).where(ActionItem.meeting_id == meeting_id)
                                   .order_by(ActionItem.id)).all()
        return MeetingDetail(
            meeting=_meeting(row),
            attendees=[(pid, names.get(pid, f"#{pid}")) for pid in attendees],
            facilitator=names.get(row.facilitator_id, "") if row.facilitator_id else "",
            agenda=[AgendaItemRead.model_validate(a, from_attributes=True).model_copy(
                update={"owner": names.get(a.owner_id, "") if a.owner_id else ""}) for a in agenda],
            decisions=[DecisionRead.model_validate(d, from_attributes=True) for d in decisions],
            actions=[self._action(a, names) for a in actions],
            notes=self.notes(meeting_id),
        )

    @staticmethod
    def _action(row: ActionItem, names: dict[int, str]) -> ActionItemRead:
        return ActionItemRead.model_validate(row, from_attributes=True).model_copy(
            update={"owner": names.get(row.owner_id, "") if row.owner_id else ""})

    def actions(self, meeting_id: int) -> list[ActionItemRead]:
        return self.detail(meeting_id).actions

    def retrospectives(self, iteration_id: int | None = None) -> list[MeetingRead]:
        """Retrospectives (of one iteration if given), newest first."""
        return [m for m in self.all() if m.kind == "retrospective"
                and (iteration_id is None or m.iteration_id == iteration_id)]

    def previous_retrospective(self, meeting_id: int | None = None, before: datetime | None = None) -> MeetingRead | None:
        """The last finished retrospective before ``meeting_id`` (or before ``before``)."""
        for meeting in self.retrospectives():
            if meeting.id == meeting_id or meeting.ended is None:
                continue
            if before is not None and meeting.started is not None and meeting.started >= before:
                continue
            if meeting_id is not None and meeting.id > meeting_id:
                continue
            return meeting
        return None

    def notes(self, meeting_id: int) -> list[RetroNoteRead]:
        """Retro notes of a meeting with their vote counts, most votes first within each lane."""
        with self.store.read() as session:
            rows = session.exec(select(RetroNote).where(RetroNote.meeting_id == meeting_id)).all()
            counts = dict(session.exec(select(RetroVote.note_id, func.count()).join(RetroNote, RetroNote.id == RetroVote.note_id)
                                       .where(RetroNote.meeting_id == meeting_id).group_by(RetroVote.note_id)).all())
        notes = [RetroNoteRead.model_validate(r, from_attributes=True).model_copy(update={"votes": counts.get(r.id, 0)})
                 for r in rows]
        return sorted(notes, key=lambda n: (-n.votes, n.position, n.id))

    def votes_left(self, meeting_id: int, person_id: int) -> int:
        meeting = self.get(meeting_id)
        with self.store.read() as session:
            used = session.exec(select(func.count()).select_from(RetroVote).join(RetroNote, RetroNote.id == RetroVote.note_id)
                                .where(RetroNote.meeting_id == meeting_id, RetroVote.person_id == person_id)).one()
        return max(meeting.votes_per_person - used, 0)

    # --- meetings ------------------------------------------------------------------------------

    def start(self, *, kind: str, title: str, attendee_ids: list[int], agenda: list[dict[str, Any]] = (),  # type: ignore[assignment]
              facilitator_id: int | None = None, iteration_id: int | None = None,
              votes_per_person: int | None = None) -> MeetingRead:
        """Create a meeting that starts now with its attendees and agenda, and make it this window's
        running meeting (``store.meeting_id``): every later change is attributed to it."""
        fields: dict[str, Any] = {"kind": kind, "title": title, "facilitator_id": facilitator_id,
                                  "iteration_id": iteration_id}
        if votes_per_person is not None:
            fields["votes_per_person"] = votes_per_person
        data = self.store.validate(MeetingCreate, fields)
        items = [self.store.validate(AgendaItemCreate, {"meeting_id": 0, **entry}) for entry in agenda]
        if self.store.meeting_id is not None:
            raise ValidationFailed("meeting", "a meeting is already running in this window; end it first (ctrl+e)")
        with self.store.write(f"start {data.kind} {data.title}", undoable=False) as tx:
            self._check_people(tx.session, [*attendee_ids, *([facilitator_id] if facilitator_id else [])])
            row = tx.insert(Meeting(**data.model_dump(), started=tx.now, host=this_host(),
                                    project_id=self.project_in(tx.session)))
            tx.meeting_id = row.id  # the meeting's own creation is part of it
            for person_id in dict.fromkeys(attendee_ids):
                tx.insert(MeetingAttendee(meeting_id=row.id, person_id=person_id))
            for position, item in enumerate(items):
                tx.insert(AgendaItem(**item.model_dump(exclude={"meeting_id", "position"}), meeting_id=row.id,
                                     position=position))
            tx.session.flush()
            for change in tx.session.exec(select(Change).where(Change.txn == tx.txn)):
                change.meeting_id = row.id
                tx.session.add(change)
        self.store.meeting_id = row.id
        return _meeting(row)

    def resume(self, meeting_id: int, version: int) -> MeetingRead:
        """Make an unfinished meeting (read at ``version``) this window's running meeting again."""
        meeting = self.get(meeting_id)
        if not meeting.running:
            raise ValidationFailed("meeting", "this meeting is not running")
        with self.store.write(f"resume meeting {meeting.title}", undoable=False) as tx:
            row = tx.get(Meeting, meeting_id, what="meeting")
            tx.update(row, version, {"host": this_host()}, what=f"meeting {row.title!r}")
        self.store.meeting_id = meeting_id
        return _meeting(row)

    def end(self, meeting_id: int, version: int, at: datetime | None = None) -> MeetingRead:
        """Mark the meeting (read at ``version``) ended, now or ``at``; this window stops attributing
        changes to it."""
        with self.store.write("end meeting", undoable=False) as tx:
            row = tx.get(Meeting, meeting_id, what="meeting")
            tx.label = f"end meeting {row.title}"
            tx.check_version(row, version, f"meeting {row.title!r}")
            if row.ended is None:
                tx.update(row, version, {"ended": at or tx.now})
        if self.store.meeting_id == meeting_id:
            self.store.meeting_id = None
        return _meeting(row)

    def discard(self, meeting_id: int, version: int) -> None:
        """Delete a meeting started by mistake (read at ``version``) with its attendees, agenda,
        decisions, action items and retro notes, in one logged write; this window stops attributing
        changes to it.  What was changed elsewhere meanwhile (cards, risks) stays; an action item it
        carried over from a previous retrospective is open there again."""
        with self.store.write("discard meeting", undoable=False) as tx:
            row = tx.get(Meeting, meeting_id, what="meeting")
            tx.label = f"discard meeting {row.title}"
            tx.check_version(row, version, f"meeting {row.title!r}")
            session = tx.session
            notes = session.exec(select(RetroNote).where(RetroNote.meeting_id == meeting_id)).all()
            note_ids = [note.id for note in notes]
            votes = session.exec(select(RetroVote).where(RetroVote.note_id.in_(note_ids))).all() if note_ids else []  # type: ignore[union-attr]
            actions = session.exec(select(ActionItem).where(ActionItem.meeting_id == meeting_id)).all()
            for action in actions:
                source = session.get(ActionItem, action.carried_from_id) if action.carried_from_id else None
                if source is not None and source.status == "carried":
                    tx.update(source, UNCHECKED, {"status": "open"}, what="action item")
            children = [*votes, *notes, *actions,
                        *session.exec(select(Decision).where(Decision.meeting_id == meeting_id)).all(),
                        *session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all(),
                        *session.exec(select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id)).all()]
            for child in children:
                tx.delete(child, UNCHECKED)
            tx.delete(row, UNCHECKED)
        if self.store.meeting_id == meeting_id:
            self.store.meeting_id = None

    # --- agenda --------------------------------------------------------------------------------

    def add_agenda_item(self, meeting_id: int, title: str, box_seconds: int = 300,
                        owner_id: int | None = None) -> AgendaItemRead:
        data = self.store.validate(AgendaItemCreate, {"meeting_id": meeting_id, "title": title,
                                                      "box_seconds": box_seconds, "owner_id": owner_id})
        with self.store.write(f"add agenda item {data.title}") as tx:
            tx.get(Meeting, meeting_id, what="meeting")
            last = tx.session.exec(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)).one()
            row = tx.insert(AgendaItem(**data.model_dump(exclude={"position"}), position=(last or 0) + 1))
        return AgendaItemRead.model_validate(row, from_attributes=True)

    def update_agenda_item(self, item_id: int, version: int, **fields: Any) -> AgendaItemRead:
        """Edit an agenda item; time used and notes are saved as the meeting goes (not undoable)."""
        current = self._agenda_row(item_id)
        data = self.store.validate(AgendaItemCreate, current.model_dump(exclude={"id", "version"}) | fields)
        quiet = set(fields) <= {"used_seconds", "notes"}
        label = "save notes" if "notes" in fields else "time agenda item" if quiet else "edit agenda item"
        with self.store.write(label, undoable=not quiet) as tx:
            row = tx.get(AgendaItem, item_id, what=f"agenda item #{item_id}")
            tx.label = f"{label} {row.title}"
            tx.update(row, version, {name: getattr(data, name) for name in fields}, what=f"agenda item {row.title!r}")
        return AgendaItemRead.model_validate(row, from_attributes=True)

    def _agenda_row(self, item_id: int) -> AgendaItem:
        with self.store.read() as session:
            row = session.get(AgendaItem, item_id)
        if row is None:
            raise NotFound(f"agenda item #{item_id} no longer exists")
        return row

    # --- decisions and action items ------------------------------------------------------------

    def add_decision(self, meeting_id: int, text: str, agenda_item_id: int | None = None) -> DecisionRead:
        data = self.store.validate(DecisionCreate, {"meeting_id": meeting_id, "text": text,
                                                    "agenda_item_id": agenda_item_id})
        with self.store.write(f"record decision {data.text[:60]}") as tx:
            tx.get(Meeting, meeting_id, what="meeting")
            row = tx.insert(Decision(**data.model_dump(), made=tx.now))
        return DecisionRead.model_validate(row, from_attributes=True)

    def add_action(self, meeting_id: int, text: str, owner_id: int | None = None, due: date | None = None,
                   make_card: bool = False, carried_from_id: int | None = None) -> ActionItemRead:
        """A new action item; ``make_card`` also puts a card of kind "action" on the board."""
        data = self.store.validate(ActionItemCreate, {"meeting_id": meeting_id, "text": text, "owner_id": owner_id,
                                                      "due": due})
        with self.store.write(f"add action item {data.text[:60]}") as tx:
            meeting = tx.get(Meeting, meeting_id, what="meeting")
            self._check_people(tx.session, [owner_id] if owner_id else [])
            fields = data.model_dump()
            if make_card:
                fields["item_id"] = self._card_for(tx, data.text, data.owner_id, data.due, meeting).id
            row = tx.insert(ActionItem(**fields, carried_from_id=carried_from_id, created=tx.now))
        return self._action(row, self._names())

    @staticmethod
    def _card_for(tx, text: str, owner_id: int | None, due: date | None, meeting: Meeting) -> Item:  # noqa: ANN001
        query = select(Stage).order_by(Stage.position, Stage.id)  # type: ignore[arg-type]
        if meeting.project_id is not None:  # the first stage of the meeting's project
            query = query.where(Stage.project_id == meeting.project_id)
        stage = tx.session.exec(query).first()
        if stage is None:
            raise ValidationFailed("card", "the board has no stages")
        last = tx.session.exec(select(func.max(Item.position)).where(Item.stage_id == stage.id)).one()
        description = f"Action item from the {meeting.kind} {meeting.title!r}."
        return tx.insert(Item(title=text[:200], description=description, kind="action", priority="medium",
                              owner_id=owner_id, due=due, iteration_id=meeting.iteration_id,
                              project_id=stage.project_id, stage_id=stage.id, position=(last or 0) + 1,
                              created=tx.now, updated=tx.now, stage_entered=tx.now))

    def make_card(self, action_id: int, version: int) -> ActionItemRead:
        """Turn an existing action item (read at ``version``) into a board card (once)."""
        with self.store.write("make card of action item") as tx:
            row = tx.get(ActionItem, action_id, what=f"action item #{action_id}")
            tx.check_version(row, version, "action item")
            if row.item_id is not None:
                raise ValidationFailed("card", "this action item already has a card")
            meeting = tx.get(Meeting, row.meeting_id, what="meeting")
            card = self._card_for(tx, row.text, row.owner_id, row.due, meeting)
            tx.update(row, version, {"item_id": card.id}, what="action item")
        return self._action(row, self._names())

    def set_action_status(self, action_id: int, version: int, status: str) -> ActionItemRead:
        self.store.validate(ActionItemCreate, {"meeting_id": 0, "text": "x", "status": status})
        with self.store.write(f"mark action item {status}") as tx:
            row = tx.get(ActionItem, action_id, what=f"action item #{action_id}")
            tx.label = f"mark action item {status}: {row.text[:60]}"
            tx.update(row, version, {"status": status}, what="action item")
        return self._action(row, self._names())

    def carry_over(self, action_id: int, version: int, to_meeting_id: int) -> ActionItemRead:
        """Mark an open action item carried over and copy it into ``to_meeting_id``; returns the copy."""
        with self.store.write("carry over action item") as tx:
            row = tx.get(ActionItem, action_id, what=f"action item #{action_id}")
            tx.get(Meeting, to_meeting_id, what="meeting")
            tx.label = f"carry over action item {row.text[:60]}"
            tx.update(row, version, {"status": "carried"}, what="action item")
            copy = tx.insert(ActionItem(meeting_id=to_meeting_id, text=row.text, owner_id=row.owner_id, due=row.due,
                                        item_id=row.item_id, carried_from_id=row.id, created=tx.now))
        return self._action(copy, self._names())

    # --- retrospective notes and votes ---------------------------------------------------------

    def add_note(self, meeting_id: int, lane: str, text: str, author_id: int | None = None) -> RetroNoteRead:
        data = self.store.validate(RetroNoteCreate, {"meeting_id": meeting_id, "lane": lane, "text": text})
        with self.store.write(f"add retro note {data.text[:60]}") as tx:
            tx.get(Meeting, meeting_id, what="meeting")
            last = tx.session.exec(select(func.max(RetroNote.position)).where(RetroNote.meeting_id == meeting_id)).one()
            row = tx.insert(RetroNote(**data.model_dump(), author_id=author_id, position=(last or 0) + 1))
        return RetroNoteRead.model_validate(row, from_attributes=True)

    def vote(self, note_id: int, person_id: int) -> RetroNoteRead:
        """One more dot on a note by ``person_id``; refused when they have used all their votes."""
        with self.store.write("vote") as tx:
            note = tx.get(RetroNote, note_id, what=f"retro note #{note_id}")
            meeting = tx.get(Meeting, note.meeting_id, what="meeting")
            person = tx.session.get(Person, person_id)
            if person is None:
                raise ValidationFailed("voter", f"no person #{person_id}")
            used = tx.session.exec(select(func.count()).select_from(RetroVote).join(RetroNote, RetroNote.id == RetroVote.note_id)
                                   .where(RetroNote.meeting_id == meeting.id, RetroVote.person_id == person_id)).one()
            if used >= meeting.votes_per_person:
                raise ValidationFailed("votes", f"{person.name} has used all {meeting.votes_per_person} votes")
            tx.label = f"vote for {note.text[:60]}"
            tx.insert(RetroVote(note_id=note_id, person_id=person_id))
        return self._note(note_id)

    def unvote(self, note_id: int, person_id: int) -> RetroNoteRead:
        """Take back one of ``person_id``'s dots from a note."""
        with self.store.write("take back vote") as tx:
            vote = tx.session.exec(select(RetroVote).where(RetroVote.note_id == note_id, RetroVote.person_id == person_id)
                                   .order_by(RetroVote.id.desc())).first()  # type: ignore[union-attr]
            if vote is None:
                raise ValidationFailed("votes", "no vote of theirs on this note")
            tx.delete(vote, UNCHECKED)
        return self._note(note_id)

    def _note(self, note_id: int) -> RetroNoteRead:
        with self.store.read() as session:
            row = session.get(RetroNote, note_id)
            if row is None:
                raise NotFound(f"retro note #{note_id} no longer exists")
            votes = session.exec(select(func.count()).select_from(RetroVote).where(RetroVote.note_id == note_id)).one()
        return RetroNoteRead.model_validate(row, from_attributes=True).model_copy(update={"votes": votes})

    # --- helpers -------------------------------------------------------------------------------

    def _names(self) -> dict[int, str]:
        with self.store.read() as session:
            return {p.id: p.name for p in session.exec(select(Person))}  # type: ignore[misc]

    @staticmethod
    def _check_people(session, ids: list[int]) -> None:  # noqa: ANN001
        for person_id in ids:
            if session.get(Person, person_id) is None:
                raise ValidationFailed("attendees", f"no person #{person_id}")
