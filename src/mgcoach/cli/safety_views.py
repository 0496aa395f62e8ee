"""Rich output of `check`, `advise` and `names`: the findings first, then the details."""

from __future__ import annotations

from ..contract.advice import advice_json
from ..contract.common import note_text
from ..contract.evidence import strength_text as _strength
from ..contract.schedule import days_text
from ..engine.advice import Plan
from ..engine.check import CheckResult, Finding
from ..engine.clock import format_time
from ..engine.gate import Gate, headline
from ..engine.other_days import DaySchedule
from ..engine.risk import RiskScreen
from ..engine.schedule import Schedule
from ..i18n import N_, _, get_language, ngettext
from ..knowledge import KnowledgeBase
from .output import (
    VERIFY_MARK,
    cited,
    console,
    fmt,
    new_table,
    note_line,
    plain,
    print_notes,
    sources_line,
    verify_legend,
)

SEVERITY_STYLE = {
    "emergency": "bold white on red",
    "avoid": "bold red",
    "caution": "yellow",
    "info": "cyan",
}
VERDICT_STYLE = {
    "emergency": "bold white on red",
    "stop_supplements": "bold red",
    "see_doctor_now": "bold red",
    "doctor_only": "bold red",
    "lower_dose": "bold yellow",
    "supplement_after_doctor": "bold yellow",
    "supplement": "bold",
    "not_needed": "bold",
}
# Reasons that only repeat the headline.
HEADLINE_CODES = frozenset({"gap_unknown", "target_reached"})  # gap_unknown_taken says more


def _severity_label(severity: str) -> str:
    labels = {
        "emergency": _("emergency"),
        "avoid": _("avoid"),
        "caution": _("caution"),
        "info": _("info"),
    }
    return labels[severity]


def _sources(ids: tuple[str, ...] | list[str]) -> str:
    return cited(ids)


def render_gate(gate: Gate) -> None:
    """The verdict first, in its own style, then the reasons that decided it."""
    style = VERDICT_STYLE[gate.verdict]
    title = headline(gate)
    console.print(plain(note_text(title)), style=style)
    for reason in gate.reasons:
        if reason.code in HEADLINE_CODES:
            continue
        mark = f" {VERIFY_MARK}" if reason.message.unverified else ""
        reason_style = SEVERITY_STYLE[reason.severity]
        console.print(
            f"  [{reason_style}]{_severity_label(reason.severity)}[/{reason_style}] "
            f"{plain(note_text(reason.message))}{mark}{_sources(reason.message.sources)}"
        )


def bold(text: str) -> str:
    return f"[bold]{text}[/bold]"


def _finding_line(finding: Finding) -> str:
    style = SEVERITY_STYLE[finding.severity]
    return f"[{style}]{_severity_label(finding.severity)}[/{style}] {note_line(finding.message)}"


def _times(schedule: Schedule) -> str:
    if not schedule.times:
        return "—"
    if not schedule.doses_mg:
        return ", ".join(schedule.clock_times)
    return ", ".join(
        f"{format_time(at)} {fmt(mg, 0, 'mg')}"
        for at, mg in zip(schedule.times, schedule.doses_mg, strict=False)
    )


def render_days(groups: tuple[DaySchedule, ...]) -> None:
    """The times on the days of medicines not taken daily, one line per group of days."""
    for group in groups:
        days, times = days_text(group), _times(group.schedule)
        if group.weekdays:  # "On Mondays (alendronate): ..."; other days name their medicines
            line = _("{days} ({drugs}): {times}").format(
                days=days, drugs=", ".join(group.drugs), times=times
            )
        else:
            line = _("{days}: {times}").format(days=days, times=times)
        console.print(f"  {plain(line)}")
        for note in group.schedule.notes:
            console.print(f"    {note_line(note)}")


KIND_LABELS = {
    "timing": N_("timing"),
    "avoid": N_("avoid"),
    "depletion": N_("lowers magnesium"),
    "retention": N_("keeps magnesium in"),
    "contains_magnesium": N_("contains magnesium"),
    "additive": N_("adds to its effects"),
    "none": N_("none listed"),
}


def render_check(result: CheckResult) -> None:
    render_gate(result.gate)
    verdict = _("OK: no conflicts found.") if result.ok else _("Not OK: see the findings below.")
    console.print(f"[bold]{verdict}[/bold]")
    ul = result.upper_limit
    console.print(
        _("Supplemental magnesium: {mg} a day; upper limit for supplements: {ul}.").format(
            mg=fmt(ul.supplemental_mg, 0, "mg"), ul=fmt(ul.supplemental_ul_mg, 0, "mg")
        )
        + _sources(list(ul.sources))
    )
    if result.kidney is not None:
        console.print(
            _("Kidney function: category {category}.").format(category=result.kidney.category.slug)
        )
    if result.interactions:
        lang = get_language()
        table = new_table(_("Medicines"), _("Medicine"), _("Kind"), _("Rule"), _("Conflict"))
        for item in result.interactions:
            rule = "—"
            if item.kind == "timing":
                rule = _("{before} h before or {after} h after").format(
                    before=fmt(item.hours_before, 0), after=fmt(item.hours_after, 0)
                )
            kind = KIND_LABELS.get(item.kind)
            name = item.medication.given_name
            if not item.medication.daily:
                name += f" ({item.medication.frequency.label.get(lang)})"
            table.add_row(
                f"{name}\n{item.drug_class.name.get(lang)}",
                _(kind) if kind else item.kind,
                rule,
                _("yes") if item.conflict else _("no"),
            )
        console.print(table)
    if result.findings:
        console.print(bold(_("Findings")))
        for finding in result.findings:
            console.print(f"• {_finding_line(finding)}")
    suggested = _times(result.schedule)
    if result.schedule_on_days:
        console.print(_("Suggested magnesium times on other days: {times}").format(times=suggested))
        render_days(result.schedule_on_days)
    else:
        console.print(_("Suggested magnesium times: {times}").format(times=suggested))
    if any(f.message.unverified for f in result.findings):
        verify_legend()


def _render_risk(risk: RiskScreen) -> None:
    grades = {"low": _("low"), "moderate": _("moderate"), "high": _("high")}
    line = ngettext(
        "Chance of low magnesium: {grade} ({points} point)",
        "Chance of low magnesium: {grade} ({points} points)",
        round(risk.points),
    ).format(grade=grades[risk.grade], points=fmt(risk.points, 0))
    console.print(bold(line))
    for reason in risk.reasons:
        console.print(f"  • {note_line(reason.message)}")
    print_notes(risk.notes)


def render_plan(kb: KnowledgeBase, plan: Plan) -> None:
    render_gate(plan.gate)
    line = _("Target {target} a day; food {food}; gap {gap}.").format(
        target=fmt(plan.target_mg, 0, "mg"),
        food=fmt(plan.food_mg, 0, "mg"),
        gap=fmt(plan.gap_mg, 0, "mg"),
    )
    if plan.taken_mg > 0:
        line += " " + _("Already taken: {mg} a day from supplements and medicines.").format(
            mg=fmt(plan.taken_mg, 0, "mg")
        )
    console.print(line)
    if plan.daily_mg > 0:
        _render_dose(plan)
    print_notes(plan.notes)
    findings = [
        f
        for f in plan.safety.findings
        if f.severity != "info" and (plan.gate.plan or not f.code.startswith("no_time"))
    ]
    if findings:
        console.print(bold(_("Safety")))
        for finding in findings:
            console.print(f"• {_finding_line(finding)}")
    _render_risk(plan.risk)
    _render_evidence(plan)
    # Every source the answer rests on (targets, limits, the gate, the dose and times, evidence).
    data = advice_json(kb, plan)
    sources_line([*data["source_list"], *data["targets"]["source_list"]])


def _render_dose(plan: Plan) -> None:
    """The daily dose, its form, the build-up and the times."""
    lang = get_language()
    form = plan.form
    console.print(
        _("Dose: {mg} of magnesium a day as {form} (about {compound} of the compound).").format(
            mg=fmt(plan.daily_mg, 0, "mg"),
            form=plain(form.family.name.get(lang)),
            compound=fmt(form.compound_mg(plan.daily_mg), 0, "mg"),
        )
    )
    console.print(f"  {plain(form.need.why.get(lang))}")
    table = new_table(_("Build-up"), _("Week"), _("Per day"), _("Times"))
    for step in plan.titration:
        table.add_row(str(step.week), fmt(step.daily_mg, 0, "mg"), _times(step.schedule))
    console.print(table)
    if plan.schedule_on_days:
        console.print(
            _("Times once at the full dose, on other days: {times}").format(
                times=_times(plan.schedule)
            )
        )
        render_days(plan.schedule_on_days)
    for basis in plan.basis["titration"]:
        mark = f" {VERIFY_MARK}" if basis.needs_verification else ""
        console.print(f"  {plain(basis.basis.get(lang))}{mark}{_sources(list(basis.sources))}")


def _render_evidence(plan: Plan) -> None:
    lang = get_language()
    evidence = [e for e in plan.evidence if plan.daily_mg > 0 or e.about != "form"]
    if evidence:
        console.print(bold(_("What the evidence says")))
        for item in evidence:
            claim = item.claim
            strength = (
                claim.strength_note.get(lang) if claim.strength_note else _strength(claim.strength)
            )
            console.print(f"• {plain(strength)}: {plain(claim.claim.get(lang))}")
            console.print(f"  {plain(claim.finding.get(lang))}{_sources(list(claim.sources))}")


def render_names(data: dict[str, list[str]]) -> None:
    titles = {"medicines": _("Medicines"), "symptoms": _("Symptoms"), "conditions": _("Conditions")}
    for kind, names in data.items():
        console.print(f"[bold]{titles[kind]}[/bold]")
        console.print(plain(", ".join(names)))
