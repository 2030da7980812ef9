"""`zidoc archive`: PDF/A through LibreOffice, a deterministic zip, a frozen year; last year's
values taken from last year's manifest or archive."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import docx_text, files_in, run_cli, soffice
from drafts_helpers import (
    edit_docx,
    fake_convert,
    laporan,
    manifest,
    rewrite_workbook,
    satker_folder,
    sha256,
)

STAFF_EDIT = "Disetujui Sekretaris untuk diarsipkan."
ZIP = "arsip-zi-2024-kpu-kota-bengkulu.zip"



def xmp_declares_pdfa(pdf: bytes) -> bool:
    """Independent of the code under test: the XMP packet carries pdfaid:part."""
    packet = re.search(rb"<\?xpacket begin.*?<\?xpacket end", pdf, re.DOTALL)
    return packet is not None and re.search(rb"pdfaid:part", packet.group(0)) is not None


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_archive_with_libreoffice(workspace, example_workbook):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    edited = edit_docx(laporan(out), STAFF_EDIT)
    folder = satker_folder(out)
    on_disk = files_in(folder)

    result = run_cli("archive", "--tahun", "2024")
    assert result.exit_code == 0, result.output
    archive = folder / ZIP
    assert archive.is_file()
    first_bytes = archive.read_bytes()

    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert names == sorted(names)
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())
        contents = {n: z.read(n) for n in names}
    documents = [e["berkas"] for e in manifest(folder)["dokumen"]]
    assert documents and laporan(out).name in documents
    for name in documents:
        assert contents[name] == on_disk[name]  # the staff's version, as it is on disk
        pdf = contents[Path(name).with_suffix(".pdf").as_posix()]  # beside it (rapat/R-01/)
        assert pdf.startswith(b"%PDF") and xmp_declares_pdfa(pdf), name
    assert contents[laporan(out).name] == edited
    copy = manifest(folder)["sumber"]["salinan"]
    assert contents[copy] == example_workbook.read_bytes()
    inside = json.loads(contents["manifest.json"])
    listed = {e["berkas"]: e["sha256"] for e in inside["arsip"]["berkas"]}
    assert set(listed) == set(names) - {"manifest.json"}
    assert all(listed[n] == sha256(contents[n]) for n in listed)
    assert inside["nilai"] == manifest(folder)["nilai"]

    # The PDF is made from the edited document.
    pdf_path = Path(str(workspace)) / "laporan.pdf"
    pdf_path.write_bytes(contents[Path(laporan(out).name).stem + ".pdf"])
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert STAFF_EDIT in " ".join(text.split())

    # Frozen: archiving again changes nothing and says so.
    again = run_cli("archive", "--tahun", "2024")
    assert again.exit_code == 0, again.output
    assert "tidak ada yang diubah" in again.output
    assert archive.read_bytes() == first_bytes

    # A later build refuses the archived year; with --paksa it builds, the zip stays as it was.
    refused = run_cli("build", str(example_workbook))
    assert refused.exit_code == 1
    assert "sudah diarsipkan" in refused.output and "--paksa" in refused.output
    assert laporan(out).read_bytes() == edited
    assert not laporan(out, version=2).exists()
    forced = run_cli("build", "--paksa", str(example_workbook))
    assert forced.exit_code == 0, forced.output
    assert archive.read_bytes() == first_bytes
    assert laporan(out).read_bytes() == edited  # still never overwritten
    assert laporan(out, version=2).is_file()


def test_archive_without_libreoffice_changes_nothing(workspace, example_workbook, monkeypatch):
    from zidoc.store import office

    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = satker_folder(out)
    before = files_in(folder)
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    result = run_cli("archive", "--tahun", "2024")
    assert result.exit_code == 1
    assert "LibreOffice" in result.output and "libreoffice.org" in result.output
    assert "apt-get install" in result.output
    assert files_in(folder) == before


def test_archive_of_a_year_without_builds_is_refused(workspace):
    result = run_cli("archive", "--tahun", "2019")
    assert result.exit_code == 1
    assert "2019" in result.output and "zidoc build" in result.output


def test_one_conversion_for_every_satker_and_deterministic_zips(workspace, example_workbook):
    from zidoc.store.archive import archive_year

    out = workspace / "outputs"
    other = rewrite_workbook(example_workbook, workspace / "lain.xlsx", identitas={
        "nama_satker": "Komisi Pemilihan Umum Kota Contoh", "singkatan_satker": "KPU Kota Contoh"})
    assert run_cli("build", str(example_workbook), str(other)).exit_code == 0
    folders = [satker_folder(out), satker_folder(out, slug="kpu-kota-contoh")]
    documents = sum(len(manifest(f)["dokumen"]) for f in folders)

    calls: list = []
    outcome = archive_year(out, 2024, convert=fake_convert(calls))
    assert len(calls) == 1  # one office process for all files of the year
    assert len(calls[0][0]) == documents == 2 * len(manifest(folders[0])["dokumen"])
    assert '"SelectPdfVersion"' in calls[0][1] and calls[0][1].startswith("pdf:writer_pdf_Export")
    assert sorted(outcome.created) == sorted(f / f"arsip-zi-2024-{f.name}.zip" for f in folders)

    # Same inputs, same bytes: rebuild the zip from its own contents elsewhere.
    from zidoc.store.archive import deterministic_zip

    with zipfile.ZipFile(outcome.created[0]) as z:
        files = {n: z.read(n) for n in z.namelist()}
    assert deterministic_zip(files) == outcome.created[0].read_bytes()
    assert deterministic_zip(dict(reversed(list(files.items())))) == deterministic_zip(files)

    # Frozen: a second run converts nothing and rewrites nothing.
    before = {p: p.read_bytes() for p in outcome.created}
    second = archive_year(out, 2024, convert=fake_convert(calls))
    assert len(calls) == 1 and not second.created
    assert sorted(second.frozen) == sorted(before)
    assert all(p.read_bytes() == data for p, data in before.items())


def test_a_pdf_without_pdfa_metadata_stops_the_archive(workspace, example_workbook):
    from zidoc.store.archive import ArchiveError, archive_year

    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    with pytest.raises(ArchiveError, match="PDF/A"):
        archive_year(out, 2024, convert=fake_convert([], pdfa=False))
    assert not (satker_folder(out) / ZIP).exists()


# --- last year's values ------------------------------------------------------------------------

WEIGHTS = {"P1": "8", "P2": "7", "P3": "10", "P4": "10", "P5": "15", "P6": "10",
           "H1": "17.5", "H2": "5", "H3": "17.5"}  # config.toml, written out independently
PERSEN_2023 = {"P1": 80, "P2": 80, "P3": 80, "P4": 80, "P5": 80, "P6": 80,
               "H1": 90, "H2": 50, "H3": 90}


def _workbooks(example_workbook: Path, folder: Path) -> tuple[Path, Path]:
    last = rewrite_workbook(example_workbook, folder / "zi-2023.xlsx", persen=PERSEN_2023,
                            identitas={"tahun": 2023, "nilai_tahun_lalu": None,
                                       "nilai_resmi": None}, clear_last_year=True)
    this = rewrite_workbook(example_workbook, folder / "zi-2024.xlsx",
                            identitas={"nilai_tahun_lalu": None}, clear_last_year=True)
    return last, this


@pytest.mark.parametrize("source", ["manifest", "arsip"])
def test_last_year_comes_from_last_years_build(workspace, example_workbook, config, source):
    from zidoc.build import build_workbook
    from zidoc.store.archive import archive_year

    out = workspace / "outputs"
    last, this = _workbooks(example_workbook, workspace)
    assert run_cli("build", str(last)).exit_code == 0
    if source == "arsip":
        archive_year(out, 2023, convert=fake_convert([]))
        (satker_folder(out, 2023) / "manifest.json").unlink()

    expected = sum(Decimal(p) / 100 * Decimal(WEIGHTS[k]) for k, p in PERSEN_2023.items())
    assert expected == Decimal(82)
    result = build_workbook(this, config, out)
    assert result.ok and not result.failures, result.problems
    assert result.scores.nilai_tahun_lalu == expected
    assert [i.persen_tahun_lalu for i in result.scores.pengungkit.items] == [Decimal(80)] * 6
    assert any("tahun lalu" in n for n in result.notes)
    text = " ".join(docx_text(laporan(out)).split())
    assert "meningkat dari tahun sebelumnya yaitu 82,00" in text
    assert Decimal(manifest(satker_folder(out))["nilai"]["tahun_lalu"]) == expected


def test_a_value_in_the_workbook_wins_over_last_years_build(workspace, example_workbook, config):
    from zidoc.build import build_workbook

    out = workspace / "outputs"
    last, _this = _workbooks(example_workbook, workspace)
    assert run_cli("build", str(last)).exit_code == 0
    result = build_workbook(example_workbook, config, out)  # the example has 89,24
    assert result.scores.nilai_tahun_lalu == Decimal("89.24")
    assert "89,24" in docx_text(laporan(out))


# --- the archive and builds of the same folder ---------------------------------------------------

def test_the_archive_waits_for_no_build(workspace, example_workbook, monkeypatch):
    """A build holding the folder: the archive says who, converts nothing, writes nothing."""
    from zidoc.fs import lock
    from zidoc.store.archive import ArchiveError, archive_year

    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = satker_folder(out)
    monkeypatch.setattr(lock, "WAIT", 0.2)
    calls: list = []
    with lock.FolderLock(folder):
        before = files_in(folder)
        with pytest.raises(ArchiveError, match="Tidak ada arsip yang ditulis"):
            archive_year(out, 2024, convert=fake_convert(calls))
        assert files_in(folder) == before
    assert not calls and not (folder / ZIP).exists()
    # Released by the archive that gave up: the next one runs.
    assert archive_year(out, 2024, convert=fake_convert(calls)).created == [folder / ZIP]
    assert not (folder / lock.LOCK_NAME).exists()


def test_a_build_that_finishes_after_the_archive_writes_nothing(
        workspace, example_workbook, config):
    """Read and rendered before the year was archived, written after: refused under the lock."""
    from zidoc.build import prepare_build, write_prepared
    from zidoc.store.archive import archive_year

    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = satker_folder(out)
    prepared = prepare_build(example_workbook, config, out)
    archive_year(out, 2024, convert=fake_convert([]))
    before = files_in(folder)
    result = write_prepared(prepared)
    assert any("sudah diarsipkan" in f and "--paksa" in f for f in result.failures)
    assert not result.written
    assert files_in(folder) == before
