"""Setup fixtures: the whole app on a store, opened on the Setup screen."""

import pytest

from tests.helpers import TODAY, cockpit_app


@pytest.fixture
def make_app(settings):
    def make(store, **kwargs):
        return cockpit_app(store, settings=settings, today=TODAY, start_mode=kwargs.pop("start_mode", "setup"), **kwargs)
    return make
