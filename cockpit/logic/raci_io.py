"""RACI table to Markdown and CSV, and CSV back to activities (checked cell by cell).

CSV follows design.md §5: RFC 4180, UTF-8, one header row; a cell that a spreadsheet would run as a
formula (it starts with = + - @ tab or CR) is written with a leading apostrophe, which the import
removes again.  Parsing never writes: it returns plain activity dicts for ``store.raci.replace_table``
or raises ``CsvProblem`` naming the row and column.
"""

import csv
import io
from typing import Any

from pydantic import ValidationError

from cockpit.logic.csv_text import read_rows
from cockpit.logic.files import neutralise, unneutralise
from cockpit.logic.markdown import md_escape
from cockpit.logic.raci import RaciGrid, build, summary
from cockpit.db.models import RoleRead, StageRead
from cockpit.db.models_raci import LETTER_NAMES, LETTERS, ActivityCreate, RaciTableRead

#: The fixed columns of the CSV, in order; role columns follow.
FIXED = ("Phase", "Activity", "Gate", "Stage", "Standard", "Deliverable")
_FIELD_OF = {"Phase": "phase", "Activity": "name", "Standard": "criteria", "Deliverable": "deliverable"}
_YES = {"yes", "y", "true", "1", "x", "gate", "✔", "✓"}
_NO = {"", "no", "n", "false", "0", "-"}


class CsvProblem(ValueError):
    """A CSV that cannot be imported; the message names the row and column."""

    def __init__(self, row: int, column: str | None, message: str) -> None:
        where = f"row {row}" + (f", column {column}" if column else "")
        super().__init__(f"{where}: {message}")
        self.row = row
        self.column = column


# --- export --------------------------------------------------------------------------------------


def _stage_names(stages: list[StageRead]) -> dict[int, str]:
    return {stage.id: stage.name for stage in stages}


def to_csv(table: RaciTableRead, stages: list[StageRead]) -> str:
    grid = build(table)
    names = _stage_names(stages)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*FIXED, *(role.name for role in grid.roles)])
    for activity in grid.ordered():
        cells = [activity.phase, activity.name, "yes" if activity.gate else "no",
                 names.get(activity.stage_id, "") if activity.stage_id else "", activity.criteria,
                 activity.deliverable, *(grid.letter(activity.id, role.id) or "" for role in grid.roles)]
        writer.writerow([neutralise(cell) for cell in cells])
    return out.getvalue()



def to_markdown(table: RaciTableRead, stages: list[StageRead]) -> str:
    """A GitHub-flavoured Markdown table (pastes into a wiki) with a legend and the check line."""
    grid = build(table)
    names = _stage_names(stages)
    roles = grid.roles
    head = ["Phase", "Activity", *(md_escape(role.code) for role in roles), "Gate", "Standard", "Deliverable"]
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join(["---", "---", *(":-:" for _ in roles), "---", "---", "---"]) + "|"]
    for activity in grid.ordered():
        gate = ""
        if activity.gate:
            gate = "**gate**" + (f" → {md_escape(names[activity.stage_id])}" if activity.stage_id in names else "")
        letters = []
        for role in roles:
            letter = grid.letter(activity.id, role.id) or ""
            letters.append(f"**{letter}**" if letter in ("R", "A") else letter)
        problems = grid.checks[activity.id].problems
        name = md_escape(activity.name) + (f" ⚠ {', '.join(problems)}" if problems else "")
        lines.append("| " + " | ".join([md_escape(activity.phase), name, *letters, gate, md_escape(activity.criteria),
                                         md_escape(activity.deliverable)]) + " |")
    legend = ", ".join(f"{letter} = {LETTER_NAMES[letter]}" for letter in LETTERS)
    role_legend = ", ".join(f"{md_escape(role.code)} = {md_escape(role.name)}" for role in roles)
    lines += ["", f"{legend}.  Roles: {role_legend}.", "", f"Check: {summary(grid)}."]
    return "\n".join(lines) + "\n"


# --- import --------------------------------------------------------------------------------------


def parse_csv(text: str, roles: list[RoleRead], stages: list[StageRead]) -> list[dict[str, Any]]:
    """Activities from a CSV export (or a hand-made sheet): one dict per row, letters by role id.

    Columns are matched by header, case-insensitive, in any order; role columns by role name or
    code.  Only "Activity" is required.  The first problem raises CsvProblem naming row and column.
    """
    try:
        records = read_rows(text)
    except csv.Error as exc:
        raise CsvProblem(1, None, f"not a readable CSV file ({exc})") from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise CsvProblem(1, None, "the file is empty; the first row names the columns")
    header = [cell.strip() for cell in records[0]]
    fixed = {name.casefold(): name for name in FIXED}
    by_role = {role.name.casefold(): role for role in roles} | {role.code.casefold(): role for role in roles}
    columns: list[tuple[str, str, RoleRead | None]] = []  # (header as written, fixed name or "", role)
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        label = f"{number} ({name or 'no name'})"
        if not name:
            raise CsvProblem(1, label, "a column without a name")
        role = by_role.get(name.casefold())
        key = fixed.get(name.casefold()) or (f"role:{role.id}" if role else None)
        if key is None:
            raise CsvProblem(1, label, f"no role or column named {name!r} (columns: {', '.join(FIXED)} "
                                       "and the role names or codes)")
        if key in seen:
            raise CsvProblem(1, label, f"the same column as column {seen[key]}")
        seen[key] = number
        columns.append((name, fixed.get(name.casefold(), ""), role))
    if "Activity" not in {fixed_name for _h, fixed_name, _r in columns}:
        raise CsvProblem(1, None, "there is no Activity column")
    stage_ids = {stage.name.casefold(): stage.id for stage in stages}
    activities: list[dict[str, Any]] = []
    names: dict[str, int] = {}
    gates: dict[int, int] = {}
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(columns):
            raise CsvProblem(row_number, f"{len(columns) + 1}", f"{len(record)} cells but {len(columns)} columns")
        entry: dict[str, Any] = {"phase": "General", "letters": {}}
        for number, (name, fixed_name, role) in enumerate(columns, start=1):
            cell = unneutralise(record[number - 1] if number <= len(record) else "")
            where = f"{number} ({name})"
            value = cell.strip()
            if role is not None:
                if value:
                    if value.upper() not in LETTERS:
                        raise CsvProblem(row_number, where, f"{value!r} is not R, A, C or I (or empty)")
                    entry["letters"][role.id] = value.upper()
            elif fixed_name == "Gate":
                if value.casefold() not in _YES | _NO:
                    raise CsvProblem(row_number, where, f"{value!r} is not yes or no")
                entry["gate"] = value.casefold() in _YES
            elif fixed_name == "Stage":
                if value:
                    if value.casefold() not in stage_ids:
                        raise CsvProblem(row_number, where, f"no board stage named {value!r}")
                    stage_id = stage_ids[value.casefold()]
                    if stage_id in gates:
                        raise CsvProblem(row_number, where, f"row {gates[stage_id]} already guards {value!r}")
                    gates[stage_id] = row_number
                    entry["stage_id"] = stage_id
                    entry["gate"] = True
            elif fixed_name == "Phase":
                entry["phase"] = value or "General"
            else:
                entry[_FIELD_OF[fixed_name]] = cell if fixed_name == "Standard" else value
        _check_fields(entry, row_number, columns)
        key = entry["name"].casefold()
        if key in names:
            raise CsvProblem(row_number, _where(columns, "Activity"), f"{entry['name']!r} is already on row {names[key]}")
        names[key] = row_number
        activities.append(entry)
    return activities


def _where(columns: list[tuple[str, str, RoleRead | None]], fixed_name: str) -> str | None:
    for number, (name, fixed, _role) in enumerate(columns, start=1):
        if fixed == fixed_name:
            return f"{number} ({name})"
    return None


def _check_fields(entry: dict[str, Any], row: int, columns: list[tuple[str, str, RoleRead | None]]) -> None:
    """The row's fields pass the model's validation; a failure names the column."""
    try:
        data = ActivityCreate.model_validate({k: v for k, v in entry.items() if k != "letters"})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first.get("loc") else "name"
        column = next((c for c, f in _FIELD_OF.items() if f == field), "Activity")
        message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
        if field == "name" and not entry.get("name"):
            message = "the activity has no name"
        raise CsvProblem(row, _where(columns, column), message) from None
    entry.update({"name": data.name, "phase": data.phase, "criteria": data.criteria,
                  "deliverable": data.deliverable})


__all__ = ["CsvProblem", "RaciGrid", "parse_csv", "to_csv", "to_markdown"]
