"""Timings for issue 4 (not a test): how fast bad or huge workbooks are answered.

    python benchmarks/bench_bad_input.py            # from the repository root

Prints seconds per case: the in-process read (reader.read_workbook), openpyxl's own load
(defusedxml, without zidoc's prolog check) and the whole CLI as a real process (`python -m zidoc validate|build`, interpreter start-up included)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "pipeline"), str(REPO / "tests")]

import openpyxl  # noqa: E402
from xlsx_edit import (  # noqa: E402
    BILLION_LAUGHS,
    SHEET_PART,
    XXE,
    add_shared_strings,
    edit_workbook,
    example_copy,
    rewrite_part,
    with_doctype,
)
from zidoc.config import load_config  # noqa: E402
from zidoc.workbook.reader import read_workbook  # noqa: E402


def rows(n: int):
    def change(wb):
        ws = wb["Narasi"]
        for row in range(19, n + 2):
            ws.append(["P1", None, None, f"Butir contoh nomor {row}."])
    return lambda p: edit_workbook(p, change)


CASES = {
    "entity bomb in sheet XML": lambda p: rewrite_part(
        p, SHEET_PART["Narasi"], lambda x: with_doctype(x, BILLION_LAUGHS, "lol9", "<t>P1</t>")),
    "entity bomb in sharedStrings": lambda p: add_shared_strings(
        p, BILLION_LAUGHS + "<sst><si><t>&lol9;</t></si></sst>"),
    "external entity (XXE)": lambda p: rewrite_part(
        p, SHEET_PART["Narasi"], lambda x: with_doctype(x, XXE, "xxe", "<t>P1</t>")),
    "example (valid)": lambda p: None,
    "10,000 Narasi rows (valid)": rows(10000),
    "stray space in row 1,048,576": lambda p: edit_workbook(
        p, lambda wb: wb["Narasi"].__setitem__("A1048576", " ")),
    "uncalculated formula + far cell": lambda p: edit_workbook(
        p, lambda wb: (wb["Nilai"].__setitem__("C2", "=88+0.63"),
                       wb["Narasi"].__setitem__("A1048576", " "))),
}


def main() -> None:
    config = load_config(REPO / "config.toml")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        shutil.copy(REPO / "config.toml", work / "config.toml")
        shutil.copytree(REPO / "templates" / "docx", work / "templates" / "docx")
        env = dict(os.environ, PYTHONPATH=str(REPO))
        print(f"{'case':30} {'read s':>7} {'openpyxl s':>10} {'validate s':>10} {'build s':>8}  exit")
        for name, make in CASES.items():
            path = example_copy(work / "isian.xlsx")
            make(path)
            start = time.perf_counter()
            read_workbook(path, config.lke.areas, config.lke.codes,
                          documents=config.documents)
            read = time.perf_counter() - start
            start = time.perf_counter()
            try:  # openpyxl alone (defusedxml), without zidoc's own prolog check
                openpyxl.load_workbook(path, data_only=True)
            except ValueError:
                pass
            alone = time.perf_counter() - start
            timings, codes = [], []
            for command in ("validate", "build"):
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "zidoc", command, str(path)],
                                      cwd=work, env=env, capture_output=True, text=True)
                timings.append(time.perf_counter() - start)
                codes.append(done.returncode)
            print(f"{name:30} {read:7.3f} {alone:10.3f} {timings[0]:10.3f} {timings[1]:8.3f}  {codes}")


if __name__ == "__main__":
    main()
