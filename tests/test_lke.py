"""The LKE calculator (spec/lke.md): the structure file, the arithmetic, the LKE sheet.

Expected figures are computed here independently (fractions, by hand from the spec's worked
example), never taken from zidoc.lke."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO
from xlsx_edit import set_nilai
from zidoc.config import ConfigError, load_config, tomllib
from zidoc.lke import (
    LKE_NAME,
    answer_score,
    load_structure,
    parse_structure,
    score_answers,
)
from zidoc.workbook.model import LkeAnswers, LkeQuestion

CONFIG = load_config(REPO / "config.toml")
STRUCTURE = load_structure(REPO / LKE_NAME, CONFIG.lke)

# The worked example of lke.md: P1's questions; every other question answered in full.
# (indikator, jenis, jawaban, target)
P1_ANSWERS = [
    ("P1.A.1", "ya/tidak", "Ya", None), ("P1.A.1", "ya/tidak", "Ya", None),
    ("P1.A.2", "ya/tidak", "Ya", None), ("P1.A.2", "a-c", "B", None),
    ("P1.A.2", "a-c", "C", None),
    ("P1.A.3", "a-d", "A", None), ("P1.A.3", "a-d", "B", None),
    ("P1.A.4", "a-e", "A", None), ("P1.A.4", "a-e", "A", None), ("P1.A.4", "a-e", "C", None),
    ("P1.B.1", "angka", 8, 10), ("P1.B.2", "ya/tidak", "Ya", None),
    ("P1.B.3", "persen", 50, None),
]
# By hand: (1+1)/2 x 0,5; (1+0,5+0)/3 x 1; (1+0,67)/2 x 1; (1+1+0,5)/3 x 1,5; 0,8 x 2; 1; 0,5.
P1_EXPECTED = {
    "P1.A.1": Fraction(1, 2), "P1.A.2": Fraction(1, 2), "P1.A.3": Fraction(835, 1000),
    "P1.A.4": Fraction(5, 4), "P1.B.1": Fraction(8, 5), "P1.B.2": Fraction(1),
    "P1.B.3": Fraction(1, 2),
}


def worked_example() -> list[tuple]:
    rows = list(P1_ANSWERS)
    for indicator in STRUCTURE.indicators:
        if indicator.area != "P1":
            rows.append((indicator.kode, "ya/tidak", "Ya", None))
            rows.append((indicator.kode, "a-e", "A", None))
    return rows


def answers(rows) -> LkeAnswers:
    def score(jenis, jawaban, target):
        if jenis in ("angka", "persen"):
            jawaban = Decimal(jawaban)
        return answer_score(STRUCTURE, jenis, jawaban, None if target is None else Decimal(target))

    return LkeAnswers("LKE", tuple(
        LkeQuestion(kode, None if jawaban is None else score(jenis, jawaban, target), f"LKE!E{n}")
        for n, (kode, jenis, jawaban, target) in enumerate(rows, 2)))


# --- the structure file ------------------------------------------------------------------------
def test_packaged_structure_matches_the_spec_table():
    spec = (REPO.parent / "shared" / "spec" / "lke.md")
    weights = {i.kode: i.bobot for i in STRUCTURE.indicators}
    assert len(weights) == 42
    # Sums of lke.md: pemenuhan 30, reform 30; each area's A and B half its bobot.
    pemenuhan = sum(w for k, w in weights.items() if ".A." in k)
    reform = sum(w for k, w in weights.items() if ".B." in k)
    assert (pemenuhan, reform) == (30, 30)
    for area in CONFIG.lke.pengungkit:
        for letter in "AB":
            assert sum(w for k, w in weights.items() if k.startswith(f"{area.kode}.{letter}.")) \
                == area.bobot / 2
    if spec.is_file():  # every "code name weight" of the spec's table is in the file
        text = spec.read_text(encoding="utf-8")
        for indicator in STRUCTURE.indicators:
            bobot = format(indicator.bobot.normalize(), "f").replace(".", ",")
            assert f"{indicator.kode} {indicator.nama} {bobot}" in text, indicator.kode
    assert STRUCTURE.jawaban["a-d"] == {"A": 1, "B": Decimal("0.67"), "C": Decimal("0.33"),
                                        "D": 0}


def broken(text: str, old: str, new: str) -> list[str]:
    assert old in text
    changed = text.replace(old, new, 1)
    with pytest.raises(ConfigError) as caught:
        parse_structure(tomllib.loads(changed), CONFIG.lke, changed)
    return caught.value.lines


def line_of(text: str, needle: str, start: str = "") -> int:
    offset = text.index(start) if start else 0
    return text[:text.index(needle, offset)].count("\n") + 1


def test_structure_problems_name_their_line():
    text = (REPO / LKE_NAME).read_text(encoding="utf-8")
    # A weight that breaks its component's total: the line of the component's first entry.
    lines = broken(text, 'nama = "Tim Kerja"\nbobot = "0.5"', 'nama = "Tim Kerja"\nbobot = "0.75"')
    assert len(lines) == 1
    assert lines[0].startswith(f"lke.toml baris {line_of(text, '[[area.pemenuhan]]')}: ")
    assert "P1.A.1 0.75 + P1.A.2 1 + P1.A.3 1 + P1.A.4 1.5 = 4.25" in lines[0]
    # Component totals that do not add up to config's area weight.
    lines = broken(text, 'bobot_reform = "4"', 'bobot_reform = "5"')
    reform_line = line_of(text, 'bobot_reform = "')
    assert any(f"baris {reform_line}:" in line and "(8)" in line
               and "4 + 5 = 9" in line for line in lines), lines
    # A score above 1, on its line.
    lines = broken(text, 'B = "0.5", C = "0" }', 'B = "1.5", C = "0" }')
    table_line = line_of(text, '"a-c"')
    assert lines == [f"lke.toml baris {table_line}: skor 'jawaban.a-c.B' harus "
                     "antara 0 dan 1, bukan 1.5."]
    # An area that config does not know.
    lines = broken(text, 'kode = "P6"', 'kode = "P7"')
    assert any("area 'P7' tidak ada di [lke] config.toml" in line for line in lines)


# --- the arithmetic ----------------------------------------------------------------------------
def test_worked_example_of_the_spec():
    scores = score_answers(STRUCTURE, answers(worked_example()))
    (p1,) = [a for a in scores.areas if a.kode == "P1"]
    got = {i.indicator.kode: i.nilai for c in p1.components for i in c.items}
    assert {k: Fraction(v) for k, v in got.items()} == P1_EXPECTED
    assert Fraction(p1.component("pemenuhan").nilai) == Fraction(3085, 1000)
    assert Fraction(p1.component("reform").nilai) == Fraction(31, 10)
    assert Fraction(p1.nilai) == Fraction(6185, 1000)
    assert Fraction(p1.persen) == Fraction(6185, 1000) / 8 * 100 == Fraction(773125, 10000)
    # Every other area: each indicator's questions score 1 and 1, so 100 %.
    assert all(a.persen == 100 for a in scores.areas if a.kode != "P1")


def test_multiply_before_dividing_keeps_thirds_exact():
    # 2,5 x 1,5 / 3 is exactly 1,25 (a-e answers A, A, C on the 1,5 indicator P1.A.4).
    scores = score_answers(STRUCTURE, answers(P1_ANSWERS))
    item = next(i for i in scores.indicators if i.indicator.kode == "P1.A.4")
    assert item.nilai == Decimal("1.25")


def test_unanswered_questions_are_left_out_and_an_empty_indicator_scores_zero():
    rows = [("P1.A.2", "ya/tidak", "Ya", None), ("P1.A.2", "a-c", None, None),
            ("P1.A.3", "a-d", None, None)]
    scores = score_answers(STRUCTURE, answers(rows))
    by_code = {i.indicator.kode: i for i in scores.indicators}
    assert by_code["P1.A.2"].nilai == 1 and by_code["P1.A.2"].dijawab == 1
    assert by_code["P1.A.3"].nilai == 0 and by_code["P1.A.3"].pertanyaan == 1


def test_largest_losses_in_order():
    rows = [(i.kode, "ya/tidak", "Ya", None) for i in STRUCTURE.indicators]
    # Lose 3 on P5.B.2 (Tidak), 2,5 x 0,5 on P6.B.1 (C of a-e), 1 on P1.B.2 ...
    losses = {"P5.B.2": ("ya/tidak", "Tidak"), "P6.B.1": ("a-e", "C"),
              "P1.B.2": ("ya/tidak", "Tidak"), "P3.A.4": ("a-c", "B"),
              "P2.A.3": ("ya/tidak", "Tidak"), "P4.A.1": ("a-e", "D")}
    rows = [(k, *losses.get(k, (j, a)), t) for k, j, a, t in rows]
    scores = score_answers(STRUCTURE, answers(rows))
    top = scores.largest_losses(5)
    # By hand: P5.B.2 3; P4.A.1 2,5 x 0,75 = 1,875; P6.B.1 1,25; P1.B.2 1; P3.A.4 2 x 0,5 = 1.
    assert [(i.indicator.kode, Fraction(i.kehilangan)) for i in top] == [
        ("P5.B.2", 3), ("P4.A.1", Fraction(15, 8)), ("P6.B.1", Fraction(5, 4)),
        ("P1.B.2", 1), ("P3.A.4", 1)]


def test_answer_scores_and_refusals():
    assert answer_score(STRUCTURE, "a-e", " d ") == Decimal("0.25")
    assert answer_score(STRUCTURE, "ya/tidak", "tidak") == 0
    assert answer_score(STRUCTURE, "angka", Decimal(12), Decimal(10)) == 1  # at most 1
    with pytest.raises(ValueError, match="tidak sesuai jenis a-c"):
        answer_score(STRUCTURE, "a-c", "D")
    with pytest.raises(ValueError, match="antara 0 dan 100"):
        answer_score(STRUCTURE, "persen", Decimal(101))


# --- through a real workbook ---------------------------------------------------------------------
def fill_lke(path: Path, rows, sheet: str = "LKE") -> Path:
    """Replace the LKE sheet's rows by `rows` (indikator, jenis, jawaban, target)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    ws.delete_rows(2, ws.max_row)
    for n, (kode, jenis, jawaban, target) in enumerate(rows, 2):
        for name, value in (("indikator", kode), ("jenis", jenis), ("jawaban", jawaban),
                            ("target", target)):
            ws.cell(row=n, column=headers.index(name) + 1, value=value)
    wb.save(path)
    return path


def load(path: Path, tmp_path: Path):
    from zidoc.build import load as build_load

    return build_load(path, CONFIG, tmp_path / "outputs")


def test_workbook_lke_fills_empty_nilai(tmp_path, example_workbook):
    fill_lke(example_workbook, worked_example())
    set_nilai(example_workbook, {code: None for code in CONFIG.lke.areas})
    loaded = load(example_workbook, tmp_path)
    assert loaded.workbook is not None, [str(p) for p in loaded.problems]
    items = {i.kode: i for i in loaded.scores.pengungkit.items}
    assert Fraction(items["P1"].persen) == Fraction(773125, 10000)
    assert all(items[k].persen == 100 for k in ("P2", "P3", "P4", "P5", "P6"))
    assert loaded.scores.lke is not None
    assert loaded.scores.lke.dipakai == CONFIG.lke.areas
    # (Answers without evidence files are warned about too: test_bukti.py.)
    assert not loaded.problems.warnings or all(
        "Narasi" in str(p) or "nilai_resmi" in str(p) or "belum didukung berkas" in str(p)
        for p in loaded.problems.warnings)


def test_last_year_percentage_kept_when_the_lke_fills_the_area(tmp_path, example_workbook):
    fill_lke(example_workbook, worked_example())
    wb = openpyxl.load_workbook(example_workbook)
    ws = wb["Nilai"]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[headers.index("kode")].value == "P1":
            row[headers.index("persen")].value = None
            row[headers.index("persen_tahun_lalu")].value = 70.5
    wb.save(example_workbook)
    loaded = load(example_workbook, tmp_path)
    assert loaded.workbook is not None, [str(p) for p in loaded.problems.errors]
    p1 = loaded.scores.pengungkit.items[0]
    assert (p1.kode, p1.persen_tahun_lalu) == ("P1", Decimal("70.5"))
    assert Fraction(p1.persen) == Fraction(773125, 10000)
    assert loaded.scores.lke.dipakai == ("P1",)


def test_workbook_mismatch_warns_and_nilai_wins(tmp_path, example_workbook):
    fill_lke(example_workbook, worked_example())
    loaded = load(example_workbook, tmp_path)  # the example's Nilai: P1 88,63 ...
    assert loaded.workbook is not None
    items = {i.kode: i for i in loaded.scores.pengungkit.items}
    assert items["P1"].persen == Decimal("88.63")
    warning = next(str(p) for p in loaded.problems.warnings if "persen P1" in str(p))
    assert warning.startswith("Nilai!C2: peringatan: ")
    assert "(88,63%)" in warning and "(77,31%)" in warning
    assert loaded.scores.lke.dipakai == ()


def test_empty_nilai_without_answers_is_still_an_error(tmp_path, example_workbook):
    set_nilai(example_workbook, {"P1": None})
    loaded = load(example_workbook, tmp_path)
    assert loaded.workbook is None
    assert "Nilai!C2: persen wajib diisi." in [str(p) for p in loaded.problems.errors]


def test_lke_errors_with_empty_nilai_are_not_repeated_on_each_nilai_cell(tmp_path,
                                                                          example_workbook):
    """Staff who leave P1-P6 to the LKE and mistype one answer must see that answer's cell,
    not six "persen wajib diisi" that send them to fill Nilai by hand."""
    fill_lke(example_workbook, [("P1.A.1", "a-c", "D", None)])
    set_nilai(example_workbook, {code: None for code in CONFIG.lke.areas})
    loaded = load(example_workbook, tmp_path)
    assert loaded.workbook is None
    assert [str(p) for p in loaded.problems.errors] == [
        "LKE!E2: jawaban 'D' tidak sesuai jenis a-c; pilih salah satu: A, B, C."]


def test_sheet_without_answers_is_not_in_use_one_note(tmp_path, example_workbook):
    loaded = load(example_workbook, tmp_path)
    assert loaded.workbook is not None and loaded.scores.lke is None
    assert [n for n in loaded.notes if "LKE" in n] == [
        "Sheet LKE belum berisi jawaban, jadi tidak dipakai; persen P1-P6 diambil dari sheet "
        "Nilai."]
    assert not any("LKE" in str(p) for p in loaded.problems)


def test_cell_errors_each_at_its_cell(tmp_path, example_workbook):
    rows = [("P1.A.1", "ya/tidak", "Ya", None),
            ("P9.A.1", "ya/tidak", "Ya", None),  # row 3: unknown indicator
            ("P1.A.2", "a-c", "D", None),  # row 4: D not allowed by a-c
            ("P1.B.1", "angka", 8, None),  # row 5: angka without target
            ("P1.B.1", "angka", 8, 0),  # row 6: target not positive
            ("P1.B.3", "persen", 120, None),  # row 7: above 100
            ("P1.A.3", "a-z", "A", None),  # row 8: unknown jenis
            ("P1.A.4", None, "A", None)]  # row 9: jenis missing
    fill_lke(example_workbook, rows)
    loaded = load(example_workbook, tmp_path)
    assert loaded.workbook is None
    errors = [str(p) for p in loaded.problems.errors]
    assert errors[0].startswith("LKE!A3: indikator 'P9.A.1' tidak ada di LKE (lke.toml); ")
    assert errors[1:] == [
        "LKE!E4: jawaban 'D' tidak sesuai jenis a-c; pilih salah satu: A, B, C.",
        "LKE!F5: jenis angka memerlukan target (lebih dari 0); isi targetnya di kolom target.",
        "LKE!F6: target harus lebih dari 0, bukan 0.",
        "LKE!E7: persen harus antara 0 dan 100, bukan 120.",
        "LKE!D8: jenis 'a-z' tidak dikenal; pilih salah satu: ya/tidak, a-c, a-d, a-e, angka, "
        "persen.",
        "LKE!D9: jenis (wajib jika jawaban diisi) wajib diisi.",
    ], errors


def test_unanswered_warnings_one_per_indicator(tmp_path, example_workbook):
    rows = [(i.kode, "ya/tidak", "Ya", None) for i in STRUCTURE.indicators
            if i.kode not in ("P2.A.1", "P2.A.2")]
    rows += [("P2.A.1", "ya/tidak", None, None), ("P2.A.2", "a-c", "A", None),
             ("P2.A.2", "a-c", None, None), ("P2.A.2", "a-c", None, None)]
    fill_lke(example_workbook, rows)
    loaded = load(example_workbook, tmp_path)
    lke_warnings = [str(p) for p in loaded.problems.warnings if p.sheet == "LKE"
                    and "belum didukung berkas" not in p.message]  # evidence: test_bukti.py
    first_a1 = 2 + len(rows) - 4
    assert lke_warnings == [
        f"LKE!E{first_a1}: peringatan: indikator P2.A.1 (Prosedur Operasional Tetap (SOP) "
        "Kegiatan Utama) belum dijawab sama sekali; nilainya dihitung 0.",
        f"LKE!E{first_a1 + 1}: peringatan: indikator P2.A.2: 2 dari 3 pertanyaan belum "
        "dijawab dan tidak ikut dirata-rata.",
    ]


# --- the Laporan ---------------------------------------------------------------------------------
def laporan_from_lke(workspace, workbook, rows) -> str:
    """Build `workbook` with these LKE rows and P1-P6 left empty in Nilai (the LKE gives
    them); the Laporan's text, whitespace flattened."""
    import re

    from conftest import docx_text, run_cli

    fill_lke(workbook, rows)
    set_nilai(workbook, {code: None for code in CONFIG.lke.areas})
    result = run_cli("build", str(workbook))
    assert result.exit_code == 0, result.output
    path = workspace / "outputs/2024/kpu-kota-bengkulu/laporan-pelaksanaan-zi-2024.docx"
    return re.sub(r"\s+", " ", docx_text(path))


def test_laporan_annex_from_the_lke(workspace, example_workbook):
    rows = worked_example()
    # Lose points elsewhere too: P5.B.2 (3) all Tidak, P4.A.1 (2,5) D of a-e.
    rows = [(k, "ya/tidak", "Tidak", None) if k == "P5.B.2" else
            (k, "a-e", "D", None) if k == "P4.A.1" else (k, j, a, t) for k, j, a, t in rows]
    text = laporan_from_lke(workspace, example_workbook, rows)
    # Table 1 and the annex carry P1 77,31% (6,185 of 8).
    assert text.count("77,31%") >= 2
    assert "Lampiran: Rincian Penilaian Mandiri (LKE)" in text
    assert "P1 Manajemen Perubahan (bobot 8,00): nilai 6,19 (77,31%)" in text
    # P1.A.4 Perubahan Pola Pikir: 1,25 of 1,5 (83,33%).
    assert "P1.A.4 Perubahan Pola Pikir dan Budaya Kerja 1,50 1,25 83,33%" in text
    # The five largest losses, by hand: P5.B.2 3 (Tidak on both questions), P4.A.1
    # 2,5 - 0,25 x 2,5 = 1,875 (D on both), P1.A.2 and P1.B.3 0,5, P1.B.1 0,4.
    start = text.index("Titik Perbaikan")
    losses = text[start:]
    assert "1. P5.B.2 Penanganan Pengaduan Masyarakat 3,00 0,00 3,00" in losses
    assert "2. P4.A.1 Keterlibatan Pimpinan 2,50 0,63 1,88" in losses
    assert "3. P1.A.2 Rencana Pembangunan Zona Integritas 1,00 0,50 0,50" in losses
    assert "4. P1.B.3 Membangun Budaya Kerja 1,00 0,50 0,50" in losses
    assert "5. P1.B.1 Komitmen dalam Perubahan 2,00 1,60 0,40" in losses
    assert "Kekurangan terhadap Syarat Nilai WBK dan WBBM" in losses
    assert "Seluruh syarat nilai WBK dan WBBM telah terpenuhi." in losses


def test_laporan_names_the_points_missing_per_unmet_criterion(workspace, example_workbook):
    # P1 all "Tidak": 0 % of 8, below WBK's 60 % per area (4,80 points) and WBBM's 75 % (6,00).
    rows = [(k, "ya/tidak", "Tidak" if k.startswith("P1.") else "Ya", None)
            for k in (i.kode for i in STRUCTURE.indicators)]
    text = laporan_from_lke(workspace, example_workbook, rows)
    missing = text[text.index("Kekurangan terhadap Syarat Nilai WBK dan WBBM"):]
    assert "WBK Area Manajemen Perubahan 60,00% 0,00% 60,00% (4,80 poin)" in missing
    assert "WBBM Area Manajemen Perubahan 75,00% 0,00% 75,00% (6,00 poin)" in missing
    # Pengungkit 60 - 8 = 52 >= 48: met, so not listed.
    assert "Nilai komponen pengungkit" not in missing


def test_recap_adds_pemenuhan_and_reform_for_units_using_the_lke(tmp_path, workspace,
                                                                 example_workbook):
    from conftest import run_cli
    from variants import write_variant

    with_lke = write_variant(example_workbook, tmp_path / "a.xlsx", "KPU Kabupaten Alfa", {})
    fill_lke(with_lke, worked_example())
    set_nilai(with_lke, {code: None for code in CONFIG.lke.areas})
    without = write_variant(example_workbook, tmp_path / "b.xlsx", "KPU Kabupaten Beta", {})
    out = tmp_path / "hasil"
    result = run_cli("build", str(with_lke), str(without), "--jobs", "1", "--out", str(out))
    assert result.exit_code == 0, result.output
    result = run_cli("rekap", "--tahun", "2024", "--out", str(out))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out / "2024" / "rekap-zi-2024.xlsx")["Rekap"]
    rows = [dict(zip([c.value for c in ws[1]], [c.value for c in row]))
            for row in ws.iter_rows(min_row=2)]
    by_satker = {r["Satker"]: r for r in rows}
    # By hand: P1 pemenuhan 3,085 + 25 (P2-P6 full: 3,5 + 5 + 5 + 7,5 + 5) = 29,085 -> 29,09
    # (half up); reform 3,1 + 26 = 29,10.
    alfa = by_satker["KPU Kabupaten Alfa"]
    assert (alfa["LKE pemenuhan"], alfa["LKE reform"]) == (29.09, 29.1)
    beta = by_satker["KPU Kabupaten Beta"]
    assert beta["LKE pemenuhan"] is None and beta["LKE reform"] is None


def test_init_copies_the_structure_and_the_folder_copy_is_the_one_checked(tmp_path):
    from conftest import run_cli

    folder = tmp_path / "kerja"
    assert run_cli("init", str(folder)).exit_code == 0
    copied = folder / LKE_NAME
    assert copied.read_bytes() == (REPO / LKE_NAME).read_bytes()
    text = copied.read_text(encoding="utf-8")
    copied.write_text(text.replace('nama = "Tim Kerja"\nbobot = "0.5"',
                                   'nama = "Tim Kerja"\nbobot = "1"'), encoding="utf-8")
    (workbook,) = (folder / "inputs").rglob("*.xlsx")
    # Without answers the LKE is not in use: lke.toml is not even read.
    assert run_cli("build", cwd=folder).exit_code == 0
    fill_lke(workbook, worked_example())
    result = run_cli("build", cwd=folder)
    assert result.exit_code == 1
    line = text[:text.index("[[area.pemenuhan]]")].count("\n") + 1
    assert (f"LKE: struktur LKE tidak dapat dipakai: lke.toml baris {line}: jumlah bobot "
            "indikator pemenuhan area P1") in result.output
