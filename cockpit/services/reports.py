"""Reports read from the store: a retrospective's goals vs outcomes, the risk register as CSV.

The figures are computed by ``cockpit.logic`` (pure); this module reads what they need and writes
files through the one private writer.
"""

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.logic.csv_text import for_file
from cockpit.logic.retro_metrics import RetroMetrics, compute
from cockpit.logic.risk_csv import to_csv
from cockpit.services.files import write_private
from cockpit.db.models import IterationRead
from cockpit.db.models_risks import DEFAULT_THRESHOLDS, RiskRead

if TYPE_CHECKING:
    from cockpit.db.store import Store


def retro_metrics(store: "Store", iteration: IterationRead, now: datetime | None = None) -> RetroMetrics:
    """The metrics of ``iteration`` from the store's change log, as of ``now`` (only the rows of the
    cards that were ever in the iteration are read: the cost follows the iteration, not the log)."""
    return compute(iteration, store.iteration_changes(iteration.id), store.workspace.stages(), now or store.now())


def export_csv(risks: Iterable[RiskRead], path: Path, thresholds: tuple[int, int, int] = DEFAULT_THRESHOLDS,
               *, bom: bool = True) -> int:
    """Write the register to ``path`` (with a byte-order mark for Excel unless ``bom`` is False);
    returns the number of risks written."""
    rows = list(risks)
    write_private(path, for_file(to_csv(rows, thresholds), bom))
    return len(rows)
