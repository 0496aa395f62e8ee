"""Charts for the Trends page, drawn on the server as inline SVG: no script, no CDN.

Pure functions: a ``Chart`` (days and their values) in, an SVG string out. Every text is
escaped, every coordinate stays inside the viewBox whatever the data (empty, zeros, huge
values), numbers and dates on the axes are formatted by Babel in the page's language. A day
without a value is a gap, never a zero bar: a logged zero gets a thin mark on the baseline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal, format_decimal

WIDTH = 720.0
HEIGHT = 280.0
LEFT = 58.0  # room for the left axis labels
RIGHT = 44.0  # room for the right axis labels
TOP = 22.0
PLOT_BOTTOM = HEIGHT - 54.0  # below: date labels, then the legend
LEGEND_Y = HEIGHT - 10.0
MAX_BAR = 36.0
ZERO_MARK = 2.0
# Values beyond this are typing errors, not intakes; clamping keeps every sum finite.
MAX_VALUE = 1e15
MAX_LABEL = 32  # legend characters (a legend slot is a fixed share of the width)
MAX_DATE_LABELS = 9
DATE_STEPS = (1, 2, 3, 7, 14, 28, 56, 91)
COMPACT_FROM = 100_000.0
MIN_SCALE = 0.01  # the smallest top of an axis
# Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Series:
    """One measure over the chart's days (None: no value that day). ``key`` is its CSS
    class, ``label`` its legend text (already translated), ``color`` its fill or stroke."""

    key: str
    label: str
    values: Sequence[float | None]
    color: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A day chart: stacked bars and a reference line on the left axis, and dots joined by a
    line on an optional right axis (a 0-10 scale, say)."""

    ident: str
    title: str
    desc: str
    days: Sequence[date]
    bars: Sequence[Series] = ()
    line: Series | None = None  # drawn as a step on the left axis (a target)
    dots: Series | None = None  # drawn on the right axis
    unit: str = ""
    right_unit: str = ""
    right_max: float | None = None
    integer: bool = False  # whole-number ticks on the left axis (counts)
    empty: str = "Nothing logged yet."
    lang: str = "en"


def _clean(value: float | None) -> float | None:
    """A drawable value: None for unknown or not-a-number, clamped to 0..MAX_VALUE."""
    if value is None or not math.isfinite(value):
        return None
    return min(max(float(value), 0.0), MAX_VALUE)


def _at(values: Sequence[float | None], index: int) -> float | None:
    return _clean(values[index]) if index < len(values) else None


def nice_ticks(high: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values from 0 to at least ``high``: steps of 1, 2, 2.5 or 5 × 10^n."""
    high = max(high, MIN_SCALE) if math.isfinite(high) and high > 0 else 1.0
    raw = high / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)
    if integer:
        step = max(1.0, math.ceil(step))
    steps = max(1, math.ceil(high / step - 1e-9))
    return [index * step for index in range(steps + 1)]


def _decimals(step: float) -> int:
    """The decimals a tick step needs: 0 for 25, 1 for 2.5, 2 for 0.25 (at most 3)."""
    for digits in range(3):
        scaled = step * 10**digits
        if abs(scaled - round(scaled)) < 1e-6:
            return digits
    return 3


def format_tick(value: float, step: float, lang: str) -> str:
    if value >= COMPACT_FROM:
        return str(format_compact_decimal(value, locale=lang, fraction_digits=1))
    digits = _decimals(step)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=lang))


def short_date(day: date, lang: str) -> str:
    """A day on an axis: "Mar 1" in English, "1 mrt" in Dutch."""
    return str(format_skeleton("MMMd", day, locale=lang))


def date_step(days: int) -> int:
    """Every how many days a date label goes on the axis."""
    for step in DATE_STEPS:
        if days / step <= MAX_DATE_LABELS:
            return step
    return math.ceil(days / MAX_DATE_LABELS)


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def one_line(value: str) -> str:
    """One line of text that XML can hold: no control characters, whitespace collapsed."""
    return " ".join(_NOT_XML.sub("", value).split())


def _attr(value: str) -> str:
    return quoteattr(one_line(value))


def _text(value: str) -> str:
    return escape(one_line(value))


def _ident(value: str) -> str:
    cleaned = re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-")
    return cleaned or "chart"


@dataclass(frozen=True, slots=True)
class _Scale:
    top: float  # the value at the top of the plot
    low: float  # the pixel row of 0
    high: float  # the pixel row of ``top``

    def y(self, value: float) -> float:
        share = 0.0 if self.top <= 0 else min(max(value / self.top, 0.0), 1.0)
        return self.low - share * (self.low - self.high)


class _Layout:
    def __init__(self, days: int) -> None:
        self.days = max(days, 1)
        self.band = (WIDTH - LEFT - RIGHT) / self.days
        self.bar = min(MAX_BAR, max(self.band * 0.72, min(1.0, self.band)))

    def start(self, index: int) -> float:
        return LEFT + index * self.band

    def end(self, index: int) -> float:
        return min(LEFT + (index + 1) * self.band, WIDTH - RIGHT)

    def center(self, index: int) -> float:
        return LEFT + (index + 0.5) * self.band

    def bar_x(self, index: int) -> float:
        return self.center(index) - self.bar / 2


def _has_data(chart: Chart) -> bool:
    if not chart.days:
        return False
    measured = [*chart.bars, *([chart.dots] if chart.dots else [])]
    return any(_at(s.values, i) is not None for s in measured for i in range(len(chart.days)))


def _left_max(chart: Chart) -> float:
    high = 0.0
    for index in range(len(chart.days)):
        stack = sum(v for s in chart.bars if (v := _at(s.values, index)) is not None)
        high = max(high, stack)
        if chart.line is not None:
            high = max(high, _at(chart.line.values, index) or 0.0)
    return high


def _right_max(chart: Chart) -> float:
    if chart.right_max is not None and chart.right_max > 0:
        return chart.right_max
    assert chart.dots is not None
    values = [v for i in range(len(chart.days)) if (v := _at(chart.dots.values, i)) is not None]
    return max(values, default=0.0)


def _axis(ticks: list[float], scale: _Scale, x: float, anchor: str, lang: str) -> list[str]:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    parts = []
    for value in ticks:
        y = scale.y(value)
        label = _text(format_tick(value, step, lang))
        parts.append(
            f'<text x="{_n(x)}" y="{_n(min(y + 4, PLOT_BOTTOM + 4))}" '
            f'text-anchor="{anchor}">{label}</text>'
        )
    return parts


def _grid(ticks: list[float], scale: _Scale) -> list[str]:
    return [
        f'<line x1="{_n(LEFT)}" y1="{_n(scale.y(v))}" x2="{_n(WIDTH - RIGHT)}" '
        f'y2="{_n(scale.y(v))}" stroke="#d6dedb" stroke-width="1"/>'
        for v in ticks
    ]


def _bars(chart: Chart, layout: _Layout, scale: _Scale) -> list[str]:
    parts = ['<g class="bars">']
    for index, day in enumerate(chart.days):
        values = [(s, _at(s.values, index)) for s in chart.bars]
        if all(v is None for _s, v in values):
            continue  # not logged: a gap
        x = _n(layout.bar_x(index))
        width = _n(layout.bar)
        parts.append(f'<g class="day" data-date="{day.isoformat()}">')
        base = 0.0
        for series, value in values:
            if not value:
                continue  # unknown, or nothing to stack
            y_top, y_base = scale.y(base + value), scale.y(base)
            parts.append(
                f'<rect class={_attr(_ident(series.key))} x="{x}" y="{_n(y_top)}" '
                f'width="{width}" height="{_n(max(0.0, y_base - y_top))}" '
                f"fill={_attr(series.color)}/>"
            )
            base += value
        if base == 0:
            parts.append(
                f'<rect class="zero" x="{x}" y="{_n(scale.low - ZERO_MARK)}" width="{width}" '
                f'height="{_n(ZERO_MARK)}" fill="#56635f"/>'
            )
        parts.append("</g>")
    parts.append("</g>")
    return parts


def _runs(values: Sequence[float | None], days: int) -> list[list[tuple[int, float]]]:
    """Consecutive days with a value (a missing day breaks the line)."""
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for index in range(days):
        value = _at(values, index)
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((index, value))
    if current:
        runs.append(current)
    return runs


def _step_line(series: Series, days: int, layout: _Layout, scale: _Scale) -> list[str]:
    parts = []
    for run in _runs(series.values, days):
        points = []
        for index, value in run:
            y = _n(scale.y(value))
            points += [f"{_n(layout.start(index))},{y}", f"{_n(layout.end(index))},{y}"]
        parts.append(
            f'<polyline class={_attr(_ident(series.key))} points="{" ".join(points)}" '
            f'fill="none" stroke={_attr(series.color)} stroke-width="2" stroke-dasharray="6 4"/>'
        )
    return parts


def _dots(series: Series, days: int, layout: _Layout, scale: _Scale) -> list[str]:
    parts = [f"<g class={_attr(_ident(series.key))}>"]
    for run in _runs(series.values, days):
        points = [f"{_n(layout.center(i))},{_n(scale.y(v))}" for i, v in run]
        if len(points) > 1:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" '
                f'stroke={_attr(series.color)} stroke-width="1.5"/>'
            )
        for index, value in run:
            parts.append(
                f'<circle cx="{_n(layout.center(index))}" cy="{_n(scale.y(value))}" r="3" '
                f"fill={_attr(series.color)}/>"
            )
    parts.append("</g>")
    return parts


def _dates(chart: Chart, layout: _Layout) -> list[str]:
    step = date_step(len(chart.days))
    parts = []
    for index in range(0, len(chart.days), step):
        x = min(max(layout.center(index), LEFT), WIDTH - RIGHT)
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(PLOT_BOTTOM)}" x2="{_n(x)}" y2="{_n(PLOT_BOTTOM + 4)}" '
            f'stroke="#56635f" stroke-width="1"/>'
        )
        label = _text(short_date(chart.days[index], chart.lang))
        parts.append(
            f'<text x="{_n(x)}" y="{_n(PLOT_BOTTOM + 17)}" text-anchor="middle">{label}</text>'
        )
    return parts


def _legend(series: list[Series]) -> list[str]:
    if not series:
        return []
    slot = (WIDTH - LEFT) / len(series)
    parts = ['<g class="legend">']
    for index, item in enumerate(series):
        x = LEFT + index * slot
        label = item.label if len(item.label) <= MAX_LABEL else item.label[: MAX_LABEL - 1] + "…"
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(LEGEND_Y - 9)}" width="10" height="10" '
            f"fill={_attr(item.color)}/>"
        )
        parts.append(f'<text x="{_n(x + 14)}" y="{_n(LEGEND_Y)}">{_text(label)}</text>')
    parts.append("</g>")
    return parts


def render(chart: Chart) -> str:
    """The chart as an ``<svg class="chart" role="img">`` element, title and desc first."""
    ident = _ident(chart.ident)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{ident}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {_n(WIDTH)} {_n(HEIGHT)}" '
        f'preserveAspectRatio="xMidYMid meet">'
        f'<title id="{ident}-title">{_text(chart.title)}</title>'
        f'<desc id="{ident}-desc">{_text(chart.desc)}</desc>'
    )
    if not _has_data(chart):
        return (
            f'{head}<text class="empty" x="{_n(WIDTH / 2)}" y="{_n(HEIGHT / 2)}" '
            f'text-anchor="middle">{_text(chart.empty)}</text></svg>'
        )
    days = len(chart.days)
    layout = _Layout(days)
    ticks = nice_ticks(_left_max(chart), integer=chart.integer)
    left = _Scale(top=ticks[-1], low=PLOT_BOTTOM, high=TOP)
    parts = [head, '<g class="grid">', *_grid(ticks, left), "</g>"]
    parts += ['<g class="axis">', *_axis(ticks, left, LEFT - 6, "end", chart.lang)]
    if chart.unit:
        parts.append(
            f'<text x="{_n(LEFT - 6)}" y="12" text-anchor="end">{_text(chart.unit)}</text>'
        )
    right: _Scale | None = None
    if chart.dots is not None:
        right_ticks = nice_ticks(_right_max(chart))
        right = _Scale(top=right_ticks[-1], low=PLOT_BOTTOM, high=TOP)
        parts += _axis(right_ticks, right, WIDTH - RIGHT + 6, "start", chart.lang)
        if chart.right_unit:
            parts.append(
                f'<text x="{_n(WIDTH - RIGHT + 6)}" y="12">{_text(chart.right_unit)}</text>'
            )
    parts += _dates(chart, layout)
    parts.append(
        f'<line x1="{_n(LEFT)}" y1="{_n(PLOT_BOTTOM)}" x2="{_n(WIDTH - RIGHT)}" '
        f'y2="{_n(PLOT_BOTTOM)}" stroke="#56635f" stroke-width="1"/>'
    )
    parts.append("</g>")
    parts += _bars(chart, layout, left)
    if chart.line is not None:
        parts += _step_line(chart.line, days, layout, left)
    if chart.dots is not None and right is not None:
        parts += _dots(chart.dots, days, layout, right)
    shown = [
        *chart.bars,
        *([chart.line] if chart.line else []),
        *([chart.dots] if chart.dots else []),
    ]
    parts += _legend(shown)
    parts.append("</svg>")
    return "".join(parts)
