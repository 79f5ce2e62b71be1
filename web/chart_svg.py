"""Laying out the dashboard's stacked bar chart as SVG shapes; the template draws them."""

from __future__ import annotations

from dataclasses import dataclass

from domain.areas.chart import ChartBar
from domain.labels import label
from domain.vocabulary import Rag

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 32, 48
# GOV.UK's red, orange and green, as the RAG tags show them; set as SVG fill attributes.
FILLS = {Rag.RED: "#d4351c", Rag.AMBER: "#f47738", Rag.GREEN: "#00703c"}


@dataclass(frozen=True)
class Segment:
    """One rating's part of a bar, drawn from `y` down `height`."""

    rag: str
    fill: str
    y: float
    height: float
    value: int
    title: str


@dataclass(frozen=True)
class StackedBar:
    x: float
    width: float
    month: str  # the label's first line ("Mar", "Before Mar", "ILACS …")
    year: str  # its second line ("2027"), so every label carries its year
    total: int
    segments: list[Segment]

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


def nice_top(largest: int) -> int:
    """A round axis maximum at or above `largest` (1, 2, 5 × 10ⁿ)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= max(largest, 1):
                return step * factor
        step *= 10


def _split_label(text: str) -> tuple[str, str]:
    """'Mar 2027' → ('Mar', '2027'); the year on the second line of the axis label."""
    head, _, year = text.rpartition(" ")
    return (head, year) if year.isdigit() else (text, "")


def stacked(points: list[ChartBar]) -> tuple[list[StackedBar], list[Tick]]:
    """Stacked bars (red at the bottom, then amber, then green) and whole-number axis ticks."""
    largest = max((p.total for p in points), default=0)
    step = nice_top(-(-largest // 4))
    top = step * max(1, -(-largest // step))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    shapes = []
    for n, point in enumerate(points):
        base: float = TOP + plot_h
        segments = []
        for rag in Rag:
            value = point.counts.get(rag.value, 0)
            h = plot_h * value / top
            base -= h
            title = f"{point.name}: {value} {label(rag).lower()}"
            segments.append(Segment(rag.value, FILLS[rag], base, h, value, title))
        month, year = _split_label(point.label)
        x = LEFT + n * slot + slot * 0.15
        shapes.append(StackedBar(x, slot * 0.7, month, year, point.total, segments))
    ticks = [Tick(TOP + plot_h - plot_h * k * step / top, k * step) for k in range(top // step + 1)]
    return shapes, ticks
