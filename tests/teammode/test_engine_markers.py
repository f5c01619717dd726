"""The engine markers: a test that cannot hold on one engine is skipped there with its reason, and
listed at the end of the run; never silently."""

import os
import subprocess
import sys

from tests.helpers import ROOT

SAMPLE = "tests/teammode/engine_markers_sample.py"


def run_sample(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "COCKPIT_TEST_DB_URL"} | env
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", SAMPLE], cwd=ROOT,
                            env=environment | {"PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_on_postgres_sqlite_only_tests_are_skipped_with_their_reason_and_listed():
    # The sample's tests use no database, so a URL naming no real server is enough here.
    out = run_sample(COCKPIT_TEST_DB_URL="postgresql://nobody@127.0.0.1:1/none")
    assert "2 passed, 1 skipped" in out
    assert "tests that do not run on PostgreSQL, and why" in out
    assert f"{SAMPLE}::test_file_feature: uses a SQLite file feature" in out
    assert "SQLite only: uses a SQLite file feature" in out


def test_on_sqlite_postgres_only_tests_are_skipped_with_their_reason_and_listed():
    out = run_sample()
    assert "2 passed, 1 skipped" in out
    assert f"{SAMPLE}::test_server_feature: needs a server" in out
    assert "PostgreSQL only (set COCKPIT_TEST_DB_URL): needs a server" in out
