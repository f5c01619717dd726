"""RACI rules, UI-free: exactly one A and at least one R per activity, the summary line, role load.

Everything here works on a ``RaciTableRead`` (plain data from ``store.raci.table()``).
"""

from dataclasses import dataclass, field

from cockpit.db.models import RoleRead
from cockpit.db.models_raci import LETTERS, ActivityRead, RaciTableRead

_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass(frozen=True)
class RowCheck:
    """The letters of one activity, counted, and what is wrong with them."""

    activity_id: int
    a: int
    r: int

    @property
    def problems(self) -> list[str]:
        found = []
        if self.a == 0:
            found.append("no A")
        elif self.a > 1:
            found.append(f"{self.a} A")
        if self.r == 0:
            found.append("no R")
        return found

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RaciGrid:
    """The table arranged for display: letters by (activity, role), checks, phases in order."""

    table: RaciTableRead
    letters: dict[tuple[int, int], str] = field(default_factory=dict)
    versions: dict[tuple[int, int], int] = field(default_factory=dict)
    checks: dict[int, RowCheck] = field(default_factory=dict)

    @property
    def roles(self) -> list[RoleRead]:
        return self.table.roles

    def phases(self) -> list[tuple[str, list[ActivityRead]]]:
        """Activities grouped by phase; phases in the order their first activity comes."""
        groups: dict[str, list[ActivityRead]] = {}
        for activity in self.table.activities:
            groups.setdefault(activity.phase, []).append(activity)
        return list(groups.items())

    def ordered(self) -> list[ActivityRead]:
        """Activities in display order (phase by phase)."""
        return [activity for _phase, activities in self.phases() for activity in activities]

    def letter(self, activity_id: int, role_id: int) -> str | None:
        return self.letters.get((activity_id, role_id))

    def version(self, activity_id: int, role_id: int) -> int:
        """The cell's version as read, 0 if it is empty (what ``set_letter`` checks)."""
        return self.versions.get((activity_id, role_id), 0)


def build(table: RaciTableRead) -> RaciGrid:
    grid = RaciGrid(table)
    role_ids = {role.id for role in table.roles}
    for cell in table.assignments:
        if cell.role_id in role_ids:
            grid.letters[(cell.activity_id, cell.role_id)] = cell.letter
            grid.versions[(cell.activity_id, cell.role_id)] = cell.version
    for activity in table.activities:
        row = [grid.letters.get((activity.id, role.id)) for role in table.roles]
        grid.checks[activity.id] = RowCheck(activity.id, a=row.count("A"), r=row.count("R"))
    return grid


def _activities(count: int) -> str:
    return f"{count} activit{'y' if count == 1 else 'ies'}"


def summary(grid: RaciGrid) -> str:
    """One line: "2 activities without an A, 1 with two, 1 without an R", or that all is well."""
    checks = list(grid.checks.values())
    if not checks:
        return "No activities yet"
    without_a = sum(1 for c in checks if c.a == 0)
    many = [c.a for c in checks if c.a > 1]
    without_r = sum(1 for c in checks if c.r == 0)
    found: list[tuple[int, str]] = []
    if without_a:
        found.append((without_a, "without an A"))
    if many:
        word = _COUNT_WORDS.get(many[0]) if len(set(many)) == 1 else None
        found.append((len(many), f"with {word} A's" if word else "with more than one A"))
    if without_r:
        found.append((without_r, "without an R"))
    if not found:
        return f"All {_activities(len(checks))} have one A and at least one R"
    first, *rest = found
    return ", ".join([f"{_activities(first[0])} {first[1]}", *(f"{n} {text}" for n, text in rest)])


def next_letter(current: str | None) -> str | None:
    """What ``space`` sets: blank → R → A → C → I → blank."""
    if current not in LETTERS:
        return LETTERS[0]
    index = LETTERS.index(current)  # type: ignore[arg-type]
    return LETTERS[index + 1] if index + 1 < len(LETTERS) else None


@dataclass(frozen=True)
class RoleLoad:
    role: RoleRead
    r: int
    a: int
    c: int
    i: int
    overloaded: bool = False

    @property
    def owns(self) -> int:
        """Activities this role owns the result of (R or A)."""
        return self.r + self.a


#: A role is overloaded when it owns (R or A) at least this many activities ...
OVERLOAD_MINIMUM = 4
#: ... and this many times the average of the roles that own any.
OVERLOAD_FACTOR = 1.5


def role_load(grid: RaciGrid) -> list[RoleLoad]:
    """R, A, C and I counted per role, in column order; overloaded roles flagged."""
    counts = {role.id: {letter: 0 for letter in LETTERS} for role in grid.roles}
    for (_activity, role_id), letter in grid.letters.items():
        counts[role_id][letter] += 1
    owning = [c["R"] + c["A"] for c in counts.values() if c["R"] + c["A"]]
    mean = sum(owning) / len(owning) if owning else 0
    loads = []
    for role in grid.roles:
        c = counts[role.id]
        owns = c["R"] + c["A"]
        loads.append(RoleLoad(role, c["R"], c["A"], c["C"], c["I"],
                              overloaded=owns >= OVERLOAD_MINIMUM and owns > OVERLOAD_FACTOR * mean))
    return loads
