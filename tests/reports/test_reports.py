"""The daily and weekly reports (issue 18, point 4): golden files on a hand-checked history
(tests/reports/fixture_history.py says what each section must hold and why), the working-day rule,
the override template, hostile text, and the command line."""

import os
from datetime import date
from pathlib import Path

import pytest

from cockpit.logic.report import previous_working_day
from cockpit.logic.report_render import TemplateProblem, render
from cockpit.services.files import WorkspaceFiles
from cockpit.services.reports import daily, daily_since, report_path, report_text, weekly
from tests.helpers import run_cli
from tests.reports.fixture_history import REPORT_DAY, at, build

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def history(store, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    build(store)
    return store


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_daily_report_equals_the_golden_file(history) -> None:  # noqa: ANN001
    project = history.workspace.project().id
    check_golden("daily.md", report_text(history, "daily", REPORT_DAY, project))


def test_weekly_report_equals_the_golden_file(history) -> None:  # noqa: ANN001
    project = history.workspace.project().id
    check_golden("weekly.md", report_text(history, "weekly", REPORT_DAY, project))


def test_daily_sections_on_the_fixture(history) -> None:  # noqa: ANN001
    report = daily(history, REPORT_DAY, history.workspace.project().id)
    moved = {p.person: [(m.title, m.path) for m in p.moves] for p in report.moved}
    assert moved == {
        "Ann Lee": [("Checkout redesign", ("Pending development", "Pending test", "Pending release"))],
        "Ben Okafor": [("Coupon API", ("Pending test", "Released"))],
        "Unassigned": [("Promo banner", ("new", "Pending review"))],
    }  # the undone move of "Typo fix" and the move before the stand-up are not there
    assert [(d.title, d.cycle) for d in report.delivered] == [("Coupon API", "7 days")]
    assert [(b.title, b.reason, b.still) for b in report.blocked] == [
        ("Search index", "waiting for the vendor's keys", True)]
    assert [(r.title, r.score, r.why) for r in report.risks] == [
        ("Load test environment", 12, "score 6 → 12"), ("Vendor late", 12, "new")]
    assert [n.title for n in report.key_nodes] == ["Requirement focus meeting"]
    assert [(m.time, m.title) for m in report.meetings] == [("14:00", "Design sync")]


def test_weekly_sections_on_the_fixture(history) -> None:  # noqa: ANN001
    report = weekly(history, REPORT_DAY, history.workspace.project().id)
    flow = {line.name: (line.this, line.previous, line.change) for line in report.flow}
    assert flow["Delivered (throughput)"] == ("1", "2", "−1")
    assert flow["Cycle time, median"] == ("7 days", "2.5 days", "+4.5 days")
    assert flow["Cycle time, 85th percentile"] == ("7 days", "3 days", "+4 days")
    assert [(r.title, r.overdue) for r in report.risks_due] == [("Old risk", True), ("Load test environment", False)]
    assert [(s.day, s.title) for s in report.train] == [
        (date(2026, 11, 25), "Release"), (date(2026, 11, 27), "Release review"), (date(2026, 12, 2), "Release"),
        (date(2026, 12, 4), "train skipped: Founders' day")]
    assert [d.text for d in report.decisions] == ["Ship coupons behind a flag"]
    assert [(a.text, a.owner, a.due) for a in report.actions] == [("Book the load test slot", "Ben Okafor", "2026-11-27")]
    [kr] = report.okr
    assert (kr.code, kr.target, kr.baseline) == ("O1-KR1", "4%", "2%")


def test_previous_working_day_skips_weekends_and_holidays() -> None:
    monday, friday = date(2026, 11, 23), date(2026, 11, 20)
    assert previous_working_day(monday, set()) == friday
    assert previous_working_day(monday, {friday}) == date(2026, 11, 19)
    assert previous_working_day(date(2026, 11, 25), set()) == date(2026, 11, 24)


def test_without_a_stand_up_the_daily_starts_on_the_previous_working_day(store, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    store.calendar.create_event(title="Founders' day", kind="holiday", all_day=True, start_day=date(2026, 11, 20),
                                end_day=date(2026, 11, 20))
    since, words = daily_since(store, date(2026, 11, 23), None)
    assert since == at(19, 0) and words == "Thursday 19 November 2026 (the previous working day)"


def test_a_template_beside_the_minutes_replaces_the_shipped_one(history) -> None:  # noqa: ANN001
    folder = WorkspaceFiles.of(history).templates
    folder.mkdir(parents=True)  # on a server database the workspace's own folder may not exist yet
    (folder / "daily.md.j2").write_text(
        "# Stand-up notes for {{ report.project }}\n{{ '**bold on purpose**' | raw }}\n"
        "{% for p in report.moved %}* {{ p.person }}: {{ p.moves | length }}\n{% endfor %}", encoding="utf-8")
    project = history.workspace.project().id
    text = report_text(history, "daily", REPORT_DAY, project)
    assert text == ("# Stand-up notes for Test project\n**bold on purpose**\n"
                    "* Ann Lee: 1\n* Ben Okafor: 1\n* Unassigned: 1\n")
    assert "# Weekly report" in report_text(history, "weekly", REPORT_DAY, project)  # no override: shipped


def test_hostile_text_stays_text(history) -> None:  # noqa: ANN001
    hostile = "Fix *all* `rm -rf` | <b>now</b> [x](http://evil) _it_\u001b[31m"
    card = history.items.create(title=hostile, stage_id=history.workspace.stages()[0].id,
                                description="two\nlines")
    history.clock = lambda: at(24, 13)
    card = history.items.set_blocked(card.id, card.version, True, "line one\nline two | *three*")
    text = report_text(history, "daily", REPORT_DAY, history.workspace.project().id)
    [line] = [line for line in text.splitlines() if "rm -rf" in line and "line one" in line]
    assert line == ("- #{} Fix \\*all\\* \\`rm -rf\\` \\| &lt;b&gt;now&lt;/b&gt; \\[x\\](http://evil) \\_it\\_\\[31m "
                    "(Unassigned, 13:00): line one line two \\| \\*three\\*").format(card.id)
    assert "\u001b" not in text and "<b>" not in text


def test_every_value_is_escaped_unless_the_template_says_raw() -> None:
    from types import SimpleNamespace

    from cockpit.logic.report_render import environment

    env = environment(None)
    out = env.from_string("{{ a }}|{{ a | raw }}|{{ n }}|{{ none }}").render(a="# *x*", n=3, none=None)
    assert out == "\\# \\*x\\*|# *x*|3|"
    with pytest.raises(ValueError, match="no report named"):
        render("monthly", SimpleNamespace())


def test_a_broken_template_is_named_with_its_line(history) -> None:  # noqa: ANN001
    folder = WorkspaceFiles.of(history).templates
    folder.mkdir(parents=True)  # on a server database the workspace's own folder may not exist yet
    (folder / "weekly.md.j2").write_text("# Weekly\n\n{% for x in report.flow %}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem, match=r"weekly\.md\.j2, line 3"):
        report_text(history, "weekly", REPORT_DAY, history.workspace.project().id)


# --- the command line --------------------------------------------------------------------------------


def _db(store) -> str:  # noqa: ANN001
    return str(WorkspaceFiles.of(store).root / f"{WorkspaceFiles.of(store).stem}.db")


def test_cli_writes_the_report_beside_the_minutes(history, db_url) -> None:  # noqa: ANN001
    db = db_url.removeprefix("sqlite:///")
    done = run_cli("report", "daily", "--db", db, "--date", "2026-11-24")
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip())
    assert path == report_path(history, "daily", REPORT_DAY, history.workspace.project().id)
    assert path.parent == WorkspaceFiles.of(history).minutes
    assert path.read_text(encoding="utf-8") == (GOLDEN / "daily.md").read_text(encoding="utf-8")
    printed = run_cli("report", "weekly", "--db", db, "--date", "2026-11-24", "--project", "test PROJECT", "--out", "-")
    assert printed.returncode == 0 and printed.stdout == (GOLDEN / "weekly.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (("--project", "Nope"), "--project: no project named 'Nope' (there is: Test project)"),
    (("--date", "31/02"), "--date: 31/02 is not a real date"),
    (("--date", "someday"), "--date: 'someday' is not a date like"),
])
def test_cli_errors_are_one_line_and_exit_1(history, db_url, args, message) -> None:  # noqa: ANN001
    db = db_url.removeprefix("sqlite:///")
    done = run_cli("report", "daily", "--db", db, *args)
    assert done.returncode == 1
    assert done.stderr.startswith(f"cockpit report: {message}") and done.stderr.count("\n") == 1
    assert not WorkspaceFiles.of(history).minutes.exists()


def test_cli_names_a_broken_template(history, db_url) -> None:  # noqa: ANN001
    folder = WorkspaceFiles.of(history).templates
    folder.mkdir(parents=True)  # on a server database the workspace's own folder may not exist yet
    (folder / "daily.md.j2").write_text("{{ report.nothing_here }}", encoding="utf-8")
    done = run_cli("report", "daily", "--db", db_url.removeprefix("sqlite:///"))
    assert done.returncode == 1 and "daily.md.j2" in done.stderr and done.stderr.count("\n") == 1
