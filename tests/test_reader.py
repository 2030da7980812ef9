"""read_workbook on real files: the example, names matched loosely, cells named in messages.
(Every number and date form: tests/test_values.py.)"""
from decimal import Decimal as D

from xlsx_edit import set_nilai
from zidoc.workbook.reader import read_workbook


def read(path, config):
    wb, problems = read_workbook(path, config.lke.areas, config.lke.codes,
                                 documents=config.documents)
    assert wb is not None, [str(p) for p in problems]
    return wb


def test_example_reads_with_no_problem(example_workbook, config):
    wb, problems = read_workbook(example_workbook, config.lke.areas, config.lke.codes,
                                 documents=config.documents)
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
    wb, problems = read_workbook(example_workbook, config.lke.areas, config.lke.codes,
                                 documents=config.documents)
    assert wb is None
    messages = [str(p) for p in problems]
    assert any(m.startswith("Nilai!C4: persen: 'delapan puluh' bukan angka") for m in messages), messages
