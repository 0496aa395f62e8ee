"""Supplement chemistry: compound mass <-> elemental magnesium, from a name or a label line."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..errors import InputError, UnknownCompoundError
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.chemistry import MAGNESIUM_VALENCE
from ..knowledge.records import Text
from ..units import AmountUnit, amount_to_mg, mg_to_mmol
from .compound_names import CompoundMatch, find_compound
from .labels import LabelReading, parse_label
from .notes import Note

MAX_DOSE_MG = 100_000.0


class ElementalResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    compound: str | None
    compound_name: Text | None
    family: str | None
    formula: str | None
    hydrate: str | None
    molar_mass_g_per_mol: float | None
    elemental_fraction: float | None
    compound_mg: float | None
    elemental_mg: float
    elemental_mmol: float
    elemental_meq: float
    form_assumed: bool
    label_states_elemental: bool
    label: LabelReading | None = None
    absorption_evidence: str | None = None
    notes: tuple[Note, ...]
    sources: tuple[str, ...]


def _check_dose(dose_mg: float) -> None:
    if not 0 < dose_mg <= MAX_DOSE_MG:
        raise InputError(
            N_("A dose must be more than 0 and at most {max} mg; {dose} is not possible."),
            max=int(MAX_DOSE_MG),
            dose=dose_mg,
        )


def _notes(match: CompoundMatch | None) -> tuple[Note, ...]:
    if match is None:
        return ()
    compound, family = match.compound, match.family
    notes: list[Note] = []
    if match.form_assumed:
        notes.append(
            Note(
                code="default_form",
                message=N_(
                    "{family} was read as {form}. Other forms of this salt hold a different "
                    "share of magnesium: name the form for an exact figure."
                ),
                params={"family": family.name, "form": compound.name},
                text=None,
            )
        )
    notes.extend(
        Note.from_text(f"{compound.slug}.note{i}", note.text, note.sources, bool(note.verify))
        for i, note in enumerate(compound.notes, start=1)
    )
    notes.append(
        Note.from_text("absorption", family.absorption, family.sources, bool(family.verify))
    )
    notes.append(Note.from_text("tolerance", family.tolerance, family.sources, bool(family.verify)))
    return tuple(notes)


def _result(
    match: CompoundMatch | None,
    *,
    compound_mg: float | None,
    elemental_mg: float,
    label: LabelReading | None = None,
    states_elemental: bool = False,
) -> ElementalResult:
    compound = match.compound if match else None
    sources: tuple[str, ...] = ()
    if match is not None:
        sources = tuple(dict.fromkeys(match.compound.sources + match.family.sources))
    notes = _notes(match)
    if states_elemental:
        notes = (
            Note(
                code="label_states_elemental",
                message=N_("The label states elemental magnesium, so its number is not converted."),
            ),
            *notes,
        )
    mmol = mg_to_mmol(elemental_mg)
    return ElementalResult(
        compound=compound.slug if compound else None,
        compound_name=compound.name if compound else None,
        family=match.family.slug if match else None,
        formula=compound.formula if compound else None,
        hydrate=compound.hydrate if compound else None,
        molar_mass_g_per_mol=compound.molar_mass_g_per_mol if compound else None,
        elemental_fraction=compound.elemental_fraction if compound else None,
        compound_mg=compound_mg,
        elemental_mg=elemental_mg,
        elemental_mmol=mmol,
        elemental_meq=mmol * MAGNESIUM_VALENCE,
        form_assumed=match.form_assumed if match else False,
        label_states_elemental=states_elemental,
        label=label,
        absorption_evidence=match.family.absorption_evidence if match else None,
        notes=notes,
        sources=sources,
    )


def from_compound(kb: KnowledgeBase, name: str, compound_mg: float) -> ElementalResult:
    """Elemental magnesium in ``compound_mg`` of the named compound."""
    _check_dose(compound_mg)
    match = find_compound(kb, name)
    return _result(
        match,
        compound_mg=compound_mg,
        elemental_mg=match.compound.elemental_mg(compound_mg),
    )


def to_compound(kb: KnowledgeBase, name: str, elemental_mg: float) -> ElementalResult:
    """How much of the named compound holds ``elemental_mg`` of magnesium."""
    _check_dose(elemental_mg)
    match = find_compound(kb, name)
    return _result(
        match,
        compound_mg=match.compound.compound_mg(elemental_mg),
        elemental_mg=elemental_mg,
    )


def from_label(kb: KnowledgeBase, text: str) -> ElementalResult:
    """Elemental magnesium from a label line; an amount stated as elemental is kept as is."""
    reading = parse_label(text)
    if reading.states_elemental:
        elemental_mg = amount_to_mg(reading.amount, reading.unit)
        _check_dose(elemental_mg)
        match = None
        if reading.compound_text:
            try:
                match = find_compound(kb, reading.compound_text)
            except UnknownCompoundError:
                match = None
        compound_mg = match.compound.compound_mg(elemental_mg) if match else None
        return _result(
            match,
            compound_mg=compound_mg,
            elemental_mg=elemental_mg,
            label=reading,
            states_elemental=True,
        )
    compound_mg = amount_to_mg(reading.amount, reading.unit)
    _check_dose(compound_mg)
    assert reading.compound_text is not None
    match = find_compound(kb, reading.compound_text)
    return _result(
        match,
        compound_mg=compound_mg,
        elemental_mg=match.compound.elemental_mg(compound_mg),
        label=reading,
    )


def amount(value: float, unit: AmountUnit) -> dict[str, float]:
    """An amount of elemental magnesium in mg, mmol and mEq."""
    if value <= 0:
        raise InputError(N_("An amount must be more than 0."))
    mg = amount_to_mg(value, unit)
    mmol = mg_to_mmol(mg)
    return {"mg": mg, "mmol": mmol, "meq": mmol * MAGNESIUM_VALENCE}
