"""The report's detail pages (pdf/report.py writes the first): sources of magnesium,
supplements and medicines with their times, timing conflicts and interactions, lab values and
how to test, symptoms, an experiment's result, the questions to ask and the citations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..contract.report import ReportAnswer, experiment_rows
from ..i18n import _, ngettext
from .text import cite, day, num

if TYPE_CHECKING:
    from .report import ReportPdf

MAX_ROWS = 8  # a list longer than this is cut, saying how many more there are
MAX_CONFLICTS = 4
TIMES = 4  # clock times shown per supplement or clash, the most frequent first


def _more(pdf: ReportPdf, total: int) -> None:
    if total > MAX_ROWS:
        pdf.para(_("… and {count} more.").format(count=total - MAX_ROWS), size=8)


def _times(times: list[str]) -> str:
    return (", ".join(times[:TIMES]) + (" …" if len(times) > TIMES else "")) or "—"


def _sources(pdf: ReportPdf, data: ReportAnswer) -> None:
    pdf.heading(_("Where the magnesium came from"))
    items = data["top_sources"]
    if not items:
        pdf.para(_("Nothing with magnesium was logged in this period."))
        return
    kinds = {"food": _("food"), "supplement": _("supplement")}
    body = [
        [item["name"], kinds.get(item["kind"], item["kind"]), num(item["mg_per_day"], 0, "mg"),
         "—" if item["percent_of_magnesium"] is None else
         num(item["percent_of_magnesium"], 0) + " %"]
        for item in items
    ]  # fmt: skip
    pdf.rows([_("Source"), _("Kind"), _("A day with food logged"), _("Share")], body,
             (60, 20, 22, 14))  # fmt: skip


def _supplements(pdf: ReportPdf, data: ReportAnswer) -> None:
    pdf.heading(_("Supplements and medicines"))
    items = data["supplements"]
    if items:
        body = [
            [item["name"], _times(item["times"]), str(item["days"]),
             num(item["mg_per_day_taken"], 0, "mg"), num(item["max_day_mg"], 0, "mg")]
            for item in items[:MAX_ROWS]
        ]  # fmt: skip
        head = [_("Supplement (elemental magnesium)"), _("Times"), _("Days"),
                _("A day taken"), _("Most in a day")]  # fmt: skip
        pdf.rows(head, body, (50, 18, 10, 16, 16))
        _more(pdf, len(items))
    else:
        pdf.para(_("No magnesium supplements were logged in this period."))
    meds = data["medicines"]
    if meds:
        body = [
            [med["name"], ", ".join(med["times"]) or "—",
             _("in the profile ({frequency})").format(frequency=med["frequency_text"])
             if med["in_profile"] else
             ngettext("logged on {count} day", "logged on {count} days", med["days_logged"])
             .format(count=med["days_logged"])]
            for med in meds[:MAX_ROWS]
        ]  # fmt: skip
        pdf.rows([_("Medicine"), _("Times"), _("Where from")], body, (45, 25, 40))
        _more(pdf, len(meds))
    else:
        pdf.para(_("No medicines in the profile or the journal."))


def _safety(pdf: ReportPdf, data: ReportAnswer) -> None:
    conflicts = data["timing_conflicts"]
    others = [i for i in data["interactions"] if i["kind"] not in {"timing", "none"}]
    if not conflicts and not others:
        return
    pdf.heading(_("Timing conflicts and interactions"))
    for item in conflicts[:MAX_CONFLICTS]:
        times = ", ".join(
            f"{pair['drug_time']}/{pair['magnesium_time']}" for pair in item["times"][:TIMES]
        ) + (" …" if len(item["times"]) > TIMES else "")
        pdf.para("• " + ngettext(
            "{medicine} and magnesium too close together on {count} day "
            "(medicine/magnesium: {times}).",
            "{medicine} and magnesium too close together on {count} days "
            "(medicine/magnesium: {times}).",
            item["days"],
        ).format(count=item["days"], medicine=item["medicine"], times=times)
            + " " + item["message"] + cite(item["sources"]))  # fmt: skip
    if len(conflicts) > MAX_CONFLICTS:
        pdf.para(_("… and {count} more.").format(count=len(conflicts) - MAX_CONFLICTS), size=8)
    for other in others[:MAX_ROWS]:
        pdf.para(f"• {other['drug_given']} ({other['drug_class_name']}): {other['message']}"
                 + cite(other["sources"]))  # fmt: skip


def _labs(pdf: ReportPdf, data: ReportAnswer) -> None:
    pdf.heading(_("Serum magnesium"))
    labs = data["labs"][-MAX_ROWS:]
    if labs:
        body = [
            [day(lab["date"]) + ("" if lab["in_period"] else " " + _("(before the period)")),
             f"{num(lab['value'], 2)} {lab['unit']}", lab["status_text"] or "—"]
            for lab in labs
        ]  # fmt: skip
        pdf.rows([_("Day"), _("Value"), _("Status")], body, (30, 20, 20))
        _more(pdf, len(data["labs"]))
        meanings = {(lab["status_text"], lab["advice"]): lab["sources"] for lab in labs}
        for (status, advice), sources in meanings.items():
            if status and advice:
                pdf.para(f"{status}: {advice}{cite(sources)}", size=8)
    else:
        pdf.para(_("No serum magnesium value is in the journal."))
    pdf.para(_("Having it tested:"), size=8, bold=True)
    for note in data["testing_notes"]:
        pdf.para("• " + note["text"] + cite(note["sources"]), size=8)


def _symptoms(pdf: ReportPdf, data: ReportAnswer) -> None:
    pdf.heading(_("Symptoms"))
    items = data["symptoms"]
    if not items:
        pdf.para(_("No symptoms were logged in this period."))
    shown = [
        ngettext("{name}: logged {entries}× on {count} day",
                 "{name}: logged {entries}× on {count} days", item["days"])
        .format(name=item["name"], entries=item["entries"], count=item["days"])
        for item in items[:MAX_ROWS]
    ]  # fmt: skip
    if shown:
        pdf.para(" · ".join(shown))
    _more(pdf, len(items))
    for change in data["symptom_trends"]:
        if change["measure"] == "magnesium_mg" or change["direction"] == "not_enough_data":
            continue
        pdf.para(_("{name}: {direction} (earlier half {first}, later half {second}).").format(
            name=change["name"], direction=change["direction_text"],
            first=num(change["first_half"], change["digits"]),
            second=num(change["second_half"], change["digits"])), size=8)  # fmt: skip


def _experiment(pdf: ReportPdf, data: ReportAnswer) -> None:
    rows = experiment_rows(data["experiment"])
    if rows:
        pdf.heading(_("Experiment"))
        for label, text in rows:
            pdf.para(f"{label}: {text}")


def _questions(pdf: ReportPdf, data: ReportAnswer) -> None:
    pdf.heading(_("Questions to ask"))
    if not data["questions"]:
        pdf.para(_("Nothing in this period calls for a particular question."))
    for number, item in enumerate(data["questions"], start=1):
        pdf.para(f"{number}. {item['question']}", bold=True)
        pdf.para("    " + item["why"] + cite(item["sources"]), size=8)


def _citations(pdf: ReportPdf, data: ReportAnswer) -> None:
    pdf.heading(_("Sources"))
    for source_id, source in data["source_list"].items():
        url = f" {source['url']}" if source["url"] else ""
        pdf.para(f"[{source_id}] {source['citation']}{url}", size=6.5)


def detail_sections(pdf: ReportPdf, data: ReportAnswer) -> None:
    for section in (_sources, _supplements, _safety, _labs, _symptoms, _experiment,
                    _questions, _citations):  # fmt: skip
        section(pdf, data)
