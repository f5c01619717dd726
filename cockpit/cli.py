"""The command line: ``cockpit`` opens the TUI; sub-commands work on a workspace without it.

This is the composition root: settings -> workspace (engine, migrations, store) -> CockpitApp.
User errors print one line on stderr and exit with status 2, never a traceback.
"""

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cockpit import __version__
from cockpit.commands import CommandError, Parsers, UnknownProject, add_db_option

if TYPE_CHECKING:
    from pathlib import Path

    from cockpit.db.first_read import BoardFirstRead

#: The modules that register the sub-commands (imported only when a command line may name one).
FEATURE_COMMANDS = ("ics", "risks", "raci", "people", "setup", "minutes", "serve", "copy", "keys", "goals", "report")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CommandError(f"{message} (see: {self.prog} --help)")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line read.  One without a sub-command (opening the cockpit: the usual case) is read
    by the global options alone: the sub-commands' modules and their dozens of parsers are not made
    before the first frame.  Anything else (a word that is not an option's value, help, a mistake) is
    read by the whole parser, which names every command in its help and its errors."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not {"-h", "--help"} & set(argv):
        try:
            args, rest = build_parser(commands=False).parse_known_args(argv)
        except CommandError:
            rest = argv  # the whole parser says what is wrong
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The parser of the command line; ``commands=False``: its global options only (no help)."""
    parser = _Parser(prog="cockpit", description="A keyboard-driven terminal cockpit for project managers.",
                     add_help=commands)
    parser.add_argument("--version", action="version", version=f"cockpit {__version__}")
    add_db_option(parser, required=False)
    parser.add_argument("--demo", action="store_true", help="open a fresh demo workspace (dates around today)")
    parser.add_argument("--as", dest="actor", metavar="NAME", help="your name in the change log")
    parser.add_argument("--read-only", action="store_true", help="open the workspace without allowing changes")
    parser.add_argument("--present", action="store_true", help="start in presentation mode (f5 toggles it)")
    parser.add_argument("--present-only", action="store_true",
                        help="presentation mode that f5 cannot leave (confidential text stays hidden)")
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    init = sub.add_parser("init", help="create a workspace without opening the UI")
    add_db_option(init)
    init.add_argument("--demo", action="store_true", help="fill it with the demo workspace")
    init.add_argument("--from", dest="from_file", metavar="FILE",
                      help="lay it out from a setup file (written by: cockpit export setup)")
    init.set_defaults(func=run_init)

    export = sub.add_parser("export", help="export data (see: cockpit export --help)")
    import_ = sub.add_parser("import", help="import data, all or nothing (see: cockpit import --help)")
    parsers = Parsers(root=sub,
                      export=export.add_subparsers(dest="kind", required=True, parser_class=_Parser, metavar="KIND"),
                      import_=import_.add_subparsers(dest="kind", required=True, parser_class=_Parser, metavar="KIND"))
    for name in FEATURE_COMMANDS:
        importlib.import_module(f"cockpit.commands.{name}").register(parsers)
    return parser


def run_init(args: argparse.Namespace) -> int:
    from cockpit.workspace import open_workspace
    from cockpit.db.files import display_name

    if args.from_file and args.demo:
        raise CommandError("--from and --demo cannot be combined")
    from cockpit.commands.setup import read_setup

    data = read_setup(args.from_file) if args.from_file else None  # checked before anything is made
    open_workspace(args.db, new=True, demo=args.demo, actor=args.actor, setup=data)
    made = "demo " if args.demo else ""
    print(f"created {made}workspace {display_name(args.db)}"  # never the password
          + (f" from {args.from_file}" if data is not None else ""))
    return 0


def run_tui(args: argparse.Namespace) -> int:
    """Open the cockpit.  The usual case (the demo, or a workspace file already at the newest schema)
    paints the first frame before the database layer is imported, and opens the workspace right after
    (design.md §3).  A file that is refused still is, before the screen changes; one that needs an
    upgrade, a new file and a server database are opened first, as their messages belong in the shell."""
    # No garbage collection until the first frame is drawn (``Startup.begin`` turns it back on then,
    # ``settle_memory`` collects and freezes once the first mode is shown): the start allocates a few
    # hundred thousand objects and keeps nearly all of them, so the ~110 young-generation passes it
    # triggered freed almost nothing and cost ~12 ms of the first frame.
    gc.disable()
    try:
        return _run_tui(args)
    finally:
        gc.enable()


def _run_tui(args: argparse.Namespace) -> int:
    from cockpit.settings import Settings, default_db, demo_db
    from cockpit.db.files import HEAD, check_existing_file, file_of

    target = args.db or (demo_db() if args.demo else default_db())
    options: dict = {"actor": args.actor}
    opening, ahead = "Opening the workspace…", None
    if args.demo and args.db is None:
        for leftover in target.parent.glob(f"{target.name}*"):
            leftover.unlink()  # the demo is rebuilt fresh each time; it never holds the user's data
        options["demo"] = True
        paint_first, opening = True, "Building the demo workspace…"
    else:
        options.update({"create": False, "read_only": True} if args.read_only else {"demo": args.demo})
        path = file_of(target)
        paint_first = path is not None and path.exists() and check_existing_file(path, integrity=False) == HEAD
        options["checked"] = paint_first  # the file was just checked: opening does not read it again
        if paint_first:
            ahead = ReadAhead(path)  # its integrity check and the board's first read, while the app imports

    def open_store():  # noqa: ANN202 - a Store; db.store is imported here, not before the first frame
        from cockpit.workspace import open_workspace

        opened = open_workspace(target, **options,
                                on_upgrade=lambda result: print(f"upgraded; backup at {result.backup}"))
        opened.read_only = args.read_only
        return opened

    store = None if paint_first else open_store()  # a refused or failed open says so before the screen
    from cockpit.app import CockpitApp

    first_read = ahead.result() if ahead is not None else None  # a damaged file is refused here, still

    app = CockpitApp(store, open_store=open_store, opening=opening, settings=Settings.load(),
                     present=True if args.present else None, present_only=args.present_only, settle_gc=True,
                     welcome=not args.demo,  # the demo is rebuilt each time: nothing to ask about it
                     first_read=first_read)
    try:
        app.run()
    finally:
        app.shutdown.run()
    if app.open_error is not None:
        raise app.open_error  # main() prints it as one line and exits 2
    return app.return_code or 0


class ReadAhead:
    """A workspace file's integrity check (SQLite's quick check, DatabaseError if it is damaged) and
    the board's first read (plain ``sqlite3``), each in a thread: SQLite works without the
    interpreter's lock, so both run while the app's modules are imported (each reads the whole file at
    50,000 cards: 0.1–0.3 s)."""

    def __init__(self, path: "Path") -> None:
        import threading

        self.path = path
        self._error: Exception | None = None
        self._read: "BoardFirstRead | None" = None
        self._threads = [threading.Thread(target=run, name=name, daemon=True)
                         for name, run in (("integrity check", self._check), ("first read", self._first_read))]
        for thread in self._threads:
            thread.start()

    def _check(self) -> None:
        from cockpit.db.files import check_integrity

        try:
            check_integrity(self.path)
        except Exception as error:  # noqa: BLE001 - DatabaseError mostly; raised again by ``result``
            self._error = error

    def _first_read(self) -> None:
        self._read = board_first_read(self.path)

    def result(self) -> "BoardFirstRead | None":
        """The board's first read, or None (the normal path); raises if the file is damaged."""
        for thread in self._threads:
            thread.join()
        if self._error is not None:
            raise self._error
        return self._read


def board_first_read(path: "Path") -> "BoardFirstRead | None":
    """The board's first read of a workspace file at the newest schema (plain ``sqlite3``), or None if
    the board cannot be drawn from it (no card, or anything unexpected: the normal path then)."""
    import sqlite3

    from cockpit.db.first_read import read_board

    try:
        read = read_board(path)
    except (sqlite3.Error, ValueError, TypeError, KeyError, OSError, MemoryError):
        return None
    return read if read is not None and any(read.rows.values()) else None


def main(argv: Sequence[str] | None = None) -> int:
    from cockpit.db.files import DatabaseError
    from cockpit.db.errors import StoreError

    try:
        args = parse_args(argv)
        if args.command is None:
            return run_tui(args)
        return args.func(args)
    except (CommandError, DatabaseError, StoreError) as exc:
        print(f"cockpit: {exc}", file=sys.stderr)
        return exc.status if isinstance(exc, UnknownProject) else 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"cockpit: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
