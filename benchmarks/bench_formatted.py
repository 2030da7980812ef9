"""Issue 22 (2): a workbook formatted as offices format it, down to row 1,048,576 on three
sheets (Narasi bordered, Tim formatted by whole rows, RencanaAksi filled with a date format;
conditional formatting and data validation on whole columns: tests/formatted.py), built by
`zidoc build` as a real process, side by side with the plain example (the baseline), runs
alternating. Each run reports its own wall time and peak memory (VmHWM, this process alone).

    python benchmarks/bench_formatted.py [runs]      # from the repository root (default 3)
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "pipeline"), str(REPO / "tests")]

from formatted import LAST_ROW, formatted_workbook  # noqa: E402
from test_formatted_workbooks import _MEASURED  # noqa: E402
from xlsx_edit import example_copy  # noqa: E402


def measured(workbook: Path, folder: Path, out: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO / "pipeline"), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-c", _MEASURED, "build", str(workbook), "--out",
                           str(folder / out)], cwd=folder, env=env, capture_output=True,
                          text=True, check=False)
    result = json.loads(done.stderr.rsplit("UKUR ", 1)[1])
    assert result["code"] == 0, done.stderr
    shutil.rmtree(folder / out)
    return result


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copy(REPO / "config.toml", folder / "config.toml")
        shutil.copytree(REPO / "templates" / "docx", folder / "templates" / "docx")
        plain = example_copy(folder / "contoh.xlsx")
        started = time.perf_counter()
        big = formatted_workbook(folder / "diformat.xlsx", LAST_ROW)
        made = time.perf_counter() - started
        import zipfile

        with zipfile.ZipFile(big) as archive:
            inflated = sum(i.file_size for i in archive.infolist())
        print(f"formatted workbook: {big.stat().st_size / 1e6:.1f} MB on disk, "
              f"{inflated / 1e6:.0f} MB of XML inflated, made in {made:.1f} s")
        measured(plain, folder, "pemanasan")  # templates prepared, caches warm
        base, fmt = [], []
        for _ in range(runs):
            base.append(measured(plain, folder, "a"))
            fmt.append(measured(big, folder, "b"))
    for name, found in (("example (baseline)", base), ("formatted to row 1,048,576", fmt)):
        print(f"{name:28} wall " + ", ".join(f"{r['seconds']:.2f}" for r in found)
              + " s; peak " + ", ".join(f"{r['kb'] / 1024:.0f}" for r in found) + " MB")
    seconds = statistics.median(r["seconds"] for r in fmt)
    peak = statistics.median(r["kb"] for r in fmt) / 1024
    base_s = statistics.median(r["seconds"] for r in base)
    base_mb = statistics.median(r["kb"] for r in base) / 1024
    print(f"median: {seconds:.2f} s ({seconds / base_s:.2f}x the example's {base_s:.2f} s), "
          f"peak {peak:.0f} MB ({peak / base_mb:.2f}x the example's {base_mb:.0f} MB); "
          f"bounds 10 s, 500 MB: {'met' if seconds < 10 and peak < 500 else 'MISSED'}")


if __name__ == "__main__":
    main()
