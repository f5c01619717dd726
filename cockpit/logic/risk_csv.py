"""The risk register as CSV: RFC 4180 (csv module, CRLF), UTF-8, ISO dates; files carry a byte-order
mark, and import reads `;`-separated sheets too (see ``csv_text``).

Export neutralises cells a spreadsheet would run as a formula (they begin with = + - @ tab or CR):
they get a leading apostrophe.  A cell that already begins with apostrophes before such a character
gets one more, so import can undo exactly what export did (the round trip is lossless).

Import checks every row before anything is written and reports every bad cell as
"row N, field F: reason" (row 1 is the header, as in a spreadsheet); the command imports all rows or
none.  Imported rows are always added as new risks: ``id`` and the computed columns are ignored.
"""

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from cockpit.logic.csv_text import read_rows
from cockpit.logic.files import neutralise, unneutralise
from cockpit.logic.risk_scoring import band
from cockpit.db.models import PersonRead
from cockpit.db.models_risks import DEFAULT_THRESHOLDS, RiskCreate, RiskRead, field_of_error

COLUMNS = (
    "id", "title", "category", "status", "probability", "impact", "score", "severity", "owner",
    "trigger", "response", "mitigation", "contingency", "residual_probability", "residual_impact",
    "residual_score", "next_review", "last_reviewed", "item_id", "confidential", "description",
)
#: Columns written for reference and ignored on import.
COMPUTED = frozenset({"id", "score", "severity", "residual_score"})
REQUIRED = ("title", "probability", "impact")
MAX_ROWS = 10_000


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def risk_row(risk: RiskRead, thresholds: tuple[int, int, int] = DEFAULT_THRESHOLDS) -> dict[str, str]:
    values: dict[str, Any] = risk.model_dump()
    values.update(score=risk.score, severity=band(risk.score, thresholds), owner=risk.owner_handle,
                  residual_score=risk.residual_score if risk.treated else None)
    return {name: neutralise(_text(values.get(name))) for name in COLUMNS}


def to_csv(risks: Iterable[RiskRead], thresholds: tuple[int, int, int] = DEFAULT_THRESHOLDS) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for risk in risks:
        writer.writerow(risk_row(risk, thresholds))
    return buffer.getvalue()



# --- import --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, field {self.field}: {self.reason}" if self.row else f"{self.field}: {self.reason}"


@dataclass
class ParsedImport:
    risks: list[RiskCreate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _owner_lookup(people: Iterable[PersonRead]) -> dict[str, int]:
    known: dict[str, int] = {}
    for person in people:
        known[person.name.strip().lower()] = person.id
        known[person.handle.lower()] = person.id
    return known


def _parse_row(raw: Mapping[str, str], number: int, owners: Mapping[str, int],
               item_ids: set[int] | None) -> tuple[RiskCreate | None, list[RowError]]:
    errors: list[RowError] = []
    data: dict[str, Any] = {}
    cells = {name: unneutralise(value or "") for name, value in raw.items() if name not in COMPUTED}
    for name, value in cells.items():
        text = value.strip()
        if name == "owner":
            if text:
                owner = owners.get(text.removeprefix("@").lower())
                if owner is None:
                    errors.append(RowError(number, "owner", f"no person with handle or name {text!r}"))
                data["owner_id"] = owner
        elif name in ("next_review", "last_reviewed"):
            if text:
                try:
                    data[name] = date.fromisoformat(text) if len(text) == 10 else _bad_date()
                except ValueError:
                    errors.append(RowError(number, name, f"{text!r} is not an ISO date (YYYY-MM-DD)"))
        elif name == "confidential":
            lowered = text.lower()
            if lowered in ("", "no", "false", "0", "n"):
                data[name] = False
            elif lowered in ("yes", "true", "1", "y"):
                data[name] = True
            else:
                errors.append(RowError(number, name, f"{text!r} is not yes or no"))
        elif name in ("probability", "impact", "residual_probability", "residual_impact", "item_id"):
            if text:
                try:
                    data[name] = int(text)
                except ValueError:
                    errors.append(RowError(number, name, f"{text!r} is not a whole number"))
        elif name in ("status", "response", "category", "title"):
            if text or name in ("category", "title"):
                data[name] = text.lower() if name in ("status", "response") else value
        else:
            data[name] = value
    if item_ids is not None and isinstance(data.get("item_id"), int) and data["item_id"] not in item_ids:
        errors.append(RowError(number, "item_id", f"no card #{data['item_id']}"))
    bad_fields = {error.field for error in errors}
    try:
        risk = RiskCreate.model_validate({k: v for k, v in data.items() if k not in bad_fields})
    except ValidationError as exc:
        for problem in exc.errors():
            name = ".".join(str(part) for part in problem.get("loc", ())) or "value"
            reason = problem.get("msg", "is not valid").removeprefix("Value error, ")
            if name == "value":
                name, reason = field_of_error(reason, "row")
            if name not in bad_fields:
                errors.append(RowError(number, name, reason))
        return None, errors
    return (None if errors else risk), errors


def _bad_date() -> date:
    raise ValueError("not YYYY-MM-DD")


def parse_csv(text: str, people: Iterable[PersonRead], item_ids: set[int] | None = None) -> ParsedImport:
    """Check every row; ``risks`` holds them all only when ``errors`` is empty."""
    result = ParsedImport()
    try:
        records = read_rows(text)
    except csv.Error as exc:
        result.errors.append(RowError(0, "file", f"not valid CSV ({exc})"))
        return result
    if not records or not any(cell.strip() for cell in records[0]):
        result.errors.append(RowError(1, "header", "the file is empty; the first row names the columns"))
        return result
    header = [cell.strip().lower() for cell in records[0]]
    for name in header:
        if name not in COLUMNS:
            result.errors.append(RowError(1, name or "(blank)", f"unknown column (known: {', '.join(COLUMNS)})"))
    for name in REQUIRED:
        if name not in header:
            result.errors.append(RowError(1, name, "required column is missing"))
    if len(set(header)) != len(header):
        result.errors.append(RowError(1, "header", "a column is named twice"))
    if result.errors:
        return result
    if len(records) - 1 > MAX_ROWS:
        result.errors.append(RowError(0, "file", f"more than {MAX_ROWS} rows"))
        return result
    owners = _owner_lookup(people)
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            result.errors.append(RowError(number, "row", f"has {len(record)} cells, the header has {len(header)}"))
            continue
        risk, errors = _parse_row(dict(zip(header, record)), number, owners, item_ids)
        result.errors.extend(errors)
        if risk is not None:
            result.risks.append(risk)
    if result.errors:
        result.risks.clear()
    return result
