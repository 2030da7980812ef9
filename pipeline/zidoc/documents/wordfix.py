"""Fixes applied to a rendered Word document (python-docx) before it is saved: what the
templates alone cannot express, or what Word and LibreOffice would otherwise show differently.

They live here, apart from the contexts, so that they can be changed in one place. A
document's registry entry names its finishing step (`finish`); python-docx is imported inside
each function, so importing this module costs nothing."""
from __future__ import annotations

MONTH_MARK = "\u25cf"  # ●, written by the Rencana Aksi context in each scheduled month
MONTH_FILL = "A6BFE0"
# CT_TcPr children that must come after w:shd (ECMA-376 order; Word rejects other orders).
_AFTER_SHD = ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers",
              "cellIns", "cellDel", "cellMerge", "tcPrChange")
SIGNATURE_STYLE = "TandaTangan"  # style id of "Tanda Tangan" in the templates
KEEP_ROWS = 2  # table rows kept on the page of the signature that follows the table


def finish_keputusan(document) -> None:
    """After rendering (and the page setup): shade the months, fit the full-width tables to
    their section's text width, keep every signature with what precedes it."""
    shade_marks(document)
    fit_tables(document)
    keep_signatures(document)


def shade_marks(document, mark: str = MONTH_MARK, fill_color: str = MONTH_FILL) -> None:
    """Shade every table cell whose whole text is `mark` (the scheduled months), keeping the
    schema order of the cell properties."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    t_tag, tcpr_tag = qn("w:t"), qn("w:tcPr")
    after = {qn(f"w:{name}") for name in _AFTER_SHD}
    for tc in document.element.body.iter(qn("w:tc")):
        if "".join(t.text or "" for t in tc.iter(t_tag)) != mark:
            continue
        tcpr = tc.find(tcpr_tag)
        if tcpr is None:
            tcpr = OxmlElement("w:tcPr")
            tc.insert(0, tcpr)
        for old in tcpr.findall(qn("w:shd")):
            tcpr.remove(old)
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill_color)
        successor = next((child for child in tcpr if child.tag in after), None)
        if successor is None:
            tcpr.append(shd)
        else:
            successor.addprevious(shd)


def _sections_of_tables(body):
    """(table, sectPr) for each top-level table: a section ends at the paragraph holding its
    sectPr, the last section at the body's own sectPr."""
    from docx.oxml.ns import qn

    pending = []
    for child in body:
        if child.tag == qn("w:tbl"):
            pending.append(child)
        elif child.tag == qn("w:p"):
            ppr = child.find(qn("w:pPr"))
            sect = ppr.find(qn("w:sectPr")) if ppr is not None else None
            if sect is not None:
                yield from ((t, sect) for t in pending)
                pending = []
        elif child.tag == qn("w:sectPr"):
            yield from ((t, child) for t in pending)
            pending = []


def fit_tables(document) -> None:
    """Tables whose width is 100% (w:tblW type pct 5000) get grid and cell widths scaled so
    that they add up to the text width of their section: Word and LibreOffice then agree."""
    from docx.oxml.ns import qn

    w_attr, type_attr = qn("w:w"), qn("w:type")
    for tbl, sect in _sections_of_tables(document.element.body):
        tblw = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
        if tblw is None or tblw.get(type_attr) != "pct" or tblw.get(w_attr) != "5000":
            continue
        size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
        if size is None or margins is None:
            continue
        text_width = (int(size.get(w_attr)) - int(margins.get(qn("w:left")))
                      - int(margins.get(qn("w:right"))))
        cols = tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
        old = [int(c.get(w_attr)) for c in cols]
        total = sum(old)
        if not total:
            continue
        new = [w * text_width // total for w in old]
        new[-1] += text_width - sum(new)
        for col, width in zip(cols, new):
            col.set(w_attr, str(width))
        for tr in tbl.iter(qn("w:tr")):
            start = 0
            for tc in tr.findall(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                tcw = tcpr.find(qn("w:tcW")) if tcpr is not None else None
                if tcw is not None:
                    tcw.set(w_attr, str(sum(new[start:start + span])))
                    tcw.set(type_attr, "dxa")
                start += span


def keep_signatures(document) -> None:
    """Keep every signature block with what precedes it, by Word's own means, so that a signer
    never stands alone on a page and the Lampiran stays one table: the last KEEP_ROWS rows of
    the table before the signature cannot split and keep with the next row (every paragraph
    keep-with-next), so do the paragraphs between them (the Keterangan line) and the signature
    lines up to the last. The table's header row repeats on the signature page too."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_tag, tbl_tag = qn("w:p"), qn("w:tbl")
    body = document.element.body

    def style_of(p) -> str | None:
        el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return el.get(qn("w:val")) if el is not None else None

    for p in list(body.iterchildren(p_tag)):
        if style_of(p) != SIGNATURE_STYLE:
            continue
        before = p.getprevious()
        if before is not None and before.tag == p_tag and style_of(before) == SIGNATURE_STYLE:
            continue  # not the first line of its block
        block = [p]
        nxt = p.getnext()
        while nxt is not None and nxt.tag == p_tag and style_of(nxt) == SIGNATURE_STYLE:
            block.append(nxt)
            nxt = nxt.getnext()
        while len(block) > 1 and not _text(block[-1]):
            block.pop()  # an empty last line (no NIP) does not count
        between = []
        while before is not None and before.tag == p_tag and len(between) < 3 and \
                before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
            between.insert(0, before)
            before = before.getprevious()
        if before is None or before.tag != tbl_tag:
            continue
        rows = before.findall(qn("w:tr"))
        body_rows = [r for r in rows if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None]
        for row in body_rows[-KEEP_ROWS:]:
            trpr = row.find(qn("w:trPr"))
            if trpr is None:
                trpr = OxmlElement("w:trPr")
                row.insert(0 if row[0].tag != qn("w:tblPrEx") else 1, trpr)
            if trpr.find(qn("w:cantSplit")) is None:
                trpr.insert(0, OxmlElement("w:cantSplit"))
            for q in row.iter(p_tag):
                _keep_next(q)
        for q in between + block[:-1]:
            _keep_next(q)
        _keep_next(block[-1], False)


def _text(p) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _keep_next(p, on: bool = True) -> None:
    from docx.text.paragraph import Paragraph

    Paragraph(p, None).paragraph_format.keep_with_next = on


# Table-row and cell flags whose schema type is ST_OnOffOnly ("on"/"off" only), where
# LibreOffice writes "true"/"false" when it saves a template.
_ON_OFF_ONLY = ("cantSplit", "tblHeader", "noWrap", "hideMark", "tcFitText")


def tidy_markup(document) -> None:
    """What an office suite leaves in a template that Word's schema does not allow, made
    valid without changing what it means (LibreOffice, re-saving a template, writes all
    three):

    - `<w:cantSplit w:val="true"/>` and the other ST_OnOffOnly flags: "true"/"1" become the
      bare element (on), "false"/"0" become "off";
    - a `w:sectPr` placed before the other paragraph properties moves to its place, after
      them (before a w:pPrChange);
    - `<w:numPr>` with numId 0 ("no list") on a paragraph whose style has no list is dropped:
      numId 0 names no numbering definition."""
    from docx.oxml.ns import qn

    val, ppr_tag, sect_tag, num_tag = qn("w:val"), qn("w:pPr"), qn("w:sectPr"), qn("w:numId")
    flags = {qn(f"w:{name}") for name in _ON_OFF_ONLY}
    listed = None  # the styles with a list, looked up at the first numId 0
    for part in story_parts(document):
        # One walk over the part for every element concerned, listed before any is moved.
        for element in list(part.element.iter(sect_tag, num_tag, *flags)):
            tag, parent = element.tag, element.getparent()
            if tag in flags:
                value = element.get(val)
                if value in ("true", "1"):
                    del element.attrib[val]
                elif value in ("false", "0"):
                    element.set(val, "off")
            elif tag == sect_tag:
                after = element.getnext()
                if parent.tag == ppr_tag and after is not None \
                        and after.tag != qn("w:pPrChange"):
                    change = parent.find(qn("w:pPrChange"))
                    if change is not None:
                        change.addprevious(element)
                    else:
                        parent.append(element)
            elif element.get(val) == "0" and parent.getparent().tag == ppr_tag:
                if listed is None:
                    listed = _styles_with_numbering(document)
                ppr = parent.getparent()
                style = ppr.find(qn("w:pStyle"))
                if (style.get(val) if style is not None else None) not in listed:
                    ppr.remove(parent)


def _styles_with_numbering(document) -> set[str | None]:
    """Ids of the paragraph styles that put a paragraph in a list, through their base styles
    (None stands for the default paragraph style)."""
    from docx.oxml.ns import qn

    styles = {}
    default = None
    for style in document.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) != "paragraph":
            continue
        based = style.find(qn("w:basedOn"))
        styles[style.get(qn("w:styleId"))] = (
            based.get(qn("w:val")) if based is not None else None,
            style.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None)
        if style.get(qn("w:default")) in ("1", "true", "on"):
            default = style.get(qn("w:styleId"))

    def listed(style_id, depth=0) -> bool:
        if style_id not in styles or depth > 20:
            return False
        based, own = styles[style_id]
        return own or listed(based, depth + 1)

    result = {s for s in styles if listed(s)}
    if default in result:
        result.add(None)
    return result


def story_parts(document):
    """The document body and every header and footer part (python-docx XmlParts); a header
    linked to the previous section's is not a part of its own."""
    seen = set()
    yield document.part
    for section in document.sections:
        for item in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):
            if not item.is_linked_to_previous and id(item.part) not in seen:
                seen.add(id(item.part))
                yield item.part
