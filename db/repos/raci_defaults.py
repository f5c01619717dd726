"""The default responsibility table of the PMO iteration standard (design.md §2).

Each activity: (phase, name, standard, deliverable, gate stage or None, letters by role code).  A gate
stage names the board stage whose entry this activity signs off, as (category, n): the n-th stage (from
0) of that category in the workflow, so a workflow whose stages were renamed still gets its gates; an
activity with ``GATE_ONLY`` is a checkpoint that guards no stage.
"""

GATE_ONLY = ("", 0)

DEFAULT_ACTIVITIES: list[tuple[str, str, str, str, tuple[str, int] | None, dict[str, str]]] = [
    ("Requirements", "Requirement focus meeting",
     "Business goal, scope and priorities of the iteration agreed; key nodes of the iteration confirmed",
     "Prioritised requirement list", None,
     {"PM": "A", "PMO": "R", "BO": "C", "TPM": "C", "TL": "C", "UX": "I", "QA": "I", "DEV": "I"}),
    ("Requirements", "PRD writing",
     "PRD written and reviewed, with the data-tracking plan; open questions closed",
     "PRD with data-tracking plan", ("in_progress", 0),
     {"PM": "R", "BO": "A", "UX": "C", "TL": "C", "QA": "C", "TPM": "I", "DEV": "I"}),
    ("Design", "Technical design and estimate",
     "Design reviewed; work split into items of at most two person-days, each estimated",
     "Technical design and estimates", None,
     {"TL": "A", "DEV": "R", "TPM": "C", "PM": "C", "QA": "I"}),
    ("Development", "Development and self-test",
     "Code reviewed and merged; self-test done against the PRD",
     "Merged code with a self-test note", ("in_progress", 1),
     {"DEV": "R", "TL": "A", "QA": "C", "UX": "C", "TPM": "I", "PM": "I"}),
    ("Test", "Test case design",
     "Test cases cover every requirement of the PRD and were reviewed with the developers",
     "Reviewed test cases", None,
     {"QA": "R", "TPM": "A", "PM": "C", "DEV": "C", "TL": "I"}),
    ("Test", "Smoke test and acceptance",
     "Test cases and the smoke test passed; the product manager accepted the feature",
     "Test report and acceptance", ("awaiting_release", 0),
     {"QA": "R", "PM": "A", "DEV": "C", "UX": "C", "TPM": "I", "BO": "I"}),
    ("Release", "Release plan review",
     "Release plan reviewed with feature switches, grey release steps and a rollback plan",
     "Reviewed release plan", ("done", 0),
     {"TPM": "R", "PMO": "A", "TL": "C", "QA": "C", "DEV": "C", "PM": "I", "BO": "I"}),
    ("Release", "Go-live with monitoring",
     "Grey release watched on the dashboards; alarms quiet; rollback ready until full release",
     "Release note and monitoring log", GATE_ONLY,
     {"DEV": "R", "TPM": "A", "TL": "C", "QA": "C", "PM": "I", "BO": "I", "PMO": "I"}),
    ("Improve", "Retrospective",
     "Goals against outcomes reviewed; previous actions checked; new actions have owners and dates",
     "Retro notes with action items", ("after_release", 0),
     {"PMO": "R", "TPM": "A", "PM": "C", "QA": "C", "UX": "C", "TL": "C", "DEV": "C", "BO": "I"}),
]
