"""Issue 15's figures in one run: the real-terminal, meetings, imports and team-mode benches one after
the other, and one table of what they measured against the goals, with the load at each step.

    python bench/summary.py [--keep DIR] [--sizes 100,5000,50000] [--pg postgresql://...] [--quick]

Each bench runs as its own process (``python bench/NAME.py ...``, the command is printed in the table)
and its last line of JSON is read.  ``--keep`` is handed to bench/terminal.py (its workspaces are built
there once and reused: a 50,000-card one takes a few minutes to build); ``--pg`` adds the team-mode
bench on that PostgreSQL server (without it that row says "not run"); ``--quick`` takes fewer keys and
starts (for a try, not for the docs).  The table is Markdown, ready for docs/performance.md; the last
line is one JSON object with every bench's figures.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> tuple[dict, str]:
    """Run one bench, echo its output, return its last JSON line and the load average before → after."""
    before = os.getloadavg()[0]
    command = [sys.executable, *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    sys.stderr.write(done.stdout + done.stderr)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
    last = done.stdout.strip().splitlines()[-1]
    return json.loads(last), f"{before:.1f} → {os.getloadavg()[0]:.1f}"


def import_profile() -> tuple[float, int]:
    """``python -X importtime`` of what the first frame needs: seconds in all, modules loaded."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import cockpit.cli, cockpit.app"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    rows = [line.split("|") for line in done.stderr.splitlines() if line.startswith("import time:")][1:]
    top = [int(row[1]) for row in rows if not row[2].startswith("  ")]  # cumulative µs of top-level imports
    return sum(top) / 1e6, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="folder for bench/terminal.py's workspaces (built once, reused)")
    parser.add_argument("--sizes", default="100,5000,50000")
    parser.add_argument("--pg", help="a PostgreSQL server for the team-mode bench")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs, keys = ("1", "5") if args.quick else ("3", "20")
    terminal_cmd = ["bench/terminal.py", "--sizes", args.sizes, "--runs", runs, "--keys", keys]
    terminal_cmd += ["--keep", args.keep] if args.keep else []
    term, term_load = run(terminal_cmd)
    seconds, modules = import_profile()
    meet, meet_load = run(["bench/meetings.py", "200", "2000"])
    imp, imp_load = run(["bench/imports.py", "--ics", "2000,20000", "--risks", "5000", "--rounds", "1"])
    team, team_load = run(["bench/teamlive.py", args.pg]) if args.pg else ({}, "")
    big = max(int(size) for size in args.sizes.split(","))
    shown = " ".join(terminal_cmd)
    rows = [
        ("first frame / floor", "≤ 1.2", f"{term['frame_ratio']} ({term['frame_ms']:.0f} / {term['floor_ms']:.0f} ms)",
         shown, term_load),
        *[(f"board ready / floor, {size} cards", "≤ 2" if size != "100" else "",
           f"{term[f'ready_ratio_{size}']} ({term[f'ready_ms_{size}']:.0f} ms)", shown, term_load)
          for size in args.sizes.split(",")],
        *[(f"{kind} key at {term['key_cards']} cards: median (p95/median)", goal,
           f"{term[f'{kind}_ms']} ms ({term[f'{kind}_p95_ratio']})", shown, term_load)
          for kind, goal in (("cursor", "≤ 20 ms (≤ 2)"), ("move", "≤ 40 ms (≤ 2)"), ("dialog", "≤ 50 ms (≤ 2)"))],
        *[(f"{kind} key: bytes (max) + late bytes", goal,
           f"{term[f'{kind}_bytes']:.0f} ({term[f'{kind}_max_bytes']}) + {term[f'{kind}_late_bytes']:.0f}", shown,
           term_load)
          for kind, goal in (("cursor", "≤ 2 KB"), ("move", "the columns touched"), ("dialog", "≤ one screen"),
                             ("close", "≤ one screen"))],
        (f"RSS at {big} cards", "≤ 150 MB", f"{term[f'rss_mb_{big}']} MB", shown, term_load),
        ("imports before the first frame", "only what it needs", f"{seconds:.2f} s, {modules} modules",
         "python -X importtime -c 'import cockpit.cli, cockpit.app'", ""),
        ("retro metrics 2,000 / 200 cards", "≤ 1.5", f"{meet['metrics_ratio']} ({meet['metrics_ms_2000']} ms)",
         "bench/meetings.py 200 2000", meet_load),
        ("minutes 2,000 / 200 cards", "≤ 1.5", f"{meet['minutes_ratio']} ({meet['minutes_ms_2000']} ms)",
         "bench/meetings.py 200 2000", meet_load),
        *[(f".ics import, {n} events: ms per event", "≤ 0.5", str(imp[f"ics_{n}_ms_per_row"]),
           "bench/imports.py --ics 2000,20000 --risks 5000 --rounds 1", imp_load) for n in (2000, 20000)],
        ("risk CSV import, 5,000 rows: ms per row", "≤ 0.3", str(imp["risks_5000_ms_per_row"]),
         "bench/imports.py --ics 2000,20000 --risks 5000 --rounds 1", imp_load),
        ("team mode, 50 windows: a change reaches all (p95)", "< 500 ms",
         f"{team['reach_all_p95_ms']} ms" if team else "not run (no --pg)", "bench/teamlive.py URL", team_load),
        ("team mode: idle transactions per window per minute", "near 0",
         str(team["idle_xacts_per_window_minute"]) if team else "not run", "bench/teamlive.py URL", team_load),
    ]
    print("| figure | goal | measured | command | load (before → after) |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(json.dumps({"terminal": term, "import_seconds": round(seconds, 2), "import_modules": modules,
                      "meetings": meet, "imports": imp, "team": team}))


if __name__ == "__main__":
    main()
