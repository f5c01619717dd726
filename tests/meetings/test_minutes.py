"""Minutes: Markdown content, the changes made during the meeting, the file and the CLI."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from cockpit.services.meetings import MeetingSession, minutes_dir, minutes_text, write_minutes

ROOT = Path(__file__).resolve().parents[2]


def run_meeting(store, team, clock, kind="release-review"):
    session = MeetingSession(store)
    session.start(kind, "Release review 22 Nov", [team["ann"].id, team["ben"].id])
    return session


def test_changes_during_the_meeting_cover_moves_and_other_entities(store, team, clock):
    session = run_meeting(store, team, clock)
    card = team["card"]
    clock.advance(minutes=3)
    store.items.move(card.id, card.version, team["stages"][3].id)
    clock.advance(minutes=1)
    stage = team["stages"][2]
    store.workspace.update_stage(stage.id, stage.version, wip_limit=4)
    store.workspace.add_person("Dana Ruiz", "dana")
    clock.advance(minutes=5)
    path = session.end()
    text = path.read_text()
    assert "- 09:03 Move card Coupon service: Pending development → Pending release (tester)" in text
    assert "- 09:04 Edit stage Pending test: wip limit 6 → 4 (tester)" in text
    assert "- 09:04 Add person Dana Ruiz (tester)" in text
    assert "start release-review" not in text.lower()   # the meeting's own bookkeeping is not a "change"


def test_release_review_agenda_lists_cards_pending_release(store, team, clock):
    card = team["card"]
    store.items.move(card.id, card.version, team["stages"][3].id)
    session = run_meeting(store, team, clock)
    titles = [item.title for item in session.detail().agenda]
    assert titles == ["Pending release: Coupon service", "Release go / no-go"]


def test_release_review_agenda_lists_risks_due_for_review(store, team, clock):
    from datetime import date

    store.risks.create(title="Partner API late", probability=4, impact=4, owner_id=team["ann"].id,
                       next_review=date(2026, 11, 20))                      # overdue
    store.risks.create(title="Load spike", probability=2, impact=5, next_review=date(2026, 11, 24))  # due soon
    store.risks.create(title="Font licence", probability=1, impact=2, next_review=date(2026, 12, 30))
    store.risks.create(title="Old vendor", probability=5, impact=5, status="closed", next_review=date(2026, 11, 1))
    agenda = run_meeting(store, team, clock).detail().agenda
    assert [item.title for item in agenda] == ["Risk review: Partner API late", "Risk review: Load spike",
                                               "Release go / no-go"]
    assert agenda[0].owner_id == team["ann"].id


def test_minutes_file_is_private_named_by_date_and_kind(store, team, clock):
    first = run_meeting(store, team, clock, "stand-up").end()
    second = run_meeting(store, team, clock, "stand-up").end()
    folder = minutes_dir(store)
    assert first == folder / "2026-11-22-stand-up.md" and second == folder / "2026-11-22-stand-up-2.md"
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.name, second.name])  # no temporary files left
    # writing again replaces the same file
    again = write_minutes(store, store.meetings.all()[-1].id)
    assert again == first


def test_action_items_are_task_list_lines(store, team, clock):
    session = run_meeting(store, team, clock, "other")
    from datetime import date

    store.meetings.add_action(session.meeting_id, "Book the room", owner_id=team["ben"].id, due=date(2026, 11, 29))
    store.meetings.add_action(session.meeting_id, "Tell [b]legal[/b] | now")
    text = minutes_text(store, session.meeting_id)
    assert "- [ ] Book the room — Ben Okafor, 2026-11-29" in text
    assert "- [ ] Tell \\[b\\]legal\\[/b\\] \\| now — unassigned, no due date" in text  # a pipe cannot break a table


def test_cli_writes_the_last_meeting_or_a_chosen_one(store, team, clock, db_url, tmp_path):
    first = run_meeting(store, team, clock, "kick-off")
    first.end()
    run_meeting(store, team, clock, "design-review").end()
    db = db_url.removeprefix("sqlite:///")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "cockpit", "minutes", "--db", db], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("2026-11-22-design-review.md")
    out = tmp_path / "kick.md"
    done = subprocess.run([sys.executable, "-m", "cockpit", "minutes", "--db", db, "--meeting", "1", "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("# Release review 22 Nov") and "- **Kind:** Kick-off" in out.read_text()
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    done = subprocess.run([sys.executable, "-m", "cockpit", "minutes", "--db", db, "--meeting", "99"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "meeting #99" in done.stderr and "Traceback" not in done.stderr


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TRICKY = st.one_of(st.text(min_size=1, max_size=120),
                   st.sampled_from(["deadline [/", "[@click=app.quit]x[/]", "# not a heading", "a | b", "- [ ] x"]))


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=TRICKY)
def test_user_text_stays_on_its_own_line_in_the_minutes(store, team, text):
    from cockpit.db.errors import ValidationFailed
    from cockpit.logic.minutes import inline

    if store.meeting_id is None:
        store.meetings.start(kind="other", title="Topic [b]", attendee_ids=[team["ann"].id])
    try:
        store.meetings.add_action(store.meeting_id, text, owner_id=team["ann"].id)
    except ValidationFailed:
        return
    lines = minutes_text(store, store.meeting_id).splitlines()
    assert lines[0] == "# Topic \\[b\\]"
    stored = store.meetings.actions(store.meeting_id)[-1].text
    assert f"- [ ] {inline(stored)} — Ann Lee, no due date" in lines
