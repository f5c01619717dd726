"""The command line: ``cockpit`` opens the TUI; sub-commands work on a workspace without it.

This is the composition root: settings -> workspace (engine, migrations, store) -> CockpitApp.
User errors print one line on stderr and exit with status 2, never a traceback.
"""

import argparse
import sys
from collections.abc import Sequence

from cockpit import __version__
from cockpit.commands import CommandError, Parsers, add_db_option
from cockpit.commands import copy, ics, minutes, raci, risks, serve

FEATURE_COMMANDS = (ics, risks, raci, minutes, serve, copy)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CommandError(f"{message} (see: {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cockpit", description="A keyboard-driven terminal cockpit for project managers.")
    parser.add_argument("--version", action="version", version=f"cockpit {__version__}")
    add_db_option(parser, required=False)
    parser.add_argument("--demo", action="store_true", help="open a fresh demo workspace (dates around today)")
    parser.add_argument("--as", dest="actor", metavar="NAME", help="your name in the change log")
    parser.add_argument("--read-only", action="store_true", help="open the workspace without allowing changes")
    parser.add_argument("--present", action="store_true", help="start in presentation mode (f5 toggles it)")
    parser.add_argument("--present-only", action="store_true",
                        help="presentation mode that f5 cannot leave (confidential text stays hidden)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    init = sub.add_parser("init", help="create a workspace without opening the UI")
    add_db_option(init)
    init.add_argument("--demo", action="store_true", help="fill it with the demo workspace")
    init.set_defaults(func=run_init)

    export = sub.add_parser("export", help="export data (see: cockpit export --help)")
    import_ = sub.add_parser("import", help="import data, all or nothing (see: cockpit import --help)")
    parsers = Parsers(root=sub,
                      export=export.add_subparsers(dest="kind", required=True, parser_class=_Parser, metavar="KIND"),
                      import_=import_.add_subparsers(dest="kind", required=True, parser_class=_Parser, metavar="KIND"))
    for module in FEATURE_COMMANDS:
        module.register(parsers)
    return parser


def run_init(args: argparse.Namespace) -> int:
    from cockpit.workspace import open_workspace

    open_workspace(args.db, new=True, demo=args.demo, actor=args.actor)
    print(f"created {'demo ' if args.demo else ''}workspace {args.db}")
    return 0


def run_tui(args: argparse.Namespace) -> int:
    from cockpit.settings import Settings, default_db, demo_db
    from cockpit.workspace import open_workspace

    if args.demo and args.db is None:
        target = demo_db()
        for leftover in target.parent.glob(f"{target.name}*"):
            leftover.unlink()  # the demo is rebuilt fresh each time; it never holds the user's data
        store = open_workspace(target, demo=True, actor=args.actor)
    elif args.read_only:
        store = open_workspace(args.db or default_db(), create=False, read_only=True, actor=args.actor)
    else:
        target = args.db or default_db()
        store = open_workspace(target, demo=args.demo, actor=args.actor,
                               on_upgrade=lambda result: print(f"upgraded; backup at {result.backup}"))
    from cockpit.app import CockpitApp  # after the checks: a refused file is refused fast

    store.read_only = args.read_only
    app = CockpitApp(store, settings=Settings.load(), present=True if args.present else None,
                     present_only=args.present_only, settle_gc=True)
    try:
        app.run()
    finally:
        app.run_shutdown_hooks()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    from db.engine import DatabaseError
    from db.errors import StoreError

    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            return run_tui(args)
        return args.func(args)
    except (CommandError, DatabaseError, StoreError) as exc:
        print(f"cockpit: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"cockpit: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
