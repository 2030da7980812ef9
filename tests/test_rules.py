"""Rules across records, on typed models built here (no workbook file, no rendering)."""
from datetime import date
from decimal import Decimal as D
from pathlib import Path

from zidoc.rules import validate
from zidoc.scoring import score
from zidoc.workbook.members import check_team
from zidoc.workbook.model import AnggotaTim, Identitas, NarasiPoint, NilaiRow, Workbook

PERSEN = dict(zip(("P1", "P2", "P3", "P4", "P5", "P6", "H1", "H2", "H3"),
                  map(D, "88.63 92.86 85.82 81.21 88.42 85.81 98.75 75.00 97.25".split())))


def workbook(nilai_resmi=None, areas=("P1", "P2", "P3", "P4", "P5", "P6"), tim=None):
    ident = Identitas(
        tahun=2024, nama_satker="Satker", singkatan_satker="S", tempat="Kota",
        tanggal_laporan=date(2025, 5, 19), penandatangan_nama="N", penandatangan_jabatan="J",
        nilai_resmi=nilai_resmi, cells={"nilai_resmi": "Identitas!B12"},
    )
    nilai = {k: NilaiRow(k, v, f"Nilai!C{n}") for n, (k, v) in enumerate(PERSEN.items(), 2)}
    narasi = tuple(NarasiPoint(a, "a", None, ("teks",), f"Narasi!D{n}")
                   for n, a in enumerate(areas, 2))
    return Workbook(Path("x.xlsx"), ident, nilai, narasi,
                    anggota={} if tim is None else {"Tim": tim})


def run(config, wb):
    return validate(wb, score(config.lke, config.predikat, PERSEN), config)


def test_clean_example_has_no_problem(config):
    assert list(run(config, workbook(nilai_resmi=D("90.19")))) == []


def test_nilai_resmi_off_by_more_than_a_hundredth_is_a_warning_at_its_cell(config):
    problems = run(config, workbook(nilai_resmi=D("90.21")))
    (p,) = problems.warnings
    assert not problems.has_errors
    assert p.place == "Identitas!B12"
    assert "nilai_resmi 90,21 berbeda 0,02 dari nilai akhir hasil hitung 90,19" in p.message


def test_an_area_without_narrative_points_is_named(config):
    (p,) = run(config, workbook(areas=("P1", "P2", "P3", "P4", "P6"))).warnings
    assert p.place == "Narasi" and "area P5 (Penguatan Pengawasan)" in p.message


def test_team_filled_without_decree_row_warns_that_the_sk_is_skipped(config):
    tim = (AnggotaTim("A", "J", "Ketua", "Tim!B2"),)
    (p,) = run(config, workbook(nilai_resmi=D("90.19"), tim=tim)).warnings
    assert p.place == "Dokumen" and "sheet Tim sudah diisi" in p.message


def test_team_needs_exactly_one_ketua():
    tim = (AnggotaTim("A", "J", "Ketua", "Tim!B2"), AnggotaTim("B", "J", "Ketua", "Tim!B3"))
    (p,) = check_team(tim).errors
    assert "tepat satu Ketua (ditemukan 2: Tim!B2, Tim!B3)" in p.message
    assert not check_team(()).items
