"""The Goals screen's state and reads: the OKR board of the project shown, the filter, what is drawn.

A plain object the screen owns (no Textual in it).  Every figure comes from ``okr_board`` (the one
source: cockpit/services/okr.py over cockpit/logic/okr.py); this only turns the blocks into the
table's plain rows, masked while presenting, and filtered.  Writes go through ``store.goals``.
"""

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from cockpit.logic.okr_filter import OkrFilter, parse_okr_filter
from cockpit.logic.present import mask, shown
from cockpit.logic.okr import KrFigures, ObjectiveBlock, avg7_text, progress_text, wow_text
from cockpit.logic.okr import number as okr_number
from cockpit.services.okr import kr_row, okr_board
from cockpit.db.models import PersonRead
from cockpit.db.models_goals import KeyResultRead, ObjectiveRead
from cockpit.screens.goals.detail import KrDetail
from cockpit.screens.goals.investment import InvestmentView, investment_view, period
from cockpit.services.investment import investment
from cockpit.db.errors import StoreError
from cockpit.widgets.okr_table import OkrLine

if TYPE_CHECKING:
    from cockpit.db.store import Store


def number(value: float | None, unit: str = "") -> str:
    """A metric's value as the export and reports write it (``"—"`` for none)."""
    return okr_number(value, unit, missing="—")


def short_number(value: float | None, unit: str = "") -> str:
    """A figure for a table cell: fewer decimals as it grows (``1,177``, ``98.4``, ``3.59``), and the
    unit only when it is short (``%``, ``ms``); a longer one is named on the metric's line."""
    if value is None:
        return "no data"
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if not unit or len(unit) > 3:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


@dataclass(frozen=True)
class KrEntry:
    """One KR of the board with everything the screen shows about it."""

    objective: ObjectiveRead
    kr: KeyResultRead
    figures: KrFigures
    delivered: int
    in_progress: int


class GoalsController:
    """What the Goals screen shows now, read through the store."""

    def __init__(self, store: "Store") -> None:
        self.store = store
        self.blocks: list[ObjectiveBlock] = []
        self.objectives: dict[int, ObjectiveRead] = {}
        self.entries: dict[int, KrEntry] = {}
        self.people: dict[int, PersonRead] = {}
        self.filter = OkrFilter()
        self.filter_text = ""
        self._codes: dict[int, str] = {}
        self._state: tuple = ()
        #: (id of a block or entry, hidden) -> (that block or entry, its row); emptied on each load
        self._made: dict[tuple[int, bool], tuple[object, OkrLine]] = {}
        self._current = False  # set by ``checked_in``: what the screen holds is the store's state

    # --- reading -------------------------------------------------------------------------------

    def load(self, today: date) -> bool:
        """Read the board again, unless nothing was written since the last read (the change log's
        newest id, today and the project shown are the same, or ``checked_in`` just brought it up to
        date: then the store is not even asked); True if it was read.  Raises StoreError if the store
        cannot answer."""
        if self._current and self._state and today == self._state[1]:
            self._current = False  # ``checked_in`` brought it up to date (and checked nobody else wrote)
            return False
        state = (self.store.last_change_id(), today, self.store.workspace.project_id())
        if state == self._state:
            return False
        self._state = state
        self.people = {p.id: p for p in self.store.workspace.people()}
        self.blocks = okr_board(self.store, state[2], today, people={p.id: p.name for p in self.people.values()})
        self.objectives = {block.objective.id: block.objective for block in self.blocks}
        self._codes: dict[int, str] = {}
        self._made = {}
        self.entries = {}
        for block in self.blocks:
            for row in block.rows:
                self.entries[row.kr.id] = KrEntry(block.objective, row.kr, row.figures, row.delivered,
                                                  row.in_progress)
        return True

    def checked_in(self, kr_id: int) -> None:
        """After this window's check-in on ``kr_id``: recompute that KR's row alone when the check-in's
        change row is the log's next after the one this screen read (nothing else was written since),
        so the next ``load`` has nothing to read; otherwise (another window wrote meanwhile, or the
        check-in changed nothing) ``load`` reads it all.  No read of the log: the store says which
        change its write made (``last_written``)."""
        written = self.store.last_written
        if not self._state or written is None or written != self._state[0] + 1 or kr_id not in self.entries:
            return
        old = self.entries[kr_id]
        owner = self.people.get(old.kr.owner_id) if old.kr.owner_id is not None else None
        # the KR and its objective are as read: the log moved by this check-in alone
        row = kr_row(self.store, kr_id, self._state[1], known=(old.kr, old.objective, owner.name if owner else ""),
                     cards=(old.delivered, old.in_progress))
        self.entries[kr_id] = KrEntry(old.objective, row.kr, row.figures, row.delivered, row.in_progress)
        block = next(block for block in self.blocks if block.objective.id == old.objective.id)
        for source in (old, block):  # their rows will be made again
            for hidden in (False, True):
                self._made.pop((id(source), hidden), None)
        self.blocks = [replace(b, rows=tuple(row if r.kr.id == kr_id else r for r in b.rows)) if b is block else b
                       for b in self.blocks]
        self._state = (written, *self._state[1:])
        self._current = True  # the next ``load`` need not ask the store again

    def handle(self, person_id: int | None) -> str:
        person = self.people.get(person_id) if person_id is not None else None
        return person.handle if person else ""

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self.filter = parse_okr_filter(text)

    def kr_count(self) -> int:
        return len(self.entries)

    # --- what the table shows ------------------------------------------------------------------

    def lines(self, presenting: bool) -> list[OkrLine]:
        """The objectives and their KRs, masked while presenting, filtered (an objective shows when
        one of its KRs does, or when its own words match: then with all its KRs)."""
        lines: list[OkrLine] = []
        for block in self.blocks:
            objective = block.objective
            hidden = presenting and objective.confidential
            head = self._shown_line(block, hidden)
            krs = [self._shown_line(self.entries[row.kr.id], hidden) for row in block.rows]
            if self.filter.active:
                person = self.people.get(objective.owner_id) if objective.owner_id else None
                whole = self.filter.matches(text=head.title, owner_handle=person.handle if person else "",
                                            owner_name=person.name if person else "")
                if not whole:
                    krs = [line for line in krs if self._matches(line)]
                    if not krs:
                        continue
            lines.append(head)
            lines.extend(krs)
        return lines

    def _shown_line(self, source: "ObjectiveBlock | KrEntry", hidden: bool) -> OkrLine:
        """The row of an objective's block or a KR's entry, made again only when that block or entry
        was replaced (a load replaces them all, a check-in its KR's and its objective's): redrawing
        after a check-in builds two rows, not 300."""
        key = (id(source), hidden)
        cached = self._made.get(key)
        if cached is None or cached[0] is not source:
            line = (self._objective_line(source, hidden) if isinstance(source, ObjectiveBlock)
                    else self._kr_line(source, hidden))
            cached = self._made[key] = (source, line)
        return cached[1]

    def _matches(self, line: OkrLine) -> bool:
        entry = self.entries[line.kr_id]  # type: ignore[index]
        person = self.people.get(entry.kr.owner_id) if entry.kr.owner_id else None
        return self.filter.matches(text=f"{line.code} {line.title} {line.detail}", owner_handle=line.owner,
                                   owner_name=person.name if person else "", module=line.module)

    def _objective_line(self, block: ObjectiveBlock, hidden: bool) -> OkrLine:
        objective: ObjectiveRead = block.objective
        period = f"to {objective.period_end:%d %b}" if objective.period_end else ""
        decided = [row.figures.achieved for row in block.rows if row.figures.achieved is not None]
        return OkrLine(key=f"o:{objective.id}", objective_id=objective.id, kr_id=None,
                       code=self.objective_code(objective), title=mask(objective.title) if hidden else objective.title,
                       detail=period, owner=self.handle(objective.owner_id),
                       achieved=all(decided) if decided else None, confidential=objective.confidential)

    @staticmethod
    def period(objective: ObjectiveRead) -> str:
        """"01 Oct 2026 – 31 Dec 2026", "from 01 Oct 2026", "until …", or "no period"."""
        start, end = objective.period_start, objective.period_end
        if start and end:
            return f"{start:%d %b %Y} – {end:%d %b %Y}"
        if start or end:
            return f"from {start:%d %b %Y}" if start else f"until {end:%d %b %Y}"
        return "no period"

    def objective_code(self, objective: ObjectiveRead) -> str:
        """"O1": what its KRs' codes start with (``O1-KR2``), else its place on the board."""
        block = next((b for b in self.blocks if b.objective.id == objective.id), None)
        prefixes = {row.kr.code.split("-")[0] for row in block.rows if "-" in row.kr.code} if block else set()
        if len(prefixes) == 1 and block is not None and all("-" in row.kr.code for row in block.rows):
            return prefixes.pop()
        if objective.id not in self._codes:  # no KR yet: the prefix its first KR's code will get
            self._codes[objective.id] = self.store.goals.suggest_code(objective.id).split("-")[0]
        return self._codes[objective.id]

    def _kr_line(self, entry: KrEntry, hidden: bool) -> OkrLine:
        kr, figures = entry.kr, entry.figures
        detail = " ".join(part for part in (kr.metric, f"({kr.unit})" if kr.unit else "",
                                            "↑ higher is better" if kr.direction == "higher" else "↓ lower is better")
                          if part)
        change = wow_text(figures.wow_pct)
        sign = 0
        if figures.wow_pct:
            sign = 1 if (figures.wow_pct > 0) == (kr.direction == "higher") else -1
        return OkrLine(
            key=f"k:{kr.id}", objective_id=kr.objective_id, kr_id=kr.id, code=kr.code,
            title=mask(kr.title) if hidden else kr.title, detail=mask(detail, short=True) if hidden else detail,
            owner=self.handle(kr.owner_id), module=kr.module,
            delivered=entry.delivered, in_progress=entry.in_progress,
            target=short_number(kr.target, kr.unit), baseline=short_number(kr.baseline, kr.unit),
            average=short_number(figures.avg7), days=figures.avg7_days,
            change=change, change_sign=sign, change_up=None if not figures.wow_pct else figures.wow_pct > 0, progress=figures.progress, spark=tuple(figures.spark),
            confidential=entry.objective.confidential,
        )

    def status(self, shown: int) -> str:
        objectives, krs = len(self.blocks), len(self.entries)
        text = (f"{objectives} objective{'s' if objectives != 1 else ''} · "
                f"{krs} key result{'s' if krs != 1 else ''}")
        if self.filter.active:
            text = f"{shown} of {krs} key results · filter: {self.filter_text.strip()}"
        return text

    # --- a KR's detail -------------------------------------------------------------------------

    def checkins(self, kr_id: int) -> list:
        return self.store.goals.checkins(kr_id)

    def investment(self, today: date, weeks: int) -> InvestmentView:
        """Team investment over the ``weeks`` weeks ending ``today``, one column per objective shown."""
        start, end = period(today, weeks)
        objectives = [(block.objective.id, self.objective_code(block.objective)) for block in self.blocks]
        try:
            figures = investment(self.store, start, end, self.store.workspace.project_id())
        except StoreError as error:
            return InvestmentView(f"Team investment · {start:%d %b} – {end:%d %b %Y}", ("Team",), [],
                                  f"Not read: {error.message}")
        return investment_view(figures, objectives, start, end)

    def value_on(self, kr_id: int, day: date) -> float | None:
        """The value the KR has on ``day`` (the check-in bar says when it would be replaced): that
        one day read, not a year of check-ins."""
        return self.store.goals.daily_values([kr_id], since=day, until=day).get(kr_id, {}).get(day)

    def detail(self, kr_id: int, presenting: bool) -> KrDetail:
        """Everything the detail dialog shows about a KR, masked while presenting."""
        entry = self.entries[kr_id]
        # the board reads this month's actual only; the detail shows every month with a target
        entry = KrEntry(entry.objective, entry.kr, kr_row(self.store, kr_id, self._state[1], all_months=True).figures,
                        entry.delivered, entry.in_progress)
        kr, figures, objective = entry.kr, entry.figures, entry.objective
        hidden = presenting and objective.confidential
        line = self._kr_line(entry, hidden)
        stages = {s.id: s.name for s in self.store.workspace.stages()}
        ids = self.store.kr_links.linked_item_ids(kr_id)
        rows = self.store.items.board_rows(ids) if ids else []
        cards = [(f"#{row.id}", shown(row.title, row.confidential or hidden, presenting),
                  stages.get(row.stage_id, "another project")) for row in rows]
        monthly = []
        for month_figure in figures.monthly:
            month, target, actual = month_figure.month, month_figure.target, month_figure.actual
            mark = ""
            if target is not None and actual is not None:
                met = actual >= target if kr.direction == "higher" else actual <= target
                mark = "✓ met" if met else "✗ below" if kr.direction == "higher" else "✗ above"
            monthly.append((month, number(target, kr.unit), number(actual, kr.unit) if actual is not None
                            else "no data", mark))
        checkins = [(f"{c.day:%a %d %b %Y}", number(c.value, kr.unit), mask(c.note) if hidden else c.note)
                    for c in reversed(self.checkins(kr_id))]
        owner = self.handle(kr.owner_id)
        heading = " · ".join(part for part in (f"@{owner}" if owner else "no owner", kr.module or "no module",
                                               line.detail) if part)
        progress = progress_text(figures.progress)
        figure_list = [("Baseline", number(kr.baseline, kr.unit)), ("Target", number(kr.target, kr.unit)),
                       ("7-day average", avg7_text(figures, kr.unit)),
                       ("Week over week", line.change), ("Progress", progress),
                       ("Cards", f"{entry.delivered} delivered, {entry.in_progress} in progress")]
        objective_title = mask(objective.title) if hidden else objective.title
        return KrDetail(code=kr.code, title=line.title, objective=f"{self.objective_code(objective)} {objective_title}",
                        heading=heading, figures=figure_list, monthly=monthly, cards=cards, checkins=checkins)
