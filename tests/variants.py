"""Variants of the example workbook (other satker, other scores), written with openpyxl."""
from __future__ import annotations

from pathlib import Path


def write_variant(base: Path, target: Path, singkatan: str, persen: dict[str, float],
                  nilai_tahun_lalu: float | None = None) -> Path:
    """Copy of the example workbook `base` with another satker and other percentages.

    `persen` overrides the Nilai sheet's persen by kode; nilai_resmi is cleared (it would
    no longer match), nilai_tahun_lalu is set (None clears it)."""
    import openpyxl

    wb = openpyxl.load_workbook(base)
    ws = wb["Identitas"]
    for key_cell, value_cell, *_ in ws.iter_rows(min_row=2):
        key = key_cell.value
        if key == "singkatan_satker":
            value_cell.value = singkatan
        elif key == "nama_satker":
            value_cell.value = f"Komisi Pemilihan Umum {singkatan.removeprefix('KPU ')}"
        elif key == "nilai_resmi":
            value_cell.value = None
        elif key == "nilai_tahun_lalu":
            value_cell.value = nilai_tahun_lalu
    nilai = wb["Nilai"]
    for row in nilai.iter_rows(min_row=2):
        if row[0].value in persen:
            row[2].value = persen[row[0].value]
    wb.save(target)
    return target
