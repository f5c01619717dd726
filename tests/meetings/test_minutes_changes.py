"""Minutes: what "Changes during the meeting" says about gate overrides, WIP confirmations and undo,
and user text that is escaped like every Markdown file Cockpit writes."""

from cockpit.logic import markdown, raci_io
from cockpit.screens.board.gate_checklist import GateResult
from cockpit.services.meetings import MeetingSession, minutes_text


def changes_section(text: str) -> list[str]:
    return [line for line in text.split("## Changes during the meeting", 1)[1].splitlines() if line.strip()]


def start(store, team):
    session = MeetingSession(store)
    session.start("stand-up", "Stand-up", [team["ann"].id])
    return session


def test_gate_override_reason_and_wip_confirmation_are_in_the_minutes(store, team, clock):
    session = start(store, team)
    card = team["card"]
    criteria = ["Test cases written", "Smoke test passed"]
    detail = GateResult(ticked=[criteria[0]], override="hotfix <b>tonight</b>").detail(criteria)
    detail |= {"wip_confirmed": True, "wip_limit": 6, "wip_count": 6}
    clock.advance(minutes=2)
    store.items.move(card.id, card.version, team["stages"][2].id, detail=detail)
    [line] = changes_section(minutes_text(store, session.meeting_id))
    assert line == ("- 09:02 Move card Coupon service: Pending development → Pending test; gate overridden: "
                    "hotfix &lt;b&gt;tonight&lt;/b&gt; (unmet: Smoke test passed); "
                    "WIP limit 6 passed on purpose (it held 6) (tester)")


def test_a_change_and_its_undo_within_the_meeting_cancel_out(store, team, clock):
    session = start(store, team)
    card = team["card"]
    store.items.move(card.id, card.version, team["stages"][2].id)
    store.undo()
    store.items.create(title="Typo card", stage_id=team["stages"][0].id)
    store.undo()
    assert changes_section(minutes_text(store, session.meeting_id)) == [
        "No changes were recorded during the meeting."]
    store.redo()  # the card is back: an undo and its redo cancel out, the creation stands
    [line] = changes_section(minutes_text(store, session.meeting_id))
    assert line.startswith("- 09:00 Create card Typo card")
    assert "undo" not in line.lower() and "redo" not in line.lower()


def test_an_undo_of_a_change_made_before_the_meeting_is_listed(store, team, clock):
    card = team["card"]
    store.items.move(card.id, card.version, team["stages"][2].id)
    session = start(store, team)
    store.undo()
    [line] = changes_section(minutes_text(store, session.meeting_id))
    assert "Undo move card Coupon service" in line


def test_user_text_in_minutes_is_escaped_with_the_raci_export_helper(store, team):
    assert raci_io.md_escape is markdown.md_escape  # one helper for every Markdown file
    session = start(store, team)
    store.meetings.add_decision(session.meeting_id, 'Ship <script>alert("x")</script> now')
    item = session.current_item()
    store.meetings.update_agenda_item(item.id, item.version, notes="- first\n- <img src=x onerror=alert(1)>")
    text = minutes_text(store, session.meeting_id)
    assert '1. Ship &lt;script&gt;alert("x")&lt;/script&gt; now' in text
    assert "- first\n- &lt;img src=x onerror=alert(1)&gt;" in text
    assert "<script>" not in text and "<img" not in text
