"""The goals' store: objectives and key results through the one write path (validated, version-checked,
logged, undoable), KR codes offered and unique, check-ins one per KR per day, cards and risks naming a KR."""

from datetime import timedelta

import pytest

from cockpit.db.errors import NotFound, StaleEdit, ValidationFailed
from tests.helpers import TODAY


@pytest.fixture
def objective(store):
    obj = store.goals.add_objective("Grow repeat purchases", strategy="Loyalty first",
                                    period_start=TODAY - timedelta(days=30), period_end=TODAY + timedelta(days=60))
    store.forget_undo()
    return obj


def test_objective_on_the_project_and_on_its_campaign(store):
    project = store.workspace.project()
    retail = store.portfolio.add_campaign("Retail")
    store.portfolio.update_project(project.id, project.version, campaign_id=retail.id)
    mine = store.goals.add_objective("Ship the app")
    theirs = store.goals.add_objective("Win the region", campaign_id=retail.id)
    other = store.portfolio.add_project("Elsewhere")
    store.goals.add_objective("Not ours", project_id=other.id)
    assert mine.project_id == project.id and theirs.campaign_id == retail.id
    assert [o.title for o in store.goals.objectives()] == ["Win the region", "Ship the app"]
    assert [o.title for o in store.goals.objectives(other.id)] == ["Not ours"]
    with pytest.raises(ValidationFailed, match="one campaign or one project"):
        store.goals.add_objective("Both", campaign_id=retail.id, project_id=project.id)
    with pytest.raises(ValidationFailed, match="period_end"):
        store.goals.add_objective("Backwards", period_start=TODAY, period_end=TODAY - timedelta(days=1))


def test_kr_codes_are_offered_unique_and_editable(store, objective):
    first = store.goals.add_kr(objective.id, "Repeat rate", metric="repeat buyers", unit="%", baseline=20, target=30)
    second = store.goals.add_kr(objective.id, "Churn", direction="lower", baseline=8, target=5)
    assert (first.code, second.code) == ("O1-KR1", "O1-KR2")
    other = store.goals.add_objective("Second objective")
    assert store.goals.suggest_code(other.id) == "O2-KR1"
    with pytest.raises(ValidationFailed, match="already the code"):
        store.goals.add_kr(other.id, "Clash", code="o1-kr2")
    renamed = store.goals.update_kr(second.id, second.version, code="o1-churn")
    assert renamed.code == "O1-CHURN" and store.goals.kr_by_code("O1-churn").id == second.id
    with pytest.raises(NotFound, match="no key result 'O9-KR9'"):
        store.goals.kr_by_code("O9-KR9")
    with pytest.raises(StaleEdit):
        store.goals.update_kr(second.id, second.version, title="stale")
    with pytest.raises(ValidationFailed, match="monthly_targets"):
        store.goals.update_kr(first.id, first.version, monthly_targets={"2026-13": 4})
    with_months = store.goals.update_kr(first.id, first.version, monthly_targets={"2026-12": "27", "2026-11": 25})
    assert with_months.monthly_targets == {"2026-11": 25.0, "2026-12": 27.0}
    assert [k.code for k in store.goals.key_results(project_id=store.workspace.project().id)] == ["O1-KR1", "O1-CHURN"]


def test_a_second_check_in_the_same_day_replaces_and_the_log_keeps_the_old(store, objective):
    kr = store.goals.add_kr(objective.id, "Repeat rate", baseline=20, target=30)
    store.goals.check_in(kr.id, TODAY, 21.5, "first count")
    store.goals.check_in(kr.id, TODAY, 22.0, "recount")
    [checkin] = store.goals.checkins(kr.id)
    assert (checkin.value, checkin.note) == (22.0, "recount")
    last = store.changes(entity="checkin")[-1]
    assert (last.before["value"], last.after["value"]) == (21.5, 22.0)
    store.undo()
    assert [c.value for c in store.goals.checkins(kr.id)] == [21.5]
    store.undo()
    assert store.goals.checkins(kr.id) == []
    with pytest.raises(ValidationFailed, match="value"):
        store.goals.check_in(kr.id, TODAY, float("nan"))


def test_checkins_between_dates_and_for_many_krs(store, objective):
    kr = store.goals.add_kr(objective.id, "Repeat rate")
    for back in range(5):
        store.goals.check_in(kr.id, TODAY - timedelta(days=back), float(back))
    assert [c.value for c in store.goals.checkins(kr.id, since=TODAY - timedelta(days=3),
                                                  until=TODAY - timedelta(days=1))] == [3.0, 2.0, 1.0]
    rows = store.goals.checkin_rows([kr.id], since=TODAY - timedelta(days=1))
    assert [(r.day, r.value) for r in rows[kr.id]] == [(TODAY - timedelta(days=1), 1.0), (TODAY, 0.0)]


def test_many_check_ins_are_all_or_nothing(store, objective):
    from cockpit.db.models_goals import CheckinCreate

    kr = store.goals.add_kr(objective.id, "Repeat rate")
    store.goals.check_in(kr.id, TODAY, 1.0)
    rows = [CheckinCreate(kr_id=kr.id, day=TODAY - timedelta(days=1), value=2.0),
            CheckinCreate(kr_id=kr.id, day=TODAY, value=3.0)]
    with pytest.raises(ValidationFailed, match="row 2: no key result"):
        store.goals.check_in_many(rows[:1] + [CheckinCreate(kr_id=999, day=TODAY, value=1)])
    assert [c.value for c in store.goals.checkins(kr.id)] == [1.0]
    assert store.goals.check_in_many(rows) == 2
    assert [c.value for c in store.goals.checkins(kr.id)] == [2.0, 3.0]
    store.undo()
    assert [c.value for c in store.goals.checkins(kr.id)] == [1.0]


def test_cards_and_risks_name_a_kr_and_deleting_it_unlinks_them_undoably(store, objective):
    kr = store.goals.add_kr(objective.id, "Repeat rate")
    stages = store.workspace.stages()
    done = next(s for s in stages if s.category == "done")
    card = store.items.create(title="Loyalty badge", stage_id=stages[1].id, kr_id=kr.id)
    shipped = store.items.create(title="Points page", stage_id=done.id)
    store.items.update(shipped.id, shipped.version, kr_id=kr.id)
    risk = store.risks.create(title="Low adoption", kr_id=kr.id)
    store.goals.check_in(kr.id, TODAY, 3.0)
    assert store.kr_links.linked_counts([kr.id]) == {kr.id: {stages[1].category: 1, "done": 1}}
    with pytest.raises(ValidationFailed, match="no key result"):
        store.items.create(title="Dangling", stage_id=stages[0].id, kr_id=9999)
    store.forget_undo()

    store.goals.delete_kr(kr.id, kr.version)
    assert store.items.get(card.id).kr_id is None and store.risks.get(risk.id).kr_id is None
    assert store.goals.key_results(objective.id) == []
    store.undo()
    assert store.items.get(card.id).kr_id == kr.id and store.risks.get(risk.id).kr_id == kr.id
    assert [c.value for c in store.goals.checkins(kr.id)] == [3.0]
    assert store.kr_links.linked_item_ids(kr.id) == [card.id, shipped.id]


def test_deleting_an_objective_takes_its_krs_and_undo_restores_them(store, objective):
    kr = store.goals.add_kr(objective.id, "Repeat rate")
    store.goals.check_in(kr.id, TODAY, 3.0)
    edited = store.goals.update_objective(objective.id, objective.version, title="Grow repeat buyers",
                                          confidential=True)
    assert (edited.title, edited.confidential) == ("Grow repeat buyers", True)
    with pytest.raises(StaleEdit):
        store.goals.delete_objective(objective.id, objective.version)
    store.goals.delete_objective(objective.id, edited.version)
    assert store.goals.objectives() == [] and store.goals.all_key_results() == []
    store.undo()
    assert [o.title for o in store.goals.objectives()] == ["Grow repeat buyers"]
    assert store.goals.kr_by_code("O1-KR1").id == kr.id and len(store.goals.checkins(kr.id)) == 1
    store.undo()
    assert store.goals.objective(objective.id).title == "Grow repeat purchases"


def test_user_text_is_cleaned_and_unknown_fields_refused(store, objective):
    kr = store.goals.add_kr(objective.id, "Rate\x1b[31m [b]bold[/b]\nnext", module="Checkout")
    assert kr.title == "Rate[31m [b]bold[/b] next"
    with pytest.raises(ValidationFailed, match="colour"):
        store.goals.add_kr(objective.id, "x", colour="red")
    with pytest.raises(ValidationFailed, match="code"):
        store.goals.add_kr(objective.id, "x", code="O1 KR3")


def test_link_items_in_one_undoable_change_refusing_stale_cards(store, objective):
    kr = store.goals.add_kr(objective.id, "Repeat rate")
    stage = store.workspace.stages()[0].id
    first, second = (store.items.create(title=t, stage_id=stage) for t in ("Badge", "Points"))
    store.forget_undo()
    assert store.kr_links.link_items(kr.id, {first.id: first.version, second.id: second.version}) == 2
    assert store.kr_links.item_krs() == {first.id: kr.id, second.id: kr.id}
    assert store.changes()[-1].label == "link 2 cards to O1-KR1"
    with pytest.raises(StaleEdit):
        store.kr_links.link_items(None, {first.id: first.version})
    store.undo()
    assert store.kr_links.item_krs() == {}


def test_the_boards_check_in_read_is_answered_from_its_index(engine, store, objective, on_postgres):
    """The OKR board reads 30 days of every KR's check-ins: revision 0014's index holds all it reads,
    so SQLite answers from the index alone (no table row looked up per check-in)."""
    from sqlalchemy import event, inspect

    kr = store.goals.add_kr(objective.id, "Weekly active teams", metric="teams", target=10)
    for back in range(3):
        store.goals.check_in(kr.id, TODAY - timedelta(days=back), 5.0 + back)
    ran: list[tuple[str, object]] = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):  # noqa: ANN001
        ran.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        values = store.goals.daily_values([kr.id], since=TODAY - timedelta(days=29), until=TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert values == {kr.id: {TODAY - timedelta(days=back): 5.0 + back for back in range(3)}}
    [(sql, params)] = [(sql, p) for sql, p in ran if "FROM checkin" in sql]
    assert "ix_checkin_kr_day_value" in {index["name"] for index in inspect(engine).get_indexes("checkin")}
    if not on_postgres:
        with engine.connect() as conn:
            plan = " ".join(str(cell) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()
                            for cell in row)
        assert "USING COVERING INDEX ix_checkin_kr_day_value" in plan, plan
