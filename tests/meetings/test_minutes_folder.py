"""Where minutes go: beside a SQLite file, and for a server (PostgreSQL) workspace in its own folder
of the user's data folder (README, Team mode) — never the local default workspace's folder."""

from types import SimpleNamespace

from sqlalchemy.engine import make_url

from cockpit.db.engine import make_engine
from cockpit.services.meetings import minutes_dir
from cockpit.settings import data_dir


def test_minutes_of_a_server_workspace_go_to_its_own_team_folder(cockpit_home):
    # No server is needed: making the engine opens no connection, and the folder comes from the URL.
    engine = make_engine("postgresql://ann:secret@db.example.org/team_cockpit")
    try:
        folder = minutes_dir(SimpleNamespace(engine=engine))
    finally:
        engine.dispose()
    teams = cockpit_home / "data" / "teams"
    assert folder.parent.parent == teams and folder.name == "minutes"
    assert folder.parent.name.startswith("db.example.org-5432-team_cockpit-")
    assert folder != data_dir() / "minutes"                       # not the local default workspace's
    assert "secret" not in str(folder) and "@" not in str(folder)

    other = minutes_dir(SimpleNamespace(engine=SimpleNamespace(
        url=make_url("postgresql+psycopg://ann@db.example.org:5433/team_cockpit"))))
    assert other.parent.parent == teams and other != folder       # another server, another folder


def test_minutes_of_a_file_workspace_go_beside_it(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'work.db'}")
    try:
        assert minutes_dir(SimpleNamespace(engine=engine)) == tmp_path / "minutes"
    finally:
        engine.dispose()
