"""Iteration templates: their key nodes (name, days after the start, kind), editable.

Opened with `T` on the calendar.  Changes apply to iterations stamped afterwards; iterations already
stamped keep their own key dates (each movable on its own).
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Select, Static

from cockpit.db.errors import StoreError
from cockpit.db.kinds import EVENT_KINDS
from cockpit.db.store import Store
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.screens.shared.form import FormModal, FormError, SaveCallback
from cockpit.logic.wording import plural

#: Writes through the store for the calendar screen (its ``submitter``): ``submit(call, *args, **kwargs)``
#: raises StoreError on refusal.
Submit = Callable[..., object]


class NodeFormModal(FormModal):
    def __init__(self, on_save: SaveCallback, title: str, name: str = "", offset: int = 0,
                 kind: str = "milestone") -> None:
        super().__init__(on_save)
        self.TITLE_TEXT = title
        self.initial = (name, offset, kind)

    def compose_fields(self) -> ComposeResult:
        name, offset, kind = self.initial
        yield self.row("Name", Input(name, id="name", compact=True))
        yield self.row("Day offset", Input(str(offset), id="offset", compact=True,
                                           placeholder="days after the iteration starts"))
        yield self.row("Kind", Select([(k, k) for k in EVENT_KINDS], value=kind, allow_blank=False, id="kind",
                                      compact=True))

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def show_error(self, message: str, field: str | None = None) -> None:
        super().show_error(message, "offset" if field == "day offset" else field)

    def values(self) -> dict[str, Any]:
        try:
            offset = int(self.query_one("#offset", Input).value.strip())
        except ValueError:
            raise FormError("day offset", "give a whole number of days (0 = the first day)") from None
        return {"name": self.query_one("#name", Input).value, "offset_days": offset,
                "kind": str(self.query_one("#kind", Select).value)}


class TemplateModal(ModalScreen[None]):
    DEFAULT_CSS = """
    TemplateModal { align: center middle; }
    TemplateModal > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    TemplateModal #template-title { text-style: bold; }
    TemplateModal DataTable { height: auto; max-height: 16; }
    TemplateModal #template-help { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="template.close"),
        Binding("n", "add", "Add node", id="template.add", tooltip="Add a key node to the template"),
        Binding("e,enter", "edit", "Edit", id="template.edit", tooltip="Edit the highlighted key node"),
        Binding("x,delete", "delete", "Delete", id="template.delete", tooltip="Delete the highlighted key node"),
    ]

    def __init__(self, store: Store, template_id: int, submit: Submit) -> None:
        """``store`` is read (the template's nodes); every write goes through ``submit``."""
        super().__init__()
        self.store = store
        self.template_id = template_id
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="template-title", markup=False)
            yield DataTable(id="template-table", cursor_type="row", zebra_stripes=True)
            yield Static("n add · e edit · x delete · esc close — applies to iterations stamped from now on",
                         id="template-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Day", "Key node", "Kind")
        self.reload()
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        try:
            template = self.store.calendar.template(self.template_id)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.nodes = {str(node.id): node for node in template.nodes}
        self.query_one("#template-title", Static).update(
            f"Template: {template.name} ({plural(template.length_days, 'day')})")
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for node in template.nodes:
            table.add_row(Text(f"+{node.offset_days}" if node.offset_days >= 0 else str(node.offset_days)),
                          Text(node.name), Text(node.kind), key=str(node.id))
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))

    def _highlighted(self):  # noqa: ANN202
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return self.nodes.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _after_form(self, values: dict[str, Any] | None) -> None:
        self.reload()

    def action_add(self) -> None:
        save = partial(self.submit, self.store.calendar.add_node, self.template_id)
        self.app.push_screen(NodeFormModal(lambda values: save(**values), "New key node"), self._after_form)

    def action_edit(self) -> None:
        node = self._highlighted()
        if node is None:
            return
        save = partial(self.submit, self.store.calendar.update_node, node.id, node.version)
        self.app.push_screen(NodeFormModal(lambda values: save(**values), f"Edit key node {node.name}", node.name,
                                           node.offset_days, node.kind), self._after_form)

    def action_delete(self) -> None:
        node = self._highlighted()
        if node is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                try:
                    self.submit(self.store.calendar.delete_node, node.id, node.version)
                except StoreError as error:
                    self.notify(error.message, title="Not saved", severity="error", markup=False)
            self.reload()
        self.app.push_screen(ConfirmModal("Delete key node", f"Delete {node.name} from the template?",
                                          yes="Delete", no="Keep", danger=True), answer)

    def action_close(self) -> None:
        self.dismiss(None)
