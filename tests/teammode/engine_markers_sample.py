"""Not collected by the suite (no test_ prefix): test_engine_markers.py runs it in a child pytest."""

import pytest


@pytest.mark.sqlite_only("uses a SQLite file feature")
def test_file_feature():
    assert True


@pytest.mark.postgres_only("needs a server")
def test_server_feature():
    assert True


def test_everywhere():
    assert True
