"""Charts of a roll-up (matplotlib, Agg): horizontal bars, drawn with DejaVu Sans, which matplotlib
ships and which has every Vietnamese glyph."""
from __future__ import annotations

import io
import textwrap

FONT = "DejaVu Sans"


def chart_png(title: str, labels: list[str], values: list[float], unit: str = "%",
              width_cm: float = 22.0, max_height_cm: float = 12.0, dpi: int = 150) -> tuple[bytes, float, float]:
    """A bar chart as PNG bytes and its size in cm (width, height), at most ``width_cm`` × ``max_height_cm``."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    height_cm = min(max_height_cm, 2.5 + 0.8 * len(labels))
    fig = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=dpi)
    ax = fig.add_subplot()
    wrapped = [textwrap.shorten(label, 60, placeholder="…") for label in labels]
    positions = list(range(len(values)))[::-1]
    bars = ax.barh(positions, values, color="#4a7ab5")
    ax.set_yticks(positions, wrapped, fontfamily=FONT, fontsize=7)
    ax.set_title(title, fontfamily=FONT, fontsize=9)
    top = max([100.0, *values]) if unit == "%" else max([1.0, *values])
    ax.set_xlim(0, top * 1.12)
    from ..vnformat import number
    for bar, value in zip(bars, values):
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2,
                number(value, 1) + (unit if unit == "%" else ""), va="center", fontfamily=FONT, fontsize=7)
    for tick in ax.get_xticklabels():
        tick.set_fontfamily(FONT)
        tick.set_fontsize(7)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue(), width_cm, height_cm
