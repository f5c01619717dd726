"""What another window changed on a card, in words, for the card form's "not saved" notice (no Textual)."""

from cockpit.db.models import ItemRead


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def differences(mine: ItemRead, theirs: ItemRead, people: dict[int, str], iterations: dict[int, str]) -> list[str]:
    """``field: before → after`` for each field that differs between the card read and the card stored."""
    def show(name: str, card: ItemRead) -> str:
        value = getattr(card, name)
        if name == "owner_id":
            return people.get(value, "nobody") if value else "nobody"
        if name == "iteration_id":
            return iterations.get(value, "none") if value else "none"
        if name == "estimate":
            return "none" if value is None else f"{value:g} pd"
        if name == "due":
            return value.isoformat() if value else "none"
        if name == "confidential":
            return "yes" if value else "no"
        if name == "blocked_reason":
            return f"“{_short(value)}”" if card.blocked else "not blocked"
        return f"“{_short(str(value))}”"

    labels = {"title": "title", "kind": "kind", "priority": "priority", "owner_id": "owner",
              "iteration_id": "iteration", "estimate": "estimate", "due": "due", "blocked_reason": "blocked",
              "description": "description", "confidential": "confidential"}
    lines = []
    for name, label in labels.items():
        before, after = show(name, mine), show(name, theirs)
        if before != after:
            lines.append(f"{label}: {before} → {after}")
    return lines
