"""iCalendar export (parsed back with icalendar, event by event) and import (all or nothing)."""

import os
import stat
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from cockpit.cli import main
from cockpit.services.calendar_files import CalendarFileError
from cockpit.services.calendar_files import export_calendar, import_calendar
from cockpit.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]
BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def workspace_in_berlin(monkeypatch):
    """The workspace's zone is Europe/Berlin here, whatever this computer's zone is."""
    monkeypatch.setenv("COCKPIT_TZ", "Europe/Berlin")


def vevents(path: Path) -> list:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def by_type(events: list, kind: str) -> list:
    return [e for e in events if str(e.get("X-COCKPIT-TYPE")) == kind]


def test_export_holds_iterations_key_nodes_and_the_release_train(demo, tmp_path):
    store, ctx = demo
    out = tmp_path / "cal.ics"
    count = export_calendar(store, out)
    events = vevents(out)
    assert count == len(events)
    iterations = by_type(events, "iteration")
    assert len(iterations) == 3
    for vevent, iteration in zip(sorted(iterations, key=lambda e: e.decoded("dtstart")), ctx.iterations):
        assert vevent.decoded("dtstart") == iteration.start
        assert vevent.decoded("dtend") == iteration.end + timedelta(days=1)  # exclusive
        assert not isinstance(vevent.decoded("dtstart"), datetime)
        assert str(vevent["summary"]) == f"Iteration {iteration.name}"
    iteration_uids = {str(e["uid"]) for e in iterations}
    nodes = by_type(events, "key-node")
    assert len(nodes) == 18
    assert {str(n["related-to"]) for n in nodes} == iteration_uids
    keys = store.calendar.key_dates()
    assert sorted(n.decoded("dtstart") for n in nodes) == sorted(k.day for k in keys)
    review = next(e for e in by_type(events, "event") if str(e["summary"]) == "Release review")
    assert review["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=FR"
    assert review.decoded("dtstart").time() == time(16)
    exdates = [d.dt for d in review["exdate"].dts]
    assert exdates == [datetime(2026, 11, 27, 16, 0, tzinfo=BERLIN)]
    release = next(e for e in by_type(events, "event") if str(e["summary"]) == "Release")
    assert release["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=WE"
    assert [d.dt.date() for d in release["exdate"].dts] == [date(2026, 12, 2)]
    assert all(int(e["sequence"]) == 0 for e in events)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


def test_a_second_export_differs_only_in_dtstamp_and_a_change_bumps_sequence(demo, tmp_path, clock):
    store, _ctx = demo
    first, second, third = tmp_path / "1.ics", tmp_path / "2.ics", tmp_path / "3.ics"
    export_calendar(store, first)
    clock.advance(hours=2)
    export_calendar(store, second)

    def without_stamp(path: Path) -> list[str]:
        return [line for line in path.read_text().splitlines() if not line.startswith("DTSTAMP")]
    assert first.read_bytes() != second.read_bytes()
    assert without_stamp(first) == without_stamp(second)

    event = next(e for e in store.calendar.events() if e.title == "Release review")
    store.calendar.update_event(event.id, event.version, start_time=time(15), end_time=time(16))
    export_calendar(store, third)
    before = {str(e["uid"]): e for e in vevents(second)}
    after = {str(e["uid"]): e for e in vevents(third)}
    assert before.keys() == after.keys()
    assert int(after[event.uid]["sequence"]) == int(before[event.uid]["sequence"]) + 1
    assert after[event.uid].decoded("dtstart").time() == time(15)
    unchanged = [uid for uid in before if uid != event.uid]
    assert all(int(after[uid]["sequence"]) == int(before[uid]["sequence"]) for uid in unchanged)


def test_an_edited_occurrence_is_exported_with_recurrence_id(store, tmp_path):
    series = store.calendar.create_event(title="Release", start_day=date(2026, 11, 4), rrule="FREQ=WEEKLY;BYDAY=WE")
    store.calendar.edit_occurrence(series.id, series.version, date(2026, 11, 11), start_day=date(2026, 11, 12),
                                   end_day=date(2026, 11, 12))
    out = tmp_path / "o.ics"
    export_calendar(store, out)
    master, override = vevents(out)
    assert str(master["uid"]) == str(override["uid"]) == series.uid
    assert override.decoded("recurrence-id") == date(2026, 11, 11)
    assert override.decoded("dtstart") == date(2026, 11, 12)
    assert "rrule" not in override


HOLIDAYS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Holidays//EN\r
BEGIN:VEVENT\r
UID:xmas-2026@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART;VALUE=DATE:20261225\r
DTEND;VALUE=DATE:20261227\r
SUMMARY:Christmas [holiday]\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:newyear@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART;VALUE=DATE:20270101\r
SUMMARY:New Year\r
RRULE:FREQ=YEARLY\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:townhall@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART:20261203T150000\r
DTEND:20261203T160000\r
SUMMARY:Town hall\r
CATEGORIES:meeting\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_adds_events_and_skips_the_ones_already_there(store, tmp_path):
    path = tmp_path / "holidays.ics"
    path.write_bytes(HOLIDAYS)
    assert import_calendar(store, path, "holiday") == (3, 0, 0)
    events = {e.title: e for e in store.calendar.events()}
    christmas = events["Christmas [holiday]"]
    assert (christmas.kind, christmas.all_day, christmas.start_day, christmas.end_day) == (
        "holiday", True, date(2026, 12, 25), date(2026, 12, 26))
    assert events["New Year"].rrule == "FREQ=YEARLY" and events["New Year"].end_day == date(2027, 1, 1)
    town = events["Town hall"]
    assert (town.kind, town.all_day, town.start_time, town.end_time) == ("meeting", False, time(15), time(16))
    assert christmas.uid == "xmas-2026@example.org"
    assert import_calendar(store, path, "holiday") == (0, 3, 0)
    assert store.undo().startswith("import calendar")
    assert store.calendar.events() == []


def test_a_cockpit_export_imported_elsewhere_brings_its_events_not_its_iterations(demo, tmp_path):
    source, _ctx = demo
    out = tmp_path / "demo.ics"
    export_calendar(source, out)
    store = open_workspace(tmp_path / "other.db")
    added, skipped, ignored = import_calendar(store, out)
    assert (added, skipped, ignored) == (len(source.calendar.events()), 0, 21)
    assert {e.uid for e in store.calendar.events()} == {e.uid for e in source.calendar.events()}
    review = next(e for e in store.calendar.events() if e.title == "Release review")
    assert review.exdates == [date(2026, 11, 27)] and review.kind == "review"


@pytest.mark.parametrize(("payload", "reason"), [
    (b"hello world", "not an iCalendar file"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n", "malformed"),
    (HOLIDAYS.replace(b"DTSTART:20261203T150000", b"DTSTART:notadate"), "malformed"),
    (HOLIDAYS.replace(b"RRULE:FREQ=YEARLY", b"RRULE:FREQ=YEARLY;BYDAY=XX"), "New Year"),
    (HOLIDAYS.replace(b"DTSTART;VALUE=DATE:20270101\r\n", b""), "no DTSTART"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events"),
])
def test_a_malformed_file_is_refused_with_the_reason_and_imports_nothing(store, tmp_path, payload, reason):
    path = tmp_path / "bad.ics"
    path.write_bytes(payload)
    before = store.last_change_id()
    with pytest.raises(CalendarFileError, match=reason) as error:
        import_calendar(store, path)
    assert "nothing was imported" in str(error.value)
    assert store.calendar.events() == [] and store.last_change_id() == before


def test_cli_export_and_import_in_process(tmp_path, capsys):
    db = tmp_path / "w.db"
    assert main(["init", "--db", str(db), "--demo"]) == 0
    out = tmp_path / "out" / "cal.ics"
    assert main(["export", "ics", "--db", str(db), "--out", str(out)]) == 0
    assert "calendar entries" in capsys.readouterr().out
    assert len(vevents(out)) > 21
    holidays = tmp_path / "h.ics"
    holidays.write_bytes(HOLIDAYS)
    assert main(["import", "ics", "--db", str(db), str(holidays), "--kind", "holiday"]) == 0
    assert "imported 3 events" in capsys.readouterr().out
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"nope")
    assert main(["import", "ics", "--db", str(db), str(bad)]) == 2
    assert "nothing was imported" in capsys.readouterr().err
    store = open_workspace(db, create=False)
    assert sum(1 for e in store.calendar.events() if e.kind == "holiday") == 3


def test_cli_export_as_a_real_process(tmp_path):
    db = tmp_path / "w.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COCKPIT_HOME": str(tmp_path / "home")}
    run = lambda *args: subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=ROOT, env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=120)
    assert run("init", "--db", str(db), "--demo").returncode == 0
    result = run("export", "ics", "--db", str(db), "--out", str(tmp_path / "c.ics"))
    assert result.returncode == 0, result.stderr
    assert by_type(vevents(tmp_path / "c.ics"), "iteration")
    missing = run("export", "ics", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "x.ics"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


# --- time zones (issue 14, point 16) ---------------------------------------------------------------


def test_times_carry_the_workspace_zone_with_its_vtimezone_and_all_day_stays_a_date(demo, tmp_path):
    store, _ctx = demo
    store.calendar.create_event(title="Summer demo", start_day=date(2026, 7, 15), all_day=False,
                                start_time=time(16), end_time=time(17))
    out = tmp_path / "cal.ics"
    export_calendar(store, out)
    text = out.read_text()
    cal = Calendar.from_ical(out.read_bytes())
    [vtimezone] = cal.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == "Europe/Berlin" and cal.get_missing_tzids() == set()
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    assert "DTSTART;TZID=Europe/Berlin:20261023T160000" in text  # the release review, Fridays at 16:00
    assert "EXDATE;TZID=Europe/Berlin:20261127T160000" in text
    events_text = text[text.index("BEGIN:VEVENT"):].splitlines()
    timed = [line for line in events_text if line.startswith(("DTSTART", "DTEND")) and "VALUE=DATE" not in line]
    assert timed and all(line.startswith(("DTSTART;TZID=Europe/Berlin:", "DTEND;TZID=Europe/Berlin:")) for line in timed)
    for vevent in by_type(vevents(out), "iteration") + by_type(vevents(out), "key-node"):
        assert type(vevent.decoded("dtstart")) is date and type(vevent.decoded("dtend")) is date
    summer = next(e for e in vevents(out) if str(e["summary"]) == "Summer demo")
    assert summer.decoded("dtstart").astimezone(timezone.utc) == datetime(2026, 7, 15, 14, tzinfo=timezone.utc)
    review = next(e for e in vevents(out) if str(e["summary"]) == "Release review")
    assert review.decoded("dtstart").astimezone(timezone.utc) == datetime(2026, 10, 23, 14, tzinfo=timezone.utc)
    skipped = review["exdate"].dts[0].dt  # after the change to winter time: 16:00 CET is 15:00 UTC
    assert skipped.astimezone(timezone.utc) == datetime(2026, 11, 27, 15, tzinfo=timezone.utc)


def test_a_colleague_in_new_york_sees_the_same_instant(demo, tmp_path, monkeypatch):
    source, _ctx = demo
    source.calendar.create_event(title="Summer demo", start_day=date(2026, 7, 15), all_day=False,
                                 start_time=time(16), end_time=time(17))
    out = tmp_path / "berlin.ics"
    export_calendar(source, out)
    monkeypatch.setenv("COCKPIT_TZ", "America/New_York")
    colleague = open_workspace(tmp_path / "ny.db")
    import_calendar(colleague, out)
    events = {e.title: e for e in colleague.calendar.events()}
    review = events["Release review"]  # Friday 16:00 in Berlin (CEST) is 10:00 in New York (EDT)
    assert (review.start_day, review.start_time, review.end_time) == (date(2026, 10, 23), time(10), time(11))
    assert review.exdates == [date(2026, 11, 27)] and review.rrule == "FREQ=WEEKLY;BYDAY=FR"
    summer = events["Summer demo"]  # 16:00 CEST is 10:00 EDT
    assert (summer.start_day, summer.start_time) == (date(2026, 7, 15), time(10))
    holiday = next(e for e in source.calendar.events() if e.all_day)
    assert events[holiday.title].start_day == holiday.start_day  # a day is the same day everywhere


def test_a_round_trip_in_the_same_zone_keeps_wall_clock_times_and_uids(demo, tmp_path):
    source, _ctx = demo
    out = tmp_path / "cal.ics"
    export_calendar(source, out)
    copy = open_workspace(tmp_path / "copy.db")
    import_calendar(copy, out)
    fields = ("uid", "title", "all_day", "start_day", "end_day", "start_time", "end_time", "rrule", "exdates")
    mine = sorted((tuple(getattr(e, f) for f in fields) for e in source.calendar.events()), key=str)
    theirs = sorted((tuple(getattr(e, f) for f in fields) for e in copy.calendar.events()), key=str)
    assert theirs == mine


def test_floating_times_only_on_request(tmp_path, capsys):
    db = tmp_path / "w.db"
    assert main(["init", "--db", str(db), "--demo"]) == 0
    zoned, floating = tmp_path / "zoned.ics", tmp_path / "floating.ics"
    assert main(["export", "ics", "--db", str(db), "--out", str(zoned)]) == 0
    assert main(["export", "ics", "--db", str(db), "--out", str(floating), "--floating"]) == 0
    assert "TZID=Europe/Berlin" in zoned.read_text() and "BEGIN:VTIMEZONE" in zoned.read_text()
    text = floating.read_text()
    timed = [line for line in text.splitlines() if line.startswith("DTSTART") and "VALUE=DATE" not in line]
    assert "TZID" not in text and "VTIMEZONE" not in text
    assert timed and all(line.startswith("DTSTART:") and not line.endswith("Z") for line in timed)
    assert [str(e["uid"]) for e in vevents(zoned)] == [str(e["uid"]) for e in vevents(floating)]
    capsys.readouterr()


ZONED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Zones//EN\r
BEGIN:VTIMEZONE\r
TZID:America/New_York\r
BEGIN:STANDARD\r
DTSTART:20261101T020000\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
TZNAME:EST\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:zoned@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=America/New_York:20261203T090000\r
DTEND;TZID=America/New_York:20261203T100000\r
SUMMARY:Zoned call\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:utc@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART:20261203T230000Z\r
DTEND:20261203T233000Z\r
SUMMARY:UTC call\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:floating@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART:20261203T090000\r
DTEND:20261203T100000\r
SUMMARY:Floating call\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_reads_tzid_utc_and_floating_times_into_the_workspace_zone(store, tmp_path):
    path = tmp_path / "zones.ics"
    path.write_bytes(ZONED)
    assert import_calendar(store, path) == (3, 0, 0)
    events = {e.title: e for e in store.calendar.events()}
    zoned, utc, floating = events["Zoned call"], events["UTC call"], events["Floating call"]
    assert (zoned.start_day, zoned.start_time, zoned.end_time) == (date(2026, 12, 3), time(15), time(16))
    assert (utc.start_day, utc.end_day, utc.start_time, utc.end_time) == (date(2026, 12, 4), date(2026, 12, 4),
                                                                          time(0), time(0, 30))
    assert (floating.start_day, floating.start_time, floating.end_time) == (date(2026, 12, 3), time(9), time(10))


def test_the_workspace_zone_comes_from_one_place(monkeypatch, demo, tmp_path):
    from cockpit.zones import machine_zone, workspace_zone

    store, _ctx = demo

    assert workspace_zone() == BERLIN  # COCKPIT_TZ
    assert workspace_zone("Asia/Tokyo") == BERLIN  # COCKPIT_TZ overrides the workspace setting (tests, CI)
    monkeypatch.delenv("COCKPIT_TZ")
    assert workspace_zone("Asia/Tokyo") == ZoneInfo("Asia/Tokyo")  # the workspace setting
    with pytest.raises(ValueError, match="Mars/Olympus"):
        workspace_zone("Mars/Olympus")
    monkeypatch.setenv("TZ", "America/New_York")
    assert workspace_zone() == machine_zone() == NEW_YORK
    store.settings.set_time_zone("Asia/Tokyo")  # set in Setup: the export carries it
    export_calendar(store, tmp_path / "tokyo.ics")
    assert "TZID:Asia/Tokyo" in (tmp_path / "tokyo.ics").read_text(encoding="utf-8")
    monkeypatch.setenv("COCKPIT_TZ", "Nowhere/Land")
    with pytest.raises(CalendarFileError, match="Nowhere/Land"):
        export_calendar(store, tmp_path / "unused.ics")
