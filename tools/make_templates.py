"""Build the Word templates in templates/docx/ from code (run once; staff then edit in Word).

    python tools/make_templates.py

The templates use real Word styles (Title, Heading 1/2, Butir, Table Grid), a repeated
table header, cantSplit rows and a page-number footer. Jinja tags are written whole into
single runs so Word-side edits do not split them."""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "templates" / "docx"
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


def base_document(landscape: bool = False) -> Document:
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

    for name, size, before in (("Heading 1", 12, 12), ("Heading 2", 12, 10), ("Heading 3", 12, 8)):
        style = styles[name]
        _plain_font(style, size, bold=True, italic=False)
        pf = style.paragraph_format
        pf.space_before, pf.space_after = Pt(before), Pt(4)
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

    add_page_number_footer(section)
    return doc


def set_landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    if section.page_width < section.page_height:
        section.page_width, section.page_height = section.page_height, section.page_width


def _field(paragraph, instr: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
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


def no_borders(t) -> None:
    tblpr = t._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def signature_block(doc, lines_before: list[str], name: str, extra_after: list[str] = ()) -> None:
    """Right-hand signature block in a borderless table that never splits across pages."""
    widths = [75, 90]
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
         "{{ singkatan_satker }} memperoleh nilai {{ nilai_akhir }}"
         "{% if perbandingan %}, {{ perbandingan }}{% endif %}, dengan rincian sebagai berikut:")

    para(doc, "Tabel 1. Nilai Zona Integritas {{ singkatan_satker }} Tahun {{ tahun }}",
         style="Caption")
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
    add_row(t, w, ["", "NILAI ZONA INTEGRITAS", "100,00", "", "{{ nilai_akhir }}"], bold=True,
            shade="D9E2F3", aligns=num)

    para(doc, "Pemenuhan Syarat Nilai Predikat WBK dan WBBM", style="Heading 1",
         space_before=18)
    para(doc, "Perbandingan nilai {{ singkatan_satker }} dengan syarat nilai minimal pada "
              "PermenPANRB Nomor 90 Tahun 2021 (Lampiran, Tabel 6):")
    tag(doc, "{%p for p in predikat %}")
    para(doc, "{{ p.judul }}", style="Heading 2")
    w2 = [10, 73, 22, 22, 38]
    t2 = table(doc, w2, ["No", "Syarat", "Minimal", "Capaian", "Keterangan"])
    tag_row(t2, w2, "{%tr for s in p.syarat %}")
    add_row(t2, w2, ["{{ loop.index }}.", "{{ s.kriteria }}", "{{ s.minimum }}", "{{ s.capaian }}",
                     "{{ s.status }} ({{ s.selisih }})"], aligns=[C, L, R, R, L])
    tag_row(t2, w2, "{%tr endfor %}")
    para(doc, "{{ p.kesimpulan }}", space_before=6)
    tag(doc, "{%p endfor %}")
    para(doc, "Predikat WBBM juga mensyaratkan satuan kerja telah memperoleh predikat WBK; "
              "pemenuhan syarat nilai di atas belum berarti predikat telah diperoleh.")
    para(doc, "Grafik Nilai Area Pengungkit", style="Heading 2")
    para(doc, "{{ grafik }}", align=C, keep_next=True)
    para(doc, "Gambar 1. Persentase capaian area pengungkit terhadap batas minimal WBK dan WBBM",
         style="Caption")

    para(doc, "Pelaksanaan Zona Integritas per Area Perubahan", style="Heading 1",
         space_before=18)
    para(doc, "Pelaksanaan Zona Integritas menuju Wilayah Bebas dari Korupsi di {{ nama_satker }} "
              "pada tahun {{ tahun }} dilakukan dengan memenuhi Komponen Pengungkit dan Komponen "
              "Hasil melalui hal-hal sebagai berikut:")
    tag(doc, "{%p for area in areas %}")
    para(doc, "{{ area.no }}. {{ area.nama }}", style="Heading 2")
    tag(doc, "{%p for b in area.butir %}")
    p = doc.add_paragraph(style="Butir")
    p.add_run("{{ b.butir }}.\t")
    p.add_run("{{ b.judul }}").bold = True
    p.add_run("{% if b.judul %} {% endif %}{{ b.pembuka }}")
    tag(doc, "{%p for baris in b.baris %}")
    para(doc, "{{ baris }}", style="Butir Lanjutan")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for kalimat in area.penghargaan %}")
    para(doc, "{{ kalimat }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")

    para(doc, "Demikian laporan ini disampaikan untuk dapat dipergunakan sebagaimana mestinya.",
         space_before=6, keep_next=True).paragraph_format.space_after = Pt(12)
    signature_block(doc, ["{{ tempat }}, {{ tanggal_laporan }}", "{{ penandatangan_jabatan }},"],
                    "{{ penandatangan_nama }}")
    return doc


BUILDERS = {"laporan-pelaksanaan.docx": laporan}


def main(names: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        if names and name not in names:
            continue
        build().save(OUT / name)
        print(OUT / name)


if __name__ == "__main__":
    main(sys.argv[1:])
