"""store/manifest.py: the typed manifest. Round trip, manifests written before the version key
(real files written by zidoc 0.1.0 on main, kept in tests/data), broken and foreign files, a
newer format, and exact values."""
from __future__ import annotations

import json
import zipfile
from dataclasses import fields, replace
from decimal import Decimal
from pathlib import Path

import pytest
from zidoc.store.manifest import (
    FILE_NAME,
    FORMAT_VERSION,
    ArchivedFile,
    ArchiveRecord,
    DocumentEntry,
    Manifest,
    ManifestError,
    ScoreSummary,
    Source,
    parse_manifest,
    read_archived_manifest,
    read_manifest,
    to_decimal,
    write_manifest,
)

DATA = Path(__file__).parent / "data"
OLD = DATA / "manifest-tanpa-versi.json"  # a folder's manifest after an edit and a rebuild
OLD_ARCHIVED = DATA / "manifest-tanpa-versi-arsip.json"  # the same, inside its archive zip
SLUG = "kpu-kota-bengkulu"


def full_manifest() -> Manifest:
    return Manifest(
        zidoc="0.1.0",
        dibuat="2025-05-19T02:05:00+00:00",
        tahun=2024,
        satker="Komisi Pemilihan Umum Kota Bengkulu",
        singkatan_satker="KPU Kota Bengkulu",
        sumber=Source(berkas="contoh.xlsx", sha256="a" * 64, salinan="sumber-contoh.xlsx"),
        nilai=ScoreSummary(
            akhir=Decimal("90.2050"), pengungkit=Decimal("52.1376"), hasil=Decimal("38.05000"),
            persen_pengungkit=Decimal("86.89600"), persen_hasil=Decimal("95.12500"),
            persen={"P1": Decimal("88.8475"), "H2": Decimal("75")}, tahun_lalu=None,
            predikat={"WBK": True, "WBBM": False},
            syarat_belum={"WBK": (), "WBBM": ("Nilai akhir", "Area Penguatan Pengawasan")}),
        dokumen=(
            DocumentEntry(jenis="laporan", berkas="laporan-2024.docx", sha256="b" * 64,
                          dibuat="2025-05-18T01:00:00+00:00", diubah=True,
                          draf_baru="laporan-2024-v2.docx"),
            DocumentEntry(jenis="laporan", berkas="laporan-2024-v2.docx", sha256="c" * 64,
                          sha256_baru="d" * 64, dibuat="2025-05-19T02:05:00+00:00",
                          draf_untuk="laporan-2024.docx"),
        ),
        arsip=ArchiveRecord(tahun=2024, diarsipkan="2025-06-01T00:00:00+00:00", berkas=(
            ArchivedFile(berkas="laporan-2024.docx", isi="dokumen", jenis="laporan",
                         sha256="e" * 64),
            ArchivedFile(berkas="sumber-contoh.xlsx", isi="workbook sumber", sha256="f" * 64),
        )),
    )


# --- round trip ----------------------------------------------------------------------------------

def test_round_trip_through_bytes_and_through_a_folder(tmp_path):
    manifest = full_manifest()
    assert parse_manifest(manifest.to_bytes()) == manifest
    assert parse_manifest(manifest.to_bytes().decode("utf-8")) == manifest

    path = write_manifest(tmp_path, manifest)
    assert path == tmp_path / FILE_NAME
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]  # no temporary file left
    reading = read_manifest(tmp_path)
    assert reading.manifest == manifest and not reading.absent and not reading.broken

    changed = replace(manifest, tahun=2025)
    write_manifest(tmp_path, changed)  # replaces the file
    assert read_manifest(tmp_path).manifest == changed


def test_the_json_on_disk_keeps_the_keys_and_writes_exact_values_as_strings():
    raw = json.loads(full_manifest().to_bytes())
    assert list(raw) == ["zidoc", "versi_format", "dibuat", "tahun", "satker",
                         "singkatan_satker", "sumber", "nilai", "dokumen", "arsip"]
    assert raw["versi_format"] == FORMAT_VERSION
    assert raw["nilai"]["akhir"] == "90.2050" and raw["nilai"]["tahun_lalu"] is None
    assert raw["nilai"]["persen"] == {"P1": "88.8475", "H2": "75"}
    assert raw["nilai"]["syarat_belum"]["WBBM"] == ["Nilai akhir", "Area Penguatan Pengawasan"]
    edited, newer = raw["dokumen"]
    assert edited == {"jenis": "laporan", "berkas": "laporan-2024.docx", "sha256": "b" * 64,
                      "dibuat": "2025-05-18T01:00:00+00:00", "diubah": True,
                      "draf_baru": "laporan-2024-v2.docx"}
    assert "diubah" not in newer and newer["sha256_baru"] == "d" * 64
    assert "jenis" not in raw["arsip"]["berkas"][1]  # the workbook has no document kind


def test_field_names_are_the_json_keys():
    """Declared once: every key written is a field name, for every record."""
    manifest = full_manifest()
    records = [manifest, manifest.sumber, manifest.nilai, manifest.dokumen[1], manifest.arsip,
               manifest.arsip.berkas[0]]
    for record in records:
        names = [f.name for f in fields(record) if f.name != "extra"]
        assert set(record.to_json()) <= set(names), type(record).__name__


def test_an_empty_manifest_still_has_a_version_and_a_document_list():
    assert json.loads(Manifest().to_bytes()) == {"versi_format": FORMAT_VERSION, "dokumen": []}


# --- manifests written before the version key ----------------------------------------------------

def test_a_manifest_without_a_version_is_format_1_and_read_in_full():
    raw = json.loads(OLD.read_text(encoding="utf-8"))
    assert "versi_format" not in raw  # as main wrote it
    manifest = parse_manifest(OLD.read_bytes())
    assert manifest.versi_format == 1 and not manifest.newer
    assert manifest.tahun == 2024 and manifest.singkatan_satker == "KPU Kota Bengkulu"
    assert manifest.sumber.salinan == "sumber-contoh.xlsx"
    assert manifest.nilai.akhir == Decimal("90.18760")
    assert str(manifest.nilai.akhir) == "90.18760"
    assert manifest.nilai.persen["H2"] == Decimal(75)
    assert manifest.nilai.tahun_lalu == Decimal("89.24")
    assert manifest.nilai.predikat == {"WBK": True, "WBBM": True}
    assert [e.berkas for e in manifest.dokumen] == [
        "laporan-pelaksanaan-zi-2024.docx", "laporan-pelaksanaan-zi-2024-v2.docx",
        "sk-tim-zi-2024.docx", "rencana-aksi-zi-2024.docx"]
    edited = manifest.entry("laporan-pelaksanaan-zi-2024.docx")
    assert edited.diubah and edited.draf_baru == "laporan-pelaksanaan-zi-2024-v2.docx"
    assert manifest.entry("laporan-pelaksanaan-zi-2024-v2.docx").draf_untuk == edited.berkas
    assert manifest.extra == () and all(e.extra == () for e in manifest.dokumen)


@pytest.mark.parametrize("path", [OLD, OLD_ARCHIVED], ids=["folder", "arsip"])
def test_rewriting_an_old_manifest_only_adds_the_version(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    rewritten = json.loads(parse_manifest(path.read_bytes()).to_bytes())
    assert rewritten == dict(raw, versi_format=1)


def test_an_old_archive_is_read_from_its_zip_and_gives_last_years_values(tmp_path):
    from zidoc.store.previous import archive_name, last_year

    folder = tmp_path / "2024" / SLUG
    folder.mkdir(parents=True)
    zip_path = folder / archive_name(2024, SLUG)
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr(FILE_NAME, OLD_ARCHIVED.read_bytes())

    reading = read_archived_manifest(zip_path)
    assert reading.manifest is not None and not reading.broken
    arsip = reading.manifest.arsip
    assert arsip.tahun == 2024 and len(arsip.berkas) == 9
    assert {f.isi for f in arsip.berkas} == {"dokumen", "pdf/a", "workbook sumber"}

    found = last_year(tmp_path, 2025, SLUG)
    assert found is not None and found.source == zip_path
    assert found.nilai_akhir == Decimal("90.18760")
    assert found.persen["P1"] == Decimal("88.63")


def test_an_old_folder_manifest_gives_last_years_values(tmp_path):
    from zidoc.store.previous import last_year

    folder = tmp_path / "2024" / SLUG
    folder.mkdir(parents=True)
    (folder / FILE_NAME).write_bytes(OLD.read_bytes())
    found = last_year(tmp_path, 2025, SLUG)
    assert found is not None and found.nilai_akhir == Decimal("90.18760")
    assert last_year(tmp_path, 2026, SLUG) is None  # two years back: nothing


# --- absent and broken ---------------------------------------------------------------------------

def test_absent_and_broken_are_told_apart(tmp_path):
    absent = read_manifest(tmp_path)
    assert absent.absent and not absent.broken and absent.manifest is None

    (tmp_path / FILE_NAME).write_text('{"tahun": 2024,', encoding="utf-8")
    broken = read_manifest(tmp_path)
    assert broken.broken and not broken.absent and broken.manifest is None
    assert "manifest.json rusak" in broken.problem and "bukan JSON yang sah" in broken.problem
    assert str(tmp_path) in broken.problem


@pytest.mark.parametrize("data", [b"", b"{", b"\xff\xfe{}", b"not json", b"{'tahun': 2024}"])
def test_broken_json_is_a_clear_error(data):
    with pytest.raises(ManifestError) as caught:
        parse_manifest(data)
    assert "UTF-8" in str(caught.value) or "JSON" in str(caught.value)


def test_a_byte_order_mark_is_accepted():
    assert parse_manifest(b"\xef\xbb\xbf" + OLD.read_bytes()).tahun == 2024


@pytest.mark.parametrize("text", ["[1]", '"manifest"', "5", "null", "true"])
def test_json_that_is_not_an_object_is_broken(text, tmp_path):
    (tmp_path / FILE_NAME).write_text(text, encoding="utf-8")
    reading = read_manifest(tmp_path)
    assert reading.broken and "bukan objek JSON" in reading.problem


def test_fields_of_the_wrong_shape_count_as_missing():
    manifest = parse_manifest(json.dumps({
        "zidoc": 1, "dibuat": ["kemarin"], "tahun": "2024", "satker": None,
        "sumber": "contoh.xlsx",
        "nilai": {"akhir": "sembilan puluh", "hasil": 38.05, "persen": ["P1"],
                  "predikat": {"WBK": "ya", "WBBM": False},
                  "syarat_belum": {"WBK": "Nilai akhir", "WBBM": ["Nilai akhir", 3]}},
        "dokumen": [5, "laporan.docx", {"jenis": "laporan"}, {"berkas": ""},
                    {"berkas": 3}, {"berkas": "laporan.docx", "sha256": 7, "diubah": "ya"}],
        "arsip": [],
    }))
    assert manifest.zidoc is None and manifest.dibuat is None and manifest.tahun is None
    assert manifest.sumber is None and manifest.arsip is None
    assert manifest.nilai.akhir is None and manifest.nilai.hasil == Decimal("38.05")
    assert manifest.nilai.persen == {}
    assert manifest.nilai.predikat == {"WBBM": False}
    assert manifest.nilai.syarat_belum == {"WBBM": ("Nilai akhir",)}
    assert manifest.dokumen == (DocumentEntry(berkas="laporan.docx"),)  # the only usable one


def test_a_json_object_of_another_program_reads_as_an_empty_manifest():
    manifest = parse_manifest('{"name": "my-package", "version": "1.0.0"}')
    assert manifest.tahun is None and manifest.nilai is None and manifest.dokumen == ()
    assert dict(manifest.extra) == {"name": "my-package", "version": "1.0.0"}


@pytest.mark.parametrize("version", ["2", 0, -1, 1.5, True, None, [2]])
def test_a_version_that_is_not_a_whole_number_is_broken(version):
    with pytest.raises(ManifestError, match="versi_format"):
        parse_manifest(json.dumps({"versi_format": version, "tahun": 2024}))


def test_archives_absent_and_broken(tmp_path):
    missing = read_archived_manifest(tmp_path / "arsip.zip")
    assert missing.absent

    not_zip = tmp_path / "bukan.zip"
    not_zip.write_bytes(b"PK but not really")
    assert read_archived_manifest(not_zip).broken

    empty = tmp_path / "kosong.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("laporan.docx", b"x")
    reading = read_archived_manifest(empty)
    assert reading.broken and "tidak berisi manifest.json" in reading.problem

    bad = tmp_path / "rusak.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(FILE_NAME, b"[")
    assert read_archived_manifest(bad).broken


def test_an_unreadable_manifest_is_broken_not_absent(tmp_path):
    (tmp_path / FILE_NAME).mkdir()  # a folder in its place: reading fails, it is not absent
    reading = read_manifest(tmp_path)
    assert reading.broken and "tidak dapat dibaca" in reading.problem


# --- a newer format ------------------------------------------------------------------------------

NEWER = {
    "zidoc": "9.0.0", "versi_format": FORMAT_VERSION + 1, "dibuat": "2030-01-01T00:00:00+00:00",
    "tahun": 2029, "satker": "KPU Kota Bengkulu", "singkatan_satker": "KPU Kota Bengkulu",
    "nilai": {"akhir": "91.5", "persen": {"P1": "90"}, "tahun_lalu": None, "predikat": {},
              "syarat_belum": {}, "pembulatan": {"cara": "setengah ke atas", "digit": 2}},
    "dokumen": [{"jenis": "laporan", "berkas": "laporan-2029.docx", "sha256": "a" * 64,
                 "penandatangan": "Sekretaris"}],
    "tanda_tangan": {"algoritma": "ed25519", "nilai": "abc", "skala": 1.25},
}


def test_a_newer_format_is_read_tolerantly_and_its_keys_are_kept():
    """Decision (see the module doc): a later format only adds keys, so a newer manifest is read
    (known keys used, `newer` set) rather than refused, and rewriting it loses nothing."""
    manifest = parse_manifest(json.dumps(NEWER))
    assert manifest.newer and manifest.versi_format == FORMAT_VERSION + 1
    assert manifest.tahun == 2029 and manifest.nilai.akhir == Decimal("91.5")
    assert manifest.dokumen[0].berkas == "laporan-2029.docx"
    rewritten = json.loads(manifest.to_bytes())
    assert rewritten["tanda_tangan"] == NEWER["tanda_tangan"]
    assert rewritten["nilai"]["pembulatan"] == NEWER["nilai"]["pembulatan"]
    assert rewritten["dokumen"][0]["penandatangan"] == "Sekretaris"
    assert rewritten["versi_format"] == FORMAT_VERSION + 1  # not relabelled as this format


def test_status_says_a_newer_zidoc_wrote_the_manifest(tmp_path):
    from zidoc.store.status import collect, report

    folder = tmp_path / "2029" / SLUG
    folder.mkdir(parents=True)
    (folder / FILE_NAME).write_text(json.dumps(NEWER), encoding="utf-8")
    statuses = collect(tmp_path, 2029)
    assert len(statuses) == 1 and not statuses[0].rusak
    assert statuses[0].lebih_baru == FORMAT_VERSION + 1
    text = "\n".join(report(statuses))
    assert "zidoc yang lebih baru" in text and "laporan-2029.docx" in text


# --- exact values --------------------------------------------------------------------------------

def test_values_stay_exact():
    long = "12.345678901234567890123456789"
    manifest = parse_manifest(json.dumps({"nilai": {
        "akhir": "90.2050", "pengungkit": long, "persen": {"P1": "88.8475"}}}))
    assert str(manifest.nilai.akhir) == "90.2050"  # the trailing zero too
    assert manifest.nilai.pengungkit == Decimal(long)
    assert json.loads(manifest.to_bytes())["nilai"]["pengungkit"] == long
    assert all(type(v) is Decimal for v in manifest.nilai.persen.values())


def test_a_json_number_in_place_of_a_string_is_read_exactly_not_through_float():
    manifest = parse_manifest('{"nilai": {"akhir": 90.2050, "hasil": 0.1, '
                              '"pengungkit": 12.345678901234567890123, "persen": {"P1": 80}}}')
    assert str(manifest.nilai.akhir) == "90.2050"
    assert manifest.nilai.hasil == Decimal("0.1")  # float 0.1 is 0.1000000000000000055...
    assert manifest.nilai.pengungkit == Decimal("12.345678901234567890123")
    assert manifest.nilai.persen == {"P1": Decimal(80)}


@pytest.mark.parametrize("value", [0.1, float("nan"), "NaN", "Infinity", "-inf", "abc", True,
                                   None, [], {}])
def test_not_an_exact_number(value):
    assert to_decimal(value) is None


def test_an_unknown_number_that_a_float_cannot_hold_is_written_back_as_text():
    manifest = parse_manifest('{"tambahan": {"kecil": 0.5, "panjang": 0.12345678901234567891}}')
    assert json.loads(manifest.to_bytes())["tambahan"] == {"kecil": 0.5,
                                                           "panjang": "0.12345678901234567891"}


def test_score_summary_keeps_the_scores_as_decimals(config):
    from zidoc.build import score_summary
    from zidoc.scoring import score

    persen = dict(zip(("P1", "P2", "P3", "P4", "P5", "P6", "H1", "H2", "H3"),
                      map(Decimal, "88.8475 92.86 85.82 81.21 88.42 85.81 98.75 75.00 97.25"
                          .split())))
    summary = score_summary(score(config.lke, config.predikat, persen, Decimal("89.24")))
    assert summary.akhir == Decimal("90.2050") and str(summary.akhir).startswith("90.205")
    assert summary.persen["P1"] == Decimal("88.8475")
    assert summary.tahun_lalu == Decimal("89.24")
    assert all(isinstance(v, Decimal) for v in summary.persen.values())
    assert parse_manifest(Manifest(nilai=summary).to_bytes()).nilai == summary


# --- through a build ------------------------------------------------------------------------------

def _built_manifest(workspace, example_workbook) -> Path:
    from conftest import run_cli

    assert run_cli("build", str(example_workbook)).exit_code == 0
    return workspace / "outputs" / "2024" / SLUG / FILE_NAME


def test_a_rebuild_over_a_manifest_without_version_recognises_every_file(
        workspace, example_workbook):
    from conftest import run_cli

    path = _built_manifest(workspace, example_workbook)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["versi_format"] == FORMAT_VERSION
    del raw["versi_format"]  # as main wrote it
    path.write_text(json.dumps(raw, indent=2), encoding="utf-8")

    result = run_cli("build", str(example_workbook))
    assert result.exit_code == 0, result.output
    assert "tidak ditimpa" not in result.output and not list(path.parent.glob("*-v2.docx"))
    assert json.loads(path.read_text(encoding="utf-8"))["versi_format"] == FORMAT_VERSION


def test_a_rebuild_over_a_newer_manifest_says_so_and_keeps_every_draft(
        workspace, example_workbook):
    from conftest import run_cli

    path = _built_manifest(workspace, example_workbook)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["versi_format"] = FORMAT_VERSION + 1
    raw["tanda_tangan"] = {"algoritma": "ed25519"}
    for entry in raw["dokumen"]:
        entry["penandatangan"] = "Sekretaris"
    path.write_text(json.dumps(raw, indent=2), encoding="utf-8")

    result = run_cli("build", str(example_workbook))
    assert result.exit_code == 0, result.output
    assert "zidoc yang lebih baru" in result.output
    assert "tidak ditimpa" not in result.output and not list(path.parent.glob("*-v2.docx"))
    rewritten = json.loads(path.read_text(encoding="utf-8"))
    assert rewritten["versi_format"] == FORMAT_VERSION


def test_the_recap_reads_old_manifests_and_says_why_others_are_skipped(tmp_path):
    from zidoc.store.rekap import read_manifests

    year = tmp_path / "2024"
    for name, data in [("lama", OLD.read_bytes()), ("rusak", b"{"),
                       ("tanpa-nilai", b'{"tahun": 2024}'),
                       ("tahun-lain", OLD.read_bytes().replace(b'"tahun": 2024', b'"tahun": 2023'))]:
        (year / name).mkdir(parents=True)
        (year / name / FILE_NAME).write_bytes(data)
    found, skipped = read_manifests(tmp_path, 2024)
    assert [m.nilai.akhir for m in found] == [Decimal("90.18760")]
    assert len(skipped) == 3
    assert any("rusak" in line and "bukan JSON yang sah" in line for line in skipped)
    assert any("tanpa-nilai" in line and "tidak berisi nilai" in line for line in skipped)
    assert any("berisi tahun 2023, bukan 2024" in line for line in skipped)
