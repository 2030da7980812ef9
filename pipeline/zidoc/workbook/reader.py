"""Read a workbook (.xlsx) into the typed model, collecting every problem with its cell."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from zidoc.documents.numbering import letters
from zidoc.rules import check_team
from zidoc.workbook import schema
from zidoc.workbook.model import (
    KEDUDUKAN,
    MONTHS,
    Aksi,
    AnggotaTim,
    Identitas,
    Keputusan,
    NarasiPoint,
    NilaiRow,
    Penghargaan,
    Workbook,
)
from zidoc.workbook.problems import Problems
from zidoc.workbook.values import (
    ValueProblem,
    clean_text,
    parse_date,
    parse_int,
    parse_nip,
    parse_number,
    show_number,
)

MAX_TEXT = 5000  # characters; longer text is almost surely a paste gone wrong

# Identitas key -> required (declared in schema.IDENTITAS).
IDENTITAS_KEYS = {key.name: key.required for key in schema.IDENTITAS.keys}


@dataclass(frozen=True)
class RawCell:
    value: object
    number_format: str
    coordinate: str
    error: str | None = None  # "#DIV/0!" ... : an Excel error value
    formula: str | None = None  # a formula with no cached value (never calculated)


@dataclass
class RawRow:
    number: int
    cells: dict[str, RawCell]  # header name -> cell


@dataclass
class RawSheet:
    name: str  # as the user typed it
    rows: list[RawRow]
    columns: dict[str, str]  # header name -> column letter
    merged: list[tuple[str, str]] = field(default_factory=list)  # (top-left, range) over data


class SheetReader:
    """Typed access to one sheet's rows, reporting problems against their cells.

    `value(row, name)` reads a cell as its schema column declares it (kind, required,
    vocabulary); a column absent from the header reads as empty."""

    def __init__(self, sheet: RawSheet, problems: Problems, spec: schema.Sheet | None = None,
                 vocabularies: dict[str, tuple[str, ...]] | None = None):
        self.sheet = sheet
        self.problems = problems
        self.spec = spec
        self.vocabularies = vocabularies or {}
        self._reported: set[str] = set()

    def value(self, row: RawRow, name: str):
        """The cell of schema column `name`, parsed by its kind; None when empty or wrong
        (reported, with the column name as the label)."""
        assert self.spec is not None
        column = self.spec.column(name)
        return self.parse(row, name, column.kind, column.filled, column.vocabulary)

    def parse(self, row: RawRow, column: str, kind: str, required: bool,
              vocabulary: str | None = None, label: str = ""):
        label = label or column
        if kind == schema.TEXT:
            return self.text(row, column, required, label)
        if kind in (schema.INTEGER, schema.YEAR):
            value = self.typed(row, column, parse_int, required, label)
            if kind == schema.YEAR and value is not None and not 2000 <= value <= 2100:
                self.error(row, column, f"{label} harus antara 2000 dan 2100, bukan {value}.")
                return None
            return value
        if kind == schema.NUMBER:
            return self.number(row, column, label, required)
        if kind == schema.DATE:
            return self.date(row, column, label, required)
        if kind == schema.NIP:
            return self.typed(row, column, lambda v, _f: parse_nip(v), required, label)
        if kind == schema.CODE:
            return self.code(row, column, self.vocabularies[vocabulary], label, required)
        if kind == schema.MARK:
            return self.filled(row, column)
        raise ValueError(f"unknown column kind {kind!r}")  # pragma: no cover

    def cell(self, row: RawRow, column: str) -> RawCell | None:
        """The cell, or None when it is missing or unusable (error value, uncalculated formula;
        reported once)."""
        cell = row.cells.get(column)
        if cell is None or (cell.error is None and cell.formula is None):
            return cell
        if cell.coordinate not in self._reported:
            self._reported.add(cell.coordinate)
            if cell.error is not None:
                self.error(row, column, f"sel berisi galat Excel {cell.error}; perbaiki rumus atau "
                           "isinya agar sel ini berisi nilai yang sah.")
            else:
                self.error(row, column, f"rumus {cell.formula} belum pernah dihitung (berkas dibuat "
                           "oleh program dan belum dibuka di Excel). Buka berkas ini di Excel atau "
                           "LibreOffice, simpan, lalu jalankan lagi.")
        return None

    def filled(self, row: RawRow, column: str) -> bool:
        """True when the cell holds something (an 'x' in a month column ...)."""
        cell = self.cell(row, column)
        return cell is not None and bool(clean_text(cell.value)[0])

    def _where(self, row: RawRow, column: str) -> str:
        cell = row.cells.get(column)
        if cell is not None:
            return cell.coordinate
        return f"{self.sheet.columns.get(column, '?')}{row.number}"

    def ref(self, row: RawRow, column: str) -> str:
        return f"{self.sheet.name}!{self._where(row, column)}"

    def error(self, row: RawRow, column: str, message: str) -> None:
        self.problems.error(message, self.sheet.name, self._where(row, column))

    def warning(self, row: RawRow, column: str, message: str) -> None:
        self.problems.warning(message, self.sheet.name, self._where(row, column))

    def text(self, row: RawRow, column: str, required: bool = False, label: str = "") -> str | None:
        if self._unusable(row, column):
            return None
        cell = self.cell(row, column)
        raw = None if cell is None else cell.value
        if isinstance(raw, (date,)):
            raw = raw.isoformat()
        text, stripped = clean_text(raw)
        if stripped:
            self.warning(row, column, "karakter kontrol yang tidak dapat dicetak (misalnya dari "
                         "salinan PDF) telah dibuang; periksa teksnya.")
        if not text:
            if required:
                self.error(row, column, f"{label or column} wajib diisi.")
            return None
        if len(text) > MAX_TEXT:
            self.error(
                row, column, f"teks terlalu panjang ({len(text)} karakter; paling banyak {MAX_TEXT})."
            )
            return None
        return text

    def _unusable(self, row: RawRow, column: str) -> bool:
        cell = row.cells.get(column)
        return cell is not None and self.cell(row, column) is None

    def typed(self, row: RawRow, column: str, parse: Callable, required: bool, label: str):
        if self._unusable(row, column):
            return None
        cell = self.cell(row, column)
        if cell is None or cell.value is None or (
            isinstance(cell.value, str) and not clean_text(cell.value)[0]
        ):
            if required:
                self.error(row, column, f"{label} wajib diisi.")
            return None
        try:
            return parse(cell.value, cell.number_format)
        except ValueProblem as exc:
            self.error(row, column, f"{label}: {exc}")
            return None

    def number(self, row, column, label, required=False, low=Decimal(0), high=Decimal(100)):
        value = self.typed(row, column, parse_number, required, label)
        if value is not None and not low <= value <= high:
            self.error(row, column, f"{label} harus antara {show_number(low)} dan "
                       f"{show_number(high)}, bukan {show_number(value)}.")
            return None
        return value

    def date(self, row, column, label, required=False):
        return self.typed(row, column, lambda v, _f: parse_date(v), required, label)

    def code(self, row, column, allowed, label, required=True) -> str | None:
        text = self.text(row, column, required=required, label=label)
        if text is None:
            return None
        code = text.upper()
        if code not in allowed:
            self.error(
                row, column, f"{label} '{text}' tidak dikenal; pilih salah satu: {', '.join(allowed)}."
            )
            return None
        return code


def read_workbook(path: Path, areas: tuple[str, ...], codes: tuple[str, ...],
                  data: bytes | None = None) -> tuple[Workbook | None, Problems]:
    """Read `path` (or its bytes `data`, already read). Returns (model, problems); the model
    is None when any error was found."""
    problems = Problems()
    sheets = load_sheets(path, problems, data)
    if sheets is None:
        return None, problems
    vocabularies = {
        name: schema.vocabulary(name, areas, codes)
        for name in (schema.AREAS, schema.CODES, schema.KEDUDUKAN, schema.DOKUMEN,
                     schema.MONTHS)
    }

    def sheet(spec: schema.Sheet) -> SheetReader | None:
        name = spec.name
        raw = sheets.get(name.lower())
        if raw is None:
            if spec.required:
                problems.error(f"sheet '{name}' tidak ada di workbook.", name)
            return None
        missing = [c for c in spec.required_columns if c not in raw.columns]
        for column in missing:
            problems.error(f"kolom '{column}' tidak ada di baris judul (baris 1).", raw.name)
        for top_left, cells in raw.merged:
            problems.error(
                f"sel {cells} digabung (merge). Pisahkan dulu (Home > Merge & Center > Unmerge "
                "Cells) dan isi setiap sel sendiri-sendiri.", raw.name, top_left,
            )
        return None if missing else SheetReader(raw, problems, spec, vocabularies)

    identitas = _read_identitas(sheet(schema.IDENTITAS), problems)
    nilai = _read_nilai(sheet(schema.NILAI), codes, problems)
    narasi = _read_narasi(sheet(schema.NARASI))
    tahun = identitas.tahun if identitas else None
    penghargaan = _read_penghargaan(sheet(schema.PENGHARGAAN), tahun)
    tim = _read_tim(sheet(schema.TIM))
    if tim:
        problems.extend(check_team(tim))
    aksi = _read_rencana_aksi(sheet(schema.RENCANA_AKSI))
    dokumen = _read_dokumen(sheet(schema.DOKUMEN_SHEET))

    if problems.has_errors or identitas is None or nilai is None or narasi is None:
        return None, problems
    return (
        Workbook(
            source=path,
            identitas=identitas,
            nilai=nilai,
            narasi=narasi,
            penghargaan=penghargaan or (),
            tim=tim,
            rencana_aksi=aksi,
            dokumen=dokumen,
        ),
        problems,
    )


def load_sheets(path: Path, problems: Problems, data: bytes | None = None
                ) -> dict[str, RawSheet] | None:
    """Every sheet's header and non-empty rows, keyed by lower-case name; None if unreadable."""
    from zidoc.workbook.xlsx import WorkbookFileError, open_workbook

    try:
        opened = open_workbook(path, data)
    except WorkbookFileError as exc:
        problems.error(str(exc))
        return None
    sheets: dict[str, RawSheet] = {}
    skipped = {name.lower() for name in schema.NOT_READ}
    for ws in opened.book.worksheets:
        if ws.title.strip().lower() in skipped:
            continue
        raw = _read_sheet(ws, opened.uncached.get(ws.title, {}), schema.sheet(ws.title))
        sheets.setdefault(raw.name.strip().lower(), raw)
    return sheets


def _read_sheet(ws, uncached: dict[str, str], spec: schema.Sheet | None = None) -> RawSheet:
    from openpyxl.utils import column_index_from_string, get_column_letter

    name = ws.title
    header = next(ws.iter_rows(min_row=1, max_row=1), ())
    columns: dict[str, str] = {}
    index: dict[int, str] = {}  # column number (1-based) -> header name
    for cell in header:
        text, _ = clean_text(cell.value)
        key = schema.normalize_header(text)
        if spec is not None:
            key = spec.canonical(key)
        if key and key not in columns:
            columns[key] = cell.column_letter
            index[cell.column] = key
    rows = []
    for number, found in _cells_by_row(ws, index):
        values = {}
        for column, key in index.items():
            cell = found.get(column)
            if cell is None:
                values[key] = RawCell(None, "General", f"{columns[key]}{number}")
                continue
            error = cell.value if cell.data_type == "e" else None
            values[key] = RawCell(cell.value, cell.number_format, cell.coordinate,
                                  str(error) if error is not None else None,
                                  uncached.get(cell.coordinate))
        if any(clean_text(c.value)[0] or c.formula for c in values.values()):
            rows.append(RawRow(number, values))
    merged = []
    for cells in ws.merged_cells.ranges:
        if any(cells.min_col <= column_index_from_string(letter) <= cells.max_col
               for letter in columns.values()):
            merged.append((f"{get_column_letter(cells.min_col)}{cells.min_row}", cells.coord))
    return RawSheet(name.strip(), rows, columns, merged)


def _cells_by_row(ws, index: dict[int, str]):
    """(row number, {column: cell}) for data rows that have a cell in a header column.

    Only cells stored in the file are visited: a stray space in row 1,000,000 must not make
    us walk a million empty rows (ws.iter_rows would create every cell in between)."""
    stored = getattr(ws, "_cells", None)
    if stored is None:  # pragma: no cover - other openpyxl worksheet kinds
        for cells in ws.iter_rows(min_row=2):
            yield cells[0].row, {c.column: c for c in cells if c.column in index}
        return
    by_row: dict[int, dict[int, object]] = {}
    for (row, column), cell in stored.items():
        if row > 1 and column in index:
            by_row.setdefault(row, {})[column] = cell
    for row in sorted(by_row):
        yield row, by_row[row]


KEY, VALUE = schema.KEY_COLUMN, schema.VALUE_COLUMN  # Identitas: one key per row


def _read_identitas(reader: SheetReader | None, problems: Problems) -> Identitas | None:
    if reader is None:
        return None
    found: dict[str, object] = {}
    cells: dict[str, str] = {}
    for row in reader.sheet.rows:
        key = reader.text(row, KEY)
        if key is None:
            reader.error(row, KEY, "kunci kosong padahal baris ini berisi nilai.")
            continue
        key = schema.normalize_header(key)
        spec = schema.IDENTITAS.key(key)
        if spec is None:
            reader.warning(row, KEY, f"kunci '{key}' tidak dikenal dan diabaikan.")
            continue
        if key in cells:
            reader.error(row, KEY, f"kunci '{key}' ganda (sudah ada di {cells[key]}).")
            continue
        cells[key] = reader.ref(row, VALUE)
        found[key] = reader.parse(row, VALUE, spec.kind, spec.required, label=key)
    for key, required in IDENTITAS_KEYS.items():
        if required and key not in cells:
            problems.error(f"kunci '{key}' tidak ada; tambahkan barisnya.", reader.sheet.name)
    if any(required and found.get(key) is None for key, required in IDENTITAS_KEYS.items()):
        return None
    return Identitas(**found, cells=cells)


def _read_nilai(reader: SheetReader | None, codes: tuple[str, ...], problems: Problems):
    if reader is None:
        return None
    result: dict[str, NilaiRow] = {}
    seen: dict[str, str] = {}
    for row in reader.sheet.rows:
        kode = reader.value(row, "kode")
        persen = reader.value(row, "persen")
        last = reader.value(row, "persen_tahun_lalu")
        if kode is None:
            continue
        if kode in seen:
            reader.error(row, "kode", f"kode {kode} ganda (sudah ada di {seen[kode]}).")
            continue
        seen[kode] = reader.ref(row, "kode")
        if persen is not None:
            result[kode] = NilaiRow(
                kode, persen, reader.ref(row, "persen"), last, reader.value(row, "catatan")
            )
    for kode in codes:
        if kode not in seen:
            problems.error(f"kode {kode} tidak ada; semua {len(codes)} kode "
                           f"({', '.join(codes)}) wajib diisi.", reader.sheet.name)
    return result if len(result) == len(codes) else None


def _read_narasi(reader: SheetReader | None):
    if reader is None:
        return None
    points = []
    counts: dict[str, int] = {}
    for row in reader.sheet.rows:
        area = reader.value(row, "area")
        uraian = reader.value(row, "uraian")
        butir = reader.value(row, "butir")
        judul = reader.value(row, "judul")
        if area is None or uraian is None:
            continue
        number = counts.get(area, 0)
        counts[area] = number + 1
        butir = (butir or letters(number)).rstrip(".)").strip()
        points.append(
            NarasiPoint(area, butir, judul, tuple(uraian.split("\n")), reader.ref(row, "uraian"))
        )
    return tuple(points)


def _read_penghargaan(reader: SheetReader | None, tahun: int | None):
    if reader is None:
        return ()
    result = []
    for row in reader.sheet.rows:
        area = reader.value(row, "area")
        pemberi = reader.value(row, "pemberi")
        kategori = reader.value(row, "kategori")
        year = reader.value(row, "tahun")
        if area and pemberi and kategori:
            result.append(Penghargaan(area, pemberi, kategori, year or tahun, reader.ref(row, "area")))
    return tuple(result)


def _read_tim(reader: SheetReader | None):
    if reader is None:
        return None
    by_lower = {k.lower(): k for k in KEDUDUKAN}
    members = []
    missing_area_column = False
    for row in reader.sheet.rows:
        nama = reader.value(row, "nama")
        jabatan = reader.value(row, "jabatan")
        # Not value(): kedudukan is matched case-insensitively, inner spaces collapsed.
        raw_kedudukan = reader.text(row, "kedudukan", True, "kedudukan")
        kedudukan = None
        if raw_kedudukan is not None:
            kedudukan = by_lower.get(" ".join(raw_kedudukan.lower().split()))
            if kedudukan is None:
                reader.error(
                    row, "kedudukan",
                    f"kedudukan '{raw_kedudukan}' tidak dikenal; pilih salah satu: {', '.join(KEDUDUKAN)}.",
                )
        area = reader.value(row, "area")
        if kedudukan in ("Koordinator", "Anggota") and area is None:
            if "area" not in reader.sheet.columns:
                if not missing_area_column:
                    reader.problems.error("kolom 'area' wajib ada untuk Koordinator dan Anggota.",
                                          reader.sheet.name)
                missing_area_column = True
            elif not clean_text(row.cells["area"].value)[0]:
                reader.error(row, "area", f"{kedudukan} {nama or ''} harus diberi area (P1-P6)."
                             .replace("  ", " "))
        nip = reader.value(row, "nip")
        no = reader.value(row, "no")
        if nama and jabatan and kedudukan:
            members.append(
                AnggotaTim(
                    nama=nama, jabatan=jabatan, kedudukan=kedudukan, cell=reader.ref(row, "nama"),
                    nip=nip, pangkat_golongan=reader.value(row, "pangkat_golongan"), area=area,
                    no=no,
                )
            )
    return tuple(members)


def _read_rencana_aksi(reader: SheetReader | None):
    if reader is None:
        return None
    actions = []
    for row in reader.sheet.rows:
        area = reader.value(row, "area")
        kegiatan = reader.value(row, "kegiatan")
        months = tuple(reader.value(row, m) for m in MONTHS)
        unusable = any(m in row.cells and reader.cell(row, m) is None for m in MONTHS)
        if not any(months) and not unusable:
            reader.error(row, "jan", "belum ada bulan yang dijadwalkan; tandai minimal satu bulan dengan x.")
        if area and kegiatan and any(months):
            actions.append(
                Aksi(
                    area=area, kegiatan=kegiatan, bulan=months, cell=reader.ref(row, "kegiatan"),
                    output=reader.value(row, "output"),
                    penanggung_jawab=reader.value(row, "penanggung_jawab"),
                    target=reader.value(row, "target"), indikator=reader.value(row, "indikator"),
                    keterangan=reader.value(row, "keterangan"),
                )
            )
    return tuple(actions)


def _read_dokumen(reader: SheetReader | None):
    if reader is None:
        return None
    result: dict[str, Keputusan] = {}
    for row in reader.sheet.rows:
        # Not value(): the kind is matched in lower case, spaces as underscores.
        kind = reader.text(row, "dokumen", True, "dokumen")
        if kind is not None:
            kind = kind.lower().replace(" ", "_")
            kinds = reader.vocabularies[schema.DOKUMEN]
            if kind not in kinds:
                choices = ", ".join(kinds[:-1]) + " atau " + kinds[-1]
                reader.error(row, "dokumen", f"dokumen '{kind}' tidak dikenal; pilih {choices}.")
                kind = None
            elif kind in result:
                reader.error(row, "dokumen", f"dokumen {kind} ganda.")
                kind = None
        nomor = reader.value(row, "nomor")
        tanggal = reader.value(row, "tanggal")
        if kind and nomor and tanggal:
            result[kind] = Keputusan(kind, nomor, tanggal, reader.ref(row, "dokumen"),
                                     reader.value(row, "tempat"))
    return result
