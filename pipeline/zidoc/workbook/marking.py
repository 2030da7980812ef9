"""`--tandai`: the problems of a workbook shown in a marked copy, `<name>-diperiksa.xlsx`.

Every cell with a problem is filled (errors red, warnings yellow) and carries a comment with
the message; a first sheet `Masalah` lists every problem with a link to its cell. The
workbook itself is never touched; the copy is written atomically beside it. A workbook with no
problem gets no copy, and an old copy of it is removed.

openpyxl is imported inside the functions that need it.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from zidoc.workbook.problems import ERROR, Problem, Problems

SUFFIX = "-diperiksa"
MASALAH = "Masalah"
AUTHOR = "zidoc"
ERROR_FILL = "FF7C80"  # red
WARNING_FILL = "FFEB84"  # yellow
SEVERITY_TEXT = {ERROR: "Kesalahan"}
WARNING_TEXT = "Peringatan"
HEADERS = ("No", "Jenis", "Letak", "Masalah")
WIDTHS = (5, 12, 16, 90)
ROW_HEIGHT = 15  # points per line of text in the Masalah sheet


def marked_path(path: Path) -> Path:
    """`data.xlsx` -> `data-diperiksa.xlsx` beside it (on Windows shortened, its ending kept,
    when Excel's path limit leaves less room)."""
    from zidoc.fs.files import fit_name, name_room

    name, ending = f"{path.stem}{SUFFIX}{path.suffix}", f"{SUFFIX}{path.suffix}"
    return path.with_name(fit_name(name, name_room(path.parent, name), keep=ending))


def is_marked_copy(path: Path) -> bool:
    """A copy written by --tandai (never an input of its own)."""
    return path.stem.lower().endswith(SUFFIX)


def original_of(path: Path) -> Path | None:
    """The workbook a marked copy was made from (`data-diperiksa.xlsx` -> `data.xlsx`)."""
    if not is_marked_copy(path):
        return None
    return path.with_name(f"{path.stem[:-len(SUFFIX)]}{path.suffix}")


def is_own_copy(path: Path) -> bool:
    """A marked copy lying beside its workbook: zidoc's own file, announced when written, so
    skipping it needs no note on every later run."""
    original = original_of(path)
    return original is not None and original.is_file()


@dataclass(frozen=True)
class MarkResult:
    written: Path | None = None  # the marked copy written
    removed: Path | None = None  # an old copy removed (the workbook is clean now)
    note: str | None = None  # a line for the user (Indonesian)
    failed: bool = False  # the copy could not be written or removed


def mark(path: Path, problems: Problems, data: bytes | None = None) -> MarkResult:
    """Write the marked copy of `path` (its bytes `data` when already read) for `problems`;
    remove an old copy when there are none."""
    target = marked_path(path)
    if not len(problems):
        if not target.exists():
            return MarkResult()
        from zidoc.fs.files import retried

        try:
            retried(target.unlink)  # the preview pane or an antivirus may hold it a moment
        except OSError as exc:
            return MarkResult(note=f"{target.name} (salinan bertanda yang lama) tidak dapat "
                                   f"dihapus ({_reason(exc)}); tutup berkas itu di Excel lalu "
                                   "hapus sendiri.", failed=True)
        return MarkResult(removed=target,
                          note=f"{path.name} tidak bermasalah lagi; salinan bertanda yang lama "
                               f"({target.name}) dihapus.")
    try:
        content = marked_bytes(path, problems, data)
    except Exception:  # noqa: BLE001 - a workbook openpyxl cannot load again cannot be marked
        return MarkResult(note=f"{path.name} tidak dapat dibuka untuk ditandai; lihat daftar "
                               "masalah di atas.", failed=True)
    from zidoc.fs.files import atomic_write

    try:
        atomic_write(target, content)
    except OSError as exc:
        from zidoc.fs.files import too_long

        advice = ("Perpendek nama workbook-nya (atau pindahkan ke folder yang jalurnya lebih "
                  "pendek), lalu jalankan lagi." if too_long(exc) else
                  "Bila berkas itu sedang dibuka di Excel, tutup lalu jalankan lagi.")
        return MarkResult(note=f"{target.name} tidak dapat ditulis ({_reason(exc)}). {advice}",
                          failed=True)
    errors, warnings = len(problems.errors), len(problems.warnings)
    counts = ", ".join(part for part in (f"{errors} kesalahan" if errors else "",
                                         f"{warnings} peringatan" if warnings else "") if part)
    return MarkResult(written=target,
                      note=f"Salinan bertanda ({counts}) ditulis: {target}. Buka berkas itu: "
                           "sel merah = kesalahan, kuning = peringatan; perbaiki di "
                           f"{path.name}, bukan di salinannya.")


def _reason(exc: OSError) -> str:
    from zidoc.fs.files import os_reason  # the one Indonesian wording of OS refusals

    return os_reason(exc)


def marked_bytes(path: Path, problems: Problems, data: bytes | None = None) -> bytes:
    """The marked copy as .xlsx bytes (formulas, formats and dropdowns kept).

    The file is read and checked as the reader does (xlsx.py: regular files only, sizes and
    zip bombs refused before parsing), so a FIFO, a device or a bomb is never read here
    either: WorkbookFileError instead."""
    import warnings

    import openpyxl

    from zidoc.workbook.xlsx import checked_file, read_bytes

    if data is None:
        data = read_bytes(path)
    # A sheet formatted far below its data is marked without those empty formatted cells.
    slim = checked_file(path, data).slim
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's English warnings are not for users
        book = openpyxl.load_workbook(io.BytesIO(slim or data))
    titles = {(problem.sheet or ""): _title(book, problem.sheet) for problem in problems}
    items = list(problems)
    by_cell: dict[tuple[str, str], list[Problem]] = {}
    for problem in items:
        title = titles[problem.sheet or ""]
        if title is not None and problem.cell:
            anchor = _anchor(book[title], problem.cell)
            by_cell.setdefault((title, anchor), []).append(problem)
    for (title, coordinate), found in by_cell.items():
        _mark_cell(book[title][coordinate], found)
    _write_masalah(book, items, titles, _storable(path.name))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _storable(text: str) -> str:
    """`text` as an .xlsx can hold it: a file name with bytes that are not UTF-8 (surrogates)
    gets '?', control characters XML refuses are dropped (a message may quote any cell)."""
    import re

    text = text.encode("utf-8", "replace").decode("utf-8")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


def _lines(text: str, width: int) -> int:
    """Lines `text` takes in a wrapped column `width` characters wide (a generous estimate)."""
    per_line = max(1, int(width * 1.05))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _text(cell, text: str) -> None:
    """Text stored as text: workbook text in a message is data, never a formula."""
    cell.value = _storable(text)
    cell.data_type = "s"


def _severity(problem: Problem) -> str:
    return SEVERITY_TEXT.get(problem.severity, WARNING_TEXT)


def _title(book, sheet: str | None) -> str | None:
    """The sheet of `book` a problem names: the exact title, else the one the reader took for
    it (schema.sheet_key: case, spaces and invisible characters aside), a visible sheet before
    a hidden one (the one the user sees and edits)."""
    if not sheet:
        return None
    if sheet in book.sheetnames:
        return sheet
    from zidoc.workbook.schema import sheet_key  # the reader's own matching of names

    wanted = sheet_key(sheet)
    for ws in sorted(book.worksheets, key=lambda ws: ws.sheet_state != "visible"):
        if sheet_key(ws.title) == wanted:
            return ws.title
    return None


def _anchor(ws, coordinate: str) -> str:
    """The cell to mark for `coordinate`: itself, or the top-left cell of the merged range
    covering it (the only cell of a merge that shows a fill and holds a comment)."""
    from openpyxl.utils import get_column_letter

    for merged in ws.merged_cells.ranges:
        if coordinate in merged:
            return f"{get_column_letter(merged.min_col)}{merged.min_row}"
    return coordinate


def _mark_cell(cell, found: list[Problem]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    color = ERROR_FILL if any(p.severity == ERROR for p in found) else WARNING_FILL
    cell.fill = PatternFill("solid", fgColor=color)
    text = "\n".join(f"{_severity(p)}: {p.message}" for p in found)
    if cell.comment is not None and cell.comment.text:
        text = f"{cell.comment.text}\n\n{AUTHOR}:\n{text}"
    text = _storable(text)
    comment = Comment(text, AUTHOR)
    comment.width = 320
    comment.height = 40 + 18 * (len(text) // 45 + text.count("\n"))
    cell.comment = comment


def _write_masalah(book, items: list[Problem], titles: dict[str, str | None], name: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = book.create_sheet(MASALAH, 0)
    _text(ws["A1"], f"Daftar masalah di {name}: {len(items)}. Klik letaknya untuk menuju selnya. "
              f"Perbaiki di {name} (bukan di salinan ini), lalu periksa lagi.")
    ws["A1"].font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for index, (header, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
        cell = ws.cell(row=2, column=index, value=header)
        cell.font, cell.fill = Font(bold=True), header_fill
        ws.column_dimensions[cell.column_letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    link_font = Font(color="0563C1", underline="single")
    for number, problem in enumerate(items, start=1):
        row = number + 2
        ws.cell(row=row, column=1, value=number).alignment = wrap
        kind = ws.cell(row=row, column=2, value=_severity(problem))
        kind.fill = PatternFill("solid", fgColor=ERROR_FILL if problem.severity == ERROR
                                else WARNING_FILL)
        kind.alignment = wrap
        place = ws.cell(row=row, column=3)
        _text(place, problem.place or "-")
        place.alignment = wrap
        title = titles[problem.sheet or ""]
        if title is not None:
            target = problem.cell or "A1"
            quoted = "'" + title.replace("'", "''") + "'"
            place.hyperlink = Hyperlink(ref=place.coordinate, location=f"{quoted}!{target}",
                                        display=_storable(problem.place or "-"))
            place.font = link_font
        message = ws.cell(row=row, column=4)
        _text(message, problem.message)
        message.alignment = wrap
        # A height for the wrapped lines: LibreOffice does not fit rows of an .xlsx on opening,
        # so a long message would run over the next row.
        ws.row_dimensions[row].height = ROW_HEIGHT * _lines(message.value, WIDTHS[3])
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"  # printed: one page wide
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    book.active = 0
    for sheet in book.worksheets:  # only Masalah selected, or Excel opens a sheet group
        sheet.sheet_view.tabSelected = sheet is ws
