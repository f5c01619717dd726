"""CSV export and import from the Risks screen (keys E and O, and the palette)."""

from pathlib import Path

from cockpit.logic.risk_csv import parse_csv
from cockpit.services.files import WorkspaceFiles, read_text
from cockpit.services.reports import export_csv
from db.errors import StoreError
from screens.risks.path_form import PathModal

ERRORS_SHOWN = 6


class RiskFilesMixin:
    """Mixed into RisksScreen: it provides ``store``, ``today``, ``risks``, ``settings``, ``refresh_data``."""

    def _default_folder(self) -> Path:
        return WorkspaceFiles.of(self.store).root  # type: ignore[attr-defined]

    def action_export_csv(self) -> None:
        default = self._default_folder() / f"risks-{self.today.isoformat()}.csv"  # type: ignore[attr-defined]

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            try:
                count = export_csv(self.store.risks.all(), path, self.store.risks.settings().thresholds)  # type: ignore[attr-defined]
            except (OSError, StoreError) as error:
                message = getattr(error, "message", None) or f"{getattr(error, 'strerror', None) or error}: {path}"
                self.notify(message, title="Not exported", severity="error", markup=False)  # type: ignore[attr-defined]
                return
            self.notify(f"Exported {count} risks to {path}", markup=False)  # type: ignore[attr-defined]

        self.app.push_screen(PathModal("Export the risk register to CSV", str(default)), chosen)  # type: ignore[attr-defined]

    def action_import_csv(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is None:
                return
            self.import_file(path)

        self.app.push_screen(PathModal("Import risks from CSV (all rows or none)", str(self._default_folder()) + "/",  # type: ignore[attr-defined]
                                       must_exist=True), chosen)

    def import_file(self, path: Path) -> int:
        """Import ``path``; returns the number of risks added (0 when refused, with the errors shown)."""
        try:
            text = read_text(path)
            items = {item.id for item in self.store.items.all()}  # type: ignore[attr-defined]
            parsed = parse_csv(text, self.store.workspace.people(), items)  # type: ignore[attr-defined]
            if parsed.errors:
                lines = [str(error) for error in parsed.errors[:ERRORS_SHOWN]]
                more = len(parsed.errors) - len(lines)
                if more:
                    lines.append(f"… and {more} more")
                self.notify("\n".join(lines), title=f"Nothing imported: {len(parsed.errors)} errors",  # type: ignore[attr-defined]
                            severity="error", timeout=20, markup=False)
                return 0
            ids = self.store.risks.import_many(parsed.risks, label=f"import risks from {path.name}")  # type: ignore[attr-defined]
        except (OSError, ValueError, StoreError) as error:
            message = getattr(error, "message", None) or str(error)
            self.notify(message, title="Nothing imported", severity="error", markup=False)  # type: ignore[attr-defined]
            return 0
        self.notify(f"Imported {len(ids)} risks from {path.name} (u undoes it)", markup=False)  # type: ignore[attr-defined]
        self.refresh_data()  # type: ignore[attr-defined]
        return len(ids)
