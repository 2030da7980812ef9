"""The register workbook `daftar-bukti-dukung-zi-<tahun>.xlsx` (openpyxl, in memory).

Sheets `Bukti` (one row per question, in LKE order, each file also in its own linked cell),
`Ringkasan` (per area and in total) and `Tidak dirujuk` (files no question uses). Links are
relative to where the register lies, so the outputs and bukti folders can move together."""
from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from zidoc.bukti.register import LENGKAP, Register, Summary
from zidoc.workbook.marking import _lines, _text  # one wording of cell text and its lines

BUKTI, RINGKASAN, TIDAK_DIRUJUK = "Bukti", "Ringkasan", "Tidak dirujuk"
BUKTI_HEADERS = ("area", "indikator", "nama_indikator", "no", "pertanyaan", "jawaban", "nilai",
                 "status", "bukti")
BUKTI_WIDTHS = (7, 10, 34, 5, 44, 10, 8, 18, 50)
ROW_HEIGHT = 15  # points per line of wrapped text
MAX_HEIGHT = 409  # points: the highest row Excel accepts
FILE_HEADER = "berkas {n}"  # one linked cell per file after `bukti`
RINGKASAN_HEADERS = ("area", "nama_area", "pertanyaan", "terjawab", "lengkap",
                     "hanya_keterangan", "belum_ada_bukti", "persen_lengkap")
RINGKASAN_WIDTHS = (8, 40, 12, 11, 10, 18, 17, 15)
UNUSED_HEADERS = ("berkas", "ukuran_byte")
HEADER_FILL = "D9E1F2"
STATUS_FILLS = {LENGKAP: "C6EFCE", "Hanya keterangan": "FFEB9C", "Belum ada bukti": "FFC7CE"}
LINK_COLOR = "0563C1"
FONT = "Calibri"  # openpyxl's default body font: headers and links alike
MAX_LINKS = 100  # linked file cells per question (Excel: 16,384 columns in all)
CELL_LIMIT = 32_767  # characters one Excel cell holds
FIXED_TIME = datetime(1980, 1, 1)  # stamped instead of the time of saving (deterministic)


def register_name(tahun: int) -> str:
    return f"daftar-bukti-dukung-zi-{tahun}.xlsx"


def file_link(register: Register, path: str, at: Path) -> str:
    """A link from the folder `at` (where the register lies) to `path` under the evidence
    folder: relative with '/', each part %-encoded; absolute (file:) across drives."""
    target = register.folder / path
    try:
        rel = os.path.relpath(target, at)
    except ValueError:  # another drive (Windows): no relative path exists
        return Path(os.path.abspath(target)).as_uri()
    return quote(rel.replace(os.sep, "/"), safe="/")


def register_bytes(register: Register, at: Path, satker: str = "") -> bytes:
    """The register as .xlsx bytes, its links relative to the folder `at`."""
    from openpyxl import Workbook as Book
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Book()
    bold = Font(name=FONT, bold=True)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    top = Alignment(wrap_text=True, vertical="top")
    link_font = Font(name=FONT, color=LINK_COLOR, underline="single")

    def headers(ws, names, widths) -> None:
        from openpyxl.utils import get_column_letter

        for n, (name, width) in enumerate(zip(names, widths), 1):
            cell = ws.cell(row=1, column=n, value=name)
            cell.font, cell.fill = bold, header_fill
            ws.column_dimensions[get_column_letter(n)].width = width
        ws.freeze_panes = "A2"

    ws = book.active
    ws.title = BUKTI
    most = min(MAX_LINKS, max((len(q.files) for q in register.questions), default=0))
    headers(ws, BUKTI_HEADERS + tuple(FILE_HEADER.format(n=n) for n in range(1, most + 1)),
            BUKTI_WIDTHS + (28,) * most)
    for row, q in enumerate(register.questions, 2):
        values = (q.area, q.indikator, q.nama_indikator, q.no, q.pertanyaan, q.jawaban or "",
                  None if q.skor is None else float(q.skor), q.status,
                  _lines_text([i.text for i in q.items]))
        for column, value in enumerate(values, 1):
            cell = ws.cell(row=row, column=column)
            _put(cell, value)
            cell.alignment = top
        # LibreOffice does not fit rows on opening: a height for the wrapped lines.
        ws.row_dimensions[row].height = min(MAX_HEIGHT, ROW_HEIGHT * max(
            _lines(str(v), w) for v, w in zip(values, BUKTI_WIDTHS) if isinstance(v, str)))
        ws.cell(row=row, column=7).number_format = "0.00"
        ws.cell(row=row, column=8).fill = PatternFill("solid", fgColor=STATUS_FILLS[q.status])
        files = q.files
        if files:  # the bukti cell opens the first file; each file has its own cell too
            ws.cell(row=row, column=9).hyperlink = file_link(register, files[0].text, at)
        for n, item in enumerate(files[:MAX_LINKS], 10):
            cell = ws.cell(row=row, column=n)
            _put(cell, item.name)
            cell.hyperlink = file_link(register, item.text, at)
            cell.font, cell.alignment = link_font, top
    ws.auto_filter.ref = ws.dimensions

    summary = book.create_sheet(RINGKASAN)
    headers(summary, RINGKASAN_HEADERS, RINGKASAN_WIDTHS)
    for row, s in enumerate((*register.areas, register.total), 2):
        _summary_row(summary, row, s, bold if s is register.total else None)
    note = len(register.areas) + 4
    summary.merge_cells(start_row=note, start_column=1, end_row=note,
                        end_column=len(RINGKASAN_HEADERS))
    summary.cell(row=note, column=1).alignment = top
    summary.row_dimensions[note].height = 45
    _put(summary.cell(row=note, column=1),
         f"Bukti dukung {satker} tahun {register.tahun}: lengkap, hanya keterangan dan belum "
         "ada bukti dihitung dari pertanyaan yang sudah dijawab; persen_lengkap = lengkap / "
         f"terjawab x 100. Jawaban bernilai di atas 0 yang belum didukung berkas: "
         f"{register.positive_without_files}.".replace("  ", " "))

    unused = book.create_sheet(TIDAK_DIRUJUK)
    headers(unused, UNUSED_HEADERS, (70, 14))
    for row, (path, size) in enumerate(register.unreferenced, 2):
        cell = unused.cell(row=row, column=1)
        _put(cell, path)
        cell.hyperlink = file_link(register, path, at)
        cell.font = link_font
        unused.cell(row=row, column=2, value=size).number_format = "#,##0"
    for sheet in (ws, summary, unused):  # printed: one page wide
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.creator = "zidoc"
    book.properties.title = f"Daftar bukti dukung Zona Integritas {satker} {register.tahun}"
    book.properties.created = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return _steady(out.getvalue())


def _steady(data: bytes) -> bytes:
    """The same bytes for the same register: openpyxl stamps the time of saving (zip entries
    and docProps/core.xml); a fixed time instead, so that the pack is deterministic."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as steady:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + FIXED_TIME.isoformat().encode() + rb"Z\g<2>",
                                 content)
            steady.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME.timetuple()[:6]),
                            content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _lines_text(lines: list[str]) -> str:
    """One line per file, link or description, within what one Excel cell holds."""
    text, shown = "", 0
    for line in lines:
        if len(text) + len(line) + 1 > CELL_LIMIT - 60:
            break
        text, shown = (f"{text}\n{line}" if text else line), shown + 1
    if shown < len(lines):
        text += f"\n... dan {len(lines) - shown} lainnya (semuanya ada di folder bukti)"
    return text


def _summary_row(ws, row: int, s: Summary, font) -> None:
    from zidoc.scoring import round2

    values = (s.kode or "Jumlah", s.nama if s.kode else "Seluruh area", s.pertanyaan,
              s.terjawab, s.lengkap, s.hanya_keterangan, s.belum_ada_bukti,
              float(round2(s.persen_lengkap)))
    for column, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=column)
        _put(cell, value)
        if font is not None:
            cell.font = font
    ws.cell(row=row, column=8).number_format = "0.00"


def _put(cell, value) -> None:
    """Workbook text is data: stored as text, never as a formula (as --tandai does)."""
    if isinstance(value, str):
        _text(cell, value)
    else:
        cell.value = value
