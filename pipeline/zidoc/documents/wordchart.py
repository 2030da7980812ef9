"""A `BarChart` (chart.py) as a native, editable Word chart (DrawingML), not a picture.

- `word/charts/chartN.xml` (DrawingML chart, related from the story part that shows it),
  with `c:externalData` pointing at
- `word/embeddings/Microsoft_Excel_WorksheetN.xlsx` (package relationship), so Word's
  "Edit Data" opens the values (columns wide enough for the category names); the cached
  values in the chart XML (`c:strCache`, `c:numCache`) are what LibreOffice, and so the
  PDF/A archive, draws.

The chart XML is written here, element by element in the schema's order (CT_ChartSpace,
CT_BarSer, CT_LineSer, CT_DLbl ...), in the layout python-pptx's `ChartXmlWriter` gives a
clustered column chart (series in columns B, C ... of Sheet1, categories in A). python-pptx
wrote it until it cost more than the build could carry: importing it loads its whole
presentation model (about 0,06-0,1 s, a quarter of the whole build's floor; see
benchmarks/RESULTS.md). The tests hold the XML to independent readers instead: python-pptx's
own chart model reads the series, values, colours and labels back, openxml-audit checks it
against the schema, LibreOffice draws it, openpyxl opens the workbook. The embedded
workbook is written with openpyxl, already loaded to read the isian.

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
"""
from __future__ import annotations

from decimal import Decimal
from functools import partial
from html import escape  # xml.sax.saxutils would import urllib.request: 0,025 s

from zidoc.documents.chart import BarChart

CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Fixed axis ids: the same chart gives the same chart XML.
_CAT_AX, _VAL_AX = "500000001", "500000002"
_NUMBER_FORMAT = "0.00"
_FONT_SIZE = 800  # hundredths of a point: 8 pt
_LINE_DASHES = ("dash", "sysDot")  # WBK, WBBM, then alternating
_LINE_WIDTH = 19050  # EMU: 1,5 pt
_GRID_WIDTH = 6350  # EMU: 0,5 pt
_SHEET = "Sheet1"


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes; line breaks and tabs kept as references."""
    escaped = escape(text, quote=True)
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def _rgb(colour: str) -> str:
    return colour.lstrip("#").upper()


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{_rgb(colour)}"/></a:solidFill>'


_NO_LINE = "<a:ln><a:noFill/></a:ln>"
_WHITE = _fill("#FFFFFF")


def _number(value: Decimal | float | int) -> str:
    """A cached value as XML writes numbers: "88.63", "60", "91.66666666666666666666666667"."""
    text = format(Decimal(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _column(n: int) -> str:
    """Sheet column of series n (0: B): the chart refers to cells, as Word's own charts do."""
    letters = ""
    n += 1  # column A holds the categories
    while True:
        n, rest = divmod(n, 26)
        letters = chr(65 + rest) + letters
        if n == 0:
            return letters
        n -= 1


def _str_ref(ref: str, texts) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{escape(t, quote=False)}</c:v></c:pt>'
                     for i, t in enumerate(texts))
    return (f"<c:strRef><c:f>{ref}</c:f><c:strCache><c:ptCount val=\"{len(texts)}\"/>"
            f"{points}</c:strCache></c:strRef>")


def _num_ref(ref: str, values) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{_number(v)}</c:v></c:pt>'
                     for i, v in enumerate(values) if v is not None)  # None: no bar
    return (f"<c:numRef><c:f>{ref}</c:f><c:numCache><c:formatCode>{_NUMBER_FORMAT}"
            f"</c:formatCode><c:ptCount val=\"{len(values)}\"/>{points}</c:numCache>"
            "</c:numRef>")


def _run_properties(font: str | None) -> str:
    if not font:
        return f'<a:rPr sz="{_FONT_SIZE}" b="0"/>'
    return f'<a:rPr sz="{_FONT_SIZE}" b="0"><a:latin typeface={quoteattr(font)}/></a:rPr>'


def _rich(text: str, font: str | None) -> str:
    return (f"<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r>{_run_properties(font)}"
            f"<a:t>{escape(text, quote=False)}</a:t></a:r></a:p></c:rich></c:tx>")


def _text_properties(extra: str = "") -> str:
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{_FONT_SIZE}"/>'
            f"</a:pPr>{extra}</a:p></c:txPr>")


_FLAGS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
          "showBubbleSize")


def _flags(value_shown: bool) -> str:
    return "".join(f'<c:{flag} val="{int(value_shown and flag == "showVal")}"/>'
                   for flag in _FLAGS)


class _Sheet:
    """Where the series of one chart sit in its workbook: categories in A2..., series n's
    name in row 1 of its column and its values below."""

    def __init__(self, count: int):
        self.count = count

    def categories(self) -> str:
        return f"{_SHEET}!$A$2:$A${self.count + 1}"

    def name(self, n: int) -> str:
        return f"{_SHEET}!${_column(n)}$1"

    def values(self, n: int) -> str:
        column = _column(n)
        return f"{_SHEET}!${column}$2:${column}${self.count + 1}"


def _series_head(n: int, sheet: _Sheet, name: str) -> str:
    return (f'<c:idx val="{n}"/><c:order val="{n}"/>'
            f"<c:tx>{_str_ref(sheet.name(n), [name])}</c:tx>")


def _series_tail(n: int, sheet: _Sheet, categories, values) -> str:
    return (f"<c:cat>{_str_ref(sheet.categories(), categories)}</c:cat>"
            f"<c:val>{_num_ref(sheet.values(n), values)}</c:val>")


def _bar_series(n: int, sheet: _Sheet, chart: BarChart, font: str | None) -> str:
    series = chart.series[n]
    points = "".join(
        f'<c:dPt><c:idx val="{i}"/><c:spPr>{_fill(colour)}</c:spPr></c:dPt>'
        for i, colour in enumerate(series.point_colours or ()) if colour is not None)
    labels = ""
    if series.labels:
        # Each label its own literal text on a white ground, so a threshold line passing
        # behind a label does not cross it.
        labels = "<c:dLbls>" + "".join(
            f'<c:dLbl><c:idx val="{i}"/>{_rich(text, font)}<c:spPr>{_WHITE}</c:spPr>'
            f'<c:dLblPos val="outEnd"/>{_flags(True)}</c:dLbl>'
            for i, text in enumerate(series.labels)
        ) + f'{_flags(False)}<c:showLeaderLines val="1"/></c:dLbls>'
    return (f"<c:ser>{_series_head(n, sheet, series.name)}"
            f"<c:spPr>{_fill(series.colour)}</c:spPr><c:invertIfNegative val=\"0\"/>"
            f"{points}{labels}{_series_tail(n, sheet, chart.categories, series.values)}"
            "</c:ser>")


def _line_series(n: int, sheet: _Sheet, chart: BarChart) -> str:
    """Threshold line k (n: its column), or legend key k after the lines."""
    k = n - len(chart.series)
    count = len(chart.categories)
    if k < len(chart.lines):
        line = chart.lines[k]
        look = (f'<c:spPr><a:ln w="{_LINE_WIDTH}">{_fill(chart.line_colour(k))}'
                f'<a:prstDash val="{_LINE_DASHES[k % 2]}"/></a:ln></c:spPr>'
                '<c:marker><c:symbol val="none"/></c:marker>')
        name, values = line.label, [line.value] * count
    else:
        key = chart.keys[k - len(chart.lines)]
        look = (f"<c:spPr>{_NO_LINE}</c:spPr><c:marker><c:symbol val=\"square\"/>"
                f'<c:size val="7"/><c:spPr>{_fill(key.colour)}{_NO_LINE}</c:spPr></c:marker>')
        name, values = key.label, [None] * count
    return (f"<c:ser>{_series_head(n, sheet, name)}{look}"
            f"{_series_tail(n, sheet, chart.categories, values)}<c:smooth val=\"0\"/></c:ser>")


def _axes(chart: BarChart) -> str:
    category = (
        f'<c:catAx><c:axId val="{_CAT_AX}"/><c:scaling><c:orientation val="minMax"/>'
        '</c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:spPr><a:ln>{_fill("#808080")}</a:ln></c:spPr>{_text_properties()}'
        f'<c:crossAx val="{_VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>')
    value = (
        f'<c:valAx><c:axId val="{_VAL_AX}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{_number(chart.axis_max)}"/><c:min val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/>'
        f'<c:majorGridlines><c:spPr><a:ln w="{_GRID_WIDTH}">{_fill("#D9D9D9")}</a:ln>'
        "</c:spPr></c:majorGridlines>"
        f"<c:title>{_rich(chart.axis_title, None)}<c:overlay val=\"0\"/></c:title>"
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f"<c:spPr>{_NO_LINE}</c:spPr>{_text_properties()}"
        f'<c:crossAx val="{_CAT_AX}"/><c:crosses val="autoZero"/>'
        f'<c:crossBetween val="between"/><c:majorUnit val="{_number(chart.major_unit)}"/>'
        "</c:valAx>")
    return category + value


def chart_xml(chart: BarChart, font: str | None = None, workbook_rid: str | None = None
              ) -> bytes:
    """The chart part (`c:chartSpace`): bars, then threshold lines and legend keys on the
    same axes, a legend on top, no title (the document's caption names it), 8 pt text in
    `font`, Indonesian as its language, a white area without a frame; `workbook_rid`: the
    relationship of its embedded workbook."""
    sheet = _Sheet(len(chart.categories))
    n_bars = len(chart.series)
    axis_ids = f'<c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/>'
    bars = (
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        '<c:varyColors val="0"/>'
        + "".join(_bar_series(n, sheet, chart, font) for n in range(n_bars))
        + ('<c:gapWidth val="60"/><c:overlap val="-5"/>' if n_bars > 1
           else '<c:gapWidth val="90"/>')
        + f"{axis_ids}</c:barChart>")
    n_lines = len(chart.lines) + len(chart.keys)
    lines = "" if not n_lines else (
        '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
        + "".join(_line_series(n, sheet, chart) for n in range(n_bars, n_bars + n_lines))
        + f'<c:marker val="1"/>{axis_ids}</c:lineChart>')
    latin = f"<a:latin typeface={quoteattr(font)}/>" if font else ""
    external = ("" if workbook_rid is None else
                f'<c:externalData r:id={quoteattr(workbook_rid)}><c:autoUpdate val="0"/>'
                "</c:externalData>")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}" xmlns:r="{_R}">'
        '<c:date1904 val="0"/><c:lang val="id-ID"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/>'
        f"<c:plotArea>{bars}{lines}{_axes(chart)}</c:plotArea>"
        '<c:legend><c:legendPos val="t"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f"<c:spPr>{_WHITE}{_NO_LINE}</c:spPr>"
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{_FONT_SIZE}">{latin}'
        '</a:defRPr></a:pPr><a:endParaRPr lang="id-ID"/></a:p></c:txPr>'
        f"{external}</c:chartSpace>"
    ).encode()


def workbook_blob(chart: BarChart) -> bytes:
    """The embedded workbook (Word's "Edit Data"): the cells `chart_xml` refers to, every
    series, line and key a column, values as numbers (format 0.00), columns as wide as their
    longest text so Excel shows the area names whole. openpyxl writes it."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _SHEET
    count = len(chart.categories)
    columns = ([(s.name, s.values) for s in chart.series]
               + [(line.label, [line.value] * count) for line in chart.lines]
               + [(key.label, [None] * count) for key in chart.keys])
    sheet.append([None] + [name for name, _ in columns])
    for i, category in enumerate(chart.categories):
        sheet.append([category] + [None if values[i] is None else float(values[i])
                                   for _, values in columns])
    for row in sheet.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = _NUMBER_FORMAT
    sheet.column_dimensions["A"].width = _column_width(chart.categories)
    for n, (name, _) in enumerate(columns):
        sheet.column_dimensions[_column(n)].width = _column_width([name, "100,00"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column_width(texts) -> float:
    """Excel column width (in characters of the default font) fitting the longest text."""
    return min(max((len(t) for t in texts), default=8) + 2, 60)


def add_chart_part(story_part, chart: BarChart, font: str | None = None) -> str:
    """Add the chart part and its workbook to the package of `story_part` (the document
    body, a header or a footer); returns the relationship id of the chart in `story_part`."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import Part

    package = story_part.package
    chart_part = Part(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART,
                      b"", package)
    rid = story_part.relate_to(chart_part, RT.CHART)
    workbook = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                    CT.SML_SHEET, workbook_blob(chart), package)
    # The chart's XML names its workbook's relationship, known only once related.
    chart_part._blob = chart_xml(chart, font, chart_part.relate_to(workbook, RT.PACKAGE))
    return rid


def inline_xml(rid: str, docpr_id: int, width_emu: int, height_emu: int, descr: str,
               name: str = "Grafik") -> str:
    """`<w:r><w:drawing><wp:inline>` showing the chart related as `rid`."""
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
    from zidoc.documents.wordfix import story_parts

    for story in story_parts(tpl.docx):
        used += [int(v) for v in story.element.xpath("//@id") if v.isdigit()]
    docpr_id = max(used) + 1
    if docpr_id == getattr(part, "next_id", None):
        docpr_id += 1
    tpl._zidoc_docpr_id = docpr_id
    return docpr_id


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
