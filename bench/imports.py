"""Import timings: an .ics file of N events and a risk CSV of N rows, each read, checked and written
in its one transaction (all or nothing), as ``cockpit import ics`` / ``cockpit import risks`` do.

Run: python bench/imports.py [--ics 2000,20000] [--risks 5000] [--rounds 3] [--floor]

``--floor`` also times icalendar's ``Calendar.from_ical`` alone on each .ics file (rows "ical"): the
part of an import no change in Cockpit can shorten.

Each size runs on a fresh workspace in a SQLite file (a file, as a user's workspace is: in-memory
SQLite hides the cost of the journal), ``rounds`` times; the median and the best are printed in
milliseconds in total and per row, with the load average and the calibration loop of
bench/calibration.py, then a last line of JSON.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calibration import calibration_ms  # noqa: E402  (bench/ is on the path when run as a script)
from cockpit.db.engine import make_engine  # noqa: E402
from cockpit.db.migrate import upgrade  # noqa: E402
from cockpit.db.store import Store  # noqa: E402
from cockpit.services.calendar_files import import_calendar  # noqa: E402

START = date(2026, 1, 5)


def ics_text(count: int) -> str:
    """An .ics file of ``count`` one-hour events with UIDs, spread over two years."""
    rng = random.Random(count)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//cockpit//EN"]
    for number in range(count):
        start = datetime.combine(START + timedelta(days=rng.randint(0, 730)), datetime.min.time()) + timedelta(
            hours=rng.randint(8, 17))
        end = start + timedelta(hours=1)
        lines += ["BEGIN:VEVENT", f"UID:bench-{count}-{number}@example.org", f"SUMMARY:Event {number}",
                  f"DTSTART:{start:%Y%m%dT%H%M%S}", f"DTEND:{end:%Y%m%dT%H%M%S}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def risk_csv(count: int) -> str:
    rng = random.Random(count)
    rows = ["title,probability,impact,status,next_review"]
    for number in range(count):
        review = START + timedelta(days=rng.randint(0, 60))
        rows.append(f"Risk {number},{rng.randint(1, 5)},{rng.randint(1, 5)},open,{review.isoformat()}")
    return "\r\n".join(rows) + "\r\n"


def fresh_store(folder: Path, name: str) -> Store:
    engine = make_engine(f"sqlite:///{folder / name}")
    upgrade(engine)
    store = Store(engine, actor="bench")
    store.workspace.setup_defaults("Bench")
    return store


def time_ics(folder: Path, count: int, round_: int) -> float:
    path = folder / f"events-{count}.ics"
    if not path.exists():
        path.write_text(ics_text(count), encoding="utf-8")
    store = fresh_store(folder, f"ics-{count}-{round_}.db")
    start = time.perf_counter()
    added, skipped, _ignored = import_calendar(store, path)
    elapsed = time.perf_counter() - start
    assert (added, skipped) == (count, 0), (added, skipped)
    return elapsed


def time_floor(folder: Path, count: int, _round: int) -> float:
    """icalendar's parsing of the same file, nothing else (the collector held, as the import does)."""
    import gc

    from icalendar import Calendar

    path = folder / f"events-{count}.ics"
    if not path.exists():
        path.write_text(ics_text(count), encoding="utf-8")
    text = path.read_bytes().decode("utf-8")
    gc.disable()
    try:
        start = time.perf_counter()
        Calendar.from_ical(text)
        return time.perf_counter() - start
    finally:
        gc.enable()


def time_risks(folder: Path, count: int, round_: int) -> float:
    from cockpit.logic.risk_csv import parse_csv
    from cockpit.services.files import read_text

    path = folder / f"risks-{count}.csv"
    if not path.exists():
        path.write_text(risk_csv(count), encoding="utf-8")
    store = fresh_store(folder, f"risks-{count}-{round_}.db")
    start = time.perf_counter()
    parsed = parse_csv(read_text(path), store.workspace.people(), set())
    assert not parsed.errors, parsed.errors[:3]
    ids = store.risks.import_many(parsed.risks, label=f"import risks from {path.name}")
    elapsed = time.perf_counter() - start
    assert len(ids) == count
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ics", default="2000,20000", help="event counts, comma separated")
    parser.add_argument("--risks", default="5000", help="row counts, comma separated")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--floor", action="store_true", help="also time icalendar's parsing alone")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}, calibration {calibration_ms():.0f} ms")
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jobs = [("ics", int(n), time_ics) for n in args.ics.split(",") if n] + \
               [("risks", int(n), time_risks) for n in args.risks.split(",") if n]
        if args.floor:
            jobs += [("ical", int(n), time_floor) for n in args.ics.split(",") if n]
        print(f"{'import':<8}{'rows':>8}{'median ms':>12}{'best ms':>10}{'ms/row':>9}")
        for kind, count, run in jobs:
            times = [run(folder, count, round_) for round_ in range(args.rounds)]
            median = statistics.median(times)
            print(f"{kind:<8}{count:>8}{median * 1000:>12.0f}{min(times) * 1000:>10.0f}"
                  f"{median * 1000 / count:>9.3f}")
            result[f"{kind}_{count}_ms_per_row"] = round(median * 1000 / count, 4)
    result["load"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
