"""Rich output of `check`, `advise` and `names`: the findings first, then the details."""

from __future__ import annotations

from ..contract.common import note_text
from ..engine.advice import Plan
from ..engine.check import CheckResult, Finding
from ..engine.clock import format_time
from ..engine.risk import RiskScreen
from ..engine.schedule import Schedule
from ..i18n import _, get_language
from ..knowledge import KnowledgeBase
from .output import (
    VERIFY_MARK,
    console,
    fmt,
    new_table,
    note_line,
    print_notes,
    sources_line,
    verify_legend,
)

SEVERITY_STYLE = {"avoid": "bold red", "caution": "yellow", "info": "cyan"}
URGENCY_STYLE = {"emergency": "bold white on red", "see_doctor_now": "bold red"}


def _severity_label(severity: str) -> str:
    labels = {"avoid": _("avoid"), "caution": _("caution"), "info": _("info")}
    return labels[severity]


def bold(text: str) -> str:
    return f"[bold]{text}[/bold]"


def _strength(strength: str) -> str:
    labels = {
        "no_meaningful_benefit": _("evidence of no meaningful benefit"),
        "uncertain": _("uncertain"),
        "no_evidence": _("no evidence"),
        "weak": _("weak"),
        "moderate": _("moderate"),
        "strong": _("strong"),
        "insufficient": _("insufficient"),
        "not_supported": _("not supported"),
        "regulatory": _("regulatory, not evidence of an effect"),
    }
    return labels.get(strength, strength)


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


def render_check(result: CheckResult) -> None:
    verdict = _("OK: no conflicts found.") if result.ok else _("Not OK: see the findings below.")
    console.print(f"[bold]{verdict}[/bold]")
    ul = result.upper_limit
    console.print(
        _("Supplemental magnesium: {mg} a day; upper limit for supplements: {ul}.").format(
            mg=fmt(ul.supplemental_mg, 0, "mg"), ul=fmt(ul.supplemental_ul_mg, 0, "mg")
        )
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
            table.add_row(
                f"{item.medication.given_name}\n{item.drug_class.name.get(lang)}",
                {"timing": _("timing"), "avoid": _("avoid"), "depletion": _("depletion")}[
                    item.kind
                ],
                rule,
                _("yes") if item.conflict else _("no"),
            )
        console.print(table)
    if result.findings:
        console.print(bold(_("Findings")))
        for finding in result.findings:
            console.print(f"• {_finding_line(finding)}")
    console.print(_("Suggested magnesium times: {times}").format(times=_times(result.schedule)))
    if any(f.message.unverified for f in result.findings):
        verify_legend()


def _render_risk(risk: RiskScreen) -> None:
    grades = {"low": _("low"), "moderate": _("moderate"), "high": _("high")}
    line = _("Chance of low magnesium: {grade} ({points} points)").format(
        grade=grades[risk.grade], points=fmt(risk.points, 0)
    )
    console.print(bold(line))
    for reason in risk.reasons:
        console.print(f"  • {note_line(reason.message)}")
    for flag in risk.red_flags:
        style = URGENCY_STYLE.get(flag.level, "bold red")
        console.print(f"[{style}]! {note_text(flag.message)}[/{style}]")
    print_notes(risk.notes)


def render_plan(kb: KnowledgeBase, plan: Plan) -> None:
    lang = get_language()
    if plan.risk.urgency != "none":
        _render_risk(plan.risk)
        console.print()
    status = {
        "not_needed": _("Your food already reaches the target: no supplement is needed for it."),
        "supplement": _("A supplement can close the gap."),
        "supplement_after_doctor": _("Talk to your doctor before you start a supplement."),
        "doctor_only": _("Do not take magnesium supplements without your doctor."),
    }[plan.status]
    console.print(f"[bold]{status}[/bold]")
    console.print(
        _("Target {target} a day; food {food}; gap {gap}.").format(
            target=fmt(plan.target_mg, 0, "mg"),
            food=fmt(plan.food_mg, 0, "mg"),
            gap=fmt(plan.gap_mg, 0, "mg"),
        )
    )
    if plan.daily_mg > 0:
        form = plan.form
        console.print(
            _("Dose: {mg} of magnesium a day as {form} (about {compound} of the compound).").format(
                mg=fmt(plan.daily_mg, 0, "mg"),
                form=form.family.name.get(lang),
                compound=fmt(form.compound_mg(plan.daily_mg), 0, "mg"),
            )
        )
        console.print(f"  {form.need.why.get(lang)}")
        table = new_table(_("Build-up"), _("Week"), _("Per day"), _("Times"))
        for step in plan.titration:
            table.add_row(str(step.week), fmt(step.daily_mg, 0, "mg"), _times(step.schedule))
        console.print(table)
        for basis in plan.basis["titration"]:
            mark = f" {VERIFY_MARK}" if basis.needs_verification else ""
            console.print(f"  {basis.basis.get(lang)}{mark}")
    print_notes(plan.notes)
    findings = [f for f in plan.safety.findings if f.severity != "info"]
    if findings:
        console.print(bold(_("Safety")))
        for finding in findings:
            console.print(f"• {_finding_line(finding)}")
    if plan.risk.urgency == "none":
        _render_risk(plan.risk)
    if plan.evidence:
        console.print(bold(_("What the evidence says")))
        for item in plan.evidence:
            claim = item.claim
            strength = (
                claim.strength_note.get(lang) if claim.strength_note else _strength(claim.strength)
            )
            console.print(f"• {claim.claim.get(lang)} — {strength}")
            console.print(f"  {claim.finding.get(lang)} [{'; '.join(claim.sources)}]")
    sources_line([s for item in plan.evidence for s in item.claim.sources])


def render_names(data: dict[str, list[str]]) -> None:
    titles = {"medicines": _("Medicines"), "symptoms": _("Symptoms"), "conditions": _("Conditions")}
    for kind, names in data.items():
        console.print(f"[bold]{titles[kind]}[/bold]")
        console.print(", ".join(names))
