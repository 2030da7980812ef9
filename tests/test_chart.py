"""Chart data (what the chart says), without drawing it."""
from decimal import Decimal as D

from zidoc.documents.chart import area_chart_data, area_chart_png
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


def test_png_is_drawn(config):
    png = area_chart_png(score(config.lke, config.predikat, EXAMPLE), config.predikat, 2024)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
