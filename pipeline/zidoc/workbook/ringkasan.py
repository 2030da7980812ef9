"""The `Ringkasan` sheet of the starter workbook: live totals in Excel formulas.

From the `Nilai` sheet, Excel (or LibreOffice) computes each item's nilai, the group and
component percentages, the final value and, per predikat, whether each threshold is met. The
weights and thresholds are written as numbers from the loaded config when the workbook is
made; the rules are the scoring module's (`scoring.criteria`): nilai = persen x bobot / 100, a
group's persen = its nilai / its bobot x 100, a threshold is judged on the value rounded to two
decimals (ROUND, half away from zero: half up for these non-negative values).

Formulas find each code's row in `Nilai` with MATCH and the `kode` and `persen` columns by
their headers, so that the rows and columns of `Nilai` may be in any order. zidoc never reads
this sheet (schema.NOT_READ).

`layout(config)` says which cell holds what (tests read the computed values from it);
`write_ringkasan(ws, config)` writes the sheet. openpyxl is imported inside the writer only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from zidoc.scoring import AKHIR, AREA, INDIKATOR, KELOMPOK, PENGUNGKIT, criteria
from zidoc.workbook import schema

HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
HEADERS = ("Kode", "Komponen", "Bobot", "Persen", "Nilai", "Baris di lembar Nilai",
           "Keterangan")
WIDTHS = (8, 50, 12, 12, 12, 12, 30)
COMPLETE = "lengkap"
MET = "memenuhi"
NOT_MET = "belum memenuhi"
ALL_MET = "syarat nilai terpenuhi"
SOME_NOT_MET = "syarat nilai belum terpenuhi"
INCOMPLETE = "data belum lengkap"
NUMBER_FORMAT = "0.00"
LOOKUP_COLUMNS = "$A:$Z"  # the columns of Nilai searched for the kode and persen headers

TITLE = "RINGKASAN NILAI ZONA INTEGRITAS (dihitung otomatis)"
NOTE = (
    "Lembar ini dihitung otomatis oleh Excel dari lembar Nilai; jangan diisi. Bobot dan syarat "
    "nilai WBK/WBBM diambil dari config.toml saat workbook ini dibuat. zidoc tidak membaca "
    "lembar ini: nilai resmi tetap dari 'zidoc build'. Persen di lembar Nilai harus berupa "
    "angka (88,63 atau sel persen 88,63%) agar terhitung di sini."
)
PETUNJUK_LINES = (
    ("heading", f"Lembar {schema.RINGKASAN} (dihitung otomatis, tidak perlu diisi)"),
    ("text",
     "Menampilkan nilai setiap komponen, persentase kelompok, nilai akhir, dan pemenuhan "
     "syarat nilai WBK/WBBM, langsung dihitung dari lembar Nilai setiap kali isinya diubah. "
     "Lembar ini tidak dibaca zidoc; dokumen tetap memakai perhitungan zidoc sendiri."),
)


@dataclass(frozen=True)
class Row:
    """One row of the score table."""
    kode: str
    nama: str
    item: bool  # a code read from Nilai (else a group, component or the final value)
    bobot: str = ""  # formula or number for column C
    persen: str = ""
    nilai: str = ""
    baris: str = ""
    keterangan: str = ""
    bold: bool = False


@dataclass(frozen=True)
class Layout:
    """Where each figure is (cell coordinates on the Ringkasan sheet)."""
    rows: tuple[Row, ...]
    first_row: int
    status: str  # COMPLETE or not
    nilai: dict[str, str] = field(default_factory=dict)  # kode -> cell (items and groups)
    persen: dict[str, str] = field(default_factory=dict)  # kode -> cell (items and groups)
    pengungkit: tuple[str, str] = ("", "")  # (nilai, persen) of the pengungkit component
    hasil: tuple[str, str] = ("", "")  # (nilai, persen) of the hasil component
    akhir: str = ""
    criteria_row: int = 0  # the verdict table's header row
    criteria: tuple[tuple[str, str, str, str], ...] = ()  # (kriteria, value cell, satuan, row)
    predikat: tuple[str, ...] = ()
    # (predikat, kriteria) -> (cell, minimum from config)
    minimum: dict[tuple[str, str], tuple[str, Decimal]] = field(default_factory=dict)
    verdict: dict[tuple[str, str], str] = field(default_factory=dict)  # (predikat, kriteria)
    conclusion: dict[str, str] = field(default_factory=dict)  # predikat -> cell


def _column(name: str) -> str:
    """A column of Nilai found by its header (any column order)."""
    sheet = f"'{schema.NILAI.name}'"
    header = schema.NILAI.column(name).header
    return (f'INDEX({sheet}!{LOOKUP_COLUMNS},0,MATCH("{header}",{sheet}!$1:$1,0))')


def _number(value) -> float | int:
    return int(value) if value == value.to_integral() else float(value)


def layout(config) -> Layout:
    """The sheet's rows and cells for the LKE and predikat of `config`."""
    lke = config.lke
    kode_column, persen_column = _column("kode"), _column("persen")
    # Rows in order: A, its areas, B, each hasil group and its indicators, the final value,
    # an empty row, the completeness status.
    n_rows = 1 + len(lke.pengungkit) + 1 + sum(1 + len(g.indikator) for g in lke.hasil) + 1
    status_row = FIRST_ROW + n_rows + 1
    status = f"$C${status_row}"
    rows: list[Row] = []

    def number() -> int:
        return FIRST_ROW + len(rows)

    def item(indicator) -> int:
        r = number()
        cell = f"INDEX({persen_column},$F{r})"  # the code's persen cell in Nilai
        rows.append(Row(
            indicator.kode, indicator.nama, True,
            bobot=_number(indicator.bobot),
            baris=f'=IFERROR(MATCH($A{r},{kode_column},0),"")',
            # A cell formatted as a percentage (88,63% holds 0.8863) counts as zidoc reads it.
            persen=(f'=IF(ISNUMBER($F{r}),IF({cell}="","",IF(AND(ISNUMBER({cell}),'
                    f'LEFT(CELL("format",{cell}),1)="P"),{cell}*100,{cell})),"")'),
            nilai=f'=IF(ISNUMBER($D{r}),$D{r}*$C{r}/100,"")',
            keterangan=(f'=IF(NOT(ISNUMBER($F{r})),"kode tidak ada di lembar Nilai",'
                        f'IF(COUNTIF({kode_column},$A{r})>1,"kode ganda di lembar Nilai",'
                        f'IF(ISNUMBER($D{r}),"","persen kosong atau bukan angka")))'),
        ))
        return r

    def total(kode: str, nama: str, parts, bold: bool = True) -> int:
        """A total row placed now, its parts written after it: `parts` is called once the
        row is placed and returns the part rows."""
        r = number()
        rows.append(Row(kode, nama, False))  # placeholder until the parts' rows are known
        rows[r - FIRST_ROW] = _total_row(kode, nama, r, parts(), status, bold)
        return r

    pengungkit_row = total("A", "Komponen Pengungkit", lambda: [item(i) for i in lke.pengungkit])
    hasil_row = total("B", "Komponen Hasil", lambda: [
        total(g.kode, g.nama, lambda g=g: [item(i) for i in g.indikator], bold=False)
        for g in lke.hasil])
    akhir_row = number()
    rows.append(_total_row("", "NILAI AKHIR ZONA INTEGRITAS", akhir_row,
                           [pengungkit_row, hasil_row], status))
    rows.append(Row("", "", False))
    assert number() == status_row
    items = [(FIRST_ROW + index, r) for index, r in enumerate(rows) if r.item]
    nilai_cells = ",".join(f"E{r}" for r, _ in items)
    rows.append(Row("", "Kelengkapan data di lembar Nilai", False, bold=True,
                    bobot=(f'=IF(COUNT({nilai_cells})={len(items)},"{COMPLETE}",'
                           f'"belum lengkap: lihat kolom Keterangan")')))

    placed = [(FIRST_ROW + index, r) for index, r in enumerate(rows) if r.kode]
    base = Layout(
        rows=tuple(rows), first_row=FIRST_ROW, status=f"C{status_row}",
        nilai={r.kode: f"E{n}" for n, r in placed},
        persen={r.kode: f"D{n}" for n, r in placed},
        pengungkit=(f"E{pengungkit_row}", f"D{pengungkit_row}"),
        hasil=(f"E{hasil_row}", f"D{hasil_row}"), akhir=f"E{akhir_row}",
    )
    return _with_criteria(base, config, status_row + 2)


def _total_row(kode: str, nama: str, row: int, parts: list[int], status: str,
               bold: bool = True) -> Row:
    cells = ",".join(f"E{p}" for p in parts)
    weights = ",".join(f"C{p}" for p in parts)
    return Row(
        kode, nama, False, bold=bold,
        bobot=f"=SUM({weights})",
        nilai=f'=IF({status}="{COMPLETE}",SUM({cells}),"")',
        persen=f'=IF(AND(ISNUMBER($E{row}),$C{row}>0),$E{row}/$C{row}*100,"")',
    )


def _with_criteria(base: Layout, config, header_row: int) -> Layout:
    """The verdict table: one row per criterion (in the order the predikat list them), two
    columns per predikat (minimum, verdict)."""
    value_cell = {AKHIR: lambda _k: base.akhir, PENGUNGKIT: lambda _k: base.pengungkit[0],
                  AREA: lambda k: base.persen[k], KELOMPOK: lambda k: base.nilai[k],
                  INDIKATOR: lambda k: base.nilai[k]}
    ordered: dict[tuple[str, str], tuple[str, str, str]] = {}
    minimum: dict[tuple[str, str], object] = {}
    names = tuple(p.nama for p in config.predikat)
    for p in config.predikat:
        for c in criteria(config.lke, p):
            ordered.setdefault((c.target, c.kode), (c.kriteria, value_cell[c.target](c.kode),
                                                    c.satuan))
            minimum[(p.nama, c.kriteria)] = c.minimum
    rows = []
    minimum_cells, verdicts = {}, {}
    for number, (kriteria, cell, satuan) in enumerate(ordered.values(), start=header_row + 1):
        rows.append((kriteria, cell, satuan, str(number)))
        for index, name in enumerate(names):
            min_col, verdict_col = _predikat_columns(index)
            if (name, kriteria) in minimum:
                minimum_cells[(name, kriteria)] = f"{min_col}{number}"
                verdicts[(name, kriteria)] = f"{verdict_col}{number}"
    last = header_row + len(rows)
    conclusion = {name: f"{_predikat_columns(i)[1]}{last + 1}" for i, name in enumerate(names)}
    return Layout(**{**base.__dict__, "criteria_row": header_row, "criteria": tuple(rows),
                     "predikat": names, "minimum": {k: (v, minimum[k]) for k, v in
                                                    minimum_cells.items()},
                     "verdict": verdicts, "conclusion": conclusion})


def _predikat_columns(index: int) -> tuple[str, str]:
    from string import ascii_uppercase

    return ascii_uppercase[3 + 2 * index], ascii_uppercase[4 + 2 * index]


def write_ringkasan(ws, config) -> Layout:
    """Write the Ringkasan sheet into the (empty) worksheet `ws`; returns its layout."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Font, PatternFill

    plan = layout(config)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    total_fill = PatternFill("solid", fgColor="F2F2F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = NOTE
    ws["A2"].alignment = wrap
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    ws.row_dimensions[2].height = 48
    for index, (header, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=header)
        cell.font, cell.fill, cell.alignment = bold, header_fill, wrap
        ws.column_dimensions[cell.column_letter].width = width
    ws.row_dimensions[HEADER_ROW].height = 30

    for number, row in enumerate(plan.rows, start=plan.first_row):
        values = (row.kode or None, row.nama, row.bobot, row.persen, row.nilai, row.baris,
                  row.keterangan)
        for index, value in enumerate(values, start=1):
            cell = ws.cell(row=number, column=index, value=value if value != "" else None)
            if index in (4, 5):
                cell.number_format = NUMBER_FORMAT
            if row.bold:
                cell.font = bold
            if not row.item and row.kode:
                cell.fill = total_fill
            if index == 2:
                cell.alignment = wrap
        if len(row.nama) > WIDTHS[1]:  # openpyxl sets no row heights: room for two lines
            ws.row_dimensions[number].height = 30
    status_row = int(plan.status[1:])
    ws.merge_cells(start_row=status_row, start_column=3, end_row=status_row,
                   end_column=len(HEADERS))

    top = plan.criteria_row
    headers = ["Syarat nilai", "", "Nilai"]
    for name in plan.predikat:
        headers += [f"{name} minimal", name]
    for index, header in enumerate(headers, start=1):
        cell = ws.cell(row=top, column=index, value=header or None)
        cell.font, cell.fill, cell.alignment = bold, header_fill, wrap
    ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=2)
    ws.row_dimensions[top].height = 30
    status = f"${plan.status[0]}${plan.status[1:]}"
    for kriteria, cell_ref, satuan, number in plan.criteria:
        ws[f"A{number}"] = kriteria + (" (%)" if satuan else "")
        ws[f"A{number}"].alignment = wrap
        ws.merge_cells(f"A{number}:B{number}")
        ws[f"C{number}"] = f'=IF(ISNUMBER({cell_ref}),ROUND({cell_ref},2),"")'
        ws[f"C{number}"].number_format = NUMBER_FORMAT
        for name in plan.predikat:
            if (name, kriteria) not in plan.verdict:
                continue
            min_cell, value = plan.minimum[(name, kriteria)]
            ws[min_cell] = _number(value)
            ws[min_cell].number_format = NUMBER_FORMAT
            ws[plan.verdict[(name, kriteria)]] = (
                f'=IF({status}<>"{COMPLETE}","-",IF(C{number}>={min_cell},"{MET}",'
                f'"{NOT_MET}"))')
    last = top + len(plan.criteria)
    ws[f"A{last + 1}"] = "Kesimpulan"
    ws[f"A{last + 1}"].font = bold
    ws.merge_cells(f"A{last + 1}:C{last + 1}")
    for index, name in enumerate(plan.predikat):
        column = _predikat_columns(index)[1]
        cell = ws[plan.conclusion[name]]
        cell.value = (f'=IF({status}<>"{COMPLETE}","{INCOMPLETE}",IF(COUNTIF({column}{top + 1}:'
                      f'{column}{last},"{NOT_MET}")=0,"{ALL_MET}","{SOME_NOT_MET}"))')
        cell.font = bold
        cell.alignment = wrap

    green = PatternFill("solid", fgColor="C6EFCE")
    red = PatternFill("solid", fgColor="FFC7CE")
    verdict_range = f"D{top + 1}:{_predikat_columns(len(plan.predikat) - 1)[1]}{last + 1}"
    for text, fill in ((MET, green), (ALL_MET, green), (NOT_MET, red), (SOME_NOT_MET, red),
                       (INCOMPLETE, red)):
        ws.conditional_formatting.add(
            verdict_range, CellIsRule(operator="equal", formula=[f'"{text}"'], fill=fill))
    status_cell = plan.status
    ws.conditional_formatting.add(
        status_cell, CellIsRule(operator="notEqual", formula=[f'"{COMPLETE}"'], fill=red))
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.page_setup.orientation = "landscape"  # printed: one page wide
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.sheet_properties.tabColor = "00B050"
    ws.protection.sheet = True  # formulas only; Review > Unprotect Sheet to change them
    return plan
