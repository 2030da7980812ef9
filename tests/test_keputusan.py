"""SK Tim and Rencana Aksi: real workbooks built with openpyxl, real .docx read back."""
from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from zidoc.workbook.example import load_example

from tests.conftest import docx_text, run_cli, soffice
from tests.word_lists import label_of

OUT = Path("outputs") / "2024" / "kpu-kota-bengkulu"
SK = "sk-tim-zi-2024.docx"
RA = "rencana-aksi-zi-2024.docx"
LAPORAN = "laporan-pelaksanaan-zi-2024.docx"
MONEV = "laporan-monev-rencana-aksi-zi-2024-tw2.docx"  # the example's Realisasi ends at TW II
# The Keputusan the shipped config.toml declares ([keputusan.sk_agen_perubahan] ...).
AGEN = "sk-agen-perubahan-zi-2024.docx"
SATGAS = "sk-satgas-spip-zi-2024.docx"
MONTHS = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des")
AREAS = {
    "P1": "Manajemen Perubahan",
    "P2": "Penataan Tatalaksana",
    "P3": "Penataan Sistem Manajemen SDM Aparatur",
    "P4": "Penguatan Akuntabilitas",
    "P5": "Penguatan Pengawasan",
    "P6": "Peningkatan Kualitas Pelayanan Publik",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI")
TOP = ("Pengarah", "Penanggung Jawab", "Ketua", "Wakil Ketua", "Sekretaris")
EXAMPLE = load_example()
TIM_HEAD = ["no", "nama", "nip", "pangkat_golongan", "jabatan", "kedudukan", "area"]
AKSI_HEAD = ["area", "kegiatan", "output", "target", "indikator", "penanggung_jawab", *MONTHS]


# --- helpers --------------------------------------------------------------------------------
NBSP = "\u00a0"


def nip4(nip: str, space: str = NBSP) -> str:
    """The NIP as printed: four groups joined by no-break spaces (never broken by a line)."""
    return space.join((nip[:8], nip[8:14], nip[14], nip[15:])) if nip else "-"


def set_identitas(path: Path, values: dict[str, object]) -> None:
    """Set (or add) Identitas rows kunci -> nilai in the workbook at `path`."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Identitas"]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for key, value in values.items():
        row = rows.get(key) or ws.max_row + 1
        ws.cell(row, 1, key)
        ws.cell(row, 2, value)
    wb.save(path)


def set_paper(workspace: Path, kertas: str, huruf: str) -> None:
    config = (workspace / "config.toml").read_text(encoding="utf-8")
    config = re.sub(r'(?m)^kertas = "[^"]*"', f'kertas = "{kertas}"', config)
    config = re.sub(r'(?m)^huruf = "[^"]*"', f'huruf = "{huruf}"', config)
    (workspace / "config.toml").write_text(config, encoding="utf-8")


def replace_sheet(path: Path, name: str, headers: list[str] | None, rows=()) -> None:
    """Replace (or with headers=None, delete) one sheet of the workbook at `path`."""
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(name)
    del wb[name]
    if headers is not None:
        ws = wb.create_sheet(name, index)
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h) for h in headers] if isinstance(row, dict) else list(row))
    wb.save(path)


def unique_cells(row) -> list[str]:
    """Texts of a row's cells, a merged cell counted once."""
    seen, texts = set(), []
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        texts.append(cell.text)
    return texts


def table_with(doc, first_header: str, second: str):
    for t in doc.tables:
        cells = unique_cells(t.rows[0])
        if len(cells) > 1 and cells[0] == first_header and cells[1] == second:
            return t
    raise AssertionError(f"no table with header {first_header} | {second}")


def row_flags(row) -> set[str]:
    trpr = row._tr.trPr
    return set() if trpr is None else {el.tag.split("}")[1] for el in trpr}


def cell_fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd"))
    return None if shd is None else shd.get(qn("w:fill"))


TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
              "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")


def assert_cell_properties_in_schema_order(path: Path) -> None:
    """Word refuses a document whose w:tcPr children are out of the ECMA-376 order."""
    doc = Document(str(path))
    for tcpr in doc.element.body.iter(qn("w:tcPr")):
        names = [child.tag.split("}")[1] for child in tcpr]
        assert len(names) == len(set(names)), names
        positions = [TCPR_ORDER.index(n) for n in names]
        assert positions == sorted(positions), names


def expected_team_rows(members: list[dict]) -> list[list[str]]:
    """The Lampiran rows the spec asks for, computed here from the raw rows."""
    def ordered(group):
        with_no = sorted((m for m in group if m.get("no") not in (None, "")),
                         key=lambda m: int(m["no"]))
        return with_no + [m for m in group if m.get("no") in (None, "")]

    rows, number = [], 0
    for kedudukan in TOP:
        for m in ordered([m for m in members if m["kedudukan"] == kedudukan]):
            number += 1
            rows.append([f"{number}.", m["nama"], nip4(m["nip"] or ""), m["jabatan"], kedudukan])
    for n, (kode, nama) in enumerate(AREAS.items()):
        group = []
        for kedudukan in ("Koordinator", "Anggota"):
            group += ordered([m for m in members if m["kedudukan"] == kedudukan
                              and m["area"] == kode])
        if group:
            rows.append([f"Area {ROMAN[n]} {nama}"])
        for m in group:
            number += 1
            rows.append([f"{number}.", m["nama"], nip4(m["nip"] or ""), m["jabatan"],
                         m["kedudukan"]])
    return rows


def all_rows(t) -> list:
    """The rows of table `t` and of its continuation: the last rows moved, together with the
    signature, into the one-cell table that follows it (wordfix.keep_signatures)."""
    from docx.table import Table

    rows = list(t.rows)
    nxt = t._tbl.getnext()
    while nxt is not None and nxt.tag == qn("w:p"):
        nxt = nxt.getnext()
    if nxt is not None and nxt.tag == qn("w:tbl"):
        for inner in nxt.iter(qn("w:tbl")):
            if inner is not nxt:
                rows += list(Table(inner, t._parent).rows)
    return rows


def team_rows(path: Path) -> tuple[list[list[str]], object]:
    doc = Document(str(path))
    t = table_with(doc, "No", "Nama")
    return [unique_cells(r) for r in all_rows(t)[1:]], t


def action_rows(path: Path) -> tuple[list[tuple], object]:
    """(area heading | None, no, kegiatan, marked months as a tuple of bools, fills) per row."""
    doc = Document(str(path))
    t = table_with(doc, "No", "Kegiatan")
    result = []
    for row in all_rows(t)[2:]:
        cells = unique_cells(row)
        if len(cells) == 1:
            result.append(("judul", cells[0]))
            continue
        months = row.cells[5:17]
        result.append((
            "aksi", cells[0], cells[1], tuple(c.text == "\u25cf" for c in months),
            tuple(cell_fill(c) not in (None, "FFFFFF", "auto") for c in months),
        ))
    return result, t


def expected_action_rows(actions: list[dict]) -> list[tuple]:
    rows = []
    for n, (kode, nama) in enumerate(AREAS.items()):
        group = [a for a in actions if a["area"] == kode]
        if group:
            rows.append(("judul", f"AREA {ROMAN[n]} {nama.upper()}"))
        for m, a in enumerate(group, 1):
            months = tuple(bool(a.get(mon)) for mon in MONTHS)
            kegiatan = a["kegiatan"]
            if a.get("keterangan"):
                kegiatan += "\nKet.: " + a["keterangan"]  # the workbook's note, last line
            rows.append(("aksi", f"{m}.", kegiatan, months, months))
    return rows


def example_actions() -> list[dict]:
    return [{**a, **{m: ("x" if m in a["bulan"] else None) for m in MONTHS}}
            for a in EXAMPLE.rencana_aksi]


def konsiderans_labels(doc) -> list[str]:
    """The printed labels (Word numbering) of the Menimbang and Mengingat items, in order."""
    return [label_of(doc, row.cells[2].paragraphs[0]._p) for row in doc.tables[0].rows]


def build(workspace: Path, workbook: Path, *extra: str):
    return run_cli("build", str(workbook), *extra, cwd=workspace)


# --- the example ----------------------------------------------------------------------------
@pytest.fixture
def built(workspace, example_workbook):
    result = build(workspace, example_workbook)
    assert result.exit_code == 0, result.output
    return workspace / OUT


def test_example_builds_six_documents_and_manifest(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert [d["jenis"] for d in manifest["dokumen"]][:6] == [
        "laporan", "sk-tim", "rencana-aksi", "monev", "sk-agen-perubahan", "sk-satgas-spip"]
    assert [d["berkas"] for d in manifest["dokumen"]][:6] == [LAPORAN, SK, RA, MONEV, AGEN, SATGAS]
    # ... then each meeting's pack in its folder (test_rapat.py)
    assert all(d["berkas"].startswith("rapat/") for d in manifest["dokumen"][6:])
    for d in manifest["dokumen"]:
        assert (built / d["berkas"]).is_file()


def test_sk_tim_frame(built):
    text = docx_text(built / SK)
    assert "KEPUTUSAN KOMISI PEMILIHAN UMUM KOTA BENGKULU" in text
    assert "NOMOR 443 TAHUN 2024" in text
    assert ("PEMBENTUKAN TIM PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS DARI KORUPSI DAN "
            "WILAYAH BIROKRASI BERSIH DAN MELAYANI DI LINGKUNGAN KOMISI PEMILIHAN UMUM KOTA "
            "BENGKULU TAHUN 2024") in text
    assert "DENGAN RAHMAT TUHAN YANG MAHA ESA" in text
    assert "KETUA KOMISI PEMILIHAN UMUM KOTA BENGKULU," in text
    assert "Ditetapkan di Bengkulu" in text and "pada tanggal 2 Januari 2024" in text
    assert "Rayendra Pirasad" in text and "RAYENDRA" not in text  # the name as typed
    assert "NIP" not in text.split("KESATU")[1].split("LAMPIRAN")[0]  # no NIP by default
    assert "Nomor 90 Tahun 2021" in text
    for label in ("Menimbang", "Mengingat", "MEMUTUSKAN:", "Menetapkan", "KESATU", "KEDUA",
                  "KETIGA", "KEEMPAT"):
        assert label in text
    assert "KELIMA" not in text  # the default SK Tim has four diktum
    assert "{{" not in text and "{%" not in text and "}}" not in text
    # Menimbang lettered, Mengingat numbered, placeholders filled in.
    doc = Document(str(built / SK))
    konsiderans = [unique_cells(r) for r in doc.tables[0].rows]
    # Word's own numbering (numbering.xml), read back: the labels print as before.
    assert konsiderans_labels(doc) == ["a.", "b.", "c.", "1.", "2.", "3.", "4.", "5.", "6."]
    assert konsiderans[0][:2] == ["Menimbang", ":"] and konsiderans[3][:2] == ["Mengingat", ":"]
    assert "di lingkungan Komisi Pemilihan Umum Kota Bengkulu;" in konsiderans[0][2]
    # The diktum butir are numbered too, restarting at a. in each diktum.
    diktum = doc.tables[1]
    butir = [[label_of(doc, p._p) for p in row.cells[2].paragraphs[1:]] for row in diktum.rows]
    assert ["a.", "b.", "c.", "d.", "e."] in butir and all(
        b == [letters + "." for letters in "abcdefgh"[:len(b)]] for b in butir)
    assert "{" not in text.replace("{{", "")


def test_sk_tim_lampiran_grouped_with_nip(built):
    rows, t = team_rows(built / SK)
    assert rows == expected_team_rows(list(EXAMPLE.tim))
    assert f"19720315{NBSP}199803{NBSP}1{NBSP}002" in [r[2] for r in rows if len(r) > 1]
    assert "w:tblHeader" not in row_flags(t.rows[1]) and "tblHeader" in row_flags(t.rows[0])
    doc = Document(str(built / SK))
    assert len(doc.sections) == 2  # the Lampiran starts on a new page
    text = docx_text(built / SK)
    assert text.count("NOMOR 443 TAHUN 2024") == 2  # the decree and the Lampiran heading
    assert "SUSUNAN KEANGGOTAAN TIM PEMBANGUNAN ZONA INTEGRITAS" in text


def test_rencana_aksi(built):
    text = docx_text(built / RA)
    assert "NOMOR 28 TAHUN 2024" in text
    assert "pada tanggal 4 Januari 2024" in text
    assert "TENTANG RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS" in text
    assert "KELIMA" in text
    rows, t = action_rows(built / RA)
    assert rows == expected_action_rows(example_actions())
    assert all("tblHeader" in row_flags(r) for r in t.rows[:2])
    assert "tblHeader" not in row_flags(t.rows[2])
    assert all("cantSplit" in row_flags(r) for r in t.rows)
    assert_cell_properties_in_schema_order(built / RA)
    assert_cell_properties_in_schema_order(built / SK)
    assert unique_cells(t.rows[1])[5:] == ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu",
                                           "Sep", "Okt", "Nov", "Des"]
    doc = Document(str(built / RA))
    first, lampiran = doc.sections[0], doc.sections[-1]
    assert first.page_width < first.page_height
    assert lampiran.orientation == 1 and lampiran.page_width > lampiran.page_height
    # F4 from config: 330 x 215 mm turned sideways.
    assert round(lampiran.page_width.mm) == 330 and round(lampiran.page_height.mm) == 215


# --- config texts and workbook text ---------------------------------------------------------
def test_config_texts_are_used_and_workbook_text_stays_literal(workspace, example_workbook):
    config = (workspace / "config.toml").read_text(encoding="utf-8")
    config = config.replace(
        'menimbang = [\n  "bahwa dalam rangka mewujudkan',
        'menimbang = [\n  "bahwa Kantor {singkatan_satker} tahun {tahun} perlu tim;",\n'
        '  "bahwa dalam rangka mewujudkan', 1)
    (workspace / "config.toml").write_text(config, encoding="utf-8")
    members = [dict(m) for m in EXAMPLE.tim]
    members[5]["nama"] = "A & B <x> {tahun} {{ 7*7 }}"
    replace_sheet(example_workbook, "Tim", TIM_HEAD, members)
    assert build(workspace, example_workbook).exit_code == 0
    text = docx_text(workspace / OUT / SK)
    assert "bahwa Kantor KPU Kota Bengkulu tahun 2024 perlu tim;" in text
    assert "A & B <x> {tahun} {{ 7*7 }}" in text and "49" not in text.split("A & B")[1][:30]
    doc = Document(str(workspace / OUT / SK))
    assert konsiderans_labels(doc)[:4] == ["a.", "b.", "c.", "d."]


def test_team_order_follows_no_within_group(workspace, example_workbook):
    members = [dict(m) for m in EXAMPLE.tim]
    # P1 Anggota (Pegawai 7, 8) swapped by their `no`; two Pengarah, the second numbered first.
    members[6]["no"], members[7]["no"] = 8, 7
    members.insert(1, {"no": None, "nama": "Pegawai Tanpa Nomor", "nip": "",
                       "jabatan": "Anggota KPU Kota Bengkulu", "kedudukan": "pengarah",
                       "area": ""})
    replace_sheet(example_workbook, "Tim", TIM_HEAD, members)
    result = build(workspace, example_workbook)
    assert result.exit_code == 0, result.output
    rows, _ = team_rows(workspace / OUT / SK)
    for m in members:
        m["kedudukan"] = m["kedudukan"].title()
    assert rows == expected_team_rows(members)
    names = [r[1] for r in rows if len(r) > 1]
    assert names.index("Pegawai 8") < names.index("Pegawai 7")
    assert names[:2] == ["Pegawai 1", "Pegawai Tanpa Nomor"]


# --- skipping and --only --------------------------------------------------------------------
def test_without_tim_builds_the_rest(workspace, example_workbook):
    replace_sheet(example_workbook, "Tim", None)
    result = build(workspace, example_workbook)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Dilewati")]
    assert lines == [f"Dilewati: SK Tim ({SK}) tidak disusun karena sheet Tim tidak ada di workbook."]
    folder = workspace / OUT
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [LAPORAN, RA, MONEV, AGEN, SATGAS, "manifest.json", f"sumber-{example_workbook.name}",
         "rapat"])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [d["jenis"] for d in manifest["dokumen"] if "/" not in d["berkas"]] == [
        "laporan", "rencana-aksi", "monev", "sk-agen-perubahan", "sk-satgas-spip"]


def test_without_dokumen_skips_both_keputusan(workspace, example_workbook):
    replace_sheet(example_workbook, "Dokumen", None)
    result = build(workspace, example_workbook)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Dilewati")]
    assert len(lines) == 5
    assert lines[0].startswith(f"Dilewati: SK Tim ({SK}) tidak disusun karena sheet Dokumen")
    assert lines[1].startswith(f"Dilewati: Rencana Aksi ({RA}) tidak disusun karena sheet Dokumen")
    assert lines[2] == (f"Dilewati: Laporan Monev Rencana Aksi ({MONEV}) tidak disusun karena "
                        "sheet Dokumen (tanggal laporan monitoring triwulan itu) tidak ada di "
                        "workbook.")
    assert lines[3].startswith(f"Dilewati: SK Agen Perubahan ({AGEN}) tidak disusun karena "
                               "sheet Dokumen")
    assert sorted(p.name for p in (workspace / OUT).iterdir()) == sorted(
        [LAPORAN, "manifest.json", f"sumber-{example_workbook.name}", "rapat"])
    check = run_cli("validate", str(example_workbook), cwd=workspace)
    assert check.exit_code == 0 and check.output.count("Keputusannya tidak akan disusun") == 4


def test_dokumen_without_rencana_aksi_row_and_empty_rencana_aksi(workspace, example_workbook):
    replace_sheet(example_workbook, "Dokumen", ["dokumen", "nomor", "tanggal"],
                  [["sk_tim", "443", datetime.date(2024, 1, 2)]])
    result = build(workspace, example_workbook)
    assert result.exit_code == 0, result.output
    assert (f"Dilewati: Rencana Aksi ({RA}) tidak disusun karena sheet Dokumen belum memuat "
            "baris 'rencana_aksi' (nomor dan tanggal Keputusan).") in result.output
    assert (workspace / OUT / SK).is_file() and not (workspace / OUT / RA).exists()
    replace_sheet(example_workbook, "Realisasi", None)  # its rows name the plan's actions
    replace_sheet(example_workbook, "RencanaAksi", AKSI_HEAD, [])
    result = build(workspace, example_workbook)
    assert "karena sheet RencanaAksi belum berisi data." in result.output


def test_only_builds_a_subset_and_keeps_the_manifest(workspace, example_workbook):
    result = build(workspace, example_workbook, "--only", "sk-tim")
    assert result.exit_code == 0, result.output
    folder = workspace / OUT
    assert sorted(p.name for p in folder.iterdir()) == sorted([SK, "manifest.json", f"sumber-{example_workbook.name}"])
    result = build(workspace, example_workbook, "--only", "laporan", "--only", "rencana-aksi")
    assert result.exit_code == 0, result.output
    assert SK not in result.output and RA in result.output
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [d["jenis"] for d in manifest["dokumen"]] == ["laporan", "sk-tim", "rencana-aksi"]
    bad = run_cli("build", str(example_workbook), "--only", "sk", cwd=workspace)
    assert bad.exit_code == 2


def test_team_rules_are_errors(workspace, example_workbook):
    members = [dict(m) for m in EXAMPLE.tim]
    members[3]["kedudukan"] = "Ketua"  # a second Ketua
    members[7]["area"] = ""  # Anggota without area
    replace_sheet(example_workbook, "Tim", TIM_HEAD, members)
    result = build(workspace, example_workbook)
    assert result.exit_code == 1
    assert "tepat satu Ketua (ditemukan 2: Tim!B4, Tim!B5)" in result.output
    assert "Tim!G9: Anggota Pegawai 8 harus diberi area" in result.output
    assert not (workspace / "outputs" / "2024").exists()


@pytest.mark.parametrize("nip, message", [
    ("19830308200912300", "NIP harus 18 angka"),
    ("198313082009121002", "tanggal lahir"),
    ("198303082009131002", "TMT"),
    ("198303082009123002", "jenis kelamin"),
])
def test_bad_nip_is_an_error(workspace, example_workbook, nip, message):
    members = [dict(m) for m in EXAMPLE.tim]
    members[8]["nip"] = nip
    replace_sheet(example_workbook, "Tim", TIM_HEAD, members)
    result = build(workspace, example_workbook)
    assert result.exit_code == 1
    assert "Tim!C10: nip:" in result.output and message in result.output


def test_nip_stored_as_a_number_is_refused(workspace, example_workbook):
    wb = openpyxl.load_workbook(example_workbook)
    wb["Tim"]["C3"] = 1.97203151998031e17  # what Excel keeps of 197203151998031002
    wb.save(example_workbook)
    result = build(workspace, example_workbook)
    assert result.exit_code == 1
    assert "Tim!C3" in result.output and "sebagai teks" in result.output


# --- large inputs ---------------------------------------------------------------------------
def big_team(count: int) -> list[dict]:
    members = [
        {"no": 1, "nama": "Pengarah Besar", "nip": "", "jabatan": "Kepala", "kedudukan": "Pengarah",
         "area": ""},
        {"no": 2, "nama": "Ketua Besar", "nip": "198001012005011001", "jabatan": "Sekretaris",
         "kedudukan": "Ketua", "area": ""},
    ]
    for n in range(3, count + 1):
        area = f"P{n % 6 + 1}"
        birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n * 13)
        nip = f"{birth:%Y%m%d}{birth.year + 25}{n % 12 + 1:02d}{n % 2 + 1}{n % 1000:03d}"
        members.append({"no": None, "nama": f"Pegawai Besar {n}", "nip": nip,
                        "jabatan": f"Jabatan {n}",
                        "kedudukan": "Koordinator" if n < 9 else "Anggota", "area": area})
    return members


def big_plan(count: int) -> list[dict]:
    actions = []
    for n in range(count):
        months = {m: ("x" if (n + i) % 5 == 0 or i == n % 12 else None)
                  for i, m in enumerate(MONTHS)}
        actions.append({"area": f"P{n % 6 + 1}", "kegiatan": f"Kegiatan nomor {n}",
                        "output": f"Output {n}", "target": f"{n} dokumen",
                        "indikator": "Terlaksana", "penanggung_jawab": "Pokja", **months})
    return actions


def test_500_members_and_2000_actions(workspace, example_workbook):
    members, actions = big_team(500), big_plan(2000)
    replace_sheet(example_workbook, "Tim", TIM_HEAD, members)
    replace_sheet(example_workbook, "Realisasi", None)  # its rows name the example's actions
    replace_sheet(example_workbook, "RencanaAksi", AKSI_HEAD, actions)
    result = build(workspace, example_workbook, "--only", "sk-tim", "--only", "rencana-aksi")
    assert result.exit_code == 0, result.output
    rows, t = team_rows(workspace / OUT / SK)
    assert rows == expected_team_rows(members)
    assert len([r for r in rows if len(r) > 1]) == 500
    assert "tblHeader" in row_flags(t.rows[0]) and "tblHeader" not in row_flags(t.rows[1])
    rows, t = action_rows(workspace / OUT / RA)
    assert rows == expected_action_rows(actions)
    assert len([r for r in rows if r[0] == "aksi"]) == 2000
    assert all("tblHeader" in row_flags(r) for r in t.rows[:2])


# --- LibreOffice ----------------------------------------------------------------------------
def _page_size(pdf: Path, page: int) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(rf"Page\s+{page} size:\s+([\d.]+) x ([\d.]+)", out)
    return float(m.group(1)), float(m.group(2))


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) tidak terpasang")
@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                    reason="poppler (pdftotext, pdfinfo) tidak terpasang")
def test_libreoffice_converts_both(built, tmp_path):
    from zidoc.store.office import convert

    pdfs = convert([built / SK, built / RA], tmp_path)
    sk_pdf, ra_pdf = (tmp_path / SK.replace(".docx", ".pdf"), tmp_path / RA.replace(".docx", ".pdf"))
    assert sorted(pdfs) == sorted([sk_pdf, ra_pdf])
    sk, ra = (" ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                      text=True, check=True).stdout.split())
              for pdf in (sk_pdf, ra_pdf))
    assert "NOMOR 443 TAHUN 2024" in sk and "Rayendra Pirasad" in sk
    for m in EXAMPLE.tim:
        assert m["nama"] in sk
        if m["nip"]:
            assert nip4(m["nip"], " ") in sk
    assert "NOMOR 28 TAHUN 2024" in ra and "4 Januari 2024" in ra
    for a in EXAMPLE.rencana_aksi:
        assert " ".join(a["kegiatan"].split()[:2]) in ra
    # The decree pages are portrait; the Rencana Aksi's Lampiran (last page) is landscape.
    w, h = _page_size(ra_pdf, 1)
    assert w < h
    pages = _pages(ra_pdf)
    w, h = _page_size(ra_pdf, pages)
    assert w > h and round(w / 72 * 25.4) == 330
    # The Lampiran spans several landscape pages, each starting with the repeated header.
    landscape = [n for n in range(1, pages + 1) if _page_size(ra_pdf, n)[0] > _page_size(ra_pdf, n)[1]]
    assert len(landscape) >= 2 and landscape == list(range(landscape[0], pages + 1))
    for n in landscape:
        page = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(ra_pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Jadwal Pelaksanaan (Bulan)" in page and "Penanggung Jawab" in page
    w, h = _page_size(sk_pdf, _pages(sk_pdf))
    assert w < h


def test_init_then_build_writes_all_three(tmp_path):
    folder = tmp_path / "kantor"
    assert run_cli("init", str(folder)).exit_code == 0
    for name in ("sk-tim.docx", "rencana-aksi.docx"):
        assert (folder / "templates" / "docx" / name).is_file()
    result = run_cli("build", cwd=folder)
    assert result.exit_code == 0, result.output
    assert "Dilewati" not in result.output
    out = folder / OUT
    assert "NOMOR 443 TAHUN 2024" in docx_text(out / SK)
    assert "NOMOR 28 TAHUN 2024" in docx_text(out / RA)


# --- layout: signature, widths, NIP, issuer -------------------------------------------------
def signature_blocks(doc, name: str) -> list[tuple[list, object]]:
    """For each signature of signer `name`: (its paragraphs up to the name, the table right
    before it, skipping the paragraphs between them such as the Keterangan line)."""
    def style(p) -> str | None:
        el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return None if el is None else el.get(qn("w:val"))

    blocks = []
    for p in doc.element.body.iterchildren(qn("w:p")):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))) != name:
            continue
        block = [p]
        before = p.getprevious()
        while before is not None and before.tag == qn("w:p") and style(before) == "TandaTangan":
            block.insert(0, before)
            before = before.getprevious()
        between = []
        while before is not None and before.tag == qn("w:p"):
            between.insert(0, before)
            before = before.getprevious()
        blocks.append((between + block, before))
    return blocks


def keeps_next(p) -> bool:
    from docx.text.paragraph import Paragraph

    return bool(Paragraph(p, None).paragraph_format.keep_with_next)


def mm_twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


@pytest.mark.parametrize("kertas, huruf, portrait_mm, landscape_mm", [
    ("F4", "Arial", 215 - 30 - 20, 330 - 20 - 20),
    ("A4", "Bookman Old Style", 210 - 30 - 20, 297 - 20 - 20),
])
def test_signature_kept_with_last_rows_and_tables_fill_the_width(
        workspace, example_workbook, kertas, huruf, portrait_mm, landscape_mm):
    set_paper(workspace, kertas, huruf)
    assert build(workspace, example_workbook).exit_code == 0
    last_member = [m for m in EXAMPLE.tim if m["kedudukan"] in ("Koordinator", "Anggota")
                   and m["area"] == "P6"][-1]
    last_action = [a for a in EXAMPLE.rencana_aksi if a["area"] == "P6"][-1]
    for name, last_text, diktum in ((SK, last_member["nama"], "KEEMPAT"),
                                    (RA, last_action["kegiatan"], "KELIMA")):
        doc = Document(str(workspace / OUT / name))
        # One table per Lampiran: nothing nested, no second table after it.
        assert not [t for t in doc.element.body.iter(qn("w:tbl"))
                    if t.getparent().tag != qn("w:body")]
        blocks = signature_blocks(doc, "Rayendra Pirasad")
        assert len(blocks) == 2  # the decree and its Lampiran
        for (paragraphs, table), before in zip(blocks, (diktum, last_text)):
            assert table is not None and table.tag == qn("w:tbl")
            # Word's own means: the last rows cannot split and keep with the next, so does
            # every line of the signature up to the name.
            rows = table.findall(qn("w:tr"))
            assert before in "".join(t.text or "" for t in rows[-1].iter(qn("w:t")))
            for row in rows[-2:]:
                assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
                assert all(keeps_next(p) for p in row.iter(qn("w:p")))
            assert all(keeps_next(p) for p in paragraphs[:-1])
        if name == RA:  # the Keterangan line sits between the table and the signer
            assert blocks[1][0][0].xpath("string(.)").startswith("Keterangan:")
        # Full-width tables add up to the section's text width (Word and LibreOffice agree).
        widths = {}
        for t in doc.tables:
            tblw = t._tbl.tblPr.find(qn("w:tblW"))
            if tblw is not None and tblw.get(qn("w:type")) == "pct":
                total = sum(int(c.get(qn("w:w"))) for c in t._tbl.tblGrid.iter(qn("w:gridCol")))
                widths.setdefault(unique_cells(t.rows[0])[0], []).append(total)
        assert widths["Menimbang"] == [mm_twips(portrait_mm)]
        assert abs(widths["No"][0] - mm_twips(landscape_mm if name == RA else portrait_mm)) <= 1
        if name == SK:
            t = table_with(doc, "No", "Nama")
            nip_col = int(t._tbl.tblGrid.findall(qn("w:gridCol"))[2].get(qn("w:w")))
            # 18 digits + 3 spaces at 10 pt in Bookman Old Style (~0.62 em a digit): 120 pt
            # = 42.3 mm, plus 2 x 1.2 mm cell margins.
            assert nip_col >= mm_twips(45)


def test_issuer_nip_and_name_as_typed(workspace, example_workbook):
    name = "Dr. Siti Aminah, S.E., M.Si."
    set_identitas(example_workbook, {
        "penandatangan_nama": name,
        "penandatangan_jabatan": "Kepala Badan Pusat Statistik Kota Bengkulu",
        "penerbit_keputusan": "Kepala Badan Pusat Statistik Kota Bengkulu",
        "penandatangan_nip": "19680411 199303 1 009",
    })
    result = build(workspace, example_workbook)
    assert result.exit_code == 0, result.output
    issuer = "KEPUTUSAN KEPALA BADAN PUSAT STATISTIK KOTA BENGKULU"
    for path in (workspace / OUT / SK, workspace / OUT / RA):
        text = docx_text(path)
        assert "DR. SITI" not in text and "KEPUTUSAN KOMISI PEMILIHAN UMUM" not in text
        doc = Document(str(path))
        paragraphs = [p.text for p in doc.paragraphs]
        assert paragraphs[0] == issuer  # the heading
        assert f"LAMPIRAN\n{issuer}" in "\n".join(paragraphs)  # the Lampiran heading
        menetapkan = [c.text for t in doc.tables for r in t.rows for c in r.cells
                      if c.text.startswith("KEPUTUSAN ")]
        assert menetapkan and menetapkan[0].startswith(f"{issuer} TENTANG ")
        assert "perlu menetapkan Keputusan Kepala Badan Pusat Statistik Kota Bengkulu tentang" \
            in text
        # Both signatures: the name as typed, bold, then the NIP (no-break spaces).
        from docx.text.paragraph import Paragraph

        blocks = signature_blocks(doc, name)
        assert len(blocks) == 2
        for paragraphs, _table in blocks:
            at = Paragraph(paragraphs[-1], None)
            nip = Paragraph(paragraphs[-1].getnext(), None)
            assert at.text == name and all(r.bold for r in at.runs)
            assert nip.text == f"NIP 19680411{NBSP}199303{NBSP}1{NBSP}009"
            assert at.paragraph_format.keep_with_next
            # The title above the signer breaks before KOTA, not inside a name.
            title = Paragraph(paragraphs[-2], None)
            assert title.text == "KEPALA BADAN PUSAT STATISTIK\nKOTA BENGKULU,"


def test_bad_signer_nip_is_an_error(workspace, example_workbook):
    set_identitas(example_workbook, {"penandatangan_nip": "1968041119930310"})
    result = build(workspace, example_workbook)
    assert result.exit_code == 1
    assert "Identitas!B" in result.output and "NIP harus 18 angka" in result.output


def test_lampiran_heading_has_the_date_and_keterangan_is_printed(built):
    for path, date in ((built / SK, "TANGGAL 2 Januari 2024"), (built / RA, "TANGGAL 4 Januari 2024")):
        paragraphs = [p.text for p in Document(str(path)).paragraphs]
        start = paragraphs.index("LAMPIRAN")
        assert paragraphs[start + 5] == date  # after LAMPIRAN, KEPUTUSAN, NOMOR, TENTANG, title
    noted = [a for a in EXAMPLE.rencana_aksi if a.get("keterangan")]
    assert noted
    doc = Document(str(built / RA))
    t = table_with(doc, "No", "Kegiatan")
    kegiatan = [r.cells[1] for r in all_rows(t)[2:]]
    for a in noted:
        cell = next(c for c in kegiatan if c.paragraphs[0].text == a["kegiatan"])
        last = cell.paragraphs[-1]
        assert last.text == f"Ket.: {a['keterangan']}" and last.runs[0].italic


def test_more_than_26_considerations_get_letters(workspace, example_workbook):
    config = (workspace / "config.toml").read_text(encoding="utf-8")
    extra = "".join(f'  "bahwa pertimbangan tambahan {n};",\n' for n in range(26))
    config = config.replace('menimbang = [\n  "bahwa dalam rangka mewujudkan',
                            'menimbang = [\n' + extra + '  "bahwa dalam rangka mewujudkan', 1)
    (workspace / "config.toml").write_text(config, encoding="utf-8")
    assert build(workspace, example_workbook, "--only", "sk-tim").exit_code == 0
    doc = Document(str(workspace / OUT / SK))
    labels = konsiderans_labels(doc)[:29]
    assert labels[:26] == [f"{c}." for c in "abcdefghijklmnopqrstuvwxyz"]
    assert labels[26:29] == ["aa.", "ab.", "ac."]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) tidak terpasang")
@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                    reason="poppler (pdftotext, pdfinfo) tidak terpasang")
def test_libreoffice_a4_bookman_signature_never_alone_and_nip_unbroken(
        workspace, example_workbook, tmp_path):
    from zidoc.store.office import convert

    set_paper(workspace, "A4", "Bookman Old Style")
    assert build(workspace, example_workbook).exit_code == 0
    convert([workspace / OUT / SK, workspace / OUT / RA], tmp_path)
    last_action = [a for a in EXAMPLE.rencana_aksi if a["area"] == "P6"][-1]
    for name, before in ((SK, "Pegawai 26"), (RA, " ".join(last_action["kegiatan"].split()[:2]))):
        pdf = tmp_path / name.replace(".docx", ".pdf")
        pages = _pages(pdf)
        texts = [" ".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                         capture_output=True, text=True, check=True).stdout.split())
                 for n in range(1, pages + 1)]
        signed = [n for n, t in enumerate(texts) if "Rayendra Pirasad" in t]
        assert len(signed) == 2
        # The decree's signer shares the page with the last diktum, the Lampiran's with the
        # last table row.
        assert "mulai berlaku pada tanggal ditetapkan" in texts[signed[0]]
        assert before in texts[signed[1]] and signed[1] == pages - 1
    sk_lines = subprocess.run(["pdftotext", str(tmp_path / SK.replace(".docx", ".pdf")), "-"],
                              capture_output=True, text=True, check=True).stdout
    lines = [line.replace(NBSP, " ") for line in sk_lines.splitlines()]
    for m in EXAMPLE.tim:
        if m["nip"]:
            assert any(nip4(m["nip"], " ") in line for line in lines), m["nip"]
