"""Serum magnesium: convert between units and classify against the reference range.

A value is classified in the unit it was given, against band limits converted to that unit
at the precision laboratories report it in (serum.toml), so the published range in each unit
(0.75–0.95 mmol/L = 1.8–2.3 mg/dL = 1.5–1.9 mEq/L) holds at its edges. A laboratory's own
range replaces low/normal/high; the very-low and very-high red flags always stay.

A number copied with the wrong unit is common (2.0 mg/dL is normal, 2.0 mmol/L is toxic). When
the value is not normal in its own unit but the same number is normal in another, the result
keeps the given unit's classification and adds both readings, so the user checks the unit.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from ..errors import InputError
from ..frozen import frozen
from ..i18n import LANGUAGES, N_
from ..i18n.cldr_numbers import format_decimal
from ..knowledge import KnowledgeBase
from ..knowledge.records import Text
from ..knowledge.serum import SerumBand
from ..units import SerumUnit, mmol_per_l_to, serum_to_mmol_per_l
from .notes import Note

PLAUSIBLE_MAX_MMOL_PER_L = 20.0
MAX_SHOWN_DECIMALS = 4

# The check-the-unit note, by the detail of the given unit's reading.
CHECK_UNIT = {
    "severe_low": N_(
        "{value} {unit} is very low; if your report says {other_unit}, {value} {other_unit} "
        "is normal — check the unit."
    ),
    "low": N_(
        "{value} {unit} is low; if your report says {other_unit}, {value} {other_unit} is "
        "normal — check the unit."
    ),
    "high": N_(
        "{value} {unit} is high; if your report says {other_unit}, {value} {other_unit} is "
        "normal — check the unit."
    ),
    "very_high": N_(
        "{value} {unit} is very high; if your report says {other_unit}, {value} {other_unit} "
        "is normal — check the unit."
    ),
}


@frozen(kw_only=True)
class Reading:
    """The same number read in another unit, against the published range of that unit."""

    unit: SerumUnit
    status: str
    detail: str


@frozen(kw_only=True)
class SerumResult:
    value: float
    unit: SerumUnit
    mmol_per_l: float
    mg_per_dl: float
    meq_per_l: float
    status: str
    status_detail: str
    red_flag: bool
    lab_range: tuple[float, float] | None
    reference_range: dict[str, tuple[float, float]]
    advice: Note
    notes: tuple[Note, ...]
    sources: tuple[str, ...]
    # Filled only when another unit reads normal and the given one does not (see CHECK_UNIT).
    other_readings: tuple[Reading, ...] = ()


def _limit_in_unit(kb: KnowledgeBase, limit_mmol_per_l: float, unit: SerumUnit) -> Decimal:
    return _rounded(limit_mmol_per_l, unit, kb.serum.unit(unit.value).reporting_decimals)


@cache  # a few band limits × three units (the unit conversion, once per limit)
def _rounded(limit_mmol_per_l: float, unit: SerumUnit, decimals: int) -> Decimal:
    exact = Decimal(repr(mmol_per_l_to(limit_mmol_per_l, unit)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _below(value: Decimal, limit: Decimal, inclusive: bool) -> bool:
    return value <= limit if inclusive else value < limit


def _band(kb: KnowledgeBase, value: float, unit: SerumUnit) -> SerumBand:
    number = Decimal(repr(value))
    for band in kb.serum.bands:
        if band.upper_mmol_per_l is None:
            return band
        if _below(number, _limit_in_unit(kb, band.upper_mmol_per_l, unit), band.upper_inclusive):
            return band
    raise AssertionError("the last band has no upper limit")


def _with_lab_range(
    kb: KnowledgeBase, band: SerumBand, value: float, lab_range: tuple[float, float]
) -> SerumBand:
    if band.red_flag:
        return band
    low, high = lab_range
    detail = "low" if value < low else "normal" if value <= high else "high"
    return kb.serum.band(detail)


def _other_readings(
    kb: KnowledgeBase, value: float, unit: SerumUnit, status: str
) -> tuple[Reading, ...]:
    """``value`` in every other unit, when one of them is normal and ``status`` is not."""
    if status == "normal":
        return ()
    readings = []
    for other in SerumUnit:
        if other is not unit:
            band = _band(kb, value, other)
            readings.append(Reading(unit=other, status=band.status, detail=band.detail))
    return tuple(readings) if any(r.status == "normal" for r in readings) else ()


def _as_typed(value: float) -> Text:
    """``value`` with the decimals it was given (2.0 stays "2.0", as on a report), per language."""
    exponent = Decimal(repr(value)).as_tuple().exponent
    decimals = min(max(1, -exponent if isinstance(exponent, int) else 1), MAX_SHOWN_DECIMALS)
    pattern = "#,##0." + "0" * decimals
    texts = {lang: format_decimal(value, lang, pattern) for lang in LANGUAGES}
    return Text(**texts)


def _check_unit_notes(
    kb: KnowledgeBase, value: float, unit: SerumUnit, detail: str, readings: tuple[Reading, ...]
) -> list[Note]:
    sources = kb.serum.band("normal").sources
    return [
        Note(
            code="check_unit",
            message=CHECK_UNIT[detail],
            params={"value": _as_typed(value), "unit": unit.value, "other_unit": r.unit.value},
            sources=sources,
        )
        for r in readings
        if r.status == "normal"
    ]


def classify(
    kb: KnowledgeBase,
    value: float,
    unit: SerumUnit,
    lab_range: tuple[float, float] | None = None,
) -> SerumResult:
    """Convert ``value`` to every unit and classify it.

    Cost: constant (three units, one range)."""
    mmol = serum_to_mmol_per_l(value, unit)
    if not 0 < mmol <= PLAUSIBLE_MAX_MMOL_PER_L:
        raise InputError(
            N_("A serum magnesium of {value} {unit} is not possible."),
            field="value",
            value=value,
            unit=unit.value,
        )
    if lab_range is not None and not 0 < lab_range[0] < lab_range[1]:
        raise InputError(
            N_("A laboratory range needs a low and a higher high value."), field="lab_range"
        )
    band = _band(kb, value, unit)
    if lab_range is not None:
        band = _with_lab_range(kb, band, value, lab_range)
    low_band, normal_band = kb.serum.band("low"), kb.serum.band("normal")
    assert low_band.upper_mmol_per_l is not None and normal_band.upper_mmol_per_l is not None
    reference = {
        u.value: (
            float(_limit_in_unit(kb, low_band.upper_mmol_per_l, u)),
            float(_limit_in_unit(kb, normal_band.upper_mmol_per_l, u)),
        )
        for u in SerumUnit
    }
    slugs = ["normal_does_not_exclude_low_stores"] if band.status != "high" else []
    slugs += ["test_before_dose", "lab_range_differs"]
    readings = _other_readings(kb, value, unit, band.status)
    notes = _check_unit_notes(kb, value, unit, band.detail, readings)  # the mix-up first
    for note in (kb.serum.note(slug) for slug in slugs):
        notes.append(Note.from_text(note.slug, note.text, note.sources, bool(note.verify)))
    sources = band.sources + tuple(s for n in notes for s in n.sources)
    return SerumResult(
        value=value,
        unit=unit,
        mmol_per_l=mmol,
        mg_per_dl=mmol_per_l_to(mmol, SerumUnit.MG_PER_DL),
        meq_per_l=mmol_per_l_to(mmol, SerumUnit.MEQ_PER_L),
        status=band.status,
        status_detail=band.detail,
        red_flag=band.red_flag,
        lab_range=lab_range,
        reference_range=reference,
        advice=Note.from_text(band.detail, band.advice, band.sources, bool(band.verify)),
        notes=tuple(notes),
        sources=tuple(dict.fromkeys(sources)),
        other_readings=readings,
    )
