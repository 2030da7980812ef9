"""The Laporan end to end: workbook -> zidoc build -> .docx read back (and PDF via LibreOffice)."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import docx_text, run_cli, soffice
from xlsx_edit import set_identitas, set_nilai
from zidoc.workbook.example import load_example

LAPORAN = Path("outputs/2024/kpu-kota-bengkulu/laporan-pelaksanaan-zi-2024.docx")


def build(workspace, workbook):
    result = run_cli("build", str(workbook))
    assert result.exit_code == 0, result.output
    return workspace / LAPORAN


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_example_laporan_shows_every_figure_point_award_and_signature(workspace, example_workbook):
    text = flat(docx_text(build(workspace, example_workbook)))
    for figure in ("86,90%", "93,47%", "97,25%", "95,13%", "90,19",
                   "88,63%", "92,86%", "85,82%", "81,21%", "88,42%", "85,81%", "98,75%", "75,00%"):
        assert figure in text, figure
    assert "meningkat dari tahun sebelumnya yaitu 89,24" in text
    assert "LAPORAN PELAKSANAAN ZONA INTEGRITAS DI KPU KOTA BENGKULU TAHUN 2024" in text
    for point in load_example().narasi:
        assert flat(point["uraian"]) in text, point["uraian"][:40]
        if point["judul"]:
            assert point["judul"] in text
    assert ("Pada tahun 2024 KPU Kota Bengkulu mendapatkan penghargaan dari KPU Provinsi "
            "Bengkulu kategori Publikasi Informasi Terbaik 2.") in text
    assert "kategori Pelaporan Lakip Terbaik 1." in text
    assert "Bengkulu, 19 Mei 2025" in text
    assert "Ketua Komisi Pemilihan Umum Kota Bengkulu," in text
    assert "Rayendra Pirasad" in text
    assert "{{" not in text and "{%" not in text and "}}" not in text


def test_awards_sit_under_their_area(workspace, example_workbook):
    from docx import Document
    from word_lists import label_of

    doc = Document(str(build(workspace, example_workbook)))
    paragraphs = doc.paragraphs
    # The numbered area headings (Word numbering: the printed "2." is its label).
    heads = {f"{label_of(doc, p._p)} {p.text}": n for n, p in enumerate(paragraphs)
             if p.style.name == "Heading 2" and label_of(doc, p._p)}
    p2 = heads["2. Penataan Tatalaksana"]
    p3 = heads["3. Penataan Sistem Manajemen SDM Aparatur"]
    award = next(n for n, p in enumerate(paragraphs) if "Publikasi Informasi Terbaik 2" in p.text)
    assert p2 < award < p3


def test_manifest_lists_the_document_and_source(workspace, example_workbook):
    build(workspace, example_workbook)
    manifest = json.loads((workspace / LAPORAN.parent / "manifest.json").read_text("utf-8"))
    import hashlib

    entry = next(d for d in manifest["dokumen"] if d["jenis"] == "laporan")
    assert entry["berkas"] == LAPORAN.name
    assert entry["sha256"] == hashlib.sha256((workspace / LAPORAN).read_bytes()).hexdigest()
    assert manifest["sumber"]["sha256"] == hashlib.sha256(example_workbook.read_bytes()).hexdigest()
    assert manifest["zidoc"]


def test_decrease_is_reported_as_menurun(workspace, example_workbook):
    set_nilai(example_workbook, {"P5": 70.1, "H3": 80})
    set_identitas(example_workbook, nilai_resmi=None)
    text = flat(docx_text(build(workspace, example_workbook)))
    # 52.1376 - 13.263 + 10.515 = 49.3896 pengungkit; hasil 21.03125 + 14 = 35.03125
    assert "84,42" in text  # 49.3896 + 35.03125 = 84.42085
    assert "menurun dari tahun sebelumnya yaitu 89,24" in text


def test_missed_wbk_threshold_is_named(workspace, example_workbook):
    set_nilai(example_workbook, {"P4": 55})
    set_identitas(example_workbook, nilai_resmi=None)
    text = flat(docx_text(build(workspace, example_workbook)))
    assert ("Syarat nilai Menuju Wilayah Bebas dari Korupsi (WBK) belum terpenuhi pada: "
            "Area Penguatan Akuntabilitas.") in text
    assert "Area Penguatan Akuntabilitas 60,00% 55,00% -5,00 Belum memenuhi" in text


def test_workbook_text_is_printed_literally(workspace, example_workbook):
    nasty = 'A & B <tag> "kutip" \'satu\' {{ 7*7 }} {% if x %}'
    set_identitas(example_workbook, penandatangan_nama=nasty, dasar_penunjukan="{{ nilai_akhir }}")
    text = docx_text(build(workspace, example_workbook))
    assert "Berdasarkan {{ nilai_akhir }}," in text
    # The signer's name is a paragraph of its own: exactly the cell's text, tags unrendered.
    signer = [line for line in text.splitlines() if "kutip" in line]
    assert signer == [nasty]
    assert "'satu' 49" not in text and "{% if x %}" in signer[0]


def test_line_breaks_in_a_narrative_cell_become_separate_paragraphs(workspace, example_workbook):
    import openpyxl
    from docx import Document

    wb = openpyxl.load_workbook(example_workbook)
    ws = wb["Narasi"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("uraian") + 1).value = "Baris pertama.\nBaris kedua."
    wb.save(example_workbook)
    paragraphs = [p.text for p in Document(str(build(workspace, example_workbook))).paragraphs]
    assert "Baris kedua." in paragraphs
    assert any(p.endswith("Baris pertama.") for p in paragraphs)


@pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) atau pdftotext tidak terpasang")
def test_libreoffice_renders_the_figures(workspace, example_workbook, tmp_path):
    from zidoc.store.office import convert

    (pdf,) = convert([build(workspace, example_workbook)], tmp_path / "pdf")
    text = flat(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout)
    for figure in ("86,90%", "93,47%", "97,25%", "95,13%", "90,19", "89,24", "19 Mei 2025",
                   "Rayendra Pirasad"):
        assert figure in text, figure
    assert "{{" not in text


def test_official_value_is_reported_and_a_differing_computed_value_is_named(workspace,
                                                                           example_workbook):
    set_nilai(example_workbook, {"P4": 55})  # nilai_resmi stays 90,19
    text = flat(docx_text(build(workspace, example_workbook)))
    # 90.1876 - (81.21 - 55) x 10 / 100 = 87.5666
    assert ("memperoleh nilai 90,19 (nilai hasil perhitungan komponen pada tabel di bawah: "
            "87,57), meningkat dari tahun sebelumnya yaitu 89,24") in text


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc tidak terpasang")
def test_pandoc_reads_every_document_back(workspace, example_workbook):
    """An independent reader (pandoc) finds the figures and the text of all four documents."""
    build(workspace, example_workbook)
    folder = workspace / "outputs" / "2024" / "kpu-kota-bengkulu"

    def plain(name: str) -> str:
        return flat(subprocess.run(["pandoc", "-t", "plain", "--wrap=none", str(folder / name)],
                                   capture_output=True, text=True, check=True).stdout)

    laporan = plain("laporan-pelaksanaan-zi-2024.docx")
    for figure in ("86,90%", "95,13%", "90,19", "89,24", "Manajemen Perubahan",
                   "Bengkulu, 19 Mei 2025", "Rayendra Pirasad"):
        assert figure in laporan, figure
    sk = plain("sk-tim-zi-2024.docx")
    assert "NOMOR 443 TAHUN 2024" in sk
    assert "a. bahwa dalam rangka" in sk and "1. Undang-Undang Nomor 28" in sk  # Word's lists
    assert "NOMOR 28 TAHUN 2024" in plain("rencana-aksi-zi-2024.docx")
    monev = plain("laporan-monev-rencana-aksi-zi-2024-tw2.docx")
    assert "akhir triwulan II tahun 2024" in monev and "Kendala dan Tindak Lanjut" in monev
    assert all("{{" not in plain(p.name) and "{%" not in plain(p.name)
               for p in folder.glob("*.docx"))
