"""The Ringkasan sheet: Excel formulas computing the scores live. LibreOffice recalculates
changed workbooks headless (one start for every input); its values, as printed with two
decimals, and its WBK/WBBM verdicts equal zidoc's own (scoring.py via the reader)."""
from __future__ import annotations

import random
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO, soffice
from xlsx_edit import example_copy
from zidoc.build import load
from zidoc.config import load_config
from zidoc.scoring import round2
from zidoc.workbook import ringkasan, schema

CONFIG = load_config(REPO / "config.toml")
SEED = 20261130


def printed(value) -> Decimal:
    """A computed cell as a spreadsheet prints it with the format 0.00: 15 significant digits,
    then two decimals (half up)."""
    return round2(Decimal(format(value, ".15g")))


def set_inputs(path: Path, persen: dict[str, Decimal], order: list[str],
               columns_swapped: bool = False, percent_cells: bool = False) -> None:
    """Rewrite the Nilai sheet's rows in `order` (and, if asked, with the columns reordered,
    or the percentages as Excel percent cells: 88,63% holds 0.8863)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Nilai"]
    ws.delete_rows(2, ws.max_row)
    headers = ["persen", "catatan", "kode"] if columns_swapped else ["kode", "persen", "catatan"]
    for column in range(1, 6):
        ws.cell(1, column).value = None
    for column, header in enumerate(headers, start=1):
        ws.cell(1, column).value = header
    for row, kode in enumerate(order, start=2):
        value = persen[kode] / 100 if percent_cells else persen[kode]
        values = {"kode": kode, "persen": float(value), "catatan": None}
        for column, header in enumerate(headers, start=1):
            ws.cell(row, column).value = values[header]
            if header == "persen":
                ws.cell(row, column).number_format = "0.00%" if percent_cells else "0.00"
    wb.save(path)


def random_inputs(rng: random.Random, codes: tuple[str, ...]) -> dict[str, Decimal]:
    """Two-decimal percentages, often near the thresholds: exact ties such as 75,00 and values
    whose nilai ends in a 5 at the third decimal (half up decides the verdict)."""
    special = ["75.00", "60.00", "74.90", "59.99", "100.00", "0.00", "74.99", "50.10"]
    return {kode: Decimal(rng.choice(special)) if rng.random() < 0.3
            else Decimal(rng.randrange(4000, 10001)) / 100 for kode in codes}


def convert(files: list[Path], outdir: Path) -> list[Path]:
    """One LibreOffice start for all files: xlsx -> xlsx, recalculated."""
    binary = soffice()
    profile = outdir / "profil"
    subprocess.run([binary, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--convert-to", "xlsx", "--outdir", str(outdir),
                    *map(str, files)], capture_output=True, timeout=300, check=False)
    return [outdir / f.name for f in files]


def test_layout_follows_the_scoring_criteria():
    """Every predikat's criteria, in the report's order, each with the config's minimum."""
    from zidoc.scoring import criteria

    plan = ringkasan.layout(CONFIG)
    for p in CONFIG.predikat:
        expected = [(c.kriteria, c.minimum) for c in criteria(CONFIG.lke, p)]
        found = [(k, plan.minimum[(p.nama, k)][1]) for k, *_ in plan.criteria
                 if (p.nama, k) in plan.minimum]
        assert sorted(found) == sorted(expected)
    # The weights written are the config's.
    bobot = {r.kode: r.bobot for r in plan.rows if r.item}
    assert bobot == {i.kode: float(i.bobot) for i in CONFIG.lke.pengungkit} | {
        i.kode: float(i.bobot) for g in CONFIG.lke.hasil for i in g.indikator}


def test_zidoc_does_not_read_the_sheet(tmp_path):
    """Garbage in Ringkasan (an error value, text where numbers are) is never reported."""
    path = example_copy(tmp_path / "contoh.xlsx")
    wb = openpyxl.load_workbook(path)
    assert schema.RINGKASAN in wb.sheetnames and schema.RINGKASAN in schema.NOT_READ
    wb[schema.RINGKASAN]["A5"] = "kode"
    wb[schema.RINGKASAN]["C6"] = "#DIV/0!"
    wb.save(path)
    loaded = load(path, CONFIG)
    assert not loaded.problems.items, [str(p) for p in loaded.problems]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) tidak terpasang")
def test_libreoffice_values_equal_scoring(tmp_path):
    rng = random.Random(SEED)
    codes = CONFIG.lke.codes
    (tmp_path / "in").mkdir()
    cases = [example_copy(tmp_path / "in" / "contoh.xlsx")]
    for n in range(5):
        path = example_copy(tmp_path / "in" / f"acak-{n}.xlsx")
        order = list(codes)
        rng.shuffle(order)  # rows in any order: codes are looked up
        set_inputs(path, random_inputs(rng, codes), order, columns_swapped=n % 2 == 1,
                   percent_cells=n == 2)
        cases.append(path)
    incomplete = example_copy(tmp_path / "in" / "kurang.xlsx")  # H2 missing
    set_inputs(incomplete, {k: Decimal(80) for k in codes}, [k for k in codes if k != "H2"])
    outputs = convert([*cases, incomplete], tmp_path / "out")
    incomplete_out = outputs.pop()
    if not all(p.is_file() for p in outputs):
        pytest.skip("LibreOffice Calc tidak terpasang (di Debian/Ubuntu: libreoffice-calc-nogui)")

    plan = ringkasan.layout(CONFIG)
    verdicts = set()
    for source, computed in zip(cases, outputs):
        loaded = load(source, CONFIG)  # zidoc's own reading and scoring of the same workbook
        assert not loaded.problems.has_errors, [str(p) for p in loaded.problems]
        scores = loaded.scores
        ws = openpyxl.load_workbook(computed, data_only=True)[schema.RINGKASAN]
        assert ws[plan.status].value == ringkasan.COMPLETE, source.name
        expected = {plan.akhir: scores.nilai_akhir,
                    plan.pengungkit[0]: scores.pengungkit.nilai,
                    plan.pengungkit[1]: scores.pengungkit.persen,
                    plan.hasil[0]: scores.nilai_hasil, plan.hasil[1]: scores.persen_hasil}
        for group in (scores.pengungkit, *scores.hasil):
            for item in group.items:
                expected[plan.nilai[item.kode]] = item.nilai
                expected[plan.persen[item.kode]] = item.persen
        for group in scores.hasil:
            expected[plan.nilai[group.kode]] = group.nilai
            expected[plan.persen[group.kode]] = group.persen
        for cell, value in expected.items():
            assert printed(ws[cell].value) == round2(value), (source.name, cell)
        for result in scores.predikat:
            for check in result.checks:
                verdicts.add(check.met)
                verdict = ws[plan.verdict[(result.nama, check.kriteria)]].value
                assert verdict == (ringkasan.MET if check.met else ringkasan.NOT_MET), (
                    source.name, result.nama, check.kriteria, check.nilai)
            conclusion = ws[plan.conclusion[result.nama]].value
            assert conclusion == (ringkasan.ALL_MET if result.met else ringkasan.SOME_NOT_MET)
    ws = openpyxl.load_workbook(incomplete_out, data_only=True)[schema.RINGKASAN]
    assert ws[plan.status].value != ringkasan.COMPLETE
    assert ws[plan.akhir].value in (None, "")
    assert {ws[c].value for c in plan.conclusion.values()} == {ringkasan.INCOMPLETE}
    # The random inputs reached both sides of the thresholds.
    assert verdicts == {True, False}
