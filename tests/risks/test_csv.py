"""CSV export and import: RFC 4180, UTF-8, ISO dates, formula cells neutralised, all or nothing."""

import csv
import io
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.logic.files import neutralise, unneutralise
from cockpit.logic.risk_csv import COLUMNS, parse_csv, to_csv
from cockpit.services.files import read_text
from cockpit.services.reports import export_csv
from cockpit.db.text import clean_line, strip_controls
from tests.helpers import TODAY

FORMULAS = ["=SUM(A1:A9)", "+1+1", "-2+3", "@cmd", "\tpadded", "=HYPERLINK(\"http://x\")", "'=already"]


def cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("value", FORMULAS)
def test_cells_a_spreadsheet_would_run_get_an_apostrophe(value):
    assert neutralise(value).startswith("'")
    assert unneutralise(neutralise(value)) == value


@pytest.mark.parametrize("value", ["plain", "'quoted", "a=b", "", "2026-11-22", "é", "12"])
def test_harmless_cells_are_left_alone(value):
    assert neutralise(value) == value and unneutralise(value) == value


@given(st.text())
def test_neutralise_is_reversible(value):
    assert unneutralise(neutralise(value)) == value
    assert not neutralise(value)[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_export_is_rfc4180_utf8_with_iso_dates_and_neutralised_cells(store, people, add_risk, tmp_path):
    add_risk("=HYPERLINK(\"http://evil\")", description="line one\nline \"two\"", category="Sécurité",
             owner_id=people["zoe"].id, next_review=TODAY, trigger="@everyone panic", confidential=True)
    path = tmp_path / "out" / "risks.csv"
    assert export_csv(store.risks.all(), path) == 1
    raw = path.read_bytes()
    assert raw.count(b"\r\n") >= 2 and raw.startswith(b"\xef\xbb\xbfid,title,")  # a BOM: Excel reads UTF-8
    assert (path.stat().st_mode & 0o777) == 0o600 and (path.parent.stat().st_mode & 0o777) == 0o700
    [row] = cells(raw.decode("utf-8-sig"))
    assert list(row) == list(COLUMNS)
    assert row["title"] == "'=HYPERLINK(\"http://evil\")" and row["trigger"] == "'@everyone panic"
    assert row["description"] == "line one\nline \"two\"" and row["category"] == "Sécurité"
    assert (row["next_review"], row["owner"], row["confidential"], row["score"], row["severity"]) == (
        "2026-11-22", "zoe", "yes", "9", "medium")


def test_round_trip_with_unicode_and_formula_cells(store, people, add_risk, engine):
    for index, title in enumerate(FORMULAS + ["Zoë's ⚠️ 漢字 risk", "deadline [/", "[@click=app.quit]x[/]"]):
        add_risk(title, category="-cat" if index % 2 else "Vendor", probability=1 + index % 5,
                 impact=5 - index % 5, owner_id=people["zoe"].id if index % 3 else None,
                 mitigation="=1+2\nthen \"quote\"", description="\t@indented", residual_probability=1,
                 residual_impact=1, next_review=TODAY + timedelta(days=index), status="monitoring",
                 response="escalate", confidential=bool(index % 2))
    before = store.risks.all()
    text = to_csv(before)
    parsed = parse_csv(text, store.workspace.people(), set())
    assert parsed.errors == []
    keep = ("title", "description", "category", "probability", "impact", "owner_id", "trigger", "response",
            "mitigation", "contingency", "residual_probability", "residual_impact", "status", "next_review",
            "last_reviewed", "item_id", "confidential")
    assert [r.model_dump(include=set(keep)) for r in parsed.risks] == [r.model_dump(include=set(keep)) for r in before]
    store.risks.import_many(parsed.risks)
    again = store.risks.all()
    assert len(again) == 2 * len(before)
    assert to_csv(again).count("=SUM") == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=1, max_size=60), text=st.text(max_size=200))
def test_any_text_survives_the_round_trip(store, title, text):
    from cockpit.db.models_risks import RiskCreate, RiskRead

    if not clean_line(title):
        return
    data = RiskCreate(title=title, description=text, mitigation=text)
    risk = RiskRead.model_validate(data.model_dump() | {"id": 1, "project_id": 1, "version": 1,
                                                        "created": "2026-11-22T00:00:00+00:00",
                                                        "updated": "2026-11-22T00:00:00+00:00"})
    parsed = parse_csv(to_csv([risk]), [], set())
    assert parsed.errors == []
    [back] = parsed.risks
    assert back.title == clean_line(title)
    assert back.description == strip_controls(text) == back.mitigation


def test_each_error_names_the_row_and_field_and_nothing_is_imported(store, people, add_risk):
    add_risk("Existing")
    before = (store.risks.all(), store.last_change_id())
    text = ("title,probability,impact,owner,status,next_review,item_id,confidential,residual_probability\r\n"
            "Good one,3,4,ann,open,2026-12-01,,no,\r\n"
            ",3,4,,,,,,\r\n"
            "Bad numbers,9,x,nobody,finished,01/12/2026,77,maybe,2\r\n")
    parsed = parse_csv(text, store.workspace.people(), {1, 2})
    messages = [str(error) for error in parsed.errors]
    assert parsed.risks == []
    assert "row 3, field title: String should have at least 1 character" in messages
    fields = {(error.row, error.field) for error in parsed.errors}
    assert {(4, "probability"), (4, "impact"), (4, "owner"), (4, "status"), (4, "next_review"),
            (4, "item_id"), (4, "confidential")} <= fields
    assert all(error.row in (3, 4) for error in parsed.errors)
    assert (store.risks.all(), store.last_change_id()) == before


@pytest.mark.parametrize(("text", "field"), [
    ("", "header"),
    ("title,impact\r\nx,3\r\n", "probability"),
    ("title,probability,impact,colour\r\nx,1,1,red\r\n", "colour"),
    ("title,probability,impact,title\r\nx,1,1,y\r\n", "header"),
    ("title,probability,impact\r\nx,1\r\n", "row"),
])
def test_bad_files_are_refused_with_the_field_named(text, field):
    parsed = parse_csv(text, [], set())
    assert parsed.risks == [] and field in {error.field for error in parsed.errors}


def test_byte_order_mark_and_blank_lines_are_accepted(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufefftitle,probability,impact,category\r\nÉtude,2,2,Qualité\r\n\r\n".encode("utf-8"))
    parsed = parse_csv(read_text(path), [], set())
    assert parsed.errors == [] and parsed.risks[0].title == "Étude" and parsed.risks[0].category == "Qualité"


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("title,probability,impact\r\nÉtude,2,2\r\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        read_text(path)


def test_a_file_without_the_bom_on_request(store, add_risk, tmp_path):
    add_risk("Zoë's risk")
    with_bom, without = tmp_path / "a.csv", tmp_path / "b.csv"
    export_csv(store.risks.all(), with_bom)
    export_csv(store.risks.all(), without, bom=False)
    assert with_bom.read_bytes() == b"\xef\xbb\xbf" + without.read_bytes() == b"\xef\xbb\xbf" + to_csv(store.risks.all()).encode()
    parsed = parse_csv(read_text(with_bom), [], set())
    assert parsed.errors == [] and [r.title for r in parsed.risks] == ["Zoë's risk"]


SEMICOLON = "\ufefftitle;probability;impact;category;mitigation\r\n\"Wait, then pay\";2;3;Qualité;'=1+2\r\n"


@pytest.mark.parametrize("text", [
    SEMICOLON,
    SEMICOLON.removeprefix("\ufeff"),
    "sep=;\r\n" + SEMICOLON.removeprefix("\ufeff"),
    "\ufeffsep=;\r\n" + SEMICOLON.removeprefix("\ufeff"),
    SEMICOLON.replace(";", "\t"),
    "title,probability,impact,category,mitigation\r\n\"Wait, then pay\",2,3,Qualité,'=1+2\r\n",
])
def test_semicolon_and_tab_sheets_import_with_the_delimiter_from_the_header(text):
    parsed = parse_csv(text, [], set())
    assert parsed.errors == []
    [risk] = parsed.risks
    assert (risk.title, risk.probability, risk.impact, risk.category) == ("Wait, then pay", 2, 3, "Qualité")
    assert risk.mitigation == "=1+2"  # the neutralised formula cell is read back as written


def test_a_semicolon_sheet_with_one_bad_row_imports_nothing():
    text = "title;probability;impact\r\nGood;2;2\r\nBad;9;2\r\n"
    parsed = parse_csv(text, [], set())
    assert parsed.risks == [] and [(e.row, e.field) for e in parsed.errors] == [(3, "probability")]


def test_the_delimiter_is_the_one_that_splits_the_header_most():
    from cockpit.logic.csv_text import header_delimiter, read_rows

    assert header_delimiter("title,probability;impact,category") == ","
    assert header_delimiter("title;probability;impact;a,b") == ";"
    assert header_delimiter('"title;x";probability;impact') == ";"
    assert header_delimiter("title") == ","
    assert read_rows("sep=|\r\na|b\r\n") == [["sep=|"], ["a|b"]]  # only , ; and tab are delimiters
