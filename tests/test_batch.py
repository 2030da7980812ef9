"""Batch builds: many workbooks, one of them bad; a real process pool (--jobs 2)."""
from __future__ import annotations

import os
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from conftest import REPO, docx_text, run_cli, run_zidoc_process
from variants import write_variant

# The example's percentages and the LKE weights (spec/scoring.md), for the expected values.
PERSEN = {"P1": "88.63", "P2": "92.86", "P3": "85.82", "P4": "81.21", "P5": "88.42",
          "P6": "85.81", "H1": "98.75", "H2": "75.00", "H3": "97.25"}
BOBOT = {"P1": "8", "P2": "7", "P3": "10", "P4": "10", "P5": "15", "P6": "10",
         "H1": "17.5", "H2": "5", "H3": "17.5"}


def final_value_text(overrides: dict[str, str]) -> str:
    """Final ZI value as the summary prints it ('88,70'), computed here from the spec."""
    persen = {k: Decimal(v) for k, v in PERSEN.items()} | {k: Decimal(v) for k, v in overrides.items()}
    total = sum(persen[k] / 100 * Decimal(BOBOT[k]) for k in BOBOT)
    return str(total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",")


def make_batch(folder, example_workbook):
    goods = []
    for n in range(3):
        p1 = str(70 + n * 5)
        path = write_variant(example_workbook, folder / f"kab-{n}.xlsx", f"KPU Kabupaten Uji {n}",
                             {"P1": float(p1)}, nilai_tahun_lalu=89.24)
        goods.append((path, f"KPU Kabupaten Uji {n}", final_value_text({"P1": p1})))
    bad = folder / "rusak.xlsx"
    wb = openpyxl.load_workbook(example_workbook)
    wb["Nilai"]["C3"] = "sembilan puluh"  # P2 persen: not a number
    wb.save(bad)
    return goods, bad


def check_outputs(out, goods, bad_satker_folder):
    for n, (_path, _satker, _value) in enumerate(goods):
        folder = out / "2024" / f"kpu-kabupaten-uji-{n}"
        assert (folder / "manifest.json").is_file()
        assert (folder / "laporan-pelaksanaan-zi-2024.docx").is_file()
    # The bad workbook (the example's satker) wrote nothing.
    assert not (out / "2024" / bad_satker_folder).exists()


def summary_lines(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Ringkasan:"))
    return lines[start:]


def test_pool_one_bad_workbook_does_not_stop_the_others(tmp_path, workspace, example_workbook):
    goods, bad = make_batch(tmp_path, example_workbook)
    out = tmp_path / "hasil"
    args = [str(goods[0][0]), str(bad), str(goods[1][0]), str(goods[2][0])]
    result = run_zidoc_process("build", *args, "--jobs", "2", "--out", str(out), cwd=workspace)

    assert result.returncode == 1, result.stderr
    check_outputs(out, goods, "kpu-kota-bengkulu")
    summary = summary_lines(result.stdout)
    assert summary[0] == "Ringkasan: 4 workbook, 3 berhasil, 1 gagal."
    rows = summary[3:7]
    # In the order given on the command line, whatever order the processes finished in.
    assert rows[1].startswith("rusak.xlsx") and "GAGAL: 1 kesalahan" in rows[1]
    for row, (_path, satker, value) in zip([rows[0], rows[2], rows[3]], goods):
        assert row.split("  ")[0] == satker
        assert value in row.split()
    assert "Nilai!C3" in result.stderr and "rusak.xlsx" in result.stderr
    # Not a terminal: one plain progress line per workbook.
    assert sum(1 for line in result.stdout.splitlines() if line.startswith("[")) == 4


def test_jobs_1_runs_in_process_with_the_same_summary(tmp_path, workspace, example_workbook):
    goods, bad = make_batch(tmp_path, example_workbook)
    out = tmp_path / "hasil"
    result = run_cli("build", str(bad), *(str(g[0]) for g in goods), "--jobs", "1",
                     "--out", str(out))

    assert result.exit_code == 1
    check_outputs(out, goods, "kpu-kota-bengkulu")
    summary = summary_lines(result.stdout)
    assert summary[3].startswith("rusak.xlsx")
    assert [line.split("  ")[0] for line in summary[4:7]] == [g[1] for g in goods]
    assert "[1/4] rusak.xlsx: GAGAL, 1 kesalahan" in result.stdout
    # One process built all three: each document holds its own satker and final value
    # (templates compiled once per process must not carry one workbook into the next).
    for n, (_path, satker, value) in enumerate(goods):
        text = docx_text(out / "2024" / f"kpu-kabupaten-uji-{n}" / "laporan-pelaksanaan-zi-2024.docx")
        assert satker in text and value in text
        others = [g[1] for g in goods if g[1] != satker]
        assert not any(other in text for other in others)


def test_all_good_exits_0(tmp_path, workspace, example_workbook):
    goods, _bad = make_batch(tmp_path, example_workbook)
    out = tmp_path / "hasil"
    result = run_cli("build", *(str(g[0]) for g in goods[:2]), "--jobs", "1", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Ringkasan: 2 workbook, 2 berhasil, 0 gagal." in result.stdout


def test_progress_bar_on_a_terminal(tmp_path, workspace, example_workbook, monkeypatch):
    import zidoc.cli.commands

    goods, _bad = make_batch(tmp_path, example_workbook)
    monkeypatch.setattr(zidoc.cli.commands, "_is_terminal", lambda: True)
    result = run_cli("build", *(str(g[0]) for g in goods), "--jobs", "1",
                     "--out", str(tmp_path / "hasil"))
    assert result.exit_code == 0, result.output
    assert "Menyusun" in result.stderr  # the bar's label
    assert not any(line.startswith("[") for line in result.stdout.splitlines())
    assert "Ringkasan: 3 workbook, 3 berhasil, 0 gagal." in result.stdout


def test_unexpected_failure_is_contained_in_a_batch(tmp_path, config, monkeypatch):
    import pytest
    import zidoc.build
    from zidoc.batch import build_one, summary_table

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(zidoc.build, "build_workbook", broken)
    outcome = build_one(tmp_path / "a.xlsx", config, tmp_path)
    assert not outcome.ok
    assert "terjadi kesalahan tak terduga (RuntimeError: disk penuh)" in outcome.problems[0]
    assert "a.xlsx" in summary_table([outcome]) and "GAGAL: 1 kesalahan" in summary_table([outcome])
    # A single build (not contained) keeps the traceback for the bug report.
    with pytest.raises(RuntimeError):
        build_one(tmp_path / "a.xlsx", config, tmp_path, contain=False)


def test_failures_reported_by_the_build_fail_the_workbook(tmp_path, config, monkeypatch):
    import zidoc.build
    from zidoc.batch import build_one
    from zidoc.build import BuildResult
    from zidoc.workbook.problems import Problems

    def refused(path, *_args, **options):
        assert options == {"force": True}  # options reach build_workbook
        return BuildResult(path, Problems(), failures=["tahun 2024 sudah diarsipkan."])

    monkeypatch.setattr(zidoc.build, "build_workbook", refused)
    outcome = build_one(tmp_path / "a.xlsx", config, tmp_path, force=True)
    assert not outcome.ok and outcome.errors == 0
    assert outcome.failures == ("tahun 2024 sudah diarsipkan.",)


STOP_WITH_HALF_A_RESULT = """
import multiprocessing, os, struct, sys
from concurrent.futures import ProcessPoolExecutor
from zidoc.batch import _stop

if __name__ == "__main__":
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
    assert pool.submit(abs, -3).result() == 3
    # A worker stopped while sending its result: a length header for 100 bytes, 10 of them.
    os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 100) + b"x" * 10)
    _stop(pool)
    print("berhenti")
"""


@pytest.mark.skipif(sys.platform == "win32",
                    reason="writes to the pool's result pipe as a POSIX file descriptor")
def test_stopping_the_pool_with_half_a_result_in_its_pipe_exits(tmp_path):
    """Ctrl+C in a batch stops the workers at once; one stopped mid-result used to leave the
    process waiting for ever at exit (the pool's manager thread reading the rest)."""
    script = tmp_path / "stop.py"
    script.write_text(STOP_WITH_HALF_A_RESULT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO / "pipeline"))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "berhenti"
