"""wordfix.tidy_markup: what an office suite leaves in a template, made schema-valid without
changing what it means (test_word_native.py checks it on templates LibreOffice re-saved)."""
from __future__ import annotations

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")


def _document_with(body_xml: str, list_style: bool = True):
    doc = Document()
    body = doc.element.body
    for child in parse_xml(f"<w:body {W}>{body_xml}</w:body>"):
        body.insert(len(body) - 1, child)  # before the body's own sectPr
    if list_style:
        doc.styles.element.append(parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="Daftar"><w:name w:val="Daftar"/>'
            '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '</w:style>'))
        doc.styles.element.append(parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="DaftarTurunan">'
            '<w:name w:val="Daftar Turunan"/><w:basedOn w:val="Daftar"/></w:style>'))
    return doc


def test_on_off_only_flags_become_valid_values():
    from zidoc.documents.wordfix import tidy_markup

    doc = _document_with(
        '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>'
        '<w:tr><w:trPr><w:cantSplit w:val="true"/><w:tblHeader w:val="1"/></w:trPr>'
        '<w:tc><w:tcPr><w:noWrap w:val="false"/></w:tcPr><w:p/></w:tc></w:tr>'
        '<w:tr><w:trPr><w:cantSplit w:val="0"/><w:tblHeader/></w:trPr>'
        '<w:tc><w:p/></w:tc></w:tr></w:tbl>')
    tidy_markup(doc)
    first, second = doc.element.body.iter(qn("w:tr"))
    assert first.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}").get(qn("w:val")) is None  # on
    assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}").get(qn("w:val")) is None
    assert first.find(f".//{qn('w:noWrap')}").get(qn("w:val")) == "off"
    assert second.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}").get(qn("w:val")) == "off"
    assert second.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}").get(qn("w:val")) is None


def test_a_section_break_moves_after_the_paragraph_properties():
    from zidoc.documents.wordfix import tidy_markup

    doc = _document_with(
        '<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
        '<w:pStyle w:val="Normal"/><w:keepNext/><w:rPr/></w:pPr></w:p>')
    tidy_markup(doc)
    ppr = doc.element.body.find(f"{qn('w:p')}/{qn('w:pPr')}")
    assert [c.tag for c in ppr] == [qn("w:pStyle"), qn("w:keepNext"), qn("w:rPr"),
                                   qn("w:sectPr")]
    assert ppr.find(f"{qn('w:sectPr')}/{qn('w:pgSz')}").get(qn("w:w")) == "11906"


def test_num_id_zero_is_kept_only_where_a_style_would_number_the_paragraph():
    from zidoc.documents.wordfix import tidy_markup

    none = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
    doc = _document_with(
        f'<w:p><w:pPr><w:pStyle w:val="Normal"/>{none}</w:pPr><w:r><w:t>a</w:t></w:r></w:p>'
        f'<w:p><w:pPr>{none}</w:pPr><w:r><w:t>b</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:pStyle w:val="DaftarTurunan"/>{none}</w:pPr><w:r><w:t>c</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>'
        f'<w:p><w:pPr>{none}<w:sectPr/><w:jc w:val="left"/></w:pPr></w:p>'
        '<w:tbl><w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr></w:tr></w:tbl>')
    tidy_markup(doc)
    numbered = [p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
                for p in doc.element.body.iter(qn("w:p"))]
    # No style list to switch off: dropped. A list style (through its base): kept, as Word
    # writes it. A real list: untouched.
    assert numbered == [False, False, True, True, False]
    # What follows a removed or moved element is still seen.
    last = list(doc.element.body.iter(qn("w:pPr")))[-1]
    assert [c.tag for c in last] == [qn("w:jc"), qn("w:sectPr")]
    assert doc.element.body.find(f".//{qn('w:cantSplit')}").get(qn("w:val")) is None
