"""CSV export and import of the risk register (keys E and O, and the palette), as slow work.

Both run in a worker (``run_slow``) and report progress; the import writes every row in ONE store
transaction (all rows or none), so a cancel or a refused row leaves the register as it was, and the
export writes through the safe writer (temporary file, then rename), so a cancel leaves no file.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.logic.risk_csv import parse_csv
from cockpit.services.files import WorkspaceFiles, read_text
from cockpit.services.reports import export_csv
from cockpit.db.errors import StoreError
from cockpit.db.models_risks import RiskRead
from cockpit.screens.shared.progress import Progress
from cockpit.logic.wording import plural

if TYPE_CHECKING:
    from cockpit.db.store import Store

#: How many refused rows an import names (then "… and N more").
ERRORS_SHOWN = 6
#: Progress is reported every this many rows.
STEP = 100


@dataclass(frozen=True)
class Imported:
    """What an import did: the new risks' ids, or (nothing imported) the rows refused."""

    ids: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def error_text(self) -> str:
        lines = self.errors[:ERRORS_SHOWN]
        more = len(self.errors) - len(lines)
        return "\n".join(lines + ([f"… and {more} more"] if more else []))


def _counted(risks: Sequence[RiskRead], progress: Progress) -> Iterator[RiskRead]:
    total = len(risks)
    for number, risk in enumerate(risks, start=1):
        yield risk
        if number % STEP == 0 or number == total:
            progress.update(number, total, f"{number} of {plural(total, 'risk')}")


def export_risks(store: "Store", path: Path, progress: Progress) -> int:
    """Write the register to ``path`` (CSV); returns the number of risks written."""
    progress.update(0, None, "Reading the register…")
    risks = store.risks.all()
    return export_csv(_counted(risks, progress), path, store.risks.settings().thresholds)


def import_risks(store: "Store", path: Path, progress: Progress) -> Imported:
    """Add the risks of a CSV file: all rows or none."""
    progress.update(0, None, f"Reading {path.name}…")
    text = read_text(path)
    items = {item.id for item in store.items.all()}
    parsed = parse_csv(text, store.workspace.people(), items)
    if parsed.errors:
        return Imported(errors=[str(error) for error in parsed.errors])

    def report(done: int, total: int) -> None:
        progress.update(done, total, f"{done} of {plural(total, 'risk')}")

    ids = store.risks.import_many(parsed.risks, label=f"import risks from {path.name}", progress=report)
    return Imported(ids=ids)


def failure_text(error: Exception, path: Path | None = None) -> str:
    """A refused export or import in one line (a store refusal's message, or the OS error and file)."""
    if isinstance(error, StoreError):
        return error.message
    if isinstance(error, OSError) and path is not None:
        return f"{error.strerror or error}: {path}"
    return str(error)
