"""The completion of a KR field (the card and risk forms): a code typed is completed to
``O1-KR2 · its title`` (right arrow takes it); words of a title are read by ``pick_kr`` on save."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.suggester import Suggester

from cockpit.logic.kr_pick import KrChoice, completion
from cockpit.logic.present import mask

if TYPE_CHECKING:
    from cockpit.db.store import Store


class KrSuggester(Suggester):
    def __init__(self, krs: Sequence[KrChoice]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.krs = krs

    async def get_suggestion(self, value: str) -> str | None:
        return completion(value, self.krs)


def kr_choices(store: "Store", presenting: bool = False) -> list[KrChoice]:
    """Every KR of the workspace as a KR field offers it; while presenting, the titles of the KRs of
    the project's confidential objectives are masked."""
    hidden: set[int] = set()
    if presenting:
        hidden = {o.id for o in store.goals.objectives() if o.confidential}
    return [KrChoice(kr.id, kr.code, mask(kr.title) if kr.objective_id in hidden else kr.title)
            for kr in store.goals.all_key_results()]
