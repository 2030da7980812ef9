"""A `BarChart` (chart.py) as a native, editable Word chart (DrawingML), not a picture.

The chart XML and its embedded workbook come from python-pptx (`ChartXmlWriter`, and its
XlsxWriter workbook writer), the maintained writer of these parts; its chart object model
then styles them (colours, labels, axis). This module only adapts the result to a Word
package:

- `word/charts/chartN.xml` (DrawingML chart, related from the story part that shows it),
  with `c:externalData` pointing at
- `word/embeddings/Microsoft_Excel_WorksheetN.xlsx` (package relationship), so Word's
  "Edit Data" opens the values (columns wide enough for the category names); the cached
  values in the chart XML (`c:strCache`, `c:numCache`) are what LibreOffice, and so the
  PDF/A archive, draws.

Threshold lines are a `c:lineChart` on the same axes as the bars: one series per line, with
the line's value in every category, so they stay editable in the same workbook. A legend key
(a meaning without values) is a line series without values and with a square marker.

Data labels are literal text ("88,63", as printed in the score table), not a number format:
the decimal separator of a number format follows the reader's system locale in Word and
LibreOffice alike, so only literal labels show the decimal comma everywhere.

`InlineChart(tpl, chart, width_mm, height_mm, font)` is the docxtpl counterpart of
`InlineImage`: rendering it in a template (`{{ grafik }}`) adds the parts and returns the run
XML. `chart_placer(chart, ...)` gives it to the renderer (render.py), which calls it with the
template.

python-pptx (about 0,05-0,1 s to import: its package imports its whole presentation model)
and XlsxWriter are imported only inside the functions that draw a chart.
"""
from __future__ import annotations

from functools import partial

from zidoc.documents.chart import BarChart

CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Fixed axis ids: the same chart gives the same chart XML (python-pptx draws random ones).
_CAT_AX, _VAL_AX = "500000001", "500000002"
_NUMBER_FORMAT = "0.00"
_WHITE = '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
_CHART_AREA = f'<c:spPr xmlns:c="{_C}" xmlns:a="{_A}">{_WHITE}<a:ln><a:noFill/></a:ln></c:spPr>'
_WHITE_GROUND = f'<c:spPr xmlns:c="{_C}" xmlns:a="{_A}">{_WHITE}</c:spPr>'
_FONT_SIZE_PT = 8


def _float(value) -> float | None:
    return None if value is None else float(value)


def chart_data(chart: BarChart):
    """python-pptx chart data: the categories, then one column per bar series, threshold line
    and legend key, in that order (the workbook's columns and the series' idx/order)."""
    from pptx.chart.data import CategoryChartData

    data = CategoryChartData(number_format=_NUMBER_FORMAT)
    data.categories = list(chart.categories)
    count = len(chart.categories)
    for series in chart.series:
        data.add_series(series.name, [_float(v) for v in series.values])
    for line in chart.lines:
        data.add_series(line.label, [float(line.value)] * count)
    for key in chart.keys:
        data.add_series(key.label, [None] * count)
    return data


def workbook_blob(data) -> bytes:
    """The embedded workbook: python-pptx's layout (the cells the chart refers to), with the
    columns as wide as their longest text, so Excel shows the area names whole."""
    from pptx.chart.xlsx import CategoryWorkbookWriter

    class Writer(CategoryWorkbookWriter):
        # `_populate_worksheet` is the documented hook of python-pptx's workbook writers
        # ("must be overridden by each subclass"): its own filling, then the widths.
        def _populate_worksheet(self, workbook, worksheet):
            super()._populate_worksheet(workbook, worksheet)
            names = [str(c.label) for c in data.categories]
            worksheet.set_column(0, 0, _column_width(names))
            for n, series in enumerate(data, 1):
                worksheet.set_column(n, n, _column_width([series.name, "100,00"]))

    return Writer(data).xlsx_blob


def _column_width(texts: list[str]) -> float:
    """Excel column width (in characters of the default font) fitting the longest text."""
    return min(max((len(t) for t in texts), default=8) + 2, 60)


def chart_space(chart: BarChart, font: str | None = None):
    """The styled `c:chartSpace` element (python-pptx oxml) and the workbook bytes."""
    from pptx.chart.chart import Chart
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.oxml import parse_xml

    data = chart_data(chart)
    n_bars = len(chart.series)
    has_lines = bool(chart.lines or chart.keys)
    # Both writers see every series, so each series' idx/order and cell references match
    # the one workbook; each keeps only its own series.
    space = parse_xml(ChartXmlWriter(XL_CHART_TYPE.COLUMN_CLUSTERED, data).xml.encode())
    line_space = parse_xml(ChartXmlWriter(XL_CHART_TYPE.LINE, data).xml.encode())
    ns = {"c": _C}
    bar_chart = space.find(".//c:barChart", ns)
    line_chart = line_space.find(".//c:lineChart", ns)
    for n, ser in enumerate(bar_chart.findall("c:ser", ns)):
        if n >= n_bars:
            bar_chart.remove(ser)
    for n, ser in enumerate(line_chart.findall("c:ser", ns)):
        if n < n_bars:
            line_chart.remove(ser)
    category_ids = {a.get("val") for s in (space, line_space)
                    for a in s.findall(".//c:catAx/c:axId", ns)}
    if has_lines:
        bar_chart.addnext(line_chart)  # plotArea: barChart, lineChart, then the axes
    # One pair of axes for bars and lines (a second, hidden pair for lines running edge to
    # edge was tried: LibreOffice then rescales the value axis and moves its title).
    for element in space.iter(f"{{{_C}}}axId", f"{{{_C}}}crossAx"):
        element.set("val", _CAT_AX if element.get("val") in category_ids else _VAL_AX)
    space.find(".//c:valAx/c:crosses", ns).addnext(
        parse_xml(f'<c:crossBetween xmlns:c="{_C}" val="between"/>'))

    # Square corners (Word draws rounded ones when the element is absent), Indonesian as
    # the chart's language, and a white chart area without a frame, like the page around it.
    space.find("c:date1904", ns).addnext(parse_xml(
        f'<c:roundedCorners xmlns:c="{_C}" val="0"/>'))
    space.find("c:date1904", ns).addnext(parse_xml(f'<c:lang xmlns:c="{_C}" val="id-ID"/>'))
    space.find("c:chart", ns).addnext(parse_xml(_CHART_AREA))

    for end in space.iter(f"{{{_A}}}endParaRPr"):
        end.set("lang", "id-ID")

    view = Chart(space, None)
    view.font.size = _pt(_FONT_SIZE_PT)
    if font:
        view.font.name = font
    view.has_title = False
    space.chart.get_or_add_autoTitleDeleted().set("val", "1")
    view.has_legend = True
    view.legend.position = XL_LEGEND_POSITION.TOP
    view.legend.include_in_layout = False

    _style_axes(view, chart)
    bar_plot = view.plots[0]
    bar_plot.gap_width = 60 if n_bars > 1 else 90
    bar_plot.overlap = -5 if n_bars > 1 else 0
    bar_plot.vary_by_categories = False
    for series, view_series in zip(chart.series, bar_plot.series):
        view_series.invert_if_negative = False
        _fill(view_series.format.fill, series.colour)
        for i, colour in enumerate(series.point_colours or ()):
            if colour is not None:
                _fill(view_series.points[i].format.fill, colour)
        for i, text in enumerate(series.labels or ()):
            label = view_series.points[i].data_label
            label.has_text_frame = True
            label.text_frame.text = text
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            run = label.text_frame.paragraphs[0].runs[0]
            run.font.size = _pt(_FONT_SIZE_PT)
            run.font.bold = False
            if font:
                run.font.name = font

    # A white ground, so a threshold line passing behind a label does not cross it
    # (c:spPr comes right before c:dLblPos in a c:dLbl).
    for position in space.iterfind(".//c:barChart/c:ser/c:dLbls/c:dLbl/c:dLblPos", ns):
        position.addprevious(parse_xml(_WHITE_GROUND))
    if has_lines:
        _style_lines(view.plots[1], chart)
    return space, workbook_blob(data)


def _style_axes(view, chart: BarChart) -> None:
    from pptx.enum.chart import XL_TICK_LABEL_POSITION, XL_TICK_MARK

    category = view.category_axis
    category.has_major_gridlines = False
    category.major_tick_mark = XL_TICK_MARK.NONE
    category.tick_labels.font.size = _pt(_FONT_SIZE_PT)
    category.format.line.color.rgb = _rgb("#808080")

    value = view.value_axis
    value.minimum_scale = 0
    value.maximum_scale, value.major_unit = float(chart.axis_max), float(chart.major_unit)
    value.has_major_gridlines = True
    gridlines = value.major_gridlines.format.line
    gridlines.color.rgb = _rgb("#d9d9d9")
    gridlines.width = _pt(0.5)
    value.major_tick_mark = XL_TICK_MARK.NONE
    value.tick_label_position = XL_TICK_LABEL_POSITION.NEXT_TO_AXIS
    value.tick_labels.number_format = "0"
    value.tick_labels.number_format_is_linked = False
    value.tick_labels.font.size = _pt(_FONT_SIZE_PT)
    value.format.line.fill.background()
    value.has_title = True
    value.axis_title.text_frame.text = chart.axis_title
    title_font = value.axis_title.text_frame.paragraphs[0].runs[0].font
    title_font.size = _pt(_FONT_SIZE_PT)
    title_font.bold = False


def _style_lines(plot, chart: BarChart) -> None:
    from pptx.enum.chart import XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE_DASH_STYLE

    dashes = (MSO_LINE_DASH_STYLE.DASH, MSO_LINE_DASH_STYLE.ROUND_DOT)
    series = list(plot.series)
    for n in range(len(chart.lines)):
        s = series[n]
        s.smooth = False
        s.marker.style = XL_MARKER_STYLE.NONE
        outline = s.format.line
        outline.color.rgb = _rgb(chart.line_colour(n))
        outline.width = _pt(1.5)
        outline.dash_style = dashes[n % 2]
    for key, s in zip(chart.keys, series[len(chart.lines):]):
        # No values: a legend entry only (a coloured square).
        s.smooth = False
        s.format.line.fill.background()
        s.marker.style = XL_MARKER_STYLE.SQUARE
        s.marker.size = 7
        _fill(s.marker.format.fill, key.colour)
        s.marker.format.line.fill.background()


def _fill(fill, colour: str) -> None:
    fill.solid()
    fill.fore_color.rgb = _rgb(colour)


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _pt(points: float):
    from pptx.util import Pt

    return Pt(points)


def add_chart_part(story_part, chart: BarChart, font: str | None = None) -> str:
    """Add the chart part and its workbook to the package of `story_part` (the document
    body, a header or a footer); returns the relationship id of the chart in `story_part`."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import Part, XmlPart
    from lxml import etree

    package = story_part.package
    space, xlsx = chart_space(chart, font)
    chart_part = XmlPart(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART,
                         space, package)
    rid = story_part.relate_to(chart_part, RT.CHART)
    workbook = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                    CT.SML_SHEET, xlsx, package)
    external = etree.SubElement(space, f"{{{_C}}}externalData")
    external.set(f"{{{_R}}}id", chart_part.relate_to(workbook, RT.PACKAGE))
    etree.SubElement(external, f"{{{_C}}}autoUpdate").set("val", "0")
    return rid


def inline_xml(rid: str, docpr_id: int, width_emu: int, height_emu: int, descr: str,
               name: str = "Grafik") -> str:
    """`<w:r><w:drawing><wp:inline>` showing the chart related as `rid`."""
    from xml.sax.saxutils import quoteattr

    return (
        '<w:r><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.'
        'openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f'<wp:extent cx="{width_emu}" cy="{height_emu}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{docpr_id}" name={quoteattr(name)} descr={quoteattr(descr)}/>'
        '<wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<a:graphicData uri="{CHART_URI}">'
        f'<c:chart xmlns:c="{_C}" xmlns:r="{_R}" r:id="{rid}"/>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def _next_docpr_id(tpl, part) -> int:
    """A wp:docPr id unused in the whole document (Word repairs the file otherwise).

    Larger than every id in the story parts as they stand, than the last id given on this
    template, and than docxtpl's own counter (`docx_ids_index`: after the body is rendered,
    docxtpl renumbers its docPr ids from 1001 up, but not those of headers and footers).
    docxtpl's InlineImage takes `part.next_id`, so that value is skipped."""
    used = [getattr(tpl, "_zidoc_docpr_id", 0), getattr(tpl, "docx_ids_index", 0)]
    for story in _story_parts(tpl.docx):
        used += [int(v) for v in story.element.xpath("//@id") if v.isdigit()]
    docpr_id = max(used) + 1
    if docpr_id == getattr(part, "next_id", None):
        docpr_id += 1
    tpl._zidoc_docpr_id = docpr_id
    return docpr_id


def _story_parts(document):
    yield document.part
    for section in document.sections:
        for item in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):
            if not item.is_linked_to_previous:
                yield item.part


class InlineChart:
    """A native chart for a docxtpl template, like docxtpl's `InlineImage`.

    `{{ grafik }}` in a paragraph of its own becomes the chart (the placeholder's run is
    closed, the chart's run added, and a new run opened for any text after it). Each
    rendering adds one chart part; the XML is returned from `__html__` so Jinja's
    autoescape keeps it."""

    def __init__(self, tpl, chart: BarChart, width_mm: float = 160, height_mm: float = 85,
                 font: str | None = None):
        self.tpl, self.chart = tpl, chart
        self.width_mm, self.height_mm, self.font = width_mm, height_mm, font

    def _insert(self) -> str:
        from docx.shared import Mm

        part = self.tpl.current_rendering_part or self.tpl.docx.part
        rid = add_chart_part(part, self.chart, self.font)
        number = getattr(self.tpl, "_zidoc_charts", 0) + 1
        self.tpl._zidoc_charts = number
        run = inline_xml(rid, _next_docpr_id(self.tpl, part), int(Mm(self.width_mm)),
                         int(Mm(self.height_mm)), self.chart.alt_text,
                         f"{self.chart.title} {number}")
        return f'</w:t></w:r>{run}<w:r><w:t xml:space="preserve">'

    def __html__(self) -> str:
        return self._insert()

    def __str__(self) -> str:
        return self._insert()


def chart_placer(chart: BarChart, width_mm: float = 160, height_mm: float = 85,
                 font: str | None = None):
    """What render.py places for `{{ name }}`: called with the template, it gives the
    `InlineChart`. A partial of the class, so it pickles (batch builds run in processes)."""
    return partial(InlineChart, chart=chart, width_mm=width_mm, height_mm=height_mm, font=font)
