"""A shared screen (presentation mode, f5): notices name no local folder; toasts leave the detail bar
free; the focused card stands out; checkboxes read ticked or not; "1 day", never "1 days"."""

from pathlib import Path

from cockpit.logic.present import hide_folders
from cockpit.screens.calendar.screen import CalendarScreen
from tests.helpers import TODAY, cockpit_app, until


def test_paths_lose_their_folders_and_nothing_else_changes():
    assert hide_folders("Minutes: /home/ann/Acme Corp/minutes/2026-11-22-stand-up.md",
                        ["/home/ann/Acme Corp"]) == "Minutes: minutes/2026-11-22-stand-up.md"
    assert hide_folders("Exported 3 risks to /srv/acme/risks.csv") == "Exported 3 risks to risks.csv"
    assert hide_folders(r"Wrote 4 entries to C:\Users\ann\cal.ics") == "Wrote 4 entries to cal.ics"
    assert hide_folders("Permission denied: ~/private/x.ics") == "Permission denied: x.ics"
    for text in ("Lanes: owner / iteration", "3/4 done and/or", "see http://host/a/b", "Undone: move card"):
        assert hide_folders(text) == text


async def test_an_export_notice_while_presenting_names_the_file_not_the_folder(store, settings):
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="calendar")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CalendarScreen), "the calendar")
        notices = []
        for presenting in (True, False):
            if app.presenting != presenting:
                await pilot.press("f5")
                await until(pilot, lambda: app.presenting == presenting, "presentation mode")
            await pilot.press("E")
            await until(pilot, lambda: app.screen.query("#path"), "the path prompt")
            path = Path(app.screen.query_one("#path").value)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, CalendarScreen), "the calendar again")
            await app.screen.slow.finished.wait()
            await until(pilot, lambda: any("calendar entries" in n.message for n in app._notifications
                                           if n.message not in notices), "the notice")
            [notice] = [n.message for n in app._notifications if "calendar entries" in n.message
                        and n.message not in notices]
            notices.append(notice)
        presented, private = notices
        assert presented.endswith(f" to {path.name}") and str(path.parent) not in presented, presented
        assert private.endswith(f" to {path}")  # on the PM's own screen the full path helps
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR")
