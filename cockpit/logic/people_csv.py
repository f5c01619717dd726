"""People as CSV (``cockpit export people`` / ``cockpit import people``): RFC 4180, UTF-8, cells a
spreadsheet would run as a formula neutralised; import reads `;`-separated sheets too (``csv_text``).

Columns: name, handle, email, team, roles, availability, days_off.  ``roles`` lists a person's roles as
``project:role`` separated by ``;`` (a role without ``project:`` is held in the workspace's project);
``availability`` is the part-time share in per cent; ``days_off`` lists weekdays (mon … sun) or dates
(YYYY-MM-DD) separated by spaces or commas.  Only name and handle are required; a column left out of the
file is left alone when a person is updated (matched by handle).
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cockpit.db.models import PersonRead
from cockpit.logic.csv_text import read_rows
from cockpit.logic.files import neutralise, unneutralise

COLUMNS = ("name", "handle", "email", "team", "roles", "availability", "days_off", "active")
REQUIRED = ("name", "handle")
#: Written for reference and ignored on import (deactivating is done in the app).
IGNORED = frozenset({"active"})
MAX_ROWS = 10_000


class PeopleCsvError(ValueError):
    """A file that cannot be imported: ``row`` (1 is the header) and ``field`` name where."""

    def __init__(self, row: int, field: str, reason: str) -> None:
        super().__init__(f"row {row}, field {field}: {reason}" if row else f"{field}: {reason}")
        self.row = row
        self.field = field
        self.reason = reason


@dataclass
class PersonRow:
    row: int
    fields: dict[str, Any]
    roles: list[tuple[str, str]] = field(default_factory=list)


def to_csv(people: Iterable[PersonRead]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for person in people:
        roles = ";".join(f"{project}:{role}" for project, names in person.project_roles.items() for role in names)
        cells = [person.name, person.handle, person.email, person.team, roles, str(person.availability),
                 " ".join(person.days_off), "yes" if person.active else "no"]
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue()


def parse_roles(text: str, row: int) -> list[tuple[str, str]]:
    roles = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        project, sep, role = part.rpartition(":")
        if sep and not role.strip():
            raise PeopleCsvError(row, "roles", f"{part!r} names no role (write project:role)")
        roles.append((project.strip(), role.strip()))
    return roles


def parse_csv(text: str) -> list[PersonRow]:
    """The rows of a people file; PeopleCsvError names the first bad row and field."""
    try:
        records = read_rows(text)
    except csv.Error as exc:
        raise PeopleCsvError(0, "file", f"not valid CSV ({exc})") from None
    records = [record for record in records if any(cell.strip() for cell in record)]
    if not records:
        raise PeopleCsvError(0, "file", "it is empty (a header row is needed: name,handle,...)")
    header = [cell.strip().lower() for cell in records[0]]
    for name in header:
        if name and name not in COLUMNS:
            raise PeopleCsvError(1, name, f"unknown column (known: {', '.join(COLUMNS)})")
    for name in REQUIRED:
        if name not in header:
            raise PeopleCsvError(1, name, "this column is missing")
    if len(records) - 1 > MAX_ROWS:
        raise PeopleCsvError(0, "file", f"more than {MAX_ROWS} people")
    rows = []
    for number, record in enumerate(records[1:], start=2):
        cells = {name: unneutralise(record[i].strip()) if i < len(record) else ""
                 for i, name in enumerate(header) if name and name not in IGNORED}
        fields: dict[str, Any] = {name: value for name, value in cells.items() if name not in ("roles",
                                                                                             "availability", "days_off")}
        if "availability" in cells and cells["availability"]:
            try:
                fields["availability"] = int(cells["availability"].rstrip("%").strip())
            except ValueError:
                raise PeopleCsvError(number, "availability", "give a whole number of per cent, 0 to 100") from None
        if "days_off" in cells:
            fields["days_off"] = cells["days_off"].replace(",", " ").split()
        rows.append(PersonRow(number, fields, parse_roles(cells.get("roles", ""), number)))
    return rows
