"""The RACI rules: exactly one A and at least one R, the summary line, role load, grouping."""

from hypothesis import given
from hypothesis import strategies as st

from cockpit.logic.raci import OVERLOAD_MINIMUM, build, next_letter, role_load, summary
from cockpit.db.models import RoleRead
from cockpit.db.models_raci import ActivityRead, CellRead, RaciTableRead

ROLES = [RoleRead(id=i, name=f"Role {i}", code=f"R{i}", position=i, version=1) for i in range(1, 5)]


def table(rows: list[str], phases: list[str] | None = None) -> RaciTableRead:
    """One activity per string; the string's letters go to roles 1, 2, 3 ... ('.' for none)."""
    activities, cells = [], []
    for number, letters in enumerate(rows, start=1):
        phase = phases[number - 1] if phases else "P"
        activities.append(ActivityRead(id=number, name=f"A{number}", phase=phase, position=number, version=1))
        for role_id, letter in enumerate(letters, start=1):
            if letter != ".":
                cells.append(CellRead(id=len(cells) + 1, activity_id=number, role_id=role_id,
                                            letter=letter, version=1))
    return RaciTableRead(activities=activities, roles=ROLES, assignments=cells)


def test_one_a_and_one_r_is_fine():
    grid = build(table(["AR..", "RACI", "ARRC"]))
    assert all(check.ok for check in grid.checks.values())
    assert summary(grid) == "All 3 activities have one A and at least one R"


def test_each_rule_is_reported_on_its_row():
    grid = build(table(["RR..", "AAR.", "A.CI", "AR.."]))
    assert grid.checks[1].problems == ["no A"]
    assert grid.checks[2].problems == ["2 A"]
    assert grid.checks[3].problems == ["no R"]
    assert grid.checks[4].ok


def test_summary_line_counts_each_kind_of_problem():
    assert summary(build(table(["R...", "R...", "AAR.", "AR.."]))) == "2 activities without an A, 1 with two A's"
    assert summary(build(table(["R...", "AAR.", "AAAR", "A..."]))) == \
        "1 activity without an A, 2 with more than one A, 1 without an R"
    assert summary(build(table(["A...", "A.C."]))) == "2 activities without an R"
    assert summary(build(table([]))) == "No activities yet"


def test_letters_of_roles_that_no_longer_exist_are_ignored():
    data = table(["AR"])
    data.assignments.append(CellRead(id=99, activity_id=1, role_id=77, letter="A", version=1))
    assert build(data).checks[1].ok


def test_space_cycles_blank_r_a_c_i_blank():
    seen, letter = [], None
    for _ in range(5):
        letter = next_letter(letter)
        seen.append(letter)
    assert seen == ["R", "A", "C", "I", None]


def test_phases_keep_the_order_of_their_first_activity():
    grid = build(table(["AR", "AR", "AR", "AR"], phases=["Build", "Plan", "Build", "Plan"]))
    assert [(phase, [a.id for a in acts]) for phase, acts in grid.phases()] == [("Build", [1, 3]), ("Plan", [2, 4])]
    assert [a.id for a in grid.ordered()] == [1, 3, 2, 4]


def test_role_load_counts_letters_and_flags_overload():
    rows = ["ARC."] * OVERLOAD_MINIMUM + ["..RA"]
    loads = {load.role.id: load for load in role_load(build(table(rows)))}
    assert (loads[1].a, loads[1].r, loads[1].owns) == (OVERLOAD_MINIMUM, 0, OVERLOAD_MINIMUM)
    assert (loads[2].r, loads[3].c, loads[3].r, loads[4].a) == (OVERLOAD_MINIMUM, OVERLOAD_MINIMUM, 1, 1)
    assert loads[1].overloaded and loads[2].overloaded
    assert not loads[3].overloaded and not loads[4].overloaded


def test_an_even_spread_is_not_overloaded():
    loads = role_load(build(table(["AR..", "..AR", "RA..", "..RA"])))
    assert not any(load.overloaded for load in loads)


@given(st.lists(st.text(alphabet="RACI.", min_size=4, max_size=4), min_size=1, max_size=12))
def test_checks_match_a_direct_count(rows):
    grid = build(table(rows))
    for number, letters in enumerate(rows, start=1):
        check = grid.checks[number]
        assert (check.a, check.r) == (letters.count("A"), letters.count("R"))
        assert check.ok == (letters.count("A") == 1 and letters.count("R") >= 1)
    bad = sum(1 for letters in rows if not (letters.count("A") == 1 and "R" in letters))
    assert summary(grid).startswith("All") == (bad == 0)
