"""Read a workbook (.xlsx) into the typed model, collecting every problem with its cell."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from zidoc.formatting import letters
from zidoc.registry import DOCUMENTS, DocumentKind, Members, keputusan_keys, member_sheets
from zidoc.workbook import schema
from zidoc.workbook.members import check_team
from zidoc.workbook.model import (
    MONTHS,
    Aksi,
    AnggotaTim,
    Identitas,
    Keputusan,
    LkeAnswers,
    LkeQuestion,
    NarasiPoint,
    NilaiRow,
    Penghargaan,
    Peserta,
    Rapat,
    Realisasi,
    Survei,
    Workbook,
    is_scheduled,
)
from zidoc.workbook.problems import Problems
from zidoc.workbook.values import (
    ValueProblem,
    clean_text,
    date_formatted,
    looks_like_a_number_shown_as_date,
    parse_date,
    parse_int,
    parse_nip,
    parse_number,
    parse_triwulan,
    parse_waktu,
    parse_zona,
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
        if kind == schema.QUARTER:
            return self.typed(row, column, parse_triwulan, required, label)
        if kind == schema.TIME:
            return self.typed(row, column, parse_waktu, required, label)
        if kind == schema.ZONE:
            return self.typed(row, column, parse_zona, required, label)
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
        """True when a month cell schedules its month (an 'x'; not '-', '0', 'tidak' ...:
        model.NOT_SCHEDULED)."""
        cell = self.cell(row, column)
        return cell is not None and is_scheduled(clean_text(cell.value)[0])

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
        if looks_like_a_number_shown_as_date(raw):  # 443 typed in a date cell: 18/03/1901
            self.error(row, column, f"{label or column}: {date_formatted(raw)}")
            return None
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
                  data: bytes | None = None, lke_structure: Callable | None = None,
                  documents: tuple[DocumentKind, ...] = DOCUMENTS
                  ) -> tuple[Workbook | None, Problems]:
    """Read `path` (or its bytes `data`, already read). Returns (model, problems); the model
    is None when any error was found. `lke_structure`: () -> zidoc.lke.Structure, called only
    when the LKE sheet has answers (without it, the answers are not read: not in use).
    `documents` (config.documents) adds the people sheet and Dokumen row of each Keputusan
    that config.toml declares."""
    problems = Problems()
    declared = schema.sheets_for(documents)
    sheets = load_sheets(path, problems, data, declared)
    if sheets is None:
        return None, problems
    vocabularies = {
        name: schema.vocabulary(name, areas, codes, documents=documents)
        for name in (schema.AREAS, schema.CODES, schema.KEDUDUKAN, schema.DOKUMEN,
                     schema.MONTHS, schema.TRIWULAN, schema.SIFAT)
    }

    def sheet(spec: schema.Sheet) -> SheetReader | None:
        name = spec.name
        raw = sheets.get(schema.sheet_key(name))
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
    lke, lke_answered = _read_lke(sheet(schema.LKE), lke_structure)
    nilai = _read_nilai(sheet(schema.NILAI), codes, problems,
                        filled_by={schema.LKE.name: lke_answered})
    narasi = _read_narasi(sheet(schema.NARASI))
    tahun = identitas.tahun if identitas else None
    penghargaan = _read_penghargaan(sheet(schema.PENGHARGAAN), tahun)
    anggota = {}
    for name, members in member_sheets(documents):
        people = _read_members(sheet(schema.sheet(name, declared)), members)
        if people:
            problems.extend(check_team(people, members))
        anggota[name] = people
    aksi_sheet = sheet(schema.RENCANA_AKSI)
    aksi = _read_rencana_aksi(aksi_sheet)
    dokumen = _read_dokumen(sheet(schema.DOKUMEN_SHEET), keputusan_keys(documents))
    realisasi = _read_realisasi(sheet(schema.REALISASI), aksi_sheet, aksi, problems)
    survei = _read_survei(sheet(schema.SURVEI), problems)
    rapat = _read_rapat(sheet(schema.RAPAT), sheet(schema.PESERTA), tahun)

    if problems.has_errors or identitas is None or nilai is None or narasi is None:
        return None, problems
    return (
        Workbook(
            source=path,
            identitas=identitas,
            nilai=nilai,
            narasi=narasi,
            penghargaan=penghargaan or (),
            anggota=anggota,
            rencana_aksi=aksi,
            dokumen=dokumen,
            lke=lke,
            realisasi=realisasi,
            survei=survei,
            rapat=rapat,
        ),
        problems,
    )


def load_sheets(path: Path, problems: Problems, data: bytes | None = None,
                declared: tuple[schema.Sheet, ...] = schema.SHEETS
                ) -> dict[str, RawSheet] | None:
    """Every sheet's header and non-empty rows, keyed by lower-case name; None if unreadable."""
    from zidoc.workbook.xlsx import WorkbookFileError, open_workbook

    try:
        opened = open_workbook(path, data)
    except WorkbookFileError as exc:
        problems.error(str(exc))
        return None
    sheets: dict[str, RawSheet] = {}
    same: dict[str, list[tuple[str, str]]] = {}  # declared sheet -> (name, state) found
    names = opened.names or [(ws.title, ws.sheet_state) for ws in opened.book.worksheets]
    for title, state in names:
        spec = schema.sheet(title, declared)
        if spec is not None:
            same.setdefault(spec.name, []).append((title, state))
    clash = False
    for name, found in same.items():
        if len(found) > 1:  # never a silent choice between two of them
            clash = True
            listed = " dan ".join(f"'{title}'" + (" (tersembunyi)" if state != "visible" else "")
                                  for title, state in found)
            problems.error(
                f"ada {len(found)} sheet bernama {listed}; namanya hanya berbeda huruf besar/kecil "
                f"atau spasi, jadi zidoc tidak tahu mana yang dipakai untuk '{name}'. Hapus atau "
                "ganti nama salah satunya (sheet tersembunyi: klik kanan tab sheet > Unhide).",
                name)
    if clash:
        return None
    skipped = {schema.sheet_key(name) for name in schema.NOT_READ}
    for ws in opened.book.worksheets:
        if schema.sheet_key(ws.title) in skipped:
            continue
        raw = _read_sheet(ws, opened.uncached.get(ws.title, {}), schema.sheet(ws.title, declared))
        sheets.setdefault(schema.sheet_key(raw.name), raw)
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
    # The columns zidoc reads (all of an undeclared sheet); rows count by these, bar numbering.
    if spec is None:
        reads = set(columns)
    else:
        reads = {c.name for c in spec.columns if c.read} & set(columns)
    counting = reads - {schema.NUMBER_COLUMN}
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
        # A row counts when a column zidoc reads holds something: values in other columns
        # (explanations, pre-numbered rows below the data) never make a row.
        if any(clean_text(c.value)[0] or c.formula
               for key, c in values.items() if key in counting):
            rows.append(RawRow(number, values))
    merged = []
    read_letters = [column_index_from_string(columns[key]) for key in reads if key in columns]
    for cells in ws.merged_cells.ranges:
        # A merge in the header row hides a header; elsewhere only read columns matter.
        if cells.min_row == 1 or any(cells.min_col <= column <= cells.max_col
                                     for column in read_letters):
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


def _read_keys(reader: SheetReader, spec: schema.Sheet, problems: Problems
               ) -> tuple[dict[str, object], dict[str, str]]:
    """A key/value sheet (Identitas, Survei): each declared key's parsed value and its cell;
    unknown keys are warned about, doubled keys and missing required keys are errors."""
    found: dict[str, object] = {}
    cells: dict[str, str] = {}
    for row in reader.sheet.rows:
        key = reader.text(row, KEY)
        if key is None:
            reader.error(row, KEY, "kunci kosong padahal baris ini berisi nilai.")
            continue
        key = schema.normalize_header(key)
        declared = spec.key(key)
        if declared is None:
            reader.warning(row, KEY, f"kunci '{key}' tidak dikenal dan diabaikan.")
            continue
        if key in cells:
            reader.error(row, KEY, f"kunci '{key}' ganda (sudah ada di {cells[key]}).")
            continue
        cells[key] = reader.ref(row, VALUE)
        found[key] = reader.parse(row, VALUE, declared.kind, declared.required, label=key)
    for declared in spec.keys:
        if declared.required and declared.name not in cells:
            problems.error(f"kunci '{declared.name}' tidak ada; tambahkan barisnya.",
                           reader.sheet.name)
    return found, cells


def _read_identitas(reader: SheetReader | None, problems: Problems) -> Identitas | None:
    if reader is None:
        return None
    found, cells = _read_keys(reader, schema.IDENTITAS, problems)
    if any(required and found.get(key) is None for key, required in IDENTITAS_KEYS.items()):
        return None
    # An empty optional key takes its default (zona_waktu: WIB).
    return Identitas(**{k: v for k, v in found.items() if v is not None}, cells=cells)


def _read_survei(reader: SheetReader | None, problems: Problems) -> Survei | None:
    """The Survei sheet; with no key filled it is not in use (an empty Survei)."""
    if reader is None:
        return None
    if not reader.sheet.rows:
        return Survei(None)
    found, cells = _read_keys(reader, schema.SURVEI, problems)
    populasi = found.get("populasi")
    if populasi is not None and populasi <= 0:
        sheet, _, cell = cells["populasi"].rpartition("!")
        problems.error(f"populasi harus lebih dari 0, bukan {populasi}.", sheet, cell)
    if found.get("berkas") is None:
        return Survei(None, cells=cells)
    return Survei(**found, cells=cells)


def _read_nilai(reader: SheetReader | None, codes: tuple[str, ...], problems: Problems,
                filled_by: dict[str, bool] | None = None):
    """`filled_by`: sheet name -> in use. The persen of the codes that a sheet in use fills
    instead (schema: `Column.filled_by`) may be empty, and their rows absent."""
    if reader is None:
        return None
    column = schema.NILAI.column("persen")
    optional: tuple[str, ...] = ()
    if column.filled_by is not None and (filled_by or {}).get(column.filled_by.sheet):
        optional = reader.vocabularies[column.filled_by.vocabulary]
    result: dict[str, NilaiRow] = {}
    seen: dict[str, str] = {}
    for row in reader.sheet.rows:
        kode = reader.value(row, "kode")
        persen = reader.parse(row, "persen", column.kind, column.filled and kode not in optional)
        last = reader.value(row, "persen_tahun_lalu")
        if kode is None:
            continue
        if kode in seen:
            reader.error(row, "kode", f"kode {kode} ganda (sudah ada di {seen[kode]}).")
            continue
        seen[kode] = reader.ref(row, "kode")
        if persen is not None or (kode in optional and last is not None):
            result[kode] = NilaiRow(
                kode, persen, reader.ref(row, "persen"), last, reader.value(row, "catatan")
            )
    needed = tuple(k for k in codes if k not in optional)
    for kode in needed:
        if kode not in seen:
            problems.error(f"kode {kode} tidak ada; semua {len(codes)} kode "
                           f"({', '.join(codes)}) wajib diisi.", reader.sheet.name)
    return result if all(k in result and result[k].persen is not None for k in needed) else None


def _read_lke(reader: SheetReader | None, load: Callable | None
              ) -> tuple[LkeAnswers | None, bool]:
    """The LKE sheet's questions, each answer scored by the structure's tables (`load`), and
    whether the LKE is meant to be in use (answers filled in and a structure to score them):
    then Nilai may leave P1-P6 empty, even when lke.toml or an answer has an error (that
    error is the one to fix, not a "persen wajib diisi" on each Nilai cell)."""
    answers = _read_lke_answers(reader, load)
    answered = load is not None and reader is not None and any(
        "jawaban" in row.cells and clean_text(row.cells["jawaban"].value)[0]
        for row in reader.sheet.rows)
    return answers, answered


def _read_lke_answers(reader: SheetReader | None, load: Callable | None) -> LkeAnswers | None:
    if reader is None:
        return None
    from zidoc.config import ConfigError
    from zidoc.lke import ANGKA, NUMERIC_JENIS, answer_score

    answered = [row for row in reader.sheet.rows
                if "jawaban" in row.cells and clean_text(row.cells["jawaban"].value)[0]]
    has_bukti = "bukti_dukung" in reader.sheet.columns

    def question(row, code: str, skor=None, jawaban: str | None = None) -> LkeQuestion:
        """The row's record; the evidence columns are only text (zidoc.bukti checks them)."""
        return LkeQuestion(
            code, skor, reader.ref(row, "jawaban"), jawaban,
            clean_text(row.cells["pertanyaan"].value)[0] or None
            if "pertanyaan" in row.cells else None,
            reader.text(row, "bukti_dukung") if has_bukti else None,
            reader.ref(row, "bukti_dukung") if has_bukti else None)

    if not answered or load is None:  # not in use: lke.toml is not needed (nor checked)
        return LkeAnswers(reader.sheet.name, tuple(
            question(row, clean_text(row.cells["indikator"].value)[0].upper().replace(" ", ""))
            for row in reader.sheet.rows if clean_text(row.cells["indikator"].value)[0]),
            has_bukti)
    try:
        structure = load()
    except ConfigError as exc:
        for line in exc.lines:
            reader.problems.error(f"struktur LKE tidak dapat dipakai: {line}", reader.sheet.name)
        return None
    known = {i.kode for i in structure.indicators}
    questions = []
    for row in reader.sheet.rows:
        code = reader.text(row, "indikator", True, "indikator")
        if code is not None:
            code = code.upper().replace(" ", "")
            if code not in known:
                from zidoc.config import suggestion

                close = suggestion(code, sorted(known))
                reader.error(row, "indikator", f"indikator '{code}' tidak ada di LKE (lke.toml)"
                             + (f"; maksud Anda {close}?" if close else "."))
                code = None
        if reader._unusable(row, "jawaban"):
            continue
        cell = reader.cell(row, "jawaban")
        if cell is None or not clean_text(cell.value)[0]:  # not answered yet
            if code is not None:
                questions.append(question(row, code))
            continue
        jenis = reader.text(row, "jenis", True, "jenis (wajib jika jawaban diisi)")
        if jenis is not None:
            jenis = jenis.lower().replace(" ", "")
            if jenis not in structure.jenis:
                reader.error(row, "jenis", f"jenis '{jenis}' tidak dikenal; pilih salah satu: "
                             f"{', '.join(structure.jenis)}.")
                jenis = None
        if jenis is None:
            continue
        target = None
        if jenis in NUMERIC_JENIS:
            answer = reader.typed(row, "jawaban", parse_number, True, "jawaban")
            if jenis == ANGKA:
                target = reader.typed(row, "target", parse_number, False, "target")
                if target is None and not reader._unusable(row, "target"):
                    reader.error(row, "target", "jenis angka memerlukan target (lebih dari 0); "
                                 "isi targetnya di kolom target.")
                    continue
                if target is not None and target <= 0:
                    reader.error(row, "target", f"target harus lebih dari 0, bukan "
                                 f"{show_number(target)}.")
                    continue
        else:
            answer = reader.text(row, "jawaban", True, "jawaban")
        if answer is None or (jenis == ANGKA and target is None):
            continue
        if jenis == ANGKA and answer < 0:
            reader.error(row, "jawaban", f"realisasi tidak boleh negatif ({show_number(answer)}).")
            continue
        try:
            skor = answer_score(structure, jenis, answer, target)
        except ValueError as exc:
            reader.error(row, "jawaban", str(exc))
            continue
        if code is not None:
            shown = show_number(answer) if jenis in NUMERIC_JENIS else answer
            questions.append(question(row, code, skor, shown))
    return LkeAnswers(reader.sheet.name, tuple(questions), has_bukti)


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


def _read_members(reader: SheetReader | None, positions: Members):
    """The people of a Keputusan's sheet (Tim or one config declares), positions matched
    case-insensitively against that Keputusan's own list."""
    if reader is None:
        return None
    allowed = positions.kedudukan
    by_lower = {k.lower(): k for k in allowed}
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
                    f"kedudukan '{raw_kedudukan}' tidak dikenal; pilih salah satu: {', '.join(allowed)}.",
                )
        area = reader.value(row, "area")
        if positions.area_required and kedudukan in positions.by_area and area is None:
            if "area" not in reader.sheet.columns:
                if not missing_area_column:
                    reader.problems.error(
                        f"kolom 'area' wajib ada untuk {' dan '.join(positions.by_area)}.",
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
    codes: dict[str, str] = {}  # kode (upper case) -> its cell
    for row in reader.sheet.rows:
        kode = reader.value(row, "kode")
        if kode is not None:
            if kode.upper() in codes:
                reader.error(row, "kode", f"kode {kode} ganda (sudah ada di "
                             f"{codes[kode.upper()]}); setiap kegiatan perlu kode sendiri.")
            else:
                codes[kode.upper()] = reader.ref(row, "kode")
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
                    keterangan=reader.value(row, "keterangan"), kode=kode,
                )
            )
    return tuple(actions)


def _read_dokumen(reader: SheetReader | None, nomor_codes: tuple[str, ...]):
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
        if nomor is None and kind in nomor_codes and not reader._unusable(row, "nomor"):
            reader.error(row, "nomor", "nomor wajib diisi.")
            kind = None
        tanggal = reader.value(row, "tanggal")
        if kind and tanggal:
            result[kind] = Keputusan(kind, nomor, tanggal, reader.ref(row, "dokumen"),
                                     reader.value(row, "tempat"))
    return result


def _read_realisasi(reader: SheetReader | None, aksi_reader: SheetReader | None,
                    actions: tuple[Aksi, ...] | None, problems: Problems):
    """The Realisasi rows; each names an action of RencanaAksi by its kode. A realisation
    lower than the one of an earlier quarter is a warning (a typing slip, or a setback)."""
    if reader is None:
        return None
    known = {a.kode.upper(): a.kode for a in actions or () if a.kode}
    if aksi_reader is not None and "kode" in aksi_reader.sheet.columns:
        # Codes of rows left out for another error are known too (that error is reported).
        for row in aksi_reader.sheet.rows:
            cell = row.cells.get("kode")
            text = clean_text(cell.value)[0] if cell is not None else ""
            if text:
                known.setdefault(text.upper(), text)
    rows: list[Realisasi] = []
    seen: dict[tuple[str, int], str] = {}
    for row in reader.sheet.rows:
        kode = reader.value(row, "kode")
        triwulan = reader.value(row, "triwulan")
        realisasi = reader.value(row, "realisasi")
        if kode is not None and kode.upper() not in known:
            step = "Tulis kode kegiatan yang sama persis dengan di lembar RencanaAksi."
            if aksi_reader is None:
                where = "lembar RencanaAksi tidak ada"
            elif "kode" not in aksi_reader.sheet.columns:
                where = "lembar RencanaAksi belum punya kolom kode"
                step = ("Tambahkan kolom kode di lembar RencanaAksi (misalnya RA-01, satu kode "
                        "untuk setiap kegiatan), lalu tulis kode yang sama di sini.")
            else:
                where = "tidak ada di kolom kode lembar RencanaAksi"
            reader.error(row, "kode", f"kode {kode} tidak dikenal: {where}. {step}")
            continue
        if kode is None or triwulan is None or realisasi is None:
            continue
        kode = known[kode.upper()]
        if (kode, triwulan) in seen:
            reader.error(row, "triwulan", f"realisasi {kode} triwulan {triwulan} ganda (sudah "
                         f"ada di {seen[(kode, triwulan)]}); satu baris untuk setiap kegiatan "
                         "dan triwulan.")
            continue
        seen[(kode, triwulan)] = reader.ref(row, "triwulan")
        rows.append(Realisasi(
            kode=kode, triwulan=triwulan, realisasi=realisasi, cell=reader.ref(row, "realisasi"),
            bukti_dukung=reader.value(row, "bukti_dukung"), kendala=reader.value(row, "kendala"),
            tindak_lanjut=reader.value(row, "tindak_lanjut"),
            bukti_cell=reader.ref(row, "bukti_dukung")
            if "bukti_dukung" in reader.sheet.columns else None,
        ))
    if rows:  # progress is being recorded: an action without kode can never get any
        for aksi in actions or ():
            if aksi.kode is None and aksi_reader is not None \
                    and "kode" in aksi_reader.sheet.columns:
                sheet, _, cell = aksi.cell.rpartition("!")
                column = aksi_reader.sheet.columns["kode"]
                problems.warning(
                    f"kegiatan '{aksi.kegiatan}' belum punya kode, jadi realisasinya tidak dapat "
                    "dicatat di lembar Realisasi (dihitung 0). Isi kolom kode kegiatan ini.",
                    sheet, f"{column}{cell.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}")
    by_action: dict[str, list[Realisasi]] = {}
    for item in rows:
        by_action.setdefault(item.kode, []).append(item)
    for items in by_action.values():
        items.sort(key=lambda r: r.triwulan)
        for before, after in zip(items, items[1:]):
            if after.realisasi < before.realisasi:
                sheet, _, cell = after.cell.rpartition("!")
                problems.warning(
                    f"realisasi {after.kode} turun dari {show_number(before.realisasi)} "
                    f"(triwulan {before.triwulan}, {before.cell}) menjadi "
                    f"{show_number(after.realisasi)} pada triwulan {after.triwulan}; realisasi "
                    "dihitung kumulatif, periksa kembali angkanya.", sheet, cell)
    return tuple(rows)


def kode_problem(kode: str) -> str | None:
    """Why a meeting's kode cannot name its folder and files (Indonesian), or None."""
    from zidoc.fs.files import WINDOWS_RESERVED, safe_file_name

    if kode != safe_file_name(kode, limit=80) or kode.startswith("."):
        if len(kode) > 60:
            return f"kode terlalu panjang ({len(kode)} karakter); tulis kode singkat, misalnya R-01."
        return (f"kode '{kode}' tidak dapat menjadi nama folder dan berkas: jangan memakai "
                "/ \\ : * ? \" < > |, titik di awal atau akhir, atau spasi di akhir. Tulis "
                "misalnya R-01.")
    if kode.split(".")[0].strip().lower() in WINDOWS_RESERVED:
        return f"kode '{kode}' adalah nama yang dipakai Windows sendiri; tulis misalnya R-01."
    if len(kode) > 60:
        return f"kode terlalu panjang ({len(kode)} karakter); tulis kode singkat, misalnya R-01."
    return None


def _lines(text: str | None) -> tuple[str, ...]:
    """A cell's lines, numbering typed by staff ("1.", "a)", "-") removed: Word numbers them."""
    import re

    if not text:
        return ()
    found = []
    for line in text.split("\n"):
        line = re.sub(r"^(?:\d{1,2}[.)]|[a-zA-Z][.)]|[-\u2022*\u2013])\s+", "", line.strip())
        if line:
            found.append(line)
    return tuple(found)


def _read_peserta(reader: SheetReader | None, known: dict[str, str]
                  ) -> dict[str, list[Peserta]]:
    """Each meeting's invitees (by its kode), in sheet order; an unknown kode is an error."""
    result: dict[str, list[Peserta]] = {}
    if reader is None:
        return result
    for row in reader.sheet.rows:
        kode = reader.value(row, "rapat")
        nama = reader.value(row, "nama")
        jabatan = reader.value(row, "jabatan")
        nip = reader.value(row, "nip")
        instansi = reader.value(row, "instansi")
        if kode is not None and kode.casefold() not in known:
            shown = ", ".join(list(known.values())[:10]) or "belum ada"
            reader.error(row, "rapat", f"kode rapat '{kode}' tidak ada di lembar Rapat (kode "
                         f"yang ada: {shown}). Tulis kode yang sama persis dengan di kolom kode "
                         "lembar Rapat.")
            continue
        if kode is None or nama is None:
            continue
        result.setdefault(known[kode.casefold()], []).append(
            Peserta(nama, reader.ref(row, "nama"), jabatan, nip, instansi))
    return result


def _read_rapat(reader: SheetReader | None, peserta_reader: SheetReader | None,
                tahun: int | None) -> tuple[Rapat, ...] | None:
    """The meetings, each with its Peserta rows. A kode must be unique (any case) and usable
    as a folder name; a date outside the year is a warning."""
    if reader is None:
        if peserta_reader is not None and peserta_reader.sheet.rows:
            peserta_reader.problems.warning(
                "lembar Peserta berisi data, tetapi lembar Rapat tidak ada; pesertanya tidak "
                "dipakai.", peserta_reader.sheet.name)
        return None
    known: dict[str, str] = {}  # casefold -> kode as typed
    seen: dict[str, str] = {}  # casefold -> its cell
    rows = []
    for row in reader.sheet.rows:
        kode = reader.value(row, "kode")
        if kode is not None:
            problem = kode_problem(kode)
            if problem is not None:
                reader.error(row, "kode", problem)
                known.setdefault(kode.casefold(), kode)  # its Peserta rows: no second error
                kode = None
            elif kode.casefold() in seen:
                reader.error(row, "kode", f"kode rapat {kode} ganda (sudah ada di "
                             f"{seen[kode.casefold()]}); setiap rapat perlu kode sendiri.")
                kode = None
            else:
                seen[kode.casefold()] = reader.ref(row, "kode")
                known[kode.casefold()] = kode
        tanggal = reader.value(row, "tanggal")
        if tanggal is not None and tahun is not None and tanggal.year != tahun:
            reader.warning(row, "tanggal", f"tanggal rapat {tanggal:%d/%m/%Y} tidak di tahun "
                           f"{tahun} (Identitas!tahun); periksa tahunnya.")
        rows.append((row, kode, tanggal, reader.value(row, "waktu"), reader.value(row, "tempat"),
                     reader.value(row, "acara")))
    invited = _read_peserta(peserta_reader, known)
    sifat_names = {s.casefold(): s for s in reader.vocabularies.get(schema.SIFAT, ())}
    meetings = []
    for row, kode, tanggal, waktu, tempat, acara in rows:
        sifat = reader.value(row, "sifat")
        letter = reader.value(row, "tanggal_undangan")
        if letter is not None and tanggal is not None and letter > tanggal:
            reader.warning(row, "tanggal_undangan", f"tanggal undangan {letter:%d/%m/%Y} sesudah "
                           f"tanggal rapatnya ({tanggal:%d/%m/%Y}); periksa tanggalnya.")
        meeting = dict(
            pimpinan=reader.value(row, "pimpinan"),
            nomor_undangan=reader.value(row, "nomor_undangan"),
            tanggal_undangan=letter,
            sifat=sifat_names.get(sifat.casefold(), sifat) if sifat else None,
            pembahasan=_lines(reader.value(row, "pembahasan")),
            kesimpulan=_lines(reader.value(row, "kesimpulan")),
            tindak_lanjut=_lines(reader.value(row, "tindak_lanjut")),
            notulis=reader.value(row, "notulis"),
            area=reader.value(row, "area"),
        )
        agenda = _lines(acara)
        if kode is None or tanggal is None or waktu is None or tempat is None or not agenda:
            continue
        meetings.append(Rapat(kode=kode, tanggal=tanggal, waktu=waktu, tempat=tempat,
                              acara=agenda, cell=reader.ref(row, "kode"),
                              peserta=tuple(invited.get(kode, ())), **meeting))
    return tuple(meetings)
