"""The processing sheet (`pengolahan-skm-<tahun>.xlsx`) that offices publish beside the report:
one row per respondent with U1-U9 as numbers 1-4, then the totals per unsur, the NRR, the
weighted NRR, the IKM and its konversi; a second sheet with the profile counts and a third
with the suggestions. Values are exact figures (shown rounded by the cell formats)."""
from __future__ import annotations

import io
from decimal import Decimal

from zidoc.survei.index import KONVERSI, Survey

SHEET_DATA = "Pengolahan"
SHEET_PROFILE = "Profil Responden"
SHEET_SARAN = "Saran"
LABEL_SUM = "Jumlah nilai per unsur"
LABEL_ANSWERED = "Jumlah responden yang menjawab"
LABEL_NRR = "NRR per unsur"
LABEL_WEIGHTED = "NRR tertimbang per unsur"
LABEL_IKM = "IKM (jumlah NRR tertimbang)"
LABEL_KONVERSI = f"IKM konversi (IKM x {KONVERSI})"
LABEL_MUTU = "Mutu pelayanan"


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral() else float(value)


def _printable(ws, title_rows: str | None = None) -> None:
    """Printed one page wide (as many pages down as needed), the header row on every page."""
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if title_rows:
        ws.print_title_rows = title_rows


def processing_workbook(survey: Survey, title: str) -> bytes:
    """The .xlsx bytes; `title` heads the first sheet (LAPORAN ... satker, periode)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="D9E1F2")
    thin = Side(style="thin", color="A6A6A6")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_DATA
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = (f"Sumber: {survey.berkas}; {survey.responden} responden; bobot setiap unsur "
                + ("1/9" if survey.bobot_tepat else str(survey.bobot).replace(".", ",")) + ".")
    head = 4
    headers = ["No", "Baris di berkas"] + [u.kode for u in survey.unsur]
    for column, text in enumerate(headers, 1):
        cell = ws.cell(head, column, text)
        cell.font, cell.fill, cell.alignment, cell.border = bold, fill, center, box
    ws.cell(head - 1, 3, "Nilai jawaban per unsur (1-4; kosong: tidak dijawab)").font = bold
    first = head + 1
    for n, (row, answers) in enumerate(zip(survey.rows or range(2, 2 + len(survey.answers)),
                                           survey.answers), 0):
        r = first + n
        ws.cell(r, 1, n + 1)
        ws.cell(r, 2, row)
        for column, value in enumerate(answers, 3):  # no per-cell style: 10,000 rows stay fast
            ws.cell(r, column, value)
    r = first + len(survey.answers)
    rows = (
        (LABEL_SUM, [u.jumlah for u in survey.unsur], "0"),
        (LABEL_ANSWERED, [u.responden for u in survey.unsur], "0"),
        (LABEL_NRR, [u.nrr for u in survey.unsur], "0.00"),
        (LABEL_WEIGHTED, [u.nrr_tertimbang for u in survey.unsur], "0.000"),
    )
    for label, values, number_format in rows:
        ws.cell(r, 1, label).font = bold
        for column, value in enumerate(values, 3):
            cell = ws.cell(r, column, _number(Decimal(value)))
            cell.number_format = number_format
            cell.font = bold
        r += 1
    r += 1
    for label, value, number_format in ((LABEL_IKM, survey.ikm, "0.000"),
                                        (LABEL_KONVERSI, survey.konversi, "0.00")):
        ws.cell(r, 1, label).font = bold
        cell = ws.cell(r, 3, _number(value))
        cell.number_format = number_format
        cell.font = bold
        r += 1
    ws.cell(r, 1, LABEL_MUTU).font = bold
    ws.cell(r, 3, f"{survey.mutu.huruf} ({survey.mutu.kinerja})").font = bold
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 10
    for column in range(3, 3 + len(survey.unsur)):
        ws.column_dimensions[get_column_letter(column)].width = 9
    ws.freeze_panes = ws.cell(first, 3)
    _printable(ws, f"{head}:{head}")

    profile = wb.create_sheet(SHEET_PROFILE)
    r = 1
    for table in survey.profil:
        for column, text in enumerate((table.judul, "Jumlah", "Persentase (%)"), 1):
            cell = profile.cell(r, column, text)
            cell.font, cell.fill, cell.border = bold, fill, box
        for row in table.rows:
            r += 1
            profile.cell(r, 1, row.label).border = box
            profile.cell(r, 2, row.jumlah).border = box
            cell = profile.cell(r, 3, _number(row.persen))
            cell.number_format, cell.border = "0.00", box
        r += 2
    profile.column_dimensions["A"].width = 40
    profile.column_dimensions["B"].width = 10
    profile.column_dimensions["C"].width = 15
    _printable(profile)

    saran = wb.create_sheet(SHEET_SARAN)
    for column, text in enumerate(("No", "Saran dan masukan", "Jumlah responden"), 1):
        cell = saran.cell(1, column, text)
        cell.font, cell.fill = bold, fill
    for n, item in enumerate(survey.saran, 1):
        saran.cell(n + 1, 1, n)
        saran.cell(n + 1, 2, item.teks).alignment = Alignment(wrap_text=True, vertical="top")
        saran.cell(n + 1, 3, item.jumlah)
    saran.column_dimensions["B"].width = 80
    saran.column_dimensions["C"].width = 18
    _printable(saran, "1:1")

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
