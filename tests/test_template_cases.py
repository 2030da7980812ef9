"""Issue 22 (1): templates as Word users edit them. Each case is the shipped SK Tim template
changed as Word or LibreOffice would leave it (zip and XML edits, made here); each gives
either the right document (the tag filled, no tracked change or comment left) or a refusal
naming the template, the tag as typed and where it stands, from the build and from `zidoc
templates check` alike, with nothing written."""
from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

TEMPLATE = "sk-tim.docx"
SHIPPED = REPO / "templates" / "docx" / TEMPLATE
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REVISION = 'w:id="{n}" w:author="Staf TU" w:date="2024-05-02T09:00:00Z"'


# --- the example, rendered once ------------------------------------------------------------

@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """(config, workbook, scores, SK Tim's context, its registry entry)."""
    from xlsx_edit import example_bytes
    from zidoc import build
    from zidoc.config import load_config

    config = load_config(REPO / "config.toml")
    path = tmp_path_factory.mktemp("contoh") / "contoh.xlsx"
    path.write_bytes(example_bytes())
    loaded = build.load(path, config, tmp_path_factory.mktemp("out"))
    jobs, _ = build.document_jobs(loaded.workbook, loaded.scores, config, only=("sk-tim",))
    kind = next(d for d in config.documents if d.template == TEMPLATE)
    return config, loaded.workbook, loaded.scores, jobs[0].context, kind


@dataclasses.dataclass
class Outcome:
    document: bytes | None  # the built SK Tim
    refusal: str | None  # the build's message
    notes: list[str]
    findings: list[str]  # templates check: errors
    warnings: list[str]  # templates check: warnings


def outcome(example, folder: Path) -> Outcome:
    """The build of SK Tim with the template in `folder`, and the check of that template."""
    from zidoc.build import render_documents
    from zidoc.documents.render import RenderError
    from zidoc.documents.templates_check import check_template

    config, wb, scores, context, kind = example
    notes: list[str] = []
    document = refusal = None
    try:
        rendered, _ = render_documents(wb, scores, dataclasses.replace(config, templates=folder),
                                       ("sk-tim",), notes=notes)
        document = next(iter(rendered.values()))
    except RenderError as exc:
        refusal = str(exc)
    found = check_template(folder / TEMPLATE, context, kind)
    return Outcome(document, refusal, notes, [str(f) for f in found if not f.warning],
                   [str(f) for f in found if f.warning])


def variant(tmp_path: Path, edit_parts=None, data: bytes | None = None) -> Path:
    """A folder holding SK Tim changed: `edit_parts(parts)` edits {name: bytes} in place."""
    folder = tmp_path / "templat"
    folder.mkdir()
    if data is None:
        with zipfile.ZipFile(SHIPPED) as src:
            parts = {info.filename: src.read(info) for info in src.infolist()}
        edit_parts(parts)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name, content in parts.items():
                dst.writestr(name, content)
        data = out.getvalue()
    (folder / TEMPLATE).write_bytes(data)
    return folder


def edit_xml(parts: dict, name: str, change) -> None:
    parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")


def body(change):
    return lambda parts: edit_xml(parts, "word/document.xml", change)


def all_xml(document: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                        if n.endswith(".xml"))


def text_of(document: bytes) -> str:
    return re.sub(r"<[^>]+>", "", all_xml(document))


def assert_built(result: Outcome, *expected: str) -> str:
    assert result.refusal is None, result.refusal
    assert result.findings == [], result.findings  # templates check and build agree
    xml = all_xml(result.document)
    for mark in ("<w:ins ", "<w:del ", "<w:delText", "w:commentReference", "commentRangeStart",
                 "w:rPrChange", "w:trackRevisions"):
        assert mark not in xml, mark
    with zipfile.ZipFile(io.BytesIO(result.document)) as archive:
        assert not [n for n in archive.namelist() if "comments" in n or "vbaProject" in n]
    text = text_of(result.document)
    assert "{{" not in text and "{%" not in text
    for value in expected:
        assert value in text, value
    return text


def assert_refused(result: Outcome, *said: str) -> None:
    assert result.document is None
    assert result.refusal is not None and TEMPLATE in result.refusal
    assert result.findings and all(line.startswith(TEMPLATE) for line in result.findings)
    for words in said:
        assert words in result.refusal, (words, result.refusal)
        assert any(words in line for line in result.findings), (words, result.findings)


# --- tracked changes and comments --------------------------------------------------------

def _tracked(xml: str) -> str:
    inserted = (f'<w:ins {REVISION.format(n=901)}><w:r><w:t xml:space="preserve"> di kota '
                "{{ tempat }} SISIPAN</w:t></w:r></w:ins>")
    deleted = (f'<w:del {REVISION.format(n=902)}><w:r><w:delText>HAPUSAN {{{{ salah_ketik }}}}'
               "</w:delText></w:r></w:del>")
    xml = xml.replace("NOMOR {{ nomor }} TAHUN {{ tahun_keputusan }}</w:t></w:r>",
                      "NOMOR {{ nomor }} TAHUN {{ tahun_keputusan }}</w:t></w:r>"
                      + inserted + deleted, 1)
    # A formatting change, and a whole paragraph deleted (its text and its mark).
    xml = xml.replace("<w:rPr/>", f'<w:rPr><w:b/><w:rPrChange {REVISION.format(n=903)}>'
                      "<w:rPr/></w:rPrChange></w:rPr>", 1)
    gone = (f'<w:p><w:pPr><w:rPr><w:del {REVISION.format(n=904)}/></w:rPr></w:pPr>'
            f'<w:del {REVISION.format(n=905)}><w:r><w:delText>PARAGRAF DIHAPUS</w:delText>'
            "</w:r></w:del></w:p>")
    xml = xml.replace("<w:body>", "<w:body>" + gone, 1)
    # The loop's first row inserted with Track Changes on (the row stays, its mark goes).
    return xml.replace("<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW "
                       'w:type="dxa" w:w="2041"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="IsiTabel"'
                       '/></w:pPr><w:r><w:rPr/><w:t>{%tr for m in menimbang[1:] %}',
                       f"<w:tr><w:trPr><w:cantSplit/><w:ins {REVISION.format(n=906)}/></w:trPr>"
                       '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2041"/></w:tcPr><w:p><w:pPr>'
                       '<w:pStyle w:val="IsiTabel"/></w:pPr><w:r><w:rPr/><w:t>'
                       "{%tr for m in menimbang[1:] %}", 1)


def test_tracked_changes_are_accepted_with_a_warning(example, tmp_path):
    def edit(parts):
        edit_xml(parts, "word/document.xml", _tracked)
        edit_xml(parts, "word/settings.xml",
                 lambda xml: xml.replace("<w:zoom", "<w:trackRevisions/><w:zoom", 1))

    parts_seen = {}
    result = outcome(example, variant(tmp_path, lambda p: (edit(p), parts_seen.update(p))))
    assert parts_seen["word/document.xml"].count(b"<w:ins ") == 2  # the text and the row
    text = assert_built(result, "SISIPAN", "di kota Bengkulu", "bahwa berdasarkan")
    assert "HAPUSAN" not in text and "PARAGRAF DIHAPUS" not in text
    for lines in (result.notes, result.warnings):
        assert len(lines) == 1 and TEMPLATE in lines[0] and "Track Changes" in lines[0]


def test_comments_are_dropped_with_a_warning(example, tmp_path):
    comments = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {W}>'
                '<w:comment w:id="0" w:author="Kepala"><w:p><w:r><w:t>Cek nomor {{ nomor }}'
                "</w:t></w:r></w:p></w:comment></w:comments>")

    def edit(parts):
        edit_xml(parts, "word/document.xml", lambda xml: xml.replace(
            "<w:t>NOMOR {{ nomor }}",
            '<w:t>NOMOR </w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>{{ nomor }}'
            , 1).replace("TAHUN {{ tahun_keputusan }}</w:t></w:r>",
                         'TAHUN {{ tahun_keputusan }}</w:t></w:r><w:commentRangeEnd w:id="0"/>'
                         '<w:r><w:commentReference w:id="0"/></w:r>', 1))
        parts["word/comments.xml"] = comments.encode()
        edit_xml(parts, "word/_rels/document.xml.rels", lambda xml: xml.replace(
            "</Relationships>", '<Relationship Id="rId99" Type="http://schemas.openxmlformats'
            '.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
            "</Relationships>"))
        edit_xml(parts, "[Content_Types].xml", lambda xml: xml.replace(
            "</Types>", '<Override PartName="/word/comments.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'))

    result = outcome(example, variant(tmp_path, edit))
    assert_built(result, "NOMOR ")
    assert "Cek nomor" not in text_of(result.document)
    for lines in (result.notes, result.warnings):
        assert len(lines) == 1 and TEMPLATE in lines[0] and "komentar" in lines[0]


# --- tags as Word types them ---------------------------------------------------------------

def test_tags_typed_with_autocorrect_are_read_as_typed(example, tmp_path):
    """Curly quotes, an en dash for a minus, non-breaking spaces inside {{ }} and {% %}."""
    def change(xml):
        xml = xml.replace("{{ tempat }}", "{{\u00a0tempat\u00a0}}")
        xml = xml.replace("{{ diktum[-1].label }}", "{{ diktum[\u20131].label }}")
        xml = xml.replace("{% if penandatangan_nip %}",
                          "{% if penandatangan_nip != \u201c\u201d %}")
        return xml.replace("{{ tanggal }}", "{{ tanggal ~ \u2018\u2019 }}")

    assert_built(outcome(example, variant(tmp_path, body(change))), "Ditetapkan di Bengkulu")


def test_tags_split_by_spelling_marks_bookmarks_and_formatting(example, tmp_path):
    def change(xml):
        xml = xml.replace(
            "{{ nomor }}", '{{ no</w:t></w:r><w:proofErr w:type="spellStart"/>'
            '<w:bookmarkStart w:id="77" w:name="nomor"/><w:r><w:rPr><w:b/></w:rPr>'
            '<w:t>mor</w:t></w:r><w:bookmarkEnd w:id="77"/><w:proofErr w:type="spellEnd"/>'
            "<w:r><w:t xml:space=\"preserve\"> }}", 1)
        return xml.replace("{{ tempat }}", '{</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>'
                           "{ tempat }</w:t></w:r><w:r><w:t>}", 1)

    assert_built(outcome(example, variant(tmp_path, body(change))), "Ditetapkan di Bengkulu")


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e5273ede0000000049454e44ae426082")


def _everywhere(parts: dict) -> None:
    """Tags in a text box, a content control, a footnote and a header with a logo."""
    textbox = ('<w:p><w:r><w:pict><v:shape id="kotak" style="width:200pt;height:40pt">'
               "<v:textbox><w:txbxContent><w:p><w:r><w:t>Kotak: {{ penerbit_kapital }}</w:t>"
               "</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")
    control = ('<w:sdt><w:sdtPr><w:alias w:val="Nomor"/><w:id w:val="5"/></w:sdtPr>'
               "<w:sdtContent><w:p><w:r><w:t>Kendali: {{ nomor }}</w:t></w:r></w:p>"
               "</w:sdtContent></w:sdt>")
    note = ('<w:p><w:r><w:t>Bertanda</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
            '</w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:rPr><w:vertAlign '
            'w:val="superscript"/></w:rPr><w:endnoteReference w:id="1"/></w:r></w:p>')
    edit_xml(parts, "word/document.xml",
             lambda xml: xml.replace("<w:body>", "<w:body>" + textbox + control + note, 1)
             .replace("<w:footerReference", '<w:headerReference w:type="default" r:id="rId98"/>'
                      "<w:footerReference", 1))
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        '<w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r>'
        "<w:t>Catatan tahun {{ tahun_keputusan }}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()
    parts["word/endnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:endnotes {W}>'
        '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:endnote><w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        '<w:continuationSeparator/></w:r></w:p></w:endnote><w:endnote w:id="1"><w:p><w:r>'
        "<w:t>Akhir: {{ tempat }}</w:t></w:r></w:p></w:endnote></w:endnotes>").encode()
    parts["word/header1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W} '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:p><w:r><w:pict><v:shape id="logo" '
        'style="width:40pt;height:40pt"><v:imagedata r:id="rIdLogo"/></v:shape></w:pict></w:r>'
        "<w:r><w:t>KOP {{ penerbit_kapital }}</w:t></w:r></w:p></w:hdr>").encode()
    parts["word/media/logo.png"] = PNG
    parts["word/_rels/header1.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
        b'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLogo" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        b'Target="media/logo.png"/></Relationships>')
    rel = ('<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/{kind}" Target="{target}"/>')
    edit_xml(parts, "word/_rels/document.xml.rels", lambda xml: xml.replace(
        "</Relationships>", rel.format(id="rId97", kind="footnotes", target="footnotes.xml")
        + rel.format(id="rId95", kind="endnotes", target="endnotes.xml")
        + rel.format(id="rId98", kind="header", target="header1.xml") + "</Relationships>"))
    over = '<Override PartName="/word/{0}.xml" ContentType="application/vnd.openxmlformats-' \
           'officedocument.wordprocessingml.{1}+xml"/>'
    edit_xml(parts, "[Content_Types].xml", lambda xml: xml.replace(
        "</Types>", over.format("footnotes", "footnotes") + over.format("header1", "header")
        + over.format("endnotes", "endnotes")
        + '<Default Extension="png" ContentType="image/png"/></Types>'))


def test_tags_in_text_boxes_content_controls_footnotes_and_a_header_with_a_logo(example,
                                                                               tmp_path):
    result = outcome(example, variant(tmp_path, _everywhere))
    context = example[3]
    assert_built(result, f"Kotak: {context['penerbit_kapital']}", f"Kendali: {context['nomor']}",
                 f"Catatan tahun {context['tahun_keputusan']}",
                 f"KOP {context['penerbit_kapital']}", f"Akhir: {context['tempat']}")
    with zipfile.ZipFile(io.BytesIO(result.document)) as archive:
        assert archive.read("word/media/logo.png") == PNG  # the letterhead's logo stays


def test_a_typo_in_a_footnote_is_found_by_both(example, tmp_path):
    def edit(parts):
        _everywhere(parts)
        edit_xml(parts, "word/footnotes.xml",
                 lambda xml: xml.replace("{{ tahun_keputusan }}", "{{ tahun_kepütusan }}"))

    result = outcome(example, variant(tmp_path, edit))
    assert_refused(result, "tahun_kepütusan", "catatan kaki")


# --- loops in tables -----------------------------------------------------------------------

def _row_with(xml: str, tag: str) -> re.Match:
    rows = list(re.finditer(r"<w:tr[ >].*?</w:tr>", xml, flags=re.S))
    return next(m for m in rows if tag in m[0])


def test_a_loop_row_deleted(example, tmp_path):
    def change(xml):
        row = _row_with(xml, "{%tr for m in menimbang[1:] %}")
        return xml[:row.start()] + xml[row.end():]

    assert_refused(outcome(example, variant(tmp_path, body(change))),
                   "tag '{%tr endfor %}' (tabel 1, baris 3, kolom 1)", "tidak pernah dibuka")


def test_a_loop_row_duplicated(example, tmp_path):
    def change(xml):
        row = _row_with(xml, "{%tr for m in menimbang[1:] %}")
        return xml[:row.end()] + row[0] + xml[row.end():]

    assert_refused(outcome(example, variant(tmp_path, body(change))),
                   "tag '{%tr for m in menimbang[1:] %}' (tabel 1, baris 2, kolom 1)",
                   "tidak ditutup")


# --- what the file really is ---------------------------------------------------------------

def test_a_dotx_renamed_docx_is_built(example, tmp_path):
    result = outcome(example, variant(tmp_path, lambda p: edit_xml(
        p, "[Content_Types].xml", lambda xml: xml.replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"))))
    assert_built(result, "Ditetapkan di Bengkulu")


def test_a_docm_renamed_docx_is_built_without_its_macros(example, tmp_path):
    def edit(parts):
        edit_xml(parts, "[Content_Types].xml", lambda xml: xml.replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml").replace(
            "</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.'
            'vbaProject"/></Types>'))
        parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0makro"
        edit_xml(parts, "word/_rels/document.xml.rels", lambda xml: xml.replace(
            "</Relationships>", '<Relationship Id="rId96" Type="http://schemas.microsoft.com/'
            'office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'))

    result = outcome(example, variant(tmp_path, edit))
    assert_built(result, "Ditetapkan di Bengkulu")
    assert any("makro" in line for line in result.notes)
    assert "vbaProject" not in all_xml(result.document)


def _ole(*streams: str) -> bytes:
    """An OLE2 compound file's header and directory with these stream names (as Word 97-2003
    and Office's encryption name them)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entries = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
                       for name in ("Root Entry", *streams))
    return header + entries.ljust(4096, b"\0")


def _encrypted() -> bytes:
    """SK Tim encrypted with a password, as Word's File > Info > Encrypt with Password
    writes it (ECMA-376 agile encryption, by msoffcrypto-tool)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with SHIPPED.open("rb") as source:
        OOXMLFile(source).encrypt("rahasia", out)
    return out.getvalue()


def _word_97(tmp_path: Path) -> bytes:
    """SK Tim saved as Word 97-2003 by LibreOffice (with CI=1; otherwise the compound file's
    header and directory with the streams Word 97-2003 writes: LibreOffice takes seconds)."""
    import os
    import shutil
    import subprocess

    if os.environ.get("CI") and shutil.which("soffice"):
        shutil.copy(SHIPPED, tmp_path / "lama.docx")
        subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir",
                        str(tmp_path), str(tmp_path / "lama.docx")], check=True,
                       capture_output=True, timeout=120)
        return (tmp_path / "lama.doc").read_bytes()
    return _ole("WordDocument", "1Table", "\x05SummaryInformation")


@pytest.mark.parametrize("make, said", [
    (lambda _: b"", "0 byte"),
    (_word_97, "Word 97-2003"),
    (lambda _: _encrypted(), "kata sandi"),
    (lambda _: b"PK\x03\x04 terpotong", "rusak"),
    (lambda _: b"%PDF-1.7 bukan templat", "bukan dokumen Word"),
], ids=["0-byte", "word-97-2003", "encrypted", "cut-short", "pdf"])
def test_files_that_are_not_word_documents_are_refused(example, tmp_path, make, said):
    result = outcome(example, variant(tmp_path, data=make(tmp_path)))
    assert_refused(result, said)


def test_strict_open_xml_is_refused(example, tmp_path):
    def edit(parts):
        for name in ("word/document.xml", "_rels/.rels"):
            edit_xml(parts, name, lambda xml: xml.replace(
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "http://purl.oclc.org/ooxml/wordprocessingml/main").replace(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "http://purl.oclc.org/ooxml/officeDocument/relationships"))

    assert_refused(outcome(example, variant(tmp_path, edit)), "Strict Open XML")


def test_a_template_that_lost_its_section_break_is_refused(example, tmp_path):
    def change(xml):
        return re.sub(r"<w:sectPr><w:footerReference.*?</w:sectPr>", "", xml, count=1,
                      flags=re.S)

    assert_refused(outcome(example, variant(tmp_path, body(change))), "2 bagian")


def test_nothing_is_written_when_a_template_is_refused(example, tmp_path, workspace):
    """The CLI: build refuses with exit 1 and writes nothing; templates check says the same."""
    from conftest import run_cli
    from xlsx_edit import example_bytes

    (workspace / "templates" / "docx" / TEMPLATE).write_bytes(b"")
    (workspace / "contoh.xlsx").write_bytes(example_bytes())
    built = run_cli("build", "contoh.xlsx", "--only", "sk-tim")
    assert built.exit_code == 1 and TEMPLATE in built.output and "0 byte" in built.output
    assert not list((workspace / "outputs").rglob("*.docx"))
    checked = run_cli("templates", "check")
    assert checked.exit_code == 1 and "0 byte" in checked.output
