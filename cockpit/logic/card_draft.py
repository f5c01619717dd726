"""Checking what a person typed into the card form, before anything is saved (UI-free).

``check_draft`` returns a ``CardDraft`` ready for the store, or the first error naming its field.
"""

import math
from dataclasses import asdict, dataclass
from datetime import date

from cockpit.logic.dates import DateError, parse_due
from cockpit.db.text import clean_line, strip_controls

MAX_TITLE = 200
MAX_ESTIMATE = 1_000


@dataclass
class CardDraft:
    title: str
    kind: str = "task"
    priority: str = "medium"
    owner_id: int | None = None
    iteration_id: int | None = None
    estimate: float | None = None
    due: date | None = None
    description: str = ""
    confidential: bool = False

    def fields(self) -> dict:
        return asdict(self)


class DraftError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_title(text: str) -> str:
    title = clean_line(text)
    if not 1 <= len(title) <= MAX_TITLE:
        raise DraftError("title", f"1 to {MAX_TITLE} characters (now {len(title)})")
    return title


def check_estimate(text: str) -> float | None:
    value = text.strip().removesuffix("pd").removesuffix("d").strip()
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise DraftError("estimate", f"{text.strip()!r} is not a number of person-days") from None
    if not math.isfinite(number) or number < 0:
        raise DraftError("estimate", "a number of person-days, 0 or more")
    if number > MAX_ESTIMATE:
        raise DraftError("estimate", f"at most {MAX_ESTIMATE} person-days")
    return number


def check_due(text: str, today: date) -> date | None:
    try:
        return parse_due(text, today)
    except DateError as error:
        raise DraftError("due", str(error)) from None


def check_draft(values: dict, today: date) -> CardDraft:
    """``values``: title, estimate and due as typed; kind, priority, owner_id, iteration_id chosen."""
    return CardDraft(
        title=check_title(values.get("title", "")),
        kind=values.get("kind") or "task",
        priority=values.get("priority") or "medium",
        owner_id=values.get("owner_id"),
        iteration_id=values.get("iteration_id"),
        estimate=check_estimate(values.get("estimate", "")),
        due=check_due(values.get("due", ""), today),
        description=strip_controls(values.get("description", "")).strip(),
        confidential=bool(values.get("confidential", False)),
    )
