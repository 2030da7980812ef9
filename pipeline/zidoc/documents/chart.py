"""The bar chart of the six pengungkit areas against the WBK and WBBM lines."""
from __future__ import annotations

import io
import textwrap

from zidoc.config import Predikat
from zidoc.documents.formatting import angka, persen
from zidoc.scoring import Scores, round2


def area_chart_png(scores: Scores, predikat: tuple[Predikat, ...], tahun: int) -> bytes:
    """PNG bytes: this year's area percentages, last year's beside them when known."""
    # No pyplot: no global state, no GUI backend; the Agg canvas is attached explicitly.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    items = scores.pengungkit.items
    labels = [textwrap.fill(i.nama, 16) for i in items]
    now = [float(i.persen) for i in items]
    last = [None if i.persen_tahun_lalu is None else float(i.persen_tahun_lalu) for i in items]
    with_last = any(v is not None for v in last)

    fig = Figure(figsize=(6.3, 3.4), dpi=200)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    positions = list(range(len(items)))
    width = 0.38 if with_last else 0.6
    if with_last:
        ax.bar(
            [p - width / 2 for p in positions], [v or 0 for v in last], width,
            label=f"Tahun {tahun - 1}", color="#b8c4d6",
        )
        bars = ax.bar([p + width / 2 for p in positions], now, width, label=f"Tahun {tahun}",
                      color="#1f4e79")
    else:
        bars = ax.bar(positions, now, width, label=f"Tahun {tahun}", color="#1f4e79")
    # An area under the lowest predicate line stands out in red.
    lowest = min((p.persen_area for p in predikat), default=None)
    below = False
    for bar, item in zip(bars, items):
        if lowest is not None and round2(item.persen) < lowest:
            bar.set_color("#c00000")
            below = True
        # Labels as in the score table (Decimal, half up), not float formatting.
        ax.annotate(angka(item.persen), (bar.get_x() + bar.get_width() / 2, float(item.persen)),
                    ha="center", va="bottom", fontsize=6.5, xytext=(0, 2),
                    textcoords="offset points",
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"})
    styles = ("--", ":")
    for n, p in enumerate(predikat):
        ax.axhline(float(p.persen_area), color="#c00000" if n else "#e08000",
                   linestyle=styles[n % 2], linewidth=1,
                   label=f"Minimal {p.nama} ({persen(p.persen_area)})")
    if below:
        ax.bar([0], [0], width=0, color="#c00000", label=f"Di bawah {persen(lowest)}")
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
