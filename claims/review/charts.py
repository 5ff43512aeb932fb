"""Small server-rendered SVG charts: horizontal bars and lines over days.

The geometry is computed here and drawn by templates/review/_bar_chart.html and
_line_chart.html: no JavaScript, no external service, nothing for the Content Security
Policy to refuse. Labels are escaped by the template engine like any other text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

PALETTE = ["#1d4ed8", "#b91c1c", "#047857", "#a16207", "#7c3aed", "#0e7490", "#be185d"]


@dataclass(slots=True)
class Bar:
    label: str
    value: float
    text: str
    y: float
    width: float
    colour: str


@dataclass(slots=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    bar_height: int
    plot_width: int
    empty: str = "Nothing yet."
    kind: str = "bar"

    @property
    def bar_x(self) -> int:
        return self.label_width + 8


def bar_chart(
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    colours: list[str] | None = None,
    maximum: float | None = None,
    percent: bool = False,
    width: int = 520,
    empty: str = "Nothing yet.",
) -> BarChart:
    """One horizontal bar per (label, value); `percent` shows values in 0..1 as percentages."""
    label_width, bar_height, gap = 180, 18, 8
    plot_width = width - label_width - 8 - 56
    top = max([maximum or 0.0, *[v for _, v in items]]) or 1.0
    bars = []
    for index, (label, value) in enumerate(items):
        colour = (colours or PALETTE)[index % len(colours or PALETTE)]
        text = f"{value * 100:.0f}%" if percent else f"{value:g}"
        bars.append(
            Bar(
                label=label if len(label) <= 24 else label[:23] + "…",
                value=value,
                text=text,
                y=index * (bar_height + gap) + 4,
                width=max(plot_width * value / top, 1.0 if value else 0.0),
                colour=colour,
            )
        )
    height = max(len(items) * (bar_height + gap) + 8, 40)
    return BarChart(title, bars, width, height, label_width, bar_height, plot_width, empty)


@dataclass(slots=True)
class Series:
    name: str
    colour: str
    points: str  # "x,y x,y …" for <polyline>
    last: int
    dots: list[tuple[float, float]] = field(default_factory=list)


@dataclass(slots=True)
class LineChart:
    title: str
    series: list[Series]
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    maximum: int
    first_day: str
    last_day: str
    empty: str = "Nothing yet."
    kind: str = "line"

    @property
    def bottom(self) -> int:
        return self.top + self.plot_height

    @property
    def right(self) -> int:
        return self.left + self.plot_width


def line_chart(
    title: str,
    days: list[date],
    series: list[tuple[str, list[int]]],
    *,
    width: int = 520,
    height: int = 220,
    empty: str = "Nothing yet.",
) -> LineChart:
    """Lines of cumulative counts over `days` (one value per day and series)."""
    left, top, right, bottom = 40, 12, 12, 28
    plot_width, plot_height = width - left - right, height - top - bottom
    maximum = max([1, *[max(values, default=0) for _, values in series]])
    step = plot_width / max(len(days) - 1, 1)
    drawn = []
    for index, (name, values) in enumerate(series):
        dots = [
            (round(left + i * step, 1), round(top + plot_height * (1 - v / maximum), 1))
            for i, v in enumerate(values)
        ]
        drawn.append(
            Series(
                name=name,
                colour=PALETTE[index % len(PALETTE)],
                points=" ".join(f"{x},{y}" for x, y in dots),
                last=values[-1] if values else 0,
                dots=dots if len(dots) <= 31 else [],
            )
        )
    return LineChart(
        title=title,
        series=drawn,
        width=width,
        height=height,
        left=left,
        top=top,
        plot_width=plot_width,
        plot_height=plot_height,
        maximum=maximum,
        first_day=days[0].isoformat() if days else "",
        last_day=days[-1].isoformat() if days else "",
        empty=empty,
    )
