"""Helpers for the team-mode tests: running the CLI and other writers as separate processes."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``cockpit ARGS`` in a child process (COCKPIT_HOME is the test's own, set by the autouse fixture)."""
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cockpit", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def run_python(code: str, *args: str) -> subprocess.Popen:
    """A child Python process running ``code`` with ``args`` in sys.argv (started, not awaited)."""
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def closed_port() -> int:
    """A TCP port on the loopback address where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
