"""Every accepted number and date form, written into a real .xlsx and read by read_workbook."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from xlsx_edit import edit_workbook, example_copy
from zidoc.workbook.reader import read_workbook
from zidoc.workbook.values import ValueProblem, clean_text, parse_date, parse_number


def read_with(tmp_path, config, sheet, coordinate, value, number_format=None):
    path = example_copy(tmp_path / "isian.xlsx")

    def change(wb):
        target = wb[sheet][coordinate]
        target.value = value
        if number_format:
            target.number_format = number_format
    edit_workbook(path, change)
    return read_workbook(path, config.lke.areas, config.lke.codes,
                         documents=config.documents)


@pytest.mark.parametrize("value,number_format", [
    (88.63, None),
    ("88,63", None),
    ("88.63", None),
    ("88,63%", None),
    ("88,63 %", None),
    (" 88,63\u00a0", None),
    (0.8863, "0.00%"),
    (0.8863, "0%"),
], ids=["number", "text-comma", "text-point", "text-percent", "text-percent-space",
        "text-nbsp", "excel-percent-cell", "excel-percent-cell-no-decimals"])
def test_persen_forms_all_mean_88_63(tmp_path, config, value, number_format):
    wb, problems = read_with(tmp_path, config, "Nilai", "C2", value, number_format)
    assert not problems.has_errors, [str(p) for p in problems]
    assert wb.nilai["P1"].persen == Decimal("88.63")
    assert wb.nilai["P1"].cell == "Nilai!C2"


@pytest.mark.parametrize("number_format", ['0.00"%"', '0.00\\%', '[$%-421]0.00', '0.00_%'],
                         ids=["quoted", "escaped", "bracketed", "padding"])
def test_a_literal_percent_sign_in_the_format_is_not_a_percent_cell(tmp_path, config,
                                                                    number_format):
    wb, problems = read_with(tmp_path, config, "Nilai", "C2", 88.63, number_format)
    assert not problems.has_errors, [str(p) for p in problems]
    assert wb.nilai["P1"].persen == Decimal("88.63")


def test_a_very_long_number_is_a_problem_at_its_cell(tmp_path, config):
    wb, problems = read_with(tmp_path, config, "Nilai", "C2", "1234567890123456789.12345678901")
    assert wb is None
    messages = [str(p) for p in problems if p.cell == "C2"]
    assert messages and "terlalu panjang" in messages[0], [str(p) for p in problems]
    assert messages[0].startswith("Nilai!C2: ")


def test_integer_and_whole_text_numbers(tmp_path, config):
    wb, problems = read_with(tmp_path, config, "Nilai", "C3", "75")
    assert not problems.has_errors
    assert wb.nilai["P2"].persen == Decimal(75)


@pytest.mark.parametrize("value,expected", [
    (datetime.datetime(2025, 5, 19), datetime.date(2025, 5, 19)),
    (datetime.datetime(2025, 5, 19, 14, 30), datetime.date(2025, 5, 19)),
    ("2025-05-19", datetime.date(2025, 5, 19)),
    ("19/05/2025", datetime.date(2025, 5, 19)),
    ("19 Mei 2025", datetime.date(2025, 5, 19)),
    ("19 mei 2025", datetime.date(2025, 5, 19)),
    ("19\u00a0Mei\u00a02025 ", datetime.date(2025, 5, 19)),
    ("1 Agustus 2025", datetime.date(2025, 8, 1)),
    ("1 Agt 2025", datetime.date(2025, 8, 1)),
    ("01/08/2025", datetime.date(2025, 8, 1)),
    ("29 Februari 2024", datetime.date(2024, 2, 29)),
], ids=["excel-date", "excel-datetime", "iso", "dmy", "indonesian", "lowercase", "nbsp",
        "agustus", "agt", "dmy-leading-zero", "leap-day"])
def test_date_forms(tmp_path, config, value, expected):
    wb, problems = read_with(tmp_path, config, "Identitas", "B6", value)
    assert not problems.has_errors, [str(p) for p in problems]
    assert wb.identitas.tanggal_laporan == expected


def test_excel_date_cell_in_dokumen(tmp_path, config):
    wb, problems = read_with(tmp_path, config, "Dokumen", "C2", "2 Januari 2024")
    assert not problems.has_errors
    assert wb.dokumen["sk_tim"].tanggal == datetime.date(2024, 1, 2)


@pytest.mark.parametrize("text", ["delapan puluh", "88,6,3", "1.234,5", "88..6", "%", "1e3", "--5"])
def test_unreadable_numbers(text):
    with pytest.raises(ValueProblem) as info:
        parse_number(text)
    assert "bukan angka" in str(info.value)


@pytest.mark.parametrize("text", ["31 Februari 2025", "2025-13-01", "32/01/2025", "29 Februari 2025"])
def test_impossible_dates(text):
    with pytest.raises(ValueProblem) as info:
        parse_date(text)
    assert "tidak ada di kalender" in str(info.value)


def test_nan_and_infinity_are_not_numbers():
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ValueProblem):
            parse_number(value)


@pytest.mark.parametrize("raw,expected,stripped", [
    ("  Tim Kerja\u00a0", "Tim Kerja", False),
    ("Tim\u00a0\u00a0Kerja", "Tim Kerja", False),
    ("baris 1_x000D_\nbaris 2", "baris 1\nbaris 2", False),
    ("baris 1\r\nbaris 2 ", "baris 1\nbaris 2", False),
    ("Tim_x000B_Kerja", "Tim Kerja", True),
    ("Tim\x07Kerja", "Tim Kerja", True),
    ("harga_x0041_tetap", "harga_x0041_tetap", False),
    (2024.0, "2024", False),
    (None, "", False),
])
def test_clean_text(raw, expected, stripped):
    assert clean_text(raw) == (expected, stripped)
