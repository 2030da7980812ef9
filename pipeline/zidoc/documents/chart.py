"""The bar chart of the six pengungkit areas against the WBK and WBBM lines.

`area_chart_data` decides what the chart says (values, labels, colours, lines) from the
scores; `area_chart_png` only draws it, so another drawing (a native Word chart, the
monitoring report) can share the same data."""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from decimal import Decimal

from zidoc.config import Predikat
from zidoc.documents.formatting import angka, persen
from zidoc.scoring import Scores, round2

COLOUR_THIS_YEAR = "#1f4e79"
COLOUR_LAST_YEAR = "#b8c4d6"
COLOUR_BELOW = "#c00000"  # an area under the lowest predicate line
COLOUR_LINES = ("#e08000", "#c00000")  # WBK, WBBM


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


def area_chart_png(scores: Scores, predikat: tuple[Predikat, ...], tahun: int) -> bytes:
    """PNG bytes: this year's area percentages, last year's beside them when known."""
    return draw_png(area_chart_data(scores, predikat, tahun))


def draw_png(chart: AreaChart) -> bytes:
    # No pyplot: no global state, no GUI backend; the Agg canvas is attached explicitly.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = [textwrap.fill(name, 16) for name in chart.names]
    now = [float(v) for v in chart.this_year]

    fig = Figure(figsize=(6.3, 3.4), dpi=200)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    positions = list(range(len(now)))
    width = 0.38 if chart.last_year else 0.6
    if chart.last_year:
        ax.bar(
            [p - width / 2 for p in positions],
            [0 if v is None else float(v) for v in chart.last_year], width,
            label=f"Tahun {chart.tahun - 1}", color=COLOUR_LAST_YEAR,
        )
        bars = ax.bar([p + width / 2 for p in positions], now, width,
                      label=f"Tahun {chart.tahun}", color=COLOUR_THIS_YEAR)
    else:
        bars = ax.bar(positions, now, width, label=f"Tahun {chart.tahun}",
                      color=COLOUR_THIS_YEAR)
    for bar, value, text, below in zip(bars, now, chart.labels, chart.below):
        if below:
            bar.set_color(COLOUR_BELOW)
        ax.annotate(text, (bar.get_x() + bar.get_width() / 2, value),
                    ha="center", va="bottom", fontsize=6.5, xytext=(0, 2),
                    textcoords="offset points",
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"})
    styles = ("--", ":")
    for n, line in enumerate(chart.lines):
        ax.axhline(float(line.value), color=COLOUR_LINES[min(n, 1)],
                   linestyle=styles[n % 2], linewidth=1, label=line.label)
    if chart.any_below:
        ax.bar([0], [0], width=0, color=COLOUR_BELOW, label=f"Di bawah {persen(chart.lowest)}")
    ax.set_xticks(positions, labels, fontsize=6.5)
    ax.set_ylim(0, 108)  # headroom for the label of a bar at 100
    ax.set_yticks(range(0, 101, 20))
    ax.set_ylabel("Persen (%)", fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=6.5, loc="lower center", bbox_to_anchor=(0.5, 1.02), ncol=4, frameon=False)
    # Fixed margins, not tight_layout(): that draws the whole figure once more (half the time).
    fig.subplots_adjust(left=0.08, right=0.985, top=0.86, bottom=0.18)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
