"""RACI fixtures: lookups by role code and activity name on the shared ``store`` / ``demo``."""

import pytest

from cockpit.db.store import Store


class Lookup:
    def __init__(self, store: Store) -> None:
        self.store = store

    def role(self, code: str) -> int:
        return next(role.id for role in self.store.workspace.roles() if role.code == code)

    def activity(self, name: str):  # noqa: ANN201
        return next(a for a in self.store.raci.activities() if a.name == name)

    def stage(self, name: str) -> int:
        return next(stage.id for stage in self.store.workspace.stages() if stage.name == name)

    def letter(self, activity: str, code: str) -> str | None:
        return self.store.raci.table().letter(self.activity(activity).id, self.role(code))


@pytest.fixture
def find(store: Store) -> Lookup:
    return Lookup(store)
