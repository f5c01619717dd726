"""OKR files: metric check-ins read from CSV (``cockpit import metrics``) and the OKR board written as
a Markdown or CSV table (``cockpit export okr``).  Pure: text in, values out.

*Metrics CSV.*  Columns: KR code, date, value and an optional note, with or without a header row
(``kr,date,value,note``); ``,`` ``;`` or tab separated.  Dates as the date fields read them
(``cockpit.logic.dates``: ``2026-11-20``, ``-1d``, ``today``...).  A value may use a decimal comma.
The whole file is checked first: the first bad row is named with its field (``row 3, value: 'abc' is
not a number``) and nothing is imported.
"""

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from cockpit.logic.csv_text import read_rows
from cockpit.logic.dates import DateError, parse_due
from cockpit.logic.files import neutralise, unneutralise
from cockpit.logic.markdown import md_escape
from cockpit.logic.okr import (
    ObjectiveBlock,
    achieved_text,
    avg7_text,
    number,
    progress_text,
    wow_text,
)

HEADER_WORDS = frozenset({"kr", "code", "kr code", "kr_code", "key result"})
MAX_NOTE = 500


class MetricsError(ValueError):
    """A metrics file that cannot be imported; the message names the row and the field."""


@dataclass(frozen=True)
class MetricRow:
    row: int  # the line's number in the file (the header is row 1)
    kr_id: int
    code: str
    day: date
    value: float
    note: str = ""


def parse_value(text: str) -> float:
    """A number as typed in a sheet: ``12.5``, ``12,5`` (decimal comma), ``1 234``; ValueError otherwise."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in raw and "." not in raw and raw.count(",") == 1:
        raw = raw.replace(",", ".")
    value = float(raw)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse_metrics(text: str, codes: Mapping[str, int], today: date) -> list[MetricRow]:
    """The check-ins of a metrics CSV; ``codes``: KR code (upper case) -> id.  MetricsError names the
    first bad row and field; an empty file is an error too."""
    try:
        rows = read_rows(text)
    except csv.Error as exc:
        raise MetricsError(f"not a readable CSV file ({exc})") from None
    result: list[MetricRow] = []
    for number_, cells in enumerate(rows, start=1):
        cells = [unneutralise(cell).strip() for cell in cells]
        if not any(cells):
            continue
        if number_ == 1 and cells[0].lower() in HEADER_WORDS:
            continue
        if len(cells) < 3:
            raise MetricsError(f"row {number_}: expected kr code, date, value[, note]; found {len(cells)} "
                               f"{'field' if len(cells) == 1 else 'fields'}")
        if len(cells) > 4:
            raise MetricsError(f"row {number_}: expected at most 4 fields (kr code, date, value, note); "
                               f"found {len(cells)}")
        code, when, raw = cells[0].upper(), cells[1], cells[2]
        if code not in codes:
            raise MetricsError(f"row {number_}, kr: no key result {cells[0]!r}")
        try:
            day = parse_due(when, today)
        except DateError as exc:
            raise MetricsError(f"row {number_}, date: {exc}") from None
        if day is None:
            raise MetricsError(f"row {number_}, date: missing")
        try:
            value = parse_value(raw)
        except ValueError:
            raise MetricsError(f"row {number_}, value: {raw!r} is not a number") from None
        note = cells[3] if len(cells) > 3 else ""
        if len(note) > MAX_NOTE:
            raise MetricsError(f"row {number_}, note: longer than {MAX_NOTE} characters")
        result.append(MetricRow(number_, codes[code], code, day, value, note))
    if not result:
        raise MetricsError("no check-ins in the file (expected rows of kr code, date, value[, note])")
    return result


# --- the OKR board as a table ----------------------------------------------------------------------

CSV_COLUMNS = ("objective", "code", "key_result", "owner", "module", "metric", "unit", "direction", "baseline",
               "target", "avg7", "avg7_days", "wow_pct", "progress_pct", "latest", "latest_day", "delivered",
               "in_progress", "achieved")
MASK = "(confidential)"


def _plain(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"


def to_csv(blocks: Iterable[ObjectiveBlock]) -> str:
    """One row per KR; numbers plain (empty when there is no data), text cells neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for block in blocks:
        for row in block.rows:
            kr, f = row.kr, row.figures
            writer.writerow([
                neutralise(block.objective.title), neutralise(kr.code), neutralise(kr.title), neutralise(row.owner),
                neutralise(kr.module), neutralise(kr.metric), neutralise(kr.unit), kr.direction,
                _plain(kr.baseline), _plain(kr.target), _plain(f.avg7), f.avg7_days, _plain(f.wow_pct),
                _plain(None if f.progress is None else f.progress * 100), _plain(f.latest),
                f.latest_day.isoformat() if f.latest_day else "", row.delivered, row.in_progress,
                "" if f.achieved is None else ("yes" if f.achieved else "no"),
            ])
    return buffer.getvalue()


def to_markdown(blocks: Iterable[ObjectiveBlock], today: date, title: str = "OKR board",
                *, masked: bool = False) -> str:
    """The board as a Markdown section a PM pastes into a weekly report: per objective, a table of its
    KRs.  ``masked``: confidential objectives' words (and their KRs' titles) are replaced."""
    lines = [f"## {md_escape(title)} — {today:%d %b %Y}", ""]
    blocks = list(blocks)
    if not blocks:
        lines += ["No objectives yet.", ""]
    for block in blocks:
        hidden = masked and block.objective.confidential
        heading = MASK if hidden else md_escape(block.objective.title)
        period = ""
        if block.objective.period_start or block.objective.period_end:
            start = block.objective.period_start.isoformat() if block.objective.period_start else "…"
            end = block.objective.period_end.isoformat() if block.objective.period_end else "…"
            period = f" ({start} → {end})"
        owner = f" · {md_escape(block.owner)}" if block.owner else ""
        lines += [f"### {heading}{period}{owner}", ""]
        if not block.rows:
            lines += ["No key results yet.", ""]
            continue
        lines += ["| KR | Key result | Owner | Delivered / in progress | Baseline | Target | 7-day avg | "
                  "Week over week | Progress | Achieved |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for row in block.rows:
            kr, f = row.kr, row.figures
            name = MASK if hidden else md_escape(kr.title)
            arrow = "↓" if kr.direction == "lower" else "↑"
            lines.append(
                f"| {md_escape(kr.code)} | {name} {arrow} | {md_escape(row.owner) or '—'} | "
                f"{row.delivered} / {row.in_progress} | {md_escape(number(kr.baseline, kr.unit))} | "
                f"{md_escape(number(kr.target, kr.unit))} | {md_escape(avg7_text(f, kr.unit))} | "
                f"{wow_text(f.wow_pct)} | {progress_text(f.progress)} | {achieved_text(f.achieved)} |")
        lines.append("")
    return "\n".join(lines)


__all__ = ["CSV_COLUMNS", "MetricRow", "MetricsError", "parse_metrics", "parse_value", "to_csv", "to_markdown"]
