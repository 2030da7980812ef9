"""Workbooks formatted as offices format them: the example workbook with borders, fills,
number formats and whole-row formats drawn on empty cells down to a given row, conditional
formatting and data validation on whole columns. Written as Excel writes them (every
formatted empty cell or row stored, with its position), streamed, so that a sheet formatted
down to row 1,048,576 takes seconds to make. Used by tests/test_formatted_workbooks.py and
benchmarks/bench_formatted.py."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from xlsx_edit import SHEET_PART, example_bytes

LAST_ROW = 1_048_576  # Excel's last row
SHEETS = ("Narasi", "Tim", "RencanaAksi")  # the three sheets formatted by `formatted_workbook`

_BORDER = ('<border><left style="thin"/><right style="thin"/><top style="thin"/>'
           '<bottom style="thin"/><diagonal/></border>')
_DXF = '<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>'


def _styles(xml: str) -> tuple[str, int, int]:
    """styles.xml with a thin border and two cell formats added (borders; fill with a date
    format) and one conditional-formatting format: (xml, border style, fill style)."""
    borders = int(re.search(r'<borders count="(\d+)"', xml)[1])
    xml = re.sub(r'<borders count="\d+">(.*?)</borders>',
                 lambda m: f'<borders count="{borders + 1}">{m[1]}{_BORDER}</borders>', xml,
                 flags=re.S)
    count = int(re.search(r'<cellXfs count="(\d+)"', xml)[1])
    added = (f'<xf numFmtId="0" fontId="0" fillId="0" borderId="{borders}" applyBorder="1" '
             'xfId="0"/><xf numFmtId="164" fontId="0" fillId="2" borderId="0" applyFill="1" '
             'applyNumberFormat="1" xfId="0"/>')
    xml = re.sub(r'<cellXfs count="\d+">(.*?)</cellXfs>',
                 lambda m: f'<cellXfs count="{count + 2}">{m[1]}{added}</cellXfs>', xml,
                 flags=re.S)
    if "<dxfs" not in xml:
        xml = xml.replace("</cellStyles>", "</cellStyles>" + _DXF, 1) if "</cellStyles>" in xml \
            else xml.replace("<colors>", _DXF + "<colors>", 1) if "<colors>" in xml \
            else xml.replace("</styleSheet>", _DXF + "</styleSheet>")
    return xml, count, count + 1


def _last_row(xml: str) -> int:
    return max(int(r) for r in re.findall(r'<row r="(\d+)"', xml))


def _whole_columns(xml: str, columns: str, validation_column: str) -> str:
    """Conditional formatting on whole columns and a data validation down to the last row."""
    rule = (f'<conditionalFormatting sqref="{columns}"><cfRule type="containsBlanks" dxfId="0" '
            f'priority="1"><formula>LEN(TRIM({columns.split(":")[0]}1))=0</formula></cfRule>'
            '</conditionalFormatting>')
    check = (f'<dataValidation type="textLength" operator="lessThan" allowBlank="1" '
             f'showErrorMessage="1" sqref="{validation_column}2:{validation_column}{LAST_ROW}">'
             '<formula1>5000</formula1></dataValidation>')
    xml = xml.replace("<dataValidations", rule + "<dataValidations", 1)
    return re.sub(r'<dataValidations count="(\d+)">',
                  lambda m: f'<dataValidations count="{int(m[1]) + 1}">{check}', xml, count=1)


def formatted_workbook(path: Path, last_row: int = LAST_ROW) -> Path:
    """The example workbook with Narasi bordered (A:D), Tim formatted by whole rows and
    RencanaAksi filled with a date format (B, D, E), each from below its data down to
    `last_row`; on each, its columns formatted whole, and conditional formatting and data
    validation on whole columns."""
    with zipfile.ZipFile(_source()) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        styles, border, fill = _styles(src.read("xl/styles.xml").decode("utf-8"))
        rows = {
            SHEET_PART["Narasi"]: (lambda r: f'<row r="{r}" spans="1:4">' + "".join(
                f'<c r="{c}{r}" s="{border}"/>' for c in "ABCD") + "</row>", "A:D", "D"),
            SHEET_PART["Tim"]: (lambda r: f'<row r="{r}" s="{border}" customFormat="1"/>',
                                "A:G", "B"),
            SHEET_PART["RencanaAksi"]: (lambda r: f'<row r="{r}" spans="2:5">' + "".join(
                f'<c r="{c}{r}" s="{fill}"/>' for c in "BDE") + "</row>", "B:B", "B"),
        }
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/styles.xml":
                dst.writestr(info, styles.encode("utf-8"))
            elif info.filename in rows:
                row, columns, validated = rows[info.filename]
                xml = _whole_columns(data.decode("utf-8"), columns, validated)
                # Whole columns formatted too (Excel: a style on <col>, no cell stored).
                xml = xml.replace("<col ", f'<col style="{fill}" ')
                xml = re.sub(r'<dimension ref="([A-Z]+\d+):([A-Z]+)\d+"/>',
                             rf'<dimension ref="\1:\g<2>{last_row}"/>', xml)
                before, after = xml.split("</sheetData>")
                with dst.open(info.filename, "w", force_zip64=True) as member:
                    member.write(before.encode("utf-8"))
                    start = _last_row(before) + 1
                    for first in range(start, last_row + 1, 4096):
                        member.write("".join(row(r) for r in range(
                            first, min(first + 4096, last_row + 1))).encode("ascii"))
                    member.write(("</sheetData>" + after).encode("utf-8"))
            else:
                dst.writestr(info, data)
    return path


def _source():
    import io

    return io.BytesIO(example_bytes())
