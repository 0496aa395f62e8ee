"""Rich renderings of engine results (the JSON face lives in mgcoach.contract)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..contract.common import age_band_label, note_text
from ..engine.elemental import ElementalResult, question_params
from ..engine.energy import EnergyResult
from ..engine.serum import SerumResult
from ..engine.targets import LimitValue, NutrientTarget, TargetsResult
from ..i18n import N_, _, get_language
from ..i18n.cldr_numbers import format_decimal
from ..knowledge import KnowledgeBase
from ..units import SerumUnit, mmol_per_l_to, serum_to_mmol_per_l
from .output import (
    VERIFY_MARK,
    console,
    fmt,
    new_table,
    plain,
    print_notes,
    say,
    sources_line,
    strong,
    verify_legend,
)

UNIT_LABEL = {"mg": "mg", "g": "g", "ug": "µg"}
FALLBACK_MARK = "‡"
# How each kind of value is called in a table (the JSON keeps the system's own word).
KIND_LABELS = {
    "recommended": N_("recommended"),
    "estimated": N_("estimated"),
    "safe_adequate": N_("safe and adequate"),
    "safe_intake": N_("safe intake"),
    "guidance_level": N_("guidance level"),
    "guideline_max": N_("maximum"),
    "not_established": N_("not established"),
}


def kind_label(kind: str | None) -> str:
    if kind is None:
        return "—"
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def _value(value: float | None, unit: str, digits: int = 0) -> str:
    return fmt(value, digits if unit != "mg" or value is None or value % 1 else 0, UNIT_LABEL[unit])


def _limit(limit: LimitValue | None, unit: str) -> str:
    if limit is None:
        return "—"
    if limit.value is None:
        return _("not established")
    text = f"{_value(limit.value, unit, 1)} ({kind_label(limit.kind)})"
    marks = (FALLBACK_MARK if limit.fallback else "") + (VERIFY_MARK if limit.verify else "")
    return f"{text} {marks}".rstrip()


def _target_cell(target: NutrientTarget) -> str:
    if target.target is None:
        if target.per_kg is not None:
            return fmt(target.per_kg, 2, _("g/kg"))
        if any(c.target is not None for c in target.candidates):
            return " / ".join(_value(c.target, target.unit, 1) for c in target.candidates)
        return "—"
    digits = 1 if target.unit != "mg" else 0
    text = _value(target.target, target.unit, digits)
    if target.per_kg is not None:
        text += f" ({fmt(target.per_kg, 2, _('g/kg'))})"
    return text


def render_targets(kb: KnowledgeBase, result: TargetsResult) -> None:
    lang = get_language()
    system = next(s for s in kb.systems if s.slug is result.system)
    console.print(f"{strong(system.name.get(lang))} — {plain(result.life_stage.name.get(lang))}")
    table = new_table(
        "",
        _("Nutrient"),
        _("Target"),
        _("Kind"),
        _("EAR"),
        _("Upper level"),
        _("Age band"),
    )
    reasons: list[str] = []
    cited: list[str] = []
    borrowed: set[str] = set()
    for slug, target in result.nutrients.items():
        name = kb.nutrients[slug].name.get(lang)
        # Magnesium's only upper level is for supplements; sodium's ceiling is a limit, not a UL.
        upper = target.supplemental_ul if slug == "magnesium" else target.limit or target.ul
        marks = (FALLBACK_MARK if target.fallback else "") + (VERIFY_MARK if target.verify else "")
        for value in (target, upper):
            if value is not None and value.fallback is not None:
                borrowed.add(value.fallback.value.upper())
        table.add_row(
            name,
            f"{_target_cell(target)} {marks}".rstrip(),
            kind_label(target.kind),
            _value(target.ear, target.unit, 1),
            _limit(upper, target.unit),
            age_band_label(target.age_band) if target.age_band else "—",
        )
        cited.extend(target.sources + (upper.sources if upper else ()))
        if target.reason:
            reasons.append(f"{name}: {note_text(target.reason)}")
    console.print(table)
    _targets_notes(result, reasons, borrowed)
    verify_legend()
    sources_line(cited)


def _targets_notes(result: TargetsResult, reasons: list[str], borrowed: set[str]) -> None:
    """The lines under the targets table: reasons, the magnesium and zinc notes, the AI note
    and the values borrowed from another system."""
    for line in reasons:
        console.print(f"• {plain(line)}")
    magnesium = result.nutrients["magnesium"]
    if magnesium.supplemental_ul is not None:
        console.print(
            "• "
            + _(
                "The magnesium upper level applies to supplements and medicines only, "
                "never to magnesium in food."
            )
        )
    zinc = result.nutrients["zinc"]
    if zinc.phytate_used_mg is not None:
        say(
            "• " + _("Zinc assumes a phytate intake of about {mg} mg a day{default}."),
            mg=zinc.phytate_used_mg,
            default=_(" (mixed diet, the default)") if zinc.phytate_default_used else "",
        )
    console.print(
        "• "
        + _(
            "An AI or estimated value is not an RDA: intake below it does not mean a deficiency, "
            "only that adequacy cannot be judged with confidence."
        )
    )
    if borrowed:
        say(
            f"{FALLBACK_MARK} "
            + _("{system} publishes no value here; the value of {fallback} is shown."),
            system=result.system.value.upper(),
            fallback=", ".join(sorted(borrowed)),
        )


def render_elemental(result: ElementalResult) -> None:
    table = new_table("", _("Item"), _("Value"))
    if result.compound:
        name = result.compound_name.get(get_language()) if result.compound_name else ""
        table.add_row(_("Compound"), f"{name} ({result.compound})")
        table.add_row(_("Formula"), result.formula or "—")
        table.add_row(_("Magnesium share"), fmt((result.elemental_fraction or 0) * 100, 2, "%"))
    if result.ambiguous:
        _readings_rows(table, result)
    else:
        table.add_row(_("Compound amount"), fmt(result.compound_mg, 1, "mg"))
        table.add_row(_("Elemental magnesium"), fmt(result.elemental_mg, 1, "mg"))
        table.add_row(
            "", f"{fmt(result.elemental_mmol, 2, 'mmol')} = {fmt(result.elemental_meq, 2, 'mEq')}"
        )
    console.print(table)
    print_notes(result.notes)
    sources_line(result.sources)


def _readings_rows(table: Table, result: ElementalResult) -> None:
    """An ambiguous number's two readings; the question itself is the result's first note."""
    question = question_params(result)
    amount = format_decimal(question["amount"], get_language())
    given = f"{amount} {question['unit']}"
    for reading in result.readings:
        title = (
            _("If {amount} is the whole tablet (the compound)")
            if reading.basis == "compound"
            else _("If {amount} is the magnesium itself")
        )
        value = _("{mg} magnesium (in {compound} of the compound)").format(
            mg=fmt(reading.elemental_mg, 0 if reading.elemental_mg.is_integer() else 1, "mg"),
            compound=fmt(reading.compound_mg, 0, "mg"),
        )
        table.add_row(title.format(amount=given), value)


def _lab_range_in(result: SerumResult, unit: SerumUnit) -> tuple[float, float] | None:
    """The laboratory's own range (given in the result's unit) expressed in ``unit``."""
    if result.lab_range is None:
        return None
    low, high = (serum_to_mmol_per_l(limit, result.unit) for limit in result.lab_range)
    return mmol_per_l_to(low, unit), mmol_per_l_to(high, unit)


def render_serum(result: SerumResult) -> None:
    """The value in every unit against the reference range and, when given, the laboratory's
    own range (the one low, normal and high were read from)."""
    headers = [_("Unit"), _("Value"), _("Reference range")]
    if result.lab_range is not None:
        headers.append(_("Your laboratory"))
    table = new_table("", *headers)
    values = {"mmol/L": result.mmol_per_l, "mg/dL": result.mg_per_dl, "mEq/L": result.meq_per_l}
    for unit, value in values.items():
        digits = 1 if unit == "mg/dL" else 2
        cells = [unit, fmt(value, digits)]
        ranges = [result.reference_range[unit], _lab_range_in(result, SerumUnit(unit))]
        cells += [f"{fmt(r[0], digits)}–{fmt(r[1], digits)}" for r in ranges if r is not None]
        table.add_row(*cells)
    console.print(table)
    detail = {
        "severe_low": _("very low"),
        "low": _("low"),
        "normal": _("normal"),
        "high": _("high"),
        "very_high": _("very high"),
    }[result.status_detail]
    flag = " [bold red]" + _("RED FLAG") + "[/bold red]" if result.red_flag else ""
    console.print(_("Status: {status}{flag}").format(status=plain(detail), flag=flag))
    console.print(plain(note_text(result.advice)))
    print_notes(result.notes)
    sources_line(result.sources)


def render_energy(result: EnergyResult) -> None:
    table = new_table("", _("Item"), _("kcal per day"))
    table.add_row(_("Resting energy (BMR, Mifflin–St Jeor)"), fmt(result.bmr_kcal))
    table.add_row(
        _("Maintenance (× {factor})").format(factor=fmt(result.activity_factor, 3)),
        fmt(result.maintenance_kcal),
    )
    table.add_row(_("Goal adjustment"), fmt(result.daily_adjustment_kcal))
    table.add_row(_("Target before the safe minimum"), fmt(result.target_kcal_before_floor))
    table.add_row(_("Target"), Text(fmt(result.target_kcal), style="bold"))
    console.print(table)
    print_notes(result.warnings, _("Warnings"))
    print_notes(result.notes)
    sources_line(result.sources)
