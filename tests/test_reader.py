"""Every number and date form of spec/workbook.md, through a real .xlsx read by read_workbook."""
import datetime
from decimal import Decimal as D

import pytest
from workbooks import set_identitas, set_nilai

from pipeline.reader import read_workbook


def read(path, config):
    wb, problems = read_workbook(path, config.lke.areas, config.lke.codes)
    assert wb is not None, [str(p) for p in problems]
    return wb


@pytest.mark.parametrize("value, number_format", [
    (88.63, "0.00"),          # a number
    ("88,63", "@"),           # text, decimal comma
    ("88.63", "@"),           # text, decimal point
    ("88,63%", "@"),          # text with a percent sign
    ("88.63 %", "@"),         # ... and a space
    (0.8863, "0.00%"),        # an Excel percentage cell
    (" 88,63\u00a0", "@"),    # surrounded by spaces and a non-breaking space
])
def test_number_forms_all_mean_88_63(example_workbook, config, value, number_format):
    set_nilai(example_workbook, {"P1": value}, number_format)
    assert read(example_workbook, config).nilai["P1"].persen == D("88.63")


@pytest.mark.parametrize("value", [
    datetime.datetime(2025, 5, 19),   # an Excel date
    "2025-05-19",
    "19/05/2025",
    "19 Mei 2025",
    "19 mei 2025",
    " 19\u00a0Mei 2025 ",
])
def test_date_forms_all_mean_19_mei_2025(example_workbook, config, value):
    set_identitas(example_workbook, tanggal_laporan=value)
    assert read(example_workbook, config).identitas.tanggal_laporan == datetime.date(2025, 5, 19)


def test_example_reads_with_no_problem(example_workbook, config):
    wb, problems = read_workbook(example_workbook, config.lke.areas, config.lke.codes)
    assert wb is not None and list(problems) == []
    assert wb.identitas.nilai_tahun_lalu == D("89.24")
    assert [p.butir for p in wb.narasi if p.area == "P1"] == ["a", "b", "c", "d"]


def test_sheet_and_header_names_are_case_and_space_insensitive(example_workbook, config):
    import openpyxl

    wb = openpyxl.load_workbook(example_workbook)
    wb["Nilai"].title = " NILAI "
    wb[" NILAI "]["A1"].value = " Kode "
    wb.save(example_workbook)
    assert read(example_workbook, config).nilai["P1"].persen == D("88.63")


def test_an_unreadable_number_names_its_cell(example_workbook, config):
    set_nilai(example_workbook, {"P3": "delapan puluh"})
    wb, problems = read_workbook(example_workbook, config.lke.areas, config.lke.codes)
    assert wb is None
    messages = [str(p) for p in problems]
    assert any(m.startswith("Nilai!C4: persen: 'delapan puluh' bukan angka") for m in messages), messages
