"""The document registry: each document declared once, and everything else derived from it.

The last tests declare a fourth document here, in the test, and build it through the build's
own path: adding a document needs a registry entry, its module (here: this one), its template
and its tests, and no other change."""
from __future__ import annotations

import dataclasses
import json
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import REPO
from zidoc import registry
from zidoc.registry import DOCUMENTS, KINDS, DocumentKind, Picture, resolve

PACKAGE = REPO / "pipeline" / "zidoc"


# --- the registry's invariants ------------------------------------------------------------------

def test_kinds_outputs_templates_and_dokumen_codes_are_unique():
    for values in ([d.kind for d in DOCUMENTS], [d.title for d in DOCUMENTS],
                   [d.template for d in DOCUMENTS], [d.output for d in DOCUMENTS],
                   [d.dokumen for d in DOCUMENTS if d.dokumen is not None]):
        assert len(values) == len(set(values)), values
    assert KINDS == ("laporan", "sk-tim", "rencana-aksi", "monev", "skm", "rapat-undangan",
                     "rapat-daftar-hadir", "rapat-notulen", "rapat-dokumentasi")  # build order
    assert registry.SELECTORS == ("laporan", "sk-tim", "rencana-aksi", "monev", "skm", "rapat")


def test_every_entry_is_well_formed():
    from zidoc.workbook.model import Workbook
    from zidoc.workbook.schema import SHEETS

    fields = {f.name for f in dataclasses.fields(Workbook)}
    sheets = {spec.name for spec in SHEETS}
    for doc in DOCUMENTS:
        assert re.fullmatch(r"[a-z][a-z0-9-]*", doc.kind), doc.kind
        assert doc.template.endswith(".docx") and doc.output.endswith(".docx")
        # One file per year (the year's folder), or per row: a meeting's files are named by
        # its kode, in its own folder of the year.
        assert ("{tahun}" in doc.output) != (doc.per_row is not None), doc.output
        assert ("{kunci}" in doc.output) == (doc.per_row is not None), doc.output
        # ... and per period for a periodic document, whose Dokumen row is per period too
        assert ("{periode}" in doc.output) == (doc.period is not None), doc.output
        assert doc.dokumen is None or ("{periode}" in doc.dokumen) == (doc.period is not None)
        assert doc.refers is None or doc.refers in KINDS
        assert (doc.sheet is None) == (not doc.has_rows), doc.kind  # skip reasons name the sheet
        assert doc.rows is None or doc.members is None, doc.kind  # rows from one place
        # The registry cannot import the schema (schema -> model -> registry), so its sheet
        # names are spelled out: each must be a sheet the schema declares.
        assert doc.sheet is None or doc.sheet in sheets, doc.sheet
        assert doc.rows is None or doc.rows in fields, doc.rows
        assert not doc.keputusan or doc.dokumen is not None, doc.kind  # texts keyed by its row
        assert (REPO / "templates" / "docx" / doc.template).is_file(), doc.template


def test_every_lazy_reference_resolves_to_a_callable():
    for doc in DOCUMENTS:
        assert callable(doc.context_builder()), doc.context
        for name, make in doc.picture_makers().items():
            assert name.isidentifier() and callable(make), name
        assert doc.finish is None or callable(doc.finisher()), doc.finish


def test_resolve():
    assert resolve("zidoc.documents.wordfix:fit_tables").__name__ == "fit_tables"
    assert resolve(len) is len  # a callable is taken as it is
    for bad in ("zidoc.documents.wordfix", ":fit_tables", "zidoc.documents.wordfix:"):
        with pytest.raises(ValueError):
            resolve(bad)
    with pytest.raises(AttributeError):
        resolve("zidoc.documents.wordfix:no_such_fix")


def test_vocabularies_come_from_the_registry(config):
    from zidoc.cli.commands import build
    from zidoc.config import KEPUTUSAN_KINDS
    from zidoc.workbook.model import DOKUMEN_KINDS

    assert DOKUMEN_KINDS == registry.DOKUMEN_CODES == (
        "sk_tim", "rencana_aksi", "monev_tw1", "monev_tw2", "monev_tw3", "monev_tw4", "skm")
    assert registry.NOMOR_CODES == ("sk_tim", "rencana_aksi")  # a report's number is optional
    assert KEPUTUSAN_KINDS == registry.KEPUTUSAN_KEYS == ("sk_tim", "rencana_aksi")
    # [keputusan.*] of config.toml: the built-in two, then those it declares (with a sheet)
    assert tuple(config.keputusan) == registry.KEPUTUSAN_KEYS + ("sk_agen_perubahan",
                                                                 "sk_satgas_spip")
    assert registry.keputusan_keys(config.documents) == tuple(config.keputusan)
    assert registry.kinds(config.documents) == KINDS + ("sk-agen-perubahan", "sk-satgas-spip")
    only = next(p for p in build.params if p.name == "only")
    # checked after config loads; a meeting's four documents are --only rapat
    assert "laporan, sk-tim, rencana-aksi, monev, skm, rapat" in only.help
    rapat = next(p for p in build.params if p.name == "rapat")  # from registry.ROWS
    assert rapat.multiple and rapat.metavar == "KODE"
    triwulan = next(p for p in build.params if p.name == "triwulan")  # from registry.PERIODS
    assert (triwulan.type.min, triwulan.type.max) == (1, 4)


def test_status_titles():
    assert [registry.title_of(k) for k in KINDS] == [
        "Laporan Pelaksanaan", "SK Tim", "Rencana Aksi", "Laporan Monev Rencana Aksi",
        "Laporan Survei Kepuasan Masyarakat",
        "Undangan Rapat", "Daftar Hadir Rapat", "Notulen Rapat", "Dokumentasi Rapat"]
    assert registry.title_of("lama") == "lama"  # a kind from an older zidoc is shown as it is


def test_the_command_line_starts_without_heavy_imports():
    """The registry is read at start-up (--only choices): it must not pull in the build."""
    heavy = ("docx", "docxtpl", "openpyxl", "matplotlib", "pptx", "xlsxwriter", "babel",
             "jinja2", "zidoc.build", "zidoc.workbook.model", "zidoc.documents.wordchart",
             "zidoc.documents.keputusan", "zidoc.documents.laporan")
    code = ("import sys, zidoc.cli.commands; "
            f"print(','.join(m for m in {heavy!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(REPO / "pipeline")}).stdout
    assert out.strip() == ""


def test_no_module_branches_on_a_document_name():
    """Document names appear in the registry only (the example workbook's Dokumen rows are
    data)."""
    names = re.compile(r"""["'](laporan|sk-tim|rencana-aksi|sk_tim|rencana_aksi|monev"""
                       r"""|monev_tw\d)["']""")
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("registry.py", "starter.py"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("  # ")[0]  # comments may name them
            if names.search(code):
                found.append(f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}")
    assert found == []


def test_skip_reasons(config, example_workbook):
    """Which sheet and which Dokumen row a document needs is all the registry says; the lines
    are the ones staff have always seen."""
    from zidoc.build import document_jobs, load

    loaded = load(example_workbook, config)
    wb, sk = loaded.workbook, DOCUMENTS[1]
    cases = [
        (dataclasses.replace(wb, anggota={**wb.anggota, "Tim": None}),
         "sheet Tim tidak ada di workbook"),
        (dataclasses.replace(wb, anggota={**wb.anggota, "Tim": ()}),
         "sheet Tim belum berisi data"),
        (dataclasses.replace(wb, dokumen=None),
         "sheet Dokumen (nomor dan tanggal Keputusan) tidak ada di workbook"),
        (dataclasses.replace(wb, dokumen={"rencana_aksi": wb.dokumen["rencana_aksi"]}),
         "sheet Dokumen belum memuat baris 'sk_tim' (nomor dan tanggal Keputusan)"),
    ]
    for changed, reason in cases:
        assert sk.missing_reason(changed) == reason
        jobs, skipped = document_jobs(changed, loaded.scores, config, ("sk-tim",))
        assert jobs == []
        assert skipped == [f"Dilewati: SK Tim (sk-tim-zi-2024.docx) tidak disusun karena {reason}."]
    # (The test example has no survey: an optional document without its data is left out.)
    assert all(d.missing_reason(wb) is None for d in config.documents
               if not d.optional or getattr(wb, d.rows))
    assert DOCUMENTS[0].missing_reason(cases[2][0]) is None  # the Laporan needs no Dokumen row


# --- a fourth document, declared in this test only ----------------------------------------------

def monev_context(wb, scores, config, doc) -> dict:
    """The fake document's context builder: this module is its 'module'."""
    return {"judul": f"LAPORAN MONEV {wb.identitas.tahun}",
            "jumlah_aksi": str(len(getattr(wb, doc.rows))),
            "nomor": wb.dokumen[doc.dokumen].nomor}


def tiny_picture(wb, scores, config):
    """A 1 x 1 white PNG, written by hand (no imaging library needed), as a placer."""
    from zidoc.documents.render import inline_png

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))
    return inline_png(png, width_mm=20)


def mark_finished(document) -> None:
    document.add_paragraph("DISELESAIKAN")


MONEV = DocumentKind(
    kind="uji",
    title="Laporan Uji",
    template="uji.docx",
    output="laporan-uji-zi-{tahun}.docx",
    context="tests.test_registry:monev_context",  # resolved lazily, as the real ones are
    sheet="RencanaAksi",
    rows="rencana_aksi",
    dokumen="rencana_aksi",
    pictures=(Picture("gambar", "tests.test_registry:tiny_picture"),),
    finish=mark_finished,
)
WITH_MONEV = (*DOCUMENTS, MONEV)


def write_monev_template(folder: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("{{ judul }}")
    document.add_paragraph("Nomor {{ nomor }}, {{ jumlah_aksi }} aksi.")
    document.add_paragraph("{{ gambar }}")
    document.save(str(folder / MONEV.template))


@pytest.fixture
def monev_config(workspace):
    from zidoc.config import load_config

    config = load_config(workspace / "config.toml")
    write_monev_template(config.templates)
    return dataclasses.replace(config, documents=(*config.documents, MONEV))


def test_a_fourth_document_is_built_named_recorded_and_shown(workspace, monev_config,
                                                             example_workbook):
    from docx import Document
    from zidoc.build import build_workbook
    from zidoc.store.status import collect, report

    out = workspace / "outputs"
    result = build_workbook(example_workbook, monev_config, out, only=("uji",))
    assert result.ok and not result.failures and result.skipped == []
    path = out / "2024" / "kpu-kota-bengkulu" / "laporan-uji-zi-2024.docx"
    assert path in result.written

    document = Document(str(path))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "LAPORAN MONEV 2024"
    assert re.fullmatch(r"Nomor 28, [1-9]\d* aksi\.", text[1]), text[1]
    assert text[-1] == "DISELESAIKAN"  # its finishing step ran
    assert len(document.inline_shapes) == 1  # its picture was placed

    manifest = json.loads((path.parent / "manifest.json").read_text(encoding="utf-8"))
    assert [(d["jenis"], d["berkas"]) for d in manifest["dokumen"]] == [
        ("uji", "laporan-uji-zi-2024.docx")]

    lines = report(collect(out), monev_config.documents)
    row = next(line for line in lines if "laporan-uji-zi-2024.docx" in line)
    assert re.split(r"\s{2,}", row.strip())[0] == "Laporan Uji"


def test_a_fourth_document_is_skipped_with_its_reason_and_checked(workspace, monev_config,
                                                                  example_workbook):
    from docx import Document
    from zidoc.build import document_jobs, load
    from zidoc.templates import check_folder

    loaded = load(example_workbook, monev_config)
    no_plan = dataclasses.replace(loaded.workbook, rencana_aksi=None)
    jobs, skipped = document_jobs(no_plan, loaded.scores, monev_config)
    assert [j.document.kind for j in jobs if j.document.per_row is None] == [
        "laporan", "sk-tim", "monev", "sk-agen-perubahan", "sk-satgas-spip"]
    assert skipped[-1] == ("Dilewati: Laporan Uji (laporan-uji-zi-2024.docx) tidak disusun "
                           "karena sheet RencanaAksi tidak ada di workbook.")

    # `zidoc templates check` knows its variables too, from the same jobs.
    lines, files = check_folder(monev_config.templates, monev_config)
    assert lines == [] and monev_config.templates / "uji.docx" in files
    template = monev_config.templates / MONEV.template
    document = Document(str(template))
    document.add_paragraph("{{ jumlah_aksii }}")
    document.save(str(template))
    lines, _ = check_folder(monev_config.templates, monev_config)
    assert len(lines) == 1 and "'jumlah_aksii' tidak dikenal" in lines[0], lines
    assert "Mungkin maksudnya 'jumlah_aksi'?" in lines[0]
