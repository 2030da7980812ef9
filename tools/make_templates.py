"""Build the Word templates in templates/docx/ from code (run once; staff then edit in Word).

    python tools/make_templates.py

The templates use real Word styles (Title, Heading 1/2, Caption, Butir, Table Grid), real Word
numbering for every lettered or numbered list, a repeated table header, cantSplit rows and a
page-number footer, Indonesian (id-ID) as the language, and no leftovers of python-docx's default
template (stylesWithEffects, thumbnail, its properties). Jinja tags are written whole into single
runs so Word-side edits do not split them; no section break sits in a paragraph a tag removes.

Reusable helpers for a new template or a new block (keep using them, so every document looks and
validates the same):
  base_document(landscape=False)      page, styles, language, page-number footer
  finish_package(doc, title, subject) properties (title/subject may hold {{ tags }}), no leftovers
  para(...), tag(...)                 a paragraph; a paragraph holding only a {%p ... %} tag
  numbered(paragraph, LIST, level)    real Word numbering; LISTS holds AREA, MENIMBANG, MENGINGAT,
                                      RINCIAN (a new list: a NumberedList with its own num_id,
                                      added to LISTS)
  table(...), add_row(...), tag_row(...), merged_row(...), full_width(t), cell_margins(t, mm)
                                      tables with a repeated header row and rows that never split
  set_table_property(t, el), no_borders(t)  table properties in the schema's order
  caption(doc, text)                  a table or figure caption (Caption style)
  outline_level(style_or_paragraph, n)  shown in Word's navigation pane
  signature_block(...)                the Laporan's signer (right half, kept with what precedes)
  keputusan_signature(...), lampiran_section(...), lampiran_signature(...)  the Keputusan frame
  new_section(doc, landscape)         a section break, in the section's last plain paragraph"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import NamedTuple

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from zidoc.documents.render import clean_package

LANGUAGE = "id-ID"

OUT = Path(__file__).resolve().parent.parent / "templates" / "docx"
# Fixed, so that the committed templates equal the generator's output; the build sets the
# documents' own dates.
CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
FONT = "Arial"
BLACK = RGBColor(0, 0, 0)


# --- styles ---------------------------------------------------------------------------------
def _plain_font(style, size: float, bold: bool | None = None, italic: bool | None = None) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.font.size = Pt(size)
    style.font.color.rgb = BLACK
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic


def _no_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def base_document(landscape: bool = False, lists: tuple | None = None) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.footer_distance = Mm(10)
    if landscape:
        set_landscape(section)

    styles = doc.styles
    normal = styles["Normal"]
    _plain_font(normal, 12)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = True

    title = styles["Title"]
    _plain_font(title, 13, bold=True)
    _no_border(title)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    title.element.get_or_add_rPr()
    for tag in ("w:spacing", "w:kern"):
        for el in title.element.rPr.findall(qn(tag)):
            title.element.rPr.remove(el)

    # Distinct levels: Heading 1 larger and in capitals, Heading 2 bold, Heading 3 bold italic.
    for name, size, before, italic, caps in (("Heading 1", 13, 18, False, True),
                                             ("Heading 2", 12, 10, False, False),
                                             ("Heading 3", 12, 8, True, False)):
        style = styles[name]
        _plain_font(style, size, bold=True, italic=italic)
        style.font.all_caps = caps
        pf = style.paragraph_format
        pf.space_before, pf.space_after = Pt(before), Pt(6 if caps else 4)
        pf.keep_with_next = True
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT

    butir = styles.add_style("Butir", WD_STYLE_TYPE.PARAGRAPH)
    butir.base_style = normal
    butir.paragraph_format.left_indent = Mm(7)
    butir.paragraph_format.first_line_indent = Mm(-7)
    butir.paragraph_format.tab_stops.add_tab_stop(Mm(7))

    lanjutan = styles.add_style("Butir Lanjutan", WD_STYLE_TYPE.PARAGRAPH)
    lanjutan.base_style = normal
    lanjutan.paragraph_format.left_indent = Mm(7)

    tabel = styles.add_style("Isi Tabel", WD_STYLE_TYPE.PARAGRAPH)
    tabel.base_style = normal
    _plain_font(tabel, 10)
    tabel.paragraph_format.space_after = Pt(0)
    tabel.paragraph_format.line_spacing = 1.0
    tabel.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    caption = styles["Caption"]
    _plain_font(caption, 11, bold=True, italic=False)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(6)

    set_language(doc)
    add_numbering(doc, LISTS if lists is None else lists)
    add_page_number_footer(section)
    return doc


# --- language, properties, package ----------------------------------------------------------
def set_language(doc, language: str = LANGUAGE) -> None:
    """Indonesian for the document defaults and every style that names a language, so Word
    spell-checks the text as Indonesian."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for lang in list(styles.iter(qn("w:lang"))):
        lang.getparent().remove(lang)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)  # last child of CT_RPr in schema order among those present here
    settings = doc.settings.element
    for name in ("w:savePreviewPicture", "w:proofState"):
        for el in settings.findall(qn(name)):
            settings.remove(el)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


def trim_table_styles(doc) -> None:
    """Drop the table styles the template does not use (python-docx's default template
    defines about a hundred, 330 kB of styles.xml that every build parses and writes again).
    Word still offers all of them: its built-in styles come back when staff pick one."""
    used = {el.get(qn("w:val")) for el in doc.element.body.iter(qn("w:tblStyle"))}
    keep = used | {"TableNormal", "TableGrid"}
    styles = doc.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in keep:
            styles.remove(style)


def finish_package(doc, title: str, subject: str) -> None:
    """Properties and package of a template: title and subject (they may hold {{ tags }}, the
    build fills them), no python-docx leftovers (stylesWithEffects out of step with styles.xml,
    a blank thumbnail, its comment and dates), no unused table styles."""
    trim_table_styles(doc)
    props = doc.core_properties
    props.title, props.subject = title, subject
    props.author = "{{ nama_satker }}"
    props.last_modified_by = "zidoc"
    props.comments = props.keywords = props.category = ""
    props.revision = 1
    props.created = props.modified = CREATED.replace(tzinfo=None)
    clean_package(doc, "zidoc")


# --- numbering --------------------------------------------------------------------------------
class Level(NamedTuple):
    fmt: str  # w:numFmt: decimal, lowerLetter, none
    text: str  # w:lvlText: "%1.", "%2."
    indent_mm: float  # left indent of the text
    hanging_mm: float  # the number hangs this far to the left of the text


class NumberedList(NamedTuple):
    num_id: int
    name: str
    levels: tuple[Level, ...]


# Each list: its own w:abstractNum and w:num. A level-1 item restarts at a. after each level-0
# item (Word's own rule), so a list restarts "in each area / each diktum" without typed labels.
AREA = NumberedList(101, "zidoc Area dan Butir", (
    Level("decimal", "%1.", 7, 7), Level("lowerLetter", "%2.", 7, 7)))
MENIMBANG = NumberedList(102, "zidoc Menimbang", (Level("lowerLetter", "%1.", 10, 10),))
MENGINGAT = NumberedList(103, "zidoc Mengingat", (Level("decimal", "%1.", 10, 10),))
RINCIAN = NumberedList(104, "zidoc Diktum dan Rincian", (
    Level("none", "", 0, 0), Level("lowerLetter", "%2.", 7, 7)))
# A dash list (the monitoring report's late actions without a note): Enter in Word continues it.
TANDA = NumberedList(105, "zidoc Tanda Hubung", (Level("bullet", "-", 12, 5),))
LISTS = (AREA, MENIMBANG, MENGINGAT, RINCIAN, TANDA)
# A meeting's pack: each list its own numbering, so that each starts at 1.
ACARA = NumberedList(106, "zidoc Acara Rapat", (Level("decimal", "%1.", 7, 7),))
YTH = NumberedList(107, "zidoc Yang Diundang", (Level("decimal", "%1.", 7, 7),))
PEMBAHASAN = NumberedList(108, "zidoc Pembahasan", (Level("decimal", "%1.", 7, 7),))
KESIMPULAN = NumberedList(109, "zidoc Kesimpulan", (Level("decimal", "%1.", 7, 7),))
TINDAK_LANJUT = NumberedList(110, "zidoc Tindak Lanjut", (Level("decimal", "%1.", 7, 7),))
RAPAT_LISTS = (ACARA, YTH, PEMBAHASAN, KESIMPULAN, TINDAK_LANJUT)


def _twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))


def _el(tag: str, parent=None, **attrs):
    node = OxmlElement(tag)
    for name, value in attrs.items():
        node.set(qn(f"w:{name}"), value)
    if parent is not None:
        parent.append(node)
    return node


def add_numbering(doc, lists: tuple[NumberedList, ...] = LISTS) -> None:
    """The lists' definitions in numbering.xml (abstractNum before num, as the schema wants)."""
    numbering = doc.part.numbering_part.element
    abstracts = numbering.findall(qn("w:abstractNum"))
    anchor = abstracts[-1] if abstracts else None
    for lst in lists:
        abstract = _el("w:abstractNum", abstractNumId=str(lst.num_id))
        _el("w:nsid", abstract, val=f"{0x5A1D0000 + lst.num_id:08X}")
        _el("w:multiLevelType", abstract,
            val="multilevel" if len(lst.levels) > 1 else "singleLevel")
        _el("w:name", abstract, val=lst.name)
        for n, level in enumerate(lst.levels):
            lvl = _el("w:lvl", abstract, ilvl=str(n))
            _el("w:start", lvl, val="1")
            _el("w:numFmt", lvl, val=level.fmt)
            _el("w:suff", lvl, val="tab" if level.fmt != "none" else "nothing")
            _el("w:lvlText", lvl, val=level.text)
            _el("w:lvlJc", lvl, val="left")
            ppr = _el("w:pPr", lvl)
            if level.hanging_mm:
                tabs = _el("w:tabs", ppr)
                _el("w:tab", tabs, val="num", pos=_twips(level.indent_mm))
            _el("w:ind", ppr, left=_twips(level.indent_mm), hanging=_twips(level.hanging_mm))
            rpr = _el("w:rPr", lvl)  # the number in the paragraph's font, never bold
            _el("w:b", rpr, val="0")
        if anchor is None:
            numbering.insert(0, abstract)
        else:
            anchor.addnext(abstract)
        anchor = abstract
        num = _el("w:num", numId=str(lst.num_id))
        _el("w:abstractNumId", num, val=str(lst.num_id))
        cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            numbering.append(num)


def numbered(paragraph, lst: NumberedList, level: int = 0):
    """Make `paragraph` an item of `lst` at `level` (w:numPr): Enter in Word continues it."""
    paragraph.paragraph_format.left_indent = None
    paragraph.paragraph_format.first_line_indent = None
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = lst.num_id
    return paragraph


def outline_level(style_or_paragraph, level: int) -> None:
    """Word's outline level (navigation pane, table of contents) for a style or a paragraph."""
    element = getattr(style_or_paragraph, "element", None)
    if element is None:
        element = style_or_paragraph._p
    ppr = element.get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level))
    # CT_PPrBase order: ... jc, textDirection, textAlignment, textboxTightWrap, outlineLvl,
    # divId, cnfStyle, rPr, sectPr, pPrChange
    successor = next((c for c in ppr if c.tag in {qn("w:divId"), qn("w:cnfStyle"), qn("w:rPr"),
                                                  qn("w:sectPr"), qn("w:pPrChange")}), None)
    if successor is not None:
        successor.addprevious(el)
    else:
        ppr.append(el)


def set_landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    if section.page_width < section.page_height:
        section.page_width, section.page_height = section.page_height, section.page_width


def _field(paragraph, instr: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "18")  # 9 pt, like the words around it
    props.append(size)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def add_page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Halaman ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" dari ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(9)


# --- paragraphs and tables ------------------------------------------------------------------
def para(doc_or_cell, text: str = "", style: str | None = None, bold: bool = False,
         align=None, keep_next: bool = False, space_before: float | None = None):
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold or None
    if align is not None:
        p.alignment = align
    if keep_next:
        p.paragraph_format.keep_with_next = True
    if space_before is not None:
        p.paragraph_format.space_before = Pt(space_before)
    return p


def caption(doc, text: str):
    """A table or figure caption ("Tabel 1. ...", "Gambar 1. ..."): Word's Caption style."""
    return para(doc, text, style="Caption")


def tag(doc, text: str):
    """A paragraph holding only a {%p ... %} tag (docxtpl removes the paragraph)."""
    return doc.add_paragraph(text)


def _cell_props(cell, shade: str | None = None, width_mm: float | None = None) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    if shade:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), shade)
        tcpr.append(shd)
    if width_mm is not None:
        cell.width = Mm(width_mm)


def set_cell(cell, text: str, bold: bool = False, align=None, shade: str | None = None,
             style: str = "Isi Tabel") -> None:
    cell.paragraphs[0].style = style
    if text:
        run = cell.paragraphs[0].add_run(text)
        run.bold = bold or None
    if align is not None:
        cell.paragraphs[0].alignment = align
    _cell_props(cell, shade)


def _row_flag(row, name: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(name)
    trpr.append(el)


def table(doc, widths_mm: list[float], header: list[str] | None = None, style: str = "Table Grid",
          header_rows: int = 1):
    t = doc.add_table(rows=0, cols=len(widths_mm))
    t.style = doc.styles[style] if style else None
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for column, width in zip(t.columns, widths_mm):
        column.width = Mm(width)  # the grid: LibreOffice and Word lay out from it
    if header:
        row = add_row(t, widths_mm, header, bold=True, shade="D9E2F3",
                      align=WD_ALIGN_PARAGRAPH.CENTER)
        _row_flag(row, "w:tblHeader")
    return t


def add_row(t, widths_mm, texts, bold=False, shade=None, align=None, aligns=None):
    row = t.add_row()
    _row_flag(row, "w:cantSplit")
    for n, (cell, text) in enumerate(zip(row.cells, texts)):
        cell.width = Mm(widths_mm[n])
        set_cell(cell, text, bold=bold, shade=shade,
                 align=(aligns[n] if aligns else align))
    return row


def tag_row(t, widths_mm, text: str):
    """A row whose first cell holds only a {%tr ... %} tag (docxtpl removes the row)."""
    return add_row(t, widths_mm, [text] + [""] * (len(widths_mm) - 1))


# CT_TblPr children in ECMA-376 order: Word reports "unreadable content" for any other order.
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")


def set_table_property(t, element) -> None:
    """Put `element` into the table's w:tblPr at its schema position (replacing one of its
    kind)."""
    tblpr = t._tbl.tblPr
    name = element.tag.split("}")[1]
    for old in tblpr.findall(element.tag):
        tblpr.remove(old)
    rank = TBLPR_ORDER.index(name)
    for child in tblpr:
        child_name = child.tag.split("}")[1]
        if child_name in TBLPR_ORDER and TBLPR_ORDER.index(child_name) > rank:
            child.addprevious(element)
            return
    tblpr.append(element)


def no_borders(t) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    set_table_property(t, borders)


def signature_block(doc, lines_before: list[str], name: str, extra_after: list[str] = ()) -> None:
    """Right-hand signature block in a borderless table that never splits across pages."""
    widths = [50, 115]  # wide enough for a title such as "Ketua Komisi ... Kota Bengkulu,"
    t = table(doc, widths, style=None)
    no_borders(t)
    row = t.add_row()
    _row_flag(row, "w:cantSplit")
    row.cells[0].width, row.cells[1].width = Mm(widths[0]), Mm(widths[1])
    cell = row.cells[1]
    first = True
    for text in lines_before:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.add_run(text)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = True
    p = cell.add_paragraph()
    p.add_run(name).bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(60)  # room for the signature and stamp
    p.paragraph_format.space_after = Pt(0)
    for text in extra_after:
        q = cell.add_paragraph(text)
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER


R = WD_ALIGN_PARAGRAPH.RIGHT
C = WD_ALIGN_PARAGRAPH.CENTER
L = WD_ALIGN_PARAGRAPH.LEFT


# --- the Laporan ----------------------------------------------------------------------------
def laporan() -> Document:
    doc = base_document()
    para(doc, "LAPORAN PELAKSANAAN ZONA INTEGRITAS DI {{ singkatan_satker_kapital }} "
              "TAHUN {{ tahun }}", style="Title")
    para(doc,
         "{% if dasar_penunjukan %}Berdasarkan {{ dasar_penunjukan }}, {{ singkatan_satker }} "
         "ditunjuk sebagai satuan kerja pembangunan Zona Integritas. {% endif %}"
         "{{ singkatan_satker }} telah melaksanakan pemenuhan bukti dukung sesuai dengan Lembar "
         "Kerja Evaluasi (LKE) Zona Integritas{% if penilai %} yang dinilai oleh {{ penilai }}"
         "{% endif %}. Dari hasil penilaian komponen pengungkit dan komponen hasil, "
         "{{ singkatan_satker }} memperoleh nilai {{ nilai_laporan }}"
         "{% if catatan_nilai %} ({{ catatan_nilai }}){% endif %}"
         "{% if perbandingan %}, {{ perbandingan }}{% endif %}, dengan rincian sebagai berikut:")

    caption(doc, "Tabel 1. Nilai Zona Integritas {{ singkatan_satker }} Tahun {{ tahun }}")
    w = [13, 88, 20, 22, 22]
    t = table(doc, w, ["No", "Komponen / Area Perubahan", "Bobot", "Persen", "Nilai"])
    num = [C, L, R, R, R]
    add_row(t, w, ["A.", "PENGUNGKIT", "{{ bobot_pengungkit }}", "", ""], bold=True,
            shade="F2F2F2", aligns=num)
    tag_row(t, w, "{%tr for a in pengungkit %}")
    add_row(t, w, ["{{ a.no }}.", "{{ a.nama }}", "{{ a.bobot }}", "{{ a.persen }}",
                   "{{ a.nilai }}"], aligns=num)
    tag_row(t, w, "{%tr endfor %}")
    add_row(t, w, ["", "TOTAL PENGUNGKIT", "{{ bobot_pengungkit }}", "{{ persen_pengungkit }}",
                   "{{ nilai_pengungkit }}"], bold=True, aligns=num)
    add_row(t, w, ["B.", "HASIL", "{{ bobot_hasil }}", "", ""], bold=True, shade="F2F2F2",
            aligns=num)
    tag_row(t, w, "{%tr for g in hasil %}")
    add_row(t, w, ["{{ g.no }}.", "{{ g.nama }}", "{{ g.bobot }}", "{{ g.persen }}",
                   "{{ g.nilai }}"], bold=True, aligns=num)
    tag_row(t, w, "{%tr for i in g.indikator %}")
    add_row(t, w, ["", "{{ i.no }}. {{ i.nama }}", "{{ i.bobot }}", "{{ i.persen }}",
                   "{{ i.nilai }}"], aligns=num)
    tag_row(t, w, "{%tr endfor %}")
    tag_row(t, w, "{%tr endfor %}")
    add_row(t, w, ["", "TOTAL HASIL", "{{ bobot_hasil }}", "{{ persen_hasil }}",
                   "{{ nilai_hasil }}"], bold=True, aligns=num)
    add_row(t, w, ["", "NILAI ZONA INTEGRITAS", "{{ bobot_total }}", "", "{{ nilai_akhir }}"], bold=True,
            shade="D9E2F3", aligns=num)

    para(doc, "Pemenuhan Syarat Nilai Predikat WBK dan WBBM", style="Heading 1",
         space_before=18)
    para(doc, "Perbandingan nilai {{ singkatan_satker }} dengan syarat nilai minimal pada "
              "PermenPANRB Nomor 90 Tahun 2021 (Lampiran, Tabel 6):")
    tag(doc, "{%p for p in predikat %}")
    para(doc, "{{ p.judul }}", style="Heading 2")
    w2 = [12, 63, 20, 20, 20, 30]  # "10." in Bookman Old Style fits the No column
    t2 = table(doc, w2, ["No", "Syarat", "Minimal", "Capaian", "Selisih", "Keterangan"])
    tag_row(t2, w2, "{%tr for s in p.syarat %}")
    add_row(t2, w2, ["{{ loop.index }}.", "{{ s.kriteria }}", "{{ s.minimum }}", "{{ s.capaian }}",
                     "{{ s.selisih }}", "{{ s.status }}"], aligns=[C, L, R, R, R, L])
    tag_row(t2, w2, "{%tr endfor %}")
    para(doc, "{{ p.kesimpulan }}", space_before=6)
    tag(doc, "{%p endfor %}")
    para(doc, "Predikat WBBM juga mensyaratkan satuan kerja telah memperoleh predikat WBK; "
              "pemenuhan syarat nilai di atas belum berarti predikat telah diperoleh.")
    para(doc, "Grafik Nilai Area Pengungkit", style="Heading 2")
    para(doc, "{{ grafik }}", align=C, keep_next=True)
    caption(doc, "Gambar 1. Persentase capaian area pengungkit terhadap batas minimal WBK dan WBBM")

    para(doc, "Pelaksanaan Zona Integritas per Area Perubahan", style="Heading 1",
         space_before=18)
    para(doc, "Pelaksanaan Zona Integritas menuju Wilayah Bebas dari Korupsi di {{ nama_satker }} "
              "pada tahun {{ tahun }} dilakukan dengan memenuhi Komponen Pengungkit dan Komponen "
              "Hasil melalui hal-hal sebagai berikut:")
    tag(doc, "{%p for area in areas %}")
    numbered(para(doc, "{{ area.nama }}", style="Heading 2"), AREA, 0)
    tag(doc, "{%p for b in area.butir %}")
    # Word numbers the points (a., b. ... restarting in each area); a letter the workbook gives
    # out of sequence is typed instead.
    tag(doc, "{%p if b.urut %}")
    p = numbered(doc.add_paragraph(style="Butir"), AREA, 1)
    p.add_run("{{ b.judul }}").bold = True
    p.add_run("{% if b.judul %} {% endif %}{{ b.pembuka }}")
    tag(doc, "{%p else %}")
    p = doc.add_paragraph(style="Butir")
    p.add_run("{{ b.butir }}.\t")
    p.add_run("{{ b.judul }}").bold = True
    p.add_run("{% if b.judul %} {% endif %}{{ b.pembuka }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for baris in b.baris %}")
    para(doc, "{{ baris }}", style="Butir Lanjutan")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for kalimat in area.penghargaan %}")
    para(doc, "{{ kalimat }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if area.pemantauan %}")
    para(doc, "{{ area.pemantauan }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if area.survei %}")
    para(doc, "{{ area.survei }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    para(doc, "Demikian laporan ini disampaikan untuk dapat dipergunakan sebagaimana mestinya.",
         space_before=6, keep_next=True).paragraph_format.space_after = Pt(12)
    signature_block(doc, ["{{ tempat }}, {{ tanggal_laporan }}", "{{ penandatangan_jabatan }},"],
                    "{{ penandatangan_nama }}")
    lke_annex(doc)
    bukti_section(doc)
    finish_package(doc, "Laporan Pelaksanaan Zona Integritas {{ singkatan_satker }} Tahun "
                        "{{ tahun }}", "Laporan Pelaksanaan Zona Integritas")
    return doc


def lke_annex(doc) -> None:
    """The Laporan's annex when the LKE is in use (context `lke`, laporan.lke_context):
    "Rincian Penilaian Mandiri (LKE)" and "Titik perbaikan"."""
    tag(doc, "{%p if lke.ada %}")
    heading = para(doc, "Lampiran: Rincian Penilaian Mandiri (LKE)", style="Heading 1")
    heading.paragraph_format.page_break_before = True
    para(doc, "Nilai komponen pengungkit {{ singkatan_satker }} tahun {{ tahun }} dihitung dari "
              "jawaban Lembar Kerja Evaluasi (LKE): nilai indikator adalah rata-rata skor "
              "pertanyaannya dikali bobot, nilai area adalah jumlah nilai pemenuhan dan reform. "
              "{{ lke.sumber }}")
    caption(doc, "Tabel L1. Nilai pemenuhan dan reform per area")
    w = [29, 15, 27, 20, 18, 20, 15, 21]
    num = [L, R, R, R, R, R, R, R]
    t = table(doc, w, ["Area", "Bobot", "Pemenuhan", "%", "Reform", "%", "Nilai", "%"])
    tag_row(t, w, "{%tr for a in lke.areas %}")
    add_row(t, w, ["{{ a.kode }} {{ a.nama }}", "{{ a.bobot }}", "{{ a.pemenuhan }}",
                   "{{ a.persen_pemenuhan }}", "{{ a.reform }}", "{{ a.persen_reform }}",
                   "{{ a.nilai }}", "{{ a.persen }}"], aligns=num)
    tag_row(t, w, "{%tr endfor %}")
    add_row(t, w, ["JUMLAH", "{{ lke.bobot }}", "{{ lke.pemenuhan }}", "", "{{ lke.reform }}",
                   "", "{{ lke.nilai }}", "{{ lke.persen }}"], bold=True, shade="F2F2F2",
            aligns=num)

    tag(doc, "{%p for a in lke.areas %}")
    para(doc, "{{ a.kode }} {{ a.nama }} (bobot {{ a.bobot }}): nilai {{ a.nilai }} "
              "({{ a.persen }})", style="Heading 2")
    w2 = [18, 87, 20, 20, 20]
    t2 = table(doc, w2, ["Kode", "Indikator", "Bobot", "Nilai", "%"])
    tag_row(t2, w2, "{%tr for k in a.komponen %}")
    add_row(t2, w2, ["", "{{ k.judul }}", "{{ k.bobot }}", "{{ k.nilai }}", "{{ k.persen }}"],
            bold=True, shade="F2F2F2", aligns=[L, L, R, R, R])
    tag_row(t2, w2, "{%tr for i in k.indikator %}")
    add_row(t2, w2, ["{{ i.kode }}", "{{ i.nama }}", "{{ i.bobot }}", "{{ i.nilai }}",
                     "{{ i.persen }}"], aligns=[L, L, R, R, R])
    tag_row(t2, w2, "{%tr endfor %}")
    tag_row(t2, w2, "{%tr endfor %}")
    tag(doc, "{%p endfor %}")

    para(doc, "Titik Perbaikan", style="Heading 1", space_before=18)
    para(doc, "Indikator dengan kehilangan nilai terbesar (bobot dikurangi nilai): di sinilah "
              "tambahan nilai paling banyak dapat diperoleh.")
    w3 = [10, 18, 69, 20, 20, 28]
    t3 = table(doc, w3, ["No", "Kode", "Indikator", "Bobot", "Nilai", "Kehilangan"])
    tag_row(t3, w3, "{%tr for r in lke.kerugian %}")
    add_row(t3, w3, ["{{ r.no }}.", "{{ r.kode }}", "{{ r.nama }}", "{{ r.bobot }}",
                     "{{ r.nilai }}", "{{ r.kehilangan }}"], aligns=[C, L, L, R, R, R])
    tag_row(t3, w3, "{%tr endfor %}")
    para(doc, "Kekurangan terhadap Syarat Nilai WBK dan WBBM", style="Heading 2")
    tag(doc, "{%p if lke.kekurangan %}")
    para(doc, "Syarat nilai yang belum terpenuhi dan nilai yang masih kurang:")
    w4 = [20, 58, 22, 22, 43]
    t4 = table(doc, w4, ["Predikat", "Syarat", "Minimal", "Capaian", "Masih kurang"])
    tag_row(t4, w4, "{%tr for s in lke.kekurangan %}")
    add_row(t4, w4, ["{{ s.predikat }}", "{{ s.kriteria }}", "{{ s.minimum }}",
                     "{{ s.capaian }}", "{{ s.kurang }}"], aligns=[L, L, R, R, R])
    tag_row(t4, w4, "{%tr endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "Seluruh syarat nilai WBK dan WBBM telah terpenuhi.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def bukti_section(doc) -> None:
    """After the LKE annex (context `bukti`, laporan.bukti_context): "Kelengkapan Bukti
    Dukung", a row per area and the total, and the sentence on answers without files."""
    tag(doc, "{%p if bukti.ada %}")
    para(doc, "Kelengkapan Bukti Dukung", style="Heading 1", space_before=18)
    para(doc, "Kelengkapan bukti dukung jawaban LKE per area: pertanyaan yang sudah dijawab "
              "dan yang didukung berkas atau tautan (lengkap). {{ bukti.kalimat }}",
         keep_next=True)
    caption(doc, "Tabel L2. Kelengkapan bukti dukung per area")
    w = [52, 24, 22, 22, 27, 26]
    num = [L, R, R, R, R, R]
    t = table(doc, w, ["Area", "Pertanyaan", "Terjawab", "Lengkap", "Belum ada bukti",
                       "Persen lengkap"])
    tag_row(t, w, "{%tr for a in bukti.areas %}")
    add_row(t, w, ["{{ a.kode }} {{ a.nama }}", "{{ a.pertanyaan }}", "{{ a.terjawab }}",
                   "{{ a.lengkap }}", "{{ a.belum_ada_bukti }}", "{{ a.persen }}"], aligns=num)
    tag_row(t, w, "{%tr endfor %}")
    add_row(t, w, ["JUMLAH", "{{ bukti.total.pertanyaan }}", "{{ bukti.total.terjawab }}",
                   "{{ bukti.total.lengkap }}", "{{ bukti.total.belum_ada_bukti }}",
                   "{{ bukti.total.persen }}"], bold=True, shade="F2F2F2", aligns=num)
    tag(doc, "{%p endif %}")


# --- the Keputusan frame (SK Tim, Rencana Aksi) --------------------------------------------
# Portrait text width: 215 - 30 - 20 = 165 mm. Landscape tables fit A4 too: 297 - 20 - 20 = 257.
# The label column fits "Menetapkan" and "KESEBELAS" in Bookman Old Style at 12 pt.
KONSIDERANS = [36, 4, 125]  # label | ":" | numbered text (a. / 1. by Word's numbering)
DIKTUM = [36, 4, 125]  # label | ":" | text, then its numbered butir
LANDSCAPE_WIDTH = 257
SIGNER_WIDTH = 95  # the signer block: wide enough for "KETUA KOMISI PEMILIHAN UMUM" on a line
SIGNER_INDENT = 165 - SIGNER_WIDTH


def keputusan_styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    kepala = styles.add_style("Kepala Keputusan", WD_STYLE_TYPE.PARAGRAPH)
    kepala.base_style = normal
    _plain_font(kepala, 12, bold=True)
    pf = kepala.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf.space_after = Pt(0)
    pf.keep_with_next = True

    isi = styles.add_style("Isi Keputusan", WD_STYLE_TYPE.PARAGRAPH)
    isi.base_style = normal
    isi.paragraph_format.space_after = Pt(4)
    isi.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    rincian = styles.add_style("Rincian Diktum", WD_STYLE_TYPE.PARAGRAPH)
    rincian.base_style = isi
    rincian.paragraph_format.left_indent = Mm(7)
    rincian.paragraph_format.first_line_indent = Mm(-7)
    rincian.paragraph_format.tab_stops.add_tab_stop(Mm(7))

    lampiran = styles.add_style("Kepala Lampiran", WD_STYLE_TYPE.PARAGRAPH)
    lampiran.base_style = normal
    _plain_font(lampiran, 11)
    lampiran.paragraph_format.left_indent = Mm(85)
    lampiran.paragraph_format.space_after = Pt(0)
    lampiran.paragraph_format.line_spacing = 1.0
    lampiran.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    lampiran.paragraph_format.keep_with_next = True

    signature_style(doc)

    judul = styles.add_style("Judul Lampiran", WD_STYLE_TYPE.PARAGRAPH)
    judul.base_style = normal
    _plain_font(judul, 12, bold=True)
    judul.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    judul.paragraph_format.space_before = Pt(18)
    judul.paragraph_format.space_after = Pt(10)
    judul.paragraph_format.keep_with_next = True
    outline_level(judul, 0)  # shown in Word's navigation pane

    kecil = styles.add_style("Isi Tabel Kecil", WD_STYLE_TYPE.PARAGRAPH)
    kecil.base_style = styles["Isi Tabel"]
    _plain_font(kecil, 9)


def signature_style(doc):
    """'Tanda Tangan': the signer block on the right half, kept together and with what
    precedes it (wordfix.keep_signatures finds it by this style)."""
    ttd = doc.styles.add_style("Tanda Tangan", WD_STYLE_TYPE.PARAGRAPH)
    ttd.base_style = doc.styles["Normal"]
    ttd.paragraph_format.left_indent = Mm(SIGNER_INDENT)
    ttd.paragraph_format.space_after = Pt(0)
    ttd.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    ttd.paragraph_format.keep_with_next = True
    ttd.paragraph_format.keep_together = True
    return ttd


def cell_margins(t, mm: float) -> None:
    """Narrow left/right cell margins for a table (dense Lampiran tables)."""
    mar = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(mm * 56.7)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    set_table_property(t, mar)


def _tight(cell, mm: float = 0.2) -> None:
    """Near-zero left/right margins for one cell (month names in a 7 mm column)."""
    mar = OxmlElement("w:tcMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(mm * 56.7)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tcpr = cell._tc.get_or_add_tcPr()
    shd = tcpr.find(qn("w:shd"))
    # Schema order in tcPr: ... shd, noWrap, tcMar, ...
    if shd is not None:
        shd.addnext(mar)
    else:
        tcpr.append(mar)


def merged_row(t, widths_mm, text: str, bold: bool = True, shade: str | None = "F2F2F2",
               style: str = "Isi Tabel", keep_next: bool = True):
    """A row whose cells are merged into one (a group heading inside a table)."""
    row = add_row(t, widths_mm, [""] * len(widths_mm))
    cell = row.cells[0].merge(row.cells[-1])
    set_cell(cell, text, bold=bold, style=style)
    if shade:
        _cell_props(cell, shade)
    cell.paragraphs[0].paragraph_format.keep_with_next = keep_next
    return row


def full_width(t) -> None:
    """Mark a table as 100% of the text width (w:tblW pct); zidoc.documents.wordfix.fit_tables
    scales its columns to the actual page after rendering."""
    tblw = t._tbl.tblPr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        set_table_property(t, tblw)
    tblw.set(qn("w:w"), "5000")
    tblw.set(qn("w:type"), "pct")


def _isi(cell, text: str, style: str = "Isi Keputusan", space_before: float | None = None):
    p = cell.paragraphs[0]
    p.style = style
    if text:
        p.add_run(text)
    if space_before is not None:
        p.paragraph_format.space_before = Pt(space_before)
    return p


def _konsiderans(t, label: str, items: str, lst: NumberedList, space_before: float | None
                 ) -> None:
    """`label` : first item in a fixed row, the others in a {%tr for %} loop; the items are
    numbered by Word (`lst`)."""
    w = KONSIDERANS
    row = add_row(t, w, [""] * 3)
    for cell, text in zip(row.cells, [label, ":", f"{{{{ {items}[0].teks }}}}"]):
        _isi(cell, text, space_before=space_before)
    numbered(row.cells[2].paragraphs[0], lst)
    tag_row(t, w, f"{{%tr for m in {items}[1:] %}}")
    row = add_row(t, w, [""] * 3)
    for cell, text in zip(row.cells, ["", "", "{{ m.teks }}"]):
        _isi(cell, text)
    numbered(row.cells[2].paragraphs[0], lst)
    tag_row(t, w, "{%tr endfor %}")


def _diktum_row(t, w, name: str):
    """label : text, then its lettered butir (a {%p for %} inside the cell)."""
    row = add_row(t, w, [""] * 3)
    _isi(row.cells[0], f"{{{{ {name}.label }}}}")
    _isi(row.cells[1], ":")
    # The diktum text is the list's unnumbered level 0: its butir restart at a. (level 1).
    numbered(_isi(row.cells[2], f"{{{{ {name}.teks }}}}"), RINCIAN, 0)
    row.cells[2].add_paragraph(f"{{%p for b in {name}.butir %}}", style="Isi Keputusan")
    numbered(row.cells[2].add_paragraph("{{ b.teks }}", style="Rincian Diktum"), RINCIAN, 1)
    row.cells[2].add_paragraph("{%p endfor %}", style="Isi Keputusan")
    return row


def keputusan_frame(doc) -> None:
    """Heading, Menimbang, Mengingat, MEMUTUSKAN, Menetapkan, diktum and signature."""
    for text, before in (
        ("KEPUTUSAN {{ penerbit_kapital }}", None),
        ("NOMOR {{ nomor }} TAHUN {{ tahun_keputusan }}", None),
        ("TENTANG", 12),
        ("{{ tentang_kapital }}", None),
        ("DENGAN RAHMAT TUHAN YANG MAHA ESA", 12),
        ("{{ jabatan_kapital }},", 12),
    ):
        p = para(doc, text, style="Kepala Keputusan", space_before=before)
        if before is None and text.startswith("KEPUTUSAN"):
            outline_level(p, 0)  # the decree in Word's navigation pane
    doc.paragraphs[-1].paragraph_format.space_after = Pt(12)

    t = table(doc, KONSIDERANS, style=None)
    no_borders(t)
    full_width(t)
    _konsiderans(t, "Menimbang", "menimbang", MENIMBANG, None)
    _konsiderans(t, "Mengingat", "mengingat", MENGINGAT, 8)

    para(doc, "MEMUTUSKAN:", style="Kepala Keputusan", space_before=12).paragraph_format \
        .space_after = Pt(12)

    w = DIKTUM
    t = table(doc, w, style=None)
    no_borders(t)
    full_width(t)
    row = add_row(t, w, [""] * 3)
    menetapkan = "KEPUTUSAN {{ penerbit_kapital }} TENTANG {{ tentang_kapital }}."
    for cell, text in zip(row.cells, ["Menetapkan", ":", menetapkan]):
        q = _isi(cell, text)
        q.paragraph_format.space_after = Pt(8)
        q.alignment = L  # a capitalised title justified leaves wide gaps
    tag_row(t, w, "{%tr for d in diktum[:-1] %}")
    _diktum_row(t, w, "d")
    tag_row(t, w, "{%tr endfor %}")
    # The last diktum ("... mulai berlaku ...") stays on the page of the signature.
    last = _diktum_row(t, w, "diktum[-1]")
    for cell in last.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True

    keputusan_signature(doc, ["Ditetapkan di {{ tempat }}", "pada tanggal {{ tanggal }}",
                              "{{ jabatan_ttd }}"])


def keputusan_signature(doc, lines: list[str], indent_mm: float | None = None) -> None:
    """The signer on the right half, as chained keep-with-next paragraphs (a table right after
    the diktum table would merge with it in Word)."""
    for n, text in enumerate(lines):
        p = para(doc, text, style="Tanda Tangan", space_before=18 if n == 0 else None)
        if indent_mm is not None:
            p.paragraph_format.left_indent = Mm(indent_mm)
    # The name as typed (degrees such as "Dr." and "M.Si." keep their case), bold.
    p = para(doc, "{{ penandatangan_nama }}", style="Tanda Tangan", bold=True,
             space_before=60)  # room for the signature and stamp
    if indent_mm is not None:
        p.paragraph_format.left_indent = Mm(indent_mm)
    # The last paragraph of a section: a plain paragraph (an inline {% if %}), never a {%p %}
    # tag, into which Word or LibreOffice could move the section break when they save.
    p = para(doc, "{% if penandatangan_nip %}{{ penandatangan_nip }}{% endif %}",
             style="Tanda Tangan")
    p.paragraph_format.keep_with_next = False
    if indent_mm is not None:
        p.paragraph_format.left_indent = Mm(indent_mm)


def lampiran_section(doc, landscape: bool = False):
    """A new section (new page) with the Lampiran heading block and its title."""
    section = new_section(doc, landscape)
    if landscape:
        section.left_margin, section.right_margin = Mm(20), Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(15)
    indent = Mm(LANDSCAPE_WIDTH - 95) if landscape else None
    for text in ("LAMPIRAN", "KEPUTUSAN {{ penerbit_kapital }}",
                 "NOMOR {{ nomor }} TAHUN {{ tahun_keputusan }}", "TENTANG",
                 "{{ tentang_kapital }}", "TANGGAL {{ tanggal }}"):
        p = para(doc, text, style="Kepala Lampiran")
        if indent is not None:
            p.paragraph_format.left_indent = indent
    para(doc, "{{ judul_lampiran_kapital }}", style="Judul Lampiran")
    return section


def lampiran_signature(doc, landscape: bool = False) -> None:
    keputusan_signature(doc, ["{{ jabatan_ttd }}"],
                        LANDSCAPE_WIDTH - SIGNER_WIDTH if landscape else None)


KEPUTUSAN_TITLE = ("Keputusan {{ penerbit }} Nomor {{ nomor }} Tahun {{ tahun_keputusan }} "
                   "tentang {{ tentang }}")


def new_section(doc, landscape: bool = False):
    """A new section on a new page. The break (w:sectPr) goes into the last paragraph of the
    section ending here, as Word itself writes it (no empty paragraph that could spill onto a
    page of its own); that paragraph must be a plain one, never a {%p %} tag that the build
    removes (see keputusan_signature). `zidoc templates check` checks this in edited copies."""
    last = doc.paragraphs[-1]
    if "{%p" in last.text or "{%tr" in last.text:
        raise ValueError(f"a section break would sit in a tag paragraph: {last.text!r}")
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    holder = doc.paragraphs[-1]._p  # python-docx's own empty paragraph holding the break
    sect = holder.pPr.sectPr
    last._p.get_or_add_pPr().append(sect)  # sectPr is the last child of w:pPr but for pPrChange
    holder.getparent().remove(holder)
    if landscape:
        set_landscape(section)
    return section


def keputusan_document() -> Document:
    doc = base_document()
    keputusan_styles(doc)
    keputusan_frame(doc)
    return doc


def sk_tim(kedudukan: str = "Kedudukan dalam Tim",
           subject: str = "SK Tim Pembangunan Zona Integritas") -> Document:
    """The SK Tim; with other words, any Keputusan whose Lampiran lists people
    (keputusan-anggota.docx, for those declared in config.toml)."""
    doc = keputusan_document()
    lampiran_section(doc)
    # NIP: 18 digits and 3 no-break spaces at 10 pt, also in wide fonts (Bookman Old Style).
    # "100." fits the No column and "Penanggung Jawab" the Kedudukan column in Bookman Old Style.
    w = [12, 32, 47, 36, 38]
    t = table(doc, w, ["No", "Nama", "NIP", "Jabatan", kedudukan])
    full_width(t)
    cell_margins(t, 1.2)
    cols = [C, L, L, L, L]
    tag_row(t, w, "{%tr for m in pimpinan %}")
    add_row(t, w, ["{{ m.no }}.", "{{ m.nama }}", "{{ m.nip }}", "{{ m.jabatan }}",
                   "{{ m.kedudukan }}"], aligns=cols)
    tag_row(t, w, "{%tr endfor %}")
    tag_row(t, w, "{%tr for g in kelompok %}")
    merged_row(t, w, "{{ g.judul }}")
    tag_row(t, w, "{%tr for m in g.anggota %}")
    add_row(t, w, ["{{ m.no }}.", "{{ m.nama }}", "{{ m.nip }}", "{{ m.jabatan }}",
                   "{{ m.kedudukan }}"], aligns=cols)
    tag_row(t, w, "{%tr endfor %}")
    tag_row(t, w, "{%tr endfor %}")
    lampiran_signature(doc)
    finish_package(doc, KEPUTUSAN_TITLE, subject)
    return doc


def keputusan_anggota() -> Document:
    return sk_tim("Kedudukan", "Keputusan dengan Lampiran Daftar Anggota")


BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def rencana_aksi() -> Document:
    doc = keputusan_document()
    lampiran_section(doc, landscape=True)
    w = [10, 48, 38, 40, 37] + [7] * 12  # 257 mm
    t = table(doc, w, style="Table Grid")
    t.alignment = WD_TABLE_ALIGNMENT.LEFT  # in line with the note below it on F4 and A4
    full_width(t)  # 257 mm on A4 landscape, widened to 290 mm on F4 after rendering
    cell_margins(t, 0.8)
    kecil = "Isi Tabel Kecil"
    top = add_row(t, w, [""] * len(w))
    bottom = add_row(t, w, [""] * len(w))
    for row in (top, bottom):
        _row_flag(row, "w:tblHeader")
    heads = ["No", "Kegiatan", "Output", "Target/Indikator", "Penanggung Jawab"]
    for n, text in enumerate(heads):
        cell = top.cells[n].merge(bottom.cells[n])
        set_cell(cell, text, bold=True, align=C, shade="D9E2F3", style=kecil)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    months = top.cells[5].merge(top.cells[-1])
    set_cell(months, "Jadwal Pelaksanaan (Bulan)", bold=True, align=C, shade="D9E2F3", style=kecil)
    for n, name in enumerate(BULAN):
        set_cell(bottom.cells[5 + n], name, bold=True, align=C, shade="D9E2F3", style=kecil)
        bottom.cells[5 + n].paragraphs[0].runs[0].font.size = Pt(7)
        _tight(bottom.cells[5 + n])

    tag_row(t, w, "{%tr for g in kelompok %}")
    merged_row(t, w, "{{ g.judul }}", style=kecil)
    tag_row(t, w, "{%tr for a in g.aksi %}")
    row = add_row(t, w, [""] * len(w))
    texts = ["{{ a.no }}.", "{{ a.kegiatan }}", "{{ a.output }}", "{{ a.target }}",
             "{{ a.penanggung_jawab }}"]
    for n, text in enumerate(texts):
        set_cell(row.cells[n], text, style=kecil, align=C if n == 0 else L, bold=n == 3)
    row.cells[3].add_paragraph("{{ a.indikator }}", style=kecil)
    # The workbook's keterangan, as a last line under the activity.
    row.cells[1].add_paragraph("{%p if a.keterangan %}", style=kecil)
    row.cells[1].add_paragraph(style=kecil).add_run("Ket.: {{ a.keterangan }}").italic = True
    row.cells[1].add_paragraph("{%p endif %}", style=kecil)
    for n in range(12):
        # Cells holding the mark are shaded after rendering (zidoc.documents.wordfix.shade_marks).
        set_cell(row.cells[5 + n], f"{{{{ a.tanda[{n}] }}}}", align=C, style=kecil)
        row.cells[5 + n].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    tag_row(t, w, "{%tr endfor %}")
    tag_row(t, w, "{%tr endfor %}")
    para(doc, "Keterangan: kotak berarsir dan bertanda \u25cf = bulan pelaksanaan kegiatan.",
         style=kecil, space_before=4)
    lampiran_signature(doc, landscape=True)
    finish_package(doc, KEPUTUSAN_TITLE, "Rencana Aksi Pembangunan Zona Integritas")
    return doc


# --- the Laporan Monitoring dan Evaluasi Rencana Aksi (one per quarter) ---------------------
def report_closing(doc, text: str) -> None:
    """A report's end: the heading Penutup, its closing paragraph kept with the place, date
    and signer below it."""
    para(doc, "Penutup", style="Heading 1")
    para(doc, text, keep_next=True).paragraph_format.space_after = Pt(12)
    signature_block(doc, ["{{ tempat }}, {{ tanggal }}", "{{ penandatangan_jabatan }},"],
                    "{{ penandatangan_nama }}")


def laporan_monev() -> Document:
    """Portrait like the Laporan; its tables are full width (fitted to F4/A4 after rendering:
    zidoc.documents.monev.finish) with header rows repeated on every page."""
    doc = base_document()
    para(doc, "LAPORAN MONITORING DAN EVALUASI PELAKSANAAN RENCANA AKSI PEMBANGUNAN ZONA "
              "INTEGRITAS {{ nama_satker_kapital }} TRIWULAN {{ triwulan }} TAHUN {{ tahun }}",
         style="Title")
    tag(doc, "{%p if nomor %}")
    para(doc, "Nomor: {{ nomor }}", align=C)
    tag(doc, "{%p endif %}")
    para(doc, "Pendahuluan", style="Heading 1")
    para(doc, "{% if keputusan %}Rencana Aksi Pembangunan Zona Integritas {{ nama_satker }} "
              "Tahun {{ tahun }} telah ditetapkan dengan {{ keputusan }}. {% endif %}"
              "Sesuai dengan Lembar Kerja Evaluasi Zona Integritas, pelaksanaan rencana aksi "
              "dipantau dan dievaluasi secara berkala. Laporan ini menyajikan hasil pemantauan "
              "sampai dengan akhir triwulan {{ triwulan }} tahun {{ tahun }}: dari "
              "{{ jumlah_aksi }} kegiatan, {{ jumlah_dijadwalkan }} kegiatan telah dijadwalkan "
              "sampai dengan triwulan ini, {{ jumlah_selesai }} kegiatan telah selesai dan "
              "{{ jumlah_terlambat }} kegiatan terlambat dari jadwal{% if capaian_ada %}, dengan "
              "capaian rencana aksi {{ capaian_total }}{% else %}; karena belum ada kegiatan "
              "yang dijadwalkan, capaian belum dapat dihitung{% endif %}.")

    para(doc, "Ringkasan Capaian per Area Perubahan", style="Heading 1")
    para(doc, "Tabel 1. Capaian Rencana Aksi per Area sampai dengan Triwulan {{ triwulan }} "
              "Tahun {{ tahun }}", style="Caption")
    # Bookman Old Style: "Terlambat", "s.d. TW III" and "100,00%" (bold) each on one line.
    w = [9, 42, 21, 24, 19, 25, 25]
    t = table(doc, w, ["No", "Area Perubahan", "Jumlah Kegiatan",
                       "Terjadwal s.d. TW {{ triwulan }}", "Selesai", "Terlambat", "Capaian"])
    full_width(t)
    cols = [C, L, C, C, C, C, R]
    tag_row(t, w, "{%tr for r in ringkasan %}")
    add_row(t, w, ["{{ r.no }}.", "{{ r.nama }}", "{{ r.aksi }}", "{{ r.dijadwalkan }}",
                   "{{ r.selesai }}", "{{ r.terlambat }}", "{{ r.capaian }}"], aligns=cols)
    tag_row(t, w, "{%tr endfor %}")
    add_row(t, w, ["", "{{ total.nama }}", "{{ total.aksi }}", "{{ total.dijadwalkan }}",
                   "{{ total.selesai }}", "{{ total.terlambat }}", "{{ total.capaian }}"],
            bold=True, shade="D9E2F3", aligns=cols)
    para(doc, "Target setiap kegiatan sampai dengan suatu triwulan adalah bagian bulan "
              "pelaksanaannya yang sudah lewat; capaian adalah jumlah realisasi (paling tinggi "
              "sebesar targetnya) dibagi jumlah target kegiatan yang sudah dijadwalkan.",
         style="Isi Tabel", space_before=4)
    para(doc, "{{ grafik }}", align=C, keep_next=True, space_before=10)
    # Not kept with the heading below it: the chart then stays on the summary's page.
    para(doc, "Gambar 1. Capaian rencana aksi per area sampai dengan triwulan {{ triwulan }}",
         style="Caption").paragraph_format.keep_with_next = False

    para(doc, "Pelaksanaan Kegiatan per Area Perubahan", style="Heading 1")
    # Bookman Old Style: "100.", "s.d. TW III", "Realisasi" and "Sesuai jadwal" on one line.
    wd = [12, 52, 24, 21, 29, 27]
    tag(doc, "{%p for area in areas %}")
    numbered(para(doc, "{{ area.nama }}", style="Heading 2"), AREA, 0)  # 1., 2. by Word
    t = table(doc, wd, ["No", "Kegiatan", "Target s.d. TW {{ triwulan }}", "Realisasi",
                        "Status", "Bukti Dukung"])
    full_width(t)
    tag_row(t, wd, "{%tr for k in area.kegiatan %}")
    add_row(t, wd, ["{{ k.no }}.", "{{ k.kegiatan }}", "{{ k.target }}", "{{ k.realisasi }}",
                    "{{ k.status }}",
                    "{{ k.bukti_dukung }}"], aligns=[C, L, R, R, L, L])
    tag_row(t, wd, "{%tr endfor %}")
    add_row(t, wd, ["", "Capaian area", "", "", "", "{{ area.capaian }}"], bold=True,
            shade="F2F2F2", aligns=[C, L, R, R, L, R])
    tag(doc, "{%p endfor %}")

    para(doc, "Kendala dan Tindak Lanjut", style="Heading 1")
    tag(doc, "{%p if kendala %}")
    para(doc, "Kendala yang dihadapi dan tindak lanjutnya (kegiatan yang terlambat lebih dulu):")
    wk = [12, 42, 29, 41, 41]
    t = table(doc, wk, ["No", "Kegiatan", "Status", "Kendala", "Tindak Lanjut"])
    full_width(t)
    tag_row(t, wk, "{%tr for k in kendala %}")
    add_row(t, wk, ["{{ k.no }}.", "{{ k.kegiatan }}", "{{ k.status }}", "{{ k.kendala }}",
                    "{{ k.tindak_lanjut }}"], aligns=[C, L, L, L, L])
    tag_row(t, wk, "{%tr endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "Tidak ada kendala yang dicatat sampai dengan triwulan {{ triwulan }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if terlambat_tanpa_catatan %}")
    para(doc, "Kegiatan yang terlambat tanpa catatan kendala, agar dilengkapi pada pemantauan "
              "berikutnya:", space_before=6, keep_next=True)
    tag(doc, "{%p for nama in terlambat_tanpa_catatan %}")
    numbered(para(doc, "{{ nama }}", style="Butir Lanjutan"), TANDA)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    report_closing(doc, "Demikian laporan monitoring dan evaluasi pelaksanaan rencana aksi "
                        "pembangunan Zona Integritas triwulan {{ triwulan }} tahun {{ tahun }} "
                        "ini disusun sebagai bahan evaluasi dan perbaikan pelaksanaan pada "
                        "triwulan berikutnya.")
    finish_package(doc, "Laporan Monitoring dan Evaluasi Rencana Aksi Zona Integritas "
                   "{{ singkatan_satker }} Triwulan {{ triwulan }} Tahun {{ tahun }}",
                   "Monitoring dan Evaluasi Rencana Aksi Zona Integritas")
    return doc


# --- the Laporan Survei Kepuasan Masyarakat (SKM) ---------------------------------------------
def keep_together(t) -> None:
    """A short table on one page: every row's paragraphs kept with the next row (the last
    row ends it)."""
    for row in t.rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def laporan_skm() -> Document:
    """Portrait like the Laporan; full-width tables (fitted to F4/A4 after rendering) with
    header rows repeated on every page."""
    doc = base_document()
    para(doc, "LAPORAN SURVEI KEPUASAN MASYARAKAT {{ nama_satker_kapital }} "
              "{{ periode_kapital }}", style="Title")
    tag(doc, "{%p if nomor %}")
    para(doc, "Nomor: {{ nomor }}", align=C)
    tag(doc, "{%p endif %}")

    para(doc, "Pendahuluan", style="Heading 1")
    para(doc, "Setiap unit penyelenggara pelayanan publik wajib melakukan Survei Kepuasan "
              "Masyarakat secara berkala, paling sedikit satu kali setahun, dan "
              "mempublikasikan hasilnya. Survei ini mengukur kepuasan pengguna layanan "
              "{{ nama_satker }}{% if jenis_layanan %} atas {{ jenis_layanan }}{% endif %} "
              "sebagai bahan perbaikan kualitas pelayanan. Dasar pelaksanaannya:",
         keep_next=True)
    for text in ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
                 "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang "
                 "Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
                 "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor "
                 "14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit "
                 "Penyelenggara Pelayanan Publik."):
        numbered(para(doc, text, style="Butir Lanjutan"), MENGINGAT)

    para(doc, "Metode", style="Heading 1")
    para(doc, "Survei dilaksanakan pada periode {{ periode }}{% if metode %} dengan "
              "{{ metode }}{% endif %}, diikuti oleh {{ responden }} responden{% if "
              "jenis_layanan %} pengguna {{ jenis_layanan }}{% endif %}. Setiap responden "
              "menilai sembilan unsur pelayanan dengan skala 1 sampai 4. Nilai rata-rata (NRR) "
              "setiap unsur adalah jumlah nilai dibagi jumlah responden yang menjawab unsur itu; "
              "NRR tertimbang adalah NRR dikalikan bobot {{ bobot }}; Indeks Kepuasan "
              "Masyarakat (IKM) adalah jumlah NRR tertimbang, lalu dikonversi ke skala 25-100 "
              "dengan dikalikan 25.")
    tag(doc, "{%p if sampel %}")
    para(doc, "{{ sampel }}")
    tag(doc, "{%p endif %}")
    caption(doc, "Tabel 1. Nilai persepsi, interval dan mutu pelayanan")
    wm = [22, 40, 40, 63]
    t = table(doc, wm, ["Mutu", "Nilai Interval (NRR)", "Nilai Interval Konversi",
                        "Kinerja Unit Pelayanan"])
    full_width(t)
    tag_row(t, wm, "{%tr for m in mutu_tabel %}")
    add_row(t, wm, ["{{ m.huruf }}", "{{ m.interval }}", "{{ m.konversi }}", "{{ m.kinerja }}"],
            aligns=[C, C, C, L])
    tag_row(t, wm, "{%tr endfor %}")  # (not kept together: its last row ends in a loop)

    para(doc, "Hasil", style="Heading 1")
    para(doc, "Nilai setiap unsur pelayanan dari {{ responden }} responden:", keep_next=True)
    caption(doc, "Tabel 2. Nilai rata-rata per unsur pelayanan")
    w = [11, 14, 70, 20, 28, 22]
    t = table(doc, w, ["No", "Kode", "Unsur Pelayanan", "NRR", "NRR Tertimbang", "Mutu"])
    full_width(t)
    cols = [C, C, L, R, R, C]
    tag_row(t, w, "{%tr for u in unsur %}")
    add_row(t, w, ["{{ u.no }}.", "{{ u.kode }}", "{{ u.nama }}", "{{ u.nrr }}",
                   "{{ u.nrr_tertimbang }}", "{{ u.mutu }}"], aligns=cols)
    tag_row(t, w, "{%tr endfor %}")
    add_row(t, w, ["", "", "IKM (jumlah NRR tertimbang)", "", "{{ ikm }}", ""], bold=True,
            shade="F2F2F2", aligns=cols)
    add_row(t, w, ["", "", "IKM konversi (IKM x 25) dan mutu pelayanan", "", "{{ konversi }}",
                   "{{ mutu }}"], bold=True, shade="D9E2F3", aligns=cols)
    keep_together(t)
    para(doc, "Indeks Kepuasan Masyarakat {{ nama_satker }} {{ periode }} adalah "
              "{{ konversi }}, dengan mutu pelayanan {{ mutu }} ({{ kinerja }}).",
         space_before=6)
    para(doc, "{{ grafik }}", align=C, keep_next=True, space_before=6)
    para(doc, "Gambar 1. Nilai rata-rata (NRR) per unsur pelayanan",
         style="Caption").paragraph_format.keep_with_next = False

    para(doc, "Profil Responden", style="Heading 2")
    tag(doc, "{%p if profil %}")
    tag(doc, "{%p for p in profil %}")
    caption(doc, "Responden menurut {{ p.judul_kecil }}")
    wp = [95, 35, 35]
    t = table(doc, wp, ["{{ p.judul }}", "Jumlah", "Persentase"])
    full_width(t)
    tag_row(t, wp, "{%tr for r in p.rows %}")
    add_row(t, wp, ["{{ r.label }}", "{{ r.jumlah }}", "{{ r.persen }}"], aligns=[L, R, R])
    tag_row(t, wp, "{%tr endfor %}")
    add_row(t, wp, ["Jumlah", "{{ p.jumlah }}", "100,00%"], bold=True, shade="F2F2F2",
            aligns=[L, R, R])
    keep_together(t)  # a profile table is short: on one page with its caption
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "Berkas jawaban survei tidak memuat kolom profil responden (jenis kelamin, umur, "
              "pendidikan, pekerjaan, jenis layanan).")
    tag(doc, "{%p endif %}")

    para(doc, "Analisis", style="Heading 1")
    para(doc, "Tiga unsur pelayanan dengan NRR terendah menjadi prioritas perbaikan:",
         keep_next=True)
    tag(doc, "{%p for u in terendah %}")
    numbered(para(doc, "{{ u.nama }} ({{ u.kode }}): NRR {{ u.nrr }}, mutu {{ u.mutu }} "
                       "({{ u.kinerja }})", style="Butir Lanjutan"), MENIMBANG)
    tag(doc, "{%p endfor %}")
    para(doc, "Saran dan Masukan Responden", style="Heading 2")
    tag(doc, "{%p if saran %}")
    para(doc, "Saran dan masukan yang diterima, dikelompokkan menurut isinya:", keep_next=True)
    ws = [12, 128, 25]
    t = table(doc, ws, ["No", "Saran dan Masukan", "Jumlah Responden"])
    full_width(t)
    tag_row(t, ws, "{%tr for s in saran %}")
    add_row(t, ws, ["{{ s.no }}.", "{{ s.teks }}", "{{ s.jumlah }}"], aligns=[C, L, C])
    tag_row(t, ws, "{%tr endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "Tidak ada saran atau masukan tertulis dari responden.")
    tag(doc, "{%p endif %}")

    report_closing(doc, "Demikian laporan Survei Kepuasan Masyarakat {{ nama_satker }} "
                        "{{ periode }} ini disusun. Hasilnya dipublikasikan kepada masyarakat "
                        "dan dipakai sebagai bahan perbaikan pelayanan, dengan mendahulukan "
                        "unsur {{ terendah_kode }}.")
    finish_package(doc, "Laporan Survei Kepuasan Masyarakat {{ singkatan_satker }} "
                   "{{ periode }}", "Survei Kepuasan Masyarakat")
    return doc


# --- a meeting's pack: invitation, attendance list, minutes, photographs --------------------
TEXT_WIDTH = 165  # portrait F4 (A4: fitted after rendering, wordfix.fit_tables)
# label | ":" | value (the meeting's day, time, place, agenda): "Area Perubahan" and "Pimpinan
# Rapat" on one line in Bookman Old Style at 12 pt.
HEADING_TABLE = [44, 4, 117]


def rapat_document() -> Document:
    doc = base_document(lists=LISTS + RAPAT_LISTS)
    signature_style(doc)
    return doc


def _drop_footer(doc) -> None:
    """No page-number footer (a one-page letter)."""
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = True


def _cell_text(cell, text: str, align=None, bold: bool = False, style: str | None = None):
    p = cell.paragraphs[0]
    if style:
        p.style = style
    if text:
        p.add_run(text).bold = bold or None
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(2)
    return p


def heading_table(doc, rows: list[tuple[str, str]], widths=HEADING_TABLE, indent_mm: float = 0):
    """label : value rows of a meeting (borderless), then the agenda: a Word-numbered list
    when it has several lines, else its one line. Full width unless indented."""
    w = widths
    t = table(doc, w, style=None)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    no_borders(t)
    if indent_mm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), _twips(indent_mm))
        ind.set(qn("w:type"), "dxa")
        set_table_property(t, ind)
    else:
        full_width(t)
    for label, value in rows:
        if label.startswith("{%tr"):
            tag_row(t, w, label)
            continue
        row = add_row(t, w, [""] * 3)
        for cell, text in zip(row.cells, (label, ":", value)):
            _cell_text(cell, text, align=L, style="Normal")
    row = add_row(t, w, [""] * 3)
    _cell_text(row.cells[0], "Acara", align=L, style="Normal")
    _cell_text(row.cells[1], ":", align=L, style="Normal")
    cell = row.cells[2]
    cell.paragraphs[0].style = "Normal"
    cell.paragraphs[0].add_run("{%p if acara|length > 1 %}")
    p = numbered(cell.add_paragraph("{{ a }}"), ACARA)
    p.paragraph_format.space_after = Pt(2)
    p.alignment = L
    cell.paragraphs[1].insert_paragraph_before("{%p for a in acara %}")
    cell.add_paragraph("{%p endfor %}")
    cell.add_paragraph("{%p else %}")
    q = cell.add_paragraph("{{ acara[0] }}")
    q.alignment = L
    q.paragraph_format.space_after = Pt(2)
    cell.add_paragraph("{%p endif %}")
    return t


def _trheight(row, mm: float) -> None:
    trpr = row._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), _twips(mm))
    height.set(qn("w:hRule"), "atLeast")
    trpr.append(height)


def _cell_borders(cell, **edges: str) -> None:
    """Cell borders (w:tcBorders), in the schema's place: after tcW/gridSpan/vMerge."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        if edge in edges:
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), edges[edge])
            borders.append(el)
    after = {qn("w:shd"), qn("w:noWrap"), qn("w:tcMar"), qn("w:textDirection"),
             qn("w:tcFitText"), qn("w:vAlign"), qn("w:hideMark")}
    successor = next((c for c in tcpr if c.tag in after), None)
    if successor is not None:
        successor.addprevious(borders)
    else:
        tcpr.append(borders)


def undangan() -> Document:
    """The invitation letter (naskah dinas): a simple letterhead staff may replace with their
    own, number and subject, the invitees (named, or in a Lampiran), the meeting, the signer."""
    doc = rapat_document()
    _drop_footer(doc)
    kop = para(doc, "{{ nama_satker_kapital }}", bold=True, align=C)
    kop.runs[0].font.size = Pt(14)
    ppr = kop._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "thickThinSmallGap"), ("sz", "18"), ("space", "4"),
                        ("color", "auto")):
        bottom.set(qn(f"w:{name}"), value)
    border.append(bottom)
    # CT_PPrBase order: ... pBdr before shd, tabs, ... jc: after keepNext/pageBreakBefore.
    jc = ppr.find(qn("w:jc"))
    jc.addprevious(border)
    kop.paragraph_format.space_after = Pt(12)

    para(doc, "{{ tempat }}, {{ tanggal_surat }}", align=R)
    w = [30, 4, 131]  # "Lampiran" on one line in Bookman Old Style
    t = table(doc, w, style=None)
    no_borders(t)
    full_width(t)
    for label, value in (("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"),
                         ("Lampiran", "{{ lampiran }}"), ("Hal", "{{ hal }}")):
        row = add_row(t, w, [""] * 3)
        for cell, text in zip(row.cells, (label, ":", value)):
            _cell_text(cell, text, align=L, style="Normal")

    para(doc, "Yth.", space_before=12).paragraph_format.space_after = Pt(0)
    tag(doc, "{%p if terlampir %}")
    para(doc, "(Daftar terlampir)").paragraph_format.space_after = Pt(0)
    tag(doc, "{%p else %}")
    tag(doc, "{%p for p in yth %}")
    item = numbered(para(doc, "{{ p.nama }}{% if p.jabatan %} ({{ p.jabatan }}){% endif %}"), YTH)
    item.paragraph_format.space_after = Pt(0)
    item.alignment = L
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "di").paragraph_format.space_after = Pt(0)
    tempat = para(doc, "Tempat")
    tempat.paragraph_format.left_indent = Mm(10)

    para(doc, "Dalam rangka {{ acara_judul }}, kami mengundang Bapak/Ibu untuk hadir pada:",
         space_before=12)
    # Indented under the sentence; 10 + 145 mm fits A4's 160 mm text width too.
    t = heading_table(doc, [("hari/tanggal", "{{ hari_tanggal }}"), ("waktu", "{{ waktu }}"),
                            ("tempat", "{{ tempat_rapat }}")], [30, 4, 111], indent_mm=10)
    t.rows[-1].cells[0].paragraphs[0].runs[0].text = "acara"
    para(doc, "Mengingat pentingnya acara tersebut, kami mohon Bapak/Ibu hadir tepat pada "
              "waktunya. Atas perhatian dan kehadiran Bapak/Ibu, kami ucapkan terima kasih.",
         space_before=8, keep_next=True)
    keputusan_signature(doc, ["{{ penandatangan_jabatan }},"])

    tag(doc, "{%p if terlampir %}")
    first = para(doc, "LAMPIRAN", style=None)
    first.paragraph_format.page_break_before = True
    for p_, text in ((first, None), (None, "Surat {{ nama_satker }}"),
                     (None, "Nomor: {{ nomor }}"), (None, "Tanggal: {{ tanggal_surat }}")):
        p_ = p_ or para(doc, text)
        p_.paragraph_format.left_indent = Mm(85)
        p_.paragraph_format.space_after = Pt(0)
        p_.alignment = L
    heading = para(doc, "DAFTAR UNDANGAN", bold=True, align=C, space_before=18)
    heading.paragraph_format.keep_with_next = True
    outline_level(heading, 0)
    wl = [12, 63, 90]
    t = table(doc, wl, ["No", "Nama", "Jabatan"])
    full_width(t)
    tag_row(t, wl, "{%tr for p in undangan %}")
    add_row(t, wl, ["{{ p.no }}.", "{{ p.nama }}", "{{ p.jabatan }}"], aligns=[C, L, L])
    tag_row(t, wl, "{%tr endfor %}")
    tag(doc, "{%p endif %}")
    finish_package(doc, "Undangan {{ acara_judul }} ({{ kode }})", "Undangan Rapat")
    return doc


def daftar_hadir() -> Document:
    """DAFTAR HADIR: the meeting, then No | Nama | Jabatan | Tanda Tangan with the signature
    column staggered (odd numbers on its left half, even on its right), rows at least 10 mm
    high, the header repeated on every page."""
    doc = rapat_document()
    para(doc, "DAFTAR HADIR", style="Title").paragraph_format.space_after = Pt(0)
    para(doc, "{{ acara_judul }}", bold=True, align=C).paragraph_format.space_after = Pt(12)
    heading_table(doc, [("Hari/Tanggal", "{{ hari_tanggal }}"), ("Waktu", "{{ waktu }}"),
                        ("Tempat", "{{ tempat_rapat }}")])
    para(doc, "", space_before=0).paragraph_format.space_after = Pt(6)
    w = [12, 50, 47, 28, 28]
    t = table(doc, w)
    full_width(t)
    header = add_row(t, w, ["No", "Nama", "Jabatan", "Tanda Tangan", ""], bold=True,
                     shade="D9E2F3", align=C)
    _row_flag(header, "w:tblHeader")
    merged = header.cells[3].merge(header.cells[4])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for cell in header.cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    tag_row(t, w, "{%tr for p in peserta %}")
    row = add_row(t, w, ["{{ p.no }}.", "{{ p.nama }}", "{{ p.jabatan }}", "{{ p.kiri }}",
                         "{{ p.kanan }}"], aligns=[C, L, L, L, L])
    _trheight(row, 10)
    for cell in row.cells[:3]:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    # One signature column in two halves: no line between them.
    _cell_borders(row.cells[3], right="nil")
    _cell_borders(row.cells[4], left="nil")
    tag_row(t, w, "{%tr endfor %}")
    finish_package(doc, "Daftar Hadir {{ acara_judul }} ({{ kode }})", "Daftar Hadir Rapat")
    return doc


def notulen() -> Document:
    """NOTULEN RAPAT: the heading table, Pembahasan, Kesimpulan and Tindak Lanjut as
    Word-numbered lists (each left out when empty), the notulis and the chair signing."""
    doc = rapat_document()
    para(doc, "NOTULEN RAPAT", style="Title")
    heading_table(doc, [
        ("Hari/Tanggal", "{{ hari_tanggal }}"), ("Waktu", "{{ waktu }}"),
        ("Tempat", "{{ tempat_rapat }}"),
        ("Pimpinan Rapat",
         "{{ pimpinan }}{% if pimpinan_jabatan %} ({{ pimpinan_jabatan }}){% endif %}"),
        ("Notulis", "{% if notulis %}{{ notulis }}{% else %}-{% endif %}"),
        ("Peserta", "{{ jumlah_peserta }}"),
        ("{%tr if area %}", ""), ("Area Perubahan", "{{ area }}"), ("{%tr endif %}", ""),
    ])
    for title, name, lst in (("Pembahasan", "pembahasan", PEMBAHASAN),
                             ("Kesimpulan", "kesimpulan", KESIMPULAN),
                             ("Tindak Lanjut", "tindak_lanjut", TINDAK_LANJUT)):
        tag(doc, f"{{%p if {name} %}}")
        para(doc, title, style="Heading 2")
        tag(doc, f"{{%p for butir in {name} %}}")
        numbered(para(doc, "{{ butir }}"), lst).paragraph_format.space_after = Pt(3)
        tag(doc, "{%p endfor %}")
        tag(doc, "{%p endif %}")

    last = para(doc, "", space_before=6)
    last.paragraph_format.keep_with_next = True
    # Two rows: who signs (the chair's lines may be longer), then the names on one line.
    w = [TEXT_WIDTH / 2, TEXT_WIDTH / 2]
    t = table(doc, w, style=None)
    no_borders(t)
    full_width(t)
    heads, names = t.add_row(), t.add_row()
    for row in (heads, names):
        _row_flag(row, "w:cantSplit")
        for cell, width in zip(row.cells, w):
            cell.width = Mm(width)
    for cell, lines in ((heads.cells[0], ["", "Notulis,"]),
                        (heads.cells[1], ["{{ tempat }}, {{ tanggal_rapat }}", "Pimpinan Rapat,",
                                          "{{ pimpinan_jabatan }}"])):
        for n, text in enumerate(lines):
            p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            if text:
                p.add_run(text)
            p.alignment = C
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.keep_with_next = True
    for cell, name, nip in ((names.cells[0], "{{ notulis_ttd }}", "{{ notulis_nip }}"),
                            (names.cells[1], "{{ pimpinan }}", "{{ pimpinan_nip }}")):
        p = cell.paragraphs[0]
        p.add_run(name).bold = True
        p.alignment = C
        p.paragraph_format.space_before = Pt(60)  # room for the signatures
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = True
        q = cell.add_paragraph(nip)
        q.alignment = C
    finish_package(doc, "Notulen {{ acara_judul }} ({{ kode }})", "Notulen Rapat")
    return doc


def dokumentasi() -> Document:
    """DOKUMENTASI KEGIATAN: the meeting's line, then the photos two per row, each with its
    caption (the photos are placed by the build: zidoc.documents.rapat.photo_rows)."""
    doc = rapat_document()
    para(doc, "DOKUMENTASI KEGIATAN", style="Title").paragraph_format.space_after = Pt(0)
    para(doc, "{{ keterangan_rapat }}", align=C).paragraph_format.space_after = Pt(12)
    w = [TEXT_WIDTH / 2, TEXT_WIDTH / 2]
    t = table(doc, w, style=None)
    no_borders(t)
    full_width(t)
    tag_row(t, w, "{%tr for r in foto %}")
    row = t.add_row()
    _row_flag(row, "w:cantSplit")
    for cell, side in zip(row.cells, ("kiri", "kanan")):
        cell.width = Mm(w[0])
        p = cell.paragraphs[0]
        p.add_run(f"{{{{ r.{side}.gambar }}}}")
        p.alignment = C
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.space_after = Pt(2)
        p.paragraph_format.keep_with_next = True
        q = cell.add_paragraph(f"{{{{ r.{side}.keterangan }}}}", style="Isi Tabel")
        q.alignment = C
        q.paragraph_format.space_after = Pt(8)
    tag_row(t, w, "{%tr endfor %}")
    finish_package(doc, "Dokumentasi {{ acara_judul }} ({{ kode }})", "Dokumentasi Rapat")
    return doc


BUILDERS = {
    "laporan-pelaksanaan.docx": laporan,
    "sk-tim.docx": sk_tim,
    "keputusan-anggota.docx": keputusan_anggota,
    "rencana-aksi.docx": rencana_aksi,
    "laporan-monev.docx": laporan_monev,
    "laporan-skm.docx": laporan_skm,
    "rapat-undangan.docx": undangan,
    "rapat-daftar-hadir.docx": daftar_hadir,
    "rapat-notulen.docx": notulen,
    "rapat-dokumentasi.docx": dokumentasi,
}


def main(names: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        if names and name not in names:
            continue
        build().save(OUT / name)
        print(OUT / name)


if __name__ == "__main__":
    main(sys.argv[1:])
