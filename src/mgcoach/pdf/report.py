"""The report for the doctor or dietitian as an A4 PDF (2–4 pages), from ``report_json``'s
answer, in the language it was made in: the profile, the targets and limits with their sources
and the safety verdict, the intake chart, on the next page the sources of magnesium, the
supplements and medicines with their times, the timing conflicts and interactions, the lab
values with how to test, the symptoms, an experiment's result, the questions to ask and the
full citations. Every page's footer has the period, the day it was made, "not a diagnosis"
and the page number.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from importlib import resources
from typing import Any, NamedTuple

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..contract.report import ReportAnswer
from ..i18n import N_, _, translate
from .chart import intake_chart
from .report_sections import detail_sections
from .text import cite, day, num

# A character the font lacks (a food named in another script) is left out of the PDF; fpdf's
# log line about it is no message for the user.
logging.getLogger("fpdf").setLevel(logging.ERROR)

FONT = "DejaVu"
BODY = 9.0
SEX = {"female": N_("female"), "male": N_("male")}


class ReportPdf(FPDF):
    """A4 portrait with the report's footer on every page."""

    def __init__(self, data: ReportAnswer) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.data = data
        fonts = resources.files(__package__).joinpath("fonts")
        self.add_font(FONT, "", str(fonts.joinpath("DejaVuSans.ttf")))
        self.add_font(FONT, "B", str(fonts.joinpath("DejaVuSans-Bold.ttf")))
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(True, margin=18)
        self.set_title(_("Magnesium report for the doctor or dietitian"))
        self.set_creator("Mg Coach")
        self.set_font(FONT, "", BODY)

    def footer(self) -> None:
        data = self.data
        self.set_y(-13)
        self.set_font(FONT, "", 7)
        self.set_text_color(90, 90, 90)
        left = _("Mg Coach · {start} to {end} · made {made} · not a diagnosis").format(
            start=day(data["from"]), end=day(data["to"]), made=day(data["made"])
        )
        self.cell(0, 4, left, align="L")
        self.set_x(self.l_margin)
        page = _("Page {page} of {pages}").format(page=self.page_no(), pages="{nb}")
        self.cell(0, 4, page, align="R")
        self.set_text_color(0, 0, 0)

    # -- writing helpers -----------------------------------------------------------------

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 40:
            self.add_page()
        self.ln(2)
        self.set_font(FONT, "B", 11)
        self.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", BODY)

    def para(self, text: str, size: float = BODY, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", BODY)

    def rows(
        self, head: Sequence[str], body: Sequence[Sequence[str]], widths: Sequence[int]
    ) -> None:
        """A table with a header row, wrapped cells and the header repeated on a new page."""
        self.set_font(FONT, "", 8)
        self.set_fill_color(255, 255, 255)
        with self.table(
            col_widths=tuple(widths),
            text_align="LEFT",
            line_height=4,
            first_row_as_headings=True,
            headings_style=_heading_style(),
            padding=0.8,
        ) as table:
            for cells in (head, *body):
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        self.set_font(FONT, "", BODY)
        self.ln(1)


def _heading_style() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(236, 240, 238))


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _title(pdf: ReportPdf, data: ReportAnswer) -> None:
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 8, _("Magnesium report for the doctor or dietitian"), new_x=XPos.LMARGIN,
                   new_y=YPos.NEXT)  # fmt: skip
    span = _("Profile {profile} · {start} to {end} · made {made}").format(
        profile=data["profile"], start=day(data["from"]), end=day(data["to"]),
        made=day(data["made"]),
    )  # fmt: skip
    pdf.para(span)
    pdf.ln(1)
    pdf.set_fill_color(245, 245, 245)
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(0, 4, data["notice"], border=1, fill=True, padding=2, align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_font(FONT, "", BODY)


def _profile(pdf: ReportPdf, data: ReportAnswer) -> None:
    person = data["person"]
    pdf.heading(_("Profile"))
    egfr = person["egfr"]
    facts = [
        (_("Age"), _("{years} years").format(years=num(person["age_years"], 0))),
        (_("Sex"), translate(SEX.get(person["sex"], person["sex"]))),
        (_("Weight"), num(person["weight_kg"], 1, "kg")),
        (_("Height"), num(person["height_cm"], 0, "cm")),
        (_("Kidney function (eGFR)"), _("not known") if egfr is None else num(egfr, 0)),
        (_("On dialysis"), yes_no(person["dialysis"])),
    ]
    if person["pregnant"] or person["lactating"]:
        facts += [(_("Pregnant"), yes_no(person["pregnant"]))]
        facts += [(_("Breastfeeding"), yes_no(person["lactating"]))]
    if person["reasons"]:
        facts.append((_("Why they came"), ", ".join(person["reasons"])))
    pdf.para(" · ".join(f"{label}: {value}" for label, value in facts))


def _targets(pdf: ReportPdf, data: ReportAnswer) -> None:
    targets = data["targets"]
    magnesium = targets["magnesium"]
    pdf.heading(_("Targets and limits"))
    pdf.para(_("Reference system {system}, {stage}.").format(
        system=targets["system"].upper(), stage=targets["life_stage_name"]))  # fmt: skip
    kind = magnesium["kind"] or ""
    body = [
        [_("Magnesium target") + (f" ({kind})" if kind else ""),
         num(magnesium["target_mg"], 0, "mg"), ", ".join(magnesium["sources"])],
        [_("Average requirement (EAR)"), num(magnesium["ear_mg"], 0, "mg"),
         ", ".join(magnesium["sources"])],
        [_("Upper limit for supplements (food does not count)"),
         num(magnesium["supplemental_ul_mg"], 0, "mg"),
         ", ".join(magnesium["supplemental_ul_sources"])],
    ]  # fmt: skip
    pdf.rows([_("What"), _("A day"), _("Sources")], body, (60, 20, 30))
    gate = data["gate"]
    pdf.para(_("Safety verdict on {day}: {headline}").format(
        day=day(data["to"]), headline=gate["headline"]) + cite(gate["headline_sources"]),
        bold=True)  # fmt: skip
    for reason in gate["reasons"]:
        pdf.para("• " + reason["message"] + cite(reason["sources"]), size=8)


def _intake(pdf: ReportPdf, data: ReportAnswer) -> None:
    intake = data["intake"]
    averages = intake["averages"]
    pdf.heading(_("Magnesium intake over the period"))
    pdf.para(_(
        "Days with food logged: {logged} of {days}; on target: {on}; above the upper limit for "
        "supplements: {above}."
    ).format(logged=intake["days_logged"], days=intake["days"], on=intake["days_on_target"],
             above=data["days_above_ul"]))  # fmt: skip
    pdf.para(_(
        "A day with food logged, on average: food {food}, supplements {supplements}, together "
        "{total} ({percent} % of the target)."
    ).format(food=num(averages["food_mg"], 0, "mg"),
             supplements=num(averages["supplement_mg"], 0, "mg"),
             total=num(averages["magnesium_mg"], 0, "mg"),
             percent=num(averages["percent_of_target"], 0)))  # fmt: skip
    intake_chart(pdf, data)


class MadePdf(NamedTuple):
    content: bytes
    pages: int


def report_pdf(data: ReportAnswer) -> MadePdf:
    """The PDF of a report answer, made in the current language (the answer's)."""
    pdf = ReportPdf(data)
    pdf.add_page()
    _title(pdf, data)
    _profile(pdf, data)
    _targets(pdf, data)
    _intake(pdf, data)
    pdf.add_page()
    detail_sections(pdf, data)
    content = bytes(pdf.output())
    return MadePdf(content, pdf.pages_count)
