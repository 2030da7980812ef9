"""Open an .xlsx safely: say what the file really is when it is not a workbook, refuse XML
entity tricks before any parser sees them, and find formulas that have no computed value.

Every message is a plain Indonesian sentence for the user (WorkbookFileError)."""
from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
HEAD = 1 << 16  # bytes of each XML part read to check its prolog
# Bounds that keep one workbook under ~500 MB of memory and a few seconds: a form of this kind
# is a few hundred KB. Checked before openpyxl parses anything, stopping at the first excess.
# Offices format far more than they fill (borders drawn down to row 1,048,576): cells and rows
# that hold nothing are streamed past and left out of what openpyxl parses (_Counts), so the
# bounds on cells and rows count what is left, and the bound on XML bounds the streaming.
MAX_FILE = 50 << 20  # bytes of the .xlsx file itself
MAX_UNPACKED = 1280 << 20  # declared size of all parts together; more is a zip bomb, not a form
MAX_PARTS = 2000  # files inside the zip
MAX_CELLS = 100_000  # cells openpyxl parses, of all sheets together (cells that hold something)
MAX_ROWS = 100_000  # rows openpyxl parses, of all sheets together
MAX_STRINGS = 200_000  # shared strings
MAX_XML = 1 << 30  # declared size of the XML parts together (images and the like aside)
SLIM_ABOVE = 1 << 20  # bytes of formatting-only XML above which openpyxl gets the slim package
MAX_MERGED = 100_000  # cells covered by merged ranges (openpyxl makes an object for each)
_SAVE_AGAIN = "Buka di Excel atau LibreOffice lalu simpan ulang sebagai 'Excel Workbook (*.xlsx)'."
STRICT_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_ELEMENT = re.compile(rb"<[A-Za-z_]")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class WorkbookFileError(Exception):
    """The file cannot be used as a workbook; the message is for the user."""


@dataclass
class OpenedWorkbook:
    book: object  # openpyxl Workbook loaded with data_only=True (cached values)
    # sheet title -> {coordinate: formula} for formula cells that have no cached value
    uncached: dict[str, dict[str, str]] = field(default_factory=dict)
    # (name, state) of every sheet as the file names it: openpyxl renames a sheet whose name
    # equals another's but for case ("nilai" beside "Nilai" becomes "nilai1")
    names: list[tuple[str, str]] = field(default_factory=list)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, read once: every check and the parse see the same version even when
    someone saves the workbook in Excel meanwhile. Only a regular file of at most MAX_FILE
    bytes is read: a FIFO, a device (/dev/zero) or a folder is refused before it is opened
    for reading (a FIFO would block, a device would never end)."""
    import stat

    from zidoc.fs.files import display_name

    name = display_name(path.name)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise WorkbookFileError(_not_regular(name, info.st_mode))
        if info.st_size > MAX_FILE:
            raise WorkbookFileError(_too_big(name, info.st_size))
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())  # the file opened, not the name looked at
            if not stat.S_ISREG(info.st_mode):
                raise WorkbookFileError(_not_regular(name, info.st_mode))
            data = handle.read(MAX_FILE + 1)
    except OSError as exc:
        raise WorkbookFileError(
            f"berkas {name} tidak dapat dibuka ({_os_reason(exc)})."
        ) from None
    if len(data) > MAX_FILE:  # it grew while being read
        raise WorkbookFileError(_too_big(name, len(data)))
    return data


def _os_reason(exc: OSError) -> str:
    from zidoc.fs.files import in_use, too_long

    if in_use(exc) or too_long(exc):  # Windows' meaning first (WinError 32/33, 3/206)
        from zidoc.fs.files import os_reason

        return os_reason(exc)
    if isinstance(exc, PermissionError):
        return "tidak ada izin membacanya; periksa izin berkas atau tutup program yang menguncinya"
    if isinstance(exc, FileNotFoundError):
        return "berkasnya tidak ada"
    from zidoc.fs.files import os_reason

    return os_reason(exc)


def _not_regular(name: str, mode: int) -> str:
    import stat

    what = ("folder" if stat.S_ISDIR(mode) else "pipa (FIFO)" if stat.S_ISFIFO(mode)
            else "perangkat" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "bukan berkas biasa")
    return (f"{name} adalah {what}, bukan berkas workbook. Sebutkan berkas .xlsx yang disimpan "
            "dari Excel atau LibreOffice.")


def _too_big(name: str, size: int) -> str:
    return (f"berkas {name} terlalu besar ({size / (1 << 20):.0f} MB; paling besar "
            f"{MAX_FILE >> 20} MB) untuk sebuah isian. Hapus sheet, gambar atau baris yang "
            "tidak diperlukan, simpan, lalu jalankan lagi.")


def open_workbook(path: Path, data: bytes | None = None) -> OpenedWorkbook:
    """Check what `path` (or its bytes `data`) is, then load it with openpyxl (which parses
    through defusedxml)."""
    import io
    import warnings

    import openpyxl
    from defusedxml import DefusedXmlException

    if data is None:
        data = read_bytes(path)
    checked = checked_file(path, data)
    uncached = checked.uncached
    name = path.name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's English warnings are not for users
            # A file object, not the name: openpyxl refuses names not ending in .xlsx/.xlsm,
            # but a workbook renamed to .xls or .zip is still a workbook.
            book = openpyxl.load_workbook(io.BytesIO(checked.slim or data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        if _caused_by(exc, DefusedXmlException):  # openpyxl wraps it in a ValueError
            raise WorkbookFileError(_entity_message(name)) from None
        raise WorkbookFileError(
            f"berkas {name} tidak dapat dibaca sebagai workbook Excel; isinya rusak. {_SAVE_AGAIN}"
        ) from None
    return OpenedWorkbook(book, uncached, _sheet_names(data))


def _sheet_names(data: bytes) -> list[tuple[str, str]]:
    """(name, state) of each <sheet> in xl/workbook.xml (already checked to be safe)."""
    import io

    from defusedxml.ElementTree import fromstring

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = fromstring(archive.read("xl/workbook.xml"))
    except Exception:  # noqa: BLE001 - openpyxl read it; the names are only a cross-check
        return []
    return [(e.get("name") or "", e.get("state") or "visible") for e in root.iter()
            if _local(e.tag) == "sheet"]


def _caused_by(exc: BaseException | None, kind: type) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, kind):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


@dataclass(frozen=True)
class Checked:
    """What checking a file found: the formula cells that have no cached value ({sheet title:
    {coordinate: formula}}), and the package to parse when formatting-only cells and rows were
    left out of its sheets (None: parse the file's own bytes)."""

    uncached: dict[str, dict[str, str]]
    slim: bytes | None = None


def check_file(path: Path, data: bytes | None = None) -> dict[str, dict[str, str]]:
    """Raise WorkbookFileError unless `path` (or its bytes `data`) looks like a safe .xlsx.

    Returns the formula cells that have no cached value: {sheet title: {coordinate: formula}}."""
    return checked_file(path, data).uncached


def checked_file(path: Path, data: bytes | None = None) -> Checked:
    """check_file, with the package openpyxl should parse (see Checked, _Counts)."""
    import io

    name = path.name
    if data is None:
        data = read_bytes(path)
    head = data[:512]
    if not head:
        raise WorkbookFileError(
            f"berkas {name} kosong (0 byte). Simpan ulang workbook dari Excel, atau buat "
            "contohnya dengan 'zidoc init'."
        )
    if head.startswith(OLE_MAGIC):
        raise WorkbookFileError(
            f"berkas {name} berformat Excel lama (.xls) atau dilindungi kata sandi; keduanya "
            "tidak dapat dibaca zidoc. Buka di Excel; bila ada kata sandi, hapus dulu (File > "
            "Info > Protect Workbook > Encrypt with Password, kosongkan kata sandinya); lalu "
            "simpan dengan File > Save As sebagai 'Excel Workbook (*.xlsx)'."
        )
    if not head.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(io.BytesIO(data)):
        if head.startswith(ZIP_MAGIC):
            what = "rusak atau terpotong (misalnya belum selesai disalin atau diunduh)"
        elif _looks_like_text(head):
            what = "berisi teks biasa (misalnya CSV), bukan workbook Excel"
        else:
            what = "bukan workbook Excel (.xlsx)"
        raise WorkbookFileError(f"berkas {name} {what}. {_SAVE_AGAIN}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _check_archive(archive, name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError,
            NotImplementedError, SyntaxError):  # SyntaxError: ParseError of a damaged part
        raise WorkbookFileError(
            f"berkas {name} rusak atau terpotong (arsip tidak utuh). {_SAVE_AGAIN}"
        ) from None


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            return False
        text = head[: exc.start].decode("utf-8-sig")  # a character cut at byte 512
    return bool(text) and all(ch.isprintable() or ch in "\r\n\t" for ch in text)


def _check_archive(archive: zipfile.ZipFile, name: str) -> Checked:
    names = set(archive.namelist())
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
        raise WorkbookFileError(
            f"berkas {name} berformat OpenDocument (.ods), bukan .xlsx. Buka di LibreOffice "
            "lalu simpan sebagai 'Excel 2007-365 (.xlsx)'."
        )
    if "xl/workbook.bin" in names:
        raise WorkbookFileError(
            f"berkas {name} berformat 'Excel Binary Workbook' (.xlsb), bukan .xlsx. {_SAVE_AGAIN}"
        )
    if "xl/workbook.xml" not in names:
        raise WorkbookFileError(
            f"berkas {name} bukan workbook Excel (isinya arsip zip lain, misalnya dokumen Word "
            f"yang diganti namanya). {_SAVE_AGAIN}"
        )
    infos = archive.infolist()
    if len(infos) > MAX_PARTS or sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise WorkbookFileError(
            f"berkas {name} terlalu besar setelah dibuka (lebih dari {MAX_UNPACKED >> 20} MB "
            f"atau lebih dari {MAX_PARTS} bagian); ini bukan isian yang wajar. Periksa berkasnya "
            "atau simpan ulang dari Excel."
        )
    if sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels", ".vml"))) > MAX_XML:
        raise WorkbookFileError(
            f"berkas {name} terlalu besar setelah dibuka (isi XML-nya lebih dari "
            f"{MAX_XML >> 20} MB); ini bukan isian yang wajar. Periksa berkasnya atau simpan "
            "ulang dari Excel."
        )
    counts = _Counts(name)
    sheets: dict[str, bytes] = {}  # worksheet part -> its XML as openpyxl will read it
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as member:
            head = member.read(HEAD)
            if _has_dtd(head):
                raise WorkbookFileError(_entity_message(name))
            if info.filename == "xl/workbook.xml" and STRICT_NS in head:
                raise WorkbookFileError(
                    f"berkas {name} disimpan sebagai 'Strict Open XML Spreadsheet', yang tidak "
                    f"dapat dibaca zidoc. {_SAVE_AGAIN}"
                )
            if _is_worksheet(info.filename):
                sheets[info.filename] = counts.scan_sheet(member, head)
            elif info.filename == "xl/sharedStrings.xml":
                counts.scan_strings(member, head)
    uncached = _uncached(archive, sheets)
    if counts.dropped <= SLIM_ABOVE:
        return Checked(uncached, None)
    return Checked(uncached, _rebuilt(archive, sheets))


def _is_worksheet(part: str) -> bool:
    return part.startswith("xl/worksheets/") and part.endswith(".xml") and "/_rels/" not in part


def _uncached(archive: zipfile.ZipFile, sheets: dict[str, bytes]) -> dict[str, dict[str, str]]:
    import io

    with_formulas = [part for part, xml in sheets.items() if _has_formula(xml)]
    if not with_formulas:
        return {}
    from zidoc.workbook.schema import NOT_READ, sheet_key

    titles = _sheet_titles(archive)
    not_read = {sheet_key(name) for name in NOT_READ}  # the Ringkasan formulas are never read
    found: dict[str, dict[str, str]] = {}
    for part in with_formulas:
        title = titles.get(part)
        if title is None:  # not a sheet of the workbook (a leftover part): openpyxl skips it
            continue
        if sheet_key(title) in not_read:
            continue
        cells = _uncached_cells(io.BytesIO(sheets[part]))
        if cells:
            found[title] = cells
    return found


def _has_formula(xml: bytes) -> bool:
    return any(n in xml for n in _FORMULA)


def _rebuilt(archive: zipfile.ZipFile, sheets: dict[str, bytes]) -> bytes:
    """The package again, each worksheet as `sheets` has it (formatting-only cells and rows
    left out), every other part as it was. In memory only, for openpyxl to read: stored,
    not compressed, as nothing keeps it."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as rebuilt:
        for info in archive.infolist():
            data = sheets.get(info.filename)
            rebuilt.writestr(info.filename, archive.read(info) if data is None else data)
    return out.getvalue()


def _has_dtd(head: bytes) -> bool:
    """A DOCTYPE or ENTITY in the prolog (before the first element). OOXML never has one."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    first = _ELEMENT.search(head)
    prolog = head if first is None else head[: first.start()]
    return bool(_DTD.search(prolog))


_FORMULA = (b"<f>", b"<f ", b":f>", b":f ")
_CELL = (b"<c ", b"<c>", b"<c/", b":c ", b":c>", b":c/")
_ROW = (b"<row ", b"<row>", b"<row/", b":row ", b":row>", b":row/")
_STRING = (b"<si>", b"<si ", b"<si/", b":si>", b":si ")
_PREFIX = re.compile(rb"<(\w+:)?sheetData[\s>/]")
# A cell or a row that holds nothing (only formatting: s=, customFormat=, ht= ...), with its
# position (r=) written: leaving it out moves nothing. Without r= its position is implied by
# the ones before it, so it stays.
_EMPTY_CELL = rb"<%sc\s(?=(?:[^<>]*\s)?r=)[^<>]*?(?:/>|>\s*</%sc>)"
_EMPTY_ROW = rb"<%srow\s(?=(?:[^<>]*\s)?r=)[^<>]*?(?:/>|>\s*</%srow>)"
_AFTER_NAME = (b" ", b">", b"/", b"\t", b"\n", b"\r")  # <row ...>, not <rowBreaks>
_BLOCK = 1 << 20  # bytes of a sheet's XML looked at at once


class _Counts:
    """Streams every sheet's XML (never a whole part in memory) and leaves out the cells and
    rows that hold nothing, counting what is left and raising as soon as a bound is passed.

    A sheet formatted down to row 1,048,576 is some 175 MB of XML of empty cells; it costs
    the inflating and a few byte searches: a block of rows without a cell that holds
    something (`</c>`), each row with its position, is dropped whole; the others lose their
    empty cells and rows to a regular expression. What
    is left (the cells that hold something) is what openpyxl parses. A small file that
    inflates to millions of cells that hold something stops at MAX_CELLS, before openpyxl
    would build them all."""

    def __init__(self, name: str):
        self.name = name
        self.cells = self.rows = self.strings = self.merged = 0
        self.dropped = 0  # bytes of XML left out

    def scan_sheet(self, member, head: bytes) -> bytes:
        """The sheet's XML without its formatting-only cells and rows."""
        found = _PREFIX.search(head)
        prefix = found[1] or b"" if found else b""
        row = b"<" + prefix + b"row"
        # A cell that holds something (a value, a formula, a text) has children, so a closing
        # tag: a piece without one holds nothing (Excel writes an empty cell as <c .../>).
        closed_cell = b"</" + prefix + b"c>"
        with_position = row + b' r="'
        end = b"</" + prefix + b"sheetData"
        empty_cell = re.compile(_EMPTY_CELL % (prefix, prefix))
        empty_row = re.compile(_EMPTY_ROW % (prefix, prefix))
        kept: list[bytes] = []
        carry = b""
        block = head
        past = False  # </sheetData> seen: <rowBreaks> and the rest are kept as they are
        while True:
            data = carry + block
            if block:
                # Up to the last row's start: the piece holds whole rows (and what came before).
                cut = data.rfind(row, 1)
                if cut <= 0:
                    cut = data.rfind(b">") + 1 if len(data) > 8 * _BLOCK else 0
                piece, carry = data[:cut], data[cut:]
            else:
                piece, carry = data, b""
            past = past or end in piece
            if not past and piece[len(row):len(row) + 1] in _AFTER_NAME \
                    and piece.startswith(row) and closed_cell not in piece \
                    and piece.count(row) == piece.count(with_position):
                # Rows that hold nothing, each with its position: none of them is kept.
                self.dropped += len(piece)
            elif piece:
                size = len(piece)
                piece = empty_row.sub(b"", empty_cell.sub(b"", piece))
                self.dropped += size - len(piece)
                self._count(piece)
                kept.append(piece)
            if not block:
                return b"".join(kept)
            block = member.read(_BLOCK)

    def _count(self, piece: bytes) -> None:
        self.cells += sum(piece.count(n) for n in _CELL)
        self.rows += sum(piece.count(n) for n in _ROW)
        self.merged += _merged_area(piece)
        if self.merged > MAX_MERGED:
            raise WorkbookFileError(
                f"berkas {self.name} memuat sel gabungan (merge) yang terlalu luas (lebih "
                f"dari {_thousands(MAX_MERGED)} sel). Pisahkan sel yang digabung di luar "
                "tabel (Home > Merge & Center > Unmerge Cells), simpan, lalu jalankan lagi."
            )
        if self.cells > MAX_CELLS or self.rows > MAX_ROWS:
            raise WorkbookFileError(
                f"berkas {self.name} memuat terlalu banyak sel berisi (lebih dari "
                f"{_thousands(MAX_CELLS)} sel atau {_thousands(MAX_ROWS)} baris yang berisi "
                "nilai; sel kosong yang hanya diberi format, seperti yang ditulis Excel dan "
                "LibreOffice, tidak dihitung). Ini bukan isian "
                "yang wajar: hapus baris dan kolom yang tidak diperlukan (pilih barisnya, klik "
                "kanan > Delete) atau pindahkan data lama ke workbook lain, simpan, lalu "
                "jalankan lagi."
            )

    def scan_strings(self, member, head: bytes) -> None:
        for chunk, tail in _chunks(member, head):
            self.strings += _count(chunk, tail, _STRING)
            if self.strings > MAX_STRINGS:
                raise WorkbookFileError(
                    f"berkas {self.name} memuat terlalu banyak teks (lebih dari "
                    f"{_thousands(MAX_STRINGS)} teks berbeda); ini bukan isian yang wajar. "
                    "Periksa berkasnya atau simpan ulang dari Excel."
                )


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _chunks(member, head: bytes):
    """(tail of the previous block + block, that tail) over a part, block by block."""
    tail = b""
    block = head
    while block:
        chunk = tail + block
        yield chunk, tail
        tail = chunk[-_TAIL:]
        block = member.read(HEAD)


_TAIL = 128  # bytes carried over between blocks: longer than any element counted here
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"\$?([A-Z]{1,3})\$?(\d{1,7})"
                    rb"(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?\"")


def _merged_area(piece: bytes) -> int:
    """Cells covered by the <mergeCell> elements in this piece of a sheet."""
    from openpyxl.utils import column_index_from_string

    area = 0
    for match in _MERGE.finditer(piece):
        first_col, first_row, last_col, last_row = match.groups()
        if last_col is None:
            continue
        width = abs(column_index_from_string(last_col.decode())
                    - column_index_from_string(first_col.decode())) + 1
        area += width * (abs(int(last_row) - int(first_row)) + 1)
    return area


def _count(chunk: bytes, tail: bytes, needles: tuple[bytes, ...]) -> int:
    return sum(chunk.count(n) - tail.count(n) for n in needles)


def _entity_message(name: str) -> str:
    return (
        f"berkas {name} ditolak demi keamanan: bagian XML-nya memuat definisi entitas "
        "(DOCTYPE/ENTITY) yang tidak pernah ditulis Excel, misalnya 'bom XML' atau rujukan ke "
        "berkas lain di komputer. Gunakan workbook asli yang disimpan dari Excel atau LibreOffice."
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part name ('xl/worksheets/sheet1.xml') -> sheet title."""
    import posixpath

    from defusedxml.ElementTree import fromstring

    targets = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        for rel in fromstring(archive.read("xl/_rels/workbook.xml.rels")):
            target = rel.get("Target") or ""
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            targets[rel.get("Id")] = part
    titles = {}
    for element in fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(element.tag) == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            if rid in targets and element.get("name") is not None:
                titles[targets[rid]] = element.get("name")
    return titles


def _uncached_cells(member) -> dict[str, str]:
    """{coordinate: formula} for the <c> elements of a sheet's XML that hold an <f> but no
    (or an empty) <v>: a formula never calculated (file written by a program, never opened).
    Streams the part: a big sheet is never held in memory as a tree."""
    from defusedxml.ElementTree import iterparse

    found: dict[str, str] = {}
    shared: dict[str, tuple[str, str]] = {}  # shared formula index -> (origin cell, formula)
    for _event, element in iterparse(member, events=("end",)):
        tag = _local(element.tag)
        if tag == "row":
            element.clear()
        if tag != "c":
            continue
        formula = value = None
        has_value = False
        for child in element:
            kind = _local(child.tag)
            if kind == "f":
                formula = child
            elif kind == "v":
                value, has_value = child.text, True
        ref = element.get("r")
        if formula is not None and ref:
            text = formula.text or ""
            index = formula.get("si")
            if formula.get("t") == "shared" and index is not None:
                if text:
                    shared[index] = (ref, text)
                elif index in shared:
                    text = _translate(*shared[index], ref)
            # An empty <v></v> (or <v/>) of a text result (t="str") is a formula whose result
            # is the empty string, as Excel and LibreOffice write it: an empty value. Without
            # t (a number result) an empty <v> is a formula never calculated (openpyxl).
            if not value and not (has_value and element.get("t") in _TEXT_RESULTS):
                found[ref] = "=" + text
        element.clear()
    return found


_TEXT_RESULTS = ("str", "inlineStr")


def _translate(origin: str, formula: str, ref: str) -> str:
    """A shared formula as it reads in cell `ref` (Excel stores it once, at `origin`)."""
    from openpyxl.formula.translate import Translator

    try:
        return Translator("=" + formula, origin=origin).translate_formula(ref)[1:]
    except Exception:  # an odd formula: its origin's text still says what it is
        return formula
