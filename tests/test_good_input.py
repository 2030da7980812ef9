"""Inputs that must pass: the example itself, silent fixes (spaces, NBSP), a formula that Excel
has calculated, and warnings that let the build go on."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import docx_text, run_cli
from xlsx_edit import cache_formula_value, edit_workbook, example_copy, snapshot
from zidoc.workbook.reader import read_workbook

LAPORAN = Path("outputs/2024/kpu-kota-bengkulu/laporan-pelaksanaan-zi-2024.docx")


def problem_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


def test_validate_example_reports_no_error_and_no_warning(workspace, tmp_path):
    path = example_copy(tmp_path / "contoh.xlsx")
    result = run_cli("validate", str(path))
    assert result.exit_code == 0
    assert result.output == "contoh.xlsx: tidak ada kesalahan.\n"
    assert list((workspace / "outputs").iterdir()) == []  # validate writes nothing


def test_spaces_and_nbsp_are_fixed_silently(workspace, tmp_path, config):
    path = example_copy(tmp_path / "isian.xlsx")

    def change(wb):
        wb["Nilai"].title = " nilai\u00a0"
        wb[" nilai\u00a0"]["C1"] = "  Persen\u00a0"
        wb[" nilai\u00a0"]["A2"] = "\u00a0P1  "
        wb["Narasi"]["A2"] = " p1\u00a0"
        wb["Narasi"]["C2"] = "Tim\u00a0 Kerja "
        wb["Tim"]["F4"] = "  ketua "
        wb["Identitas"]["A3"] = " nama_satker\u00a0"
        wb["Identitas"]["B4"] = "\u00a0KPU  Kota Bengkulu "
    edit_workbook(path, change)
    result = run_cli("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == "isian.xlsx: tidak ada kesalahan.\n"
    wb, _ = read_workbook(path, config.lke.areas, config.lke.codes,
                          documents=config.documents)
    assert wb.narasi[0].area == "P1" and wb.narasi[0].judul == "Tim Kerja"
    assert wb.identitas.singkatan_satker == "KPU Kota Bengkulu"
    assert wb.nilai["P1"].persen == Decimal("88.63")
    assert sum(1 for m in wb.tim if m.kedudukan == "Ketua") == 1


@pytest.mark.parametrize("name", ["isian.xls", "isian.zip", "ISIAN.XLSX", "isian"])
def test_workbook_under_another_name_is_still_read(workspace, tmp_path, name):
    path = tmp_path / name
    example_copy(path)
    result = run_cli("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == f"{name}: tidak ada kesalahan.\n"


def test_formula_with_cached_value_is_fine(workspace, tmp_path, config):
    path = example_copy(tmp_path / "isian.xlsx")
    edit_workbook(path, lambda wb: wb["Nilai"].__setitem__("C2", "=88+0.63"))
    cache_formula_value(path, "Nilai", "C2", "88.63")
    result = run_cli("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "tidak ada kesalahan." in result.output
    wb, _ = read_workbook(path, config.lke.areas, config.lke.codes,
                          documents=config.documents)
    assert wb.nilai["P1"].persen == Decimal("88.63")


def build_with_warning(tmp_path, change) -> tuple:
    path = example_copy(tmp_path / "isian.xlsx")
    edit_workbook(path, change)
    result = run_cli("build", str(path))
    return result, problem_lines(result.output)


def test_warning_nilai_resmi_differs(workspace, tmp_path):
    result, lines = build_with_warning(
        tmp_path, lambda wb: wb["Identitas"].__setitem__("B12", 90.21))
    assert result.exit_code == 0, result.output
    assert lines == [
        "Identitas!B12: peringatan: nilai_resmi 90,21 berbeda 0,02 dari nilai akhir hasil "
        "hitung 90,19; periksa kembali persen di sheet Nilai."
    ]
    assert LAPORAN.is_file()


def test_no_warning_when_nilai_resmi_within_tolerance(workspace, tmp_path):
    result, lines = build_with_warning(
        tmp_path, lambda wb: wb["Identitas"].__setitem__("B12", 90.2))
    assert result.exit_code == 0 and lines == []


def test_warning_area_without_narrative(workspace, tmp_path):
    # Narasi rows 9 and 10 are the two P3 points of the example.
    def change(wb):
        assert [wb["Narasi"][f"A{r}"].value for r in (9, 10)] == ["P3", "P3"]
        wb["Narasi"].delete_rows(9, 2)
    result, lines = build_with_warning(tmp_path, change)
    assert result.exit_code == 0, result.output
    assert lines == [
        "Narasi: peringatan: area P3 (Penataan Sistem Manajemen SDM Aparatur) belum punya "
        "butir narasi."
    ]
    assert LAPORAN.is_file()


def test_warning_nip_younger_than_18_at_tmt(workspace, tmp_path):
    # Born 1 March 2000, TMT January 2017: 16 years old.
    result, lines = build_with_warning(
        tmp_path, lambda wb: wb["Tim"].__setitem__("C3", "20000301 201701 1 002"))
    assert result.exit_code == 0, result.output
    assert len(lines) == 1
    assert lines[0].startswith("Tim!B3: peringatan: NIP ")
    assert "16 tahun" in lines[0]
    assert LAPORAN.is_file()


def test_xml_illegal_character_stripped_with_warning(workspace, tmp_path):
    # Excel stores a vertical tab (pasted from Word or a PDF) as _x000B_.
    result, lines = build_with_warning(
        tmp_path, lambda wb: wb["Narasi"].__setitem__("C2", "Tim_x000B_Kerja\x5fx0007_"))
    assert result.exit_code == 0, result.output
    assert len(lines) == 1 and lines[0].startswith("Narasi!C2: peringatan: karakter kontrol")
    text = docx_text(LAPORAN)
    assert "Tim Kerja" in text
    assert "\x0b" not in text and "\x07" not in text and "_x000B_" not in text


def test_text_with_markup_characters_survives(workspace, tmp_path):
    """Workbook text is data: & < > and template-like braces land in the report literally."""
    odd = "Sarana & Prasarana <baru> {{ rahasia }} {% if x %} 100% \"kutip\""
    result, lines = build_with_warning(
        tmp_path, lambda wb: wb["Narasi"].__setitem__("C2", odd))
    assert result.exit_code == 0, result.output
    assert odd in docx_text(LAPORAN)


def test_stray_spaces_far_away_are_ignored(workspace, tmp_path):
    """Cells holding only spaces (even in Excel's last row and column) are empty rows."""
    path = example_copy(tmp_path / "isian.xlsx")

    def change(wb):
        wb["Narasi"]["A1048576"] = " "
        wb["Narasi"]["XFD1"] = "catatan pribadi"  # an unknown column is ignored
        wb["Tim"]["B500000"] = "\u00a0"
    edit_workbook(path, change)
    result = run_cli("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == "isian.xlsx: tidak ada kesalahan.\n"


@pytest.mark.parametrize("rows", [10000])
def test_ten_thousand_valid_rows_build(workspace, tmp_path, rows):
    """10,000 narrative rows: read, rendered and written without crashing."""
    def change(wb):
        ws = wb["Narasi"]
        for n in range(19, rows + 2):
            ws.append(["P1", None, None, f"Butir contoh nomor {n}."])
    path = example_copy(tmp_path / "besar.xlsx")
    edit_workbook(path, change)
    before = snapshot(workspace / "outputs")
    result = run_cli("build", str(path))
    assert result.exit_code == 0, result.output[-2000:]
    assert snapshot(workspace / "outputs") != before
    text = docx_text(LAPORAN)
    assert f"Butir contoh nomor {rows + 1}." in text
