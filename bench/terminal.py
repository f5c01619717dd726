"""Real-terminal benchmark: how soon does a key show on screen, through a pseudo-terminal?

    python bench/terminal.py [--sizes 100,5000,50000] [--runs 3] [--keys 20] [--keep DIR]

Runs ``python -m cockpit --db FILE`` (this repository's code) under a pseudo-terminal of 160x48
(TERM=xterm-256color, COLUMNS/LINES and the window size set by ioctl; no tmux), reads everything it
writes with a select loop on the master side and feeds it to a VT emulator (pyte) to see what is on
screen. Keys are written as the bytes a terminal sends (``j``, ``J``, ``H``, ``L``, ``ESC [ B``...).
A key is timed from its bytes written to the last byte of the screen update (the output then quiet for
30 ms), and the bytes read in between are counted. A minimal Textual app (one Static) is run the same
way in the same run: its first frame is the floor.  The pseudo-terminal itself: ``bench/pty_term.py``.

- frame: spawn -> the first burst of output that paints something, settled;
- ready: spawn -> the first update whose board (the lines between the title and the detail bar) is the
  board as it stays once the process is idle (the workspace open): a partial board does not count;
- cursor: ``j`` ``k`` ``down`` ``up`` ``l`` ``h`` in turn (the cursor comes back where it was);
- move: a saved change: reorder ``J`` / ``K`` in turn, and a card moved to the previous stage ``H``
  (into "Pending review": no gate, no WIP limit; each after an untimed ``l``); undo ``u`` puts them back;
- dialog: ``L`` on a card of "Pending review" opens the first dialog of a move into "Pending
  development": the question of a blocked card, else of a full column (it is over its WIP limit),
  else the gate checklist;
  timed to the update that puts its title on screen (it comes after a quiet gap of its own);
  ``escape`` closes it ("close"; Textual waits a moment to tell a lone ESC from a sequence: that is in it);
- rss: the cockpit process's peak resident memory (VmHWM) at the end.

Each cockpit start follows a floor start (in turn: the same moment's machine).  A new home asks
"which person are you?" once: the bench skips it (escape) in a first, untimed start.
Keys are sent only once the board is ready, the output quiet and the process idle (its CPU time not
advancing), and each waits for that before the next; what the process writes after the 30 ms of quiet
and before it falls idle is counted apart as the key's "late bytes" (an update that came in bursts).
A key is never timed across the moment a toast (a notification of an earlier key) expires. It prints
a table and, as its LAST line, one JSON object.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import board  # bench/ is on the path when run as a script (the workspace builder)
from pty_term import COLS, ROOT, ROWS, Term

#: The titles of the first dialog ``L`` opens: the gate's checklist, or before it the question of a
#: full column ("Pending development" is over its WIP limit of 8 at 100 cards and more), or before
#: that the question of a blocked card (the workspace blocks one card in 50, the first one among them).
DIALOGS = ("Gate: entering", "is full", "is blocked")
KEY_CARD = 5000  # the per-key goals are set at this size
SAMPLES: Path | None = None  # --samples FILE: each timed key appended as one JSON line
FLOOR_APP = '''from textual.app import App, ComposeResult
from textual.widgets import Static


class Floor(App):
    def compose(self) -> ComposeResult:
        yield Static("floor: one static")


Floor().run()
'''
DOWN, UP, ESC = b"\x1b[B", b"\x1b[A", b"\x1b"


# --- what is measured ----------------------------------------------------------------------------


def _env(home: Path) -> dict:
    """The children's environment.  Bytecode is written (the warm-up runs write it) whatever the caller's
    shell says: an installed cockpit has its .pyc files, and the floor's Textual has them in site-packages;
    compiling the checkout's sources on every start would be charged to cockpit's first frame alone."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPATH": str(ROOT), "COCKPIT_HOME": str(home)}


def painted(term: Term) -> bool:
    return any(line.strip() for line in term.screen.display)


def board_area(term: Term) -> list[str]:
    """The board's lines: under the title line, above the detail bar and the footer."""
    return term.screen.display[1:ROWS - 3]


def spawn_floor(app: Path, home: Path) -> float:
    term = Term([sys.executable, str(app)], _env(home))
    try:
        return term.until(lambda t: "floor: one static" in t.text())
    finally:
        term.close()


def spawn_cockpit(db: Path, home: Path) -> Term:
    """Started and timed: ``frame_ms`` the first update that paints; ``ready_ms`` the first whose board
    (every column's cards, counts and edge lines) is the board as it stays once the workspace is open
    and the process idle: a partial board first (a card per column, wrong counts) is not ready."""
    term = Term([sys.executable, "-m", "cockpit", "--db", str(db)], _env(home))
    term.frame_ms = term.until(painted)
    shown = [(term.frame_ms, board_area(term))]
    term.idle(window=0.3, timeout=60,  # every update until the database layer is loaded
              seen=lambda: shown.append(((term.last_byte - term.started) * 1000, board_area(term))))
    term.ready_ms = next(ms for ms, area in shown if area == shown[-1][1])
    return term


def timed(term: Term, keys: list[bytes], kind: str, out: dict, toast: bool = False, done=None) -> None:  # noqa: ANN001
    for data in keys:
        ms, sent, late = term.key(data, toast=toast, done=done)
        if ms == ms:  # not NaN: the key changed the screen (as ``done`` expects)
            out.setdefault(kind, []).append((ms, sent, late))
        if SAMPLES:  # --samples: every key's figures, one JSON line each
            with open(SAMPLES, "a") as log:
                log.write(json.dumps({"kind": kind, "key": data.decode(errors="replace"), "ms": round(ms, 2),
                                      "bytes": sent, "late": late, "at": round(time.perf_counter() - term.started, 3)}) + "\n")


def interact(term: Term, cards: int, keys: int) -> dict:
    """The per-key figures on a board that is ready (cursor on the first card of the first column)."""
    term.idle(window=0.2, timeout=15)  # the database layer loads after the board is on screen
    out: dict[str, list[tuple[float, int, int]]] = {}
    timed(term, [[b"j", b"k", DOWN, UP, b"l", b"h"][i % 6] for i in range(keys)], "cursor", out)
    timed(term, [[b"J", b"K"][i % 2] for i in range(keys)], "reorder", out)
    stage_moves = max(min(keys, cards // 6 - 2), 1)
    for _ in range(stage_moves):
        term.key(b"l")  # untimed: onto a card of "Pending development"
        timed(term, [b"H"], "stage", out)
    timed(term, [b"u"] * stage_moves, "undo", out, toast=True)
    for _ in range(2):
        term.key(b"h")  # untimed: back to "Pending review"
    for _ in range(max(keys // 2, 1)):
        timed(term, [b"L"], "dialog", out, done=lambda t: any(title in t.text() for title in DIALOGS))
        timed(term, [ESC], "close", out, toast=True, done=lambda t: not any(title in t.text() for title in DIALOGS))
    out["move"] = out.get("reorder", []) + out.get("stage", [])
    return out


def summary(samples: list[tuple[float, int, int]]) -> dict:
    if not samples:
        return {"n": 0, "ms": float("nan"), "p95": float("nan"), "bytes": 0, "max_bytes": 0, "late": 0}
    times = sorted(ms for ms, _, _ in samples)
    return {"n": len(samples), "ms": statistics.median(times), "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "bytes": statistics.median(sent for _, sent, _ in samples), "max_bytes": max(sent for _, sent, _ in samples),
            "late": statistics.median(late for _, _, late in samples)}


def measure(sizes: list[int], runs: int, keys: int, folder: Path) -> dict:
    load_start = os.getloadavg()
    home = Path(tempfile.mkdtemp(prefix="bench-term-home-"))
    floor_app = home / "floor_app.py"
    floor_app.write_text(FLOOR_APP)
    dbs = {}
    for count in sizes:
        dbs[count] = folder / f"board-{count}.db"
        if not dbs[count].exists():
            built = time.perf_counter()
            board.build(dbs[count], count)
            print(f"built {count} cards in {time.perf_counter() - built:.1f} s", file=sys.stderr)
    spawn_floor(floor_app, home)  # warm the file cache and the .pyc files
    floors, per_size = [], {}
    for count in sizes:
        warm = spawn_cockpit(dbs[count], home)
        if "Not me" in warm.text():  # a new home asks "which person are you?" once: skipped (escape)
            warm.key(ESC, done=lambda t: "Not me" not in t.text())
        warm.close()
        starts, paired, work, rss = [], [], {}, float("nan")
        for run in range(runs):
            floors.append(spawn_floor(floor_app, home))  # in turn with the cockpit: the same moment's machine
            term = spawn_cockpit(dbs[count], home)
            try:
                starts.append((term.frame_ms, term.ready_ms))
                paired.append((term.frame_ms / floors[-1], term.ready_ms / floors[-1]))
                if run == runs - 1 and keys:
                    work = {kind: summary(samples) for kind, samples in interact(term, count, keys).items()}
                rss = term.rss_mb()
            finally:
                term.close()
        per_size[count] = {"frame": statistics.median(f for f, _ in starts), "ready": statistics.median(r for _, r in starts),
                           "frame_paired": statistics.median(f for f, _ in paired),
                           "ready_paired": statistics.median(r for _, r in paired), "rss": rss, "work": work}
    return {"floor": statistics.median(floors), "sizes": per_size, "load_start": load_start, "load_end": os.getloadavg()}


def report(result: dict, keys: int) -> dict:
    floor, sizes = result["floor"], result["sizes"]
    load = lambda avg: " ".join(f"{x:.2f}" for x in avg)  # noqa: E731
    print(f"load average at start {load(result['load_start'])}, at end {load(result['load_end'])} on {os.cpu_count()} CPUs; "
          f"terminal {COLS}x{ROWS} (a full screen is {COLS * ROWS} cells)")
    print(f"floor (minimal Textual app, first frame): {floor:.0f} ms")
    print("/floor: the median over the run's floor starts; paired: the median of each start against the floor "
          "start just before it (the same moment's machine)")
    print(f"{'cards':>6} {'frame ms':>9} {'/floor':>7} {'paired':>7} {'ready ms':>9} {'/floor':>7} {'paired':>7} {'RSS MB':>7}")
    for count, size in sizes.items():
        print(f"{count:>6} {size['frame']:>9.0f} {size['frame'] / floor:>7.2f} {size['frame_paired']:>7.2f} "
              f"{size['ready']:>9.0f} {size['ready'] / floor:>7.2f} {size['ready_paired']:>7.2f} {size['rss']:>7.1f}")
    print(f"{'cards':>6} {'key':>8} {'n':>3} {'median ms':>10} {'p95 ms':>7} {'p95/med':>8} {'bytes':>7} {'max bytes':>10} {'late bytes':>11}")
    for count, size in sizes.items():
        for kind in ("cursor", "reorder", "stage", "move", "undo", "dialog", "close"):
            row = size["work"].get(kind)
            if row:
                print(f"{count:>6} {kind:>8} {row['n']:>3} {row['ms']:>10.1f} {row['p95']:>7.1f} {row['p95'] / row['ms']:>8.2f} "
                      f"{row['bytes']:>7.0f} {row['max_bytes']:>10} {row['late']:>11.0f}")
    key_size = KEY_CARD if KEY_CARD in sizes else max(sizes)
    work = sizes[key_size]["work"]
    frame = statistics.median(size["frame"] for size in sizes.values())
    out = {"frame_ms": round(frame, 1), "floor_ms": round(floor, 1), "frame_ratio": round(frame / floor, 2),
           "frame_ratio_paired": round(statistics.median(size["frame_paired"] for size in sizes.values()), 2)}
    for count, size in sizes.items():
        out[f"ready_ms_{count}"] = round(size["ready"], 1)
        out[f"ready_ratio_{count}"] = round(size["ready"] / floor, 2)
        out[f"ready_ratio_paired_{count}"] = round(size["ready_paired"], 2)
        out[f"rss_mb_{count}"] = round(size["rss"], 1)
    out["key_cards"] = key_size
    for kind in ("cursor", "move", "dialog", "undo", "close"):
        row = work.get(kind) or summary([])
        out[f"{kind}_ms"] = round(row["ms"], 1)
        out[f"{kind}_p95_ms"] = round(row["p95"], 1)
        out[f"{kind}_p95_ratio"] = round(row["p95"] / row["ms"], 2) if row["n"] else float("nan")
        out[f"{kind}_bytes"] = row["bytes"]
        out[f"{kind}_max_bytes"] = row["max_bytes"]
        out[f"{kind}_late_bytes"] = row["late"]
    out["load_start"] = [round(x, 2) for x in result["load_start"]]
    out["load_end"] = [round(x, 2) for x in result["load_end"]]
    return {key: None if value != value else value for key, value in out.items()}  # NaN (not measured) is no JSON


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,5000,50000", help="workspace sizes in cards, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="process starts per size (median)")
    parser.add_argument("--keys", type=int, default=20, help="keys of each kind (median and p95)")
    parser.add_argument("--keep", type=Path, help="build the workspaces in this folder (reused if there)")
    parser.add_argument("--samples", type=Path, help="append each timed key's figures to this file (JSON lines)")
    args = parser.parse_args(argv)
    global SAMPLES
    SAMPLES = args.samples
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-term-"))
    folder.mkdir(parents=True, exist_ok=True)
    out = report(measure(sizes, max(args.runs, 1), args.keys, folder), args.keys)
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
