"""Safety (acceptance point 9 c): user text is data.  Titles with markup, control and escape
characters, CJK and emoji go in through the store and come back intact (control characters
stripped), and render literally."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from cockpit.db.errors import ValidationFailed

NASTY = [
    "deadline [/", "[@click=app.quit]x[/]", "[b]bold?[/b]", "[red]", "[/]", "\\[escaped]", "$variable",
    "\x1b[31mred\x1b[0m", "\x07", "\x9b31m", "\x00", "\x7f", "\r\n", "\t", "\u200b", "漢字", "かな", "한국어",
    "🚀", "👩‍💻", "🏳️‍🌈", "é", "e\u0301", "<script>", "&amp;", "%s", "{0}", "'", '"', "\\",
]
FRAGMENTS = st.lists(st.sampled_from(NASTY) | st.text(max_size=4), min_size=1, max_size=12).map("".join)


def expected_title(raw: str) -> str:
    """The contract, written independently of cockpit.db.text: C0/C1 controls and DEL removed (newlines and
    tabs become spaces), outer whitespace trimmed; everything else kept character for character."""
    kept = []
    for char in raw.replace("\r\n", "\n"):
        if char in "\n\t":
            kept.append(" ")
        elif unicodedata.category(char) == "Cc":
            continue
        else:
            kept.append(char)
    return "".join(kept).strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=FRAGMENTS)
def test_titles_round_trip_through_the_store(store, raw):
    stage = store.workspace.stages()[0].id
    want = expected_title(raw)
    if not want or len(want) > 200:
        with pytest.raises(ValidationFailed) as error:
            store.items.create(title=raw, stage_id=stage)
        assert error.value.field == "title"
        return
    item = store.items.create(title=raw, stage_id=stage)
    stored = store.items.get(item.id)
    assert stored.title == want
    assert not any(unicodedata.category(char) == "Cc" for char in stored.title)
    assert store.items.search(want[:20])  # the palette's search finds it by what the user typed
    assert store.changes(entity="item", entity_id=item.id)[0].after["title"] == want
    # It renders as the same characters: never parsed as markup or as terminal escapes.
    assert Text(stored.title).plain == want
    assert Content(stored.title).plain == want
    console = Console(width=400, color_system=None, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(Text(stored.title), end="", soft_wrap=True)
    assert console.export_text() == want


def to_length(text: str, length: int) -> str:
    """``text`` repeated (with a few nasty pieces) until it keeps at least ``length`` visible characters."""
    grown = text
    while len(expected_title(grown)) < length:
        grown += text + " 漢字🚀[/]\x1b[0m "
    return grown


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=FRAGMENTS.map(lambda s: to_length(s, 2000)))
def test_two_thousand_characters_of_text_come_back_intact(store, raw):
    """A card's text as long as 2,000 characters and more, with everything above, round-trips.

    Titles are limited to 200 characters (refused with a message naming the field, never cut);
    the description takes long text and keeps its newlines."""
    stage = store.workspace.stages()[0].id
    long_line = expected_title(raw)
    with pytest.raises(ValidationFailed) as error:
        store.items.create(title=long_line, stage_id=stage)
    assert error.value.field == "title"
    item = store.items.create(title=long_line[:200].strip() or "x", stage_id=stage, description=raw)
    description = store.items.get(item.id).description
    want = "".join(c for c in raw.replace("\r\n", "\n") if c in "\n\t" or unicodedata.category(c) != "Cc")
    assert description == want and len(description) >= 1900
    assert Content(description).plain == want


class TitleApp(App[None]):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.card_title = title

    def compose(self) -> ComposeResult:
        yield Static(self.card_title, markup=False, id="title")


@pytest.mark.parametrize("raw", ["deadline [/", "[@click=app.quit]x[/]", "[b]not bold[/b] \x1b[31m漢字 🚀",
                                 "\x9b2J[link=https://evil.example]click[/link]"])
async def test_a_title_renders_literally_in_the_app(store, raw):
    item = store.items.create(title=raw, stage_id=store.workspace.stages()[0].id)
    title = store.items.get(item.id).title
    app = TitleApp(title)
    async with app.run_test(size=(80, 5)) as pilot:
        static = app.query_one("#title", Static)
        lines = static.render_lines(static.size.region)
        shown = "".join(segment.text for line in lines for segment in line).strip()
        assert shown == expected_title(raw)
        assert all(not segment.style or not segment.style.link for line in lines for segment in line)
        await pilot.click("#title")  # a [@click=...] in a title is text, not an action
        await pilot.pause()
        assert app.is_running and app.return_code is None


def test_joiners_are_text_not_controls():
    from cockpit.db.text import clean_line, is_joiner, strip_controls

    family, flag = "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"
    for text in (family, flag, "\u2764\ufe0f", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"):
        assert strip_controls(text) == clean_line(text) == text
    assert all(is_joiner(c) for c in "\u200c\u200d\ufe0f\ufe00\U000E0067\U000E0100")
    assert not any(is_joiner(c) for c in "a\x1b\x9b\u200b\u202e\U0001F468")
    assert strip_controls("a\x1b[31m\x9bb\u200d") == "a[31mb\u200d"
