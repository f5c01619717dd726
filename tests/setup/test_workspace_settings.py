"""Workspace settings: who the change log's author is, the time zone refused by name, @me."""

import pytest

from cockpit.db.errors import ValidationFailed
from cockpit.db.store import Store
from cockpit.logic.board_filter import parse_filter


def test_the_author_is_matched_by_handle_then_name_then_the_link(store: Store):
    store.workspace.add_person("Ann Lee", "ann")
    store.workspace.add_person("Tester Smith", "tsmith")
    assert store.settings.me("ANN").handle == "ann"           # by handle, any case
    assert store.settings.me("ann lee").handle == "ann"       # by name
    assert store.settings.me() is None                        # "tester" is nobody's handle or name
    assert not store.settings.author_asked()
    before = len(store.changes())
    store.settings.link_author(store.workspace.people()[1].id)
    assert store.settings.me().handle == "tsmith" and store.settings.author_asked()
    assert len(store.changes()) == before + 1                 # through the write path, undoable
    store.undo()
    assert store.settings.me() is None and not store.settings.author_asked()
    store.settings.link_author(None)                          # declined: asked, not linked
    assert store.settings.author_asked() and store.settings.me() is None


def test_an_unknown_time_zone_is_refused_naming_the_field(store: Store):
    with pytest.raises(ValidationFailed, match="time zone: unknown time zone 'Mars/Olympus'"):
        store.settings.set_time_zone("Mars/Olympus")
    assert store.settings.time_zone_name() == ""
    store.settings.set_time_zone(" Europe/Berlin ")
    assert store.settings.time_zone_name() == "Europe/Berlin"


def test_at_me_is_the_handle_exactly():
    mine = parse_filter("@me", me="ann")
    assert mine.matches("x", "ann", "Ann Lee", None) and not mine.matches("x", "anna", "Anna", None)
    assert mine.describe() == "@me"
    assert parse_filter("@me").matches("x", "mei", "Mei", None)  # nobody matched: a prefix as before
