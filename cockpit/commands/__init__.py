"""Sub-commands of the CLI.  Each feature module has ``register(parsers)`` adding its own.

A handler takes the parsed arguments and returns an exit status; it raises ``CommandError`` (or a
``DatabaseError`` / ``StoreError``) with one readable line for anything the user got wrong.
"""

import argparse
from dataclasses import dataclass


class CommandError(Exception):
    """A user error on the command line: printed as one line, exit status 2."""


@dataclass
class Parsers:
    root: "argparse._SubParsersAction[argparse.ArgumentParser]"
    export: "argparse._SubParsersAction[argparse.ArgumentParser]"
    import_: "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_db_option(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", required=required, metavar="PATH|URL",
                        help="the workspace: a SQLite file path or a database URL")


def add_bom_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-bom", action="store_true",
                        help="no UTF-8 byte-order mark in a CSV file (it is there so that Excel on Windows "
                             "reads the file as UTF-8; standard output never gets one)")
