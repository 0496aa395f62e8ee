"""Rich rendering of the report for the doctor or dietitian (from its JSON, the words the PDF
and the page use): the period, the targets with their sources, the intake, the supplements and
medicines with their times, the timing conflicts, the lab values and the questions to ask."""

from __future__ import annotations

from ..contract.report import ReportAnswer, experiment_rows
from ..i18n import _
from .output import cited, console, fmt, new_table, plain, say, strong


def _head(data: ReportAnswer) -> None:
    console.print(strong(_("Magnesium report for the doctor or dietitian")))
    say(_("Profile {profile} · {start} to {end} · made {made}"), profile=data["profile"],
        start=data["from"], end=data["to"], made=data["made"])  # fmt: skip
    mg = data["targets"]["magnesium"]
    ids = list(dict.fromkeys(mg["sources"] + mg["supplemental_ul_sources"]))
    say(_("Magnesium target: {target} ({kind}), average requirement (EAR) {ear}, upper limit "
          "for supplements {ul}.") + cited(ids),
        target=fmt(mg["target_mg"], 0, "mg"), kind=mg["kind"] or "—",
        ear=fmt(mg["ear_mg"], 0, "mg"), ul=fmt(mg["supplemental_ul_mg"], 0, "mg"))  # fmt: skip
    gate = data["gate"]
    say(_("Safety verdict on {day}: {headline}") + cited(gate["headline_sources"]),
        day=data["to"], headline=gate["headline"])  # fmt: skip


def _intake(data: ReportAnswer) -> None:
    intake = data["intake"]
    averages = intake["averages"]
    say(_("Days with food logged: {logged} of {days}; on target: {on}; above the upper limit for "
          "supplements: {above}."), logged=intake["days_logged"], days=intake["days"],
        on=intake["days_on_target"], above=data["days_above_ul"])  # fmt: skip
    say(_("A day with food logged, on average: food {food}, supplements {supplements}, together "
          "{total} ({percent} % of the target)."), food=fmt(averages["food_mg"], 0, "mg"),
        supplements=fmt(averages["supplement_mg"], 0, "mg"),
        total=fmt(averages["magnesium_mg"], 0, "mg"),
        percent=fmt(averages["percent_of_target"], 0))  # fmt: skip


def _tables(data: ReportAnswer) -> None:
    if data["supplements"]:
        table = new_table(_("Supplements and medicines"), _("Supplement (elemental magnesium)"),
                          _("Times"), _("Days"), _("A day taken"))  # fmt: skip
        for item in data["supplements"]:
            table.add_row(item["name"], ", ".join(item["times"]) or "—", str(item["days"]),
                          fmt(item["mg_per_day_taken"], 0, "mg"))  # fmt: skip
        console.print(table)
    if data["medicines"]:
        table = new_table("", _("Medicine"), _("Times"))
        for med in data["medicines"]:
            table.add_row(med["name"], ", ".join(med["times"]) or "—")
        console.print(table)
    for clash in data["timing_conflicts"]:
        times = f"{clash['drug_time']} / {clash['magnesium_time']}"
        console.print(f"• {plain(clash['medicine'])} {times}: "
                      f"{plain(clash['message'])}{cited(clash['sources'])}")  # fmt: skip
    if data["labs"]:
        table = new_table(_("Serum magnesium"), _("Day"), _("Value"), _("Status"))
        for lab in data["labs"]:
            table.add_row(lab["date"], f"{fmt(lab['value'], 2)} {lab['unit']}",
                          lab["status_text"] or "—")  # fmt: skip
        console.print(table)


def render_report(data: ReportAnswer) -> None:
    _head(data)
    _intake(data)
    _tables(data)
    for label, text in experiment_rows(data["experiment"]):
        say("{label}: {text}", label=label, text=text)
    console.print(strong(_("Questions to ask")))
    for number, item in enumerate(data["questions"], start=1):
        console.print(f"{number}. {plain(item['question'])}{cited(item['sources'])}")
    if not data["questions"]:
        console.print(_("Nothing in this period calls for a particular question."))
    console.print(plain(data["notice"]))
