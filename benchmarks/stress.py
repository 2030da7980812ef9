"""Stress: concurrent builds into shared output folders, interrupted at random moments.

    python benchmarks/stress.py [--rounds 4] [--builds 6] [--seed 12]

Each round starts `--builds` real `zidoc build` processes at once (single workbooks, several
for the SAME satker folder, plus one `--jobs 2` batch), then kills some with SIGKILL and
interrupts others with Ctrl+C (SIGINT to their process group) at random moments. After every
round it checks: every .docx opens (zip intact, python-docx reads it), every manifest.json is
a valid manifest and consistent with its folder (every confirmed entry exists with its hash),
no "-vN" draft appeared (nobody edited anything, so none may look edited), no traceback on any
stderr, and every exit code is one the README gives (0, 1, 130; -9 for the killed). After the
last round one clean build per folder runs, and then no temporary file and no lock may be
left. Not part of the test suite (POSIX: process groups and signals). Prints its figures.

Also measures the inflation case (a small .xlsx of a million empty cells): time and peak
memory of `zidoc validate` on it.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "pipeline"))
ENV = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")


def workspace(root: Path) -> Path:
    folder = root / "kerja"
    (folder / "templates").mkdir(parents=True)
    shutil.copy(REPO / "config.toml", folder / "config.toml")
    shutil.copytree(REPO / "templates" / "docx", folder / "templates" / "docx")
    return folder


def workbooks(root: Path) -> list[Path]:
    import openpyxl
    from zidoc.config import load_config
    from zidoc.workbook.starter import write_example_workbook

    base = root / "contoh.xlsx"
    write_example_workbook(base, load_config(REPO / "config.toml"))
    paths = [base]
    for n in range(3):
        wb = openpyxl.load_workbook(base)
        for key, value, *_ in wb["Identitas"].iter_rows(min_row=2):
            if key.value == "singkatan_satker":
                value.value = f"KPU Stres {n}"
            elif key.value == "nilai_resmi":
                value.value = None
        path = root / f"stres-{n}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


def check_folder(folder: Path, allow_temps: bool) -> list[str]:
    from docx import Document
    from zidoc.fs.files import TEMP_PATTERN, sha256_file
    from zidoc.fs.lock import LOCK_NAME
    from zidoc.store.manifest import parse_manifest

    problems = []
    for docx in folder.glob("*.docx"):
        try:
            with zipfile.ZipFile(docx) as archive:
                if archive.testzip() is not None:
                    problems.append(f"{docx.name}: damaged zip member")
            Document(str(docx))
        except Exception as exc:  # noqa: BLE001
            problems.append(f"{docx.name}: does not open ({exc})")
        if re.search(r"-v\d+\.docx$", docx.name):
            problems.append(f"{docx.name}: a new draft although nothing was edited")
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        if any(folder.glob("*.docx")):
            problems.append("documents without a manifest")
        return problems
    try:
        manifest = parse_manifest(manifest_path.read_bytes())
    except Exception as exc:  # noqa: BLE001
        return [*problems, f"manifest.json invalid: {exc}"]
    for entry in manifest.dokumen:
        path = folder / entry.berkas
        if entry.sha256_baru is not None:  # pending (a kill between moves and manifest)
            if path.exists() and sha256_file(path) not in entry.hashes:
                problems.append(f"{entry.berkas}: matches neither pending hash")
        elif not path.exists():
            problems.append(f"{entry.berkas}: named in the manifest but missing")
        elif sha256_file(path) != entry.sha256:
            problems.append(f"{entry.berkas}: hash differs from the manifest")
    if manifest.sumber is not None and manifest.sumber.salinan:
        if not (folder / manifest.sumber.salinan).exists():
            problems.append("sumber copy named but missing")
    if not allow_temps:
        left = [p.name for p in folder.iterdir()
                if TEMP_PATTERN.match(p.name) or p.name.startswith(LOCK_NAME)]
        problems += [f"left over: {name}" for name in left]
    return problems


def run_round(work: Path, out: Path, paths: list[Path], builds: int, rng: random.Random,
              stats: Counter) -> list[str]:
    processes = []
    for n in range(builds):
        if n == 0:
            args = [str(p) for p in paths] + ["--jobs", "2"]
        else:
            # Half of the builds aim at the example's folder: lock contention.
            args = [str(paths[0] if n % 2 else rng.choice(paths))]
        process = subprocess.Popen(
            [sys.executable, "-m", "zidoc", "build", *args, "--out", str(out)], cwd=work,
            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        fate = rng.choice(("run", "run", "kill", "interrupt"))
        processes.append((process, fate, rng.uniform(0.2, 6.0)))
    started = time.monotonic()
    for process, fate, at in sorted(processes, key=lambda item: item[2]):
        if fate == "run":
            continue
        delay = at - (time.monotonic() - started)
        if delay > 0:
            time.sleep(delay)
        if process.poll() is not None:
            stats["finished before the signal"] += 1
            continue
        try:
            if fate == "kill":
                os.killpg(process.pid, signal.SIGKILL)
            else:
                os.killpg(process.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
        stats[f"signalled: {fate}"] += 1
    problems = []
    for process, fate, _at in processes:
        _out, err = process.communicate(timeout=300)
        text = err.decode("utf-8", "replace")
        stats[f"exit {process.returncode}"] += 1
        if "Traceback" in text:
            problems.append(f"traceback ({fate}): {text[-400:]}")
        if process.returncode not in (0, 1, 130, -9):
            problems.append(f"exit {process.returncode} ({fate}): {text[-400:]}")
        if "sedang dipakai oleh zidoc lain" in text:
            stats["refused: lock held"] += 1
    return problems


def inflation(root: Path, work: Path) -> str:
    base = root / "contoh.xlsx"
    bomb = root / "bom.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet4.xml":
                body = '<row><c s="1"/><c s="1"/><c s="1"/><c s="1"/></row>' * 250_000
                data = data.replace(b"</sheetData>", body.encode() + b"</sheetData>")
            dst.writestr(info, data)
    with zipfile.ZipFile(bomb) as archive:
        inflated = sum(i.file_size for i in archive.infolist())
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "zidoc", "validate", str(bomb)], cwd=work,
                            env=ENV, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    line = (result.stdout + result.stderr).strip().splitlines()[-1]
    return (f"inflation: {bomb.stat().st_size / 1024:.0f} KB file, {inflated / 2**20:.1f} MB "
            f"inflated, 1,000,000 empty cells: exit {result.returncode} in {seconds:.2f} s, "
            f"peak RSS {max(peak, before) / 1024:.0f} MB\n  {line[:160]}")


def main() -> int:
    # A shell starting this in the background leaves SIGINT ignored, and the builds would
    # inherit that: give them the default, as a console does.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--builds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=12)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    stats: Counter = Counter()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        work = workspace(root)
        paths = workbooks(root)
        out = root / "hasil"
        measured = inflation(root, work)  # first: the peak memory is of this process alone
        started = time.monotonic()
        for n in range(options.rounds):
            failures += run_round(work, out, paths, options.builds, rng, stats)
            for folder in sorted(out.glob("*/*")):
                if folder.is_dir():
                    failures += [f"round {n + 1} {folder.name}: {p}"
                                 for p in check_folder(folder, allow_temps=True)]
        # One clean build per folder: leftovers of the killed builds are removed.
        for path in paths:
            subprocess.run([sys.executable, "-m", "zidoc", "build", str(path), "--out", str(out)],
                           cwd=work, env=ENV, capture_output=True, check=False)
        folders = [f for f in sorted(out.glob("*/*")) if f.is_dir()]
        for folder in folders:
            failures += [f"final {folder.name}: {p}" for p in check_folder(folder, False)]
        docs = sum(len(list(f.glob("*.docx"))) for f in folders)
        elapsed = time.monotonic() - started
        print(f"{options.rounds} rounds x {options.builds} concurrent builds in {elapsed:.0f} s; "
              f"{len(folders)} folders, {docs} documents checked at the end")
        for key, value in sorted(stats.items()):
            print(f"  {key}: {value}")
        print(measured)
    if failures:
        print(f"FAILED: {len(failures)} problems")
        for line in failures:
            print("  " + line)
        return 1
    print("OK: every docx opens, every manifest valid and consistent, no temporary file or "
          "lock left, no traceback")
    return 0


if __name__ == "__main__":
    sys.exit(main())
