"""Small helpers to edit a real workbook in a test (openpyxl in, openpyxl out)."""
from __future__ import annotations

from pathlib import Path


def _header(ws) -> dict[str, int]:
    return {str(c.value).strip().lower(): c.column for c in ws[1] if c.value is not None}


def set_identitas(path: Path, **values) -> None:
    """Set Identitas values by key (None empties the cell)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["Identitas"]
    cols = _header(ws)
    for row in range(2, ws.max_row + 1):
        key = ws.cell(row, cols["kunci"]).value
        if key in values:
            ws.cell(row, cols["nilai"]).value = values.pop(key)
    assert not values, f"keys not found: {values}"
    wb.save(path)


def set_nilai(path: Path, persen: dict[str, object], number_format: str | None = None) -> None:
    """Set Nilai.persen by kode."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["Nilai"]
    cols = _header(ws)
    for row in range(2, ws.max_row + 1):
        kode = ws.cell(row, cols["kode"]).value
        if kode in persen:
            cell = ws.cell(row, cols["persen"])
            cell.value = persen[kode]
            if number_format:
                cell.number_format = number_format
    wb.save(path)


def cell_of(path: Path, sheet: str, column: str, row: int) -> str:
    """'C4'-style address of `column` (header name) at `row`."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    ws = openpyxl.load_workbook(path)[sheet]
    return f"{get_column_letter(_header(ws)[column])}{row}"
