"""The native Word chart: its parts in the docx, its values, its alt text, and that Word's
checker and LibreOffice both accept it."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest
from conftest import soffice
from lxml import etree
from zidoc.documents.chart import area_alt_text as alt_text
from zidoc.documents.chart import area_bar_chart, area_chart_data
from zidoc.documents.wordchart import InlineChart, chart_xml, workbook_blob
from zidoc.scoring import score

EXAMPLE = dict(zip(("P1", "P2", "P3", "P4", "P5", "P6", "H1", "H2", "H3"),
                   map(D, "88.63 92.86 85.82 81.21 88.42 85.81 98.75 75.00 97.25".split())))
LABELS = ("88,63", "92,86", "85,82", "81,21", "88,42", "85,81")
NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def example_chart(config, persen=None, last=None):
    scores = score(config.lke, config.predikat, persen or EXAMPLE, D("89.24"), last or {})
    return area_chart_data(scores, config.predikat, 2024)


def make_template(path: Path, *names: str) -> Path:
    """A tiny template: a line of text, then `{{ name }}` in a paragraph of its own each."""
    from docx import Document

    doc = Document()
    # python-docx's default template carries a stylesWithEffects part that disagrees with
    # its styles part (openxml-audit reports it); it has nothing to do with charts.
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    doc.add_paragraph("Grafik nilai:")
    for name in names:
        doc.add_paragraph("{{ " + name + " }}")
    doc.add_paragraph("Selesai.")
    doc.save(path)
    return path


def render(tmp_path: Path, charts: dict) -> Path:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(make_template(tmp_path / "templat.docx", *charts)))
    tpl.init_docx()
    tpl.render({name: InlineChart(tpl, area_bar_chart(chart), 160, 90)
                for name, chart in charts.items()},
               autoescape=True)
    out = tmp_path / "hasil.docx"
    tpl.save(out)
    return out


def xml(docx: Path, name: str):
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(name))


def rels_of(docx: Path, part: str) -> dict[str, tuple[str, str]]:
    folder, _, file = part.rpartition("/")
    root = xml(docx, f"{folder}/_rels/{file}.rels")
    return {r.get("Id"): (r.get("Type"), r.get("Target")) for r in root}


def chart_parts(chart, font=None):
    """The chart XML (parsed) and the workbook bytes of a BarChart, outside a document."""
    return etree.fromstring(chart_xml(chart, font)), workbook_blob(chart)


def numbers(ser) -> list[float | None]:
    cache = ser.find("c:val/c:numRef/c:numCache", NS)
    count = int(cache.find("c:ptCount", NS).get("val"))
    values: list[float | None] = [None] * count
    for pt in cache.findall("c:pt", NS):
        values[int(pt.get("idx"))] = float(pt.findtext("c:v", namespaces=NS))
    return values


def strings(cache) -> list[str]:
    return [pt.findtext("c:v", namespaces=NS) for pt in cache.findall("c:pt", NS)]


def test_chart_part_workbook_and_relationships(tmp_path, config):
    chart = example_chart(config)
    docx = render(tmp_path, {"grafik": chart})
    with zipfile.ZipFile(docx) as z:
        names = set(z.namelist())
    assert {"word/charts/chart1.xml", "word/embeddings/Microsoft_Excel_Worksheet1.xlsx"} <= names

    types = xml(docx, "[Content_Types].xml")
    override = {o.get("PartName"): o.get("ContentType") for o in types.findall("ct:Override", NS)}
    default = {d.get("Extension"): d.get("ContentType") for d in types.findall("ct:Default", NS)}
    assert override["/word/charts/chart1.xml"] == CHART_CT
    assert override.get("/word/embeddings/Microsoft_Excel_Worksheet1.xlsx",
                        default.get("xlsx")) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    # The document relates the chart; the run points at that relationship.
    document = xml(docx, "word/document.xml")
    rid = document.find(".//wp:inline/a:graphic/a:graphicData/c:chart", NS).get(f"{{{NS['r']}}}id")
    assert rels_of(docx, "word/document.xml")[rid] == (RT + "chart", "charts/chart1.xml")
    data = document.find(".//a:graphicData", NS)
    assert data.get("uri") == "http://schemas.openxmlformats.org/drawingml/2006/chart"

    # The chart relates its workbook (package relationship) through c:externalData.
    space = xml(docx, "word/charts/chart1.xml")
    external = space.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
    assert rels_of(docx, "word/charts/chart1.xml")[external] == (
        RT + "package", "../embeddings/Microsoft_Excel_Worksheet1.xlsx")


def test_cached_values_are_the_chart_data(tmp_path, config):
    chart = example_chart(config)
    space = xml(render(tmp_path, {"grafik": chart}), "word/charts/chart1.xml")

    bars = space.findall(".//c:barChart/c:ser", NS)
    assert len(bars) == 1  # no last year
    (bar,) = bars
    assert strings(bar.find("c:tx/c:strRef/c:strCache", NS)) == ["Tahun 2024"]
    assert strings(bar.find("c:cat/c:strRef/c:strCache", NS)) == list(chart.names)
    assert numbers(bar) == [float(v) for v in chart.this_year]
    # Literal labels as printed: the decimal comma whatever the reader's locale.
    labels = [d.findtext(".//a:t", namespaces=NS) for d in bar.findall("c:dLbls/c:dLbl", NS)]
    assert labels == list(LABELS)
    assert space.find(".//c:barChart/c:ser/c:spPr//a:srgbClr", NS).get("val") == "1F4E79"
    assert bar.find("c:dPt", NS) is None  # no area under the WBK line

    lines = space.findall(".//c:lineChart/c:ser", NS)
    assert [strings(s.find("c:tx/c:strRef/c:strCache", NS)) for s in lines] == [
        ["Minimal WBK (60,00%)"], ["Minimal WBBM (75,00%)"]]
    assert [numbers(s) for s in lines] == [[60.0] * 6, [75.0] * 6]
    assert [s.find("c:marker/c:symbol", NS).get("val") for s in lines] == ["none", "none"]
    assert all(s.find("c:spPr/a:ln/a:prstDash", NS) is not None for s in lines)
    # Bars and lines share the axes; series indices are unique across the chart.
    bar_axes = [a.get("val") for a in space.findall(".//c:barChart/c:axId", NS)]
    assert [a.get("val") for a in space.findall(".//c:lineChart/c:axId", NS)] == bar_axes
    assert len(space.findall(".//c:catAx", NS)) == len(space.findall(".//c:valAx", NS)) == 1
    idx = [s.find("c:idx", NS).get("val") for s in space.findall(".//c:ser", NS)]
    assert len(set(idx)) == len(idx) == 3

    scaling = space.find(".//c:valAx/c:scaling", NS)
    assert float(scaling.find("c:min", NS).get("val")) == 0
    assert float(scaling.find("c:max", NS).get("val")) == 100
    assert space.find(".//c:legend", NS) is not None


def test_last_year_red_bar_and_legend_key(tmp_path, config):
    persen = EXAMPLE | {"P4": D("59.20")}
    chart = example_chart(config, persen, {"P1": D("85.10"), "P2": D("90.5")})
    space = xml(render(tmp_path, {"grafik": chart}), "word/charts/chart1.xml")
    last, now = space.findall(".//c:barChart/c:ser", NS)
    assert strings(last.find("c:tx/c:strRef/c:strCache", NS)) == ["Tahun 2023"]
    assert numbers(last) == [85.1, 90.5, None, None, None, None]
    assert last.find("c:spPr//a:srgbClr", NS).get("val") == "B8C4D6"
    # The area under the WBK line (index 3) is red.
    (point,) = now.findall("c:dPt", NS)
    assert point.find("c:idx", NS).get("val") == "3"
    assert point.find(".//a:srgbClr", NS).get("val") == "C00000"
    # A legend entry for the red bars, with no values.
    key = space.findall(".//c:lineChart/c:ser", NS)[-1]
    assert strings(key.find("c:tx/c:strRef/c:strCache", NS)) == ["Di bawah 60,00%"]
    assert numbers(key) == [None] * 6


def test_embedded_workbook_holds_the_computed_values(tmp_path, config):
    import openpyxl

    chart = example_chart(config, last={"P2": D("90.5")})
    docx = render(tmp_path, {"grafik": chart})
    with zipfile.ZipFile(docx) as z:
        blob = z.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(blob)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (None, "Tahun 2023", "Tahun 2024", "Minimal WBK (60,00%)",
                       "Minimal WBBM (75,00%)")
    assert [r[0] for r in rows[1:]] == list(chart.names)
    assert [r[1] for r in rows[1:]] == [None, 90.5, None, None, None, None]
    assert [D(str(r[2])) for r in rows[1:]] == list(chart.this_year)
    assert {r[3] for r in rows[1:]} == {60} and {r[4] for r in rows[1:]} == {75}
    # The chart's references point at these cells.
    space = xml(docx, "word/charts/chart1.xml")
    refs = [f.text for f in space.findall(".//c:ser/c:val/c:numRef/c:f", NS)]
    assert refs == ["Sheet1!$B$2:$B$7", "Sheet1!$C$2:$C$7", "Sheet1!$D$2:$D$7",
                    "Sheet1!$E$2:$E$7"]


def test_alternative_text_states_the_values(tmp_path, config):
    chart = example_chart(config)
    expected = (
        "Grafik persentase enam area pengungkit tahun 2024: Manajemen Perubahan 88,63%; "
        "Penataan Tatalaksana 92,86%; Penataan Sistem Manajemen SDM Aparatur 85,82%; "
        "Penguatan Akuntabilitas 81,21%; Penguatan Pengawasan 88,42%; "
        "Peningkatan Kualitas Pelayanan Publik 85,81%. "
        "Garis minimal WBK 60,00% dan WBBM 75,00%."
    )
    assert alt_text(chart) == expected
    document = xml(render(tmp_path, {"grafik": chart}), "word/document.xml")
    assert document.find(".//wp:inline/wp:docPr", NS).get("descr") == expected

    below = example_chart(config, EXAMPLE | {"P4": D("59.20")}, {"P4": D("70")})
    text = alt_text(below)
    assert "Penguatan Akuntabilitas 59,20% (tahun 2023: 70,00%)" in text
    assert text.endswith("Area di bawah 60,00%: Penguatan Akuntabilitas.")


def test_two_charts_have_their_own_parts_and_unique_ids(tmp_path, config):
    docx = render(tmp_path, {"grafik": example_chart(config),
                             "grafik_lalu": example_chart(config, last={"P1": D("80")})})
    with zipfile.ZipFile(docx) as z:
        names = set(z.namelist())
    assert {"word/charts/chart1.xml", "word/charts/chart2.xml",
            "word/embeddings/Microsoft_Excel_Worksheet1.xlsx",
            "word/embeddings/Microsoft_Excel_Worksheet2.xlsx"} <= names
    document = xml(docx, "word/document.xml")
    ids = [d.get("id") for d in document.iter(f"{{{NS['wp']}}}docPr")]
    assert len(ids) == 2 and len(set(ids)) == 2
    rids = [c.get(f"{{{NS['r']}}}id") for c in document.iter(f"{{{NS['c']}}}chart")]
    targets = {rels_of(docx, "word/document.xml")[r][1] for r in rids}
    assert targets == {"charts/chart1.xml", "charts/chart2.xml"}
    # Each chart is in a run of its own inside the paragraph that held the placeholder.
    for inline in document.iter(f"{{{NS['wp']}}}inline"):
        assert inline.getparent().getparent().tag == f"{{{NS['w']}}}r"
    assert len(xml(docx, "word/charts/chart2.xml").findall(".//c:barChart/c:ser", NS)) == 2


def _audit_binary() -> str | None:
    beside = Path(sys.executable).parent / "openxml-audit"
    return str(beside) if beside.is_file() else shutil.which("openxml-audit")


@pytest.mark.skipif(_audit_binary() is None, reason="openxml-audit tidak terpasang")
def test_openxml_audit_finds_no_error(tmp_path, config):
    persen = EXAMPLE | {"P4": D("59.20")}
    docx = render(tmp_path, {"grafik": example_chart(config),
                             "grafik_lalu": example_chart(config, persen, {"P1": D("80")})})
    result = subprocess.run([_audit_binary(), str(docx)], capture_output=True, text=True,
                            timeout=120)
    assert "Errors: 0" in result.stdout, result.stdout + result.stderr


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) tidak terpasang")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext tidak terpasang")
def test_libreoffice_draws_the_labels(tmp_path, config):
    from zidoc.store.office import convert

    persen = EXAMPLE | {"P4": D("59.20")}
    docx = render(tmp_path, {"grafik": example_chart(config, persen, {"P1": D("80")})})
    (pdf,) = convert([docx], tmp_path / "pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for label in ("88,63", "92,86", "59,20", "Minimal WBK (60,00%)", "Tahun 2023",
                  "Di bawah 60,00%", "Persen (%)"):
        assert label in text
    assert "88.63" not in text


def test_without_predicate_lines_there_is_no_line_chart(config):
    scores = score(config.lke, (), EXAMPLE)
    chart = area_chart_data(scores, (), 2024)
    space, _ = chart_parts(area_bar_chart(chart))
    assert space.find(".//c:lineChart", NS) is None
    assert len(space.findall(".//c:barChart/c:ser", NS)) == 1
    assert alt_text(chart).endswith("Peningkatan Kualitas Pelayanan Publik 85,81%.")


def test_workbook_columns_fit_their_texts(tmp_path, config):
    """Excel shows the area names and series names whole (not cut off at Excel's default
    width)."""
    import openpyxl

    chart = example_chart(config, last={"P2": D("90.5")})
    docx = render(tmp_path, {"grafik": chart})
    with zipfile.ZipFile(docx) as z:
        blob = z.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(blob)).active
    headings = [c.value for c in sheet[1]]
    assert sheet.column_dimensions["A"].width >= max(len(n) for n in chart.names)
    for column, heading in zip("BCDE", headings[1:]):
        assert sheet.column_dimensions[column].width >= len(heading), heading


def test_a_general_chart_from_another_report():
    """The monitoring report's kind of chart: two labelled series, its own axis and line
    colour; every value in the cached values and the workbook."""
    import openpyxl
    from zidoc.documents.chart import Series, Threshold, bar_chart

    names = ("Manajemen Perubahan", "Penataan Tatalaksana", "Penguatan Pengawasan")
    target = Series("Target", (D(80), D(70), D(90)), colour="#a0a0a0",
                    labels=("80,00", "70,00", "90,00"))
    capaian = Series("Capaian", (D("85.5"), None, D("40.25")), colour="#2e7d32",
                     labels=("85,50", "-", "40,25"),
                     point_colours=(None, None, "#c00000"))
    chart = bar_chart(names, [target, capaian], [Threshold("Batas (50%)", D(50), "#123456")],
                      title="Capaian per area", axis_title="Capaian (%)", axis_max=D(120))
    space, blob = chart_parts(chart)
    bars = space.findall(".//c:barChart/c:ser", NS)
    assert [strings(s.find("c:tx/c:strRef/c:strCache", NS)) for s in bars] == [
        ["Target"], ["Capaian"]]
    assert numbers(bars[0]) == [80.0, 70.0, 90.0]
    assert numbers(bars[1]) == [85.5, None, 40.25]
    assert [s.find("c:spPr//a:srgbClr", NS).get("val") for s in bars] == ["A0A0A0", "2E7D32"]
    for series, s in zip((target, capaian), bars):
        texts = [d.findtext(".//a:t", namespaces=NS) for d in s.findall("c:dLbls/c:dLbl", NS)]
        assert texts == list(series.labels)
    (point,) = bars[1].findall("c:dPt", NS)
    assert point.find("c:idx", NS).get("val") == "2"
    (line,) = space.findall(".//c:lineChart/c:ser", NS)
    assert numbers(line) == [50.0] * 3
    assert line.find("c:spPr/a:ln//a:srgbClr", NS).get("val") == "123456"
    assert float(space.find(".//c:valAx/c:scaling/c:max", NS).get("val")) == 120
    assert space.findtext(".//c:valAx/c:title//a:t", namespaces=NS) == "Capaian (%)"
    rows = list(openpyxl.load_workbook(io.BytesIO(blob)).active.iter_rows(values_only=True))
    assert rows[0] == (None, "Target", "Capaian", "Batas (50%)")
    assert [r[0] for r in rows[1:]] == list(names)
    assert [r[2] for r in rows[1:]] == [85.5, None, 40.25]


def test_the_placer_pickles_and_places_the_chart(tmp_path, config):
    """Batch builds run in processes: what the registry's picture maker returns pickles."""
    import pickle

    from docxtpl import DocxTemplate
    from zidoc.documents.wordchart import chart_placer

    chart = area_bar_chart(example_chart(config))
    place = pickle.loads(pickle.dumps(chart_placer(chart, 150, 80, font="Arial")))
    tpl = DocxTemplate(str(make_template(tmp_path / "t.docx", "grafik")))
    tpl.init_docx()
    inline = place(tpl)
    assert isinstance(inline, InlineChart) and inline.chart == chart
    assert (inline.width_mm, inline.height_mm, inline.font) == (150, 80, "Arial")


def test_the_laporan_holds_the_native_chart(workspace, config, example_workbook):
    """The build's Laporan: a native chart (no picture) with the scores' values in its
    workbook and cache, and the alt text of its values. (openxml-audit of chart parts:
    test_openxml_audit_finds_no_error, on a small document: auditing the whole Laporan takes
    seconds.)"""
    import openpyxl
    from zidoc.build import build_workbook, load
    from zidoc.documents.chart import area_alt_text

    loaded = load(example_workbook, config)
    area = area_chart_data(loaded.scores, config.predikat, loaded.workbook.identitas.tahun)
    result = build_workbook(example_workbook, config, workspace / "outputs", only=("laporan",))
    (docx,) = [p for p in result.written if p.suffix == ".docx"]
    with zipfile.ZipFile(docx) as z:
        names = z.namelist()
        blob = z.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")
    assert "word/charts/chart1.xml" in names
    assert not [n for n in names if n.startswith("word/media/")]
    document = xml(docx, "word/document.xml")
    (doc_pr,) = document.findall(".//wp:inline/wp:docPr", NS)
    assert doc_pr.get("descr") == area_alt_text(area)
    rows = list(openpyxl.load_workbook(io.BytesIO(blob)).active.iter_rows(values_only=True))
    assert [D(str(r[1])) for r in rows[1:]] == list(area.this_year)
    (bar,) = xml(docx, "word/charts/chart1.xml").findall(".//c:barChart/c:ser", NS)
    assert numbers(bar) == [float(v) for v in area.this_year]


def test_python_pptx_reads_the_chart_back(config):
    """An independent reader: python-pptx's chart model (the library whose writer this XML
    follows) reads every series, value, colour, label, axis and the legend back."""
    from pptx.chart.chart import Chart
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.oxml import parse_xml

    data = example_chart(config, EXAMPLE | {"P4": D("59.20")}, {"P1": D("85.10")})
    chart = area_bar_chart(data)
    view = Chart(parse_xml(chart_xml(chart, "Bookman Old Style")), None)
    bars, lines = view.plots
    assert list(bars.categories) == list(data.names)
    assert [s.name for s in bars.series] == ["Tahun 2023", "Tahun 2024"]
    assert bars.series[0].values == (85.1, None, None, None, None, None)
    assert bars.series[1].values == tuple(float(v) for v in data.this_year)
    assert [str(s.format.fill.fore_color.rgb) for s in bars.series] == ["B8C4D6", "1F4E79"]
    assert str(bars.series[1].points[3].format.fill.fore_color.rgb) == "C00000"
    texts = [bars.series[1].points[i].data_label.text_frame.text for i in range(6)]
    assert texts == ["88,63", "92,86", "85,82", "59,20", "88,42", "85,81"]
    assert [s.name for s in lines.series] == [
        "Minimal WBK (60,00%)", "Minimal WBBM (75,00%)", "Di bawah 60,00%"]
    assert [s.values for s in lines.series] == [(60.0,) * 6, (75.0,) * 6, (None,) * 6]
    assert str(lines.series[0].format.line.color.rgb) == "E08000"
    axis = view.value_axis
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (0, 100, 20)
    assert axis.axis_title.text_frame.text == "Persen (%)"
    assert view.has_legend and view.legend.position == XL_LEGEND_POSITION.TOP
    assert not view.has_title
    assert view.font.name == "Bookman Old Style" and view.font.size.pt == 8


def test_text_in_the_chart_is_escaped():
    """Workbook and config text is data in the chart XML as everywhere else."""
    from zidoc.documents.chart import Series, Threshold, bar_chart

    names = ('R&D <baru> "A"', "{{ 7*7 }}")
    chart = bar_chart(names, [Series("Nilai & <x>", (D(1), D(2)), labels=("1 < 2", "&"))],
                      [Threshold("Batas \"50\" & <lebih>", D(50))], title="T")
    space, blob = chart_parts(chart, font='A "quoted" & font')
    bar = space.find(".//c:barChart/c:ser", NS)
    assert strings(bar.find("c:cat/c:strRef/c:strCache", NS)) == list(names)
    assert strings(bar.find("c:tx/c:strRef/c:strCache", NS)) == ["Nilai & <x>"]
    assert [d.findtext(".//a:t", namespaces=NS) for d in bar.findall("c:dLbls/c:dLbl", NS)] \
        == ["1 < 2", "&"]
    assert space.find(".//c:txPr//a:latin", NS).get("typeface") == 'A "quoted" & font'
    assert strings(space.find(".//c:lineChart/c:ser/c:tx/c:strRef/c:strCache", NS)) == [
        'Batas "50" & <lebih>']


def test_a_chart_in_a_header_and_in_a_table_cell(tmp_path, config):
    """A template may put the chart anywhere a paragraph is: in a table cell, in a header.
    Each chart part is related from the part that shows it; the document stays valid."""
    from docx import Document
    from docxtpl import DocxTemplate

    doc = Document()
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    doc.sections[0].header.paragraphs[0].text = "{{ grafik_kepala }}"
    cell = doc.add_table(rows=1, cols=2).cell(0, 1)
    cell.paragraphs[0].text = "Grafik: {{ grafik_sel }} (lihat di atas)"
    template = tmp_path / "templat.docx"
    doc.save(template)

    tpl = DocxTemplate(str(template))
    tpl.init_docx()
    chart = area_bar_chart(example_chart(config))
    tpl.render({"grafik_kepala": InlineChart(tpl, chart, 60, 30),
                "grafik_sel": InlineChart(tpl, chart, 70, 40)}, autoescape=True)
    out = tmp_path / "hasil.docx"
    tpl.save(out)

    header_rels = rels_of(out, "word/header1.xml")
    body_rels = rels_of(out, "word/document.xml")
    header_chart = [t for kind, t in header_rels.values() if kind == RT + "chart"]
    body_chart = [t for kind, t in body_rels.values() if kind == RT + "chart"]
    assert len(header_chart) == len(body_chart) == 1 and header_chart != body_chart
    header = xml(out, "word/header1.xml")
    assert header.find(".//wp:inline/a:graphic/a:graphicData/c:chart", NS) is not None
    cell_xml = xml(out, "word/document.xml").find(".//w:tbl//w:tc[2]", NS)
    assert cell_xml.find(".//c:chart", NS) is not None
    text = "".join(cell_xml.itertext())
    assert text == "Grafik:  (lihat di atas)"
    ids = [d.get("id") for part in (header, xml(out, "word/document.xml"))
           for d in part.iter(f"{{{NS['wp']}}}docPr")]
    assert len(ids) == len(set(ids)) == 2
    if _audit_binary() is not None:
        result = subprocess.run([_audit_binary(), str(out)], capture_output=True, text=True,
                                timeout=120)
        assert "Errors: 0" in result.stdout, result.stdout + result.stderr
