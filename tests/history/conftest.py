"""History fixtures: the app hosted on a store, and a small history (helpers are in tests/helpers.py)."""

import pytest

from tests.helpers import TODAY, cockpit_app


@pytest.fixture
def make_app(settings):
    def make(store, **kwargs):
        return cockpit_app(store, settings=settings, today=TODAY, start_mode=kwargs.pop("start_mode", "history"),
                           **kwargs)
    return make
