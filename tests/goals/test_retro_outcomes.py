"""The retrospective's "goals vs outcomes" lists the KRs of the iteration's project with their figures,
in the minutes in full, on the Retro screen's panel as each KR's code and progress."""

from datetime import timedelta

from textual.widgets import Select, Static

from cockpit.services.meetings import minutes_text
from tests.helpers import TODAY, cockpit_app

LINE = ("KR O1-KR1 Repeat rate: 7-day average 24% (2 days), target 30% (baseline 20%), progress 40%, "
        "week over week n/a; cards: 1 delivered, 0 in progress")


def seed(store, confidential=False):
    iteration = store.workspace.add_iteration("12", TODAY - timedelta(days=13), TODAY)
    objective = store.goals.add_objective("Grow repeat purchases", confidential=confidential)
    kr = store.goals.add_kr(objective.id, "Repeat rate", unit="%", baseline=20, target=30)
    store.goals.check_in(kr.id, TODAY, 25)
    store.goals.check_in(kr.id, TODAY - timedelta(days=1), 23)
    done = next(s for s in store.workspace.stages() if s.category == "done")
    store.items.create(title="Loyalty badge", stage_id=done.id, kr_id=kr.id, iteration_id=iteration.id)
    store.forget_undo()
    return iteration


def test_the_minutes_of_a_retro_list_the_krs(store):
    iteration = seed(store)
    ann = store.workspace.add_person("Ann Lee", "ann")
    meeting = store.meetings.start(kind="retrospective", title="Retro 12", attendee_ids=[ann.id],
                                   iteration_id=iteration.id)
    text = minutes_text(store, meeting.id)
    section = text.split("## Goals vs outcomes", 1)[1].split("\n## ", 1)[0]
    assert f"- {LINE}" in section
    assert "- Delivered: 1 of 1" in section


async def test_the_retro_screen_shows_each_kr_with_its_progress(store, settings):
    iteration = seed(store, confidential=True)
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="retro")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#iteration", Select).value = iteration.id
        await pilot.pause()
        shown = str(screen.query_one("#metrics", Static).content)
        assert "Key results at target: 0 of 1 · O1-KR1 40%" in shown
        assert "Repeat rate" not in shown  # no titles there: nothing to mask when presenting
