"""A cockpit window in its own process, for the live-update tests.

``python -m tests.remote.live_child DB OUT`` runs the real CockpitApp (headless, so no terminal is
needed) with a small cards screen, and appends one JSON line to OUT each time that screen reloads:
what it shows, where its cursor is, and how many reloads came from another window's change.  It takes
commands on stdin, one per line, as a person would act in that window: ``down`` (move the cursor),
``create TITLE``, ``edit ID VERSION TITLE``, ``status`` and ``quit``.
"""

import json
import sys
import threading
import time
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable

import cockpit.app
from cockpit.app import CockpitApp
from cockpit.workspace import open_workspace
from db.errors import StoreError
from screens.base import CockpitScreen


class CardsScreen(CockpitScreen):
    def compose_body(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("id", "title", "version")

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        keep = self.cursor_id()
        table.clear()
        for item in self.store.items.all():
            table.add_row(str(item.id), Text(item.title), str(item.version), key=str(item.id))
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))  # the cursor stays on the same card
        self.app.report("refresh")

    def cursor_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


class ChildApp(CockpitApp):
    CSS_PATH = str(Path(cockpit.app.__file__).with_name("app.tcss"))

    def __init__(self, store, out: str) -> None:  # noqa: ANN001
        super().__init__(store, start_mode="cards")
        self.add_mode("cards", lambda: CardsScreen(store))
        self.out = out
        self.reloads = 0

    def reload_screens(self) -> None:
        # In this window nothing but a live update (another window's change) calls this.
        self.reloads += 1
        super().reload_screens()

    def report(self, event: str, **extra: object) -> None:
        screen = self.screen
        rows = []
        if isinstance(screen, CardsScreen):
            table = screen.query_one(DataTable)
            rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
            extra.setdefault("cursor", screen.cursor_id())
        line = json.dumps({"event": event, "rows": rows, "reloads": self.reloads, "at": time.time()} | extra)
        with open(self.out, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    def on_ready(self) -> None:
        self.report("ready")
        threading.Thread(target=self.read_commands, daemon=True).start()

    def read_commands(self) -> None:
        for line in sys.stdin:
            self.call_from_thread(self.run_command, line.rstrip("\n"))
        self.call_from_thread(self.exit)

    def run_command(self, line: str) -> None:
        verb, _, rest = line.partition(" ")
        screen = self.screen
        try:
            if verb == "down":
                screen.query_one(DataTable).action_cursor_down()
                self.report("cursor")
            elif verb == "create":
                self.store.items.create(title=rest, stage_id=self.store.workspace.stages()[0].id)
                screen.refresh_data()  # a screen reloads after its own write
            elif verb == "edit":
                item_id, version, title = rest.split(" ", 2)
                self.store.items.update(int(item_id), int(version), title=title)
                screen.refresh_data()
            elif verb == "status":
                self.check_for_changes()  # one more look, so the answer does not depend on timing
                self.report("status")
            elif verb == "quit":
                self.exit()
        except StoreError as error:
            self.report("refused", message=error.message)


def main() -> None:
    db, out = sys.argv[1], sys.argv[2]
    store = open_workspace(db, create=False, actor=sys.argv[3] if len(sys.argv) > 3 else "child")
    ChildApp(store, out).run(headless=True, size=(100, 30))


if __name__ == "__main__":
    main()
