"""The satisfaction survey report (SKM, spec/survei.md).

The arithmetic is checked against the spec's worked example, with the expected figures worked
out here by hand (fractions), never by the code under test; then the same answers go through
a real responses file (.csv and .xlsx), a real workbook and a real build, and the figures are
read back from the Word report and the processing sheet."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO, docx_text, run_cli
from zidoc.config import load_config
from zidoc.survei.index import minimum_sample, mutu
from zidoc.survei.responses import ResponsesError, read_responses

OUT = Path("outputs") / "2024" / "kpu-kota-bengkulu"
REPORT = "laporan-skm-2024.docx"
SHEET = "pengolahan-skm-2024.xlsx"
CODES = tuple(f"U{n}" for n in range(1, 10))

# The spec's worked example (None: skipped).
WORKED = (
    (4, 4, 3, 4, 3, 4, 4, 3, 4),
    (3, 3, 3, 4, 3, 3, 4, 3, 3),
    (4, 3, 2, 4, 3, 4, 4, 2, 3),
    (3, 4, 3, 4, 4, 3, 3, 3, 4),
    (4, 4, 3, 4, 3, 4, 4, None, 3),
)
# By hand: each unsur's sum / answered.
NRR = {"U1": Fraction(18, 5), "U2": Fraction(18, 5), "U3": Fraction(14, 5), "U4": Fraction(4),
       "U5": Fraction(16, 5), "U6": Fraction(18, 5), "U7": Fraction(19, 5),
       "U8": Fraction(11, 4), "U9": Fraction(17, 5)}
NRR_SHOWN = {"U1": "3,60", "U2": "3,60", "U3": "2,80", "U4": "4,00", "U5": "3,20", "U6": "3,60",
             "U7": "3,80", "U8": "2,75", "U9": "3,40"}
MUTU = {"U1": "A", "U2": "A", "U3": "C", "U4": "A", "U5": "B", "U6": "A", "U7": "A",
        "U8": "C", "U9": "B"}
LOWEST = ["U8", "U3", "U5"]


@pytest.fixture(scope="module")
def config():
    return load_config(REPO / "config.toml")


def survey_config(config, **changes):
    return dataclasses.replace(config.survei, **changes)


def csv_text(rows=WORKED, headers=CODES, sep=",", extra=("Jenis Kelamin", "Saran")) -> str:
    lines = [sep.join((*extra, *headers))]
    for n, row in enumerate(rows):
        profile = ("Laki-laki" if n % 2 else "Perempuan", "Antrean dipercepat" if n < 2 else "-")
        lines.append(sep.join((*profile[:len(extra)],
                               *("" if v is None else str(v) for v in row))))
    return "\n".join(lines) + "\n"


def write_xlsx(path: Path, rows) -> Path:
    """The worked example as an .xlsx export: numbers, letters and labels mixed."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Timestamp", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan?",
               *CODES[1:]])
    labels = ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")
    for n, row in enumerate(rows):
        cells = []
        for k, value in enumerate(row):
            if value is None:
                cells.append(None)
            elif k == 0:
                cells.append(labels[value - 1].upper() if n % 2 else labels[value - 1])
            elif k == 1:
                cells.append("abcd"[value - 1])
            else:
                cells.append(value)
        ws.append(["2024-10-01 08:00", *cells])
    wb.save(path)
    return path


def check_worked(survey, konversi="85.41666666666666666666666667"):
    assert survey.responden == 5
    for u in survey.unsur:
        assert u.nrr == Decimal(NRR[u.kode].numerator) / NRR[u.kode].denominator, u.kode
        assert u.mutu.huruf == MUTU[u.kode], u.kode
    assert survey.konversi == Decimal(konversi)
    assert survey.mutu.huruf == "B" and survey.mutu.kinerja == "Baik"
    assert [u.kode for u in survey.lowest()] == LOWEST


# --- arithmetic ----------------------------------------------------------------------------

def test_worked_example_from_a_csv(tmp_path, config):
    path = tmp_path / "jawaban.csv"
    path.write_text(csv_text(), encoding="utf-8")
    survey = read_responses(path, config.survei)
    # By hand: sum of NRR 30,75; IKM 30,75 / 9; konversi x 25 = 85,41666...
    assert sum(NRR.values()) == Fraction(123, 4)
    assert Fraction(survey.konversi).limit_denominator(1000) == Fraction(123, 4) / 9 * 25
    check_worked(survey)
    assert next(u for u in survey.unsur if u.kode == "U8").responden == 4  # one skipped


def test_worked_example_with_the_rounded_weight(tmp_path, config):
    path = tmp_path / "jawaban.csv"
    path.write_text(csv_text(), encoding="utf-8")
    survey = read_responses(path, survey_config(config, bobot_unsur=Decimal("0.111")))
    assert survey.ikm == Decimal("3.41325")  # 30,75 x 0,111
    assert survey.konversi == Decimal("85.33125")
    assert survey.mutu.huruf == "B"


def test_worked_example_from_an_xlsx_with_letters_and_labels(tmp_path, config):
    survey = read_responses(write_xlsx(tmp_path / "jawaban.xlsx", WORKED), config.survei)
    check_worked(survey)


def test_every_answer_4_gives_exactly_100(tmp_path, config):
    path = tmp_path / "jawaban.csv"
    path.write_text(csv_text(rows=[(4,) * 9]), encoding="utf-8")
    survey = read_responses(path, config.survei)
    assert survey.konversi == Decimal(100) and survey.ikm == Decimal(4)
    assert survey.mutu.huruf == "A"


def test_mutu_is_judged_on_the_unrounded_value():
    assert [mutu(Decimal(v)).huruf for v in ("100", "88.31", "88.305", "76.61", "76.6099",
                                             "65.00", "64.999", "25")] == list("AABBCCDD")
    # An unsur's NRR on the same bands (x 25): 3,5324 A; 3,0644 B; 2,60 C.
    assert [mutu(Fraction(v) * 25).huruf for v in ("3.5324", "3.5323", "3.0644", "2.60",
                                                   "2.5996")] == list("ABBCD")


def test_krejcie_morgan():
    # The published table (Krejcie and Morgan 1970): N 100 -> 80, 150 -> 108, 1000 -> 278,
    # 10000 -> 370 (by hand: 3,841 x N x 0,25 / (0,0025 (N-1) + 0,96025), rounded up; the
    # table rounds 108,07 down, the rule "rounded up" gives 109).
    assert [minimum_sample(n) for n in (100, 150, 1000, 10000)] == [80, 109, 278, 370]


# --- reading an export ---------------------------------------------------------------------

def test_semicolon_csv_in_windows_1252(tmp_path, config):
    headers = ["Persyaratan pelayanan", "Prosedur", "Waktu", "Biaya \u2013 tarif (Rp)",
               "Produk", "Kompetensi", "Perilaku", "Pengaduan", "Sarana"]
    text = csv_text(headers=headers, sep=";", extra=("Pekerjaan",)).replace(
        "Laki-laki", "Pegawai n\u00e9geri")
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("cp1252"))  # Excel's "CSV" on Windows
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    survey = read_responses(path, config.survei)
    check_worked(survey)
    jobs = next(p for p in survey.profil if p.judul == "Pekerjaan")
    assert ("Pegawai n\u00e9geri", 2) in [(r.label, r.jumlah) for r in jobs.rows]


def problems_of(path: Path, config) -> list[str]:
    with pytest.raises(ResponsesError) as caught:
        read_responses(path, config.survei)
    return caught.value.lines


def test_a_missing_unsur_column(tmp_path, config):
    path = tmp_path / "jawaban.csv"
    path.write_text(csv_text(headers=(*CODES[:3], "Tarif", *CODES[4:])), encoding="utf-8")
    [line] = problems_of(path, config)
    assert "unsur U4 (Biaya/Tarif) tidak ditemukan" in line and "'biaya'" in line
    assert '"Tarif"' in line  # the headers found are listed


def test_two_columns_for_one_unsur(tmp_path, config):
    path = tmp_path / "jawaban.csv"
    headers = ("Persyaratan", "Prosedur", "Waktu", "Biaya", "Produk", "Kompetensi",
               "Perilaku", "Pengaduan", "Sarana", "Biaya parkir")
    path.write_text(csv_text(rows=[(*r, "2000") for r in WORKED], headers=headers),
                    encoding="utf-8")
    [line] = problems_of(path, config)
    assert 'unsur U4 (Biaya/Tarif) ditemukan di 2 kolom: "Biaya" dan "Biaya parkir"' in line


def test_unknown_labels_are_all_named_by_row_and_header(tmp_path, config):
    path = tmp_path / "jawaban.csv"
    rows = [list(r) for r in WORKED]
    rows[1][3] = "Mahal sekali"  # respondent 2: file row 3
    rows[4][6] = "e"  # respondent 5: file row 6
    headers = (*CODES[:3], "Bagaimana pendapat Saudara tentang biaya/tarif?", *CODES[4:])
    path.write_text(csv_text(rows=rows, headers=headers), encoding="utf-8")
    lines = problems_of(path, config)
    assert len(lines) == 2
    assert lines[0].startswith('jawaban.csv baris 3, kolom "Bagaimana pendapat Saudara '
                               'tentang biaya/tarif?": jawaban "Mahal sekali" tidak dikenal')
    assert lines[1].startswith('jawaban.csv baris 6, kolom "U7": jawaban "e" tidak dikenal')
    assert "Sangat sopan dan ramah" in lines[1]  # the labels that are accepted


def test_hundreds_of_bad_answers_are_counted_past_the_listed_ones(tmp_path, config):
    path = tmp_path / "jawaban.csv"
    path.write_text(csv_text(rows=[("x",) * 9] * 30), encoding="utf-8")  # 270 bad answers
    lines = problems_of(path, config)
    assert len(lines) == 201 and lines[-1] == ("jawaban.csv: ... dan 70 jawaban lain yang juga "
                                               "tidak dikenal.")


def test_config_labels_and_keywords(tmp_path, config):
    survei = survey_config(config, label={"sangat puas": 4, "puas": 3})
    path = tmp_path / "jawaban.csv"
    rows = [["Sangat puas" if v == 4 else "PUAS" if v == 3 else v for v in r] for r in WORKED]
    path.write_text(csv_text(rows=rows), encoding="utf-8")
    check_worked(read_responses(path, survei))


def test_config_survei_is_validated_whole(tmp_path):
    text = (REPO / "config.toml").read_text(encoding="utf-8")
    text = text.replace('area = "P6"  ', 'area = "P9"  ').replace(
        "# bobot_unsur = \"0.111\"\n", 'bobot_unsur = "0.5"\nwarna = 1\n')
    text = text.replace('jawaban = ["Buruk", "Cukup", "Baik", "Sangat baik"]',
                        'jawaban = ["Buruk", "Baik"]\nlabel = { "Oke" = 7 }')
    text = text.replace('kata_kunci = ["produk"]', 'kata_kunci = ["waktu"]')
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    from zidoc.config import ConfigError

    with pytest.raises(ConfigError) as caught:
        load_config(path)
    lines = caught.value.lines
    for needle in ("'survei.bobot_unsur' harus antara 0.1 dan 1/9", "kunci 'survei.warna'",
                   "'survei.area' harus kode area", "'survei.unsur.U9.jawaban' harus berisi "
                   "tepat 4 label", "'survei.unsur.U9.label' memberi label 'Oke' nilai 7",
                   "kata kunci 'waktu' dipakai oleh U3 dan U5"):
        assert any(needle in line and "config.toml baris" in line for line in lines), needle


# --- the build: the report, the processing sheet, the Laporan's sentence -------------------

def survey_workbook(folder: Path, responses: str, populasi: int | None) -> Path:
    """The example workbook whose Survei sheet names `responses` (beside it)."""
    from xlsx_edit import edit_workbook, example_copy

    path = example_copy(folder / "contoh.xlsx")

    def edit(wb):
        ws = wb["Survei"]
        for key, value in (("berkas", responses), ("periode", "Semester II Tahun 2024"),
                           ("populasi", populasi)):
            ws.append([key, value])  # the example's Dokumen sheet has its skm row

    return edit_workbook(path, edit)


def nrr_table(path: Path) -> dict[str, tuple[str, ...]]:
    from docx import Document

    table = next(t for t in Document(str(path)).tables
                 if t.rows[0].cells[2].text == "Unsur Pelayanan")
    return {r.cells[1].text: tuple(c.text for c in r.cells[3:]) for r in table.rows[1:]
            if r.cells[1].text}


def sheet_rows(path: Path) -> dict[str, list]:
    wb = openpyxl.load_workbook(path)
    ws = wb["Pengolahan"]
    return {row[0]: list(row[2:11]) for row in ws.iter_rows(values_only=True) if row[0]}


def test_worked_example_through_a_csv_build(workspace):
    (workspace / "jawaban.csv").write_text(csv_text(), encoding="utf-8")
    workbook = survey_workbook(workspace, "jawaban.csv", populasi=100)
    result = run_cli("build", str(workbook), "--only", "skm", "--only", "laporan",
                     cwd=workspace)
    assert result.exit_code == 0, result.output
    # 5 respondents of 100 users: fewer than the Krejcie-Morgan minimum (80), said in both.
    assert "jumlah responden survei (5) kurang dari sampel minimal Krejcie-Morgan (80)" \
        in result.output
    folder = workspace / OUT
    assert sorted(p.name for p in folder.iterdir() if p.suffix in (".docx", ".xlsx")
                  and not p.name.startswith("sumber")) == [
        "laporan-pelaksanaan-zi-2024.docx", REPORT, SHEET]
    table = nrr_table(folder / REPORT)
    assert {k: v[0] for k, v in table.items()} == NRR_SHOWN
    assert {k: v[2] for k, v in table.items()} == MUTU
    assert table["U8"][1] == "0,306"  # 2,75 / 9 = 0,30555... half up
    text = docx_text(folder / REPORT)
    assert "LAPORAN SURVEI KEPUASAN MASYARAKAT KOMISI PEMILIHAN UMUM KOTA BENGKULU " \
           "SEMESTER II TAHUN 2024" in text
    assert "adalah 85,42, dengan mutu pelayanan B (Baik)" in text
    assert "Jumlah responden (5) kurang dari sampel minimal itu" in text
    assert "Penanganan Pengaduan, Saran dan Masukan (U8): NRR 2,75" in text
    assert text.index("(U8): NRR 2,75") < text.index("(U3): NRR 2,80") \
        < text.index("(U5): NRR 3,20")
    assert "Antrean dipercepat" in text and "\n-\n" not in text  # "-" is no suggestion
    laporan = docx_text(folder / "laporan-pelaksanaan-zi-2024.docx")
    sentence = ("Hasil Survei Kepuasan Masyarakat Semester II Tahun 2024: IKM 85,42 (mutu B, "
                "Baik) dari 5 responden.")
    assert laporan.count(sentence) == 1
    # ... in area VI (Peningkatan Kualitas Pelayanan Publik), after its heading
    assert laporan.index("Peningkatan Kualitas Pelayanan Publik") < laporan.index(sentence)

    rows = sheet_rows(folder / SHEET)
    assert rows["Jumlah nilai per unsur"] == [18, 18, 14, 20, 16, 18, 19, 11, 17]
    assert [round(Decimal(str(v)), 2) for v in rows["NRR per unsur"]] == [
        Decimal(s.replace(",", ".")) for s in NRR_SHOWN.values()]
    assert round(Decimal(str(rows["IKM konversi (IKM x 25)"][0])), 2) == Decimal("85.42")
    assert rows["Mutu pelayanan"][0] == "B (Baik)"
    assert [rows[n][:9] for n in range(1, 6)] == [list(r) for r in WORKED]
    # The manifest keeps the exact figures; the recap shows the konversi and its mutu.
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    [entry] = [d for d in manifest["dokumen"] if d["berkas"] == REPORT]
    assert Decimal(entry["ringkasan"]["konversi"]) == Decimal("85.41666666666666666666666667")
    assert run_cli("rekap", "--tahun", "2024", cwd=workspace).exit_code == 0
    ws = openpyxl.load_workbook(workspace / "outputs" / "2024" / "rekap-zi-2024.xlsx")["Rekap"]
    recap = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]]))
    assert recap["IKM survei kepuasan (konversi)"] == 85.42
    assert recap["Mutu pelayanan"] == "B"


def test_worked_example_through_an_xlsx_build(workspace):
    write_xlsx(workspace / "jawaban.xlsx", WORKED)
    workbook = survey_workbook(workspace, "jawaban.xlsx", populasi=None)
    result = run_cli("build", str(workbook), "--only", "skm", cwd=workspace)
    assert result.exit_code == 0, result.output
    table = nrr_table(workspace / OUT / REPORT)
    assert {k: v[0] for k, v in table.items()} == NRR_SHOWN
    text = docx_text(workspace / OUT / REPORT)
    assert "adalah 85,42, dengan mutu pelayanan B (Baik)" in text
    assert "Krejcie" not in text  # no populasi: no sample sentence
    rows = sheet_rows(workspace / OUT / SHEET)
    assert rows["Jumlah responden yang menjawab"] == [5, 5, 5, 5, 5, 5, 5, 4, 5]


def test_bad_answers_stop_the_build_with_every_cell_named(workspace):
    rows = [list(r) for r in WORKED]
    rows[2][0] = "Lumayan"
    rows[3][8] = "7"
    (workspace / "jawaban.csv").write_text(csv_text(rows=rows), encoding="utf-8")
    workbook = survey_workbook(workspace, "jawaban.csv", populasi=None)
    result = run_cli("build", str(workbook), cwd=workspace)
    assert result.exit_code == 1
    assert 'jawaban.csv!C4: baris 4, kolom "U1": jawaban "Lumayan"' in result.output
    assert 'jawaban.csv!K5: baris 5, kolom "U9": jawaban "7"' in result.output
    assert not (workspace / OUT).exists()  # nothing written


def test_zidoc_survei_prints_the_figures(tmp_path, workspace):
    path = tmp_path / "jawaban.csv"
    path.write_text(csv_text(), encoding="utf-8")
    result = run_cli("survei", str(path), "--populasi", "100", cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "IKM konversi         : 85,42" in result.output
    assert "U8    Penanganan Pengaduan, Saran dan Masukan   2,75       0,306  C" \
        in result.output
    assert "Sampel minimal       : 80" in result.output and "KURANG" in result.output
    path.write_text(csv_text().replace("3,3,3,4", "3,z,3,4"), encoding="utf-8")
    bad = run_cli("survei", str(path), cwd=workspace)
    assert bad.exit_code == 1 and 'baris 3, kolom "U' in bad.output


def test_pandas_is_imported_only_for_a_survey(tmp_path):
    """A build without a Survei sheet never imports pandas; with one, it does."""
    from xlsx_edit import example_copy

    example_copy(tmp_path / "tanpa.xlsx")
    (tmp_path / "jawaban.csv").write_text(csv_text(), encoding="utf-8")
    survey_workbook(tmp_path, "jawaban.csv", populasi=None)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from zidoc.config import load_config\n"
        "from zidoc.build import prepare_build\n"
        f"folder = Path({str(tmp_path)!r})\n"
        f"config = load_config(Path({str(REPO / 'config.toml')!r}))\n"
        "p = prepare_build(folder / 'tanpa.xlsx', config, folder / 'out', only=('laporan',))\n"
        "assert p.result.ok and p.drafts, p.result.problems.items\n"
        "print('without', 'pandas' in sys.modules)\n"
        "p = prepare_build(folder / 'contoh.xlsx', config, folder / 'out', only=('skm',))\n"
        "assert [d.name for d in p.drafts] == ['laporan-skm-2024.docx', "
        "'pengolahan-skm-2024.xlsx'], p.drafts\n"
        "print('with', 'pandas' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO / "pipeline"), "PATH": ""}, timeout=120)
    assert done.stdout.split() == ["without", "False", "with", "True"], done.stderr


def test_the_example_builds_its_survey_report(tmp_path, config):
    """The shipped example: its responses beside it, every kind of answer, a few skipped."""
    from zidoc.build import load
    from zidoc.documents.skm import skm_context
    from zidoc.registry import by_kind
    from zidoc.workbook.starter import write_example_workbook

    write_example_workbook(tmp_path / "contoh.xlsx", config)
    loaded = load(tmp_path / "contoh.xlsx", config, tmp_path / "out")
    assert loaded.workbook is not None, loaded.problems.items
    survey = loaded.workbook.survei.hasil
    assert survey.responden == 120 and not survey.kurang_sampel
    assert 0 < sum(1 for row in survey.answers for v in row if v is None) < 40
    text = (tmp_path / "survei-kepuasan-kpu-kota-bengkulu-2024.csv").read_text("utf-8")
    assert ",Sangat mudah," in text and ",d," in text and ",4," in text  # labels, letters ...
    context = skm_context(loaded.workbook, loaded.scores, config, by_kind("skm"))
    assert len(context["profil"]) == 5 and len(context["saran"]) >= 5
    assert context["mutu"] in "AB"
