"""The History filter line, parsed in pure logic (dates through cockpit.logic.dates)."""

from datetime import date

from cockpit.logic.history import HistoryFilter, parse_filter, said_back, with_standup

SUNDAY = date(2026, 11, 22)


def test_an_empty_line_asks_for_every_change():
    spec = parse_filter("  ", SUNDAY)
    assert spec.empty
    assert said_back(spec) == "every change, newest first"


def test_the_tokens_of_the_brief():
    spec = parse_filter("@ana card:#12 kind:move since:monday", SUNDAY)
    assert spec == HistoryFilter(people=("ana",), item_id=12, kinds=("move",), since=date(2026, 11, 16))
    assert spec.actions == frozenset({"move"})
    assert said_back(spec) == "by @ana; card #12; moves between stages; since Mon 16 Nov 2026"


def test_a_weekday_looks_back_and_until_is_read_too():
    spec = parse_filter("since:fri until:yesterday", SUNDAY)
    assert (spec.since, spec.until) == (date(2026, 11, 20), date(2026, 11, 21))
    assert parse_filter("since:today", date(2026, 11, 20)).since == date(2026, 11, 20)  # a Friday: itself
    assert parse_filter("since:3d", SUNDAY).since == date(2026, 11, 19)
    assert parse_filter("since:last fri", SUNDAY).since == date(2026, 11, 13)
    assert parse_filter("since:2026-11-01", SUNDAY).since == date(2026, 11, 1)


def test_card_forms_people_kinds_and_words():
    assert parse_filter("#7", SUNDAY).item_id == 7
    assert parse_filter("card:7", SUNDAY).item_id == 7
    spec = parse_filter("@ana @Ben kind:moves kind:gate login page", SUNDAY)
    assert spec.people == ("ana", "Ben")
    assert spec.kinds == ("move", "override")
    assert spec.words == ("login", "page")
    assert said_back(spec).startswith("by @ana or @Ben; moves between stages or gate overrides; with 'login' 'page'")


def test_what_cannot_be_read_is_said_back_and_the_rest_still_applies():
    spec = parse_filter("kind:dance since:someday @ana card:#x", SUNDAY)
    assert spec.people == ("ana",)
    assert spec.kinds == () and spec.since is None and spec.item_id is None
    assert len(spec.errors) == 3
    text = said_back(spec)
    assert "not understood" in text and "kind:dance" in text and "someday" in text and "card:#x" in text


def test_since_the_stand_up_replaces_another_since():
    line = with_standup("@ana since:monday")
    assert line == "@ana since:stand-up"
    spec = parse_filter(line, SUNDAY)
    assert spec.since_standup and spec.since is None and spec.people == ("ana",)
    assert "since the last stand-up" in said_back(spec)
    assert with_standup(line) == line


def test_the_meeting_of_a_change_is_the_one_recorded_else_the_one_running_at_the_time():
    from datetime import datetime, timezone

    from cockpit.db.models import ChangeRead
    from cockpit.db.models_meetings import MeetingRead
    from cockpit.logic.history import MeetingIndex

    def at(hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 11, 20, hour, minute, tzinfo=timezone.utc)

    def meeting(number: int, start: datetime, end: datetime | None) -> MeetingRead:
        return MeetingRead(id=number, kind="stand-up", title=f"M{number}", started=start, ended=end, host="", version=1)

    def change(when: datetime, meeting_id: int | None = None) -> ChangeRead:
        return ChangeRead(id=1, at=when, actor="ana", txn="t", label="", entity="item", entity_id=1, action="update",
                          before=None, after=None, detail=None, meeting_id=meeting_id)

    index = MeetingIndex([meeting(2, at(14), None), meeting(1, at(9), at(9, 15))])
    assert index.of(change(at(9, 5))).id == 1          # another window, during the stand-up
    assert index.of(change(at(9, 16))) is None          # after it ended
    assert index.of(change(at(8))) is None              # before any
    assert index.of(change(at(15))).id == 2             # a meeting still running
    assert index.of(change(at(20), meeting_id=1)).id == 1  # recorded in it, whatever the time
