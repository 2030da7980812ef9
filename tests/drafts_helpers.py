"""Helpers shared by the draft, archive and status tests (real files, written in the test)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl

SLUG = "kpu-kota-bengkulu"
LAPORAN = "laporan-pelaksanaan-zi-{tahun}.docx"


def satker_folder(out: Path, tahun: int = 2024, slug: str = SLUG) -> Path:
    return out / str(tahun) / slug


def laporan(out: Path, tahun: int = 2024, slug: str = SLUG, version: int = 1) -> Path:
    name = LAPORAN.format(tahun=tahun)
    if version > 1:
        name = name.replace(".docx", f"-v{version}.docx")
    return satker_folder(out, tahun, slug) / name


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def entry(folder: Path, name: str) -> dict:
    found = [e for e in manifest(folder)["dokumen"] if e["berkas"] == name]
    assert len(found) == 1, (name, manifest(folder)["dokumen"])
    return found[0]


def edit_docx(path: Path, text: str) -> bytes:
    """Edit a document as staff would (python-docx: a new paragraph); returns the new bytes."""
    from docx import Document

    doc = Document(str(path))
    doc.add_paragraph(text)
    doc.save(str(path))
    return path.read_bytes()


def rewrite_workbook(source: Path, target: Path, identitas: dict | None = None,
                     persen: dict | None = None, clear_last_year: bool = False) -> Path:
    """A copy of `source` with Identitas values and Nilai percentages replaced (openpyxl)."""
    book = openpyxl.load_workbook(source)
    ws = book["Identitas"]
    for row in ws.iter_rows(min_row=2):
        key = row[0].value
        if identitas and key in identitas:
            row[1].value = identitas[key]
    ws = book["Nilai"]
    headers = [c.value for c in ws[1]]
    col_persen, col_last = headers.index("persen"), headers.index("persen_tahun_lalu")
    for row in ws.iter_rows(min_row=2):
        code = row[0].value
        if persen and code in persen:
            row[col_persen].value = persen[code]
        if clear_last_year:
            row[col_last].value = None
    book.save(target)
    return target


def fake_convert(calls: list, pdfa: bool = True):
    """A stand-in for office.convert: one 'PDF' per input, PDF/A-tagged when `pdfa`."""
    def convert(files, outdir, target="pdf", timeout=300):
        calls.append((list(files), target))
        outdir.mkdir(parents=True, exist_ok=True)
        marker = b"<pdfaid:part>2</pdfaid:part>" if pdfa else b""
        results = []
        for f in files:
            pdf = outdir / (f.stem + ".pdf")
            pdf.write_bytes(b"%PDF-1.7\n<?xpacket begin?>" + marker + b"<?xpacket end?>\n"
                            + sha256(f.read_bytes()).encode() + b"\n%%EOF\n")
            results.append(pdf)
        return results
    return convert
