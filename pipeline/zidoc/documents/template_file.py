"""A Word template as staff leave it, made ready for docxtpl, or refused in plain words.

One step shared by the build (render.py) and `zidoc templates check` (templates_check.py), so
that the two always agree:

- what is not a Word document (.docx) is refused, saying what it is: an empty file (0 bytes:
  a cloud placeholder not downloaded yet), a Word 97-2003 document, an encrypted (password)
  document, a 'Strict Open XML' document, another zip (a workbook, an OpenDocument file);
- a Word template (.dotx) or a document or template with macros (.docm, .dotm) renamed .docx
  is read as the document it holds (macros left out, with a note);
- tracked changes are accepted (inserted text kept, deleted text gone, formatting changes
  kept as they show, deleted table rows gone, paragraphs whose mark was deleted joined) and
  comments dropped, with a note naming the template: the documents never carry them. Track
  Changes is turned off in the documents.

A template that needs none of this is passed on as its own bytes, untouched."""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_NS = b"http://purl.oclc.org/ooxml/"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Main parts of the other Word packages a .docx may really be: read as a document.
AS_DOCUMENT = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
        "templat Word (.dotx)",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "dokumen Word bermakro (.docm)",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml":
        "templat Word bermakro (.dotm)",
}
# Parts that only macros use: left out of a .docm/.dotm read as a document.
_MACRO_TYPES = ("vbaProject", "vbaData", "keyMapCustomizations", "attachedToolbars")
_COMMENT_TYPES = ("comments+xml", "commentsExtended+xml", "commentsIds+xml",
                  "commentsExtensible+xml", "people+xml")
# The parts whose text can hold tags (and tracked changes, comment marks).
_TEXT_TYPES = ("document.main+xml", "header+xml", "footer+xml", "footnotes+xml",
               "endnotes+xml")
_REVISION_MARKS = (b"<w:ins ", b"<w:del ", b"<w:moveFrom", b"<w:moveTo", b"PrChange",
                   b"<w:cellIns", b"<w:cellDel", b"<w:ins>", b"<w:del>", b"<w:cellMerge")
_COMMENT_MARKS = (b"commentRangeStart", b"commentRangeEnd", b"commentReference")
_SAVE_AS_DOCX = ("Buka templat itu di Word, pilih File > Save As, jenis berkas 'Word Document "
                 "(*.docx)', simpan dengan nama yang sama, lalu jalankan lagi.")


class TemplateRefused(Exception):
    """The file cannot be used as a Word template; the message (without the template's name,
    which the caller adds) says what it is and what to do."""


@dataclass(frozen=True)
class TemplateFile:
    data: bytes  # a .docx package docxtpl can render
    notes: tuple[str, ...] = ()  # what was done to it, for the user (naming the template)


def open_template(path: Path, data: bytes | None = None) -> TemplateFile:
    """The template at `path` (or its bytes `data`) ready to render; TemplateRefused when it
    is not a Word document (see the module docstring)."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            from zidoc.fs.files import os_reason

            raise TemplateRefused(f"Berkasnya tidak dapat dibaca ({os_reason(exc)}).") from None
    if not data:
        raise TemplateRefused(
            "Berkasnya kosong (0 byte): mungkin baru tempat penampung dari OneDrive atau Google "
            "Drive yang belum diunduh, atau penyimpanannya terputus. Buka folder templat, "
            "pastikan berkasnya sudah diunduh (klik kanan > 'Always keep on this device' / "
            "'Selalu simpan di perangkat ini'), atau salin lagi templat bawaan dengan 'zidoc "
            "init' di folder baru.")
    if data.startswith(OLE_MAGIC):
        raise TemplateRefused(_ole_kind(data))
    if not data.startswith(b"PK"):
        raise TemplateRefused("Berkasnya bukan dokumen Word (.docx). " + _SAVE_AS_DOCX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _from_package(archive, data)
    except TemplateRefused:
        raise
    except Exception:  # noqa: BLE001 - a damaged package, whatever the library says
        raise TemplateRefused("Berkasnya rusak atau terpotong (arsip .docx tidak utuh). "
                              + _SAVE_AS_DOCX) from None


def _ole_kind(data: bytes) -> str:
    """What an OLE2 compound file holds: an encrypted Office document keeps its package in an
    'EncryptedPackage' stream; Word 97-2003 keeps its text in 'WordDocument'."""
    names = data  # the directory can be anywhere in the file; templates are small
    if "EncryptedPackage".encode("utf-16-le") in names or \
            "EncryptionInfo".encode("utf-16-le") in names:
        return ("Berkasnya dilindungi kata sandi (terenkripsi), jadi isinya tidak dapat dibaca. "
                "Buka di Word, pilih File > Info > Protect Document > Encrypt with Password, "
                "hapus kata sandinya, simpan, lalu jalankan lagi.")
    if "WordDocument".encode("utf-16-le") in names:
        return ("Berkasnya berformat Word 97-2003 (.doc) yang diganti namanya menjadi .docx. "
                + _SAVE_AS_DOCX)
    return "Berkasnya berformat Office lama, bukan dokumen Word (.docx). " + _SAVE_AS_DOCX


def _parse(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def _serialize(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _target(source_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def _from_package(archive: zipfile.ZipFile, data: bytes) -> TemplateFile:
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names:
        raise TemplateRefused("Berkasnya bukan dokumen Word (.docx): isinya arsip zip lain. "
                              + _SAVE_AS_DOCX)
    types_root = _parse(archive.read("[Content_Types].xml"))
    overrides = {e.get("PartName", "").lstrip("/"): e for e in types_root
                 if e.tag == f"{{{CT_NS}}}Override"}
    defaults = {e.get("Extension", "").lower(): e.get("ContentType", "") for e in types_root
                if e.tag == f"{{{CT_NS}}}Default"}

    def content_type(part: str) -> str:
        if part in overrides:
            return overrides[part].get("ContentType", "")
        return defaults.get(posixpath.splitext(part)[1].lstrip(".").lower(), "")

    main = next((p for p, e in overrides.items()
                 if e.get("ContentType") == DOCUMENT or e.get("ContentType") in AS_DOCUMENT),
                None)
    if main is None or main not in names:
        if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
            raise TemplateRefused("Berkasnya berformat OpenDocument (.odt), bukan .docx. Buka di "
                                  "LibreOffice lalu simpan sebagai 'Word 2007-365 (.docx)'.")
        if "xl/workbook.xml" in names:
            raise TemplateRefused("Berkasnya workbook Excel yang diganti namanya, bukan dokumen "
                                  "Word. Pakai templat .docx bawaan ('zidoc init' di folder baru).")
        raise TemplateRefused("Berkasnya bukan dokumen Word (.docx). " + _SAVE_AS_DOCX)
    head = archive.read(main)[:4096]
    package_rels = archive.read("_rels/.rels")[:4096] if "_rels/.rels" in names else b""
    if STRICT_NS in head or STRICT_NS in package_rels:
        raise TemplateRefused(
            "Berkasnya disimpan sebagai 'Strict Open XML Document', yang tidak dapat dipakai "
            "sebagai templat. " + _SAVE_AS_DOCX)

    changed: dict[str, bytes | None] = {}  # part -> new bytes (None: left out)
    notes: list[str] = []
    main_type = overrides[main].get("ContentType")
    if main_type in AS_DOCUMENT:
        overrides[main].set("ContentType", DOCUMENT)
        changed["[Content_Types].xml"] = b""  # rewritten below
        macro_parts = [p for p in names if any(t in content_type(p) for t in _MACRO_TYPES)]
        for part in macro_parts:
            changed[part] = None
        if macro_parts:
            notes.append(f"templat ini sebenarnya {AS_DOCUMENT[main_type]}; makronya tidak "
                         "dipakai (dokumen yang disusun selalu .docx tanpa makro).")

    text_parts = [p for p in names if any(content_type(p).endswith(t) for t in _TEXT_TYPES)]
    revised = commented = False
    for part in sorted(text_parts):
        raw = archive.read(part)
        has_revisions = any(m in raw for m in _REVISION_MARKS)
        has_comments = any(m in raw for m in _COMMENT_MARKS)
        if not (has_revisions or has_comments):
            continue
        root = _parse(raw)
        if has_revisions and accept_revisions(root):
            revised = True
        if has_comments and drop_comment_marks(root):
            commented = True
        changed[part] = _serialize(root)
    comment_parts = [p for p in names if any(content_type(p).endswith(t)
                                             for t in _COMMENT_TYPES)]
    for part in comment_parts:
        changed[part] = None
        commented = True
    if "word/settings.xml" in names and b"trackRevisions" in archive.read("word/settings.xml"):
        settings = _parse(archive.read("word/settings.xml"))
        for element in settings.findall(f"{{{W_NS}}}trackRevisions"):
            settings.remove(element)
        changed["word/settings.xml"] = _serialize(settings)
    if revised:
        notes.append("templat ini berisi perubahan terlacak (Track Changes); dokumen disusun "
                     "seolah semua perubahan diterima. Di Word: Review > Accept > Accept All "
                     "Changes, lalu simpan templatnya.")
    if commented:
        notes.append("templat ini berisi komentar; komentarnya tidak ikut ke dokumen. Di "
                     "Word: Review > Delete > Delete All Comments in Document, lalu simpan.")
    if not changed:
        return TemplateFile(data)
    return TemplateFile(_repackage(archive, names, changed, types_root, overrides), tuple(notes))


def _repackage(archive: zipfile.ZipFile, names: set[str], changed: dict[str, bytes | None],
               types_root, overrides: dict) -> bytes:
    """The package with `changed` parts (None: left out, with the relationships to them and
    their content types)."""
    from lxml import etree

    gone = {p for p, v in changed.items() if v is None}
    for part in gone:
        if part in overrides:
            types_root.remove(overrides[part])
    changed["[Content_Types].xml"] = _serialize(types_root)
    if gone:
        for rels in (n for n in names if n.endswith(".rels") and n not in gone):
            folder = posixpath.dirname(posixpath.dirname(rels))
            source = posixpath.join(folder, posixpath.basename(rels)[: -len(".rels")])
            root = _parse(changed.get(rels) or archive.read(rels))
            dropped = False
            for rel in list(root):
                if rel.get("TargetMode") == "External":
                    continue
                if _target(source, rel.get("Target", "")) in gone:
                    root.remove(rel)
                    dropped = True
            if dropped:
                changed[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                               standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for info in archive.infolist():
            if info.filename in gone:
                continue
            data = changed.get(info.filename)
            package.writestr(info.filename, archive.read(info) if data is None else data)
    return out.getvalue()


# --- tracked changes and comments ------------------------------------------------------------

def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


_DROPPED_WITH_CONTENT = {_w("del"), _w("moveFrom")}
_UNWRAPPED = {_w("ins"), _w("moveTo")}
_MARKERS = {_w(n) for n in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                            "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd",
                            "customXmlDelRangeStart", "customXmlDelRangeEnd",
                            "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
                            "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd",
                            "cellIns", "cellMerge")}
_CHANGES = {_w(n) for n in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                            "tblPrExChange", "trPrChange", "tcPrChange", "tblGridChange",
                            "numberingChange")}


def _unwrap(element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def accept_revisions(root) -> bool:
    """Accept every tracked change in a part's XML tree, as Word's 'Accept All Changes' does.
    True when there was one."""
    found = False
    # Formatting changes: the new formatting stays, the record of the old goes.
    for element in [e for e in root.iter() if e.tag in _CHANGES or e.tag in _MARKERS]:
        element.getparent().remove(element)
        found = True
    # Rows and cells deleted, paragraph marks deleted or inserted (markers in trPr, rPr).
    for element in list(root.iter(_w("del"), _w("ins"), _w("moveFrom"), _w("moveTo"),
                                  _w("cellDel"))):
        parent = element.getparent()
        if parent is None:
            continue
        if parent.tag == _w("trPr"):
            found = True
            row = parent.getparent()
            if element.tag == _w("del") and row.getparent() is not None:
                row.getparent().remove(row)
            else:
                parent.remove(element)
        elif element.tag == _w("cellDel"):
            found = True
            cell = parent.getparent()  # tcPr -> tc
            if cell is not None and cell.getparent() is not None:
                cell.getparent().remove(cell)
        elif parent.tag == _w("rPr"):  # a paragraph mark's (or a numbering) revision
            found = True
            parent.remove(element)
            if element.tag in _DROPPED_WITH_CONTENT and parent.getparent() is not None \
                    and parent.getparent().tag == _w("pPr"):
                paragraph = parent.getparent().getparent()
                paragraph.set(_JOIN, "1")
    # Text deleted and inserted (and moved): gone, and kept as ordinary text.
    for element in list(root.iter(*_DROPPED_WITH_CONTENT)):
        if element.getparent() is not None:
            element.getparent().remove(element)
            found = True
    for element in list(root.iter(*_UNWRAPPED)):
        if element.getparent() is not None:
            _unwrap(element)
            found = True
    # A paragraph whose mark was deleted joins the next one, which keeps its own properties
    # (the mark holds them). Backwards, so that a run of such paragraphs joins in one.
    for paragraph in reversed([p for p in root.iter(_w("p")) if p.get(_JOIN)]):
        del paragraph.attrib[_JOIN]
        following = paragraph.getnext()
        if following is None or following.tag != _w("p"):
            continue
        content = [c for c in paragraph if c.tag != _w("pPr")]
        properties = following.find(_w("pPr"))
        at = 0 if properties is None else following.index(properties) + 1
        for offset, child in enumerate(content):
            following.insert(at + offset, child)
        moved_break = paragraph.find(f"{_w('pPr')}/{_w('sectPr')}")
        if moved_break is not None and (properties is None or
                                        properties.find(_w("sectPr")) is None):
            # A section break stays where it was: at the end of the joined paragraph.
            if properties is None:
                properties = following.makeelement(_w("pPr"), {})
                following.insert(0, properties)
            properties.append(moved_break)
        paragraph.getparent().remove(paragraph)
    return found


_JOIN = "{urn:zidoc}join"


def drop_comment_marks(root) -> bool:
    """Remove comment anchors and references (the comments themselves are another part).
    True when there was one."""
    found = False
    for element in list(root.iter(_w("commentRangeStart"), _w("commentRangeEnd"))):
        element.getparent().remove(element)
        found = True
    for reference in list(root.iter(_w("commentReference"))):
        run = reference.getparent()
        run.remove(reference)
        found = True
        if run.tag == _w("r") and all(c.tag == _w("rPr") for c in run):
            if run.getparent() is not None:
                run.getparent().remove(run)
    return found


# --- tags typed with autocorrect ----------------------------------------------------------

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_QUOTES = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
           "\u00bb": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'",
           "\u201b": "'", "\u2032": "'"}
# Outside quoted text: what Word's autocorrect or a keyboard makes of a minus and a space.
_OUTSIDE = {"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ",
            "\u2007": " ", "\u2009": " ", "\u200b": "", "\u00ad": "", "\ufeff": ""}
_ENTITIES = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")


def plain_tags(xml: str) -> str:
    """Every {{ }} and {% %} tag of a prepared part (docxtpl's patch_xml has already joined
    its runs) as typed without autocorrect: curly quotes straight, and outside quoted text
    en and em dashes as a minus, non-breaking and thin spaces as spaces, invisible
    characters gone. Text outside the tags is never touched."""
    return _TAG.sub(_plain_tag, xml)


def _plain_tag(match: re.Match) -> str:
    tag = _ENTITIES.sub(lambda m: chr(int(m[1][1:], 16) if m[1][0] == "x" else int(m[1])),
                        match[0]) if "&#" in match[0] else match[0]
    if not any(ch in _QUOTES or ch in _OUTSIDE for ch in tag):
        return match[0]
    out = []
    quote = None
    for ch in tag:
        ch = _QUOTES.get(ch, ch)
        if quote is None:
            if ch in "\"'":
                quote = ch
            else:
                ch = _OUTSIDE.get(ch, ch)
        elif ch == quote:
            quote = None
        out.append(ch)
    return "".join(out)
