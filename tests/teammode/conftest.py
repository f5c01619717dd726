"""Team-mode fixtures (run_python and ROOT are in tests/helpers.py)."""

import socket

import pytest


@pytest.fixture
def closed_port() -> int:
    """A TCP port on the loopback address where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
