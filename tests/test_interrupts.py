"""Issue 22 (4): Ctrl+C at any moment, start-up and shutdown included: one Indonesian line at
most, exit 130 (or 0 when everything was written), never a traceback.

Random moments: a third in the first 0.3 s, a third 0-0.1 s after the last line the command
prints (the command returning, Python shutting down), a third anywhere in the run. 6 moments
of `zidoc validate` in the default run; with CI=1, 200 moments of `zidoc build` (the figure in
benchmarks/RESULTS.md comes from `python tests/interrupts.py 200`).

A Ctrl+C in the interpreter's own start-up, before any of zidoc's code runs (the site module,
runpy looking for the zidoc package: some 20-40 ms after the command starts), is Python's and
no code of zidoc's can catch it; such runs are counted apart (`Run.before_zidoc`), never
hidden: each is printed."""
from __future__ import annotations

import os
import sys
import time

import pytest
from interrupts import after, run_moments
from xlsx_edit import example_bytes

CI = bool(os.environ.get("CI"))
pytestmark = pytest.mark.skipif(sys.platform == "win32",
                                reason="process groups and SIGINT are POSIX")


def _check(runs) -> None:
    for run in runs:
        if run.before_zidoc:
            print(f"interpreter start-up ({run.moment}): {run.stderr.splitlines()[-1:]}")
            continue
        assert not run.traceback, f"{run.moment}: {run.stderr}"
        assert run.code in (0, 130, -2), f"{run.moment}: exit {run.code}: {run.stderr}"
        assert len(run.lines) <= 1, f"{run.moment}: {run.stderr}"
        if run.code == 130:
            assert run.lines and run.lines[0].startswith("Dihentikan (Ctrl+C)"), run.stderr
    print(f"{len(runs)} runs: exit codes {sorted(r.code for r in runs)}")


def test_ctrl_c_at_random_moments(workspace):
    (workspace / "contoh.xlsx").write_bytes(example_bytes())
    if CI:
        args, last, count = ["build", "contoh.xlsx"], "sumber-contoh.xlsx", 200
    else:
        args, last, count = ["validate", "contoh.xlsx"], "tidak ada kesalahan", 6
    started = time.perf_counter()
    whole = after(args, workspace, 600)  # no Ctrl+C: how long the command takes here
    duration = time.perf_counter() - started
    assert whole.code == 0 and last in whole.stdout, whole.stderr
    runs = run_moments(args, workspace, last, count, duration)
    _check(runs)

