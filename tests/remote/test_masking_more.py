"""Presentation mode (f5) beyond the board and the risk table: every other place that draws the words
of a confidential card or risk masks them on the shared screen, and shows them again after f5.

Each test drives the real keys, reads what the terminal shows (every line the compositor draws, the
modal and the screen under it alike, header included) and checks that nothing was written.
"""

from datetime import timedelta

import pytest
from hypothesis import assume, given, settings as hsettings, strategies as st
from textual.widgets import TextArea

from cockpit.app import CockpitApp
from cockpit.logic.present import MASK, Secrets
from cockpit.db.store import Store
from cockpit.screens.board.block_modal import BlockModal
from cockpit.screens.calendar.day import DayModal
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.screens.board.gate_checklist import GateModal
from cockpit.screens.shared.confirm import ConfirmModal as RiskConfirmModal  # the one confirm dialog
from tests.helpers import TODAY, cockpit_app

CARD = "Acquire Zeta Corp"     # a confidential card
RISK = "Zeta deal leaks"       # a confidential risk
SECRET_WORD = "Zeta"           # in both: must appear nowhere on a shared screen


def screen_text(app) -> str:
    """Every line on the terminal now: the top screen and, under a dialog, the screen behind it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notices(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def db_state(store: Store) -> tuple:
    """What a look at the screen must never change: the change log and every card's and risk's words."""
    return (len(store.changes()),
            [(i.id, i.version, i.title, i.description, i.blocked_reason, i.confidential) for i in store.items.all()],
            [(r.id, r.version, r.title, r.trigger, r.mitigation, r.confidential) for r in store.risks.all()])


def stage_named(store: Store, name: str) -> int:
    return next(s.id for s in store.workspace.stages() if s.name == name)


def make(store: Store, settings, mode: str) -> CockpitApp:
    return cockpit_app(store, settings=settings, today=TODAY, start_mode=mode)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


# --- calendar: the day view -------------------------------------------------------------------------

async def test_the_day_view_masks_a_confidential_card_due_that_day_and_follows_f5(store, settings):
    stage = stage_named(store, "Pending review")
    secret = store.items.create(title=CARD, stage_id=stage, confidential=True, due=TODAY,
                                description="Zeta board memo", blocked=True, blocked_reason="Zeta lawyers")
    store.items.create(title="Plain launch", stage_id=stage, due=TODAY)
    before = db_state(store)
    app = make(store, settings, "calendar")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5", "enter")                 # present, then open today's day view
        await pilot.pause()
        assert isinstance(app.screen, DayModal)
        text = screen_text(app)
        assert f"#{secret.id} {MASK}" in text and "Plain launch" in text
        assert SECRET_WORD not in text
        await pilot.press("f5")                          # the day view takes f5 itself and follows at once
        await pilot.pause()
        assert isinstance(app.screen, DayModal) and not app.presenting
        text = screen_text(app)
        assert f"#{secret.id} {CARD}" in text and MASK not in text
        await pilot.press("f5")
        await pilot.pause()
        assert app.presenting and SECRET_WORD not in screen_text(app)
    assert db_state(store) == before


# --- the meeting screen and the header ----------------------------------------------------------------

@pytest.fixture
def release(store):
    """Two cards pending release and two risks due for review today; one of each is confidential."""
    ann = store.workspace.add_person("Ann Lee", "ann", ["Product manager"])
    stage = stage_named(store, "Pending release")
    card = store.items.create(title=CARD, stage_id=stage, owner_id=ann.id, confidential=True)
    store.items.create(title="Plain launch", stage_id=stage, owner_id=ann.id)
    store.risks.create(title=RISK, probability=4, impact=5, owner_id=ann.id, next_review=TODAY, confidential=True,
                       mitigation="Zeta NDA")
    store.risks.create(title="Vendor delay", probability=2, impact=2, owner_id=ann.id, next_review=TODAY)
    store.forget_undo()
    return {"ann": ann, "card": card}


async def test_a_release_review_masks_agenda_timer_header_notes_and_outcomes_of_confidential_rows(
        store, release, settings):
    app = make(store, settings, "board")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")                           # start a meeting: pick "Release review"
        await pilot.pause()
        await pilot.press("shift+tab", "enter", "down", "down", "down", "down", "enter", "ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "MeetingScreen"
        meeting = store.meetings.last()
        assert meeting.kind == "release-review"
        first = store.meetings.detail(meeting.id).agenda[0]
        assert first.title == f"Pending release: {CARD}"
        await pilot.press("n")                           # notes on the confidential card, before presenting
        await type_text(pilot, "Offer 12M")
        await pilot.press("escape", "d")
        await pilot.pause()
        await type_text(pilot, "Go ahead with the offer")  # a decision on that item
        await pilot.press("enter")
        await pilot.pause()
        action = store.meetings.add_action(meeting.id, "Draft the term sheet", make_card=True)
        made = store.items.get(action.item_id)           # its card is then marked confidential
        store.items.update(made.id, made.version, confidential=True)
        before = db_state(store)
        notes_before = store.meetings.detail(meeting.id).agenda[0].notes
        assert notes_before == "Offer 12M"

        await pilot.press("f5")
        await pilot.pause()
        text = screen_text(app)
        assert SECRET_WORD not in text and SECRET_WORD not in app.sub_title
        for hidden in ("Offer 12M", "Go ahead with the offer", "Draft the term sheet"):
            assert hidden not in text
        assert f"Pending release: {MASK}" in text and f"Risk review: {MASK}" in text
        assert "Pending release: Plain launch" in text and "Risk review: Vendor delay" in text
        assert f"Pending release: {MASK}" in app.sub_title   # the header's meeting timer, on every screen
        assert f"(card #{made.id})" in text                  # the action keeps its place and card number
        notes = screen.query_one("#notes", TextArea)
        assert notes.disabled and notes.text == ""
        await pilot.press("n")                           # refused, and says why
        await pilot.pause()
        assert any("Hidden while presenting" in n and "f5" in n for n in notices(app))
        assert screen.focused is not notes
        await pilot.press("1")                           # another screen: the header still hides it
        await pilot.pause()
        assert SECRET_WORD not in screen_text(app) and f"Pending release: {MASK}" in app.sub_title
        await pilot.press("6")
        await pilot.pause()
        assert db_state(store) == before
        assert store.meetings.detail(meeting.id).agenda[0].notes == notes_before

        await pilot.press("f5")                          # leaving f5 shows everything again
        await pilot.pause()
        text = screen_text(app)
        assert f"Pending release: {CARD}" in text and "Go ahead with the offer" in text
        assert "Draft the term sheet" in text and CARD in app.sub_title and MASK not in text
        assert not notes.disabled and notes.text == "Offer 12M"
    assert db_state(store)[1:] == before[1:]             # (ending the meeting on quit logs its end)
    assert store.meetings.detail(meeting.id).agenda[0].notes == notes_before


# --- the retro screen ---------------------------------------------------------------------------------

async def test_the_retro_masks_confidential_cards_in_outcomes_and_action_items(store, clock, settings):
    ann = store.workspace.add_person("Ann Lee", "ann", ["Product manager"])
    iteration = store.workspace.add_iteration("1120", TODAY - timedelta(days=2), TODAY + timedelta(days=12))
    stage = stage_named(store, "Pending review")
    store.items.create(title=CARD, stage_id=stage, iteration_id=iteration.id, estimate=4, confidential=True)
    store.items.create(title="Plain bundle page", stage_id=stage, iteration_id=iteration.id, estimate=3)
    older = store.meetings.start(kind="retrospective", title="Retro before", attendee_ids=[ann.id])
    store.meetings.add_action(older.id, "Buy more shares", owner_id=ann.id, make_card=True)
    store.meetings.add_action(older.id, "Call the lawyers", owner_id=ann.id, make_card=True)
    store.meetings.end(older.id, store.meetings.get(older.id).version)
    clock.advance(hours=1)
    retro = store.meetings.start(kind="retrospective", title="Retro 1120", attendee_ids=[ann.id],
                                 iteration_id=iteration.id)
    new_action = store.meetings.add_action(retro.id, "Pitch the merger", owner_id=ann.id, make_card=True)
    store.meetings.add_note(retro.id, "improve", f"We nearly leaked {CARD}")
    store.meetings.end(retro.id, store.meetings.get(retro.id).version)
    lawyers = next(a for a in store.meetings.actions(older.id) if a.text == "Call the lawyers")
    for action in (lawyers, new_action):                 # cards made from action items, marked confidential
        card = store.items.get(action.item_id)
        store.items.update(card.id, card.version, confidential=True)
    store.forget_undo()
    before = db_state(store)
    app = make(store, settings, "retro")
    async with app.run_test(size=(220, 50)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert f"Estimates over 2 person-days: 2 ({CARD} (4 d), Plain bundle page (3 d))" in text
        assert "Call the lawyers" in text and "Pitch the merger" in text and f"leaked {CARD}" in text
        await pilot.press("f5")
        await pilot.pause()
        text = screen_text(app)
        assert SECRET_WORD not in text
        assert f"Estimates over 2 person-days: 2 ({MASK} (4 d), Plain bundle page (3 d))" in text
        assert "Call the lawyers" not in text and "Pitch the merger" not in text
        assert f"{MASK} — Ann Lee" in text and f"(card #{new_action.item_id})" in text
        assert f"We nearly leaked {MASK}" in text        # a retro note quoting a confidential title
        assert "Buy more shares" in text                 # an action item on a plain card stays
        await pilot.press("f5")
        await pilot.pause()
        text = screen_text(app)
        assert f"({CARD} (4 d)" in text and "Call the lawyers" in text and "Pitch the merger" in text
        assert MASK not in text
    assert db_state(store) == before


# --- dialogs that quote a title, closed when presenting starts ---------------------------------------

@pytest.mark.parametrize(("keys", "dialog"), [
    (("x",), ConfirmModal),                              # delete?
    (("b",), BlockModal),                                # block: why?
    (("L",), GateModal),                                 # move into a gated stage
])
async def test_a_dialog_quoting_a_confidential_card_closes_when_presenting_starts(store, settings, keys, dialog):
    card = store.items.create(title=CARD, stage_id=stage_named(store, "Pending review"), confidential=True)
    store.forget_undo()
    before = db_state(store)
    app = make(store, settings, "board")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, dialog) and CARD in screen_text(app)
        await pilot.press("f5")                          # app keys stop at a dialog: nothing switches
        await pilot.pause()
        assert isinstance(app.screen, dialog) and not app.presenting
        app.action_toggle_presentation()                 # switched anyway (palette, code): it must go
        await pilot.pause()
        assert app.presenting and not isinstance(app.screen, dialog)
        assert SECRET_WORD not in screen_text(app)
        assert any(f"Card #{card.id} is confidential" in n and "nothing was changed" in n for n in notices(app))
        await pilot.press("f5")
        await pilot.pause()
        assert CARD in screen_text(app)
    assert db_state(store) == before


async def test_a_dialog_about_a_plain_card_stays_open_when_presenting_starts(store, settings):
    store.items.create(title="Plain launch", stage_id=stage_named(store, "Pending review"))
    app = make(store, settings, "board")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.action_toggle_presentation()
        await pilot.pause()
        assert app.presenting and isinstance(app.screen, ConfirmModal) and "Plain launch" in screen_text(app)


async def test_the_delete_dialog_of_a_confidential_risk_closes_when_presenting_starts(store, settings):
    store.risks.create(title=RISK, probability=3, impact=3, confidential=True)
    store.forget_undo()
    before = db_state(store)
    app = make(store, settings, "risks")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, RiskConfirmModal) and RISK in screen_text(app)
        app.action_toggle_presentation()
        await pilot.pause()
        assert app.presenting and not isinstance(app.screen, RiskConfirmModal)
        assert SECRET_WORD not in screen_text(app)
        await pilot.press("y")                           # the answer no longer reaches a dialog
        await pilot.pause()
    assert db_state(store) == before


# --- what is made from a confidential risk, and refusals quoting a title ---------------------------

async def test_the_card_made_from_a_confidential_risk_is_confidential_too(store, settings):
    risk = store.risks.create(title=RISK, probability=4, impact=4, status="occurred", confidential=True,
                              contingency="Call Zeta's board")
    store.forget_undo()
    app = make(store, settings, "risks")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5", "c")                     # the risk occurred: a blocked card on the board
        await pilot.pause()
        card = store.items.get(store.risks.get(risk.id).item_id)
        assert card.confidential and RISK in card.title  # the card keeps the words, and hides them
        assert SECRET_WORD not in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert SECRET_WORD not in screen_text(app) and MASK in screen_text(app)
        await pilot.press("f5")
        await pilot.pause()
        assert f"Risk occurred: {RISK}" in screen_text(app)


async def test_refusals_and_undo_refusals_do_not_quote_a_confidential_title_while_presenting(engine, store, settings):
    risk = store.risks.create(title=RISK, probability=2, impact=2, confidential=True)
    store.forget_undo()
    other = Store(engine, actor="bob")                   # another window on the same workspace
    # No live updates: a tick could fetch bob's change before "p" and leave nothing stale to refuse.
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="risks", live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")                           # raise the probability (undoable)
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        current = other.risks.get(risk.id)
        other.risks.nudge(risk.id, current.version, "impact", 1)  # bob changes it meanwhile
        app.clear_notifications()
        before = db_state(store)
        await pilot.press("p")                           # refused: this window's copy is stale
        await pilot.pause()
        assert notices(app) and all(SECRET_WORD not in n for n in notices(app))
        assert any("changed by bob" in n and MASK in n for n in notices(app))
        assert db_state(store) == before
        app.clear_notifications()
        other.risks.nudge(risk.id, other.risks.get(risk.id).version, "probability", 1)
        before = db_state(store)
        await pilot.press("u")                           # undo refused: bob changed it since
        await pilot.pause()
        assert notices(app) and all(SECRET_WORD not in n for n in notices(app))
        assert db_state(store) == before
        await pilot.press("f5")
        app.clear_notifications()
        await pilot.press("u")                           # not presenting: the message names it again
        await pilot.pause()
        assert any(SECRET_WORD in n for n in notices(app))


# --- the UI-free part: hiding copied titles -----------------------------------------------------------

TITLES = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                 max_size=40).filter(lambda text: text.strip())


@given(title=TITLES, before=st.sampled_from(["", "Risk review: ", "create card ", "(", "“"]),
       after=st.sampled_from(["", " 12:04", ")", "”", ", due 3 Dec"]))
@hsettings(max_examples=80, deadline=None)
def test_secrets_hide_a_confidential_title_wherever_it_was_copied(title, before, after):
    secrets = Secrets([7], [title])
    word = title.strip()
    assume(word not in before + after and not any(ch.isalnum() or ch == "_" for ch in before[-1:] + after[:1]))
    text = f"{before}{title}{after}"
    assert secrets.hides(text)
    assert secrets.hide(text) == f"{before}{title.replace(word, MASK, 1)}{after}"  # only the title goes
    assert Secrets().hide(text) == text and not Secrets().hides(text)


def test_secrets_mask_whole_titles_only_and_whole_text_of_a_confidential_card():
    secrets = Secrets([7], ["Zeta", "[b]deal[/b] (v2)"])
    assert secrets.hide("Zeta, zeta and Zetas") == f"{MASK}, {MASK} and Zetas"  # whole words, any case
    assert secrets.hide("about [b]deal[/b] (v2) today") == f"about {MASK} today"  # markup and regex are text
    assert secrets.card(7, "Draft the term sheet") == MASK                      # on a confidential card
    assert secrets.card(8, "Draft the term sheet") == "Draft the term sheet"
    assert secrets.card(None, "Ask Zeta") == f"Ask {MASK}"
    assert not Secrets() and secrets
