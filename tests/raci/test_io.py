"""Markdown and CSV export, CSV import (all or nothing; errors name row and column)."""

import csv
import io
import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.logic.raci import build
from cockpit.logic.files import neutralise
from cockpit.services.files import write_private
from cockpit.logic.raci_io import CsvProblem, parse_csv, to_csv, to_markdown


def export_csv(store) -> str:  # noqa: ANN001
    return to_csv(store.raci.table(), store.workspace.stages())


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def do_import(store, text: str) -> int:  # noqa: ANN001
    return store.raci.replace_table(parse_csv(text, store.workspace.roles(), store.workspace.stages()))


def cells(store) -> list[tuple[str, str, str]]:  # noqa: ANN001
    table = store.raci.table()
    names = {a.id: a.name for a in table.activities}
    codes = {r.id: r.code for r in table.roles}
    return sorted((names[c.activity_id], codes[c.role_id], c.letter) for c in table.assignments)


def test_csv_has_a_header_and_one_row_per_activity(store):
    rows = rows_of(export_csv(store))
    assert rows[0][:6] == ["Phase", "Activity", "Gate", "Stage", "Standard", "Deliverable"]
    assert rows[0][6:] == [role.name for role in store.workspace.roles()]
    prd = next(row for row in rows if row[1] == "PRD writing")
    assert prd[:4] == ["Requirements", "PRD writing", "yes", "Pending development"]
    assert prd[6 + rows[0][6:].index("Business owner")] == "A"
    assert len(rows) == 1 + len(store.raci.activities())
    assert export_csv(store).endswith("\r\n")  # RFC 4180 line ends


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"])
def test_formula_cells_are_neutralised_and_come_back_unchanged(store, text):
    assert neutralise(text) == "'" + text
    activity = store.raci.activities()[0]
    store.raci.update_activity(activity.id, activity.version, name=f"{text}x", deliverable=text, criteria=text)
    stored = store.raci.activities()[0]
    rows = rows_of(export_csv(store))
    risky = stored.criteria.startswith(("=", "+", "-", "@", "\t"))  # a CR never gets in: it is stripped
    assert any(cell.startswith("'") for cell in rows[1]) == risky
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    do_import(store, export_csv(store))
    again = store.raci.activities()[0]
    assert (again.name, again.criteria, again.deliverable) == (stored.name, stored.criteria, stored.deliverable)


def test_markdown_is_a_wiki_table_with_a_legend_and_the_check(demo):
    store, _ctx = demo
    text = to_markdown(store.raci.table(), store.workspace.stages())
    lines = text.splitlines()
    assert lines[0].startswith("| Phase | Activity | PM | TPM |") and lines[1].startswith("|---|---|:-:|")
    columns = lines[0].count("|")
    table_lines = [line for line in lines if line.startswith("|")]
    assert len(table_lines) == 2 + len(store.raci.activities())
    assert all(line.count("|") - line.count("\\|") == columns for line in table_lines)
    assert any("PRD writing" in line and "**gate** → Pending development" in line for line in lines)
    assert any("Data-tracking review ⚠ no A" in line for line in lines)
    assert "R = Responsible, A = Accountable, C = Consulted, I = Informed." in text
    assert "Check: 1 activity without an A." in text


def test_markdown_escapes_pipes_and_newlines_in_user_text(store):
    store.raci.add_activity("a | b <script>", criteria="one\ntwo | three")
    text = to_markdown(store.raci.table(), store.workspace.stages())
    line = next(line for line in text.splitlines() if "a \\| b" in line)
    assert "&lt;script&gt;" in line and "one two \\| three" in line


def shown(store) -> list[tuple]:  # noqa: ANN001
    """Activities in display order (phase by phase) with every field a PM sees."""
    return [(a.name, a.phase, a.criteria, a.deliverable, a.gate, a.stage_id)
            for a in build(store.raci.table()).ordered()]


def test_round_trip_keeps_the_table(demo):
    store, _ctx = demo
    before = (cells(store), shown(store))
    text = export_csv(store)
    assert do_import(store, text) == len(before[1])
    assert (cells(store), shown(store)) == before
    assert export_csv(store) == text


@pytest.mark.parametrize(("edit", "row", "column", "message"), [
    (lambda rows: rows[3].__setitem__(7, "X"), 4, "8 (Technical PM)", "'X' is not R, A, C or I"),
    (lambda rows: rows[0].__setitem__(9, "Astronaut"), 1, "10 (Astronaut)", "no role or column named"),
    (lambda rows: rows[0].__setitem__(7, "PM"), 1, "8 (PM)", "the same column as column 7"),
    (lambda rows: rows[2].__setitem__(3, "Nowhere"), 3, "4 (Stage)", "no board stage named 'Nowhere'"),
    (lambda rows: rows[5].__setitem__(3, "Pending test"), 6, "4 (Stage)", "row 5 already guards"),
    (lambda rows: rows[2].__setitem__(2, "maybe"), 3, "3 (Gate)", "'maybe' is not yes or no"),
    (lambda rows: rows[6].__setitem__(1, "PRD writing"), 7, "2 (Activity)", "already on row 3"),
    (lambda rows: rows[4].__setitem__(1, "  "), 5, "2 (Activity)", "the activity has no name"),
    (lambda rows: rows[4].__setitem__(1, "x" * 121), 5, "2 (Activity)", "at most 120 characters"),
    (lambda rows: rows[2].append("R"), 3, "15", "15 cells but 14 columns"),
])
def test_a_bad_cell_names_row_and_column_and_nothing_is_imported(store, edit, row, column, message):
    rows = rows_of(export_csv(store))
    edit(rows)
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    before, last = store.raci.table(), store.last_change_id()
    with pytest.raises(CsvProblem) as problem:
        do_import(store, out.getvalue())
    assert (problem.value.row, problem.value.column) == (row, column)
    assert message in str(problem.value) and str(problem.value).startswith(f"row {row}")
    assert store.raci.table() == before and store.last_change_id() == last


def test_import_takes_codes_any_column_order_and_a_bom(store, find):
    text = "\ufeffACTIVITY,qa,pm,phase\r\nRelease sign-off,r,a,Release\r\n,,,\r\nHotfix review,R,A,\r\n"
    assert do_import(store, text) == 2
    assert [(a.name, a.phase) for a in store.raci.activities()] == [("Release sign-off", "Release"),
                                                                   ("Hotfix review", "General")]
    assert find.letter("Release sign-off", "QA") == "R" and find.letter("Hotfix review", "PM") == "A"


@pytest.mark.parametrize(("text", "message"), [
    ("", "the file is empty"),
    ("Phase,Standard\r\nx,y\r\n", "there is no Activity column"),
    ("Activity,,PM\r\n", "a column without a name"),
    ('Activity\r\n"unterminated\r\n', "not a readable CSV file"),
])
def test_broken_files_are_refused_with_a_reason(store, text, message):
    with pytest.raises(CsvProblem, match=message):
        parse_csv(text, store.workspace.roles(), store.workspace.stages())


def test_write_private_is_atomic_and_private(tmp_path):
    target = tmp_path / "raci.md"
    target.write_text("old")
    write_private(target, "new text\n")
    assert target.read_text() == "new text\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["raci.md"]  # no temp file left behind


user_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=user_text, criteria=st.text(max_size=80), deliverable=user_text)
def test_any_user_text_survives_a_csv_round_trip(store, name, criteria, deliverable):
    from cockpit.db.text import clean_line

    if not clean_line(name):
        return
    store.raci.replace_table([{"name": name, "phase": "P", "criteria": criteria, "deliverable": deliverable}])
    before = [(a.name, a.phase, a.criteria, a.deliverable) for a in store.raci.activities()]
    do_import(store, export_csv(store))
    assert [(a.name, a.phase, a.criteria, a.deliverable) for a in store.raci.activities()] == before
