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
MAX_REASON = 500


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
    blocked: bool = False
    blocked_reason: str = ""
    #: Bugs only (other kinds keep the defaults): severity, found in production, resolution.
    severity: str | None = None
    in_production: bool = False
    resolution: str = "valid"

    def fields(self) -> dict:
        return asdict(self)


class DraftError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_title(text: str) -> str:
    """The title; the limit's message counts what was typed (every character of it)."""
    title = clean_line(text)
    if not title:
        raise DraftError("title", "say what is to be done")
    if len(title) > MAX_TITLE:
        raise DraftError("title", f"at most {MAX_TITLE} characters (now {len(title)}: "
                                  f"{len(title) - MAX_TITLE} too many)")
    return title


def check_reason(text: str) -> str:
    """Why the card is blocked (empty: it is not blocked)."""
    reason = clean_line(text)
    if len(reason) > MAX_REASON:
        raise DraftError("blocked-reason", f"at most {MAX_REASON} characters (now {len(reason)})")
    return reason


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


CHECKS = {"title": check_title, "estimate": check_estimate, "blocked_reason": check_reason}


def problems(values: dict, today: date) -> list[DraftError]:
    """Every field of ``values`` (as typed) that cannot be read, each on its own."""
    found = []
    for name, check in CHECKS.items():
        try:
            check(values.get(name, ""))
        except DraftError as error:
            found.append(error)
    try:
        check_due(values.get("due", ""), today)
    except DraftError as error:
        found.append(error)
    return found


def check_draft(values: dict, today: date) -> CardDraft:
    """``values``: title, estimate, due and blocked_reason as typed; kind, priority, owner_id,
    iteration_id chosen.  A block reason blocks the card; an empty one unblocks it."""
    reason = check_reason(values.get("blocked_reason", ""))
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
        blocked=bool(reason),
        blocked_reason=reason,
        **_bug_fields(values),
    )


def _bug_fields(values: dict) -> dict:
    """A bug's severity, production flag and resolution; other kinds are stored with the defaults."""
    if (values.get("kind") or "task") != "bug":
        return {"severity": None, "in_production": False, "resolution": "valid"}
    return {"severity": values.get("severity") or None, "in_production": bool(values.get("in_production", False)),
            "resolution": values.get("resolution") or "valid"}
