"""Laying out the open-areas bar chart as SVG shapes; the template draws them."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 16, 40


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


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


def bars(points: list[tuple[str, int]]) -> tuple[list[Bar], list[Tick]]:
    """Bars for (label, value) points and whole-number axis ticks at a round step."""
    largest = max((v for _, v in points), default=0)
    step = nice_top(-(-largest // 4))
    top = step * max(1, -(-largest // step))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    shapes = []
    for n, (label, value) in enumerate(points):
        h = plot_h * value / top
        shapes.append(
            Bar(LEFT + n * slot + slot * 0.15, TOP + plot_h - h, slot * 0.7, h, label, value)
        )
    ticks = [Tick(TOP + plot_h - plot_h * k * step / top, k * step) for k in range(top // step + 1)]
    return shapes, ticks
