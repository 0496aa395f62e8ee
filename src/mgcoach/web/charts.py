"""Charts for the Trends page, drawn on the server as inline SVG: no script, no CDN.

Pure functions: a ``Chart`` (days and their values) in, an SVG string out. Every text is
escaped, every coordinate stays inside the viewBox whatever the data (empty, zeros, huge
values), numbers and dates on the axes are written in the page's language (``i18n/cldr*``). A day
without a value is a gap, never a zero bar: a logged zero gets a thin mark on the baseline.

A chart is drawn twice in one ``<svg>``: a wide and a narrow drawing (``FRAMES``), each a
``<symbol>`` of its own viewBox and text size placed by a ``<use>``, and the page's CSS shows the
one that fits the screen (the other is display:none, which also hides it from assistive
technology; the title and description are the outer element's, once). One drawing scaled to a
phone's width would shrink its text to 5 px: each is shown only where its text is drawn at 11 px
or more (static/pages.css gives the outer element the shown drawing's aspect ratio).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from .chart_layout import (
    CHAR_WIDTH,
    FRAMES,
    MAX_DATE_LABELS,
    NARROW,
    WIDE,
    Frame,
    Scale,
    date_step,
    fitted,
    format_tick,
    nice_ticks,
    short_date,
)

# The layout's names too: a chart's frames, ticks and dates are part of what it is.
__all__ = [
    "CHAR_WIDTH", "FRAMES", "MAX_DATE_LABELS", "NARROW", "SWATCH", "WIDE", "Chart", "Frame",
    "Series", "date_step", "fitted", "format_tick", "nice_ticks", "one_line", "render",
    "short_date",
]  # fmt: skip

MAX_BAR = 36.0
ZERO_MARK = 2.0
# Values beyond this are typing errors, not intakes; clamping keeps every sum finite.
MAX_VALUE = 1e15
SWATCH = 10.0  # the legend's colour squares
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
    from_zero: bool = True  # False: the left axis spans the values only (body weights)
    empty: str = "Nothing logged yet."
    lang: str = "en"


def _clean(value: float | None) -> float | None:
    """A drawable value: None for unknown or not-a-number, clamped to 0..MAX_VALUE."""
    if value is None or not math.isfinite(value):
        return None
    return min(max(float(value), 0.0), MAX_VALUE)


def _at(values: Sequence[float | None], index: int) -> float | None:
    return _clean(values[index]) if index < len(values) else None


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


class _Layout:
    def __init__(self, days: int, frame: Frame) -> None:
        self.days = max(days, 1)
        self.left, self.right = frame.left, frame.width - frame.right
        self.band = (self.right - self.left) / self.days
        self.bar = min(MAX_BAR, max(self.band * 0.72, min(1.0, self.band)))

    def start(self, index: int) -> float:
        return self.left + index * self.band

    def end(self, index: int) -> float:
        return min(self.left + (index + 1) * self.band, self.right)

    def center(self, index: int) -> float:
        return self.left + (index + 0.5) * self.band

    def bar_x(self, index: int) -> float:
        return self.center(index) - self.bar / 2


def _has_data(chart: Chart) -> bool:
    if not chart.days:
        return False
    measured = [*chart.bars, *([chart.dots] if chart.dots else [])]
    return any(_at(s.values, i) is not None for s in measured for i in range(len(chart.days)))


def _dots_left(chart: Chart) -> bool:
    """Dots alone (no bars, no line) are drawn on the left axis."""
    return chart.dots is not None and not chart.bars and chart.line is None


def _left_ticks(chart: Chart) -> list[float]:
    """The left axis's ticks: from 0, or around the dots' values when not ``from_zero``."""
    if not _dots_left(chart) or chart.dots is None:
        return nice_ticks(_left_max(chart), integer=chart.integer)
    values = [v for i in range(len(chart.days)) if (v := _at(chart.dots.values, i)) is not None]
    low, high = min(values, default=0.0), max(values, default=0.0)
    pad = max(1.0, (high - low) * 0.1)
    return nice_ticks(high + pad, integer=chart.integer, low=0.0 if chart.from_zero else low - pad)


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


def _axis(ticks: list[float], scale: Scale, x: float, anchor: str, lang: str) -> list[str]:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    parts = []
    for value in ticks:
        y = scale.y(value)
        label = _text(format_tick(value, step, lang))
        parts.append(
            f'<text x="{_n(x)}" y="{_n(min(y + 4, scale.low + 4))}" '
            f'text-anchor="{anchor}">{label}</text>'
        )
    return parts


def _grid(ticks: list[float], scale: Scale, frame: Frame) -> list[str]:
    return [
        f'<line x1="{_n(frame.left)}" y1="{_n(scale.y(v))}" x2="{_n(frame.width - frame.right)}" '
        f'y2="{_n(scale.y(v))}" stroke="#d6dedb" stroke-width="1"/>'
        for v in ticks
    ]


def _bars(chart: Chart, layout: _Layout, scale: Scale, day_class: str) -> list[str]:
    parts = ['<g class="bars">']
    for index, day in enumerate(chart.days):
        values = [(s, _at(s.values, index)) for s in chart.bars]
        if all(v is None for _s, v in values):
            continue  # not logged: a gap
        x = _n(layout.bar_x(index))
        width = _n(layout.bar)
        parts.append(f'<g class="{day_class}" data-date="{day.isoformat()}">')
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


def _step_line(series: Series, days: int, layout: _Layout, scale: Scale) -> list[str]:
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


def _dots(series: Series, days: int, layout: _Layout, scale: Scale) -> list[str]:
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


def _dates(chart: Chart, layout: _Layout, frame: Frame) -> list[str]:
    step = date_step(len(chart.days), frame.max_dates)
    bottom = frame.plot_bottom
    parts = []
    for index in range(0, len(chart.days), step):
        x = min(max(layout.center(index), layout.left), layout.right)
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(bottom)}" x2="{_n(x)}" y2="{_n(bottom + 4)}" '
            f'stroke="#56635f" stroke-width="1"/>'
        )
        label = _text(short_date(chart.days[index], chart.lang))
        parts.append(
            f'<text x="{_n(x)}" y="{_n(bottom + 5 + frame.font * 1.2)}" '
            f'text-anchor="middle">{label}</text>'
        )
    return parts


def _legend(series: list[Series], frame: Frame) -> list[str]:
    """A row of the series (the wide drawing) or rows of ``legend_columns`` (the narrow)."""
    if not series:
        return []
    columns = frame.legend_columns or len(series)
    start = frame.left if not frame.legend_columns else 8.0
    slot = (frame.width - start) / columns
    parts = ['<g class="key">']  # not "legend": app.css styles Today's .legend
    for index, item in enumerate(series):
        x = start + (index % columns) * slot
        y = min(frame.legend_y + (index // columns) * frame.font * 1.5, frame.height - 4)
        label = fitted(one_line(item.label), slot - SWATCH - 8, frame.font)
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y - SWATCH + 1)}" width="{_n(SWATCH)}" '
            f'height="{_n(SWATCH)}" fill={_attr(item.color)}/>'
        )
        parts.append(f'<text x="{_n(x + SWATCH + 4)}" y="{_n(y)}">{_text(label)}</text>')
    parts.append("</g>")
    return parts


def _units(chart: Chart, frame: Frame) -> list[str]:
    """The units of the axes, above them at the drawing's edges."""
    parts = []
    if chart.unit:
        parts.append(f'<text x="4" y="{_n(frame.font + 1)}">{_text(chart.unit)}</text>')
    if chart.dots is not None and chart.right_unit and not _dots_left(chart):
        parts.append(
            f'<text x="{_n(frame.width - 4)}" y="{_n(frame.font + 1)}" '
            f'text-anchor="end">{_text(chart.right_unit)}</text>'
        )
    return parts


def _drawing(chart: Chart, frame: Frame, ident: str) -> list[str]:
    """The chart in one frame: a ``<symbol>`` of its own viewBox and text size."""
    days = len(chart.days)
    layout = _Layout(days, frame)
    ticks = _left_ticks(chart)
    left = Scale(top=ticks[-1], low=frame.plot_bottom, high=frame.top, bottom=ticks[0])
    parts = [
        f'<symbol id="{ident}-{frame.name}" viewBox="0 0 {_n(frame.width)} {_n(frame.height)}" '
        f'font-size="{_n(frame.font)}">',
        '<g class="grid">',
        *_grid(ticks, left, frame),
        "</g>",
        '<g class="axis">',
        *_axis(ticks, left, frame.left - 6, "end", chart.lang),
        *_units(chart, frame),
    ]
    right = left if _dots_left(chart) else None
    if chart.dots is not None and right is None:
        right_ticks = nice_ticks(_right_max(chart))
        right = Scale(top=right_ticks[-1], low=frame.plot_bottom, high=frame.top)
        x = frame.width - frame.right + 6
        parts += _axis(right_ticks, right, x, "start", chart.lang)
    parts += _dates(chart, layout, frame)
    parts.append(
        f'<line x1="{_n(layout.left)}" y1="{_n(frame.plot_bottom)}" x2="{_n(layout.right)}" '
        f'y2="{_n(frame.plot_bottom)}" stroke="#56635f" stroke-width="1"/>'
    )
    parts.append("</g>")
    parts += _bars(chart, layout, left, frame.day_class)
    if chart.line is not None:
        parts += _step_line(chart.line, days, layout, left)
    if chart.dots is not None and right is not None:
        parts += _dots(chart.dots, days, layout, right)
    shown = [
        *chart.bars,
        *([chart.line] if chart.line else []),
        *([chart.dots] if chart.dots else []),
    ]
    parts += _legend(shown, frame)
    parts.append("</symbol>")
    return parts


def render(chart: Chart) -> str:
    """The chart as an ``<svg class="chart" role="img">`` element: title and desc, then a
    ``<symbol>`` and a ``<use>`` of it for each of ``FRAMES`` (a drawing has no ``<svg>`` of its
    own); with nothing to draw, the chart's ``empty`` text instead."""
    ident = _ident(chart.ident)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{ident}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{_text(chart.title)}</title>'
        f'<desc id="{ident}-desc">{_text(chart.desc)}</desc>'
    )
    if not _has_data(chart):
        # No viewBox out here: the text is drawn at its CSS size on any screen.
        return (
            f'{head}<text class="empty" x="50%" y="50%" text-anchor="middle" '
            f'dominant-baseline="middle">{_text(chart.empty)}</text></svg>'
        )
    parts = [head]
    for frame in FRAMES:
        parts += _drawing(chart, frame, ident)
    for frame in FRAMES:
        parts.append(f'<use class="chart-{frame.name}" href="#{ident}-{frame.name}"/>')
    parts.append("</svg>")
    return "".join(parts)
