"""``cockpit serve``: the cockpit in a browser, for people who cannot see the shared terminal.

    cockpit serve --db work.db [--port N] [--host H] [--allow-edit] [--present]

It prints a URL with a random token and serves until Ctrl+C.  Each browser tab gets its own cockpit
process on the workspace, read-only unless ``--allow-edit``; live updates show the PM's changes.
"""

import argparse
import os
import secrets
import shlex
import sys
from pathlib import Path

from cockpit.commands import CommandError, Parsers, add_db_option

DEFAULT_PORT = 8765
ROOT = Path(__file__).resolve().parents[2]


def register(parsers: Parsers) -> None:
    serve = parsers.root.add_parser(
        "serve", help="show the cockpit in a browser (read-only unless --allow-edit)",
        description="Serve the cockpit to a web browser.  Prints a URL carrying a random token; "
                    "only requests with that token (and from that page) are answered.")
    add_db_option(serve)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"TCP port (default {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--allow-edit", action="store_true",
                       help="let viewers change the workspace (default: read-only)")
    serve.add_argument("--present", action="store_true",
                       help="viewers see presentation mode and cannot leave it (confidential text hidden)")
    serve.add_argument("--max-viewers", type=int, default=8, metavar="N",
                       help="at most N browser tabs at once (each runs a cockpit process; default 8)")
    serve.set_defaults(func=run_serve)


def child_command(db: str, *, allow_edit: bool, present: bool, actor: str) -> list[str]:
    """The cockpit each browser tab runs (textual-serve starts it with Textual's web driver)."""
    command = [sys.executable, "-m", "cockpit", "--db", db, "--as", actor]
    if not allow_edit:
        command.append("--read-only")
    if present:
        command.append("--present-only")
    return command


def run_serve(args: argparse.Namespace) -> int:
    from cockpit.webview import CockpitServer, is_loopback
    from cockpit.workspace import default_actor, open_workspace
    from cockpit.db.engine import sqlite_path, to_url
    from cockpit.db.files import is_url

    if not 0 <= args.port <= 65535:
        raise CommandError(f"--port {args.port}: a port is a number from 0 to 65535")
    if args.max_viewers < 1:
        raise CommandError("--max-viewers: at least 1")
    store = open_workspace(args.db, create=False)  # checked (and upgraded) once, before anyone connects
    project = store.workspace.project().name
    store.engine.dispose()
    path = sqlite_path(to_url(args.db))
    db = str(path) if path is not None else args.db if is_url(args.db) else str(Path(args.db).resolve())
    actor = args.actor or f"{default_actor()} (browser)"
    command = shlex.join(child_command(db, allow_edit=args.allow_edit, present=args.present, actor=actor))
    # The tabs' cockpits find this copy of Cockpit even when it is run from a source checkout.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    server = CockpitServer(command, token=secrets.token_urlsafe(24), host=args.host, port=args.port,
                           title=f"Cockpit · {project}", max_sessions=args.max_viewers)
    mode = "editable" if args.allow_edit else "read-only"

    def ready(url: str) -> None:
        print(f"Serving {project!r} ({mode}) at\n\n    {url}\n", flush=True)
        if not is_loopback(args.host):
            print(f"Listening on {args.host}: anyone who can reach this machine and has the URL can "
                  "see the workspace.  Plain HTTP: use it on a network you trust.", flush=True)
        print("Share the URL only with the people in the meeting.  Ctrl+C stops serving.", flush=True)

    try:
        server.serve(on_ready=ready)
    except OSError as exc:
        raise CommandError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return 0
