"""The demo register and the migration of the risk tables."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from cockpit.logic.risk_scoring import review_state
from cockpit.db.schema import metadata
from tests.helpers import TODAY


def test_demo_has_about_twelve_risks_in_every_status_with_overdue_reviews(demo):
    store, ctx = demo
    risks = store.risks.all()
    assert 10 <= len(risks) <= 14
    assert {r.status for r in risks} == {"open", "monitoring", "occurred", "closed"}
    assert sum(review_state(r, TODAY) == "overdue" for r in risks) >= 2
    handles = {p.handle for p in ctx.people.values()}
    assert all(r.owner_handle in handles for r in risks)
    linked = [r for r in risks if r.item_id is not None]
    assert len(linked) == 1 and store.items.get(linked[0].item_id).title == "Partner API sandbox access"
    assert any(r.confidential for r in risks)
    assert any(len(store.risks.score_history(r.id)) > 1 for r in risks)
    assert not store.can_undo


def test_the_migration_matches_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    risk_diff = [d for d in diff if "risk" in repr(d)]
    assert risk_diff == []
