"""The quarterly monitoring report of the action plan (spec/documents.md section 4).

The arithmetic is checked against the spec's worked example with the expected figures worked
out here by hand (fractions), never by the code under test; then the same example goes through
a real workbook and the figures are read back from the Word document."""
from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from conftest import docx_text, run_cli
from zidoc.monev import (
    BELUM_DIJADWALKAN,
    SELESAI,
    SESUAI_JADWAL,
    TERLAMBAT,
    latest_row,
    monitor,
    target,
)
from zidoc.workbook.model import MONTHS, Aksi, Realisasi
from zidoc.workbook.values import ValueProblem, parse_triwulan

OUT = Path("outputs") / "2024" / "kpu-kota-bengkulu"
TW1 = "laporan-monev-rencana-aksi-zi-2024-tw1.docx"
TW2 = "laporan-monev-rencana-aksi-zi-2024-tw2.docx"
LAPORAN = "laporan-pelaksanaan-zi-2024.docx"


def months(*names: str) -> tuple[bool, ...]:
    return tuple(m in names for m in MONTHS)


def aksi(kode: str, *planned: str, area: str = "P1") -> Aksi:
    return Aksi(area=area, kegiatan=f"Kegiatan {kode}", bulan=months(*planned), cell="x",
                kode=kode)


def real(kode: str, triwulan: int, value: str, **extra) -> Realisasi:
    return Realisasi(kode, triwulan, Decimal(value), "x", **extra)


# The spec's worked example: A planned Mar, Jun, Sep, Dec (40 at TW1, 45 at TW2); B planned Feb
# (100 at TW1); C planned Nov (no row).
A, B, C = aksi("A", "mar", "jun", "sep", "des"), aksi("B", "feb"), aksi("C", "nov")
ROWS = (real("A", 1, "40"), real("A", 2, "45"), real("B", 1, "100"))
AREAS = (("P1", "Manajemen Perubahan"),)


# --- arithmetic ---------------------------------------------------------------------------------

def test_worked_example_quarter_2():
    result = monitor((A, B, C), ROWS, 2, AREAS)
    assert [(a.target, a.realisasi, a.status) for a in result.aksi] == [
        (50, 45, TERLAMBAT), (100, 100, SELESAI), (0, 0, BELUM_DIJADWALKAN)]
    # (45 + 100) / (50 + 100) x 100 = 290/3, by hand.
    expected = Fraction(145, 150) * 100
    assert expected == Fraction(290, 3)
    total = result.total
    assert abs(Fraction(total.capaian) - expected) < Fraction(1, 10**20)  # 28 digits kept
    assert total.capaian.quantize(Decimal("0.01")) == Decimal("96.67")
    assert (total.aksi, total.dijadwalkan, total.selesai, total.terlambat) == (3, 2, 1, 1)
    assert result.areas[0].ringkasan == total  # one area: the same figures


def test_worked_example_quarter_1_and_4():
    q1 = monitor((A, B, C), ROWS, 1, AREAS)
    # A: 1 of 4 months by March -> 25, realisation 40 (ahead); B: Feb -> 100, done; C: 0.
    assert [(a.target, a.realisasi, a.status) for a in q1.aksi] == [
        (25, 40, SESUAI_JADWAL), (100, 100, SELESAI), (0, 0, BELUM_DIJADWALKAN)]
    assert q1.total.capaian == 100  # min(40, 25) + 100 over 25 + 100: ahead counts as on target
    q4 = monitor((A, B, C), ROWS, 4, AREAS)
    # A: 45 of 100; C: due in Nov, nothing -> late. (45 + 100 + 0) / 300 x 100 = 48,33...
    assert [a.status for a in q4.aksi] == [TERLAMBAT, SELESAI, TERLAMBAT]
    assert q4.total.capaian.quantize(Decimal("0.01")) == Decimal("48.33")


def test_target_is_exact_in_thirds():
    plan = months("jan", "mei", "sep")
    assert [target(plan, n) for n in (1, 2, 3, 4)] == [
        Fraction(100, 3), Fraction(200, 3), Fraction(100), Fraction(100)]
    assert target(months(), 2) == 0  # no month planned (the reader refuses it anyway)


def test_realisation_is_the_latest_row_up_to_the_quarter():
    rows = (real("D", 3, "80"), real("D", 1, "20"))
    assert [getattr(latest_row(rows, n), "realisasi", None) for n in (1, 2, 3, 4)] == [
        20, 20, 80, 80]
    assert latest_row((real("D", 2, "5"),), 1) is None


def test_statuses_and_areas():
    plan = (aksi("E", "jan", area="P2"), aksi("F", "des", area="P2"),
            aksi("G", "jun", area="P3"))
    rows = (real("E", 1, "100"), real("F", 1, "30"), real("G", 2, "99.99"))
    areas = (("P1", "Satu"), ("P2", "Dua"), ("P3", "Tiga"))
    result = monitor(plan, rows, 2, areas)
    # E done; F not due yet but started -> on schedule; G due, 99,99 < 100 -> late.
    assert [a.status for a in result.aksi] == [SELESAI, SESUAI_JADWAL, TERLAMBAT]
    assert [a.kode for a in result.areas] == ["P2", "P3"]  # P1 has no action: no row
    p2, p3 = (a.ringkasan for a in result.areas)
    assert (p2.dijadwalkan, p2.capaian) == (1, 100)  # F (target 0) is left out of capaian
    assert p3.capaian == Decimal("99.99")
    only_later = monitor((aksi("H", "des"),), (), 1, AREAS)
    assert only_later.total.capaian is None  # nothing scheduled yet: no capaian at all


@pytest.mark.parametrize("value,expected", [
    (2, 2), (2.0, 2), ("3", 3), ("II", 2), ("iv", 4), ("TW 2", 2), ("tw1", 1), ("TW II", 2),
    ("Triwulan 3", 3), (" TW. 4 ", 4),
])
def test_parse_triwulan(value, expected):
    assert parse_triwulan(value) == expected


@pytest.mark.parametrize("value", [0, 5, "5", "V", "TW 0", "x", "2,5", 1.5, "kuartal 2"])
def test_parse_triwulan_refuses(value):
    with pytest.raises(ValueProblem):
        parse_triwulan(value)


# --- through a real workbook --------------------------------------------------------------------

AKSI_HEAD = ["kode", "area", "kegiatan", "output", "penanggung_jawab", *MONTHS]
REAL_HEAD = ["kode", "triwulan", "realisasi", "bukti_dukung", "kendala", "tindak_lanjut"]


def plan_row(kode: str, kegiatan: str, *planned: str, area: str = "P1") -> list:
    return [kode, area, kegiatan, "Output", "Pokja", *("x" if m in planned else None
                                                        for m in MONTHS)]


WORKED_PLAN = [
    plan_row("RA-A", "Kegiatan A triwulanan", "mar", "jun", "sep", "des"),
    plan_row("RA-B", "Kegiatan B Februari", "feb"),
    plan_row("RA-C", "Kegiatan C November", "nov"),
]
WORKED_REAL = [
    ["RA-A", "TW 1", 40, "Laporan A1", None, None],
    ["RA-A", "II", "45%", "Laporan A2", "Anggaran <belum> cair & tertunda", "Usulan revisi"],
    ["RA-B", 1, 100, "SK B", "Catatan B", "Tidak ada"],
]


def set_sheet(path: Path, name: str, headers: list[str] | None, rows=()) -> None:
    """Replace (headers=None: delete) a sheet of the workbook at `path`."""
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(name) if name in wb.sheetnames else len(wb.sheetnames)
    if name in wb.sheetnames:
        del wb[name]
    if headers is not None:
        ws = wb.create_sheet(name, index)
        ws.append(headers)
        for row in rows:
            ws.append(list(row))
    wb.save(path)


@pytest.fixture
def worked(example_workbook) -> Path:
    set_sheet(example_workbook, "RencanaAksi", AKSI_HEAD, WORKED_PLAN)
    set_sheet(example_workbook, "Realisasi", REAL_HEAD, WORKED_REAL)
    return example_workbook


def tables(path: Path) -> list[list[list[str]]]:
    from docx import Document

    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(path)).tables]


def test_worked_example_in_the_document(workspace, worked):
    result = run_cli("build", str(worked), "--only", "monev", cwd=workspace)
    assert result.exit_code == 0, result.output
    path = workspace / OUT / TW2  # the latest quarter with a Realisasi row
    assert [p.name for p in (workspace / OUT).glob("*.docx")] == [TW2]
    text = docx_text(path)
    assert ("LAPORAN MONITORING DAN EVALUASI PELAKSANAAN RENCANA AKSI PEMBANGUNAN ZONA "
            "INTEGRITAS KOMISI PEMILIHAN UMUM KOTA BENGKULU TRIWULAN II TAHUN 2024") in text
    assert "Nomor 28 Tahun 2024 tanggal 4 Januari 2024" in text  # the Rencana Aksi decree
    assert "Bengkulu, 5 Juli 2024" in text  # Dokumen monev_tw2
    summary, area, kendala = [t for t in tables(path) if len(t[0]) > 2]
    assert summary[0][0] == "No" and summary[1][1] == "Manajemen Perubahan"
    assert summary[1][2:] == ["3", "2", "1", "1", "96,67%"]
    assert summary[-1][1:] == ["Jumlah", "3", "2", "1", "1", "96,67%"]
    assert [r[1:5] for r in area[1:4]] == [
        ["Kegiatan A triwulanan", "50,00%", "45,00%", "Terlambat"],
        ["Kegiatan B Februari", "100,00%", "100,00%", "Selesai"],
        ["Kegiatan C November", "0,00%", "0,00%", "Belum dijadwalkan"],
    ]
    assert [r[5] for r in area[1:4]] == ["Laporan A2", "SK B", "-"]
    assert area[-1][-1] == "96,67%"
    # Late actions first; workbook text lands literally (escaped).
    assert [r[1:] for r in kendala[1:]] == [
        ["Kegiatan A triwulanan", "Terlambat", "Anggaran <belum> cair & tertunda",
         "Usulan revisi"],
        ["Kegiatan B Februari", "Selesai", "Catatan B", "Tidak ada"],
    ]
    from docx import Document

    document = Document(str(path))
    assert len(document.inline_shapes) == 1  # the capaian chart, a native Word chart:
    (chart,) = [r.target_part for r in document.part.rels.values()
                if r.reltype.endswith("/chart")]
    cache = chart.blob.decode("utf-8")
    assert "<c:v>Manajemen Perubahan</c:v>" in cache and "<a:t>96,67</a:t>" in cache  # P1
    # Room above a 100% bar: its label stays clear of the legend (seen in LibreOffice).
    assert re.search(r'<c:valAx>.*<c:max val="110(\.0)?"/>', cache, re.S)
    assert 'descr="' in document.element.xml.split("<wp:docPr", 1)[1].split(">", 1)[0]
    header_rows = [t.rows[0]._tr.trPr for t in document.tables if len(t.columns) > 2]
    assert all(tr is not None and tr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
        for tr in header_rows)  # repeated on every page


def test_an_earlier_quarter_and_each_quarter_its_own_file(workspace, worked):
    assert run_cli("build", str(worked), "--only", "monev", cwd=workspace).exit_code == 0
    result = run_cli("build", str(worked), "--only", "monev", "--triwulan", "1", cwd=workspace)
    assert result.exit_code == 0, result.output
    folder = workspace / OUT
    rows = [t for t in tables(folder / TW1) if len(t[0]) > 2]
    assert rows[0][-1][1:] == ["Jumlah", "3", "2", "1", "0", "100,00%"]
    assert [r[2:5] for r in rows[1][1:4]] == [["25,00%", "40,00%", "Sesuai jadwal"],
                                             ["100,00%", "100,00%", "Selesai"],
                                             ["0,00%", "0,00%", "Belum dijadwalkan"]]
    assert "Bengkulu, 5 April 2024" in docx_text(folder / TW1)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [(d["jenis"], d["berkas"]) for d in manifest["dokumen"]] == [
        ("monev", TW1), ("monev", TW2)]  # both kept, in quarter order
    # Each entry keeps its quarter's exact capaian (by hand: 125/125 and 290/3).
    figures = [d["ringkasan"] for d in manifest["dokumen"]]
    assert [f["triwulan"] for f in figures] == ["1", "2"]
    assert Decimal(figures[0]["capaian"]) == 100
    assert Decimal(figures[1]["capaian"]).quantize(Decimal("1e-20")) == (
        Decimal(290) / Decimal(3)).quantize(Decimal("1e-20"))
    status = run_cli("status", cwd=workspace)
    lines = [line for line in status.output.splitlines() if "laporan-monev" in line]
    assert len(lines) == 2 and all("Laporan Monev Rencana Aksi" in line for line in lines)
    # The recap shows the latest quarter's capaian, rounded half up as printed.
    assert run_cli("rekap", "--tahun", "2024", cwd=workspace).exit_code == 0
    ws = openpyxl.load_workbook(workspace / "outputs" / "2024" / "rekap-zi-2024.xlsx")["Rekap"]
    row = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]]))
    assert row["Monev rencana aksi (triwulan)"] == "II"
    assert row["Capaian rencana aksi (%)"] == 96.67


def test_later_quarter_than_the_data_is_skipped(workspace, worked):
    result = run_cli("build", str(worked), "--only", "monev", "--triwulan", "3", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert ("Dilewati: Laporan Monev Rencana Aksi (laporan-monev-rencana-aksi-zi-2024-tw3.docx) "
            "tidak disusun karena sheet Realisasi belum berisi data triwulan III (yang "
            "terakhir: triwulan II).") in result.output
    assert not list((workspace / OUT).glob("*.docx"))
    bad = run_cli("build", str(worked), "--triwulan", "5", cwd=workspace)
    assert bad.exit_code != 0 and "nilai 5 untuk --triwulan harus antara 1 dan 4." in bad.output


def test_missing_dokumen_row_of_the_quarter(workspace, worked):
    set_sheet(worked, "Dokumen", ["dokumen", "nomor", "tanggal"],
              [["rencana_aksi", "28", datetime.date(2024, 1, 4)],
               ["monev_tw1", None, datetime.date(2024, 4, 5)]])
    result = run_cli("build", str(worked), "--only", "monev", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert ("tidak disusun karena sheet Dokumen belum memuat baris 'monev_tw2' (tanggal laporan "
            "monitoring triwulan itu).") in result.output


def test_laporan_sentence_and_no_realisasi(workspace, worked):
    result = run_cli("build", str(worked), "--only", "laporan", cwd=workspace)
    assert result.exit_code == 0, result.output
    text = docx_text(workspace / OUT / LAPORAN)
    sentence = ("Sampai dengan triwulan II, capaian rencana aksi 96,67% (1 dari 3 kegiatan "
                "selesai, 1 terlambat).")
    assert sentence in text
    # Under Manajemen Perubahan, before the next area (area headings are numbered by Word).
    from docx import Document
    from word_lists import label_of

    doc = Document(str(workspace / OUT / LAPORAN))
    printed = [f"{label_of(doc, p._p)} {p.text}".strip() for p in doc.paragraphs]
    at = {line: n for n, line in enumerate(printed)}
    assert at["1. Manajemen Perubahan"] < at[sentence] < at["2. Penataan Tatalaksana"]

    set_sheet(worked, "Realisasi", None)  # no Realisasi: no report, no sentence, no line
    result = run_cli("build", str(worked), cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "Dilewati" not in result.output
    assert "capaian rencana aksi" not in docx_text(workspace / OUT / LAPORAN)
    only = run_cli("build", str(worked), "--only", "monev", cwd=workspace)
    assert only.exit_code == 0, only.output
    assert [line for line in only.output.splitlines() if line.startswith("Dilewati")] == [
        "Dilewati: Laporan Monev Rencana Aksi (laporan-monev-rencana-aksi-zi-2024-twN.docx) "
        "tidak disusun karena sheet Realisasi tidak ada di workbook."]


def test_errors_at_their_cells(workspace, example_workbook):
    plan = [*WORKED_PLAN, plan_row("ra-b", "Kegiatan kembar", "jan")]  # kode twice (any case)
    set_sheet(example_workbook, "RencanaAksi", AKSI_HEAD, plan)
    set_sheet(example_workbook, "Realisasi", REAL_HEAD, [
        ["RA-X", 1, 10],        # row 2: unknown kode
        ["RA-A", 1, 10],        # row 3
        ["ra-a", "I", 20],      # row 4: the same action and quarter again
        ["RA-B", 5, 10],        # row 5: quarter outside 1-4
        ["RA-C", 2, 120],       # row 6: realisation outside 0-100
        ["RA-A", 2, "-5"],      # row 7: negative
    ])
    result = run_cli("validate", str(example_workbook), cwd=workspace)
    assert result.exit_code == 1
    lines = [line.strip() for line in result.output.splitlines()]
    expected = {
        "RencanaAksi!A5": "kode ra-b ganda (sudah ada di RencanaAksi!A3)",
        "Realisasi!A2": "kode RA-X tidak dikenal",
        "Realisasi!B4": "realisasi RA-A triwulan 1 ganda (sudah ada di Realisasi!B3)",
        "Realisasi!B5": "triwulan: harus 1, 2, 3 atau 4, bukan 5.",
        "Realisasi!C6": "realisasi harus antara 0 dan 100, bukan 120",
        "Realisasi!C7": "realisasi harus antara 0 dan 100, bukan -5",
    }
    for place, message in expected.items():
        assert any(line.startswith(f"{place}: ") and message in line for line in lines), (
            place, lines)
    assert not any("Dilewati" in line for line in lines)


def test_realisation_going_down_is_a_warning(workspace, worked):
    set_sheet(worked, "Realisasi", REAL_HEAD, [["RA-A", 1, 40], ["RA-A", 2, 30]])
    result = run_cli("validate", str(worked), cwd=workspace)
    assert result.exit_code == 0, result.output
    line = next(line.strip() for line in result.output.splitlines() if "turun" in line)
    assert line.startswith("Realisasi!C3: ")
    assert "realisasi RA-A turun dari 40 (triwulan 1, Realisasi!C2) menjadi 30" in line


def test_kode_column_needed_for_realisasi(workspace, example_workbook):
    wb = openpyxl.load_workbook(example_workbook)
    ws = wb["RencanaAksi"]
    ws.delete_cols([c.value for c in ws[1]].index("kode") + 1)
    wb.save(example_workbook)
    result = run_cli("validate", str(example_workbook), cwd=workspace)
    assert result.exit_code == 1
    assert "Realisasi!A2: " in result.output
    assert "lembar RencanaAksi belum punya kolom kode" in result.output
    assert "Tambahkan kolom kode di lembar RencanaAksi" in result.output  # the step to take


def test_dokumen_nomor_required_for_a_keputusan_only(workspace, example_workbook):
    set_sheet(example_workbook, "Dokumen", ["dokumen", "nomor", "tanggal"], [
        ["sk_tim", None, datetime.date(2024, 1, 2)],
        ["monev_tw2", None, datetime.date(2024, 7, 5)],
    ])
    result = run_cli("validate", str(example_workbook), cwd=workspace)
    assert result.exit_code == 1
    assert "Dokumen!B2: nomor wajib diisi." in result.output
    assert "Dokumen!B3" not in result.output


def test_action_without_kode_is_a_warning_when_progress_is_recorded(workspace, worked):
    wb = openpyxl.load_workbook(worked)
    wb["RencanaAksi"].append(plan_row(None, "Kegiatan tanpa kode", "jan"))  # row 5
    wb.save(worked)
    result = run_cli("validate", str(worked), cwd=workspace)
    assert result.exit_code == 0, result.output
    assert ("RencanaAksi!A5: peringatan: kegiatan 'Kegiatan tanpa kode' belum punya kode"
            in result.output)
    set_sheet(worked, "Realisasi", None)  # no progress recorded: no warning
    assert "belum punya kode" not in run_cli("validate", str(worked), cwd=workspace).output


def test_a_quarter_with_nothing_scheduled_has_no_capaian(workspace, example_workbook):
    """Only November/December actions, a 0 at TW1: no capaian to print, and no sentence
    that ends in a dash."""
    set_sheet(example_workbook, "RencanaAksi", AKSI_HEAD, [
        plan_row("RA-N", "Kegiatan November", "nov"),
        plan_row("RA-D", "Kegiatan Desember", "des", area="P2")])
    set_sheet(example_workbook, "Realisasi", REAL_HEAD, [["RA-N", 1, 0, None, None, None]])
    result = run_cli("build", str(example_workbook), "--only", "monev", "--only", "laporan",
                     cwd=workspace)
    assert result.exit_code == 0, result.output
    report = docx_text(workspace / OUT / TW1)
    assert ("2 kegiatan, 0 kegiatan telah dijadwalkan sampai dengan triwulan ini, 0 kegiatan "
            "telah selesai dan 0 kegiatan terlambat dari jadwal; karena belum ada kegiatan "
            "yang dijadwalkan, capaian belum dapat dihitung.") in report
    assert "capaian rencana aksi -" not in report
    summary = [t for t in tables(workspace / OUT / TW1) if len(t[0]) > 2][0]
    assert summary[-1][1:] == ["Jumlah", "2", "0", "0", "0", "-"]
    assert ("Sampai dengan triwulan I, belum ada kegiatan rencana aksi yang dijadwalkan "
            "(0 dari 2 kegiatan selesai).") in docx_text(workspace / OUT / LAPORAN)
