"""The palette's "Daily report" and "Weekly report": write the report of today for the project shown
(in a worker, with progress if it takes a while), then preview it and say where it was written.
While presenting (f5), the preview hides confidential titles and the file's folder (the file itself
is the PM's and holds everything)."""

from collections.abc import Callable, Iterable
from functools import partial

from textual.app import App, SystemCommand

from cockpit.context import Workspace
from cockpit.logic.present import Secrets, hide_folders

KINDS = {"daily": "Daily report", "weekly": "Weekly report"}
HELP = {"daily": "What moved since the last stand-up, delivered, newly blocked, risks, today: written beside "
                 "the minutes and shown",
        "weekly": "Throughput and cycle time, the OKR board, risks due, release train, decisions and actions: "
                  "written beside the minutes and shown"}


def commands(app: App, workspace: Workspace, secrets: Callable[[], Secrets]) -> Iterable[SystemCommand]:
    for kind, title in KINDS.items():
        yield SystemCommand(title, HELP[kind], partial(app.call_later, write_and_show, app, workspace, kind, secrets))


def write_and_show(app: App, workspace: Workspace, kind: str,  # noqa: ANN201 - the SlowWork
                   secrets: Callable[[], Secrets] = Secrets):
    """Write the report of today (the workspace clock) for the project shown, then preview it."""
    from cockpit.logic.report_render import TemplateProblem
    from cockpit.screens.shared.progress import run_slow
    from cockpit.screens.shared.report_preview import ReportPreview
    from cockpit.services.reports import write_report
    from cockpit.db.errors import StoreError

    title = KINDS[kind]
    today, project_id = workspace.today, workspace.project_id

    def done(result: tuple) -> None:
        path, text = result
        hidden = secrets()
        shown = hide_folders(str(path), (str(workspace.files),)) if workspace.presenting else str(path)
        app.push_screen(ReportPreview(f"{title}, {today:%a %d %b %Y}", hidden.hide(text) if hidden else text, shown))
        app.notify(f"{title} written to {path}", markup=False)

    return run_slow(app.screen, lambda _progress: write_report(workspace.store, kind, today, project_id),
                    title=title, done=done, errors=(TemplateProblem, StoreError, OSError))
