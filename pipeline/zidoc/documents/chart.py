"""Bar charts in the documents: what a chart says, decided from the data; wordchart.py draws it
as a native, editable Word chart.

The general entry point, shared by the Laporan and the quarterly monitoring report:

    chart = bar_chart(
        categories=("Manajemen Perubahan", "Penataan Tatalaksana", ...),
        series=(Series("Target", targets, colour=COLOUR_LAST_YEAR),
                Series("Capaian Triwulan II", capaian, labels=("88,63", "92,86", ...))),
        lines=(Threshold("Minimal WBK (60,00%)", Decimal(60)),),
        title="Capaian per area",            # the chart's name in Word's selection pane
        alt_text="Grafik capaian per area triwulan II: ...",  # optional: a default is written
    )

and the document's registry entry places it as `{{ grafik }}` with a picture whose
maker returns `wordchart.chart_placer(chart, width_mm, height_mm, font)`:
`Picture("grafik", "zidoc.documents.monev:capaian_picture")` (the Laporan's is
`laporan.area_chart`).

- `categories`: the labels along the horizontal axis (one bar group each);
- `series`: the bars, left to right in a group; `values` are Decimals (None: no bar),
  `labels` the texts printed above the bars (as the document prints them, "88,63"; None: no
  labels), `point_colours` a colour per bar overriding the series' colour (None: keep it);
- `lines`: horizontal threshold lines across the chart (a value each, dashed), in the legend;
- `keys`: legend-only entries (a coloured square and a text), e.g. what a red bar means;
- `axis_title`, `axis_max`, `major_unit`: the value axis (0 to 100 by 20, "Persen (%)").

Every value lands in the chart's embedded workbook (Word: "Edit Data").

The Laporan's chart: `area_chart_data` decides what it says from the scores (values, printed
labels, red bars under the lowest predicate line, last year's values, the WBK/WBBM lines);
`area_bar_chart` turns that into a `BarChart` through `bar_chart`, with alt text stating the
values."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from zidoc.config import Predikat
from zidoc.formatting import angka, persen
from zidoc.scoring import Scores, round2

COLOUR_THIS_YEAR = "#1f4e79"
COLOUR_LAST_YEAR = "#b8c4d6"
COLOUR_BELOW = "#c00000"  # an area under the lowest predicate line
COLOUR_LINES = ("#e08000", "#c00000")  # WBK, WBBM (a third line and more: the last colour)

_COUNT_WORDS = {1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam",
                7: "tujuh", 8: "delapan", 9: "sembilan", 10: "sepuluh"}


# --- the general chart ------------------------------------------------------------------------

@dataclass(frozen=True)
class Series:
    """One row of bars: a value per category."""

    name: str  # legend text and the workbook's column heading
    values: tuple[Decimal | None, ...]  # None: no bar (an empty cell in the workbook)
    colour: str = COLOUR_THIS_YEAR
    labels: tuple[str, ...] | None = None  # printed above the bars; None: no labels
    point_colours: tuple[str | None, ...] | None = None  # per bar; None keeps `colour`


@dataclass(frozen=True)
class Threshold:
    """A horizontal line across the chart at `value` (a dashed line, in the legend)."""

    label: str  # "Minimal WBK (60,00%)"
    value: Decimal
    colour: str | None = None  # None: COLOUR_LINES in order


@dataclass(frozen=True)
class LegendKey:
    """A legend entry without values: a coloured square and its meaning."""

    label: str
    colour: str


@dataclass(frozen=True)
class BarChart:
    """Everything a native Word chart shows; built with `bar_chart`."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    lines: tuple[Threshold, ...]
    keys: tuple[LegendKey, ...]
    title: str
    alt_text: str
    axis_title: str = "Persen (%)"
    axis_max: Decimal = Decimal(100)
    major_unit: Decimal = Decimal(20)

    def line_colour(self, n: int) -> str:
        line = self.lines[n]
        return line.colour or COLOUR_LINES[min(n, len(COLOUR_LINES) - 1)]


def bar_chart(categories, series, lines=(), keys=(), *, title: str = "Grafik",
              alt_text: str | None = None, axis_title: str = "Persen (%)",
              axis_max: Decimal = Decimal(100), major_unit: Decimal = Decimal(20)) -> BarChart:
    """A bar chart of `series` over `categories` with threshold `lines` (see the module
    docstring). Every series has one value per category, and as many labels and point
    colours when it has them. Without `alt_text`, it is written from the values:
    "Grafik: Target: Manajemen Perubahan 80,00; ... Garis Minimal WBK (60,00%)."."""
    categories, series = tuple(categories), tuple(series)
    lines, keys = tuple(lines), tuple(keys)
    if not categories or not series:
        raise ValueError("a bar chart needs categories and at least one series")
    for s in series:
        for field in (s.values, s.labels, s.point_colours):
            if field is not None and len(field) != len(categories):
                raise ValueError(f"series {s.name!r}: {len(field)} values for "
                                 f"{len(categories)} categories")
    if alt_text is None:
        alt_text = describe(title, categories, series, lines)
    return BarChart(categories, series, lines, keys, title, alt_text, axis_title,
                    Decimal(axis_max), Decimal(major_unit))


def describe(title: str, categories, series, lines) -> str:
    """A plain alt text: each series' values by category, then the lines."""
    parts = []
    for s in series:
        shown = s.labels or tuple("-" if v is None else angka(v) for v in s.values)
        pairs = "; ".join(f"{c} {v}" for c, v in zip(categories, shown))
        parts.append(f"{s.name}: {pairs}.")
    if lines:
        parts.append("Garis " + _join([line.label for line in lines]) + ".")
    return f"{title}. " + " ".join(parts)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " dan " + words[-1]


# --- the Laporan's chart: the six pengungkit areas against the WBK and WBBM lines ------------

@dataclass(frozen=True)
class Line:
    label: str  # "Minimal WBK (60,00%)"
    value: Decimal


@dataclass(frozen=True)
class AreaChart:
    tahun: int
    names: tuple[str, ...]  # area names, in config order
    this_year: tuple[Decimal, ...]
    labels: tuple[str, ...]  # this year's values as printed: "88,63"
    below: tuple[bool, ...]  # under the lowest predicate line (judged on the printed value)
    last_year: tuple[Decimal | None, ...] | None  # None: no area has last year's value
    lines: tuple[Line, ...]
    lowest: Decimal | None  # the lowest predicate line, for the legend of red bars

    @property
    def any_below(self) -> bool:
        return any(self.below)


def area_chart_data(scores: Scores, predikat: tuple[Predikat, ...], tahun: int) -> AreaChart:
    """What the chart shows. The example (P1 88,63 ... P6 85,81; WBK 60%, WBBM 75%) gives
    labels ("88,63", "92,86", ...), no red bar, and the lines "Minimal WBK (60,00%)" and
    "Minimal WBBM (75,00%)"; P1 at 59,994 prints "59,99" and is red."""
    items = scores.pengungkit.items
    lowest = min((p.persen_area for p in predikat), default=None)
    last = tuple(i.persen_tahun_lalu for i in items)
    return AreaChart(
        tahun=tahun,
        names=tuple(i.nama for i in items),
        this_year=tuple(i.persen for i in items),
        # Labels as in the score table (Decimal, half up), not float formatting.
        labels=tuple(angka(i.persen) for i in items),
        below=tuple(lowest is not None and round2(i.persen) < lowest for i in items),
        last_year=last if any(v is not None for v in last) else None,
        lines=tuple(Line(f"Minimal {p.nama} ({persen(p.persen_area)})", p.persen_area)
                    for p in predikat),
        lowest=lowest,
    )


def area_bar_chart(chart: AreaChart) -> BarChart:
    """The area chart as a `BarChart`: last year's bars (when known) beside this year's,
    this year's labelled, red where under the lowest line, with a legend key for red."""
    series = []
    if chart.last_year is not None:
        series.append(Series(f"Tahun {chart.tahun - 1}", chart.last_year, COLOUR_LAST_YEAR))
    series.append(Series(
        f"Tahun {chart.tahun}", chart.this_year, COLOUR_THIS_YEAR, labels=chart.labels,
        point_colours=tuple(COLOUR_BELOW if b else None for b in chart.below)))
    keys = (LegendKey(below_label(chart), COLOUR_BELOW),) if chart.any_below else ()
    return bar_chart(chart.names, series, [Threshold(line.label, line.value) for line in chart.lines],
                     keys, title="Grafik nilai area pengungkit", alt_text=area_alt_text(chart))


def below_label(chart: AreaChart) -> str:
    return f"Di bawah {persen(chart.lowest)}"


def area_alt_text(chart: AreaChart) -> str:
    """What the chart says, in words, for screen readers and for Word's alt text."""
    count = len(chart.names)
    areas = []
    for n, (name, label) in enumerate(zip(chart.names, chart.labels)):
        text = f"{name} {label}%"
        last = chart.last_year[n] if chart.last_year is not None else None
        if last is not None:
            text += f" (tahun {chart.tahun - 1}: {angka(last)}%)"
        areas.append(text)
    words = [f"Grafik persentase {_COUNT_WORDS.get(count, str(count))} area pengungkit "
             f"tahun {chart.tahun}: " + "; ".join(areas) + "."]
    if chart.lines:
        lines = [f"{_line_name(line.label)} {persen(line.value)}" for line in chart.lines]
        words.append(f"Garis minimal {_join(lines)}.")
    below = [name for name, b in zip(chart.names, chart.below) if b]
    if below:
        words.append(f"Area di bawah {persen(chart.lowest)}: {', '.join(below)}.")
    return " ".join(words)


def _line_name(label: str) -> str:
    """"Minimal WBK (60,00%)" -> "WBK"."""
    return re.sub(r"\s*\(.*\)$", "", label.removeprefix("Minimal "))
