"""A corpus of bad workbooks: each is the example workbook with ONE mutation, built here.

Every case runs `zidoc build` and asserts exit status 1, the exact place (`Sheet!Cell`, or
`Sheet` alone for a missing sheet or column) and that the output tree is untouched."""
from __future__ import annotations

import datetime
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import run_cli, run_zidoc_process
from xlsx_edit import (
    BILLION_LAUGHS,
    SHEET_PART,
    XXE,
    add_shared_strings,
    edit_workbook,
    example_bytes,
    example_copy,
    rewrite_part,
    snapshot,
    with_doctype,
)


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], object]
    place: str  # "Sheet!Cell", "Sheet", or "" for a file-level problem
    words: tuple[str, ...]  # all must appear in that problem's line


def cell(sheet: str, coordinate: str, value) -> Callable[[Path], object]:
    def mutate(path: Path):
        def edit(wb):
            wb[sheet][coordinate] = value
        edit_workbook(path, edit)
    return mutate


def edit(change: Callable) -> Callable[[Path], object]:
    return lambda path: edit_workbook(path, change)


def raw(data: bytes) -> Callable[[Path], object]:
    return lambda path: path.write_bytes(data)


def truncated(path: Path):
    data = example_bytes()
    path.write_bytes(data[: len(data) // 2])


def docx_renamed(path: Path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")


def xlsb_renamed(path: Path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")


def strict_open_xml(path: Path):
    rewrite_part(path, "xl/workbook.xml", lambda xml: xml.replace(
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main"))


def entity_in_sheet(doctype: str, entity: str):
    return lambda path: rewrite_part(
        path, SHEET_PART["Narasi"], lambda xml: with_doctype(xml, doctype, entity, "<t>P1</t>"))


def delete_rows(sheet: str, first: int, count: int = 1):
    return edit(lambda wb: wb[sheet].delete_rows(first, count))


def ten_thousand_rows(path: Path):
    def change(wb):
        ws = wb["Narasi"]
        for row in range(19, 10001):
            ws.append(["P1", None, None, f"Butir contoh nomor {row}."])
        ws.append(["P9", None, None, "Baris terakhir dengan area salah."])
        assert ws.max_row == 10001
    edit_workbook(path, change)


def clear_months(path: Path):
    def change(wb):
        for column in "GHIJKLMNOPQR":
            wb["RencanaAksi"][f"{column}2"] = None
    edit_workbook(path, change)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504

CASES = [
    # Not a workbook at all
    Case("random-bytes", raw(os.urandom(4096).replace(b"PK", b"pk")), "", ("bukan workbook",)),
    Case("empty-file", raw(b""), "", ("kosong", "0 byte")),
    Case("truncated-zip", truncated, "", ("rusak atau terpotong",)),
    Case("csv-renamed", raw(b"kunci;nilai\ntahun;2024\nnama_satker;KPU Kota Bengkulu\n"),
         "", ("teks biasa", "CSV", "simpan ulang")),
    Case("old-xls", raw(OLE + b"Workbook" + b"\x00" * 1000), "", (".xls", "Save As", ".xlsx")),
    Case("password-protected", raw(OLE + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 999),
         "", ("kata sandi", "hapus", ".xlsx")),
    Case("docx-renamed", docx_renamed, "", ("bukan workbook", "arsip zip lain")),
    Case("xlsb-renamed", xlsb_renamed, "", (".xlsb", "simpan ulang")),
    Case("strict-open-xml", strict_open_xml, "", ("Strict Open XML", "Excel Workbook (*.xlsx)")),
    # Unsafe XML
    Case("entity-bomb-sheet", entity_in_sheet(BILLION_LAUGHS, "lol9"), "",
         ("ditolak demi keamanan", "bom XML")),
    Case("entity-bomb-shared-strings",
         lambda p: add_shared_strings(p, BILLION_LAUGHS + "<sst><si><t>&lol9;</t></si></sst>"),
         "", ("ditolak demi keamanan",)),
    Case("external-entity", entity_in_sheet(XXE, "xxe"), "", ("ditolak demi keamanan",)),
    # Structure
    Case("missing-sheet", edit(lambda wb: wb.remove(wb["Nilai"])), "Nilai",
         ("sheet 'Nilai' tidak ada",)),
    Case("missing-column", cell("Nilai", "C1", "persentase"), "Nilai",
         ("kolom 'persen'", "baris judul")),
    Case("missing-column-narasi", cell("Narasi", "D1", None), "Narasi", ("kolom 'uraian'",)),
    Case("missing-identitas-key", delete_rows("Identitas", 5), "Identitas",
         ("kunci 'tempat' tidak ada",)),
    Case("duplicate-identitas-key", cell("Identitas", "A5", "tahun"), "Identitas!A5",
         ("kunci 'tahun' ganda", "Identitas!B2")),
    Case("duplicate-code", cell("Nilai", "A3", "P1"), "Nilai!A3", ("kode P1 ganda", "Nilai!A2")),
    Case("missing-code", delete_rows("Nilai", 10), "Nilai", ("kode H3 tidak ada; semua 9 kode (P1, P2, P3, P4, P5, P6, H1, H2, H3) wajib diisi",)),
    Case("unknown-code", cell("Nilai", "A4", "P33"), "Nilai!A4", ("'P33' tidak dikenal", "P1")),
    Case("unknown-area", cell("Narasi", "A2", "P7"), "Narasi!A2", ("area 'P7' tidak dikenal",)),
    Case("unknown-kedudukan", cell("Tim", "F4", "Ketua Tim"), "Tim!F4",
         ("kedudukan 'Ketua Tim' tidak dikenal", "Wakil Ketua")),
    Case("two-ketua", cell("Tim", "F5", "Ketua"), "Tim", ("tepat satu Ketua", "Tim!B4")),
    Case("koordinator-without-area", cell("Tim", "G7", None), "Tim!G7",
         ("harus diberi area",)),
    Case("unknown-dokumen", cell("Dokumen", "A2", "sk"), "Dokumen!A2",
         ("'sk' tidak dikenal", "sk_tim")),
    Case("no-month", clear_months, "RencanaAksi!G2", ("tandai minimal satu bulan",)),
    # Empty required cells
    Case("empty-nama-satker", cell("Identitas", "B3", None), "Identitas!B3", ("wajib diisi",)),
    Case("spaces-only-uraian", cell("Narasi", "D3", " \u00a0 "), "Narasi!D3",
         ("uraian wajib diisi",)),
    Case("empty-persen", cell("Nilai", "C9", None), "Nilai!C9", ("persen wajib diisi",)),
    # Numbers
    Case("number-words", cell("Nilai", "C2", "delapan puluh"), "Nilai!C2",
         ("'delapan puluh' bukan angka", "88,63")),
    Case("number-two-commas", cell("Nilai", "C3", "88,6,3"), "Nilai!C3", ("'88,6,3' bukan angka",)),
    Case("number-above-100", cell("Nilai", "C4", 120), "Nilai!C4", ("antara 0 dan 100", "120")),
    Case("number-negative", cell("Nilai", "C5", -5), "Nilai!C5", ("antara 0 dan 100", "-5")),
    Case("number-negative-text", cell("Nilai", "C5", "-0,5"), "Nilai!C5",
         ("antara 0 dan 100, bukan -0,5",)),
    Case("number-boolean", cell("Nilai", "C7", True), "Nilai!C7", ("TRUE/FALSE",)),
    Case("number-is-date", cell("Nilai", "C8", datetime.datetime(2024, 5, 1)), "Nilai!C8",
         ("tanggal", "angka")),
    Case("nilai-resmi-out-of-range", cell("Identitas", "B12", 200), "Identitas!B12",
         ("nilai_resmi harus antara 0 dan 100",)),
    Case("tahun-words", cell("Identitas", "B2", "dua ribu"), "Identitas!B2",
         ("'dua ribu' bukan bilangan bulat", "2024")),
    Case("tahun-fraction", cell("Identitas", "B2", "2024,5"), "Identitas!B2",
         ("harus bilangan bulat, bukan 2024,5",)),
    Case("tahun-out-of-range", cell("Identitas", "B2", 1999), "Identitas!B2",
         ("antara 2000 dan 2100",)),
    # Dates
    Case("date-31-februari", cell("Identitas", "B6", "31 Februari 2025"), "Identitas!B6",
         ("'31 Februari 2025' tidak ada di kalender",)),
    Case("date-iso-impossible", cell("Dokumen", "C2", "2024-02-30"), "Dokumen!C2",
         ("tidak ada di kalender",)),
    Case("date-unknown-month", cell("Dokumen", "C3", "4 Januri 2024"), "Dokumen!C3",
         ("bulan 'Januri' tidak dikenal",)),
    Case("date-words", cell("Identitas", "B6", "minggu depan"), "Identitas!B6",
         ("bukan tanggal", "19 Mei 2025")),
    Case("nip-short", cell("Tim", "C3", "12345"), "Tim!C3", ("18 angka",)),
    # Formulas, Excel errors, merged cells, long text
    Case("formula-not-calculated", cell("Nilai", "C2", "=88+0.63"), "Nilai!C2",
         ("=88+0.63", "belum pernah dihitung", "Excel atau LibreOffice", "simpan")),
    Case("formula-not-calculated-text", cell("Identitas", "B5", '=UPPER("bengkulu")'),
         "Identitas!B5", ("belum pernah dihitung",)),
    Case("excel-error-div0", cell("Nilai", "C6", "#DIV/0!"), "Nilai!C6", ("galat Excel #DIV/0!",)),
    Case("excel-error-ref", cell("Narasi", "D2", "#REF!"), "Narasi!D2", ("galat Excel #REF!",)),
    Case("excel-error-na-month", cell("RencanaAksi", "G2", "#N/A"), "RencanaAksi!G2",
         ("galat Excel #N/A",)),
    Case("excel-error-in-percent-cell", edit(lambda wb: (
        wb["Nilai"].__setitem__("C10", "#VALUE!"),
        setattr(wb["Nilai"]["C10"], "number_format", "0.00%"))), "Nilai!C10",
         ("galat Excel #VALUE!",)),
    Case("merged-cells", edit(lambda wb: wb["Narasi"].merge_cells("A3:A4")), "Narasi!A3",
         ("A3:A4 digabung", "Unmerge")),
    Case("merged-header", edit(lambda wb: wb["Nilai"].merge_cells("B1:C1")), "Nilai!B1",
         ("B1:C1 digabung",)),
    Case("very-long-text", cell("Narasi", "D2", "kata " * 1500), "Narasi!D2",
         ("terlalu panjang", "7499 karakter")),
    Case("ten-thousand-rows", ten_thousand_rows, "Narasi!A10001", ("area 'P9' tidak dikenal",)),
    Case("stray-value-in-last-excel-row", cell("Nilai", "C1048576", "x"), "Nilai!C1048576",
         ("'x' bukan angka",)),
]


def problem_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


@pytest.fixture
def outputs(workspace) -> Path:
    """The workspace's outputs/ with an earlier build in it, so 'changed' is visible too."""
    folder = workspace / "outputs" / "2024" / "kpu-kota-bengkulu"
    folder.mkdir(parents=True)
    (folder / "laporan-pelaksanaan-zi-2024.docx").write_bytes(b"earlier build")
    (folder / "manifest.json").write_text("{}", encoding="utf-8")
    return workspace / "outputs"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_workbook_is_refused_and_nothing_written(case: Case, workspace, outputs, tmp_path):
    path = example_copy(tmp_path / "isian.xlsx")
    case.mutate(path)
    before = snapshot(outputs)

    result = run_cli("build", str(path))

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = problem_lines(result.output)
    if case.place:
        matching = [line for line in lines if line.startswith(f"{case.place}: ")]
    else:  # a file-level problem names the file
        matching = [line for line in lines if line.startswith("berkas isian.xlsx ")]
    assert matching, (case.place, lines)
    assert any(all(word in line for word in case.words) for line in matching), matching
    assert "tidak ada berkas yang ditulis" in result.output
    assert snapshot(outputs) == before


@pytest.mark.parametrize("case", [c for c in CASES if c.id in (
    "missing-sheet", "number-words", "formula-not-calculated")], ids=lambda c: c.id)
def test_validate_shows_the_same_problems_as_build(case: Case, workspace, tmp_path):
    path = example_copy(tmp_path / "isian.xlsx")
    case.mutate(path)
    built = run_cli("build", str(path))
    checked = run_cli("validate", str(path))
    assert checked.exit_code == 1
    assert problem_lines(checked.output) == problem_lines(built.output)
    assert any(line.startswith(f"{case.place}: ") for line in problem_lines(checked.output))


def test_all_problems_reported_at_once_sorted(workspace, tmp_path):
    path = example_copy(tmp_path / "isian.xlsx")

    def change(wb):
        wb["Nilai"]["C10"] = "abc"
        wb["Nilai"]["C2"] = -1
        wb["Narasi"]["A5"] = "X"
        wb["Identitas"]["B6"] = "30 Februari 2025"
    edit_workbook(path, change)
    result = run_cli("validate", str(path))
    assert result.exit_code == 1
    places = [line.split(": ")[0] for line in problem_lines(result.output)]
    assert places == ["Identitas!B6", "Narasi!A5", "Nilai!C2", "Nilai!C10"]


def test_error_in_one_workbook_leaves_output_untouched_even_with_earlier_folder(
        workspace, outputs, tmp_path):
    """A second run with a broken workbook must not touch the previous good build."""
    good = example_copy(tmp_path / "baik.xlsx")
    assert run_cli("build", str(good)).exit_code == 0
    before = snapshot(outputs)
    bad = example_copy(tmp_path / "rusak.xlsx")
    cell("Nilai", "C2", "delapan puluh")(bad)
    assert run_cli("build", str(bad)).exit_code == 1
    assert snapshot(outputs) == before


@pytest.mark.parametrize("case", [c for c in CASES if c.id in (
    "entity-bomb-sheet", "old-xls", "missing-sheet")], ids=lambda c: c.id)
def test_real_process_has_no_traceback(case: Case, workspace, tmp_path):
    path = example_copy(tmp_path / "isian.xlsx")
    case.mutate(path)
    done = run_zidoc_process("build", str(path), cwd=workspace)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert list((workspace / "outputs").iterdir()) == []


def test_usage_errors_exit_2(workspace, tmp_path):
    assert run_cli("build", str(tmp_path / "tidak-ada.xlsx")).exit_code == 2
    assert run_cli("build", "--only", "semua").exit_code == 2
    assert run_cli("perintah-salah").exit_code == 2
    # A folder is taken as its workbooks (issue 22); one without any is exit 1, not usage.
    empty = run_cli("build", str(tmp_path))
    assert empty.exit_code == 1 and "Tidak ada workbook isian (.xlsx)" in empty.output
    assert list((workspace / "outputs").iterdir()) == []
