"""What a card must get past to enter a stage, on every path (a move, a new card), asked in one order:

1. a blocked card about to go through a gate: a warning first (it is blocked for a reason);
2. a full column (the WIP limit reached): "move (or create) it anyway?";
3. the stage's gate: its checklist (tick every criterion, or override with a reason).

Each question is a dialog; each answer adds to the ``detail`` stored with the write in the change
log (``wip_confirmed``, ``gate``, ``criteria``, ``override_reason``, ``moved_while_blocked``).  A "no"
at any step stops there and nothing is written.  A plain helper the board screen owns.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cockpit.db.models import StageRead
from cockpit.logic.wording import plural
from cockpit.screens.base import quotes_confidential
from cockpit.screens.board.gate_checklist import GateModal, GateResult
from cockpit.screens.shared.confirm import ConfirmModal

if TYPE_CHECKING:
    from cockpit.screens.board.screen import BoardScreen

#: One question: it calls its argument with what to add to the detail, or None if the answer is no.
Step = Callable[[Callable[[dict[str, Any] | None], None]], None]


@dataclass(frozen=True)
class Entering:
    """A card about to enter ``target``: an existing card (``card_id``) or a new one (None)."""

    title: str
    source: str            # the stage it leaves, or "new card"
    target: StageRead
    card_id: int | None = None
    confidential: bool = False
    blocked_reason: str | None = None  # None: not blocked

    @property
    def label(self) -> str:
        return f"Card #{self.card_id}" if self.card_id else "New card"


class Admission:
    def __init__(self, screen: "BoardScreen") -> None:
        self.screen = screen

    def _push(self, entering: Entering, modal: Any, answered: Callable[[Any], None]) -> None:  # noqa: ANN401
        self.screen.app.push_screen(quotes_confidential(modal, entering.label, entering.confidential), answered)

    # --- the questions ---------------------------------------------------------------------------

    def blocked_step(self, entering: Entering, verb: str = "Move") -> Step | None:
        if entering.blocked_reason is None or not entering.target.criteria:
            return None

        def ask(then: Callable[[dict | None], None]) -> None:
            reason = entering.blocked_reason or "(no reason given)"
            self._push(entering, ConfirmModal(
                f"“{entering.title}” is blocked",
                f"It is blocked: {reason}\n{verb} it through the {entering.target.name} gate anyway?",
                yes=f"{verb} anyway"),
                lambda yes: then({"moved_while_blocked": True, "blocked_reason": reason} if yes else None))
        return ask

    def wip_step(self, entering: Entering, verb: str = "Move") -> Step | None:
        wip = self.screen.controller.over_wip(entering.target)
        if wip is None:
            return None
        target = entering.target

        def ask(then: Callable[[dict | None], None]) -> None:
            what = f"Move “{entering.title}” in" if verb == "Move" else "Create a card in it"
            self._push(entering, ConfirmModal(
                f"{target.name} is full",
                f"{target.name} holds {plural(wip['wip_count'], 'card')}; its WIP limit is {target.wip_limit}.  {what} anyway?",
                yes=f"{verb} anyway"),
                lambda yes: then(wip if yes else None))
        return ask

    def gate_step(self, entering: Entering) -> Step | None:
        target = entering.target
        if not target.criteria:
            return None

        def ask(then: Callable[[dict | None], None]) -> None:
            approver = self.screen.controller.approver(target.id)
            modal = GateModal(entering.title, entering.source, target.name, target.criteria, approver)
            self._push(entering, modal,
                       lambda result: then(result.detail(target.criteria) if isinstance(result, GateResult) else None))
        return ask

    # --- in order ----------------------------------------------------------------------------------

    @staticmethod
    def run(steps: list[Step | None], done: Callable[[dict[str, Any]], None],
            cancelled: Callable[[], None]) -> None:
        """Ask each question in turn; ``done(detail)`` after the last yes, ``cancelled()`` at a no."""
        pending = [step for step in steps if step is not None]
        detail: dict[str, Any] = {}

        def answered(extra: dict[str, Any] | None) -> None:
            if extra is None:
                cancelled()
                return
            detail.update(extra)
            advance()

        def advance() -> None:
            if not pending:
                done(detail)
                return
            pending.pop(0)(answered)

        advance()
