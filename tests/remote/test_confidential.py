"""The confidential flag on cards (migration 0006, store, undo) and the UI-free masking helper."""

import sqlite3

from hypothesis import assume, given, settings as hsettings, strategies as st
from pydantic import ValidationError

from cockpit.logic.present import MASK, SHORT_MASK, is_masked, mask, redact, shown
from cockpit.db.engine import make_engine
from cockpit.db.files import HEAD
from cockpit.db.migrate import current, upgrade
from cockpit.db.models import ItemRead
from cockpit.db.store import Store

ANY_TEXT = st.text(min_size=1, max_size=300).filter(lambda text: text.strip())


def make_read(title: str, confidential: bool, **extra: object) -> ItemRead:
    return ItemRead(id=7, project_id=1, stage_id=2, position=0, version=3, title=title,
                    description=extra.get("description", "notes"), blocked_reason=extra.get("reason", ""),
                    confidential=confidential, created="2026-11-01T00:00:00Z",
                    updated="2026-11-01T00:00:00Z", stage_entered="2026-11-01T00:00:00Z")


@given(title=ANY_TEXT, other=ANY_TEXT)
@hsettings(max_examples=60, deadline=None)
def test_the_mask_hides_the_text_and_its_length(title, other):
    assert mask(title) == mask(other) == MASK
    assert mask(title, short=True) == SHORT_MASK
    assert is_masked(mask(title))
    assert shown(title, confidential=True, presenting=True) == MASK
    assert shown(title, confidential=True, presenting=False) == title
    assert shown(title, confidential=False, presenting=True) == title


@given(title=ANY_TEXT, description=st.text(max_size=200), reason=st.text(max_size=100))
@hsettings(max_examples=60, deadline=None)
def test_redact_masks_the_words_of_a_confidential_card_and_keeps_the_rest(title, description, reason):
    try:
        card = make_read(title, True, description=description, reason=reason)
    except ValidationError:
        assume(False)  # a title with nothing printable is refused on the way in
    original = card.title
    hidden = redact(card, presenting=True)
    assert hidden.title == MASK
    assert hidden.description == (MASK if card.description else "")  # (text is cleaned on the way in)
    assert hidden.blocked_reason == (MASK if card.blocked_reason else "")
    assert (hidden.id, hidden.version, hidden.stage_id, hidden.confidential) == (7, 3, 2, True)
    assert card.title == original and not is_masked(original)  # the original read model is untouched
    assert redact(card, presenting=False) is card
    plain = make_read(original, False)
    assert redact(plain, presenting=True) is plain


def test_masking_works_on_any_read_model_with_a_confidential_flag():
    from pydantic import BaseModel

    class RiskLike(BaseModel):
        id: int
        title: str
        trigger: str
        mitigation: str
        score: int
        confidential: bool

    risk = RiskLike(id=1, title="Supplier may go bankrupt", trigger="late invoices", mitigation="second source",
                    score=20, confidential=True)
    hidden = redact(risk, presenting=True)
    assert (hidden.title, hidden.trigger, hidden.mitigation, hidden.score) == (MASK, MASK, MASK, 20)


def test_cards_are_not_confidential_by_default_and_the_flag_is_an_undoable_edit(store):
    stage = store.workspace.stages()[0].id
    card = store.items.create(title="Acquisition", stage_id=stage)
    assert card.confidential is False
    marked = store.items.update(card.id, card.version, confidential=True)
    assert store.items.get(card.id).confidential is True
    assert store.changes(entity="item", entity_id=card.id)[-1].after["confidential"] is True
    store.undo()
    assert store.items.get(card.id).confidential is False
    assert marked.version == card.version + 1


def _revision_before(revision: str) -> str:
    from alembic.script import ScriptDirectory

    from cockpit.db.migrate import _config

    return ScriptDirectory.from_config(_config()).get_revision(revision).down_revision


def test_migration_0006_keeps_existing_cards_and_ids_never_reused(tmp_path):
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, target=_revision_before("0006"))
    engine.dispose()
    with sqlite3.connect(path) as conn:  # a project, a stage and a card as the 0001 schema wrote them
        conn.execute("INSERT INTO project (version, name, description, created) VALUES (1, 'Old project', '',"
                     " '2026-11-01 00:00:00')")
        stage = conn.execute("INSERT INTO stage (version, name, position, wip_limit, criteria, project_id)"
                             " VALUES (1, 'Backlog', 0, NULL, '[]', 1)").lastrowid
        conn.execute("INSERT INTO item (version, title, description, blocked, blocked_reason, project_id, stage_id,"
                     " kind, priority, position, created, updated, stage_entered) VALUES (1, 'Old card', '', 0, '',"
                     " 1, ?, 'task', 'medium', 0, '2026-11-01 00:00:00', '2026-11-01 00:00:00',"
                     " '2026-11-01 00:00:00')", (stage,))
    upgrade(engine)
    assert current(engine) == HEAD  # through 0006 and every later revision
    store = Store(engine, actor="new")
    [card] = store.items.all()
    assert card.title == "Old card" and card.confidential is False
    with sqlite3.connect(path) as conn:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'item'").fetchone()[0]
    assert "AUTOINCREMENT" in sql  # the column was added in place, the table was not copied
    engine.dispose()
