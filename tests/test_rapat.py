"""The meeting pack (spec/rapat.md): the Rapat and Peserta sheets read at their cells, the four
documents of a meeting read back (python-docx, Word's numbering counted by tests/word_lists.py,
openxml-audit), the photos made upright and small (pixels), the pack's files in the manifest,
drafts, status and archive.

The example is built once per module (`--only rapat`, the CLI) and shared by the read-back
tests; the photos of meeting R-02 are the two samples plus a photo taken on its side and a
broken file, made here."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from datetime import date, time
from pathlib import Path

import pytest
from conftest import REPO, docx_text, run_cli, working_folder
from docx import Document
from docx.oxml.ns import qn
from word_lists import numbered_paragraphs
from xlsx_edit import edit_workbook, example_bytes

PIL = pytest.importorskip("PIL")

SATKER = Path("outputs") / "2024" / "kpu-kota-bengkulu"
R01, R02 = Path("rapat") / "R-01", Path("rapat") / "R-02"


def _on_its_side(path: Path) -> None:
    """A photo stored sideways, as phones write it: red on the left, blue on the right of the
    stored pixels, EXIF orientation 6 (turn 90 degrees clockwise to view). Upright, the red
    half is on top."""
    from PIL import Image

    image = Image.new("RGB", (120, 60), (220, 0, 0))
    image.paste((0, 0, 220), (60, 0, 120, 60))
    exif = Image.Exif()
    exif[0x0112] = 6
    image.save(path, "JPEG", exif=exif.tobytes(), quality=95)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(working folder, the build's CLI result): the example built with --only rapat."""
    folder = working_folder(tmp_path_factory.mktemp("rapat") / "kerja")
    photos = folder / "bukti" / "2024" / "rapat" / "R-02"
    shutil.copytree(REPO / "bukti" / "2024" / "rapat" / "R-02", photos)
    _on_its_side(photos / "zz_foto-miring.JPG")
    (photos / "rusak.jpg").write_bytes(b"bukan foto")
    (photos / "catatan.txt").write_text("bukan foto", encoding="utf-8")
    workbook = folder / "inputs" / "2024" / "contoh.xlsx"
    workbook.parent.mkdir(parents=True)
    workbook.write_bytes(example_bytes())
    result = run_cli("build", "--only", "rapat", cwd=folder)
    assert result.exit_code == 0, result.output
    return folder, result


def out(folder: Path, *parts) -> Path:
    return folder / SATKER / Path(*parts)


def numbered_texts(doc) -> dict[str, list[tuple[str, str]]]:
    """numId -> [(printed label, text)] of the numbered paragraphs, in order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for p, num_id, _level, label in numbered_paragraphs(doc):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        found.setdefault(num_id, []).append((label, text))
    return found


# --- the build --------------------------------------------------------------------------------
def test_one_line_per_meeting_and_a_manifest_entry_per_file(built):
    folder, result = built
    lines = result.output.splitlines()
    assert any(line.startswith("Rapat R-01 (8 Januari 2024): 3 dokumen (") for line in lines)
    assert any(line.startswith("Rapat R-02 (3 April 2024): 4 dokumen (") for line in lines)
    assert not any(line.endswith(".docx") for line in lines)  # no line per file
    assert "Dilewati" not in result.output  # R-01 has no photos: no dokumentasi, silently
    assert "rusak.jpg" in result.output and "dilewati" in result.output  # the broken photo
    assert "catatan.txt" not in result.output  # other files are ignored
    manifest = json.loads(out(folder, "manifest.json").read_text(encoding="utf-8"))
    entries = [(e["jenis"], e["berkas"]) for e in manifest["dokumen"]]
    assert entries == [
        ("rapat-undangan", "rapat/R-01/undangan-R-01.docx"),
        ("rapat-daftar-hadir", "rapat/R-01/daftar-hadir-R-01.docx"),
        ("rapat-notulen", "rapat/R-01/notulen-R-01.docx"),
        ("rapat-undangan", "rapat/R-02/undangan-R-02.docx"),
        ("rapat-daftar-hadir", "rapat/R-02/daftar-hadir-R-02.docx"),
        ("rapat-notulen", "rapat/R-02/notulen-R-02.docx"),
        ("rapat-dokumentasi", "rapat/R-02/dokumentasi-R-02.docx"),
    ]
    assert all(len(e["sha256"]) == 64 for e in manifest["dokumen"])


def test_the_four_documents_pass_openxml_audit(built):
    """R-02's four (its photos, its named invitees); R-01's pack, with its Lampiran, is audited
    on F4/Arial and A4/Bookman by test_word_native.py."""
    audit = pytest.importorskip("openxml_audit")
    folder, _ = built
    validator = audit.OpenXmlValidator()
    for name in ("undangan", "daftar-hadir", "notulen", "dokumentasi"):
        path = out(folder, R02, f"{name}-R-02.docx")
        result = validator.validate(str(path))
        assert result.error_count == 0, (path.name, [str(e) for e in result.errors][:5])


def test_invitation_names_up_to_eight_invitees_with_day_time_place_and_agenda(built):
    folder, _ = built
    path = out(folder, R02, "undangan-R-02.docx")
    doc = Document(str(path))
    text = docx_text(path)
    assert "Rabu, 3 April 2024" in text  # the day's name
    assert "13.30 - 15.30 WIB" in text  # a point and the zone
    assert "Aula KPU Kota Bengkulu" in text
    assert "Undangan Monitoring dan Evaluasi Rencana Aksi Triwulan I" in text  # Hal
    assert "." * 20 in text  # no nomor_undangan: a dotted line to fill by hand
    assert "Daftar terlampir" not in text and "DAFTAR UNDANGAN" not in text
    lists = list(numbered_texts(doc).values())
    invitees = next(items for items in lists if "Pegawai 3" in items[0][1])
    assert [label for label, _ in invitees] == ["1.", "2.", "3.", "4.", "5."]
    assert invitees[4][1] == ("Dra. Sri Wahyuni, M.Si. (Auditor Ahli Madya, Inspektorat KPU "
                              "Provinsi Bengkulu)")
    assert "Rayendra Pirasad" in text  # the signer of Identitas
    assert doc.core_properties.title.startswith("Undangan Monitoring")


def test_invitation_of_the_whole_team_lists_them_in_a_lampiran(built):
    folder, _ = built
    path = out(folder, R01, "undangan-R-01.docx")
    doc = Document(str(path))
    text = docx_text(path)
    assert "Senin, 8 Januari 2024" in text and "09.00 WIB s.d. selesai" in text
    assert "(Daftar terlampir)" in text and "1 (satu) berkas" in text
    assert "Nomor: 12/PR.01-Und/1771/2024" in text and "4 Januari 2024" in text
    agenda = [items for items in numbered_texts(doc).values()
              if items[0][1].startswith("Rapat Pembentukan")]
    assert agenda and [label for label, _ in agenda[0]] == ["1.", "2."]
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["No", "Nama", "Jabatan"]
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None  # repeated
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 26 and rows[0][:2] == ["1.", "Pegawai 1"]  # the SK Tim's order
    assert rows[0][2] == "Ketua Komisi Pemilihan Umum Kota Bengkulu"
    lampiran = next(p for p in doc.paragraphs if p.text == "LAMPIRAN")
    assert lampiran.paragraph_format.page_break_before


def test_attendance_list_staggers_the_signature_column(built):
    folder, _ = built
    doc = Document(str(out(folder, R02, "daftar-hadir-R-02.docx")))
    text = docx_text(out(folder, R02, "daftar-hadir-R-02.docx"))
    assert "DAFTAR HADIR" in text and "Rabu, 3 April 2024" in text and "13.30 - 15.30 WIB" in text
    table = doc.tables[-1]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = table.rows[1:]
    assert len(rows) == 5 + 3  # the invitees, then three empty numbered rows
    for n, row in enumerate(rows, 1):
        tcs = row._tr.findall(qn("w:tc"))
        texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tcs]
        assert texts[0] == f"{n}."
        left, right = texts[3], texts[4]
        assert (left, right) == ((f"{n}.", "") if n % 2 else ("", f"{n}.")), (n, texts)
        height = row._tr.trPr.find(qn("w:trHeight"))
        assert int(height.get(qn("w:val"))) >= 567 and height.get(qn("w:hRule")) == "atLeast"
    assert [tc for tc in rows[5]._tr.findall(qn("w:tc"))][1].xpath("string(.)") == ""


def test_minutes_number_each_section_and_carry_two_signatures(built):
    folder, _ = built
    path = out(folder, R01, "notulen-R-01.docx")
    doc = Document(str(path))
    text = docx_text(path)
    assert "NOTULEN RAPAT" in text and "Senin, 8 Januari 2024" in text
    assert "26 orang (daftar hadir terlampir)" in text
    assert "P1 Manajemen Perubahan" in text
    lists = numbered_texts(doc)
    pembahasan = next(v for v in lists.values() if v[0][1].startswith("Pembentukan Tim"))
    kesimpulan = next(v for v in lists.values() if v[0][1].startswith("Tim Pembangunan"))
    tindak = next(v for v in lists.values() if v[0][1].startswith("Sekretaris tim"))
    assert [label for label, _ in pembahasan] == ["1.", "2.", "3."]
    assert [label for label, _ in kesimpulan] == ["1.", "2."]  # each list starts at 1
    assert [label for label, _ in tindak] == ["1.", "2."]
    signatures = doc.tables[-1]
    names = [c.text for c in signatures.rows[-1].cells]
    assert "Pegawai 5" in names[0]  # the notulis, left
    assert "Rayendra Pirasad" in names[1]  # the chair (Identitas signer by default), right
    assert "Pimpinan Rapat," in signatures.rows[0].cells[1].text
    assert "Ketua Komisi Pemilihan Umum Kota Bengkulu" in signatures.rows[0].cells[1].text


def test_minutes_leave_out_an_empty_section(tmp_path, config):
    from zidoc.build import build_workbook

    workbook = tmp_path / "contoh.xlsx"
    workbook.write_bytes(example_bytes())

    def no_kesimpulan(wb):
        ws = wb["Rapat"]
        column = next(c.column for c in ws[1] if c.value == "kesimpulan")
        ws.cell(row=3, column=column).value = None

    edit_workbook(workbook, no_kesimpulan)
    result = build_workbook(workbook, config, tmp_path / "out", rows={"rapat": ("r-02",)})
    assert result.ok and not result.failures, result.failures
    text = docx_text(tmp_path / "out" / "2024" / "kpu-kota-bengkulu" / R02 / "notulen-R-02.docx")
    assert "Pembahasan" in text and "Tindak Lanjut" in text and "Kesimpulan" not in text
    # --rapat R-02 (any case): that meeting only, nothing else.
    # (the repo's config: its bukti/ holds R-02's sample photos)
    assert sorted(p.name for p in result.written if p.suffix == ".docx") == [
        "daftar-hadir-R-02.docx", "dokumentasi-R-02.docx", "notulen-R-02.docx",
        "undangan-R-02.docx"]


def test_dokumentasi_two_photos_per_row_upright_with_captions(built):
    folder, _ = built
    path = out(folder, R02, "dokumentasi-R-02.docx")
    doc = Document(str(path))
    text = docx_text(path)
    assert "DOKUMENTASI KEGIATAN" in text
    assert "Monitoring dan Evaluasi Rencana Aksi Triwulan I, Rabu, 3 April 2024" in text
    table = doc.tables[-1]
    captions = [[c.paragraphs[-1].text for c in row.cells] for row in table.rows]
    assert captions == [["Paparan capaian rencana aksi", "Pembukaan rapat oleh Ketua Tim"],
                        ["zz foto miring", ""]]  # file-name order; the broken file skipped
    with zipfile.ZipFile(path) as archive:
        media = sorted(n for n in archive.namelist() if n.startswith("word/media/"))
        assert len(media) == 3
        pictures = [archive.read(n) for n in media]
    from PIL import Image

    sideways = next(Image.open(io.BytesIO(data)) for data in pictures
                    if Image.open(io.BytesIO(data)).size == (60, 120))
    rgb = sideways.convert("RGB")
    top, bottom = rgb.getpixel((30, 10)), rgb.getpixel((30, 110))
    assert top[0] > 150 and top[2] < 80  # red on top: turned upright
    assert bottom[2] > 150 and bottom[0] < 80
    assert 0x0112 not in sideways.getexif()  # no orientation left to apply twice


# --- photos -----------------------------------------------------------------------------------
def test_a_large_photo_is_stored_at_1600_px_and_transparency_stays_png(tmp_path):
    from PIL import Image
    from zidoc.documents.photos import LONG_SIDE, prepare

    big = tmp_path / "besar.jpg"
    Image.linear_gradient("L").resize((4000, 3000)).convert("RGB").save(big, quality=90)
    photo = prepare(big)
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.format == "JPEG" and stored.size == (LONG_SIDE, 1200)
    assert (photo.width, photo.height) == (1600, 1200)

    clear = tmp_path / "logo.png"
    Image.new("RGBA", (40, 20), (0, 0, 0, 0)).save(clear)
    assert Image.open(io.BytesIO(prepare(clear).data)).format == "PNG"
    solid = tmp_path / "layar.png"
    Image.new("RGBA", (40, 20), (10, 20, 30, 255)).save(solid)
    assert Image.open(io.BytesIO(prepare(solid).data)).format == "JPEG"


def test_photo_files_any_case_in_name_order_and_unreadable_ones_noted(tmp_path):
    from zidoc.documents.photos import album, caption, photo_files

    for name in ("b.PNG", "a.JPEG", "c.jpg", "d.gif", "e.txt"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in photo_files(tmp_path)] == ["a.JPEG", "b.PNG", "c.jpg"]
    assert photo_files(tmp_path / "tidak-ada") == []
    photos, notes = album(tmp_path)
    assert photos == [] and len(notes) == 3 and all("dilewati" in n for n in notes)
    assert "a.JPEG" in notes[0]
    assert caption(Path("Rapat_tim-ZI  2024.jpg")) == "Rapat tim ZI 2024"


def test_photos_need_pillow_only_when_a_meeting_has_photos():
    code = ("import sys; from zidoc import registry, build; from zidoc.documents import rapat; "
            "print('PIL' in sys.modules)")
    env_path = str(REPO / "pipeline")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": env_path, "PATH": ""})
    assert done.stdout.strip() == "False"


# --- values and the sheets --------------------------------------------------------------------
@pytest.mark.parametrize("value, shown", [
    ("09.00", "09.00 WIB s.d. selesai"),
    ("9:00", "09.00 WIB s.d. selesai"),
    ("09.00-11.00", "09.00 - 11.00 WIB"),
    ("09.00 - selesai", "09.00 WIB s.d. selesai"),
    ("09.00 s.d. 11.30", "09.00 - 11.30 WIB"),
    ("pukul 8.30 WITA", "08.30 WITA s.d. selesai"),
    ("13.00 \u2013 15.00", "13.00 - 15.00 WIB"),
    (time(9, 30), "09.30 WIB s.d. selesai"),
    (0.375, "09.00 WIB s.d. selesai"),  # an Excel time read as a fraction of a day
])
def test_waktu_forms(value, shown):
    from zidoc.workbook.values import parse_waktu

    assert parse_waktu(value).shown("WIB") == shown


@pytest.mark.parametrize("value, says", [
    ("25.00", "tidak ada"), ("11.00 - 09.00", "tidak sesudah"), ("besok pagi", "bukan jam"),
    (9, "bukan jam"), ("09.00 WIB - 11.00 WIT", "dua zona"),
])
def test_waktu_problems(value, says):
    from zidoc.workbook.values import ValueProblem, parse_waktu

    with pytest.raises(ValueProblem, match=says):
        parse_waktu(value)


def _problems(tmp_path, config, edit):
    from zidoc.build import load

    workbook = tmp_path / "contoh.xlsx"
    workbook.write_bytes(example_bytes())
    edit_workbook(workbook, edit)
    return load(workbook, config, tmp_path / "out").problems


def _set(ws, row: int, header: str, value) -> None:
    column = next(c.column for c in ws[1] if c.value == header)
    ws.cell(row=row, column=column).value = value


def test_bad_meetings_are_named_at_their_cells(tmp_path, config):
    def edit(wb):
        rapat, peserta = wb["Rapat"], wb["Peserta"]
        _set(rapat, 2, "kode", "R/01")  # not a file name
        _set(rapat, 3, "waktu", "jam sembilan")
        _set(rapat, 4, "kode", "r-02")  # a duplicate (any case)
        _set(rapat, 4, "tanggal", date(2024, 5, 6))
        _set(rapat, 4, "waktu", "09.00")
        _set(rapat, 4, "tempat", "Aula")
        _set(rapat, 4, "acara", "Rapat")
        _set(peserta, 2, "rapat", "R-09")
        _set(rapat, 3, "tanggal", "2023-12-20")  # another year: a warning
        _set(rapat, 3, "tanggal_undangan", "2024-01-02")  # after the meeting: a warning

    problems = _problems(tmp_path, config, edit)
    errors = {f"{p.sheet}!{p.cell}": p.message for p in problems.errors}
    assert "tidak dapat menjadi nama folder" in errors["Rapat!A2"]
    assert "bukan jam" in errors["Rapat!C3"]
    assert "ganda" in errors["Rapat!A4"] and "Rapat!A3" in errors["Rapat!A4"]
    assert "R-09" in errors["Peserta!A2"] and "tidak ada di lembar Rapat" in errors["Peserta!A2"]
    warnings = {f"{p.sheet}!{p.cell}": p.message for p in problems.warnings}
    assert "2024" in warnings["Rapat!B3"]
    assert "sesudah tanggal rapatnya" in warnings["Rapat!H3"]


def test_zona_waktu_is_read_and_checked(tmp_path, config):
    from zidoc.build import load

    def zone(value):
        def edit(wb):
            ws = wb["Identitas"]
            row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "zona_waktu")
            ws.cell(row, 2).value = value
        return edit

    assert any("zona waktu" in p.message
               for p in _problems(tmp_path, config, zone("GMT")).errors)
    workbook = tmp_path / "wita.xlsx"
    workbook.write_bytes(example_bytes())
    edit_workbook(workbook, zone("wita"))

    def excel_time(wb):  # a real Excel time in R-01's waktu (its cell keeps a time format)
        cell = wb["Rapat"]["C2"]
        cell.value, cell.number_format = time(8, 30), "hh:mm"

    edit_workbook(workbook, excel_time)
    wb = load(workbook, config, tmp_path / "out").workbook
    assert wb.identitas.zona_waktu == "WITA"
    assert wb.rapat[0].waktu.shown(wb.identitas.zona_waktu) == "08.30 WITA s.d. selesai"
    assert wb.rapat[1].waktu.shown(wb.identitas.zona_waktu) == "13.30 - 15.30 WITA"


def test_a_workbook_without_rapat_builds_as_before(tmp_path, config):
    from zidoc.build import build_workbook

    workbook = tmp_path / "contoh.xlsx"
    workbook.write_bytes(example_bytes())
    edit_workbook(workbook, lambda wb: (wb.remove(wb["Rapat"]), wb.remove(wb["Peserta"])))
    result = build_workbook(workbook, config, tmp_path / "out", only=("sk-tim",))
    assert result.ok and not result.skipped and not result.failures
    assert not (tmp_path / "out" / "2024" / "kpu-kota-bengkulu" / "rapat").exists()
    # Asked for (--only laporan --rapat R-01): the Laporan, and one line for the pack.
    result = build_workbook(workbook, config, tmp_path / "out", only=("laporan",),
                            rows={"rapat": ("R-01",)})
    assert result.skipped == ["Dilewati: Paket rapat (undangan, daftar hadir, notulen, "
                              "dokumentasi) (rapat/<kode>/) tidak disusun karena sheet Rapat "
                              "tidak ada di workbook."]
    assert [p.name for p in result.written if p.suffix == ".docx"] == [
        "laporan-pelaksanaan-zi-2024.docx"]


def test_rapat_option_builds_only_that_meeting_and_refuses_an_unknown_one(workspace,
                                                                          example_workbook):
    result = run_cli("build", str(example_workbook), "--rapat", "R-09")
    assert result.exit_code == 1
    assert "R-09 tidak ada di sheet Rapat" in result.output and "R-01, R-02" in result.output
    assert not (workspace / SATKER).exists()
    result = run_cli("build", str(example_workbook), "--rapat", "r-02")
    assert result.exit_code == 0, result.output
    assert "Rapat R-02 (3 April 2024): 3 dokumen" in result.output  # no photos in this folder
    assert sorted(p.name for p in (workspace / SATKER).rglob("*.docx")) == [
        "daftar-hadir-R-02.docx", "notulen-R-02.docx", "undangan-R-02.docx"]


# --- drafts, status, archive ------------------------------------------------------------------
def test_an_edited_invitation_is_kept_and_the_new_draft_goes_beside_it(tmp_path, config):
    from zidoc.build import build_workbook
    from zidoc.store.archive import _collect, _zip_files
    from zidoc.store.manifest import read_manifest
    from zidoc.store.status import collect, report

    workbook = tmp_path / "contoh.xlsx"
    workbook.write_bytes(example_bytes())
    root = tmp_path / "out"
    first = build_workbook(workbook, config, root, rows={"rapat": ("R-02",)})
    assert first.ok and not first.failures
    folder = root / "2024" / "kpu-kota-bengkulu"
    letter = folder / R02 / "undangan-R-02.docx"
    edited = Document(str(letter))
    edited.add_paragraph("Tembusan: Sekretaris")
    edited.save(str(letter))
    mine = letter.read_bytes()
    second = build_workbook(workbook, config, root, only=("rapat",), rows={"rapat": ("R-02",)})
    assert not second.failures
    assert letter.read_bytes() == mine
    assert (folder / R02 / "undangan-R-02-v2.docx").is_file()
    assert any("undangan-R-02-v2.docx" in note for note in second.notes)
    manifest = read_manifest(folder).manifest
    entry = manifest.entry("rapat/R-02/undangan-R-02.docx")
    assert entry.diubah and entry.draf_baru == "rapat/R-02/undangan-R-02-v2.docx"
    lines = "\n".join(report(collect(root, 2024)))
    assert "Undangan Rapat" in lines and "rapat/R-02/undangan-R-02-v2.docx" in lines

    # The archive keeps the rapat/<kode>/ folders (PDFs stood in for: test_archive converts).
    pending = _collect(folder, manifest)
    names = [name for _entry, name, _data in pending.documents]
    assert "rapat/R-02/undangan-R-02.docx" in names
    files = _zip_files(pending, {n: b"%PDF" for n in names}, 2024, "2025-01-01T00:00:00+00:00")
    assert files["rapat/R-02/undangan-R-02.docx"] == mine
    assert "rapat/R-02/undangan-R-02.pdf" in files


def test_versioned_names_keep_their_folder():
    from zidoc.store.drafts import base_of, versioned

    assert versioned("rapat/R-01/notulen-R-01.docx", 2) == "rapat/R-01/notulen-R-01-v2.docx"
    assert base_of("rapat/R-01/notulen-R-01-v3.docx") == "rapat/R-01/notulen-R-01.docx"
    assert versioned("laporan.docx", 3) == "laporan-v3.docx"


def test_a_manifest_naming_a_path_outside_the_folder_is_not_archived():
    from zidoc.fs.files import is_relative_name

    assert is_relative_name("rapat/R-01/undangan-R-01.docx")
    for bad in ("../x.docx", "/etc/passwd", "rapat/../../x", "C:/x.docx", "a\\b.docx", ""):
        assert not is_relative_name(bad), bad
