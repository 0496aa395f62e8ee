"""Supplement chemistry: compound mass <-> elemental magnesium, from a name or a label line.

A number that may be either (a label that only names the compound, or a bare "glycinate 200")
gets both readings; the top-level figures keep the compound reading, and a caller that stores
an intake must have the person choose (``require_basis``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import AmbiguousDoseError, InputError, UnknownCompoundError, about
from ..i18n import N_, get_language
from ..knowledge import KnowledgeBase
from ..knowledge.chemistry import MAGNESIUM_VALENCE
from ..knowledge.compound_names import CompoundMatch, find_compound
from ..knowledge.records import Text
from ..units import AmountUnit, amount_to_mg, mg_to_mmol
from .labels import BASES, Basis, LabelReading, parse_label
from .notes import Note

MAX_DOSE_MG = 100_000.0
# The question of an ambiguous number, as a note of the result (shown by `elemental --label`).
AMBIGUOUS_NOTE = N_(
    "Is {amount} {unit} the magnesium itself or the whole tablet? As the whole tablet of "
    "{compound}, it holds {as_compound} mg magnesium; as the magnesium itself, {as_elemental} "
    "mg. Look for 'magnesium {amount} {unit}' or 'of which magnesium' on the label: that is the "
    "magnesium itself."
)
# The same question when an intake is logged without the answer: each face says how to answer
# it (the command line's --as in cli/hints.py, the API's "as", a page's question).
AMBIGUOUS_DOSE = AMBIGUOUS_NOTE


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One way to read a dose: as the compound's mass or as the magnesium itself."""

    basis: Basis
    elemental_mg: float
    compound_mg: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ElementalResult:
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
    # What the top-level figures read the number as; an ambiguous number has both readings
    # (compound first, as the figures), a clear one only its own.
    basis: Basis = "compound"
    ambiguous: bool = False
    readings: tuple[Reading, ...] = ()
    # An ambiguous number's question: amount, unit, compound (the family's name) and the
    # magnesium of each reading, as_compound and as_elemental (whole mg).
    question: dict[str, str | int | float | Text] | None = None


def _check_dose(dose_mg: float, field: str = "dose_mg") -> None:
    """The dose of the input ``field`` is one a tablet can have."""
    if not 0 < dose_mg <= MAX_DOSE_MG:
        raise InputError(
            N_("A dose must be more than 0 and at most {max} mg; {dose} is not possible."),
            field=field,
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


def check_basis(basis: str | None) -> Basis | None:
    """``compound``, ``elemental`` or None (not said); InputError for anything else."""
    if basis is None:
        return None
    for known in BASES:
        if basis.strip().lower() == known:
            return known
    raise InputError(
        N_("Say compound or elemental, not {basis}."), field="basis", basis=basis.strip()
    )


def _question(
    match: CompoundMatch, amount: float, unit: str, as_compound: float, as_elemental: float
) -> dict[str, str | int | float | Text]:
    """The parameters of the question "is {amount} {unit} the magnesium or the tablet?"."""
    name = match.family.name
    return {
        "amount": int(amount) if float(amount).is_integer() else amount,
        "unit": unit,
        # In the middle of a sentence: "the whole tablet of magnesium citrate".
        "compound": Text(
            en=name.en[:1].lower() + name.en[1:], nl=name.nl[:1].lower() + name.nl[1:]
        ),
        "as_compound": round(as_compound),
        "as_elemental": round(as_elemental),
    }


def _result(
    match: CompoundMatch | None,
    *,
    compound_mg: float | None,
    elemental_mg: float,
    label: LabelReading | None = None,
    states_elemental: bool = False,
    basis: Basis = "compound",
    readings: tuple[Reading, ...] = (),
    given: tuple[float, str] | None = None,
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
    question = None
    if len(readings) > 1 and match is not None and given is not None:
        question = _question(match, *given, readings[0].elemental_mg, readings[1].elemental_mg)
        notes = (Note(code="label_ambiguous", message=AMBIGUOUS_NOTE, params=question), *notes)
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
        basis=basis,
        ambiguous=question is not None,
        readings=readings
        or (Reading(basis=basis, elemental_mg=elemental_mg, compound_mg=compound_mg),),
        question=question,
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
    _check_dose(elemental_mg, "elemental_mg")
    match = find_compound(kb, name)
    return _result(
        match,
        compound_mg=match.compound.compound_mg(elemental_mg),
        elemental_mg=elemental_mg,
        basis="elemental",
    )


def _both(match: CompoundMatch, dose_mg: float) -> tuple[Reading, Reading]:
    """``dose_mg`` read as the compound's mass, then as the magnesium itself."""
    return (
        Reading(
            basis="compound", elemental_mg=match.compound.elemental_mg(dose_mg), compound_mg=dose_mg
        ),
        Reading(
            basis="elemental", elemental_mg=dose_mg, compound_mg=match.compound.compound_mg(dose_mg)
        ),
    )


def _chosen(
    match: CompoundMatch,
    dose_mg: float,
    basis: Basis | None,
    given: tuple[float, str],
    label: LabelReading | None = None,
) -> ElementalResult:
    """A number that may be either: the reading ``basis`` names, or (None) both readings with
    the compound one on top."""
    readings = _both(match, dose_mg)
    chosen = readings[1] if basis == "elemental" else readings[0]
    return _result(
        match,
        compound_mg=chosen.compound_mg,
        elemental_mg=chosen.elemental_mg,
        label=label,
        basis=chosen.basis,
        readings=readings if basis is None else (chosen,),
        given=given,
    )


def from_dose(kb: KnowledgeBase, name: str, dose_mg: float, basis: Basis | None) -> ElementalResult:
    """A dose typed as COMPOUND DOSE_MG, which may be the compound's mass or the magnesium:
    the reading ``basis`` names, or both when it is None."""
    _check_dose(dose_mg)
    return _chosen(find_compound(kb, name), dose_mg, basis, (dose_mg, "mg"))


def from_label(kb: KnowledgeBase, text: str, basis: Basis | None = None) -> ElementalResult:
    """Elemental magnesium from a label line. An amount the label states as magnesium is kept
    as is; an ambiguous one is read as ``basis`` says, or (None) both ways."""
    reading = parse_label(text)
    if reading.states_elemental:
        if basis == "compound":
            raise InputError(
                N_(
                    "The label says {amount} {unit} is the magnesium itself, so it cannot be "
                    "read as the whole tablet."
                ),
                field="basis",
                amount=reading.amount,
                unit=reading.unit.value,
            )
        elemental_mg = amount_to_mg(reading.amount, reading.unit)
        _check_dose(elemental_mg, "label")
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
            basis="elemental",
            given=(reading.amount, reading.unit.value),
        )
    dose_mg = amount_to_mg(reading.amount, reading.unit)
    _check_dose(dose_mg, "label")
    assert reading.compound_text is not None
    with about("label"):
        match = find_compound(kb, reading.compound_text)
    return _chosen(match, dose_mg, basis, (reading.amount, reading.unit.value), reading)


def require_basis(result: ElementalResult, message: str = AMBIGUOUS_DOSE) -> None:
    """AmbiguousDoseError naming both readings when ``result`` still has two: an intake is
    never stored on a guess."""
    if result.question is not None:
        raise AmbiguousDoseError(message, field="basis", **question_params(result))


def question_params(result: ElementalResult) -> dict[str, str | int | float]:
    """The question's parameters in the current language (empty when there is no question)."""
    lang = get_language()
    return {
        key: value.get(lang) if isinstance(value, Text) else value
        for key, value in (result.question or {}).items()
    }


def amount(value: float, unit: AmountUnit) -> dict[str, float]:
    """An amount of elemental magnesium in mg, mmol and mEq."""
    if value <= 0:
        raise InputError(N_("An amount must be more than 0."), field="value")
    mg = amount_to_mg(value, unit)
    mmol = mg_to_mmol(mg)
    return {"mg": mg, "mmol": mmol, "meq": mmol * MAGNESIUM_VALENCE}
