"""Rich renderings of the journal (the JSON faces are in contract/journal.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..contract.journal import entry_label, food_amount
from ..engine.clock import format_time
from ..engine.day import DayAssessment
from ..i18n import _, counted, get_language, ngettext
from ..journal.model import (
    Entry,
    FoodEntry,
    LabEntry,
    NoteEntry,
    PersonProfile,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
    TrainingEntry,
)
from ..knowledge import KnowledgeBase
from ..services.journal import reason_label
from .output import (
    cited,
    console,
    fmt,
    new_table,
    note_line,
    plain,
    print_notes,
    say,
    sources_line,
)
from .safety_views import render_gate

if TYPE_CHECKING:
    from ..services.journal_external import ExternalResult

_UNITS = {"mg": "mg", "g": "g", "kcal": "kcal"}


def kind_name(kind: str) -> str:
    names = {
        "food": _("food"),
        "supplement": _("supplement"),
        "medication": _("medicine"),
        "symptom": _("symptom"),
        "sleep": _("sleep"),
        "training": _("training"),
        "lab": _("lab"),
        "weight": _("weight"),
        "note": _("note"),
    }
    return names.get(kind, kind)


def render_profile(person: PersonProfile) -> None:
    console.print(_("Profile {name}").format(name=plain(person.name)), style="bold")
    rows = [
        (_("Sex"), person.sex),
        (_("Age"), _("{age} (given on {day})").format(
            age=fmt(person.age_years, 0), day=person.age_on.isoformat())),
        (_("Reference system"), person.system),
        (_("Pregnant"), _("yes") if person.pregnant else _("no")),
        (_("Breastfeeding"), _("yes") if person.lactating else _("no")),
        (_("Weight"), fmt(person.weight_kg, 1, "kg")),
        (_("Height"), fmt(person.height_cm, 0, "cm")),
        (_("eGFR"), fmt(person.egfr, 0)),
        (_("Dialysis"), _("yes") if person.dialysis else _("no")),
        (_("Activity"), person.activity or "—"),
    ]  # fmt: skip
    reasons = ", ".join(reason_label(reason) for reason in person.reasons)
    rows.append((_("Why you came"), reasons or "—"))
    for label, value in rows:
        console.print(f"  {label}: {plain(str(value))}")
    if person.medicines:
        console.print(f"  {_('Medicines')}:")
        for med in person.medicines:
            times = ", ".join(format_time(t) for t in med.times) or _("time unknown")
            if not med.frequency.daily:
                times += f", {med.frequency.label.get(get_language())}"
            console.print(f"    • {plain(med.name)} ({plain(times)})")


def render_profiles(people: list[PersonProfile]) -> None:
    if not people:
        console.print(_("No profiles yet: mgcoach profile set --age YEARS --sex female|male."))
        return
    table = new_table(_("Profiles"), _("Name"), _("Sex"), _("Age"), _("System"))
    for person in people:
        table.add_row(person.name, person.sex, fmt(person.age_years, 0), person.system)
    console.print(table)


def _symptom_summary(entry: SymptomEntry) -> str:
    parts = []
    if entry.count is not None:
        parts.append(_("{n}×").format(n=entry.count))
    if entry.severity is not None:
        parts.append(_("severity {value}/10").format(value=fmt(entry.severity, 0)))
    if entry.location:
        parts.append(entry.location)
    if entry.night:
        parts.append(_("at night"))
    return ", ".join(parts)


def _summary(entry: Entry) -> str:
    match entry:
        case FoodEntry():
            mg = fmt(entry.magnesium_mg, 0, "mg Mg")
            if entry.grams is None:
                return f"{food_amount(entry)} · {mg}"
            return f"{food_amount(entry)} ({fmt(entry.grams, 0, 'g')}) · {mg}"
        case SupplementEntry():
            return fmt(entry.elemental_mg, 0, _("mg elemental Mg"))
        case SymptomEntry():
            return _symptom_summary(entry)
        case SleepEntry():
            text = fmt(entry.hours, 1, "h")
            if entry.quality is None:
                return text
            return _("{hours}, quality {value}/10").format(hours=text, value=fmt(entry.quality, 0))
        case TrainingEntry():
            text = fmt(entry.minutes, 0, "min")
            return text if entry.rpe is None else f"{text}, RPE {fmt(entry.rpe, 0)}"
        case LabEntry():
            return f"{fmt(entry.value, 2)} {entry.unit}"
        case _:
            return ""


def render_logged(kb: KnowledgeBase, entry: Entry, *, changed: bool = False) -> None:
    """The entry just logged, or with ``changed`` just edited, in one line."""
    time = format_time(entry.time) if entry.time is not None else "—"
    template = (
        _("Changed #{id}: {kind} {label} on {day} at {time}. {summary}")
        if changed
        else _("Logged #{id}: {kind} {label} on {day} at {time}. {summary}")
    )
    say(
        template,
        id=entry.id,
        kind=kind_name(entry.kind),
        label=entry_label(kb, entry),
        day=entry.day.isoformat(),
        time=time,
        summary=_summary(entry),
    )


def render_entries(kb: KnowledgeBase, profile: str, entries: list[Entry]) -> None:
    if not entries:
        say(_("No entries for {profile} on these days."), profile=profile)
        return
    table = new_table(
        _("Journal of {profile}").format(profile=profile),
        _("Id"), _("Day"), _("Time"), _("Kind"), _("What"), _("Details"),
    )  # fmt: skip
    for entry in entries:
        table.add_row(
            str(entry.id),
            entry.day.isoformat(),
            format_time(entry.time) if entry.time is not None else "—",
            kind_name(entry.kind),
            entry_label(kb, entry),
            _summary(entry)
            + (f" — {entry.note}" if entry.note and not isinstance(entry, NoteEntry) else ""),
        )
    console.print(table)


def render_day(kb: KnowledgeBase, result: DayAssessment, profile: str) -> None:
    lang = get_language()
    render_gate(result.safety.gate)
    title = _("{day} — {profile} ({system})").format(
        day=result.day.isoformat(), profile=profile, system=result.system.value
    )
    table = new_table(
        title, _("Nutrient"), _("Food"), _("Supplements"), _("Total"), _("Target"), "%",
        _("Unknown"),
    )  # fmt: skip
    names = {
        "magnesium": _("Magnesium"), "calcium": _("Calcium"), "potassium": _("Potassium"),
        "sodium": _("Sodium"), "zinc": _("Zinc"), "energy_kcal": _("Energy"),
        "protein_g": _("Protein"),
    }  # fmt: skip
    for item in result.nutrients:
        unit = _UNITS.get(item.unit, item.unit)
        digits = 1 if item.key == "zinc" else 0
        table.add_row(
            names[item.key],
            fmt(item.food, digits, unit),
            fmt(item.supplement, digits, unit) if item.key == "magnesium" else "—",
            fmt(item.total, digits, unit),
            fmt(item.target, digits, unit),
            fmt(item.percent_of_target, 0),
            str(item.unknown_entries) if item.unknown_entries else "",
        )
    console.print(table)
    ul = result.safety.upper_limit
    if ul.supplemental_ul_mg is not None:
        console.print(
            _("Supplements: {mg} of at most {ul} mg a day (food does not count).").format(
                mg=fmt(ul.supplemental_mg, 0, "mg"), ul=fmt(ul.supplemental_ul_mg, 0)
            )
        )
    if result.top_sources:
        console.print(_("Where the magnesium came from:"), style="bold")
        for source in result.top_sources:
            name = source.name_nl if lang == "nl" and source.name_nl else source.name
            console.print(f"  • {plain(name)}: {fmt(source.magnesium_mg, 0, 'mg')}")
    for value in result.ratios.values():
        if value is None:
            continue
        ratio = value.ratio
        line = f"{ratio.name.get(lang)}: {fmt(value.value, 2)} — {ratio.context.get(lang)}"
        console.print(plain(line) + cited(ratio.sources))
    if result.issues:
        console.print(_("To know:"), style="bold")
        for finding in result.issues:
            console.print(f"  • {note_line(finding.message)}")
    _render_risk(result)
    sources_line(_day_sources(result))


def _render_risk(result: DayAssessment) -> None:
    """The risk grade with its reasons (each with its sources)."""
    risk = result.risk
    grades = {"low": _("low"), "moderate": _("moderate"), "high": _("high")}
    console.print(_("Risk screen: {grade} (not a diagnosis).").format(grade=grades[risk.grade]))
    for reason in risk.reasons:
        console.print(f"  • {note_line(reason.message)}")
    for flag in risk.red_flags:
        console.print(f"  ! {note_line(flag.message)}", style="bold red")
    print_notes(risk.notes)


def _day_sources(result: DayAssessment) -> list[str]:
    """Every source the day cites (as the JSON's source_list)."""
    ids = [s for item in result.nutrients for s in item.sources]
    ids += result.safety.upper_limit.sources
    ids += [s for finding in result.issues for s in finding.message.sources]
    ids += [s for value in result.ratios.values() if value is not None for s in value.ratio.sources]
    return ids


def render_external(result: ExternalResult) -> None:
    data = result.as_dict()
    say(
        _("Imported {foods} and {supplements} over {days} into {profile}."),
        foods=counted("{count} food entry", "{count} food entries", result.foods),
        supplements=counted("{count} supplement", "{count} supplements", result.supplements),
        days=counted("{count} day", "{count} days", result.days),
        profile=result.profile,
    )  # fmt: skip
    if result.already_imported:
        console.print(
            ngettext(
                "{count} entry was already in the journal and was left as it is.",
                "{count} entries were already in the journal and were left as they are.",
                result.already_imported,
            ).format(count=result.already_imported)
        )
    for item in data["report"]["files"]:
        message = (
            _("{file} ({kind}): {read} read, {used} used, {ignored} ignored (another file "
              "gives those days), {skipped} skipped.")
            if item["ignored"]
            else _("{file} ({kind}): {read} read, {used} used, {skipped} skipped.")
        )  # fmt: skip
        say(
            message, file=item["file"], kind=item["kind_text"],
            read=counted("{count} row", "{count} rows", item["read"]),
            used=item["used"], ignored=item["ignored"], skipped=item["skipped_total"],
        )  # fmt: skip
        for example in item["examples"]:
            say(
                _("  line {line}: {reason} {detail}"),
                line=example["line"], reason=example["reason_text"], detail=example["detail"],
            )  # fmt: skip
    for note in data["report"]["notes"]:
        console.print(f"• {plain(note['text'])}")
