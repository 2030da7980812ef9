"""The year's recap: one row per satker from the manifests written by `zidoc build`.

<out>/<tahun>/<satker>/manifest.json -> <out>/<tahun>/rekap-zi-<tahun>.xlsx (openpyxl writes
and styles it). Values are the manifest's exact scores rounded half up to two
decimals, as the reports print them, stored as real numbers."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from zidoc.config import Config
from zidoc.fs.files import atomic_write, excel_problem, folder_problem, owner_files
from zidoc.registry import DocumentKind, resolve
from zidoc.scoring import round2
from zidoc.store.manifest import FILE_NAME, Manifest, read_manifest

SHEET = "Rekap"
# Units whose areas came from LKE answers: their totals (only when one unit has them).
LKE_HEADERS = ["LKE pemenuhan", "LKE reform"]
NUMBER_FORMAT = "0.00"
SIGNED_FORMAT = "+0.00;-0.00;0.00"
MET, UNMET = "Terpenuhi", "Belum"
# Fills: at or above the highest threshold, between thresholds, below the lowest.
GREEN, YELLOW, RED = "C6EFCE", "FFEB9C", "FFC7CE"


class RekapError(Exception):
    """Nothing to recap, worded for the user."""


@dataclass
class RekapResult:
    path: Path
    rows: int
    skipped: list[str] = field(default_factory=list)  # manifests that could not be used


def recap_path(out_root: Path, tahun: int) -> Path:
    return out_root / str(tahun) / f"rekap-zi-{tahun}.xlsx"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(round2(value))


def read_manifests(out_root: Path, tahun: int) -> tuple[list[Manifest], list[str]]:
    """Usable manifests of `tahun` (with scores), and one line per manifest skipped."""
    folder = out_root / str(tahun)
    found, skipped = [], []
    for path in sorted(folder.glob(f"*/{FILE_NAME}")) if folder.is_dir() else []:
        reading = read_manifest(path.parent)
        manifest = reading.manifest
        if manifest is None:
            skipped.append(f"{reading.problem} Dilewati.")
            continue
        if manifest.nilai is None:
            skipped.append(f"{path}: tidak berisi nilai; dilewati.")
            continue
        if manifest.tahun != tahun:
            skipped.append(f"{path}: berisi tahun {manifest.tahun}, bukan {tahun}; dilewati.")
            continue
        found.append(manifest)
    return found, skipped


def document_columns(m: Manifest, documents: tuple[DocumentKind, ...]) -> list:
    """The recap columns documents declare (registry `recap`), from the figures kept in their
    latest manifest entry (the last quarter's report ...); empty when there is none."""
    values: list = []
    for doc in documents:
        if not doc.recap:
            continue
        entries = [e for e in m.dokumen if e.jenis == doc.kind and e.ringkasan]
        if not entries or doc.recap_values is None:
            values += [None] * len(doc.recap)
            continue
        found = resolve(doc.recap_values)(entries[-1].ringkasan)
        values += [_number(v) if isinstance(v, Decimal) else v for v in found]
    return values


def recap_rows(manifests: list[Manifest], config: Config) -> tuple[list[str], list[list]]:
    """(headers, rows) sorted by final value, highest first."""
    areas = config.lke.pengungkit
    names = [p.nama for p in config.predikat]
    headers = (
        ["No", "Satker", "Nama satker"]
        + [f"{a.kode} {a.nama} (%)" for a in areas]
        + ["Nilai pengungkit", "Pengungkit (%)", "Nilai hasil", "Hasil (%)", "Nilai akhir",
           "Nilai tahun lalu", "Perubahan"]
        + LKE_HEADERS * any(m.nilai.lke_pemenuhan is not None for m in manifests)
        + [f"Syarat nilai {n}" for n in names]
        + ["Syarat yang belum terpenuhi"]
        + [header for doc in config.documents for header in doc.recap]
    )
    with_lke = LKE_HEADERS[0] in headers
    rows = []
    for m in manifests:
        nilai = m.nilai
        akhir, lalu = nilai.akhir, nilai.tahun_lalu
        change = round2(akhir) - round2(lalu) if akhir is not None and lalu is not None else None
        predikat = nilai.predikat
        belum = nilai.syarat_belum
        notes = "; ".join(f"{n}: {', '.join(belum[n])}" for n in names if belum.get(n))
        rows.append(
            [None, m.singkatan_satker or m.satker or "", m.satker or ""]
            + [_number(nilai.persen.get(a.kode)) for a in areas]
            + [_number(nilai.pengungkit), _number(nilai.persen_pengungkit),
               _number(nilai.hasil), _number(nilai.persen_hasil),
               _number(akhir), _number(lalu), None if change is None else float(change)]
            + ([_number(nilai.lke_pemenuhan), _number(nilai.lke_reform)] if with_lke else [])
            + [("" if n not in predikat else MET if predikat[n] else UNMET) for n in names]
            + [notes]
            + document_columns(m, config.documents)
        )
    final = headers.index("Nilai akhir")
    rows.sort(key=lambda r: (-(r[final] if r[final] is not None else -1), r[1].lower()))
    for number, row in enumerate(rows, 1):
        row[0] = number
    return headers, rows


def write_recap(out_root: Path, tahun: int, config: Config) -> RekapResult:
    """Write the recap workbook; RekapError when the year has no usable manifest."""
    manifests, skipped = read_manifests(out_root, tahun)
    if not manifests:
        raise RekapError(
            f"Belum ada hasil build untuk tahun {tahun} di {out_root / str(tahun)} "
            f"(tidak ada {FILE_NAME}). Jalankan dulu 'zidoc build' untuk workbook tahun {tahun}."
        )
    headers, rows = recap_rows(manifests, config)
    target = recap_path(out_root, tahun)
    if (why := folder_problem(target.parent, [target.name])) is not None:
        raise RekapError(why[0].upper() + why[1:])
    if owners := owner_files(target):  # WPS and LibreOffice may not lock the file itself
        raise RekapError(f"{target} sedang dibuka di program lain (ada berkas {owners[0]} di "
                         "sampingnya). Tutup berkas itu di Excel, WPS atau LibreOffice, lalu "
                         f"jalankan lagi. Bila tidak sedang dibuka, hapus {owners[0]}.")
    atomic_write(target, _xlsx_bytes(headers, rows, config))
    if (why := excel_problem(target)) is not None:
        skipped.append(why)
    return RekapResult(target, len(rows), skipped)


def _xlsx_bytes(headers: list[str], rows: list[list], config: Config) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = SHEET
    ws.append(headers)
    for row in rows:
        ws.append(row)
    _style(ws, headers, len(rows), config)
    _legend(book.create_sheet("Keterangan"), config)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _thresholds(config: Config, attribute: str) -> list[Decimal]:
    return sorted(getattr(p, attribute) for p in config.predikat)


def _colour_rule(ws, column: str, last_row: int, thresholds: list[Decimal]) -> None:
    """Green at or above the highest threshold, yellow between, red below the lowest."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    if not thresholds or last_row < 2:
        return
    area = f"{column}2:{column}{last_row}"

    def fill(colour: str) -> PatternFill:
        return PatternFill(start_color=colour, end_color=colour, fill_type="solid")

    high, low = str(thresholds[-1]), str(thresholds[0])
    ws.conditional_formatting.add(
        area, CellIsRule(operator="greaterThanOrEqual", formula=[high], fill=fill(GREEN),
                         stopIfTrue=True))
    if len(thresholds) > 1:
        ws.conditional_formatting.add(
            area, CellIsRule(operator="greaterThanOrEqual", formula=[low], fill=fill(YELLOW),
                             stopIfTrue=True))
    ws.conditional_formatting.add(
        area, CellIsRule(operator="lessThan", formula=[low], fill=fill(RED), stopIfTrue=True))


def _style(ws, headers: list[str], count: int, config: Config) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    last_row = count + 1
    letter = {h: get_column_letter(n) for n, h in enumerate(headers, 1)}
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    thin = Side(style="thin", color="A6A6A6")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(bottom=thin)
    ws.row_dimensions[1].height = 48
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last_row}"

    widths = {"No": 5, "Satker": 26, "Nama satker": 40, "Syarat yang belum terpenuhi": 60}
    # (A text value in a numeric column, "II" for a quarter, is shown as it is.)
    numeric = [h for h in headers if h not in widths and not h.startswith("Syarat nilai")]
    for header in headers:
        ws.column_dimensions[letter[header]].width = widths.get(header, 12)
    for header in numeric:
        fmt = SIGNED_FORMAT if header == "Perubahan" else NUMBER_FORMAT
        for row in range(2, last_row + 1):
            ws[f"{letter[header]}{row}"].number_format = fmt
    for row in ws.iter_rows(min_row=2, max_row=last_row):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column_letter in (
                letter["Nama satker"], letter["Syarat yang belum terpenuhi"]))

    for area in config.lke.pengungkit:
        _colour_rule(ws, letter[f"{area.kode} {area.nama} (%)"], last_row,
                     _thresholds(config, "persen_area"))
    _colour_rule(ws, letter["Nilai pengungkit"], last_row, _thresholds(config, "nilai_pengungkit"))
    _colour_rule(ws, letter["Nilai akhir"], last_row, _thresholds(config, "nilai_akhir"))
    for p in config.predikat:
        column = letter[f"Syarat nilai {p.nama}"]
        area = f"{column}2:{column}{last_row}"
        for text, colour in ((MET, GREEN), (UNMET, RED)):
            ws.conditional_formatting.add(area, CellIsRule(
                operator="equal", formula=[f'"{text}"'],
                fill=PatternFill(start_color=colour, end_color=colour, fill_type="solid")))


def _legend(ws, config: Config) -> None:
    from openpyxl.styles import Font

    lines = [
        ("Rekapitulasi nilai Zona Integritas per satuan kerja", True),
        (("Diurutkan dari nilai akhir tertinggi. Angka dibulatkan dua desimal (setengah ke "
          "atas), sama dengan yang tercetak di laporan."), False),
        (("Warna: hijau = memenuhi syarat tertinggi; kuning = memenuhi syarat terendah saja; "
          "merah = belum memenuhi syarat terendah."), False),
        ("", False),
        ("Syarat nilai minimal (config.toml):", True),
    ]
    for p in config.predikat:
        lines.append((
            (f"{p.nama}: nilai akhir {p.nilai_akhir}; nilai pengungkit {p.nilai_pengungkit}; "
             f"setiap area pengungkit {p.persen_area}%"), False))
    for n, (text, bold) in enumerate(lines, 1):
        cell = ws.cell(row=n, column=1, value=text)
        cell.font = Font(bold=bold)
    ws.column_dimensions["A"].width = 120
