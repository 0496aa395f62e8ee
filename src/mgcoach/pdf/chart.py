"""The report's intake chart, drawn with fpdf2's own vector primitives: magnesium per day as
bars, the supplements from the baseline (so they meet the supplement upper limit line directly)
and the food stacked on them, against the target (dashed), the average requirement (EAR,
dotted) and the upper limit for supplements (solid red). A day without food logged is left
empty, never drawn as zero. Every label is in the report's language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from fpdf import FPDF

from ..contract.report import ReportAnswer
from ..i18n import _
from .text import day, num

FOOD = (61, 139, 110)
SUPPLEMENT = (122, 107, 179)
TARGET = (29, 42, 39)
EAR = (90, 90, 90)
UL = (176, 32, 32)
AXIS = (120, 120, 120)
GRID = (225, 225, 225)


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float


def _lines(data: ReportAnswer) -> list[tuple[str, float | None, tuple[int, int, int], str]]:
    magnesium = data["targets"]["magnesium"]
    return [
        (_("Target"), magnesium["target_mg"], TARGET, "dash"),
        (_("Average requirement (EAR)"), magnesium["ear_mg"], EAR, "dot"),
        (_("Upper limit for supplements"), magnesium["supplemental_ul_mg"], UL, "solid"),
    ]


def _top(data: ReportAnswer) -> float:
    values = [row["magnesium_mg"] or 0.0 for row in data["daily"]]
    values += [row["supplement_mg"] for row in data["daily"]]
    values += [value or 0.0 for _label, value, _c, _s in _lines(data)]
    highest = max([*values, 100.0])
    step = 100.0 if highest <= 1000 else 500.0
    return math.ceil(highest * 1.05 / step) * step


def _axis(pdf: FPDF, box: Box, top: float) -> None:
    pdf.set_font("DejaVu", "", 6.5)
    pdf.set_line_width(0.15)
    ticks = 5
    for n in range(ticks + 1):
        value = top * n / ticks
        y = box.y + box.h - box.h * n / ticks
        pdf.set_draw_color(*(GRID if n else AXIS))
        pdf.line(box.x, y, box.x + box.w, y)
        label = num(value, 0)
        pdf.set_text_color(*AXIS)
        pdf.text(box.x - pdf.get_string_width(label) - 1.2, y + 1, label)
    pdf.text(box.x - 9, box.y - 2, "mg")


def _bars(pdf: FPDF, box: Box, data: ReportAnswer, top: float) -> None:
    rows = data["daily"]
    slot = box.w / max(1, len(rows))
    width = max(0.2, slot * 0.75)
    scale = box.h / top
    for index, row in enumerate(rows):
        if not row["logged"]:
            continue
        x = box.x + index * slot + (slot - width) / 2
        base = box.y + box.h
        supplement = row["supplement_mg"] * scale
        food = (row["food_mg"] or 0.0) * scale
        if supplement > 0:
            pdf.set_fill_color(*SUPPLEMENT)
            pdf.rect(x, base - supplement, width, supplement, style="F")
        if food > 0:
            pdf.set_fill_color(*FOOD)
            pdf.rect(x, base - supplement - food, width, food, style="F")


def _limit_lines(pdf: FPDF, box: Box, data: ReportAnswer, top: float) -> None:
    pdf.set_line_width(0.4)
    for _label, value, color, style in _lines(data):
        if value is None:
            continue
        y = box.y + box.h - box.h * value / top
        pdf.set_draw_color(*color)
        if style == "dash":
            pdf.set_dash_pattern(dash=2, gap=1.2)
        elif style == "dot":
            pdf.set_dash_pattern(dash=0.5, gap=1)
        pdf.line(box.x, y, box.x + box.w, y)
        pdf.set_dash_pattern()


def _dates(pdf: FPDF, box: Box, data: ReportAnswer) -> None:
    rows = data["daily"]
    pdf.set_font("DejaVu", "", 6.5)
    pdf.set_text_color(*AXIS)
    slot = box.w / max(1, len(rows))
    marks = sorted({0, len(rows) // 2, len(rows) - 1})
    for index in marks:
        label = day(date.fromisoformat(rows[index]["date"]), "short")
        width = pdf.get_string_width(label)
        x = box.x + index * slot + slot / 2 - width / 2
        pdf.text(min(max(box.x, x), box.x + box.w - width), box.y + box.h + 3.5, label)


def _legend(pdf: FPDF, x: float, y: float, data: ReportAnswer) -> float:
    pdf.set_font("DejaVu", "", 7)
    pdf.set_text_color(0, 0, 0)
    items: list[tuple[str, tuple[int, int, int], str]] = [
        (_("Supplements"), SUPPLEMENT, "box"),
        (_("Food"), FOOD, "box"),
    ]
    items += [
        (f"{label} ({num(value, 0, 'mg')})", color, style)
        for label, value, color, style in _lines(data)
        if value is not None
    ]
    for label, color, style in items:
        width = pdf.get_string_width(label) + 9
        if x + width > pdf.w - pdf.r_margin:
            x, y = pdf.l_margin, y + 4
        if style == "box":
            pdf.set_fill_color(*color)
            pdf.rect(x, y - 2.2, 3, 2.6, style="F")
        else:
            pdf.set_draw_color(*color)
            pdf.set_line_width(0.4)
            if style != "solid":
                pdf.set_dash_pattern(dash=2 if style == "dash" else 0.5, gap=1)
            pdf.line(x, y - 0.9, x + 4, y - 0.9)
            pdf.set_dash_pattern()
        pdf.text(x + 5, y, label)
        x += width
    return y


def intake_chart(pdf: FPDF, data: ReportAnswer, height: float = 58.0) -> None:
    """The chart at the current position, the full text width, with its legend under it."""
    left = pdf.l_margin + 10
    box = Box(left, pdf.get_y() + 4, pdf.w - pdf.r_margin - left, height)
    top = _top(data)
    _axis(pdf, box, top)
    _bars(pdf, box, data, top)
    _limit_lines(pdf, box, data, top)
    _dates(pdf, box, data)
    end = _legend(pdf, pdf.l_margin, box.y + box.h + 9, data)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, end + 3)
