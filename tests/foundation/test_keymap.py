"""Binding ids: every binding has one, naming one action; the [keys] table is checked against them
(a bad entry is named and left out); ``cockpit keys`` lists the keymap in force.  The remapped keys
in the app: tests/board/test_remapped_keys.py."""

import re
from collections import defaultdict

import pytest

from cockpit import keymap


# --- every binding has an id that names one action ------------------------------------------------


def test_every_binding_has_an_id_and_an_id_names_one_action():
    keymap.import_modules(packages=keymap.OUR_PACKAGES)  # everything, not only what the app lists
    every = [entry for cls in keymap.our_classes() for entry in keymap.entries_of(cls)]
    assert len(every) > 100
    assert [entry for entry in every if not entry.id] == []
    meaning = defaultdict(set)
    for entry in every:
        assert re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", entry.id), entry  # <feature>.<action>
        # the same id in two classes only for the same action (app. / screen. name where it runs)
        # and the same default keys: a remap then moves that one action everywhere
        meaning[entry.id].add((re.sub(r"^(app|screen)\.", "", entry.action), entry.key))
    assert {name: found for name, found in meaning.items() if len(found) > 1} == {}
    assert {entry.id for entry in every} == {entry.id for entry in keymap.catalogue()}  # the app knows all
    assert {"board.move_next", "app.help", "confirm.yes"} <= meaning.keys()


# --- checking entries -----------------------------------------------------------------------------


@pytest.mark.parametrize("keys", ["ctrl+l", "f1,?", "ctrl+shift+up", "space", "question_mark", "L", "+",
                                  "shift+left,H", "pagedown", "left_square_bracket"])
def test_keys_textual_knows_are_accepted(keys):
    assert keymap.bad_key(keys) is None


@pytest.mark.parametrize(("keys", "bad"), [("Ctrl+Q", "Ctrl+Q"), ("", ""), ("ctrl+l,,x", ""),
                                           ("ctrl+ctrl+a", "ctrl+ctrl+a"), ("nonsense", "nonsense"),
                                           ("f1,ctrl+", "ctrl+")])
def test_malformed_keys_are_named(keys, bad):
    assert keymap.bad_key(keys) == bad


def test_check_keeps_good_entries_and_names_each_bad_one():
    entries = keymap.catalogue()
    good, problems = keymap.check({"board.move_prev": "ctrl+b", "board.nope": "z", "board.new": 5,
                                   "board.edit": "Ctrl+Q", "board.lanes": "n", "board.block": "?"}, entries)
    assert good == {"board.move_prev": "ctrl+b", "board.block": "?"}
    assert len(problems) == 4
    text = "\n".join(problems)
    assert '"board.nope"' in text and '"board.new" must be a key' in text and "'Ctrl+Q'" in text
    assert 'is already "board.new" on BoardScreen' in text
    swapped, none = keymap.check({"board.new": "s", "board.lanes": "n"}, entries)  # a swap is no clash
    assert swapped == {"board.new": "s", "board.lanes": "n"} and none == []


# --- cockpit keys ---------------------------------------------------------------------------------


def test_cockpit_keys_lists_the_keymap_in_force_with_the_warnings(cockpit, cockpit_home):
    path = cockpit_home / "config" / "settings.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[keys]\n"board.move_next" = "ctrl+l"\n"board.nope" = "z"\n"app.help" = true\n',
                    encoding="utf-8")
    result = cockpit("keys")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Keys in force", f"Settings: {path}"]
    assert all(len(line) <= 80 for line in lines[2:]), [line for line in lines if len(line) > 80]
    text = result.stdout
    assert '"board.nope"' in text and '"app.help" must be a key' in text
    assert re.search(r"^  board\.move_next +ctrl\+l \* +Move ▶$", text, re.M)
    assert re.search(r"^  board\.move_prev +shift\+left,H +◀ Move$", text, re.M)  # not remapped: no *
    assert re.search(r"^  app\.help +f1,\? +Help$", text, re.M)  # the bad entry kept the default
    assert "\nEverywhere\n" in text and "\nBoardScreen (cockpit.screens.board.screen)\n" in text
    assert "ConfirmModal (cockpit.screens.shared.confirm)" in text
