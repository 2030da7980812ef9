"""Open an .xlsx safely: say what the file really is when it is not a workbook, refuse XML
entity tricks before any parser sees them, and find formulas that have no computed value.

Every message is a plain Indonesian sentence for the user (WorkbookFileError)."""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
HEAD = 1 << 16  # bytes of each XML part read to check its prolog
MAX_UNPACKED = 1 << 30  # declared size of all parts together; more is a zip bomb, not a form
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


def read_bytes(path: Path) -> bytes:
    """The file's bytes, read once: every check and the parse see the same version even when
    someone saves the workbook in Excel meanwhile."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise WorkbookFileError(
            f"berkas {path.name} tidak dapat dibuka ({exc.strerror or exc})."
        ) from None


def open_workbook(path: Path, data: bytes | None = None) -> OpenedWorkbook:
    """Check what `path` (or its bytes `data`) is, then load it with openpyxl (which parses
    through defusedxml)."""
    import io
    import warnings

    import openpyxl
    from defusedxml import DefusedXmlException

    if data is None:
        data = read_bytes(path)
    uncached = check_file(path, data)
    name = path.name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's English warnings are not for users
            # A file object, not the name: openpyxl refuses names not ending in .xlsx/.xlsm,
            # but a workbook renamed to .xls or .zip is still a workbook.
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        if _caused_by(exc, DefusedXmlException):  # openpyxl wraps it in a ValueError
            raise WorkbookFileError(_entity_message(name)) from None
        raise WorkbookFileError(
            f"berkas {name} tidak dapat dibaca sebagai workbook Excel; isinya rusak. {_SAVE_AGAIN}"
        ) from None
    return OpenedWorkbook(book, uncached)


def _caused_by(exc: BaseException | None, kind: type) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, kind):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def check_file(path: Path, data: bytes | None = None) -> dict[str, dict[str, str]]:
    """Raise WorkbookFileError unless `path` (or its bytes `data`) looks like a safe .xlsx.

    Returns the formula cells that have no cached value: {sheet title: {coordinate: formula}}."""
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


def _check_archive(archive: zipfile.ZipFile, name: str) -> dict[str, dict[str, str]]:
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
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
        raise WorkbookFileError(
            f"berkas {name} terlalu besar setelah dibuka (lebih dari 1 GB); ini bukan isian "
            "yang wajar. Periksa berkasnya atau simpan ulang dari Excel."
        )
    with_formulas: list[str] = []
    for info in archive.infolist():
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
            if info.filename.startswith("xl/worksheets/") and _scan_for(
                    member, head, (b"<f>", b"<f ", b":f>", b":f ")):
                with_formulas.append(info.filename)
    if not with_formulas:
        return {}
    from zidoc.workbook.schema import NOT_READ

    titles = _sheet_titles(archive)
    not_read = {name.lower() for name in NOT_READ}  # the Ringkasan formulas are never read
    found: dict[str, dict[str, str]] = {}
    for part in with_formulas:
        title = titles.get(part)
        if title is None:  # not a sheet of the workbook (a leftover part): openpyxl skips it
            continue
        if title.strip().lower() in not_read:
            continue
        with archive.open(part) as member:
            cells = _uncached_cells(member)
        if cells:
            found[title] = cells
    return found


def _has_dtd(head: bytes) -> bool:
    """A DOCTYPE or ENTITY in the prolog (before the first element). OOXML never has one."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    first = _ELEMENT.search(head)
    prolog = head if first is None else head[: first.start()]
    return bool(_DTD.search(prolog))


def _scan_for(member, head: bytes, needles: tuple[bytes, ...]) -> bool:
    tail = b""
    block = head
    while block:
        chunk = tail + block
        if any(n in chunk for n in needles):
            return True
        tail = chunk[-4:]
        block = member.read(HEAD)
    return False


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
        for child in element:
            kind = _local(child.tag)
            if kind == "f":
                formula = child
            elif kind == "v":
                value = child.text
        ref = element.get("r")
        if formula is not None and ref:
            text = formula.text or ""
            index = formula.get("si")
            if formula.get("t") == "shared" and index is not None:
                if text:
                    shared[index] = (ref, text)
                elif index in shared:
                    text = _translate(*shared[index], ref)
            if not value:
                found[ref] = "=" + text
        element.clear()
    return found


def _translate(origin: str, formula: str, ref: str) -> str:
    """A shared formula as it reads in cell `ref` (Excel stores it once, at `origin`)."""
    from openpyxl.formula.translate import Translator

    try:
        return Translator("=" + formula, origin=origin).translate_formula(ref)[1:]
    except Exception:  # an odd formula: its origin's text still says what it is
        return formula
