"""The satisfaction survey (SKM): 10,000 respondents, and what pandas in the environment costs
a build (run on demand; not part of the test suite).

    python benchmarks/bench_survei.py [--runs 7] [--respondents 10000]

Every figure is a real process, run in turn with its baseline (benchmarks/run.py's `paired`):

1. `zidoc survei` of a 10,000-respondent export (.csv, and .xlsx), start-up included, against
   `python -c "import pandas"` (the part no code of ours can save); the target is < 3 s.
2. Importing openpyxl with numpy installed against the same with numpy hidden: openpyxl
   imports numpy whenever it is installed (openpyxl/compat/numbers.py), and pandas brings
   numpy, so every build (with a survey or not) pays this.
3. `zidoc build` of the example against the library floor (benchmarks/floor.py): without a
   survey (numpy's cost only), and with the example's survey (the floor then reads the
   responses with pandas too).
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import PY, REPO, med, paired, run, zidoc  # noqa: E402

NO_NUMPY = "import sys; sys.modules['numpy'] = None; import openpyxl"


def big_export(path: Path, respondents: int, seed: int = 10_000) -> Path:
    """A web form's export of `respondents` rows: labels, letters and numbers mixed, a few
    answers skipped, profile and suggestion columns (as the shipped example, scaled up)."""
    sys.path.insert(0, str(REPO / "tools"))
    from make_survei_example import QUESTIONS, WEIGHTS
    from zidoc.config import load_config

    unsur = load_config(REPO / "config.toml").survei.unsur
    rng = random.Random(seed)
    rows = [("Stempel waktu", "Jenis Kelamin", "Umur", "Pendidikan", "Pekerjaan",
             "Jenis Layanan", *QUESTIONS, "Saran")]
    for n in range(respondents):
        style = rng.choice(("label", "huruf", "angka"))
        answers = []
        for u, weights in zip(unsur, WEIGHTS):
            value = rng.choices((1, 2, 3, 4), weights)[0]
            answers.append("" if rng.random() < 0.02 else str(value) if style == "angka"
                           else "abcd"[value - 1] if style == "huruf" else u.jawaban[value - 1])
        rows.append((f"01/10/2024 08:{n % 60:02d}:00", rng.choice(("Laki-laki", "Perempuan")),
                     str(rng.randint(17, 75)), rng.choice(("SMA", "S1", "D3", "S2")),
                     rng.choice(("Swasta", "PNS", "Wiraswasta", "Pelajar")),
                     rng.choice(("Informasi", "Data pemilih")), *answers,
                     rng.choice(("", "-", "Antrean dipercepat", "Ruang tunggu diperluas"))))
    if path.suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        for row in rows:
            ws.append([int(v) if v.isdigit() else v for v in row])
        wb.save(path)
    else:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def line(name: str, a, b, base: str) -> str:
    return (f"| {name} | {med(a.wall):.3f} s (CPU {med(a.cpu):.3f}) | {base} {med(b.wall):.3f} s "
            f"(CPU {med(b.cpu):.3f}) | {med(a.wall) / med(b.wall):.2f}x |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--respondents", type=int, default=10_000)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "pipeline"))
    from zidoc.config import load_config
    from zidoc.workbook.starter import write_example_workbook

    rows = ["| figure | measured (median) | baseline (median) | ratio |", "|---|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="zidoc-skm-") as tmp:
        root = Path(tmp)
        shutil.copy(REPO / "config.toml", root / "config.toml")
        shutil.copytree(REPO / "templates" / "docx", root / "templates" / "docx")
        config = load_config(root / "config.toml")
        (root / "dengan").mkdir()
        (root / "tanpa").mkdir()
        with_survey = root / "dengan" / "contoh.xlsx"
        without = root / "tanpa" / "contoh.xlsx"
        write_example_workbook(with_survey, config)
        write_example_workbook(without, config, survey=False)
        n = args.respondents
        big_csv = big_export(root / f"jawaban-{n}.csv", n)
        big_xlsx = big_export(root / f"jawaban-{n}.xlsx", n)
        pandas_only = [PY, "-c", "import pandas"]

        for path in (big_csv, big_xlsx):
            a, b = paired(lambda p=path: run(zidoc("survei", str(p)), root),
                          lambda: run(pandas_only, root), args.runs)
            rows.append(line(f"`zidoc survei` {n:,} respondents ({path.suffix})", a, b,
                             "`import pandas`"))
            print(rows[-1], flush=True)
        a, b = paired(lambda: run([PY, "-c", "import openpyxl"], root),
                      lambda: run([PY, "-c", NO_NUMPY], root), args.runs * 2)
        rows.append(line("`import openpyxl` (numpy installed)", a, b,
                         "numpy hidden"))
        rows.append(f"| numpy's cost to every build (difference of the medians) | "
                    f"{med(a.wall) - med(b.wall):.3f} s | | |")
        print(rows[-2:], flush=True)
        floor = [PY, str(HERE / "floor.py")]
        for name, book in (("without a survey", without), ("with the example's survey", with_survey)):
            for _ in range(2):  # warm the file cache and the prepared templates
                run(zidoc("build", str(book), "--out", str(root / "warm")), root)
            a, b = paired(
                lambda bk=book: run(zidoc("build", str(bk), "--out", str(root / "out")), root),
                lambda bk=book: run(floor + [str(bk), str(root / "templates" / "docx"),
                                             str(root / "floor")], root), args.runs)
            rows.append(line(f"`zidoc build` of the example {name}", a, b, "floor"))
            print(rows[-1], flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
