"""settings.toml: read with tomllib, written atomically and private, an older settings.json migrated
once (and kept), the user's comments and [keys] kept when Cockpit saves its two preferences."""

import json
import os
import stat
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.settings import Settings, config_dir, render_toml, settings_path, toml_string


def mode(path) -> int:  # noqa: ANN001
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_is_documented_private_toml_and_reads_back(cockpit_home):
    settings = Settings.load()
    assert settings.path == config_dir() / "settings.toml" == settings_path()
    assert not settings.path.exists()  # nothing is written until there is something to remember
    settings.theme = "nord"
    settings.presentation = True
    settings.save()
    text = settings.path.read_text(encoding="utf-8")
    assert text.startswith("# Cockpit settings") and "[keys]" in text and "cockpit keys" in text
    assert tomllib.loads(text) == {"theme": "nord", "presentation": True, "keys": {}}
    assert mode(settings.path) == 0o600 and mode(config_dir()) == 0o700
    again = Settings.load()
    assert (again.theme, again.presentation, again.keys, again.problems) == ("nord", True, {}, [])
    assert not [p for p in config_dir().iterdir() if p.name != "settings.toml"]  # no temporary left


def test_a_failed_save_leaves_the_earlier_file_whole(cockpit_home, monkeypatch):
    settings = Settings.load()
    settings.theme = "nord"
    settings.save()
    before = settings.path.read_bytes()

    def no_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_disk)
    settings.theme = "dracula"
    settings.save()  # says nothing: a preference is not worth interrupting a meeting for
    assert settings.path.read_bytes() == before
    assert [p.name for p in config_dir().iterdir()] == ["settings.toml"]


def test_saving_keeps_the_users_comments_and_keys(cockpit_home):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('# my settings\ntheme = "nord"   # the one I like\n\n'
                    '[keys]\n# vim-ish\n"board.move_next" = "ctrl+l"  # faster\n', encoding="utf-8")
    settings = Settings.load()
    assert settings.keys == {"board.move_next": "ctrl+l"} and settings.theme == "nord"
    settings.theme = "dracula"
    settings.presentation = True
    settings.save()
    assert path.read_text(encoding="utf-8") == (
        '# my settings\ntheme = "dracula"   # the one I like\npresentation = true\n\n'
        '[keys]\n# vim-ish\n"board.move_next" = "ctrl+l"  # faster\n')
    settings.presentation = False
    settings.save()
    assert "presentation = false\n" in path.read_text(encoding="utf-8")
    assert mode(path) == 0o600


def test_a_value_the_line_editor_cannot_handle_rewrites_the_file_correctly(cockpit_home):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = """nord"""\n[keys]\n"app.help" = "f2"\n', encoding="utf-8")
    settings = Settings.load()
    settings.theme = "dracula"
    settings.save()
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "theme": "dracula", "presentation": False, "keys": {"app.help": "f2"}}


def test_an_older_settings_json_is_migrated_once_and_kept(cockpit_home):
    legacy = config_dir() / "settings.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(json.dumps({"theme": "nord", "presentation": True, "keymap": {"app.help": "f2"}}))
    before = legacy.read_bytes()
    settings = Settings.load()
    assert (settings.theme, settings.presentation, settings.keys) == ("nord", True, {"app.help": "f2"})
    assert legacy.read_bytes() == before  # kept as it is
    assert tomllib.loads(settings_path().read_text(encoding="utf-8")) == {
        "theme": "nord", "presentation": True, "keys": {"app.help": "f2"}}
    assert mode(settings_path()) == 0o600
    legacy.write_text(json.dumps({"theme": "dracula"}))  # read once: the TOML file is the one now
    assert Settings.load().theme == "nord"


def test_a_broken_file_warns_applies_the_defaults_and_is_never_overwritten(cockpit_home):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "nord\n[keys\n', encoding="utf-8")
    before = path.read_bytes()
    settings = Settings.load()
    assert settings.theme == "textual-dark" and settings.keys == {}
    assert len(settings.problems) == 1 and "not valid TOML" in settings.problems[0]
    settings.theme = "dracula"
    settings.save()
    assert path.read_bytes() == before


def test_values_of_the_wrong_type_warn_and_keep_their_default(cockpit_home):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = 3\npresentation = "yes"\nkeys = "none"\ncolour = "red"\n', encoding="utf-8")
    settings = Settings.load()
    assert (settings.theme, settings.presentation, settings.keys) == ("textual-dark", False, {})
    assert len(settings.problems) == 4
    assert "theme must be a string" in settings.problems[0] and "'colour'" in settings.problems[3]


@given(st.text())
def test_any_text_is_written_as_a_toml_string_that_reads_back(text):
    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


@given(st.dictionaries(st.text(), st.text(), max_size=4), st.text())
def test_the_whole_file_reads_back(keys, theme):
    settings = Settings(theme=theme, presentation=True, keys=keys)
    assert tomllib.loads(render_toml(settings)) == {"theme": theme, "presentation": True, "keys": keys}


@pytest.mark.parametrize("table", ["[keys]\n", ""])
def test_missing_preferences_are_added_above_the_first_table(cockpit_home, table):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(table, encoding="utf-8")
    settings = Settings.load()
    settings.theme = "nord"
    settings.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith('theme = "nord"\npresentation = false\n')
    assert tomllib.loads(text)["theme"] == "nord"
