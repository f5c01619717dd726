"""Command palette: jump to any risk by its title (opens the Risks screen with the cursor on it)."""

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from db.errors import StoreError


class RiskProvider(Provider):
    async def search(self, query: str) -> Hits:
        store = getattr(self.app, "store", None)
        if store is None or not query.strip():
            return
        matcher = self.matcher(query)
        try:
            risks = store.risks.search(query, limit=50)
        except StoreError:
            return
        for risk in risks:
            score = matcher.match(risk.title)
            yield Hit(max(score, 0.1), Text(f"Risk: {risk.title}"), partial(self._jump, risk.id),
                      help=f"#{risk.id} · score {risk.score} · {risk.status}")

    async def discover(self) -> Hits:
        return
        yield DiscoveryHit("", lambda: None)  # pragma: no cover  (an async generator with no hits)

    def _jump(self, risk_id: int) -> None:
        app = self.app

        def focus() -> None:
            focus_risk = getattr(app.screen, "focus_risk", None)
            if focus_risk is not None:
                focus_risk(risk_id)

        app.switch_mode("risks")
        app.call_after_refresh(focus)
