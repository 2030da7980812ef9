"""Chart data (what the chart says), without drawing it (test_wordchart.py draws it)."""
from decimal import Decimal as D

import pytest
from zidoc.documents.chart import (
    COLOUR_BELOW,
    COLOUR_LAST_YEAR,
    COLOUR_LINES,
    COLOUR_THIS_YEAR,
    Series,
    Threshold,
    area_alt_text,
    area_bar_chart,
    area_chart_data,
    bar_chart,
)
from zidoc.scoring import score

EXAMPLE = dict(zip(("P1", "P2", "P3", "P4", "P5", "P6", "H1", "H2", "H3"),
                   map(D, "88.63 92.86 85.82 81.21 88.42 85.81 98.75 75.00 97.25".split())))


def test_example_labels_lines_and_no_red_bar(config):
    chart = area_chart_data(score(config.lke, config.predikat, EXAMPLE), config.predikat, 2024)
    assert chart.names[0] == "Manajemen Perubahan" and len(chart.names) == 6
    assert chart.labels == ("88,63", "92,86", "85,82", "81,21", "88,42", "85,81")
    assert chart.this_year[0] == D("88.63")
    assert chart.below == (False,) * 6 and not chart.any_below
    assert chart.last_year is None
    assert [line.label for line in chart.lines] == ["Minimal WBK (60,00%)",
                                                    "Minimal WBBM (75,00%)"]
    assert chart.lowest == D(60)


def test_area_under_the_lowest_line_is_judged_on_the_printed_value(config):
    persen = EXAMPLE | {"P1": D("59.994"), "P2": D("59.995")}
    chart = area_chart_data(score(config.lke, config.predikat, persen), config.predikat, 2024)
    # 59,994 prints 59,99 (under 60); 59,995 prints 60,00 (not under).
    assert chart.labels[:2] == ("59,99", "60,00")
    assert chart.below[:2] == (True, False) and chart.any_below


def test_last_year_only_where_known(config):
    scores = score(config.lke, config.predikat, EXAMPLE, D("89.24"), {"P2": D("90.5")})
    chart = area_chart_data(scores, config.predikat, 2024)
    assert chart.last_year == (None, D("90.5"), None, None, None, None)


def test_area_chart_as_a_bar_chart(config):
    """The Laporan's chart goes through the general entry point: last year's bars, then this
    year's (labelled, red under the lowest line), the predicate lines and a legend key."""
    persen = EXAMPLE | {"P4": D("59.20")}
    scores = score(config.lke, config.predikat, persen, D("89.24"), {"P2": D("90.5")})
    area = area_chart_data(scores, config.predikat, 2024)
    chart = area_bar_chart(area)
    assert chart.categories == area.names
    last, now = chart.series
    assert (last.name, last.values, last.colour, last.labels) == (
        "Tahun 2023", area.last_year, COLOUR_LAST_YEAR, None)
    assert (now.name, now.values, now.colour, now.labels) == (
        "Tahun 2024", area.this_year, COLOUR_THIS_YEAR, area.labels)
    assert now.point_colours == (None, None, None, COLOUR_BELOW, None, None)
    assert [(t.label, t.value) for t in chart.lines] == [(line.label, line.value)
                                                         for line in area.lines]
    assert [chart.line_colour(n) for n in range(2)] == list(COLOUR_LINES[:2])
    assert [(k.label, k.colour) for k in chart.keys] == [("Di bawah 60,00%", COLOUR_BELOW)]
    assert chart.alt_text == area_alt_text(area)
    assert (chart.axis_max, chart.major_unit, chart.axis_title) == (D(100), D(20), "Persen (%)")


def test_area_chart_without_last_year_or_red_bar(config):
    area = area_chart_data(score(config.lke, config.predikat, EXAMPLE), config.predikat, 2024)
    chart = area_bar_chart(area)
    assert [s.name for s in chart.series] == ["Tahun 2024"] and chart.keys == ()
    assert chart.series[0].point_colours == (None,) * 6


def test_general_bar_chart_for_another_report():
    """What the quarterly monitoring report does: its own series, one threshold line, a
    colour of its own for the line, and an alt text written from the values."""
    target = Series("Target", (D(80), D(75)), colour=COLOUR_LAST_YEAR)
    capaian = Series("Capaian Triwulan II", (D("81.5"), None), labels=("81,50", "-"))
    chart = bar_chart(("Manajemen Perubahan", "Penataan Tatalaksana"), [target, capaian],
                      [Threshold("Minimal WBK (60,00%)", D(60), colour="#00aa00")],
                      title="Capaian per area")
    assert chart.series == (target, capaian) and chart.line_colour(0) == "#00aa00"
    assert chart.alt_text == (
        "Capaian per area. Target: Manajemen Perubahan 80,00; Penataan Tatalaksana 75,00. "
        "Capaian Triwulan II: Manajemen Perubahan 81,50; Penataan Tatalaksana -. "
        "Garis Minimal WBK (60,00%).")
    assert bar_chart(["A"], [Series("S", (D(1),))], alt_text="Teks.").alt_text == "Teks."


def test_a_series_must_fit_the_categories():
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        bar_chart(("A", "B", "C"), [Series("S", (D(1), D(2)))])
    with pytest.raises(ValueError, match="1 values for 2 categories"):
        bar_chart(("A", "B"), [Series("S", (D(1), D(2)), labels=("1",))])
    with pytest.raises(ValueError, match="needs categories"):
        bar_chart((), [Series("S", ())])
