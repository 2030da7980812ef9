"""Keputusan declared in config.toml (issue 20): a new SK from a copied config.toml and a
workbook, without a line of Python; the example's SK Agen Perubahan and SK Satgas SPIP; the
config errors, each with its key and line."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, docx_text, run_cli, working_folder
from xlsx_edit import example_copy

# A third Keputusan, not in the example: the complaints team, with its own positions.
PENGADUAN = '''
[keputusan.sk_pengaduan]
judul = "SK Tim Pengelola Pengaduan"
sheet = "TimPengaduan"
kedudukan = ["Penanggung Jawab", "Ketua", "Sekretaris", "Anggota"]
tentang = "Pembentukan Tim Pengelola Pengaduan Masyarakat di Lingkungan {nama_satker} Tahun {tahun}"
judul_lampiran = "Susunan Tim Pengelola Pengaduan Masyarakat {nama_satker} Tahun {tahun}"
menimbang = ["bahwa pengaduan masyarakat perlu dikelola secara cepat dan tuntas di lingkungan {nama_satker};"]
mengingat = ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;"]

[[keputusan.sk_pengaduan.diktum]]
teks = "Membentuk Tim Pengelola Pengaduan Masyarakat {nama_satker} Tahun {tahun}."
'''

# (nama, jabatan, kedudukan, nip) in sheet order: the Lampiran lists them by position.
PEOPLE = [
    ("Rina Anggota", "Pranata Humas", "anggota", "199305202020122002"),
    ("Budi Ketua", "Kepala Subbagian Teknis", "Ketua", "198005122006042001"),
    ("Sari Sekretaris", "Analis Pengaduan", "SEKRETARIS", None),
    ("Joko Penanggung", "Sekretaris KPU Kota", "Penanggung Jawab", "197203151998031002"),
    ("Ani Anggota", "Pengadministrasi Umum", "Anggota", None),
]


@pytest.fixture
def folder(tmp_path) -> Path:
    """A working folder: a copied config.toml with one more [keputusan.*] table, the shipped
    templates, and the example workbook with one more sheet and one more Dokumen row."""
    import openpyxl

    root = working_folder(tmp_path / "kerja", PENGADUAN)
    (root / "inputs" / "2024").mkdir(parents=True)
    workbook = example_copy(root / "inputs" / "2024" / "contoh.xlsx")
    book = openpyxl.load_workbook(workbook)
    sheet = book.create_sheet("TimPengaduan")
    sheet.append(["no", "nama", "nip", "jabatan", "kedudukan"])
    for nama, jabatan, kedudukan, nip in PEOPLE:
        sheet.append([None, nama, nip, jabatan, kedudukan])
    book["Dokumen"].append(["sk_pengaduan", "77", "2024-03-11", "Bengkulu"])
    book.save(workbook)
    return root


def lampiran_rows(path: Path) -> list[list[str]]:
    from docx import Document

    table = Document(str(path)).tables[-1]
    rows = []
    for row in table.rows[1:]:
        cells = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1][0]:
                cells.append((cell._tc, cell.text.strip()))
        rows.append([text for _, text in cells])
    return rows


def test_a_new_keputusan_from_config_and_workbook_alone(folder):
    from docx import Document

    result = run_cli("build", "--only", "sk-pengaduan", cwd=folder)
    assert result.exit_code == 0, result.output
    path = folder / "outputs" / "2024" / "kpu-kota-bengkulu" / "sk-pengaduan-zi-2024.docx"
    assert path.is_file()
    text = docx_text(path)
    assert "NOMOR 77 TAHUN 2024" in text
    assert ("PEMBENTUKAN TIM PENGELOLA PENGADUAN MASYARAKAT DI LINGKUNGAN KOMISI PEMILIHAN "
            "UMUM KOTA BENGKULU TAHUN 2024") in text
    assert "SUSUNAN TIM PENGELOLA PENGADUAN MASYARAKAT KOMISI PEMILIHAN UMUM KOTA BENGKULU" \
        in text
    assert "11 Maret 2024" in text
    # The Lampiran: people in the order of the declared positions, numbered, NIP grouped.
    rows = lampiran_rows(path)
    assert [r[1] for r in rows] == ["Joko Penanggung", "Budi Ketua", "Sari Sekretaris",
                                    "Rina Anggota", "Ani Anggota"]
    assert [r[0] for r in rows] == ["1.", "2.", "3.", "4.", "5."]
    assert [r[4] for r in rows] == ["Penanggung Jawab", "Ketua", "Sekretaris", "Anggota",
                                    "Anggota"]
    assert rows[0][2] == "19720315\u00a0199803\u00a01\u00a0002" and rows[2][2] == "-"
    # The signer closes both the decree and its Lampiran.
    document = Document(str(path))
    assert text.count("Rayendra Pirasad") >= 2 and len(document.sections) == 2
    # The manifest, the status and the printed line name it like any other document.
    status = run_cli("status", cwd=folder)
    assert "SK Tim Pengelola Pengaduan" in status.output and "sk-pengaduan-zi-2024.docx" in \
        status.output


def test_the_new_keputusan_is_skipped_with_its_reason(folder):
    import openpyxl

    workbook = folder / "inputs" / "2024" / "contoh.xlsx"
    book = openpyxl.load_workbook(workbook)
    del book["TimPengaduan"]
    book.save(workbook)
    result = run_cli("build", "--only", "sk_pengaduan", cwd=folder)
    assert result.exit_code == 0, result.output
    assert ("Dilewati: SK Tim Pengelola Pengaduan (sk-pengaduan-zi-2024.docx) tidak disusun "
            "karena sheet TimPengaduan tidak ada di workbook.") in result.output


def test_its_sheet_is_read_with_its_own_positions(folder):
    import openpyxl

    workbook = folder / "inputs" / "2024" / "contoh.xlsx"
    book = openpyxl.load_workbook(workbook)
    book["TimPengaduan"]["E2"] = "Wakil Ketua"  # a position of the SK Tim, not of this one
    book["TimPengaduan"].append([None, "Dua Ketua", None, "Staf", "Ketua"])
    book.save(workbook)
    result = run_cli("validate", str(workbook), cwd=folder)
    assert result.exit_code != 0
    assert ("TimPengaduan!E2: kedudukan 'Wakil Ketua' tidak dikenal; pilih salah satu: "
            "Penanggung Jawab, Ketua, Sekretaris, Anggota.") in result.output
    assert "sheet TimPengaduan harus punya tepat satu Ketua (ditemukan 2: TimPengaduan!B3" \
        in result.output


def test_templates_check_and_only_know_the_declared_ones(folder):
    result = run_cli("templates", "check", cwd=folder)
    assert result.exit_code == 0, result.output
    wrong = run_cli("build", "--only", "sk-pengadua", cwd=folder)
    assert wrong.exit_code == 2
    assert "maksud Anda 'sk-pengaduan'?" in wrong.output


def test_the_example_builds_six_documents(tmp_path):
    """`zidoc init` then `zidoc build`: the two declared Keputusan of the shipped config are
    among the six documents, each with its own number, positions and areas."""
    from openxml_audit import OpenXmlValidator

    folder = tmp_path / "baru"
    assert run_cli("init", str(folder)).exit_code == 0
    result = run_cli("build", cwd=folder)
    assert result.exit_code == 0, result.output
    out = folder / "outputs" / "2024" / "kpu-kota-bengkulu"
    docs = sorted(p.name for p in out.glob("*.docx"))
    assert docs == ["laporan-monev-rencana-aksi-zi-2024-tw2.docx",
                    "laporan-pelaksanaan-zi-2024.docx",
                    "laporan-skm-2024.docx",  # the example's survey (issue 23)
                    "rencana-aksi-zi-2024.docx",
                    "sk-agen-perubahan-zi-2024.docx", "sk-satgas-spip-zi-2024.docx",
                    "sk-tim-zi-2024.docx"]
    validator = OpenXmlValidator()
    for name in docs:
        found = validator.validate(str(out / name))
        assert found.error_count == 0, (name, [str(e) for e in found.errors][:3])
    agen = docx_text(out / "sk-agen-perubahan-zi-2024.docx")
    assert "NOMOR 15 TAHUN 2024" in agen and "Nomor 27 Tahun 2014" in agen
    rows = lampiran_rows(out / "sk-agen-perubahan-zi-2024.docx")
    # The Koordinator first, then the Anggota under their areas' headings.
    assert rows[0][1] == "Pegawai 5" and rows[1] == ["Area I Manajemen Perubahan"]
    satgas = docx_text(out / "sk-satgas-spip-zi-2024.docx")
    assert "NOMOR 6 TAHUN 2024" in satgas and "Peraturan Pemerintah Nomor 60 Tahun 2008" in satgas
    assert [r[4] for r in lampiran_rows(out / "sk-satgas-spip-zi-2024.docx")] == [
        "Pengarah", "Penanggung Jawab", "Ketua", "Sekretaris", "Anggota", "Anggota", "Anggota"]


# --- config errors, each with its key and line -----------------------------------------------
def config_error(tmp_path: Path, extra: str) -> list[str]:
    from zidoc.config import ConfigError, load_config

    path = tmp_path / "config.toml"
    path.write_text((REPO / "config.toml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value.lines


def line_of(tmp_path: Path, text: str) -> int:
    lines = (tmp_path / "config.toml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(text))


@pytest.mark.parametrize("change, key_line, phrase", [
    (('sheet = "TimPengaduan"', 'sheet = "Tim/Pengaduan"'), 'sheet = "Tim/Pengaduan"',
     "'keputusan.sk_pengaduan.sheet' = \"Tim/Pengaduan\" tidak dapat menjadi nama sheet Excel"),
    (('sheet = "TimPengaduan"', 'sheet = "Nilai"'), 'sheet = "Nilai"',
     "sheet 'Nilai' di 'keputusan.sk_pengaduan.sheet' sudah dipakai oleh sheet bawaan workbook"),
    (('sheet = "TimPengaduan"', 'sheet = "agen perubahan"'), 'sheet = "agen perubahan"',
     "sheet 'agen perubahan' di 'keputusan.sk_pengaduan.sheet' sudah dipakai oleh "
     "'SK Agen Perubahan'"),
    (('tentang = "Pembentukan Tim Pengelola', 'tentangg = "Pembentukan Tim Pengelola'),
     "[keputusan.sk_pengaduan]", "kunci 'keputusan.sk_pengaduan.tentang' wajib diisi."),
    (('kedudukan = ["Penanggung Jawab", "Ketua", "Sekretaris", "Anggota"]', 'kedudukan = []'),
     "kedudukan = []", "'keputusan.sk_pengaduan.kedudukan' harus berupa daftar kedudukan yang "
     "tidak kosong"),
    (("[keputusan.sk_pengaduan]", "[keputusan.monev]"), "[keputusan.monev]",
     "[keputusan.monev] bentrok dengan dokumen 'Laporan Monev Rencana Aksi'"),
    (('judul = "SK Tim Pengelola Pengaduan"',
      'judul = "SK Tim Pengelola Pengaduan"\nberkas = "sk-tim-zi-{tahun}.docx"'),
     'berkas = "sk-tim-zi-{tahun}.docx"',
     "'keputusan.sk_pengaduan.berkas' = \"sk-tim-zi-{tahun}.docx\" sama dengan nama berkas "
     "'SK Tim'"),
])
def test_config_errors_name_the_key_and_line(tmp_path, change, key_line, phrase):
    old, new = change
    lines = config_error(tmp_path, PENGADUAN.replace(old, new))
    line = line_of(tmp_path, key_line)
    assert any(f"config.toml baris {line}: " in text and phrase in text for text in lines), \
        (line, lines)


def test_a_table_name_must_be_a_plain_code(tmp_path):
    """A table name becomes a Dokumen code and a file name: only letters, digits and _ (so
    that two names never give one document name)."""
    lines = config_error(tmp_path, PENGADUAN.replace("[keputusan.sk_pengaduan]",
                                                     '[keputusan."sk-pengaduan"]'))
    assert any("hanya boleh berisi huruf kecil, angka dan garis bawah" in text
               for text in lines), lines


def test_a_table_without_a_sheet_is_not_a_keputusan(tmp_path):
    lines = config_error(tmp_path, PENGADUAN.replace('sheet = "TimPengaduan"\n', ""))
    line = line_of(tmp_path, "[keputusan.sk_pengaduan]")
    assert any(text.startswith(f"config.toml baris {line}: [keputusan.sk_pengaduan] tidak "
                               "dikenal") and 'sheet = "AgenPerubahan"' in text
               for text in lines), lines


def test_reserved_sheets_cover_the_workbook_contract():
    """registry.RESERVED_SHEETS (config is checked below the workbook contract) names every
    fixed sheet of workbook/schema.py that is not a document's own people sheet."""
    from zidoc.registry import DOCUMENTS, RESERVED_SHEETS
    from zidoc.workbook import schema

    own = {d.sheet for d in DOCUMENTS if d.sheet}
    fixed = set(schema.SHEET_NAMES) - own
    assert fixed == set(RESERVED_SHEETS)
