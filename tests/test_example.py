"""The example workbook: written to a real file and read back with openpyxl."""
from __future__ import annotations

import datetime
import pathlib
from decimal import Decimal

import openpyxl
import pytest
from zidoc.config import load_config
from zidoc.workbook.example import load_example
from zidoc.workbook.model import KEDUDUKAN
from zidoc.workbook.schema import SHEET_NAMES
from zidoc.workbook.starter import write_example_workbook

# The real report the example comes from (a copy of the project's seed, kept with the tests).
SEED = pathlib.Path(__file__).resolve().parent / "data" / "laporan-zi-kpu-kota-bengkulu-2024.txt"
REPO = pathlib.Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "config.toml")
EXAMPLE = load_example()
AREA_CODES = CONFIG.lke.areas

EXPECTED_SHEETS = [
    "Petunjuk", "Identitas", "Nilai", "Ringkasan", "Narasi", "Penghargaan", "Tim", "RencanaAksi",
    "Dokumen", "LKE", "Realisasi", "Survei", "Rapat", "Peserta",
    # the people of the Keputusan the shipped config.toml declares
    "AgenPerubahan", "SatgasSPIP",
]
EXPECTED_HEADERS = {
    "Identitas": ["kunci", "nilai", "keterangan"],
    "Nilai": ["kode", "komponen", "persen", "persen_tahun_lalu", "catatan"],
    "Narasi": ["area", "butir", "judul", "uraian"],
    "Penghargaan": ["area", "pemberi", "kategori", "tahun"],
    "Tim": ["no", "nama", "nip", "pangkat_golongan", "jabatan", "kedudukan", "area"],
    # the people sheets of the Keputusan config.toml declares: the Tim sheet's columns
    "AgenPerubahan": ["no", "nama", "nip", "pangkat_golongan", "jabatan", "kedudukan", "area"],
    "SatgasSPIP": ["no", "nama", "nip", "pangkat_golongan", "jabatan", "kedudukan", "area"],
    "RencanaAksi": [
        "area", "kegiatan", "output", "target", "indikator", "penanggung_jawab",
        "jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des",
        "keterangan", "kode",
    ],
    "Dokumen": ["dokumen", "nomor", "tanggal", "tempat"],
    "LKE": ["indikator", "nama_indikator", "pertanyaan", "jenis", "jawaban", "target",
            "bukti_dukung", "catatan"],
    "Realisasi": ["kode", "triwulan", "realisasi", "bukti_dukung", "kendala", "tindak_lanjut"],
    "Survei": ["kunci", "nilai", "keterangan"],
    "Rapat": ["kode", "tanggal", "waktu", "tempat", "acara", "pimpinan", "nomor_undangan",
              "tanggal_undangan", "sifat", "pembahasan", "kesimpulan", "tindak_lanjut",
              "notulis", "area"],
    "Peserta": ["rapat", "nama", "jabatan", "nip", "instansi"],
}
MONTHS = EXPECTED_HEADERS["RencanaAksi"][6:18]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("example") / "contoh.xlsx"
    write_example_workbook(path, CONFIG)
    assert path.is_file() and path.stat().st_size > 0
    return openpyxl.load_workbook(path)


def records(ws):
    """Data rows of a sheet as dicts keyed by header, skipping empty rows."""
    rows = list(ws.iter_rows(values_only=True))
    headers = list(rows[0])
    out = []
    for row in rows[1:]:
        if all(value is None for value in row):
            continue
        out.append(dict(zip(headers, row)))
    return out


def test_sheet_names_in_order(workbook):
    assert workbook.sheetnames == EXPECTED_SHEETS
    assert workbook.active.title == "Petunjuk"


@pytest.mark.parametrize("sheet", list(EXPECTED_HEADERS))
def test_headers_bold_and_frozen(workbook, sheet):
    ws = workbook[sheet]
    headers = [cell.value for cell in ws[1]]
    assert headers == EXPECTED_HEADERS[sheet]
    assert all(cell.font.bold for cell in ws[1])
    assert ws.freeze_panes == "A2"


def test_petunjuk_banner_and_content(workbook):
    ws = workbook["Petunjuk"]
    texts = [cell.value for cell in ws["A"] if cell.value]
    banner = texts[0]
    assert "CONTOH" in banner and "KPU Kota Bengkulu" in banner and "2024" in banner
    assert "Ganti" in banner
    body = "\n".join(texts)
    for needle in (
        "88,63", "88.63", "88,63%", "2025-05-19", "19/05/2025", "19 Mei 2025",
        "zidoc validate", "zidoc build", "huruf x",
    ):
        assert needle in body, needle
    for code in CONFIG.lke.codes:
        assert f"{code} = {CONFIG.lke.nama(code)}" in body
    assert "bobot 17,5" in body
    for kedudukan in KEDUDUKAN:
        assert kedudukan in body


def test_identitas(workbook):
    rows = {row["kunci"]: row for row in records(workbook["Identitas"])}
    assert list(rows) == list(EXAMPLE.identitas)
    values = {key: row["nilai"] for key, row in rows.items()}
    assert values["tahun"] == 2024
    assert values["nama_satker"] == "Komisi Pemilihan Umum Kota Bengkulu"
    assert values["singkatan_satker"] == "KPU Kota Bengkulu"
    assert values["tempat"] == "Bengkulu"
    assert values["penandatangan_nama"] == "Rayendra Pirasad"
    assert values["penandatangan_jabatan"] == "Ketua Komisi Pemilihan Umum Kota Bengkulu"
    assert values["dasar_penunjukan"].startswith("Surat Ketua KPU RI Nomor 892/PW.02-SD/12/2025")
    assert values["dasar_penunjukan"].endswith("tanggal 19 Mei 2025")
    assert values["penilai"] == "Inspektorat KPU RI"
    assert values["nilai_tahun_lalu"] == pytest.approx(89.24)
    assert values["nilai_resmi"] == pytest.approx(90.19)
    assert all(row["keterangan"] for row in rows.values())
    # A real Excel date cell, not text.
    date_cell = next(
        row[1] for row in workbook["Identitas"].iter_rows(min_row=2)
        if row[0].value == "tanggal_laporan"
    )
    assert date_cell.is_date
    assert date_cell.value.date() == datetime.date(2025, 5, 19)


def test_nilai(workbook):
    ws = workbook["Nilai"]
    rows = records(ws)
    assert [row["kode"] for row in rows] == ["P1", "P2", "P3", "P4", "P5", "P6", "H1", "H2", "H3"]
    expected = [88.63, 92.86, 85.82, 81.21, 88.42, 85.81, 98.75, 75.00, 97.25]
    for row, value in zip(rows, expected):
        assert isinstance(row["persen"], (int, float))
        assert row["persen"] == pytest.approx(value)
        assert row["komponen"] == CONFIG.lke.nama(row["kode"])
        assert row["persen_tahun_lalu"] is None
    catatan = {row["kode"]: row["catatan"] for row in rows}
    assert catatan["H1"] == "Indeks IPAK 3,95 dari 4"
    assert catatan["H2"] == "Jawaban B (75%)"
    assert catatan["H3"] == "Indeks IPKP 3,89 dari 4"
    assert ws["C2"].number_format == "0.00"


DISTINCTIVE = {
    "P1": ["Pembentukan Tim Kerja WBK", "Nomor 28 Tahun 2024 tanggal 4 Januari 2024",
           "penyusunan laporan monitoring", "membetuk Agen Perubahan"],
    "P2": ["Semua kegiatan yang dilakukan", "Pemanfaatan Teknologi Informasi",
           "Tim PPID"],
    "P3": ["masing-rnasing jabatan", "Pola Mutasi Internal"],
    "P4": ["Keterlibatan Pimpinan Secara Langsung", "Indikator pembuatan Kineria Utama"],
    "P5": ["satgas SPIP", "WEB Resmi KPU Kota Bengkulu", "Penanganan Benturan Kepentingan"],
    "P6": ["Maklumat standar pelayanan", "Budaya Pelayanan Prima",
           "Survei kepuasan masyarakat"],
}


def test_narasi_points(workbook):
    rows = records(workbook["Narasi"])
    assert len(rows) == 17
    by_area: dict[str, list[str]] = {}
    for row in rows:
        assert row["area"] in AREA_CODES
        assert row["uraian"]
        text = " ".join(filter(None, [row["judul"], row["uraian"]]))
        by_area.setdefault(row["area"], []).append(text)
    assert {area: len(texts) for area, texts in by_area.items()} == {
        "P1": 4, "P2": 3, "P3": 2, "P4": 2, "P5": 3, "P6": 3,
    }
    for area, phrases in DISTINCTIVE.items():
        joined = "\n".join(by_area[area])
        for phrase in phrases:
            assert phrase in joined, (area, phrase)
    # Awards live in Penghargaan, the stray "KOTA" line and list dashes are gone.
    for row in rows:
        assert "penghargaan dari" not in row["uraian"]
        assert row["uraian"] != "KOTA"
        assert not row["uraian"].startswith("-")
    # Explicit letters only for P4 (the seed's a. and d.).
    assert [(row["area"], row["butir"]) for row in rows if row["butir"]] == [
        ("P4", "a"), ("P4", "b"),
    ]
    titles = {row["judul"] for row in rows if row["judul"]}
    for title in ("Tim Kerja", "E-Office", "Keterbukaan Informasi Publik", "Penerapan SPIP",
                  "Pengaduan Masyarakat", "Penanganan Benturan Kepentingan",
                  "Standar Pelayanan"):
        assert title in titles


def test_narasi_is_verbatim_from_seed():
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    for row in EXAMPLE.narasi:
        assert row["uraian"] in seed, row["uraian"][:60]
        if row["judul"]:
            assert row["judul"] in seed, row["judul"]


def test_penghargaan(workbook):
    rows = records(workbook["Penghargaan"])
    assert rows == [
        {"area": "P2", "pemberi": "KPU Provinsi Bengkulu",
         "kategori": "Publikasi Informasi Terbaik 2", "tahun": 2024},
        {"area": "P4", "pemberi": "KPU Provinsi Bengkulu",
         "kategori": "Pelaporan Lakip Terbaik 1", "tahun": 2024},
    ]


def test_tim(workbook):
    ws = workbook["Tim"]
    rows = records(ws)
    kedudukan = [row["kedudukan"] for row in rows]
    assert set(kedudukan) <= set(KEDUDUKAN)
    for single in ("Pengarah", "Penanggung Jawab", "Ketua", "Wakil Ketua", "Sekretaris"):
        assert kedudukan.count(single) == 1, single
    for row in rows:
        assert row["nama"].startswith("Pegawai ")
        assert row["jabatan"]
        if row["kedudukan"] in ("Koordinator", "Anggota"):
            assert row["area"] in AREA_CODES
    for area in AREA_CODES:
        members = [row["kedudukan"] for row in rows if row["area"] == area]
        assert members.count("Koordinator") == 1
        assert 2 <= members.count("Anggota") <= 3
    pengarah = next(row for row in rows if row["kedudukan"] == "Pengarah")
    assert pengarah["nip"] is None
    pj = next(row for row in rows if row["kedudukan"] == "Penanggung Jawab")
    assert "Sekretaris" in pj["jabatan"] and pj["nip"]
    assert any(row["nip"] is None and row["kedudukan"] == "Anggota" for row in rows)


def test_tim_nip_valid_text(workbook):
    ws = workbook["Tim"]
    nip_column = EXPECTED_HEADERS["Tim"].index("nip")
    count = 0
    for row in ws.iter_rows(min_row=2):
        cell = row[nip_column]
        if cell.value is None:
            continue
        count += 1
        nip = cell.value
        assert isinstance(nip, str) and cell.number_format == "@"
        assert len(nip) == 18 and nip.isdigit(), nip
        birth = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
        assert 1965 <= birth.year <= 1998, nip
        tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
        assert tmt_month in range(1, 13), nip
        assert (tmt_year, tmt_month) >= (birth.year + 18, birth.month), nip
        assert (tmt_year, tmt_month) <= (2024, 12), nip
        assert nip[14] in "12", nip
        assert nip[15:18].isdigit()
    assert count >= 15


def test_rencana_aksi(workbook):
    rows = records(workbook["RencanaAksi"])
    per_area: dict[str, int] = {}
    for row in rows:
        assert row["area"] in AREA_CODES
        assert row["kegiatan"] and row["output"] and row["penanggung_jawab"]
        marked = [month for month in MONTHS if row[month] is not None]
        assert marked, row["kegiatan"]
        assert all(row[month] == "x" for month in marked)
        per_area[row["area"]] = per_area.get(row["area"], 0) + 1
    assert set(per_area) == set(AREA_CODES)
    assert all(count >= 3 for count in per_area.values()), per_area
    kegiatan = [row["kegiatan"] for row in rows]
    assert "Penyusunan SK Tim Pembangunan ZI" in kegiatan
    assert "Monitoring dan evaluasi pembangunan ZI" in kegiatan


def test_dokumen(workbook):
    ws = workbook["Dokumen"]
    rows = records(ws)
    assert [(row["dokumen"], row["nomor"], row["tempat"]) for row in rows] == [
        ("sk_tim", "443", "Bengkulu"), ("rencana_aksi", "28", "Bengkulu"),
        ("sk_satgas_spip", "6", "Bengkulu"), ("sk_agen_perubahan", "15", "Bengkulu"),
        ("monev_tw1", None, "Bengkulu"), ("monev_tw2", None, "Bengkulu"),
        ("skm", None, "Bengkulu"),
    ]
    assert [row["tanggal"].date() for row in rows] == [
        datetime.date(2024, 1, 2), datetime.date(2024, 1, 4), datetime.date(2024, 1, 8),
        datetime.date(2024, 1, 15), datetime.date(2024, 4, 5), datetime.date(2024, 7, 5),
        datetime.date(2024, 12, 20),
    ]
    assert ws["B2"].data_type == "s" and ws["B2"].number_format == "@"
    assert ws["C2"].is_date and ws["C3"].is_date


def _validations(ws):
    found = []
    for validation in ws.data_validations.dataValidation:
        found.append((validation, str(validation.sqref)))
    return found


@pytest.mark.parametrize(
    "sheet,column,values",
    [
        ("Nilai", "kode", ["P1", "P2", "P3", "P4", "P5", "P6", "H1", "H2", "H3"]),
        ("Narasi", "area", ["P1", "P2", "P3", "P4", "P5", "P6"]),
        ("Penghargaan", "area", ["P1", "P2", "P3", "P4", "P5", "P6"]),
        ("Tim", "area", ["P1", "P2", "P3", "P4", "P5", "P6"]),
        ("Tim", "kedudukan", list(KEDUDUKAN)),
        ("RencanaAksi", "area", ["P1", "P2", "P3", "P4", "P5", "P6"]),
        ("Dokumen", "dokumen", ["sk_tim", "rencana_aksi", "monev_tw1", "monev_tw2",
                                "monev_tw3", "monev_tw4", "skm", "sk_agen_perubahan",
                                "sk_satgas_spip"]),
        ("AgenPerubahan", "kedudukan", ["Koordinator", "Anggota"]),
        ("SatgasSPIP", "kedudukan", ["Pengarah", "Penanggung Jawab", "Ketua", "Sekretaris",
                                     "Anggota"]),
        ("Realisasi", "triwulan", ["1", "2", "3", "4"]),
    ],
)
def test_list_validations(workbook, sheet, column, values):
    ws = workbook[sheet]
    letter = openpyxl.utils.get_column_letter(EXPECTED_HEADERS[sheet].index(column) + 1)
    matches = [
        validation for validation, sqref in _validations(ws)
        if sqref == f"{letter}2:{letter}1000"
    ]
    assert len(matches) == 1, (sheet, column, _validations(ws))
    validation = matches[0]
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(values) + '"'
    assert validation.showErrorMessage and validation.showInputMessage
    assert validation.prompt and validation.promptTitle and validation.error
    # Excel rejects longer texts as a corrupt file.
    assert len(validation.promptTitle) <= 32 and len(validation.errorTitle) <= 32
    assert len(validation.prompt) <= 255 and len(validation.error) <= 255
    assert len(validation.formula1) <= 257


def test_persen_decimal_hint(workbook):
    found = [
        validation for validation, sqref in _validations(workbook["Nilai"])
        if sqref == "C2:C1000"
    ]
    assert len(found) == 1
    validation = found[0]
    assert validation.type == "decimal"
    assert (validation.formula1, validation.formula2) == ("0", "100")
    assert validation.errorStyle == "warning"


def test_constants_match_workbook(workbook):
    assert len(records(workbook["Narasi"])) == len(EXAMPLE.narasi)
    assert len(records(workbook["Tim"])) == len(EXAMPLE.tim)
    assert len(records(workbook["RencanaAksi"])) == len(EXAMPLE.rencana_aksi)
    assert len(records(workbook["Realisasi"])) == len(EXAMPLE.realisasi)
    assert len(records(workbook["Rapat"])) == len(EXAMPLE.rapat) == 2
    assert len(records(workbook["Peserta"])) == len(EXAMPLE.peserta)
    for declared in ("AgenPerubahan", "SatgasSPIP"):
        assert len(records(workbook[declared])) == len(EXAMPLE.rows(declared)) > 0
    assert SHEET_NAMES == tuple(EXPECTED_SHEETS[:-2])  # the fixed sheets; config adds two


def test_realisasi_example_names_actions_of_the_plan(workbook):
    """Every example Realisasi row names an action of RencanaAksi by its kode, each kode once
    in the plan, each (kode, triwulan) once."""
    plan = [row["kode"] for row in records(workbook["RencanaAksi"])]
    assert all(plan) and len(plan) == len(set(plan))
    rows = records(workbook["Realisasi"])
    assert rows and {row["kode"] for row in rows} <= set(plan)
    pairs = [(row["kode"], row["triwulan"]) for row in rows]
    assert len(pairs) == len(set(pairs))
    texts = [cell.value for cell in workbook["Petunjuk"]["A"] if cell.value]
    assert "Lembar Realisasi" in " ".join(texts) and any("hanyalah contoh" in t for t in texts)


# --- the committed example is what `zidoc init` writes ------------------------------------------

COMMITTED = REPO / "inputs" / "2024" / "contoh-kpu-kota-bengkulu-2024.xlsx"
REGENERATE = ("regenerate it from the repo root: python -m zidoc.workbook.starter "
              "inputs/2024/contoh-kpu-kota-bengkulu-2024.xlsx")


def workbook_content(wb) -> dict:
    """What the user sees and gets: sheet order, every cell's value and number format, and
    every data validation (not zip bytes, which hold timestamps)."""
    content = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        content[ws.title] = {
            "cells": {c.coordinate: (c.value, c.number_format) for row in ws.iter_rows()
                      for c in row if c.value is not None},
            "validations": sorted(
                (str(v.sqref), v.type, v.operator, v.formula1, v.formula2, v.errorStyle,
                 v.promptTitle, v.prompt, v.errorTitle, v.error)
                for v in ws.data_validations.dataValidation
            ),
        }
    return content


def test_committed_example_is_what_init_writes(tmp_path):
    from conftest import run_cli

    assert run_cli("init", str(tmp_path)).exit_code == 0
    written = openpyxl.load_workbook(tmp_path / "inputs" / "2024" / COMMITTED.name)
    committed = openpyxl.load_workbook(COMMITTED)
    expected, found = workbook_content(written), workbook_content(committed)
    assert found["sheets"] == expected["sheets"], REGENERATE
    for sheet in expected["sheets"]:
        for part in ("cells", "validations"):
            assert found[sheet][part] == expected[sheet][part], f"{sheet} {part}: {REGENERATE}"


def test_content_comparison_sees_a_drift(workbook, tmp_path):
    """The check above fails on the drift it was written for (missing Identitas rows)."""
    path = tmp_path / "lama.xlsx"
    workbook.save(path)
    drifted = openpyxl.load_workbook(path)
    drifted["Identitas"].delete_rows(14)
    assert workbook_content(drifted) != workbook_content(workbook)
    assert workbook_content(openpyxl.load_workbook(path)) == workbook_content(workbook)


def test_example_rows_match_the_data_file(workbook):
    """Every sheet holds exactly the rows of contoh.toml (komponen from config.toml)."""
    from zidoc.workbook.schema import SHEETS

    for spec in SHEETS:
        if spec.key_value:
            rows = {row["kunci"]: row["nilai"] for row in records(workbook[spec.name])}
            assert list(rows) == [k.name for k in spec.keys]
            for key, value in EXAMPLE.keys(spec.name).items():
                if isinstance(value, Decimal):
                    assert rows[key] == pytest.approx(float(value)), key
                elif isinstance(value, datetime.date):
                    assert rows[key].date() == value
                else:
                    assert rows[key] == value, key
            continue
        rows = records(workbook[spec.name])
        if spec.name == "LKE":  # every indicator of lke.toml, unanswered (the Nilai values count)
            from zidoc.lke import LKE_NAME, load_structure

            structure = load_structure(REPO / LKE_NAME, CONFIG.lke)
            assert [(r["indikator"], r["nama_indikator"]) for r in rows] == [
                (i.kode, i.nama) for i in structure.indicators]
            assert not any(r["jawaban"] or r["jenis"] for r in rows)
            continue
        expected = EXAMPLE.rows(spec.name)
        assert len(rows) == len(expected), spec.name
        for row, data in zip(rows, expected):
            for name, value in data.items():
                if name == "bulan":
                    assert [m for m in MONTHS if row[m] == "x"] == list(value)
                elif name == "komponen":
                    assert row[name] == CONFIG.lke.nama(row["kode"])
                elif isinstance(value, datetime.date):
                    assert row[name].date() == value
                elif isinstance(value, Decimal):
                    assert row[name] == pytest.approx(float(value)), (spec.name, name)
                else:
                    assert row[name] == value, (spec.name, name)
