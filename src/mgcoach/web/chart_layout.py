"""Where the parts of a chart (web/charts.py) go: its two drawings' frames, the round ticks of
its axes and how they are written, which days get a date label, and how much of a legend label
fits. Numbers and dates are CLDR's (``i18n/cldr*.py``), in the page's language."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from ..i18n.cldr_dates import format_skeleton
from ..i18n.cldr_numbers import fixed_pattern, format_compact, format_decimal

MAX_LABEL = 32  # legend characters at most, however wide its slot
MAX_DATE_LABELS = 9
CHAR_WIDTH = 0.62  # a character's average width, in ems (sans-serif, digits and letters)
DATE_STEPS = (1, 2, 3, 7, 14, 28, 56, 91)
COMPACT_FROM = 100_000.0
MIN_SCALE = 0.01  # the smallest top of an axis


@dataclass(frozen=True, slots=True)
class Frame:
    """One drawing of a chart: its viewBox, margins, text size (viewBox units, which are CSS
    px at full size) and how many date labels and legend columns it has room for."""

    name: str  # its <use> has class chart-<name>, its <symbol> id <chart's id>-<name>
    width: float
    height: float
    left: float  # room for the left axis labels
    right: float  # room for the right axis labels
    top: float
    plot_bottom: float  # below: date labels, then the legend
    legend_y: float  # the first legend row's baseline
    font: float
    max_dates: int
    legend_columns: int  # 0: every series in one row
    day_class: str  # the bar groups' class: "day" in one drawing only, so a day counts once


# At 48rem (768 px) and wider, the wide drawing is at least 720 px wide: 11 px text. Below,
# the narrow one, at most 30rem (480 px) wide: its 12 units are 12.8 px at 360 px, 11.2 at 320.
WIDE = Frame("wide", 720, 280, 58, 44, 22, 226, 270, 11, MAX_DATE_LABELS, 0, "day")
NARROW = Frame("narrow", 312, 288, 44, 26, 28, 214, 258, 12, 5, 2, "day-narrow")
FRAMES = (WIDE, NARROW)


@dataclass(frozen=True, slots=True)
class Scale:
    """An axis in a drawing: the pixel rows of its ``bottom`` value (``low``) and of its
    ``top`` value (``high``); values beyond them are drawn at the edge."""

    top: float
    low: float
    high: float
    bottom: float = 0.0

    def y(self, value: float) -> float:
        span = self.top - self.bottom
        share = 0.0 if span <= 0 else min(max((value - self.bottom) / span, 0.0), 1.0)
        return self.low - share * (self.low - self.high)


def nice_ticks(high: float, count: int = 5, integer: bool = False, low: float = 0.0) -> list[float]:
    """Round tick values from 0 (or from below ``low``, when it is more) to at least ``high``:
    steps of 1, 2, 2.5 or 5 × 10^n."""
    low = low if math.isfinite(low) and 0 < low < high else 0.0
    high = max(high, MIN_SCALE) if math.isfinite(high) and high > 0 else 1.0
    raw = (high - low) / count if high - low >= MIN_SCALE else MIN_SCALE
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)
    if integer:
        step = max(1.0, math.ceil(step))
    first = math.floor(low / step + 1e-9)
    steps = max(1, math.ceil(high / step - 1e-9) - first)
    return [(first + index) * step for index in range(steps + 1)]


def _decimals(step: float) -> int:
    """The decimals a tick step needs: 0 for 25, 1 for 2.5, 2 for 0.25 (at most 3)."""
    for digits in range(3):
        scaled = step * 10**digits
        if abs(scaled - round(scaled)) < 1e-6:
            return digits
    return 3


def format_tick(value: float, step: float, lang: str) -> str:
    if value >= COMPACT_FROM:
        return format_compact(value, lang, fraction_digits=1)
    return format_decimal(value, lang, fixed_pattern(_decimals(step)))


def short_date(day: date, lang: str) -> str:
    """A day on an axis: "Mar 1" in English, "1 mrt" in Dutch."""
    return format_skeleton("MMMd", day, lang)


def date_step(days: int, labels: int = MAX_DATE_LABELS) -> int:
    """Every how many days a date label goes on the axis (about ``labels`` at most)."""
    for step in DATE_STEPS:
        if days / step <= labels:
            return step
    return math.ceil(days / labels)


def fitted(label: str, room: float, font: float) -> str:
    """The label, cut with "…" to the characters that fit in ``room`` units of text."""
    most = max(2, min(MAX_LABEL, int(room / (font * CHAR_WIDTH))))
    return label if len(label) <= most else label[: most - 1] + "…"
