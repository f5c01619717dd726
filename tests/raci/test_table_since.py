"""store.raci.table_since: after letters change, only they are read again, and the answer is always
what a full table() read gives (letters set, changed, cleared, undone, from another window too)."""

from cockpit.db.store import Store


def same(a, b) -> None:  # noqa: ANN001
    assert a.activities == b.activities and a.roles == b.roles and a.assignments == b.assignments


def test_letter_changes_are_patched_in_and_equal_a_full_read(engine, store, find):
    table, seen = store.raci.table_since(None, None)
    same(table, store.raci.table())
    prd, design = find.activity("PRD writing").id, find.activity("Technical design and estimate").id
    pmo, tpm = find.role("PMO"), find.role("TPM")
    other = Store(engine, actor="bob", clock=store.clock)  # another window on the same database
    store.raci.set_letter(prd, pmo, "C", version=0)  # a new cell
    tpm_cell = next(c for c in table.assignments if c.activity_id == prd and c.role_id == tpm)
    other.raci.set_letter(prd, tpm, "A", version=tpm_cell.version)  # a changed cell
    cleared = next(c for c in table.assignments if c.activity_id == design)
    store.raci.set_letter(design, cleared.role_id, None, version=cleared.version)  # a cleared cell
    patched, newest = store.raci.table_since(table, seen)
    assert newest == store.last_change_id() > seen
    assert patched.activities is table.activities  # only the letters were read again
    same(patched, store.raci.table())
    assert patched.letter(prd, pmo) == "C" and patched.letter(prd, tpm) == "A"
    assert patched.letter(design, cleared.role_id) is None
    store.undo()  # the clear is undone: the cell comes back with its old id
    again, newest = store.raci.table_since(patched, newest)
    assert again.activities is table.activities
    same(again, store.raci.table())
    assert again.letter(design, cleared.role_id) == cleared.letter
    unchanged, last = store.raci.table_since(again, newest)
    assert unchanged is again and last == newest  # nothing changed: nothing read


def test_anything_but_letters_reads_the_whole_table(store, find):
    table, seen = store.raci.table_since(None, None)
    prd = find.activity("PRD writing")
    store.raci.update_activity(prd.id, prd.version, name="PRD and tracking plan")
    store.raci.set_letter(prd.id, find.role("PMO"), "I", version=0)
    fresh, _ = store.raci.table_since(table, seen)
    assert fresh.activities is not table.activities
    same(fresh, store.raci.table())
    assert any(a.name == "PRD and tracking plan" for a in fresh.activities)
    role = store.raci.add_role("Security", "SEC")
    again, _ = store.raci.table_since(fresh, _)
    assert role.id in [r.id for r in again.roles]
    same(again, store.raci.table())


def test_an_unknown_or_older_change_id_reads_everything(store):
    table, seen = store.raci.table_since(None, None)
    same(store.raci.table_since(table, seen + 5)[0], store.raci.table())  # ids from another database
    assert store.raci.table_since(table, seen + 5)[0] is not table
