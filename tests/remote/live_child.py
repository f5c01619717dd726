"""A cockpit window in its own process, for the live-update tests.

``python -m tests.remote.live_child DB OUT`` runs the real CockpitApp (headless, so no terminal is
needed) on the real board screen, and appends one JSON line to OUT each time the board reloads: the
cards it shows (id, title, version, column by column), the card under its cursor, and how many reloads
came from another window's change.  It takes commands on stdin, one per line, as a person would act in
that window: ``down`` (the board's own cursor key), ``create TITLE``, ``edit ID VERSION TITLE``,
``status`` and ``quit``.
"""

import json
import sys
import threading
import time
from pathlib import Path

import cockpit.app
from cockpit.app import CockpitApp
from cockpit.workspace import open_workspace
from cockpit.db.errors import StoreError
from cockpit.screens.board.screen import BoardScreen


class ChildApp(CockpitApp):
    CSS_PATH = str(Path(cockpit.app.__file__).with_name("app.tcss"))

    def __init__(self, store, out: str) -> None:  # noqa: ANN001
        super().__init__(store, start_mode="board")
        self.out = out
        self.reloads = 0
        reload = self.changes.reload_screens

        def counted() -> None:  # in this window nothing but a live update (another window's change) reloads
            self.reloads += 1
            reload()
            self.report("refresh")

        self.changes.reload_screens = counted  # type: ignore[method-assign]

    def report(self, event: str, **extra: object) -> None:
        screen = self.screen
        rows = []
        if isinstance(screen, BoardScreen):
            view = screen.view
            rows = [[str(card.id), card.title, str(card.version)]
                    for column in view.layout_data.columns for card in column]
            extra.setdefault("cursor", str(view.cursor_id) if view.cursor_id is not None else None)
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
        assert isinstance(screen, BoardScreen)
        try:
            if verb == "down":
                screen.view.action_cursor(0, 1)
                self.report("cursor")
            elif verb == "create":
                self.store.items.create(title=rest, stage_id=self.store.workspace.stages()[0].id)
                screen.refresh_data()  # the board reloads after its own write
                self.report("refresh")
            elif verb == "edit":
                item_id, version, title = rest.split(" ", 2)
                self.store.items.update(int(item_id), int(version), title=title)
                screen.refresh_data()
                self.report("refresh")
            elif verb == "status":
                self.changes.check()  # one more look, so the answer does not depend on timing
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
