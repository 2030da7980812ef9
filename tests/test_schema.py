"""The workbook schema is the one declaration the reader, the starter writer, the Petunjuk and
the example data all follow."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import openpyxl
import pytest
from conftest import REPO
from xlsx_edit import example_copy
from zidoc.config import load_config
from zidoc.lke import LKE_NAME, load_structure
from zidoc.workbook import model, schema
from zidoc.workbook.example import load_example, parse_example
from zidoc.workbook.reader import read_workbook
from zidoc.workbook.starter import petunjuk, write_example_workbook

# The LKE sheet's vocabularies come from the packaged lke.toml.
STRUCTURE = load_structure(REPO / LKE_NAME, load_config(REPO / "config.toml").lke)
REQUIRED_COLUMNS = [(s.name, c) for s in schema.SHEETS for c in s.required_columns]


def read(path, config):
    return read_workbook(path, config.lke.areas, config.lke.codes,
                         documents=config.documents)


def test_identitas_keys_are_the_model_fields():
    fields = {f.name: f for f in dataclasses.fields(model.Identitas) if f.name != "cells"}
    keys = {k.name: k for k in schema.IDENTITAS.keys}
    assert set(keys) == set(fields)
    for name, key in keys.items():
        has_default = fields[name].default is not dataclasses.MISSING
        assert key.required is not has_default, name
        assert key.help and key.keterangan.startswith("Wajib." if key.required else "Tidak wajib.")


def test_coded_columns_name_a_vocabulary():
    for sheet in schema.SHEETS:
        for column in sheet.columns:
            # (a list taken from another sheet's column, Peserta.rapat, has no vocabulary)
            if column.kind == schema.CODE or (column.dropdown and column.dropdown.is_list
                                              and column.dropdown.source is None):
                assert column.vocabulary, (sheet.name, column.name)
                assert schema.vocabulary(column.vocabulary, ("P1",), ("P1", "H1"),
                                         STRUCTURE), column.name
    # Vocabularies of the model are referenced, not copied.
    assert schema.vocabulary(schema.KEDUDUKAN, (), ()) is model.KEDUDUKAN
    assert schema.vocabulary(schema.DOKUMEN, (), ()) == model.DOKUMEN_KINDS
    assert schema.vocabulary(schema.AREAS, ("X1",), ()) == ("X1",)


def test_sheet_lookup_and_header_labels():
    assert schema.sheet("  rencanaaksi ") is schema.RENCANA_AKSI
    assert schema.sheet("Ringkasan") is None
    labelled = schema.Sheet("X", False, "tidak wajib",
                            (schema.Column("penanggung_jawab", label="Penanggung Jawab"),))
    assert labelled.headers == ("Penanggung Jawab",)
    assert labelled.canonical(schema.normalize_header("Penanggung Jawab")) == "penanggung_jawab"
    assert labelled.canonical("lain") == "lain"  # extra columns are kept (and ignored)


@pytest.mark.parametrize("sheet,column", REQUIRED_COLUMNS)
def test_every_required_column_is_checked(tmp_path, config, sheet, column):
    path = example_copy(tmp_path / "contoh.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    index = [c.value for c in ws[1]].index(schema.sheet(sheet).column(column).header) + 1
    ws.delete_cols(index)
    wb.save(path)
    result, problems = read(path, config)
    assert result is None
    assert f"{sheet}: kolom '{column}' tidak ada di baris judul (baris 1)." in map(str, problems)


def test_header_variants_and_extra_columns_read_the_same(tmp_path, config):
    """"Accept more, never less": upper case, spaces for underscores, spaces around, an extra
    column in front; every sheet reads to the same model."""
    original = example_copy(tmp_path / "asli.xlsx")
    varied = example_copy(tmp_path / "variasi.xlsx")
    wb = openpyxl.load_workbook(varied)
    for spec in schema.SHEETS:
        ws = wb[spec.name]
        for cell in ws[1]:
            cell.value = f"  {cell.value.replace('_', ' ').upper()} "
        ws.insert_cols(1)
        ws["A1"] = "Catatan Pribadi"
        ws["A2"] = "tidak dibaca"
    wb.save(varied)
    expected, _ = read(original, config)
    found, problems = read(varied, config)
    assert found is not None and list(problems) == [], [str(p) for p in problems]
    assert dataclasses.replace(found, source=expected.source).identitas == expected.identitas
    assert found.nilai.keys() == expected.nilai.keys()
    assert [n.persen for n in found.nilai.values()] == [n.persen for n in expected.nilai.values()]
    assert [(p.area, p.butir, p.uraian) for p in found.narasi] == \
        [(p.area, p.butir, p.uraian) for p in expected.narasi]
    assert [(m.nama, m.nip, m.area, m.no) for m in found.tim] == \
        [(m.nama, m.nip, m.area, m.no) for m in expected.tim]
    assert [(a.kegiatan, a.bulan, a.keterangan) for a in found.rencana_aksi] == \
        [(a.kegiatan, a.bulan, a.keterangan) for a in expected.rencana_aksi]
    assert {k: (d.nomor, d.tanggal) for k, d in found.dokumen.items()} == \
        {k: (d.nomor, d.tanggal) for k, d in expected.dokumen.items()}


def test_optional_columns_may_be_absent(tmp_path, config):
    """Every optional column deleted: still read, the optional values empty."""
    path = example_copy(tmp_path / "contoh.xlsx")
    wb = openpyxl.load_workbook(path)
    for spec in schema.SHEETS:
        ws = wb[spec.name]
        optional = {c.header for c in spec.columns if not c.required}
        for index in reversed(range(1, ws.max_column + 1)):
            if ws.cell(1, index).value in optional:
                ws.delete_cols(index)
    # Without Tim.area, Koordinator and Anggota have no area: keep only the top of the team.
    ws = wb["Tim"]
    kedudukan = [c.value for c in ws[1]].index("kedudukan")
    for row in reversed(range(2, ws.max_row + 1)):
        if ws.cell(row, kedudukan + 1).value in ("Koordinator", "Anggota"):
            ws.delete_rows(row)
    wb.save(path)
    # Without RencanaAksi.kode, Realisasi rows cannot name their action: each is an error.
    found, problems = read(path, config)
    assert found is None
    assert [p.place for p in problems.errors] == [
        f"Realisasi!A{n}" for n in range(2, len(wb["Realisasi"]["A"]) + 1)]
    assert "lembar RencanaAksi belum punya kolom kode" in problems.errors[0].message
    del wb["Realisasi"]  # ... an optional sheet: without it, everything else reads
    wb.save(path)
    found, problems = read(path, config)
    assert found is not None, [str(p) for p in problems]
    assert found.penghargaan[0].tahun == 2024  # the assessment year
    assert all(m.nip is None and m.no is None for m in found.tim)
    assert all(a.target is None and a.keterangan is None and a.kode is None
               for a in found.rencana_aksi)
    assert all(d.tempat is None for d in found.dokumen.values())
    assert found.realisasi is None


def test_petunjuk_covers_every_column_and_key(config):
    body = "\n".join(text for _, text in petunjuk(config.lke))
    for spec in schema.SHEETS:
        assert f"Lembar {spec.name} ({spec.use})" in body
        for column in spec.columns:
            if column.help:
                assert f"- {column.header}: {column.help}" in body
        for key in spec.keys:
            assert f"- {key.name}: {key.help}." in body
    # The penerbit/NIP paragraph the committed example once lacked.
    assert "penerbit_keputusan" in body and "penandatangan_nip" in body
    assert "KEPUTUSAN KEPALA BADAN PUSAT STATISTIK KOTA BENGKULU" in body


def test_petunjuk_names_every_document_of_the_registry(config):
    """The opening sentence counts and names the registry's documents (it once said "tiga
    dokumen" after a fourth was added)."""
    from zidoc.registry import DOCUMENTS

    intro = next(text for kind, text in petunjuk(config.lke)
                 if kind == "text" and "sumber data" in text)
    assert f"untuk {len(DOCUMENTS)} dokumen:" in intro
    positions = [intro.index(d.title) for d in DOCUMENTS]
    assert positions == sorted(positions)
    assert "(per triwulan)" in intro  # the monitoring report: one per quarter


def test_writer_takes_lke_names_weights_and_codes_from_config(tmp_path, config):
    lke = config.lke
    first = dataclasses.replace(lke.pengungkit[0], nama="Manajemen Perubahan Baru",
                                bobot=Decimal("8.25"))
    changed = dataclasses.replace(config, lke=dataclasses.replace(
        lke, pengungkit=(first, *lke.pengungkit[1:])))
    path = tmp_path / "contoh.xlsx"
    write_example_workbook(path, changed)
    wb = openpyxl.load_workbook(path)
    body = "\n".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)
    assert "P1 = Manajemen Perubahan Baru (bobot 8,25)" in body
    assert wb["Nilai"]["B2"].value == "Manajemen Perubahan Baru"
    areas = next(v for v in wb["Narasi"].data_validations.dataValidation
                 if str(v.sqref) == "A2:A1000")
    assert areas.formula1 == '"' + ",".join(lke.areas) + '"'


def test_example_data_is_typed_and_checked():
    example = load_example()
    assert example is load_example()  # read once
    assert example.identitas["nilai_tahun_lalu"] == Decimal("89.24")
    assert example.identitas["penerbit_keputusan"] is None
    assert [row["persen"] for row in example.nilai][7] == Decimal("75.00")
    assert all(row["bulan"] for row in example.rencana_aksi)
    with pytest.raises(TypeError):
        example.tim[0]["nama"] = "x"  # read-only: tests copy with dict(row)
    with pytest.raises(ValueError, match="unknown Tim columns"):
        parse_example({"identitas": {}, "tim": [{"nama": "A", "jabatn": "salah ketik"}]})
    with pytest.raises(ValueError, match="unknown Identitas keys"):
        parse_example({"identitas": {"tahunn": 2024}})


def test_unknown_dokumen_names_the_vocabulary(tmp_path, config):
    path = example_copy(tmp_path / "contoh.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Dokumen"]["A3"] = "sk tim lama"
    wb.save(path)
    _, problems = read(path, config)
    choices = " atau ".join(model.DOKUMEN_KINDS) if len(model.DOKUMEN_KINDS) == 2 else ""
    assert any(str(p).startswith("Dokumen!A3: dokumen 'sk_tim_lama' tidak dikenal; pilih ")
               and str(p).endswith(f"{choices}.") for p in problems), [str(p) for p in problems]


def test_init_writes_the_example_with_the_folders_config(tmp_path):
    """The example follows the folder's config.toml; a broken one falls back to the packaged
    config (init never fails on it, and never overwrites it)."""
    from conftest import REPO, run_cli

    custom = tmp_path / "sendiri"
    custom.mkdir()
    text = (REPO / "config.toml").read_text(encoding="utf-8")
    (custom / "config.toml").write_text(
        text.replace('nama = "Manajemen Perubahan"', 'nama = "Manajemen Perubahan Kantor"'),
        encoding="utf-8")
    broken = tmp_path / "rusak"
    broken.mkdir()
    (broken / "config.toml").write_text("[lke\n", encoding="utf-8")
    for folder, name in ((custom, "Manajemen Perubahan Kantor"), (broken, "Manajemen Perubahan")):
        assert run_cli("init", str(folder)).exit_code == 0
        (path,) = (folder / "inputs").rglob("*.xlsx")
        assert openpyxl.load_workbook(path)["Nilai"]["B2"].value == name
    assert (broken / "config.toml").read_text(encoding="utf-8") == "[lke\n"
