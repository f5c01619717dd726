"""The demo's goals (issue 17, point 10): two objectives, five KRs with 60 days of check-ins (some days
missing, one lower-is-better), a dozen cards and two risks naming a KR, and figures on every KR."""

from cockpit.services.okr import okr_board
from tests.helpers import TODAY


def test_the_demo_has_believable_goals(demo):
    store, ctx = demo
    blocks = okr_board(store, ctx.project_id, TODAY)
    assert len(blocks) == 2 and [len(b.rows) for b in blocks] == [3, 2]
    assert blocks[0].objective.campaign_id is not None and blocks[1].objective.project_id == ctx.project_id
    rows = [row for block in blocks for row in block.rows]
    assert [row.kr.code for row in rows] == ["O1-KR1", "O1-KR2", "O1-KR3", "O2-KR1", "O2-KR2"]
    assert [row.kr.direction for row in rows].count("lower") == 1
    for row in rows:
        checkins = store.goals.checkins(row.kr.id)
        assert (TODAY - checkins[0].day).days == 59 and (TODAY - checkins[-1].day).days <= 1  # no Sunday referrals
        assert 40 <= len(checkins) < 60  # some days are missing
        assert row.figures.avg7 is not None and row.figures.wow_pct is not None and row.owner
        assert 0.3 < row.figures.progress < 1.3
    assert sum(row.delivered + row.in_progress for row in rows) >= 10
    assert len(store.kr_links.item_krs()) == 13
    assert sum(1 for risk in store.risks.all() if risk.kr_id is not None) == 2
    assert any(c.note == "recounted after the cache fix" for c in store.goals.checkins(rows[3].kr.id))
