"""zidoc benchmarks: each figure beside its baseline, medians of several runs, in one run.

    python benchmarks/run.py            # everything, writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # fewer runs and smaller batches (a smoke test)

Every command runs as a real process (as a user runs it) in a scratch working folder with
the repository's config.toml and templates. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PY = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
LIBRARIES = ("click", "openpyxl", "docxtpl", "python-docx", "jinja2", "lxml", "babel",
             "matplotlib", "numpy", "pillow", "pandas")


def run(cmd: list[str], cwd: Path, expect: int | None = 0) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    elapsed = time.perf_counter() - start
    if expect is not None and done.returncode != expect:
        raise SystemExit(f"{' '.join(cmd)} -> {done.returncode}\n{done.stdout}\n{done.stderr}")
    return elapsed


def paired(a, b, runs: int) -> tuple[list[float], list[float]]:
    """Alternate a() and b() so that drift on the machine hits both alike."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(a())
        tb.append(b())
    return ta, tb


def med(values: list[float]) -> float:
    return statistics.median(values)


def zidoc(*args: str) -> list[str]:
    return [PY, "-m", "pipeline", *args]


class Scratch:
    """A working folder with config.toml, templates and fresh output folders."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copy(REPO / "config.toml", root / "config.toml")
        shutil.copytree(REPO / "templates" / "docx", root / "templates" / "docx")
        self.counter = 0

    def fresh(self, name: str) -> Path:
        self.counter += 1
        path = self.root / "out" / f"{name}-{self.counter}"
        return path


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = []
    for lib in LIBRARIES:
        try:
            versions.append(f"{lib} {metadata.version(lib)}")
        except metadata.PackageNotFoundError:
            pass
    return [
        f"- CPU: {cpu}; {os.cpu_count()} logical cores",
        f"- RAM: {ram}",
        f"- OS: {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- Libraries: {', '.join(versions)}",
    ]


def profile_top(cmd_args: list[str], cwd: Path, limit: int = 14) -> list[str]:
    """cProfile of one command (in a process), top entries by cumulative time."""
    import pstats

    stats_file = cwd / "profile.out"
    subprocess.run([PY, "-m", "cProfile", "-o", str(stats_file), "-m", "pipeline", *cmd_args],
                   cwd=cwd, env=ENV, capture_output=True, check=True)
    lines = []
    stats = pstats.Stats(str(stats_file))
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        rows.append((ct, tt, nc, f"{Path(file).parent.name}/{Path(file).name}:{line}({func})"))
    rows.sort(reverse=True)
    wanted = [r for r in rows if not any(s in r[3] for s in ("<frozen", "{built-in", "runpy",
                                                              "core.py", "decorators.py"))]
    lines.append("| cumulative s | own s | calls | function |")
    lines.append("|---:|---:|---:|---|")
    for ct, tt, nc, name in wanted[:limit]:
        lines.append(f"| {ct:.3f} | {tt:.3f} | {nc} | `{name}` |")
    return lines


def fmt(seconds: float) -> str:
    return f"{seconds:.3f} s"


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller batches")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md")
    args = parser.parse_args()
    quick = args.quick
    runs_small = 3 if quick else 9
    runs_batch = 1 if quick else 3
    batch_sizes = (10, 20) if quick else (50, 100, 200)
    plan_sizes = (250, 1000) if quick else (250, 1000, 2000)

    from workbooks import large, satker_variants

    from pipeline.build import DOCUMENTS
    from pipeline.example import write_example_workbook

    report: list[str] = []
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with tempfile.TemporaryDirectory(prefix="zidoc-bench-") as tmp:
        scratch = Scratch(Path(tmp))
        root = scratch.root
        example = root / "contoh.xlsx"
        write_example_workbook(example)
        kinds = ", ".join(d.kind for d in DOCUMENTS)

        # (a) one build against the floor --------------------------------------------------
        print("(a) build vs floor ...", flush=True)
        for _ in range(2):  # warm the OS file cache and matplotlib's font cache
            run(zidoc("build", str(example), "--out", str(scratch.fresh("warm"))), root)
        floor = [PY, str(REPO / "benchmarks" / "floor.py"), str(example),
                 str(root / "templates" / "docx")]
        t_build, t_floor = paired(
            lambda: run(zidoc("build", str(example), "--out", str(scratch.fresh("a"))), root),
            lambda: run(floor + [str(scratch.fresh("floor"))], root), runs_small)
        _, t_minimal = paired(lambda: 0.0,
                              lambda: run(floor + [str(scratch.fresh("floor")), "--minimal"], root),
                              runs_small)
        a_ratio = med(t_build) / med(t_floor)
        a_min_ratio = med(t_build) / med(t_minimal)

        # (b) --help against importing click ---------------------------------------------
        print("(b) --help vs import click ...", flush=True)
        t_help, t_click = paired(lambda: run(zidoc("--help"), root),
                                 lambda: run([PY, "-c", "import click"], root), runs_small * 2)
        b_ratio = med(t_help) / med(t_click)

        # (c) batches --------------------------------------------------------------------
        print("(c) batches ...", flush=True)
        variants = satker_variants(example, root / "batch", max(batch_sizes))
        c_rows = []
        for size in batch_sizes:
            books = [str(p) for p in variants[:size]]
            t1, t2 = paired(
                lambda b=books: run(zidoc("build", *b, "--jobs", "1", "--out",
                                          str(scratch.fresh("c1"))), root),
                lambda b=books: run(zidoc("build", *b, "--jobs", "2", "--out",
                                          str(scratch.fresh("c2"))), root),
                runs_batch)
            c_rows.append((size, med(t1), med(t2)))
            print(f"    {size}: jobs1 {med(t1):.1f} s, jobs2 {med(t2):.1f} s", flush=True)

        # (d) long sheets ----------------------------------------------------------------
        print("(d) long sheets ...", flush=True)
        d_books = {"contoh (26 aksi, 26 anggota)": (example, 0)}
        for rows in plan_sizes:
            d_books[f"Rencana Aksi {rows} baris"] = (
                large(example, root / "d" / f"aksi-{rows}.xlsx", actions=rows), rows)
        d_books["Tim 500 anggota"] = (large(example, root / "d" / "tim-500.xlsx", members=500), 500)
        d_times = {}
        for label, (path, _rows) in d_books.items():
            times = [run(zidoc("build", str(path), "--out", str(scratch.fresh("d"))), root)
                     for _ in range(runs_small if not quick else 2)]
            d_times[label] = med(times)
            print(f"    {label}: {med(times):.3f} s", flush=True)

        # Profiles: where a build's time goes.
        print("profiles ...", flush=True)
        profile_a = profile_top(["build", str(example), "--out", str(scratch.fresh("p"))], root)
        biggest = root / "d" / f"aksi-{max(plan_sizes)}.xlsx"
        profile_d = profile_top(["build", str(biggest), "--out", str(scratch.fresh("p"))], root)

    # Report ------------------------------------------------------------------------------
    report += [
        "# zidoc benchmarks",
        "",
        f"Run with `python benchmarks/run.py`{' --quick' if quick else ''} on {started}. "
        "Every figure is the median wall-clock time of several runs of a real process "
        f"({runs_small} runs for single builds, {runs_batch} for batches), each run of a figure "
        "alternating with its baseline. Documents built: "
        f"{kinds}.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Results",
        "",
        "| | figure | baseline | ratio | target | |",
        "|---|---:|---:|---:|---|---|",
        f"| (a) `zidoc build` of the example | {fmt(med(t_build))} | floor {fmt(med(t_floor))} "
        f"| {a_ratio:.2f}x | <= 1.5x | {verdict(a_ratio <= 1.5)} |",
        f"| (a') same, against the minimal floor | {fmt(med(t_build))} | "
        f"{fmt(med(t_minimal))} | {a_min_ratio:.2f}x | (information) | |",
        f"| (b) `zidoc --help` | {fmt(med(t_help))} | `import click` {fmt(med(t_click))} "
        f"| {b_ratio:.2f}x | <= 2x | {verdict(b_ratio <= 2)} |",
    ]
    for size, t1, t2 in c_rows:
        speedup = t1 / t2
        per = t2 / size
        report.append(
            f"| (c) batch of {size}, `--jobs 2` | {fmt(t2)} ({per:.3f} s per workbook) | "
            f"`--jobs 1` {fmt(t1)} | {speedup:.2f}x faster | >= 1.6x, <= 0.5 s/workbook | "
            f"{verdict(speedup >= 1.6 and per <= 0.5)} |")
    base = d_times["contoh (26 aksi, 26 anggota)"]
    report += [
        "",
        "The floor (`benchmarks/floor.py`) imports the libraries a build imports (openpyxl, "
        "docxtpl, babel, matplotlib), loads the workbook with openpyxl and renders every template "
        "in `templates/docx/` with docxtpl from the cells as text: no validation, no scoring, no "
        "chart. The minimal floor imports only openpyxl and docxtpl.",
        "",
        "### (d) Long sheets",
        "",
        "| workbook | build | extra over the example | per extra row |",
        "|---|---:|---:|---:|",
    ]
    per_row = []
    for label, (_path, rows) in d_books.items():
        extra = d_times[label] - base
        if rows:
            per_row.append((label, rows, extra / rows))
        report.append(f"| {label} | {fmt(d_times[label])} | {fmt(extra) if rows else '-'} | "
                      + (f"{extra / rows * 1000:.3f} ms |" if rows else "- |"))
    plan = [(r, p) for label, r, p in per_row if label.startswith("Rencana")]
    if len(plan) >= 2:
        growth = plan[-1][1] / plan[0][1] if plan[0][1] > 0 else float("inf")
        linear = growth <= 1.5
        report += [
            "",
            f"Growth: the cost per row at {plan[-1][0]} rows is {growth:.2f}x the cost per row at "
            f"{plan[0][0]} rows (1.00x = linear; target: linear, taken as <= 1.5x): "
            f"{verdict(linear)}.",
        ]
    report += [
        "",
        "## Where the time goes",
        "",
        "cProfile of `zidoc build` of the example (one process; profiling slows it down):",
        "",
        *profile_a,
        "",
        f"cProfile of `zidoc build` with {max(plan_sizes)} action rows:",
        "",
        *profile_d,
        "",
    ]
    args.out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
