"""How loaded this machine is, printed beside every figure (shared by the benchmarks)."""

import time


def calibration_ms() -> float:
    """A fixed pure-Python loop (about 40 ms on an idle laptop): shows how loaded this machine is."""
    started = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i
    return (time.perf_counter() - started) * 1000
